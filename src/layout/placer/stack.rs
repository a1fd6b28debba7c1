//! The stack placer (the compact view's): reports stacked in a column hanging below the manager, indented
//! from its near edge as in Visio, or in pairs of columns around a spine each when there are many. A stack
//! may also stand in a row among the manager's teams ("grouped"), keeping its spine's room on its near side.
//! Members are whole frames: a report with a team of its own is entered at its card, at the top of its box.

use super::{Entry, Member, Shape, Slot, Stacking};
use crate::layout::Spacing;

/// Fewest leaf reports the compact view stacks rather than placing in a row.
pub(in crate::layout) const MIN_STACKED: usize = 3;
/// Most reports kept in a single column; more get pairs of columns.
pub(in crate::layout) const MAX_SINGLE_COLUMN: usize = 8;
/// Most rows in one pair of columns; more reports get another pair beside it, so a manager of 150 stays
/// a block a few pairs wide rather than a column 75 cards deep.
pub(in crate::layout) const MAX_PAIR_ROWS: usize = 10;
/// The same two limits for the rows of a list, a few times shallower than cards.
const MAX_SINGLE_LIST: usize = 16;
const MAX_PAIR_LIST_ROWS: usize = 20;

/// Stacks `members`; hanging below a manager `manager_breadth` wide, or grouped among teams when `None`.
/// `uniform` says every member is a single card (in the list view, a list row).
pub(super) fn arrange(
    members: &[Member],
    stacking: Stacking,
    manager_breadth: Option<f64>,
    uniform: bool,
    spacing: &Spacing,
    slots: &mut Vec<Slot>,
) -> Shape {
    let n = members.len();
    let (single, pair_rows) = if spacing.list && uniform {
        (MAX_SINGLE_LIST, MAX_PAIR_LIST_ROWS)
    } else {
        (MAX_SINGLE_COLUMN, MAX_PAIR_ROWS)
    };
    let gap = spacing.stack_of(uniform);
    let pairs = match stacking {
        Stacking::Auto if n <= single => 0,
        Stacking::Auto => n.div_ceil(2 * pair_rows),
        Stacking::Single => 0,
        Stacking::Pairs(pairs) => pairs.clamp(1, n.div_ceil(2).max(1)),
    };
    if pairs == 0 || n == 0 {
        single_column(members, manager_breadth, gap, spacing, slots)
    } else {
        in_pairs(members, pairs, manager_breadth, gap, spacing, slots)
    }
}

/// Width of a stack of `pairs` pairs of columns each `column` wide at most: what the auto-fit estimates.
pub(in crate::layout) fn pairs_breadth(pairs: usize, column: f64, spacing: &Spacing) -> f64 {
    let pair = 2.0 * column + spacing.sibling;
    pairs as f64 * pair + pairs.saturating_sub(1) as f64 * 2.0 * spacing.sibling
}

/// Pairs filled pair by pair and row by row within a pair (reading order); each pair's left column hugs
/// its spine from the left, the right column from the right.
fn in_pairs(
    members: &[Member],
    pairs: usize,
    manager_breadth: Option<f64>,
    gap: f64,
    spacing: &Spacing,
    slots: &mut Vec<Slot>,
) -> Shape {
    let per_pair = members.len().div_ceil(pairs);
    let column_gap = spacing.sibling;
    let mut breadth = 0.0;
    let mut depth = 0.0f64;
    let mut first_spine = 0.0;
    for (k, pair) in members.chunks(per_pair).enumerate() {
        if k > 0 {
            breadth += 2.0 * spacing.sibling;
        }
        let mut column_breadth = [0.0f64; 2];
        for (i, m) in pair.iter().enumerate() {
            let slot = &mut column_breadth[i % 2];
            *slot = slot.max(m.breadth);
        }
        let spine = breadth + column_breadth[0] + column_gap / 2.0;
        if k == 0 {
            first_spine = spine;
        }
        let mut pair_depth = 0.0;
        for row in pair.chunks(2) {
            let row_depth = row.iter().map(|m| m.depth).fold(0.0, f64::max);
            for (column, m) in row.iter().enumerate() {
                let b = if column == 0 {
                    spine - column_gap / 2.0 - m.breadth
                } else {
                    spine + column_gap / 2.0
                };
                slots.push(Slot {
                    offset: (b, pair_depth),
                    entry: Entry::Spine(spine),
                });
            }
            pair_depth += row_depth + gap;
        }
        depth = depth.max(pair_depth - gap);
        breadth += column_breadth[0] + column_gap + column_breadth[1];
    }
    let (hang_centre, direct) = match (manager_breadth, pairs) {
        (None, _) => (None, false),
        // One pair: the manager sits over the spine, which runs straight down from it.
        (Some(_), 1) => (Some(first_spine), true),
        (Some(_), _) => (Some(breadth / 2.0), false),
    };
    Shape {
        breadth,
        depth,
        hang_centre,
        direct,
    }
}

fn single_column(
    members: &[Member],
    manager_breadth: Option<f64>,
    gap: f64,
    spacing: &Spacing,
    slots: &mut Vec<Slot>,
) -> Shape {
    let column = members.iter().map(|m| m.breadth).fold(0.0, f64::max);
    // Hanging, the column is indented from the manager's near edge and the spine runs in the indent;
    // grouped, the block keeps that room on its own near side.
    let (first, spine, hang_centre) = match manager_breadth {
        Some(manager) => {
            let indent = spacing.sibling.min(manager);
            (0.0, -indent / 2.0, Some(manager / 2.0 - indent))
        }
        None => (spacing.sibling, spacing.sibling / 2.0, None),
    };
    let mut depth = 0.0;
    for m in members {
        slots.push(Slot {
            offset: (first, depth),
            entry: Entry::Spine(spine),
        });
        depth += m.depth + gap;
    }
    Shape {
        breadth: first + column,
        depth: (depth - gap).max(0.0),
        hang_centre,
        direct: hang_centre.is_some(),
    }
}
