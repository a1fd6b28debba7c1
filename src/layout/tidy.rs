//! Van der Ploeg's linear-time tidy tree (2014, "Drawing non-layered tidy trees in linear time", after
//! Walker 1990 and Buchheim-Junger-Leipert 2002), computing the breadth position of every node.
//!
//! Each node is a box `breadth` wide reaching down to `bottom` on the depth axis; the caller fixes depths, so
//! the layered form comes from giving every node of a level the same bottom (the next level's top). The
//! algorithm only needs a node's children to start at or below its bottom. Both walks are iterative, so a
//! 100k-deep chain does not overflow the stack. Subtrees of different roots are laid out separately and set
//! side by side by their bounding extents, `root_gap` apart.

use super::structure::NONE;

pub(super) struct TidyTree {
    /// Children of node `v` are `kids[start[v]..start[v + 1]]`.
    pub start: Vec<u32>,
    pub kids: Vec<u32>,
    pub breadth: Vec<f64>,
    pub bottom: Vec<f64>,
    /// For a node with one child: its near breadth edge relative to the child's, instead of centring.
    /// Empty when no node has an anchor.
    pub anchor: Vec<Option<f64>>,
}

impl TidyTree {
    fn children(&self, v: usize) -> &[u32] {
        &self.kids[self.start[v] as usize..self.start[v + 1] as usize]
    }
}

/// Near breadth edge of every node reachable from the roots (others stay 0), all roots side by side.
#[cfg(test)]
pub(super) fn place(tree: &TidyTree, gap: f64, root_gap: f64) -> Vec<f64> {
    let mut walk = Walk::new(tree.breadth.len(), gap);
    let mut is_child = vec![false; tree.breadth.len()];
    for &k in &tree.kids {
        is_child[k as usize] = true;
    }
    let roots: Vec<u32> = (0..tree.breadth.len() as u32)
        .filter(|&v| !is_child[v as usize])
        .collect();
    walk.preorder(tree, &roots);
    walk.place(tree, &roots, root_gap);
    walk.prelim
}

/// Moves one root's subtree so its near extent is at `cursor`; returns its far extent.
fn set_beside(tree: &TidyTree, run: &[u32], left: &mut [f64], cursor: f64) -> f64 {
    let near = run
        .iter()
        .map(|&v| left[v as usize])
        .fold(f64::INFINITY, f64::min);
    let far = run
        .iter()
        .map(|&v| left[v as usize] + tree.breadth[v as usize])
        .fold(f64::NEG_INFINITY, f64::max);
    let shift = cursor - near;
    for &v in run {
        left[v as usize] += shift;
    }
    far + shift
}

/// Per-node state of the walks, named as in the paper: `prelim` is the position relative to the parent's
/// frame, `modifier` shifts a whole subtree, `shift`/`change` spread extra room over middle siblings,
/// threads continue a contour past a leaf, and the extremes are the deepest nodes on each side with the
/// modifier sums leading to them.
///
/// Each node is in one frame, and the first walk of a frame is done with its nodes before the second walk
/// starts: so the second walk keeps its modifier sums in `modsum_left`, and the placed near edges in
/// `prelim` (at 1M units every per-node table is 8 MB of fresh pages).
pub(super) struct Walk {
    gap: f64,
    prelim: Vec<f64>,
    modifier: Vec<f64>,
    shift: Vec<f64>,
    change: Vec<f64>,
    thread_left: Vec<u32>,
    thread_right: Vec<u32>,
    extreme_left: Vec<u32>,
    extreme_right: Vec<u32>,
    modsum_left: Vec<f64>,
    modsum_right: Vec<f64>,
    /// "Index of lowest y" list of the paper, newest (shallowest) entry last: (bottom, sibling index).
    lowest: Vec<(f64, usize)>,
    /// The current frame in pre-order, and where each of its roots' runs starts.
    order: Vec<u32>,
    runs: Vec<usize>,
    stack: Vec<u32>,
}

impl Walk {
    /// State for a tree of `m` nodes. Every node may be placed once, in one frame.
    pub fn new(m: usize, gap: f64) -> Self {
        Self {
            gap,
            prelim: vec![0.0; m],
            modifier: vec![0.0; m],
            shift: vec![0.0; m],
            change: vec![0.0; m],
            thread_left: vec![NONE; m],
            thread_right: vec![NONE; m],
            extreme_left: vec![NONE; m],
            extreme_right: vec![NONE; m],
            modsum_left: vec![0.0; m],
            modsum_right: vec![0.0; m],
            lowest: Vec::new(),
            order: Vec::new(),
            runs: Vec::new(),
            stack: Vec::new(),
        }
    }

