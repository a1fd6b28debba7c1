//! Progress on the command line, through the real binary: stage lines on stderr once a command has run past
//! the threshold (lowered to 0 here so a small chart shows them), nothing for a quick command, and never a
//! word on stdout.

use std::path::Path;
use std::process::{Command, Output};

use orgchart::cli::progress::AFTER_VARIABLE;

fn orgchart(args: &[&str], after_ms: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_orgchart"));
    command.args(args).env_remove(AFTER_VARIABLE);
    if let Some(ms) = after_ms {
        command.env(AFTER_VARIABLE, ms);
    }
    let output = command.output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "orgchart {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn sample(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name)
        .display()
        .to_string()
}

fn stderr_lines(output: &Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn export_says_each_stage_then_how_long_it_took() {
    let dir = tempfile::tempdir().unwrap();
    let input = sample("occ-policy-2011-after.ron");
    let out = dir.path().join("chart.svg");
    let output = orgchart(
        &["export", &input, "-o", &out.display().to_string()],
        Some("0"),
    );
    let lines = stderr_lines(&output);
    assert_eq!(
        lines[..4],
        [
            format!("orgchart: reading {input}…"),
            "orgchart: laying out 7 units…".to_owned(),
            "orgchart: drawing the SVG…".to_owned(),
            format!("orgchart: writing {}…", out.display()),
        ],
        "{lines:#?}"
    );
    assert!(
        lines[4].starts_with("orgchart: done in ") && lines[4].ends_with(" s"),
        "{lines:#?}"
    );
    assert_eq!(lines.len(), 5);
    assert!(output.stdout.is_empty(), "progress never goes to stdout");
    assert!(out.exists());
}

#[test]
fn a_quick_export_says_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("chart.png");
    let output = orgchart(
        &[
            "export",
            &sample("occ-policy-2011-after.ron"),
            "-o",
            &out.display().to_string(),
        ],
        // Well past what a small export takes even on a loaded machine: with the default second, a
        // test machine busy with other builds made this export "slow" and it rightly spoke.
        Some("60000"),
    );
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn paginated_pdf_export_says_its_stages_and_the_pages_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pages.pdf");
    let output = orgchart(
        &[
            "export",
            &sample("occ-policy-2011-after.ron"),
            "-o",
            &out.display().to_string(),
            "--pages",
            "a4",
        ],
        Some("0"),
    );
    let lines = stderr_lines(&output);
    assert!(
        lines[1].starts_with("orgchart: laying out 7 units on a4 pages"),
        "{lines:#?}"
    );
    assert_eq!(lines[2], format!("orgchart: writing {}…", out.display()));
    assert!(lines[3].starts_with("orgchart: wrote ") && lines[3].contains("page"));
    assert!(lines[4].starts_with("orgchart: done in "));
}

#[test]
fn diff_says_what_it_compares_and_keeps_stdout_for_the_report() {
    let before = sample("occ-policy-2011-before.ron");
    let after = sample("occ-policy-2011-after.ron");
    let quiet = orgchart(&["diff", &before, &after], None);
    let said = orgchart(&["diff", &before, &after], Some("0"));
    assert!(quiet.stderr.is_empty());
    assert_eq!(said.stdout, quiet.stdout, "the report is the same");
    let lines = stderr_lines(&said);
    assert_eq!(
        lines[..3],
        [
            format!("orgchart: reading {before}…"),
            format!("orgchart: reading {after}…"),
            "orgchart: comparing 3 units with 7 units…".to_owned(),
        ],
        "{lines:#?}"
    );
    assert!(lines[3].starts_with("orgchart: done in "));
}

#[test]
fn import_and_report_say_their_stages_too() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("people.csv");
    std::fs::write(&table, "id,name,reports_to\na,Alpha,\nb,Beta,a\n").unwrap();
    let chart = dir.path().join("people.ron");
    let args = [
        "import",
        &table.display().to_string(),
        "-o",
        &chart.display().to_string(),
    ]
    .map(|a| a.to_owned());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let said = orgchart(&args, Some("0"));
    let lines = stderr_lines(&said);
    assert_eq!(
        lines[..2],
        [
            format!("orgchart: reading and importing {}…", table.display()),
            format!("orgchart: writing 2 units to {}…", chart.display()),
        ],
        "{lines:#?}"
    );
    assert!(lines[2].starts_with("orgchart: done in "));
    assert!(String::from_utf8_lossy(&said.stdout).contains("2 rows read, 2 units written"));

    let report = dir.path().join("report.md");
    let said = orgchart(
        &[
            "report",
            &chart.display().to_string(),
            "-o",
            &report.display().to_string(),
        ],
        Some("0"),
    );
    let lines = stderr_lines(&said);
    assert_eq!(lines[1], "orgchart: reporting on 2 units…", "{lines:#?}");
    assert!(lines.last().unwrap().starts_with("orgchart: done in "));
    assert!(said.stdout.is_empty());
}
