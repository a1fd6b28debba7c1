//! Builds the one drawing description from a chart: measures cards, asks layout to place them, routes the
//! other links, and adds the title, key and totals. Every output paints what this returns.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::geom::{Point, Rect, Size};
use crate::layout::{LayoutOptions, Orientation, layout};
use crate::metrics::{self, Totals, format};
use crate::model::{Chart, Forest, Placer, Unit, UnitId};

use super::card::{self, CardInput, CardSpec};
use super::card_style::CardStyle;
use super::colour_by::{self, CardColour, ColourBy, Colouring};
use super::drawing::{Drawing, FontWeight, Shape};
use super::legend::{self, LegendEntries, LegendEntry, MarkKey, StatusKey};
use super::links::{self, RoutedLink};
use super::style::{self, Palette};
use super::text;

mod link_routes;
mod measure_cache;
mod paint_cards;
mod patch;
use link_routes::{SharedRouting, links_to_route};
use measure_cache::CardInputs;
pub use measure_cache::MeasureCache;
use paint_cards::{LastCards, NOT_DRAWN, paint_cards};
pub use patch::{Splice, patch_drawing};

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
    /// Shown at the top; `None` uses the chart's own title (if it has one).
    pub title: Option<String>,
    pub legend: bool,
    pub totals_footer: bool,
    /// Replaces the totals line (e.g. before -> after totals under a change view).
    pub footer: Option<String>,
    pub respect_collapsed: bool,
    /// Draw only this unit and its subtree (the whole chart when the unit does not exist).
    pub subtree: Option<UnitId>,
    pub marks: HashMap<UnitId, ChangeMark>,
    /// Colour cards by a field, with the colours listed in the key.
    pub colour_by: Option<ColourBy>,
    /// Standard cards, or dense ones for fitting a big chart onto paper.
    pub card_style: CardStyle,
}

impl Default for RenderOptions {
    fn default() -> Self {
        Self {
            layout: LayoutOptions::default(),
            theme: Theme::Light,
            title: None,
            legend: true,
            totals_footer: true,
            footer: None,
            respect_collapsed: false,
            subtree: None,
            marks: HashMap::new(),
            colour_by: None,
            card_style: CardStyle::Standard,
        }
    }
}

/// Space between the chart and the title, key and footer around it.
const SECTION_GAP: f32 = 28.0;
/// The key and footer may be wider than a very narrow chart.
const MIN_TEXT_WIDTH: f32 = 520.0;

/// Builds the drawing from scratch, measuring every card (exports: one build per chart).
pub fn build_drawing(chart: &Chart, options: &RenderOptions) -> Drawing {
    build(chart, options, None, None)
}

/// Builds the drawing re-measuring only the cards whose content changed since the last build with the
/// same `cache` (the editor: one build per edit). Gives exactly what [`build_drawing`] gives.
pub fn build_drawing_with_cache(
    chart: &Chart,
    options: &RenderOptions,
    cache: &mut MeasureCache,
) -> Drawing {
    build(chart, options, Some(cache), None)
}

/// [`build_drawing_with_cache`] for the view that shows `last`, the drawing the cache's last build (or
/// patch) gave: a card drawn again from the same measurement takes its text from `last` instead of copying
/// it. `last` is then to be dropped (those texts are left empty); its cards are as they were.
pub fn build_drawing_reusing(
    chart: &Chart,
    options: &RenderOptions,
    cache: &mut MeasureCache,
    last: &mut Drawing,
) -> Drawing {
    build(chart, options, Some(cache), Some(last))
}

