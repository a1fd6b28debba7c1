//! One editor frame (layout cache warm, the whole UI: panels, canvas with level of detail and culling)
//! on generated charts, at fit-to-window (everything on screen, drawn simply), six times closer, and zoomed
//! in forty times on the top.
//! Run: `cargo bench --bench frame -- --warm-up-time 1 --measurement-time 5`

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use orgchart::app::OrgchartApp;
use orgchart::app::commands::Command;

mod support;

fn editor(units: usize) -> Harness<'static, OrgchartApp> {
    support::editor_on(orgchart::generate::generate(units, 11))
}

fn bench_frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("editor frame");
    group.sample_size(20);
    for units in [1_000, 10_000, 100_000] {
        let mut harness = editor(units);
        harness.state_mut().queue(Command::FitToWindow);
        harness.run_steps(2);
        group.bench_with_input(BenchmarkId::new("fit", units), &units, |b, _| {
            b.iter(|| harness.step())
        });
        // Where links crossing the whole chart used to freeze the window (about 14 % zoom at 100k).
        harness.state_mut().queue(Command::ZoomBy(6.0));
        harness.run_steps(2);
        group.bench_with_input(BenchmarkId::new("middle", units), &units, |b, _| {
            b.iter(|| harness.step())
        });
        harness.state_mut().queue(Command::ZoomBy(40.0 / 6.0));
        harness.run_steps(2);
        group.bench_with_input(BenchmarkId::new("zoomed", units), &units, |b, _| {
            b.iter(|| harness.step())
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = support::as_users_run();
    targets = bench_frames
}
criterion_main!(benches);
