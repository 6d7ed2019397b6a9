//! Orders of the result list other than relevance. Sorting is stable, so documents equal on the
//! key keep their relevance order (and relevance ties keep corpus order).

use crate::corpus::Document;
use crate::search::Hit;
use crate::text::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SortOrder {
    /// Best match first (the search's own order).
    #[default]
    Relevance,
    /// Newest first; undated documents last.
    Date,
    /// By title, ignoring case and accents.
    Title,
    /// By source, then newest first.
    Source,
}

impl SortOrder {
    pub fn next(self) -> SortOrder {
        match self {
            SortOrder::Relevance => SortOrder::Date,
            SortOrder::Date => SortOrder::Title,
            SortOrder::Title => SortOrder::Source,
            SortOrder::Source => SortOrder::Relevance,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            SortOrder::Relevance => "relevance",
            SortOrder::Date => "date",
            SortOrder::Title => "title",
            SortOrder::Source => "source",
        }
    }
}

/// Sorts hits (in relevance order) by `order`.
pub fn sort_hits(docs: &[Document], hits: &mut [Hit], order: SortOrder) {
    sort_hits_by(|doc| &docs[doc as usize], hits, order);
}

/// [`sort_hits`] with the hits' documents found by `doc` (they need not all be in memory).
pub fn sort_hits_by<'a>(doc: impl Fn(u32) -> &'a Document, hits: &mut [Hit], order: SortOrder) {
    let date = |h: &Hit| doc(h.doc).date().unwrap_or("");
    match order {
        SortOrder::Relevance => {}
        // Newest first: reverse on the ISO date, with undated ("") last.
        SortOrder::Date => hits.sort_by(|a, b| date(b).cmp(date(a))),
        SortOrder::Title => hits.sort_by_cached_key(|h| fold(doc(h.doc).title())),
        SortOrder::Source => hits.sort_by(|a, b| {
            let source = |h: &Hit| doc(h.doc).source().map(fold);
            // Documents without a source go last, like undated ones.
            match (source(a), source(b)) {
                (Some(x), Some(y)) => x.cmp(&y).then_with(|| date(b).cmp(date(a))),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => date(b).cmp(date(a)),
            }
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::DocParts;

    fn doc(title: &str, date: Option<&str>, source: Option<&str>) -> Document {
        Document::new(DocParts { title, date, source, ..DocParts::default() })
    }

    fn order(docs: &[Document], by: SortOrder) -> Vec<u32> {
        let mut hits: Vec<Hit> = (0..docs.len() as u32).map(|doc| Hit { doc, score: 0 }).collect();
        sort_hits(docs, &mut hits, by);
        hits.into_iter().map(|h| h.doc).collect()
    }

    #[test]
    fn sorts_stably_by_each_key() {
        let docs = vec![
            doc("Écoles", Some("2019-02"), Some("sputnik")),
            doc("alpha", None, Some("AFP")),
            doc("Zèbre", Some("2020-01-05"), None),
            doc("beta", Some("2019-02"), Some("afp")),
        ];
        assert_eq!(order(&docs, SortOrder::Relevance), [0, 1, 2, 3]);
        assert_eq!(order(&docs, SortOrder::Date), [2, 0, 3, 1], "newest first, ties stable, undated last");
        assert_eq!(order(&docs, SortOrder::Title), [1, 3, 0, 2], "accents and case ignored");
        assert_eq!(order(&docs, SortOrder::Source), [3, 1, 0, 2], "AFP (newest first), sputnik, none");
        assert_eq!(SortOrder::Source.next(), SortOrder::Relevance);
    }
}
