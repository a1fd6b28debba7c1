//! Routing the drawing's other links (dotted, matrix, contract) between the cards the layout placed.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::layout::LayoutOptions;
use crate::model::{Chart, Forest, LinkKind, UnitId};

use super::super::links::{self, RoutedLink};

/// A link to route: the forest indices of the cards its ends are drawn at.
pub(super) struct LinkToRoute {
    from: usize,
    to: usize,
    kind: LinkKind,
    label: String,
}

/// Every non-line link whose ends are drawn, each pair of cards and kind once, in the chart's link order.
/// An end hidden by collapsing is drawn at the collapsed card that stands for it; an end outside the drawn
/// subtree leaves the link out. Needs only the forest: a build works it out while the cards are placed.
pub(super) fn links_to_route(chart: &Chart, forest: &Forest) -> Vec<LinkToRoute> {
    let links = chart.links();
    let drawn = drawn_link_ends(chart, forest, &links);
    let mut seen: foldhash::HashSet<(usize, usize, LinkKind)> = foldhash::HashSet::default();
    let mut out = Vec::new();
    for link in &links {
        let end = |id: &UnitId| drawn.get(id).copied().flatten();
        let (Some(from), Some(to)) = (end(&link.from), end(&link.to)) else {
            continue;
        };
        if from == to || !seen.insert((from, to, link.kind)) {
            continue;
        }
        out.push(LinkToRoute {
            from,
            to,
            kind: link.kind,
            label: link.label.clone(),
        });
    }
    out
}

/// Links routed between the placed cards by two threads at once: the one that makes the router starts
/// routing, the other (done painting the cards) helps once the router is made. Each takes the next link
/// not yet taken; [`Self::finish`] puts the routes back in link order, so who routed which changes nothing.
pub(super) struct SharedRouting<'a> {
    links: &'a [LinkToRoute],
    placed: &'a crate::layout::Layout,
    layout_options: &'a LayoutOptions,
    router: OnceLock<crate::layout::LinkRouter>,
    /// The next link to take.
    next: AtomicUsize,
    /// Set when the thread making the router is done making it, router or not (a panic included): a
    /// helper never waits for a router that will not come.
    maker_done: AtomicBool,
}

/// Links routed by one thread: each with its place in the list.
pub(super) type RoutedPart = Vec<(usize, Option<RoutedLink>)>;

/// Marks the router's maker done when it goes out of scope, however it leaves.
struct MakerDone<'a>(&'a AtomicBool);

impl Drop for MakerDone<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Release);
    }
}

impl<'a> SharedRouting<'a> {
    pub(super) fn new(
        links: &'a [LinkToRoute],
        placed: &'a crate::layout::Layout,
        layout_options: &'a LayoutOptions,
    ) -> Self {
        Self {
            links,
            placed,
            layout_options,
            router: OnceLock::new(),
            next: AtomicUsize::new(0),
            maker_done: AtomicBool::new(false),
        }
    }

    /// Makes the router (an index of the placed cards), for [`Self::route_some`]; marks its maker done
    /// however that ends, a panic included.
    pub(super) fn router(&self) -> &crate::layout::LinkRouter {
        let _done = MakerDone(&self.maker_done);
        self.router
            .get_or_init(|| crate::layout::LinkRouter::new(self.placed, self.layout_options))
    }

    /// Routes links until none is left to take.
    pub(super) fn route_some(&self, router: &crate::layout::LinkRouter) -> RoutedPart {
        let mut routed = Vec::new();
        loop {
            let k = self.next.fetch_add(1, Ordering::Relaxed);
            let Some(link) = self.links.get(k) else {
                return routed;
            };
            let route = links::route_with(
                router,
                link.from,
                link.to,
                link.kind,
                &link.label,
                self.placed,
            );
            routed.push((k, route));
        }
    }

    /// Routes links once the router is made, until none is left; nothing if the maker ended without one.
    pub(super) fn help(&self) -> RoutedPart {
        let router = loop {
            if let Some(router) = self.router.get() {
                break router;
            }
            if self.maker_done.load(Ordering::Acquire) {
                return Vec::new();
            }
            std::thread::yield_now();
        };
        self.route_some(router)
    }

    /// The routes in link order (links that found no route left out), and the router, whose index of the
    /// cards places the links' labels.
    pub(super) fn finish(
        self,
        parts: [RoutedPart; 2],
    ) -> (Vec<RoutedLink>, crate::layout::LinkRouter) {
        let mut in_order: Vec<Option<RoutedLink>> = Vec::new();
        in_order.resize_with(self.links.len(), || None);
        for (k, route) in parts.into_iter().flatten() {
            if let Some(slot) = in_order.get_mut(k) {
                *slot = route;
            }
        }
        let router = self
            .router
            .into_inner()
            .unwrap_or_else(|| crate::layout::LinkRouter::new(self.placed, self.layout_options));
        (in_order.into_iter().flatten().collect(), router)
    }
}

