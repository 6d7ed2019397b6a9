//! Narrowing while typing: a query that extends the previous one can only match documents
//! that passed a necessary test for the previous one, so each keystroke scans the survivors
//! of the last instead of the whole corpus; a stack of survivor lists makes backspace free.
//!
//! The survivors are not the previous hits: fuzzy compactness is not monotone (a longer
//! pattern may allow one more word), so a hit for `erdoga` need not be a hit for `erdog`.
//! They are the documents passing a test that is monotone and implied by a match:
//!
//! - plain term `p`: `p`'s bytes are a subsequence of the folded title or of an alias of one of
//!   the document's actors, or `p` occurs in the folded body;
//! - `'p` and `^p`: the term's own test (substring and prefix tests are monotone);
//! - anything else (negations, `@actor` with its typo fallback, `p$`, review, dates): true.
//!
//! A query narrows an earlier one when it keeps every earlier group, term for term, each term
//! equal or (positive, same kind, plain/`'` containing, `^` extending the earlier pattern),
//! possibly adding groups. Results are exactly [`SearchIndex::search`]'s (tested in
//! `tests/scale_session.rs`). Survivor lists do not depend on review state, which may change
//! between keystrokes.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::compile::{Anchor, CTerm, Compiled, Pattern, Test};
use super::fuzzy::may_contain;
use super::index::Tables;
use super::query::{Query, Term, TermKind};
use super::rank::{presence, score_doc, sort_hits};
use super::top::top_hits;
use super::{Hit, NoReview, ReviewLookup, SearchIndex};

/// One typed query and the documents that may match it (ascending).
#[derive(Debug)]
struct Level {
    query: Query,
    survivors: Arc<Vec<u32>>,
}

/// The search state of one query box: feed it every edit of the query with [`Session::search`].
#[derive(Debug, Default)]
pub struct Session {
    stack: Vec<Level>,
}

/// How many levels to keep: the longest queries typed in one go.
const MAX_LEVELS: usize = 64;

impl Session {
    pub fn new() -> Session {
        Session::default()
    }

    /// What [`SearchIndex::search`] returns for `query`, scanning only the survivors of the
    /// longest earlier query it narrows.
    pub fn search(&mut self, index: &SearchIndex, query: &Query, review: &dyn ReviewLookup) -> Vec<Hit> {
        let never = AtomicBool::new(false);
        self.search_until(index, query, review, &never).expect("never stopped")
    }

    /// [`Session::search`], given up (`None`, nothing remembered) as soon as `stop` is set: the
    /// screen sets it when a key arrives, so that a keystroke never waits for the search of a
    /// query that is already stale.
    pub fn search_until(
        &mut self,
        index: &SearchIndex,
        query: &Query,
        review: &dyn ReviewLookup,
        stop: &AtomicBool,
    ) -> Option<Vec<Hit>> {
        if query.is_empty() {
            self.stack.clear();
            return Some(index.search(query, review));
        }
        self.drop_levels_not_narrowed_by(query);
        let within = self.stack.last().map(|l| Arc::clone(&l.survivors));
        let compiled = index.compiled(query);
        let (hits, survivors) =
            rank_within(&index.tables, &compiled, review, within.as_deref().map(|v| &v[..]), stop)?;
        if self.stack.last().is_none_or(|l| l.query.groups != query.groups) {
            if self.stack.len() == MAX_LEVELS {
                self.stack.remove(0);
            }
            self.stack.push(Level { query: query.clone(), survivors: Arc::new(survivors) });
        }
        Some(hits)
    }

    /// The first `k` hits [`Session::search_until`] would return for `query` (exactly those),
    /// found without ranking every match (see `super::top`), so that a screen can show them
    /// before the complete ranking. Remembers nothing; `None` when `stop` was set meanwhile.
    pub fn first_page(
        &mut self,
        index: &SearchIndex,
        query: &Query,
        review: &dyn ReviewLookup,
        k: usize,
        stop: &AtomicBool,
    ) -> Option<Vec<Hit>> {
        if query.is_empty() {
            return Some((0..index.len().min(k) as u32).map(|doc| Hit { doc, score: 0 }).collect());
        }
        self.drop_levels_not_narrowed_by(query);
        let within = self.stack.last().map(|l| Arc::clone(&l.survivors));
        top_hits(&index.tables, &index.compiled(query), review, within.as_deref().map(|v| &v[..]), k, stop)
    }

