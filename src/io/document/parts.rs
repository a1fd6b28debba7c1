//! Parsing a big document's units in parts on several threads: RON's parser is most of loading a big chart,
//! and it reads one record at a time on one thread.
//!
//! `split` finds each unit record in the text; the records are parsed in order in as many parts as there
//! are threads, each record by RON on its own, and the parts joined in order. The rest of the document (the
//! format, version, title and links) is parsed meanwhile with its units list emptied. Anything refused
//! anywhere (an unknown field, a syntax error, a value over its limit) gives `None`, and the whole text is
//! read again by the reporting reader, which says where and what the error is, exactly as for a small file.

use super::split::UnitsList;
use super::strict;
use super::{Document, UnitRecord};

/// Below this many unit records one thread parses them all (starting threads and scanning the records would
/// cost more than they save; it is a few milliseconds of parsing).
pub(super) const PARALLEL_FROM: usize = 5_000;

/// Texts shorter than this are not scanned for their records: they cannot hold `PARALLEL_FROM` of them (a
/// record is at least a few dozen bytes; one written by Orgchart about 300).
pub(super) const PARALLEL_FROM_BYTES: usize = 100 * PARALLEL_FROM;

/// The document with its units parsed in parts on at most `threads` threads.
pub(super) fn parse(
    text: &str,
    options: &ron::Options,
    list: &UnitsList,
    threads: usize,
) -> Option<Document> {
    let part_len = list.records.len().div_ceil(threads.clamp(1, 8));
    in_parts(text, options, list, part_len)
}

/// The document with its units parsed in parts of `part_len` records, each part on a thread of its own.
fn in_parts(
    text: &str,
    options: &ron::Options,
    list: &UnitsList,
    part_len: usize,
) -> Option<Document> {
    let inner = list.inner_start..list.close;
    let mut rest = String::with_capacity(text.len() - inner.len());
    rest.push_str(text.get(..inner.start)?);
    rest.push_str(text.get(inner.end..)?);
    let (rest, parts) = std::thread::scope(|scope| {
        let running: Vec<_> = list
            .records
            .chunks(part_len.max(1))
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|record| strict::unit_record(text.get(record.clone())?, options))
                        .collect::<Option<Vec<UnitRecord>>>()
                })
            })
            .collect();
        let rest = strict::without_units(&rest, options);
        let parts = running
            .into_iter()
            .map(|thread| thread.join().ok().flatten())
            .collect::<Option<Vec<_>>>();
        (rest, parts)
    });
    strict::with_units(rest?, parts?)
}

#[cfg(test)]
mod tests {
    use super::super::split::units_list;
    use super::*;
    use crate::model::Chart;

    fn options() -> ron::Options {
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
    }

    fn chart_of(document: Document) -> Chart {
        super::super::build_chart(document).unwrap_or_else(|_| panic!("the chart builds"))
    }

    #[test]
    fn a_big_chart_parsed_in_parts_is_the_chart_parsed_whole() {
        let mut chart = crate::generate::generate(PARALLEL_FROM * 3 + 17, 7);
        chart.set_title("units: [ \"(\" ]");
        let text = super::super::to_ron_string(&chart).unwrap();
        let list = units_list(&text).expect("the scanner reads a document Orgchart wrote");
        assert_eq!(list.records.len(), chart.len());
        let whole = chart_of(strict::whole(&text, &options()).unwrap());
        assert!(whole == chart);
        for threads in [2, 3, 8] {
            let parsed = parse(&text, &options(), &list, threads).expect("parsed in parts");
            assert!(chart_of(parsed) == whole, "{threads} threads");
        }
        // The loader takes this path for a chart this big (the units are parsed in parts by it).
        assert!(super::super::from_ron_str(&text, "big.ron").unwrap() == whole);
    }

