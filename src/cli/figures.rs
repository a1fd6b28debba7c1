//! The organisation-design figures of `orgchart check`: per-organisation totals, spans of control in bands,
//! and layers, as text and as JSON.

use std::fmt::Write;

use serde_json::{Map, Value, json};

use crate::metrics::{
    NO_ORGANISATION, OrganisationTotals, SPAN_BANDS, SpansAndLayers, Totals, format,
};
use crate::model::Chart;

fn totals_json(totals: &Totals) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("headcount_min".into(), json!(totals.headcount.min));
    out.insert("headcount_max".into(), json!(totals.headcount.max));
    out.insert("cost_min".into(), json!(totals.cost.min));
    out.insert("cost_max".into(), json!(totals.cost.max));
    out
}

/// name -> headcount and cost it carries (shared units by their shares), and how many units it shares.
pub fn organisations_json(rows: &[OrganisationTotals]) -> Value {
    let mut out = Map::new();
    for row in rows {
        let mut entry = totals_json(&row.totals);
        entry.insert("units".into(), json!(row.totals.units));
        entry.insert("shared_units".into(), json!(row.shared_units));
        entry.insert("assumed_split".into(), json!(row.assumed_split));
        out.insert(row.name.clone(), Value::Object(entry));
    }
    Value::Object(out)
}

/// "1", "2-3", ... -> number of managers with a span in that band.
pub fn span_bands_json(figures: &SpansAndLayers) -> Value {
    let mut out = Map::new();
    for (band, count) in SPAN_BANDS.iter().zip(figures.bands) {
        out.insert(band.label.to_owned(), json!(count));
    }
    Value::Object(out)
}

/// Top first: each layer's units and their own headcount and cost.
pub fn layers_json(figures: &SpansAndLayers) -> Value {
    Value::Array(
        figures
            .layers
            .iter()
            .map(|layer| {
                let mut entry = totals_json(layer);
                entry.insert("units".into(), json!(layer.units));
                Value::Object(entry)
            })
            .collect(),
    )
}

fn money_or_none(totals: &Totals, costed: bool) -> String {
    if costed {
        format::money(totals.cost)
    } else {
        "cost not given".to_owned()
    }
}

/// A bar of up to `width` blocks for a fraction, so the bands read as a chart in a terminal too.
fn bar(fraction: f64, width: usize) -> String {
    let blocks = (fraction.clamp(0.0, 1.0) * width as f64).round() as usize;
    "#".repeat(blocks)
}

/// The text sections after the headline figures.
pub fn text(
    chart: &Chart,
    organisations: &[OrganisationTotals],
    spans: &SpansAndLayers,
    costed: bool,
) -> String {
    let mut out = String::new();
    let named = organisations.iter().any(|row| row.name != NO_ORGANISATION);
    if named {
        out.push_str("\nBy organisation (shared units counted by their shares)\n");
        let width = organisations
            .iter()
            .map(|row| row.name.chars().count())
            .max()
            .unwrap_or(0);
        for row in organisations {
            let mut notes = Vec::new();
            if row.shared_units > 0 {
                notes.push(format!(
                    "shares {} unit{}",
                    row.shared_units,
                    if row.shared_units == 1 { "" } else { "s" }
                ));
            }
            if row.assumed_split {
                notes.push("equal split assumed where no shares are given".to_owned());
            }
            let notes = if notes.is_empty() {
                String::new()
            } else {
                format!("  ({})", notes.join("; "))
            };
            let _ = writeln!(
                out,
                "  {:<width$}  {:>12}  {}{notes}",
                row.name,
                format::headcount(row.totals.headcount, row.totals.has_fte),
                money_or_none(&row.totals, costed),
            );
        }
    }
    if !spans.managers.is_empty() {
        let _ = writeln!(
            out,
            "\nSpan of control: {} manager{}, average {:.1}, median {} direct reports",
            spans.managers.len(),
            if spans.managers.len() == 1 { "" } else { "s" },
            spans.average_span(),
            spans.median_span()
        );
        for (i, band) in SPAN_BANDS.iter().enumerate() {
            let share = spans.band_share(i);
            let line = format!(
                "  {:>5}  {:>4} {:>4.0}%  {}",
                band.label,
                spans.bands[i],
                share * 100.0,
                bar(share, 30)
            );
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
    if !spans.layers.is_empty() {
        out.push_str("\nLayers (top first)\n");
        for (i, layer) in spans.layers.iter().enumerate() {
            let _ = writeln!(
                out,
                "  {:>3}  {:>5} unit{}  {:>12}  {}",
                i + 1,
                layer.units,
                if layer.units == 1 { " " } else { "s" },
                format::headcount(layer.headcount, layer.has_fte),
                money_or_none(layer, costed),
            );
        }
    }
    if !spans.single_report.is_empty() {
        let names: Vec<String> = spans
            .single_report
            .iter()
            .map(|id| {
                let name = chart.unit(id).map_or(id.as_str(), |u| u.name.as_str());
                format!("{name} [{id}]")
            })
            .collect();
        let _ = writeln!(
            out,
            "\nManagers with a single report ({}): {}",
            names.len(),
            names.join(", ")
        );
    }
    out
}
