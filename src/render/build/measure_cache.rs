//! Card measurements kept between builds, so an edit re-measures only the cards whose content changed.
//!
//! Measuring a card wraps its text, which is most of what building a big drawing costs. A card's spec
//! depends only on its unit, its figures (the totals the figures row is formatted from), how many units are
//! hidden below it, its change mark, its colour and the drawing-wide card options (theme, card style). The
//! cache keeps each card's spec with exactly those inputs and measures again only when one differs.

use foldhash::HashMap;

use crate::metrics::Totals;
use crate::model::{Chart, Forest, Span, Unit, UnitId};

use super::super::card::CardSpec;
use super::super::colour_by::CardColour;
use super::{ChangeMark, RenderOptions};

/// What the figures row is formatted from (see `figures_text`): not the unit count, which changes up the
/// whole chain of managers on every add without changing what any card says.
#[derive(Clone, Copy, Debug, PartialEq)]
struct FiguresKey {
    headcount: Span,
    cost: Span,
    estimated: bool,
    has_fte: bool,
}

impl FiguresKey {
    fn of(totals: Option<&Totals>) -> Option<Self> {
        totals.map(|t| Self {
            headcount: t.headcount,
            cost: t.cost,
            estimated: t.estimated,
            has_fte: t.has_fte,
        })
    }
}

/// Everything one card's measurement reads. The whole unit is compared (not a list of the fields the card
/// shows today) so that a card showing one more field can never be served a stale spec.
/// The unit is boxed (as is the spec in [`Entry`]): checking a big chart's cards reads every entry, and
/// entries a few cache lines long are read many times faster than ones holding whole units and specs.
#[derive(Clone, Debug, PartialEq)]
struct CardKey {
    unit: Box<Unit>,
    figures: Option<FiguresKey>,
    hidden_below: usize,
    mark: Option<ChangeMark>,
    colour: Option<CardColour>,
}

struct Entry {
    /// The id `index` files the entry under, beside the entry's other small fields for a pointer
    /// compare: the entry keeps it alive, so no other id can have its pointer.
    id: UnitId,
    key: CardKey,
    spec: Box<CardSpec>,
    /// The build that last used this entry: entries no build uses (deleted units) are dropped.
    used: u64,
}

/// What one card's measurement reads, borrowed from the chart and the options of this build.
pub(crate) struct CardInputs<'a> {
    pub unit: &'a Unit,
    pub totals: Option<&'a Totals>,
    pub hidden_below: usize,
    pub mark: Option<&'a ChangeMark>,
    pub colour: Option<&'a CardColour>,
}

impl CardInputs<'_> {
    /// Whether `key` holds these inputs; `same_unit` says the unit is known to be the key's.
    fn matches(&self, key: &CardKey, same_unit: bool) -> bool {
        key.hidden_below == self.hidden_below
            && key.figures == FiguresKey::of(self.totals)
            && key.mark.as_ref() == self.mark
            && key.colour.as_ref() == self.colour
            && (same_unit || *key.unit == *self.unit)
    }

    fn key(&self) -> CardKey {
        CardKey {
            unit: Box::new(self.unit.clone()),
            figures: FiguresKey::of(self.totals),
            hidden_below: self.hidden_below,
            mark: self.mark.cloned(),
            colour: self.colour.cloned(),
        }
    }
}

/// Card specs by unit id, valid while what each card shows is unchanged. Hold one per view and pass it to
/// [`super::build_drawing_with_cache`] on every rebuild.
#[derive(Default)]
pub struct MeasureCache {
    /// The drawing-wide options cards depend on; when they change every card is measured again.
    context: Option<RenderOptions>,
    /// Each unit's slot in `slots`. Specs stay in their slot from build to build, so a build borrows
    /// them by slot instead of copying each card's text.
    index: HashMap<UnitId, usize>,
    slots: Vec<Option<Entry>>,
    /// Slots emptied by units that left the drawing, reused first.
    free: Vec<usize>,
    build: u64,
    /// The chart's stamp at the last build (see `Chart::changes_since`).
    stamp: Option<u64>,
    /// The slots of the units changed since the last build, when the chart can tell (`None`: any may
    /// have). A card the last build drew whose unit is not among them has the very unit its key holds:
    /// comparing the two field by field (most of checking a big chart's cards) is skipped. Kept by slot,
    /// not id: every card is checked against it. Sorted, for a binary search (edits change few units).
    changed: Option<Vec<usize>>,
    /// Each forest position's slot in the last build (`NO_SLOT`: none), and each slot's position then:
    /// a card found where the last build had it (or where the cards around it moved to) is found by
    /// comparing the id's pointer, not by hashing the id (most of checking a big chart's cards).
    last_slots: Vec<usize>,
    slot_positions: Vec<usize>,
    /// This build's slot per forest position, becoming `last_slots` when it finishes.
    next_slots: Vec<usize>,
    /// How far the cards checked lately moved since the last build: where the next card is looked for.
    shift: isize,
    /// How many entries this build used: when it is all of them, none is dropped and `finish` is cheap.
    used_count: usize,
    /// How many cards this build looked up by hashing their id (a count standing for the cost of finding
    /// big chart's cards, for tests).
    hashed_lookups: usize,
    /// How many cards' units this build compared field by field with their keys' (for tests: a count that
    /// stands for the cost of checking a big chart's cards).
    units_compared: usize,
    remeasured: usize,
    /// What the last build drew and counted, kept for the view that shows it (see [`Self::drawn_forest`]).
    last: Option<LastBuild>,
}

