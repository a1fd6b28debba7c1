//! One card: what it says and how big it is, measured with the one text-measuring function before layout,
//! then painted at the place layout gives it.
//!
//! A card reads top to bottom: badges (change mark, status) as tinted pills with words; the name in bold
//! (up to two rows before the card widens); the role; the department in a quiet line; and a quiet figures row
//! ("11-15 posts · £0.6-0.8m"),
//! with a "+N" pill at its right when units below are hidden.

use crate::geom::{Point, Rect, Size};
use crate::model::{Status, Unit, UnitKind};

use super::build::{ChangeMark, Theme};
use super::card_style::{CardMetrics, CardStyle, LIST_ROW};
use super::colour_by::{self, CardColour};
use super::drawing::{Dash, FontWeight, Rgba, Shape, Stroke};
use super::style::{self, Palette};
use super::text;

/// What the builder knows about a unit beyond the unit itself.
pub struct CardInput<'a> {
    pub unit: &'a Unit,
    /// The figures row, already formatted; `None` when the unit has no figures.
    pub figures: Option<String>,
    /// Units hidden below this one by collapsing.
    pub hidden_below: usize,
    pub mark: Option<&'a ChangeMark>,
    /// The card's colour when the chart is coloured by a field.
    pub colour: Option<&'a CardColour>,
    pub palette: &'a Palette,
    pub theme: Theme,
    pub style: CardStyle,
    /// Drawn as one row of its manager's list rather than as a card (see `CardStyle::draws_row`).
    pub row: bool,
}

/// A card measured and arranged relative to its own top-left corner.
#[derive(Clone, Debug, PartialEq)]
pub struct CardSpec {
    pub size: Size,
    style: CardStyle,
    /// A list row: painted with the row's sizes and never stretched to its siblings' height.
    row: Option<list_row::RowText>,
    fill: Rgba,
    border: Stroke,
    double_border: Option<Stroke>,
    band: Option<Rgba>,
    stripe: Option<CardColour>,
    pills: Vec<Pill>,
    rows: Vec<Row>,
}

#[derive(Clone, Debug, PartialEq)]
struct Row {
    offset: Point,
    text: String,
    size: f32,
    weight: FontWeight,
    color: Rgba,
    strike: bool,
    /// Kept at the bottom edge when the card is stretched to match its neighbours.
    at_bottom: bool,
}

#[derive(Clone, Debug, PartialEq)]
struct Pill {
    rect: Rect,
    fill: Rgba,
    stroke: Rgba,
    at_bottom: bool,
}

mod list_row;

pub(crate) use list_row::even_widths;

fn row_height(size: f32, weight: FontWeight) -> f32 {
    text::line_height(size, weight)
}

/// Wraps `name` in two rows at the base width if it can, widening the text column step by step otherwise,
/// up to the maximum width (beyond which it takes more rows rather than clip). The steps only count rows;
/// the rows are made once, at the width chosen.
fn fit_name(name: &str, m: &CardMetrics, base: f32, max: f32) -> (f32, Vec<String>) {
    let mut width = base;
    loop {
        let rows = text::row_count(name, m.name_size, FontWeight::Bold, width);
        if rows <= m.max_name_rows || width >= max {
            return (
                width,
                text::wrap(name, m.name_size, FontWeight::Bold, width),
            );
        }
        width = (width + 8.0).min(max);
    }
}

struct BadgeText {
    text: String,
    color: Rgba,
}

fn badges(input: &CardInput) -> Vec<BadgeText> {
    let mut out = Vec::new();
    if let Some(mark) = input.mark {
        out.push(BadgeText {
            text: style::mark_word(mark),
            color: style::mark_color(mark),
        });
    }
    if let (Some(text), Some(color)) = (
        input.unit.badge(),
        style::status_color(&input.unit.status, input.palette),
    ) {
        out.push(BadgeText { text, color });
    }
    if input.unit.kind == UnitKind::Board {
        out.push(BadgeText {
            text: "Board".to_owned(),
            color: input.palette.neutral_badge,
        });
    }
    out
}

