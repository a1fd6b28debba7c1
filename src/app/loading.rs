//! Opening a chart without freezing the window: a big file is read, parsed and validated on a worker thread
//! while the window keeps drawing and says what it is opening; the result is picked up by the frame that
//! finds it ready. A small file opens at once on the UI thread, so it never flashes a progress message.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use egui::{Align2, RichText, Ui};

use crate::render::RenderOptions;

use crate::render::figures::Figures;

use super::OrgchartApp;
use super::canvas::DrawingCache;
use super::commands::Command;
use super::state::Document;
use super::totals::Totals;

/// Files at least this big load on the worker. Parsing runs at roughly 10 MB a second on the 2-core test
/// machine, so below this a load takes a frame or two and is not worth a progress message.
pub const BACKGROUND_FROM_BYTES: u64 = 256 * 1024;

/// While waiting, the window redraws this often (the worker also wakes it at once when done). Not every
/// display frame: a redraw costs CPU the worker needs, notably under software rendering.
const POLL: Duration = Duration::from_millis(80);

/// A file read and ready to show.
pub struct Opened {
    pub doc: Document,
    /// Fields of the file this version does not know (saving over it would lose them).
    pub unknown_fields: Vec<String>,
    /// The canvas's first drawing of it, when the worker built it: on a big chart that takes seconds the
    /// window would otherwise be frozen for.
    pub drawing: Option<Box<DrawingCache>>,
    /// The Totals and Figures panels' whole-chart figures, worked out with the drawing: in a frame they
    /// held the window for a few hundred milliseconds soon after a big chart appeared.
    pub panels: Option<Box<Panels>>,
    /// Where the panels' figures come from when the worker works them out after sending the chart (a big
    /// one: see [`PANELS_AFTER_FROM_UNITS`]). Give it to [`Loader::expect_panels`].
    pub panels_coming: Option<Receiver<Box<Panels>>>,
}

/// Charts with more units than this are sent to the window as soon as they are drawn, and their panels'
/// figures follow: working them out beside the drawing took cores from it, and held back the first frame
/// showing a 100,000-unit chart by a few hundred milliseconds. Smaller charts come with their figures (their
/// panels would otherwise work them out in the frame that shows them).
pub const PANELS_AFTER_FROM_UNITS: usize = super::totals::DEFER_ABOVE_UNITS;

/// The panels' figures the worker is still working out, for the document at `revision`.
struct PanelsComing {
    revision: u64,
    receiver: Receiver<Box<Panels>>,
}

/// Whether the figures of the chart just opened have come from the worker.
pub enum PanelsPoll {
    /// Here they are (once).
    Ready(Box<Panels>),
    /// The worker is still at them: show that they are coming rather than work them out here.
    Coming,
    /// Nothing expected: the panels work out their own.
    None,
}

/// What the side panels show of a chart just opened.
pub struct Panels {
    pub totals: Totals,
    pub figures: Figures,
}

/// What a load gives: the chart, or the message that says why not.
pub type LoadResult = Result<Opened, String>;

/// A load running on the worker.
struct Pending {
    path: PathBuf,
    bytes: u64,
    started: Instant,
    result: Receiver<LoadResult>,
}

/// The file being opened, if any.
pub struct Loader {
    pending: Option<Pending>,
    /// Files at least this big load on the worker; tests set 0 to use the worker for any file.
    pub background_from: u64,
    /// The window the worker wakes when it is done. Shared rather than copied into the worker: a file named
    /// on the command line starts loading before the window (and its context) exists.
    ctx: Arc<Mutex<Option<egui::Context>>>,
    panels: Option<PanelsComing>,
}

impl Default for Loader {
    fn default() -> Self {
        Self {
            pending: None,
            panels: None,
            background_from: BACKGROUND_FROM_BYTES,
            ctx: Arc::default(),
        }
    }
}

/// How a file is to be opened.
pub enum Start {
    /// Small: the caller reads it now; here is what it read.
    Done(Box<LoadResult>),
    /// Big: the worker reads it; the result comes from [`Loader::poll`].
    Started,
}

