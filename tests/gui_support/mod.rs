//! What the editor's GUI tests share: an editor on a chart with scripted file dialogs, finding a card on
//! screen, and clicking. Each test file uses part of it, hence the allowance for unused items.
#![allow(dead_code)]

use std::cell::RefCell;
use std::rc::Rc;

use egui::{Event, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use orgchart::app::OrgchartApp;
use orgchart::app::files::{RecentFiles, ScriptedDialogs};
use orgchart::model::{Chart, UnitId};

pub type Dialogs = Rc<RefCell<ScriptedDialogs>>;

pub fn id(s: &str) -> UnitId {
    UnitId::new(s)
}

/// The real editor on `chart` in a 1280x800 window, its file dialogs answered from a script.
pub fn editor_with(chart: Chart) -> (Harness<'static, OrgchartApp>, Dialogs) {
    let dialogs: Dialogs = Rc::default();
    let app = OrgchartApp::new(
        chart,
        None,
        Box::new(dialogs.clone()),
        RecentFiles::in_memory(),
    );
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut OrgchartApp| app.show(ui), app);
    harness.run();
    (harness, dialogs)
}

pub fn card_centre(harness: &Harness<'_, OrgchartApp>, unit: &str) -> Pos2 {
    harness
        .state()
        .card_screen_rect(&id(unit))
        .unwrap_or_else(|| panic!("card '{unit}' is not drawn"))
        .center()
}

/// Presses (or releases) the primary button at `at`, without a frame.
pub fn press(harness: &Harness<'_, OrgchartApp>, at: Pos2, pressed: bool) {
    harness.event(Event::PointerButton {
        pos: at,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    });
}

/// Hovers, then presses and releases `button` at `at`.
pub fn click_at(harness: &mut Harness<'_, OrgchartApp>, at: Pos2, button: PointerButton) {
    harness.hover_at(at);
    harness.run();
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos: at,
            button,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    harness.run();
}

/// Presses at `from`, moves the pointer there in steps, and releases at `to`, a frame per step, as a hand does.
pub fn drag(harness: &mut Harness<'_, OrgchartApp>, from: Pos2, to: Pos2) {
    harness.hover_at(from);
    harness.run();
    press(harness, from, true);
    harness.run();
    for step in 1..=8 {
        harness.hover_at(from.lerp(to, step as f32 / 8.0));
        harness.run();
    }
    press(harness, to, false);
    harness.run();
    harness.remove_cursor();
    harness.run();
}

/// Presses a key, then draws a frame.
pub fn key(harness: &mut Harness<'_, OrgchartApp>, key: egui::Key) {
    harness.key_press(key);
    harness.run();
}

/// Chooses `label` in the View menu.
pub fn click_view_item(harness: &mut Harness<'_, OrgchartApp>, label: &str) {
    click_button(harness, "View");
    click_button(harness, label);
    harness.run();
}

pub fn click_button(harness: &mut Harness<'_, OrgchartApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

/// Whether `written` (an SVG exported from the menu) is what the library exports of the editor's chart with
/// `options`: the menu's exports follow the view.
pub fn is_library_svg(
    harness: &Harness<'_, OrgchartApp>,
    written: &[u8],
    options: &orgchart::render::RenderOptions,
) -> bool {
    let expected = orgchart::export::export_bytes(
        harness.state().chart(),
        orgchart::export::ExportFormat::Svg,
        options,
        2.0,
    );
    expected.is_ok_and(|bytes| bytes == written)
}
