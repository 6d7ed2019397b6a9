//! Bytes to text: encoding detection, BOMs, line endings, and what is not text at all.
//!
//! Every format is decoded here first, so a CSV or JSON file in UTF-16 or Windows-1252 loads the
//! same way a text file does. Detection is deliberately simple and never drops a file:
//! a UTF-16 BOM decides UTF-16; NUL bytes near the start mean binary; valid UTF-8 is UTF-8;
//! anything else is Windows-1252 (the superset of Latin-1 that French legacy files use), unless
//! the file is mostly valid UTF-8 with a few broken sequences, which are then replaced.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// How far into a file NUL bytes mark it as binary.
const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// Why a file holds no text to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotText {
    Binary,
    Empty,
}

impl NotText {
    pub fn reason(self) -> &'static str {
        match self {
            NotText::Binary => "binary file (NUL bytes), skipped",
            NotText::Empty => "empty file, skipped",
        }
    }
}

/// Decodes a whole file to text with `\n` line endings and no BOM.
pub fn decode(bytes: Vec<u8>) -> Result<String, NotText> {
    let text = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        decode_with(UTF_16LE, rest)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        decode_with(UTF_16BE, rest)
    } else if memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF_LEN)]).is_some() {
        return Err(NotText::Binary);
    } else if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        // A UTF-8 BOM is a strong signal: broken sequences are replaced, not reinterpreted.
        String::from_utf8_lossy(rest).into_owned()
    } else {
        decode_unmarked(bytes)
    };
    if text.trim().is_empty() {
        return Err(NotText::Empty);
    }
    Ok(normalize_newlines(text))
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> String {
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// UTF-8 when valid (no copy), else Windows-1252, else lossy UTF-8 when the file is mostly
/// UTF-8 (more well-formed non-ASCII characters than broken bytes), so one stray byte in a UTF-8
/// article does not turn all its accents into mojibake.
fn decode_unmarked(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let bytes = err.into_bytes();
            if mostly_utf8(&bytes) {
                String::from_utf8_lossy(&bytes).into_owned()
            } else {
                decode_with(WINDOWS_1252, &bytes)
            }
        }
    }
}

fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += chunk.invalid().len();
    }
    good > bad
}

/// CRLF and lone CR become LF; a text without CR is returned as is.
fn normalize_newlines(text: String) -> String {
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find('\r') {
        out.push_str(&rest[..at]);
        out.push('\n');
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut out = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        for unit in text.encode_utf16() {
            let b = if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() };
            out.extend_from_slice(&b);
        }
        out
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(b"caf\xc3\xa9".to_vec()).unwrap(), "café");
        assert_eq!(decode(b"\xEF\xBB\xBFcaf\xc3\xa9".to_vec()).unwrap(), "café");
    }

    #[test]
    fn utf16_both_endians() {
        assert_eq!(decode(utf16("Alep, œuvre", false)).unwrap(), "Alep, œuvre");
        assert_eq!(decode(utf16("Alep, œuvre", true)).unwrap(), "Alep, œuvre");
    }

    #[test]
    fn windows_1252_when_not_utf8() {
        assert_eq!(decode(b"caf\xe9 \x9cuvre".to_vec()).unwrap(), "café œuvre");
    }

    #[test]
    fn mostly_utf8_keeps_utf8_and_replaces_the_stray_byte() {
        let text = decode(b"\xc3\xa9t\xc3\xa9 \xc3\xa0 Alep \xff".to_vec()).unwrap();
        assert_eq!(text, "été à Alep \u{FFFD}");
    }

    #[test]
    fn line_endings_become_lf() {
        assert_eq!(decode(b"a\r\nb\rc\n\rd".to_vec()).unwrap(), "a\nb\nc\n\nd");
    }

    #[test]
    fn binary_and_empty_are_not_text() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00".to_vec()), Err(NotText::Binary));
        assert_eq!(decode(Vec::new()), Err(NotText::Empty));
        assert_eq!(decode(b" \n\t\r\n".to_vec()), Err(NotText::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF".to_vec()), Err(NotText::Empty));
        assert_eq!(decode(vec![0xFF, 0xFE]), Err(NotText::Empty));
    }
}
