//! The diff's totals, organisation figures and id matching are worked out by forest index in one pass per
//! side. These tests keep the earlier, by-id way of working them out (a forest per figure, a lookup per
//! unit) and check that both give exactly the same report on random generated charts with random edits.

use std::collections::HashMap;

use proptest::prelude::*;

use super::*;
use crate::generate::generate;
use crate::metrics::organisations::carriers;
use crate::metrics::{OrganisationTotals, own_totals, subtree_totals};
use crate::model::{Share, Status, Unit};

/// The earlier `metrics::subtree_totals`: the forest, then every unit looked up by id.
fn subtree_totals_by_id(chart: &Chart) -> HashMap<UnitId, Totals> {
    let forest = chart.forest(false);
    let mut totals: Vec<Totals> = forest
        .ids
        .iter()
        .map(|id| chart.unit(id).map(own_totals).unwrap_or_default())
        .collect();
    for i in (0..forest.len()).rev() {
        if let Some(p) = forest.parent[i] {
            totals[p] = totals[p] + totals[i];
        }
    }
    forest.ids.into_iter().zip(totals).collect()
}

/// The earlier `metrics::branch_organisation_totals`: an owned carrier per unit, a lowercased key per part.
fn organisation_totals_by_id(
    chart: &Chart,
    id: Option<&UnitId>,
) -> Option<Vec<OrganisationTotals>> {
    let forest = chart.forest(false);
    let depths = forest.depths();
    let range = match id {
        None => 0..forest.len(),
        Some(id) => {
            let start = forest.index_of(id)?;
            let end = (start + 1..forest.len())
                .find(|&j| depths[j] <= depths[start])
                .unwrap_or(forest.len());
            start..end
        }
    };
    let carriers = carriers(chart, &forest);
    let mut rows: Vec<OrganisationTotals> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for i in range {
        let Some(unit) = chart.unit(&forest.ids[i]) else {
            continue;
        };
        let own = own_totals(unit);
        let carrier = &carriers[i];
        for (name, fraction) in &carrier.parts {
            let row = *index.entry(name.to_lowercase()).or_insert_with(|| {
                rows.push(OrganisationTotals {
                    name: name.clone(),
                    ..OrganisationTotals::default()
                });
                rows.len() - 1
            });
            let part = Totals {
                headcount: own.headcount.scale(*fraction),
                cost: own.cost.scale(*fraction),
                ..own
            };
            let entry = &mut rows[row];
            entry.totals = entry.totals + part;
            if carrier.is_split() {
                entry.shared_units += 1;
                entry.assumed_split |= carrier.assumed;
            }
        }
    }
    Some(rows)
}

/// The earlier per-organisation comparison, on the earlier organisation totals.
fn organisation_changes_by_id(before: &Chart, after: &Chart) -> Vec<OrganisationChange> {
    let before_rows = organisation_totals_by_id(before, None).unwrap_or_default();
    let after_rows = organisation_totals_by_id(after, None).unwrap_or_default();
    let key = |row: &OrganisationTotals| row.name.to_lowercase();
    let before_by_name: HashMap<String, &OrganisationTotals> =
        before_rows.iter().map(|row| (key(row), row)).collect();
    let mut out: Vec<OrganisationChange> = after_rows
        .iter()
        .map(|row| {
            let earlier = before_by_name.get(&key(row));
            OrganisationChange {
                name: row.name.clone(),
                in_before: earlier.is_some(),
                in_after: true,
                totals: DiffTotals {
                    before: earlier.map(|b| b.totals).unwrap_or_default(),
                    after: row.totals,
                },
                assumed_split: row.assumed_split || earlier.is_some_and(|b| b.assumed_split),
            }
        })
        .collect();
    let after_names: std::collections::HashSet<String> = after_rows.iter().map(key).collect();
    out.extend(
        before_rows
            .iter()
            .filter(|row| !after_names.contains(&key(row)))
            .map(|row| OrganisationChange {
                name: row.name.clone(),
                in_before: true,
                in_after: false,
                totals: DiffTotals {
                    before: row.totals,
                    after: Default::default(),
                },
                assumed_split: row.assumed_split,
            }),
    );
    out
}

