//! Turning imported rows into a chart without losing any: every row becomes exactly one unit, repeated ids
//! are made unique visibly, references are resolved leniently (letter case, leading zeros) with a warning,
//! and rows whose manager cannot be used (missing, itself, a cycle) become top-level units with a warning.

use std::collections::HashMap;

#[cfg(test)]
thread_local! {
    /// How many `id#n` candidates this thread tried: the cost of making repeated ids unique, counted so a
    /// test can tell it stays linear without timing anything.
    static SUFFIX_TRIES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

use super::ImportWarning;
use crate::model::{Chart, Unit, UnitId};

/// A row waiting to be placed: its unit (with the id the file wants), where it came from and whom it names
/// as its manager.
#[derive(Clone, Debug)]
pub struct Pending {
    pub unit: Unit,
    /// Index into the assembler's file names.
    pub file: usize,
    pub row: usize,
    /// The manager's reference as written; `None` for a top-level unit.
    pub reports_to: Option<String>,
    /// What `reports_to` names the manager by.
    pub manager_key: ManagerKey,
    /// The row's e-mail address, for managers given by e-mail; empty when there is none.
    pub email: String,
    /// Whether other rows may report to this one (junior posts manage nobody).
    pub can_manage: bool,
}

/// What a manager reference names: a unit's id (or, where the vocabulary allows, its name), its e-mail
/// address or its person's name. Each falls back to the others, so a column named "Supervisor" that holds
/// ids still works.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ManagerKey {
    #[default]
    Id,
    Email,
    Name,
}

/// How references in the files are described in messages.
pub struct Vocabulary {
    /// What an id is called in the file, e.g. "post reference" or "id".
    pub id_noun: &'static str,
    /// Whether a reference may also name a unit by its name (simple tables exported by other tools often put
    /// the manager's name in the "Manager" column).
    pub match_names: bool,
}

pub struct Assembler {
    files: Vec<String>,
    pending: Vec<Pending>,
    taken: HashMap<String, usize>,
    /// For each repeated id, the next `#n` suffix to try: starting from 2 on every repeat made importing an
    /// id repeated n times quadratic.
    next_suffix: HashMap<String, usize>,
    warnings: Vec<(usize, usize, String)>,
    vocabulary: Vocabulary,
}

/// What a reference resolved to, and how loosely.
enum Resolution {
    Exact(usize),
    Loose(usize, String),
    Missing,
    Ambiguous(Vec<usize>),
}

impl Assembler {
    pub fn new(files: Vec<String>, vocabulary: Vocabulary) -> Self {
        Self {
            files,
            pending: Vec::new(),
            taken: HashMap::new(),
            next_suffix: HashMap::new(),
            warnings: Vec::new(),
            vocabulary,
        }
    }

    pub fn warn(&mut self, file: usize, row: usize, message: impl Into<String>) {
        self.warnings.push((file, row, message.into()));
    }

    fn file_name(&self, file: usize) -> &str {
        self.files.get(file).map_or("the file", String::as_str)
    }

    /// Adds a row; a repeated id becomes `id#2`, `id#3`, ... with a warning naming the first row. Returns
    /// the id the unit will have.
    pub fn push(&mut self, mut pending: Pending) -> UnitId {
        for problem in keep_loadable(&mut pending.unit) {
            self.warn(pending.file, pending.row, problem);
        }
        let wanted = pending.unit.id.as_str().to_owned();
        if let Some(&first) = self.taken.get(&wanted) {
            let next = self.next_suffix.entry(wanted.clone()).or_insert(2);
            let (n, unique) = (*next..)
                .map(|n| {
                    #[cfg(test)]
                    SUFFIX_TRIES.with(|c| c.set(c.get() + 1));
                    (n, format!("{wanted}#{n}"))
                })
                .find(|(_, candidate)| !self.taken.contains_key(candidate))
                .unwrap_or_else(|| (*next, format!("{wanted}#{}", self.pending.len() + 1)));
            *next = n + 1;
            let first_place = self.place(first);
            self.warn(
                pending.file,
                pending.row,
                format!(
                    "{} '{wanted}' is used again (first on {first_place}); this row is imported as '{unique}', and rows reporting to '{wanted}' are placed under the first",
                    self.vocabulary.id_noun
                ),
            );
            pending.unit.id = UnitId::new(unique);
        }
        let id = pending.unit.id.clone();
        self.taken
            .insert(id.as_str().to_owned(), self.pending.len());
        self.pending.push(pending);
        id
    }

