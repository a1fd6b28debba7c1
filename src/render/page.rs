//! A chart drawing placed on a sheet of paper: the title and heading at the top, the key and footer at the
//! bottom at a fixed print size, and the chart scaled into the space between.
//!
//! Page drawings are in page units of 0.75 pt (96 to the inch, as every other drawing), so the PDF backend
//! makes a page of exactly the paper's size and text size `s` prints at `0.75 s` points.

use crate::geom::{Point, Rect};
use crate::paper::Paper;

use super::build::Theme;
use super::colour_by::ColourKey;
use super::drawing::{Card, Dash, Drawing, FontWeight, Shape, Stroke};
use super::legend::{self, LegendEntries};
use super::style::{self, Palette};
use super::text;

mod corner;

pub use corner::{free_key_corner, title_is_clear};

/// Page units per point.
pub const UNITS_PER_POINT: f32 = 96.0 / 72.0;
/// No text may print smaller than this, in points.
pub const MIN_TEXT_POINTS: f32 = 6.0;
/// The blank edge of the paper, in points.
pub const MARGIN_POINTS: f32 = 28.0;
/// A fitted page's blank edge: still clear of what printers cannot reach, the rest goes to the chart.
pub const COMPACT_MARGIN_POINTS: f32 = 16.0;

const TITLE_SIZE: f32 = 18.0;
const HEADING_SIZE: f32 = 12.0;
const FOOTER_SIZE: f32 = 11.0;
/// A fitted page's furniture is smaller, to leave the chart more of the page: the title at 12 pt, the
/// footer and the key's smallest text just above the readable minimum (page units).
const COMPACT_TITLE_SIZE: f32 = 16.0;
const COMPACT_FOOTER_SIZE: f32 = 8.6;
const COMPACT_KEY_TEXT: f32 = 8.4;
/// The width of the key when it stands in a column right of the chart, in page units.
const KEY_COLUMN_W: f32 = 175.0;
/// Space between the heading, the chart and the key, in page units.
const GAP: f32 = 12.0;
/// The heading (the chain of managers above a page's branch) may take this many rows.
pub const MAX_HEADING_ROWS: usize = 2;

/// What surrounds the chart on a page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Furniture {
    pub title: String,
    /// Rows under the title (the chain of managers, "from page 3").
    pub heading: String,
    pub key: Option<(LegendEntries, Vec<String>)>,
    /// The colours of a chart coloured by a field, listed in the key.
    pub colours: Option<ColourKey>,
    /// Left of the footer row (totals, the date).
    pub footer_left: String,
    /// Right of the footer row (the page number).
    pub footer_right: String,
    /// A fitted page: a smaller title and footer, and the key in small type (see `COMPACT_KEY_TEXT`).
    pub compact: bool,
}

impl Furniture {
    fn title_size(&self) -> f32 {
        if self.compact {
            COMPACT_TITLE_SIZE
        } else {
            TITLE_SIZE
        }
    }

    fn footer_size(&self) -> f32 {
        if self.compact {
            COMPACT_FOOTER_SIZE
        } else {
            FOOTER_SIZE
        }
    }

    /// The title's row on `sheet`, `None` without a title.
    fn title_rect(&self, sheet: &Sheet) -> Option<Rect> {
        let title = self.title.trim();
        if title.is_empty() {
            return None;
        }
        let content = sheet.size.expand(-self.margin());
        let line = first_row(title, self.title_size(), FontWeight::Bold, content.w);
        Some(Rect::new(
            content.x,
            content.y,
            text::text_width(&line, self.title_size(), FontWeight::Bold),
            text::line_height(self.title_size(), FontWeight::Bold),
        ))
    }

    fn margin(&self) -> f32 {
        if self.compact {
            COMPACT_MARGIN_POINTS * UNITS_PER_POINT
        } else {
            MARGIN_POINTS * UNITS_PER_POINT
        }
    }

    fn footer_height(&self) -> f32 {
        text::line_height(self.footer_size(), FontWeight::Regular)
    }
}

/// Where the key goes on a sheet.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum KeyPlace {
    /// Across the page above the footer row.
    Below,
    /// In a column right of the chart, at the foot of the page.
    Right,
    /// Inside the chart box, in this rectangle (its width the key's to flow in): a corner the chart leaves
    /// empty, found by `free_key_corner`.
    At(Rect),
}

/// A sheet of paper and the box its chart goes into, in page units.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub size: Rect,
    pub chart_box: Rect,
    pub key: KeyPlace,
}

