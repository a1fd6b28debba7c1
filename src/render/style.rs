//! Colours, type sizes and spacing: every visual constant of a chart lives here, so the canvas and every
//! export share one look. Status, link and change colours come from the Okabe-Ito palette, which stays
//! distinguishable for the common kinds of colour blindness; each is always paired with a word or a
//! line pattern, never shown by colour alone.

use crate::model::{LinkKind, Status};

use super::build::{ChangeMark, Theme};
use super::drawing::{Dash, Rgba};

// Okabe-Ito (2008). Yellow is left out: it disappears on a white page.
pub const ORANGE: Rgba = Rgba::rgb(0xE6, 0x9F, 0x00);
pub const SKY_BLUE: Rgba = Rgba::rgb(0x56, 0xB4, 0xE9);
pub const BLUISH_GREEN: Rgba = Rgba::rgb(0x00, 0x9E, 0x73);
pub const BLUE: Rgba = Rgba::rgb(0x00, 0x72, 0xB2);
pub const VERMILLION: Rgba = Rgba::rgb(0xD5, 0x5E, 0x00);
pub const REDDISH_PURPLE: Rgba = Rgba::rgb(0xCC, 0x79, 0xA7);

/// Okabe-Ito yellow: too light for a line on a white page, but it reads as a bar, a band or a tint.
pub const YELLOW: Rgba = Rgba::rgb(0xF0, 0xE4, 0x42);

/// Colours for categories (colour by organisation, department, grade or tag; an organisation's bar): the
/// Okabe-Ito palette in its published order, distinguishable with the common kinds of colour blindness.
/// Beyond seven categories the rest share `OTHER_CATEGORY`, and the key says so.
pub const CATEGORY: [Rgba; 7] = [
    ORANGE,
    SKY_BLUE,
    BLUISH_GREEN,
    YELLOW,
    BLUE,
    VERMILLION,
    REDDISH_PURPLE,
];

/// Okabe-Ito grey, for categories beyond the seven colours.
pub const OTHER_CATEGORY: Rgba = Rgba::rgb(0x99, 0x99, 0x99);

/// The colour of the `i`th category (from 0).
pub fn category_color(i: usize) -> Rgba {
    CATEGORY.get(i).copied().unwrap_or(OTHER_CATEGORY)
}

/// Type sizes in chart units (1 unit = 1 px at 100%).
pub const NAME_SIZE: f32 = 14.0;
pub const ROLE_SIZE: f32 = 12.0;
pub const FIGURES_SIZE: f32 = 11.5;
pub const BADGE_SIZE: f32 = 10.5;
pub const LINK_LABEL_SIZE: f32 = 11.0;
pub const TITLE_SIZE: f32 = 20.0;
pub const LEGEND_SIZE: f32 = 12.0;
pub const NOTE_SIZE: f32 = 11.5;
pub const FOOTER_SIZE: f32 = 12.5;

/// Card geometry.
pub const CARD_BASE_WIDTH: f32 = 180.0;
/// Cards widen only when a name does not fit in two rows at the base width; never beyond this.
pub const CARD_MAX_WIDTH: f32 = 340.0;
pub const CARD_PAD_X: f32 = 12.0;
pub const CARD_PAD_Y: f32 = 10.0;
pub const CARD_RADIUS: f32 = 6.0;
pub const STATUS_BAND: f32 = 5.0;
pub const MAX_NAME_ROWS: usize = 2;
pub const BADGE_PAD_X: f32 = 6.0;
pub const BADGE_PAD_Y: f32 = 1.5;
pub const BADGE_GAP: f32 = 4.0;

/// Margin around everything in a drawing.
pub const MARGIN: f32 = 28.0;

pub const CONNECTOR_WIDTH: f32 = 1.5;
pub const LINK_WIDTH: f32 = 1.75;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    pub background: Rgba,
    pub card_fill: Rgba,
    pub card_border: Rgba,
    /// Names, titles, badge words: the strongest text.
    pub ink: Rgba,
    /// Roles: a step quieter.
    pub role: Rgba,
    /// Headcount and cost line, notes: quiet.
    pub quiet: Rgba,
    pub connector: Rgba,
    pub dotted: Rgba,
    pub legend_border: Rgba,
    pub neutral_badge: Rgba,
}

pub fn palette(theme: Theme) -> Palette {
    match theme {
        Theme::Light => Palette {
            background: Rgba::rgb(0xFF, 0xFF, 0xFF),
            card_fill: Rgba::rgb(0xFF, 0xFF, 0xFF),
            card_border: Rgba::rgb(0x9A, 0xA5, 0xB1),
            ink: Rgba::rgb(0x1B, 0x24, 0x30),
            role: Rgba::rgb(0x3E, 0x4C, 0x59),
            quiet: Rgba::rgb(0x5F, 0x6B, 0x7A),
            connector: Rgba::rgb(0x7B, 0x87, 0x94),
            dotted: Rgba::rgb(0x33, 0x3D, 0x4A),
            legend_border: Rgba::rgb(0xD0, 0xD6, 0xDD),
            neutral_badge: Rgba::rgb(0x7B, 0x87, 0x94),
        },
        Theme::Dark => Palette {
            background: Rgba::rgb(0x1C, 0x1E, 0x22),
            card_fill: Rgba::rgb(0x2A, 0x2D, 0x33),
            card_border: Rgba::rgb(0x58, 0x60, 0x6B),
            ink: Rgba::rgb(0xF2, 0xF4, 0xF7),
            role: Rgba::rgb(0xC9, 0xCF, 0xD6),
            quiet: Rgba::rgb(0xA0, 0xA9, 0xB4),
            connector: Rgba::rgb(0x86, 0x90, 0x9C),
            dotted: Rgba::rgb(0xD0, 0xD6, 0xDD),
            legend_border: Rgba::rgb(0x44, 0x4A, 0x53),
            neutral_badge: Rgba::rgb(0x86, 0x90, 0x9C),
        },
    }
}

