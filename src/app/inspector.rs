//! The inspector: every field of the selected unit, and its links. Text is applied when the field is left
//! (Enter, Tab or a click elsewhere); input that does not make sense is shown inline in red and not applied.

use std::collections::BTreeMap;

use egui::{Color32, RichText, TextEdit, Ui};

use crate::model::{
    Chart, Cost, CostBasis, Edit, Headcount, HeadcountBasis, Link, LinkKind, Status, Unit, UnitId,
    UnitKind, check_unit_shares, describe_shares,
};

use super::canvas::name;
use super::parse;
use super::state::{Document, Selection};

pub const ERROR_COLOUR: Color32 = Color32::from_rgb(0xD5, 0x5E, 0x00);

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Name,
    Role,
    Headcount,
    Cost,
    OnCost,
    Provider,
    SharedWith,
    Shares,
    Organisation,
    Department,
    Grade,
    Notes,
    Tags,
}

impl Field {
    const TEXT: [Field; 13] = [
        Field::Name,
        Field::Role,
        Field::Headcount,
        Field::Cost,
        Field::OnCost,
        Field::Provider,
        Field::SharedWith,
        Field::Shares,
        Field::Organisation,
        Field::Department,
        Field::Grade,
        Field::Notes,
        Field::Tags,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "Name",
            Field::Role => "Role",
            Field::Headcount => "Headcount",
            Field::Cost => "Cost a year",
            Field::OnCost => "On-cost",
            Field::Provider => "Provider",
            Field::SharedWith => "Shared with",
            Field::Shares => "Shares",
            Field::Organisation => "Organisation",
            Field::Department => "Department",
            Field::Grade => "Grade",
            Field::Notes => "Notes",
            Field::Tags => "Tags",
        }
    }

    fn hint(self) -> &'static str {
        match self {
            Field::Name => "Name of the unit or post",
            Field::Role => "What it does",
            Field::Headcount => "12, or a range: 11-15",
            Field::Cost => "£40,000 per post, 98k, 40-55k",
            Field::OnCost => "Pension and NI, e.g. 20%",
            Field::Provider => "Company providing the service",
            Field::SharedWith => "Organisations, separated by commas",
            Field::Shares => "Council A 60%, Council B 40%",
            Field::Organisation => "Which organisation it belongs to",
            Field::Department => "Department, division, team or cost centre",
            Field::Grade => "Pay grade",
            Field::Notes => "Sources, assumptions",
            Field::Tags => "Comma-separated",
        }
    }

    /// The field as it shows for a unit.
    fn show(self, unit: &Unit) -> String {
        match self {
            Field::Name => unit.name.clone(),
            Field::Role => unit.role.clone(),
            Field::Headcount => parse::show_count(unit.headcount.map(|h| h.value)),
            Field::Cost => parse::show_money(unit.cost.map(|c| c.amount)),
            Field::OnCost => parse::show_percent(unit.cost.and_then(|c| c.on_cost_rate)),
            Field::Provider => match &unit.status {
                Status::Outsourced { provider } => provider.clone(),
                _ => String::new(),
            },
            Field::SharedWith => match &unit.status {
                Status::Shared { with } => with.join(", "),
                _ => String::new(),
            },
            Field::Shares => describe_shares(&unit.shares),
            Field::Organisation => unit.organisation.clone(),
            Field::Department => unit.department.clone(),
            Field::Grade => unit.grade.clone(),
            Field::Notes => unit.notes.clone(),
            Field::Tags => unit.tags.join(", "),
        }
    }

    /// The unit with this field set from `text`, or why the text cannot be used.
    fn set(self, unit: &Unit, text: &str) -> Result<Unit, String> {
        let mut unit = unit.clone();
        match self {
            Field::Name => {
                if text.trim().is_empty() {
                    return Err("A unit needs a name".to_owned());
                }
                unit.name = text.trim().to_owned();
            }
            Field::Role => unit.role = text.trim().to_owned(),
            Field::Headcount => {
                unit.headcount = parse::count(text)?.map(|value| Headcount {
                    value,
                    basis: unit.headcount.map(|h| h.basis).unwrap_or_default(),
                });
            }
            Field::Cost => {
                unit.cost = parse::money_with_basis(text)?.map(|(amount, basis)| {
                    let before = unit.cost.unwrap_or(Cost {
                        amount,
                        basis: CostBasis::PerPost,
                        on_cost_rate: None,
                        estimate: false,
                    });
                    Cost {
                        amount,
                        basis: basis.unwrap_or(before.basis),
                        ..before
                    }
                });
            }
            Field::OnCost => {
                let rate = parse::percent(text)?;
                match (&mut unit.cost, rate) {
                    (Some(cost), rate) => cost.on_cost_rate = rate,
                    (None, None) => {}
                    (None, Some(_)) => {
                        return Err("Enter the cost first, then its on-cost".to_owned());
                    }
                }
            }
            // Empty text for a status the unit does not have is no change.
            Field::Provider => {
                if !text.trim().is_empty() || matches!(unit.status, Status::Outsourced { .. }) {
                    unit.status = Status::Outsourced {
                        provider: text.trim().to_owned(),
                    };
                }
            }
            Field::SharedWith => {
                if !text.trim().is_empty() || matches!(unit.status, Status::Shared { .. }) {
                    unit.status = Status::Shared {
                        with: parse::list(text),
                    };
                }
            }
            Field::Shares => {
                unit.shares = parse::shares(text)?;
                // Shares name whom the unit is shared with: keep the two lists the same.
                if let Status::Shared { with } = &mut unit.status
                    && !unit.shares.is_empty()
                {
                    *with = unit
                        .shares
                        .iter()
                        .map(|share| share.organisation.clone())
                        .collect();
                }
            }
            Field::Organisation => unit.organisation = text.trim().to_owned(),
            Field::Department => unit.department = text.trim().to_owned(),
            Field::Grade => unit.grade = text.trim().to_owned(),
            Field::Notes => unit.notes = text.to_owned(),
            Field::Tags => unit.tags = parse::list(text),
        }
        // The model refuses shares that do not add up; say so here, where they are typed.
        check_unit_shares(&unit).map_err(|problem| capitalised(&problem))?;
        Ok(unit)
    }

    fn widget_id(self) -> egui::Id {
        egui::Id::unique(("orgchart.inspector", self as u8))
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The texts being edited for one unit.
struct Draft {
    id: UnitId,
    revision: u64,
    text: BTreeMap<Field, String>,
    errors: BTreeMap<Field, String>,
}

impl Draft {
    fn new(unit: &Unit, revision: u64) -> Self {
        Self {
            id: unit.id.clone(),
            revision,
            text: Field::TEXT.iter().map(|f| (*f, f.show(unit))).collect(),
            errors: BTreeMap::new(),
        }
    }

    /// Takes the chart's values, except in a field being typed in or holding refused input.
    fn refresh(&mut self, unit: &Unit, revision: u64, focused: Option<Field>) {
        for field in Field::TEXT {
            if Some(field) != focused && !self.errors.contains_key(&field) {
                self.text.insert(field, field.show(unit));
            }
        }
        self.revision = revision;
    }
}

/// A change the inspector asks the app to make.
#[derive(Clone, Debug, PartialEq)]
pub struct InspectorEdit {
    pub edit: Edit,
    pub label: String,
}

#[derive(Default)]
pub struct Inspector {
    draft: Option<Draft>,
    link_kind: Option<LinkKind>,
    link_target: String,
    link_error: Option<String>,
}

impl Inspector {
    /// Commits what was typed into the previous unit's fields when the selection moves on, so a click on
    /// another card never loses input.
    fn flush(&mut self, chart: &Chart, out: &mut Vec<InspectorEdit>) {
        let Some(draft) = self.draft.take() else {
            return;
        };
        let Some(mut unit) = chart.unit(&draft.id).cloned() else {
            return;
        };
        let original = unit.clone();
        for (field, text) in &draft.text {
            if field.show(&unit) != *text
                && let Ok(changed) = field.set(&unit, text)
            {
                unit = changed;
            }
        }
        if unit != original {
            out.push(InspectorEdit {
                label: format!("Edit '{}'", original.name),
                edit: Edit::UpdateUnit(Box::new(unit)),
            });
        }
    }

    /// The error shown under a field, if its input was refused.
    pub fn error(&self, field: Field) -> Option<&str> {
        self.draft
            .as_ref()
            .and_then(|d| d.errors.get(&field))
            .map(String::as_str)
    }

    pub fn ui(&mut self, ui: &mut Ui, doc: &Document, selection: &Selection) -> Vec<InspectorEdit> {
        let mut out = Vec::new();
        let chart = doc.chart();
        let unit = selection.primary().and_then(|id| chart.unit(id)).cloned();
        if self.draft.as_ref().map(|d| &d.id) != unit.as_ref().map(|u| &u.id) {
            self.flush(chart, &mut out);
            self.draft = unit.as_ref().map(|u| Draft::new(u, doc.revision()));
            self.link_error = None;
        }
        let Some(unit) = unit else {
            ui.label(RichText::new("Select a card to see and edit its details.").weak());
            ui.add_space(6.0);
            ui.label(RichText::new(
                "Tab adds a report, Enter a colleague, F2 renames. Drag a card onto another to change who it reports to.",
            ).weak().small());
            return out;
        };
        let focused = Field::TEXT
            .into_iter()
            .find(|f| ui.memory(|m| m.has_focus(f.widget_id())));
        if let Some(draft) = &mut self.draft
            && draft.revision != doc.revision()
        {
            draft.refresh(&unit, doc.revision(), focused);
        }
        if selection.ids().len() > 1 {
            ui.label(
                RichText::new(format!(
                    "{} selected; showing the last one picked.",
                    selection.ids().len()
                ))
                .weak(),
            );
        }
        egui::Grid::new("inspector-grid")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .striped(false)
            .show(ui, |ui| {
                self.text_row(ui, &unit, Field::Name, &mut out);
                self.text_row(ui, &unit, Field::Role, &mut out);
                kind_row(ui, &unit, &mut out);
                self.text_row(ui, &unit, Field::Headcount, &mut out);
                if unit.headcount.is_some() {
                    fte_row(ui, &unit, &mut out);
                }
                self.text_row(ui, &unit, Field::Cost, &mut out);
                if unit.cost.is_some() {
                    cost_basis_row(ui, &unit, &mut out);
                    self.text_row(ui, &unit, Field::OnCost, &mut out);
                    estimate_row(ui, &unit, &mut out);
                }
                status_row(ui, &unit, &mut out);
                match unit.status {
                    Status::Outsourced { .. } => {
                        self.text_row(ui, &unit, Field::Provider, &mut out)
                    }
                    Status::Shared { .. } => self.text_row(ui, &unit, Field::SharedWith, &mut out),
                    _ => {}
                }
                if matches!(unit.status, Status::Shared { .. }) || !unit.shares.is_empty() {
                    self.text_row(ui, &unit, Field::Shares, &mut out);
                }
                self.text_row(ui, &unit, Field::Organisation, &mut out);
                self.text_row(ui, &unit, Field::Department, &mut out);
                self.text_row(ui, &unit, Field::Grade, &mut out);
                self.text_row(ui, &unit, Field::Tags, &mut out);
                self.text_row(ui, &unit, Field::Notes, &mut out);
            });
        // Below the grid, full width: the choices are too wide for its second column.
        super::arrange::details_rows(ui, chart, &unit, &mut out);
        ui.add_space(4.0);
        ui.label(RichText::new(format!("Id: {}", unit.id)).weak().small());
        ui.separator();
        self.links_ui(ui, chart, &unit, &mut out);
        out
    }

    fn text_row(&mut self, ui: &mut Ui, unit: &Unit, field: Field, out: &mut Vec<InspectorEdit>) {
        let Some(draft) = &mut self.draft else {
            return;
        };
        let label = ui.label(field.label());
        let text = draft.text.entry(field).or_default();
        // Longer text would make the chart fail to load again (see io::checks).
        let edit = if field == Field::Notes {
            TextEdit::multiline(text)
                .desired_rows(3)
                .char_limit(crate::io::checks::MAX_NOTES)
        } else {
            TextEdit::singleline(text).char_limit(crate::io::checks::MAX_CARD_TEXT)
        };
        let response = ui
            .vertical(|ui| {
                let response = ui
                    .add(
                        edit.id(field.widget_id())
                            .hint_text(field.hint())
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                if let Some(error) = draft.errors.get(&field) {
                    ui.add(
                        egui::Label::new(RichText::new(error).color(ERROR_COLOUR).small()).wrap(),
                    );
                }
                response
            })
            .inner;
        ui.end_row();
        if response.lost_focus() {
            let text = draft.text.get(&field).cloned().unwrap_or_default();
            if text == field.show(unit) {
                draft.errors.remove(&field);
                return;
            }
            match field.set(unit, &text) {
                Ok(changed) => {
                    draft.errors.remove(&field);
                    out.push(InspectorEdit {
                        label: format!("Set {} of '{}'", field.label().to_lowercase(), unit.name),
                        edit: Edit::UpdateUnit(Box::new(changed)),
                    });
                }
                Err(error) => {
                    draft.errors.insert(field, format!("{error} — not applied"));
                }
            }
        }
    }

    fn links_ui(&mut self, ui: &mut Ui, chart: &Chart, unit: &Unit, out: &mut Vec<InspectorEdit>) {
        ui.label(RichText::new("Links").strong());
        let links = chart.links_of(&unit.id);
        if links.is_empty() {
            ui.label(
                RichText::new("No dotted, contract or shared-service links.")
                    .weak()
                    .small(),
            );
        }
        for link in links {
            ui.horizontal(|ui| {
                let other = if link.from == unit.id {
                    &link.to
                } else {
                    &link.from
                };
                let arrow = if link.from == unit.id { "to" } else { "from" };
                ui.label(format!(
                    "{} {arrow} '{}'",
                    link.kind.label(),
                    name(chart, other)
                ));
                if ui
                    .small_button("Remove")
                    .on_hover_text("Remove this link")
                    .clicked()
                {
                    out.push(InspectorEdit {
                        label: format!("Remove link to '{}'", name(chart, other)),
                        edit: Edit::RemoveLink(link.clone()),
                    });
                }
            });
        }
        ui.add_space(4.0);
        let kind = *self.link_kind.get_or_insert(LinkKind::Dotted);
        ui.horizontal(|ui| {
            let label = ui.label("Add");
            egui::ComboBox::from_id_salt("inspector-link-kind")
                .selected_text(kind.label())
                .show_ui(ui, |ui| {
                    for k in LinkKind::ALL {
                        ui.selectable_value(&mut self.link_kind, Some(k), k.label());
                    }
                })
                .response
                .labelled_by(label.id);
        });
        let mut add = false;
        ui.horizontal(|ui| {
            let label = ui.label("to");
            let response = ui
                .add(
                    TextEdit::singleline(&mut self.link_target)
                        .hint_text("name or id of the other unit")
                        .desired_width(160.0),
                )
                .labelled_by(label.id);
            add |= response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            add |= ui.button("Add link").clicked();
        });
        if add {
            match resolve_unit(chart, &self.link_target) {
                Ok(target) if target == unit.id => {
                    self.link_error = Some("A link needs two different units".to_owned());
                }
                Ok(target) => {
                    let link = Link::new(unit.id.as_str(), target.as_str(), kind);
                    if chart.links().contains(&link) {
                        self.link_error = Some("That link is already there".to_owned());
                    } else {
                        out.push(InspectorEdit {
                            label: format!(
                                "Add {} to '{}'",
                                kind.label().to_lowercase(),
                                name(chart, &target)
                            ),
                            edit: Edit::AddLink(link),
                        });
                        self.link_target.clear();
                        self.link_error = None;
                    }
                }
                Err(error) => self.link_error = Some(error),
            }
        }
        if let Some(error) = &self.link_error {
            ui.add(egui::Label::new(RichText::new(error).color(ERROR_COLOUR).small()).wrap());
        }
    }
}

/// A unit named by id, or by a name only one unit has.
pub fn resolve_unit(chart: &Chart, text: &str) -> Result<UnitId, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("Type the name or id of the other unit".to_owned());
    }
    let id = UnitId::new(text);
    if chart.contains(&id) {
        return Ok(id);
    }
    let named: Vec<&Unit> = chart
        .units()
        .into_iter()
        .filter(|u| u.name.eq_ignore_ascii_case(text))
        .collect();
    match named.as_slice() {
        [one] => Ok(one.id.clone()),
        [] => Err(format!("No unit is called '{text}'")),
        many => Err(format!(
            "{} units are called '{text}'; type the id instead (shown under each unit's details)",
            many.len()
        )),
    }
}

