//! The cache file: a header that can be checked without decoding the rest, the payload's
//! sections, and a table of them at the end.
//!
//! ```text
//! MAGIC  FORMAT(u32 LE)  FP_LEN(u64 LE)  FINGERPRINT  TABLE_AT(u64 LE)  TABLE_CRC32(u32 LE)
//! SECTION...  TABLE
//! ```
//!
//! Fingerprint and table are bincode (varint lengths, little-endian); the table lists each
//! section's offset, length and CRC-32. The file is mapped rather than read (see [`FileBytes`]),
//! so a reopen holds no copy of it besides what it decodes. The table must end the file
//! exactly, which catches a truncated one before anything is decoded; the checksums catch a
//! damaged one that would still decode.

use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use bincode::Options;
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::file_bytes::FileBytes;

pub const MAGIC: &[u8; 20] = b"dossier index cache\n";

/// How a cache file being written is named until it is renamed over the cache (see [`write`]).
pub(super) const TEMP_PREFIX: &str = ".tmp-";

/// How a cache file's name ends.
pub(super) const EXTENSION: &str = ".bin";

/// Bumped whenever the file's or the payload's layout changes (any serialised struct).
/// 5: a library's documents keep no mention lists (the search entries' spans are the copy).
/// 6: whether discovery was skipped for the corpus's size, and the discovery setting.
/// 7: search entries keep their bodies' masks only (body tests read the stored documents), and
/// whether each title and body is ASCII.
/// 8: a mention's offsets as `u32` (a library's documents keep none, but the type is stored).
/// 9: each document's row mask, and search entries behind a table of offsets.
/// 10: a search entry's spans packed as varints (`search::Spans`).
/// 11: a document's actors are in its search entry alone (most mentioned first); its record
/// holds the document only.
/// 12: a title's word masks without the word starts (derived from the word characters).
/// 13: a folded text's jumps are optional (none when it has none).
pub const FORMAT: u32 = 13;

const HEADER_FIXED: u64 = MAGIC.len() as u64 + 4 + 8;