/// Pills flowed left to right within `width`, wrapping onto new lines; returns pills, their text rows and
/// the height used.
fn flow_pills(
    items: &[BadgeText],
    left: f32,
    top: f32,
    width: f32,
    input: &CardInput,
) -> (Vec<Pill>, Vec<Row>, f32) {
    let m = input.style.metrics();
    let (size, weight) = (m.badge_size, FontWeight::Bold);
    let lh = row_height(size, weight);
    let tint = style::badge_tint(input.theme);
    let (mut pills, mut rows) = (Vec::new(), Vec::new());
    let (mut x, mut y, mut line_h) = (left, top, 0.0f32);
    for item in items {
        let lines = text::wrap(&item.text, size, weight, width - 2.0 * m.badge_pad_x);
        let text_w = lines
            .iter()
            .map(|l| text::text_width(l, size, weight))
            .fold(0.0, f32::max);
        let w = text_w + 2.0 * m.badge_pad_x;
        let h = lines.len() as f32 * lh + 2.0 * m.badge_pad_y;
        if x > left && x + w > left + width {
            x = left;
            y += line_h + m.badge_gap;
            line_h = 0.0;
        }
        pills.push(Pill {
            rect: Rect::new(x, y, w, h),
            fill: style::mix(item.color, input.palette.card_fill, tint),
            stroke: item.color,
            at_bottom: false,
        });
        for (i, line) in lines.into_iter().enumerate() {
            rows.push(Row {
                offset: Point::new(
                    x + m.badge_pad_x,
                    y + m.badge_pad_y + i as f32 * lh + text::ascent(size, weight),
                ),
                text: line,
                size,
                weight,
                color: input.palette.ink,
                strike: false,
                at_bottom: false,
            });
        }
        x += w + m.badge_gap;
        line_h = line_h.max(h);
    }
    let used = if items.is_empty() {
        0.0
    } else {
        y + line_h - top
    };
    (pills, rows, used)
}

pub fn measure(input: &CardInput) -> CardSpec {
    measure_with(input, input.figures.clone())
}

/// [`measure`], moving the figures row's text into the card instead of copying it (a big chart measures
/// a hundred thousand cards).
pub fn measure_owned(mut input: CardInput) -> CardSpec {
    let figures = input.figures.take();
    measure_with(&input, figures)
}

