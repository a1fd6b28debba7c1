//! Hints that ask the processor for memory a walk of a big chart is about to read, so the reads of several
//! units are under way at once instead of one after another (on a chart far bigger than the cache, the
//! forest walk spends most of its time waiting for each unit's memory). A prefetch reads nothing and never
//! faults, whatever the address: a wrong guess costs a little time and changes no result.

use petgraph::stable_graph::{NodeIndex, StableGraph};

use crate::model::{Unit, UnitId};

pub(super) use crate::prefetch::line;

/// Asks for the memory an id's copy touches: its reference counts, the 16 bytes just before its text (the
/// same cache line or the one before it).
#[inline]
pub(in crate::model) fn id_counts(id: &UnitId) {
    let text = id.as_str().as_ptr();
    line(text.wrapping_sub(16));
    line(text);
}

/// Where the graph keeps each unit, worked out from the addresses of two of them: the graph stores its
/// nodes in one vector, so unit `k` sits at `base + k * stride`. Knowing the address without reading the
/// graph lets a walk ask for units it has not reached yet.
pub(super) struct UnitAddresses {
    base: usize,
    stride: usize,
}

impl UnitAddresses {
    /// `None` when the graph has fewer than two units or the two found disagree with one vector (then
    /// nothing is prefetched).
    pub(super) fn of<E>(graph: &StableGraph<Unit, E>) -> Option<Self> {
        let mut nodes = graph.node_indices();
        let (a, b) = (nodes.next()?, nodes.next()?);
        let address = |n: NodeIndex| std::ptr::from_ref(&graph[n]) as usize;
        let (low, high) = (address(a), address(b));
        let apart = b.index().checked_sub(a.index()).filter(|&d| d > 0)?;
        let span = high.checked_sub(low)?;
        let stride = span / apart;
        let fits = span % apart == 0 && stride >= size_of::<Unit>();
        let base = low.checked_sub(a.index().checked_mul(stride)?)?;
        fits.then_some(Self { base, stride })
    }

    /// Asks for the parts of unit `node` a forest walk reads: its start (where the graph tells a live unit
    /// from a removed one), its id and the flags beside it.
    #[inline]
    pub(super) fn fetch(&self, node: NodeIndex) {
        let start = self
            .base
            .wrapping_add(node.index().wrapping_mul(self.stride));
        for offset in [
            0,
            std::mem::offset_of!(Unit, id),
            std::mem::offset_of!(Unit, collapsed),
        ] {
            line(start.wrapping_add(offset) as *const u8);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_found_where_the_graph_keeps_them_even_past_removed_ones() {
        let mut graph: StableGraph<Unit, ()> = StableGraph::new();
        let nodes: Vec<NodeIndex> = (0..6)
            .map(|i| graph.add_node(Unit::new(format!("u{i}"), "Unit")))
            .collect();
        graph.remove_node(nodes[0]);
        graph.remove_node(nodes[3]);
        let addresses = UnitAddresses::of(&graph).unwrap();
        for &n in [1, 2, 4, 5].iter().map(|&i| &nodes[i]) {
            let at = addresses.base + n.index() * addresses.stride;
            assert_eq!(at, std::ptr::from_ref(&graph[n]) as usize);
            addresses.fetch(n);
        }
        let mut lone: StableGraph<Unit, ()> = StableGraph::new();
        assert!(UnitAddresses::of(&lone).is_none());
        lone.add_node(Unit::new("only", "Only"));
        assert!(UnitAddresses::of(&lone).is_none());
    }
}
