//! Paints the library's `Drawing` with egui, with level of detail: only what is on screen, text only when it
//! would be readable, and whole rows of cards as blocks when they are a few pixels wide.

use foldhash::HashMap;

use egui::emath::TSTransform;
use egui::{Color32, FontId, Painter, Pos2, Shape as EguiShape, StrokeKind, Vec2};

use crate::geom;
use crate::metrics;
use crate::model::{Chart, Forest, UnitId};
use crate::render::{
    Card, Dash, Drawing, MeasureCache, RenderOptions, Rgba, Shape, Splice, Stroke,
    build_drawing_reusing, patch_drawing, splice_ranges,
};
use crate::render::{style, text};

use super::view::{View, pos, rect};
use crate::app::fonts;

/// Below this many screen pixels, secondary text (role, figures, badges, key, link labels) is left out.
pub const MIN_TEXT_PX: f32 = 4.5;
/// Names (and the title) are the last text to go: they stay down to this size, so a chart fitted to the
/// window still says which box is which.
pub const MIN_NAME_PX: f32 = 3.5;
/// Below this card width on screen, rows of cards are drawn as merged blocks.
const BLOCK_CARD_PX: f32 = 5.0;
const NO_CARD: u32 = u32::MAX;
/// A drawing with more shapes than this is freed on another thread when it is replaced.
const BIG_DRAWING_SHAPES: usize = 50_000;

/// What the canvas needs to know about a card beyond its shapes.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CardMeta {
    pub has_reports: bool,
    /// Units hidden below it by collapsing.
    pub hidden: usize,
    /// Its reports are hidden (meaningful only when it has reports).
    pub collapsed: bool,
}

/// The drawing for the current chart and options, with what painting needs precomputed. Rebuilt only when the
/// document revision or the options change.
pub struct DrawingCache {
    key: Option<(u64, RenderOptions)>,
    pub drawing: Drawing,
    pub card_index: super::CardIndex,
    pub meta: Vec<CardMeta>,
    shape_bounds: Vec<geom::Rect>,
    shape_owner: Vec<u32>,
    /// Card indices ordered by row, then left to right (for block drawing).
    rows: Vec<usize>,
    block_colour: Vec<Color32>,
    typical_card_width: f32,
    builds: u64,
    /// Card measurements kept between builds: an edit re-measures only the cards it changed.
    measured: MeasureCache,
    /// What the last update painted again and measured the bounds of (see [`Self::repainted`]).
    repainted: usize,
    rebounded: usize,
    /// Big branches, for the labels drawn far out.
    pub branches: Vec<super::labels::Branch>,
    /// The chart's stamp when the branches' names and figures were last brought up to date.
    labelled_at: Option<u64>,
}

impl Default for DrawingCache {
    fn default() -> Self {
        Self {
            key: None,
            drawing: Drawing {
                bounds: geom::Rect::default(),
                background: Rgba::rgb(255, 255, 255),
                shapes: Vec::new(),
                cards: Vec::new(),
            },
            card_index: super::CardIndex::default(),
            meta: Vec::new(),
            shape_bounds: Vec::new(),
            shape_owner: Vec::new(),
            rows: Vec::new(),
            block_colour: Vec::new(),
            typical_card_width: 160.0,
            builds: 0,
            measured: MeasureCache::default(),
            repainted: 0,
            rebounded: 0,
            branches: Vec::new(),
            labelled_at: None,
        }
    }
}

impl DrawingCache {
    /// Rebuilds when the chart revision or options differ from the last build; returns true if it did.
    pub fn ensure(&mut self, chart: &Chart, revision: u64, options: &RenderOptions) -> bool {
        if self
            .key
            .as_ref()
            .is_some_and(|(r, o)| *r == revision && o == options)
        {
            return false;
        }
        let same_options = self.key.as_ref().is_some_and(|(_, o)| o == options);
        // Only the chart changed: patch the drawing if the edits allow it (what the canvas keeps beside
        // it is then worked out only for the cards painted again).
        let patched = same_options
            && self.measured.drawn_forest().is_some()
            && match patch_drawing(chart, options, &mut self.measured, &mut self.drawing) {
                Some(mut splice) => {
                    match splice.replaced.take() {
                        // Laid out again: everything kept per shape and card is worked out again.
                        Some(old) => {
                            let fresh = std::mem::replace(&mut self.drawing, old);
                            self.set_drawing(chart, fresh);
                            self.repainted = self.drawing.cards.len();
                            self.rebounded = self.drawing.shapes.len();
                        }
                        None => self.apply_splice(chart, &splice),
                    }
                    true
                }
                None => false,
            };
        if !patched {
            // The cards drawn again take their text from the drawing shown now, which is dropped next.
            let drawing =
                build_drawing_reusing(chart, options, &mut self.measured, &mut self.drawing);
            self.set_drawing(chart, drawing);
            self.repainted = self.drawing.cards.len();
            self.rebounded = self.drawing.shapes.len();
        }
        self.key = Some((revision, options.clone()));
        self.labelled_at = Some(chart.stamp());
        self.builds += 1;
        true
    }

