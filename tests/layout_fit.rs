//! Placers and auto-fit on real published organograms (vendored under tests/data) and generated charts up
//! to 20,000 units, with card sizes measured from their text: the chart comes within a factor of two of
//! the target shape, the same chart and target give the same layout, no two cards overlap, every manager
//! stands over its block, and every connector is orthogonal, attached to both cards and crosses none.
//! Charts of 100,000 units are measured in the layout benchmark.

mod layout_support;

use std::path::Path;

use orgchart::geom::{Point, Rect};
use orgchart::layout::{Layout, LayoutOptions, Orientation, layout, route_link};
use orgchart::model::{Chart, Forest, Placer, Unit, UnitId};

use layout_support::measured_sizes;

const EPS: f32 = 0.05;

fn organogram(name: &str) -> Chart {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/organograms");
    let senior = folder.join(format!("{name}-senior.csv"));
    let junior = folder.join(format!("{name}-junior.csv"));
    orgchart::io::import::import_files(&senior, Some(&junior), Default::default())
        .unwrap_or_else(|err| panic!("{name}: {err}"))
        .chart
}

/// Cards of the layout bucketed in a uniform grid, so checks against nearby cards stay linear.
struct Buckets {
    cell: f32,
    cells: std::collections::HashMap<(i32, i32), Vec<usize>>,
}

impl Buckets {
    fn new(rects: &[Rect]) -> Self {
        let cell = 600.0;
        let mut cells: std::collections::HashMap<(i32, i32), Vec<usize>> = Default::default();
        for (i, r) in rects.iter().enumerate() {
            for key in Self::keys(cell, r) {
                cells.entry(key).or_default().push(i);
            }
        }
        Self { cell, cells }
    }

