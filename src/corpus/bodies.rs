//! Where the documents' bodies are kept: in the documents, or, for a large corpus the browser
//! opens, in a file of their own ([`Spill`]), read back through a mapping when a body is shown
//! or scanned.
//!
//! Bodies are nine tenths of a news corpus. Held in memory they made the browser's peak about
//! twice the corpus's size (docs/performance.md); kept in a file, they cost the process only the
//! pages being read, which it hands back as it goes: the system's page cache holds the rest, and
//! may drop it, not the process.
//!
//! The file is created already unlinked (`tempfile`) in the cache directory: nothing else can
//! open it, change it or truncate it under the mapping, and it goes away with the process.
//!
//! A library reopened from the index cache reads its bodies where the cache file stores them
//! ([`Spilled::in_mapping`]), the same way: a cache file is only ever replaced by renaming a new
//! one over it, so the mapping keeps the bytes it was opened with.

use std::fs::File;
use std::io;
use std::ops::Deref;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::Document;
use crate::file_bytes::FileBytes;

/// The documents' bodies, wherever they are kept: every reader of a library's bodies goes
/// through this (a spilled document's own `body` is empty).
pub trait BodySource: Send + Sync {
    /// Document `doc`'s body.
    fn body(&self, doc: usize) -> &str;

    /// Its length in bytes (without reading a body kept in a file).
    fn body_len(&self, doc: usize) -> usize {
        self.body(doc).len()
    }
}

impl BodySource for [Document] {
    fn body(&self, doc: usize) -> &str {
        self[doc].body()
    }
}

/// The documents of a library, with their bodies in memory or spilled to a file.
#[derive(Default)]
pub struct Documents {
    docs: Vec<Document>,
    spilled: Option<Spilled>,
}

impl Documents {
    /// Documents whose bodies are in `spilled` (where it says so), the others' in themselves.
    pub fn spilled(docs: Vec<Document>, spilled: Spilled) -> Documents {
        assert_eq!(docs.len(), spilled.at.len(), "one place per document");
        Documents { docs, spilled: Some(spilled) }
    }

    /// Whether some bodies are kept in a file.
    pub fn is_spilled(&self) -> bool {
        self.spilled.is_some()
    }

    /// The spill file, if document `doc`'s body is in it.
    fn spilled_body(&self, doc: usize) -> Option<&Spilled> {
        self.spilled.as_ref().filter(|spilled| spilled.at[doc].is_stored())
    }

    /// Document `doc` with its body, as it was loaded (a copy if the body was spilled).
    pub fn whole(&self, doc: usize) -> std::borrow::Cow<'_, Document> {
        match self.spilled_body(doc) {
            Some(spilled) => std::borrow::Cow::Owned(self.docs[doc].replacing_body(spilled.body(doc))),
            None => std::borrow::Cow::Borrowed(&self.docs[doc]),
        }
    }

    /// Drops every body held in memory (a search that has counted its query in them).
    pub fn drop_bodies(&mut self) {
        use rayon::prelude::*;
        self.docs.par_iter_mut().for_each(Document::drop_body);
    }
}

impl From<Vec<Document>> for Documents {
    fn from(docs: Vec<Document>) -> Documents {
        Documents { docs, spilled: None }
    }
}

impl Deref for Documents {
    type Target = Vec<Document>;

    fn deref(&self) -> &Vec<Document> {
        &self.docs
    }
}

impl BodySource for Documents {
    fn body(&self, doc: usize) -> &str {
        match self.spilled_body(doc) {
            Some(spilled) => spilled.body(doc),
            None => self.docs[doc].body(),
        }
    }

    fn body_len(&self, doc: usize) -> usize {
        match self.spilled_body(doc) {
            Some(spilled) => spilled.at[doc].len as usize,
            None => self.docs[doc].body().len(),
        }
    }
}

/// Equal when the documents are, bodies included, wherever each side keeps them.
impl PartialEq for Documents {
    fn eq(&self, other: &Documents) -> bool {
        self.len() == other.len() && (0..self.len()).all(|i| *self.whole(i) == *other.whole(i))
    }
}

impl std::fmt::Debug for Documents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Documents")
            .field("len", &self.docs.len())
            .field("spilled", &self.is_spilled())
            .finish()
    }
}

/// Where a document's body is: `len` bytes at `offset` of the spill file (or of the mapping
/// [`Spilled::in_mapping`] reads), or (offset [`BodyAt::HELD`]) in the document itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyAt {
    offset: u64,
    len: u64,
}

impl BodyAt {
    const HELD_OFFSET: u64 = u64::MAX;
    /// The body is the document's own (it could not be written, or the load kept it).
    pub const HELD: BodyAt = BodyAt { offset: BodyAt::HELD_OFFSET, len: 0 };

    /// `len` bytes at `offset`.
    pub fn new(offset: u64, len: u64) -> BodyAt {
        BodyAt { offset, len }
    }

