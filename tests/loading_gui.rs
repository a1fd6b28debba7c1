//! Opening a chart on the worker thread, through the real editor: the window says what it is opening while
//! the chart on screen stays and cannot be edited, then shows the new chart; a broken file leaves the old
//! chart and says why. A named pipe stands in for a big, slow file: the worker waits on it until the test
//! writes the chart, so the progress message is seen without any timing.

mod gui_support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gui_support::Dialogs;
use orgchart::app::OrgchartApp;
use orgchart::app::files::RecentFiles;
use orgchart::model::{Chart, Unit, UnitId};

fn chart_of(names: &[&str]) -> Chart {
    let mut chart = Chart::new();
    chart.set_title("Loading test");
    let mut parent: Option<UnitId> = None;
    for (i, name) in names.iter().enumerate() {
        let id = format!("u{i}");
        chart
            .insert_unit(Unit::new(id.as_str(), *name), parent.as_ref(), None)
            .unwrap();
        parent = Some(UnitId::new(id.as_str()));
    }
    chart
}

/// The editor on `chart`, opening every file on the worker (however small), its dialogs scripted.
fn editor(chart: Chart) -> (Harness<'static, OrgchartApp>, Dialogs) {
    let dialogs: Dialogs = std::rc::Rc::default();
    let app = OrgchartApp::new(
        chart,
        None,
        Box::new(dialogs.clone()),
        RecentFiles::in_memory(),
    )
    .load_in_background_from(0);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut OrgchartApp| app.show(ui), app);
    harness.run();
    (harness, dialogs)
}

/// A few frames (`run()` would return after one: the progress message asks for its next frame a little later).
fn frames(harness: &mut Harness<'_, OrgchartApp>, n: usize) {
    for _ in 0..n {
        harness.step();
    }
}

/// Steps frames until the worker's result has been taken in (bounded; no time is asserted).
fn wait_for_load(harness: &mut Harness<'_, OrgchartApp>) {
    for _ in 0..1000 {
        harness.step();
        if !harness.state().is_loading() {
            harness.run();
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the file never finished opening");
}

fn make_fifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

/// Writes `text` into the pipe from another thread (opening a pipe blocks until its reader is there).
fn feed(pipe: PathBuf, text: String) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || std::fs::write(pipe, text).unwrap())
}

fn click_open(harness: &mut Harness<'_, OrgchartApp>, dialogs: &Dialogs, path: PathBuf) {
    dialogs.borrow_mut().open_answers.push_back(Some(path));
    harness.get_by_label("Open").click();
    frames(harness, 3);
}

#[cfg(unix)]
#[test]
fn opening_shows_progress_keeps_the_chart_uneditable_then_shows_the_new_chart() {
    let before = chart_of(&["Old board", "Old team"]);
    let (mut harness, dialogs) = editor(before.clone());
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("big.ron");
    make_fifo(&pipe);

    click_open(&mut harness, &dialogs, pipe.clone());
    assert!(harness.state().is_loading());
    assert!(
        harness
            .query_by_label_contains("Opening big.ron…")
            .is_some(),
        "the window says what it is opening"
    );
    assert!(
        harness
            .state()
            .window_title()
            .starts_with("Opening big.ron…")
    );
    assert_eq!(
        harness.state().chart(),
        &before,
        "the chart on screen stays"
    );

    // Editing the chart that is about to be replaced is not possible meanwhile.
    harness.get_by_label("Add unit").click();
    frames(&mut harness, 3);
    assert_eq!(harness.state().chart(), &before);

    let after = chart_of(&["New board", "New team", "New squad"]);
    let writer = feed(pipe.clone(), orgchart::io::to_ron_string(&after).unwrap());
    wait_for_load(&mut harness);
    writer.join().unwrap();

    let app = harness.state();
    assert_eq!(app.chart(), &after);
    assert_eq!(app.document().path(), Some(pipe.as_path()));
    assert!(!app.document().is_dirty());
    assert_eq!(app.window_title(), "big.ron — Orgchart");
    assert!(app.info_message().is_some_and(|m| m.starts_with("Opened ")));
    assert!(harness.query_by_label_contains("Opening big.ron").is_none());
    assert!(
        harness
            .state()
            .card_screen_rect(&UnitId::new("u2"))
            .is_some(),
        "the new chart is drawn"
    );
}

