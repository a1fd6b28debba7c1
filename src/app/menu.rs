//! Menu bar and toolbar. They only emit commands; the app carries them out.

use std::cell::RefCell;
use std::collections::HashSet;
use std::path::PathBuf;

use egui::{Button, Ui};

use super::commands::{Command, ExportFormat, PaperExportKind};
use crate::layout::{LayoutOptions, Orientation};
use crate::model::Chart;
use crate::render::CardStyle;
use crate::render::colour_by::ColourBy;

/// The chart's tags, listed only when View → Colour by is open: listing takes a pass over every unit, which
/// on a big chart is too much for every edit.
pub struct ChartTags<'a> {
    pub chart: &'a Chart,
    pub revision: u64,
    /// The tags as last listed, at a revision, and how many times they were listed.
    pub listed: &'a RefCell<TagList>,
}

#[derive(Default)]
pub struct TagList {
    revision: Option<u64>,
    tags: Vec<String>,
    listings: u64,
}

impl TagList {
    /// How many times the chart's tags were listed (for tests: not on every edit).
    pub fn listings(&self) -> u64 {
        self.listings
    }
}

impl ChartTags<'_> {
    fn list(&self) -> Vec<String> {
        let mut listed = self.listed.borrow_mut();
        if listed.revision != Some(self.revision) {
            listed.tags = chart_tags(self.chart);
            listed.revision = Some(self.revision);
            listed.listings += 1;
        }
        listed.tags.clone()
    }
}

/// Every tag used in the chart, in the order first met (case aside), for View → Colour by → Tag.
fn chart_tags(chart: &Chart) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut tags: Vec<String> = Vec::new();
    for unit in chart.units() {
        for tag in &unit.tags {
            let tag = tag.trim();
            if !tag.is_empty() && seen.insert(tag.to_ascii_lowercase()) {
                tags.push(tag.to_owned());
            }
        }
    }
    tags
}

/// What the menus need to know to enable or label their entries.
pub struct MenuState<'a> {
    pub undo: Option<&'a str>,
    pub redo: Option<&'a str>,
    pub has_selection: bool,
    pub recent: &'a [PathBuf],
    pub export_collapsed: &'a mut bool,
    pub layout: &'a LayoutOptions,
    pub colour_by: Option<&'a ColourBy>,
    pub cards: CardStyle,
    /// The chart's tags, for colouring by one of them.
    pub tags: ChartTags<'a>,
    pub zoom: f32,
}

fn item(ui: &mut Ui, enabled: bool, label: &str, shortcut: &str) -> bool {
    let button = if shortcut.is_empty() {
        Button::new(label)
    } else {
        Button::new(label).shortcut_text(shortcut)
    };
    ui.add_enabled(enabled, button).clicked()
}

pub fn menu_bar(ui: &mut Ui, state: &mut MenuState<'_>, out: &mut Vec<Command>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu(ui, state, out));
        ui.menu_button("Edit", |ui| edit_menu(ui, state, out));
        ui.menu_button("View", |ui| view_menu(ui, state, out));
        ui.menu_button("Help", |ui| {
            if item(ui, true, "Keyboard and mouse", "") {
                out.push(Command::ShowShortcuts);
            }
        });
    });
}

fn file_menu(ui: &mut Ui, state: &mut MenuState<'_>, out: &mut Vec<Command>) {
    let entries = [
        ("New", "Ctrl+N", Command::New),
        ("Open…", "Ctrl+O", Command::Open),
    ];
    for (label, keys, command) in entries {
        if item(ui, true, label, keys) {
            out.push(command);
        }
    }
    ui.add_enabled_ui(!state.recent.is_empty(), |ui| {
        ui.menu_button("Open recent", |ui| {
            for path in state.recent {
                let label = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| path.display().to_string());
                if ui
                    .button(label)
                    .on_hover_text(path.display().to_string())
                    .clicked()
                {
                    out.push(Command::OpenPath(path.clone()));
                }
            }
        });
    });
    if item(ui, true, "Save", "Ctrl+S") {
        out.push(Command::Save);
    }
    if item(ui, true, "Save as…", "Ctrl+Shift+S") {
        out.push(Command::SaveAs);
    }
    ui.separator();
    if item(ui, true, "Compare with…", "") {
        out.push(Command::CompareWith);
    }
    if item(ui, true, "Import table, workbook or organogram…", "") {
        out.push(Command::ImportCsv);
    }
    if item(ui, true, "Report…", "") {
        out.push(Command::Report);
    }
    ui.menu_button("Export whole chart", |ui| {
        ui.checkbox(state.export_collapsed, "Keep collapsed parts folded");
        for format in ExportFormat::ALL {
            if item(ui, true, format.label(), "") {
                out.push(Command::Export {
                    format,
                    selection_only: false,
                });
            }
        }
        ui.separator();
        if item(ui, true, "Fit to page…", "") {
            out.push(Command::OpenPaperExport(PaperExportKind::Fit));
        }
        if item(ui, true, "PDF pages…", "") {
            out.push(Command::OpenPaperExport(PaperExportKind::Pages));
        }
    });
    ui.add_enabled_ui(state.has_selection, |ui| {
        ui.menu_button("Export selected part", |ui| {
            ui.checkbox(state.export_collapsed, "Keep collapsed parts folded");
            for format in ExportFormat::ALL {
                if item(ui, true, format.label(), "") {
                    out.push(Command::Export {
                        format,
                        selection_only: true,
                    });
                }
            }
        });
    });
    ui.separator();
    if item(ui, true, "Quit", "Ctrl+Q") {
        out.push(Command::Quit);
    }
}

