use super::*;

fn id(s: &str) -> UnitId {
    UnitId::new(s)
}

/// ceo -> (a -> (a1, a2), b)
fn sample() -> Chart {
    let mut chart = Chart::new();
    chart
        .insert_unit(Unit::new("ceo", "Chief Executive"), None, None)
        .unwrap();
    chart
        .insert_unit(Unit::new("a", "A"), Some(&id("ceo")), None)
        .unwrap();
    chart
        .insert_unit(Unit::new("b", "B"), Some(&id("ceo")), None)
        .unwrap();
    chart
        .insert_unit(Unit::new("a1", "A1"), Some(&id("a")), None)
        .unwrap();
    chart
        .insert_unit(Unit::new("a2", "A2"), Some(&id("a")), None)
        .unwrap();
    chart
}

#[test]
fn units_come_in_stable_preorder() {
    let chart = sample();
    let order: Vec<&str> = chart.units().iter().map(|u| u.id.as_str()).collect();
    assert_eq!(order, ["ceo", "a", "a1", "a2", "b"]);
}

#[test]
fn duplicate_and_empty_ids_are_refused() {
    let mut chart = sample();
    assert_eq!(
        chart.insert_unit(Unit::new("a", "again"), None, None),
        Err(ModelError::DuplicateId(id("a")))
    );
    assert_eq!(
        chart.insert_unit(Unit::new(" ", "blank"), None, None),
        Err(ModelError::EmptyId)
    );
    assert_eq!(chart.len(), 5);
}

#[test]
fn cycle_is_refused_with_the_path_and_nothing_changes() {
    let mut chart = sample();
    let before = chart.clone();
    let err = Edit::Reparent {
        id: id("ceo"),
        parent: Some(id("a1")),
        position: None,
    }
    .apply(&mut chart)
    .unwrap_err();
    assert!(matches!(err, ModelError::Cycle { .. }));
    let message = err.to_string();
    assert!(message.contains("ceo → a → a1"), "{message}");
    assert!(message.contains("cycle"), "{message}");
    assert_eq!(chart, before);
}

#[test]
fn self_report_is_refused() {
    let mut chart = sample();
    let err = chart.move_unit(&id("a"), Some(&id("a")), None).unwrap_err();
    assert_eq!(err, ModelError::SelfReport(id("a")));
}

#[test]
fn every_edit_is_undone_by_its_inverse() {
    let original = {
        let mut chart = sample();
        chart
            .add_link(Link::new("b", "a1", LinkKind::Dotted))
            .unwrap();
        chart
    };
    let edits = vec![
        Edit::AddUnit {
            unit: Unit::new("c", "C"),
            parent: Some(id("b")),
            position: Some(0),
        },
        Edit::Reparent {
            id: id("a2"),
            parent: Some(id("b")),
            position: None,
        },
        Edit::Reparent {
            id: id("a"),
            parent: None,
            position: Some(0),
        },
        Edit::UpdateUnit(Box::new(Unit::new("a", "Renamed"))),
        Edit::AddLink(Link::new("a", "b", LinkKind::Contract)),
        Edit::RemoveLink(Link::new("b", "a1", LinkKind::Dotted)),
        Edit::SetPinned {
            id: id("b"),
            pinned: Some(crate::geom::Point::new(5.0, 6.0)),
        },
        Edit::SetCollapsed {
            id: id("a"),
            collapsed: true,
        },
        Edit::remove_subtree(&original, &id("a")).unwrap(),
        Edit::remove_lifting_reports(&original, &id("a")).unwrap(),
    ];
    for edit in edits {
        let mut chart = original.clone();
        let inverse = edit.clone().apply(&mut chart).unwrap();
        assert_ne!(chart, original, "{edit:?} changed nothing");
        let redo = inverse.apply(&mut chart).unwrap();
        assert_eq!(chart, original, "undo of {edit:?}");
        redo.apply(&mut chart).unwrap();
        assert_ne!(chart, original, "redo of {edit:?}");
    }
}

#[test]
fn removing_a_manager_lifts_reports_into_its_place() {
    let mut chart = sample();
    Edit::remove_lifting_reports(&chart, &id("a"))
        .unwrap()
        .apply(&mut chart)
        .unwrap();
    let kids: Vec<&str> = chart
        .children(&id("ceo"))
        .iter()
        .map(|k| k.as_str())
        .collect();
    assert_eq!(kids, ["a1", "a2", "b"]);
}

