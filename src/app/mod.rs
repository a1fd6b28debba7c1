//! The desktop editor (eframe/egui): a thin face over the library.
//!
//! Views (menus, toolbar, canvas, inspector, find) show plain state and emit commands or edits; `OrgchartApp`
//! carries them out through one place (`Document::apply`), so every change can be undone and the canvas is
//! rebuilt from the chart rather than patched.

mod actions;
mod arrange;
pub mod canvas;
pub mod commands;
pub mod compare;
pub mod dialogs;
mod export;
pub mod figures;
mod file_chooser;
pub mod files;
pub mod find;
mod fonts;
mod guard;
mod guard_dialogs;
mod import;
pub mod import_setup;
pub mod inspector;
mod keyboard;
mod loading;
mod menu;
mod paper_dialog;
mod parse;
pub mod recovery;
mod report;
mod sample;
pub mod startup_trace;
pub mod state;
mod status;
pub mod totals;

use std::cell::RefCell;
use std::path::PathBuf;
use std::process::ExitCode;

use egui::Ui;

use crate::layout::LayoutOptions;
use crate::model::{Chart, UnitId};
use crate::render::colour_by::ColourBy;
use crate::render::{CardStyle, RenderOptions, Theme};

use canvas::{Canvas, CanvasEvent, Highlights};
use commands::Command;
use dialogs::Modal;
use files::{FileDialogs, NativeDialogs, RecentFiles};
use find::{Find, FindAction};
use inspector::Inspector;
use state::{Document, Selection};
use status::Notices;
use totals::Totals;

pub use sample::sample_chart;

/// The whole editor: the document and every view over it. The same struct runs in the window and in tests.
pub struct OrgchartApp {
    doc: Document,
    selection: Selection,
    canvas: Canvas,
    inspector: Inspector,
    totals: Totals,
    figures: figures::FiguresPanel,
    find: Find,
    dialogs: Box<dyn FileDialogs>,
    recent: RecentFiles,
    notices: Notices,
    modal: Option<Modal>,
    /// The paper window of Export → Fit to page… / PDF pages…, while open.
    paper_choice: Option<paper_dialog::PaperChoice>,
    /// Compare mode: shown instead of the editor until closed.
    compare: Option<compare::Comparison>,
    pending: Vec<Command>,
    export_collapsed: bool,
    /// Orientation and compact teams, for the canvas and for exports from the menu.
    layout: LayoutOptions,
    /// View → Colour by: for the canvas and for exports and reports from the menu.
    colour_by: Option<ColourBy>,
    /// View → Dense cards: for the canvas and for exports from the menu.
    card_style: CardStyle,
    /// The chart's tags at a revision, for the Colour by menu.
    tags: RefCell<menu::TagList>,
    /// Set before the first frame by the window (see [`run`]); tests install them in their first frame.
    fonts_installed: bool,
    /// False until the first frame.
    started: bool,
    sent_title: Option<String>,
    allow_close: bool,
    quit_requested: bool,
    /// Shown in the title for a document that has no file yet.
    untitled_name: String,
    /// Autosave into the data folder; `None` in tests that do not set one up.
    recovery: Option<recovery::Recovery>,
    /// The file on disk as it was when opened or last saved, to notice another program changing it.
    disk: guard::DiskState,
    /// The fallback path field, while one is asked for.
    path_prompt: Option<file_chooser::PathPrompt>,
    /// A big file being read on the worker thread.
    loader: loading::Loader,
    /// What the canvas last drew with, so a file opened on the worker can be drawn there too.
    canvas_options: Option<RenderOptions>,
    /// Drawings the canvas built during frames (not those the loading worker built).
    drawings_built_in_frames: u64,
    /// Frames counted and, while `ORGCHART_TRACE_STARTUP` is set, how many more to report.
    frames: u64,
    traced_frames_left: u32,
}

