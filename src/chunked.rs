//! Per-document lists packed by chunks of documents, for corpora of a million short records.
//!
//! A list per document held as a boxed slice costs a 16-byte pointer and an allocation with its
//! header and rounding, often more than the list itself: at a million CSV records, two such
//! lists a document took about 130 bytes. Packed, a chunk of documents keeps every list's items
//! in one vector and each document's end in another; a chunk is built on one thread, so that
//! chunks are built in parallel and never copied into one.

/// `n` empty values, written in parallel: writing is when the kernel hands out (and zeroes) a
/// vector's pages, about 0.7 ms per MB on the project's VM, so a million entries took one
/// thread over 100 ms. Chunks are then filled in place, each on its own thread.
pub fn filled<T: Default + Send>(n: usize) -> Vec<T> {
    use rayon::prelude::*;
    (0..n).into_par_iter().with_min_len(4096).map(|_| T::default()).collect()
}

/// Per document of a chunk, two lists (of `A` and of `B`), in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlicePairs<A, B> {
    /// Per document, where its lists end in `a` and in `b`.
    ends: Vec<(u32, u32)>,
    a: Vec<A>,
    b: Vec<B>,
}

impl<A, B> Default for SlicePairs<A, B> {
    fn default() -> Self {
        SlicePairs { ends: Vec::new(), a: Vec::new(), b: Vec::new() }
    }
}

impl<A: Clone, B: Clone> SlicePairs<A, B> {
    /// Room for `docs` documents holding `a` and `b` items in all: a chunk whose size is known
    /// is never grown (each doubling left its old block behind, free but not given back).
    pub fn with_capacities(docs: usize, a: usize, b: usize) -> Self {
        SlicePairs { ends: Vec::with_capacity(docs), a: Vec::with_capacity(a), b: Vec::with_capacity(b) }
    }

    /// Adds the next document's lists.
    pub fn push(&mut self, a: &[A], b: &[B]) {
        self.push_with(a, |out| out.extend_from_slice(b));
    }

    /// Adds the next document's lists, its `B`s appended by `fill`.
    pub fn push_with(&mut self, a: &[A], fill: impl FnOnce(&mut Vec<B>)) {
        self.a.extend_from_slice(a);
        fill(&mut self.b);
        // A chunk's items would pass 4G only at hundreds of millions of documents a chunk.
        let end = |len: usize| u32::try_from(len).expect("a chunk of under 4G items");
        self.ends.push((end(self.a.len()), end(self.b.len())));
    }

    /// The chunk, its vectors cut to their length.
    pub fn done(mut self) -> Self {
        self.ends.shrink_to_fit();
        self.a.shrink_to_fit();
        self.b.shrink_to_fit();
        self
    }
}

impl<A, B> SlicePairs<A, B> {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// How many items of `A` and of `B` the chunk holds.
    pub fn totals(&self) -> (usize, usize) {
        (self.a.len(), self.b.len())
    }

    /// Document `i`'s lists.
    pub fn get(&self, i: usize) -> (&[A], &[B]) {
        let (a_start, b_start) = if i == 0 { (0, 0) } else { self.ends[i - 1] };
        let (a_end, b_end) = self.ends[i];
        (&self.a[a_start as usize..a_end as usize], &self.b[b_start as usize..b_end as usize])
    }
}

/// Something made of one entry per document.
pub trait Counted {
    fn count(&self) -> usize;
}

impl<A, B> Counted for SlicePairs<A, B> {
    fn count(&self) -> usize {
        self.len()
    }
}

/// Chunks of `chunk` documents each (the last may hold fewer), in corpus order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunks<T> {
    chunk: usize,
    chunks: Vec<T>,
    len: usize,
}

impl<T> Default for Chunks<T> {
    fn default() -> Self {
        Chunks { chunk: 1, chunks: Vec::new(), len: 0 }
    }
}

impl<T: Counted> Chunks<T> {
    /// These chunks, each of `chunk` documents but the last.
    pub fn new(chunk: usize, chunks: Vec<T>) -> Chunks<T> {
        let len = chunks.iter().map(T::count).sum();
        let last = chunks.len().saturating_sub(1);
        assert!(
            chunks.iter().enumerate().all(|(c, part)| c == last || part.count() == chunk),
            "every chunk but the last holds {chunk} documents"
        );
        Chunks { chunk: chunk.max(1), chunks, len }
    }

    /// How many documents.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The chunk holding document `doc`, and the document's place in it.
    pub fn locate(&self, doc: usize) -> Option<(&T, usize)> {
        (doc < self.len).then(|| (&self.chunks[doc / self.chunk], doc % self.chunk))
    }

    pub fn chunks(&self) -> &[T] {
        &self.chunks
    }

    /// The documents per chunk, and the chunks.
    pub fn into_parts(self) -> (usize, Vec<T>) {
        (self.chunk, self.chunks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_document_reads_back_its_own_lists_across_chunks() {
        let lists: Vec<(Vec<u32>, Vec<u8>)> = (0..7u32)
            .map(|d| ((0..d % 3).map(|i| d * 10 + i).collect(), (0..d % 4).map(|i| i as u8).collect()))
            .collect();
        let chunks: Vec<SlicePairs<u32, u8>> = lists
            .chunks(3)
            .map(|part| {
                let mut chunk = SlicePairs::with_capacities(part.len(), 0, 0);
                part.iter().for_each(|(a, b)| chunk.push(a, b));
                chunk.done()
            })
            .collect();
        let all = Chunks::new(3, chunks);
        assert_eq!(all.len(), 7);
        for (doc, (a, b)) in lists.iter().enumerate() {
            let (chunk, i) = all.locate(doc).expect("a document");
            assert_eq!(chunk.get(i), (&a[..], &b[..]), "{doc}");
        }
        assert!(all.locate(7).is_none());
    }

    #[test]
    #[should_panic(expected = "every chunk but the last")]
    fn chunks_of_uneven_length_are_refused() {
        let mut short = SlicePairs::<u8, u8>::default();
        short.push(&[], &[]);
        Chunks::new(2, vec![short, SlicePairs::default()]);
    }
}