/// `figures` stands for `input.figures`.
fn measure_with(input: &CardInput, figures: Option<String>) -> CardSpec {
    if input.row {
        return list_row::measure(input);
    }
    let palette = input.palette;
    let m = input.style.metrics();
    let band = style::status_color(&input.unit.status, palette);
    let left = m.pad_x + if band.is_some() { m.status_band } else { 0.0 };
    let insets = left + m.pad_x;
    let base = m.base_width - insets;
    let max = m.max_width - insets;

    let (name_width, name_rows) = fit_name(&input.unit.name, m, base, max);
    let hidden_text = (input.hidden_below > 0).then(|| format!("+{}", input.hidden_below));
    let hidden_w = hidden_text.as_ref().map_or(0.0, |t| {
        text::text_width(t, m.badge_size, FontWeight::Bold) + 2.0 * m.badge_pad_x
    });
    let figures_w = figures.as_ref().map_or(0.0, |f| {
        text::text_width(f, m.figures_size, FontWeight::Regular)
    });
    let figures_line_w = figures_w
        + if hidden_text.is_some() && figures.is_some() {
            m.badge_gap * 2.0 + hidden_w
        } else {
            hidden_w
        };
    // The figures row is one short line: let it widen the card a little rather than break after "posts".
    let width = name_width.max(figures_line_w.min(max));

    let removed = matches!(input.mark, Some(ChangeMark::Removed));
    // Badges, two name rows, a role, a department, figures: room for a usual card's rows at once.
    let mut rows = Vec::with_capacity(8);
    let mut y = m.pad_y;

    let (pills_top, pill_rows, pills_h) = flow_pills(&badges(input), left, y, width, input);
    let mut pills = pills_top;
    rows.extend(pill_rows);
    if pills_h > 0.0 {
        y += pills_h + m.section_gap + 1.0;
    }

    let text_row = |text: String, y: f32, size: f32, weight: FontWeight, color: Rgba| Row {
        offset: Point::new(left, y + text::ascent(size, weight)),
        text,
        size,
        weight,
        color,
        strike: false,
        at_bottom: false,
    };
    for name in name_rows {
        let mut row = text_row(name, y, m.name_size, FontWeight::Bold, palette.ink);
        row.strike = removed;
        rows.push(row);
        y += row_height(m.name_size, FontWeight::Bold);
    }
    if !input.unit.role.trim().is_empty() {
        y += m.row_gap;
        let roles = match m.max_role_rows {
            Some(most) => text::wrap_clipped(
                &input.unit.role,
                m.role_size,
                FontWeight::Regular,
                width,
                most,
            ),
            None => text::wrap(&input.unit.role, m.role_size, FontWeight::Regular, width),
        };
        for role in roles {
            rows.push(text_row(
                role,
                y,
                m.role_size,
                FontWeight::Regular,
                palette.role,
            ));
            y += row_height(m.role_size, FontWeight::Regular);
        }
    }
    // The department (from HR data) as a quiet line, unless the role already says it.
    let department = input.unit.department.trim();
    if m.department
        && !department.is_empty()
        && !department.eq_ignore_ascii_case(input.unit.role.trim())
    {
        y += m.row_gap;
        for line in text::wrap(department, m.figures_size, FontWeight::Regular, width) {
            rows.push(text_row(
                line,
                y,
                m.figures_size,
                FontWeight::Regular,
                palette.quiet,
            ));
            y += row_height(m.figures_size, FontWeight::Regular);
        }
    }
    if figures.is_some() || hidden_text.is_some() {
        y += m.section_gap;
        let lh = row_height(m.figures_size, FontWeight::Regular);
        let figure_rows = match figures {
            Some(figures) if figures_line_w <= width => vec![figures],
            Some(figures) => text::wrap(
                &figures,
                m.figures_size,
                FontWeight::Regular,
                width - hidden_w,
            ),
            None => Vec::new(),
        };
        let row_count = figure_rows.len().max(1);
        for (i, figures) in figure_rows.into_iter().enumerate() {
            let mut row = text_row(
                figures,
                y + i as f32 * lh,
                m.figures_size,
                FontWeight::Regular,
                palette.quiet,
            );
            row.at_bottom = true;
            rows.push(row);
        }
        if let Some(hidden) = hidden_text {
            let pill_h = row_height(m.badge_size, FontWeight::Bold) + 2.0 * m.badge_pad_y;
            let last_row_top = y + (row_count - 1) as f32 * lh;
            let pill = Rect::new(
                left + width - hidden_w,
                last_row_top + (lh - pill_h) / 2.0,
                hidden_w,
                pill_h,
            );
            pills.push(Pill {
                rect: pill,
                fill: style::mix(
                    palette.neutral_badge,
                    palette.card_fill,
                    style::badge_tint(input.theme),
                ),
                stroke: palette.neutral_badge,
                at_bottom: true,
            });
            rows.push(Row {
                offset: Point::new(
                    pill.x + m.badge_pad_x,
                    pill.y + m.badge_pad_y + text::ascent(m.badge_size, FontWeight::Bold),
                ),
                text: hidden,
                size: m.badge_size,
                weight: FontWeight::Bold,
                color: palette.ink,
                strike: false,
                at_bottom: true,
            });
        }
        y += row_count as f32 * lh;
    }
    y += m.pad_y;

    let (fill, border) = card_frame(input);
    let double_border = (input.unit.kind == UnitKind::Board)
        .then(|| Stroke::solid(1.0, mark_or(input, palette.card_border)));
    CardSpec {
        size: Size::new(insets + width, y),
        style: input.style,
        row: None,
        fill,
        border,
        double_border,
        band,
        stripe: input.colour.cloned(),
        pills,
        rows,
    }
}

fn mark_or(input: &CardInput, default: Rgba) -> Rgba {
    input.mark.map_or(default, style::mark_color)
}

