//! `orgchart diff` end to end: the real binary on the before/after samples drawn from the seeds.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use orgchart::metrics::chart_figures;
use serde_json::Value;

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name)
}

fn orgchart(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orgchart"))
        .args(args)
        .output()
        .expect("the orgchart binary runs")
}

fn diff_json(before: &str, after: &str) -> Value {
    let (before, after) = (sample(before), sample(after));
    let out = orgchart(&[
        "diff",
        before.to_str().unwrap(),
        after.to_str().unwrap(),
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

fn ids(json: &Value, key: &str) -> Vec<String> {
    json[key]
        .as_array()
        .unwrap_or_else(|| panic!("'{key}' is a list"))
        .iter()
        .map(|entry| entry["id"].as_str().unwrap().to_owned())
        .collect()
}

fn number(json: &Value, key: &str) -> f64 {
    json[key]
        .as_f64()
        .unwrap_or_else(|| panic!("'{key}' is a number"))
}

#[test]
fn occ_policy_unit_diff_lists_the_new_posts_and_their_cost() {
    let json = diff_json("occ-policy-2011-before.ron", "occ-policy-2011-after.ron");
    assert_eq!(
        ids(&json, "added"),
        [
            "senior-pp-officers",
            "pp-officers",
            "pp-support-officers",
            "deputy-directors"
        ]
    );
    for key in ["removed", "moved", "renamed", "changed"] {
        assert!(ids(&json, key).is_empty(), "nothing {key}: {}", json[key]);
    }
    assert_eq!(json["links_added"].as_array().unwrap().len(), 3);
    // The seed gives no figures for the unit before; after: 8 officers and 2 deputy directors.
    assert_eq!(number(&json, "headcount_before"), 0.0);
    assert_eq!(number(&json, "headcount_after"), 10.0);
    assert_eq!(number(&json, "cost_before"), 0.0);
    let after = orgchart::io::load(&sample("occ-policy-2011-after.ron")).unwrap();
    let expected = chart_figures(&after).cost.min;
    assert!((number(&json, "cost_after") - expected).abs() < 0.01);
    // The blog's own total for the new posts with pension: £467,153.75.
    let seed_total = 467_153.75;
    assert!((number(&json, "cost_after") - seed_total).abs() / seed_total < 0.02);
    let policy_unit = json["per_top_level"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["id"] == "policy-unit")
        .expect("the policy unit has a row");
    assert_eq!(policy_unit["headcount_change"], 8.0);
}

#[test]
fn shared_services_diff_shows_shared_posts_replacing_each_councils_own() {
    let json = diff_json(
        "shared-services-2021-before.ron",
        "shared-services-2021-after.ron",
    );
    assert_eq!(ids(&json, "added"), ["shared-ceo", "shared-directors"]);
    assert_eq!(
        ids(&json, "removed"),
        ["a-ceo", "a-directors", "b-ceo", "b-directors"]
    );
    let moved = ids(&json, "moved");
    assert_eq!(
        moved,
        [
            "a-ict",
            "a-customer-services",
            "b-ict",
            "b-customer-services"
        ]
    );
    for entry in json["moved"].as_array().unwrap() {
        assert_eq!(entry["to"], "shared-directors", "{entry}");
    }
    let changed = ids(&json, "changed");
    assert_eq!(changed, moved, "the four services became shared");
    for entry in json["changed"].as_array().unwrap() {
        let status = entry["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|field| field["field"] == "status")
            .expect("a status change");
        assert_eq!(status["before"], "In-house");
        assert_eq!(status["after"], "Shared: Council A 50%, Council B 50%");
    }
    // Two chief executives become one shared chief executive.
    assert_eq!(number(&json, "headcount_before"), 2.0);
    assert_eq!(number(&json, "headcount_after"), 1.0);
}

#[test]
fn text_summary_reads_as_sentences_and_survives_a_closed_pipe() {
    let (before, after) = (
        sample("occ-policy-2011-before.ron"),
        sample("occ-policy-2011-after.ron"),
    );
    let out = orgchart(&["diff", before.to_str().unwrap(), after.to_str().unwrap()]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    // The "before" chart gives no figures at all: it says so rather than "0" and "£0".
    assert!(text.contains("Headcount not given -> 10;"), "{text}");
    assert!(
        text.contains("cost not given -> £0.47m a year incl. on-costs"),
        "{text}"
    );
    assert!(text.contains("Added (4)"), "{text}");
    assert!(
        text.contains("Deputy Directors [deputy-directors], under Oxfordshire County Council"),
        "{text}"
    );

    let mut child = Command::new(env!("CARGO_BIN_EXE_orgchart"))
        .args(["diff", before.to_str().unwrap(), after.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn change_pictures_and_tables_are_written_by_extension() {
    let dir = tempfile::tempdir().unwrap();
    let (before, after) = (
        sample("shared-services-2021-before.ron"),
        sample("shared-services-2021-after.ron"),
    );
    let write = |name: &str| {
        let path = dir.path().join(name);
        let out = orgchart(&[
            "diff",
            before.to_str().unwrap(),
            after.to_str().unwrap(),
            "-o",
            path.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::read(path).unwrap()
    };
    let svg = String::from_utf8(write("change.svg")).unwrap();
    assert!(svg.starts_with("<svg") || svg.starts_with("<?xml"));
    for word in ["Added", "Removed", "Moved", "Headcount 2 -&gt; 1"] {
        assert!(svg.contains(word), "the picture says {word}");
    }
    assert!(write("change.png").starts_with(b"\x89PNG\r\n\x1a\n"));
    assert!(write("change.pdf").starts_with(b"%PDF"));

    let csv = String::from_utf8(write("change.csv")).unwrap();
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let kinds: Vec<String> = rows
        .records()
        .map(|row| row.unwrap()[0].to_owned())
        .collect();
    assert_eq!(kinds.iter().filter(|k| *k == "added").count(), 2);
    assert_eq!(kinds.iter().filter(|k| *k == "removed").count(), 4);
    assert_eq!(kinds.iter().filter(|k| *k == "moved").count(), 4);
    let markdown = String::from_utf8(write("change.md")).unwrap();
    assert!(markdown.contains("| kind | id | name | before | after | detail |"));
    assert!(markdown.contains("| added | shared-ceo |"));
}

#[test]
fn bad_inputs_exit_with_one_and_bad_usage_with_two() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(format: \"orgchart\", version: 1, units: [(id: ").unwrap();
    let good = sample("occ-policy-2011-after.ron");
    let out = orgchart(&["diff", broken.to_str().unwrap(), good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("broken.ron"), "{stderr}");

    let out = orgchart(&[
        "diff",
        good.to_str().unwrap(),
        good.to_str().unwrap(),
        "-o",
        dir.path().join("x.docx").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("x.docx").exists());
}

#[test]
fn diff_gives_each_organisations_totals_before_and_after() {
    let json = diff_json(
        "shared-services-2021-before.ron",
        "shared-services-2021-after.ron",
    );
    let rows = json["per_organisation"]
        .as_array()
        .expect("per_organisation is a list");
    let names: Vec<&str> = rows.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Council A", "Council B"]);
    for row in rows {
        // Each council had its own Chief Executive; now each carries half of a shared one.
        assert_eq!(number(row, "headcount_before"), 1.0, "{row}");
        assert_eq!(number(row, "headcount_after"), 0.5, "{row}");
        assert_eq!(number(row, "headcount_change"), -0.5, "{row}");
        assert_eq!(row["assumed_split"], Value::Bool(false));
    }
    let (before, after) = (
        sample("shared-services-2021-before.ron"),
        sample("shared-services-2021-after.ron"),
    );
    let out = orgchart(&["diff", before.to_str().unwrap(), after.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("By organisation (shared units counted by their shares)\n  Council A: headcount 1 -> 0.5 (-0.5)"),
        "{text}"
    );

    // OCC: one organisation, whose totals change.
    let json = diff_json("occ-policy-2011-before.ron", "occ-policy-2011-after.ron");
    let occ = &json["per_organisation"][0];
    assert_eq!(occ["name"], "Oxfordshire County Council");
    assert_eq!(number(occ, "headcount_after"), 10.0);
    assert!((number(occ, "cost_change") - number(&json, "cost_change")).abs() < 0.01);
}
