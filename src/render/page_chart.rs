//! The chart part of one page of a paginated document: the page's units as full cards, stubs for branches
//! continued elsewhere, the manager a continued list hangs from, and reference cards for links whose other
//! end is on another page. Cards are measured, laid out, routed and painted by the same code as every
//! other drawing.

use std::collections::HashMap;

use crate::geom::{Point, Rect, Size};
use crate::layout::{Connector, Layout, LayoutOptions, LinkRouter, Orientation, layout};
use crate::metrics::Totals;
use crate::model::{Chart, Forest, Link, Unit, UnitId};
use crate::pages::{Group, LABEL_ROOM, Page, PageNode, ROUTE_ROOM, align_sibling_heights};

use super::build::{self, RenderOptions};
use super::card::{self, CardInput, CardSpec};
use super::colour_by::Colouring;
use super::drawing::{Card, Dash, Drawing, FontWeight, Shape, Stroke};
use super::links::{self, RoutedLink};
use super::page::first_row;
use super::{style, text};

/// Size of a group's label, in chart units: at the smallest scale a page prints at, still above 6 pt.
const LABEL_SIZE: f32 = style::FIGURES_SIZE;

/// What every page of one document shares.
pub struct PageSource<'a> {
    pub chart: &'a Chart,
    /// The paginated forest (`Page` nodes index into it).
    pub forest: &'a Forest,
    pub totals: &'a HashMap<UnitId, Totals>,
    /// The non-line links, numbered as `PageNode::Reference::link` numbers them.
    pub links: &'a [Link],
    /// Where `links` start and end in the forest.
    pub link_ends: &'a LinkEnds,
    pub options: &'a RenderOptions,
    /// Card colours when the chart is coloured by a field (empty otherwise).
    pub colouring: &'a Colouring,
    /// The layouts pagination chose among (`Page::layout` picks one).
    pub layouts: &'a [LayoutOptions],
}

/// Each link's ends by forest index, and the links at each unit, found once for a whole document: a page
/// then looks only at its own units' links (looking up every link's ends for every page made a 100,000-unit
/// export spend most of its time there).
pub struct LinkEnds {
    ends: Vec<(usize, usize)>,
    at_unit: Vec<Vec<usize>>,
}

impl LinkEnds {
    /// `ends` are the links' (from, to) forest indices, in the links' order; `units` is the forest's size.
    pub fn new(units: usize, ends: impl IntoIterator<Item = (usize, usize)>) -> Self {
        let ends: Vec<(usize, usize)> = ends.into_iter().collect();
        let mut at_unit = vec![Vec::new(); units];
        for (k, &(from, to)) in ends.iter().enumerate() {
            for end in [from, to] {
                if let Some(links) = at_unit.get_mut(end) {
                    links.push(k);
                }
            }
        }
        Self { ends, at_unit }
    }

    /// The links with an end at one of `units`, each once, in the links' order.
    fn touching(&self, units: impl Iterator<Item = usize>) -> Vec<usize> {
        let mut links: Vec<usize> = units
            .filter_map(|u| self.at_unit.get(u))
            .flatten()
            .copied()
            .collect();
        links.sort_unstable();
        links.dedup();
        links
    }
}

/// How cards that stand for something on another page are told apart: a dashed frame around them.
const FRAME_GAP: f32 = 3.0;

