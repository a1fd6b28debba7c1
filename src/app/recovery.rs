//! Autosave and crash recovery: while a chart has unsaved changes, a recovery copy is written into the
//! platform's data folder (a few seconds after each change, and at least every 30 seconds while changes
//! keep coming). A clean exit, a save or a discard removes it. After a crash or a kill, the copy is left
//! behind, and the next start offers to restore or discard it.
//!
//! Each running editor holds a lock on its own session's lock file, so a copy whose lock can be taken
//! belongs to an editor that is no longer running (a second window's live copy is never offered).

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::model::Chart;

/// Overrides the data folder (tests, portable installs).
pub const DATA_DIR_VARIABLE: &str = "ORGCHART_DATA_DIR";

/// After a change, the copy is written once the chart has been still this long (or `MAX_DELAY` passed).
const SETTLE: Duration = Duration::from_secs(3);
/// While changes keep coming, a copy is written at least this often.
const MAX_DELAY: Duration = Duration::from_secs(30);

const COPY_EXTENSION: &str = "ron";
const LOCK_EXTENSION: &str = "lock";

/// A recovery copy left by an editor that is no longer running.
#[derive(Clone, Debug, PartialEq)]
pub struct Orphan {
    pub copy: PathBuf,
    /// The file the chart was being edited as, if it had one.
    pub original: Option<PathBuf>,
    /// When the copy was last written, for the question ("3 minutes ago").
    pub age: Duration,
}

/// The recovery folder and this session's copy in it.
pub struct Recovery {
    folder: PathBuf,
    session: String,
    /// Held for the life of the session: its lock tells other editors this session is alive.
    lock: Option<File>,
    /// The revision last written, and when.
    written: Option<(u64, Instant)>,
    /// The first change not yet written.
    pending_since: Option<(u64, Instant)>,
    last_change: Option<(u64, Instant)>,
    /// The last write failed: said once, not every frame.
    pub failure: Option<String>,
}

impl Recovery {
    /// The folder from `ORGCHART_DATA_DIR`, or the platform's data folder (`~/.local/share/orgchart` on
    /// Linux), with `recovery` inside.
    pub fn from_environment() -> Option<Self> {
        let base = std::env::var_os(DATA_DIR_VARIABLE)
            .map(PathBuf::from)
            .or_else(|| dirs::data_dir().map(|dir| dir.join("orgchart")))?;
        Some(Self::in_folder(base.join("recovery")))
    }

    pub fn in_folder(folder: PathBuf) -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        Self {
            folder,
            session: format!("session-{}-{nanos}", std::process::id()),
            lock: None,
            written: None,
            pending_since: None,
            last_change: None,
            failure: None,
        }
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Where this session's copy goes.
    pub fn copy_path(&self) -> PathBuf {
        self.folder
            .join(&self.session)
            .with_extension(COPY_EXTENSION)
    }

    /// Copies left by editors that are no longer running, newest first. Never this session's own.
    pub fn orphans(&self) -> Vec<Orphan> {
        let Ok(entries) = std::fs::read_dir(&self.folder) else {
            return Vec::new();
        };
        let mut found: Vec<Orphan> = entries
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|e| e == COPY_EXTENSION))
            .filter(|path| *path != self.copy_path())
            .filter(|path| !is_alive(path))
            .map(|copy| {
                let age = std::fs::metadata(&copy)
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .unwrap_or_default();
                let original = read_original(&copy);
                Orphan {
                    copy,
                    original,
                    age,
                }
            })
            .collect();
        found.sort_by_key(|orphan| orphan.age);
        found
    }

    /// Tells the store about the document after a frame: writes the copy when it is due, removes it when the
    /// chart has no unsaved changes. Returns how long until the next write is due, for a repaint.
    pub fn update(
        &mut self,
        chart: &Chart,
        revision: u64,
        dirty: bool,
        original: Option<&Path>,
    ) -> Option<Duration> {
        if !dirty {
            self.discard_own();
            return None;
        }
        if self.written.is_some_and(|(written, _)| written == revision) {
            return None;
        }
        let now = Instant::now();
        if self.last_change.is_none_or(|(seen, _)| seen != revision) {
            self.last_change = Some((revision, now));
            if self.pending_since.is_none() {
                self.pending_since = Some((revision, now));
            }
        }
        let settled = self
            .last_change
            .is_some_and(|(_, at)| now.duration_since(at) >= SETTLE);
        let overdue = self
            .pending_since
            .is_some_and(|(_, at)| now.duration_since(at) >= MAX_DELAY);
        if settled || overdue {
            self.write(chart, revision, original);
            return None;
        }
        let until_settled = self.last_change.map_or(SETTLE, |(_, at)| {
            SETTLE.saturating_sub(now.duration_since(at))
        });
        Some(until_settled)
    }

    fn write(&mut self, chart: &Chart, revision: u64, original: Option<&Path>) {
        let result = self.try_write(chart, original);
        match result {
            Ok(()) => {
                self.failure = None;
                self.written = Some((revision, Instant::now()));
                self.pending_since = None;
            }
            Err(err) => {
                // Try again after the usual delay rather than every frame.
                self.pending_since = Some((revision, Instant::now()));
                self.last_change = Some((revision, Instant::now()));
                self.failure = Some(format!(
                    "Could not write the recovery copy into {}: {err}. Save your work with File → Save.",
                    self.folder.display()
                ));
            }
        }
    }

    fn try_write(&mut self, chart: &Chart, original: Option<&Path>) -> Result<(), String> {
        std::fs::create_dir_all(&self.folder).map_err(|err| err.to_string())?;
        if self.lock.is_none() {
            let lock_path = self.copy_path().with_extension(LOCK_EXTENSION);
            let lock = File::create(&lock_path).map_err(|err| err.to_string())?;
            // Held until this editor ends; the operating system lets go when the process dies.
            let _ = lock.try_lock();
            self.lock = Some(lock);
        }
        let text = crate::io::to_ron_string(chart).map_err(|err| err.to_string())?;
        let header = match original {
            Some(path) => format!(
                "// {ORIGINAL_MARK}{}\n",
                serde_json::to_string(&path.to_string_lossy()).unwrap_or_default()
            ),
            None => String::new(),
        };
        crate::io::write_atomically(&self.copy_path(), format!("{header}{text}").as_bytes())
            .map_err(|err| err.to_string())
    }

    /// Removes this session's copy (saved, discarded, or a clean exit).
    pub fn discard_own(&mut self) {
        if self.written.take().is_some() {
            let _ = std::fs::remove_file(self.copy_path());
        }
        self.pending_since = None;
        self.last_change = None;
    }

    /// Ends the session cleanly: no copy, no lock file.
    pub fn finish(&mut self) {
        self.discard_own();
        let _ = std::fs::remove_file(self.copy_path());
        if self.lock.take().is_some() {
            let _ = std::fs::remove_file(self.copy_path().with_extension(LOCK_EXTENSION));
        }
    }
}

