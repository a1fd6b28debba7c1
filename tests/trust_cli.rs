//! Files are never lost or redirected, and bad input always gets a clear error saying where and what: through
//! the real binary (`check`, `import`, `generate`, `export`).

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn orgchart(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orgchart"))
        .args(args)
        .output()
        .expect("the orgchart binary runs")
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs and expects exit status 1 (invalid input); returns stderr.
fn refused(args: &[&str]) -> String {
    let output = orgchart(args);
    assert_eq!(
        output.status.code(),
        Some(1),
        "orgchart {args:?} should fail\nstdout: {}\nstderr: {}",
        String::from_utf8_lossy(&output.stdout),
        stderr(&output)
    );
    stderr(&output)
}

fn chart_with_unit(fields: &str) -> String {
    format!(
        "(\n  format: \"orgchart\",\n  version: 1,\n  units: [\n    (id: \"a\", name: \"A\"),\n    (id: \"b\", name: \"B\", reports_to: \"a\", {fields}),\n  ],\n)\n"
    )
}

#[cfg(unix)]
#[test]
fn check_dev_zero_fails_fast_with_a_message() {
    let started = Instant::now();
    let message = refused(&["check", "/dev/zero"]);
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(
        message.contains("/dev/zero") && message.contains("device"),
        "{message}"
    );
}

#[test]
fn each_bad_figure_is_refused_with_file_line_column_and_advice() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "headcount: (value: (min: 1e308, max: 1e308))",
            "more than any real unit",
        ),
        ("headcount: (value: (min: NaN, max: NaN))", "not a number"),
        ("headcount: (value: (min: inf, max: inf))", "not a number"),
        ("headcount: (value: (min: -5, max: -5))", "negative"),
        ("headcount: (value: (min: 10, max: 2))", "down to"),
        ("cost: (amount: (min: -1, max: 5))", "negative"),
        (
            "cost: (amount: (min: 1, max: 1), on_cost_rate: inf)",
            "on-cost rate",
        ),
        ("pinned: (x: inf, y: 0)", "pinned position"),
    ];
    for (fields, expected) in cases {
        let path = dir.path().join("bad.ron");
        std::fs::write(&path, chart_with_unit(fields)).unwrap();
        let message = refused(&["check", arg(&path)]);
        let located = format!("{}:6:", path.display());
        assert!(message.contains(&located), "{fields}: {message}");
        assert!(message.contains(expected), "{fields}: {message}");
    }
}

#[test]
fn every_chart_level_error_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "units: [\n    (id: \"a\", name: \"A\"),\n    (id: \"a\", name: \"again\"),\n  ]",
            ":6:6:",
            "already exists",
        ),
        (
            "units: [\n    (id: \"a\", name: \"A\"),\n    (id: \"b\", name: \"B\", reports_to: \"nobody\"),\n  ]",
            ":6:6:",
            "'nobody'",
        ),
        (
            "units: [\n    (id: \"a\", name: \"A\", reports_to: \"b\"),\n    (id: \"b\", name: \"B\", reports_to: \"a\"),\n  ]",
            ":",
            "cycle",
        ),
        (
            "units: [\n    (id: \"a\", name: \"A\"),\n  ],\n  links: [\n    (from: \"a\", to: \"ghost\", kind: Dotted),\n  ]",
            ":8:6:",
            "'ghost'",
        ),
        (
            "units: [\n    (id: \"a\", name: \"A\"),\n  ],\n  links: [\n    (from: \"a\", to: \"a\", kind: Dotted),\n  ]",
            ":8:6:",
            "two different units",
        ),
    ];
    for (body, at, expected) in cases {
        let path = dir.path().join("bad.ron");
        let text = format!("(\n  format: \"orgchart\",\n  version: 1,\n  {body},\n)\n");
        std::fs::write(&path, text).unwrap();
        let message = refused(&["check", arg(&path)]);
        let located = format!("{}{at}", path.display());
        assert!(message.contains(&located), "{body}: {message}");
        assert!(message.contains(expected), "{body}: {message}");
        let line: Option<usize> = message
            .split(&format!("{}:", path.display()))
            .nth(1)
            .and_then(|rest| rest.split(':').next())
            .and_then(|line| line.parse().ok());
        assert!(line.is_some_and(|l| l >= 5), "a line is named: {message}");
    }
}

