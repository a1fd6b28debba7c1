//! What the layout property tests share.

use orgchart::geom::Size;
use orgchart::model::{Chart, Forest};
use orgchart::render::FontWeight;
use orgchart::render::text::{text_width, wrap};

/// Card sizes that vary like real ones: the name wrapped to at most 220 wide, two extra lines of text.
pub fn measured_sizes(chart: &Chart, forest: &Forest) -> Vec<Size> {
    forest
        .ids
        .iter()
        .map(|id| {
            let name = chart.unit(id).map_or("", |unit| unit.name.as_str());
            let width = text_width(name, 14.0, FontWeight::Bold).clamp(120.0, 220.0);
            let lines = wrap(name, 14.0, FontWeight::Bold, 220.0).len().max(1);
            Size::new(width + 24.0, 24.0 + 20.0 * (lines as f32 + 2.0))
        })
        .collect()
}
