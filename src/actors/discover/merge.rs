//! Groups a document's mentions into actors: same folded name, then surname-only mentions
//! joined to the one full name that ends with that surname (M. Chéron … Henry Chéron).

use std::collections::HashMap;
use std::ops::Range;

use super::Discovered;
use super::lexicon::{ARTICLE, PARTICLE};
use super::scan::{Candidate, Doc};
use super::token::{Shape, fold_into};
use crate::actors::ActorKind;

/// One accepted mention.
#[derive(Debug, Clone)]
pub(super) struct Mention {
    /// Folded words without particles and articles, space-separated.
    key: String,
    words: usize,
    span: Range<usize>,
    kind: ActorKind,
    /// Every letter of its capitalised words is a capital (a display form of last resort).
    shouted: bool,
}

impl Mention {
    pub fn new(doc: &Doc, c: &Candidate, kind: ActorKind) -> Mention {
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
        Mention {
            key,
            words,
            span: doc.tokens[c.start].start..doc.tokens[c.end - 1].end,
            kind,
            shouted,
        }
    }

    fn last_word(&self) -> &str {
        self.key.rsplit(' ').next().unwrap_or("")
    }
}

struct Group {
    best: Mention,
    kind: ActorKind,
    spans: Vec<Range<usize>>,
    alive: bool,
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
                groups.push(Group {
                    kind: m.kind,
                    spans: vec![m.span.clone()],
                    best: m,
                    alive: true,
                });
            }
        }
    }
    join_surnames(&mut groups);
    groups
        .into_iter()
        .filter(|g| g.alive)
        .map(|mut g| {
            g.spans.sort_by_key(|s| (s.start, s.end));
            g.spans.dedup();
            Discovered {
                name: display(&text[g.best.span.clone()], g.kind, g.best.shouted),
                kind: g.kind,
                spans: g.spans,
            }
        })
        .collect()
}

fn absorb(g: &mut Group, m: Mention) {
    g.kind = stronger(g.kind, m.kind);
    g.spans.push(m.span.clone());
    if g.best.shouted && !m.shouted {
        g.best = m;
    }
}

/// Organisation beats Person beats Place: the cues for the first two are the stronger.
fn stronger(a: ActorKind, b: ActorKind) -> ActorKind {
    let rank = |k| match k {
        ActorKind::Organisation => 3,
        ActorKind::Person => 2,
        _ => 1,
    };
    if rank(b) > rank(a) { b } else { a }
}

/// Moves each one-word person group into the longer person name ending with that word, when
/// exactly one such name exists (two Chérons would be ambiguous).
fn join_surnames(groups: &mut [Group]) {
    let mut by_last: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, g) in groups.iter().enumerate() {
        if g.best.words > 1 && g.kind == ActorKind::Person {
            by_last.entry(g.best.last_word()).or_default().push(i);
        }
    }
    let mut moves = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        if g.best.words != 1 || g.kind == ActorKind::Organisation {
            continue;
        }
        if let Some(targets) = by_last.get(g.best.key.as_str()) {
            if let [target] = targets[..] {
                moves.push((i, target));
            }
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
