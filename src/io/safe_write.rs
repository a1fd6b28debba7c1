//! Writing files so that a failure half-way never destroys what was there before, and a shared folder can't
//! be used to redirect the write.
//!
//! The new content goes to a temporary file beside the target, created exclusively (create-new, so a symlink
//! planted under its name is never followed) under an unpredictable name, with the permissions of the file it
//! replaces; it is synced, renamed over the target, and the folder is synced so the rename survives a power
//! cut. Temporaries left by a process that died before its rename are removed at the next save.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Every temporary ends with this, so stale ones can be recognised (and nothing else is ever removed).
const TEMP_SUFFIX: &str = ".orgchart-tmp";

/// A temporary this old belongs to a save that died: no save takes this long.
const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

/// Writes to a temporary file beside `path`, flushes it to disk, then renames it over `path`.
///
/// Refuses to replace anything that is not a regular file (a folder, a device such as `/dev/null`, a pipe).
/// A symlink at `path` is followed: the file it points to is replaced, and the link stays.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target = resolve_target(path)?;
    let existing = existing_regular_file(&target)?;
    write_new_content(&target, bytes, existing.as_ref())
}

/// Writes `path` and first keeps what it held as `path.bak` (same permissions), so the previous version of a
/// chart survives one bad save. Returns where the backup went, when there was something to back up.
pub fn write_keeping_backup(path: &Path, bytes: &[u8]) -> std::io::Result<Option<PathBuf>> {
    let target = resolve_target(path)?;
    let existing = existing_regular_file(&target)?;
    let backup = match &existing {
        Some(metadata) => {
            let previous = std::fs::read(&target)?;
            let backup = backup_path(&target);
            let backup_target = resolve_target(&backup)?;
            // A folder or device squatting on the backup's name must not stop the save, nor be written to.
            if existing_regular_file(&backup_target).is_ok() {
                write_new_content(&backup_target, &previous, Some(metadata))?;
                Some(backup)
            } else {
                None
            }
        }
        None => None,
    };
    write_new_content(&target, bytes, existing.as_ref())?;
    Ok(backup)
}

/// `chart.ron` -> `chart.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// True when `a` and `b` name the same file on disk (through links, `..` or different spellings).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Checks that `output` may be written by a command that reads `inputs`: it is none of them and, if it
/// exists, it is a regular file. The error says what to do.
pub fn check_output(output: &Path, inputs: &[&Path]) -> Result<(), String> {
    if let Some(input) = inputs.iter().find(|input| same_file(output, input)) {
        return Err(format!(
            "{} is also the input {}; writing it would destroy what is being read. Choose another output file",
            output.display(),
            input.display()
        ));
    }
    let target = resolve_target(output).map_err(|err| format!("{}: {err}", output.display()))?;
    existing_regular_file(&target)
        .map(|_| ())
        .map_err(|err| format!("{}: {err}", output.display()))
}

/// The file a write to `path` lands in: `path` itself, or what a symlink there points to.
fn resolve_target(path: &Path) -> std::io::Result<PathBuf> {
    match std::fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_symlink() => {
            let pointed = std::fs::read_link(path)?;
            let pointed = match path.parent() {
                Some(dir) if pointed.is_relative() => dir.join(pointed),
                _ => pointed,
            };
            // One level is enough for real use; a chain of links resolves fully through canonicalize when the
            // end exists.
            Ok(std::fs::canonicalize(&pointed).unwrap_or(pointed))
        }
        _ => Ok(path.to_path_buf()),
    }
}

/// The metadata of the regular file at `path`; `None` when nothing is there; an error for anything else.
fn existing_regular_file(path: &Path) -> std::io::Result<Option<std::fs::Metadata>> {
    match std::fs::symlink_metadata(path) {
        Ok(metadata) if metadata.is_file() => Ok(Some(metadata)),
        Ok(metadata) => {
            let what = if metadata.is_dir() {
                "a folder"
            } else {
                "not a regular file (a device, pipe or socket)"
            };
            Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("this is {what}, so it is not replaced; choose a file name"),
            ))
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(err),
    }
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

fn write_new_content(
    target: &Path,
    bytes: &[u8],
    existing: Option<&std::fs::Metadata>,
) -> std::io::Result<()> {
    let dir = folder_of(target);
    let file_name = target
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file path"))?;
    let prefix = temp_prefix(file_name);
    remove_stale_temporaries(dir, &prefix);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX).rand_bytes(12);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A new file gets the usual permissions (the umask applies); a replaced one gets its own below.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir)?;
    if let Some(metadata) = existing {
        temp.as_file().set_permissions(metadata.permissions())?;
    }
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(target).map_err(|err| err.error)?;
    sync_folder(dir);
    Ok(())
}

fn temp_prefix(file_name: &std::ffi::OsStr) -> String {
    format!(".{}.", file_name.to_string_lossy())
}

