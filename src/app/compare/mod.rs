//! Compare mode: the open chart (before) against a second one (after), side by side or merged into one change
//! view, with the change list and the totals. Read-only: nothing here edits the document.
//!
//! `data` holds what the library says about the two charts, `changes` and `totals` the panels over it,
//! `views` the chart views, `open` how the app enters and leaves the mode.

mod changes;
mod data;
mod open;
mod style;
mod totals;
mod viewer;
mod views;

use egui::{RichText, Ui};

pub use changes::Entry;
pub use data::{CompareData, Pick, Side};
pub use totals::{TotalsRow, WHOLE_CHART};
pub use viewer::ChartViewer;

use crate::model::UnitId;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareMode {
    /// Before and after in two views that pan and zoom together.
    SideBySide,
    /// Both charts as one, each unit marked with its change.
    Merged,
}

impl CompareMode {
    pub fn label(self) -> &'static str {
        match self {
            Self::SideBySide => "Side by side",
            Self::Merged => "Merged changes",
        }
    }
}

/// One of the chart views of the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Before,
    After,
    Merged,
}

/// What the comparison asks the app to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareAction {
    Close,
    /// Write a report of the change (PDF, HTML or Markdown).
    Report,
}

pub const CLOSE_LABEL: &str = "Close comparison";
pub const REPORT_LABEL: &str = "Report…";
pub const SWAP_LABEL: &str = "⇄ Swap before and after";

pub struct Comparison {
    data: CompareData,
    totals: Vec<TotalsRow>,
    mode: CompareMode,
    pick: Option<Pick>,
    before_view: ChartViewer,
    after_view: ChartViewer,
    merged_view: ChartViewer,
    /// Whether the side-by-side views were last put one above the other (None before the first frame).
    stacked: Option<bool>,
    /// The views still show their whole charts, so they follow changes of the space they have.
    auto_fit: bool,
    last_area: Option<egui::Rect>,
    /// Bumped when the sides are swapped, so the views rebuild their drawings.
    generation: u64,
}

impl Comparison {
    pub fn new(before: Side, after: Side) -> Self {
        let data = CompareData::new(before, after);
        Self {
            totals: totals::rows(&data.before.chart, &data.after.chart, &data.diff),
            data,
            mode: CompareMode::SideBySide,
            pick: None,
            before_view: ChartViewer::new("compare.before", "Before chart"),
            after_view: ChartViewer::new("compare.after", "After chart"),
            merged_view: ChartViewer::new("compare.merged", "Merged change chart"),
            stacked: None,
            auto_fit: true,
            last_area: None,
            generation: 0,
        }
    }

    pub fn data(&self) -> &CompareData {
        &self.data
    }

    pub fn entries(&self) -> &[Entry] {
        &self.data.entries
    }

    pub fn totals(&self) -> &[TotalsRow] {
        &self.totals
    }

    pub fn mode(&self) -> CompareMode {
        self.mode
    }

    pub fn set_mode(&mut self, mode: CompareMode) {
        self.mode = mode;
    }

    /// The unit picked on any view or in the change list.
    pub fn picked(&self) -> Option<&Pick> {
        self.pick.as_ref()
    }

    fn viewer(&self, pane: Pane) -> &ChartViewer {
        match pane {
            Pane::Before => &self.before_view,
            Pane::After => &self.after_view,
            Pane::Merged => &self.merged_view,
        }
    }

    /// The area a view had on screen last frame.
    pub fn pane_rect(&self, pane: Pane) -> egui::Rect {
        self.viewer(pane).view.canvas
    }

    /// Where a unit's card is on screen in a view (ids of that view's chart).
    pub fn card_screen_rect(&self, pane: Pane, id: &UnitId) -> Option<egui::Rect> {
        self.viewer(pane).card_screen_rect(id)
    }

    pub fn zoom(&self, pane: Pane) -> f32 {
        self.viewer(pane).view.zoom
    }

    /// Before becomes after and after before; the pick is kept (it names units on both sides).
    pub fn swap(&mut self) {
        // Cloning the two charts is cheap next to diffing them again, and keeps `data` whole meanwhile.
        self.data = CompareData::new(self.data.after.clone(), self.data.before.clone());
        self.totals = totals::rows(
            &self.data.before.chart,
            &self.data.after.chart,
            &self.data.diff,
        );
        self.pick = self.pick.take().map(|p| Pick {
            before: p.after,
            after: p.before,
        });
        self.generation += 1;
        for view in [
            &mut self.before_view,
            &mut self.after_view,
            &mut self.merged_view,
        ] {
            view.invalidate();
        }
    }

