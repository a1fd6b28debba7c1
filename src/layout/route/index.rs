//! Where the cards are, for routing links: the cards sorted along the breadth axis in buckets, with a tree
//! over the buckets that keeps, for each run of buckets, its breadth extent and the depths its cards cover.
//! A question about a box looks only at buckets that can hold a card in the box, so routing a link costs
//! about the cards near its route, not every card of the chart (copying and scanning every card for each
//! link made exporting a 100,000-unit chart take 11 s and a 400,000-unit one 146 s).

use super::super::axes::AxisRect;

/// Cards per bucket: small enough that a bucket's cards are looked at one by one cheaply.
const BUCKET: usize = 8;

/// An interval on one axis.
pub(super) type Span = (f64, f64);

/// A box the cards are asked about: a card is in it when `card.b < b.1 && card.b_end() > b.0 &&
/// card.d < d.1 && card.d_end() > d.0` (the caller moves the bounds for its own tolerance).
#[derive(Clone, Copy, Debug)]
pub(super) struct Query {
    pub b: Span,
    pub d: Span,
}

impl Query {
    fn holds(&self, c: &AxisRect) -> bool {
        c.b < self.b.1 && c.b_end() > self.b.0 && c.d < self.d.1 && c.d_end() > self.d.0
    }
}

#[derive(Clone, Copy, Debug, Default)]
struct Node {
    /// Smallest and largest breadth start of the node's cards.
    b_start: Span,
    /// Smallest and largest breadth end.
    b_end: Span,
    /// Where the depths covered by the node's cards, merged and sorted, lie in [`CardIndex::spans`]
    /// (empty for a node without cards).
    depths: (usize, usize),
}

impl Node {
    fn is_empty(&self) -> bool {
        self.depths.0 == self.depths.1
    }
}

pub(super) struct CardIndex {
    /// Sorted by breadth start.
    cards: Vec<AxisRect>,
    /// An implicit binary tree: node 1 is the root, node `k` has children `2k` and `2k + 1`, and leaf
    /// `leaves + i` stands for bucket `i`.
    nodes: Vec<Node>,
    /// Every node's depths, one run after another: one allocation instead of one per node, and a
    /// question reads runs that lie near each other (the nodes near the root, read by every question,
    /// last and together).
    spans: Vec<Span>,
    leaves: usize,
}

impl CardIndex {
    pub fn new(mut cards: Vec<AxisRect>) -> Self {
        cards.retain(AxisRect::is_finite);
        // Sorted by breadth start as a stable sort would: the order of the keys alone, then the cards
        // gathered once, rather than a comparison sort moving whole cards.
        let keys: Vec<f64> = cards.iter().map(|c| c.b).collect();
        let cards: Vec<AxisRect> = super::radix::stable_order(&keys)
            .into_iter()
            .map(|i| cards[i])
            .collect();
        let buckets = cards.len().div_ceil(BUCKET);
        let leaves = buckets.next_power_of_two().max(1);
        let mut nodes = vec![Node::default(); 2 * leaves];
        let mut spans: Vec<Span> = Vec::with_capacity(2 * cards.len());
        let mut depths: Vec<Span> = Vec::with_capacity(BUCKET);
        for (i, bucket) in cards.chunks(BUCKET).enumerate() {
            depths.clear();
            depths.extend(bucket.iter().map(|c| (c.d, c.d_end())));
            depths.sort_by(|a, b| a.0.total_cmp(&b.0));
            let start = spans.len();
            for &span in &depths {
                push_merged(&mut spans, start, span);
            }
            nodes[leaves + i] = Node {
                b_start: span_of(bucket.iter().map(|c| c.b)),
                b_end: span_of(bucket.iter().map(AxisRect::b_end)),
                depths: (start, spans.len()),
            };
        }
        for k in (1..leaves).rev() {
            let (left, right) = (nodes[2 * k], nodes[2 * k + 1]);
            nodes[k] = match (left.is_empty(), right.is_empty()) {
                (true, _) => right,
                (_, true) => left,
                _ => Node {
                    b_start: (
                        left.b_start.0.min(right.b_start.0),
                        left.b_start.1.max(right.b_start.1),
                    ),
                    b_end: (
                        left.b_end.0.min(right.b_end.0),
                        left.b_end.1.max(right.b_end.1),
                    ),
                    depths: merge_runs(&mut spans, left.depths, right.depths),
                },
            };
        }
        Self {
            cards,
            nodes,
            spans,
            leaves,
        }
    }

