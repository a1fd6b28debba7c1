//! The points of one connector, kept inline: an elbow has at most six points, and a chart of a million
//! units has a million connectors, so a heap vector per connector was a million allocations and frees (at
//! 1M units most of layout's time went to malloc and free).

use std::fmt;
use std::ops::Deref;

use crate::geom::Point;

/// At most this many points: a stacked report's connector (down from the manager, along the bus to the
/// block's lane, down the lane and across into the card) is the longest the engine draws.
pub const MAX_CONNECTOR_POINTS: usize = 6;

/// An orthogonal polyline of up to [`MAX_CONNECTOR_POINTS`] points; reads as a `[Point]`.
#[derive(Clone, Copy)]
pub struct Polyline {
    len: u8,
    points: [Point; MAX_CONNECTOR_POINTS],
}

impl Polyline {
    /// The first [`MAX_CONNECTOR_POINTS`] of `points`. Only the engine builds polylines, and none of its
    /// elbows is longer (the tests check every connector it draws).
    pub(super) fn from_points(points: impl IntoIterator<Item = Point>) -> Self {
        let mut line = Self {
            len: 0,
            points: [Point::default(); MAX_CONNECTOR_POINTS],
        };
        let mut points = points.into_iter();
        for (slot, p) in line.points.iter_mut().zip(&mut points) {
            *slot = p;
            line.len += 1;
        }
        debug_assert!(points.next().is_none(), "a connector of over six points");
        line
    }

    /// The same polyline with every point moved by `f` (a translation, a flip).
    pub fn map(&self, f: impl FnMut(Point) -> Point) -> Self {
        let mut line = *self;
        for (slot, p) in line.points.iter_mut().zip(self.iter().copied().map(f)) {
            *slot = p;
        }
        line
    }
}

impl Deref for Polyline {
    type Target = [Point];

    fn deref(&self) -> &[Point] {
        &self.points[..usize::from(self.len)]
    }
}

impl PartialEq for Polyline {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl fmt::Debug for Polyline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_as_its_points_and_maps_them() {
        let points = [
            Point::new(1.0, 2.0),
            Point::new(1.0, 5.0),
            Point::new(4.0, 5.0),
        ];
        let line = Polyline::from_points(points);
        assert_eq!(&*line, &points);
        assert_eq!(line.len(), 3);
        let moved = line.map(|p| Point::new(p.x + 1.0, p.y));
        assert_eq!(moved[2], Point::new(5.0, 5.0));
        assert_eq!(moved.len(), 3);
        assert_ne!(line, moved);
        assert_eq!(format!("{line:?}"), format!("{:?}", points));
    }
}
