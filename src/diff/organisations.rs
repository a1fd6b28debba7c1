//! Headcount and cost per organisation on each side of a change, shared units counted by their shares:
//! "what does Council A save by sharing a Chief Executive?"

use std::collections::HashMap;

use crate::metrics::{OrganisationTotals, Totals, organisation_totals_by_index};

use super::DiffTotals;
use super::matching::Side;

/// One organisation's totals before and after.
#[derive(Clone, Debug, PartialEq)]
pub struct OrganisationChange {
    pub name: String,
    pub in_before: bool,
    pub in_after: bool,
    pub totals: DiffTotals,
    /// Some share on either side was assumed (an equal split where no shares were given).
    pub assumed_split: bool,
}

/// Every organisation of either chart: the after chart's in its order, then those only found before.
/// `*_own`: each unit's own totals by forest index (as `metrics::organisation_totals` works them out).
pub(super) fn compare(
    (before, before_own): (&Side, &[Totals]),
    (after, after_own): (&Side, &[Totals]),
) -> Vec<OrganisationChange> {
    let rows = |side: &Side, own| {
        organisation_totals_by_index(&side.units, &side.forest.parent, own, 0..side.len())
    };
    let before_rows = rows(before, before_own);
    let after_rows = rows(after, after_own);
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
