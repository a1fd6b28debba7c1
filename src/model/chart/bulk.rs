//! Many reporting lines at once, for loaders: the same result as one `move_unit` per line, in time linear in
//! the chart. One `move_unit` per line walks up the new manager's chain to refuse a cycle and searches the
//! top-level list to take the unit out of it, which made a 100,000-deep chain take over a minute to load.

use std::collections::hash_map::Entry;

use petgraph::stable_graph::NodeIndex;
use petgraph::visit::NodeIndexable;

use super::{Chart, Edge};
use crate::model::{ModelError, Unit, UnitId};

impl Chart {
    /// All units in stable pre-order (as [`Chart::units`]), each with its line manager's id: what a saver
    /// writes, without looking up each unit's manager by id.
    pub fn units_with_managers(&self) -> Vec<(&Unit, Option<&UnitId>)> {
        let mut out = Vec::with_capacity(self.len());
        let mut stack: Vec<(NodeIndex, Option<NodeIndex>)> =
            self.roots.iter().rev().map(|&n| (n, None)).collect();
        while let Some((n, parent)) = stack.pop() {
            out.push((&self.graph[n], parent.map(|p| &self.graph[p].id)));
            stack.extend(self.children.of(n).iter().rev().map(|&k| (k, Some(n))));
        }
        out
    }

    /// Adds units as top-level units, in order, as `insert_unit(unit, None, None)` for each would, for
    /// loaders: room for `count` units (how many there are) is made once and the whole load is one change.
    /// On the first unit that `insert_unit` would refuse (an empty or duplicate id, shares that do not add
    /// up), returns its position and the error, with the units before it added.
    pub fn insert_top_level_units(
        &mut self,
        units: impl Iterator<Item = Unit>,
        count: usize,
    ) -> Result<(), (usize, ModelError)> {
        self.index.reserve(count);
        self.roots.reserve(count);
        self.graph.reserve_nodes(count);
        let mut result = Ok(());
        for (k, unit) in units.enumerate() {
            if unit.id.as_str().trim().is_empty() {
                result = Err((k, ModelError::EmptyId));
                break;
            }
            // One hash of the id both refuses a duplicate and files the new unit.
            let slot = match self.index.entry(unit.id.clone()) {
                Entry::Occupied(_) => {
                    result = Err((k, ModelError::DuplicateId(unit.id)));
                    break;
                }
                Entry::Vacant(slot) => slot,
            };
            if let Err(err) = super::check_shares_of(&unit) {
                result = Err((k, err));
                break;
            }
            let node = self.graph.add_node(unit);
            slot.insert(node);
            self.roots.push(node);
        }
        self.changes.record(None, true);
        result
    }

