//! Pictures that go onto paper, shared by the command line and the editor: one page with the chart fitted
//! to it (`--fit`), or a PDF of pages split by structure with an index and bookmarks (`--pages`).

use std::collections::{HashMap, HashSet};

use crate::export::ExportFormat;
use crate::geom::{Rect, Size};
use crate::layout::LayoutOptions;
use crate::metrics::{self, Totals};
use crate::model::{Chart, Forest, Link, UnitId};
use crate::pages::{self, PageLink, PageRequest, Pagination};
use crate::paper::Paper;
use crate::render::drawing::Drawing;
use crate::render::legend::{LegendEntries, LegendEntry, StatusKey};
use crate::render::page::{
    self, Furniture, KeyPlace, MIN_TEXT_POINTS, Placement, Sheet, UNITS_PER_POINT,
    smallest_text_points,
};
use crate::render::page_chart::{LinkEnds, PageSource};
use crate::render::pdf_pages::{Bookmark, to_pdf_pages};
use crate::render::{self, CardStyle, RenderOptions, build, style};

mod date;
mod index;

pub use date::today;

/// Charts of more pages than this get an index of units at the end.
pub const INDEX_AFTER_PAGES: usize = 3;

/// What a page export is asked for besides the chart's own render options.
#[derive(Clone, Debug, PartialEq)]
pub struct PaperOptions {
    pub paper: Paper,
    /// Printed on every page, e.g. "1 December 2026".
    pub date: String,
    /// The cards a fitted page uses; `None` takes the richest style that prints at the readable minimum:
    /// standard cards, else dense ones, else dense managers with their posts in lists.
    pub cards: Option<CardStyle>,
}

/// Layouts to try for a page of this shape: auto-fit towards the chart box's aspect ratio, then the view's
/// own layout. Dense cards are for charts too big for the page: they get paper's tightest gaps and auto-fit
/// towards several shapes around the page's, since the one nearest the page's ratio is not always the one
/// that wastes least room.
fn page_layouts(
    options: &LayoutOptions,
    chart_box: Rect,
    cards: CardStyle,
    units: usize,
) -> Vec<LayoutOptions> {
    let aspect = chart_box.w / chart_box.h.max(1.0);
    if cards != CardStyle::Standard {
        // Each shape is a whole drawing built: a big chart, which cannot be readable on one page anyway,
        // gets the page's own shape only.
        let shapes = if units <= MANY_SHAPES_UP_TO {
            DENSE_ASPECTS.len()
        } else {
            1
        };
        // Lists also try tighter gaps and their top level packed in columns: which packs best depends on
        // the chart's shape, and a small chart costs little to lay out several times.
        let (gaps, tops): (&[(f32, f32)], &[usize]) =
            if cards == CardStyle::List && units <= MANY_GAPS_UP_TO {
                (
                    &[(DENSE_SIBLING_GAP, DENSE_LEVEL_GAP), LIST_TIGHT_GAPS],
                    &LIST_TOP_COLUMNS,
                )
            } else {
                (&[(DENSE_SIBLING_GAP, DENSE_LEVEL_GAP)], &[0])
            };
        let mut layouts = Vec::new();
        for &top_columns in tops {
            for &(sibling, level) in gaps {
                let dense = LayoutOptions {
                    compact: false,
                    list_leaves: cards == CardStyle::List,
                    top_columns,
                    sibling_gap: options.sibling_gap.min(sibling),
                    level_gap: options.level_gap.min(level),
                    root_gap: options.root_gap.min(level),
                    ..options.clone()
                };
                layouts.extend(DENSE_ASPECTS[..shapes].iter().map(|factor| LayoutOptions {
                    target_aspect: Some(aspect * factor),
                    ..dense.clone()
                }));
            }
        }
        return layouts;
    }
    vec![
        LayoutOptions {
            target_aspect: Some(aspect),
            ..options.clone()
        },
        LayoutOptions {
            target_aspect: None,
            ..options.clone()
        },
    ]
}

