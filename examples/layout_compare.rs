//! Writes one generated chart's tree for the layout comparison in benches/compare/ (parents and the drawing's
//! own card sizes, as JSON for d3 and as DOT for Graphviz) and times our own layout of the very same tree.
//! Run through benches/compare/run.sh; by hand: cargo run --release --example layout_compare -- 10000 /tmp/cmp

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use orgchart::geom::{Point, Size};
use orgchart::layout::{LayoutOptions, layout};
use orgchart::render::{RenderOptions, build_drawing};

const RUNS: usize = 7;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let units: usize = args
        .next()
        .ok_or("usage: layout_compare UNITS OUT_DIR")?
        .parse()?;
    let out_dir = PathBuf::from(args.next().ok_or("usage: layout_compare UNITS OUT_DIR")?);
    std::fs::create_dir_all(&out_dir)?;

    let chart = orgchart::generate::generate(units, 7);
    let forest = chart.forest(false);
    let drawing = build_drawing(&chart, &RenderOptions::default());
    if drawing.cards.len() != forest.len() {
        return Err("the drawing does not have one card per unit".into());
    }
    let sizes: Vec<Size> = drawing
        .cards
        .iter()
        .map(|card| Size::new(card.rect.w, card.rect.h))
        .collect();

    let mut json = String::from("[");
    let mut dot = String::from(
        "digraph chart {\n  graph [nodesep=0.33, ranksep=0.78];\n  node [shape=box, fixedsize=true, label=\"\"];\n",
    );
    for (i, size) in sizes.iter().enumerate() {
        let parent = forest.parent[i].map_or(-1, |p| p as i64);
        let separator = if i == 0 { "" } else { "," };
        write!(
            json,
            "{separator}{{\"id\":{i},\"parent\":{parent},\"w\":{},\"h\":{}}}",
            size.w, size.h
        )?;
        // Graphviz sizes are in inches (72 points).
        writeln!(
            dot,
            "  n{i} [width={:.3}, height={:.3}];",
            size.w / 72.0,
            size.h / 72.0
        )?;
        if parent >= 0 {
            writeln!(dot, "  n{parent} -> n{i};")?;
        }
    }
    json.push(']');
    dot.push_str("}\n");
    std::fs::write(out_dir.join("tree.json"), json)?;
    std::fs::write(out_dir.join("tree.dot"), dot)?;

    let pinned: Vec<Option<Point>> = vec![None; forest.len()];
    let options = LayoutOptions::default();
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let placed = layout(&forest, &sizes, &pinned, &options);
            std::hint::black_box(placed);
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!("{:.2}", times[RUNS / 2]);
    Ok(())
}
