//! The editor driven as a user drives it: clicks on toolbar buttons found by their labels, keys, and pointer
//! drags on the canvas, with the model checked afterwards. File dialogs are answered by `ScriptedDialogs`,
//! the seam that replaces the native ones.

use std::path::PathBuf;

mod gui_support;

use egui::{Event, Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use orgchart::app::OrgchartApp;
use orgchart::app::dialogs::Modal;
use orgchart::model::{Chart, Unit, UnitId};

use gui_support::{
    Dialogs, card_centre, click_button, click_view_item, drag, editor_with, id, is_library_svg,
    key, press,
};

/// ceo → finance (→ payroll, audit), ceo → operations (→ fleet), and a lone "board".
fn small_chart() -> Chart {
    let mut chart = Chart::new();
    chart.set_title("Test body");
    let add = |chart: &mut Chart, unit: &str, name: &str, parent: Option<&str>| {
        chart
            .insert_unit(Unit::new(unit, name), parent.map(id).as_ref(), None)
            .unwrap();
    };
    add(&mut chart, "ceo", "Chief Executive", None);
    add(&mut chart, "finance", "Finance", Some("ceo"));
    add(&mut chart, "payroll", "Payroll", Some("finance"));
    add(&mut chart, "audit", "Internal Audit", Some("finance"));
    add(&mut chart, "operations", "Operations", Some("ceo"));
    add(&mut chart, "fleet", "Fleet", Some("operations"));
    add(&mut chart, "board", "Board", None);
    chart
}

fn editor() -> (Harness<'static, OrgchartApp>, Dialogs) {
    editor_with(small_chart())
}

fn click_at(harness: &mut Harness<'_, OrgchartApp>, at: Pos2) {
    harness.hover_at(at);
    harness.run();
    press(harness, at, true);
    press(harness, at, false);
    harness.run();
}

fn click_card(harness: &mut Harness<'_, OrgchartApp>, unit: &str) {
    let at = card_centre(harness, unit);
    click_at(harness, at);
    assert_eq!(
        harness.state().selection().primary(),
        Some(&id(unit)),
        "clicking the card selects it"
    );
}

fn command_key(harness: &mut Harness<'_, OrgchartApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

fn type_text(harness: &mut Harness<'_, OrgchartApp>, text: &str) {
    harness.event(Event::Text(text.to_owned()));
    harness.run();
}

fn names_under(chart: &Chart, parent: &str) -> Vec<String> {
    chart
        .children(&id(parent))
        .into_iter()
        .map(|c| chart.unit(c).unwrap().name.clone())
        .collect()
}

#[test]
fn tab_adds_a_report_that_is_renamed_in_place() {
    let (mut harness, _) = editor();
    click_card(&mut harness, "operations");
    key(&mut harness, Key::Tab);
    let new_id = harness
        .state()
        .selection()
        .primary()
        .cloned()
        .expect("the new unit is selected");
    assert_eq!(
        harness.state().chart().parent(&new_id),
        Some(&id("operations"))
    );
    // The name field opens with the placeholder selected, so typing replaces it.
    type_text(&mut harness, "Transport Planning");
    key(&mut harness, Key::Enter);
    let chart = harness.state().chart();
    assert_eq!(chart.unit(&new_id).unwrap().name, "Transport Planning");
    assert_eq!(
        names_under(chart, "operations"),
        ["Fleet", "Transport Planning"]
    );
    assert_eq!(chart.len(), 8);
}

#[test]
fn toolbar_button_adds_a_unit_and_f2_renames_it() {
    let (mut harness, _) = editor();
    click_card(&mut harness, "finance");
    // With a card selected, the toolbar's add button reads "Add report".
    click_button(&mut harness, "Add report");
    let new_id = harness.state().selection().primary().cloned().unwrap();
    assert_eq!(
        harness.state().chart().parent(&new_id),
        Some(&id("finance"))
    );
    key(&mut harness, Key::Enter);
    assert_eq!(
        harness.state().chart().unit(&new_id).unwrap().name,
        "New unit"
    );
    key(&mut harness, Key::F2);
    type_text(&mut harness, "Procurement");
    key(&mut harness, Key::Enter);
    assert_eq!(
        harness.state().chart().unit(&new_id).unwrap().name,
        "Procurement"
    );
    // Escape cancels a rename.
    key(&mut harness, Key::F2);
    type_text(&mut harness, "Something else");
    key(&mut harness, Key::Escape);
    assert_eq!(
        harness.state().chart().unit(&new_id).unwrap().name,
        "Procurement"
    );
}

#[test]
fn dropping_a_card_on_another_changes_its_manager() {
    let (mut harness, _) = editor();
    assert_eq!(
        harness.state().chart().parent(&id("payroll")),
        Some(&id("finance"))
    );
    let from = card_centre(&harness, "payroll");
    let to = card_centre(&harness, "operations");
    drag(&mut harness, from, to);
    let chart = harness.state().chart();
    assert_eq!(chart.parent(&id("payroll")), Some(&id("operations")));
    assert_eq!(names_under(chart, "finance"), ["Internal Audit"]);
    assert!(harness.state().error_message().is_none());
}

#[test]
fn dropping_a_card_on_its_own_report_is_refused_with_a_message() {
    let (mut harness, _) = editor();
    let before = harness.state().chart().clone();
    let from = card_centre(&harness, "finance");
    let to = card_centre(&harness, "payroll");
    drag(&mut harness, from, to);
    assert_eq!(harness.state().chart(), &before, "nothing changes");
    assert!(!harness.state().document().can_undo());
    let message = harness.state().error_message().expect("a visible message");
    assert!(
        message.contains("'Finance' cannot report to 'Payroll'"),
        "{message}"
    );
    // The message is on screen, not only in the state.
    assert!(
        harness
            .query_by_label_contains("cannot report to")
            .is_some()
    );
}

#[test]
fn dragging_a_card_to_empty_space_moves_its_subtree_and_pins_it() {
    let (mut harness, _) = editor();
    let finance = harness.state().card_screen_rect(&id("finance")).unwrap();
    let payroll_before = card_centre(&harness, "payroll");
    let audit_before = card_centre(&harness, "audit");
    let ceo_before = card_centre(&harness, "ceo");
    // Down and to the left, below the chart, where there is no card.
    let from = finance.center();
    let to = from + egui::vec2(-60.0, finance.height() * 3.5);
    assert!(
        harness.state().canvas().view.canvas.contains(to),
        "the drop point is on the canvas"
    );
    drag(&mut harness, from, to);
    let chart = harness.state().chart();
    assert_eq!(
        chart.parent(&id("finance")),
        Some(&id("ceo")),
        "same manager"
    );
    assert!(
        chart.unit(&id("finance")).unwrap().pinned.is_some(),
        "pinned"
    );
    let moved = to - from;
    for (unit, before) in [
        ("finance", from),
        ("payroll", payroll_before),
        ("audit", audit_before),
    ] {
        let after = card_centre(&harness, unit);
        assert!(
            (after - (before + moved)).length() < 2.0,
            "{unit} followed the drag: {before:?} -> {after:?}, expected moved by {moved:?}"
        );
    }
    assert!((card_centre(&harness, "ceo") - ceo_before).length() < 0.5);
    // The whole drag is one undo step.
    assert_eq!(
        harness.state().document().undo_label(),
        Some("Move 'Finance'")
    );
}

#[test]
fn undo_and_redo_by_keyboard_treat_a_whole_drag_as_one_step() {
    let (mut harness, _) = editor();
    let original = harness.state().chart().clone();
    let from = card_centre(&harness, "fleet");
    let to = card_centre(&harness, "finance");
    drag(&mut harness, from, to);
    let moved = harness.state().chart().clone();
    assert_eq!(moved.parent(&id("fleet")), Some(&id("finance")));

    command_key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        harness.state().chart(),
        &original,
        "one Ctrl+Z undoes the drag"
    );
    assert!(!harness.state().document().can_undo());

    command_key(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(harness.state().chart(), &moved, "Ctrl+Shift+Z redoes it");

    command_key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().chart(), &original);
    command_key(&mut harness, Modifiers::COMMAND, Key::Y);
    assert_eq!(harness.state().chart(), &moved, "Ctrl+Y redoes too");

    // The toolbar buttons do the same.
    click_button(&mut harness, "Undo");
    assert_eq!(harness.state().chart(), &original);
    click_button(&mut harness, "Redo");
    assert_eq!(harness.state().chart(), &moved);
}

#[test]
fn collapsing_hides_the_subtree_and_survives_save_and_reload() {
    let (mut harness, dialogs) = editor();
    click_card(&mut harness, "finance");
    key(&mut harness, Key::Space);
    assert!(
        harness
            .state()
            .chart()
            .unit(&id("finance"))
            .unwrap()
            .collapsed
    );
    assert!(harness.state().card_screen_rect(&id("payroll")).is_none());
    assert!(harness.state().card_screen_rect(&id("audit")).is_none());
    assert!(harness.state().card_screen_rect(&id("fleet")).is_some());

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("collapsed.ron");
    dialogs
        .borrow_mut()
        .save_answers
        .push_back(Some(path.clone()));
    command_key(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(path.exists());
    let reloaded = orgchart::io::load(&path).unwrap();
    assert!(reloaded.unit(&id("finance")).unwrap().collapsed);

    // Reopened in a fresh editor, the subtree is still folded away.
    let (reopened, _) = editor_with(reloaded);
    assert!(reopened.state().card_screen_rect(&id("finance")).is_some());
    assert!(reopened.state().card_screen_rect(&id("payroll")).is_none());

    // Space again opens it.
    key(&mut harness, Key::Space);
    assert!(
        !harness
            .state()
            .chart()
            .unit(&id("finance"))
            .unwrap()
            .collapsed
    );
    assert!(harness.state().card_screen_rect(&id("payroll")).is_some());
}

#[test]
fn find_highlights_matches_and_enter_selects_and_centres_the_next() {
    let (mut harness, _) = editor();
    // Zoom in so centring has to move the view.
    for _ in 0..4 {
        key(&mut harness, Key::Plus);
    }
    command_key(&mut harness, Modifiers::COMMAND, Key::F);
    type_text(&mut harness, "a");
    // Names and ids are searched: all but "Chief Executive" (ceo) and "Fleet" contain an "a".
    let expected: Vec<UnitId> = ["finance", "payroll", "audit", "operations", "board"]
        .map(id)
        .to_vec();
    let mut matches = harness.state().find_matches().to_vec();
    matches.sort();
    let mut sorted = expected.clone();
    sorted.sort();
    assert_eq!(matches, sorted);
    assert!(harness.query_by_label_contains("5 found").is_some());

    key(&mut harness, Key::Enter);
    let first = harness.state().selection().primary().cloned().unwrap();
    assert!(expected.contains(&first));
    let canvas = harness.state().canvas().view.canvas;
    let centre = card_centre(&harness, first.as_str());
    assert!(
        (centre - canvas.center()).length() < 2.0,
        "the match is centred: {centre:?} vs {:?}",
        canvas.center()
    );
    key(&mut harness, Key::Enter);
    let second = harness.state().selection().primary().cloned().unwrap();
    assert_ne!(first, second, "Enter moves on to the next match");
    assert!(expected.contains(&second));
    assert!((card_centre(&harness, second.as_str()) - canvas.center()).length() < 2.0);
    assert!(harness.query_by_label_contains("2 of 5").is_some());

    // Narrowing the text narrows the matches.
    type_text(&mut harness, "u");
    assert_eq!(harness.state().find_matches(), &[id("audit")]);
}

#[test]
fn save_through_the_dialog_seam_and_reopen_gives_an_equal_chart() {
    let (mut harness, dialogs) = editor();
    // An edit first, so the saved chart is not just what the test built.
    let from = card_centre(&harness, "audit");
    let to = card_centre(&harness, "ceo");
    drag(&mut harness, from, to);
    assert_eq!(
        harness.state().chart().parent(&id("audit")),
        Some(&id("ceo"))
    );
    assert!(harness.state().window_title().starts_with('•'));

    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("saved.ron");
    dialogs
        .borrow_mut()
        .save_answers
        .push_back(Some(path.clone()));
    click_button(&mut harness, "Save");
    assert!(
        dialogs
            .borrow()
            .asked
            .iter()
            .any(|a| a.starts_with("save: "))
    );
    assert!(path.exists(), "saved to the path the dialog gave");
    assert!(!harness.state().document().is_dirty());
    assert!(harness.state().window_title().starts_with("saved.ron"));
    let saved = harness.state().chart().clone();

    // Change the open chart, then open the saved file: unsaved changes are asked about first.
    click_card(&mut harness, "board");
    key(&mut harness, Key::Delete);
    assert!(!harness.state().chart().contains(&id("board")));
    dialogs
        .borrow_mut()
        .open_answers
        .push_back(Some(path.clone()));
    click_button(&mut harness, "Open");
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::ConfirmDiscard { .. })
    ));
    click_button(&mut harness, "Don't save");
    assert!(harness.state().modal().is_none());
    assert_eq!(
        harness.state().chart(),
        &saved,
        "reopened chart equals the saved one"
    );
    assert_eq!(harness.state().document().path(), Some(path.as_path()));
    assert!(!harness.state().document().is_dirty());
}

