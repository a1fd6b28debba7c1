use proptest::prelude::*;

use super::super::{build_drawing, build_drawing_with_cache};
use super::*;
use crate::generate::generate;
use crate::model::{Headcount, HeadcountBasis, Span, Status, Unit};
use crate::render::Theme;

fn posts(n: f64) -> Headcount {
    Headcount {
        value: Span::exact(n),
        basis: HeadcountBasis::Posts,
    }
}

/// What the editor does after an edit: patch the drawing, else build it again. Checks the result is what
/// a fresh build gives, and returns whether it was patched.
fn update(
    chart: &Chart,
    options: &RenderOptions,
    cache: &mut MeasureCache,
    drawing: &mut Drawing,
) -> Option<Splice> {
    let splice = patch_drawing(chart, options, cache, drawing);
    if splice.is_none() {
        *drawing = build_drawing_with_cache(chart, options, cache);
    }
    let fresh = build_drawing(chart, options);
    let first_difference = (0..drawing.shapes.len().max(fresh.shapes.len()))
        .find(|&k| drawing.shapes.get(k) != fresh.shapes.get(k));
    if let Some(k) = first_difference {
        panic!(
            "shapes differ at {k} of {} / {} (patched: {:?}):\n{:?}\n{:?}",
            drawing.shapes.len(),
            fresh.shapes.len(),
            splice,
            drawing.shapes.get(k),
            fresh.shapes.get(k)
        );
    }
    assert_eq!(drawing.cards, fresh.cards);
    assert_eq!(drawing.bounds, fresh.bounds);
    assert!(*drawing == fresh);
    splice
}

/// One edit of the kinds the editor makes, on the unit at `k` (pre-order, modulo the chart's size).
#[derive(Clone, Debug)]
enum Op {
    Rename(usize, bool),
    Role(usize),
    Status(usize),
    Headcount(usize, u8),
    Reparent(usize, usize),
    Add(usize),
    Delete(usize),
    Collapse(usize),
    Theme,
}

fn nth(chart: &Chart, k: usize) -> UnitId {
    let units = chart.units();
    units[k % units.len()].id.clone()
}

fn edited(chart: &Chart, k: usize, change: impl FnOnce(&mut Unit)) -> Unit {
    let mut unit = chart.unit(&nth(chart, k)).cloned().expect("a unit");
    change(&mut unit);
    unit
}

fn apply(chart: &mut Chart, options: &mut RenderOptions, op: &Op) {
    match *op {
        Op::Rename(k, long) => {
            let unit = edited(chart, k, |u| {
                u.name = if long {
                    "A much longer name that wraps onto more rows of the card".into()
                } else {
                    format!("{} x", u.name)
                }
            });
            chart.replace_unit(unit).unwrap();
        }
        Op::Role(k) => {
            let unit = edited(chart, k, |u| u.role = "Head of something".into());
            chart.replace_unit(unit).unwrap();
        }
        Op::Status(k) => {
            let unit = edited(chart, k, |u| {
                u.status = if u.status == Status::Vacant {
                    Status::New
                } else {
                    Status::Vacant
                }
            });
            chart.replace_unit(unit).unwrap();
        }
        Op::Headcount(k, n) => {
            let unit = edited(chart, k, |u| u.headcount = Some(posts(f64::from(n))));
            chart.replace_unit(unit).unwrap();
        }
        Op::Reparent(k, to) => {
            let (id, manager) = (nth(chart, k), nth(chart, to));
            let _ = chart.move_unit(&id, Some(&manager), None);
        }
        Op::Add(k) => {
            let manager = nth(chart, k);
            let id = chart.fresh_id("new");
            chart
                .insert_unit(Unit::new(id.as_str(), "New post"), Some(&manager), None)
                .unwrap();
        }
        Op::Delete(k) => {
            let id = nth(chart, k);
            if chart.len() > 1 {
                let _ = chart.remove_leaf(&id);
            }
        }
        Op::Collapse(k) => {
            let unit = edited(chart, k, |u| u.collapsed = !u.collapsed);
            chart.replace_unit(unit).unwrap();
        }
        Op::Theme => {
            options.theme = match options.theme {
                Theme::Light => Theme::Dark,
                Theme::Dark => Theme::Light,
            }
        }
    }
}

fn editor_options() -> RenderOptions {
    RenderOptions {
        respect_collapsed: true,
        ..RenderOptions::default()
    }
}

