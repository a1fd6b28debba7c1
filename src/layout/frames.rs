//! Frames: the chart is cut into frames, each laid out by the layered tidy tree on its own. The main frame
//! holds the roots; every report a placer puts in a block (stack or grid), and every staff post, roots a
//! frame of its own holding its subtree. Frames are laid out innermost first, so a block knows the boxes of
//! its members before the frame around it is placed, and each frame's units are placed relative to its
//! origin; one pass top-down then adds the origins up. Every unit is laid out once: linear.

use std::ops::Range;

use super::Spacing;
use super::axes::{AxisPoint, AxisRect};
use super::placer::staff::{self, Band};
use super::placer::{Arrangement, Member, Shape, Slot};
use super::plan::{Plan, in_block};
use super::structure::{NONE, Structure};
use super::tidy::{TidyTree, Walk};

/// How a unit is placed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Role {
    /// By the tidy tree of its manager's frame (or as a root of the main frame).
    Tidy,
    /// In this block of its manager's, rooting a frame of its own.
    Member(u32),
    /// In its manager's staff band, rooting a frame of its own.
    Staff,
}

pub(super) struct Block {
    pub manager: u32,
    pub arrangement: Arrangement,
    /// Where its members are listed in `Frames::members`.
    members: Range<usize>,
    pub shape: Shape,
    /// The block's corner relative to its manager's frame origin.
    rel: AxisPoint,
}

pub(super) struct Frames {
    pub role: Vec<Role>,
    pub blocks: Vec<Block>,
    /// Block of each unit that manages one, else `NONE`.
    /// Empty when there is no block.
    pub block_of: Vec<u32>,
    members: Vec<u32>,
    /// For a member or staff post: where its frame's corner sits (relative to its block's corner, or to its
    /// manager's card corner for staff) and how its connector enters it.
    pub slot: Vec<Slot>,
    /// A manager with staff: its card stands above a band.
    pub has_staff: Vec<bool>,
    /// Each card's corner relative to its frame's origin.
    rel: Vec<AxisPoint>,
    /// The level gap: a unit's bus runs halfway through the gap below its row (its node's bottom).
    level: f64,
    /// The box of each frame, by its root unit.
    /// Empty when there are no staff posts or blocks (then no unit roots a frame of its own).
    frame_size: Vec<Member>,
    tree: TidyTree,
    walk: Walk,
    /// Each unit's node with its staff band; empty when the chart has no staff posts.
    node: Vec<Band>,
    frame_depth: Vec<u32>,
    extent: Vec<f64>,
    top: Vec<f64>,
    boxes: Vec<Member>,
    slots: Vec<Slot>,
}

/// Where everything ended up, in absolute (abstract-axis) positions before pins.
pub(super) struct Placed {
    pub rects: Vec<AxisRect>,
    /// Depth of the bus below each unit.
    pub bus: Vec<f64>,
    /// Corner of each block.
    pub block_corner: Vec<AxisPoint>,
}

impl Frames {
    /// Lays out every frame of the chart.
    pub fn lay_out(
        structure: &Structure,
        card: &[(f64, f64)],
        plan: &Plan,
        spacing: &Spacing,
    ) -> Self {
        let mut frames = Self::shape(structure, plan, spacing);
        for &v in structure.order.iter().rev() {
            if frames.role[v as usize] != Role::Tidy {
                frames.frame_size[v as usize] =
                    frames.lay_out_frame(structure, card, spacing, &[v]);
            }
        }
        frames.lay_out_frame(structure, card, spacing, &structure.roots);
        frames
    }

