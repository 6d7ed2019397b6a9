//! Review fields for exports: a serialisable record per document for `--filter --json`, and CSV
//! rows (one per document, labels joined by `;`) written to any `io::Write`.

use std::io;

use serde::Serialize;

use super::ReviewError;
use super::store::ReviewStore;
use crate::corpus::{ActorList, Document};
use crate::search::ReviewLookup;

/// One document's review, as exported.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReviewFields {
    pub reviewed: bool,
    pub flagged: bool,
    /// The labels that are on, in name order.
    pub labels: Vec<String>,
    pub note: Option<String>,
}

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 9] =
    ["id", "title", "date", "source", "actors", "reviewed", "flagged", "labels", "note"];

/// One CSV row: a document, its actors (given by the caller, who may have detected more than the
/// record names), and its review.
#[derive(Debug, Clone)]
pub struct ExportRow<'a> {
    pub doc: &'a Document,
    pub actors: ActorList<'a>,
    pub review: ReviewFields,
}

impl ReviewStore {
    /// The review fields of document `doc` (all false / empty for an index out of range).
    pub fn fields(&self, doc: usize) -> ReviewFields {
        let Some(record) = self.record(doc) else {
            return ReviewFields::default();
        };
        ReviewFields {
            reviewed: self.is_reviewed(doc),
            flagged: self.is_flagged(doc),
            labels: record.labels().map(String::from).collect(),
            note: record.note().map(String::from),
        }
    }

    /// Rows for the documents `selection` (corpus indices into `docs`, which must be the corpus
    /// this store was opened with), with each record's own actors.
    pub fn export_rows<'a>(&self, docs: &'a [Document], selection: &[u32]) -> Vec<ExportRow<'a>> {
        selection
            .iter()
            .filter_map(|&i| {
                let doc = docs.get(i as usize)?;
                Some(ExportRow { doc, actors: doc.actors(), review: self.fields(i as usize) })
            })
            .collect()
    }
}

/// Writes a header and one CSV record per row. Booleans are `true`/`false`; actors and labels
/// are joined by `;`; a missing date, source or note is an empty field.
pub fn write_csv<'a, W: io::Write>(
    out: W,
    rows: impl IntoIterator<Item = ExportRow<'a>>,
) -> Result<(), ReviewError> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(CSV_HEADER)?;
    for row in rows {
        let d = row.doc;
        let r = &row.review;
        csv.write_record([
            d.id(),
            d.title(),
            d.date().unwrap_or(""),
            d.source().unwrap_or(""),
            &row.actors.join(";"),
            if r.reviewed { "true" } else { "false" },
            if r.flagged { "true" } else { "false" },
            &r.labels.join(";"),
            r.note.as_deref().unwrap_or(""),
        ])?;
    }
    csv.flush().map_err(csv::Error::from)?;
    Ok(())
}
