//! Which documents could match a query, told from each document alone as the corpus is read,
//! so that a headless search without an index cache analyses and keeps only those
//! (`crate::corpus::Plan::load_sieved`, then `crate::library::Library::open_for_query`).
//!
//! A document's score depends on its own title, body and actors, and on the actor table only
//! through the quality of each of its actors. So a document can be left out when no group of
//! the query can pass for it:
//!
//! - the title and body tests are the search's own, exact;
//! - a gazetteer actor can make a term pass only when it is one the term matches, and then
//!   only if a key of its aliases is found in the text (an automaton over just those keys, each
//!   keeping every spelling it stands for, accepts what the whole automaton would) or a record
//!   name resolves to it;
//! - an actor a record names that no gazetteer lists is matched on the first spelling of its
//!   name in the corpus, which may be in another document. Spellings of one name differ only by
//!   separators (`alias_key`), so a term can match it only if the term's characters are among
//!   the name's and the separators: a mask test, which passes for every spelling alike.
//!
//! Left-out documents must not change the actor table where a kept document's score reads it:
//! a document with such a record name is kept even if it cannot match (it is then the first
//! spelling's witness, and simply not found). Discovered names are corpus-wide and are not
//! sieved for: the caller sieves only when discovery finds nothing (off, or skipped for the
//! corpus's size, or bodies empty). `@actor` terms fall back on typos when no actor of the
//! whole table matches, which one document cannot tell: such queries are not sieved.
//!
//! Coarser, a whole row can be ruled out by its folded mask alone (`rules_out_mask`): when it
//! holds neither a term's characters (separators added, for a record name spelled otherwise
//! elsewhere) nor a key of an actor some term matches. A CSV row is tested so before it is
//! split, and a search reopening the index cache tests each document's stored row mask so, to
//! decode only the search entries it may match: that mask also holds every spelling of every
//! actor the document mentions, so that discovered names (not sieved for here) are covered.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use aho_corasick::AhoCorasick;
use memchr::memmem;

use super::body::Body;
use super::compile::{Anchor, Pattern, anchored_in, fuzzy_actor_scores, text_actor_scores};
use super::fuzzy::{char_mask, may_contain};
use super::index::{ActorEntry, FoldedText};
use super::query::{Query, TermKind};
use super::screen::{WordMasks, fuzzy_compact_score};
use crate::actors::{ActorId, Extractor, Field, Gazetteer, KeyIndex, Mention, Prepared, alias_key};
use crate::corpus::{Names, Sieve};

/// The mask bits of the separators `alias_key` turns into spaces (spaces themselves have none).
fn separator_mask() -> u64 {
    char_mask("-'_`")
}

/// A positive text term, as the sieve tests it.
struct Term {
    /// `None`: fuzzy.
    anchor: Option<Anchor>,
    pattern: Pattern,
    /// Per gazetteer actor, whether the term matches one of its aliases.
    actors: Vec<bool>,
}

/// The query's sieve (see the module doc).
pub struct QuerySieve {
    /// The groups that can fail, each of positive text terms: a document is kept when every
    /// one has a term that may pass.
    groups: Vec<Vec<Term>>,
    /// The masks of every positive text term of the query (a record name that may match one
    /// keeps its document, see the module doc).
    term_masks: Vec<u64>,
    /// The keys of the gazetteer actors some term matches.
    extractor: Extractor,
    /// Masks of those keys: a record name can resolve to one only if its mask covers it.
    matched_key_masks: Vec<u64>,
    /// Masks of the keys the extractor searches: a text whose folded mask covers none of them
    /// is not searched.
    text_key_masks: Vec<u64>,
    /// The longest word of each of those keys that is ASCII (a key holding any other character
    /// cannot be in an ASCII text's fold, its lowercase): an ASCII text whose lowercase holds
    /// none of them is not searched, nor folded for the search.
    key_words: KeyWords,
    /// Alias key to gazetteer actor, as the analysis resolves record names (looked up for
    /// most record names: foldhash, not SipHash).
    keys: KeyIndex,
    separators: u64,
    /// This sieve's own number ([`NameMemo`]).
    id: u64,
}

