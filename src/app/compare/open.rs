//! Entering and leaving compare mode: "Compare with…" through the file-dialog seam, two files from the
//! command line, and back to editing with the document as it was.

use std::path::{Path, PathBuf};

use egui::Ui;

use crate::app::OrgchartApp;
use crate::app::commands::Command;
use crate::app::files::{FileDialogs, RecentFiles};
use crate::model::Chart;

use super::{CompareAction, Comparison, Side};

fn file_label(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

impl OrgchartApp {
    /// The editor on `before`, showing its comparison with `after` (as `orgchart BEFORE AFTER` opens).
    /// A file that cannot be read is reported in the window; nothing else is lost.
    pub fn comparing(
        before: PathBuf,
        after: &Path,
        dialogs: Box<dyn FileDialogs>,
        recent: RecentFiles,
    ) -> Self {
        let mut app = match crate::io::load(&before) {
            Ok(chart) => {
                let mut app = Self::new(chart, Some(before.clone()), dialogs, recent);
                app.recent.remember(&before);
                app
            }
            Err(err) => {
                let mut app = Self::new(Chart::new(), None, dialogs, recent);
                app.report_error(format!("Could not open the chart to compare: {err}"));
                return app;
            }
        };
        app.compare_with_path(after);
        app
    }

    /// The comparison on screen, if compare mode is on.
    pub fn comparison(&self) -> Option<&Comparison> {
        self.compare.as_ref()
    }

    pub fn comparison_mut(&mut self) -> Option<&mut Comparison> {
        self.compare.as_mut()
    }

    /// "Compare with…": asks for the after chart; the open document is the before chart.
    pub(in crate::app) fn compare_with_dialog(&mut self) {
        if let Some(path) =
            self.dialogs
                .open("Compare with a chart (after)", "Orgchart chart", &["ron"])
        {
            self.compare_with_path(&path);
        }
    }

    /// Compares the open document (before) with the chart in `path` (after).
    pub fn compare_with_path(&mut self, path: &Path) {
        match crate::io::load(path) {
            Ok(after) => {
                let mut before_label = self.window_name();
                if self.doc.is_dirty() {
                    before_label.push_str(" (unsaved changes)");
                }
                self.compare = Some(Comparison::new(
                    Side {
                        chart: self.doc.chart().clone(),
                        label: before_label,
                    },
                    Side {
                        chart: after,
                        label: file_label(path),
                    },
                ));
                self.notices.set_info(format!(
                    "Comparing with {}; the chart being edited is unchanged.",
                    file_label(path)
                ));
            }
            Err(err) => self
                .notices
                .set_error(format!("Could not open the chart to compare with: {err}")),
        }
    }

    pub fn close_comparison(&mut self) {
        self.compare = None;
        self.canvas.request_fit();
    }

    /// Compare mode in all of `ui`, with any error shown above it.
    pub(in crate::app) fn compare_ui(&mut self, ui: &mut Ui) {
        let Some(comparison) = self.compare.as_mut() else {
            return;
        };
        match comparison.ui(ui) {
            Some(CompareAction::Close) => self.close_comparison(),
            Some(CompareAction::Report) => self.pending.push(Command::CompareReport),
            None => {}
        }
    }
}
