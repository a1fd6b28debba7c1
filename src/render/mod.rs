//! One drawing description built from chart + layout + style, and the backends that paint it.

pub mod blocks;
pub mod build;
mod card;
pub mod card_style;
pub mod colour_by;
mod digits;
pub mod drawing;
pub mod figures;
pub mod legend;
pub mod links;
pub mod page;
pub mod page_chart;
pub mod pdf;
pub mod pdf_pages;
pub mod png;
mod rect_grid;
pub mod style;
pub mod svg;
pub mod text;
pub mod usvg_tree;

pub use build::{
    ChangeMark, MeasureCache, RenderOptions, Splice, Theme, build_drawing, build_drawing_reusing,
    build_drawing_with_cache, patch_drawing,
};
pub use card_style::CardStyle;
pub use drawing::{Card, Dash, Drawing, FontWeight, Rgba, Shape, Stroke, shifted, splice_ranges};
pub use links::arrow_head;
pub use pdf::to_pdf;
pub use png::to_png;
pub use svg::to_svg;
pub use usvg_tree::RenderError;