fn edit_menu(ui: &mut Ui, state: &MenuState<'_>, out: &mut Vec<Command>) {
    let undo = state
        .undo
        .map_or("Undo".to_owned(), |l| format!("Undo: {l}"));
    if item(ui, state.undo.is_some(), &undo, "Ctrl+Z") {
        out.push(Command::Undo);
    }
    let redo = state
        .redo
        .map_or("Redo".to_owned(), |l| format!("Redo: {l}"));
    if item(ui, state.redo.is_some(), &redo, "Ctrl+Shift+Z") {
        out.push(Command::Redo);
    }
    ui.separator();
    let selected = state.has_selection;
    let entries = [
        ("Add report", "Tab", true, Command::AddChild),
        ("Add colleague", "Enter", true, Command::AddSibling),
        ("Add top-level unit", "", true, Command::AddRoot),
        ("Rename", "F2", selected, Command::Rename),
        ("Delete…", "Delete", selected, Command::Delete),
    ];
    for (label, keys, enabled, command) in entries {
        if item(ui, enabled, label, keys) {
            out.push(command);
        }
    }
    ui.separator();
    if item(ui, true, "Find…", "Ctrl+F") {
        out.push(Command::OpenFind);
    }
    if item(ui, true, "Select all", "Ctrl+A") {
        out.push(Command::SelectAll);
    }
    ui.separator();
    if item(ui, selected, "Reset layout of selection", "") {
        out.push(Command::ResetLayout {
            selection_only: true,
        });
    }
    if item(ui, true, "Reset layout (all)", "") {
        out.push(Command::ResetLayout {
            selection_only: false,
        });
    }
}

fn view_menu(ui: &mut Ui, state: &MenuState<'_>, out: &mut Vec<Command>) {
    let selected = state.has_selection;
    let entries = [
        ("Fit to window", "Home", true, Command::FitToWindow),
        ("Zoom to selection", "F", selected, Command::ZoomToSelection),
        ("Zoom in", "+", true, Command::ZoomBy(1.25)),
        ("Zoom out", "-", true, Command::ZoomBy(0.8)),
        (
            "Collapse selected",
            "Space",
            selected,
            Command::CollapseSelection(true),
        ),
        (
            "Expand selected",
            "Space",
            selected,
            Command::CollapseSelection(false),
        ),
        ("Expand all", "", true, Command::ExpandAll),
    ];
    for (label, keys, enabled, command) in entries {
        if item(ui, enabled, label, keys) {
            out.push(command);
        }
    }
    ui.separator();
    let orientation = state.layout.orientation;
    for (label, choice) in [
        ("Top down", Orientation::TopDown),
        ("Left to right", Orientation::LeftRight),
    ] {
        if ui.radio(orientation == choice, label).clicked() && orientation != choice {
            out.push(Command::SetOrientation(choice));
        }
    }
    colour_menu(ui, state, out);
    let compact = state.layout.compact;
    if ui
        .checkbox(&mut compact.clone(), "Compact teams")
        .on_hover_text("Stack a manager's reports who have no reports of their own in columns, so wide teams stay narrow")
        .clicked()
    {
        out.push(Command::SetCompact(!compact));
    }
    let dense = state.cards == CardStyle::Dense;
    if ui
        .checkbox(&mut dense.clone(), "Dense cards")
        .on_hover_text(
            "Smaller cards for big charts: name, role in two rows, status and a manager's figures",
        )
        .clicked()
    {
        out.push(Command::SetCardStyle(if dense {
            CardStyle::Standard
        } else {
            CardStyle::Dense
        }));
    }
    let lists = state.cards == CardStyle::List;
    if ui
        .checkbox(&mut lists.clone(), "Post lists")
        .on_hover_text(
            "For the biggest charts: dense cards for managers, and the posts without reports as one-line rows in a list below their manager",
        )
        .clicked()
    {
        out.push(Command::SetCardStyle(if lists {
            CardStyle::Standard
        } else {
            CardStyle::List
        }));
    }
    let fit = state.layout.target_aspect.is_some();
    if ui
        .checkbox(&mut fit.clone(), "Fit layout")
        .on_hover_text("Arrange crowded teams in columns and grids so the whole chart takes the window's shape")
        .clicked()
    {
        out.push(Command::SetFitLayout(!fit));
    }
}