/// How a record name may make a term pass.
#[derive(Clone, Copy)]
enum NameCounts {
    /// It cannot.
    Not,
    /// As this gazetteer actor (its key is one of the actor's).
    As(ActorId),
    /// As an actor of its own, of this mask (separators added).
    Record(u64),
}

/// Record names already told, per thread: records repeat a few names (four a row, a few
/// thousand distinct in a million rows), and keying each one again was a tenth of a search.
#[derive(Default)]
struct NameMemo {
    /// The [`QuerySieve::id`] the names were told for.
    sieve: u64,
    counts: HashMap<Box<str>, NameCounts, foldhash::fast::RandomState>,
}

impl NameMemo {
    /// Names told at most: past them, names are told each time (a corpus of distinct names
    /// would otherwise be held twice).
    const CAPACITY: usize = 1 << 16;
}

thread_local! {
    static NAMES: RefCell<NameMemo> = RefCell::default();
}

/// Sieve ids, so that a thread's [`NameMemo`] is never read for another sieve.
static SIEVES: AtomicU64 = AtomicU64::new(1);

/// What one document's actors may be, as far as the sieve needs to know.
#[derive(Default)]
struct MayHave {
    /// Gazetteer actors found in the text or named by the record.
    gazetteer: Vec<ActorId>,
    /// The masks (separators added) of record names no gazetteer lists.
    records: Vec<u64>,
}

impl QuerySieve {
    /// The sieve for `query` over corpora analysed with `gazetteer`, or `None` when the query
    /// cannot be sieved (an `@actor` term) or keeps every document anyway (no group that can
    /// fail on its text).
    pub fn new(query: &Query, gazetteer: &Gazetteer) -> Option<QuerySieve> {
        let table: Vec<ActorEntry> = gazetteer.entries.iter().map(ActorEntry::of).collect();
        let mut groups = Vec::new();
        let mut term_masks = Vec::new();
        for group in &query.groups {
            let mut terms = Vec::new();
            let mut always = false;
            for term in &group.terms {
                let (anchor, text) = match &term.kind {
                    TermKind::Actor(_) => return None,
                    _ if term.negated => {
                        always = true;
                        continue;
                    }
                    TermKind::Fuzzy(p) => (None, p),
                    TermKind::Exact(p) => (Some(Anchor::Anywhere), p),
                    TermKind::Prefix(p) => (Some(Anchor::Start), p),
                    TermKind::Suffix(p) => (Some(Anchor::End), p),
                    TermKind::Whole(p) => (Some(Anchor::Whole), p),
                    _ => {
                        always = true;
                        continue;
                    }
                };
                let scores = match anchor {
                    None => fuzzy_actor_scores(&table, text, false),
                    Some(anchor) => text_actor_scores(&table, anchor, text),
                };
                let pattern = Pattern::new(text);
                term_masks.push(pattern.mask);
                terms.push(Term { anchor, pattern, actors: scores.iter().map(Option::is_some).collect() });
            }
            if !always {
                groups.push(terms);
            }
        }
        if groups.is_empty() {
            return None;
        }
        let matched = |id: ActorId| groups.iter().flatten().any(|t: &Term| t.actors[id as usize]);
        let extractor = Extractor::new_for(&gazetteer.entries, &gazetteer.rules, matched);
        let text_keys = extractor.keys();
        let text_key_masks = text_keys.iter().map(|key| char_mask(key)).collect();
        let key_words = text_keys.iter().filter(|key| key.is_ascii());
        let key_words = KeyWords::new(key_words.filter_map(|key| key.split(' ').max_by_key(|w| w.len())));
        let keys = gazetteer.key_index();
        let matched_key_masks =
            keys.iter().filter(|&(_, &id)| matched(id as ActorId)).map(|(key, _)| char_mask(key)).collect();
        Some(QuerySieve {
            groups,
            term_masks,
            extractor,
            matched_key_masks,
            text_key_masks,
            key_words,
            keys,
            separators: separator_mask(),
            id: SIEVES.fetch_add(1, Ordering::Relaxed),
        })
    }

