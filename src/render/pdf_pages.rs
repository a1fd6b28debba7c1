//! A PDF of several pages with bookmarks: the page drawings become one usvg tree, svg2pdf turns each page
//! into a form XObject with its text kept as text (sharing one copy of each font), and pdf-writer (the
//! version svg2pdf itself uses) puts each on a page of its own size and writes the outline.

use std::collections::HashMap;

use pdf_writer::{Chunk, Content, Finish, Name, Pdf, Rect, Ref, TextStr};

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
    to_pdf_in_batches(pages, bookmarks, title, compress, BATCH_SHAPES)
}

fn to_pdf_in_batches(
    pages: &[Drawing],
    bookmarks: &[Bookmark],
    title: &str,
    compress: bool,
    batch_shapes: usize,
) -> Result<Vec<u8>, RenderError> {
    let mut alloc = Ref::new(1);
    let catalog = alloc.bump();
    let tree_ref = alloc.bump();
    let page_refs: Vec<Ref> = pages.iter().map(|_| alloc.bump()).collect();
    let mut pdf = Pdf::new();
    let options = svg2pdf::ConversionOptions {
        compress,
        embed_text: true,
        ..svg2pdf::ConversionOptions::default()
    };
    let mut chunks = Vec::new();
    let mut x_refs: Vec<(Ref, Space)> = Vec::with_capacity(pages.len());
    for batch in batches(pages, batch_shapes) {
        let drawn = match shared_drawings(batch, options, &mut alloc)? {
            Some(shared) => shared,
            None => separate_drawings(batch, options, &mut alloc)?,
        };
        x_refs.extend(drawn.x_refs.iter().map(|&x_ref| (x_ref, drawn.space)));
        chunks.extend(drawn.chunks);
    }
    let name = Name(b"P");
    for ((drawing, &page_ref), &(x_ref, space)) in pages.iter().zip(&page_refs).zip(&x_refs) {
        // Paper sizes are whole (or simple) points: undo the float error of converting to page units.
        let points = |units: f32| (units / UNITS_PER_POINT * 1000.0).round() / 1000.0;
        let (w, h) = (points(drawing.bounds.w), points(drawing.bounds.h));
        let content_ref = alloc.bump();
        let mut content = Content::new();
        match space {
            // The page's own group, in the drawing's units with y down: flip and scale to points.
            Space::Drawing => {
                let scale = 1.0 / UNITS_PER_POINT;
                content.transform([scale, 0.0, 0.0, -scale, 0.0, h]);
            }
            // A whole tree drawn as a 1 x 1 image.
            Space::Unit => {
                content.transform([w, 0.0, 0.0, h, 0.0, 0.0]);
            }
        }
        content.x_object(name);
        pdf.stream(content_ref, &content.finish());
        let mut page = pdf.page(page_ref);
        page.media_box(Rect::new(0.0, 0.0, w, h));
        page.parent(tree_ref);
        page.contents(content_ref);
        page.resources().x_objects().pair(name, x_ref);
        page.finish();
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

/// Most shapes converted in one pass. The renderer refuses an SVG of more than a million elements, and one
/// pass holds its whole SVG and tree in memory: big documents are converted in batches of pages, each batch
/// with one copy of the fonts (about 30 KB).
const BATCH_SHAPES: usize = 200_000;

/// Consecutive runs of pages of at most `most` shapes together (a bigger page alone).
fn batches(pages: &[Drawing], most: usize) -> Vec<&[Drawing]> {
    let mut out = Vec::new();
    let (mut start, mut shapes) = (0, 0);
    for (i, page) in pages.iter().enumerate() {
        if i > start && shapes + page.shapes.len() > most {
            out.push(&pages[start..i]);
            (start, shapes) = (i, 0);
        }
        shapes += page.shapes.len();
    }
    if start < pages.len() {
        out.push(&pages[start..]);
    }
    out
}

/// The coordinate space a page's form XObject is drawn in.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Space {
    /// The drawing's own units, y down, from the page drawing's top-left.
    Drawing,
    /// The unit square (svg2pdf's XObject for a whole tree).
    Unit,
}

/// Every page's drawing as a form XObject, and the objects they need.
struct Drawn {
    chunks: Vec<Chunk>,
    x_refs: Vec<Ref>,
    space: Space,
}

/// All pages in one svg2pdf pass, so the fonts are embedded once for the document rather than once a page
/// (about 30 KB a page). Every page is an isolated group of one SVG, all at the same origin: svg2pdf makes
/// each isolated group a form XObject of its own, which the page draws alone. `None` when the XObjects of
/// the pages cannot be told apart in svg2pdf's output (then each page is converted on its own).
fn shared_drawings(
    pages: &[Drawing],
    options: svg2pdf::ConversionOptions,
    alloc: &mut Ref,
) -> Result<Option<Drawn>, RenderError> {
    if pages.is_empty() {
        return Ok(None);
    }
    let width = pages.iter().map(|d| d.bounds.w).fold(1.0, f32::max);
    let height = pages.iter().map(|d| d.bounds.h).fold(1.0, f32::max);
    let mut svg = String::new();
    for (i, drawing) in pages.iter().enumerate() {
        let page = to_svg(drawing);
        // `to_svg` writes the `<svg>` element on its first row and closes it on its last.
        let (header, body) = page.split_once('\n').unwrap_or(("", ""));
        if i == 0 {
            let attributes = header
                .split_once(" font-family=")
                .map_or("", |(_, rest)| rest.trim_end_matches('>'));
            svg.push_str(&format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family={attributes}>"#
            ));
            svg.push('\n');
        }
        let body = body.trim_end().trim_end_matches("</svg>");
        svg.push_str(&format!(
            r#"<g style="isolation:isolate" transform="translate({} {})">"#,
            -drawing.bounds.x, -drawing.bounds.y
        ));
        svg.push_str(body);
        svg.push_str("</g>\n");
    }
    svg.push_str("</svg>\n");
    let tree = parse(&svg)?;
    let (chunk, whole) =
        svg2pdf::to_chunk(&tree, options).map_err(|err| RenderError::Pdf(err.to_string()))?;
    let mut map = HashMap::new();
    let chunk = chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
    let Some(whole) = map.get(&whole).copied() else {
        return Ok(None);
    };
    let x_refs = x_objects_of(chunk.as_bytes(), whole);
    if x_refs.len() != pages.len() {
        return Ok(None);
    }
    Ok(Some(Drawn {
        chunks: vec![chunk],
        x_refs,
        space: Space::Drawing,
    }))
}