    /// How many cards the last update painted (all of them when it built the drawing again; for tests:
    /// a one-card edit repaints one card).
    pub fn repainted(&self) -> usize {
        self.repainted
    }

    /// How many shapes' bounds the last update worked out (for tests, as [`Self::repainted`]).
    pub fn rebounded(&self) -> usize {
        self.rebounded
    }

    /// Updates what is kept per shape and per card for a patched drawing: only the ranges it replaced.
    fn apply_splice(&mut self, chart: &Chart, splice: &Splice) {
        let drawing = &self.drawing;
        let owners: Vec<u32> = splice
            .ranges
            .iter()
            .map(|(_, new)| {
                splice
                    .cards
                    .iter()
                    .find(|&&c| drawing.cards.get(c).is_some_and(|card| card.shapes == *new))
                    .map_or(NO_CARD, |&c| c as u32)
            })
            .collect();
        let bounds = splice
            .ranges
            .iter()
            .zip(&owners)
            .map(|((old, new), &owner)| {
                let bounds = match drawing.cards.get(owner as usize) {
                    Some(card) => vec![card_area(card); new.len()],
                    None => {
                        let shapes = drawing.shapes.get(new.clone()).unwrap_or(&[]);
                        shapes.iter().map(shape_bounds).collect()
                    }
                };
                (old.clone(), bounds)
            })
            .collect();
        splice_ranges(&mut self.shape_bounds, bounds);
        let owners = splice
            .ranges
            .iter()
            .zip(owners)
            .map(|((old, new), owner)| (old.clone(), vec![owner; new.len()]))
            .collect();
        splice_ranges(&mut self.shape_owner, owners);
        let background = colour(drawing.background);
        for &c in &splice.cards {
            if let (Some(card), Some(slot)) = (drawing.cards.get(c), self.block_colour.get_mut(c)) {
                *slot = block_colour(drawing, card.shapes.clone(), background);
            }
        }
        // Branch labels show their head's name and totals: the edited units' and their managers'.
        if let Some(totals) = self.measured.drawn_totals() {
            for branch in &mut self.branches {
                if let Some(c) = self.card_index.get(&branch.id)
                    && splice.touched.binary_search(&c).is_ok()
                    && let Some(t) = totals.get(c)
                {
                    super::labels::refresh(branch, chart, t);
                }
            }
        }
        self.repainted = splice.cards.len();
        self.rebounded = splice.ranges.iter().map(|(_, new)| new.len()).sum();
    }

    /// How many times the drawing was rebuilt (for tests: rebuilding must follow edits, not frames).
    pub fn builds(&self) -> u64 {
        self.builds
    }

    /// How many cards the last build measured (for tests: an edit re-measures only what it changed).
    pub fn remeasured(&self) -> usize {
        self.measured.remeasured()
    }

