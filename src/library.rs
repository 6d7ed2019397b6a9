//! A loaded corpus with everything derived from it: actors and the search index.
//!
//! Built once at start-up and shared read-only by the screen and the headless mode, so both
//! answer a query from the same data with the same code.

use crate::actors::{self, Actors, Gazetteer};
use crate::corpus::Document;
use crate::search::SearchIndex;
use crate::text;

pub struct Library {
    pub docs: Vec<Document>,
    pub actors: Actors,
    pub index: SearchIndex,
    /// Display width of the longest date (0 when no document has one), for the list's column.
    pub date_width: usize,
}

impl Library {
    pub fn build(docs: Vec<Document>, gazetteer: &Gazetteer) -> Library {
        Library::build_with(docs, gazetteer, true)
    }

    /// Builds with discovery of unlisted names on or off.
    pub fn build_with(docs: Vec<Document>, gazetteer: &Gazetteer, discover: bool) -> Library {
        let (actors, folds) = actors::analyse_folding(&docs, gazetteer, discover);
        let index = SearchIndex::build_folded(&docs, &actors, folds);
        let date_width = docs.iter().filter_map(|d| d.date.as_deref()).map(text::width).max().unwrap_or(0);
        Library { docs, actors, index, date_width }
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The names of a document's actors, most mentioned first.
    pub fn actor_names(&self, doc: usize) -> impl Iterator<Item = &str> {
        self.actors
            .per_doc
            .get(doc)
            .into_iter()
            .flat_map(|d| d.actors.iter())
            .filter_map(|a| self.actors.table.get(a.actor as usize))
            .map(|info| info.name.as_str())
    }
}
