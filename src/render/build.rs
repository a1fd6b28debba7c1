//! Builds the one drawing description from a chart: measures cards, asks layout to place them, routes the
//! other links, and adds the title, key and totals. Every output paints what this returns.

use std::collections::{HashMap, HashSet};

use crate::geom::{Point, Rect, Size};
use crate::layout::{LayoutOptions, Orientation, layout};
use crate::metrics::{self, Totals, format};
use crate::model::{Chart, Forest, LinkKind, Placer, UnitId};

use super::card::{self, CardInput, CardSpec};
use super::colour_by::{self, CardColour, ColourBy, Colouring};
use super::drawing::{Card, Drawing, FontWeight, Shape};
use super::legend::{self, LegendEntries, LegendEntry, MarkKey, StatusKey};
use super::links::{self, RoutedLink};
use super::style::{self, Palette};
use super::text;

mod measure_cache;
use measure_cache::CardInputs;
pub use measure_cache::MeasureCache;

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
        }
    }
}

/// Space between the chart and the title, key and footer around it.
const SECTION_GAP: f32 = 28.0;
/// The key and footer may be wider than a very narrow chart.
const MIN_TEXT_WIDTH: f32 = 520.0;

/// Builds the drawing from scratch, measuring every card (exports: one build per chart).
pub fn build_drawing(chart: &Chart, options: &RenderOptions) -> Drawing {
    build(chart, options, None)
}

/// Builds the drawing re-measuring only the cards whose content changed since the last build with the
/// same `cache` (the editor: one build per edit). Gives exactly what [`build_drawing`] gives.
pub fn build_drawing_with_cache(
    chart: &Chart,
    options: &RenderOptions,
    cache: &mut MeasureCache,
) -> Drawing {
    build(chart, options, Some(cache))
}

fn build(chart: &Chart, options: &RenderOptions, mut cache: Option<&mut MeasureCache>) -> Drawing {
    let palette = style::palette(options.theme);
    let forest = visible_forest(chart, options);
    let totals = metrics::subtree_totals(chart);
    let colouring = colouring_of(chart, options);

    if let Some(cache) = cache.as_deref_mut() {
        cache.begin(options);
    }
    let mut specs: Vec<CardSpec> = forest
        .ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let colour = colouring.card(id);
            let hidden_below = forest.hidden_below[i];
            let measure = || measure_card(chart, id, &totals, hidden_below, options, colour);
            match (cache.as_deref_mut(), chart.unit(id)) {
                (Some(cache), Some(unit)) => {
                    let inputs = CardInputs {
                        unit,
                        totals: totals.get(id),
                        hidden_below,
                        mark: options.marks.get(id),
                        colour,
                    };
                    cache.spec(id, inputs, measure)
                }
                _ => measure(),
            }
        })
        .collect();
    if let Some(cache) = cache.as_deref_mut() {
        cache.finish();
    }
    if options.layout.orientation == Orientation::TopDown {
        align_row_heights(&forest, &mut specs);
    }
    let sizes: Vec<Size> = specs.iter().map(|spec| spec.size).collect();
    let pinned: Vec<Option<Point>> = forest
        .ids
        .iter()
        .map(|id| chart.unit(id).and_then(|u| u.pinned))
        .collect();
    let placed = layout(&forest, &sizes, &pinned, &options.layout);

    let routed = route_links(chart, &forest, &placed, &options.layout);
    let mut shapes = Vec::new();
    links::paint_connectors(&placed, &palette, &mut shapes);
    links::paint_links(&routed, &palette, &mut shapes);
    let mut cards = Vec::with_capacity(forest.len());
    for (i, (id, spec)) in forest.ids.iter().zip(&specs).enumerate() {
        let Some(&rect) = placed.rects.get(i) else {
            continue;
        };
        let start = shapes.len();
        spec.paint(rect, &mut shapes);
        cards.push(Card {
            id: id.clone(),
            rect,
            shapes: start..shapes.len(),
        });
    }
    let label_plates = links::paint_link_labels(&routed, &placed.rects, &palette, &mut shapes);

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
    let mut next_top = chart_area.bottom() + SECTION_GAP;
    if options.legend {
        let entries = legend_entries(chart, &forest, &placed, &routed, options);
        let notes = figure_notes(chart, &forest, &totals);
        if let Some(area) = legend::paint_with_colours(
            &entries,
            &notes,
            colouring.key.as_ref(),
            Point::new(chart_area.x, next_top),
            text_width,
            &palette,
            options.theme,
            &mut shapes,
        ) {
            used = used.union(&area);
            next_top = area.bottom() + 14.0;
        }
    }
    if options.totals_footer
        && !forest.is_empty()
        && let Some(area) = paint_footer(
            &options
                .footer
                .clone()
                .unwrap_or_else(|| footer_text(chart, &forest, &totals)),
            Point::new(chart_area.x, next_top),
            text_width,
            &palette,
            &mut shapes,
        )
    {
        used = used.union(&area);
    }

    if let Some(cache) = cache {
        let whole_collapsed = options.respect_collapsed
            && !options
                .subtree
                .as_ref()
                .is_some_and(|id| chart.contains(id));
        cache.keep(forest, whole_collapsed, totals);
    }
    Drawing {
        bounds: used.expand(style::MARGIN),
        background: palette.background,
        shapes,
        cards,
    }
}

