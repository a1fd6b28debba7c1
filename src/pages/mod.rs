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

mod split;
#[cfg(test)]
mod tests;

use crate::geom::Size;
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

/// One page: a small forest of cards in pre-order, and where it sits in the document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub nodes: Vec<PageNode>,
    /// Parent of each node within this page.
    pub parent: Vec<Option<usize>>,
    /// The unit at the top of the branch this page holds (`None` for a page of several organisations).
    pub top: Option<usize>,
    /// The managers above `top`, from the root down.
    pub chain: Vec<usize>,
    /// The page this one continues from: where its stub sits, or the previous part of a long list.
    pub from_page: Option<usize>,
    /// Which part of a manager's list of reports this is (1 for the first), when it needed several pages.
    pub part: Option<(usize, usize)>,
    /// The page whose bookmark this page's bookmark sits under.
    pub outline_parent: Option<usize>,
}

impl Page {
    /// The units drawn as full cards on this page.
    pub fn units(&self) -> impl Iterator<Item = usize> + '_ {
        self.nodes.iter().filter_map(|node| match node {
            PageNode::Unit(i) => Some(*i),
            _ => None,
        })
    }

    /// This page's cards as a forest for the layout engine; ids are the units' own where there is one.
    pub fn forest(&self, ids: &[UnitId]) -> Forest {
        node_forest(&self.nodes, &self.parent, ids)
    }
}

/// What pagination needs to know, all in chart units.
pub struct PageRequest<'a> {
    pub forest: &'a Forest,
    /// Card size of every unit of `forest`.
    pub sizes: &'a [Size],
    pub links: &'a [PageLink],
    /// How cards are laid out on a page.
    pub layout: &'a LayoutOptions,
    /// The largest chart (cards and routes) one page can hold at the smallest readable scale.
    pub capacity: Size,
    /// The size of a card that is not a unit's own (stub, continued manager, reference).
    pub card_size: &'a dyn Fn(&PageNode) -> Size,
}

/// Room kept around laid-out cards for routed links and their labels, which can run outside the cards.
pub const ROUTE_ROOM: f32 = 40.0;

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

    /// Lays out the cards and says whether they fit a page, with the laid-out area.
    fn measure(&self, nodes: &[PageNode], parent: &[Option<usize>]) -> (bool, f32) {
        let forest = node_forest(nodes, parent, &[]);
        let sizes: Vec<Size> = nodes.iter().map(|node| self.size_of(node)).collect();
        let placed = layout::layout(&forest, &sizes, &[], self.layout);
        let (w, h) = (placed.bounds.w + ROUTE_ROOM, placed.bounds.h + ROUTE_ROOM);
        (w <= self.capacity.w && h <= self.capacity.h, w * h)
    }
}

fn node_forest(nodes: &[PageNode], parent: &[Option<usize>], ids: &[UnitId]) -> Forest {
    let mut forest = Forest {
        ids: Vec::with_capacity(nodes.len()),
        parent: parent.to_vec(),
        children: vec![Vec::new(); nodes.len()],
        roots: Vec::new(),
        hidden_below: vec![0; nodes.len()],
    };
    for (i, node) in nodes.iter().enumerate() {
        let id = match node {
            PageNode::Unit(u) => ids.get(*u).cloned(),
            _ => None,
        };
        forest
            .ids
            .push(id.unwrap_or_else(|| UnitId::new(format!("\u{1}page-card-{i}"))));
        match parent.get(i).copied().flatten() {
            Some(p) if p < i => forest.children[p].push(i),
            _ => forest.roots.push(i),
        }
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
