//! Routes for links that are not line management (dotted/matrix, contract, shared service): orthogonal
//! polylines between two placed cards that run through the free bands between levels and the gaps between
//! cards. A few candidate shapes are built and the one crossing the fewest cards, then the shortest, wins.
//! The cards are indexed once per layout ([`LinkRouter`]), so routing a link looks only at the cards near
//! the boxes it asks about.

use super::axes::{AxisPoint, AxisRect};
use super::{Layout, LayoutOptions, Orientation, Spacing};
use crate::geom::{Point, Rect};

mod index;
mod radix;
#[cfg(test)]
mod reference_tests;

use index::{CardIndex, Query};

/// Route for a non-line link (dotted/matrix, contract, shared service) between two placed cards: an
/// orthogonal polyline that leaves/enters card sides and runs through the gaps between levels, not through
/// cards where avoidable. Empty when either card has a non-finite position or size.
pub fn route_link(from: Rect, to: Rect, layout: &Layout, options: &LayoutOptions) -> Vec<Point> {
    route_link_with_room(from, to, layout, options, 0.0)
}

/// As `route_link`, for a link that carries a label `room` wide: a straight run across the gap between
/// two neighbouring cards is only taken when the label fits in it, else the line goes round the cards.
/// Indexes the layout's cards for this one link: to route many, make a [`LinkRouter`] once.
pub fn route_link_with_room(
    from: Rect,
    to: Rect,
    layout: &Layout,
    options: &LayoutOptions,
    room: f32,
) -> Vec<Point> {
    LinkRouter::with_extra(layout, options, &[from, to]).route(from, to, room)
}

/// Routes links over one layout; the cards are indexed once, here.
pub struct LinkRouter {
    cards: CardRects,
    spacing: Spacing,
}

/// Placed cards indexed once for questions about boxes in chart coordinates: the router's own index,
/// which also lets link labels find a clear place without another index of every card.
pub struct CardRects {
    index: CardIndex,
    axes: Orientation,
}

impl CardRects {
    /// `rects` in chart coordinates, indexed along the breadth axis of `axes` (either orientation gives
    /// the same answers; the layout's own is the one the router needs).
    /// Cards of negative size are left out: they never intersect anything here, and a reversed extent
    /// would break the index's sorted depth runs. (A layout never makes one: it gives an unusable size
    /// the default card size, so the router's own index holds the same cards.)
    pub fn new(rects: &[Rect], axes: Orientation) -> Self {
        let cards = rects
            .iter()
            .filter(|r| r.w >= 0.0 && r.h >= 0.0)
            .map(|r| axes.axis_rect(*r))
            .collect();
        Self::from_axis_rects(cards, axes)
    }

    fn from_axis_rects(cards: Vec<AxisRect>, axes: Orientation) -> Self {
        Self {
            index: CardIndex::new(cards),
            axes,
        }
    }

    /// Whether any card intersects `r` as [`Rect::intersects`] says, counting only cards of finite
    /// position and non-negative finite size (a card of unusable size hides nothing).
    pub fn any_intersecting(&self, r: &Rect) -> bool {
        let a = self.axes.axis_rect(*r);
        // The index compares in f64, `Rect::intersects` in f32 (its right and bottom edges are rounded
        // sums): the box is widened a little so it holds every card the f32 test can accept, and each card
        // found is then asked exactly as `Rect::intersects` asks. (Rounding is monotonic and the edges are
        // f32 values, so a card whose exact far edge does not pass the box's near edge never passes in
        // f32 either; the margin only covers the f64 sum landing on the edge itself.)
        let widen = |lo: f64, hi: f64| {
            let slack = |v: f64| v.abs() * 1e-9 + 1e-9;
            (lo - slack(lo), hi + slack(hi))
        };
        let (b_end, d_end) = match self.axes {
            Orientation::TopDown => (r.right(), r.bottom()),
            Orientation::LeftRight => (r.bottom(), r.right()),
        };
        let q = Query {
            b: widen(a.b, f64::from(b_end)),
            d: widen(a.d, f64::from(d_end)),
        };
        self.index.any(&q, |card| {
            let card = self.axes.chart_rect(*card);
            card.w >= 0.0 && card.h >= 0.0 && card.intersects(r)
        })
    }
}

