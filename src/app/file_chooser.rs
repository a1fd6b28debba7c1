//! The in-app fallback when the desktop has no file chooser (no portal, no zenity: rfd answers at once with
//! nothing). Instead of doing nothing, the editor asks for a path in a small window of its own, then repeats
//! the command with that answer, so Open, Save As, Import, Export and Compare with… all work.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::OrgchartApp;
use super::commands::Command;

/// A path being typed for a command whose file chooser could not be shown.
pub struct PathPrompt {
    what: String,
    text: String,
    retry: Command,
}

impl OrgchartApp {
    /// After a command ran: if it wanted a file chooser that could not be shown, ask for a path instead.
    pub(super) fn offer_path_prompt(&mut self, command: &Command) {
        if let Some((what, suggested)) = self.dialogs.take_unanswered() {
            let folder = self
                .doc
                .path()
                .and_then(|p| p.parent())
                .map(|p| p.to_path_buf())
                .or_else(|| std::env::current_dir().ok())
                .unwrap_or_default();
            let text = if suggested.is_empty() {
                format!("{}/", folder.display())
            } else {
                folder.join(suggested).display().to_string()
            };
            self.path_prompt = Some(PathPrompt {
                what,
                text,
                retry: command.clone(),
            });
        }
    }

    pub(super) fn path_prompt_ui(&mut self, ui: &Ui) {
        let Some(prompt) = &mut self.path_prompt else {
            return;
        };
        let mut outcome = None;
        let response = egui::Modal::new(egui::Id::unique("orgchart.path-prompt")).show(ui.ctx(), |ui| {
            ui.set_max_width(520.0);
            ui.heading(&prompt.what);
            ui.label(
                "This desktop has no file chooser to show, so type the file's full path (a folder, then the \
                 file name):",
            );
            let label = ui.label("Path");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut prompt.text)
                        .desired_width(f32::INFINITY)
                        .id(egui::Id::unique("orgchart.path-prompt.field")),
                )
                .labelled_by(label.id);
            if !field.has_focus() && outcome.is_none() {
                field.request_focus();
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.label(
                RichText::new("Installing xdg-desktop-portal (or zenity) brings back the usual dialogs.")
                    .small()
                    .weak(),
            );
            ui.horizontal(|ui| {
                if ui.button("OK").clicked() || entered {
                    outcome = Some(true);
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(false);
                }
            });
        });
        if outcome.is_none() && response.should_close() {
            outcome = Some(false);
        }
        match outcome {
            Some(true) => {
                let text = prompt.text.trim().to_owned();
                if text.is_empty() || text.ends_with(std::path::MAIN_SEPARATOR) {
                    self.notices
                        .set_error("Type a file name, not only a folder.");
                    return;
                }
                let retry = prompt.retry.clone();
                self.path_prompt = None;
                self.dialogs.prepare(PathBuf::from(text));
                self.pending.push(retry);
            }
            Some(false) => self.path_prompt = None,
            None => {}
        }
    }
}
