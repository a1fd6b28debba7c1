//! Reading what people type into the inspector: counts and ranges ("11-15", "11 to 15"), money ("£98k",
//! "£40,000-£55,000"), percentages ("20%"). Errors say what was wrong and what would work.

use crate::metrics::format;
use crate::model::{CostBasis, Span};

/// Splits "a-b", "a – b", "a to b" into its ends; a single value gives one part.
fn range_parts(text: &str) -> Vec<String> {
    let normalised = text
        .replace(['–', '—'], "-")
        .replace(" to ", "-")
        .replace("..", "-");
    normalised.split('-').map(|p| p.trim().to_owned()).collect()
}

fn number(part: &str, original: &str, example: &str) -> Result<f64, String> {
    let cleaned: String = part
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    // Only digits and a decimal point: `f64::from_str` would also take "inf", "NaN" and "1e400".
    let plain = !cleaned.is_empty()
        && cleaned.chars().all(|c| c.is_ascii_digit() || c == '.')
        && cleaned.chars().any(|c| c.is_ascii_digit());
    match cleaned.parse::<f64>() {
        Ok(value) if plain && value.is_finite() => Ok(value),
        _ => Err(format!("'{original}' is not a number: write {example}")),
    }
}

/// Each organisation's share: "Council A 60%, Council B 40%" (see [`crate::model::parse_shares`]).
pub fn shares(text: &str) -> Result<Vec<crate::model::Share>, String> {
    crate::model::parse_shares(text)
}

/// A leading minus sign is a negative figure, not the start of a range ("-5" is not "from nothing to 5").
fn refuse_negative(text: &str) -> Result<(), String> {
    let starts_negative = text
        .trim_start_matches('£')
        .trim_start()
        .starts_with(['-', '−', '–']);
    if starts_negative {
        return Err(format!(
            "'{text}' is negative: a count or cost is 0 or more"
        ));
    }
    Ok(())
}

/// A headcount: "12", "2.5", "11-15", "11 to 15"; empty means none given.
pub fn count(text: &str) -> Result<Option<Span>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let example = "12, 2.5 or a range such as 11-15";
    refuse_negative(text)?;
    match range_parts(text).as_slice() {
        [one] => Ok(Some(Span::exact(number(one, text, example)?))),
        [a, b] => Ok(Some(Span::range(
            number(a, text, example)?,
            number(b, text, example)?,
        ))),
        _ => Err(format!(
            "'{text}' is not a number or range: write {example}"
        )),
    }
}

const MONEY_EXAMPLE: &str = "£40,000, 98k, 1.2m or a range such as £40k-£55k";

fn money_value(part: &str, original: &str, default_scale: f64) -> Result<(f64, f64), String> {
    let cleaned = part.trim().trim_start_matches('£').trim();
    let (digits, scale) = if let Some(digits) = cleaned.strip_suffix(['k', 'K']) {
        (digits, 1_000.0)
    } else if let Some(digits) = cleaned.strip_suffix(['m', 'M']) {
        (digits, 1_000_000.0)
    } else {
        (cleaned, default_scale)
    };
    let value = number(digits, original, MONEY_EXAMPLE)?;
    Ok((value * scale, scale))
}

/// Words after an amount that say what it is for: "per post", "each", "total", "a year".
const BASIS_WORDS: [(&str, Option<CostBasis>); 12] = [
    ("per post", Some(CostBasis::PerPost)),
    ("per fte", Some(CostBasis::PerPost)),
    ("per head", Some(CostBasis::PerPost)),
    ("each", Some(CostBasis::PerPost)),
    ("in total", Some(CostBasis::Total)),
    ("total", Some(CostBasis::Total)),
    ("a year", None),
    ("per year", None),
    ("per annum", None),
    ("p.a.", None),
    ("pa", None),
    ("a yr", None),
];

/// Removes the words after an amount, returning the amount and the basis they name (if any).
fn strip_basis(text: &str) -> (&str, Option<CostBasis>) {
    let mut rest = text.trim();
    let mut basis = None;
    // "£40,000 per post a year": several phrases may follow, in any order.
    'strip: loop {
        for (words, meaning) in BASIS_WORDS {
            let lower_len = rest.len().saturating_sub(words.len());
            let tail = rest.get(lower_len..).unwrap_or_default();
            let before = rest.get(..lower_len).unwrap_or_default();
            let at_word_start =
                before.is_empty() || before.ends_with(|c: char| !c.is_alphanumeric());
            if tail.eq_ignore_ascii_case(words) && at_word_start {
                rest = before.trim_end();
                basis = basis.or(meaning);
                continue 'strip;
            }
        }
        break;
    }
    (rest, basis)
}

/// Money a year: "£40,000", "98k", "1.2m", "£40k-£55k", "40-55k" (the suffix then counts for both ends).
#[cfg(test)]
pub fn money(text: &str) -> Result<Option<Span>, String> {
    money_with_basis(text).map(|money| money.map(|(amount, _)| amount))
}

/// Money as the cost field takes it: an amount or range, optionally followed by what it is for ("£40,000 per
/// post", "£1.2m total").
pub fn money_with_basis(text: &str) -> Result<Option<(Span, Option<CostBasis>)>, String> {
    let original = text.trim();
    if original.is_empty() {
        return Ok(None);
    }
    refuse_negative(original)?;
    let (amount, basis) = strip_basis(original);
    if amount.is_empty() {
        return Err(format!("'{original}' has no amount: write {MONEY_EXAMPLE}"));
    }
    let span = match range_parts(amount).as_slice() {
        [one] => Span::exact(money_value(one, original, 1.0)?.0),
        [a, b] => {
            let (high, scale) = money_value(b, original, 1.0)?;
            let (low, _) = money_value(a, original, scale)?;
            Span::range(low, high)
        }
        _ => return Err(format!("'{original}' is not an amount or range of money")),
    };
    Ok(Some((span, basis)))
}

