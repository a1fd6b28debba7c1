//! The editor always answers: Escape closes the Find bar and the context menu, the cost field takes what its
//! hint shows and says what is wrong with a number, and a message that no longer holds goes away.

mod gui_support;

use egui::{Event, Key, Modifiers, PointerButton};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use orgchart::app::OrgchartApp;
use orgchart::app::commands::Command;
use orgchart::model::{Chart, CostBasis, Span, Unit, UnitId};

use gui_support::{Dialogs, card_centre, click_at, editor_with, key};

fn chart() -> Chart {
    let mut chart = Chart::new();
    chart
        .insert_unit(Unit::new("ceo", "Chief Executive"), None, None)
        .unwrap();
    chart
        .insert_unit(
            Unit::new("finance", "Finance"),
            Some(&UnitId::new("ceo")),
            None,
        )
        .unwrap();
    chart
}

fn editor() -> (Harness<'static, OrgchartApp>, Dialogs) {
    editor_with(chart())
}

#[test]
fn escape_closes_the_find_bar_even_when_the_focus_is_elsewhere() {
    let (mut harness, _) = editor();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    assert!(
        harness.query_by_label("Previous").is_some(),
        "the Find bar is open"
    );
    // Click a card: the focus leaves the find field.
    let at = card_centre(&harness, "finance");
    click_at(&mut harness, at, PointerButton::Primary);
    assert!(harness.query_by_label("Previous").is_some());
    key(&mut harness, Key::Escape);
    assert!(
        harness.query_by_label("Previous").is_none(),
        "Escape closed it"
    );
}

#[test]
fn escape_closes_the_context_menu() {
    let (mut harness, _) = editor();
    let items = |harness: &Harness<'_, OrgchartApp>| {
        harness.query_all_by_label_contains("Add colleague").count()
    };
    let without_menu = items(&harness);
    let at = card_centre(&harness, "finance");
    click_at(&mut harness, at, PointerButton::Secondary);
    assert!(items(&harness) > without_menu, "the menu is open");
    key(&mut harness, Key::Escape);
    harness.run();
    assert_eq!(items(&harness), without_menu, "Escape closed it");
}

/// Types `text` into the inspector's cost field and leaves it with Enter.
fn enter_cost(harness: &mut Harness<'_, OrgchartApp>, text: &str) {
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Cost a year")
        .click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.event(Event::Text(text.to_owned()));
    harness.run();
    key(harness, Key::Enter);
}

fn finance_cost(harness: &Harness<'_, OrgchartApp>) -> Option<(Span, CostBasis)> {
    harness
        .state()
        .chart()
        .unit(&UnitId::new("finance"))
        .and_then(|unit| unit.cost)
        .map(|cost| (cost.amount, cost.basis))
}

#[test]
fn the_cost_field_takes_what_its_hint_shows_and_explains_bad_numbers() {
    let (mut harness, _) = editor();
    let at = card_centre(&harness, "finance");
    click_at(&mut harness, at, PointerButton::Primary);
    enter_cost(&mut harness, "£40,000 per post");
    assert_eq!(
        finance_cost(&harness),
        Some((Span::exact(40_000.0), CostBasis::PerPost))
    );
    enter_cost(&mut harness, "£1.2m total");
    assert_eq!(
        finance_cost(&harness),
        Some((Span::exact(1_200_000.0), CostBasis::Total))
    );
    enter_cost(&mut harness, "40-55k");
    assert_eq!(
        finance_cost(&harness),
        Some((Span::range(40_000.0, 55_000.0), CostBasis::Total))
    );
    enter_cost(&mut harness, "-5");
    assert!(
        harness.query_by_label_contains("is negative").is_some(),
        "a negative figure is named as such"
    );
    enter_cost(&mut harness, "inf");
    assert!(
        harness
            .query_by_label_contains("'inf' is not a number")
            .is_some()
    );
    assert_eq!(
        finance_cost(&harness),
        Some((Span::range(40_000.0, 55_000.0), CostBasis::Total)),
        "refused input changes nothing"
    );
}

#[test]
fn a_failed_save_message_goes_once_a_save_succeeds() {
    let (mut harness, dialogs) = editor();
    let dir = tempfile::tempdir().unwrap();
    dialogs
        .borrow_mut()
        .save_answers
        .push_back(Some(dir.path().join("no-such-folder").join("x.ron")));
    harness.state_mut().queue(Command::SaveAs);
    harness.run();
    assert!(
        harness
            .state()
            .error_message()
            .is_some_and(|m| m.contains("Could not save")),
        "{:?}",
        harness.state().error_message()
    );
    let good = dir.path().join("x.ron");
    dialogs
        .borrow_mut()
        .save_answers
        .push_back(Some(good.clone()));
    harness.state_mut().queue(Command::SaveAs);
    harness.run();
    assert!(good.exists());
    assert_eq!(
        harness.state().error_message(),
        None,
        "the old failure no longer holds"
    );
    assert!(
        harness
            .state()
            .info_message()
            .is_some_and(|m| m.starts_with("Saved"))
    );
}

#[test]
fn without_a_file_chooser_save_as_and_open_ask_for_a_path_instead() {
    let (mut harness, dialogs) = editor();
    dialogs.borrow_mut().fallback.unavailable = true;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typed.ron");
    harness.state_mut().queue(Command::SaveAs);
    harness.run();
    assert!(
        harness.query_by_label_contains("no file chooser").is_some(),
        "the editor asks for a path instead of doing nothing"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(Event::Text(path.display().to_string()));
    harness.run();
    harness.get_by_label("OK").click();
    harness.run();
    assert!(path.exists(), "saved where typed");
    assert_eq!(harness.state().document().path(), Some(path.as_path()));

    // Open, through the same fallback, in a fresh editor.
    let (mut other, other_dialogs) = editor();
    other_dialogs.borrow_mut().fallback.unavailable = true;
    other.state_mut().queue(Command::New);
    other.run();
    other.state_mut().queue(Command::Open);
    other.run();
    assert!(other.query_by_label_contains("no file chooser").is_some());
    other.key_press_modifiers(Modifiers::COMMAND, Key::A);
    other.event(Event::Text(path.display().to_string()));
    other.run();
    other.get_by_label("OK").click();
    other.run();
    assert_eq!(other.state().document().path(), Some(path.as_path()));
    assert_eq!(other.state().chart().len(), 2);
}

#[test]
fn the_context_menu_offers_the_link_actions_the_readme_promises() {
    let (mut harness, _) = editor();
    // Nothing else selected: the menu says how to make a link rather than leaving the actions out.
    let at = card_centre(&harness, "ceo");
    click_at(&mut harness, at, PointerButton::Secondary);
    assert!(harness.query_by_label("Add a link to here").is_some());
    key(&mut harness, Key::Escape);
    // Select the source, right-click the target: each link kind is there, and it works.
    let at = card_centre(&harness, "finance");
    click_at(&mut harness, at, PointerButton::Primary);
    let at = card_centre(&harness, "ceo");
    click_at(&mut harness, at, PointerButton::Secondary);
    for kind in [
        "dotted / matrix reporting",
        "commissioning / contract",
        "shared service",
    ] {
        assert!(
            harness
                .query_by_label_contains(&format!("Add {kind} from"))
                .is_some(),
            "{kind}"
        );
    }
    harness
        .get_by_label_contains("Add dotted / matrix reporting from")
        .click();
    harness.run();
    let links = harness.state().chart().links();
    assert_eq!(links.len(), 1);
    assert_eq!(
        (links[0].from.as_str(), links[0].to.as_str()),
        ("finance", "ceo")
    );
}