    fn set_drawing(&mut self, chart: &Chart, drawing: Drawing) {
        // The build's own forest and totals when it drew the whole chart as the canvas does: working them
        // out again here was a third of a big chart's edit.
        let computed;
        let (forest, totals) = match (self.measured.drawn_forest(), self.measured.drawn_totals()) {
            (Some(forest), Some(totals)) if forest.len() == drawing.cards.len() => (forest, totals),
            _ => {
                let forest = chart.forest(true);
                let by_id = metrics::subtree_totals(chart);
                let totals: Vec<metrics::Totals> = forest
                    .ids
                    .iter()
                    .map(|id| by_id.get(id).copied().unwrap_or_default())
                    .collect();
                computed = (forest, totals);
                (&computed.0, computed.1.as_slice())
            }
        };
        // What the canvas keeps per shape and what it keeps per card read only the drawing and the forest:
        // on a big chart the two halves are worked out side by side, each about half of the work.
        let background = colour(drawing.background);
        let previous = std::mem::take(&mut self.branches);
        // The units edited since the branches' labels were last brought up to date (`None`: any may be).
        let changed: Option<foldhash::HashSet<&UnitId>> = self
            .labelled_at
            .and_then(|stamp| chart.changes_since(stamp))
            .and_then(|changes| changes.iter().map(|change| change.unit.as_ref()).collect());
        let mut card_index = std::mem::take(&mut self.card_index);
        let old_cards = &self.drawing.cards;
        let recycled = (
            std::mem::take(&mut self.shape_bounds),
            std::mem::take(&mut self.shape_owner),
        );
        // Block colours are the biggest part: each half works out those of half of the cards.
        let (first_cards, last_cards) = drawing.cards.split_at(drawing.cards.len() / 2);
        let (
            (shape_bounds, shape_owner, mut block_colours, rows, typical_width),
            (last_colours, meta, branches),
        ) = crate::parallel::join(
            drawing.cards.len(),
            || {
                let (bounds, owner) = per_shape(&drawing, recycled.0, recycled.1);
                (
                    bounds,
                    owner,
                    block_colours(&drawing, first_cards, background),
                    rows_of(&drawing),
                    typical_width(&drawing),
                )
            },
            || {
                card_index.update(old_cards, &drawing.cards);
                let meta = card_meta(chart, forest, &drawing);
                let branches = super::labels::branches(
                    chart,
                    forest,
                    totals,
                    &drawing,
                    &card_index,
                    previous,
                    |id| changed.as_ref().is_none_or(|changed| changed.contains(id)),
                );
                (
                    block_colours(&drawing, last_cards, background),
                    meta,
                    branches,
                )
            },
        );
        block_colours.extend(last_colours);
        self.card_index = card_index;
        self.shape_bounds = shape_bounds;
        self.shape_owner = shape_owner;
        self.block_colour = block_colours;
        self.meta = meta;
        self.rows = rows;
        self.typical_card_width = typical_width;
        self.branches = branches;
        let old = std::mem::replace(&mut self.drawing, drawing);
        // Freeing a big drawing's hundreds of thousands of strings takes longer than building the next
        // frame: let another thread do it.
        if old.shapes.len() > BIG_DRAWING_SHAPES {
            std::thread::spawn(move || drop(old));
        }
    }

    /// Screen rectangle of a unit's card, if it is drawn.
    pub fn card_rect(&self, id: &UnitId) -> Option<geom::Rect> {
        self.card_index
            .get(id)
            .and_then(|i| self.drawing.cards.get(i))
            .map(|card| card.rect)
    }

    /// The topmost card under a chart point.
    pub fn card_at(&self, p: geom::Point) -> Option<usize> {
        self.drawing
            .cards
            .iter()
            .rposition(|card| card.rect.contains(p))
    }

    /// True when cards are so small on screen that they are drawn as blocks.
    pub fn is_block_mode(&self, zoom: f32) -> bool {
        self.typical_card_width * zoom < BLOCK_CARD_PX
    }
}

/// Each shape's bounds and card (`NO_CARD` for lines, the key and the footer), written into the last
/// drawing's vectors: a big chart's are megabytes, and fresh ones cost the kernel zeroing new pages.
fn per_shape(
    drawing: &Drawing,
    mut bounds: Vec<geom::Rect>,
    mut owner: Vec<u32>,
) -> (Vec<geom::Rect>, Vec<u32>) {
    bounds.clear();
    bounds.resize(drawing.shapes.len(), geom::Rect::default());
    owner.clear();
    owner.resize(drawing.shapes.len(), NO_CARD);
    for (c, card) in drawing.cards.iter().enumerate() {
        for i in card.shapes.clone() {
            if let (Some(owner), Some(bounds)) = (owner.get_mut(i), bounds.get_mut(i)) {
                *owner = c as u32;
                *bounds = card_area(card);
            }
        }
    }
    for ((bounds, &owner), shape) in bounds.iter_mut().zip(&owner).zip(&drawing.shapes) {
        if owner == NO_CARD {
            *bounds = shape_bounds(shape);
        }
    }
    (bounds, owner)
}

/// The colours of `cards` drawn as blocks. Each reads its card's first shapes, a memory miss per card on
/// a big drawing: the canvas works out half of the cards' on each of its two threads.
fn block_colours(drawing: &Drawing, cards: &[Card], background: Color32) -> Vec<Color32> {
    cards
        .iter()
        .enumerate()
        .map(|(c, card)| {
            // Each card's first shape is a miss (cards' shapes are of many lengths, too irregular for the
            // processor to guess): asked for a few cards ahead, the misses overlap.
            if let Some(ahead) = cards.get(c + SHAPE_PREFETCH_AHEAD) {
                crate::prefetch::item(&drawing.shapes, ahead.shapes.start);
            }
            block_colour(drawing, card.shapes.clone(), background)
        })
        .collect()
}

