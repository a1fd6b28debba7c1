//! Layout properties on realistic generated charts from 50 to 100,000 units, with card sizes measured
//! from their text as the exports do: no two cards overlap, a manager is centred over its reports, and
//! every level shares one top. Plus random small forests through proptest.

mod layout_support;

use orgchart::geom::{Rect, Size};
use orgchart::layout::{Layout, LayoutOptions, Orientation, layout};
use orgchart::model::{Forest, UnitId};
use proptest::prelude::*;

use layout_support::measured_sizes;

const EPS: f32 = 0.01;

fn depths(forest: &Forest) -> Vec<usize> {
    let mut depth = vec![0; forest.len()];
    for i in 0..forest.len() {
        if let Some(p) = forest.parent[i] {
            depth[i] = depth[p] + 1;
        }
    }
    depth
}

/// Cards of one level never overlap each other (sweep by x), and levels are bands one under another, so
/// cards of different levels cannot overlap either.
fn assert_no_overlap_by_levels(rects: &[Rect], depth: &[usize]) {
    let levels = depth.iter().max().map_or(0, |d| d + 1);
    let mut by_level: Vec<Vec<Rect>> = vec![Vec::new(); levels];
    for (rect, &d) in rects.iter().zip(depth) {
        by_level[d].push(*rect);
    }
    let mut previous_bottom = f32::NEG_INFINITY;
    for (d, level) in by_level.iter_mut().enumerate() {
        level.sort_by(|a, b| a.x.total_cmp(&b.x));
        for pair in level.windows(2) {
            assert!(
                pair[1].x >= pair[0].right() - EPS,
                "level {d}: {:?} overlaps {:?}",
                pair[0],
                pair[1]
            );
        }
        let top = level.iter().map(|r| r.y).fold(f32::INFINITY, f32::min);
        let bottom = level
            .iter()
            .map(|r| r.bottom())
            .fold(f32::NEG_INFINITY, f32::max);
        assert!(
            top >= previous_bottom - EPS,
            "level {d} starts inside the level above"
        );
        previous_bottom = bottom;
    }
}

fn assert_tidy(forest: &Forest, placed: &Layout) {
    let rects = &placed.rects;
    assert_eq!(rects.len(), forest.len());
    let depth = depths(forest);
    assert_no_overlap_by_levels(rects, &depth);
    let mut level_top: Vec<Option<f32>> = vec![None; forest.len() + 1];
    for (i, rect) in rects.iter().enumerate() {
        let top = level_top[depth[i]].get_or_insert(rect.y);
        assert!(
            (*top - rect.y).abs() < EPS,
            "unit {i} is off its level's top"
        );
        let children = &forest.children[i];
        if let (Some(&first), Some(&last)) = (children.first(), children.last()) {
            let centre = rect.x + rect.w / 2.0;
            let span_centre = (rects[first].center().x + rects[last].center().x) / 2.0;
            // Relative tolerance: x reaches millions on 100k-unit charts, where f32 has ~0.25 resolution.
            let tolerance = EPS.max(centre.abs() * 1e-6);
            assert!(
                (centre - span_centre).abs() <= tolerance,
                "unit {i} is not centred over its reports: {centre} vs {span_centre}"
            );
        }
    }
}

fn check_generated(units: usize, seed: u64) {
    let chart = orgchart::generate::generate(units, seed);
    let forest = chart.forest(false);
    assert_eq!(forest.len(), units);
    let sizes = measured_sizes(&chart, &forest);
    let placed = layout(&forest, &sizes, &[], &LayoutOptions::default());
    assert_tidy(&forest, &placed);
}

#[test]
fn generated_charts_of_every_size_are_tidy() {
    for (units, seed) in [(50, 1), (1_000, 2), (10_000, 3)] {
        check_generated(units, seed);
    }
}

#[test]
fn a_hundred_thousand_units_are_tidy() {
    check_generated(100_000, 4);
}

#[test]
fn compact_and_left_right_charts_have_no_overlaps() {
    let chart = orgchart::generate::generate(5_000, 7);
    let forest = chart.forest(false);
    let sizes = measured_sizes(&chart, &forest);
    for options in [
        LayoutOptions {
            compact: true,
            ..LayoutOptions::default()
        },
        LayoutOptions {
            compact: true,
            orientation: Orientation::LeftRight,
            ..LayoutOptions::default()
        },
    ] {
        let placed = layout(&forest, &sizes, &[], &options);
        let mut rects = placed.rects.clone();
        rects.sort_by(|a, b| a.x.total_cmp(&b.x));
        // Sweep: compare each card with the cards that start before it ends.
        for (i, a) in rects.iter().enumerate() {
            for b in rects[i + 1..].iter().take_while(|b| b.x < a.right() - EPS) {
                let overlap_y = b.y < a.bottom() - EPS && a.y < b.bottom() - EPS;
                assert!(!overlap_y, "{options:?}: {a:?} overlaps {b:?}");
            }
        }
    }
}

fn forest_from(parents: &[Option<usize>]) -> Forest {
    let n = parents.len();
    let mut forest = Forest::default();
    for (i, parent) in parents.iter().enumerate() {
        forest.ids.push(UnitId::new(format!("u{i}")));
        forest.parent.push(*parent);
        forest.children.push(Vec::new());
        forest.hidden_below.push(0);
        match parent {
            Some(p) => forest.children[*p].push(i),
            None => forest.roots.push(i),
        }
    }
    assert_eq!(forest.len(), n);
    forest
}

/// A random forest in pre-order: each unit's manager is one of the units before it (or none).
fn arbitrary_forest() -> impl Strategy<Value = (Vec<Option<usize>>, Vec<(f32, f32)>)> {
    (1usize..60).prop_flat_map(|n| {
        let parents = (0..n)
            .map(|i| {
                if i == 0 {
                    Just(None).boxed()
                } else {
                    prop_oneof![1 => Just(None), 9 => (0..i).prop_map(Some)].boxed()
                }
            })
            .collect::<Vec<_>>();
        let sizes = proptest::collection::vec((20.0f32..300.0, 20.0f32..120.0), n);
        (parents, sizes)
    })
}

/// Parents must come before children in pre-order for `Forest`; sort the random parent picks into it.
fn preorder(parents: &[Option<usize>]) -> Vec<Option<usize>> {
    let n = parents.len();
    let mut children = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (i, p) in parents.iter().enumerate() {
        match p {
            Some(p) => children[*p].push(i),
            None => roots.push(i),
        }
    }
    let mut order = Vec::with_capacity(n);
    let mut stack: Vec<usize> = roots.into_iter().rev().collect();
    while let Some(i) = stack.pop() {
        order.push(i);
        stack.extend(children[i].iter().rev());
    }
    let mut new_index = vec![0; n];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    order
        .iter()
        .map(|&old| parents[old].map(|p| new_index[p]))
        .collect()
}

proptest! {
    #[test]
    fn random_forests_are_tidy((parents, sizes) in arbitrary_forest()) {
        let forest = forest_from(&preorder(&parents));
        let sizes: Vec<Size> = sizes.iter().map(|&(w, h)| Size::new(w, h)).collect();
        let placed = layout(&forest, &sizes, &[], &LayoutOptions::default());
        assert_tidy(&forest, &placed);
    }
}
