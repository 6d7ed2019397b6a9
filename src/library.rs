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

use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use crate::actors::{self, ActorId, ActorTable, DocActor, Gazetteer};
use crate::corpus::{BodySource, Document, Documents};
use crate::search::{BodyCounter, FoldedText, FoldedTitles, Query, SearchIndex};
use crate::text;

/// Body bytes up to which [`Discovery::Auto`] discovers names: about 0.3 s of CPU.
pub const DISCOVERY_AUTO_LIMIT: usize = 8 << 20;

/// Whether to discover names no gazetteer lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Discovery {
    Off,
    /// On for corpora up to [`DISCOVERY_AUTO_LIMIT`] bytes of body text.
    Auto,
    Always,
}

impl Discovery {
    /// Whether a load of `corpus_bytes` may be sieved ([`crate::search::QuerySieve`]):
    /// discovery, which reads every document, must be off, or likely skipped for the size.
    pub fn may_sieve(self, corpus_bytes: u64) -> bool {
        match self {
            Discovery::Off => true,
            Discovery::Auto => corpus_bytes > DISCOVERY_AUTO_LIMIT as u64,
            Discovery::Always => false,
        }
    }

    /// The discovery to build a sieved load's library with, given the body bytes of the whole
    /// corpus: off when it was to be skipped for the size (the library then says so), as asked
    /// when no body has text; `None` when discovery would run over the documents left out (the
    /// corpus must then be loaded whole).
    pub fn sieved(self, body_bytes: u64) -> Option<Discovery> {
        match self {
            Discovery::Auto if body_bytes > DISCOVERY_AUTO_LIMIT as u64 => Some(Discovery::Off),
            _ if body_bytes == 0 || self == Discovery::Off => Some(self),
            _ => None,
        }
    }

    /// Whether discovery runs over `docs`.
    pub fn applies(self, docs: &Documents) -> bool {
        match self {
            Discovery::Off => false,
            Discovery::Always => true,
            Discovery::Auto => {
                let mut bytes = 0;
                (0..docs.len()).all(|d| {
                    bytes += docs.body_len(d);
                    bytes <= DISCOVERY_AUTO_LIMIT
                })
            }
        }
    }
}

/// Documents a library is built from: its own (a vector, or [`Documents`] whose bodies may be
/// spilled to a file), or shared with another library (a titles-only one).
pub trait IntoDocuments {
    fn into_shared(self) -> Arc<Documents>;
}

impl IntoDocuments for Vec<Document> {
    fn into_shared(self) -> Arc<Documents> {
        Arc::new(self.into())
    }
}

impl IntoDocuments for Documents {
    fn into_shared(self) -> Arc<Documents> {
        Arc::new(self)
    }
}

impl IntoDocuments for Arc<Documents> {
    fn into_shared(self) -> Arc<Documents> {
        self
    }
}

/// What a library built for one search keeps of the documents' bodies once they are analysed
/// (see [`Library::open_for_query`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bodies {
    /// Kept: the search prints whole documents (JSON, CSV, actors, sorted by a field).
    Kept,
    /// Dropped, with the mentions in them: the search prints ids and titles. `hashed`: the
    /// review content hashes are made first (a review file is to be joined).
    Dropped { hashed: bool },
}

pub struct Library {
    /// Shared with the titles-only library shown while this one was built. Their bodies are
    /// read through [`Library::body`] (they may be kept in a file, the documents' own empty).
    pub docs: Arc<Documents>,
    /// The actor table. Each document's actors ([`Library::doc_actors`]) and mentions
    /// ([`SearchIndex::mentions`]) are the search index's, not kept twice.
    pub actors: ActorTable,
    pub index: SearchIndex,
    /// Display width of the longest date (0 when no document has one), for the list's column.
    pub date_width: usize,
    /// Whether discovery ran (false when off, or skipped by [`Discovery::Auto`] on a large corpus).
    pub discovered: bool,
    /// Whether [`Discovery::Auto`] skipped discovery for the corpus's size (the screen and the
    /// headless mode say so, and how to ask for it).
    pub discovery_skipped: bool,
    /// Each document's review content hash (`review::content_hash64`), made in parallel when
    /// first asked for (review opens, the index cache is written) and kept by the index cache.
    /// Hashing reads every body byte by byte: a tenth of a build, which a headless run with no
    /// review file and no cache never needs.
    pub(crate) content_hashes: OnceLock<Vec<u64>>,
}

fn hashes_of(docs: &Documents) -> Vec<u64> {
    docs.par_iter().enumerate().map(|(i, d)| crate::review::content_hash64(d.title(), docs.body(i))).collect()
}

