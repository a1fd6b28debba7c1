//! The whole pipeline on charts from `orgchart generate --seed 7`: load, save, build_drawing, SVG, diff and
//! import at 1k, 10k and 100k units (1M for load and layout), plus the shapes that used to be quadratic: a
//! deep chain written managers first, two chains with different ids, an id repeated in a CSV.
//! Run: cargo bench --bench pipeline -- --warm-up-time 1 --measurement-time 3
//! (one stage: append a filter such as `load/`; PERFORMANCE.md has the numbers).

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use orgchart::diff::diff;
use orgchart::generate::generate;
use orgchart::geom::{Point, Size};
use orgchart::io::import::{ImportFormat, InputFile, import_inputs};
use orgchart::io::{from_ron_str, to_ron_string};
use orgchart::layout::{Layout, LayoutOptions, LinkRouter, layout};
use orgchart::model::Chart;
use orgchart::render::{RenderOptions, build_drawing, to_svg};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// A chain `n` deep written managers first, as the tool writes one; names repeat from unit to unit.
fn chain_text(n: usize, prefix: &str) -> String {
    let mut text = String::from("(format: \"orgchart\", version: 1, units: [\n");
    for k in 0..n {
        let manager = if k == 0 {
            String::new()
        } else {
            format!(", reports_to: \"{prefix}{}\"", k - 1)
        };
        text.push_str(&format!(
            "  (id: \"{prefix}{k}\", name: \"Unit {k}\"{manager}),\n"
        ));
    }
    text.push_str("])\n");
    text
}

/// The same chart with one unit in a hundred renamed: what the "differing in 1%" means here.
fn renamed_one_percent(chart: &Chart) -> Chart {
    let mut after = chart.clone();
    for unit in chart.units().into_iter().step_by(100) {
        let mut changed = unit.clone();
        changed.name.push_str(" (renamed)");
        let _ = after.replace_unit(changed);
    }
    after
}

fn load_save(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for units in SIZES.into_iter().chain([1_000_000]) {
        let text = to_ron_string(&generate(units, 7)).expect("a generated chart saves");
        group.bench_with_input(BenchmarkId::from_parameter(units), &text, |b, text| {
            b.iter(|| black_box(from_ron_str(text, "bench.ron").expect("it loads")))
        });
    }
    let chain = chain_text(100_000, "u");
    group.bench_with_input(BenchmarkId::new("chain", 100_000), &chain, |b, text| {
        b.iter(|| black_box(from_ron_str(text, "chain.ron").expect("it loads")))
    });
    group.finish();

    let mut group = c.benchmark_group("save");
    group.sample_size(10);
    for units in SIZES {
        let chart = generate(units, 7);
        group.bench_with_input(BenchmarkId::from_parameter(units), &chart, |b, chart| {
            b.iter(|| black_box(to_ron_string(chart).expect("it saves")))
        });
    }
    group.finish();
}

fn layout_alone(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout");
    group.sample_size(10);
    for units in SIZES.into_iter().chain([1_000_000]) {
        let chart = generate(units, 7);
        let forest = chart.forest(false);
        // The card sizes vary as in a drawing: a few widths and heights by position.
        let sizes: Vec<Size> = (0..forest.len())
            .map(|i| Size::new(150.0 + (i % 5) as f32 * 20.0, 60.0 + (i % 3) as f32 * 14.0))
            .collect();
        let pinned: Vec<Option<Point>> = vec![None; forest.len()];
        let options = LayoutOptions::default();
        group.bench_with_input(BenchmarkId::from_parameter(units), &forest, |b, forest| {
            b.iter(|| black_box(layout(forest, &sizes, &pinned, &options)))
        });
    }
    group.finish();
}

fn drawing_and_svg(c: &mut Criterion) {
    let mut group = c.benchmark_group("drawing");
    group.sample_size(10);
    for units in SIZES {
        let chart = generate(units, 7);
        let options = RenderOptions::default();
        group.bench_with_input(
            BenchmarkId::new("build_drawing", units),
            &chart,
            |b, chart| b.iter(|| black_box(build_drawing(chart, &options))),
        );
        let drawing = build_drawing(&chart, &options);
        group.bench_with_input(BenchmarkId::new("svg", units), &drawing, |b, drawing| {
            b.iter(|| black_box(to_svg(drawing)))
        });
    }
    group.finish();
}