    /// Roles, blocks and the tidy tree's shape: a manager's children there are the reports in its row, and
    /// its block (standing where the first member would have, or alone below it).
    fn shape(structure: &Structure, plan: &Plan, spacing: &Spacing) -> Self {
        let n = structure.len();
        let mut role = vec![Role::Tidy; n];
        let mut blocks = Vec::new();
        // Allocated at the first block: a chart of plain rows has none.
        let mut block_of = Vec::new();
        let mut members = Vec::new();
        let mut start = Vec::with_capacity(n + 1);
        let mut kids = Vec::with_capacity(n);
        let mut any_staff = false;
        start.push(0);
        #[allow(clippy::needless_range_loop)]
        // `v` indexes the structure and several tables at once
        for v in 0..n {
            let arranged = plan.of(structure, v);
            let first = members.len();
            for &c in structure.children(v) {
                let c = c as usize;
                if structure.staff[c] {
                    role[c] = Role::Staff;
                    any_staff = true;
                } else if in_block(structure, arranged, c) {
                    if members.len() == first {
                        // The block stands where its first member would have stood.
                        kids.push((n + blocks.len()) as u32);
                    }
                    role[c] = Role::Member(blocks.len() as u32);
                    members.push(c as u32);
                } else {
                    kids.push(c as u32);
                }
            }
            if members.len() > first {
                if block_of.is_empty() {
                    block_of = vec![NONE; n];
                }
                block_of[v] = blocks.len() as u32;
                blocks.push(Block {
                    manager: v as u32,
                    arrangement: arranged,
                    members: first..members.len(),
                    shape: Shape::default(),
                    rel: (0.0, 0.0),
                });
            }
            start.push(kids.len() as u32);
        }
        let m = n + blocks.len();
        let slotted = any_staff || !blocks.is_empty();
        start.resize(m + 1, kids.len() as u32);
        let tree = TidyTree {
            start,
            kids,
            breadth: vec![0.0; m],
            bottom: vec![0.0; m],
            // Only a manager over a block hangs at an anchor.
            anchor: if blocks.is_empty() {
                Vec::new()
            } else {
                vec![None; m]
            },
        };
        Self {
            role,
            blocks,
            block_of,
            members,
            // Only staff posts and block members have slots: none in a chart of plain rows.
            slot: vec![Slot::default(); if slotted { n } else { 0 }],
            has_staff: vec![false; n],
            rel: vec![(0.0, 0.0); n],
            level: spacing.level,
            frame_size: vec![Member::default(); if slotted { n } else { 0 }],
            tree,
            walk: Walk::new(m, spacing.sibling),
            // Without staff posts every node is its card alone (see `band`).
            node: vec![Band::default(); if any_staff { n } else { 0 }],
            frame_depth: vec![0; n],
            extent: Vec::new(),
            top: Vec::new(),
            boxes: Vec::new(),
            slots: Vec::new(),
        }
    }

    /// Lays out the frame of `roots` with its origin at its near breadth edge and its first level's top;
    /// returns its box.
    fn lay_out_frame(
        &mut self,
        structure: &Structure,
        card: &[(f64, f64)],
        spacing: &Spacing,
        roots: &[u32],
    ) -> Member {
        let n = structure.len();
        self.walk.preorder(&self.tree, roots);
        let count = self.walk.frame().len();
        // Rows: each as deep as its deepest node (a card, or a card over its staff band).
        self.extent.clear();
        for k in 0..count {
            let v = self.walk.frame()[k] as usize;
            if v >= n {
                continue;
            }
            let row = match (self.role[v], structure.parent[v]) {
                (Role::Tidy, p) if p != NONE => self.frame_depth[p as usize] + 1,
                _ => 0,
            };
            self.frame_depth[v] = row;
            if !self.node.is_empty() {
                self.node[v] = self.staff_band(structure, card, spacing, v);
            }
            let row = row as usize;
            if self.extent.len() <= row {
                self.extent.resize(row + 1, 0.0);
            }
            self.extent[row] = self.extent[row].max(self.band(card, v).depth);
        }
        self.top.clear();
        self.top.push(0.0);
        for row in 0..self.extent.len() {
            let next = self.top[row] + self.extent[row] + spacing.level;
            self.top.push(next);
        }
        // Sizes as the tidy tree sees them; blocks are arranged now that their members' boxes are known.
        for k in 0..count {
            let x = self.walk.frame()[k] as usize;
            if x < n {
                let row = self.frame_depth[x] as usize;
                self.tree.breadth[x] = self.band(card, x).breadth;
                self.tree.bottom[x] = self.top[row + 1];
                self.rel[x].1 = self.top[row];
            } else {
                let b = x - n;
                let manager = self.blocks[b].manager as usize;
                let shape = self.arrange_block(structure, card, spacing, b);
                let top = self.top[self.frame_depth[manager] as usize + 1];
                self.blocks[b].rel.1 = top;
                self.tree.breadth[x] = shape.breadth;
                // Keep half a level gap clear below the block before anything else may pass under it.
                self.tree.bottom[x] = top + shape.depth + spacing.level / 2.0;
                if let Some(centre) = shape.hang_centre {
                    self.tree.anchor[manager] =
                        Some(centre - self.band(card, manager).breadth / 2.0);
                }
            }
        }
        let far = self.walk.place(&self.tree, roots, spacing.root);
        let mut depth = 0.0f64;
        for k in 0..count {
            let x = self.walk.frame()[k] as usize;
            if x < n {
                let band = self.band(card, x);
                self.rel[x].0 = self.walk.left(x) + band.inset;
                depth = depth.max(self.rel[x].1 + band.depth);
            } else {
                let block = &mut self.blocks[x - n];
                block.rel.0 = self.walk.left(x);
                depth = depth.max(block.rel.1 + block.shape.depth);
            }
        }
        Member {
            breadth: far,
            depth,
        }
    }