    /// The document's possible actors: gazetteer actors found in its text or named by its
    /// record, and the masks of its record's other names.
    fn may_have(&self, doc: &Doc, actors: Names) -> MayHave {
        let mut may = MayHave::default();
        if !self.extractor.is_empty() {
            let mut mentions: Vec<Mention> = Vec::new();
            for field in [Field::Title, Field::Body] {
                if !self.text_key_masks.iter().any(|&m| doc.field_may(field, m))
                    || doc.is_ascii(field) && !self.key_words.in_ascii(doc.text(field))
                {
                    continue;
                }
                let (original, folded) = doc.field(field);
                if !original.is_empty() {
                    let prepared = Prepared::of(std::borrow::Cow::Borrowed(folded));
                    self.extractor.find(original, &prepared, field, &mut mentions);
                }
            }
            may.gazetteer.extend(mentions.iter().map(|m| m.actor));
        }
        // Each name's mask is within the whole field's: most fields rule every name out at once.
        if actors.whole().is_some_and(|whole| !self.name_may_count(FoldedText::mask_of(whole))) {
            return may;
        }
        NAMES.with_borrow_mut(|memo| {
            if memo.sieve != self.id {
                *memo = NameMemo { sieve: self.id, ..NameMemo::default() };
            }
            actors.each(&mut |name| {
                let counts = match memo.counts.get(name) {
                    Some(&counts) => counts,
                    None => {
                        let counts = self.name_counts(name);
                        if memo.counts.len() < NameMemo::CAPACITY {
                            memo.counts.insert(name.into(), counts);
                        }
                        counts
                    }
                };
                match counts {
                    NameCounts::Not => {}
                    NameCounts::As(id) => may.gazetteer.push(id),
                    NameCounts::Record(mask) => may.records.push(mask),
                }
            });
        });
        may
    }

    /// How a record name may count for the query (see [`NameCounts`]).
    fn name_counts(&self, name: &str) -> NameCounts {
        let mask = FoldedText::mask_of(name);
        if !self.name_may_count(mask) {
            return NameCounts::Not;
        }
        let key = alias_key(name);
        if key.is_empty() {
            return NameCounts::Not;
        }
        match self.keys.get(&key) {
            Some(&id) => NameCounts::As(id as ActorId),
            None => NameCounts::Record(mask | self.separators),
        }
    }

    /// Whether a record name of this (folded) mask may match a term, as an actor of its own or
    /// as the gazetteer actor it may resolve to.
    fn name_may_count(&self, mask: u64) -> bool {
        let with_separators = mask | self.separators;
        self.term_masks.iter().any(|&m| may_contain(with_separators, m))
            || self.matched_key_masks.iter().any(|&m| may_contain(mask, m))
    }

    /// Whether the term passes on the title or the body (the search's own tests), folding
    /// them only when their masks allow the pattern.
    fn in_text(t: &Term, doc: &Doc) -> bool {
        let p = &t.pattern;
        let in_title = doc.title_may(p.mask)
            // A fuzzy match is a subsequence of the folded title, which an ASCII title is
            // lowercased: told on the title as it is, before it is folded and screened.
            && (t.anchor.is_some() || !doc.title_ascii || ascii_subsequence(p.text.as_bytes(), doc.title.as_bytes()))
            && {
            let (_, title) = doc.field(Field::Title);
            match t.anchor {
                None => fuzzy_compact_score(&title.text, &WordMasks::new(&title.text), &p.fuzzy).is_some(),
                Some(Anchor::Anywhere) => p.finder().find(title.text.as_bytes()).is_some(),
                Some(anchor) => anchored_in(&title.text, anchor, &p.text),
            }
        };
        in_title
            || doc.body_may(p.mask)
                && match t.anchor {
                    // Its mask allows the pattern (tested above): the original read as it is folded.
                    None | Some(Anchor::Anywhere) => p.scan_count(doc.original_body(), u64::MAX) > 0,
                    Some(anchor) => doc.original_body().anchored(anchor, &p.text),
                }
    }