    /// The node's depths, merged and sorted.
    fn depths_of(&self, node: &Node) -> &[Span] {
        &self.spans[node.depths.0..node.depths.1]
    }

    /// Whether a node can hold a card in the box.
    fn may_hold(&self, k: usize, q: &Query) -> bool {
        let node = &self.nodes[k];
        !node.is_empty()
            && node.b_start.0 < q.b.1
            && node.b_end.1 > q.b.0
            && overlaps_any(self.depths_of(node), q.d)
    }

    /// Whether every card of a node lies across the box's breadth, so only depths need checking.
    fn spans_breadth(&self, k: usize, q: &Query) -> bool {
        let node = &self.nodes[k];
        node.b_start.1 < q.b.1 && node.b_end.0 > q.b.0
    }

    fn bucket(&self, k: usize) -> &[AxisRect] {
        let i = k - self.leaves;
        let start = (i * BUCKET).min(self.cards.len());
        &self.cards[start..(start + BUCKET).min(self.cards.len())]
    }

    /// Visits the cards in the box, stopping when `visit` says so (returns false).
    pub fn each(&self, q: &Query, mut visit: impl FnMut(&AxisRect) -> bool) {
        let mut stack = Stack::root();
        while let Some(k) = stack.pop() {
            if !self.may_hold(k, q) {
                continue;
            }
            if k >= self.leaves {
                for card in self.bucket(k).iter().filter(|c| q.holds(c)) {
                    if !visit(card) {
                        return;
                    }
                }
            } else {
                // Right child first onto the stack, so cards come roughly in breadth order.
                stack.push_children(k);
            }
        }
    }

    /// Whether any card in the box passes `test`; stops at the first that does.
    pub fn any(&self, q: &Query, mut test: impl FnMut(&AxisRect) -> bool) -> bool {
        let mut found = false;
        self.each(q, |card| {
            found = test(card);
            !found
        });
        found
    }

    /// How many cards are in the box, counting no further than `limit + 1`.
    pub fn count(&self, q: &Query, limit: usize) -> usize {
        let mut n = 0;
        self.each(q, |_| {
            n += 1;
            n <= limit
        });
        n
    }

    /// The depths covered by the cards in the box, clipped to it (unsorted, possibly overlapping).
    pub fn depths(&self, q: &Query) -> Vec<Span> {
        let mut out = Vec::new();
        let mut stack = Stack::root();
        while let Some(k) = stack.pop() {
            if !self.may_hold(k, q) {
                continue;
            }
            if self.spans_breadth(k, q) {
                // The node's depths are sorted and disjoint: only the run overlapping the box is read,
                // so a wide box costs the levels it spans, not every level of the node's cards.
                let depths = self.depths_of(&self.nodes[k]);
                let from = depths.partition_point(|s| s.1 <= q.d.0);
                out.extend(
                    depths[from..]
                        .iter()
                        .take_while(|&&(d0, _)| d0 < q.d.1)
                        .map(|&(d0, d1)| (d0.max(q.d.0), d1.min(q.d.1))),
                );
            } else if k >= self.leaves {
                out.extend(
                    self.bucket(k)
                        .iter()
                        .filter(|c| q.holds(c))
                        .map(|c| (c.d.max(q.d.0), c.d_end().min(q.d.1))),
                );
            } else {
                stack.push_children(k);
            }
        }
        out
    }
}

/// A free breadth gap of a slab, as seen through a window: `cut` when the window's edge cuts it, so its
/// true extent is not known from the window alone.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Gap {
    pub span: Span,
    pub cut: bool,
}

impl CardIndex {
    /// The gaps of at least `min` between the cards of the depth slab `d` (open, as in [`Query`]) within
    /// the breadth window `b`, in breadth order. A gap that does not touch a finite window edge is exactly
    /// a gap of the whole slab: its start is the end of a card in the window (no card outside the window
    /// can reach further), its end the start of the next. The first gap, when no card starts before it
    /// in the window, and the last gap are cut by the window unless that edge is infinite.
    pub fn slab_gaps(&self, d: Span, b: Span, min: f64) -> Vec<Gap> {
        let mut occupied = Vec::new();
        self.each(&Query { b, d }, |c| {
            occupied.push((c.b, c.b_end()));
            true
        });
        occupied.sort_unstable_by(|x, y| x.0.total_cmp(&y.0));
        let mut gaps = Vec::new();
        let mut cursor = b.0;
        let mut seen_card = false;
        for (start, end) in occupied {
            if start - cursor >= min {
                gaps.push(Gap {
                    span: (cursor, start),
                    cut: !seen_card && b.0.is_finite(),
                });
            }
            cursor = cursor.max(end);
            seen_card = true;
        }
        if b.1 - cursor >= min {
            gaps.push(Gap {
                span: (cursor, b.1),
                cut: b.1.is_finite() || (!seen_card && b.0.is_finite()),
            });
        }
        gaps
    }
}

