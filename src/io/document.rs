//! The `.ron` chart document: a format name and version, the units in stable pre-order (each naming its line
//! manager by id), then the other links. No graph indices are ever written.

use std::path::{Path, PathBuf};

use ron::extensions::Extensions;
use serde::{Deserialize, Deserializer};

use super::checks;

use crate::geom::Point;
use crate::model::{
    Chart, Cost, Headcount, Link, ModelError, Placer, Share, Status, Unit, UnitId, UnitKind,
};

mod locate;
mod parts;
mod split;
mod strict;
mod write;

pub use write::to_ron_string;

pub const FORMAT_NAME: &str = "orgchart";
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("{}: cannot read the file: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: cannot write the file: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{file}: this chart uses format version {found}, but this Orgchart reads versions up to {FORMAT_VERSION}; open it with a newer Orgchart"
    )]
    UnsupportedVersion { file: String, found: u32 },
    #[error("{file}: not an Orgchart document (its format is '{found}', expected '{FORMAT_NAME}')")]
    WrongFormat { file: String, found: String },
    /// The chart as a whole is wrong at this unit or link (a duplicate id, a missing manager, a cycle, a bad
    /// link), found after parsing and located in the text.
    #[error("{file}:{line}:{column}: {message}")]
    Invalid {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file}: {message}")]
    TooLarge { file: String, message: String },
    #[error("cannot write the chart as RON: {0}")]
    Serialize(String),
}

/// Just enough of a document to check its format and version before reading the rest.
#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    version: Option<u32>,
}

/// The document as read. Saving writes the same fields through borrowed views (`write::DocumentOut`).
#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
struct Document {
    format: String,
    version: u32,
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "card_text"
    )]
    title: String,
    units: UnitParts,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    links: Vec<Link>,
}

/// The unit records in order, in the parts they were parsed in: one, unless a big chart's units were parsed
/// on several threads (joining the parts would copy every record once more).
#[derive(Default)]
struct UnitParts(Vec<Vec<UnitRecord>>);

impl UnitParts {
    fn len(&self) -> usize {
        self.0.iter().map(Vec::len).sum()
    }

    fn into_records(self) -> impl Iterator<Item = UnitRecord> {
        self.0.into_iter().flatten()
    }
}

impl<'de> Deserialize<'de> for UnitParts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<UnitRecord>::deserialize(deserializer).map(|records| UnitParts(vec![records]))
    }
}

#[cfg(test)]
impl serde::Serialize for UnitParts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // With the length, as a `Vec` writes itself (RON writes an empty list of unknown length otherwise).
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for record in self.0.iter().flatten() {
            seq.serialize_element(record)?;
        }
        seq.end()
    }
}

/// A unit as written in a file: its fields plus the id of its line manager.
#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
struct UnitRecord {
    #[serde(deserialize_with = "card_text_id")]
    id: UnitId,
    #[serde(deserialize_with = "card_text")]
    name: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_id"
    )]
    reports_to: Option<UnitId>,
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "card_text"
    )]
    role: String,
    #[serde(default)]
    kind: UnitKind,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "checked_headcount"
    )]
    headcount: Option<Headcount>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "checked_cost"
    )]
    cost: Option<Cost>,
    #[serde(
        default,
        skip_serializing_if = "is_in_house",
        deserialize_with = "checked_status"
    )]
    status: Status,
    /// Checked with the whole unit when it is added to the chart (they must add up, and match `status`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    shares: Vec<Share>,
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "card_text"
    )]
    organisation: String,
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "card_text"
    )]
    department: String,
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "card_text"
    )]
    grade: String,
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "notes_text"
    )]
    notes: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    staff: bool,
    #[serde(default, skip_serializing_if = "is_auto")]
    placer: Placer,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    collapsed: bool,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "checked_pinned"
    )]
    pinned: Option<Point>,
}

/// Reads a value and refuses it with `problem`'s sentence; the RON reader adds the line and column.
fn checked<'de, D, T>(
    deserializer: D,
    problem: impl Fn(&T) -> Option<String>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let value = T::deserialize(deserializer)?;
    match problem(&value) {
        Some(problem) => Err(serde::de::Error::custom(problem)),
        None => Ok(value),
    }
}

