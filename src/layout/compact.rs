//! The compact placer: a manager whose reports are all leaves (at least three) gets them stacked in a
//! column below it, indented from its left edge as in Visio, or in pairs of columns around a spine each
//! when there are many. A manager with teams of its own as well as at least three leaf reports gets those
//! leaves stacked the same way in a group that stands in the row beside the teams, so the row is as wide as
//! the teams and one group, not one card per leaf. Either stack enters the tidy tree as one block
//! pseudo-node, so the tree stays linear.

use super::Spacing;
use super::axes::AxisPoint;
use super::structure::{NONE, Structure};

/// Fewest leaf reports that are stacked rather than placed in a row.
pub(super) const MIN_STACKED: usize = 3;
/// Most leaf reports kept in a single column; more get pairs of columns.
pub(super) const MAX_SINGLE_COLUMN: usize = 8;
/// Most rows in one pair of columns; more reports get another pair beside it, so a manager of 150 stays
/// a block a few pairs wide rather than a column 75 cards deep.
pub(super) const MAX_PAIR_ROWS: usize = 10;

pub(super) struct Block {
    pub manager: u32,
    pub breadth: f64,
    pub depth: f64,
    pub place: BlockPlace,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum BlockPlace {
    /// The block is the manager's only child, hanging below it; the manager's near breadth edge sits this
    /// far from the block's. With `via_bus` the spines are reached along a bus in the level gap, else
    /// the one spine drops straight from the manager.
    Hanging { manager_offset: f64, via_bus: bool },
    /// The block is one child among the manager's teams, its spines reached from their shared bus.
    Grouped,
}

pub(super) struct Blocks {
    pub list: Vec<Block>,
    /// Block index of each unit that manages a block, else `NONE`.
    pub of_manager: Vec<u32>,
    pub is_member: Vec<bool>,
    /// A member's corner relative to its block's corner.
    pub member_offset: Vec<AxisPoint>,
    /// Where the spine reaching a member runs, relative to its block's near breadth edge.
    pub member_spine: Vec<f64>,
}

impl Blocks {
    pub fn none(n: usize) -> Self {
        Self {
            list: Vec::new(),
            of_manager: vec![NONE; n],
            is_member: vec![false; n],
            member_offset: Vec::new(),
            member_spine: Vec::new(),
        }
    }

    pub fn plan(structure: &Structure, size: &[(f64, f64)], spacing: &Spacing) -> Self {
        let n = structure.len();
        let mut blocks = Self::none(n);
        blocks.member_offset = vec![(0.0, 0.0); n];
        blocks.member_spine = vec![0.0; n];
        let mut leaves = Vec::new();
        for manager in 0..n {
            let reports = structure.children(manager);
            leaves.clear();
            leaves.extend(
                reports
                    .iter()
                    .copied()
                    .filter(|&c| structure.is_leaf(c as usize)),
            );
            if leaves.len() < MIN_STACKED {
                continue;
            }
            let hanging = leaves.len() == reports.len();
            let block = blocks.stack(manager, &leaves, size, spacing, hanging);
            blocks.of_manager[manager] = blocks.list.len() as u32;
            blocks.list.push(block);
        }
        blocks
    }

    /// Places `reports` relative to the block corner and sizes the block: one column for a few, else pairs
    /// of columns around a spine each, filled pair by pair and row by row within a pair (reading order).
    fn stack(
        &mut self,
        manager: usize,
        reports: &[u32],
        size: &[(f64, f64)],
        spacing: &Spacing,
        hanging: bool,
    ) -> Block {
        if reports.len() <= MAX_SINGLE_COLUMN {
            return self.single_column(manager, reports, size, spacing, hanging);
        }
        let pairs = reports.len().div_ceil(2 * MAX_PAIR_ROWS);
        let per_pair = reports.len().div_ceil(pairs);
        let column_gap = spacing.sibling;
        let mut breadth = 0.0;
        let mut depth = 0.0f64;
        for (k, pair) in reports.chunks(per_pair).enumerate() {
            if k > 0 {
                breadth += 2.0 * spacing.sibling;
            }
            let mut column_breadth = [0.0f64; 2];
            for (i, &c) in pair.iter().enumerate() {
                let slot = &mut column_breadth[i % 2];
                *slot = slot.max(size[c as usize].0);
            }
            let spine = breadth + column_breadth[0] + column_gap / 2.0;
            let mut pair_depth = 0.0;
            for row in pair.chunks(2) {
                let row_depth = row.iter().map(|&c| size[c as usize].1).fold(0.0, f64::max);
                for (column, &c) in row.iter().enumerate() {
                    // The left column hugs the spine from the left, the right column from the right.
                    let b = if column == 0 {
                        spine - column_gap / 2.0 - size[c as usize].0
                    } else {
                        spine + column_gap / 2.0
                    };
                    self.join(c, (b, pair_depth), spine);
                }
                pair_depth += row_depth + spacing.stack();
            }
            depth = depth.max(pair_depth - spacing.stack());
            breadth += column_breadth[0] + column_gap + column_breadth[1];
        }
        let manager_breadth = size[manager].0;
        let place = match (hanging, pairs) {
            (false, _) => BlockPlace::Grouped,
            // One pair: the manager sits over the spine, which runs straight down from it.
            (true, 1) => BlockPlace::Hanging {
                manager_offset: self.member_spine[reports[0] as usize] - manager_breadth / 2.0,
                via_bus: false,
            },
            (true, _) => BlockPlace::Hanging {
                manager_offset: (breadth - manager_breadth) / 2.0,
                via_bus: true,
            },
        };
        Block {
            manager: manager as u32,
            breadth,
            depth,
            place,
        }
    }

    fn single_column(
        &mut self,
        manager: usize,
        reports: &[u32],
        size: &[(f64, f64)],
        spacing: &Spacing,
        hanging: bool,
    ) -> Block {
        let column = reports
            .iter()
            .map(|&c| size[c as usize].0)
            .fold(0.0, f64::max);
        // Hanging, the column is indented from the manager's near edge and the spine runs in the indent;
        // grouped, the block keeps that room on its own near side.
        let (indent, place) = if hanging {
            let indent = spacing.sibling.min(size[manager].0);
            let place = BlockPlace::Hanging {
                manager_offset: -indent,
                via_bus: false,
            };
            (indent, place)
        } else {
            (spacing.sibling, BlockPlace::Grouped)
        };
        let (first, spine) = if hanging {
            (0.0, -indent / 2.0)
        } else {
            (indent, indent / 2.0)
        };
        let mut depth = 0.0;
        for &c in reports {
            self.join(c, (first, depth), spine);
            depth += size[c as usize].1 + spacing.stack();
        }
        Block {
            manager: manager as u32,
            breadth: first + column,
            depth: depth - spacing.stack(),
            place,
        }
    }

    fn join(&mut self, member: u32, offset: AxisPoint, spine: f64) {
        let member = member as usize;
        self.is_member[member] = true;
        self.member_offset[member] = offset;
        self.member_spine[member] = spine;
    }
}
