//! The totals panel: headcount, cost, span of control and layers for the whole chart and the selected subtree.
//! Figures are recomputed only when the chart or the selection changes.

use egui::{RichText, Ui};

use crate::metrics::{
    ChartFigures, NO_ORGANISATION, OrganisationTotals, branch_organisation_totals, chart_figures,
    format, subtree_figures,
};
use crate::model::{Chart, UnitId};

/// Charts with more units than this refresh their Totals and Figures panels once edits pause, not in the
/// frame of each edit: both are whole-chart passes, which on a 100,000-unit chart take longer than the
/// edit itself, and on a 10,000-unit one about 100 ms, six times the frame an edit is meant to take now
/// that the drawing is patched instead of built again.
pub const DEFER_ABOVE_UNITS: usize = 5_000;
/// How long the document must stay unchanged before a big chart's panels refresh, in seconds.
pub const REFRESH_PAUSE: f64 = 0.4;

/// When a panel showing figures of an older revision refreshes: at once on small charts, after edits
/// pause on big ones.
#[derive(Debug, Default)]
pub struct Deferral {
    /// The newest revision seen and when it was first seen.
    pending: Option<(u64, f64)>,
}

impl Deferral {
    /// Whether the refresh for `revision` waits (the panel keeps showing its older figures) at time `now`
    /// (seconds) on a chart of `units` units.
    pub fn waits(&mut self, revision: u64, now: f64, units: usize) -> bool {
        if units <= DEFER_ABOVE_UNITS {
            self.pending = None;
            return false;
        }
        match self.pending {
            Some((seen, since)) if seen == revision => now - since < REFRESH_PAUSE,
            _ => {
                self.pending = Some((revision, now));
                true
            }
        }
    }
}

/// Keeps a panel's older figures for now if a big chart is still being edited; asks for a frame after the
/// pause, and says the figures are being updated.
pub fn wait_for_pause(
    ui: &mut Ui,
    deferral: &mut Deferral,
    shown: Option<u64>,
    revision: u64,
    units: usize,
) -> bool {
    let Some(shown) = shown else {
        return false;
    };
    if shown == revision {
        return false;
    }
    let now = ui.input(|i| i.time);
    if !deferral.waits(revision, now, units) {
        return false;
    }
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_secs_f64(REFRESH_PAUSE));
    ui.label(RichText::new("Updating…").weak().small());
    true
}

#[derive(Default)]
pub struct Totals {
    key: Option<(u64, Option<UnitId>)>,
    deferral: Deferral,
    chart: ChartFigures,
    /// Whether any unit has a cost at all: a chart without figures must not claim to cost £0.
    chart_costed: bool,
    selected: Option<(String, ChartFigures, bool)>,
    /// What each organisation carries, for the whole chart and the selected branch.
    organisations: Vec<OrganisationTotals>,
    selected_organisations: Vec<OrganisationTotals>,
    /// How many times the figures were worked out (for tests: a file opened on the worker arrives with them).
    computed: u64,
}

impl Totals {
    /// The whole chart's figures worked out ahead, off the UI thread (the loading worker): on a big chart
    /// they take a few hundred milliseconds of the frame that first shows them.
    pub fn prepared(chart: &Chart, revision: u64) -> Self {
        let mut totals = Self::default();
        totals.refresh(chart, revision, None);
        totals.computed = 0;
        totals
    }

    /// Shows `prepared`'s figures from now on (the count of figures worked out here goes on).
    pub fn set_prepared(&mut self, prepared: Totals) {
        let computed = self.computed;
        *self = prepared;
        self.computed = computed;
    }

    /// How many times this panel worked its figures out.
    pub fn computed(&self) -> u64 {
        self.computed
    }

    fn refresh(&mut self, chart: &Chart, revision: u64, selected: Option<&UnitId>) {
        let key = (revision, selected.cloned());
        if self.key.as_ref() == Some(&key) {
            return;
        }
        self.computed += 1;
        self.chart = chart_figures(chart);
        self.chart_costed = chart.units().iter().any(|unit| unit.cost.is_some());
        self.selected = selected.and_then(|id| {
            let figures = subtree_figures(chart, id)?;
            let name = chart.unit(id).map(|u| u.name.clone()).unwrap_or_default();
            let costed = chart
                .subtree(id)
                .into_iter()
                .any(|below| chart.unit(below).is_some_and(|u| u.cost.is_some()));
            Some((name, figures, costed))
        });
        self.organisations = branch_organisation_totals(chart, None).unwrap_or_default();
        self.selected_organisations = selected
            .and_then(|id| branch_organisation_totals(chart, Some(id)))
            .unwrap_or_default();
        self.key = Some(key);
    }

    /// The per-organisation rows of the whole chart as last shown.
    pub fn organisations(&self) -> &[OrganisationTotals] {
        &self.organisations
    }

    pub fn chart_figures(&self) -> &ChartFigures {
        &self.chart
    }

