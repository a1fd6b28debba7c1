//! The chart views of compare mode: before and after side by side (panning and zooming together), or the
//! merged change chart with a faint mark where each moved unit used to report.

use egui::{Color32, Pos2, Rect, RichText, Stroke, Ui, UiBuilder, Vec2};

use crate::geom;
use crate::model::UnitId;
use crate::render::{ChangeMark, RenderOptions, Theme};

use super::data::Pick;
use super::{Comparison, style};

/// Space between the two side-by-side views.
const GUTTER: f32 = 6.0;
const CAPTION_HEIGHT: f32 = 22.0;

fn options(
    theme: Theme,
    marks: std::collections::HashMap<UnitId, ChangeMark>,
    legend: bool,
) -> RenderOptions {
    RenderOptions {
        theme,
        legend,
        // The captions and header name the charts; a title inside the picture would only take room.
        title: Some(String::new()),
        totals_footer: false,
        respect_collapsed: false,
        marks,
        ..RenderOptions::default()
    }
}

impl Comparison {
    pub(super) fn side_by_side_ui(&mut self, ui: &mut Ui) {
        let area = ui.available_rect_before_wrap();
        let (left, right, stacked) = arrange(
            area,
            self.before_view.chart_bounds(),
            self.after_view.chart_bounds(),
        );
        let rearranged = self
            .stacked
            .replace(stacked)
            .is_some_and(|was| was != stacked);
        if rearranged || self.area_changed(area) {
            self.before_view.request_fit();
            self.after_view.request_fit();
        }
        ui.painter().rect_filled(
            area,
            0.0,
            ui.visuals().widgets.noninteractive.bg_stroke.color,
        );

        let before_caption = format!("Before: {}", self.data.before.label);
        let after_caption = format!("After: {}", self.data.after.label);
        let generation = self.generation;
        let data = &self.data;
        let before_pick = self.pick.as_ref().and_then(|p| p.before.clone());
        let after_pick = self.pick.as_ref().and_then(|p| p.after.clone());

        let before_out = ui
            .scope_builder(UiBuilder::new().max_rect(left), |ui| {
                caption(ui, &before_caption);
                let out = self.before_view.ui(
                    ui,
                    &data.before.chart,
                    generation,
                    |theme| options(theme, data.before_marks.clone(), false),
                    before_pick.as_ref(),
                    |id| data.side_details(id, true),
                );
                if self.pick.is_some() && before_pick.is_none() {
                    self.before_view.note(
                        &ui.painter_at(self.before_view.view.canvas),
                        "Not in the before chart (added)",
                        style::mark_colour(&ChangeMark::Added),
                    );
                }
                out
            })
            .inner;
        if !before_out.moved.is_none() {
            before_out.moved.apply_to(&mut self.after_view.view);
            self.auto_fit = false;
        }
        let after_out = ui
            .scope_builder(UiBuilder::new().max_rect(right), |ui| {
                caption(ui, &after_caption);
                let out = self.after_view.ui(
                    ui,
                    &data.after.chart,
                    generation,
                    |theme| options(theme, data.after_marks.clone(), false),
                    after_pick.as_ref(),
                    |id| data.side_details(id, false),
                );
                if self.pick.is_some() && after_pick.is_none() {
                    self.after_view.note(
                        &ui.painter_at(self.after_view.view.canvas),
                        "Not in the after chart (removed)",
                        style::mark_colour(&ChangeMark::Removed),
                    );
                }
                out
            })
            .inner;
        if !after_out.moved.is_none() {
            self.auto_fit = false;
            after_out.moved.apply_to(&mut self.before_view.view);
            ui.ctx().request_repaint();
        }
        if before_out.fitted || after_out.fitted {
            // Both at one scale, so the same unit is the same size on both sides.
            let zoom = self.before_view.view.zoom.min(self.after_view.view.zoom);
            self.before_view.fit_at_most(zoom);
            self.after_view.fit_at_most(zoom);
            ui.ctx().request_repaint();
        }
        if let Some(clicked) = before_out.clicked {
            self.pick_on_side(clicked.map(|id| Pick::from_before(&id, &self.data.diff)));
        }
        if let Some(clicked) = after_out.clicked {
            self.pick_on_side(clicked.map(|id| Pick::from_after(&id, &self.data.diff)));
        }
    }

    /// A card clicked in one view: its match is picked in the others and brought on screen if it is not.
    fn pick_on_side(&mut self, pick: Option<Pick>) {
        self.auto_fit = false;
        if let Some(pick) = &pick {
            if let Some(id) = &pick.before {
                self.before_view.request_centre_if_hidden(id.clone());
            }
            if let Some(id) = &pick.after {
                self.after_view.request_centre_if_hidden(id.clone());
            }
            if let Some(id) = pick.merged() {
                self.merged_view.request_centre_if_hidden(id.clone());
            }
        }
        self.pick = pick;
    }

