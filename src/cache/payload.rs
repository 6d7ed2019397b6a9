//! A [`Library`] as cache sections: one head (the actor table, the search index's actor
//! entries and postings, the messages), then the per-document data in chunks of consecutive
//! documents that are encoded and decoded in parallel.
//!
//! Decoding is what a reopen costs: a million small strings and vectors to allocate and
//! check. One thread did 100k titles in about 85 ms; chunks let every core take part.

use std::io;

use bincode::Options;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::file::{Unusable, options};
use crate::actors::{ActorInfo, Actors, DocActors};
use crate::corpus::Document;
use crate::library::Library;
use crate::search::{ActorEntry, DocEntry, SearchIndex, Tables};

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
}

#[derive(Serialize)]
struct ChunkRef<'a> {
    docs: &'a [Document],
    per_doc: &'a [DocActors],
    entries: &'a [DocEntry],
    hashes: &'a [u64],
}

#[derive(Deserialize)]
struct Chunk {
    docs: Vec<Document>,
    per_doc: Vec<DocActors>,
    entries: Vec<DocEntry>,
    hashes: Vec<u64>,
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
    };
    let starts: Vec<usize> = (0..n).step_by(chunk).collect();
    let groups: Vec<Vec<usize>> =
        starts.chunks(rayon::current_num_threads().max(1)).map(<[usize]>::to_vec).collect();
    let chunks = groups.into_iter().flat_map(move |group| {
        group
            .into_par_iter()
            .map(|start| {
                let end = (start + chunk).min(n);
                encode(&ChunkRef {
                    docs: &library.docs[start..end],
                    per_doc: &library.actors.per_doc[start..end],
                    entries: &tables.docs[start..end],
                    hashes: &library.content_hashes[start..end],
                })
            })
            .collect::<Vec<_>>()
    });
    std::iter::once(encode(&head)).chain(chunks)
}

/// The library and messages back from the sections.
pub fn decode_sections(sections: &[&[u8]]) -> Result<(Library, Vec<String>), Unusable> {
    let Some((head, chunks)) = sections.split_first() else {
        return Err(Unusable::Damaged("no sections".into()));
    };
    let head: Head = options(head.len() as u64).deserialize(head)?;
    let n = usize::try_from(head.docs).map_err(|_| Unusable::Damaged("document count".into()))?;
    let chunk = usize::try_from(head.chunk).unwrap_or(0).max(1);
    if chunks.len() != n.div_ceil(chunk) {
        return Err(Unusable::Damaged("chunk count".into()));
    }
    let decoded: Vec<Chunk> = chunks
        .par_iter()
        .map(|bytes| options(bytes.len() as u64).deserialize::<Chunk>(bytes))
        .collect::<Result<_, _>>()?;
    let mut docs = Vec::with_capacity(n);
    let mut per_doc = Vec::with_capacity(n);
    let mut entries = Vec::with_capacity(n);
    let mut content_hashes = Vec::with_capacity(n);
    for (i, c) in decoded.into_iter().enumerate() {
        let len = chunk.min(n - i * chunk);
        if [c.docs.len(), c.per_doc.len(), c.entries.len(), c.hashes.len()] != [len; 4] {
            return Err(Unusable::Damaged("chunk of the wrong size".into()));
        }
        docs.extend(c.docs);
        per_doc.extend(c.per_doc);
        entries.extend(c.entries);
        content_hashes.extend(c.hashes);
    }
    let tables = Tables { docs: entries, actors: head.actor_entries, postings: head.postings };
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
