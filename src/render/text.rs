//! The one text-measuring function used by layout, canvas and exports, over the bundled fonts.
//! Measuring from the font files themselves (not from a window) keeps every output the same size.

use std::sync::OnceLock;

use super::drawing::FontWeight;

pub static REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
pub static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
/// The family name inside both bundled files; exports refer to it by this name.
pub const FONT_FAMILY: &str = "Noto Sans";

struct FontMetrics {
    units_per_em: f32,
    ascender: f32,
    descender: f32,
    /// Advance widths in font units for the first 0x3000 code points (covers Latin, punctuation, £, €, –).
    advances: Vec<u16>,
    fallback_advance: u16,
    /// The advances of ASCII, looked up without bounds checks or decoding (most card text is ASCII).
    ascii: [u16; 128],
}

impl FontMetrics {
    fn from_bytes(bytes: &'static [u8]) -> Self {
        // The bundled fonts are part of the binary and known to parse; an unparsable font is a build defect,
        // so degrade to a crude fixed-width estimate rather than fail a user's export.
        let Ok(face) = ttf_parser::Face::parse(bytes, 0) else {
            return Self {
                units_per_em: 1000.0,
                ascender: 1069.0,
                descender: -293.0,
                advances: Vec::new(),
                fallback_advance: 560,
                ascii: [560; 128],
            };
        };
        let glyph_advance = |c: char| {
            face.glyph_index(c)
                .and_then(|glyph| face.glyph_hor_advance(glyph))
        };
        let fallback_advance = glyph_advance('?').unwrap_or(500);
        let advances = (0u32..0x3000)
            .map(|code| {
                char::from_u32(code)
                    .and_then(glyph_advance)
                    .unwrap_or(fallback_advance)
            })
            .collect::<Vec<u16>>();
        let mut ascii = [fallback_advance; 128];
        for (slot, advance) in ascii.iter_mut().zip(&advances) {
            *slot = *advance;
        }
        Self {
            units_per_em: f32::from(face.units_per_em()),
            ascender: f32::from(face.ascender()),
            descender: f32::from(face.descender()),
            advances,
            fallback_advance,
            ascii,
        }
    }

    /// The summed advances of `text`, as summing `advance` over its characters gives them.
    fn units(&self, text: &str) -> u64 {
        if text.is_ascii() {
            text.bytes()
                .map(|b| u64::from(self.ascii[usize::from(b & 0x7f)]))
                .sum()
        } else {
            text.chars().map(|c| u64::from(self.advance(c))).sum()
        }
    }

    fn advance(&self, c: char) -> u16 {
        self.advances
            .get(c as usize)
            .copied()
            .unwrap_or(self.fallback_advance)
    }
}

fn metrics(weight: FontWeight) -> &'static FontMetrics {
    static REGULAR: OnceLock<FontMetrics> = OnceLock::new();
    static BOLD: OnceLock<FontMetrics> = OnceLock::new();
    match weight {
        FontWeight::Regular => REGULAR.get_or_init(|| FontMetrics::from_bytes(REGULAR_TTF)),
        FontWeight::Bold => BOLD.get_or_init(|| FontMetrics::from_bytes(BOLD_TTF)),
    }
}

/// Width of one row of text in chart units.
pub fn text_width(text: &str, size: f32, weight: FontWeight) -> f32 {
    let m = metrics(weight);
    // u64: a card's text may run to millions of characters, whose advances overflow a u32.
    m.units(text) as f32 * size / m.units_per_em
}

/// Distance from the top of a row to its baseline.
pub fn ascent(size: f32, weight: FontWeight) -> f32 {
    let m = metrics(weight);
    m.ascender * size / m.units_per_em
}

/// Height of one row (ascent + descent), the step between wrapped rows.
pub fn line_height(size: f32, weight: FontWeight) -> f32 {
    let m = metrics(weight);
    (m.ascender - m.descender) * size / m.units_per_em
}