#[test]
fn content_edits_patch_the_drawing_and_every_edit_gives_what_a_fresh_build_gives() {
    let mut chart = generate(120, 3);
    let mut options = editor_options();
    let mut cache = MeasureCache::default();
    let mut drawing = build_drawing_with_cache(&chart, &options, &mut cache);
    let ops = [
        (Op::Rename(40, false), Some(true)),
        (Op::Role(41), Some(true)),
        (Op::Status(42), Some(true)),
        // A first headcount adds a figures row: the card grows, and the cards are laid out again.
        (Op::Headcount(43, 9), Some(true)),
        // Its managers' figures may widen their cards.
        (Op::Headcount(43, 12), Some(true)),
        (Op::Rename(44, true), Some(true)),
        (Op::Reparent(45, 2), Some(false)),
        (Op::Add(7), Some(false)),
        (Op::Rename(7, false), Some(true)),
        (Op::Delete(119), Some(false)),
        (Op::Collapse(1), Some(false)),
        // An edit below the collapsed unit changes what its card counts.
        (Op::Headcount(3, 40), Some(true)),
        (Op::Theme, Some(false)),
        (Op::Status(60), Some(true)),
    ];
    for (op, patched) in ops {
        apply(&mut chart, &mut options, &op);
        let splice = update(&chart, &options, &mut cache, &mut drawing);
        if let Some(patched) = patched {
            assert_eq!(splice.is_some(), patched, "{op:?}");
        }
    }
}

#[test]
fn a_rename_or_a_new_status_repaints_that_one_card() {
    let mut chart = generate(300, 7);
    let options = editor_options();
    let mut cache = MeasureCache::default();
    let mut drawing = build_drawing_with_cache(&chart, &options, &mut cache);
    let forest = chart.forest(true);
    let leaf = (0..forest.len())
        .find(|&i| forest.children[i].is_empty() && forest.parent[i].is_some())
        .unwrap();
    let id = forest.ids[leaf].clone();

    let mut unit = chart.unit(&id).cloned().unwrap();
    unit.name = "Renamed".into();
    chart.replace_unit(unit.clone()).unwrap();
    let splice = update(&chart, &options, &mut cache, &mut drawing).expect("patched");
    assert_eq!(splice.cards, vec![leaf]);
    assert_eq!(splice.replaced, None, "nothing moved");
    assert_eq!(cache.remeasured(), 1);
    let above = chart.ancestors(&id).len();
    assert_eq!(splice.touched.len(), above + 1, "the unit and its managers");

    unit.status = Status::Vacant;
    chart.replace_unit(unit.clone()).unwrap();
    let splice = update(&chart, &options, &mut cache, &mut drawing).expect("patched");
    assert_eq!(splice.cards, vec![leaf]);

    // A new figures row makes the card taller (and its managers' figures wider): laid out again, every
    // measurement but the changed cards' kept.
    unit.headcount = Some(posts(1234.0));
    chart.replace_unit(unit).unwrap();
    let splice = update(&chart, &options, &mut cache, &mut drawing).expect("patched");
    assert!(splice.replaced.is_some(), "laid out again");
    assert_eq!(cache.remeasured(), above + 1, "the card and its managers");
}

#[test]
fn a_drawing_patched_after_a_clone_was_edited_apart_is_built_again() {
    let mut chart = generate(50, 1);
    let options = editor_options();
    let mut cache = MeasureCache::default();
    let mut drawing = build_drawing_with_cache(&chart, &options, &mut cache);
    let mut other = chart.clone();
    let unit = edited(&other, 5, |u| u.name = "Other".into());
    other.replace_unit(unit).unwrap();
    let unit = edited(&chart, 6, |u| u.name = "This".into());
    chart.replace_unit(unit).unwrap();
    assert!(update(&chart, &options, &mut cache, &mut drawing).is_some());
    assert!(
        update(&other, &options, &mut cache, &mut drawing).is_none(),
        "another history: not patched"
    );
}

fn op() -> impl Strategy<Value = Op> {
    let k = 0usize..200;
    prop_oneof![
        4 => (k.clone(), any::<bool>()).prop_map(|(k, long)| Op::Rename(k, long)),
        2 => k.clone().prop_map(Op::Role),
        2 => k.clone().prop_map(Op::Status),
        3 => (k.clone(), 0u8..50).prop_map(|(k, n)| Op::Headcount(k, n)),
        1 => (k.clone(), k.clone()).prop_map(|(a, b)| Op::Reparent(a, b)),
        1 => k.clone().prop_map(Op::Add),
        1 => k.clone().prop_map(Op::Delete),
        1 => k.prop_map(Op::Collapse),
        1 => Just(Op::Theme),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn any_sequence_of_edits_keeps_the_patched_drawing_equal_to_a_fresh_build(
        units in 5usize..60,
        seed in 0u64..100,
        ops in proptest::collection::vec(op(), 1..12),
    ) {
        let mut chart = generate(units, seed);
        let mut options = editor_options();
        let mut cache = MeasureCache::default();
        let mut drawing = build_drawing_with_cache(&chart, &options, &mut cache);
        for op in &ops {
            apply(&mut chart, &mut options, op);
            update(&chart, &options, &mut cache, &mut drawing);
        }
    }
}