#[test]
fn failed_batch_rolls_back() {
    let mut chart = sample();
    let before = chart.clone();
    let batch = Edit::Batch(vec![
        Edit::AddUnit {
            unit: Unit::new("x", "X"),
            parent: None,
            position: None,
        },
        Edit::Reparent {
            id: id("ceo"),
            parent: Some(id("a2")),
            position: None,
        },
    ]);
    assert!(batch.apply(&mut chart).is_err());
    assert_eq!(chart, before);
}

#[test]
fn removing_a_manager_with_reports_needs_a_choice() {
    let mut chart = sample();
    assert_eq!(
        Edit::RemoveUnit { id: id("a") }.apply(&mut chart),
        Err(ModelError::HasReports(id("a")))
    );
}

#[test]
fn links_refuse_self_and_duplicates_and_vanish_with_their_unit() {
    let mut chart = sample();
    assert_eq!(
        chart.add_link(Link::new("a", "a", LinkKind::Dotted)),
        Err(ModelError::SelfLink(id("a")))
    );
    chart
        .add_link(Link::new("a1", "b", LinkKind::Dotted))
        .unwrap();
    assert!(matches!(
        chart.add_link(Link::new("a1", "b", LinkKind::Dotted)),
        Err(ModelError::DuplicateLink { .. })
    ));
    chart
        .add_link(Link::new("a1", "b", LinkKind::Contract))
        .unwrap();
    assert_eq!(chart.links().len(), 2);
    chart.remove_leaf(&id("a1")).unwrap();
    assert!(chart.links().is_empty());
}

#[test]
fn forest_hides_collapsed_subtrees_and_counts_them() {
    let mut chart = sample();
    Edit::SetCollapsed {
        id: id("a"),
        collapsed: true,
    }
    .apply(&mut chart)
    .unwrap();
    let full = chart.forest(false);
    let visible = chart.forest(true);
    assert_eq!(full.len(), 5);
    assert_eq!(visible.len(), 3);
    let a = visible.index_of(&id("a")).unwrap();
    assert_eq!(visible.hidden_below[a], 2);
    assert_eq!(full.depths(), vec![0, 1, 2, 2, 1]);
}

/// The forest as a plain walk over the chart's public API builds it, unit by unit.
fn forest_by_plain_walk(chart: &Chart, respect_collapsed: bool) -> Forest {
    let mut forest = Forest::default();
    let mut stack: Vec<(UnitId, Option<usize>)> = chart
        .roots()
        .into_iter()
        .rev()
        .map(|r| (r.clone(), None))
        .collect();
    while let Some((id, parent)) = stack.pop() {
        let unit = chart.unit(&id).unwrap();
        let i = forest.push(id.clone(), parent, unit.placer, unit.staff);
        let kids = chart.children(&id);
        if respect_collapsed && unit.collapsed && !kids.is_empty() {
            forest.hidden_below[i] = chart.subtree(&id).len() - 1;
            continue;
        }
        stack.extend(kids.into_iter().rev().map(|k| (k.clone(), Some(i))));
    }
    forest
}

#[test]
fn the_forest_with_its_units_is_the_plain_walks_forest_with_the_charts_own_ids() {
    // Big enough that ids are copied both inside the walk (after its lag) and at its end; one unit in
    // seven collapsed, and moves so the chart's node order is not its pre-order.
    let mut chart = crate::generate::generate(400, 3);
    let plain = chart.forest(false);
    for (turn, i) in (5..plain.len()).step_by(7).enumerate() {
        let id = plain.ids[i].clone();
        if turn % 2 == 0 {
            Edit::SetCollapsed {
                id,
                collapsed: true,
            }
            .apply(&mut chart)
            .unwrap();
        } else if !chart.is_at_or_above(&id, &plain.ids[1]) {
            chart.move_unit(&id, Some(&plain.ids[1]), Some(0)).unwrap();
        }
    }
    for respect_collapsed in [false, true] {
        let (forest, units) = chart.forest_with_units(respect_collapsed);
        assert_eq!(forest, forest_by_plain_walk(&chart, respect_collapsed));
        assert_eq!(units.len(), forest.len());
        for (id, unit) in forest.ids.iter().zip(&units) {
            assert!(id.is_same(&unit.id), "{id} is a copy of its unit's own id");
        }
    }
    let small = sample();
    assert_eq!(small.forest(true), forest_by_plain_walk(&small, true));
    assert!(Chart::new().forest(true).is_empty());
}

