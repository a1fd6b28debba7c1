//! Auto-fit: choose placers bottom-up so the whole chart comes near a target aspect ratio (the idea of
//! yFiles' aspect-ratio and compact subtree placers).
//!
//! Given the chart's width, every subtree gets a share of it as its budget: the reports of a manager share
//! its budget in proportion to how much room their subtrees need (each at least as wide as it can be made),
//! so the top levels stay rows and the reports of a crowded manager wrap. A manager keeps the view's
//! arrangement (a row, or the compact stacks) when its block fits in its budget, else its reports are
//! stacked in pairs of columns (when none has a team), or wrapped into a grid of rows at most the budget
//! wide, or stacked in one column. Block sizes are estimated bottom-up with the placers' own arithmetic (a
//! row as the sum of its reports, an upper bound of what the tidy tree packs). A narrower chart comes out
//! deeper, so the width whose estimate comes nearest the ratio is found by halving on a log scale: a fixed
//! number of linear passes, deterministic for the same chart and target.

use super::Spacing;
use super::placer::stack::pairs_breadth;
use super::placer::{Arrangement, Member, Slot, Stacking};
use super::placer::{columns, staff};
use super::plan::{chosen, in_block, view_arrangement};
use super::structure::{NONE, Structure};

/// Most balanced columns tried for one manager's teams.
const MAX_COLUMNS: usize = 12;
/// Most estimate passes of the search.
const SEARCH_STEPS: usize = 24;
/// An estimate this close to the target (as a log ratio, about 2%) ends the search.
const CLOSE_ENOUGH: f64 = 0.02;

/// Arrangements of every unit's reports bringing the chart's breadth / depth near `target`.
pub(super) fn fit(
    structure: &Structure,
    card: &[(f64, f64)],
    spacing: &Spacing,
    compact: bool,
    target: f64,
    top_columns: usize,
) -> Vec<Arrangement> {
    let mut estimate = Estimate::new(structure, card, spacing, compact, target);
    // Only in the list view, and only for a top with teams to pack.
    estimate.top_columns = if spacing.list { top_columns } else { 0 };
    let ratio = |s: Member| s.breadth / s.depth.max(1.0);
    let miss = |s: Member| (ratio(s) / target).ln().abs();
    let unlimited = estimate.run(f64::INFINITY);
    let mut best = (miss(unlimited), f64::INFINITY);
    if ratio(unlimited) > target {
        let (mut lo, mut hi) = (estimate.narrowest_chart(), unlimited.breadth);
        lo = lo.min(hi);
        for _ in 0..SEARCH_STEPS {
            if best.0 < CLOSE_ENOUGH || hi / lo < 1.001 {
                break;
            }
            let width = (lo * hi).sqrt();
            let shape = estimate.run(width);
            if miss(shape) < best.0 {
                best = (miss(shape), width);
            }
            if ratio(shape) > target {
                hi = width;
            } else {
                lo = width;
            }
        }
    }
    estimate.run(best.1);
    estimate.arrangement
}

struct Estimate<'a> {
    structure: &'a Structure,
    card: &'a [(f64, f64)],
    spacing: &'a Spacing,
    compact: bool,
    target: f64,
    /// Each unit's card over its staff band.
    node: Vec<Member>,
    /// Room each subtree's cards need, packed: what its share of a width is in proportion to.
    room: Vec<f64>,
    /// The narrowest each subtree can be made: one column of its widest box.
    narrowest: Vec<f64>,
    /// The breadth each subtree is given.
    budget: Vec<f64>,
    /// The estimated box of each unit's subtree.
    size: Vec<Member>,
    arrangement: Vec<Arrangement>,
    /// When more than one, each root's reports go in this many balanced columns, each a column's width
    /// (see `LayoutOptions::top_columns`).
    top_columns: usize,
    reports: Vec<Member>,
    leaves: Vec<Member>,
    slots: Vec<Slot>,
}

impl<'a> Estimate<'a> {
    fn new(
        structure: &'a Structure,
        card: &'a [(f64, f64)],
        spacing: &'a Spacing,
        compact: bool,
        target: f64,
    ) -> Self {
        let n = structure.len();
        let mut estimate = Self {
            structure,
            card,
            spacing,
            compact,
            target,
            node: vec![Member::default(); n],
            room: vec![0.0; n],
            narrowest: vec![0.0; n],
            budget: vec![0.0; n],
            size: vec![Member::default(); n],
            arrangement: vec![Arrangement::Row; n],
            top_columns: 0,
            reports: Vec::new(),
            leaves: Vec::new(),
            slots: Vec::new(),
        };
        estimate.measure_subtrees();
        estimate
    }

