//! Actors: the people, organisations, states and places articles mention.
//!
//! A gazetteer (assets/actors.json, plus `--gazetteer` files) lists known actors with their
//! aliases; one automaton over folded aliases finds their mentions in linear time; discovery adds
//! names no gazetteer lists. The result is a table of actors and, per document, which actors it
//! mentions, where, and how often.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::ops::Range;

use crate::chunked::filled;
use crate::corpus::{BodySource, Document};
use crate::search::{FoldedText, TitleEntry};
use discover::Vocabulary;

pub mod discover;
mod extract;
pub mod facet;
mod gazetteer;
mod lists;
mod petrarch;
mod rules;

pub use extract::{DFA_FROM, Extractor, Prepared};
pub use gazetteer::{
    AliasRule, AliasRules, BUILTIN as BUILTIN_GAZETTEER, Gazetteer, GazetteerError, GazetteerFile, KeyIndex,
    alias_key, looks_like_organisation,
};
pub use lists::{ActorLists, DocList, LIST_CHUNK, ListChunk};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Organisation,
    State,
    Place,
}

/// Index into [`Actors::table`].
pub type ActorId = u32;

/// One actor of the table: from a gazetteer, a record's `actors` field, or discovery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorInfo {
    /// Canonical name, as displayed and as `@Name` in queries.
    pub name: String,
    pub kind: ActorKind,
    /// Every spelling known for it (canonical name included).
    pub aliases: Vec<String>,
    /// Found by discovery rather than listed in a gazetteer.
    pub discovered: bool,
}

/// Which text of a document a mention lies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Title,
    Body,
}

/// One mention: byte offsets into the document's title or body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub actor: ActorId,
    pub field: Field,
    /// As `u32`: 16 bytes a mention, where a `Range<usize>` made 24 (a million English
    /// articles hold 22M mentions while the search index is built). Fields are shorter than
    /// 4 GB; the index's spans are `u32` too.
    start: u32,
    end: u32,
}

impl Mention {
    pub fn new(actor: ActorId, field: Field, span: Range<usize>) -> Mention {
        let offset = |at: usize| u32::try_from(at).unwrap_or(u32::MAX);
        Mention { actor, field, start: offset(span.start), end: offset(span.end) }
    }

    /// Byte range of the field's original text.
    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// One actor of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocActor {
    pub actor: ActorId,
    pub mentions: u32,
}

/// The actors of one document: most mentioned first; mentions in text order. Boxed slices,
/// exactly as long as they hold: every document's are held until the search index takes them
/// (vectors grown mention by mention held 40 bytes a document more, at a million records).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocActors {
    pub actors: Box<[DocActor]>,
    pub mentions: Box<[Mention]>,
}

/// What the analysis finds: the actor table and, aligned with the corpus, each document's
/// actors with their mentions. Building a search index takes the documents' lists
/// (`crate::search::Tables::build_folded`), which a library then reads from its index: each
/// list is kept once.
#[derive(Debug, Clone, Default)]
pub struct Actors {
    pub table: Vec<ActorInfo>,
    pub per_doc: ActorLists,
}

/// A library's actor table (the documents' actors are its search index's).
#[derive(Debug, Clone, Default)]
pub struct ActorTable {
    pub table: Vec<ActorInfo>,
}

/// Finds every document's actors.
///
/// The table is the gazetteer's entries (an [`ActorId`] is the index), then one entry per name
/// given by a record that no alias designates (kind from [`looks_like_organisation`]). A record's
/// actors always appear among its document's actors: with their mentions in the text, else, for
/// names nobody listed, with their own name's mentions, else counted as one mention (no span).
pub fn analyse(docs: &[Document], gazetteer: &Gazetteer) -> Actors {
    analyse_with(docs, gazetteer, true)
}

/// [`analyse`], with discovery of unlisted names on or off (off: only gazetteer and record
/// actors, as `--no-discover` asks and as the gazetteer's own tests need).
pub fn analyse_with(docs: &[Document], gazetteer: &Gazetteer, discover: bool) -> Actors {
    analyse_folding(docs, gazetteer, discover).0
}

