//! What the search keeps per corpus: folded copies of titles and actor aliases, with character
//! masks and a compact map from folded to original offsets; of each body its mask only (body
//! tests read the documents' own bodies, `super::body`); each document's actors and mention
//! spans, an inverted index from actor to documents, and one of the bodies' words (`words`).
//! Built once, in parallel.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::body::Body;
use super::entries::{DocEntries, DocEntry, EntryChunk};
use super::fuzzy::{ascii_folded_mask, char_mask};
use super::screen::WordMasks;
use super::spans::SpanList;
use super::words::BodyWords;
use crate::actors::{ActorId, Actors, DocActor, DocActors, DocList, Field, Mention};
use crate::corpus::{BodySource, Document, Documents};
use crate::text::{char_positions_to_byte_ranges, fold, fold_char_into};

/// A folded text, its character mask, and just enough to map folded offsets back.
///
/// `crate::text::Folded` keeps a `u32` per folded byte: five times the text. Here only the
/// characters whose folded form is not one character of the same byte length (é → e, œ → oe,
/// combining marks → nothing) are recorded; between them offsets shift by a constant. French
/// and English text needs a few percent extra; Cyrillic and Arabic, which fold to same-length
/// characters, need none.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FoldedText {
    pub text: Box<str>,
    pub mask: u64,
    /// Whether the original is ASCII (then the folded text is it lowercased): a body test
    /// reading the original searches it ignoring ASCII case (see `super::body`). False is
    /// always safe.
    pub ascii: bool,
    /// Boxed twice so that the common case, none, takes 8 bytes (a boxed slice takes 16): a
    /// million titles hold a million of these.
    jumps: Option<Box<Box<[Jump]>>>,
}

/// One original character whose folded bytes do not map one to one.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct Jump {
    folded: u32,
    original: u32,
    folded_len: u8,
    original_len: u8,
}

impl Jump {
    fn folded_end(&self) -> usize {
        self.folded as usize + self.folded_len as usize
    }
    fn original_end(&self) -> usize {
        self.original as usize + self.original_len as usize
    }
}

impl FoldedText {
    /// The mask [`FoldedText::new`] would give `original`, without folding it into a new text
    /// (a sieve tests every document's masks, and keeps few).
    pub fn mask_of(original: &str) -> u64 {
        FoldedText::mask_and_ascii(original).0
    }

    /// [`FoldedText::mask_of`], and whether `original` is ASCII (told by the same pass).
    pub fn mask_and_ascii(original: &str) -> (u64, bool) {
        // Most texts are ASCII: one pass, without looking for the characters to fold.
        if let Some(mask) = ascii_folded_mask(original) {
            return (mask, true);
        }
        let (mut mask, mut folded, mut rest) = (0, String::new(), original);
        loop {
            let run = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
            mask |= ascii_folded_mask(&rest[..run]).unwrap_or_default();
            rest = &rest[run..];
            let Some(c) = rest.chars().next() else { break };
            folded.clear();
            fold_char_into(c, &mut folded);
            mask |= char_mask(&folded);
            rest = &rest[c.len_utf8()..];
        }
        (mask, false)
    }

    pub fn new(original: &str) -> FoldedText {
        let mut text = String::with_capacity(original.len());
        let mut jumps = Vec::new();
        let (mut offset, mut ascii) = (0, true);
        loop {
            // A run of ASCII folds byte for byte (lowercase, offsets unchanged): copied and
            // lowercased in bulk, since bodies are mostly ASCII and folding every character
            // one by one was a fifth of building a library.
            let rest = &original[offset..];
            let run = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
            let before = text.len();
            text.push_str(&rest[..run]);
            text[before..].make_ascii_lowercase();
            offset += run;
            let Some(c) = rest[run..].chars().next() else { break };
            ascii = false;
            let before = text.len();
            fold_char_into(c, &mut text);
            let folded = &text[before..];
            let one_to_one = folded.len() == c.len_utf8() && folded.chars().nth(1).is_none();
            if !one_to_one {
                jumps.push(Jump {
                    folded: before as u32,
                    original: offset as u32,
                    folded_len: folded.len() as u8,
                    original_len: c.len_utf8() as u8,
                });
            }
            offset += c.len_utf8();
        }
        FoldedText {
            mask: char_mask(&text),
            ascii,
            text: text.into_boxed_str(),
            jumps: (!jumps.is_empty()).then(|| Box::new(jumps.into_boxed_slice())),
        }
    }

