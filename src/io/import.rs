//! Importing a chart from spreadsheets: a simple table (one row per unit, columns found by name and common
//! synonyms) or a UK government organogram (a senior staff file and, optionally, a junior staff file).
//!
//! Every non-blank data row becomes exactly one unit and nothing is dropped silently: a row whose manager
//! cannot be used becomes a top-level unit and is reported as an [`ImportWarning`] with its row number, as a
//! spreadsheet shows it (the header is row 1).
//!
//! Before parsing, bytes are decoded as UTF-8 (with or without a byte-order mark), UTF-16 (with a
//! byte-order mark), or Windows-1252 for bytes that are not UTF-8; the delimiter (comma, semicolon or tab)
//! is taken from the header line. Workbooks (.xlsx, .xlsm, .xls, .ods) are recognised by their bytes and
//! read sheet by sheet (see [`workbook`]); from then on a sheet is a table like any CSV file.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::model::Chart;

mod assemble;
pub mod columns;
pub(crate) mod decode;
pub(crate) mod table;
pub(crate) mod values;
pub mod workbook;

pub(crate) use assemble::{Assembler, ManagerKey, Pending, Vocabulary};

pub use columns::{ColumnMapping, Field};
use table::{Record, TableError};
use workbook::Sheet;

/// How many rows from the top are searched for a header row (some submissions put a title above it).
pub(crate) const HEADER_SEARCH_ROWS: usize = 20;

/// Which kind of file the primary input is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ImportFormat {
    /// An organogram when the file has the senior-staff columns ("Post Unique Reference", "Reports to Senior
    /// Post"), otherwise a simple table.
    #[default]
    Auto,
    Simple,
    Organogram,
}

impl ImportFormat {
    pub const NAMES: [&'static str; 3] = ["auto", "simple", "organogram"];
}

impl FromStr for ImportFormat {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(Self::Auto),
            "simple" | "csv" => Ok(Self::Simple),
            "organogram" => Ok(Self::Organogram),
            other => Err(format!(
                "unknown import format '{other}'; use one of: {}",
                Self::NAMES.join(", ")
            )),
        }
    }
}

impl fmt::Display for ImportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Auto => "auto",
            Self::Simple => "simple",
            Self::Organogram => "organogram",
        })
    }
}

/// Something in a row that was imported, but not as written: a repeated id, a manager that is missing, a
/// cycle, a value that is not a number. The row is always kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportWarning {
    /// The file's name (without its folder).
    pub file: String,
    /// 1-based row number as a spreadsheet shows it: the header is row 1 and a line break inside a quoted
    /// cell does not start a new row.
    pub row: usize,
    pub message: String,
}

impl fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} row {}: {}", self.file, self.row, self.message)
    }
}

#[derive(Clone, Debug)]
pub struct ImportReport {
    pub chart: Chart,
    /// Non-blank data rows read, over all files.
    pub rows_read: usize,
    /// Each file read (by name, the main file first) with its non-blank data rows.
    pub rows_per_file: Vec<(String, usize)>,
    /// Always equal to `rows_read`: each row becomes one unit.
    pub units_created: usize,
    /// Ordered by file (senior first) and row.
    pub warnings: Vec<ImportWarning>,
    /// For each file (or sheet) read, which columns were used for what ("name <- First Name + Last Name;
    /// manager <- Manager ID; ...").
    pub columns: Vec<(String, String)>,
}

/// Why nothing could be imported. Problems inside single rows are warnings, not errors.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}: cannot read the file: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{file}: the file is empty; expected a header row, then one row per unit")]
    Empty { file: String },
    #[error(
        "{file} row {row}: a quoted cell starts on this row but its closing quote never comes, so the rest of the file would become one cell; check the quotes on this row"
    )]
    UnclosedQuote { file: String, row: usize },
    #[error("{file}: {problem}; the columns found are: {found}")]
    Columns {
        file: String,
        problem: String,
        found: String,
    },
    #[error(
        "{file} looks like an organogram junior staff file (it has \"Reporting Senior Post\" and no \"Post Unique Reference\"); import the senior staff file and give this one as the junior file"
    )]
    JuniorAsPrimary { file: String },
    #[error(
        "{file} was given as the junior staff file but looks like a senior staff file (it has \"Post Unique Reference\"); give it as the main file instead"
    )]
    SeniorAsJunior { file: String },
    #[error(
        "a junior staff file ({junior}) only goes with a UK organogram senior staff file, but {primary} is read as a simple table (it has no \"Post Unique Reference\" and \"Reports to Senior Post\" columns)"
    )]
    JuniorWithSimple { primary: String, junior: String },
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
}

/// How to read the files: which format, which sheet of a workbook, and the user's column choices.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    pub format: ImportFormat,
    /// The sheet to read from a workbook (by name, any case); by default the organogram sheets if the
    /// workbook has them, else the first sheet with anything in it.
    pub sheet: Option<String>,
    pub mapping: ColumnMapping,
}

impl ImportOptions {
    pub fn with_format(format: ImportFormat) -> Self {
        Self {
            format,
            ..Self::default()
        }
    }
}