impl Drop for Recovery {
    fn drop(&mut self) {
        // A panic unwinds through here too: keep the copy then (the user's work), but say the session is over.
        if std::thread::panicking() {
            return;
        }
        if self.written.is_none() {
            self.finish();
        }
    }
}

const ORIGINAL_MARK: &str = "orgchart recovery copy of ";

fn read_original(copy: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(copy).ok()?;
    let first = text.lines().next()?;
    let quoted = first.strip_prefix("// ")?.strip_prefix(ORIGINAL_MARK)?;
    serde_json::from_str::<String>(quoted)
        .ok()
        .map(PathBuf::from)
}

/// True when the editor that wrote `copy` still runs (it holds the lock on the copy's lock file).
fn is_alive(copy: &Path) -> bool {
    let Ok(lock) = File::options()
        .read(true)
        .write(true)
        .open(copy.with_extension(LOCK_EXTENSION))
    else {
        return false;
    };
    match lock.try_lock() {
        Ok(()) => {
            let _ = lock.unlock();
            false
        }
        Err(_) => true,
    }
}

/// Removes a copy that was restored (its chart is open again) or discarded.
pub fn remove_orphan(orphan: &Orphan) {
    let _ = std::fs::remove_file(&orphan.copy);
    let _ = std::fs::remove_file(orphan.copy.with_extension(LOCK_EXTENSION));
}

/// "just now", "5 minutes ago", "3 hours ago", "2 days ago".
pub fn describe_age(age: Duration) -> String {
    let minutes = age.as_secs() / 60;
    match minutes {
        0 => "just now".to_owned(),
        1 => "a minute ago".to_owned(),
        2..=119 => format!("{minutes} minutes ago"),
        _ if minutes < 48 * 60 => format!("{} hours ago", minutes / 60),
        _ => format!("{} days ago", minutes / (24 * 60)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Unit;

    fn chart() -> Chart {
        let mut chart = Chart::new();
        chart.insert_unit(Unit::new("a", "A"), None, None).unwrap();
        chart
    }

    #[test]
    fn a_copy_waits_for_the_chart_to_settle_and_goes_when_saved() {
        let dir = tempfile::tempdir().unwrap();
        let mut recovery = Recovery::in_folder(dir.path().join("recovery"));
        let wait = recovery.update(&chart(), 1, true, None);
        assert!(wait.is_some_and(|w| w <= SETTLE));
        assert!(
            !recovery.copy_path().exists(),
            "not at once: edits come in bursts"
        );
        recovery.last_change = recovery.last_change.map(|(r, at)| (r, at - SETTLE));
        recovery.update(&chart(), 1, true, Some(Path::new("/x/barnet.ron")));
        assert!(recovery.copy_path().exists());
        assert_eq!(
            read_original(&recovery.copy_path()),
            Some(PathBuf::from("/x/barnet.ron"))
        );
        let reloaded = crate::io::load(&recovery.copy_path()).unwrap();
        assert_eq!(reloaded, chart());
        // This session is alive: its copy is not anyone's orphan.
        let other = Recovery::in_folder(dir.path().join("recovery"));
        assert!(other.orphans().is_empty());
        recovery.update(&chart(), 1, false, None);
        assert!(!recovery.copy_path().exists(), "saved: nothing to recover");
    }

    #[test]
    fn continuous_changes_are_still_written_every_30_seconds() {
        let dir = tempfile::tempdir().unwrap();
        let mut recovery = Recovery::in_folder(dir.path().to_path_buf());
        recovery.update(&chart(), 1, true, None);
        recovery.pending_since = recovery.pending_since.map(|(r, at)| (r, at - MAX_DELAY));
        recovery.update(&chart(), 2, true, None);
        assert!(recovery.copy_path().exists());
    }

    #[test]
    fn ages_read_naturally() {
        assert_eq!(describe_age(Duration::from_secs(20)), "just now");
        assert_eq!(describe_age(Duration::from_secs(300)), "5 minutes ago");
        assert_eq!(describe_age(Duration::from_secs(3 * 3600)), "3 hours ago");
    }
}