fn update(unit: &Unit, changed: Unit, what: &str, out: &mut Vec<InspectorEdit>) {
    if changed != *unit {
        out.push(InspectorEdit {
            label: format!("Set {what} of '{}'", unit.name),
            edit: Edit::UpdateUnit(Box::new(changed)),
        });
    }
}

fn kind_row(ui: &mut Ui, unit: &Unit, out: &mut Vec<InspectorEdit>) {
    let label = ui.label("Kind");
    let mut kind = unit.kind;
    egui::ComboBox::from_id_salt("inspector-kind")
        .selected_text(kind.label())
        .show_ui(ui, |ui| {
            for k in UnitKind::ALL {
                ui.selectable_value(&mut kind, k, k.label());
            }
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
    update(
        unit,
        Unit {
            kind,
            ..unit.clone()
        },
        "kind",
        out,
    );
}

fn fte_row(ui: &mut Ui, unit: &Unit, out: &mut Vec<InspectorEdit>) {
    ui.label("");
    let mut fte = unit
        .headcount
        .is_some_and(|h| h.basis == HeadcountBasis::Fte);
    ui.checkbox(&mut fte, "Counted in FTE (not posts)");
    ui.end_row();
    let mut changed = unit.clone();
    if let Some(h) = &mut changed.headcount {
        h.basis = if fte {
            HeadcountBasis::Fte
        } else {
            HeadcountBasis::Posts
        };
    }
    update(unit, changed, "headcount basis", out);
}

fn cost_basis_row(ui: &mut Ui, unit: &Unit, out: &mut Vec<InspectorEdit>) {
    ui.label("");
    let mut changed = unit.clone();
    if let Some(cost) = &mut changed.cost {
        ui.horizontal(|ui| {
            ui.radio_value(&mut cost.basis, CostBasis::PerPost, "per post");
            ui.radio_value(&mut cost.basis, CostBasis::Total, "in total");
        });
    }
    ui.end_row();
    update(unit, changed, "cost basis", out);
}

fn estimate_row(ui: &mut Ui, unit: &Unit, out: &mut Vec<InspectorEdit>) {
    ui.label("");
    let mut changed = unit.clone();
    if let Some(cost) = &mut changed.cost {
        ui.checkbox(&mut cost.estimate, "Estimate or assumption");
    }
    ui.end_row();
    update(unit, changed, "estimate mark", out);
}

fn status_row(ui: &mut Ui, unit: &Unit, out: &mut Vec<InspectorEdit>) {
    let label = ui.label("Status");
    let mut status = unit.status.clone();
    let choices = Status::kinds();
    egui::ComboBox::from_id_salt("inspector-status")
        .selected_text(status.name())
        .show_ui(ui, |ui| {
            for choice in choices {
                let selected = std::mem::discriminant(&status) == std::mem::discriminant(&choice);
                if ui.selectable_label(selected, choice.name()).clicked() && !selected {
                    status = choice;
                }
            }
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
    update(
        unit,
        Unit {
            status,
            ..unit.clone()
        },
        "status",
        out,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    #[test]
    fn invalid_text_is_refused_and_valid_text_is_applied() {
        let unit = Unit::new("a", "Policy unit");
        let err = Field::Headcount.set(&unit, "a dozen").unwrap_err();
        assert!(err.contains("not a number"), "{err}");
        let changed = Field::Headcount.set(&unit, "11-15").unwrap();
        assert_eq!(changed.headcount.unwrap().value, Span::range(11.0, 15.0));
        assert!(Field::Name.set(&unit, "  ").is_err());
        assert!(
            Field::OnCost.set(&unit, "20%").is_err(),
            "no cost to add on to"
        );
    }

    #[test]
    fn every_field_reads_back_what_it_shows() {
        let mut unit = Unit::new("a", "Relationship managers").with_role("Client side");
        unit.headcount = Some(Headcount {
            value: Span::range(11.0, 15.0),
            basis: HeadcountBasis::Posts,
        });
        unit.cost = Some(Cost {
            amount: Span::exact(40_000.0),
            basis: CostBasis::PerPost,
            on_cost_rate: Some(0.2),
            estimate: true,
        });
        unit.status = Status::Shared {
            with: vec!["Barnet".into(), "Harrow".into()],
        };
        unit.shares = vec![
            crate::model::Share::new("Barnet", 60.0),
            crate::model::Share::new("Harrow", 40.0),
        ];
        unit.tags = vec!["client".into(), "2012".into()];
        unit.grade = "PO5".into();
        for field in Field::TEXT {
            let shown = field.show(&unit);
            let back = field.set(&unit, &shown).unwrap();
            assert_eq!(back, unit, "{field:?} via {shown:?}");
        }
    }

    #[test]
    fn shares_that_do_not_add_up_or_name_others_are_refused_with_the_reason() {
        let unit = Unit::new("ceo", "Chief Executive").with_status(Status::Shared {
            with: vec!["Council A".into(), "Council B".into()],
        });
        let err = Field::Shares
            .set(&unit, "Council A 60%, Council B 30%")
            .unwrap_err();
        assert_eq!(
            err,
            "The shares (Council A 60%, Council B 30%) add up to 90%, not 100%"
        );
        let changed = Field::Shares
            .set(&unit, "Council A 60, Council C 40")
            .unwrap();
        assert_eq!(
            changed.status,
            Status::Shared {
                with: vec!["Council A".into(), "Council C".into()]
            },
            "whom it is shared with follows the shares"
        );
        let err = Field::SharedWith
            .set(&changed, "Council A, Council B")
            .unwrap_err();
        assert!(err.contains("list the same organisations"), "{err}");
        assert_eq!(Field::Shares.set(&changed, "").unwrap().shares, vec![]);
    }

    #[test]
    fn units_are_found_by_id_or_unique_name() {
        let mut chart = Chart::new();
        chart
            .insert_unit(Unit::new("a", "Finance"), None, None)
            .unwrap();
        chart.insert_unit(Unit::new("b", "HR"), None, None).unwrap();
        chart.insert_unit(Unit::new("c", "HR"), None, None).unwrap();
        assert_eq!(resolve_unit(&chart, "finance"), Ok(UnitId::new("a")));
        assert_eq!(resolve_unit(&chart, "c"), Ok(UnitId::new("c")));
        assert!(resolve_unit(&chart, "HR").unwrap_err().contains("2 units"));
        assert!(resolve_unit(&chart, "Legal").is_err());
    }
}
