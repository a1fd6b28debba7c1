//! Workbooks: .xlsx written here with rust_xlsxwriter and .ods written here as the zip of XML it is, read
//! through the same column logic as CSV files; sheet choice; a workbook holding both organogram sheets; and
//! the Excel export read back to an equal chart.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use orgchart::io::import::{ImportOptions, ImportReport, import_files_with};
use orgchart::model::{Chart, UnitId};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn import(path: &Path, sheet: Option<&str>) -> Result<ImportReport, String> {
    let options = ImportOptions {
        sheet: sheet.map(str::to_owned),
        ..ImportOptions::default()
    };
    import_files_with(path, None, &options).map_err(|err| err.to_string())
}

fn parent(chart: &Chart, id: &str) -> Option<String> {
    chart
        .parent(&UnitId::new(id))
        .map(|p| p.as_str().to_owned())
}

/// A staff list with a title and a blank row above the header, numbers as number cells, a date cell, and a
/// second sheet.
fn write_staff_workbook(path: &Path) {
    let mut workbook = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let sheet = workbook.add_worksheet();
    sheet.set_name("Staff").unwrap();
    sheet.write_string(0, 0, "Staff list, April 2024").unwrap();
    let header = [
        "Employee ID",
        "First Name",
        "Last Name",
        "Job Title",
        "Department",
        "Annual Salary",
        "Manager ID",
        "Start Date",
    ];
    for (column, name) in (0u16..).zip(header) {
        sheet.write_string(2, column, name).unwrap();
    }
    /// Employee id, first and last name, title, department, salary, manager id.
    type StaffRow<'a> = (f64, &'a str, &'a str, &'a str, &'a str, f64, Option<f64>);
    let rows: [StaffRow; 3] = [
        (7.0, "Gwen", "Hart", "Director", "Housing", 98_000.0, None),
        (
            8.0,
            "Ian",
            "Jolly",
            "Manager",
            "Housing",
            52_500.5,
            Some(7.0),
        ),
        (9.0, "Kim", "Lo", "Officer", "Repairs", 31_000.0, Some(8.0)),
    ];
    for (row, (id, first, last, title, department, salary, manager)) in (3u32..).zip(rows) {
        sheet.write_number(row, 0, id).unwrap();
        sheet.write_string(row, 1, first).unwrap();
        sheet.write_string(row, 2, last).unwrap();
        sheet.write_string(row, 3, title).unwrap();
        sheet.write_string(row, 4, department).unwrap();
        sheet.write_number(row, 5, salary).unwrap();
        if let Some(manager) = manager {
            sheet.write_number(row, 6, manager).unwrap();
        }
        let start = ExcelDateTime::from_ymd(2020, 1, 15).unwrap();
        sheet
            .write_datetime_with_format(row, 7, &start, &date)
            .unwrap();
    }
    let other = workbook.add_worksheet();
    other.set_name("Contractors").unwrap();
    other.write_string(0, 0, "Name").unwrap();
    other.write_string(0, 1, "Reports To").unwrap();
    other.write_string(1, 0, "Lee Moss").unwrap();
    other.write_string(2, 0, "Max Nye").unwrap();
    other.write_string(2, 1, "Lee Moss").unwrap();
    workbook.save(path).unwrap();
}

#[test]
fn an_xlsx_staff_list_reads_like_a_csv_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("staff.xlsx");
    write_staff_workbook(&path);
    let report = import(&path, None).unwrap();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    assert_eq!(
        report.rows_per_file,
        vec![("staff.xlsx [Staff]".to_owned(), 3)]
    );
    let chart = &report.chart;
    assert_eq!(parent(chart, "9").as_deref(), Some("8"));
    let ian = chart.unit(&UnitId::new("8")).unwrap();
    assert_eq!(ian.name, "Ian Jolly");
    assert_eq!(ian.department, "Housing");
    assert_eq!(ian.cost.map(|c| c.amount.max), Some(52_500.5));
    assert!(
        ian.notes.contains("Start date: 2020-01-15"),
        "{}",
        ian.notes
    );
    assert!(
        report.columns[0]
            .1
            .contains("name <- First Name + Last Name"),
        "{:?}",
        report.columns
    );
}

#[test]
fn another_sheet_by_name_and_a_missing_sheet_lists_the_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("staff.xlsx");
    write_staff_workbook(&path);
    let report = import(&path, Some("contractors")).unwrap();
    assert_eq!(
        parent(&report.chart, "Max Nye").as_deref(),
        Some("Lee Moss")
    );
    let err = import(&path, Some("Agency")).unwrap_err();
    assert!(
        err.contains("staff.xlsx") && err.contains("\"Agency\"") && err.contains("\"Contractors\""),
        "{err}"
    );
    let csv = dir.path().join("plain.csv");
    std::fs::write(&csv, "id,name\na,A\n").unwrap();
    let err = import(&csv, Some("Staff")).unwrap_err();
    assert!(err.contains("no sheets"), "{err}");
}

