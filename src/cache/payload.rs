//! A [`Library`] as cache sections, for `k` chunks of consecutive documents:
//!
//! - 0: the head: messages, sizes, the actor table, the search index's actor entries;
//! - 1: the search index's postings, at a fixed width;
//! - 2 .. k + 2: each chunk's search entries;
//! - k + 2 .. 2k + 2: each chunk's documents with their actors, one by one ([`super::docs`]);
//! - 2k + 2: the review content hashes;
//! - 2k + 3: each document's row mask (see [`encode_row_masks`]);
//! - 2k + 4 ..: the chunks of the bodies' word index (`crate::search::BodyWords`).
//!
//! Search entries and documents lie apart so that the headless mode can decode every search
//! entry and only the documents it prints. Chunks are encoded and decoded in parallel: decoding
//! is what a reopen costs, a million small strings and vectors to allocate and check.

use std::io;
use std::ops::Range;
use std::sync::Arc;

use bincode::Options;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::docs::{self, StoredDocs};
use super::file::{Sections, Unusable, options};
use crate::actors::{ActorInfo, ActorTable};
use crate::chunked::filled;
use crate::corpus::{BodyAt, Document, Documents, Spilled};
use crate::library::Library;
use crate::search::{
    ActorEntry, BodyMask, BodyWords, DocEntries, EntryChunk, FoldedText, Originals, ReadEntry, SearchIndex,
    Tables, TitleEntry, WordChunk,
};

/// Documents per chunk: at least this many (so that small corpora are one or two sections) and
/// at most a 64th of the corpus (enough pieces for work stealing to even out).
pub(super) const CHUNK_MIN: usize = 4096;
const CHUNKS: usize = 64;

#[derive(Serialize)]
struct HeadRef<'a> {
    messages: &'a [String],
    docs: u64,
    chunk: u64,
    date_width: u64,
    discovered: bool,
    discovery_skipped: bool,
    table: &'a [ActorInfo],
    actor_entries: &'a [ActorEntry],
    word_chunks: u64,
}

#[derive(Deserialize)]
struct Head {
    messages: Vec<String>,
    docs: u64,
    chunk: u64,
    date_width: u64,
    discovered: bool,
    discovery_skipped: bool,
    table: Vec<ActorInfo>,
    actor_entries: Vec<ActorEntry>,
    word_chunks: u64,
}

/// How a corpus of `docs` documents is cut into chunks of `chunk`, and where each chunk's
/// sections are.
#[derive(Debug, Clone, Copy)]
pub(super) struct Layout {
    pub docs: usize,
    pub chunk: usize,
    /// Chunks of the word index (cut by the index itself, not by `chunk`).
    pub words: usize,
}

impl Layout {
    fn for_corpus(docs: usize, words: usize) -> Layout {
        Layout { docs, chunk: docs.div_ceil(CHUNKS).max(CHUNK_MIN), words }
    }

    pub fn chunks(&self) -> usize {
        self.docs.div_ceil(self.chunk)
    }

    /// The documents of chunk `c`.
    pub fn range(&self, c: usize) -> Range<usize> {
        c * self.chunk..((c + 1) * self.chunk).min(self.docs)
    }

    const POSTINGS: usize = 1;

    /// The section of chunk `c`'s search entries.
    fn entries(&self, c: usize) -> usize {
        2 + c
    }

    /// The section of chunk `c`'s documents.
    pub fn documents(&self, c: usize) -> usize {
        2 + self.chunks() + c
    }

    pub fn hashes(&self) -> usize {
        2 + 2 * self.chunks()
    }

    fn row_masks(&self) -> usize {
        3 + 2 * self.chunks()
    }

    /// The section of the word index's chunk `w`.
    fn words(&self, w: usize) -> usize {
        4 + 2 * self.chunks() + w
    }

    fn sections(&self) -> usize {
        4 + 2 * self.chunks() + self.words
    }
}

fn encode<T: Serialize + ?Sized>(value: &T) -> io::Result<Vec<u8>> {
    options(u64::MAX).serialize(value).map_err(io::Error::other)
}

