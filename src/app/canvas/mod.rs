//! The chart canvas: paints the library's drawing and turns pointer input into selection, pan and zoom,
//! moves, drops and renames. It never changes the chart itself: it returns events the app applies as edits.

mod card_index;
mod drop;
pub mod labels;
mod overlay;
mod paint;
mod view;

use egui::{Id, Modifiers, PointerButton, Pos2, Sense, Ui, Vec2};

use crate::geom;
use crate::model::{Chart, Edit, UnitId};

use super::commands::Command;
use super::state::Selection;

pub use card_index::CardIndex;
pub use drop::{DropDecision, describe, link_edit, name, reparent_edit};
pub use overlay::empty_hint;
pub use paint::{
    CardMeta, DrawingCache, MIN_NAME_PX, MIN_TEXT_PX, paint_drawing, paint_plain, snap_font_px,
    text_is_drawn,
};
pub use view::View;

/// What happened on the canvas that the app must carry out.
#[derive(Clone, Debug, PartialEq)]
pub enum CanvasEvent {
    Edit {
        edit: Box<Edit>,
        label: String,
    },
    Command(Command),
    /// Something the user tried that was refused; shown as a message, nothing changed.
    Refused(String),
    Rename {
        id: UnitId,
        name: String,
    },
}

/// Find results to show on the cards.
#[derive(Clone, Copy, Default)]
pub struct Highlights<'a> {
    pub matches: &'a [UnitId],
    pub current: Option<&'a UnitId>,
}

/// An in-place rename in progress.
#[derive(Clone, Debug, PartialEq)]
pub struct Rename {
    pub id: UnitId,
    pub text: String,
    /// True until the text field has taken keyboard focus.
    fresh: bool,
}

impl Rename {
    pub fn new(id: UnitId, text: String) -> Self {
        Self {
            id,
            text,
            fresh: true,
        }
    }
}

enum Gesture {
    Idle,
    Pan,
    Move(MoveDrag),
    Band { start: Pos2, additive: bool },
}

struct MoveDrag {
    /// Selected units with no selected manager: the ones that move or change manager.
    units: Vec<UnitId>,
    /// Every card that follows the pointer: the units and what is drawn below them.
    cards: Vec<usize>,
    start: geom::Point,
}

pub fn canvas_id() -> Id {
    Id::unique("orgchart.canvas")
}

pub struct Canvas {
    pub view: View,
    pub cache: DrawingCache,
    pub rename: Option<Rename>,
    gesture: Gesture,
    fit_pending: bool,
    centre_pending: Option<UnitId>,
    reveal_pending: Option<UnitId>,
    zoom_to_selection_pending: bool,
    /// Selection at the moment of a right-click on another card: the menu offers to link or move it there.
    context_sources: Vec<UnitId>,
    context_target: Option<UnitId>,
    /// Collapse toggles painted last frame, for hit-testing clicks.
    toggles: Vec<(UnitId, egui::Rect)>,
    hovered: Option<usize>,
    /// Far-out branch labels painted last frame (for tests: their number is bounded by the screen).
    labels_painted: usize,
    /// The size of the names on the cards drawn (dense cards have smaller ones): branch labels take over
    /// when names become too small to draw.
    pub name_size: f32,
}

impl Default for Canvas {
    fn default() -> Self {
        Self {
            view: View::default(),
            cache: DrawingCache::default(),
            rename: None,
            gesture: Gesture::Idle,
            fit_pending: true,
            centre_pending: None,
            reveal_pending: None,
            zoom_to_selection_pending: false,
            context_sources: Vec::new(),
            context_target: None,
            toggles: Vec::new(),
            hovered: None,
            labels_painted: 0,
            name_size: crate::render::style::NAME_SIZE,
        }
    }
}

impl Canvas {
    /// Fit the chart to the window at the next frame (the canvas size is known only then).
    pub fn request_fit(&mut self) {
        self.fit_pending = true;
    }

    /// Centre this unit's card at the next frame (after the drawing is rebuilt, if an edit is pending).
    pub fn request_centre(&mut self, id: UnitId) {
        self.centre_pending = Some(id);
    }

    /// Centre this unit's card at the next frame only if it is not already wholly on screen.
    pub fn request_centre_if_hidden(&mut self, id: UnitId) {
        self.reveal_pending = Some(id);
    }

    pub fn request_zoom_to_selection(&mut self) {
        self.zoom_to_selection_pending = true;
    }