/// Display width of the longest date.
fn date_width(docs: &[Document]) -> usize {
    docs.iter().filter_map(|d| d.date()).map(text::width).max().unwrap_or(0)
}

impl Library {
    pub fn build(docs: impl IntoDocuments, gazetteer: &Gazetteer) -> Library {
        Library::open(docs, gazetteer, Discovery::Auto)
    }

    /// Builds with discovery off, or on as [`Discovery::Auto`] decides.
    pub fn build_with(docs: impl IntoDocuments, gazetteer: &Gazetteer, discover: bool) -> Library {
        Library::open(docs, gazetteer, if discover { Discovery::Auto } else { Discovery::Off })
    }

    /// Extracts actors (folding every title and body once) and builds the search index from the
    /// same folded copies, word index of the bodies included.
    pub fn open(docs: impl IntoDocuments, gazetteer: &Gazetteer, discovery: Discovery) -> Library {
        let library = Library::open_reporting(docs, gazetteer, discovery, || {});
        library.index.build_words();
        library
    }

    /// [`Library::open`] but for the word index of the bodies, left for
    /// [`SearchIndex::build_words`] (the browser shows the library first: the word index takes
    /// a quarter of the build), calling `indexing` when the actors are found and the index
    /// build starts, so that a progress display can name the phase.
    pub fn open_reporting(
        docs: impl IntoDocuments,
        gazetteer: &Gazetteer,
        discovery: Discovery,
        indexing: impl FnOnce(),
    ) -> Library {
        Library::open_counting(docs.into_shared(), None, gazetteer, discovery, indexing, None)
    }

    /// [`Library::open_reporting`] for one search: the query's body tests are counted as each
    /// body is folded, and the folded bodies (about the corpus's size) are not kept (see
    /// [`BodyCounter`]). The library answers `query` only and must not be cached; a query
    /// that reads bodies otherwise (anchored terms) gets the whole library.
    pub fn open_for_query(
        docs: impl IntoDocuments,
        gazetteer: &Gazetteer,
        discovery: Discovery,
        query: &Query,
        bodies: Bodies,
        indexing: impl FnOnce(),
    ) -> Library {
        let docs = docs.into_shared();
        let counter = BodyCounter::for_query(query, docs.len()).map(|counter| (counter, bodies));
        Library::open_counting(docs, None, gazetteer, discovery, indexing, counter)
    }

    /// `titles`: the documents' titles folded already (see [`Library::completed`]), for a
    /// library that keeps its documents (no `counter`).
    fn open_counting(
        mut docs: Arc<Documents>,
        titles: Option<FoldedTitles>,
        gazetteer: &Gazetteer,
        discovery: Discovery,
        indexing: impl FnOnce(),
        counter: Option<(BodyCounter, Bodies)>,
    ) -> Library {
        let mut content_hashes = OnceLock::new();
        let discovered = discovery.applies(&docs);
        let discovery_skipped = discovery == Discovery::Auto && !discovered;
        let (index, actors) = match counter {
            None => {
                // The folded bodies are dropped as they are made: the index reads the documents.
                let keep =
                    actors::Keep { body: &|_, body: FoldedText| body.body_mask(), body_mentions: true };
                let (mut actors, folds) = actors::analyse_folding_in(
                    &docs,
                    &*docs,
                    titles.as_deref().map(Vec::as_slice),
                    gazetteer,
                    discovered,
                    keep,
                );
                indexing();
                (SearchIndex::build_on(Arc::clone(&docs), &mut actors, folds, titles), actors)
            }
            Some((counter, bodies)) => {
                assert!(titles.is_none(), "a search's own library folds its titles");
                // A search's own library: built from documents loaded for it, which hold their
                // bodies (only the browser spills them).
                assert!(!docs.is_spilled(), "a search's documents hold their bodies");
                let count = |doc: usize, body| counter.count(doc, body);
                let keep = actors::Keep { body: &count, body_mentions: bodies == Bodies::Kept };
                let (mut actors, folds) = actors::analyse_folding_with(&docs, gazetteer, discovered, keep);
                if let (Bodies::Dropped { hashed }, Some(all)) = (bodies, Arc::get_mut(&mut docs)) {
                    if hashed {
                        content_hashes = OnceLock::from(hashes_of(all));
                    }
                    all.drop_bodies();
                }
                indexing();
                (SearchIndex::build_counted(&docs, &mut actors, folds, counter), actors)
            }
        };
        Library {
            date_width: date_width(&docs),
            docs,
            actors: ActorTable { table: actors.table },
            index,
            discovered,
            discovery_skipped,
            content_hashes,
        }
    }

