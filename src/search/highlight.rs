//! Highlight positions: what the positive terms matched in a field, as merged, sorted byte
//! ranges of the original text.

use std::ops::Range;

use super::compile::{ActorScores, Anchor, Compiled, Test, anchored_range};
use super::entries::DocEntry;
use super::fuzzy::fuzzy_compact;
use super::index::FoldedText;
use crate::actors::Field;

/// `text`: the field folded (the entry's, or the document's body folded anew).
pub fn highlights(
    e: DocEntry<'_>,
    text: &FoldedText,
    compiled: &Compiled,
    field: Field,
) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for t in compiled.groups.iter().flatten().filter(|t| !t.negated) {
        match &t.test {
            Test::Fuzzy { pattern, actors } => {
                let fuzzy =
                    (field == Field::Title).then(|| fuzzy_compact(&text.text, &pattern.text)).flatten();
                if let Some((_, idx)) = fuzzy {
                    out.extend(text.original_ranges_of_chars(&idx));
                }
                if field == Field::Body {
                    occurrences(
                        text,
                        pattern.finder().find_iter(text.text.as_bytes()),
                        pattern.text.len(),
                        &mut out,
                    );
                }
                mentions(e, field, actors, &mut out);
            }
            Test::Text { anchor, pattern, actors } => {
                match anchor {
                    Anchor::Anywhere => {
                        let found = pattern.finder().find_iter(text.text.as_bytes());
                        occurrences(text, found, pattern.text.len(), &mut out);
                    }
                    _ => out.extend(
                        anchored_range(&text.text, *anchor, &pattern.text).map(|r| text.original_range(r)),
                    ),
                }
                mentions(e, field, actors, &mut out);
            }
            Test::Actor { actors, .. } => mentions(e, field, actors, &mut out),
            _ => {}
        }
    }
    merge(out)
}

fn occurrences(
    text: &FoldedText,
    starts: impl Iterator<Item = usize>,
    len: usize,
    out: &mut Vec<Range<usize>>,
) {
    out.extend(starts.map(|at| text.original_range(at..at + len)));
}

/// The mention spans, in `field`, of the document's actors that the term matched.
fn mentions(e: DocEntry<'_>, field: Field, actors: &ActorScores, out: &mut Vec<Range<usize>>) {
    out.extend(
        e.mention_spans(field)
            .filter(|m| actors.get(m.actor as usize).is_some_and(Option::is_some))
            .map(|m| m.start as usize..m.end as usize),
    );
}

/// Sorted, with overlapping or touching ranges merged; empty ranges dropped.
pub fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.retain(|r| r.start < r.end);
    ranges.sort_unstable_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}
