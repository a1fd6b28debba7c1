//! Deciding which unit of the after chart is which unit of the before chart.
//!
//! Ids first. Units left over are matched on normalised names, strongest evidence first, and each pass is
//! repeated while it finds anything, because matching a manager lets its reports be matched in turn:
//! 1. same name and role, same organisation, managers matched to each other (or both at the top);
//! 2. same name, managers matched to each other (the role changed);
//! 3. the only unit with that name and role in its organisation on each side (it moved).
//!
//! Ties are broken by chart order, so the result is deterministic.

use std::collections::{HashMap, VecDeque};

use crate::model::{Chart, Forest, Unit, UnitId};

use super::{Match, MatchBasis};

/// Both charts as pre-order forests, with the matching between their indices.
pub(super) struct Matching<'a> {
    pub before: Side<'a>,
    pub after: Side<'a>,
    /// For each before index, the matched after index.
    pub after_of: Vec<Option<usize>>,
    /// For each after index, the matched before index.
    pub before_of: Vec<Option<usize>>,
    /// In the after chart's pre-order.
    pub pairs: Vec<Match>,
    /// For each after index, why it was matched (`Id`: the same id on both sides; any other: the ids differ).
    pub basis: Vec<Option<MatchBasis>>,
}

pub(super) struct Side<'a> {
    pub chart: &'a Chart,
    pub forest: Forest,
    pub units: Vec<&'a Unit>,
}

impl<'a> Side<'a> {
    fn new(chart: &'a Chart) -> Self {
        let forest = chart.forest(false);
        let units = chart.units();
        debug_assert!(
            units
                .iter()
                .zip(&forest.ids)
                .all(|(unit, id)| &unit.id == id),
            "units() and forest() share the same pre-order"
        );
        Self {
            chart,
            forest,
            units,
        }
    }

    pub fn len(&self) -> usize {
        self.forest.len()
    }

    pub fn parent(&self, i: usize) -> Option<usize> {
        self.forest.parent[i]
    }

    /// Each unit's organisation: its own, or else its nearest manager's (normalised).
    fn organisations(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::with_capacity(self.len());
        for i in 0..self.len() {
            let own = normalise(&self.units[i].organisation);
            let org = match (own.is_empty(), self.parent(i)) {
                (false, _) | (true, None) => own,
                (true, Some(p)) => out[p].clone(),
            };
            out.push(org);
        }
        out
    }
}

/// Lowercase, punctuation dropped, "&" read as "and", runs of whitespace collapsed to one space.
pub fn normalise(text: &str) -> String {
    let mut spaced = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            spaced.extend(c.to_lowercase());
        } else if c == '&' {
            spaced.push_str(" and ");
        } else if c == '\'' || c == '’' {
            // "Chief Executive's Office" and "Chief Executives Office" are the same name.
        } else {
            spaced.push(' ');
        }
    }
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Keys {
    name: Vec<String>,
    role: Vec<String>,
    organisation: Vec<String>,
}

impl Keys {
    fn new(side: &Side) -> Self {
        Self {
            name: side.units.iter().map(|u| normalise(&u.name)).collect(),
            role: side.units.iter().map(|u| normalise(&u.role)).collect(),
            organisation: side.organisations(),
        }
    }
}

/// From this many units on a side, the two sides are read on two threads.
const READ_SIDES_APART: usize = 20_000;

