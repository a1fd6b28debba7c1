//! Questions the editor asks: keep unsaved changes?, how to delete a manager, and the keyboard help.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::commands::{Command, DeleteMode};
use super::import_setup::{ImportSetup, SetupAction, import_setup_ui};

#[derive(Clone, Debug, PartialEq)]
pub enum Modal {
    /// Unsaved changes would be lost by `then` (new, open, quit).
    ConfirmDiscard {
        then: Command,
        document: String,
    },
    /// A selected unit has reports: delete them too, or move them up?
    DeleteChoice {
        what: String,
        below: usize,
        manager: Option<String>,
    },
    Shortcuts,
    /// An organogram senior staff file was picked: add its junior staff file?
    AskJuniorFile {
        primary: PathBuf,
        senior: String,
    },
    /// A table or workbook was picked: which sheet, which column means what, and a preview.
    ImportSetup(Box<ImportSetup>),
    /// What an import could not take as written, row by row.
    ImportWarnings {
        heading: String,
        warnings: Vec<String>,
    },
    /// Recovery copies left by an editor that crashed or was killed: restore or discard (the newest first).
    Recover {
        orphans: Vec<super::recovery::Orphan>,
    },
    /// The file was changed on disk since it was opened or saved here.
    ChangedOnDisk {
        path: PathBuf,
    },
    /// The file has fields this version does not know; saving over it would drop them.
    NewerFields {
        path: PathBuf,
        fields: Vec<String>,
    },
    /// A chart path that does not exist was given.
    CreateMissing {
        path: PathBuf,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum ModalAnswer {
    SaveThen(Command),
    Discard(Command),
    Delete(DeleteMode),
    ImportOrganogram {
        primary: PathBuf,
        with_junior: bool,
    },
    Restore(super::recovery::Orphan),
    DiscardRecovery(super::recovery::Orphan),
    /// Save over the file although it changed on disk (or has fields that will be dropped).
    Overwrite(PathBuf),
    SaveElsewhere,
    /// Read the file again, dropping the changes made here.
    Reload(PathBuf),
    Create(PathBuf),
    /// The mapping step changed (another sheet or column): show it again.
    ImportSetupChanged(Box<ImportSetup>),
    /// Import with the mapping step's choices.
    ImportWith(Box<ImportSetup>),
    Cancel,
}

pub fn modal_ui(ui: &Ui, modal: &Modal) -> Option<ModalAnswer> {
    let mut answer = None;
    let response = egui::Modal::new(egui::Id::unique("orgchart.modal")).show(ui.ctx(), |ui| {
        ui.set_max_width(460.0);
        match modal {
            Modal::ConfirmDiscard { then, document } => {
                ui.heading(format!("Save changes to {document}?"));
                ui.label("Your changes will be lost if you don't save them.");
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        answer = Some(ModalAnswer::SaveThen(then.clone()));
                    }
                    if ui.button("Don't save").clicked() {
                        answer = Some(ModalAnswer::Discard(then.clone()));
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some(ModalAnswer::Cancel);
                    }
                });
            }
            Modal::DeleteChoice {
                what,
                below,
                manager,
            } => {
                ui.heading(format!("Delete {what}?"));
                let units = if *below == 1 { "unit" } else { "units" };
                ui.label(format!(
                    "{below} {units} report to it, directly or further down."
                ));
                ui.add_space(8.0);
                if ui
                    .button(format!("Delete {what} and the {below} {units} below"))
                    .clicked()
                {
                    answer = Some(ModalAnswer::Delete(DeleteMode::Subtree));
                }
                let lift = match manager {
                    Some(manager) => {
                        format!("Delete only {what}; its reports move up to '{manager}'")
                    }
                    None => format!("Delete only {what}; its reports move to the top level"),
                };
                if ui.button(lift).clicked() {
                    answer = Some(ModalAnswer::Delete(DeleteMode::LiftReports));
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(ModalAnswer::Cancel);
                }
            }
            Modal::AskJuniorFile { primary, senior } => {
                ui.heading("Add the junior staff file?");
                ui.label(format!(
                    "{senior} is a UK organogram senior staff file. Its junior staff file (posts below the senior ones, \
                     with \"Reporting Senior Post\") can be imported with it."
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    for (label, with_junior) in [
                        ("Choose the junior staff file…", true),
                        ("Import senior posts only", false),
                    ] {
                        if ui.button(label).clicked() {
                            answer = Some(ModalAnswer::ImportOrganogram {
                                primary: primary.clone(),
                                with_junior,
                            });
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some(ModalAnswer::Cancel);
                    }
                });
            }
            Modal::ImportSetup(setup) => {
                ui.set_max_width(720.0);
                answer = match import_setup_ui(ui, setup) {
                    Some(SetupAction::Changed(next)) => Some(ModalAnswer::ImportSetupChanged(next)),
                    Some(SetupAction::Import) => Some(ModalAnswer::ImportWith(setup.clone())),
                    Some(SetupAction::Cancel) => Some(ModalAnswer::Cancel),
                    None => None,
                };
            }
            Modal::ImportWarnings { heading, warnings } => {
                import_warnings_ui(ui, heading, warnings);
                if ui.button("Close").clicked() {
                    answer = Some(ModalAnswer::Cancel);
                }
            }
            Modal::Recover { .. }
            | Modal::ChangedOnDisk { .. }
            | Modal::NewerFields { .. }
            | Modal::CreateMissing { .. } => answer = super::guard_dialogs::ui(ui, modal),
            Modal::Shortcuts => {
                shortcuts_ui(ui);
                if ui.button("Close").clicked() {
                    answer = Some(ModalAnswer::Cancel);
                }
            }
        }
    });
    if answer.is_none() && response.should_close() {
        answer = Some(ModalAnswer::Cancel);
    }
    answer
}