    /// The original range that produced folded range `r` (whose ends are folded char
    /// boundaries); a range covering part of an expansion (the `o` of œ → oe) covers the whole
    /// original character. Agrees with `crate::text::Folded::original_range`.
    pub fn original_range(&self, r: Range<usize>) -> Range<usize> {
        let jumps: &[Jump] = self.jumps.as_deref().map_or(&[], |jumps| jumps);
        let start = {
            let k = jumps.partition_point(|j| j.folded as usize <= r.start);
            match k.checked_sub(1).map(|k| jumps[k]) {
                None => r.start,
                Some(j) if r.start < j.folded_end() => j.original as usize,
                Some(j) => j.original_end() + (r.start - j.folded_end()),
            }
        };
        let end = {
            // An end inside an expansion moves to its end; marks folded to nothing right after
            // the end belong to the last character.
            let k = jumps.partition_point(|j| (j.folded as usize) < r.end);
            let end = match k.checked_sub(1).map(|k| jumps[k]) {
                Some(j) if r.end < j.folded_end() => j.folded_end(),
                _ => r.end,
            };
            let k = jumps.partition_point(|j| {
                (j.folded as usize) < end || (j.folded as usize == end && j.folded_len == 0)
            });
            match k.checked_sub(1).map(|k| jumps[k]) {
                None => end,
                Some(j) => j.original_end() + (end - j.folded_end()),
            }
        };
        start..end.max(start)
    }

    /// What a [`DocEntry`] keeps of its body.
    pub fn body_mask(&self) -> BodyMask {
        BodyMask { mask: self.mask, ascii: self.ascii }
    }

    /// Folded char indices (as the fuzzy matcher reports them) to merged original ranges.
    pub fn original_ranges_of_chars(&self, indices: &[usize]) -> Vec<Range<usize>> {
        char_positions_to_byte_ranges(&self.text, indices)
            .into_iter()
            .map(|r| self.original_range(r))
            .collect()
    }
}

/// A body's character mask, and whether the original is ASCII (see [`FoldedText`]): what a
/// [`DocEntry`] keeps of its body, in 16 bytes where a [`FoldedText`] takes 48 (the folded
/// bodies, when the tables hold them, are kept apart: `Tables::folded_bodies`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BodyMask {
    pub mask: u64,
    pub ascii: bool,
}

impl BodyMask {
    /// As a folded text without its text (as the index cache stores it).
    pub fn as_folded(self) -> FoldedText {
        FoldedText { mask: self.mask, ascii: self.ascii, ..FoldedText::default() }
    }
}

/// An actor's mention in a document (16 bytes, where an [`crate::actors::Mention`] takes 24;
/// an English news article of 2 KB has about 24). The library keeps them packed ([`super::Spans`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub actor: ActorId,
    pub in_title: bool,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn field(&self) -> Field {
        if self.in_title { Field::Title } else { Field::Body }
    }

    /// Byte range of the field's original text.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// One document's title and date as the search sees them: the title folded, with its words'
/// masks.
///
/// Kept apart from the [`DocEntry`] so that the whole library built after a titles-only one
/// shares them instead of folding every title again (a million short records: 160 MB held
/// twice while both libraries were), and so that a titles-only library needs no other entry.
#[derive(Debug, Default)]
pub struct TitleEntry {
    pub folded: FoldedText,
    pub words: WordMasks,
    pub date: Option<Box<str>>,
}