/// Both sides' forests and units, read at once on two threads when the charts are big (walking a chart's
/// graph is most of reading it, and the two walks share nothing).
fn read_sides<'a>(before: &'a Chart, after: &'a Chart) -> (Side<'a>, Side<'a>) {
    if before.len().min(after.len()) < READ_SIDES_APART {
        return (Side::new(before), Side::new(after));
    }
    std::thread::scope(|scope| {
        let reading_before = scope.spawn(|| Side::new(before));
        let after = Side::new(after);
        match reading_before.join() {
            Ok(before) => (before, after),
            // A panic while reading is a bug: raise it here, as without the thread.
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

pub(super) fn match_units<'a>(before: &'a Chart, after: &'a Chart, guess: bool) -> Matching<'a> {
    let (before, after) = read_sides(before, after);
    let mut state = State {
        after_of: vec![None; before.len()],
        before_of: vec![None; after.len()],
        basis: vec![None; after.len()],
        matched: Vec::new(),
        by_name_and_role: Progress::default(),
        by_name: Progress::default(),
        #[cfg(test)]
        looked_at: 0,
    };
    for (i, j) in same_ids(&before.forest.ids, &after.forest.ids) {
        state.pair(i, j, MatchBasis::Id);
    }
    // Names are only needed for units left unmatched on both sides.
    let unmatched_on_both = state.matched.len() < before.len().min(after.len());
    if guess && unmatched_on_both {
        let before_keys = Keys::new(&before);
        let after_keys = Keys::new(&after);
        let sides = (&before, &after, &before_keys, &after_keys);
        while state.by_context(sides, MatchBasis::NameAndRole)
            || state.by_context(sides, MatchBasis::NameUnderSameManager)
            || state.by_unique_name(sides)
        {}
    }
    #[cfg(test)]
    LOOKED_AT.with(|c| c.set(c.get() + state.looked_at));
    let pairs = (0..after.len())
        .filter_map(|j| {
            let i = state.before_of[j]?;
            let basis = state.basis[j]?;
            Some(Match {
                before: before.forest.ids[i].clone(),
                after: after.forest.ids[j].clone(),
                guessed: basis != MatchBasis::Id,
                basis,
            })
        })
        .collect();
    Matching {
        before,
        after,
        after_of: state.after_of,
        before_of: state.before_of,
        pairs,
        basis: state.basis,
    }
}

/// (before index, after index) of every id found on both sides, in the before order.
///
/// Ids are unique on each side, so where both forests hold the same id at the same index (most units when
/// a chart is compared with an edited copy of itself) that is its match; only the other ids are looked up.
pub(super) fn same_ids(before: &[UnitId], after: &[UnitId]) -> Vec<(usize, usize)> {
    let in_place = |i: usize| after.get(i).is_some_and(|id| same_id(id, &before[i]));
    let elsewhere: foldhash::HashMap<&UnitId, usize> = after
        .iter()
        .enumerate()
        .filter(|&(j, id)| !before.get(j).is_some_and(|b| same_id(b, id)))
        .map(|(j, id)| (id, j))
        .collect();
    (0..before.len())
        .filter_map(|i| {
            if in_place(i) {
                Some((i, i))
            } else {
                elsewhere.get(&before[i]).map(|&j| (i, j))
            }
        })
        .collect()
}

/// Id equality, first by address: a chart compared with an edited copy of itself shares its ids' text, and
/// comparing the addresses spares reading every id.
pub(super) fn same_id(a: &UnitId, b: &UnitId) -> bool {
    std::ptr::eq(a.as_str(), b.as_str()) || a == b
}

#[cfg(test)]
thread_local! {
    /// How many units the name passes looked at on this thread: the cost of matching, counted so a test can
    /// tell it stays linear without timing anything.
    pub(super) static LOOKED_AT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

type Sides<'s, 'a> = (&'s Side<'a>, &'s Side<'a>, &'s Keys, &'s Keys);

/// How far a pass that needs the managers matched has got: whether it has looked at the top level yet, and
/// how many of the matches made so far it has looked below.
#[derive(Default)]
struct Progress {
    top_done: bool,
    seen: usize,
}

struct State {
    after_of: Vec<Option<usize>>,
    before_of: Vec<Option<usize>>,
    basis: Vec<Option<MatchBasis>>,
    /// After indices in the order they were matched: each newly matched manager lets its reports be matched.
    matched: Vec<usize>,
    by_name_and_role: Progress,
    by_name: Progress,
    #[cfg(test)]
    looked_at: usize,
}

impl State {
    fn pair(&mut self, i: usize, j: usize, basis: MatchBasis) {
        self.after_of[i] = Some(j);
        self.before_of[j] = Some(i);
        self.basis[j] = Some(basis);
        self.matched.push(j);
    }

    /// One sweep of a pass that needs the managers matched; true when it matched anything.
    ///
    /// Units are matched among those sharing a context (the top level, or the reports of one matched pair
    /// of managers), and a context's units can only gain a match when it first becomes available. So a
    /// sweep looks only at the contexts made since the pass last looked, not at the whole chart: repeating
    /// whole sweeps, one level of a deep chain at a time, made matching two 100,000-deep chains quadratic.
    fn by_context(&mut self, sides: Sides, basis: MatchBasis) -> bool {
        let progress = match basis {
            MatchBasis::NameAndRole => &mut self.by_name_and_role,
            _ => &mut self.by_name,
        };
        let top = !std::mem::replace(&mut progress.top_done, true);
        let mut cursor = progress.seen;
        // Only the strongest pass cascades: a weaker match hands its reports back to the strongest pass
        // first, so a renamed manager does not make its unchanged reports look like guesses.
        let cascade = basis == MatchBasis::NameAndRole;
        let end = self.matched.len();
        let mut found = false;
        if top {
            let (before, after, ..) = sides;
            found |= self.match_group(
                sides,
                basis,
                &before.forest.roots,
                &after.forest.roots,
                true,
            );
        }
        while cursor < if cascade { self.matched.len() } else { end } {
            let j = self.matched[cursor];
            cursor += 1;
            let Some(i) = self.before_of[j] else {
                continue;
            };
            let (before, after, ..) = sides;
            found |= self.match_group(
                sides,
                basis,
                &before.forest.children[i],
                &after.forest.children[j],
                false,
            );
        }
        match basis {
            MatchBasis::NameAndRole => self.by_name_and_role.seen = cursor,
            _ => self.by_name.seen = cursor,
        }
        found
    }

    /// Matches units of one context: each after unit, in chart order, takes the first before unit with its
    /// key. Top-level units have no manager to vouch for them, so the organisation must agree; below the
    /// top, a matched manager is the stronger evidence and survives a unit changing its organisation field.
    fn match_group(
        &mut self,
        (_, _, bk, ak): Sides,
        basis: MatchBasis,
        befores: &[usize],
        afters: &[usize],
        top: bool,
    ) -> bool {
        let key = |keys: &'_ Keys, i: usize| -> (String, String, String) {
            let role = match basis {
                MatchBasis::NameAndRole => keys.role[i].clone(),
                _ => String::new(),
            };
            let organisation = if basis == MatchBasis::NameAndRole || top {
                keys.organisation[i].clone()
            } else {
                String::new()
            };
            (keys.name[i].clone(), role, organisation)
        };
        #[cfg(test)]
        {
            self.looked_at += befores.len() + afters.len();
        }
        let mut candidates: HashMap<_, VecDeque<usize>> = HashMap::new();
        for &i in befores {
            if self.after_of[i].is_none() && !bk.name[i].is_empty() {
                candidates.entry(key(bk, i)).or_default().push_back(i);
            }
        }
        if candidates.is_empty() {
            return false;
        }
        let mut found = false;
        for &j in afters {
            if self.before_of[j].is_some() || ak.name[j].is_empty() {
                continue;
            }
            if let Some(i) = candidates
                .get_mut(&key(ak, j))
                .and_then(VecDeque::pop_front)
            {
                self.pair(i, j, basis);
                found = true;
            }
        }
        found
    }

    /// Matches units that are the only one of their name and role in their organisation on both sides.
    fn by_unique_name(&mut self, (before, after, bk, ak): Sides) -> bool {
        let key = |keys: &Keys, i: usize| {
            (
                keys.name[i].clone(),
                keys.role[i].clone(),
                keys.organisation[i].clone(),
            )
        };
        let mut before_by_key: HashMap<_, Vec<usize>> = HashMap::new();
        for i in (0..before.len()).filter(|&i| self.after_of[i].is_none() && !bk.name[i].is_empty())
        {
            before_by_key.entry(key(bk, i)).or_default().push(i);
        }
        let mut after_by_key: HashMap<_, Vec<usize>> = HashMap::new();
        for j in (0..after.len()).filter(|&j| self.before_of[j].is_none() && !ak.name[j].is_empty())
        {
            after_by_key.entry(key(ak, j)).or_default().push(j);
        }
        #[cfg(test)]
        {
            self.looked_at += before.len() + after.len();
        }
        let mut found = false;
        for j in 0..after.len() {
            if self.before_of[j].is_some() || ak.name[j].is_empty() {
                continue;
            }
            let k = key(ak, j);
            if let (Some([i]), Some([_])) = (
                before_by_key.get(&k).map(Vec::as_slice),
                after_by_key.get(&k).map(Vec::as_slice),
            ) {
                self.pair(*i, j, MatchBasis::UniqueNameAndRole);
                found = true;
            }
        }
        found
    }
}

#[cfg(test)]
mod read_tests {
    use super::*;
    use crate::generate::generate;

    #[test]
    fn big_charts_read_on_two_threads_give_the_sides_read_one_after_the_other() {
        let before = generate(READ_SIDES_APART + 10, 3);
        let after = generate(READ_SIDES_APART + 20, 4);
        let (apart_before, apart_after) = read_sides(&before, &after);
        for (apart, chart) in [(apart_before, &before), (apart_after, &after)] {
            let alone = Side::new(chart);
            assert_eq!(apart.forest.ids, alone.forest.ids);
            assert_eq!(apart.forest.parent, alone.forest.parent);
            assert!(
                apart
                    .units
                    .iter()
                    .zip(&alone.units)
                    .all(|(a, b)| std::ptr::eq(*a, *b))
            );
            assert_eq!(apart.units.len(), alone.units.len());
        }
    }
}
