//! A PDF of several pages with bookmarks: each page's drawing becomes a page of its own size through the
//! direct PDF writer (fonts embedded once for the whole document), and the outline is written beside them.

use std::collections::HashMap;

use pdf_writer::{Finish, Pdf, Ref, TextStr};

use super::drawing::Drawing;
use super::page::UNITS_PER_POINT;
use super::pdf::Document;
use super::usvg_tree::RenderError;

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
    let mut document = Document::new(compress);
    for drawing in pages {
        document.add_page(drawing, UNITS_PER_POINT);
    }
    let page_refs = document.page_refs().to_vec();
    let (pdf, alloc) = document.parts();
    let outline = write_outline(pdf, alloc, bookmarks, &page_refs);
    document.finish(outline, title).map_err(RenderError::Pdf)
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
    fn a_thousand_cards_on_many_pages_embed_each_font_once() {
        let pages: Vec<Drawing> = (0..500).map(|i| page(&format!("Unit {i}"))).collect();
        let bytes = to_pdf_pages(&pages, &[], "Many").unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert_eq!(text.matches("/MediaBox").count(), 500);
        // The count standing for the cost: two faces, whatever the number of pages.
        assert_eq!(text.matches("/FontFile2").count(), 2);
        assert_eq!(text.matches("/Subtype /Type0").count(), 2);
        let words = pdf_extract::extract_text_from_mem(&bytes).unwrap_or_default();
        for name in ["Unit 0", "Unit 250", "Unit 499"] {
            assert!(words.contains(name), "{name}");
        }
    }

    #[test]
    fn bookmarks_open_their_pages_and_the_title_is_set() {
        let pages: Vec<Drawing> = ["One", "Two"].into_iter().map(page).collect();
        let bookmarks = [
            Bookmark {
                title: "First".to_owned(),
                page: 0,
                parent: None,
            },
            Bookmark {
                title: "Second".to_owned(),
                page: 1,
                parent: Some(0),
            },
            Bookmark {
                title: "Nowhere".to_owned(),
                page: 9,
                parent: None,
            },
        ];
        let bytes = to_pdf_pages(&pages, &bookmarks, "Restructure").unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("/Outlines") && text.contains("/UseOutlines"));
        assert!(text.contains("(First)") && text.contains("(Second)"));
        assert!(
            !text.contains("(Nowhere)"),
            "a bookmark past the last page is left out"
        );
        assert!(text.contains("/Title (Restructure)"));
    }
}
