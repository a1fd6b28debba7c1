//! The one column-recognition step shared by CSV files and workbook sheets: a header row becomes a map from
//! meaning ([`Field`]) to column, guessed from the header names and their synonyms, or set by the user
//! (`--map name=Col,reports_to=Col`, or the app's mapping step).
//!
//! Header names compare by their letters and digits only, in any case, ignoring anything in brackets:
//! "Employee ID", "employee_id", "EmployeeID", "employeeId" and "Employee Id (HR)" are one name.

use std::fmt;
use std::str::FromStr;

use super::table::header_key;

/// What a column means to the importer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Name,
    FirstName,
    PreferredName,
    LastName,
    Email,
    /// The manager, by id (or, failing that, by name).
    ReportsTo,
    ManagerEmail,
    ManagerName,
    Role,
    Kind,
    Headcount,
    HeadcountMin,
    HeadcountMax,
    HeadcountBasis,
    /// Weekly hours, read as a fraction of a full-time week.
    Hours,
    Cost,
    CostMin,
    CostMax,
    CostBasis,
    OnCostRate,
    CostEstimate,
    Status,
    Vacant,
    Assistant,
    Provider,
    SharedWith,
    /// Each organisation's share of a shared unit: "Council A 60%, Council B 40%".
    Shares,
    Organisation,
    Department,
    Grade,
    Location,
    StartDate,
    Tags,
    Notes,
    DottedTo,
    ContractTo,
    SharedServiceTo,
}

