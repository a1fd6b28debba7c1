//! A PDF of several pages with bookmarks: each page drawing becomes a usvg tree, svg2pdf turns it into a
//! form XObject with its text kept as text, and pdf-writer (the version svg2pdf itself uses) puts each on
//! a page of its own size and writes the outline.

use std::collections::HashMap;

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};

use super::drawing::Drawing;
use super::page::UNITS_PER_POINT;
use super::svg::to_svg;
use super::usvg_tree::{RenderError, parse};

/// One entry of the outline: a title, the page (from 0) it opens, and the bookmark it sits under.
#[derive(Clone, Debug, PartialEq)]
pub struct Bookmark {
    pub title: String,
    pub page: usize,
    pub parent: Option<usize>,
}

/// The PDF of `pages`, each exactly its drawing's bounds (page units of 0.75 pt), with the outline.
pub fn to_pdf_pages(
    pages: &[Drawing],
    bookmarks: &[Bookmark],
    title: &str,
) -> Result<Vec<u8>, RenderError> {
    to_pdf_pages_with(pages, bookmarks, title, true)
}

pub(crate) fn to_pdf_pages_with(
    pages: &[Drawing],
    bookmarks: &[Bookmark],
    title: &str,
    compress: bool,
) -> Result<Vec<u8>, RenderError> {
    let mut alloc = Ref::new(1);
    let catalog = alloc.bump();
    let tree_ref = alloc.bump();
    let page_refs: Vec<Ref> = pages.iter().map(|_| alloc.bump()).collect();
    let mut pdf = Pdf::new();
    let mut chunks = Vec::with_capacity(pages.len());
    let name = Name(b"P");
    for (drawing, &page_ref) in pages.iter().zip(&page_refs) {
        let tree = parse(&to_svg(drawing))?;
        let options = svg2pdf::ConversionOptions {
            compress,
            embed_text: true,
            ..svg2pdf::ConversionOptions::default()
        };
        let (chunk, x_ref) =
            svg2pdf::to_chunk(&tree, options).map_err(|err| RenderError::Pdf(err.to_string()))?;
        let mut map = HashMap::new();
        let chunk = chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
        let x_ref = map
            .get(&x_ref)
            .copied()
            .ok_or_else(|| RenderError::Pdf("the page's drawing went missing".to_owned()))?;
        let (w, h) = (
            drawing.bounds.w / UNITS_PER_POINT,
            drawing.bounds.h / UNITS_PER_POINT,
        );
        let content_ref = alloc.bump();
        let mut content = Content::new();
        content.transform([w, 0.0, 0.0, h, 0.0, 0.0]).x_object(name);
        pdf.stream(content_ref, &content.finish());
        let mut page = pdf.page(page_ref);
        page.media_box(Rect::new(0.0, 0.0, w, h));
        page.parent(tree_ref);
        page.contents(content_ref);
        page.resources().x_objects().pair(name, x_ref);
        page.finish();
        chunks.push(chunk);
    }
    for chunk in &chunks {
        pdf.extend(chunk);
    }
    pdf.pages(tree_ref)
        .kids(page_refs.iter().copied())
        .count(page_refs.len() as i32);
    let outline = write_outline(&mut pdf, &mut alloc, bookmarks, &page_refs);
    let mut catalog_writer = pdf.catalog(catalog);
    catalog_writer.pages(tree_ref);
    if let Some(outline) = outline {
        catalog_writer
            .outlines(outline)
            .page_mode(pdf_writer::types::PageMode::UseOutlines);
    }
    catalog_writer.finish();
    let info = alloc.bump();
    let mut document_info = pdf.document_info(info);
    document_info.producer(TextStr("orgchart"));
    if !title.trim().is_empty() {
        document_info.title(TextStr(title.trim()));
    }
    document_info.finish();
    Ok(pdf.finish())
}

/// The outline dictionary and its items, linked as siblings under their parents; `None` without bookmarks.
fn write_outline(
    pdf: &mut Pdf,
    alloc: &mut Ref,
    bookmarks: &[Bookmark],
    page_refs: &[Ref],
) -> Option<Ref> {
    let usable: Vec<usize> = (0..bookmarks.len())
        .filter(|&b| bookmarks[b].page < page_refs.len())
        .collect();
    if usable.is_empty() {
        return None;
    }
    let outline = alloc.bump();
    let refs: HashMap<usize, Ref> = usable.iter().map(|&b| (b, alloc.bump())).collect();
    // A bookmark whose parent is missing (or comes after it) hangs from the top.
    let parent_of = |b: usize| {
        bookmarks[b]
            .parent
            .filter(|p| *p < b && refs.contains_key(p))
    };
    let mut children: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
    for &b in &usable {
        children.entry(parent_of(b)).or_default().push(b);
    }
    let top = children.get(&None).cloned().unwrap_or_default();
    let mut root = pdf.outline(outline);
    if let (Some(first), Some(last)) = (top.first(), top.last()) {
        root.first(refs[first]).last(refs[last]);
    }
    root.count(top.len() as i32);
    root.finish();
    for &b in &usable {
        let siblings = &children[&parent_of(b)];
        let at = siblings.iter().position(|&s| s == b).unwrap_or(0);
        let mut item = pdf.outline_item(refs[&b]);
        item.title(TextStr(&bookmarks[b].title));
        item.parent(parent_of(b).map_or(outline, |p| refs[&p]));
        if at > 0 {
            item.prev(refs[&siblings[at - 1]]);
        }
        if let Some(next) = siblings.get(at + 1) {
            item.next(refs[next]);
        }
        if let Some(kids) = children.get(&Some(b))
            && let (Some(first), Some(last)) = (kids.first(), kids.last())
        {
            item.first(refs[first]).last(refs[last]);
            // Negative: the branch's bookmarks start closed, so a long outline stays readable.
            item.count(-(kids.len() as i32));
        }
        item.dest().page(page_refs[bookmarks[b].page]).fit();
        item.finish();
    }
    Some(outline)
}