fn card_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    checked(deserializer, |text: &String| {
        checks::text_problem("text", text, checks::MAX_CARD_TEXT)
    })
}

fn card_text_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<UnitId, D::Error> {
    checked(deserializer, |id: &IdText| {
        checks::text_problem("id", id.0.as_str(), checks::MAX_ID)
    })
    .map(|id| id.0)
}

fn optional_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<UnitId>, D::Error> {
    Option::<IdText>::deserialize(deserializer).map(|id| id.map(|id| id.0))
}

/// A unit id read straight from the text into its shared string: one allocation, where reading it as a
/// `UnitId` reads a `String` first and then copies it.
struct IdText(UnitId);

impl<'de> Deserialize<'de> for IdText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = IdText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<IdText, E> {
                Ok(IdText(UnitId::from(text)))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

fn notes_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    checked(deserializer, |text: &String| {
        checks::text_problem("notes text", text, checks::MAX_NOTES)
    })
}

fn checked_headcount<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Headcount>, D::Error> {
    checked(deserializer, |value: &Option<Headcount>| {
        value.as_ref().and_then(checks::headcount_problem)
    })
}

fn checked_cost<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Cost>, D::Error> {
    checked(deserializer, |value: &Option<Cost>| {
        value.as_ref().and_then(checks::cost_problem)
    })
}

fn checked_pinned<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Point>, D::Error> {
    checked(deserializer, |value: &Option<Point>| {
        value.as_ref().and_then(checks::point_problem)
    })
}

fn checked_status<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Status, D::Error> {
    checked(deserializer, |status: &Status| {
        status
            .badge()
            .and_then(|badge| checks::text_problem("status text", &badge, checks::MAX_CARD_TEXT))
    })
}

#[cfg(test)]
fn is_in_house(status: &Status) -> bool {
    *status == Status::InHouse
}

#[cfg(test)]
fn is_auto(placer: &Placer) -> bool {
    *placer == Placer::Auto
}

impl UnitRecord {
    fn into_unit(self) -> (Unit, Option<UnitId>) {
        let unit = Unit {
            id: self.id,
            name: self.name,
            role: self.role,
            kind: self.kind,
            headcount: self.headcount,
            cost: self.cost,
            status: self.status,
            shares: self.shares,
            organisation: self.organisation,
            department: self.department,
            grade: self.grade,
            notes: self.notes,
            tags: self.tags,
            staff: self.staff,
            placer: self.placer,
            collapsed: self.collapsed,
            pinned: self.pinned,
        };
        (unit, self.reports_to)
    }
}

/// A chart read from a file, with the fields this version does not know (written by a newer Orgchart), as
/// paths such as `units.3.colour`. Saving would drop them, so the editor refuses to save over that file.
#[derive(Debug)]
pub struct Loaded {
    pub chart: Chart,
    pub unknown_fields: Vec<String>,
}

/// Reads a chart from RON text; `file` names the source in error messages. A byte-order mark (as Windows
/// Notepad writes) is skipped.
pub fn from_ron_str(text: &str, file: &str) -> Result<Chart, DocumentError> {
    from_ron_str_reporting(text, file).map(|loaded| loaded.chart)
}

/// Like [`from_ron_str`], also listing the fields that were not understood.
pub fn from_ron_str_reporting(text: &str, file: &str) -> Result<Loaded, DocumentError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    let syntax = |err: ron::error::SpannedError| DocumentError::Syntax {
        file: file.to_owned(),
        line: err.span.start.line,
        column: err.span.start.col,
        message: err.code.to_string(),
    };
    // One pass over the text: the format and version are checked on the parsed document. Only when the
    // parse fails is the text probed for them, so a newer version's or another format's file is named as
    // such rather than by the field it tripped on (probing first parsed a big chart twice).
    let parsed = parse_document(text, &options).map_err(|err| {
        let probed: Option<Probe> = options.from_str(text).ok();
        probed
            .and_then(|probe| format_problem(probe.format, probe.version, file))
            .unwrap_or_else(|| syntax(err))
    })?;
    let (document, unknown_fields) = parsed;
    if let Some(problem) =
        format_problem(Some(document.format.clone()), Some(document.version), file)
    {
        return Err(problem);
    }
    if document.units.len() > checks::MAX_UNITS {
        return Err(DocumentError::TooLarge {
            file: file.to_owned(),
            message: format!(
                "this chart has {} units, more than the {} a chart may have; split it into several charts",
                document.units.len(),
                checks::MAX_UNITS
            ),
        });
    }
    let chart = build_chart(document).map_err(|problem| problem.locate(text, file))?;
    Ok(Loaded {
        chart,
        unknown_fields,
    })
}

