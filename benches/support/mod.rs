//! What the editor benches share: the real editor, headless, on a chart.

use egui_kittest::Harness;
use orgchart::app::OrgchartApp;
use orgchart::app::files::{RecentFiles, ScriptedDialogs};
use orgchart::model::Chart;

/// Criterion's defaults, with the allocator set up as the app and the command line set it up.
pub fn as_users_run() -> criterion::Criterion {
    orgchart::keep_freed_memory();
    criterion::Criterion::default()
}

/// The real editor on `chart` in a 1280x800 window, after its first frames.
pub fn editor_on(chart: Chart) -> Harness<'static, OrgchartApp> {
    let app = OrgchartApp::new(
        chart,
        None,
        Box::new(ScriptedDialogs::default()),
        RecentFiles::in_memory(),
    );
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut OrgchartApp| app.show(ui), app);
    harness.run_steps(3);
    harness
}