impl LinkRouter {
    pub fn new(layout: &Layout, options: &LayoutOptions) -> Self {
        Self::with_extra(layout, options, &[])
    }

    /// Also avoiding `extra` cards that are not in the layout.
    fn with_extra(layout: &Layout, options: &LayoutOptions, extra: &[Rect]) -> Self {
        let axes = options.orientation;
        let cards = layout
            .rects
            .iter()
            .chain(extra)
            .map(|r| axes.axis_rect(*r))
            .collect();
        Self {
            cards: CardRects::from_axis_rects(cards, axes),
            spacing: Spacing::from_options(options),
        }
    }

    /// The cards the router avoids (with the layout's orientation).
    pub fn cards(&self) -> &CardRects {
        &self.cards
    }

    /// The route between two of the layout's cards, for a link whose label needs `room` (0 for none).
    pub fn route(&self, from: Rect, to: Rect, room: f32) -> Vec<Point> {
        let axes = self.cards.axes;
        let (f, t) = (axes.axis_rect(from), axes.axis_rect(to));
        if !f.is_finite() || !t.is_finite() {
            return Vec::new();
        }
        let router = Router {
            shared: self,
            spacing: &self.spacing,
            room: f64::from(room),
        };
        let candidates = if f == t {
            vec![router.self_loop(&f)]
        } else if t.d >= f.d_end() {
            router.downward(&f, &t)
        } else if f.d >= t.d_end() {
            let mut candidates = router.downward(&t, &f);
            candidates.iter_mut().for_each(|c| c.reverse());
            candidates
        } else {
            router.alongside(&f, &t)
        };
        axes.chart_polyline(&router.best(candidates))
    }
}

/// Free bands thinner than this are not worth running a line through.
const MIN_BAND: f64 = 2.0;
/// Length a bend is worth: a short detour with fewer bends reads better than a shortcut that zigzags
/// (and a zigzag through a stack's gaps tends to run along its spine).
const BEND_COST: f64 = 16.0;
/// Slack for comparisons of coordinates that were computed in f32.
const EPS: f64 = 1e-3;
/// How many times a window onto a slab's gaps is widened before all of the slab is looked at.
const WINDOW_TRIES: usize = 6;

/// A free interval on one axis, possibly unbounded.
type Band = (f64, f64);
type Polyline = Vec<AxisPoint>;

struct Router<'a> {
    shared: &'a LinkRouter,
    spacing: &'a Spacing,
    /// Length of straight run a label needs.
    room: f64,
}

