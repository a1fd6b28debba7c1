//! PLACEHOLDER drawing builder with the final API; the render work replaces this file.

use std::collections::HashMap;

use crate::geom::{Point, Rect, Size};
use crate::layout::{LayoutOptions, layout};
use crate::model::{Chart, UnitId};

use super::drawing::{Card, Drawing, FontWeight, Rgba, Shape, Stroke};
use super::text;

/// How a unit is marked in a before/after change view.
#[derive(Clone, Debug, PartialEq)]
pub enum ChangeMark {
    Added,
    Removed,
    Moved,
    Changed { details: Vec<String> },
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RenderOptions {
    pub layout: LayoutOptions,
    pub theme: Theme,
    pub title: Option<String>,
    pub legend: bool,
    pub totals_footer: bool,
    pub respect_collapsed: bool,
    /// Draw only this unit and its subtree.
    pub subtree: Option<UnitId>,
    pub marks: HashMap<UnitId, ChangeMark>,
}

impl Default for RenderOptions {
    fn default() -> Self {
        Self {
            layout: LayoutOptions::default(),
            theme: Theme::Light,
            title: None,
            legend: true,
            totals_footer: true,
            respect_collapsed: false,
            subtree: None,
            marks: HashMap::new(),
        }
    }
}

pub fn build_drawing(chart: &Chart, options: &RenderOptions) -> Drawing {
    let forest = chart.forest(options.respect_collapsed);
    let sizes: Vec<Size> = forest
        .ids
        .iter()
        .map(|id| {
            let name = chart.unit(id).map(|u| u.name.as_str()).unwrap_or("");
            Size::new(
                text::text_width(name, 14.0, FontWeight::Bold).max(120.0) + 24.0,
                48.0,
            )
        })
        .collect();
    let pinned: Vec<Option<Point>> = forest
        .ids
        .iter()
        .map(|id| chart.unit(id).and_then(|u| u.pinned))
        .collect();
    let placed = layout(&forest, &sizes, &pinned, &options.layout);
    let ink = Rgba::rgb(40, 40, 40);
    let mut shapes = Vec::new();
    for connector in &placed.connectors {
        shapes.push(Shape::Path {
            points: connector.points.clone(),
            stroke: Stroke::solid(1.5, ink),
            arrow_end: false,
        });
    }
    let mut cards = Vec::new();
    for (i, id) in forest.ids.iter().enumerate() {
        let rect = placed.rects[i];
        let start = shapes.len();
        shapes.push(Shape::Rect {
            rect,
            corner_radius: 6.0,
            fill: Some(Rgba::rgb(255, 255, 255)),
            stroke: Stroke::solid(1.0, ink),
        });
        let name = chart.unit(id).map(|u| u.name.clone()).unwrap_or_default();
        shapes.push(Shape::Text {
            pos: Point::new(
                rect.x + 12.0,
                rect.y + 12.0 + text::ascent(14.0, FontWeight::Bold),
            ),
            text: name,
            size: 14.0,
            weight: FontWeight::Bold,
            color: ink,
            strike: false,
        });
        cards.push(Card {
            id: id.clone(),
            rect,
            shapes: start..shapes.len(),
        });
    }
    Drawing {
        bounds: placed.bounds.expand(24.0),
        background: Rgba::rgb(255, 255, 255),
        shapes,
        cards,
    }
}

#[allow(dead_code)]
fn unused(_: Rect) {}