/// An on-cost rate as a fraction: "20%" or "20" give 0.2; empty means none.
pub fn percent(text: &str) -> Result<Option<f64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    refuse_negative(text)?;
    let digits = text.trim_end_matches('%');
    let value = number(digits, text, "a percentage such as 20%")?;
    if value > 200.0 {
        return Err(format!(
            "'{text}' is more than 200%: write the rate as a percentage, such as 20%"
        ));
    }
    Ok(Some(value / 100.0))
}

/// A comma-separated list: "Barnet, Harrow" -> ["Barnet", "Harrow"].
pub fn list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

pub fn show_count(span: Option<Span>) -> String {
    span.map(format::count).unwrap_or_default()
}

pub fn show_money(span: Option<Span>) -> String {
    match span {
        None => String::new(),
        Some(s) if s.is_range() => {
            format!(
                "{}-{}",
                format::money_exact(s.min),
                format::money_exact(s.max)
            )
        }
        Some(s) => format::money_exact(s.min),
    }
}

pub fn show_percent(rate: Option<f64>) -> String {
    rate.map(|r| {
        let text = format!("{:.2}", r * 100.0);
        format!("{}%", text.trim_end_matches('0').trim_end_matches('.'))
    })
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_ranges() {
        assert_eq!(count("12"), Ok(Some(Span::exact(12.0))));
        assert_eq!(count(" 11 to 15 "), Ok(Some(Span::range(11.0, 15.0))));
        assert_eq!(count("15–11"), Ok(Some(Span::range(11.0, 15.0))));
        assert_eq!(count("2.5"), Ok(Some(Span::exact(2.5))));
        assert_eq!(count(""), Ok(None));
        let err = count("about ten").unwrap_err();
        assert!(err.contains("'about ten' is not a number"), "{err}");
        assert!(count("1-2-3").is_err());
    }

    #[test]
    fn money_with_symbols_suffixes_and_ranges() {
        assert_eq!(money("£40,000"), Ok(Some(Span::exact(40_000.0))));
        assert_eq!(money("98k"), Ok(Some(Span::exact(98_000.0))));
        assert_eq!(money("1.2m"), Ok(Some(Span::exact(1_200_000.0))));
        assert_eq!(money("40-55k"), Ok(Some(Span::range(40_000.0, 55_000.0))));
        assert_eq!(
            money("£40,000-£55,000"),
            Ok(Some(Span::range(40_000.0, 55_000.0)))
        );
        assert!(money("lots").is_err());
        // What the inspector shows reads back to the same value.
        let span = Span::range(40_000.0, 55_500.5);
        assert_eq!(money(&show_money(Some(span))), Ok(Some(span)));
    }

    #[test]
    fn the_cost_field_takes_what_its_hint_shows() {
        assert_eq!(
            money_with_basis("£40,000 per post"),
            Ok(Some((Span::exact(40_000.0), Some(CostBasis::PerPost))))
        );
        assert_eq!(
            money_with_basis("£1.2m total"),
            Ok(Some((Span::exact(1_200_000.0), Some(CostBasis::Total))))
        );
        assert_eq!(
            money_with_basis("98k"),
            Ok(Some((Span::exact(98_000.0), None)))
        );
        assert_eq!(
            money_with_basis("40-55k a year"),
            Ok(Some((Span::range(40_000.0, 55_000.0), None)))
        );
        assert_eq!(
            money_with_basis("£40k each per year"),
            Ok(Some((Span::exact(40_000.0), Some(CostBasis::PerPost))))
        );
    }

    #[test]
    fn number_errors_say_what_is_wrong() {
        for text in ["-5", "−5", "£-40k"] {
            let err = count(text).and(money(text)).unwrap_err();
            assert!(err.contains("negative"), "{text}: {err}");
        }
        for text in ["inf", "nan", "NaN", "1e400", "infinity"] {
            assert!(
                count(text).unwrap_err().contains("is not a number"),
                "{text}"
            );
            assert!(
                money(text).unwrap_err().contains("is not a number"),
                "{text}"
            );
        }
        assert!(percent("-5%").unwrap_err().contains("negative"));
        assert!(money("per post").unwrap_err().contains("no amount"));
        assert!(money("½k").is_err() && count("37½").is_err());
    }

    #[test]
    fn percentages() {
        assert_eq!(percent("20%"), Ok(Some(0.2)));
        assert_eq!(percent("12.5"), Ok(Some(0.125)));
        assert_eq!(percent(""), Ok(None));
        assert!(percent("-5%").is_err());
        assert!(percent("900").is_err());
        assert_eq!(show_percent(Some(0.125)), "12.5%");
        assert_eq!(show_percent(Some(0.2)), "20%");
    }
}

#[cfg(test)]
mod share_tests {
    use super::*;
    use crate::model::Share;

    #[test]
    fn shares_are_read_as_people_write_them() {
        assert_eq!(
            shares("Council A 60%, Council B 40%"),
            Ok(vec![
                Share::new("Council A", 60.0),
                Share::new("Council B", 40.0)
            ])
        );
        assert_eq!(
            shares(" North: 33.3 ; South=66.7% "),
            Ok(vec![Share::new("North", 33.3), Share::new("South", 66.7)])
        );
        assert_eq!(shares("  "), Ok(vec![]));
        assert!(
            shares("Council A")
                .unwrap_err()
                .contains("does not end in a share")
        );
        assert!(shares("60%").unwrap_err().contains("needs a name"));
        assert!(shares("Ærø 50%, Ü 50").is_ok(), "multi-byte names are fine");
    }
}
