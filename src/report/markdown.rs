//! The report as Markdown: headings, pipe tables and lists, with each picture written as an SVG file
//! beside it (`report-1.svg`, ...) and linked from the text.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::render::{Drawing, to_svg};

use super::{Block, ReportDocument, Table};

/// A table cell: pipes escaped, line breaks folded, so the table stays one row per line.
fn cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

fn table_markdown(out: &mut String, table: &Table) {
    let header: Vec<String> = table.headers.iter().map(|h| cell(h)).collect();
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let rule: Vec<&str> = (0..table.headers.len())
        .map(|c| {
            if table.numeric.get(c).copied().unwrap_or(false) {
                "---:"
            } else {
                "---"
            }
        })
        .collect();
    let _ = writeln!(out, "| {} |", rule.join(" | "));
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

/// The Markdown file and its pictures: `path` first, then `STEM-1.svg`, `STEM-2.svg`, ... beside it.
pub fn to_markdown(document: &ReportDocument, path: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let stem = path
        .file_stem()
        .map_or_else(|| "report".to_owned(), |s| s.to_string_lossy().into_owned());
    let folder = path.parent().unwrap_or(Path::new(""));
    let mut pictures: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut picture = |drawing: &Drawing| {
        let name = format!("{stem}-{}.svg", pictures.len() + 1);
        pictures.push((folder.join(&name), to_svg(drawing).into_bytes()));
        name
    };
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", document.title.trim());
    let _ = writeln!(out, "_{} · {}_\n", document.subtitle, document.date);
    for block in &document.blocks {
        match block {
            Block::Heading(heading) => {
                let _ = writeln!(out, "## {}\n", heading.trim());
            }
            Block::Subheading(heading) => {
                let _ = writeln!(out, "### {}\n", heading.trim());
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "{}\n", text.trim());
            }
            Block::Note(text) => {
                let _ = writeln!(out, "_{}_\n", text.trim());
            }
            Block::Table(table) => table_markdown(&mut out, table),
            Block::List(items) => {
                for item in items {
                    let _ = writeln!(out, "- {}", item.trim());
                }
                out.push('\n');
            }
            Block::Figure { drawing, alt }
            | Block::ChartPage {
                picture: drawing,
                alt,
                ..
            } => {
                let name = picture(drawing);
                let link = if name.contains(char::is_whitespace) {
                    format!("<{name}>")
                } else {
                    name
                };
                let _ = writeln!(out, "![{}]({link})\n", cell(alt).replace(['[', ']'], ""));
            }
        }
    }
    let mut files = vec![(path.to_owned(), out.into_bytes())];
    files.extend(pictures);
    files
}
