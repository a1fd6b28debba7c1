//! The totals table on top of the comparison: headcount and cost before, after and the difference, for the
//! whole chart and per top-level unit. Ranges stay ranges at both ends.

use egui::{Color32, RichText, Ui};

use crate::diff::{ChartDiff, DiffTotals};
use crate::metrics::format;
use crate::model::Span;

use super::style;

/// The cells of one row, as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TotalsRow {
    pub name: String,
    pub headcount_before: String,
    pub headcount_after: String,
    pub headcount_change: String,
    pub cost_before: String,
    pub cost_after: String,
    pub cost_change: String,
}

impl TotalsRow {
    pub fn new(name: String, totals: &DiffTotals) -> Self {
        Self {
            name,
            headcount_before: format::count(totals.before.headcount),
            headcount_after: format::count(totals.after.headcount),
            headcount_change: signed(totals.headcount_change(), format::count),
            cost_before: format::money(totals.before.cost),
            cost_after: format::money(totals.after.cost),
            cost_change: signed(totals.cost_change(), format::money),
        }
    }
}

pub const WHOLE_CHART: &str = "Whole chart";

pub fn rows(diff: &ChartDiff) -> Vec<TotalsRow> {
    let mut rows = vec![TotalsRow::new(WHOLE_CHART.to_owned(), &diff.totals)];
    for unit in &diff.per_top_level {
        let tag = match (unit.in_before, unit.in_after) {
            (false, _) => " (new)",
            (_, false) => " (removed)",
            _ => "",
        };
        rows.push(TotalsRow::new(format!("{}{tag}", unit.name), &unit.totals));
    }
    rows
}

/// "+10", "−3", "no change", "+8 to +12": `one` writes a magnitude.
fn signed(change: Span, one: fn(Span) -> String) -> String {
    let write = |value: f64| {
        let magnitude = one(Span::exact(value.abs()));
        let zero = !magnitude.chars().any(|c| c.is_ascii_digit() && c != '0');
        if zero {
            "±0".to_owned()
        } else if value < 0.0 {
            format!("−{magnitude}")
        } else {
            format!("+{magnitude}")
        }
    };
    let (low, high) = (write(change.min), write(change.max));
    if low == high {
        if low == "±0" {
            "no change".to_owned()
        } else {
            low
        }
    } else {
        format!("{low} to {high}")
    }
}

fn change_colour(text: &str) -> Option<Color32> {
    use crate::render::ChangeMark;
    if text.starts_with('+') {
        Some(style::mark_colour(&ChangeMark::Added))
    } else if text.starts_with('−') {
        Some(style::mark_colour(&ChangeMark::Removed))
    } else {
        None
    }
}

pub fn table_ui(ui: &mut Ui, rows: &[TotalsRow], diff: &ChartDiff) {
    egui::Grid::new("compare-totals")
        .num_columns(7)
        .spacing([18.0, 3.0])
        .striped(true)
        .show(ui, |ui| {
            for heading in [
                "",
                "Headcount before",
                "after",
                "change",
                "Cost a year before",
                "after",
                "change",
            ] {
                ui.label(RichText::new(heading).strong());
            }
            ui.end_row();
            for (i, row) in rows.iter().enumerate() {
                let name = RichText::new(&row.name);
                ui.label(if i == 0 { name.strong() } else { name });
                for (cell, is_change) in [
                    (&row.headcount_before, false),
                    (&row.headcount_after, false),
                    (&row.headcount_change, true),
                    (&row.cost_before, false),
                    (&row.cost_after, false),
                    (&row.cost_change, true),
                ] {
                    let mut text = RichText::new(cell);
                    if is_change && let Some(colour) = change_colour(cell) {
                        text = text.color(colour);
                    }
                    ui.label(text);
                }
                ui.end_row();
            }
        });
    let mut notes = vec!["Costs include on-costs."];
    if diff.totals.estimated() {
        notes.push("Some figures are estimates.");
    }
    if diff.totals.has_fte() {
        notes.push("Headcount mixes posts and FTE.");
    }
    ui.label(RichText::new(notes.join(" ")).small().weak());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_signed_and_ranges_keep_both_ends() {
        assert_eq!(signed(Span::exact(10.0), format::count), "+10");
        assert_eq!(signed(Span::exact(-3.0), format::count), "−3");
        assert_eq!(signed(Span::exact(0.0), format::count), "no change");
        assert_eq!(signed(Span::range(8.0, 12.0), format::count), "+8 to +12");
        assert_eq!(signed(Span::exact(467_000.0), format::money), "+£467k");
        assert_eq!(signed(Span::exact(-1_200_000.0), format::money), "−£1.2m");
    }
}