impl TitleEntry {
    /// `doc`'s entry, from its title folded.
    pub fn new(folded: FoldedText, doc: &Document) -> TitleEntry {
        let date = doc.date().map(|d| d.trim().into());
        TitleEntry { words: WordMasks::new(&folded.text), folded, date }
    }
}

/// Every document's [`TitleEntry`], in corpus order.
pub type FoldedTitles = Arc<Vec<TitleEntry>>;

/// The titles tables are built with: folded by the actor analysis (one per document), or
/// another index's of the same documents, shared.
pub enum TitleFolds {
    Folded(Vec<FoldedText>),
    Shared(FoldedTitles),
}

/// One actor of the table: its folded spellings (canonical name first, no duplicates).
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct ActorEntry {
    pub aliases: Vec<(String, u64)>,
}

impl ActorEntry {
    pub fn of(info: &crate::actors::ActorInfo) -> ActorEntry {
        let mut aliases: Vec<(String, u64)> = Vec::new();
        for alias in std::iter::once(&info.name).chain(&info.aliases) {
            let folded = fold(alias.trim());
            if !folded.is_empty() && !aliases.iter().any(|(a, _)| *a == folded) {
                aliases.push((folded.clone(), char_mask(&folded)));
            }
        }
        ActorEntry { aliases }
    }
}

/// Everything built once per corpus.
#[derive(Debug, Default)]
pub struct Tables {
    pub titles: FoldedTitles,
    /// The rest of each document as the search sees it (stored with its title as a
    /// [`StoredEntry`]).
    pub docs: DocEntries,
    /// The folded bodies, when the tables read them here: an index built from a slice of
    /// documents, as tests and benchmarks build it. Empty when the tables read the documents'
    /// own bodies ([`Tables::originals`]), keep only counts of them ([`Tables::body_counts`]),
    /// or no body had text.
    pub folded_bodies: Vec<FoldedText>,
    pub actors: Vec<ActorEntry>,
    /// For each actor, the documents mentioning it, ascending.
    pub postings: Vec<Vec<u32>>,
    /// The word index of the bodies, once built ([`Tables::build_words`]): the browser shows
    /// a library before it (at 1M documents it takes 5 s), and body tests scan until then.
    pub words: OnceLock<BodyWords>,
    /// Set when the bodies were dropped after one query's patterns were counted in them
    /// (`super::body_counts`): the only body tests this index can answer.
    pub body_counts: Option<super::body_counts::BodyCounts>,
    /// The documents, when body tests read their bodies (folding as they go) and the entries
    /// keep only their bodies' masks: so a library built from documents it holds, which then
    /// needs no second, folded copy of every body (see `super::body`), or one read back from
    /// the index cache. `None`: the tables hold the folded bodies ([`Tables::folded_bodies`]).
    pub originals: Option<Originals>,
}

/// Where the tables read the documents' bodies.
#[derive(Clone)]
pub struct Originals(pub Arc<dyn BodySource>);

impl std::fmt::Debug for Originals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Originals")
    }
}

/// A [`TitleEntry`] and [`DocEntry`] as the index cache stores them: the body's mask only.
#[derive(Serialize)]
pub struct StoredEntry<'a> {
    title: &'a FoldedText,
    title_words: &'a WordMasks,
    /// The mask as a folded text without text (which holds no heap).
    body: FoldedText,
    date: &'a Option<Box<str>>,
    actors: &'a [DocActor],
    mentions: SpanList<'a>,
}

/// A [`StoredEntry`] read back.
#[derive(Deserialize)]
pub struct ReadEntry<'a> {
    title: FoldedText,
    title_words: WordMasks,
    body: FoldedText,
    date: Option<Box<str>>,
    actors: Box<[DocActor]>,
    /// Read in place (the cache file's bytes), copied once: into the chunk.
    #[serde(borrow)]
    mentions: &'a [u8],
}

