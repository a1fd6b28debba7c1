//! How figures are written on cards, in totals and in reports: short, honest about ranges and estimates.

use crate::model::Span;

/// "11-15", "40", "2.5".
pub fn count(span: Span) -> String {
    if span.is_range() {
        format!("{}-{}", number(span.min), number(span.max))
    } else {
        number(span.min)
    }
}

fn number(value: f64) -> String {
    if (value - value.round()).abs() < 0.005 {
        format!("{}", value.round() as i64)
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// "12 posts", "11-15 posts", "1 post", "12.5 FTE".
pub fn headcount(span: Span, fte: bool) -> String {
    let unit = if fte {
        "FTE"
    } else if !span.is_range() && (span.min - 1.0).abs() < f64::EPSILON {
        "post"
    } else {
        "posts"
    };
    format!("{} {unit}", count(span))
}

/// Compact money: "£950", "£98k", "£467k", "£1.2m", ranges "£0.6-0.8m", "£40-55k".
pub fn money(span: Span) -> String {
    let scale = span.max.abs().max(span.min.abs());
    let (divisor, suffix, decimals) = if scale >= 1_000_000.0 {
        (1_000_000.0, "m", 1)
    } else if scale >= 100_000.0 && span.is_range() {
        (1_000_000.0, "m", 2)
    } else if scale >= 1_000.0 {
        (1_000.0, "k", 0)
    } else {
        (1.0, "", 0)
    };
    let show = |value: f64| {
        let text = format!("{:.*}", decimals, value / divisor);
        if decimals > 0 {
            text.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            text
        }
    };
    if span.is_range() && show(span.min) != show(span.max) {
        format!("£{}-{}{suffix}", show(span.min), show(span.max))
    } else {
        format!("£{}{suffix}", show(span.max))
    }
}

/// "100,000": a whole number with its thousands grouped.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// Full money for tables: "£467,153.75" or "£98,000".
pub fn money_exact(value: f64) -> String {
    let pence = (value * 100.0).round() as i64;
    let (pounds, pence) = (pence / 100, (pence % 100).abs());
    let grouped = thousands(pounds.unsigned_abs());
    let sign = if pounds < 0 { "-" } else { "" };
    if pence == 0 {
        format!("{sign}£{grouped}")
    } else {
        format!("{sign}£{grouped}.{pence:02}")
    }
}