#[test]
fn delete_with_move_reports_up_keeps_the_reports_under_the_manager() {
    let (mut harness, _) = editor();
    click_card(&mut harness, "finance");
    key(&mut harness, Key::Delete);
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::DeleteChoice { below: 2, .. })
    ));
    click_button(
        &mut harness,
        "Delete only 'Finance'; its reports move up to 'Chief Executive'",
    );
    let chart = harness.state().chart();
    assert!(!chart.contains(&id("finance")));
    assert_eq!(chart.parent(&id("payroll")), Some(&id("ceo")));
    assert_eq!(chart.parent(&id("audit")), Some(&id("ceo")));
    assert_eq!(chart.len(), 6);
    // One step to undo.
    command_key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().chart(), &small_chart());
}

#[test]
fn opening_a_file_from_an_unedited_chart_shows_the_new_chart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.ron");
    let mut other = Chart::new();
    other
        .insert_unit(Unit::new("library", "Library Service"), None, None)
        .unwrap();
    orgchart::io::save(&other, &path).unwrap();

    let (mut harness, dialogs) = editor();
    dialogs.borrow_mut().open_answers.push_back(Some(path));
    command_key(&mut harness, Modifiers::COMMAND, Key::O);
    assert_eq!(harness.state().chart(), &other);
    assert!(
        harness.state().card_screen_rect(&id("library")).is_some(),
        "the canvas draws the opened chart"
    );
    assert!(harness.state().card_screen_rect(&id("finance")).is_none());
}

