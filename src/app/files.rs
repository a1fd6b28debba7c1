//! Where files come from and go to: the file-dialog seam (rfd in the app, scripted in tests), the recent-files
//! list and the window title.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

/// Asks the user for a file. The real app uses native dialogs; tests script the answers.
pub trait FileDialogs {
    /// A chart (or table, for import) to open; `None` when cancelled.
    fn open(&mut self, title: &str, filter_name: &str, extensions: &[&str]) -> Option<PathBuf>;
    /// Where to save; `suggested` is a file name, `extension` has no dot. `None` when cancelled.
    fn save(&mut self, suggested: &str, extension: &str) -> Option<PathBuf>;
    /// A question that could not be shown at all (no file chooser on this desktop), as "what was asked" and
    /// a suggested file name; taken once. The app then asks for a path itself and calls [`Self::prepare`].
    fn take_unanswered(&mut self) -> Option<(String, String)> {
        None
    }
    /// The answer to give to the next question instead of showing a chooser (typed into the fallback).
    fn prepare(&mut self, _path: PathBuf) {}
}

/// When no chooser could be shown, what was asked; and a typed answer waiting for the repeated question.
#[derive(Debug, Default, Clone)]
pub struct Fallback {
    /// Set once the platform has shown it cannot ask (rfd returned at once with nothing).
    pub unavailable: bool,
    unanswered: Option<(String, String)>,
    prepared: Option<PathBuf>,
}

impl Fallback {
    fn take_prepared(&mut self) -> Option<PathBuf> {
        self.prepared.take()
    }

    fn ask_instead(&mut self, what: &str, suggested: &str) -> Option<PathBuf> {
        self.unanswered = Some((what.to_owned(), suggested.to_owned()));
        None
    }
}

/// A native dialog that returns "cancelled" faster than a person can cancel was never shown.
const NO_DIALOG_WITHIN: std::time::Duration = std::time::Duration::from_millis(150);

/// Native dialogs through rfd. With no desktop portal and no zenity, rfd returns `None` at once, which reads as
/// "cancelled".
#[derive(Debug, Default)]
pub struct NativeDialogs {
    last_folder: Option<PathBuf>,
    fallback: Fallback,
}

impl NativeDialogs {
    /// Runs a native dialog, noticing when the platform has none (it answers at once with nothing).
    fn ask(
        &mut self,
        what: &str,
        suggested: &str,
        show: impl FnOnce() -> Option<PathBuf>,
    ) -> Option<PathBuf> {
        if let Some(prepared) = self.fallback.take_prepared() {
            return Some(prepared);
        }
        if self.fallback.unavailable {
            return self.fallback.ask_instead(what, suggested);
        }
        let started = std::time::Instant::now();
        let picked = show();
        if picked.is_none() && started.elapsed() < NO_DIALOG_WITHIN {
            self.fallback.unavailable = true;
            return self.fallback.ask_instead(what, suggested);
        }
        picked
    }
}

impl FileDialogs for NativeDialogs {
    fn take_unanswered(&mut self) -> Option<(String, String)> {
        self.fallback.unanswered.take()
    }

    fn prepare(&mut self, path: PathBuf) {
        self.fallback.prepared = Some(path);
    }

    fn open(&mut self, title: &str, filter_name: &str, extensions: &[&str]) -> Option<PathBuf> {
        let folder = self.last_folder.clone();
        let picked = self.ask(title, "", || {
            let mut dialog = rfd::FileDialog::new()
                .set_title(title)
                .add_filter(filter_name, extensions);
            if let Some(folder) = &folder {
                dialog = dialog.set_directory(folder);
            }
            dialog.pick_file()
        })?;
        self.last_folder = picked.parent().map(Path::to_path_buf);
        Some(picked)
    }

    fn save(&mut self, suggested: &str, extension: &str) -> Option<PathBuf> {
        let folder = self.last_folder.clone();
        let mut picked = self.ask(&format!("Save as ({extension})"), suggested, || {
            let mut dialog = rfd::FileDialog::new()
                .set_file_name(suggested)
                .add_filter(extension.to_uppercase(), &[extension]);
            if let Some(folder) = &folder {
                dialog = dialog.set_directory(folder);
            }
            dialog.save_file()
        })?;
        if picked.extension().is_none() {
            picked.set_extension(extension);
        }
        self.last_folder = picked.parent().map(Path::to_path_buf);
        Some(picked)
    }
}

/// Answers dialogs from a queue: for tests and automation. An empty queue answers "cancelled".
#[derive(Debug, Default, Clone)]
pub struct ScriptedDialogs {
    pub open_answers: VecDeque<Option<PathBuf>>,
    pub save_answers: VecDeque<Option<PathBuf>>,
    /// What was asked, in order ("open: ..." / "save: suggested.ext"), so a test can check a dialog appeared.
    pub asked: Vec<String>,
    /// Behaves like a desktop without a file chooser when `fallback.unavailable` is set.
    pub fallback: Fallback,
}