    /// Lays out the frame last collected by [`Walk::preorder`] (the subtrees of `roots`) side by side,
    /// `root_gap` apart, the frame's near extent at 0; returns the far extent. The near breadth edge of
    /// each node of the frame is then [`Walk::left`].
    pub fn place(&mut self, tree: &TidyTree, roots: &[u32], root_gap: f64) -> f64 {
        for k in (0..self.order.len()).rev() {
            let v = self.order[k] as usize;
            self.first_walk(tree, v);
        }
        self.second_walk(tree, roots);
        let mut cursor = 0.0;
        let mut far = 0.0;
        for run in self.runs.windows(2) {
            far = set_beside(tree, &self.order[run[0]..run[1]], &mut self.prelim, cursor);
            cursor = far + root_gap;
        }
        far
    }

    /// Near breadth edge of node `v` of the frame last placed.
    pub fn left(&self, v: usize) -> f64 {
        self.prelim[v]
    }

    /// The nodes of the frame last placed, in pre-order.
    pub fn frame(&self) -> &[u32] {
        &self.order
    }

    /// Collects the frame of `roots` in pre-order (no node twice: each node has one parent), so the caller
    /// can size its nodes before [`Walk::place`].
    pub fn preorder(&mut self, tree: &TidyTree, roots: &[u32]) {
        self.order.clear();
        self.runs.clear();
        for &root in roots {
            self.runs.push(self.order.len());
            self.stack.push(root);
            while let Some(v) = self.stack.pop() {
                self.order.push(v);
                self.stack.extend(tree.children(v as usize).iter().rev());
            }
        }
        self.runs.push(self.order.len());
    }

    /// Runs after all of `v`'s children are done; children are independent, so reverse pre-order works.
    fn first_walk(&mut self, tree: &TidyTree, v: usize) {
        let kids = tree.children(v);
        if kids.is_empty() {
            self.set_extremes(tree, v);
            return;
        }
        self.lowest.clear();
        let first = kids[0] as usize;
        self.lowest
            .push((tree.bottom[self.extreme_left[first] as usize], 0));
        for i in 1..kids.len() {
            let lowest_of_new = tree.bottom[self.extreme_right[kids[i] as usize] as usize];
            self.separate(tree, kids, i);
            while self
                .lowest
                .last()
                .is_some_and(|&(low, _)| lowest_of_new >= low)
            {
                self.lowest.pop();
            }
            self.lowest.push((lowest_of_new, i));
        }
        self.position_root(tree, v, kids);
        self.set_extremes(tree, v);
    }

    fn set_extremes(&mut self, tree: &TidyTree, v: usize) {
        let kids = tree.children(v);
        match (kids.first(), kids.last()) {
            (Some(&first), Some(&last)) => {
                self.extreme_left[v] = self.extreme_left[first as usize];
                self.modsum_left[v] = self.modsum_left[first as usize];
                self.extreme_right[v] = self.extreme_right[last as usize];
                self.modsum_right[v] = self.modsum_right[last as usize];
            }
            _ => {
                self.extreme_left[v] = v as u32;
                self.extreme_right[v] = v as u32;
                self.modsum_left[v] = 0.0;
                self.modsum_right[v] = 0.0;
            }
        }
    }

    /// Pushes child `i` right until its left contour clears the right contour of children `0..i`.
    fn separate(&mut self, tree: &TidyTree, kids: &[u32], i: usize) {
        let mut sr = kids[i - 1];
        let mut modsum_sr = self.modifier[sr as usize];
        let mut cl = kids[i];
        let mut modsum_cl = self.modifier[cl as usize];
        let mut cursor = self.lowest.len() - 1;
        while sr != NONE && cl != NONE {
            let (s, c) = (sr as usize, cl as usize);
            while cursor > 0 && tree.bottom[s] > self.lowest[cursor].0 {
                cursor -= 1;
            }
            let overlap = (modsum_sr + self.prelim[s] + tree.breadth[s] + self.gap)
                - (modsum_cl + self.prelim[c]);
            if overlap > 0.0 {
                modsum_cl += overlap;
                self.move_subtree(kids, i, self.lowest[cursor].1, overlap);
            }
            let (sy, cy) = (tree.bottom[s], tree.bottom[c]);
            if sy <= cy {
                sr = self.next_right_contour(tree, s);
                if sr != NONE {
                    modsum_sr += self.modifier[sr as usize];
                }
            }
            if sy >= cy {
                cl = self.next_left_contour(tree, c);
                if cl != NONE {
                    modsum_cl += self.modifier[cl as usize];
                }
            }
        }
        if sr == NONE && cl != NONE {
            self.set_left_thread(kids, i, cl as usize, modsum_cl);
        } else if sr != NONE && cl == NONE {
            self.set_right_thread(kids, i, sr as usize, modsum_sr);
        }
    }

