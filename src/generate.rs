//! Realistic synthetic charts for tests and benchmarks: council-like structures with varied spans, deep and
//! shallow branches, wide front-line teams, ranges, FTE, statuses and a few non-line links.
//!
//! Deterministic: the same size and seed always give the same chart (ChaCha8 is portable across platforms).
//! Linear in the number of units: units are appended under managers picked from an open list, never searched for.

use std::collections::HashSet;

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::model::{
    Chart, Cost, CostBasis, Headcount, HeadcountBasis, Link, LinkKind, Span, Status, Unit, UnitId,
    UnitKind,
};

mod words;

use words::{AREAS, GRADES};

/// The deepest chart generated has this many layers (a root alone is one layer).
pub const MAX_LAYERS: usize = 10;

/// Most reports a manager gets, except front-line teams (20 to 40) and a root (one per directorate).
const MAX_SPAN: usize = 15;

/// Share of units that get a dotted or contract link, in percent.
const LINK_PERCENT: usize = 3;

/// A chart of exactly `units` units, the same for the same `seed`.
pub fn generate(units: usize, seed: u64) -> Chart {
    let mut builder = Builder {
        rng: ChaCha8Rng::seed_from_u64(seed),
        chart: Chart::new(),
        target: units,
        organisations: Vec::new(),
        placed: Vec::with_capacity(units),
        open: Vec::new(),
        reopenable: Vec::new(),
    };
    builder.chart.set_title(format!(
        "Synthetic council chart: {units} units (seed {seed})"
    ));
    builder.grow();
    builder.link();
    builder.chart
}

/// Where a unit sits and what it inherits; the builder keeps one per unit, by order of creation.
#[derive(Clone, Copy)]
struct Slot {
    parent: Option<usize>,
    depth: usize,
    /// Index into the builder's organisations (one per root).
    organisation: usize,
    /// Index into `AREAS`, and into that area's services.
    area: usize,
    service: usize,
    /// Index into `WIDE_TEAMS` for a front-line team whose reports are many identical posts.
    wide: Option<usize>,
    /// Index into `PROVIDERS` when this unit (or a unit above it) is outsourced.
    provider: Option<usize>,
}

struct Placed {
    id: UnitId,
    slot: Slot,
    manager: bool,
    reports: usize,
    /// Bit set of the areas (under a root) or services (under a directorate) already given to a report,
    /// so siblings get different names.
    used: u32,
}

struct Builder {
    rng: ChaCha8Rng,
    chart: Chart,
    target: usize,
    organisations: Vec<String>,
    placed: Vec<Placed>,
    /// Managers that have not had reports yet.
    open: Vec<usize>,
    /// Managers that may take more reports should the open list run dry.
    reopenable: Vec<usize>,
}

impl Builder {
    fn grow(&mut self) {
        if self.target == 0 {
            return;
        }
        let roots = match self.target {
            0..=40 => 1,
            _ => *[1, 1, 1, 1, 1, 1, 2, 2, 3]
                .choose(&mut self.rng)
                .unwrap_or(&1),
        };
        for _ in 0..roots {
            self.add_root();
        }
        while self.placed.len() < self.target {
            match self.next_open().or_else(|| self.reopen()) {
                Some(manager) => self.add_reports(manager),
                // Every manager is full: another organisation joins the chart.
                None => self.add_root(),
            }
        }
    }

    /// Of two random open managers, the shallower: the chart fills out in breadth before depth, as
    /// organisations do, while chance still grows some deep branches.
    fn next_open(&mut self) -> Option<usize> {
        let len = self.open.len();
        if len == 0 {
            return None;
        }
        let (a, b) = (self.rng.random_range(0..len), self.rng.random_range(0..len));
        let depth = |i: usize| self.placed[self.open[i]].slot.depth;
        let pick = if depth(b) < depth(a) { b } else { a };
        Some(self.open.swap_remove(pick))
    }

    /// A manager with room for more reports, once every open manager has had its first set.
    fn reopen(&mut self) -> Option<usize> {
        while !self.reopenable.is_empty() {
            let pick = self.rng.random_range(0..self.reopenable.len());
            let manager = self.reopenable[pick];
            if self.room(manager) > 0 {
                return Some(manager);
            }
            self.reopenable.swap_remove(pick);
        }
        None
    }

    fn room(&self, manager: usize) -> usize {
        let placed = &self.placed[manager];
        let most = match (placed.slot.depth, placed.slot.wide) {
            (_, Some(_)) => 40,
            (0, None) => AREAS.len(),
            _ => MAX_SPAN,
        };
        most.saturating_sub(placed.reports)
    }

    fn remaining(&self) -> usize {
        self.target - self.placed.len()
    }

