//! The chart part of one page of a paginated document: the page's units as full cards, stubs for branches
//! continued elsewhere, the manager a continued list hangs from, and reference cards for links whose other
//! end is on another page. Cards are measured, laid out, routed and painted by the same code as every
//! other drawing.

use std::collections::HashMap;

use crate::geom::{Rect, Size};
use crate::layout::{Layout, Orientation, layout};
use crate::metrics::Totals;
use crate::model::{Chart, Forest, Link, Unit, UnitId};
use crate::pages::{Page, PageNode};

use super::build::{self, RenderOptions};
use super::card::{self, CardInput, CardSpec};
use super::drawing::{Card, Dash, Drawing, Shape, Stroke};
use super::links::{self, RoutedLink};
use super::style;

/// What every page of one document shares.
pub struct PageSource<'a> {
    pub chart: &'a Chart,
    /// The paginated forest (`Page` nodes index into it).
    pub forest: &'a Forest,
    pub totals: &'a HashMap<UnitId, Totals>,
    /// The non-line links, numbered as `PageNode::Reference::link` numbers them.
    pub links: &'a [Link],
    pub options: &'a RenderOptions,
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
                return build::measure_card(self.chart, &id, self.totals, 0, self.options);
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
            palette: &palette,
            theme: self.options.theme,
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

    /// The page's chart in chart units (cards, connectors, links; no title, key or footer), and the area
    /// it covers.
    pub fn drawing(&self, page: &Page) -> (Drawing, Rect) {
        let palette = style::palette(self.options.theme);
        let forest = page.forest(&self.forest.ids);
        let mut specs: Vec<CardSpec> = page.nodes.iter().map(|node| self.card(node)).collect();
        if self.options.layout.orientation == Orientation::TopDown {
            build::align_row_heights(&forest, &mut specs);
        }
        let sizes: Vec<Size> = specs.iter().map(|spec| spec.size).collect();
        let mut placed = layout(&forest, &sizes, &[], &self.options.layout);
        let is_reference = |i: usize| matches!(page.nodes.get(i), Some(PageNode::Reference { .. }));
        // A reference hangs from its unit in the layout, but its line is the link's, not line management.
        placed.connectors.retain(|c| !is_reference(c.child));
        let routed = self.route(page, &placed);

        let mut shapes = Vec::new();
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
        let plates = links::paint_link_labels(&routed, &placed.rects, &palette, &mut shapes);
        let area = routed
            .iter()
            .flat_map(|link| &link.points)
            .map(|p| Rect::new(p.x - 8.0, p.y - 12.0, 16.0, 24.0))
            .chain(plates)
            .fold(placed.bounds.expand(FRAME_GAP), |area, r| area.union(&r));
        let drawing = Drawing {
            bounds: area,
            background: palette.background,
            shapes,
            cards,
        };
        (drawing, area)
    }

    /// Links with both ends on the page, and each reference card's link to its unit.
    fn route(&self, page: &Page, placed: &Layout) -> Vec<RoutedLink> {
        let at: HashMap<usize, usize> = page
            .nodes
            .iter()
            .enumerate()
            .filter_map(|(i, node)| match node {
                PageNode::Unit(u) => Some((*u, i)),
                _ => None,
            })
            .collect();
        let index: HashMap<&UnitId, usize> = self
            .forest
            .ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id, i))
            .collect();
        let node_of = |id: &UnitId| index.get(id).and_then(|u| at.get(u)).copied();
        let mut routed = Vec::new();
        for link in self.links {
            if let (Some(from), Some(to)) = (node_of(&link.from), node_of(&link.to))
                && from != to
                && let Some(route) = links::route(
                    from,
                    to,
                    link.kind,
                    &link.label,
                    placed,
                    &self.options.layout,
                )
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
            if let Some(route) = links::route(from, to, link.kind, "", placed, &self.options.layout)
            {
                routed.push(route);
            }
        }
        routed
    }
}
