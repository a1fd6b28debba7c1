//! File → Import: a simple CSV table or a UK organogram (senior staff file, and the junior staff file if the
//! user has one), read by the same library code as `orgchart import`. The result opens as a new, unsaved
//! chart; row warnings are shown in the window.

use std::path::{Path, PathBuf};

use crate::io::import::{ImportError, ImportFormat, ImportReport, InputFile, import_files};
use crate::io::organogram::FileKind;

use super::OrgchartApp;
use super::dialogs::Modal;
use super::state::Document;

/// How many warnings the summary lists; all of them can be copied.
pub const WARNINGS_SHOWN: usize = 8;

const TABLE_FILTER: (&str, &[&str]) = ("CSV table", &["csv", "tsv", "txt"]);

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// True when the file has the organogram senior-staff columns, so a junior staff file may go with it.
fn is_senior_organogram(path: &Path) -> Result<bool, ImportError> {
    let bytes = crate::io::read_input(path).map_err(|source| ImportError::Read {
        path: path.to_owned(),
        source,
    })?;
    let name = file_name(path);
    let records = crate::io::import::read_records(InputFile {
        name: &name,
        bytes: &bytes,
    })?;
    Ok(crate::io::organogram::classify(&records) == FileKind::Senior)
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
            "Import a CSV table or organogram (senior staff file)",
            filter,
            extensions,
        ) else {
            return;
        };
        match is_senior_organogram(&primary) {
            Ok(true) => {
                self.modal = Some(Modal::AskJuniorFile {
                    senior: file_name(&primary),
                    primary,
                });
            }
            Ok(false) => self.import_from(&primary, None),
            Err(err) => self.import_failed(&err),
        }
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
        let report = match import_files(primary, junior, ImportFormat::Auto) {
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
            ImportFormat::Auto,
        )
        .unwrap();
        let text = summary(&report, "t.csv");
        assert!(
            text.starts_with("Imported 2 rows from t.csv as 2 units; 1 warning"),
            "{text}"
        );
    }
}
