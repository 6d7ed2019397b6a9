//! Loading in the background: how far a load has come, in a form the screen can show.
//!
//! A large corpus takes seconds to read and index, so the browser starts first and a loader
//! thread builds the [`Library`](crate::library::Library). The loader advances a [`Tracker`]
//! (the corpus's byte counters and the current phase) and the screen polls it; nothing here
//! knows about the terminal.

use std::sync::atomic::{AtomicU8, Ordering};

use crate::corpus::Progress;

/// What the loader is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Phase {
    /// Reading and parsing the files.
    #[default]
    Reading,
    /// Extracting actors (the costly part for long bodies).
    Actors,
    /// Building the search index.
    Indexing,
    /// Reading back the library built last time (the index cache).
    Cache,
}

/// A snapshot of a load's progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Status {
    pub phase: Phase,
    /// Files read and parsed, of `files`.
    pub files_read: u64,
    pub files: u64,
    /// Bytes read from disk, of `bytes`.
    pub bytes_read: u64,
    /// Bytes parsed, of `bytes`.
    pub bytes_parsed: u64,
    pub bytes: u64,
    pub docs: u64,
}

impl Status {
    /// Bytes parsed out of the total, in whole percent (100 at most).
    pub fn percent(&self) -> u64 {
        percent(self.bytes_parsed, self.bytes)
    }

    /// Whether the load is still reading a file before it parses anything (one large file is
    /// read whole first, which takes seconds at 2 GB): then the bytes read show progress.
    pub fn only_reading(&self) -> bool {
        self.phase == Phase::Reading && self.bytes_parsed == 0 && self.bytes_read > 0
    }

    /// The percent to show: of bytes read while [`Status::only_reading`], else parsed.
    pub fn shown_percent(&self) -> u64 {
        if self.only_reading() { percent(self.bytes_read, self.bytes) } else { self.percent() }
    }

    /// One line for the screen: `loading NAME — 37% · 370,112 documents`, then the phases.
    /// `name` says what is loading (the file, or the PATHs given).
    pub fn describe(&self, name: &str) -> String {
        let docs = thousands(self.docs);
        match self.phase {
            _ if self.only_reading() => format!("reading {name} — {}%", self.shown_percent()),
            Phase::Reading if self.files > 1 => format!(
                "loading {name} — {} of {} files, {}% · {docs} documents",
                thousands(self.files_read),
                thousands(self.files),
                self.percent()
            ),
            Phase::Reading => format!("loading {name} — {}% · {docs} documents", self.percent()),
            Phase::Actors => format!("finding actors in {docs} documents…"),
            Phase::Indexing => format!("indexing {docs} documents…"),
            Phase::Cache => format!("opening {name} from the index cache…"),
        }
    }
}

fn percent(part: u64, whole: u64) -> u64 {
    (part.min(whole) * 100).checked_div(whole).unwrap_or(0)
}

/// `1234567` as `1,234,567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Shared between the loader thread, which advances it, and the screen, which polls it.
#[derive(Debug, Default)]
pub struct Tracker {
    /// Advanced by the corpus loaders ([`crate::corpus::Plan::load`]).
    pub corpus: Progress,
    phase: AtomicU8,
    files: u64,
    bytes: u64,
}

impl Tracker {
    /// A tracker for a load of `files` files, `bytes` bytes in all.
    pub fn new(files: u64, bytes: u64) -> Tracker {
        Tracker { files, bytes, ..Tracker::default() }
    }

    pub fn set_phase(&self, phase: Phase) {
        self.phase.store(phase as u8, Ordering::Relaxed);
    }

    pub fn status(&self) -> Status {
        let phase = match self.phase.load(Ordering::Relaxed) {
            0 => Phase::Reading,
            1 => Phase::Actors,
            2 => Phase::Indexing,
            _ => Phase::Cache,
        };
        Status {
            phase,
            files_read: self.corpus.files(),
            files: self.files,
            bytes_read: self.corpus.read(),
            bytes_parsed: self.corpus.bytes(),
            bytes: self.bytes,
            docs: self.corpus.docs(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(370_112), "370,112");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn each_phase_reads_as_one_line() {
        let mut status = Status { files: 1, bytes: 1000, bytes_read: 450, ..Status::default() };
        assert_eq!(status.describe("docs.jsonl"), "reading docs.jsonl — 45%");
        status.bytes_read = 1000;
        status.bytes_parsed = 370;
        status.docs = 370_112;
        assert_eq!(status.describe("docs.jsonl"), "loading docs.jsonl — 37% · 370,112 documents");
        status.files = 3;
        status.files_read = 1;
        assert_eq!(status.describe("a b"), "loading a b — 1 of 3 files, 37% · 370,112 documents");
        status.phase = Phase::Actors;
        assert_eq!(status.describe("a b"), "finding actors in 370,112 documents…");
        status.phase = Phase::Indexing;
        assert_eq!(status.describe("a b"), "indexing 370,112 documents…");
        status.phase = Phase::Cache;
        assert_eq!(status.describe("a b"), "opening a b from the index cache…");
        // An empty or shrunk file never shows a division by zero or more than 100%.
        assert_eq!(Status { bytes_parsed: 5, ..Status::default() }.percent(), 0);
        assert_eq!(Status { bytes_parsed: 5, bytes: 4, ..Status::default() }.percent(), 100);
    }
}
