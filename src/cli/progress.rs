//! What a long command is doing, on stderr: stage lines ("orgchart: reading big.ron…", "laying out 100,000
//! units…", "done in 3.2 s") once the command has run for more than a second, so quick commands stay silent
//! and a slow one is never a mute wait. stdout is left to the command's result.

use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Milliseconds before progress is shown (tests set 0 to see it for a small chart).
pub const AFTER_VARIABLE: &str = "ORGCHART_PROGRESS_AFTER_MS";

const DEFAULT_AFTER: Duration = Duration::from_secs(1);

struct State {
    /// The stage running now, said when the threshold passes during it.
    stage: Option<String>,
    shown: bool,
    /// The command has ended (done or failed): nothing more may be said.
    ended: bool,
    out: Box<dyn Write + Send>,
}

impl State {
    fn say(&mut self, line: &str) {
        // Progress is a courtesy: a closed stderr must not fail the command.
        let _ = writeln!(self.out, "orgchart: {line}");
        let _ = self.out.flush();
    }
}

/// A command's progress reporter. Stages are announced with [`Progress::stage`]; dropping it without
/// [`Progress::finish`] (a failed command) ends it silently.
pub struct Progress {
    state: Arc<Mutex<State>>,
    started: Instant,
    after: Duration,
}

impl Progress {
    /// On stderr, after the threshold from [`AFTER_VARIABLE`] (one second when unset or unreadable).
    pub fn on_stderr() -> Self {
        let after = std::env::var(AFTER_VARIABLE)
            .ok()
            .and_then(|ms| ms.trim().parse::<u64>().ok())
            .map_or(DEFAULT_AFTER, Duration::from_millis);
        Self::new(Box::new(std::io::stderr()), after)
    }

    /// Writes to `out` once `after` has passed. A watcher thread says the running stage as the threshold
    /// passes, so a single long stage is announced while it runs rather than after.
    pub fn new(out: Box<dyn Write + Send>, after: Duration) -> Self {
        let state = Arc::new(Mutex::new(State {
            stage: None,
            shown: after.is_zero(),
            ended: false,
            out,
        }));
        if !after.is_zero() {
            let watched = Arc::clone(&state);
            // Without the watcher only later stages are said; that is no reason to fail the command.
            let _ = std::thread::Builder::new()
                .name("orgchart-progress".to_owned())
                .spawn(move || {
                    std::thread::sleep(after);
                    let mut state = watched.lock().unwrap_or_else(PoisonError::into_inner);
                    if state.ended || state.shown {
                        return;
                    }
                    state.shown = true;
                    if let Some(stage) = state.stage.clone() {
                        state.say(&stage);
                    }
                });
        }
        Self {
            state,
            started: Instant::now(),
            after,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A new stage begins: "reading big.ron…". Said now if progress is already showing.
    pub fn stage(&self, text: impl Into<String>) {
        let text = text.into();
        let late = self.started.elapsed() >= self.after;
        let mut state = self.lock();
        state.shown |= late;
        if state.shown {
            state.say(&text);
        }
        state.stage = Some(text);
    }

    /// The command succeeded: "done in 3.2 s", if progress was showing.
    pub fn finish(self) {
        let seconds = self.started.elapsed().as_secs_f64();
        let late = self.started.elapsed() >= self.after;
        let mut state = self.lock();
        state.ended = true;
        if state.shown || late {
            state.say(&format!("done in {seconds:.1} s"));
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.lock().ended = true;
    }
}

/// "100,000": counts in stage lines are read at a glance.
pub fn thousands(n: usize) -> String {
    crate::metrics::format::thousands(n as u64)
}

/// "units" or "unit".
pub fn units(n: usize) -> String {
    format!("{} unit{}", thousands(n), if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer the test can read back.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Captured {
        fn text(&self) -> String {
            String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
        }
    }

    #[test]
    fn with_no_threshold_every_stage_and_the_end_are_said() {
        let out = Captured::default();
        let progress = Progress::new(Box::new(out.clone()), Duration::ZERO);
        progress.stage("reading a.ron…");
        progress.stage("writing a.svg…");
        progress.finish();
        let text = out.text();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[..2],
            ["orgchart: reading a.ron…", "orgchart: writing a.svg…"]
        );
        assert!(lines[2].starts_with("orgchart: done in ") && lines[2].ends_with(" s"));
    }

    #[test]
    fn a_quick_command_says_nothing_and_a_failed_one_nothing_more() {
        let out = Captured::default();
        let progress = Progress::new(Box::new(out.clone()), Duration::from_secs(3600));
        progress.stage("reading a.ron…");
        progress.finish();
        assert_eq!(out.text(), "");

        let failed = Progress::new(Box::new(out.clone()), Duration::from_millis(20));
        failed.stage("reading b.ron…");
        drop(failed);
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(
            out.text(),
            "",
            "the watcher stays quiet once the command has ended"
        );
    }

    #[test]
    fn the_stage_running_when_the_threshold_passes_is_said_by_the_watcher() {
        let out = Captured::default();
        let progress = Progress::new(Box::new(out.clone()), Duration::from_millis(20));
        progress.stage("laying out 100,000 units…");
        // Bounded wait for the watcher; what is checked is the text, not the time.
        for _ in 0..200 {
            if !out.text().is_empty() {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(out.text(), "orgchart: laying out 100,000 units…\n");
        progress.stage("writing a.svg…");
        progress.finish();
        assert!(
            out.text()
                .contains("orgchart: writing a.svg…\norgchart: done in ")
        );
    }

    #[test]
    fn counts_are_grouped_in_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(units(1), "1 unit");
        assert_eq!(units(12_000), "12,000 units");
    }
}
