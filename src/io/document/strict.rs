//! The fast way to read a document: the same records as `Document`, refusing any field this version does not
//! know, at every level. A file without one (every file this version writes) is read in one pass without
//! `serde_ignored`'s wrapper around every value, which was about a sixth of loading a big chart. Anything
//! this reader refuses (an unknown field, a syntax error, a text over its limit) is read again by the
//! reporting reader, which lists the unknown fields or says where and what the error is, as before.
//!
//! The types of the model that a document holds are mirrored here (`serde(remote)`) to refuse unknown fields
//! inside them too; a mirror that falls out of step with its type no longer compiles.

use serde::{Deserialize, Deserializer};

use super::{Document, UnitParts, UnitRecord, card_text_id, checks, optional_id};
use crate::geom::Point;
use crate::model::{
    Cost, CostBasis, Headcount, HeadcountBasis, Link, LinkKind, Placer, Share, Span, Status,
    UnitId, UnitKind,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StrictDocument {
    format: String,
    version: u32,
    #[serde(default)]
    title: String,
    units: Vec<StrictUnit>,
    #[serde(default)]
    links: Vec<StrictLink>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StrictUnit {
    #[serde(deserialize_with = "card_text_id")]
    id: UnitId,
    name: String,
    #[serde(default, deserialize_with = "optional_id")]
    reports_to: Option<UnitId>,
    #[serde(default)]
    role: String,
    #[serde(default)]
    kind: UnitKind,
    #[serde(default, deserialize_with = "headcount")]
    headcount: Option<Headcount>,
    #[serde(default, deserialize_with = "cost")]
    cost: Option<Cost>,
    #[serde(default, with = "StatusDef")]
    status: Status,
    #[serde(default)]
    shares: Vec<StrictShare>,
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    department: String,
    #[serde(default)]
    grade: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    staff: bool,
    #[serde(default)]
    placer: Placer,
    #[serde(default)]
    collapsed: bool,
    #[serde(default, deserialize_with = "pinned")]
    pinned: Option<Point>,
}

#[derive(Deserialize)]
#[serde(remote = "Span", deny_unknown_fields)]
struct SpanDef {
    min: f64,
    max: f64,
}

#[derive(Deserialize)]
#[serde(remote = "Headcount", deny_unknown_fields)]
struct HeadcountDef {
    #[serde(with = "SpanDef")]
    value: Span,
    #[serde(default)]
    basis: HeadcountBasis,
}

#[derive(Deserialize)]
#[serde(remote = "Cost", deny_unknown_fields)]
struct CostDef {
    #[serde(with = "SpanDef")]
    amount: Span,
    #[serde(default)]
    basis: CostBasis,
    #[serde(default)]
    on_cost_rate: Option<f64>,
    #[serde(default)]
    estimate: bool,
}

#[derive(Deserialize)]
#[serde(remote = "Status", deny_unknown_fields)]
enum StatusDef {
    InHouse,
    Outsourced { provider: String },
    Shared { with: Vec<String> },
    Vacant,
    New,
    ToBeDeleted,
}

#[derive(Deserialize)]
#[serde(remote = "Share", deny_unknown_fields)]
struct ShareDef {
    organisation: String,
    percent: f64,
}

#[derive(Deserialize)]
#[serde(remote = "Point", deny_unknown_fields)]
struct PointDef {
    x: f32,
    y: f32,
}

#[derive(Deserialize)]
#[serde(remote = "Link", deny_unknown_fields)]
struct LinkDef {
    from: UnitId,
    to: UnitId,
    kind: LinkKind,
    #[serde(default)]
    label: String,
}

#[derive(Deserialize)]
#[serde(transparent)]
struct StrictHeadcount(#[serde(with = "HeadcountDef")] Headcount);

#[derive(Deserialize)]
#[serde(transparent)]
struct StrictCost(#[serde(with = "CostDef")] Cost);

#[derive(Deserialize)]
#[serde(transparent)]
struct StrictShare(#[serde(with = "ShareDef")] Share);

#[derive(Deserialize)]
#[serde(transparent)]
struct StrictPoint(#[serde(with = "PointDef")] Point);

#[derive(Deserialize)]
#[serde(transparent)]
struct StrictLink(#[serde(with = "LinkDef")] Link);

fn headcount<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Headcount>, D::Error> {
    Option::<StrictHeadcount>::deserialize(deserializer).map(|value| value.map(|v| v.0))
}

fn cost<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Cost>, D::Error> {
    Option::<StrictCost>::deserialize(deserializer).map(|value| value.map(|v| v.0))
}

fn pinned<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Point>, D::Error> {
    Option::<StrictPoint>::deserialize(deserializer).map(|value| value.map(|v| v.0))
}

/// The document, when it has no field this version does not know and passes every check the reporting
/// reader makes on single values; `None` sends it to the reporting reader. A big chart's units are parsed
/// in parts on the available threads (see `parts`).
pub(super) fn parse(text: &str, options: &ron::Options) -> Option<Document> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads > 1
        && text.len() >= super::parts::PARALLEL_FROM_BYTES
        && let Some(list) = super::split::units_list(text)
        && list.records.len() >= super::parts::PARALLEL_FROM
    {
        return super::parts::parse(text, options, &list, threads);
    }
    whole(text, options)
}

/// The whole document on this thread.
pub(super) fn whole(text: &str, options: &ron::Options) -> Option<Document> {
    let mut deserializer = ron::Deserializer::from_str_with_options(text, options).ok()?;
    let document = StrictDocument::deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    let StrictDocument {
        format,
        version,
        title,
        units,
        links,
    } = document;
    let units: Vec<UnitRecord> = units.into_iter().map(UnitRecord::from).collect();
    if !units.iter().all(passes_value_checks) {
        return None;
    }
    with_units(
        StrictDocument {
            format,
            version,
            title,
            units: Vec::new(),
            links,
        },
        vec![units],
    )
}

/// The document without its units (`units: []`), parsed on its own: the rest of a document whose units are
/// parsed in parts.
pub(super) fn without_units(text: &str, options: &ron::Options) -> Option<StrictDocument> {
    let mut deserializer = ron::Deserializer::from_str_with_options(text, options).ok()?;
    let document = StrictDocument::deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    document.units.is_empty().then_some(document)
}

/// One unit record parsed on its own (the text between two commas of the units list), if it passes the
/// checks on single values.
pub(super) fn unit_record(text: &str, options: &ron::Options) -> Option<UnitRecord> {
    let mut deserializer = ron::Deserializer::from_str_with_options(text, options).ok()?;
    let unit = StrictUnit::deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    let unit = UnitRecord::from(unit);
    passes_value_checks(&unit).then_some(unit)
}

/// The document: `rest`'s fields with `units` (already checked), if the title passes its check.
pub(super) fn with_units(rest: StrictDocument, units: Vec<Vec<UnitRecord>>) -> Option<Document> {
    let title_ok = checks::text_problem("text", &rest.title, checks::MAX_CARD_TEXT).is_none();
    title_ok.then(|| Document {
        format: rest.format,
        version: rest.version,
        title: rest.title,
        units: UnitParts(units),
        links: rest.links.into_iter().map(|link| link.0).collect(),
    })
}

impl From<StrictUnit> for UnitRecord {
    fn from(unit: StrictUnit) -> Self {
        UnitRecord {
            id: unit.id,
            name: unit.name,
            reports_to: unit.reports_to,
            role: unit.role,
            kind: unit.kind,
            headcount: unit.headcount,
            cost: unit.cost,
            status: unit.status,
            shares: unit.shares.into_iter().map(|share| share.0).collect(),
            organisation: unit.organisation,
            department: unit.department,
            grade: unit.grade,
            notes: unit.notes,
            tags: unit.tags,
            staff: unit.staff,
            placer: unit.placer,
            collapsed: unit.collapsed,
            pinned: unit.pinned,
        }
    }
}

/// The checks `UnitRecord`'s `deserialize_with` functions make on single values (apart from the id's, made
/// while reading here too), made after reading: the reporting reader makes them while reading to say where
/// the value is. (The title's are made in `with_units`.)
fn passes_value_checks(unit: &UnitRecord) -> bool {
    let card_text =
        |text: &str| checks::text_problem("text", text, checks::MAX_CARD_TEXT).is_none();
    [
        &unit.name,
        &unit.role,
        &unit.organisation,
        &unit.department,
        &unit.grade,
    ]
    .into_iter()
    .all(|text| card_text(text))
        && checks::text_problem("notes text", &unit.notes, checks::MAX_NOTES).is_none()
        && unit
            .headcount
            .as_ref()
            .and_then(checks::headcount_problem)
            .is_none()
        && unit.cost.as_ref().and_then(checks::cost_problem).is_none()
        && unit
            .pinned
            .as_ref()
            .and_then(checks::point_problem)
            .is_none()
        && unit.status.badge().is_none_or(|badge| card_text(&badge))
}
