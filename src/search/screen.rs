//! Fast paths for ranking: most titles cannot hold a compact match of a typed term, and
//! telling so costs a few bit operations where a Skim call costs about a microsecond.
//!
//! Scores stay Skim's: a one-letter pattern is scored in closed form and a two-letter one by
//! Skim's own dynamic program without its allocations (both checked against Skim by property
//! tests), and longer patterns go to Skim only when [`may_be_compact`] lets them.

use super::fuzzy::{fuzzy_compact, is_word_char};
use super::pair::pair_compact;

/// A folded fuzzy pattern with what speeds up screening it.
#[derive(Debug, Clone)]
pub struct FuzzyPattern {
    pub text: String,
    pub chars: Vec<char>,
    /// For each ASCII character, the pattern positions holding it (patterns over 16 chars are
    /// not screened).
    ascii: [u16; 128],
}

impl FuzzyPattern {
    pub fn new(text: &str) -> FuzzyPattern {
        let chars: Vec<char> = text.chars().collect();
        let mut ascii = [0u16; 128];
        for (k, &c) in chars.iter().enumerate().take(16) {
            if c.is_ascii() {
                ascii[c as usize] |= 1 << k;
            }
        }
        FuzzyPattern { text: text.to_string(), chars, ascii }
    }

    fn positions_of(&self, c: char) -> u16 {
        if c.is_ascii() {
            return self.ascii[c as usize];
        }
        let mut m = 0;
        for (k, &p) in self.chars.iter().enumerate().take(16) {
            m |= u16::from(p == c) << k;
        }
        m
    }
}

/// Which of a text's first 128 characters are word characters (and so which start a word: a
/// word character after none), computed once per title at build time for [`may_be_compact`].
///
/// 24 bytes, one per title: the word starts are not kept but derived, and the 128 bits are
/// two `u64` (a `u128` is aligned to 16 bytes, and made this 48).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WordMasks {
    /// Low half first.
    word: [u64; 2],
    /// The text has at most 128 characters (else it is not screened).
    fits: bool,
    /// The text is ASCII: screened byte by byte.
    ascii: bool,
}

impl WordMasks {
    pub fn new(text: &str) -> WordMasks {
        if text.is_ascii() { WordMasks::of_ascii(text.as_bytes()) } else { WordMasks::of_chars(text) }
    }

    fn of_chars(text: &str) -> WordMasks {
        let mut word = 0u128;
        let mut fits = true;
        for (i, c) in text.chars().enumerate() {
            if i == 128 {
                fits = false;
                break;
            }
            word |= u128::from(is_word_char(c)) << i;
        }
        WordMasks::of(word, fits, text.is_ascii())
    }

    fn of(word: u128, fits: bool, ascii: bool) -> WordMasks {
        WordMasks { word: [word as u64, (word >> 64) as u64], fits, ascii }
    }

    /// Bit `i`: the text's character `i` is a word character.
    fn word(&self) -> u128 {
        u128::from(self.word[0]) | u128::from(self.word[1]) << 64
    }

    /// Bit `i`: the text's character `i` starts a word.
    fn start(&self) -> u128 {
        let word = self.word();
        word & !(word << 1)
    }

    /// [`WordMasks::new`] of ASCII text, byte by byte: word starts are word characters
    /// after none, all at once.
    fn of_ascii(bytes: &[u8]) -> WordMasks {
        let fits = bytes.len() <= 128;
        // In two 64-bit halves: a variable shift of a u128 costs several instructions a byte
        // (callgrind: 1460 instructions a title, 3.7% of a headless search over the 100k CSV).
        let half = |part: &[u8]| {
            part.iter()
                .enumerate()
                .fold(0u64, |word, (i, b)| word | u64::from(b.is_ascii_alphanumeric()) << i)
        };
        let bytes = &bytes[..bytes.len().min(128)];
        let (low, high) = bytes.split_at(bytes.len().min(64));
        WordMasks { word: [half(low), half(high)], fits, ascii: true }
    }
}

/// The score of `fuzzy_compact` without the indices, faster: a one-character pattern is
/// scored in closed form (what Skim computes for it, checked by a test), and a longer one is
/// first screened by [`may_be_compact`] so that Skim runs only where a compact match can exist.
pub fn fuzzy_compact_score(text: &str, words: &WordMasks, pattern: &FuzzyPattern) -> Option<i64> {
    match pattern.chars.as_slice() {
        [] => Some(0),
        [c] => single_char_score(text, *c),
        // Two letters: the pass below costs about what `may_be_compact` would.
        &[a, b] => {
            pair_score(text, a, b).unwrap_or_else(|| fuzzy_compact(text, &pattern.text).map(|(s, _)| s))
        }
        _ if !may_be_compact(text, words, pattern) => None,
        _ => fuzzy_compact(text, &pattern.text).map(|(s, _)| s),
    }
}

