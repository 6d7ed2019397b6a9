//! The index cache: a corpus opened before is reopened from the [`Library`] built last time
//! (documents, actors, folded search tables, review content hashes) instead of being parsed,
//! extracted and folded again.
//!
//! One file per corpus in `$XDG_CACHE_HOME/dossier/` (else `~/.cache/dossier/`), named like the
//! corpus's review file (a hash of the canonical PATHs) and a hash of the PATHs as given (the
//! messages it keeps quote them: `data/` and `./data` each keep their own file rather than
//! overwrite each other's on every run). The folder is kept within a size, least recently used
//! corpora deleted first ([`prune`]). Its header holds a [`Fingerprint`] of
//! everything the build depended on; any difference means a rebuild, which then overwrites the
//! file. The cache is derived data: a file that is missing, stale, truncated, damaged or of
//! another format is silently rebuilt, and failing to write one is at most a note.
//!
//! The messages a build printed (load warnings, gazetteer notes) are stored too and printed
//! again on a reopen, so that a cached run says what a fresh one says.

mod docs;
mod file;
mod fingerprint;
mod payload;
mod prune;

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

pub use docs::StoredDocs;
pub use file::Unusable;
pub use fingerprint::{Entry, Fingerprint, SETTLE, Stamp};
pub use payload::Searchable;
pub use prune::{DEFAULT_LIMIT_MB, mark_used, prune};

use crate::library::{Discovery, Library};

/// Builds faster than this are not cached: reading a cache would gain nothing.
pub const MIN_BUILD: Duration = Duration::from_millis(50);

/// Whether a build that took `build` is worth caching: [`MIN_BUILD`] or more, or always when
/// `DOSSIER_TEST_CACHE_ALWAYS` is set (a test hook: test corpora build in a few milliseconds,
/// and a test must not depend on how fast the machine is).
pub fn worth_saving(build: Duration) -> bool {
    build >= MIN_BUILD || std::env::var_os("DOSSIER_TEST_CACHE_ALWAYS").is_some()
}

/// What the cache did for this run (`--stats` prints it as `cache=`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Status {
    Hit,
    Miss,
    /// `--no-cache`, the built-in corpus, or no cache folder.
    #[default]
    Off,
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::Hit => "hit",
            Status::Miss => "miss",
            Status::Off => "off",
        })
    }
}

/// A library read back from the cache, and the lines its build printed on stderr.
pub struct Cached {
    pub library: Library,
    pub messages: Vec<String>,
}

/// The cache file of one corpus and the fingerprint its content must have.
#[derive(Debug)]
pub struct IndexCache {
    path: PathBuf,
    fingerprint: Fingerprint,
    /// The folder's size after a write (see [`prune`]).
    limit: u64,
}

impl IndexCache {
    /// The cache for the corpus `paths` in the default folder. `None` when caching does not
    /// apply: no PATHs (the built-in corpus is never cached), no cache folder, a PATH missing
    /// or a gazetteer file unreadable (the normal load reports those).
    pub fn for_corpus(
        paths: &[PathBuf],
        gazetteer_files: &[PathBuf],
        discovery: Discovery,
    ) -> Option<IndexCache> {
        IndexCache::in_dir(&default_dir()?, paths, gazetteer_files, discovery)
    }

    /// [`IndexCache::for_corpus`] with the cache folder given.
    pub fn in_dir(
        dir: &Path,
        paths: &[PathBuf],
        gazetteer_files: &[PathBuf],
        discovery: Discovery,
    ) -> Option<IndexCache> {
        if paths.is_empty() {
            return None;
        }
        let fingerprint = Fingerprint::take(paths, gazetteer_files, discovery)?;
        // Seeded apart from the corpus key, which hashes the same bytes when the PATHs are given
        // canonical: the two hashes would otherwise repeat each other in the name.
        let mut spelling = b"as given\0".to_vec();
        for path in paths {
            spelling.extend_from_slice(path.as_os_str().as_encoded_bytes());
            spelling.push(0);
        }
        let spelling = crate::review::fnv1a64(&spelling) as u32;
        let name = format!("{}-{spelling:08x}{}", crate::review::corpus_key(paths), file::EXTENSION);
        Some(IndexCache { path: dir.join(name), fingerprint, limit: DEFAULT_LIMIT_MB << 20 })
    }

    /// The size the cache folder is brought back to after this cache is written.
    pub fn limited_to(self, limit: u64) -> IndexCache {
        IndexCache { limit, ..self }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn fingerprint(&self) -> &Fingerprint {
        &self.fingerprint
    }

    /// The cached library, if the file was made for this fingerprint and reads back whole.
    pub fn load(&self) -> Option<Cached> {
        self.read().ok()
    }

    /// [`IndexCache::load`], saying why the file cannot be used.
    pub fn read(&self) -> Result<Cached, Unusable> {
        let sections = file::open(&self.path, &self.fingerprint)?;
        let (library, messages) = payload::decode_sections(&sections)?;
        mark_used(&self.path);
        Ok(Cached { library, messages })
    }

    /// What a search needs from the cache file, if it was made for this fingerprint and is
    /// whole: every document's search entry and the actor table, the documents read on demand.
    /// With `candidate`, a query's sieve on documents' row masks, only the search entries of the
    /// documents it accepts are decoded, and the index answers that query only.
    pub fn load_searchable(&self, candidate: Option<&(dyn Fn(u64) -> bool + Sync)>) -> Option<Searchable> {
        self.read_searchable(candidate).ok()
    }

    /// [`IndexCache::load_searchable`], saying why the file cannot be used.
    pub fn read_searchable(
        &self,
        candidate: Option<&(dyn Fn(u64) -> bool + Sync)>,
    ) -> Result<Searchable, Unusable> {
        let searchable = payload::decode_searchable(file::open(&self.path, &self.fingerprint)?, candidate)?;
        mark_used(&self.path);
        Ok(searchable)
    }

    /// Writes `library` (built from the inputs as fingerprinted) and the messages its build
    /// printed, then brings the folder back within its limit. Returns `Ok(false)` without
    /// writing when some input changed too recently to be trusted (see [`SETTLE`]).
    pub fn save(&self, library: &Library, messages: &[String]) -> io::Result<bool> {
        if !library.index.has_bodies() {
            return Err(io::Error::other("a library built for one query has no bodies to cache"));
        }
        if self.fingerprint.is_unsettled(SystemTime::now()) {
            return Ok(false);
        }
        file::write(&self.path, &self.fingerprint, payload::encode_sections(library, messages))?;
        if let Some(dir) = self.path.parent() {
            prune(dir, &self.path, self.limit, SystemTime::now());
        }
        Ok(true)
    }
}

/// `$XDG_CACHE_HOME/dossier`, else `~/.cache/dossier` (an empty or relative `XDG_CACHE_HOME`
/// is ignored, as the XDG specification says).
pub fn default_dir() -> Option<PathBuf> {
    default_dir_from(std::env::var_os("XDG_CACHE_HOME"), std::env::var_os("HOME"))
}

pub fn default_dir_from(
    xdg: Option<std::ffi::OsString>,
    home: Option<std::ffi::OsString>,
) -> Option<PathBuf> {
    let xdg = xdg.map(PathBuf::from).filter(|p| p.is_absolute());
    let base =
        xdg.or_else(|| home.map(PathBuf::from).filter(|p| p.is_absolute()).map(|h| h.join(".cache")))?;
    Some(base.join("dossier"))
}

#[cfg(test)]
mod tests;
