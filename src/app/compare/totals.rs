//! The totals table on top of the comparison: headcount and cost before, after and the difference, for the
//! whole chart and per top-level unit. Ranges stay ranges at both ends.

use egui::{Color32, RichText, Ui};

use crate::diff::{ChartDiff, DiffTotals};
use crate::metrics::format;
use crate::model::{Chart, Span, UnitId};

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

/// Which figures one side gives at all, so a side without them reads "not given", never "0" or "£0".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Given {
    pub headcount: bool,
    pub cost: bool,
}

impl Given {
    /// For the units of `chart` at and below `top`, or the whole chart.
    fn of(chart: &Chart, top: Option<&UnitId>) -> Self {
        let ids: Vec<&UnitId> = match top {
            Some(id) => chart.subtree(id),
            None => chart.units().into_iter().map(|unit| &unit.id).collect(),
        };
        ids.into_iter()
            .filter_map(|id| chart.unit(id))
            .fold(Given::default(), |given, unit| Given {
                headcount: given.headcount || crate::metrics::gives_headcount(unit),
                cost: given.cost || unit.cost.is_some(),
            })
    }
}

pub const NOT_GIVEN: &str = "not given";

fn shown(given: bool, value: Span, write: fn(Span) -> String) -> String {
    if given {
        write(value)
    } else {
        NOT_GIVEN.to_owned()
    }
}

/// A change is only a number when both sides give the figure.
fn change(before: bool, after: bool, value: Span, write: fn(Span) -> String) -> String {
    if before && after {
        signed(value, write)
    } else {
        "—".to_owned()
    }
}

impl TotalsRow {
    pub fn new(name: String, totals: &DiffTotals, before: Given, after: Given) -> Self {
        Self {
            name,
            headcount_before: shown(before.headcount, totals.before.headcount, format::count),
            headcount_after: shown(after.headcount, totals.after.headcount, format::count),
            headcount_change: change(
                before.headcount,
                after.headcount,
                totals.headcount_change(),
                format::count,
            ),
            cost_before: shown(before.cost, totals.before.cost, format::money),
            cost_after: shown(after.cost, totals.after.cost, format::money),
            cost_change: change(before.cost, after.cost, totals.cost_change(), format::money),
        }
    }
}

pub const WHOLE_CHART: &str = "Whole chart";

pub fn rows(before: &Chart, after: &Chart, diff: &ChartDiff) -> Vec<TotalsRow> {
    let mut rows = vec![TotalsRow::new(
        WHOLE_CHART.to_owned(),
        &diff.totals,
        Given::of(before, None),
        Given::of(after, None),
    )];
    for unit in &diff.per_top_level {
        let tag = match (unit.in_before, unit.in_after) {
            (false, _) => " (new)",
            (_, false) => " (removed)",
            _ => "",
        };
        // A unit that is not on one side adds nothing there: its zero is a real figure.
        let before_id = unit.before_id.as_ref().unwrap_or(&unit.id);
        let before_given = if unit.in_before {
            Given::of(before, Some(before_id))
        } else {
            Given::of(after, Some(&unit.id))
        };
        let after_given = if unit.in_after {
            Given::of(after, Some(&unit.id))
        } else {
            before_given
        };
        rows.push(TotalsRow::new(
            format!("{}{tag}", unit.name),
            &unit.totals,
            before_given,
            after_given,
        ));
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
    fn a_side_without_figures_says_not_given_rather_than_zero() {
        use crate::model::{Cost, CostBasis, Unit};
        let mut before = Chart::new();
        before
            .insert_unit(Unit::new("ceo", "Chief Executive"), None, None)
            .unwrap();
        let mut after = before.clone();
        let costed = Unit::new("ceo", "Chief Executive")
            .with_headcount(Span::exact(1.0))
            .with_cost(Cost {
                amount: Span::exact(98_000.0),
                basis: CostBasis::PerPost,
                on_cost_rate: None,
                estimate: false,
            });
        after.replace_unit(costed).unwrap();
        let diff = crate::diff::diff(&before, &after);
        let whole = &rows(&before, &after, &diff)[0];
        assert_eq!(whole.headcount_before, NOT_GIVEN);
        assert_eq!(whole.cost_before, NOT_GIVEN);
        assert_eq!(whole.cost_after, "£98k");
        assert_eq!(
            whole.cost_change, "—",
            "no change can be computed from nothing"
        );
        let neither = &rows(&before, &before, &crate::diff::diff(&before, &before))[0];
        assert_eq!(
            (neither.cost_before.as_str(), neither.cost_after.as_str()),
            (NOT_GIVEN, NOT_GIVEN)
        );
    }

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
