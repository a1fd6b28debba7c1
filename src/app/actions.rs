//! Carrying out commands: files through the dialog seam, edits through `Document::apply`.

use std::path::PathBuf;

use crate::model::{Chart, Edit, Unit, UnitId};

use super::OrgchartApp;
use super::canvas::{Rename, describe, name};
use super::commands::{Command, DeleteMode, Direction, ExportFormat};
use super::dialogs::{Modal, ModalAnswer};
use super::export::export_bytes;
use super::files::suggested_name;
use super::state::{Document, EditBuilder};

const NEW_UNIT_NAME: &str = "New unit";

impl OrgchartApp {
    /// Applies one edit as one undo step; a refused edit is shown and changes nothing.
    pub(super) fn apply(&mut self, edit: Edit, label: impl Into<String>) -> bool {
        let label = label.into();
        if self.refuse_while_loading() {
            return false;
        }
        match self.doc.apply(edit, label.clone()) {
            Ok(()) => {
                self.notices.set_info(label);
                self.selection.retain_existing(self.doc.chart());
                true
            }
            Err(err) => {
                self.notices
                    .set_error(format!("{err}. Nothing was changed."));
                false
            }
        }
    }

    pub(super) fn rename(&mut self, id: UnitId, new_name: String) {
        let Some(unit) = self.doc.chart().unit(&id).cloned() else {
            return;
        };
        let new_name = new_name.trim().to_owned();
        if new_name.is_empty() {
            self.notices
                .set_error("A unit needs a name; the old name was kept.");
            return;
        }
        if new_name == unit.name {
            return;
        }
        let label = format!("Rename '{}' to '{new_name}'", unit.name);
        self.apply(
            Edit::UpdateUnit(Box::new(Unit {
                name: new_name,
                ..unit
            })),
            label,
        );
    }

    pub(super) fn answer(&mut self, answer: ModalAnswer) {
        match answer {
            ModalAnswer::Cancel => {}
            ModalAnswer::Discard(then) => self.run_unguarded(then),
            ModalAnswer::SaveThen(then) => {
                if self.save() {
                    self.run_unguarded(then);
                }
            }
            ModalAnswer::Delete(mode) => self.delete(mode),
            ModalAnswer::ImportOrganogram {
                primary,
                with_junior,
            } => self.import_organogram(primary, with_junior),
            ModalAnswer::Restore(orphan) => self.restore(&orphan),
            ModalAnswer::DiscardRecovery(orphan) => self.discard_orphan(&orphan),
            ModalAnswer::Overwrite(path) => {
                self.write_to(path);
            }
            ModalAnswer::SaveElsewhere => {
                self.save_as();
            }
            ModalAnswer::Reload(path) => self.reload(path),
            ModalAnswer::Create(path) => self.create_at(path),
            ModalAnswer::ImportSetupChanged(setup) => self.modal = Some(Modal::ImportSetup(setup)),
            ModalAnswer::ImportWith(setup) => self.import_with_setup(&setup),
        }
    }

