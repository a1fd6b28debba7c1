//! PLACEHOLDER layout with the final API; the real tidy-tree engine replaces this file.

use crate::geom::{Point, Rect, Size};
use crate::model::Forest;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Orientation {
    #[default]
    TopDown,
    LeftRight,
}

impl std::str::FromStr for Orientation {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "top-down" | "td" => Ok(Self::TopDown),
            "left-right" | "lr" => Ok(Self::LeftRight),
            other => Err(format!(
                "unknown orientation '{other}': use top-down or left-right"
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
    pub compact: bool,
    pub sibling_gap: f32,
    pub level_gap: f32,
    pub root_gap: f32,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self {
            orientation: Orientation::TopDown,
            compact: false,
            sibling_gap: 24.0,
            level_gap: 56.0,
            root_gap: 72.0,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub rects: Vec<Rect>,
    pub connectors: Vec<Connector>,
    pub bounds: Rect,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Connector {
    pub parent: usize,
    pub child: usize,
    pub points: Vec<Point>,
}

pub fn layout(
    forest: &Forest,
    sizes: &[Size],
    pinned: &[Option<Point>],
    options: &LayoutOptions,
) -> Layout {
    let n = forest.len();
    let size = |i: usize| sizes.get(i).copied().unwrap_or(Size::new(160.0, 60.0));
    let depths = forest.depths();
    let levels = depths.iter().max().map_or(0, |d| d + 1);
    let mut level_h = vec![0.0f32; levels];
    for i in 0..n {
        level_h[depths[i]] = level_h[depths[i]].max(size(i).h);
    }
    let mut level_y = vec![0.0f32; levels];
    for d in 1..levels {
        level_y[d] = level_y[d - 1] + level_h[d - 1] + options.level_gap;
    }
    let mut width = vec![0.0f32; n];
    for i in (0..n).rev() {
        let kids: f32 = forest.children[i].iter().map(|&c| width[c]).sum::<f32>()
            + options.sibling_gap * forest.children[i].len().saturating_sub(1) as f32;
        width[i] = size(i).w.max(kids);
    }
    let mut left = vec![0.0f32; n];
    let mut cursor = 0.0;
    for &r in &forest.roots {
        left[r] = cursor;
        cursor += width[r] + options.root_gap;
    }
    let mut rects = vec![Rect::default(); n];
    for i in 0..n {
        let kids_w: f32 = forest.children[i].iter().map(|&c| width[c]).sum::<f32>()
            + options.sibling_gap * forest.children[i].len().saturating_sub(1) as f32;
        let mut x = left[i] + (width[i] - kids_w) / 2.0;
        for &c in &forest.children[i] {
            left[c] = x;
            x += width[c] + options.sibling_gap;
        }
        let s = size(i);
        rects[i] = Rect::new(
            left[i] + (width[i] - s.w) / 2.0,
            level_y[depths[i]],
            s.w,
            s.h,
        );
    }
    let mut offset = vec![(0.0f32, 0.0f32); n];
    for i in 0..n {
        let inherited = forest.parent[i].map_or((0.0, 0.0), |p| offset[p]);
        offset[i] = match pinned.get(i).copied().flatten() {
            Some(pin) => (pin.x - rects[i].x, pin.y - rects[i].y),
            None => inherited,
        };
        rects[i] = rects[i].translate(offset[i].0, offset[i].1);
    }
    let mut connectors = Vec::new();
    for i in 0..n {
        if let Some(p) = forest.parent[i] {
            let (a, b) = (rects[p], rects[i]);
            let mid = a.bottom() + options.level_gap / 2.0;
            connectors.push(Connector {
                parent: p,
                child: i,
                points: vec![
                    Point::new(a.center().x, a.bottom()),
                    Point::new(a.center().x, mid),
                    Point::new(b.center().x, mid),
                    Point::new(b.center().x, b.y),
                ],
            });
        }
    }
    let bounds = Rect::bounding(&rects).unwrap_or_default();
    Layout {
        rects,
        connectors,
        bounds,
    }
}

pub fn route_link(from: Rect, to: Rect, _layout: &Layout, _options: &LayoutOptions) -> Vec<Point> {
    vec![
        from.center(),
        Point::new(to.center().x, from.center().y),
        to.center(),
    ]
}