/// The whole document and the fields it has that this version does not know.
fn parse_document(
    text: &str,
    options: &ron::Options,
) -> Result<(Document, Vec<String>), ron::error::SpannedError> {
    if let Some(document) = strict::parse(text, options) {
        return Ok((document, Vec::new()));
    }
    let mut deserializer = ron::Deserializer::from_str_with_options(text, options)?;
    let mut unknown_fields = Vec::new();
    let document: Document = serde_ignored::deserialize(&mut deserializer, |path| {
        unknown_fields.push(path.to_string());
    })
    .map_err(|err| deserializer.span_error(err))?;
    deserializer
        .end()
        .map_err(|err| deserializer.span_error(err))?;
    Ok((document, unknown_fields))
}

/// Another tool's file, or one written by a newer version of this one.
fn format_problem(
    format: Option<String>,
    version: Option<u32>,
    file: &str,
) -> Option<DocumentError> {
    if let Some(found) = format
        && found != FORMAT_NAME
    {
        return Some(DocumentError::WrongFormat {
            file: file.to_owned(),
            found,
        });
    }
    if let Some(found) = version
        && found > FORMAT_VERSION
    {
        return Some(DocumentError::UnsupportedVersion {
            file: file.to_owned(),
            found,
        });
    }
    None
}

/// What is wrong with the chart as a whole, and at which unit record (or link) of the file.
enum Problem {
    Unit(usize, String),
    Link(usize, String),
}

impl Problem {
    fn locate(self, text: &str, file: &str) -> DocumentError {
        let found = locate::locate(text);
        let (at, message) = match self {
            Problem::Unit(index, message) => (found.unit(index), message),
            Problem::Link(index, message) => (found.link(index), message),
        };
        DocumentError::Invalid {
            file: file.to_owned(),
            line: at.line,
            column: at.column,
            message,
        }
    }
}

fn build_chart(document: Document) -> Result<Chart, Problem> {
    let mut chart = Chart::new();
    chart.set_title(document.title);
    // All units first, then reporting lines: a hand-edited file may name a manager before defining it.
    let mut lines = Vec::new();
    let mut line_units = Vec::new();
    let count = document.units.len();
    let units = document
        .units
        .into_records()
        .enumerate()
        .map(|(index, record)| {
            let (unit, reports_to) = record.into_unit();
            if let Some(manager) = reports_to {
                lines.push((unit.id.clone(), manager));
                line_units.push(index);
            }
            unit
        });
    chart
        .insert_top_level_units(units, count)
        .map_err(|(index, err)| Problem::Unit(index, unit_advice(err)))?;
    // All reporting lines at once: one by one, each would walk up the new manager's chain to refuse a
    // cycle, which is quadratic on a deep chart written managers first.
    if let Err((k, err)) = chart.attach_reports(&lines) {
        let (unit, manager) = &lines[k];
        let message = match err {
            ModelError::UnknownUnit(missing) if missing == *manager => format!(
                "unit '{unit}' reports to '{manager}', but no unit has that id; correct `reports_to` or add the unit '{manager}'"
            ),
            other => unit_advice(other),
        };
        return Err(Problem::Unit(line_units[k], message));
    }
    for (index, link) in document.links.into_iter().enumerate() {
        for end in [&link.from, &link.to] {
            if !chart.contains(end) {
                return Err(Problem::Link(
                    index,
                    format!(
                        "this link refers to '{end}', but no unit has that id; correct the id or remove the link"
                    ),
                ));
            }
        }
        chart
            .add_link(link)
            .map_err(|err| Problem::Link(index, format!("{err}; remove this link")))?;
    }
    Ok(chart)
}