    /// Backspace and edits: the levels `query` does not narrow are of no use any more.
    fn drop_levels_not_narrowed_by(&mut self, query: &Query) {
        while self.stack.last().is_some_and(|l| !narrows(&l.query, query)) {
            self.stack.pop();
        }
    }

    /// Forgets every level (the corpus or the index changed).
    pub fn clear(&mut self) {
        self.stack.clear();
    }

    /// How many documents `query` would scan (all when `None`).
    pub fn would_scan(&self, query: &Query) -> Option<usize> {
        // The level `search_until` would narrow from: the top one left after popping.
        self.stack.iter().rev().find(|l| narrows(&l.query, query)).map(|l| l.survivors.len())
    }

    /// How many documents the next narrowing query would scan (all when `None`).
    pub fn scanning(&self) -> Option<usize> {
        self.stack.last().map(|l| l.survivors.len())
    }
}

/// Ranks the documents of `within` (all when `None`) and returns the hits with the documents
/// passing the monotone test, for the next keystroke.
fn rank_within(
    tables: &Tables,
    compiled: &Compiled,
    review: &dyn ReviewLookup,
    within: Option<&[u32]>,
    stop: &AtomicBool,
) -> Option<(Vec<Hit>, Vec<u32>)> {
    if stop.load(Ordering::Relaxed) {
        return None;
    }
    compiled.prepare_bodies(tables, within.map_or(tables.len(), <[u32]>::len));
    let need = Necessary::new(tables, compiled);
    let evaluate = |doc: u32| {
        // Once stopped, the remaining documents are skipped (one relaxed load each).
        if stop.load(Ordering::Relaxed) {
            return None;
        }
        if !need.holds(tables, doc as usize) {
            return None;
        }
        // Half the bytes of an `Option<Hit>` per document: at a million, a fresh 16 MB less to
        // fault in per keystroke.
        Some((doc, score_doc(tables, doc as usize, compiled, review).unwrap_or(NO_HIT)))
    };
    let passed: Vec<(u32, i64)> = match within {
        Some(docs) => docs.par_iter().with_min_len(256).filter_map(|&d| evaluate(d)).collect(),
        None => (0..tables.len() as u32).into_par_iter().with_min_len(1024).filter_map(evaluate).collect(),
    };
    if stop.load(Ordering::Relaxed) {
        return None;
    }
    let survivors = passed.iter().map(|&(doc, _)| doc).collect();
    let mut hits: Vec<Hit> = passed
        .into_iter()
        .filter(|&(_, score)| score != NO_HIT)
        .map(|(doc, score)| Hit { doc, score })
        .collect();
    sort_hits(&mut hits);
    Some((hits, survivors))
}

/// A document that passes the monotone test but does not match (no score is this low).
const NO_HIT: i64 = i64::MIN;

/// The monotone necessary test, per compiled group and term.
struct Necessary<'a> {
    groups: Vec<Vec<Need<'a>>>,
}

enum Need<'a> {
    Any,
    /// The term's own test (substring, prefix).
    Exact(&'a Test),
    /// Bytes of the pattern in order in the title, or in an alias of a flagged actor; or the
    /// pattern in the body.
    Subsequence {
        bytes: &'a [u8],
        mask: u64,
        body: &'a Pattern,
        actors: Vec<bool>,
    },
}

impl<'a> Necessary<'a> {
    fn new(tables: &Tables, compiled: &'a Compiled) -> Necessary<'a> {
        let groups = compiled.groups.iter().map(|g| g.iter().map(|t| need(tables, t)).collect()).collect();
        Necessary { groups }
    }

    fn holds(&self, tables: &Tables, doc: usize) -> bool {
        self.groups.iter().all(|g| g.iter().any(|n| n.holds(tables, doc)))
    }
}

fn need<'a>(tables: &Tables, t: &'a CTerm) -> Need<'a> {
    if t.negated {
        return Need::Any;
    }
    match &t.test {
        Test::Fuzzy { pattern, .. } => {
            let bytes = pattern.text.as_bytes();
            let actors = tables
                .actors
                .iter()
                .map(|a| a.aliases.iter().any(|(alias, _)| is_subsequence(bytes, alias.as_bytes())))
                .collect();
            Need::Subsequence { bytes, mask: pattern.mask, body: pattern, actors }
        }
        Test::Text { anchor: Anchor::Anywhere | Anchor::Start, .. } => Need::Exact(&t.test),
        _ => Need::Any,
    }
}

