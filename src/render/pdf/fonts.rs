//! The two bundled faces as embedded PDF fonts: each a CIDFontType2 (Identity-H, the subset's glyph ids
//! as CIDs) holding only the glyphs the document uses, with /W widths and a ToUnicode map so text can be
//! selected, copied and searched. One `FontSet` serves every page of a document, so each face is written
//! once however many pages use it.

use std::collections::HashMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use subsetter::GlyphRemapper;
use ttf_parser::{Face, GlyphId, name_id};

use super::deflate;
use crate::render::drawing::FontWeight;
use crate::render::text;

/// Below this code point a character is measured by its own advance (see `render::text`); from it on,
/// measurement uses the fallback advance. Placement copies that rule so text sits where it was measured.
const MEASURED_BELOW: u32 = 0x3000;

const SYSTEM_INFO: SystemInfo = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// How one character is drawn: the CID of its glyph in the subset, and how far (in 1/1000 em, the unit of
/// a `TJ` adjustment) the glyph's own width exceeds the width it was measured with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Placed {
    pub cid: u16,
    pub adjust: i32,
}

/// One face as it is being used by a document.
pub(super) struct EmbeddedFont {
    face: Option<Face<'static>>,
    data: &'static [u8],
    fallback_name: &'static str,
    units_per_em: u16,
    fallback_advance: u16,
    remapper: GlyphRemapper,
    /// The text each CID stands for (its first character seen), for the ToUnicode map.
    unicode: Vec<Option<char>>,
    /// Placement of the characters below `MEASURED_BELOW`, filled as they are met.
    low: Vec<Option<Placed>>,
    high: HashMap<char, Placed>,
    pub(super) reference: Ref,
    pub(super) used: bool,
}

impl EmbeddedFont {
    fn new(weight: FontWeight, reference: Ref) -> Self {
        let (data, fallback_name) = match weight {
            FontWeight::Regular => (text::REGULAR_TTF, "NotoSans-Regular"),
            FontWeight::Bold => (text::BOLD_TTF, "NotoSans-Bold"),
        };
        // The bundled fonts are part of the binary and known to parse; should one not, text is still placed
        // (as .notdef boxes at the measured widths) rather than failing the user's export.
        let face = Face::parse(data, 0).ok();
        let units_per_em = face.as_ref().map_or(1000, Face::units_per_em).max(1);
        let fallback_advance = face
            .as_ref()
            .and_then(|f| f.glyph_index('?').and_then(|g| f.glyph_hor_advance(g)))
            .unwrap_or(500);
        Self {
            face,
            data,
            fallback_name,
            units_per_em,
            fallback_advance,
            remapper: GlyphRemapper::new(),
            unicode: vec![None],
            low: Vec::new(),
            high: HashMap::new(),
            reference,
            used: false,
        }
    }

    /// How `c` is drawn, adding its glyph to the subset the first time.
    pub(super) fn place(&mut self, c: char) -> Placed {
        let code = c as u32;
        if code < MEASURED_BELOW {
            if self.low.is_empty() {
                self.low = vec![None; MEASURED_BELOW as usize];
            }
            if let Some(placed) = self.low[code as usize] {
                return placed;
            }
            let placed = self.placement(c);
            self.low[code as usize] = Some(placed);
            placed
        } else {
            if let Some(placed) = self.high.get(&c) {
                return *placed;
            }
            let placed = self.placement(c);
            self.high.insert(c, placed);
            placed
        }
    }

    fn placement(&mut self, c: char) -> Placed {
        // Control characters have no glyph of their own; usvg drew the white-space ones as spaces.
        let shown = if c.is_control() { ' ' } else { c };
        let glyph = self.face.as_ref().and_then(|f| f.glyph_index(shown));
        let own = self.advance_of(glyph.unwrap_or(GlyphId(0)));
        // The width `render::text` measured `c` with: its own advance below 0x3000 when the font has it,
        // the fallback advance otherwise.
        let measured = if (c as u32) < MEASURED_BELOW {
            self.face
                .as_ref()
                .and_then(|f| f.glyph_index(c).and_then(|g| f.glyph_hor_advance(g)))
                .unwrap_or(self.fallback_advance)
        } else {
            self.fallback_advance
        };
        let cid = self.remapper.remap(glyph.map_or(0, |g| g.0));
        let slot = usize::from(cid);
        if self.unicode.len() <= slot {
            self.unicode.resize(slot + 1, None);
        }
        if self.unicode[slot].is_none() {
            // Glyph 0 stands for every character the font lacks: it copies as the replacement character.
            self.unicode[slot] = Some(if slot == 0 {
                char::REPLACEMENT_CHARACTER
            } else {
                shown
            });
        }
        let per_mille = |units: u16| i64::from(units) * 1000 / i64::from(self.units_per_em);
        Placed {
            cid,
            adjust: (per_mille(own) - per_mille(measured)) as i32,
        }
    }

