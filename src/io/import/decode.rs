//! Turning a file's bytes into text before any CSV parsing: spreadsheets save CSV as UTF-8 (with or without a
//! byte-order mark), as Windows-1252 (a single byte 0xA3 for "£"), or, for "Unicode text", as UTF-16.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Which encoding the text was read as; reported when it is not plain UTF-8.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-8 with some bytes that are not UTF-8, read as Windows-1252 (a file edited by two programs).
    Utf8WithWindows1252,
    Windows1252,
    Utf16,
}

/// Decodes a file's bytes; never fails, because Windows-1252 gives every byte a meaning.
///
/// Valid UTF-8 runs are kept as UTF-8 and each byte that is not UTF-8 is read as Windows-1252, so a UTF-8 file
/// with a stray Windows "£" keeps both its curly quotes and its pound sign.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let (text, encoding) = decode_utf8_or_1252(rest);
        return (text, encoding);
    }
    if bytes.starts_with(b"\xFF\xFE") {
        let (text, _) = UTF_16LE.decode_with_bom_removal(bytes);
        return (text.into_owned(), Encoding::Utf16);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        let (text, _) = UTF_16BE.decode_with_bom_removal(bytes);
        return (text.into_owned(), Encoding::Utf16);
    }
    decode_utf8_or_1252(bytes)
}

fn decode_utf8_or_1252(bytes: &[u8]) -> (String, Encoding) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_owned(), Encoding::Utf8);
    }
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut rest = bytes;
    let mut saw_multibyte_utf8 = false;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                saw_multibyte_utf8 |= !valid.is_ascii();
                text.push_str(valid);
                break;
            }
            Err(err) => {
                let (valid, after) = rest.split_at(err.valid_up_to());
                // The prefix was just checked, so this cannot fail; fall back to 1252 rather than panic.
                let valid_text = std::str::from_utf8(valid).unwrap_or_default();
                saw_multibyte_utf8 |= !valid_text.is_ascii();
                text.push_str(valid_text);
                let bad_len = err.error_len().unwrap_or(after.len()).max(1);
                let (bad, tail) = after.split_at(bad_len.min(after.len()));
                let (decoded, _, _) = WINDOWS_1252.decode(bad);
                text.push_str(&decoded);
                rest = tail;
            }
        }
    }
    let encoding = if saw_multibyte_utf8 {
        Encoding::Utf8WithWindows1252
    } else {
        Encoding::Windows1252
    };
    (text, encoding)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_loses_the_bom() {
        let (text, encoding) = decode("\u{FEFF}id,name\n".as_bytes());
        assert_eq!(text, "id,name\n");
        assert_eq!(encoding, Encoding::Utf8);
    }

    #[test]
    fn windows_1252_pound_sign_becomes_a_pound_sign() {
        let (text, encoding) = decode(b"Pay (\xA3),x\n");
        assert_eq!(text, "Pay (£),x\n");
        assert_eq!(encoding, Encoding::Windows1252);
    }

    #[test]
    fn mixed_file_keeps_utf8_and_reads_stray_bytes_as_1252() {
        let mut bytes = "Director’s office,".as_bytes().to_vec();
        bytes.extend_from_slice(b"\xA3100\n");
        let (text, encoding) = decode(&bytes);
        assert_eq!(text, "Director’s office,£100\n");
        assert_eq!(encoding, Encoding::Utf8WithWindows1252);
    }

    #[test]
    fn utf16_little_endian_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "a,£\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes), ("a,£\n".to_owned(), Encoding::Utf16));
    }
}
