//! File → Report… and the comparison's Report… button: the library's report of the chart, or of the
//! change, written in the form the picked file name asks for (PDF, HTML or Markdown).

use std::path::Path;

use crate::page_export::{PaperOptions, today};
use crate::paper::Paper;
use crate::report::{self, ReportDocument, ReportFormat, ReportOptions};

use super::OrgchartApp;

impl OrgchartApp {
    /// The report's options: A4, and the canvas's layout and colours.
    fn report_options(&self) -> ReportOptions {
        ReportOptions {
            paper: PaperOptions {
                paper: Paper::named("a4", false).unwrap_or(Paper {
                    name: "a4".to_owned(),
                    width: 595.0,
                    height: 842.0,
                }),
                date: today(),
                cards: None,
            },
            layout: self.layout.clone(),
            colour_by: self.colour_by.clone(),
            diff: Default::default(),
        }
    }

    /// File → Report…: the open chart's summary.
    pub(super) fn report(&mut self) {
        let stem = Path::new(&self.suggested_stem())
            .file_stem()
            .map_or_else(|| "chart".to_owned(), |s| s.to_string_lossy().into_owned());
        let label = self.doc.display_name();
        self.write_report(&format!("{stem}-report.pdf"), |app, options| {
            report::single_report(app.doc.chart(), &label, options)
        });
    }

    /// The comparison's Report…: the change from its before chart to its after chart.
    pub(super) fn compare_report(&mut self) {
        self.write_report("changes-report.pdf", |app, options| {
            let Some(comparison) = &app.compare else {
                return None;
            };
            let data = comparison.data();
            Some(report::compare_report(
                &data.before.chart,
                &data.after.chart,
                (&data.before.label, &data.after.label),
                options,
            ))
        });
    }

    fn write_report<D>(&mut self, suggested: &str, build: impl FnOnce(&Self, &ReportOptions) -> D)
    where
        D: Into<Option<ReportDocument>>,
    {
        let Some(path) = self.dialogs.save(suggested, "pdf") else {
            return;
        };
        let Some(format) = ReportFormat::from_path(&path) else {
            self.notices.set_error(format!(
                "{}: a report is written as {}; pick a name ending in one of those",
                path.display(),
                ReportFormat::EXTENSIONS
            ));
            return;
        };
        let options = self.report_options();
        let Some(document) = build(self, &options).into() else {
            return;
        };
        let written = report::report_files(&document, format, &path).and_then(|files| {
            files.iter().try_for_each(|(file, bytes)| {
                crate::io::write_atomically(file, bytes)
                    .map_err(|err| format!("could not write {}: {err}", file.display()))
            })
        });
        match written {
            Ok(()) => self
                .notices
                .set_info(format!("Wrote the report {}", path.display())),
            Err(err) => self.notices.set_error(format!("Report failed: {err}")),
        }
    }
}
