//! What the headless mode answers from: a library searched whole whose documents are needed
//! only for the hits it prints. Built this run, the library holds them all; reopened from the
//! index cache, they stay in the cache file until the hits are known, and only theirs are
//! decoded (at 1M CSV rows, a reopen's peak resident memory went from 895 to 389 MB).

use std::sync::Arc;

use crate::actors::{self, ActorId, ActorInfo, DocActor};
use crate::cache::{Searchable, StoredDocs, Unusable};
use crate::corpus::Document;
use crate::library::Library;
use crate::search::{Hit, SearchIndex, Span};

pub enum Shelf {
    /// Built (or read whole) this run.
    Built(Arc<Library>),
    /// Reopened from the index cache.
    Cached(Box<Searchable>),
}

impl Shelf {
    pub fn len(&self) -> usize {
        match self {
            Shelf::Built(library) => library.len(),
            Shelf::Cached(cached) => cached.docs.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn index(&self) -> &SearchIndex {
        match self {
            Shelf::Built(library) => &library.index,
            Shelf::Cached(cached) => &cached.index,
        }
    }

    pub fn actor_table(&self) -> &[ActorInfo] {
        match self {
            Shelf::Built(library) => &library.actors.table,
            Shelf::Cached(cached) => &cached.table,
        }
    }

    /// The documents of `hits`, with their actors; only their ids and titles unless `whole`
    /// (then [`Pages::doc`] and [`Pages::actors`] may not be asked for).
    pub fn fetch(&self, hits: &[Hit], whole: bool) -> Result<Pages<'_>, Unusable> {
        let (table, index) = (self.actor_table(), self.index());
        let cached = match self {
            Shelf::Built(library) => {
                // A search's library holds its bodies (only the browser's are spilled).
                assert!(!library.docs.is_spilled(), "a search's documents hold their bodies");
                return Ok(Pages { table, index, found: Found::All { docs: &library.docs[..] } });
            }
            Shelf::Cached(cached) => cached,
        };
        use rayon::prelude::*;
        let mut ids: Vec<u32> = hits.iter().map(|h| h.doc).collect();
        ids.par_sort_unstable();
        ids.dedup();
        let found = match whole {
            true => Found::Some { fetched: cached.docs.each(&ids, StoredDocs::get)?, ids },
            false => Found::Headings { headings: cached.docs.each(&ids, StoredDocs::heading)?, ids },
        };
        Ok(Pages { table, index, found })
    }

    /// Every document's id and review content hash, in corpus order (what a review store needs).
    pub fn review_keys(&self) -> Result<(Vec<String>, Vec<u64>), Unusable> {
        use rayon::prelude::*;
        match self {
            Shelf::Built(library) => Ok((
                library.docs.iter().map(|d| d.id().to_string()).collect(),
                library.content_hashes().to_vec(),
            )),
            Shelf::Cached(cached) => {
                let ids: Result<Vec<String>, Unusable> =
                    (0..cached.docs.len()).into_par_iter().map(|doc| cached.docs.id(doc)).collect();
                Ok((ids?, cached.docs.hashes()?))
            }
        }
    }
}

/// Documents fetched from a [`Shelf`], looked up by corpus index.
pub struct Pages<'a> {
    table: &'a [ActorInfo],
    /// Where the mentions are (see [`SearchIndex::mentions`]).
    index: &'a SearchIndex,
    found: Found<'a>,
}

enum Found<'a> {
    All {
        docs: &'a [Document],
    },
    /// The documents `ids` (ascending), in that order.
    Some {
        ids: Vec<u32>,
        fetched: Vec<Document>,
    },
    /// The ids and titles of the documents `ids`.
    Headings {
        ids: Vec<u32>,
        headings: Vec<(&'a str, &'a str)>,
    },
}

impl<'a> Pages<'a> {
    pub fn table(&self) -> &'a [ActorInfo] {
        self.table
    }

    /// Document `doc`'s actor mentions (any document, fetched or not).
    pub fn mentions(&self, doc: u32) -> Vec<Span> {
        self.index.mentions(doc as usize)
    }

    /// Document `doc`'s id and title (`doc` one of the hits fetched).
    pub fn heading(&self, doc: u32) -> (&str, &str) {
        match &self.found {
            Found::Headings { ids, headings } => headings[position(ids, doc)],
            _ => {
                let doc = self.doc(doc);
                (doc.id(), doc.title())
            }
        }
    }

    /// Document `doc` (one of the hits fetched whole).
    pub fn doc(&self, doc: u32) -> &Document {
        match &self.found {
            Found::All { docs, .. } => &docs[doc as usize],
            Found::Some { ids, fetched } => &fetched[position(ids, doc)],
            Found::Headings { .. } => panic!("document {doc} was not fetched whole"),
        }
    }

    /// Document `doc`'s actors, most mentioned first: its search entry's (any document the
    /// search reached, as every hit did).
    pub fn actors(&self, doc: u32) -> &'a [DocActor] {
        self.index.doc_actors(doc as usize)
    }

    /// The names of a document's actors, most mentioned first.
    pub fn actor_names(&self, doc: u32) -> impl Iterator<Item = &str> {
        self.actors(doc).iter().filter_map(|a| self.table.get(a.actor as usize)).map(|a| a.name.as_str())
    }

    /// How many of `hits` mention each actor: most first, ties by name.
    pub fn doc_counts(&self, hits: &[Hit]) -> Vec<(ActorId, u32)> {
        actors::doc_counts(self.table, hits.iter().map(|h| self.actors(h.doc)))
    }
}

fn position(ids: &[u32], doc: u32) -> usize {
    ids.binary_search(&doc).expect("a document fetched")
}