/// How many cards ahead [`block_colours`] asks for a card's first shape.
const SHAPE_PREFETCH_AHEAD: usize = 8;

/// What the canvas needs beside each card. When the cards are the forest's units in its order (the drawing
/// was built from it), that is read off the forest; otherwise each card's unit is looked up.
fn card_meta(chart: &Chart, forest: &Forest, drawing: &Drawing) -> Vec<CardMeta> {
    let same_order = forest.len() == drawing.cards.len()
        && drawing
            .cards
            .first()
            .zip(forest.ids.first())
            .is_none_or(|(card, id)| &card.id == id);
    if same_order {
        return (0..forest.len())
            .map(|i| {
                let hidden = forest.hidden_below[i];
                CardMeta {
                    // A collapsed unit with reports has no children in the forest but hides them.
                    has_reports: !forest.children[i].is_empty() || hidden > 0,
                    hidden,
                    collapsed: hidden > 0,
                }
            })
            .collect();
    }
    let hidden: HashMap<&UnitId, usize> = forest
        .ids
        .iter()
        .zip(&forest.hidden_below)
        .map(|(id, h)| (id, *h))
        .collect();
    drawing
        .cards
        .iter()
        .map(|card| CardMeta {
            has_reports: !chart.children(&card.id).is_empty(),
            hidden: hidden.get(&card.id).copied().unwrap_or(0),
            collapsed: chart.unit(&card.id).is_some_and(|u| u.collapsed),
        })
        .collect()
}

/// The colour a card shows as when drawn as a block: its fill, unless that melts into the background.
fn block_colour(drawing: &Drawing, shapes: std::ops::Range<usize>, background: Color32) -> Color32 {
    for shape in drawing.shapes.get(shapes).unwrap_or(&[]) {
        if let Shape::Rect { fill, stroke, .. } = shape {
            if let Some(fill) = fill {
                let fill = colour(*fill);
                if distance(fill, background) > 40 {
                    return fill;
                }
            }
            if stroke.is_visible() {
                return colour(stroke.color);
            }
        }
    }
    Color32::GRAY
}

fn distance(a: Color32, b: Color32) -> u32 {
    let d = |x: u8, y: u8| u32::from(x.abs_diff(y));
    d(a.r(), b.r()) + d(a.g(), b.g()) + d(a.b(), b.b())
}

pub fn colour(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, c.a)
}

/// The median card width (what decides when cards are drawn as blocks).
fn typical_width(drawing: &Drawing) -> f32 {
    let mut widths: Vec<f32> = drawing.cards.iter().map(|c| c.rect.w).collect();
    let middle = widths.len() / 2;
    if widths.is_empty() {
        160.0
    } else {
        *widths.select_nth_unstable_by(middle, f32::total_cmp).1
    }
}

/// Card indices ordered by row (top), then left to right, ties in card order: what a sort of every card by
/// (top, left, index) gives. Cards come in forest pre-order, where a row's cards mostly already go left to
/// right, so the cards are put in buckets by row (rows are few), in card order, and only a bucket that is
/// not already left to right is sorted (a sort of every card was most of a big chart's rows).
fn rows_of(drawing: &Drawing) -> Vec<usize> {
    // Rows by the bits of their top: equal under `total_cmp` exactly when the bits are equal.
    let mut row_of_top: HashMap<u32, u32> = HashMap::default();
    let mut tops: Vec<f32> = Vec::new();
    let card_rows: Vec<u32> = drawing
        .cards
        .iter()
        .map(|card| {
            *row_of_top.entry(card.rect.y.to_bits()).or_insert_with(|| {
                tops.push(card.rect.y);
                (tops.len() - 1) as u32
            })
        })
        .collect();
    let mut by_top: Vec<u32> = (0..tops.len() as u32).collect();
    by_top.sort_unstable_by(|&a, &b| tops[a as usize].total_cmp(&tops[b as usize]));
    // Where each row's bucket starts, rows in top order.
    let mut start = vec![0usize; tops.len()];
    let mut counts = vec![0usize; tops.len()];
    for &row in &card_rows {
        counts[row as usize] += 1;
    }
    let mut next = 0;
    for &row in &by_top {
        start[row as usize] = next;
        next += counts[row as usize];
    }
    let mut order = vec![0usize; card_rows.len()];
    let mut fill = start.clone();
    for (i, &row) in card_rows.iter().enumerate() {
        order[fill[row as usize]] = i;
        fill[row as usize] += 1;
    }
    let left = |i: usize| drawing.cards[i].rect.x;
    for &row in &by_top {
        let bucket = &mut order[start[row as usize]..fill[row as usize]];
        if !bucket.is_sorted_by(|&a, &b| left(a).total_cmp(&left(b)).is_le()) {
            // Stable: cards at the same left stay in card order.
            bucket.sort_by(|&a, &b| left(a).total_cmp(&left(b)));
        }
    }
    order
}