impl ReadEntry<'_> {
    /// The title's entry; the rest added to `entries`.
    pub fn split_into(self, entries: &mut EntryChunk) -> TitleEntry {
        let ReadEntry { title, title_words, body, date, actors, mentions } = self;
        entries.push_packed(body.body_mask(), &actors, SpanList::packed(mentions));
        TitleEntry { folded: title, words: title_words, date }
    }
}

impl Tables {
    /// Takes the documents' actors and mentions out of `actors` (see [`Tables::build_folded`]).
    pub fn build(docs: &[Document], actors: &mut Actors) -> Tables {
        let (titles, bodies): (Vec<FoldedText>, Vec<FoldedText>) =
            docs.par_iter().map(|d| (FoldedText::new(d.title()), FoldedText::new(d.body()))).unzip();
        let masks = bodies.iter().map(FoldedText::body_mask).collect();
        Tables::build_folded(docs, docs, actors, TitleFolds::Folded(titles), masks, bodies)
    }

    /// [`Tables::build`] from titles and body masks made already (one per document), the
    /// bodies read from `bodies` (to check the mentions' spans); `folded_bodies` (one per
    /// document, or none) are the folded bodies the tables keep, if they keep them. The
    /// documents' actors and mentions are taken from `actors` (its `per_doc` left empty): the
    /// entries keep the actors, and the mentions as spans.
    pub fn build_folded(
        docs: &[Document],
        bodies: &(impl BodySource + ?Sized),
        actors: &mut Actors,
        titles: TitleFolds,
        masks: Vec<BodyMask>,
        folded_bodies: Vec<FoldedText>,
    ) -> Tables {
        assert_eq!(masks.len(), docs.len(), "one body mask per document");
        assert!(folded_bodies.is_empty() || folded_bodies.len() == docs.len(), "every body folded, or none");
        let table_len = actors.table.len();
        // Each document's actors and mentions are taken: its entry keeps the actors (the
        // library's only list of them) and its mentions as spans, dropped as soon as the spans
        // are made so that later spans reuse their memory (2.2M mentions at 100k articles:
        // 53 MB, the spans 36 MB).
        let mut found = std::mem::take(&mut actors.per_doc);
        if found.len() != docs.len() {
            // Lists made by hand, or none: one each, empty past the end.
            found = (0..docs.len())
                .map(|doc| found.get(doc))
                .map(|d| DocActors { actors: d.actors.into(), mentions: d.mentions.into() })
                .collect();
        }
        let titles = match titles {
            TitleFolds::Shared(titles) => titles,
            TitleFolds::Folded(folded) => Arc::new(
                folded.into_par_iter().zip(docs).map(|(title, doc)| TitleEntry::new(title, doc)).collect(),
            ),
        };
        assert_eq!(titles.len(), docs.len(), "one title per document");
        // Each chunk of the analysis's lists in turn, on its own thread, dropped once packed.
        let (chunk_len, found) = found.into_parts();
        let chunks = found
            .into_par_iter()
            .zip(masks.par_chunks(chunk_len))
            .enumerate()
            .map(|(c, (found, masks))| {
                // A span packs into at most 15 bytes (three varints of 32 bits), most into 5.
                let (actors, mentions) = found.totals();
                let mut chunk = EntryChunk::with_capacities(found.len(), actors, mentions * 15);
                for (i, &mask) in masks.iter().enumerate() {
                    let doc = c * chunk_len + i;
                    let (actors, mentions) = found.get(i);
                    let texts = (docs[doc].title(), bodies.body(doc));
                    push_entry(&mut chunk, texts, mask, DocList { actors, mentions }, table_len);
                }
                chunk.done()
            })
            .collect();
        let entries = DocEntries::from_chunks(chunk_len, chunks);
        let actor_entries = actors.table.par_iter().map(ActorEntry::of).collect();
        let mut postings = vec![Vec::new(); table_len];
        for (doc, entry) in entries.iter().enumerate() {
            for a in entry.actors {
                postings[a.actor as usize].push(doc as u32);
            }
        }
        Tables {
            titles,
            docs: entries,
            folded_bodies,
            actors: actor_entries,
            postings,
            words: OnceLock::new(),
            body_counts: None,
            originals: None,
        }
    }