const SHORTCUTS: [(&str, &str); 22] = [
    (
        "Click a card",
        "select it (Shift or Ctrl-click: add to the selection)",
    ),
    (
        "Shift-drag the background",
        "select all cards in a rectangle",
    ),
    ("Drag the background, scroll", "pan"),
    ("Ctrl+scroll, pinch, + and -", "zoom around the pointer"),
    ("Home / F", "fit the chart / zoom to the selection"),
    (
        "Drag a card",
        "move it and what is below it (it stays where you drop it)",
    ),
    ("Drop a card on another", "it now reports to that one"),
    (
        "… holding Alt / Ctrl / Shift",
        "add a dotted line / contract / shared service instead",
    ),
    ("Tab", "add a report to the selected unit"),
    ("Enter", "add a colleague beside the selected unit"),
    (
        "F2 or double-click",
        "rename in place (Enter keeps, Escape cancels)",
    ),
    ("Delete", "delete (asks what to do with the reports)"),
    ("Space", "collapse or expand what is below"),
    (
        "Arrow keys",
        "move the selection: up to the manager, down to a report, sideways",
    ),
    ("Ctrl+Z", "undo"),
    ("Ctrl+Shift+Z or Ctrl+Y", "redo"),
    ("Ctrl+F", "find; Enter jumps to the next match"),
    ("Ctrl+A", "select all"),
    ("Ctrl+N / Ctrl+O", "new chart / open a chart"),
    ("Ctrl+S / Ctrl+Shift+S", "save / save as"),
    ("Drop a .ron file on the window", "open it"),
    (
        "Right-click",
        "everything else, for the card under the pointer",
    ),
];

fn import_warnings_ui(ui: &mut Ui, heading: &str, warnings: &[String]) {
    ui.heading("Imported, with warnings");
    ui.label(heading);
    ui.label("Every row was kept; these were not taken exactly as written:");
    ui.add_space(4.0);
    for warning in warnings.iter().take(super::import::WARNINGS_SHOWN) {
        ui.label(RichText::new(warning).small());
    }
    let more = warnings.len().saturating_sub(super::import::WARNINGS_SHOWN);
    if more > 0 {
        ui.label(RichText::new(format!("… and {more} more.")).weak());
    }
    ui.add_space(4.0);
    if ui
        .button(format!("Copy all {} warnings", warnings.len()))
        .clicked()
    {
        ui.ctx().copy_text(warnings.join("\n"));
    }
}

fn shortcuts_ui(ui: &mut Ui) {
    ui.heading("Keyboard and mouse");
    egui::Grid::new("shortcuts")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for (keys, what) in SHORTCUTS {
                ui.label(RichText::new(keys).strong());
                ui.label(what);
                ui.end_row();
            }
        });
}
