//! Bytes to text: encoding detection, BOMs, line endings, and what is not text at all.
//!
//! Every format is decoded here first, so a CSV or JSON file in UTF-16 or Windows-1252 loads the
//! same way a text file does. Detection is deliberately simple and never drops a file:
//! a UTF-16 BOM decides UTF-16; NUL bytes near the start mean binary; valid UTF-8 is UTF-8;
//! anything else is Windows-1252 (the superset of Latin-1 that French legacy files use), unless
//! the file is mostly valid UTF-8 with a few broken sequences, which are then replaced.

use std::borrow::Cow;

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

/// Decodes a whole file to text with `\n` line endings and no BOM: borrowed from `bytes` when
/// they are UTF-8 with LF line ends (most corpora), so a mapped file is never copied whole.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, NotText> {
    decode_reporting(bytes, LineEnds::Lf, &mut |_| {})
}

/// What [`decode_reporting`] makes of CR line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnds {
    /// Every line ends in `\n`.
    Lf,
    /// CRLF is kept when every CR is followed by LF, for a reader that takes both (CSV,
    /// whose rows on one line each then need no copy of the whole file, written with CRLF
    /// as most CSV writers do it). A CR on its own still makes every line end `\n`.
    CrlfKept,
}

/// [`decode`], calling `checked` with the bytes as UTF-8 is checked, in steps: of a mapped file,
/// that check is what reads the file, so the steps are the read's progress.
pub fn decode_reporting<'a>(
    bytes: &'a [u8],
    line_ends: LineEnds,
    checked: &mut dyn FnMut(usize),
) -> Result<Cow<'a, str>, NotText> {
    let (text, crs) = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        with_crs(decode_with(UTF_16LE, rest))
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        with_crs(decode_with(UTF_16BE, rest))
    } else if memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF_LEN)]).is_some() {
        return Err(NotText::Binary);
    } else if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        // A UTF-8 BOM is a strong signal: broken sequences are replaced, not reinterpreted.
        with_crs(String::from_utf8_lossy(rest))
    } else {
        decode_unmarked(bytes, checked)
    };
    if text.trim().is_empty() {
        return Err(NotText::Empty);
    }
    if !crs.any || line_ends == LineEnds::CrlfKept && !crs.lone {
        return Ok(text);
    }
    Ok(normalize_newlines(text))
}

/// The CRs of a text: whether it has any, and any not followed by LF.
#[derive(Debug, Clone, Copy, Default)]
struct Crs {
    any: bool,
    lone: bool,
}

impl Crs {
    /// The CRs among `bytes[range]` (a CR at its end is told by the byte after it).
    fn within(bytes: &[u8], range: std::ops::Range<usize>) -> Crs {
        let start = range.start;
        let mut crs = memchr::memchr_iter(b'\r', &bytes[range]).map(|at| start + at).peekable();
        let any = crs.peek().is_some();
        Crs { any, lone: crs.any(|at| bytes.get(at + 1) != Some(&b'\n')) }
    }

    fn and(self, other: Crs) -> Crs {
        Crs { any: self.any || other.any, lone: self.lone || other.lone }
    }
}

fn with_crs(text: Cow<'_, str>) -> (Cow<'_, str>, Crs) {
    let crs = Crs::within(text.as_bytes(), 0..text.len());
    (text, crs)
}

fn decode_with<'a>(encoding: &'static Encoding, bytes: &[u8]) -> Cow<'a, str> {
    Cow::Owned(encoding.decode_without_bom_handling(bytes).0.into_owned())
}

/// UTF-8 when valid (no copy), else Windows-1252, else lossy UTF-8 when the file is mostly
/// UTF-8 (more well-formed non-ASCII characters than broken bytes), so one stray byte in a UTF-8
/// article does not turn all its accents into mojibake.
fn decode_unmarked<'a>(bytes: &'a [u8], checked: &mut dyn FnMut(usize)) -> (Cow<'a, str>, Crs) {
    if let Some((text, crs)) = utf8_in_steps(bytes, checked) {
        return (Cow::Borrowed(text), crs);
    }
    with_crs(if mostly_utf8(bytes) {
        String::from_utf8_lossy(bytes)
    } else {
        decode_with(WINDOWS_1252, bytes)
    })
}

/// How many bytes [`utf8_in_steps`] checks between two reports.
const CHECK_STEP: usize = 16 << 20;

/// `bytes` as UTF-8 if they are, checked `CHECK_STEP` bytes at a time with `checked` told each
/// (which may release them: their CRs are looked for in the same step, not in a second pass
/// that would read the whole file back in).
fn utf8_in_steps<'a>(bytes: &'a [u8], checked: &mut dyn FnMut(usize)) -> Option<(&'a str, Crs)> {
    use rayon::prelude::*;
    let (mut at, mut crs) = (0, Crs::default());
    while at < bytes.len() {
        let step_end = char_start_at_or_before(bytes, (at + CHECK_STEP).min(bytes.len()), at);
        if step_end == at {
            return None; // a step of continuation bytes alone
        }
        // In pieces, on every core: each cut before a byte that starts a character (so a valid
        // text is valid piece by piece, and an invalid one is invalid in some piece).
        let mut cuts = vec![at];
        while let Some(&last) = cuts.last().filter(|&&last| last + CHECK_PIECE < step_end) {
            cuts.push(char_start_at_or_before(bytes, last + CHECK_PIECE, last + 1));
        }
        cuts.push(step_end);
        let pieces: Option<Vec<Crs>> = cuts
            .par_windows(2)
            .map(|w| std::str::from_utf8(&bytes[w[0]..w[1]]).is_ok().then(|| Crs::within(bytes, w[0]..w[1])))
            .collect();
        crs = pieces?.into_iter().fold(crs, Crs::and);
        checked(step_end - at);
        at = step_end;
    }
    // SAFETY: every byte was checked above, in pieces that are each valid UTF-8, so their
    // concatenation, the whole, is.
    Some((unsafe { std::str::from_utf8_unchecked(bytes) }, crs))
}

