//! How a manager's reports are arranged (its placer) and whether a unit is a staff post: the Details rows,
//! the context menu's "Arrange reports" entries, and the one edit each choice makes, so the Details panel
//! and the canvas change the chart the same way (one undoable step, saved with the unit).

use egui::{RichText, Ui};

use crate::model::{Chart, Edit, Placer, Unit, UnitId};

use super::commands::Command;
use super::inspector::InspectorEdit;

/// What the Details panel calls the choice, and the context menu's submenu.
pub const PLACER_LABEL: &str = "Reports arranged as";
pub const MENU_LABEL: &str = "Arrange reports";
pub const STAFF_LABEL: &str = "Staff post (beside the line, e.g. PA, adviser)";

/// What each placer does, for hover text.
fn placer_hint(placer: Placer) -> &'static str {
    match placer {
        Placer::Auto => {
            "As the view says: a row, compact stacks (View → Compact teams), or fitted to the window (View → Fit layout)"
        }
        Placer::Row => "Side by side in one row below the manager",
        Placer::Column => "Stacked in a column hanging below the manager",
        Placer::Grid => "In a near-square grid of rows below the manager",
    }
}

/// Steps of the window's shape that View → Fit layout follows, on a log scale (about 10%): resizing the
/// window a few pixels does not lay the chart out again, only a real change of shape does.
const ASPECT_STEP: f32 = 0.1;
/// The shape assumed before the canvas has been measured.
const DEFAULT_ASPECT: f32 = 1.6;

impl super::OrgchartApp {
    /// The canvas's width / height, in steps, for View → Fit layout.
    pub(super) fn window_aspect(&self) -> f32 {
        window_aspect(self.canvas.view.canvas)
    }
}

/// `canvas`'s width / height, rounded to a step of [`ASPECT_STEP`].
pub fn window_aspect(canvas: egui::Rect) -> f32 {
    let (w, h) = (canvas.width(), canvas.height());
    if !(w >= 1.0 && h >= 1.0) {
        return DEFAULT_ASPECT;
    }
    (((w / h).ln() / ASPECT_STEP).round() * ASPECT_STEP).exp()
}

/// The edit that arranges `id`'s reports as `placer`, with its undo label; `None` when nothing changes.
pub fn placer_edit(chart: &Chart, id: &UnitId, placer: Placer) -> Option<(Edit, String)> {
    let unit = chart.unit(id)?;
    if unit.placer == placer {
        return None;
    }
    let label = format!(
        "Arrange the reports of '{}' as {}",
        unit.name,
        placer.label().to_lowercase()
    );
    Some((
        Edit::UpdateUnit(Box::new(Unit {
            placer,
            ..unit.clone()
        })),
        label,
    ))
}

/// The edit that makes `id` a staff post or a plain report, with its undo label.
pub fn staff_edit(chart: &Chart, id: &UnitId, staff: bool) -> Option<(Edit, String)> {
    let unit = chart.unit(id)?;
    if unit.staff == staff {
        return None;
    }
    let label = if staff {
        format!("Make '{}' a staff post", unit.name)
    } else {
        format!("Make '{}' a plain report", unit.name)
    };
    Some((
        Edit::UpdateUnit(Box::new(Unit {
            staff,
            ..unit.clone()
        })),
        label,
    ))
}

/// The Details rows, under the fields: the placer for a manager, the staff flag for every unit.
pub fn details_rows(ui: &mut Ui, chart: &Chart, unit: &Unit, out: &mut Vec<InspectorEdit>) {
    ui.add_space(4.0);
    if !chart.children(&unit.id).is_empty() {
        let label = ui.label(PLACER_LABEL);
        let mut placer = unit.placer;
        ui.horizontal_wrapped(|ui| {
            for choice in Placer::ALL {
                ui.radio_value(&mut placer, choice, choice.label())
                    .on_hover_text(placer_hint(choice));
            }
        })
        .response
        .labelled_by(label.id);
        push(out, placer_edit(chart, &unit.id, placer));
    }
    let mut staff = unit.staff;
    let response = ui.checkbox(&mut staff, STAFF_LABEL);
    if chart.parent(&unit.id).is_none() {
        response.on_hover_text("Shown beside its manager's line once it reports to someone");
    }
    push(out, staff_edit(chart, &unit.id, staff));
}

fn push(out: &mut Vec<InspectorEdit>, edit: Option<(Edit, String)>) {
    if let Some((edit, label)) = edit {
        out.push(InspectorEdit { edit, label });
    }
}

/// The context menu's "Arrange reports" submenu for a manager's card.
pub fn context_menu(ui: &mut Ui, chart: &Chart, target: &UnitId, command: &mut Option<Command>) {
    let Some(unit) = chart.unit(target) else {
        return;
    };
    if chart.children(target).is_empty() {
        return;
    }
    ui.menu_button(MENU_LABEL, |ui| {
        for placer in Placer::ALL {
            if ui
                .radio(unit.placer == placer, placer.label())
                .on_hover_text(placer_hint(placer))
                .clicked()
                && unit.placer != placer
            {
                *command = Some(Command::SetPlacer {
                    unit: target.clone(),
                    placer,
                });
            }
        }
        ui.label(
            RichText::new("Saved with the chart; Auto follows the View menu.")
                .small()
                .weak(),
        );
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> Chart {
        let mut chart = Chart::new();
        chart
            .insert_unit(Unit::new("ceo", "Chief Executive"), None, None)
            .unwrap();
        chart
            .insert_unit(Unit::new("pa", "PA"), Some(&UnitId::new("ceo")), None)
            .unwrap();
        chart
    }

    #[test]
    fn the_window_shape_is_followed_in_steps() {
        let rect = |w: f32, h: f32| egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(w, h));
        let wide = window_aspect(rect(1000.0, 500.0));
        assert!((wide / 2.0 - 1.0).abs() < 0.06, "{wide}");
        assert_eq!(
            window_aspect(rect(1000.0, 500.0)),
            window_aspect(rect(1003.0, 500.0))
        );
        assert_eq!(window_aspect(rect(0.0, 0.0)), DEFAULT_ASPECT);
        assert!(window_aspect(rect(500.0, 1000.0)) < 0.55);
    }

    #[test]
    fn a_choice_is_one_edit_of_the_unit_and_no_change_is_no_edit() {
        let chart = chart();
        let ceo = UnitId::new("ceo");
        let (edit, label) = placer_edit(&chart, &ceo, Placer::Grid).unwrap();
        assert_eq!(label, "Arrange the reports of 'Chief Executive' as grid");
        let Edit::UpdateUnit(unit) = edit else {
            panic!("{edit:?}")
        };
        assert_eq!(unit.placer, Placer::Grid);
        assert_eq!(unit.name, "Chief Executive", "nothing else changes");
        assert!(placer_edit(&chart, &ceo, Placer::Auto).is_none());
        let (edit, _) = staff_edit(&chart, &UnitId::new("pa"), true).unwrap();
        assert!(matches!(edit, Edit::UpdateUnit(u) if u.staff));
        assert!(staff_edit(&chart, &UnitId::new("pa"), false).is_none());
        assert!(placer_edit(&chart, &UnitId::new("nobody"), Placer::Row).is_none());
    }
}
