//! A checked, compact copy of the forest's shape: every unit exactly once, parents before children.
//! A hand-built or damaged `Forest` (bad indices, a unit listed twice, units missing from `roots`) is
//! repaired here instead of panicking: a unit reached twice keeps its first parent, and units that no root
//! reaches become extra roots in index order.

use crate::model::{Forest, Placer};

pub(super) const NONE: u32 = u32::MAX;

pub(super) struct Structure {
    /// Pre-order: each root followed by its subtree, siblings in forest order.
    pub order: Vec<u32>,
    pub parent: Vec<u32>,
    pub roots: Vec<u32>,
    /// The user's choice of placer for each unit's reports.
    pub placer: Vec<Placer>,
    /// Staff posts; never a root.
    pub staff: Vec<bool>,
    /// Children of unit `i` are `kids[kids_start[i]..kids_start[i + 1]]`.
    kids_start: Vec<u32>,
    kids: Vec<u32>,
}

impl Structure {
    pub fn build(forest: &Forest) -> Self {
        let n = forest.len();
        let mut order = Vec::with_capacity(n);
        let mut parent = vec![NONE; n];
        let mut roots = Vec::new();
        let mut seen = vec![false; n];
        let mut stack: Vec<u32> = Vec::new();
        for root in forest.roots.iter().copied().chain(0..n) {
            if root >= n || seen[root] {
                continue;
            }
            seen[root] = true;
            roots.push(root as u32);
            stack.push(root as u32);
            while let Some(v) = stack.pop() {
                order.push(v);
                let first_pushed = stack.len();
                for &c in forest
                    .children
                    .get(v as usize)
                    .map_or(&[][..], Vec::as_slice)
                {
                    if c < n && !seen[c] {
                        seen[c] = true;
                        parent[c] = v;
                        stack.push(c as u32);
                    }
                }
                stack[first_pushed..].reverse();
            }
        }

        let mut kids_start = vec![0u32; n + 1];
        for &p in &parent {
            if p != NONE {
                kids_start[p as usize + 1] += 1;
            }
        }
        for i in 0..n {
            kids_start[i + 1] += kids_start[i];
        }
        let mut fill = kids_start.clone();
        let mut kids = vec![0u32; kids_start[n] as usize];
        for &v in &order {
            let p = parent[v as usize];
            if p != NONE {
                kids[fill[p as usize] as usize] = v;
                fill[p as usize] += 1;
            }
        }
        let placer = (0..n)
            .map(|i| forest.placer.get(i).copied().unwrap_or_default())
            .collect();
        let staff = (0..n)
            .map(|i| parent[i] != NONE && forest.staff.get(i).copied().unwrap_or(false))
            .collect();
        Self {
            order,
            parent,
            roots,
            placer,
            staff,
            kids_start,
            kids,
        }
    }

    pub fn len(&self) -> usize {
        self.parent.len()
    }

    pub fn children(&self, v: usize) -> &[u32] {
        &self.kids[self.kids_start[v] as usize..self.kids_start[v + 1] as usize]
    }

    pub fn is_leaf(&self, v: usize) -> bool {
        self.kids_start[v] == self.kids_start[v + 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::UnitId;

    fn forest(children: Vec<Vec<usize>>, roots: Vec<usize>) -> Forest {
        let n = children.len();
        Forest {
            ids: (0..n).map(|i| UnitId::new(format!("u{i}"))).collect(),
            parent: vec![None; n],
            children,
            roots,
            hidden_below: vec![0; n],
            ..Forest::default()
        }
    }

    #[test]
    fn preorder_keeps_sibling_order() {
        let s = Structure::build(&forest(vec![vec![1, 3], vec![2], vec![], vec![]], vec![0]));
        assert_eq!(s.order, [0, 1, 2, 3]);
        assert_eq!(s.children(0), [1, 3]);
        assert_eq!(s.parent, [NONE, 0, 1, 0]);
    }

    #[test]
    fn damaged_forests_are_repaired_not_panicked_on() {
        // 9 is out of range, 2 is listed under two parents, 1 <-> 3 is a cycle nobody roots, roots name 7.
        let s = Structure::build(&forest(
            vec![vec![2, 9], vec![3], vec![], vec![1, 2]],
            vec![0, 7],
        ));
        assert_eq!(s.roots, [0, 1]);
        assert_eq!(s.order, [0, 2, 1, 3]);
        assert_eq!(s.parent, [NONE, NONE, 0, 1]);
        assert_eq!(s.children(3), [] as [u32; 0]);
    }
}
