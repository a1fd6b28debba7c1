//! `orgchart check` and `orgchart generate` through the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const SAMPLES: [&str; 6] = [
    "barnet-nscso-2012",
    "occ-policy-2011-before",
    "occ-policy-2011-after",
    "shared-services-2021-before",
    "shared-services-2021-after",
    "barnet-one-public-sector-2009",
];

fn orgchart(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orgchart"))
        .args(args)
        .output()
        .expect("the orgchart binary runs")
}

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(format!("{name}.ron"))
}

fn path_arg(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn check_json(path: &Path) -> Value {
    let output = orgchart(&["check", "--json", path_arg(path)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        stdout.trim().lines().count(),
        1,
        "one JSON object: {stdout}"
    );
    serde_json::from_str(&stdout).unwrap_or_else(|err| panic!("{err}: {stdout}"))
}

fn number(value: &Value, key: &str) -> f64 {
    value[key]
        .as_f64()
        .unwrap_or_else(|| panic!("no number '{key}' in {value}"))
}

fn count(value: &Value, key: &str) -> u64 {
    value[key]
        .as_u64()
        .unwrap_or_else(|| panic!("no count '{key}' in {value}"))
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn check_passes_on_every_sample_with_plausible_figures() {
    for name in SAMPLES {
        let figures = check_json(&sample(name));
        let units = count(&figures, "units");
        let roots = count(&figures, "roots");
        let depth = count(&figures, "depth");
        assert!(units >= 3, "{name}: {figures}");
        assert!((1..=units).contains(&roots), "{name}: {figures}");
        assert!((1..=units).contains(&depth), "{name}: {figures}");
        assert!(count(&figures, "max_span") < units, "{name}: {figures}");
        assert!(number(&figures, "headcount_min") <= number(&figures, "headcount_max"));
        assert!(number(&figures, "cost_min") <= number(&figures, "cost_max"));
        assert!(number(&figures, "cost_min") >= 0.0);
        let text = orgchart(&["check", path_arg(&sample(name))]);
        assert_eq!(text.status.code(), Some(0), "{}", stderr(&text));
        let text = String::from_utf8(text.stdout).unwrap();
        assert!(text.contains("OK") && text.contains("layers"), "{text}");
    }
}

#[test]
fn check_reports_the_oxfordshire_figures_worked_out_by_hand() {
    let before = check_json(&sample("occ-policy-2011-before"));
    // The council, its Policy Unit and its service areas; no posts or money given for them.
    assert_eq!(count(&before, "units"), 3);
    assert_eq!(count(&before, "roots"), 1);
    assert_eq!(count(&before, "depth"), 2);
    assert_eq!(count(&before, "max_span"), 2);
    assert_eq!(number(&before, "headcount_max"), 0.0);
    assert_eq!(number(&before, "cost_max"), 0.0);
    assert_eq!(count(&before, "links"), 0);

    let after = check_json(&sample("occ-policy-2011-after"));
    // Plus three post groups under the Policy Unit and the deputy directors under the council.
    assert_eq!(count(&after, "units"), 7);
    assert_eq!(count(&after, "roots"), 1);
    assert_eq!(count(&after, "depth"), 3);
    assert_eq!(count(&after, "max_span"), 3);
    assert_eq!(number(&after, "headcount_min"), 10.0);
    assert_eq!(number(&after, "headcount_max"), 10.0);
    assert_eq!(count(&after, "links"), 3);
    assert_eq!(after["estimated"], Value::Bool(true));
    // Salaries and the 12% pension rate as stated in the units' notes.
    let by_hand = (2.0 * 98_000.0 + 2.0 * 36_000.0 + 3.0 * 29_000.0 + 3.0 * 21_000.0) * 1.12;
    for key in ["cost_min", "cost_max"] {
        assert!((number(&after, key) - by_hand).abs() < 0.01, "{after}");
    }
}

#[test]
fn check_reports_the_barnet_ranges() {
    let figures = check_json(&sample("barnet-nscso-2012"));
    // 6 strategy experts + 5 advisers + 40 in the DCOO section + 11 to 15 relationship managers.
    assert_eq!(number(&figures, "headcount_min"), 62.0);
    assert_eq!(number(&figures, "headcount_max"), 66.0);
    assert_eq!(figures["cost_given"], Value::Bool(false));
}

#[test]
fn broken_file_exits_1_with_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let text = "(\n  format: \"orgchart\",\n  version: 1,\n  units: [\n    (id: \"a\" name: \"A\"),\n  ],\n)\n";
    let path = write(&dir, "broken.ron", text);
    let output = orgchart(&["check", path_arg(&path)]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    let expected = format!("{}:5:", path.display());
    assert!(message.contains(&expected), "{message}");
    assert!(output.stdout.is_empty());
}

#[test]
fn cyclic_file_exits_1_and_names_the_cycle() {
    let dir = tempfile::tempdir().unwrap();
    let text = "(format: \"orgchart\", version: 1, units: [\
        (id: \"a\", name: \"A\", reports_to: \"c\"), \
        (id: \"b\", name: \"B\", reports_to: \"a\"), \
        (id: \"c\", name: \"C\", reports_to: \"b\")])";
    let path = write(&dir, "cycle.ron", text);
    let output = orgchart(&["check", "--json", path_arg(&path)]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("cycle"), "{message}");
    assert!(message.contains("cycle.ron"), "{message}");
}

#[test]
fn missing_file_exits_1_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nowhere.ron");
    let output = orgchart(&["check", path_arg(&path)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("nowhere.ron"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["check"],
        vec!["check", "--bogus", "x.ron"],
        vec!["generate", "-o", "x.ron"],
        vec!["generate", "--units", "0", "-o", "x.ron"],
        vec!["generate", "--units", "many", "-o", "x.ron"],
        vec!["generate", "--units", "10"],
    ] {
        let output = orgchart(&args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(!stderr(&output).is_empty());
    }
}

#[test]
fn generate_is_deterministic_per_seed_and_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    let run = |units: &str, seed: Option<&str>, out: &Path| {
        let mut args = vec!["generate", "--units", units, "-o", path_arg(out)];
        if let Some(seed) = seed {
            args.extend(["--seed", seed]);
        }
        let output = orgchart(&args);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        std::fs::read(out).unwrap()
    };
    let first = run("800", Some("42"), &path("a.ron"));
    let again = run("800", Some("42"), &path("b.ron"));
    let other = run("800", Some("43"), &path("c.ron"));
    let default_seed = run("800", None, &path("d.ron"));
    let seed_one = run("800", Some("1"), &path("e.ron"));
    assert_eq!(first, again);
    assert_ne!(first, other);
    assert_eq!(default_seed, seed_one);

    run("5000", Some("9"), &path("big.ron"));
    let figures = check_json(&path("big.ron"));
    assert_eq!(count(&figures, "units"), 5000);
    assert!(count(&figures, "depth") <= 10);
    assert!(count(&figures, "links") > 0);
    assert!(number(&figures, "headcount_min") > 5000.0 * 0.5);
    assert!(number(&figures, "cost_min") < number(&figures, "cost_max"));
}

#[test]
fn generate_reports_an_unwritable_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("no-such-dir").join("chart.ron");
    let output = orgchart(&["generate", "--units", "10", "-o", path_arg(&out)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("chart.ron"), "{}", stderr(&output));
}

#[test]
fn check_json_gives_organisations_span_bands_and_layers() {
    let after = check_json(&sample("shared-services-2021-after"));
    let organisations = after["organisations"]
        .as_object()
        .unwrap_or_else(|| panic!("no organisations: {after}"));
    let names: Vec<&str> = organisations.keys().map(String::as_str).collect();
    assert_eq!(names, ["Council A", "Council B"], "{after}");
    // The shared Chief Executive is the only post with a headcount: half each.
    for name in names {
        assert_eq!(number(&organisations[name], "headcount_min"), 0.5);
        assert_eq!(number(&organisations[name], "headcount_max"), 0.5);
        assert_eq!(number(&organisations[name], "cost_max"), 0.0);
    }
    let before = check_json(&sample("shared-services-2021-before"));
    assert_eq!(
        number(&before["organisations"]["Council A"], "headcount_max"),
        1.0,
        "{before}"
    );

    // A hand-made chart: a chief with 3 reports, one of which has 1 report and another 8.
    let dir = tempfile::tempdir().unwrap();
    let mut units = vec![r#"(id: "ceo", name: "Chief", kind: Post)"#.to_owned()];
    for id in ["a", "b", "c"] {
        units.push(format!(
            r#"(id: "{id}", name: "{id}", reports_to: "ceo", kind: Post, cost: (amount: (min: 100.0, max: 100.0)))"#
        ));
    }
    units.push(r#"(id: "a1", name: "a1", reports_to: "a", kind: Post)"#.to_owned());
    for i in 0..8 {
        units.push(format!(
            r#"(id: "b{i}", name: "b{i}", reports_to: "b", headcount: (value: (min: 2.0, max: 3.0)))"#
        ));
    }
    let text = format!(
        "(format: \"orgchart\", version: 1, units: [{}])",
        units.join(", ")
    );
    let figures = check_json(&write(&dir, "hand.ron", &text));
    let bands = &figures["span_bands"];
    for (band, expected) in [
        ("1", 1),
        ("2-3", 1),
        ("4-7", 0),
        ("8-12", 1),
        ("13-16", 0),
        ("17+", 0),
    ] {
        assert_eq!(bands[band].as_u64(), Some(expected), "{band}: {bands}");
    }
    let layers = figures["layers"].as_array().expect("layers is a list");
    let units: Vec<u64> = layers.iter().map(|l| count(l, "units")).collect();
    assert_eq!(units, [1, 3, 9]);
    assert_eq!(number(&layers[1], "cost_max"), 300.0);
    assert_eq!(number(&layers[2], "headcount_min"), 1.0 + 16.0);
    assert_eq!(number(&layers[2], "headcount_max"), 1.0 + 24.0);
    assert_eq!(figures["single_report_managers"][0]["id"], "a");
    // Without organisations everything is counted as not carried by any.
    assert!(figures["organisations"]["(no organisation)"].is_object());

    let text = orgchart(&["check", path_arg(&dir.path().join("hand.ron"))]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Span of control: 3 managers"), "{text}");
    assert!(
        text.contains("Managers with a single report (1): a [a]"),
        "{text}"
    );
}

#[test]
fn shares_that_do_not_add_up_fail_the_check_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let text = "(format: \"orgchart\", version: 1, units: [\n  (id: \"ceo\", name: \"Chief Executive\",\n   shares: [(organisation: \"A\", percent: 70), (organisation: \"B\", percent: 20)]),\n])\n";
    let path = write(&dir, "shares.ron", text);
    let output = orgchart(&["check", path_arg(&path)]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains(&format!("{}:2:", path.display())) && message.contains("90%"),
        "{message}"
    );
}
