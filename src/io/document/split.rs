//! Finding where each unit record of a document's `units: [ ... ]` list starts and ends, without parsing the
//! records, so that a big chart's units can be parsed in parts on several threads.
//!
//! A light scan over bytes: it steps over strings (with their escapes), raw strings, comments (nested block
//! comments too) and the nesting of `()`, `[]` and `{}`, and cuts the list at its top-level commas. It only
//! has to be right on the documents it accepts: on anything it is not sure of (a character literal, a `#`
//! outside a raw string, a raw identifier, an empty record, no `units` key where expected, an unclosed
//! string or bracket) it gives up, and the document is parsed on one thread as before. Whatever it cuts is
//! parsed by RON record by record, so a wrong cut would show as a parse error, and that too sends the
//! document to the one-thread path.

use std::ops::Range;

/// The units list of a document: the text around it and where each record is.
#[derive(Debug, PartialEq)]
pub(super) struct UnitsList {
    /// The byte just after the list's `[`.
    pub inner_start: usize,
    /// The byte of the list's `]`.
    pub close: usize,
    /// Each record's bytes, from just after the `[` or comma before it to just before the comma or `]`
    /// after it (the whitespace and comments around a record included).
    pub records: Vec<Range<usize>>,
}

/// The records of the top-level `units` list, or `None` when the scan is not sure of the document.
pub(super) fn units_list(text: &str) -> Option<UnitsList> {
    let bytes = text.as_bytes();
    let mut scan = Scan { bytes, at: 0 };
    // The document: an optional struct name, then `(`, then fields up to `units`.
    scan.skip_trivia()?;
    while scan.peek() == Some(b'#') {
        scan.attribute()?;
        scan.skip_trivia()?;
    }
    while scan.peek().is_some_and(is_ident_byte) {
        scan.at += 1;
    }
    scan.skip_trivia()?;
    scan.expect(b'(')?;
    loop {
        scan.skip_trivia()?;
        let key = scan.ident()?;
        scan.skip_trivia()?;
        scan.expect(b':')?;
        scan.skip_trivia()?;
        if key == b"units" {
            scan.expect(b'[')?;
            return scan.records();
        }
        // Another field before the units (format, version, title): its value, then its comma.
        scan.value_until(|b| b == b',')?;
        scan.expect(b',')?;
    }
}

/// The bytes `Scan::value_until` stops at: quotes, comment and raw-string marks, brackets and commas.
const MATTERS: [bool; 256] = {
    let mut table = [false; 256];
    let marks = b"\"'#/()[]{},";
    let mut k = 0;
    while k < marks.len() {
        table[marks[k] as usize] = true;
        k += 1;
    }
    table
};

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