impl OrgchartApp {
    pub fn new(
        chart: Chart,
        path: Option<PathBuf>,
        dialogs: Box<dyn FileDialogs>,
        recent: RecentFiles,
    ) -> Self {
        Self {
            doc: Document::new(chart, path),
            selection: Selection::default(),
            canvas: Canvas::default(),
            inspector: Inspector::default(),
            totals: Totals::default(),
            figures: figures::FiguresPanel::default(),
            find: Find::default(),
            dialogs,
            recent,
            notices: Notices::default(),
            modal: None,
            paper_choice: None,
            compare: None,
            pending: Vec::new(),
            export_collapsed: true,
            layout: LayoutOptions::default(),
            colour_by: None,
            card_style: CardStyle::Standard,
            tags: RefCell::default(),
            fonts_installed: false,
            started: false,
            sent_title: None,
            allow_close: false,
            quit_requested: false,
            untitled_name: "Untitled".to_owned(),
            recovery: None,
            disk: guard::DiskState::default(),
            path_prompt: None,
            loader: loading::Loader::default(),
            canvas_options: None,
            drawings_built_in_frames: 0,
            frames: 0,
            traced_frames_left: TRACED_FRAMES,
        }
        .remember_disk_state()
    }

    /// Autosaves into `recovery`'s folder, and offers any copy a crashed or killed editor left there.
    pub fn with_recovery(mut self, recovery: recovery::Recovery) -> Self {
        let orphans = recovery.orphans();
        if !orphans.is_empty() {
            self.modal = Some(Modal::Recover { orphans });
        }
        self.recovery = Some(recovery);
        self
    }

    /// The editor on the bundled sample chart, as `orgchart` with no file opens.
    pub fn with_sample(dialogs: Box<dyn FileDialogs>, recent: RecentFiles) -> Self {
        let mut app = Self::new(sample_chart(), None, dialogs, recent);
        app.untitled_name = "Sample (not saved yet)".to_owned();
        app
    }

    // ---- read access, for the window title, tests and automation ----

    pub fn chart(&self) -> &Chart {
        self.doc.chart()
    }

    pub fn document(&self) -> &Document {
        &self.doc
    }

    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    pub fn canvas(&self) -> &Canvas {
        &self.canvas
    }

    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    /// True once the user chose to quit (and unsaved changes were dealt with).
    pub fn quit_requested(&self) -> bool {
        self.quit_requested
    }

    pub fn error_message(&self) -> Option<&str> {
        self.notices.error()
    }

    pub fn info_message(&self) -> Option<&str> {
        self.notices.info()
    }

    pub fn find_matches(&self) -> &[UnitId] {
        self.find.matches()
    }

    pub fn inspector(&self) -> &Inspector {
        &self.inspector
    }

    /// The Totals panel as last shown.
    pub fn totals(&self) -> &Totals {
        &self.totals
    }

    /// The Figures panel's figures as last shown.
    pub fn figures(&self) -> Option<&crate::render::figures::Figures> {
        self.figures.figures()
    }

    /// Orientation, compact teams and View → Fit layout's target shape, as the canvas and menu exports use.
    pub fn layout_options(&self) -> &LayoutOptions {
        &self.layout
    }

    /// View → Colour by, as chosen.
    pub fn colour_by(&self) -> Option<&ColourBy> {
        self.colour_by.as_ref()
    }

    /// How many times the chart's tags were listed for View → Colour by (for tests: only when it is open).
    pub fn tag_listings(&self) -> u64 {
        self.tags.borrow().listings()
    }

    /// How many drawings the canvas built on the UI thread (for tests: a file opened on the worker arrives
    /// drawn, and the frames that show it build nothing).
    pub fn drawings_built_in_frames(&self) -> u64 {
        self.drawings_built_in_frames
    }

    /// How many times the Totals and Figures panels worked out their figures during frames (for tests: a file
    /// opened on the worker arrives with them).
    pub fn panel_figures_computed_in_frames(&self) -> u64 {
        self.totals.computed() + self.figures.computed()
    }

    /// Where a unit's card is on screen, in points, if it is drawn.
    pub fn card_screen_rect(&self, id: &UnitId) -> Option<egui::Rect> {
        self.canvas.card_screen_rect(id)
    }

    pub fn window_title(&self) -> String {
        if let Some(message) = self.loader.message() {
            return format!("{message} — Orgchart");
        }
        let name = if self.doc.path().is_some() {
            self.doc.display_name()
        } else {
            self.untitled_name.clone()
        };
        files::window_title(&name, self.doc.is_dirty())
    }