    fn is_stored(&self) -> bool {
        self.offset != BodyAt::HELD_OFFSET
    }
}

/// A spill file being written by a load's threads: each hands it blocks of bodies.
pub struct Spill {
    file: File,
    len: AtomicU64,
    /// Set by the first failed write: later bodies stay in their documents.
    failed: AtomicBool,
    /// The first write error, for a warning.
    error: Mutex<Option<io::Error>>,
}

impl std::fmt::Debug for Spill {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Spill").field("len", &self.len).field("failed", &self.failed).finish()
    }
}

impl Spill {
    /// A new, unlinked spill file in `dir` (created if need be).
    pub fn in_dir(dir: &Path) -> io::Result<Spill> {
        std::fs::create_dir_all(dir)?;
        Ok(Spill::on(tempfile::tempfile_in(dir)?))
    }

    /// A spill into `file`, written from its start.
    fn on(file: File) -> Spill {
        Spill { file, len: AtomicU64::new(0), failed: AtomicBool::new(false), error: Mutex::new(None) }
    }

    /// Writes `block` at the end of the file and says where it starts; `None` if writing failed
    /// (now or before), the block then to be kept in memory.
    fn append(&self, block: &[u8]) -> Option<u64> {
        if self.failed.load(Ordering::Relaxed) {
            return None;
        }
        let offset = self.len.fetch_add(block.len() as u64, Ordering::Relaxed);
        match write_at(&self.file, block, offset) {
            Ok(()) => Some(offset),
            Err(e) => {
                self.failed.store(true, Ordering::Relaxed);
                self.error.lock().unwrap_or_else(|p| p.into_inner()).get_or_insert(e);
                None
            }
        }
    }

    /// Whether writing has failed: later bodies stay in memory.
    fn has_failed(&self) -> bool {
        self.failed.load(Ordering::Relaxed)
    }

    /// The bodies written, mapped for reading, given each document's place; and the write
    /// error, if one made some bodies stay in memory.
    pub fn finish(self, at: Vec<BodyAt>) -> io::Result<(Spilled, Option<io::Error>)> {
        let len = self.len.load(Ordering::Relaxed);
        let bytes = FileBytes::of(&self.file, len)?;
        let error = self.error.into_inner().unwrap_or_else(|p| p.into_inner());
        Ok((Spilled::in_mapping(Arc::new(bytes), at), error))
    }
}

#[cfg(unix)]
fn write_at(file: &File, block: &[u8], offset: u64) -> io::Result<()> {
    use std::os::unix::fs::FileExt;
    file.write_all_at(block, offset)
}

#[cfg(not(unix))]
fn write_at(file: &File, block: &[u8], offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    let mut done = 0;
    while done < block.len() {
        done += file.seek_write(&block[done..], offset + done as u64)?;
    }
    Ok(())
}

/// A spill file's bodies, mapped (or an index cache file's).
pub struct Spilled {
    bytes: Arc<FileBytes>,
    at: Vec<BodyAt>,
    /// Bytes read since the pages were last handed back.
    read: AtomicUsize,
}

/// How many bytes of bodies are read between two hand-backs of the mapping's pages: what a
/// scan of every body adds to the process's resident size at most.
const RELEASE_EVERY: usize = 8 << 20;

impl Spilled {
    /// The bodies at `at` (one place per document) in `bytes`, which are never written while
    /// mapped.
    pub fn in_mapping(bytes: Arc<FileBytes>, at: Vec<BodyAt>) -> Spilled {
        Spilled { bytes, at, read: AtomicUsize::new(0) }
    }

    fn body(&self, doc: usize) -> &str {
        let at = self.at[doc];
        let read = self.read.fetch_add(at.len as usize, Ordering::Relaxed);
        if read / RELEASE_EVERY != (read + at.len as usize) / RELEASE_EVERY {
            // Other threads may be reading bodies: their pages fault back in from the page
            // cache, with the same bytes (the file is never written once mapped).
            self.bytes.release(0..self.bytes.len());
        }
        let range = at.offset as usize..(at.offset + at.len) as usize;
        // Written from `String`s by this process into a file no other can open, or checked
        // whole with the cache file: a failure would be a bug, which tests catch; a reader
        // then sees an empty body.
        let text = self.bytes.get(range).and_then(|b| std::str::from_utf8(b).ok());
        debug_assert!(text.is_some(), "spilled body {doc} does not read back");
        text.unwrap_or_default()
    }
}

/// The bodies a part of a load gathers before writing them to the spill file in one block.
#[derive(Debug, Default)]
pub struct SpillBuffer {
    block: Vec<u8>,
    /// Index (in the part's places) of the first place whose offset is still in `block`.
    first_pending: usize,
}

/// How many bytes of bodies a part gathers before writing them.
const BLOCK_BYTES: usize = 256 << 10;