/// View → Colour by: none, a field, or one of the chart's tags.
fn colour_menu(ui: &mut Ui, state: &MenuState<'_>, out: &mut Vec<Command>) {
    ui.menu_button("Colour by", |ui| {
        let current = state.colour_by;
        if ui.radio(current.is_none(), "None").clicked() && current.is_some() {
            out.push(Command::SetColourBy(None));
        }
        for field in ColourBy::FIELDS {
            let chosen = current == Some(&field);
            let label = capitalised(&field.label());
            if ui.radio(chosen, label).clicked() && !chosen {
                out.push(Command::SetColourBy(Some(field)));
            }
        }
        let tags = state.tags.list();
        ui.add_enabled_ui(!tags.is_empty(), |ui| {
            ui.menu_button("Tag", |ui| {
                for tag in &tags {
                    let by = ColourBy::Tag(tag.clone());
                    let chosen = current == Some(&by);
                    if ui.radio(chosen, tag.as_str()).clicked() && !chosen {
                        out.push(Command::SetColourBy(Some(by)));
                    }
                }
            })
            .response
            .on_disabled_hover_text("No unit has a tag");
        });
    });
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

pub fn toolbar(ui: &mut Ui, state: &MenuState<'_>, out: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        let selected = state.has_selection;
        let mut tool = |ui: &mut Ui, enabled: bool, label: &str, tip: &str, command: Command| {
            if ui
                .add_enabled(enabled, Button::new(label))
                .on_hover_text(tip)
                .clicked()
            {
                out.push(command);
            }
        };
        tool(ui, true, "New", "New chart (Ctrl+N)", Command::New);
        tool(ui, true, "Open", "Open a chart (Ctrl+O)", Command::Open);
        tool(ui, true, "Save", "Save (Ctrl+S)", Command::Save);
        ui.separator();
        tool(
            ui,
            state.undo.is_some(),
            "Undo",
            "Undo (Ctrl+Z)",
            Command::Undo,
        );
        tool(
            ui,
            state.redo.is_some(),
            "Redo",
            "Redo (Ctrl+Shift+Z or Ctrl+Y)",
            Command::Redo,
        );
        ui.separator();
        let add_label = if selected { "Add report" } else { "Add unit" };
        tool(
            ui,
            true,
            add_label,
            "Add a unit reporting to the selected one (Tab)",
            Command::AddChild,
        );
        tool(
            ui,
            selected,
            "Add colleague",
            "Add a unit beside the selected one (Enter)",
            Command::AddSibling,
        );
        tool(
            ui,
            selected,
            "Rename",
            "Rename the selected unit (F2 or double-click)",
            Command::Rename,
        );
        tool(
            ui,
            selected,
            "Delete",
            "Delete the selected units (Delete)",
            Command::Delete,
        );
        tool(
            ui,
            selected,
            "Collapse/expand",
            "Hide or show what is below (Space)",
            Command::ToggleCollapseSelection,
        );
        ui.separator();
        tool(
            ui,
            true,
            "Fit",
            "Fit the chart to the window (Home)",
            Command::FitToWindow,
        );
        tool(
            ui,
            selected,
            "Zoom to selection",
            "Zoom to the selected units (F)",
            Command::ZoomToSelection,
        );
        tool(ui, true, "−", "Zoom out (-)", Command::ZoomBy(0.8));
        ui.label(format!("{:.0}%", state.zoom * 100.0));
        tool(ui, true, "+", "Zoom in (+)", Command::ZoomBy(1.25));
        ui.separator();
        tool(ui, true, "Find", "Find units (Ctrl+F)", Command::OpenFind);
    });
}