impl Loader {
    /// Opens `path` now or starts the worker on it, by size. A newer open replaces any load still running.
    /// The worker also draws the chart with `options` (the canvas's, as they are now); should they have
    /// changed by the time it is done, the canvas simply draws it again.
    pub fn start(&mut self, path: &Path, options: Option<RenderOptions>) -> Start {
        self.cancel();
        let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
        if bytes < self.background_from {
            return Start::Done(Box::new(load(path)));
        }
        let (sender, result) = mpsc::channel();
        let worker_path = path.to_path_buf();
        let ctx = Arc::clone(&self.ctx);
        let spawned = std::thread::Builder::new()
            .name("orgchart-open".to_owned())
            .spawn(move || {
                let opened = load(&worker_path);
                super::startup_trace::mark(|| "worker: file read, parsed and checked".to_owned());
                let (opened, panels_later) = match (opened, options) {
                    (Ok(opened), Some(options)) => {
                        let (opened, later) = with_drawing(opened, &options);
                        (Ok(opened), later)
                    }
                    (opened, _) => (opened, None),
                };
                super::startup_trace::mark(|| "worker: first drawing built".to_owned());
                // A send fails only when the load was cancelled: nobody wants the result any more.
                if sender.send(opened).is_err() {
                    return;
                }
                // Woken now, not at the next poll: the chart shows as soon as it is ready.
                wake(&ctx);
                if let Some((chart, revision, sender)) = panels_later {
                    let panels = Panels::of(&chart, revision);
                    super::startup_trace::mark(|| "worker: panels worked out".to_owned());
                    if sender.send(Box::new(panels)).is_ok() {
                        wake(&ctx);
                    }
                }
            });
        match spawned {
            Ok(_) => {
                self.pending = Some(Pending {
                    path: path.to_path_buf(),
                    bytes,
                    started: Instant::now(),
                    result,
                });
                Start::Started
            }
            // No thread to be had (resources exhausted): open it here rather than not at all.
            Err(_) => Start::Done(Box::new(load(path))),
        }
    }

    /// The finished load, once: its path and result. Asks for another frame while still waiting.
    pub fn poll(&mut self, ctx: &egui::Context) -> Option<(PathBuf, LoadResult)> {
        self.attach(ctx);
        let pending = self.pending.as_ref()?;
        let result = match pending.result.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(POLL);
                return None;
            }
            Err(TryRecvError::Disconnected) => Err(format!(
                "reading {} stopped unexpectedly",
                pending.path.display()
            )),
        };
        self.pending.take().map(|pending| (pending.path, result))
    }

    /// The window's context, for the worker to wake when it is done (also of a load already running).
    pub fn attach(&self, ctx: &egui::Context) {
        if let Ok(mut slot) = self.ctx.lock()
            && slot.is_none()
        {
            *slot = Some(ctx.clone());
        }
    }

    /// Forgets the load in progress; the worker finishes on its own and its result is dropped.
    pub fn cancel(&mut self) {
        self.pending = None;
    }

    /// The document at `revision` (just opened) gets its panels' figures from `receiver`.
    pub fn expect_panels(&mut self, revision: u64, receiver: Receiver<Box<Panels>>) {
        self.panels = Some(PanelsComing { revision, receiver });
    }

    /// The figures of the chart just opened, if they have come, for the document now at `revision`. Once the
    /// document has changed (an edit, another file) they are of no use and are forgotten.
    pub fn poll_panels(&mut self, revision: u64) -> PanelsPoll {
        let Some(coming) = self.panels.as_ref() else {
            return PanelsPoll::None;
        };
        if coming.revision != revision {
            self.panels = None;
            return PanelsPoll::None;
        }
        match coming.receiver.try_recv() {
            Ok(panels) => {
                self.panels = None;
                PanelsPoll::Ready(panels)
            }
            Err(TryRecvError::Empty) => PanelsPoll::Coming,
            // The worker stopped without them: the panels work out their own.
            Err(TryRecvError::Disconnected) => {
                self.panels = None;
                PanelsPoll::None
            }
        }
    }

    /// Whether the panels' figures of the document at `revision` are still coming from the worker.
    pub fn panels_coming(&self, revision: u64) -> bool {
        self.panels.as_ref().is_some_and(|c| c.revision == revision)
    }

    pub fn is_loading(&self) -> bool {
        self.pending.is_some()
    }

    /// The file being opened, if any.
    pub fn path(&self) -> Option<&Path> {
        self.pending.as_ref().map(|p| p.path.as_path())
    }

    /// "Opening g100k.ron… (34.0 MB)", while a load runs.
    pub fn message(&self) -> Option<String> {
        let pending = self.pending.as_ref()?;
        Some(format!(
            "Opening {}… ({})",
            file_name(&pending.path),
            megabytes(pending.bytes)
        ))
    }

    /// The progress message with a spinner and a Cancel button, over the middle of the window. True when
    /// Cancel was pressed.
    pub fn ui(&self, ui: &Ui) -> bool {
        let (Some(message), Some(pending)) = (self.message(), self.pending.as_ref()) else {
            return false;
        };
        let seconds = pending.started.elapsed().as_secs();
        let mut cancel = false;
        egui::Window::new("Opening")
            .title_bar(false)
            .resizable(false)
            .collapsible(false)
            .anchor(Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ui.ctx(), |ui| {
                ui.horizontal(|ui| {
                    spinner(ui, 22.0);
                    ui.label(RichText::new(message).heading().strong());
                });
                ui.horizontal(|ui| {
                    // Whole seconds, so the text does not flicker; shown once it is worth saying.
                    if seconds > 0 {
                        ui.label(RichText::new(format!("{seconds} s")).weak());
                    }
                    cancel = ui.button("Cancel").clicked();
                });
            });
        cancel
    }
}

