//! [`ReviewStore`]: the review state of one corpus, tied to its file. Changes are applied by
//! corpus index and saved at once (see the module docs of `review` for how a save is made safe).

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use super::disk::{self, Disk, TempFile};
use super::format::{self, ParseError};
use super::paths::{content_hash_hex, content_hash64, now_ms};
use super::state::{Change, DocRecord, ReviewState};
use super::undo::{UndoEntry, UndoStack, Undone};
use super::{ReviewError, disk::aside_path};
use crate::corpus::Document;
use crate::search::ReviewLookup;

/// Where times come from (Unix milliseconds); replaceable so tests need no sleeps.
pub type Clock = Arc<dyn Fn() -> u64 + Send + Sync>;

/// How often a save redoes its merge when another writer got in first (only possible where the
/// file system has no locks).
const SAVE_ATTEMPTS: u32 = 8;

/// Reviewed (and flagged) documents out of a total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub reviewed: usize,
    pub flagged: usize,
    pub total: usize,
}

pub struct ReviewStore {
    path: PathBuf,
    state: ReviewState,
    /// Corpus index → record key; and back (made at the first reload: opening a large corpus
    /// should not wait for a map that only merging another dossier's changes needs).
    keys: Vec<String>,
    index: OnceLock<HashMap<String, usize>>,
    /// Corpus index → content hash ([`content_hash64`]; hex only where a record needs it).
    hashes: Vec<u64>,
    undo: UndoStack,
    clock: Clock,
    /// The file's bytes as this instance last read or wrote them: if the file still holds them,
    /// nobody else wrote and there is nothing to merge.
    synced: Option<Vec<u8>>,
    dirty: bool,
}

impl std::fmt::Debug for ReviewStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReviewStore")
            .field("path", &self.path)
            .field("records", &self.state.len())
            .field("documents", &self.keys.len())
            .field("dirty", &self.dirty)
            .finish_non_exhaustive()
    }
}

impl ReviewStore {
    /// Opens the state at `path` for the corpus `docs` (a missing file is an empty state; its
    /// folders are made at the first save). A file that cannot be parsed is left untouched and
    /// reported as [`ReviewError::Corrupt`]. A symbolic link is followed, so that saving replaces
    /// the file it points to rather than the link.
    pub fn open(path: impl Into<PathBuf>, docs: &[Document]) -> Result<ReviewStore, ReviewError> {
        ReviewStore::open_hashed(path, docs, &[])
    }

    /// [`ReviewStore::open`] with each document's [`content_hash64`] known already (hashing a
    /// large corpus costs a pass over all its text: `Library` makes them in parallel, or reads
    /// them from the index cache). `hashes` shorter than `docs` are completed here.
    pub fn open_hashed(
        path: impl Into<PathBuf>,
        docs: &[Document],
        hashes: &[u64],
    ) -> Result<ReviewStore, ReviewError> {
        let mut store = ReviewStore::clean_hashed(path.into(), docs, hashes);
        let disk = disk::read(&store.path)?;
        store.absorb(disk)?;
        Ok(store)
    }

    /// [`ReviewStore::open_hashed`] for a run that only reads (the headless mode): `None` when
    /// the file holds no record, where every review question has the answer it has without
    /// review state; the corpus's ids and content hashes (`corpus()`, in corpus order) are then
    /// never asked for: keying a million documents (a copy of every id, a map of them) is work
    /// that a run without review state need not do, and a reopen from the index cache would
    /// otherwise have to decode every id.
    pub fn open_if_recorded<E>(
        path: impl Into<PathBuf>,
        corpus: impl FnOnce() -> Result<(Vec<String>, Vec<u64>), E>,
    ) -> Result<Option<ReviewStore>, E>
    where
        E: From<ReviewError>,
    {
        let mut store = ReviewStore::clean_keyed(path.into(), Vec::new(), Vec::new());
        let disk = disk::read(&store.path)?;
        store.absorb(disk)?;
        if store.state.is_empty() {
            return Ok(None);
        }
        let (ids, hashes) = corpus()?;
        store.keys = keys_of(ids);
        store.hashes = hashes;
        Ok(Some(store))
    }

