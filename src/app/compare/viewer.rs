//! A read-only chart canvas for the comparison: paints the library's drawing with the editor's painter, pans
//! and zooms, and reports clicks. It never edits anything, so several can be on screen at once (each with its
//! own egui id).

use egui::{Color32, Pos2, Sense, Stroke, StrokeKind, Ui, Vec2};

use crate::app::canvas::{DrawingCache, View, paint_drawing};
use crate::model::{Chart, UnitId};
use crate::render::{RenderOptions, Theme};

/// Cards smaller than this on screen are enlarged when the view centres on them.
const READABLE_CARD_PX: f32 = 40.0;

/// How the user moved the view this frame, so a second view can follow.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ViewChange {
    /// Zoom factor and where it was anchored, relative to the canvas's top-left corner.
    pub zoom: Option<(Vec2, f32)>,
    pub pan: Vec2,
}

impl ViewChange {
    pub fn is_none(&self) -> bool {
        self.zoom.is_none() && self.pan == Vec2::ZERO
    }

    /// Moves `view` the same way, so two charts stay in step even though their cards sit in different places.
    pub fn apply_to(&self, view: &mut View) {
        if let Some((anchor, factor)) = self.zoom {
            view.zoom_around(view.canvas.min + anchor, factor);
        }
        view.pan_by(self.pan);
    }
}

/// What happened in the view this frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewerOutput {
    /// `Some(Some(id))`: a card was clicked; `Some(None)`: the empty background was.
    pub clicked: Option<Option<UnitId>>,
    pub moved: ViewChange,
    /// The view was fitted to the chart this frame.
    pub fitted: bool,
}

pub struct ChartViewer {
    id_salt: &'static str,
    name: &'static str,
    pub view: View,
    cache: DrawingCache,
    built_for: Option<(u64, Theme)>,
    fit_pending: bool,
    centre_pending: Option<UnitId>,
    reveal_pending: Option<UnitId>,
    hovered: Option<UnitId>,
}

impl ChartViewer {
    /// `name` is what assistive technology (and the tests) call this canvas.
    pub fn new(id_salt: &'static str, name: &'static str) -> Self {
        Self {
            id_salt,
            name,
            view: View::default(),
            cache: DrawingCache::default(),
            built_for: None,
            fit_pending: true,
            centre_pending: None,
            reveal_pending: None,
            hovered: None,
        }
    }

    pub fn request_fit(&mut self) {
        self.fit_pending = true;
    }

    /// Centre this unit's card at the next frame (enlarging it if it is too small to read).
    pub fn request_centre(&mut self, id: UnitId) {
        self.centre_pending = Some(id);
    }

    /// The zoom at which this unit's card is readable: the current one, or larger if the card is too small.
    pub fn readable_zoom(&self, id: &UnitId) -> Option<f32> {
        let r = self.cache.card_rect(id)?;
        Some(if r.h * self.view.zoom < READABLE_CARD_PX {
            60.0 / r.h.max(1.0)
        } else {
            self.view.zoom
        })
    }

    /// Sets the zoom, keeping the middle of the view where it is.
    pub fn set_zoom(&mut self, zoom: f32) {
        let factor = zoom / self.view.zoom;
        self.view.zoom_around(self.view.canvas.center(), factor);
    }

    /// Centre this unit's card at the next frame only if it is not wholly on screen.
    pub fn request_centre_if_hidden(&mut self, id: UnitId) {
        self.reveal_pending = Some(id);
    }

    /// Forgets the drawing so the next frame builds it again (after the charts were swapped).
    pub fn invalidate(&mut self) {
        self.built_for = None;
        self.fit_pending = true;
    }

    /// The extent of the drawing, once it has been built.
    pub fn chart_bounds(&self) -> Option<crate::geom::Rect> {
        self.built_for.map(|_| self.cache.drawing.bounds)
    }

    pub fn hovered(&self) -> Option<&UnitId> {
        self.hovered.as_ref()
    }

    /// Where a unit's card is on screen, if it is drawn.
    pub fn card_screen_rect(&self, id: &UnitId) -> Option<egui::Rect> {
        self.cache
            .card_rect(id)
            .map(|r| self.view.rect_to_screen(r))
    }