/// The reference [`rows_of`] must agree with: every card sorted by (top, left, index).
#[cfg(test)]
fn rows_sorted(drawing: &Drawing) -> Vec<usize> {
    let mut keyed: Vec<(f32, f32, usize)> = drawing
        .cards
        .iter()
        .enumerate()
        .map(|(i, card)| (card.rect.y, card.rect.x, i))
        .collect();
    keyed.sort_unstable_by(|a, b| {
        a.0.total_cmp(&b.0)
            .then(a.1.total_cmp(&b.1))
            .then(a.2.cmp(&b.2))
    });
    keyed.into_iter().map(|(_, _, i)| i).collect()
}

/// What a card's shapes may cover: its rectangle and a margin for borders and badges. Used as the bounds
/// of each of its shapes, so a card's text is not measured again to be culled (on a big chart measuring
/// every card's text again cost more than everything else kept per shape).
fn card_area(card: &Card) -> geom::Rect {
    card.rect.expand(24.0)
}

fn shape_bounds(shape: &Shape) -> geom::Rect {
    match shape {
        Shape::Rect { rect, stroke, .. } => rect.expand(stroke.width / 2.0),
        Shape::Path { points, stroke, .. } => {
            let xs = points.iter().map(|p| p.x);
            let ys = points.iter().map(|p| p.y);
            let (x0, x1) = xs.fold((f32::MAX, f32::MIN), |(a, b), x| (a.min(x), b.max(x)));
            let (y0, y1) = ys.fold((f32::MAX, f32::MIN), |(a, b), y| (a.min(y), b.max(y)));
            if x0 > x1 {
                return geom::Rect::default();
            }
            // Arrow heads reach a little beyond the end point.
            geom::Rect::new(x0, y0, x1 - x0, y1 - y0)
                .expand(stroke.width * 2.0 + arrow_size(stroke))
        }
        Shape::Text {
            pos,
            text: row,
            size,
            weight,
            ..
        } => {
            let ascent = text::ascent(*size, *weight);
            geom::Rect::new(
                pos.x,
                pos.y - ascent,
                text::text_width(row, *size, *weight),
                text::line_height(*size, *weight),
            )
        }
    }
}

fn arrow_size(stroke: &Stroke) -> f32 {
    6.0 + 2.5 * stroke.width
}

/// Snaps a font size in screen pixels to a few steps so egui's text-layout cache is reused while zooming.
/// Always down, never up: the layout measured the text at the exact size, and a larger font would spill
/// out of its card or label.
pub fn snap_font_px(px: f32) -> f32 {
    if px < 24.0 {
        (px * 2.0).floor() / 2.0
    } else if px < 64.0 {
        px.floor()
    } else {
        (px / 4.0).floor() * 4.0
    }
}

/// How to paint: where, and with what changes for previews (dragged cards follow the pointer, faded).
#[derive(Clone, Copy)]
pub struct PaintStyle {
    pub screen_from_chart: TSTransform,
    pub offset: Vec2,
    pub opacity: f32,
    /// Lines are cut to this screen rectangle before they are dashed: what is off screen costs nothing.
    pub clip: egui::Rect,
}

pub struct TextJob {
    top_left_baseline: Pos2,
    text: String,
    font: FontId,
    colour: Color32,
    strike: bool,
}

/// Paints everything on screen: background, connectors and other lines, cards, legend.
pub fn paint_drawing(painter: &Painter, cache: &DrawingCache, view: &View) {
    painter.rect_filled(view.canvas, 0.0, colour(cache.drawing.background));
    let (shapes, texts) = shapes_on_screen(cache, view);
    painter.extend(shapes);
    paint_texts(painter, texts);
}

/// The screen space kept around the canvas when lines are cut, so line caps and arrow heads at the edge
/// are whole.
const CLIP_MARGIN: f32 = 32.0;

