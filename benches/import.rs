//! Import speed of synthetic UK organogram pairs (senior + junior staff files) of about 5k and 50k rows,
//! and RON load/save of a generated 10k-unit chart.
//! Run: cargo bench --bench import -- --warm-up-time 1 --measurement-time 3

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use orgchart::io::import::{ImportFormat, InputFile, import_inputs};
use orgchart::io::organogram::synthetic::{SyntheticOptions, generate};

fn organogram_import(c: &mut Criterion) {
    let mut group = c.benchmark_group("import_organogram");
    group.sample_size(10);
    // About one senior post for every ten junior rows, as in the published files.
    for (senior_posts, junior_rows) in [(500, 4_500), (5_000, 45_000)] {
        let pair = generate(&SyntheticOptions {
            seed: 3,
            senior_posts,
            junior_rows,
            quirks: true,
        });
        let rows = senior_posts + junior_rows;
        group.throughput(Throughput::Elements(rows as u64));
        group.bench_with_input(BenchmarkId::from_parameter(rows), &pair, |b, pair| {
            b.iter(|| {
                let report = import_inputs(
                    InputFile {
                        name: "senior.csv",
                        bytes: pair.senior_csv.as_bytes(),
                    },
                    Some(InputFile {
                        name: "junior.csv",
                        bytes: pair.junior_csv.as_bytes(),
                    }),
                    ImportFormat::Auto,
                )
                .expect("a synthetic pair imports");
                assert_eq!(report.units_created, rows);
                black_box(report)
            })
        });
    }
    group.finish();
}

fn document_load_save(c: &mut Criterion) {
    let units = 10_000;
    let chart = orgchart::generate::generate(units, 1);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("chart.ron");
    orgchart::io::save(&chart, &path).expect("the chart saves");
    let mut group = c.benchmark_group("document_10k_units");
    group.sample_size(10);
    group.throughput(Throughput::Elements(units as u64));
    group.bench_function("save", |b| {
        b.iter(|| orgchart::io::save(black_box(&chart), &path).expect("the chart saves"))
    });
    group.bench_function("load", |b| {
        b.iter(|| black_box(orgchart::io::load(&path).expect("the chart loads")))
    });
    group.finish();
}

criterion_group!(benches, organogram_import, document_load_save);
criterion_main!(benches);
