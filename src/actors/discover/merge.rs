//! Groups a document's mentions into actors: same folded name, then surname-only mentions
//! joined to the one full name that ends with that surname (M. Chéron … Henry Chéron).

use std::collections::HashMap;
use std::ops::Range;

use super::Discovered;
use super::lexicon::{ARTICLE, PARTICLE};
use super::scan::{Candidate, Doc};
use super::token::{Shape, fold_into};
use crate::actors::ActorKind;

/// How sure a mention's kind is: a title or an organisation head is sure; an article or a
/// preposition only makes a place likely.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Guess {
    Sure(ActorKind),
    Likely(ActorKind),
}

/// Votes for an actor's kind, sure cues first.
#[derive(Debug, Clone, Copy, Default)]
struct Votes {
    organisation: u32,
    person: u32,
    /// A place head or tail (Khan Sheikhoun, Handarat Camp).
    place: u32,
    likely_person: u32,
    likely_place: u32,
}

impl Votes {
    fn add(&mut self, guess: Guess) {
        match guess {
            Guess::Sure(ActorKind::Organisation) => self.organisation += 1,
            Guess::Sure(ActorKind::Place) => self.place += 1,
            Guess::Sure(_) => self.person += 1,
            Guess::Likely(ActorKind::Place) => self.likely_place += 1,
            Guess::Likely(_) => self.likely_person += 1,
        }
    }

    fn kind(&self) -> ActorKind {
        if self.organisation > 0 && self.organisation >= self.person.max(self.place) {
            ActorKind::Organisation
        } else if self.place > self.person {
            ActorKind::Place
        } else if self.person > 0 || self.likely_person > self.likely_place {
            ActorKind::Person
        } else {
            ActorKind::Place
        }
    }
}

/// One accepted mention.
#[derive(Debug, Clone)]
pub(super) struct Mention {
    /// Folded words without particles and articles, space-separated.
    key: String,
    words: usize,
    span: Range<usize>,
    guess: Guess,
    /// Every letter of its capitalised words is a capital (a display form of last resort).
    shouted: bool,
    /// A lone word with no cue: kept only if another mention of the actor has one, or if it
    /// joins a fuller name of the document.
    needs_support: bool,
}

impl Mention {
    pub fn new(doc: &Doc, c: &Candidate, guess: Guess, needs_support: bool) -> Mention {
        let mut key = String::new();
        let mut buf = String::new();
        let (mut words, mut shouted) = (0, true);
        for i in c.start..c.end {
            let t = doc.tokens[i];
            if !t.is_word() {
                continue;
            }
            fold_into(doc.word(i), &mut buf);
            let skip = t.shape() == Some(Shape::Lower) && doc.info[i].cls & (PARTICLE | ARTICLE) != 0;
            if skip {
                continue;
            }
            if t.shape() == Some(Shape::Capital) && doc.word(i).chars().count() > 1 {
                shouted = false;
            }
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(buf.trim_end_matches('\''));
            words += 1;
        }
        let span = doc.tokens[c.start].start..doc.tokens[c.end - 1].end;
        Mention { key, words, span, guess, shouted, needs_support }
    }

    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// The surname: the last word, without an Arabic article (Bachar al-Assad → assad).
    fn last_word(&self) -> &str {
        let last = self.key.rsplit(' ').next().unwrap_or("");
        ["al-", "el-"].iter().find_map(|a| last.strip_prefix(a)).unwrap_or(last)
    }
}

struct Group {
    best: Mention,
    votes: Votes,
    spans: Vec<Range<usize>>,
    alive: bool,
    /// Some mention has evidence of its own (a cue, several words, an article).
    supported: bool,
}

/// Merges mentions into actors, in order of first mention.
pub(super) fn merge(text: &str, mentions: Vec<Mention>) -> Vec<Discovered> {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for m in mentions {
        if m.key.is_empty() {
            continue;
        }
        match by_key.get(&m.key) {
            Some(&g) => absorb(&mut groups[g], m),
            None => {
                by_key.insert(m.key.clone(), groups.len());
                let mut votes = Votes::default();
                votes.add(m.guess);
                let supported = !m.needs_support;
                groups.push(Group { votes, spans: vec![m.span.clone()], best: m, alive: true, supported });
            }
        }
    }
    join_surnames(&mut groups);
    join_heads(&mut groups);
    groups
        .into_iter()
        .filter(|g| g.alive && g.supported)
        .map(|mut g| {
            g.spans.sort_by_key(|s| (s.start, s.end));
            g.spans.dedup();
            let kind = g.votes.kind();
            Discovered {
                name: display(&text[g.best.span.clone()], kind, g.best.shouted),
                kind,
                spans: g.spans,
            }
        })
        .collect()
}

fn absorb(g: &mut Group, m: Mention) {
    g.votes.add(m.guess);
    g.supported |= !m.needs_support;
    g.spans.push(m.span.clone());
    if g.best.shouted && !m.shouted {
        g.best = m;
    }
}

/// Moves each one-word person group into the longer person name ending with that word, when
/// exactly one such name exists (two Chérons would be ambiguous).
fn join_surnames(groups: &mut [Group]) {
    let mut by_last: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, g) in groups.iter().enumerate() {
        if g.best.words > 1 && g.votes.kind() == ActorKind::Person {
            by_last.entry(g.best.last_word()).or_default().push(i);
        }
    }
    let mut moves = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        if g.best.words != 1 || g.votes.kind() == ActorKind::Organisation {
            continue;
        }
        if let Some([target]) = by_last.get(g.best.key.as_str()).map(Vec::as_slice) {
            moves.push((i, *target));
        }
    }
    for (from, to) in moves {
        let spans = std::mem::take(&mut groups[from].spans);
        let votes = groups[from].votes;
        groups[from].alive = false;
        groups[to].spans.extend(spans);
        // The surname's likely-place votes ("de Chéron") say nothing against the person.
        groups[to].votes.person += votes.person;
    }
}

/// Moves each unsupported one-word organisation group (the Observatory) into the one longer
/// organisation name of the document holding that word (Syrian Observatory for Human Rights).
fn join_heads(groups: &mut [Group]) {
    let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, g) in groups.iter().enumerate() {
        if g.alive && g.best.words > 1 && g.votes.kind() == ActorKind::Organisation {
            for w in g.best.key.split(' ') {
                let list = by_word.entry(w).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
    }
    let mut moves = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        if !g.alive || g.supported || g.best.words != 1 || g.votes.kind() != ActorKind::Organisation {
            continue;
        }
        if let Some([target]) = by_word.get(g.best.key.as_str()).map(Vec::as_slice) {
            moves.push((i, *target));
        }
    }
    for (from, to) in moves {
        let spans = std::mem::take(&mut groups[from].spans);
        groups[from].alive = false;
        groups[to].spans.extend(spans);
    }
}

/// The display form: as written, except that a person's name set in capitals is shown in
/// title case (MICHEL CHEVALIER → Michel Chevalier).
fn display(written: &str, kind: ActorKind, shouted: bool) -> String {
    let written = written.split_whitespace().collect::<Vec<_>>().join(" ");
    if !(shouted && kind == ActorKind::Person) {
        return written;
    }
    let mut out = String::with_capacity(written.len());
    let mut start_of_word = true;
    for c in written.chars() {
        if start_of_word {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start_of_word = !c.is_alphabetic();
    }
    out
}