/// How many bytes one task of [`utf8_in_steps`] checks (a few in tests, so that pieces cut
/// characters' neighbourhoods everywhere).
const CHECK_PIECE: usize = if cfg!(test) { 5 } else { 1 << 20 };

/// The last position at or before `at`, and after `floor`, where no UTF-8 continuation byte
/// is (a character's start in valid text); `at` itself at the end of the bytes.
fn char_start_at_or_before(bytes: &[u8], mut at: usize, floor: usize) -> usize {
    while at > floor && at < bytes.len() && bytes[at] & 0xC0 == 0x80 {
        at -= 1;
    }
    at
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
pub(super) fn normalize_newlines(text: Cow<'_, str>) -> Cow<'_, str> {
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    while let Some(at) = rest.find('\r') {
        out.push_str(&rest[..at]);
        out.push('\n');
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
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
    fn utf8_with_lf_is_borrowed_and_checked_in_steps_that_never_cut_a_character() {
        let mut bytes = vec![b'a'; CHECK_STEP - 1];
        bytes.extend_from_slice("é Alep\n".as_bytes());
        let mut steps = Vec::new();
        let text = decode_reporting(&bytes, LineEnds::Lf, &mut |n| steps.push(n)).unwrap();
        assert!(matches!(text, Cow::Borrowed(_)));
        assert!(text.ends_with("aé Alep\n"));
        assert_eq!(steps, [CHECK_STEP - 1, bytes.len() - (CHECK_STEP - 1)]);
        bytes.extend_from_slice("ç\u{FF}".as_bytes());
        bytes.push(0xFF);
        let text = decode_reporting(&bytes, LineEnds::Lf, &mut |_| {}).unwrap();
        assert!(matches!(text, Cow::Owned(_)));
        assert!(text.ends_with("é Alep\nçÿ\u{FFFD}"), "mostly UTF-8: the stray byte replaced");
    }

    proptest::proptest! {
        #[test]
        fn checking_in_pieces_agrees_with_checking_the_whole(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["a", "é", "\u{1D11E}", "\r", "\n", "\r\n", "€ ", "\u{FFFD}"]), 0..40),
            stray in proptest::option::of((0usize..200, proptest::sample::select(vec![0x80u8, 0xC3, 0xE2, 0xFF]))),
        ) {
            let mut bytes = parts.concat().into_bytes();
            if let Some((at, byte)) = stray {
                bytes.insert(at.min(bytes.len()), byte);
            }
            let mut steps = 0;
            let pieces = utf8_in_steps(&bytes, &mut |n| steps += n).map(|(text, crs)| (text.len(), crs.any, crs.lone));
            let whole = std::str::from_utf8(&bytes).ok().map(|text| {
                let crs = Crs::within(&bytes, 0..bytes.len());
                (text.len(), crs.any, crs.lone)
            });
            proptest::prop_assert_eq!(pieces, whole);
            if whole.is_some() {
                proptest::prop_assert_eq!(steps, bytes.len());
            }
        }
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(b"caf\xc3\xa9").unwrap(), "café");
        assert_eq!(decode(b"\xEF\xBB\xBFcaf\xc3\xa9").unwrap(), "café");
    }

    #[test]
    fn utf16_both_endians() {
        assert_eq!(decode(&utf16("Alep, œuvre", false)).unwrap(), "Alep, œuvre");
        assert_eq!(decode(&utf16("Alep, œuvre", true)).unwrap(), "Alep, œuvre");
    }

    #[test]
    fn windows_1252_when_not_utf8() {
        assert_eq!(decode(b"caf\xe9 \x9cuvre").unwrap(), "café œuvre");
    }

    #[test]
    fn mostly_utf8_keeps_utf8_and_replaces_the_stray_byte() {
        let text = decode(b"\xc3\xa9t\xc3\xa9 \xc3\xa0 Alep \xff").unwrap();
        assert_eq!(text, "été à Alep \u{FFFD}");
    }

    #[test]
    fn line_endings_become_lf() {
        assert_eq!(decode(b"a\r\nb\rc\n\rd").unwrap(), "a\nb\nc\n\nd");
        let kept = |bytes| decode_reporting(bytes, LineEnds::CrlfKept, &mut |_| {}).unwrap();
        assert!(matches!(kept(b"a\r\nb\r\n"), Cow::Borrowed("a\r\nb\r\n")), "no copy");
        assert_eq!(kept(b"a\r\nb\rc"), "a\nb\nc", "a lone CR: every line end normalised");
        // CRs are looked for step by step: a CRLF cut by a step's end is no lone CR.
        let bytes = b"ab\r\ncd\r";
        let (head, tail) = (Crs::within(bytes, 0..3), Crs::within(bytes, 3..bytes.len()));
        assert!(head.any && !head.lone && tail.any && tail.lone);
        assert!(!Crs::within(bytes, 3..6).any);
    }

    #[test]
    fn binary_and_empty_are_not_text() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00"), Err(NotText::Binary));
        assert_eq!(decode(b""), Err(NotText::Empty));
        assert_eq!(decode(b" \n\t\r\n"), Err(NotText::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF"), Err(NotText::Empty));
        assert_eq!(decode(&[0xFF, 0xFE]), Err(NotText::Empty));
    }
}