    pub(super) fn execute(&mut self, command: Command) {
        if !super::loading::allowed_while_loading(&command) && self.refuse_while_loading() {
            return;
        }
        match command {
            Command::New
            | Command::Open
            | Command::OpenPath(_)
            | Command::ImportCsv
            | Command::Quit => {
                if self.doc.is_dirty() {
                    self.modal = Some(Modal::ConfirmDiscard {
                        then: command,
                        document: self.window_name(),
                    });
                } else {
                    self.run_unguarded(command);
                }
            }
            Command::Save => {
                self.save();
            }
            Command::SaveAs => {
                self.save_as();
            }
            Command::Export {
                format,
                selection_only,
            } => self.export(format, selection_only),
            Command::CompareWith => self.compare_with_dialog(),
            Command::OpenPaperExport(kind) => {
                self.paper_choice = Some(super::paper_dialog::PaperChoice::new(kind));
            }
            Command::ExportToPaper(choice) => self.export_to_paper(&choice),
            Command::Undo => self.undo(true),
            Command::Redo => self.undo(false),
            Command::AddRoot => self.add_unit(None, None),
            Command::AddChild => match self.selection.primary().cloned() {
                Some(parent) => self.add_unit(Some(parent), None),
                None => self.add_unit(None, None),
            },
            Command::AddSibling => match self
                .selection
                .primary()
                .and_then(|id| self.doc.chart().placement(id))
            {
                Some((parent, at)) => self.add_unit(parent, Some(at + 1)),
                None => self.add_unit(None, None),
            },
            Command::Rename => self.start_rename(),
            Command::Delete => self.ask_delete(),
            Command::DeleteWith(mode) => self.delete(mode),
            Command::ToggleCollapse(id) => {
                let collapsed = self.doc.chart().unit(&id).is_some_and(|u| u.collapsed);
                self.set_collapsed(&[id], !collapsed);
            }
            Command::CollapseSelection(collapsed) => {
                let ids = self.selection.ids().to_vec();
                self.set_collapsed(&ids, collapsed);
            }
            Command::ToggleCollapseSelection => {
                let chart = self.doc.chart();
                let ids = self.selection.ids().to_vec();
                let any_open = ids.iter().any(|id| {
                    !chart.children(id).is_empty() && chart.unit(id).is_some_and(|u| !u.collapsed)
                });
                self.set_collapsed(&ids, any_open);
            }
            Command::ExpandAll => {
                let ids: Vec<UnitId> = self
                    .doc
                    .chart()
                    .units()
                    .iter()
                    .map(|u| u.id.clone())
                    .collect();
                self.set_collapsed(&ids, false);
            }
            Command::ResetLayout { selection_only } => self.reset_layout(selection_only),
            Command::MoveUnder { units, target } => {
                let chart = self.doc.chart();
                let label = format!(
                    "{} now reports to '{}'",
                    describe(chart, &units),
                    name(chart, &target)
                );
                let edit = super::canvas::reparent_edit(chart, &units, &target);
                self.apply(edit, label);
            }
            Command::AddLinks { from, to, kind } => {
                let chart = self.doc.chart();
                let label = format!(
                    "{} from {} to '{}'",
                    kind.label(),
                    describe(chart, &from),
                    name(chart, &to)
                );
                self.apply(super::canvas::link_edit(&from, &to, kind), label);
            }
            Command::SelectAll => {
                let ids = self
                    .canvas
                    .cache
                    .drawing
                    .cards
                    .iter()
                    .map(|c| c.id.clone())
                    .collect();
                self.selection.set_many(ids);
            }
            Command::ClearSelection => self.selection.clear(),
            Command::SelectRelative(direction) => self.select_relative(direction),
            Command::FitToWindow => self.canvas.request_fit(),
            Command::SetOrientation(orientation) => {
                self.layout.orientation = orientation;
                self.canvas.request_fit();
            }
            Command::SetCompact(compact) => {
                self.layout.compact = compact;
                self.canvas.request_fit();
            }
            Command::SetColourBy(by) => self.colour_by = by,
            Command::SetCardStyle(cards) => {
                self.card_style = cards;
                self.canvas.request_fit();
            }
            Command::SetFitLayout(fit) => {
                self.layout.target_aspect = fit.then(|| self.window_aspect());
                self.canvas.request_fit();
            }
            Command::SetPlacer { unit, placer } => {
                if let Some((edit, label)) =
                    super::arrange::placer_edit(self.doc.chart(), &unit, placer)
                {
                    self.apply(edit, label);
                }
            }
            Command::Report => self.report(),
            Command::CompareReport => self.compare_report(),
            Command::ZoomToSelection => self.canvas.request_zoom_to_selection(),
            Command::ZoomBy(factor) => self.canvas.zoom_by(factor),
            Command::OpenFind => self.find.open(),
            Command::ShowShortcuts => self.modal = Some(Modal::Shortcuts),
        }
    }

    /// New, open or quit, once unsaved changes are dealt with.
    fn run_unguarded(&mut self, command: Command) {
        match command {
            Command::New => self.replace_document(Document::new(Chart::new(), None), "Untitled"),
            Command::Open => {
                if let Some(path) = self
                    .dialogs
                    .open("Open a chart", "Orgchart chart", &["ron"])
                {
                    self.open_path(path);
                }
            }
            Command::OpenPath(path) => self.open_path(path),
            Command::ImportCsv => self.start_import(),
            Command::Quit => {
                self.end_recovery();
                self.allow_close = true;
                self.pending.clear();
                self.quit_requested = true;
            }
            other => self.execute(other),
        }
    }