/// Breaks `text` into rows no wider than `max_width`, at spaces where possible; a single word wider than
/// `max_width` is broken between characters so that no row ever overflows. One pass: each row's width is
/// summed as it grows (in font units, as `text_width` sums it), never measured again from its start.
pub fn wrap(text: &str, size: f32, weight: FontWeight, max_width: f32) -> Vec<String> {
    let m = metrics(weight);
    let fits = |units: u64| units as f32 * size / m.units_per_em <= max_width;
    // Most card text (a name, a role) is one row already written with single spaces: it is that row.
    if single_spaced_units(text, m).is_some_and(fits) {
        return vec![text.to_owned()];
    }
    let mut made = MadeRows::default();
    if walk(text, m, fits, &mut made) || made.rows.is_empty() {
        made.rows.push(made.row);
    }
    made.rows
}

/// What [`walk`] does with the rows it finds: [`wrap`] makes them, [`row_count`] counts them.
trait Rows {
    /// Adds a word to the row being filled, after a space when `spaced` (the row holds text already).
    fn add_word(&mut self, word: &str, spaced: bool);
    fn add_char(&mut self, c: char);
    /// Ends the row being filled, which holds text.
    fn end_row(&mut self);
}

#[derive(Default)]
struct MadeRows {
    rows: Vec<String>,
    row: String,
}

impl Rows for MadeRows {
    fn add_word(&mut self, word: &str, spaced: bool) {
        if spaced {
            self.row.push(' ');
        }
        self.row.push_str(word);
    }

    fn add_char(&mut self, c: char) {
        self.row.push(c);
    }

    fn end_row(&mut self) {
        self.rows.push(std::mem::take(&mut self.row));
    }
}

struct CountedRows(usize);

impl Rows for CountedRows {
    fn add_word(&mut self, _: &str, _: bool) {}

    fn add_char(&mut self, _: char) {}

    fn end_row(&mut self) {
        self.0 += 1;
    }
}

/// Wrapping's steps: words join the row being filled while it fits, and a word too wide for any row is
/// broken between characters. Returns whether the last row holds text (it is not ended here).
fn walk(text: &str, m: &FontMetrics, fits: impl Fn(u64) -> bool, rows: &mut impl Rows) -> bool {
    let advance = |c: char| u64::from(m.advance(c));
    let space = advance(' ');
    // The row being filled: its width, and whether it holds any text.
    let (mut row_units, mut row_empty) = (0u64, true);
    for word in text.split_whitespace() {
        let word_units = m.units(word);
        let joined = if row_empty {
            word_units
        } else {
            row_units + space + word_units
        };
        if fits(joined) {
            rows.add_word(word, !row_empty);
            row_units = joined;
            row_empty = false;
            continue;
        }
        if !row_empty {
            rows.end_row();
        }
        if fits(word_units) {
            rows.add_word(word, false);
            row_units = word_units;
            row_empty = false;
            continue;
        }
        row_units = 0;
        let mut row_chars = 0usize;
        for c in word.chars() {
            let width = advance(c);
            if !fits(row_units + width) && row_chars > 0 {
                rows.end_row();
                row_units = 0;
                row_chars = 0;
            }
            rows.add_char(c);
            row_units += width;
            row_chars += 1;
        }
        row_empty = row_chars == 0;
    }
    !row_empty
}

/// The width of `text` in font units when `wrap` would give it back unchanged as one row if it fits: not
/// empty, no whitespace at either end, and words parted by single spaces (`None` otherwise). Rows only
/// grow as words join them, so a text that fits whole never breaks.
fn single_spaced_units(text: &str, m: &FontMetrics) -> Option<u64> {
    let (mut units, mut after_space) = (0u64, true);
    if text.is_ascii() {
        for b in text.bytes() {
            if b.is_ascii_whitespace() || b == 0x0b {
                if b != b' ' || after_space {
                    return None;
                }
                after_space = true;
            } else {
                after_space = false;
            }
            units += u64::from(m.ascii[usize::from(b & 0x7f)]);
        }
        return (!after_space).then_some(units);
    }
    for c in text.chars() {
        if c.is_whitespace() {
            if c != ' ' || after_space {
                return None;
            }
            after_space = true;
        } else {
            after_space = false;
        }
        units += u64::from(m.advance(c));
    }
    (!after_space).then_some(units)
}

