//! Describing the change between matched units, and the units and links on one side only.

use foldhash::HashMap;

use crate::metrics::{format, own_headcount};
use crate::model::{Cost, CostBasis, HeadcountBasis, Link, LinkKind, Span, Unit, UnitId};

use super::matching::{Matching, normalise};
use super::{Change, ChangeKind, Field, FieldChange, MatchBasis};

/// `after_of_before`: the after id of each matched before unit (as in [`super::ChartDiff::after_id`]).
pub(super) fn describe(
    matching: &Matching,
    after_of_before: &HashMap<UnitId, UnitId>,
) -> Vec<Change> {
    let (before, after) = (&matching.before, &matching.after);
    let mut changes = Vec::new();
    for j in 0..after.len() {
        let now = after.units[j];
        let Some(i) = matching.before_of[j] else {
            changes.push(unit_change(now, None, ChangeKind::Added));
            continue;
        };
        let was = before.units[i];
        // Units left unmatched by id can only be matched to each other, so a guessed match's ids differ.
        let before_id = (matching.basis[j] != Some(MatchBasis::Id)).then(|| was.id.clone());
        let old_manager = before.parent(i);
        let new_manager = after.parent(j);
        if old_manager.and_then(|p| matching.after_of[p]) != new_manager {
            let kind = ChangeKind::Moved {
                from: old_manager.map(|p| before.forest.ids[p].clone()),
                to: new_manager.map(|p| after.forest.ids[p].clone()),
            };
            changes.push(unit_change(now, before_id.clone(), kind));
        }
        // Case, spacing and punctuation are how a chart was typed, not a new name.
        if was.name != now.name && normalise(&was.name) != normalise(&now.name) {
            let kind = ChangeKind::Renamed {
                from: was.name.clone(),
                to: now.name.clone(),
            };
            changes.push(unit_change(now, before_id.clone(), kind));
        }
        let fields = field_changes(was, now);
        if !fields.is_empty() {
            changes.push(unit_change(now, before_id, ChangeKind::Changed { fields }));
        }
    }
    for i in 0..before.len() {
        if matching.after_of[i].is_none() {
            changes.push(unit_change(before.units[i], None, ChangeKind::Removed));
        }
    }
    changes.extend(link_changes(matching, after_of_before));
    changes
}

fn unit_change(unit: &Unit, before_id: Option<UnitId>, kind: ChangeKind) -> Change {
    Change {
        id: unit.id.clone(),
        before_id,
        name: unit.name.clone(),
        kind,
    }
}

/// The fields that say what a unit is and costs; notes, tags and drawing state (collapsed, pinned) are left out.
pub(super) fn field_changes(was: &Unit, now: &Unit) -> Vec<FieldChange> {
    let mut out = Vec::new();
    // Most matched units are unchanged: equal fields describe equally, so skip writing them out (on a big
    // chart, describing every field of every unit was most of a diff).
    if same_described_fields(was, now) {
        return out;
    }
    let mut compare = |field: Field, before: String, after: String| {
        if before != after {
            out.push(FieldChange {
                field,
                before,
                after,
            });
        }
    };
    compare(Field::Role, text(&was.role), text(&now.role));
    compare(
        Field::Kind,
        was.kind.label().to_owned(),
        now.kind.label().to_owned(),
    );
    compare(Field::Headcount, headcount(was), headcount(now));
    compare(
        Field::Cost,
        cost(was.cost.as_ref()),
        cost(now.cost.as_ref()),
    );
    compare(Field::Grade, text(&was.grade), text(&now.grade));
    compare(Field::Status, status(was), status(now));
    compare(
        Field::Organisation,
        text(&was.organisation),
        text(&now.organisation),
    );
    // A shared unit's shares are in its status words; any other unit's are their own field.
    let own_shares = |unit: &Unit| match unit.status {
        crate::model::Status::Shared { .. } => String::new(),
        _ if unit.shares.is_empty() => NONE.to_owned(),
        _ => crate::model::describe_shares(&unit.shares),
    };
    let (shares_before, shares_after) = (own_shares(was), own_shares(now));
    if !shares_before.is_empty() && !shares_after.is_empty() {
        compare(Field::Shares, shares_before, shares_after);
    }
    out
}

const NONE: &str = "none";