fn style_for(view: &View, offset: Vec2, opacity: f32) -> PaintStyle {
    PaintStyle {
        screen_from_chart: view.screen_from_chart(),
        offset,
        opacity,
        clip: view.canvas.expand(CLIP_MARGIN),
    }
}

/// What one frame paints: egui shapes, and the texts still to be laid out. Its size is bounded by what is
/// on screen, whatever the zoom and however long the lines are off screen.
pub fn shapes_on_screen(cache: &DrawingCache, view: &View) -> (Vec<EguiShape>, Vec<TextJob>) {
    let style = style_for(view, Vec2::ZERO, 1.0);
    let visible = view.visible_chart_rect().expand(8.0);
    let mut shapes = Vec::new();
    let mut texts = Vec::new();
    if cache.is_block_mode(view.zoom) {
        paint_far(cache, view, visible, &mut shapes);
        return (shapes, texts);
    }
    let shape_list = &cache.drawing.shapes;
    let mut i = 0;
    while i < shape_list.len() {
        // A card's shapes all share its area as their bounds (see `card_area`): a card on screen paints
        // whole, one off screen is skipped whole.
        let owner = cache.shape_owner[i];
        if owner != NO_CARD {
            let card = &cache.drawing.cards[owner as usize];
            if !card_area(card).intersects(&visible) {
                i = card.shapes.end.max(i + 1);
                continue;
            }
        }
        if cache.shape_bounds[i].intersects(&visible) {
            push_shape(&shape_list[i], style, &mut shapes, &mut texts);
        }
        i += 1;
    }
    (shapes, texts)
}

/// Paints the given cards' shapes moved by `offset` (chart units) and faded: the preview of a drag.
pub fn paint_cards(
    painter: &Painter,
    cache: &DrawingCache,
    view: &View,
    cards: &[usize],
    offset: Vec2,
    opacity: f32,
) {
    let style = style_for(view, offset, opacity);
    let mut shapes = Vec::new();
    let mut texts = Vec::new();
    let far = cache.is_block_mode(view.zoom);
    for &c in cards {
        let Some(card) = cache.drawing.cards.get(c) else {
            continue;
        };
        if far {
            let r = style
                .screen_from_chart
                .mul_rect(rect(card.rect).translate(offset));
            shapes.push(EguiShape::rect_filled(
                r,
                0.0,
                cache.block_colour[c].gamma_multiply(opacity),
            ));
            continue;
        }
        for shape in cache.drawing.shapes.get(card.shapes.clone()).unwrap_or(&[]) {
            push_shape(shape, style, &mut shapes, &mut texts);
        }
    }
    painter.extend(shapes);
    paint_texts(painter, texts);
}

/// Far out: lines big enough to see, and each row of cards as a few merged blocks.
fn paint_far(cache: &DrawingCache, view: &View, visible: geom::Rect, out: &mut Vec<EguiShape>) {
    let style = style_for(view, Vec2::ZERO, 1.0);
    let mut no_text = Vec::new();
    for (i, shape) in cache.drawing.shapes.iter().enumerate() {
        if cache.shape_owner[i] != NO_CARD || matches!(shape, Shape::Text { .. }) {
            continue;
        }
        let bounds = cache.shape_bounds[i];
        if !bounds.intersects(&visible) || bounds.w.max(bounds.h) * view.zoom < 2.0 {
            continue;
        }
        push_shape(shape, style, out, &mut no_text);
    }
    // Merge neighbours closer than a pixel: the number of blocks stays near the number of screen pixels,
    // however many units the chart has.
    let merge_gap = 1.5 / view.zoom;
    let mut block: Option<(geom::Rect, Color32)> = None;
    let flush = |block: Option<(geom::Rect, Color32)>, out: &mut Vec<EguiShape>| {
        if let Some((r, c)) = block {
            let mut screen = style.screen_from_chart.mul_rect(rect(r));
            // Keep every block at least a pixel tall and wide so far-out charts do not vanish.
            screen = screen.expand2(Vec2::new(
                (1.0 - screen.width()).max(0.0) / 2.0,
                (1.0 - screen.height()).max(0.0) / 2.0,
            ));
            out.push(EguiShape::rect_filled(screen, 0.0, c));
        }
    };
    for &c in &cache.rows {
        let r = cache.drawing.cards[c].rect;
        if !r.intersects(&visible) {
            continue;
        }
        block = match block {
            Some((b, colour)) if (b.y - r.y).abs() < 0.5 && r.x - b.right() < merge_gap => {
                Some((b.union(&r), colour))
            }
            other => {
                flush(other, out);
                Some((r, cache.block_colour[c]))
            }
        };
    }
    flush(block, out);
}