    /// Shows an error in the window (e.g. a file named on the command line that could not be read).
    pub fn report_error(&mut self, message: impl Into<String>) {
        self.notices.set_error(message);
    }

    /// Queues a command as if it came from a menu; it runs at the end of the next frame.
    pub fn queue(&mut self, command: Command) {
        self.pending.push(command);
    }

    fn render_options(&self, ui: &Ui) -> RenderOptions {
        self.render_options_in(if ui.visuals().dark_mode {
            Theme::Dark
        } else {
            Theme::Light
        })
    }

    /// What the canvas will draw with: its last options, or before the first frame (a file named on the
    /// command line) the view's settings in the theme egui starts in when the system names none.
    fn expected_canvas_options(&self) -> RenderOptions {
        self.canvas_options.clone().unwrap_or_else(|| {
            self.render_options_in(match egui::Options::default().fallback_theme {
                egui::Theme::Dark => Theme::Dark,
                egui::Theme::Light => Theme::Light,
            })
        })
    }

    fn render_options_in(&self, theme: Theme) -> RenderOptions {
        RenderOptions {
            layout: self.layout.clone(),
            respect_collapsed: true,
            theme,
            title: None,
            legend: true,
            totals_footer: false,
            colour_by: self.colour_by.clone(),
            card_style: self.card_style,
            ..RenderOptions::default()
        }
    }