impl Sheet {
    /// The chart box left on `paper` once the furniture has its room. The heading always keeps room for
    /// `MAX_HEADING_ROWS` when `heading_rows` is more than zero, so every page of a document has the same box.
    pub fn new(paper: &Paper, furniture: &Furniture, heading_rows: usize) -> Self {
        Self::with_key(paper, furniture, heading_rows, KeyPlace::Below)
    }

    /// As `new`, with the key where `key` says: below takes the key's height from the chart box, right its
    /// width, and a corner inside the box nothing (the caller checked the chart leaves it empty).
    pub fn with_key(
        paper: &Paper,
        furniture: &Furniture,
        heading_rows: usize,
        key: KeyPlace,
    ) -> Self {
        let size = paper_rect(paper);
        let content = size.expand(-furniture.margin());
        let mut top = content.y;
        if !furniture.title.trim().is_empty() {
            top += text::line_height(furniture.title_size(), FontWeight::Bold);
        }
        if heading_rows > 0 {
            top += heading_rows.min(MAX_HEADING_ROWS) as f32
                * text::line_height(HEADING_SIZE, FontWeight::Regular);
        }
        if top > content.y {
            top += GAP;
        }
        let mut bottom = content.bottom() - furniture.footer_height();
        let mut width = content.w;
        match key {
            KeyPlace::Below => {
                if let Some(area) = key_size(furniture, content.w) {
                    bottom -= area.h + GAP / 2.0;
                }
            }
            KeyPlace::Right => {
                if let Some(area) = key_size(furniture, KEY_COLUMN_W) {
                    width -= area.w + GAP;
                }
            }
            KeyPlace::At(_) => {}
        }
        // A fitted page's chart comes closer to the footer row, which is set in small type.
        bottom -= if furniture.compact { GAP / 2.0 } else { GAP };
        let chart_box = Rect::new(content.x, top, width.max(1.0), (bottom - top).max(1.0));
        Self {
            size,
            chart_box,
            key,
        }
    }
}

impl Sheet {
    /// This sheet with the chart box taking in the title's row (a page without a heading): for a chart
    /// whose top corner beside the title is empty, as `title_is_clear` checks.
    pub fn title_in_box(self, furniture: &Furniture) -> Self {
        let top = self.size.y + furniture.margin();
        let chart_box = Rect::new(
            self.chart_box.x,
            top,
            self.chart_box.w,
            self.chart_box.bottom() - top,
        );
        Self { chart_box, ..self }
    }
}

/// The whole sheet in page units.
pub fn paper_rect(paper: &Paper) -> Rect {
    Rect::new(
        0.0,
        0.0,
        paper.width * UNITS_PER_POINT,
        paper.height * UNITS_PER_POINT,
    )
}

/// How the chart sits in its box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Placement {
    /// As large as the box allows, centred: it touches two opposite edges.
    Fill,
    /// No larger than print size, at the top of the box, centred across.
    AtMost(f32),
}

/// Lays the sheet out: furniture painted, `chart` (chart units; `chart_area` is the part of it to fit)
/// scaled into the chart box. Returns the page drawing and the scale used (page units per chart unit).
pub fn compose(
    sheet: &Sheet,
    furniture: &Furniture,
    chart: &Drawing,
    chart_area: Rect,
    placement: Placement,
    theme: Theme,
) -> (Drawing, f32) {
    let palette = style::palette(theme);
    let (scale, left, top) = placed(sheet, chart_area, placement);
    let to_page = |p: Point| {
        Point::new(
            left + (p.x - chart_area.x) * scale,
            top + (p.y - chart_area.y) * scale,
        )
    };
    let mut shapes: Vec<Shape> = Vec::with_capacity(chart.shapes.len() + 64);
    shapes.extend(
        chart
            .shapes
            .iter()
            .map(|shape| scaled(shape, &to_page, scale)),
    );
    let cards = chart
        .cards
        .iter()
        .map(|card| Card {
            id: card.id.clone(),
            rect: scaled_rect(card.rect, &to_page, scale),
            shapes: card.shapes.clone(),
        })
        .collect();
    paint_furniture(sheet, furniture, &palette, &mut shapes);
    let page = Drawing {
        bounds: sheet.size,
        background: palette.background,
        shapes,
        cards,
    };
    (page, scale)
}