    /// "senior.csv row 7".
    fn place(&self, index: usize) -> String {
        let pending = &self.pending[index];
        format!("{} row {}", self.file_name(pending.file), pending.row)
    }

    /// Places every row and builds the chart; warnings come back ordered by file and row.
    pub fn finish(mut self) -> Result<(Chart, Vec<ImportWarning>), String> {
        let parents = self.resolve_parents();
        let parents = self.break_cycles(parents);
        let chart = self.build(&parents)?;
        self.warnings.sort_by_key(|(file, row, _)| (*file, *row));
        let warnings = self
            .warnings
            .into_iter()
            .map(|(file, row, message)| ImportWarning {
                file: self.files.get(file).cloned().unwrap_or_default(),
                row,
                message,
            })
            .collect();
        Ok((chart, warnings))
    }

    fn resolve_parents(&mut self) -> Vec<Option<usize>> {
        let index = ReferenceIndex::new(&self.pending, self.vocabulary.match_names);
        let mut parents = Vec::with_capacity(self.pending.len());
        let mut notes = Vec::new();
        for (i, pending) in self.pending.iter().enumerate() {
            let Some(reference) = pending.reports_to.as_deref() else {
                parents.push(None);
                continue;
            };
            let reference = reference.trim();
            let parent = match index.resolve(reference, pending.manager_key) {
                Resolution::Exact(p) => Some(p),
                Resolution::Loose(p, how) => {
                    notes.push((
                        i,
                        format!(
                            "reports to '{reference}', taken as '{}' ({how})",
                            self.pending[p].unit.id
                        ),
                    ));
                    Some(p)
                }
                Resolution::Missing if is_top_reference(reference) => None,
                Resolution::Missing => {
                    notes.push((
                        i,
                        format!(
                            "reports to '{reference}', but no {} has that {}; placed at the top level",
                            self.manager_description(),
                            match pending.manager_key {
                                ManagerKey::Id => self.vocabulary.id_noun,
                                ManagerKey::Email => "e-mail address",
                                ManagerKey::Name => "name",
                            }
                        ),
                    ));
                    None
                }
                Resolution::Ambiguous(candidates) => {
                    let ids: Vec<String> = candidates
                        .iter()
                        .map(|&c| format!("'{}' ({})", self.pending[c].unit.id, self.place(c)))
                        .collect();
                    notes.push((
                        i,
                        format!(
                            "reports to '{reference}', which could be any of {}; placed at the top level (give the manager by id or e-mail to choose)",
                            ids.join(", ")
                        ),
                    ));
                    None
                }
            };
            let parent = match parent {
                Some(p) if p == i => {
                    notes.push((
                        i,
                        format!("reports to itself ('{reference}'); placed at the top level"),
                    ));
                    None
                }
                other => other,
            };
            parents.push(parent);
        }
        for (i, message) in notes {
            let (file, row) = (self.pending[i].file, self.pending[i].row);
            self.warn(file, row, message);
        }
        parents
    }

    fn manager_description(&self) -> String {
        let manager_files: Vec<&str> = {
            let mut files: Vec<usize> = self
                .pending
                .iter()
                .filter(|p| p.can_manage)
                .map(|p| p.file)
                .collect();
            files.dedup();
            files.into_iter().map(|f| self.file_name(f)).collect()
        };
        match manager_files.as_slice() {
            [] => "row".to_owned(),
            [one] => format!("row in {one}"),
            many => format!("row in {}", many.join(" or ")),
        }
    }

    /// Follows each chain of managers; where a chain comes back on itself, the member of the loop that
    /// comes first in the files is made top-level, so the outcome does not depend on where the walk began.
    fn break_cycles(&mut self, mut parents: Vec<Option<usize>>) -> Vec<Option<usize>> {
        const UNSEEN: u8 = 0;
        const ON_PATH: u8 = 1;
        const DONE: u8 = 2;
        let mut state = vec![UNSEEN; parents.len()];
        for start in 0..parents.len() {
            let mut path = Vec::new();
            let mut cursor = Some(start);
            while let Some(node) = cursor {
                match state[node] {
                    DONE => break,
                    ON_PATH => {
                        let loop_start = path.iter().position(|&n| n == node).unwrap_or(0);
                        let members: Vec<usize> = path[loop_start..].to_vec();
                        self.report_cycle(&members, &mut parents);
                        break;
                    }
                    _ => {
                        state[node] = ON_PATH;
                        path.push(node);
                        cursor = parents[node];
                    }
                }
            }
            for node in path {
                state[node] = DONE;
            }
        }
        parents
    }

