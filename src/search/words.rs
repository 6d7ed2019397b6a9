//! An inverted index of the words of the folded bodies, so that a body test of a term looks up
//! the words containing it instead of scanning every body.
//!
//! A word is a maximal run of alphanumeric characters (`char::is_alphanumeric`) of the folded
//! text. Why this is exact: a pattern made only of such characters, found by bytes in UTF-8
//! text, starts and ends on character boundaries (UTF-8 is self-synchronising), so each
//! occurrence lies inside one word; matches in different words never overlap, so memmem's
//! leftmost non-overlapping occurrences in a body are, word by word, those of each word alone.
//! Hence its occurrence count in a body is the sum over the body's distinct words of
//! (occurrences in the word × how often the word occurs), and a word occurring
//! [`BODY_CAP`] times or more already reaches the cap. Which characters count as word
//! characters only decides which patterns the index serves: apostrophes and hyphens are left
//! out so that `l'onu` or `al-assad` keep the scan, and everything a reader types as a word
//! (letters of any script, digits) is in.
//!
//! The documents are cut into chunks of consecutive documents, each with its own vocabulary and
//! postings: chunks are built, cached and queried in parallel with no merge step; a common word
//! is stored once per chunk, which costs little next to its postings. Per chunk, one buffer
//! holds the words, each followed by `\n` (never in a word, so a search of a word-only pattern
//! over the buffer finds exactly the words containing it), and one buffer the postings of every
//! word in turn: per document holding the word, a varint of `gap << 3 | (count - 1)` where
//! `gap` is the number of documents skipped since the word's previous one and `count` its
//! occurrences capped at 8: one byte for a word present in one document in sixteen or more.

/// A word's characters are the fuzzy matcher's: alphanumeric.
pub(super) use super::fuzzy::is_word_char;
use memchr::memmem::Finder;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::packed::{Bytes, read_varint};
use super::rank::BODY_CAP;

/// The count fits the three low bits of a posting.
const _: () = assert!(BODY_CAP == 8);

/// Separates the words of a chunk's vocabulary.
const SEPARATOR: u8 = b'\n';

/// Documents per chunk: about a sixteenth of the corpus (enough pieces for two to a dozen
/// cores), and not so few that small corpora repeat their vocabulary in many chunks.
const CHUNK_MIN: usize = 8192;
const CHUNKS: usize = 16;

/// Above this many posting bytes per document to test, the bodies are scanned instead. Reading
/// postings cost about 2 ns a byte, a capped scan of a 2 KB body about 0.4 µs even for `e` (it
/// stops at the 8th occurrence), so the index wins up to about 200 bytes per document tested:
/// over a whole corpus that is every pattern (`e`, in the most words, has 115), but a term
/// tested on the few survivors of another (`withdrawal e` while typing) scans them.
const POSTING_BYTES_PER_TESTED_DOC: usize = 128;

/// How the index reads the bodies: `read(doc, f)` calls `f` with document `doc`'s folded body.
pub type Read<'a> = dyn Fn(usize, &mut dyn FnMut(&str)) + Sync + 'a;

/// Whether the index can count `pattern`: not empty, and only word characters.
pub fn is_word_pattern(pattern: &str) -> bool {
    !pattern.is_empty() && pattern.chars().all(is_word_char)
}

/// The word index of every document's folded body.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BodyWords {
    chunks: Vec<Chunk>,
}

/// The words of a run of consecutive documents.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Chunk {
    docs: u32,
    vocabulary: Box<str>,
    /// Where each word starts in `vocabulary`, then its length: word `w` is
    /// `vocabulary[starts[w]..starts[w + 1] - 1]`.
    starts: Box<[u32]>,
    /// Where each word's postings start in `postings`, then its length.
    offsets: Box<[u32]>,
    postings: Bytes,
}

impl BodyWords {
    /// The index of `docs` documents' folded bodies, built in parallel: `read(doc, f)` calls `f`
    /// with document `doc`'s folded body.
    pub fn build(docs: usize, read: &Read) -> BodyWords {
        BodyWords::build_chunked(docs, read, docs.div_ceil(CHUNKS).max(CHUNK_MIN))
    }

    /// [`BodyWords::build`] of folded bodies in corpus order.
    pub fn of_bodies(bodies: &[&str]) -> BodyWords {
        BodyWords::build(bodies.len(), &|doc, f| f(bodies[doc]))
    }

    /// [`BodyWords::build`] with `chunk` documents per chunk.
    fn build_chunked(docs: usize, read: &Read, chunk: usize) -> BodyWords {
        let chunk = chunk.max(1);
        let starts: Vec<usize> = (0..docs).step_by(chunk).collect();
        BodyWords {
            chunks: starts
                .into_par_iter()
                .map(|start| build::chunk(start..(start + chunk).min(docs), read))
                .collect(),
        }
    }

    /// How many documents it covers.
    pub fn docs(&self) -> usize {
        self.chunks.iter().map(|c| c.docs as usize).sum()
    }

