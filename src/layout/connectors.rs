//! Line-management connectors: an elbow per (manager, report). Reports in a row share one bus halfway
//! through the level gap, so the elbows read as one org-chart bracket; stacked reports hang off a spine.

use super::axes::{AxisPoint, AxisRect};
use super::compact::Blocks;
use super::structure::{NONE, Structure};
use super::{Connector, Orientation, Spacing};

pub(super) fn route_all(
    structure: &Structure,
    rects: &[AxisRect],
    offsets: &[(f64, f64)],
    blocks: &Blocks,
    level_top: &[f64],
    spacing: &Spacing,
    axes: Orientation,
) -> Vec<Connector> {
    let mut connectors = Vec::with_capacity(structure.len().saturating_sub(structure.roots.len()));
    for &child in &structure.order {
        let child = child as usize;
        let parent = structure.parent[child];
        if parent == NONE {
            continue;
        }
        let parent = parent as usize;
        let (p, c) = (&rects[parent], &rects[child]);
        let points = match blocks.of_manager[parent] {
            NONE => {
                let row_below = structure.depth[parent] as usize + 1;
                let bus = level_top[row_below] - spacing.level / 2.0 + offsets[parent].1;
                elbow(p, c, bus)
            }
            b => hanging(p, c, p.b + blocks.list[b as usize].spine),
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

/// Down a spine at breadth `spine` from the manager's far side, then across into the report's side facing
/// the spine (or straight into its near side when the spine runs through it).
fn hanging(p: &AxisRect, c: &AxisRect, spine: f64) -> Vec<AxisPoint> {
    let start = (spine, p.d_end());
    if c.b >= spine {
        vec![start, (spine, c.d_mid()), (c.b, c.d_mid())]
    } else if c.b_end() <= spine {
        vec![start, (spine, c.d_mid()), (c.b_end(), c.d_mid())]
    } else {
        vec![start, (spine, c.d)]
    }
}
