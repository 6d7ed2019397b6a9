//! Typo tolerance for `@actor` terms: an edit distance to the words of an alias.

use super::fuzzy::is_word_char;

/// Whether `term` is within a typo of `alias`: the optimal-string-alignment distance (adjacent
/// transpositions count one) to some word of the alias, or to a prefix of one, is at most 1
/// (2 for terms of 8 letters or more). Terms under 4 letters never fall back: too many hits.
#[cfg(test)]
pub fn typo_distance(alias: &str, term: &str) -> Option<usize> {
    typo_match(alias, term).map(|(distance, _)| distance)
}

/// Like [`typo_distance`], with whether only a prefix of a word came within reach: the pair
/// orders candidates, a whole word before a prefix at the same distance ("putni" is a typo of
/// "putin" before it is the start of "sputnik").
pub fn typo_match(alias: &str, term: &str) -> Option<(usize, bool)> {
    let term: Vec<char> = term.chars().collect();
    if term.len() < 4 {
        return None;
    }
    let limit = if term.len() >= 8 { 2 } else { 1 };
    alias
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .filter_map(|word| {
            let word: Vec<char> = word.chars().collect();
            // Whole word, or a prefix of about the term's length (typing is under way).
            let lo = term.len().saturating_sub(limit).max(1);
            let hi = (term.len() + limit).min(word.len());
            std::iter::once(word.len())
                .chain(lo..=hi)
                .filter(|&k| k <= word.len())
                .map(|k| (osa_distance(&word[..k], &term), k < word.len()))
                .min()
        })
        .min()
        .filter(|&(d, _)| d <= limit)
}

/// Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a substring).
pub fn osa_distance(a: &[char], b: &[char]) -> usize {
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            d[i * w + j] = if i == 0 || j == 0 {
                i + j
            } else {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut v =
                    (d[(i - 1) * w + j] + 1).min(d[i * w + j - 1] + 1).min(d[(i - 1) * w + j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(d[(i - 2) * w + j - 2] + 1);
                }
                v
            };
        }
    }
    d[a.len() * w + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos() {
        assert_eq!(typo_distance("recep tayyip erdogan", "erdgoan"), Some(1));
        assert_eq!(typo_distance("vladimir poutine", "poutni"), Some(1));
        assert_eq!(typo_distance("vladimir poutine", "poutn"), Some(1), "prefix");
        assert_eq!(typo_distance("bachar al-assad", "asssad"), Some(1));
        assert_eq!(typo_distance("recep tayyip erdogan", "erdgan"), Some(1));
        assert_eq!(typo_distance("hayat tahrir al-sham", "tahrri"), Some(1));
        assert_eq!(typo_distance("mohammed ben salmane", "salmnae"), Some(1));
        assert_eq!(typo_distance("jabhat fateh al-cham", "jabaht"), Some(1));
        assert_eq!(typo_distance("hezbollah", "hizbullah"), Some(2), "≥8 letters: 2");
        assert_eq!(typo_distance("recep tayyip erdogan", "ergdoan"), None);
        assert_eq!(typo_distance("iraq", "ira"), None, "too short to guess");
        assert_eq!(typo_match("vladimir putin", "putni"), Some((1, false)));
        assert_eq!(typo_match("sputnik", "putni"), Some((1, true)));
    }
}
