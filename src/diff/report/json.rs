//! The change as one JSON object for scripts.
//!
//! Figures are numbers. A figure that may be a range has `_min` and `_max` variants; the plain key is the
//! middle of the range (the figure itself when exact). Costs are yearly, in pounds, including on-costs.

use serde_json::{Map, Value, json};

use crate::metrics::Totals;
use crate::model::{Chart, Link, Span};

use super::super::{ChangeKind, DiffTotals};
use super::{Report, link_kind_key};

impl Report<'_> {
    pub fn json(&self) -> Value {
        let mut added = Vec::new();
        let mut removed = Vec::new();
        let mut moved = Vec::new();
        let mut renamed = Vec::new();
        let mut changed = Vec::new();
        let mut links_added = Vec::new();
        let mut links_removed = Vec::new();
        let mut links_changed = Vec::new();
        for change in &self.diff.changes {
            let mut entry = Map::new();
            entry.insert("id".into(), json!(change.id));
            if let Some(before_id) = &change.before_id {
                entry.insert("before_id".into(), json!(before_id));
            }
            entry.insert("name".into(), json!(change.name));
            match &change.kind {
                ChangeKind::Added => {
                    entry.insert("parent".into(), json!(self.after.parent(&change.id)));
                    added.push(Value::Object(entry));
                }
                ChangeKind::Removed => {
                    entry.insert("parent".into(), json!(self.before.parent(&change.id)));
                    removed.push(Value::Object(entry));
                }
                ChangeKind::Moved { from, to } => {
                    entry.insert("from".into(), json!(from));
                    entry.insert("to".into(), json!(to));
                    moved.push(Value::Object(entry));
                }
                ChangeKind::Renamed { from, to } => {
                    entry.insert("from".into(), json!(from));
                    entry.insert("to".into(), json!(to));
                    renamed.push(Value::Object(entry));
                }
                ChangeKind::Changed { fields } => {
                    let fields: Vec<Value> = fields
                        .iter()
                        .map(|f| {
                            json!({"field": f.field.label(), "before": f.before, "after": f.after})
                        })
                        .collect();
                    entry.insert("fields".into(), Value::Array(fields));
                    changed.push(Value::Object(entry));
                }
                ChangeKind::LinkAdded(link) => links_added.push(link_json(link)),
                ChangeKind::LinkRemoved(link) => links_removed.push(link_json(link)),
                ChangeKind::LinkChanged { before, after } => {
                    let mut value = link_json(after);
                    value["label_before"] = json!(before.label);
                    links_changed.push(value);
                }
            }
        }
        let guessed: Vec<Value> = self
            .diff
            .guessed_matches()
            .map(|m| {
                json!({
                    "before_id": m.before,
                    "after_id": m.after,
                    "basis": m.basis.describe(),
                })
            })
            .collect();
        let mut out = Map::new();
        out.insert("before".into(), chart_json(self.before, &self.before_label));
        out.insert("after".into(), chart_json(self.after, &self.after_label));
        for (key, list) in [
            ("added", added),
            ("removed", removed),
            ("moved", moved),
            ("renamed", renamed),
            ("changed", changed),
            ("links_added", links_added),
            ("links_removed", links_removed),
            ("links_changed", links_changed),
            ("guessed_matches", guessed),
        ] {
            out.insert(key.into(), Value::Array(list));
        }
        insert_totals(&mut out, &self.diff.totals);
        let per_top_level: Vec<Value> = self
            .diff
            .per_top_level
            .iter()
            .map(|row| {
                let mut entry = Map::new();
                entry.insert("id".into(), json!(row.id));
                if let Some(before_id) = &row.before_id {
                    entry.insert("before_id".into(), json!(before_id));
                }
                entry.insert("name".into(), json!(row.name));
                entry.insert("in_before".into(), json!(row.in_before));
                entry.insert("in_after".into(), json!(row.in_after));
                insert_totals(&mut entry, &row.totals);
                Value::Object(entry)
            })
            .collect();
        out.insert("per_top_level".into(), Value::Array(per_top_level));
        let per_organisation: Vec<Value> = self
            .diff
            .per_organisation
            .iter()
            .map(|row| {
                let mut entry = Map::new();
                entry.insert("name".into(), json!(row.name));
                entry.insert("in_before".into(), json!(row.in_before));
                entry.insert("in_after".into(), json!(row.in_after));
                entry.insert("assumed_split".into(), json!(row.assumed_split));
                insert_totals(&mut entry, &row.totals);
                Value::Object(entry)
            })
            .collect();
        out.insert("per_organisation".into(), Value::Array(per_organisation));
        Value::Object(out)
    }
}

fn chart_json(chart: &Chart, label: &str) -> Value {
    json!({"file": label, "title": chart.title(), "units": chart.len()})
}

fn link_json(link: &Link) -> Value {
    json!({
        "from": link.from,
        "to": link.to,
        "kind": link_kind_key(link.kind),
        "label": link.label,
    })
}

fn insert_totals(out: &mut Map<String, Value>, totals: &DiffTotals) {
    let side = |out: &mut Map<String, Value>, name: &str, t: &Totals| {
        insert_span(out, &format!("headcount_{name}"), t.headcount);
        insert_span(out, &format!("cost_{name}"), t.cost);
    };
    side(out, "before", &totals.before);
    side(out, "after", &totals.after);
    insert_span(out, "headcount_change", totals.headcount_change());
    insert_span(out, "cost_change", totals.cost_change());
    out.insert("units_before".into(), json!(totals.before.units));
    out.insert("units_after".into(), json!(totals.after.units));
    out.insert("estimated".into(), json!(totals.estimated()));
    out.insert("has_fte".into(), json!(totals.has_fte()));
}

fn insert_span(out: &mut Map<String, Value>, key: &str, span: Span) {
    out.insert(key.to_owned(), number((span.min + span.max) / 2.0));
    out.insert(format!("{key}_min"), number(span.min));
    out.insert(format!("{key}_max"), number(span.max));
}

/// Whole numbers as integers; otherwise rounded to pennies (or hundredths of an FTE).
fn number(value: f64) -> Value {
    let rounded = (value * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 && rounded.abs() < 9.0e15 {
        json!(rounded as i64)
    } else {
        json!(rounded)
    }
}