struct Scan<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Scan<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.at + ahead).copied()
    }

    fn expect(&mut self, b: u8) -> Option<()> {
        (self.peek() == Some(b)).then(|| self.at += 1)
    }

    /// A plain identifier (a raw identifier, `r#name`, is not expected here).
    fn ident(&mut self) -> Option<&'a [u8]> {
        let start = self.at;
        while self.peek().is_some_and(is_ident_byte) {
            self.at += 1;
        }
        (self.at > start).then(|| &self.bytes[start..self.at])
    }

    /// `#![enable(implicit_some)]`, as Orgchart writes at the top of a document; at its `#`. Only that
    /// extension is expected: the records are parsed alone with it on, as the options turn it on anyway, and
    /// another would change how a record parses alone.
    fn attribute(&mut self) -> Option<()> {
        for token in [b'#', b'!', b'['] {
            self.skip_trivia()?;
            self.expect(token)?;
        }
        self.skip_trivia()?;
        (self.ident()? == b"enable").then_some(())?;
        self.skip_trivia()?;
        self.expect(b'(')?;
        loop {
            self.skip_trivia()?;
            (self.ident()? == b"implicit_some").then_some(())?;
            self.skip_trivia()?;
            if self.expect(b',').is_none() {
                break;
            }
        }
        for token in [b')', b']'] {
            self.skip_trivia()?;
            self.expect(token)?;
        }
        Some(())
    }

    /// Whitespace (ASCII; any other character counts as part of a value) and comments.
    fn skip_trivia(&mut self) -> Option<()> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0B' | b'\x0C') => self.at += 1,
                Some(b'/') => self.comment()?,
                _ => return Some(()),
            }
        }
    }

    /// A `//` or `/* */` comment (block comments nest, as in RON); at its `/`.
    fn comment(&mut self) -> Option<()> {
        match self.peek_at(1)? {
            b'/' => {
                self.at += 2;
                while self.peek().is_some_and(|b| b != b'\n') {
                    self.at += 1;
                }
                Some(())
            }
            b'*' => {
                self.at += 2;
                let mut depth = 1usize;
                while depth > 0 {
                    match (self.peek()?, self.peek_at(1)) {
                        (b'/', Some(b'*')) => {
                            depth += 1;
                            self.at += 2;
                        }
                        (b'*', Some(b'/')) => {
                            depth -= 1;
                            self.at += 2;
                        }
                        _ => self.at += 1,
                    }
                }
                Some(())
            }
            _ => None,
        }
    }

    /// A `"..."` string; at its opening quote. A backslash escapes the byte after it (`\"`, `\\`; longer
    /// escapes such as `\u{..}` hold no quote).
    fn string(&mut self) -> Option<()> {
        self.at += 1;
        loop {
            let rest = self.bytes.get(self.at..)?;
            self.at += rest.iter().position(|&b| b == b'"' || b == b'\\')?;
            if self.peek()? == b'\\' {
                self.at += 2;
            } else {
                self.at += 1;
                return Some(());
            }
        }
    }

    /// `r"..."`, `r#"..."#`, ...: ends at a quote followed by as many hashes; at the `r`. A raw identifier
    /// (`r#name`) is not expected in a unit record.
    fn raw_string(&mut self) -> Option<()> {
        self.at += 1;
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.at += 1;
        }
        self.expect(b'"')?;
        loop {
            if self.peek()? == b'"' && (1..=hashes).all(|k| self.peek_at(k) == Some(b'#')) {
                self.at += 1 + hashes;
                return Some(());
            }
            self.at += 1;
        }
    }

    /// Steps over one value (or the rest of one) until `stop` finds a byte outside any string, comment or
    /// bracket; leaves `at` on that byte (`stop` is only asked about bytes `MATTERS` marks). Gives up on a
    /// closing bracket that closes nothing here (the value ended without `stop`), a character literal or a
    /// `#` that does not start a raw string.
    fn value_until(&mut self, stop: impl Fn(u8) -> bool) -> Option<()> {
        let mut depth = 0usize;
        loop {
            // Most bytes of a record are names, figures and the text of strings: step over them fast.
            while self
                .bytes
                .get(self.at)
                .is_some_and(|&b| !MATTERS[usize::from(b)])
            {
                self.at += 1;
            }
            let b = self.peek()?;
            if depth == 0 && stop(b) {
                return Some(());
            }
            match b {
                b'"' if self.raw_prefix(self.at).is_some() => {
                    self.at = self.raw_prefix(self.at)?;
                    self.raw_string()?
                }
                b'"' => self.string()?,
                b'#' => {
                    self.at = self.raw_prefix(self.at)?;
                    self.raw_string()?
                }
                b'/' => self.comment()?,
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    self.at += 1;
                }
                b')' | b']' | b'}' => {
                    depth = depth.checked_sub(1)?;
                    self.at += 1;
                }
                b',' => self.at += 1,
                // A character literal (no field of a document holds one), or what `MATTERS` does not mark.
                _ => return None,
            }
        }
    }

    /// Where the `r` of a raw string is, if the `"` or `#` at `at` follows one (`r"`, `r#`, `br"`, `br#`,
    /// with the `r` not ending a longer name).
    fn raw_prefix(&self, at: usize) -> Option<usize> {
        let r = at.checked_sub(1)?;
        if self.bytes.get(r) != Some(&b'r') {
            return None;
        }
        let free = |k: Option<usize>| {
            k.is_none_or(|k| !self.bytes.get(k).is_some_and(|&b| is_ident_byte(b)))
        };
        let before = r.checked_sub(1);
        let byte_string = before.is_some_and(|k| self.bytes.get(k) == Some(&b'b'));
        let fits = free(before) || (byte_string && free(before.and_then(|k| k.checked_sub(1))));
        fits.then_some(r)
    }

    /// The records of a list; just after its `[`.
    fn records(&mut self) -> Option<UnitsList> {
        let inner_start = self.at;
        let mut records = Vec::new();
        loop {
            let start = self.at;
            self.skip_trivia()?;
            if self.peek()? == b']' {
                // After the last record's comma (or in an empty list): only whitespace and comments.
                return Some(UnitsList {
                    inner_start,
                    close: self.at,
                    records,
                });
            }
            if self.peek()? == b',' {
                // An empty record (`[a,, b]`): a syntax error for the parser to report.
                return None;
            }
            self.value_until(|b| b == b',' || b == b']')?;
            records.push(start..self.at);
            if self.peek()? == b',' {
                self.at += 1;
            } else {
                return Some(UnitsList {
                    inner_start,
                    close: self.at,
                    records,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Option<Vec<&str>> {
        let list = units_list(text)?;
        Some(list.records.iter().map(|r| &text[r.clone()]).collect())
    }

    #[test]
    fn cuts_at_the_list_commas_only() {
        let text = "Document( format: \"orgchart\", version: 1, title: \"units: [\\\"]\",\n units: [\n  (id: \"a,\", name: r#\"x\"],\"#), // a, comment ]\n  (id: \"b\", tags: [\"p\", \"q\"], /* a /* nested */ ], */ pinned: Some((x: 1, y: 2))),\n ],\n links: [],\n)";
        let list = units_list(text).unwrap();
        assert_eq!(&text[list.close..list.close + 1], "]");
        assert_eq!(
            pieces(text).unwrap(),
            [
                "\n  (id: \"a,\", name: r#\"x\"],\"#)",
                " // a, comment ]\n  (id: \"b\", tags: [\"p\", \"q\"], /* a /* nested */ ], */ pinned: Some((x: 1, y: 2)))",
            ]
        );
        assert_eq!(pieces("(units: [])").unwrap(), Vec::<&str>::new());
        assert_eq!(
            pieces(
                "#![enable(implicit_some)]\n#![ enable( implicit_some ) ]\n(units: [(id: \"a\")])"
            )
            .unwrap(),
            ["(id: \"a\")"]
        );
        assert_eq!(
            pieces("(units: [ (id: \"a\") ])").unwrap(),
            [" (id: \"a\") "]
        );
    }

    #[test]
    fn gives_up_on_what_it_is_not_sure_of() {
        for text in [
            "#![enable(unwrap_newtypes)] (units: [(id: \"a\")])",
            "#![enable(implicit_some)] (units: [#![enable(unwrap_newtypes)] (id: \"a\")])",
            "(units: [(id: 'a')])",
            "(units: [(id: \"a\"),, (id: \"b\")])",
            "(units: [(r#id: \"a\")])",
            "(units: [(id: \"a\"",
            "(units: [(id: \"a\")) ])",
            "(title: \"x\" units: [])",
            "{\"units\": []}",
            "(units: [(id: \"a\" /* unclosed )])",
        ] {
            assert_eq!(units_list(text), None, "{text}");
        }
    }
}
