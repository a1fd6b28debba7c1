//! The sample charts drawn from the seed documents: they load, they are stored in canonical form, and the
//! Oxfordshire figures add up to the total the source blog published.

use std::path::{Path, PathBuf};

use orgchart::io;
use orgchart::metrics::{self, chart_totals, own_totals};
use orgchart::model::{Chart, LinkKind, Span, Status, UnitId, UnitKind};

const SAMPLES: [&str; 6] = [
    "barnet-nscso-2012",
    "occ-policy-2011-before",
    "occ-policy-2011-after",
    "shared-services-2021-before",
    "shared-services-2021-after",
    "barnet-one-public-sector-2009",
];

/// "Approximately £467,153.75" a year for the new posts including pension (seed 001).
const OCC_PUBLISHED_TOTAL: f64 = 467_153.75;

fn sample_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(format!("{name}.ron"))
}

fn load(name: &str) -> Chart {
    let path = sample_path(name);
    io::load(&path).unwrap_or_else(|err| panic!("{err}"))
}

fn id(text: &str) -> UnitId {
    UnitId::new(text)
}

fn within(value: f64, target: f64, fraction: f64) -> bool {
    (value - target).abs() <= target * fraction
}

#[test]
fn every_sample_loads_and_is_stored_in_canonical_form() {
    for name in SAMPLES {
        let path = sample_path(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let chart = load(name);
        assert!(!chart.is_empty(), "{name} has no units");
        assert!(!chart.title().trim().is_empty(), "{name} has no title");
        let saved = io::to_ron_string(&chart).unwrap();
        assert!(
            saved == text,
            "{name} is not in canonical form; run `ORGCHART_REWRITE_SAMPLES=1 cargo test --test samples -- --ignored`"
        );
    }
}

#[test]
fn every_estimated_figure_explains_its_assumption() {
    for name in SAMPLES {
        for unit in load(name).units() {
            if unit.cost.is_some_and(|cost| cost.estimate) {
                assert!(
                    unit.notes.contains("ASSUMPTION"),
                    "{name}: '{}' has an estimated cost but no stated assumption",
                    unit.id
                );
            }
        }
    }
}

#[test]
fn occ_new_posts_cost_what_the_blog_says_within_two_percent() {
    let after = load("occ-policy-2011-after");
    let new_units: Vec<_> = after
        .units()
        .into_iter()
        .filter(|unit| unit.status == Status::New)
        .collect();
    let headcount: f64 = new_units
        .iter()
        .map(|unit| own_totals(unit).headcount.min)
        .sum();
    assert_eq!(headcount, 2.0 + 3.0 + 3.0 + 2.0);

    // By hand, from the seed's counts and the salaries and pension rate stated as assumptions in the notes.
    let deputies = 2.0 * 98_000.0;
    let officers = 2.0 * 36_000.0 + 3.0 * 29_000.0 + 3.0 * 21_000.0;
    let by_hand = (deputies + officers) * 1.12;

    let new_cost: f64 = new_units
        .iter()
        .map(|unit| {
            let cost = unit.cost.expect("every new OCC post has a cost");
            let posts = unit.headcount.expect("every new OCC post has a headcount");
            assert_eq!(cost.amount.min, cost.amount.max, "{}", unit.id);
            posts.value.min * cost.amount.min * (1.0 + cost.on_cost_rate.unwrap_or(0.0))
        })
        .sum();
    assert!((new_cost - by_hand).abs() < 0.01, "{new_cost} vs {by_hand}");
    assert!(
        within(new_cost, OCC_PUBLISHED_TOTAL, 0.02),
        "new posts cost {new_cost:.2}, the blog says {OCC_PUBLISHED_TOTAL}"
    );
}

#[test]
fn occ_difference_in_metrics_totals_matches_the_blog() {
    let before = chart_totals(&load("occ-policy-2011-before"));
    let after = chart_totals(&load("occ-policy-2011-after"));
    assert!(!before.cost.is_range() && !after.cost.is_range());
    let increase = after.cost.min - before.cost.min;
    assert!(
        within(increase, OCC_PUBLISHED_TOTAL, 0.02),
        "metrics say the cost goes up by {increase:.2}, the blog says {OCC_PUBLISHED_TOTAL}"
    );
    assert!(
        after.estimated,
        "the salaries are assumptions, so totals must say so"
    );
    assert_eq!(after.headcount.min - before.headcount.min, 10.0);
}

#[test]
fn occ_after_keeps_every_unit_of_before_in_the_same_place() {
    let before = load("occ-policy-2011-before");
    let after = load("occ-policy-2011-after");
    for unit in before.units() {
        assert_eq!(after.unit(&unit.id), Some(unit), "{}", unit.id);
        assert_eq!(after.parent(&unit.id), before.parent(&unit.id));
    }
    let groups = ["senior-pp-officers", "pp-officers", "pp-support-officers"];
    for group in groups {
        assert_eq!(after.parent(&id(group)), Some(&id("policy-unit")));
    }
}

#[test]
fn barnet_nscso_has_the_five_core_units_and_the_quoted_counts() {
    let chart = load("barnet-nscso-2012");
    for core in [
        "scb",
        "assurance",
        "commissioning-group",
        "delivery-units",
        "nscso",
    ] {
        assert!(chart.contains(&id(core)), "missing core unit {core}");
    }
    let headcount = |unit: &str| {
        chart
            .unit(&id(unit))
            .and_then(|u| u.headcount)
            .unwrap()
            .value
    };
    assert_eq!(headcount("strategy-experts").max, 6.0);
    assert_eq!(headcount("advisers").max, 5.0);
    assert_eq!(headcount("dcoo-section").max, 40.0);
    let relationship = headcount("relationship-managers");
    assert_eq!((relationship.min, relationship.max), (11.0, 15.0));

    let nscso = chart.unit(&id("nscso")).unwrap();
    assert_eq!(
        nscso.status,
        Status::Outsourced {
            provider: "Capita".into()
        }
    );
    let contracts_from_commissioning = chart
        .links()
        .into_iter()
        .filter(|link| link.kind == LinkKind::Contract)
        .filter(|link| chart.is_at_or_above(&id("commissioning-group"), &link.from))
        .count();
    assert!(contracts_from_commissioning >= 2);
    // The seed gives no money at all, so neither may the sample.
    assert_eq!(chart_totals(&chart).cost.max, 0.0);
}

#[test]
fn shared_services_after_shares_the_chief_executive_directors_ict_and_customer_services() {
    let before = load("shared-services-2021-before");
    let after = load("shared-services-2021-after");
    let councils = vec!["Council A".to_owned(), "Council B".to_owned()];
    let shared = Status::Shared { with: councils };
    for unit in ["shared-ceo", "shared-directors"] {
        assert_eq!(after.unit(&id(unit)).unwrap().status, shared, "{unit}");
        assert!(!before.contains(&id(unit)));
    }
    for service in ["ict", "customer-services"] {
        let (a, b) = (id(&format!("a-{service}")), id(&format!("b-{service}")));
        assert!(before.contains(&a) && before.contains(&b));
        assert_eq!(after.unit(&a).unwrap().status, shared);
        assert!(after.links().iter().any(|link| {
            link.kind == LinkKind::SharedService && link.from == a && link.to == b
        }));
    }
    let ceo = after.unit(&id("shared-ceo")).unwrap();
    assert_eq!(ceo.kind, UnitKind::Post);
}

#[test]
fn barnet_one_public_sector_brings_several_bodies_together() {
    let chart = load("barnet-one-public-sector-2009");
    let organisations: std::collections::BTreeSet<&str> = chart
        .units()
        .into_iter()
        .map(|unit| unit.organisation.as_str())
        .filter(|org| !org.is_empty())
        .collect();
    assert!(organisations.len() >= 3, "{organisations:?}");
    assert!(metrics::chart_figures(&chart).roots >= 2);
}

/// Rewrites the samples in canonical form after a hand edit:
#[test]
fn shared_services_split_by_the_assumed_equal_shares_and_add_up() {
    use orgchart::metrics::organisation_totals;
    for name in ["shared-services-2021-before", "shared-services-2021-after"] {
        let chart = load(name);
        for unit in chart.units() {
            if matches!(unit.status, Status::Shared { .. }) {
                let percents: Vec<f64> = unit.shares.iter().map(|s| s.percent).collect();
                assert_eq!(percents, [50.0, 50.0], "{name}: {}", unit.id);
                assert!(
                    unit.notes.contains("ASSUMPTION") && unit.notes.contains("split equally"),
                    "{name}: {} does not say the split is assumed",
                    unit.id
                );
            }
        }
        let rows = organisation_totals(&chart);
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Council A", "Council B"], "{name}");
        let sum = rows.iter().fold(Span::ZERO, |s, r| s + r.totals.headcount);
        assert_eq!(sum, chart_totals(&chart).headcount, "{name}");
    }
    // Before: each council its own Chief Executive; after: one shared half and half.
    let before = organisation_totals(&load("shared-services-2021-before"));
    let after = organisation_totals(&load("shared-services-2021-after"));
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b.totals.headcount, Span::exact(1.0), "{}", b.name);
        assert_eq!(a.totals.headcount, Span::exact(0.5), "{}", a.name);
        assert_eq!(a.shared_units, 7, "{}", a.name);
    }
}

/// `ORGCHART_REWRITE_SAMPLES=1 cargo test --test samples -- --ignored`.
#[test]
#[ignore]
fn rewrite_samples_in_canonical_form() {
    if std::env::var_os("ORGCHART_REWRITE_SAMPLES").is_none() {
        return;
    }
    for name in SAMPLES {
        let chart = load(name);
        io::save(&chart, &sample_path(name)).unwrap();
    }
}
