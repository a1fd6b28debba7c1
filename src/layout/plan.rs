//! Which placer arranges each manager's reports: the user's choice when the unit has one, else the view's
//! (a row, the compact stacks, or auto-fit to a target shape).

use super::placer::stack::MIN_STACKED;
use super::placer::{Arrangement, Stacking};
use super::structure::Structure;
use super::{LayoutOptions, Spacing, autofit};
use crate::model::Placer;

/// Every manager's arrangement: worked out for the whole chart by auto-fit, or read off the view when asked
/// (a table of them would be 24 bytes a unit, written and read once).
pub(super) enum Plan {
    Fitted(Vec<Arrangement>),
    View { compact: bool, lists: bool },
}

impl Plan {
    pub fn of(&self, structure: &Structure, v: usize) -> Arrangement {
        match self {
            Self::Fitted(all) => all.get(v).copied().unwrap_or(Arrangement::Row),
            Self::View { compact, lists } => view_arrangement(structure, v, *compact, *lists),
        }
    }
}

pub(super) fn arrangements(
    structure: &Structure,
    card: &[(f64, f64)],
    options: &LayoutOptions,
    spacing: &Spacing,
) -> Plan {
    match options.target_aspect.filter(|r| r.is_finite() && *r > 0.0) {
        Some(ratio) => {
            let along_breadth = match options.orientation {
                super::Orientation::TopDown => f64::from(ratio),
                super::Orientation::LeftRight => 1.0 / f64::from(ratio),
            };
            Plan::Fitted(autofit::fit(
                structure,
                card,
                spacing,
                options.compact,
                along_breadth,
                options.top_columns,
            ))
        }
        None => Plan::View {
            compact: options.compact,
            lists: spacing.list,
        },
    }
}

/// The user's own choice for `v`, if it made one.
pub(super) fn chosen(structure: &Structure, v: usize) -> Option<Arrangement> {
    match structure.placer[v] {
        Placer::Auto => None,
        Placer::Row => Some(Arrangement::Row),
        Placer::Column => Some(Arrangement::Stack(Stacking::Auto)),
        Placer::Grid => Some(Arrangement::Grid { wrap: None }),
    }
}

/// The arrangement without a target shape: the user's choice, else a row, or in the compact view a
/// stack of the reports that have no reports of their own (three or more; in the list view, any: they
/// are the rows of the manager's list).
pub(super) fn view_arrangement(
    structure: &Structure,
    v: usize,
    compact: bool,
    lists: bool,
) -> Arrangement {
    if let Some(chosen) = chosen(structure, v) {
        return chosen;
    }
    if !compact && !lists {
        return Arrangement::Row;
    }
    let fewest = if lists { 1 } else { MIN_STACKED };
    let (mut leaves, mut reports) = (0, 0);
    for &c in structure.children(v) {
        let c = c as usize;
        if !structure.staff[c] {
            reports += 1;
            leaves += usize::from(structure.is_leaf(c));
        }
    }
    match leaves {
        l if l < fewest => Arrangement::Row,
        l if l == reports => Arrangement::Stack(Stacking::Auto),
        _ => Arrangement::RowWithLeafStack,
    }
}

/// Whether report `c` of a manager arranged as `arrangement` goes in the manager's block.
pub(super) fn in_block(structure: &Structure, arrangement: Arrangement, c: usize) -> bool {
    !structure.staff[c]
        && match arrangement {
            Arrangement::Row => false,
            Arrangement::RowWithLeafStack => structure.is_leaf(c),
            Arrangement::Stack(_) | Arrangement::Grid { .. } | Arrangement::Columns(_) => true,
        }
}
