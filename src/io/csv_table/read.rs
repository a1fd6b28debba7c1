//! Importing a simple table: one unit per non-blank row.

use super::cells::{
    parse_cost_basis, parse_headcount_basis, parse_kind, parse_status, parse_yes, split_links,
    split_list,
};
use crate::io::import::columns::{ColumnMap, ColumnMapping, Field, IdSource};
use crate::io::import::table::{Record, Table};
use crate::io::import::values::{
    Figure, HolderMarker, SpanFigure, holder_marker, parse_figure, parse_span,
};
use crate::io::import::{
    Assembler, HEADER_SEARCH_ROWS, ImportError, ImportReport, ManagerKey, Pending, Vocabulary,
};
use crate::model::{
    Cost, CostBasis, Headcount, HeadcountBasis, Link, LinkKind, Share, Span, Status, Unit, UnitId,
    UnitKind, check_unit_shares, parse_shares,
};

/// A full-time week in hours, for tables that give hours instead of FTE.
const FULL_TIME_HOURS: f64 = 37.5;

/// Imports a simple table: one row per unit under a header row, which may sit below title rows (the first
/// row among the first 20 whose columns could identify a unit).
///
/// - id: the id column; without one, the e-mail column; without that, the name (so a "Reports To" column
///   holding names works). A blank id becomes `row<N>`; a repeated one `id#2`; both with a warning.
/// - name: the name column, or first (or preferred) name and last name joined.
/// - reports_to: an id, or, failing that, a unit's name (letter case and leading zeros are forgiven, with a
///   warning); a manager's e-mail or name where the columns say so, matched to exactly one row (an ambiguous
///   name is a warning); "-1", "0", "null" and the like mean no manager when no row has that id; a blank
///   cell makes a top-level unit.
/// - department, location, start date: the department field and note lines; "assistant" (yes/no, 1/0) marks
///   a staff post; "vacant" (yes/no) a vacant one.
/// - kind: the kind column; without a value, a row with a headcount is a team and one without is a post.
/// - headcount: "headcount" (a number or a range such as "11-15") or "headcount_min"/"headcount_max"; in FTE
///   when the basis says so or the column is called "FTE". Cost likewise, per post unless the basis says
///   "total"; on-cost rate as 0.2, 20 or 20%.
/// - status: a word ("vacant", "outsourced: Capita", ...); an empty status with the name "Vacant" is vacant.
/// - columns that are not recognised are kept in each unit's notes ("Column: value"); the report's column
///   summary lists them.
pub fn import_records(
    file: &str,
    records: Vec<Record>,
    mapping: &ColumnMapping,
) -> Result<ImportReport, ImportError> {
    let (table, columns) = find_table(file, records, mapping)?;
    let id_source = columns.id_source();
    let mut assembler = Assembler::new(
        vec![file.to_owned()],
        Vocabulary {
            id_noun: match id_source {
                IdSource::Id => "id",
                IdSource::Email => "e-mail address",
                IdSource::Name => "name",
            },
            match_names: id_source == IdSource::Id,
        },
    );
    // A senior staff file that lost its "Reports to Senior Post" column is read as a plain table: say that
    // its structure is gone rather than silently drawing a row of top posts.
    let organogram = table
        .header_list()
        .to_lowercase()
        .contains("post unique reference");
    if organogram && !columns.has(Field::ReportsTo) && table.rows.len() > 1 {
        assembler.warn(
            0,
            table.header_row,
            format!(
                "no \"Reports to Senior Post\" column, so every one of the {} posts became a top-level unit; \
                 add that column (each post's manager) to import the structure",
                table.rows.len()
            ),
        );
    }
    let mut links = Vec::new();
    for record in &table.rows {
        let reader = RowReader {
            record,
            columns: &columns,
            table: &table,
            warnings: Vec::new(),
        };
        let (pending, row_links, warnings) = reader.read(id_source);
        for warning in warnings {
            assembler.warn(0, record.row, warning);
        }
        let id = assembler.push(pending);
        links.extend(
            row_links
                .into_iter()
                .map(|link| (record.row, id.clone(), link)),
        );
    }
    let mut link_warnings = Vec::new();
    let (mut chart, mut warnings) = assembler.finish().map_err(|message| ImportError::Invalid {
        file: file.to_owned(),
        message,
    })?;
    for (row, from, (kind, to, label)) in links {
        let to_id = UnitId::new(to.clone());
        if !chart.contains(&to_id) {
            link_warnings.push((
                row,
                format!(
                    "{} link to '{to}' left out: no unit has that id",
                    kind_label(kind)
                ),
            ));
            continue;
        }
        let link = Link {
            from: from.clone(),
            to: to_id,
            kind,
            label,
        };
        if let Err(err) = chart.add_link(link) {
            link_warnings.push((row, format!("{} link left out: {err}", kind_label(kind))));
        }
    }
    warnings.extend(link_warnings.into_iter().map(|(row, message)| {
        crate::io::import::ImportWarning {
            file: file.to_owned(),
            row,
            message,
        }
    }));
    warnings.sort_by_key(|warning| warning.row);
    chart.set_title(std::path::Path::new(file).file_stem().map_or_else(
        || file.to_owned(),
        |stem| stem.to_string_lossy().into_owned(),
    ));
    Ok(ImportReport {
        units_created: chart.len(),
        rows_read: table.rows.len(),
        rows_per_file: vec![(file.to_owned(), table.rows.len())],
        columns: vec![(file.to_owned(), columns.summary())],
        chart,
        warnings,
    })
}

