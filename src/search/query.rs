//! The query grammar, shared by the screen and `--filter`.
//!
//! Whitespace separates terms that must all match (AND); a standalone `|` between two terms makes
//! them alternatives of one group (OR), as in fzf. Each term may be:
//!
//! | token | meaning |
//! |---|---|
//! | `word` | fuzzy in the title and the document's actor names, substring in the body |
//! | `'word` | substring (no fuzz) in the title, actor names or body |
//! | `^word`, `word$`, `^word$` | the title, an actor name or the body starts with / ends with / is |
//! | `@word` | fuzzy in the names and aliases of the document's actors only (typo-tolerant) |
//! | `is:reviewed`, `is:unreviewed`, `is:flagged`, `has:note`, `label:NAME` | review state |
//! | `date:2019`, `date:2019-02..2020-03`, `date:..2020`, `date:2019..` | date prefix ranges |
//! | `!term` | negation of any of the above |
//!
//! Parsing never fails: a token that means nothing (a lone `!`, `'`, `^`, `$`, `@`, `|`, an
//! empty `label:`) is ignored, and an unknown `key:value` or malformed date is a plain term.
//! Patterns are folded (case, accents, ligatures) here, once.

use crate::text::fold;

/// A parsed query: AND of groups, each an OR of terms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    /// The text as typed.
    pub source: String,
    /// Every group must match; within a group, any term.
    pub groups: Vec<Group>,
}

/// Alternatives joined by `|`.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub terms: Vec<Term>,
}

/// One term, possibly negated.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub negated: bool,
    pub kind: TermKind,
}

/// What a term tests. Text patterns are stored folded.
#[derive(Debug, Clone, PartialEq)]
pub enum TermKind {
    Fuzzy(String),
    Exact(String),
    Prefix(String),
    Suffix(String),
    /// `^x$`: the whole field.
    Whole(String),
    Actor(String),
    Reviewed,
    Unreviewed,
    Flagged,
    HasNote,
    /// As typed (review labels are compared by the review store).
    Label(String),
    Date(DateRange),
}

/// Inclusive range over ISO date prefixes; `None` is an open end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<String>,
    pub to: Option<String>,
}

impl Query {
    /// Parses `text`; never fails.
    pub fn parse(text: &str) -> Query {
        let mut groups: Vec<Group> = Vec::new();
        let mut join_next = false;
        for token in text.split_whitespace() {
            if token == "|" {
                // Only joins when a term precedes it; a leading or doubled `|` is ignored.
                join_next = !groups.is_empty();
                continue;
            }
            let Some(term) = parse_term(token) else {
                continue;
            };
            match groups.last_mut() {
                Some(group) if join_next => group.terms.push(term),
                _ => groups.push(Group { terms: vec![term] }),
            }
            join_next = false;
        }
        Query { source: text.to_string(), groups }
    }

    /// True when the query has no term that restricts anything.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

/// One whitespace-free token to a term, or `None` when it means nothing.
fn parse_term(token: &str) -> Option<Term> {
    let (negated, rest) = match token.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, token),
    };
    let kind = parse_kind(rest)?;
    Some(Term { negated, kind })
}