    fn move_subtree(&mut self, kids: &[u32], i: usize, from_sibling: usize, distance: f64) {
        let c = kids[i] as usize;
        self.modifier[c] += distance;
        self.modsum_left[c] += distance;
        self.modsum_right[c] += distance;
        if from_sibling + 1 != i {
            let count = (i - from_sibling) as f64;
            self.shift[kids[from_sibling + 1] as usize] += distance / count;
            self.shift[c] -= distance / count;
            self.change[c] -= distance - distance / count;
        }
    }

    fn next_left_contour(&self, tree: &TidyTree, v: usize) -> u32 {
        tree.children(v)
            .first()
            .copied()
            .unwrap_or(self.thread_left[v])
    }

    fn next_right_contour(&self, tree: &TidyTree, v: usize) -> u32 {
        tree.children(v)
            .last()
            .copied()
            .unwrap_or(self.thread_right[v])
    }

    fn set_left_thread(&mut self, kids: &[u32], i: usize, cl: usize, modsum_cl: f64) {
        let (first, current) = (kids[0] as usize, kids[i] as usize);
        let li = self.extreme_left[first] as usize;
        self.thread_left[li] = cl as u32;
        // Keep li where it is while making the modifier sum along the thread come out right at cl.
        let diff = (modsum_cl - self.modifier[cl]) - self.modsum_left[first];
        self.modifier[li] += diff;
        self.prelim[li] -= diff;
        self.extreme_left[first] = self.extreme_left[current];
        self.modsum_left[first] = self.modsum_left[current];
    }

    fn set_right_thread(&mut self, kids: &[u32], i: usize, sr: usize, modsum_sr: f64) {
        let (previous, current) = (kids[i - 1] as usize, kids[i] as usize);
        let ri = self.extreme_right[current] as usize;
        self.thread_right[ri] = sr as u32;
        let diff = (modsum_sr - self.modifier[sr]) - self.modsum_right[current];
        self.modifier[ri] += diff;
        self.prelim[ri] -= diff;
        self.extreme_right[current] = self.extreme_right[previous];
        self.modsum_right[current] = self.modsum_right[previous];
    }

    /// Centres `v` over the middles of its first and last child, or hangs it at its anchor.
    fn position_root(&mut self, tree: &TidyTree, v: usize, kids: &[u32]) {
        let near_edge = |c: usize| self.prelim[c] + self.modifier[c];
        let first = kids[0] as usize;
        let last = kids[kids.len() - 1] as usize;
        self.prelim[v] = match tree.anchor.get(v).copied().flatten() {
            Some(offset) if kids.len() == 1 => near_edge(first) + offset,
            _ => {
                let first_mid = near_edge(first) + tree.breadth[first] / 2.0;
                let last_mid = near_edge(last) + tree.breadth[last] / 2.0;
                (first_mid + last_mid) / 2.0 - tree.breadth[v] / 2.0
            }
        };
    }