impl Router<'_> {
    /// `upper` ends before `lower` starts on the depth axis: leave `upper`'s far side, enter `lower`'s near
    /// side, either with one bend lane or stepping down through the gaps level by level.
    fn downward(&self, upper: &AxisRect, lower: &AxisRect) -> Vec<Polyline> {
        let start = (upper.b_mid(), upper.d_end());
        let end = (lower.b_mid(), lower.d);
        let overlapping = upper.b < lower.b_end() && lower.b < upper.b_end();
        if overlapping && lower.d - upper.d_end() < self.spacing.level / 2.0 {
            // Neighbours in a stack: a line through the thin gap between them would be a stub that
            // neither shows nor has room for a label, so it goes round the side instead.
            return self.side_brackets(upper, lower);
        }
        let mut candidates = vec![self.staircase(upper, lower)];
        let bands = self.free_bands(start.0.min(end.0), start.0.max(end.0), start.1, end.1);
        let lanes = match (bands.first(), bands.last()) {
            (Some(first), Some(last)) => vec![self.near_start(first), self.near_end(last)],
            _ => vec![(start.1 + end.1) / 2.0],
        };
        for lane in lanes {
            candidates.push(vec![start, (start.0, lane), (end.0, lane), end]);
        }
        if overlapping {
            candidates.extend(self.side_brackets(upper, lower));
        }
        candidates
    }

    /// Out of one card's side, along a lane just clear of both cards, and into the other's same side: the
    /// far side first, as the near side of a stack is where its spine runs.
    fn side_brackets(&self, upper: &AxisRect, lower: &AxisRect) -> Vec<Polyline> {
        let clearance = (self.spacing.sibling / 2.0).max(8.0);
        let far = upper.b_end().max(lower.b_end()) + clearance;
        let near = upper.b.min(lower.b) - clearance;
        vec![
            vec![
                (upper.b_end(), upper.d_mid()),
                (far, upper.d_mid()),
                (far, lower.d_mid()),
                (lower.b_end(), lower.d_mid()),
            ],
            vec![
                (upper.b, upper.d_mid()),
                (near, upper.d_mid()),
                (near, lower.d_mid()),
                (lower.b, lower.d_mid()),
            ],
        ]
    }

    /// Down into each free band between the two cards in turn, crossing each occupied slab in between at
    /// the free passage nearest the way to the target.
    fn staircase(&self, upper: &AxisRect, lower: &AxisRect) -> Polyline {
        let start = (upper.b_mid(), upper.d_end());
        let end = (lower.b_mid(), lower.d);
        let region = (upper.b.min(lower.b), upper.b_end().max(lower.b_end()));
        let bands = self.free_bands(region.0, region.1, start.1, end.1);
        let Some(last) = bands.len().checked_sub(1) else {
            let lane = (start.1 + end.1) / 2.0;
            return vec![start, (start.0, lane), (end.0, lane), end];
        };
        let mut points = vec![start];
        let mut along = start.0;
        for (k, band) in bands.iter().enumerate() {
            let lane = if k == last && k > 0 {
                self.near_end(band)
            } else {
                self.near_start(band)
            };
            points.push((along, lane));
            along = match bands.get(k + 1) {
                Some(next) => self.passage((band.1, next.0), along, end.0),
                None => end.0,
            };
            points.push((along, lane));
        }
        points.push(end);
        points
    }

    /// The two cards share depth: straight across when they face each other, else under or over the row.
    fn alongside(&self, f: &AxisRect, t: &AxisRect) -> Vec<Polyline> {
        let mut candidates = Vec::new();
        let shared_mid = (f.d.max(t.d) + f.d_end().min(t.d_end())) / 2.0;
        let fits = |gap: f64| self.room <= 0.0 || gap >= self.room + 16.0;
        if t.b >= f.b_end() && fits(t.b - f.b_end()) {
            candidates.push(vec![(f.b_end(), shared_mid), (t.b, shared_mid)]);
        } else if f.b >= t.b_end() && fits(f.b - t.b_end()) {
            candidates.push(vec![(f.b, shared_mid), (t.b_end(), shared_mid)]);
        }
        let (lo, hi) = (f.b_mid().min(t.b_mid()), f.b_mid().max(t.b_mid()));
        let floor = f.d_end().max(t.d_end());
        if let Some(band) = self.free_bands(lo, hi, floor, f64::INFINITY).first() {
            let lane = self.near_start(band);
            candidates.push(vec![
                (f.b_mid(), f.d_end()),
                (f.b_mid(), lane),
                (t.b_mid(), lane),
                (t.b_mid(), t.d_end()),
            ]);
        }
        let ceiling = f.d.min(t.d);
        if let Some(band) = self.free_bands(lo, hi, f64::NEG_INFINITY, ceiling).last() {
            let lane = self.near_end(band);
            candidates.push(vec![
                (f.b_mid(), f.d),
                (f.b_mid(), lane),
                (t.b_mid(), lane),
                (t.b_mid(), t.d),
            ]);
        }
        if candidates.is_empty() {
            candidates.push(vec![(f.b_mid(), f.d_mid()), (t.b_mid(), t.d_mid())]);
        }
        candidates
    }

    /// A small loop off the far breadth side, for a link from a card to itself.
    fn self_loop(&self, f: &AxisRect) -> Polyline {
        let (q, g) = (f.dh / 4.0, (self.spacing.sibling / 2.0).max(8.0));
        vec![
            (f.b_end(), f.d_mid() - q),
            (f.b_end() + g, f.d_mid() - q),
            (f.b_end() + g, f.d_mid() + q),
            (f.b_end(), f.d_mid() + q),
        ]
    }

    /// Fewest cards crossed, then shortest, then fewest bends (the first of equals).
    fn best(&self, candidates: Vec<Polyline>) -> Polyline {
        if candidates.len() <= 1 {
            return candidates.into_iter().next().unwrap_or_default();
        }
        let cost = |c: &Polyline| length(c) + BEND_COST * c.len() as f64;
        // Most routes cross nothing: first ask only whether each crosses anything, and count the cards a
        // candidate crosses only as far as the best so far, since a candidate crossing more loses anyway.
        let clear: Vec<bool> = candidates
            .iter()
            .map(|c| self.crossings(c, 0) == 0)
            .collect();
        let mut best: Option<((usize, f64), usize)> = None;
        for (k, c) in candidates.iter().enumerate() {
            let limit = best.map_or(usize::MAX - 1, |((n, _), _)| n);
            let n = if clear[k] {
                0
            } else if clear.iter().any(|&x| x) {
                continue;
            } else {
                self.crossings(c, limit)
            };
            let key = (n, cost(c));
            if best.is_none_or(|(b, _)| key.0 < b.0 || (key.0 == b.0 && key.1 < b.1)) {
                best = Some((key, k));
            }
        }
        let chosen = best.map_or(0, |(_, k)| k);
        candidates.into_iter().nth(chosen).unwrap_or_default()
    }

    /// How many (segment, card) pairs cross, counting only passes through a card's inside, and no further
    /// than `limit + 1`.
    fn crossings(&self, points: &[AxisPoint], limit: usize) -> usize {
        let mut total = 0;
        for s in points.windows(2) {
            let ((b0, d0), (b1, d1)) = (s[0], s[1]);
            let q = Query {
                b: (b0.min(b1) + EPS, b0.max(b1) - EPS),
                d: (d0.min(d1) + EPS, d0.max(d1) - EPS),
            };
            total += self.shared.cards.index.count(&q, limit - total.min(limit));
            if total > limit {
                break;
            }
        }
        total
    }

    /// Depth intervals within `d_lo..d_hi` where a line across breadths `b_lo..b_hi` crosses no card.
    fn free_bands(&self, b_lo: f64, b_hi: f64, d_lo: f64, d_hi: f64) -> Vec<Band> {
        let occupied = self.shared.cards.index.depths(&Query {
            b: (b_lo + EPS, b_hi - EPS),
            d: (d_lo, d_hi),
        });
        free_between(occupied, d_lo, d_hi)
    }

    /// The breadth at which a line can cross the depth slab `d_lo..d_hi` without crossing a card, keeping
    /// the way from `along` to `target` short and keeping clear of card edges.
    fn passage(&self, (d_lo, d_hi): Band, along: f64, target: f64) -> f64 {
        let lo = along.min(target);
        // The slab's gaps are looked at through a window around `lo`, widened until it shows every gap
        // the choice reads (from the last gap before `lo` to the first that allows no detour): that is
        // usually a few cards away, so the cost grows neither with the chart's width (gathering every gap
        // of the slab did) nor with the link's span.
        let mut reach = self.spacing.sibling.max(64.0) * 16.0;
        for _ in 0..WINDOW_TRIES {
            if let Some(at) = self.passage_in(d_lo, d_hi, along, target, (lo - reach, lo + reach)) {
                return at;
            }
            reach *= 4.0;
        }
        let everything = (f64::NEG_INFINITY, f64::INFINITY);
        self.passage_in(d_lo, d_hi, along, target, everything)
            .unwrap_or(along)
    }

    /// `passage` from the slab's gaps within `window`, or `None` when the window cuts a gap it needs.
    fn passage_in(
        &self,
        d_lo: f64,
        d_hi: f64,
        along: f64,
        target: f64,
        window: Band,
    ) -> Option<f64> {
        let gaps = self
            .shared
            .cards
            .index
            .slab_gaps((d_lo + EPS, d_hi - EPS), window, MIN_BAND);
        let clearance = self.spacing.sibling.max(8.0) / 2.0;
        let (lo, hi) = (along.min(target), along.max(target));
        // No crossing point makes the way shorter than going straight from `along` to `target`: the first
        // gap (in breadth order) that allows that wins, and only gaps from the last one before `lo` can.
        let floor = hi - lo;
        let before = gaps.partition_point(|g| g.span.1 < lo);
        if before == 0 && window.0.is_finite() {
            // The last gap before `lo` lies outside the window.
            return None;
        }
        let first = before.saturating_sub(1);
        let mut best = (f64::INFINITY, along);
        for gap in &gaps[first..] {
            if gap.cut {
                return None;
            }
            let (a, z) = gap.span;
            let margin = ((z - a) / 2.0).min(clearance);
            for wish in [along, target] {
                let at = wish.clamp(a + margin, z - margin);
                let detour = (along - at).abs() + (at - target).abs();
                if detour < best.0 {
                    best = (detour, at);
                }
            }
            if best.0 <= floor + EPS || a > hi {
                return Some(best.1);
            }
        }
        // Every gap was looked at without a break: right only when there is nothing beyond the window.
        (!window.1.is_finite()).then_some(best.1)
    }

    fn lane_offset(&self) -> f64 {
        (self.spacing.level / 3.0).max(4.0)
    }

    /// A lane near the start of a band: off the card edge, and off the middle where manager buses run.
    fn near_start(&self, &(a, z): &Band) -> f64 {
        a + ((z - a) / 3.0).min(self.lane_offset())
    }

    fn near_end(&self, &(a, z): &Band) -> f64 {
        z - ((z - a) / 3.0).min(self.lane_offset())
    }
}

