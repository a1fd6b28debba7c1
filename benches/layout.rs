//! Layout speed on synthetic forests of 1k, 10k and 100k units: top-down, compact, and auto-fit to 16:10.
//! Run: cargo bench --bench layout -- --warm-up-time 1 --measurement-time 3

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use orgchart::geom::Size;
use orgchart::layout::{LayoutOptions, layout};
use orgchart::model::{Forest, UnitId};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A forest in pre-order shaped like a large organisation: each new unit goes under the previous one
/// (35%), beside it (45%) or under a shallower manager on the current path; card sizes vary.
fn synthetic_forest(n: usize, seed: u64) -> (Forest, Vec<Size>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut forest = Forest::default();
    let mut path: Vec<usize> = Vec::new();
    for i in 0..n {
        let parent = if path.is_empty() {
            None
        } else {
            let r: f64 = rng.random();
            if r >= 0.35 {
                let pop = if r < 0.8 || path.len() == 1 {
                    1
                } else {
                    rng.random_range(1..path.len())
                };
                path.truncate(path.len().saturating_sub(pop).max(1));
            }
            path.last().copied()
        };
        forest.ids.push(UnitId::new(format!("u{i}")));
        forest.parent.push(parent);
        forest.children.push(Vec::new());
        forest.hidden_below.push(0);
        match parent {
            Some(p) => forest.children[p].push(i),
            None => forest.roots.push(i),
        }
        path.push(i);
    }
    let sizes = (0..n)
        .map(|_| Size::new(rng.random_range(120.0..220.0), rng.random_range(48.0..80.0)))
        .collect();
    (forest, sizes)
}

fn bench_layout(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout");
    for n in [1_000, 10_000, 100_000] {
        let (forest, sizes) = synthetic_forest(n, n as u64);
        let pinned = vec![None; n];
        // Auto-fit (View -> Fit layout, `--fit`) chooses placers for a 16:10 window or page.
        for (name, compact, target_aspect) in [
            ("top-down", false, None),
            ("compact", true, None),
            ("auto-fit", false, Some(1.6)),
        ] {
            let options = LayoutOptions {
                compact,
                target_aspect,
                ..LayoutOptions::default()
            };
            group.bench_with_input(BenchmarkId::new(name, n), &n, |b, _| {
                b.iter(|| layout(black_box(&forest), &sizes, &pinned, &options))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_layout);
criterion_main!(benches);