/// A model error while loading, with what to change in the file.
fn unit_advice(err: ModelError) -> String {
    match err {
        ModelError::DuplicateId(_) => format!("{err}: give this unit another id"),
        ModelError::EmptyId => format!("{err}: give this unit an id"),
        ModelError::Cycle { .. } | ModelError::SelfReport(_) => {
            format!("{err}; correct `reports_to` of one unit in the loop")
        }
        other => other.to_string(),
    }
}

pub fn load(path: &Path) -> Result<Chart, DocumentError> {
    load_reporting(path).map(|loaded| loaded.chart)
}

/// Like [`load`], also listing the fields that were not understood.
pub fn load_reporting(path: &Path) -> Result<Loaded, DocumentError> {
    let read_error = |source| DocumentError::Read {
        path: path.to_owned(),
        source,
    };
    let bytes = super::read_input(path).map_err(read_error)?;
    let text = decode_text(bytes).map_err(read_error)?;
    from_ron_str_reporting(&text, &path.display().to_string())
}

/// UTF-8 (a byte-order mark is skipped later) or UTF-16 with its byte-order mark, as "Unicode" saves write.
fn decode_text(bytes: Vec<u8>) -> Result<String, std::io::Error> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _) = super::import::decode::decode(&bytes);
        return Ok(text);
    }
    String::from_utf8(bytes).map_err(|err| {
        let valid = err.as_bytes().get(..err.utf8_error().valid_up_to()).unwrap_or_default();
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "line {line} is not UTF-8 text; save the chart as UTF-8 (it may have been saved in another encoding)"
            ),
        )
    })
}

