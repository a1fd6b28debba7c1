//! Headcount and cost on each side, for the whole chart and per top-level unit.

use std::collections::HashSet;

use crate::metrics::{self, Totals};
use crate::model::Forest;

use super::matching::{Matching, Side};
use super::{DiffTotals, TopLevelTotals};

/// The units a chart's totals are broken down by: its roots, or, when it has a single root (a chief
/// executive or a board), the units reporting to that root.
pub(super) fn top_level_units(forest: &Forest) -> Vec<usize> {
    match forest.roots.as_slice() {
        [root] if !forest.children[*root].is_empty() => forest.children[*root].clone(),
        roots => roots.to_vec(),
    }
}

/// Each unit's own totals on one side, by forest index: worked out once and shared by every figure below.
pub(super) fn own_totals(side: &Side) -> Vec<Totals> {
    metrics::own_totals_of(&side.units)
}

pub(super) fn compare(
    matching: &Matching,
    before_own: &[Totals],
    after_own: &[Totals],
) -> (DiffTotals, Vec<TopLevelTotals>) {
    let (before, after) = (&matching.before, &matching.after);
    // Side units are in pre-order, the order `metrics::chart_totals` adds in, so the sums are the same.
    let totals = DiffTotals {
        before: metrics::sum_totals(before_own),
        after: metrics::sum_totals(after_own),
    };
    let before_subtrees = metrics::subtree_totals_by_index(before_own, &before.forest.parent);
    let after_subtrees = metrics::subtree_totals_by_index(after_own, &after.forest.parent);

    let mut rows = Vec::new();
    let mut seen_before = HashSet::new();
    for j in top_level_units(&after.forest) {
        let i = matching.before_of[j];
        seen_before.extend(i);
        let after_id = &after.forest.ids[j];
        let before_id = i.map(|i| &before.forest.ids[i]);
        rows.push(TopLevelTotals {
            id: after_id.clone(),
            before_id: before_id.filter(|b| *b != after_id).cloned(),
            name: after.units[j].name.clone(),
            in_before: i.is_some(),
            in_after: true,
            totals: DiffTotals {
                before: i.map(|i| before_subtrees[i]).unwrap_or_default(),
                after: after_subtrees[j],
            },
        });
    }
    for i in top_level_units(&before.forest) {
        if seen_before.contains(&i) {
            continue;
        }
        let before_id = &before.forest.ids[i];
        let j = matching.after_of[i];
        let after_id = j.map(|j| &after.forest.ids[j]);
        rows.push(TopLevelTotals {
            id: after_id.unwrap_or(before_id).clone(),
            before_id: after_id
                .filter(|a| *a != before_id)
                .map(|_| before_id.clone()),
            name: j
                .map_or(&before.units[i].name, |j| &after.units[j].name)
                .clone(),
            in_before: true,
            in_after: j.is_some(),
            totals: DiffTotals {
                before: before_subtrees[i],
                after: j.map(|j| after_subtrees[j]).unwrap_or_default(),
            },
        });
    }
    (totals, rows)
}
