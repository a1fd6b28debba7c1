//! Headcount and cost on each side, for the whole chart and per top-level unit.

use std::collections::HashSet;

use crate::metrics::{self, Totals};
use crate::model::Forest;

use super::matching::Matching;
use super::{DiffTotals, TopLevelTotals};

/// The units a chart's totals are broken down by: its roots, or, when it has a single root (a chief
/// executive or a board), the units reporting to that root.
pub(super) fn top_level_units(forest: &Forest) -> Vec<usize> {
    match forest.roots.as_slice() {
        [root] if !forest.children[*root].is_empty() => forest.children[*root].clone(),
        roots => roots.to_vec(),
    }
}

pub(super) fn compare(matching: &Matching) -> (DiffTotals, Vec<TopLevelTotals>) {
    let (before, after) = (&matching.before, &matching.after);
    let totals = DiffTotals {
        before: metrics::chart_totals(before.chart),
        after: metrics::chart_totals(after.chart),
    };
    let before_subtrees = metrics::subtree_totals(before.chart);
    let after_subtrees = metrics::subtree_totals(after.chart);
    let subtree = |map: &std::collections::HashMap<_, Totals>, id| map.get(id).copied();

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
                before: before_id
                    .and_then(|b| subtree(&before_subtrees, b))
                    .unwrap_or_default(),
                after: subtree(&after_subtrees, after_id).unwrap_or_default(),
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
                before: subtree(&before_subtrees, before_id).unwrap_or_default(),
                after: after_id
                    .and_then(|a| subtree(&after_subtrees, a))
                    .unwrap_or_default(),
            },
        });
    }
    (totals, rows)
}
