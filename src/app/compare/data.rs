//! The two charts being compared and everything the library says about them: the diff, the merged change
//! chart and the marks each side shows. Rebuilt as a whole when the sides are swapped.

use std::collections::HashMap;

use crate::diff::{self, ChangeKind, ChartDiff, MarkKind, MergedChart};
use crate::model::{Chart, UnitId};
use crate::render::ChangeMark;

use super::changes::{Entry, entries};

/// One chart of the comparison and what to call it.
#[derive(Clone)]
pub struct Side {
    pub chart: Chart,
    /// Usually the file name.
    pub label: String,
}

/// A unit picked in the comparison, by its id on each side (one is missing for an added or removed unit).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pick {
    pub before: Option<UnitId>,
    pub after: Option<UnitId>,
}

impl Pick {
    pub fn from_before(id: &UnitId, diff: &ChartDiff) -> Self {
        Self {
            before: Some(id.clone()),
            after: diff.after_id(id).cloned(),
        }
    }

    pub fn from_after(id: &UnitId, diff: &ChartDiff) -> Self {
        Self {
            before: diff.before_id(id).cloned(),
            after: Some(id.clone()),
        }
    }

    /// Its id in the merged chart: the after id, or the before id of a removed unit.
    pub fn merged(&self) -> Option<&UnitId> {
        self.after.as_ref().or(self.before.as_ref())
    }

    /// From a merged-chart id.
    pub fn from_merged(id: &UnitId, data: &CompareData) -> Self {
        if data.after.chart.contains(id) {
            Self::from_after(id, &data.diff)
        } else {
            Self::from_before(id, &data.diff)
        }
    }
}

pub struct CompareData {
    pub before: Side,
    pub after: Side,
    pub diff: ChartDiff,
    pub merged: MergedChart,
    pub entries: Vec<Entry>,
    /// What each side's cards are marked with: removed, moved and changed units before; added, moved and
    /// changed after.
    pub before_marks: HashMap<UnitId, ChangeMark>,
    pub after_marks: HashMap<UnitId, ChangeMark>,
    /// Moved units and their old manager, both by merged id: the merged view marks where they were.
    pub moved_from: Vec<(UnitId, UnitId)>,
}

impl CompareData {
    pub fn new(before: Side, after: Side) -> Self {
        let diff = diff::diff(&before.chart, &after.chart);
        let merged = diff::merged(&before.chart, &after.chart, &diff);
        let entries = entries(&before.chart, &after.chart, &diff);
        let mut before_marks = HashMap::new();
        let mut after_marks = HashMap::new();
        for (id, mark) in &merged.marks {
            let Some(render) = mark.render_mark() else {
                continue;
            };
            match mark.kind {
                MarkKind::Added => {
                    after_marks.insert(id.clone(), render);
                }
                MarkKind::Removed => {
                    before_marks.insert(id.clone(), render);
                }
                _ => {
                    if let Some(before_id) = diff.before_id(id) {
                        before_marks.insert(before_id.clone(), render.clone());
                    }
                    after_marks.insert(id.clone(), render);
                }
            }
        }
        let moved_from = diff
            .changes
            .iter()
            .filter_map(|change| match &change.kind {
                ChangeKind::Moved {
                    from: Some(from), ..
                } => Some((
                    change.id.clone(),
                    diff.after_id(from).unwrap_or(from).clone(),
                )),
                _ => None,
            })
            .collect();
        Self {
            before,
            after,
            diff,
            moved_from,
            merged,
            entries,
            before_marks,
            after_marks,
        }
    }

    /// What the merged view says about a unit when hovered (merged id): its name, then one line per change;
    /// nothing for an unchanged unit.
    pub fn merged_details(&self, id: &UnitId) -> Vec<String> {
        let Some(mark) = self.merged.marks.get(id).filter(|m| !m.details.is_empty()) else {
            return Vec::new();
        };
        let name = self
            .merged
            .chart
            .unit(id)
            .map_or_else(|| id.to_string(), |u| u.name.clone());
        std::iter::once(name)
            .chain(mark.details.iter().cloned())
            .collect()
    }

    /// The same details for a unit of one side.
    pub fn side_details(&self, id: &UnitId, before_side: bool) -> Vec<String> {
        let pick = if before_side {
            Pick::from_before(id, &self.diff)
        } else {
            Pick::from_after(id, &self.diff)
        };
        pick.merged()
            .map(|merged| self.merged_details(merged))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Unit;

    fn chart(units: &[(&str, Option<&str>)]) -> Chart {
        let mut chart = Chart::new();
        for (id, parent) in units {
            let parent = parent.map(UnitId::new);
            chart
                .insert_unit(Unit::new(*id, id.to_uppercase()), parent.as_ref(), None)
                .unwrap();
        }
        chart
    }

    #[test]
    fn each_side_is_marked_with_what_it_shows() {
        let before = chart(&[("top", None), ("a", Some("top")), ("gone", Some("top"))]);
        let after = chart(&[("top", None), ("a", Some("top")), ("new", Some("a"))]);
        let data = CompareData::new(
            Side {
                chart: before,
                label: "b".into(),
            },
            Side {
                chart: after,
                label: "a".into(),
            },
        );
        assert_eq!(
            data.before_marks.get(&UnitId::new("gone")),
            Some(&ChangeMark::Removed)
        );
        assert!(!data.after_marks.contains_key(&UnitId::new("gone")));
        assert_eq!(
            data.after_marks.get(&UnitId::new("new")),
            Some(&ChangeMark::Added)
        );
        assert!(!data.before_marks.contains_key(&UnitId::new("new")));
        assert!(!data.after_marks.contains_key(&UnitId::new("a")));
    }

    #[test]
    fn a_pick_knows_both_ids_and_the_merged_one() {
        let before = chart(&[("top", None), ("gone", Some("top"))]);
        let after = chart(&[("top", None)]);
        let data = CompareData::new(
            Side {
                chart: before,
                label: "b".into(),
            },
            Side {
                chart: after,
                label: "a".into(),
            },
        );
        let gone = Pick::from_merged(&UnitId::new("gone"), &data);
        assert_eq!(gone.after, None);
        assert_eq!(gone.merged(), Some(&UnitId::new("gone")));
        let top = Pick::from_merged(&UnitId::new("top"), &data);
        assert_eq!(top.before, Some(UnitId::new("top")));
        assert_eq!(top.after, Some(UnitId::new("top")));
    }
}
