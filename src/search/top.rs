//! The first page of a ranking without ranking everything: the exact `k` best hits (the first
//! `k` of [`super::rank::rank`]'s order), found by scoring only the documents that could
//! still enter them.
//!
//! At a million titles a short prefix like `e` or `er` matches most of the corpus, and scoring
//! every match costs 100–230 ms on two cores; the screen shows a page of 30 rows. A document's
//! score has a cheap upper bound: the actor part is a lookup already, and a title can score at
//! most what the pattern scores at the head of a word ([`title_bound`]), which most titles'
//! character masks allow. Scanning the corpus in order with the `k` best so far, a document
//! whose bound cannot beat the `k`-th is skipped before Skim ever sees its title: once
//! `k` documents reach the best possible score, which for short prefixes happens within the
//! first few thousand titles, almost nothing else is scored.
//!
//! Ties rank in corpus order, so a document only beats the `k`-th of its own (earlier)
//! documents with a strictly better score; the scan is split into one contiguous run per
//! thread, each in ascending order, sharing the best `k`-th score seen by any of them (below
//! which nothing can enter).

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

use rayon::prelude::*;

use super::compile::{Anchor, CTerm, Compiled, Test};
use super::fuzzy::may_contain;
use super::index::Tables;
use super::rank::{actor_score, combine, exact_score, presence, score_doc};
use super::screen::fuzzy_compact_score;
use super::{Hit, ReviewLookup};

/// How often a scanning thread looks at the stop flag and publishes its threshold.
const CHECK_EVERY: usize = 512;

/// The `k` best hits among `within` (every document when `None`), best first, ties in corpus
/// order: exactly the first `k` of the full ranking. `None` when `stop` was set meanwhile.
pub fn top_hits(
    tables: &Tables,
    compiled: &Compiled,
    review: &dyn ReviewLookup,
    within: Option<&[u32]>,
    k: usize,
    stop: &AtomicBool,
) -> Option<Vec<Hit>> {
    if k == 0 {
        return Some(Vec::new());
    }
    // Body counts are read from the word index only where that is cheap (a sixteenth of what
    // the full ranking allows: for `e` it would read most postings, 20 ms at 100k documents);
    // else bounds use the body's mask and the few documents scored exactly scan their bodies.
    let n = within.map_or(tables.len(), <[u32]>::len);
    compiled.prepare_bodies(tables, n / 16);
    let doc_at = |i: usize| within.map_or(i as u32, |w| w[i]);
    let parts = rayon::current_num_threads().max(1);
    let per_part = n.div_ceil(parts).max(1);
    let shared = AtomicI64::new(i64::MIN);
    let scan = |part: usize| -> Option<Vec<Hit>> {
        let range = (part * per_part).min(n)..((part + 1) * per_part).min(n);
        let mut best: BinaryHeap<Worst> = BinaryHeap::with_capacity(k + 1);
        for (step, i) in range.enumerate() {
            if step % CHECK_EVERY == 0 {
                if stop.load(Ordering::Relaxed) {
                    return None;
                }
                if best.len() == k {
                    shared.fetch_max(best.peek().map_or(i64::MIN, |w| w.0.score), Ordering::Relaxed);
                }
            }
            let doc = doc_at(i);
            // Below what some thread's k documents already score: it cannot enter. Equal to
            // this run's k-th: those k are earlier in the corpus, so they win the tie.
            let cannot_enter = |bound: i64| {
                bound < shared.load(Ordering::Relaxed)
                    || best.peek().is_some_and(|w| best.len() == k && bound <= w.0.score)
            };
            // Bounds from cheapest to exact: masks only, then the title matched (a body scan
            // costs more than a title match).
            let bound = |titles| upper_bound(tables, doc as usize, compiled, review, titles);
            if bound(Titles::Masked).is_none_or(cannot_enter) {
                continue;
            }
            let Some(matched) = bound(Titles::Matched).filter(|&b| !cannot_enter(b)) else { continue };
            let Some(score) = score_doc(tables, doc as usize, compiled, review) else { continue };
            debug_assert!(score <= matched, "bound {matched} below score {score} for doc {doc}");
            best.push(Worst(Hit { doc, score }));
            if best.len() > k {
                best.pop();
            }
        }
        Some(best.into_iter().map(|w| w.0).collect())
    };
    let runs: Vec<Vec<Hit>> = (0..parts).into_par_iter().map(scan).collect::<Option<_>>()?;
    let mut hits: Vec<Hit> = runs.into_iter().flatten().collect();
    hits.sort_unstable_by_key(|h| (Reverse(h.score), h.doc));
    hits.truncate(k);
    Some(hits)
}

/// A hit ordered so that the top of a max-heap is the one ranking last: lowest score, then
/// latest in the corpus.
#[derive(PartialEq, Eq)]
struct Worst(Hit);

impl Ord for Worst {
    fn cmp(&self, other: &Worst) -> std::cmp::Ordering {
        (Reverse(self.0.score), self.0.doc).cmp(&(Reverse(other.0.score), other.0.doc))
    }
}

