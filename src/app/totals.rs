//! The totals panel: headcount, cost, span of control and layers for the whole chart and the selected subtree.
//! Figures are recomputed only when the chart or the selection changes.

use egui::{RichText, Ui};

use crate::metrics::{ChartFigures, chart_figures, format, subtree_figures};
use crate::model::{Chart, UnitId};

#[derive(Default)]
pub struct Totals {
    key: Option<(u64, Option<UnitId>)>,
    chart: ChartFigures,
    selected: Option<(String, ChartFigures)>,
}

impl Totals {
    fn refresh(&mut self, chart: &Chart, revision: u64, selected: Option<&UnitId>) {
        let key = (revision, selected.cloned());
        if self.key.as_ref() == Some(&key) {
            return;
        }
        self.chart = chart_figures(chart);
        self.selected = selected.and_then(|id| {
            let figures = subtree_figures(chart, id)?;
            let name = chart.unit(id).map(|u| u.name.clone()).unwrap_or_default();
            Some((name, figures))
        });
        self.key = Some(key);
    }

    pub fn chart_figures(&self) -> &ChartFigures {
        &self.chart
    }

    pub fn ui(&mut self, ui: &mut Ui, chart: &Chart, revision: u64, selected: Option<&UnitId>) {
        self.refresh(chart, revision, selected);
        figures_ui(ui, "Whole chart", &self.chart, "totals-chart");
        if let Some((name, figures)) = &self.selected {
            ui.add_space(6.0);
            figures_ui(
                ui,
                &format!("'{name}' and below"),
                figures,
                "totals-selected",
            );
        }
    }
}

fn figures_ui(ui: &mut Ui, title: &str, figures: &ChartFigures, grid_id: &str) {
    ui.label(RichText::new(title).strong());
    egui::Grid::new(grid_id)
        .num_columns(2)
        .spacing([12.0, 2.0])
        .show(ui, |ui| {
            let estimate = if figures.estimated {
                " (includes estimates)"
            } else {
                ""
            };
            ui.label("Units");
            ui.label(figures.units.to_string());
            ui.end_row();
            ui.label("Headcount");
            ui.label(format::headcount(figures.headcount, figures.has_fte));
            ui.end_row();
            ui.label("Cost a year");
            ui.label(format!("{}{estimate}", format::money(figures.cost)));
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