#[test]
fn a_broken_file_says_why_and_keeps_the_chart_you_had() {
    let before = chart_of(&["Board", "Team"]);
    let (mut harness, dialogs) = editor(before.clone());
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(format: \"orgchart\", units: [").unwrap();

    click_open(&mut harness, &dialogs, broken);
    wait_for_load(&mut harness);

    let message = harness
        .state()
        .error_message()
        .unwrap_or_default()
        .to_owned();
    assert!(
        message.starts_with("Could not open the chart:") && message.contains("broken.ron"),
        "{message}"
    );
    assert!(message.ends_with("The chart you had open is unchanged."));
    assert!(
        harness
            .query_by_label_contains("Could not open the chart")
            .is_some()
    );
    assert_eq!(harness.state().chart(), &before);
    assert_eq!(harness.state().document().path(), None);
}

#[test]
fn a_chart_with_a_cycle_reports_it_and_keeps_the_chart_you_had() {
    let before = chart_of(&["Board"]);
    let (mut harness, dialogs) = editor(before.clone());
    let dir = tempfile::tempdir().unwrap();
    let looped = dir.path().join("loop.ron");
    let text = orgchart::io::to_ron_string(&chart_of(&["A", "B"]))
        .unwrap()
        // u0 reports to u1, which reports to u0.
        .replacen("id: \"u0\",", "id: \"u0\",\n    reports_to: \"u1\",", 1);
    std::fs::write(&looped, text).unwrap();

    click_open(&mut harness, &dialogs, looped);
    wait_for_load(&mut harness);

    let message = harness
        .state()
        .error_message()
        .unwrap_or_default()
        .to_owned();
    assert!(
        message.starts_with("Could not open the chart:") && message.contains("loop"),
        "{message}"
    );
    assert_eq!(harness.state().chart(), &before);
}

#[cfg(unix)]
#[test]
fn cancel_stops_waiting_and_keeps_the_chart() {
    let before = chart_of(&["Board", "Team"]);
    let (mut harness, dialogs) = editor(before.clone());
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("slow.ron");
    make_fifo(&pipe);

    click_open(&mut harness, &dialogs, pipe.clone());
    assert!(harness.state().is_loading());
    harness.get_by_label("Cancel").click();
    frames(&mut harness, 2);
    assert!(!harness.state().is_loading());
    assert!(
        harness
            .state()
            .info_message()
            .is_some_and(|m| m.starts_with("Stopped opening"))
    );

    // The worker finishes reading in its own time; its chart is dropped.
    let writer = feed(
        pipe,
        orgchart::io::to_ron_string(&chart_of(&["Other"])).unwrap(),
    );
    writer.join().unwrap();
    frames(&mut harness, 3);
    assert_eq!(harness.state().chart(), &before);
    assert_eq!(harness.state().document().path(), None);
}

/// A file dropped on the window, as the windowing layer hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|err| err.to_string())
    }
}

#[test]
fn a_dropped_file_opens_on_the_worker_too() {
    let (mut harness, _dialogs) = editor(chart_of(&["Board"]));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dropped.ron");
    let dropped = chart_of(&["Dropped board", "Dropped team"]);
    orgchart::io::save(&dropped, &path).unwrap();

    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.clone())));
    frames(&mut harness, 2);
    wait_for_load(&mut harness);
    assert_eq!(harness.state().chart(), &dropped);
    assert_eq!(harness.state().document().path(), Some(path.as_path()));
}

#[test]
fn open_recent_uses_the_worker_and_files_opened_there_become_recent() {
    let (mut harness, dialogs) = editor(chart_of(&["Start"]));
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.ron");
    let second = dir.path().join("second.ron");
    let first_chart = chart_of(&["First board", "First team"]);
    orgchart::io::save(&first_chart, &first).unwrap();
    orgchart::io::save(&chart_of(&["Second board"]), &second).unwrap();

    click_open(&mut harness, &dialogs, first.clone());
    wait_for_load(&mut harness);
    click_open(&mut harness, &dialogs, second);
    wait_for_load(&mut harness);
    assert_eq!(harness.state().chart().len(), 1);

    // first.ron is on the Open recent list because the load on the worker finished like any other open.
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open recent").hover();
    harness.run();
    harness.get_by_label("first.ron").click();
    frames(&mut harness, 2);
    wait_for_load(&mut harness);
    assert_eq!(harness.state().chart(), &first_chart);
    assert_eq!(
        harness.state().document().path().and_then(Path::file_name),
        first.file_name()
    );
}

