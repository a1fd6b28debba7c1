//! The change list: one entry per change, grouped by kind in the diff's order; clicking one picks its unit.

use std::collections::HashMap;

use egui::{Color32, RichText, Ui};

use crate::diff::report::link_kind_words;
use crate::diff::{Change, ChangeKind, ChartDiff};
use crate::metrics::{format, own_totals};
use crate::model::{Chart, Link, Span, UnitId};

use super::data::Pick;
use super::style;

/// One line of the change list.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// "Added: Deputy Directors", "Link added: Council A → Chief Executive (shared)".
    pub title: String,
    /// Where, from what to what, figures: one or more short lines.
    pub detail: Vec<String>,
    /// Matched on names rather than ids: the reader should check it.
    pub guessed: Option<String>,
    pub colour: Color32,
    pub pick: Pick,
}

/// The order sections appear in, whatever order the diff lists them.
const ORDER: [&str; 8] = [
    "added",
    "removed",
    "moved",
    "renamed",
    "changed",
    "link added",
    "link removed",
    "link changed",
];

pub fn entries(before: &Chart, after: &Chart, diff: &ChartDiff) -> Vec<Entry> {
    let mut out: Vec<Entry> = ORDER
        .iter()
        .flat_map(|label| diff.changes_labelled(label))
        .map(|change| entry(before, after, diff, change))
        .collect();
    // A match guessed from names is worth checking even when nothing else about the unit changed.
    for m in diff.guessed_matches() {
        if out.iter().any(|e| e.pick.after.as_ref() == Some(&m.after)) {
            continue;
        }
        let name = after
            .unit(&m.after)
            .map_or_else(|| m.after.to_string(), |u| u.name.clone());
        out.push(Entry {
            title: format!("Matched by name: {name}"),
            detail: vec![format!("was [{}] before", m.before)],
            guessed: Some(format!("Guessed match: {}", m.basis.describe())),
            colour: style::GUESSED,
            pick: Pick::from_after(&m.after, diff),
        });
    }
    disambiguate(&mut out);
    out
}

fn entry(before: &Chart, after: &Chart, diff: &ChartDiff, change: &Change) -> Entry {
    let kind = capitalise(change.kind.label());
    let name_in = |chart: &Chart, id: &UnitId| {
        chart
            .unit(id)
            .map_or_else(|| id.to_string(), |u| u.name.clone())
    };
    let manager = |chart: &Chart, id: Option<&UnitId>| {
        id.map_or_else(|| "the top".to_owned(), |id| name_in(chart, id))
    };
    let link_title = |link: &Link, chart: &Chart| {
        format!(
            "{kind}: {} → {}",
            name_in(chart, &link.from),
            name_in(chart, &link.to)
        )
    };
    let link_detail = |link: &Link| {
        let mut words = link_kind_words(link.kind).to_owned();
        if !link.label.trim().is_empty() {
            words.push_str(&format!(" “{}”", link.label.trim()));
        }
        words
    };
    let unit_title = format!("{kind}: {}", change.name);
    let (title, detail, pick) = match &change.kind {
        ChangeKind::Added => (
            unit_title,
            with_figures(
                format!("under {}", manager(after, after.parent(&change.id))),
                after,
                &change.id,
            ),
            Pick::from_after(&change.id, diff),
        ),
        ChangeKind::Removed => (
            unit_title,
            with_figures(
                format!("was under {}", manager(before, before.parent(&change.id))),
                before,
                &change.id,
            ),
            Pick::from_before(&change.id, diff),
        ),
        ChangeKind::Moved { from, to } => (
            unit_title,
            vec![format!(
                "from {} to {}",
                manager(before, from.as_ref()),
                manager(after, to.as_ref())
            )],
            Pick::from_after(&change.id, diff),
        ),
        ChangeKind::Renamed { from, .. } => (
            unit_title,
            vec![format!("was “{from}”")],
            Pick::from_after(&change.id, diff),
        ),
        ChangeKind::Changed { fields } => (
            unit_title,
            fields
                .iter()
                .map(|f| {
                    format!(
                        "{}: {} → {}",
                        capitalise(f.field.label()),
                        f.before,
                        f.after
                    )
                })
                .collect(),
            Pick::from_after(&change.id, diff),
        ),
        ChangeKind::LinkAdded(link) => (
            link_title(link, after),
            vec![link_detail(link)],
            Pick::from_after(&change.id, diff),
        ),
        ChangeKind::LinkRemoved(link) => (
            link_title(link, before),
            vec![link_detail(link)],
            Pick::from_before(&change.id, diff),
        ),
        ChangeKind::LinkChanged {
            before: old,
            after: new,
        } => (
            link_title(new, after),
            vec![format!(
                "{}: “{}” → “{}”",
                link_kind_words(new.kind),
                old.label.trim(),
                new.label.trim()
            )],
            Pick::from_after(&change.id, diff),
        ),
    };
    let guessed = change
        .before_id
        .as_ref()
        .filter(|_| !change.kind.is_link())
        .map(|before_id| {
            let basis = diff
                .matches
                .iter()
                .find(|m| m.before == *before_id)
                .map_or("", |m| m.basis.describe());
            format!("Guessed match: taken to be [{before_id}] of the before chart ({basis})")
        });
    Entry {
        title,
        detail,
        guessed,
        colour: style::change_colour(&change.kind),
        pick,
    }
}

