//! One edit and what follows it, on charts from `orgchart generate --seed 7`:
//! - `edit/rename+rebuild`: rename one card and rebuild the drawing with the measurement cache (what the
//!   editor does), beside `edit/rename+rebuild-from-scratch` (what it did before: `build_drawing`);
//! - `edit/rename+patch`: the same, patching the last drawing (`patch_drawing`) instead of building it;
//! - `edit/rename+canvas`: the same through the canvas's `DrawingCache` (the drawing plus what painting
//!   needs: per-shape bounds, block colours, branch labels);
//! - `edit/reparent+canvas`, `edit/add+canvas`: move a card between two managers in turn, or add a card,
//!   through the canvas's `DrawingCache` (structural edits: the drawing is built again, cards re-measured
//!   only where their content changed);
//! - `edit/undo-redo+frame`: the real editor applies one edit (undo or redo of an added unit) and draws the
//!   next frame headlessly, panels included;
//! - `edit/undo-redo-rename+frame`: the same with a rename (a content edit: the drawing is patched).
//!
//! Run: cargo bench --bench edit -- --warm-up-time 1 --measurement-time 3

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use orgchart::app::OrgchartApp;
use orgchart::app::canvas::DrawingCache;
use orgchart::app::commands::Command;
use orgchart::generate::generate;
use orgchart::model::{Chart, Unit, UnitId};
use orgchart::render::{
    MeasureCache, RenderOptions, build_drawing, build_drawing_with_cache, patch_drawing,
};

mod support;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// Renames `id` to one of two names in turn, so every call is a real change.
fn rename(chart: &mut Chart, id: &UnitId, turn: &mut bool) {
    *turn = !*turn;
    if let Some(unit) = chart.unit(id) {
        let mut renamed = unit.clone();
        renamed.name = if *turn {
            "Renamed unit"
        } else {
            "Unit renamed again"
        }
        .to_owned();
        let _ = chart.replace_unit(renamed);
    }
}

/// A card in the middle of the chart (pre-order), neither the root nor the last leaf.
fn middle_unit(chart: &Chart) -> UnitId {
    let forest = chart.forest(false);
    forest.ids[forest.len() / 2].clone()
}

/// Two managers in different branches, neither above `id`, to move it between.
fn two_managers(chart: &Chart, id: &UnitId) -> (UnitId, UnitId) {
    let forest = chart.forest(false);
    let managers: Vec<&UnitId> = (0..forest.len())
        .filter(|&i| !forest.children[i].is_empty())
        .map(|i| &forest.ids[i])
        .filter(|m| !chart.is_at_or_above(id, m))
        .collect();
    let first = managers[managers.len() / 3].clone();
    let second = managers[2 * managers.len() / 3].clone();
    (first, second)
}

fn structural_edits(c: &mut Criterion) {
    let mut group = c.benchmark_group("edit");
    group.sample_size(10);
    for units in SIZES {
        let mut chart = generate(units, 7);
        let id = middle_unit(&chart);
        let (first, second) = two_managers(&chart, &id);
        let options = RenderOptions {
            respect_collapsed: true,
            ..RenderOptions::default()
        };
        let mut canvas = DrawingCache::default();
        let mut revision = 1;
        canvas.ensure(&chart, revision, &options);
        let mut turn = false;
        group.bench_function(BenchmarkId::new("reparent+canvas", units), |b| {
            b.iter(|| {
                turn = !turn;
                let to = if turn { &first } else { &second };
                let _ = chart.move_unit(&id, Some(to), None);
                revision += 1;
                black_box(canvas.ensure(&chart, revision, &options))
            })
        });
        let mut added = 0;
        group.bench_function(BenchmarkId::new("add+canvas", units), |b| {
            b.iter(|| {
                added += 1;
                let new = Unit::new(format!("bench-added-{added}"), "New post");
                let _ = chart.insert_unit(new, Some(&first), None);
                revision += 1;
                black_box(canvas.ensure(&chart, revision, &options))
            })
        });
    }
    group.finish();
}

