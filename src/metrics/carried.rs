//! Every unit's carrier (see [`super::organisations`]) in a compact form for one pass over a big chart: the
//! parts of all carriers in one list, names as indices into the distinct spellings, and a unit that inherits
//! its manager's carrier sharing the manager's parts. [`super::organisations::carriers`] gives the same
//! carriers as owned values, one `Vec` of `String`s per unit.

use foldhash::HashMap;

use crate::model::{Status, Unit};

use super::NO_ORGANISATION;

/// Where one unit's parts are in [`Carried::parts`], and whether its split was assumed.
#[derive(Clone, Copy)]
struct Slot {
    start: usize,
    end: usize,
    assumed: bool,
}

pub(super) struct Carried<'a> {
    /// Each distinct organisation name as written (trimmed), in the order first met.
    pub spellings: Vec<&'a str>,
    index: HashMap<&'a str, usize>,
    /// (index into `spellings`, fraction) of every carrier, one after another.
    parts: Vec<(usize, f64)>,
    slots: Vec<Slot>,
}

impl<'a> Carried<'a> {
    /// Carriers of the first `len` units, given in pre-order with each one's parent index.
    pub fn new(units: &[&'a Unit], parent: &[Option<usize>], len: usize) -> Self {
        let mut carried = Self {
            spellings: Vec::new(),
            index: HashMap::default(),
            parts: Vec::with_capacity(len),
            slots: Vec::with_capacity(len),
        };
        let mut nobody: Option<Slot> = None;
        // The organisation field a unit's carrier was made from, when that is all it is made from: most
        // units name the same organisation as their manager, and then share the manager's parts.
        let mut whole_of: Vec<Option<&'a str>> = Vec::with_capacity(len);
        for (i, unit) in units.iter().take(len).enumerate() {
            let plain = unit.shares.is_empty() && !shared_with_anyone(unit);
            let manager = parent[i].map(|p| (carried.slots[p], whole_of[p]));
            let (slot, whole) = match manager {
                Some((slot, Some(org))) if plain && org == unit.organisation => (slot, Some(org)),
                _ => match carried.own(unit) {
                    Some(slot) => (slot, plain.then_some(unit.organisation.as_str())),
                    None => match manager {
                        Some(inherited) => inherited,
                        None => (
                            *nobody.get_or_insert_with(|| carried.whole(NO_ORGANISATION)),
                            None,
                        ),
                    },
                },
            };
            carried.slots.push(slot);
            whole_of.push(whole);
        }
        carried
    }

    /// (spelling index, fraction) for unit `i`; the fractions add up to 1.
    pub fn parts(&self, i: usize) -> &[(usize, f64)] {
        let slot = self.slots[i];
        &self.parts[slot.start..slot.end]
    }

    pub fn assumed(&self, i: usize) -> bool {
        self.slots[i].assumed
    }

    /// The same rules as [`super::organisations::own_carrier`].
    fn own(&mut self, unit: &'a Unit) -> Option<Slot> {
        let start = self.parts.len();
        if !unit.shares.is_empty() {
            for share in &unit.shares {
                let name = self.spelling(share.organisation.trim());
                self.parts.push((name, share.percent / 100.0));
            }
            return Some(self.slot(start, false));
        }
        if let Status::Shared { with } = &unit.status {
            let count = with.iter().filter(|n| !n.trim().is_empty()).count();
            if count > 0 {
                debug_assert!(shared_with_anyone(unit));
                let each = 1.0 / count as f64;
                for name in with.iter().filter(|n| !n.trim().is_empty()) {
                    let name = self.spelling(name.trim());
                    self.parts.push((name, each));
                }
                return Some(self.slot(start, true));
            }
        }
        (!unit.organisation.trim().is_empty()).then(|| self.whole(&unit.organisation))
    }

    fn whole(&mut self, name: &'a str) -> Slot {
        let start = self.parts.len();
        let name = self.spelling(name.trim());
        self.parts.push((name, 1.0));
        self.slot(start, false)
    }

    fn slot(&self, start: usize, assumed: bool) -> Slot {
        Slot {
            start,
            end: self.parts.len(),
            assumed,
        }
    }

    fn spelling(&mut self, name: &'a str) -> usize {
        *self.index.entry(name).or_insert_with(|| {
            self.spellings.push(name);
            self.spellings.len() - 1
        })
    }
}

/// Shared with at least one named organisation: its carrier is then those organisations, not its own.
fn shared_with_anyone(unit: &Unit) -> bool {
    matches!(&unit.status, Status::Shared { with } if with.iter().any(|n| !n.trim().is_empty()))
}
