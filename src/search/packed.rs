//! Byte-packed storage shared by the word index's postings and the documents' mention spans:
//! LEB128 varints, and a byte buffer serde writes as one block.

use serde::{Deserialize, Serialize};

/// Appends `v` as a varint: seven bits a byte, low first, the high bit set on all but the last.
pub(super) fn push_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a varint off the front of `bytes` (bits past 64 are dropped: never written, and a
/// reader of damaged bytes must not panic).
pub(super) fn read_varint(bytes: &mut &[u8]) -> u64 {
    let mut v = 0u64;
    let mut shift = 0u32;
    while let Some((&b, rest)) = bytes.split_first() {
        *bytes = rest;
        v |= u64::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
        if b < 0x80 {
            break;
        }
        shift += 7;
    }
    v
}

/// A byte buffer that serde writes and reads as one block (a `Vec<u8>` goes byte by byte).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Bytes(pub(super) Box<[u8]>);

impl Serialize for Bytes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Bytes, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Bytes;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<Bytes, E> {
                Ok(Bytes(v.into()))
            }
            fn visit_byte_buf<E>(self, v: Vec<u8>) -> Result<Bytes, E> {
                Ok(Bytes(v.into_boxed_slice()))
            }
        }
        d.deserialize_byte_buf(Visit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        for v in [0, 1, 127, 128, 300, u64::from(u32::MAX) << 3 | 7, u64::MAX] {
            let mut out = Vec::new();
            push_varint(&mut out, v);
            let mut bytes = &out[..];
            assert_eq!(read_varint(&mut bytes), v);
            assert!(bytes.is_empty());
        }
    }

    #[test]
    fn a_damaged_varint_reads_without_panicking() {
        let mut bytes = &[0xff; 20][..];
        read_varint(&mut bytes);
        assert!(bytes.is_empty());
    }
}