/// Where `compose` puts the chart: its scale (page units per chart unit) and the page position of the
/// chart area's top-left corner.
pub fn placed(sheet: &Sheet, chart_area: Rect, placement: Placement) -> (f32, f32, f32) {
    let boxed = sheet.chart_box;
    let fill = (boxed.w / chart_area.w.max(1.0)).min(boxed.h / chart_area.h.max(1.0));
    let scale = match placement {
        Placement::Fill => fill,
        Placement::AtMost(limit) => fill.min(limit),
    };
    let (w, h) = (chart_area.w * scale, chart_area.h * scale);
    let left = boxed.x + (boxed.w - w) / 2.0;
    let top = match placement {
        Placement::Fill => boxed.y + (boxed.h - h) / 2.0,
        Placement::AtMost(_) => boxed.y,
    };
    (scale, left, top)
}

fn scaled_rect(rect: Rect, to_page: &impl Fn(Point) -> Point, scale: f32) -> Rect {
    let min = to_page(rect.min());
    Rect::new(min.x, min.y, rect.w * scale, rect.h * scale)
}

fn scaled_stroke(stroke: &Stroke, scale: f32) -> Stroke {
    Stroke {
        width: stroke.width * scale,
        color: stroke.color,
        dash: match &stroke.dash {
            Dash::Solid => Dash::Solid,
            Dash::Pattern(lengths) => Dash::Pattern(lengths.iter().map(|l| l * scale).collect()),
        },
    }
}

pub(crate) fn scaled(shape: &Shape, to_page: &impl Fn(Point) -> Point, scale: f32) -> Shape {
    match shape {
        Shape::Rect {
            rect,
            corner_radius,
            fill,
            stroke,
        } => Shape::Rect {
            rect: scaled_rect(*rect, to_page, scale),
            corner_radius: corner_radius * scale,
            fill: *fill,
            stroke: scaled_stroke(stroke, scale),
        },
        Shape::Path {
            points,
            stroke,
            arrow_end,
        } => Shape::Path {
            points: points.iter().map(|p| to_page(*p)).collect(),
            stroke: scaled_stroke(stroke, scale),
            arrow_end: *arrow_end,
        },
        Shape::Text {
            pos,
            text,
            size,
            weight,
            color,
            strike,
        } => Shape::Text {
            pos: to_page(*pos),
            text: text.clone(),
            size: size * scale,
            weight: *weight,
            color: *color,
            strike: *strike,
        },
    }
}

/// The key painted with its top-left corner at the origin, within `width` page units: at print size, or
/// for a compact page scaled down until its smallest text is `COMPACT_KEY_TEXT` (swatches and all), its
/// entries flowing across the same width.
fn key_shapes(furniture: &Furniture, width: f32) -> Option<(Vec<Shape>, Rect)> {
    let no_entries = (LegendEntries::new(), Vec::new());
    let (entries, notes) = match (&furniture.key, &furniture.colours) {
        (Some(key), _) => key,
        (None, Some(_)) => &no_entries,
        (None, None) => return None,
    };
    let palette = style::palette(Theme::Light);
    let paint = |width: f32| {
        let mut shapes = Vec::new();
        legend::paint_with_colours(
            entries,
            notes,
            furniture.colours.as_ref(),
            Point::new(0.0, 0.0),
            width,
            &palette,
            Theme::Light,
            &mut shapes,
        )
        .map(|area| (shapes, area))
    };
    let (shapes, area) = paint(width)?;
    if !furniture.compact {
        return Some((shapes, area));
    }
    let smallest = shapes
        .iter()
        .filter_map(|shape| match shape {
            Shape::Text { size, .. } => Some(*size),
            _ => None,
        })
        .fold(f32::INFINITY, f32::min);
    let scale = (COMPACT_KEY_TEXT / smallest).min(1.0);
    let (shapes, area) = paint(width / scale)?;
    let shrink = |p: Point| Point::new(p.x * scale, p.y * scale);
    let shapes = shapes
        .iter()
        .map(|shape| scaled(shape, &shrink, scale))
        .collect();
    Some((shapes, Rect::new(0.0, 0.0, area.w * scale, area.h * scale)))
}

/// The key's size within `width` page units, `None` when there is no key.
pub fn key_size(furniture: &Furniture, width: f32) -> Option<Rect> {
    key_shapes(furniture, width).map(|(_, area)| area)
}

