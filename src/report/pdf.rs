//! The report as pages: blocks flowed down sheets of paper (tables split between rows, lists between
//! items, a heading kept with what follows), the chart on a page of its own, a footer with page numbers,
//! and a bookmark per section. The pages are drawings, made into a PDF by the same code as `--pages`.

use crate::geom::{Point, Rect};
use crate::paper::Paper;
use crate::render::blocks::{self, Ink};
use crate::render::drawing::{Drawing, FontWeight, Shape};
use crate::render::page::{MARGIN_POINTS, UNITS_PER_POINT, first_row, paper_rect, scaled};
use crate::render::pdf_pages::{Bookmark, to_pdf_pages};
use crate::render::style::{self, Palette};
use crate::render::{Theme, text};

use super::{Block, ReportDocument, Table};

/// Page units per content unit: body text of 11.5 prints at about 10.4 pt.
const SCALE: f32 = 1.2;
const TITLE_SIZE: f32 = 20.0;
const SUBTITLE_SIZE: f32 = 12.0;
const HEADING_SIZE: f32 = 15.0;
const SUBHEADING_SIZE: f32 = 12.5;
const FOOTER_SIZE: f32 = 9.0;
/// Space before a heading, after a block (content units).
const BEFORE_HEADING: f32 = 16.0;
const AFTER_BLOCK: f32 = 10.0;
/// A heading needs at least this much room under it on its page (content units).
const KEEP_WITH_NEXT: f32 = 90.0;

pub fn to_pdf(document: &ReportDocument) -> Result<Vec<u8>, String> {
    let (pages, bookmarks) = pages(document);
    to_pdf_pages(&pages, &bookmarks, &document.title).map_err(|err| err.to_string())
}

/// Shapes in content units, `height` tall, ready to be placed.
struct Piece {
    shapes: Vec<Shape>,
    height: f32,
}

struct Flow {
    paper: Rect,
    /// The text area in page units (above the footer).
    area: Rect,
    palette: Palette,
    pages: Vec<Drawing>,
    /// Pages that carry the report's footer (flowed pages, not the chart's own page).
    flowed: Vec<bool>,
    current: Vec<Shape>,
    y: f32,
    bookmarks: Vec<Bookmark>,
    /// A chart page waiting for the page being filled to end, with its bookmark.
    deferred: Vec<(Drawing, Option<String>)>,
}

impl Flow {
    fn new(paper: &Paper) -> Self {
        let size = paper_rect(paper);
        let content = size.expand(-MARGIN_POINTS * UNITS_PER_POINT);
        let footer = text::line_height(FOOTER_SIZE * SCALE, FontWeight::Regular) + 10.0;
        let area = Rect::new(content.x, content.y, content.w, content.h - footer);
        Self {
            paper: size,
            area,
            palette: style::palette(Theme::Light),
            pages: Vec::new(),
            flowed: Vec::new(),
            current: Vec::new(),
            y: area.y,
            bookmarks: Vec::new(),
            deferred: Vec::new(),
        }
    }

    /// The text width in content units.
    fn width(&self) -> f32 {
        self.area.w / SCALE
    }

    fn room(&self) -> f32 {
        (self.area.bottom() - self.y) / SCALE
    }

    fn is_fresh(&self) -> bool {
        self.current.is_empty()
    }

    /// Ends the page being filled, then puts any chart page waiting for it.
    fn finish_page(&mut self) {
        if !self.current.is_empty() {
            self.pages.push(Drawing {
                bounds: self.paper,
                background: self.palette.background,
                shapes: std::mem::take(&mut self.current),
                cards: Vec::new(),
            });
            self.flowed.push(true);
            self.y = self.area.y;
        }
        for (page, bookmark) in std::mem::take(&mut self.deferred) {
            if let Some(title) = bookmark {
                self.bookmarks.push(Bookmark {
                    title,
                    page: self.pages.len(),
                    parent: None,
                });
            }
            self.pages.push(page);
            self.flowed.push(false);
        }
    }

    /// Places a piece at the cursor, scaled by `scale` page units per content unit.
    fn place(&mut self, piece: Piece, scale: f32) {
        let (left, top) = (self.area.x, self.y);
        let to_page = |p: Point| Point::new(left + p.x * scale, top + p.y * scale);
        self.current
            .extend(piece.shapes.iter().map(|s| scaled(s, &to_page, scale)));
        self.y += piece.height * scale;
    }

    /// Places a piece on this page if it fits, else on the next.
    fn put(&mut self, piece: Piece) {
        if piece.height > self.room() && !self.is_fresh() {
            self.finish_page();
        }
        self.place(piece, SCALE);
        self.y += AFTER_BLOCK * SCALE;
    }

