//! A document's actor mentions, packed: the library keeps every mention of every document
//! (2.2M at 100k English articles), and as [`Span`]s (16 bytes) they were its largest table
//! after the documents. Packed as varints they take about 5 bytes; a document's are unpacked
//! when asked for: the article on screen, a jump between mentions, a highlight, a hit printed.
//!
//! Each span is three varints: its actor and field (`actor << 1 | in_title`), its start as the
//! zigzag difference from the previous span's start (spans come title first, then body, each in
//! text order, but any order reads back), and its length.

use serde::{Deserialize, Serialize};

use super::Span;
use super::packed::{Bytes, push_varint, read_varint};

#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spans(Bytes);

impl Spans {
    pub fn pack(spans: impl IntoIterator<Item = Span>) -> Spans {
        let spans = spans.into_iter();
        let mut out = Vec::with_capacity(spans.size_hint().1.unwrap_or(0) * 5);
        pack_into(&mut out, spans);
        Spans(Bytes(out.into_boxed_slice()))
    }

    pub fn as_list(&self) -> SpanList<'_> {
        SpanList(&self.0.0)
    }

    pub fn iter(&self) -> impl Iterator<Item = Span> + '_ {
        self.as_list().iter()
    }

    pub fn unpack(&self) -> Vec<Span> {
        self.as_list().unpack()
    }

    pub fn is_empty(&self) -> bool {
        self.0.0.is_empty()
    }

    /// Bytes held, for the record.
    pub fn heap_bytes(&self) -> usize {
        self.0.0.len()
    }
}

/// Appends `spans`, packed, to `out`.
pub fn pack_into(out: &mut Vec<u8>, spans: impl IntoIterator<Item = Span>) {
    let mut previous = 0i64;
    for span in spans {
        push_varint(out, u64::from(span.actor) << 1 | u64::from(span.in_title));
        let start = i64::from(span.start);
        push_varint(out, zigzag(start - previous));
        push_varint(out, u64::from(span.end.saturating_sub(span.start)));
        previous = start;
    }
}

/// Packed spans, borrowed (a document's, from the index's entries).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SpanList<'a>(&'a [u8]);

impl<'a> SpanList<'a> {
    /// Spans packed by [`pack_into`].
    pub fn packed(bytes: &'a [u8]) -> SpanList<'a> {
        SpanList(bytes)
    }

    /// The packed bytes.
    pub fn bytes(self) -> &'a [u8] {
        self.0
    }

    /// The spans, in the order packed. Bytes that do not read as spans (a damaged cache file
    /// whose checksums matched) end the list, never panic: a span read is still checked
    /// against its text where it is cut.
    pub fn iter(self) -> impl Iterator<Item = Span> + 'a {
        let mut bytes = self.0;
        let mut previous = 0i64;
        std::iter::from_fn(move || {
            if bytes.is_empty() {
                return None;
            }
            let head = read_varint(&mut bytes);
            let start = previous.checked_add(unzigzag(read_varint(&mut bytes)))?;
            let len = read_varint(&mut bytes);
            previous = start;
            let start = u32::try_from(start).ok()?;
            let end = start.checked_add(u32::try_from(len).ok()?)?;
            Some(Span { actor: u32::try_from(head >> 1).ok()?, in_title: head & 1 == 1, start, end })
        })
    }

    pub fn unpack(self) -> Vec<Span> {
        self.iter().collect()
    }

    pub fn is_empty(self) -> bool {
        self.0.is_empty()
    }
}

/// As [`Spans`] serializes: one block of bytes.
impl Serialize for SpanList<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    (v >> 1) as i64 ^ -((v & 1) as i64)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn span(actor: u32, in_title: bool, start: u32, end: u32) -> Span {
        Span { actor, in_title, start, end }
    }

    #[test]
    fn spans_read_back_as_packed() {
        let spans = vec![
            span(3, true, 0, 7),
            span(700, true, 12, 20),
            span(3, false, 5, 12),
            span(0, false, 4000, 4004),
            span(u32::MAX >> 1, false, u32::MAX - 9, u32::MAX),
            // Out of order and empty: read back all the same.
            span(1, false, 10, 10),
        ];
        let packed = Spans::pack(spans.iter().copied());
        assert_eq!(packed.unpack(), spans);
        assert!(packed.heap_bytes() < spans.len() * 16 / 2);
        assert!(Spans::pack([]).is_empty());
    }

    #[test]
    fn damaged_bytes_end_the_list_without_panicking() {
        for bytes in [vec![0xff; 30], vec![0x02, 0x80], vec![0x04, 0x01, 0xff, 0xff, 0xff, 0xff, 0x7f]] {
            let spans = Spans(Bytes(bytes.into_boxed_slice()));
            assert!(spans.iter().count() <= 2);
        }
    }

    proptest! {
        #[test]
        fn any_spans_round_trip(raw in prop::collection::vec((0u32..1 << 31, any::<bool>(), any::<u32>(), 0u32..300), 0..40)) {
            let spans: Vec<Span> = raw
                .into_iter()
                .map(|(actor, in_title, start, len)| span(actor, in_title, start, start.saturating_add(len)))
                .collect();
            prop_assert_eq!(Spans::pack(spans.iter().copied()).unpack(), spans);
        }
    }
}