fn open_file_menu_item(harness: &mut Harness<'_, OrgchartApp>, label: &str) {
    click_button(harness, "File");
    click_button(harness, label);
}

#[test]
fn import_a_simple_csv_through_the_menu_opens_it_as_an_unsaved_chart() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("staff.csv");
    std::fs::write(
        &table,
        "ID,Name,Job Title,Reports To,Headcount\n\
         ceo,Chief Executive,Head of paid service,,1\n\
         fin,Finance,,ceo,12\n\
         pay,Payroll,,fin,4\n\
         lost,Orphan team,,nobody,2\n",
    )
    .unwrap();

    let (mut harness, dialogs) = editor();
    // An unsaved edit: importing asks before discarding it, as opening does.
    click_card(&mut harness, "board");
    key(&mut harness, Key::Delete);
    dialogs.borrow_mut().open_answers.push_back(Some(table));
    open_file_menu_item(&mut harness, "Import table, workbook or organogram…");
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::ConfirmDiscard { .. })
    ));
    click_button(&mut harness, "Don't save");
    // The mapping step shows what each column will be read as, with a preview; Import goes ahead.
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::ImportSetup(_))
    ));
    assert!(
        harness.query_by_label("Orphan team").is_some(),
        "preview row"
    );
    click_button(&mut harness, "Import");

    let chart = harness.state().chart();
    assert_eq!(chart.len(), 4, "every row became a unit");
    assert_eq!(chart.parent(&id("pay")), Some(&id("fin")));
    assert_eq!(chart.unit(&id("ceo")).unwrap().role, "Head of paid service");
    assert_eq!(chart.parent(&id("lost")), None, "unknown manager: a root");
    assert!(harness.state().card_screen_rect(&id("pay")).is_some());
    assert!(harness.state().document().is_dirty(), "imported, not saved");
    assert!(harness.state().document().path().is_none());
    assert!(harness.state().window_title().contains("staff (imported)"));

    // The warning is shown in the window, with its row.
    let Some(Modal::ImportWarnings { heading, warnings }) = harness.state().modal().cloned() else {
        panic!(
            "expected the import warnings, got {:?}",
            harness.state().modal()
        );
    };
    assert!(
        heading.starts_with("Imported 4 rows from staff.csv as 4 units; 1 warning"),
        "{heading}"
    );
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].starts_with("staff.csv row 5:"),
        "{}",
        warnings[0]
    );
    assert!(harness.query_by_label_contains("staff.csv row 5").is_some());
    click_button(&mut harness, "Close");
    assert!(harness.state().modal().is_none());
}

