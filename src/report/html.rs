//! The report as one self-contained web page: real headings, tables and lists, the pictures inline as
//! SVG, and the bundled fonts embedded so the pictures measure exactly as in the PDF.

use std::fmt::Write;

use base64::Engine;

use crate::render::svg::escape_xml;
use crate::render::{text, to_svg};

use super::{Block, ReportDocument, Table};

fn font_face(weight: u16, bytes: &[u8]) -> String {
    format!(
        "@font-face {{ font-family: \"{}\"; font-weight: {weight}; src: url(data:font/ttf;base64,{}) format(\"truetype\"); }}\n",
        text::FONT_FAMILY,
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

const STYLE: &str = "
body { font-family: 'Noto Sans', sans-serif; color: #1b2430; max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
.subtitle { color: #5f6b7a; margin-top: 0; }
h2 { font-size: 1.3rem; margin-top: 2.2rem; border-bottom: 1px solid #d0d6dd; padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin-bottom: 0.3rem; }
.note { color: #5f6b7a; font-size: 0.92rem; }
table { border-collapse: collapse; margin: 0.6rem 0 1rem; }
th, td { padding: 0.25rem 0.8rem 0.25rem 0; text-align: left; vertical-align: top; }
th { border-bottom: 1px solid #9aa5b1; }
td.number, th.number { text-align: right; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; }
";

fn table_html(out: &mut String, table: &Table) {
    let class = |c: usize| {
        if table.numeric.get(c).copied().unwrap_or(false) {
            " class=\"number\""
        } else {
            ""
        }
    };
    out.push_str("<table>\n<thead><tr>");
    for (c, header) in table.headers.iter().enumerate() {
        let _ = write!(out, "<th{}>{}</th>", class(c), escape_xml(header));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for (c, cell) in row.iter().enumerate() {
            let _ = write!(out, "<td{}>{}</td>", class(c), escape_xml(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn figure_html(out: &mut String, svg: &str, alt: &str) {
    let _ = write!(
        out,
        "<figure role=\"img\" aria-label=\"{}\">\n{}</figure>\n",
        escape_xml(alt),
        svg
    );
}

pub fn to_html(document: &ReportDocument) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n",
        escape_xml(&document.title)
    );
    out.push_str(&font_face(400, text::REGULAR_TTF));
    out.push_str(&font_face(700, text::BOLD_TTF));
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n");
    let _ = writeln!(out, "<h1>{}</h1>", escape_xml(&document.title));
    let _ = writeln!(
        out,
        "<p class=\"subtitle\">{} · {}</p>",
        escape_xml(&document.subtitle),
        escape_xml(&document.date)
    );
    for block in &document.blocks {
        match block {
            Block::Heading(heading) => {
                let _ = writeln!(out, "<h2>{}</h2>", escape_xml(heading));
            }
            Block::Subheading(heading) => {
                let _ = writeln!(out, "<h3>{}</h3>", escape_xml(heading));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "<p>{}</p>", escape_xml(text));
            }
            Block::Note(text) => {
                let _ = writeln!(out, "<p class=\"note\">{}</p>", escape_xml(text));
            }
            Block::Table(table) => table_html(&mut out, table),
            Block::List(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", escape_xml(item));
                }
                out.push_str("</ul>\n");
            }
            Block::Figure { drawing, alt } => figure_html(&mut out, &to_svg(drawing), alt),
            Block::ChartPage { picture, alt, .. } => {
                figure_html(&mut out, &to_svg(picture), alt);
            }
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}