#[test]
fn a_byte_order_mark_loads_and_utf16_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = chart_with_unit("role: \"Café\"");
    let bom = dir.path().join("notepad.ron");
    std::fs::write(&bom, format!("\u{FEFF}{text}")).unwrap();
    let output = orgchart(&["check", arg(&bom)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let utf16 = dir.path().join("unicode.ron");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(&utf16, bytes).unwrap();
    let output = orgchart(&["check", arg(&utf16)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // UTF-16 without its mark is refused with a message that says what to do.
    let bare: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(&utf16, bare).unwrap();
    let message = refused(&["check", arg(&utf16)]);
    assert!(
        message.contains("UTF-16") && message.contains("UTF-8"),
        "{message}"
    );
}

#[test]
fn overlong_card_text_is_refused_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.ron");
    let long = "x".repeat(10_000);
    std::fs::write(&path, chart_with_unit(&format!("role: \"{long}\""))).unwrap();
    let message = refused(&["check", arg(&path)]);
    assert!(message.contains(":6:"), "{message}");
    assert!(message.contains("10000 characters"), "{message}");
}

#[test]
fn import_and_generate_refuse_their_own_input_and_non_files() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("people.csv");
    let original = "id,name,reports_to\na,A,\nb,B,a\n";
    std::fs::write(&table, original).unwrap();
    let message = refused(&["import", arg(&table), "-o", arg(&table)]);
    assert!(message.contains("is also the input"), "{message}");
    assert_eq!(std::fs::read_to_string(&table).unwrap(), original);
    let message = refused(&["import", arg(&table), "-o", arg(dir.path())]);
    assert!(message.contains("folder"), "{message}");
    #[cfg(unix)]
    {
        let message = refused(&["generate", "--units", "3", "-o", "/dev/null"]);
        assert!(message.contains("not a regular file"), "{message}");
        assert!(Path::new("/dev/null").exists());
    }
}

#[cfg(unix)]
#[test]
fn saving_over_a_private_chart_keeps_it_private_and_keeps_a_backup() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let chart = dir.path().join("chart.ron");
    let output = orgchart(&["generate", "--units", "3", "--seed", "1", "-o", arg(&chart)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let first = std::fs::read(&chart).unwrap();
    std::fs::set_permissions(&chart, std::fs::Permissions::from_mode(0o600)).unwrap();
    let output = orgchart(&["generate", "--units", "5", "--seed", "2", "-o", arg(&chart)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&chart), 0o600);
    let backup = dir.path().join("chart.ron.bak");
    assert_eq!(std::fs::read(&backup).unwrap(), first);
    assert_eq!(mode(&backup), 0o600);
}

#[test]
fn an_import_with_a_huge_cell_is_refused_with_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("people.csv");
    std::fs::write(&table, format!("id,name\na,A\nb,{}\n", "n".repeat(20_000))).unwrap();
    let output = dir.path().join("out.ron");
    let message = refused(&["import", arg(&table), "-o", arg(&output)]);
    assert!(
        message.contains("row 3") && message.contains("20000 characters"),
        "{message}"
    );
    assert!(!output.exists());
}

#[test]
fn an_organogram_without_its_reports_to_column_warns_that_every_post_is_a_top_post() {
    let dir = tempfile::tempdir().unwrap();
    let senior = dir.path().join("senior.csv");
    std::fs::write(
        &senior,
        "Post Unique Reference,Name,Job Title,FTE\n1,Ann,Chief Executive,1\n2,Bob,Director,1\n3,Cy,Director,1\n",
    )
    .unwrap();
    let output_path = dir.path().join("out.ron");
    let output = orgchart(&["import", arg(&senior), "-o", arg(&output_path)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("every one of the 3 posts became a top-level unit")
            && stdout.contains("Reports to Senior Post"),
        "{stdout}"
    );
}