fn build(
    chart: &Chart,
    options: &RenderOptions,
    mut cache: Option<&mut MeasureCache>,
    last: Option<&mut Drawing>,
) -> Drawing {
    // Each drawn unit and its subtree's totals, by forest index: found once here instead of by id in
    // every pass below (on a big chart the lookups cost more than the passes).
    let (forest, units) = visible_forest(chart, options);
    let totals = visible_totals(chart, &forest, &units);
    let colouring = colouring_of(chart, options);

    if let Some(cache) = cache.as_deref_mut() {
        cache.begin(options, chart);
    }
    // A unit missing from the chart (not reached: the forest is the chart's) is drawn as a bare card.
    let fallbacks: Vec<Unit> = forest
        .ids
        .iter()
        .zip(&units)
        .filter(|(_, unit)| unit.is_none())
        .map(|(id, _)| Unit::new(id.as_str(), id.as_str()))
        .collect();
    let mut fallback = fallbacks.iter();
    let drawn: Vec<&Unit> = units
        .iter()
        .filter_map(|unit| unit.or_else(|| fallback.next()))
        .collect();
    // Most builds have no marks: the per-card look-up is skipped rather than asked of an empty map.
    let marks = Some(&options.marks).filter(|marks| !marks.is_empty());
    let inputs_of = |i: usize| {
        let id = &forest.ids[i];
        // What the figures row is made of, if the card shows one (the cache key holds the same).
        let figures = Some(&totals[i])
            .filter(|t| shows_figures(has_reports(&forest, i), t, options.card_style));
        CardInputs {
            unit: drawn[i],
            totals: figures,
            hidden_below: forest.hidden_below[i],
            mark: marks.and_then(|marks| marks.get(id)),
            colour: colouring.card(id),
        }
    };
    // Cards the cache holds unchanged are taken from it; the others are measured together, on every core
    // (wrapping card text is most of what building a big drawing from nothing costs).
    let mut cached: Vec<Option<usize>> = vec![None; forest.len()];
    let mut to_measure: Vec<usize> = Vec::new();
    // Where the last build drew each cached card: its shapes in `last` hold the very same text.
    let mut drawn_at: Vec<u32> = Vec::new();
    if last.is_some() {
        drawn_at.resize(forest.len(), NOT_DRAWN);
    }
    for (i, id) in forest.ids.iter().enumerate() {
        match cache.as_deref_mut() {
            Some(cache) if units[i].is_some() => match cache.hit(i, id, &inputs_of(i)) {
                Some(slot) => {
                    cached[i] = Some(slot);
                    if let (Some(at), Some(was)) = (drawn_at.get_mut(i), cache.last_position(slot))
                    {
                        *at = u32::try_from(was).unwrap_or(NOT_DRAWN);
                    }
                }
                None => to_measure.push(i),
            },
            _ => to_measure.push(i),
        }
    }
    let measure = |&i: &usize| {
        let inputs = inputs_of(i);
        let row = options.card_style.draws_row(has_reports(&forest, i));
        let CardInputs {
            unit,
            totals,
            hidden_below,
            mark,
            colour,
        } = inputs;
        measure_unit(unit, totals, hidden_below, mark, options, colour, row)
    };
    let mut fresh: Vec<Option<CardSpec>> = crate::parallel::map(&to_measure, measure)
        .into_iter()
        .map(Some)
        .collect();
    if let Some(cache) = cache.as_deref_mut() {
        for (&i, spec) in to_measure.iter().zip(fresh.iter_mut()) {
            if units[i].is_some()
                && let Some(spec) = spec.take()
            {
                cached[i] = Some(cache.insert_at(i, &forest.ids[i], &inputs_of(i), spec));
            }
        }
        cache.finish();
    }
    // Where each card's spec is kept, for patching the drawing after the next edit (all cached or none).
    let slots: Option<Vec<usize>> = cached.iter().copied().collect();
    let kept = cache.as_deref();
    let mut fresh = fresh.into_iter().flatten();
    // Cached specs are borrowed from the cache, not copied: only the cards stretched to their siblings'
    // height below are cloned.
    let specs: Vec<Cow<CardSpec>> = cached
        .iter()
        .enumerate()
        .map(|(i, slot)| {
            let spec = match slot {
                Some(slot) => kept.and_then(|cache| cache.slot(*slot)).map(Cow::Borrowed),
                None => fresh.next().map(Cow::Owned),
            };
            // Not reached: every card was measured or found above. Measure rather than fail.
            spec.unwrap_or_else(|| Cow::Owned(measure(&i)))
        })
        .collect();
    let last = last.map(|last| LastCards {
        drawn_at,
        cards: &last.cards,
        shapes: &mut last.shapes,
    });
    let (drawing, laid) = lay_out_and_paint(
        chart, options, &forest, &units, &totals, &colouring, specs, last,
    );
    if let Some(cache) = cache {
        let whole_collapsed = options.respect_collapsed
            && !options
                .subtree
                .as_ref()
                .is_some_and(|id| chart.contains(id));
        let reuse = slots.and_then(|slots| laid.keep(chart, options, slots, &drawing));
        cache.keep(forest, whole_collapsed, totals, reuse);
    }
    drawing
}

