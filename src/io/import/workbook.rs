//! Workbooks (.xlsx, .xlsm, .xls, .ods) as rows of cells, read with calamine: each sheet becomes records
//! numbered as the spreadsheet numbers its rows, so the same column logic and row messages serve CSV files and
//! sheets alike. Numbers become their shortest text ("44300", "0.5"), dates ISO dates ("2021-04-01").

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};

use super::ImportError;
use super::table::Record;

/// One sheet of a workbook.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub records: Vec<Record>,
}

/// True for the bytes of a zip container (xlsx, xlsm, ods) or an OLE compound file (xls).
pub fn is_workbook(bytes: &[u8]) -> bool {
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.starts_with(ZIP) || bytes.starts_with(OLE)
}

/// Every sheet of the workbook in `bytes`, in the workbook's order.
pub fn read_sheets(file: &str, bytes: &[u8]) -> Result<Vec<Sheet>, ImportError> {
    let invalid = |message: String| ImportError::Invalid {
        file: file.to_owned(),
        message,
    };
    // calamine parses whatever the file holds; a malformed workbook must be an error, never a crash.
    let read = std::panic::catch_unwind(|| -> Result<Vec<Sheet>, String> {
        let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|err| {
            format!("not a workbook that can be read (.xlsx, .xlsm, .xls or .ods): {err}")
        })?;
        let mut sheets = Vec::new();
        for name in workbook.sheet_names() {
            let range = workbook
                .worksheet_range(&name)
                .map_err(|err| format!("cannot read the sheet \"{name}\": {err}"))?;
            let (first_row, first_column) = range.start().unwrap_or((0, 0));
            let records = range
                .rows()
                .enumerate()
                .map(|(i, row)| {
                    let mut cells = vec![String::new(); first_column as usize];
                    cells.extend(row.iter().map(cell_text));
                    Record {
                        row: first_row as usize + i + 1,
                        cells,
                    }
                })
                .collect();
            sheets.push(Sheet { name, records });
        }
        Ok(sheets)
    });
    match read {
        Ok(result) => result.map_err(invalid),
        Err(_) => Err(invalid(
            "the workbook is damaged and could not be read".to_owned(),
        )),
    }
}

/// A cell as the text a CSV export of the sheet would hold.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) => text.clone(),
        Data::Int(number) => number.to_string(),
        Data::Float(number) => number_text(*number),
        Data::Bool(yes) => if *yes { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(moment) if moment.is_datetime() => {
            let (year, month, day, hour, minute, _, _) = moment.to_ymd_hms_milli();
            if (hour, minute) == (0, 0) {
                format!("{year:04}-{month:02}-{day:02}")
            } else {
                format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}")
            }
        }
        Data::DateTime(duration) => number_text(duration.as_f64()),
        Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Error(error) => error.to_string(),
    }
}

/// "44300" rather than "44300.0"; fractions as Rust prints them, which read back exactly.
fn number_text(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{}", number as i64)
    } else {
        format!("{number}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_a_csv_export_would_write_them() {
        assert_eq!(number_text(44300.0), "44300");
        assert_eq!(number_text(0.5), "0.5");
        assert_eq!(number_text(-3.0), "-3");
        assert_eq!(cell_text(&Data::Bool(true)), "TRUE");
    }

    #[test]
    fn bytes_that_are_not_a_workbook_are_an_error_naming_the_file() {
        assert!(!is_workbook(b"id,name\n"));
        let err = read_sheets("x.xlsx", b"PK\x03\x04 not really").unwrap_err();
        assert!(err.to_string().starts_with("x.xlsx: "), "{err}");
    }
}