impl Field {
    /// The name used by `--map` and shown in summaries.
    pub fn key(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::Name => "name",
            Self::FirstName => "first_name",
            Self::PreferredName => "preferred_name",
            Self::LastName => "last_name",
            Self::Email => "email",
            Self::ReportsTo => "reports_to",
            Self::ManagerEmail => "manager_email",
            Self::ManagerName => "manager_name",
            Self::Role => "role",
            Self::Kind => "kind",
            Self::Headcount => "headcount",
            Self::HeadcountMin => "headcount_min",
            Self::HeadcountMax => "headcount_max",
            Self::HeadcountBasis => "headcount_basis",
            Self::Hours => "hours",
            Self::Cost => "cost",
            Self::CostMin => "cost_min",
            Self::CostMax => "cost_max",
            Self::CostBasis => "cost_basis",
            Self::OnCostRate => "on_cost_rate",
            Self::CostEstimate => "cost_estimate",
            Self::Status => "status",
            Self::Vacant => "vacant",
            Self::Assistant => "assistant",
            Self::Provider => "provider",
            Self::SharedWith => "shared_with",
            Self::Shares => "shares",
            Self::Organisation => "organisation",
            Self::Department => "department",
            Self::Grade => "grade",
            Self::Location => "location",
            Self::StartDate => "start_date",
            Self::Tags => "tags",
            Self::Notes => "notes",
            Self::DottedTo => "dotted_to",
            Self::ContractTo => "contract_to",
            Self::SharedServiceTo => "shared_service_to",
        }
    }

    /// Every field, in the order summaries and the app's mapping step list them.
    pub fn all() -> impl Iterator<Item = Field> {
        SYNONYMS.iter().map(|(field, _)| *field)
    }

    /// The field `--map` names by `key` (any case; "manager" and "parent" also mean `reports_to`).
    pub fn from_key(key: &str) -> Option<Field> {
        let wanted = header_key(key);
        match wanted.as_str() {
            "manager" | "parent" | "managerid" => return Some(Self::ReportsTo),
            "title" | "jobtitle" => return Some(Self::Role),
            "organization" => return Some(Self::Organisation),
            _ => {}
        }
        Self::all().find(|field| header_key(field.key()) == wanted)
    }

    /// Fields the app's mapping step offers (the rest are read from exported tables and rarely guessed wrong).
    pub const MAPPABLE: [Field; 17] = [
        Self::Id,
        Self::Name,
        Self::FirstName,
        Self::LastName,
        Self::ReportsTo,
        Self::ManagerEmail,
        Self::ManagerName,
        Self::Role,
        Self::Department,
        Self::Organisation,
        Self::Grade,
        Self::Location,
        Self::Email,
        Self::Cost,
        Self::Headcount,
        Self::Status,
        Self::Assistant,
    ];
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Accepted header names per field, most specific first. Fields are matched in this order and a column serves
/// one field only, so "Headcount Min" is not taken for "Headcount". Names compare by [`header_key`].
const SYNONYMS: &[(Field, &[&str])] = &[
    (
        Field::Id,
        &[
            "id",
            "unit id",
            "employee id",
            "employee number",
            "employee no",
            "emp id",
            "eid",
            "person id",
            "worker id",
            "staff id",
            "staff number",
            "personnel number",
            "user id",
            "post id",
            "position id",
            "post unique reference",
            "reference",
            "ref",
            "code",
            "key",
        ],
    ),
    (
        Field::ReportsTo,
        &[
            "reports to",
            "reports to id",
            "manager id",
            "manager employee id",
            "manager employee number",
            "manager",
            "line manager",
            "line manager id",
            "parent",
            "parent id",
            "pid",
            "reporting to",
            "reports to senior post",
            "supervisor id",
            "supervisor eid",
            "supervisor employee id",
            "boss",
            "boss id",
        ],
    ),
    (
        Field::ManagerEmail,
        &[
            "manager email",
            "manager e mail",
            "supervisor email",
            "supervisor e mail",
            "line manager email",
            "reports to email",
            "boss email",
        ],
    ),
    (
        Field::ManagerName,
        &[
            "manager name",
            "supervisor",
            "supervisor name",
            "line manager name",
            "manager full name",
            "reports to name",
            "boss name",
        ],
    ),
    (
        Field::Email,
        &[
            "email",
            "e mail",
            "email address",
            "work email",
            "business email",
            "mail",
        ],
    ),
    (
        Field::HeadcountMin,
        &[
            "headcount min",
            "min headcount",
            "headcount minimum",
            "minimum headcount",
            "posts min",
        ],
    ),
    (
        Field::HeadcountMax,
        &[
            "headcount max",
            "max headcount",
            "headcount maximum",
            "maximum headcount",
            "posts max",
        ],
    ),
    (Field::HeadcountBasis, &["headcount basis", "basis"]),
    (
        Field::Headcount,
        &[
            "headcount",
            "head count",
            "posts",
            "number of posts",
            "fte",
            "full time equivalent",
            "staff",
            "staff count",
            "size",
            "count",
        ],
    ),
    (
        Field::Hours,
        &[
            "hours",
            "weekly hours",
            "hours per week",
            "contracted hours",
            "scheduled weekly hours",
        ],
    ),
    (
        Field::CostMin,
        &[
            "cost min",
            "min cost",
            "cost minimum",
            "salary min",
            "pay min",
            "salary from",
        ],
    ),
    (
        Field::CostMax,
        &[
            "cost max",
            "max cost",
            "cost maximum",
            "salary max",
            "pay max",
            "salary to",
        ],
    ),
    (Field::CostBasis, &["cost basis"]),
    (
        Field::OnCostRate,
        &[
            "on cost rate",
            "oncost rate",
            "on costs",
            "on cost",
            "oncosts",
        ],
    ),
    (
        Field::CostEstimate,
        &["cost estimate", "estimate", "estimated", "cost is estimate"],
    ),
    (
        Field::Cost,
        &[
            "cost",
            "cost per post",
            "salary",
            "annual salary",
            "base salary",
            "pay",
            "annual pay",
            "budget",
            "annual cost",
        ],
    ),
    (Field::Status, &["status", "state", "employment status"]),
    (Field::Vacant, &["vacant", "is vacant", "vacancy"]),
    (
        Field::Assistant,
        &[
            "assistant",
            "is assistant",
            "staff post",
            "staff position",
            "assistant post",
        ],
    ),
    (Field::Provider, &["provider", "outsourced to", "supplier"]),
    (Field::SharedWith, &["shared with"]),
    (Field::Shares, &["shares", "share split", "cost split"]),
    (
        Field::Organisation,
        &[
            "organisation",
            "organization",
            "org",
            "company",
            "company name",
            "entity",
            "legal entity",
            "employer",
            "body",
        ],
    ),
    (
        Field::Department,
        &[
            "department",
            "dept",
            "department name",
            "division",
            "team",
            "business unit",
            "cost centre",
            "cost center",
            "supervisory organization",
            "supervisory organisation",
            "directorate",
            "group",
            "area",
        ],
    ),
    (
        Field::Grade,
        &[
            "grade",
            "band",
            "pay grade",
            "pay band",
            "level",
            "job level",
        ],
    ),
    (
        Field::Location,
        &[
            "location",
            "office",
            "site",
            "work location",
            "base",
            "city",
        ],
    ),
    (
        Field::StartDate,
        &[
            "start date",
            "hire date",
            "date of hire",
            "date joined",
            "joining date",
            "original hire date",
        ],
    ),
    (Field::Tags, &["tags", "tag", "labels"]),
    (
        Field::DottedTo,
        &[
            "dotted to",
            "dotted line to",
            "dotted line",
            "matrix manager",
            "matrix reports to",
        ],
    ),
    (
        Field::ContractTo,
        &["contract to", "contracts", "commissions", "contract with"],
    ),
    (
        Field::SharedServiceTo,
        &[
            "shared service to",
            "shared service with",
            "shared services",
        ],
    ),
    (Field::Kind, &["kind", "type", "unit kind", "unit type"]),
    (
        Field::Role,
        &[
            "role",
            "title",
            "job title",
            "position",
            "position title",
            "position name",
            "business title",
            "job profile",
            "job role",
            "designation",
            "post title",
            "post",
            "job",
        ],
    ),
    (
        Field::Name,
        &[
            "name",
            "unit name",
            "full name",
            "employee name",
            "display name",
            "worker",
            "person",
            "unit",
        ],
    ),
    (
        Field::FirstName,
        &[
            "first name",
            "given name",
            "forename",
            "forenames",
            "firstname",
            "legal first name",
        ],
    ),
    (
        Field::PreferredName,
        &[
            "preferred name",
            "preferred first name",
            "known as",
            "nickname",
        ],
    ),
    (
        Field::LastName,
        &["last name", "surname", "family name", "legal last name"],
    ),
    (
        Field::Notes,
        &[
            "notes",
            "note",
            "comments",
            "comment",
            "description",
            "remarks",
        ],
    ),
];

