//! Abstract axes, so one algorithm serves both orientations: `b` (breadth) runs along a level, `d` (depth)
//! grows from a manager towards its reports. Top-down maps b->x, d->y; left-right maps b->y, d->x.
//! The engine computes in f64: a flat chart of 100k cards is millions of units wide, beyond f32's exact range.

use super::{DEFAULT_CARD_SIZE, Orientation, Polyline};
use crate::geom::{Point, Rect, Size};

/// A rectangle in abstract axes: `b`, `d` is the corner nearest the origin, `bw`/`dh` the extents.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct AxisRect {
    pub b: f64,
    pub d: f64,
    pub bw: f64,
    pub dh: f64,
}

impl AxisRect {
    pub fn b_end(&self) -> f64 {
        self.b + self.bw
    }

    pub fn d_end(&self) -> f64 {
        self.d + self.dh
    }

    pub fn b_mid(&self) -> f64 {
        self.b + self.bw / 2.0
    }

    pub fn d_mid(&self) -> f64 {
        self.d + self.dh / 2.0
    }

    pub fn translate(&self, db: f64, dd: f64) -> Self {
        Self {
            b: self.b + db,
            d: self.d + dd,
            ..*self
        }
    }

    pub fn is_finite(&self) -> bool {
        self.b.is_finite() && self.d.is_finite() && self.bw.is_finite() && self.dh.is_finite()
    }
}

/// A point in abstract axes.
pub(super) type AxisPoint = (f64, f64);

impl Orientation {
    /// Breadth and depth extents of a card; a missing or unusable size becomes the default card size.
    pub(super) fn axis_size(self, size: Option<&Size>) -> (f64, f64) {
        let usable = |s: &&Size| s.w.is_finite() && s.h.is_finite() && s.w >= 0.0 && s.h >= 0.0;
        let size = size.filter(usable).copied().unwrap_or(DEFAULT_CARD_SIZE);
        let (w, h) = (f64::from(size.w), f64::from(size.h));
        match self {
            Self::TopDown => (w, h),
            Self::LeftRight => (h, w),
        }
    }

    pub(super) fn axis_point(self, p: Point) -> AxisPoint {
        let (x, y) = (f64::from(p.x), f64::from(p.y));
        match self {
            Self::TopDown => (x, y),
            Self::LeftRight => (y, x),
        }
    }

    pub(super) fn chart_point(self, (b, d): AxisPoint) -> Point {
        match self {
            Self::TopDown => Point::new(b as f32, d as f32),
            Self::LeftRight => Point::new(d as f32, b as f32),
        }
    }

    pub(super) fn axis_rect(self, r: Rect) -> AxisRect {
        let (x, y, w, h) = (
            f64::from(r.x),
            f64::from(r.y),
            f64::from(r.w),
            f64::from(r.h),
        );
        match self {
            Self::TopDown => AxisRect {
                b: x,
                d: y,
                bw: w,
                dh: h,
            },
            Self::LeftRight => AxisRect {
                b: y,
                d: x,
                bw: h,
                dh: w,
            },
        }
    }

    pub(super) fn chart_rect(self, a: AxisRect) -> Rect {
        let (b, d, bw, dh) = (a.b as f32, a.d as f32, a.bw as f32, a.dh as f32);
        match self {
            Self::TopDown => Rect::new(b, d, bw, dh),
            Self::LeftRight => Rect::new(d, b, dh, bw),
        }
    }

    /// Converts an abstract polyline to chart points, dropping repeated points and straight-through bends.
    pub(super) fn chart_polyline(self, points: &[AxisPoint]) -> Vec<Point> {
        let mut scratch = Vec::new();
        simplify_into(points, &mut scratch);
        scratch.iter().map(|&p| self.chart_point(p)).collect()
    }

    /// [`Orientation::chart_polyline`] for a connector, with the simplified points kept in `scratch`: no
    /// allocation (a million connectors are a million polylines).
    pub(super) fn chart_connector(
        self,
        points: &[AxisPoint],
        scratch: &mut Vec<AxisPoint>,
    ) -> Polyline {
        simplify_into(points, scratch);
        Polyline::from_points(scratch.iter().map(|&p| self.chart_point(p)))
    }
}

/// Below this, two coordinates are the same for drawing purposes.
const SAME: f64 = 1e-3;

#[cfg(test)]
fn simplify(points: &[AxisPoint]) -> Vec<AxisPoint> {
    let mut out = Vec::new();
    simplify_into(points, &mut out);
    out
}

fn simplify_into(points: &[AxisPoint], out: &mut Vec<AxisPoint>) {
    out.clear();
    for &p in points {
        if let Some(&last) = out.last()
            && (p.0 - last.0).abs() < SAME
            && (p.1 - last.1).abs() < SAME
        {
            continue;
        }
        if out.len() >= 2 {
            let (a, m) = (out[out.len() - 2], out[out.len() - 1]);
            let on_one_vertical = (a.0 - m.0).abs() < SAME && (m.0 - p.0).abs() < SAME;
            let on_one_horizontal = (a.1 - m.1).abs() < SAME && (m.1 - p.1).abs() < SAME;
            if on_one_vertical || on_one_horizontal {
                out.pop();
            }
        }
        out.push(p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn left_right_swaps_axes_both_ways() {
        let r = Rect::new(1.0, 2.0, 30.0, 40.0);
        let a = Orientation::LeftRight.axis_rect(r);
        assert_eq!((a.b, a.d, a.bw, a.dh), (2.0, 1.0, 40.0, 30.0));
        assert_eq!(Orientation::LeftRight.chart_rect(a), r);
        assert_eq!(
            Orientation::TopDown.chart_rect(Orientation::TopDown.axis_rect(r)),
            r
        );
    }

    #[test]
    fn unusable_sizes_fall_back_to_the_default() {
        let d = (
            f64::from(DEFAULT_CARD_SIZE.w),
            f64::from(DEFAULT_CARD_SIZE.h),
        );
        assert_eq!(Orientation::TopDown.axis_size(None), d);
        assert_eq!(
            Orientation::TopDown.axis_size(Some(&Size::new(f32::NAN, 3.0))),
            d
        );
        assert_eq!(
            Orientation::TopDown.axis_size(Some(&Size::new(-1.0, 3.0))),
            d
        );
        assert_eq!(
            Orientation::LeftRight.axis_size(Some(&Size::new(10.0, 3.0))),
            (3.0, 10.0)
        );
    }

    #[test]
    fn simplify_drops_duplicates_and_straight_bends() {
        let p = simplify(&[(0.0, 0.0), (0.0, 5.0), (0.0, 5.0), (0.0, 9.0), (4.0, 9.0)]);
        assert_eq!(p, vec![(0.0, 0.0), (0.0, 9.0), (4.0, 9.0)]);
    }
}
