//! The chart's recent changes, so that a view built from it can redo only what an edit touched: a content
//! edit (a rename, a new headcount) re-measures one card and its managers, instead of the whole drawing.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::model::UnitId;

/// Stamps come from one counter for the whole process, so two charts (or a chart and an old clone of it
/// that were edited apart) never share a stamp unless they hold the same thing.
static NEXT_STAMP: AtomicU64 = AtomicU64::new(1);

/// How many changes are kept: a view further behind than this rebuilds from scratch.
const KEPT: usize = 1024;

/// One change to the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The chart's stamp once this change was made.
    pub stamp: u64,
    /// The unit changed (for a link, the unit it starts from); `None` for the title or many units at once.
    pub unit: Option<UnitId>,
    /// Whether the change can move anything: the forest (reporting lines, units added or removed,
    /// collapsing), a unit's placer, staff flag or pinned position, or a link. A change that is not
    /// structural changes only what the unit's card (and its managers' figures) show.
    pub structural: bool,
}

#[derive(Clone, Debug, Default)]
pub(super) struct ChangeLog {
    stamp: u64,
    /// The stamp the chart had before `entries[0]` (0 for a chart that never lost a change from the log).
    base: u64,
    entries: Vec<Change>,
}

impl ChangeLog {
    pub(super) fn stamp(&self) -> u64 {
        self.stamp
    }

    pub(super) fn record(&mut self, unit: Option<UnitId>, structural: bool) {
        self.stamp = NEXT_STAMP.fetch_add(1, Ordering::Relaxed);
        if self.entries.len() >= KEPT {
            // Drop the older half at once, so that recording stays O(1) amortised.
            let dropped = self.entries.drain(..KEPT / 2).next_back();
            if let Some(last) = dropped {
                self.base = last.stamp;
            }
        }
        self.entries.push(Change {
            stamp: self.stamp,
            unit,
            structural,
        });
    }

    pub(super) fn since(&self, stamp: u64) -> Option<&[Change]> {
        if stamp == self.stamp {
            return Some(&[]);
        }
        if stamp == self.base {
            return Some(&self.entries);
        }
        // Stamps only grow along one chart's history.
        let at = self
            .entries
            .binary_search_by_key(&stamp, |c| c.stamp)
            .ok()?;
        Some(&self.entries[at + 1..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Chart, Unit};

    fn chart() -> Chart {
        let mut chart = Chart::new();
        chart.insert_unit(Unit::new("a", "A"), None, None).unwrap();
        chart
            .insert_unit(Unit::new("b", "B"), Some(&"a".into()), None)
            .unwrap();
        chart
    }

    #[test]
    fn a_rename_is_a_content_change_and_a_move_or_collapse_is_structural() {
        let mut chart = chart();
        let start = chart.stamp();
        let mut b = chart.unit(&"b".into()).unwrap().clone();
        b.name = "Bee".into();
        chart.replace_unit(b.clone()).unwrap();
        let changes = chart.changes_since(start).unwrap();
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].unit, Some("b".into()));
        assert!(!changes[0].structural);

        let renamed = chart.stamp();
        b.collapsed = true;
        chart.replace_unit(b).unwrap();
        chart.move_unit(&"b".into(), None, None).unwrap();
        let changes = chart.changes_since(renamed).unwrap();
        assert_eq!(changes.len(), 2);
        assert!(changes.iter().all(|c| c.structural));
        assert_eq!(chart.changes_since(chart.stamp()), Some(&[][..]));
    }

    #[test]
    fn charts_edited_apart_never_share_a_stamp_or_a_history() {
        let mut one = chart();
        let common = one.stamp();
        let mut two = one.clone();
        assert_eq!(one.stamp(), two.stamp(), "a clone holds the same");
        one.set_title("One");
        two.set_title("Two");
        assert_ne!(one.stamp(), two.stamp());
        assert_eq!(two.changes_since(one.stamp()), None);
        assert_eq!(two.changes_since(common).map(<[Change]>::len), Some(1));
        assert_eq!(Chart::new().changes_since(one.stamp()), None);
    }

    #[test]
    fn a_view_too_far_behind_is_told_to_start_again() {
        let mut chart = chart();
        let start = chart.stamp();
        for k in 0..KEPT + 10 {
            chart.set_title(format!("T{k}"));
        }
        assert_eq!(chart.changes_since(start), None);
        let recent = chart.stamp();
        chart.set_title("last");
        assert_eq!(chart.changes_since(recent).map(<[Change]>::len), Some(1));
    }
}
