//! The SVG writer's primitives: numbers, colours and escaped text appended to the one output string.
//! A 100,000-unit chart's SVG holds about four million numbers, so none of these allocates or goes through
//! `core::fmt` on the common path; each writes exactly what the `format!`-based code did before (the tests
//! compare against it).

use std::fmt::Write;

use super::super::drawing::Rgba;

/// Beyond this many hundredths a number is formatted by `core::fmt`. Below it, adding and taking away 2^52
/// rounds a non-negative f64 to an integer with ties to even (the default rounding mode), without a call
/// to the C library's `rint`.
const TWO_POW_52: f64 = 4_503_599_627_370_496.0;

/// Appends `value` with at most two decimals and no trailing zeros (`12`, `12.35`, `0.5`, never `-0`):
/// compact and byte-for-byte what `format!("{value:.2}")` trimmed gives.
pub(super) fn push_num(out: &mut String, value: f32) {
    // An f32 has 24 significant bits and 100 needs 7, so the product is exact in f64, and rounding it to
    // an integer with ties to even is exactly the rounding of `{:.2}` (which works on the exact decimal
    // value of the float and breaks ties to even).
    let scaled = (f64::from(value) * 100.0).abs();
    if scaled.is_nan() || scaled >= TWO_POW_52 {
        push_num_fmt(out, value);
        return;
    }
    let magnitude = ((scaled + TWO_POW_52) - TWO_POW_52) as u64;
    if magnitude == 0 {
        out.push('0');
        return;
    }
    if value < 0.0 {
        out.push('-');
    }
    push_u64(out, magnitude / 100);
    let fraction = (magnitude % 100) as u8;
    if fraction != 0 {
        out.push('.');
        out.push(char::from(b'0' + fraction / 10));
        if !fraction.is_multiple_of(10) {
            out.push(char::from(b'0' + fraction % 10));
        }
    }
}

/// The general path (and the reference the fast path is tested against): infinities, NaN and numbers
/// beyond 2^53 hundredths.
pub(super) fn push_num_fmt(out: &mut String, value: f32) {
    let start = out.len();
    let _ = write!(out, "{value:.2}");
    while out.len() > start && out.ends_with('0') {
        out.pop();
    }
    if out.len() > start && out.ends_with('.') {
        out.pop();
    }
    if &out[start..] == "-0" {
        out.truncate(start);
        out.push('0');
    }
}

fn push_u64(out: &mut String, value: u64) {
    let mut buffer = crate::render::digits::DigitBuffer::default();
    let digits = crate::render::digits::digits(value, &mut buffer);
    out.extend(digits.iter().map(|&d| char::from(d)));
}

/// Appends `#rrggbb`.
pub(super) fn push_hex(out: &mut String, color: Rgba) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    out.push('#');
    for byte in [color.r, color.g, color.b] {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 15)]));
    }
}

/// Whether a byte is written other than as itself: the five XML specials, and the control characters
/// XML 1.0 does not allow at all (dropped rather than written into a broken file).
fn needs_escape(byte: u8) -> bool {
    matches!(byte, b'&' | b'<' | b'>' | b'"' | b'\'')
        || (byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r'))
}

/// Appends `text` escaped for XML text and attribute values; text with nothing to escape (nearly all of
/// a chart's) is copied in one piece.
pub(super) fn push_escaped(out: &mut String, text: &str) {
    // Every byte that needs escaping is ASCII, so cutting the text at one keeps UTF-8 boundaries.
    let mut plain_from = 0;
    for (i, byte) in text.bytes().enumerate() {
        if !needs_escape(byte) {
            continue;
        }
        out.push_str(&text[plain_from..i]);
        plain_from = i + 1;
        out.push_str(match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&apos;",
            _ => "",
        });
    }
    out.push_str(&text[plain_from..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fast(value: f32) -> String {
        let mut out = String::new();
        push_num(&mut out, value);
        out
    }

    fn reference(value: f32) -> String {
        let mut out = String::new();
        push_num_fmt(&mut out, value);
        out
    }

    #[test]
    fn numbers_match_the_formatted_ones() {
        let specials = [
            0.0,
            -0.0,
            0.005,
            -0.005,
            0.015,
            0.125,
            0.375,
            -0.125,
            1.005,
            12.345,
            99.995,
            -99.995,
            1e-9,
            123_456.79,
            16_777_216.0,
            1e10,
            9.0e13,
            9.1e13,
            -9.1e13,
            1e30,
            f32::MAX,
            f32::MIN,
            f32::MIN_POSITIVE,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NAN,
        ];
        for value in specials {
            assert_eq!(fast(value), reference(value), "{value:e}");
        }
        // Every float whose hundredths are exact ties (k/8, k/4) and a spread over all bit patterns.
        for k in -20_000..20_000 {
            let value = k as f32 / 8.0;
            assert_eq!(fast(value), reference(value), "{value}");
        }
        for bits in (0..=u32::MAX).step_by(40_009) {
            let value = f32::from_bits(bits);
            assert_eq!(fast(value), reference(value), "{bits:#x}");
        }
        // Chart coordinates: dense around the numbers a layout produces.
        let mut value = -5_000.0f32;
        while value < 5_000.0 {
            assert_eq!(fast(value), reference(value), "{value}");
            value += 0.0371;
        }
    }

    #[test]
    fn colours_are_lower_case_hex() {
        let mut out = String::new();
        push_hex(&mut out, Rgba::rgb(0x0a, 0xbc, 0xff));
        assert_eq!(out, "#0abcff");
        assert_eq!(out, Rgba::rgb(0x0a, 0xbc, 0xff).hex());
    }

    #[test]
    fn escaping_keeps_plain_text_and_multibyte_characters() {
        let mut out = String::new();
        push_escaped(&mut out, "Café – naïve");
        assert_eq!(out, "Café – naïve");
        out.clear();
        push_escaped(&mut out, "é&ü<\u{1}>\"'\t");
        assert_eq!(out, "é&amp;ü&lt;&gt;&quot;&apos;\t");
    }
}