/// The sections of `library`, encoded lazily, a few chunks at a time in parallel (so that at
/// most a few chunks' bytes are in memory besides the library).
pub fn encode_sections<'a>(
    library: &'a Library,
    messages: &'a [String],
) -> impl Iterator<Item = io::Result<Vec<u8>>> + 'a {
    let tables = library.index.tables();
    // A library is shown before its word index is built: the cache waits for it.
    let word_index = tables.build_words();
    let layout = Layout::for_corpus(library.docs.len(), word_index.chunks().len());
    let head = HeadRef {
        messages,
        docs: layout.docs as u64,
        chunk: layout.chunk as u64,
        date_width: library.date_width as u64,
        discovered: library.discovered,
        discovery_skipped: library.discovery_skipped,
        table: &library.actors.table,
        actor_entries: &tables.actors,
        word_chunks: layout.words as u64,
    };
    let postings = std::iter::once_with(|| Ok(encode_postings(&tables.postings)));
    let entries = in_parallel(layout, move |r| {
        tables.with_stored_entries(r, |entries| docs::encode_records(entries.len(), entries.iter()))
    });
    // One at a time: a chunk of documents holds its bodies (at 1M documents, 32 MB), and
    // copying them is no work to share.
    let documents = (0..layout.chunks()).map(move |c| {
        let r = layout.range(c);
        docs::encode_chunk(&library.docs, r.clone())
    });
    let hashes = std::iter::once_with(|| Ok(docs::encode_hashes(library.content_hashes())));
    let row_masks = std::iter::once_with(|| Ok(encode_row_masks(library)));
    let words = in_groups(word_index.chunks().iter().collect(), encode::<WordChunk>);
    std::iter::once(encode(&head))
        .chain(postings)
        .chain(entries)
        .chain(documents)
        .chain(hashes)
        .chain(row_masks)
        .chain(words)
}

/// Each document's row mask (`u64 LE`): the folded masks of its title, its body, the names its
/// record gives and every spelling of every actor it mentions, OR'd. A term can pass for the
/// document only if its characters are among these, so this is all a query sieve needs to rule
/// the document out ([`crate::search::QuerySieve::rules_out_mask`]), whatever actor table
/// (discovered names included) the cache holds: a search reopening the cache then decodes the
/// search entries of only the documents it may match.
fn encode_row_masks(library: &Library) -> Vec<u8> {
    let tables = library.index.tables();
    let spellings =
        |id: usize| tables.actors.get(id).map_or(0, |a| a.aliases.iter().fold(0, |m, (_, mask)| m | mask));
    library
        .docs
        .par_iter()
        .zip(tables.titles.par_iter())
        .enumerate()
        .flat_map_iter(|(i, (doc, title))| {
            let entry = tables.entry(i);
            let names = doc.actors().iter().fold(0, |mask, name| mask | FoldedText::mask_of(name));
            let actors = entry.actors.iter().fold(0, |mask, a| mask | spellings(a.actor as usize));
            (title.folded.mask | entry.body.mask | names | actors).to_le_bytes()
        })
        .collect()
}

/// Per document, whether `candidate` accepts its row mask.
fn docs_wanted(
    sections: &Sections,
    layout: Layout,
    candidate: &(dyn Fn(u64) -> bool + Sync),
) -> Result<Vec<bool>, Unusable> {
    let bytes = sections.get(layout.row_masks())?;
    if bytes.len() != layout.docs * 8 {
        return Err(Unusable::Damaged("row masks".into()));
    }
    let mask = |m: &[u8]| u64::from_le_bytes(m.try_into().expect("8 bytes"));
    Ok(bytes.par_chunks_exact(8).with_min_len(4096).map(|m| candidate(mask(m))).collect())
}

/// `encode` applied to each item, lazily, as many at a time as there are threads.
fn in_groups<'a, T: Send + 'a>(
    items: Vec<T>,
    encode: impl Fn(T) -> io::Result<Vec<u8>> + Send + Sync + 'a,
) -> impl Iterator<Item = io::Result<Vec<u8>>> + 'a {
    let width = rayon::current_num_threads().max(1);
    let mut items = items.into_iter();
    std::iter::from_fn(move || {
        let group: Vec<T> = items.by_ref().take(width).collect();
        (!group.is_empty()).then(|| group.into_par_iter().map(&encode).collect::<Vec<_>>())
    })
    .flatten()
}

/// `encode` of every chunk's documents, in order, as many chunks at a time as there are threads.
fn in_parallel<'a>(
    layout: Layout,
    encode: impl Fn(Range<usize>) -> io::Result<Vec<u8>> + Sync + Send + 'a,
) -> impl Iterator<Item = io::Result<Vec<u8>>> + 'a {
    let chunks: Vec<usize> = (0..layout.chunks()).collect();
    let groups: Vec<Vec<usize>> =
        chunks.chunks(rayon::current_num_threads().max(1)).map(<[usize]>::to_vec).collect();
    groups
        .into_iter()
        .flat_map(move |group| group.into_par_iter().map(|c| encode(layout.range(c))).collect::<Vec<_>>())
}