    /// Tables of titles (and dates) only: no actor, no body (a titles-only library's).
    pub fn titles_only(docs: &[Document]) -> Tables {
        let titles = docs.par_iter().map(|d| TitleEntry::new(FoldedText::new(d.title()), d)).collect();
        Tables { titles: Arc::new(titles), ..Tables::default() }
    }

    /// How many documents the tables hold.
    pub fn len(&self) -> usize {
        self.titles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.titles.is_empty()
    }

    /// Document `doc`'s entry (an empty one in tables of titles only).
    pub fn entry(&self, doc: usize) -> DocEntry<'_> {
        self.docs.get(doc).unwrap_or_default()
    }

    /// [`Tables::build_folded`] keeping no folded body: body tests read the bodies of `docs`,
    /// which the tables keep.
    pub fn build_on(
        docs: Arc<Documents>,
        actors: &mut Actors,
        titles: TitleFolds,
        masks: Vec<BodyMask>,
    ) -> Tables {
        let mut tables = Tables::build_folded(&docs, &*docs, actors, titles, masks, Vec::new());
        tables.originals = Some(Originals(docs));
        tables
    }

    /// Document `doc`'s folded title or body (empty for a body the tables read from the
    /// documents, see [`Tables::body`]).
    pub fn field(&self, doc: usize, field: Field) -> &FoldedText {
        static NO_TEXT: std::sync::LazyLock<FoldedText> = std::sync::LazyLock::new(FoldedText::default);
        match field {
            Field::Title => &self.titles[doc].folded,
            Field::Body => self.folded_bodies.get(doc).unwrap_or(&*NO_TEXT),
        }
    }

    /// Where body tests read document `doc`'s folded body.
    pub fn body(&self, doc: usize) -> Body<'_> {
        match &self.originals {
            Some(o) => Body::Original { text: o.0.body(doc), ascii: self.entry(doc).body.ascii },
            None => Body::Folded(self.folded_bodies.get(doc).map_or("", |body| &body.text)),
        }
    }

    /// Calls `encode` with the entries of `docs` as the index cache stores them: bodies as
    /// masks only, the cache's documents holding the bodies that body tests read.
    pub fn with_stored_entries<R>(&self, docs: Range<usize>, encode: impl FnOnce(&[StoredEntry]) -> R) -> R {
        let stored: Vec<StoredEntry> = docs
            .map(|doc| {
                let (title, e) = (&self.titles[doc], self.entry(doc));
                StoredEntry {
                    title: &title.folded,
                    title_words: &title.words,
                    body: e.body.as_folded(),
                    date: &title.date,
                    actors: e.actors,
                    mentions: e.mentions,
                }
            })
            .collect();
        encode(&stored)
    }

    /// The word index of the bodies, built now if it was not yet.
    pub fn build_words(&self) -> &BodyWords {
        assert!(self.body_counts.is_none(), "the bodies were dropped");
        self.words.get_or_init(|| {
            BodyWords::build(self.len(), &|doc, read| self.body(doc).with_folded(|text| read(text)))
        })
    }
}