    fn report_cycle(&mut self, members: &[usize], parents: &mut [Option<usize>]) {
        let Some(&breaker) = members.iter().min() else {
            return;
        };
        // Show the loop starting from the unit that becomes top-level, following reporting lines.
        let mut chain = vec![breaker];
        let mut cursor = parents[breaker];
        while let Some(node) = cursor {
            if node == breaker || chain.len() > members.len() {
                break;
            }
            chain.push(node);
            cursor = parents[node];
        }
        let mut names: Vec<String> = chain
            .iter()
            .map(|&n| format!("'{}' ({})", self.pending[n].unit.id, self.place(n)))
            .collect();
        names.push(format!("'{}'", self.pending[breaker].unit.id));
        parents[breaker] = None;
        let (file, row) = (self.pending[breaker].file, self.pending[breaker].row);
        let id = self.pending[breaker].unit.id.clone();
        self.warn(
            file,
            row,
            format!(
                "reporting cycle {}; '{id}' placed at the top level to break it",
                names.join(" reports to ")
            ),
        );
    }

    fn build(&self, parents: &[Option<usize>]) -> Result<Chart, String> {
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); parents.len()];
        let mut roots = Vec::new();
        for (i, parent) in parents.iter().enumerate() {
            match parent {
                Some(p) => children[*p].push(i),
                None => roots.push(i),
            }
        }
        let mut chart = Chart::new();
        let mut stack: Vec<usize> = roots.into_iter().rev().collect();
        while let Some(i) = stack.pop() {
            let pending = &self.pending[i];
            let parent = parents[i].map(|p| self.pending[p].unit.id.clone());
            chart
                .insert_unit(pending.unit.clone(), parent.as_ref(), None)
                .map_err(|err| format!("{}: {err}", self.place(i)))?;
            stack.extend(children[i].iter().rev());
        }
        if chart.len() != self.pending.len() {
            return Err(format!(
                "internal error: {} rows but {} units were placed",
                self.pending.len(),
                chart.len()
            ));
        }
        Ok(chart)
    }
}

/// Lookup of references among the rows that may manage others.
struct ReferenceIndex {
    exact: HashMap<String, usize>,
    folded: HashMap<String, Vec<usize>>,
    numeric: HashMap<String, Vec<usize>>,
    /// Names, for ids that fall back to names.
    names: HashMap<String, Vec<usize>>,
    /// Every name, for managers given by name.
    people: HashMap<String, Vec<usize>>,
    emails: HashMap<String, Vec<usize>>,
}

/// A name or e-mail address as compared: lower case, single spaces.
fn person_key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Words that stand for "no manager" in other tools' exports ("-1" in OrgChart Now, "null" in JSON-minded
/// ones), when no row has that id.
fn is_top_reference(reference: &str) -> bool {
    matches!(
        person_key(reference).as_str(),
        "-1" | "0" | "null" | "none" | "n/a" | "#n/a" | "na" | "root" | "top" | "xx" | "-"
    )
}

impl ReferenceIndex {
    fn new(pending: &[Pending], match_names: bool) -> Self {
        let mut index = ReferenceIndex {
            exact: HashMap::new(),
            folded: HashMap::new(),
            numeric: HashMap::new(),
            names: HashMap::new(),
            people: HashMap::new(),
            emails: HashMap::new(),
        };
        for (i, row) in pending.iter().enumerate().filter(|(_, p)| p.can_manage) {
            let id = row.unit.id.as_str();
            let name = person_key(&row.unit.name);
            if !name.is_empty() {
                index.people.entry(name).or_default().push(i);
            }
            let email = person_key(&row.email);
            if !email.is_empty() {
                index.emails.entry(email).or_default().push(i);
            }
            index.exact.entry(id.to_owned()).or_insert(i);
            // Made-unique ids ("103#2") are reachable only by their exact text.
            if id.contains('#')
                && id
                    .rsplit_once('#')
                    .is_some_and(|(base, _)| index.exact.contains_key(base))
            {
                continue;
            }
            index.folded.entry(id.to_lowercase()).or_default().push(i);
            if let Some(number) = canonical_number(id) {
                index.numeric.entry(number).or_default().push(i);
            }
            if match_names && !row.unit.name.trim().is_empty() {
                index
                    .names
                    .entry(row.unit.name.trim().to_lowercase())
                    .or_default()
                    .push(i);
            }
        }
        index
    }

