//! Find (Ctrl+F): units whose name, role, grade, organisation, tags, notes or id contain the text. Matches are
//! highlighted on the canvas; Enter jumps to the next one and centres it.

use egui::{RichText, TextEdit, Ui};

use crate::model::{Chart, Unit, UnitId};

pub enum FindAction {
    /// Jump to this match: select it and centre it.
    Show(UnitId),
    Close,
}

#[derive(Default)]
pub struct Find {
    open: bool,
    pub query: String,
    matches: Vec<UnitId>,
    current: Option<usize>,
    key: Option<(u64, String)>,
    focus_request: bool,
}

pub fn find_field_id() -> egui::Id {
    egui::Id::unique("orgchart.find")
}

fn unit_matches(unit: &Unit, needle: &str) -> bool {
    let contains = |s: &str| s.to_lowercase().contains(needle);
    contains(&unit.name)
        || contains(&unit.role)
        || contains(&unit.grade)
        || contains(&unit.organisation)
        || contains(&unit.notes)
        || contains(unit.id.as_str())
        || unit.tags.iter().any(|t| contains(t))
        || unit.status.badge().is_some_and(|b| contains(&b))
}

impl Find {
    pub fn is_open(&self) -> bool {
        self.open
    }

    pub fn open(&mut self) {
        self.open = true;
        self.focus_request = true;
    }

    pub fn close(&mut self) {
        self.open = false;
        self.matches.clear();
        self.current = None;
        self.key = None;
    }

    pub fn matches(&self) -> &[UnitId] {
        if self.open { &self.matches } else { &[] }
    }

    pub fn current(&self) -> Option<&UnitId> {
        self.current.and_then(|i| self.matches.get(i))
    }

    /// Recomputes matches when the text or the chart changed.
    pub fn refresh(&mut self, chart: &Chart, revision: u64) {
        if !self.open {
            return;
        }
        let key = (revision, self.query.clone());
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let previous = self.current().cloned();
        let needle = self.query.trim().to_lowercase();
        self.matches = if needle.is_empty() {
            Vec::new()
        } else {
            chart
                .units()
                .into_iter()
                .filter(|u| unit_matches(u, &needle))
                .map(|u| u.id.clone())
                .collect()
        };
        self.current = previous.and_then(|p| self.matches.iter().position(|m| *m == p));
        self.key = Some(key);
    }

    /// The next (or previous) match, wrapping around.
    pub fn step(&mut self, forward: bool) -> Option<UnitId> {
        let n = self.matches.len();
        if n == 0 {
            return None;
        }
        let next = match (self.current, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        self.current = Some(next);
        self.matches.get(next).cloned()
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Option<FindAction> {
        let mut action = None;
        ui.horizontal(|ui| {
            let label = ui.label("Find");
            let response = ui
                .add(
                    TextEdit::singleline(&mut self.query)
                        .id(find_field_id())
                        .hint_text("name, role, grade, tag…")
                        .desired_width(220.0),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut self.focus_request) {
                response.request_focus();
            }
            let (enter, escape, shift) = ui.input(|i| {
                (
                    i.key_pressed(egui::Key::Enter),
                    i.key_pressed(egui::Key::Escape),
                    i.modifiers.shift,
                )
            });
            if response.lost_focus() && escape {
                action = Some(FindAction::Close);
            } else if response.lost_focus() && enter {
                action = self.step(!shift).map(FindAction::Show);
                // Keep typing or pressing Enter without clicking back into the field.
                response.request_focus();
            }
            let status = match (self.matches.len(), self.current) {
                (0, _) if self.query.trim().is_empty() => String::new(),
                (0, _) => "no matches".to_owned(),
                (n, Some(i)) => format!("{} of {n}", i + 1),
                (n, None) => format!("{n} found"),
            };
            ui.label(RichText::new(status).weak());
            if ui.button("Previous").on_hover_text("Shift+Enter").clicked() {
                action = self.step(false).map(FindAction::Show);
            }
            if ui.button("Next").on_hover_text("Enter").clicked() {
                action = self.step(true).map(FindAction::Show);
            }
            if ui.button("Close").on_hover_text("Escape").clicked() {
                action = Some(FindAction::Close);
            }
        });
        action
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_by_any_text_field_and_wraps_around() {
        let mut chart = Chart::new();
        chart
            .insert_unit(Unit::new("a", "Finance").with_role("Budgets"), None, None)
            .unwrap();
        chart.insert_unit(Unit::new("b", "HR"), None, None).unwrap();
        let mut tagged = Unit::new("c", "Payroll");
        tagged.tags = vec!["finance".into()];
        chart.insert_unit(tagged, None, None).unwrap();
        let mut find = Find::default();
        find.open();
        find.query = "FINANCE".into();
        find.refresh(&chart, 0);
        assert_eq!(find.matches(), &[UnitId::new("a"), UnitId::new("c")]);
        assert_eq!(find.step(true), Some(UnitId::new("a")));
        assert_eq!(find.step(true), Some(UnitId::new("c")));
        assert_eq!(find.step(true), Some(UnitId::new("a")));
        assert_eq!(find.step(false), Some(UnitId::new("c")));
        find.query = "budg".into();
        find.refresh(&chart, 0);
        assert_eq!(find.matches(), &[UnitId::new("a")]);
    }
}