fn paint_key(
    sheet: &Sheet,
    furniture: &Furniture,
    content: Rect,
    shapes: &mut Vec<Shape>,
) -> Option<Rect> {
    let foot = content.bottom() - furniture.footer_height() - GAP / 2.0;
    let width = match sheet.key {
        KeyPlace::Right => KEY_COLUMN_W,
        KeyPlace::Below => content.w,
        KeyPlace::At(rect) => rect.w,
    };
    let (key, area) = key_shapes(furniture, width)?;
    let at = match sheet.key {
        KeyPlace::Below => Point::new(content.x, foot - area.h),
        KeyPlace::Right => Point::new(content.right() - area.w, foot - area.h),
        KeyPlace::At(rect) => rect.min(),
    };
    shapes.extend(
        key.iter()
            .map(|shape| scaled(shape, &|p: Point| Point::new(p.x + at.x, p.y + at.y), 1.0)),
    );
    Some(area.translate(at.x, at.y))
}

fn paint_furniture(
    sheet: &Sheet,
    furniture: &Furniture,
    palette: &Palette,
    shapes: &mut Vec<Shape>,
) {
    let content = sheet.size.expand(-furniture.margin());
    let mut y = content.y;
    let row = |text: String, size: f32, weight, x: f32, y: f32, shapes: &mut Vec<Shape>| {
        shapes.push(Shape::Text {
            pos: Point::new(x, y + text::ascent(size, weight)),
            text,
            size,
            weight,
            color: palette.ink,
            strike: false,
        });
    };
    let title = furniture.title.trim();
    let title_size = furniture.title_size();
    if !title.is_empty() {
        let line = first_row(title, title_size, FontWeight::Bold, content.w);
        row(line, title_size, FontWeight::Bold, content.x, y, shapes);
        y += text::line_height(title_size, FontWeight::Bold);
    }
    let heading = furniture.heading.trim();
    if !heading.is_empty() {
        let rows = text::wrap(heading, HEADING_SIZE, FontWeight::Regular, content.w);
        let count = rows.len();
        for (i, line) in rows.into_iter().take(MAX_HEADING_ROWS).enumerate() {
            let line = if i + 1 == MAX_HEADING_ROWS && count > MAX_HEADING_ROWS {
                first_row(
                    &format!("{line} …"),
                    HEADING_SIZE,
                    FontWeight::Regular,
                    content.w,
                )
            } else {
                line
            };
            row(
                line,
                HEADING_SIZE,
                FontWeight::Regular,
                content.x,
                y,
                shapes,
            );
            y += text::line_height(HEADING_SIZE, FontWeight::Regular);
        }
    }
    paint_key(sheet, furniture, content, shapes);
    let footer_size = furniture.footer_size();
    let footer_y = content.bottom() - furniture.footer_height();
    let right = furniture.footer_right.trim();
    let right_w = text::text_width(right, footer_size, FontWeight::Regular);
    if !right.is_empty() {
        row(
            right.to_owned(),
            footer_size,
            FontWeight::Regular,
            content.right() - right_w,
            footer_y,
            shapes,
        );
    }
    let left = furniture.footer_left.trim();
    if !left.is_empty() {
        let room = (content.w - right_w - 24.0).max(40.0);
        let line = first_row(left, footer_size, FontWeight::Regular, room);
        row(
            line,
            footer_size,
            FontWeight::Regular,
            content.x,
            footer_y,
            shapes,
        );
    }
}