    pub fn ui(&mut self, ui: &mut Ui, chart: &Chart, revision: u64, selected: Option<&UnitId>) {
        let shown = self.key.as_ref().map(|(r, _)| *r);
        // Only an edit waits: a new selection on an unchanged chart shows its figures at once.
        let same_selection = self
            .key
            .as_ref()
            .is_some_and(|(_, s)| s.as_ref() == selected);
        if !(same_selection && wait_for_pause(ui, &mut self.deferral, shown, revision, chart.len()))
        {
            self.refresh(chart, revision, selected);
        }
        figures_ui(
            ui,
            "Whole chart",
            &self.chart,
            self.chart_costed,
            "totals-chart",
        );
        organisations_ui(
            ui,
            &self.organisations,
            self.chart_costed,
            "organisations-chart",
        );
        if let Some((name, figures, costed)) = &self.selected {
            ui.add_space(6.0);
            figures_ui(
                ui,
                &format!("'{name}' and below"),
                figures,
                *costed,
                "totals-selected",
            );
            organisations_ui(
                ui,
                &self.selected_organisations,
                *costed,
                "organisations-selected",
            );
        }
    }
}

/// What the cost row says: "not given" when no unit in view has a cost.
pub fn cost_text(figures: &ChartFigures, costed: bool) -> String {
    if !costed {
        return "not given".to_owned();
    }
    let estimate = if figures.estimated {
        " (includes estimates)"
    } else {
        ""
    };
    format!("{}{estimate}", format::money(figures.cost))
}

fn figures_ui(ui: &mut Ui, title: &str, figures: &ChartFigures, costed: bool, grid_id: &str) {
    ui.label(RichText::new(title).strong());
    egui::Grid::new(grid_id)
        .num_columns(2)
        .spacing([12.0, 2.0])
        .show(ui, |ui| {
            ui.label("Units");
            ui.label(figures.units.to_string());
            ui.end_row();
            ui.label("Headcount");
            ui.label(format::headcount(figures.headcount, figures.has_fte));
            ui.end_row();
            ui.label("Cost a year");
            ui.label(cost_text(figures, costed));
            ui.end_row();
            ui.label("Widest span of control");
            ui.label(figures.max_span.to_string());
            ui.end_row();
            ui.label("Layers");
            ui.label(figures.depth.to_string());
            ui.end_row();
            if figures.links > 0 {
                ui.label("Other links");
                ui.label(figures.links.to_string());
                ui.end_row();
            }
        });
}

/// A row per organisation: the headcount and cost it carries, shared units counted by their shares.
fn organisations_ui(ui: &mut Ui, rows: &[OrganisationTotals], costed: bool, grid_id: &str) {
    if !rows.iter().any(|row| row.name != NO_ORGANISATION) {
        return;
    }
    ui.add_space(4.0);
    ui.label(RichText::new("By organisation").small().strong())
        .on_hover_text("Shared units count by their shares; a unit naming no organisation counts with its manager's");
    egui::Grid::new(grid_id)
        .num_columns(3)
        .spacing([12.0, 2.0])
        .show(ui, |ui| {
            for row in rows {
                let name = ui.label(&row.name);
                if row.shared_units > 0 {
                    let mut tip = format!(
                        "Shares {} unit{}",
                        row.shared_units,
                        if row.shared_units == 1 { "" } else { "s" }
                    );
                    if row.assumed_split {
                        tip.push_str("; an equal split is assumed where no shares are given");
                    }
                    name.on_hover_text(tip);
                }
                ui.label(format::headcount(row.totals.headcount, row.totals.has_fte));
                ui.label(if costed {
                    format::money(row.totals.cost)
                } else {
                    "cost not given".to_owned()
                });
                ui.end_row();
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_charts_refresh_their_panels_once_edits_pause() {
        let mut deferral = Deferral::default();
        // Small charts never wait.
        assert!(!deferral.waits(1, 0.0, 500));
        let big = DEFER_ABOVE_UNITS + 1;
        assert!(deferral.waits(2, 10.0, big), "just edited");
        assert!(deferral.waits(2, 10.2, big), "still within the pause");
        assert!(
            deferral.waits(3, 10.3, big),
            "edited again: the pause starts again"
        );
        assert!(deferral.waits(3, 10.5, big));
        assert!(
            !deferral.waits(3, 10.3 + REFRESH_PAUSE, big),
            "paused long enough"
        );
    }
    use crate::model::{Cost, CostBasis, Span, Unit};

    #[test]
    fn cost_is_not_given_rather_than_zero_when_no_unit_has_one() {
        let mut chart = Chart::new();
        chart.insert_unit(Unit::new("a", "A"), None, None).unwrap();
        let mut totals = Totals::default();
        totals.refresh(&chart, 0, None);
        assert_eq!(cost_text(&totals.chart, totals.chart_costed), "not given");

        let mut costed = Unit::new("b", "B");
        costed.cost = Some(Cost {
            amount: Span::exact(1000.0),
            basis: CostBasis::Total,
            on_cost_rate: None,
            estimate: false,
        });
        chart.insert_unit(costed, None, None).unwrap();
        totals.refresh(&chart, 1, None);
        let text = cost_text(&totals.chart, totals.chart_costed);
        assert!(text.starts_with('£') && text != "£0", "{text}");
    }
}
