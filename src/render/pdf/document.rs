//! A PDF document of drawings, one page each, written directly with pdf-writer: each page's content
//! stream, the fonts and opacity states shared by all pages (written once, at the end), the page tree,
//! and the catalog with an optional outline and title.

use std::collections::BTreeMap;

use pdf_writer::{Finish, Name, Pdf, Rect, Ref, TextStr};

use super::content::{AlphaKind, BOLD_NAME, Content, REGULAR_NAME};
use super::fonts::FontSet;
use crate::render::drawing::Drawing;

pub struct Document {
    pdf: Pdf,
    alloc: Ref,
    catalog: Ref,
    tree: Ref,
    fonts: FontSet,
    alphas: BTreeMap<(AlphaKind, u8), Ref>,
    pages: Vec<Ref>,
    compress: bool,
}

impl Document {
    pub fn new(compress: bool) -> Self {
        let mut alloc = Ref::new(1);
        let catalog = alloc.bump();
        let tree = alloc.bump();
        let fonts = FontSet::new(&mut alloc);
        Self {
            pdf: Pdf::new(),
            alloc,
            catalog,
            tree,
            fonts,
            alphas: BTreeMap::new(),
            pages: Vec::new(),
            compress,
        }
    }

    /// Adds `drawing` as a page of its bounds at `units_per_point`, rounded to a thousandth of a point
    /// (paper sizes are whole or simple points: this undoes the float error of converting to units).
    /// Returns the page's index.
    pub fn add_page(&mut self, drawing: &Drawing, units_per_point: f32) -> usize {
        let points = |units: f32| (units / units_per_point * 1000.0).round() / 1000.0;
        let (w, h) = (points(drawing.bounds.w), points(drawing.bounds.h));
        let content = Content::page(
            drawing,
            1.0 / units_per_point,
            h,
            &mut self.fonts,
            self.compress,
        );
        let (bytes, used) = content.finish();
        let content_ref = self.alloc.bump();
        let compress = self.compress;
        if compress {
            self.pdf
                .stream(content_ref, &bytes)
                .filter(pdf_writer::Filter::FlateDecode);
        } else {
            self.pdf.stream(content_ref, &bytes);
        }
        for &key in &used.alphas {
            let alloc = &mut self.alloc;
            self.alphas.entry(key).or_insert_with(|| alloc.bump());
        }
        let page_ref = self.alloc.bump();
        let mut page = self.pdf.page(page_ref);
        page.media_box(Rect::new(0.0, 0.0, w, h));
        page.parent(self.tree);
        page.contents(content_ref);
        let mut resources = page.resources();
        if used.regular || used.bold {
            let mut fonts = resources.fonts();
            if used.regular {
                fonts.pair(Name(REGULAR_NAME), self.fonts.regular.reference);
            }
            if used.bold {
                fonts.pair(Name(BOLD_NAME), self.fonts.bold.reference);
            }
        }
        if !used.alphas.is_empty() {
            let mut states = resources.ext_g_states();
            for key @ (kind, alpha) in &used.alphas {
                let name = kind.name(*alpha);
                states.pair(Name(name.as_bytes()), self.alphas[key]);
            }
        }
        resources.finish();
        page.finish();
        self.pages.push(page_ref);
        self.pages.len() - 1
    }

    /// The pages added so far, for an outline's destinations.
    pub fn page_refs(&self) -> &[Ref] {
        &self.pages
    }

    /// The writer and its object numbers, to add objects such as an outline.
    pub fn parts(&mut self) -> (&mut Pdf, &mut Ref) {
        (&mut self.pdf, &mut self.alloc)
    }

    /// Writes the shared objects and the catalog; `outline` is the outline's root when there is one.
    pub fn finish(mut self, outline: Option<Ref>, title: &str) -> Result<Vec<u8>, String> {
        self.fonts
            .write(&mut self.pdf, &mut self.alloc, self.compress)?;
        for (&(kind, alpha), &reference) in &self.alphas {
            let value = f32::from(alpha) / 255.0;
            let mut state = self.pdf.ext_graphics(reference);
            match kind {
                AlphaKind::Fill => state.non_stroking_alpha(value),
                AlphaKind::Stroke => state.stroking_alpha(value),
            };
        }
        self.pdf
            .pages(self.tree)
            .kids(self.pages.iter().copied())
            .count(i32::try_from(self.pages.len()).unwrap_or(i32::MAX));
        let mut catalog = self.pdf.catalog(self.catalog);
        catalog.pages(self.tree);
        if let Some(outline) = outline {
            catalog
                .outlines(outline)
                .page_mode(pdf_writer::types::PageMode::UseOutlines);
        }
        catalog.finish();
        let info = self.alloc.bump();
        let mut document_info = self.pdf.document_info(info);
        document_info.producer(TextStr("orgchart"));
        if !title.trim().is_empty() {
            document_info.title(TextStr(title.trim()));
        }
        document_info.finish();
        Ok(self.pdf.finish())
    }
}
