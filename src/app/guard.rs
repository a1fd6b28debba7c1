//! Guarding the user's files and work: the file as it was on disk when opened or saved (so a change by
//! another program or a colleague is noticed before it is overwritten), fields a newer version wrote (never
//! dropped silently), opening a path that does not exist, and autosave with crash recovery.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::model::Chart;

use super::OrgchartApp;
use super::dialogs::Modal;
use super::recovery::{Orphan, describe_age, remove_orphan};
use super::state::Document;

/// Enough of a file's metadata to tell that someone else wrote it: replaced (new inode), resized or touched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    inode: u64,
}

impl Stamp {
    pub fn of(path: &Path) -> Option<Self> {
        let metadata = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&metadata);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Self {
            modified: metadata.modified().ok(),
            len: metadata.len(),
            inode,
        })
    }
}

/// What is known about the document's file on disk.
#[derive(Clone, Debug, Default)]
pub struct DiskState {
    /// The file as this editor last read or wrote it.
    pub stamp: Option<Stamp>,
    /// Fields of the file that this version does not know (a newer version's file).
    pub unknown_fields: Vec<String>,
}

impl OrgchartApp {
    /// Records the document's file as it is on disk now (just opened or saved).
    pub(super) fn remember_disk_state(mut self) -> Self {
        self.disk = DiskState {
            stamp: self.doc.path().and_then(Stamp::of),
            unknown_fields: Vec::new(),
        };
        self
    }

    pub(super) fn note_disk_state(&mut self, unknown_fields: Vec<String>) {
        self.disk = DiskState {
            stamp: self.doc.path().and_then(Stamp::of),
            unknown_fields,
        };
    }

    /// Why saving over `path` must not happen without asking, if it must not.
    pub(super) fn save_over_problem(&self, path: &Path) -> Option<Modal> {
        let own_file = self
            .doc
            .path()
            .is_some_and(|own| crate::io::safe_write::same_file(own, path) || own == path);
        if !own_file {
            return None;
        }
        if !self.disk.unknown_fields.is_empty() {
            return Some(Modal::NewerFields {
                path: path.to_path_buf(),
                fields: self.disk.unknown_fields.clone(),
            });
        }
        let now = Stamp::of(path);
        // A file deleted since it was opened is simply written again; a changed one is asked about.
        match (self.disk.stamp, now) {
            (Some(then), Some(now)) if then != now => Some(Modal::ChangedOnDisk {
                path: path.to_path_buf(),
            }),
            (None, Some(_)) if self.doc.path().is_some() => Some(Modal::ChangedOnDisk {
                path: path.to_path_buf(),
            }),
            _ => None,
        }
    }

    /// Opens the chart named on the command line; a name that does not exist is asked about.
    pub(super) fn open_at_start(&mut self, path: PathBuf) {
        if path.exists() {
            self.open_path(path);
        } else {
            self.modal = Some(Modal::CreateMissing { path });
        }
    }

    /// Starts a new, empty chart that will be saved as `path` (the user chose to create it).
    pub(super) fn create_at(&mut self, path: PathBuf) {
        let name = path.display().to_string();
        self.replace_document(Document::new(Chart::new(), Some(path)), "Untitled");
        self.disk = DiskState::default();
        self.notices.set_info(format!(
            "New chart; it will be saved as {name} when you save"
        ));
    }

    /// Reads the document's file again, dropping the changes made here (the user chose to).
    pub(super) fn reload(&mut self, path: PathBuf) {
        self.open_path(path);
    }

    /// Opens a recovery copy as an unsaved chart that saves to the file it was a copy of.
    pub(super) fn restore(&mut self, orphan: &Orphan) {
        match crate::io::load(&orphan.copy) {
            Ok(chart) => {
                let original = orphan.original.clone();
                self.replace_document(Document::recovered(chart, original.clone()), "Recovered");
                self.disk = DiskState {
                    stamp: original.as_deref().and_then(Stamp::of),
                    unknown_fields: Vec::new(),
                };
                remove_orphan(orphan);
                self.notices.set_info(format!(
                    "Restored the unsaved work from {}; save it to keep it",
                    describe_age(orphan.age)
                ));
            }
            Err(err) => self.notices.set_error(format!(
                "Could not restore the recovery copy: {err}. It is kept at {}.",
                orphan.copy.display()
            )),
        }
        self.offer_next_orphan();
    }

    pub(super) fn discard_orphan(&mut self, orphan: &Orphan) {
        remove_orphan(orphan);
        self.notices.set_info("Discarded the recovery copy");
        self.offer_next_orphan();
    }

    fn offer_next_orphan(&mut self) {
        let orphans = self
            .recovery
            .as_ref()
            .map(|recovery| recovery.orphans())
            .unwrap_or_default();
        if !orphans.is_empty() && self.modal.is_none() {
            self.modal = Some(Modal::Recover { orphans });
        }
    }

    /// Writes or removes the recovery copy as the document's state asks, once per frame.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        let Some(recovery) = self.recovery.as_mut() else {
            return;
        };
        let wait = recovery.update(
            self.doc.chart(),
            self.doc.revision(),
            self.doc.is_dirty(),
            self.doc.path(),
        );
        if let Some(wait) = wait {
            ctx.request_repaint_after(wait);
        }
        if let Some(failure) = recovery.failure.take() {
            self.notices.set_error(failure);
        }
    }

    /// A clean end: nothing to recover next time.
    pub(super) fn end_recovery(&mut self) {
        if let Some(recovery) = self.recovery.as_mut() {
            recovery.finish();
        }
    }

    /// Where this session's recovery copy goes, when autosave is on.
    pub fn recovery_copy_path(&self) -> Option<PathBuf> {
        self.recovery.as_ref().map(|recovery| recovery.copy_path())
    }
}
