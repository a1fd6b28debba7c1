//! The readable summary: headline totals, then what happened, section by section.

use std::fmt::Write;

use crate::metrics::format;

use super::super::{ChangeKind, DiffTotals};
use super::{Report, count_change, money_pair};

/// The sections of a change, each a title and the label of the changes it lists.
pub const UNIT_SECTIONS: [(&str, &str); 5] = [
    ("Added", "added"),
    ("Removed", "removed"),
    ("Moved", "moved"),
    ("Renamed", "renamed"),
    ("Changed", "changed"),
];

impl Report<'_> {
    /// A summary a councillor can read: totals first, then Added / Removed / Moved / Renamed / Changed /
    /// Links, each line naming the unit and its id, then the matches that were guessed.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let title = |chart: &crate::model::Chart| {
            if chart.title().trim().is_empty() {
                String::new()
            } else {
                format!(" \"{}\"", chart.title().trim())
            }
        };
        let _ = writeln!(
            out,
            "Comparing {}{} ({} units) with {}{} ({} units)",
            self.before_label,
            title(self.before),
            self.before.len(),
            self.after_label,
            title(self.after),
            self.after.len()
        );
        out.push('\n');
        let _ = writeln!(out, "{}", headline(&self.diff.totals));
        if self.diff.per_top_level.len() > 1 {
            out.push_str("\nBy top-level unit\n");
            for row in &self.diff.per_top_level {
                let tag = match (row.in_before, row.in_after) {
                    (false, _) => " (new)",
                    (_, false) => " (removed)",
                    _ => "",
                };
                let _ = writeln!(
                    out,
                    "  {} [{}]{tag}: {}",
                    row.name,
                    row.id,
                    lowercase_first(&headline_within(&row.totals, &self.diff.totals))
                );
            }
        }
        let organisations = &self.diff.per_organisation;
        if organisations.len() > 1
            || organisations
                .iter()
                .any(|o| o.totals.before != o.totals.after)
        {
            out.push_str("\nBy organisation (shared units counted by their shares)\n");
            for row in organisations {
                let tag = match (row.in_before, row.in_after) {
                    (false, _) => " (new)",
                    (_, false) => " (gone)",
                    _ => "",
                };
                let assumed = if row.assumed_split {
                    " (equal split assumed where no shares are given)"
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "  {}{tag}: {}{assumed}",
                    row.name,
                    lowercase_first(&headline_within(&row.totals, &self.diff.totals))
                );
            }
        }
        if self.diff.is_empty() {
            out.push_str("\nNo changes.\n");
        }
        for (title, label) in UNIT_SECTIONS {
            section(&mut out, title, &self.lines(label));
        }
        section(&mut out, "Links", &self.link_lines());
        let guessed: Vec<String> = self
            .diff
            .guessed_matches()
            .map(|m| {
                format!(
                    "{} is taken to be {} ({})",
                    self.after_unit(&m.after),
                    self.before_unit(&m.before),
                    m.basis.describe()
                )
            })
            .collect();
        section(
            &mut out,
            "Guessed matches (ids differ; please check)",
            &guessed,
        );
        out
    }

    /// One line per change of one kind ("added", "removed", "moved", "renamed", "changed"), as the text
    /// summary writes them: the unit, its id, where it was or went, and what changed.
    pub fn lines(&self, label: &str) -> Vec<String> {
        self.diff
            .changes_labelled(label)
            .map(|change| self.unit_line(change))
            .collect()
    }

    /// One line per added, removed or relabelled link.
    pub fn link_lines(&self) -> Vec<String> {
        self.diff
            .changes
            .iter()
            .filter_map(|change| self.link_line(&change.kind))
            .collect()
    }

    fn unit_line(&self, change: &super::super::Change) -> String {
        let who = format!("{} [{}]", change.name, change.id);
        let mut line = match &change.kind {
            ChangeKind::Added => {
                let manager = self.after.parent(&change.id).cloned();
                with_figures(
                    format!("{who}, under {}", self.manager_after(&manager)),
                    self.own_figures(change),
                )
            }
            ChangeKind::Removed => {
                let manager = self.before.parent(&change.id).cloned();
                with_figures(
                    format!("{who}, was under {}", self.manager_before(&manager)),
                    self.own_figures(change),
                )
            }
            ChangeKind::Moved { from, to } => format!(
                "{who}: from {} to {}",
                self.manager_before(from),
                self.manager_after(to)
            ),
            ChangeKind::Renamed { from, .. } => format!("{who}: was \"{from}\""),
            ChangeKind::Changed { fields } => {
                let parts: Vec<String> = fields
                    .iter()
                    .map(|f| format!("{} {} -> {}", f.field.label(), f.before, f.after))
                    .collect();
                format!("{who}: {}", parts.join("; "))
            }
            _ => who,
        };
        let note = self.guessed_note(change);
        if !note.is_empty() {
            line.push_str(&format!(" ({note})"));
        }
        line
    }

    fn link_line(&self, kind: &ChangeKind) -> Option<String> {
        Some(match kind {
            ChangeKind::LinkAdded(link) => format!("added: {}", self.link_text(link, false)),
            ChangeKind::LinkRemoved(link) => format!("removed: {}", self.link_text(link, true)),
            ChangeKind::LinkChanged { before, after } => format!(
                "relabelled: {}, was \"{}\"",
                self.link_text(after, false),
                before.label.trim()
            ),
            _ => return None,
        })
    }
}