    /// After [`ReviewError::Corrupt`], with the user's consent: moves the file at `path` to
    /// `aside` (or a free variant of it; the returned path says where) and starts an empty state.
    pub fn set_aside_and_start_clean(
        path: &Path,
        aside: &Path,
        docs: &[Document],
    ) -> Result<(ReviewStore, PathBuf), ReviewError> {
        let store = ReviewStore::clean(path.to_path_buf(), docs);
        let _lock = disk::lock(&store.path)?;
        let kept = disk::set_aside(&store.path, aside)?;
        Ok((store, kept))
    }

    /// After a save found the file corrupt: sets it aside and saves this instance's state in its
    /// place. Returns where the corrupt file went.
    pub fn set_aside_and_save(&mut self) -> Result<PathBuf, ReviewError> {
        let aside = aside_path(&self.path, (self.clock)());
        let kept = {
            let _lock = disk::lock(&self.path)?;
            disk::set_aside(&self.path, &aside)?
        };
        self.synced = None;
        self.save()?;
        Ok(kept)
    }

    fn clean(path: PathBuf, docs: &[Document]) -> ReviewStore {
        ReviewStore::clean_hashed(path, docs, &[])
    }

    fn clean_hashed(path: PathBuf, docs: &[Document], hashes: &[u64]) -> ReviewStore {
        let hashes = docs
            .iter()
            .enumerate()
            .map(|(i, d)| hashes.get(i).copied().unwrap_or_else(|| content_hash64(d.title(), d.body())))
            .collect();
        ReviewStore::clean_keyed(path, docs.iter().map(|d| d.id().to_string()).collect(), hashes)
    }

