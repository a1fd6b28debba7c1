//! One drawing description built from chart + layout + style, and the backends that paint it.

pub mod build;
pub mod drawing;
pub mod text;

pub use build::{ChangeMark, RenderOptions, Theme, build_drawing};
pub use drawing::{Card, Dash, Drawing, FontWeight, Rgba, Shape, Stroke};
