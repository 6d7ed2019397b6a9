//! The corpus: documents and the loaders that read them from disk (or from the binary).
//!
//! Loading never stops at a bad file: every problem becomes a [`LoadWarning`] naming the path
//! (and line) and everything valid still loads. Only a PATH that does not exist is an error.
//!
//! A load runs in three steps: [`walk`] lists the files in sorted path order; each file is read
//! once, decoded to UTF-8 by [`decode`] (whatever its format) and parsed by its format's module
//! ([`plain`], [`json`], [`csv`]); files are parsed in parallel with rayon and the results are
//! joined in the listed order, so a load is deterministic.

mod actor_names;
mod bodies;
mod csv;
mod date;
mod decode;
mod document;
mod json;
mod plain;
mod record;
mod seeds;
mod walk;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use rayon::prelude::*;

use crate::file_bytes::FileBytes;

pub use actor_names::{ActorList, ActorNames};
use bodies::SpillBuffer;
pub use bodies::{BodyAt, BodySource, Documents, Spill, Spilled};
pub use date::normalize_date;
use decode::LineEnds;
pub use decode::{NotText, decode};
pub use document::{DocParts, Document};
pub use seeds::embedded_seeds;

/// A problem with part of the input that was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadWarning {
    pub path: PathBuf,
    pub line: Option<u64>,
    pub reason: String,
}

impl fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Reasons quote the input too (a JSON key), so they are sanitised like the path.
        let path = crate::text::sanitize_line(&self.path.to_string_lossy()).into_owned();
        let reason = crate::text::sanitize_line(&self.reason);
        match self.line {
            Some(line) => write!(f, "{path}:{line}: {reason}"),
            None => write!(f, "{path}: {reason}"),
        }
    }
}

/// What a load produced.
#[derive(Debug, Default)]
pub struct Loaded {
    pub docs: Vec<Document>,
    pub warnings: Vec<LoadWarning>,
    /// The documents a [`Sieve`] left out (none without one).
    pub sifted: Sifted,
    /// Where each document's body is, when the load spills them ([`Plan::load_spilling`]);
    /// else empty.
    pub bodies_at: Vec<BodyAt>,
    /// The spill file, and the bodies gathered for it not yet written.
    spill: Option<Arc<Spill>>,
    buffer: SpillBuffer,
}

/// Decides, document by document as they are parsed, which ones a load keeps: a headless
/// search keeps only those that could match its query, so that the others are never analysed
/// nor held in memory (`crate::search::QuerySieve`).
pub trait Sieve: Sync {
    /// Whether to keep the document of this title, body and record-given actor names.
    fn keeps(&self, title: &str, body: &str, actors: Names) -> bool;

    /// Whether no record whose every value lies within `text` (a row, say) can be kept: told
    /// from the text as a whole, before it is split into values. Never wrong when `false`.
    fn rules_out(&self, text: &str) -> bool {
        let _ = text;
        false
    }
}

/// The actor names a record gives, as a [`Sieve`] reads them.
#[derive(Debug, Clone, Copy)]
pub enum Names<'a> {
    /// Split already (a document's).
    Each(ActorList<'a>),
    /// A record's field, to be split as [`record::split_actors`] does (none: `""`).
    Field(&'a str),
}

impl<'a> Names<'a> {
    /// Calls `f` with each name.
    pub fn each(self, f: &mut dyn FnMut(&'a str)) {
        match self {
            Names::Each(names) => names.iter().for_each(f),
            Names::Field(value) => record::actor_names(value).for_each(f),
        }
    }

    /// Every name's text at once, when it is one piece (a field), so that a test failing on
    /// it fails on each name: `None` for names split already.
    pub fn whole(self) -> Option<&'a str> {
        match self {
            Names::Each(_) => None,
            Names::Field(value) => Some(value),
        }
    }
}

/// What a [`Sieve`] left out of a load: how many documents, and their body bytes (which
/// decide, with the kept ones', whether discovery runs: `crate::library::Discovery`).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Sifted {
    pub docs: usize,
    pub body_bytes: u64,
}