fn push_shape(
    shape: &Shape,
    style: PaintStyle,
    out: &mut Vec<EguiShape>,
    texts: &mut Vec<TextJob>,
) {
    let t = style.screen_from_chart;
    let zoom = t.scaling;
    let at = |p: geom::Point| t.mul_pos(pos(p) + style.offset);
    let fade = |c: Rgba| colour(c).gamma_multiply(style.opacity);
    match shape {
        Shape::Rect {
            rect: r,
            corner_radius,
            fill,
            stroke,
        } => {
            let screen = t.mul_rect(rect(*r).translate(style.offset));
            let fill = fill.map(fade).unwrap_or(Color32::TRANSPARENT);
            let solid = matches!(stroke.dash, Dash::Solid);
            let edge = if stroke.is_visible() && solid {
                egui::Stroke::new((stroke.width * zoom).max(0.5), fade(stroke.color))
            } else {
                egui::Stroke::NONE
            };
            out.push(EguiShape::Rect(egui::epaint::RectShape::new(
                screen,
                corner_radius * zoom,
                fill,
                edge,
                StrokeKind::Middle,
            )));
            if stroke.is_visible() && !solid {
                let outline = [
                    screen.left_top(),
                    screen.right_top(),
                    screen.right_bottom(),
                    screen.left_bottom(),
                    screen.left_top(),
                ];
                push_line(&outline, stroke, zoom, fade(stroke.color), style.clip, out);
            }
        }
        Shape::Path {
            points,
            stroke,
            arrow_end,
        } => {
            if !stroke.is_visible() || points.len() < 2 {
                return;
            }
            let screen: Vec<Pos2> = points.iter().map(|p| at(*p)).collect();
            let c = fade(stroke.color);
            push_line(&screen, stroke, zoom, c, style.clip, out);
            if *arrow_end && let [.., before, tip] = screen.as_slice() {
                let dir = (*tip - *before).normalized();
                if dir.is_finite() {
                    let size = arrow_size(stroke) * zoom;
                    let base = *tip - dir * size;
                    let side = dir.rot90() * size * 0.45;
                    out.push(EguiShape::convex_polygon(
                        vec![*tip, base + side, base - side],
                        c,
                        egui::Stroke::NONE,
                    ));
                }
            }
        }
        Shape::Text {
            pos: baseline,
            text: row,
            size,
            weight,
            color,
            strike,
        } => {
            let px = size * zoom;
            if !text_is_drawn(*size, zoom) || row.is_empty() {
                return;
            }
            texts.push(TextJob {
                top_left_baseline: at(*baseline),
                text: row.clone(),
                font: FontId::new(snap_font_px(px), fonts::family(*weight)),
                colour: fade(*color),
                strike: *strike,
            });
        }
    }
}

/// Level of detail for text: whether a text of `size` chart units is drawn at `zoom`.
pub fn text_is_drawn(size: f32, zoom: f32) -> bool {
    let least = if size >= style::NAME_SIZE {
        MIN_NAME_PX
    } else {
        MIN_TEXT_PX
    };
    size * zoom >= least
}

/// Strokes a screen polyline, solid or dashed, cut to `clip` first: a dashed link across a wide chart at
/// high zoom would otherwise become millions of dash shapes, nearly all off screen.
fn push_line(
    points: &[Pos2],
    stroke: &Stroke,
    zoom: f32,
    c: Color32,
    clip: egui::Rect,
    out: &mut Vec<EguiShape>,
) {
    let width = (stroke.width * zoom).max(0.5);
    let runs = visible_runs(points, clip);
    match &stroke.dash {
        Dash::Solid => {
            for run in runs {
                out.push(EguiShape::line(run.points, egui::Stroke::new(width, c)));
            }
        }
        Dash::Pattern(pattern) => {
            // SVG repeats an odd-length pattern to make it even.
            let mut full = pattern.clone();
            if full.len() % 2 == 1 {
                full.extend_from_within(..);
            }
            let period: f32 = full.iter().sum::<f32>() * zoom;
            if full.is_empty() || period < 3.0 {
                // Dashes finer than a few pixels read as a lighter solid line.
                for run in runs {
                    out.push(EguiShape::line(
                        run.points,
                        egui::Stroke::new(width, c.gamma_multiply(0.6)),
                    ));
                }
                return;
            }
            let dashes: Vec<f32> = full
                .iter()
                .step_by(2)
                .map(|d| (d * zoom).max(0.5))
                .collect();
            let gaps: Vec<f32> = full
                .iter()
                .skip(1)
                .step_by(2)
                .map(|g| (g * zoom).max(0.5))
                .collect();
            let period: f32 = dashes.iter().chain(&gaps).sum();
            for run in runs {
                // Start the pattern where its period began before the cut, so dashes stay where the
                // uncut line has them while panning.
                let phase = run.length_before % period;
                out.extend(EguiShape::dashed_line_with_offset(
                    &run.points,
                    egui::Stroke::new(width, c),
                    &dashes,
                    &gaps,
                    -phase,
                ));
            }
        }
    }
}

