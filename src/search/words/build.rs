//! Building one chunk of the word index. Every word occurrence of every body is looked up once,
//! so this loop is most of the build: ASCII is tokenised byte by byte, and words are interned in
//! a table whose keys lie one after another in the chunk's vocabulary buffer (keys pointing into
//! the bodies made each comparison a cache miss: half the build went there).

use std::hash::BuildHasher;

use super::super::packed::{Bytes, push_varint};
use super::{BODY_CAP, Chunk, SEPARATOR, is_word_char, offset};

pub(super) fn chunk(docs: std::ops::Range<usize>, read: &super::Read) -> Chunk {
    let mut vocabulary = Vocabulary::default();
    // Per word: its postings so far, the chunk document after its last posting, and its
    // occurrences in the current document.
    let mut lists: Vec<Vec<u8>> = Vec::new();
    let mut next: Vec<u32> = Vec::new();
    let mut count: Vec<u8> = Vec::new();
    let mut touched: Vec<u32> = Vec::new();
    let len = docs.len();
    for (doc, corpus_doc) in docs.enumerate() {
        read(corpus_doc, &mut |body| {
            for_each_word(body, |word| {
                let id = vocabulary.intern(word);
                if id == lists.len() {
                    lists.push(Vec::new());
                    next.push(0);
                    count.push(0);
                }
                if count[id] == 0 {
                    touched.push(id as u32);
                }
                count[id] = count[id].saturating_add(1);
            })
        });
        for id in touched.drain(..) {
            let id = id as usize;
            let gap = doc as u32 - next[id];
            let n = u32::from(count[id]).min(BODY_CAP as u32);
            push_varint(&mut lists[id], (u64::from(gap) << 3) | u64::from(n - 1));
            next[id] = doc as u32 + 1;
            count[id] = 0;
        }
    }
    let mut postings = Vec::with_capacity(lists.iter().map(Vec::len).sum());
    let mut offsets = Vec::with_capacity(lists.len() + 1);
    for list in &lists {
        offsets.push(offset(postings.len()));
        postings.extend_from_slice(list);
    }
    offsets.push(offset(postings.len()));
    let Vocabulary { text, mut starts, .. } = vocabulary;
    starts.push(offset(text.len()));
    Chunk {
        docs: len as u32,
        vocabulary: String::from_utf8(text).expect("whole words of UTF-8 text").into_boxed_str(),
        starts: starts.into_boxed_slice(),
        offsets: offsets.into_boxed_slice(),
        postings: Bytes(postings.into_boxed_slice()),
    }
}

/// Calls `f` with each word of `text` in order (maximal runs of word characters).
pub(super) fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    // The length of the character at `i` if it is a word character.
    let word_at = |i: usize| match bytes[i] {
        // `char::is_alphanumeric` on ASCII.
        b if b.is_ascii() => b.is_ascii_alphanumeric().then_some(1),
        _ => text[i..].chars().next().filter(|&c| is_word_char(c)).map(char::len_utf8),
    };
    let mut i = 0;
    while i < bytes.len() {
        let Some(len) = word_at(i) else {
            i += if bytes[i].is_ascii() { 1 } else { utf8_len(bytes[i]) };
            continue;
        };
        let start = i;
        i += len;
        while i < bytes.len() {
            match word_at(i) {
                Some(len) => i += len,
                None => break,
            }
        }
        f(&text[start..i]);
    }
}

/// The length of the UTF-8 sequence that `lead` starts.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        _ => 2,
    }
}

/// The chunk's words, each followed by [`SEPARATOR`], and an open-addressing table from a word
/// to its id (order of first appearance).
#[derive(Default)]
struct Vocabulary {
    text: Vec<u8>,
    starts: Vec<u32>,
    /// `(hash tag, id + 1)`; 0 marks a free slot. Never more than half full.
    slots: Vec<(u32, u32)>,
}

impl Vocabulary {
    fn intern(&mut self, word: &str) -> usize {
        if 2 * (self.starts.len() + 1) > self.slots.len() {
            self.grow();
        }
        let hash = hash(word.as_bytes());
        let tag = (hash >> 32) as u32;
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            match self.slots[i] {
                (_, 0) => {
                    let id = self.starts.len();
                    self.slots[i] = (tag, id as u32 + 1);
                    self.starts.push(offset(self.text.len()));
                    self.text.extend_from_slice(word.as_bytes());
                    self.text.push(SEPARATOR);
                    return id;
                }
                (t, id) if t == tag && self.word(id as usize - 1) == word.as_bytes() => {
                    return id as usize - 1;
                }
                _ => i = (i + 1) & mask,
            }
        }
    }

    fn word(&self, id: usize) -> &[u8] {
        let end = self.starts.get(id + 1).map_or(self.text.len(), |&e| e as usize) - 1;
        &self.text[self.starts[id] as usize..end]
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        self.slots = vec![(0, 0); size];
        for id in 0..self.starts.len() {
            let hash = hash(self.word(id));
            let mut i = hash as usize & (size - 1);
            while self.slots[i].1 != 0 {
                i = (i + 1) & (size - 1);
            }
            self.slots[i] = ((hash >> 32) as u32, id as u32 + 1);
        }
    }
}

fn hash(word: &[u8]) -> u64 {
    foldhash::fast::FixedState::with_seed(0).hash_one(word)
}
