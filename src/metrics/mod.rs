//! Roll-ups: headcount and yearly cost (with on-costs) for a unit's own posts, its subtree and the whole chart;
//! span of control and layers.

use std::collections::HashMap;

use crate::model::{Chart, CostBasis, HeadcountBasis, Span, Unit, UnitId, UnitKind};

mod branch;
mod carried;
pub mod format;
pub mod organisations;
pub mod spans;

pub use organisations::{
    NO_ORGANISATION, OrganisationTotals, branch_organisation_totals, organisation_totals,
    organisation_totals_by_index,
};
pub use spans::{SPAN_BANDS, SpanBand, SpansAndLayers, branch_spans_and_layers, spans_and_layers};

/// Headcount and yearly cost. Ranges add as min/max.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Totals {
    pub headcount: Span,
    /// Yearly cost including on-costs.
    pub cost: Span,
    /// How many units contributed.
    pub units: usize,
    /// Some figure inside is an assumption or estimate.
    pub estimated: bool,
    /// Some headcount inside is counted in FTE rather than posts.
    pub has_fte: bool,
    /// Some unit inside gives a headcount (see [`gives_headcount`]): without one the headcount is "not
    /// given", not 0.
    pub counted: bool,
    /// Some unit inside gives a cost: without one the cost is "not given", not £0.
    pub costed: bool,
}

impl std::ops::Add for Totals {
    type Output = Totals;

    fn add(self, other: Totals) -> Totals {
        Totals {
            headcount: self.headcount + other.headcount,
            cost: self.cost + other.cost,
            units: self.units + other.units,
            estimated: self.estimated || other.estimated,
            has_fte: self.has_fte || other.has_fte,
            counted: self.counted || other.counted,
            costed: self.costed || other.costed,
        }
    }
}

/// Whether the unit counts any headcount of its own (a figure, or a post with none, which is one post):
/// a chart where no unit does has its headcount "not given", not 0.
pub fn gives_headcount(unit: &Unit) -> bool {
    unit.headcount.is_some() || unit.kind == UnitKind::Post
}

/// The unit's own headcount: as given, or one post for a post with no figure, or none.
pub fn own_headcount(unit: &Unit) -> Span {
    match (&unit.headcount, unit.kind) {
        (Some(headcount), _) => headcount.value,
        (None, UnitKind::Post) => Span::exact(1.0),
        (None, _) => Span::ZERO,
    }
}

/// The unit's own posts only (not the units below it).
pub fn own_totals(unit: &Unit) -> Totals {
    let headcount = own_headcount(unit);
    let (cost, estimated) = match &unit.cost {
        None => (Span::ZERO, false),
        Some(cost) => {
            let base = match cost.basis {
                CostBasis::PerPost => headcount * cost.amount,
                CostBasis::Total => cost.amount,
            };
            (
                base.scale(1.0 + cost.on_cost_rate.unwrap_or(0.0)),
                cost.estimate,
            )
        }
    };
    Totals {
        headcount,
        cost,
        units: 1,
        estimated,
        has_fte: unit
            .headcount
            .is_some_and(|h| h.basis == HeadcountBasis::Fte),
        counted: gives_headcount(unit),
        costed: unit.cost.is_some(),
    }
}

/// Totals of every unit's whole subtree (itself included), in one linear pass.
pub fn subtree_totals(chart: &Chart) -> HashMap<UnitId, Totals> {
    let forest = chart.forest(false);
    // `units()` walks the chart in the forest's pre-order: reading the units in that order needs no id
    // lookup per unit.
    let own = own_totals_of(&chart.units());
    let totals = subtree_totals_by_index(&own, &forest.parent);
    forest.ids.into_iter().zip(totals).collect()
}

/// Each unit's own totals, in the order given.
pub fn own_totals_of(units: &[&Unit]) -> Vec<Totals> {
    units.iter().map(|unit| own_totals(unit)).collect()
}

/// Every unit's subtree totals by pre-order index, from each unit's own totals and its parent's index.
pub fn subtree_totals_by_index(own: &[Totals], parent: &[Option<usize>]) -> Vec<Totals> {
    let mut totals = own.to_vec();
    // Pre-order puts every child after its parent, so a reverse sweep folds children into parents.
    for i in (0..totals.len()).rev() {
        if let Some(p) = parent[i] {
            totals[p] = totals[p] + totals[i];
        }
    }
    totals
}

/// The sum of units' own totals, added in the order given (pre-order gives [`chart_totals`] exactly).
pub fn sum_totals(own: &[Totals]) -> Totals {
    own.iter()
        .fold(Totals::default(), |sum, totals| sum + *totals)
}

pub fn chart_totals(chart: &Chart) -> Totals {
    chart
        .units()
        .into_iter()
        .map(own_totals)
        .fold(Totals::default(), |sum, totals| sum + totals)
}

/// Figures for a whole chart or one subtree.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ChartFigures {
    pub units: usize,
    pub roots: usize,
    /// Number of layers (a lone unit is 1).
    pub depth: usize,
    /// The largest number of direct reports of any unit.
    pub max_span: usize,
    pub headcount: Span,
    pub cost: Span,
    /// Non-line links (dotted, contract, shared service).
    pub links: usize,
    pub estimated: bool,
    pub has_fte: bool,
}

pub fn chart_figures(chart: &Chart) -> ChartFigures {
    let forest = chart.forest(false);
    let totals = chart_totals(chart);
    ChartFigures {
        units: forest.len(),
        roots: forest.roots.len(),
        depth: forest.depths().into_iter().max().map_or(0, |d| d + 1),
        max_span: forest.children.iter().map(Vec::len).max().unwrap_or(0),
        headcount: totals.headcount,
        cost: totals.cost,
        links: chart.links().len(),
        estimated: totals.estimated,
        has_fte: totals.has_fte,
    }
}

/// Figures for the subtree under `id` (the unit itself included); links counted when both ends are inside.
pub fn subtree_figures(chart: &Chart, id: &UnitId) -> Option<ChartFigures> {
    chart.unit(id)?;
    let members = chart.subtree(id);
    let inside: std::collections::HashSet<&UnitId> = members.iter().copied().collect();
    let mut figures = ChartFigures {
        units: members.len(),
        roots: 1,
        ..ChartFigures::default()
    };
    let base_depth = chart.ancestors(id).len();
    for member in &members {
        let Some(unit) = chart.unit(member) else {
            continue;
        };
        let own = own_totals(unit);
        figures.headcount = figures.headcount + own.headcount;
        figures.cost = figures.cost + own.cost;
        figures.estimated |= own.estimated;
        figures.has_fte |= own.has_fte;
        figures.max_span = figures.max_span.max(chart.children(member).len());
        figures.depth = figures
            .depth
            .max(chart.ancestors(member).len() - base_depth + 1);
    }
    figures.links = chart
        .links()
        .iter()
        .filter(|link| inside.contains(&link.from) && inside.contains(&link.to))
        .count();
    Some(figures)
}

#[cfg(test)]
mod tests;
