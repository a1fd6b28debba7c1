//! Pagination: a pure step between layout and render that splits the line-management forest into pages by
//! structure, not by cutting tiles.
//!
//! Page 1 holds the top of the structure. A branch too big for the page it would sit on becomes a stub card
//! there ("continued on page N") and gets a page of its own, split again where still too big; a manager whose
//! reports alone do not fit continues them over several pages. Every unit is a full card on exactly one page.
//! Non-line links whose ends land on different pages end in a reference card on each side.
//!
//! Decisions are made bottom-up (cut the biggest branches first until what is left under a manager fits),
//! with the real layout engine as the measure, so what is planned here is what the page draws. The cost is
//! linear in the units times a logarithmic number of trial layouts per manager.

mod pack;
mod split;
#[cfg(test)]
mod tests;

use std::ops::Range;

use crate::geom::{Rect, Size};
use crate::layout::{self, LayoutOptions};
use crate::model::{Forest, LinkKind, UnitId};

pub use split::paginate;

/// One card on a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageNode {
    /// A unit, drawn as its full card (an index into the paginated forest).
    Unit(usize),
    /// The top of a branch that continues on `page`.
    Stub { unit: usize, page: usize },
    /// A manager whose reports continue here from `from_page` (the manager's full card is on another page).
    Continued { unit: usize, from_page: usize },
    /// The other end (`other`) of link number `link`, drawn on `page`.
    Reference {
        link: usize,
        other: usize,
        page: usize,
    },
}

/// A non-line link between two units of the forest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageLink {
    pub from: usize,
    pub to: usize,
    pub kind: LinkKind,
}

/// One branch (or one part of a long list of reports) as drawn on a page: a block of the page's cards,
/// headed by the chain of managers above it and where it continues from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Group {
    /// Which of the page's nodes are this group's (its own small forest, in pre-order).
    pub nodes: Range<usize>,
    /// The unit at the top of the branch (`None` for a group of several organisations).
    pub top: Option<usize>,
    /// The managers above `top`, from the root down.
    pub chain: Vec<usize>,
    /// The page this group continues from: where its stub sits, or the previous part of a long list.
    pub from_page: Option<usize>,
    /// Which part of a manager's list of reports this is (1 for the first), when it needed several parts.
    pub part: Option<(usize, usize)>,
    /// This group's number in the document (groups counted page by page): its bookmark.
    pub number: usize,
    /// The group whose bookmark this group's bookmark sits under.
    pub outline_parent: Option<usize>,
    /// Which of the request's layouts the group is drawn with.
    pub layout: usize,
    /// The group's box on the page (its label row, cards and room for routes), in chart units from the
    /// top-left of the page's chart area.
    pub slot: Rect,
}

/// One page: the cards of one or more groups in pre-order, each group a small forest of its own.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub nodes: Vec<PageNode>,
    /// Parent of each node within this page.
    pub parent: Vec<Option<usize>>,
    /// The blocks of the page, in the order their nodes come.
    pub groups: Vec<Group>,
}

impl Page {
    /// The units drawn as full cards on this page.
    pub fn units(&self) -> impl Iterator<Item = usize> + '_ {
        self.nodes.iter().filter_map(|node| match node {
            PageNode::Unit(i) => Some(*i),
            _ => None,
        })
    }

    /// The page's first group: the one a page of a single branch is about.
    pub fn first(&self) -> &Group {
        static EMPTY: Group = Group {
            nodes: 0..0,
            top: None,
            chain: Vec::new(),
            from_page: None,
            part: None,
            number: 0,
            outline_parent: None,
            layout: 0,
            slot: Rect::new(0.0, 0.0, 0.0, 0.0),
        };
        self.groups.first().unwrap_or(&EMPTY)
    }

    /// One group's cards as a forest for the layout engine, indexed from the group's first node. Units keep
    /// their ids, placers and staff flags from `source` (the paginated forest), so a user's choice of how a
    /// manager's reports are arranged holds on paper too.
    pub fn group_forest(&self, group: &Group, source: &Forest) -> Forest {
        let range = group.nodes.start.min(self.nodes.len())..group.nodes.end.min(self.nodes.len());
        let parent: Vec<Option<usize>> = self.parent[range.clone()]
            .iter()
            .map(|p| p.and_then(|p| p.checked_sub(range.start)))
            .collect();
        node_forest(&self.nodes[range], &parent, source, true)
    }
}

/// What pagination needs to know, all in chart units.
pub struct PageRequest<'a> {
    pub forest: &'a Forest,
    /// Card size of every unit of `forest`.
    pub sizes: &'a [Size],
    pub links: &'a [PageLink],
    /// Ways to lay out a page's cards, tried in order: a page takes the first that fits.
    pub layouts: &'a [LayoutOptions],
    /// The largest chart (cards, routes and group labels) one page can hold at the smallest readable
    /// scale.
    pub capacity: Size,
    /// The size of a card that is not a unit's own (stub, continued manager, reference).
    pub card_size: &'a dyn Fn(&PageNode) -> Size,
}

