//! Lays out a generated chart over and over, timing each layout by the wall clock and by this thread's time
//! on a CPU (which a loaded machine inflates much less): a driver for `perf record` and `perf stat`
//! (see PERFORMANCE.md, layout). Same chart, card sizes and options as pipeline `layout/N`.
//! Run: cargo run --release --example layout_profile -- 1000000 10
//! Only the layouts under perf: `mkfifo ctl; PERF_CTL=ctl perf record --control fifo:ctl -D -1 ...`

use std::io::Write;
use std::time::Instant;

use orgchart::generate::generate;
use orgchart::geom::{Point, Size};
use orgchart::layout::{LayoutOptions, layout};

fn main() {
    let mut args = std::env::args().skip(1);
    let units = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let runs: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(10)
        .max(1);
    let chart = generate(units, 7);
    let forest = chart.forest(false);
    drop(chart);
    let sizes: Vec<Size> = (0..forest.len())
        .map(|i| Size::new(150.0 + (i % 5) as f32 * 20.0, 60.0 + (i % 3) as f32 * 14.0))
        .collect();
    let pinned: Vec<Option<Point>> = vec![None; forest.len()];
    let options = LayoutOptions::default();
    if let Some(ctl) = std::env::var_os("PERF_CTL") {
        let enabled = std::fs::OpenOptions::new()
            .write(true)
            .open(&ctl)
            .and_then(|mut f| f.write_all(b"enable\n"));
        if let Err(e) = enabled {
            eprintln!("PERF_CTL: {e}");
        }
    }
    let (mut wall, mut cpu) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let (c, t) = (on_cpu_ns(), Instant::now());
        drop(std::hint::black_box(layout(
            &forest, &sizes, &pinned, &options,
        )));
        wall.push(t.elapsed().as_secs_f64() * 1e3);
        cpu.push(on_cpu_ns().saturating_sub(c) as f64 / 1e6);
    }
    wall.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    println!(
        "layout of {units} units, {runs} runs: median {:.1} ms wall, {:.1} ms on a CPU (min {:.1} / {:.1})",
        wall[runs / 2],
        cpu[runs / 2],
        wall[0],
        cpu[0]
    );
}

/// Time this thread has spent on a CPU (the first field of its schedstat), in nanoseconds.
fn on_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|f| f.parse().ok()))
        .unwrap_or(0)
}
