//! PDF backend, written directly from the drawing with pdf-writer: shapes become path and text operators
//! in one content stream per page, text stays text in the bundled fonts (embedded once per document as
//! subsets, with a Unicode map), so names can be selected and searched. No SVG or usvg tree in between,
//! so no element limit and no per-glyph objects: a page of a million shapes is written in one pass.

use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;

use super::drawing::Drawing;
use super::usvg_tree::RenderError;

mod content;
pub(crate) mod document;
mod fonts;

pub(crate) use document::Document;

/// 96 chart units to the inch, as CSS pixels: a 14-unit name prints at 10.5 pt.
const UNITS_PER_INCH: f32 = 96.0;

pub fn to_pdf(drawing: &Drawing) -> Result<Vec<u8>, RenderError> {
    pdf_with(drawing, true)
}

fn pdf_with(drawing: &Drawing, compress: bool) -> Result<Vec<u8>, RenderError> {
    let mut document = Document::new(compress);
    document.add_page(drawing, UNITS_PER_INCH / 72.0);
    document.finish(None, "").map_err(RenderError::Pdf)
}

/// `data` deflated (zlib), for a stream with `/Filter /FlateDecode`.
fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::new(content::LEVEL));
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::{Point, Rect};
    use crate::render::drawing::{FontWeight, Rgba, Shape};

    fn drawing(text: &str) -> Drawing {
        Drawing {
            bounds: Rect::new(0.0, 0.0, 400.0, 80.0),
            background: Rgba::rgb(255, 255, 255),
            shapes: vec![Shape::Text {
                pos: Point::new(10.0, 40.0),
                text: text.to_owned(),
                size: 14.0,
                weight: FontWeight::Bold,
                color: Rgba::rgb(0, 0, 0),
                strike: false,
            }],
            cards: Vec::new(),
        }
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn pdf_has_a_header_and_a_page_of_the_right_size() {
        let pdf = to_pdf(&drawing("Chief Executive")).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        // 400 x 80 chart units at 96 per inch are 300 x 60 points.
        assert!(contains(&pdf, b"/MediaBox [0 0 300 60]"));
    }

    #[test]
    fn text_stays_text_with_a_unicode_map() {
        let pdf = pdf_with(&drawing("Zebra Quay"), false).unwrap();
        let text = String::from_utf8_lossy(&pdf);
        // Real text operators with an embedded font, not outlines.
        assert!(text.contains("BT") && text.contains("Tf") && text.contains("ET"));
        assert!(text.contains("/FontFile2") || text.contains("/FontFile3"));
        assert!(
            text.contains("NotoSans-Bold"),
            "the bundled font is embedded"
        );
        // The ToUnicode map lets readers copy and search: every letter of the text must be in it.
        assert!(text.contains("/ToUnicode"));
        for c in "ZebraQuy".chars() {
            let code = format!("<{:04x}>", c as u32);
            assert!(
                text.to_lowercase().contains(&code),
                "{c} missing from the Unicode map"
            );
        }
    }

    #[test]
    fn an_empty_drawing_is_one_blank_page_without_fonts() {
        let mut empty = drawing("");
        empty.shapes.clear();
        let pdf = to_pdf(&empty).unwrap();
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("/MediaBox [0 0 300 60]"));
        assert!(!text.contains("/Font"), "no font for no text");
        assert!(pdf_extract::extract_text_from_mem(&pdf).is_ok());
    }

    #[test]
    fn names_read_back_and_a_character_missing_from_the_font_does_not_stop_them() {
        let pdf = to_pdf(&drawing("Zoë Quay 中 Ltd")).unwrap();
        let words = pdf_extract::extract_text_from_mem(&pdf).unwrap_or_default();
        assert!(words.contains("Zoë Quay"), "{words}");
        assert!(words.contains("Ltd"), "{words}");
    }

    #[test]
    fn a_page_of_a_million_shapes_is_written_without_any_element_limit() {
        let mut big = drawing("x");
        big.shapes = (0..1_000_000)
            .map(|i| Shape::Rect {
                rect: Rect::new((i % 1000) as f32 * 0.4, (i / 1000) as f32 * 0.08, 0.3, 0.05),
                corner_radius: 0.0,
                fill: Some(Rgba::rgb(0, 0, (i % 256) as u8)),
                stroke: crate::render::drawing::Stroke::none(),
            })
            .collect();
        let pdf = to_pdf(&big).unwrap();
        assert!(contains(&pdf, b"/MediaBox [0 0 300 60]"));
    }
}
