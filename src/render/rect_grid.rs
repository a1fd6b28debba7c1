//! Rectangles in grid buckets, to ask "does anything overlap this small box?" without looking at every
//! rectangle: the link labels placed so far, which each new label must keep clear of. (The cards are not
//! in here: they are asked through the router's index of them, built anyway for routing.)

use std::collections::HashMap;

use crate::geom::Rect;

/// A rectangle covering more cells than this is kept in a short list checked every time instead.
const MAX_CELLS: i64 = 64;

pub struct RectGrid {
    cell: (f32, f32),
    cells: HashMap<Cell, Vec<Rect>>,
    large: Vec<Rect>,
}

type Cell = (i64, i64);

impl RectGrid {
    /// An empty grid with buckets of `cell` (width, height): about the size of the boxes asked about.
    pub fn new(cell: (f32, f32)) -> Self {
        Self {
            cell: (cell.0.max(8.0), cell.1.max(8.0)),
            cells: HashMap::new(),
            large: Vec::new(),
        }
    }

    fn span(&self, r: &Rect) -> (i64, i64, i64, i64) {
        let at = |v: f32, size: f32| (f64::from(v) / f64::from(size)).floor() as i64;
        (
            at(r.x, self.cell.0),
            at(r.y, self.cell.1),
            at(r.right(), self.cell.0),
            at(r.bottom(), self.cell.1),
        )
    }

    /// The cells `r` covers, or `None` when it is unusable or covers too many to bucket.
    fn cells_of(&self, r: &Rect) -> Option<(i64, i64, i64, i64)> {
        if !is_usable(r) {
            return None;
        }
        let (x0, y0, x1, y1) = self.span(r);
        ((x1 - x0 + 1).saturating_mul(y1 - y0 + 1) <= MAX_CELLS).then_some((x0, y0, x1, y1))
    }

    pub fn insert(&mut self, r: Rect) {
        let Some((x0, y0, x1, y1)) = self.cells_of(&r) else {
            self.large.push(r);
            return;
        };
        for x in x0..=x1 {
            for y in y0..=y1 {
                self.cells.entry((x, y)).or_default().push(r);
            }
        }
    }

    /// Whether any rectangle intersects `r` (as [`Rect::intersects`] says).
    pub fn any_intersecting(&self, r: &Rect) -> bool {
        if self.large.iter().any(|other| other.intersects(r)) {
            return true;
        }
        if !is_usable(r) {
            return false;
        }
        let (x0, y0, x1, y1) = self.span(r);
        if (x1 - x0 + 1).saturating_mul(y1 - y0 + 1) > MAX_CELLS * MAX_CELLS {
            // A box far larger than the rectangles: looking at each is cheaper than at each cell.
            return self
                .cells
                .values()
                .flatten()
                .any(|other| other.intersects(r));
        }
        (x0..=x1).any(|x| {
            (y0..=y1).any(|y| {
                self.cells
                    .get(&(x, y))
                    .is_some_and(|rects| rects.iter().any(|other| other.intersects(r)))
            })
        })
    }
}

fn is_usable(r: &Rect) -> bool {
    r.x.is_finite()
        && r.y.is_finite()
        && r.w.is_finite()
        && r.h.is_finite()
        && r.w >= 0.0
        && r.h >= 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_match_checking_every_rectangle() {
        let mut rects = Vec::new();
        for i in 0..30 {
            for j in 0..6 {
                let (i, j) = (i as f32, j as f32);
                rects.push(Rect::new(
                    i * 170.0 + j * 11.0,
                    j * 90.0,
                    150.0 + j * 20.0,
                    60.0,
                ));
            }
        }
        rects.push(Rect::new(-5000.0, 200.0, 20000.0, 3.0));
        let mut grid = RectGrid::new((60.0, 20.0));
        for r in &rects {
            grid.insert(*r);
        }
        for x in (-200..5400).step_by(37) {
            for y in (-50..600).step_by(23) {
                let probe = Rect::new(x as f32, y as f32, 44.0, 14.0);
                let expected = rects.iter().any(|r| r.intersects(&probe));
                assert_eq!(grid.any_intersecting(&probe), expected, "{probe:?}");
            }
        }
        assert!(grid.any_intersecting(&Rect::new(-1e7, -1e7, 2e7, 2e7)));
    }
}
