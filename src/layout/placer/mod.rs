//! Placers: how one manager's reports are arranged. Each report stands for its whole frame (its card and
//! everything laid out under it, as one box), so a placer only arranges boxes:
//! - row: the tidy tree's own placement, side by side in the manager's row (no block);
//! - stack (`stack`): one column hanging beside a spine, or pairs of columns around spines;
//! - grid (`grid`): rows of boxes around a central trunk, each row reached by its own bus;
//! - staff band (`staff`): staff posts beside the line between a manager and its other reports;
//! - columns (`columns`): uneven teams packed into balanced columns (masonry), each column a stack of whole
//!   frames beside a spine of its own.
//!
//! A stack or grid becomes one block pseudo-node of the tidy tree, so the tree algorithm stays linear.

pub(super) mod columns;
pub(super) mod grid;
pub(super) mod stack;
pub(super) mod staff;

use super::Spacing;
use super::axes::AxisPoint;

/// How a manager's reports are arranged.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Arrangement {
    /// Side by side in the row below the manager.
    Row,
    /// The teams side by side, with the reports that have no reports of their own gathered in one stack
    /// standing in the row where the first of them would have stood (the compact view).
    RowWithLeafStack,
    /// All reports in a stack hanging below the manager.
    Stack(Stacking),
    /// All reports in rows hanging below the manager; rows are at most `wrap` wide, or the block is near
    /// square when `None`.
    Grid { wrap: Option<f64> },
    /// All reports in this many columns hanging below the manager, each report going to the shortest
    /// column so far (in order): teams of very different depths pack without the holes of a grid's rows.
    Columns(usize),
}

/// How many columns a stack has.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Stacking {
    /// One column for a few reports, else pairs of columns at most `stack::MAX_PAIR_ROWS` deep.
    Auto,
    /// One column.
    Single,
    /// This many pairs of columns.
    Pairs(usize),
}

/// A report as a placer sees it: the box its frame takes.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Member {
    pub breadth: f64,
    pub depth: f64,
}

/// How a connector reaches a member's card, relative to the block's corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Entry {
    /// A spine along the depth axis at this breadth; the connector leaves it at the card's mid depth and
    /// enters the card side facing it.
    Spine(f64),
    /// A trunk at breadth `trunk` reaches a bus at depth `bus`; the connector runs along the bus and enters
    /// the card's near side in its middle.
    Bus { trunk: f64, bus: f64 },
}

/// Where a member's frame sits (its corner, relative to the block's corner) and how it is reached.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Slot {
    pub offset: AxisPoint,
    pub entry: Entry,
}

impl Default for Slot {
    fn default() -> Self {
        Self {
            offset: (0.0, 0.0),
            entry: Entry::Spine(0.0),
        }
    }
}

/// The block a placer made of the members.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Shape {
    pub breadth: f64,
    pub depth: f64,
    /// For a block hanging alone below its manager: where the manager's card centre sits, relative to the
    /// block's near edge. `None` for a block standing in a row among the manager's teams.
    pub hang_centre: Option<f64>,
    /// The connectors' lanes (spines, trunk) run straight down from the manager's card rather than from a
    /// bus in the level gap.
    pub direct: bool,
}

impl Arrangement {
    /// Arranges the members of this arrangement's block; `slots` gets one slot per member, in order.
    /// `uniform` says every member is a single card, so a grid may keep its columns aligned.
    pub fn arrange(
        self,
        members: &[Member],
        uniform: bool,
        manager_breadth: f64,
        spacing: &Spacing,
        slots: &mut Vec<Slot>,
    ) -> Shape {
        slots.clear();
        match self {
            Self::Row => Shape::default(),
            Self::RowWithLeafStack => {
                stack::arrange(members, Stacking::Auto, None, uniform, spacing, slots)
            }
            Self::Stack(stacking) => stack::arrange(
                members,
                stacking,
                Some(manager_breadth),
                uniform,
                spacing,
                slots,
            ),
            Self::Columns(columns) => columns::arrange(members, columns, spacing, slots),
            Self::Grid { wrap } => {
                grid::arrange(members, wrap, uniform, manager_breadth, spacing, slots)
            }
        }
    }
}
