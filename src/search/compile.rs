//! A query prepared against one index: patterns with their masks and substring finders, each
//! text or actor term matched once against the (small) actor table, so that per document an
//! actor test is a lookup, and a plain pattern's body counts looked up in the word index.

use std::sync::OnceLock;

use memchr::memmem::Finder;

use super::body::{Body, BodyPattern};
use super::entries::DocEntry;
use super::fuzzy::{char_mask, fuzzy_compact, may_contain};
use super::index::{ActorEntry, Tables};
use super::query::{DateRange, Query, TermKind};
use super::rank::{BODY_CAP, exact_score, typo_score};
use super::screen::{FuzzyPattern, WordMasks, fuzzy_compact_score};
use super::typo::typo_match;
use super::words::Matches;

/// Per actor of the table: the term's match quality on its best alias, if any.
pub type ActorScores = Vec<Option<i64>>;

/// How a text term is anchored in a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Anywhere,
    Start,
    End,
    Whole,
}

/// A text pattern with what speeds its tests.
#[derive(Debug)]
pub struct Pattern {
    pub text: String,
    pub fuzzy: FuzzyPattern,
    pub mask: u64,
    /// The pattern as a body scan looks for it (its finder serves titles and aliases too).
    scan: BodyPattern,
    /// The most a title can score for it as a fuzzy pattern: the pattern itself at the start
    /// of a title, where Skim's bonuses are largest (see `super::top`).
    pub title_bound: i64,
    /// The words of the bodies containing the pattern, when the word index can count it.
    words: Option<Matches>,
    /// Per document, the pattern's occurrences in its folded body (at most `BODY_CAP`), read
    /// from the word index by [`Compiled::prepare_bodies`]; unset, bodies are scanned.
    body: OnceLock<Vec<u8>>,
}

impl Pattern {
    pub(super) fn new(text: &str) -> Pattern {
        let fuzzy = FuzzyPattern::new(text);
        Pattern {
            text: text.to_string(),
            title_bound: fuzzy_compact_score(text, &WordMasks::new(text), &fuzzy).unwrap_or(0),
            fuzzy,
            mask: char_mask(text),
            scan: BodyPattern::new(text),
            words: None,
            body: OnceLock::new(),
        }
    }

    /// A pattern whose unanchored body test may be looked up in the word index, or in the
    /// counts made while the index was built (the bodies then dropped, see `super::body_counts`).
    fn with_body(text: &str, tables: &Tables) -> Pattern {
        let mut pattern = Pattern::new(text);
        if let Some(counted) = &tables.body_counts {
            let counts =
                counted.get(text).expect("a library built for one query is searched with that query");
            let _ = pattern.body.set(counts.clone());
            return pattern;
        }
        pattern.words =
            tables.words.get().and_then(|words| words.matches(text, pattern.finder(), tables.len()));
        pattern
    }

    /// The pattern's substring finder.
    pub fn finder(&self) -> &Finder<'static> {
        self.scan.finder()
    }

    /// Non-overlapping occurrences in a folded body of mask `mask`, at most `BODY_CAP`, by
    /// scanning it.
    pub(super) fn scan_count(&self, body: Body, mask: u64) -> usize {
        match may_contain(mask, self.mask) {
            true => body.count(&self.scan, BODY_CAP),
            false => 0,
        }
    }

    fn prepare_body(&self, tables: &Tables, tested: usize) {
        // `words` are only ever found in a built index.
        if let (Some(words), Some(index)) =
            (self.words.as_ref().filter(|w| w.worth_reading(tested)), tables.words.get())
        {
            self.body.get_or_init(|| index.counts(words));
        }
    }

    /// Non-overlapping occurrences in document `doc`'s folded body, at most `BODY_CAP`.
    pub fn body_count(&self, tables: &Tables, doc: usize) -> usize {
        match self.body.get() {
            Some(counts) => counts[doc] as usize,
            None => self.scan_count(tables.body(doc), tables.entry(doc).body.mask),
        }
    }

    /// At least [`Pattern::body_count`] without scanning the body: the count itself when the
    /// word index gave it, else `BODY_CAP` when the body's mask allows the pattern.
    pub fn body_bound(&self, e: DocEntry<'_>, doc: usize) -> Option<usize> {
        match self.body.get() {
            Some(counts) => Some(counts[doc] as usize).filter(|&n| n > 0),
            None => may_contain(e.body.mask, self.mask).then_some(BODY_CAP),
        }
    }

    /// Whether the pattern occurs in document `doc`'s folded body.
    pub fn in_body(&self, tables: &Tables, doc: usize) -> bool {
        match self.body.get() {
            Some(counts) => counts[doc] > 0,
            None => {
                may_contain(tables.entry(doc).body.mask, self.mask)
                    && tables.body(doc).count(&self.scan, 1) > 0
            }
        }
    }
}

