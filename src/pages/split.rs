//! Deciding the pages: which branches are cut off onto pages of their own, which managers continue their
//! reports over several pages, then numbering the pages in reading order and filling them in.

use std::ops::Range;

use super::{Page, PageLink, PageNode, PageRequest, Pagination};

/// The top of a group of pages: one unit's branch, or the whole forest when it has several roots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Head {
    Forest,
    Unit(usize),
}

/// How the cards of one page are made: for trial layouts (page numbers unknown, a reference card for every
/// link end, since any may end up on another page) or for the finished page.
#[derive(Clone, Copy)]
enum Mode<'a> {
    Plan,
    Final {
        page_of: &'a [usize],
        group_page: &'a [usize],
    },
}

struct Planner<'a> {
    request: &'a PageRequest<'a>,
    links_of: Vec<Vec<usize>>,
    /// The unit's branch is a group of pages of its own; its manager's page shows a stub.
    cut: Vec<bool>,
    /// Laid-out area of what is left of the unit's branch, to cut the biggest first.
    area: Vec<f32>,
    /// Cards in what is left of the unit's branch (1 for a card with nothing under it).
    cards: Vec<usize>,
    /// How a group's reports are spread over its pages, for the groups that need more than one.
    parts: Vec<Option<Vec<Range<usize>>>>,
    forest_parts: Option<Vec<Range<usize>>>,
}

/// Splits the forest into pages; see the module documentation.
pub fn paginate(request: &PageRequest) -> Pagination {
    let forest = request.forest;
    let n = forest.len();
    if n == 0 {
        return Pagination::default();
    }
    let mut links_of = vec![Vec::new(); n];
    for (l, link) in request.links.iter().enumerate() {
        if link.from < n && link.to < n && link.from != link.to {
            links_of[link.from].push(l);
            links_of[link.to].push(l);
        }
    }
    let mut planner = Planner {
        request,
        links_of,
        cut: vec![false; n],
        area: vec![0.0; n],
        cards: vec![1; n],
        parts: vec![None; n],
        forest_parts: None,
    };
    for u in post_order(request) {
        planner.decide(Head::Unit(u));
    }
    let top = match forest.roots.as_slice() {
        [single] => Head::Unit(*single),
        _ => {
            planner.decide(Head::Forest);
            Head::Forest
        }
    };
    if let Head::Unit(root) = top {
        planner.cut[root] = false;
    }
    planner.assemble(top)
}

/// Every unit after the units below it.
fn post_order(request: &PageRequest) -> Vec<usize> {
    let forest = request.forest;
    let mut order = Vec::with_capacity(forest.len());
    let mut seen = vec![false; forest.len()];
    let mut stack: Vec<usize> = forest.roots.iter().rev().copied().collect();
    while let Some(u) = stack.pop() {
        if u >= forest.len() || seen[u] {
            continue;
        }
        seen[u] = true;
        order.push(u);
        stack.extend(forest.children[u].iter().rev().copied());
    }
    order.reverse();
    order
}