/// What may still be done while a file is being opened: choosing another file (which replaces the load),
/// saving or exporting the chart on screen, and looking around. Everything else would edit a chart that is
/// about to be replaced.
pub fn allowed_while_loading(command: &Command) -> bool {
    matches!(
        command,
        Command::New
            | Command::Open
            | Command::OpenPath(_)
            | Command::ImportCsv
            | Command::Quit
            | Command::Save
            | Command::SaveAs
            | Command::Export { .. }
            | Command::FitToWindow
            | Command::ZoomBy(_)
            | Command::ZoomToSelection
            | Command::ShowShortcuts
    )
}

impl OrgchartApp {
    /// Each frame: finishes a load the worker is done with, or shows that one is running. Escape or Cancel
    /// stops waiting for it; the chart on screen stays.
    pub(super) fn poll_load(&mut self, ui: &Ui) {
        let ctx = ui.ctx().clone();
        if let PanelsPoll::Ready(panels) = self.loader.poll_panels(self.doc.revision()) {
            super::startup_trace::mark(|| {
                "ui: the panels' figures taken from the worker".to_owned()
            });
            self.totals.set_prepared(panels.totals);
            self.figures
                .set_prepared(self.doc.revision(), panels.figures);
        }
        if let Some((path, result)) = self.loader.poll(&ctx) {
            super::startup_trace::mark(|| "ui: the opened chart taken from the worker".to_owned());
            self.finish_open(path, result);
            self.traced_frames_left = super::TRACED_FRAMES;
            ctx.request_repaint();
            return;
        }
        if !self.loader.is_loading() {
            return;
        }
        let escape = self.modal.is_none()
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
        if self.loader.ui(ui) || escape {
            if let Some(path) = self.loader.path() {
                self.notices
                    .set_info(format!("Stopped opening {}", path.display()));
            }
            self.loader.cancel();
        }
    }

    /// True (and says so) while a file is being opened, for anything that would change the chart.
    pub(super) fn refuse_while_loading(&mut self) -> bool {
        let Some(message) = self.loader.message() else {
            return false;
        };
        self.notices
            .set_info(format!("{message}: wait for it, or press Cancel"));
        true
    }

    pub fn is_loading(&self) -> bool {
        self.loader.is_loading()
    }

    /// "Opening NAME… (N MB)" while a file is being read.
    pub fn loading_message(&self) -> Option<String> {
        self.loader.message()
    }

    /// Opens files of at least `bytes` on the worker thread (0: every file, as tests of the worker need).
    pub fn load_in_background_from(mut self, bytes: u64) -> Self {
        self.loader.background_from = bytes;
        self
    }
}

/// A turning arc, like `egui::Spinner` but redrawn at the polling rate rather than at every display frame.
fn spinner(ui: &mut Ui, size: f32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    let radius = size * 0.5 - 2.0;
    let time = ui.input(|i| i.time);
    let start = time * std::f64::consts::TAU;
    let end = start + 240f64.to_radians() * time.sin();
    let points: Vec<egui::Pos2> = (0..24)
        .map(|i| {
            let angle = start + (end - start) * f64::from(i) / 24.0;
            rect.center() + radius * egui::vec2(angle.cos() as f32, angle.sin() as f32)
        })
        .collect();
    let colour = ui.visuals().strong_text_color();
    ui.painter()
        .add(egui::Shape::line(points, egui::Stroke::new(3.0, colour)));
}