/// One term, ready to test.
#[derive(Debug)]
pub enum Test {
    /// Fuzzy in the title, actor table scores, substring in the body.
    Fuzzy {
        pattern: Pattern,
        actors: ActorScores,
    },
    /// Anchored or plain substring in title, actor aliases and body.
    Text {
        anchor: Anchor,
        pattern: Pattern,
        actors: ActorScores,
    },
    /// The document's actors only.
    Actor {
        actors: ActorScores,
        any: bool,
    },
    Reviewed,
    Unreviewed,
    Flagged,
    HasNote,
    Label(String),
    Date(DateRange),
}

#[derive(Debug)]
pub struct CTerm {
    pub negated: bool,
    pub test: Test,
}

/// The query, compiled: every group must have a passing term.
#[derive(Debug)]
pub struct Compiled {
    pub query: Query,
    pub groups: Vec<Vec<CTerm>>,
}

impl Compiled {
    pub fn new(query: &Query, tables: &Tables) -> Compiled {
        let mut groups: Vec<Vec<CTerm>> = query
            .groups
            .iter()
            .map(|g| {
                g.terms
                    .iter()
                    .map(|t| CTerm { negated: t.negated, test: compile_term(&t.kind, t.negated, tables) })
                    .collect()
            })
            .collect();
        // The sum of scores does not depend on the order; cheap groups first reject sooner.
        groups.sort_by_key(|g| g.iter().map(|t| cost(&t.test)).max().unwrap_or(0));
        Compiled { query: query.clone(), groups }
    }

    /// Reads from the word index the body counts of the patterns it can count, where that is
    /// cheaper than scanning `tested` bodies (a count read once serves later searches too).
    pub fn prepare_bodies(&self, tables: &Tables, tested: usize) {
        for t in self.groups.iter().flatten() {
            if let Test::Fuzzy { pattern, .. } | Test::Text { pattern, .. } = &t.test {
                pattern.prepare_body(tables, tested);
            }
        }
    }

    /// Whether some term's body test is looked up in the word index.
    #[cfg(test)]
    pub fn uses_word_index(&self) -> bool {
        self.groups.iter().flatten().any(|t| match &t.test {
            Test::Fuzzy { pattern, .. } | Test::Text { pattern, .. } => pattern.body.get().is_some(),
            _ => false,
        })
    }
}

fn cost(test: &Test) -> u8 {
    match test {
        Test::Fuzzy { .. } => 3,
        Test::Text { .. } => 2,
        Test::Actor { .. } => 1,
        _ => 0,
    }
}

