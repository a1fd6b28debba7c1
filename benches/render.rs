//! Drawing and export cost (SVG, PNG, one-page PDF) on synthetic charts of 1k and 10k units.
//! Run: `cargo bench --bench render -- --warm-up-time 1 --measurement-time 3`.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use orgchart::model::{
    Chart, Cost, CostBasis, Link, LinkKind, Span, Status, Unit, UnitId, UnitKind,
};
use orgchart::render::{RenderOptions, build_drawing, to_pdf, to_png, to_svg};

const NAMES: [&str; 8] = [
    "Finance",
    "Adult Social Care",
    "Strategic Commissioning Board",
    "Customer Contact Centre",
    "Planning and Regulatory Services",
    "Deputy Chief Operating Officer for Commercial and Customer Services",
    "ICT",
    "Relationship Managers",
];

/// A tree with up to six reports per manager, varied names, ranges, statuses and a link every 50 units.
fn synthetic_chart(units: usize) -> Chart {
    let mut chart = Chart::new();
    chart.set_title(format!("Synthetic chart of {units} units"));
    for i in 0..units {
        let mut unit = Unit::new(format!("u{i}"), format!("{} {i}", NAMES[i % NAMES.len()]))
            .with_role(if i % 3 == 0 { "Head of service" } else { "" })
            .with_kind(if i == 0 {
                UnitKind::Directorate
            } else {
                UnitKind::Team
            })
            .with_headcount(if i % 4 == 0 {
                Span::range(11.0, 15.0)
            } else {
                Span::exact((i % 40 + 1) as f64)
            })
            .with_cost(Cost {
                amount: Span::exact(35_000.0 + (i % 7) as f64 * 5_000.0),
                basis: CostBasis::PerPost,
                on_cost_rate: Some(0.25),
                estimate: i % 5 == 0,
            });
        unit.status = match i % 11 {
            1 => Status::Outsourced {
                provider: "ServicePartner plc".into(),
            },
            2 => Status::Shared {
                with: vec!["Eastvale".into()],
            },
            3 => Status::Vacant,
            5 => Status::New,
            _ => Status::InHouse,
        };
        let parent = (i > 0).then(|| UnitId::new(format!("u{}", (i - 1) / 6)));
        chart
            .insert_unit(unit, parent.as_ref(), None)
            .expect("a fresh id under an existing manager");
    }
    for i in (60..units).step_by(50) {
        let kind = LinkKind::ALL[i % 3];
        let _ = chart.add_link(Link::new(format!("u{i}"), format!("u{}", i - 37), kind));
    }
    chart
}

fn render(c: &mut Criterion) {
    let mut group = c.benchmark_group("render");
    group.sample_size(10);
    for units in [1_000usize, 10_000] {
        let chart = synthetic_chart(units);
        let options = RenderOptions::default();
        group.bench_with_input(
            BenchmarkId::new("build_drawing", units),
            &chart,
            |b, chart| b.iter(|| black_box(build_drawing(chart, &options))),
        );
        let drawing = build_drawing(&chart, &options);
        group.bench_with_input(BenchmarkId::new("to_svg", units), &drawing, |b, drawing| {
            b.iter(|| black_box(to_svg(drawing)))
        });
        // The picture of a wide chart is enormous; rasterise it with its longest side at
        // 8192 pixels, as an export of a big chart would be asked for.
        let longest = drawing.bounds.w.max(drawing.bounds.h);
        let scale = (8192.0 / longest).min(1.0);
        eprintln!(
            "render/to_png/{units}: chart {:.0} x {:.0} units, scale {scale:.4}",
            drawing.bounds.w, drawing.bounds.h
        );
        group.bench_with_input(BenchmarkId::new("to_png", units), &drawing, |b, drawing| {
            b.iter(|| black_box(to_png(drawing, scale).expect("the picture fits")))
        });
        group.bench_with_input(BenchmarkId::new("to_pdf", units), &drawing, |b, drawing| {
            b.iter(|| black_box(to_pdf(drawing).expect("one page")))
        });
    }
    group.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
