//! The key: a small sample and a word for every line style, status and mark the chart actually uses, and
//! nothing it does not.

use std::collections::BTreeSet;

use crate::geom::{Point, Rect};
use crate::model::{LinkKind, Status};

use super::build::{ChangeMark, Theme};
use super::colour_by::{self, ColourKey};
use super::drawing::{Dash, FontWeight, Rgba, Shape, Stroke};
use super::links;
use super::style::{self, Palette};
use super::text;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatusKey {
    Outsourced,
    Shared,
    Vacant,
    New,
    ToBeDeleted,
}

impl StatusKey {
    pub fn of(status: &Status) -> Option<Self> {
        match status {
            Status::InHouse => None,
            Status::Outsourced { .. } => Some(Self::Outsourced),
            Status::Shared { .. } => Some(Self::Shared),
            Status::Vacant => Some(Self::Vacant),
            Status::New => Some(Self::New),
            Status::ToBeDeleted => Some(Self::ToBeDeleted),
        }
    }

    fn sample(self) -> Status {
        match self {
            Self::Outsourced => Status::Outsourced {
                provider: String::new(),
            },
            Self::Shared => Status::Shared { with: Vec::new() },
            Self::Vacant => Status::Vacant,
            Self::New => Status::New,
            Self::ToBeDeleted => Status::ToBeDeleted,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::Outsourced => "Outsourced (provider named)",
            Self::Shared => "Shared (with whom)",
            Self::Vacant => "Vacant",
            Self::New => "New (proposed)",
            Self::ToBeDeleted => "To be deleted",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MarkKey {
    Added,
    Removed,
    Moved,
    Changed,
}

impl MarkKey {
    pub fn of(mark: &ChangeMark) -> Self {
        match mark {
            ChangeMark::Added => Self::Added,
            ChangeMark::Removed => Self::Removed,
            ChangeMark::Moved => Self::Moved,
            ChangeMark::Changed { .. } => Self::Changed,
        }
    }

    fn sample(self) -> ChangeMark {
        match self {
            Self::Added => ChangeMark::Added,
            Self::Removed => ChangeMark::Removed,
            Self::Moved => ChangeMark::Moved,
            Self::Changed => ChangeMark::Changed {
                details: Vec::new(),
            },
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::Added => "Added",
            Self::Removed => "Removed (name struck through)",
            Self::Moved => "Moved",
            Self::Changed => "Changed",
        }
    }
}

/// One line of the key, in the order they are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LegendEntry {
    LineManagement,
    Link(LinkKind),
    Mark(MarkKey),
    Status(StatusKey),
    Board,
    Hidden,
}

impl LegendEntry {
    pub fn label(&self) -> &'static str {
        match self {
            Self::LineManagement => "Line management",
            Self::Link(kind) => kind.label(),
            Self::Mark(mark) => mark.label(),
            Self::Status(status) => status.label(),
            Self::Board => "Board / committee",
            Self::Hidden => "Units hidden below",
        }
    }
}

pub type LegendEntries = BTreeSet<LegendEntry>;

const SWATCH_W: f32 = 30.0;
const SWATCH_H: f32 = 16.0;
const ITEM_GAP: f32 = 22.0;
const ROW_H: f32 = 22.0;
const PAD: f32 = 12.0;

/// Paints the key with its top-left corner at `origin`, flowing entries within `max_width`; returns the
/// area used, or `None` when there is nothing to explain.
pub fn paint(
    entries: &LegendEntries,
    notes: &[String],
    origin: Point,
    max_width: f32,
    palette: &Palette,
    theme: Theme,
    shapes: &mut Vec<Shape>,
) -> Option<Rect> {
    paint_with_colours(
        entries, notes, None, origin, max_width, palette, theme, shapes,
    )
}

/// The key with, when the chart is coloured by a field, a row for each colour used.
#[allow(clippy::too_many_arguments)]
pub fn paint_with_colours(
    entries: &LegendEntries,
    notes: &[String],
    colours: Option<&ColourKey>,
    origin: Point,
    max_width: f32,
    palette: &Palette,
    theme: Theme,
    shapes: &mut Vec<Shape>,
) -> Option<Rect> {
    if entries.is_empty() && notes.is_empty() && colours.is_none() {
        return None;
    }
    let box_index = shapes.len();
    let inner_w = max_width - 2.0 * PAD;
    let (size, weight) = (style::LEGEND_SIZE, FontWeight::Regular);
    let heading_size = style::LEGEND_SIZE;
    let mut y = origin.y + PAD;
    shapes.push(Shape::Text {
        pos: Point::new(
            origin.x + PAD,
            y + text::ascent(heading_size, FontWeight::Bold),
        ),
        text: "Key".to_owned(),
        size: heading_size,
        weight: FontWeight::Bold,
        color: palette.ink,
        strike: false,
    });
    y += text::line_height(heading_size, FontWeight::Bold) + 4.0;
    let mut x = origin.x + PAD;
    let mut used_w = text::text_width("Key", heading_size, FontWeight::Bold);
    if !entries.is_empty() {
        for entry in entries {
            let label = entry.label();
            let item_w = SWATCH_W + 6.0 + text::text_width(label, size, weight);
            if x > origin.x + PAD && x + item_w > origin.x + PAD + inner_w {
                x = origin.x + PAD;
                y += ROW_H;
            }
            let swatch = Rect::new(x, y + (ROW_H - SWATCH_H) / 2.0, SWATCH_W, SWATCH_H);
            paint_swatch(*entry, swatch, palette, theme, shapes);
            shapes.push(Shape::Text {
                pos: Point::new(
                    x + SWATCH_W + 6.0,
                    y + (ROW_H - text::line_height(size, weight)) / 2.0
                        + text::ascent(size, weight),
                ),
                text: label.to_owned(),
                size,
                weight,
                color: palette.role,
                strike: false,
            });
            x += item_w;
            used_w = used_w.max(x - origin.x - PAD);
            x += ITEM_GAP;
        }
        y += ROW_H;
    }
    if let Some(colours) = colours {
        y += 4.0;
        let area = colour_by::paint_key(
            colours,
            Point::new(origin.x + PAD, y),
            inner_w,
            palette,
            shapes,
        );
        used_w = used_w.max(area.w);
        y = area.bottom();
    }
    let (note_size, note_lh) = (
        style::NOTE_SIZE,
        text::line_height(style::NOTE_SIZE, FontWeight::Regular),
    );
    if !notes.is_empty() {
        y += 4.0;
    }
    for note in notes {
        for row in text::wrap(note, note_size, FontWeight::Regular, inner_w) {
            used_w = used_w.max(text::text_width(&row, note_size, FontWeight::Regular));
            shapes.push(Shape::Text {
                pos: Point::new(
                    origin.x + PAD,
                    y + text::ascent(note_size, FontWeight::Regular),
                ),
                text: row,
                size: note_size,
                weight: FontWeight::Regular,
                color: palette.quiet,
                strike: false,
            });
            y += note_lh;
        }
    }
    let rect = Rect::new(origin.x, origin.y, used_w + 2.0 * PAD, y + PAD - origin.y);
    shapes.insert(
        box_index,
        Shape::Rect {
            rect,
            corner_radius: 6.0,
            fill: Some(palette.background),
            stroke: Stroke::solid(1.0, palette.legend_border),
        },
    );
    Some(rect)
}

fn mini_card(rect: Rect, fill: Rgba, stroke: Stroke, shapes: &mut Vec<Shape>) {
    shapes.push(Shape::Rect {
        rect,
        corner_radius: 3.0,
        fill: Some(fill),
        stroke,
    });
}

fn paint_swatch(
    entry: LegendEntry,
    r: Rect,
    palette: &Palette,
    theme: Theme,
    shapes: &mut Vec<Shape>,
) {
    let mid_y = r.y + r.h / 2.0;
    let border = Stroke::solid(1.0, palette.card_border);
    match entry {
        LegendEntry::LineManagement => shapes.push(Shape::Path {
            points: vec![
                Point::new(r.x + 4.0, r.y),
                Point::new(r.x + 4.0, mid_y),
                Point::new(r.right() - 4.0, mid_y),
                Point::new(r.right() - 4.0, r.bottom()),
            ],
            stroke: Stroke::solid(style::CONNECTOR_WIDTH, palette.connector),
            arrow_end: false,
        }),
        LegendEntry::Link(kind) => {
            let mut sample = Vec::new();
            let route = links::RoutedLink {
                kind,
                label: String::new(),
                points: vec![Point::new(r.x, mid_y), Point::new(r.right(), mid_y)],
            };
            links::paint_links(std::slice::from_ref(&route), palette, &mut sample);
            shapes.extend(sample);
        }
        LegendEntry::Status(key) => {
            let status = key.sample();
            let Some(color) = style::status_color(&status, palette) else {
                return;
            };
            let mut stroke = border.clone();
            if key == StatusKey::Vacant {
                stroke.dash = Dash::Pattern(vec![3.0, 2.0]);
            }
            mini_card(r, palette.card_fill, Stroke::none(), shapes);
            shapes.push(Shape::Rect {
                rect: Rect::new(r.x, r.y, 5.0, r.h),
                corner_radius: 0.0,
                fill: Some(color),
                stroke: Stroke::none(),
            });
            shapes.push(Shape::Rect {
                rect: r,
                corner_radius: 3.0,
                fill: None,
                stroke,
            });
        }
        LegendEntry::Board => {
            mini_card(r, palette.card_fill, border.clone(), shapes);
            shapes.push(Shape::Rect {
                rect: r.expand(-3.0),
                corner_radius: 1.5,
                fill: None,
                stroke: border,
            });
        }
        LegendEntry::Mark(key) => {
            let color = style::mark_color(&key.sample());
            mini_card(
                r,
                style::mix(color, palette.card_fill, 0.07),
                Stroke::solid(2.5, color),
                shapes,
            );
            if key == MarkKey::Removed {
                shapes.push(Shape::Path {
                    points: vec![
                        Point::new(r.x + 6.0, mid_y),
                        Point::new(r.right() - 6.0, mid_y),
                    ],
                    stroke: Stroke::solid(1.5, palette.ink),
                    arrow_end: false,
                });
            }
        }
        LegendEntry::Hidden => {
            let (size, weight) = (style::BADGE_SIZE, FontWeight::Bold);
            let label = "+N";
            let w = text::text_width(label, size, weight) + 2.0 * style::BADGE_PAD_X;
            let h = text::line_height(size, weight) + 2.0 * style::BADGE_PAD_Y;
            let pill = Rect::new(r.x + (r.w - w) / 2.0, mid_y - h / 2.0, w, h);
            shapes.push(Shape::Rect {
                rect: pill,
                corner_radius: h / 2.0,
                fill: Some(style::mix(
                    palette.neutral_badge,
                    palette.card_fill,
                    style::badge_tint(theme),
                )),
                stroke: Stroke::solid(1.0, palette.neutral_badge),
            });
            shapes.push(Shape::Text {
                pos: Point::new(
                    pill.x + style::BADGE_PAD_X,
                    pill.y + style::BADGE_PAD_Y + text::ascent(size, weight),
                ),
                text: label.to_owned(),
                size,
                weight,
                color: palette.ink,
                strike: false,
            });
        }
    }
}
