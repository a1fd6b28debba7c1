//! Exports from the menu, through the same library function as the command line.

use crate::export::export_bytes as library_export;
use crate::layout::LayoutOptions;
use crate::model::{Chart, UnitId};
use crate::render::colour_by::ColourBy;
use crate::render::{RenderOptions, Theme};

use super::commands::ExportFormat;

/// Pixels per chart unit for PNG exports from the menu, as the command line's default.
const PNG_SCALE: f32 = 2.0;

/// The bytes of an export of the chart, or of one unit's subtree.
pub fn export_bytes(
    chart: &Chart,
    format: ExportFormat,
    subtree: Option<UnitId>,
    respect_collapsed: bool,
    layout: &LayoutOptions,
    colour_by: Option<ColourBy>,
) -> Result<Vec<u8>, String> {
    let options = RenderOptions {
        layout: layout.clone(),
        theme: Theme::Light,
        subtree,
        respect_collapsed,
        title: Some(chart.title().to_owned()).filter(|t| !t.trim().is_empty()),
        colour_by,
        ..RenderOptions::default()
    };
    library_export(chart, format, &options, PNG_SCALE)
}