/// A file's name for messages and its bytes.
#[derive(Clone, Copy, Debug)]
pub struct InputFile<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// Imports a simple table or an organogram pair from disk. Warnings name files without their folders.
pub fn import_files(
    primary: &Path,
    junior: Option<&Path>,
    format: ImportFormat,
) -> Result<ImportReport, ImportError> {
    import_files_with(primary, junior, &ImportOptions::with_format(format))
}

/// Imports from disk with a sheet choice and column mapping.
pub fn import_files_with(
    primary: &Path,
    junior: Option<&Path>,
    options: &ImportOptions,
) -> Result<ImportReport, ImportError> {
    let read = |path: &Path| {
        crate::io::read_input(path).map_err(|source| ImportError::Read {
            path: path.to_owned(),
            source,
        })
    };
    let primary_bytes = read(primary)?;
    let junior_bytes = junior.map(read).transpose()?;
    let primary_name = display_name(primary);
    let junior_name = junior.map(display_name);
    let junior_input = match (&junior_name, &junior_bytes) {
        (Some(name), Some(bytes)) => Some(InputFile { name, bytes }),
        _ => None,
    };
    import_inputs_with(
        InputFile {
            name: &primary_name,
            bytes: &primary_bytes,
        },
        junior_input,
        options,
    )
}

pub(crate) fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// Imports from bytes already in memory (used by `import_files`, tests and the app).
pub fn import_inputs(
    primary: InputFile<'_>,
    junior: Option<InputFile<'_>>,
    format: ImportFormat,
) -> Result<ImportReport, ImportError> {
    import_inputs_with(primary, junior, &ImportOptions::with_format(format))
}

/// A table to import: a CSV file, or one sheet of a workbook ("book.xlsx [Staff]").
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub name: String,
    pub records: Vec<Record>,
}

/// Reads a file as a table and, for a workbook holding both organogram sheets, also its junior sheet.
pub fn read_source(
    input: InputFile<'_>,
    sheet: Option<&str>,
) -> Result<(Source, Option<Source>), ImportError> {
    if !workbook::is_workbook(input.bytes) {
        if let Some(sheet) = sheet {
            return Err(ImportError::Invalid {
                file: input.name.to_owned(),
                message: format!(
                    "this is a text table, which has no sheets; the sheet \"{sheet}\" can only be chosen in a workbook (.xlsx, .xlsm, .xls, .ods)"
                ),
            });
        }
        let records = read_records(input)?;
        let source = Source {
            name: input.name.to_owned(),
            records,
        };
        return Ok((source, None));
    }
    let sheets = workbook::read_sheets(input.name, input.bytes)?;
    let (primary, junior) = choose_sheets(input.name, &sheets, sheet)?;
    let source = |sheet: &Sheet| Source {
        name: format!("{} [{}]", input.name, sheet.name),
        records: sheet.records.clone(),
    };
    Ok((source(&sheets[primary]), junior.map(|j| source(&sheets[j]))))
}

/// Which sheet to read (and which junior sheet goes with an organogram's senior sheet).
fn choose_sheets(
    file: &str,
    sheets: &[Sheet],
    wanted: Option<&str>,
) -> Result<(usize, Option<usize>), ImportError> {
    use crate::io::organogram::{FileKind, classify};
    let kinds: Vec<FileKind> = sheets.iter().map(|s| classify(&s.records)).collect();
    // The government's template also has reference sheets with the same headers; prefer "(final data)".
    let best = |kind: FileKind| {
        let of_kind: Vec<usize> = (0..sheets.len()).filter(|&i| kinds[i] == kind).collect();
        of_kind
            .iter()
            .copied()
            .find(|&i| sheets[i].name.to_lowercase().contains("final"))
            .or_else(|| of_kind.first().copied())
    };
    let primary = match wanted {
        Some(name) => sheets
            .iter()
            .position(|s| s.name == name)
            .or_else(|| {
                sheets
                    .iter()
                    .position(|s| s.name.trim().eq_ignore_ascii_case(name.trim()))
            })
            .ok_or_else(|| ImportError::Invalid {
                file: file.to_owned(),
                message: format!(
                    "there is no sheet \"{name}\"; the sheets are: {}",
                    sheet_list(sheets)
                ),
            })?,
        None => match best(FileKind::Senior) {
            Some(senior) => senior,
            None => sheets
                .iter()
                .position(|s| !s.records.iter().all(Record::is_blank))
                .ok_or_else(|| ImportError::Empty {
                    file: file.to_owned(),
                })?,
        },
    };
    let junior = (kinds[primary] == FileKind::Senior)
        .then(|| best(FileKind::Junior))
        .flatten();
    Ok((primary, junior))
}

fn sheet_list(sheets: &[Sheet]) -> String {
    let names: Vec<String> = sheets.iter().map(|s| format!("\"{}\"", s.name)).collect();
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    }
}

