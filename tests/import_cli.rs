//! `orgchart import` through the real binary: the real organogram files, a simple table and its export,
//! bad input, and a large synthetic organogram exported to PNG and PDF.
//!
//! Expected figures are computed here from the files with the `csv` crate and a small number parser of
//! our own, independently of the importer.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// Real published organograms, vendored under tests/data (see the README there) so the tests run on a
/// clean clone; ORGCHART_ORGANOGRAMS points elsewhere.
fn data_dir() -> PathBuf {
    std::env::var_os("ORGCHART_ORGANOGRAMS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/organograms"),
        PathBuf::from,
    )
}

/// Senior and junior file of each published pair, relative to the data directory.
const PAIRS: [&str; 6] = [
    "cabinet_office-2011-03-31",
    "cabinet_office-2011-09-30",
    "human_tissue_authority-2011-03-31",
    "human_tissue_authority-2011-09-30",
    "raw/300913-Land-Registry-Organogram",
    "raw/300913-UK-Atomic-Energy-Authority-Organogram",
];

fn orgchart(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orgchart"))
        .args(args)
        .output()
        .expect("the orgchart binary runs")
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn succeed(args: &[&str]) -> String {
    let output = orgchart(args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "orgchart {args:?}\nstderr: {}",
        stderr(&output)
    );
    stdout(&output)
}

fn check_json(path: &Path) -> Value {
    let out = succeed(&["check", "--json", arg(path)]);
    serde_json::from_str(&out).unwrap_or_else(|err| panic!("{err}: {out}"))
}

fn number(value: &Value, key: &str) -> f64 {
    value[key]
        .as_f64()
        .unwrap_or_else(|| panic!("no number '{key}' in {value}"))
}

fn assert_close(actual: f64, expected: f64, what: &str) {
    let tolerance = 1e-9 * expected.abs().max(1.0);
    assert!(
        (actual - expected).abs() <= tolerance,
        "{what}: got {actual}, expected {expected}"
    );
}

fn data_file(pair: &str, kind: &str) -> PathBuf {
    data_dir().join(format!("{pair}-{kind}.csv"))
}

/// A file's data rows as read by the `csv` crate: header names (trimmed, byte-order mark removed) and the
/// non-blank rows. Cells are decoded leniently; only ASCII numbers and references are compared.
struct Sheet {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Sheet {
    fn read(path: &Path) -> Sheet {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_path(path)
            .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        let header = reader
            .byte_headers()
            .unwrap()
            .iter()
            .map(|cell| {
                String::from_utf8_lossy(cell)
                    .trim_start_matches('\u{FEFF}')
                    .trim()
                    .to_owned()
            })
            .collect();
        let rows = reader
            .byte_records()
            .map(|record| {
                record
                    .unwrap()
                    .iter()
                    .map(|cell| String::from_utf8_lossy(cell).trim().to_owned())
                    .collect::<Vec<_>>()
            })
            .filter(|row| row.iter().any(|cell| !cell.is_empty()))
            .collect();
        Sheet { header, rows }
    }

    /// The column whose header starts with `name` ("Actual Pay Floor" matches "Actual Pay Floor (£)"
    /// whatever the pound sign's encoding).
    fn column(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h.starts_with(name))
            .unwrap_or_else(|| panic!("no column '{name}' in {:?}", self.header))
    }

    fn cells(&self, name: &str) -> Vec<&str> {
        let at = self.column(name);
        self.rows
            .iter()
            .map(|row| row.get(at).map_or("", String::as_str))
            .collect()
    }
}

/// "£44,300", "0.0", "1" -> a number; blank, "N/D", "N/A", "Not Disclosed" and other words -> none.
fn money(text: &str) -> Option<f64> {
    let cleaned: String = text
        .chars()
        .filter(|c| !matches!(c, '£' | ',' | ' ' | 'Â' | '\u{FFFD}'))
        .collect();
    cleaned.parse().ok().filter(|v: &f64| v.is_finite())
}

/// What the files say the chart's totals are.
///
/// - headcount: the sum of the FTE column ("FTE" in the senior file, "Number of Posts in FTE" in the
///   junior), a blank or withheld FTE counting 0;
/// - cost: the sum over rows of FTE x pay floor (minimum) and FTE x pay ceiling (maximum). A blank or
///   withheld end of the pay range ("N/D") takes the other end's value when that is given (a single figure
///   is the pay), and contributes 0 when both are missing: the post is counted, its pay is unknown.
#[derive(Debug, Default)]
struct Expected {
    rows: usize,
    headcount: f64,
    cost_min: f64,
    cost_max: f64,
}

impl Expected {
    fn add(&mut self, sheet: &Sheet, fte: &str, low: &str, high: &str) {
        let ftes = sheet.cells(fte);
        let lows = sheet.cells(low);
        let highs = sheet.cells(high);
        self.rows += sheet.rows.len();
        for ((fte, low), high) in ftes.into_iter().zip(lows).zip(highs) {
            let fte = money(fte).unwrap_or(0.0);
            self.headcount += fte;
            let (low, high) = match (money(low), money(high)) {
                (Some(a), Some(b)) => (a.min(b), a.max(b)),
                (Some(one), None) | (None, Some(one)) => (one, one),
                (None, None) => (0.0, 0.0),
            };
            self.cost_min += fte * low;
            self.cost_max += fte * high;
        }
    }

    fn of_pair(pair: &str) -> Expected {
        let mut expected = Expected::default();
        expected.add(
            &Sheet::read(&data_file(pair, "senior")),
            "FTE",
            "Actual Pay Floor",
            "Actual Pay Ceiling",
        );
        expected.add(
            &Sheet::read(&data_file(pair, "junior")),
            "Number of Posts in FTE",
            "Payscale Minimum",
            "Payscale Maximum",
        );
        expected
    }
}

fn import_pair(pair: &str, output: &Path) -> String {
    succeed(&[
        "import",
        arg(&data_file(pair, "senior")),
        "--junior",
        arg(&data_file(pair, "junior")),
        "-o",
        arg(output),
    ])
}

#[test]
fn real_organograms_keep_every_row_and_their_totals() {
    let dir = tempfile::tempdir().unwrap();
    for pair in PAIRS {
        let output = dir.path().join("chart.ron");
        let printed = import_pair(pair, &output);
        let expected = Expected::of_pair(pair);
        assert!(
            expected.rows > 10 && expected.headcount > 0.0,
            "{pair}: {expected:?}"
        );
        assert!(
            printed.contains(&format!(
                "{} rows read, {} units written",
                expected.rows, expected.rows
            )),
            "{pair}: {printed}"
        );
        for file in ["senior", "junior"] {
            let path = data_file(pair, file);
            let rows = Sheet::read(&path).rows.len();
            let name = path.file_name().unwrap().to_string_lossy();
            assert!(
                printed.contains(&format!("{name}: {rows} rows;")),
                "{pair}: the {file} file's {rows} rows are not counted apart in {printed}"
            );
        }
        let figures = check_json(&output);
        assert_eq!(
            figures["units"].as_u64(),
            Some(expected.rows as u64),
            "{pair}"
        );
        for (key, want) in [
            ("headcount_min", expected.headcount),
            ("headcount_max", expected.headcount),
            ("cost_min", expected.cost_min),
            ("cost_max", expected.cost_max),
        ] {
            assert_close(number(&figures, key), want, &format!("{pair} {key}"));
        }
        assert_eq!(figures["headcount_includes_fte"], true, "{pair}");
    }
}

#[test]
fn the_printout_lists_every_warning_with_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let pair = "cabinet_office-2011-09-30";
    let printed = import_pair(pair, &dir.path().join("chart.ron"));
    let lines: Vec<&str> = printed.lines().collect();
    let count_line = lines
        .iter()
        .position(|line| line.ends_with(" warnings:") || line.ends_with(" warning:"))
        .unwrap_or_else(|| panic!("no warnings heading in {printed}"));
    let count: usize = lines[count_line]
        .split_once(' ')
        .and_then(|(count, _)| count.parse().ok())
        .unwrap_or_else(|| panic!("no count in '{}'", lines[count_line]));
    let listed = &lines[count_line + 1..];
    assert_eq!(listed.len(), count, "{printed}");
    for line in listed {
        let (place, _) = line
            .trim()
            .split_once(": ")
            .unwrap_or_else(|| panic!("'{line}'"));
        let (file, row) = place
            .rsplit_once(" row ")
            .unwrap_or_else(|| panic!("'{line}'"));
        assert!(file.starts_with(pair), "{line}");
        assert!(row.parse::<usize>().is_ok_and(|r| r >= 2), "{line}");
    }

    // Every repeated post reference is listed at the row that repeats it. The files have no blank rows,
    // so a record's spreadsheet row is its index + 2 (the header is row 1).
    let senior = Sheet::read(&data_file(pair, "senior"));
    let references = senior.cells("Post Unique Reference");
    let mut repeats = 0;
    for (i, reference) in references.iter().enumerate() {
        if references[..i].contains(reference) {
            repeats += 1;
            let wanted = format!(
                "{pair}-senior.csv row {}: post reference '{reference}'",
                i + 2
            );
            assert!(
                listed.iter().any(|line| line.trim().starts_with(&wanted)),
                "missing '{wanted}' in {printed}"
            );
        }
    }
    assert!(repeats > 0, "the file repeats a post reference");

    // Every senior post whose manager is not in the file is listed with its row.
    let managers = senior.cells("Reports to Senior Post");
    for (i, manager) in managers.iter().enumerate() {
        let top = manager.is_empty() || manager.eq_ignore_ascii_case("xx");
        if !top && !references.iter().any(|r| r.eq_ignore_ascii_case(manager)) {
            let wanted = format!("{pair}-senior.csv row {}: reports to '{manager}'", i + 2);
            assert!(
                listed.iter().any(|line| line.trim().starts_with(&wanted)),
                "missing '{wanted}' in {printed}"
            );
        }
    }
}