impl PartialOrd for Worst {
    fn partial_cmp(&self, other: &Worst) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// How much of the title a bound looks at.
#[derive(Clone, Copy, PartialEq)]
enum Titles {
    /// Its character mask: bit tests.
    Masked,
    /// Its fuzzy match: a Skim call at most, where the mask allows.
    Matched,
}

/// At least [`score_doc`] when the document passes; `None` when it certainly does not. Costs
/// the actor lookups and the title tests `titles` says, never a body scan.
fn upper_bound(
    tables: &Tables,
    doc: usize,
    c: &Compiled,
    review: &dyn ReviewLookup,
    titles: Titles,
) -> Option<i64> {
    let mut total = 0;
    for group in &c.groups {
        total += group.iter().filter_map(|t| term_bound(tables, doc, t, review, titles)).max()?;
    }
    Some(total)
}

fn term_bound(
    tables: &Tables,
    doc: usize,
    t: &CTerm,
    review: &dyn ReviewLookup,
    titles: Titles,
) -> Option<i64> {
    let (e, title) = (tables.entry(doc), &tables.titles[doc]);
    if t.negated {
        // A negated term scores 0 when it passes; whether it does is not worth testing here.
        return Some(0);
    }
    match &t.test {
        Test::Fuzzy { pattern, actors } => {
            let title = match titles {
                _ if !may_contain(title.folded.mask, pattern.mask) => None,
                Titles::Masked => Some(pattern.title_bound),
                Titles::Matched => fuzzy_compact_score(&title.folded.text, &title.words, &pattern.fuzzy),
            };
            combine(title, actor_score(e, actors), pattern.body_bound(e, doc))
        }
        Test::Text { anchor, pattern, actors } => {
            let title =
                may_contain(title.folded.mask, pattern.mask).then(|| exact_score(&pattern.text, *anchor));
            let body = match anchor {
                Anchor::Anywhere => pattern.body_bound(e, doc),
                _ => may_contain(e.body.mask, pattern.mask).then_some(1),
            };
            combine(title, actor_score(e, actors), body)
        }
        // Lookups: as cheap exactly as bounded.
        test => presence(tables, doc, test, review),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{DocParts, Document};
    use crate::search::{NoReview, Query};

    fn library() -> crate::library::Library {
        let seeds = crate::corpus::embedded_seeds().docs;
        let mut docs = Vec::new();
        // Many copies so that the scan has runs and thresholds to share.
        for round in 0..40 {
            for d in &seeds {
                let id = format!("{}-{round}", d.id());
                let title = match round % 3 {
                    1 => format!("{} {}", d.title().split(' ').rev().collect::<Vec<_>>().join(" "), round),
                    _ => d.title().to_string(),
                };
                docs.push(Document::new(DocParts { id: &id, title: &title, ..d.parts() }));
            }
        }
        crate::library::Library::build(docs, &crate::actors::Gazetteer::builtin())
    }

    #[test]
    fn the_first_page_is_the_full_rankings_first_page() {
        let library = library();
        let index = &library.index;
        let never = AtomicBool::new(false);
        for q in [
            "e",
            "er",
            "erd",
            "erdogan",
            "idlib",
            "'syrie",
            "^le",
            "@poutine",
            "assad idlib",
            "turquie !russie",
            "a | z",
            "zzzxq",
        ] {
            let query = Query::parse(q);
            let compiled = index.compiled(&query);
            let full = index.search(&query, &NoReview);
            for k in [1, 3, 10, 50, 1000] {
                let top = top_hits(&index.tables, &compiled, &NoReview, None, k, &never).unwrap();
                assert_eq!(top, full[..k.min(full.len())], "{q} k={k}");
                let within: Vec<u32> = (0..library.len() as u32).filter(|d| d % 3 != 0).collect();
                let top = top_hits(&index.tables, &compiled, &NoReview, Some(&within), k, &never).unwrap();
                let expected: Vec<Hit> = full.iter().copied().filter(|h| h.doc % 3 != 0).take(k).collect();
                assert_eq!(top, expected, "{q} k={k} within");
            }
        }
    }

    proptest::proptest! {
        /// The bound the scan relies on: no title scores more than the pattern at a title's
        /// start, wherever and however often it occurs.
        #[test]
        fn no_title_beats_the_title_bound(
            before in "[abé .'(-]{0,12}", after in "[abé .'(0-]{0,12}", p in "[abé0.-]{1,4}",
        ) {
            let pattern = crate::search::compile::Pattern::new(&p);
            for text in [format!("{before}{p}{after}"), format!("{before}{after}"), before.clone()] {
                let words = crate::search::screen::WordMasks::new(&text);
                let score = crate::search::screen::fuzzy_compact_score(&text, &words, &pattern.fuzzy);
                proptest::prop_assert!(score.is_none_or(|s| s <= pattern.title_bound), "{text:?} {p:?} {score:?} > {}", pattern.title_bound);
            }
        }
    }

    #[test]
    fn a_stopped_scan_answers_nothing() {
        let library = library();
        let query = Query::parse("e");
        let compiled = library.index.compiled(&query);
        let stop = AtomicBool::new(true);
        assert_eq!(top_hits(&library.index.tables, &compiled, &NoReview, None, 10, &stop), None);
    }
}
