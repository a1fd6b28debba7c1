//! Reading an input file (a chart or a table) with limits, so a wrong argument (`/dev/zero`, a folder, a
//! multi-gigabyte dump) fails at once with a message instead of exhausting memory.

use std::io::Read;
use std::path::Path;

/// The largest input read: far beyond any real chart (a million units is about 200 MB of RON).
pub const MAX_INPUT_BYTES: u64 = 1 << 30;

/// How much of the start is looked at to tell text from binary.
const SNIFF_BYTES: usize = 64 * 1024;

/// Reads the whole file, refusing folders, devices, files over [`MAX_INPUT_BYTES`] and binary content other
/// than a workbook.
/// The errors are ready to show after the file name.
pub fn read_input(path: &Path) -> std::io::Result<Vec<u8>> {
    let invalid = |message: String| std::io::Error::new(std::io::ErrorKind::InvalidData, message);
    let file = std::fs::File::open(path)?;
    let metadata = file.metadata()?;
    if metadata.is_dir() {
        return Err(invalid("this is a folder, not a file".to_owned()));
    }
    if is_device(&metadata) {
        return Err(invalid(
            "this is a device, not a file; give the path of a chart or table file".to_owned(),
        ));
    }
    if metadata.len() > MAX_INPUT_BYTES {
        return Err(too_big(metadata.len()));
    }
    // A pipe has no length up front: read at most one byte past the limit, checking the start as it comes.
    let mut reader = file.take(MAX_INPUT_BYTES + 1);
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    let mut chunk = vec![0u8; SNIFF_BYTES];
    loop {
        let read = reader.read(&mut chunk)?;
        if read == 0 {
            break;
        }
        let sniff_now = bytes.len() < SNIFF_BYTES;
        bytes.extend_from_slice(chunk.get(..read).unwrap_or_default());
        // Workbooks (.xlsx, .ods, .xls) are binary by nature and read by their own reader.
        if sniff_now && !crate::io::import::workbook::is_workbook(&bytes) && looks_binary(&bytes) {
            return Err(invalid(
                "this holds NUL bytes, so it is not text (a binary file, or UTF-16 without a byte-order mark); \
                 save it as UTF-8 text"
                    .to_owned(),
            ));
        }
    }
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_big(bytes: u64) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!(
            "this file is {:.1} GB, more than the {} GB an input may be; split it or check it is the right file",
            bytes as f64 / 1e9,
            MAX_INPUT_BYTES >> 30
        ),
    )
}

/// NUL bytes never occur in UTF-8 or Windows-1252 text; UTF-16 (marked by its byte-order mark) is decoded
/// later, so it is let through.
fn looks_binary(start: &[u8]) -> bool {
    if start.starts_with(b"\xFF\xFE") || start.starts_with(b"\xFE\xFF") {
        return false;
    }
    start.iter().take(SNIFF_BYTES).any(|&b| b == 0)
}

#[cfg(unix)]
fn is_device(metadata: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    let kind = metadata.file_type();
    kind.is_char_device() || kind.is_block_device() || kind.is_socket()
}

#[cfg(not(unix))]
fn is_device(_metadata: &std::fs::Metadata) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn devices_and_folders_are_refused_at_once() {
        let err = read_input(Path::new("/dev/zero")).unwrap_err();
        assert!(err.to_string().contains("device"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let err = read_input(dir.path()).unwrap_err();
        assert!(err.to_string().contains("folder"), "{err}");
    }

    #[test]
    fn binary_content_is_refused_and_utf16_let_through() {
        let dir = tempfile::tempdir().unwrap();
        let binary = dir.path().join("x.ron");
        std::fs::write(&binary, b"(\0\0\0\0").unwrap();
        let err = read_input(&binary).unwrap_err();
        assert!(err.to_string().contains("NUL bytes"), "{err}");
        let utf16 = dir.path().join("y.csv");
        std::fs::write(&utf16, b"\xFF\xFEa\0,\0b\0").unwrap();
        assert_eq!(read_input(&utf16).unwrap().len(), 8);
    }
}
