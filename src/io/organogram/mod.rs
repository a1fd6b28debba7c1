//! UK government organograms: each public body publishes its structure as a senior staff file (one row per
//! post, with "Post Unique Reference" and "Reports to Senior Post") and a junior staff file (groups of posts
//! under a "Reporting Senior Post").
//!
//! Every non-blank row becomes one `UnitKind::Post` unit, so a chart imported from a pair has
//! `senior rows + junior rows` units. Headcount and cost are chosen so the chart's totals (see
//! `crate::metrics`) equal the sums of the files' columns:
//!
//! - headcount = sum of "FTE" (senior) + sum of "Number of Posts in FTE" (junior), a missing or withheld
//!   value counting 0;
//! - cost minimum = sum over senior rows of FTE x "Actual Pay Floor" + sum over junior rows of FTE x
//!   "Payscale Minimum"; cost maximum likewise with the ceiling and maximum. A withheld, missing or 0 pay
//!   contributes 0; when only one end of a range is given it stands for both.
//!
//! See `senior::import` and `junior::import` for how each column maps.

use std::collections::HashMap;

use crate::io::import::table::{Record, Table, has_columns, normalized_cells};
use crate::io::import::{
    Assembler, HEADER_SEARCH_ROWS, ImportError, ImportReport, Vocabulary, table_error,
};

mod figures;
pub mod junior;
pub mod senior;
pub mod synthetic;

/// What a file's header says it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Senior,
    Junior,
    Other,
}

fn has_any(normalized: &[String], names: &[&str]) -> bool {
    names.iter().any(|name| has_columns(normalized, &[name]))
}

fn is_senior_header(normalized: &[String]) -> bool {
    has_any(normalized, senior::REFERENCE) && has_any(normalized, senior::REPORTS_TO)
}

fn is_junior_header(normalized: &[String]) -> bool {
    !has_any(normalized, senior::REFERENCE) && has_columns(normalized, &["reporting senior post"])
}

/// Looks for an organogram header among the first rows.
pub(crate) fn classify(records: &[Record]) -> FileKind {
    for record in records.iter().take(HEADER_SEARCH_ROWS) {
        let normalized = normalized_cells(&record.cells);
        if is_senior_header(&normalized) {
            return FileKind::Senior;
        }
        if is_junior_header(&normalized) {
            return FileKind::Junior;
        }
    }
    FileKind::Other
}

/// The first non-blank row, as a list of names for "the columns found are: ..." in errors.
fn first_row_list(records: &[Record]) -> String {
    records
        .iter()
        .find(|record| !record.is_blank())
        .map(|record| {
            record
                .cells
                .iter()
                .map(|cell| cell.trim())
                .filter(|cell| !cell.is_empty())
                .map(|cell| format!("\"{cell}\""))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_else(|| "none".to_owned())
}

fn find_table(
    file: &str,
    records: Vec<Record>,
    is_header: fn(&[String]) -> bool,
    wanted: &str,
) -> Result<Table, ImportError> {
    let found = first_row_list(&records);
    Table::new(records, HEADER_SEARCH_ROWS, is_header).map_err(|err| {
        match table_error(file, err, wanted.to_owned()) {
            ImportError::Columns { file, problem, .. } => ImportError::Columns {
                file,
                problem,
                found,
            },
            other => other,
        }
    })
}

/// Imports a senior staff file and, optionally, its junior staff file.
pub(crate) fn import_records(
    senior: (&str, Vec<Record>),
    junior: Option<(&str, Vec<Record>)>,
) -> Result<ImportReport, ImportError> {
    let (senior_name, senior_records) = senior;
    let senior_table = find_table(
        senior_name,
        senior_records,
        is_senior_header,
        "the columns \"Post Unique Reference\" and \"Reports to Senior Post\"",
    )?;
    let junior_table = junior
        .map(|(name, records)| {
            find_table(
                name,
                records,
                is_junior_header,
                "the column \"Reporting Senior Post\"",
            )
            .map(|table| (name, table))
        })
        .transpose()?;

    let mut files = vec![senior_name.to_owned()];
    if let Some((name, _)) = &junior_table {
        files.push((*name).to_owned());
    }
    let mut assembler = Assembler::new(
        files,
        Vocabulary {
            id_noun: "post reference",
            match_names: false,
        },
    );
    senior::import(&senior_table, 0, &mut assembler);
    let mut rows_per_file = vec![(senior_name.to_owned(), senior_table.rows.len())];
    let mut columns = vec![(
        senior_name.to_owned(),
        columns_used(&senior_table, senior::COLUMNS_USED),
    )];
    if let Some((name, table)) = &junior_table {
        junior::import(table, 1, &mut assembler);
        rows_per_file.push(((*name).to_owned(), table.rows.len()));
        columns.push((
            (*name).to_owned(),
            columns_used(table, junior::COLUMNS_USED),
        ));
    }
    let rows_read = rows_per_file.iter().map(|(_, rows)| rows).sum();
    let (mut chart, warnings) = assembler.finish().map_err(|message| ImportError::Invalid {
        file: senior_name.to_owned(),
        message,
    })?;
    chart.set_title(title(&senior_table, senior_name));
    Ok(ImportReport {
        units_created: chart.len(),
        chart,
        rows_read,
        rows_per_file,
        warnings,
        columns,
    })
}

/// What an organogram file's columns became, as written in the file: "id <- Post Unique Reference; ...".
fn columns_used(table: &Table, used: &[(&str, &[&str])]) -> String {
    let parts: Vec<String> = used
        .iter()
        .filter_map(|(meaning, names)| {
            let headers: Vec<&str> = names
                .iter()
                .filter_map(|name| table.column(&[name]))
                .map(|at| table.header[at].trim())
                .collect();
            (!headers.is_empty()).then(|| format!("{meaning} <- {}", headers.join(" - ")))
        })
        .collect();
    format!("UK organogram: {}", parts.join("; "))
}

/// The organisation most rows name, or the file's name without extension.
fn title(table: &Table, file: &str) -> String {
    let organisation = table.column(&["organisation", "organization"]);
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for record in &table.rows {
        let name = record.get(organisation);
        if !name.is_empty() {
            *counts.entry(name).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(name, _)| name.to_owned())
        .unwrap_or_else(|| {
            std::path::Path::new(file).file_stem().map_or_else(
                || file.to_owned(),
                |stem| stem.to_string_lossy().into_owned(),
            )
        })
}

/// "Organisation", or "Parent Department" where the organisation is blank.
fn organisation_of(
    record: &Record,
    organisation: Option<usize>,
    parent_department: Option<usize>,
) -> String {
    match record.get(organisation) {
        "" => record.get(parent_department).to_owned(),
        name => name.to_owned(),
    }
}

#[cfg(test)]
mod tests;