/// The earlier id matching: every after id in a map, every before id looked up, pairs in the after order.
fn id_pairs_by_lookup(before: &Chart, after: &Chart) -> Vec<(UnitId, UnitId)> {
    let before_ids: std::collections::HashSet<UnitId> =
        before.forest(false).ids.into_iter().collect();
    after
        .forest(false)
        .ids
        .into_iter()
        .filter(|id| before_ids.contains(id))
        .map(|id| (id.clone(), id))
        .collect()
}

/// An edit of a generated chart, by unit position (taken modulo the chart's size).
#[derive(Clone, Debug)]
enum Op {
    Rename(usize),
    /// Another spelling of an organisation (case and spaces), or none so the unit inherits its manager's.
    Organisation(usize, u8),
    /// Shares between two organisations spelt differently from elsewhere.
    Shares(usize, u8),
    /// Shared with some organisations, no shares given (an assumed equal split).
    SharedWith(usize, u8),
    Move(usize, usize),
    RemoveLeaf(usize),
    /// The same unit under a new id (a removed and an added unit, or a guessed match).
    NewId(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        any::<usize>().prop_map(Op::Rename),
        (any::<usize>(), 0u8..4).prop_map(|(k, v)| Op::Organisation(k, v)),
        (any::<usize>(), 0u8..3).prop_map(|(k, v)| Op::Shares(k, v)),
        (any::<usize>(), 0u8..3).prop_map(|(k, v)| Op::SharedWith(k, v)),
        (any::<usize>(), any::<usize>()).prop_map(|(k, m)| Op::Move(k, m)),
        any::<usize>().prop_map(Op::RemoveLeaf),
        any::<usize>().prop_map(Op::NewId),
    ]
}

const SPELLINGS: [&str; 4] = ["", "Council A", "  council a ", "COUNCIL B"];

fn apply(chart: &mut Chart, op: &Op) {
    let ids = chart.forest(false).ids;
    if ids.is_empty() {
        return;
    }
    let at = |k: usize| ids[k % ids.len()].clone();
    let edited = |id: &UnitId, edit: &dyn Fn(&mut Unit)| {
        let mut unit = chart.unit(id)?.clone();
        edit(&mut unit);
        Some(unit)
    };
    // Edits the model refuses (a cycle, shares naming the wrong organisations) are skipped.
    match op {
        Op::Rename(k) => {
            if let Some(unit) = edited(&at(*k), &|u| u.name.push_str(" (renamed)")) {
                let _ = chart.replace_unit(unit);
            }
        }
        Op::Organisation(k, v) => {
            let spelling = SPELLINGS[*v as usize];
            if let Some(unit) = edited(&at(*k), &|u| u.organisation = spelling.to_owned()) {
                let _ = chart.replace_unit(unit);
            }
        }
        Op::Shares(k, v) => {
            let (a, b) = (
                SPELLINGS[1 + *v as usize % 3],
                SPELLINGS[1 + (*v as usize + 2) % 3],
            );
            if let Some(unit) = edited(&at(*k), &|u| {
                u.status = Status::InHouse;
                u.shares = vec![Share::new(a, 70.0), Share::new(b, 30.0)];
            }) {
                let _ = chart.replace_unit(unit);
            }
        }
        Op::SharedWith(k, v) => {
            let with: Vec<String> = SPELLINGS[..=*v as usize + 1]
                .iter()
                .map(|s| s.to_string())
                .collect();
            if let Some(unit) = edited(&at(*k), &|u| {
                u.shares.clear();
                u.status = Status::Shared { with: with.clone() };
            }) {
                let _ = chart.replace_unit(unit);
            }
        }
        Op::Move(k, m) => {
            let _ = chart.move_unit(&at(*k), Some(&at(*m)), None);
        }
        Op::RemoveLeaf(k) => {
            let _ = chart.remove_leaf(&at(*k));
        }
        Op::NewId(k) => {
            let id = at(*k);
            let parent = chart.parent(&id).cloned();
            if let Ok((mut unit, _)) = chart.remove_leaf(&id) {
                unit.id = chart.fresh_id(&format!("{id}-new"));
                let _ = chart.insert_unit(unit, parent.as_ref(), None);
            }
        }
    }
}