fn decode_head(sections: &Sections) -> Result<(Head, Layout), Unusable> {
    let bytes = sections.get(0)?;
    let head: Head = options(bytes.len() as u64).deserialize(bytes)?;
    let docs = usize::try_from(head.docs).map_err(|_| Unusable::Damaged("document count".into()))?;
    let words = usize::try_from(head.word_chunks).map_err(|_| Unusable::Damaged("word chunks".into()))?;
    let layout = Layout { docs, chunk: usize::try_from(head.chunk).unwrap_or(0).max(1), words };
    if sections.len() != layout.sections() {
        return Err(Unusable::Damaged("chunk count".into()));
    }
    Ok((head, layout))
}

/// Every document's title and search entry. Each chunk is decoded straight into its place
/// (the titles' vector is made full of empty entries first, which allocate nothing; the
/// entries are packed by the cache's chunks), so that no second copy is ever in memory.
///
/// With `wanted` (per document), an entry not wanted is left empty: no query it was chosen for
/// can match an empty entry.
fn decode_entries(
    sections: &Sections,
    layout: Layout,
    wanted: Option<&[bool]>,
) -> Result<(Vec<TitleEntry>, DocEntries), Unusable> {
    let mut titles: Vec<TitleEntry> = filled(layout.docs);
    let chunks: Vec<usize> = (0..layout.chunks()).collect();
    let slots = titles.par_chunks_mut(layout.chunk).zip(chunks);
    let entries = slots
        .map(|(titles, c)| {
            let bytes = sections.get(layout.entries(c))?;
            let records = docs::Records::new(bytes, titles.len())?;
            // The records hold every actor (8 bytes) and span byte once, and more besides.
            let mut entries = EntryChunk::with_capacities(titles.len(), bytes.len() / 8, bytes.len());
            match wanted.map(|wanted| &wanted[layout.range(c)]) {
                None => {
                    let bytes = records.all();
                    let mut all = bincode::Deserializer::from_slice(bytes, options(bytes.len() as u64));
                    for title in titles.iter_mut() {
                        let read: ReadEntry = Deserialize::deserialize(&mut all)?;
                        *title = read.split_into(&mut entries);
                    }
                }
                Some(wanted) => {
                    for (i, title) in titles.iter_mut().enumerate() {
                        match wanted[i] {
                            true => {
                                let bytes = records.get(i);
                                let read: ReadEntry = options(bytes.len() as u64).deserialize(bytes)?;
                                *title = read.split_into(&mut entries);
                            }
                            false => entries.push(BodyMask::default(), &[], []),
                        }
                    }
                }
            }
            sections.release(layout.entries(c));
            Ok::<_, Unusable>(entries.done())
        })
        .collect::<Result<Vec<EntryChunk>, Unusable>>()?;
    Ok((titles, DocEntries::from_chunks(layout.chunk, entries)))
}

/// Postings as `ACTORS(u32 LE)`, `COUNT(u32 LE)` per actor, then every posting (`u32 LE`): a
/// copy per actor to decode, where varints took one thread 20–30 ms at 1M documents.
fn encode_postings(postings: &[Vec<u32>]) -> Vec<u8> {
    let counts = postings.iter().map(|p| p.len() as u32);
    let flat = postings.iter().flatten().copied();
    std::iter::once(postings.len() as u32).chain(counts).chain(flat).flat_map(u32::to_le_bytes).collect()
}

fn decode_postings(sections: &Sections) -> Result<Vec<Vec<u32>>, Unusable> {
    let words = |bytes: &[u8]| -> Vec<u32> {
        bytes.chunks_exact(4).map(|w| u32::from_le_bytes(w.try_into().expect("4 bytes"))).collect()
    };
    let damaged = || Unusable::Damaged("postings".into());
    let (actors, bytes) = sections.get(Layout::POSTINGS)?.split_at_checked(4).ok_or_else(damaged)?;
    let actors = words(actors)[0] as usize;
    let (counts, flat) = bytes.split_at_checked(actors * 4).ok_or_else(damaged)?;
    let mut at = Vec::with_capacity(actors + 1);
    at.push(0usize);
    for count in words(counts) {
        at.push(at[at.len() - 1] + count as usize);
    }
    if flat.len() != at[actors] * 4 {
        return Err(damaged());
    }
    Ok((0..actors).into_par_iter().with_min_len(64).map(|a| words(&flat[at[a] * 4..at[a + 1] * 4])).collect())
}