const SYNONYMS_CSV: &str = "\u{FEFF}Employee ID,Full Name,Job Title,Manager,Headcount,Salary,Status,Organization,Band,Comments\r\n\
1,Chief Executive's Office,Chief Executive,,2,\"£150,000\",,Acme Council,CE,\r\n\
2,Finance,Director of Finance,1,12,\"£45,000\",In house,Acme Council,D,\"Budgets, audit\"\r\n\
3,Payroll,Payroll Team,2,5.5,\"£28,000\",\"Outsourced: Capita\",Capita,,\r\n\
4,Vacant,Head of Audit,2,1,\"£60,000\",,Acme Council,E,\r\n\
5,HR,Head of HR,1,8,\"£38,000-£42,000\",shared,Acme Council,D,\"Shared with\nNeighbour Council\"\r\n";

#[test]
fn a_simple_table_imports_exports_and_imports_again_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("synonyms.csv");
    std::fs::write(&input, SYNONYMS_CSV).unwrap();
    let first = dir.path().join("first.ron");
    let printed = succeed(&["import", arg(&input), "-o", arg(&first)]);
    assert!(
        printed.contains("5 rows read, 5 units written"),
        "{printed}"
    );
    assert!(printed.contains("no warnings"), "{printed}");

    let table = dir.path().join("out.csv");
    succeed(&["export", arg(&first), "-o", arg(&table)]);
    let second = dir.path().join("second.ron");
    let printed = succeed(&["import", arg(&table), "-o", arg(&second)]);
    assert!(printed.contains("no warnings"), "{printed}");

    let mut before = orgchart::io::load(&first).unwrap();
    let after = orgchart::io::load(&second).unwrap();
    assert_eq!(before.len(), 5);
    let payroll = before.unit(&"3".into()).unwrap();
    assert_eq!(payroll.role, "Payroll Team");
    assert_eq!(before.parent(&"3".into()).map(|p| p.as_str()), Some("2"));
    // The table does not hold the chart's title; each import names the chart after its file.
    before.set_title(after.title());
    assert_eq!(before, after);

    let (mut a, mut b) = (check_json(&first), check_json(&second));
    for figures in [&mut a, &mut b] {
        let object = figures.as_object_mut().unwrap();
        object.remove("file");
        object.remove("title");
    }
    assert_eq!(a, b);
    assert_close(
        number(&a, "headcount_min"),
        2.0 + 12.0 + 5.5 + 1.0 + 8.0,
        "headcount",
    );
    let cost_min = 2.0 * 150_000.0 + 12.0 * 45_000.0 + 5.5 * 28_000.0 + 60_000.0 + 8.0 * 38_000.0;
    assert_close(number(&a, "cost_min"), cost_min, "cost_min");
}

