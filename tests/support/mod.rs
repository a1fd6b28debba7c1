//! Helpers shared by the integration tests.

/// The text of a PDF, read with the `pdf-extract` crate so the tests need no system package. Compared
/// with every space taken out (see [`squeezed`]): the extractor puts spaces between positioned glyphs.
pub fn pdf_text(bytes: &[u8]) -> String {
    match pdf_extract::extract_text_from_mem(bytes) {
        Ok(text) => squeezed(&text),
        Err(err) => panic!("the PDF's text cannot be read: {err}"),
    }
}

/// Text without any white space, so "Chief Executive" is found in "C h i e f   E x e c u t i v e".
pub fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether `text` (already squeezed) holds `wanted`, spaces aside.
#[allow(dead_code)] // each test file uses what it needs
pub fn holds(text: &str, wanted: &str) -> bool {
    text.contains(&squeezed(wanted))
}