/// The units to draw: the whole forest, or one unit's subtree, honouring collapsed units if asked.
fn visible_forest(chart: &Chart, options: &RenderOptions) -> Forest {
    match options.subtree.as_ref().filter(|id| chart.contains(id)) {
        None => chart.forest(options.respect_collapsed),
        Some(root) => subtree_forest(chart, root, options.respect_collapsed),
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

/// "11-15 posts · £0.6-0.8m": the unit's own figures for a leaf, its whole subtree's for a manager.
pub(crate) fn figures_text(totals: &Totals) -> Option<String> {
    let mut parts = Vec::new();
    if totals.headcount.max > 0.0 {
        parts.push(format::headcount(totals.headcount, totals.has_fte));
    }
    if totals.cost.max > 0.0 {
        let estimate = if totals.estimated { " (est.)" } else { "" };
        parts.push(format!("{}{estimate}", format::money(totals.cost)));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
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
    let palette = style::palette(options.theme);
    let fallback;
    let unit = match chart.unit(id) {
        Some(unit) => unit,
        None => {
            fallback = crate::model::Unit::new(id.as_str(), id.as_str());
            &fallback
        }
    };
    card::measure(&CardInput {
        unit,
        figures: totals.get(id).and_then(figures_text),
        hidden_below,
        mark: options.marks.get(id),
        colour,
        palette: &palette,
        theme: options.theme,
    })
}

/// Siblings get one height, with their figures rows on one line. Only siblings: stretching a whole level to
/// its tallest card would leave most cards half empty.
pub(crate) fn align_row_heights(forest: &Forest, specs: &mut [CardSpec]) {
    let groups = std::iter::once(&forest.roots).chain(forest.children.iter());
    for group in groups.filter(|g| g.len() > 1) {
        let tallest = group
            .iter()
            .filter_map(|&i| specs.get(i))
            .map(|spec| spec.size.h)
            .fold(0.0, f32::max);
        for &i in group {
            if let Some(spec) = specs.get_mut(i) {
                spec.stretch_to(tallest);
            }
        }
    }
}

/// Routes every non-line link whose ends are drawn. An end hidden by collapsing is drawn at the collapsed
/// card that stands for it; an end outside the drawn subtree leaves the link out.
fn route_links(
    chart: &Chart,
    forest: &Forest,
    placed: &crate::layout::Layout,
    layout_options: &LayoutOptions,
) -> Vec<RoutedLink> {
    let index: HashMap<&UnitId, usize> = forest
        .ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id, i))
        .collect();
    let visible = |id: &UnitId| -> Option<usize> {
        let mut current = id;
        loop {
            if let Some(&i) = index.get(current) {
                return Some(i);
            }
            current = chart.parent(current)?;
        }
    };
    let mut seen: HashSet<(usize, usize, LinkKind)> = HashSet::new();
    let mut routed = Vec::new();
    let router = crate::layout::LinkRouter::new(placed, layout_options);
    for link in chart.links() {
        let (Some(from), Some(to)) = (visible(&link.from), visible(&link.to)) else {
            continue;
        };
        if from == to || !seen.insert((from, to, link.kind)) {
            continue;
        }
        if let Some(route) = links::route_with(&router, from, to, link.kind, &link.label, placed) {
            routed.push(route);
        }
    }
    routed
}

fn legend_entries(
    chart: &Chart,
    forest: &Forest,
    placed: &crate::layout::Layout,
    routed: &[RoutedLink],
    options: &RenderOptions,
) -> LegendEntries {
    let mut entries = LegendEntries::new();
    if !placed.connectors.is_empty() {
        entries.insert(LegendEntry::LineManagement);
    }
    entries.extend(routed.iter().map(|link| LegendEntry::Link(link.kind)));
    for (i, id) in forest.ids.iter().enumerate() {
        if let Some(unit) = chart.unit(id) {
            if let Some(key) = StatusKey::of(&unit.status) {
                entries.insert(LegendEntry::Status(key));
            }
            if unit.kind == crate::model::UnitKind::Board {
                entries.insert(LegendEntry::Board);
            }
        }
        if let Some(mark) = options.marks.get(id) {
            entries.insert(LegendEntry::Mark(MarkKey::of(mark)));
        }
        if forest.hidden_below[i] > 0 {
            entries.insert(LegendEntry::Hidden);
        }
    }
    entries
}

/// What the quiet figures row means, said once in the key instead of on every card.
pub(crate) fn figure_notes(
    chart: &Chart,
    forest: &Forest,
    totals: &HashMap<UnitId, Totals>,
) -> Vec<String> {
    let figures = |id: &UnitId| totals.get(id).filter(|t| figures_text(t).is_some());
    if !forest.ids.iter().any(|id| figures(id).is_some()) {
        return Vec::new();
    }
    let shows_cost = forest
        .ids
        .iter()
        .any(|id| figures(id).is_some_and(|t| t.cost.max > 0.0));
    let manager_shows = forest
        .ids
        .iter()
        .any(|id| !chart.children(id).is_empty() && figures(id).is_some());
    let mut note = "Figures: posts".to_owned();
    if shows_cost {
        note.push_str(" and yearly pay cost");
        if has_on_costs(chart, forest) {
            note.push_str(" including on-costs");
        }
    }
    if manager_shows {
        note.push_str("; a manager's card counts everyone below it");
    }
    note.push('.');
    vec![note]
}

/// Whether any unit counted in the drawing (hidden ones included) adds on-costs to its pay.
fn has_on_costs(chart: &Chart, forest: &Forest) -> bool {
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

pub(crate) fn footer_text(
    chart: &Chart,
    forest: &Forest,
    totals: &HashMap<UnitId, Totals>,
) -> String {
    let sum = forest
        .roots
        .iter()
        .filter_map(|&r| totals.get(&forest.ids[r]))
        .fold(Totals::default(), |a, b| a + *b);
    let mut parts = Vec::new();
    if sum.headcount.max > 0.0 {
        parts.push(format::headcount(sum.headcount, sum.has_fte));
    }
    if sum.cost.max > 0.0 {
        let on_costs = if has_on_costs(chart, forest) {
            " including on-costs"
        } else {
            ""
        };
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
