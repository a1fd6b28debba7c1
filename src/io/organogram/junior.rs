//! Junior posts: each row is a group of identical posts (a generic job title at one grade) under a senior
//! post.

use std::collections::HashMap;

use super::figures::{RowFacts, fte_headcount, pay_cost};
use super::organisation_of;
use super::senior::is_top_marker;
use crate::io::import::table::{Record, Table};
use crate::io::import::{Assembler, ManagerKey, Pending};
use crate::model::{Unit, UnitId, UnitKind};

pub const REPORTING_SENIOR_POST: &[&str] = &["reporting senior post", "reports to senior post"];

/// What the import summary says each column became (names as in `JuniorColumns::find`).
pub const COLUMNS_USED: &[(&str, &[&str])] = &[
    ("manager", REPORTING_SENIOR_POST),
    ("name", &["generic job title"]),
    ("department", &["unit"]),
    ("grade", &["grade"]),
    ("FTE", &["number of posts in fte"]),
    ("pay per FTE", &["payscale minimum", "payscale maximum"]),
];

struct JuniorColumns {
    parent_department: Option<usize>,
    organisation: Option<usize>,
    unit: Option<usize>,
    reporting_senior_post: Option<usize>,
    grade: Option<usize>,
    payscale_minimum: Option<usize>,
    payscale_maximum: Option<usize>,
    generic_job_title: Option<usize>,
    fte: Option<usize>,
    profession: Option<usize>,
}

impl JuniorColumns {
    fn find(table: &Table) -> Self {
        Self {
            parent_department: table.column(&["parent department"]),
            organisation: table.column(&["organisation", "organization"]),
            unit: table.column(&["unit", "team"]),
            reporting_senior_post: table.column(REPORTING_SENIOR_POST),
            grade: table.column(&["grade", "grade or equivalent"]),
            payscale_minimum: table.column(&[
                "payscale minimum",
                "pay scale minimum",
                "payscale min",
            ]),
            payscale_maximum: table.column(&[
                "payscale maximum",
                "pay scale maximum",
                "payscale max",
            ]),
            generic_job_title: table.column(&["generic job title", "job title", "title"]),
            fte: table.column(&[
                "number of posts in fte",
                "number of posts",
                "fte",
                "full time equivalent",
            ]),
            profession: table.column(&["professional occupational group", "profession"]),
        }
    }
}

/// Adds one unit per junior row, under its reporting senior post.
///
/// - id: `<senior post>:<generic job title>:<grade>`, so the same group can be matched between two
///   publications of the same body. Further rows with the same three (common: the same title and grade in
///   two units, or at two payscales) get `#2`, `#3`, ... in file order, without a warning: the id is made
///   here, not written in the file, so nothing the file says is changed.
/// - name: "<generic job title> (<grade>)"; role and department: the "Unit" it belongs to; kind
///   `UnitKind::Post`.
/// - headcount: "Number of Posts in FTE" in `HeadcountBasis::Fte`; cost: payscale minimum-maximum per FTE
///   (`CostBasis::PerPost`), so the unit's cost is FTE x payscale range.
/// - tags "junior" (and "withheld" where anything was withheld). A row with no reporting senior post is
///   placed at the top level with a warning.
pub fn import(table: &Table, file: usize, assembler: &mut Assembler) {
    let columns = JuniorColumns::find(table);
    let mut seen: HashMap<String, usize> = HashMap::new();
    for record in &table.rows {
        let (mut pending, mut warnings) = junior_unit(record, &columns, file);
        let count = seen.entry(pending.unit.id.as_str().to_owned()).or_default();
        *count += 1;
        if *count > 1 {
            pending.unit.id = UnitId::new(format!("{}#{count}", pending.unit.id));
        }
        if pending.reports_to.is_none() {
            warnings.insert(
                0,
                "has no Reporting Senior Post; placed at the top level".to_owned(),
            );
        }
        for warning in warnings {
            assembler.warn(file, record.row, warning);
        }
        assembler.push(pending);
    }
}

fn junior_unit(record: &Record, c: &JuniorColumns, file: usize) -> (Pending, Vec<String>) {
    let mut facts = RowFacts::default();
    let senior = record.get(c.reporting_senior_post);
    let title = match record.get(c.generic_job_title) {
        "" => "Junior posts",
        title => title,
    };
    let grade = record.get(c.grade);
    let id = format!("{senior}:{title}:{grade}");
    let name = if grade.is_empty() {
        title.to_owned()
    } else {
        format!("{title} ({grade})")
    };
    let mut unit = Unit::new(id, name)
        .with_role(record.get(c.unit))
        .with_kind(UnitKind::Post);
    unit.grade = grade.to_owned();
    unit.organisation = organisation_of(record, c.organisation, c.parent_department);
    unit.department = record.get(c.unit).to_owned();
    unit.headcount = Some(fte_headcount(
        record.get(c.fte),
        "Number of Posts in FTE",
        &mut facts,
    ));
    unit.cost = pay_cost(
        (record.get(c.payscale_minimum), "Payscale Minimum"),
        (record.get(c.payscale_maximum), "Payscale Maximum"),
        &mut facts,
    );
    let mut notes = Vec::new();
    let profession = record.get(c.profession);
    if !profession.is_empty() {
        notes.push(format!("Professional group: {profession}"));
    }
    notes.append(&mut facts.notes);
    unit.notes = notes.join("\n");
    unit.tags = vec!["junior".to_owned()];
    if facts.withheld {
        unit.tags.push("withheld".to_owned());
    }
    let pending = Pending {
        unit,
        file,
        row: record.row,
        reports_to: (!is_top_marker(senior)).then(|| senior.to_owned()),
        can_manage: false,
        manager_key: ManagerKey::Id,
        email: String::new(),
    };
    (pending, facts.warnings)
}