    /// Bytes held (vocabularies, offsets, postings), for the record.
    pub fn heap_bytes(&self) -> usize {
        self.chunks
            .iter()
            .map(|c| c.vocabulary.len() + 4 * (c.starts.len() + c.offsets.len()) + c.postings.0.len())
            .sum()
    }

    pub(crate) fn chunks(&self) -> &[Chunk] {
        &self.chunks
    }

    pub(crate) fn from_chunks(chunks: Vec<Chunk>) -> BodyWords {
        BodyWords { chunks }
    }

    /// The words containing `pattern` (found by `finder`), if the index can count it in the
    /// bodies of `docs` documents: only word characters, and an index of those documents.
    pub(crate) fn matches(&self, pattern: &str, finder: &Finder, docs: usize) -> Option<Matches> {
        if !is_word_pattern(pattern) || self.docs() != docs {
            return None;
        }
        let found: Vec<Vec<(u32, u32)>> = self.chunks.par_iter().map(|c| c.containing(finder)).collect();
        let bytes = self.chunks.iter().zip(&found).map(|(c, f)| c.posting_bytes(f)).sum();
        Some(Matches { found, bytes })
    }

    /// Per document, the non-overlapping occurrences of the pattern of `matches` in its folded
    /// body, at most [`BODY_CAP`]: exactly what memmem counts.
    pub(crate) fn counts(&self, matches: &Matches) -> Vec<u8> {
        let mut counts = vec![0u8; self.docs()];
        let mut parts: Vec<&mut [u8]> = Vec::with_capacity(self.chunks.len());
        let mut rest = &mut counts[..];
        for c in &self.chunks {
            let (part, tail) = rest.split_at_mut(c.docs as usize);
            parts.push(part);
            rest = tail;
        }
        let found = &matches.found;
        self.chunks.par_iter().zip(parts).zip(found).for_each(|((c, part), f)| c.add_counts(f, part));
        counts
    }
}

/// The words of each chunk containing a pattern, with the pattern's occurrences in each.
#[derive(Debug)]
pub struct Matches {
    found: Vec<Vec<(u32, u32)>>,
    /// Their postings' size: the cost of counting.
    bytes: usize,
}

impl Matches {
    /// Whether reading the postings is cheaper than scanning `tested` bodies.
    pub fn worth_reading(&self, tested: usize) -> bool {
        self.bytes <= tested.saturating_mul(POSTING_BYTES_PER_TESTED_DOC)
    }
}

impl Chunk {
    /// Whether the offsets stay inside the buffers, as they do unless a cache was tampered with
    /// under a matching checksum: then the index is dropped rather than trusted.
    pub fn is_sound(&self) -> bool {
        let ends = |v: &[u32], len: usize| v.first() == Some(&0) && v.last() == Some(&offset_or_max(len));
        self.starts.len() == self.offsets.len()
            && ends(&self.starts, self.vocabulary.len())
            && ends(&self.offsets, self.postings.0.len())
            && self.starts.windows(2).all(|w| w[0] < w[1])
            && self.offsets.is_sorted()
    }

    /// The words containing the pattern, with its non-overlapping occurrences in each.
    fn containing(&self, finder: &Finder) -> Vec<(u32, u32)> {
        let vocabulary = self.vocabulary.as_bytes();
        let mut found = Vec::new();
        let mut at = 0;
        while let Some(i) = finder.find(&vocabulary[at..]) {
            let word = self.starts.partition_point(|&s| s as usize <= at + i) - 1;
            let (start, end) = (self.starts[word] as usize, self.starts[word + 1] as usize - 1);
            // Capped: a word's postings count at least one occurrence of it.
            let occurrences = finder.find_iter(&vocabulary[start..end]).take(BODY_CAP).count() as u32;
            found.push((word as u32, occurrences));
            at = end + 1;
        }
        found
    }

    fn posting_bytes(&self, found: &[(u32, u32)]) -> usize {
        found.iter().map(|&(w, _)| (self.offsets[w as usize + 1] - self.offsets[w as usize]) as usize).sum()
    }

    /// Adds the occurrences in each found word to `counts` (this chunk's documents), capped.
    fn add_counts(&self, found: &[(u32, u32)], counts: &mut [u8]) {
        for &(word, occurrences) in found {
            let w = word as usize;
            let mut list = &self.postings.0[self.offsets[w] as usize..self.offsets[w + 1] as usize];
            let mut doc = 0usize;
            while !list.is_empty() {
                let v = read_varint(&mut list);
                doc += (v >> 3) as usize;
                let n = ((v & 7) + 1) as u32 * occurrences;
                // Only a damaged cache could point past the chunk; its checksum catches that.
                let Some(slot) = counts.get_mut(doc) else { break };
                *slot = (u32::from(*slot) + n).min(BODY_CAP as u32) as u8;
                doc += 1;
            }
        }
    }
}

/// A chunk's bodies are at most a few hundred megabytes (a sixteenth of a corpus held in
/// memory), and offsets into its vocabulary and postings are smaller than its text.
fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("a chunk of the word index holds less than 4 GiB")
}

fn offset_or_max(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

mod build;
#[cfg(test)]
mod tests;
