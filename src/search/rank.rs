//! Scoring and ranking.
//!
//! A document's score is the sum, over the AND groups, of the best passing alternative's score.
//! A positive text term scores `max(title, actor) + body`:
//!
//! - title: SkimMatcherV2's score of a compact fuzzy match (`exact_score` for `'x ^x x$`),
//!   at least [`STRONG_FLOOR`];
//! - actor: the best quality of the document's matching actors, where quality is the skim
//!   score on the actor's best alias (or [`typo_score`]), plus [`MENTION_WEIGHT`] per mention
//!   in the document, up to [`MENTION_CAP`] mentions; also at least [`STRONG_FLOOR`];
//! - body: `1 + min(occurrences, 8)`, at most 9, so a body-only match always ranks below a
//!   title or actor match, and a little higher with more occurrences.
//!
//! Negated terms, review and date predicates filter and score 0. Equal scores keep corpus order.

use std::cmp::Reverse;

use rayon::prelude::*;

use super::compile::{Anchor, CTerm, Compiled, Test, anchored_in};
use super::entries::DocEntry;
use super::fuzzy::may_contain;
use super::index::Tables;
use super::screen::fuzzy_compact_score;
use super::{Hit, ReviewLookup};

pub const STRONG_FLOOR: i64 = 10;
pub const MENTION_WEIGHT: i64 = 5;
pub const MENTION_CAP: u32 = 20;
/// Body occurrences counted at most (the word index relies on it, see `words`).
pub const BODY_CAP: usize = 8;

/// Score of a substring (no fuzz) match: 16 per character like a skim match, more if anchored.
pub fn exact_score(pattern: &str, anchor: Anchor) -> i64 {
    let base = 16 * pattern.chars().count() as i64;
    base + match anchor {
        Anchor::Anywhere => 0,
        Anchor::Start | Anchor::End => 8,
        Anchor::Whole => 16,
    }
}

/// Quality of an actor found only within a typo: below any fuzzy match of the same length.
pub fn typo_score(pattern: &str, distance: usize) -> i64 {
    (8 * pattern.chars().count() as i64 - 16 * distance as i64).max(STRONG_FLOOR)
}

/// Ranks every document passing `compiled`.
pub fn rank(tables: &Tables, compiled: &Compiled, review: &dyn ReviewLookup) -> Vec<Hit> {
    let evaluate =
        |doc: u32| score_doc(tables, doc as usize, compiled, review).map(|score| Hit { doc, score });
    let candidates = candidates(tables, compiled);
    compiled.prepare_bodies(tables, candidates.as_ref().map_or(tables.len(), Vec::len));
    let mut hits: Vec<Hit> = match candidates {
        Some(docs) => docs.into_par_iter().with_min_len(256).filter_map(evaluate).collect(),
        None => (0..tables.len() as u32).into_par_iter().with_min_len(1024).filter_map(evaluate).collect(),
    };
    sort_hits(&mut hits);
    hits
}

/// Best first; equal scores in corpus order.
pub fn sort_hits(hits: &mut [Hit]) {
    hits.par_sort_unstable_by_key(|h| (Reverse(h.score), h.doc));
}

/// When a group holds only positive `@actor` terms, only the documents of the actors they
/// match can pass: the smallest such union, ascending. `None`: every document is a candidate.
fn candidates(tables: &Tables, compiled: &Compiled) -> Option<Vec<u32>> {
    compiled
        .groups
        .iter()
        .filter(|g| g.iter().all(|t| !t.negated && matches!(t.test, Test::Actor { .. })))
        .map(|g| {
            let mut docs: Vec<u32> = Vec::new();
            for t in g {
                if let Test::Actor { actors, .. } = &t.test {
                    for (actor, score) in actors.iter().enumerate() {
                        if score.is_some() {
                            docs.extend_from_slice(&tables.postings[actor]);
                        }
                    }
                }
            }
            docs.sort_unstable();
            docs.dedup();
            docs
        })
        .min_by_key(Vec::len)
}

pub fn score_doc(tables: &Tables, doc: usize, c: &Compiled, review: &dyn ReviewLookup) -> Option<i64> {
    let mut total = 0;
    for group in &c.groups {
        total += group.iter().filter_map(|t| term_score(tables, doc, t, review)).max()?;
    }
    Some(total)
}

/// The term's score if it passes for this document.
fn term_score(tables: &Tables, doc: usize, t: &CTerm, review: &dyn ReviewLookup) -> Option<i64> {
    let found = presence(tables, doc, &t.test, review);
    match (t.negated, found) {
        (false, found) => found,
        (true, None) => Some(0),
        (true, Some(_)) => None,
    }
}

/// Whether the (positive) test holds, and its score.
pub fn presence(tables: &Tables, doc: usize, test: &Test, review: &dyn ReviewLookup) -> Option<i64> {
    let (e, t) = (tables.entry(doc), &tables.titles[doc]);
    let flag = |b: bool| b.then_some(0);
    match test {
        Test::Fuzzy { pattern, actors } => {
            let title = may_contain(t.folded.mask, pattern.mask)
                .then(|| fuzzy_compact_score(&t.folded.text, &t.words, &pattern.fuzzy))
                .flatten();
            let body = Some(pattern.body_count(tables, doc)).filter(|&n| n > 0);
            combine(title, actor_score(e, actors), body)
        }
        Test::Text { anchor, pattern, actors } => {
            // Unanchored, the pattern's own finder: `str::find` sets up a searcher per title.
            let in_title = match anchor {
                Anchor::Anywhere => {
                    may_contain(t.folded.mask, pattern.mask)
                        && pattern.finder().find(t.folded.text.as_bytes()).is_some()
                }
                _ => anchored_in(&t.folded.text, *anchor, &pattern.text),
            };
            let title = in_title.then(|| exact_score(&pattern.text, *anchor));
            let body = match anchor {
                Anchor::Anywhere => Some(pattern.body_count(tables, doc)).filter(|&n| n > 0),
                _ => (may_contain(e.body.mask, pattern.mask)
                    && tables.body(doc).anchored(*anchor, &pattern.text))
                .then_some(1),
            };
            combine(title, actor_score(e, actors), body)
        }
        Test::Actor { actors, any } => any.then(|| actor_score(e, actors)).flatten(),
        Test::Reviewed => flag(review.is_reviewed(doc)),
        Test::Unreviewed => flag(!review.is_reviewed(doc)),
        Test::Flagged => flag(review.is_flagged(doc)),
        Test::HasNote => flag(review.has_note(doc)),
        Test::Label(l) => flag(review.has_label(doc, l)),
        Test::Date(r) => flag(t.date.as_deref().is_some_and(|d| r.contains(d))),
    }
}

/// `max(title, actor) + body`, see the module doc.
pub(super) fn combine(title: Option<i64>, actor: Option<i64>, body: Option<usize>) -> Option<i64> {
    let strong = title.max(actor).map(|s| s.max(STRONG_FLOOR));
    let body = body.map(|n| 1 + n.min(BODY_CAP) as i64);
    match (strong, body) {
        (None, None) => None,
        (s, b) => Some(s.unwrap_or(0) + b.unwrap_or(0)),
    }
}

/// Best over the document's actors of quality plus mentions.
pub(super) fn actor_score(e: DocEntry<'_>, actors: &[Option<i64>]) -> Option<i64> {
    e.actors
        .iter()
        .filter_map(|a| {
            let quality = (*actors.get(a.actor as usize)?)?;
            Some(quality + MENTION_WEIGHT * i64::from(a.mentions.min(MENTION_CAP)))
        })
        .max()
}
