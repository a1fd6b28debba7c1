//! The table's columns: the names export writes and the synonyms import accepts.

use crate::io::import::table::Table;

/// The columns export writes, in order.
pub const COLUMNS: [&str; 23] = [
    "id",
    "name",
    "role",
    "kind",
    "reports_to",
    "headcount_min",
    "headcount_max",
    "headcount_basis",
    "cost_min",
    "cost_max",
    "cost_basis",
    "on_cost_rate",
    "cost_estimate",
    "status",
    "provider",
    "shared_with",
    "organisation",
    "grade",
    "tags",
    "notes",
    "dotted_to",
    "contract_to",
    "shared_service_to",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Name,
    Role,
    Kind,
    ReportsTo,
    Headcount,
    HeadcountMin,
    HeadcountMax,
    HeadcountBasis,
    Cost,
    CostMin,
    CostMax,
    CostBasis,
    OnCostRate,
    CostEstimate,
    Status,
    Provider,
    SharedWith,
    Organisation,
    Grade,
    Tags,
    Notes,
    DottedTo,
    ContractTo,
    SharedServiceTo,
}

/// Accepted header names per field, normalised (lower case, punctuation as spaces, brackets dropped), most
/// specific first. Fields are matched in this order and a column serves one field only, so "Headcount Min"
/// is not taken for "Headcount".
const SYNONYMS: &[(Field, &[&str])] = &[
    (
        Field::Id,
        &[
            "id",
            "unit id",
            "post id",
            "position id",
            "employee id",
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
            "manager",
            "manager id",
            "line manager",
            "parent",
            "parent id",
            "reporting to",
            "reports to senior post",
            "supervisor",
            "boss",
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
            "staff",
            "staff count",
            "size",
            "count",
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
            "pay",
            "budget",
            "annual cost",
        ],
    ),
    (Field::Status, &["status", "state"]),
    (Field::Provider, &["provider", "outsourced to", "supplier"]),
    (Field::SharedWith, &["shared with"]),
    (
        Field::Organisation,
        &[
            "organisation",
            "organization",
            "org",
            "company",
            "department",
            "body",
        ],
    ),
    (
        Field::Grade,
        &["grade", "band", "pay grade", "pay band", "level"],
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
            "person",
            "unit",
        ],
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

/// Which column (if any) holds each field, and which named columns were not recognised.
pub struct ColumnMap {
    columns: Vec<(Field, usize, String)>,
    pub unrecognised: Vec<(usize, String)>,
}

impl ColumnMap {
    pub fn new(table: &Table) -> Self {
        let mut claimed = vec![false; table.header.len()];
        let mut columns = Vec::new();
        for (field, names) in SYNONYMS {
            for name in *names {
                let Some(at) = table.column(&[name]) else {
                    continue;
                };
                // `Table::column` finds the first match; a duplicate header further right stays unclaimed.
                if !claimed[at] {
                    claimed[at] = true;
                    columns.push((*field, at, table.header[at].trim().to_owned()));
                    break;
                }
            }
        }
        let unrecognised = table
            .header
            .iter()
            .enumerate()
            .filter(|(i, name)| !claimed[*i] && !name.trim().is_empty())
            .map(|(i, name)| (i, name.trim().to_owned()))
            .collect();
        Self {
            columns,
            unrecognised,
        }
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

    /// Whether any header could identify a unit.
    pub fn identifies_units(&self) -> bool {
        self.has(Field::Id) || self.has(Field::Name)
    }
}
