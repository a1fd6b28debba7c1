//! Exports from the menu, through the same library function as the command line.

use crate::export::export_bytes as library_export;
use crate::layout::LayoutOptions;
use crate::model::{Chart, UnitId};
use crate::render::colour_by::ColourBy;
use crate::render::{CardStyle, RenderOptions, Theme};

use super::commands::ExportFormat;

/// Pixels per chart unit for PNG exports from the menu, as the command line's default.
const PNG_SCALE: f32 = 2.0;

/// What exports from the menu take from the view, so they look as the canvas does.
#[derive(Clone, Copy)]
pub struct ViewLook<'a> {
    pub layout: &'a LayoutOptions,
    pub colour_by: Option<&'a ColourBy>,
    pub cards: CardStyle,
}

impl ViewLook<'_> {
    /// Render options for an export of `chart` on white paper, titled with the chart's title.
    pub fn options(&self, chart: &Chart) -> RenderOptions {
        RenderOptions {
            layout: self.layout.clone(),
            theme: Theme::Light,
            title: Some(chart.title().to_owned()).filter(|t| !t.trim().is_empty()),
            colour_by: self.colour_by.cloned(),
            card_style: self.cards,
            ..RenderOptions::default()
        }
    }
}

/// The bytes of an export of the chart, or of one unit's subtree.
pub fn export_bytes(
    chart: &Chart,
    format: ExportFormat,
    subtree: Option<UnitId>,
    respect_collapsed: bool,
    look: ViewLook<'_>,
) -> Result<Vec<u8>, String> {
    let options = RenderOptions {
        subtree,
        respect_collapsed,
        ..look.options(chart)
    };
    library_export(chart, format, &options, PNG_SCALE)
}
