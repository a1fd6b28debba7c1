//! Comparing two charts: which units are the same, what was added, removed, moved, renamed and changed, and
//! what that does to headcount and cost.
//!
//! Units are matched by id first. Charts drawn separately (ids differ) fall back to matching on normalised
//! name and role within the same organisation and parent; such matches are marked `guessed` so a reader can
//! check them. Everything here is a pure function of the two charts, so the command line and the editor
//! show the same change.

use foldhash::HashMap;

use crate::metrics::Totals;
use crate::model::{Chart, Link, Span, UnitId};

mod changes;
mod matching;
mod merge;
mod organisations;
pub mod report;
mod totals;

pub use merge::{MarkKind, MergedChart, UnitMark, merged};
pub use organisations::OrganisationChange;

#[cfg(test)]
mod same_report_tests;
#[cfg(test)]
mod tests;

/// Why two units were taken to be the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MatchBasis {
    /// The same id on both sides.
    Id,
    /// Same normalised name and role, same organisation, under managers that match (or both at the top).
    NameAndRole,
    /// Same normalised name under managers that match (the role changed).
    NameUnderSameManager,
    /// The only unit with this normalised name and role in its organisation on each side (it has moved).
    UniqueNameAndRole,
}

impl MatchBasis {
    pub fn describe(&self) -> &'static str {
        match self {
            Self::Id => "same id",
            Self::NameAndRole => "same name and role under the same manager",
            Self::NameUnderSameManager => "same name under the same manager",
            Self::UniqueNameAndRole => "only unit with this name and role in its organisation",
        }
    }
}

/// A unit of the before chart and the unit of the after chart taken to be the same.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub before: UnitId,
    pub after: UnitId,
    /// Matched on names rather than ids: a reader should check it.
    pub guessed: bool,
    pub basis: MatchBasis,
}

/// A field of a unit compared between the two charts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Role,
    Kind,
    Headcount,
    Cost,
    Grade,
    Status,
    Organisation,
    /// Each organisation's share of a unit that is not marked shared (e.g. a vacant shared post).
    Shares,
}

impl Field {
    pub fn label(&self) -> &'static str {
        match self {
            Self::Role => "role",
            Self::Kind => "kind",
            Self::Headcount => "headcount",
            Self::Cost => "cost",
            Self::Grade => "grade",
            Self::Status => "status",
            Self::Organisation => "organisation",
            Self::Shares => "shares",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct FieldChange {
    pub field: Field,
    /// The value as a person would write it ("3 posts", "£40,000 per post + 20% on-costs", "Outsourced: Capita");
    /// "none" when the field was empty.
    pub before: String,
    pub after: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ChangeKind {
    Added,
    Removed,
    /// A new line manager. `from` is an id in the before chart, `to` an id in the after chart; `None` is the top.
    Moved {
        from: Option<UnitId>,
        to: Option<UnitId>,
    },
    Renamed {
        from: String,
        to: String,
    },
    Changed {
        fields: Vec<FieldChange>,
    },
    /// A link of the after chart (after ids) with no counterpart before.
    LinkAdded(Link),
    /// A link of the before chart (before ids) with no counterpart after.
    LinkRemoved(Link),
    /// The same two units and kind of link, with a different label.
    LinkChanged {
        before: Link,
        after: Link,
    },
}

impl ChangeKind {
    /// One word for tables and JSON: added, removed, moved, renamed, changed, link added, ...
    pub fn label(&self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Removed => "removed",
            Self::Moved { .. } => "moved",
            Self::Renamed { .. } => "renamed",
            Self::Changed { .. } => "changed",
            Self::LinkAdded(_) => "link added",
            Self::LinkRemoved(_) => "link removed",
            Self::LinkChanged { .. } => "link changed",
        }
    }

    pub fn is_link(&self) -> bool {
        matches!(
            self,
            Self::LinkAdded(_) | Self::LinkRemoved(_) | Self::LinkChanged { .. }
        )
    }
}

/// One aspect of the change. A unit that was both moved and renamed has two entries.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The unit's id in the after chart; in the before chart for a removed unit. For a link: its `from` unit.
    pub id: UnitId,
    /// The unit's id in the before chart when it differs from `id` (a guessed match).
    pub before_id: Option<UnitId>,
    /// The unit's name (after the change, when renamed).
    pub name: String,
    pub kind: ChangeKind,
}

/// Totals on each side and their difference.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct DiffTotals {
    pub before: Totals,
    pub after: Totals,
}