/// The form XObjects the resources of object `owner` name `xo0`, `xo1`, ..., in the order of their names
/// (svg2pdf names them in drawing order).
fn x_objects_of(bytes: &[u8], owner: Ref) -> Vec<Ref> {
    let text = String::from_utf8_lossy(bytes);
    let opening = format!("{} 0 obj", owner.get());
    let Some(at) = text
        .match_indices(&opening)
        .map(|(at, _)| at)
        .find(|&at| at == 0 || text[..at].ends_with('\n'))
    else {
        return Vec::new();
    };
    let object = &text[at..];
    let dictionary = object.split("stream").next().unwrap_or("");
    let Some((_, entries)) = dictionary.split_once("/XObject <<") else {
        return Vec::new();
    };
    let entries = entries.split(">>").next().unwrap_or("");
    let words: Vec<&str> = entries.split_whitespace().collect();
    let mut named: Vec<(u32, Ref)> = Vec::new();
    for pair in words.windows(4) {
        if let [name, id, "0", "R"] = pair
            && let Some(number) = name.strip_prefix("/xo").and_then(|n| n.parse::<u32>().ok())
            && let Ok(id) = id.parse::<i32>()
        {
            named.push((number, Ref::new(id)));
        }
    }
    named.sort_unstable_by_key(|(number, _)| *number);
    named.into_iter().map(|(_, r)| r).collect()
}