impl Loaded {
    /// Appends `other`; an empty load with no room made takes `other`'s documents as they are
    /// (moving a million documents into a fresh vector touches, and makes the kernel zero, as
    /// much memory again).
    fn append(&mut self, mut other: Loaded) {
        self.flush();
        other.flush();
        if self.spill.is_some() || other.spill.is_some() {
            // Places stay one per document (a part that spilled nothing holds its bodies).
            self.bodies_at.resize(self.docs.len(), BodyAt::HELD);
            other.bodies_at.resize(other.docs.len(), BodyAt::HELD);
            self.spill = self.spill.take().or(other.spill.take());
        }
        if self.docs.capacity() == 0 {
            self.docs = std::mem::take(&mut other.docs);
            self.bodies_at = std::mem::take(&mut other.bodies_at);
        } else {
            self.docs.append(&mut other.docs);
            self.bodies_at.append(&mut other.bodies_at);
        }
        self.warnings.append(&mut other.warnings);
        self.sifted.docs += other.sifted.docs;
        self.sifted.body_bytes += other.sifted.body_bytes;
    }

    /// Room for `docs` documents: a part sized once is never moved as it grows. Sieved, the
    /// part grows as it must (most documents are left out).
    fn with_capacity(docs: usize, origin: &Origin) -> Loaded {
        let docs = if origin.sieve.is_some() { 0 } else { docs };
        let mut loaded = Loaded { docs: Vec::with_capacity(docs), ..Loaded::default() };
        if let Some(spill) = origin.spill {
            loaded.spill = Some(Arc::clone(spill));
            loaded.bodies_at = Vec::with_capacity(docs);
        }
        loaded
    }

    /// Writes the bodies gathered for the spill file, and lets go of the room they took (a
    /// part does once it is parsed, so that it holds neither while the others are parsed).
    fn flush(&mut self) {
        if let Some(spill) = &self.spill {
            self.buffer.flush(spill, &mut self.docs, &mut self.bodies_at);
            self.buffer.shrink();
        }
    }

    /// The documents, their bodies where the load left them (in them, or in the spill file),
    /// and the error that kept some in memory if writing the spill file failed. Fails only if
    /// the spill file, once written, cannot be mapped nor read back.
    pub fn into_documents(
        mut self,
    ) -> std::io::Result<(Documents, Vec<LoadWarning>, Option<std::io::Error>)> {
        self.flush();
        let warnings = std::mem::take(&mut self.warnings);
        let Some(spill) = self.spill.take() else { return Ok((self.docs.into(), warnings, None)) };
        self.bodies_at.resize(self.docs.len(), BodyAt::HELD);
        let at = std::mem::take(&mut self.bodies_at);
        // Every part was joined into this one: the load holds the only handle.
        let spill = Arc::try_unwrap(spill).map_err(|_| std::io::Error::other("spill file still shared"))?;
        let (spilled, error) = spill.finish(at)?;
        Ok((Documents::spilled(self.docs, spilled), warnings, error))
    }

    /// Documents parsed, kept or not.
    pub fn parsed(&self) -> usize {
        self.docs.len() + self.sifted.docs
    }

    /// Counts a document the sieve left out.
    fn sift(&mut self, body_bytes: u64) {
        self.sifted.docs += 1;
        self.sifted.body_bytes += body_bytes;
    }

    /// Adds a parsed document, unless the origin's sieve leaves it out.
    fn add(&mut self, origin: &Origin, doc: Document) {
        match origin.sieve {
            Some(sieve) if !sieve.keeps(doc.title(), doc.body(), Names::Each(doc.actors())) => {
                self.sift(doc.body().len() as u64);
            }
            _ => self.keep(doc),
        }
    }

    /// Adds a parsed document that the origin's sieve, if any, has kept already (tested on the
    /// record's values: [`record::Views::sifted_out`]).
    fn keep(&mut self, doc: Document) {
        self.docs.push(doc);
        if let Some(spill) = &self.spill {
            self.buffer.take_last(spill, &mut self.docs, &mut self.bodies_at);
        }
    }

    /// Appends the parts in order, into room made once for all of them (a lone part into an
    /// empty load is taken as it is, see [`Loaded::append`]).
    fn append_all(&mut self, parts: Vec<Loaded>) {
        if !(self.docs.capacity() == 0 && parts.len() == 1) {
            self.docs.reserve_exact(parts.iter().map(|p| p.docs.len()).sum());
        }
        for part in parts {
            self.append(part);
        }
    }

    fn warn(&mut self, origin: &Origin, line: Option<u64>, reason: String) {
        self.warnings.push(LoadWarning { path: origin.path.to_path_buf(), line, reason });
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}: no such file or directory")]
    NotFound(PathBuf),
}

/// The file formats dossier reads, chosen by extension (case-insensitive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.txt`: one article per file.
    Text,
    /// `.md`: one article per file; a `#` heading is the title.
    Markdown,
    /// `.json`: one object or an array of objects.
    Json,
    /// `.jsonl`, `.ndjson`: one object per line.
    JsonLines,
    /// `.csv`: a header row, then one record per row.
    Csv,
}