/// What [`lay_out_and_paint`] found that a patch of its drawing needs.
struct Laid {
    sizes: Vec<Size>,
    base_entries: LegendEntries,
    facts: TailFacts,
    head_used: Rect,
    chart_area: Rect,
    text_width: f32,
    tail_start: usize,
}

impl Laid {
    /// What to keep for patching the drawing (`None` when not every unit got a card).
    fn keep(
        self,
        chart: &Chart,
        options: &RenderOptions,
        slots: Vec<usize>,
        drawing: &Drawing,
    ) -> Option<patch::Kept> {
        (drawing.cards.len() == self.sizes.len()).then(|| patch::Kept {
            options: options.clone(),
            stamp: chart.stamp(),
            slots,
            sizes: self.sizes,
            base_entries: self.base_entries,
            facts: self.facts,
            head_used: self.head_used,
            chart_area: self.chart_area,
            text_width: self.text_width,
            tail_start: self.tail_start,
            shapes: drawing.shapes.len(),
            index: None,
        })
    }
}

/// From measured cards on: stretches siblings to one height, lays the cards out, routes the links and
/// paints everything. `specs` are the cards' measurements by forest index.
#[allow(clippy::too_many_arguments)]
fn lay_out_and_paint(
    chart: &Chart,
    options: &RenderOptions,
    forest: &Forest,
    units: &[Option<&Unit>],
    totals: &[Totals],
    colouring: &Colouring,
    mut specs: Vec<Cow<CardSpec>>,
    last: Option<LastCards>,
) -> (Drawing, Laid) {
    let palette = style::palette(options.theme);

    // What the passes below read of each card, gathered in one pass: a big chart's specs lie all over
    // the measure cache, and reaching them again in every pass cost more than the passes themselves.
    let mut card_shapes = 0;
    let mut any_row = false;
    let mut measured: Vec<(Size, bool)> = Vec::with_capacity(specs.len());
    for spec in &specs {
        card_shapes += spec.shape_count();
        any_row |= spec.is_row();
        measured.push((spec.size, spec.is_row()));
    }
    // Only list rows are widened to their widest sibling's width.
    if any_row {
        card::even_widths(forest, &mut specs);
        for ((size, _), spec) in measured.iter_mut().zip(&specs).filter(|((_, row), _)| *row) {
            *size = spec.size;
        }
    }
    // Each card's height stretched to its siblings' (`None`: its own). Stretched at paint time: copying
    // a cached spec to stretch it cost as much as painting it.
    let mut stretched: Vec<Option<f32>> = vec![None; specs.len()];
    if options.layout.orientation == Orientation::TopDown && options.card_style.stretches() {
        // List rows keep their own height and do not stretch the cards beside them.
        let heights: Vec<f32> = measured
            .iter()
            .map(|&(size, row)| if row { 0.0 } else { size.h })
            .collect();
        for ((&(size, row), height), stretch) in measured
            .iter()
            .zip(sibling_heights(forest, &heights))
            .zip(stretched.iter_mut())
        {
            if height > size.h && !row {
                *stretch = Some(height);
            }
        }
    }
    let sizes: Vec<Size> = measured
        .iter()
        .zip(&stretched)
        .map(|(&(size, _), height)| Size::new(size.w, height.unwrap_or(size.h)))
        .collect();
    let pinned: Vec<Option<Point>> = units.iter().map(|u| u.and_then(|u| u.pinned)).collect();
    let layout_options = options.card_style.layout_options(&options.layout);
    // Placing the cards keeps one core busy; what the key and the totals line say of the cards, and which
    // links join which cards, do not depend on where they go, so they are worked out on the other meanwhile.
    let (placed, (card_facts, to_route)) = crate::parallel::join(
        forest.len(),
        || layout(forest, &sizes, &pinned, &layout_options),
        || {
            (
                card_tail_facts(chart, forest, units, totals, options),
                links_to_route(chart, forest),
            )
        },
    );

    // Routing the links and painting the cards read the layout and nothing of each other: on a big chart
    // they run side by side, the lines (painted under the cards) on the other thread, and whichever is
    // done first helps route the links that are left.
    let routing = SharedRouting::new(&to_route, &placed, &options.layout);
    let ((mut shapes, routed_first), (mut painted, mut cards, routed_second)) =
        crate::parallel::join(
            forest.len(),
            || {
                let router = routing.router();
                // Room for every shape at once: growing a vector of a million shapes step by step copies it
                // again and again. A connector is one line; a link up to three, and its label two more.
                let mut shapes = Vec::with_capacity(
                    card_shapes + placed.connectors.len() + 5 * to_route.len() + 64,
                );
                links::paint_connectors(&placed, &palette, &mut shapes);
                (shapes, routing.route_some(router))
            },
            || {
                let mut shapes = Vec::with_capacity(card_shapes);
                let cards = paint_cards(
                    &forest.ids,
                    specs,
                    stretched,
                    &placed.rects,
                    last,
                    &mut shapes,
                );
                (shapes, cards, routing.help())
            },
        );
    let (routed, router) = routing.finish([routed_first, routed_second]);
    links::paint_links(&routed, &palette, &mut shapes);
    let lines = shapes.len();
    for card in &mut cards {
        card.shapes = card.shapes.start + lines..card.shapes.end + lines;
    }
    shapes.append(&mut painted);
    // Labels keep clear of the cards through the router's index of them: indexing every card again
    // for the few links would cost a 100,000-card drawing about as much as routing them.
    let label_plates = links::paint_link_labels_among(
        &routed,
        router.cards(),
        options.card_style.metrics().label_size,
        &palette,
        &mut shapes,
    );

    let chart_area = if forest.is_empty() {
        paint_empty_notice(&palette, &mut shapes)
    } else {
        // Links can be routed around the outside of the cards (and carry labels), so they count too.
        routed
            .iter()
            .flat_map(|link| &link.points)
            .fold(placed.bounds, |area, point| {
                area.union(&Rect::new(point.x - 8.0, point.y - 12.0, 16.0, 24.0))
            })
            .union(
                &label_plates
                    .iter()
                    .fold(placed.bounds, |area, plate| area.union(plate)),
            )
    };
    let mut used = chart_area;
    let text_width = chart_area.w.max(MIN_TEXT_WIDTH);
    let title = options
        .title
        .clone()
        .unwrap_or_else(|| chart.title().to_owned());
    if let Some(area) = paint_title(&title, chart_area, text_width, &palette, &mut shapes) {
        used = used.union(&area);
    }
    let head_used = used;
    let tail = Tail {
        forest,
        totals,
        colouring,
        chart_area,
        text_width,
    };
    let base_entries = base_legend_entries(&placed, &routed);
    let facts = card_facts.with_lines(&base_entries);
    let tail_start = shapes.len();
    let used = paint_tail(&tail, &facts, options, &palette, used, &mut shapes);

    let laid = Laid {
        sizes,
        base_entries,
        facts,
        head_used,
        chart_area,
        text_width,
        tail_start,
    };
    let drawing = Drawing {
        bounds: used.expand(style::MARGIN),
        background: palette.background,
        shapes,
        cards,
    };
    (drawing, laid)
}

