//! Painting the placed cards, taking the text of cards drawn again from the last drawing.

use std::borrow::Cow;

use crate::geom::Rect;
use crate::model::UnitId;

use super::super::card::CardSpec;
use super::super::drawing::{Card, Shape};

/// No card of the last drawing (see [`LastCards::drawn_at`]).
pub(super) const NOT_DRAWN: u32 = u32::MAX;

/// The last drawing's cards, whose text the cards drawn again take instead of copying it.
pub(super) struct LastCards<'a> {
    /// By forest index, where the last drawing has the card if its spec is the one it was painted from
    /// (`NOT_DRAWN`: no such card).
    pub(super) drawn_at: Vec<u32>,
    pub(super) cards: &'a [Card],
    pub(super) shapes: &'a mut [Shape],
}

impl LastCards<'_> {
    /// Asks for the memory [`Self::shapes_of`] reads for the card at forest index `i` some cards ahead:
    /// where the last drawing has it, and then its text shapes (the last ones), all misses on a big chart.
    fn prefetch(&self, i: usize) {
        if let Some(&at) = self.drawn_at.get(i + 2 * ID_PREFETCH_AHEAD) {
            crate::prefetch::item(self.cards, at as usize);
        }
        let near = self
            .drawn_at
            .get(i + ID_PREFETCH_AHEAD)
            .and_then(|&at| self.cards.get(at as usize));
        if let Some(card) = near {
            crate::prefetch::item(self.shapes, card.shapes.end.wrapping_sub(1));
            crate::prefetch::item(self.shapes, card.shapes.end.wrapping_sub(2));
        }
    }

    /// The card at forest index `i` (of id `id`) in the last drawing: its shapes, if it was painted from
    /// the spec it is drawn from now (the id is checked too).
    fn shapes_of(&mut self, i: usize, id: &UnitId) -> Option<&mut [Shape]> {
        let at = *self.drawn_at.get(i)?;
        let card = self.cards.get(usize::try_from(at).ok()?)?;
        if !card.id.is_same(id) {
            return None;
        }
        self.shapes.get_mut(card.shapes.clone())
    }
}

/// How many cards ahead [`paint_cards`] asks for an id's memory.
const ID_PREFETCH_AHEAD: usize = 8;

/// Paints each card's shapes at its place onto `shapes`; returns the cards (their ranges in `shapes`).
/// `ids`, `specs`, `stretched` and `rects` are the same run of cards.
pub(super) fn paint_cards(
    ids: &[UnitId],
    specs: Vec<Cow<CardSpec>>,
    stretched: Vec<Option<f32>>,
    rects: &[Rect],
    mut last: Option<LastCards>,
    shapes: &mut Vec<Shape>,
) -> Vec<Card> {
    let mut cards = Vec::with_capacity(ids.len());
    for (i, ((id, spec), height)) in ids.iter().zip(specs).zip(stretched).enumerate() {
        // Copying an id changes its count, far off in the chart's memory: asked for a few cards ahead.
        if let Some(ahead) = ids.get(i + ID_PREFETCH_AHEAD) {
            ahead.prefetch_for_copy();
        }
        if let Some(last) = &last {
            last.prefetch(i);
        }
        let Some(&rect) = rects.get(i) else {
            continue;
        };
        let start = shapes.len();
        match spec {
            Cow::Borrowed(spec) => {
                let last = last.as_mut().and_then(|last| last.shapes_of(i, id));
                spec.paint_reusing(rect, height, shapes, last.unwrap_or_default())
            }
            Cow::Owned(spec) => spec.paint_into(rect, height, shapes),
        }
        cards.push(Card {
            id: id.clone(),
            rect,
            shapes: start..shapes.len(),
        });
    }
    cards
}
