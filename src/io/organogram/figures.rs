//! Headcount and pay from organogram cells, with what was withheld or odd written into the unit's notes.

use crate::io::import::values::{Figure, parse_figure};
use crate::model::{Cost, CostBasis, Headcount, HeadcountBasis, Span};

/// What one row says beyond its plain fields: lines for the unit's notes, whether anything was withheld,
/// and problems worth a warning.
#[derive(Debug, Default)]
pub struct RowFacts {
    pub notes: Vec<String>,
    pub withheld: bool,
    pub warnings: Vec<String>,
}

impl RowFacts {
    fn read(&mut self, text: &str, column: &str) -> Option<f64> {
        match parse_figure(text) {
            Figure::Value(value) => Some(value),
            Figure::Missing => None,
            Figure::Withheld => {
                self.withheld = true;
                None
            }
            Figure::Invalid => {
                self.warnings.push(format!(
                    "{column} '{}' is not a number; left out",
                    text.trim()
                ));
                self.notes
                    .push(format!("{column} given as '{}'", text.trim()));
                None
            }
        }
    }
}

/// FTE as the unit's headcount. A missing, withheld or unreadable FTE counts as 0 (and says so in the
/// notes), so that the chart's headcount equals the sum of the file's FTE column.
pub fn fte_headcount(text: &str, column: &str, facts: &mut RowFacts) -> Headcount {
    let value = match parse_figure(text) {
        Figure::Value(value) => value,
        Figure::Missing => {
            facts
                .notes
                .push(format!("{column} not given; counted as 0"));
            0.0
        }
        Figure::Withheld => {
            facts.withheld = true;
            facts
                .notes
                .push(format!("{column} withheld ({}); counted as 0", text.trim()));
            0.0
        }
        Figure::Invalid => {
            facts.warnings.push(format!(
                "{column} '{}' is not a number; counted as 0",
                text.trim()
            ));
            facts
                .notes
                .push(format!("{column} given as '{}'; counted as 0", text.trim()));
            0.0
        }
    };
    Headcount {
        value: Span::exact(value),
        basis: HeadcountBasis::Fte,
    }
}

/// A pay range as the cost of each FTE of the unit (`CostBasis::PerPost`).
///
/// - Both ends withheld, missing or both 0: no cost (the unit is kept; the notes say why).
/// - Only one end given: that value for both ends.
/// - Ends in the wrong order: swapped, with a warning.
pub fn pay_cost(
    (low_text, low_column): (&str, &str),
    (high_text, high_column): (&str, &str),
    facts: &mut RowFacts,
) -> Option<Cost> {
    // Whether the pay itself was withheld, whatever was withheld earlier in the row (often the name too).
    let withheld_before = std::mem::take(&mut facts.withheld);
    let low = facts.read(low_text, low_column);
    let high = facts.read(high_text, high_column);
    let pay_withheld = facts.withheld;
    facts.withheld |= withheld_before;
    let amount = match (low, high) {
        (Some(a), Some(b)) if a == 0.0 && b == 0.0 => {
            facts.notes.push("Pay shown as 0 in the file".to_owned());
            None
        }
        (Some(a), Some(b)) => {
            if a > b {
                facts.warnings.push(format!(
                    "{low_column} ({a}) is above {high_column} ({b}); the two were swapped"
                ));
            }
            Some(Span::range(a, b))
        }
        (Some(one), None) | (None, Some(one)) => {
            let given = if low.is_some() {
                low_column
            } else {
                high_column
            };
            facts.notes.push(format!(
                "Only {given} given; used for both ends of the pay range"
            ));
            (one > 0.0).then_some(Span::exact(one))
        }
        (None, None) if pay_withheld => {
            facts
                .notes
                .push(format!("Pay withheld ({})", low_text.trim()));
            None
        }
        (None, None) => {
            facts.notes.push("Pay not given".to_owned());
            None
        }
    };
    amount.map(|amount| Cost {
        amount,
        basis: CostBasis::PerPost,
        on_cost_rate: None,
        estimate: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn withheld_fte_counts_zero_and_is_noted() {
        let mut facts = RowFacts::default();
        let headcount = fte_headcount("N/D", "FTE", &mut facts);
        assert_eq!(headcount.value, Span::exact(0.0));
        assert!(facts.withheld);
        assert!(facts.notes[0].contains("withheld"));
    }

    #[test]
    fn pay_range_cases() {
        let mut facts = RowFacts::default();
        let cost = pay_cost(("£70,000", "floor"), ("74999", "ceiling"), &mut facts).unwrap();
        assert_eq!(cost.amount, Span::range(70_000.0, 74_999.0));
        assert_eq!(cost.basis, CostBasis::PerPost);

        let mut facts = RowFacts::default();
        assert!(pay_cost(("N/D", "floor"), ("N/D", "ceiling"), &mut facts).is_none());
        assert!(facts.withheld);
        assert_eq!(facts.notes, vec!["Pay withheld (N/D)".to_owned()]);

        let mut facts = RowFacts {
            withheld: true,
            ..RowFacts::default()
        };
        assert!(pay_cost(("N/D", "floor"), ("N/D", "ceiling"), &mut facts).is_none());
        assert!(facts.withheld);
        assert_eq!(
            facts.notes,
            vec!["Pay withheld (N/D)".to_owned()],
            "pay withheld after a withheld name"
        );

        let mut facts = RowFacts::default();
        assert!(pay_cost(("0", "floor"), ("0", "ceiling"), &mut facts).is_none());

        let mut facts = RowFacts::default();
        let cost = pay_cost(("80000", "floor"), ("75000", "ceiling"), &mut facts).unwrap();
        assert_eq!(cost.amount, Span::range(75_000.0, 80_000.0));
        assert_eq!(facts.warnings.len(), 1);

        let mut facts = RowFacts::default();
        let cost = pay_cost(("abc", "floor"), ("50000", "ceiling"), &mut facts).unwrap();
        assert_eq!(cost.amount, Span::exact(50_000.0));
        assert_eq!(facts.warnings.len(), 1);
    }
}
