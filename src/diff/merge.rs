//! The change view: both charts as one (removed units kept where they were), with a mark on every unit.

use std::collections::HashMap;

use crate::model::{Chart, UnitId};
use crate::render::ChangeMark;

use super::{ChangeKind, ChartDiff};

/// How a unit shows in the change view. One colour per unit: added, removed, moved, changed, in that order
/// of precedence; `details` says everything that happened to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MarkKind {
    Added,
    Removed,
    Moved,
    /// Renamed or a field changed.
    Changed,
    Unchanged,
}

impl MarkKind {
    pub fn label(&self) -> &'static str {
        match self {
            Self::Added => "Added",
            Self::Removed => "Removed",
            Self::Moved => "Moved",
            Self::Changed => "Changed",
            Self::Unchanged => "Unchanged",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct UnitMark {
    pub kind: MarkKind,
    pub moved: bool,
    pub renamed: bool,
    /// A field other than the name changed.
    pub changed: bool,
    /// Matched on its name rather than its id.
    pub guessed: bool,
    /// One line per change, for a tooltip or a report ("Moved from Policy Unit to Chief Executive").
    pub details: Vec<String>,
}

impl UnitMark {
    fn unchanged() -> Self {
        Self {
            kind: MarkKind::Unchanged,
            moved: false,
            renamed: false,
            changed: false,
            guessed: false,
            details: Vec::new(),
        }
    }

    /// The mark the renderer paints; `None` for an unchanged unit.
    pub fn render_mark(&self) -> Option<ChangeMark> {
        match self.kind {
            MarkKind::Added => Some(ChangeMark::Added),
            MarkKind::Removed => Some(ChangeMark::Removed),
            MarkKind::Moved => Some(ChangeMark::Moved),
            MarkKind::Changed => Some(ChangeMark::Changed {
                details: self.details.clone(),
            }),
            MarkKind::Unchanged => None,
        }
    }
}

pub struct MergedChart {
    /// The after chart plus the removed units under their old managers (or where those now are).
    pub chart: Chart,
    /// A mark for every unit of `chart`, keyed by its id there (after ids; before ids for removed units).
    pub marks: HashMap<UnitId, UnitMark>,
}

impl MergedChart {
    /// The marks the renderer needs, unchanged units left out.
    pub fn render_marks(&self) -> HashMap<UnitId, ChangeMark> {
        self.marks
            .iter()
            .filter_map(|(id, mark)| Some((id.clone(), mark.render_mark()?)))
            .collect()
    }
}

/// The union of both charts as one chart, with a mark per unit.
///
/// Removed units are put back under their old manager (wherever that manager is now) next to the sibling
/// they followed before; removed links come back too. Ids never clash: a before id that also exists after
/// would have matched by id.
pub fn merged(before: &Chart, after: &Chart, diff: &ChartDiff) -> MergedChart {
    let mut chart = after.clone();
    let merged_id = |id: &UnitId| diff.after_id(id).unwrap_or(id).clone();
    for unit in before.units() {
        if diff.after_id(&unit.id).is_some() || chart.contains(&unit.id) {
            continue;
        }
        let parent = before.parent(&unit.id).map(merged_id);
        let position =
            position_after_previous_sibling(before, &chart, &unit.id, &parent, &merged_id);
        // Cannot fail: the parent is in the chart (pre-order) and the id is new, as checked above.
        let _ = chart.insert_unit(unit.clone(), parent.as_ref(), Some(position));
    }
    for change in &diff.changes {
        if let ChangeKind::LinkRemoved(link) = &change.kind {
            let mut link = link.clone();
            link.from = merged_id(&link.from);
            link.to = merged_id(&link.to);
            // A link the after chart already has between the same units is shown once.
            let _ = chart.add_link(link);
        }
    }
    let marks = marks(&chart, diff);
    MergedChart { chart, marks }
}

fn position_after_previous_sibling(
    before: &Chart,
    merged: &Chart,
    id: &UnitId,
    parent: &Option<UnitId>,
    merged_id: &impl Fn(&UnitId) -> UnitId,
) -> usize {
    let siblings = match before.parent(id) {
        Some(p) => before.children(p),
        None => before.roots(),
    };
    let at = siblings.iter().position(|s| *s == id).unwrap_or(0);
    siblings[..at]
        .iter()
        .rev()
        .filter_map(|s| merged.placement(&merged_id(s)))
        .find(|(p, _)| p == parent)
        .map_or(0, |(_, place)| place + 1)
}

fn marks(chart: &Chart, diff: &ChartDiff) -> HashMap<UnitId, UnitMark> {
    let mut marks: HashMap<UnitId, UnitMark> = chart
        .units()
        .into_iter()
        .map(|unit| (unit.id.clone(), UnitMark::unchanged()))
        .collect();
    // Every unit of both charts is in the merged chart, under its after id when it has one.
    let name_of = |merged_id: Option<&UnitId>| match merged_id {
        None => "the top".to_owned(),
        Some(id) => chart
            .unit(id)
            .map_or_else(|| id.to_string(), |u| u.name.clone()),
    };
    let before_name =
        |id: &Option<UnitId>| name_of(id.as_ref().map(|id| diff.after_id(id).unwrap_or(id)));
    for m in diff.guessed_matches() {
        if let Some(mark) = marks.get_mut(&m.after) {
            mark.guessed = true;
            mark.details.push(format!(
                "Guessed to be '{}' of the before chart ({})",
                m.before,
                m.basis.describe()
            ));
        }
    }
    for change in &diff.changes {
        let Some(mark) = marks.get_mut(&change.id) else {
            continue;
        };
        match &change.kind {
            ChangeKind::Added => {
                mark.kind = MarkKind::Added;
                mark.details.insert(0, "Added".to_owned());
            }
            ChangeKind::Removed => {
                mark.kind = MarkKind::Removed;
                mark.details.insert(0, "Removed".to_owned());
            }
            ChangeKind::Moved { from, to } => {
                mark.moved = true;
                mark.details.push(format!(
                    "Moved from {} to {}",
                    before_name(from),
                    name_of(to.as_ref())
                ));
            }
            ChangeKind::Renamed { from, .. } => {
                mark.renamed = true;
                mark.details.push(format!("Renamed from '{from}'"));
            }
            ChangeKind::Changed { fields } => {
                mark.changed = true;
                for field in fields {
                    mark.details.push(format!(
                        "{}: {} -> {}",
                        capitalise(field.field.label()),
                        field.before,
                        field.after
                    ));
                }
            }
            ChangeKind::LinkAdded(_)
            | ChangeKind::LinkRemoved(_)
            | ChangeKind::LinkChanged { .. } => {}
        }
    }
    for mark in marks.values_mut() {
        if mark.kind == MarkKind::Unchanged {
            mark.kind = if mark.moved {
                MarkKind::Moved
            } else if mark.renamed || mark.changed {
                MarkKind::Changed
            } else {
                MarkKind::Unchanged
            };
        }
    }
    marks
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