/// Fill and outline: a change mark colours and thickens the outline; vacant posts get a dashed one.
fn card_frame(input: &CardInput) -> (Rgba, Stroke) {
    let palette = input.palette;
    let width = match (input.mark, input.unit.kind) {
        (Some(_), _) => 2.5,
        (None, UnitKind::Directorate) => 1.75,
        (None, _) => 1.0,
    };
    let fill = match (input.mark, input.colour.and_then(|c| c.tint)) {
        (Some(mark), _) => style::mix(style::mark_color(mark), palette.card_fill, 0.07),
        (None, Some(tint)) => tint,
        (None, None) => palette.card_fill,
    };
    let mut stroke = Stroke::solid(width, mark_or(input, palette.card_border));
    if input.unit.status == Status::Vacant {
        stroke.dash = Dash::Pattern(vec![5.0, 3.0]);
    }
    (fill, stroke)
}

impl CardSpec {
    /// Whether this is a list row rather than a card.
    pub fn is_row(&self) -> bool {
        self.row.is_some()
    }

    /// Widens a list row to `width` (its list's widest), showing more of its role; cards are left alone.
    pub fn widen_row_to(&mut self, width: f32) {
        if self.row.is_some() && width > self.size.w {
            self.size.w = width;
            list_row::fill_role(self);
        }
    }

    /// Makes the card taller, keeping the figures row at the bottom so rows of cards line up.
    pub fn stretch_to(&mut self, height: f32) {
        let extra = height - self.size.h;
        if extra <= 0.0 || self.row.is_some() {
            return;
        }
        self.size.h = height;
        for row in self.rows.iter_mut().filter(|r| r.at_bottom) {
            row.offset.y += extra;
        }
        for pill in self.pills.iter_mut().filter(|p| p.at_bottom) {
            pill.rect.y += extra;
        }
    }

    /// The card's shapes at `rect` (whose size is the card's own unless layout pinned it otherwise).
    pub fn paint(&self, rect: Rect, shapes: &mut Vec<Shape>) {
        self.paint_stretched(rect, None, shapes);
    }

    /// What [`Self::stretch_to`] `height` and then [`Self::paint`] give, without copying the spec (a
    /// cached spec is painted stretched to its siblings' height in every drawing that draws it).
    pub fn paint_stretched(&self, rect: Rect, height: Option<f32>, shapes: &mut Vec<Shape>) {
        self.paint_reusing(rect, height, shapes, &mut []);
    }

    /// [`Self::paint_stretched`], taking each row's text from `last` (this card's shapes in the last
    /// drawing, about to be freed) where it is the same text instead of copying it: copying the text of
    /// every card of a big chart, and freeing the last drawing's, was most of painting it again. With no
    /// shapes in `last`, every text is copied.
    pub fn paint_reusing(
        &self,
        rect: Rect,
        height: Option<f32>,
        shapes: &mut Vec<Shape>,
        last: &mut [Shape],
    ) {
        let extra = self.stretch(height);
        self.paint_frame(rect, extra, shapes);
        let mut last_texts = last.iter_mut().filter_map(|shape| match shape {
            Shape::Text { text, .. } => Some(text),
            _ => None,
        });
        for row in self.rows.iter().filter(|r| self.paints_row(r)) {
            // The same spec painted the last card: its texts are this card's, in this order (checked
            // in debug builds, and by the tests comparing edited drawings with ones built from nothing).
            let text = match last_texts.next() {
                Some(last) if last.len() == row.text.len() => {
                    debug_assert_eq!(*last, row.text);
                    std::mem::take(last)
                }
                _ => row.text.clone(),
            };
            shapes.push(row.shape(rect, extra, text));
        }
    }

    /// [`Self::paint_stretched`], moving the card's text into the shapes instead of copying it (a spec
    /// measured for one drawing only).
    pub fn paint_into(mut self, rect: Rect, height: Option<f32>, shapes: &mut Vec<Shape>) {
        let extra = self.stretch(height);
        self.paint_frame(rect, extra, shapes);
        let rows = std::mem::take(&mut self.rows);
        for mut row in rows.into_iter().filter(|r| self.paints_row(r)) {
            let text = std::mem::take(&mut row.text);
            shapes.push(row.shape(rect, extra, text));
        }
    }