    fn gap(&mut self, gap: f32) {
        if !self.is_fresh() {
            self.y += gap * SCALE;
        }
    }
}

fn ink(size: f32, weight: FontWeight, palette: &Palette, quiet: bool) -> Ink {
    Ink::new(
        size,
        weight,
        if quiet { palette.quiet } else { palette.ink },
    )
}

fn paragraph(text: &str, width: f32, ink: Ink) -> Piece {
    let mut shapes = Vec::new();
    let height = blocks::paragraph(&mut shapes, Point::new(0.0, 0.0), width, text, ink);
    Piece { shapes, height }
}

fn table_piece(table: &Table, rows: &[Vec<String>], width: f32, palette: &Palette) -> Piece {
    let mut shapes = Vec::new();
    let area = blocks::table(
        &mut shapes,
        Point::new(0.0, 0.0),
        width,
        &table.headers,
        rows,
        &table.numeric,
        palette,
    );
    if area.w <= width {
        return Piece {
            shapes,
            height: area.h,
        };
    }
    // Too many columns to fit even with wrapped cells: the table is drawn smaller rather than cut off.
    let shrink = width / area.w;
    let to_smaller = |p: Point| Point::new(p.x * shrink, p.y * shrink);
    Piece {
        shapes: shapes
            .iter()
            .map(|s| scaled(s, &to_smaller, shrink))
            .collect(),
        height: area.h * shrink,
    }
}

