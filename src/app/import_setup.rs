//! The import dialog's mapping step: which sheet of a workbook, which column holds each meaning (as guessed,
//! changeable), and a preview of the first rows as they will be read. Plain state shown by `import_setup_ui`;
//! each change comes back as a new state, and "Import" as the choices to import with.

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::io::csv_table::{Preview, preview};
use crate::io::import::{ColumnMapping, Field, Source};

/// Rows shown in the preview.
pub const PREVIEW_ROWS: usize = 6;

/// The file being imported and the user's choices so far.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportSetup {
    pub path: PathBuf,
    /// The file's name, for the heading.
    pub file: String,
    /// The tables to choose from: one for a CSV file, one per sheet for a workbook (named by sheet).
    pub tables: Vec<Source>,
    pub table: usize,
    pub mapping: ColumnMapping,
    /// The preview with the current choices, or why they cannot be read.
    pub preview: Result<Preview, String>,
}

impl ImportSetup {
    pub fn new(path: PathBuf, file: String, tables: Vec<Source>, table: usize) -> Self {
        let mut setup = Self {
            path,
            file,
            tables,
            table,
            mapping: ColumnMapping::default(),
            preview: Err(String::new()),
        };
        setup.refresh();
        setup
    }

    /// Reads the preview again after a change.
    pub fn refresh(&mut self) {
        self.preview = match self.tables.get(self.table) {
            Some(table) => preview(&self.file, &table.records, &self.mapping, PREVIEW_ROWS)
                .map_err(|err| err.to_string()),
            None => Err("there is nothing to read".to_owned()),
        };
    }

    /// The sheet to import, for workbooks.
    pub fn sheet(&self) -> Option<String> {
        (self.tables.len() > 1)
            .then(|| self.tables.get(self.table).map(|t| t.name.clone()))
            .flatten()
    }

    fn with_table(&self, table: usize) -> Self {
        let mut next = self.clone();
        next.table = table;
        next.mapping = ColumnMapping::default();
        next.refresh();
        next
    }

    fn with_column(&self, field: Field, column: Option<String>) -> Self {
        let mut next = self.clone();
        next.mapping.set(field, column);
        next.refresh();
        next
    }
}

/// What the user did in the mapping step.
pub enum SetupAction {
    Changed(Box<ImportSetup>),
    Import,
    Cancel,
}

/// "Name", "Reports to", ... for the mapping grid.
fn field_label(field: Field) -> &'static str {
    match field {
        Field::Id => "Id",
        Field::Name => "Name",
        Field::FirstName => "First name",
        Field::LastName => "Last name",
        Field::Email => "E-mail",
        Field::ReportsTo => "Manager (id)",
        Field::ManagerEmail => "Manager (e-mail)",
        Field::ManagerName => "Manager (name)",
        Field::Role => "Role / job title",
        Field::Department => "Department",
        Field::Organisation => "Organisation",
        Field::Grade => "Grade",
        Field::Location => "Location",
        Field::Cost => "Salary / cost",
        Field::Headcount => "Headcount / FTE",
        Field::Status => "Status",
        Field::Assistant => "Assistant",
        other => other.key(),
    }
}

const NO_COLUMN: &str = "(none)";

pub fn import_setup_ui(ui: &mut Ui, setup: &ImportSetup) -> Option<SetupAction> {
    let mut action = None;
    ui.heading(format!("Import {}", setup.file));
    if setup.tables.len() > 1 {
        ui.horizontal(|ui| {
            ui.label("Sheet:");
            let current = setup
                .tables
                .get(setup.table)
                .map_or("", |t| t.name.as_str());
            let response = egui::ComboBox::from_id_salt("orgchart.import.sheet")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    for (i, table) in setup.tables.iter().enumerate() {
                        if ui.selectable_label(i == setup.table, &table.name).clicked()
                            && i != setup.table
                        {
                            action = Some(SetupAction::Changed(Box::new(setup.with_table(i))));
                        }
                    }
                })
                .response;
            name_choice(&response, "Sheet", current);
        });
    }
    match &setup.preview {
        Ok(preview) => {
            ui.label(format!(
                "Header on row {}. Each meaning is read from the column shown; change any that is wrong.",
                preview.header_row
            ));
            if let Some(changed) = mapping_grid_ui(ui, setup, preview) {
                action = Some(SetupAction::Changed(Box::new(changed)));
            }
            ui.add_space(4.0);
            ui.label(RichText::new(&preview.summary).small().weak());
            ui.add_space(6.0);
            ui.strong("The first rows, as they will be read");
            preview_ui(ui, preview);
        }
        Err(problem) => {
            ui.colored_label(super::inspector::ERROR_COLOUR, problem);
        }
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui
            .add_enabled(setup.preview.is_ok(), egui::Button::new("Import"))
            .clicked()
        {
            action = Some(SetupAction::Import);
        }
        if ui.button("Cancel").clicked() {
            action = Some(SetupAction::Cancel);
        }
    });
    action
}

/// One row per meaning: its label and a choice of column.
fn mapping_grid_ui(ui: &mut Ui, setup: &ImportSetup, preview: &Preview) -> Option<ImportSetup> {
    let mut changed = None;
    let columns: Vec<&str> = preview
        .header
        .iter()
        .map(|h| h.trim())
        .filter(|h| !h.is_empty())
        .collect();
    egui::Grid::new("orgchart.import.mapping")
        .num_columns(4)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            for (i, field) in Field::MAPPABLE.into_iter().enumerate() {
                ui.label(field_label(field));
                let current = preview
                    .column(field)
                    .and_then(|at| preview.header.get(at))
                    .map_or(NO_COLUMN, |h| h.trim());
                let response =
                    egui::ComboBox::from_id_salt(("orgchart.import.column", field.key()))
                        .selected_text(current)
                        .width(150.0)
                        .show_ui(ui, |ui| {
                            if ui
                                .selectable_label(current == NO_COLUMN, NO_COLUMN)
                                .clicked()
                            {
                                changed = Some(setup.with_column(field, None));
                            }
                            for column in &columns {
                                if ui.selectable_label(current == *column, *column).clicked() {
                                    changed =
                                        Some(setup.with_column(field, Some((*column).to_owned())));
                                }
                            }
                        })
                        .response;
                name_choice(&response, field_label(field), current);
                if i % 2 == 1 {
                    ui.end_row();
                }
            }
        });
    changed
}

/// Gives a choice box (whose label sits beside it in the grid) its name for screen readers and tests.
fn name_choice(response: &egui::Response, label: &str, current: &str) {
    response.widget_info(|| {
        let mut info = egui::WidgetInfo::labeled(egui::Role::ComboBox, true, label);
        info.current_text_value = Some(current.to_owned());
        info
    });
}

fn preview_ui(ui: &mut Ui, preview: &Preview) {
    egui::Grid::new("orgchart.import.preview")
        .striped(true)
        .spacing([10.0, 2.0])
        .show(ui, |ui| {
            for heading in ["Row", "Id", "Name", "Manager", "Role", "Department"] {
                ui.label(RichText::new(heading).strong());
            }
            ui.end_row();
            for row in &preview.rows {
                ui.label(row.row.to_string());
                for text in [&row.id, &row.name, &row.manager, &row.role, &row.department] {
                    ui.label(short(text));
                }
                ui.end_row();
            }
        });
}

/// At most 28 characters, so a long cell does not widen the dialog.
fn short(text: &str) -> String {
    match text.char_indices().nth(28) {
        Some((at, _)) => format!("{}…", text.get(..at).unwrap_or(text)),
        None => text.to_owned(),
    }
}