/// The gaps of at least `MIN_BAND` within `lo..hi` left by the `occupied` intervals.
fn free_between(mut occupied: Vec<Band>, lo: f64, hi: f64) -> Vec<Band> {
    occupied.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let mut free = Vec::new();
    let mut cursor = lo;
    for (start, end) in occupied {
        if start - cursor >= MIN_BAND {
            free.push((cursor, start));
        }
        cursor = cursor.max(end);
    }
    if hi - cursor >= MIN_BAND {
        free.push((cursor, hi));
    }
    free
}

fn length(points: &[AxisPoint]) -> f64 {
    points
        .windows(2)
        .map(|s| (s[0].0 - s[1].0).abs() + (s[0].1 - s[1].1).abs())
        .sum()
}

#[cfg(test)]
mod card_rects_tests {
    use super::*;

    /// What [`CardRects::any_intersecting`] must answer: a scan of every card of usable size.
    fn scan(cards: &[Rect], r: &Rect) -> bool {
        cards.iter().any(|c| {
            c.x.is_finite()
                && c.y.is_finite()
                && c.w.is_finite()
                && c.h.is_finite()
                && c.w >= 0.0
                && c.h >= 0.0
                && c.intersects(r)
        })
    }

    const BOTH: [Orientation; 2] = [Orientation::TopDown, Orientation::LeftRight];