#[test]
fn import_an_organogram_with_its_junior_file() {
    let dir = tempfile::tempdir().unwrap();
    let senior = dir.path().join("senior.csv");
    let junior = dir.path().join("junior.csv");
    std::fs::write(
        &senior,
        "Post Unique Reference,Name,Grade (or equivalent),Job Title,Reports to Senior Post,FTE,Actual Pay Floor (£),Actual Pay Ceiling (£)\n\
         1,Jo Bloggs,SCS3,Permanent Secretary,XX,1,150000,154999\n\
         2,N/D,SCS1,Director of Finance,1,1,90000,94999\n",
    )
    .unwrap();
    std::fs::write(
        &junior,
        "Reporting Senior Post,Grade,Generic Job Title,Number of Posts in FTE,Payscale Minimum (£),Payscale Maximum (£)\n\
         2,EO,Finance Officer,3.5,28000,32000\n",
    )
    .unwrap();

    let (mut harness, dialogs) = editor();
    dialogs
        .borrow_mut()
        .open_answers
        .extend([Some(senior), Some(junior)]);
    open_file_menu_item(&mut harness, "Import table, workbook or organogram…");
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::AskJuniorFile { .. })
    ));
    click_button(&mut harness, "Choose the junior staff file…");
    let chart = harness.state().chart();
    assert_eq!(chart.len(), 3, "two senior posts and one junior group");
    assert_eq!(chart.parent(&id("2")), Some(&id("1")));
    let below_director = chart.children(&id("2"));
    assert_eq!(below_director.len(), 1);
    assert!(
        chart
            .unit(below_director[0])
            .unwrap()
            .name
            .contains("Finance Officer")
    );
    assert_eq!(
        dialogs.borrow().asked.len(),
        2,
        "{:?}",
        dialogs.borrow().asked
    );
}

#[test]
fn a_file_that_cannot_be_imported_leaves_the_chart_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let (mut harness, dialogs) = editor();
    dialogs.borrow_mut().open_answers.push_back(Some(empty));
    open_file_menu_item(&mut harness, "Import table, workbook or organogram…");
    assert_eq!(harness.state().chart(), &small_chart());
    let message = harness.state().error_message().expect("an error is shown");
    assert!(message.contains("empty.csv"), "{message}");
}

