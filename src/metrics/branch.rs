//! The part of a chart a figure is about: the whole forest, or one unit and everything below it.

use std::ops::Range;

use crate::model::{Chart, Forest, UnitId};

/// The forest in pre-order with each unit's depth, and the index range that is counted.
pub struct Branch {
    pub forest: Forest,
    pub depths: Vec<usize>,
    pub range: Range<usize>,
}

impl Branch {
    /// The whole chart, or the subtree under `id` (`None` when there is no such unit).
    pub fn of(chart: &Chart, id: Option<&UnitId>) -> Option<Self> {
        let forest = chart.forest(false);
        let depths = forest.depths();
        let range = match id {
            None => 0..forest.len(),
            Some(id) => {
                let start = forest.index_of(id)?;
                // Pre-order: the subtree runs until the next unit at the same depth or above.
                let end = (start + 1..forest.len())
                    .find(|&j| depths[j] <= depths[start])
                    .unwrap_or(forest.len());
                start..end
            }
        };
        Some(Self {
            forest,
            depths,
            range,
        })
    }

    /// Depth below the branch's top (the top layer is 0).
    pub fn layer(&self, i: usize) -> usize {
        let top = self.depths.get(self.range.start).copied().unwrap_or(0);
        self.depths[i] - top
    }
}