/// The header row (below any title rows) and what its columns mean; an error when no column could identify
/// a unit.
fn find_table(
    file: &str,
    records: Vec<Record>,
    mapping: &ColumnMapping,
) -> Result<(Table, ColumnMap), ImportError> {
    let is_header = |cells: &[String]| {
        ColumnMap::recognise(cells, mapping).is_ok_and(|map| map.identifies_units())
    };
    let header_found = records
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .any(|record| !record.is_blank() && is_header(&record.cells));
    let table = if header_found {
        Table::new_raw(records, HEADER_SEARCH_ROWS, is_header)
    } else {
        Table::new_raw(records, HEADER_SEARCH_ROWS, |_| true)
    }
    .map_err(|err| crate::io::import::table_error(file, err, "column names".to_owned()))?;
    let columns =
        ColumnMap::recognise(&table.header, mapping).map_err(|problem| ImportError::Columns {
            file: file.to_owned(),
            problem,
            found: table.header_list(),
        })?;
    if !columns.identifies_units() {
        return Err(ImportError::Columns {
            file: file.to_owned(),
            problem: format!(
                "row {} should be a header naming at least an \"id\", a \"name\" (or first and last name) or an \"email\" column, or give one with --map name=COLUMN (the other columns are optional: {})",
                table.header_row,
                super::COLUMNS.join(", ")
            ),
            found: table.header_list(),
        });
    }
    Ok((table, columns))
}

/// The first rows of a table as the importer will read them, for the app's mapping step.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    pub header_row: usize,
    pub header: Vec<String>,
    /// "id <- Employee ID; name <- First Name + Last Name; ..."
    pub summary: String,
    columns: ColumnMap,
    pub rows: Vec<PreviewRow>,
}

impl Preview {
    /// The column (index into `header`) that `field` is read from, if any.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns.get(field)
    }
}

/// One row as it will be read; the manager is the reference as written (it is matched when importing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreviewRow {
    pub row: usize,
    pub id: String,
    pub name: String,
    pub manager: String,
    pub role: String,
    pub department: String,
}

/// Reads the header and the first `rows` data rows of `records` with `mapping`.
pub fn preview(
    file: &str,
    records: &[Record],
    mapping: &ColumnMapping,
    rows: usize,
) -> Result<Preview, ImportError> {
    // Only the top of the file matters: the header is among its first rows.
    let top = records
        .iter()
        .take(HEADER_SEARCH_ROWS + rows * 4)
        .cloned()
        .collect();
    let (table, columns) = find_table(file, top, mapping)?;
    let id_source = columns.id_source();
    let rows = table
        .rows
        .iter()
        .take(rows)
        .map(|record| {
            let reader = RowReader {
                record,
                columns: &columns,
                table: &table,
                warnings: Vec::new(),
            };
            let (pending, _, _) = reader.read(id_source);
            PreviewRow {
                row: record.row,
                id: pending.unit.id.to_string(),
                name: pending.unit.name,
                manager: pending.reports_to.unwrap_or_default(),
                role: pending.unit.role,
                department: pending.unit.department,
            }
        })
        .collect();
    Ok(Preview {
        header_row: table.header_row,
        summary: columns.summary(),
        header: table.header,
        columns,
        rows,
    })
}