fn with_figures(line: String, figures: String) -> String {
    if figures.is_empty() {
        line
    } else {
        format!("{line}: {figures}")
    }
}

fn section(out: &mut String, title: &str, lines: &[String]) {
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{title} ({})", lines.len());
    for line in lines {
        let _ = writeln!(out, "  {line}");
    }
}

/// "Headcount 12 -> 22 (+10); cost £0.39m -> £0.86m (+£0.47m) a year incl. on-costs". A figure neither
/// side gives is "not given"; given on one side only, the other side says so and the change is not told.
pub fn headline(totals: &DiffTotals) -> String {
    headline_within(totals, totals)
}

/// The headline of a part (a top-level unit, an organisation) of the chart whose totals are `whole`: a
/// figure the whole chart gives is 0 in a part without it, not "not given".
pub fn headline_within(totals: &DiffTotals, whole: &DiffTotals) -> String {
    let (before, after) = (&totals.before, &totals.after);
    let given = |counted: fn(&crate::metrics::Totals) -> bool| {
        (counted(&whole.before), counted(&whole.after))
    };
    let (cost_before, cost_after, scale) = money_pair(before.cost, after.cost);
    let fte = if totals.has_fte() {
        " (posts and FTE)"
    } else {
        ""
    };
    let estimated = if totals.estimated() {
        "; includes estimates"
    } else {
        ""
    };
    let counted = given(|t| t.counted);
    let costed = given(|t| t.costed);
    let headcount = figure_change(
        counted,
        [
            format::count(before.headcount),
            format::count(after.headcount),
            count_change(totals.headcount_change()),
        ],
    );
    let cost = match figure_change(
        costed,
        [cost_before, cost_after, scale.change(totals.cost_change())],
    ) {
        figures if costed.0 || costed.1 => format!("{figures} a year incl. on-costs"),
        not_given => not_given,
    };
    format!("Headcount {headcount}{fte}; cost {cost}{estimated}")
}

/// "12 -> 22 (+10)", "not given -> 22", or "not given".
fn figure_change(given: (bool, bool), [before, after, change]: [String; 3]) -> String {
    let side = |given: bool, text: String| if given { text } else { NOT_GIVEN.to_owned() };
    match given {
        (false, false) => NOT_GIVEN.to_owned(),
        (true, true) => format!("{before} -> {after} ({change})"),
        (b, a) => format!("{} -> {}", side(b, before), side(a, after)),
    }
}

const NOT_GIVEN: &str = "not given";

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}