fn index(
    head_actors: Vec<ActorEntry>,
    postings: Vec<Vec<u32>>,
    (titles, entries): (Vec<TitleEntry>, DocEntries),
    words: BodyWords,
    bodies: Originals,
) -> SearchIndex {
    SearchIndex::from_tables(Tables {
        titles: Arc::new(titles),
        docs: entries,
        folded_bodies: Vec::new(),
        actors: head_actors,
        postings,
        words: words.into(),
        body_counts: None,
        originals: Some(bodies),
    })
}

/// The bodies' word index, its chunks decoded in parallel and checked against the corpus.
fn decode_words(sections: &Sections, layout: Layout) -> Result<BodyWords, Unusable> {
    let chunks = (0..layout.words)
        .into_par_iter()
        .map(|w| {
            let bytes = sections.get(layout.words(w))?;
            let decoded = options(bytes.len() as u64).deserialize::<WordChunk>(bytes);
            sections.release(layout.words(w));
            decoded.map_err(Unusable::from)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let words = BodyWords::from_chunks(chunks);
    if words.docs() != layout.docs || !words.chunks().iter().all(WordChunk::is_sound) {
        return Err(Unusable::Damaged("word index".into()));
    }
    Ok(words)
}

/// The library and messages back from the sections, every document decoded.
pub fn decode_sections(sections: &Sections) -> Result<(Library, Vec<String>), Unusable> {
    let (head, layout) = decode_head(sections)?;
    let mut docs: Vec<Document> = filled(layout.docs);
    let mut at = vec![BodyAt::HELD; layout.docs];
    let ((entries, postings), (decoded, words)) = rayon::join(
        || rayon::join(|| decode_entries(sections, layout, None), || decode_postings(sections)),
        || {
            let decoded = docs::decode_all(sections, layout, &mut docs, &mut at);
            (decoded, decode_words(sections, layout))
        },
    );
    decoded?;
    let content_hashes = docs::decode_hashes(sections, layout)?;
    // The bodies are read from the file, as the browser reads a large corpus's from its spill
    // file: decoding them too made a reopen's peak about twice the corpus (docs/performance.md).
    let bodies = Spilled::in_mapping(Arc::clone(sections.file_bytes()), at);
    let docs = Arc::new(Documents::spilled(docs, bodies));
    let library = Library {
        index: index(head.actor_entries, postings?, entries?, words?, Originals(Arc::clone(&docs) as _)),
        docs,
        actors: ActorTable { table: head.table },
        date_width: head.date_width as usize,
        discovered: head.discovered,
        discovery_skipped: head.discovery_skipped,
        content_hashes: content_hashes.into(),
    };
    Ok((library, head.messages))
}

/// What a search needs, back from the sections: every document's search entry and the actor
/// table; the documents stay in the file until asked for.
pub struct Searchable {
    pub index: SearchIndex,
    pub table: Vec<ActorInfo>,
    /// Shared with the index, whose body tests read the bodies here.
    pub docs: Arc<StoredDocs>,
    pub messages: Vec<String>,
}

///
/// With `candidate`, only the search entries of documents whose row mask it accepts are
/// decoded (see [`encode_row_masks`]), the others left empty: the index then answers only the
/// query whose sieve `candidate` is.
pub fn decode_searchable(
    sections: Sections,
    candidate: Option<&(dyn Fn(u64) -> bool + Sync)>,
) -> Result<Searchable, Unusable> {
    let (head, layout) = decode_head(&sections)?;
    let wanted = candidate.map(|candidate| docs_wanted(&sections, layout, candidate)).transpose()?;
    let ((entries, postings), words) = rayon::join(
        || {
            rayon::join(
                || decode_entries(&sections, layout, wanted.as_deref()),
                || decode_postings(&sections),
            )
        },
        || decode_words(&sections, layout),
    );
    let docs = Arc::new(StoredDocs::new(sections, layout)?);
    let index = index(head.actor_entries, postings?, entries?, words?, Originals(Arc::clone(&docs) as _));
    Ok(Searchable { index, table: head.table, docs, messages: head.messages })
}
