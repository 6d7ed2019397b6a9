//! A document's folded body as the body tests read it: the folded copy an index keeps, or the
//! document's own body, folded as it is read.
//!
//! A library built from documents it holds keeps no folded copy of their bodies: the copies
//! were the size of the corpus (178 MB of a 100k-document library's 700), and a body test
//! mostly reads the word index instead. What is left to scan reads the original: an ASCII body
//! (most English ones) is searched ignoring ASCII case, which finds what a search of its folded
//! copy (the same text lowercased) finds; any other body is folded a kilobyte at a time, so
//! that a count that reaches its cap early (`e` while typing) folds little of it.

use std::cell::RefCell;

use memchr::memmem::Finder;

use super::compile::{Anchor, anchored_in};
use crate::text::fold_append;

/// Bytes of original text folded at a time when a scan folds as it reads (few in tests, so
/// that short texts take several steps).
#[cfg(not(test))]
const FOLD_STEP: usize = 1024;
#[cfg(test)]
const FOLD_STEP: usize = 16;

/// A folded pattern as a body scan looks for it.
#[derive(Debug)]
pub struct BodyPattern {
    finder: Finder<'static>,
    len: usize,
    /// The pattern ignoring ASCII case, when it is ASCII: searched in ASCII originals.
    ascii: Option<AsciiPattern>,
}

/// A lowercase ASCII pattern found in ASCII text whatever its case: the text is searched for
/// the pattern's rarest byte (either case, memchr2) and each place found compared in full.
/// Searching the original so is twice as fast as lowercasing it step by step first, and takes
/// a third longer than memmem over a lowercased copy did (aho-corasick ignoring case: 1.7
/// times as long; docs/performance.md).
#[derive(Debug)]
struct AsciiPattern {
    lower: Box<[u8]>,
    /// The offset in the pattern of the byte searched for.
    rare: usize,
}

impl AsciiPattern {
    fn new(lower: &str) -> AsciiPattern {
        let bytes = lower.as_bytes();
        let rare = (0..bytes.len()).min_by_key(|&i| english_rank(bytes[i])).unwrap_or(0);
        AsciiPattern { lower: bytes.into(), rare }
    }

    /// Non-overlapping occurrences in `text`, leftmost first, at most `cap`.
    fn count(&self, text: &[u8], cap: usize) -> usize {
        let (len, rare) = (self.lower.len(), self.rare);
        let (a, b) = (self.lower[rare], self.lower[rare].to_ascii_uppercase());
        let (mut count, mut from) = (0, rare);
        while from < text.len() {
            let Some(found) = memchr::memchr2(a, b, &text[from..]) else { break };
            let start = from + found - rare;
            match text.get(start..start + len) {
                Some(window) if window.eq_ignore_ascii_case(&self.lower) => {
                    count += 1;
                    if count == cap {
                        break;
                    }
                    from = start + len + rare;
                }
                Some(_) => from = from + found + 1,
                None => break,
            }
        }
        count
    }
}

/// How common a (lowercase) byte is in English text, rarest lowest: punctuation and digits
/// first (one case to look for, and rare), then letters from `z` to `e`.
fn english_rank(b: u8) -> u8 {
    const LETTERS: &[u8] = b"zqxjkvbpygfwmucldrhsnioate";
    match LETTERS.iter().position(|&l| l == b) {
        Some(i) => 10 + i as u8,
        None if b == b' ' => 40,
        None => 0,
    }
}

impl BodyPattern {
    pub fn finder(&self) -> &Finder<'static> {
        &self.finder
    }

    /// `folded`: the pattern folded (as queries hold it), not empty.
    pub fn new(folded: &str) -> BodyPattern {
        let ascii = (folded.is_ascii() && !folded.is_empty()).then(|| AsciiPattern::new(folded));
        BodyPattern { finder: Finder::new(folded.as_bytes()).into_owned(), len: folded.len(), ascii }
    }
}