/// The drawing's cards as a layout, and each link of the chart as a pair of card indices: routing on the
/// geometry `build_drawing` routes on, without the rest of the drawing.
fn routing_input(chart: &Chart) -> (Layout, Vec<(usize, usize)>) {
    let drawing = build_drawing(chart, &RenderOptions::default());
    let index: std::collections::HashMap<_, _> = drawing
        .cards
        .iter()
        .enumerate()
        .map(|(i, card)| (card.id.clone(), i))
        .collect();
    let pairs = chart
        .links()
        .iter()
        .filter_map(|link| Some((*index.get(&link.from)?, *index.get(&link.to)?)))
        .collect();
    let placed = Layout {
        rects: drawing.cards.iter().map(|card| card.rect).collect(),
        ..Layout::default()
    };
    (placed, pairs)
}

/// Link routing alone: indexing the cards once and routing every non-line link.
fn routing(c: &mut Criterion) {
    let mut group = c.benchmark_group("route");
    group.sample_size(10);
    for units in SIZES {
        let input = routing_input(&generate(units, 7));
        let options = LayoutOptions::default();
        group.bench_with_input(
            BenchmarkId::from_parameter(units),
            &input,
            |b, (placed, pairs)| {
                b.iter(|| {
                    let router = LinkRouter::new(placed, &options);
                    for &(from, to) in pairs {
                        black_box(router.route(placed.rects[from], placed.rects[to], 0.0));
                    }
                })
            },
        );
    }
    group.finish();
}

fn diffs(c: &mut Criterion) {
    let mut group = c.benchmark_group("diff");
    group.sample_size(10);
    for units in SIZES {
        let before = generate(units, 7);
        let after = renamed_one_percent(&before);
        group.bench_with_input(
            BenchmarkId::new("one_percent", units),
            &(before, after),
            |b, (before, after)| b.iter(|| black_box(diff(before, after))),
        );
    }
    for units in SIZES {
        let before = from_ron_str(&chain_text(units, "b"), "b.ron").expect("it loads");
        let after = from_ron_str(&chain_text(units, "a"), "a.ron").expect("it loads");
        group.bench_with_input(
            BenchmarkId::new("chains_other_ids", units),
            &(before, after),
            |b, (before, after)| b.iter(|| black_box(diff(before, after))),
        );
    }
    group.finish();
}

fn imports(c: &mut Criterion) {
    let mut group = c.benchmark_group("import_csv");
    group.sample_size(10);
    for units in SIZES {
        // A simple table of the generated chart: id, name, manager.
        let chart = generate(units, 7);
        let mut table = String::from("id,name,manager\n");
        for unit in chart.units() {
            let manager = chart
                .parent(&unit.id)
                .map(|p| p.to_string())
                .unwrap_or_default();
            table.push_str(&format!(
                "{},\"{}\",{manager}\n",
                unit.id,
                unit.name.replace('"', "")
            ));
        }
        group.bench_with_input(BenchmarkId::new("table", units), &table, |b, table| {
            b.iter(|| {
                black_box(
                    import_inputs(
                        InputFile {
                            name: "table.csv",
                            bytes: table.as_bytes(),
                        },
                        None,
                        ImportFormat::Simple,
                    )
                    .expect("it imports"),
                )
            })
        });
    }
    for repeats in SIZES {
        let mut table = String::from("id,name,manager\n");
        for k in 0..repeats {
            table.push_str(&format!("x,Post {k},\n"));
        }
        group.bench_with_input(
            BenchmarkId::new("one_id_repeated", repeats),
            &table,
            |b, table| {
                b.iter(|| {
                    black_box(
                        import_inputs(
                            InputFile {
                                name: "repeat.csv",
                                bytes: table.as_bytes(),
                            },
                            None,
                            ImportFormat::Simple,
                        )
                        .expect("it imports"),
                    )
                })
            },
        );
    }
    group.finish();
}

criterion_group!(
    benches,
    load_save,
    layout_alone,
    drawing_and_svg,
    routing,
    diffs,
    imports
);
criterion_main!(benches);