    fn add_root(&mut self) {
        let organisation = self.organisations.len();
        let place = words::PLACES[organisation % words::PLACES.len()];
        let kind = words::COUNCIL_TYPES
            .choose(&mut self.rng)
            .unwrap_or(&"Council");
        let name = format!("{place} {kind}");
        self.organisations.push(name.clone());
        let mut unit = Unit::new(self.next_id(), name)
            .with_kind(UnitKind::Directorate)
            .with_role(format!("Chief Executive: {}", self.person()));
        unit.grade = GRADES[0].0.to_owned();
        unit.headcount = Some(posts(Span::exact(1.0)));
        unit.cost = self.pay(0);
        let slot = Slot {
            parent: None,
            depth: 0,
            organisation,
            area: 0,
            service: 0,
            wide: None,
            provider: None,
        };
        self.place(unit, slot);
    }

    /// Gives `manager` a set of reports: a row of directorates under a root, many identical posts under a
    /// front-line team, otherwise a mix of sub-teams and posts.
    fn add_reports(&mut self, manager: usize) {
        let parent = Slot {
            parent: Some(manager),
            depth: self.placed[manager].slot.depth + 1,
            ..self.placed[manager].slot
        };
        if parent.depth >= MAX_LAYERS {
            return;
        }
        let span = if parent.wide.is_some() {
            self.rng.random_range(20..=40)
        } else if parent.depth == 1 {
            self.rng.random_range(4..=AREAS.len())
        } else {
            // Skewed towards small spans, as in real structures: about a quarter of managers have one report.
            let u: f64 = self.rng.random();
            1 + ((MAX_SPAN - 1) as f64 * u * u) as usize
        };
        let span = span.min(self.remaining()).min(self.room(manager));
        for i in 0..span {
            // Keep at least one manager open while units are still wanted, so growth never stalls.
            let last_chance = i + 1 == span && self.open.is_empty() && self.remaining() > 1;
            let is_manager = parent.wide.is_none()
                && parent.depth + 1 < MAX_LAYERS
                && (last_chance
                    || self
                        .rng
                        .random_bool(manager_share(parent.depth, self.target)));
            if parent.depth == 1 {
                let area = self.unused_name(manager, AREAS.len());
                self.add_directorate(Slot { area, ..parent });
            } else if is_manager {
                self.add_team(parent);
            } else {
                self.add_post(parent);
            }
        }
    }

    fn add_directorate(&mut self, slot: Slot) {
        let name = AREAS[slot.area].name;
        let mut unit = Unit::new(self.next_id(), name)
            .with_kind(UnitKind::Directorate)
            .with_role(format!("Director of {name}: {}", self.person()));
        unit.grade = GRADES[1].0.to_owned();
        unit.headcount = Some(posts(Span::exact(self.rng.random_range(1..=2) as f64)));
        unit.cost = self.pay(1);
        self.place(unit, slot);
    }

    fn add_team(&mut self, mut slot: Slot) {
        let services = AREAS[slot.area].services;
        if let (2, Some(directorate)) = (slot.depth, slot.parent) {
            slot.service = self.unused_name(directorate, services.len());
        }
        let service = services[slot.service];
        if slot.depth >= 2 && self.rng.random_bool(0.03) {
            slot.wide = Some(self.rng.random_range(0..words::WIDE_TEAMS.len()));
        }
        let grade = (slot.depth + 1).min(6);
        let (name, role) = if let Some(wide) = slot.wide {
            let (team, _) = words::WIDE_TEAMS[wide];
            (team.to_owned(), format!("{team} Manager"))
        } else if slot.depth == 2 {
            (service.to_owned(), format!("Head of {service}"))
        } else {
            let section = words::SECTIONS.choose(&mut self.rng).unwrap_or(&"Team");
            let title = if slot.depth <= 4 {
                "Manager"
            } else {
                "Team Leader"
            };
            (format!("{service} {section}"), format!("{service} {title}"))
        };
        let mut unit = Unit::new(self.next_id(), name)
            .with_kind(UnitKind::Team)
            .with_role(format!("{role}: {}", self.person()));
        unit.grade = GRADES[grade].0.to_owned();
        unit.headcount = Some(self.team_headcount());
        unit.cost = self.team_cost(grade);
        if slot.provider.is_none() {
            slot.provider = self.maybe(0.03, words::PROVIDERS.len());
        }
        if slot.provider.is_none() {
            unit.status = self.team_status();
        }
        self.place(unit, slot);
    }