/// Where the key and the totals line go under the chart, and what they count.
struct Tail<'a> {
    forest: &'a Forest,
    totals: &'a [Totals],
    colouring: &'a Colouring,
    chart_area: Rect,
    text_width: f32,
}

/// What the key and the totals line say that depends on every card: one pass over the cards.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct TailFacts {
    /// The key's entries, those of the lines (`base_entries`) included.
    entries: LegendEntries,
    notes: Vec<String>,
    on_costs: bool,
}

fn tail_facts(
    chart: &Chart,
    forest: &Forest,
    units: &[Option<&Unit>],
    totals: &[Totals],
    base_entries: &LegendEntries,
    options: &RenderOptions,
) -> TailFacts {
    card_tail_facts(chart, forest, units, totals, options).with_lines(base_entries)
}

/// [`TailFacts`] but for the key's entries of the lines: what the cards alone decide, so that a build can
/// work it out before the cards are placed.
fn card_tail_facts(
    chart: &Chart,
    forest: &Forest,
    units: &[Option<&Unit>],
    totals: &[Totals],
    options: &RenderOptions,
) -> TailFacts {
    let on_costs = has_on_costs(chart, forest, units);
    let mut entries = LegendEntries::new();
    let mut notes = Vec::new();
    if options.legend {
        card_legend_entries(forest, units, options, &mut entries);
        let manages = |i: usize| has_reports(forest, i);
        notes = notes_on_figures(forest, totals, on_costs, options.card_style, manages);
    }
    TailFacts {
        entries,
        notes,
        on_costs,
    }
}

impl TailFacts {
    /// The facts with the key's entries for the lines drawn added (the key is a set: order does not count).
    fn with_lines(mut self, base_entries: &LegendEntries) -> Self {
        self.entries.extend(base_entries.iter().cloned());
        self
    }
}

