use proptest::prelude::*;

use super::*;

/// The writers as they were, through the float formatter: the new ones must write the same bytes.
mod formatter {
    use crate::model::Span;

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
}

/// Figures as charts hold them: whole posts and pounds, halves and quarters (FTE, pence), ties of every
/// rounding step (x.5, x.05, x.005 of the unit shown), any float at all, and the odd negative or infinity.
fn figure() -> impl Strategy<Value = f64> {
    prop_oneof![
        (0u64..2_000_000_000).prop_map(|n| n as f64),
        (0u64..400_000_000).prop_map(|n| n as f64 / 4.0),
        (0u64..100_000_000).prop_map(|n| n as f64 / 100.0),
        (0u64..100_000).prop_map(|n| n as f64 * 1_000.0 + 500.0),
        (0u64..100_000).prop_map(|n| n as f64 * 100_000.0 + 50_000.0),
        (0u64..100_000).prop_map(|n| n as f64 * 10_000.0 + 5_000.0),
        (0u64..1_000).prop_map(|n| n as f64 / 1_000.0 + 0.005),
        (0u64..1_000).prop_map(|n| n as f64 + 0.125),
        any::<f64>(),
        -1e7..1e7f64,
        Just(-0.0),
        Just(f64::INFINITY),
        Just(f64::NAN),
        Just(1e300),
    ]
}

fn span() -> impl Strategy<Value = Span> {
    prop_oneof![
        figure().prop_map(Span::exact),
        (figure(), figure()).prop_map(|(a, b)| Span::range(a, b)),
        (figure(), 0u64..2_000).prop_map(|(a, d)| Span::range(a, a + d as f64)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4_000))]

    #[test]
    fn writers_write_what_the_float_formatter_wrote(span in span(), fte: bool) {
        prop_assert_eq!(count(span), formatter::count(span));
        prop_assert_eq!(headcount(span, fte), formatter::headcount(span, fte));
        prop_assert_eq!(money(span), formatter::money(span));
    }
}

#[test]
fn ties_and_carries_round_as_the_formatter_does() {
    let values = [
        0.0,
        0.5,
        1.5,
        2.5,
        0.125,
        0.375,
        2.675,
        1.005,
        0.995,
        9.995,
        99.995,
        999.5,
        1_500.0,
        2_500.0,
        949_999.0,
        950_000.0,
        99_999.0,
        99_500.0,
        100_000.0,
        149_999.0,
        1_049_999.0,
        1_050_000.0,
        1_250_000.0,
        1_350_000.0,
        9_999_999.0,
        12.345,
        0.005,
        0.015,
        4.445,
    ];
    for &a in &values {
        for &b in &values {
            let span = Span::range(a, b);
            assert_eq!(money(span), formatter::money(span), "{span:?}");
            assert_eq!(count(span), formatter::count(span), "{span:?}");
        }
        let span = Span::exact(a);
        assert_eq!(money(span), formatter::money(span), "{span:?}");
        assert_eq!(headcount(span, false), formatter::headcount(span, false));
    }
}

#[test]
fn examples_read_as_documented() {
    assert_eq!(money(Span::exact(950.0)), "£950");
    assert_eq!(money(Span::exact(98_000.0)), "£98k");
    assert_eq!(money(Span::exact(1_200_000.0)), "£1.2m");
    assert_eq!(money(Span::range(600_000.0, 800_000.0)), "£0.6-0.8m");
    assert_eq!(money(Span::range(40_000.0, 55_000.0)), "£40-55k");
    assert_eq!(money(Span::range(40_100.0, 40_200.0)), "£40k");
    assert_eq!(headcount(Span::range(11.0, 15.0), false), "11-15 posts");
    assert_eq!(headcount(Span::exact(1.0), false), "1 post");
    assert_eq!(headcount(Span::exact(12.5), true), "12.5 FTE");
}
