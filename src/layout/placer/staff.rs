//! The staff band: staff posts (an assistant, an adviser) sit beside the line that runs from their
//! manager down to its other reports, alternately on the near and far side, each entered from that line.
//! The manager and its band form one node of the tidy tree, as wide as the band on both sides so the
//! manager's card stays centred over its reports.

use super::{Entry, Member, Slot};
use crate::layout::Spacing;

/// The manager's card with its band, as the tidy tree sees it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(in crate::layout) struct Band {
    pub breadth: f64,
    pub depth: f64,
    /// The card's near edge, relative to the node's.
    pub inset: f64,
}

/// Places `staff` below a card `card` (breadth, depth) big; slots are relative to the card's corner.
pub(in crate::layout) fn arrange(
    staff: &[Member],
    card: (f64, f64),
    spacing: &Spacing,
    slots: &mut Vec<Slot>,
) -> Band {
    slots.clear();
    let (breadth, depth) = card;
    if staff.is_empty() {
        return Band {
            breadth,
            depth,
            inset: 0.0,
        };
    }
    let gap = spacing.sibling;
    let line = breadth / 2.0;
    let mut half = line;
    let mut top = depth + gap;
    for pair in staff.chunks(2) {
        let mut row_depth = 0.0f64;
        for (side, m) in pair.iter().enumerate() {
            half = half.max(m.breadth + gap / 2.0);
            row_depth = row_depth.max(m.depth);
            let b = if side == 0 {
                line - gap / 2.0 - m.breadth
            } else {
                line + gap / 2.0
            };
            slots.push(Slot {
                offset: (b, top),
                entry: Entry::Spine(line),
            });
        }
        top += row_depth + spacing.stack();
    }
    Band {
        breadth: 2.0 * half,
        depth: top - spacing.stack(),
        inset: half - line,
    }
}