/// Choices the user made about columns: a field taken from a named column, or from none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnMapping {
    entries: Vec<(Field, Option<String>)>,
}

impl ColumnMapping {
    /// Takes `field` from the column headed `column` (compared as headers are), or from no column.
    pub fn set(&mut self, field: Field, column: Option<String>) {
        self.entries.retain(|(f, _)| *f != field);
        self.entries.push((field, column));
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The user's choice for `field`, if any: `Some(None)` means "no column".
    pub fn choice(&self, field: Field) -> Option<Option<&str>> {
        self.entries
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, column)| column.as_deref())
    }

    /// Adds "field=Column" entries separated by commas ("name=Full Name,reports_to=Boss"); "field=" takes the
    /// field from no column.
    pub fn add_entries(&mut self, text: &str) -> Result<(), String> {
        for entry in text.split(',').filter(|entry| !entry.trim().is_empty()) {
            let Some((field, column)) = entry.split_once('=') else {
                return Err(format!(
                    "'{}' should be FIELD=COLUMN, e.g. name=Full Name",
                    entry.trim()
                ));
            };
            let field = Field::from_key(field).ok_or_else(|| {
                let keys: Vec<&str> = Field::all().map(Field::key).collect();
                format!(
                    "'{}' is not a field; use one of: {}",
                    field.trim(),
                    keys.join(", ")
                )
            })?;
            let column = column.trim();
            self.set(field, (!column.is_empty()).then(|| column.to_owned()));
        }
        Ok(())
    }
}

impl FromStr for ColumnMapping {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut mapping = ColumnMapping::default();
        mapping.add_entries(text)?;
        Ok(mapping)
    }
}

/// Which column (if any) holds each field, and which named columns were not recognised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnMap {
    columns: Vec<(Field, usize, String)>,
    pub unrecognised: Vec<(usize, String)>,
}