fn rename_rebuild(c: &mut Criterion) {
    let mut group = c.benchmark_group("edit");
    group.sample_size(10);
    for units in SIZES {
        let mut chart = generate(units, 7);
        let id = middle_unit(&chart);
        let options = RenderOptions {
            respect_collapsed: true,
            ..RenderOptions::default()
        };
        let mut turn = false;
        let mut cache = MeasureCache::default();
        build_drawing_with_cache(&chart, &options, &mut cache);
        group.bench_function(BenchmarkId::new("rename+rebuild", units), |b| {
            b.iter(|| {
                rename(&mut chart, &id, &mut turn);
                black_box(build_drawing_with_cache(&chart, &options, &mut cache))
            })
        });
        let mut drawing = build_drawing_with_cache(&chart, &options, &mut cache);
        group.bench_function(BenchmarkId::new("rename+patch", units), |b| {
            b.iter(|| {
                rename(&mut chart, &id, &mut turn);
                if patch_drawing(&chart, &options, &mut cache, &mut drawing).is_none() {
                    drawing = build_drawing_with_cache(&chart, &options, &mut cache);
                }
                black_box(drawing.shapes.len())
            })
        });
        let mut canvas = DrawingCache::default();
        let mut revision = 1;
        canvas.ensure(&chart, revision, &options);
        group.bench_function(BenchmarkId::new("rename+canvas", units), |b| {
            b.iter(|| {
                rename(&mut chart, &id, &mut turn);
                revision += 1;
                black_box(canvas.ensure(&chart, revision, &options))
            })
        });
        if units <= 10_000 {
            group.bench_function(
                BenchmarkId::new("rename+rebuild-from-scratch", units),
                |b| {
                    b.iter(|| {
                        rename(&mut chart, &id, &mut turn);
                        black_box(build_drawing(&chart, &options))
                    })
                },
            );
        }
    }
    group.finish();
}

/// The real editor on a generated chart with one unit added, so undo and redo each make an edit.
fn editor(units: usize) -> Harness<'static, OrgchartApp> {
    let mut harness = support::editor_on(generate(units, 7));
    harness.state_mut().queue(Command::AddRoot);
    harness.run_steps(3);
    harness
}

fn edit_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("edit");
    group.sample_size(10);
    for units in SIZES {
        let mut harness = editor(units);
        let mut undo = false;
        group.bench_function(BenchmarkId::new("undo-redo+frame", units), |b| {
            b.iter(|| {
                undo = !undo;
                let command = if undo { Command::Undo } else { Command::Redo };
                harness.state_mut().queue(command);
                // The command runs at the end of one frame; the next frame draws its result.
                harness.step();
                harness.step();
            })
        });
    }
    group.finish();
}

/// The real editor with a unit added and then renamed on the canvas (its last undo step is the rename).
fn renamed_editor(units: usize) -> Option<Harness<'static, OrgchartApp>> {
    let mut harness = editor(units);
    let added = harness.state().selection().primary().cloned()?;
    harness.state_mut().queue(Command::Rename);
    harness.run_steps(3);
    harness.event(egui::Event::Key {
        key: egui::Key::A,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::COMMAND,
    });
    harness.event(egui::Event::Text("Renamed".to_owned()));
    harness.run_steps(2);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(3);
    let renamed = harness.state().chart().unit(&added)?.name == "Renamed";
    renamed.then_some(harness)
}

fn rename_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("edit");
    group.sample_size(10);
    for units in SIZES {
        let Some(mut harness) = renamed_editor(units) else {
            eprintln!("edit/undo-redo-rename+frame/{units}: the rename did not happen; skipped");
            continue;
        };
        let mut undo = false;
        group.bench_function(BenchmarkId::new("undo-redo-rename+frame", units), |b| {
            b.iter(|| {
                undo = !undo;
                let command = if undo { Command::Undo } else { Command::Redo };
                harness.state_mut().queue(command);
                harness.step();
                harness.step();
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = support::as_users_run();
    targets = rename_rebuild, structural_edits, edit_frame, rename_frame
}
criterion_main!(benches);