    /// About how many shapes [`Self::paint`] adds (exactly, but for a colour stripe's).
    pub fn shape_count(&self) -> usize {
        2 + 2 * usize::from(self.band.is_some())
            + usize::from(self.stripe.is_some())
            + usize::from(self.double_border.is_some())
            + self.pills.len()
            + self.rows.len()
    }

    /// How far [`Self::stretch_to`] `height` moves what sits at the bottom (`None`: nothing moves).
    fn stretch(&self, height: Option<f32>) -> Option<f32> {
        let extra = height? - self.size.h;
        (extra > 0.0 && self.row.is_none()).then_some(extra)
    }

    /// A list row whose role did not fit leaves its role's text row empty.
    fn paints_row(&self, row: &Row) -> bool {
        self.row.is_none() || !row.text.is_empty()
    }

    /// Everything but the text rows; `extra` moves what sits at the bottom down (see [`Self::stretch`]).
    fn paint_frame(&self, rect: Rect, extra: Option<f32>, shapes: &mut Vec<Shape>) {
        let m = self.style.metrics();
        let (radius, band_width) = if self.row.is_some() {
            (LIST_ROW.radius, LIST_ROW.tick)
        } else {
            (m.radius, m.status_band)
        };
        shapes.push(Shape::Rect {
            rect,
            corner_radius: radius,
            fill: Some(self.fill),
            stroke: Stroke::none(),
        });
        if let Some(band) = self.band {
            // A rounded band whose right half is covered again by the card fill: a left edge that follows
            // the card's rounded corners without needing per-corner radii.
            shapes.push(Shape::Rect {
                rect: Rect::new(rect.x, rect.y, band_width + radius, rect.h),
                corner_radius: radius,
                fill: Some(band),
                stroke: Stroke::none(),
            });
            shapes.push(Shape::Rect {
                rect: Rect::new(rect.x + band_width, rect.y, radius + 1.0, rect.h),
                corner_radius: 0.0,
                fill: Some(self.fill),
                stroke: Stroke::none(),
            });
        }
        if let Some(stripe) = &self.stripe {
            colour_by::paint_stripe(stripe, rect, shapes);
        }
        shapes.push(Shape::Rect {
            rect,
            corner_radius: radius,
            fill: None,
            stroke: self.border.clone(),
        });
        if let Some(inner) = &self.double_border {
            shapes.push(Shape::Rect {
                rect: rect.expand(-m.double_border_inset),
                corner_radius: (m.radius - m.double_border_inset * 4.0 / 7.0).max(0.0),
                fill: None,
                stroke: inner.clone(),
            });
        }
        for pill in &self.pills {
            let mut r = pill.rect;
            if let (true, Some(extra)) = (pill.at_bottom, extra) {
                r.y += extra;
            }
            let r = r.translate(rect.x, rect.y);
            shapes.push(Shape::Rect {
                rect: r,
                corner_radius: (r.h / 2.0).min(8.0),
                fill: Some(pill.fill),
                stroke: Stroke::solid(1.0, pill.stroke),
            });
        }
    }
}