impl Format {
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(Format::Text),
            "md" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// How far a load has come: counters the loading threads advance and any other thread may read
/// at any time (a progress display polls them). Counts are of work finished, so they only grow.
#[derive(Debug, Default)]
pub struct Progress {
    files: AtomicU64,
    read: AtomicU64,
    bytes: AtomicU64,
    docs: AtomicU64,
}

impl Progress {
    /// Bytes read from disk, of [`Plan::bytes`]: a file is read whole before it is parsed,
    /// which for a 2 GB file takes seconds of its own.
    pub fn read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }

    /// Files finished (read and parsed).
    pub fn files(&self) -> u64 {
        self.files.load(Ordering::Relaxed)
    }

    /// Bytes parsed, of [`Plan::bytes`] (large JSON Lines and CSV files count in 1 MB steps).
    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// Documents parsed so far.
    pub fn docs(&self) -> u64 {
        self.docs.load(Ordering::Relaxed)
    }
}

/// Where parsed text came from: the path for warnings and the names for ids.
struct Origin<'a> {
    path: &'a Path,
    /// The id of a text file's document.
    id: &'a str,
    /// The `FILE` of a record's fallback id `FILE:LINE`.
    label: &'a str,
    /// Where the load counts what it parsed (a throwaway when nobody watches).
    progress: &'a Progress,
    /// Bytes and documents of this file that a parser working in chunks already counted, so
    /// that finishing the file counts only the rest.
    counted_bytes: AtomicU64,
    counted_docs: AtomicU64,
    /// The file's mapping, whose pages a parser working in chunks hands back as it goes
    /// ([`Origin::done_with`]): without this a large file counted twice in the peak resident
    /// size, once mapped and once parsed.
    mapped: Option<&'a FileBytes>,
    /// Which documents to keep (all without one).
    sieve: Option<&'a dyn Sieve>,
    /// Where to write the bodies (kept in the documents without one).
    spill: Option<&'a Arc<Spill>>,
}

impl<'a> Origin<'a> {
    fn new(path: &'a Path, id: &'a str, label: &'a str, progress: &'a Progress) -> Origin<'a> {
        Origin {
            path,
            id,
            label,
            progress,
            counted_bytes: AtomicU64::new(0),
            counted_docs: AtomicU64::new(0),
            mapped: None,
            sieve: None,
            spill: None,
        }
    }

    /// The parser will not read `text` (a part of the file's decoded text) again.
    fn done_with(&self, text: &str) {
        if let Some(bytes) = self.mapped {
            bytes.release_part(text.as_bytes());
        }
    }

    fn record_id(&self, line: u64) -> String {
        format!("{}:{line}", self.label)
    }

    /// A part of this file was parsed: `bytes` of text giving `docs` documents.
    fn counted(&self, bytes: usize, docs: usize) {
        self.counted_bytes.fetch_add(bytes as u64, Ordering::Relaxed);
        self.counted_docs.fetch_add(docs as u64, Ordering::Relaxed);
        self.progress.bytes.fetch_add(bytes as u64, Ordering::Relaxed);
        self.progress.docs.fetch_add(docs as u64, Ordering::Relaxed);
    }

    /// The whole file (`len` bytes on disk) is done: counts what the parser did not.
    fn finished(&self, len: u64, docs: usize) {
        let bytes = len.saturating_sub(self.counted_bytes.load(Ordering::Relaxed));
        let docs = (docs as u64).saturating_sub(self.counted_docs.load(Ordering::Relaxed));
        self.progress.bytes.fetch_add(bytes, Ordering::Relaxed);
        self.progress.docs.fetch_add(docs, Ordering::Relaxed);
        self.progress.files.fetch_add(1, Ordering::Relaxed);
    }
}

/// What a load will read: the files found under the PATHs, in order, with their total size,
/// known before anything is read (so a progress display has a total).
#[derive(Debug, Clone)]
pub struct Plan {
    items: Vec<walk::Item>,
}

impl Plan {
    /// Lists what `paths` hold (see [`load_paths`]). Fails only when a PATH does not exist.
    pub fn new(paths: &[PathBuf]) -> Result<Plan, LoadError> {
        Ok(Plan { items: walk::collect(paths)? })
    }

    /// Files to read.
    pub fn files(&self) -> u64 {
        self.items.iter().filter(|i| matches!(i, walk::Item::File(_))).count() as u64
    }