/// Paints the key and the totals line below the chart area; returns `used` grown by what they cover.
fn paint_tail(
    tail: &Tail,
    facts: &TailFacts,
    options: &RenderOptions,
    palette: &Palette,
    mut used: Rect,
    shapes: &mut Vec<Shape>,
) -> Rect {
    let Tail {
        forest,
        totals,
        chart_area,
        text_width,
        ..
    } = *tail;
    let mut next_top = chart_area.bottom() + SECTION_GAP;
    if options.legend
        && let Some(area) = legend::paint_with_colours(
            &facts.entries,
            &facts.notes,
            tail.colouring.key.as_ref(),
            Point::new(chart_area.x, next_top),
            text_width,
            palette,
            options.theme,
            shapes,
        )
    {
        used = used.union(&area);
        next_top = area.bottom() + 14.0;
    }
    if options.totals_footer
        && !forest.is_empty()
        && let Some(area) = paint_footer(
            &options
                .footer
                .clone()
                .unwrap_or_else(|| footer_of(forest, totals, facts.on_costs)),
            Point::new(chart_area.x, next_top),
            text_width,
            palette,
            shapes,
        )
    {
        used = used.union(&area);
    }
    used
}

/// The units to draw: the whole forest, or one unit's subtree, honouring collapsed units if asked.
fn visible_forest<'c>(
    chart: &'c Chart,
    options: &RenderOptions,
) -> (Forest, Vec<Option<&'c Unit>>) {
    match options.subtree.as_ref().filter(|id| chart.contains(id)) {
        None => {
            let (forest, units) = chart.forest_with_units(options.respect_collapsed);
            (forest, units.into_iter().map(Some).collect())
        }
        Some(root) => {
            let forest = subtree_forest(chart, root, options.respect_collapsed);
            let units = forest.ids.iter().map(|id| chart.unit(id)).collect();
            (forest, units)
        }
    }
}

fn subtree_forest(chart: &Chart, root: &UnitId, respect_collapsed: bool) -> Forest {
    let mut forest = Forest::default();
    let mut stack: Vec<(&UnitId, Option<usize>)> = vec![(root, None)];
    while let Some((id, parent)) = stack.pop() {
        let unit = chart.unit(id);
        let (placer, staff) = unit.map_or((Placer::Auto, false), |u| (u.placer, u.staff));
        // The subtree's root is drawn as a root: it has no manager to stand beside.
        let i = forest.push(id.clone(), parent, placer, staff && parent.is_some());
        let kids = chart.children(id);
        let collapsed = unit.is_some_and(|u| u.collapsed);
        if respect_collapsed && collapsed && !kids.is_empty() {
            forest.hidden_below[i] = chart.subtree(id).len() - 1;
            continue;
        }
        stack.extend(kids.into_iter().rev().map(|kid| (kid, Some(i))));
    }
    forest
}

/// Dense cards leave out a single post's own figures, list rows any post's without reports: its manager's
/// card counts them, and the key says so.
fn shows_figures(has_reports: bool, totals: &Totals, style: CardStyle) -> bool {
    style == CardStyle::Standard
        || has_reports
        || (totals.headcount.max > 1.0 && !style.draws_row(has_reports))
}

/// Whether a drawn unit manages anyone: its reports are drawn, or hidden by collapsing (a drawn forest
/// never cuts a subtree short otherwise).
fn has_reports(forest: &Forest, i: usize) -> bool {
    !forest.children[i].is_empty() || forest.hidden_below[i] > 0
}

/// "11-15 posts · £0.6-0.8m": the unit's own figures for a leaf, its whole subtree's for a manager.
/// Written straight into the card's one String: every card of a big chart has one.
pub(crate) fn figures_text(totals: &Totals) -> Option<String> {
    let mut text = String::with_capacity(40);
    if totals.headcount.max > 0.0 {
        format::push_headcount(&mut text, totals.headcount, totals.has_fte);
    }
    if totals.cost.max > 0.0 {
        if !text.is_empty() {
            text.push_str(" · ");
        }
        format::push_money(&mut text, totals.cost);
        if totals.estimated {
            text.push_str(" (est.)");
        }
    }
    (!text.is_empty()).then_some(text)
}

