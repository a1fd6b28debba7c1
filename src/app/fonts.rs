//! The bundled Noto Sans for the whole window: the canvas uses the same faces as layout and exports, and the UI
//! never depends on fonts installed on the machine.

use egui::{FontData, FontDefinitions, FontFamily};

use crate::render::FontWeight;
use crate::render::text::{BOLD_TTF, REGULAR_TTF};

pub const REGULAR: &str = "noto-sans-regular";
pub const BOLD: &str = "noto-sans-bold";

pub fn family(weight: FontWeight) -> FontFamily {
    match weight {
        FontWeight::Regular => FontFamily::Name(REGULAR.into()),
        FontWeight::Bold => FontFamily::Name(BOLD.into()),
    }
}

/// egui's own fonts stay behind Noto as fallbacks (they are bundled too) for the few UI symbols Noto lacks.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        REGULAR.to_owned(),
        FontData::from_static(REGULAR_TTF).into(),
    );
    fonts
        .font_data
        .insert(BOLD.to_owned(), FontData::from_static(BOLD_TTF).into());
    let mut fallbacks = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    // Arrows (→, ⇄) are in neither Noto Sans nor egui's proportional fonts; the bundled Hack has them.
    fallbacks.push("Hack".to_owned());
    let with_fallbacks = |first: &str| {
        let mut list = vec![first.to_owned()];
        list.extend(fallbacks.iter().cloned());
        list
    };
    fonts
        .families
        .insert(FontFamily::Proportional, with_fallbacks(REGULAR));
    fonts
        .families
        .insert(family(FontWeight::Regular), with_fallbacks(REGULAR));
    fonts
        .families
        .insert(family(FontWeight::Bold), with_fallbacks(BOLD));
    fonts
}
