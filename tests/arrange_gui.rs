//! Arranging reports through the real editor: the placer and staff choices in the Details panel and the
//! card's context menu (undoable edits, saved in the file), View → Fit layout (the chart takes the window's
//! shape, and menu exports follow it), and the far-out labels that say which block is which.

use std::path::PathBuf;

mod gui_support;

use egui::{Key, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use orgchart::app::OrgchartApp;
use orgchart::app::dialogs::Modal;
use orgchart::geom::Rect;
use orgchart::model::{Chart, Placer, Unit};

use gui_support::{
    card_centre, click_at, click_button, click_view_item, editor_with, id, is_library_svg,
};

/// A director over `reports` officers, and a lone board.
fn team(reports: usize) -> Chart {
    let mut chart = Chart::new();
    chart.set_title("Team");
    chart
        .insert_unit(Unit::new("director", "Director"), None, None)
        .unwrap();
    for k in 1..=reports {
        chart
            .insert_unit(
                Unit::new(format!("officer-{k}"), format!("Officer {k}")),
                Some(&id("director")),
                None,
            )
            .unwrap();
    }
    chart
}

/// A chief executive over `departments` departments of `teams` teams of `posts` posts each.
fn body(departments: usize, teams: usize, posts: usize) -> Chart {
    let mut chart = Chart::new();
    chart
        .insert_unit(Unit::new("ceo", "Chief Executive"), None, None)
        .unwrap();
    for d in 0..departments {
        let dept = id(&format!("d{d}"));
        let name = format!("Department {d}");
        chart
            .insert_unit(Unit::new(dept.as_str(), name), Some(&id("ceo")), None)
            .unwrap();
        for t in 0..teams {
            let team = id(&format!("d{d}t{t}"));
            let name = format!("Team {d}.{t}");
            chart
                .insert_unit(Unit::new(team.as_str(), name), Some(&dept), None)
                .unwrap();
            for p in 0..posts {
                let post = Unit::new(format!("d{d}t{t}p{p}"), format!("Post {p}"));
                chart.insert_unit(post, Some(&team), None).unwrap();
            }
        }
    }
    chart
}

fn click_card(harness: &mut Harness<'_, OrgchartApp>, unit: &str) {
    let at = card_centre(harness, unit);
    click_at(harness, at, PointerButton::Primary);
    assert_eq!(harness.state().selection().primary(), Some(&id(unit)));
}

fn placer(harness: &Harness<'_, OrgchartApp>, unit: &str) -> Placer {
    harness.state().chart().unit(&id(unit)).unwrap().placer
}

/// Centres of officer 1..=n on screen.
fn officers(harness: &Harness<'_, OrgchartApp>, n: usize) -> Vec<Pos2> {
    (1..=n)
        .map(|k| card_centre(harness, &format!("officer-{k}")))
        .collect()
}

fn in_one_row(centres: &[Pos2]) -> bool {
    centres.windows(2).all(|p| p[1].y == p[0].y)
}

/// The union of every card drawn, in chart units.
fn cards_bounds(harness: &Harness<'_, OrgchartApp>) -> Rect {
    let cards = &harness.state().canvas().cache.drawing.cards;
    let rects: Vec<Rect> = cards.iter().map(|c| c.rect).collect();
    Rect::bounding(&rects).expect("cards are drawn")
}

fn canvas_aspect(harness: &Harness<'_, OrgchartApp>) -> f32 {
    let canvas = harness.state().canvas().view.canvas;
    canvas.width() / canvas.height()
}

#[test]
fn grid_chosen_in_details_is_undone_redone_and_saved_in_the_file() {
    let (mut harness, dialogs) = editor_with(team(9));
    assert!(in_one_row(&officers(&harness, 9)));
    click_card(&mut harness, "director");
    click_button(&mut harness, "Grid");
    assert_eq!(placer(&harness, "director"), Placer::Grid);
    assert!(harness.state().document().is_dirty());
    let grid = officers(&harness, 9);
    assert!(!in_one_row(&grid), "laid out again as a grid: {grid:?}");
    let rows: std::collections::BTreeSet<i32> = grid.iter().map(|p| p.y as i32).collect();
    assert!(rows.len() >= 2 && rows.len() <= 4, "{rows:?}");

    click_button(&mut harness, "Undo");
    assert_eq!(placer(&harness, "director"), Placer::Auto);
    assert!(in_one_row(&officers(&harness, 9)));
    click_button(&mut harness, "Redo");
    assert_eq!(placer(&harness, "director"), Placer::Grid);
    assert_eq!(officers(&harness, 9), grid);

    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("team.ron");
    dialogs
        .borrow_mut()
        .save_answers
        .push_back(Some(path.clone()));
    click_button(&mut harness, "Save");
    assert!(!harness.state().document().is_dirty());
    let text = std::fs::read_to_string(&path).expect("saved");
    assert!(text.contains("placer: Grid"), "{text}");

    // Reopen over an unsaved change: the placer comes back from the file.
    click_button(&mut harness, "Undo");
    assert_eq!(placer(&harness, "director"), Placer::Auto);
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
    assert_eq!(placer(&harness, "director"), Placer::Grid);
    assert_eq!(harness.state().document().path(), Some(path.as_path()));
    let reopened = officers(&harness, 9);
    let rows_again: std::collections::BTreeSet<i32> = reopened.iter().map(|p| p.y as i32).collect();
    assert_eq!(rows_again.len(), rows.len(), "the same grid: {reopened:?}");
}

#[test]
fn a_staff_post_ticked_in_details_sits_beside_the_line_above_the_other_reports() {
    let (mut harness, _) = editor_with(team(4));
    click_card(&mut harness, "officer-1");
    click_button(
        &mut harness,
        "Staff post (beside the line, e.g. PA, adviser)",
    );
    let unit = harness.state().chart().unit(&id("officer-1")).unwrap();
    assert!(unit.staff);
    assert!(harness.state().document().is_dirty());
    let rect = |h: &Harness<'_, OrgchartApp>, u: &str| h.state().card_screen_rect(&id(u)).unwrap();
    let (director, pa, officer) = (
        rect(&harness, "director"),
        rect(&harness, "officer-1"),
        rect(&harness, "officer-2"),
    );
    assert!(
        pa.top() > director.bottom() && pa.bottom() < officer.top(),
        "between the manager and its reports: {director:?} {pa:?} {officer:?}"
    );
    assert!(
        pa.right() < director.center().x || pa.left() > director.center().x,
        "beside the line, not on it: {pa:?} {director:?}"
    );
    click_button(&mut harness, "Undo");
    assert!(
        !harness
            .state()
            .chart()
            .unit(&id("officer-1"))
            .unwrap()
            .staff
    );
    assert!(in_one_row(&officers(&harness, 4)));
}

#[test]
fn the_context_menu_arranges_a_managers_reports() {
    let (mut harness, _) = editor_with(team(5));
    let at = card_centre(&harness, "director");
    click_at(&mut harness, at, PointerButton::Secondary);
    harness.get_by_label("Arrange reports").hover();
    harness.run();
    // The Details panel (right) offers the same choice: take the submenu's, next to the card.
    harness
        .get_all_by_label("Column")
        .min_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
        .expect("the submenu is open")
        .click();
    harness.run();
    assert_eq!(placer(&harness, "director"), Placer::Column);
    let column = officers(&harness, 5);
    assert!(
        column
            .windows(2)
            .all(|p| p[1].y > p[0].y && p[1].x == p[0].x),
        "stacked in a column: {column:?}"
    );
    assert!(
        harness
            .state()
            .document()
            .undo_label()
            .is_some_and(|l| l.contains("as column")),
        "one undoable step"
    );
    // A card without reports has nothing to arrange.
    let at = card_centre(&harness, "officer-2");
    click_at(&mut harness, at, PointerButton::Secondary);
    assert!(harness.query_by_label("Arrange reports").is_none());
}

#[test]
fn fit_layout_gives_a_wide_team_the_windows_shape_and_exports_follow_it() {
    let (mut harness, dialogs) = editor_with(team(300));
    let strip = cards_bounds(&harness);
    let window = canvas_aspect(&harness);
    assert!(
        strip.w / strip.h > 20.0 * window,
        "without Fit layout a strip: {strip:?}"
    );

    click_view_item(&mut harness, "Fit layout");
    let fitted = cards_bounds(&harness);
    let ratio = (fitted.w / fitted.h) / window;
    assert!(
        (0.5..=2.0).contains(&ratio),
        "{fitted:?} against the window's {window}"
    );
    assert!(
        !harness.state().document().is_dirty(),
        "a view setting, not an edit"
    );

    // File → Export follows the view, as it does for compact teams.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.svg");
    dialogs
        .borrow_mut()
        .save_answers
        .push_back(Some(path.clone()));
    click_button(&mut harness, "File");
    harness.get_by_label("Export whole chart").hover();
    harness.run();
    click_button(&mut harness, "SVG drawing");
    let written = std::fs::read(&path).expect("the SVG was written");
    let layout = harness.state().layout_options().clone();
    assert!(layout.target_aspect.is_some());
    let options = orgchart::render::RenderOptions {
        layout,
        title: Some("Team".to_owned()),
        respect_collapsed: true,
        ..Default::default()
    };
    assert!(
        is_library_svg(&harness, &written, &options),
        "the export is laid out as the canvas"
    );

    click_view_item(&mut harness, "Fit layout");
    assert_eq!(cards_bounds(&harness), strip, "off again: the strip");
}

#[test]
fn with_dense_cards_branch_labels_take_over_as_soon_as_the_smaller_names_vanish() {
    use orgchart::app::canvas::text_is_drawn;
    let (mut harness, _) = editor_with(body(12, 6, 5));
    click_view_item(&mut harness, "Dense cards");
    click_view_item(&mut harness, "Fit layout");
    let name_size = orgchart::render::CardStyle::Dense.metrics().name_size;
    let mut steps = 0;
    while text_is_drawn(name_size, harness.state().canvas().view.zoom) && steps < 40 {
        harness.key_press(Key::Minus);
        harness.run();
        steps += 1;
    }
    harness.run();
    let zoom = harness.state().canvas().view.zoom;
    assert!(!text_is_drawn(name_size, zoom), "zoomed out to {zoom}");
    let labels = harness.state().canvas().labels_painted();
    assert!(
        labels >= 12,
        "{labels} labels at zoom {zoom}, where names are no longer drawn"
    );
}

#[test]
fn far_out_big_branches_carry_labels_and_close_up_none() {
    let (mut harness, _) = editor_with(body(12, 6, 5));
    click_view_item(&mut harness, "Fit layout");
    // Fitted to the window the names are still drawn; a few steps out they are not, and the labels are.
    let name_size = orgchart::render::style::NAME_SIZE;
    while orgchart::app::canvas::MIN_NAME_PX <= name_size * harness.state().canvas().view.zoom {
        harness.key_press(Key::Minus);
        harness.run();
    }
    harness.run();
    let branches = harness.state().canvas().cache.branches.len();
    assert_eq!(branches, 13, "the chief executive and 12 departments");
    let labels = harness.state().canvas().labels_painted();
    assert!(
        (12..=branches).contains(&labels),
        "{labels} labels for {branches} big branches"
    );
    // Close up (select the top with the arrow key, zoom to it with F), card text is readable and no block
    // label is drawn.
    for k in [Key::ArrowDown, Key::F] {
        harness.key_press(k);
        harness.run();
    }
    harness.run();
    assert_eq!(harness.state().selection().primary(), Some(&id("ceo")));
    assert!(harness.state().canvas().view.zoom > 1.0);
    assert_eq!(harness.state().canvas().labels_painted(), 0);
}
