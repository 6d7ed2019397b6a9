//! The documents in the cache: each chunk's documents (with their actors) one record apiece,
//! behind a table of where each record starts, so that one document can be decoded alone; and
//! the review content hashes at a fixed width.
//!
//! ```text
//! chunk of m documents:  OFFSET(u64 LE) × (m + 1)  RECORD × m      (RECORD: bincode Document)
//! hashes:                HASH(u64 LE) × n
//! ```
//!
//! The headless mode searches every document's search entry but prints only the hits: at 1M
//! documents, decoding all documents and actor lists was over half of a reopen's memory and
//! time, spent on documents a query like `zzzxq` never shows.

use std::io;
use std::ops::Range;

use bincode::Options;
use rayon::prelude::*;

use super::file::{Sections, Unusable, options};
use super::payload::Layout;
use std::borrow::Cow;

use crate::corpus::{ActorList, ActorNames, BodyAt, BodySource, DocParts, Document, Documents};

/// One chunk's documents (`range` of `docs`) as a section. Their actors are in their search
/// entries.
pub(super) fn encode_chunk(docs: &Documents, range: Range<usize>) -> io::Result<Vec<u8>> {
    let records = range.clone().map(|i| StoredDocument::of(docs, i));
    encode_records(range.len(), records)
}

/// A [`Document`] as a record stores it, its body read from wherever the documents keep it:
/// the fields of `Document`, in order, so that it reads back as one.
#[derive(serde::Serialize)]
struct StoredDocument<'a> {
    id: &'a str,
    title: &'a str,
    date: Option<&'a str>,
    source: Option<&'a str>,
    body: &'a str,
    actors: ActorList<'a>,
}

impl<'a> StoredDocument<'a> {
    fn of(docs: &'a Documents, i: usize) -> StoredDocument<'a> {
        let doc = &docs[i];
        StoredDocument {
            id: doc.id(),
            title: doc.title(),
            date: doc.date(),
            source: doc.source(),
            body: docs.body(i),
            actors: doc.actors(),
        }
    }
}

/// `m` records behind the table of where each starts (the layout of a chunk of documents, and
/// of a chunk of search entries), in a buffer of exactly their size: grown as it filled, a
/// chunk of documents took twice its size at once, which was most of a cache write's memory.
pub(super) fn encode_records<T: serde::Serialize>(
    m: usize,
    items: impl Iterator<Item = T>,
) -> io::Result<Vec<u8>> {
    let items: Vec<T> = items.collect();
    if items.len() != m {
        return Err(io::Error::other("record count"));
    }
    let sizes = items.iter().map(|item| options(u64::MAX).serialized_size(item));
    let records = sizes.sum::<Result<u64, _>>().map_err(io::Error::other)?;
    let table = (m + 1) * 8;
    let mut out = Vec::with_capacity(table + records as usize);
    out.resize(table, 0);
    let mut offsets = Vec::with_capacity(m + 1);
    for item in &items {
        offsets.push((out.len() - table) as u64);
        options(u64::MAX).serialize_into(&mut out, item).map_err(io::Error::other)?;
    }
    offsets.push((out.len() - table) as u64);
    debug_assert_eq!(out.len(), out.capacity(), "sized exactly");
    for (slot, offset) in out.chunks_exact_mut(8).zip(offsets) {
        slot.copy_from_slice(&offset.to_le_bytes());
    }
    Ok(out)
}

/// A section of `m` records behind their table, the table checked whole and in order.
pub(super) struct Records<'a> {
    bytes: &'a [u8],
    m: usize,
}

impl<'a> Records<'a> {
    pub(super) fn new(bytes: &'a [u8], m: usize) -> Result<Records<'a>, Unusable> {
        let table = (m + 1) * 8;
        let records =
            bytes.len().checked_sub(table).ok_or_else(|| Unusable::Damaged("record table".into()))?;
        let mut previous = 0;
        for offset in offsets(bytes, m) {
            if offset < previous || offset > records as u64 {
                return Err(Unusable::Damaged("record offsets".into()));
            }
            previous = offset;
        }
        Ok(Records { bytes, m })
    }

    /// Record `i`'s bytes.
    pub(super) fn get(&self, i: usize) -> &'a [u8] {
        &self.bytes[(self.m + 1) * 8..][record_range(self.bytes, i)]
    }