    /// Room and narrowest breadth of every subtree, and every unit's node, bottom-up (independent of width).
    fn measure_subtrees(&mut self) {
        let structure = self.structure;
        let (gap, level) = (self.spacing.sibling, self.spacing.level);
        for &v in structure.order.iter().rev() {
            let v = v as usize;
            self.reports.clear();
            for &c in structure.children(v) {
                if structure.staff[c as usize] {
                    self.reports.push(self.size[c as usize]);
                }
            }
            // Staff posts' own subtrees are estimated as they are, without a budget.
            let band = staff::arrange(&self.reports, self.card[v], self.spacing, &mut self.slots);
            self.node[v] = Member {
                breadth: band.breadth,
                depth: band.depth,
            };
            let (bw, dh) = self.card[v];
            let mut room = (bw + gap) * (dh + level / 2.0);
            let mut narrowest = band.breadth;
            for &c in structure.children(v) {
                let c = c as usize;
                room += self.room[c];
                if !structure.staff[c] {
                    narrowest = narrowest.max(self.narrowest[c] + gap);
                }
            }
            self.room[v] = room;
            self.narrowest[v] = narrowest;
            // Staff subtrees keep the view's arrangement inside: size them once here.
            self.size[v] = self.node[v];
        }
    }

    fn narrowest_chart(&self) -> f64 {
        let roots = self.structure.roots.iter();
        roots
            .map(|&r| self.narrowest[r as usize])
            .fold(1.0, f64::max)
    }

    /// Shares `breadth` among `units` (side by side, `gap` apart): each gets its narrowest and a part of the
    /// rest in proportion to its room; when even the narrowest do not fit, each gets a near-`target` shape.
    fn share(&mut self, units: impl Iterator<Item = usize> + Clone, breadth: f64, gap: f64) {
        let (mut narrowest, mut room, mut count) = (0.0, 0.0, 0usize);
        for u in units.clone() {
            narrowest += self.narrowest[u];
            room += self.room[u];
            count += 1;
        }
        let rest = breadth - narrowest - count.saturating_sub(1) as f64 * gap;
        for u in units {
            self.budget[u] = if breadth.is_infinite() {
                f64::INFINITY
            } else if rest >= 0.0 {
                self.narrowest[u] + rest * self.room[u] / room.max(f64::MIN_POSITIVE)
            } else {
                (self.room[u] * self.target)
                    .sqrt()
                    .clamp(self.narrowest[u], breadth.max(self.narrowest[u]))
            };
        }
    }

    /// Chooses every arrangement for a chart `width` wide bottom-up; returns the estimated box of the chart.
    fn run(&mut self, width: f64) -> Member {
        let structure = self.structure;
        let roots = structure.roots.iter().map(|&r| r as usize);
        self.share(roots, width, self.spacing.root);
        for &v in &structure.order {
            let v = v as usize;
            if structure.staff[v] {
                self.budget[v] = f64::INFINITY;
            }
            let reports = structure
                .children(v)
                .iter()
                .map(|&c| c as usize)
                .filter(|&c| !structure.staff[c]);
            if self.packs_top(v) {
                let column = self.budget[v] / self.top_columns as f64 - 2.0 * self.spacing.sibling;
                for c in reports {
                    self.budget[c] = column.max(self.narrowest[c]);
                }
            } else {
                self.share(reports, self.budget[v], self.spacing.sibling);
            }
        }
        for &v in structure.order.iter().rev() {
            let v = v as usize;
            self.reports.clear();
            for &c in structure.children(v) {
                if !structure.staff[c as usize] {
                    self.reports.push(self.size[c as usize]);
                }
            }
            let arrangement = match chosen(structure, v) {
                Some(chosen) => chosen,
                None if self.packs_top(v) => Arrangement::Columns(self.top_columns),
                None => self.choose(v, self.budget[v]),
            };
            self.arrangement[v] = arrangement;
            self.size[v] = self.measure(v, arrangement);
        }
        let mut whole = Member::default();
        for (k, &root) in structure.roots.iter().enumerate() {
            let root = self.size[root as usize];
            if k > 0 {
                whole.breadth += self.spacing.root;
            }
            whole.breadth += root.breadth;
            whole.depth = whole.depth.max(root.depth);
        }
        whole
    }

    /// Whether `v` is a root whose teams are packed into `top_columns` columns.
    fn packs_top(&self, v: usize) -> bool {
        let structure = self.structure;
        self.top_columns > 1
            && structure.parent[v] == NONE
            && structure
                .children(v)
                .iter()
                .filter(|&&c| !structure.staff[c as usize] && !structure.is_leaf(c as usize))
                .count()
                > self.top_columns
    }