    /// A store without records for the documents whose ids are `ids` (in corpus order) and
    /// whose content hashes are `hashes`.
    fn clean_keyed(path: PathBuf, ids: Vec<String>, hashes: Vec<u64>) -> ReviewStore {
        let path = match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(&path).unwrap_or(path),
            _ => path,
        };
        ReviewStore {
            path,
            state: ReviewState::default(),
            keys: keys_of(ids),
            index: OnceLock::new(),
            hashes,
            undo: UndoStack::default(),
            clock: Arc::new(now_ms),
            synced: None,
            dirty: false,
        }
    }

    /// Replaces the clock (tests).
    pub fn with_clock(mut self, clock: Clock) -> ReviewStore {
        self.clock = clock;
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether some change is not on disk yet (the last save failed).
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Every record, including those of documents not in this corpus.
    pub fn state(&self) -> &ReviewState {
        &self.state
    }

    /// The key under which document `doc` is stored.
    pub fn key(&self, doc: usize) -> Option<&str> {
        self.keys.get(doc).map(String::as_str)
    }

    pub fn record(&self, doc: usize) -> Option<&DocRecord> {
        self.state.record(self.keys.get(doc)?)
    }

    /// Applies `change` to document `doc` and saves. Returns whether anything changed (marking a
    /// reviewed document reviewed does not). If the save fails the change stays in memory, the
    /// store is dirty, and the next change or [`save`](Self::save) writes it.
    pub fn apply(&mut self, doc: usize, change: Change) -> Result<bool, ReviewError> {
        let key = self.doc_key(doc)?;
        let now = (self.clock)();
        let applied = self.state.apply(&key, &content_hash_hex(self.hashes[doc]), &change, now)?;
        let changed = applied.is_some();
        if let Some(applied) = applied {
            self.undo.push(UndoEntry { doc, key, change, applied });
            self.dirty = true;
        }
        if self.dirty {
            self.save()?;
        }
        Ok(changed)
    }

    /// Reverts the last change still on the undo stack and saves. `None` if there is none.
    pub fn undo(&mut self) -> Result<Option<Undone>, ReviewError> {
        let now = (self.clock)();
        let hashes = &self.hashes;
        let hash_of = |doc: usize| hashes.get(doc).map(|&h| content_hash_hex(h)).unwrap_or_default();
        let undone = self.undo.undo(&mut self.state, hash_of, now);
        if matches!(undone, Some(Undone::Reverted { .. })) {
            self.dirty = true;
        }
        if self.dirty {
            self.save()?;
        }
        Ok(undone)
    }

    /// How many changes can be undone.
    pub fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    /// Whether the document's text changed since its review last changed (only for documents
    /// with some review decision in effect).
    pub fn changed_since_review(&self, doc: usize) -> bool {
        let (Some(record), Some(hash)) = (self.record(doc), self.hashes.get(doc)) else {
            return false;
        };
        let decided = record.is_reviewed()
            || record.is_flagged()
            || record.labels().next().is_some()
            || record.note().is_some();
        decided && record.hash != content_hash_hex(*hash)
    }

    /// The position in `order` (a list of corpus indices, e.g. the current result list) of the
    /// next unreviewed document after position `from`, wrapping around to the start; `from`
    /// itself is never returned. With `from` past the end, the search starts at the top.
    pub fn next_unreviewed(&self, order: &[u32], from: usize) -> Option<usize> {
        let n = order.len();
        if n == 0 {
            return None;
        }
        let start = if from < n { from + 1 } else { 0 };
        let count = if from < n { n - 1 } else { n };
        (0..count).map(|i| (start + i) % n).find(|&pos| self.is_unreviewed(order[pos]))
    }

    /// Like [`next_unreviewed`](Self::next_unreviewed), going backwards.
    pub fn prev_unreviewed(&self, order: &[u32], from: usize) -> Option<usize> {
        let n = order.len();
        if n == 0 {
            return None;
        }
        let start = if from < n { from + n - 1 } else { n - 1 };
        let count = if from < n { n - 1 } else { n };
        (0..count).map(|i| (start + n - i) % n).find(|&pos| self.is_unreviewed(order[pos]))
    }

    fn is_unreviewed(&self, doc: u32) -> bool {
        let doc = doc as usize;
        doc < self.keys.len() && !self.is_reviewed(doc)
    }

    /// Progress over the whole corpus.
    pub fn progress(&self) -> Progress {
        self.progress_of(0..self.keys.len())
    }

    /// Progress over some documents (e.g. the current results); indices out of range are ignored.
    pub fn progress_in(&self, docs: &[u32]) -> Progress {
        self.progress_of(docs.iter().map(|&d| d as usize))
    }

    fn progress_of(&self, docs: impl Iterator<Item = usize>) -> Progress {
        let mut p = Progress::default();
        for doc in docs.filter(|&d| d < self.keys.len()) {
            p.total += 1;
            p.reviewed += usize::from(self.is_reviewed(doc));
            p.flagged += usize::from(self.is_flagged(doc));
        }
        p
    }

    /// `defaults` followed by every other label in use, for a label picker.
    pub fn known_labels(&self, defaults: &[&str]) -> Vec<String> {
        let mut out: Vec<String> = defaults.iter().map(|s| s.to_string()).collect();
        let used: BTreeSet<&str> = self.state.records.values().flat_map(|r| r.labels()).collect();
        out.extend(used.into_iter().filter(|l| !defaults.contains(l)).map(String::from));
        out
    }

    /// Merges what other dossiers saved since; returns the corpus indices whose review changed.
    pub fn reload(&mut self) -> Result<Vec<usize>, ReviewError> {
        let disk = disk::read(&self.path)?;
        let keys = self.absorb(disk)?;
        let index =
            self.index.get_or_init(|| self.keys.iter().enumerate().map(|(i, k)| (k.clone(), i)).collect());
        let mut docs: Vec<usize> = keys.iter().filter_map(|k| index.get(k)).copied().collect();
        docs.sort_unstable();
        Ok(docs)
    }

    /// Writes the state: under the lock, re-reads and merges the file, writes a temporary file,
    /// and renames it over the state file unless the file changed meanwhile (then merges again).
    pub fn save(&mut self) -> Result<(), ReviewError> {
        std::fs::create_dir_all(disk::parent(&self.path)).map_err(|e| self.write_error(e))?;
        let _lock = disk::lock(&self.path)?;
        for _ in 0..SAVE_ATTEMPTS {
            let disk = disk::read(&self.path)?;
            let seen = disk.as_ref().map(|d| d.stamp.clone());
            self.absorb(disk)?;
            let bytes = format::serialize(&self.state, (self.clock)())?;
            let temp = TempFile::write(&self.path, &bytes).map_err(|e| self.write_error(e))?;
            if disk::stamp(&self.path)? != seen {
                continue; // someone wrote since we read: merge again (the drop removes temp)
            }
            temp.persist(&self.path).map_err(|e| self.write_error(e))?;
            self.synced = Some(bytes);
            self.dirty = false;
            return Ok(());
        }
        Err(ReviewError::Contended { path: self.path.clone() })
    }

    /// Merges the file's content unless it is what this instance last saw; returns changed keys.
    fn absorb(&mut self, disk: Option<Disk>) -> Result<Vec<String>, ReviewError> {
        let Some(disk) = disk else {
            return Ok(Vec::new());
        };
        if self.synced.as_deref() == Some(&disk.bytes[..]) {
            return Ok(Vec::new());
        }
        let theirs = format::parse(&disk.bytes).map_err(|e| match e {
            ParseError::Corrupt(reason) => ReviewError::Corrupt {
                path: self.path.clone(),
                aside: aside_path(&self.path, (self.clock)()),
                reason,
            },
            ParseError::Newer(found) => ReviewError::NewerVersion { path: self.path.clone(), found },
        })?;
        let changed = self.state.merge(theirs);
        self.synced = Some(disk.bytes);
        Ok(changed)
    }

    fn doc_key(&self, doc: usize) -> Result<String, ReviewError> {
        self.keys.get(doc).cloned().ok_or(ReviewError::NoSuchDocument { index: doc, len: self.keys.len() })
    }

    fn write_error(&self, source: std::io::Error) -> ReviewError {
        ReviewError::Write { path: self.path.clone(), source }
    }
}

