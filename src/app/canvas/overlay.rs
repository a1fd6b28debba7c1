//! What the app paints on top of the chart: selection, hover, find matches, drop targets, collapse toggles,
//! the rubber band, the rename box and the context menus.

use egui::text::{CCursor, CCursorRange};
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Stroke, StrokeKind, TextEdit, Ui, Vec2};

use crate::app::commands::{Command, DeleteMode, ExportFormat};
use crate::app::fonts;
use crate::model::{Chart, LinkKind, UnitId};
use crate::render::FontWeight;

use super::drop::DropDecision;
use super::{Canvas, CanvasEvent, Highlights, canvas_id, describe, name};
use crate::app::state::Selection;

/// Okabe-Ito colours: readable for colour-blind people, and each highlight also differs in shape or width.
pub const FIND_COLOUR: Color32 = Color32::from_rgb(0xE6, 0x9F, 0x00);
pub const VALID_DROP: Color32 = Color32::from_rgb(0x00, 0x9E, 0x73);
pub const REFUSED_DROP: Color32 = Color32::from_rgb(0xD5, 0x5E, 0x00);

pub fn rename_id() -> egui::Id {
    egui::Id::unique("orgchart.rename")
}

pub fn highlights(
    painter: &Painter,
    canvas: &Canvas,
    selection: &Selection,
    found: Highlights<'_>,
) {
    let selected = painter.ctx().global_style().visuals.selection.bg_fill;
    for id in found.matches {
        if let Some(r) = canvas.card_screen_rect(id) {
            let current = found.current == Some(id);
            let width = if current { 4.0 } else { 2.5 };
            painter.rect_stroke(
                r.expand(if current { 6.0 } else { 4.0 }),
                6.0,
                Stroke::new(width, FIND_COLOUR),
                StrokeKind::Outside,
            );
        }
    }
    if let Some(hovered) = canvas.hovered.and_then(|c| canvas.card_id(c))
        && let Some(r) = canvas.card_screen_rect(hovered)
    {
        painter.rect_stroke(
            r.expand(1.5),
            6.0,
            Stroke::new(1.5, selected.gamma_multiply(0.7)),
            StrokeKind::Outside,
        );
    }
    for id in selection.ids() {
        if let Some(r) = canvas.card_screen_rect(id) {
            let width = if selection.primary() == Some(id) {
                3.0
            } else {
                2.0
            };
            painter.rect_stroke(
                r.expand(2.0),
                6.0,
                Stroke::new(width, selected),
                StrokeKind::Outside,
            );
        }
    }
}

/// Where a card's collapse toggle sits: a pill on the middle of its bottom edge.
fn toggle_rect(card: Rect, label_width: f32) -> Rect {
    let size = Vec2::new(label_width.max(18.0) + 10.0, 18.0);
    Rect::from_center_size(Pos2::new(card.center().x, card.bottom()), size)
}

/// Paints "+N" on collapsed cards and "−" on expanded managers that are hovered or selected; returns where,
/// for hit-testing next frame.
pub fn collapse_toggles(
    painter: &Painter,
    canvas: &Canvas,
    selection: &Selection,
    pointer: Option<Pos2>,
) -> Vec<(UnitId, Rect)> {
    let mut out = Vec::new();
    let visuals = &painter.ctx().global_style().visuals;
    let clip = painter.clip_rect();
    let font = FontId::new(12.0, fonts::family(FontWeight::Bold));
    for (i, card) in canvas.cache.drawing.cards.iter().enumerate() {
        let Some(meta) = canvas.cache.meta.get(i) else {
            continue;
        };
        if !meta.has_reports {
            continue;
        }
        let screen = canvas.view.rect_to_screen(card.rect);
        if screen.width() < 40.0 || !clip.intersects(screen.expand(12.0)) {
            continue;
        }
        let label = if meta.collapsed {
            format!("+{}", meta.hidden)
        } else {
            "−".to_owned()
        };
        let galley = painter.layout_no_wrap(label, font.clone(), visuals.strong_text_color());
        let rect = toggle_rect(screen, galley.size().x);
        let near = pointer.is_some_and(|p| rect.expand(4.0).contains(p) || screen.contains(p));
        if !meta.collapsed && !near && !selection.contains(&card.id) {
            continue;
        }
        let hot = pointer.is_some_and(|p| rect.contains(p));
        let fill = if hot {
            visuals.widgets.hovered.bg_fill
        } else {
            visuals.widgets.inactive.bg_fill
        };
        painter.rect(
            rect,
            9.0,
            fill,
            visuals.widgets.inactive.fg_stroke,
            StrokeKind::Inside,
        );
        painter.galley(
            rect.center() - galley.size() / 2.0,
            galley,
            visuals.strong_text_color(),
        );
        out.push((card.id.clone(), rect));
    }
    out
}

