//! `orgchart report` end to end: the real binary writes PDF, HTML and Markdown reports of the samples.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn orgchart(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orgchart"))
        .args(args)
        .output()
        .expect("the orgchart binary runs")
}

fn sample(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(format!("{name}.ron"))
        .display()
        .to_string()
}

fn out(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    dir.path().join(name)
}

fn run_ok(args: &[&str]) {
    let output = orgchart(args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_pdf_report_of_one_chart_has_every_section() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = out(&dir, "occ.pdf");
    run_ok(&[
        "report",
        &sample("occ-policy-2011-after"),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = support::pdf_text(&bytes);
    for section in [
        "Totals",
        "By organisation",
        "Spans and layers",
        "Span of control",
        "Vacancies, new posts and posts to be deleted",
        "New posts (4)",
        "Senior Policy & Performance",
    ] {
        assert!(support::holds(&text, section), "'{section}' missing: {text}");
    }
}

#[test]
fn a_change_report_as_html_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let html = out(&dir, "change.html");
    let (before, after) = (
        sample("shared-services-2021-before"),
        sample("shared-services-2021-after"),
    );
    run_ok(&["report", &before, &after, "-o", html.to_str().unwrap()]);
    let page = std::fs::read_to_string(&html).unwrap();
    for wanted in [
        "<h2>Totals before and after</h2>",
        "<h2>By organisation</h2>",
        "<td>Council A</td><td class=\"number\">1</td><td class=\"number\">0.5</td><td class=\"number\">-0.5</td>",
        "<h2>Added (2)</h2>",
        "<h2>Moved (4)</h2>",
        "<svg",
    ] {
        assert!(page.contains(wanted), "'{wanted}' missing");
    }
    let markdown = out(&dir, "change.md");
    let output = orgchart(&["report", &before, &after, "-o", markdown.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stderr).contains("1 picture beside it"));
    let text = std::fs::read_to_string(&markdown).unwrap();
    assert!(text.contains("| Council A | 1 | 0.5 | -0.5 |"), "{text}");
    assert!(text.contains("![Both charts in one"), "{text}");
    assert!(out(&dir, "change-1.svg").exists());
}

#[test]
fn report_refuses_unknown_forms_and_unreadable_charts() {
    let dir = tempfile::tempdir().unwrap();
    let docx = out(&dir, "r.docx");
    let output = orgchart(&[
        "report",
        &sample("occ-policy-2011-after"),
        "-o",
        docx.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains(".pdf, .html, .md"));
    let missing = out(&dir, "missing.ron");
    let pdf = out(&dir, "r.pdf");
    let output = orgchart(&[
        "report",
        missing.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("missing.ron"));
    assert!(!pdf.exists());
}
