//! What the UI asks for. Menus, toolbar, keyboard and context menus only emit these; the app shell carries
//! them out at the end of the frame, so dialogs and file I/O stay out of the views.

use std::path::PathBuf;

use crate::layout::Orientation;
use crate::model::{LinkKind, Placer, UnitId};
use crate::render::colour_by::ColourBy;

pub use super::paper_dialog::{PaperChoice, PaperExportKind};
pub use crate::export::ExportFormat;

/// How to delete a unit that has reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeleteMode {
    /// The unit and everything below it.
    Subtree,
    /// Only the unit; its reports move up to its manager.
    LiftReports,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// To the manager.
    Up,
    /// To the first report.
    Down,
    /// To the previous colleague.
    Left,
    /// To the next colleague.
    Right,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    // Files (guarded: they ask before discarding unsaved changes).
    New,
    Open,
    OpenPath(PathBuf),
    Quit,
    Save,
    SaveAs,
    Export {
        format: ExportFormat,
        /// Only the primary selected unit and its subtree.
        selection_only: bool,
    },
    ImportCsv,
    /// A summary report of the chart (PDF, HTML or Markdown, by the name picked in the dialog).
    Report,
    /// A report of the change being compared.
    CompareReport,
    /// Ask for the paper, then export fitted to one page or as a PDF of pages.
    OpenPaperExport(PaperExportKind),
    ExportToPaper(PaperChoice),
    /// Compare the open chart (before) with one picked in a dialog (after).
    CompareWith,
    // Editing.
    Undo,
    Redo,
    /// A new unit at the top level (no manager).
    AddRoot,
    AddChild,
    AddSibling,
    Rename,
    /// Delete the selection; asks how when a selected unit has reports.
    Delete,
    DeleteWith(DeleteMode),
    ToggleCollapse(UnitId),
    CollapseSelection(bool),
    /// Collapse the selected managers, or expand them when all are collapsed.
    ToggleCollapseSelection,
    ExpandAll,
    ResetLayout {
        selection_only: bool,
    },
    /// These units now report to `target`.
    MoveUnder {
        units: Vec<UnitId>,
        target: UnitId,
    },
    /// A link of `kind` from each of `from` to `to`.
    AddLinks {
        from: Vec<UnitId>,
        to: UnitId,
        kind: LinkKind,
    },
    /// Lay the chart out top-down or left-right (canvas and menu exports alike).
    SetOrientation(Orientation),
    /// Stack leaf reports in columns rather than one wide row (canvas and menu exports alike).
    SetCompact(bool),
    /// View → Dense cards on or off.
    SetCardStyle(crate::render::CardStyle),
    /// Colour cards by a field, or not (canvas, menu exports and reports alike).
    SetColourBy(Option<ColourBy>),
    /// Lay the chart out fitted to the window's shape (auto-fit placers; canvas and menu exports alike).
    SetFitLayout(bool),
    /// Arrange a manager's reports with this placer (an edit of the unit, saved with the chart).
    SetPlacer {
        unit: UnitId,
        placer: Placer,
    },
    SelectAll,
    ClearSelection,
    /// Move the selection to the manager, a report or a colleague.
    SelectRelative(Direction),
    // View.
    FitToWindow,
    ZoomToSelection,
    ZoomBy(f32),
    OpenFind,
    ShowShortcuts,
}
