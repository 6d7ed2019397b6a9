//! A loaded corpus with everything derived from it: actors and the search index.
//!
//! Built once at start-up and shared read-only by the screen and the headless mode, so both
//! answer a query from the same data with the same code.
//!
//! Discovery of unlisted names costs about 36 ms of CPU per MB of body text, far more than
//! everything else a load does (docs/performance.md). [`Discovery::Auto`], what
//! [`Library::build`] and `build_with(.., true)` ask for, runs it only up to
//! [`DISCOVERY_AUTO_LIMIT`] bytes of body text, so that a large corpus opens in seconds;
//! [`Discovery::Always`] runs it whatever the size.

use rayon::prelude::*;

use crate::actors::{self, Actors, Gazetteer};
use crate::corpus::Document;
use crate::search::SearchIndex;
use crate::text;

/// Body bytes up to which [`Discovery::Auto`] discovers names: about 0.3 s of CPU.
pub const DISCOVERY_AUTO_LIMIT: usize = 8 << 20;

/// Whether to discover names no gazetteer lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Discovery {
    Off,
    /// On for corpora up to [`DISCOVERY_AUTO_LIMIT`] bytes of body text.
    Auto,
    Always,
}

impl Discovery {
    /// Whether discovery runs over `docs`.
    pub fn applies(self, docs: &[Document]) -> bool {
        match self {
            Discovery::Off => false,
            Discovery::Always => true,
            Discovery::Auto => {
                let mut bytes = 0;
                docs.iter().all(|d| {
                    bytes += d.body.len();
                    bytes <= DISCOVERY_AUTO_LIMIT
                })
            }
        }
    }
}

pub struct Library {
    pub docs: Vec<Document>,
    pub actors: Actors,
    pub index: SearchIndex,
    /// Display width of the longest date (0 when no document has one), for the list's column.
    pub date_width: usize,
    /// Whether discovery ran (false when off, or skipped by [`Discovery::Auto`] on a large corpus).
    pub discovered: bool,
    /// Each document's review content hash (`review::content_hash64`), made here in parallel
    /// (and kept by the index cache) rather than one document at a time when review opens.
    pub content_hashes: Vec<u64>,
}

impl Library {
    pub fn build(docs: Vec<Document>, gazetteer: &Gazetteer) -> Library {
        Library::open(docs, gazetteer, Discovery::Auto)
    }

    /// Builds with discovery off, or on as [`Discovery::Auto`] decides.
    pub fn build_with(docs: Vec<Document>, gazetteer: &Gazetteer, discover: bool) -> Library {
        Library::open(docs, gazetteer, if discover { Discovery::Auto } else { Discovery::Off })
    }

    /// Extracts actors (folding every title and body once) and builds the search index from the
    /// same folded copies.
    pub fn open(docs: Vec<Document>, gazetteer: &Gazetteer, discovery: Discovery) -> Library {
        Library::open_reporting(docs, gazetteer, discovery, || {})
    }

    /// [`Library::open`], calling `indexing` when the actors are found and the index build
    /// starts, so that a progress display can name the phase.
    pub fn open_reporting(
        docs: Vec<Document>,
        gazetteer: &Gazetteer,
        discovery: Discovery,
        indexing: impl FnOnce(),
    ) -> Library {
        let discovered = discovery.applies(&docs);
        let (actors, folds) = actors::analyse_folding(&docs, gazetteer, discovered);
        indexing();
        let index = SearchIndex::build_folded(&docs, &actors, folds);
        let date_width = docs.iter().filter_map(|d| d.date.as_deref()).map(text::width).max().unwrap_or(0);
        let content_hashes = docs.par_iter().map(crate::review::content_hash64).collect();
        Library { docs, actors, index, date_width, discovered, content_hashes }
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The names of a document's actors, most mentioned first.
    pub fn actor_names(&self, doc: usize) -> impl Iterator<Item = &str> {
        self.actors
            .per_doc
            .get(doc)
            .into_iter()
            .flat_map(|d| d.actors.iter())
            .filter_map(|a| self.actors.table.get(a.actor as usize))
            .map(|info| info.name.as_str())
    }
}