fn parse_kind(token: &str) -> Option<TermKind> {
    if let Some(kind) = parse_predicate(token) {
        return kind;
    }
    if let Some(rest) = token.strip_prefix('@') {
        return non_empty(rest).map(TermKind::Actor);
    }
    if let Some(rest) = token.strip_prefix('\'') {
        return non_empty(rest).map(TermKind::Exact);
    }
    let (prefix, rest) = match token.strip_prefix('^') {
        Some(rest) => (true, rest),
        None => (false, token),
    };
    let (suffix, rest) = match rest.strip_suffix('$') {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    let pattern = non_empty(rest)?;
    Some(match (prefix, suffix) {
        (true, true) => TermKind::Whole(pattern),
        (true, false) => TermKind::Prefix(pattern),
        (false, true) => TermKind::Suffix(pattern),
        (false, false) => TermKind::Fuzzy(pattern),
    })
}

/// `Some(Some(kind))`: a predicate; `Some(None)`: a predicate key with nothing to test yet
/// (ignored); `None`: not a predicate.
fn parse_predicate(token: &str) -> Option<Option<TermKind>> {
    let (key, value) = token.split_once(':')?;
    let key = key.to_ascii_lowercase();
    let lower = value.to_ascii_lowercase();
    match (key.as_str(), lower.as_str()) {
        ("is", "reviewed") => Some(Some(TermKind::Reviewed)),
        ("is", "unreviewed") => Some(Some(TermKind::Unreviewed)),
        ("is", "flagged") => Some(Some(TermKind::Flagged)),
        ("has", "note" | "notes") => Some(Some(TermKind::HasNote)),
        ("is" | "has" | "label" | "date", "") => Some(None),
        ("label", _) => Some(Some(TermKind::Label(value.to_string()))),
        ("date", _) => parse_date(value).map(|range| Some(TermKind::Date(range))),
        _ => None,
    }
}

/// `2019`, `2019-02..2020-03`, `..2020`, `2019..`: digits and dashes only, else not a date.
fn parse_date(value: &str) -> Option<DateRange> {
    let valid = |s: &str| s.bytes().all(|b| b.is_ascii_digit() || b == b'-');
    let bound = |s: &str| (!s.is_empty()).then(|| s.to_string());
    match value.split_once("..") {
        Some((from, to)) if valid(from) && valid(to) => Some(DateRange { from: bound(from), to: bound(to) }),
        None if valid(value) => Some(DateRange { from: bound(value), to: bound(value) }),
        _ => None,
    }
}

fn non_empty(pattern: &str) -> Option<String> {
    let folded = fold(pattern);
    (!folded.is_empty()).then_some(folded)
}

impl DateRange {
    /// Whether a document dated `date` lies wholly inside the range: `2019` is not inside
    /// `2019-02..` (it may be January) but `2019-02-15` is inside `..2019-02`.
    pub fn contains(&self, date: &str) -> bool {
        let date = date.trim().as_bytes();
        let after_from = self.from.as_ref().is_none_or(|from| {
            let from = from.as_bytes();
            date[..date.len().min(from.len())] >= *from
        });
        let before_to = self.to.as_ref().is_none_or(|to| {
            let to = to.as_bytes();
            let head = &date[..date.len().min(to.len())];
            if head.len() < to.len() {
                // A coarser date reaches past `to` unless it is strictly before it.
                head < &to[..head.len()]
            } else {
                head <= to
            }
        });
        after_from && before_to
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(q: &str) -> Vec<Vec<(bool, TermKind)>> {
        Query::parse(q)
            .groups
            .into_iter()
            .map(|g| g.terms.into_iter().map(|t| (t.negated, t.kind)).collect())
            .collect()
    }

    #[test]
    fn every_token_kind() {
        use TermKind::*;
        let got = kinds(
            "Érdo 'x ^p s$ ^w$ @Путин is:reviewed is:unreviewed is:flagged has:note label:Urgent date:2019 !y",
        );
        let want = vec![
            vec![(false, Fuzzy("erdo".into()))],
            vec![(false, Exact("x".into()))],
            vec![(false, Prefix("p".into()))],
            vec![(false, Suffix("s".into()))],
            vec![(false, Whole("w".into()))],
            vec![(false, Actor("путин".into()))],
            vec![(false, Reviewed)],
            vec![(false, Unreviewed)],
            vec![(false, Flagged)],
            vec![(false, HasNote)],
            vec![(false, Label("Urgent".into()))],
            vec![(false, Date(DateRange { from: Some("2019".into()), to: Some("2019".into()) }))],
            vec![(true, Fuzzy("y".into()))],
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn or_groups_and_stray_bars() {
        use TermKind::*;
        assert_eq!(
            kinds("a | b c | !^d"),
            vec![
                vec![(false, Fuzzy("a".into())), (false, Fuzzy("b".into()))],
                vec![(false, Fuzzy("c".into())), (true, Prefix("d".into()))],
            ]
        );
        assert_eq!(kinds("| a | | b |"), kinds("a | b"));
        assert_eq!(kinds("a|b"), vec![vec![(false, Fuzzy("a|b".into()))]]);
        assert!(Query::parse(" | ").is_empty());
    }

    #[test]
    fn lone_operators_are_ignored() {
        for q in ["!", "'", "^", "$", "^$", "@", "!@", "!'", "label:", "date:", "is:", "   "] {
            assert!(Query::parse(q).is_empty(), "{q:?}");
        }
        assert_eq!(kinds("$$"), vec![vec![(false, TermKind::Suffix("$".into()))]]);
        assert_eq!(kinds("!!x"), vec![vec![(true, TermKind::Fuzzy("!x".into()))]]);
    }

    #[test]
    fn unknown_keys_and_bad_dates_are_plain_terms() {
        use TermKind::*;
        assert_eq!(kinds("is:bogus"), vec![vec![(false, Fuzzy("is:bogus".into()))]]);
        assert_eq!(kinds("date:mars"), vec![vec![(false, Fuzzy("date:mars".into()))]]);
        assert_eq!(kinds("http://x"), vec![vec![(false, Fuzzy("http://x".into()))]]);
    }

    proptest::proptest! {
        #[test]
        fn parsing_never_panics(text in "\\PC{0,40}", date in "\\PC{0,12}") {
            let q = Query::parse(&text);
            proptest::prop_assert_eq!(q.source, text.clone());
            proptest::prop_assert!(q.groups.iter().all(|g| !g.terms.is_empty()));
            for t in q.groups.iter().flat_map(|g| &g.terms) {
                if let TermKind::Date(r) = &t.kind {
                    let _ = r.contains(&date);
                }
            }
            let r = DateRange { from: Some("2019-02".into()), to: Some("2020".into()) };
            let _ = r.contains(&date);
        }
    }

    #[test]
    fn date_ranges() {
        let range = |q: &str| match &kinds(q)[0][0].1 {
            TermKind::Date(r) => r.clone(),
            other => panic!("{other:?}"),
        };
        let r = range("date:2019-02..2020-03");
        assert!(r.contains("2019-02-01") && r.contains("2020-03-31") && r.contains("2019-12"));
        assert!(!r.contains("2019-01-31") && !r.contains("2020-04-01"));
        assert!(!r.contains("2019") && !r.contains("2020"), "coarser dates are not inside");
        let r = range("date:..2020");
        assert!(r.contains("2012-05-06") && r.contains("2020-12-31") && !r.contains("2021"));
        let r = range("date:2019..");
        assert!(r.contains("2019") && r.contains("2024-01") && !r.contains("2018-12-31"));
        let r = range("date:2019-02");
        assert!(r.contains("2019-02") && r.contains("2019-02-28") && !r.contains("2019-03-01"));
        assert!(!r.contains("2019"));
    }
}