fn kind_label(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Dotted => "dotted-line",
        LinkKind::Contract => "contract",
        LinkKind::SharedService => "shared-service",
    }
}

type RowLink = (LinkKind, String, String);

struct RowReader<'a> {
    record: &'a Record,
    columns: &'a ColumnMap,
    table: &'a Table,
    warnings: Vec<String>,
}

impl RowReader<'_> {
    fn get(&self, field: Field) -> &str {
        self.record.get(self.columns.get(field))
    }

    /// The person's name: the name column, or first (or preferred) and last names joined.
    fn name(&self) -> String {
        if !self.columns.joins_names() {
            return self.get(Field::Name).to_owned();
        }
        let first = match self.get(Field::PreferredName) {
            "" => self.get(Field::FirstName),
            preferred => preferred,
        };
        [first, self.get(Field::LastName)]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn read(mut self, id_source: IdSource) -> (Pending, Vec<RowLink>, Vec<String>) {
        let row = self.record.row;
        let name = self.name();
        let email = self.get(Field::Email).to_owned();
        let (id_text, id_noun) = match id_source {
            IdSource::Id => (self.get(Field::Id).to_owned(), "id"),
            IdSource::Email => (email.clone(), "e-mail address"),
            IdSource::Name => (name.clone(), "name"),
        };
        let id = if id_text.is_empty() {
            let id = format!("row{row}");
            self.warnings
                .push(format!("no {id_noun}; imported as '{id}'"));
            id
        } else {
            id_text
        };
        let display_name = if name.is_empty() {
            id.clone()
        } else {
            name.clone()
        };
        let mut unit = Unit::new(id, display_name).with_role(self.get(Field::Role));
        let mut notes = Vec::new();
        let mut tags = split_list(self.get(Field::Tags));

        unit.headcount = self.headcount(&mut notes, &mut tags);
        unit.cost = self.cost(&mut notes, &mut tags);
        unit.kind = self.kind(unit.headcount);
        unit.status = self.status(&name, &mut notes);
        if self.flag(Field::Vacant) && unit.status == Status::InHouse {
            unit.status = Status::Vacant;
        }
        unit.shares = self.shares(&unit, &mut notes);
        unit.staff = self.flag(Field::Assistant);
        unit.organisation = self.get(Field::Organisation).to_owned();
        unit.department = self.get(Field::Department).to_owned();
        unit.grade = self.get(Field::Grade).to_owned();

        let own_notes = self.get(Field::Notes);
        if !own_notes.is_empty() {
            notes.insert(0, own_notes.to_owned());
        }
        let mut labelled = vec![
            ("Location", Field::Location),
            ("Start date", Field::StartDate),
        ];
        if id_source != IdSource::Email {
            labelled.push(("E-mail", Field::Email));
        }
        for (label, field) in labelled {
            let value = self.get(field);
            if !value.is_empty() {
                notes.push(format!("{label}: {value}"));
            }
        }
        for (at, header) in &self.columns.unrecognised {
            let value = self.record.get(Some(*at));
            if !value.is_empty() {
                notes.push(format!("{header}: {value}"));
            }
        }
        let stray = self.table.cells_without_header(self.record);
        if !stray.is_empty() {
            notes.push(format!("Cells without a header: {}", stray.join(" | ")));
            self.warnings.push(format!(
                "{} cell{} beyond the named columns; kept in the unit's notes",
                stray.len(),
                if stray.len() == 1 { "" } else { "s" }
            ));
        }
        unit.notes = notes.join("\n");
        tags.dedup();
        unit.tags = tags;

        let links = [
            (Field::DottedTo, LinkKind::Dotted),
            (Field::ContractTo, LinkKind::Contract),
            (Field::SharedServiceTo, LinkKind::SharedService),
        ]
        .into_iter()
        .flat_map(|(field, kind)| {
            split_links(self.get(field))
                .into_iter()
                .map(move |(to, label)| (kind, to, label))
        })
        .collect();

        let manager = self
            .columns
            .manager_columns()
            .into_iter()
            .map(|(field, at)| (field, self.record.get(Some(at))))
            .find(|(_, reference)| !reference.is_empty());
        let (reports_to, manager_key) = match manager {
            Some((field, reference)) => (
                Some(reference.to_owned()),
                match field {
                    Field::ManagerEmail => ManagerKey::Email,
                    Field::ManagerName => ManagerKey::Name,
                    _ => ManagerKey::Id,
                },
            ),
            None => (None, ManagerKey::Id),
        };
        let pending = Pending {
            unit,
            file: 0,
            row,
            reports_to,
            manager_key,
            email,
            can_manage: true,
        };
        (pending, links, self.warnings)
    }

    /// A span from a single cell (which may hold a range) or from min/max cells.
    fn span(
        &mut self,
        single: Field,
        min: Field,
        max: Field,
        what: &str,
        notes: &mut Vec<String>,
        tags: &mut Vec<String>,
    ) -> Option<Span> {
        let read =
            |this: &mut Self, field: Field, notes: &mut Vec<String>, tags: &mut Vec<String>| {
                let text = this.get(field).to_owned();
                match parse_span(&text) {
                    SpanFigure::Value(span) => Some(span),
                    SpanFigure::Missing => None,
                    SpanFigure::Withheld => {
                        notes.push(format!("{what} withheld ({text})"));
                        if !tags.iter().any(|t| t == "withheld") {
                            tags.push("withheld".to_owned());
                        }
                        None
                    }
                    SpanFigure::Invalid => {
                        let header = this.columns.header(field).to_owned();
                        this.warnings.push(format!(
                            "{header} '{text}' is not a number or range; left out"
                        ));
                        notes.push(format!("{header} given as '{text}'"));
                        None
                    }
                }
            };
        let low = read(self, min, notes, tags);
        let high = read(self, max, notes, tags);
        match (low, high) {
            (Some(a), Some(b)) => Some(Span::range(a.min, b.max)),
            (Some(one), None) | (None, Some(one)) => Some(one),
            (None, None) => read(self, single, notes, tags),
        }
    }

    /// A yes/no column ("1", "Y", "TRUE", "x"); anything else is a warning and counts as no.
    fn flag(&mut self, field: Field) -> bool {
        let text = self.get(field).to_owned();
        parse_yes(&text).unwrap_or_else(|| {
            let header = self.columns.header(field).to_owned();
            self.warnings
                .push(format!("{header} '{text}' is not yes or no; taken as no"));
            false
        })
    }

    /// FTE from weekly hours: a fraction up to 1 is an FTE already; more is hours of a 37.5-hour week.
    fn fte_from_hours(&mut self, notes: &mut Vec<String>) -> Option<Headcount> {
        let text = self.get(Field::Hours).to_owned();
        let fte = match parse_figure(&text) {
            Figure::Value(value) if value <= 1.0 => value,
            Figure::Value(hours) => {
                notes.push(format!("Hours: {text} a week"));
                (hours / FULL_TIME_HOURS * 100.0).round() / 100.0
            }
            Figure::Missing | Figure::Withheld => return None,
            Figure::Invalid => {
                let header = self.columns.header(Field::Hours).to_owned();
                self.warnings
                    .push(format!("{header} '{text}' is not a number; left out"));
                return None;
            }
        };
        Some(Headcount {
            value: Span::exact(fte),
            basis: HeadcountBasis::Fte,
        })
    }

    fn headcount(&mut self, notes: &mut Vec<String>, tags: &mut Vec<String>) -> Option<Headcount> {
        let Some(value) = self.span(
            Field::Headcount,
            Field::HeadcountMin,
            Field::HeadcountMax,
            "Headcount",
            notes,
            tags,
        ) else {
            return self.fte_from_hours(notes);
        };
        let basis_text = self.get(Field::HeadcountBasis).to_owned();
        let basis = match parse_headcount_basis(&basis_text) {
            Some(basis) => basis,
            None => {
                if !basis_text.is_empty() {
                    self.warnings.push(format!(
                        "headcount basis '{basis_text}' is not 'posts' or 'fte'; taken as posts"
                    ));
                }
                if crate::io::import::table::normalize_header(self.columns.header(Field::Headcount))
                    == "fte"
                {
                    HeadcountBasis::Fte
                } else {
                    HeadcountBasis::Posts
                }
            }
        };
        Some(Headcount { value, basis })
    }

    fn cost(&mut self, notes: &mut Vec<String>, tags: &mut Vec<String>) -> Option<Cost> {
        let amount = self.span(
            Field::Cost,
            Field::CostMin,
            Field::CostMax,
            "Cost",
            notes,
            tags,
        )?;
        let basis_text = self.get(Field::CostBasis).to_owned();
        let basis = parse_cost_basis(&basis_text).unwrap_or_else(|| {
            if !basis_text.is_empty() {
                self.warnings.push(format!(
                    "cost basis '{basis_text}' is not 'per post' or 'total'; taken as per post"
                ));
            }
            CostBasis::PerPost
        });
        let rate_text = self.get(Field::OnCostRate).to_owned();
        let on_cost_rate = parse_rate(&rate_text).unwrap_or_else(|| {
            self.warnings.push(format!(
                "on-cost rate '{rate_text}' is not a rate; left out"
            ));
            None
        });
        let estimate_text = self.get(Field::CostEstimate).to_owned();
        let estimate = parse_yes(&estimate_text).unwrap_or_else(|| {
            self.warnings.push(format!(
                "cost estimate '{estimate_text}' is not yes or no; taken as an estimate"
            ));
            true
        });
        Some(Cost {
            amount,
            basis,
            on_cost_rate,
            estimate,
        })
    }

    fn kind(&mut self, headcount: Option<Headcount>) -> UnitKind {
        let text = self.get(Field::Kind).to_owned();
        if let Some(kind) = parse_kind(&text) {
            return kind;
        }
        if !text.is_empty() {
            self.warnings.push(format!(
                "kind '{text}' is not board, directorate, team or post; guessed from the headcount"
            ));
        }
        // A list of people (names joined, e-mail addresses, hours) is posts, whatever their FTE; so is a
        // row of one FTE or less.
        let people = self.columns.joins_names()
            || self.columns.has(Field::Email)
            || self.columns.has(Field::Hours);
        let one_person =
            headcount.is_some_and(|h| h.basis == HeadcountBasis::Fte && h.value.max <= 1.0);
        if headcount.is_some() && !people && !one_person {
            UnitKind::Team
        } else {
            UnitKind::Post
        }
    }

    /// The shares cell, when it reads and its shares fit the unit's status; otherwise none, with a warning
    /// (a chart with a split that does not add up would not load again).
    fn shares(&mut self, unit: &Unit, notes: &mut Vec<String>) -> Vec<Share> {
        let text = self.get(Field::Shares).to_owned();
        let checked = parse_shares(&text).and_then(|shares| {
            let candidate = Unit {
                shares,
                ..unit.clone()
            };
            check_unit_shares(&candidate).map(|()| candidate.shares)
        });
        match checked {
            Ok(shares) => shares,
            Err(reason) => {
                self.warnings
                    .push(format!("shares '{text}' left out: {reason}"));
                notes.push(format!("Shares given as '{text}'"));
                Vec::new()
            }
        }
    }

    fn status(&mut self, name: &str, notes: &mut Vec<String>) -> Status {
        let text = self.get(Field::Status).to_owned();
        if text.is_empty() && holder_marker(name) == Some(HolderMarker::Vacant) {
            return Status::Vacant;
        }
        match parse_status(
            &text,
            self.get(Field::Provider),
            self.get(Field::SharedWith),
        ) {
            Some(status) => status,
            None => {
                self.warnings.push(format!(
                    "status '{text}' is not one of in-house, outsourced, shared, vacant, new, to be deleted; taken as in-house"
                ));
                notes.push(format!("Status given as '{text}'"));
                Status::InHouse
            }
        }
    }
}

/// "0.2", "20" and "20%" are all 20%; `Some(None)` for an empty cell, `None` for text that is not a rate.
fn parse_rate(text: &str) -> Option<Option<f64>> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Some(None);
    }
    let (number, percent) = match trimmed.strip_suffix('%') {
        Some(number) => (number.trim(), true),
        None => (trimmed, false),
    };
    let value: f64 = number.parse().ok()?;
    if !value.is_finite() || value < 0.0 {
        return None;
    }
    Some(Some(if percent || value > 1.0 {
        value / 100.0
    } else {
        value
    }))
}

#[cfg(test)]
mod tests {
    use super::parse_rate;

    #[test]
    fn rates() {
        assert_eq!(parse_rate("0.2"), Some(Some(0.2)));
        assert_eq!(parse_rate("20%"), Some(Some(0.2)));
        assert_eq!(parse_rate("20"), Some(Some(0.2)));
        assert_eq!(parse_rate(""), Some(None));
        assert_eq!(parse_rate("lots"), None);
    }
}
