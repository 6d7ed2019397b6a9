//! The cache file: a header that can be checked without decoding the rest, then the payload.
//!
//! ```text
//! MAGIC  FORMAT(u32 LE)  FP_LEN(u64 LE)  FINGERPRINT  PAYLOAD_LEN(u64 LE)  CRC32(u32 LE)  PAYLOAD
//! ```
//!
//! The fingerprint is bincode (varint lengths, little-endian); the payload is a list of
//! sections, each `LEN(u64 LE) BYTES`, that the caller encodes and decodes (in parallel). The
//! payload's CRC-32 catches a damaged file that would still decode; the lengths must add up to
//! the file's size, which catches a truncated one before any decoding.

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;

use bincode::Options;
use serde::Serialize;
use serde::de::DeserializeOwned;

pub const MAGIC: &[u8; 20] = b"dossier index cache\n";

/// Bumped whenever the payload's layout changes (any serialised struct of the library).
pub const FORMAT: u32 = 1;

const HEADER_FIXED: u64 = MAGIC.len() as u64 + 4 + 8;

/// bincode's settings for everything in the file: varint lengths (a third smaller than fixed
/// ones on a corpus of short titles, and no slower to decode as measured), and a limit so that
/// a damaged length cannot make the decoder allocate more than the file holds.
pub fn options(limit: u64) -> impl Options {
    bincode::DefaultOptions::new().with_limit(limit)
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

/// Reads the payload of `path` if its header says it was made for `fingerprint`, checked
/// against its length and checksum.
pub fn read<F>(path: &Path, fingerprint: &F) -> Result<Vec<u8>, Unusable>
where
    F: DeserializeOwned + PartialEq,
{
    let mut file = File::open(path)?;
    let size = file.metadata()?.len();
    let mut fixed = [0u8; HEADER_FIXED as usize];
    file.read_exact(&mut fixed).map_err(|_| Unusable::Damaged("no header".into()))?;
    let (magic, rest) = fixed.split_at(MAGIC.len());
    if magic != MAGIC || rest[..4] != FORMAT.to_le_bytes() {
        return Err(Unusable::Stale);
    }
    let fp_len = u64::from_le_bytes(rest[4..12].try_into().expect("8 bytes"));
    let Some(payload_at) =
        HEADER_FIXED.checked_add(fp_len).and_then(|n| n.checked_add(12)).filter(|&n| n <= size)
    else {
        return Err(Unusable::Damaged("header longer than the file".into()));
    };
    let mut fp = vec![0u8; fp_len as usize];
    file.read_exact(&mut fp)?;
    let stored: F = options(fp_len).deserialize(&fp)?;
    if stored != *fingerprint {
        return Err(Unusable::Stale);
    }
    let mut lens = [0u8; 12];
    file.read_exact(&mut lens)?;
    let payload_len = u64::from_le_bytes(lens[..8].try_into().expect("8 bytes"));
    let crc = u32::from_le_bytes(lens[8..].try_into().expect("4 bytes"));
    if payload_at.checked_add(payload_len) != Some(size) {
        return Err(Unusable::Damaged("truncated or extended".into()));
    }
    // One read of the whole payload, then decoding from memory: much faster than decoding
    // through a reader, whose every small field is a call.
    let mut payload = Vec::with_capacity(payload_len as usize);
    file.read_to_end(&mut payload)?;
    if payload.len() as u64 != payload_len || crc32fast::hash(&payload) != crc {
        return Err(Unusable::Damaged("checksum mismatch".into()));
    }
    Ok(payload)
}

/// Splits a payload into its sections.
pub fn sections(mut payload: &[u8]) -> Result<Vec<&[u8]>, Unusable> {
    let mut out = Vec::new();
    while !payload.is_empty() {
        let (len, rest) =
            payload.split_at_checked(8).ok_or_else(|| Unusable::Damaged("section length".into()))?;
        let len = u64::from_le_bytes(len.try_into().expect("8 bytes"));
        let (section, rest) = usize::try_from(len)
            .ok()
            .and_then(|len| rest.split_at_checked(len))
            .ok_or_else(|| Unusable::Damaged("section past the end".into()))?;
        out.push(section);
        payload = rest;
    }
    Ok(out)
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
    let mut temp = tempfile::Builder::new().prefix(".tmp-").tempfile_in(dir)?;
    {
        let mut out = BufWriter::with_capacity(1 << 20, temp.as_file_mut());
        let fp = options(u64::MAX).serialize(fingerprint).map_err(io::Error::other)?;
        out.write_all(MAGIC)?;
        out.write_all(&FORMAT.to_le_bytes())?;
        out.write_all(&(fp.len() as u64).to_le_bytes())?;
        out.write_all(&fp)?;
        // Length and checksum are known only once the payload is written: a placeholder now,
        // filled in below (streaming avoids holding a second copy of the library in memory).
        let lens_at = HEADER_FIXED + fp.len() as u64;
        out.write_all(&[0u8; 12])?;
        let mut counted = Checksummed { inner: &mut out, len: 0, crc: crc32fast::Hasher::new() };
        for section in sections {
            let section = section?;
            counted.write_all(&(section.len() as u64).to_le_bytes())?;
            counted.write_all(&section)?;
        }
        let (len, crc) = (counted.len, counted.crc.finalize());
        out.seek(SeekFrom::Start(lens_at))?;
        out.write_all(&len.to_le_bytes())?;
        out.write_all(&crc.to_le_bytes())?;
        out.flush()?;
    }
    // No fsync: after a crash the file may be incomplete, which the length and checksum catch,
    // and a derived cache is not worth the wait of syncing hundreds of megabytes.
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Counts and checksums what passes through.
struct Checksummed<W> {
    inner: W,
    len: u64,
    crc: crc32fast::Hasher,
}

impl<W: Write> Write for Checksummed<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.crc.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
