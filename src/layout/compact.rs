//! The compact placer: a manager whose reports are all leaves (at least three) gets them stacked in a
//! column below it, indented from its left edge as in Visio, or in two columns around a central spine when
//! there are many. The stack enters the tidy tree as one block pseudo-node, so the tree stays linear.

use super::Spacing;
use super::axes::AxisPoint;
use super::structure::{NONE, Structure};

/// Fewest leaf reports that are stacked rather than placed in a row.
pub(super) const MIN_STACKED: usize = 3;
/// Most leaf reports kept in a single column; more get two.
pub(super) const MAX_SINGLE_COLUMN: usize = 8;

pub(super) struct Block {
    pub manager: u32,
    pub breadth: f64,
    pub depth: f64,
    /// Where the manager's near breadth edge sits relative to the block's.
    pub manager_offset: f64,
    /// Where the connector spine runs, relative to the manager's near breadth edge.
    pub spine: f64,
}

pub(super) struct Blocks {
    pub list: Vec<Block>,
    /// Block index of each unit that manages a block, else `NONE`.
    pub of_manager: Vec<u32>,
    pub is_member: Vec<bool>,
    /// A member's corner relative to its block's corner.
    pub member_offset: Vec<AxisPoint>,
}

impl Blocks {
    pub fn none(n: usize) -> Self {
        Self {
            list: Vec::new(),
            of_manager: vec![NONE; n],
            is_member: vec![false; n],
            member_offset: Vec::new(),
        }
    }

    pub fn plan(structure: &Structure, size: &[(f64, f64)], spacing: &Spacing) -> Self {
        let n = structure.len();
        let mut blocks = Self::none(n);
        blocks.member_offset = vec![(0.0, 0.0); n];
        for manager in 0..n {
            let reports = structure.children(manager);
            let stackable = reports.len() >= MIN_STACKED
                && reports.iter().all(|&c| structure.is_leaf(c as usize));
            if !stackable {
                continue;
            }
            let block = blocks.stack(manager, reports, size, spacing);
            blocks.of_manager[manager] = blocks.list.len() as u32;
            blocks.list.push(block);
        }
        blocks
    }

    /// Places `reports` row by row (reading order) relative to the block corner and sizes the block.
    fn stack(
        &mut self,
        manager: usize,
        reports: &[u32],
        size: &[(f64, f64)],
        spacing: &Spacing,
    ) -> Block {
        let columns = if reports.len() > MAX_SINGLE_COLUMN {
            2
        } else {
            1
        };
        let mut column_breadth = [0.0f64; 2];
        for (k, &c) in reports.iter().enumerate() {
            let slot = &mut column_breadth[k % columns];
            *slot = slot.max(size[c as usize].0);
        }
        let column_gap = spacing.sibling;
        let mut depth = 0.0;
        for row in reports.chunks(columns) {
            let row_depth = row.iter().map(|&c| size[c as usize].1).fold(0.0, f64::max);
            for (column, &c) in row.iter().enumerate() {
                self.is_member[c as usize] = true;
                // The left column hugs the spine from the left, the right column from the right.
                let b = match (columns, column) {
                    (1, _) => 0.0,
                    (_, 0) => column_breadth[0] - size[c as usize].0,
                    _ => column_breadth[0] + column_gap,
                };
                self.member_offset[c as usize] = (b, depth);
            }
            depth += row_depth + spacing.stack();
        }
        depth -= spacing.stack();

        let manager_breadth = size[manager].0;
        if columns == 1 {
            let indent = spacing.sibling.min(manager_breadth);
            Block {
                manager: manager as u32,
                breadth: column_breadth[0],
                depth,
                manager_offset: -indent,
                spine: indent / 2.0,
            }
        } else {
            let spine_in_block = column_breadth[0] + column_gap / 2.0;
            Block {
                manager: manager as u32,
                breadth: column_breadth[0] + column_gap + column_breadth[1],
                depth,
                manager_offset: spine_in_block - manager_breadth / 2.0,
                spine: manager_breadth / 2.0,
            }
        }
    }
}