    /// Every record, in order, for a deserializer to read one after another.
    pub(super) fn all(&self) -> &'a [u8] {
        &self.bytes[(self.m + 1) * 8..]
    }
}

pub(super) fn encode_hashes(hashes: &[u64]) -> Vec<u8> {
    hashes.iter().flat_map(|h| h.to_le_bytes()).collect()
}

/// The documents of a cache file, decoded when asked for. The file's checksums were verified
/// when it was opened, and the record tables are checked here, so a record that then fails to
/// decode means a bug, not damage.
pub struct StoredDocs {
    sections: Sections,
    layout: Layout,
}

impl StoredDocs {
    /// The documents of `sections`, laid out as `layout` says, once every chunk's table of
    /// records is found whole and in order.
    pub(super) fn new(sections: Sections, layout: Layout) -> Result<StoredDocs, Unusable> {
        let stored = StoredDocs { sections, layout };
        (0..layout.chunks()).into_par_iter().try_for_each(|c| stored.check_chunk(c))?;
        hash_bytes(&stored.sections, layout)?;
        Ok(stored)
    }

    fn check_chunk(&self, c: usize) -> Result<(), Unusable> {
        let bytes = self.sections.get(self.layout.documents(c))?;
        Records::new(bytes, self.layout.range(c).len()).map(|_| ())
    }

    pub fn len(&self) -> usize {
        self.layout.docs
    }

    pub fn is_empty(&self) -> bool {
        self.layout.docs == 0
    }

    /// Document `doc`.
    pub fn get(&self, doc: usize) -> Result<Document, Unusable> {
        let record = self.record(doc)?;
        let stored: BodyInFile = options(record.len() as u64).deserialize(record)?;
        let body = std::str::from_utf8(stored.body).map_err(|_| Unusable::Damaged("a body".into()))?;
        Ok(stored.document(body))
    }

    /// Document `doc`'s id alone (a record starts with it).
    pub fn id(&self, doc: usize) -> Result<String, Unusable> {
        let record = self.record(doc)?;
        Ok(options(record.len() as u64).allow_trailing_bytes().deserialize(record)?)
    }

    /// Document `doc`'s id and title (a record starts with them), borrowed from the file: all
    /// that `--filter`'s lines print, at no allocation.
    pub fn heading(&self, doc: usize) -> Result<(&str, &str), Unusable> {
        let record = self.record(doc)?;
        Ok(options(record.len() as u64).allow_trailing_bytes().deserialize(record)?)
    }

    /// Document `doc`'s body, borrowed from the file (a record starts with the document's
    /// fields, the body fifth).
    pub fn body(&self, doc: usize) -> Result<&str, Unusable> {
        let record = self.record(doc)?;
        let fields: (&str, &str, Option<&str>, Option<&str>, &str) =
            options(record.len() as u64).allow_trailing_bytes().deserialize(record)?;
        Ok(fields.4)
    }

    /// `get` (or anything else) of each of the documents `docs` (ascending), in that order,
    /// chunk by chunk in parallel, each chunk's pages let go once done with (see
    /// [`Sections::release`]).
    pub fn each<'a, T: Send>(
        &'a self,
        docs: &[u32],
        get: impl Fn(&'a StoredDocs, usize) -> Result<T, Unusable> + Sync,
    ) -> Result<Vec<T>, Unusable> {
        let chunk = self.layout.chunk;
        let mut groups: Vec<&[u32]> = Vec::new();
        let mut rest = docs;
        while let Some(&first) = rest.first() {
            let end = (first as usize / chunk + 1) * chunk;
            let (group, after) = rest.split_at(rest.partition_point(|&d| (d as usize) < end));
            groups.push(group);
            rest = after;
        }
        let fetched: Vec<Vec<T>> = groups
            .into_par_iter()
            .map(|group| {
                let got = group.iter().map(|&doc| get(self, doc as usize)).collect();
                self.sections.release(self.layout.documents(group[0] as usize / chunk));
                got
            })
            .collect::<Result<_, _>>()?;
        Ok(fetched.into_iter().flatten().collect())
    }

    /// Every document's review content hash, in corpus order.
    pub fn hashes(&self) -> Result<Vec<u64>, Unusable> {
        decode_hashes(&self.sections, self.layout)
    }

