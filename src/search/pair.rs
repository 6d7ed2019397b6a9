//! Two-character patterns, scored without a Skim call.
//!
//! The second key typed is the slow one: nearly every title holds its two letters close
//! together, so neither the character mask nor `may_be_compact` rejects much (about 79k of 100k
//! titles pass for `er`), and a SkimMatcherV2 call costs about a microsecond, most of it
//! allocation (a fresh matcher per call, see `fuzzy::skim`). Here SkimMatcherV2's own dynamic
//! program is followed step by step for a two-row pattern, with no allocation: same score,
//! same alignment, including its tie-breaking (a match is preferred over a skip on equal
//! scores, and the last of equal best end columns wins). The property tests below compare it
//! with the crate on random texts; fuzzy-matcher stays the reference.
//!
//! fuzzy-matcher 0.3.7 with its default `SkimScoreConfig`: match 16, gap start -3, gap
//! extension -1, head bonus 8, break bonus 7, camel bonus 6, consecutive bonus 4, the first
//! character's bonus doubled.

use super::fuzzy::{is_word_char, next_word_start};

const SCORE_MATCH: i32 = 16;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
const BONUS_CONSECUTIVE: i32 = 4;
/// Skim's "minus infinity"; cells derived from it stay far below any real alignment for texts
/// of the length handled here.
const NEG: i32 = i16::MIN as i32;
/// Longer texts go to Skim (whose arithmetic near `NEG` this does not try to mirror).
pub const MAX_CHARS: usize = 4096;

/// Skim's character types, as far as its bonuses tell them apart.
#[derive(Clone, Copy, PartialEq)]
pub enum Type {
    /// The start of the text (Skim's `'\0'`); it heads a word like a hard separator.
    Start,
    HardSep,
    SoftSep,
    Number,
    Upper,
    Lower,
}

fn type_of(c: char) -> Type {
    match c {
        '\0' => Type::Start,
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => Type::HardSep,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => Type::SoftSep,
        '0'..='9' => Type::Number,
        'A'..='Z' => Type::Upper,
        _ => Type::Lower,
    }
}

/// Skim's in-place bonus for a character of type `c` after one of type `prev`.
#[inline]
fn in_place_bonus(prev: Type, c: Type) -> i32 {
    match (prev, c) {
        (Type::Start | Type::HardSep, _) => 8,
        (Type::SoftSep, _) => 7,
        (Type::Lower | Type::Number, Type::Upper) => 6,
        _ => 0,
    }
}

/// A character of the text: bytes for ASCII text (char and byte indices agree), else chars.
pub trait Glyph: Copy + PartialEq {
    fn ch(self) -> char;
    fn skim_type(self) -> Type;
    /// The indices of `text` holding `a` or `b`, ascending.
    fn occurrences(text: &[Self], a: Self, b: Self) -> impl Iterator<Item = usize> + '_;
}

/// Skim's types of the ASCII characters, looked up rather than matched in the hot loop.
const ASCII_TYPES: [Type; 128] = {
    let mut types = [Type::Lower; 128];
    let mut c = 0;
    while c < 128 {
        types[c] = match c as u8 {
            0 => Type::Start,
            b' ' | b'/' | b'\\' | b'|' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Type::HardSep,
            b'!'..=b'\'' | b'*'..=b'.' | b':'..=b'@' | b'^'..=b'`' | b'~' => Type::SoftSep,
            b'0'..=b'9' => Type::Number,
            b'A'..=b'Z' => Type::Upper,
            _ => Type::Lower,
        };
        c += 1;
    }
    types
};

impl Glyph for u8 {
    fn ch(self) -> char {
        char::from(self)
    }
    #[inline]
    fn skim_type(self) -> Type {
        ASCII_TYPES[usize::from(self & 0x7f)]
    }
    fn occurrences(text: &[u8], a: u8, b: u8) -> impl Iterator<Item = usize> + '_ {
        memchr::memchr2_iter(a, b, text)
    }
}

impl Glyph for char {
    fn ch(self) -> char {
        self
    }
    fn skim_type(self) -> Type {
        type_of(self)
    }
    fn occurrences(text: &[char], a: char, b: char) -> impl Iterator<Item = usize> + '_ {
        text.iter().enumerate().filter(move |&(_, &c)| c == a || c == b).map(|(i, _)| i)
    }
}