    /// Whether one of the document's possible actors may make the term pass.
    fn in_actors(t: &Term, may: &MayHave) -> bool {
        may.gazetteer.iter().any(|&id| t.actors[id as usize])
            || may.records.iter().any(|&m| may_contain(m, t.pattern.mask))
    }
}

/// Words (folded, ASCII) looked for in ASCII texts, ignoring case. They are matched on a
/// lowercased copy: a case-insensitive automaton does without its vectorised prefilter.
enum KeyWords {
    /// A few: one substring search each (which starts from the word's rarest bytes).
    Few(Vec<memmem::Finder<'static>>),
    Many(AhoCorasick),
    /// Too many for an automaton: every text may hold one.
    Any,
}

impl KeyWords {
    fn new<'a>(words: impl Iterator<Item = &'a str>) -> KeyWords {
        let mut words: Vec<&str> = words.collect();
        // Keys of one actor share their longest word ("recep tayyip erdogan", "erdogan").
        words.sort_unstable();
        words.dedup();
        if words.len() <= 4 {
            return KeyWords::Few(
                words.iter().map(|w| memmem::Finder::new(w.as_bytes()).into_owned()).collect(),
            );
        }
        AhoCorasick::new(words).map_or(KeyWords::Any, KeyWords::Many)
    }

    /// Whether ASCII `text` lowercased holds one of the words.
    fn in_ascii(&self, text: &str) -> bool {
        if let KeyWords::Any = self {
            return true;
        }
        LOWERCASE.with_borrow_mut(|buffer| {
            buffer.clear();
            buffer.extend_from_slice(text.as_bytes());
            buffer.make_ascii_lowercase();
            match self {
                KeyWords::Few(finders) => finders.iter().any(|f| f.find(buffer).is_some()),
                KeyWords::Many(automaton) => automaton.is_match(&buffer[..]),
                KeyWords::Any => true,
            }
        })
    }
}

thread_local! {
    /// The lowercase of the text [`KeyWords::in_ascii`] reads, reused from text to text.
    static LOWERCASE: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Whether `folded`'s bytes occur in order in ASCII `text` lowercased.
fn ascii_subsequence(folded: &[u8], text: &[u8]) -> bool {
    let mut rest = text.iter();
    folded.iter().all(|&b| rest.any(|&t| t.to_ascii_lowercase() == b))
}

/// One document as the sieve reads it: its texts, their masks, their folded forms when needed.
struct Doc<'a> {
    title: &'a str,
    body: &'a str,
    /// Masks of the folded texts, and whether each text is ASCII (its fold its lowercase).
    title_mask: u64,
    body_mask: u64,
    title_ascii: bool,
    body_ascii: bool,
    folded_title: OnceCell<FoldedText>,
    folded_body: OnceCell<FoldedText>,
}