/// The card colours of `options.colour_by` (none when the chart is not coloured by a field).
pub fn colouring_of(chart: &Chart, options: &RenderOptions) -> Colouring {
    options
        .colour_by
        .as_ref()
        .map(|by| colour_by::colouring(chart, by, &style::palette(options.theme)))
        .unwrap_or_default()
}

pub(crate) fn measure_card(
    chart: &Chart,
    id: &UnitId,
    totals: &HashMap<UnitId, Totals>,
    hidden_below: usize,
    options: &RenderOptions,
    colour: Option<&CardColour>,
) -> CardSpec {
    let fallback;
    let unit = match chart.unit(id) {
        Some(unit) => unit,
        None => {
            fallback = Unit::new(id.as_str(), id.as_str());
            &fallback
        }
    };
    let mark = options.marks.get(id);
    let has_reports = !chart.children(id).is_empty();
    let figures = totals
        .get(id)
        .filter(|t| shows_figures(has_reports, t, options.card_style));
    let row = options
        .card_style
        .draws_row(has_reports || hidden_below > 0);
    measure_unit(unit, figures, hidden_below, mark, options, colour, row)
}

/// Measures one unit's card from what it shows (see [`MeasureCache`] for the same list as a cache key).
fn measure_unit(
    unit: &Unit,
    totals: Option<&Totals>,
    hidden_below: usize,
    mark: Option<&ChangeMark>,
    options: &RenderOptions,
    colour: Option<&CardColour>,
    row: bool,
) -> CardSpec {
    let palette = style::palette(options.theme);
    card::measure_owned(CardInput {
        unit,
        figures: totals.and_then(figures_text),
        hidden_below,
        mark,
        colour,
        palette: &palette,
        theme: options.theme,
        style: options.card_style,
        row,
    })
}

/// Each drawn unit's subtree totals (hidden units included), by forest index: what
/// `metrics::subtree_totals` gives for the drawn units, without a second forest of the whole chart.
fn visible_totals(chart: &Chart, forest: &Forest, units: &[Option<&Unit>]) -> Vec<Totals> {
    let own = |unit: Option<&Unit>| unit.map(metrics::own_totals).unwrap_or_default();
    // Each unit's own figures are read from the chart, a memory miss per unit on a big one: on every core.
    let indices: Vec<usize> = (0..forest.len()).collect();
    let mut totals: Vec<Totals> = crate::parallel::map(&indices, |&i| {
        if forest.hidden_below[i] == 0 {
            return own(units[i]);
        }
        collapsed_totals(chart, &forest.ids[i])
    });
    for i in (0..forest.len()).rev() {
        if let Some(p) = forest.parent[i] {
            totals[p] = totals[p] + totals[i];
        }
    }
    totals
}

/// A collapsed unit counts everything below it, folded up as `subtree_totals` folds it.
fn collapsed_totals(chart: &Chart, id: &UnitId) -> Totals {
    let own = |unit: Option<&Unit>| unit.map(metrics::own_totals).unwrap_or_default();
    let below = chart.subtree(id);
    let mut sums: Vec<Totals> = below.iter().map(|id| own(chart.unit(id))).collect();
    let index: foldhash::HashMap<&UnitId, usize> =
        below.iter().enumerate().map(|(k, id)| (*id, k)).collect();
    for k in (1..below.len()).rev() {
        if let Some(&p) = chart.parent(below[k]).and_then(|p| index.get(p)) {
            sums[p] = sums[p] + sums[k];
        }
    }
    sums.first().copied().unwrap_or_default()
}

/// The height each card is stretched to: its tallest sibling's (its own when it has none). Siblings get
/// one height, with their figures rows on one line; only siblings: stretching a whole level to its
/// tallest card would leave most cards half empty.
fn sibling_heights(forest: &Forest, heights: &[f32]) -> Vec<f32> {
    let mut out = heights.to_vec();
    let groups = std::iter::once(&forest.roots).chain(forest.children.iter());
    for group in groups.filter(|g| g.len() > 1) {
        let tallest = group
            .iter()
            .filter_map(|&i| heights.get(i))
            .fold(0.0, |a: f32, &b| a.max(b));
        for &i in group {
            if let Some(h) = out.get_mut(i) {
                *h = tallest;
            }
        }
    }
    out
}

/// The key's entries for the lines drawn: they change only when the layout or the links do.
fn base_legend_entries(placed: &crate::layout::Layout, routed: &[RoutedLink]) -> LegendEntries {
    let mut entries = LegendEntries::new();
    if !placed.connectors.is_empty() {
        entries.insert(LegendEntry::LineManagement);
    }
    entries.extend(routed.iter().map(|link| LegendEntry::Link(link.kind)));
    entries
}

