//! The change written out for people and programs: a text summary, a table (CSV or Markdown) and JSON.

use crate::metrics::{Totals, own_totals};
use crate::model::{Chart, Link, LinkKind, Span, UnitId};

use super::{Change, ChangeKind, ChartDiff};

mod json;
mod table;
mod text;

pub use table::Row;
pub use text::{UNIT_SECTIONS, headline};

/// Both charts, their diff and how to name them (usually their file names).
pub struct Report<'a> {
    pub before: &'a Chart,
    pub after: &'a Chart,
    pub diff: &'a ChartDiff,
    pub before_label: String,
    pub after_label: String,
}

impl<'a> Report<'a> {
    pub fn new(before: &'a Chart, after: &'a Chart, diff: &'a ChartDiff) -> Self {
        Self {
            before,
            after,
            diff,
            before_label: "before".to_owned(),
            after_label: "after".to_owned(),
        }
    }

    pub fn labelled(mut self, before: impl Into<String>, after: impl Into<String>) -> Self {
        self.before_label = before.into();
        self.after_label = after.into();
        self
    }

    /// "Policy Unit [policy]", looked up in the before chart (before ids) or the after chart.
    fn before_unit(&self, id: &UnitId) -> String {
        named(self.before, id)
    }

    fn after_unit(&self, id: &UnitId) -> String {
        named(self.after, id)
    }

    fn manager_before(&self, id: &Option<UnitId>) -> String {
        id.as_ref()
            .map_or_else(|| "the top".to_owned(), |id| self.before_unit(id))
    }

    fn manager_after(&self, id: &Option<UnitId>) -> String {
        id.as_ref()
            .map_or_else(|| "the top".to_owned(), |id| self.after_unit(id))
    }

    /// Where a unit of the change sits: its after chart for everything but removed units.
    fn chart_of(&self, change: &Change) -> &Chart {
        match change.kind {
            ChangeKind::Removed | ChangeKind::LinkRemoved(_) => self.before,
            _ => self.after,
        }
    }

    /// "2 posts, £0.20m a year": the unit's own figures, for added and removed units.
    fn own_figures(&self, change: &Change) -> String {
        let Some(unit) = self.chart_of(change).unit(&change.id) else {
            return String::new();
        };
        let totals = own_totals(unit);
        figures(&totals)
    }

    fn link_text(&self, link: &Link, before_side: bool) -> String {
        let end = |id: &UnitId| {
            if before_side {
                self.before_unit(id)
            } else {
                self.after_unit(id)
            }
        };
        let mut text = format!(
            "{} from {} to {}",
            link_kind_words(link.kind),
            end(&link.from),
            end(&link.to)
        );
        if !link.label.trim().is_empty() {
            text.push_str(&format!(" (\"{}\")", link.label.trim()));
        }
        text
    }

    fn guessed_note(&self, change: &Change) -> String {
        change
            .before_id
            .as_ref()
            .map(|before| format!("guessed match: was [{before}] before"))
            .unwrap_or_default()
    }
}

fn named(chart: &Chart, id: &UnitId) -> String {
    match chart.unit(id) {
        Some(unit) => format!("{} [{id}]", unit.name),
        None => format!("[{id}]"),
    }
}

pub fn link_kind_words(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Dotted => "dotted-line reporting",
        LinkKind::Contract => "contract",
        LinkKind::SharedService => "shared service",
    }
}

pub fn link_kind_key(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Dotted => "dotted",
        LinkKind::Contract => "contract",
        LinkKind::SharedService => "shared_service",
    }
}

/// "2 posts, £196,000 a year" (nothing for a unit with no figures).
pub(crate) fn figures(totals: &Totals) -> String {
    let mut parts = Vec::new();
    if totals.headcount != Span::ZERO {
        parts.push(crate::metrics::format::headcount(
            totals.headcount,
            totals.has_fte,
        ));
    }
    if totals.cost != Span::ZERO {
        parts.push(format!("{} a year", money_pair(totals.cost, totals.cost).0));
    }
    parts.join(", ")
}

