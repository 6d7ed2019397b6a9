//! A [`Library`] as cache sections: one head (the actor table, the search index's actor
//! entries and postings, the messages), then the per-document data in chunks of consecutive
//! documents, then the chunks of the bodies' word index, all encoded and decoded in parallel.
//!
//! Decoding is what a reopen costs: a million small strings and vectors to allocate and
//! check. One thread did 100k titles in about 85 ms; chunks let every core take part.

use std::fmt;
use std::io;

use bincode::Options;
use rayon::prelude::*;
use serde::de::{self, DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::file::{Sections, Unusable, options};
use crate::actors::{ActorInfo, Actors, DocActors};
use crate::corpus::Document;
use crate::library::Library;
use crate::search::{ActorEntry, BodyWords, DocEntry, SearchIndex, Tables, WordChunk};

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
    table: &'a [ActorInfo],
    actor_entries: &'a [ActorEntry],
    postings: &'a [Vec<u32>],
    word_chunks: u64,
}

#[derive(Deserialize)]
struct Head {
    messages: Vec<String>,
    docs: u64,
    chunk: u64,
    date_width: u64,
    discovered: bool,
    table: Vec<ActorInfo>,
    actor_entries: Vec<ActorEntry>,
    postings: Vec<Vec<u32>>,
    word_chunks: u64,
}

#[derive(Serialize)]
struct ChunkRef<'a> {
    docs: &'a [Document],
    per_doc: &'a [DocActors],
    entries: &'a [DocEntry],
    hashes: &'a [u64],
}

fn encode<T: Serialize>(value: &T) -> io::Result<Vec<u8>> {
    options(u64::MAX).serialize(value).map_err(io::Error::other)
}

/// The sections of `library`, encoded lazily, a few chunks at a time in parallel (so that at
/// most a few chunks' bytes are in memory besides the library).
pub fn encode_sections<'a>(
    library: &'a Library,
    messages: &'a [String],
) -> impl Iterator<Item = io::Result<Vec<u8>>> + 'a {
    let tables = library.index.tables();
    let n = library.docs.len();
    let chunk = n.div_ceil(CHUNKS).max(CHUNK_MIN);
    let head = HeadRef {
        messages,
        docs: n as u64,
        chunk: chunk as u64,
        date_width: library.date_width as u64,
        discovered: library.discovered,
        table: &library.actors.table,
        actor_entries: &tables.actors,
        postings: &tables.postings,
        word_chunks: tables.words.chunks().len() as u64,
    };
    let starts: Vec<usize> = (0..n).step_by(chunk).collect();
    let chunks = in_groups(starts, move |start| {
        let end = (start + chunk).min(n);
        encode(&ChunkRef {
            docs: &library.docs[start..end],
            per_doc: &library.actors.per_doc[start..end],
            entries: &tables.docs[start..end],
            hashes: &library.content_hashes[start..end],
        })
    });
    let words = in_groups(tables.words.chunks().iter().collect(), encode::<WordChunk>);
    std::iter::once(encode(&head)).chain(chunks).chain(words)
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

/// The library and messages back from the sections.
///
/// Each chunk is decoded straight into its place in the library's vectors (made full of empty
/// values first, which allocate nothing), so that no second copy of the per-document data is
/// ever in memory: at a million documents that copy was a third of a gigabyte.
pub fn decode_sections(sections: &Sections) -> Result<(Library, Vec<String>), Unusable> {
    let bytes = sections.read(0)?;
    let head: Head = options(bytes.len() as u64).deserialize(&bytes)?;
    let n = usize::try_from(head.docs).map_err(|_| Unusable::Damaged("document count".into()))?;
    let chunk = usize::try_from(head.chunk).unwrap_or(0).max(1);
    let word_chunks = usize::try_from(head.word_chunks).unwrap_or(usize::MAX);
    if sections.len().checked_sub(word_chunks) != Some(1 + n.div_ceil(chunk)) {
        return Err(Unusable::Damaged("chunk count".into()));
    }
    let chunks: Vec<usize> = (1..1 + n.div_ceil(chunk)).collect();
    let mut docs: Vec<Document> = Vec::new();
    let mut per_doc: Vec<DocActors> = Vec::new();
    let mut entries: Vec<DocEntry> = Vec::new();
    docs.resize_with(n, Default::default);
    per_doc.resize_with(n, Default::default);
    entries.resize_with(n, Default::default);
    let mut content_hashes = vec![0u64; n];
    docs.par_chunks_mut(chunk)
        .zip(per_doc.par_chunks_mut(chunk))
        .zip(entries.par_chunks_mut(chunk))
        .zip(content_hashes.par_chunks_mut(chunk))
        .zip(chunks.par_iter())
        .try_for_each(|((((docs, per_doc), entries), hashes), &i)| {
            // Read by the thread that decodes it, and dropped right after.
            let bytes = sections.read(i)?;
            let seed = ChunkSeed { docs, per_doc, entries, hashes };
            options(bytes.len() as u64).deserialize_seed(seed, &bytes[..]).map_err(Unusable::from)
        })?;
    let words = (1 + chunks.len()..sections.len())
        .into_par_iter()
        .map(|i| {
            let bytes = sections.read(i)?;
            options(bytes.len() as u64).deserialize::<WordChunk>(&bytes).map_err(Unusable::from)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let words = BodyWords::from_chunks(words);
    if words.docs() != n || !words.chunks().iter().all(WordChunk::is_sound) {
        return Err(Unusable::Damaged("word index".into()));
    }
    let tables = Tables { docs: entries, actors: head.actor_entries, postings: head.postings, words };
    let library = Library {
        docs,
        actors: Actors { table: head.table, per_doc },
        index: SearchIndex::from_tables(tables),
        date_width: head.date_width as usize,
        discovered: head.discovered,
        content_hashes,
    };
    Ok((library, head.messages))
}

/// Decodes a [`ChunkRef`] into the slices its documents belong in (each must come out exactly
/// as long as its slice).
struct ChunkSeed<'a> {
    docs: &'a mut [Document],
    per_doc: &'a mut [DocActors],
    entries: &'a mut [DocEntry],
    hashes: &'a mut [u64],
}

impl<'de> DeserializeSeed<'de> for ChunkSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        // bincode writes a struct as its fields in order: a tuple.
        deserializer.deserialize_tuple(4, self)
    }
}

impl<'de> Visitor<'de> for ChunkSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a chunk of documents")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let missing = || de::Error::custom("chunk field missing");
        seq.next_element_seed(Fill(self.docs))?.ok_or_else(missing)?;
        seq.next_element_seed(Fill(self.per_doc))?.ok_or_else(missing)?;
        seq.next_element_seed(Fill(self.entries))?.ok_or_else(missing)?;
        seq.next_element_seed(Fill(self.hashes))?.ok_or_else(missing)?;
        Ok(())
    }
}

/// Decodes a sequence into a slice of exactly its length.
struct Fill<'a, T>(&'a mut [T]);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Fill<'_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Fill<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a sequence of {} elements", self.0.len())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let len = self.0.len();
        let wrong = |n: usize| de::Error::custom(format_args!("{n} elements where {len} were expected"));
        for (i, slot) in self.0.iter_mut().enumerate() {
            *slot = seq.next_element()?.ok_or_else(|| wrong(i))?;
        }
        match seq.next_element::<de::IgnoredAny>()? {
            Some(_) => Err(wrong(len + 1)),
            None => Ok(()),
        }
    }
}
