//! Senior posts: one row per post, identified by its "Post Unique Reference".

use super::figures::{RowFacts, fte_headcount, pay_cost};
use super::organisation_of;
use crate::io::import::table::{Record, Table};
use crate::io::import::values::{HolderMarker, holder_marker};
use crate::io::import::{Assembler, ManagerKey, Pending};
use crate::model::{Status, Unit, UnitKind};

pub const REFERENCE: &[&str] = &[
    "post unique reference",
    "post unique ref",
    "unique post reference",
    "post reference",
];
pub const REPORTS_TO: &[&str] = &["reports to senior post", "reports to"];

/// What the import summary says each column became (names as in `SeniorColumns::find`).
pub const COLUMNS_USED: &[(&str, &[&str])] = &[
    ("id", REFERENCE),
    ("name", &["job title"]),
    ("role", &["name"]),
    ("manager", REPORTS_TO),
    ("department", &["unit"]),
    ("organisation", &["organisation"]),
    ("grade", &["grade"]),
    ("FTE", &["fte"]),
    ("pay per FTE", &["actual pay floor", "actual pay ceiling"]),
];

struct SeniorColumns {
    reference: Option<usize>,
    name: Option<usize>,
    grade: Option<usize>,
    job_title: Option<usize>,
    function: Option<usize>,
    parent_department: Option<usize>,
    organisation: Option<usize>,
    unit: Option<usize>,
    reports_to: Option<usize>,
    salary_cost_of_reports: Option<usize>,
    fte: Option<usize>,
    pay_floor: Option<usize>,
    pay_ceiling: Option<usize>,
    profession: Option<usize>,
    notes: Option<usize>,
}

impl SeniorColumns {
    fn find(table: &Table) -> Self {
        Self {
            reference: table.column(REFERENCE),
            name: table.column(&["name", "post holder", "name of post holder"]),
            grade: table.column(&["grade", "grade or equivalent"]),
            job_title: table.column(&["job title", "title", "post title"]),
            function: table.column(&["job team function", "job function", "team function"]),
            parent_department: table.column(&["parent department"]),
            organisation: table.column(&["organisation", "organization"]),
            unit: table.column(&["unit", "team"]),
            reports_to: table.column(REPORTS_TO),
            salary_cost_of_reports: table.column(&["salary cost of reports"]),
            fte: table.column(&["fte", "full time equivalent"]),
            pay_floor: table.column(&["actual pay floor", "pay floor"]),
            pay_ceiling: table.column(&["actual pay ceiling", "pay ceiling"]),
            profession: table.column(&["professional occupational group", "profession"]),
            notes: table.column(&["notes"]),
        }
    }
}

/// "XX" (any case), an empty cell, "N/A" or "None" in "Reports to Senior Post" marks a top post.
pub fn is_top_marker(reference: &str) -> bool {
    let compact: String = reference
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '/' | '.' | '\'' | '"'))
        .flat_map(char::to_lowercase)
        .collect();
    matches!(compact.as_str(), "" | "xx" | "x" | "na" | "none" | "top")
}

/// Adds one unit per senior row.
///
/// - id: the "Post Unique Reference" as text (leading zeros kept); a repeated one becomes `ref#2`, a missing
///   one `row<N>`, both with a warning.
/// - name: the job title; role: the post holder's name, "Name withheld" for "N/D" and the like, empty for a
///   vacant or eliminated post (its status says so).
/// - status: "Vacant" (any case) -> `Status::Vacant`; "Eliminated" -> `Status::ToBeDeleted` with the tag
///   "eliminated".
/// - headcount: FTE, in `HeadcountBasis::Fte`; cost: "Actual Pay Floor"-"Actual Pay Ceiling" per FTE
///   (`CostBasis::PerPost`), so the unit's cost is FTE x pay range.
/// - organisation: "Organisation" (or "Parent Department"); department: "Unit"; "Job/Team Function", the professional
///   group, the file's notes and anything withheld go into notes; tags "senior" and, where anything was
///   withheld, "withheld". Contact details are not imported.
pub fn import(table: &Table, file: usize, assembler: &mut Assembler) {
    let columns = SeniorColumns::find(table);
    for record in &table.rows {
        let (pending, warnings) = senior_unit(record, &columns, file);
        for warning in warnings {
            assembler.warn(file, record.row, warning);
        }
        assembler.push(pending);
    }
}

