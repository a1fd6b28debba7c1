//! Export → Fit to page… and Export → PDF pages…: a small window to choose the paper, then the same library
//! code as `orgchart export --fit` / `--pages`, with the file path from the dialog seam.

use egui::Ui;

use crate::export::ExportFormat;
use crate::page_export::{self, PaperOptions};
use crate::paper::Paper;
use crate::render::CardStyle;

use super::commands::Command;

/// Which picture goes onto the paper.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaperExportKind {
    /// The whole chart fitted to one page.
    Fit,
    /// A PDF of pages split by structure.
    Pages,
}

impl PaperExportKind {
    fn heading(self) -> &'static str {
        match self {
            Self::Fit => "Fit to page",
            Self::Pages => "PDF pages",
        }
    }
}

/// What the window asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct PaperChoice {
    pub kind: PaperExportKind,
    /// A named size ("a4", "a3", "letter", ...).
    pub size: String,
    pub landscape: bool,
    /// For `Fit`: PDF, PNG or SVG.
    pub format: ExportFormat,
}

impl PaperChoice {
    pub fn new(kind: PaperExportKind) -> Self {
        Self {
            kind,
            size: "a4".to_owned(),
            landscape: true,
            format: ExportFormat::Pdf,
        }
    }

    pub fn paper(&self) -> Option<Paper> {
        Paper::named(&self.size, self.landscape)
    }

    fn format(&self) -> ExportFormat {
        match self.kind {
            PaperExportKind::Pages => ExportFormat::Pdf,
            PaperExportKind::Fit => self.format,
        }
    }
}

/// Sizes offered in the window, as named in `paper`.
const SIZES: [(&str, &str); 5] = [
    ("a4", "A4"),
    ("a3", "A3"),
    ("a5", "A5"),
    ("letter", "Letter"),
    ("legal", "Legal"),
];

/// The paper window: `Some(Some(command))` to export, `Some(None)` when cancelled, `None` while open.
pub fn paper_ui(ui: &Ui, choice: &mut PaperChoice) -> Option<Option<Command>> {
    let mut answer = None;
    let response = egui::Modal::new(egui::Id::unique("orgchart.paper")).show(ui.ctx(), |ui| {
        ui.set_max_width(420.0);
        ui.heading(choice.kind.heading());
        ui.label(match choice.kind {
            PaperExportKind::Fit => {
                "The chart is laid out for the page's shape and scaled to fill one page."
            }
            PaperExportKind::Pages => {
                "The chart is split by its structure into pages: the top first, then one branch a page, \
                 with an index and bookmarks. Text never prints below 6 pt."
            }
        });
        ui.add_space(6.0);
        egui::Grid::new("orgchart.paper.grid")
            .num_columns(2)
            .show(ui, |ui| {
                ui.label("Paper");
                ui.horizontal(|ui| {
                    for (size, label) in SIZES {
                        ui.radio_value(&mut choice.size, size.to_owned(), label);
                    }
                });
                ui.end_row();
                ui.label("Orientation");
                ui.horizontal(|ui| {
                    ui.radio_value(&mut choice.landscape, true, "Landscape");
                    ui.radio_value(&mut choice.landscape, false, "Portrait");
                });
                ui.end_row();
                if choice.kind == PaperExportKind::Fit {
                    ui.label("Format");
                    ui.horizontal(|ui| {
                        for format in [ExportFormat::Pdf, ExportFormat::Png, ExportFormat::Svg] {
                            ui.radio_value(&mut choice.format, format, format.label());
                        }
                    });
                    ui.end_row();
                }
            });
        if let Some(paper) = choice.paper() {
            ui.label(egui::RichText::new(paper.to_string()).weak());
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Export…").clicked() {
                answer = Some(Some(Command::ExportToPaper(choice.clone())));
            }
            if ui.button("Cancel").clicked() {
                answer = Some(None);
            }
        });
    });
    if answer.is_none() && response.should_close() {
        answer = Some(None);
    }
    answer
}

/// PNG pixels per point of paper for exports from the menu (a 300 dpi print of A4 is about 4x).
const PNG_SCALE: f32 = 3.0;

/// The bytes for the choice, and a note for the status line (the page count, or a warning).
pub fn paper_bytes(
    chart: &crate::model::Chart,
    choice: &PaperChoice,
    look: super::export::ViewLook<'_>,
) -> Result<(Vec<u8>, String), String> {
    let paper = choice
        .paper()
        .ok_or_else(|| format!("unknown paper '{}'", choice.size))?;
    let options = look.options(chart);
    let paper = PaperOptions {
        paper,
        date: page_export::today(),
        // Standard cards in the view leave a fitted page free to take dense ones when it must.
        cards: (look.cards == CardStyle::Dense).then_some(CardStyle::Dense),
    };
    match choice.kind {
        PaperExportKind::Pages => {
            let (bytes, pages) = page_export::export_pages(chart, &options, &paper)?;
            let note = format!(
                "{pages} {} page{}",
                paper.paper.name,
                if pages == 1 { "" } else { "s" }
            );
            Ok((bytes, note))
        }
        PaperExportKind::Fit => {
            let fitted =
                page_export::export_fit(chart, choice.format(), &options, &paper, PNG_SCALE)?;
            let note = fitted
                .warning
                .unwrap_or_else(|| format!("one {} page", paper.paper.name));
            Ok((fitted.bytes, note))
        }
    }
}

impl super::OrgchartApp {
    pub(super) fn paper_window(&mut self, ui: &Ui) {
        let Some(choice) = &mut self.paper_choice else {
            return;
        };
        if let Some(answer) = paper_ui(ui, choice) {
            self.paper_choice = None;
            self.pending.extend(answer);
        }
    }

    pub(super) fn export_to_paper(&mut self, choice: &PaperChoice) {
        let format = choice.format();
        let kind = match choice.kind {
            PaperExportKind::Fit => "page",
            PaperExportKind::Pages => "pages",
        };
        let stem = self.suggested_stem();
        let stem = stem.strip_suffix(".ron").unwrap_or(&stem);
        let suggested = super::files::suggested_name(
            &format!("{stem}-{}-{kind}.ron", choice.size),
            format.extension(),
        );
        let Some(path) = self.dialogs.save(&suggested, format.extension()) else {
            return;
        };
        let written =
            paper_bytes(self.doc.chart(), choice, self.view_look()).and_then(|(bytes, note)| {
                crate::io::write_atomically(&path, &bytes)
                    .map(|()| note)
                    .map_err(|err| format!("could not write {}: {err}", path.display()))
            });
        match written {
            Ok(note) => self
                .notices
                .set_info(format!("Exported {} ({note})", path.display())),
            Err(err) => self.notices.set_error(format!("Export failed: {err}")),
        }
    }
}