/// Where a body test reads a document's folded body.
#[derive(Debug, Clone, Copy)]
pub enum Body<'a> {
    /// The folded text itself.
    Folded(&'a str),
    /// The original text, folded as it is read; `ascii`: whether it is ASCII.
    Original { text: &'a str, ascii: bool },
}

impl<'a> Body<'a> {
    /// An original text, folded as it is read.
    #[cfg(test)]
    pub fn original(text: &'a str) -> Body<'a> {
        Body::Original { text, ascii: text.is_ascii() }
    }

    /// Non-overlapping occurrences of `pattern` in the folded body, at most `cap`: what
    /// memmem counts over the folded text.
    pub fn count(&self, pattern: &BodyPattern, cap: usize) -> usize {
        match *self {
            Body::Folded(text) => pattern.finder.find_iter(text.as_bytes()).take(cap).count(),
            Body::Original { text, ascii: true } if pattern.len > 0 => match &pattern.ascii {
                Some(ascii) => ascii.count(text.as_bytes(), cap),
                // A pattern with other characters than ASCII ones cannot occur in ASCII text
                // lowercased.
                None => 0,
            },
            Body::Original { text, .. } if pattern.len > 0 => count_folding(text, pattern, cap),
            // An empty pattern occurs at every position, as memmem counts it.
            Body::Original { .. } => self.with_folded(|text| Body::Folded(text).count(pattern, cap)),
        }
    }

    /// Whether `pattern` (folded) occurs in the folded body as `anchor` says: for a start or an
    /// end, only as much of an original is folded as decides it.
    pub fn anchored(&self, anchor: Anchor, pattern: &str) -> bool {
        let Body::Original { text, .. } = *self else {
            return self.with_folded(|folded| anchored_in(folded, anchor, pattern));
        };
        // Terms hold no whitespace, so ends trimmed of whitespace hold the whole pattern once
        // as many folded bytes as it has are not whitespace.
        let decided = |folded: &str, trim: fn(&str) -> &str| trim(folded).len() >= pattern.len();
        match anchor {
            _ if pattern.chars().any(char::is_whitespace) => {}
            Anchor::Start => {
                return FOLDED.with_borrow_mut(|folded| {
                    folded.clear();
                    let (mut rest, mut step) = (text, pattern.len() + 16);
                    while !rest.is_empty() && !decided(folded, str::trim_start) {
                        let (part, after) = rest.split_at(step_end(rest, step));
                        fold_append(part, folded);
                        rest = after;
                        step *= 2;
                    }
                    folded.trim_start().starts_with(pattern)
                });
            }
            Anchor::End => {
                return FOLDED.with_borrow_mut(|folded| {
                    // Folded from further back each time: a suffix folds to the folded text's.
                    let mut want = pattern.len() + 16;
                    loop {
                        let mut start = text.len().saturating_sub(want);
                        while !text.is_char_boundary(start) {
                            start -= 1;
                        }
                        folded.clear();
                        fold_append(&text[start..], folded);
                        if start == 0 || decided(folded, str::trim_end) {
                            return folded.trim_end().ends_with(pattern);
                        }
                        want *= 2;
                    }
                });
            }
            _ => {}
        }
        self.with_folded(|folded| anchored_in(folded, anchor, pattern))
    }

    /// Calls `f` with the whole folded body.
    pub fn with_folded<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        match *self {
            Body::Folded(text) => f(text),
            Body::Original { text, .. } => FOLDED.with_borrow_mut(|buffer| {
                buffer.clear();
                fold_append(text, buffer);
                f(buffer)
            }),
        }
    }
}

thread_local! {
    /// The folded text of the body being read, reused from body to body.
    static FOLDED: RefCell<String> = const { RefCell::new(String::new()) };
}

/// [`Body::count`] of a non-empty pattern in an original folded [`FOLD_STEP`] bytes at a time. Folding is character
/// by character, so the folded steps laid end to end are the folded text, and searching again
/// from `len - 1` bytes before the end of what is folded finds every occurrence that straddles
/// two steps, leftmost first, as one search of the whole would.
fn count_folding(original: &str, pattern: &BodyPattern, cap: usize) -> usize {
    FOLDED.with_borrow_mut(|folded| {
        folded.clear();
        let (mut rest, mut from, mut count) = (original, 0, 0);
        loop {
            let (step, after) = rest.split_at(step_end(rest, FOLD_STEP));
            fold_append(step, folded);
            rest = after;
            while let Some(at) = pattern.finder.find(&folded.as_bytes()[from..]) {
                count += 1;
                if count == cap {
                    return count;
                }
                from += at + pattern.len;
            }
            if rest.is_empty() {
                return count;
            }
            from = from.max((folded.len() + 1).saturating_sub(pattern.len));
        }
    })
}

/// Where a step of `rest` to fold ends: `step` bytes on, or the next character boundary after.
fn step_end(rest: &str, step: usize) -> usize {
    let mut cut = step.min(rest.len());
    while !rest.is_char_boundary(cut) {
        cut += 1;
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::FoldedText;
    use proptest::prelude::*;

    fn by_folding(original: &str, pattern: &str, cap: usize) -> usize {
        let folded = FoldedText::new(original);
        memchr::memmem::find_iter(folded.text.as_bytes(), pattern.as_bytes()).take(cap).count()
    }

    #[test]
    fn an_original_counts_what_its_folded_copy_counts() {
        let long = "Le président Erdoğan. ".repeat(200) + "ŒUVRE erdogan";
        let cases = [
            ("Erdogan met ERDOGAN and erdogan", "erdogan"),
            ("Le président Erdoğan a dit", "erdogan"),
            ("Le président Erdoğan a dit", "president"),
            ("aaaa", "aa"),
            ("Straße", "ss"),
            ("Путин и Асад", "путин"),
            ("ascii only", "путин"),
            (long.as_str(), "erdogan"),
            (long.as_str(), "oeuvre"),
            (long.as_str(), "e"),
        ];
        for (original, pattern) in cases {
            let p = BodyPattern::new(pattern);
            for cap in [1, 8, usize::MAX] {
                let want = by_folding(original, pattern, cap);
                assert_eq!(Body::original(original).count(&p, cap), want, "{original:.40?} {pattern} {cap}");
                let folded = FoldedText::new(original);
                assert_eq!(Body::Folded(&folded.text).count(&p, cap), want);
                // Folding step by step, as any text may be read.
                let folding = Body::Original { text: original, ascii: false };
                assert_eq!(folding.count(&p, cap), want, "{original:.40?} {pattern} {cap}, folded");
            }
        }
        assert_eq!(Body::original(&long).count(&BodyPattern::new("erdogan"), usize::MAX), 201);
    }

    #[test]
    fn an_occurrence_across_two_folding_steps_is_found_once() {
        for at in FOLD_STEP - 8..FOLD_STEP + 8 {
            // Non-ASCII, so that it is folded step by step; the word straddles the step's end.
            let original = format!("é{}ErdoĞan{}", "x".repeat(at), "y".repeat(FOLD_STEP));
            let p = BodyPattern::new("erdogan");
            assert_eq!(Body::original(&original).count(&p, 8), 1, "at {at}");
            assert_eq!(
                Body::original(&original).with_folded(|f| f.len()),
                FoldedText::new(&original).text.len()
            );
        }
    }

    #[test]
    fn an_anchored_pattern_is_decided_as_on_the_folded_copy() {
        let long = format!("  Rebel ÉTÉ {} fin ŒUVRE. \n", "x é ".repeat(3 * FOLD_STEP));
        let cases = [
            (long.as_str(), "rebel"),
            (long.as_str(), "rebe"),
            (long.as_str(), "oeuvre."),
            (long.as_str(), "fin oeuvre."),
            (long.as_str(), "x"),
            ("  été  ", "ete"),
            ("e\u{301}te\u{301}", "ete"),
            ("", "a"),
            ("é", "e"),
        ];
        for (text, pattern) in cases {
            for anchor in [Anchor::Start, Anchor::End, Anchor::Whole, Anchor::Anywhere] {
                let want = anchored_in(&FoldedText::new(text).text, anchor, pattern);
                for body in [Body::original(text), Body::Original { text, ascii: false }] {
                    assert_eq!(body.anchored(anchor, pattern), want, "{text:.30?} {pattern} {anchor:?}");
                }
            }
        }
    }

    proptest! {
        #[test]
        fn any_original_counts_as_its_folded_copy(
            original in prop_oneof!["[a-eA-Eéœ\u{301}ß -]{0,40}", "[a-eA-E -]{0,40}"],
            pattern in "[a-eé s-]{1,3}",
            cap in 1usize..10,
        ) {
            let pattern = crate::text::fold(&pattern);
            prop_assume!(!pattern.is_empty());
            let p = BodyPattern::new(&pattern);
            let want = by_folding(&original, &pattern, cap);
            prop_assert_eq!(Body::original(&original).count(&p, cap), want);
            prop_assert_eq!(Body::Original { text: &original, ascii: false }.count(&p, cap), want);
            for anchor in [Anchor::Start, Anchor::End, Anchor::Whole] {
                let want = anchored_in(&FoldedText::new(&original).text, anchor, &pattern);
                prop_assert_eq!(Body::original(&original).anchored(anchor, &pattern), want);
            }
        }
    }
}
