//! The drawing description: what a chart looks like as plain shapes and text rows, in chart units.
//! Every backend (SVG, PNG, PDF) and the egui canvas paint exactly this, so what you see is what you export.

use std::ops::Range;

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

/// Replaces ranges of `items` with new contents: `edits` are (old range, new items), sorted and disjoint.
/// Returns each edit's old range and the range its new items now take. Items between the edits keep their
/// order and are moved, never cloned (a drawing's shapes, or what a view keeps per shape).
pub fn splice_ranges<T>(
    items: &mut Vec<T>,
    edits: Vec<(Range<usize>, Vec<T>)>,
) -> Vec<(Range<usize>, Range<usize>)> {
    let mut ranges = Vec::with_capacity(edits.len());
    if edits.iter().all(|(old, new)| old.len() == new.len()) {
        for (old, new) in edits {
            ranges.push((old.clone(), old.clone()));
            for (slot, item) in items[old].iter_mut().zip(new) {
                *slot = item;
            }
        }
        return ranges;
    }
    let old_items = std::mem::take(items);
    items.reserve(old_items.len());
    let mut rest = old_items.into_iter();
    let mut at = 0;
    for (old, new) in edits {
        items.extend(rest.by_ref().take(old.start.saturating_sub(at)));
        rest.by_ref().take(old.len()).for_each(drop);
        let start = items.len();
        items.extend(new);
        ranges.push((old.clone(), start..items.len()));
        at = old.end;
    }
    items.extend(rest);
    ranges
}

/// Where `range` (of items an edit in `ranges` did not replace) is after [`splice_ranges`].
pub fn shifted(range: &Range<usize>, ranges: &[(Range<usize>, Range<usize>)]) -> Range<usize> {
    let before = ranges.partition_point(|(old, _)| old.end <= range.start);
    let delta = ranges[..before].iter().fold(0isize, |d, (old, new)| {
        d + new.len() as isize - old.len() as isize
    });
    let move_by = |i: usize| (i as isize + delta).max(0) as usize;
    move_by(range.start)..move_by(range.end)
}

#[cfg(test)]
mod splice_tests {
    use super::*;

    #[test]
    fn splicing_keeps_what_lies_between_and_says_where_everything_went() {
        let mut items: Vec<u32> = (0..10).collect();
        let ranges = splice_ranges(&mut items, vec![(2..4, vec![20]), (6..7, vec![60, 61, 62])]);
        assert_eq!(items, vec![0, 1, 20, 4, 5, 60, 61, 62, 7, 8, 9]);
        assert_eq!(ranges, vec![(2..4, 2..3), (6..7, 5..8)]);
        assert_eq!(shifted(&(7..10), &ranges), 8..11);
        assert_eq!(shifted(&(0..2), &ranges), 0..2);
        assert_eq!(shifted(&(4..6), &ranges), 3..5);

        let mut same: Vec<u32> = (0..4).collect();
        let ranges = splice_ranges(&mut same, vec![(1..3, vec![7, 8])]);
        assert_eq!(same, vec![0, 7, 8, 3]);
        assert_eq!(ranges, vec![(1..3, 1..3)]);
    }
}
