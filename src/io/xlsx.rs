//! Exporting a chart as an Excel workbook: a "Units" sheet in the CSV table's columns (numbers as number
//! cells, the header frozen and filterable) and a "Links" sheet listing the links that are not line
//! management. `orgchart import` reads the Units sheet back to the same chart.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::io::csv_table::{COLUMNS, table_rows};
use crate::model::{Chart, LinkKind};

/// Columns written as number cells (so sums and filters work in the spreadsheet).
const NUMBER_COLUMNS: [&str; 5] = [
    "headcount_min",
    "headcount_max",
    "cost_min",
    "cost_max",
    "on_cost_rate",
];

/// The workbook's bytes.
pub fn to_xlsx_bytes(chart: &Chart) -> Result<Vec<u8>, String> {
    build(chart).map_err(|err| format!("cannot write the chart as a workbook: {err}"))
}

fn build(chart: &Chart) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let units = workbook.add_worksheet();
    units.set_name("Units")?;
    let rows = table_rows(chart);
    write_table(units, &COLUMNS, &rows, &bold)?;

    let links = workbook.add_worksheet();
    links.set_name("Links")?;
    let link_rows: Vec<Vec<String>> = chart
        .links()
        .into_iter()
        .map(|link| {
            vec![
                link.from.to_string(),
                link.to.to_string(),
                link_kind_word(link.kind).to_owned(),
                link.label,
            ]
        })
        .collect();
    write_table(links, &["from", "to", "kind", "label"], &link_rows, &bold)?;
    workbook.save_to_buffer()
}

fn link_kind_word(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Dotted => "dotted",
        LinkKind::Contract => "contract",
        LinkKind::SharedService => "shared service",
    }
}

/// A bold, frozen, filterable header and one row per record; number columns hold numbers.
fn write_table(
    sheet: &mut Worksheet,
    header: &[&str],
    rows: &[Vec<String>],
    bold: &Format,
) -> Result<(), XlsxError> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for (column, name) in (0u16..).zip(header) {
        sheet.write_string_with_format(0, column, *name, bold)?;
    }
    for (row, record) in (1u32..).zip(rows) {
        for ((column, name), text) in (0u16..).zip(header).zip(record) {
            if text.is_empty() {
                continue;
            }
            match text.parse::<f64>() {
                Ok(number) if NUMBER_COLUMNS.contains(name) && number.is_finite() => {
                    sheet.write_number(row, column, number)?;
                }
                _ => {
                    sheet.write_string(row, column, text)?;
                }
            }
            if let Some(width) = widths.get_mut(usize::from(column)) {
                let longest_line = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
                *width = (*width).max(longest_line);
            }
        }
    }
    for (column, width) in (0u16..).zip(widths) {
        // Excel widths are in characters; cap long notes so the sheet stays readable.
        sheet.set_column_width(column, (width + 2).min(50) as f64)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_row = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    let last_column = u16::try_from(header.len().saturating_sub(1)).unwrap_or(u16::MAX);
    sheet.autofilter(0, 0, last_row, last_column)?;
    Ok(())
}