/// A table on as many pages as it needs, the header repeated, split between rows.
fn put_table(flow: &mut Flow, table: &Table) {
    let width = flow.width();
    if table.rows.is_empty() {
        flow.put(table_piece(table, &[], width, &flow.palette));
        return;
    }
    let mut start = 0;
    while start < table.rows.len() {
        let piece = |end: usize| table_piece(table, &table.rows[start..end], width, &flow.palette);
        let fits = |end: usize| piece(end).height <= flow.room();
        if !fits(start + 1) && !flow.is_fresh() {
            flow.finish_page();
            continue;
        }
        // The most rows that fit (heights grow with rows, so a binary search finds it); at least one.
        let (mut low, mut high) = (start + 1, table.rows.len());
        while low < high {
            let mid = (low + high).div_ceil(2);
            if fits(mid) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        let placed = piece(low);
        flow.place(placed, SCALE);
        start = low;
        if start < table.rows.len() {
            flow.finish_page();
        }
    }
    flow.y += AFTER_BLOCK * SCALE;
}

/// A picture scaled to the text width (never beyond the report's print size) and to the page height.
fn put_figure(flow: &mut Flow, drawing: &Drawing) {
    let bounds = drawing.bounds;
    let full_height = flow.area.h;
    let scale = (flow.area.w / bounds.w.max(1.0))
        .min(SCALE)
        .min(full_height / bounds.h.max(1.0));
    if bounds.h * scale > flow.area.bottom() - flow.y && !flow.is_fresh() {
        flow.finish_page();
    }
    let shapes = drawing
        .shapes
        .iter()
        .map(|s| {
            scaled(
                s,
                &|p: Point| Point::new(p.x - bounds.x, p.y - bounds.y),
                1.0,
            )
        })
        .collect();
    flow.place(
        Piece {
            shapes,
            height: bounds.h,
        },
        scale,
    );
    flow.y += AFTER_BLOCK * SCALE;
}

/// The height (content units) of what must stay with a heading above it: a figure whole, a table's
/// header and first row, a list's first item. Never more than a page.
fn first_height(block: &Block, flow: &Flow) -> f32 {
    let width = flow.width();
    let body = ink(
        blocks::CHART_TEXT,
        FontWeight::Regular,
        &flow.palette,
        false,
    );
    let height = match block {
        Block::Figure { drawing, .. } => {
            let scale = (flow.area.w / drawing.bounds.w.max(1.0)).min(SCALE);
            drawing.bounds.h * scale / SCALE
        }
        Block::Table(table) => {
            table_piece(
                table,
                &table.rows[..table.rows.len().min(1)],
                width,
                &flow.palette,
            )
            .height
        }
        Block::List(items) => items
            .first()
            .map_or(0.0, |item| paragraph(item, width, body).height),
        Block::Paragraph(text) | Block::Note(text) => paragraph(text, width, body).height,
        Block::Subheading(_) => KEEP_WITH_NEXT,
        Block::Heading(_) | Block::ChartPage { .. } => 0.0,
    };
    height.min(flow.area.h / SCALE * 0.9)
}

/// The pages and their bookmarks: the chart's page as it was fitted, everything else flowed.
pub fn pages(document: &ReportDocument) -> (Vec<Drawing>, Vec<Bookmark>) {
    let paper = if document.paper.is_landscape() {
        document.paper.turned()
    } else {
        document.paper.clone()
    };
    let mut flow = Flow::new(&paper);
    let palette = flow.palette;
    let width = flow.width();
    let title = ink(TITLE_SIZE, FontWeight::Bold, &palette, false);
    flow.put(paragraph(&document.title, width, title));
    flow.y -= AFTER_BLOCK * SCALE * 0.6;
    let subtitle = format!("{} · {}", document.subtitle, document.date);
    flow.put(paragraph(
        &subtitle,
        width,
        ink(SUBTITLE_SIZE, FontWeight::Regular, &palette, true),
    ));
    let mut blocks = document.blocks.iter().peekable();
    while let Some(block) = blocks.next() {
        let width = flow.width();
        match block {
            Block::Heading(heading) => {
                if let Some(Block::ChartPage { page, .. }) = blocks.peek() {
                    // The chart's page has its own title: the heading is its bookmark. It follows the
                    // page being filled, so the report's first page is not left with only its title.
                    flow.deferred.push((page.clone(), Some(heading.clone())));
                    blocks.next();
                    continue;
                }
                let piece = paragraph(
                    heading,
                    width,
                    ink(HEADING_SIZE, FontWeight::Bold, &palette, false),
                );
                let next = blocks
                    .peek()
                    .map_or(0.0, |next| first_height(next, &flow))
                    .max(KEEP_WITH_NEXT);
                // Room for the heading, the space around it, and what must stay with it.
                if piece.height + BEFORE_HEADING + 6.0 + next + 2.0 > flow.room() {
                    flow.finish_page();
                }
                flow.gap(BEFORE_HEADING);
                flow.bookmarks.push(Bookmark {
                    title: heading.clone(),
                    page: flow.pages.len(),
                    parent: None,
                });
                flow.place(piece, SCALE);
                flow.y += 6.0 * SCALE;
            }
            Block::Subheading(heading) => {
                let piece = paragraph(
                    heading,
                    width,
                    ink(SUBHEADING_SIZE, FontWeight::Bold, &palette, false),
                );
                if piece.height + KEEP_WITH_NEXT / 2.0 > flow.room() {
                    flow.finish_page();
                }
                flow.gap(4.0);
                flow.place(piece, SCALE);
                flow.y += 4.0 * SCALE;
            }
            Block::Paragraph(text) => flow.put(paragraph(
                text,
                width,
                ink(blocks::CHART_TEXT, FontWeight::Regular, &palette, false),
            )),
            Block::Note(text) => flow.put(paragraph(
                text,
                width,
                ink(style::NOTE_SIZE, FontWeight::Regular, &palette, true),
            )),
            Block::Table(table) => put_table(&mut flow, table),
            Block::List(items) => {
                let body = ink(blocks::CHART_TEXT, FontWeight::Regular, &palette, false);
                let indent = 14.0;
                for item in items {
                    let mut piece = paragraph(item, width - indent, body);
                    for shape in &mut piece.shapes {
                        if let Shape::Text { pos, .. } = shape {
                            pos.x += indent;
                        }
                    }
                    blocks::row(&mut piece.shapes, Point::new(2.0, 0.0), "•", body);
                    if piece.height > flow.room() && !flow.is_fresh() {
                        flow.finish_page();
                    }
                    flow.place(piece, SCALE);
                    flow.y += 3.0 * SCALE;
                }
                flow.y += AFTER_BLOCK * SCALE;
            }
            Block::Figure { drawing, .. } => put_figure(&mut flow, drawing),
            Block::ChartPage { page, .. } => flow.deferred.push((page.clone(), None)),
        }
    }
    flow.finish_page();
    add_footers(&mut flow, &document.title);
    (flow.pages, flow.bookmarks)
}

/// "Title ........ Page 2 of 5" at the foot of every flowed page.
fn add_footers(flow: &mut Flow, title: &str) {
    let total = flow.pages.len();
    let size = FOOTER_SIZE * SCALE;
    let quiet = Ink::new(size, FontWeight::Regular, flow.palette.quiet);
    let bottom = flow.paper.bottom() - MARGIN_POINTS * UNITS_PER_POINT;
    let top = bottom - quiet.line_height();
    for (i, page) in flow.pages.iter_mut().enumerate() {
        if !flow.flowed[i] {
            continue;
        }
        let number = format!("Page {} of {total}", i + 1);
        let number_w = quiet.width(&number);
        blocks::row(
            &mut page.shapes,
            Point::new(flow.area.right() - number_w, top),
            &number,
            quiet,
        );
        let room = (flow.area.w - number_w - 24.0).max(40.0);
        let left = first_row(title, size, FontWeight::Regular, room);
        blocks::row(&mut page.shapes, Point::new(flow.area.x, top), &left, quiet);
    }
}