/// The forest index of the card each link end is drawn at: its own, else its nearest drawn manager's
/// (`None` when neither it nor any manager is drawn). Looks the forest ids up in a set of the link ends
/// (and, when some end is hidden, of the managers above the hidden ones) instead of making a map of every
/// forest id: a 100,000-card drawing has a few thousand link ends.
fn drawn_link_ends<'a>(
    chart: &'a Chart,
    forest: &Forest,
    links: &'a [crate::model::Link],
) -> foldhash::HashMap<&'a UnitId, Option<usize>> {
    let mut ends: foldhash::HashMap<&UnitId, Option<usize>> = links
        .iter()
        .flat_map(|link| [&link.from, &link.to])
        .map(|id| (id, None))
        .collect();
    if found_by_pointer(forest, &mut ends) {
        return ends;
    }
    let find = |wanted: &mut foldhash::HashMap<&UnitId, Option<usize>>| {
        for (i, id) in forest.ids.iter().enumerate() {
            if let Some(slot) = wanted.get_mut(id) {
                *slot = Some(i);
            }
        }
    };
    find(&mut ends);
    let hidden: Vec<&UnitId> = ends
        .iter()
        .filter(|(_, i)| i.is_none())
        .map(|(&id, _)| id)
        .collect();
    if hidden.is_empty() {
        return ends;
    }
    // The managers above each hidden end, each chain walked up only until it meets one already listed.
    let mut above: foldhash::HashMap<&UnitId, Option<usize>> = foldhash::HashMap::default();
    for &id in &hidden {
        let mut current = id;
        while let Some(manager) = chart.parent(current) {
            if ends.contains_key(manager) || above.insert(manager, None).is_some() {
                break;
            }
            current = manager;
        }
    }
    find(&mut above);
    for id in hidden {
        let mut current = id;
        let drawn = loop {
            let Some(manager) = chart.parent(current) else {
                break None;
            };
            if let Some(&Some(i)) = ends.get(manager).or_else(|| above.get(manager)) {
                break Some(i);
            }
            current = manager;
        };
        ends.insert(id, drawn);
    }
    ends
}

/// Finds every end in the forest by the address of its id's text, without reading any forest id's text:
/// the forest's ids and the links' are copies of the chart's, so on a drawing of the chart as it is
/// each end is found this way (hashing the text of every forest id cost a 100,000-card drawing about
/// 6 ms, a memory miss per id). True when every end was found; else the ends are left for the search by
/// text, which alone can tell an end that is not drawn from one whose id is an equal copy.
fn found_by_pointer(forest: &Forest, ends: &mut foldhash::HashMap<&UnitId, Option<usize>>) -> bool {
    let address = |id: &UnitId| id.as_str().as_ptr() as usize;
    let by_address: foldhash::HashMap<usize, &UnitId> =
        ends.keys().map(|&id| (address(id), id)).collect();
    let mut found = Vec::with_capacity(by_address.len());
    for (i, id) in forest.ids.iter().enumerate() {
        if let Some(&end) = by_address.get(&address(id)) {
            found.push((end, i));
        }
    }
    if found.len() < ends.len() {
        return false;
    }
    let mut placed = 0;
    for (end, i) in found {
        if let Some(slot) = ends.get_mut(end) {
            placed += usize::from(slot.replace(i).is_none());
        }
    }
    if placed == ends.len() {
        return true;
    }
    ends.values_mut().for_each(|slot| *slot = None);
    false
}

#[cfg(test)]
mod link_end_tests {
    use std::collections::HashMap;

    use super::super::{RenderOptions, visible_forest};
    use super::*;

