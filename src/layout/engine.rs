//! Puts the pieces together: checked structure, the placer of every manager, frames laid out by the tidy
//! tree, pins, connectors, and the mapping back from abstract axes to the chart.

use super::axes::AxisRect;
use super::frames::Frames;
use super::structure::{NONE, Structure};
use super::{Layout, LayoutOptions, Spacing, connectors, plan};
use crate::geom::{Point, Rect, Size};
use crate::model::Forest;

pub(super) fn run(
    forest: &Forest,
    sizes: &[Size],
    pinned: &[Option<Point>],
    options: &LayoutOptions,
) -> Layout {
    if forest.is_empty() {
        return Layout::default();
    }
    let axes = options.orientation;
    let spacing = Spacing::from_options(options);
    let structure = Structure::build(forest);
    let card: Vec<(f64, f64)> = (0..structure.len())
        .map(|i| axes.axis_size(sizes.get(i)))
        .collect();
    let plan = plan::arrangements(&structure, &card, options, &spacing);
    let frames = Frames::lay_out(&structure, &card, &plan, &spacing);
    let mut placed = frames.place(&structure, &card);
    let offsets = pin_offsets(&structure, &placed.rects, pinned, options);
    // Moved in place: a second copy of every rectangle is tens of megabytes of fresh pages at 1M units.
    let mut rects = std::mem::take(&mut placed.rects);
    for (v, r) in rects.iter_mut().enumerate() {
        let (db, dd) = offset(&offsets, v);
        *r = r.translate(db, dd);
    }
    let connectors = connectors::route_all(&structure, &frames, &placed, &rects, &offsets, axes);

    let rects: Vec<Rect> = rects.into_iter().map(|r| axes.chart_rect(r)).collect();
    let bounds = Rect::bounding(&rects).unwrap_or_default();
    Layout {
        rects,
        connectors,
        bounds,
    }
}

/// How far card `v` moved from its automatic place, given [`pin_offsets`].
pub(super) fn offset(offsets: &[(f64, f64)], v: usize) -> (f64, f64) {
    offsets.get(v).copied().unwrap_or((0.0, 0.0))
}

/// How far each card moves from its automatic place: to its own pin, else as far as its manager moved.
/// Empty when no card is pinned (every offset is zero; a table of them is 16 bytes a unit).
fn pin_offsets(
    structure: &Structure,
    auto: &[AxisRect],
    pinned: &[Option<Point>],
    options: &LayoutOptions,
) -> Vec<(f64, f64)> {
    let usable = |p: &Option<Point>| p.is_some_and(|p| p.x.is_finite() && p.y.is_finite());
    if !pinned.iter().take(structure.len()).any(usable) {
        return Vec::new();
    }
    let mut offsets = vec![(0.0, 0.0); structure.len()];
    for &v in &structure.order {
        let v = v as usize;
        let pin = pinned
            .get(v)
            .copied()
            .flatten()
            .filter(|p| p.x.is_finite() && p.y.is_finite());
        offsets[v] = match pin {
            Some(pin) => {
                let (b, d) = options.orientation.axis_point(pin);
                (b - auto[v].b, d - auto[v].d)
            }
            None => match structure.parent[v] {
                NONE => (0.0, 0.0),
                p => offsets[p as usize],
            },
        };
    }
    offsets
}
