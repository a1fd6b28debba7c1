//! Compare mode through the real UI (egui_kittest): opening a comparison from the File menu and from two
//! files, the change list, picking a unit on both sides, the merged view, the totals row, swapping and closing.
//! Expected values come from the library's diff of the samples, never from hand-copied numbers.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use clap::Parser;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use orgchart::app::OrgchartApp;
use orgchart::app::compare::{CLOSE_LABEL, CompareMode, Pane, SWAP_LABEL, WHOLE_CHART};
use orgchart::app::files::{RecentFiles, ScriptedDialogs};
use orgchart::diff::{ChangeKind, ChartDiff};
use orgchart::metrics::format;
use orgchart::model::{Chart, Span, UnitId};

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name)
}

fn occ() -> (PathBuf, PathBuf) {
    (
        sample("occ-policy-2011-before.ron"),
        sample("occ-policy-2011-after.ron"),
    )
}

fn load(path: &Path) -> Chart {
    orgchart::io::load(path).unwrap()
}

fn library_diff(before: &Path, after: &Path) -> ChartDiff {
    orgchart::diff::diff(&load(before), &load(after))
}

fn harness(app: OrgchartApp) -> Harness<'static, OrgchartApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut OrgchartApp| app.show(ui), app);
    harness.run_steps(4);
    harness
}

fn editor_on(path: &Path, dialogs: Box<dyn orgchart::app::files::FileDialogs>) -> OrgchartApp {
    OrgchartApp::new(
        load(path),
        Some(path.to_path_buf()),
        dialogs,
        RecentFiles::in_memory(),
    )
}

fn comparing(before: &Path, after: &Path) -> Harness<'static, OrgchartApp> {
    harness(OrgchartApp::comparing(
        before.to_path_buf(),
        after,
        Box::new(ScriptedDialogs::default()),
        RecentFiles::in_memory(),
    ))
}

/// Distance from the centre of a unit's card to the centre of its view, in points.
fn off_centre(harness: &Harness<'_, OrgchartApp>, pane: Pane, id: &UnitId) -> f32 {
    let comparison = harness.state().comparison().expect("comparison open");
    let card = comparison
        .card_screen_rect(pane, id)
        .unwrap_or_else(|| panic!("{id} is not drawn in the {pane:?} view"));
    (card.center() - comparison.pane_rect(pane).center()).length()
}

fn names_of_added(diff: &ChartDiff, after: &Chart) -> Vec<String> {
    diff.changes_labelled("added")
        .map(|change| after.unit(&change.id).unwrap().name.clone())
        .collect()
}

#[test]
fn compare_with_picks_the_after_chart_in_the_file_dialog_and_lists_the_added_units() {
    let (before, after) = occ();
    let dialogs = Rc::new(RefCell::new(ScriptedDialogs::default()));
    dialogs
        .borrow_mut()
        .open_answers
        .push_back(Some(after.clone()));
    let mut harness = harness(editor_on(&before, Box::new(dialogs.clone())));
    assert!(harness.state().comparison().is_none());

    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Compare with…").click();
    harness.run_steps(4);

    assert_eq!(
        dialogs.borrow().asked,
        ["open: Compare with a chart (after)"]
    );
    let comparison = harness.state().comparison().expect("comparison open");
    assert_eq!(comparison.mode(), CompareMode::SideBySide);
    let diff = library_diff(&before, &after);
    let added = names_of_added(&diff, &load(&after));
    assert!(!added.is_empty(), "the OCC sample adds units");
    for name in added {
        harness.get_by_label(&format!("Added: {name}"));
    }
    // Both charts are drawn, each in its own view.
    harness.get_by_label("Before chart");
    harness.get_by_label("After chart");
}

#[test]
fn a_cancelled_compare_dialog_stays_in_the_editor() {
    let (before, _) = occ();
    let dialogs = Rc::new(RefCell::new(ScriptedDialogs::default()));
    let mut harness = harness(editor_on(&before, Box::new(dialogs.clone())));
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Compare with…").click();
    harness.run_steps(3);
    assert_eq!(dialogs.borrow().asked.len(), 1);
    assert!(harness.state().comparison().is_none());
    harness.get_by_label("Chart canvas");
}

