//! How figures are written on cards, in totals and in reports: short, honest about ranges and estimates.
//!
//! Every card of a big chart has a figures row, so the writers append to a caller's `String` and write
//! fixed decimals with integer arithmetic (see [`push_fixed`]) rather than through `format!`; the text is
//! byte for byte what `format!("{:.N}")` gives (the tests hold the formatter-based versions against them).

use std::fmt::Write as _;

use crate::model::Span;

/// "11-15", "40", "2.5".
pub fn count(span: Span) -> String {
    let mut out = String::new();
    push_count(&mut out, span);
    out
}

/// [`count`], appended to `out`.
pub fn push_count(out: &mut String, span: Span) {
    push_number(out, span.min);
    if span.is_range() {
        out.push('-');
        push_number(out, span.max);
    }
}

/// A whole number when `value` is within half a hundredth of one, else up to two decimals.
fn push_number(out: &mut String, value: f64) {
    let rounded = value.round();
    if (value - rounded).abs() < 0.005 {
        // Saturates as `as` does, as the formatter-based version did.
        push_int(out, rounded as i64);
    } else {
        push_fixed(out, value, 2, true);
    }
}

/// "12 posts", "11-15 posts", "1 post", "12.5 FTE".
pub fn headcount(span: Span, fte: bool) -> String {
    let mut out = String::new();
    push_headcount(&mut out, span, fte);
    out
}

/// [`headcount`], appended to `out`.
pub fn push_headcount(out: &mut String, span: Span, fte: bool) {
    let unit = if fte {
        "FTE"
    } else if !span.is_range() && (span.min - 1.0).abs() < f64::EPSILON {
        "post"
    } else {
        "posts"
    };
    push_count(out, span);
    out.push(' ');
    out.push_str(unit);
}

/// Compact money: "£950", "£98k", "£467k", "£1.2m", ranges "£0.6-0.8m", "£40-55k".
pub fn money(span: Span) -> String {
    let mut out = String::new();
    push_money(&mut out, span);
    out
}

/// [`money`], appended to `out`.
pub fn push_money(out: &mut String, span: Span) {
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
    out.push('£');
    let trim = decimals > 0;
    if span.is_range() {
        // Both ends written one after the other; when they read the same, the range is one figure.
        let start = out.len();
        push_fixed(out, span.min / divisor, decimals, trim);
        let middle = out.len();
        push_fixed(out, span.max / divisor, decimals, trim);
        if out[start..middle] == out[middle..] {
            out.truncate(middle);
        } else {
            out.insert(middle, '-');
        }
    } else {
        push_fixed(out, span.max / divisor, decimals, trim);
    }
    out.push_str(suffix);
}

/// What `format!("{value:.decimals$}")` writes (with trailing zeros and then the point dropped if `trim`),
/// for `decimals` up to 2. Computed on whole hundredths: `value` times 100 is rounded to the nearest whole
/// number, which is the formatter's answer unless the product lies within float error of a half, where the
/// formatter (which rounds the exact binary value) is asked instead. Negative, huge and non-finite values
/// go to the formatter too.
fn push_fixed(out: &mut String, value: f64, decimals: u32, trim: bool) {
    let scale = 10u64.pow(decimals);
    let scaled = value * scale as f64;
    let (whole, fraction) = (scaled.floor(), scaled - scaled.floor());
    let clear = value.is_sign_positive() && scaled < 1e9 && (fraction - 0.5).abs() > 1e-6;
    if !clear {
        let start = out.len();
        // Writing to a String cannot fail.
        let _ = write!(out, "{value:.*}", decimals as usize);
        if trim && decimals > 0 {
            let kept = out[start..]
                .trim_end_matches('0')
                .trim_end_matches('.')
                .len();
            out.truncate(start + kept);
        }
        return;
    }
    // Below 1e9 and not negative: a whole number of `scale`ths that fits a u64 exactly.
    let n = whole as u64 + u64::from(fraction > 0.5);
    push_uint(out, n / scale);
    if decimals == 0 {
        return;
    }
    let mut fraction = n % scale;
    let mut places = decimals;
    if trim {
        while places > 0 && fraction.is_multiple_of(10) {
            fraction /= 10;
            places -= 1;
        }
        if places == 0 {
            return;
        }
    }
    out.push('.');
    let mut digits = [b'0'; 2];
    for at in (0..places as usize).rev() {
        digits[at] = b'0' + (fraction % 10) as u8;
        fraction /= 10;
    }
    // ASCII digits.
    out.push_str(std::str::from_utf8(&digits[..places as usize]).unwrap_or_default());
}

fn push_int(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_uint(out, n.unsigned_abs());
}

fn push_uint(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // ASCII digits.
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
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

#[cfg(test)]
mod tests;
