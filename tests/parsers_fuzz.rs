//! A bounded fuzz run of every parser inside `cargo test` (a few hundred cases, about a second), plus every
//! input the long fuzz runs (`fuzz/`, cargo-fuzz) ever found or started from, kept as regression tests.
//!
//! The inputs are built from the pieces real files are made of (sample charts, column names, the cell values
//! that broke importers before) and then damaged at random, so the cases reach deep into the parsers rather
//! than stopping at the first byte.

use std::path::{Path, PathBuf};

use orgchart::io::fuzz_targets;
use proptest::prelude::*;

fn data_dir(target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fuzz")
        .join(target)
}

/// Every file kept for a target: the seed corpus and each input that once crashed.
fn kept_inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data_dir(target))
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .filter(|path| path.is_file())
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap_or_default();
            (path, bytes)
        })
        .collect()
}

#[test]
fn every_kept_input_runs_without_panicking() {
    let mut count = 0;
    for (target, run) in [
        ("ron", fuzz_targets::ron_loader as fn(&[u8])),
        ("csv", fuzz_targets::simple_csv),
        ("organogram", fuzz_targets::organogram),
    ] {
        for (path, bytes) in kept_inputs(target) {
            let outcome = std::panic::catch_unwind(|| run(&bytes));
            assert!(outcome.is_ok(), "{} panicked", path.display());
            count += 1;
        }
    }
    assert!(count >= 20, "the kept corpus is there ({count} files)");
}

const SAMPLES: [&str; 3] = [
    "barnet-nscso-2012",
    "occ-policy-2011-after",
    "shared-services-2021-before",
];

fn sample_text(index: usize) -> String {
    let name = SAMPLES[index % SAMPLES.len()];
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(format!("{name}.ron"));
    std::fs::read_to_string(path).unwrap_or_default()
}

/// Tokens that matter to the RON loader and to the checks after it.
const RON_PIECES: [&str; 24] = [
    "(",
    ")",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "NaN",
    "inf",
    "-inf",
    "-5",
    "1e308",
    "0.0",
    "reports_to: \"ceo\"",
    "id: \"ceo\"",
    "pinned: (x: inf, y: 1)",
    "Some(",
    "\u{FEFF}",
    "½",
    "é",
    "//",
    "/*",
    "r#\"",
];

/// An edit to a text: delete a stretch, or insert a piece, at a fraction of its length.
#[derive(Clone, Debug)]
enum Damage {
    Delete { at: f64, len: usize },
    Insert { at: f64, piece: String },
    Duplicate { at: f64, len: usize },
}

fn damage(pieces: &'static [&'static str]) -> impl Strategy<Value = Damage> {
    prop_oneof![
        (0.0..1.0f64, 1usize..40).prop_map(|(at, len)| Damage::Delete { at, len }),
        (0.0..1.0f64, prop::sample::select(pieces)).prop_map(|(at, piece)| Damage::Insert {
            at,
            piece: piece.to_owned()
        }),
        (0.0..1.0f64, any::<char>()).prop_map(|(at, c)| Damage::Insert {
            at,
            piece: c.to_string()
        }),
        (0.0..1.0f64, 1usize..200).prop_map(|(at, len)| Damage::Duplicate { at, len }),
    ]
}

/// Applies the damage on character boundaries (the parsers get bytes; boundaries keep most of it UTF-8).
fn apply(text: &str, damages: &[Damage]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for damage in damages {
        let at_of = |at: f64, len: usize| ((at * len as f64) as usize).min(len);
        match damage {
            Damage::Delete { at, len } => {
                let start = at_of(*at, chars.len());
                let end = (start + len).min(chars.len());
                chars.drain(start..end);
            }
            Damage::Insert { at, piece } => {
                let start = at_of(*at, chars.len());
                chars.splice(start..start, piece.chars());
            }
            Damage::Duplicate { at, len } => {
                let start = at_of(*at, chars.len());
                let end = (start + len).min(chars.len());
                let copy: Vec<char> = chars[start..end].to_vec();
                chars.splice(end..end, copy);
            }
        }
    }
    chars.into_iter().collect()
}

const SIMPLE_HEADERS: [&str; 14] = [
    "id",
    "name",
    "role",
    "reports_to",
    "manager",
    "headcount",
    "min",
    "max",
    "cost",
    "status",
    "organisation",
    "grade",
    "notes",
    "dotted",
];

const ORGANOGRAM_HEADERS: [&str; 12] = [
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
    "Reporting Senior Post",
    "Number of Posts in FTE",
];

/// Cell values that broke importers before, or sit at the edges of what they read.
const CELLS: [&str; 30] = [
    "",
    "a",
    "b",
    "1",
    "XX",
    "37½",
    "12é",
    "10¼",
    "25\u{202F}000",
    "£40,000",
    "£1.2m",
    "98k",
    "40-55k",
    "11 to 15",
    "-5",
    "inf",
    "NaN",
    "1e308",
    "N/D",
    "Vacant",
    "Eliminated",
    "\"",
    "\"\"",
    ",",
    "\n",
    "0",
    "00",
    "Outsourced: Capita",
    "shared",
    "\u{FEFF}",
];

/// A table: a header from `headers`, then rows of cells; serialised with commas and light quoting.
fn table(headers: &'static [&'static str]) -> impl Strategy<Value = String> {
    let header = prop::collection::vec(prop::sample::select(headers), 1..8);
    let cell = prop_oneof![
        4 => prop::sample::select(&CELLS[..]).prop_map(str::to_owned),
        1 => "[a-z0-9 ]{0,6}",
        1 => any::<String>(),
    ];
    let rows = prop::collection::vec(prop::collection::vec(cell, 0..9), 0..12);
    (header, rows).prop_map(|(header, rows)| {
        let mut text = header.join(",");
        text.push('\n');
        for row in rows {
            let cells: Vec<String> = row
                .into_iter()
                .map(|cell| {
                    if cell.contains([',', '"', '\n']) {
                        format!("\"{}\"", cell.replace('"', "\"\""))
                    } else {
                        cell
                    }
                })
                .collect();
            text.push_str(&cells.join(","));
            text.push('\n');
        }
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn the_ron_loader_never_panics_on_damaged_charts(
        sample in 0usize..3,
        damages in prop::collection::vec(damage(&RON_PIECES), 1..6),
    ) {
        let text = apply(&sample_text(sample), &damages);
        fuzz_targets::ron_loader(text.as_bytes());
    }

    #[test]
    fn the_simple_importer_never_panics(
        text in table(&SIMPLE_HEADERS),
        damages in prop::collection::vec(damage(&CELLS), 0..3),
    ) {
        fuzz_targets::simple_csv(apply(&text, &damages).as_bytes());
    }

    #[test]
    fn the_organogram_importer_never_panics(
        senior in table(&ORGANOGRAM_HEADERS),
        junior in proptest::option::of(table(&ORGANOGRAM_HEADERS)),
    ) {
        let mut bytes = senior.into_bytes();
        if let Some(junior) = junior {
            bytes.push(0);
            bytes.extend_from_slice(junior.as_bytes());
        }
        fuzz_targets::organogram(&bytes);
    }

    #[test]
    fn raw_bytes_never_panic_any_parser(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        fuzz_targets::ron_loader(&bytes);
        fuzz_targets::simple_csv(&bytes);
        fuzz_targets::organogram(&bytes);
    }
}
