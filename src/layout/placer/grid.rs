//! The grid placer: reports in rows hanging below the manager, like one row wrapped onto several lines.
//! A trunk runs down a channel in the middle from the manager; each row hangs from its own bus, as the
//! first row hangs from the level's bus, so every report is entered at the middle of its card's near side.
//! Members are whole frames, so a report with a team of its own keeps its own shape inside the grid.
//!
//! When every member is a single card the columns line up (every slot as wide as the widest card);
//! otherwise each row packs its boxes tightly, half on each side of the trunk.

use super::{Entry, Member, Shape, Slot, Stacking, stack};
use crate::layout::Spacing;

/// Halvings of the search for a near-square wrap: enough for a thousandth of the range.
const SQUARE_SEARCH_STEPS: usize = 12;

/// Arranges `members` in rows at most `wrap` wide (a near-square block when `None`) below a manager
/// `manager_breadth` wide. When every row would hold a single report, they hang in one column instead:
/// entered from the side, rather than from a trunk running beside them.
pub(super) fn arrange(
    members: &[Member],
    wrap: Option<f64>,
    uniform: bool,
    manager_breadth: f64,
    spacing: &Spacing,
    slots: &mut Vec<Slot>,
) -> Shape {
    let wrap = wrap.unwrap_or_else(|| square_wrap(members, uniform, spacing));
    let shape = rows(members, wrap, uniform, spacing, Some(slots));
    let one_per_row = slots
        .windows(2)
        .all(|pair| pair[0].offset.1 < pair[1].offset.1);
    if one_per_row {
        slots.clear();
        return stack::arrange(
            members,
            Stacking::Single,
            Some(manager_breadth),
            uniform,
            spacing,
            slots,
        );
    }
    shape
}

/// The row width whose block comes nearest a square: blocks get deeper as rows get narrower, so the
/// crossing is found by halving.
fn square_wrap(members: &[Member], uniform: bool, spacing: &Spacing) -> f64 {
    let widest = members.iter().map(|m| m.breadth).fold(0.0, f64::max);
    let all: f64 = members.iter().map(|m| m.breadth + spacing.sibling).sum();
    let (mut lo, mut hi) = (widest, all.max(widest));
    for _ in 0..SQUARE_SEARCH_STEPS {
        let mid = (lo + hi) / 2.0;
        let shape = rows(members, mid, uniform, spacing, None);
        if shape.breadth < shape.depth {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    hi
}

/// Lays the rows out, filling `slots` when given; returns the block's shape either way.
fn rows(
    members: &[Member],
    wrap: f64,
    uniform: bool,
    spacing: &Spacing,
    slots: Option<&mut Vec<Slot>>,
) -> Shape {
    if uniform {
        aligned_rows(members, wrap, spacing, slots)
    } else {
        packed_rows(members, wrap, spacing, slots)
    }
}

/// Every member in a slot as wide as the widest, so columns line up; the trunk runs between the middle
/// two columns (or beside a single one).
fn aligned_rows(
    members: &[Member],
    wrap: f64,
    spacing: &Spacing,
    slots: Option<&mut Vec<Slot>>,
) -> Shape {
    let gap = spacing.sibling;
    let slot = members.iter().map(|m| m.breadth).fold(0.0, f64::max);
    let fit = ((wrap + gap) / (slot + gap)).floor();
    let columns = if fit.is_finite() && fit >= 1.0 {
        (fit as usize).min(members.len()).max(1)
    } else {
        1
    };
    let near_columns = columns.div_ceil(2);
    let far_columns = columns - near_columns;
    let trunk = near_columns as f64 * (slot + gap) - gap / 2.0;
    let column_b = |j: usize| {
        if j < near_columns {
            j as f64 * (slot + gap)
        } else {
            trunk + gap / 2.0 + (j - near_columns) as f64 * (slot + gap)
        }
    };
    let breadth = trunk + gap / 2.0 + (far_columns as f64 * (slot + gap) - gap).max(0.0);
    let depth = stack_rows(
        members.chunks(columns).map(|row| {
            row.iter()
                .enumerate()
                .map(move |(j, m)| (column_b(j) + (slot - m.breadth) / 2.0, *m))
        }),
        trunk,
        spacing,
        slots,
    );
    Shape {
        breadth,
        depth,
        hang_centre: Some(trunk),
        direct: true,
    }
}

/// Rows filled greedily up to `wrap`; each row's first half packs against the trunk from the near side,
/// its second half from the far side.
fn packed_rows(
    members: &[Member],
    wrap: f64,
    spacing: &Spacing,
    slots: Option<&mut Vec<Slot>>,
) -> Shape {
    let gap = spacing.sibling;
    let mut breaks = vec![0];
    let mut width = 0.0;
    for (i, m) in members.iter().enumerate() {
        let start = breaks.last().copied().unwrap_or(0);
        if i > start && width + gap + m.breadth > wrap {
            breaks.push(i);
            width = m.breadth;
        } else if i == start {
            width = m.breadth;
        } else {
            width += gap + m.breadth;
        }
    }
    breaks.push(members.len());
    let span = |part: &[Member]| -> f64 {
        part.iter().map(|m| m.breadth).sum::<f64>() + part.len().saturating_sub(1) as f64 * gap
    };
    let halves = |row: &[Member]| row.len().div_ceil(2);
    let lines: Vec<&[Member]> = breaks
        .windows(2)
        .map(|w| &members[w[0]..w[1]])
        .filter(|row| !row.is_empty())
        .collect();
    let near = lines
        .iter()
        .map(|row| span(&row[..halves(row)]))
        .fold(0.0, f64::max);
    let far = lines
        .iter()
        .map(|row| span(&row[halves(row)..]))
        .fold(0.0, f64::max);
    let trunk = near + gap / 2.0;
    let depth = stack_rows(
        lines.iter().map(|row| {
            let h = halves(row);
            let mut b = trunk - gap / 2.0 - span(&row[..h]);
            row.iter().enumerate().map(move |(j, m)| {
                if j == h {
                    b = trunk + gap / 2.0;
                }
                let at = b;
                b += m.breadth + gap;
                (at, *m)
            })
        }),
        trunk,
        spacing,
        slots,
    );
    Shape {
        breadth: trunk + gap / 2.0 + far,
        depth,
        hang_centre: Some(trunk),
        direct: true,
    }
}

/// Puts rows of (near breadth edge, member) one below another, a level gap apart so each row's bus has
/// room; returns the depth of the block.
fn stack_rows<R, C>(
    rows: R,
    trunk: f64,
    spacing: &Spacing,
    mut slots: Option<&mut Vec<Slot>>,
) -> f64
where
    R: Iterator<Item = C>,
    C: Iterator<Item = (f64, Member)>,
{
    let mut top = 0.0;
    let mut bottom = 0.0;
    for row in rows {
        let bus = top - spacing.level / 2.0;
        let mut row_depth = 0.0f64;
        for (b, m) in row {
            row_depth = row_depth.max(m.depth);
            if let Some(slots) = slots.as_deref_mut() {
                slots.push(Slot {
                    offset: (b, top),
                    entry: Entry::Bus { trunk, bus },
                });
            }
        }
        bottom = top + row_depth;
        top = bottom + spacing.level;
    }
    bottom
}
