//! Review state: what the analyst decided about each document, kept safely on disk.
//!
//! Per document: reviewed, flagged, a set of labels and a note, each with the time it last changed.
//! [`ReviewStore`] maps corpus indices to records, applies [`Change`]s, undoes them, answers the
//! search's [`ReviewLookup`](crate::search::ReviewLookup), and saves after every change.
//!
//! # Saving
//!
//! Every change is written at once, atomically: the whole state goes to a temporary file in the
//! same folder (`.NAME.PID.N.tmp`), which is fsynced, renamed over the state file, and the folder
//! is fsynced. At every moment the state file is either the previous complete version or the new
//! one, so `kill -9` or a power cut loses nothing that was acknowledged. The temporary file is
//! removed on any error; only a crash between its creation and the rename can leave one behind.
//!
//! # Two dossiers on one file
//!
//! A save never just overwrites: under an advisory lock (`flock` through `std::fs::File::lock` on
//! the sibling file `NAME.lock`, which the OS releases when a process dies, so there are no stale
//! locks) it re-reads the file, merges it into memory and writes the union. The merge is per
//! document and per field, and the newer change wins (equal times: the greater value, so every
//! copy agrees). Removed labels stay as `false` entries so an older copy cannot bring them back;
//! undo writes the previous value as a new change for the same reason. As a second line of
//! defence (file systems without `flock`), the file's length, mtime and inode are compared before
//! the rename with what was read; if another writer got in between, the merge is redone. When the
//! file's bytes are exactly what this instance last read or wrote, the re-parse is skipped.
//! [`ReviewStore::reload`] merges the other instance's changes without writing.
//!
//! # A file that cannot be read
//!
//! A state file that cannot be parsed is never overwritten and never moved without the user's say:
//! [`ReviewStore::open`] (and a save) returns [`ReviewError::Corrupt`] naming the file and where it
//! would be kept (`NAME.corrupt-YYYYMMDD-HHMMSS`, UTC). Leaving it untouched is doing nothing (the
//! headless mode reports the error and stops); starting clean is
//! [`ReviewStore::set_aside_and_start_clean`], which renames it there (never over an existing
//! file). A file written by a newer dossier ([`ReviewError::NewerVersion`]) is refused the same
//! way but is not called corrupt.
//!
//! # Format, version 1
//!
//! UTF-8 JSON, one document per line:
//!
//! ```text
//! {"version":1,"saved":"2024-06-10T12:34:56Z","documents":{
//! "2019/bbc-001":{"hash":"9f1c0a6e33b2d8a4","reviewed":{"value":true,"changed":1718022896789},"labels":{"relevant":{"value":true,"changed":1718022897001}}},
//! "reuters:17":{"hash":"04e1b1c27d9a0f3e","flagged":{"value":true,"changed":1718022900000},"note":{"value":"check the date","changed":1718022901000}}
//! }}
//! ```
//!
//! - `version` (required): 1. Readers refuse a greater one.
//! - `saved`: when the file was written, ISO 8601 UTC; informative only.
//! - `documents`: by document key: the document's id, or `ID#N` for the N-th (N ≥ 2, corpus
//!   order) of several documents sharing one id. Keys, not paths or indices, so the state
//!   survives the corpus being moved or re-ordered. Records of documents absent from the
//!   current corpus are kept.
//! - `hash`: FNV-1a 64 of title, NUL, body as 16 hex digits, taken when the review last changed;
//!   a different hash now means the text changed since ([`ReviewStore::changed_since_review`]).
//! - `reviewed`, `flagged`: `{"value": bool, "changed": ms}`; absent = never set (false).
//! - `labels`: name → `{"value": bool, "changed": ms}`; `false` = removed.
//! - `note`: `{"value": text, "changed": ms}`; empty = removed.
//!
//! Times are Unix milliseconds. Unknown fields are ignored on reading (and dropped on writing).

mod disk;
mod export;
mod format;
mod paths;
mod state;
mod store;
mod undo;

#[cfg(test)]
mod merge_tests;

use std::path::{Path, PathBuf};

pub use export::{CSV_HEADER, ExportRow, ReviewFields, write_csv};
pub use format::FORMAT_VERSION;
pub use paths::{
    SEEDS_KEY, compact_utc, content_hash, content_hash_hex, content_hash64, corpus_key, default_state_path,
    default_state_path_from, fnv1a64, iso_utc, now_ms,
};
pub use state::{Change, DocRecord, ReviewState, Stamped};
pub use store::{Clock, Progress, ReviewStore};
pub use undo::{UNDO_LIMIT, Undone};

/// The labels offered before any configuration.
pub const DEFAULT_LABELS: &[&str] = &["relevant", "irrelevant", "unsure"];

#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error("cannot read review state {}: {source}", shown(path))]
    Read { path: PathBuf, source: std::io::Error },
    #[error("cannot save review state {}: {source}", shown(path))]
    Write { path: PathBuf, source: std::io::Error },
    /// The file is kept as it is; [`ReviewStore::set_aside_and_start_clean`] moves it to `aside`.
    #[error(
        "review state {} cannot be read ({reason}); it was left untouched. \
         Starting clean keeps it as {}",
        shown(path),
        shown(aside)
    )]
    Corrupt { path: PathBuf, aside: PathBuf, reason: String },
    #[error(
        "review state {} has format version {found}, newer than this dossier's {}; \
         it was left untouched",
        shown(path),
        FORMAT_VERSION
    )]
    NewerVersion { path: PathBuf, found: u64 },
    #[error("review state {} is locked by another dossier ({})", shown(path), shown(lock))]
    Locked { path: PathBuf, lock: PathBuf },
    #[error("review state {} kept changing during the save; not saved yet", shown(path))]
    Contended { path: PathBuf },
    #[error("no document at index {index}: the corpus has {len}")]
    NoSuchDocument { index: usize, len: usize },
    #[error("{0:?} cannot be a label: a label is not empty and has no ';' or control characters")]
    InvalidLabel(String),
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("cannot encode review state: {0}")]
    Encode(#[from] serde_json::Error),
}

/// A path as it can be shown on one line.
fn shown(path: &Path) -> String {
    crate::text::sanitize_line(&path.to_string_lossy()).into_owned()
}
