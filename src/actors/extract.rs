//! Finding known actors' mentions: one Aho-Corasick automaton over every alias key, run on a
//! folded copy of each text whose separators are spaces.
//!
//! Folding keeps a map back to the original bytes, and separators are replaced byte for byte
//! (ASCII for ASCII), so every match converts to an exact span of the original text. The
//! automaton reports leftmost-longest matches ("Bachar el-Assad" wins over "Assad"); a match is
//! kept when it is a whole word (no letter or digit on either side; an English possessive `s`
//! written without apostrophe, "Assads", is allowed) and when its alias's rule accepts the
//! original spelling. A rejected match is retried one character further, so it hides nothing.

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};
use memchr::memmem;
use std::collections::HashMap;

use super::gazetteer::{AliasRule, AliasRules, alias_key, is_separator};
use super::{ActorId, ActorInfo, DocActor, Field, Mention};
use crate::search::FoldedText;

/// Text from which the gazetteer's DFA repays its build (20–25 ms against an NFA's 2.6,
/// `examples/ac_build.rs`) by scanning faster: 100k CSV rows' 1 MB of kept titles run 20%
/// faster on the NFA, 1M rows' 9 MB no faster.
pub const DFA_FROM: usize = 4 << 20;

/// One spelling an automaton pattern stands for.
#[derive(Debug)]
struct Candidate {
    actor: ActorId,
    alias: Box<str>,
    rule: AliasRule,
}

/// The automaton over every searchable alias of a table.
#[derive(Debug)]
pub struct Extractor {
    automaton: Option<AhoCorasick>,
    /// Per pattern, the spellings it stands for (one key may have several: "ONU" and "Onu").
    candidates: Vec<Vec<Candidate>>,
    /// The patterns: alias keys.
    keys: Vec<String>,
}

/// A text folded and with separators as spaces, ready for matching.
///
/// The fold is the search index's compact one (a few jumps instead of a `u32` per byte), so
/// that the copy made here is handed on to the index instead of being made twice; a text folded
/// already (a shared title, a sieve's field) is borrowed, not copied.
pub struct Prepared<'a> {
    folded: std::borrow::Cow<'a, FoldedText>,
    hay: Vec<u8>,
}

impl Prepared<'static> {
    pub fn new(text: &str) -> Prepared<'static> {
        Prepared::of(std::borrow::Cow::Owned(FoldedText::new(text)))
    }
}

impl<'a> Prepared<'a> {
    /// A text folded already.
    pub fn of(folded: std::borrow::Cow<'a, FoldedText>) -> Prepared<'a> {
        let mut hay = folded.text.as_bytes().to_vec();
        for b in &mut hay {
            if b.is_ascii() && is_separator(*b as char) {
                *b = b' ';
            }
        }
        Prepared { folded, hay }
    }

    /// The folded text, for the search index.
    pub fn into_folded(self) -> FoldedText {
        self.folded.into_owned()
    }
}

impl Extractor {
    /// Builds the automaton over the aliases of `table` that may be searched in text.
    pub fn new(table: &[ActorInfo], rules: &AliasRules) -> Extractor {
        Extractor::new_for(table, rules, |_| true)
    }

    /// [`Extractor::new`] for searching about `text_bytes` of text: below [`DFA_FROM`] an
    /// NFA, which builds in a tenth of the time (the gazetteer's: 2.6 against 20–25 ms) and
    /// scans at about half the speed, so that a headless query over the few documents that
    /// may match it does not wait for a DFA it has too little text to repay.
    pub fn for_text_of(table: &[ActorInfo], rules: &AliasRules, text_bytes: usize) -> Extractor {
        let kind = if text_bytes >= DFA_FROM { AhoCorasickKind::DFA } else { AhoCorasickKind::ContiguousNFA };
        Extractor::build(table, rules, |_| true, kind)
    }

    /// [`Extractor::new`] over only the keys that an alias of an actor `wanted` says: each key
    /// keeps every spelling it stands for, whoever's, so that a key it finds is accepted or
    /// rejected as the whole automaton would.
    pub fn new_for(table: &[ActorInfo], rules: &AliasRules, wanted: impl Fn(ActorId) -> bool) -> Extractor {
        Extractor::build(table, rules, wanted, AhoCorasickKind::DFA)
    }

    fn build(
        table: &[ActorInfo],
        rules: &AliasRules,
        wanted: impl Fn(ActorId) -> bool,
        kind: AhoCorasickKind,
    ) -> Extractor {
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let mut keys: Vec<String> = Vec::new();
        let mut candidates: Vec<Vec<Candidate>> = Vec::new();
        for (id, info) in table.iter().enumerate() {
            for alias in &info.aliases {
                let rule = rules.get(alias);
                let key = alias_key(alias);
                if !rule.in_text || key.is_empty() {
                    continue;
                }
                let pattern = *by_key.entry(key.clone()).or_insert_with(|| {
                    keys.push(key);
                    candidates.push(Vec::new());
                    candidates.len() - 1
                });
                candidates[pattern].push(Candidate {
                    actor: id as ActorId,
                    alias: alias.as_str().into(),
                    rule,
                });
            }
        }
        let kept: Vec<bool> =
            candidates.iter().map(|c| c.iter().any(|c: &Candidate| wanted(c.actor))).collect();
        if kept.contains(&false) {
            let mut k = kept.iter();
            keys.retain(|_| *k.next().expect("one flag per key"));
            let mut k = kept.iter();
            candidates.retain(|_| *k.next().expect("one flag per key"));
        }
        // A DFA: a few megabytes for the gazetteer's keys, and about twice the NFA's speed over
        // the gigabytes of text a large corpus holds.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(kind))
            .build(&keys)
            .or_else(|_| AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(&keys))
            .ok();
        Extractor { automaton, candidates, keys }
    }