/// The first row of `text` wrapped to `width`, with an ellipsis when some was left off.
pub fn first_row(text: &str, size: f32, weight: FontWeight, width: f32) -> String {
    text::wrap_clipped(text, size, weight, width, 1)
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// The smallest text on a drawing, in points as printed (`None` when it has no text).
pub fn smallest_text_points(drawing: &Drawing) -> Option<f32> {
    drawing
        .shapes
        .iter()
        .filter_map(|shape| match shape {
            Shape::Text { size, text, .. } if !text.trim().is_empty() => Some(*size),
            _ => None,
        })
        .reduce(f32::min)
        .map(|size| size / UNITS_PER_POINT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::drawing::Rgba;

    fn chart(w: f32, h: f32) -> Drawing {
        Drawing {
            bounds: Rect::new(0.0, 0.0, w, h),
            background: Rgba::rgb(255, 255, 255),
            shapes: vec![Shape::Text {
                pos: Point::new(10.0, 20.0),
                text: "Chief Executive".to_owned(),
                size: 14.0,
                weight: FontWeight::Bold,
                color: Rgba::rgb(0, 0, 0),
                strike: false,
            }],
            cards: Vec::new(),
        }
    }

    fn furniture() -> Furniture {
        Furniture {
            title: "A chart".to_owned(),
            heading: "Top > Middle".to_owned(),
            footer_left: "1 December 2026".to_owned(),
            footer_right: "Page 1 of 2".to_owned(),
            ..Furniture::default()
        }
    }

    #[test]
    fn a_page_is_exactly_the_paper_and_fill_touches_two_edges() {
        let paper: Paper = "a4-landscape".parse().unwrap();
        let sheet = Sheet::new(&paper, &furniture(), 1);
        let wide = chart(4000.0, 500.0);
        let (page, scale) = compose(
            &sheet,
            &furniture(),
            &wide,
            wide.bounds,
            Placement::Fill,
            Theme::Light,
        );
        assert!((page.bounds.w / UNITS_PER_POINT - 842.0).abs() < 0.01);
        assert!((page.bounds.h / UNITS_PER_POINT - 595.0).abs() < 0.01);
        assert!((4000.0 * scale - sheet.chart_box.w).abs() < 0.01);
        assert!(500.0 * scale < sheet.chart_box.h);
        // The chart text shrank with the chart; the furniture did not.
        let sizes: Vec<f32> = page
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text { size, .. } => Some(*size),
                _ => None,
            })
            .collect();
        assert!((sizes[0] - 14.0 * scale).abs() < 0.001);
        assert!(sizes[1..].iter().all(|&s| s >= FOOTER_SIZE));
        assert!((smallest_text_points(&page).unwrap() - 14.0 * scale * 0.75).abs() < 0.01);
    }

    #[test]
    fn at_most_print_size_keeps_a_small_chart_small() {
        let paper: Paper = "a4".parse().unwrap();
        let sheet = Sheet::new(&paper, &furniture(), 2);
        let small = chart(200.0, 100.0);
        let (_, scale) = compose(
            &sheet,
            &furniture(),
            &small,
            small.bounds,
            Placement::AtMost(1.0),
            Theme::Light,
        );
        assert_eq!(scale, 1.0);
    }

    fn keyed(compact: bool) -> Furniture {
        let mut entries = LegendEntries::new();
        entries.insert(legend::LegendEntry::LineManagement);
        entries.insert(legend::LegendEntry::Board);
        Furniture {
            key: Some((
                entries,
                vec!["Figures: posts and yearly pay cost.".to_owned()],
            )),
            compact,
            ..furniture()
        }
    }

    #[test]
    fn a_compact_page_leaves_the_chart_more_room_and_its_key_stays_readable() {
        let paper: Paper = "a4-landscape".parse().unwrap();
        let full = Sheet::new(&paper, &keyed(false), 0);
        let compact = Sheet::new(&paper, &keyed(true), 0);
        assert!(compact.chart_box.h > full.chart_box.h + 40.0);
        assert!(compact.chart_box.w > full.chart_box.w);
        let beside = Sheet::with_key(&paper, &keyed(true), 0, KeyPlace::Right);
        assert!(beside.chart_box.h > compact.chart_box.h);
        assert!(beside.chart_box.w < compact.chart_box.w);
        let in_box = compact.clone().title_in_box(&keyed(true));
        assert!(in_box.chart_box.y < compact.chart_box.y);
        assert_eq!(in_box.chart_box.bottom(), compact.chart_box.bottom());

        let (page, _) = compose(
            &compact,
            &keyed(true),
            &chart(400.0, 300.0),
            Rect::new(0.0, 0.0, 400.0, 300.0),
            Placement::Fill,
            Theme::Light,
        );
        let furniture_text: Vec<f32> = page.shapes[1..]
            .iter()
            .filter_map(|s| match s {
                Shape::Text { size, .. } => Some(*size / UNITS_PER_POINT),
                _ => None,
            })
            .collect();
        assert!(
            furniture_text.iter().all(|&p| p >= MIN_TEXT_POINTS),
            "{furniture_text:?}"
        );
        assert!(
            furniture_text.iter().any(|&p| p < 7.0),
            "the key in small type"
        );
    }

    #[test]
    fn a_long_heading_is_cut_with_an_ellipsis() {
        let line = first_row(&"Director ".repeat(40), 12.0, FontWeight::Regular, 200.0);
        assert!(line.ends_with('…'));
        assert!(text::text_width(&line, 12.0, FontWeight::Regular) <= 200.0);
    }
}