    fn keys(cell: f32, r: &Rect) -> impl Iterator<Item = (i32, i32)> {
        let (x0, x1) = (
            (r.x / cell).floor() as i32,
            (r.right() / cell).floor() as i32,
        );
        let (y0, y1) = (
            (r.y / cell).floor() as i32,
            (r.bottom() / cell).floor() as i32,
        );
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    fn near(&self, r: &Rect) -> Vec<usize> {
        let mut found: Vec<usize> = Self::keys(self.cell, r)
            .filter_map(|key| self.cells.get(&key))
            .flatten()
            .copied()
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}

fn overlap(a: &Rect, b: &Rect) -> bool {
    a.x < b.right() - EPS
        && b.x < a.right() - EPS
        && a.y < b.bottom() - EPS
        && b.y < a.bottom() - EPS
}

fn assert_no_overlaps(l: &Layout, what: &str) {
    let buckets = Buckets::new(&l.rects);
    for (i, a) in l.rects.iter().enumerate() {
        for j in buckets.near(a) {
            assert!(
                j == i || !overlap(a, &l.rects[j]),
                "{what}: card {i} {a:?} overlaps card {j} {:?}",
                l.rects[j]
            );
        }
    }
}

fn on_edge(p: Point, r: &Rect) -> bool {
    let near = |a: f32, b: f32| (a - b).abs() < EPS;
    let on_x = near(p.x, r.x) || near(p.x, r.right());
    let on_y = near(p.y, r.y) || near(p.y, r.bottom());
    (on_x && p.y >= r.y - EPS && p.y <= r.bottom() + EPS)
        || (on_y && p.x >= r.x - EPS && p.x <= r.right() + EPS)
}

fn segment_box(a: Point, b: Point) -> Rect {
    Rect::new(
        a.x.min(b.x),
        a.y.min(b.y),
        (a.x - b.x).abs(),
        (a.y - b.y).abs(),
    )
}

/// A segment (a box with no extent across it) passes through a card's inside.
fn passes_through(s: &Rect, card: &Rect) -> bool {
    card.x + EPS < s.right().max(s.x + 2.0 * EPS)
        && s.x < card.right() - EPS
        && card.y + EPS < s.bottom().max(s.y + 2.0 * EPS)
        && s.y < card.bottom() - EPS
}

fn assert_connectors_clean(l: &Layout, what: &str) {
    let buckets = Buckets::new(&l.rects);
    for c in &l.connectors {
        let points = &c.points;
        assert!(points.len() >= 2, "{what}: {c:?}");
        assert!(
            on_edge(points[0], &l.rects[c.parent]),
            "{what}: {c:?} leaves its manager's card"
        );
        assert!(
            on_edge(points[points.len() - 1], &l.rects[c.child]),
            "{what}: {c:?} does not reach its report's card"
        );
        for pair in points.windows(2) {
            assert!(
                pair[0].x == pair[1].x || pair[0].y == pair[1].y,
                "{what}: {c:?}"
            );
            let s = segment_box(pair[0], pair[1]);
            for k in buckets.near(&s) {
                assert!(
                    !passes_through(&s, &l.rects[k]),
                    "{what}: {c:?} crosses card {k} {:?}",
                    l.rects[k]
                );
            }
        }
    }
}

/// Every manager stands over or beside its reports' block: its middle (along the level) lies within the
/// span of its reports' subtrees, and each report is below it.
fn assert_managers_over_their_blocks(forest: &Forest, l: &Layout, orientation: Orientation) {
    let along = |r: &Rect| match orientation {
        Orientation::TopDown => (r.x, r.right(), r.y, r.bottom()),
        Orientation::LeftRight => (r.y, r.bottom(), r.x, r.right()),
    };
    // Span of every subtree along the level; the forest is in pre-order, so reports come after managers.
    let mut span: Vec<(f32, f32)> = l.rects.iter().map(|r| (along(r).0, along(r).1)).collect();
    for i in (0..forest.len()).rev() {
        if let Some(p) = forest.parent[i] {
            span[p] = (span[p].0.min(span[i].0), span[p].1.max(span[i].1));
        }
    }
    for (m, kids) in forest.children.iter().enumerate() {
        let (b0, b1, _, d1) = along(&l.rects[m]);
        let mid = (b0 + b1) / 2.0;
        let (mut lo, mut hi) = (f32::INFINITY, f32::NEG_INFINITY);
        for &c in kids {
            let (_, _, cd, _) = along(&l.rects[c]);
            assert!(cd >= d1 - EPS, "report {c} is not below its manager {m}");
            if !forest.staff.get(c).copied().unwrap_or(false) {
                lo = lo.min(span[c].0);
                hi = hi.max(span[c].1);
            }
        }
        if lo <= hi {
            assert!(
                mid >= lo - EPS && mid <= hi + EPS,
                "manager {m} (middle {mid}) is not over its reports' block ({lo}..{hi})"
            );
        }
    }
}

fn ratio(l: &Layout) -> f32 {
    l.bounds.w / l.bounds.h
}

/// Lays `chart` out fitted to `target` and checks every property; returns the ratio reached.
fn check_fit(chart: &Chart, target: f32, orientation: Orientation, what: &str) -> f32 {
    let forest = chart.forest(false);
    let sizes = measured_sizes(chart, &forest);
    let options = LayoutOptions {
        orientation,
        target_aspect: Some(target),
        ..LayoutOptions::default()
    };
    let placed = layout(&forest, &sizes, &[], &options);
    let what = format!("{what} {orientation:?} fitted to {target}");
    let got = ratio(&placed);
    assert!(
        got <= target * 2.0 && got >= target / 2.0,
        "{what}: ratio {got} ({} x {})",
        placed.bounds.w,
        placed.bounds.h
    );
    assert_eq!(
        placed,
        layout(&forest, &sizes, &[], &options),
        "{what}: not deterministic"
    );
    assert_no_overlaps(&placed, &what);
    assert_connectors_clean(&placed, &what);
    assert_managers_over_their_blocks(&forest, &placed, orientation);
    got
}

#[test]
fn real_organograms_fit_a_landscape_page_and_a_portrait_page() {
    for name in [
        "cabinet_office-2011-09-30",
        "cabinet_office-2011-03-31",
        "human_tissue_authority-2011-09-30",
    ] {
        let chart = organogram(name);
        let plain = layout(
            &chart.forest(false),
            &measured_sizes(&chart, &chart.forest(false)),
            &[],
            &LayoutOptions::default(),
        );
        for target in [1.414, 0.707] {
            let got = check_fit(&chart, target, Orientation::TopDown, name);
            if ratio(&plain) > 2.0 * target {
                assert!(got < ratio(&plain), "{name}: fitting made it no narrower");
            }
        }
    }
    let chart = organogram("cabinet_office-2011-09-30");
    check_fit(&chart, 1.414, Orientation::LeftRight, "cabinet office");
}

#[test]
fn raw_organogram_submissions_fit_too() {
    for name in [
        "raw/300913-Land-Registry-Organogram",
        "raw/300913-UK-Atomic-Energy-Authority-Organogram",
    ] {
        let chart = organogram(name);
        check_fit(&chart, 1.414, Orientation::TopDown, name);
    }
}

#[test]
fn generated_charts_up_to_twenty_thousand_units_fit() {
    for (units, seed, target) in [(1_000, 2, 1.414), (5_000, 3, 0.707), (20_000, 5, 1.78)] {
        let chart = orgchart::generate::generate(units, seed);
        check_fit(
            &chart,
            target,
            Orientation::TopDown,
            &format!("{units} units"),
        );
    }
    let chart = orgchart::generate::generate(3_000, 8);
    check_fit(&chart, 1.414, Orientation::LeftRight, "3000 units");
}

/// A chart where the user set placers and staff posts by hand, laid out with and without auto-fit.
#[test]
fn user_placers_and_staff_posts_keep_every_property() {
    let mut chart = orgchart::generate::generate(2_000, 9);
    let forest = chart.forest(false);
    // Every seventh manager gets a placer of the user's, every eleventh leaf becomes a staff post.
    let mut edits = Vec::new();
    for (i, id) in forest.ids.iter().enumerate() {
        let mut unit: Unit = chart.unit(id).cloned().expect("unit of the forest");
        if !forest.children[i].is_empty() && i % 7 == 0 {
            unit.placer = [Placer::Row, Placer::Column, Placer::Grid][i / 7 % 3];
        } else if forest.children[i].is_empty() && forest.parent[i].is_some() && i % 11 == 0 {
            unit.staff = true;
        } else {
            continue;
        }
        edits.push(unit);
    }
    for unit in edits {
        chart.replace_unit(unit).expect("replace");
    }
    let forest = chart.forest(false);
    let sizes = measured_sizes(&chart, &forest);
    for orientation in [Orientation::TopDown, Orientation::LeftRight] {
        for compact in [false, true] {
            let options = LayoutOptions {
                orientation,
                compact,
                ..LayoutOptions::default()
            };
            let placed = layout(&forest, &sizes, &[], &options);
            let what = format!("{orientation:?} compact {compact}");
            assert_no_overlaps(&placed, &what);
            assert_connectors_clean(&placed, &what);
            assert_managers_over_their_blocks(&forest, &placed, orientation);
        }
        check_fit(&chart, 1.414, orientation, "2000 units with user placers");
    }
}

#[test]
fn links_between_cards_in_grids_and_stacks_are_routed_orthogonally_between_the_cards() {
    let chart = orgchart::generate::generate(1_500, 12);
    let forest = chart.forest(false);
    let sizes = measured_sizes(&chart, &forest);
    let options = LayoutOptions {
        target_aspect: Some(1.0),
        ..LayoutOptions::default()
    };
    let placed = layout(&forest, &sizes, &[], &options);
    let index = |id: &UnitId| forest.index_of(id).expect("linked unit");
    let links = chart.links();
    assert!(links.len() > 10, "the generated chart has links");
    for link in links {
        let (from, to) = (index(&link.from), index(&link.to));
        let points = route_link(placed.rects[from], placed.rects[to], &placed, &options);
        assert!(points.len() >= 2);
        assert!(on_edge(points[0], &placed.rects[from]), "{points:?}");
        assert!(
            on_edge(points[points.len() - 1], &placed.rects[to]),
            "{points:?}"
        );
        for pair in points.windows(2) {
            assert!(
                pair[0].x == pair[1].x || pair[0].y == pair[1].y,
                "{points:?}"
            );
        }
    }
}