impl<'a> Doc<'a> {
    fn new(title: &'a str, body: &'a str) -> Doc<'a> {
        let mask = FoldedText::mask_and_ascii;
        let ((title_mask, title_ascii), (body_mask, body_ascii)) = (mask(title), mask(body));
        Doc {
            title,
            body,
            title_mask,
            body_mask,
            title_ascii,
            body_ascii,
            folded_title: OnceCell::new(),
            folded_body: OnceCell::new(),
        }
    }

    /// Whether the title may hold a pattern of this mask.
    fn title_may(&self, mask: u64) -> bool {
        may_contain(self.title_mask, mask)
    }

    fn body_may(&self, mask: u64) -> bool {
        may_contain(self.body_mask, mask)
    }

    fn is_ascii(&self, field: Field) -> bool {
        match field {
            Field::Title => self.title_ascii,
            Field::Body => self.body_ascii,
        }
    }

    fn text(&self, field: Field) -> &'a str {
        match field {
            Field::Title => self.title,
            Field::Body => self.body,
        }
    }

    fn field_may(&self, field: Field, mask: u64) -> bool {
        match field {
            Field::Title => self.title_may(mask),
            Field::Body => self.body_may(mask),
        }
    }

    /// The body as body tests read an original.
    fn original_body(&self) -> Body<'a> {
        Body::Original { text: self.body, ascii: self.body_ascii }
    }

    /// A field's original text and its folded form (folded at first use).
    fn field(&self, field: Field) -> (&'a str, &FoldedText) {
        match field {
            Field::Title => (self.title, self.folded_title.get_or_init(|| FoldedText::new(self.title))),
            Field::Body => (self.body, self.folded_body.get_or_init(|| FoldedText::new(self.body))),
        }
    }
}

impl Sieve for QuerySieve {
    fn keeps(&self, title: &str, body: &str, actors: Names) -> bool {
        let doc = Doc::new(title, body);
        let mut actors = Some(actors);
        let mut may: Option<MayHave> = None;
        for group in &self.groups {
            if group.iter().any(|t| QuerySieve::in_text(t, &doc)) {
                continue;
            }
            let may = may.get_or_insert_with(|| self.may_have(&doc, actors.take().expect("read once")));
            if group.iter().any(|t| QuerySieve::in_actors(t, may)) {
                continue;
            }
            // A record name that may match some term keeps its document all the same.
            return may.records.iter().any(|&m| self.term_masks.iter().any(|&t| may_contain(m, t)));
        }
        true
    }

    /// No value within `text` holds what any term needs (its characters, a record name's
    /// separators added), nor a key of an actor some term matches: every test `keeps` makes
    /// on a value's mask would fail on it.
    fn rules_out(&self, text: &str) -> bool {
        self.rules_out_mask(FoldedText::mask_of(text))
    }
}

