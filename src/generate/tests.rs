use std::collections::HashSet;

use super::*;
use crate::metrics::chart_figures;

fn statuses(chart: &Chart) -> HashSet<&'static str> {
    chart
        .units()
        .iter()
        .map(|unit| unit.status.name())
        .collect()
}

#[test]
fn makes_exactly_the_number_of_units_asked_for() {
    for units in [0, 1, 2, 3, 7, 40, 41, 500, 5_000] {
        for seed in [1, 2, 99] {
            let chart = generate(units, seed);
            assert_eq!(chart.len(), units, "units {units} seed {seed}");
            assert_eq!(chart.forest(false).len(), units);
        }
    }
}

#[test]
fn same_seed_gives_the_same_chart_and_other_seeds_differ() {
    let first = generate(2_000, 7);
    assert_eq!(first, generate(2_000, 7));
    let text = crate::io::to_ron_string(&first).unwrap();
    assert_eq!(text, crate::io::to_ron_string(&generate(2_000, 7)).unwrap());
    assert_ne!(first, generate(2_000, 8));
}

#[test]
fn shape_has_varied_spans_wide_teams_and_bounded_depth() {
    let chart = generate(20_000, 3);
    let forest = chart.forest(false);
    let spans: Vec<usize> = forest.children.iter().map(Vec::len).collect();
    let depth = forest.depths().into_iter().max().unwrap_or(0) + 1;
    assert!((7..=MAX_LAYERS).contains(&depth), "depth {depth}");
    let managers = spans.iter().filter(|&&s| s > 0).count();
    let single = spans.iter().filter(|&&s| s == 1).count();
    let wide = spans.iter().filter(|&&s| s >= 20).count();
    assert!(
        single * 10 > managers,
        "few managers with one report: {single} of {managers}"
    );
    assert!(wide >= 3, "only {wide} wide teams");
    assert!(
        spans.iter().filter(|&&s| s > 15 && s < 20).count() * 50 < managers,
        "spans between 16 and 19 should be rare"
    );
    assert!(*spans.iter().max().unwrap_or(&0) <= 40);
    // Both shallow and deep leaves.
    let leaf_depths: HashSet<usize> = forest
        .depths()
        .into_iter()
        .enumerate()
        .filter(|(i, _)| forest.children[*i].is_empty())
        .map(|(_, d)| d)
        .collect();
    assert!(leaf_depths.contains(&2) && leaf_depths.contains(&(depth - 1)));
}

#[test]
fn small_charts_have_one_root_and_no_dangling_structure() {
    let chart = generate(30, 5);
    let figures = chart_figures(&chart);
    assert_eq!(figures.roots, 1);
    assert!(figures.depth >= 2);
    let single = generate(1, 5);
    assert_eq!(chart_figures(&single).depth, 1);
}

#[test]
fn figures_mix_exact_ranges_fte_estimates_and_statuses() {
    let chart = generate(5_000, 11);
    let units = chart.units();
    assert!(
        units
            .iter()
            .any(|u| u.headcount.is_some_and(|h| h.value.is_range()))
    );
    assert!(
        units
            .iter()
            .any(|u| u.headcount.is_some_and(|h| h.basis == HeadcountBasis::Fte))
    );
    assert!(
        units
            .iter()
            .any(|u| u.cost.is_some_and(|c| c.amount.is_range()))
    );
    assert!(
        units
            .iter()
            .any(|u| u.cost.is_some_and(|c| c.basis == CostBasis::Total))
    );
    assert!(units.iter().any(|u| u.cost.is_some_and(|c| c.estimate)));
    assert!(units.iter().any(|u| u.cost.is_none()));
    assert!(
        units
            .iter()
            .all(|u| !u.name.is_empty() && !u.grade.is_empty())
    );
    let found = statuses(&chart);
    for status in [
        "In-house",
        "Outsourced",
        "Shared",
        "Vacant",
        "New",
        "To be deleted",
    ] {
        assert!(found.contains(status), "no {status} unit in {found:?}");
    }
    let kinds: HashSet<UnitKind> = units.iter().map(|u| u.kind).collect();
    assert!(kinds.contains(&UnitKind::Directorate) && kinds.contains(&UnitKind::Team));
    assert!(kinds.contains(&UnitKind::Post));
    let figures = chart_figures(&chart);
    assert!(figures.headcount.is_range() && figures.cost.is_range());
    assert!(figures.estimated && figures.has_fte);
}

#[test]
fn outsourced_subtrees_belong_to_their_provider() {
    let chart = generate(5_000, 11);
    for unit in chart.units() {
        if let Some(parent) = chart.parent(&unit.id).and_then(|p| chart.unit(p))
            && let Status::Outsourced { provider } = &parent.status
        {
            assert_eq!(unit.status, parent.status, "{}", unit.id);
            assert_eq!(&unit.organisation, provider);
        }
    }
}

#[test]
fn links_are_a_few_percent_never_self_duplicate_or_beside_a_line() {
    for seed in [1, 2, 3] {
        let chart = generate(5_000, seed);
        let links = chart.links();
        assert!(
            (50..=150).contains(&links.len()),
            "seed {seed}: {} links",
            links.len()
        );
        let mut pairs = HashSet::new();
        for link in &links {
            assert_ne!(link.from, link.to);
            assert_ne!(chart.parent(&link.to), Some(&link.from));
            assert_ne!(chart.parent(&link.from), Some(&link.to));
            let pair = if link.from < link.to {
                (link.from.clone(), link.to.clone())
            } else {
                (link.to.clone(), link.from.clone())
            };
            assert!(
                pairs.insert(pair),
                "two links join {} and {}",
                link.from,
                link.to
            );
        }
        assert!(links.iter().any(|l| l.kind == LinkKind::Dotted));
        assert!(links.iter().any(|l| l.kind == LinkKind::Contract));
        for contract in links.iter().filter(|l| l.kind == LinkKind::Contract) {
            let provider = chart.unit(&contract.to).map(|u| &u.status);
            assert!(matches!(provider, Some(Status::Outsourced { .. })));
        }
    }
}

#[test]
fn survives_a_ron_round_trip() {
    let chart = generate(3_000, 4);
    let text = crate::io::to_ron_string(&chart).unwrap();
    let reloaded = crate::io::from_ron_str(&text, "generated.ron").unwrap();
    assert_eq!(reloaded, chart);
}
