//! How much a card says and at what size: the standard card of the canvas and most exports, and a dense
//! card for paper, where a whole chart has to fit one page and every point of type counts.
//!
//! The dense card keeps what identifies a post (name, role, status, figures) but drops the department
//! line, clips a long role to two rows, and sets its text closer to one size: a page is scaled until its
//! smallest text reaches the readable minimum, so the ratio of the smallest text to the card's area decides
//! how many cards a page holds.
//!
//! The list style goes further, as org-chart tools do for big charts: a post without reports is not a card
//! but one line ("Name · Role") in a list hanging below its manager, whose dense card counts its figures.
//! Managers keep dense cards.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::layout::LayoutOptions;

use super::style;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CardStyle {
    #[default]
    Standard,
    Dense,
    /// Dense cards for managers, one-line list rows for the posts without reports.
    List,
}

impl CardStyle {
    pub const ALL: [CardStyle; 3] = [CardStyle::Standard, CardStyle::Dense, CardStyle::List];

    pub fn label(self) -> &'static str {
        match self {
            CardStyle::Standard => "Standard",
            CardStyle::Dense => "Dense",
            CardStyle::List => "List",
        }
    }

    /// Whether siblings' cards are stretched to one height, their figures rows in line: not in the list
    /// style, whose pages are for big charts, where the room counts more than the alignment.
    pub fn stretches(self) -> bool {
        self != CardStyle::List
    }

    /// Whether a unit is drawn as a list row rather than a card: in the list style, when it has no
    /// reports (drawn or hidden by collapsing).
    pub fn draws_row(self, has_reports: bool) -> bool {
        self == CardStyle::List && !has_reports
    }

    /// The layout for cards of this style: list rows stack tightly below their managers.
    pub fn layout_options<'a>(self, options: &'a LayoutOptions) -> Cow<'a, LayoutOptions> {
        if self == CardStyle::List && !options.list_leaves {
            Cow::Owned(LayoutOptions {
                list_leaves: true,
                ..options.clone()
            })
        } else {
            Cow::Borrowed(options)
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "standard" => Some(CardStyle::Standard),
            "dense" => Some(CardStyle::Dense),
            "list" | "lists" => Some(CardStyle::List),
            _ => None,
        }
    }

    pub fn metrics(self) -> &'static CardMetrics {
        match self {
            CardStyle::Standard => &STANDARD,
            CardStyle::Dense => &DENSE,
            CardStyle::List => &LIST_MANAGER,
        }
    }

    /// The smallest text any card or row of this style carries.
    pub fn smallest_text(self) -> f32 {
        let cards = self.metrics().smallest_text();
        match self {
            CardStyle::List => cards.min(LIST_ROW.text_size),
            _ => cards,
        }
    }
}

/// Sizes of a list row, in chart units.
#[derive(Debug, PartialEq)]
pub struct RowMetrics {
    /// The name (bold) and role (regular) share one size: the page's smallest text is this.
    pub text_size: f32,
    /// A row is at least this wide, wider for a long name up to `max_width`; every row of a list takes
    /// its widest row's width, so the list is one even block. The role is clipped with "…" to fit.
    pub width: f32,
    pub max_width: f32,
    pub pad_x: f32,
    pub pad_y: f32,
    pub radius: f32,
    /// A status shows as a coloured tick this wide at the row's left edge.
    pub tick: f32,
}

pub const LIST_ROW: RowMetrics = RowMetrics {
    text_size: 9.0,
    width: 135.0,
    max_width: 240.0,
    pad_x: 4.0,
    pad_y: 1.5,
    radius: 1.5,
    tick: 3.0,
};

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

/// A manager's card in the list style: dense, with its role on one row.
const LIST_MANAGER: CardMetrics = CardMetrics {
    max_role_rows: Some(1),
    ..DENSE
};
