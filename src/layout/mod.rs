//! Card placement for the line-management forest: a pure function from the forest and card sizes to card
//! positions, elbow connectors and routes for the other links.
//!
//! The engine is the linear-time tidy-tree algorithm of van der Ploeg (2014, "Drawing non-layered tidy trees
//! in linear time") used in its layered form: every card of one depth shares a row, and each row is as tall
//! as its tallest card. Both orientations run the same code on abstract axes (see `axes`).
//!
//! Placers (see `placer`) arrange one manager's reports as a row, a stack, a grid, and staff posts in a
//! band beside the manager's line; a stack or grid is one block pseudo-node of the tree, whose members are
//! laid out as frames of their own (see `frames`), so the tree algorithm stays linear. Which placer each
//! manager gets is the user's choice, else the view's (see `plan`), or auto-fit's (see `autofit`).

mod autofit;
mod axes;
mod connectors;
mod engine;
mod frames;
mod placer;
mod plan;
mod polyline;
mod route;
mod structure;
mod tidy;

#[cfg(test)]
mod placer_tests;
#[cfg(test)]
mod reference_tests;
#[cfg(test)]
mod tests;

use crate::geom::{Point, Rect, Size};
use crate::model::Forest;

pub use polyline::{MAX_CONNECTOR_POINTS, Polyline};
pub use route::{CardRects, LinkRouter, route_link, route_link_with_room};

/// Size given to a card whose size is missing or not a finite, non-negative number.
pub const DEFAULT_CARD_SIZE: Size = Size::new(160.0, 60.0);

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Orientation {
    /// Managers above their reports; levels are rows.
    #[default]
    TopDown,
    /// Managers left of their reports; levels are columns and siblings stack vertically.
    LeftRight,
}

impl std::str::FromStr for Orientation {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "top-down" | "topdown" | "td" => Ok(Self::TopDown),
            "left-right" | "leftright" | "lr" => Ok(Self::LeftRight),
            _ => Err(format!(
                "unknown orientation '{s}': use 'top-down' (or 'td') or 'left-right' (or 'lr')"
            )),
        }
    }
}

impl Orientation {
    pub fn label(&self) -> &'static str {
        match self {
            Self::TopDown => "Top-down",
            Self::LeftRight => "Left-right",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct LayoutOptions {
    pub orientation: Orientation,
    /// Stack a manager's leaf reports (three or more) in a column below it instead of a row. A unit's own
    /// placer (`Unit::placer` other than Auto) overrides this for its reports.
    pub compact: bool,
    /// Space between neighbouring cards of one level (and between stacked cards, halved).
    pub sibling_gap: f32,
    /// Space between the tallest card of one level and the next level.
    pub level_gap: f32,
    /// Space between separate trees (organisations) placed side by side.
    pub root_gap: f32,
    /// When set (width / height), auto-fit picks placers bottom-up so the whole chart's bounds come near
    /// this aspect ratio. `None` keeps today's behaviour (row, or compact stacks when `compact`).
    pub target_aspect: Option<f32>,
    /// Draw every report without reports of its own as a row of a list hanging below its manager (the
    /// list card style's layout): such reports are always stacked, tightly, and auto-fit may pack a
    /// manager's uneven teams into balanced columns.
    pub list_leaves: bool,
    /// With `list_leaves` and a target: when more than one, auto-fit packs each root's teams into this many
    /// balanced columns, each with a column's share of the width, rather than a row (a chart's top level
    /// often has a few deep directorates beside shallow ones, whose room a row leaves empty).
    pub top_columns: usize,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self {
            orientation: Orientation::TopDown,
            compact: false,
            sibling_gap: 24.0,
            level_gap: 56.0,
            root_gap: 72.0,
            target_aspect: None,
            list_leaves: false,
            top_columns: 0,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    /// Card rectangles (top-left and size), indexed like `forest.ids`.
    pub rects: Vec<Rect>,
    /// One elbow per (manager, report) pair, in pre-order of the reports.
    pub connectors: Vec<Connector>,
    /// Union of all card rectangles, without margin.
    pub bounds: Rect,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Connector {
    pub parent: usize,
    pub child: usize,
    /// Orthogonal polyline from the manager's outgoing side to the report's incoming side.
    pub points: Polyline,
}

/// Places every card of `forest`. `sizes[i]` and `pinned[i]` belong to unit `i`; missing sizes count as
/// [`DEFAULT_CARD_SIZE`] and missing pins as unpinned. A pinned card sits at its pin (top-left) and carries its
/// subtree along, except descendants that are pinned themselves.
pub fn layout(
    forest: &Forest,
    sizes: &[Size],
    pinned: &[Option<Point>],
    options: &LayoutOptions,
) -> Layout {
    engine::run(forest, sizes, pinned, options)
}

/// Gaps from the options as non-negative finite numbers, in the engine's f64.
#[derive(Clone, Copy, Debug)]
struct Spacing {
    sibling: f64,
    level: f64,
    root: f64,
    /// Reports without reports are list rows (see `LayoutOptions::list_leaves`).
    list: bool,
}

impl Spacing {
    fn from_options(options: &LayoutOptions) -> Self {
        let defaults = LayoutOptions::default();
        let clean = |value: f32, fallback: f32| {
            if value.is_finite() {
                f64::from(value.max(0.0))
            } else {
                f64::from(fallback)
            }
        };
        Self {
            sibling: clean(options.sibling_gap, defaults.sibling_gap),
            level: clean(options.level_gap, defaults.level_gap),
            root: clean(options.root_gap, defaults.root_gap),
            list: options.list_leaves,
        }
    }

    /// Gap between cards stacked in a column.
    fn stack(&self) -> f64 {
        self.sibling / 2.0
    }

    /// Gap between members stacked in a column: list rows (single cards in the list view) all but touch,
    /// so a list reads as one block.
    fn stack_of(&self, uniform: bool) -> f64 {
        if self.list && uniform {
            LIST_ROW_GAP
        } else {
            self.stack()
        }
    }
}

/// Space between the rows of a list.
const LIST_ROW_GAP: f64 = 1.5;
