//! Writing the chart document. The units are serialized where they are, through borrowed views, into a string
//! sized for the whole document up front: building an owned copy of every unit first (and looking up each
//! unit's manager by id) was about half of saving a big chart. What is left is RON's own writer (escaping
//! strings a character at a time, checking each field name), so a big chart's units are written in parts on
//! several threads, each part by RON exactly as it writes it within the whole document, and joined.

use ron::extensions::Extensions;
use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};

use super::{DocumentError, FORMAT_NAME, FORMAT_VERSION};
use crate::geom::Point;
use crate::model::{Chart, Cost, Headcount, Link, Placer, Share, Status, Unit, UnitId, UnitKind};

/// The document as written; field for field what `Document` reads. `U`: the units, or a stand-in for them.
#[derive(Serialize)]
#[serde(rename = "Document")]
struct DocumentOut<'a, U> {
    format: &'a str,
    version: u32,
    #[serde(skip_serializing_if = "str::is_empty")]
    title: &'a str,
    units: U,
    #[serde(skip_serializing_if = "<[Link]>::is_empty")]
    links: &'a [Link],
}

/// Only the units, at the depth they have in the document: how a part of them is written on its own.
#[derive(Serialize)]
#[serde(rename = "Document")]
struct PartOut<U> {
    units: U,
}

/// Units in stable pre-order, each with the id of its manager.
type Placed<'a> = (&'a Unit, Option<&'a UnitId>);

struct UnitsOut<'a>(&'a [Placed<'a>]);

impl Serialize for UnitsOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for &(unit, reports_to) in self.0 {
            seq.serialize_element(&UnitOut::new(unit, reports_to))?;
        }
        seq.end()
    }
}

/// A unit as written: its fields plus the id of its line manager, in the order `UnitRecord` has them.
#[derive(Serialize)]
#[serde(rename = "UnitRecord")]
struct UnitOut<'a> {
    id: &'a UnitId,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reports_to: Option<&'a UnitId>,
    #[serde(skip_serializing_if = "str::is_empty")]
    role: &'a str,
    kind: UnitKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    headcount: Option<&'a Headcount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cost: Option<&'a Cost>,
    #[serde(skip_serializing_if = "is_in_house")]
    status: &'a Status,
    #[serde(skip_serializing_if = "<[Share]>::is_empty")]
    shares: &'a [Share],
    #[serde(skip_serializing_if = "str::is_empty")]
    organisation: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    department: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    grade: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    notes: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    staff: bool,
    #[serde(skip_serializing_if = "is_auto")]
    placer: Placer,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    collapsed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pinned: Option<&'a Point>,
}

impl<'a> UnitOut<'a> {
    fn new(unit: &'a Unit, reports_to: Option<&'a UnitId>) -> Self {
        Self {
            id: &unit.id,
            name: &unit.name,
            reports_to,
            role: &unit.role,
            kind: unit.kind,
            headcount: unit.headcount.as_ref(),
            cost: unit.cost.as_ref(),
            status: &unit.status,
            shares: &unit.shares,
            organisation: &unit.organisation,
            department: &unit.department,
            grade: &unit.grade,
            notes: &unit.notes,
            tags: &unit.tags,
            staff: unit.staff,
            placer: unit.placer,
            collapsed: unit.collapsed,
            pinned: unit.pinned.as_ref(),
        }
    }
}

fn is_in_house(status: &&Status) -> bool {
    **status == Status::InHouse
}

fn is_auto(placer: &Placer) -> bool {
    *placer == Placer::Auto
}

/// Bytes a unit takes beyond its texts: the indented field names, punctuation and figures of a unit with
/// headcount and cost (about 330 in generated charts). Only a first guess for the string's size.
const BYTES_PER_UNIT: usize = 360;

/// Below this many units one thread writes them all: starting threads would cost more than it saves.
const PARALLEL_FROM: usize = 20_000;

/// Stands in for the units while the rest of the document is written; written as `"\0orgchart:units"` on a
/// line of its own, which no text of the chart can be (every text follows a field name on its line).
const MARKER: &str = "\u{0}orgchart:units";

fn config() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .struct_names(false)
        .extensions(Extensions::IMPLICIT_SOME)
        .indentor("  ".to_owned())
        .depth_limit(3)
}

fn write_into(text: &mut String, value: &impl Serialize) -> Result<(), DocumentError> {
    let serialize = |text: &mut String| -> ron::Result<()> {
        let mut serializer =
            ron::Serializer::with_options(text, Some(config()), &ron::Options::default())?;
        value.serialize(&mut serializer)
    };
    serialize(text).map_err(|err| DocumentError::Serialize(err.to_string()))
}