#[test]
fn export_csv_from_the_menu_writes_the_library_table_that_imports_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.csv");
    let (mut harness, dialogs) = editor();
    dialogs
        .borrow_mut()
        .save_answers
        .push_back(Some(path.clone()));
    click_button(&mut harness, "File");
    harness.get_by_label("Export whole chart").hover();
    harness.run();
    click_button(&mut harness, "CSV table");
    assert!(
        dialogs
            .borrow()
            .asked
            .contains(&"save: test-body.csv".to_owned()),
        "{:?}",
        dialogs.borrow().asked
    );
    let written = std::fs::read_to_string(&path).expect("the CSV was written");
    let chart = harness.state().chart();
    assert_eq!(
        written,
        orgchart::io::csv_table::to_csv_string(chart).unwrap(),
        "the same table as `orgchart export`"
    );
    let back = orgchart::io::import::import_files(&path, None, Default::default()).unwrap();
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    assert_eq!(back.chart.len(), chart.len());
    for unit in chart.units() {
        assert_eq!(back.chart.parent(&unit.id), chart.parent(&unit.id));
    }
}

/// A manager with four reports who manage no one: the team compact mode stacks.
fn wide_team_chart() -> Chart {
    let mut chart = Chart::new();
    chart.set_title("Wide team");
    chart
        .insert_unit(Unit::new("head", "Head of Service"), None, None)
        .unwrap();
    for k in 1..=4 {
        chart
            .insert_unit(
                Unit::new(format!("officer-{k}"), format!("Officer {k}")),
                Some(&id("head")),
                None,
            )
            .unwrap();
    }
    chart
}

/// File → Export whole chart → `format`, answering the save dialog with `path`.
fn export_whole_chart(
    harness: &mut Harness<'_, OrgchartApp>,
    dialogs: &Dialogs,
    path: &std::path::Path,
    format: &str,
) {
    dialogs
        .borrow_mut()
        .save_answers
        .push_back(Some(path.to_path_buf()));
    click_button(harness, "File");
    harness.get_by_label("Export whole chart").hover();
    harness.run();
    click_button(harness, format);
}

#[test]
fn view_menu_lays_the_chart_out_left_to_right_and_back() {
    let (mut harness, _) = editor();
    let (finance, payroll) = (
        card_centre(&harness, "finance"),
        card_centre(&harness, "payroll"),
    );
    assert!(payroll.y > finance.y, "top down: reports below");
    click_view_item(&mut harness, "Left to right");
    let (finance, payroll) = (
        card_centre(&harness, "finance"),
        card_centre(&harness, "payroll"),
    );
    assert!(payroll.x > finance.x, "left to right: reports to the right");
    let ceo = harness.state().card_screen_rect(&id("ceo")).unwrap();
    assert!(finance.x > ceo.right(), "{finance:?} {ceo:?}");
    click_view_item(&mut harness, "Top down");
    let (finance, payroll) = (
        card_centre(&harness, "finance"),
        card_centre(&harness, "payroll"),
    );
    assert!(payroll.y > finance.y);
}

#[test]
fn compact_teams_stack_in_the_canvas_and_in_exports_from_the_menu() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.svg");
    let (mut harness, dialogs) = editor_with(wide_team_chart());
    let row: Vec<Pos2> = (1..=4)
        .map(|k| card_centre(&harness, &format!("officer-{k}")))
        .collect();
    assert!(row.windows(2).all(|p| p[1].x > p[0].x && p[1].y == p[0].y));

    click_view_item(&mut harness, "Compact teams");
    let stack: Vec<Pos2> = (1..=4)
        .map(|k| card_centre(&harness, &format!("officer-{k}")))
        .collect();
    assert!(
        stack
            .windows(2)
            .all(|p| p[1].y > p[0].y && p[1].x == p[0].x),
        "{stack:?}"
    );

    export_whole_chart(&mut harness, &dialogs, &path, "SVG drawing");
    let written = std::fs::read(&path).expect("the SVG was written");
    let compact = orgchart::render::RenderOptions {
        layout: orgchart::layout::LayoutOptions {
            compact: true,
            ..Default::default()
        },
        title: Some("Wide team".to_owned()),
        respect_collapsed: true,
        ..Default::default()
    };
    assert!(
        is_library_svg(&harness, &written, &compact),
        "the export is laid out as the canvas"
    );

    click_view_item(&mut harness, "Compact teams");
    let again: Vec<Pos2> = (1..=4)
        .map(|k| card_centre(&harness, &format!("officer-{k}")))
        .collect();
    assert!(again.windows(2).all(|p| p[1].y == p[0].y));
}

#[test]
fn dense_cards_in_the_canvas_and_in_exports_from_the_menu() {
    use orgchart::render::CardStyle;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dense.svg");
    let (mut harness, dialogs) = editor_with(wide_team_chart());
    let standard = harness
        .state()
        .card_screen_rect(&id("officer-1"))
        .expect("the card is drawn");

    click_view_item(&mut harness, "Dense cards");
    assert_eq!(harness.state().card_style(), CardStyle::Dense);
    let dense = harness
        .state()
        .card_screen_rect(&id("officer-1"))
        .expect("the card is drawn");
    assert!(
        dense.area() < 0.7 * standard.area(),
        "{dense:?} {standard:?}"
    );

    export_whole_chart(&mut harness, &dialogs, &path, "SVG drawing");
    let written = std::fs::read(&path).expect("the SVG was written");
    let options = orgchart::render::RenderOptions {
        title: Some("Wide team".to_owned()),
        respect_collapsed: true,
        card_style: CardStyle::Dense,
        ..Default::default()
    };
    assert!(
        is_library_svg(&harness, &written, &options),
        "the export has the canvas's dense cards"
    );

    click_view_item(&mut harness, "Dense cards");
    assert_eq!(harness.state().card_style(), CardStyle::Standard);
}

