//! Effects that need the terminal itself: the clipboard through OSC 52, and handing the screen
//! to `$PAGER` or `$EDITOR` for a while.

use std::io::{self, Write};
use std::process::Command;

use crate::corpus::Document;

/// Base64 (standard alphabet, padded), for OSC 52's payload.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The escape sequence that asks the terminal to put `text` on the clipboard. The text is
/// encoded, so nothing in it can act as a control sequence.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Writes the document to a temporary file and runs `$PAGER` (default `less`) or `$EDITOR`
/// (default `vi`) on it, waiting for it to finish. The caller gives the terminal back first.
pub fn open(doc: &Document, editor: bool) -> io::Result<()> {
    let (var, fallback) = if editor { ("EDITOR", "vi") } else { ("PAGER", "less") };
    let program = std::env::var(var).ok().filter(|p| !p.trim().is_empty()).unwrap_or_else(|| fallback.into());
    open_with(&program, doc)
}

/// Runs `program` (a shell command line) on a temporary file holding the document's text.
pub fn open_with(program: &str, doc: &Document) -> io::Result<()> {
    let mut file = tempfile::Builder::new().prefix("dossier-").suffix(".txt").tempfile()?;
    file.write_all(crate::text::document_as_text(doc).as_bytes())?;
    file.flush()?;
    // $PAGER and $EDITOR may carry arguments ("less -R", "code --wait"): run through the shell.
    let status =
        Command::new("sh").arg("-c").arg(format!("{program} \"$1\"")).arg("sh").arg(file.path()).status()?;
    if !status.success() {
        return Err(io::Error::other(format!("{program} exited with {status}")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::DocParts;

    #[test]
    fn base64_matches_the_reference_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }

    #[test]
    fn osc52_carries_no_raw_control_characters() {
        let seq = osc52("evil \x1b]0;title\x07 Erdoğan");
        assert!(seq.starts_with("\x1b]52;c;") && seq.ends_with('\x07'));
        assert!(!seq[1..seq.len() - 1].contains(['\x1b', '\x07']));
    }

    #[test]
    fn open_runs_the_pager_on_the_document_text() {
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("seen.txt");
        let doc =
            Document::new(DocParts { id: "a", title: "Titre", body: "Corps é", ..DocParts::default() });
        // A "pager" that copies what it is shown.
        open_with(&format!("cp -t {}", dir.path().display()), &doc).unwrap();
        let shown =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().path()).find(|p| p != &copy).unwrap();
        assert_eq!(std::fs::read_to_string(shown).unwrap(), "Titre\na\n\nCorps é\n");
    }
}
