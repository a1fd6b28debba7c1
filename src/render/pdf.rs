//! PDF backend: the same `usvg::Tree` as the PNG, converted by svg2pdf with text kept as text (subset
//! fonts with a Unicode map), so names can be selected and searched.

use super::drawing::Drawing;
use super::svg::to_svg;
use super::usvg_tree::{RenderError, parse};

/// 96 chart units to the inch, as CSS pixels: a 14-unit name prints at 10.5 pt.
const UNITS_PER_INCH: f32 = 96.0;

pub fn to_pdf(drawing: &Drawing) -> Result<Vec<u8>, RenderError> {
    pdf_with(drawing, true)
}

fn pdf_with(drawing: &Drawing, compress: bool) -> Result<Vec<u8>, RenderError> {
    let tree = parse(&to_svg(drawing))?;
    let conversion = svg2pdf::ConversionOptions {
        compress,
        embed_text: true,
        ..svg2pdf::ConversionOptions::default()
    };
    let page = svg2pdf::PageOptions {
        dpi: UNITS_PER_INCH,
    };
    svg2pdf::to_pdf(&tree, conversion, page).map_err(|err| RenderError::Pdf(err.to_string()))
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
}