#[test]
fn an_imported_organogram_survives_csv_export_and_import() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.ron");
    import_pair("raw/300913-Land-Registry-Organogram", &first);
    let table = dir.path().join("table.csv");
    succeed(&["export", arg(&first), "-o", arg(&table)]);
    let second = dir.path().join("second.ron");
    succeed(&["import", arg(&table), "-o", arg(&second)]);
    let mut before = orgchart::io::load(&first).unwrap();
    let after = orgchart::io::load(&second).unwrap();
    before.set_title(after.title());
    assert_eq!(before, after);
}

fn assert_refused(args: &[&str], output: &Path, wanted: &[&str]) {
    let result = orgchart(args);
    let message = stderr(&result);
    assert_eq!(result.status.code(), Some(1), "{args:?}: {message}");
    assert!(stdout(&result).is_empty(), "{}", stdout(&result));
    for part in wanted {
        assert!(message.contains(part), "'{part}' not in: {message}");
    }
    assert!(!output.exists(), "nothing is written for {args:?}");
}

#[test]
fn bad_input_fails_with_a_clear_message_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.ron");
    let out = arg(&output);

    let missing = dir.path().join("no-such-file.csv");
    assert_refused(
        &["import", arg(&missing), "-o", out],
        &output,
        &["no-such-file.csv", "cannot read"],
    );

    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    assert_refused(
        &["import", arg(&empty), "-o", out],
        &output,
        &["empty.csv", "empty"],
    );

    let junior = data_file("human_tissue_authority-2011-03-31", "junior");
    assert_refused(
        &["import", arg(&junior), "-o", out],
        &output,
        &["human_tissue_authority-2011-03-31-junior.csv", "junior"],
    );

    let senior = data_file("human_tissue_authority-2011-03-31", "senior");
    assert_refused(
        &["import", arg(&senior), "--junior", arg(&missing), "-o", out],
        &output,
        &["no-such-file.csv"],
    );
}