/// Gaps between dense cards: in proportion to their smaller type.
const DENSE_SIBLING_GAP: f32 = 8.0;
const DENSE_LEVEL_GAP: f32 = 22.0;
/// Shapes auto-fit aims at for dense cards, as factors of the page's own ratio.
const DENSE_ASPECTS: [f32; 6] = [1.0, 0.8, 1.25, 0.6, 1.6, 2.2];
/// Tighter gaps (sibling, level) a list page also tries, on charts of up to `MANY_GAPS_UP_TO` units.
const LIST_TIGHT_GAPS: (f32, f32) = (5.0, 14.0);
const MANY_GAPS_UP_TO: usize = 500;
/// Top levels a list page also tries packed in this many columns (0: a row, as auto-fit chooses).
const LIST_TOP_COLUMNS: [usize; 3] = [0, 3, 4];
/// Charts of up to this many units try every shape of `DENSE_ASPECTS`.
const MANY_SHAPES_UP_TO: usize = 5_000;

/// Gaps between cards on paper: tighter than on screen, where there is room to spare.
const PAPER_SIBLING_GAP: f32 = 16.0;
const PAPER_LEVEL_GAP: f32 = 40.0;

/// Layouts for the groups of a paginated document, tried in order when deciding what fits on a page and
/// the one of least area kept for each group: auto-fit towards the page's shape (for a branch that fills a
/// page), towards a square and a tall block (small branches that share a page pack best as compact
/// blocks), with paper's tighter gaps, and the view's own layout.
fn group_layouts(options: &LayoutOptions, chart_box: Rect, cards: CardStyle) -> Vec<LayoutOptions> {
    let page = chart_box.w / chart_box.h.max(1.0);
    // Auto-fit judges a block by its breadth, so compact stacks (chosen whenever they are narrow enough)
    // would make tall blocks: the paper layouts leave that to auto-fit.
    let (sibling_gap, level_gap) = match cards {
        CardStyle::Standard => (PAPER_SIBLING_GAP, PAPER_LEVEL_GAP),
        CardStyle::Dense | CardStyle::List => (DENSE_SIBLING_GAP, DENSE_LEVEL_GAP),
    };
    let paper = LayoutOptions {
        compact: false,
        list_leaves: cards == CardStyle::List,
        sibling_gap: options.sibling_gap.min(sibling_gap),
        level_gap: options.level_gap.min(level_gap),
        ..options.clone()
    };
    let mut layouts: Vec<LayoutOptions> = [page, 1.0, 0.5]
        .into_iter()
        .map(|aspect| LayoutOptions {
            target_aspect: Some(aspect),
            ..paper.clone()
        })
        .collect();
    layouts.push(LayoutOptions {
        target_aspect: None,
        ..options.clone()
    });
    layouts
}

fn subject(chart: &Chart, options: &RenderOptions) -> Chart {
    match options.subtree.as_ref().filter(|id| chart.contains(id)) {
        Some(id) => {
            let mut part = chart.subtree_chart(id);
            part.set_title(chart.title());
            part
        }
        None => chart.clone(),
    }
}

fn title_of(chart: &Chart, options: &RenderOptions) -> String {
    options
        .title
        .clone()
        .unwrap_or_else(|| chart.title().to_owned())
}

/// Every kind of line, status and card the chart uses: one key for every page of a document.
fn document_key(chart: &Chart, forest: &Forest, totals: &HashMap<UnitId, Totals>) -> LegendEntries {
    let mut entries = LegendEntries::new();
    if forest.parent.iter().any(Option::is_some) {
        entries.insert(LegendEntry::LineManagement);
    }
    entries.extend(chart.links().iter().map(|l| LegendEntry::Link(l.kind)));
    for unit in forest.ids.iter().filter_map(|id| chart.unit(id)) {
        if let Some(key) = StatusKey::of(&unit.status) {
            entries.insert(LegendEntry::Status(key));
        }
        if unit.kind == crate::model::UnitKind::Board {
            entries.insert(LegendEntry::Board);
        }
    }
    let _ = totals;
    entries
}

