use super::*;
use crate::model::{Cost, CostBasis, LinkKind, Status, Unit, UnitKind};

fn id(text: &str) -> UnitId {
    UnitId::new(text)
}

fn per_post(amount: f64, on_cost: Option<f64>) -> Cost {
    Cost {
        amount: Span::exact(amount),
        basis: CostBasis::PerPost,
        on_cost_rate: on_cost,
        estimate: false,
    }
}

fn add(chart: &mut Chart, unit: Unit, parent: Option<&str>) {
    chart
        .insert_unit(unit, parent.map(id).as_ref(), None)
        .unwrap();
}

/// Council: chief executive over policy (with a senior officer), finance and HR; policy has a dotted line to
/// finance.
fn before() -> Chart {
    let mut chart = Chart::new();
    chart.set_title("Before");
    add(
        &mut chart,
        Unit::new("ceo", "Chief Executive")
            .with_kind(UnitKind::Post)
            .with_role("Head of paid service")
            .with_organisation("Council")
            .with_cost(per_post(150_000.0, Some(0.2))),
        None,
    );
    add(
        &mut chart,
        Unit::new("pol", "Policy Unit")
            .with_headcount(Span::exact(3.0))
            .with_cost(per_post(40_000.0, Some(0.2))),
        Some("ceo"),
    );
    add(
        &mut chart,
        Unit::new("spo", "Senior Policy Officer")
            .with_kind(UnitKind::Post)
            .with_cost(per_post(50_000.0, None)),
        Some("pol"),
    );
    add(
        &mut chart,
        Unit::new("fin", "Finance").with_headcount(Span::exact(5.0)),
        Some("ceo"),
    );
    add(
        &mut chart,
        Unit::new("hr", "HR").with_headcount(Span::exact(2.0)),
        Some("ceo"),
    );
    chart
        .add_link(Link::new("pol", "fin", LinkKind::Dotted))
        .unwrap();
    chart
}

/// Policy renamed and grown; the senior officer now reports to finance, which is outsourced; HR gone;
/// a communications team added with a range of posts; the dotted line replaced by a contract.
fn after() -> Chart {
    let mut chart = Chart::new();
    chart.set_title("After");
    add(
        &mut chart,
        Unit::new("ceo", "Chief Executive")
            .with_kind(UnitKind::Post)
            .with_role("Head of paid service")
            .with_organisation("Council")
            .with_cost(per_post(150_000.0, Some(0.2))),
        None,
    );
    add(
        &mut chart,
        Unit::new("pol", "Policy and Performance Unit")
            .with_headcount(Span::exact(5.0))
            .with_cost(per_post(40_000.0, Some(0.2))),
        Some("ceo"),
    );
    add(
        &mut chart,
        Unit::new("fin", "Finance")
            .with_headcount(Span::exact(5.0))
            .with_status(Status::Outsourced {
                provider: "Capita".into(),
            }),
        Some("ceo"),
    );
    add(
        &mut chart,
        Unit::new("spo", "Senior Policy Officer")
            .with_kind(UnitKind::Post)
            .with_cost(per_post(55_000.0, None)),
        Some("fin"),
    );
    add(
        &mut chart,
        Unit::new("comms", "Communications").with_headcount(Span::range(2.0, 4.0)),
        Some("ceo"),
    );
    chart
        .add_link(Link::new("ceo", "fin", LinkKind::Contract))
        .unwrap();
    chart
}

fn labels(diff: &ChartDiff) -> Vec<(String, &'static str)> {
    diff.changes
        .iter()
        .map(|c| (c.id.to_string(), c.kind.label()))
        .collect()
}

