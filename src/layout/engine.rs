//! Puts the pieces together: checked structure, compact blocks, level rows, tidy placement, pins,
//! connectors, and the mapping back from abstract axes to the chart.

use super::axes::AxisRect;
use super::compact::{BlockPlace, Blocks};
use super::structure::{NONE, Structure};
use super::tidy::{self, TidyTree};
use super::{Layout, LayoutOptions, Spacing, connectors};
use crate::geom::{Point, Rect, Size};
use crate::model::Forest;

pub(super) fn run(
    forest: &Forest,
    sizes: &[Size],
    pinned: &[Option<Point>],
    options: &LayoutOptions,
) -> Layout {
    if forest.is_empty() {
        return Layout::default();
    }
    let axes = options.orientation;
    let spacing = Spacing::from_options(options);
    let structure = Structure::build(forest);
    let size: Vec<(f64, f64)> = (0..structure.len())
        .map(|i| axes.axis_size(sizes.get(i)))
        .collect();
    // First cut of auto-fit: stacking leaf teams is the narrowing the engine has so far.
    let blocks = if options.compact || options.target_aspect.is_some() {
        Blocks::plan(&structure, &size, &spacing)
    } else {
        Blocks::none(structure.len())
    };
    let levels = Levels::measure(&structure, &size, &blocks, spacing.level);
    let tree = tidy_tree(&structure, &size, &blocks, &levels, &spacing);
    let left = tidy::place(&tree, spacing.sibling, spacing.root);

    let auto = automatic_rects(&structure, &size, &blocks, &levels, &left);
    let offsets = pin_offsets(&structure, &auto, pinned, options);
    let rects: Vec<AxisRect> = auto
        .iter()
        .zip(&offsets)
        .map(|(r, &(db, dd))| r.translate(db, dd))
        .collect();
    let n = structure.len();
    let block_left: Vec<f64> = (0..blocks.list.len()).map(|b| left[n + b]).collect();
    let connectors = connectors::route_all(
        &structure,
        &rects,
        &offsets,
        connectors::PlacedBlocks {
            blocks: &blocks,
            left: &block_left,
        },
        &levels.top,
        &spacing,
        axes,
    );

    let rects: Vec<Rect> = rects.into_iter().map(|r| axes.chart_rect(r)).collect();
    let bounds = Rect::bounding(&rects).unwrap_or_default();
    Layout {
        rects,
        connectors,
        bounds,
    }
}

/// Rows of the layered layout: every card of a depth starts at `top[depth]`; a row is as deep as its
/// deepest card (stacked compact members excluded, they hang below their block's row).
pub(super) struct Levels {
    /// One entry per depth plus one, so `top[depth + 1]` always exists.
    pub top: Vec<f64>,
}

impl Levels {
    fn measure(
        structure: &Structure,
        size: &[(f64, f64)],
        blocks: &Blocks,
        level_gap: f64,
    ) -> Self {
        let rows = structure.depth.iter().max().map_or(0, |&d| d as usize + 1);
        let mut extent = vec![0.0f64; rows];
        for v in 0..structure.len() {
            if !blocks.is_member[v] {
                let row = &mut extent[structure.depth[v] as usize];
                *row = row.max(size[v].1);
            }
        }
        let mut top = Vec::with_capacity(rows + 1);
        let mut cursor = 0.0;
        top.push(cursor);
        for e in extent {
            cursor += e + level_gap;
            top.push(cursor);
        }
        Self { top }
    }
}

/// The tree the tidy algorithm sees: units `0..n` (block members left out) and blocks `n..n + blocks`.
fn tidy_tree(
    structure: &Structure,
    size: &[(f64, f64)],
    blocks: &Blocks,
    levels: &Levels,
    spacing: &Spacing,
) -> TidyTree {
    let n = structure.len();
    let m = n + blocks.list.len();
    let mut start = Vec::with_capacity(m + 1);
    let mut kids = Vec::with_capacity(m);
    let mut breadth = Vec::with_capacity(m);
    let mut bottom = Vec::with_capacity(m);
    let mut anchor = vec![None; m];
    start.push(0);
    for v in 0..n {
        let depth = structure.depth[v] as usize;
        breadth.push(size[v].0);
        bottom.push(levels.top[depth + 1]);
        match blocks.of_manager[v] {
            NONE if blocks.is_member[v] => {}
            NONE => kids.extend_from_slice(structure.children(v)),
            b => {
                let block = (n + b as usize) as u32;
                match blocks.list[b as usize].place {
                    BlockPlace::Hanging { manager_offset, .. } => {
                        kids.push(block);
                        anchor[v] = Some(manager_offset);
                    }
                    BlockPlace::Grouped => {
                        // The group stands where its first member would have stood.
                        let mut placed = false;
                        for &c in structure.children(v) {
                            if !blocks.is_member[c as usize] {
                                kids.push(c);
                            } else if !placed {
                                kids.push(block);
                                placed = true;
                            }
                        }
                    }
                }
            }
        }
        start.push(kids.len() as u32);
    }
    for block in &blocks.list {
        let top = levels.top[structure.depth[block.manager as usize] as usize + 1];
        breadth.push(block.breadth);
        // Keep half a level gap clear below the stack before anything else may pass under it.
        bottom.push(top + block.depth + spacing.level / 2.0);
        start.push(kids.len() as u32);
    }
    TidyTree {
        start,
        kids,
        roots: structure.roots.clone(),
        breadth,
        bottom,
        anchor,
    }
}

fn automatic_rects(
    structure: &Structure,
    size: &[(f64, f64)],
    blocks: &Blocks,
    levels: &Levels,
    left: &[f64],
) -> Vec<AxisRect> {
    let n = structure.len();
    (0..n)
        .map(|v| {
            let (bw, dh) = size[v];
            let top = levels.top[structure.depth[v] as usize];
            if blocks.is_member[v] {
                let block = blocks.of_manager[structure.parent[v] as usize] as usize;
                let (ob, od) = blocks.member_offset[v];
                AxisRect {
                    b: left[n + block] + ob,
                    d: top + od,
                    bw,
                    dh,
                }
            } else {
                AxisRect {
                    b: left[v],
                    d: top,
                    bw,
                    dh,
                }
            }
        })
        .collect()
}

/// How far each card moves from its automatic place: to its own pin, else as far as its manager moved.
fn pin_offsets(
    structure: &Structure,
    auto: &[AxisRect],
    pinned: &[Option<Point>],
    options: &LayoutOptions,
) -> Vec<(f64, f64)> {
    let mut offsets = vec![(0.0, 0.0); structure.len()];
    for &v in &structure.order {
        let v = v as usize;
        let pin = pinned
            .get(v)
            .copied()
            .flatten()
            .filter(|p| p.x.is_finite() && p.y.is_finite());
        offsets[v] = match pin {
            Some(pin) => {
                let (b, d) = options.orientation.axis_point(pin);
                (b - auto[v].b, d - auto[v].d)
            }
            None => match structure.parent[v] {
                NONE => (0.0, 0.0),
                p => offsets[p as usize],
            },
        };
    }
    offsets
}