    fn add_post(&mut self, slot: Slot) {
        let grade = self.rng.random_range((slot.depth + 2).min(8)..GRADES.len());
        let title = match slot.wide {
            Some(wide) => words::WIDE_TEAMS[wide].1.to_owned(),
            None => {
                let post = words::POST_TITLES
                    .choose(&mut self.rng)
                    .unwrap_or(&"Officer");
                format!("{} {post}", AREAS[slot.area].services[slot.service])
            }
        };
        let mut unit = Unit::new(self.next_id(), title.clone()).with_kind(UnitKind::Post);
        unit.grade = GRADES[grade].0.to_owned();
        unit.status = self.post_status();
        let group: f64 = self.rng.random();
        if group < 0.12 {
            // A group of identical posts, sometimes only known as a range.
            let count = self.rng.random_range(2..=8) as f64;
            let value = if self.rng.random_bool(0.3) {
                Span::range(count, count + self.rng.random_range(1..=4) as f64)
            } else {
                Span::exact(count)
            };
            unit.name = format!("{title}s");
            unit.headcount = Some(posts(value));
        } else if group < 0.22 {
            let fte = *[0.4, 0.5, 0.6, 0.8].choose(&mut self.rng).unwrap_or(&0.5);
            unit.headcount = Some(Headcount {
                value: Span::exact(fte),
                basis: HeadcountBasis::Fte,
            });
            unit.role = self.person();
        } else if !matches!(unit.status, Status::Vacant | Status::New) {
            unit.role = self.person();
        }
        unit.cost = self.pay(grade);
        self.place(unit, slot);
    }

    /// Inserts the unit under its parent and records it; returns its position in `placed`.
    fn place(&mut self, mut unit: Unit, slot: Slot) -> usize {
        match slot.provider {
            Some(provider) => {
                unit.organisation = words::PROVIDERS[provider].to_owned();
                unit.status = Status::Outsourced {
                    provider: unit.organisation.clone(),
                };
            }
            None => unit.organisation = self.organisations[slot.organisation].clone(),
        }
        let manager = unit.kind != UnitKind::Post;
        let id = unit.id.clone();
        let parent_id = slot.parent.map(|p| self.placed[p].id.clone());
        // Ids are fresh and parents exist, so the insert cannot be refused.
        let inserted = self.chart.insert_unit(unit, parent_id.as_ref(), None);
        debug_assert!(inserted.is_ok(), "{inserted:?}");
        let index = self.placed.len();
        if let Some(parent) = slot.parent {
            self.placed[parent].reports += 1;
        }
        self.placed.push(Placed {
            id,
            slot,
            manager,
            reports: 0,
            used: 0,
        });
        if manager && slot.depth + 1 < MAX_LAYERS {
            self.open.push(index);
            if slot.wide.is_none() {
                self.reopenable.push(index);
            }
        }
        index
    }

    /// A random name index below `count` not yet used by the manager's reports (any, once all are used).
    fn unused_name(&mut self, manager: usize, count: usize) -> usize {
        let used = self.placed[manager].used;
        let free: Vec<usize> = (0..count.min(32))
            .filter(|i| used & (1 << i) == 0)
            .collect();
        let pick = match free.choose(&mut self.rng) {
            Some(&i) => i,
            None => self.rng.random_range(0..count),
        };
        self.placed[manager].used |= 1 << (pick % 32);
        pick
    }

    fn next_id(&self) -> String {
        format!("u{}", self.placed.len() + 1)
    }

    fn person(&mut self) -> String {
        let first = words::FIRST_NAMES.choose(&mut self.rng).unwrap_or(&"Sam");
        let last = words::LAST_NAMES.choose(&mut self.rng).unwrap_or(&"Smith");
        format!("{first} {last}")
    }

    /// `Some(random index below n)` with probability `p`.
    fn maybe(&mut self, p: f64, n: usize) -> Option<usize> {
        self.rng.random_bool(p).then(|| self.rng.random_range(0..n))
    }

    /// Yearly pay per post at a grade: mostly a point on the scale, sometimes the whole band, sometimes unknown.
    fn pay(&mut self, grade: usize) -> Option<Cost> {
        let (_, low, high) = GRADES[grade];
        let roll: f64 = self.rng.random();
        let amount = if roll < 0.06 {
            return None;
        } else if roll < 0.25 {
            Span::range(low, high)
        } else {
            let point = low + (high - low) * self.rng.random::<f64>();
            Span::exact((point / 100.0).round() * 100.0)
        };
        Some(Cost {
            amount,
            basis: CostBasis::PerPost,
            on_cost_rate: self.on_cost_rate(),
            estimate: self.rng.random_bool(0.1),
        })
    }

    fn on_cost_rate(&mut self) -> Option<f64> {
        if self.rng.random_bool(0.8) {
            words::ON_COST_RATES.choose(&mut self.rng).copied()
        } else {
            None
        }
    }

    /// A team's own posts: usually just its manager, sometimes a small pool or a part-time figure.
    fn team_headcount(&mut self) -> Headcount {
        let roll: f64 = self.rng.random();
        if roll < 0.7 {
            posts(Span::exact(1.0))
        } else if roll < 0.85 {
            posts(Span::exact(self.rng.random_range(2..=5) as f64))
        } else if roll < 0.95 {
            let low = self.rng.random_range(2..=6) as f64;
            posts(Span::range(low, low + self.rng.random_range(1..=4) as f64))
        } else {
            Headcount {
                value: Span::exact(self.rng.random_range(11..=39) as f64 / 10.0),
                basis: HeadcountBasis::Fte,
            }
        }
    }