/// Adds a document's entry to `chunk`: its body's mask and, from what the analysis `found`,
/// its actors and its mentions as spans.
fn push_entry(
    chunk: &mut EntryChunk,
    (title_text, body_text): (&str, &str),
    body: BodyMask,
    found: DocList<'_>,
    table_len: usize,
) {
    let DocList { actors, mentions } = found;
    let known = |id: ActorId| (id as usize) < table_len;
    // In the analysis's order (most mentioned first), each actor once: the analysis's list
    // itself, unless it was made by hand (tests and benches) with unknown or repeated actors.
    let kept =
        |i: usize, d: &DocActor| known(d.actor) && !actors[..i].iter().any(|held| held.actor == d.actor);
    let actors: std::borrow::Cow<[DocActor]> = if actors.iter().enumerate().all(|(i, d)| kept(i, d)) {
        actors.into()
    } else {
        actors.iter().enumerate().filter(|&(i, d)| kept(i, d)).map(|(_, d)| d.clone()).collect()
    };
    // Spans come from another module: keep only those that slice the text, so that
    // highlights never hand the screen a range it cannot cut.
    let valid = |m: &Mention| {
        let text = match m.field {
            Field::Title => title_text,
            Field::Body => body_text,
        };
        let span = m.span();
        span.start < span.end && text.get(span).is_some()
    };
    // Packed as they are made: no vector of spans per document on the way.
    let spans = mentions.iter().filter(|m| known(m.actor) && valid(m)).map(|m| Span {
        actor: m.actor,
        in_title: m.field == Field::Title,
        start: m.span().start as u32,
        end: m.span().end as u32,
    });
    chunk.push(body, &actors, spans);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Folded;
    use proptest::prelude::*;

    /// A million short records hold a million of each: their sizes are the index's floor.
    #[test]
    fn per_document_entries_stay_small() {
        assert_eq!(std::mem::size_of::<BodyMask>(), 16);
        assert_eq!(std::mem::size_of::<crate::corpus::Document>(), 40);
        assert_eq!(std::mem::size_of::<TitleEntry>(), 80);
        assert_eq!(std::mem::size_of::<FoldedText>(), 40);
    }

    /// The analysis's lists are kept as they are; a list made by hand keeps its known actors,
    /// each once, in its order.
    #[test]
    fn an_entry_keeps_each_known_actor_once_in_the_lists_order() {
        let actor = |actor, mentions| DocActor { actor, mentions };
        let lists =
            [vec![actor(1, 3), actor(0, 1)], vec![actor(1, 2), actor(7, 1), actor(1, 1), actor(0, 1)]];
        for (list, expected) in
            lists.into_iter().zip([vec![actor(1, 3), actor(0, 1)], vec![actor(1, 2), actor(0, 1)]])
        {
            let found = DocList { actors: &list, mentions: &[] };
            let mut chunk = EntryChunk::default();
            push_entry(&mut chunk, ("title", "body"), BodyMask::default(), found, 2);
            let entries = DocEntries::from_chunks(1, vec![chunk]);
            assert_eq!(entries.get(0).unwrap().actors, expected);
        }
    }

    fn char_boundaries(s: &str) -> Vec<usize> {
        s.char_indices().map(|(i, _)| i).chain([s.len()]).collect()
    }

    #[test]
    fn maps_back_like_folded() {
        for original in
            ["Le président Erdoğan", "cœur ŒUVRE", "Путин и Асад", "e\u{301}te\u{301}", "Straße l’ONU"]
        {
            let mine = FoldedText::new(original);
            let theirs = Folded::new(original);
            assert_eq!(&*mine.text, theirs.text.as_str());
            let b = char_boundaries(&theirs.text);
            for (x, &s) in b.iter().enumerate() {
                for &e in &b[x..] {
                    assert_eq!(
                        mine.original_range(s..e),
                        theirs.original_range(s..e),
                        "{original:?} {s}..{e}"
                    );
                }
            }
        }
    }

    proptest! {
        #[test]
        fn maps_back_like_folded_on_any_text(original in "[a-zA-Zéèœ\u{301}\u{300}ßğИиÆ’ .-]{0,24}") {
            let mine = FoldedText::new(&original);
            prop_assert_eq!(FoldedText::mask_of(&original), mine.mask);
            let folded = fold(&original);
            prop_assert_eq!(folded.as_str(), &*mine.text);
            let theirs = Folded::new(&original);
            prop_assert_eq!(&*mine.text, theirs.text.as_str());
            let b = char_boundaries(&theirs.text);
            for (x, &s) in b.iter().enumerate() {
                for &e in &b[x..] {
                    prop_assert_eq!(mine.original_range(s..e), theirs.original_range(s..e));
                }
            }
        }
    }
}
