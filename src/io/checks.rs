//! What a loaded value may be: figures finite, not negative, in order and of a sane size; positions finite;
//! card texts short enough to draw. Each problem is a sentence saying what is wrong and what to write.

use crate::geom::Point;
use crate::model::{Cost, Headcount, Span};

/// More units than this is not an organisation chart anyone can read; it also bounds memory.
pub const MAX_UNITS: usize = 1_000_000;

/// The longest text drawn on a card (name, role, grade, organisation, provider). Longer text is a pasted
/// document, not a label, and would make every export enormous.
pub const MAX_CARD_TEXT: usize = 4_000;

/// The longest id: a cell's text plus the `#2` an importer adds to a repeated one.
pub const MAX_ID: usize = MAX_CARD_TEXT + 100;

/// The longest notes field: notes are not drawn, but are still kept in memory and in every save.
pub const MAX_NOTES: usize = 100_000;

/// No single unit has more posts than this (the largest employers have about 1.5 million staff in total).
const MAX_HEADCOUNT: f64 = 10_000_000.0;

/// No single unit's yearly cost (or cost per post) is more than a trillion.
const MAX_COST: f64 = 1e12;

/// On-costs above 1000% are a typo (20% is written 0.2 in a file).
const MAX_ON_COST_RATE: f64 = 10.0;

/// Positions beyond this are off any screen or page (a card is about 200 points wide).
const MAX_COORDINATE: f32 = 1e9;

/// A figure as people read it: 1e308 stays short instead of printing 309 digits.
fn figure(value: f64) -> String {
    if value.is_finite() && value.abs() >= 1e12 {
        format!("{value:e}")
    } else {
        value.to_string()
    }
}

fn span_problem(what: &str, span: &Span, largest: f64, limit: &str) -> Option<String> {
    for value in [span.min, span.max] {
        // Only written out for a problem: formatting every figure of a big chart was a few percent of loading it.
        let shown = || figure(value);
        if !value.is_finite() {
            return Some(format!(
                "{what} is {}, which is not a number; write a figure such as 12",
                shown()
            ));
        }
        if value < 0.0 {
            return Some(format!(
                "{what} is {}, which is negative; write 0 or more",
                shown()
            ));
        }
        if value > largest {
            return Some(format!(
                "{what} is {}, more than any real unit has (at most {limit}); check the figure",
                shown()
            ));
        }
    }
    if span.min > span.max {
        return Some(format!(
            "{what} runs from {} down to {}; write the smaller figure as min and the larger as max",
            figure(span.min),
            figure(span.max)
        ));
    }
    None
}

pub fn headcount_problem(headcount: &Headcount) -> Option<String> {
    span_problem(
        "the headcount",
        &headcount.value,
        MAX_HEADCOUNT,
        "10 million posts",
    )
}

pub fn cost_problem(cost: &Cost) -> Option<String> {
    if let Some(problem) = span_problem("the cost", &cost.amount, MAX_COST, "£1 trillion a year") {
        return Some(problem);
    }
    match cost.on_cost_rate {
        Some(rate) if !rate.is_finite() || !(0.0..=MAX_ON_COST_RATE).contains(&rate) => {
            Some(format!(
                "the on-cost rate is {rate}; write it as a fraction from 0 to {MAX_ON_COST_RATE} (0.2 for 20%)"
            ))
        }
        _ => None,
    }
}

pub fn point_problem(point: &Point) -> Option<String> {
    let sane = |v: f32| v.is_finite() && v.abs() <= MAX_COORDINATE;
    (!(sane(point.x) && sane(point.y))).then(|| {
        format!(
            "the pinned position ({}, {}) is not a place on the page; remove `pinned` to let the layout place the card",
            point.x, point.y
        )
    })
}

/// A text field longer than `limit` characters.
pub fn text_problem(field: &str, text: &str, limit: usize) -> Option<String> {
    let chars = text.chars().count();
    (chars > limit).then(|| {
        format!("the {field} is {chars} characters long; a chart keeps at most {limit}: shorten it")
    })
}

/// `text` cut to at most `limit` characters (never inside a character), with an ellipsis when cut.
pub fn truncated(text: &str, limit: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(limit) {
        None => std::borrow::Cow::Borrowed(text),
        Some((end, _)) => {
            let kept = text.get(..end).unwrap_or_default();
            std::borrow::Cow::Owned(format!("{kept}…"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CostBasis, HeadcountBasis};

    fn headcount(min: f64, max: f64) -> Headcount {
        Headcount {
            value: Span { min, max },
            basis: HeadcountBasis::Posts,
        }
    }

    #[test]
    fn bad_headcounts_are_named() {
        assert_eq!(headcount_problem(&headcount(11.0, 15.0)), None);
        for (min, max, word) in [
            (f64::NAN, 1.0, "not a number"),
            (f64::INFINITY, f64::INFINITY, "not a number"),
            (-5.0, -5.0, "negative"),
            (1e308, 1e308, "more than any real unit"),
            (10.0, 2.0, "down to"),
        ] {
            let problem = headcount_problem(&headcount(min, max)).unwrap();
            assert!(problem.contains(word), "{problem}");
        }
    }

    #[test]
    fn bad_costs_and_positions_are_named() {
        let mut cost = Cost {
            amount: Span::exact(40_000.0),
            basis: CostBasis::PerPost,
            on_cost_rate: Some(0.2),
            estimate: false,
        };
        assert_eq!(cost_problem(&cost), None);
        cost.on_cost_rate = Some(f64::NAN);
        assert!(cost_problem(&cost).unwrap().contains("on-cost rate"));
        cost.on_cost_rate = None;
        cost.amount = Span::exact(-1.0);
        assert!(cost_problem(&cost).unwrap().contains("negative"));
        assert!(point_problem(&Point::new(f32::INFINITY, 0.0)).is_some());
        assert!(point_problem(&Point::new(10.0, -20.0)).is_none());
    }

    #[test]
    fn long_text_is_refused_or_cut_on_a_character_boundary() {
        assert!(
            text_problem("name", &"é".repeat(5), 4)
                .unwrap()
                .contains("5 characters")
        );
        assert_eq!(text_problem("name", "abcd", 4), None);
        assert_eq!(truncated("½½½½½", 3), "½½½…");
        assert_eq!(truncated("abc", 3), "abc");
    }
}