    /// Their size in bytes when listed.
    pub fn bytes(&self) -> u64 {
        self.items.iter().map(|i| if let walk::Item::File(job) = i { job.len } else { 0 }).sum()
    }

    /// Reads and parses every file (in parallel), counting what is done in `progress`.
    pub fn load(self, progress: &Progress) -> Loaded {
        self.load_sieved(progress, None)
    }

    /// [`Plan::load`], keeping only the documents `sieve` keeps (all without one). Warnings
    /// and progress are those of the whole load.
    pub fn load_sieved(self, progress: &Progress, sieve: Option<&dyn Sieve>) -> Loaded {
        self.load_with(progress, sieve, None)
    }

    /// [`Plan::load`], writing the documents' bodies to `spill` as they are parsed (see
    /// [`Loaded::into_documents`]): the browser's load of a large corpus, which then holds
    /// no body in memory.
    pub fn load_spilling(self, progress: &Progress, spill: Spill) -> Loaded {
        self.load_with(progress, None, Some(&Arc::new(spill)))
    }

    fn load_with(self, progress: &Progress, sieve: Option<&dyn Sieve>, spill: Option<&Arc<Spill>>) -> Loaded {
        let parts: Vec<Loaded> = self
            .items
            .into_par_iter()
            .map(|item| match item {
                walk::Item::File(job) => load_file(&job, progress, sieve, spill),
                walk::Item::Warning(warning) => Loaded { warnings: vec![warning], ..Loaded::default() },
            })
            .collect();
        let mut loaded = Loaded::default();
        loaded.append_all(parts);
        if let (Some(spill), None) = (spill, &loaded.spill) {
            // No document: a spilling load still says where its bodies are (nowhere).
            loaded.spill = Some(Arc::clone(spill));
        }
        loaded
    }
}

/// Loads every document under `paths` (files or folders, recursively).
///
/// Folders: hidden entries and unknown extensions are skipped, symlink loops end, files load
/// in sorted path order. A file given by name loads whatever its name (or is reported).
/// Ids of records without an id field are `FILE:LINE`, FILE being the path relative to the
/// folder given (or the file name of a file given by name) and LINE the 1-based line where the
/// record starts, in JSON arrays too.
///
/// [`Plan::new`] then [`Plan::load`] do the same in two steps, with progress.
pub fn load_paths(paths: &[PathBuf]) -> Result<Loaded, LoadError> {
    Ok(Plan::new(paths)?.load(&Progress::default()))
}

/// One entry of what a load of some PATHs would read, in load order (see [`list_inputs`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file to parse.
    File(PathBuf),
    /// An entry the walk skips with a warning (unreadable folder, symlink loop...).
    Skipped(LoadWarning),
}

/// What [`load_paths`] would read, without reading it: the same walk, so that the index cache
/// can fingerprint exactly the files a load depends on (a file added to or removed from a
/// folder changes the list). Fails like [`load_paths`] when a PATH does not exist.
pub fn list_inputs(paths: &[PathBuf]) -> Result<Vec<Input>, LoadError> {
    Ok(walk::collect(paths)?
        .into_iter()
        .map(|item| match item {
            walk::Item::File(job) => Input::File(job.path),
            walk::Item::Warning(warning) => Input::Skipped(warning),
        })
        .collect())
}

fn load_file(
    job: &walk::FileJob,
    progress: &Progress,
    sieve: Option<&dyn Sieve>,
    spill: Option<&Arc<Spill>>,
) -> Loaded {
    let mut origin = Origin::new(&job.path, &job.id, &job.label, progress);
    origin.sieve = sieve;
    origin.spill = spill;
    let bytes = match read_file(&job.path, progress) {
        Ok(bytes) => bytes,
        Err(e) => {
            let mut out = Loaded::default();
            out.warn(&origin, None, format!("cannot read: {e}"));
            origin.finished(job.len, 0);
            return out;
        }
    };
    // A mapped file is read as its text is checked; a read one was counted as read. Checked
    // pages are handed back: the parser reads them again, one chunk at a time.
    let mapped = bytes.is_mapped();
    let mut at = 0;
    let mut checked = |n: usize| {
        if mapped {
            progress.read.fetch_add(n as u64, Ordering::Relaxed);
            bytes.release(at..at + n);
            at += n;
        }
    };
    origin.mapped = mapped.then_some(&bytes);
    let out = load_bytes(&bytes, job.format, &origin, &mut checked);
    origin.finished(job.len, out.parsed());
    out
}