/// bincode's settings for everything in the file: varint lengths (a third smaller than fixed
/// ones on a corpus of short titles, and no slower to decode as measured), and a limit so that
/// a damaged length cannot make the decoder allocate more than the file holds.
pub fn options(limit: u64) -> impl Options {
    bincode::DefaultOptions::new().with_limit(limit)
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct Section {
    at: u64,
    len: u64,
    crc: u32,
}

/// Why a cache file was not used. Never shown to users: any of these means "rebuild".
#[derive(Debug)]
pub enum Unusable {
    Missing,
    /// Made by another format or for another fingerprint.
    Stale,
    /// Unreadable, truncated or failing its checksum (the reason, for tests and debugging).
    Damaged(String),
}

impl From<io::Error> for Unusable {
    fn from(e: io::Error) -> Unusable {
        if e.kind() == io::ErrorKind::NotFound { Unusable::Missing } else { Unusable::Damaged(e.to_string()) }
    }
}

impl From<bincode::Error> for Unusable {
    fn from(e: bincode::Error) -> Unusable {
        Unusable::Damaged(e.to_string())
    }
}

/// A cache file whose header matched, in memory (mapped where possible) with every section's
/// checksum verified, so that its sections can be decoded in any order, wholly or in part.
pub struct Sections {
    /// Shared with the documents of a library read from this file, whose bodies stay here.
    bytes: Arc<FileBytes>,
    table: Vec<Section>,
}

impl Sections {
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// Section `i`'s bytes.
    pub fn get(&self, i: usize) -> Result<&[u8], Unusable> {
        Ok(&self.bytes[self.range(i)?])
    }

    /// The whole file's bytes (sections are slices of them).
    pub(super) fn file_bytes(&self) -> &Arc<FileBytes> {
        &self.bytes
    }

    /// Section `i` is done with for now (see [`FileBytes::release`]).
    pub fn release(&self, i: usize) {
        if let Ok(range) = self.range(i) {
            self.bytes.release(range);
        }
    }

    fn range(&self, i: usize) -> Result<Range<usize>, Unusable> {
        let section = self.table.get(i).ok_or_else(|| Unusable::Damaged("no such section".into()))?;
        // Inside the file: checked by `open`.
        Ok(section.at as usize..(section.at + section.len) as usize)
    }
}

/// Opens `path` if its header says it was made for `fingerprint`, its table of sections is
/// whole and lies inside the file, and every section matches its checksum. The checksums are
/// all verified here (in parallel: 15–30 ms for the 280 MB of 1M CSV rows), rather than as used,
/// so that a damaged file is known before anything is decoded and a run that decodes documents
/// on demand never meets one half way.
pub fn open<F>(path: &Path, fingerprint: &F) -> Result<Sections, Unusable>
where
    F: DeserializeOwned + PartialEq,
{
    let file = File::open(path)?;
    let size = file.metadata()?.len();
    let bytes = FileBytes::of(&file, size)?;
    let fixed = bytes.get(..HEADER_FIXED as usize).ok_or_else(|| Unusable::Damaged("no header".into()))?;
    let (magic, rest) = fixed.split_at(MAGIC.len());
    if magic != MAGIC || rest[..4] != FORMAT.to_le_bytes() {
        return Err(Unusable::Stale);
    }
    let fp_len = u64::from_le_bytes(rest[4..12].try_into().expect("8 bytes"));
    let Some(sections_at) =
        HEADER_FIXED.checked_add(fp_len).and_then(|n| n.checked_add(12)).filter(|&n| n <= size)
    else {
        return Err(Unusable::Damaged("header longer than the file".into()));
    };
    let fp = &bytes[HEADER_FIXED as usize..(HEADER_FIXED + fp_len) as usize];
    let stored: F = options(fp_len).deserialize(fp)?;
    if stored != *fingerprint {
        return Err(Unusable::Stale);
    }
    let fixed = &bytes[(sections_at - 12) as usize..sections_at as usize];
    let table_at = u64::from_le_bytes(fixed[..8].try_into().expect("8 bytes"));
    let table_crc = u32::from_le_bytes(fixed[8..].try_into().expect("4 bytes"));
    if !(sections_at..size).contains(&table_at) {
        return Err(Unusable::Damaged("truncated".into()));
    }
    let table = &bytes[table_at as usize..];
    if crc32fast::hash(table) != table_crc {
        return Err(Unusable::Damaged("table checksum mismatch".into()));
    }
    let table: Vec<Section> = options(table.len() as u64).deserialize(table)?;
    let inside =
        |s: &Section| s.at >= sections_at && s.at.checked_add(s.len).is_some_and(|end| end <= table_at);
    if !table.iter().all(inside) {
        return Err(Unusable::Damaged("section outside the file".into()));
    }
    let sections = Sections { bytes: Arc::new(bytes), table };
    let damaged = (0..sections.len()).into_par_iter().find_any(|&i| {
        let section = sections.table[i];
        let damaged = sections.get(i).map_or(true, |bytes| crc32fast::hash(bytes) != section.crc);
        sections.release(i);
        damaged
    });
    match damaged {
        Some(i) => Err(Unusable::Damaged(format!("section {i}: checksum mismatch"))),
        None => Ok(sections),
    }
}

/// Writes `fingerprint` and the payload's `sections` (encoded by the caller, possibly as they
/// are written) to `path` atomically: into a temporary file in the same folder, renamed over
/// `path` once complete, so that a reader never sees half a file.
pub fn write<F, S>(path: &Path, fingerprint: &F, sections: S) -> io::Result<()>
where
    F: Serialize,
    S: IntoIterator<Item = io::Result<Vec<u8>>>,
{
    let dir = path.parent().ok_or_else(|| io::Error::other("cache path has no folder"))?;
    std::fs::create_dir_all(dir)?;
    let mut temp = tempfile::Builder::new().prefix(TEMP_PREFIX).tempfile_in(dir)?;
    {
        let mut out = BufWriter::with_capacity(1 << 20, temp.as_file_mut());
        let fp = options(u64::MAX).serialize(fingerprint).map_err(io::Error::other)?;
        out.write_all(MAGIC)?;
        out.write_all(&FORMAT.to_le_bytes())?;
        out.write_all(&(fp.len() as u64).to_le_bytes())?;
        out.write_all(&fp)?;
        // Where the table is and its checksum are known only at the end: a placeholder now.
        let fixed_at = HEADER_FIXED + fp.len() as u64;
        out.write_all(&[0u8; 12])?;
        let mut at = fixed_at + 12;
        let mut table = Vec::new();
        for section in sections {
            let section = section?;
            out.write_all(&section)?;
            table.push(Section { at, len: section.len() as u64, crc: crc32fast::hash(&section) });
            at += section.len() as u64;
        }
        let table = options(u64::MAX).serialize(&table).map_err(io::Error::other)?;
        out.write_all(&table)?;
        out.seek(SeekFrom::Start(fixed_at))?;
        out.write_all(&at.to_le_bytes())?;
        out.write_all(&crc32fast::hash(&table).to_le_bytes())?;
        out.flush()?;
    }
    // No fsync: after a crash the file may be incomplete, which the table and checksums catch,
    // and a derived cache is not worth the wait of syncing hundreds of megabytes.
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
