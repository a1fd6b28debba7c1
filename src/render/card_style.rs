//! How much a card says and at what size: the standard card of the canvas and most exports, and a dense
//! card for paper, where a whole chart has to fit one page and every point of type counts.
//!
//! The dense card keeps what identifies a post (name, role, status, figures) but drops the department
//! line, clips a long role to two rows, and sets its text closer to one size: a page is scaled until its
//! smallest text reaches the readable minimum, so the ratio of the smallest text to the card's area decides
//! how many cards a page holds.

use serde::{Deserialize, Serialize};

use super::style;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CardStyle {
    #[default]
    Standard,
    Dense,
}

impl CardStyle {
    pub const ALL: [CardStyle; 2] = [CardStyle::Standard, CardStyle::Dense];

    pub fn label(self) -> &'static str {
        match self {
            CardStyle::Standard => "Standard",
            CardStyle::Dense => "Dense",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "standard" => Some(CardStyle::Standard),
            "dense" => Some(CardStyle::Dense),
            _ => None,
        }
    }

    pub fn metrics(self) -> &'static CardMetrics {
        match self {
            CardStyle::Standard => &STANDARD,
            CardStyle::Dense => &DENSE,
        }
    }
}

/// Type sizes and spacing of one card style, in chart units.
#[derive(Debug, PartialEq)]
pub struct CardMetrics {
    pub name_size: f32,
    pub role_size: f32,
    pub figures_size: f32,
    pub badge_size: f32,
    pub base_width: f32,
    pub max_width: f32,
    pub pad_x: f32,
    pub pad_y: f32,
    pub radius: f32,
    pub status_band: f32,
    pub badge_pad_x: f32,
    pub badge_pad_y: f32,
    pub badge_gap: f32,
    /// Rows a name wraps into at the base width before the card widens.
    pub max_name_rows: usize,
    /// Rows a role is clipped to (with an ellipsis); `None` shows all of it.
    pub max_role_rows: Option<usize>,
    pub department: bool,
    /// Space above the role and department lines.
    pub row_gap: f32,
    /// Space under the badges and above the figures row.
    pub section_gap: f32,
    /// How far a board's inner frame sits inside its outer one.
    pub double_border_inset: f32,
    /// Labels on dotted and contract lines between cards of this style.
    pub label_size: f32,
}

impl CardMetrics {
    /// The smallest text a card of this style can carry.
    pub fn smallest_text(&self) -> f32 {
        self.badge_size
            .min(self.label_size)
            .min(self.figures_size)
            .min(self.role_size)
            .min(self.name_size)
    }
}

const STANDARD: CardMetrics = CardMetrics {
    name_size: style::NAME_SIZE,
    role_size: style::ROLE_SIZE,
    figures_size: style::FIGURES_SIZE,
    badge_size: style::BADGE_SIZE,
    base_width: style::CARD_BASE_WIDTH,
    max_width: style::CARD_MAX_WIDTH,
    pad_x: style::CARD_PAD_X,
    pad_y: style::CARD_PAD_Y,
    radius: style::CARD_RADIUS,
    status_band: style::STATUS_BAND,
    badge_pad_x: style::BADGE_PAD_X,
    badge_pad_y: style::BADGE_PAD_Y,
    badge_gap: style::BADGE_GAP,
    max_name_rows: style::MAX_NAME_ROWS,
    max_role_rows: None,
    department: true,
    row_gap: 1.0,
    section_gap: 5.0,
    double_border_inset: 3.5,
    label_size: style::LINK_LABEL_SIZE,
};

const DENSE: CardMetrics = CardMetrics {
    name_size: 10.0,
    role_size: 9.0,
    figures_size: 9.0,
    badge_size: 9.0,
    base_width: 118.0,
    max_width: 190.0,
    pad_x: 6.0,
    pad_y: 4.5,
    radius: 3.0,
    status_band: 3.5,
    badge_pad_x: 3.5,
    badge_pad_y: 0.5,
    badge_gap: 3.0,
    max_name_rows: 2,
    max_role_rows: Some(2),
    department: false,
    row_gap: 0.0,
    section_gap: 2.0,
    double_border_inset: 2.0,
    label_size: 9.0,
};