    /// Shows the chart in all the space left in `ui`. `options` is asked for only when the drawing must be
    /// (re)built: the first time, after `invalidate`, or when the theme changes. `tooltip` gives the lines
    /// shown over a hovered card, the first as its title.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        chart: &Chart,
        generation: u64,
        options: impl FnOnce(Theme) -> RenderOptions,
        selected: Option<&UnitId>,
        tooltip: impl FnOnce(&UnitId) -> Vec<String>,
    ) -> ViewerOutput {
        let theme = if ui.visuals().dark_mode {
            Theme::Dark
        } else {
            Theme::Light
        };
        if self.built_for != Some((generation, theme)) {
            self.cache.ensure(chart, generation, &options(theme));
            self.built_for = Some((generation, theme));
        }
        let rect = ui.available_rect_before_wrap();
        self.view.canvas = rect;
        let id = ui.make_persistent_id(self.id_salt);
        let response = ui.interact(rect, id, Sense::click_and_drag());
        ui.advance_cursor_after_rect(rect);
        let name = self.name;
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, name));
        let mut output = ViewerOutput {
            fitted: self.apply_pending(),
            ..ViewerOutput::default()
        };
        self.pan_and_zoom(ui, &response, &mut output.moved);
        let pointer = ui
            .input(|i| i.pointer.latest_pos())
            .filter(|p| rect.contains(*p));
        self.hovered = pointer
            .and_then(|p| self.cache.card_at(self.view.to_chart(p)))
            .and_then(|c| self.cache.drawing.cards.get(c))
            .map(|card| card.id.clone());
        if response.clicked() {
            let at = response.interact_pointer_pos();
            output.clicked = Some(
                at.and_then(|p| self.cache.card_at(self.view.to_chart(p)))
                    .and_then(|c| self.cache.drawing.cards.get(c))
                    .map(|card| card.id.clone()),
            );
        }

        let painter = ui.painter_at(rect);
        paint_drawing(&painter, &self.cache, &self.view);
        self.paint_highlights(&painter, ui, selected);
        if let Some(hovered) = self.hovered.clone() {
            let lines = tooltip(&hovered);
            if !lines.is_empty() && !response.dragged() {
                response.on_hover_ui_at_pointer(|ui| {
                    for (i, line) in lines.into_iter().enumerate() {
                        if i == 0 {
                            ui.label(egui::RichText::new(line).strong());
                        } else {
                            ui.label(line);
                        }
                    }
                });
            }
        }
        output
    }

    /// Shows the whole chart, centred, no larger than `zoom`.
    pub fn fit_at_most(&mut self, zoom: f32) {
        self.view.show_rect(self.cache.drawing.bounds, zoom);
    }

    /// Carries out pending fit and centre requests; true if the view was fitted.
    fn apply_pending(&mut self) -> bool {
        let fitted = std::mem::take(&mut self.fit_pending);
        if fitted {
            self.view.fit(self.cache.drawing.bounds);
        }
        if let Some(id) = self.reveal_pending.take() {
            let on_screen = self.card_screen_rect(&id).is_some_and(|r| {
                self.view.canvas.contains_rect(r) && r.height() >= READABLE_CARD_PX / 2.0
            });
            if !on_screen {
                self.centre_pending = Some(id);
            }
        }
        if let Some(id) = self.centre_pending.take()
            && let Some(r) = self.cache.card_rect(&id)
        {
            if r.h * self.view.zoom < READABLE_CARD_PX {
                let factor = 60.0 / (r.h.max(1.0) * self.view.zoom);
                self.view.zoom_around(self.view.canvas.center(), factor);
            }
            self.view.centre_on(r.center());
        }
        fitted
    }

    fn pan_and_zoom(&mut self, ui: &Ui, response: &egui::Response, change: &mut ViewChange) {
        let rect = self.view.canvas;
        let (scroll, zoom, hover) = ui.input(|i| {
            (
                i.smooth_scroll_delta(),
                i.zoom_delta(),
                i.pointer.hover_pos(),
            )
        });
        if let Some(hover) = hover.filter(|p| rect.contains(*p)) {
            if zoom != 1.0 {
                self.view.zoom_around(hover, zoom);
                change.zoom = Some((hover - rect.min, zoom));
            }
            if scroll != Vec2::ZERO {
                self.view.pan_by(scroll);
                change.pan += scroll;
            }
        }
        if response.dragged() {
            let delta = response.drag_delta();
            self.view.pan_by(delta);
            change.pan += delta;
        }
    }

    fn paint_highlights(&self, painter: &egui::Painter, ui: &Ui, selected: Option<&UnitId>) {
        let colour = ui.visuals().selection.bg_fill;
        if let Some(r) = self
            .hovered
            .as_ref()
            .and_then(|id| self.card_screen_rect(id))
        {
            painter.rect_stroke(
                r.expand(1.5),
                6.0,
                Stroke::new(1.5, colour.gamma_multiply(0.7)),
                StrokeKind::Outside,
            );
        }
        if let Some(r) = selected.and_then(|id| self.card_screen_rect(id)) {
            painter.rect_stroke(
                r.expand(3.0),
                6.0,
                Stroke::new(3.0, colour),
                StrokeKind::Outside,
            );
        }
    }

    /// Paints a note in the middle of the view (e.g. "not in this chart").
    pub fn note(&self, painter: &egui::Painter, text: &str, colour: Color32) {
        let at = Pos2::new(
            self.view.canvas.center().x,
            self.view.canvas.bottom() - 18.0,
        );
        painter.text(
            at,
            egui::Align2::CENTER_CENTER,
            text,
            egui::FontId::proportional(13.0),
            colour,
        );
    }
}
