//! A chart split into a PDF of pages: pagination alone, and the whole export (pagination, one drawing per
//! page, the index, the PDF with bookmarks) on the generator's realistic charts.
//! Run: `cargo bench --bench pages -- --warm-up-time 1 --measurement-time 3`.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use orgchart::generate::generate;
use orgchart::page_export::{PaperOptions, export_pages, paged_document};
use orgchart::render::RenderOptions;

fn paper() -> PaperOptions {
    PaperOptions {
        paper: "a4-landscape".parse().expect("a known paper"),
        date: "1 December 2026".to_owned(),
        cards: None,
    }
}

fn pages(c: &mut Criterion) {
    let mut group = c.benchmark_group("pages");
    group.sample_size(10);
    for units in [1_000usize, 10_000] {
        let chart = generate(units, 7);
        let options = RenderOptions::default();
        group.bench_with_input(
            BenchmarkId::new("page_drawings", units),
            &chart,
            |b, chart| {
                b.iter(|| black_box(paged_document(chart, &options, &paper()).drawings.len()));
            },
        );
        group.bench_with_input(BenchmarkId::new("pdf", units), &chart, |b, chart| {
            b.iter(|| {
                black_box(export_pages(chart, &options, &paper()).map(|(bytes, _)| bytes.len()))
            });
        });
    }
    group.finish();
}

criterion_group!(benches, pages);
criterion_main!(benches);
