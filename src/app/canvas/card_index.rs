//! Finds a unit's card in the drawing by its id, kept from one drawing to the next without hashing every id.
//!
//! A map from every id to its card index must change for every card after a moved or added one, and building
//! it anew cloned and hashed every id of the chart (after each structural edit of a 100k chart, a few
//! milliseconds). Here each id keeps a *slot* for as long as it is drawn: the map from ids to slots changes
//! only for new ids, and what changes per drawing is a vector from slots to card indices. A new drawing's
//! cards are matched to the last drawing's by place, as the measure cache does: card `i` is looked for at
//! `i` shifted by how far the cards before it moved, by a pointer compare of the ids; only a miss hashes
//! the id, and the look-up resets the shift. So an unchanged drawing, or one where a subtree moved or a
//! card was added, hashes a few ids, not all of them.

use foldhash::HashMap;

use crate::model::UnitId;
use crate::render::Card;

const NO_CARD: u32 = u32::MAX;

#[derive(Debug, Default)]
pub struct CardIndex {
    /// Every id drawn since the index was last built from scratch; ids no longer drawn keep their slot
    /// (their card is `NO_CARD`) until there are as many of them as drawn ones.
    slot_of: HashMap<UnitId, u32>,
    /// The card drawn for each slot, or `NO_CARD`.
    card_of_slot: Vec<u32>,
    /// Each card's slot, to match the next drawing's cards to these by place.
    slot_of_card: Vec<u32>,
    /// How many ids the last update hashed (for tests: hashing every id is what this avoids).
    hashed: usize,
}

impl CardIndex {
    /// The index of the card drawn for `id`, if any (the last such card, were an id drawn twice).
    pub fn get(&self, id: &UnitId) -> Option<usize> {
        let slot = *self.slot_of.get(id)?;
        let card = *self.card_of_slot.get(slot as usize)?;
        (card != NO_CARD).then_some(card as usize)
    }

    /// How many ids the last [`Self::update`] hashed.
    pub fn hashed(&self) -> usize {
        self.hashed
    }