/// What the analysis leaves of every document's folded fields, in corpus order (for the search
/// index): the titles (none when they were given folded, see [`analyse_folding_in`]), and of
/// each body what [`Keep::body`] kept.
#[derive(Debug, Default)]
pub struct Folds<B> {
    pub titles: Vec<FoldedText>,
    pub bodies: Vec<B>,
}

/// Each document's title and body folded, as the extraction made them.
pub type FoldedFields = Folds<FoldedText>;

/// [`analyse_with`], also handing back the folded copies of every title and body that the
/// extraction makes anyway, so that the search index need not fold the corpus a second time.
pub fn analyse_folding(docs: &[Document], gazetteer: &Gazetteer, discover: bool) -> (Actors, FoldedFields) {
    analyse_folding_with(docs, gazetteer, discover, Keep { body: &|_, body| body, body_mentions: true })
}

/// What [`analyse_folding_with`] keeps of each document once it is analysed.
pub struct Keep<'a, B = FoldedText> {
    /// What it returns of the folded body, given the document's index: a library keeps its
    /// mask only (its body tests read the documents), a headless run counts its query there
    /// (`crate::search::BodyCounter`).
    pub body: &'a (dyn Fn(usize, FoldedText) -> B + Sync),
    /// Whether the mentions in the body are kept (a headless run printing ids and titles has
    /// no use for them: an English article of 2 KB has about 24, 24 bytes each).
    pub body_mentions: bool,
}

impl<B> Clone for Keep<'_, B> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<B> Copy for Keep<'_, B> {}

/// The document's actors from its mentions (in any order), the body's dropped unless kept.
fn tally_kept(mut mentions: Vec<Mention>, given: &[ActorId], body_mentions: bool) -> DocActors {
    // Record names and discovered names come after the automaton's: restore text order.
    mentions.sort_by_key(|m| (m.field == Field::Body, m.start));
    let actors = extract::tally(&mentions, given);
    if !body_mentions {
        mentions.retain(|m| m.field == Field::Title);
    }
    DocActors { actors, mentions: mentions.into_boxed_slice() }
}

/// [`analyse_folding`], keeping of each document what `keep` says.
pub fn analyse_folding_with<B: Send + Default>(
    docs: &[Document],
    gazetteer: &Gazetteer,
    discover: bool,
    keep: Keep<B>,
) -> (Actors, Folds<B>) {
    analyse_folding_in(docs, docs, None, gazetteer, discover, keep)
}