impl Planner<'_> {
    fn items(&self, head: Head) -> &[usize] {
        match head {
            Head::Forest => &self.request.forest.roots,
            Head::Unit(u) => &self.request.forest.children[u],
        }
    }

    fn parts_of(&self, head: Head) -> Option<&Vec<Range<usize>>> {
        match head {
            Head::Forest => self.forest_parts.as_ref(),
            Head::Unit(u) => self.parts[u].as_ref(),
        }
    }

    /// Cards for `head` (shown as itself on the first part, as "continued" on later ones) over `items`.
    fn cards_of(
        &self,
        head: Head,
        items: &[usize],
        first_part: bool,
        from_page: usize,
        mode: Mode,
    ) -> (Vec<PageNode>, Vec<Option<usize>>) {
        let mut nodes = Vec::new();
        let mut parent = Vec::new();
        let top = match head {
            Head::Forest => None,
            Head::Unit(u) => {
                nodes.push(if first_part {
                    PageNode::Unit(u)
                } else {
                    PageNode::Continued { unit: u, from_page }
                });
                parent.push(None);
                Some(0)
            }
        };
        for &item in items {
            self.branch(item, top, mode, &mut nodes, &mut parent);
        }
        if let (Head::Unit(u), true) = (head, first_part) {
            self.references(u, 0, mode, &mut nodes, &mut parent);
        }
        (nodes, parent)
    }

    /// A unit's branch as it stands: the unit's card, its kept reports' branches, stubs for cut ones.
    fn branch(
        &self,
        start: usize,
        above: Option<usize>,
        mode: Mode,
        nodes: &mut Vec<PageNode>,
        parent: &mut Vec<Option<usize>>,
    ) {
        enum Work {
            Branch(usize, Option<usize>),
            References(usize, usize),
        }
        let mut stack = vec![Work::Branch(start, above)];
        while let Some(work) = stack.pop() {
            let (u, above) = match work {
                Work::Branch(u, above) => (u, above),
                Work::References(u, at) => {
                    self.references(u, at, mode, nodes, parent);
                    continue;
                }
            };
            let at = nodes.len();
            parent.push(above);
            if self.cut[u] {
                let page = match mode {
                    Mode::Plan => 0,
                    Mode::Final { group_page, .. } => group_page[u],
                };
                nodes.push(PageNode::Stub { unit: u, page });
                continue;
            }
            nodes.push(PageNode::Unit(u));
            // A unit's reference cards come after its reports' branches.
            stack.push(Work::References(u, at));
            let kids = &self.request.forest.children[u];
            stack.extend(kids.iter().rev().map(|&kid| Work::Branch(kid, Some(at))));
        }
    }

    /// Reference cards of `u`'s links whose other end is (or, while planning, may be) on another page.
    fn references(
        &self,
        u: usize,
        at: usize,
        mode: Mode,
        nodes: &mut Vec<PageNode>,
        parent: &mut Vec<Option<usize>>,
    ) {
        for &l in &self.links_of[u] {
            let link: PageLink = self.request.links[l];
            let other = if link.from == u { link.to } else { link.from };
            let page = match mode {
                Mode::Plan => 0,
                Mode::Final { page_of, .. } => {
                    if page_of[other] == page_of[u] {
                        continue;
                    }
                    page_of[other]
                }
            };
            nodes.push(PageNode::Reference {
                link: l,
                other,
                page,
            });
            parent.push(Some(at));
        }
    }
}

/// Deciding what is cut.
impl Planner<'_> {
    fn trial(&self, head: Head, items: &[usize], first_part: bool) -> (bool, f32, usize) {
        let (nodes, parent) = self.cards_of(head, items, first_part, 0, Mode::Plan);
        let (fits, area) = self.request.measure(&nodes, &parent);
        (fits, area, nodes.len())
    }

    fn set_cuts(&mut self, order: &[usize], count: usize) {
        for (j, &kid) in order.iter().enumerate() {
            self.cut[kid] = j < count;
        }
    }

    /// Keeps as much of `head`'s branch with it as fits a page, cutting the biggest reports' branches
    /// first; when even stubs for all of them do not fit, spreads the reports over several pages.
    fn decide(&mut self, head: Head) {
        let items = self.items(head).to_vec();
        let (fits, area, cards) = self.trial(head, &items, true);
        if fits {
            self.remember(head, area, cards);
            return;
        }
        let mut order: Vec<usize> = items
            .iter()
            .copied()
            .filter(|&kid| !self.cut[kid] && self.cards[kid] > 1)
            .collect();
        order.sort_by(|&a, &b| self.area[b].total_cmp(&self.area[a]).then(a.cmp(&b)));
        self.set_cuts(&order, order.len());
        let (fits, area, cards) = self.trial(head, &items, true);
        if !fits {
            let parts = self.spread(head, &items);
            match head {
                Head::Forest => self.forest_parts = Some(parts),
                Head::Unit(u) => {
                    self.parts[u] = Some(parts);
                    self.cut[u] = true;
                }
            }
            self.remember(head, area, cards);
            return;
        }
        // The fewest cuts that fit: cutting more never makes a page bigger.
        let (mut low, mut high) = (1, order.len());
        let mut best = (area, cards);
        while low < high {
            let mid = (low + high) / 2;
            self.set_cuts(&order, mid);
            let (fits, area, cards) = self.trial(head, &items, true);
            if fits {
                high = mid;
                best = (area, cards);
            } else {
                low = mid + 1;
            }
        }
        self.set_cuts(&order, low);
        if low == order.len() {
            best = (area, cards);
        }
        self.remember(head, best.0, best.1);
    }

    fn remember(&mut self, head: Head, area: f32, cards: usize) {
        if let Head::Unit(u) = head {
            self.area[u] = area;
            self.cards[u] = cards;
        }
    }

    /// Splits a list of reports (each now a single card or a stub) into consecutive parts that each fit a
    /// page under their manager's card, taking at least one report per part.
    fn spread(&self, head: Head, items: &[usize]) -> Vec<Range<usize>> {
        let mut parts = Vec::new();
        let mut start = 0;
        while start < items.len() {
            let first_part = parts.is_empty();
            let fits = |len: usize| self.trial(head, &items[start..start + len], first_part).0;
            let left = items.len() - start;
            // Gallop to a length that does not fit, then search between the last that did and it.
            let mut good = 1;
            let mut bad = None;
            while good < left {
                let probe = (good * 2).min(left);
                if fits(probe) {
                    good = probe;
                } else {
                    bad = Some(probe);
                    break;
                }
            }
            if let Some(mut bad) = bad {
                while bad - good > 1 {
                    let mid = (good + bad) / 2;
                    if fits(mid) {
                        good = mid;
                    } else {
                        bad = mid;
                    }
                }
            }
            parts.push(start..start + good);
            start += good;
        }
        parts
    }
}