/// "under Policy Unit", then "2 posts, £81k a year" when the unit has figures.
fn with_figures(place: String, chart: &Chart, id: &UnitId) -> Vec<String> {
    let mut lines = vec![place];
    if let Some(unit) = chart.unit(id) {
        let totals = own_totals(unit);
        let mut parts = Vec::new();
        if totals.headcount != Span::ZERO {
            parts.push(format::headcount(totals.headcount, totals.has_fte));
        }
        if totals.cost != Span::ZERO {
            parts.push(format!("{} a year", format::money(totals.cost)));
        }
        if !parts.is_empty() {
            lines.push(parts.join(", "));
        }
    }
    lines
}

/// Two entries with the same title (two units called "ICT" in different councils) get their ids added.
fn disambiguate(entries: &mut [Entry]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for entry in entries.iter() {
        *seen.entry(entry.title.clone()).or_default() += 1;
    }
    for entry in entries.iter_mut() {
        if seen.get(&entry.title).is_some_and(|n| *n > 1)
            && let Some(id) = entry.pick.merged()
        {
            entry.title = format!("{} [{id}]", entry.title);
        }
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Shows the list; returns the entry clicked.
pub fn list_ui(ui: &mut Ui, entries: &[Entry], picked: Option<&Pick>) -> Option<usize> {
    let mut clicked = None;
    if entries.is_empty() {
        ui.label("No changes: the two charts have the same units, fields and links.");
        return None;
    }
    ui.label(RichText::new(summary(entries)).weak());
    ui.add_space(4.0);
    for (i, entry) in entries.iter().enumerate() {
        ui.horizontal(|ui| {
            let (swatch, _) = ui.allocate_exact_size(egui::vec2(4.0, 18.0), egui::Sense::hover());
            ui.painter().rect_filled(swatch, 1.0, entry.colour);
            let selected = picked.is_some_and(|p| *p == entry.pick);
            let response = ui.add(egui::Button::selectable(selected, &entry.title).wrap());
            if response.clicked() {
                clicked = Some(i);
            }
            if let Some(note) = &entry.guessed {
                ui.label(RichText::new("guessed").small().color(style::GUESSED))
                    .on_hover_text(note);
            }
        });
        ui.indent(("change-detail", i), |ui| {
            for line in &entry.detail {
                ui.label(RichText::new(line).small().weak());
            }
        });
    }
    clicked
}

/// "4 added · 2 removed · 3 links".
fn summary(entries: &[Entry]) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for entry in entries {
        let kind = entry
            .title
            .split(':')
            .next()
            .unwrap_or_default()
            .to_lowercase();
        match counts.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((kind, 1)),
        }
    }
    counts
        .iter()
        .map(|(kind, n)| format!("{n} {kind}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Unit;

    #[test]
    fn entries_follow_kind_order_and_same_names_get_ids() {
        let mut before = Chart::new();
        before
            .insert_unit(Unit::new("top", "Top"), None, None)
            .unwrap();
        for id in ["x", "y"] {
            before
                .insert_unit(Unit::new(id, "ICT"), Some(&UnitId::new("top")), None)
                .unwrap();
        }
        let mut after = Chart::new();
        after
            .insert_unit(Unit::new("top", "Top"), None, None)
            .unwrap();
        after
            .insert_unit(Unit::new("new", "Finance"), Some(&UnitId::new("top")), None)
            .unwrap();
        let diff = crate::diff::diff(&before, &after);
        let list = entries(&before, &after, &diff);
        let titles: Vec<&str> = list.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Added: Finance", "Removed: ICT [x]", "Removed: ICT [y]"]
        );
        assert_eq!(list[0].detail[0], "under Top");
        assert_eq!(list[1].pick.before, Some(UnitId::new("x")));
        assert_eq!(summary(&list), "1 added · 2 removed");
    }

    #[test]
    fn matches_guessed_from_names_are_flagged() {
        let mut before = Chart::new();
        before
            .insert_unit(Unit::new("top", "Top"), None, None)
            .unwrap();
        for (id, name) in [("fin-1", "Finance"), ("hr-1", "HR")] {
            before
                .insert_unit(Unit::new(id, name), Some(&UnitId::new("top")), None)
                .unwrap();
        }
        let mut after = Chart::new();
        after
            .insert_unit(Unit::new("top", "Top"), None, None)
            .unwrap();
        after
            .insert_unit(
                Unit::new("fin-2", "Finance"),
                Some(&UnitId::new("top")),
                None,
            )
            .unwrap();
        after
            .insert_unit(Unit::new("hr-2", "HR"), Some(&UnitId::new("fin-2")), None)
            .unwrap();
        let diff = crate::diff::diff(&before, &after);
        let list = entries(&before, &after, &diff);
        let moved = list.iter().find(|e| e.title == "Moved: HR").unwrap();
        assert!(moved.guessed.is_some(), "{list:#?}");
        assert_eq!(moved.pick.before, Some(UnitId::new("hr-1")));
        let finance = list
            .iter()
            .find(|e| e.title == "Matched by name: Finance")
            .unwrap();
        assert!(finance.guessed.is_some());
        assert_eq!(finance.pick.before, Some(UnitId::new("fin-1")));
    }
}