    /// The library as far as titles go: titles folded and indexed, no actors, bodies not
    /// searched, no content hashes (so no review state: hashing every body is a pass of its
    /// own). A large corpus shows it while [`Library::completed`] builds the rest (actor
    /// extraction over the bodies takes seconds per hundred megabytes), so that the list can be
    /// read and filtered by title from the start.
    pub fn titles_only(docs: impl IntoDocuments) -> Library {
        let docs = docs.into_shared();
        let index = SearchIndex::titles_only(&docs);
        let date_width = date_width(&docs);
        Library {
            date_width,
            docs,
            actors: ActorTable::default(),
            index,
            discovered: false,
            discovery_skipped: false,
            content_hashes: OnceLock::new(),
        }
    }

    /// The whole library of the documents of a [`Library::titles_only`] (shared, not copied),
    /// and of its folded titles (shared too: folded again, they took as much memory as the
    /// documents of a corpus of short records). Review content hashes made for this one are
    /// handed on.
    pub fn completed(&self, gazetteer: &Gazetteer, discovery: Discovery, indexing: impl FnOnce()) -> Library {
        let docs = Arc::clone(&self.docs);
        let titles = Some(self.index.titles());
        let library = Library::open_counting(docs, titles, gazetteer, discovery, indexing, None);
        if let Some(hashes) = self.content_hashes.get() {
            let _ = library.content_hashes.set(hashes.clone());
        }
        library
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Document `doc`'s body, wherever it is kept.
    pub fn body(&self, doc: usize) -> &str {
        self.docs.body(doc)
    }

    /// Each document's review content hash (see the field).
    pub fn content_hashes(&self) -> &[u64] {
        self.content_hashes.get_or_init(|| hashes_of(&self.docs))
    }

    /// The note saying that [`Discovery::Auto`] skipped discovery, if it did.
    pub fn discovery_note(&self) -> Option<String> {
        self.discovery_skipped.then(|| {
            format!(
                "note: names no gazetteer lists were not looked for: the corpus has over {} MB of \
                 text (--discover looks for them, about 36 ms of CPU per MB)",
                DISCOVERY_AUTO_LIMIT >> 20
            )
        })
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The names of a document's actors, most mentioned first.
    pub fn actor_names(&self, doc: usize) -> impl Iterator<Item = &str> {
        self.doc_actors(doc)
            .iter()
            .filter_map(|a| self.actors.table.get(a.actor as usize))
            .map(|info| info.name.as_str())
    }

    /// A document's actors, most mentioned first (none out of range, or in a titles-only
    /// library).
    pub fn doc_actors(&self, doc: usize) -> &[DocActor] {
        self.index.doc_actors(doc)
    }

    /// How many of the given documents mention each actor: most first, ties by name.
    pub fn doc_counts(&self, docs: impl Iterator<Item = usize>) -> Vec<(ActorId, u32)> {
        actors::doc_counts(&self.actors.table, docs.map(|doc| self.doc_actors(doc)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::Field;
    use crate::search::{NoReview, Query};

    #[test]
    fn a_load_is_sieved_only_where_discovery_cannot_read_the_documents_left_out() {
        let limit = DISCOVERY_AUTO_LIMIT as u64;
        assert!(Discovery::Off.may_sieve(1));
        assert!(!Discovery::Always.may_sieve(u64::MAX));
        assert!(!Discovery::Auto.may_sieve(limit), "a small corpus is discovered");
        assert!(Discovery::Auto.may_sieve(limit + 1));
        // Over the limit Auto skips discovery: off, and the library says it was skipped.
        assert_eq!(Discovery::Auto.sieved(limit + 1), Some(Discovery::Off));
        // No body text: discovery finds nothing wherever it runs.
        assert_eq!(Discovery::Auto.sieved(0), Some(Discovery::Auto));
        // Bodies under the limit: discovery would read the documents left out.
        assert_eq!(Discovery::Auto.sieved(limit), None);
        assert_eq!(Discovery::Off.sieved(limit), Some(Discovery::Off));
    }

    #[test]
    fn titles_only_searches_titles_and_completes_on_the_same_documents() {
        let docs = crate::corpus::embedded_seeds().docs;
        let gazetteer = Gazetteer::builtin();
        let titles = Library::titles_only(docs.clone());
        let search = |library: &Library, q: &str| library.index.search(&Query::parse(q), &NoReview);
        assert!(titles.actors.table.is_empty());
        assert!(search(&titles, "@poutine").is_empty(), "no actors yet");
        let title_word = titles.docs[0].title().split_whitespace().last().unwrap().to_string();
        assert!(!search(&titles, &title_word).is_empty());
        // Dates are there from the start, as titles are.
        let dated = search(&titles, "date:2019");
        assert!(!dated.is_empty() && dated.len() < titles.len(), "{dated:?}");
        let whole = titles.completed(&gazetteer, Discovery::Auto, || {});
        assert!(Arc::ptr_eq(&titles.docs, &whole.docs), "documents shared, not copied");
        assert!(Arc::ptr_eq(&titles.index.titles(), &whole.index.titles()), "folded titles shared");
        assert!(titles.content_hashes.get().is_none(), "no hashing for a titles-only library");
        assert_eq!(whole.content_hashes().len(), whole.len());
        assert_eq!(search(&whole, "date:2019"), dated);
        let direct = Library::open(docs, &gazetteer, Discovery::Auto);
        for q in [
            "@poutine",
            "idlib",
            "erdogan assad",
            "^idlib",
            "'turquie",
            "erdgoan",
            "date:2019 idlib",
            &title_word,
        ] {
            let hits = search(&whole, q);
            assert_eq!(hits, search(&direct, q), "{q}");
            for hit in hits {
                for field in [Field::Title, Field::Body] {
                    let lit = |library: &Library| {
                        library.index.highlights(&Query::parse(q), hit.doc as usize, field)
                    };
                    assert_eq!(lit(&whole), lit(&direct), "{q} {field:?}");
                }
            }
        }
        for doc in 0..whole.len() {
            assert_eq!(whole.index.mentions(doc), direct.index.mentions(doc), "mentions in titles too");
            assert_eq!(whole.doc_actors(doc), direct.doc_actors(doc));
        }
    }

    #[test]
    fn a_library_shown_before_its_word_index_finds_the_same_bodies() {
        let docs = crate::corpus::embedded_seeds().docs;
        let gazetteer = Gazetteer::builtin();
        let shown = Library::open_reporting(docs.clone(), &gazetteer, Discovery::Auto, || {});
        let whole = Library::open(docs, &gazetteer, Discovery::Auto);
        assert!(!shown.index.has_words() && whole.index.has_words());
        let search = |library: &Library, q: &str| library.index.search(&Query::parse(q), &NoReview);
        let queries = ["'turque", "convois", "kremlin 'ankara", "^idlib", "'l'onu"];
        let scanned: Vec<_> = queries.iter().map(|q| search(&shown, q)).collect();
        shown.index.build_words();
        assert!(shown.index.has_words());
        for (q, scanned) in queries.iter().zip(scanned) {
            assert!(!scanned.is_empty(), "{q}");
            assert_eq!(scanned, search(&whole, q), "{q}");
            shown.index.forget_compiled();
            assert_eq!(search(&shown, q), search(&whole, q), "{q}, the word index built");
        }
    }

    #[test]
    fn a_library_built_for_one_query_ranks_it_as_the_whole_library_does() {
        let docs = crate::corpus::embedded_seeds().docs;
        let gazetteer = Gazetteer::builtin();
        let whole = Library::open(docs.clone(), &gazetteer, Discovery::Auto);
        let queries = [
            "erdogan",
            "'turque",
            "convois idlib",
            "!convoi russie",
            "poutine | 'ankara",
            "@assad damas",
            "erdgoan",
            "^idlib",
            "zzzxq",
        ];
        let mut found = 0;
        for q in queries {
            let query = Query::parse(q);
            let one = Library::open_for_query(
                docs.clone(),
                &gazetteer,
                Discovery::Auto,
                &query,
                Bodies::Kept,
                || {},
            );
            let anchored = q.starts_with('^');
            assert_eq!(one.index.has_bodies(), anchored, "{q}: bodies dropped unless anchored");
            let folded_copies = !one.index.tables().folded_bodies.is_empty();
            assert!(!folded_copies, "{q}: read from the documents, anchored or counted");
            let hits = one.index.search(&query, &NoReview);
            assert_eq!(hits, whole.index.search(&query, &NoReview), "{q}");
            found += usize::from(!hits.is_empty());
            // Printing ids and titles only, the documents' bodies go too; hashed first.
            let lean = Bodies::Dropped { hashed: true };
            let headings =
                Library::open_for_query(docs.clone(), &gazetteer, Discovery::Auto, &query, lean, || {});
            assert_eq!(headings.index.search(&query, &NoReview), hits, "{q}");
            assert_eq!(headings.docs.iter().all(|d| d.body().is_empty()), !anchored, "{q}");
            assert_eq!(headings.content_hashes(), whole.content_hashes(), "{q}");
            let ids = |l: &Library| {
                l.docs.iter().map(|d| (d.id().to_string(), d.title().to_string())).collect::<Vec<_>>()
            };
            assert_eq!(ids(&headings), ids(&whole));
        }
        assert!(found >= queries.len() - 2, "the queries find documents ({found})");
    }

    #[test]
    fn the_actors_and_mentions_are_kept_by_the_index_as_the_analysis_found_them() {
        let docs = crate::corpus::embedded_seeds().docs;
        let gazetteer = Gazetteer::builtin();
        let analysed = actors::analyse_with(&docs, &gazetteer, true);
        let library = Library::open(docs, &gazetteer, Discovery::Always);
        assert_eq!(library.len(), analysed.per_doc.len());
        assert!(library.doc_actors(library.len()).is_empty(), "none past the end");
        for (doc, found) in analysed.per_doc.iter().enumerate() {
            let kept: Vec<_> =
                library.index.mentions(doc).iter().map(|m| (m.actor, m.field(), m.range())).collect();
            let found: Vec<_> = found.mentions.iter().map(|m| (m.actor, m.field, m.span())).collect();
            assert!(!found.is_empty());
            assert_eq!(kept, found, "document {doc}");
            assert_eq!(library.doc_actors(doc), analysed.per_doc.get(doc).actors, "most mentioned first");
        }
    }

    /// The seeds, twenty times over with distinct ids, as a JSON Lines file in `dir`.
    fn seeds_file(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut lines = String::new();
        for round in 0..20 {
            for d in crate::corpus::embedded_seeds().docs {
                let record = serde_json::json!({
                    "id": format!("{}-{round}", d.id()), "title": d.title(), "date": d.date(),
                    "source": d.source(), "body": d.body(), "actors": d.actors().join("; "),
                });
                lines.push_str(&record.to_string());
                lines.push('\n');
            }
        }
        let path = dir.join("seeds.jsonl");
        std::fs::write(&path, lines).unwrap();
        // Settled, as the index cache wants its inputs.
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options().append(true).open(&path).unwrap().set_modified(an_hour_ago).unwrap();
        vec![path]
    }

    #[test]
    fn a_library_of_spilled_bodies_answers_as_one_holding_them() {
        let dir = tempfile::tempdir().unwrap();
        let paths = seeds_file(dir.path());
        let held = crate::corpus::load_paths(&paths).unwrap().docs;
        let spill = crate::corpus::Spill::in_dir(dir.path()).unwrap();
        let plan = crate::corpus::Plan::new(&paths).unwrap();
        let (spilled, _, _) = plan.load_spilling(&Default::default(), spill).into_documents().unwrap();
        assert!(spilled.is_spilled() && spilled.iter().all(|d| d.body().is_empty()));
        let gazetteer = Gazetteer::builtin();
        let titles = Library::titles_only(spilled);
        // Discovery reads every body too.
        let lean = titles.completed(&gazetteer, Discovery::Always, || {});
        let whole = Library::open_reporting(held, &gazetteer, Discovery::Always, || {});
        assert_eq!(lean.actors.table, whole.actors.table);
        assert_eq!(lean.content_hashes(), whole.content_hashes());
        for doc in 0..whole.len() {
            assert_eq!(lean.body(doc), whole.body(doc));
            assert_eq!(lean.index.mentions(doc), whole.index.mentions(doc), "document {doc}");
        }
        let queries =
            ["'turque", "convois", "kremlin 'ankara", "^idlib", "@poutine", "erdogan assad", "zzzxq"];
        let check = |lean: &Library, whole: &Library| {
            for q in queries {
                let query = Query::parse(q);
                let hits = lean.index.search(&query, &NoReview);
                assert_eq!(hits, whole.index.search(&query, &NoReview), "{q}");
                for hit in hits.iter().take(5) {
                    for field in [actors::Field::Title, actors::Field::Body] {
                        let doc = hit.doc as usize;
                        let lit = lean.index.highlights(&query, doc, field);
                        assert_eq!(lit, whole.index.highlights(&query, doc, field), "{q}");
                    }
                }
            }
        };
        check(&lean, &whole);
        // Then with the bodies' word index, as the browser has it a moment later.
        lean.index.build_words();
        whole.index.build_words();
        check(&lean, &whole);
        // The index cache written from it holds the bodies themselves.
        let cache_dir = tempfile::tempdir().unwrap();
        let cache =
            crate::cache::IndexCache::in_dir(cache_dir.path(), &paths, &[], Discovery::Always).unwrap();
        assert!(cache.save(&lean, &[]).unwrap());
        let reopened = cache.load().expect("a current cache").library;
        assert_eq!(reopened.docs, whole.docs);
        check(&reopened, &whole);
    }
}