/// The forest and totals of the last build: the canvas needs both again for what it keeps beside the
/// drawing, and working them out twice per edit doubled a big chart's edit time.
pub(super) struct LastBuild {
    pub(super) forest: Forest,
    /// Whether `forest` is the whole chart's with collapsed units' reports left out
    /// (`Chart::forest(true)`), the one the canvas works with.
    whole_collapsed: bool,
    /// Each forest unit's subtree totals, by forest index.
    pub(super) totals: Vec<Totals>,
    /// What patching the drawing after the next edit needs (`None` when it cannot be patched).
    pub(super) reuse: Option<super::patch::Kept>,
}

impl MeasureCache {
    /// How many cards the last build measured (the others came from the cache).
    pub fn remeasured(&self) -> usize {
        self.remeasured
    }

    /// How many cards' units the last build compared field by field with the unit they were measured from.
    pub fn units_compared(&self) -> usize {
        self.units_compared
    }

    /// How many cards the last build looked up by their id's hash instead of by their place.
    pub fn hashed_lookups(&self) -> usize {
        self.hashed_lookups
    }

    /// How many cards the cache holds.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The last build's forest, if it is the whole chart's with collapsed units' reports left out (what
    /// `Chart::forest(true)` gives): the drawing's cards are its units, in its order.
    pub fn drawn_forest(&self) -> Option<&Forest> {
        self.last
            .as_ref()
            .filter(|last| last.whole_collapsed)
            .map(|last| &last.forest)
    }

    /// The subtree totals of [`Self::drawn_forest`]'s units (hidden ones included), by forest index.
    pub fn drawn_totals(&self) -> Option<&[Totals]> {
        self.last
            .as_ref()
            .filter(|last| last.whole_collapsed)
            .map(|last| last.totals.as_slice())
    }

    /// Keeps the forest and totals a build drew with; `whole_collapsed` says the forest is
    /// `Chart::forest(true)`.
    pub(crate) fn keep(
        &mut self,
        forest: Forest,
        whole_collapsed: bool,
        totals: Vec<Totals>,
        reuse: Option<super::patch::Kept>,
    ) {
        self.last = Some(LastBuild {
            forest,
            whole_collapsed,
            totals,
            reuse,
        });
    }

    /// Takes what the last build kept, to patch its drawing; [`Self::put_back`] returns it.
    pub(super) fn take_last(&mut self) -> Option<LastBuild> {
        self.last.take()
    }

    pub(super) fn put_back(&mut self, last: LastBuild) {
        self.last = Some(last);
    }

    /// Starts patching the last build's drawing: counts the cards measured from here on. The specs a patch
    /// measures are of the chart it patches to: until it ends (see [`Self::patched_to`]) the cache cannot
    /// say which chart its specs are of.
    pub(super) fn begin_patch(&mut self) {
        self.remeasured = 0;
        self.stamp = None;
    }

    /// A patch brought every spec up to date with the chart at `stamp`.
    pub(super) fn patched_to(&mut self, stamp: u64) {
        self.stamp = Some(stamp);
    }

