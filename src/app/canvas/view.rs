//! Pan and zoom: the one transform between chart units and screen points, `screen_from_chart`.

use egui::emath::TSTransform;
use egui::{Pos2, Vec2};

use crate::geom;

pub const MIN_ZOOM: f32 = 0.002;
pub const MAX_ZOOM: f32 = 4.0;
/// Fit-to-window never enlarges past this, so a tiny chart is not shown with huge cards.
const MAX_FIT_ZOOM: f32 = 1.25;
/// Space kept free around a fitted chart, in screen points.
const FIT_MARGIN: f32 = 24.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub zoom: f32,
    /// Where the chart origin appears, relative to the canvas's top-left corner (so resizing panels does not
    /// move the chart).
    pub pan: Vec2,
    /// The canvas area on screen, as of the latest frame.
    pub canvas: egui::Rect,
}

impl Default for View {
    fn default() -> Self {
        Self {
            zoom: 1.0,
            pan: Vec2::ZERO,
            canvas: egui::Rect::from_min_size(Pos2::ZERO, Vec2::new(800.0, 600.0)),
        }
    }
}

impl View {
    pub fn screen_from_chart(&self) -> TSTransform {
        TSTransform::new(self.canvas.min.to_vec2() + self.pan, self.zoom)
    }

    pub fn chart_from_screen(&self) -> TSTransform {
        self.screen_from_chart().inverse()
    }

    pub fn to_screen(&self, p: geom::Point) -> Pos2 {
        self.screen_from_chart().mul_pos(pos(p))
    }

    pub fn to_chart(&self, p: Pos2) -> geom::Point {
        point(self.chart_from_screen().mul_pos(p))
    }

    pub fn rect_to_screen(&self, r: geom::Rect) -> egui::Rect {
        self.screen_from_chart().mul_rect(rect(r))
    }

    /// The part of the chart that is on screen.
    pub fn visible_chart_rect(&self) -> geom::Rect {
        from_rect(self.chart_from_screen().mul_rect(self.canvas))
    }

    /// Shows all of `bounds`, centred, as large as fits (but not past 125%).
    pub fn fit(&mut self, bounds: geom::Rect) {
        self.show_rect(bounds, MAX_FIT_ZOOM);
    }

    /// Shows `bounds` centred and as large as fits, up to `max_zoom`.
    pub fn show_rect(&mut self, bounds: geom::Rect, max_zoom: f32) {
        let room = (self.canvas.size() - Vec2::splat(2.0 * FIT_MARGIN)).max(Vec2::splat(1.0));
        let zoom = if bounds.w > 0.0 && bounds.h > 0.0 {
            (room.x / bounds.w).min(room.y / bounds.h)
        } else {
            1.0
        };
        self.zoom = zoom.clamp(MIN_ZOOM, max_zoom.max(MIN_ZOOM));
        self.centre_on(bounds.center());
    }

    /// Puts a chart point in the middle of the canvas, keeping the zoom.
    pub fn centre_on(&mut self, p: geom::Point) {
        let middle = self.canvas.size() / 2.0;
        self.pan = middle - pos(p).to_vec2() * self.zoom;
    }

    /// Zooms by `factor`, keeping the chart point under `anchor` (a screen point) where it is.
    pub fn zoom_around(&mut self, anchor: Pos2, factor: f32) {
        let fixed = self.to_chart(anchor);
        self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        self.pan = anchor - self.canvas.min - pos(fixed).to_vec2() * self.zoom;
    }

    pub fn pan_by(&mut self, delta: Vec2) {
        self.pan += delta;
    }
}

pub fn pos(p: geom::Point) -> Pos2 {
    Pos2::new(p.x, p.y)
}

pub fn point(p: Pos2) -> geom::Point {
    geom::Point::new(p.x, p.y)
}

pub fn rect(r: geom::Rect) -> egui::Rect {
    egui::Rect::from_min_size(Pos2::new(r.x, r.y), Vec2::new(r.w, r.h))
}

pub fn from_rect(r: egui::Rect) -> geom::Rect {
    geom::Rect::new(r.min.x, r.min.y, r.width(), r.height())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> View {
        View {
            zoom: 1.0,
            pan: Vec2::ZERO,
            canvas: egui::Rect::from_min_size(Pos2::new(100.0, 50.0), Vec2::new(400.0, 300.0)),
        }
    }

    #[test]
    fn zooming_keeps_the_point_under_the_pointer() {
        let mut v = view();
        let anchor = Pos2::new(230.0, 170.0);
        let before = v.to_chart(anchor);
        v.zoom_around(anchor, 2.5);
        let after = v.to_chart(anchor);
        assert!((before.x - after.x).abs() < 1e-3 && (before.y - after.y).abs() < 1e-3);
        assert_eq!(v.zoom, 2.5);
    }

    #[test]
    fn fit_shows_the_whole_chart_inside_the_canvas() {
        let mut v = view();
        let bounds = geom::Rect::new(-500.0, 20.0, 2000.0, 300.0);
        v.fit(bounds);
        let shown = v.rect_to_screen(bounds);
        assert!(v.canvas.expand(0.01).contains_rect(shown), "{shown:?}");
        assert!((shown.center() - v.canvas.center()).length() < 0.01);
        // The chart is wide: it fills the width minus the margins.
        assert!((shown.width() - (400.0 - 2.0 * FIT_MARGIN)).abs() < 0.01);
    }

    #[test]
    fn screen_and_chart_transforms_are_inverse() {
        let mut v = view();
        v.zoom_around(Pos2::new(120.0, 80.0), 0.3);
        v.pan_by(Vec2::new(13.0, -7.0));
        let p = geom::Point::new(321.0, -45.0);
        let back = v.to_chart(v.to_screen(p));
        assert!((back.x - p.x).abs() < 1e-2 && (back.y - p.y).abs() < 1e-2);
    }
}