    /// The node of `v` in its frame's tidy tree, once its frame has measured it.
    fn band(&self, card: &[(f64, f64)], v: usize) -> Band {
        match self.node.get(v) {
            Some(band) => *band,
            None => Band {
                breadth: card[v].0,
                depth: card[v].1,
                inset: 0.0,
            },
        }
    }

    /// The node of `v` in its frame's tidy tree: its card, over its staff band if it has staff.
    fn staff_band(
        &mut self,
        structure: &Structure,
        card: &[(f64, f64)],
        spacing: &Spacing,
        v: usize,
    ) -> Band {
        self.boxes.clear();
        for &c in structure.children(v) {
            if self.role[c as usize] == Role::Staff {
                self.boxes.push(self.frame_size[c as usize]);
            }
        }
        self.has_staff[v] = !self.boxes.is_empty();
        let band = staff::arrange(&self.boxes, card[v], spacing, &mut self.slots);
        let staff = structure
            .children(v)
            .iter()
            .filter(|&&c| self.role[c as usize] == Role::Staff);
        for (&c, slot) in staff.zip(&self.slots) {
            self.slot[c as usize] = *slot;
        }
        band
    }

    fn arrange_block(
        &mut self,
        structure: &Structure,
        card: &[(f64, f64)],
        spacing: &Spacing,
        b: usize,
    ) -> Shape {
        let block = &self.blocks[b];
        let list = &self.members[block.members.clone()];
        self.boxes.clear();
        self.boxes
            .extend(list.iter().map(|&c| self.frame_size[c as usize]));
        let uniform = list.iter().all(|&c| structure.is_leaf(c as usize));
        let manager = block.manager as usize;
        let shape = block.arrangement.arrange(
            &self.boxes,
            uniform,
            card[manager].0,
            spacing,
            &mut self.slots,
        );
        for (&c, slot) in list.iter().zip(&self.slots) {
            self.slot[c as usize] = *slot;
        }
        self.blocks[b].shape = shape;
        shape
    }

    /// Absolute positions, adding up frame origins from the roots down.
    pub fn place(&self, structure: &Structure, card: &[(f64, f64)]) -> Placed {
        let n = structure.len();
        let mut origin = vec![(0.0, 0.0); n];
        let mut rects = vec![AxisRect::default(); n];
        let mut bus = vec![0.0; n];
        let mut block_corner = vec![(0.0, 0.0); self.blocks.len()];
        for &v in &structure.order {
            let v = v as usize;
            let parent = structure.parent[v];
            let at = |(b, d): AxisPoint, (db, dd): AxisPoint| (b + db, d + dd);
            origin[v] = match (self.role[v], parent) {
                (_, NONE) => (0.0, 0.0),
                (Role::Tidy, p) => origin[p as usize],
                (Role::Member(b), _) => at(block_corner[b as usize], self.slot[v].offset),
                (Role::Staff, p) => {
                    let manager = &rects[p as usize];
                    at((manager.b, manager.d), self.slot[v].offset)
                }
            };
            let (b, d) = at(origin[v], self.rel[v]);
            rects[v] = AxisRect {
                b,
                d,
                bw: card[v].0,
                dh: card[v].1,
            };
            bus[v] = origin[v].1 + (self.tree.bottom[v] - self.level / 2.0);
            if let Some(&block) = self.block_of.get(v)
                && block != NONE
            {
                let block = block as usize;
                block_corner[block] = at(origin[v], self.blocks[block].rel);
            }
        }
        Placed {
            rects,
            bus,
            block_corner,
        }
    }
}
