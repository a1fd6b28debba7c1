//! The desktop editor (eframe/egui): a thin face over the library.

use std::path::PathBuf;
use std::process::ExitCode;

/// Opens the editor window on `file`, or on the bundled sample chart.
pub fn run(file: Option<PathBuf>) -> ExitCode {
    let _ = file;
    eprintln!("orgchart: the editor is not available yet");
    ExitCode::from(2)
}
