//! One drawing description built from chart + layout + style, and the backends that paint it.

pub mod drawing;
pub mod text;

pub use drawing::{Card, Dash, Drawing, FontWeight, Rgba, Shape, Stroke};