/// Veils the cards being dragged in their old places, so the preview following the pointer stands out.
pub fn fade_cards(painter: &Painter, canvas: &Canvas, cards: &[usize]) {
    let veil = super::paint::colour(canvas.cache.drawing.background).gamma_multiply(0.7);
    for &c in cards {
        if let Some(card) = canvas.cache.drawing.cards.get(c) {
            painter.rect_filled(canvas.view.rect_to_screen(card.rect).expand(2.0), 6.0, veil);
        }
    }
}

/// Highlights the drop target (green when allowed, red when refused) and says what dropping will do.
pub fn drop_preview(
    painter: &Painter,
    canvas: &Canvas,
    chart: &Chart,
    moving: &[UnitId],
    target: Option<&UnitId>,
    decision: &DropDecision,
    at: Pos2,
) {
    let who = describe(chart, moving);
    let (text, colour) = match decision {
        DropDecision::Reparent { target } => (
            format!("Drop: {who} reports to '{}'", name(chart, target)),
            VALID_DROP,
        ),
        DropDecision::Link { target, kind } => (
            format!("Drop: {} from {who} to '{}'", kind.label().to_lowercase(), name(chart, target)),
            VALID_DROP,
        ),
        DropDecision::Refused { .. } => (
            format!(
                "Cannot drop here: '{}' is below {who}",
                target.map(|t| name(chart, t)).unwrap_or_default()
            ),
            REFUSED_DROP,
        ),
        DropDecision::Place => (
            "Drop on a card to report to it · Alt: dotted line · Ctrl: contract · Shift: shared service · Esc: cancel"
                .to_owned(),
            painter.ctx().global_style().visuals.weak_text_color(),
        ),
    };
    if let Some(r) = target.and_then(|t| canvas.card_screen_rect(t)) {
        let stroke = if matches!(decision, DropDecision::Refused { .. }) {
            Stroke::new(3.0, REFUSED_DROP)
        } else {
            Stroke::new(4.0, VALID_DROP)
        };
        painter.rect_stroke(r.expand(4.0), 8.0, stroke, StrokeKind::Outside);
        if !matches!(decision, DropDecision::Refused { .. }) {
            painter.rect_filled(r.expand(4.0), 8.0, VALID_DROP.gamma_multiply(0.12));
        }
    }
    bubble(painter, at + Vec2::new(16.0, 18.0), &text, colour);
}

/// A small label with a background, kept inside the canvas.
fn bubble(painter: &Painter, at: Pos2, text: &str, accent: Color32) {
    let visuals = &painter.ctx().global_style().visuals;
    let galley = painter.layout_no_wrap(
        text.to_owned(),
        FontId::proportional(13.0),
        visuals.text_color(),
    );
    let size = galley.size() + Vec2::new(12.0, 8.0);
    let clip = painter.clip_rect();
    let min = Pos2::new(
        at.x.min(clip.right() - size.x).max(clip.left()),
        at.y.min(clip.bottom() - size.y).max(clip.top()),
    );
    let rect = Rect::from_min_size(min, size);
    painter.rect(
        rect,
        4.0,
        visuals.extreme_bg_color,
        Stroke::new(1.5, accent),
        StrokeKind::Inside,
    );
    painter.galley(rect.min + Vec2::new(6.0, 4.0), galley, visuals.text_color());
}

pub fn band(painter: &Painter, ui: &Ui, rect: Rect) {
    let colour = ui.visuals().selection.bg_fill;
    painter.rect(
        rect,
        0.0,
        colour.gamma_multiply(0.15),
        Stroke::new(1.0, colour),
        StrokeKind::Inside,
    );
}

/// The in-place name editor over a card. Enter or clicking elsewhere keeps the name; Escape drops the change.
pub fn rename_ui(ui: &mut Ui, canvas: &mut Canvas) -> Option<CanvasEvent> {
    let id = canvas.rename.as_ref()?.id.clone();
    // Not drawn (yet): the card appears once the drawing is rebuilt after the edit that created it.
    let card = canvas.card_screen_rect(&id)?;
    let px = (14.0 * canvas.view.zoom).clamp(13.0, 28.0);
    let size = Vec2::new(card.width().max(200.0), px + 14.0);
    let rect = Rect::from_center_size(
        Pos2::new(card.center().x, card.top() + size.y / 2.0 + 2.0),
        size,
    );
    let rename = canvas.rename.as_mut()?;
    let response = ui.put(
        rect,
        TextEdit::singleline(&mut rename.text)
            .id(rename_id())
            .font(FontId::new(px, fonts::family(FontWeight::Bold)))
            .hint_text("Unit name"),
    );
    if rename.fresh {
        rename.fresh = false;
        response.request_focus();
        if let Some(mut state) = TextEdit::load_state(ui.ctx(), rename_id()) {
            let end = CCursor::new(rename.text.chars().count());
            state
                .cursor
                .set_char_range(Some(CCursorRange::two(CCursor::new(0), end)));
            TextEdit::store_state(ui.ctx(), rename_id(), state);
        }
        return None;
    }
    if response.lost_focus() {
        let cancelled = ui.input(|i| i.key_pressed(egui::Key::Escape));
        let done = canvas.rename.take()?;
        ui.memory_mut(|m| m.request_focus(canvas_id()));
        if !cancelled {
            return Some(CanvasEvent::Rename {
                id: done.id,
                name: done.text,
            });
        }
    }
    None
}

