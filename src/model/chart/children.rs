//! Each unit's direct reports, kept by node index beside the graph: walking a big chart looks them up
//! once per unit, and indexing a vector costs far less than hashing into a map.

use petgraph::stable_graph::NodeIndex;

#[derive(Clone, Debug, Default)]
pub(super) struct Children(Vec<Vec<NodeIndex>>);

impl Children {
    /// The reports of `node` in their on-page order (none for a node never given any).
    pub(super) fn of(&self, node: NodeIndex) -> &[NodeIndex] {
        self.0.get(node.index()).map_or(&[], Vec::as_slice)
    }

    /// The list of `node`'s reports, to change.
    pub(super) fn of_mut(&mut self, node: NodeIndex) -> &mut Vec<NodeIndex> {
        let at = node.index();
        if self.0.len() <= at {
            self.0.resize_with(at + 1, Vec::new);
        }
        &mut self.0[at]
    }

    /// Asks for the memory where `node`'s list is kept, before a walk reads it (see `prefetch`).
    #[inline]
    pub(super) fn prefetch(&self, node: NodeIndex) {
        super::prefetch::line(self.0.as_ptr().wrapping_add(node.index()).cast());
    }

    /// Forgets `node`'s list: the graph may give its index to a new unit.
    pub(super) fn remove(&mut self, node: NodeIndex) {
        if let Some(kids) = self.0.get_mut(node.index()) {
            *kids = Vec::new();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_removed_nodes_index_starts_with_no_reports() {
        let mut children = Children::default();
        children.of_mut(NodeIndex::new(3)).push(NodeIndex::new(1));
        assert_eq!(children.of(NodeIndex::new(3)), &[NodeIndex::new(1)]);
        assert!(children.of(NodeIndex::new(7)).is_empty());
        children.remove(NodeIndex::new(3));
        assert!(children.of(NodeIndex::new(3)).is_empty());
    }
}