/// [`analyse_folding_with`], reading each document's body from `bodies` (where a library's
/// documents keep them: see [`crate::corpus::Documents`]). With `titles` (the documents'
/// titles folded already, by a titles-only library) the titles are not folded again, and the
/// folds returned hold none.
pub fn analyse_folding_in<B: Send + Default>(
    docs: &[Document],
    bodies: &(impl BodySource + ?Sized),
    titles: Option<&[TitleEntry]>,
    gazetteer: &Gazetteer,
    discover: bool,
    keep: Keep<B>,
) -> (Actors, Folds<B>) {
    // No document, no automaton to build (a headless query whose sieve kept none); for few,
    // a quick one. It is built (on one core, 3 ms for an NFA, 25 for a DFA) while the record
    // names are resolved.
    let body_bytes: usize = (0..docs.len()).map(|i| bodies.body_len(i)).sum();
    let text_bytes = body_bytes + docs.iter().map(|d| d.title().len()).sum::<usize>();
    let (extractor, (mut table, mut index, record_keys, given)) = rayon::join(
        || (!docs.is_empty()).then(|| gazetteer.extractor_for(text_bytes)),
        || given_actors(docs, gazetteer),
    );
    let first_record_only = gazetteer.entries.len();
    // Headlines are told from prose by the words the corpus writes in lowercase, read from
    // documents spread over it. Discovery reads bodies only: with none, it would find nothing.
    let vocabulary = (discover && body_bytes > 0).then(|| {
        (0..docs.len())
            .into_par_iter()
            .step_by((body_bytes / VOCABULARY_BYTES).max(1))
            .fold(Vocabulary::default, |mut vocabulary, i| {
                vocabulary.add(discovered_part(bodies.body(i)));
                vocabulary
            })
            .reduce(Vocabulary::default, Vocabulary::merge)
    });
    let analysed = docs.par_iter().enumerate().map(|(i, doc)| {
        let given = given.of(i);
        let body_text = bodies.body(i);
        let title = match titles {
            Some(titles) => Prepared::of(std::borrow::Cow::Borrowed(&titles[i].folded)),
            None => Prepared::new(doc.title()),
        };
        let body = Prepared::new(body_text);
        let mut mentions = Vec::new();
        let extractor = extractor.expect("built when there are documents");
        extractor.find(doc.title(), &title, Field::Title, &mut mentions);
        extractor.find(body_text, &body, Field::Body, &mut mentions);
        for &id in given {
            let Some(key) = (id as usize).checked_sub(first_record_only).and_then(|i| record_keys.get(i))
            else {
                continue;
            };
            Extractor::find_name(key, id, &title, Field::Title, &mut mentions);
            Extractor::find_name(key, id, &body, Field::Body, &mut mentions);
        }
        let title = if titles.is_some() { FoldedText::default() } else { title.into_folded() };
        (i, mentions, given, title, (keep.body)(i, body.into_folded()))
    });
    let shared = titles.is_some();
    let Some(vocabulary) = vocabulary else {
        // Nothing will join the mentions: tallied as they are found, straight into the result
        // (no vector of every document's mentions and folds on the way, about 170 bytes a
        // document held while the result was made).
        let tallied = analysed.map(|(_, mentions, given, title, body)| {
            (tally_kept(mentions, given, keep.body_mentions), title, body)
        });
        let (per_doc, folds) = collect_folds(shared, tallied);
        return (Actors { table, per_doc }, folds);
    };
    let mut per_doc = analysed
        .map(|(i, mentions, given, title, body)| {
            let found = unlisted_names(bodies.body(i), &mentions, &vocabulary);
            (mentions, found, given, title, body)
        })
        .collect::<Vec<_>>();
    // Discovered names join the table in corpus order (ids do not depend on the thread count):
    // the one sequential pass, over the names found only.
    for (mentions, found, ..) in &mut per_doc {
        for name in std::mem::take(found) {
            let id = *index.entry(name.key).or_insert_with(|| {
                table.push(ActorInfo {
                    aliases: vec![name.name.clone()],
                    name: name.name,
                    kind: name.kind,
                    discovered: true,
                });
                table.len() - 1
            }) as ActorId;
            mentions.extend(name.spans.into_iter().map(|span| Mention::new(id, Field::Body, span)));
        }
    }
    let tallied = per_doc.into_par_iter().map(|(mentions, _, given, title, body)| {
        (tally_kept(mentions, given, keep.body_mentions), title, body)
    });
    let (per_doc, folds) = collect_folds(shared, tallied);
    (Actors { table, per_doc }, folds)
}

/// Each document's actors, and its folds: the titles only when they were folded here (not
/// `shared`), so that no vector of empty titles is made. The lists are packed a chunk at a
/// time, each chunk's folds written straight into their places.
fn collect_folds<B: Send + Default>(
    shared: bool,
    each: impl IndexedParallelIterator<Item = (DocActors, FoldedText, B)>,
) -> (ActorLists, Folds<B>) {
    let n = each.len();
    let mut bodies: Vec<B> = filled(n);
    let mut titles: Vec<FoldedText> = if shared { Vec::new() } else { filled(n) };
    let pack = |part: Vec<(DocActors, FoldedText, B)>, titles: &mut [FoldedText], bodies: &mut [B]| {
        let actors = part.iter().map(|(lists, ..)| lists.actors.len()).sum();
        let mentions = part.iter().map(|(lists, ..)| lists.mentions.len()).sum();
        let mut chunk = ListChunk::with_capacities(part.len(), actors, mentions);
        for (i, (lists, title, body)) in part.into_iter().enumerate() {
            chunk.push(&lists.actors, &lists.mentions);
            if let Some(place) = titles.get_mut(i) {
                *place = title;
            }
            bodies[i] = body;
        }
        chunk.done()
    };
    let parts = each.chunks(LIST_CHUNK).zip(bodies.par_chunks_mut(LIST_CHUNK));
    let chunks = match shared {
        true => parts.map(|(part, bodies)| pack(part, &mut [], bodies)).collect(),
        false => parts
            .zip(titles.par_chunks_mut(LIST_CHUNK))
            .map(|((part, bodies), titles)| pack(part, titles, bodies))
            .collect(),
    };
    (ActorLists::from_chunks(LIST_CHUNK, chunks), Folds { titles, bodies })
}

