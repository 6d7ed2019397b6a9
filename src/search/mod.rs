//! Search: one query grammar for the screen and `--filter`, fuzzy scoring over folded text,
//! ranking, and the match positions used for highlighting.
//!
//! - `query`: the grammar ([`Query::parse`] never fails);
//! - `index`: folded copies of titles and aliases made once per corpus, in parallel;
//! - `body`: body tests on the documents' own bodies, folded as they are read;
//! - `fuzzy`: SkimMatcherV2 plus a compactness rule, character masks;
//! - `screen`: cheap rejection and one-letter scoring before Skim (ranking's hot path);
//! - `pair`: Skim's own alignment for two-letter patterns, without its per-call cost;
//! - `typo`: edit distance for `@actor` typos;
//! - `compile`: a query matched once against the actor table;
//! - `rank`: per-document tests and the score formula, in parallel;
//! - `highlight`: original byte ranges of what matched;
//! - `top`: the first page of a ranking, scoring only what could enter it;
//! - `session`: narrowing from the previous keystroke's survivors, with a stack for backspace;
//! - `words`: an inverted index of the bodies' words, so that a body test looks words up.
//!
//! Everything compares folded text (case, accents, ligatures), both sides.

mod body;
mod body_counts;
mod compile;
mod entries;
mod fuzzy;
mod highlight;
mod index;
mod packed;
mod pair;
mod query;
mod rank;
mod screen;
mod session;
mod sieve;
mod spans;
mod top;
mod typo;
mod words;

use std::ops::Range;
use std::sync::{Arc, Mutex};

use crate::actors::{Actors, Field};
use crate::corpus::Document;
pub use body_counts::BodyCounter;
use compile::Compiled;
pub(crate) use entries::{DocEntries, EntryChunk};
pub(crate) use index::{ActorEntry, ReadEntry, Tables, TitleFolds};
pub use index::{FoldedTitles, TitleEntry};
pub use words::BodyWords;
pub(crate) use words::Chunk as WordChunk;

pub use crate::corpus::BodySource;
pub use fuzzy::is_compact;
pub use index::{BodyMask, FoldedText, Originals, Span};
pub use query::{DateRange, Group, Query, Term, TermKind};
pub use rank::{MENTION_CAP, MENTION_WEIGHT, STRONG_FLOOR};
pub use session::Session;
pub use sieve::QuerySieve;
pub use spans::Spans;
pub use typo::osa_distance;

/// What the search needs to know of review state (`is:reviewed`, `label:x`...), so that the
/// search does not depend on how review state is stored.
pub trait ReviewLookup: Sync {
    fn is_reviewed(&self, doc: usize) -> bool;
    fn is_flagged(&self, doc: usize) -> bool;
    fn has_label(&self, doc: usize, label: &str) -> bool;
    fn has_note(&self, doc: usize) -> bool;
}

/// No review state: every review predicate is false.
pub struct NoReview;

impl ReviewLookup for NoReview {
    fn is_reviewed(&self, _: usize) -> bool {
        false
    }
    fn is_flagged(&self, _: usize) -> bool {
        false
    }
    fn has_label(&self, _: usize, _: &str) -> bool {
        false
    }
    fn has_note(&self, _: usize) -> bool {
        false
    }
}

/// One matching document and its score (higher is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub doc: u32,
    pub score: i64,
}

/// Folded copies of what queries look at, made once per corpus.
#[derive(Debug, Default)]
pub struct SearchIndex {
    tables: Tables,
    /// The last query compiled, so that `highlights` after `search` does not match the actor
    /// table again for every visible row.
    last: Mutex<Option<Arc<Compiled>>>,
}

impl SearchIndex {
    pub fn build(docs: &[Document], actors: &Actors) -> SearchIndex {
        // A copy, for the mentions move into the index (tests and benchmarks build this way).
        let index = SearchIndex { tables: Tables::build(docs, &mut actors.clone()), last: Mutex::new(None) };
        index.build_words();
        index
    }

    /// [`SearchIndex::build`] from the folded titles and bodies that
    /// [`crate::actors::analyse_folding`] made, one of each per document in corpus order; a
    /// count that does not match the corpus is ignored and the corpus folded again. The
    /// documents' mentions move from `actors` into the index ([`SearchIndex::mentions`]).
    pub fn build_folded(
        docs: &[Document],
        actors: &mut Actors,
        folds: crate::actors::FoldedFields,
    ) -> SearchIndex {
        let tables = if folds.titles.len() == docs.len() && folds.bodies.len() == docs.len() {
            let masks = folds.bodies.iter().map(FoldedText::body_mask).collect();
            // Bodies folded with their text are kept (a slice of documents: the index's own).
            let held = folds.bodies.iter().any(|body| !body.text.is_empty());
            let bodies = if held { folds.bodies } else { Vec::new() };
            Tables::build_folded(docs, docs, actors, TitleFolds::Folded(folds.titles), masks, bodies)
        } else {
            Tables::build(docs, actors)
        };
        SearchIndex { tables, last: Mutex::new(None) }
    }