    /// A grid of cards, some overlapping, touching or of unusable size, and boxes all over it.
    #[test]
    fn answers_match_a_scan_of_every_card() {
        let mut cards = Vec::new();
        for i in 0..40 {
            for j in 0..5 {
                let (i, j) = (i as f32, j as f32);
                cards.push(Rect::new(
                    i * 30.0 + j * 7.0,
                    j * 50.0 + (i % 3.0) * 9.0,
                    25.0 + j * 8.0,
                    40.0,
                ));
            }
        }
        cards.push(Rect::new(500.0, 20.0, -30.0, 40.0));
        cards.push(Rect::new(700.0, f32::NAN, 30.0, 40.0));
        cards.push(Rect::new(900.0, 120.0, 0.0, 0.0));
        for axes in BOTH {
            let index = CardRects::new(&cards, axes);
            for x in (-60..1300).step_by(7) {
                for y in (-60..320).step_by(11) {
                    for (w, h) in [(0.0, 0.0), (5.0, 3.0), (44.0, 14.0), (300.0, 2.0)] {
                        let probe = Rect::new(x as f32 + 0.5, y as f32, w, h);
                        let expected = scan(&cards, &probe);
                        assert_eq!(
                            index.any_intersecting(&probe),
                            expected,
                            "{axes:?} {probe:?}"
                        );
                    }
                }
            }
            assert!(index.any_intersecting(&Rect::new(-1e7, -1e7, 2e7, 2e7)));
            assert!(!index.any_intersecting(&Rect::new(f32::NAN, 0.0, 10.0, 10.0)));
        }
    }

