//! Line-management connectors: an elbow per (manager, report). Reports in a row share one bus halfway
//! through the level gap, so the elbows read as one org-chart bracket; stacked reports hang off a spine,
//! grid rows off a bus each fed by a trunk, and staff posts off the line below their manager.

use super::axes::{AxisPoint, AxisRect};
use super::engine::offset;
use super::frames::{Frames, Placed, Role};
use super::placer::Entry;
use super::structure::{NONE, Structure};
use super::{Connector, Orientation};

/// Below this, a lane runs through the manager's middle.
const SAME: f64 = 1e-6;

pub(super) fn route_all(
    structure: &Structure,
    frames: &Frames,
    placed: &Placed,
    rects: &[AxisRect],
    offsets: &[(f64, f64)],
    axes: Orientation,
) -> Vec<Connector> {
    let mut connectors = Vec::with_capacity(structure.len().saturating_sub(structure.roots.len()));
    // Each elbow is built in `points` and simplified in `scratch`, both reused; the connector keeps its
    // points inline, so nothing is allocated per connector.
    let mut points: Vec<AxisPoint> = Vec::with_capacity(8);
    let mut scratch: Vec<AxisPoint> = Vec::with_capacity(8);
    for &child in &structure.order {
        let child = child as usize;
        let parent = structure.parent[child];
        if parent == NONE {
            continue;
        }
        let parent = parent as usize;
        let (p, c) = (&rects[parent], &rects[child]);
        // Buses, spines and trunks follow their manager's move.
        let (move_b, move_d) = offset(offsets, parent);
        let bus = placed.bus[parent] + move_d;
        points.clear();
        match frames.role[child] {
            Role::Tidy => elbow(p, c, bus, &mut points),
            Role::Staff => {
                points.push((p.b_mid(), p.d_end()));
                beside_spine(c, p.b_mid(), &mut points);
            }
            Role::Member(block) => {
                let b = block as usize;
                let (corner_b, corner_d) = placed.block_corner[b];
                let corner = (corner_b + move_b, corner_d + move_d);
                let entry = frames.slot[child].entry;
                let lane = corner.0
                    + match entry {
                        Entry::Spine(spine) => spine,
                        Entry::Bus { trunk, .. } => trunk,
                    };
                let straight = frames.blocks[b].shape.direct
                    && (!frames.has_staff[parent] || (lane - p.b_mid()).abs() < SAME);
                if straight {
                    points.push((lane, p.d_end()));
                } else {
                    points.extend([(p.b_mid(), p.d_end()), (p.b_mid(), bus), (lane, bus)]);
                }
                match entry {
                    Entry::Spine(_) => beside_spine(c, lane, &mut points),
                    Entry::Bus { bus: row_bus, .. } => {
                        let row_bus = corner.1 + row_bus;
                        points.extend([(lane, row_bus), (c.b_mid(), row_bus), (c.b_mid(), c.d)]);
                    }
                }
            }
        }
        connectors.push(Connector {
            parent,
            child,
            points: axes.chart_connector(&points, &mut scratch),
        });
    }
    connectors
}

/// From the middle of the manager's far side down to `bus`, across, and down to the middle of the report's
/// near side. A report pinned out of the row gets its own bend halfway instead of the shared bus.
fn elbow(p: &AxisRect, c: &AxisRect, bus: f64, points: &mut Vec<AxisPoint>) {
    let (from, to) = ((p.b_mid(), p.d_end()), (c.b_mid(), c.d));
    let bend = if (from.1..=to.1).contains(&bus) {
        bus
    } else {
        (from.1 + to.1) / 2.0
    };
    points.extend([from, (from.0, bend), (to.0, bend), to]);
}

/// Along a spine at breadth `spine` to the report's mid depth, then across into its side facing the spine
/// (or straight into its near side when the spine runs through it).
fn beside_spine(c: &AxisRect, spine: f64, points: &mut Vec<AxisPoint>) {
    if c.b >= spine {
        points.extend([(spine, c.d_mid()), (c.b, c.d_mid())]);
    } else if c.b_end() <= spine {
        points.extend([(spine, c.d_mid()), (c.b_end(), c.d_mid())]);
    } else {
        points.push((spine, c.d));
    }
}
