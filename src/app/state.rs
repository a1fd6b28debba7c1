//! The open document and what the user has selected: the one place where the chart changes.
//!
//! Every change is a `model::Edit`; applying it yields its inverse, which goes on the undo stack. The
//! revision counter tells the canvas, totals and find when to recompute.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::model::{Chart, Edit, ModelError, UnitId};

/// Builds one edit from the chart as the previous edits of a sequence left it.
pub type EditBuilder<'a> = Box<dyn Fn(&Chart) -> Result<Edit, ModelError> + 'a>;

/// One undoable step: the edit that takes the chart back (or forward, on the redo stack).
struct Step {
    edit: Edit,
    /// Identifies the document state this step leads to, so "unsaved" survives undo back to the saved state.
    state_id: u64,
    label: String,
}

/// Revisions come from one counter for the whole process, so a newly opened document never shares a revision
/// with the one it replaces (caches keyed by revision would otherwise keep showing the old chart).
fn next_revision() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    COUNTER.fetch_add(1, Ordering::Relaxed) + 1
}

pub struct Document {
    /// Shared, not copied, with a worker still counting the chart just opened (see
    /// [`Self::shared_chart`]); an edit while it is shared works on a copy of its own.
    chart: Arc<Chart>,
    path: Option<PathBuf>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Changed on every change (edit, undo, redo, load): caches compare it.
    revision: u64,
    next_state_id: u64,
    saved_state_id: u64,
}

impl Document {
    pub fn new(chart: Chart, path: Option<PathBuf>) -> Self {
        Self {
            chart: Arc::new(chart),
            path,
            undo: Vec::new(),
            redo: Vec::new(),
            revision: next_revision(),
            next_state_id: 1,
            saved_state_id: 0,
        }
    }

    /// A chart that exists only in memory and counts as unsaved (e.g. just imported), so closing or opening
    /// another file asks first.
    pub fn unsaved(chart: Chart) -> Self {
        let mut doc = Self::new(chart, None);
        doc.saved_state_id = u64::MAX;
        doc
    }

    /// A chart restored from a recovery copy: unsaved, and saving writes to the file it was a copy of.
    pub fn recovered(chart: Chart, path: Option<PathBuf>) -> Self {
        let mut doc = Self::new(chart, path);
        doc.saved_state_id = u64::MAX;
        doc
    }

    pub fn chart(&self) -> &Chart {
        &self.chart
    }

    /// The chart, shared with whoever reads it off this thread while the document goes on.
    pub fn shared_chart(&self) -> Arc<Chart> {
        Arc::clone(&self.chart)
    }

    fn chart_mut(&mut self) -> &mut Chart {
        Arc::make_mut(&mut self.chart)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    fn state_id(&self) -> u64 {
        self.undo.last().map_or(0, |step| step.state_id)
    }

    /// True when the chart differs from what was last opened or saved.
    pub fn is_dirty(&self) -> bool {
        self.state_id() != self.saved_state_id
    }

    /// The file name shown in the title, or "Untitled".
    pub fn display_name(&self) -> String {
        self.path
            .as_deref()
            .and_then(Path::file_name)
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Untitled".to_owned())
    }

    /// Applies one edit as one undo step. A refused edit changes nothing and is returned as the error.
    pub fn apply(&mut self, edit: Edit, label: impl Into<String>) -> Result<(), ModelError> {
        let inverse = edit.apply(self.chart_mut())?;
        let state_id = self.next_state_id;
        self.next_state_id += 1;
        self.undo.push(Step {
            edit: inverse,
            state_id,
            label: label.into(),
        });
        self.redo.clear();
        self.revision = next_revision();
        Ok(())
    }

    /// Applies edits built one after another against the chart as each leaves it (e.g. deleting several units,
    /// where each deletion shifts the next one's position), as a single undo step. All or nothing.
    pub fn apply_sequence(
        &mut self,
        label: impl Into<String>,
        builders: Vec<EditBuilder<'_>>,
    ) -> Result<(), ModelError> {
        let mut inverses = Vec::with_capacity(builders.len());
        for build in builders {
            let outcome = build(&self.chart).and_then(|edit| edit.apply(self.chart_mut()));
            match outcome {
                Ok(inverse) => inverses.push(inverse),
                Err(err) => {
                    for inverse in inverses.into_iter().rev() {
                        let _ = inverse.apply(self.chart_mut());
                    }
                    return Err(err);
                }
            }
        }
        inverses.reverse();
        let state_id = self.next_state_id;
        self.next_state_id += 1;
        self.undo.push(Step {
            edit: Edit::Batch(inverses),
            state_id,
            label: label.into(),
        });
        self.redo.clear();
        self.revision = next_revision();
        Ok(())
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|step| step.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|step| step.label.as_str())
    }

