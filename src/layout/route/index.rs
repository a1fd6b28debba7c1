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

#[derive(Clone, Debug, Default)]
struct Node {
    /// Smallest and largest breadth start of the node's cards.
    b_start: Span,
    /// Smallest and largest breadth end.
    b_end: Span,
    /// The depths covered by the node's cards, merged and sorted.
    depths: Vec<Span>,
}

pub(super) struct CardIndex {
    /// Sorted by breadth start.
    cards: Vec<AxisRect>,
    /// An implicit binary tree: node 1 is the root, node `k` has children `2k` and `2k + 1`, and leaf
    /// `leaves + i` stands for bucket `i`.
    nodes: Vec<Node>,
    leaves: usize,
}

impl CardIndex {
    pub fn new(mut cards: Vec<AxisRect>) -> Self {
        cards.retain(AxisRect::is_finite);
        cards.sort_by(|a, b| a.b.total_cmp(&b.b));
        let buckets = cards.len().div_ceil(BUCKET);
        let leaves = buckets.next_power_of_two().max(1);
        let mut nodes = vec![Node::default(); 2 * leaves];
        for (i, bucket) in cards.chunks(BUCKET).enumerate() {
            let mut depths: Vec<Span> = bucket.iter().map(|c| (c.d, c.d_end())).collect();
            depths.sort_by(|a, b| a.0.total_cmp(&b.0));
            nodes[leaves + i] = Node {
                b_start: span_of(bucket.iter().map(|c| c.b)),
                b_end: span_of(bucket.iter().map(AxisRect::b_end)),
                depths: merged(depths),
            };
        }
        for k in (1..leaves).rev() {
            let (left, right) = (&nodes[2 * k], &nodes[2 * k + 1]);
            let node = match (left.depths.is_empty(), right.depths.is_empty()) {
                (true, _) => right.clone(),
                (_, true) => left.clone(),
                _ => Node {
                    b_start: (
                        left.b_start.0.min(right.b_start.0),
                        left.b_start.1.max(right.b_start.1),
                    ),
                    b_end: (
                        left.b_end.0.min(right.b_end.0),
                        left.b_end.1.max(right.b_end.1),
                    ),
                    depths: merge_sorted(&left.depths, &right.depths),
                },
            };
            nodes[k] = node;
        }
        Self {
            cards,
            nodes,
            leaves,
        }
    }

    /// Whether a node can hold a card in the box.
    fn may_hold(&self, k: usize, q: &Query) -> bool {
        let node = &self.nodes[k];
        !node.depths.is_empty()
            && node.b_start.0 < q.b.1
            && node.b_end.1 > q.b.0
            && overlaps_any(&node.depths, q.d)
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
        let mut stack = vec![1];
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
                stack.extend([2 * k + 1, 2 * k]);
            }
        }
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
        let mut stack = vec![1];
        while let Some(k) = stack.pop() {
            if !self.may_hold(k, q) {
                continue;
            }
            if self.spans_breadth(k, q) {
                out.extend(
                    self.nodes[k]
                        .depths
                        .iter()
                        .filter(|&&(d0, d1)| d0 < q.d.1 && d1 > q.d.0)
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
                stack.extend([2 * k + 1, 2 * k]);
            }
        }
        out
    }
}

fn span_of(values: impl Iterator<Item = f64>) -> Span {
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    })
}

/// Sorted intervals, with the ones that overlap or touch joined.
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

fn merge_sorted(a: &[Span], b: &[Span]) -> Vec<Span> {
    let mut all = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if j == b.len() || (i < a.len() && a[i].0 <= b[j].0) {
            all.push(a[i]);
            i += 1;
        } else {
            all.push(b[j]);
            j += 1;
        }
    }
    merged(all)
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
}