#[test]
fn post_lists_in_the_canvas_from_the_menu() {
    use orgchart::render::CardStyle;
    let (mut harness, _dialogs) = editor_with(wide_team_chart());
    let standard = harness
        .state()
        .card_screen_rect(&id("officer-1"))
        .expect("the card is drawn");

    click_view_item(&mut harness, "Post lists");
    assert_eq!(harness.state().card_style(), CardStyle::List);
    // Each officer is a one-line row of the list under its manager, still a card the canvas can hit.
    let rows: Vec<egui::Rect> = (1..=4)
        .map(|k| {
            harness
                .state()
                .card_screen_rect(&id(&format!("officer-{k}")))
                .expect("the row is drawn")
        })
        .collect();
    assert!(rows[0].height() < 0.5 * standard.height(), "{rows:?}");
    assert!(rows.windows(2).all(|p| p[1].top() > p[0].bottom() - 0.5));
    assert!(
        rows.windows(2)
            .all(|p| (p[1].left() - p[0].left()).abs() < 0.5)
    );

    click_view_item(&mut harness, "Post lists");
    assert_eq!(harness.state().card_style(), CardStyle::Standard);
}

/// A Chief Executive shared by two councils (no shares given yet), each council's team under it, and a
/// tagged post under Council A's team (so that team manages a single report).
fn shared_chart() -> Chart {
    use orgchart::model::{Status, UnitKind};
    let mut chart = Chart::new();
    chart.set_title("Shared");
    let ceo = Unit::new("ceo", "Chief Executive")
        .with_kind(UnitKind::Post)
        .with_status(Status::Shared {
            with: vec!["Council A".into(), "Council B".into()],
        });
    chart.insert_unit(ceo, None, None).unwrap();
    for (unit, name, organisation) in [("a", "A team", "Council A"), ("b", "B team", "Council B")] {
        let team = Unit::new(unit, name)
            .with_organisation(organisation)
            .with_headcount(orgchart::model::Span::exact(4.0));
        chart.insert_unit(team, Some(&id("ceo")), None).unwrap();
    }
    let mut post = Unit::new("a1", "Front-line post").with_kind(UnitKind::Post);
    post.tags = vec!["front line".into()];
    chart.insert_unit(post, Some(&id("a")), None).unwrap();
    chart
}

fn type_into(harness: &mut Harness<'_, OrgchartApp>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    command_key(harness, Modifiers::COMMAND, Key::A);
    type_text(harness, text);
    key(harness, Key::Enter);
}

#[test]
fn shares_typed_in_the_details_panel_are_refused_until_they_add_up() {
    use orgchart::app::inspector::Field;
    use orgchart::model::{Share, Status};
    let (mut harness, _) = editor_with(shared_chart());
    click_card(&mut harness, "ceo");
    type_into(&mut harness, "Shares", "Council A 60%, Council B 30%");
    let ceo = || harness.state().chart().unit(&id("ceo")).unwrap().clone();
    assert!(ceo().shares.is_empty(), "refused shares are not applied");
    assert_eq!(
        harness.state().inspector().error(Field::Shares),
        Some("The shares (Council A 60%, Council B 30%) add up to 90%, not 100% — not applied")
    );
    type_into(&mut harness, "Shares", "Council A 60%, Council B 40%");
    let ceo = harness.state().chart().unit(&id("ceo")).unwrap().clone();
    assert_eq!(
        ceo.shares,
        [Share::new("Council A", 60.0), Share::new("Council B", 40.0)]
    );
    assert!(matches!(ceo.status, Status::Shared { .. }));
    assert_eq!(harness.state().inspector().error(Field::Shares), None);
    // The Totals panel has a row per organisation: 60% of the Chief Executive, Council A's team of 4 and
    // the post below it (which names no organisation, so counts with its manager's).
    assert!(harness.query_all_by_label("5.6 posts").count() > 0);
    assert!(harness.query_all_by_label("4.4 posts").count() > 0);
    // Undo takes the shares back off.
    command_key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(
        harness
            .state()
            .chart()
            .unit(&id("ceo"))
            .unwrap()
            .shares
            .is_empty()
    );
}