/// Reads, parses and validates a chart file: the same library call the editor always used.
fn load(path: &Path) -> LoadResult {
    let loaded = crate::io::load_reporting(path).map_err(|err| err.to_string())?;
    Ok(Opened {
        doc: Document::new(loaded.chart, Some(path.to_path_buf())),
        unknown_fields: loaded.unknown_fields,
        drawing: None,
        panels: None,
        panels_coming: None,
    })
}

/// Asks for a frame at once, if the window exists.
fn wake(ctx: &Mutex<Option<egui::Context>>) {
    let ctx = ctx.lock().map(|ctx| ctx.clone()).unwrap_or_default();
    if let Some(ctx) = ctx {
        ctx.request_repaint();
    }
}

impl Panels {
    /// The whole chart's figures for both panels.
    fn of(chart: &crate::model::Chart, revision: u64) -> Self {
        Self {
            totals: Totals::prepared(chart, revision),
            figures: Figures::of(chart, None).unwrap_or_default(),
        }
    }
}

/// The panels' figures still to work out after the chart is sent: the chart, its revision and
/// where to send them.
type PanelsLater = (Arc<crate::model::Chart>, u64, mpsc::Sender<Box<Panels>>);

/// The drawing the canvas would build on the first frame showing `opened`, and the side panels' figures,
/// worked out here instead: with the drawing for a small chart, after it (see the returned
/// [`PanelsLater`]) for a big one.
fn with_drawing(mut opened: Opened, options: &RenderOptions) -> (Opened, Option<PanelsLater>) {
    let mut drawing = DrawingCache::default();
    let (chart, revision) = (opened.doc.chart(), opened.doc.revision());
    if chart.len() > PANELS_AFTER_FROM_UNITS {
        drawing.ensure(chart, revision, options);
        // The window owns the document from now on; the worker counts from the same chart, shared.
        let later = opened.doc.shared_chart();
        let (sender, receiver) = mpsc::channel();
        opened.drawing = Some(Box::new(drawing));
        opened.panels_coming = Some(receiver);
        return (opened, Some((later, revision, sender)));
    }
    let (panels, _) = crate::parallel::join(
        chart.len(),
        || Panels::of(chart, revision),
        || drawing.ensure(chart, revision, options),
    );
    opened.drawing = Some(Box::new(drawing));
    opened.panels = Some(Box::new(panels));
    (opened, None)
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// What a panel shows while the worker works out its figures (it wakes the window when they are ready).
pub fn figures_coming(ui: &mut Ui) {
    // Only for the spinner: the worker wakes the window when the figures are ready.
    ui.ctx().request_repaint_after(POLL);
    ui.horizontal(|ui| {
        spinner(ui, 12.0);
        ui.label(RichText::new("Counting…").weak());
    });
}

/// "34.0 MB", "0.3 MB": one decimal is enough to tell files apart.
fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait(loader: &mut Loader, ctx: &egui::Context) -> (PathBuf, LoadResult) {
        for _ in 0..500 {
            if let Some(done) = loader.poll(ctx) {
                return done;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("the worker never answered");
    }

    fn chart_file(dir: &Path) -> PathBuf {
        let path = dir.join("small.ron");
        crate::io::save(&crate::app::sample_chart(), &path).unwrap();
        path
    }

    #[test]
    fn a_small_file_opens_at_once_and_a_big_one_on_the_worker() {
        let dir = tempfile::tempdir().unwrap();
        let path = chart_file(dir.path());
        let mut loader = Loader::default();
        assert!(matches!(loader.start(&path, None), Start::Done(done) if done.is_ok()));
        assert!(!loader.is_loading());

        loader.background_from = 0;
        let options = RenderOptions::default();
        assert!(matches!(
            loader.start(&path, Some(options.clone())),
            Start::Started
        ));
        assert!(loader.is_loading());
        let message = loader.message().unwrap();
        assert!(message.starts_with("Opening small.ron… ("), "{message}");
        let ctx = egui::Context::default();
        let (done, result) = wait(&mut loader, &ctx);
        assert_eq!(done, path);
        let opened = result.unwrap();
        assert_eq!(opened.doc.chart(), &crate::app::sample_chart());
        let drawing = opened.drawing.expect("drawn on the worker");
        assert_eq!(
            drawing.drawing,
            crate::render::build_drawing(opened.doc.chart(), &options)
        );
        assert!(!loader.is_loading() && loader.poll(&ctx).is_none());
    }

    #[test]
    fn a_cancelled_load_gives_nothing_and_a_newer_one_wins() {
        let dir = tempfile::tempdir().unwrap();
        let path = chart_file(dir.path());
        let broken = dir.path().join("broken.ron");
        std::fs::write(&broken, "(units: [").unwrap();
        let mut loader = Loader {
            background_from: 0,
            ..Loader::default()
        };
        let ctx = egui::Context::default();
        loader.start(&path, None);
        loader.cancel();
        assert!(loader.poll(&ctx).is_none());

        loader.start(&path, None);
        loader.start(&broken, None);
        let (done, result) = wait(&mut loader, &ctx);
        assert_eq!(done, broken);
        let Err(message) = result else {
            panic!("the broken file was opened");
        };
        assert!(message.contains("broken.ron"), "{message}");
    }

    #[test]
    fn a_load_started_before_the_window_exists_wakes_it_when_done() {
        let dir = tempfile::tempdir().unwrap();
        // Big enough that the worker is still reading when the context is attached just after the start.
        let path = dir.path().join("big.ron");
        crate::io::save(&crate::generate::generate(5_000, 7), &path).unwrap();
        let mut loader = Loader {
            background_from: 0,
            ..Loader::default()
        };
        // As for a file named on the command line: the worker starts before there is a context.
        assert!(matches!(loader.start(&path, None), Start::Started));
        let ctx = egui::Context::default();
        let (sender, woken) = mpsc::channel();
        ctx.set_request_repaint_callback(move |info| {
            // Only the worker asks for a frame at once; polling asks for one later.
            if info.delay.is_zero() {
                let _ = sender.send(());
            }
        });
        loader.attach(&ctx);
        assert!(
            woken.recv_timeout(Duration::from_secs(30)).is_ok(),
            "the worker did not wake the window"
        );
        let (_, result) = wait(&mut loader, &ctx);
        assert_eq!(result.unwrap().doc.chart().len(), 5_000);
    }

    #[test]
    fn a_big_chart_is_sent_drawn_and_its_panels_figures_follow_for_its_revision_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.ron");
        let chart = crate::generate::generate(PANELS_AFTER_FROM_UNITS + 1, 7);
        crate::io::save(&chart, &path).unwrap();
        let mut loader = Loader {
            background_from: 0,
            ..Loader::default()
        };
        loader.start(&path, Some(RenderOptions::default()));
        let ctx = egui::Context::default();
        let (_, result) = wait(&mut loader, &ctx);
        let opened = result.unwrap();
        assert!(opened.drawing.is_some(), "drawn on the worker");
        assert!(opened.panels.is_none(), "sent before its figures");
        let coming = opened.panels_coming.expect("its figures follow");
        let revision = opened.doc.revision();

        // An edit (another revision) before they came: they are forgotten.
        let (sender, receiver) = mpsc::channel();
        loader.expect_panels(revision, receiver);
        assert!(loader.panels_coming(revision));
        assert!(matches!(loader.poll_panels(revision + 1), PanelsPoll::None));
        assert!(!loader.panels_coming(revision));
        drop(sender);

        loader.expect_panels(revision, coming);
        let panels = (0..3000)
            .find_map(|_| match loader.poll_panels(revision) {
                PanelsPoll::Ready(panels) => Some(panels),
                PanelsPoll::Coming => {
                    std::thread::sleep(Duration::from_millis(10));
                    None
                }
                PanelsPoll::None => panic!("the worker stopped without the figures"),
            })
            .expect("the worker never sent the figures");
        assert_eq!(panels.totals.chart_figures().units, chart.len());
        assert_eq!(Some(panels.figures), Figures::of(&chart, None));
        assert!(matches!(loader.poll_panels(revision), PanelsPoll::None));
    }

    #[test]
    fn a_small_chart_comes_with_its_panels_figures() {
        let dir = tempfile::tempdir().unwrap();
        let path = chart_file(dir.path());
        let mut loader = Loader {
            background_from: 0,
            ..Loader::default()
        };
        loader.start(&path, Some(RenderOptions::default()));
        let (_, result) = wait(&mut loader, &egui::Context::default());
        let opened = result.unwrap();
        assert!(opened.panels.is_some() && opened.panels_coming.is_none());
    }

    #[test]
    fn sizes_read_as_megabytes() {
        assert_eq!(megabytes(33_966_961), "34.0 MB");
        assert_eq!(megabytes(300_000), "0.3 MB");
    }
}
