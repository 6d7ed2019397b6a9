//! A query's body tests counted while the library is built, the folded bodies then dropped:
//! how a headless run that writes no index cache builds. Its one query is known before the
//! corpus is read, and the folded bodies are the largest part of a library (about the size of
//! the corpus): counted as each is folded, they need not be kept. The counts are those a scan
//! of the kept bodies gives ([`Pattern::scan_count`]), so the ranking is the same.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU8, Ordering};

use super::body::Body;
use super::compile::Pattern;
use super::index::{BodyMask, FoldedText};
use super::query::{Query, TermKind};

/// Per pattern (folded, as the query holds it), per document, its occurrences in the body.
pub type BodyCounts = HashMap<String, Vec<u8>>;

pub struct BodyCounter {
    patterns: Vec<Pattern>,
    counts: Vec<Vec<AtomicU8>>,
}

impl BodyCounter {
    /// The counter of `query`'s body patterns over `docs` documents; None when a term reads
    /// the body otherwise than by counting (anchored: `^x`, `x$`).
    pub fn for_query(query: &Query, docs: usize) -> Option<BodyCounter> {
        let mut texts: Vec<&str> = Vec::new();
        for term in query.groups.iter().flat_map(|g| &g.terms) {
            match &term.kind {
                TermKind::Fuzzy(p) | TermKind::Exact(p) => texts.push(p),
                TermKind::Prefix(_) | TermKind::Suffix(_) | TermKind::Whole(_) => return None,
                _ => {}
            }
        }
        texts.sort_unstable();
        texts.dedup();
        let patterns: Vec<Pattern> = texts.into_iter().map(Pattern::new).collect();
        let counts = patterns.iter().map(|_| (0..docs).map(|_| AtomicU8::new(0)).collect()).collect();
        Some(BodyCounter { patterns, counts })
    }

    /// Counts the patterns in document `doc`'s folded body; keeps of the body only its mask.
    pub fn count(&self, doc: usize, body: FoldedText) -> BodyMask {
        for (pattern, counts) in self.patterns.iter().zip(&self.counts) {
            let n = pattern.scan_count(Body::Folded(&body.text), body.mask);
            counts[doc].store(n as u8, Ordering::Relaxed);
        }
        body.body_mask()
    }

    pub fn into_counts(self) -> BodyCounts {
        let patterns = self.patterns.into_iter().map(|p| p.text);
        let counts = self.counts.into_iter().map(|c| c.into_iter().map(AtomicU8::into_inner).collect());
        patterns.zip(counts).collect()
    }
}
