//! The simple CSV table: one row per unit, with a header row. Export writes the columns in [`COLUMNS`];
//! import finds columns by name, ignoring case, spacing and punctuation, and accepts common synonyms
//! ("Reports To", "Manager", "Parent"; "Title", "Job Title"; "FTE"; "Salary"; ...; see
//! `crate::io::import::columns`), so a spreadsheet, an HR export or another org-chart tool's export loads
//! without editing.
//!
//! Cells that hold several values (tags, organisations a unit is shared with, links) separate them with
//! "; "; a link may carry a label in brackets: `finance [monthly report]`. A backslash escapes `;`, `[`,
//! `]` and itself. Editor state (collapsed subtrees, pinned positions) and the chart title are not part of
//! the table.

use std::path::{Path, PathBuf};

use crate::io::import::columns::ColumnMapping;
use crate::io::import::table::Record;
use crate::io::import::{ImportError, ImportReport};
use crate::model::Chart;

mod cells;
mod read;
mod write;

pub use read::{Preview, PreviewRow, preview};
pub use write::COLUMNS;
pub(crate) use write::table_rows;

#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    #[error("cannot write the chart as CSV: {0}")]
    Encode(String),
    #[error("{}: cannot write the file: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The chart as a simple CSV table, managers before their reports; importing it gives the same units,
/// reporting lines and links.
pub fn to_csv_string(chart: &Chart) -> Result<String, CsvError> {
    write::to_csv_string(chart)
}

/// Writes the table atomically: a failed write leaves any previous file intact.
pub fn write_csv(chart: &Chart, path: &Path) -> Result<(), CsvError> {
    let text = to_csv_string(chart)?;
    crate::io::write_atomically(path, text.as_bytes()).map_err(|source| CsvError::Write {
        path: path.to_owned(),
        source,
    })
}

pub(crate) fn import_records(
    file: &str,
    records: Vec<Record>,
    mapping: &ColumnMapping,
) -> Result<ImportReport, ImportError> {
    read::import_records(file, records, mapping)
}

#[cfg(test)]
mod tests;