impl DiffTotals {
    /// After minus before, at each end of the range ("11-15" to "21-25" is +10).
    pub fn headcount_change(&self) -> Span {
        difference(self.before.headcount, self.after.headcount)
    }

    /// After minus before, yearly including on-costs, at each end of the range.
    pub fn cost_change(&self) -> Span {
        difference(self.before.cost, self.after.cost)
    }

    pub fn estimated(&self) -> bool {
        self.before.estimated || self.after.estimated
    }

    pub fn has_fte(&self) -> bool {
        self.before.has_fte || self.after.has_fte
    }
}

fn difference(before: Span, after: Span) -> Span {
    Span::range(after.min - before.min, after.max - before.max)
}

/// Totals of one top-level unit's subtree on each side.
#[derive(Clone, Debug, PartialEq)]
pub struct TopLevelTotals {
    /// Id in the after chart, or in the before chart when the unit was removed.
    pub id: UnitId,
    pub before_id: Option<UnitId>,
    pub name: String,
    /// Present before / after (a unit added or removed has zero totals on the other side).
    pub in_before: bool,
    pub in_after: bool,
    pub totals: DiffTotals,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChartDiff {
    /// Every pair of units taken to be the same, in the after chart's order.
    pub matches: Vec<Match>,
    /// In the after chart's pre-order, then removed units in the before chart's order, then links.
    pub changes: Vec<Change>,
    pub totals: DiffTotals,
    pub per_top_level: Vec<TopLevelTotals>,
    /// Totals per organisation on each side (shared units by their shares).
    pub per_organisation: Vec<OrganisationChange>,
    after_of_before: HashMap<UnitId, UnitId>,
    before_of_after: HashMap<UnitId, UnitId>,
}

impl ChartDiff {
    /// The after-chart id of a before-chart unit, if it is still there.
    pub fn after_id(&self, before: &UnitId) -> Option<&UnitId> {
        self.after_of_before.get(before)
    }

    /// The before-chart id of an after-chart unit, if it was there before.
    pub fn before_id(&self, after: &UnitId) -> Option<&UnitId> {
        self.before_of_after.get(after)
    }

    pub fn guessed_matches(&self) -> impl Iterator<Item = &Match> {
        self.matches.iter().filter(|m| m.guessed)
    }

    /// The changes of one kind, by label ("added", "moved", ...).
    pub fn changes_labelled<'a>(&'a self, label: &'a str) -> impl Iterator<Item = &'a Change> {
        self.changes.iter().filter(move |c| c.kind.label() == label)
    }

    /// Ids of the units changed in one way ("added", "removed", "moved", "renamed", "changed").
    pub fn ids(&self, label: &str) -> Vec<&UnitId> {
        self.changes
            .iter()
            .filter(|c| c.kind.label() == label)
            .map(|c| &c.id)
            .collect()
    }

    /// Nothing changed in structure, fields or links (totals may still differ only if units did).
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DiffOptions {
    /// Match units whose ids differ on their names (for charts drawn separately). Off: ids only, so a unit
    /// given a new id shows as removed and added.
    pub guess_matches: bool,
}

impl Default for DiffOptions {
    fn default() -> Self {
        Self {
            guess_matches: true,
        }
    }
}

/// Compares two charts, guessing matches for units whose ids differ.
pub fn diff(before: &Chart, after: &Chart) -> ChartDiff {
    diff_with(before, after, &DiffOptions::default())
}

pub fn diff_with(before: &Chart, after: &Chart, options: &DiffOptions) -> ChartDiff {
    let matching = matching::match_units(before, after, options.guess_matches);
    let pairs = matching.pairs.len();
    let mut after_of_before = HashMap::with_capacity_and_hasher(pairs, Default::default());
    let mut before_of_after = HashMap::with_capacity_and_hasher(pairs, Default::default());
    for m in &matching.pairs {
        after_of_before.insert(m.before.clone(), m.after.clone());
        before_of_after.insert(m.after.clone(), m.before.clone());
    }
    let changes = changes::describe(&matching, &after_of_before);
    // Each unit's own figures are worked out once per side and shared by the chart, top-level and
    // organisation totals (each used to walk the chart again, looking every unit up by id).
    let before_own = totals::own_totals(&matching.before);
    let after_own = totals::own_totals(&matching.after);
    let (totals, per_top_level) = totals::compare(&matching, &before_own, &after_own);
    let per_organisation = organisations::compare(
        (&matching.before, &before_own),
        (&matching.after, &after_own),
    );
    ChartDiff {
        matches: matching.pairs,
        changes,
        totals,
        per_top_level,
        per_organisation,
        after_of_before,
        before_of_after,
    }
}
