//! Reversible edit commands: every change to a chart goes through `Edit::apply`, which returns the edit that
//! undoes it. The editor's undo/redo is a stack of these.

use crate::geom::Point;

use super::{Chart, Link, ModelError, Unit, UnitId};

// Edits live on an undo stack of at most a few thousand entries, so an unboxed unit costs little memory
// and keeps every construction site plain.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    AddUnit {
        unit: Unit,
        parent: Option<UnitId>,
        position: Option<usize>,
    },
    /// Removes a unit that has no reports (and its links).
    RemoveUnit {
        id: UnitId,
    },
    Reparent {
        id: UnitId,
        parent: Option<UnitId>,
        position: Option<usize>,
    },
    /// Replaces every field of the unit with the same id.
    UpdateUnit(Box<Unit>),
    AddLink(Link),
    RemoveLink(Link),
    SetPinned {
        id: UnitId,
        pinned: Option<Point>,
    },
    SetCollapsed {
        id: UnitId,
        collapsed: bool,
    },
    /// Several edits as one step; applied all or none.
    Batch(Vec<Edit>),
}

impl Edit {
    /// Applies the edit and returns its inverse. On error the chart is unchanged.
    pub fn apply(self, chart: &mut Chart) -> Result<Edit, ModelError> {
        match self {
            Edit::AddUnit {
                unit,
                parent,
                position,
            } => {
                let id = unit.id.clone();
                chart.insert_unit(unit, parent.as_ref(), position)?;
                Ok(Edit::RemoveUnit { id })
            }
            Edit::RemoveUnit { id } => {
                let (parent, position) = chart
                    .placement(&id)
                    .ok_or_else(|| ModelError::UnknownUnit(id.clone()))?;
                let (unit, links) = chart.remove_leaf(&id)?;
                let mut restore = vec![Edit::AddUnit {
                    unit,
                    parent,
                    position: Some(position),
                }];
                restore.extend(links.into_iter().map(Edit::AddLink));
                Ok(Edit::Batch(restore))
            }
            Edit::Reparent {
                id,
                parent,
                position,
            } => {
                let (old_parent, old_position) = chart
                    .placement(&id)
                    .ok_or_else(|| ModelError::UnknownUnit(id.clone()))?;
                chart.move_unit(&id, parent.as_ref(), position)?;
                Ok(Edit::Reparent {
                    id,
                    parent: old_parent,
                    position: Some(old_position),
                })
            }
            Edit::UpdateUnit(unit) => {
                let old = chart.replace_unit(*unit)?;
                Ok(Edit::UpdateUnit(Box::new(old)))
            }
            Edit::AddLink(link) => {
                chart.add_link(link.clone())?;
                Ok(Edit::RemoveLink(link))
            }
            Edit::RemoveLink(link) => {
                let removed = chart.remove_link(&link)?;
                Ok(Edit::AddLink(removed))
            }
            Edit::SetPinned { id, pinned } => {
                let mut unit = chart
                    .unit(&id)
                    .cloned()
                    .ok_or_else(|| ModelError::UnknownUnit(id.clone()))?;
                let old = std::mem::replace(&mut unit.pinned, pinned);
                chart.replace_unit(unit)?;
                Ok(Edit::SetPinned { id, pinned: old })
            }
            Edit::SetCollapsed { id, collapsed } => {
                let mut unit = chart
                    .unit(&id)
                    .cloned()
                    .ok_or_else(|| ModelError::UnknownUnit(id.clone()))?;
                let old = std::mem::replace(&mut unit.collapsed, collapsed);
                chart.replace_unit(unit)?;
                Ok(Edit::SetCollapsed { id, collapsed: old })
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(chart) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(err) => {
                            // Roll back what this batch already did so a refused batch changes nothing.
                            for inverse in inverses.into_iter().rev() {
                                let _ = inverse.apply(chart);
                            }
                            return Err(err);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Batch(inverses))
            }
        }
    }

    /// Deletes a unit and everything below it.
    pub fn remove_subtree(chart: &Chart, id: &UnitId) -> Result<Edit, ModelError> {
        if !chart.contains(id) {
            return Err(ModelError::UnknownUnit(id.clone()));
        }
        // Children before parents, so each removal is of a unit with no reports left.
        let edits = chart
            .subtree(id)
            .into_iter()
            .rev()
            .map(|unit| Edit::RemoveUnit { id: unit.clone() })
            .collect();
        Ok(Edit::Batch(edits))
    }

    /// Deletes a unit and moves its reports up to its own manager, in its place.
    pub fn remove_lifting_reports(chart: &Chart, id: &UnitId) -> Result<Edit, ModelError> {
        let (parent, position) = chart
            .placement(id)
            .ok_or_else(|| ModelError::UnknownUnit(id.clone()))?;
        let mut edits: Vec<Edit> = chart
            .children(id)
            .into_iter()
            .enumerate()
            .map(|(offset, child)| Edit::Reparent {
                id: child.clone(),
                parent: parent.clone(),
                position: Some(position + 1 + offset),
            })
            .collect();
        edits.push(Edit::RemoveUnit { id: id.clone() });
        Ok(Edit::Batch(edits))
    }
}
