//! Exports from the menu, through the same library functions as the command line.

use crate::model::{Chart, UnitId};
use crate::render::{RenderOptions, Theme, build_drawing};

use super::commands::ExportFormat;

/// The bytes of an export of the chart, or of one unit's subtree.
pub fn export_bytes(
    chart: &Chart,
    format: ExportFormat,
    subtree: Option<UnitId>,
    respect_collapsed: bool,
) -> Result<Vec<u8>, String> {
    let options = RenderOptions {
        theme: Theme::Light,
        subtree,
        respect_collapsed,
        title: Some(chart.title().to_owned()).filter(|t| !t.trim().is_empty()),
        ..RenderOptions::default()
    };
    let drawing = build_drawing(chart, &options);
    let _ = drawing;
    // TEMPORARY until the render backends and CSV table writer land on main.
    Err(format!(
        "{} export is not available in this build yet; use `orgchart export` once it is",
        format.label()
    ))
}