    #[test]
    fn a_broken_unit_in_the_second_part_is_reported_at_its_line_as_before() {
        let chart = crate::generate::generate(PARALLEL_FROM * 4, 7);
        let text = super::super::to_ron_string(&chart).unwrap();
        let list = units_list(&text).unwrap();
        // A record three quarters in: in the second of two parts, the fourth of four.
        let record = list.records[list.records.len() * 3 / 4].clone();
        let id_at = record.start + text[record.clone()].find("id: ").unwrap();
        let comma = id_at + text[id_at..].find(',').unwrap();
        let broken = format!("{},{}", &text[..=comma], &text[comma + 1..]);
        let line = text[..id_at].matches('\n').count() + 1;
        let column = comma - text[..id_at].rfind('\n').unwrap() + 1;
        assert_eq!(
            parse(&broken, &options(), &units_list(&broken).unwrap(), 2).map(|_| ()),
            None
        );
        match super::super::from_ron_str(&broken, "big.ron") {
            Err(super::super::DocumentError::Syntax {
                line: found_line,
                column: found_column,
                ..
            }) => assert_eq!((found_line, found_column), (line, column)),
            other => panic!("{:?}", other.map(|chart| chart.len())),
        }
    }

    /// Text with the characters that matter to the scanner: quotes, backslashes, brackets, commas, comment
    /// and raw-string marks, a newline and characters of several bytes.
    fn odd_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let chars = prop_oneof![
            Just('"'),
            Just('\\'),
            Just('['),
            Just(']'),
            Just('('),
            Just(')'),
            Just('{'),
            Just('}'),
            Just(','),
            Just('/'),
            Just('*'),
            Just('#'),
            Just('\''),
            Just(' '),
            Just('r'),
            Just('é'),
            Just('漢'),
            Just('😀'),
            Just('\n'),
        ];
        proptest::collection::vec(chars, 0..12).prop_map(String::from_iter)
    }

    /// `text` as a RON string: escaped, or raw with enough hashes.
    fn quoted(text: &str, raw: bool) -> String {
        if raw {
            let hashes = "#".repeat(text.matches('#').count() + 1);
            format!("r{hashes}\"{text}\"{hashes}")
        } else {
            let escaped = text
                .replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('\n', "\\n");
            format!("\"{escaped}\"")
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn records_with_odd_texts_and_comments_parse_in_parts_as_whole_at_every_cut(
            units in proptest::collection::vec(
                (odd_text(), odd_text(), proptest::prelude::any::<bool>(), 0..4u8),
                1..8,
            ),
            title in odd_text(),
        ) {
            let mut records = String::new();
            for (k, (name, role, raw, comment)) in units.iter().enumerate() {
                let id = quoted(&format!("u{k}{name}"), !raw);
                let manager = if k > 0 {
                    format!("reports_to: {},", quoted(&format!("u0{}", units[0].0), *raw))
                } else {
                    String::new()
                };
                records.push_str(&format!(
                    "\n  (id: {id}, name: {}, {manager} role: {}, tags: [{}, \"]\"])",
                    quoted(name, *raw),
                    quoted(role, !raw),
                    quoted(name, false)
                ));
                records.push_str(match comment {
                    0 => ",",
                    1 => ", // a comment, with ] and \" and ) and /* in it\n",
                    2 => " /* a /* nested, ] */ comment ) \" */,",
                    _ => "\n,",
                });
            }
            let text = format!(
                "#![enable(implicit_some)]\n(\n  format: \"orgchart\",\n  version: 1,\n  title: {},\n  units: [{records}\n  ],\n)\n",
                quoted(&title, false)
            );
            let list = units_list(&text).expect("the scanner reads it");
            proptest::prop_assert_eq!(list.records.len(), units.len());
            let whole = strict::whole(&text, &options()).map(chart_of);
            proptest::prop_assert!(whole.is_some(), "{}", text);
            for part_len in 1..=units.len() {
                let parsed = in_parts(&text, &options(), &list, part_len).map(chart_of);
                proptest::prop_assert!(parsed == whole, "{} records a part:\n{}", part_len, text);
            }
        }
    }
}