#[test]
fn a_file_opened_on_the_worker_arrives_drawn_and_the_frames_showing_it_build_nothing() {
    let (mut harness, dialogs) = editor(chart_of(&["Board", "Team"]));
    let built_before = harness.state().drawings_built_in_frames();
    let figured_before = harness.state().panel_figures_computed_in_frames();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("next.ron");
    let after = chart_of(&["New board", "New team", "New squad"]);
    std::fs::write(&file, orgchart::io::to_ron_string(&after).unwrap()).unwrap();

    click_open(&mut harness, &dialogs, file);
    wait_for_load(&mut harness);
    frames(&mut harness, 3);

    let app = harness.state();
    assert_eq!(app.chart(), &after);
    assert!(
        app.card_screen_rect(&UnitId::new("u2")).is_some(),
        "the new chart is drawn"
    );
    assert_eq!(
        app.drawings_built_in_frames(),
        built_before,
        "the worker drew the chart: on a big one, building it in a frame freezes the window for seconds"
    );
    assert_eq!(
        app.panel_figures_computed_in_frames(),
        figured_before,
        "the worker worked out the Totals and Figures panels too"
    );
    assert_eq!(
        app.totals().chart_figures().units,
        3,
        "the new chart's totals"
    );
    assert_eq!(
        app.figures(),
        orgchart::render::figures::Figures::of(&after, None).as_ref()
    );
}

#[cfg(unix)]
#[test]
fn a_drawing_made_for_other_view_settings_is_drawn_again_with_the_current_ones() {
    let (mut harness, dialogs) = editor(chart_of(&["Board", "Team"]));
    // View → Fit layout shapes the layout to the window.
    gui_support::click_view_item(&mut harness, "Fit layout");
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("slow.ron");
    make_fifo(&pipe);
    click_open(&mut harness, &dialogs, pipe.clone());
    assert!(harness.state().is_loading());
    // The worker lays the chart out for the window as it was; the window is made tall meanwhile.
    harness.set_size(egui::vec2(700.0, 1200.0));
    frames(&mut harness, 2);
    let built_before = harness.state().drawings_built_in_frames();

    let after = chart_of(&["New board", "New team"]);
    let writer = feed(pipe, orgchart::io::to_ron_string(&after).unwrap());
    wait_for_load(&mut harness);
    writer.join().unwrap();

    let app = harness.state();
    assert_eq!(app.chart(), &after);
    assert_eq!(
        app.drawings_built_in_frames(),
        built_before + 1,
        "the drawing laid out for the old window shape was replaced"
    );
    assert!(app.card_screen_rect(&UnitId::new("u1")).is_some());
}

#[test]
fn a_big_chart_opened_on_the_worker_is_shown_first_and_its_panels_figures_follow_from_the_worker() {
    let (mut harness, dialogs) = editor(chart_of(&["Board", "Team"]));
    let figured_before = harness.state().panel_figures_computed_in_frames();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.ron");
    // Big enough that the worker sends the chart before working out its figures.
    let units = orgchart::app::totals::DEFER_ABOVE_UNITS + 1;
    let big = orgchart::generate::generate(units, 7);
    orgchart::io::save(&big, &file).unwrap();

    click_open(&mut harness, &dialogs, file);
    wait_for_load(&mut harness);
    assert_eq!(harness.state().chart().len(), units);
    for _ in 0..1000 {
        if harness.state().totals().chart_figures().units == units {
            break;
        }
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    harness.run();

    let app = harness.state();
    assert_eq!(
        app.totals().chart_figures().units,
        units,
        "the big chart's totals"
    );
    assert_eq!(
        app.figures(),
        orgchart::render::figures::Figures::of(&big, None).as_ref()
    );
    assert_eq!(
        app.panel_figures_computed_in_frames(),
        figured_before,
        "the worker worked out both panels' figures, after the chart: no frame did"
    );
}