    /// Starts a build of `chart` with `options`: forgets every spec if the card-wide options changed.
    pub(crate) fn begin(&mut self, options: &RenderOptions, chart: &Chart) {
        let context = card_context(options);
        if self.context.as_ref() != Some(&context) {
            self.index.clear();
            self.slots.clear();
            self.free.clear();
            self.last_slots.clear();
            self.slot_positions.clear();
            self.context = Some(context);
        }
        // Only changes that each name one unit: the title and bulk changes leave `changed` unknown.
        // A changed unit without a slot has no card to check; a slot is given to another unit only by
        // `insert`, after every card of the build has been checked.
        let index = &self.index;
        self.changed = self
            .stamp
            .and_then(|stamp| chart.changes_since(stamp))
            .and_then(|changes| {
                changes
                    .iter()
                    .map(|change| change.unit.as_ref().map(|unit| index.get(unit).copied()))
                    .collect::<Option<Vec<Option<usize>>>>()
            })
            .map(|slots| {
                let mut slots: Vec<usize> = slots.into_iter().flatten().collect();
                slots.sort_unstable();
                slots
            });
        self.stamp = Some(chart.stamp());
        self.units_compared = 0;
        self.hashed_lookups = 0;
        self.used_count = 0;
        self.shift = 0;
        self.next_slots.clear();
        self.build += 1;
        self.remeasured = 0;
        // Dropped before the build starts so that it cannot be read as this build's.
        self.last = None;
    }

    /// Makes sure the slot of `id`'s card holds its spec: the cached one if its inputs are unchanged,
    /// else `measure()`'s. Returns the slot, for [`Self::slot`].
    pub(crate) fn spec(
        &mut self,
        id: &UnitId,
        inputs: CardInputs,
        measure: impl FnOnce() -> CardSpec,
    ) -> usize {
        let slot = self.index.get(id).copied();
        match slot.and_then(|slot| self.hit_slot(slot, &inputs)) {
            Some(slot) => slot,
            None => self.insert(id, &inputs, measure()),
        }
    }

    /// The slot of the card at forest position `at` (of id `id`) if the cache holds its spec with these
    /// very inputs (it is then kept by this build); `None` when it must be measured and given to
    /// [`Self::insert`].
    pub(crate) fn hit(&mut self, at: usize, id: &UnitId, inputs: &CardInputs) -> Option<usize> {
        let slot = match self.slot_by_position(at, id) {
            Some(slot) => slot,
            None => {
                self.hashed_lookups += 1;
                let slot = *self.index.get(id)?;
                // The cards after this one most likely moved as it did (a moved subtree, or all that
                // follow an added or removed card).
                if let Some(&was) = self.slot_positions.get(slot)
                    && was != NO_SLOT
                {
                    self.shift = was as isize - at as isize;
                }
                slot
            }
        };
        let slot = self.hit_slot(slot, inputs)?;
        self.place(at, slot);
        Some(slot)
    }

    /// `id`'s slot if the last build's card at `at` (shifted as the cards before it were) is `id`'s.
    /// Only a pointer compare: an entry holds its unit, so its id's pointer is never another id's.
    fn slot_by_position(&self, at: usize, id: &UnitId) -> Option<usize> {
        let was = usize::try_from(at as isize + self.shift).ok()?;
        let slot = *self.last_slots.get(was)?;
        let entry = self.slots.get(slot)?.as_ref()?;
        entry.id.is_same(id).then_some(slot)
    }

    /// Records that the card at forest position `at` has its spec in `slot` (see `last_slots`).
    fn place(&mut self, at: usize, slot: usize) {
        if self.next_slots.len() <= at {
            self.next_slots.resize(at + 1, NO_SLOT);
        }
        self.next_slots[at] = slot;
    }

    /// `slot` if its spec was measured from these very inputs (marking it used by this build).
    fn hit_slot(&mut self, slot: usize, inputs: &CardInputs) -> Option<usize> {
        let build = self.build;
        let entry = self.slots.get_mut(slot)?.as_mut()?;
        let same_unit = entry.used + 1 == build
            && self
                .changed
                .as_ref()
                .is_some_and(|changed| changed.binary_search(&slot).is_err());
        self.units_compared += usize::from(!same_unit);
        if !inputs.matches(&entry.key, same_unit) {
            return None;
        }
        self.used_count += usize::from(entry.used != build);
        entry.used = build;
        Some(slot)
    }

    /// Keeps `spec`, just measured from `inputs`, as the card at forest position `at` (of id `id`);
    /// returns its slot, for [`Self::slot`].
    pub(crate) fn insert_at(
        &mut self,
        at: usize,
        id: &UnitId,
        inputs: &CardInputs,
        spec: CardSpec,
    ) -> usize {
        let slot = self.insert(id, inputs, spec);
        self.place(at, slot);
        slot
    }