    /// The view's layout, colours and cards, which exports from the menu follow.
    fn view_look(&self) -> export::ViewLook<'_> {
        export::ViewLook {
            layout: &self.layout,
            colour_by: self.colour_by.as_ref(),
            cards: self.card_style,
        }
    }

    /// View → Dense cards, as chosen.
    pub fn card_style(&self) -> CardStyle {
        self.card_style
    }

    /// One frame of the whole editor.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if !self.fonts_installed {
            ctx.set_fonts(fonts::definitions());
            self.fonts_installed = true;
        }
        if !self.started {
            self.started = true;
            ctx.memory_mut(|m| m.request_focus(canvas::canvas_id()));
        }
        self.window_events(&ctx);
        self.poll_load(ui);
        let loading = self.loader.is_loading();
        if self.compare.is_some() {
            self.compare_ui(ui);
        } else {
            // Escape closes an open context menu, then the Find bar wherever the focus is, before it means
            // "clear the selection".
            if egui::Popup::is_any_open(&ctx)
                && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
            {
                egui::Popup::close_all(&ctx);
            }
            if self.find.is_open()
                && self.modal.is_none()
                && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
            {
                self.find.close();
            }
            if self.modal.is_none()
                && self.path_prompt.is_none()
                && self.canvas.rename.is_none()
                && !loading
            {
                self.pending.extend(keyboard::shortcuts(&ctx));
            }
            // While a file is being opened the chart on screen stays, greyed out: editing it would be lost.
            ui.scope(|ui| {
                if loading {
                    ui.disable();
                }
                self.panels(ui);
            });
        }
        if let Some(modal) = &self.modal
            && let Some(answer) = dialogs::modal_ui(ui, modal)
        {
            self.modal = None;
            self.answer(answer);
            // A choice such as "Save mine elsewhere…" may have wanted a chooser this desktop lacks.
            if let Some((what, _)) = self.dialogs.take_unanswered() {
                self.notices.set_error(format!(
                    "{what}: this desktop has no file chooser; use the File menu, which asks for a path instead"
                ));
            }
        }
        self.path_prompt_ui(ui);
        self.paper_window(ui);
        if !self.pending.is_empty() {
            let commands = std::mem::take(&mut self.pending);
            for command in commands {
                self.execute(command.clone());
                self.offer_path_prompt(&command);
            }
            ctx.request_repaint();
        }
        self.autosave(&ctx);
        if let Some(expires) = self.notices.forget_stale(self.doc.revision()) {
            ctx.request_repaint_after(expires);
        }
        if self.quit_requested {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        let title = self.window_title();
        if self.sent_title.as_ref() != Some(&title) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.sent_title = Some(title);
        }
    }

    fn panels(&mut self, ui: &mut Ui) {
        let mut commands = Vec::new();
        {
            let undo = self.doc.undo_label().map(str::to_owned);
            let redo = self.doc.redo_label().map(str::to_owned);
            let mut state = menu::MenuState {
                undo: undo.as_deref(),
                redo: redo.as_deref(),
                has_selection: !self.selection.is_empty(),
                recent: self.recent.paths(),
                export_collapsed: &mut self.export_collapsed,
                layout: &self.layout,
                colour_by: self.colour_by.as_ref(),
                cards: self.card_style,
                tags: menu::ChartTags {
                    chart: self.doc.chart(),
                    revision: self.doc.revision(),
                    listed: &self.tags,
                },
                zoom: self.canvas.view.zoom,
            };
            egui::Panel::top("menu-bar")
                .show(ui, |ui| menu::menu_bar(ui, &mut state, &mut commands));
            egui::Panel::top("toolbar").show(ui, |ui| menu::toolbar(ui, &state, &mut commands));
        }
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            status::status_bar(
                ui,
                &self.notices,
                &self.doc,
                &self.selection,
                self.canvas.view.zoom,
            );
        });
        egui::Panel::right("details")
            .resizable(true)
            .default_size(320.0)
            .size_range(240.0..=560.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    ui.heading("Details");
                    let edits = self.inspector.ui(ui, &self.doc, &self.selection);
                    for edit in edits {
                        self.apply(edit.edit, edit.label);
                    }
                    // A big chart just opened: its figures are on their way from the loading worker.
                    let coming = self.loader.panels_coming(self.doc.revision());
                    ui.separator();
                    ui.heading("Totals");
                    if coming {
                        loading::figures_coming(ui);
                    } else {
                        self.totals.ui(
                            ui,
                            self.doc.chart(),
                            self.doc.revision(),
                            self.selection.primary(),
                        );
                    }
                    ui.separator();
                    ui.heading("Figures");
                    if coming {
                        loading::figures_coming(ui);
                    } else {
                        self.figures.ui(
                            ui,
                            self.doc.chart(),
                            self.doc.revision(),
                            self.selection.primary(),
                        );
                    }
                });
            });
        egui::CentralPanel::no_frame().show(ui, |ui| {
            if let Some(error) = self.notices.error().map(str::to_owned) {
                status::error_bar(ui, &error, &mut self.notices);
            }
            if self.find.is_open() {
                egui::Frame::side_top_panel(ui.style()).show(ui, |ui| match self.find.ui(ui) {
                    Some(FindAction::Show(id)) => self.reveal(id),
                    Some(FindAction::Close) => self.find.close(),
                    None => {}
                });
            }
            self.find.refresh(self.doc.chart(), self.doc.revision());
            self.canvas_ui(ui);
        });
        self.pending.extend(commands);
    }

    fn canvas_ui(&mut self, ui: &mut Ui) {
        if self.doc.chart().is_empty() && self.loader.is_loading() {
            // Opening at start-up: a blank canvas under the progress message, not "no units yet".
            let background =
                crate::render::style::palette(self.render_options(ui).theme).background;
            ui.painter().rect_filled(
                ui.max_rect(),
                0.0,
                egui::Color32::from_rgb(background.r, background.g, background.b),
            );
            return;
        }
        if self.layout.target_aspect.is_some() {
            // View → Fit layout follows the window's shape as it is resized.
            self.layout.target_aspect = Some(self.window_aspect());
        }
        let options = self.render_options(ui);
        self.canvas.name_size = options.card_style.metrics().name_size;
        if self
            .canvas
            .cache
            .ensure(self.doc.chart(), self.doc.revision(), &options)
        {
            self.drawings_built_in_frames += 1;
        }
        self.canvas_options = Some(options);
        let highlights = Highlights {
            matches: self.find.matches(),
            current: self.find.current(),
        };
        let events = self
            .canvas
            .ui(ui, self.doc.chart(), &mut self.selection, highlights);
        if self.doc.chart().is_empty() {
            canvas::empty_hint(ui.painter(), self.canvas.view.canvas);
        }
        status::drop_overlay(ui);
        for event in events {
            match event {
                CanvasEvent::Edit { edit, label } => {
                    self.apply(*edit, label);
                }
                CanvasEvent::Command(command) => self.pending.push(command),
                CanvasEvent::Refused(reason) => self.notices.set_error(reason),
                CanvasEvent::Rename { id, name } => self.rename(id, name),
            }
        }
    }

    /// Selects a unit, opening collapsed managers above it, and centres it.
    fn reveal(&mut self, id: UnitId) {
        let collapsed_above: Vec<crate::model::Edit> = self
            .doc
            .chart()
            .ancestors(&id)
            .into_iter()
            .filter(|a| self.doc.chart().unit(a).is_some_and(|u| u.collapsed))
            .map(|a| crate::model::Edit::SetCollapsed {
                id: a.clone(),
                collapsed: false,
            })
            .collect();
        if !collapsed_above.is_empty() {
            self.apply(
                crate::model::Edit::Batch(collapsed_above),
                "Expand to show a match",
            );
        }
        self.selection.set(id.clone());
        self.canvas.request_centre(id);
    }

    fn window_events(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        for file in dropped {
            let path = file.path().to_path_buf();
            let is_chart = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
            if is_chart {
                self.pending.push(Command::OpenPath(path));
                break;
            }
            self.notices.set_error(format!(
                "{} is not an Orgchart chart (.ron). To bring in a CSV table or organogram, use File → Import.",
                path.display()
            ));
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.doc.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.modal = Some(Modal::ConfirmDiscard {
                then: Command::Quit,
                document: self.window_name(),
            });
        }
    }

    fn window_name(&self) -> String {
        if self.doc.path().is_some() {
            self.doc.display_name()
        } else {
            self.untitled_name.clone()
        }
    }
}

