//! The chart: units and their links in a petgraph `StableGraph`, behind an API that speaks only in unit ids.

use foldhash::HashMap;

use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};

use super::{Forest, Link, LinkKind, ModelError, Unit, UnitId};

mod bulk;
mod changes;
mod children;
pub(super) mod prefetch;

pub use changes::Change;
use changes::ChangeLog;
use children::Children;

#[cfg(test)]
thread_local! {
    /// How many times this thread looked up a unit's manager: the cost of walking up chains, counted so tests
    /// can tell that loading stays linear without timing anything.
    pub(crate) static MANAGER_LOOKUPS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

#[derive(Clone, Debug, PartialEq)]
enum Edge {
    /// Manager -> report.
    Line,
    Other {
        kind: LinkKind,
        label: String,
    },
}

#[derive(Clone, Debug, Default)]
pub struct Chart {
    title: String,
    graph: StableGraph<Unit, Edge>,
    index: HashMap<UnitId, NodeIndex>,
    /// Sibling order is meaningful to people (it is the left-to-right order on the page), so it is kept
    /// explicitly rather than left to the graph's edge order.
    roots: Vec<NodeIndex>,
    children: Children,
    /// What changed lately, so a view can redo only what an edit touched (see [`Chart::changes_since`]).
    changes: ChangeLog,
}

impl PartialEq for Chart {
    /// Two charts are equal when they hold the same units in the same places and the same links.
    fn eq(&self, other: &Self) -> bool {
        self.title == other.title
            && self.len() == other.len()
            && self.units().into_iter().all(|unit| {
                other.unit(&unit.id) == Some(unit)
                    && other.parent(&unit.id) == self.parent(&unit.id)
                    && other.children(&unit.id) == self.children(&unit.id)
            })
            && self.roots() == other.roots()
            && self.links() == other.links()
    }
}

impl Chart {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn set_title(&mut self, title: impl Into<String>) {
        self.title = title.into();
        self.changes.record(None, false);
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    pub fn contains(&self, id: &UnitId) -> bool {
        self.index.contains_key(id)
    }

    pub fn unit(&self, id: &UnitId) -> Option<&Unit> {
        self.index.get(id).map(|&n| &self.graph[n])
    }

    fn node(&self, id: &UnitId) -> Result<NodeIndex, ModelError> {
        self.index
            .get(id)
            .copied()
            .ok_or_else(|| ModelError::UnknownUnit(id.clone()))
    }

    fn parent_node(&self, node: NodeIndex) -> Option<NodeIndex> {
        #[cfg(test)]
        MANAGER_LOOKUPS.with(|n| n.set(n.get() + 1));
        self.graph
            .edges_directed(node, Direction::Incoming)
            .find(|edge| *edge.weight() == Edge::Line)
            .map(|edge| edge.source())
    }

    /// The line manager of a unit, if it has one.
    pub fn parent(&self, id: &UnitId) -> Option<&UnitId> {
        let node = *self.index.get(id)?;
        self.parent_node(node).map(|p| &self.graph[p].id)
    }

    /// Direct reports in their on-page order.
    pub fn children(&self, id: &UnitId) -> Vec<&UnitId> {
        self.index
            .get(id)
            .map(|&n| {
                self.children
                    .of(n)
                    .iter()
                    .map(|&k| &self.graph[k].id)
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn roots(&self) -> Vec<&UnitId> {
        self.roots.iter().map(|&n| &self.graph[n].id).collect()
    }

    /// All units in stable pre-order: each root, then its subtree, children in order.
    pub fn units(&self) -> Vec<&Unit> {
        let mut out = Vec::with_capacity(self.len());
        let mut stack: Vec<NodeIndex> = self.roots.iter().rev().copied().collect();
        while let Some(n) = stack.pop() {
            out.push(&self.graph[n]);
            stack.extend(self.children.of(n).iter().rev().copied());
        }
        out
    }

    /// The unit and everything below it, in pre-order.
    pub fn subtree(&self, id: &UnitId) -> Vec<&UnitId> {
        let Some(&start) = self.index.get(id) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut stack = vec![start];
        while let Some(n) = stack.pop() {
            out.push(&self.graph[n].id);
            stack.extend(self.children.of(n).iter().rev().copied());
        }
        out
    }

    /// A chart of the unit and everything below it (the unit becomes the top), with the links that join two
    /// of its units. Empty when there is no such unit.
    pub fn subtree_chart(&self, id: &UnitId) -> Chart {
        let mut out = Chart::new();
        out.set_title(self.title());
        for (i, unit_id) in self.subtree(id).into_iter().enumerate() {
            let Some(unit) = self.unit(unit_id) else {
                continue;
            };
            let parent = if i == 0 { None } else { self.parent(unit_id) };
            // Cannot fail: ids are unique and pre-order puts every manager in first.
            let _ = out.insert_unit(unit.clone(), parent, None);
        }
        for link in self.links() {
            if out.contains(&link.from) && out.contains(&link.to) {
                let _ = out.add_link(link);
            }
        }
        out
    }

    /// True when `ancestor` is `id` itself or one of its managers, however far up.
    pub fn is_at_or_above(&self, ancestor: &UnitId, id: &UnitId) -> bool {
        let (Some(&a), Some(&start)) = (self.index.get(ancestor), self.index.get(id)) else {
            return false;
        };
        let mut cursor = Some(start);
        while let Some(n) = cursor {
            if n == a {
                return true;
            }
            cursor = self.parent_node(n);
        }
        false
    }

    /// Managers from the unit's own manager up to its root.
    pub fn ancestors(&self, id: &UnitId) -> Vec<&UnitId> {
        let mut out = Vec::new();
        let mut cursor = self.index.get(id).and_then(|&n| self.parent_node(n));
        while let Some(n) = cursor {
            out.push(&self.graph[n].id);
            cursor = self.parent_node(n);
        }
        out
    }

    /// Non-line links in a stable order (by from, to, kind).
    pub fn links(&self) -> Vec<Link> {
        // Sorted as references, copied once in order: a drawing asks for every link on each build, and
        // sorting owned links moved each one about a dozen times. Ids are compared by pointer first (a
        // unit's links share its id), their text only when they differ. Ties keep the graph's edge order,
        // as the stable sort of owned links did.
        let mut links: Vec<(&UnitId, &UnitId, LinkKind, &String)> = self
            .graph
            .edge_references()
            .filter_map(|edge| match edge.weight() {
                Edge::Line => None,
                Edge::Other { kind, label } => Some((
                    &self.graph[edge.source()].id,
                    &self.graph[edge.target()].id,
                    *kind,
                    label,
                )),
            })
            .collect();
        let by_id = |a: &UnitId, b: &UnitId| {
            if a.is_same(b) {
                std::cmp::Ordering::Equal
            } else {
                a.cmp(b)
            }
        };
        links.sort_by(|a, b| {
            by_id(a.0, b.0)
                .then_with(|| by_id(a.1, b.1))
                .then(a.2.cmp(&b.2))
        });
        links
            .into_iter()
            .map(|(from, to, kind, label)| Link {
                from: from.clone(),
                to: to.clone(),
                kind,
                label: label.clone(),
            })
            .collect()
    }

    /// Links touching a unit, either end.
    pub fn links_of(&self, id: &UnitId) -> Vec<Link> {
        self.links()
            .into_iter()
            .filter(|link| &link.from == id || &link.to == id)
            .collect()
    }

    fn find_link(&self, from: NodeIndex, to: NodeIndex, kind: LinkKind) -> Option<EdgeIndex> {
        self.graph
            .edges_connecting(from, to)
            .find(|edge| matches!(edge.weight(), Edge::Other { kind: k, .. } if *k == kind))
            .map(|edge| edge.id())
    }

    /// Snapshot of the line-management forest; with `respect_collapsed`, units below a collapsed unit are left
    /// out and counted in `hidden_below`.
    pub fn forest(&self, respect_collapsed: bool) -> Forest {
        self.forest_with_units(respect_collapsed).0
    }

    /// [`Self::forest`] and each of its units, by forest index: read on the way instead of looked up by id
    /// afterwards (on a big chart the lookups cost as much as the walk).
    ///
    /// On a chart far bigger than the cache the walk mostly waits for memory: each unit, its list of
    /// reports, and its id's reference count (which the id's copy changes). So the walk asks for a unit and
    /// its list as soon as it knows it will reach them (when their manager's reports go on its stack), asks
    /// for an id's count as it reaches the unit, and copies the id of the unit reached [`ID_COPY_LAG`]
    /// steps earlier: the waits overlap instead of following one another.
    pub fn forest_with_units(&self, respect_collapsed: bool) -> (Forest, Vec<&Unit>) {
        let mut forest = Forest::with_capacity(self.len());
        let mut units: Vec<&Unit> = Vec::with_capacity(self.len());
        let addresses = prefetch::UnitAddresses::of(&self.graph);
        let mut stack: Vec<(NodeIndex, Option<usize>)> =
            self.roots.iter().rev().map(|&n| (n, None)).collect();
        while let Some((n, parent)) = stack.pop() {
            let unit = &self.graph[n];
            prefetch::id_counts(&unit.id);
            let i = units.len();
            units.push(unit);
            if let Some(earlier) = i.checked_sub(ID_COPY_LAG) {
                forest.ids.push(units[earlier].id.clone());
            }
            forest.push_shape(i, parent, unit.placer, unit.staff);
            let kids = self.children.of(n);
            if respect_collapsed && unit.collapsed && !kids.is_empty() {
                forest.hidden_below[i] = self.subtree(&unit.id).len() - 1;
                continue;
            }
            if let Some(addresses) = &addresses {
                for &kid in kids {
                    addresses.fetch(kid);
                    self.children.prefetch(kid);
                }
            }
            // Room for every report at once, instead of growing the list report by report.
            forest.children[i].reserve_exact(kids.len());
            stack.extend(kids.iter().rev().map(|&k| (k, Some(i))));
        }
        let copied = forest.ids.len();
        forest
            .ids
            .extend(units[copied..].iter().map(|unit| unit.id.clone()));
        (forest, units)
    }

    // ---- primitive changes, used by `Edit::apply` and by loaders; each checks before it changes anything ----

    /// Adds a unit under `parent` (or as a root) at `position` among its siblings (the end when `None`).
    pub fn insert_unit(
        &mut self,
        unit: Unit,
        parent: Option<&UnitId>,
        position: Option<usize>,
    ) -> Result<(), ModelError> {
        if unit.id.as_str().trim().is_empty() {
            return Err(ModelError::EmptyId);
        }
        if self.index.contains_key(&unit.id) {
            return Err(ModelError::DuplicateId(unit.id));
        }
        check_shares_of(&unit)?;
        let parent_node = parent.map(|p| self.node(p)).transpose()?;
        let id = unit.id.clone();
        let node = self.graph.add_node(unit);
        self.index.insert(id.clone(), node);
        self.attach(node, parent_node, position);
        self.changes.record(Some(id), true);
        Ok(())
    }

    fn attach(&mut self, node: NodeIndex, parent: Option<NodeIndex>, position: Option<usize>) {
        let siblings = match parent {
            Some(p) => {
                self.graph.add_edge(p, node, Edge::Line);
                self.children.of_mut(p)
            }
            None => &mut self.roots,
        };
        let at = position.unwrap_or(siblings.len()).min(siblings.len());
        siblings.insert(at, node);
    }

    /// Detaches a node from its manager; returns the old manager and sibling position.
    fn detach(&mut self, node: NodeIndex) -> (Option<NodeIndex>, usize) {
        // Only the line-management edge goes: a dotted or contract link between the same two units stays.
        let line_edge = self
            .graph
            .edges_directed(node, Direction::Incoming)
            .find(|edge| *edge.weight() == Edge::Line)
            .map(|edge| (edge.id(), edge.source()));
        let parent = line_edge.map(|(_, source)| source);
        if let Some((edge, _)) = line_edge {
            self.graph.remove_edge(edge);
        }
        let siblings = match parent {
            Some(p) => self.children.of_mut(p),
            None => &mut self.roots,
        };
        let at = siblings.iter().position(|&s| s == node).unwrap_or(0);
        if at < siblings.len() {
            siblings.remove(at);
        }
        (parent, at)
    }

    /// Where a unit sits: its manager and its position among its siblings.
    pub fn placement(&self, id: &UnitId) -> Option<(Option<UnitId>, usize)> {
        let node = *self.index.get(id)?;
        let parent = self.parent_node(node);
        let siblings = match parent {
            Some(p) => self.children.of(p),
            None => &self.roots,
        };
        let at = siblings.iter().position(|&s| s == node)?;
        Some((parent.map(|p| self.graph[p].id.clone()), at))
    }

    /// Makes `id` report to `parent` (or become a root), refusing a cycle.
    pub fn move_unit(
        &mut self,
        id: &UnitId,
        parent: Option<&UnitId>,
        position: Option<usize>,
    ) -> Result<(), ModelError> {
        let node = self.node(id)?;
        let parent_node = parent.map(|p| self.node(p)).transpose()?;
        if let Some(p) = parent {
            if p == id {
                return Err(ModelError::SelfReport(id.clone()));
            }
            if self.is_at_or_above(id, p) {
                let mut chain: Vec<String> = self
                    .ancestors(p)
                    .into_iter()
                    .take_while(|a| *a != id)
                    .map(|a| a.to_string())
                    .collect();
                chain.reverse();
                let mut path = vec![id.to_string()];
                path.extend(chain);
                path.push(p.to_string());
                return Err(ModelError::Cycle {
                    unit: id.clone(),
                    manager: p.clone(),
                    path: path.join(" → "),
                });
            }
        }
        self.detach(node);
        self.attach(node, parent_node, position);
        self.changes.record(Some(id.clone()), true);
        Ok(())
    }

    /// Removes a unit that has no reports, with its links. Returns the removed unit and its links.
    pub fn remove_leaf(&mut self, id: &UnitId) -> Result<(Unit, Vec<Link>), ModelError> {
        let node = self.node(id)?;
        if !self.children.of(node).is_empty() {
            return Err(ModelError::HasReports(id.clone()));
        }
        let links = self.links_of(id);
        self.detach(node);
        self.children.remove(node);
        self.index.remove(id);
        let unit = self
            .graph
            .remove_node(node)
            .ok_or_else(|| ModelError::UnknownUnit(id.clone()))?;
        self.changes.record(Some(id.clone()), true);
        Ok((unit, links))
    }

    /// Replaces a unit's fields; the id is the key and cannot change.
    pub fn replace_unit(&mut self, unit: Unit) -> Result<Unit, ModelError> {
        let node = self.node(&unit.id)?;
        check_shares_of(&unit)?;
        let id = unit.id.clone();
        let old = std::mem::replace(&mut self.graph[node], unit);
        let new = &self.graph[node];
        // What the forest or the layout reads, beyond what the card shows.
        let structural = old.collapsed != new.collapsed
            || old.placer != new.placer
            || old.staff != new.staff
            || old.pinned != new.pinned;
        self.changes.record(Some(id), structural);
        Ok(old)
    }

    pub fn add_link(&mut self, link: Link) -> Result<(), ModelError> {
        let from = self.node(&link.from)?;
        let to = self.node(&link.to)?;
        if from == to {
            return Err(ModelError::SelfLink(link.from));
        }
        if self.find_link(from, to, link.kind).is_some() {
            return Err(ModelError::DuplicateLink {
                from: link.from,
                to: link.to,
            });
        }
        self.graph.add_edge(
            from,
            to,
            Edge::Other {
                kind: link.kind,
                label: link.label,
            },
        );
        self.changes.record(Some(link.from), true);
        Ok(())
    }

    pub fn remove_link(&mut self, link: &Link) -> Result<Link, ModelError> {
        let unknown = || ModelError::UnknownLink {
            from: link.from.clone(),
            to: link.to.clone(),
        };
        let from = self.node(&link.from).map_err(|_| unknown())?;
        let to = self.node(&link.to).map_err(|_| unknown())?;
        let edge = self.find_link(from, to, link.kind).ok_or_else(unknown)?;
        let removed = self.graph.remove_edge(edge);
        self.changes.record(Some(link.from.clone()), true);
        match removed {
            Some(Edge::Other { kind, label }) => Ok(Link {
                from: link.from.clone(),
                to: link.to.clone(),
                kind,
                label,
            }),
            _ => Err(unknown()),
        }
    }

    /// Identifies what the chart holds: it changes with every change and is never reused in this process
    /// (two charts with the same stamp hold the same units; an unchanged new chart has 0).
    pub fn stamp(&self) -> u64 {
        self.changes.stamp()
    }

    /// The changes made since the chart had `stamp`, oldest first; `None` when that is not known (the stamp
    /// is of another chart, or too long ago). Empty when nothing changed.
    pub fn changes_since(&self, stamp: u64) -> Option<&[Change]> {
        self.changes.since(stamp)
    }

    /// An id not yet used in this chart, derived from `base` ("unit", "unit-2", ...).
    pub fn fresh_id(&self, base: &str) -> UnitId {
        let base = if base.trim().is_empty() { "unit" } else { base };
        let first = UnitId::new(base);
        if !self.contains(&first) {
            return first;
        }
        (2..)
            .map(|n| UnitId::new(format!("{base}-{n}")))
            .find(|id| !self.contains(id))
            .unwrap_or(first)
    }
}

/// A unit whose shares do not add up (or disagree with whom it is shared with) is never stored.
fn check_shares_of(unit: &Unit) -> Result<(), ModelError> {
    super::check_unit_shares(unit).map_err(|problem| ModelError::Shares {
        unit: unit.id.clone(),
        problem,
    })
}

/// How many units [`Chart::forest_with_units`] reaches before it copies a unit's id: enough for several
/// memory reads to be under way at once, few enough that the unit is still in the cache.
const ID_COPY_LAG: usize = 8;