    fn advance_of(&self, glyph: GlyphId) -> u16 {
        self.face
            .as_ref()
            .and_then(|f| f.glyph_hor_advance(glyph))
            .unwrap_or(self.fallback_advance)
    }

    fn postscript_name(&self) -> String {
        self.face
            .as_ref()
            .and_then(|f| {
                f.names()
                    .into_iter()
                    .filter(|n| n.name_id == name_id::POST_SCRIPT_NAME)
                    .find_map(|n| n.to_string())
            })
            .unwrap_or_else(|| self.fallback_name.to_owned())
    }

    /// Six capital letters naming this subset (PDF's `ABCDEF+Name` convention), from the glyphs in it.
    fn subset_tag(&self) -> String {
        // FNV-1a: stable across runs and builds, so the same chart gives the same bytes.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for gid in self.remapper.remapped_gids() {
            for byte in gid.to_be_bytes() {
                hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        (0..6)
            .map(|i| char::from(b'A' + ((hash >> (i * 8)) % 26) as u8))
            .collect()
    }

    /// Writes the Type0 font, its CIDFont, descriptor, ToUnicode map and subset font file.
    fn write(&self, pdf: &mut Pdf, alloc: &mut Ref, compress: bool) -> Result<(), String> {
        let cid_ref = alloc.bump();
        let descriptor_ref = alloc.bump();
        let cmap_ref = alloc.bump();
        let data_ref = alloc.bump();
        let base_font = format!("{}+{}", self.subset_tag(), self.postscript_name());

        pdf.type0_font(self.reference)
            .base_font(Name(base_font.as_bytes()))
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid_ref)
            .to_unicode(cmap_ref);

        let per_mille = |units: u16| f32::from(units) * 1000.0 / f32::from(self.units_per_em);
        let widths: Vec<f32> = self
            .remapper
            .remapped_gids()
            .map(|gid| per_mille(self.advance_of(GlyphId(gid))))
            .collect();
        let mut cid = pdf.cid_font(cid_ref);
        cid.subtype(CidFontType::Type2)
            .base_font(Name(base_font.as_bytes()))
            .system_info(SYSTEM_INFO)
            .font_descriptor(descriptor_ref)
            .default_width(0.0)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        cid.widths().consecutive(0, widths);
        cid.finish();

        let convert = |v: i16| f32::from(v) * 1000.0 / f32::from(self.units_per_em);
        let (bbox, ascent, descent, cap_height, stem_v) = match &self.face {
            Some(face) => {
                let b = face.global_bounding_box();
                let ascent = convert(face.typographic_ascender().unwrap_or(face.ascender()));
                (
                    Rect::new(
                        convert(b.x_min),
                        convert(b.y_min),
                        convert(b.x_max),
                        convert(b.y_max),
                    ),
                    ascent,
                    convert(face.typographic_descender().unwrap_or(face.descender())),
                    face.capital_height()
                        .filter(|&h| h > 0)
                        .map_or(ascent, convert),
                    10.0 + 0.244 * (f32::from(face.weight().to_number()) - 50.0),
                )
            }
            None => (
                Rect::new(0.0, -300.0, 1000.0, 1000.0),
                1000.0,
                -300.0,
                700.0,
                80.0,
            ),
        };
        pdf.font_descriptor(descriptor_ref)
            .name(Name(base_font.as_bytes()))
            .flags(FontFlags::SYMBOLIC)
            .bbox(bbox)
            .italic_angle(0.0)
            .ascent(ascent)
            .descent(descent)
            .cap_height(cap_height)
            .stem_v(stem_v)
            .font_file2(data_ref);

        let mut cmap = UnicodeCmap::new(Name(b"Custom"), SYSTEM_INFO);
        for (cid, c) in self.unicode.iter().enumerate() {
            if let (Ok(cid), Some(c)) = (u16::try_from(cid), c) {
                cmap.pair(cid, *c);
            }
        }
        let cmap = cmap.finish();
        write_stream(pdf, cmap_ref, &cmap, compress, |_| {});

        let program = subsetter::subset(self.data, 0, &self.remapper)
            .map_err(|err| format!("cannot subset the font {}: {err}", self.fallback_name))?;
        let length = i32::try_from(program.len()).unwrap_or(i32::MAX);
        write_stream(pdf, data_ref, &program, compress, |stream| {
            stream.pair(Name(b"Length1"), length);
        });
        Ok(())
    }
}