/// With `ORGCHART_TRACE_STARTUP`, the frames reported at start-up and again when an opened file arrives.
const TRACED_FRAMES: u32 = 4;

impl eframe::App for OrgchartApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.frames += 1;
        let traced = startup_trace::enabled() && self.traced_frames_left > 0;
        if traced {
            let previous = frame.info().cpu_usage.unwrap_or(0.0) * 1000.0;
            startup_trace::mark(|| {
                format!(
                    "frame {} begins (the previous one: {previous:.1} ms of ui, tessellation and GL calls)",
                    self.frames
                )
            });
        }
        self.show(ui);
        if traced {
            self.traced_frames_left -= 1;
            startup_trace::mark(|| format!("frame {}: ui done", self.frames));
        }
    }
}

/// Opens the editor window on `file`, or on the bundled sample chart; with `compare_with`, straight into its
/// comparison with that chart.
pub fn run(file: Option<PathBuf>, compare_with: Option<PathBuf>) -> ExitCode {
    let dialogs = Box::new(NativeDialogs::default());
    let recent = RecentFiles::from_user_config();
    let mut app = match file {
        None => OrgchartApp::with_sample(dialogs, recent),
        Some(path) => {
            let mut app = OrgchartApp::new(Chart::new(), None, dialogs, recent);
            if compare_with.is_some() {
                // The comparison is made from the chart as opened, so it must be read first.
                app.loader.background_from = u64::MAX;
            }
            app.open_at_start(path);
            app.loader.background_from = loading::BACKGROUND_FROM_BYTES;
            app
        }
    };
    if let Some(recovery) = recovery::Recovery::from_environment() {
        app = app.with_recovery(recovery);
    }
    if let Some(after) = compare_with {
        app.compare_with_path(&after);
    }
    let title = app.window_title();
    app.sent_title = Some(title.clone());
    startup_trace::mark(|| "editor made; eframe starts".to_owned());
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(title)
            .with_app_id("orgchart")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let creator = move |cc: &eframe::CreationContext<'_>| {
        startup_trace::mark(|| "eframe ready: window (hidden) and GL context made".to_owned());
        // Installed before the first frame, so it lays out with them and the font atlas is built once,
        // not first with egui's defaults and again with these.
        cc.egui_ctx.set_fonts(fonts::definitions());
        app.fonts_installed = true;
        app.loader.attach(&cc.egui_ctx);
        Ok(Box::new(app) as Box<dyn eframe::App>)
    };
    match eframe::run_native("Orgchart", options, Box::new(creator)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!(
                "orgchart: could not open the editor window: {err}. The command-line subcommands (orgchart --help) work without a display."
            );
            ExitCode::from(1)
        }
    }
}