/// The gazetteer's table grown by the record names no entry lists (in corpus order, so that
/// ids do not depend on the thread count), the index of its keys, the keys of the added
/// names, and each document's given actors.
#[allow(clippy::type_complexity)]
fn given_actors(docs: &[Document], gazetteer: &Gazetteer) -> (Vec<ActorInfo>, KeyIndex, Vec<String>, Given) {
    let mut table = gazetteer.entries.clone();
    // Looked up for every name of every record (4M at 1M CSV rows).
    let mut index = gazetteer.key_index();
    let mut record_keys: Vec<String> = Vec::new();
    let mut given = Given { ids: Vec::new(), ends: Vec::with_capacity(docs.len()) };
    // Records repeat a few names (4M names at 1M CSV rows, a few thousand of them distinct):
    // each distinct spelling is keyed once, then found by its text (`None`: no key).
    let mut by_spelling: std::collections::HashMap<&str, Option<ActorId>, foldhash::fast::RandomState> =
        Default::default();
    for doc in docs {
        let start = given.ids.len();
        for name in doc.actors().iter() {
            let id = match by_spelling.get(name) {
                Some(&id) => id,
                None => {
                    let id = actor_of_name(name, &mut table, &mut index, &mut record_keys);
                    by_spelling.insert(name, id);
                    id
                }
            };
            if let Some(id) = id
                && !given.ids[start..].contains(&id)
            {
                given.ids.push(id);
            }
        }
        given.ends.push(given.ids.len());
    }
    (table, index, record_keys, given)
}

/// Each document's record-given actors, end to end (a vector a document was 40 bytes a
/// record held through the analysis: 40 MB at a million CSV rows).
struct Given {
    ids: Vec<ActorId>,
    /// Where each document's ids end in `ids`.
    ends: Vec<usize>,
}

impl Given {
    fn of(&self, doc: usize) -> &[ActorId] {
        let start = doc.checked_sub(1).map_or(0, |d| self.ends[d]);
        &self.ids[start..self.ends[doc]]
    }
}

/// The actor a record name stands for: the one of its key, else a new actor of the table
/// (`None`: the name has no key, being all separators).
fn actor_of_name(
    name: &str,
    table: &mut Vec<ActorInfo>,
    index: &mut KeyIndex,
    record_keys: &mut Vec<String>,
) -> Option<ActorId> {
    let key = alias_key(name);
    if key.is_empty() {
        return None;
    }
    if let Some(&id) = index.get(&key) {
        return Some(id as ActorId);
    }
    let name = name.trim().to_string();
    let kind = if looks_like_organisation(&name) { ActorKind::Organisation } else { ActorKind::Person };
    table.push(ActorInfo { kind, aliases: vec![name.clone()], name, discovered: false });
    index.insert(key.clone(), table.len() - 1);
    record_keys.push(key);
    Some((table.len() - 1) as ActorId)
}

/// How much of one body discovery reads.
const DISCOVERY_BYTES: usize = 1 << 20;

/// Body bytes the vocabulary of lowercase words is read from, about: the common words of news
/// are met within a few megabytes (FA-KES's 1.5 MB of bodies hold about 7,000), and reading
/// every body for them added 44% to discovery's time (30 → 44 ms of CPU per MB; 32 sampled).
const VOCABULARY_BYTES: usize = 3 << 20;