/// One page with the whole chart on it, and the smallest text as printed.
pub struct FitPage {
    pub drawing: Drawing,
    pub smallest_text_points: f32,
}

/// Lays the chart out for the page's shape and scales it to fill the page inside its margins and furniture.
pub fn fit_page(chart: &Chart, options: &RenderOptions, paper: &PaperOptions) -> FitPage {
    let chart = subject(chart, options);
    let forest = chart.forest(options.respect_collapsed);
    let totals = metrics::subtree_totals(&chart);
    let colours = build::colouring_of(&chart, options).key;
    let furniture_for = |cards: CardStyle| {
        let mut furniture = Furniture {
            title: title_of(&chart, options),
            footer_right: paper.date.clone(),
            compact: true,
            ..Furniture::default()
        };
        if options.legend {
            let notes = build::figure_notes(&chart, &forest, &totals, cards);
            furniture.key = Some((document_key(&chart, &forest, &totals), notes));
            furniture.colours = colours.clone();
        }
        if options.totals_footer && !forest.is_empty() {
            furniture.footer_left = options
                .footer
                .clone()
                .unwrap_or_else(|| build::footer_text(&chart, &forest, &totals));
        }
        furniture
    };
    let fitted = |layout: LayoutOptions, cards: CardStyle, furniture: &Furniture| {
        let chart_only = RenderOptions {
            layout,
            title: Some(String::new()),
            legend: false,
            totals_footer: false,
            subtree: None,
            card_style: cards,
            ..options.clone()
        };
        let drawing = render::build_drawing(&chart, &chart_only);
        // The builder keeps a margin around the chart; the page has its own.
        let area = drawing.bounds.expand(-style::MARGIN);
        let sheet = key_sheet(&paper.paper, furniture, &drawing, area);
        let (page, _) = page::compose(
            &sheet,
            furniture,
            &drawing,
            area,
            Placement::Fill,
            options.theme,
        );
        let smallest = smallest_text_points(&page).unwrap_or(f32::INFINITY);
        FitPage {
            drawing: page,
            smallest_text_points: smallest,
        }
    };
    let styles = match paper.cards {
        Some(cards) => vec![cards],
        None => vec![CardStyle::Standard, CardStyle::Dense, CardStyle::List],
    };
    // Whichever layout prints largest; dense cards only when standard ones would print too small, and
    // lists only when dense cards would.
    let mut best: Option<FitPage> = None;
    for cards in styles {
        if best
            .as_ref()
            .is_some_and(|page| page.smallest_text_points >= MIN_TEXT_POINTS)
        {
            break;
        }
        let furniture = furniture_for(cards);
        // Auto-fit aims at the whole box (the key often goes in a corner the chart leaves empty) and, for
        // a small chart, also at the box above a key across the page: which packs best varies.
        let whole = Sheet::with_key(&paper.paper, &furniture, 0, KeyPlace::At(Rect::default()));
        let mut boxes = vec![whole.chart_box];
        if forest.len() <= MANY_GAPS_UP_TO {
            boxes.push(Sheet::new(&paper.paper, &furniture, 0).chart_box);
        }
        let layouts = boxes
            .into_iter()
            .flat_map(|chart_box| page_layouts(&options.layout, chart_box, cards, forest.len()));
        for layout in layouts {
            let next = fitted(layout, cards, &furniture);
            if best
                .as_ref()
                .is_none_or(|page| next.smallest_text_points > page.smallest_text_points)
            {
                best = Some(next);
            }
        }
    }
    best.unwrap_or_else(|| {
        let furniture = furniture_for(options.card_style);
        fitted(options.layout.clone(), options.card_style, &furniture)
    })
}