    fn resolve(&self, reference: &str, key: ManagerKey) -> Resolution {
        let found = match key {
            ManagerKey::Id => None,
            ManagerKey::Email => self.emails.get(&person_key(reference)),
            ManagerKey::Name => self
                .people
                .get(&person_key(reference))
                .or_else(|| self.people.get(&person_key(&surname_first(reference)?))),
        };
        match found.map(Vec::as_slice) {
            Some([one]) => return Resolution::Exact(*one),
            Some(many) if many.len() > 1 => return Resolution::Ambiguous(many.to_vec()),
            _ => {}
        }
        self.resolve_id(reference)
    }

    fn resolve_id(&self, reference: &str) -> Resolution {
        if let Some(&i) = self.exact.get(reference) {
            return Resolution::Exact(i);
        }
        let lookups: [(Option<&Vec<usize>>, &str); 3] = [
            (
                self.folded.get(&reference.to_lowercase()),
                "letter case differs",
            ),
            (
                canonical_number(reference).and_then(|n| self.numeric.get(&n)),
                "same number written differently",
            ),
            (self.names.get(&reference.to_lowercase()), "matched by name"),
        ];
        for (found, how) in lookups {
            match found.map(Vec::as_slice) {
                Some([one]) => return Resolution::Loose(*one, how.to_owned()),
                Some(many) if many.len() > 1 => return Resolution::Ambiguous(many.to_vec()),
                _ => {}
            }
        }
        Resolution::Missing
    }
}

/// "Smith, Jane" as "Jane Smith" (HR systems often list people surname first).
fn surname_first(reference: &str) -> Option<String> {
    let (surname, given) = reference.split_once(',')?;
    Some(format!("{} {}", given.trim(), surname.trim()))
}

/// "007", "7", "7.0" and " 7 " are the same number; spreadsheets drop or add such zeros when they re-save.
fn canonical_number(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() || fraction.contains('.') || !fraction.chars().all(|c| c == '0') {
        return None;
    }
    let trimmed = whole.trim_start_matches('0');
    Some(if trimmed.is_empty() { "0" } else { trimmed }.to_owned())
}

