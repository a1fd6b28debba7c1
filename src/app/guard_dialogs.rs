//! The questions that guard the user's work: restore a recovery copy, a file changed on disk, fields a newer
//! version wrote, a chart path that does not exist.

use egui::{RichText, Ui};

use super::dialogs::{Modal, ModalAnswer};
use super::recovery::describe_age;

pub fn ui(ui: &mut Ui, modal: &Modal) -> Option<ModalAnswer> {
    let mut answer = None;
    match modal {
        Modal::Recover { orphans } => {
            let Some(newest) = orphans.first() else {
                return Some(ModalAnswer::Cancel);
            };
            ui.heading("Recover unsaved work?");
            let what = match &newest.original {
                Some(path) => format!("changes to {}", path.display()),
                None => "a chart that was never saved".to_owned(),
            };
            ui.label(format!(
                "Orgchart stopped without saving {what}. A recovery copy was written {}.",
                describe_age(newest.age)
            ));
            if orphans.len() > 1 {
                ui.label(
                    RichText::new(format!(
                        "{} more copies will be offered after this one.",
                        orphans.len() - 1
                    ))
                    .weak(),
                );
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Restore").clicked() {
                    answer = Some(ModalAnswer::Restore(newest.clone()));
                }
                if ui.button("Discard").clicked() {
                    answer = Some(ModalAnswer::DiscardRecovery(newest.clone()));
                }
                if ui.button("Decide later").clicked() {
                    answer = Some(ModalAnswer::Cancel);
                }
            });
        }
        Modal::ChangedOnDisk { path } => {
            ui.heading("The file was changed by someone else");
            ui.label(format!(
                "{} was changed on disk after you opened it (by another program, or a colleague on a shared \
                 drive). Saving now would replace their changes with yours.",
                path.display()
            ));
            ui.add_space(8.0);
            ui.horizontal_wrapped(|ui| {
                if ui.button("Overwrite with my version").clicked() {
                    answer = Some(ModalAnswer::Overwrite(path.clone()));
                }
                if ui.button("Save mine elsewhere…").clicked() {
                    answer = Some(ModalAnswer::SaveElsewhere);
                }
                if ui.button("Reload theirs (drop my changes)").clicked() {
                    answer = Some(ModalAnswer::Reload(path.clone()));
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(ModalAnswer::Cancel);
                }
            });
        }
        Modal::NewerFields { path, fields } => {
            ui.heading("This file was written by a newer Orgchart");
            let shown: Vec<&str> = fields.iter().take(6).map(String::as_str).collect();
            let more = fields.len().saturating_sub(shown.len());
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            ui.label(format!(
                "{} has fields this version does not know ({}{more}). Saving over it would lose them; \
                 save under another name to keep the original intact.",
                path.display(),
                shown.join(", ")
            ));
            ui.add_space(8.0);
            ui.horizontal_wrapped(|ui| {
                if ui.button("Save elsewhere…").clicked() {
                    answer = Some(ModalAnswer::SaveElsewhere);
                }
                if ui.button("Overwrite, dropping those fields").clicked() {
                    answer = Some(ModalAnswer::Overwrite(path.clone()));
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(ModalAnswer::Cancel);
                }
            });
        }
        Modal::CreateMissing { path } => {
            ui.heading("No such chart");
            ui.label(format!("{} does not exist.", path.display()));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Create it as a new chart").clicked() {
                    answer = Some(ModalAnswer::Create(path.clone()));
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(ModalAnswer::Cancel);
                }
            });
        }
        _ => {}
    }
    answer
}
