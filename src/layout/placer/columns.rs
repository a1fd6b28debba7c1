//! The columns placer (masonry): a manager's reports in k columns hanging below it, each report going to
//! the column that is shortest so far, in order. Teams of very different depths then pack into columns of
//! near-equal depth, where a grid's rows would each be as deep as their deepest team.
//!
//! Each column keeps an indent on its near side for its own spine; every spine is fed from the bus in the
//! level gap below the manager and enters each report's card from the side, as a hanging stack does. The
//! gap between columns is wider than the indent, so a spine never runs along another column's frames.

use super::{Entry, Member, Shape, Slot};
use crate::layout::Spacing;

/// Arranges `members` in `columns` columns (at least one, at most one per member).
pub(super) fn arrange(
    members: &[Member],
    columns: usize,
    spacing: &Spacing,
    slots: &mut Vec<Slot>,
) -> Shape {
    let k = columns.clamp(1, members.len().max(1));
    let indent = spacing.sibling;
    let gap = frame_gap(spacing);
    // Which column each member goes to, and each column's depth and breadth.
    let mut depth = vec![0.0f64; k];
    let mut breadth = vec![0.0f64; k];
    let mut column_of = Vec::with_capacity(members.len());
    let mut top = Vec::with_capacity(members.len());
    for m in members {
        let shortest = (0..k)
            .min_by(|&a, &b| depth[a].total_cmp(&depth[b]))
            .unwrap_or(0);
        column_of.push(shortest);
        let at = if depth[shortest] > 0.0 {
            depth[shortest] + gap
        } else {
            0.0
        };
        top.push(at);
        depth[shortest] = at + m.depth;
        breadth[shortest] = breadth[shortest].max(m.breadth);
    }
    // Columns side by side, each an indent wide more than its widest member.
    let mut left = vec![0.0f64; k];
    let mut x = 0.0;
    for c in 0..k {
        left[c] = x;
        x += indent + breadth[c] + spacing.sibling;
    }
    let total = (x - spacing.sibling).max(0.0);
    for (i, _) in members.iter().enumerate() {
        let c = column_of[i];
        slots.push(Slot {
            offset: (left[c] + indent, top[i]),
            entry: Entry::Spine(left[c] + indent / 2.0),
        });
    }
    Shape {
        breadth: total,
        depth: depth.iter().copied().fold(0.0, f64::max),
        hang_centre: Some(total / 2.0),
        direct: false,
    }
}

/// Space between frames stacked in one column: more than between list rows or cards of a stack, so each
/// team reads as its own group.
fn frame_gap(spacing: &Spacing) -> f64 {
    (spacing.level / 2.0).max(spacing.stack())
}

/// The box `columns` columns of `members` make, without placing them: what auto-fit compares.
pub(in crate::layout) fn estimate(members: &[Member], columns: usize, spacing: &Spacing) -> Member {
    let mut slots = Vec::with_capacity(members.len());
    let shape = arrange(members, columns, spacing, &mut slots);
    Member {
        breadth: shape.breadth,
        depth: shape.depth,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spacing() -> Spacing {
        Spacing {
            sibling: 8.0,
            level: 22.0,
            root: 22.0,
            list: true,
        }
    }

    fn boxes(depths: &[f64]) -> Vec<Member> {
        depths
            .iter()
            .map(|&depth| Member {
                breadth: 100.0,
                depth,
            })
            .collect()
    }

    #[test]
    fn each_member_goes_to_the_shortest_column_so_far_in_order() {
        let members = boxes(&[200.0, 40.0, 40.0, 40.0, 150.0]);
        let mut slots = Vec::new();
        let shape = arrange(&members, 2, &spacing(), &mut slots);
        let column = |i: usize| slots[i].offset.0;
        // The 200 starts one column, the 40s fill the other; after them it is still the shorter one
        // (3 x 40 and two gaps < 200), so the 150 joins it too.
        assert_eq!(column(0), 8.0);
        assert!(column(1) > column(0));
        assert_eq!(column(2), column(1));
        assert_eq!(column(3), column(1));
        assert_eq!(column(4), column(1));
        let gap = frame_gap(&spacing());
        assert_eq!(slots[4].offset.1, 3.0 * 40.0 + 3.0 * gap);
        assert_eq!(shape.depth, 3.0 * 40.0 + 3.0 * gap + 150.0);
        assert_eq!(shape.breadth, 2.0 * (8.0 + 100.0) + 8.0);
        assert_eq!(shape.hang_centre, Some(shape.breadth / 2.0));
    }

    #[test]
    fn members_never_overlap_and_each_spine_runs_in_its_column_s_indent() {
        let members = boxes(&[30.0, 90.0, 10.0, 60.0, 60.0, 20.0, 80.0]);
        for k in 1..=8 {
            let mut slots = Vec::new();
            let shape = arrange(&members, k, &spacing(), &mut slots);
            assert_eq!(slots.len(), members.len());
            for (i, a) in slots.iter().enumerate() {
                let Entry::Spine(spine) = a.entry else {
                    panic!("columns enter from a spine")
                };
                assert!(spine < a.offset.0 && spine > a.offset.0 - 8.0, "k {k}");
                assert!(a.offset.0 + 100.0 <= shape.breadth + 1e-9);
                assert!(a.offset.1 + members[i].depth <= shape.depth + 1e-9);
                for (j, b) in slots.iter().enumerate().skip(i + 1) {
                    let apart = a.offset.0 + 100.0 <= b.offset.0
                        || b.offset.0 + 100.0 <= a.offset.0
                        || a.offset.1 + members[i].depth <= b.offset.1
                        || b.offset.1 + members[j].depth <= a.offset.1;
                    assert!(apart, "k {k}: members {i} and {j} overlap");
                }
            }
        }
    }
}