    /// Absolute positions: accumulates modifiers top-down, spreading the deferred shifts among siblings.
    fn second_walk(&mut self, tree: &TidyTree, roots: &[u32]) {
        for &root in roots {
            self.modsum_left[root as usize] = self.modifier[root as usize];
        }
        for k in 0..self.order.len() {
            let v = self.order[k] as usize;
            self.prelim[v] += self.modsum_left[v];
            let mut shift = 0.0;
            let mut delta = 0.0;
            for &c in tree.children(v) {
                let c = c as usize;
                shift += self.shift[c];
                delta += shift + self.change[c];
                self.modifier[c] += delta;
                self.modsum_left[c] = self.modsum_left[v] + self.modifier[c];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a layered tree from parent links (parents before children), all nodes 10 deep and 10 apart.
    fn tree(parents: &[Option<usize>], breadth: &[f64]) -> TidyTree {
        let n = parents.len();
        let mut depth = vec![0usize; n];
        let mut children = vec![Vec::new(); n];
        for (v, p) in parents.iter().enumerate() {
            if let Some(p) = p {
                depth[v] = depth[*p] + 1;
                children[*p].push(v as u32);
            }
        }
        let mut start = vec![0u32];
        let mut kids = Vec::new();
        for c in &children {
            kids.extend(c);
            start.push(kids.len() as u32);
        }
        TidyTree {
            start,
            kids,
            breadth: breadth.to_vec(),
            bottom: depth.iter().map(|&d| (d as f64 + 1.0) * 20.0).collect(),
            anchor: vec![None; n],
        }
    }

    #[test]
    fn parent_is_centred_over_its_children() {
        let t = tree(
            &[None, Some(0), Some(0), Some(0)],
            &[50.0, 10.0, 20.0, 30.0],
        );
        let left = place(&t, 5.0, 0.0);
        assert_eq!(&left[1..], [0.0, 15.0, 40.0]);
        let first_mid = 5.0;
        let last_mid = 55.0;
        assert_eq!(left[0] + 25.0, (first_mid + last_mid) / 2.0);
    }

    /// Every two nodes of one row are at least `gap` apart, in child order.
    fn assert_rows_clear(t: &TidyTree, left: &[f64], gap: f64) {
        for a in 0..left.len() {
            for b in 0..left.len() {
                if a != b && t.bottom[a] == t.bottom[b] && left[a] <= left[b] {
                    assert!(
                        left[a] + t.breadth[a] + gap <= left[b] + 1e-9,
                        "{a} and {b} overlap: {left:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn deep_subtrees_clear_each_other_through_threads() {
        // 0 -> (1 -> 3 -> 4, 2, 5 -> 6 -> 7): 7 is two rows below 2 and must clear 4 via the threads.
        let parents = [
            None,
            Some(0),
            Some(0),
            Some(1),
            Some(3),
            Some(0),
            Some(5),
            Some(6),
        ];
        let t = tree(
            &parents,
            &[10.0, 10.0, 10.0, 10.0, 100.0, 10.0, 10.0, 100.0],
        );
        let left = place(&t, 1.0, 0.0);
        assert_rows_clear(&t, &left, 1.0);
        assert!(left[7] >= left[4] + 101.0 - 1e-9);
        assert!(left[1] < left[2] && left[2] < left[5]);
    }

    #[test]
    fn a_push_caused_by_an_earlier_sibling_is_shared_with_the_siblings_between() {
        // 0 -> (1 -> 7 -> 8, 2, 3 -> (4, 5, 6)), gap 0, all 10 wide but 4 (200).
        // Centred over its row, 3 hangs 152.5 right of 4; 4 must clear 7 (under 1), which pushes 3
        // by 10 more than the row above needs. That push is caused by 1, so 2 gets half of it.
        let parents = [
            None,
            Some(0),
            Some(0),
            Some(0),
            Some(3),
            Some(3),
            Some(3),
            Some(1),
            Some(7),
        ];
        let mut t = tree(&parents, &[10.0; 9]);
        t.breadth[4] = 200.0;
        let left = place(&t, 0.0, 0.0);
        assert_rows_clear(&t, &left, 0.0);
        assert_eq!(left[4], left[7] + 10.0);
        assert_eq!(left[3], left[4] + 152.5);
        assert_eq!(left[2], left[1] + 10.0 + 5.0, "{left:?}");
    }

    #[test]
    fn chains_of_a_hundred_thousand_do_not_overflow_the_stack() {
        let n: usize = 100_000;
        let parents: Vec<Option<usize>> = (0..n).map(|v| v.checked_sub(1)).collect();
        let t = tree(&parents, &vec![10.0; n]);
        let left = place(&t, 1.0, 0.0);
        assert!(left.iter().all(|&x| x == 0.0));
    }

    #[test]
    fn roots_sit_side_by_side_by_their_extents() {
        let t = tree(&[None, Some(0), Some(0), None], &[10.0, 40.0, 40.0, 10.0]);
        let left = place(&t, 10.0, 7.0);
        assert_eq!(left[1], 0.0);
        assert_eq!(left[2], 50.0);
        assert_eq!(left[3], 90.0 + 7.0);
    }
}
