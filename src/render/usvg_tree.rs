//! The one way SVG text becomes a `usvg::Tree` for PNG (PDF is written directly): with only the bundled
//! fonts loaded, so every machine draws the same glyphs at the widths `render::text` measured.

use std::sync::{Arc, OnceLock};

use super::text;

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("cannot read the generated SVG back: {0}")]
    Svg(String),
    #[error(
        "the picture would be {width} x {height} pixels, more than the PNG limit of {limit} million pixels; \
         use a smaller --scale, export one part with --subtree, or export SVG or PDF instead"
    )]
    TooLarge { width: u64, height: u64, limit: u64 },
    #[error("cannot encode the PNG: {0}")]
    Png(String),
    #[error("cannot make the PDF: {0}")]
    Pdf(String),
    #[error("the scale must be a positive number, not {0}")]
    BadScale(f32),
    #[error(
        "the chart has too many parts for one PNG (the renderer takes at most a million SVG elements, \
         roughly 80,000 cards); export one branch with --subtree, or export PDF (one page, or split over \
         pages with --pages a4-landscape) or SVG, which have no such limit"
    )]
    TooManyParts,
}

fn font_database() -> Arc<usvg::fontdb::Database> {
    static DATABASE: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DATABASE
        .get_or_init(|| {
            let mut database = usvg::fontdb::Database::new();
            database.load_font_data(text::REGULAR_TTF.to_vec());
            database.load_font_data(text::BOLD_TTF.to_vec());
            database.set_sans_serif_family(text::FONT_FAMILY);
            Arc::new(database)
        })
        .clone()
}

/// Parses SVG produced by `to_svg` (or any SVG) with the bundled fonts only.
pub fn parse(svg: &str) -> Result<usvg::Tree, RenderError> {
    let options = usvg::Options {
        font_family: text::FONT_FAMILY.to_owned(),
        fontdb: font_database(),
        // Our SVG never refers to files; refusing them keeps a crafted chart from reading local images.
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|err| match err {
        usvg::Error::ElementsLimitReached
        | usvg::Error::ParsingFailed(usvg::roxmltree::Error::NodesLimitReached) => {
            RenderError::TooManyParts
        }
        other => RenderError::Svg(other.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_bundled_fonts_are_loaded() {
        let database = font_database();
        let families: Vec<String> = database
            .faces()
            .flat_map(|face| face.families.iter().map(|(name, _)| name.clone()))
            .collect();
        assert_eq!(database.len(), 2);
        assert!(
            families.iter().all(|f| f == text::FONT_FAMILY),
            "{families:?}"
        );
    }

    #[test]
    fn a_picture_beyond_the_renderers_element_limit_is_refused_with_advice() {
        let mut svg =
            String::from(r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">"#);
        svg.push_str(&"<g/>".repeat(1_000_001));
        svg.push_str("</svg>");
        let err = parse(&svg).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            err.contains("--pages") && err.contains("--subtree"),
            "{err}"
        );
    }
}