impl PageSource<'_> {
    fn unit(&self, i: usize) -> Option<&Unit> {
        self.forest.ids.get(i).and_then(|id| self.chart.unit(id))
    }

    fn name(&self, i: usize) -> String {
        self.unit(i).map_or_else(String::new, |u| u.name.clone())
    }

    /// The card for one node. Page numbers are shown counting from 1.
    pub fn card(&self, node: &PageNode) -> CardSpec {
        let palette = style::palette(self.options.theme);
        let (synthetic, figures) = match *node {
            PageNode::Unit(i) => {
                let id = self
                    .forest
                    .ids
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| UnitId::new(""));
                return build::measure_card(
                    self.chart,
                    &id,
                    self.totals,
                    0,
                    self.options,
                    self.colouring.card(&id),
                );
            }
            PageNode::Stub { unit, page } => {
                let units = self
                    .forest
                    .ids
                    .get(unit)
                    .and_then(|id| self.totals.get(id))
                    .map_or(1, |t| t.units);
                let below = units.saturating_sub(1);
                let role = format!(
                    "Continued on page {} · {below} unit{} below",
                    page + 1,
                    if below == 1 { "" } else { "s" }
                );
                (self.stand_in(unit, role), self.figures(unit))
            }
            PageNode::Continued { unit, from_page } => (
                self.stand_in(unit, format!("Continued from page {}", from_page + 1)),
                None,
            ),
            PageNode::Reference { link, other, page } => {
                let kind = self.links.get(link).map_or("link", |l| l.kind.label());
                let mut unit = Unit::new("", format!("to: {}", self.name(other)));
                unit.role = format!("page {} · {}", page + 1, kind.to_lowercase());
                (unit, None)
            }
        };
        card::measure(&CardInput {
            unit: &synthetic,
            figures,
            hidden_below: 0,
            mark: None,
            colour: None,
            palette: &palette,
            theme: self.options.theme,
            style: self.options.card_style,
            row: false,
        })
    }

    /// A card with a unit's name and kind but a different role line.
    fn stand_in(&self, unit: usize, role: String) -> Unit {
        let mut stand_in = Unit::new("", self.name(unit));
        if let Some(original) = self.unit(unit) {
            stand_in.kind = original.kind;
        }
        stand_in.role = role;
        stand_in
    }

    fn figures(&self, unit: usize) -> Option<String> {
        let id = self.forest.ids.get(unit)?;
        build::figures_text(self.totals.get(id)?)
    }

    /// The size a node's card is planned with; page numbers are measured at their widest.
    pub fn planned_size(&self, node: &PageNode) -> Size {
        let widest = |node: &PageNode| match *node {
            PageNode::Stub { unit, .. } => PageNode::Stub { unit, page: 99_998 },
            PageNode::Continued { unit, .. } => PageNode::Continued {
                unit,
                from_page: 99_998,
            },
            PageNode::Reference { link, other, .. } => PageNode::Reference {
                link,
                other,
                page: 99_998,
            },
            unit => unit,
        };
        self.card(&widest(node)).size
    }

    /// The label over a group that shares its page: the chain above the branch (leading managers left off
    /// when it runs over two rows of `width`), its part, and where it continues from.
    pub fn group_label(&self, group: &Group, width: f32) -> Vec<String> {
        let mut names: Vec<String> = group.chain.iter().map(|&i| self.name(i)).collect();
        if let (Some((part, parts)), Some(top)) = (group.part, group.top)
            && part > 1
        {
            names.push(format!(
                "{} (reports, part {part} of {parts})",
                self.name(top)
            ));
        }
        let from = group.from_page.map(|p| format!("from page {}", p + 1));
        if group.top.is_none() {
            names.push("Tops of the structure without a manager".to_owned());
        }
        // The last name and the page always show; leading managers give way to an ellipsis.
        let keep_last = usize::from(!names.is_empty());
        for skip in 0..=names.len().saturating_sub(keep_last) {
            let mut chain = names[skip..].join(" > ");
            if skip > 0 {
                chain = format!("… > {chain}");
            }
            let text = match (&from, chain.is_empty()) {
                (Some(from), true) => from.clone(),
                (Some(from), false) => format!("{chain} · {from}"),
                (None, _) => chain,
            };
            let wrapped = text::wrap(&text, LABEL_SIZE, FontWeight::Regular, width);
            if wrapped.len() <= 2 || skip == names.len().saturating_sub(keep_last) {
                let mut rows: Vec<String> = wrapped.into_iter().take(3).collect();
                if rows.len() > 2 {
                    rows.truncate(2);
                    let last = format!("{} …", rows[1]);
                    rows[1] = first_row(&last, LABEL_SIZE, FontWeight::Regular, width);
                }
                return rows;
            }
        }
        Vec::new()
    }

    /// The page's chart in chart units (cards, connectors, links, and a label over each group when several
    /// share the page; no title, key or footer), and the area it covers. Each group is laid out on its own
    /// and put in the slot pagination packed it into.
    pub fn drawing(&self, page: &Page) -> (Drawing, Rect) {
        let palette = style::palette(self.options.theme);
        let mut specs: Vec<CardSpec> = page.nodes.iter().map(|node| self.card(node)).collect();
        // Laid out with the sizes pagination planned with, the page comes out exactly as planned (a stub
        // is planned with its widest page number).
        let planned: Vec<Size> = page
            .nodes
            .iter()
            .zip(&specs)
            .map(|(node, spec)| match node {
                PageNode::Unit(_) => spec.size,
                other => self.planned_size(other),
            })
            .collect();
        let labelled = page.groups.len() > 1;
        let mut placed = Layout {
            rects: vec![Rect::default(); page.nodes.len()],
            connectors: Vec::new(),
            bounds: Rect::default(),
        };
        let mut label_shapes = Vec::new();
        let mut label_area = Vec::new();
        for group in &page.groups {
            let range = group.nodes.start.min(specs.len())..group.nodes.end.min(specs.len());
            let forest = page.group_forest(group, self.forest);
            let mut sizes = planned[range.clone()].to_vec();
            if self.options.layout.orientation == Orientation::TopDown {
                align_sibling_heights(&forest, &mut sizes);
                for (spec, size) in specs[range.clone()].iter_mut().zip(&sizes) {
                    spec.stretch_to(size.h);
                }
            }
            let local = layout(&forest, &sizes, &[], self.layout_of(group));
            let top = if labelled { LABEL_ROOM } else { 0.0 };
            let dx = group.slot.x + ROUTE_ROOM / 2.0 - local.bounds.x;
            let dy = group.slot.y + top + ROUTE_ROOM / 2.0 - local.bounds.y;
            for (i, rect) in local.rects.iter().enumerate() {
                if let Some(at) = placed.rects.get_mut(range.start + i) {
                    *at = rect.translate(dx, dy);
                }
            }
            placed
                .connectors
                .extend(local.connectors.into_iter().map(|c| Connector {
                    parent: c.parent + range.start,
                    child: c.child + range.start,
                    points: c.points.map(|p| Point::new(p.x + dx, p.y + dy)),
                }));
            let bounds = local.bounds.translate(dx, dy);
            placed.bounds = if range.start == 0 {
                bounds
            } else {
                placed.bounds.union(&bounds)
            };
            if labelled {
                let width = (group.slot.w - ROUTE_ROOM / 2.0)
                    .max(self.options.card_style.metrics().base_width);
                let x = group.slot.x + ROUTE_ROOM / 4.0;
                let line = text::line_height(LABEL_SIZE, FontWeight::Regular);
                for (row, words) in self.group_label(group, width).into_iter().enumerate() {
                    let y = group.slot.y + row as f32 * line;
                    let w = text::text_width(&words, LABEL_SIZE, FontWeight::Regular);
                    label_area.push(Rect::new(x, y, w, line));
                    label_shapes.push(Shape::Text {
                        pos: Point::new(x, y + text::ascent(LABEL_SIZE, FontWeight::Regular)),
                        text: words,
                        size: LABEL_SIZE,
                        weight: FontWeight::Regular,
                        color: palette.role,
                        strike: false,
                    });
                }
            }
        }
        let is_reference = |i: usize| matches!(page.nodes.get(i), Some(PageNode::Reference { .. }));
        // A reference hangs from its unit in the layout, but its line is the link's, not line management.
        placed.connectors.retain(|c| !is_reference(c.child));
        let routed = self.route(page, &placed, &self.options.layout);

        let mut shapes = label_shapes;
        links::paint_connectors(&placed, &palette, &mut shapes);
        links::paint_links(&routed, &palette, &mut shapes);
        let mut cards = Vec::new();
        for (i, (node, spec)) in page.nodes.iter().zip(&specs).enumerate() {
            let Some(&rect) = placed.rects.get(i) else {
                continue;
            };
            let start = shapes.len();
            if !matches!(node, PageNode::Unit(_)) {
                shapes.push(Shape::Rect {
                    rect: rect.expand(FRAME_GAP),
                    corner_radius: style::CARD_RADIUS + FRAME_GAP,
                    fill: None,
                    stroke: Stroke {
                        width: 1.25,
                        color: palette.connector,
                        dash: Dash::Pattern(vec![5.0, 3.0]),
                    },
                });
            }
            spec.paint(rect, &mut shapes);
            if let PageNode::Unit(u) = node
                && let Some(id) = self.forest.ids.get(*u)
            {
                cards.push(Card {
                    id: id.clone(),
                    rect,
                    shapes: start..shapes.len(),
                });
            }
        }
        let plates = links::paint_link_labels(
            &routed,
            &placed.rects,
            self.options.card_style.metrics().label_size,
            &palette,
            &mut shapes,
        );
        let area = routed
            .iter()
            .flat_map(|link| &link.points)
            .map(|p| Rect::new(p.x - 8.0, p.y - 12.0, 16.0, 24.0))
            .chain(plates)
            .chain(label_area)
            .fold(placed.bounds.expand(FRAME_GAP), |area, r| area.union(&r));
        let drawing = Drawing {
            bounds: area,
            background: palette.background,
            shapes,
            cards,
        };
        (drawing, area)
    }

    fn layout_of(&self, group: &Group) -> &LayoutOptions {
        self.layouts
            .get(group.layout)
            .unwrap_or(&self.options.layout)
    }

    /// Links with both ends on the page, and each reference card's link to its unit.
    fn route(&self, page: &Page, placed: &Layout, options: &LayoutOptions) -> Vec<RoutedLink> {
        let at: HashMap<usize, usize> = page
            .nodes
            .iter()
            .enumerate()
            .filter_map(|(i, node)| match node {
                PageNode::Unit(u) => Some((*u, i)),
                _ => None,
            })
            .collect();
        // One router for the page's links: it indexes the page's cards once.
        let router = LinkRouter::new(placed, options);
        let mut routed = Vec::new();
        for k in self.link_ends.touching(at.keys().copied()) {
            let (Some(link), Some(&(from, to))) = (self.links.get(k), self.link_ends.ends.get(k))
            else {
                continue;
            };
            if let (Some(&from), Some(&to)) = (at.get(&from), at.get(&to))
                && from != to
                && let Some(route) =
                    links::route_with(&router, from, to, link.kind, &link.label, placed)
            {
                routed.push(route);
            }
        }
        for (r, node) in page.nodes.iter().enumerate() {
            let (PageNode::Reference { link, .. }, Some(Some(owner))) = (node, page.parent.get(r))
            else {
                continue;
            };
            let Some(link) = self.links.get(*link) else {
                continue;
            };
            let owner_is_from = matches!(
                page.nodes.get(*owner),
                Some(PageNode::Unit(u)) if self.forest.ids.get(*u) == Some(&link.from)
            );
            let (from, to) = if owner_is_from {
                (*owner, r)
            } else {
                (r, *owner)
            };
            if let Some(route) = links::route_with(&router, from, to, link.kind, "", placed) {
                routed.push(route);
            }
        }
        routed
    }
}

#[cfg(test)]
mod tests {
    use super::LinkEnds;

    #[test]
    fn a_page_finds_only_its_units_links_each_once_in_link_order() {
        // Links: 0: 1->2, 1: 3->1, 2: 4->5, 3: 2->1, 4: 1->9 (an end outside the forest of 6 units).
        let ends = LinkEnds::new(6, [(1, 2), (3, 1), (4, 5), (2, 1), (1, 9)]);
        assert_eq!(ends.touching([2, 1].into_iter()), vec![0, 1, 3, 4]);
        assert_eq!(ends.touching([5].into_iter()), vec![2]);
        assert_eq!(ends.touching([0, 7].into_iter()), Vec::<usize>::new());
    }
}
