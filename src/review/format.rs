//! The state file's bytes: parsing (with the version checked first, so that a file from a newer
//! dossier is refused rather than mistaken for a corrupt one) and writing, one document per line
//! so that the file stays readable and diffs well.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::paths::iso_utc;
use super::state::{DocRecord, ReviewState};

/// The version this dossier writes and reads.
pub const FORMAT_VERSION: u64 = 1;

#[derive(Debug)]
pub(crate) enum ParseError {
    Corrupt(String),
    Newer(u64),
}

/// Only the version; other fields are skipped, whatever their shape.
#[derive(Deserialize)]
struct Header {
    version: u64,
}

#[derive(Deserialize)]
struct FileV1 {
    #[serde(default)]
    documents: BTreeMap<String, DocRecord>,
}

pub(crate) fn parse(bytes: &[u8]) -> Result<ReviewState, ParseError> {
    let header: Header = serde_json::from_slice(bytes).map_err(|e| ParseError::Corrupt(e.to_string()))?;
    match header.version {
        0 => return Err(ParseError::Corrupt("version 0".into())),
        v if v > FORMAT_VERSION => return Err(ParseError::Newer(v)),
        _ => {}
    }
    let file: FileV1 = serde_json::from_slice(bytes).map_err(|e| ParseError::Corrupt(e.to_string()))?;
    Ok(ReviewState { records: file.documents })
}

/// The file for `state`, saved at `now` (ms).
pub(crate) fn serialize(state: &ReviewState, now: u64) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = Vec::with_capacity(64 + state.len() * 160);
    out.extend_from_slice(
        format!("{{\"version\":{FORMAT_VERSION},\"saved\":\"{}\",\"documents\":{{", iso_utc(now)).as_bytes(),
    );
    for (i, (key, record)) in state.records.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        serde_json::to_writer(&mut out, key)?;
        out.push(b':');
        serde_json::to_writer(&mut out, record)?;
    }
    out.extend_from_slice(b"\n}}\n");
    Ok(out)
}