impl ColumnMap {
    /// Guesses every field from the header, after applying the user's choices; a choice naming a column the
    /// header does not have is an error that lists the columns.
    pub fn recognise(header: &[String], mapping: &ColumnMapping) -> Result<Self, String> {
        let keys: Vec<String> = header.iter().map(|h| header_key(h)).collect();
        // API-style names ("work.reportsTo.id", "root.displayName") also match by what follows each dot.
        let alternatives: Vec<Vec<String>> = header
            .iter()
            .map(|h| {
                h.char_indices()
                    .filter(|(_, c)| *c == '.')
                    .filter_map(|(at, _)| h.get(at + 1..))
                    .map(header_key)
                    .filter(|key| !key.is_empty())
                    .collect()
            })
            .collect();
        let position = |name: &str| {
            let wanted = header_key(name);
            header
                .iter()
                .position(|h| h.trim() == name.trim())
                .or_else(|| keys.iter().position(|k| !k.is_empty() && *k == wanted))
        };
        let mut claimed = vec![false; header.len()];
        let mut columns = Vec::new();
        for (field, column) in &mapping.entries {
            let Some(column) = column else { continue };
            let at = position(column).ok_or_else(|| {
                format!(
                    "--map {field}={column}: there is no column \"{column}\"; the columns are: {}",
                    header_list(header)
                )
            })?;
            if let Some(slot) = claimed.get_mut(at) {
                *slot = true;
            }
            columns.push((*field, at, header[at].trim().to_owned()));
        }
        for (field, names) in SYNONYMS {
            if mapping.choice(*field).is_some() {
                continue;
            }
            let found = names.iter().find_map(|name| {
                let wanted = header_key(name);
                (0..header.len()).find(|&at| {
                    !claimed[at] && (keys[at] == wanted || alternatives[at].contains(&wanted))
                })
            });
            if let Some(at) = found {
                claimed[at] = true;
                columns.push((*field, at, header[at].trim().to_owned()));
            }
        }
        let unrecognised = header
            .iter()
            .enumerate()
            .filter(|(i, name)| !claimed[*i] && !name.trim().is_empty())
            .map(|(i, name)| (i, name.trim().to_owned()))
            .collect();
        Ok(Self {
            columns,
            unrecognised,
        })
    }

    pub fn get(&self, field: Field) -> Option<usize> {
        self.columns
            .iter()
            .find(|(f, _, _)| *f == field)
            .map(|(_, at, _)| *at)
    }

    pub fn has(&self, field: Field) -> bool {
        self.get(field).is_some()
    }

    /// The header as the file wrote it, for messages.
    pub fn header(&self, field: Field) -> &str {
        self.columns
            .iter()
            .find(|(f, _, _)| *f == field)
            .map_or("", |(_, _, name)| name.as_str())
    }

    /// Whether the name is joined from first and last names (there is no single name column).
    pub fn joins_names(&self) -> bool {
        !self.has(Field::Name)
            && (self.has(Field::FirstName)
                || self.has(Field::PreferredName)
                || self.has(Field::LastName))
    }

    /// Whether any header could identify a unit.
    pub fn identifies_units(&self) -> bool {
        self.has(Field::Id) || self.has(Field::Name) || self.has(Field::Email) || self.joins_names()
    }

    /// Where ids come from: the id column, else the e-mail column, else names.
    pub fn id_source(&self) -> IdSource {
        if self.has(Field::Id) {
            IdSource::Id
        } else if self.has(Field::Email) {
            IdSource::Email
        } else {
            IdSource::Name
        }
    }

    /// The manager columns in the order a row's manager is looked for: by id, by e-mail, by name.
    pub fn manager_columns(&self) -> Vec<(Field, usize)> {
        [Field::ReportsTo, Field::ManagerEmail, Field::ManagerName]
            .into_iter()
            .filter_map(|field| self.get(field).map(|at| (field, at)))
            .collect()
    }

    /// "id <- Employee ID; name <- First Name + Last Name; manager <- Manager ID; ...; notes <- Hire Date"
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        let mut used = |label: &str, columns: Vec<&str>, joiner: &str| {
            let columns: Vec<&str> = columns.into_iter().filter(|c| !c.is_empty()).collect();
            if !columns.is_empty() {
                parts.push(format!("{label} <- {}", columns.join(joiner)));
            }
        };
        let id = match self.id_source() {
            IdSource::Id => self.header(Field::Id),
            IdSource::Email => self.header(Field::Email),
            IdSource::Name => "the name",
        };
        used("id", vec![id], "");
        if self.joins_names() {
            let first = if self.has(Field::PreferredName) && self.has(Field::FirstName) {
                format!(
                    "{} (or {})",
                    self.header(Field::PreferredName),
                    self.header(Field::FirstName)
                )
            } else if self.has(Field::PreferredName) {
                self.header(Field::PreferredName).to_owned()
            } else {
                self.header(Field::FirstName).to_owned()
            };
            used("name", vec![&first, self.header(Field::LastName)], " + ");
        } else {
            used("name", vec![self.header(Field::Name)], "");
        }
        let managers: Vec<String> = self
            .manager_columns()
            .into_iter()
            .map(|(field, _)| {
                let by = match field {
                    Field::ManagerEmail => " (by e-mail)",
                    Field::ManagerName => " (by name)",
                    _ => "",
                };
                format!("{}{by}", self.header(field))
            })
            .collect();
        used(
            "manager",
            managers.iter().map(String::as_str).collect(),
            ", else ",
        );
        let skip = [
            Field::Id,
            Field::Name,
            Field::FirstName,
            Field::PreferredName,
            Field::LastName,
            Field::ReportsTo,
            Field::ManagerEmail,
            Field::ManagerName,
        ];
        let in_order = Field::MAPPABLE
            .into_iter()
            .chain(Field::all().filter(|field| !Field::MAPPABLE.contains(field)));
        for field in in_order.filter(|field| !skip.contains(field)) {
            if field == Field::Email && self.id_source() == IdSource::Email {
                continue;
            }
            let label = match field {
                Field::Cost => "cost per post",
                Field::Hours => "FTE from hours",
                Field::Assistant => "staff post",
                other => other.key(),
            };
            used(label, vec![self.header(field)], "");
        }
        let mut notes: Vec<&str> = self.unrecognised.iter().map(|(_, n)| n.as_str()).collect();
        if self.has(Field::Name) {
            for field in [Field::FirstName, Field::PreferredName, Field::LastName] {
                notes.push(self.header(field));
            }
        }
        used("kept in notes", notes, ", ");
        parts.join("; ")
    }
}

