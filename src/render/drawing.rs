//! The drawing description: what a chart looks like as plain shapes and text rows, in chart units.
//! Every backend (SVG, PNG, PDF) and the egui canvas paint exactly this, so what you see is what you export.

use crate::geom::{Point, Rect};
use crate::model::UnitId;

/// sRGB colour with straight alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgba {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: u8,
}

impl Rgba {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b, a: 255 }
    }

    pub const fn with_alpha(self, a: u8) -> Self {
        Self { a, ..self }
    }

    /// `#rrggbb`, for SVG.
    pub fn hex(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    pub fn opacity(&self) -> f32 {
        f32::from(self.a) / 255.0
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FontWeight {
    Regular,
    Bold,
}

/// How a line is stroked: solid, or a repeating dash pattern (lengths in chart units).
#[derive(Clone, Debug, PartialEq)]
pub enum Dash {
    Solid,
    Pattern(Vec<f32>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stroke {
    pub width: f32,
    pub color: Rgba,
    pub dash: Dash,
}

impl Stroke {
    pub fn solid(width: f32, color: Rgba) -> Self {
        Self {
            width,
            color,
            dash: Dash::Solid,
        }
    }

    pub fn none() -> Self {
        Self::solid(0.0, Rgba::rgb(0, 0, 0).with_alpha(0))
    }

    pub fn is_visible(&self) -> bool {
        self.width > 0.0 && self.color.a > 0
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Rect {
        rect: Rect,
        corner_radius: f32,
        fill: Option<Rgba>,
        stroke: Stroke,
    },
    /// An open polyline; `arrow_end` draws a filled arrow head at the last point.
    Path {
        points: Vec<Point>,
        stroke: Stroke,
        arrow_end: bool,
    },
    /// One laid-out row of text: never wrapped by a backend. `pos` is the left end of the baseline.
    Text {
        pos: Point,
        text: String,
        size: f32,
        weight: FontWeight,
        color: Rgba,
        strike: bool,
    },
}

/// Which unit, if any, a group of shapes belongs to: lets the canvas hit-test and highlight cards.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub id: UnitId,
    pub rect: Rect,
    /// Index range into `Drawing::shapes` of the shapes that draw this card.
    pub shapes: std::ops::Range<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Drawing {
    /// The area to show or export, margins included.
    pub bounds: Rect,
    pub background: Rgba,
    /// Painted in order: connectors first, then cards, then legend and footer.
    pub shapes: Vec<Shape>,
    pub cards: Vec<Card>,
}

impl Drawing {
    pub fn card(&self, id: &UnitId) -> Option<&Card> {
        self.cards.iter().find(|card| &card.id == id)
    }

    /// Every row of text, in painting order: what a reader sees, for checks and tests.
    pub fn texts(&self) -> Vec<&str> {
        self.shapes
            .iter()
            .filter_map(|shape| match shape {
                Shape::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The card under a point, topmost first.
    pub fn card_at(&self, p: Point) -> Option<&Card> {
        self.cards.iter().rev().find(|card| card.rect.contains(p))
    }
}