/// The sheet for a fitted page: the key across the foot of the page, in a column right of the chart, or in
/// a corner the chart leaves empty, and the title in a row of its own or beside the chart's top when the
/// chart leaves room there: whichever lets the chart print largest (the first when they tie, so the same
/// chart always gets the same page).
fn key_sheet(paper: &Paper, furniture: &Furniture, chart: &Drawing, area: Rect) -> Sheet {
    let below = Sheet::new(paper, furniture, 0);
    let whole = Sheet::with_key(paper, furniture, 0, KeyPlace::At(Rect::default()));
    let mut candidates = Vec::new();
    for title_in_box in [false, true] {
        let sheet = |sheet: Sheet| {
            if title_in_box {
                sheet.title_in_box(furniture)
            } else {
                sheet
            }
        };
        let at_foot = sheet(below.clone());
        let beside = sheet(Sheet::with_key(paper, furniture, 0, KeyPlace::Right));
        // The whole box, the key in a corner of it.
        let whole = sheet(whole.clone());
        let corner = page::free_key_corner(&whole, furniture, chart, area).map(|corner| Sheet {
            key: KeyPlace::At(corner),
            ..whole
        });
        for candidate in [Some(at_foot), Some(beside), corner].into_iter().flatten() {
            // Beside the title only when the chart leaves room for it there.
            if !title_in_box || page::title_is_clear(&candidate, furniture, chart, area) {
                candidates.push(candidate);
            }
        }
    }
    let scale = |sheet: &Sheet| page::placed(sheet, area, Placement::Fill).0;
    let mut best = candidates.remove(0);
    for sheet in candidates {
        if scale(&sheet) > scale(&best) * 1.001 {
            best = sheet;
        }
    }
    best
}

/// The bytes of a fitted page, and a warning when its text prints smaller than is readable.
pub struct FitExport {
    pub bytes: Vec<u8>,
    pub warning: Option<String>,
}

/// `scale` is PNG pixels per point of paper.
pub fn export_fit(
    chart: &Chart,
    format: ExportFormat,
    options: &RenderOptions,
    paper: &PaperOptions,
    scale: f32,
) -> Result<FitExport, String> {
    let fitted = fit_page(chart, options, paper);
    let bytes = match format {
        ExportFormat::Svg => render::to_svg(&fitted.drawing).into_bytes(),
        // A hair under the exact ratio: the page's size in page units carries float error, and the PNG
        // backend rounds pixels up, which would add a row and a column.
        ExportFormat::Png => render::to_png(&fitted.drawing, scale / UNITS_PER_POINT * 0.999_99)
            .map_err(|err| err.to_string())?,
        ExportFormat::Pdf => to_pdf_pages(&[fitted.drawing], &[], &title_of(chart, options))
            .map_err(|err| err.to_string())?,
        ExportFormat::Csv | ExportFormat::Xlsx => {
            return Err(format!(
                "a {} has no page to fit: use .png, .svg or .pdf",
                format.label()
            ));
        }
    };
    let warning = (fitted.smallest_text_points < MIN_TEXT_POINTS).then(|| {
        format!(
            "the chart is too big for one {} page: its smallest text prints at {:.1} pt, below {MIN_TEXT_POINTS} pt; \
             split it over pages with --pages {} (PDF)",
            paper.paper.name, fitted.smallest_text_points, paper.paper.name
        )
    });
    Ok(FitExport { bytes, warning })
}

/// A chart split into pages: the plan, and one drawing per page (branch pages, then the index).
pub struct PagedDocument {
    pub forest: Forest,
    pub pagination: Pagination,
    pub drawings: Vec<Drawing>,
    pub bookmarks: Vec<Bookmark>,
    /// How many of the drawings, at the end, are the index.
    pub index_pages: usize,
}

impl PagedDocument {
    /// Units and their page (from 0), for every unit of the chart.
    pub fn page_of(&self, id: &UnitId) -> Option<usize> {
        let i = self.forest.ids.iter().position(|u| u == id)?;
        self.pagination.page_of.get(i).copied()
    }
}

