//! Who carries what: headcount and cost per organisation, a shared unit counted by its shares, so the
//! organisations add up to the whole chart.
//!
//! A unit is carried by the organisations in its shares; with none, equally by the organisations it is
//! marked shared with (an assumption the figures say they made); otherwise by its own organisation; and a
//! unit that names no organisation is carried as its manager is (a team under Council A's director is
//! Council A's). What is left is counted under `NO_ORGANISATION`.

use std::collections::HashMap;
use std::ops::Range;

use crate::model::{Chart, Status, Unit, UnitId};

use super::Totals;
use super::branch::Branch;
use super::carried::Carried;

/// The name under which units that no organisation carries are counted.
pub const NO_ORGANISATION: &str = "(no organisation)";

/// Who carries one unit's own posts and cost, as fractions that add up to 1.
#[derive(Clone, Debug, PartialEq)]
pub struct Carrier {
    pub parts: Vec<(String, f64)>,
    /// Split equally among the organisations it is shared with because no shares were given.
    pub assumed: bool,
}

impl Carrier {
    fn whole(name: &str) -> Self {
        Self {
            parts: vec![(name.trim().to_owned(), 1.0)],
            assumed: false,
        }
    }

    pub fn is_split(&self) -> bool {
        self.parts.len() > 1
    }
}

/// The unit's own carrier, or `None` when it names no organisation (it then goes with its manager).
pub fn own_carrier(unit: &Unit) -> Option<Carrier> {
    if !unit.shares.is_empty() {
        return Some(Carrier {
            parts: unit
                .shares
                .iter()
                .map(|share| (share.organisation.trim().to_owned(), share.percent / 100.0))
                .collect(),
            assumed: false,
        });
    }
    if let Status::Shared { with } = &unit.status {
        let names: Vec<&String> = with.iter().filter(|n| !n.trim().is_empty()).collect();
        if !names.is_empty() {
            let each = 1.0 / names.len() as f64;
            return Some(Carrier {
                parts: names
                    .into_iter()
                    .map(|name| (name.trim().to_owned(), each))
                    .collect(),
                assumed: true,
            });
        }
    }
    (!unit.organisation.trim().is_empty()).then(|| Carrier::whole(&unit.organisation))
}

/// Every unit's carrier by forest index, inherited down the line where a unit names none.
pub fn carriers(chart: &Chart, forest: &crate::model::Forest) -> Vec<Carrier> {
    let mut out: Vec<Carrier> = Vec::with_capacity(forest.len());
    for (i, id) in forest.ids.iter().enumerate() {
        let carrier = chart
            .unit(id)
            .and_then(own_carrier)
            .or_else(|| forest.parent[i].map(|p| out[p].clone()))
            .unwrap_or_else(|| Carrier::whole(NO_ORGANISATION));
        out.push(carrier);
    }
    out
}

/// One organisation's part of the chart.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OrganisationTotals {
    pub name: String,
    /// Headcount and cost it carries; `units` counts every unit it has a part in.
    pub totals: Totals,
    /// Units it shares with another organisation.
    pub shared_units: usize,
    /// Some of its share was assumed (an equal split where no shares were given).
    pub assumed_split: bool,
}

/// Totals per organisation for the whole chart, in the order the organisations first appear.
pub fn organisation_totals(chart: &Chart) -> Vec<OrganisationTotals> {
    branch_organisation_totals(chart, None).unwrap_or_default()
}

/// Totals per organisation for the whole chart (`None`) or one unit's subtree (`None` if no such unit).
pub fn branch_organisation_totals(
    chart: &Chart,
    id: Option<&UnitId>,
) -> Option<Vec<OrganisationTotals>> {
    let branch = Branch::of(chart, id)?;
    // `units()` is in the forest's pre-order, so index i is the same unit in both.
    let units = chart.units();
    let own = super::own_totals_of(&units);
    Some(organisation_totals_by_index(
        &units,
        &branch.forest.parent,
        &own,
        branch.range,
    ))
}

