//! Entry points for fuzzing the parsers: the same functions serve the cargo-fuzz targets (`fuzz/`) and the
//! bounded property tests that run in `cargo test` (`tests/parsers_fuzz.rs`).
//!
//! Each takes raw bytes as a file would hold them and runs the whole path a user's file takes. Beyond "never
//! panics", each checks what must hold for any input: a chart that loads (or an import that succeeds) saves,
//! and the saved text loads back to an equal chart.

use crate::io::import::{ImportFormat, InputFile, import_inputs};
use crate::model::Chart;

/// The RON chart loader, as `orgchart check FILE` and File → Open run it.
pub fn ron_loader(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(chart) = crate::io::from_ron_str(text, "fuzz.ron") {
        round_trip(&chart);
    }
}

/// The simple CSV importer.
pub fn simple_csv(data: &[u8]) {
    let input = InputFile {
        name: "fuzz.csv",
        bytes: data,
    };
    if let Ok(report) = import_inputs(input, None, ImportFormat::Simple) {
        assert_eq!(report.units_created, report.chart.len());
        round_trip(&report.chart);
    }
}

/// The organogram importer: the data is split at the first NUL byte into a senior and a junior file (no NUL:
/// a senior file alone). Auto-detection runs as well, so the classifier sees every input too.
pub fn organogram(data: &[u8]) {
    let (senior, junior) = match data.iter().position(|&b| b == 0) {
        Some(at) => (
            data.get(..at).unwrap_or_default(),
            Some(data.get(at + 1..).unwrap_or_default()),
        ),
        None => (data, None),
    };
    let junior = junior.map(|bytes| InputFile {
        name: "fuzz-junior.csv",
        bytes,
    });
    let senior = InputFile {
        name: "fuzz-senior.csv",
        bytes: senior,
    };
    for format in [ImportFormat::Organogram, ImportFormat::Auto] {
        if let Ok(report) = import_inputs(senior, junior, format) {
            round_trip(&report.chart);
        }
    }
}

/// Whatever was accepted must save and load back unchanged: an import must never produce a file that the
/// loader then refuses.
fn round_trip(chart: &Chart) {
    let text = match crate::io::to_ron_string(chart) {
        Ok(text) => text,
        Err(err) => panic!("an accepted chart could not be written: {err}"),
    };
    match crate::io::from_ron_str(&text, "round-trip.ron") {
        Ok(reloaded) => assert!(
            reloaded == *chart,
            "the saved chart loads back different:\n{text}"
        ),
        Err(err) => {
            panic!("an accepted chart was saved as a file that does not load: {err}\n{text}")
        }
    }
}