    /// [`SearchIndex::build_folded`] from the bodies' masks only ([`FoldedText::body_mask`]):
    /// the index keeps `docs`, whose bodies its body tests read (folding them as they go),
    /// instead of a folded copy of every body. With `titles` (another index's of the same
    /// documents, [`SearchIndex::titles`]), the folds hold no title: the two indexes share
    /// those.
    pub fn build_on(
        docs: Arc<crate::corpus::Documents>,
        actors: &mut Actors,
        folds: crate::actors::Folds<BodyMask>,
        titles: Option<FoldedTitles>,
    ) -> SearchIndex {
        let titles = titles.map_or(TitleFolds::Folded(folds.titles), TitleFolds::Shared);
        SearchIndex { tables: Tables::build_on(docs, actors, titles, folds.bodies), last: Mutex::new(None) }
    }

    /// An index of the documents' titles (and dates) only: no actor, no body.
    pub fn titles_only(docs: &[Document]) -> SearchIndex {
        SearchIndex { tables: Tables::titles_only(docs), last: Mutex::new(None) }
    }

    /// The folded titles, to share with another index of the same documents.
    pub fn titles(&self) -> FoldedTitles {
        Arc::clone(&self.tables.titles)
    }

    /// [`SearchIndex::build_folded`] from bodies a [`BodyCounter`] counted and dropped: the
    /// index answers only the counter's query.
    pub fn build_counted(
        docs: &[Document],
        actors: &mut Actors,
        folds: crate::actors::Folds<BodyMask>,
        counter: BodyCounter,
    ) -> SearchIndex {
        let titles = TitleFolds::Folded(folds.titles);
        let mut tables = Tables::build_folded(docs, docs, actors, titles, folds.bodies, Vec::new());
        tables.body_counts = Some(counter.into_counts());
        SearchIndex { tables, last: Mutex::new(None) }
    }

    /// Whether the index holds the bodies (false when built for one query, see
    /// [`SearchIndex::build_counted`]): an index without them must not be cached.
    pub fn has_bodies(&self) -> bool {
        self.tables.body_counts.is_none()
    }

    /// The index as the cache stores it.
    /// A document's actors, most mentioned first (none out of range).
    pub fn doc_actors(&self, doc: usize) -> &[crate::actors::DocActor] {
        self.tables.entry(doc).actors
    }

    pub(crate) fn tables(&self) -> &Tables {
        &self.tables
    }

    /// An index from tables the cache read back.
    pub(crate) fn from_tables(tables: Tables) -> SearchIndex {
        SearchIndex { tables, last: Mutex::new(None) }
    }

    /// Builds the word index of the bodies, if it was not yet. Until then body tests scan the
    /// bodies (same results, slower). Searches started before keep scanning.
    pub fn build_words(&self) {
        self.tables.build_words();
    }

    /// Whether the word index of the bodies is built.
    pub fn has_words(&self) -> bool {
        self.tables.words.get().is_some()
    }

    /// Bytes held by the word index of the bodies (`words`).
    pub fn word_index_bytes(&self) -> usize {
        self.tables.words.get().map_or(0, BodyWords::heap_bytes)
    }

    /// How many documents the index holds.
    pub fn len(&self) -> usize {
        self.tables.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tables.is_empty()
    }

    /// Documents matching `query`, best first; ties keep corpus order. An empty query gives
    /// every document, in corpus order, with score 0.
    pub fn search(&self, query: &Query, review: &dyn ReviewLookup) -> Vec<Hit> {
        if query.is_empty() {
            return (0..self.len() as u32).map(|doc| Hit { doc, score: 0 }).collect();
        }
        rank::rank(&self.tables, &self.compiled(query), review)
    }

    /// Byte ranges of `doc`'s title or body that the query matched, to highlight: sorted,
    /// merged, on character boundaries of the original text.
    pub fn highlights(&self, query: &Query, doc: usize, field: Field) -> Vec<Range<usize>> {
        match (doc < self.len()).then(|| self.tables.entry(doc)) {
            Some(entry) if !query.is_empty() => {
                // A body the entry does not hold is folded again: one article, on screen.
                let folded;
                let text = match (&self.tables.originals, field) {
                    (Some(originals), Field::Body) => {
                        folded = FoldedText::new(originals.0.body(doc));
                        &folded
                    }
                    _ => self.tables.field(doc, field),
                };
                highlight::highlights(entry, text, &self.compiled(query), field)
            }
            _ => Vec::new(),
        }
    }

    /// Document `doc`'s actor mentions: those of the title, then those of the body, each in
    /// text order (empty for a document out of range).
    pub fn mentions(&self, doc: usize) -> Vec<Span> {
        self.tables.docs.get(doc).map_or_else(Vec::new, |e| e.mentions.unpack())
    }

    /// Forgets the last compiled query, so that the next search compiles its query again
    /// (benchmarks: a keystroke's query is new, and compiling it looks up the word index).
    pub fn forget_compiled(&self) {
        *self.last.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
    }

    pub(crate) fn compiled(&self, query: &Query) -> Arc<Compiled> {
        // A poisoned cache only means another thread panicked mid-store: recompile.
        let mut last = match self.last.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        match last.as_ref() {
            Some(c) if c.query.groups == query.groups => Arc::clone(c),
            _ => {
                let c = Arc::new(Compiled::new(query, &self.tables));
                *last = Some(Arc::clone(&c));
                c
            }
        }
    }
}

#[cfg(test)]
mod tests;