#[test]
fn clicking_a_change_picks_the_unit_and_centres_both_sides_on_it() {
    let (before, after) = occ();
    let diff = library_diff(&before, &after);
    let after_chart = load(&after);
    let mut harness = comparing(&before, &after);

    // A change on a unit present on both sides: a link added from a unit that was there before.
    let (link, from_before) = diff
        .changes
        .iter()
        .find_map(|change| match &change.kind {
            ChangeKind::LinkAdded(link) => diff.before_id(&link.from).map(|b| (link, b.clone())),
            _ => None,
        })
        .expect("the OCC sample adds a link from an existing unit");
    let title = format!(
        "Link added: {} → {}",
        after_chart.unit(&link.from).unwrap().name,
        after_chart.unit(&link.to).unwrap().name
    );
    harness.get_by_label(&title).click();
    harness.run_steps(3);

    let picked = harness
        .state()
        .comparison()
        .unwrap()
        .picked()
        .cloned()
        .unwrap();
    assert_eq!(picked.before.as_ref(), Some(&from_before));
    assert_eq!(picked.after.as_ref(), Some(&link.from));
    assert!(off_centre(&harness, Pane::Before, &from_before) < 2.0);
    assert!(off_centre(&harness, Pane::After, &link.from) < 2.0);
    let comparison = harness.state().comparison().unwrap();
    assert_eq!(
        comparison.zoom(Pane::Before),
        comparison.zoom(Pane::After),
        "both sides at one scale"
    );

    // An added unit exists only after: the after side centres on it, the before side has nothing to pick.
    let added = diff.changes_labelled("added").last().unwrap();
    let name = after_chart.unit(&added.id).unwrap().name.clone();
    harness.get_by_label(&format!("Added: {name}")).click();
    harness.run_steps(3);
    let picked = harness
        .state()
        .comparison()
        .unwrap()
        .picked()
        .cloned()
        .unwrap();
    assert_eq!(picked.after.as_ref(), Some(&added.id));
    assert_eq!(picked.before, None);
    assert!(off_centre(&harness, Pane::After, &added.id) < 2.0);
}