/// How many rows `wrap` gives, without making them (a card widens step by step until its name takes few
/// enough rows). The same steps as `wrap`, counting rows where it pushes them.
pub fn row_count(text: &str, size: f32, weight: FontWeight, max_width: f32) -> usize {
    let m = metrics(weight);
    let fits = |units: u64| units as f32 * size / m.units_per_em <= max_width;
    if single_spaced_units(text, m).is_some_and(fits) {
        return 1;
    }
    let mut counted = CountedRows(0);
    if walk(text, m, fits, &mut counted) || counted.0 == 0 {
        counted.0 += 1;
    }
    counted.0
}

/// `text` on one row at most `max_width` wide: whole, or its longest start (trailing spaces dropped) that
/// fits with an ellipsis after it; empty when not even the ellipsis fits. One pass over the text, however
/// long it is (a card's text may run to thousands of characters).
pub fn clip_to_width(text: &str, size: f32, weight: FontWeight, max_width: f32) -> String {
    if text_width(text, size, weight) <= max_width {
        return text.to_owned();
    }
    let m = metrics(weight);
    let scale = size / m.units_per_em;
    let room = max_width - text_width("…", size, weight);
    // Widths in font units, summed as `text_width` sums them; trailing spaces are not drawn.
    let (mut width, mut spaces) = (0u64, 0u64);
    let mut kept: Option<usize> = (room >= 0.0).then_some(0);
    let last = text.char_indices().last().map_or(0, |(at, _)| at);
    for (at, c) in text.char_indices() {
        if at == last {
            break;
        }
        let advance = u64::from(m.advance(c));
        width += advance;
        spaces = if c.is_whitespace() {
            spaces + advance
        } else {
            0
        };
        if (width - spaces) as f32 * scale <= room {
            kept = Some(at + c.len_utf8());
        }
    }
    kept.map_or_else(String::new, |end| format!("{}…", text[..end].trim_end()))
}