/// Splits the chart into pages of `paper` by structure; see `pages`.
pub fn paged_document(
    chart: &Chart,
    options: &RenderOptions,
    paper: &PaperOptions,
) -> PagedDocument {
    let chart = subject(chart, options);
    let forest = chart.forest(false);
    let totals = metrics::subtree_totals(&chart);
    let title = title_of(&chart, options);
    let mut furniture = Furniture {
        title: title.clone(),
        heading: "·".to_owned(),
        footer_left: paper.date.clone(),
        footer_right: "Page 9999 of 9999".to_owned(),
        ..Furniture::default()
    };
    if options.legend {
        let mut notes = build::figure_notes(&chart, &forest, &totals, options.card_style);
        notes.push(
            "A card in a dashed frame stands for something on another page: a branch continued there, \
             the manager a list continues from, or the other end of a link (\"to: Name\")."
                .to_owned(),
        );
        furniture.key = Some((document_key(&chart, &forest, &totals), notes));
        furniture.colours = build::colouring_of(&chart, options).key;
    }
    let sheet = Sheet::new(&paper.paper, &furniture, page::MAX_HEADING_ROWS);
    let layouts = group_layouts(&options.layout, sheet.chart_box, options.card_style);
    let page_options = options.clone();
    let index: HashMap<&UnitId, usize> = forest
        .ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id, i))
        .collect();
    let mut links: Vec<Link> = Vec::new();
    let mut page_links: Vec<PageLink> = Vec::new();
    let mut seen = HashSet::new();
    for link in chart.links() {
        if let (Some(&from), Some(&to)) = (index.get(&link.from), index.get(&link.to))
            && from != to
            && seen.insert((from, to, link.kind))
        {
            page_links.push(PageLink {
                from,
                to,
                kind: link.kind,
            });
            links.push(link);
        }
    }
    let colouring = build::colouring_of(&chart, &page_options);
    let link_ends = LinkEnds::new(forest.len(), page_links.iter().map(|l| (l.from, l.to)));
    let source = PageSource {
        chart: &chart,
        forest: &forest,
        totals: &totals,
        links: &links,
        link_ends: &link_ends,
        options: &page_options,
        colouring: &colouring,
        layouts: &layouts,
    };
    let specs: Vec<_> = forest
        .ids
        .iter()
        .map(|id| {
            let colour = colouring.card(id);
            build::measure_card(&chart, id, &totals, 0, &page_options, colour)
        })
        .collect();
    // Pagination aligns the heights of siblings that share a page, as the page will draw them.
    let sizes: Vec<Size> = specs.iter().map(|spec| spec.size).collect();
    let smallest_scale = MIN_TEXT_POINTS * UNITS_PER_POINT / options.card_style.smallest_text();
    let capacity = Size::new(
        sheet.chart_box.w / smallest_scale,
        sheet.chart_box.h / smallest_scale,
    );
    let card_size = |node: &pages::PageNode| source.planned_size(node);
    let pagination = pages::paginate(&PageRequest {
        forest: &forest,
        sizes: &sizes,
        links: &page_links,
        layouts: &layouts,
        capacity,
        card_size: &card_size,
    });

    let branch_pages = pagination.pages.len();
    let index_entries = index::entries(&chart, &forest, &pagination.page_of);
    let index_pages = if branch_pages > INDEX_AFTER_PAGES {
        index::page_count(&sheet, index_entries.len())
    } else {
        0
    };
    let total = branch_pages + index_pages;
    let name = |i: usize| {
        chart
            .unit(&forest.ids[i])
            .map_or("", |u| u.name.as_str())
            .to_owned()
    };
    let mut drawings = Vec::with_capacity(total);
    let mut bookmarks = Vec::with_capacity(total);
    for (p, plan) in pagination.pages.iter().enumerate() {
        let (drawing, area) = source.drawing(plan);
        let furniture = Furniture {
            heading: page_heading(plan, &name),
            footer_right: format!("Page {} of {total}", p + 1),
            ..furniture.clone()
        };
        let (page, _) = page::compose(
            &sheet,
            &furniture,
            &drawing,
            area,
            Placement::AtMost(1.0),
            options.theme,
        );
        drawings.push(page);
        for group in &plan.groups {
            let mut title = match group.top {
                Some(top) => name(top),
                None => title.clone(),
            };
            if let Some((part, parts)) = group.part {
                title.push_str(&format!(" ({part}/{parts})"));
            }
            bookmarks.push(Bookmark {
                title: format!("{} · page {}", title, p + 1),
                page: p,
                parent: group.outline_parent,
            });
        }
    }
    if index_pages > 0 {
        let first_index = drawings.len();
        for (i, entries) in index::split(&sheet, &index_entries).into_iter().enumerate() {
            let furniture = Furniture {
                heading: "Index of units, A to Z, with the page each is drawn on".to_owned(),
                footer_right: format!("Page {} of {total}", drawings.len() + 1),
                ..furniture.clone()
            };
            drawings.push(index::page(&sheet, &furniture, entries, options.theme));
            if i == 0 {
                bookmarks.push(Bookmark {
                    title: format!("Index · page {}", first_index + 1),
                    page: first_index,
                    parent: None,
                });
            }
        }
    }
    PagedDocument {
        forest,
        pagination,
        index_pages: drawings.len() - branch_pages,
        drawings,
        bookmarks,
    }
}