    pub fn zoom_by(&mut self, factor: f32) {
        let centre = self.view.canvas.center();
        self.view.zoom_around(centre, factor);
    }

    pub fn is_dragging_cards(&self) -> bool {
        matches!(self.gesture, Gesture::Move(_))
    }

    /// Where a unit's card is on screen, if drawn.
    pub fn card_screen_rect(&self, id: &UnitId) -> Option<egui::Rect> {
        self.cache
            .card_rect(id)
            .map(|r| self.view.rect_to_screen(r))
    }

    /// How many far-out branch labels were painted last frame.
    pub fn labels_painted(&self) -> usize {
        self.labels_painted
    }

    /// Where a unit's collapse toggle was painted last frame.
    pub fn toggle_screen_rect(&self, id: &UnitId) -> Option<egui::Rect> {
        self.toggles.iter().find(|(t, _)| t == id).map(|(_, r)| *r)
    }

    fn card_id(&self, index: usize) -> Option<&UnitId> {
        self.cache.drawing.cards.get(index).map(|c| &c.id)
    }

    fn card_under(&self, screen: Pos2) -> Option<usize> {
        self.cache.card_at(self.view.to_chart(screen))
    }

    fn apply_pending_view_changes(&mut self, selection: &Selection) {
        if self.fit_pending {
            self.fit_pending = false;
            self.view.fit(self.cache.drawing.bounds);
        }
        if std::mem::take(&mut self.zoom_to_selection_pending) {
            let rects: Vec<geom::Rect> = selection
                .ids()
                .iter()
                .filter_map(|id| self.cache.card_rect(id))
                .collect();
            if let Some(bounds) = geom::Rect::bounding(&rects) {
                self.view.show_rect(bounds.expand(40.0), 1.5);
            }
        }
        if let Some(id) = self.reveal_pending.take() {
            let on_screen = self
                .card_screen_rect(&id)
                .is_some_and(|r| self.view.canvas.contains_rect(r) && r.height() >= 12.0);
            if !on_screen {
                self.centre_pending = Some(id);
            }
        }
        if let Some(id) = self.centre_pending.take()
            && let Some(r) = self.cache.card_rect(&id)
        {
            // Make the card readable if it is too small to read, then centre it.
            if r.h * self.view.zoom < 40.0 {
                self.view.zoom = (60.0 / r.h.max(1.0)).min(view::MAX_ZOOM);
            }
            self.view.centre_on(r.center());
        }
    }