    pub(super) fn replace_document(&mut self, doc: Document, untitled_name: &str) {
        // A file still being read would replace this document when it arrives: the newer choice wins.
        self.loader.cancel();
        self.doc = doc;
        self.compare = None;
        self.untitled_name = untitled_name.to_owned();
        self.selection.clear();
        self.canvas.rename = None;
        self.canvas.request_fit();
    }

    /// Opens a chart file: a small one at once, a big one on the worker (finished by [`Self::finish_open`]
    /// from the frame that finds it read).
    pub(super) fn open_path(&mut self, path: PathBuf) {
        if !path.exists() {
            self.recent.forget(&path);
            self.modal = Some(Modal::CreateMissing { path });
            return;
        }
        match self
            .loader
            .start(&path, Some(self.expected_canvas_options()))
        {
            super::loading::Start::Done(result) => self.finish_open(path, *result),
            super::loading::Start::Started => {}
        }
    }

    /// Everything opening a file does once it is read: the new document, recent files, the file's state on
    /// disk, and what to tell the user. A file that could not be read leaves the open chart as it was.
    pub(super) fn finish_open(&mut self, path: PathBuf, result: super::loading::LoadResult) {
        match result {
            Ok(opened) => {
                self.recent.remember(&path);
                let name = path.display().to_string();
                self.replace_document(opened.doc, "Untitled");
                if let Some(drawing) = opened.drawing {
                    self.canvas.cache = *drawing;
                }
                if let Some(panels) = opened.panels {
                    let revision = self.doc.revision();
                    self.totals.set_prepared(panels.totals);
                    self.figures.set_prepared(revision, panels.figures);
                }
                if let Some(coming) = opened.panels_coming {
                    self.loader.expect_panels(self.doc.revision(), coming);
                }
                self.note_disk_state(opened.unknown_fields);
                self.notices.clear_error();
                if self.disk.unknown_fields.is_empty() {
                    self.notices.set_info(format!("Opened {name}"));
                } else {
                    self.notices.set_error(format!(
                        "Opened {name}, which has fields this version does not know ({}); saving over it is refused \
                         so they are not lost: use File → Save as",
                        self.disk.unknown_fields.join(", ")
                    ));
                }
            }
            Err(err) => {
                self.notices.set_error(format!(
                    "Could not open the chart: {err}. The chart you had open is unchanged."
                ));
            }
        }
    }

    /// Saves to the document's file, asking for one first if it has none. True when written.
    fn save(&mut self) -> bool {
        match self.doc.path().map(|p| p.to_path_buf()) {
            Some(path) => self.save_to(path),
            None => self.save_as(),
        }
    }

    fn save_as(&mut self) -> bool {
        let suggested = suggested_name(&self.suggested_stem(), "ron");
        match self.dialogs.save(&suggested, "ron") {
            Some(path) => self.save_to(path),
            None => false,
        }
    }

    pub(super) fn suggested_stem(&self) -> String {
        if self.doc.path().is_some() {
            return self.doc.display_name();
        }
        let title: String = self
            .doc
            .chart()
            .title()
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let title = title
            .split('-')
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        if title.is_empty() {
            "chart".to_owned()
        } else {
            format!("{title}.ron")
        }
    }

    /// Saves, unless the file changed on disk or holds fields this version would drop: then asks first.
    fn save_to(&mut self, path: PathBuf) -> bool {
        if let Some(question) = self.save_over_problem(&path) {
            self.modal = Some(question);
            return false;
        }
        self.write_to(path)
    }

    pub(super) fn write_to(&mut self, path: PathBuf) -> bool {
        let replaces = path.is_file();
        match crate::io::save(self.doc.chart(), &path) {
            Ok(()) => {
                self.recent.remember(&path);
                self.notices.clear_error();
                let backup = if replaces {
                    let backup = crate::io::safe_write::backup_path(&path);
                    format!(
                        "; the previous version is kept as {}",
                        backup.file_name().unwrap_or_default().to_string_lossy()
                    )
                } else {
                    String::new()
                };
                self.notices
                    .set_info(format!("Saved {}{backup}", path.display()));
                self.doc.mark_saved(path);
                self.note_disk_state(Vec::new());
                true
            }
            Err(err) => {
                self.notices.set_error(format!(
                    "Could not save: {err}. Your chart is still open and nothing was lost; try another folder with File → Save as."
                ));
                false
            }
        }
    }