/// The colour of a status's edge band and badge; `None` for in-house, which is the unmarked default.
/// Outsourced shares its colour with contract links and shared with shared-service links: same meaning,
/// same colour.
pub fn status_color(status: &Status, palette: &Palette) -> Option<Rgba> {
    match status {
        Status::InHouse => None,
        Status::Outsourced { .. } => Some(REDDISH_PURPLE),
        Status::Shared { .. } => Some(SKY_BLUE),
        Status::Vacant => Some(palette.quiet),
        Status::New => Some(BLUISH_GREEN),
        Status::ToBeDeleted => Some(VERMILLION),
    }
}

/// Before/after colours: added green, removed red, moved blue, changed amber, everywhere.
pub fn mark_color(mark: &ChangeMark) -> Rgba {
    match mark {
        ChangeMark::Added => BLUISH_GREEN,
        ChangeMark::Removed => VERMILLION,
        ChangeMark::Moved => BLUE,
        ChangeMark::Changed { .. } => ORANGE,
    }
}

pub fn mark_word(mark: &ChangeMark) -> String {
    match mark {
        ChangeMark::Added => "Added".to_owned(),
        ChangeMark::Removed => "Removed".to_owned(),
        ChangeMark::Moved => "Moved".to_owned(),
        ChangeMark::Changed { details } if details.is_empty() => "Changed".to_owned(),
        ChangeMark::Changed { details } => format!("Changed: {}", details.join(", ")),
    }
}

/// How a non-line link is stroked; each kind differs in pattern as well as colour.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkStyle {
    pub color: Rgba,
    pub dash: Dash,
    /// Drawn as two parallel lines (a wide coloured stroke with a background-coloured core).
    pub double: bool,
    /// An arrow head at the `to` end (the provider of a contract).
    pub arrow: bool,
}

pub fn link_style(kind: LinkKind, palette: &Palette) -> LinkStyle {
    match kind {
        LinkKind::Dotted => LinkStyle {
            color: palette.dotted,
            dash: Dash::Pattern(vec![5.0, 4.0]),
            double: false,
            arrow: false,
        },
        LinkKind::Contract => LinkStyle {
            color: REDDISH_PURPLE,
            dash: Dash::Pattern(vec![10.0, 4.0, 2.0, 4.0]),
            double: false,
            arrow: true,
        },
        LinkKind::SharedService => LinkStyle {
            color: SKY_BLUE,
            dash: Dash::Solid,
            double: true,
            arrow: false,
        },
    }
}

/// `a` laid over `b` with weight `t` (0 = all `b`, 1 = all `a`), as an opaque colour so output stays exact.
pub fn mix(a: Rgba, b: Rgba, t: f32) -> Rgba {
    let channel = |x: u8, y: u8| (f32::from(x) * t + f32::from(y) * (1.0 - t)).round() as u8;
    Rgba::rgb(channel(a.r, b.r), channel(a.g, b.g), channel(a.b, b.b))
}

/// How strongly a badge's colour tints its background.
pub fn badge_tint(theme: Theme) -> f32 {
    match theme {
        Theme::Light => 0.18,
        Theme::Dark => 0.35,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mix_blends_channels() {
        let black = Rgba::rgb(0, 0, 0);
        let white = Rgba::rgb(255, 255, 255);
        assert_eq!(mix(black, white, 0.0), white);
        assert_eq!(mix(black, white, 1.0), black);
        assert_eq!(mix(black, white, 0.5), Rgba::rgb(128, 128, 128));
    }

    #[test]
    fn every_link_kind_has_its_own_colour_and_pattern() {
        let p = palette(Theme::Light);
        let styles: Vec<LinkStyle> = LinkKind::ALL.iter().map(|&k| link_style(k, &p)).collect();
        for (i, a) in styles.iter().enumerate() {
            for b in &styles[i + 1..] {
                assert_ne!(a.color, b.color);
                assert!(a.dash != b.dash || a.double != b.double);
            }
        }
    }

    #[test]
    fn change_marks_use_distinct_colours() {
        let marks = [
            ChangeMark::Added,
            ChangeMark::Removed,
            ChangeMark::Moved,
            ChangeMark::Changed { details: vec![] },
        ];
        let colors: Vec<Rgba> = marks.iter().map(mark_color).collect();
        for (i, a) in colors.iter().enumerate() {
            assert!(!colors[i + 1..].contains(a));
        }
    }
}