fn check_same_report(before: &Chart, after: &Chart) {
    let diff = diff(before, after);
    let totals = DiffTotals {
        before: crate::metrics::chart_totals(before),
        after: crate::metrics::chart_totals(after),
    };
    assert_eq!(diff.totals, totals);
    let (before_subtrees, after_subtrees) =
        (subtree_totals_by_id(before), subtree_totals_by_id(after));
    for row in &diff.per_top_level {
        let before_id = row.before_id.as_ref().unwrap_or(&row.id);
        let expected = DiffTotals {
            before: if row.in_before {
                before_subtrees[before_id]
            } else {
                Totals::default()
            },
            after: if row.in_after {
                after_subtrees[&row.id]
            } else {
                Totals::default()
            },
        };
        assert_eq!(row.totals, expected, "top-level {}", row.id);
    }
    assert_eq!(
        diff.per_organisation,
        organisation_changes_by_id(before, after)
    );
    let by_id = diff_with(
        before,
        after,
        &DiffOptions {
            guess_matches: false,
        },
    );
    let pairs: Vec<(UnitId, UnitId)> = by_id
        .matches
        .iter()
        .map(|m| (m.before.clone(), m.after.clone()))
        .collect();
    assert_eq!(pairs, id_pairs_by_lookup(before, after));
    for m in &diff.matches {
        assert_eq!(diff.after_id(&m.before), Some(&m.after));
        assert_eq!(diff.before_id(&m.after), Some(&m.before));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn the_one_pass_figures_give_the_report_the_by_id_figures_gave(
        units in 1usize..400,
        seed in any::<u64>(),
        ops in proptest::collection::vec(op(), 0..40),
    ) {
        let before = generate(units, seed);
        let mut after = before.clone();
        for op in &ops {
            apply(&mut after, op);
        }
        check_same_report(&before, &after);
        check_same_report(&after, &before);
        // A chart drawn separately: the same units under other ids, matched on names.
        let mut redrawn = Chart::new();
        for unit in after.units() {
            let parent = after.parent(&unit.id).map(|p| UnitId::new(format!("x-{p}")));
            let mut copy = unit.clone();
            copy.id = UnitId::new(format!("x-{}", unit.id));
            redrawn.insert_unit(copy, parent.as_ref(), None).unwrap();
        }
        check_same_report(&before, &redrawn);
    }

    #[test]
    fn branch_organisation_totals_are_the_by_id_figures(
        units in 1usize..300,
        seed in any::<u64>(),
        ops in proptest::collection::vec(op(), 0..30),
        pick in any::<usize>(),
    ) {
        let mut chart = generate(units, seed);
        for op in &ops {
            apply(&mut chart, op);
        }
        let ids = chart.forest(false).ids;
        let branch = ids.get(pick % ids.len().max(1)).cloned();
        prop_assert_eq!(
            crate::metrics::branch_organisation_totals(&chart, branch.as_ref()),
            organisation_totals_by_id(&chart, branch.as_ref())
        );
        prop_assert_eq!(
            crate::metrics::organisation_totals(&chart),
            organisation_totals_by_id(&chart, None).unwrap_or_default()
        );
        prop_assert_eq!(subtree_totals(&chart), subtree_totals_by_id(&chart));
    }
}
