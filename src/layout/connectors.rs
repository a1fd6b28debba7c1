//! Line-management connectors: an elbow per (manager, report). Reports in a row share one bus halfway
//! through the level gap, so the elbows read as one org-chart bracket; stacked reports hang off a spine.

use super::axes::{AxisPoint, AxisRect};
use super::compact::{BlockPlace, Blocks};
use super::structure::{NONE, Structure};
use super::{Connector, Orientation, Spacing};

/// Where the compact blocks ended up: their description and the breadth-axis position of each one's left.
pub(super) struct PlacedBlocks<'a> {
    pub blocks: &'a Blocks,
    pub left: &'a [f64],
}

pub(super) fn route_all(
    structure: &Structure,
    rects: &[AxisRect],
    offsets: &[(f64, f64)],
    placed: PlacedBlocks,
    level_top: &[f64],
    spacing: &Spacing,
    axes: Orientation,
) -> Vec<Connector> {
    let PlacedBlocks {
        blocks,
        left: block_left,
    } = placed;
    let mut connectors = Vec::with_capacity(structure.len().saturating_sub(structure.roots.len()));
    for &child in &structure.order {
        let child = child as usize;
        let parent = structure.parent[child];
        if parent == NONE {
            continue;
        }
        let parent = parent as usize;
        let (p, c) = (&rects[parent], &rects[child]);
        let row_below = structure.depth[parent] as usize + 1;
        let bus = level_top[row_below] - spacing.level / 2.0 + offsets[parent].1;
        let block = blocks.of_manager[parent];
        let points = if block == NONE || !blocks.is_member[child] {
            elbow(p, c, bus)
        } else {
            let b = block as usize;
            // Members follow their manager's move, so the spine does too.
            let spine = block_left[b] + blocks.member_spine[child] + offsets[parent].0;
            match blocks.list[b].place {
                BlockPlace::Hanging { via_bus: false, .. } => hanging(c, (spine, p.d_end())),
                BlockPlace::Hanging { via_bus: true, .. } | BlockPlace::Grouped => {
                    let mut points = vec![(p.b_mid(), p.d_end()), (p.b_mid(), bus)];
                    points.extend(hanging(c, (spine, bus)));
                    points
                }
            }
        };
        connectors.push(Connector {
            parent,
            child,
            points: axes.chart_polyline(&points),
        });
    }
    connectors
}

/// From the middle of the manager's far side down to `bus`, across, and down to the middle of the report's
/// near side. A report pinned out of the row gets its own bend halfway instead of the shared bus.
fn elbow(p: &AxisRect, c: &AxisRect, bus: f64) -> Vec<AxisPoint> {
    let (from, to) = ((p.b_mid(), p.d_end()), (c.b_mid(), c.d));
    let bend = if (from.1..=to.1).contains(&bus) {
        bus
    } else {
        (from.1 + to.1) / 2.0
    };
    vec![from, (from.0, bend), (to.0, bend), to]
}

/// Down a spine from `start`, then across into the report's side facing the spine (or straight into its
/// near side when the spine runs through it).
fn hanging(c: &AxisRect, start: AxisPoint) -> Vec<AxisPoint> {
    let spine = start.0;
    if c.b >= spine {
        vec![start, (spine, c.d_mid()), (c.b, c.d_mid())]
    } else if c.b_end() <= spine {
        vec![start, (spine, c.d_mid()), (c.b_end(), c.d_mid())]
    } else {
        vec![start, (spine, c.d)]
    }
}
