//! The index at the end of a paginated document: every unit by name, A to Z, with the page its card is on.

use crate::geom::{Point, Rect};
use crate::model::{Chart, Forest};
use crate::render::build::Theme;
use crate::render::drawing::{Drawing, FontWeight, Shape};
use crate::render::page::{self, Furniture, Placement, Sheet, first_row};
use crate::render::{style, text};

/// 8.25 pt as printed: small, but well above the 6 pt floor.
const SIZE: f32 = 11.0;
const COLUMN_WIDTH: f32 = 240.0;
const COLUMN_GAP: f32 = 16.0;

/// One line of the index.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub name: String,
    /// Page counted from 1.
    pub page: usize,
}

/// Every unit of the forest, sorted by name (ignoring case), then page.
pub fn entries(chart: &Chart, forest: &Forest, page_of: &[usize]) -> Vec<Entry> {
    let mut entries: Vec<Entry> = forest
        .ids
        .iter()
        .zip(page_of)
        .map(|(id, page)| Entry {
            name: chart
                .unit(id)
                .map_or_else(|| id.as_str().to_owned(), |u| u.name.trim().to_owned()),
            page: page + 1,
        })
        .collect();
    entries.sort_by_cached_key(|e| (e.name.to_lowercase(), e.page));
    entries
}

fn grid(sheet: &Sheet) -> (usize, usize, f32) {
    let line = text::line_height(SIZE, FontWeight::Regular);
    let rows = ((sheet.chart_box.h / line).floor() as usize).max(1);
    let columns =
        (((sheet.chart_box.w + COLUMN_GAP) / (COLUMN_WIDTH + COLUMN_GAP)).floor() as usize).max(1);
    (rows, columns, line)
}

pub fn page_count(sheet: &Sheet, entries: usize) -> usize {
    let (rows, columns, _) = grid(sheet);
    entries.div_ceil(rows * columns).max(1)
}

pub fn split<'a>(sheet: &Sheet, entries: &'a [Entry]) -> Vec<&'a [Entry]> {
    let (rows, columns, _) = grid(sheet);
    let chunks: Vec<&[Entry]> = entries.chunks(rows * columns).collect();
    if chunks.is_empty() { vec![&[]] } else { chunks }
}

/// One index page: entries down each column, the name at the left and its page number at the right.
pub fn page(sheet: &Sheet, furniture: &Furniture, entries: &[Entry], theme: Theme) -> Drawing {
    let palette = style::palette(theme);
    let (rows, columns, line) = grid(sheet);
    let column_w = (sheet.chart_box.w - COLUMN_GAP * (columns as f32 - 1.0)) / columns as f32;
    let mut shapes = Vec::with_capacity(entries.len() * 2);
    for (i, entry) in entries.iter().enumerate() {
        let (column, row) = (i / rows, i % rows);
        let x = column as f32 * (column_w + COLUMN_GAP);
        let baseline = row as f32 * line + text::ascent(SIZE, FontWeight::Regular);
        let number = entry.page.to_string();
        let number_w = text::text_width(&number, SIZE, FontWeight::Regular);
        let room = (column_w - number_w - 10.0).max(20.0);
        shapes.push(Shape::Text {
            pos: Point::new(x, baseline),
            text: first_row(&entry.name, SIZE, FontWeight::Regular, room),
            size: SIZE,
            weight: FontWeight::Regular,
            color: palette.ink,
            strike: false,
        });
        shapes.push(Shape::Text {
            pos: Point::new(x + column_w - number_w, baseline),
            text: number,
            size: SIZE,
            weight: FontWeight::Regular,
            color: palette.quiet,
            strike: false,
        });
    }
    let area = Rect::new(
        0.0,
        0.0,
        sheet.chart_box.w,
        rows.min(entries.len().max(1)) as f32 * line,
    );
    let _ = columns;
    let list = Drawing {
        bounds: area,
        background: palette.background,
        shapes,
        cards: Vec::new(),
    };
    page::compose(sheet, furniture, &list, area, Placement::AtMost(1.0), theme).0
}