/// Room kept around laid-out cards for routed links and their labels, which can run outside the cards.
pub const ROUTE_ROOM: f32 = 40.0;
/// Room above each group for its label (the chain above it and where it continues from), two rows.
pub const LABEL_ROOM: f32 = 34.0;
/// Space between groups sharing a page.
pub const GROUP_GAP: f32 = 16.0;

/// A group's cards laid out: whether they fit a page, with which layout, and the box they take with room
/// for routes and the label.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Measured {
    fits: bool,
    layout: usize,
    size: Size,
}

impl Measured {
    fn area(&self) -> f32 {
        self.size.w * self.size.h
    }
}

impl PageRequest<'_> {
    fn size_of(&self, node: &PageNode) -> Size {
        match node {
            PageNode::Unit(i) => self
                .sizes
                .get(*i)
                .copied()
                .unwrap_or(layout::DEFAULT_CARD_SIZE),
            other => (self.card_size)(other),
        }
    }

    /// Lays out the cards in each of the layouts until one fits a page (the first that does, or with
    /// `smallest` the one of least area), else the one that came nearest.
    fn measure(&self, nodes: &[PageNode], parent: &[Option<usize>], smallest: bool) -> Measured {
        let forest = node_forest(nodes, parent, self.forest, false);
        let mut sizes: Vec<Size> = nodes.iter().map(|node| self.size_of(node)).collect();
        if self
            .layouts
            .first()
            .is_none_or(|options| options.orientation == layout::Orientation::TopDown)
        {
            align_sibling_heights(&forest, &mut sizes);
        }
        let default_layout = [LayoutOptions::default()];
        let layouts = if self.layouts.is_empty() {
            &default_layout[..]
        } else {
            self.layouts
        };
        let mut best: Option<Measured> = None;
        let mut nearest = (f32::INFINITY, 0, Size::new(0.0, 0.0));
        for (i, options) in layouts.iter().enumerate() {
            let placed = layout::layout(&forest, &sizes, &[], options);
            let size = Size::new(
                placed.bounds.w + ROUTE_ROOM,
                placed.bounds.h + ROUTE_ROOM + LABEL_ROOM,
            );
            if size.w <= self.capacity.w && size.h <= self.capacity.h {
                let here = Measured {
                    fits: true,
                    layout: i,
                    size,
                };
                if !smallest {
                    return here;
                }
                if best.is_none_or(|b| here.area() < b.area()) {
                    best = Some(here);
                }
                continue;
            }
            // How far it would have to shrink to fit.
            let over = (size.w / self.capacity.w).max(size.h / self.capacity.h);
            if over < nearest.0 {
                nearest = (over, i, size);
            }
        }
        best.unwrap_or(Measured {
            fits: false,
            layout: nearest.1,
            size: nearest.2,
        })
    }
}

/// A forest for the layout engine of page cards. A unit's card, and a manager whose list continues here,
/// keep the unit's placer and staff flag from `source`; with `ids`, units keep their ids too.
fn node_forest(nodes: &[PageNode], parent: &[Option<usize>], source: &Forest, ids: bool) -> Forest {
    let mut forest = Forest::default();
    for (i, node) in nodes.iter().enumerate() {
        let unit = match *node {
            PageNode::Unit(u) | PageNode::Continued { unit: u, .. } => Some(u),
            _ => None,
        };
        let id = match (node, ids) {
            (PageNode::Unit(u), true) => source.ids.get(*u).cloned(),
            _ => None,
        };
        let placer = unit
            .and_then(|u| source.placer.get(u).copied())
            .unwrap_or_default();
        // A stub stands where its branch's top would: beside the line when that top is a staff post.
        let staff = match *node {
            PageNode::Unit(u) | PageNode::Stub { unit: u, .. } => {
                source.staff.get(u).copied().unwrap_or(false)
            }
            _ => false,
        };
        let above = match parent.get(i).copied().flatten() {
            Some(p) if p < i => Some(p),
            _ => None,
        };
        forest.push(
            id.unwrap_or_else(|| UnitId::new(format!("\u{1}page-card-{i}"))),
            above,
            placer,
            staff,
        );
    }
    forest
}

/// The pages of a document, and on which page each unit is drawn.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pagination {
    pub pages: Vec<Page>,
    /// Page of each unit of the forest.
    pub page_of: Vec<usize>,
}

/// A page draws siblings one height, as every chart does (the drawing builder stretches them): plan with
/// the same heights, or a page drawn from the plan comes out taller than planned and prints smaller.
pub fn align_sibling_heights(forest: &Forest, sizes: &mut [Size]) {
    let groups = std::iter::once(&forest.roots).chain(forest.children.iter());
    for group in groups.filter(|g| g.len() > 1) {
        let tallest = group
            .iter()
            .filter_map(|&i| sizes.get(i))
            .map(|size| size.h)
            .fold(0.0, f32::max);
        for &i in group {
            if let Some(size) = sizes.get_mut(i) {
                size.h = tallest;
            }
        }
    }
}