/// A department of several thousand rows, written as CSV files by the library's generator (the command
/// line has no organogram generator).
fn write_synthetic_pair(dir: &Path, senior_posts: usize, junior_rows: usize) -> (PathBuf, PathBuf) {
    use orgchart::io::organogram::synthetic::{SyntheticOptions, generate};
    let pair = generate(&SyntheticOptions {
        seed: 11,
        senior_posts,
        junior_rows,
        quirks: true,
    });
    let senior = dir.join("synthetic-senior.csv");
    let junior = dir.join("synthetic-junior.csv");
    std::fs::write(&senior, &pair.senior_csv).unwrap();
    std::fs::write(&junior, &pair.junior_csv).unwrap();
    (senior, junior)
}

#[test]
fn a_large_synthetic_organogram_imports_and_exports_to_png_and_pdf() {
    // IMPORT_CLI_KEEP=/some/dir keeps the files for looking at them.
    let keep = std::env::var_os("IMPORT_CLI_KEEP").map(PathBuf::from);
    let temp = tempfile::tempdir().unwrap();
    let dir = keep.clone().unwrap_or_else(|| temp.path().to_owned());
    std::fs::create_dir_all(&dir).unwrap();
    let (senior_posts, junior_rows) = (300, 3_000);
    let (senior, junior) = write_synthetic_pair(&dir, senior_posts, junior_rows);
    let chart = dir.join("synthetic.ron");
    let printed = succeed(&[
        "import",
        arg(&senior),
        "--junior",
        arg(&junior),
        "-o",
        arg(&chart),
    ]);
    let rows = senior_posts + junior_rows;
    assert!(
        printed.contains(&format!("{rows} rows read, {rows} units written")),
        "{printed}"
    );
    assert!(
        printed.contains("3 warnings:"),
        "the planted quirks: {printed}"
    );
    assert_eq!(check_json(&chart)["units"].as_u64(), Some(rows as u64));

    let png = dir.join("synthetic.png");
    succeed(&["export", arg(&chart), "-o", arg(&png), "--scale", "0.25"]);
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG file");

    let pdf = dir.join("synthetic.pdf");
    succeed(&["export", arg(&chart), "-o", arg(&pdf)]);
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "a PDF file");
    assert!(
        bytes.windows(5).rev().take(1024).any(|w| w == b"%%EOF"),
        "a complete PDF file"
    );
}

#[test]
fn a_single_warning_is_counted_in_the_singular_with_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("team.csv");
    std::fs::write(
        &table,
        "id,name,reports_to\nceo,Chief Executive,\nhr,Head of HR,ceo\nit,Head of IT,nobody\n",
    )
    .unwrap();
    let output = dir.path().join("team.ron");
    let printed = succeed(&["import", arg(&table), "-o", arg(&output)]);
    assert!(printed.contains("\n1 warning:\n"), "{printed}");
    assert!(printed.contains("row 4"), "{printed}");
    assert!(printed.contains("nobody"), "{printed}");
}

/// Regression: a number cell ending in a multi-byte character ("37½", "12é", "10¼", a narrow no-break space)
/// made the importer panic with exit status 101. Each is now a bad value, reported with its row, and the
/// rest of the table imports.
#[test]
fn multi_byte_characters_in_number_cells_do_not_crash_the_import() {
    let dir = tempfile::tempdir().unwrap();
    for (n, cell) in ["37½", "12é", "10¼", "25\u{202F}000", "£½"]
        .iter()
        .enumerate()
    {
        let table = dir.path().join(format!("p{n}.csv"));
        std::fs::write(
            &table,
            format!("id,name,headcount,cost\nceo,Chief Executive,1,\na,A,{cell},{cell}\n"),
        )
        .unwrap();
        let output = dir.path().join(format!("p{n}.ron"));
        let result = orgchart(&["import", arg(&table), "-o", arg(&output)]);
        let message = format!("{}{}", stdout(&result), stderr(&result));
        assert_ne!(
            result.status.code(),
            Some(101),
            "{cell}: panicked: {message}"
        );
        assert!(!message.contains("panicked"), "{cell}: {message}");
        assert!(
            message.contains("row 3"),
            "{cell}: the bad row is named: {message}"
        );
        assert!(
            message.contains(cell),
            "{cell}: the bad value is quoted: {message}"
        );
    }
}