    /// Undoes the last step; returns its label.
    pub fn undo(&mut self) -> Result<Option<String>, ModelError> {
        let Some(step) = self.undo.pop() else {
            return Ok(None);
        };
        match step.edit.clone().apply(self.chart_mut()) {
            Ok(forward) => {
                self.redo.push(Step {
                    edit: forward,
                    state_id: step.state_id,
                    label: step.label.clone(),
                });
                self.revision = next_revision();
                Ok(Some(step.label))
            }
            Err(err) => {
                // Inverses are built from the state they undo, so this means a bug; keep the step.
                self.undo.push(step);
                Err(err)
            }
        }
    }

    pub fn redo(&mut self) -> Result<Option<String>, ModelError> {
        let Some(step) = self.redo.pop() else {
            return Ok(None);
        };
        match step.edit.clone().apply(self.chart_mut()) {
            Ok(inverse) => {
                self.undo.push(Step {
                    edit: inverse,
                    state_id: step.state_id,
                    label: step.label.clone(),
                });
                self.revision = next_revision();
                Ok(Some(step.label))
            }
            Err(err) => {
                self.redo.push(step);
                Err(err)
            }
        }
    }

    /// Records that the chart as it is now was written to `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.saved_state_id = self.state_id();
        self.revision = next_revision();
    }
}

/// Selected units, in the order they were picked; the last one is the primary (inspector, totals).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    ids: Vec<UnitId>,
}

impl Selection {
    pub fn ids(&self) -> &[UnitId] {
        &self.ids
    }

    pub fn primary(&self) -> Option<&UnitId> {
        self.ids.last()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn contains(&self, id: &UnitId) -> bool {
        self.ids.contains(id)
    }

    pub fn set(&mut self, id: UnitId) {
        self.ids.clear();
        self.ids.push(id);
    }

    pub fn set_many(&mut self, ids: Vec<UnitId>) {
        self.ids = ids;
    }

    pub fn clear(&mut self) {
        self.ids.clear();
    }

    /// Adds the unit, or removes it when already selected (Shift/Ctrl-click).
    pub fn toggle(&mut self, id: UnitId) {
        if let Some(at) = self.ids.iter().position(|s| *s == id) {
            self.ids.remove(at);
        } else {
            self.ids.push(id);
        }
    }

    pub fn add(&mut self, id: UnitId) {
        if !self.ids.contains(&id) {
            self.ids.push(id);
        }
    }

    /// Forgets units that no longer exist (after delete or undo).
    pub fn retain_existing(&mut self, chart: &Chart) {
        self.ids.retain(|id| chart.contains(id));
    }

    /// The selected units that have no selected manager above them: moving or deleting these moves or deletes
    /// the whole selection exactly once.
    pub fn topmost(&self, chart: &Chart) -> Vec<UnitId> {
        self.ids
            .iter()
            .filter(|id| chart.contains(id))
            .filter(|id| {
                !chart
                    .ancestors(id)
                    .into_iter()
                    .any(|above| self.ids.contains(above))
            })
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Unit;

    fn two_units() -> Chart {
        let mut chart = Chart::new();
        chart.insert_unit(Unit::new("a", "A"), None, None).unwrap();
        chart
            .insert_unit(Unit::new("b", "B"), Some(&UnitId::new("a")), None)
            .unwrap();
        chart
    }

    #[test]
    fn undo_back_to_the_saved_state_is_clean_again() {
        let mut doc = Document::new(two_units(), None);
        assert!(!doc.is_dirty());
        let rename = |name: &str| {
            let mut unit = Unit::new("b", name);
            unit.id = UnitId::new("b");
            Edit::UpdateUnit(Box::new(unit))
        };
        doc.apply(rename("B2"), "Rename").unwrap();
        assert!(doc.is_dirty());
        doc.undo().unwrap();
        assert!(!doc.is_dirty());
        doc.redo().unwrap();
        assert!(doc.is_dirty());
        doc.mark_saved(PathBuf::from("x.ron"));
        assert!(!doc.is_dirty());
        doc.undo().unwrap();
        assert!(
            doc.is_dirty(),
            "undoing past the save makes it differ from the file"
        );
    }

    #[test]
    fn a_refused_sequence_changes_nothing_and_records_nothing() {
        let mut doc = Document::new(two_units(), None);
        let revision_before = doc.revision();
        let before = doc.chart().clone();
        let result = doc.apply_sequence(
            "Broken",
            vec![
                Box::new(|_: &Chart| {
                    Ok(Edit::SetCollapsed {
                        id: UnitId::new("a"),
                        collapsed: true,
                    })
                }),
                Box::new(|_: &Chart| {
                    Ok(Edit::Reparent {
                        id: UnitId::new("a"),
                        parent: Some(UnitId::new("b")),
                        position: None,
                    })
                }),
            ],
        );
        assert!(matches!(result, Err(ModelError::Cycle { .. })));
        assert_eq!(doc.chart(), &before);
        assert!(!doc.can_undo());
        assert_eq!(doc.revision(), revision_before);
    }

    #[test]
    fn topmost_skips_units_whose_manager_is_selected() {
        let chart = two_units();
        let mut selection = Selection::default();
        selection.set_many(vec![UnitId::new("b"), UnitId::new("a")]);
        assert_eq!(selection.topmost(&chart), vec![UnitId::new("a")]);
    }
}
