//! Every document's search entry (its body's mask, its actors, its mentions as spans), packed
//! by chunks of documents ([`crate::chunked`]).
//!
//! Held as a struct per document with its actors and its spans in two boxes of their own, a
//! million short records took 48 bytes a document and two allocations (with their headers and
//! rounding, about 130 bytes); packed, a document takes its mask, two ends and its data. A
//! chunk is built (or read from the index cache) on its own thread.

use super::Span;
use super::index::BodyMask;
use super::spans::{SpanList, pack_into};
use crate::actors::DocActor;
use crate::chunked::{Chunks, Counted, SlicePairs};

/// One document's search entry, borrowed from [`DocEntries`].
#[derive(Debug, Default, Clone, Copy)]
pub struct DocEntry<'a> {
    /// The body's mask (its folded text, when the tables hold it, is in
    /// `Tables::folded_bodies`).
    pub body: BodyMask,
    /// The document's actors and how often each is mentioned, most mentioned first: the
    /// library's only list of them (`Library::doc_actors`).
    pub actors: &'a [DocActor],
    pub mentions: SpanList<'a>,
}

impl<'a> DocEntry<'a> {
    pub fn mention_spans(self, field: crate::actors::Field) -> impl Iterator<Item = Span> + 'a {
        let in_title = field == crate::actors::Field::Title;
        self.mentions.iter().filter(move |m| m.in_title == in_title)
    }
}

/// The entries of consecutive documents: their body masks, and their actors and span bytes.
#[derive(Debug, Default)]
pub struct EntryChunk {
    bodies: Vec<BodyMask>,
    lists: SlicePairs<DocActor, u8>,
}

impl EntryChunk {
    /// Room for `docs` documents holding `actors` actors and `span_bytes` bytes of spans in all
    /// (at most: [`EntryChunk::done`] gives back what is left). Memory reserved and never
    /// written costs nothing; a vector grown by doubling left each old block behind.
    pub fn with_capacities(docs: usize, actors: usize, span_bytes: usize) -> EntryChunk {
        EntryChunk {
            bodies: Vec::with_capacity(docs),
            lists: SlicePairs::with_capacities(docs, actors, span_bytes),
        }
    }

    /// Adds the next document's entry.
    pub fn push(&mut self, body: BodyMask, actors: &[DocActor], spans: impl IntoIterator<Item = Span>) {
        self.bodies.push(body);
        self.lists.push_with(actors, |out| pack_into(out, spans));
    }

    /// Adds the next document's entry, its spans packed already.
    pub fn push_packed(&mut self, body: BodyMask, actors: &[DocActor], spans: SpanList<'_>) {
        self.bodies.push(body);
        self.lists.push(actors, spans.bytes());
    }

    /// The chunk, its vectors cut to their length.
    pub fn done(mut self) -> EntryChunk {
        self.bodies.shrink_to_fit();
        EntryChunk { bodies: self.bodies, lists: self.lists.done() }
    }

    fn get(&self, i: usize) -> DocEntry<'_> {
        let (actors, spans) = self.lists.get(i);
        DocEntry { body: self.bodies[i], actors, mentions: SpanList::packed(spans) }
    }
}

impl Counted for EntryChunk {
    fn count(&self) -> usize {
        self.bodies.len()
    }
}

/// Every document's entry, in corpus order.
#[derive(Debug, Default)]
pub struct DocEntries(Chunks<EntryChunk>);

impl DocEntries {
    /// Entries of these chunks, each of `chunk` documents but the last.
    pub fn from_chunks(chunk: usize, chunks: Vec<EntryChunk>) -> DocEntries {
        DocEntries(Chunks::new(chunk, chunks))
    }

    /// Document `doc`'s entry, if there is one.
    pub fn get(&self, doc: usize) -> Option<DocEntry<'_>> {
        self.0.locate(doc).map(|(chunk, i)| chunk.get(i))
    }

    pub fn iter(&self) -> impl Iterator<Item = DocEntry<'_>> {
        self.0.chunks().iter().flat_map(|chunk| (0..chunk.count()).map(|i| chunk.get(i)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(actor: u32, start: u32) -> Span {
        Span { actor, in_title: start < 10, start, end: start + 3 }
    }

    #[test]
    fn each_document_reads_back_its_own_entry_across_chunks() {
        let actor = |actor, mentions| DocActor { actor, mentions };
        let mut chunks = Vec::new();
        let mut expected = Vec::new();
        for c in 0..3 {
            let mut chunk = EntryChunk::with_capacities(2, 0, 0);
            for i in 0..if c == 2 { 1 } else { 2 } {
                let doc = c * 2 + i;
                let body = BodyMask { mask: doc as u64, ascii: doc % 2 == 0 };
                let actors: Vec<DocActor> = (0..doc as u32 % 3).map(|a| actor(a, doc as u32)).collect();
                let spans: Vec<Span> = (0..doc as u32 % 4).map(|s| span(s, s * 7)).collect();
                match doc % 2 {
                    0 => chunk.push(body, &actors, spans.iter().copied()),
                    _ => {
                        let packed = super::super::Spans::pack(spans.iter().copied());
                        chunk.push_packed(body, &actors, packed.as_list());
                    }
                }
                expected.push((body, actors, spans));
            }
            chunks.push(chunk.done());
        }
        let entries = DocEntries::from_chunks(2, chunks);
        for (doc, (body, actors, spans)) in expected.iter().enumerate() {
            let e = entries.get(doc).expect("an entry");
            assert_eq!((e.body, e.actors, e.mentions.unpack()), (*body, &actors[..], spans.clone()), "{doc}");
        }
        assert!(entries.get(5).is_none());
        assert_eq!(entries.iter().count(), 5);
        assert_eq!(entries.iter().map(|e| e.actors.len()).collect::<Vec<_>>(), [0, 1, 2, 0, 1]);
    }
}
