//! Writing the chart document. The units are serialized where they are, through borrowed views, into a string
//! sized for the whole document up front: building an owned copy of every unit first (and looking up each
//! unit's manager by id) was about half of saving a big chart.

use ron::extensions::Extensions;
use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};

use super::{DocumentError, FORMAT_NAME, FORMAT_VERSION};
use crate::geom::Point;
use crate::model::{Chart, Cost, Headcount, Link, Placer, Share, Status, Unit, UnitId, UnitKind};

/// The document as written; field for field what `Document` reads.
#[derive(Serialize)]
#[serde(rename = "Document")]
struct DocumentOut<'a> {
    format: &'a str,
    version: u32,
    #[serde(skip_serializing_if = "str::is_empty")]
    title: &'a str,
    units: UnitsOut<'a>,
    #[serde(skip_serializing_if = "<[Link]>::is_empty")]
    links: &'a [Link],
}

/// The units in stable pre-order, each with the id of its manager.
struct UnitsOut<'a>(Vec<(&'a Unit, Option<&'a UnitId>)>);

impl Serialize for UnitsOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for &(unit, reports_to) in &self.0 {
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

/// The chart as RON text. Deterministic: the same chart always gives the same bytes.
pub fn to_ron_string(chart: &Chart) -> Result<String, DocumentError> {
    let units = chart.units_with_managers();
    let texts: usize = units
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
        .sum();
    let links = chart.links();
    let document = DocumentOut {
        format: FORMAT_NAME,
        version: FORMAT_VERSION,
        title: chart.title(),
        units: UnitsOut(units),
        links: &links,
    };
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .extensions(Extensions::IMPLICIT_SOME)
        .indentor("  ".to_owned())
        .depth_limit(3);
    let capacity = 256 + texts + BYTES_PER_UNIT * document.units.0.len() + 80 * links.len();
    let mut text = String::with_capacity(capacity);
    let serialize = |text: &mut String| -> ron::Result<()> {
        let mut serializer =
            ron::Serializer::with_options(text, Some(config), &ron::Options::default())?;
        document.serialize(&mut serializer)
    };
    serialize(&mut text).map_err(|err| DocumentError::Serialize(err.to_string()))?;
    text.push('\n');
    Ok(text)
}