/// Writes `data` as a stream object, deflated when `compress`.
pub(super) fn write_stream(
    pdf: &mut Pdf,
    reference: Ref,
    data: &[u8],
    compress: bool,
    extra: impl FnOnce(&mut pdf_writer::Stream),
) {
    if compress {
        let packed = deflate(data);
        let mut stream = pdf.stream(reference, &packed);
        stream.filter(Filter::FlateDecode);
        extra(&mut stream);
    } else {
        let mut stream = pdf.stream(reference, data);
        extra(&mut stream);
    }
}

/// The regular and bold face of one document.
pub(super) struct FontSet {
    pub regular: EmbeddedFont,
    pub bold: EmbeddedFont,
}

impl FontSet {
    pub fn new(alloc: &mut Ref) -> Self {
        Self {
            regular: EmbeddedFont::new(FontWeight::Regular, alloc.bump()),
            bold: EmbeddedFont::new(FontWeight::Bold, alloc.bump()),
        }
    }

    pub fn get(&mut self, weight: FontWeight) -> &mut EmbeddedFont {
        match weight {
            FontWeight::Regular => &mut self.regular,
            FontWeight::Bold => &mut self.bold,
        }
    }

    /// Writes the faces some page used.
    pub fn write(&self, pdf: &mut Pdf, alloc: &mut Ref, compress: bool) -> Result<(), String> {
        for font in [&self.regular, &self.bold] {
            if font.used {
                font.write(pdf, alloc, compress)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sum of the widths text is placed with (glyph widths less adjustments), in 1/1000 em.
    fn placed_width(font: &mut EmbeddedFont, text: &str) -> i64 {
        text.chars()
            .map(|c| {
                let placed = font.place(c);
                let own = font.advance_of(GlyphId(
                    font.remapper
                        .remapped_gids()
                        .nth(usize::from(placed.cid))
                        .unwrap_or(0),
                ));
                i64::from(own) * 1000 / i64::from(font.units_per_em) - i64::from(placed.adjust)
            })
            .sum()
    }

    #[test]
    fn text_is_placed_at_exactly_the_measured_width() {
        for weight in [FontWeight::Regular, FontWeight::Bold] {
            let mut font = EmbeddedFont::new(weight, Ref::new(1));
            // Latin, a ligature candidate, a missing CJK character, an emoji, a tab and a control character.
            let text = "Office of the Chief Executive – fi £5 中 🙂\tx\u{1}y";
            let placed = placed_width(&mut font, text) as f32;
            let measured = text::text_width(text, 1000.0, weight);
            assert!(
                (placed - measured).abs() < 0.5,
                "{weight:?}: {placed} vs {measured}"
            );
        }
    }

    #[test]
    fn each_character_gets_one_cid_and_missing_ones_share_glyph_zero() {
        let mut font = EmbeddedFont::new(FontWeight::Regular, Ref::new(1));
        let a = font.place('a');
        assert_eq!(font.place('a'), a);
        assert_ne!(a.cid, 0);
        assert_eq!(a.adjust, 0);
        assert_eq!(font.place('中').cid, 0);
        assert_eq!(font.place('🙂').cid, 0);
        assert_eq!(font.unicode[usize::from(a.cid)], Some('a'));
    }
}