/// `fuzzy_compact`'s score for the two-character pattern `a b` by [`pair_compact`] (`None`:
/// a text too long for it).
#[allow(clippy::option_option)]
fn pair_score(text: &str, a: char, b: char) -> Option<Option<i64>> {
    if text.is_ascii() {
        if !(a.is_ascii() && b.is_ascii()) {
            return Some(None);
        }
        return pair_compact(text, text.as_bytes(), a as u8, b as u8);
    }
    let chars: Vec<char> = text.chars().collect();
    pair_compact(text, &chars, a, b)
}

/// Skim's score for a one-character pattern: `score_match + gap_extension` plus the best
/// in-place bonus among the occurrences (head of word 8, after a soft separator 7; doubled at
/// the text's first character). One-character matches are always compact.
fn single_char_score(text: &str, p: char) -> Option<i64> {
    if p.is_ascii() && text.is_ascii() {
        return single_byte_score(text.as_bytes(), p as u8);
    }
    let mut prev = '\0';
    let mut best: Option<i64> = None;
    for (i, c) in text.chars().enumerate() {
        if c == p {
            let bonus = match prev {
                '\0' | ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => 8,
                '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => 7,
                _ => 0,
            } * if i == 0 { 2 } else { 1 };
            best = best.max(Some(15 + bonus));
            if bonus == 16 {
                break;
            }
        }
        prev = c;
    }
    best
}

/// [`single_char_score`] on ASCII text: only the occurrences are visited.
fn single_byte_score(text: &[u8], p: u8) -> Option<i64> {
    let mut best: Option<i64> = None;
    for i in memchr::memchr_iter(p, text) {
        let bonus = match if i == 0 { 0 } else { text[i - 1] } {
            0 | b' ' | b'/' | b'\\' | b'|' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => 8,
            b'!'..=b'\'' | b'*'..=b'.' | b':'..=b'@' | b'^'..=b'`' | b'~' => 7,
            _ => 0,
        } * if i == 0 { 2 } else { 1 };
        best = best.max(Some(15 + bonus));
        if bonus == 16 {
            break;
        }
    }
    best
}