fn senior_unit(record: &Record, c: &SeniorColumns, file: usize) -> (Pending, Vec<String>) {
    let mut facts = RowFacts::default();
    let reference = record.get(c.reference);
    let id = if reference.is_empty() {
        let id = format!("row{}", record.row);
        facts
            .warnings
            .push(format!("no Post Unique Reference; imported as '{id}'"));
        id
    } else {
        reference.to_owned()
    };

    let holder = record.get(c.name);
    let marker = holder_marker(holder);
    let title = record.get(c.job_title);
    let name = if !title.is_empty() {
        title.to_owned()
    } else if marker.is_none() && !holder.is_empty() {
        holder.to_owned()
    } else {
        format!("Post {id}")
    };
    let role = match marker {
        Some(HolderMarker::Withheld) => "Name withheld".to_owned(),
        Some(_) => String::new(),
        None if name == holder => String::new(),
        None => holder.to_owned(),
    };
    let mut unit = Unit::new(id, name)
        .with_role(role)
        .with_kind(UnitKind::Post);
    let mut tags = vec!["senior".to_owned()];
    match marker {
        Some(HolderMarker::Withheld) => {
            facts.withheld = true;
            facts.notes.push(format!("Name withheld ({holder})"));
        }
        Some(HolderMarker::Vacant) => {
            unit.status = Status::Vacant;
            facts.notes.push(format!("Name given as '{holder}'"));
        }
        Some(HolderMarker::Eliminated) => {
            unit.status = Status::ToBeDeleted;
            tags.push("eliminated".to_owned());
            facts.notes.push(format!("Name given as '{holder}'"));
        }
        None => {}
    }

    let mut notes = describe(record, c);
    unit.headcount = Some(fte_headcount(record.get(c.fte), "FTE", &mut facts));
    unit.cost = pay_cost(
        (record.get(c.pay_floor), "Actual Pay Floor"),
        (record.get(c.pay_ceiling), "Actual Pay Ceiling"),
        &mut facts,
    );
    notes.append(&mut facts.notes);
    let reports_cost = record.get(c.salary_cost_of_reports);
    if !reports_cost.is_empty() && !reports_cost.trim_matches(['0', '.']).is_empty() {
        notes.push(format!(
            "Salary cost of reports (as published): {reports_cost}"
        ));
    }
    if facts.withheld {
        tags.push("withheld".to_owned());
    }
    unit.grade = record.get(c.grade).to_owned();
    unit.organisation = organisation_of(record, c.organisation, c.parent_department);
    unit.department = record.get(c.unit).to_owned();
    unit.notes = notes.join("\n");
    unit.tags = tags;

    let reports_to = record.get(c.reports_to);
    let pending = Pending {
        unit,
        file,
        row: record.row,
        reports_to: (!is_top_marker(reports_to)).then(|| reports_to.to_owned()),
        can_manage: true,
        manager_key: ManagerKey::Id,
        email: String::new(),
    };
    (pending, facts.warnings)
}

fn describe(record: &Record, c: &SeniorColumns) -> Vec<String> {
    let mut notes = Vec::new();
    let mut line = |label: &str, column: Option<usize>| {
        let text = record.get(column);
        if !text.is_empty() {
            notes.push(format!("{label}: {text}"));
        }
    };
    line("Function", c.function);
    line("Professional group", c.profession);
    line("Notes", c.notes);
    let department = record.get(c.parent_department);
    let organisation = record.get(c.organisation);
    if !department.is_empty() && !organisation.is_empty() && department != organisation {
        notes.push(format!("Parent department: {department}"));
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_markers() {
        for top in ["XX", "xx", "", " XX ", "N/A", "None"] {
            assert!(is_top_marker(top), "{top}");
        }
        for not_top in ["1", "0", "N/D", "X1"] {
            assert!(!is_top_marker(not_top), "{not_top}");
        }
    }
}
