//! Small building blocks for drawings made of text and bars rather than cards: wrapped paragraphs,
//! headings, tables and horizontal bar charts. The Figures panel and the report pages are built from these,
//! so the app, SVG, PNG and PDF show the same thing.

use crate::geom::{Point, Rect};

use super::drawing::{FontWeight, Rgba, Shape, Stroke};
use super::style::Palette;
use super::text;

/// A text style: size, weight and colour.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ink {
    pub size: f32,
    pub weight: FontWeight,
    pub color: Rgba,
}

impl Ink {
    pub fn new(size: f32, weight: FontWeight, color: Rgba) -> Self {
        Self {
            size,
            weight,
            color,
        }
    }

    pub fn line_height(&self) -> f32 {
        text::line_height(self.size, self.weight)
    }

    pub fn width(&self, row: &str) -> f32 {
        text::text_width(row, self.size, self.weight)
    }

    pub fn wrap(&self, row: &str, width: f32) -> Vec<String> {
        text::wrap(row, self.size, self.weight, width.max(1.0))
    }
}

/// One row of text with its top-left corner at `top_left`; returns its width.
pub fn row(shapes: &mut Vec<Shape>, top_left: Point, content: &str, ink: Ink) -> f32 {
    if !content.is_empty() {
        shapes.push(Shape::Text {
            pos: Point::new(top_left.x, top_left.y + text::ascent(ink.size, ink.weight)),
            text: content.to_owned(),
            size: ink.size,
            weight: ink.weight,
            color: ink.color,
            strike: false,
        });
    }
    ink.width(content)
}

/// Text wrapped to `width` from `top_left`; returns the height used.
pub fn paragraph(
    shapes: &mut Vec<Shape>,
    top_left: Point,
    width: f32,
    content: &str,
    ink: Ink,
) -> f32 {
    let rows = ink.wrap(content, width);
    let lh = ink.line_height();
    for (i, line) in rows.iter().enumerate() {
        row(
            shapes,
            Point::new(top_left.x, top_left.y + i as f32 * lh),
            line,
            ink,
        );
    }
    rows.len() as f32 * lh
}

pub fn filled(shapes: &mut Vec<Shape>, rect: Rect, color: Rgba) {
    shapes.push(Shape::Rect {
        rect,
        corner_radius: 0.0,
        fill: Some(color),
        stroke: Stroke::none(),
    });
}

pub fn rule(shapes: &mut Vec<Shape>, from: Point, to: Point, color: Rgba) {
    shapes.push(Shape::Path {
        points: vec![from, to],
        stroke: Stroke::solid(1.0, color),
        arrow_end: false,
    });
}

/// One bar of a bar chart: its label, its length as a fraction of the longest, what it says, its colour.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub fraction: f64,
    pub value: String,
    pub color: Rgba,
}

/// Text sizes of charts and tables.
pub const CHART_HEADING: f32 = 13.0;
pub const CHART_TEXT: f32 = 11.5;
const BAR_HEIGHT: f32 = 13.0;
const ROW_GAP: f32 = 7.0;
const GAP: f32 = 8.0;

/// A horizontal bar chart: labels in a left column (wrapped to two rows at most), bars scaled to the
/// longest, each value written after its bar. Returns the area used.
pub fn bar_chart(
    shapes: &mut Vec<Shape>,
    top_left: Point,
    width: f32,
    bars: &[Bar],
    palette: &Palette,
) -> Rect {
    let label_ink = Ink::new(CHART_TEXT, FontWeight::Regular, palette.ink);
    let value_ink = Ink::new(CHART_TEXT, FontWeight::Regular, palette.role);
    let widest_label = bars
        .iter()
        .map(|bar| label_ink.width(&bar.label))
        .fold(0.0, f32::max);
    let label_w = widest_label.min(width * 0.38).max(12.0);
    let value_w = bars
        .iter()
        .map(|bar| value_ink.width(&bar.value))
        .fold(0.0, f32::max);
    let bar_max = (width - label_w - value_w - 2.0 * GAP).max(36.0);
    let lh = label_ink.line_height();
    let mut y = top_left.y;
    let mut right = top_left.x + width;
    for bar in bars {
        let labels: Vec<String> = label_ink.wrap(&bar.label, label_w).into_iter().collect();
        let row_h = (labels.len() as f32 * lh).max(BAR_HEIGHT).max(lh);
        for (i, line) in labels.iter().enumerate() {
            row(
                shapes,
                Point::new(top_left.x, y + i as f32 * lh),
                line,
                label_ink,
            );
        }
        let bar_x = top_left.x + label_w + GAP;
        let length = (bar.fraction.clamp(0.0, 1.0) as f32 * bar_max).max(0.0);
        let bar_y = y + (lh - BAR_HEIGHT) / 2.0;
        if length > 0.0 {
            filled(
                shapes,
                Rect::new(bar_x, bar_y, length.max(1.5), BAR_HEIGHT),
                bar.color,
            );
        }
        let value_x = bar_x + length.max(1.5) + GAP / 2.0;
        let w = row(shapes, Point::new(value_x, y), &bar.value, value_ink);
        right = right.max(value_x + w);
        y += row_h + ROW_GAP;
    }
    // The baseline the bars start from.
    let axis_x = top_left.x + label_w + GAP;
    if !bars.is_empty() {
        rule(
            shapes,
            Point::new(axis_x, top_left.y - 2.0),
            Point::new(axis_x, y - ROW_GAP + 2.0),
            palette.connector,
        );
    }
    Rect::new(
        top_left.x,
        top_left.y,
        right - top_left.x,
        (y - ROW_GAP - top_left.y).max(0.0),
    )
}