    /// Picks a unit and centres every view on it (or its match).
    pub fn pick_and_centre(&mut self, pick: Pick) {
        self.auto_fit = false;
        // The two sides keep one zoom: large enough to read the unit on whichever side needs more.
        let readable = [
            pick.before
                .as_ref()
                .and_then(|id| self.before_view.readable_zoom(id)),
            pick.after
                .as_ref()
                .and_then(|id| self.after_view.readable_zoom(id)),
        ];
        if let Some(zoom) = readable.into_iter().flatten().reduce(f32::max) {
            self.before_view.set_zoom(zoom);
            self.after_view.set_zoom(zoom);
        }
        if let Some(id) = &pick.before {
            self.before_view.request_centre(id.clone());
        }
        if let Some(id) = &pick.after {
            self.after_view.request_centre(id.clone());
        }
        if let Some(id) = pick.merged() {
            self.merged_view.request_centre(id.clone());
        }
        self.pick = Some(pick);
    }

    /// One frame of compare mode in all of `ui`.
    pub fn ui(&mut self, ui: &mut Ui) -> Option<CompareAction> {
        let mut action = None;
        egui::Panel::top("compare-header").show(ui, |ui| {
            action = self.header_ui(ui);
        });
        egui::Panel::top("compare-totals").show(ui, |ui| {
            egui::ScrollArea::both()
                .id_salt("compare-totals-scroll")
                .max_height(170.0)
                .min_scrolled_height(170.0)
                .show(ui, |ui| {
                    totals::table_ui(ui, &self.totals, &self.data.diff);
                });
        });
        egui::Panel::right("compare-changes")
            .resizable(true)
            .default_size(290.0)
            .size_range(240.0..=600.0)
            .show(ui, |ui| {
                ui.heading("Changes");
                egui::ScrollArea::vertical()
                    .id_salt("compare-changes-scroll")
                    .show(ui, |ui| {
                        if let Some(i) =
                            changes::list_ui(ui, &self.data.entries, self.pick.as_ref())
                            && let Some(entry) = self.data.entries.get(i)
                        {
                            let pick = entry.pick.clone();
                            self.pick_and_centre(pick);
                        }
                    });
            });
        egui::Panel::bottom("compare-status").show(ui, |ui| self.status_ui(ui));
        egui::CentralPanel::no_frame().show(ui, |ui| match self.mode {
            CompareMode::SideBySide => self.side_by_side_ui(ui),
            CompareMode::Merged => self.merged_ui(ui),
        });
        action
    }

    fn header_ui(&mut self, ui: &mut Ui) -> Option<CompareAction> {
        let mut action = None;
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Comparing").strong());
            ui.label(RichText::new(&self.data.before.label).monospace())
                .on_hover_text("Before");
            ui.label("→");
            ui.label(RichText::new(&self.data.after.label).monospace())
                .on_hover_text("After");
            ui.separator();
            for mode in [CompareMode::SideBySide, CompareMode::Merged] {
                if ui
                    .selectable_label(self.mode == mode, mode.label())
                    .clicked()
                {
                    self.mode = mode;
                }
            }
            ui.separator();
            if ui.button(SWAP_LABEL).clicked() {
                self.swap();
            }
            if ui.button("Fit to window").clicked() {
                self.auto_fit = true;
                for view in [
                    &mut self.before_view,
                    &mut self.after_view,
                    &mut self.merged_view,
                ] {
                    view.request_fit();
                }
            }
            if ui
                .button(REPORT_LABEL)
                .on_hover_text("A report of the change: PDF, one-file HTML or Markdown")
                .clicked()
            {
                action = Some(CompareAction::Report);
            }
            ui.separator();
            if ui.button(CLOSE_LABEL).clicked() {
                action = Some(CompareAction::Close);
            }
        });
        action
    }

    fn status_ui(&self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let text = match &self.pick {
                Some(pick) => self.pick_summary(pick),
                None => "Click a card or a change to find it on both sides. Drag to pan, Ctrl+scroll to zoom, hover a card for what changed.".to_owned(),
            };
            ui.label(RichText::new(text).small());
        });
    }

    fn pick_summary(&self, pick: &Pick) -> String {
        let name = |chart: &crate::model::Chart, id: &Option<UnitId>| {
            id.as_ref()
                .and_then(|id| chart.unit(id))
                .map(|u| u.name.clone())
        };
        match (
            name(&self.data.before.chart, &pick.before),
            name(&self.data.after.chart, &pick.after),
        ) {
            (Some(before), Some(after)) if before == after => format!("{after}: on both sides"),
            (Some(before), Some(after)) => format!("{before} (before) is {after} (after)"),
            (Some(before), None) => format!("{before}: only before (removed)"),
            (None, Some(after)) => format!("{after}: only after (added)"),
            (None, None) => String::new(),
        }
    }
}