    /// Shows the canvas in all the space left in `ui`.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        chart: &Chart,
        selection: &mut Selection,
        highlights: Highlights<'_>,
    ) -> Vec<CanvasEvent> {
        let mut events = Vec::new();
        let rect = ui.available_rect_before_wrap();
        self.view.canvas = rect;
        let response = ui.interact(rect, canvas_id(), Sense::click_and_drag());
        ui.advance_cursor_after_rect(rect);
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Chart canvas"));
        if response.has_focus() {
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    canvas_id(),
                    egui::EventFilter {
                        tab: true,
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        escape: false,
                    },
                );
            });
        }
        self.apply_pending_view_changes(selection);
        self.scroll_and_zoom(ui, rect);

        let pointer = ui
            .input(|i| i.pointer.latest_pos())
            .filter(|p| rect.contains(*p));
        self.hovered = pointer.and_then(|p| self.card_under(p));
        self.gestures(ui, &response, chart, selection, &mut events);
        self.clicks(ui, &response, chart, selection, &mut events);

        let painter = ui.painter_at(rect);
        paint::paint_drawing(&painter, &self.cache, &self.view);
        self.labels_painted = 0;
        if !paint::text_is_drawn(self.name_size, self.view.zoom) {
            let labels = labels::place(&self.cache.branches, &self.view);
            let background = paint::colour(self.cache.drawing.background);
            labels::paint(&painter, &labels, background);
            self.labels_painted = labels.len();
        }
        overlay::highlights(&painter, self, selection, highlights);
        self.toggles = overlay::collapse_toggles(&painter, self, selection, pointer);
        self.paint_gesture(&painter, ui, chart, pointer);
        if let Some(event) = overlay::rename_ui(ui, self) {
            events.push(event);
        }
        self.context_menu(&response, chart, &mut events);
        events
    }

    fn scroll_and_zoom(&mut self, ui: &Ui, rect: egui::Rect) {
        let (scroll, zoom, hover) = ui.input(|i| {
            (
                i.smooth_scroll_delta(),
                i.zoom_delta(),
                i.pointer.hover_pos(),
            )
        });
        let Some(hover) = hover.filter(|p| rect.contains(*p)) else {
            return;
        };
        if zoom != 1.0 {
            self.view.zoom_around(hover, zoom);
        }
        if scroll != Vec2::ZERO {
            self.view.pan_by(scroll);
        }
    }

    fn gestures(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        chart: &Chart,
        selection: &mut Selection,
        events: &mut Vec<CanvasEvent>,
    ) {
        let (origin, modifiers, escape) = ui.input(|i| {
            (
                i.pointer.press_origin(),
                i.modifiers,
                i.key_pressed(egui::Key::Escape),
            )
        });
        if response.drag_started() {
            response.request_focus();
            self.gesture = if response.dragged_by(PointerButton::Primary) {
                self.start_primary_drag(origin, modifiers, chart, selection)
            } else {
                Gesture::Pan
            };
        }
        if escape && !matches!(self.gesture, Gesture::Idle) {
            self.gesture = Gesture::Idle;
        }
        if response.dragged() && matches!(self.gesture, Gesture::Pan) {
            self.view.pan_by(response.drag_delta());
        }
        if response.drag_stopped() {
            let finished = std::mem::replace(&mut self.gesture, Gesture::Idle);
            let at = ui.input(|i| i.pointer.interact_pos());
            match (finished, at) {
                (Gesture::Move(drag), Some(at)) => {
                    self.finish_move(drag, at, modifiers, chart, events);
                }
                (Gesture::Band { start, additive }, Some(at)) => {
                    self.finish_band(start, at, additive, selection);
                }
                _ => {}
            }
        }
    }

    fn start_primary_drag(
        &mut self,
        origin: Option<Pos2>,
        modifiers: Modifiers,
        chart: &Chart,
        selection: &mut Selection,
    ) -> Gesture {
        let Some(origin) = origin else {
            return Gesture::Pan;
        };
        let grabbed = self
            .card_under(origin)
            .and_then(|c| self.card_id(c).cloned());
        let Some(grabbed) = grabbed else {
            return if modifiers.shift || modifiers.command {
                Gesture::Band {
                    start: origin,
                    additive: true,
                }
            } else {
                Gesture::Pan
            };
        };
        if !selection.contains(&grabbed) {
            if modifiers.shift || modifiers.command {
                selection.add(grabbed.clone());
            } else {
                selection.set(grabbed.clone());
            }
        }
        let units = selection.topmost(chart);
        let mut cards: Vec<usize> = units
            .iter()
            .flat_map(|id| chart.subtree(id))
            .filter_map(|id| self.cache.card_index.get(id))
            .collect();
        cards.sort_unstable();
        cards.dedup();
        Gesture::Move(MoveDrag {
            units,
            cards,
            start: self.view.to_chart(origin),
        })
    }

    fn drop_target(&self, at: Pos2, drag: &MoveDrag) -> Option<UnitId> {
        let chart_at = self.view.to_chart(at);
        // The topmost card under the pointer, other than the dragged units themselves. Their reports count
        // (where they were before the drag), so dropping a unit onto its own report is seen and refused rather
        // than read as a move to empty space.
        self.cache
            .drawing
            .cards
            .iter()
            .rev()
            .find(|card| card.rect.contains(chart_at) && !drag.units.contains(&card.id))
            .map(|card| card.id.clone())
    }

    fn finish_move(
        &mut self,
        drag: MoveDrag,
        at: Pos2,
        modifiers: Modifiers,
        chart: &Chart,
        events: &mut Vec<CanvasEvent>,
    ) {
        let target = self.drop_target(at, &drag);
        let who = describe(chart, &drag.units);
        match drop::decide(chart, &drag.units, target.as_ref(), modifiers) {
            DropDecision::Reparent { target } => {
                if drag
                    .units
                    .iter()
                    .all(|id| chart.parent(id) == Some(&target))
                {
                    return;
                }
                events.push(CanvasEvent::Edit {
                    edit: Box::new(drop::reparent_edit(chart, &drag.units, &target)),
                    label: format!("{who} now reports to '{}'", name(chart, &target)),
                });
            }
            DropDecision::Link { target, kind } => events.push(CanvasEvent::Edit {
                edit: Box::new(drop::link_edit(&drag.units, &target, kind)),
                label: format!("{} from {who} to '{}'", kind.label(), name(chart, &target)),
            }),
            DropDecision::Refused { reason } => events.push(CanvasEvent::Refused(reason)),
            DropDecision::Place => {
                let end = self.view.to_chart(at);
                let delta = geom::Point::new(end.x - drag.start.x, end.y - drag.start.y);
                if delta.x.hypot(delta.y) * self.view.zoom < 3.0 {
                    return;
                }
                let edit = drop::place_edit(chart, &drag.units, delta, |id| {
                    self.cache.card_rect(id).map(|r| r.min())
                });
                events.push(CanvasEvent::Edit {
                    edit: Box::new(edit),
                    label: format!("Move {who}"),
                });
            }
        }
    }

    fn finish_band(&mut self, start: Pos2, end: Pos2, additive: bool, selection: &mut Selection) {
        let band = view::from_rect(egui::Rect::from_two_pos(
            self.view.chart_from_screen().mul_pos(start),
            self.view.chart_from_screen().mul_pos(end),
        ));
        if !additive {
            selection.clear();
        }
        for card in &self.cache.drawing.cards {
            if card.rect.intersects(&band) {
                selection.add(card.id.clone());
            }
        }
    }

    fn clicks(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        chart: &Chart,
        selection: &mut Selection,
        events: &mut Vec<CanvasEvent>,
    ) {
        let modifiers = ui.input(|i| i.modifiers);
        let at = response.interact_pointer_pos();
        if response.clicked() {
            response.request_focus();
            let Some(at) = at else {
                return;
            };
            if let Some((id, _)) = self.toggles.iter().find(|(_, r)| r.contains(at)) {
                events.push(CanvasEvent::Command(Command::ToggleCollapse(id.clone())));
                return;
            }
            match self.card_under(at).and_then(|c| self.card_id(c).cloned()) {
                Some(id) if modifiers.shift || modifiers.command => selection.toggle(id),
                Some(id) => selection.set(id),
                None if !(modifiers.shift || modifiers.command) => selection.clear(),
                None => {}
            }
        }
        if response.double_clicked()
            && let Some(id) = at
                .and_then(|p| self.card_under(p))
                .and_then(|c| self.card_id(c).cloned())
        {
            selection.set(id.clone());
            let name = chart.unit(&id).map(|u| u.name.clone()).unwrap_or_default();
            self.rename = Some(Rename::new(id, name));
        }
        if response.secondary_clicked() {
            let target = at
                .and_then(|p| self.card_under(p))
                .and_then(|c| self.card_id(c).cloned());
            self.context_sources.clear();
            if let Some(target) = &target
                && !selection.contains(target)
            {
                self.context_sources = selection.topmost(chart);
                selection.set(target.clone());
            }
            self.context_target = target;
        }
    }

    fn paint_gesture(
        &self,
        painter: &egui::Painter,
        ui: &Ui,
        chart: &Chart,
        pointer: Option<Pos2>,
    ) {
        match &self.gesture {
            Gesture::Move(drag) => {
                let Some(at) = pointer.or_else(|| ui.input(|i| i.pointer.latest_pos())) else {
                    return;
                };
                let end = self.view.to_chart(at);
                let offset = Vec2::new(end.x - drag.start.x, end.y - drag.start.y);
                overlay::fade_cards(painter, self, &drag.cards);
                paint::paint_cards(painter, &self.cache, &self.view, &drag.cards, offset, 0.85);
                let modifiers = ui.input(|i| i.modifiers);
                let target = self.drop_target(at, drag);
                let decision = drop::decide(chart, &drag.units, target.as_ref(), modifiers);
                overlay::drop_preview(
                    painter,
                    self,
                    chart,
                    &drag.units,
                    target.as_ref(),
                    &decision,
                    at,
                );
            }
            Gesture::Band { start, .. } => {
                if let Some(at) = pointer {
                    overlay::band(painter, ui, egui::Rect::from_two_pos(*start, at));
                }
            }
            Gesture::Idle | Gesture::Pan => {}
        }
    }

    fn context_menu(
        &mut self,
        response: &egui::Response,
        chart: &Chart,
        events: &mut Vec<CanvasEvent>,
    ) {
        let target = self.context_target.clone();
        let sources = self.context_sources.clone();
        response.context_menu(|ui| {
            let mut command = None;
            match &target {
                Some(target) => {
                    overlay::card_menu(ui, chart, target, &sources, &mut command);
                }
                None => overlay::background_menu(ui, &mut command),
            }
            if let Some(command) = command {
                events.push(CanvasEvent::Command(command));
                ui.close();
            }
        });
    }
}