/// What the chart loader would refuse (see `io::checks`) is left out or cut here, with a warning, so an
/// import never writes a file that does not load: a phone number in the FTE column, a pasted essay as a name.
fn keep_loadable(unit: &mut Unit) -> Vec<String> {
    use crate::io::checks;
    let mut problems = Vec::new();
    if let Some(problem) = unit.headcount.as_ref().and_then(checks::headcount_problem) {
        problems.push(format!("{problem}; the headcount was left out"));
        unit.headcount = None;
    }
    if let Some(problem) = unit.cost.as_ref().and_then(checks::cost_problem) {
        problems.push(format!("{problem}; the cost was left out"));
        unit.cost = None;
    }
    for (field, text) in [
        ("name", &mut unit.name),
        ("role", &mut unit.role),
        ("grade", &mut unit.grade),
        ("organisation", &mut unit.organisation),
        ("department", &mut unit.department),
    ] {
        if checks::text_problem(field, text, checks::MAX_CARD_TEXT).is_some() {
            problems.push(format!(
                "the {field} is longer than the {} characters a card shows; it was cut",
                checks::MAX_CARD_TEXT
            ));
            *text = checks::truncated(text, checks::MAX_CARD_TEXT - 1).into_owned();
        }
    }
    if checks::text_problem("notes", &unit.notes, checks::MAX_NOTES).is_some() {
        problems.push("the notes were too long and were cut".to_owned());
        unit.notes = checks::truncated(&unit.notes, checks::MAX_NOTES - 1).into_owned();
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, reports_to: Option<&str>, row: usize) -> Pending {
        Pending {
            unit: Unit::new(id, format!("Unit {id}")),
            file: 0,
            row,
            reports_to: reports_to.map(str::to_owned),
            can_manage: true,
            manager_key: ManagerKey::Id,
            email: String::new(),
        }
    }

    fn assemble(rows: Vec<Pending>) -> (Chart, Vec<ImportWarning>) {
        let mut assembler = Assembler::new(
            vec!["t.csv".to_owned()],
            Vocabulary {
                id_noun: "id",
                match_names: false,
            },
        );
        for r in rows {
            assembler.push(r);
        }
        assembler.finish().unwrap()
    }

    fn parent(chart: &Chart, id: &str) -> Option<String> {
        chart.parent(&UnitId::new(id)).map(|p| p.to_string())
    }

    #[test]
    fn repeated_ids_are_suffixed_and_reports_go_to_the_first() {
        let (chart, warnings) = assemble(vec![
            row("1", None, 2),
            row("1", None, 3),
            row("2", Some("1"), 4),
        ]);
        assert_eq!(chart.len(), 3);
        assert!(chart.contains(&UnitId::new("1#2")));
        assert_eq!(parent(&chart, "2").as_deref(), Some("1"));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].row, 3);
        assert!(
            warnings[0].message.contains("'1#2'"),
            "{}",
            warnings[0].message
        );
    }

    #[test]
    fn loose_references_resolve_with_a_warning() {
        let (chart, warnings) = assemble(vec![
            row("AB1", None, 2),
            row("007", None, 3),
            row("x", Some("ab1"), 4),
            row("y", Some("7"), 5),
        ]);
        assert_eq!(parent(&chart, "x").as_deref(), Some("AB1"));
        assert_eq!(parent(&chart, "y").as_deref(), Some("007"));
        assert_eq!(
            warnings.iter().map(|w| w.row).collect::<Vec<_>>(),
            vec![4, 5]
        );
    }

    #[test]
    fn missing_and_self_references_become_roots() {
        let (chart, warnings) =
            assemble(vec![row("a", Some("nowhere"), 2), row("b", Some("b"), 3)]);
        assert_eq!(chart.roots().len(), 2);
        assert!(warnings[0].message.contains("'nowhere'"));
        assert!(warnings[1].message.contains("itself"));
    }

    #[test]
    fn a_cycle_is_broken_at_its_first_row_and_named() {
        let (chart, warnings) = assemble(vec![
            row("top", None, 2),
            row("c", Some("a"), 3),
            row("a", Some("b"), 4),
            row("b", Some("c"), 5),
            row("d", Some("b"), 6),
        ]);
        assert_eq!(chart.len(), 5);
        assert_eq!(parent(&chart, "c"), None);
        assert_eq!(parent(&chart, "b").as_deref(), Some("c"));
        assert_eq!(parent(&chart, "a").as_deref(), Some("b"));
        assert_eq!(warnings.len(), 1);
        let message = &warnings[0].message;
        assert_eq!(warnings[0].row, 3);
        for id in ["'a'", "'b'", "'c'"] {
            assert!(message.contains(id), "{message}");
        }
    }

    #[test]
    fn numbers_compare_canonically() {
        assert_eq!(canonical_number("007").as_deref(), Some("7"));
        assert_eq!(canonical_number("7.0").as_deref(), Some("7"));
        assert_eq!(canonical_number("0").as_deref(), Some("0"));
        assert_eq!(canonical_number("7.5"), None);
        assert_eq!(canonical_number("A7"), None);
    }

    #[test]
    fn an_id_repeated_many_times_tries_each_suffix_about_once() {
        let n = 20_000;
        let mut rows: Vec<Pending> = (0..n).map(|k| row("x", None, k + 2)).collect();
        // A row that already has the id a suffix would give is stepped over, not duplicated.
        rows.insert(1, row("x#3", None, 1));
        SUFFIX_TRIES.with(|c| c.set(0));
        let (chart, warnings) = assemble(rows);
        let tries = SUFFIX_TRIES.with(|c| c.get());
        assert!(tries <= n + 2, "{tries} suffixes tried for {n} rows");
        assert_eq!(chart.len(), n + 1);
        assert_eq!(warnings.len(), n - 1);
        assert!(
            warnings[0].message.contains("'x#2'"),
            "{}",
            warnings[0].message
        );
        assert!(
            warnings[1].message.contains("'x#4'"),
            "{}",
            warnings[1].message
        );
        assert!(chart.contains(&UnitId::new(format!("x#{}", n + 1))));
    }
}