/// Whether every field [`field_changes`] describes is the same on both sides.
fn same_described_fields(was: &Unit, now: &Unit) -> bool {
    was.role == now.role
        && was.kind == now.kind
        && was.headcount == now.headcount
        && was.cost == now.cost
        && was.grade == now.grade
        && was.status == now.status
        && was.organisation == now.organisation
        && was.shares == now.shares
}

fn text(value: &str) -> String {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if value.is_empty() {
        NONE.to_owned()
    } else {
        value
    }
}

/// The headcount that counts in totals (a post with no figure is one post), so a change here is a change
/// in the totals too.
pub fn headcount(unit: &Unit) -> String {
    let span = own_headcount(unit);
    if unit.headcount.is_none() && span == Span::ZERO {
        return NONE.to_owned();
    }
    let fte = unit
        .headcount
        .is_some_and(|h| h.basis == HeadcountBasis::Fte);
    format::headcount(span, fte)
}

/// "£98,000 per post + 20% on-costs", "£40,000-£55,000 per post (estimate)", "£467,000 in total".
pub fn cost(cost: Option<&Cost>) -> String {
    let Some(cost) = cost else {
        return NONE.to_owned();
    };
    let amount = if cost.amount.is_range() {
        format!(
            "{}-{}",
            format::money_exact(cost.amount.min),
            format::money_exact(cost.amount.max)
        )
    } else {
        format::money_exact(cost.amount.min)
    };
    let basis = match cost.basis {
        CostBasis::PerPost => "per post",
        CostBasis::Total => "in total",
    };
    let mut out = format!("{amount} {basis}");
    if let Some(rate) = cost.on_cost_rate.filter(|rate| *rate != 0.0) {
        out.push_str(&format!(" + {}% on-costs", trim_number(rate * 100.0)));
    }
    if cost.estimate {
        out.push_str(" (estimate)");
    }
    out
}

fn trim_number(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

pub fn status(unit: &Unit) -> String {
    unit.badge()
        .unwrap_or_else(|| unit.status.name().to_owned())
}

/// Links are the same when they join the same (matched) units with the same kind; the label may differ.
fn link_changes(matching: &Matching, after_of_before: &HashMap<UnitId, UnitId>) -> Vec<Change> {
    let after_links = matching.after.chart.links();
    // Only the links' ends are looked up, so no index of every unit's id is built for them.
    let to_after = |id: &UnitId| after_of_before.get(id).cloned();
    let key = |from: &UnitId, to: &UnitId, kind: LinkKind| (from.clone(), to.clone(), kind);
    let after_by_key: HashMap<_, &Link> = after_links
        .iter()
        .map(|link| (key(&link.from, &link.to, link.kind), link))
        .collect();
    let name_of = |id: &UnitId, before_side: bool| {
        let side = if before_side {
            &matching.before
        } else {
            &matching.after
        };
        side.chart
            .unit(id)
            .map_or_else(String::new, |unit| unit.name.clone())
    };
    let mut out = Vec::new();
    let mut kept = std::collections::HashSet::new();
    for link in matching.before.chart.links() {
        let counterpart = match (to_after(&link.from), to_after(&link.to)) {
            (Some(from), Some(to)) => after_by_key.get(&key(&from, &to, link.kind)).copied(),
            _ => None,
        };
        let change = |kind| Change {
            id: link.from.clone(),
            before_id: None,
            name: name_of(&link.from, true),
            kind,
        };
        match counterpart {
            None => out.push(change(ChangeKind::LinkRemoved(link.clone()))),
            Some(now) => {
                kept.insert(key(&now.from, &now.to, now.kind));
                if now.label.trim() != link.label.trim() {
                    out.push(Change {
                        id: now.from.clone(),
                        before_id: (now.from != link.from).then(|| link.from.clone()),
                        name: name_of(&now.from, false),
                        kind: ChangeKind::LinkChanged {
                            before: link.clone(),
                            after: now.clone(),
                        },
                    });
                }
            }
        }
    }
    for link in &after_links {
        if !kept.contains(&key(&link.from, &link.to, link.kind)) {
            out.push(Change {
                id: link.from.clone(),
                before_id: None,
                name: name_of(&link.from, false),
                kind: ChangeKind::LinkAdded(link.clone()),
            });
        }
    }
    out
}