/// Saves atomically, keeping the previous version as `FILE.ron.bak`: a failed save leaves the previous file
/// intact.
pub fn save(chart: &Chart, path: &Path) -> Result<(), DocumentError> {
    let text = to_ron_string(chart)?;
    super::write_keeping_backup(path, text.as_bytes())
        .map(|_| ())
        .map_err(|source| DocumentError::Write {
            path: path.to_owned(),
            source,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CostBasis, LinkKind, Span};

    fn sample() -> Chart {
        let mut chart = Chart::new();
        chart.set_title("Test council");
        chart
            .insert_unit(
                Unit::new("ceo", "Chief Executive").with_role("Head of paid service"),
                None,
                None,
            )
            .unwrap();
        let rm = Unit::new("rm", "Relationship managers")
            .with_headcount(Span::range(11.0, 15.0))
            .with_cost(Cost {
                amount: Span::exact(40_000.0),
                basis: CostBasis::PerPost,
                on_cost_rate: Some(0.2),
                estimate: true,
            })
            .with_status(Status::Outsourced {
                provider: "Capita".into(),
            });
        chart
            .insert_unit(rm, Some(&UnitId::new("ceo")), None)
            .unwrap();
        chart
            .insert_unit(Unit::new("other", "Other council"), None, None)
            .unwrap();
        chart
            .add_link(Link::new("rm", "other", LinkKind::SharedService))
            .unwrap();
        chart
    }

    /// How saving worked before `write`: an owned copy of every unit, each manager looked up by id, then
    /// the whole document serialized into a growing string. Kept to check the borrowed writer byte for byte.
    fn owned_writer(chart: &Chart) -> String {
        let units = chart
            .units()
            .into_iter()
            .map(|unit| {
                let unit = unit.clone();
                UnitRecord {
                    reports_to: chart.parent(&unit.id).cloned(),
                    id: unit.id,
                    name: unit.name,
                    role: unit.role,
                    kind: unit.kind,
                    headcount: unit.headcount,
                    cost: unit.cost,
                    status: unit.status,
                    shares: unit.shares,
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
            })
            .collect();
        let document = Document {
            format: FORMAT_NAME.to_owned(),
            version: FORMAT_VERSION,
            title: chart.title().to_owned(),
            units: UnitParts(vec![units]),
            links: chart.links(),
        };
        let config = ron::ser::PrettyConfig::new()
            .struct_names(false)
            .extensions(Extensions::IMPLICIT_SOME)
            .indentor("  ".to_owned())
            .depth_limit(3);
        let mut text = ron::ser::to_string_pretty(&document, config).unwrap();
        text.push('\n');
        text
    }

    /// Every field set, with the awkward texts: quotes, backslashes, a `#`, a tab, an accent written as a
    /// combining mark, an emoji, and a raw-identifier-looking word.
    fn every_field() -> Chart {
        let mut chart = sample();
        let mut ceo = chart.unit(&UnitId::new("ceo")).unwrap().clone();
        ceo.department = "Corporate \"core\" \\ #1\tteam".into();
        ceo.grade = "Gr\u{0061}\u{0301}de 🙂 r#true".into();
        ceo.notes = "line one\nline two: 'quoted'".into();
        ceo.organisation = "Council A".into();
        ceo.tags = vec!["finance".into(), "true".into()];
        ceo.staff = true;
        ceo.collapsed = true;
        ceo.placer = Placer::Column;
        ceo.pinned = Some(Point { x: 1.5, y: -20.25 });
        ceo.headcount = Some(Headcount {
            value: crate::model::Span::range(2.0, 3.5),
            basis: crate::model::HeadcountBasis::Fte,
        });
        ceo.status = Status::Shared {
            with: vec!["Council A".into(), "Council B".into()],
        };
        ceo.shares = vec![Share::new("Council A", 60.0), Share::new("Council B", 40.0)];
        chart.replace_unit(ceo).unwrap();
        let mut link = Link::new("ceo", "other", LinkKind::Dotted);
        link.label = "advises \"weekly\"".into();
        chart.add_link(link).unwrap();
        chart
    }

    #[test]
    fn the_borrowed_writer_writes_what_the_owned_writer_wrote_byte_for_byte() {
        for chart in [
            Chart::new(),
            sample(),
            every_field(),
            crate::generate::generate(3_000, 7),
        ] {
            let text = to_ron_string(&chart).unwrap();
            assert_eq!(text, owned_writer(&chart));
            assert_eq!(from_ron_str(&text, "mem.ron").unwrap(), chart);
        }
    }

    #[test]
    fn round_trip_gives_an_equal_chart_and_identical_bytes() {
        let chart = sample();
        let text = to_ron_string(&chart).unwrap();
        let reloaded = from_ron_str(&text, "mem.ron").unwrap();
        assert_eq!(reloaded, chart);
        assert_eq!(to_ron_string(&reloaded).unwrap(), text);
        assert!(text.contains("reports_to: \"ceo\""), "{text}");
    }

    #[test]
    fn syntax_error_names_file_line_and_column() {
        let text = "(\n  format: \"orgchart\",\n  version: 1,\n  units: [\n    (id: \"a\" name: \"A\"),\n  ],\n)\n";
        let err = from_ron_str(text, "broken.ron").unwrap_err();
        let message = err.to_string();
        assert!(message.starts_with("broken.ron:5:"), "{message}");
    }

    #[test]
    fn newer_version_is_refused_clearly() {
        let text = "(format: \"orgchart\", version: 7, units: [])";
        let message = from_ron_str(text, "new.ron").unwrap_err().to_string();
        assert!(message.contains("version 7"), "{message}");
    }

    #[test]
    fn a_newer_file_that_does_not_parse_is_named_by_its_version_not_by_what_tripped_the_parser() {
        let text =
            "(format: \"orgchart\", version: 9, units: [(id: \"a\", name: \"A\", kind: Galaxy)])";
        let message = from_ron_str(text, "new.ron").unwrap_err().to_string();
        assert!(message.contains("version 9"), "{message}");
        assert!(!message.contains("Galaxy"), "{message}");
    }

    #[test]
    fn another_tools_file_is_named_as_such_whether_or_not_it_parses() {
        let parses = "(format: \"visio-ish\", version: 1, units: [])";
        let message = from_ron_str(parses, "v.ron").unwrap_err().to_string();
        assert!(message.contains("visio-ish"), "{message}");
        let does_not = "(format: \"visio-ish\", shapes: [(x: 1)])";
        let message = from_ron_str(does_not, "v.ron").unwrap_err().to_string();
        assert!(message.contains("visio-ish"), "{message}");
    }

    #[test]
    fn dangling_manager_and_cycle_are_refused() {
        let dangling = "(format: \"orgchart\", version: 1, units: [(id: \"a\", name: \"A\", reports_to: \"nobody\")])";
        let message = from_ron_str(dangling, "d.ron").unwrap_err().to_string();
        assert!(message.contains("'nobody'"), "{message}");
        let cycle = "(format: \"orgchart\", version: 1, units: [(id: \"a\", name: \"A\", reports_to: \"b\"), (id: \"b\", name: \"B\", reports_to: \"a\")])";
        let message = from_ron_str(cycle, "c.ron").unwrap_err().to_string();
        assert!(message.contains("cycle"), "{message}");
    }

    #[test]
    fn department_staff_and_placer_are_saved_and_an_older_file_still_loads() {
        let mut chart = sample();
        let mut ceo = chart.unit(&UnitId::new("ceo")).unwrap().clone();
        ceo.department = "Corporate".into();
        ceo.staff = true;
        ceo.placer = Placer::Grid;
        chart.replace_unit(ceo.clone()).unwrap();
        let text = to_ron_string(&chart).unwrap();
        assert!(text.contains("placer: Grid"), "{text}");
        let reloaded = from_ron_str(&text, "mem.ron").unwrap();
        assert_eq!(reloaded.unit(&UnitId::new("ceo")), Some(&ceo));
        // A file from before these fields: defaults, and nothing extra written back.
        let old = "(format: \"orgchart\", version: 1, units: [(id: \"a\", name: \"A\")])";
        let chart = from_ron_str(old, "old.ron").unwrap();
        let unit = chart.unit(&UnitId::new("a")).unwrap();
        assert_eq!(
            (unit.staff, unit.placer, unit.department.as_str()),
            (false, Placer::Auto, "")
        );
        assert!(!to_ron_string(&chart).unwrap().contains("placer"));
    }

    #[test]
    fn shares_are_saved_only_when_present_and_checked_at_load_with_line_and_column() {
        let mut chart = sample();
        let mut ceo = chart.unit(&UnitId::new("ceo")).unwrap().clone();
        ceo.status = Status::Shared {
            with: vec!["Council A".into(), "Council B".into()],
        };
        ceo.shares = vec![Share::new("Council A", 60.0), Share::new("Council B", 40.0)];
        chart.replace_unit(ceo.clone()).unwrap();
        let text = to_ron_string(&chart).unwrap();
        assert!(text.contains("organisation: \"Council A\","), "{text}");
        let reloaded = from_ron_str(&text, "mem.ron").unwrap();
        assert_eq!(reloaded.unit(&UnitId::new("ceo")), Some(&ceo));
        assert!(!to_ron_string(&sample()).unwrap().contains("shares"));

        let bad = "(format: \"orgchart\", version: 1, units: [\n  (id: \"a\", name: \"A\"),\n  (id: \"ceo\", name: \"Chief Executive\",\n    shares: [(organisation: \"Council A\", percent: 50), (organisation: \"Council B\", percent: 40)]),\n])";
        let message = from_ron_str(bad, "bad.ron").unwrap_err().to_string();
        assert!(message.starts_with("bad.ron:3:"), "{message}");
        assert!(
            message.contains("'ceo'") && message.contains("add up to 90%, not 100%"),
            "{message}"
        );
        let mismatch = "(format: \"orgchart\", version: 1, units: [(id: \"ceo\", name: \"CEO\", status: Shared(with: [\"Council A\", \"Council B\"]), shares: [(organisation: \"Council A\", percent: 50), (organisation: \"Council C\", percent: 50)])])";
        let message = from_ron_str(mismatch, "m.ron").unwrap_err().to_string();
        assert!(
            message.starts_with("m.ron:1:") && message.contains("Council C"),
            "{message}"
        );
    }

    #[test]
    fn fields_from_a_newer_version_are_reported_not_lost_silently() {
        let text = "(format: \"orgchart\", version: 1, theme: Dark, units: [(id: \"a\", name: \"A\", colour: \"red\")])";
        let loaded = from_ron_str_reporting(text, "newer.ron").unwrap();
        assert_eq!(loaded.unknown_fields, ["theme", "units.0.colour"]);
        let plain = from_ron_str_reporting(&to_ron_string(&sample()).unwrap(), "x.ron").unwrap();
        assert!(plain.unknown_fields.is_empty());
    }

    #[test]
    fn unknown_fields_inside_figures_statuses_shares_and_links_are_reported_too() {
        let text = "(format: \"orgchart\", version: 1, units: [(id: \"a\", name: \"A\", \
            headcount: (value: (min: 1, max: 2, mid: 1.5), basis: Posts, source: \"x\"), \
            cost: (amount: (min: 1, max: 1), currency: \"GBP\"), \
            status: Outsourced(provider: \"P\", since: 2020), \
            pinned: (x: 1, y: 2, z: 3)), \
            (id: \"b\", name: \"B\", status: Shared(with: [\"A\", \"B\"]), \
            shares: [(organisation: \"A\", percent: 50, note: 1), (organisation: \"B\", percent: 50)])], \
            links: [(from: \"a\", to: \"b\", kind: Dotted, weight: 2)])";
        // As the reporting reader has always named them (`?`: inside an optional value).
        let loaded = from_ron_str_reporting(text, "newer.ron").unwrap();
        assert_eq!(
            loaded.unknown_fields,
            [
                "units.0.headcount.?.value.mid",
                "units.0.headcount.?.source",
                "units.0.cost.?.currency",
                "units.0.status.since",
                "units.0.pinned.?.z",
                "units.1.shares.0.note",
                "links.0.weight",
            ]
        );
    }

    #[test]
    fn a_value_over_its_limit_is_refused_where_it_is_written() {
        let long = "x".repeat(checks::MAX_CARD_TEXT + 1);
        let text = format!(
            "(format: \"orgchart\", version: 1, units: [\n  (id: \"a\", name: \"A\"),\n  (id: \"b\", name: \"B\", grade: \"{long}\"),\n])"
        );
        let message = from_ron_str(&text, "long.ron").unwrap_err().to_string();
        assert!(message.starts_with("long.ron:3:"), "{message}");
        assert!(message.contains("characters long"), "{message}");
    }

    #[test]
    fn manager_may_be_defined_after_its_report() {
        let text = "(format: \"orgchart\", version: 1, units: [(id: \"a\", name: \"A\", reports_to: \"b\"), (id: \"b\", name: \"B\")])";
        let chart = from_ron_str(text, "x.ron").unwrap();
        assert_eq!(chart.parent(&UnitId::new("a")), Some(&UnitId::new("b")));
    }

    /// A chain `n` deep written managers first, as the tool itself writes it.
    fn chain_text(n: usize, closing: Option<&str>) -> String {
        let mut text = String::from("(format: \"orgchart\", version: 1, units: [\n");
        text.push_str("  (id: \"u0\", name: \"U0\"),\n");
        for k in 1..n {
            text.push_str(&format!(
                "  (id: \"u{k}\", name: \"U{k}\", reports_to: \"u{}\"),\n",
                k - 1
            ));
        }
        if let Some(manager) = closing {
            text = text.replacen(
                "(id: \"u0\", name: \"U0\")",
                &format!("(id: \"u0\", name: \"U0\", reports_to: \"{manager}\")"),
                1,
            );
        }
        text.push_str("])\n");
        text
    }

    #[test]
    fn a_chain_100k_deep_written_managers_first_loads_walking_each_manager_a_bounded_number_of_times()
     {
        let n = 100_000;
        let text = chain_text(n, None);
        crate::model::MANAGER_LOOKUPS.with(|c| c.set(0));
        let chart = from_ron_str(&text, "chain.ron").unwrap();
        let lookups = crate::model::MANAGER_LOOKUPS.with(|c| c.get());
        assert!(lookups <= 2 * n, "{lookups} manager lookups for {n} units");
        assert_eq!(chart.len(), n);
        assert_eq!(
            chart.ancestors(&UnitId::new(format!("u{}", n - 1))).len(),
            n - 1
        );
    }

    #[test]
    fn a_cycle_through_a_deep_chain_is_refused_at_the_line_that_closes_it() {
        let text = chain_text(1_000, Some("u999"));
        let message = from_ron_str(&text, "loop.ron").unwrap_err().to_string();
        assert!(message.starts_with("loop.ron:1001:"), "{message}");
        assert!(
            message.contains("'u999' cannot report to 'u998'"),
            "{message}"
        );
        assert!(message.contains("u999 → u0 → u1"), "{message}");
    }
}