fn compile_term(kind: &TermKind, negated: bool, tables: &Tables) -> Test {
    let table = &tables.actors[..];
    let text = |anchor, p: &str| Test::Text {
        anchor,
        // Anchored body tests keep the scan: they look at one place of the body.
        pattern: match anchor {
            Anchor::Anywhere => Pattern::with_body(p, tables),
            _ => {
                assert!(tables.body_counts.is_none(), "anchored body tests need the bodies");
                Pattern::new(p)
            }
        },
        actors: text_actor_scores(table, anchor, p),
    };
    match kind {
        // A negated plain term excludes documents where it occurs as a substring anywhere.
        TermKind::Fuzzy(p) if negated => text(Anchor::Anywhere, p),
        TermKind::Fuzzy(p) => Test::Fuzzy {
            pattern: Pattern::with_body(p, tables),
            actors: fuzzy_actor_scores(table, p, false),
        },
        TermKind::Exact(p) => text(Anchor::Anywhere, p),
        TermKind::Prefix(p) => text(Anchor::Start, p),
        TermKind::Suffix(p) => text(Anchor::End, p),
        TermKind::Whole(p) => text(Anchor::Whole, p),
        TermKind::Actor(p) => {
            let actors = fuzzy_actor_scores(table, p, true);
            let any = actors.iter().any(Option::is_some);
            Test::Actor { actors, any }
        }
        TermKind::Reviewed => Test::Reviewed,
        TermKind::Unreviewed => Test::Unreviewed,
        TermKind::Flagged => Test::Flagged,
        TermKind::HasNote => Test::HasNote,
        TermKind::Label(l) => Test::Label(l.clone()),
        TermKind::Date(r) => Test::Date(r.clone()),
    }
}

/// Best compact fuzzy score of `pattern` over each actor's aliases. With `typos`, when no actor
/// at all matches, falls back to aliases within a typo (see `typo_distance`): a fallback per
/// actor would let `@iran` find Iraq.
pub(super) fn fuzzy_actor_scores(table: &[ActorEntry], pattern: &str, typos: bool) -> ActorScores {
    let mask = char_mask(pattern);
    let scores: ActorScores = table
        .iter()
        .map(|actor| {
            actor
                .aliases
                .iter()
                .filter(|(_, alias_mask)| may_contain(*alias_mask, mask))
                .filter_map(|(alias, _)| fuzzy_compact(alias, pattern).map(|(s, _)| s))
                .max()
        })
        .collect();
    if !typos || scores.iter().any(Option::is_some) {
        return scores;
    }
    // Only the closest actors: a whole-word typo hides prefixes at the same distance.
    let closest: Vec<Option<(usize, bool)>> = table
        .iter()
        .map(|actor| actor.aliases.iter().filter_map(|(alias, _)| typo_match(alias, pattern)).min())
        .collect();
    let Some(best) = closest.iter().flatten().min().copied() else { return vec![None; table.len()] };
    closest.into_iter().map(|m| m.filter(|&m| m == best).map(|(d, _)| typo_score(pattern, d))).collect()
}

pub(super) fn text_actor_scores(table: &[ActorEntry], anchor: Anchor, pattern: &str) -> ActorScores {
    table
        .iter()
        .map(|actor| {
            actor
                .aliases
                .iter()
                .any(|(alias, _)| anchored_in(alias, anchor, pattern))
                .then(|| exact_score(pattern, anchor))
        })
        .collect()
}

/// Whether `pattern` occurs in `text` as `anchor` says (ends ignore surrounding whitespace).
pub fn anchored_in(text: &str, anchor: Anchor, pattern: &str) -> bool {
    anchored_range(text, anchor, pattern).is_some()
}

/// The folded byte range of the anchored occurrence (the first one for `Anywhere`).
pub fn anchored_range(text: &str, anchor: Anchor, pattern: &str) -> Option<std::ops::Range<usize>> {
    let trimmed = text.trim();
    let lead = text.len() - text.trim_start().len();
    let at = match anchor {
        Anchor::Anywhere => text.find(pattern)?,
        Anchor::Start => trimmed.starts_with(pattern).then_some(lead)?,
        Anchor::End => trimmed.ends_with(pattern).then(|| lead + trimmed.len() - pattern.len())?,
        Anchor::Whole => (trimmed == pattern).then_some(lead)?,
    };
    Some(at..at + pattern.len())
}