    fn export(&mut self, format: ExportFormat, selection_only: bool) {
        let subtree = if selection_only {
            match self.selection.primary() {
                Some(id) => Some(id.clone()),
                None => {
                    self.notices
                        .set_error("Select the unit whose part of the chart you want to export.");
                    return;
                }
            }
        } else {
            None
        };
        let stem = match &subtree {
            Some(id) => format!("{}.ron", name(self.doc.chart(), id)),
            None => self.suggested_stem(),
        };
        let suggested = suggested_name(&stem, format.extension());
        let Some(path) = self.dialogs.save(&suggested, format.extension()) else {
            return;
        };
        let written = export_bytes(
            self.doc.chart(),
            format,
            subtree,
            self.export_collapsed,
            self.view_look(),
        )
        .and_then(|bytes| {
            crate::io::write_atomically(&path, &bytes)
                .map_err(|err| format!("could not write {}: {err}", path.display()))
        });
        match written {
            Ok(()) => self
                .notices
                .set_info(format!("Exported {}", path.display())),
            Err(err) => self.notices.set_error(format!("Export failed: {err}")),
        }
    }

    fn undo(&mut self, back: bool) {
        let result = if back {
            self.doc.undo()
        } else {
            self.doc.redo()
        };
        match result {
            Ok(Some(label)) => {
                let verb = if back { "Undone" } else { "Redone" };
                self.notices.set_info(format!("{verb}: {label}"));
                self.selection.retain_existing(self.doc.chart());
                self.canvas.rename = None;
            }
            Ok(None) => {
                let what = if back { "undo" } else { "redo" };
                self.notices.set_info(format!("Nothing to {what}"));
            }
            Err(err) => self.notices.set_error(format!("Could not undo: {err}")),
        }
    }

    fn add_unit(&mut self, parent: Option<UnitId>, position: Option<usize>) {
        let chart = self.doc.chart();
        let id = chart.fresh_id("unit");
        let mut unit = Unit::new(id.as_str(), NEW_UNIT_NAME);
        if let Some(p) = parent.as_ref().and_then(|p| chart.unit(p)) {
            unit.organisation = p.organisation.clone();
        }
        let mut edits = Vec::new();
        // A report added under a collapsed manager must be seen: open the manager in the same step.
        if let Some(p) = parent.as_ref()
            && chart.unit(p).is_some_and(|u| u.collapsed)
        {
            edits.push(Edit::SetCollapsed {
                id: p.clone(),
                collapsed: false,
            });
        }
        let label = match &parent {
            Some(p) => format!("Add a unit under '{}'", name(chart, p)),
            None => "Add a top-level unit".to_owned(),
        };
        edits.push(Edit::AddUnit {
            unit,
            parent,
            position,
        });
        if self.apply(Edit::Batch(edits), label) {
            self.selection.set(id.clone());
            self.canvas.rename = Some(Rename::new(id.clone(), NEW_UNIT_NAME.to_owned()));
            self.canvas.request_centre_if_hidden(id);
        }
    }

    fn start_rename(&mut self) {
        let Some(id) = self.selection.primary().cloned() else {
            return;
        };
        let current = self
            .doc
            .chart()
            .unit(&id)
            .map(|u| u.name.clone())
            .unwrap_or_default();
        self.canvas.rename = Some(Rename::new(id.clone(), current));
        self.canvas.request_centre_if_hidden(id);
    }

    fn ask_delete(&mut self) {
        let chart = self.doc.chart();
        let units = self.selection.topmost(chart);
        if units.is_empty() {
            return;
        }
        let below: usize = units.iter().map(|id| chart.subtree(id).len() - 1).sum();
        if below == 0 {
            self.delete(DeleteMode::Subtree);
            return;
        }
        let manager = match units.as_slice() {
            [one] => chart.parent(one).map(|p| name(chart, p)),
            _ => None,
        };
        let manager =
            manager.or_else(|| (units.len() > 1).then(|| "each one's manager".to_owned()));
        self.modal = Some(Modal::DeleteChoice {
            what: describe(chart, &units),
            below,
            manager,
        });
    }