/// Each page converted on its own (each with its own copy of the fonts).
fn separate_drawings(
    pages: &[Drawing],
    options: svg2pdf::ConversionOptions,
    alloc: &mut Ref,
) -> Result<Drawn, RenderError> {
    let mut chunks = Vec::with_capacity(pages.len());
    let mut x_refs = Vec::with_capacity(pages.len());
    for drawing in pages {
        let tree = parse(&to_svg(drawing))?;
        let (chunk, x_ref) =
            svg2pdf::to_chunk(&tree, options).map_err(|err| RenderError::Pdf(err.to_string()))?;
        let mut map = HashMap::new();
        let chunk = chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
        let x_ref = map
            .get(&x_ref)
            .copied()
            .ok_or_else(|| RenderError::Pdf("the page's drawing went missing".to_owned()))?;
        chunks.push(chunk);
        x_refs.push(x_ref);
    }
    Ok(Drawn {
        chunks,
        x_refs,
        space: Space::Unit,
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::{Point, Rect as Area};
    use crate::render::drawing::{FontWeight, Rgba, Shape};

    fn page(text: &str) -> Drawing {
        let ink = Rgba::rgb(0, 0, 0);
        Drawing {
            bounds: Area::new(0.0, 0.0, 842.0 * UNITS_PER_POINT, 595.0 * UNITS_PER_POINT),
            background: Rgba::rgb(255, 255, 255),
            shapes: [FontWeight::Regular, FontWeight::Bold]
                .into_iter()
                .enumerate()
                .map(|(i, weight)| Shape::Text {
                    pos: Point::new(40.0, 60.0 + 30.0 * i as f32),
                    text: text.to_owned(),
                    size: 14.0,
                    weight,
                    color: ink,
                    strike: false,
                })
                .collect(),
            cards: Vec::new(),
        }
    }

    #[test]
    fn every_page_shares_one_copy_of_each_font() {
        let pages: Vec<Drawing> = ["Chief Executive", "Director of Finance", "Head of Legal"]
            .into_iter()
            .map(page)
            .collect();
        let bytes = to_pdf_pages(&pages, &[], "Fonts").unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert_eq!(text.matches("/MediaBox").count(), 3);
        // One font file for the regular face and one for the bold, not one of each a page.
        assert_eq!(text.matches("/FontFile2").count(), 2);
        let one = to_pdf_pages(&pages[..1], &[], "Fonts").unwrap();
        assert!(
            bytes.len() < one.len() * 2,
            "three pages {} bytes, one page {} bytes",
            bytes.len(),
            one.len()
        );
    }

    #[test]
    fn pages_are_batched_by_their_shapes_and_a_big_page_goes_alone() {
        let pages: Vec<Drawing> = ["a", "b", "c", "d"].into_iter().map(page).collect();
        let each = pages[0].shapes.len();
        let sizes =
            |most: usize| -> Vec<usize> { batches(&pages, most).iter().map(|b| b.len()).collect() };
        assert_eq!(sizes(2 * each), vec![2, 2]);
        assert_eq!(sizes(3 * each), vec![3, 1]);
        assert_eq!(sizes(1), vec![1, 1, 1, 1]);
        assert_eq!(sizes(usize::MAX), vec![4]);
        assert!(batches(&[], 10).is_empty());
    }

    #[test]
    fn a_document_converted_in_batches_has_every_page_and_fonts_once_a_batch() {
        let pages: Vec<Drawing> = ["Chief Executive", "Director of Finance", "Head of Legal"]
            .into_iter()
            .map(page)
            .collect();
        let each = pages[0].shapes.len();
        let bytes = to_pdf_in_batches(&pages, &[], "Batches", true, 2 * each).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert_eq!(text.matches("/MediaBox").count(), 3);
        assert_eq!(
            text.matches("/FontFile2").count(),
            4,
            "two faces in each of two batches"
        );
        let words = pdf_extract::extract_text_from_mem(&bytes).unwrap_or_default();
        for name in ["Chief Executive", "Director of Finance", "Head of Legal"] {
            assert!(words.contains(name), "{name} in {words}");
        }
    }
}
