//! Case- and accent-folding with a map back to the original text.
//!
//! fuzzy-matcher folds ASCII case only, so every comparison in dossier runs on folded copies
//! (lowercase, diacritics removed, ligatures expanded) and match positions are mapped back to
//! the original bytes for highlighting. The map is kept per folded byte so that a range in the
//! folded text converts to a range in the original in O(1).

use std::ops::Range;
use unicode_normalization::char::decompose_canonical;

/// A folded copy of a text and, for each folded byte, the byte offset of the original character
/// it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    pub text: String,
    /// `map[i]` is the original byte offset of the character that produced folded byte `i`;
    /// `map[text.len()]` is the original length, so ranges ending at the end convert too.
    map: Vec<u32>,
}

impl Folded {
    /// Folds `original`, remembering where every folded byte came from.
    pub fn new(original: &str) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len() + 1);
        for (offset, c) in original.char_indices() {
            let before = text.len();
            fold_char_into(c, &mut text);
            map.extend(std::iter::repeat_n(offset as u32, text.len() - before));
        }
        map.push(original.len() as u32);
        Folded { text, map }
    }

    /// The original byte offset of folded byte `i` (clamped to the end).
    pub fn original_offset(&self, i: usize) -> usize {
        self.map[i.min(self.map.len() - 1)] as usize
    }

    /// Converts a byte range of the folded text to the byte range of the original text that
    /// produced it. The end is moved to the next original character boundary, so a folded range
    /// that covers part of an expansion (œ → oe) still covers the whole original character.
    pub fn original_range(&self, folded: Range<usize>) -> Range<usize> {
        let start = self.original_offset(folded.start);
        let end_index = folded.end.min(self.map.len() - 1);
        // The end is the offset of the first folded byte after the range that belongs to a
        // different original character than the last byte inside it.
        let mut end = self.map[end_index] as usize;
        if end_index > 0 && end_index < self.map.len() - 1 {
            let last_inside = self.map[end_index - 1];
            let mut j = end_index;
            while j < self.map.len() - 1 && self.map[j] == last_inside {
                j += 1;
            }
            end = self.map[j] as usize;
        }
        start..end.max(start)
    }

    /// Converts a folded char index (as fuzzy-matcher reports positions) to a folded byte range.
    pub fn char_to_byte_ranges(&self, char_indices: &[usize]) -> Vec<Range<usize>> {
        char_positions_to_byte_ranges(&self.text, char_indices)
    }
}

/// Every occurrence of `needle` in `haystack`, ignoring case and accents on both sides, as byte
/// ranges of the original `haystack` (non-overlapping, in order).
pub fn find_folded(haystack: &str, needle: &str) -> Vec<Range<usize>> {
    let needle = fold(needle);
    if needle.is_empty() {
        return Vec::new();
    }
    let folded = Folded::new(haystack);
    memchr::memmem::find_iter(folded.text.as_bytes(), needle.as_bytes())
        .map(|at| folded.original_range(at..at + needle.len()))
        .fold(Vec::new(), |mut out: Vec<Range<usize>>, r| {
            if out.last().is_none_or(|last| last.end <= r.start) {
                out.push(r);
            }
            out
        })
}

/// Folds a text without keeping the map (for queries and index keys).
pub fn fold(original: &str) -> String {
    let mut out = String::with_capacity(original.len());
    fold_append(original, &mut out);
    out
}

/// Appends `original` folded (what [`fold`] makes of it) to `out`, without allocating when
/// `out` has room: runs of ASCII, which fold byte for byte, are copied and lowercased in bulk.
pub fn fold_append(original: &str, out: &mut String) {
    let mut rest = original;
    loop {
        let run = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        let before = out.len();
        out.push_str(&rest[..run]);
        out[before..].make_ascii_lowercase();
        rest = &rest[run..];
        let Some(c) = rest.chars().next() else { return };
        fold_char_into(c, out);
        rest = &rest[c.len_utf8()..];
    }
}

