//! What a cached index was built from. Two fingerprints are equal only when a fresh build would
//! produce the same library: same program, same inputs (paths as given, and every file the walk
//! lists with its size and times), same gazetteer content, same discovery setting.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::corpus::{self, Input};
use crate::library::Discovery;
use crate::review::fnv1a64;

/// A file's size and times. Length and mtime are what the issue asks for; on Unix the change
/// time and inode are added: an editor that saves by renaming, or a rewrite that restores the
/// mtime, changes those.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub len: u64,
    /// Nanoseconds since the epoch (negative before it); `None` where the platform has none.
    pub mtime_ns: Option<i128>,
    pub ctime_ns: Option<i128>,
    pub inode: Option<(u64, u64)>,
}

impl Stamp {
    pub fn of(meta: &fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let (ctime_ns, inode) = {
            use std::os::unix::fs::MetadataExt;
            (
                Some(i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec())),
                Some((meta.dev(), meta.ino())),
            )
        };
        #[cfg(not(unix))]
        let (ctime_ns, inode) = (None, None);
        Stamp { len: meta.len(), mtime_ns: meta.modified().ok().map(nanos), ctime_ns, inode }
    }
}

fn nanos(time: SystemTime) -> i128 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => after.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    }
}

/// One entry of the walk, as it stood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Entry {
    /// A file read: its canonical path (raw bytes, so that any file name compares) and stamp.
    File { path: Vec<u8>, stamp: Stamp },
    /// An entry skipped with a warning, as the warning reads.
    Skipped(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// `CARGO_PKG_VERSION`.
    pub version: String,
    /// The running binary's stamp: a rebuilt binary of the same version may extract or fold
    /// differently (this matters to anyone building dossier from source).
    pub executable: Option<Stamp>,
    /// The PATHs as given, in order: ids, labels and warnings quote them.
    pub inputs: Vec<Vec<u8>>,
    pub entries: Vec<Entry>,
    /// FNV-1a 64 of the built-in gazetteer and every gazetteer file's path and content, in order.
    pub gazetteer: u64,
    pub discovery: Discovery,
}

/// Files modified this recently are not trusted to have settled: a write within the file
/// system's timestamp granularity after we read would leave size and times unchanged. A
/// corpus touching them is not cached this time (the same rule as git's "racily clean" index).
pub const SETTLE: Duration = Duration::from_secs(2);

impl Fingerprint {
    /// The fingerprint of the corpus `paths` as it stands now. `None` when a PATH does not exist
    /// or a gazetteer file cannot be read: the normal load reports those.
    pub fn take(paths: &[PathBuf], gazetteer_files: &[PathBuf], discovery: Discovery) -> Option<Fingerprint> {
        let entries = corpus::list_inputs(paths)
            .ok()?
            .into_iter()
            .map(|input| match input {
                Input::File(path) => file_entry(&path),
                Input::Skipped(warning) => Entry::Skipped(warning.to_string()),
            })
            .collect();
        Some(Fingerprint {
            version: env!("CARGO_PKG_VERSION").to_string(),
            executable: std::env::current_exe().and_then(fs::metadata).ok().map(|m| Stamp::of(&m)),
            inputs: paths.iter().map(|p| bytes(p)).collect(),
            entries,
            gazetteer: gazetteer_hash(gazetteer_files)?,
            discovery,
        })
    }

    /// Whether some file's content was modified less than [`SETTLE`] before `now` (or after it).
    pub fn is_unsettled(&self, now: SystemTime) -> bool {
        let settled_before = nanos(now) - SETTLE.as_nanos() as i128;
        self.entries.iter().any(|e| match e {
            Entry::File { stamp, .. } => stamp.mtime_ns.is_some_and(|t| t > settled_before),
            Entry::Skipped(_) => false,
        })
    }
}

fn file_entry(path: &Path) -> Entry {
    // A file that cannot be stat'ed now still gets an entry: the load will warn about it, and
    // the same failure next time fingerprints the same.
    let canonical = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    match fs::metadata(path) {
        Ok(meta) => Entry::File { path: bytes(&canonical), stamp: Stamp::of(&meta) },
        Err(e) => Entry::Skipped(format!("{}: {e}", path.display())),
    }
}

fn bytes(path: &Path) -> Vec<u8> {
    path.as_os_str().as_encoded_bytes().to_vec()
}

/// The effective gazetteer's inputs hashed; `None` when a file cannot be read.
fn gazetteer_hash(files: &[PathBuf]) -> Option<u64> {
    let mut all = crate::actors::BUILTIN_GAZETTEER.as_bytes().to_vec();
    for path in files {
        let content = fs::read(path).ok()?;
        all.push(0);
        all.extend_from_slice(&bytes(path));
        all.push(0);
        all.extend_from_slice(&(content.len() as u64).to_le_bytes());
        all.extend_from_slice(&content);
    }
    Some(fnv1a64(&all))
}