/// SkimMatcherV2's (case-respecting) best alignment of the pattern `a b` in `text`: its score
/// and the char indices of `a` and `b`. `None` when `text` is too long to be handled here
/// (`Some(None)`: no match).
///
/// One left-to-right pass: Skim's row 2 at column `j` reads row 1 at column `j - 1` only, so
/// both rows advance together, and instead of backtracking through stored moves each gap in
/// row 1 carries the column it opened from.
#[allow(clippy::option_option)]
pub fn skim_pair<G: Glyph>(text: &[G], a: G, b: G) -> Option<Option<(i64, [usize; 2])>> {
    if text.len() > MAX_CHARS {
        return None;
    }
    // Skim's cheap_matches: the first `a`, then the first `b` after it.
    let Some(fa) = text.iter().position(|&c| c == a) else { return Some(None) };
    let Some(fb) = text[fa + 1..].iter().position(|&c| c == b).map(|k| fa + 1 + k) else {
        return Some(None);
    };
    // Columns are 1-based: column j is text[j - 1]. Row 0 has m = NEG and p = gap extension
    // everywhere; row 1's column fa is reset (NEG, NEG). Only columns holding `a` or `b` can
    // change anything: between them row 1 has m = NEG and its p just decays by the gap
    // extension, so the pass jumps from one such column to the next.
    let mut row1: Option<Row1> = None;
    let mut best: Option<(i32, usize, usize)> = None;
    for pos in G::occurrences(&text[fa..], a, b).map(|k| fa + k) {
        let j = pos + 1;
        let c = text[pos];
        let prev = if pos == 0 { Type::Start } else { text[pos - 1].skim_type() };
        let bonus = in_place_bonus(prev, c.skim_type()) * if j == 1 { 2 } else { 1 };
        // Row 1 at column j - 1.
        let before = match row1 {
            None => Row1 { column: j - 1, m: NEG, p: NEG, gap_from: 0 },
            Some(r) if r.column == j - 1 => r,
            Some(r) => {
                // Column r.column + 1 follows the recurrence; the columns after it up to
                // j - 1 (no `a`: m = NEG) extend the gap.
                let next = r.step(NEG);
                Row1 { column: j - 1, m: NEG, p: next.p - (j - 1 - next.column) as i32, ..next }
            }
        };
        // Row 2 (pattern char `b`), computed from column fb + 1.
        if j > fb && c == b {
            let score_match = before.m + bonus.max(BONUS_CONSECUTIVE);
            let score_skip = before.p + bonus;
            let score = score_match.max(score_skip) + SCORE_MATCH;
            // Skim takes the last of equal best end columns (`max_by_key`).
            if best.is_none_or(|(s, _, _)| score >= s) {
                // A match move: `a` right before; a skip: `a` where row 1's gap opened.
                let a_at = if score_match >= score_skip { j - 2 } else { before.gap_from.saturating_sub(1) };
                best = Some((score, a_at, j - 1));
            }
        }
        // Row 1 at column j: from row 0, a match move scores NEG, so the skip wins.
        let m = if c == a {
            (NEG + bonus.max(BONUS_CONSECUTIVE)).max(GAP_EXTENSION + bonus) + SCORE_MATCH
        } else {
            NEG
        };
        row1 = Some(before.step(m));
    }
    // Skim's best also ranges over the last row's non-matching cells (NEG): a text with `b`
    // after `a` always has a real cell above them.
    Some(best.map(|(score, x, y)| (i64::from(score), [x, y])))
}

/// Row 1 (the pattern's first character) of Skim's matrix at one column.
#[derive(Clone, Copy)]
struct Row1 {
    column: usize,
    m: i32,
    p: i32,
    /// The column whose match opened the gap that `p` extends.
    gap_from: usize,
}

impl Row1 {
    /// Row 1 at the next column, whose m is `m`: Skim's P recurrence (a gap opened from this
    /// column's match wins ties).
    fn step(self, m: i32) -> Row1 {
        let from_match = GAP_START + GAP_EXTENSION + self.m;
        let from_skip = GAP_EXTENSION + self.p;
        let (p, gap_from) =
            if from_match >= from_skip { (from_match, self.column) } else { (from_skip, self.gap_from) };
        Row1 { column: self.column + 1, m, p, gap_from }
    }
}

