//! Renames one card of a generated chart over and over, rebuilding what the canvas shows each time: a
//! driver for `perf record -g` (see PERFORMANCE.md, incremental editing).
//! Run: cargo run --release --example edit_profile -- 100000 20

use std::time::Instant;

use orgchart::app::canvas::DrawingCache;
use orgchart::generate::generate;
use orgchart::render::{MeasureCache, RenderOptions, build_drawing_with_cache};

fn main() {
    let mut args = std::env::args().skip(1);
    let units = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let edits: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let mut chart = generate(units, 7);
    let options = RenderOptions {
        respect_collapsed: true,
        ..RenderOptions::default()
    };
    let forest = chart.forest(false);
    let id = forest.ids[forest.len() / 2].clone();
    let mut canvas = DrawingCache::default();
    let started = Instant::now();
    canvas.ensure(&chart, 0, &options);
    eprintln!("first build: {:?}", started.elapsed());
    let mut measured = MeasureCache::default();
    build_drawing_with_cache(&chart, &options, &mut measured);
    let mut times = Vec::new();
    let mut build_times = Vec::new();
    for edit in 1..=edits {
        let Some(unit) = chart.unit(&id) else {
            return;
        };
        let mut renamed = unit.clone();
        renamed.name = format!("Renamed {edit}");
        if chart.replace_unit(renamed).is_err() {
            return;
        }
        let started = Instant::now();
        canvas.ensure(&chart, edit as u64, &options);
        times.push(started.elapsed());
        let started = Instant::now();
        drop(build_drawing_with_cache(&chart, &options, &mut measured));
        build_times.push(started.elapsed());
    }
    times.sort();
    build_times.sort();
    if let (Some(median), Some(build)) = (times.get(times.len() / 2), build_times.get(edits / 2)) {
        eprintln!(
            "{edits} renames of {units} units, re-measured {} card(s) each: median {median:?} for the \
             canvas, of which {build:?} building the drawing",
            canvas.remeasured()
        );
    }
}