/// From how many bytes a regular file is mapped rather than read: below, one read costs less
/// than setting up a mapping (a folder of articles is thousands of small files).
const MAP_FROM: u64 = 1 << 20;

/// How long a file must have been left unmodified to be mapped (see [`read_file`]).
const MAP_SETTLED: Duration = Duration::from_secs(2);

/// A whole file's bytes: mapped when it is a large regular file (see [`FileBytes`]: reading a
/// large file copied it into fresh memory, which on this project's VM sometimes stalled for a
/// second per 200 MB, and doubled the load's peak memory), else read in steps that advance
/// `progress`.
fn read_file(path: &Path, progress: &Progress) -> std::io::Result<FileBytes> {
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    // A file modified in the last seconds may still be being written: if its writer truncated
    // it while it is mapped, reading the lost pages would kill dossier (SIGBUS). It is read.
    let settled = meta.modified().ok().and_then(|m| SystemTime::now().duration_since(m).ok());
    if meta.is_file() && meta.len() >= MAP_FROM && settled.is_some_and(|age| age >= MAP_SETTLED) {
        let bytes = FileBytes::of(&file, meta.len())?;
        bytes.will_read_sequentially();
        if !bytes.is_mapped() {
            progress.read.fetch_add(meta.len(), Ordering::Relaxed);
        }
        return Ok(bytes);
    }
    read_counting(file, meta.len(), progress).map(FileBytes::from_vec)
}

/// Reads a whole file like `fs::read`, in steps that advance `progress`.
fn read_counting(file: std::fs::File, len: u64, progress: &Progress) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    /// Small enough to show movement on a slow disk, large enough to cost nothing.
    const STEP: u64 = 16 << 20;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    let mut file = file.take(0);
    loop {
        file.set_limit(STEP);
        let n = file.read_to_end(&mut bytes)?;
        progress.read.fetch_add(n as u64, Ordering::Relaxed);
        if n == 0 {
            return Ok(bytes);
        }
    }
}

/// Decodes and parses one file's bytes as if they were read from the file `name` (which names
/// warnings and ids: a text document's id is the name's stem, a record's fallback id
/// `NAME:LINE`). The pure core of a load, with no file system: fuzz targets and tests use it.
pub fn parse_bytes(bytes: Vec<u8>, format: Format, name: &str) -> Loaded {
    let path = Path::new(name);
    let id = path.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default();
    load_bytes(&bytes, format, &Origin::new(path, &id, name, &Progress::default()), &mut |_| {})
}

/// Decodes and parses one file's bytes, calling `checked` as [`decode::decode_reporting`] does.
fn load_bytes(bytes: &[u8], format: Format, origin: &Origin, checked: &mut dyn FnMut(usize)) -> Loaded {
    let mut out = Loaded::with_capacity(0, origin);
    // The CSV reader takes CRLF rows as they are (`csv::parse_csv` normalises them only when
    // quoted fields span lines).
    let line_ends = if format == Format::Csv { LineEnds::CrlfKept } else { LineEnds::Lf };
    match decode::decode_reporting(bytes, line_ends, checked) {
        Ok(text) => parse_text(&text, format, origin, &mut out),
        Err(not_text) => out.warn(origin, None, not_text.reason().to_string()),
    }
    out
}

fn parse_text(text: &str, format: Format, origin: &Origin, out: &mut Loaded) {
    match format {
        Format::Text | Format::Markdown => {
            let plain = plain::parse_plain(text, format == Format::Markdown);
            let parts = DocParts {
                id: origin.id,
                title: &plain.title,
                date: plain.date.as_deref(),
                source: plain.source.as_deref(),
                ..DocParts::default()
            };
            let doc = Document::with_body(parts, plain.body);
            out.add(origin, doc);
        }
        Format::Json => json::parse_json(text, origin, out),
        Format::JsonLines => json::parse_json_lines(text, origin, out),
        Format::Csv => csv::parse_csv(text, origin, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_warning_quoting_the_input_is_one_sanitised_line() {
        // A JSON key is trimmed before it is matched, and NEL (U+0085, a C1 control) is
        // whitespace to `trim`: the key reached stderr raw in the reason.
        let loaded =
            parse_bytes(b"{\"\\u0085title\\n\": {}, \"body\": \"x\"}".to_vec(), Format::Json, "a.json");
        let shown = loaded.warnings[0].to_string();
        assert_eq!(shown, "a.json:1: field `\u{FFFD}title ` is an object, ignored");
    }
}