    /// The router's own cards answer as the cards it was made from.
    #[test]
    fn the_routers_cards_are_the_layouts() {
        let chart = crate::generate::generate(300, 3);
        let forest = chart.forest(false);
        let sizes = vec![crate::geom::Size::new(150.0, 60.0); forest.len()];
        for orientation in BOTH {
            let options = LayoutOptions {
                orientation,
                ..LayoutOptions::default()
            };
            let placed = super::super::layout(&forest, &sizes, &vec![None; forest.len()], &options);
            let router = LinkRouter::new(&placed, &options);
            let bounds = placed.bounds;
            for k in 0..400 {
                let t = k as f32 / 400.0;
                let probe = Rect::new(
                    bounds.x + bounds.w * t,
                    bounds.y + bounds.h * ((k * 37) % 400) as f32 / 400.0,
                    60.0,
                    16.0,
                );
                assert_eq!(
                    router.cards().any_intersecting(&probe),
                    scan(&placed.rects, &probe),
                    "{orientation:?} {probe:?}"
                );
            }
        }
    }

    proptest::proptest! {
        /// Random cards and boxes at scales where f32 edges round (a card's right edge `x + w` is a
        /// rounded sum), in both orientations: the index answers as the scan does.
        #[test]
        fn random_boxes_match_a_scan(
            raw in proptest::collection::vec((0u16..400, 0u16..100, 0u16..40, 0u16..30, 0u8..8), 0..100),
            probe in (0u16..450, 0u16..130, 0u16..60, 0u16..40, 0u8..8),
            scale in proptest::sample::select(vec![1.0f32, 0.37, 1e3, 3.3e5, 1.7e7]),
        ) {
            let at = |v: u16, frac: u8| (f32::from(v) + f32::from(frac) / 7.0) * scale;
            let cards: Vec<Rect> = raw
                .iter()
                .map(|&(x, y, w, h, f)| {
                    let w = if f == 7 { -at(w, 0) } else { at(w, f) };
                    Rect::new(at(x, f), at(y, 7 - f), w, at(h, f / 2))
                })
                .collect();
            let (x, y, w, h, f) = probe;
            let probe = Rect::new(at(x, f), at(y, f), at(w, 7 - f), at(h, f));
            let expected = scan(&cards, &probe);
            for axes in BOTH {
                proptest::prop_assert_eq!(CardRects::new(&cards, axes).any_intersecting(&probe), expected);
            }
            // Boxes that share an edge with a card, where rounding decides.
            for c in cards.iter().take(6) {
                for edge in [
                    Rect::new(c.right(), c.y, at(w, f), at(h, f)),
                    Rect::new(c.x - at(w, f), c.bottom(), at(w, f), at(h, f)),
                    Rect::new(c.x + c.w, c.y + c.h, 1.0, 1.0),
                ] {
                    let expected = scan(&cards, &edge);
                    for axes in BOTH {
                        proptest::prop_assert_eq!(
                            CardRects::new(&cards, axes).any_intersecting(&edge),
                            expected
                        );
                    }
                }
            }
        }
    }
}