#[test]
fn fresh_ids_do_not_collide() {
    let chart = sample();
    assert_eq!(chart.fresh_id("a"), id("a-2"));
    assert_eq!(chart.fresh_id("z"), id("z"));
}

#[test]
fn moving_a_unit_keeps_a_dotted_link_to_its_old_manager() {
    let mut chart = sample();
    chart
        .add_link(Link::new("a", "a1", LinkKind::Dotted))
        .unwrap();
    chart.move_unit(&id("a1"), Some(&id("b")), None).unwrap();
    assert_eq!(chart.parent(&id("a1")), Some(&id("b")));
    assert_eq!(chart.links(), vec![Link::new("a", "a1", LinkKind::Dotted)]);
    assert!(chart.children(&id("a")).iter().all(|c| c.as_str() != "a1"));
}

/// Top-level units named `0..n`, for reporting lines to be attached to.
fn loose_units(n: usize) -> Chart {
    let mut chart = Chart::new();
    for k in 0..n {
        chart
            .insert_unit(Unit::new(k.to_string(), format!("U{k}")), None, None)
            .unwrap();
    }
    chart
}

fn lines(pairs: &[(&str, &str)]) -> Vec<(UnitId, UnitId)> {
    pairs.iter().map(|(u, m)| (id(u), id(m))).collect()
}

/// What one `move_unit` per line gives: the chart, or the first refused line and its error.
fn one_by_one(mut chart: Chart, lines: &[(UnitId, UnitId)]) -> Result<Chart, (usize, ModelError)> {
    for (k, (unit, manager)) in lines.iter().enumerate() {
        chart
            .move_unit(unit, Some(manager), None)
            .map_err(|err| (k, err))?;
    }
    Ok(chart)
}

#[test]
fn attaching_reports_at_once_gives_what_moving_one_by_one_gives() {
    let cases: [&[(&str, &str)]; 7] = [
        &[("1", "0"), ("2", "0"), ("3", "1"), ("4", "0")],
        // Managers named after their reports, in any order: sibling order follows the lines.
        &[("4", "3"), ("3", "2"), ("2", "1"), ("1", "0")],
        // A cycle closed by the third line; the fourth would be fine but is never reached.
        &[("1", "2"), ("2", "3"), ("3", "1"), ("4", "0")],
        // Two cycles: the one closed first is reported, with its path.
        &[("0", "1"), ("2", "3"), ("3", "2"), ("1", "0")],
        &[("1", "0"), ("2", "nobody"), ("3", "4"), ("4", "3")],
        &[("3", "4"), ("4", "3"), ("2", "nobody")],
        &[("1", "1")],
    ];
    for case in cases {
        let lines = lines(case);
        let mut at_once = loose_units(5);
        let before = at_once.clone();
        let result = at_once.attach_reports(&lines);
        match one_by_one(before.clone(), &lines) {
            Ok(expected) => {
                assert_eq!(result, Ok(()), "{case:?}");
                assert_eq!(at_once, expected, "{case:?}");
                assert_eq!(at_once.units(), expected.units(), "{case:?}");
            }
            Err(expected) => {
                assert_eq!(result, Err(expected), "{case:?}");
                assert_eq!(at_once, before, "a refused load changes nothing: {case:?}");
            }
        }
    }
}

#[test]
fn attaching_a_unit_that_already_reports_falls_back_to_moving_it() {
    let mut chart = sample();
    let lines = lines(&[("a1", "b"), ("a1", "ceo")]);
    let expected = one_by_one(chart.clone(), &lines).unwrap();
    chart.attach_reports(&lines).unwrap();
    assert_eq!(chart, expected);
}

#[test]
fn attaching_a_deep_chain_walks_each_manager_a_bounded_number_of_times() {
    let n = 20_000;
    let mut chart = loose_units(n);
    // Managers first, as the tool writes a chain: one by one, each line walked the whole chain above it.
    let lines: Vec<(UnitId, UnitId)> = (1..n)
        .map(|k| (id(&k.to_string()), id(&(k - 1).to_string())))
        .collect();
    MANAGER_LOOKUPS.with(|c| c.set(0));
    chart.attach_reports(&lines).unwrap();
    let lookups = MANAGER_LOOKUPS.with(|c| c.get());
    assert!(lookups <= 2 * n, "{lookups} manager lookups for {n} units");
    assert_eq!(chart.ancestors(&id(&(n - 1).to_string())).len(), n - 1);
    assert_eq!(chart.roots(), [&id("0")]);
}