impl ReviewLookup for ReviewStore {
    fn is_reviewed(&self, doc: usize) -> bool {
        self.record(doc).is_some_and(DocRecord::is_reviewed)
    }

    fn is_flagged(&self, doc: usize) -> bool {
        self.record(doc).is_some_and(DocRecord::is_flagged)
    }

    /// Labels match without regard to case: `label:Relevant` finds `relevant`.
    fn has_label(&self, doc: usize, label: &str) -> bool {
        let label = label.trim().to_lowercase();
        self.record(doc).is_some_and(|r| r.labels().any(|l| l.to_lowercase() == label))
    }

    fn has_note(&self, doc: usize) -> bool {
        self.record(doc).is_some_and(|r| r.note().is_some())
    }
}

/// Each document's record key: its id, or `ID#N` for the Nth document of the same id.
fn keys_of(mut ids: Vec<String>) -> Vec<String> {
    // foldhash rather than SipHash: a million ids are hashed at every open.
    let mut seen: HashMap<&str, u32, foldhash::fast::RandomState> =
        HashMap::with_capacity_and_hasher(ids.len(), foldhash::fast::RandomState::default());
    let nth: Vec<u32> = ids
        .iter()
        .map(|id| {
            let n = seen.entry(id.as_str()).or_insert(0);
            *n += 1;
            *n
        })
        .collect();
    drop(seen);
    for (id, n) in ids.iter_mut().zip(nth) {
        if n > 1 {
            id.push_str(&format!("#{n}"));
        }
    }
    ids
}