pub fn card_menu(
    ui: &mut Ui,
    chart: &Chart,
    target: &UnitId,
    sources: &[UnitId],
    command: &mut Option<Command>,
) {
    let target_name = name(chart, target);
    if !sources.is_empty() {
        let who = describe(chart, sources);
        let can_report = !sources.iter().any(|s| chart.is_at_or_above(s, target));
        if ui
            .add_enabled(
                can_report,
                egui::Button::new(format!("Make {who} report to '{target_name}'")),
            )
            .clicked()
        {
            *command = Some(Command::MoveUnder {
                units: sources.to_vec(),
                target: target.clone(),
            });
        }
        for kind in LinkKind::ALL {
            if ui
                .button(format!("Add {} from {who}", kind.label().to_lowercase()))
                .clicked()
            {
                *command = Some(Command::AddLinks {
                    from: sources.to_vec(),
                    to: target.clone(),
                    kind,
                });
            }
        }
        ui.separator();
    } else {
        // The link actions need a second unit: say how to get them rather than leaving them out.
        ui.menu_button("Add a link to here", |ui| {
            for kind in LinkKind::ALL {
                ui.add_enabled(
                    false,
                    egui::Button::new(format!("{} from the selection", kind.label())),
                );
            }
            ui.label(
                egui::RichText::new(
                    "Click the unit the link comes from, then right-click this card; or drag that card here \
                     holding Alt (dotted), Ctrl (contract) or Shift (shared service).",
                )
                .small()
                .weak(),
            );
        });
        ui.separator();
    }
    if ui.button("Add report\tTab").clicked() {
        *command = Some(Command::AddChild);
    }
    if ui.button("Add colleague\tEnter").clicked() {
        *command = Some(Command::AddSibling);
    }
    if ui.button("Rename\tF2").clicked() {
        *command = Some(Command::Rename);
    }
    let has_reports = !chart.children(target).is_empty();
    if has_reports {
        let collapsed = chart.unit(target).is_some_and(|u| u.collapsed);
        let label = if collapsed {
            "Expand\tSpace"
        } else {
            "Collapse\tSpace"
        };
        if ui.button(label).clicked() {
            *command = Some(Command::ToggleCollapse(target.clone()));
        }
    }
    crate::app::arrange::context_menu(ui, chart, target, command);
    ui.separator();
    if has_reports {
        if ui.button("Delete with everything below").clicked() {
            *command = Some(Command::DeleteWith(DeleteMode::Subtree));
        }
        if ui.button("Delete, move reports up").clicked() {
            *command = Some(Command::DeleteWith(DeleteMode::LiftReports));
        }
    } else if ui.button("Delete\tDel").clicked() {
        *command = Some(Command::Delete);
    }
    if chart.unit(target).is_some_and(|u| u.pinned.is_some())
        && ui.button("Reset position").clicked()
    {
        *command = Some(Command::ResetLayout {
            selection_only: true,
        });
    }
    ui.menu_button("Export this part", |ui| {
        for format in [ExportFormat::Png, ExportFormat::Svg, ExportFormat::Pdf] {
            if ui.button(format.label()).clicked() {
                *command = Some(Command::Export {
                    format,
                    selection_only: true,
                });
            }
        }
    });
}

pub fn background_menu(ui: &mut Ui, command: &mut Option<Command>) {
    if ui.button("Add top-level unit").clicked() {
        *command = Some(Command::AddRoot);
    }
    if ui.button("Fit to window\tHome").clicked() {
        *command = Some(Command::FitToWindow);
    }
    if ui.button("Expand all").clicked() {
        *command = Some(Command::ExpandAll);
    }
    if ui.button("Reset layout").clicked() {
        *command = Some(Command::ResetLayout {
            selection_only: false,
        });
    }
}

/// Centred text for an empty chart, wrapped to the canvas and on its own backing, so it stays readable in a
/// narrow window and never runs into the legend or other overlays.
pub fn empty_hint(painter: &Painter, rect: Rect) {
    let visuals = &painter.ctx().global_style().visuals;
    let wrap_width = (rect.width() - 48.0).clamp(120.0, 520.0);
    let galley = painter.layout(
        "An empty chart.\nPress Enter (or Add unit) to add the first unit, then Tab to add its reports."
            .to_owned(),
        FontId::proportional(16.0),
        visuals.weak_text_color(),
        wrap_width,
    );
    let text_rect = Align2::CENTER_CENTER.anchor_size(rect.center(), galley.size());
    painter.rect_filled(text_rect.expand(12.0), 6.0, visuals.extreme_bg_color);
    painter.galley(text_rect.min, galley, visuals.weak_text_color());
}