    fn delete(&mut self, mode: DeleteMode) {
        let chart = self.doc.chart();
        let units = self.selection.topmost(chart);
        if units.is_empty() {
            return;
        }
        let next = units.first().and_then(|id| chart.parent(id).cloned());
        let label = match mode {
            DeleteMode::Subtree => format!("Delete {}", describe(chart, &units)),
            DeleteMode::LiftReports => {
                format!("Delete {}, moving its reports up", describe(chart, &units))
            }
        };
        let builders: Vec<EditBuilder<'_>> = units
            .iter()
            .map(|id| -> EditBuilder<'_> {
                match mode {
                    DeleteMode::Subtree => Box::new(move |c: &Chart| Edit::remove_subtree(c, id)),
                    DeleteMode::LiftReports => {
                        Box::new(move |c: &Chart| Edit::remove_lifting_reports(c, id))
                    }
                }
            })
            .collect();
        match self.doc.apply_sequence(label.clone(), builders) {
            Ok(()) => {
                self.notices.set_info(label);
                self.selection.clear();
                if let Some(next) = next {
                    self.selection.set(next);
                }
            }
            Err(err) => self
                .notices
                .set_error(format!("{err}. Nothing was deleted.")),
        }
    }

    fn set_collapsed(&mut self, ids: &[UnitId], collapsed: bool) {
        let chart = self.doc.chart();
        let edits: Vec<Edit> = ids
            .iter()
            .filter(|id| !chart.children(id).is_empty())
            .filter(|id| chart.unit(id).is_some_and(|u| u.collapsed != collapsed))
            .map(|id| Edit::SetCollapsed {
                id: id.clone(),
                collapsed,
            })
            .collect();
        if edits.is_empty() {
            return;
        }
        let what = if collapsed { "Collapse" } else { "Expand" };
        let label = match ids {
            [one] => format!("{what} '{}'", name(chart, one)),
            _ => format!("{what} {} units", edits.len()),
        };
        self.apply(Edit::Batch(edits), label);
    }

    fn reset_layout(&mut self, selection_only: bool) {
        let chart = self.doc.chart();
        let edits: Vec<Edit> = chart
            .units()
            .into_iter()
            .filter(|u| u.pinned.is_some())
            .filter(|u| !selection_only || self.selection.contains(&u.id))
            .map(|u| Edit::SetPinned {
                id: u.id.clone(),
                pinned: None,
            })
            .collect();
        if edits.is_empty() {
            self.notices
                .set_info("Nothing was placed by hand; the layout is already automatic.");
            return;
        }
        let label = format!("Reset the position of {} cards", edits.len());
        self.apply(Edit::Batch(edits), label);
    }

    fn select_relative(&mut self, direction: Direction) {
        let chart = self.doc.chart();
        let Some(current) = self.selection.primary().cloned() else {
            if let Some(first) = chart.roots().first() {
                self.selection.set((*first).clone());
            }
            return;
        };
        let next = match direction {
            Direction::Up => chart.parent(&current).cloned(),
            Direction::Down => {
                let collapsed = chart.unit(&current).is_some_and(|u| u.collapsed);
                if collapsed {
                    None
                } else {
                    chart.children(&current).first().map(|c| (*c).clone())
                }
            }
            Direction::Left | Direction::Right => {
                let siblings: Vec<UnitId> = match chart.parent(&current) {
                    Some(p) => chart.children(p).into_iter().cloned().collect(),
                    None => chart.roots().into_iter().cloned().collect(),
                };
                let at = siblings.iter().position(|s| *s == current);
                at.and_then(|i| match direction {
                    Direction::Left => i.checked_sub(1),
                    _ => Some(i + 1),
                })
                .and_then(|i| siblings.get(i).cloned())
            }
        };
        if let Some(next) = next {
            self.selection.set(next.clone());
            self.canvas.request_centre_if_hidden(next);
        }
    }
}