/// The part of a body discovery reads, at most its first DISCOVERY_BYTES: the names of a huge
/// document are in its first megabyte, and no single document may hold the screen back long.
fn discovered_part(body: &str) -> &str {
    let mut end = body.len().min(DISCOVERY_BYTES);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    &body[..end]
}

/// A name discovery found in a document's body that no known mention covers.
struct Unlisted {
    key: String,
    name: String,
    kind: ActorKind,
    spans: Vec<Range<usize>>,
}

/// Runs discovery over a body and keeps the names no gazetteer mention already covers: a name
/// overlapping a known mention ("Vladimir Poutine" where "Poutine" is listed) adds nothing.
/// Names that fold to a known alias are resolved by the caller's key index.
fn unlisted_names(body: &str, known: &[Mention], vocabulary: &Vocabulary) -> Vec<Unlisted> {
    // Known mentions do not overlap and come in text order, so they are sorted by start and by
    // end: one binary search finds the only one that could overlap a span.
    let mut covered: Vec<Range<usize>> =
        known.iter().filter(|m| m.field == Field::Body).map(Mention::span).collect();
    covered.sort_by_key(|r| r.start);
    let overlaps = |span: &Range<usize>| {
        let i = covered.partition_point(|c| c.end <= span.start);
        covered.get(i).is_some_and(|c| c.start < span.end)
    };
    discover::discover_with(discovered_part(body), vocabulary)
        .into_iter()
        .filter_map(|d| {
            let spans: Vec<Range<usize>> = d.spans.into_iter().filter(|s| !overlaps(s)).collect();
            let key = alias_key(&d.name);
            (!spans.is_empty() && !key.is_empty()).then_some(Unlisted {
                key,
                name: d.name,
                kind: d.kind,
                spans,
            })
        })
        .collect()
}

/// How many of the documents whose actors are `docs` mention each actor of `table`: most first,
/// ties by name.
pub fn doc_counts<'a>(
    table: &[ActorInfo],
    docs: impl Iterator<Item = &'a [DocActor]>,
) -> Vec<(ActorId, u32)> {
    let mut counts = vec![0u32; table.len()];
    for actors in docs {
        for a in actors {
            counts[a.actor as usize] += 1;
        }
    }
    let mut out: Vec<(ActorId, u32)> =
        counts.into_iter().enumerate().filter(|&(_, n)| n > 0).map(|(id, n)| (id as ActorId, n)).collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| table[a.0 as usize].name.cmp(&table[b.0 as usize].name)));
    out
}

fn id_of(table: &[ActorInfo], name: &str) -> Option<ActorId> {
    let key = alias_key(name);
    table
        .iter()
        .position(|a| a.aliases.iter().chain([&a.name]).any(|x| alias_key(x) == key))
        .map(|i| i as ActorId)
}

impl ActorTable {
    /// The actor a name designates (canonical name or alias, folded comparison).
    pub fn id_of(&self, name: &str) -> Option<ActorId> {
        id_of(&self.table, name)
    }
}

impl Actors {
    /// How many of the given documents mention each actor: most first, ties by name.
    pub fn doc_counts(&self, docs: impl Iterator<Item = usize>) -> Vec<(ActorId, u32)> {
        doc_counts(&self.table, docs.map(|doc| self.of_doc(doc)))
    }

    /// Mentions of one actor over the whole corpus (record-given actors count as in `per_doc`).
    pub fn mention_count(&self, actor: ActorId) -> u64 {
        self.per_doc
            .iter()
            .flat_map(|d| d.actors.iter())
            .filter(|a| a.actor == actor)
            .map(|a| u64::from(a.mentions))
            .sum()
    }

    /// The actor a name designates (canonical name or alias, folded comparison).
    pub fn id_of(&self, name: &str) -> Option<ActorId> {
        id_of(&self.table, name)
    }

    /// The actors of document `doc` (empty when out of range).
    pub fn of_doc(&self, doc: usize) -> &[DocActor] {
        self.per_doc.get(doc).actors
    }
}