#[test]
fn figures_panel_shows_the_whole_chart_or_the_selected_branch() {
    let (mut harness, _) = editor_with(shared_chart());
    let figures = harness
        .state()
        .figures()
        .expect("the panel drew figures")
        .clone();
    assert_eq!(figures.heading, "Whole chart");
    assert_eq!(figures.spans.managers.len(), 2);
    assert_eq!(figures.spans.bands[0], 1, "A team has a single report");
    assert_eq!(figures.spans.layers.len(), 3);
    assert_eq!(figures.single_report_names, ["A team"]);
    click_card(&mut harness, "a");
    harness
        .get_by_label("Of the selected branch")
        .click_accesskit();
    harness.run();
    harness.run();
    let figures = harness.state().figures().unwrap();
    assert_eq!(figures.heading, "'A team' and below");
    assert_eq!(figures.spans.layers.len(), 2);
    harness.get_by_label("Of the whole chart").click_accesskit();
    harness.run();
    harness.run();
    assert_eq!(harness.state().figures().unwrap().heading, "Whole chart");
}

#[test]
fn colour_by_from_the_view_menu_colours_canvas_and_exports_with_a_key() {
    use orgchart::render::colour_by::ColourBy;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coloured.svg");
    let (mut harness, dialogs) = editor_with(shared_chart());
    click_button(&mut harness, "View");
    click_button(&mut harness, "Colour by");
    click_button(&mut harness, "Organisation");
    harness.run();
    assert_eq!(harness.state().colour_by(), Some(&ColourBy::Organisation));
    let texts = harness.state().canvas().cache.drawing.texts();
    for wanted in ["Colour: organisation", "Council A", "Council B"] {
        assert!(texts.contains(&wanted), "{wanted}: {texts:?}");
    }
    export_whole_chart(&mut harness, &dialogs, &path, "SVG drawing");
    let svg = std::fs::read_to_string(&path).expect("the SVG was written");
    assert!(
        svg.contains(">Colour: organisation<"),
        "the export has the colour key"
    );

    click_button(&mut harness, "View");
    click_button(&mut harness, "Colour by");
    harness.get_by_label("Tag").hover();
    harness.run();
    click_button(&mut harness, "front line");
    assert_eq!(
        harness.state().colour_by(),
        Some(&ColourBy::Tag("front line".into()))
    );

    // Listing the tags takes a pass over every unit: edits with the menu closed do not list them.
    let listings = harness.state().tag_listings();
    let units = harness.state().chart().len();
    harness.key_press(egui::Key::Escape);
    harness.run();
    for _ in 0..3 {
        // "Add report" while a card is selected.
        let add = if harness.query_by_label("Add report").is_some() {
            "Add report"
        } else {
            "Add unit"
        };
        harness.get_by_label(add).click();
        harness.run();
    }
    assert_eq!(harness.state().chart().len(), units + 3);
    assert_eq!(harness.state().tag_listings(), listings);
}

#[test]
fn file_report_writes_the_summary_in_the_form_the_name_asks_for() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, dialogs) = editor_with(shared_chart());
    for name in ["summary.pdf", "summary.html"] {
        dialogs
            .borrow_mut()
            .save_answers
            .push_back(Some(dir.path().join(name)));
        open_file_menu_item(&mut harness, "Report…");
    }
    assert!(
        dialogs
            .borrow()
            .asked
            .contains(&"save: shared-report.pdf".to_owned()),
        "{:?}",
        dialogs.borrow().asked
    );
    let pdf = std::fs::read(dir.path().join("summary.pdf")).expect("the PDF was written");
    assert!(pdf.starts_with(b"%PDF-"));
    let html = std::fs::read_to_string(dir.path().join("summary.html")).unwrap();
    for section in [
        "<h2>Totals</h2>",
        "<h2>By organisation</h2>",
        "<h2>Spans and layers</h2>",
    ] {
        assert!(html.contains(section), "{section}");
    }
    dialogs
        .borrow_mut()
        .save_answers
        .push_back(Some(dir.path().join("summary.docx")));
    open_file_menu_item(&mut harness, "Report…");
    let message = harness
        .state()
        .error_message()
        .expect("a wrong form is refused");
    assert!(message.contains(".pdf, .html, .md"), "{message}");
}

fn open_paper_window(harness: &mut Harness<'_, OrgchartApp>, item: &str) {
    click_button(harness, "File");
    harness.get_by_label("Export whole chart").hover();
    harness.run();
    click_button(harness, item);
}

#[test]
fn export_fit_to_page_asks_for_the_paper_and_writes_one_page() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.png");
    let (mut harness, dialogs) = editor();
    dialogs
        .borrow_mut()
        .save_answers
        .push_back(Some(path.clone()));
    open_paper_window(&mut harness, "Fit to page…");
    click_button(&mut harness, "A3");
    click_button(&mut harness, "Portrait");
    click_button(&mut harness, "PNG image");
    assert!(
        harness.query_by_label("a3 (842 x 1191 pt)").is_some(),
        "the window shows the paper it will use"
    );
    click_button(&mut harness, "Export…");
    assert_eq!(
        dialogs.borrow().asked,
        vec!["save: test-body-a3-page.png".to_owned()]
    );
    let png = std::fs::read(&path).expect("the page was written");
    let size = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    assert_eq!(
        (size(16), size(20)),
        (842 * 3, 1191 * 3),
        "A3 portrait at 3 px a point"
    );
    assert!(
        harness.query_by_label("Fit to page").is_none(),
        "the window closed"
    );
}

