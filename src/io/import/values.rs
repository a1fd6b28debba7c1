//! Reading the values people actually type into spreadsheets: numbers with currency signs and thousands
//! separators, ranges, and the words that stand in for a value (withheld, vacant, eliminated).

use crate::model::Span;

/// What a cell that should hold a number actually holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Figure {
    /// Empty, or a dash.
    Missing,
    /// "N/D", "N/A", "Not Disclosed", ...: deliberately left out by the publisher.
    Withheld,
    Value(f64),
    /// Something that is neither a number nor a known marker.
    Invalid,
}

/// What the "Name" of a post says when it is not a person's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HolderMarker {
    Withheld,
    Vacant,
    Eliminated,
}

/// Lower case without spaces, dots, slashes, dashes or wrapping quotes: "'N/D'" -> "nd", "Not Disclosed" ->
/// "notdisclosed".
fn compact(text: &str) -> String {
    text.trim()
        .trim_matches(|c| c == '\'' || c == '"')
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '/' | '-' | '_' | '\u{A0}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// True for the markers publishers use for a value they will not give.
pub fn is_withheld(text: &str) -> bool {
    matches!(
        compact(text).as_str(),
        "nd" | "na" | "notdisclosed" | "notdisclosable" | "withheld" | "redacted" | "notapplicable"
    )
}

pub fn holder_marker(name: &str) -> Option<HolderMarker> {
    let word = compact(name);
    if is_withheld(name) {
        Some(HolderMarker::Withheld)
    } else if word.starts_with("vacan") {
        Some(HolderMarker::Vacant)
    } else if word.contains("eliminated") {
        Some(HolderMarker::Eliminated)
    } else {
        None
    }
}

/// Reads "£44,300", "44300.00", "1.0", " 12 ", "£98k", "£1.2m"; "", "-" and markers are not numbers.
pub fn parse_figure(text: &str) -> Figure {
    let text = text.trim().trim_matches(|c| c == '\'' || c == '"').trim();
    if text.is_empty() || matches!(text, "-" | "–" | "—") {
        return Figure::Missing;
    }
    if is_withheld(text) {
        return Figure::Withheld;
    }
    parse_number(text).map_or(Figure::Invalid, Figure::Value)
}

fn parse_number(text: &str) -> Option<f64> {
    let mut cleaned: String = text
        .chars()
        // "Â" and U+FFFD are what a Windows "£" turns into when it went through the wrong encoding.
        .filter(|c| {
            !matches!(
                c,
                '£' | '$' | '€' | 'Â' | '\u{FFFD}' | ',' | ' ' | '\u{A0}' | '_'
            )
        })
        .collect();
    if cleaned
        .get(..3)
        .is_some_and(|prefix| prefix.eq_ignore_ascii_case("gbp"))
    {
        cleaned.drain(..3);
    }
    let (digits, factor) = if let Some(digits) = cleaned.strip_suffix(['k', 'K']) {
        (digits, 1_000.0)
    } else if let Some(digits) = cleaned.strip_suffix(['m', 'M']) {
        (digits, 1_000_000.0)
    } else {
        (cleaned.as_str(), 1.0)
    };
    // Only plain decimal digits: `f64::from_str` also takes "inf", "NaN" and exponents, which no
    // spreadsheet cell means as a headcount or a cost.
    if !digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let value: f64 = digits.parse().ok()?;
    let value = value * factor;
    (value.is_finite() && value >= 0.0).then_some(value)
}

/// A number or a range: "12", "11-15", "11 to 15", "£40k–£55k".
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SpanFigure {
    Missing,
    Withheld,
    Value(Span),
    Invalid,
}

pub fn parse_span(text: &str) -> SpanFigure {
    let trimmed = text.trim();
    if let Some((low, high)) = split_range(trimmed) {
        return match (parse_figure(low), parse_figure(high)) {
            (Figure::Value(a), Figure::Value(b)) => SpanFigure::Value(Span::range(a, b)),
            _ => SpanFigure::Invalid,
        };
    }
    match parse_figure(trimmed) {
        Figure::Missing => SpanFigure::Missing,
        Figure::Withheld => SpanFigure::Withheld,
        Figure::Value(v) => SpanFigure::Value(Span::exact(v)),
        Figure::Invalid => SpanFigure::Invalid,
    }
}

fn split_range(text: &str) -> Option<(&str, &str)> {
    let lower = text.to_ascii_lowercase();
    if let Some(at) = lower.find(" to ") {
        return Some((&text[..at], &text[at + 4..]));
    }
    // A dash after the first character separates a range; a leading dash is a (refused) negative sign.
    text.char_indices()
        .skip(1)
        .find(|(_, c)| matches!(c, '-' | '–' | '—'))
        .map(|(at, c)| (&text[..at], &text[at + c.len_utf8()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_signs_and_separators() {
        assert_eq!(parse_figure("£44,300"), Figure::Value(44_300.0));
        assert_eq!(parse_figure(" 1.0 "), Figure::Value(1.0));
        assert_eq!(parse_figure("Â£1,234.50"), Figure::Value(1_234.5));
        assert_eq!(parse_figure("\u{FFFD}70000"), Figure::Value(70_000.0));
        assert_eq!(parse_figure("£98k"), Figure::Value(98_000.0));
        assert_eq!(parse_figure("GBP 1.2m"), Figure::Value(1_200_000.0));
        assert_eq!(parse_figure("'0.5'"), Figure::Value(0.5));
    }

    #[test]
    fn markers_and_rubbish() {
        for withheld in [
            "N/D",
            "n/a",
            "'N/D'",
            "Not Disclosed",
            "NOT DISCLOSED",
            "withheld",
        ] {
            assert_eq!(parse_figure(withheld), Figure::Withheld, "{withheld}");
        }
        assert_eq!(parse_figure(""), Figure::Missing);
        assert_eq!(parse_figure("-"), Figure::Missing);
        assert_eq!(parse_figure("about ten"), Figure::Invalid);
        assert_eq!(parse_figure("-5"), Figure::Invalid);
    }

    /// Regression: a multi-byte character at the end of a number cell used to panic on a byte slice
    /// ("end byte index 3 is not a char boundary").
    #[test]
    fn multi_byte_characters_in_number_cells_are_invalid_not_a_panic() {
        for cell in [
            "37½",
            "12é",
            "10¼",
            "25\u{202F}000",
            "½",
            "é",
            "£",
            "k½",
            "½k",
            "GB½",
            "€€€",
            "1m½",
        ] {
            assert_eq!(parse_figure(cell), Figure::Invalid, "{cell}");
            assert_eq!(parse_span(cell), SpanFigure::Invalid, "{cell}");
        }
        assert_eq!(parse_figure("£1.5M"), Figure::Value(1_500_000.0));
        assert_eq!(parse_figure("gbp12"), Figure::Value(12.0));
    }

    #[test]
    fn words_that_rust_reads_as_numbers_are_not_figures() {
        for cell in ["inf", "NaN", "1e308", "infinity", "1e3"] {
            assert_eq!(parse_figure(cell), Figure::Invalid, "{cell}");
        }
    }

    #[test]
    fn holder_markers() {
        assert_eq!(holder_marker("VACANT"), Some(HolderMarker::Vacant));
        assert_eq!(holder_marker("Vacancy"), Some(HolderMarker::Vacant));
        assert_eq!(holder_marker("'N/D'"), Some(HolderMarker::Withheld));
        assert_eq!(holder_marker("ELIMINATED"), Some(HolderMarker::Eliminated));
        assert_eq!(
            holder_marker("Post eliminated"),
            Some(HolderMarker::Eliminated)
        );
        assert_eq!(holder_marker("Nadia Nd'iaye"), None);
        assert_eq!(holder_marker("Sir Gus O'Donnell"), None);
    }

    #[test]
    fn ranges() {
        assert_eq!(
            parse_span("11-15"),
            SpanFigure::Value(Span::range(11.0, 15.0))
        );
        assert_eq!(
            parse_span("11 to 15"),
            SpanFigure::Value(Span::range(11.0, 15.0))
        );
        assert_eq!(
            parse_span("£40k–£55k"),
            SpanFigure::Value(Span::range(40_000.0, 55_000.0))
        );
        assert_eq!(parse_span("12"), SpanFigure::Value(Span::exact(12.0)));
        assert_eq!(parse_span("N/D"), SpanFigure::Withheld);
        assert_eq!(parse_span("1-x"), SpanFigure::Invalid);
    }
}
