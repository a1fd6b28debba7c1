//! The `.ron` chart document: a format name and version, the units in stable pre-order (each naming its line
//! manager by id), then the other links. No graph indices are ever written.

use std::path::{Path, PathBuf};

use ron::extensions::Extensions;
use serde::{Deserialize, Serialize};

use crate::geom::Point;
use crate::model::{
    Chart, Cost, Headcount, Link, ModelError, Placer, Share, Status, Unit, UnitId, UnitKind,
    check_unit_shares,
};

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
    #[error("{file}: unit '{unit}' reports to '{manager}', but no unit has that id")]
    DanglingManager {
        file: String,
        unit: UnitId,
        manager: UnitId,
    },
    #[error("{file}: a link refers to '{missing}', but no unit has that id")]
    DanglingLink { file: String, missing: UnitId },
    #[error("{file}: {source}")]
    Invalid { file: String, source: ModelError },
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

/// Written with `UnitRecord`s, read with `CheckedRecord`s (so a unit's own mistakes are reported with the
/// line and column where it ends).
#[derive(Serialize, Deserialize)]
struct Document<Record> {
    format: String,
    version: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    title: String,
    units: Vec<Record>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    links: Vec<Link>,
}

/// A unit as written in a file: its fields plus the id of its line manager.
#[derive(Serialize, Deserialize)]
struct UnitRecord {
    id: UnitId,
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reports_to: Option<UnitId>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    role: String,
    #[serde(default)]
    kind: UnitKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    headcount: Option<Headcount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cost: Option<Cost>,
    #[serde(default, skip_serializing_if = "is_in_house")]
    status: Status,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    shares: Vec<Share>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    organisation: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    department: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    grade: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    notes: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    staff: bool,
    #[serde(default, skip_serializing_if = "is_auto")]
    placer: Placer,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    collapsed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pinned: Option<Point>,
}

/// A unit record as read: checked as soon as it is parsed, so the error carries its place in the file.
#[derive(Deserialize)]
#[serde(try_from = "UnitRecord")]
struct CheckedRecord {
    unit: Unit,
    reports_to: Option<UnitId>,
}

impl TryFrom<UnitRecord> for CheckedRecord {
    type Error = String;

    fn try_from(record: UnitRecord) -> Result<Self, String> {
        let (unit, reports_to) = record.into_unit();
        match check_unit_shares(&unit) {
            Ok(()) => Ok(Self { unit, reports_to }),
            Err(problem) => Err(format!("unit '{}': {problem}", unit.id)),
        }
    }
}

fn is_in_house(status: &Status) -> bool {
    *status == Status::InHouse
}

fn is_auto(placer: &Placer) -> bool {
    *placer == Placer::Auto
}

impl UnitRecord {
    fn new(unit: &Unit, reports_to: Option<UnitId>) -> Self {
        let unit = unit.clone();
        Self {
            id: unit.id,
            name: unit.name,
            reports_to,
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
    }

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

/// The chart as RON text. Deterministic: the same chart always gives the same bytes.
pub fn to_ron_string(chart: &Chart) -> Result<String, DocumentError> {
    let document = Document {
        format: FORMAT_NAME.to_owned(),
        version: FORMAT_VERSION,
        title: chart.title().to_owned(),
        units: chart
            .units()
            .into_iter()
            .map(|unit| UnitRecord::new(unit, chart.parent(&unit.id).cloned()))
            .collect(),
        links: chart.links(),
    };
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .extensions(Extensions::IMPLICIT_SOME)
        .indentor("  ".to_owned())
        .depth_limit(3);
    let mut text = ron::ser::to_string_pretty(&document, config)
        .map_err(|err| DocumentError::Serialize(err.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// Reads a chart from RON text; `file` names the source in error messages.
pub fn from_ron_str(text: &str, file: &str) -> Result<Chart, DocumentError> {
    let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    let syntax = |err: ron::error::SpannedError| DocumentError::Syntax {
        file: file.to_owned(),
        line: err.span.start.line,
        column: err.span.start.col,
        message: err.code.to_string(),
    };
    let probe: Probe = options.from_str(text).map_err(syntax)?;
    if let Some(found) = probe.format
        && found != FORMAT_NAME
    {
        return Err(DocumentError::WrongFormat {
            file: file.to_owned(),
            found,
        });
    }
    if let Some(found) = probe.version
        && found > FORMAT_VERSION
    {
        return Err(DocumentError::UnsupportedVersion {
            file: file.to_owned(),
            found,
        });
    }
    let document: Document<CheckedRecord> = options.from_str(text).map_err(syntax)?;
    build_chart(document, file)
}

fn build_chart(document: Document<CheckedRecord>, file: &str) -> Result<Chart, DocumentError> {
    let invalid = |source: ModelError| DocumentError::Invalid {
        file: file.to_owned(),
        source,
    };
    let mut chart = Chart::new();
    chart.set_title(document.title);
    // All units first, then reporting lines: a hand-edited file may name a manager before defining it.
    let mut reporting = Vec::new();
    for CheckedRecord { unit, reports_to } in document.units {
        if let Some(manager) = reports_to {
            reporting.push((unit.id.clone(), manager));
        }
        chart.insert_unit(unit, None, None).map_err(invalid)?;
    }
    for (unit, manager) in reporting {
        if !chart.contains(&manager) {
            return Err(DocumentError::DanglingManager {
                file: file.to_owned(),
                unit,
                manager,
            });
        }
        chart
            .move_unit(&unit, Some(&manager), None)
            .map_err(invalid)?;
    }
    for link in document.links {
        for end in [&link.from, &link.to] {
            if !chart.contains(end) {
                return Err(DocumentError::DanglingLink {
                    file: file.to_owned(),
                    missing: end.clone(),
                });
            }
        }
        chart.add_link(link).map_err(invalid)?;
    }
    Ok(chart)
}

pub fn load(path: &Path) -> Result<Chart, DocumentError> {
    let text = std::fs::read_to_string(path).map_err(|source| DocumentError::Read {
        path: path.to_owned(),
        source,
    })?;
    from_ron_str(&text, &path.display().to_string())
}

/// Saves atomically: a failed save leaves the previous file intact.
pub fn save(chart: &Chart, path: &Path) -> Result<(), DocumentError> {
    let text = to_ron_string(chart)?;
    super::write_atomically(path, text.as_bytes()).map_err(|source| DocumentError::Write {
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
        assert!(message.starts_with("bad.ron:4:"), "{message}");
        assert!(
            message.contains("unit 'ceo'") && message.contains("add up to 90%, not 100%"),
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
    fn manager_may_be_defined_after_its_report() {
        let text = "(format: \"orgchart\", version: 1, units: [(id: \"a\", name: \"A\", reports_to: \"b\"), (id: \"b\", name: \"B\")])";
        let chart = from_ron_str(text, "x.ron").unwrap();
        assert_eq!(chart.parent(&UnitId::new("a")), Some(&UnitId::new("b")));
    }
}