/// The government's organogram template keeps senior and junior staff on two sheets beside a cover sheet.
#[test]
fn a_workbook_with_both_organogram_sheets_imports_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("organogram.xlsx");
    let mut workbook = Workbook::new();
    let cover = workbook.add_worksheet();
    cover.set_name("Cover").unwrap();
    cover
        .write_string(0, 0, "Organogram of Things Agency")
        .unwrap();
    /// A sheet's name, header and rows.
    type SheetText<'a> = (&'a str, &'a [&'a str], &'a [&'a [&'a str]]);
    let sheets: [SheetText; 2] = [
        (
            "(final data) senior",
            &[
                "Post Unique Reference",
                "Name",
                "Grade (or equivalent)",
                "Job Title",
                "Organisation",
                "Unit",
                "Reports to Senior Post",
                "FTE",
                "Actual Pay Floor (£)",
                "Actual Pay Ceiling (£)",
            ],
            &[
                &[
                    "1",
                    "Jo Root",
                    "SCS2",
                    "Chief Executive",
                    "Things Agency",
                    "Office",
                    "XX",
                    "1",
                    "120000",
                    "124999",
                ],
                &[
                    "2",
                    "Al Bee",
                    "SCS1",
                    "Director",
                    "Things Agency",
                    "Delivery",
                    "1",
                    "1",
                    "70000",
                    "74999",
                ],
            ],
        ),
        (
            "(final data) junior",
            &[
                "Parent Department",
                "Organisation",
                "Unit",
                "Reporting Senior Post",
                "Grade",
                "Payscale Minimum (£)",
                "Payscale Maximum (£)",
                "Generic Job Title",
                "Number of Posts in FTE",
            ],
            &[&[
                "Dept",
                "Things Agency",
                "Delivery",
                "2",
                "EO",
                "25000",
                "29000",
                "Caseworker",
                "4",
            ]],
        ),
    ];
    for (name, header, rows) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name).unwrap();
        for (column, text) in (0u16..).zip(header.iter()) {
            sheet.write_string(0, column, *text).unwrap();
        }
        for (row, cells) in (1u32..).zip(rows.iter()) {
            for (column, text) in (0u16..).zip(cells.iter()) {
                match text.parse::<f64>() {
                    Ok(number) => sheet.write_number(row, column, number).unwrap(),
                    Err(_) => sheet.write_string(row, column, *text).unwrap(),
                };
            }
        }
    }
    workbook.save(&path).unwrap();

    let report = import(&path, None).unwrap();
    assert_eq!(
        report.rows_per_file,
        vec![
            ("organogram.xlsx [(final data) senior]".to_owned(), 2),
            ("organogram.xlsx [(final data) junior]".to_owned(), 1),
        ]
    );
    assert_eq!(report.units_created, 3);
    assert_eq!(
        parent(&report.chart, "2:Caseworker:EO").as_deref(),
        Some("2")
    );
    let director = report.chart.unit(&UnitId::new("2")).unwrap();
    assert_eq!(director.department, "Delivery");
    let totals = orgchart::metrics::chart_totals(&report.chart);
    assert_eq!(totals.headcount.max, 6.0);
}

/// A minimal OpenDocument spreadsheet: the mimetype first and stored, a manifest, and content.xml.
fn write_ods(path: &Path, rows: &[&[(&str, &str)]]) {
    let mut content = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="People">"#,
    );
    for row in rows {
        content.push_str("<table:table-row>");
        for (kind, value) in *row {
            match *kind {
                "float" => content.push_str(&format!(
                    r#"<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>"#
                )),
                "empty" => content.push_str("<table:table-cell/>"),
                _ => content.push_str(&format!(
                    r#"<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>"#
                )),
            }
        }
        content.push_str("</table:table-row>");
    }
    content.push_str("</table:table></office:spreadsheet></office:body></office:document-content>");
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default();
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
}

#[test]
fn an_ods_sheet_with_manager_emails() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("people.ods");
    write_ods(
        &path,
        &[
            &[
                ("s", "Email"),
                ("s", "Display Name"),
                ("s", "Team"),
                ("s", "FTE"),
                ("s", "Manager Email"),
            ],
            &[
                ("s", "a@x.org"),
                ("s", "Ann Ash"),
                ("s", "Board"),
                ("float", "1"),
                ("empty", ""),
            ],
            &[
                ("s", "b@x.org"),
                ("s", "Bob Birch"),
                ("s", "Ops"),
                ("float", "0.6"),
                ("s", "A@X.org"),
            ],
        ],
    );
    let report = import(&path, None).unwrap();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    assert_eq!(
        report.rows_per_file,
        vec![("people.ods [People]".to_owned(), 2)]
    );
    assert_eq!(parent(&report.chart, "b@x.org").as_deref(), Some("a@x.org"));
    let bob = report.chart.unit(&UnitId::new("b@x.org")).unwrap();
    assert_eq!(bob.name, "Bob Birch");
    assert_eq!(bob.department, "Ops");
    assert_eq!(bob.headcount.map(|h| h.value.max), Some(0.6));
}

#[test]
fn a_damaged_workbook_is_an_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.xlsx");
    write_staff_workbook(&path);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&path, bytes).unwrap();
    let err = import(&path, None).unwrap_err();
    assert!(err.starts_with("broken.xlsx: "), "{err}");
}

fn samples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_sample_survives_an_excel_export_and_import() {
    let dir = tempfile::tempdir().unwrap();
    for sample in samples() {
        let mut before = orgchart::io::load(&sample).unwrap();
        // Department and staff posts go through the workbook too.
        let first = before.roots()[0].clone();
        let mut unit = before.unit(&first).unwrap().clone();
        unit.department = "Head office".to_owned();
        unit.staff = true;
        before.replace_unit(unit).unwrap();
        let bytes = orgchart::io::xlsx::to_xlsx_bytes(&before).unwrap();
        let path = dir.path().join("chart.xlsx");
        std::fs::write(&path, bytes).unwrap();
        let report = import(&path, None).unwrap();
        assert!(
            report.warnings.is_empty(),
            "{}: {:#?}",
            sample.display(),
            report.warnings
        );
        let mut after = report.chart;
        after.set_title(before.title());
        assert_eq!(before, after, "{}", sample.display());
    }
}