impl QuerySieve {
    /// [`Sieve::rules_out`] for a text of this folded mask (a document's row mask, say: its
    /// title's, body's and record names' masks OR'd, as the index cache stores it).
    pub fn rules_out_mask(&self, mask: u64) -> bool {
        !self.term_masks.iter().any(|&m| may_contain(mask | self.separators, m))
            && !self.text_key_masks.iter().any(|&m| may_contain(mask, m))
            && !self.matched_key_masks.iter().any(|&m| may_contain(mask, m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{ActorNames, DocParts, Document};
    use crate::library::{Bodies, Discovery, Library};
    use crate::search::{Hit, NoReview};
    use proptest::prelude::*;

    /// The hits of `q` over `docs`, by the whole library and by the library of the documents
    /// the sieve keeps (its hits mapped back); and how many documents were kept.
    fn both(docs: &[Document], q: &str, gazetteer: &Gazetteer) -> (Vec<Hit>, Vec<Hit>, usize) {
        let query = Query::parse(q);
        let whole = Library::open(docs.to_vec(), gazetteer, Discovery::Off);
        let expected = whole.index.search(&query, &NoReview);
        let Some(sieve) = QuerySieve::new(&query, gazetteer) else {
            return (expected.clone(), expected, docs.len());
        };
        let kept: Vec<usize> = (0..docs.len())
            .filter(|&i| {
                let d = &docs[i];
                let keeps = sieve.keeps(d.title(), d.body(), Names::Each(d.actors()));
                // A row whose text is ruled out as a whole is never one the sieve keeps.
                assert!(!(keeps && sieve.rules_out(&row(d))), "{q}: {:?} ruled out", row(d));
                keeps
            })
            .collect();
        let sub: Vec<Document> = kept.iter().map(|&i| docs[i].clone()).collect();
        let lean = Bodies::Dropped { hashed: false };
        let library = Library::open_for_query(sub, gazetteer, Discovery::Off, &query, lean, || {});
        let hits = library
            .index
            .search(&query, &NoReview)
            .into_iter()
            .map(|h| Hit { doc: kept[h.doc as usize] as u32, score: h.score })
            .collect();
        (expected, hits, kept.len())
    }

    /// A CSV row of the document's values.
    fn row(d: &Document) -> String {
        format!("{},{},{},{}", d.id(), d.title(), d.body(), d.actors().join("; "))
    }

    fn doc(title: &str, body: &str, actors: &[&str]) -> Document {
        let actors: ActorNames = actors.iter().collect();
        Document::new(DocParts { id: title, title, body, actors: actors.as_list(), ..DocParts::default() })
    }

    #[test]
    fn the_seeds_rank_as_the_whole_library_does_and_most_are_left_out_of_selective_queries() {
        let docs = crate::corpus::embedded_seeds().docs;
        let gazetteer = Gazetteer::builtin();
        for q in [
            "erdogan",
            "vladimir",
            "'turque",
            "convois idlib",
            "!convoi russie",
            "^idlib",
            "kremlin$",
            "zzzxq",
        ] {
            let (expected, hits, _) = both(&docs, q, &gazetteer);
            assert_eq!(hits, expected, "{q}");
        }
        let (_, _, kept) = both(&docs, "zzzxq", &gazetteer);
        assert_eq!(kept, 0);
        let sieve = QuerySieve::new(&Query::parse("zzzxq"), &gazetteer).expect("a sieve");
        assert!(sieve.rules_out("1,Talks in Sochi,Poutine a reçu,Dmitri Peskov"), "no z in the row");
        let sieve = QuerySieve::new(&Query::parse("vladimir"), &gazetteer).expect("a sieve");
        assert!(!sieve.rules_out("Talks in Sochi,Poutine a reçu"), "an alias's key is in the row");
        // A record name's actor may be named by another spelling, with separators.
        let sieve = QuerySieve::new(&Query::parse("'al-z"), &gazetteer).expect("a sieve");
        assert!(!sieve.rules_out("1,Talks,Al Zal"));
        assert!(sieve.rules_out("1,Talks,Al Bal"));
    }

    #[test]
    fn gazetteer_actors_found_in_the_text_or_named_by_the_record_keep_their_documents() {
        let gazetteer = Gazetteer::builtin();
        let docs = [
            doc("Talks in Sochi", "Poutine a reçu son homologue.", &[]),
            doc("Talks in Sochi", "", &["Poutine"]),
            doc("Talks in Sochi", "Nothing here.", &[]),
        ];
        let (expected, hits, kept) = both(&docs, "vladimir", &gazetteer);
        assert_eq!(hits, expected);
        assert_eq!(expected.iter().map(|h| h.doc).collect::<Vec<_>>(), [0, 1], "found through the actor");
        assert_eq!(kept, 2);
    }

    #[test]
    fn a_record_name_spelled_first_in_a_document_left_out_keeps_that_document() {
        let gazetteer = Gazetteer::builtin();
        // The actor (no gazetteer lists it) is named by the first spelling ("Karim al-Zubayri"),
        // which "al-z" matches and the second does not: the first document cannot match
        // "idlib" but is kept for it.
        let docs = [
            doc("Geneva talks", "", &["Karim al-Zubayri"]),
            doc("Idlib shelled", "", &["Karim al Zubayri"]),
            doc("Geneva talks", "", &["Zahran Allouch"]),
        ];
        let (expected, hits, kept) = both(&docs, "idlib 'al-z", &gazetteer);
        assert_eq!(hits, expected);
        assert_eq!(expected.len(), 1);
        assert_eq!(kept, 2, "the first spelling's document is kept, the unrelated one is not");
    }

    #[test]
    fn a_thread_tells_each_sieve_its_own_verdict_on_a_record_name() {
        let gazetteer = Gazetteer::builtin();
        let erdogan = QuerySieve::new(&Query::parse("erdogan"), &gazetteer).expect("a sieve");
        let putin = QuerySieve::new(&Query::parse("putin"), &gazetteer).expect("a sieve");
        let names = ActorNames::from(["Vladimir Putin"]);
        let keeps = |sieve: &QuerySieve| sieve.keeps("Talks in Sochi", "", Names::Each(names.as_list()));
        // Alternating on one thread: a name told for one sieve is told again for the other.
        for _ in 0..2 {
            assert!(!keeps(&erdogan));
            assert!(keeps(&putin));
        }
    }

    #[test]
    fn an_ascii_text_holding_a_key_in_any_case_is_searched_for_it() {
        let gazetteer = Gazetteer::builtin();
        // "tayyip" matches Erdoğan's names alone, whose keys' longest words are few: one
        // substring search each. "vladimir" matches several actors' names: one automaton.
        let cases = [
            ("tayyip", ["ERDOGAN in Ankara", "Talks: Erdogan", "Erdoğan à Ankara", "erdogan."]),
            ("vladimir", ["PUTIN in Sochi", "Talks: Putin", "Poutine à Sotchi", "putin."]),
        ];
        for (q, titles) in cases {
            let sieve = QuerySieve::new(&Query::parse(q), &gazetteer).expect("a sieve");
            for title in titles {
                assert!(sieve.keeps(title, "", Names::Field("")), "{q}: {title}");
                assert!(sieve.keeps("Talks", title, Names::Field("")), "{q}: body {title}");
            }
            assert!(!sieve.keeps("Talks in Sochi", "Nothing here.", Names::Field("")), "{q}");
        }
    }

    const WORDS: &[&str] = &[
        "Erdogan", "Erdoğan", "Poutine", "Putin", "Assad", "al-Assad", "Idlib", "Hadi", "al-Bahra", "l'ONU",
        "ONU", "Kremlin", "Ankara", "rebels", "x-ray", "Peskov", "Damas", "É", "œuvre",
    ];
    const NAMES: &[&str] = &[
        "Hadi al-Bahra",
        "Hadi al Bahra",
        "HADI AL-BAHRA",
        "Poutine",
        "Recep Tayyip Erdogan",
        "Zahran Allouch",
        "Zahran  Allouch",
        "l'ONU",
        "Peskov",
        "Dmitri Peskov",
    ];
    const QUERIES: &[&str] = &[
        "erdogan",
        "'bahra",
        "^hadi",
        "allouch$",
        "'l onu",
        "vladimir",
        "putin",
        "al-b",
        "hadi al",
        "!idlib",
        "onu | kremlin",
        "zzzxq",
        "a",
        "ba",
        "^'damas'$",
        "peskov ankara",
        "oeuvre",
        "!assad rebels",
    ];

    fn text(words: &[usize]) -> String {
        crate::search::tests::words_text(WORDS, words)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn any_corpus_ranks_as_the_whole_library_does(
            docs in prop::collection::vec(
                (
                    prop::collection::vec(0..WORDS.len(), 1..5),
                    prop::collection::vec(0..WORDS.len(), 0..6),
                    prop::collection::vec(0..NAMES.len(), 0..3),
                ),
                1..24,
            )
        ) {
            let gazetteer = Gazetteer::builtin();
            let docs: Vec<Document> = docs
                .iter()
                .map(|(t, b, a)| {
                    let names: Vec<&str> = a.iter().map(|&n| NAMES[n]).collect();
                    doc(&text(t), &text(b), &names)
                })
                .collect();
            for q in QUERIES {
                let (expected, hits, _) = both(&docs, q, &gazetteer);
                prop_assert_eq!(hits, expected, "{}", q);
            }
        }
    }
}