#[test]
fn units_with_the_same_id_are_matched_and_every_aspect_reported() {
    let diff = diff(&before(), &after());
    assert!(
        diff.matches
            .iter()
            .all(|m| !m.guessed && m.before == m.after)
    );
    assert_eq!(diff.matches.len(), 4);
    let expected: Vec<(String, &str)> = [
        ("pol", "renamed"),
        ("pol", "changed"),
        ("fin", "changed"),
        ("spo", "moved"),
        ("spo", "changed"),
        ("comms", "added"),
        ("hr", "removed"),
        ("pol", "link removed"),
        ("ceo", "link added"),
    ]
    .iter()
    .map(|(i, l)| (i.to_string(), *l))
    .collect();
    assert_eq!(labels(&diff), expected);
    let moved = diff.changes_labelled("moved").next().unwrap();
    assert_eq!(
        moved.kind,
        ChangeKind::Moved {
            from: Some(id("pol")),
            to: Some(id("fin"))
        }
    );
    let fin = diff
        .changes
        .iter()
        .find(|c| c.id == id("fin") && c.kind.label() == "changed")
        .unwrap();
    let ChangeKind::Changed { fields } = &fin.kind else {
        panic!("{fin:?}")
    };
    assert_eq!(fields.len(), 1);
    assert_eq!(fields[0].field, Field::Status);
    assert_eq!(
        (fields[0].before.as_str(), fields[0].after.as_str()),
        ("In-house", "Outsourced: Capita")
    );
    let pol = diff
        .changes
        .iter()
        .find(|c| c.id == id("pol") && c.kind.label() == "changed")
        .unwrap();
    assert_eq!(
        pol.kind,
        ChangeKind::Changed {
            fields: vec![FieldChange {
                field: Field::Headcount,
                before: "3 posts".into(),
                after: "5 posts".into()
            }]
        }
    );
}

#[test]
fn totals_add_up_each_side_with_on_costs_and_ranges() {
    let diff = diff(&before(), &after());
    // Before: ceo 1 post at 150k+20%, policy 3 at 40k+20%, senior officer 1 at 50k, finance 5, HR 2.
    let cost_before = 150_000.0 * 1.2 + 3.0 * 40_000.0 * 1.2 + 50_000.0;
    assert_eq!(
        diff.totals.before.headcount,
        Span::exact(1.0 + 3.0 + 1.0 + 5.0 + 2.0)
    );
    assert!((diff.totals.before.cost.min - cost_before).abs() < 0.01);
    // After: policy 5 posts, senior officer at 55k, communications 2-4 posts, no HR.
    let cost_after = 150_000.0 * 1.2 + 5.0 * 40_000.0 * 1.2 + 55_000.0;
    assert_eq!(
        diff.totals.after.headcount,
        Span::range(1.0 + 5.0 + 5.0 + 1.0 + 2.0, 1.0 + 5.0 + 5.0 + 1.0 + 4.0)
    );
    assert!((diff.totals.after.cost.max - cost_after).abs() < 0.01);
    assert_eq!(diff.totals.headcount_change(), Span::range(2.0, 4.0));
    assert!((diff.totals.cost_change().min - (cost_after - cost_before)).abs() < 0.01);
}

