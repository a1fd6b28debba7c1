//! PNG backend: the SVG rasterised by resvg with the bundled fonts.

use super::drawing::Drawing;
use super::svg::to_svg;
use super::usvg_tree::{RenderError, parse};

/// Largest picture we agree to allocate (4 bytes each): 120 million pixels is about 480 MB.
const MAX_PIXELS: u64 = 120_000_000;

/// The pixel size of `drawing` at `scale` (1.0 = one pixel per chart unit).
pub fn pixel_size(drawing: &Drawing, scale: f32) -> Result<(u32, u32), RenderError> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(RenderError::BadScale(scale));
    }
    let width = (f64::from(drawing.bounds.w) * f64::from(scale))
        .ceil()
        .max(1.0);
    let height = (f64::from(drawing.bounds.h) * f64::from(scale))
        .ceil()
        .max(1.0);
    let too_large = || RenderError::TooLarge {
        width: width as u64,
        height: height as u64,
        limit: MAX_PIXELS / 1_000_000,
    };
    // tiny-skia also refuses sides beyond i32::MAX / 4.
    if width * height > MAX_PIXELS as f64
        || width > f64::from(i32::MAX / 4)
        || height > f64::from(i32::MAX / 4)
    {
        return Err(too_large());
    }
    Ok((width as u32, height as u32))
}

pub fn to_png(drawing: &Drawing, scale: f32) -> Result<Vec<u8>, RenderError> {
    let (width, height) = pixel_size(drawing, scale)?;
    let tree = parse(&to_svg(drawing))?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or(RenderError::TooLarge {
        width: u64::from(width),
        height: u64::from(height),
        limit: MAX_PIXELS / 1_000_000,
    })?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|err| RenderError::Png(err.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::{Point, Rect};
    use crate::render::drawing::{FontWeight, Rgba, Shape};
    use crate::render::text;

    fn one_row(text: &str, weight: FontWeight) -> Drawing {
        Drawing {
            bounds: Rect::new(0.0, 0.0, 600.0, 60.0),
            background: Rgba::rgb(255, 255, 255),
            shapes: vec![Shape::Text {
                pos: Point::new(20.0, 40.0),
                text: text.to_owned(),
                size: 20.0,
                weight,
                color: Rgba::rgb(0, 0, 0),
                strike: false,
            }],
            cards: Vec::new(),
        }
    }

    /// Leftmost and rightmost columns (in chart units) holding ink.
    fn ink_extent(png: &[u8], scale: f32) -> (f32, f32) {
        let pixmap = tiny_skia::Pixmap::decode_png(png).unwrap();
        let (w, h) = (pixmap.width() as usize, pixmap.height() as usize);
        let data = pixmap.data();
        let inked = |x: usize| (0..h).any(|y| data[(y * w + x) * 4] < 160);
        let first = (0..w).find(|&x| inked(x)).unwrap();
        let last = (0..w).rev().find(|&x| inked(x)).unwrap();
        (first as f32 / scale, (last + 1) as f32 / scale)
    }

    #[test]
    fn png_decodes_to_the_size_of_the_bounds_times_the_scale() {
        let drawing = one_row("Chief Executive", FontWeight::Bold);
        for scale in [0.5f32, 1.0, 3.0] {
            let png = to_png(&drawing, scale).unwrap();
            let pixmap = tiny_skia::Pixmap::decode_png(&png).unwrap();
            assert_eq!(pixmap.width(), (600.0 * scale).ceil() as u32);
            assert_eq!(pixmap.height(), (60.0 * scale).ceil() as u32);
        }
    }

    #[test]
    fn rendered_text_is_as_wide_as_measured() {
        for weight in [FontWeight::Regular, FontWeight::Bold] {
            let row = "Relationship Managers, Strategy & Policy (£0.6-0.8m)";
            let png = to_png(&one_row(row, weight), 2.0).unwrap();
            let (left, right) = ink_extent(&png, 2.0);
            let measured_right = 20.0 + text::text_width(row, 20.0, weight);
            // Glyph side bearings leave a pixel or two of air at the ends, never more, and never overflow.
            assert!((20.0..23.0).contains(&left), "{weight:?} starts at {left}");
            assert!(
                right <= measured_right + 0.5 && right > measured_right - 3.0,
                "{weight:?}: ink ends at {right}, measured {measured_right}"
            );
        }
    }

    #[test]
    fn bad_scales_and_huge_pictures_are_refused_with_advice() {
        let drawing = one_row("x", FontWeight::Regular);
        assert!(matches!(
            to_png(&drawing, 0.0),
            Err(RenderError::BadScale(_))
        ));
        assert!(matches!(
            to_png(&drawing, f32::NAN),
            Err(RenderError::BadScale(_))
        ));
        let message = to_png(&drawing, 1000.0).unwrap_err().to_string();
        assert!(message.contains("--scale"), "{message}");
    }
}