/// A stretch of a polyline inside the clip rectangle.
#[derive(Debug, PartialEq)]
struct VisibleRun {
    points: Vec<Pos2>,
    /// Length of the polyline before the run starts.
    length_before: f32,
}

/// The parts of a polyline inside `clip`, in order (Liang-Barsky on each segment).
fn visible_runs(points: &[Pos2], clip: egui::Rect) -> Vec<VisibleRun> {
    let mut runs = Vec::new();
    let mut current: Option<VisibleRun> = None;
    let mut travelled = 0.0;
    for pair in points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let length = (b - a).length();
        match clip_segment(a, b, clip) {
            Some((t0, t1)) => {
                let enter = a + (b - a) * t0;
                let leave = a + (b - a) * t1;
                let run = current.get_or_insert_with(|| VisibleRun {
                    points: vec![enter],
                    length_before: travelled + length * t0,
                });
                if t0 > 0.0 && run.points.last() != Some(&enter) {
                    runs.push(std::mem::replace(
                        run,
                        VisibleRun {
                            points: vec![enter],
                            length_before: travelled + length * t0,
                        },
                    ));
                }
                run.points.push(leave);
                if t1 < 1.0 {
                    runs.extend(current.take());
                }
            }
            None => runs.extend(current.take()),
        }
        travelled += length;
    }
    runs.extend(current);
    runs.retain(|run| run.points.len() >= 2);
    runs
}

/// The part of segment a-b inside `clip`, as parameters 0 <= t0 <= t1 <= 1, or `None`.
fn clip_segment(a: Pos2, b: Pos2, clip: egui::Rect) -> Option<(f32, f32)> {
    let d = b - a;
    let (mut t0, mut t1) = (0.0_f32, 1.0_f32);
    for (p, q) in [
        (-d.x, a.x - clip.min.x),
        (d.x, clip.max.x - a.x),
        (-d.y, a.y - clip.min.y),
        (d.y, clip.max.y - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t0 <= t1 && t0.is_finite() && t1.is_finite()).then_some((t0, t1))
}

/// Paints a whole small drawing (a panel's figures) with `screen_from_chart`, the same way the canvas
/// paints cards, so the panel and the exports agree.
pub fn paint_plain(painter: &Painter, drawing: &Drawing, screen_from_chart: TSTransform) {
    let style = PaintStyle {
        screen_from_chart,
        offset: Vec2::ZERO,
        opacity: 1.0,
        clip: painter.clip_rect().expand(CLIP_MARGIN),
    };
    let (mut shapes, mut texts) = (Vec::new(), Vec::new());
    for shape in &drawing.shapes {
        push_shape(shape, style, &mut shapes, &mut texts);
    }
    painter.extend(shapes);
    paint_texts(painter, texts);
}

fn paint_texts(painter: &Painter, texts: Vec<TextJob>) {
    if texts.is_empty() {
        return;
    }
    let mut shapes = Vec::with_capacity(texts.len() * 2);
    painter.fonts_mut(|fonts| {
        for job in texts {
            let galley = fonts.layout(job.text, job.font, job.colour, f32::INFINITY);
            let baseline = galley
                .rows
                .first()
                .map(|row| row.pos.y + row.row.glyphs.first().map_or(0.0, |g| g.pos.y))
                .unwrap_or(0.0);
            let top_left = job.top_left_baseline - Vec2::new(0.0, baseline);
            if job.strike {
                let y = job.top_left_baseline.y - baseline * 0.32;
                shapes.push(EguiShape::line_segment(
                    [
                        Pos2::new(top_left.x, y),
                        Pos2::new(top_left.x + galley.size().x, y),
                    ],
                    egui::Stroke::new((galley.size().y / 14.0).max(1.0), job.colour),
                ));
            }
            shapes.push(EguiShape::galley(top_left, galley, job.colour));
        }
    });
    painter.extend(shapes);
}

#[cfg(test)]
mod tests;