fn text_bytes(units: &[Placed]) -> usize {
    units
        .iter()
        .map(|(unit, _)| {
            unit.id.as_str().len()
                + unit.name.len()
                + unit.role.len()
                + unit.organisation.len()
                + unit.department.len()
                + unit.grade.len()
                + unit.notes.len()
        })
        .sum::<usize>()
        + BYTES_PER_UNIT * units.len()
}

/// The chart as RON text. Deterministic: the same chart always gives the same bytes, however many threads
/// wrote it.
pub fn to_ron_string(chart: &Chart) -> Result<String, DocumentError> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    to_ron_string_on(chart, threads)
}

/// [`to_ron_string`] on at most `threads` threads.
fn to_ron_string_on(chart: &Chart, threads: usize) -> Result<String, DocumentError> {
    let units = chart.units_with_managers();
    let links = chart.links();
    if threads > 1 && units.len() >= PARALLEL_FROM {
        let mut skeleton = String::with_capacity(256 + 80 * links.len());
        write_into(&mut skeleton, &document(chart, &links, [MARKER].as_slice()))?;
        if let Some(text) = in_parts(&units, &skeleton, threads) {
            return Ok(text);
        }
        // Not written as expected (never seen): write it all on this thread instead.
    }
    let mut text = String::with_capacity(256 + text_bytes(&units) + 80 * links.len());
    write_into(&mut text, &document(chart, &links, UnitsOut(&units)))?;
    text.push('\n');
    Ok(text)
}

fn document<'a, U>(chart: &'a Chart, links: &'a [Link], units: U) -> DocumentOut<'a, U> {
    DocumentOut {
        format: FORMAT_NAME,
        version: FORMAT_VERSION,
        title: chart.title(),
        units,
        links,
    }
}

/// The document written with its units in parts on `threads` threads, or `None` if a part was not written
/// as expected. `skeleton`: the document with the marker for its units.
fn in_parts(units: &[Placed], skeleton: &str, threads: usize) -> Option<String> {
    let (before, after) = around_marker(skeleton)?;
    let size = units.len().div_ceil(threads.clamp(1, 8)).max(1);
    let parts = std::thread::scope(|scope| {
        let running: Vec<_> = units
            .chunks(size)
            .map(|part| scope.spawn(move || part_text(part)))
            .collect();
        running
            .into_iter()
            .map(|thread| thread.join().ok().flatten())
            .collect::<Option<Vec<String>>>()
    })?;
    let mut text =
        String::with_capacity(skeleton.len() + parts.iter().map(String::len).sum::<usize>() + 1);
    text.push_str(before);
    parts.iter().for_each(|part| text.push_str(part));
    text.push_str(after);
    text.push('\n');
    Some(text)
}

/// A part of the units as they are written within the document: written on their own at the same depth,
/// less what is written around them there (found by writing the marker alone the same way).
fn part_text(part: &[Placed]) -> Option<String> {
    let mut around = String::new();
    write_into(
        &mut around,
        &PartOut {
            units: [MARKER].as_slice(),
        },
    )
    .ok()?;
    let (before, after) = around_marker(&around)?;
    let mut text = String::with_capacity(256 + text_bytes(part));
    write_into(
        &mut text,
        &PartOut {
            units: UnitsOut(part),
        },
    )
    .ok()?;
    let inner = text.strip_prefix(before)?.strip_suffix(after)?;
    Some(inner.to_owned())
}

/// The text before and after the marker's line.
fn around_marker(text: &str) -> Option<(&str, &str)> {
    let quoted = "\"\\0orgchart:units\",\n";
    text.match_indices(quoted).find_map(|(at, _)| {
        let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
        let indent = &text[line_start..at];
        indent
            .bytes()
            .all(|b| b == b' ')
            .then(|| (&text[..line_start], &text[at + quoted.len()..]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_big_chart_written_in_parts_on_several_threads_is_byte_for_byte_the_one_written_whole() {
        let mut chart = crate::generate::generate(PARALLEL_FROM + 1_234, 7);
        // A title that looks like the marker must not be taken for it.
        chart.set_title(MARKER);
        let whole = to_ron_string_on(&chart, 1).unwrap();
        assert!(
            whole.contains("title: \"\\0orgchart:units\""),
            "{}",
            &whole[..200]
        );
        let units = chart.units_with_managers();
        let links = chart.links();
        let mut skeleton = String::new();
        write_into(
            &mut skeleton,
            &document(&chart, &links, [MARKER].as_slice()),
        )
        .unwrap();
        for threads in [2, 3, 8] {
            let parts = in_parts(&units, &skeleton, threads).expect("written in parts");
            assert!(parts == whole, "{threads} threads");
            assert!(
                to_ron_string_on(&chart, threads).unwrap() == whole,
                "{threads} threads"
            );
        }
    }
}