/// Before, after and the change, headcount and money each on one scale, as the summary writes them:
/// ("12", "22", "+10") and ("£0.39m", "£0.86m", "+£0.47m").
pub fn change_columns(totals: &super::DiffTotals) -> [(String, String, String); 2] {
    let (before, after) = (&totals.before, &totals.after);
    let (cost_before, cost_after, scale) = money_pair(before.cost, after.cost);
    [
        (
            crate::metrics::format::count(before.headcount),
            crate::metrics::format::count(after.headcount),
            count_change(totals.headcount_change()),
        ),
        (cost_before, cost_after, scale.change(totals.cost_change())),
    ]
}

/// Money for totals: both sides in the same unit so they compare at a glance ("£0.39m -> £0.86m").
fn money_pair(before: Span, after: Span) -> (String, String, Scale) {
    let scale = Scale::for_values(&[before.min, before.max, after.min, after.max]);
    (scale.span(before), scale.span(after), scale)
}

#[derive(Clone, Copy)]
struct Scale {
    divisor: f64,
    suffix: &'static str,
    decimals: usize,
}

impl Scale {
    fn for_values(values: &[f64]) -> Self {
        let largest = values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        if largest >= 100_000.0 {
            Self {
                divisor: 1_000_000.0,
                suffix: "m",
                decimals: 2,
            }
        } else if largest >= 1_000.0 {
            Self {
                divisor: 1_000.0,
                suffix: "k",
                decimals: 0,
            }
        } else {
            Self {
                divisor: 1.0,
                suffix: "",
                decimals: 0,
            }
        }
    }

    fn digits(&self, value: f64) -> String {
        format!("{:.*}", self.decimals, value.abs() / self.divisor)
    }

    fn span(&self, span: Span) -> String {
        if span.min == 0.0 && span.max == 0.0 {
            // "£0.00m" reads like a rounding; nothing is nothing.
            return "£0".to_owned();
        }
        let (low, high) = (self.digits(span.min), self.digits(span.max));
        if low == high {
            format!("£{low}{}", self.suffix)
        } else {
            format!("£{low}-{high}{}", self.suffix)
        }
    }

    /// "+£0.47m", "-£0.10m", "+£0.10m to +£0.20m", "no change".
    fn change(&self, change: Span) -> String {
        let one = |value: f64| {
            let digits = self.digits(value);
            let zero = digits.chars().all(|c| c == '0' || c == '.');
            let sign = if zero {
                "±"
            } else if value < 0.0 {
                "-"
            } else {
                "+"
            };
            format!("{sign}£{digits}{}", self.suffix)
        };
        signed_span(change, one)
    }
}

/// "+10", "-3", "+8 to +12", "no change".
fn count_change(change: Span) -> String {
    signed_span(change, |value| {
        let text = crate::metrics::format::count(Span::exact(value.abs()));
        if text == "0" {
            "±0".to_owned()
        } else if value < 0.0 {
            format!("-{text}")
        } else {
            format!("+{text}")
        }
    })
}

fn signed_span(change: Span, one: impl Fn(f64) -> String) -> String {
    let (low, high) = (one(change.min), one(change.max));
    if low == high {
        if low.starts_with('±') {
            "no change".to_owned()
        } else {
            low
        }
    } else {
        format!("{low} to {high}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_on_both_sides_shares_one_scale() {
        let (before, after, scale) = money_pair(Span::exact(390_000.0), Span::exact(860_000.0));
        assert_eq!((before.as_str(), after.as_str()), ("£0.39m", "£0.86m"));
        assert_eq!(scale.change(Span::exact(470_000.0)), "+£0.47m");
        assert_eq!(scale.change(Span::exact(-100_000.0)), "-£0.10m");
        assert_eq!(scale.change(Span::exact(0.0)), "no change");
        let (before, _, _) = money_pair(Span::exact(98_000.0), Span::exact(90_000.0));
        assert_eq!(before, "£98k");
    }

    #[test]
    fn count_changes_are_signed_and_ranges_say_both_ends() {
        assert_eq!(count_change(Span::exact(10.0)), "+10");
        assert_eq!(count_change(Span::exact(-3.0)), "-3");
        assert_eq!(count_change(Span::exact(0.0)), "no change");
        assert_eq!(count_change(Span::range(8.0, 12.0)), "+8 to +12");
        assert_eq!(count_change(Span::range(-2.0, 1.0)), "-2 to +1");
    }
}