impl Row {
    /// The row's shape on a card at `rect`, moved down by `extra` if it sits at the bottom.
    fn shape(&self, rect: Rect, extra: Option<f32>, text: String) -> Shape {
        let mut offset = self.offset;
        if let (true, Some(extra)) = (self.at_bottom, extra) {
            offset.y += extra;
        }
        Shape::Text {
            pos: Point::new(rect.x + offset.x, rect.y + offset.y),
            text,
            size: self.size,
            weight: self.weight,
            color: self.color,
            strike: self.strike,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::style::palette;

    fn input<'a>(unit: &'a Unit, figures: Option<&str>, palette: &'a Palette) -> CardInput<'a> {
        CardInput {
            unit,
            figures: figures.map(str::to_owned),
            hidden_below: 0,
            mark: None,
            colour: None,
            palette,
            theme: Theme::Light,
            style: CardStyle::Standard,
            row: false,
        }
    }

    fn texts(spec: &CardSpec) -> Vec<(Rect, String, f32, FontWeight, bool)> {
        let mut shapes = Vec::new();
        let rect = Rect::from_min_size(Point::new(10.0, 20.0), spec.size);
        spec.paint(rect, &mut shapes);
        shapes
            .into_iter()
            .filter_map(|s| match s {
                Shape::Text {
                    pos,
                    text,
                    size,
                    weight,
                    strike,
                    ..
                } => Some((
                    Rect::new(
                        pos.x,
                        pos.y - text::ascent(size, weight),
                        text::text_width(&text, size, weight),
                        text::line_height(size, weight),
                    ),
                    text,
                    size,
                    weight,
                    strike,
                )),
                _ => None,
            })
            .map(|(r, t, s, w, k)| (r.translate(-10.0, -20.0), t, s, w, k))
            .collect()
    }

    fn assert_inside(spec: &CardSpec) {
        let pad = spec.style.metrics().pad_x;
        for (r, text, ..) in texts(spec) {
            assert!(
                r.x >= pad - 0.01 && r.right() <= spec.size.w - pad + 0.01,
                "'{text}' overflows horizontally: {r:?} in {:?}",
                spec.size
            );
            assert!(
                r.y >= 0.0 && r.bottom() <= spec.size.h,
                "'{text}' overflows vertically"
            );
        }
    }

    #[test]
    fn department_is_a_quiet_line_under_the_role_unless_it_repeats_it() {
        let p = palette(Theme::Light);
        let mut unit = Unit::new("a", "Ada Quill").with_role("President");
        unit.department = "Executive Office".to_owned();
        let spec = measure(&input(&unit, Some("1 post · £24k"), &p));
        let rows: Vec<String> = texts(&spec).into_iter().map(|t| t.1).collect();
        assert_eq!(
            rows,
            [
                "Ada Quill",
                "President",
                "Executive Office",
                "1 post · £24k"
            ]
        );
        assert_inside(&spec);
        unit.role = "Executive office".to_owned();
        let spec = measure(&input(&unit, None, &p));
        assert_eq!(texts(&spec).len(), 2);
    }

    #[test]
    fn short_name_keeps_the_base_width() {
        let p = palette(Theme::Light);
        let unit = Unit::new("a", "Finance").with_role("Head of finance");
        let spec = measure(&input(&unit, Some("12 posts · £480k"), &p));
        assert_eq!(spec.size.w, style::CARD_BASE_WIDTH);
        assert_inside(&spec);
    }

    #[test]
    fn long_name_wraps_to_two_rows_before_widening() {
        let p = palette(Theme::Light);
        let unit = Unit::new("a", "Strategic Commissioning Board");
        let spec = measure(&input(&unit, None, &p));
        let name_rows: Vec<_> = texts(&spec)
            .into_iter()
            .filter(|t| t.3 == FontWeight::Bold)
            .collect();
        assert_eq!(name_rows.len(), 2, "{name_rows:?}");
        assert_eq!(spec.size.w, style::CARD_BASE_WIDTH);
        assert_inside(&spec);

        let longer = Unit::new(
            "b",
            "Deputy Chief Operating Officer for Commercial, Customer and Support Services",
        );
        let spec = measure(&input(&longer, None, &p));
        let name_rows = texts(&spec)
            .into_iter()
            .filter(|t| t.3 == FontWeight::Bold)
            .count();
        assert!(spec.size.w > style::CARD_BASE_WIDTH);
        assert!(name_rows <= 2 || spec.size.w >= style::CARD_MAX_WIDTH);
        assert_inside(&spec);
    }

    #[test]
    fn text_never_overflows_even_for_absurd_content() {
        let p = palette(Theme::Light);
        let unit = Unit::new(
            "a",
            "Pneumonoultramicroscopicsilicovolcanoconiosis ".repeat(6),
        )
        .with_role("A role that goes on and on and on ".repeat(5))
        .with_status(Status::Shared {
            with: vec!["Council A".into(), "Council B".into(), "Council C".into()],
        })
        .with_kind(UnitKind::Board);
        let mark = ChangeMark::Changed {
            details: vec!["name".into(), "grade".into(), "cost".into()],
        };
        let mut card = input(&unit, Some("1,000-1,500 posts · £40.5-60.8m (est.)"), &p);
        card.hidden_below = 1234;
        card.mark = Some(&mark);
        let spec = measure(&card);
        assert!(spec.size.w <= style::CARD_MAX_WIDTH + 0.01);
        assert_inside(&spec);
        for (i, a) in spec.pills.iter().enumerate() {
            assert!(a.rect.right() <= spec.size.w - style::CARD_PAD_X + 0.01);
            for b in &spec.pills[i + 1..] {
                assert!(!a.rect.intersects(&b.rect), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn status_gets_a_band_and_a_badge_word() {
        let p = palette(Theme::Light);
        let unit = Unit::new("a", "Customer services").with_status(Status::Outsourced {
            provider: "Capita".into(),
        });
        let spec = measure(&input(&unit, None, &p));
        assert_eq!(spec.band, Some(style::REDDISH_PURPLE));
        assert!(texts(&spec).iter().any(|t| t.1 == "Outsourced: Capita"));
        assert_inside(&spec);
    }

    #[test]
    fn stretching_keeps_figures_at_the_bottom() {
        let p = palette(Theme::Light);
        let unit = Unit::new("a", "Finance");
        let mut card = input(&unit, Some("12 posts"), &p);
        card.hidden_below = 3;
        let mut spec = measure(&card);
        let before = spec.size.h;
        spec.stretch_to(before + 30.0);
        let rows = texts(&spec);
        let figures = rows.iter().find(|t| t.1 == "12 posts").unwrap();
        assert!((spec.size.h - figures.0.bottom() - style::CARD_PAD_Y).abs() < 0.5);
        let name = rows.iter().find(|t| t.1 == "Finance").unwrap();
        assert!(name.0.y < 20.0);
        assert_inside(&spec);
    }

    #[test]
    fn a_dense_card_is_smaller_clips_its_role_and_leaves_out_the_department() {
        let p = palette(Theme::Light);
        let mut unit = Unit::new("a", "Information Governance Support Officer").with_role(
            "Supports the information governance team with requests, records, audits and training \
             across every directorate of the council",
        );
        unit.department = "Customer & Digital".to_owned();
        let standard = measure(&input(&unit, Some("1 post · £32k"), &p));
        let mut dense_input = input(&unit, Some("1 post · £32k"), &p);
        dense_input.style = CardStyle::Dense;
        let dense = measure(&dense_input);
        assert!(dense.size.w * dense.size.h < 0.5 * standard.size.w * standard.size.h);
        assert_inside(&dense);
        let rows: Vec<String> = texts(&dense).into_iter().map(|t| t.1).collect();
        assert!(!rows.iter().any(|r| r.contains("Customer")), "{rows:?}");
        let role_rows: Vec<String> = texts(&dense)
            .into_iter()
            .filter(|t| t.3 == FontWeight::Regular)
            .map(|t| t.1)
            .collect();
        // Two rows of role, the second ending in an ellipsis, then the figures.
        assert_eq!(role_rows.len(), 3, "{rows:?}");
        assert!(role_rows[1].ends_with('…'), "{rows:?}");
        assert_eq!(role_rows[2], "1 post · £32k");
        // The name is never clipped.
        let name: String = texts(&dense)
            .into_iter()
            .filter(|t| t.3 == FontWeight::Bold)
            .map(|t| t.1)
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(name, unit.name);
    }

    #[test]
    fn a_dense_card_s_smallest_text_is_its_style_s_smallest() {
        let p = palette(Theme::Light);
        let unit = Unit::new("a", "Parking enforcement").with_status(Status::Outsourced {
            provider: "NSL".into(),
        });
        let mut card = input(&unit, Some("12 posts"), &p);
        card.style = CardStyle::Dense;
        let spec = measure(&card);
        let smallest = texts(&spec)
            .iter()
            .map(|t| t.2)
            .fold(f32::INFINITY, f32::min);
        assert_eq!(smallest, CardStyle::Dense.metrics().smallest_text());
        assert_inside(&spec);
    }
}