/// `wrap`, keeping at most `max_rows` rows (at least one); when text was left off, the last row kept ends
/// in an ellipsis.
pub fn wrap_clipped(
    text: &str,
    size: f32,
    weight: FontWeight,
    max_width: f32,
    max_rows: usize,
) -> Vec<String> {
    let mut rows = wrap(text, size, weight, max_width);
    let keep = max_rows.max(1);
    if rows.len() > keep {
        rows.truncate(keep);
        if let Some(last) = rows.last_mut() {
            while !last.is_empty() && text_width(&format!("{last}…"), size, weight) > max_width {
                last.pop();
            }
            *last = format!("{}…", last.trim_end());
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `wrap` as it was before it summed widths in one pass: measures each candidate row whole.
    fn wrap_by_remeasuring(
        text: &str,
        size: f32,
        weight: FontWeight,
        max_width: f32,
    ) -> Vec<String> {
        let mut rows = Vec::new();
        let mut row = String::new();
        for word in text.split_whitespace() {
            let candidate = if row.is_empty() {
                word.to_owned()
            } else {
                format!("{row} {word}")
            };
            if text_width(&candidate, size, weight) <= max_width {
                row = candidate;
                continue;
            }
            if !row.is_empty() {
                rows.push(std::mem::take(&mut row));
            }
            if text_width(word, size, weight) <= max_width {
                row = word.to_owned();
            } else {
                for c in word.chars() {
                    row.push(c);
                    if text_width(&row, size, weight) > max_width && row.chars().count() > 1 {
                        row.pop();
                        rows.push(std::mem::replace(&mut row, c.to_string()));
                    }
                }
            }
        }
        if !row.is_empty() || rows.is_empty() {
            rows.push(row);
        }
        rows
    }

    proptest::proptest! {
        #[test]
        fn rows_are_counted_as_wrap_makes_them(
            text in "[a-zA-Z£é–\\- \t\n]{0,80}( [A-Za-z]{20,40})?",
            max_width in 0.0f32..220.0,
            bold: bool,
        ) {
            let weight = if bold { FontWeight::Bold } else { FontWeight::Regular };
            proptest::prop_assert_eq!(
                row_count(&text, 13.0, weight, max_width),
                wrap(&text, 13.0, weight, max_width).len()
            );
        }

        #[test]
        fn one_pass_wrapping_breaks_rows_where_remeasuring_did(
            text in "[a-zA-Z£é–\\- \t]{0,80}( [A-Za-z]{20,40})?",
            max_width in 0.0f32..220.0,
            bold: bool,
        ) {
            let weight = if bold { FontWeight::Bold } else { FontWeight::Regular };
            proptest::prop_assert_eq!(
                wrap(&text, 13.0, weight, max_width),
                wrap_by_remeasuring(&text, 13.0, weight, max_width)
            );
        }
    }

    #[test]
    fn widths_of_very_long_text_do_not_overflow() {
        // A "W" is about 900 font units wide: a u32 sum wraps at about 4.8 million of them.
        let text = "W".repeat(6_000_000);
        let one = text_width("W", 10.0, FontWeight::Bold);
        let all = text_width(&text, 10.0, FontWeight::Bold);
        assert!((all / one - 6_000_000.0).abs() < 6_000.0, "{all} vs {one}");
    }

    #[test]
    fn bold_is_wider_than_regular() {
        let text = "Strategic Commissioning Board";
        let regular = text_width(text, 14.0, FontWeight::Regular);
        let bold = text_width(text, 14.0, FontWeight::Bold);
        assert!(regular > 100.0 && regular < 300.0, "{regular}");
        assert!(bold > regular);
    }

    #[test]
    fn width_scales_with_size() {
        let w10 = text_width("Policy unit", 10.0, FontWeight::Regular);
        let w20 = text_width("Policy unit", 20.0, FontWeight::Regular);
        assert!((w20 - 2.0 * w10).abs() < 0.01);
    }

    #[test]
    fn wrapped_rows_fit_and_keep_every_word() {
        let text = "Deputy Chief Operating Officer for Commercial and Customer Services";
        let rows = wrap(text, 14.0, FontWeight::Bold, 150.0);
        assert!(rows.len() > 1);
        for row in &rows {
            assert!(text_width(row, 14.0, FontWeight::Bold) <= 150.0, "{row}");
        }
        assert_eq!(rows.join(" "), text);
    }

    #[test]
    fn overlong_word_is_broken_not_clipped() {
        let rows = wrap(
            "Supercalifragilisticexpialidocious",
            14.0,
            FontWeight::Regular,
            60.0,
        );
        assert!(rows.len() > 1);
        assert!(
            rows.iter()
                .all(|r| text_width(r, 14.0, FontWeight::Regular) <= 60.0)
        );
        assert_eq!(rows.concat(), "Supercalifragilisticexpialidocious");
    }

    #[test]
    fn clipping_keeps_the_longest_start_that_fits_with_an_ellipsis_and_never_splits_a_character() {
        let size = 9.0;
        let whole = "Höchste Führungsebene für Planung";
        assert_eq!(
            clip_to_width(whole, size, FontWeight::Regular, 1_000.0),
            whole
        );
        let width = text_width("Höchste Führungs…", size, FontWeight::Regular);
        assert_eq!(
            clip_to_width(whole, size, FontWeight::Regular, width),
            "Höchste Führungs…"
        );
        // A cut just after a space drops the space, as a reader would.
        let width = text_width("Höchste…", size, FontWeight::Regular) + 0.5;
        assert_eq!(
            clip_to_width(whole, size, FontWeight::Regular, width),
            "Höchste…"
        );
        assert_eq!(clip_to_width(whole, size, FontWeight::Regular, 1.0), "");
        let long = "ä".repeat(4_000);
        let clipped = clip_to_width(&long, size, FontWeight::Bold, 100.0);
        assert!(clipped.ends_with('…') && clipped.chars().count() < 100);
        assert!(text_width(&clipped, size, FontWeight::Bold) <= 100.0);
    }

    #[test]
    fn empty_text_is_one_empty_row() {
        assert_eq!(
            wrap("", 12.0, FontWeight::Regular, 100.0),
            vec![String::new()]
        );
    }
}