#[test]
fn per_top_level_totals_follow_the_units_under_the_single_root() {
    let diff = diff(&before(), &after());
    let rows: Vec<(&str, bool, bool, f64, f64)> = diff
        .per_top_level
        .iter()
        .map(|r| {
            (
                r.id.as_str(),
                r.in_before,
                r.in_after,
                r.totals.before.headcount.max,
                r.totals.after.headcount.max,
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("pol", true, true, 4.0, 5.0),
            ("fin", true, true, 5.0, 6.0),
            ("comms", false, true, 0.0, 4.0),
            ("hr", true, false, 2.0, 0.0),
        ]
    );
}

#[test]
fn a_chart_compared_with_itself_has_no_changes() {
    let chart = before();
    let diff = diff(&chart, &chart);
    assert!(diff.is_empty(), "{:?}", diff.changes);
    assert_eq!(diff.totals.headcount_change(), Span::ZERO);
    assert_eq!(diff.matches.len(), chart.len());
}

/// The same structure drawn again with new ids and cosmetic differences in the names.
fn redrawn(chart: &Chart, prefix: &str) -> Chart {
    let mut out = Chart::new();
    for unit in chart.units() {
        let mut copy = unit.clone();
        copy.id = UnitId::new(format!("{prefix}{}", unit.id));
        copy.name = format!("  {}. ", unit.name.to_uppercase().replace(" and ", " & "));
        let parent = chart
            .parent(&unit.id)
            .map(|p| UnitId::new(format!("{prefix}{p}")));
        out.insert_unit(copy, parent.as_ref(), None).unwrap();
    }
    out
}

#[test]
fn charts_drawn_separately_are_matched_on_names_and_the_guesses_said() {
    let before = before();
    let after = redrawn(&after(), "new-");
    let diff = diff(&before, &after);
    let guessed: Vec<(&str, &str, MatchBasis)> = diff
        .matches
        .iter()
        .map(|m| (m.before.as_str(), m.after.as_str(), m.basis))
        .collect();
    assert!(diff.matches.iter().all(|m| m.guessed));
    // Policy was renamed, so nothing vouches for it; the senior officer moved but is unique in the council.
    assert_eq!(
        guessed,
        vec![
            ("ceo", "new-ceo", MatchBasis::NameAndRole),
            ("fin", "new-fin", MatchBasis::NameAndRole),
            ("spo", "new-spo", MatchBasis::UniqueNameAndRole),
        ]
    );
    assert_eq!(diff.ids("added"), vec![&id("new-pol"), &id("new-comms")]);
    assert_eq!(diff.ids("removed"), vec![&id("pol"), &id("hr")]);
    let moved = diff.changes_labelled("moved").next().unwrap();
    assert_eq!(moved.before_id, Some(id("spo")));
    assert_eq!(
        moved.kind,
        ChangeKind::Moved {
            from: Some(id("pol")),
            to: Some(id("new-fin"))
        }
    );
    // Case, spacing and punctuation are not a rename.
    assert!(diff.ids("renamed").is_empty());
}

#[test]
fn guessing_can_be_turned_off() {
    let before = before();
    let after = redrawn(&before, "x-");
    let options = DiffOptions {
        guess_matches: false,
    };
    let diff = diff_with(&before, &after, &options);
    assert!(diff.matches.is_empty());
    assert_eq!(diff.ids("added").len(), before.len());
    assert_eq!(diff.ids("removed").len(), before.len());
}

#[test]
fn a_renamed_role_is_matched_by_name_under_the_same_manager() {
    let before = before();
    let mut after = redrawn(&before, "x-");
    let mut ceo = after.unit(&id("x-ceo")).unwrap().clone();
    let mut spo = after.unit(&id("x-spo")).unwrap().clone();
    ceo.role = "Managing Director".into();
    spo.role = "Lead officer".into();
    after.replace_unit(ceo).unwrap();
    after.replace_unit(spo).unwrap();
    let diff = diff(&before, &after);
    let basis = |after_id: &str| {
        diff.matches
            .iter()
            .find(|m| m.after == id(after_id))
            .map(|m| m.basis)
    };
    assert_eq!(basis("x-ceo"), Some(MatchBasis::NameUnderSameManager));
    assert_eq!(basis("x-pol"), Some(MatchBasis::NameAndRole));
    assert_eq!(basis("x-spo"), Some(MatchBasis::NameUnderSameManager));
    assert_eq!(diff.matches.len(), before.len());
    assert!(diff.ids("added").is_empty());
}

#[test]
fn identical_names_pair_up_in_chart_order() {
    let mut before = Chart::new();
    let mut after = Chart::new();
    for (chart, prefix) in [(&mut before, "b"), (&mut after, "a")] {
        add(chart, Unit::new(format!("{prefix}-root"), "Team"), None);
        for n in 0..3 {
            let unit = Unit::new(format!("{prefix}-{n}"), "Officer").with_role(format!("{n}"));
            add(chart, unit, Some(&format!("{prefix}-root")));
        }
        add(
            chart,
            Unit::new(format!("{prefix}-x1"), "Clerk"),
            Some(&format!("{prefix}-root")),
        );
        add(
            chart,
            Unit::new(format!("{prefix}-x2"), "Clerk"),
            Some(&format!("{prefix}-root")),
        );
    }
    let diff = diff(&before, &after);
    let pairs: Vec<(&str, &str)> = diff
        .matches
        .iter()
        .map(|m| (m.before.as_str(), m.after.as_str()))
        .collect();
    assert_eq!(
        pairs,
        vec![
            ("b-root", "a-root"),
            ("b-0", "a-0"),
            ("b-1", "a-1"),
            ("b-2", "a-2"),
            ("b-x1", "a-x1"),
            ("b-x2", "a-x2"),
        ]
    );
}

#[test]
fn top_level_units_of_different_organisations_are_not_confused() {
    let mut before = Chart::new();
    add(
        &mut before,
        Unit::new("a", "Customer Services").with_organisation("North Council"),
        None,
    );
    let mut after = Chart::new();
    add(
        &mut after,
        Unit::new("b", "Customer Services").with_organisation("South Council"),
        None,
    );
    let diff = diff(&before, &after);
    assert!(diff.matches.is_empty());
    assert_eq!(
        labels(&diff),
        vec![("b".into(), "added"), ("a".into(), "removed")]
    );
}

#[test]
fn normalising_ignores_case_punctuation_and_spacing() {
    use super::matching::normalise;
    assert_eq!(
        normalise("  Policy & Performance  Unit. "),
        "policy and performance unit"
    );
    assert_eq!(
        normalise("Chief Executive's Office"),
        "chief executives office"
    );
    assert_eq!(normalise("ICT/Digital"), "ict digital");
    assert_eq!(normalise("..."), "");
}

#[test]
fn a_relabelled_link_is_one_change() {
    let before = before();
    let mut after = before.clone();
    let mut link = Link::new("pol", "fin", LinkKind::Dotted);
    after.remove_link(&link).unwrap();
    link.label = "budget advice".into();
    after.add_link(link).unwrap();
    let diff = diff(&before, &after);
    assert_eq!(labels(&diff), vec![("pol".into(), "link changed")]);
}

#[test]
fn merged_chart_keeps_removed_units_where_they_were_and_marks_everything() {
    let (before, after) = (before(), after());
    let diff = diff(&before, &after);
    let merged = merged(&before, &after, &diff);
    let order: Vec<&str> = merged.chart.units().iter().map(|u| u.id.as_str()).collect();
    // HR came after finance under the chief executive; communications is new at the end.
    assert_eq!(order, vec!["ceo", "pol", "fin", "spo", "hr", "comms"]);
    assert_eq!(merged.chart.parent(&id("hr")), Some(&id("ceo")));
    assert_eq!(
        merged.chart.links().len(),
        2,
        "removed link kept beside the new one"
    );
    let kind = |unit: &str| merged.marks[&id(unit)].kind;
    assert_eq!(kind("ceo"), MarkKind::Unchanged);
    assert_eq!(kind("pol"), MarkKind::Changed);
    assert_eq!(kind("fin"), MarkKind::Changed);
    assert_eq!(kind("spo"), MarkKind::Moved);
    assert_eq!(kind("hr"), MarkKind::Removed);
    assert_eq!(kind("comms"), MarkKind::Added);
    let spo = &merged.marks[&id("spo")];
    assert!(spo.moved && spo.changed && !spo.renamed);
    assert_eq!(
        spo.details,
        vec![
            "Moved from Policy and Performance Unit to Finance".to_owned(),
            "Cost: £50,000 per post -> £55,000 per post".to_owned()
        ]
    );
    assert_eq!(merged.marks.len(), merged.chart.len());
    assert_eq!(merged.render_marks().len(), 5);
}

#[test]
fn merged_chart_puts_a_removed_subtree_back_whole() {
    let before = before();
    let mut after = before.clone();
    after.remove_leaf(&id("spo")).unwrap();
    after
        .remove_link(&Link::new("pol", "fin", LinkKind::Dotted))
        .unwrap();
    after.remove_leaf(&id("pol")).unwrap();
    let diff = diff(&before, &after);
    assert_eq!(diff.ids("removed"), vec![&id("pol"), &id("spo")]);
    let merged = merged(&before, &after, &diff);
    assert_eq!(
        merged.chart, before,
        "everything removed comes back in place"
    );
}

/// A chain `n` deep: `prefix0` at the top, each next unit reporting to the one before.
fn chain(n: usize, prefix: &str, role: impl Fn(usize) -> String) -> Chart {
    let mut chart = Chart::new();
    for k in 0..n {
        let parent = (k > 0).then(|| id(&format!("{prefix}{}", k - 1)));
        chart
            .insert_unit(
                Unit::new(format!("{prefix}{k}"), format!("Team {}", k % 7)).with_role(role(k)),
                parent.as_ref(),
                None,
            )
            .unwrap();
    }
    chart
}

#[test]
fn matching_two_deep_chains_by_name_looks_at_each_unit_a_bounded_number_of_times() {
    let n = 20_000;
    let before = chain(n, "b", |_| "Officer".to_owned());
    // Every role differs, so each level is matched by name under its matched manager, one level at a time:
    // whole sweeps of both charts per level made this quadratic.
    let after = chain(n, "a", |k| format!("Role {k}"));
    super::matching::LOOKED_AT.with(|c| c.set(0));
    let diff = diff(&before, &after);
    let looked_at = super::matching::LOOKED_AT.with(|c| c.get());
    assert!(looked_at <= 12 * n, "{looked_at} units looked at for {n}");
    assert_eq!(diff.matches.len(), n);
    assert!(
        diff.matches
            .iter()
            .all(|m| m.before.as_str()[1..] == m.after.as_str()[1..])
    );
    assert_eq!(diff.matches[1].basis, MatchBasis::NameUnderSameManager);
}
