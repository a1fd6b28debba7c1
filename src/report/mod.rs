//! A summary report of one chart, or of a change between two, as one document a councillor or a union
//! branch can read: the chart fitted to a page, the totals, each organisation's part, spans and layers,
//! and the posts that are vacant, new or to be deleted; or the change view with totals before and after
//! and the lists of what was added, removed, moved and changed.
//!
//! The report is first a list of blocks (headings, paragraphs, tables, lists and drawings); PDF, HTML and
//! Markdown are three ways of writing the same blocks. Every picture in it is a `Drawing`, so it looks the
//! same as in the editor and the exports.

use std::path::{Path, PathBuf};

use crate::diff::DiffOptions;
use crate::layout::LayoutOptions;
use crate::model::Chart;
use crate::page_export::PaperOptions;
use crate::paper::Paper;
use crate::render::Drawing;
use crate::render::colour_by::ColourBy;

mod content;
mod html;
mod markdown;
mod pdf;

pub use content::{compare_report, single_report};

/// A table with a header row; `numeric` columns are right-aligned.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub numeric: Vec<bool>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A section heading; each starts a bookmark in the PDF.
    Heading(String),
    /// A heading within a section.
    Subheading(String),
    Paragraph(String),
    /// Quiet small print: assumptions, what the figures count.
    Note(String),
    Table(Table),
    List(Vec<String>),
    /// A picture in chart units, scaled to the text width (never enlarged beyond print size).
    Figure {
        drawing: Drawing,
        alt: String,
    },
    /// The chart fitted to a page of its own (`page`, in page units), and the same chart unfitted for
    /// formats without pages.
    ChartPage {
        page: Drawing,
        picture: Drawing,
        alt: String,
    },
}

/// The report as blocks, with its title and the line under it.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportDocument {
    pub title: String,
    pub subtitle: String,
    pub blocks: Vec<Block>,
    /// Printed in every page's footer.
    pub date: String,
    /// The paper of the PDF's pages (turned for the chart page when the chart is wider than tall).
    pub paper: Paper,
}

impl ReportDocument {
    /// The section headings, in order.
    pub fn headings(&self) -> Vec<&str> {
        self.blocks
            .iter()
            .filter_map(|block| match block {
                Block::Heading(text) => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}

/// How the report is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportOptions {
    /// The paper of the PDF's pages and of the fitted chart page.
    pub paper: PaperOptions,
    pub layout: LayoutOptions,
    pub colour_by: Option<ColourBy>,
    pub diff: DiffOptions,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Pdf,
    /// One self-contained file: the pictures inline as SVG, the fonts embedded.
    Html,
    /// Markdown, with its pictures as SVG files beside it.
    Markdown,
}

impl ReportFormat {
    pub const EXTENSIONS: &'static str = ".pdf, .html, .md";

    pub fn from_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "pdf" => Some(Self::Pdf),
            "html" | "htm" => Some(Self::Html),
            "md" | "markdown" => Some(Self::Markdown),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Pdf => "PDF document",
            Self::Html => "Web page (one file)",
            Self::Markdown => "Markdown with SVG pictures",
        }
    }
}

/// The files a report is written as: the report itself first, then any pictures beside it.
pub fn report_files(
    document: &ReportDocument,
    format: ReportFormat,
    path: &Path,
) -> Result<Vec<(PathBuf, Vec<u8>)>, String> {
    match format {
        ReportFormat::Pdf => Ok(vec![(path.to_owned(), pdf::to_pdf(document)?)]),
        ReportFormat::Html => Ok(vec![(
            path.to_owned(),
            html::to_html(document).into_bytes(),
        )]),
        ReportFormat::Markdown => Ok(markdown::to_markdown(document, path)),
    }
}

/// A chart's name for a report: its title, or the file it came from.
pub fn chart_name(chart: &Chart, label: &str) -> String {
    let title = chart.title().trim();
    if title.is_empty() {
        label.to_owned()
    } else {
        title.to_owned()
    }
}

/// The page drawings of the PDF, for tests and previews.
pub fn pdf_pages(document: &ReportDocument) -> Vec<Drawing> {
    pdf::pages(document).0
}

#[cfg(test)]
mod tests;