/// Totals per organisation of the units in `range`, from every unit in pre-order with its parent's index
/// and its own totals (carriers are inherited from above the range too). One pass: the organisation names
/// are read once per distinct spelling, not copied per unit.
pub fn organisation_totals_by_index(
    units: &[&Unit],
    parent: &[Option<usize>],
    own: &[Totals],
    range: Range<usize>,
) -> Vec<OrganisationTotals> {
    let carried = Carried::new(units, parent, range.end);
    let mut rows: Vec<OrganisationTotals> = Vec::new();
    let mut row_of_spelling: Vec<Option<usize>> = vec![None; carried.spellings.len()];
    let mut row_of_key: HashMap<String, usize> = HashMap::new();
    for i in range {
        let own = own[i];
        let parts = carried.parts(i);
        let split = parts.len() > 1;
        for &(spelling, fraction) in parts {
            let row = *row_of_spelling[spelling].get_or_insert_with(|| {
                let name = carried.spellings[spelling];
                *row_of_key.entry(name.to_lowercase()).or_insert_with(|| {
                    rows.push(OrganisationTotals {
                        name: name.to_owned(),
                        ..OrganisationTotals::default()
                    });
                    rows.len() - 1
                })
            });
            let part = Totals {
                headcount: own.headcount.scale(fraction),
                cost: own.cost.scale(fraction),
                ..own
            };
            let entry = &mut rows[row];
            entry.totals = entry.totals + part;
            if split {
                entry.shared_units += 1;
                entry.assumed_split |= carried.assumed(i);
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::chart_totals;
    use crate::model::{Cost, CostBasis, Share, Span, UnitKind};

    fn post(id: &str, organisation: &str, pay: f64) -> Unit {
        Unit::new(id, id)
            .with_kind(UnitKind::Post)
            .with_organisation(organisation)
            .with_cost(Cost {
                amount: Span::exact(pay),
                basis: CostBasis::PerPost,
                on_cost_rate: None,
                estimate: false,
            })
    }

    fn find<'a>(rows: &'a [OrganisationTotals], name: &str) -> &'a OrganisationTotals {
        rows.iter()
            .find(|r| r.name == name)
            .unwrap_or_else(|| panic!("no row for {name}: {rows:?}"))
    }

    /// A shared chief executive (60/40), a team under it naming nobody, and one post of each council.
    fn chart() -> Chart {
        let mut chart = Chart::new();
        let ceo = post("ceo", "", 150_000.0)
            .with_status(Status::Shared {
                with: vec!["Council A".into(), "Council B".into()],
            })
            .with_shares(vec![
                Share::new("Council A", 60.0),
                Share::new("Council B", 40.0),
            ]);
        chart.insert_unit(ceo, None, None).unwrap();
        let ceo_id = UnitId::new("ceo");
        let office = Unit::new("office", "Office").with_headcount(Span::exact(5.0));
        chart.insert_unit(office, Some(&ceo_id), None).unwrap();
        chart
            .insert_unit(post("a1", "Council A", 50_000.0), Some(&ceo_id), None)
            .unwrap();
        chart
            .insert_unit(post("b1", "council b", 40_000.0), Some(&ceo_id), None)
            .unwrap();
        chart
    }

    #[test]
    fn shared_posts_count_by_their_shares_and_organisations_add_up_to_the_whole() {
        let chart = chart();
        let rows = organisation_totals(&chart);
        assert_eq!(rows.len(), 2, "{rows:?}");
        let a = find(&rows, "Council A");
        // 60% of the CEO, 60% of the office it passes down, and its own post.
        assert!((a.totals.headcount.min - (0.6 + 3.0 + 1.0)).abs() < 1e-9);
        assert!((a.totals.cost.min - (90_000.0 + 50_000.0)).abs() < 1e-6);
        assert_eq!((a.shared_units, a.assumed_split), (2, false));
        let b = find(&rows, "Council B");
        assert!((b.totals.headcount.min - (0.4 + 2.0 + 1.0)).abs() < 1e-9);
        assert!((b.totals.cost.min - (60_000.0 + 40_000.0)).abs() < 1e-6);
        let whole = chart_totals(&chart);
        let sum = rows.iter().fold(Totals::default(), |s, r| s + r.totals);
        assert!((sum.headcount.max - whole.headcount.max).abs() < 1e-9);
        assert!((sum.cost.max - whole.cost.max).abs() < 1e-6);
    }

    #[test]
    fn shared_with_and_no_shares_splits_equally_and_says_it_assumed() {
        let mut chart = Chart::new();
        let mut board = Unit::new("jc", "Joint committee").with_headcount(Span::exact(3.0));
        board.status = Status::Shared {
            with: vec!["A".into(), "B".into(), "C".into()],
        };
        chart.insert_unit(board, None, None).unwrap();
        chart
            .insert_unit(Unit::new("lonely", "Nobody's"), None, None)
            .unwrap();
        let rows = organisation_totals(&chart);
        for name in ["A", "B", "C"] {
            let row = find(&rows, name);
            assert!((row.totals.headcount.min - 1.0).abs() < 1e-9);
            assert!(row.assumed_split);
        }
        assert_eq!(find(&rows, NO_ORGANISATION).totals.units, 1);
    }

    #[test]
    fn a_branch_keeps_what_it_inherits_from_above() {
        let chart = chart();
        let rows = branch_organisation_totals(&chart, Some(&UnitId::new("office"))).unwrap();
        assert!((find(&rows, "Council A").totals.headcount.min - 3.0).abs() < 1e-9);
        assert!((find(&rows, "Council B").totals.headcount.min - 2.0).abs() < 1e-9);
        assert!(branch_organisation_totals(&chart, Some(&UnitId::new("nope"))).is_none());
    }
}