/// Adds the key's entries for what the cards show (statuses, boards, marks, collapsed units).
fn card_legend_entries(
    forest: &Forest,
    units: &[Option<&Unit>],
    options: &RenderOptions,
    entries: &mut LegendEntries,
) {
    // Most drawings mark nothing: the look-up by id is skipped rather than asked of an empty map.
    let marks = Some(&options.marks).filter(|marks| !marks.is_empty());
    for (i, id) in forest.ids.iter().enumerate() {
        if let Some(unit) = units[i] {
            if let Some(key) = StatusKey::of(&unit.status) {
                entries.insert(LegendEntry::Status(key));
            }
            if unit.kind == crate::model::UnitKind::Board {
                entries.insert(LegendEntry::Board);
            }
        }
        if let Some(mark) = marks.and_then(|marks| marks.get(id)) {
            entries.insert(LegendEntry::Mark(MarkKey::of(mark)));
        }
        if forest.hidden_below[i] > 0 {
            entries.insert(LegendEntry::Hidden);
        }
    }
}

/// What the quiet figures row means, said once in the key instead of on every card.
pub(crate) fn figure_notes(
    chart: &Chart,
    forest: &Forest,
    totals: &HashMap<UnitId, Totals>,
    style: CardStyle,
) -> Vec<String> {
    let by_index = totals_by_index(forest, totals);
    // A page's forest may cut a branch short: ask the chart who manages anyone.
    let manages = |i: usize| !chart.children(&forest.ids[i]).is_empty();
    let on_costs = on_costs_below_roots(chart, forest);
    notes_on_figures(forest, &by_index, on_costs, style, manages)
}

/// `totals` by forest index (default totals for a unit missing from them).
fn totals_by_index(forest: &Forest, totals: &HashMap<UnitId, Totals>) -> Vec<Totals> {
    forest
        .ids
        .iter()
        .map(|id| totals.get(id).copied().unwrap_or_default())
        .collect()
}

/// What one card adds to the key's note on figures: whether it has figures (`figures_text` gives a row,
/// found without formatting it), leaves its own out, has a cost, and is a manager with figures. The note
/// depends on the cards only through these.
fn figure_note_bits(totals: &Totals, manages: bool, style: CardStyle) -> [bool; 4] {
    let figures = totals.headcount.max > 0.0 || totals.cost.max > 0.0;
    [
        figures,
        figures && !shows_figures(manages, totals, style),
        figures && totals.cost.max > 0.0,
        figures && manages,
    ]
}

/// `manages(i)` says whether forest unit `i` has reports (drawn or not).
fn notes_on_figures(
    forest: &Forest,
    totals: &[Totals],
    on_costs: bool,
    style: CardStyle,
    manages: impl Fn(usize) -> bool,
) -> Vec<String> {
    let any = (0..forest.len())
        .map(|i| figure_note_bits(&totals[i], manages(i), style))
        .fold([false; 4], |a, b| {
            [a[0] | b[0], a[1] | b[1], a[2] | b[2], a[3] | b[3]]
        });
    let [figures, left_off, shows_cost, manager_shows] = any;
    if !figures {
        return Vec::new();
    }
    let mut note = "Figures: posts".to_owned();
    if shows_cost {
        note.push_str(" and yearly pay cost");
        if on_costs {
            note.push_str(" including on-costs");
        }
    }
    if manager_shows {
        note.push_str("; a manager's card counts everyone below it");
    }
    if left_off {
        note.push_str("; single posts show none of their own");
    }
    note.push('.');
    vec![note]
}

/// Whether any unit below `forest`'s roots adds on-costs to its pay: for any forest, a page's included.
fn on_costs_below_roots(chart: &Chart, forest: &Forest) -> bool {
    forest
        .roots
        .iter()
        .flat_map(|&r| chart.subtree(&forest.ids[r]))
        .filter_map(|id| chart.unit(id))
        .any(|u| {
            u.cost
                .is_some_and(|c| c.on_cost_rate.is_some_and(|r| r > 0.0))
        })
}

/// Whether a unit's pay cost has on-costs added.
fn adds_on_costs(unit: &Unit) -> bool {
    unit.cost
        .is_some_and(|c| c.on_cost_rate.is_some_and(|r| r > 0.0))
}

