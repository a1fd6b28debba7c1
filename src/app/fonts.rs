//! The bundled Noto Sans for the whole window: the canvas uses the same faces as layout and exports, and the UI
//! never depends on fonts installed on the machine.

use egui::{FontData, FontDefinitions, FontFamily, FontTweak};

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

/// Noto's TrueType hinting programs are long: running them was about 40 ms of the first frame (perf, a third
/// of it), and again for every text size, which the canvas changes with each zoom step. The canvas's text
/// scales continuously, where hinting buys nothing; egui antialiases the outlines either way.
fn unhinted(ttf: &'static [u8]) -> FontData {
    FontData::from_static(ttf).tweak(FontTweak {
        hinting: Some(false),
        ..FontTweak::default()
    })
}

/// egui's own fonts stay behind Noto as fallbacks (they are bundled too) for the few UI symbols Noto lacks.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts
        .font_data
        .insert(REGULAR.to_owned(), unhinted(REGULAR_TTF).into());
    fonts
        .font_data
        .insert(BOLD.to_owned(), unhinted(BOLD_TTF).into());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_faces_are_drawn_unhinted() {
        let fonts = definitions();
        for name in [REGULAR, BOLD] {
            let data = fonts.font_data.get(name).expect("bundled face installed");
            assert_eq!(data.tweak.hinting, Some(false), "{name}");
        }
    }
}