    /// True when the views' area changed size while they still show the whole chart (panels settling on
    /// the first frames, the window resized): they should be fitted again.
    fn area_changed(&mut self, area: Rect) -> bool {
        let changed = self
            .last_area
            .replace(area)
            .is_some_and(|last| (last.size() - area.size()).length() > 0.5);
        changed && self.auto_fit
    }

    pub(super) fn merged_ui(&mut self, ui: &mut Ui) {
        if self.area_changed(ui.available_rect_before_wrap()) {
            self.merged_view.request_fit();
        }
        let generation = self.generation;
        let data = &self.data;
        let picked = self.pick.as_ref().and_then(|p| p.merged().cloned());
        let out = self.merged_view.ui(
            ui,
            &data.merged.chart,
            generation,
            |theme| options(theme, data.merged.render_marks(), true),
            picked.as_ref(),
            |id| data.merged_details(id),
        );
        if !out.moved.is_none() {
            self.auto_fit = false;
        }
        let painter = ui.painter_at(self.merged_view.view.canvas);
        self.paint_moved_marks(&painter);
        if let Some(clicked) = out.clicked {
            let pick = clicked.map(|id| Pick::from_merged(&id, &self.data));
            self.pick_on_side(pick);
        }
    }

    /// A faint dashed curve from each moved unit's old manager to the unit: where it used to report.
    fn paint_moved_marks(&self, painter: &egui::Painter) {
        let colour = style::mark_colour(&ChangeMark::Moved).gamma_multiply(0.45);
        let zoom = self.merged_view.view.zoom;
        let width = (1.5 * zoom).clamp(1.0, 3.0);
        for (moved, old_manager) in &self.data.moved_from {
            let (Some(card), Some(manager)) = (
                self.merged_view.card_screen_rect(moved),
                self.merged_view.card_screen_rect(old_manager),
            ) else {
                continue;
            };
            let start = manager.center_bottom();
            let end = card.center_top();
            let bend = ((end.y - start.y).abs() * 0.5).max(40.0 * zoom);
            let curve = egui::epaint::CubicBezierShape::from_points_stroke(
                [
                    start,
                    start + Vec2::new(0.0, bend),
                    end - Vec2::new(0.0, bend),
                    end,
                ],
                false,
                Color32::TRANSPARENT,
                Stroke::new(width, colour),
            );
            let points = curve.flatten(Some(0.5));
            let dash = (6.0 * zoom).clamp(3.0, 12.0);
            painter.extend(egui::Shape::dashed_line(
                &points,
                Stroke::new(width, colour),
                dash,
                dash,
            ));
            painter.circle_filled(start, (3.0 * zoom).clamp(2.0, 5.0), colour);
        }
    }
}

/// Splits `area` between the before and after views: side by side, or one above the other when that shows
/// both charts larger (org charts are usually wide). Returns the two areas and whether they are stacked.
fn arrange(
    area: Rect,
    before: Option<geom::Rect>,
    after: Option<geom::Rect>,
) -> (Rect, Rect, bool) {
    let split = |stacked: bool| {
        if stacked {
            let half = (area.height() - GUTTER) / 2.0;
            let top = Rect::from_min_size(area.min, Vec2::new(area.width(), half));
            let bottom =
                Rect::from_min_max(Pos2::new(area.left(), top.bottom() + GUTTER), area.max);
            (top, bottom)
        } else {
            let half = (area.width() - GUTTER) / 2.0;
            let left = Rect::from_min_size(area.min, Vec2::new(half, area.height()));
            let right = Rect::from_min_max(Pos2::new(left.right() + GUTTER, area.top()), area.max);
            (left, right)
        }
    };
    // The zoom at which both charts fit their halves (below the caption).
    let fit = |(a, b): (Rect, Rect)| {
        let zoom = |room: Rect, bounds: Option<geom::Rect>| {
            bounds.filter(|r| r.w > 0.0 && r.h > 0.0).map_or(1.0, |r| {
                ((room.width() - 48.0) / r.w).min((room.height() - CAPTION_HEIGHT - 48.0) / r.h)
            })
        };
        zoom(a, before).min(zoom(b, after))
    };
    let stacked = fit(split(true)) > fit(split(false));
    let (a, b) = split(stacked);
    (a, b, stacked)
}

fn caption(ui: &mut Ui, text: &str) {
    let rect = ui.available_rect_before_wrap();
    let strip = Rect::from_min_size(rect.min, Vec2::new(rect.width(), CAPTION_HEIGHT));
    ui.painter()
        .rect_filled(strip, 0.0, ui.visuals().faint_bg_color);
    ui.scope_builder(
        UiBuilder::new().max_rect(strip.shrink2(Vec2::new(8.0, 2.0))),
        |ui| {
            ui.label(RichText::new(text).strong());
        },
    );
    ui.advance_cursor_after_rect(strip);
}