/// Where a unit's id comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdSource {
    Id,
    Email,
    Name,
}

/// Header names as written, for messages ("the columns are: ...").
pub fn header_list(header: &[String]) -> String {
    let named: Vec<String> = header
        .iter()
        .map(|h| h.trim())
        .filter(|h| !h.is_empty())
        .map(|h| format!("\"{h}\""))
        .collect();
    if named.is_empty() {
        "none".to_owned()
    } else {
        named.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    fn guess(names: &[&str]) -> ColumnMap {
        ColumnMap::recognise(&header(names), &ColumnMapping::default()).unwrap()
    }

    #[test]
    fn case_spaces_underscores_and_camel_case_are_alike() {
        for name in [
            "Employee ID",
            "employee_id",
            "EmployeeID",
            "employeeId",
            "EMPLOYEE-ID",
        ] {
            assert_eq!(guess(&[name]).get(Field::Id), Some(0), "{name}");
        }
        for name in [
            "parentId",
            "PARENT_ID",
            "pid",
            "SupervisorID",
            "Boss ID",
            "work.reportsTo.id",
        ] {
            assert_eq!(
                guess(&["id", name]).get(Field::ReportsTo),
                Some(1),
                "{name}"
            );
        }
    }

    #[test]
    fn names_join_and_the_summary_says_so() {
        let map = guess(&[
            "Employee ID",
            "First Name",
            "Last Name",
            "Manager ID",
            "Hire Date",
            "Phone",
        ]);
        assert!(map.joins_names());
        let summary = map.summary();
        assert!(
            summary.contains("name <- First Name + Last Name"),
            "{summary}"
        );
        assert!(summary.contains("manager <- Manager ID"), "{summary}");
        assert!(summary.contains("start_date <- Hire Date"), "{summary}");
        assert!(summary.contains("kept in notes <- Phone"), "{summary}");
    }

    #[test]
    fn department_is_not_the_organisation() {
        let map = guess(&["id", "name", "Department", "Company"]);
        assert_eq!(map.get(Field::Department), Some(2));
        assert_eq!(map.get(Field::Organisation), Some(3));
    }

    #[test]
    fn a_mapping_overrides_the_guess_and_frees_the_column() {
        let mapping: ColumnMapping = "name=Known As, reports_to=Boss Ref".parse().unwrap();
        let map = ColumnMap::recognise(&header(&["id", "Name", "Known As", "Boss Ref"]), &mapping)
            .unwrap();
        assert_eq!(map.get(Field::Name), Some(2));
        assert_eq!(map.get(Field::ReportsTo), Some(3));
        assert_eq!(map.unrecognised, vec![(1, "Name".to_owned())]);
        let none: ColumnMapping = "reports_to=".parse().unwrap();
        let map = ColumnMap::recognise(&header(&["id", "manager"]), &none).unwrap();
        assert!(!map.has(Field::ReportsTo));
    }

    #[test]
    fn a_mapping_to_a_missing_column_or_an_unknown_field_is_an_error() {
        let mapping: ColumnMapping = "name=Nope".parse().unwrap();
        let err = ColumnMap::recognise(&header(&["id", "Who"]), &mapping).unwrap_err();
        assert!(err.contains("\"Nope\"") && err.contains("\"Who\""), "{err}");
        assert!("colour=x".parse::<ColumnMapping>().is_err());
        assert!("name".parse::<ColumnMapping>().is_err());
    }
}