/// The heading under a page's title: for a page of one branch, the chain of managers above it and where it
/// continues from; for a page several branches share (each labelled with its own chain), which pages
/// they continue from.
fn page_heading(page: &pages::Page, name: &dyn Fn(usize) -> String) -> String {
    if page.groups.len() > 1 {
        let mut from: Vec<usize> = page.groups.iter().filter_map(|g| g.from_page).collect();
        from.sort_unstable();
        from.dedup();
        let listed: Vec<String> = from.iter().map(|p| (p + 1).to_string()).collect();
        let pages = match listed.as_slice() {
            [] => String::new(),
            [one] => format!(" · from page {one}"),
            [rest @ .., last] => format!(" · from pages {} and {last}", rest.join(", ")),
        };
        return format!("{} branches{pages}", page.groups.len());
    }
    let plan = page.first();
    let mut heading: Vec<String> = plan.chain.iter().map(|&i| name(i)).collect();
    if let (Some((part, parts)), Some(top)) = (plan.part, plan.top)
        && part > 1
    {
        heading.push(format!("{} (reports, part {part} of {parts})", name(top)));
    }
    let mut heading = heading.join(" > ");
    if let Some(from) = plan.from_page {
        if !heading.is_empty() {
            heading.push_str(" · ");
        }
        heading.push_str(&format!("from page {}", from + 1));
    }
    heading
}

/// The multi-page PDF, and how many pages it has.
pub fn export_pages(
    chart: &Chart,
    options: &RenderOptions,
    paper: &PaperOptions,
) -> Result<(Vec<u8>, usize), String> {
    let document = paged_document(chart, options, paper);
    let title = title_of(chart, options);
    let bytes = to_pdf_pages(&document.drawings, &document.bookmarks, &title)
        .map_err(|err| err.to_string())?;
    Ok((bytes, document.drawings.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dense_cards_try_several_shapes_on_small_charts_and_one_on_big_ones() {
        let page = Rect::new(0.0, 0.0, 1000.0, 600.0);
        let options = LayoutOptions::default();
        let small = page_layouts(&options, page, CardStyle::Dense, 100);
        let big = page_layouts(&options, page, CardStyle::Dense, 100_000);
        assert_eq!(small.len(), DENSE_ASPECTS.len());
        assert_eq!(big.len(), 1, "each shape is a whole drawing built");
        assert_eq!(big[0].target_aspect, Some(1000.0 / 600.0));
        assert_eq!(
            page_layouts(&options, page, CardStyle::Standard, 100_000).len(),
            2
        );
    }
}
