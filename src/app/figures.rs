//! The Figures panel: small charts of spans of control, layers and what each organisation carries, for
//! the whole chart or the selected branch. They are the library's figures drawing, painted as the canvas
//! paints cards, so they look as they do in the report and exports.

use egui::emath::TSTransform;
use egui::{RichText, Ui};

use crate::model::{Chart, UnitId};
use crate::render::figures::{FigureChart, Figures, figures_drawing};
use crate::render::{Drawing, Theme};

use super::canvas::paint_plain;

/// What the panel shows figures of.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    #[default]
    WholeChart,
    /// The primary selected unit and everything below it.
    SelectedBranch,
}

/// Cache key: the chart revision, the branch, the width (whole points) and the theme.
type Key = (u64, Option<UnitId>, u32, bool);

#[derive(Default)]
pub struct FiguresPanel {
    pub scope: Scope,
    cached: Option<(Key, Figures, Drawing)>,
    /// Big charts refresh the figures once edits pause (see `totals::Deferral`).
    deferral: super::totals::Deferral,
    /// The whole chart's figures at a revision, worked out ahead by the loading worker.
    prepared: Option<(u64, Figures)>,
    /// How many times the figures were worked out here (for tests).
    computed: u64,
}

impl FiguresPanel {
    /// The whole chart's figures at `revision`, worked out ahead off the UI thread (see `Totals::prepared`),
    /// shown instead of working them out in a frame.
    pub fn set_prepared(&mut self, revision: u64, figures: Figures) {
        self.prepared = Some((revision, figures));
    }

    /// How many times this panel worked its figures out.
    pub fn computed(&self) -> u64 {
        self.computed
    }

    /// The figures shown last frame, for tests.
    pub fn figures(&self) -> Option<&Figures> {
        self.cached.as_ref().map(|(_, figures, _)| figures)
    }

    pub fn ui(&mut self, ui: &mut Ui, chart: &Chart, revision: u64, selected: Option<&UnitId>) {
        ui.horizontal(|ui| {
            ui.radio_value(&mut self.scope, Scope::WholeChart, "Of the whole chart");
            ui.add_enabled_ui(selected.is_some(), |ui| {
                ui.radio_value(
                    &mut self.scope,
                    Scope::SelectedBranch,
                    "Of the selected branch",
                )
                .on_disabled_hover_text("Select a card first");
            });
        });
        let branch = match self.scope {
            Scope::SelectedBranch => selected,
            Scope::WholeChart => None,
        };
        let width = ui.available_width().max(160.0);
        let dark = ui.visuals().dark_mode;
        let key: Key = (revision, branch.cloned(), width.floor() as u32, dark);
        let shown = self.cached.as_ref().map(|((revision, ..), ..)| *revision);
        // Only an edit waits: another branch, width or theme on an unchanged chart is shown at once.
        let same_view = self
            .cached
            .as_ref()
            .is_some_and(|((_, b, w, d), ..)| (b, *w, *d) == (&key.1, key.2, key.3));
        let ready = branch.is_none() && self.prepared.as_ref().is_some_and(|(r, _)| *r == revision);
        let waits = same_view
            && !ready
            && super::totals::wait_for_pause(ui, &mut self.deferral, shown, revision, chart.len());
        if !waits && self.cached.as_ref().map(|(k, ..)| k) != Some(&key) {
            let theme = if dark { Theme::Dark } else { Theme::Light };
            let figures = match (self.prepared.take(), self.cached.take()) {
                (Some((prepared, figures)), _) if prepared == revision && branch.is_none() => {
                    figures
                }
                // Another width or theme: the same figures, drawn again (counting a big chart's units
                // again in each frame of resizing the panel froze it).
                (_, Some(((shown, shown_branch, ..), figures, _)))
                    if shown == revision && shown_branch.as_ref() == branch =>
                {
                    figures
                }
                _ => {
                    self.computed += 1;
                    Figures::of(chart, branch)
                        .or_else(|| Figures::of(chart, None))
                        .unwrap_or_default()
                }
            };
            let drawing = figures_drawing(&figures, &FigureChart::ALL, theme, width.floor());
            self.cached = Some((key, figures, drawing));
        }
        let Some((_, figures, drawing)) = &self.cached else {
            return;
        };
        ui.label(RichText::new(&figures.heading).strong());
        let size = egui::vec2(drawing.bounds.w, drawing.bounds.h);
        let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
        if ui.is_rect_visible(rect) {
            let painter = ui.painter_at(rect);
            let screen_from_chart = TSTransform::from_translation(
                rect.min.to_vec2() - egui::vec2(drawing.bounds.x, drawing.bounds.y),
            );
            paint_plain(&painter, drawing, screen_from_chart);
        }
    }
}
