//! File → Import: a table (CSV or a workbook's sheet: an HR export, another tool's file) or a UK organogram
//! (senior staff file, and the junior staff file if the user has one, or a workbook holding both sheets), read
//! by the same library code as `orgchart import`. A table first shows the mapping step (sheet, columns,
//! preview); the result opens as a new, unsaved chart; row warnings are shown in the window.

use std::path::{Path, PathBuf};

use crate::io::import::{
    ImportError, ImportOptions, ImportReport, InputFile, Source, import_files_with, read_source,
    workbook,
};
use crate::io::organogram::{FileKind, classify};

use super::OrgchartApp;
use super::dialogs::Modal;
use super::import_setup::ImportSetup;
use super::state::Document;

/// How many warnings the summary lists; all of them can be copied.
pub const WARNINGS_SHOWN: usize = 8;

const TABLE_FILTER: (&str, &[&str]) = (
    "Tables and workbooks",
    &["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods"],
);

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// What a picked file needs next.
enum Next {
    /// An organogram senior staff file: ask for its junior staff file.
    AskJunior,
    /// Import as it is (a workbook with the organogram sheets, or a file the import will explain it refuses).
    Import,
    /// A table: show the mapping step.
    Setup(Box<ImportSetup>),
}

fn next_step(path: &Path) -> Result<Next, ImportError> {
    let bytes = crate::io::read_input(path).map_err(|source| ImportError::Read {
        path: path.to_owned(),
        source,
    })?;
    let name = file_name(path);
    let input = InputFile {
        name: &name,
        bytes: &bytes,
    };
    let (chosen, _) = read_source(input, None)?;
    let is_workbook = workbook::is_workbook(&bytes);
    match classify(&chosen.records) {
        FileKind::Senior if is_workbook => return Ok(Next::Import),
        FileKind::Senior => return Ok(Next::AskJunior),
        FileKind::Junior => return Ok(Next::Import),
        FileKind::Other => {}
    }
    let (tables, table) = if is_workbook {
        let sheets = workbook::read_sheets(&name, &bytes)?;
        let chosen_sheet = sheets
            .iter()
            .position(|sheet| chosen.name == format!("{name} [{}]", sheet.name))
            .unwrap_or(0);
        let tables = sheets
            .into_iter()
            .map(|sheet| Source {
                name: sheet.name,
                records: sheet.records,
            })
            .collect();
        (tables, chosen_sheet)
    } else {
        (vec![chosen], 0)
    };
    Ok(Next::Setup(Box::new(ImportSetup::new(
        path.to_owned(),
        name,
        tables,
        table,
    ))))
}

/// "Imported 12 rows from a.csv and b.csv as 12 units; 3 warnings."
fn summary(report: &ImportReport, files: &str) -> String {
    let warnings = match report.warnings.len() {
        0 => "no warnings".to_owned(),
        1 => "1 warning".to_owned(),
        n => format!("{n} warnings"),
    };
    let rows = if report.rows_read == 1 { "row" } else { "rows" };
    let units = if report.units_created == 1 {
        "unit"
    } else {
        "units"
    };
    format!(
        "Imported {} {rows} from {files} as {} {units}; {warnings}. Not saved yet.",
        report.rows_read, report.units_created
    )
}

impl OrgchartApp {
    /// Asks for the table (unsaved changes were dealt with already); an organogram asks about its junior file.
    pub(super) fn start_import(&mut self) {
        let (filter, extensions) = TABLE_FILTER;
        let Some(primary) = self.dialogs.open(
            "Import a table, workbook or organogram (senior staff file)",
            filter,
            extensions,
        ) else {
            return;
        };
        match next_step(&primary) {
            Ok(Next::AskJunior) => {
                self.modal = Some(Modal::AskJuniorFile {
                    senior: file_name(&primary),
                    primary,
                });
            }
            Ok(Next::Import) => self.import_from(&primary, None),
            Ok(Next::Setup(setup)) => self.modal = Some(Modal::ImportSetup(setup)),
            Err(err) => self.import_failed(&err),
        }
    }

    /// "Import" in the mapping step: the chosen sheet and columns.
    pub(super) fn import_with_setup(&mut self, setup: &ImportSetup) {
        let options = ImportOptions {
            sheet: setup.sheet(),
            mapping: setup.mapping.clone(),
            ..ImportOptions::default()
        };
        self.import_with(&setup.path, None, &options);
    }

    /// The answer to "add the junior staff file?": pick it now, or import the senior file alone.
    pub(super) fn import_organogram(&mut self, primary: PathBuf, with_junior: bool) {
        if !with_junior {
            self.import_from(&primary, None);
            return;
        }
        let (filter, extensions) = TABLE_FILTER;
        // Cancelling this dialog cancels the import: the user meant to add a file and did not.
        if let Some(junior) = self
            .dialogs
            .open("Choose the junior staff file", filter, extensions)
        {
            self.import_from(&primary, Some(&junior));
        }
    }

    fn import_from(&mut self, primary: &Path, junior: Option<&Path>) {
        self.import_with(primary, junior, &ImportOptions::default());
    }

    fn import_with(&mut self, primary: &Path, junior: Option<&Path>, options: &ImportOptions) {
        let report = match import_files_with(primary, junior, options) {
            Ok(report) => report,
            Err(err) => return self.import_failed(&err),
        };
        let files = match junior {
            Some(junior) => format!("{} and {}", file_name(primary), file_name(junior)),
            None => file_name(primary),
        };
        let stem = primary.file_stem().map_or_else(
            || "Imported".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        let heading = summary(&report, &files);
        let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
        self.replace_document(
            Document::unsaved(report.chart),
            &format!("{stem} (imported)"),
        );
        self.notices.clear_error();
        self.notices.set_info(heading.clone());
        if !warnings.is_empty() {
            self.modal = Some(Modal::ImportWarnings { heading, warnings });
        }
    }

    fn import_failed(&mut self, err: &ImportError) {
        self.notices.set_error(format!(
            "Could not import: {err}. The chart you had open is unchanged."
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_rows_units_and_warnings() {
        let report = crate::io::import::import_inputs(
            InputFile {
                name: "t.csv",
                bytes: b"id,name,reports_to\na,A,\nb,B,zz\n",
            },
            None,
            crate::io::import::ImportFormat::Auto,
        )
        .unwrap();
        let text = summary(&report, "t.csv");
        assert!(
            text.starts_with("Imported 2 rows from t.csv as 2 units; 1 warning"),
            "{text}"
        );
    }
}