impl SpillBuffer {
    /// Takes the body of the last of `docs` (just added) into the block, or leaves it there if
    /// writing has failed, recording its place in `at` (one per document of `docs`); writes
    /// the block when it is full.
    pub fn take_last(&mut self, spill: &Spill, docs: &mut [Document], at: &mut Vec<BodyAt>) {
        let Some(doc) = docs.last_mut() else { return };
        if spill.has_failed() {
            at.push(BodyAt::HELD);
            return;
        }
        at.push(BodyAt { offset: self.block.len() as u64, len: doc.body().len() as u64 });
        doc.move_body_to(&mut self.block);
        if self.block.len() >= BLOCK_BYTES {
            self.flush(spill, docs, at);
        }
    }

    /// Lets go of the block's room (nothing is pending after a flush).
    pub fn shrink(&mut self) {
        self.block = Vec::new();
    }

    /// Writes the gathered bodies; if that fails, puts them back in their documents.
    pub fn flush(&mut self, spill: &Spill, docs: &mut [Document], at: &mut [BodyAt]) {
        let pending = self.first_pending..at.len();
        self.first_pending = at.len();
        if self.block.is_empty() {
            // Only empty bodies: their places read zero bytes wherever they point.
            return;
        }
        match spill.append(&self.block) {
            Some(base) => {
                for place in at[pending].iter_mut().filter(|p| p.is_stored()) {
                    place.offset += base;
                }
            }
            None => {
                for i in pending {
                    if !at[i].is_stored() {
                        continue;
                    }
                    let range = at[i].offset as usize..(at[i].offset + at[i].len) as usize;
                    docs[i] = Document::with_body(
                        docs[i].parts(),
                        String::from_utf8_lossy(&self.block[range]).into_owned(),
                    );
                    at[i] = BodyAt::HELD;
                }
            }
        }
        self.block.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Plan, Progress, load_paths};
    use std::path::PathBuf;

    /// A folder of every format, one JSON Lines file large enough to be parsed in several
    /// chunks and written in several blocks, with empty bodies and a bad line among them.
    fn corpus() -> (tempfile::TempDir, Vec<PathBuf>) {
        let dir = tempfile::tempdir().unwrap();
        let mut lines = String::new();
        for i in 0..4000 {
            let body = match i % 7 {
                0 => String::new(),
                1 => format!("Erdoğan et Poutine à Idlib, dépêche {i}. ").repeat(40),
                _ => format!("Plain report number {i} on the talks in Sochi. ").repeat(i % 13 + 1),
            };
            lines.push_str(
                &serde_json::json!({"id": format!("d{i}"), "title": format!("Titre {i}"), "body": body})
                    .to_string(),
            );
            lines.push('\n');
            if i == 1234 {
                lines.push_str("{not json\n");
            }
        }
        std::fs::write(dir.path().join("big.jsonl"), lines).unwrap();
        std::fs::write(
            dir.path().join("b.csv"),
            "id,title,body\nc1,Un,\"Texte, avec \"\"guillemets\"\"\"\nc2,Deux,\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("c.txt"), "Titre texte\n\nCorps du texte.\n").unwrap();
        std::fs::write(dir.path().join("d.md"), "# Titre md\n\nCorps *md*.\n").unwrap();
        let paths = vec![dir.path().to_path_buf()];
        (dir, paths)
    }

    #[test]
    fn spilled_documents_read_back_as_loaded_in_memory() {
        let (_dir, paths) = corpus();
        let held = load_paths(&paths).unwrap();
        let spill_dir = tempfile::tempdir().unwrap();
        let spill = Spill::in_dir(spill_dir.path()).unwrap();
        let (docs, warnings, error) =
            Plan::new(&paths).unwrap().load_spilling(&Progress::default(), spill).into_documents().unwrap();
        assert!(error.is_none());
        assert_eq!(warnings, held.warnings, "the same bad line reported");
        assert!(docs.is_spilled());
        assert!(docs.iter().all(|d| d.body().is_empty()), "no body left in memory");
        assert_eq!(docs.len(), held.docs.len());
        for (i, doc) in held.docs.iter().enumerate() {
            assert_eq!(docs.body(i), doc.body(), "document {i}");
            assert_eq!(docs.body_len(i), doc.body().len());
            assert_eq!(*docs.whole(i), *doc);
        }
        assert_eq!(docs, Documents::from(held.docs));
        assert!(std::fs::read_dir(spill_dir.path()).unwrap().next().is_none(), "the file has no name");
    }

    #[test]
    fn bodies_that_cannot_be_written_stay_in_memory() {
        let (_dir, paths) = corpus();
        let held = load_paths(&paths).unwrap();
        // A file open for reading only: every write fails.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ro"), "").unwrap();
        let file = File::open(dir.path().join("ro")).unwrap();
        let spill = Spill::on(file);
        let (docs, _, error) =
            Plan::new(&paths).unwrap().load_spilling(&Progress::default(), spill).into_documents().unwrap();
        assert!(error.is_some(), "the failure is told");
        assert_eq!(docs, Documents::from(held.docs), "nothing lost");
    }
}
