//! Editing a big chart re-measures only the cards an edit changed, checked through the real editor: the
//! canvas counts the cards each rebuild measured (a count standing for the cost, not a time).

mod gui_support;

use std::collections::HashMap;

use egui::{Event, Key, Modifiers, PointerButton};
use egui_kittest::kittest::Queryable;
use orgchart::generate::generate;
use orgchart::metrics::{Totals, subtree_totals};
use orgchart::model::{Chart, UnitId};

use gui_support::{card_centre, click_at, drag, editor_with};

/// What a card's figures row is made of, by unit.
fn figures(chart: &Chart) -> HashMap<UnitId, (String, bool)> {
    subtree_totals(chart)
        .into_iter()
        .map(|(id, t): (UnitId, Totals)| {
            let key = format!("{:?} {:?} {}", t.headcount, t.cost, t.has_fte);
            (id, (key, t.estimated))
        })
        .collect()
}

/// A few hundred generated units: the first manager's first report that has no reports itself.
fn chart_and_leaf() -> (Chart, UnitId) {
    let chart = generate(300, 7);
    let forest = chart.forest(true);
    let leaf = (0..forest.len())
        .find(|&i| forest.children[i].is_empty() && forest.parent[i].is_some())
        .map(|i| forest.ids[i].clone())
        .expect("a generated chart has leaves");
    (chart, leaf)
}

#[test]
fn renaming_a_card_in_details_remeasures_only_that_card() {
    let (chart, leaf) = chart_and_leaf();
    let (mut harness, _) = editor_with(chart);
    let at = card_centre(&harness, leaf.as_str());
    click_at(&mut harness, at, PointerButton::Primary);
    assert_eq!(harness.state().selection().primary(), Some(&leaf));
    let builds = harness.state().canvas().cache.builds();

    harness.get_by_label("Name").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.event(Event::Text("Renamed here".to_owned()));
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();

    let state = harness.state();
    assert_eq!(
        state.chart().unit(&leaf).map(|u| u.name.as_str()),
        Some("Renamed here")
    );
    let cache = &state.canvas().cache;
    assert_eq!(cache.builds(), builds + 1, "one rebuild for one edit");
    assert_eq!(cache.remeasured(), 1, "the renamed card, and no other");
    assert!(cache.drawing.texts().contains(&"Renamed here"));
    // The drawing was patched, not built again: one card's shapes painted, and only their bounds worked
    // out again.
    assert_eq!(cache.repainted(), 1, "one card's shapes painted again");
    let card = cache
        .drawing
        .card(&leaf)
        .expect("the renamed card is drawn");
    assert_eq!(cache.rebounded(), card.shapes.len());
    assert!(cache.drawing.shapes.len() > 100 * card.shapes.len());
}

#[test]
fn reparenting_by_drag_remeasures_only_the_cards_whose_figures_changed() {
    let (chart, leaf) = chart_and_leaf();
    // Another manager, away from the leaf's own chain.
    let root = chart.roots()[0].clone();
    let target = chart
        .children(&root)
        .into_iter()
        .rev()
        .find(|m| !chart.is_at_or_above(m, &leaf))
        .cloned()
        .expect("a second branch");
    let before = figures(&chart);
    let (mut harness, _) = editor_with(chart);
    let from = card_centre(&harness, leaf.as_str());
    let to = card_centre(&harness, target.as_str());
    drag(&mut harness, from, to);

    let state = harness.state();
    assert_eq!(
        state.chart().parent(&leaf),
        Some(&target),
        "the drop reparented"
    );
    let after = figures(state.chart());
    let changed = after
        .iter()
        .filter(|(id, figures)| before.get(*id) != Some(*figures))
        .count();
    assert!(changed >= 1, "the new manager's figures changed");
    assert_eq!(state.canvas().cache.remeasured(), changed);
    assert!(
        state.chart().len() > 10 * changed,
        "far fewer than all cards"
    );
}