#[test]
fn export_pdf_pages_writes_the_library_document() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pages.pdf");
    let (mut harness, dialogs) = editor();
    dialogs
        .borrow_mut()
        .save_answers
        .push_back(Some(path.clone()));
    open_paper_window(&mut harness, "PDF pages…");
    // A4 landscape is the default.
    click_button(&mut harness, "Export…");
    assert_eq!(
        dialogs.borrow().asked,
        vec!["save: test-body-a4-pages.pdf".to_owned()]
    );
    let written = std::fs::read(&path).expect("the PDF was written");
    let options = orgchart::render::RenderOptions {
        title: Some("Test body".to_owned()),
        ..Default::default()
    };
    let paper = orgchart::page_export::PaperOptions {
        paper: "a4-landscape".parse().unwrap(),
        date: orgchart::page_export::today(),
        cards: None,
    };
    let (expected, pages) =
        orgchart::page_export::export_pages(harness.state().chart(), &options, &paper).unwrap();
    // Compare the documents' shape (pages, sizes, outline) rather than their bytes: what matters here is
    // that the dialog wrote the pages the library makes.
    let media_boxes = |pdf: &[u8]| {
        String::from_utf8_lossy(pdf)
            .matches("/MediaBox [0 0 842 595]")
            .count()
    };
    assert_eq!(pages, 1);
    assert_eq!(media_boxes(&written), pages);
    assert_eq!(media_boxes(&expected), pages);
    assert_eq!(
        written.len(),
        expected.len(),
        "the same document as `orgchart export --pages`"
    );
    assert!(
        String::from_utf8_lossy(&written).contains("/Outlines"),
        "with bookmarks"
    );
}

#[test]
fn the_paper_window_can_be_cancelled() {
    let (mut harness, dialogs) = editor();
    open_paper_window(&mut harness, "PDF pages…");
    assert!(harness.query_by_label("PDF pages").is_some());
    click_button(&mut harness, "Cancel");
    assert!(harness.query_by_label("PDF pages").is_none());
    assert!(dialogs.borrow().asked.is_empty(), "no file was asked for");
}

/// An HR export as a workbook: the mapping step guesses the columns, the user changes one (the name comes
/// from the e-mail column instead), the preview follows, and the import uses the choice.
#[test]
fn import_a_workbook_through_the_mapping_step_and_export_excel() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("people.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let notes = workbook.add_worksheet();
    notes.set_name("Read me").unwrap();
    let sheet = workbook.add_worksheet();
    sheet.set_name("People").unwrap();
    let rows = [
        [
            "Employee ID",
            "First Name",
            "Last Name",
            "Email",
            "Department",
            "Manager ID",
        ],
        ["1", "Ann", "Ash", "ann@x.org", "Board", ""],
        ["2", "Bob", "Birch", "bob@x.org", "Ops", "1"],
    ];
    for (row, cells) in (0u32..).zip(rows) {
        for (column, text) in (0u16..).zip(cells) {
            sheet.write_string(row, column, text).unwrap();
        }
    }
    workbook.save(&path).unwrap();

    let (mut harness, dialogs) = editor();
    dialogs.borrow_mut().open_answers.push_back(Some(path));
    open_file_menu_item(&mut harness, "Import table, workbook or organogram…");
    let Some(Modal::ImportSetup(setup)) = harness.state().modal().cloned() else {
        panic!(
            "expected the mapping step, got {:?}",
            harness.state().modal()
        );
    };
    assert_eq!(
        setup.sheet().as_deref(),
        Some("People"),
        "the sheet with data"
    );
    assert!(harness.query_by_label("Ann Ash").is_some(), "names joined");
    // Change the Name column: open its choice (showing "(none)", as first and last names are joined).
    harness.get_all_by_value("(none)").next().unwrap().click();
    harness.run();
    // The popup's entry is drawn last, above the grid.
    harness.get_all_by_label("Email").last().unwrap().click();
    harness.run();
    assert!(harness.query_by_label("ann@x.org").is_some());
    click_button(&mut harness, "Import");
    let chart = harness.state().chart();
    assert_eq!(chart.len(), 2);
    let bob = chart.unit(&id("2")).unwrap();
    assert_eq!(bob.name, "bob@x.org", "the user's choice of column");
    assert_eq!(bob.department, "Ops");
    assert_eq!(chart.parent(&id("2")), Some(&id("1")));

    // Export → Excel writes the library's workbook, which imports back to the same units.
    let out = dir.path().join("out.xlsx");
    dialogs
        .borrow_mut()
        .save_answers
        .push_back(Some(out.clone()));
    click_button(&mut harness, "File");
    harness.get_by_label("Export whole chart").hover();
    harness.run();
    click_button(&mut harness, "Excel workbook");
    let back = orgchart::io::import::import_files(&out, None, Default::default()).unwrap();
    let chart = harness.state().chart();
    for unit in chart.units() {
        assert_eq!(back.chart.unit(&unit.id), Some(unit));
        assert_eq!(back.chart.parent(&unit.id), chart.parent(&unit.id));
    }
}