/// Imports from bytes already in memory with a sheet choice and column mapping.
pub fn import_inputs_with(
    primary: InputFile<'_>,
    junior: Option<InputFile<'_>>,
    options: &ImportOptions,
) -> Result<ImportReport, ImportError> {
    let (primary, sheet_junior) = read_source(primary, options.sheet.as_deref())?;
    let junior = match junior {
        Some(input) => {
            let (first, second) = read_source(input, None)?;
            Some(second.unwrap_or(first))
        }
        None => sheet_junior,
    };
    let Source {
        name: primary_name,
        records: primary_records,
    } = primary;
    let kind = crate::io::organogram::classify(&primary_records);
    let format = match (options.format, kind) {
        (_, crate::io::organogram::FileKind::Junior) => {
            return Err(ImportError::JuniorAsPrimary { file: primary_name });
        }
        (ImportFormat::Auto, crate::io::organogram::FileKind::Senior) => ImportFormat::Organogram,
        (ImportFormat::Auto, _) => ImportFormat::Simple,
        (explicit, _) => explicit,
    };
    match format {
        ImportFormat::Organogram => {
            if let Some(junior) = &junior
                && crate::io::organogram::classify(&junior.records)
                    == crate::io::organogram::FileKind::Senior
            {
                return Err(ImportError::SeniorAsJunior {
                    file: junior.name.clone(),
                });
            }
            let (junior_name, junior_records) = match junior {
                Some(source) => (Some(source.name), Some(source.records)),
                None => (None, None),
            };
            crate::io::organogram::import_records(
                (&primary_name, primary_records),
                junior_name.as_deref().zip(junior_records),
            )
        }
        _ => {
            if let Some(junior) = junior {
                return Err(ImportError::JuniorWithSimple {
                    primary: primary_name,
                    junior: junior.name,
                });
            }
            crate::io::csv_table::import_records(&primary_name, primary_records, &options.mapping)
        }
    }
}

/// Decodes and splits a file into records, mapping parse problems to errors that name the file and row.
pub(crate) fn read_records(input: InputFile<'_>) -> Result<Vec<Record>, ImportError> {
    let (text, _encoding) = decode::decode(input.bytes);
    let delimiter = table::sniff_delimiter(&text);
    let records = table::parse_records(&text, delimiter)
        .map_err(|err| table_error(input.name, err, String::new()))?;
    if records.iter().all(Record::is_blank) {
        return Err(ImportError::Empty {
            file: input.name.to_owned(),
        });
    }
    check_size(input.name, &records)?;
    Ok(records)
}

/// A table with more rows than a chart may have units, or a cell longer than a card can show,
/// is not a structure chart (a log file, a dump): refused before any unit is built.
fn check_size(file: &str, records: &[Record]) -> Result<(), ImportError> {
    use crate::io::checks::{MAX_CARD_TEXT, MAX_UNITS};
    let rows = records.len().saturating_sub(1);
    if rows > MAX_UNITS {
        return Err(ImportError::Invalid {
            file: file.to_owned(),
            message: format!(
                "{rows} rows, more than the {MAX_UNITS} units a chart may have; split the table"
            ),
        });
    }
    for record in records {
        if let Some(long) = record
            .cells
            .iter()
            .map(|cell| cell.chars().count())
            .find(|&chars| chars > MAX_CARD_TEXT)
        {
            return Err(ImportError::Invalid {
                file: file.to_owned(),
                message: format!(
                    "row {}: a cell is {long} characters long, more than the {MAX_CARD_TEXT} a card can show; shorten it or check this is the right file",
                    record.row
                ),
            });
        }
    }
    Ok(())
}

/// An error from reading a table, for `file`; `wanted` says which header was looked for.
pub(crate) fn table_error(file: &str, err: TableError, wanted: String) -> ImportError {
    match err {
        TableError::Empty => ImportError::Empty {
            file: file.to_owned(),
        },
        TableError::UnclosedQuote { row } => ImportError::UnclosedQuote {
            file: file.to_owned(),
            row,
        },
        TableError::HeaderNotFound { searched } => ImportError::Columns {
            file: file.to_owned(),
            problem: format!("no header row with {wanted} in the first {searched} rows"),
            found: String::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_parse_and_print() {
        for name in ImportFormat::NAMES {
            let format: ImportFormat = name.parse().unwrap();
            assert_eq!(format.to_string(), name);
        }
        assert!("xlsx".parse::<ImportFormat>().is_err());
    }

    #[test]
    fn warning_reads_file_row_message() {
        let warning = ImportWarning {
            file: "senior.csv".into(),
            row: 17,
            message: "reports to 'Q'".into(),
        };
        assert_eq!(warning.to_string(), "senior.csv row 17: reports to 'Q'");
    }
}

/// Lookups the importers' tests share.
#[cfg(test)]
pub(crate) mod test_support {
    use super::ImportReport;
    use crate::model::{Unit, UnitId};

    pub fn unit<'a>(report: &'a ImportReport, id: &str) -> &'a Unit {
        report
            .chart
            .unit(&UnitId::new(id))
            .unwrap_or_else(|| panic!("no unit '{id}'"))
    }

    pub fn parent(report: &ImportReport, id: &str) -> Option<String> {
        report
            .chart
            .parent(&UnitId::new(id))
            .map(|p| p.as_str().to_owned())
    }
}