/// Appends the folded form of one character: lowercase, without combining marks, with the
/// ligatures and letters that do not decompose spelled out the way French and English readers
/// type them.
pub fn fold_char_into(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        'ß' | 'ẞ' => out.push_str("ss"),
        'ı' => out.push('i'),
        'ł' | 'Ł' => out.push('l'),
        'ø' | 'Ø' => out.push('o'),
        'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
        'þ' | 'Þ' => out.push_str("th"),
        // Typographic apostrophes and dashes are typed as their ASCII forms.
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' => out.push('\''),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' => out.push('-'),
        '\u{00A0}' | '\u{202F}' | '\u{2009}' => out.push(' '),
        _ => {
            let mut pushed = false;
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    for l in d.to_lowercase() {
                        out.push(l);
                    }
                    pushed = true;
                }
            });
            if !pushed && !is_combining_mark(c) {
                out.push(c);
            }
        }
    }
}

/// Combining diacritical marks (the blocks NFD produces for Latin, Greek and Cyrillic letters).
fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Converts char positions of `text` to merged byte ranges.
pub fn char_positions_to_byte_ranges(text: &str, char_indices: &[usize]) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::with_capacity(char_indices.len());
    if char_indices.is_empty() {
        return ranges;
    }
    let mut wanted = char_indices.iter().copied().peekable();
    for (ci, (bi, c)) in text.char_indices().enumerate() {
        let Some(&next) = wanted.peek() else { break };
        if ci < next {
            continue;
        }
        wanted.next();
        let r = bi..bi + c.len_utf8();
        match ranges.last_mut() {
            Some(last) if last.end == r.start => last.end = r.end,
            _ => ranges.push(r),
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_ligatures() {
        assert_eq!(fold("Erdoğan"), "erdogan");
        assert_eq!(fold("Œuvre ÉTÉ"), "oeuvre ete");
        assert_eq!(fold("Путин"), "путин");
        assert_eq!(fold("l’ONU"), "l'onu");
        assert_eq!(fold("Straße"), "strasse");
    }

    #[test]
    fn maps_folded_ranges_back_to_original_bytes() {
        let original = "Le président Erdoğan";
        let f = Folded::new(original);
        let at = f.text.find("erdogan").unwrap();
        let r = f.original_range(at..at + "erdogan".len());
        assert_eq!(&original[r], "Erdoğan");
        let at = f.text.find("presi").unwrap();
        assert_eq!(&original[f.original_range(at..at + 5)], "prési");
    }

    #[test]
    fn a_range_inside_an_expansion_covers_the_whole_character() {
        let original = "cœur";
        let f = Folded::new(original);
        assert_eq!(f.text, "coeur");
        // "o" alone is half of "œ": highlight the whole ligature.
        assert_eq!(&original[f.original_range(1..2)], "œ");
        assert_eq!(&original[f.original_range(0..5)], "cœur");
    }

    #[test]
    fn finds_every_folded_occurrence_in_the_original() {
        let text = "Erdoğan, ERDOGAN et erdogan; Œuvre";
        let found: Vec<&str> = find_folded(text, "erdogan").into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["Erdoğan", "ERDOGAN", "erdogan"]);
        assert_eq!(find_folded(text, "oeuvre").into_iter().map(|r| &text[r]).collect::<Vec<_>>(), ["Œuvre"]);
        assert!(find_folded(text, "").is_empty());
        assert_eq!(find_folded("aaaa", "aa").len(), 2, "non-overlapping");
    }

    #[test]
    fn char_positions_become_merged_byte_ranges() {
        let t = "aéb c";
        assert_eq!(char_positions_to_byte_ranges(t, &[0, 1, 2, 4]), vec![0..4, 5..6]);
        assert!(char_positions_to_byte_ranges(t, &[]).is_empty());
    }
}