fn span_of(values: impl Iterator<Item = f64>) -> Span {
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    })
}

/// Sorted intervals, with the ones that overlap or touch joined.
#[cfg(test)]
fn merged(sorted: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(sorted.len());
    for (start, end) in sorted {
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out
}

/// Appends `span` to the run of sorted, merged spans that starts at `run` in `spans`, joining it to the
/// run's last span when they overlap or touch (spans come in order of their starts).
fn push_merged(spans: &mut Vec<Span>, run: usize, (start, end): Span) {
    let in_run = spans.len() > run;
    match spans.last_mut() {
        Some(last) if in_run && start <= last.1 => last.1 = last.1.max(end),
        _ => spans.push((start, end)),
    }
}

/// Merges two runs of `spans` into a new run at its end: their spans in order of their starts (on equal
/// starts the left run's first), joined where they overlap or touch; returns where the new run lies.
fn merge_runs(
    spans: &mut Vec<Span>,
    (mut i, a_end): (usize, usize),
    (mut j, b_end): (usize, usize),
) -> (usize, usize) {
    let start = spans.len();
    while i < a_end || j < b_end {
        let next = if j == b_end || (i < a_end && spans[i].0 <= spans[j].0) {
            i += 1;
            spans[i - 1]
        } else {
            j += 1;
            spans[j - 1]
        };
        push_merged(spans, start, next);
    }
    (start, spans.len())
}

/// The nodes still to visit in a walk down the tree: at most one per level plus one, so a fixed array
/// holds them (a tree over fewer than 2^62 buckets is at most 62 levels deep) and a question allocates
/// nothing for its walk.
struct Stack {
    items: [usize; 64],
    len: usize,
}

impl Stack {
    fn root() -> Self {
        let mut items = [0; 64];
        items[0] = 1;
        Self { items, len: 1 }
    }

    fn pop(&mut self) -> Option<usize> {
        self.len = self.len.checked_sub(1)?;
        Some(self.items[self.len])
    }

    /// Node `k`'s children, the left one to be visited first.
    fn push_children(&mut self, k: usize) {
        self.items[self.len] = 2 * k + 1;
        self.items[self.len + 1] = 2 * k;
        self.len += 2;
    }
}

/// Whether any of the sorted, disjoint `spans` overlaps the open interval `q`.
fn overlaps_any(spans: &[Span], q: Span) -> bool {
    // The first span ending after q starts is the only candidate: the ones before end too early, and the
    // ones after start even later.
    let k = spans.partition_point(|s| s.1 <= q.0);
    spans.get(k).is_some_and(|s| s.0 < q.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(b: f64, d: f64, bw: f64, dh: f64) -> AxisRect {
        AxisRect { b, d, bw, dh }
    }

    /// A grid of cards, some overlapping, and every box asked about gives what a scan of all cards gives.
    #[test]
    fn answers_match_a_scan_of_every_card() {
        let mut cards = Vec::new();
        for i in 0..40 {
            for j in 0..5 {
                let (i, j) = (f64::from(i), f64::from(j));
                cards.push(rect(
                    i * 30.0 + j * 7.0,
                    j * 50.0 + (i % 3.0) * 9.0,
                    25.0 + j * 8.0,
                    40.0,
                ));
            }
        }
        let index = CardIndex::new(cards.clone());
        for b0 in [-50.0, 0.0, 13.0, 300.0, 1190.0] {
            for width in [0.0, 5.0, 100.0, 2000.0] {
                for (d0, d1) in [
                    (-10.0, 300.0),
                    (45.0, 46.0),
                    (60.0, 250.0),
                    (f64::NEG_INFINITY, 10.0),
                ] {
                    let q = Query {
                        b: (b0, b0 + width),
                        d: (d0, d1),
                    };
                    let expected: Vec<&AxisRect> = cards.iter().filter(|c| q.holds(c)).collect();
                    assert_eq!(index.count(&q, usize::MAX - 1), expected.len(), "{q:?}");
                    assert_eq!(index.count(&q, 2), expected.len().min(3), "{q:?}");
                    let covered = |spans: Vec<Span>| {
                        let mut spans = spans;
                        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
                        merged(spans)
                    };
                    let scanned = expected
                        .iter()
                        .map(|c| (c.d.max(d0), c.d_end().min(d1)))
                        .collect();
                    assert_eq!(covered(index.depths(&q)), covered(scanned), "{q:?}");
                }
            }
        }
    }

    /// The gaps of a whole slab, as the router used to gather them: every card of the slab at once.
    fn all_gaps(cards: &[AxisRect], d: Span, min: f64) -> Vec<Span> {
        let slab = Query {
            b: (f64::NEG_INFINITY, f64::INFINITY),
            d,
        };
        let mut occupied: Vec<Span> = cards
            .iter()
            .filter(|c| slab.holds(c))
            .map(|c| (c.b, c.b_end()))
            .collect();
        occupied.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut free = Vec::new();
        let mut cursor = f64::NEG_INFINITY;
        for (start, end) in occupied {
            if start - cursor >= min {
                free.push((cursor, start));
            }
            cursor = cursor.max(end);
        }
        if f64::INFINITY - cursor >= min {
            free.push((cursor, f64::INFINITY));
        }
        free
    }

    proptest::proptest! {
        /// Random cards (overlapping, touching, zero-sized), random slabs and windows: every gap a window
        /// shows uncut is a gap of the whole slab, and the uncut ones are all the slab's gaps that lie
        /// inside the window; the unbounded window shows exactly the slab's gaps.
        #[test]
        fn window_gaps_are_the_slab_gaps_inside_the_window(
            raw in proptest::collection::vec((0u16..400, 0u16..100, 0u16..40, 0u16..30), 0..80),
            d0 in 0u16..120,
            dh in 0u16..60,
            x0 in 0u16..450,
            w in 0u16..300,
        ) {
            let cards: Vec<AxisRect> = raw
                .iter()
                .map(|&(b, d, bw, h)| rect(f64::from(b), f64::from(d), f64::from(bw), f64::from(h)))
                .collect();
            let index = CardIndex::new(cards.clone());
            let d = (f64::from(d0) + 1e-3, f64::from(d0 + dh) - 1e-3);
            let whole = all_gaps(&cards, d, 2.0);
            let everything = index.slab_gaps(d, (f64::NEG_INFINITY, f64::INFINITY), 2.0);
            proptest::prop_assert!(everything.iter().all(|g| !g.cut));
            let spans: Vec<Span> = everything.iter().map(|g| g.span).collect();
            proptest::prop_assert_eq!(&spans, &whole);
            let window = (f64::from(x0) - 20.0, f64::from(x0) + f64::from(w));
            let seen = index.slab_gaps(d, window, 2.0);
            let uncut: Vec<Span> = seen.iter().filter(|g| !g.cut).map(|g| g.span).collect();
            let inside: Vec<Span> = whole
                .iter()
                .copied()
                .filter(|&(a, z)| a > window.0 && z < window.1)
                .collect();
            proptest::prop_assert_eq!(uncut, inside);
            // Only the first and the last gap can be cut.
            for (k, g) in seen.iter().enumerate() {
                proptest::prop_assert!(!g.cut || k == 0 || k + 1 == seen.len());
            }
        }

        /// Random cards and boxes: counts and covered depths match a scan of every card.
        #[test]
        fn random_boxes_match_a_scan(
            raw in proptest::collection::vec((0u16..400, 0u16..100, 0u16..40, 0u16..30), 0..120),
            b0 in 0u16..450,
            bw in 0u16..400,
            d0 in 0u16..130,
            dh in 0u16..130,
        ) {
            let cards: Vec<AxisRect> = raw
                .iter()
                .map(|&(b, d, w, h)| rect(f64::from(b), f64::from(d), f64::from(w), f64::from(h)))
                .collect();
            let index = CardIndex::new(cards.clone());
            let q = Query {
                b: (f64::from(b0) - 10.0, f64::from(b0 + bw)),
                d: (f64::from(d0), f64::from(d0 + dh)),
            };
            let expected: Vec<&AxisRect> = cards.iter().filter(|c| q.holds(c)).collect();
            proptest::prop_assert_eq!(index.count(&q, usize::MAX - 1), expected.len());
            let covered = |mut spans: Vec<Span>| {
                spans.sort_by(|a, b| a.0.total_cmp(&b.0));
                merged(spans)
            };
            let scanned = expected
                .iter()
                .map(|c| (c.d.max(q.d.0), c.d_end().min(q.d.1)))
                .collect();
            proptest::prop_assert_eq!(covered(index.depths(&q)), covered(scanned));
        }
    }
}