impl Need<'_> {
    fn holds(&self, tables: &Tables, doc: usize) -> bool {
        let (e, title) = (tables.entry(doc), &tables.titles[doc].folded);
        match self {
            Need::Any => true,
            Need::Exact(test) => presence(tables, doc, test, &NoReview).is_some(),
            Need::Subsequence { bytes, mask, body, actors } => {
                (may_contain(title.mask, *mask) && is_subsequence(bytes, title.text.as_bytes()))
                    || e.actors.iter().any(|a| actors.get(a.actor as usize).copied().unwrap_or(false))
                    || body.in_body(tables, doc)
            }
        }
    }
}

/// Whether `needle`'s bytes occur in order in `hay`.
fn is_subsequence(needle: &[u8], hay: &[u8]) -> bool {
    let mut at = 0;
    for &b in needle {
        match memchr::memchr(b, &hay[at..]) {
            Some(i) => at += i + 1,
            None => return false,
        }
    }
    true
}

/// Whether every document matching `new` passes the monotone test of `old`.
fn narrows(old: &Query, new: &Query) -> bool {
    old.groups.len() <= new.groups.len()
        && old.groups.iter().zip(&new.groups).all(|(a, b)| {
            a.terms.len() == b.terms.len() && a.terms.iter().zip(&b.terms).all(|(x, y)| term_narrows(x, y))
        })
}

fn term_narrows(old: &Term, new: &Term) -> bool {
    if old == new {
        return true;
    }
    if old.negated || new.negated {
        return false;
    }
    match (&old.kind, &new.kind) {
        (TermKind::Fuzzy(a), TermKind::Fuzzy(b)) | (TermKind::Exact(a), TermKind::Exact(b)) => {
            b.contains(a.as_str())
        }
        (TermKind::Prefix(a), TermKind::Prefix(b)) => b.starts_with(a.as_str()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_queries_narrow() {
        let n = |a: &str, b: &str| narrows(&Query::parse(a), &Query::parse(b));
        assert!(n("erd", "erdo"));
        assert!(n("erd", "erd idl"));
        assert!(n("'erd", "'erdo"));
        assert!(n("^erd", "^erdo"));
        assert!(n("assad idl", "assad idlib"));
        assert!(!n("erdo", "erd"), "backspace widens");
        assert!(!n("!erd", "!erdo"), "a longer negation excludes less");
        assert!(!n("erd$", "erdo$"));
        assert!(!n("@erdo", "@erdog"), "typo fallback is not monotone");
        assert!(!n("a", "a | b"));
        assert!(!n("erd", "'erdo"));
    }

    #[test]
    fn a_stopped_search_answers_nothing_and_remembers_nothing() {
        let seeds = crate::corpus::embedded_seeds().docs;
        let library = crate::library::Library::build(seeds, &crate::actors::Gazetteer::builtin());
        let index = &library.index;
        let mut session = Session::new();
        let stop = AtomicBool::new(true);
        for typed in ["e", "er", "erd"] {
            assert_eq!(session.search_until(index, &Query::parse(typed), &NoReview, &stop), None);
            assert_eq!(session.scanning(), None, "no level kept for {typed}");
        }
        stop.store(false, Ordering::Relaxed);
        let q = Query::parse("erdo");
        let hits = session.search_until(index, &q, &NoReview, &stop).expect("not stopped");
        assert!(!hits.is_empty());
        assert_eq!(hits, index.search(&q, &NoReview));
    }

    #[test]
    fn subsequences() {
        assert!(is_subsequence(b"erdgn", b"erdogan"));
        assert!(!is_subsequence(b"erdx", b"erdogan"));
        assert!(is_subsequence(b"", b""));
    }
}
