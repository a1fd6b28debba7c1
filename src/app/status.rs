//! Messages to the user: the status bar (what happened, what you can do next) and the error bar, which stays
//! until dismissed so a refused action or a failed save is never missed.

use egui::{Align2, Color32, FontId, RichText, Ui};

use super::inspector::ERROR_COLOUR;
use super::state::{Document, Selection};

/// How long a message about what just happened stays in the status bar when nothing else changes.
const INFO_LIFETIME: std::time::Duration = std::time::Duration::from_secs(12);

/// What just happened, and the chart revision it was about (bound on the first frame after it was set).
struct Info {
    text: String,
    shown_at: std::time::Instant,
    revision: Option<u64>,
}

#[derive(Default)]
pub struct Notices {
    info: Option<Info>,
    error: Option<String>,
}

impl Notices {
    pub fn info(&self) -> Option<&str> {
        self.info.as_ref().map(|info| info.text.as_str())
    }

    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    pub fn set_info(&mut self, text: impl Into<String>) {
        self.info = Some(Info {
            text: text.into(),
            shown_at: std::time::Instant::now(),
            revision: None,
        });
    }

    /// Forgets a message that no longer holds: the chart changed since ("Saved" while there are new edits),
    /// or it is old. Called once a frame with the document's revision; returns how long until it expires.
    pub fn forget_stale(&mut self, revision: u64) -> Option<std::time::Duration> {
        let info = self.info.as_mut()?;
        let bound = *info.revision.get_or_insert(revision);
        let age = info.shown_at.elapsed();
        if bound != revision || age >= INFO_LIFETIME {
            self.info = None;
            return None;
        }
        Some(INFO_LIFETIME - age)
    }

    pub fn set_error(&mut self, text: impl Into<String>) {
        self.error = Some(text.into());
    }

    pub fn clear_error(&mut self) {
        self.error = None;
    }
}

const HINT_NOTHING_SELECTED: &str = "Click a card to select it · drag the background to pan · Ctrl+scroll to zoom · right-click for more";
const HINT_SELECTED: &str = "Tab: add report · Enter: add colleague · F2: rename · Delete · drag onto another card to change its manager";

pub fn status_bar(
    ui: &mut Ui,
    notices: &Notices,
    doc: &Document,
    selection: &Selection,
    zoom: f32,
) {
    ui.horizontal(|ui| {
        let text = match notices.info() {
            Some(info) => RichText::new(info),
            None if selection.is_empty() => RichText::new(HINT_NOTHING_SELECTED).weak(),
            None => RichText::new(HINT_SELECTED).weak(),
        };
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let units = doc.chart().len();
            let noun = if units == 1 { "unit" } else { "units" };
            ui.label(format!("{units} {noun} · {:.0}%", zoom * 100.0));
            if !selection.is_empty() {
                ui.label(format!("{} selected ·", selection.ids().len()));
            }
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                ui.add(egui::Label::new(text).truncate());
            });
        });
    });
}

pub fn error_bar(ui: &mut Ui, error: &str, notices: &mut Notices) {
    egui::Frame::NONE
        .fill(ERROR_COLOUR.gamma_multiply(0.15))
        .inner_margin(egui::Margin::symmetric(8, 6))
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                if ui.button("Dismiss").clicked() {
                    notices.clear_error();
                }
                // Long messages (a path, a list of fields) wrap inside the window instead of running off it.
                ui.add(
                    egui::Label::new(RichText::new(error).color(ui.visuals().strong_text_color()))
                        .wrap(),
                );
            });
        });
}

/// While files are dragged over the window, say what dropping will do.
pub fn drop_overlay(ui: &Ui) {
    let hovering = ui.input(|i| !i.raw.hovered_files.is_empty());
    if !hovering {
        return;
    }
    let rect = ui.max_rect();
    let painter = ui.painter();
    painter.rect_filled(rect, 0.0, Color32::from_black_alpha(140));
    painter.text(
        rect.center(),
        Align2::CENTER_CENTER,
        "Drop a .ron chart to open it",
        FontId::proportional(22.0),
        Color32::WHITE,
    );
}