    /// The view's arrangement when it fits within `limit`, else the narrowest stack or grid that does.
    fn choose(&mut self, v: usize, limit: f64) -> Arrangement {
        let view = view_arrangement(self.structure, v, self.compact, self.spacing.list);
        // A lone report is no narrower stacked than in its row.
        if self.reports.len() < 2 || self.measure(v, view).breadth <= limit {
            return view;
        }
        let gap = self.spacing.sibling;
        let all_leaves = self
            .structure
            .children(v)
            .iter()
            .all(|&c| self.structure.staff[c as usize] || self.structure.is_leaf(c as usize));
        if !all_leaves {
            // A grid whose rows would each hold one report reads better as a column.
            let two_fit = self
                .reports
                .windows(2)
                .any(|pair| pair[0].breadth + gap + pair[1].breadth <= limit);
            let grid = if two_fit {
                Arrangement::Grid { wrap: Some(limit) }
            } else {
                Arrangement::Stack(Stacking::Single)
            };
            return if self.spacing.list {
                self.columns_if_shallower(v, limit, grid)
            } else {
                grid
            };
        }
        let column = self.reports.iter().map(|m| m.breadth).fold(0.0, f64::max);
        let most = self.reports.len().div_ceil(2);
        match (1..=most)
            .take_while(|&pairs| pairs_breadth(pairs, column, self.spacing) <= limit)
            .last()
        {
            Some(pairs) => Arrangement::Stack(Stacking::Pairs(pairs)),
            None => Arrangement::Stack(Stacking::Single),
        }
    }

    /// Balanced columns instead of `grid` when some number of them fits `limit` and packs `v`'s uneven teams
    /// shallower: the most columns that fit, as columns only get shallower the more there are.
    fn columns_if_shallower(&mut self, v: usize, limit: f64, grid: Arrangement) -> Arrangement {
        let fits = (2..=self.reports.len().min(MAX_COLUMNS))
            .take_while(|&k| columns::estimate(&self.reports, k, self.spacing).breadth <= limit)
            .last();
        let Some(k) = fits else {
            return grid;
        };
        let packed = Arrangement::Columns(k);
        if self.measure(v, packed).depth < self.measure(v, grid).depth {
            packed
        } else {
            grid
        }
    }

    /// The box of `v`'s subtree under `arrangement`, its reports' boxes being in `self.reports`.
    fn measure(&mut self, v: usize, arrangement: Arrangement) -> Member {
        let node = self.node[v];
        if self.reports.is_empty() {
            return node;
        }
        let spacing = self.spacing;
        let (gap, level) = (spacing.sibling, spacing.level);
        let below = |breadth: f64, depth: f64| Member {
            breadth: node.breadth.max(breadth),
            depth: node.depth + level + depth,
        };
        match arrangement {
            Arrangement::Row => {
                let row = span(&self.reports, gap);
                let depth = self.reports.iter().map(|m| m.depth).fold(0.0, f64::max);
                below(row, depth)
            }
            Arrangement::RowWithLeafStack => {
                let structure = self.structure;
                self.leaves.clear();
                let mut teams = Member::default();
                let mut count = 0;
                for &c in structure.children(v) {
                    let c = c as usize;
                    if in_block(structure, arrangement, c) {
                        self.leaves.push(self.size[c]);
                    } else if !structure.staff[c] {
                        teams.breadth += self.size[c].breadth;
                        teams.depth = teams.depth.max(self.size[c].depth);
                        count += 1;
                    }
                }
                let stack = arrangement.arrange(
                    &self.leaves,
                    true,
                    self.card[v].0,
                    spacing,
                    &mut self.slots,
                );
                let row = teams.breadth + stack.breadth + count as f64 * gap;
                below(row, teams.depth.max(stack.depth))
            }
            Arrangement::Stack(_) | Arrangement::Grid { .. } | Arrangement::Columns(_) => {
                let uniform = self
                    .structure
                    .children(v)
                    .iter()
                    .all(|&c| self.structure.is_leaf(c as usize));
                let block = arrangement.arrange(
                    &self.reports,
                    uniform,
                    self.card[v].0,
                    spacing,
                    &mut self.slots,
                );
                // The manager's node centred at the block's hanging point.
                let centre = block.hang_centre.unwrap_or(block.breadth / 2.0);
                let near = (centre - node.breadth / 2.0).min(0.0);
                let far = (centre + node.breadth / 2.0).max(block.breadth);
                Member {
                    breadth: far - near,
                    depth: node.depth + level + block.depth,
                }
            }
        }
    }
}

/// Breadth of boxes side by side, `gap` apart.
fn span(boxes: &[Member], gap: f64) -> f64 {
    boxes.iter().map(|m| m.breadth).sum::<f64>() + boxes.len().saturating_sub(1) as f64 * gap
}