    /// The alias keys the automaton searches for.
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// Whether the automaton has any key at all.
    pub fn is_empty(&self) -> bool {
        self.candidates.is_empty()
    }

    /// Appends the mentions found in `original` (prepared as `prepared`) to `out`.
    pub fn find(&self, original: &str, prepared: &Prepared, field: Field, out: &mut Vec<Mention>) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        let hay = &prepared.hay;
        let mut pos = 0;
        while pos < hay.len() {
            let Some(m) = automaton.find(Input::new(hay).range(pos..)) else {
                break;
            };
            let candidates = &self.candidates[m.pattern().as_usize()];
            let accepted = whole_word(hay, m.start(), m.end(), candidates).and_then(|_| {
                let span = prepared.folded.original_range(m.start()..m.end());
                let spelled = original.get(span.clone())?;
                candidates.iter().find(|c| c.rule.accepts(&c.alias, spelled)).map(|c| (c.actor, span))
            });
            match accepted {
                Some((actor, span)) => {
                    out.push(Mention::new(actor, field, span));
                    pos = m.end();
                }
                None => pos = next_char(hay, m.start()),
            }
        }
    }

    /// Finds a record-given name nobody listed in one text (plain folded search, whole words).
    pub fn find_name(key: &str, actor: ActorId, prepared: &Prepared, field: Field, out: &mut Vec<Mention>) {
        if key.is_empty() {
            return;
        }
        let hay = &prepared.hay;
        for start in memmem::find_iter(hay, key.as_bytes()) {
            let end = start + key.len();
            if is_word_end_before(hay, start) || is_word_char_at(hay, end) {
                continue;
            }
            let span = prepared.folded.original_range(start..end);
            out.push(Mention::new(actor, field, span));
        }
    }
}

/// `Some(())` when `start..end` is a whole word of `hay` (or a word plus a possessive `s`).
fn whole_word(hay: &[u8], start: usize, end: usize, candidates: &[Candidate]) -> Option<()> {
    if is_word_end_before(hay, start) {
        return None;
    }
    if !is_word_char_at(hay, end) {
        return Some(());
    }
    let possessive = hay[end] == b's'
        && !is_word_char_at(hay, end + 1)
        && end - start >= 4
        && candidates.iter().any(|c| !c.rule.case_sensitive);
    possessive.then_some(())
}

fn char_at(hay: &[u8], i: usize) -> Option<char> {
    let len = match *hay.get(i)? {
        b if b < 0x80 => 1,
        b if b >= 0xF0 => 4,
        b if b >= 0xE0 => 3,
        _ => 2,
    };
    std::str::from_utf8(hay.get(i..i + len)?).ok()?.chars().next()
}

fn is_word_char_at(hay: &[u8], i: usize) -> bool {
    char_at(hay, i).is_some_and(char::is_alphanumeric)
}

fn is_word_end_before(hay: &[u8], i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let mut start = i - 1;
    while start > 0 && (hay[start] & 0xC0) == 0x80 {
        start -= 1;
    }
    is_word_char_at(hay, start)
}

fn next_char(hay: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while j < hay.len() && (hay[j] & 0xC0) == 0x80 {
        j += 1;
    }
    j
}

/// Per-document tally: actors by mentions (desc), ties by first mention; `given` are the actors
/// a record names, counted once when the text never mentions them.
pub fn tally(mentions: &[Mention], given: &[ActorId]) -> Box<[DocActor]> {
    let mut order: Vec<(ActorId, usize)> = mentions.iter().enumerate().map(|(i, m)| (m.actor, i)).collect();
    order.sort_unstable();
    let mut actors: Vec<(DocActor, usize)> = Vec::new();
    for (actor, first) in order {
        match actors.last_mut() {
            Some((last, _)) if last.actor == actor => last.mentions += 1,
            _ => actors.push((DocActor { actor, mentions: 1 }, first)),
        }
    }
    for &actor in given {
        if !actors.iter().any(|(a, _)| a.actor == actor) {
            actors.push((DocActor { actor, mentions: 1 }, usize::MAX));
        }
    }
    actors
        .sort_by(|(a, fa), (b, fb)| b.mentions.cmp(&a.mentions).then(fa.cmp(fb)).then(a.actor.cmp(&b.actor)));
    actors.into_iter().map(|(a, _)| a).collect()
}
