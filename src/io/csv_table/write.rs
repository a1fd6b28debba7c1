//! Exporting a chart as a simple table.

use super::CsvError;
use super::cells::{
    cost_basis_word, headcount_basis_word, join_list, kind_word, link_entry, status_word,
};
use crate::model::{Chart, LinkKind, Status, Unit, describe_shares};

/// The columns export writes, in order; import reads them back by the same names.
pub const COLUMNS: [&str; 26] = [
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
    "shares",
    "organisation",
    "department",
    "grade",
    "assistant",
    "tags",
    "notes",
    "dotted_to",
    "contract_to",
    "shared_service_to",
];

/// Shortest text that reads back as the same number ("40000", "0.2", "12.5").
fn number(value: f64) -> String {
    format!("{value}")
}

pub fn to_csv_string(chart: &Chart) -> Result<String, CsvError> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let encode = |err: csv::Error| CsvError::Encode(err.to_string());
    writer.write_record(COLUMNS).map_err(encode)?;
    for record in table_rows(chart) {
        writer.write_record(&record).map_err(encode)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|err| CsvError::Encode(err.to_string()))?;
    String::from_utf8(bytes).map_err(|err| CsvError::Encode(err.to_string()))
}

/// One row of cells per unit, in [`COLUMNS`] order, managers before their reports: the table both the CSV
/// and the workbook export write. Number columns hold the shortest text that reads back as the same number.
pub fn table_rows(chart: &Chart) -> Vec<Vec<String>> {
    let links = chart.links();
    chart
        .units()
        .into_iter()
        .map(|unit| {
            let reports_to = chart.parent(&unit.id).map(|p| p.as_str()).unwrap_or("");
            let links_of = |kind: LinkKind| {
                links
                    .iter()
                    .filter(|link| link.kind == kind && link.from == unit.id)
                    .map(|link| link_entry(link.to.as_str(), &link.label))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            row(
                unit,
                reports_to,
                [
                    links_of(LinkKind::Dotted),
                    links_of(LinkKind::Contract),
                    links_of(LinkKind::SharedService),
                ],
            )
        })
        .collect()
}

fn row(unit: &Unit, reports_to: &str, links: [String; 3]) -> Vec<String> {
    let (headcount_min, headcount_max, headcount_basis) = match &unit.headcount {
        Some(headcount) => (
            number(headcount.value.min),
            number(headcount.value.max),
            headcount_basis_word(headcount.basis).to_owned(),
        ),
        None => Default::default(),
    };
    let (cost_min, cost_max, cost_basis, on_cost_rate, cost_estimate) = match &unit.cost {
        Some(cost) => (
            number(cost.amount.min),
            number(cost.amount.max),
            cost_basis_word(cost.basis).to_owned(),
            cost.on_cost_rate.map(number).unwrap_or_default(),
            if cost.estimate { "yes" } else { "" }.to_owned(),
        ),
        None => Default::default(),
    };
    let (provider, shared_with) = match &unit.status {
        Status::Outsourced { provider } => (provider.clone(), String::new()),
        Status::Shared { with } => (String::new(), join_list(with.iter().map(String::as_str))),
        _ => Default::default(),
    };
    let [dotted_to, contract_to, shared_service_to] = links;
    let record = vec![
        unit.id.to_string(),
        unit.name.clone(),
        unit.role.clone(),
        kind_word(unit.kind).to_owned(),
        reports_to.to_owned(),
        headcount_min,
        headcount_max,
        headcount_basis,
        cost_min,
        cost_max,
        cost_basis,
        on_cost_rate,
        cost_estimate,
        status_word(&unit.status).to_owned(),
        provider,
        shared_with,
        describe_shares(&unit.shares),
        unit.organisation.clone(),
        unit.department.clone(),
        unit.grade.clone(),
        if unit.staff { "yes" } else { "" }.to_owned(),
        join_list(unit.tags.iter().map(String::as_str)),
        unit.notes.clone(),
        dotted_to,
        contract_to,
        shared_service_to,
    ];
    debug_assert_eq!(record.len(), COLUMNS.len());
    record
}