    /// Brings the index from the cards `old` (what it indexes now) to the cards `new`.
    pub fn update(&mut self, old: &[Card], new: &[Card]) {
        if self.slot_of_card.len() != old.len() || self.slot_of.len() > 2 * new.len() + 1024 {
            // Not what this index was built for, or mostly ids no longer drawn: start again.
            *self = Self::default();
            return self.update(&[], new);
        }
        let mut hashed = 0;
        let old_card_of_slot = std::mem::take(&mut self.card_of_slot);
        let mut card_of_slot = vec![NO_CARD; old_card_of_slot.len()];
        let mut slot_of_card = Vec::with_capacity(new.len());
        // Where the last drawing's card for the next new card is expected: its index minus this one's.
        let mut shift: isize = 0;
        for (i, card) in new.iter().enumerate() {
            let at = i.checked_add_signed(shift);
            let by_place = at
                .and_then(|j| old.get(j).map(|o| (j, o)))
                .filter(|(_, o)| o.id.is_same(&card.id))
                .and_then(|(j, _)| self.slot_of_card.get(j).copied());
            let slot = match by_place {
                Some(slot) => slot,
                None => {
                    hashed += 1;
                    let slot = match self.slot_of.get(&card.id) {
                        Some(&slot) => slot,
                        None => {
                            let slot = card_of_slot.len() as u32;
                            card_of_slot.push(NO_CARD);
                            self.slot_of.insert(card.id.clone(), slot);
                            slot
                        }
                    };
                    // The cards after it probably moved as far as it did.
                    if let Some(&j) = old_card_of_slot.get(slot as usize)
                        && j != NO_CARD
                    {
                        shift = j as isize - i as isize;
                    }
                    slot
                }
            };
            card_of_slot[slot as usize] = i as u32;
            slot_of_card.push(slot);
        }
        self.card_of_slot = card_of_slot;
        self.slot_of_card = slot_of_card;
        self.hashed = hashed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::Rect;

    fn cards(ids: &[&UnitId]) -> Vec<Card> {
        ids.iter()
            .map(|&id| Card {
                id: id.clone(),
                rect: Rect::default(),
                shapes: 0..0,
            })
            .collect()
    }

    /// What the index replaced: a map of every card's id to its (last) index.
    fn map_of(cards: &[Card]) -> HashMap<UnitId, usize> {
        cards
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect()
    }

    fn assert_answers_as_the_map(index: &CardIndex, cards: &[Card], others: &[UnitId]) {
        let map = map_of(cards);
        for id in cards.iter().map(|c| &c.id).chain(others) {
            assert_eq!(index.get(id), map.get(id).copied(), "{id}");
        }
    }

    #[test]
    fn moves_additions_and_removals_answer_as_a_map_of_every_id_and_hash_few_ids() {
        let ids: Vec<UnitId> = (0..1000).map(|i| UnitId::new(format!("u{i}"))).collect();
        let mut order: Vec<&UnitId> = ids.iter().collect();
        let mut index = CardIndex::default();
        let mut drawn = cards(&order);
        index.update(&[], &drawn);
        assert_eq!(index.hashed(), 1000, "a first drawing hashes every id");
        assert_answers_as_the_map(&index, &drawn, &[]);

        let step = |order: &[&UnitId], index: &mut CardIndex, drawn: &mut Vec<Card>| {
            let next = cards(order);
            index.update(drawn, &next);
            *drawn = next;
            assert_answers_as_the_map(index, drawn, &ids);
            index.hashed()
        };
        // Unchanged.
        assert_eq!(step(&order, &mut index, &mut drawn), 0);
        // A run of 50 moved from the middle to near the front.
        let moved: Vec<&UnitId> = order.drain(500..550).collect();
        order.splice(100..100, moved);
        assert!(step(&order, &mut index, &mut drawn) <= 4);
        // One removed, then one added (a new id), then one removed at the end.
        order.remove(300);
        assert!(step(&order, &mut index, &mut drawn) <= 2);
        let added = UnitId::new("added");
        order.insert(10, &added);
        assert!(step(&order, &mut index, &mut drawn) <= 2);
        order.pop();
        assert!(step(&order, &mut index, &mut drawn) <= 2);
        // Equal ids in other strings (a chart read again) are found by hashing, and answer the same.
        let copies: Vec<UnitId> = order.iter().map(|id| UnitId::new(id.to_string())).collect();
        let order: Vec<&UnitId> = copies.iter().collect();
        assert_eq!(step(&order, &mut index, &mut drawn), order.len());
        // Shuffled: every id answers where it is now.
        let mut shuffled = order.clone();
        shuffled.reverse();
        shuffled.swap(3, 700);
        step(&shuffled, &mut index, &mut drawn);
        // Nothing drawn.
        step(&[], &mut index, &mut drawn);
    }

    #[test]
    fn an_id_drawn_twice_answers_its_last_card_as_the_map_did() {
        let (a, b) = (UnitId::new("a"), UnitId::new("b"));
        let mut index = CardIndex::default();
        let drawn = cards(&[&a, &b, &a]);
        index.update(&[], &drawn);
        assert_answers_as_the_map(&index, &drawn, &[]);
        let next = cards(&[&b, &a, &a, &b]);
        index.update(&drawn, &next);
        assert_answers_as_the_map(&index, &next, &[]);
    }

    #[test]
    fn ids_no_longer_drawn_are_forgotten_when_they_outnumber_the_drawn_ones() {
        let mut index = CardIndex::default();
        let mut drawn = Vec::new();
        for round in 0..5 {
            let ids: Vec<UnitId> = (0..1000)
                .map(|i| UnitId::new(format!("r{round}-{i}")))
                .collect();
            let next = cards(&ids.iter().collect::<Vec<_>>());
            index.update(&drawn, &next);
            drawn = next;
            assert_answers_as_the_map(&index, &drawn, &[]);
            assert!(index.slot_of.len() <= 2 * 1000 + 1024 + 1000);
        }
    }
}