    fn record(&self, doc: usize) -> Result<&[u8], Unusable> {
        if doc >= self.layout.docs {
            return Err(Unusable::Damaged(format!("no document {doc}")));
        }
        let c = doc / self.layout.chunk;
        let bytes = self.sections.get(self.layout.documents(c))?;
        let m = self.layout.range(c).len();
        // Checked when the file was opened (`StoredDocs::new`).
        Ok(Records { bytes, m }.get(doc % self.layout.chunk))
    }
}

/// Body tests of a search over the cache's entries read the bodies from the file.
impl crate::search::BodySource for StoredDocs {
    fn body(&self, doc: usize) -> &str {
        // The record tables were checked when the file was opened: a record that does not
        // decode is a bug, which tests catch; a search then reads an empty body.
        let body = StoredDocs::body(self, doc);
        debug_assert!(body.is_ok(), "document {doc} of the cache does not decode");
        body.unwrap_or_default()
    }
}

/// Decodes every document of `sections` into `docs` (as long as the corpus),
/// all but their bodies, which stay in the file: `at` (as long too) gets where each lies in it
/// (see [`crate::corpus::Spilled::in_mapping`]).
pub(super) fn decode_all(
    sections: &Sections,
    layout: Layout,
    docs: &mut [Document],
    at: &mut [BodyAt],
) -> Result<(), Unusable> {
    let file = sections.file_bytes().as_ptr() as usize;
    let chunks: Vec<usize> = (0..layout.chunks()).collect();
    let places = docs.par_chunks_mut(layout.chunk).zip(at.par_chunks_mut(layout.chunk));
    places.zip(chunks).try_for_each(|((docs, at), c)| {
        let bytes = Records::new(sections.get(layout.documents(c))?, docs.len())?.all();
        let mut records = bincode::Deserializer::from_slice(bytes, options(bytes.len() as u64));
        for (doc, at) in docs.iter_mut().zip(at.iter_mut()) {
            let stored: BodyInFile = serde::Deserialize::deserialize(&mut records)?;
            let body = stored.body;
            // (An empty slice need not point into the file.)
            let offset = if body.is_empty() { 0 } else { body.as_ptr() as usize - file };
            *at = BodyAt::new(offset as u64, body.len() as u64);
            *doc = stored.document("");
        }
        sections.release(layout.documents(c));
        Ok(())
    })
}

/// A record's document with its body left where it is (bincode reads a string's bytes as a
/// byte string: a slice of the file, not checked as UTF-8 until read).
/// Its texts are read in place where bincode can (a mapped file), and copied once, into the
/// document.
#[derive(serde::Deserialize)]
struct BodyInFile<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow)]
    title: Cow<'a, str>,
    #[serde(borrow)]
    date: Option<Cow<'a, str>>,
    #[serde(borrow)]
    source: Option<Cow<'a, str>>,
    #[serde(borrow)]
    body: &'a [u8],
    actors: ActorNames,
}

impl BodyInFile<'_> {
    fn document(&self, body: &str) -> Document {
        Document::new(DocParts {
            id: &self.id,
            title: &self.title,
            date: self.date.as_deref(),
            source: self.source.as_deref(),
            body,
            actors: self.actors.as_list(),
        })
    }
}

pub(super) fn decode_hashes(sections: &Sections, layout: Layout) -> Result<Vec<u64>, Unusable> {
    let bytes = hash_bytes(sections, layout)?;
    Ok(bytes.chunks_exact(8).map(|h| u64::from_le_bytes(h.try_into().expect("8 bytes"))).collect())
}

fn hash_bytes(sections: &Sections, layout: Layout) -> Result<&[u8], Unusable> {
    let bytes = sections.get(layout.hashes())?;
    match bytes.len() == layout.docs * 8 {
        true => Ok(bytes),
        false => Err(Unusable::Damaged("hashes".into())),
    }
}

fn offsets(bytes: &[u8], m: usize) -> impl Iterator<Item = u64> + '_ {
    bytes[..(m + 1) * 8].chunks_exact(8).map(|o| u64::from_le_bytes(o.try_into().expect("8 bytes")))
}

/// Where record `i` lies among a checked chunk's records.
fn record_range(bytes: &[u8], i: usize) -> Range<usize> {
    let at = |k: usize| u64::from_le_bytes(bytes[k * 8..k * 8 + 8].try_into().expect("8 bytes")) as usize;
    at(i)..at(i + 1)
}