    /// Keeps `spec`, just measured from `inputs`, as `id`'s card; returns its slot, for [`Self::slot`].
    pub(crate) fn insert(&mut self, id: &UnitId, inputs: &CardInputs, spec: CardSpec) -> usize {
        let slot = self.insert_entry(id, inputs, spec);
        // The card the last build drew from this slot shows what the slot held before: a build reusing
        // that drawing must not take it for this spec's (see `last_position`).
        if let Some(position) = self.slot_positions.get_mut(slot) {
            *position = NO_SLOT;
        }
        slot
    }

    fn insert_entry(&mut self, id: &UnitId, inputs: &CardInputs, spec: CardSpec) -> usize {
        self.remeasured += 1;
        let build = self.build;
        let entry = Entry {
            id: id.clone(),
            key: inputs.key(),
            spec: Box::new(spec),
            used: build,
        };
        if let Some(&slot) = self.index.get(id)
            && let Some(kept) = self.slots.get_mut(slot)
        {
            let was_used = kept.as_ref().is_some_and(|kept| kept.used == build);
            self.used_count += usize::from(!was_used);
            *kept = Some(entry);
            return slot;
        }
        self.used_count += 1;
        let slot = match self.free.pop() {
            Some(slot) => {
                self.slots[slot] = Some(entry);
                slot
            }
            None => {
                self.slots.push(Some(entry));
                self.slots.len() - 1
            }
        };
        self.index.insert(id.clone(), slot);
        slot
    }

    /// The unit as `id`'s card was last measured from.
    pub(super) fn unit_of(&self, id: &UnitId) -> Option<&Unit> {
        let slot = *self.index.get(id)?;
        self.slots
            .get(slot)
            .and_then(Option::as_ref)
            .map(|entry| &*entry.key.unit)
    }

    /// The spec in a slot [`Self::spec`] returned during this build.
    /// Where the last build drew `slot`'s card (its forest position then), until this build finishes;
    /// `None` once the slot was measured again, as the card drawn there shows what it held before.
    pub(crate) fn last_position(&self, slot: usize) -> Option<usize> {
        self.slot_positions
            .get(slot)
            .copied()
            .filter(|&at| at != NO_SLOT)
    }

    pub(crate) fn slot(&self, slot: usize) -> Option<&CardSpec> {
        self.slots
            .get(slot)
            .and_then(Option::as_ref)
            .map(|entry| &*entry.spec)
    }

    /// Ends a build: drops the specs of cards it did not draw (deleted, or hidden by collapsing), so the
    /// cache never holds more than the drawing does.
    pub(crate) fn finish(&mut self) {
        self.keep_positions();
        if self.used_count == self.index.len() {
            // Every entry was used: there is nothing to drop (no walk over a big chart's cards).
            return;
        }
        let build = self.build;
        let (slots, free) = (&mut self.slots, &mut self.free);
        self.index.retain(|_, &mut slot| {
            let used = slots
                .get(slot)
                .and_then(Option::as_ref)
                .is_some_and(|entry| entry.used == build);
            if !used {
                if let Some(emptied) = slots.get_mut(slot) {
                    *emptied = None;
                }
                free.push(slot);
            }
            used
        });
    }
}

impl MeasureCache {
    /// Makes this build's places of cards the ones the next build looks for them at.
    fn keep_positions(&mut self) {
        std::mem::swap(&mut self.last_slots, &mut self.next_slots);
        self.next_slots.clear();
        self.slot_positions.clear();
        self.slot_positions.resize(self.slots.len(), NO_SLOT);
        for (at, &slot) in self.last_slots.iter().enumerate() {
            if let Some(position) = self.slot_positions.get_mut(slot) {
                *position = at;
            }
        }
    }
}

/// No slot: a forest position without a cached card.
const NO_SLOT: usize = usize::MAX;

/// The options every card reads: everything but what is per card (marks, colours) or not about cards at
/// all. Blanking the rest instead of copying the card fields out means an option added later invalidates
/// the cache by default.
fn card_context(options: &RenderOptions) -> RenderOptions {
    RenderOptions {
        layout: Default::default(),
        title: None,
        legend: false,
        totals_footer: false,
        footer: None,
        respect_collapsed: false,
        subtree: None,
        marks: std::collections::HashMap::new(),
        colour_by: None,
        ..options.clone()
    }
}

#[cfg(test)]
mod tests;
