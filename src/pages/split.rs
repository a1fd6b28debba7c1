//! Deciding the pages: which branches are cut off onto pages of their own, which managers continue their
//! reports over several pages, then numbering the pages in reading order and filling them in.

use std::ops::Range;

use crate::geom::{Rect, Size};

use super::pack::Shelves;
use super::{Group, Page, PageLink, PageNode, PageRequest, Pagination};

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
    /// The top units that share the page (or pages) of several organisations.
    forest_items: Vec<usize>,
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
        forest_items: forest.roots.clone(),
    };
    for u in post_order(request) {
        planner.decide(Head::Unit(u));
    }
    let tops = planner.tops();
    planner.assemble(&tops)
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
            Head::Forest => &self.forest_items,
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
        let measured = self.request.measure(&nodes, &parent, false);
        (measured.fits, measured.area(), nodes.len())
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
        // Under a manager the biggest branches go first. Among several organisations the smallest do, so
        // the top of the main structure stays on page 1.
        order.sort_by(|&a, &b| {
            let bigger_first = self.area[b].total_cmp(&self.area[a]);
            match head {
                Head::Unit(_) => bigger_first.then(a.cmp(&b)),
                Head::Forest => bigger_first.reverse().then(a.cmp(&b)),
            }
        });
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
            // Gallop through lengths doubling to find the longest that fits and the next that does not
            // (a stack of reports can fit again when it turns into pairs of columns, so a failure does
            // not end the gallop), then search between them.
            let mut good = 1;
            let mut bad = None;
            let mut probe = 2;
            while probe < 2 * left {
                let len = probe.min(left);
                if fits(len) {
                    good = len;
                    bad = None;
                } else if bad.is_none() {
                    bad = Some(len);
                }
                probe *= 2;
            }
            if let Some(mut bad) = bad.filter(|&bad| bad > good) {
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
        self.balanced(head, items, parts)
    }

    /// The same number of parts with the reports shared out evenly, when every part still fits: a last
    /// page with one card left over reads badly.
    fn balanced(
        &self,
        head: Head,
        items: &[usize],
        greedy: Vec<Range<usize>>,
    ) -> Vec<Range<usize>> {
        let count = greedy.len();
        if count < 3 {
            return greedy;
        }
        // The first part carries the manager's own card; the continued parts share out the rest.
        let first = greedy[0].clone();
        let continued = count - 1;
        let rest = items.len() - first.end;
        let (base, extra) = (rest / continued, rest % continued);
        let mut even = vec![first.clone()];
        let mut start = first.end;
        for part in 0..continued {
            let len = base + usize::from(part < extra);
            even.push(start..start + len);
            start += len;
        }
        let all_fit = even
            .iter()
            .skip(1)
            .all(|range| self.trial(head, &items[range.clone()], false).0);
        if all_fit { even } else { greedy }
    }
}

/// One group of pages waiting for its numbers: its head, the page its stub is on, and the bookmark above
/// (the index of the planned group holding its stub).
struct Pending {
    head: Head,
    from_page: Option<usize>,
    outline_parent: Option<usize>,
}

/// A group with its page decided, waiting for its cards.
struct Planned {
    head: Head,
    items: Range<usize>,
    first_part: bool,
    part: Option<(usize, usize)>,
    page: usize,
    from_page: Option<usize>,
    outline_parent: Option<usize>,
}