    /// Where each link end was drawn before `drawn_link_ends`: a map of every forest id, walking up the
    /// managers of a hidden end.
    fn by_map_of_every_id(chart: &Chart, forest: &Forest, id: &UnitId) -> Option<usize> {
        let index: HashMap<&UnitId, usize> = forest
            .ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id, i))
            .collect();
        let mut current = id;
        loop {
            if let Some(&i) = index.get(current) {
                return Some(i);
            }
            current = chart.parent(current)?;
        }
    }

    /// Generated charts with units collapsed (ends hidden one or several levels down, under collapsed
    /// units that are themselves link ends or not) and drawn whole or as a subtree.
    #[test]
    fn link_ends_are_drawn_where_the_map_of_every_id_put_them() {
        for seed in [3, 11] {
            let mut chart = crate::generate::generate(3_000, seed);
            let ids: Vec<UnitId> = chart.units().iter().map(|u| u.id.clone()).collect();
            for (k, id) in ids.iter().enumerate() {
                if k % 9 == 4 && !chart.children(id).is_empty() {
                    let mut unit = chart.unit(id).cloned().unwrap();
                    unit.collapsed = true;
                    chart.replace_unit(unit).unwrap();
                }
            }
            let links = chart.links();
            assert!(links.len() > 40, "{}", links.len());
            let subtrees = [None, ids.get(1).cloned(), ids.get(40).cloned()];
            for respect_collapsed in [false, true] {
                for subtree in &subtrees {
                    let options = RenderOptions {
                        respect_collapsed,
                        subtree: subtree.clone(),
                        ..RenderOptions::default()
                    };
                    let (forest, _) = visible_forest(&chart, &options);
                    let drawn = drawn_link_ends(&chart, &forest, &links);
                    let mut hidden = 0;
                    for id in links.iter().flat_map(|link| [&link.from, &link.to]) {
                        let want = by_map_of_every_id(&chart, &forest, id);
                        hidden += usize::from(want.is_some() && forest.ids[want.unwrap()] != *id);
                        assert_eq!(drawn.get(id).copied().flatten(), want, "{id:?}");
                    }
                    assert!(!respect_collapsed || subtree.is_some() || hidden > 0);
                }
            }
        }
    }

    /// Ends are found by the address of their ids on a drawing of the chart itself; a forest whose ids
    /// are equal copies made apart (found by no address) falls back to the search by text and draws
    /// every end at the same card.
    #[test]
    fn ends_found_by_address_match_the_search_by_text() {
        let chart = crate::generate::generate(2_000, 5);
        let links = chart.links();
        assert!(links.len() > 20, "{}", links.len());
        let (forest, _) = visible_forest(&chart, &RenderOptions::default());
        fn ends(links: &[crate::model::Link]) -> foldhash::HashMap<&UnitId, Option<usize>> {
            links
                .iter()
                .flat_map(|link| [&link.from, &link.to])
                .map(|id| (id, None))
                .collect()
        }
        let mut by_address = ends(&links);
        assert!(found_by_pointer(&forest, &mut by_address));
        assert!(by_address.values().all(Option::is_some));
        let mut apart = forest.clone();
        apart.ids = forest
            .ids
            .iter()
            .map(|id| UnitId::new(id.as_str()))
            .collect();
        let mut none = ends(&links);
        assert!(!found_by_pointer(&apart, &mut none));
        assert!(none.values().all(Option::is_none));
        let by_text = drawn_link_ends(&chart, &apart, &links);
        assert_eq!(by_text, by_address);
        assert_eq!(drawn_link_ends(&chart, &forest, &links), by_address);
    }
}

#[cfg(test)]
mod shared_routing_tests {
    use super::*;
    use crate::geom::Size;

    fn placed_chart() -> (Chart, Forest, crate::layout::Layout, LayoutOptions) {
        let chart = crate::generate::generate(1_500, 8);
        let forest = chart.forest(false);
        let sizes = vec![Size::new(160.0, 70.0); forest.len()];
        let options = LayoutOptions::default();
        let placed = crate::layout::layout(&forest, &sizes, &[], &options);
        (chart, forest, placed, options)
    }

    #[test]
    fn links_routed_by_two_threads_come_back_as_one_thread_routes_them() {
        let (chart, forest, placed, options) = placed_chart();
        let links = links_to_route(&chart, &forest);
        assert!(links.len() > 20, "{} links", links.len());
        let alone = SharedRouting::new(&links, &placed, &options);
        let router = alone.router();
        let one = alone.route_some(router);
        let (one, _) = alone.finish([one, Vec::new()]);
        let shared = SharedRouting::new(&links, &placed, &options);
        let parts = std::thread::scope(|scope| {
            let maker = scope.spawn(|| shared.route_some(shared.router()));
            let helped = shared.help();
            [maker.join().unwrap(), helped]
        });
        let (two, _) = shared.finish(parts);
        assert_eq!(two, one);
    }

    #[test]
    fn a_helper_does_not_wait_for_a_router_that_will_not_come() {
        let (chart, forest, placed, options) = placed_chart();
        let links = links_to_route(&chart, &forest);
        let shared = SharedRouting::new(&links, &placed, &options);
        std::thread::scope(|scope| {
            // The maker ends (as a panic in making the router would end it) before any router exists.
            scope
                .spawn(|| drop(MakerDone(&shared.maker_done)))
                .join()
                .unwrap();
            assert!(shared.help().is_empty());
        });
        let (routed, _) = shared.finish([Vec::new(), Vec::new()]);
        assert!(routed.is_empty(), "nobody routed anything");
    }
}