#[test]
fn clicking_a_card_on_one_side_selects_its_match_on_the_other() {
    let before = sample("shared-services-2021-before.ron");
    let after = sample("shared-services-2021-after.ron");
    let diff = library_diff(&before, &after);
    let mut harness = comparing(&before, &after);
    // A moved unit: it sits in different places on the two sides.
    let moved = diff.changes_labelled("moved").next().expect("a moved unit");
    let before_id = diff.before_id(&moved.id).unwrap().clone();
    let card = harness
        .state()
        .comparison()
        .unwrap()
        .card_screen_rect(Pane::Before, &before_id)
        .expect("drawn on the before side");
    harness.get_by_label("Before chart");
    harness.hover_at(card.center());
    harness.run_steps(1);
    harness.event(egui::Event::PointerButton {
        pos: card.center(),
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    harness.event(egui::Event::PointerButton {
        pos: card.center(),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run_steps(3);
    let comparison = harness.state().comparison().unwrap();
    let picked = comparison.picked().cloned().expect("a unit is picked");
    assert_eq!(picked.before.as_ref(), Some(&before_id));
    assert_eq!(picked.after.as_ref(), Some(&moved.id));
    let match_rect = comparison.card_screen_rect(Pane::After, &moved.id).unwrap();
    assert!(
        comparison.pane_rect(Pane::After).contains_rect(match_rect),
        "the match is brought on screen on the after side"
    );
}

/// What a widget says: AccessKit keeps a plain label's text in its value.
fn text_of(node: &egui_kittest::kittest::AccessKitNode<'_>) -> Option<String> {
    if node.role() == egui::accesskit::Role::Label {
        node.value()
    } else {
        node.label()
    }
}

/// The texts of the widgets on the same row as `label`, left to right.
fn row_texts(harness: &Harness<'_, OrgchartApp>, label: &str) -> Vec<String> {
    let first = harness.get_by_label(label).rect();
    let mut cells: Vec<(f32, String)> = harness
        .query_all_by(|node| text_of(node).is_some())
        .filter_map(|node| {
            let rect = node.rect();
            let same_row = (rect.center().y - first.center().y).abs() < 2.0;
            let text = text_of(&node.accesskit_node())?;
            (same_row && rect.left() >= first.left()).then_some((rect.left(), text))
        })
        .collect();
    cells.sort_by(|a, b| a.0.total_cmp(&b.0));
    cells.dedup();
    cells.into_iter().map(|(_, text)| text).collect()
}

fn signed_count(change: Span) -> String {
    assert!(!change.is_range(), "the samples give exact headcounts");
    let magnitude = format::count(Span::exact(change.min.abs()));
    match change.min {
        d if d > 0.0 => format!("+{magnitude}"),
        d if d < 0.0 => format!("−{magnitude}"),
        _ => "no change".to_owned(),
    }
}

#[test]
fn merged_view_and_totals_row_show_the_library_figures() {
    let (before, after) = occ();
    let diff = library_diff(&before, &after);
    let mut harness = comparing(&before, &after);

    let totals = diff.totals;
    let row = row_texts(&harness, WHOLE_CHART);
    // A side whose units give no figures says so, and no change is computed from nothing.
    let given = |chart: &Chart, cost: bool| {
        chart.units().iter().any(|u| {
            if cost {
                u.cost.is_some()
            } else {
                u.headcount.is_some()
            }
        })
    };
    let (before_chart, after_chart) = (load(&before), load(&after));
    let shown = |given: bool, text: String| if given { text } else { "not given".to_owned() };
    let change = |both: bool, text: String| if both { text } else { "—".to_owned() };
    let headcount_both = given(&before_chart, false) && given(&after_chart, false);
    let cost_both = given(&before_chart, true) && given(&after_chart, true);
    assert_eq!(
        row,
        [
            WHOLE_CHART.to_owned(),
            shown(
                given(&before_chart, false),
                format::count(totals.before.headcount)
            ),
            shown(
                given(&after_chart, false),
                format::count(totals.after.headcount)
            ),
            change(headcount_both, signed_count(totals.headcount_change())),
            shown(
                given(&before_chart, true),
                format::money(totals.before.cost)
            ),
            shown(given(&after_chart, true), format::money(totals.after.cost)),
            change(
                cost_both,
                format!("+{}", format::money(totals.cost_change()))
            ),
        ],
        "the whole-chart totals row"
    );
    assert!(totals.after.headcount.max > totals.before.headcount.max);
    // One row per top-level unit too, the new ones tagged.
    for unit in &diff.per_top_level {
        let tag = if unit.in_before { "" } else { " (new)" };
        let row = row_texts(&harness, &format!("{}{tag}", unit.name));
        let after_given = after_chart
            .subtree(&unit.id)
            .into_iter()
            .any(|id| after_chart.unit(id).is_some_and(|u| u.headcount.is_some()));
        assert_eq!(
            row[2],
            shown(after_given, format::count(unit.totals.after.headcount))
        );
    }

    harness.get_by_label("Merged changes").click();
    harness.run_steps(3);
    let comparison = harness.state().comparison().unwrap();
    assert_eq!(comparison.mode(), CompareMode::Merged);
    harness.get_by_label("Merged change chart");
    for change in diff.changes_labelled("added") {
        assert!(
            comparison
                .card_screen_rect(Pane::Merged, &change.id)
                .is_some(),
            "{} is drawn in the merged view",
            change.id
        );
    }

    // A change clicked in the merged view centres it there.
    let added = diff.changes_labelled("added").next().unwrap();
    let name = load(&after).unit(&added.id).unwrap().name.clone();
    harness.get_by_label(&format!("Added: {name}")).click();
    harness.run_steps(3);
    assert!(off_centre(&harness, Pane::Merged, &added.id) < 2.0);
}

#[test]
fn swapping_turns_added_units_into_removed_ones() {
    let (before, after) = occ();
    let diff = library_diff(&before, &after);
    let added = names_of_added(&diff, &load(&after));
    let mut harness = comparing(&before, &after);
    harness.get_by_label(SWAP_LABEL).click();
    harness.run_steps(3);
    for name in &added {
        harness.get_by_label(&format!("Removed: {name}"));
        assert!(harness.query_by_label(&format!("Added: {name}")).is_none());
    }
    let swapped = harness.state().comparison().unwrap();
    assert_eq!(
        swapped.data().before.label,
        after.file_name().unwrap().to_string_lossy()
    );
}

#[test]
fn closing_the_comparison_returns_to_the_editor_with_the_document_untouched() {
    let (before, after) = occ();
    let mut harness = comparing(&before, &after);
    let original = load(&before);
    assert_eq!(harness.state().chart(), &original);

    // Use the comparison: swap, switch views, pick a change.
    harness.get_by_label(SWAP_LABEL).click();
    harness.run_steps(2);
    harness.get_by_label("Merged changes").click();
    harness.run_steps(2);
    let first = harness.state().comparison().unwrap().entries()[0]
        .title
        .clone();
    harness.get_by_label(&first).click();
    harness.run_steps(2);

    harness.get_by_label(CLOSE_LABEL).click();
    harness.run_steps(3);
    let app = harness.state();
    assert!(app.comparison().is_none());
    assert_eq!(app.chart(), &original);
    assert!(!app.document().is_dirty());
    assert!(!app.window_title().starts_with('•'));
    assert_eq!(app.document().path(), Some(before.as_path()));
    harness.get_by_label("Chart canvas");
}

#[test]
fn two_files_on_the_command_line_open_the_comparison() {
    let cli = orgchart::cli::Cli::try_parse_from(["orgchart", "before.ron", "after.ron"]).unwrap();
    assert_eq!(cli.file, Some(PathBuf::from("before.ron")));
    assert_eq!(cli.compare_with, Some(PathBuf::from("after.ron")));
    assert!(cli.command.is_none());

    let (before, after) = occ();
    let harness = comparing(&before, &after);
    let comparison = harness
        .state()
        .comparison()
        .expect("opens straight into the comparison");
    assert_eq!(comparison.data().after.chart, load(&after));
    assert_eq!(harness.state().chart(), &load(&before));
}

#[test]
fn an_unreadable_after_chart_is_reported_and_the_editor_stays() {
    let (before, _) = occ();
    let missing = sample("no-such-chart.ron");
    let harness = comparing(&before, &missing);
    assert!(harness.state().comparison().is_none());
    let error = harness.state().error_message().unwrap_or_default();
    assert!(error.contains("no-such-chart.ron"), "{error}");
}

/// Where a unit's card is in the before and after views.
fn card_centres(
    harness: &Harness<'_, OrgchartApp>,
    before_id: &UnitId,
    after_id: &UnitId,
) -> (egui::Pos2, egui::Pos2) {
    let comparison = harness.state().comparison().unwrap();
    (
        comparison
            .card_screen_rect(Pane::Before, before_id)
            .unwrap()
            .center(),
        comparison
            .card_screen_rect(Pane::After, after_id)
            .unwrap()
            .center(),
    )
}

#[test]
fn panning_or_zooming_one_side_moves_the_other_in_step() {
    let before = sample("shared-services-2021-before.ron");
    let after = sample("shared-services-2021-after.ron");
    let diff = library_diff(&before, &after);
    let mut harness = comparing(&before, &after);
    let unit = diff.matches.first().expect("a unit on both sides");
    let (before_id, after_id) = (unit.before.clone(), unit.after.clone());
    let (b0, a0) = card_centres(&harness, &before_id, &after_id);

    // Drag the before view's background by (40, 25).
    let pane = harness
        .state()
        .comparison()
        .unwrap()
        .pane_rect(Pane::Before);
    let start = pane.left_bottom() + egui::vec2(12.0, -12.0);
    let delta = egui::vec2(40.0, -25.0);
    harness.drag_at(start);
    harness.run_steps(1);
    for step in 1..=4 {
        harness.hover_at(start + delta * (step as f32 / 4.0));
        harness.run_steps(1);
    }
    harness.drop_at(start + delta);
    harness.run_steps(2);
    let (b1, a1) = card_centres(&harness, &before_id, &after_id);
    assert!(
        ((b1 - b0) - delta).length() < 1.0,
        "before moved by {:?}",
        b1 - b0
    );
    assert!(
        ((a1 - a0) - (b1 - b0)).length() < 0.5,
        "after followed: {:?}",
        a1 - a0
    );
    assert!(
        harness.state().comparison().unwrap().picked().is_none(),
        "a drag picks nothing"
    );

    // Zoom over the after view: the before view takes the same zoom.
    let zoom_before = harness.state().comparison().unwrap().zoom(Pane::Before);
    let at = harness
        .state()
        .comparison()
        .unwrap()
        .pane_rect(Pane::After)
        .center();
    harness.hover_at(at);
    harness.run_steps(1);
    harness.event(egui::Event::Zoom(1.5));
    harness.run_steps(2);
    let comparison = harness.state().comparison().unwrap();
    let (zoomed_before, zoomed_after) =
        (comparison.zoom(Pane::Before), comparison.zoom(Pane::After));
    assert!(
        (zoomed_after / zoom_before - 1.5).abs() < 1e-3,
        "{zoomed_after} vs {zoom_before}"
    );
    assert!((zoomed_before - zoomed_after).abs() < 1e-4);
}

#[test]
fn report_button_writes_a_report_of_the_change() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("change.html");
    let dialogs = Rc::new(RefCell::new(ScriptedDialogs::default()));
    dialogs
        .borrow_mut()
        .save_answers
        .push_back(Some(out.clone()));
    let (before, after) = (
        sample("shared-services-2021-before.ron"),
        sample("shared-services-2021-after.ron"),
    );
    let mut harness = harness(OrgchartApp::comparing(
        before,
        &after,
        Box::new(dialogs.clone()),
        RecentFiles::in_memory(),
    ));
    harness
        .get_by_label(orgchart::app::compare::REPORT_LABEL)
        .click();
    harness.run();
    assert_eq!(
        dialogs.borrow().asked,
        ["save: changes-report.pdf".to_owned()]
    );
    let page = std::fs::read_to_string(&out).expect("the report was written");
    for wanted in [
        "<h2>By organisation</h2>",
        "<td>Council A</td>",
        "<h2>Added (2)</h2>",
    ] {
        assert!(page.contains(wanted), "{wanted}");
    }
    assert!(
        harness.state().comparison().is_some(),
        "the comparison stays open"
    );
}
