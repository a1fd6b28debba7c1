//! A dense, index-based snapshot of the line-management forest, the input of layout and rendering.

use super::{Placer, UnitId};

/// Units in stable pre-order (roots in chart order, each followed by its subtree).
/// Index `i` in every vector refers to the same unit.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Forest {
    pub ids: Vec<UnitId>,
    pub parent: Vec<Option<usize>>,
    pub children: Vec<Vec<usize>>,
    pub roots: Vec<usize>,
    /// How many units are hidden below each unit by collapsing (0 when expanded or a leaf).
    pub hidden_below: Vec<usize>,
    /// How each unit's reports are arranged. May be shorter than `ids`: a missing entry is `Placer::Auto`.
    pub placer: Vec<Placer>,
    /// Staff posts, drawn beside the line from their manager. May be shorter than `ids`: missing is `false`.
    pub staff: Vec<bool>,
}

impl Forest {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// An empty forest with room for `units` units.
    pub fn with_capacity(units: usize) -> Self {
        Self {
            ids: Vec::with_capacity(units),
            parent: Vec::with_capacity(units),
            children: Vec::with_capacity(units),
            roots: Vec::new(),
            hidden_below: Vec::with_capacity(units),
            placer: Vec::with_capacity(units),
            staff: Vec::with_capacity(units),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Appends a unit under `parent` (an index already pushed) or as a root; keeps pre-order when called
    /// in pre-order.
    pub fn push(
        &mut self,
        id: UnitId,
        parent: Option<usize>,
        placer: Placer,
        staff: bool,
    ) -> usize {
        let i = self.ids.len();
        self.ids.push(id);
        self.push_shape(i, parent, placer, staff);
        i
    }

    /// [`Forest::push`] of unit `i` (the next one) without its id, which the caller pushes itself (maybe
    /// later: see `Chart::forest_with_units`).
    pub(crate) fn push_shape(
        &mut self,
        i: usize,
        parent: Option<usize>,
        placer: Placer,
        staff: bool,
    ) {
        debug_assert_eq!(i, self.parent.len());
        self.parent.push(parent);
        self.children.push(Vec::new());
        self.hidden_below.push(0);
        self.placer.push(placer);
        self.staff.push(staff);
        match parent {
            Some(p) => self.children[p].push(i),
            None => self.roots.push(i),
        }
    }

    /// Units "u0", "u1", ... from each one's manager, listed in pre-order (managers first), every placer
    /// Auto: the small hand-made trees of the layout and pagination tests.
    #[cfg(test)]
    pub(crate) fn from_parents(parents: &[Option<usize>]) -> Self {
        let mut forest = Self::default();
        for (i, parent) in parents.iter().enumerate() {
            forest.push(UnitId::new(format!("u{i}")), *parent, Placer::Auto, false);
        }
        forest
    }

    pub fn index_of(&self, id: &UnitId) -> Option<usize> {
        self.ids.iter().position(|candidate| candidate == id)
    }

    /// Depth of every unit: roots are 0.
    pub fn depths(&self) -> Vec<usize> {
        let mut depth = vec![0; self.len()];
        for i in 0..self.len() {
            if let Some(p) = self.parent[i] {
                depth[i] = depth[p] + 1;
            }
        }
        depth
    }
}