/// Numbering in reading order, then filling the pages in.
impl Planner<'_> {
    /// The groups the document starts with. One organisation starts at its top. Several share page 1 when
    /// they fit together; otherwise the biggest starts the document and the others share the pages after
    /// its branches.
    fn tops(&mut self) -> Vec<Head> {
        let roots = self.request.forest.roots.clone();
        if let [single] = roots.as_slice() {
            self.cut[*single] = false;
            return vec![Head::Unit(*single)];
        }
        // A top whose reports continue over several pages cannot share a page as one card.
        let whole = roots.iter().all(|&r| self.parts[r].is_none());
        if whole && self.trial(Head::Forest, &roots, true).0 {
            return vec![Head::Forest];
        }
        let mut units = vec![1usize; self.request.forest.len()];
        for u in post_order(self.request) {
            if let Some(p) = self.request.forest.parent[u] {
                units[p] += units[u];
            }
        }
        let Some(&main) = roots
            .iter()
            .max_by_key(|&&r| (units[r], std::cmp::Reverse(r)))
        else {
            return Vec::new();
        };
        self.cut[main] = false;
        self.forest_items = roots.into_iter().filter(|&r| r != main).collect();
        self.decide(Head::Forest);
        vec![Head::Unit(main), Head::Forest]
    }

    /// Puts every group on a page, in reading order: each on the first page after the page of its stub with
    /// room left for it, so small branches share pages; then fills the pages in.
    fn assemble(&self, tops: &[Head]) -> Pagination {
        let n = self.request.forest.len();
        let mut page_of = vec![0; n];
        let mut group_page = vec![0; n];
        let mut planned: Vec<Planned> = Vec::new();
        let mut sheets: Vec<Shelves> = Vec::new();
        let mut stack: Vec<Pending> = tops
            .iter()
            .rev()
            .map(|&head| Pending {
                head,
                from_page: None,
                outline_parent: None,
            })
            .collect();
        while let Some(group) = stack.pop() {
            let items = self.items(group.head);
            let parts = self
                .parts_of(group.head)
                .cloned()
                .unwrap_or_else(|| std::iter::once(0..items.len()).collect());
            let first = planned.len();
            let count = parts.len();
            let mut below = Vec::new();
            for (j, part) in parts.iter().enumerate() {
                let (nodes, parent) =
                    self.cards_of(group.head, &items[part.clone()], j == 0, 0, Mode::Plan);
                let size = self.request.measure(&nodes, &parent, true).size;
                // Never on the page it continues from: a stub saying "continued on page 5" on page 5
                // would send the reader to where they already are.
                let from_page = match j {
                    0 => group.from_page,
                    _ => Some(planned[first + j - 1].page),
                };
                let earliest = from_page.map_or(0, |p| p + 1);
                let page = place(
                    &mut sheets,
                    self.request.capacity,
                    earliest,
                    planned.len(),
                    size,
                );
                if let (Head::Unit(u), 0) = (group.head, j) {
                    group_page[u] = page;
                    page_of[u] = page;
                }
                let index = planned.len();
                for &item in &items[part.clone()] {
                    self.place_branch(item, page, index, &mut page_of, &mut below);
                }
                planned.push(Planned {
                    head: group.head,
                    items: part.clone(),
                    first_part: j == 0,
                    part: (count > 1).then_some((j + 1, count)),
                    page,
                    from_page,
                    outline_parent: if j == 0 {
                        group.outline_parent
                    } else {
                        Some(first)
                    },
                });
            }
            stack.extend(below.into_iter().rev());
        }
        let mode = Mode::Final {
            page_of: &page_of,
            group_page: &group_page,
        };
        // Groups are numbered page by page, in the order they were put on their page.
        let mut on_page: Vec<Vec<usize>> = vec![Vec::new(); sheets.len()];
        for (g, plan) in planned.iter().enumerate() {
            on_page[plan.page].push(g);
        }
        let mut number = vec![0; planned.len()];
        for (k, &g) in on_page.iter().flatten().enumerate() {
            number[g] = k;
        }
        let mut pages = Vec::with_capacity(on_page.len());
        for members in &on_page {
            let mut page = Page::default();
            let mut shelves = Shelves::new(self.request.capacity);
            for &g in members {
                let plan = &planned[g];
                let head_items = &self.items(plan.head)[plan.items.clone()];
                let from = plan.from_page.unwrap_or(0);
                let (nodes, parent) =
                    self.cards_of(plan.head, head_items, plan.first_part, from, mode);
                let measured = self.request.measure(&nodes, &parent, true);
                shelves.add(page.groups.len(), measured.size);
                let start = page.nodes.len();
                page.parent
                    .extend(parent.iter().map(|p| p.map(|p| p + start)));
                page.nodes.extend(nodes);
                page.groups.push(Group {
                    nodes: start..page.nodes.len(),
                    top: match plan.head {
                        Head::Unit(u) => Some(u),
                        Head::Forest => None,
                    },
                    chain: match plan.head {
                        Head::Unit(u) => self.chain_above(u),
                        Head::Forest => Vec::new(),
                    },
                    from_page: plan.from_page,
                    part: plan.part,
                    number: number[g],
                    outline_parent: plan.outline_parent.map(|o| number[o]),
                    layout: measured.layout,
                    slot: Rect::new(0.0, 0.0, measured.size.w, measured.size.h),
                });
            }
            for (k, slot) in shelves.slots() {
                page.groups[k].slot = slot;
            }
            pages.push(page);
        }
        Pagination { pages, page_of }
    }

    /// Marks the units of a kept branch as on `page` and lists the cut branches below it, in order.
    fn place_branch(
        &self,
        start: usize,
        page: usize,
        group: usize,
        page_of: &mut [usize],
        below: &mut Vec<Pending>,
    ) {
        let mut stack = vec![start];
        while let Some(u) = stack.pop() {
            if self.cut[u] {
                below.push(Pending {
                    head: Head::Unit(u),
                    from_page: Some(page),
                    outline_parent: Some(group),
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

/// The first page from `earliest` on with room for a box of `size`, a new page when none has.
fn place(
    sheets: &mut Vec<Shelves>,
    capacity: Size,
    earliest: usize,
    item: usize,
    size: Size,
) -> usize {
    for (p, sheet) in sheets.iter_mut().enumerate().skip(earliest) {
        if sheet.try_add(item, size) {
            return p;
        }
    }
    let mut sheet = Shelves::new(capacity);
    sheet.add(item, size);
    sheets.push(sheet);
    sheets.len() - 1
}