    /// Makes each `(unit, manager)` line's unit report to its manager, appended after the manager's other
    /// reports, in order; as `move_unit(unit, Some(manager), None)` for each line in turn would.
    ///
    /// Meant for loaders, where every unit named is top-level and named once; otherwise it falls back to one
    /// `move_unit` per line. On the first line (in order) that a series of `move_unit`s would refuse (an
    /// unknown id, a unit reporting to itself, a line closing a cycle), returns its position in `lines` and
    /// the error `move_unit` would give, and the chart is left exactly as it was.
    pub fn attach_reports(
        &mut self,
        lines: &[(UnitId, UnitId)],
    ) -> Result<(), (usize, ModelError)> {
        let mut resolved = Vec::with_capacity(lines.len());
        let mut first_error = None;
        for (k, (unit, manager)) in lines.iter().enumerate() {
            let step = match (self.node(unit), self.node(manager)) {
                (Err(err), _) | (_, Err(err)) => Err(err),
                _ if unit == manager => Err(ModelError::SelfReport(unit.clone())),
                (Ok(u), Ok(m)) => Ok((u, m)),
            };
            match step {
                Ok(pair) => resolved.push(pair),
                Err(err) => {
                    first_error = Some((k, err));
                    break;
                }
            }
        }
        // Lines after the first bad one never count: a series of moves would have stopped there.
        let slots = self.graph.node_bound();
        let mut parent: Vec<Option<(NodeIndex, usize)>> = vec![None; slots];
        // A chart with no edges yet (a loader's) has no unit with a manager: asking each unit would visit
        // every node of a big chart once more, out of cache.
        let fresh = self.graph.edge_count() == 0;
        for (k, &(u, m)) in resolved.iter().enumerate() {
            if parent[u.index()].is_some() || (!fresh && self.parent_node(u).is_some()) {
                return self.attach_one_by_one(lines);
            }
            parent[u.index()] = Some((m, k));
        }
        if let Some(k) = first_cycle(&parent)
            && first_error.as_ref().is_none_or(|(bad, _)| k < *bad)
        {
            first_error = Some((k, self.cycle_error(&parent, resolved[k])));
        }
        if let Some(found) = first_error {
            return Err(found);
        }
        let mut moved = vec![false; slots];
        for &(u, m) in &resolved {
            self.graph.add_edge(m, u, Edge::Line);
            self.children.of_mut(m).push(u);
            moved[u.index()] = true;
        }
        self.roots.retain(|r| !moved[r.index()]);
        self.changes.record(None, true);
        Ok(())
    }

    /// The general case, kept for callers that break the loaders' rules; slow on deep charts.
    fn attach_one_by_one(&mut self, lines: &[(UnitId, UnitId)]) -> Result<(), (usize, ModelError)> {
        let before = self.clone();
        for (k, (unit, manager)) in lines.iter().enumerate() {
            if let Err(err) = self.move_unit(unit, Some(manager), None) {
                *self = before;
                return Err((k, err));
            }
        }
        Ok(())
    }

    /// The error `move_unit` gives for the line closing a cycle, with the path from the unit down to the
    /// manager it was to report to.
    fn cycle_error(
        &self,
        parent: &[Option<(NodeIndex, usize)>],
        (u, m): (NodeIndex, NodeIndex),
    ) -> ModelError {
        let (unit, manager) = (&self.graph[u].id, &self.graph[m].id);
        // Up from the manager to the unit along the lines before this one (every line of the cycle is).
        let mut chain = Vec::new();
        let mut cursor = Some(m);
        while let Some(n) = cursor.filter(|&n| n != u) {
            chain.push(self.graph[n].id.to_string());
            cursor = parent[n.index()].map(|(p, _)| p);
        }
        chain.push(unit.to_string());
        chain.reverse();
        ModelError::Cycle {
            unit: unit.clone(),
            manager: manager.clone(),
            path: chain.join(" → "),
        }
    }
}

/// Of the cycles that the lines make, the one closed first, as the position of its last line; linear: each
/// unit is walked up from once.
fn first_cycle(parent: &[Option<(NodeIndex, usize)>]) -> Option<usize> {
    // 0: not visited, 1: on the walk in progress, 2: done.
    let mut state = vec![0u8; parent.len()];
    let mut first: Option<usize> = None;
    let mut walk = Vec::new();
    for start in 0..parent.len() {
        let mut cursor = Some(start);
        while let Some(n) = cursor.filter(|&n| state[n] == 0) {
            state[n] = 1;
            walk.push(n);
            cursor = parent[n].map(|(p, _)| p.index());
        }
        if let Some(n) = cursor.filter(|&n| state[n] == 1) {
            // The walk came back to itself: the cycle is n and the walk after it.
            let at = walk.iter().rposition(|&w| w == n).unwrap_or(0);
            let closing = walk[at..]
                .iter()
                .filter_map(|&w| parent[w].map(|(_, k)| k))
                .max();
            first = match (first, closing) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        for &w in &walk {
            state[w] = 2;
        }
        walk.clear();
    }
    first
}