/// [`super::fuzzy::fuzzy_compact`] for the two-character pattern `a b`, by [`skim_pair`]:
/// the same retries from later word starts, the same result. `None` for texts it leaves to
/// Skim (over [`MAX_CHARS`] characters).
#[allow(clippy::option_option)]
pub fn pair_compact<G: Glyph>(text: &str, glyphs: &[G], a: G, b: G) -> Option<Option<i64>> {
    let mut from = 0;
    for _ in 0..=super::fuzzy::RETRIES {
        let Some((score, [x, y])) = skim_pair(&glyphs[from..], a, b)? else { return Some(None) };
        let indices = [x + from, y + from];
        if is_compact_pair(glyphs, indices) {
            return Some(Some(score));
        }
        match next_word_start(text, indices[0]) {
            Some((next_char, _)) => from = next_char,
            None => return Some(None),
        }
    }
    Some(None)
}

/// `fuzzy::is_compact` for two indices `x < y`, without collecting the text's characters.
fn is_compact_pair<G: Glyph>(glyphs: &[G], [x, y]: [usize; 2]) -> bool {
    let word = |i: usize| is_word_char(glyphs[i].ch());
    let starts_word = |i: usize| word(i) && (i == 0 || !word(i - 1));
    let starts_between = (x + 1..y).filter(|&i| starts_word(i)).count();
    let gap = y - x - 1;
    let step = gap == 0 || (gap <= 2 && (x..=y).all(word)) || (starts_word(y) && starts_between <= 1);
    let words = 1 + starts_between + usize::from(starts_word(y));
    step && (words == 1 || starts_word(x)) && words <= 3
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fuzzy::{fuzzy_compact, skim};
    use proptest::prelude::*;

    fn pair(text: &str, p: &str) -> Option<(i64, Vec<usize>)> {
        let chars: Vec<char> = text.chars().collect();
        let mut pc = p.chars();
        let (a, b) = (pc.next().unwrap(), pc.next().unwrap());
        skim_pair(&chars, a, b).unwrap().map(|(s, i)| (s, i.to_vec()))
    }

    #[test]
    fn agrees_with_skim_on_titles() {
        for text in [
            "erdogan menace la syrie",
            "le president erdogan, a ankara",
            "--  ee eee-e",
            "a x y b zzab",
            "rebels in aleppo attack putin cautious in syrias aleppo",
            "ErDoGan",
            "e",
            "",
            "ee",
        ] {
            for p in ["er", "ee", "ab", "ap", "sy", "Er", "an", "xx"] {
                assert_eq!(pair(text, p), skim(text, p), "{p} in {text:?}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn agrees_with_skim(text in "[abAB0 ./:(é-]{0,40}", p in "[abAB0.]{2}") {
            prop_assert_eq!(pair(&text, &p), skim(&text, &p));
        }

        #[test]
        fn pair_rule_is_the_rule(text in "[ab .-]{2,30}", x in 0usize..30, d in 1usize..30) {
            let chars: Vec<char> = text.chars().collect();
            // Any x < y within the text.
            let x = x % (chars.len() - 1);
            let y = x + 1 + d % (chars.len() - 1 - x);
            prop_assert_eq!(is_compact_pair(&chars, [x, y]), crate::search::fuzzy::is_compact(&text, &[x, y]));
            prop_assert_eq!(is_compact_pair(text.as_bytes(), [x, y]), crate::search::fuzzy::is_compact(&text, &[x, y]));
        }

        #[test]
        fn compact_agrees_with_fuzzy_compact(text in "[ab .-]{0,40}", p in "[ab]{2}") {
            let chars: Vec<char> = text.chars().collect();
            let mut pc = p.chars();
            let (a, b) = (pc.next().unwrap(), pc.next().unwrap());
            let fast = pair_compact(&text, &chars, a, b).unwrap();
            prop_assert_eq!(fast, fuzzy_compact(&text, &p).map(|(s, _)| s));
        }
    }
}
