//! Colours of the comparison, taken from the renderer's so a change looks the same in the list, on the
//! cards and in exports.

use egui::Color32;

use crate::diff::ChangeKind;
use crate::render::ChangeMark;
use crate::render::style::mark_color;

/// Okabe-Ito reddish purple: a flag for matches that were guessed from names.
pub const GUESSED: Color32 = Color32::from_rgb(0xCC, 0x79, 0xA7);

pub fn mark_colour(mark: &ChangeMark) -> Color32 {
    let c = mark_color(mark);
    Color32::from_rgb(c.r, c.g, c.b)
}

pub fn change_colour(kind: &ChangeKind) -> Color32 {
    let mark = match kind {
        ChangeKind::Added | ChangeKind::LinkAdded(_) => ChangeMark::Added,
        ChangeKind::Removed | ChangeKind::LinkRemoved(_) => ChangeMark::Removed,
        ChangeKind::Moved { .. } => ChangeMark::Moved,
        ChangeKind::Renamed { .. }
        | ChangeKind::Changed { .. }
        | ChangeKind::LinkChanged { .. } => ChangeMark::Changed {
            details: Vec::new(),
        },
    };
    mark_colour(&mark)
}