/// A necessary condition for a compact match, by bit-parallel automaton over the text's
/// characters: can each pattern character follow the previous one by rule 1 of
/// `is_compact`, without entering another word when the first was matched mid-word (rule 3)? Texts over 128 characters and patterns over 16 are not screened (true).
pub fn may_be_compact(text: &str, words: &WordMasks, pattern: &FuzzyPattern) -> bool {
    let n = pattern.chars.len();
    if !words.fits || n > 16 {
        return true;
    }
    let mut eq = [0u128; 16];
    let mut mark = |i: usize, mut ks: u16| {
        while ks != 0 {
            eq[ks.trailing_zeros() as usize] |= 1 << i;
            ks &= ks - 1;
        }
    };
    if words.ascii {
        for (i, &b) in text.as_bytes().iter().enumerate() {
            mark(i, pattern.ascii[usize::from(b & 0x7f)]);
        }
    } else {
        for (i, c) in text.chars().enumerate() {
            mark(i, pattern.positions_of(c));
        }
    }
    let (word, start) = (words.word(), words.start());
    // Targets reachable by skipping 1 or 2 characters inside a word.
    let skip1 = word & (word << 1) & (word << 2);
    let skip2 = skip1 & (word << 3);
    let inside = |r: u128| (r << 1) | ((r << 2) & skip1) | ((r << 3) & skip2);
    // Rule 3: a match that enters another word must begin at a word start. Paths begun
    // mid-word (`mid`) may only take steps that start no word; paths begun at a word start
    // (`head`) may also jump to the next word starts.
    let mut mid = eq[0] & !start;
    let mut head = eq[0] & start;
    for &targets in &eq[1..n] {
        let mut next = inside(head);
        // The first or second word start after each reachable position.
        let mut r = head;
        while r != 0 {
            let p = r.trailing_zeros();
            r &= r - 1;
            let after = if p >= 127 { 0 } else { start & (u128::MAX << (p + 1)) };
            let first = after & after.wrapping_neg();
            let rest = after & !first;
            next |= first | (rest & rest.wrapping_neg());
        }
        mid = inside(mid) & targets & !start;
        head = next & targets;
        if mid | head == 0 {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fuzzy::skim;
    use crate::text::fold;

    #[test]
    fn screen_never_rejects_a_compact_match() {
        let titles = [
            "Erdoğan menace la Syrie",
            "Vladimir Putin à Damas, le 12 mars",
            "La Turquie avance vers le nord de la Syrie malgré les avertissements de Moscou",
            "a x y b zzab",
            "l'ONU: (rapport) sur Alep/Idleb",
        ];
        let patterns = ["erdgan", "vp", "lavrov", "ab", "onu", "rap", "alid", "12m", "sy", "vdm"];
        let long = "word ".repeat(30);
        // Words across the 64th byte, where the ASCII masks change halves.
        let (across, after) = (format!("{} wxyz", "x".repeat(62)), format!("{}-yz", "x".repeat(64)));
        let more = ["", "a-b  c", &long[..128], &long[..129], &across, &after];
        for t in titles.iter().copied().chain(more).chain(["x".repeat(200).as_str()]) {
            if t.is_ascii() {
                assert_eq!(WordMasks::of_ascii(t.as_bytes()), WordMasks::of_chars(t), "{t}");
            }
        }
        for t in titles {
            let t = fold(t);
            for p in patterns {
                let (fp, words) = (FuzzyPattern::new(p), WordMasks::new(&t));
                let full = fuzzy_compact(&t, p).map(|(s, _)| s);
                assert_eq!(fuzzy_compact_score(&t, &words, &fp), full, "{p} in {t}");
                if full.is_some() {
                    assert!(may_be_compact(&t, &words, &fp), "{p} in {t}");
                }
            }
        }
        let t = fold(titles[2]);
        assert!(!may_be_compact(&t, &WordMasks::new(&t), &FuzzyPattern::new("lavrov")));
        // "er" mid-word in "overrun", then "d" starting the next word: rule 3 rejects it.
        let t = "rebels overrun damascus";
        assert!(fuzzy_compact(t, "erd").is_none());
        assert!(!may_be_compact(t, &WordMasks::new(t), &FuzzyPattern::new("erd")));
        assert!(may_be_compact(t, &WordMasks::new(t), &FuzzyPattern::new("ovd")), "from a word start it may");
    }

    proptest::proptest! {
        #[test]
        fn one_char_score_is_skims(text in "[a-c ./:(0-9é-]{0,30}", p in "[a-c0-9.é]") {
            let p = p.chars().next().unwrap();
            let skim = skim(&text, &p.to_string()).map(|(s, _)| s);
            proptest::prop_assert_eq!(single_char_score(&text, p), skim);
        }

        #[test]
        fn two_char_score_is_fuzzy_compacts(text in "[abAB0 ./:(é-]{0,60}", p in "[abé.]{2}") {
            let (fp, words) = (FuzzyPattern::new(&p), WordMasks::new(&text));
            let full = fuzzy_compact(&text, &p).map(|(s, _)| s);
            proptest::prop_assert_eq!(fuzzy_compact_score(&text, &words, &fp), full);
        }

        #[test]
        fn word_masks_mark_word_characters_and_the_starts_of_words(text in "[aZé0 .-]{0,140}") {
            let words = WordMasks::new(&text);
            let mut previous = false;
            for (i, c) in text.chars().take(128).enumerate() {
                let word = is_word_char(c);
                proptest::prop_assert_eq!(words.word() >> i & 1 == 1, word, "{}", i);
                proptest::prop_assert_eq!(words.start() >> i & 1 == 1, word && !previous, "{}", i);
                previous = word;
            }
            let count = text.chars().count();
            proptest::prop_assert_eq!(words.fits, count <= 128);
            if count < 128 {
                proptest::prop_assert_eq!(words.word() >> count, 0, "no bit past the text");
            }
        }

        #[test]
        fn screen_agrees_with_the_rule(text in "[ab -]{0,40}", pattern in "[ab]{2,5}") {
            let (fp, words) = (FuzzyPattern::new(&pattern), WordMasks::new(&text));
            if fuzzy_compact(&text, &pattern).is_some() {
                proptest::prop_assert!(may_be_compact(&text, &words, &fp));
            }
        }
    }
}