    /// Teams are costed per post, except a few given as a budget total.
    fn team_cost(&mut self, grade: usize) -> Option<Cost> {
        if self.rng.random_bool(0.05) {
            let low = self.rng.random_range(40..=200) as f64 * 1_000.0;
            return Some(Cost {
                amount: Span::range(low, low * 1.25),
                basis: CostBasis::Total,
                on_cost_rate: None,
                estimate: true,
            });
        }
        self.pay(grade)
    }

    fn team_status(&mut self) -> Status {
        let roll: f64 = self.rng.random();
        if roll < 0.01 {
            let other = self.rng.random_range(0..words::PLACES.len());
            Status::Shared {
                with: vec![format!("{} Council", words::PLACES[other])],
            }
        } else if roll < 0.03 {
            Status::New
        } else if roll < 0.04 {
            Status::ToBeDeleted
        } else {
            Status::InHouse
        }
    }

    fn post_status(&mut self) -> Status {
        let roll: f64 = self.rng.random();
        if roll < 0.06 {
            Status::Vacant
        } else if roll < 0.09 {
            Status::New
        } else if roll < 0.11 {
            Status::ToBeDeleted
        } else {
            Status::InHouse
        }
    }

    /// A few percent of units get a dotted (matrix) line from a manager elsewhere; commissioning teams get a
    /// contract line to the outsourced services. No self links, none beside a line-management edge, none twice.
    fn link(&mut self) {
        let wanted = self.placed.len() * LINK_PERCENT / 100;
        if wanted == 0 {
            return;
        }
        let managers: Vec<usize> = (0..self.placed.len())
            .filter(|&i| self.placed[i].manager)
            .collect();
        let outsourced_heads: Vec<usize> = (0..self.placed.len())
            .filter(|&i| {
                let slot = &self.placed[i].slot;
                slot.provider.is_some()
                    && slot
                        .parent
                        .is_none_or(|p| self.placed[p].slot.provider.is_none())
            })
            .collect();
        let commissioners: Vec<usize> = managers
            .iter()
            .copied()
            .filter(|&i| {
                let slot = &self.placed[i].slot;
                let service = AREAS[slot.area].services[slot.service];
                slot.depth >= 2
                    && slot.provider.is_none()
                    && words::COMMISSIONING_WORDS
                        .iter()
                        .any(|word| service.contains(word))
            })
            .collect();
        let clients = if commissioners.is_empty() {
            &managers
        } else {
            &commissioners
        };
        let mut joined: HashSet<(usize, usize)> = HashSet::new();
        let mut made = 0;
        for _attempt in 0..wanted * 10 {
            if made == wanted {
                break;
            }
            let contract = !outsourced_heads.is_empty() && self.rng.random_bool(0.25);
            let (from, to, kind, label) = if contract {
                let from = *clients.choose(&mut self.rng).unwrap_or(&0);
                let to = *outsourced_heads.choose(&mut self.rng).unwrap_or(&0);
                (from, to, LinkKind::Contract, "contract")
            } else {
                let from = *managers.choose(&mut self.rng).unwrap_or(&0);
                let to = self.rng.random_range(0..self.placed.len());
                (from, to, LinkKind::Dotted, "matrix")
            };
            let pair = (from.min(to), from.max(to));
            if from == to
                || self.placed[to].slot.parent == Some(from)
                || self.placed[from].slot.parent == Some(to)
                || joined.contains(&pair)
            {
                continue;
            }
            let mut link = Link::new(
                self.placed[from].id.as_str(),
                self.placed[to].id.as_str(),
                kind,
            );
            link.label = label.to_owned();
            if self.chart.add_link(link).is_ok() {
                joined.insert(pair);
                made += 1;
            }
        }
    }
}

/// Probability that a report at `depth` is itself a manager: high near the top, lower further down. Large
/// organisations need more management layers filled, so the share lower down grows with the target size;
/// otherwise a big chart would run out of managers and pile every extra unit onto full teams.
fn manager_share(depth: usize, target: usize) -> f64 {
    let size_boost = 0.06 * (target as f64 / 5_000.0).log2().max(0.0);
    let share = match depth {
        0..=2 => 0.8,
        3 => 0.5,
        4 => 0.4,
        _ => 0.3,
    };
    (share + size_boost).min(0.8)
}

fn posts(value: Span) -> Headcount {
    Headcount {
        value,
        basis: HeadcountBasis::Posts,
    }
}

#[cfg(test)]
mod tests;