/// Makes the rename durable. Not every filesystem can sync a folder; the data itself is already synced.
fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Removes this file's temporaries that a dead save left behind: regular files only, never links, and only
/// ones old enough that no save can still be writing them.
fn remove_stale_temporaries(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(prefix) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let Ok(metadata) = entry.metadata() else {
            continue;
        };
        let stale = metadata
            .modified()
            .ok()
            .and_then(|modified| now.duration_since(modified).ok())
            .is_some_and(|age| age >= STALE_AFTER);
        if metadata.is_file() && stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_content_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("chart.ron");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(names(dir.path()), ["chart.ron"]);
    }

    #[test]
    fn failure_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-dir").join("chart.ron");
        assert!(write_atomically(&path, b"x").is_err());
    }

    #[test]
    fn backup_keeps_the_previous_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("chart.ron");
        assert_eq!(write_keeping_backup(&path, b"one").unwrap(), None);
        let backup = write_keeping_backup(&path, b"two").unwrap();
        assert_eq!(backup, Some(dir.path().join("chart.ron.bak")));
        assert_eq!(
            std::fs::read(dir.path().join("chart.ron.bak")).unwrap(),
            b"one"
        );
        write_keeping_backup(&path, b"three").unwrap();
        assert_eq!(
            std::fs::read(dir.path().join("chart.ron.bak")).unwrap(),
            b"two"
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"three");
        assert_eq!(names(dir.path()), ["chart.ron", "chart.ron.bak"]);
    }

    #[test]
    fn devices_and_folders_are_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomically(dir.path(), b"x").unwrap_err();
        assert!(err.to_string().contains("a folder"), "{err}");
        #[cfg(unix)]
        {
            let err = write_atomically(Path::new("/dev/null"), b"x").unwrap_err();
            assert!(err.to_string().contains("not a regular file"), "{err}");
            assert!(check_output(Path::new("/dev/null"), &[]).is_err());
        }
    }

    #[test]
    fn output_may_not_be_an_input() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.csv");
        std::fs::write(&input, "id,name\n").unwrap();
        let spelled_differently = dir.path().join(".").join("in.csv");
        let err = check_output(&spelled_differently, &[&input]).unwrap_err();
        assert!(err.contains("is also the input"), "{err}");
        assert!(check_output(&dir.path().join("out.ron"), &[&input]).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_private_file_stays_private_and_a_new_one_follows_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("chart.ron");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_keeping_backup(&path, b"new").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&backup_path(&path)), 0o600);
        let fresh = dir.path().join("fresh.ron");
        write_atomically(&fresh, b"x").unwrap();
        assert_ne!(mode(&fresh), 0o600, "a new file is not made private");
        assert_eq!(mode(&fresh) & 0o600, 0o600);
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_symlink_cannot_redirect_the_write() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "precious").unwrap();
        let path = dir.path().join("chart.ron");
        // Every name an attacker could guess from older versions (pid-based) and a spread of random-looking
        // ones: none is used, and none is followed.
        let mut planted = Vec::new();
        for guess in [
            format!(".chart.ron.{}.tmp", std::process::id()),
            ".chart.ron.tmp".to_owned(),
            format!(".chart.ron.000000000000{TEMP_SUFFIX}"),
        ] {
            let link = dir.path().join(guess);
            std::os::unix::fs::symlink(&victim, &link).unwrap();
            planted.push(link);
        }
        write_atomically(&path, b"chart").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "chart");
        for link in planted {
            assert!(
                std::fs::symlink_metadata(&link)
                    .unwrap()
                    .file_type()
                    .is_symlink()
            );
        }
    }

    #[test]
    fn stale_temporaries_are_removed_and_fresh_ones_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("chart.ron");
        let stale = dir
            .path()
            .join(format!(".chart.ron.abcdefabcdef{TEMP_SUFFIX}"));
        let fresh = dir
            .path()
            .join(format!(".chart.ron.fedcbafedcba{TEMP_SUFFIX}"));
        let other = dir
            .path()
            .join(format!(".other.ron.abcdefabcdef{TEMP_SUFFIX}"));
        for file in [&stale, &fresh, &other] {
            std::fs::write(file, "half a chart").unwrap();
        }
        let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
        for file in [&stale, &other] {
            let handle = std::fs::File::options().write(true).open(file).unwrap();
            handle.set_modified(an_hour_ago).unwrap();
        }
        write_atomically(&path, b"chart").unwrap();
        assert!(!stale.exists(), "the dead save's temporary is gone");
        assert!(
            fresh.exists(),
            "a save that may still be running is not disturbed"
        );
        assert!(other.exists(), "another file's temporaries are not touched");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_chart_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.ron");
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomically(&link, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_fails_cleanly() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("chart.ron");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
        let result = write_atomically(&path, b"new");
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        // Root ignores folder permissions; anyone else gets an error and the old file intact.
        if result.is_err() {
            assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        }
        assert_eq!(names(dir.path()), ["chart.ron"]);
    }
}
