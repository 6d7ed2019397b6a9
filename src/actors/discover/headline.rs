//! Title Case: English headlines capitalise every word but short function words, and news
//! pages append lists of related headlines to the article, so there a capital is no evidence
//! of a name ("Terrorist Rocket Attacks Kill 10 Civilians Injured Dozens in Daraa"). A headline
//! shows itself by capitalised common words, which the document or the corpus also writes in
//! lowercase (attacks, civilians; see [`Vocabulary`]), among them a verb (Kill). A candidate
//! inside a headline is kept only if its text also stands somewhere outside every headline.

use std::ops::Range;

use super::lexicon::{
    ARTICLE, COMMON, GIVEN, HONORIFIC, ORG_HEAD, PARTICLE, PLACE_HEAD, PLACE_PREP, PLACE_TAIL, ROLE,
    SELF_NAMING, STOP, TITLE_WORD,
};
use super::scan::Doc;
use super::token::{Kind, Shape, Token, fold_into};
use super::{Usage, Vocabulary};

/// A headline has at least this many capitalised words…
const MIN_CAPITALS: usize = 4;
/// …of which at least this many are common words…
const MIN_COMMON: usize = 2;
/// …and at least this share (1 in 3), one of them a verb. Names of organisations are common
/// words too: "Peter Salama Executive Director of the WHO Health Emergencies Programme" has
/// three of eight (titles, roles, organisation heads and acronyms do not count) but no verb.
const COMMON_SHARE: usize = 3;

/// Classes of capitalised words that prose capitalises too: they are no evidence of Title Case.
const PROSE_CAPITALS: u32 =
    ROLE | HONORIFIC | TITLE_WORD | ORG_HEAD | SELF_NAMING | PLACE_HEAD | PLACE_TAIL | COMMON | GIVEN;

/// The byte ranges of a document's headlines.
pub(super) struct Headlines {
    runs: Vec<Range<usize>>,
}

impl Headlines {
    pub fn find(doc: &Doc, usage: &Usage, vocabulary: &Vocabulary) -> Headlines {
        let runs = title_case_runs(doc);
        if runs.is_empty() {
            return Headlines { runs: Vec::new() };
        }
        let (mut buf, mut scratch) = (String::new(), String::new());
        let mut is_headline = |run: &Range<usize>| {
            let (mut capitals, mut common, mut verbs) = (0, 0, 0);
            for i in run.clone() {
                if doc.tokens[i].is_capitalised() {
                    capitals += 1;
                    // The first word may start a sentence; an acronym (WHO) is no common word.
                    let evidence = i > run.start
                        && doc.tokens[i].kind == Kind::Word(Shape::Capital)
                        && doc.info[i].cls & PROSE_CAPITALS == 0;
                    if evidence {
                        fold_into(doc.word(i), &mut buf);
                        let lower_here = usage.get(doc, i).1 > 0;
                        common += usize::from(lower_here || vocabulary.has(&buf, &mut scratch));
                        verbs += usize::from(vocabulary.has_verb(&buf, &mut scratch));
                    }
                }
            }
            verbs > 0 && common >= MIN_COMMON && common * COMMON_SHARE >= capitals
        };
        let runs = runs
            .into_iter()
            .filter(|run| is_headline(run))
            .map(|run| doc.tokens[run.start].start..doc.tokens[run.end - 1].end)
            .collect();
        Headlines { runs }
    }

    /// Whether a name found at `span` may stay: outside every headline, or also written
    /// outside them.
    pub fn keeps(&self, text: &str, span: Range<usize>) -> bool {
        if !self.overlaps(&span) {
            return true;
        }
        let name = &text[span.clone()];
        let is_word = |c: char| c.is_alphanumeric();
        text.match_indices(name).any(|(at, _)| {
            let other = at..at + name.len();
            let bounded = !text[..at].chars().next_back().is_some_and(is_word)
                && !text[other.end..].chars().next().is_some_and(is_word);
            bounded && !self.overlaps(&other)
        })
    }

    fn overlaps(&self, span: &Range<usize>) -> bool {
        let k = self.runs.partition_point(|r| r.end <= span.start);
        self.runs.get(k).is_some_and(|r| r.start < span.end)
    }
}

/// Token ranges where every word is capitalised, a number or a short function word, with at
/// least [`MIN_CAPITALS`] capitalised words; sentence punctuation and line breaks end them.
fn title_case_runs(doc: &Doc) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let (mut start, mut capitals) = (None, 0);
    for (i, t) in doc.tokens.iter().enumerate().chain(std::iter::once((doc.tokens.len(), &END))) {
        let inside = match t.kind {
            Kind::Word(Shape::Capital | Shape::Upper) => {
                capitals += 1;
                true
            }
            Kind::Word(Shape::Other) => true,
            Kind::Word(Shape::Lower) => {
                doc.word(i).len() <= 4 && doc.info[i].cls & (STOP | PARTICLE | ARTICLE | PLACE_PREP) != 0
            }
            Kind::Punct(c) => matches!(c, ',' | '-' | '\'' | '’' | '&' | '/'),
            Kind::Break => false,
        };
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if capitals >= MIN_CAPITALS {
                    runs.push(s..i);
                }
                (start, capitals) = (None, 0);
            }
            _ => {}
        }
        if !inside {
            capitals = 0;
        }
    }
    runs
}

/// Ends the last run.
const END: Token = Token { start: 0, end: 0, kind: Kind::Break };