/// A table: a bold header row, a rule, then rows; columns flagged numeric are right-aligned. Column widths
/// follow their contents, the first column taking what is left (its text wraps). Returns the area used.
pub fn table(
    shapes: &mut Vec<Shape>,
    top_left: Point,
    width: f32,
    headers: &[String],
    rows: &[Vec<String>],
    numeric: &[bool],
    palette: &Palette,
) -> Rect {
    let head = Ink::new(CHART_TEXT, FontWeight::Bold, palette.ink);
    let body = Ink::new(CHART_TEXT, FontWeight::Regular, palette.ink);
    let columns = headers.len();
    let widest = |c: usize, measure: &dyn Fn(&str) -> f32| {
        rows.iter()
            .filter_map(|r| r.get(c))
            .map(|cell| measure(cell))
            .fold(0.0, f32::max)
    };
    let longest_word = |ink: Ink, text: &str| {
        text.split_whitespace()
            .map(|word| ink.width(word))
            .fold(0.0, f32::max)
    };
    let gaps = GAP * 2.0 * columns.saturating_sub(1) as f32;
    let fits = |widths: &[f32]| widths.iter().sum::<f32>() + gaps <= width;
    // Everything on one line where the table fits so; else headers wrap at spaces ("Headcount / before");
    // else every cell may wrap. The first column, whose cells always wrap, takes what is left.
    let mut widths: Vec<f32> = (0..columns)
        .map(|c| widest(c, &|cell| body.width(cell)).max(head.width(&headers[c])))
        .collect();
    if !fits(&widths) {
        widths = (0..columns)
            .map(|c| widest(c, &|cell| body.width(cell)).max(longest_word(head, &headers[c])))
            .collect();
    }
    if !fits(&widths) {
        widths = (0..columns)
            .map(|c| {
                widest(c, &|cell| longest_word(body, cell)).max(longest_word(head, &headers[c]))
            })
            .collect();
    }
    if columns > 0 && !fits(&widths) {
        let others: f32 = widths[1..].iter().sum::<f32>() + gaps;
        widths[0] = widths[0].min((width - others).max(width * 0.3));
    }
    let column_x: Vec<f32> = widths
        .iter()
        .scan(top_left.x, |x, w| {
            let at = *x;
            *x += w + GAP * 2.0;
            Some(at)
        })
        .collect();
    let mut y = top_left.y;
    let mut right = top_left.x;
    let mut draw_row = |shapes: &mut Vec<Shape>, cells: &[String], ink: Ink, y: f32| -> f32 {
        let mut height = ink.line_height();
        for (c, cell) in cells.iter().enumerate().take(columns) {
            let lines = ink.wrap(cell, widths[c]);
            for (i, line) in lines.iter().enumerate() {
                let w = ink.width(line);
                let x = if numeric.get(c).copied().unwrap_or(false) {
                    column_x[c] + widths[c] - w
                } else {
                    column_x[c]
                };
                row(
                    shapes,
                    Point::new(x, y + i as f32 * ink.line_height()),
                    line,
                    ink,
                );
                right = right.max(x + w);
            }
            height = height.max(lines.len() as f32 * ink.line_height());
        }
        height
    };
    y += draw_row(shapes, headers, head, y) + 3.0;
    let table_right = column_x
        .last()
        .zip(widths.last())
        .map_or(top_left.x, |(x, w)| x + w);
    rule(
        shapes,
        Point::new(top_left.x, y),
        Point::new(table_right, y),
        palette.legend_border,
    );
    y += 4.0;
    for cells in rows {
        y += draw_row(shapes, cells, body, y) + 4.0;
    }
    Rect::new(
        top_left.x,
        top_left.y,
        right.max(table_right) - top_left.x,
        y - top_left.y,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::build::Theme;
    use crate::render::style::{self, palette};

    fn texts(shapes: &[Shape]) -> Vec<(Point, String)> {
        shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text { pos, text, .. } => Some((*pos, text.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn bars_are_as_long_as_their_fraction_and_say_their_value() {
        let p = palette(Theme::Light);
        let mut shapes = Vec::new();
        let bars = vec![
            Bar {
                label: "2-3".into(),
                fraction: 1.0,
                value: "4 · 67%".into(),
                color: style::BLUE,
            },
            Bar {
                label: "4-7".into(),
                fraction: 0.5,
                value: "2 · 33%".into(),
                color: style::BLUE,
            },
        ];
        let area = bar_chart(&mut shapes, Point::new(0.0, 0.0), 300.0, &bars, &p);
        let lengths: Vec<f32> = shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Rect { rect, .. } => Some(rect.w),
                _ => None,
            })
            .collect();
        assert_eq!(lengths.len(), 2);
        assert!((lengths[0] - 2.0 * lengths[1]).abs() < 0.01, "{lengths:?}");
        let words: Vec<String> = texts(&shapes).into_iter().map(|t| t.1).collect();
        assert_eq!(words, ["2-3", "4 · 67%", "4-7", "2 · 33%"]);
        assert!(area.w <= 300.5 && area.h > 20.0, "{area:?}");
    }

    /// Regression: the report's per-organisation table (eight columns) ran off the right of the page.
    #[test]
    fn a_wide_table_stays_inside_its_width_with_headers_wrapped() {
        let p = palette(Theme::Light);
        let mut shapes = Vec::new();
        let headers: Vec<String> = [
            "Organisation",
            "Headcount before",
            "Headcount after",
            "Change",
            "Cost before",
            "Cost after",
            "Change",
        ]
        .map(str::to_owned)
        .to_vec();
        let rows = vec![
            [
                "Oxfordshire County Council",
                "not given",
                "10",
                "+10",
                "not given",
                "£0.47m",
                "+£0.47m",
            ]
            .map(str::to_owned)
            .to_vec(),
        ];
        // The text width of an A4 portrait report page, in the report's units.
        let width = 598.0;
        let area = table(
            &mut shapes,
            Point::new(0.0, 0.0),
            width,
            &headers,
            &rows,
            &[false, true, true, true, true, true, true],
            &p,
        );
        assert!(area.w <= width + 0.01, "{area:?}");
        for (pos, row) in texts(&shapes) {
            let w = text::text_width(&row, CHART_TEXT, FontWeight::Bold);
            assert!(pos.x + w <= width + 0.01, "'{row}' ends at {}", pos.x + w);
        }
        // "Headcount before" wrapped: both words are drawn, on two rows.
        let t = texts(&shapes);
        assert!(t.iter().any(|(_, s)| s == "before"), "{t:?}");
    }

    #[test]
    fn numeric_columns_are_right_aligned() {
        let p = palette(Theme::Light);
        let mut shapes = Vec::new();
        let headers = vec!["Organisation".to_owned(), "Headcount".to_owned()];
        let rows = vec![
            vec!["Council A".to_owned(), "1".to_owned()],
            vec!["Council B".to_owned(), "120.5".to_owned()],
        ];
        table(
            &mut shapes,
            Point::new(0.0, 0.0),
            400.0,
            &headers,
            &rows,
            &[false, true],
            &p,
        );
        let t = texts(&shapes);
        let right_end = |word: &str| {
            let (pos, text) = t.iter().find(|(_, s)| s == word).unwrap();
            pos.x + text::text_width(text, CHART_TEXT, FontWeight::Regular)
        };
        assert!((right_end("1") - right_end("120.5")).abs() < 0.01);
        let left = |word: &str| t.iter().find(|(_, s)| s == word).unwrap().0.x;
        assert_eq!(left("Council A"), left("Council B"));
    }
}