/// Whether any unit counted in the drawing (hidden ones included) adds on-costs to its pay. `forest` is
/// a drawn forest (whole subtrees, collapsed units' reports hidden); `units` its units by index.
fn has_on_costs(chart: &Chart, forest: &Forest, units: &[Option<&Unit>]) -> bool {
    (0..forest.len()).any(|i| {
        if forest.hidden_below[i] > 0 {
            chart
                .subtree(&forest.ids[i])
                .into_iter()
                .filter_map(|id| chart.unit(id))
                .any(adds_on_costs)
        } else {
            units[i].is_some_and(adds_on_costs)
        }
    })
}

pub(crate) fn footer_text(
    chart: &Chart,
    forest: &Forest,
    totals: &HashMap<UnitId, Totals>,
) -> String {
    footer_of(
        forest,
        &totals_by_index(forest, totals),
        on_costs_below_roots(chart, forest),
    )
}

fn footer_of(forest: &Forest, totals: &[Totals], on_costs: bool) -> String {
    let sum = forest
        .roots
        .iter()
        .filter_map(|&r| totals.get(r))
        .fold(Totals::default(), |a, b| a + *b);
    let mut parts = Vec::new();
    if sum.headcount.max > 0.0 {
        parts.push(format::headcount(sum.headcount, sum.has_fte));
    }
    if sum.cost.max > 0.0 {
        let on_costs = if on_costs { " including on-costs" } else { "" };
        parts.push(format!("{} a year{on_costs}", format::money(sum.cost)));
    }
    parts.push(format!(
        "{} unit{}",
        sum.units,
        if sum.units == 1 { "" } else { "s" }
    ));
    let mut text = format!("Total: {}", parts.join(" · "));
    if sum.estimated {
        text.push_str(" (estimate: some figures are assumptions)");
    }
    text
}

fn paint_title(
    title: &str,
    chart_area: Rect,
    width: f32,
    palette: &Palette,
    shapes: &mut Vec<Shape>,
) -> Option<Rect> {
    let title = title.trim();
    if title.is_empty() {
        return None;
    }
    let (size, weight) = (style::TITLE_SIZE, FontWeight::Bold);
    let rows = text::wrap(title, size, weight, width);
    let lh = text::line_height(size, weight);
    let top = chart_area.y - SECTION_GAP - rows.len() as f32 * lh;
    let mut widest = 0.0f32;
    for (i, row) in rows.into_iter().enumerate() {
        widest = widest.max(text::text_width(&row, size, weight));
        shapes.push(Shape::Text {
            pos: Point::new(
                chart_area.x,
                top + i as f32 * lh + text::ascent(size, weight),
            ),
            text: row,
            size,
            weight,
            color: palette.ink,
            strike: false,
        });
    }
    Some(Rect::new(
        chart_area.x,
        top,
        widest,
        chart_area.y - SECTION_GAP - top,
    ))
}

fn paint_footer(
    footer: &str,
    origin: Point,
    width: f32,
    palette: &Palette,
    shapes: &mut Vec<Shape>,
) -> Option<Rect> {
    let (size, weight) = (style::FOOTER_SIZE, FontWeight::Regular);
    let lh = text::line_height(size, weight);
    let mut area: Option<Rect> = None;
    for (i, row) in text::wrap(footer, size, weight, width)
        .into_iter()
        .enumerate()
    {
        let top = origin.y + i as f32 * lh;
        let row_area = Rect::new(origin.x, top, text::text_width(&row, size, weight), lh);
        area = Some(area.map_or(row_area, |a| a.union(&row_area)));
        shapes.push(Shape::Text {
            pos: Point::new(origin.x, top + text::ascent(size, weight)),
            text: row,
            size,
            weight,
            color: palette.ink,
            strike: false,
        });
    }
    area
}

fn paint_empty_notice(palette: &Palette, shapes: &mut Vec<Shape>) -> Rect {
    let (size, weight) = (style::ROLE_SIZE, FontWeight::Regular);
    let notice = "This chart has no units yet.";
    shapes.push(Shape::Text {
        pos: Point::new(0.0, text::ascent(size, weight)),
        text: notice.to_owned(),
        size,
        weight,
        color: palette.quiet,
        strike: false,
    });
    Rect::new(
        0.0,
        0.0,
        text::text_width(notice, size, weight),
        text::line_height(size, weight),
    )
}

#[cfg(test)]
mod tests;