/// One group of pages waiting for its numbers: its head, the page its stub is on, and the bookmark above.
struct Pending {
    head: Head,
    from_page: Option<usize>,
    outline_parent: Option<usize>,
}

/// Numbering in reading order, then filling the pages in.
impl Planner<'_> {
    fn assemble(&self, top: Head) -> Pagination {
        let n = self.request.forest.len();
        let mut page_of = vec![0; n];
        let mut group_page = vec![0; n];
        let mut pages: Vec<Page> = Vec::new();
        // (page, head, items of the page, first part?) for filling in once every page has its number.
        let mut contents: Vec<(Head, Range<usize>, bool)> = Vec::new();
        let mut stack = vec![Pending {
            head: top,
            from_page: None,
            outline_parent: None,
        }];
        while let Some(group) = stack.pop() {
            let items = self.items(group.head);
            let parts = self
                .parts_of(group.head)
                .cloned()
                .unwrap_or_else(|| vec![0..items.len()]);
            let first = pages.len();
            let (top_unit, chain) = match group.head {
                Head::Forest => (None, Vec::new()),
                Head::Unit(u) => {
                    group_page[u] = first;
                    page_of[u] = first;
                    (Some(u), self.chain_above(u))
                }
            };
            let count = parts.len();
            for (j, part) in parts.iter().enumerate() {
                pages.push(Page {
                    top: top_unit,
                    chain: chain.clone(),
                    from_page: if j == 0 {
                        group.from_page
                    } else {
                        Some(first + j - 1)
                    },
                    part: (count > 1).then_some((j + 1, count)),
                    outline_parent: if j == 0 {
                        group.outline_parent
                    } else {
                        Some(first)
                    },
                    ..Page::default()
                });
                contents.push((group.head, part.clone(), j == 0));
            }
            let mut below = Vec::new();
            for (j, part) in parts.iter().enumerate() {
                let page = first + j;
                for &item in &items[part.clone()] {
                    self.place_branch(item, page, &mut page_of, &mut below);
                }
            }
            stack.extend(below.into_iter().rev());
        }
        let mode = Mode::Final {
            page_of: &page_of,
            group_page: &group_page,
        };
        for (page, (head, part, first_part)) in pages.iter_mut().zip(contents) {
            let items = &self.items(head)[part];
            let from = page.from_page.unwrap_or(0);
            let (nodes, parent) = self.cards_of(head, items, first_part, from, mode);
            page.nodes = nodes;
            page.parent = parent;
        }
        Pagination { pages, page_of }
    }

    /// Marks the units of a kept branch as on `page` and lists the cut branches below it, in order.
    fn place_branch(
        &self,
        start: usize,
        page: usize,
        page_of: &mut [usize],
        below: &mut Vec<Pending>,
    ) {
        let mut stack = vec![start];
        while let Some(u) = stack.pop() {
            if self.cut[u] {
                below.push(Pending {
                    head: Head::Unit(u),
                    from_page: Some(page),
                    outline_parent: Some(page),
                });
                continue;
            }
            page_of[u] = page;
            stack.extend(self.request.forest.children[u].iter().rev().copied());
        }
    }

    fn chain_above(&self, u: usize) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut current = self.request.forest.parent[u];
        while let Some(p) = current {
            if chain.len() > self.request.forest.len() {
                break;
            }
            chain.push(p);
            current = self.request.forest.parent[p];
        }
        chain.reverse();
        chain
    }
}