impl FileDialogs for ScriptedDialogs {
    fn open(&mut self, title: &str, _filter_name: &str, _extensions: &[&str]) -> Option<PathBuf> {
        self.asked.push(format!("open: {title}"));
        if let Some(prepared) = self.fallback.take_prepared() {
            return Some(prepared);
        }
        if self.fallback.unavailable {
            return self.fallback.ask_instead(title, "");
        }
        self.open_answers.pop_front().flatten()
    }

    fn save(&mut self, suggested: &str, extension: &str) -> Option<PathBuf> {
        self.asked.push(format!("save: {suggested}"));
        if let Some(prepared) = self.fallback.take_prepared() {
            return Some(prepared);
        }
        if self.fallback.unavailable {
            return self
                .fallback
                .ask_instead(&format!("Save as ({extension})"), suggested);
        }
        self.save_answers.pop_front().flatten()
    }

    fn take_unanswered(&mut self) -> Option<(String, String)> {
        self.fallback.unanswered.take()
    }

    fn prepare(&mut self, path: PathBuf) {
        self.fallback.prepared = Some(path);
    }
}

/// A shared handle so a test can keep scripting answers after handing the dialogs to the app.
impl FileDialogs for std::rc::Rc<std::cell::RefCell<ScriptedDialogs>> {
    fn open(&mut self, title: &str, filter_name: &str, extensions: &[&str]) -> Option<PathBuf> {
        self.borrow_mut().open(title, filter_name, extensions)
    }

    fn save(&mut self, suggested: &str, extension: &str) -> Option<PathBuf> {
        self.borrow_mut().save(suggested, extension)
    }

    fn take_unanswered(&mut self) -> Option<(String, String)> {
        self.borrow_mut().take_unanswered()
    }

    fn prepare(&mut self, path: PathBuf) {
        self.borrow_mut().prepare(path);
    }
}

const RECENT_LIMIT: usize = 10;

/// Recently opened or saved charts, newest first; kept in a small text file when `store` is set.
#[derive(Debug, Default)]
pub struct RecentFiles {
    paths: Vec<PathBuf>,
    store: Option<PathBuf>,
}

impl RecentFiles {
    /// The list kept in the user's configuration folder (`$XDG_CONFIG_HOME/orgchart/recent-files.txt`).
    pub fn from_user_config() -> Self {
        let folder = std::env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".config")));
        match folder {
            Some(folder) => Self::load(folder.join("orgchart").join("recent-files.txt")),
            None => Self::default(),
        }
    }

    /// Reads the list from `store`; a missing or unreadable list is simply empty (it is a convenience, not
    /// the user's work).
    pub fn load(store: PathBuf) -> Self {
        let paths = std::fs::read_to_string(&store)
            .map(|text| {
                text.lines()
                    .filter(|line| !line.trim().is_empty())
                    .map(PathBuf::from)
                    .take(RECENT_LIMIT)
                    .collect()
            })
            .unwrap_or_default();
        Self {
            paths,
            store: Some(store),
        }
    }

    /// A list that lives only in memory.
    pub fn in_memory() -> Self {
        Self::default()
    }

    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }

    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.paths.retain(|p| *p != path);
        self.paths.insert(0, path);
        self.paths.truncate(RECENT_LIMIT);
        self.persist();
    }

    pub fn forget(&mut self, path: &Path) {
        self.paths.retain(|p| p != path);
        self.persist();
    }

    fn persist(&self) {
        let Some(store) = &self.store else {
            return;
        };
        let text: String = self
            .paths
            .iter()
            .map(|p| format!("{}\n", p.display()))
            .collect();
        // Failing to remember recent files must never disturb editing, so errors are ignored.
        if let Some(folder) = store.parent() {
            let _ = std::fs::create_dir_all(folder);
        }
        let _ = crate::io::write_atomically(store, text.as_bytes());
    }
}

/// "• barnet.ron — Orgchart": the dot marks unsaved changes.
pub fn window_title(display_name: &str, dirty: bool) -> String {
    let mark = if dirty { "• " } else { "" };
    format!("{mark}{display_name} — Orgchart")
}

/// A file name for an export, from the chart's file name or title: "barnet.png".
pub fn suggested_name(document_name: &str, extension: &str) -> String {
    let stem = Path::new(document_name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "chart".to_owned());
    format!("{stem}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_keep_newest_first_without_duplicates_and_survive_reload() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("cfg").join("recent.txt");
        let mut recent = RecentFiles::load(store.clone());
        let a = dir.path().join("a.ron");
        let b = dir.path().join("b.ron");
        recent.remember(&a);
        recent.remember(&b);
        recent.remember(&a);
        assert_eq!(recent.paths(), &[a.clone(), b.clone()]);
        let reloaded = RecentFiles::load(store);
        assert_eq!(reloaded.paths(), &[a, b]);
    }

    #[test]
    fn title_marks_unsaved_changes() {
        assert_eq!(window_title("x.ron", false), "x.ron — Orgchart");
        assert_eq!(window_title("x.ron", true), "• x.ron — Orgchart");
    }

    #[test]
    fn export_names_follow_the_document() {
        assert_eq!(suggested_name("barnet.ron", "png"), "barnet.png");
        assert_eq!(suggested_name("Untitled", "svg"), "Untitled.svg");
        assert_eq!(suggested_name("", "pdf"), "chart.pdf");
    }
}
