use super::*;
use crate::model::{Cost, Headcount, Link, LinkKind};

fn per_post(amount: Span, on_cost: Option<f64>) -> Cost {
    Cost {
        amount,
        basis: CostBasis::PerPost,
        on_cost_rate: on_cost,
        estimate: false,
    }
}

fn chart() -> Chart {
    let mut chart = Chart::new();
    let director = Unit::new("dir", "Director")
        .with_kind(UnitKind::Post)
        .with_cost(per_post(Span::exact(98_000.0), Some(0.2)));
    chart.insert_unit(director, None, None).unwrap();
    let rm = Unit::new("rm", "Relationship managers")
        .with_headcount(Span::range(11.0, 15.0))
        .with_cost(per_post(Span::exact(40_000.0), None));
    chart
        .insert_unit(rm, Some(&UnitId::new("dir")), None)
        .unwrap();
    let mut fte = Unit::new("fte", "Part-timers");
    fte.headcount = Some(Headcount {
        value: Span::exact(2.5),
        basis: HeadcountBasis::Fte,
    });
    fte.cost = Some(Cost {
        amount: Span::range(50_000.0, 60_000.0),
        basis: CostBasis::Total,
        on_cost_rate: None,
        estimate: true,
    });
    chart
        .insert_unit(fte, Some(&UnitId::new("dir")), None)
        .unwrap();
    chart
        .insert_unit(
            Unit::new("board", "Board").with_kind(UnitKind::Board),
            None,
            None,
        )
        .unwrap();
    chart
        .add_link(Link::new("board", "dir", LinkKind::Dotted))
        .unwrap();
    chart
}

#[test]
fn ranges_add_as_min_and_max_with_on_costs() {
    let totals = chart_totals(&chart());
    assert_eq!(
        totals.headcount,
        Span::range(1.0 + 11.0 + 2.5, 1.0 + 15.0 + 2.5)
    );
    let director = 98_000.0 * 1.2;
    assert_eq!(
        totals.cost,
        Span::range(
            director + 440_000.0 + 50_000.0,
            director + 600_000.0 + 60_000.0
        )
    );
    assert!(totals.estimated);
    assert!(totals.has_fte);
}

#[test]
fn subtree_totals_fold_reports_into_managers() {
    let chart = chart();
    let totals = subtree_totals(&chart);
    assert_eq!(totals[&UnitId::new("dir")].units, 3);
    assert_eq!(
        totals[&UnitId::new("rm")].headcount,
        Span::range(11.0, 15.0)
    );
    assert_eq!(totals[&UnitId::new("board")].headcount, Span::ZERO);
    assert_eq!(
        totals[&UnitId::new("dir")].headcount + Span::ZERO,
        chart_totals(&chart).headcount
    );
}

#[test]
fn figures_count_layers_spans_roots_and_links() {
    let figures = chart_figures(&chart());
    assert_eq!(
        (
            figures.units,
            figures.roots,
            figures.depth,
            figures.max_span,
            figures.links
        ),
        (4, 2, 2, 2, 1)
    );
    let sub = subtree_figures(&chart(), &UnitId::new("dir")).unwrap();
    assert_eq!(
        (sub.units, sub.depth, sub.max_span, sub.links),
        (3, 2, 2, 0)
    );
    assert_eq!(chart_figures(&Chart::new()).depth, 0);
}

#[test]
fn money_and_counts_read_well() {
    use super::format::*;
    assert_eq!(money(Span::exact(98_000.0)), "£98k");
    assert_eq!(money(Span::exact(467_153.75)), "£467k");
    assert_eq!(money(Span::range(600_000.0, 800_000.0)), "£0.6-0.8m");
    assert_eq!(money(Span::exact(1_260_000.0)), "£1.3m");
    assert_eq!(money(Span::range(40_000.0, 55_000.0)), "£40-55k");
    assert_eq!(money_exact(467_153.75), "£467,153.75");
    assert_eq!(money_exact(98_000.0), "£98,000");
    assert_eq!(headcount(Span::range(11.0, 15.0), false), "11-15 posts");
    assert_eq!(headcount(Span::exact(1.0), false), "1 post");
    assert_eq!(headcount(Span::exact(2.5), true), "2.5 FTE");
}
