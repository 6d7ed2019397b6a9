//! Plain text and Markdown articles: one document per file, metadata read from the layout.
//!
//! Scraped articles carry their metadata as text. The heuristics, in order:
//! - a leading `date 2019-02` marker becomes the date and leaves the text;
//! - the first line is the title when it reads as a heading (short, not ending like a sentence
//!   or clause, followed by more text; any Markdown `#` heading); the body is then what follows;
//! - otherwise the title is the first sentence cut at a word (~100 columns) and the body is the
//!   whole text, so nothing is lost;
//! - a lone outlet line (1–3 capitalised words, no punctuation) among the first lines after the
//!   title becomes the source and leaves the body.

use crate::text::{cut_at_word, width};

use super::date::normalize_date;

/// Longest first line, in columns, that can be a heading.
const HEADING_MAX_WIDTH: usize = 150;
/// Titles made from a first sentence are cut to this many columns.
const SENTENCE_TITLE_WIDTH: usize = 100;
/// How many non-blank lines after the title may hold the outlet's name.
const SOURCE_SEARCH_LINES: usize = 4;
/// A first sentence is looked for in this many bytes, so a huge one-line file stays cheap.
const SENTENCE_SCAN_BYTES: usize = 1024;

/// The metadata and body of a text file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plain {
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
    pub body: String,
}

/// Reads title, date, source and body from an article's text (already decoded, LF newlines).
pub fn parse_plain(text: &str, markdown: bool) -> Plain {
    let (date, text) = take_date_marker(text);
    let text = text.trim_start();
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    if let Some((title, rest)) = heading(first, rest, markdown) {
        let (source, body) = take_source(rest);
        return Plain { title, date, source, body: trim_blank_lines(&body).to_string() };
    }
    let (source, rest) = take_source(rest);
    let body = if rest.is_empty() { first.to_string() } else { format!("{first}\n{rest}") };
    Plain { title: title_from_text(text), date, source, body: trim_blank_lines(&body).to_string() }
}

/// A title from a text's first sentence (within its first line), cut at a word.
pub fn title_from_text(text: &str) -> String {
    let text = text.trim_start();
    let line = text.split('\n').next().unwrap_or_default();
    let scan = &line[..floor_char_boundary(line, SENTENCE_SCAN_BYTES)];
    let sentence = match sentence_end(scan) {
        Some(end) => &scan[..end],
        None => scan,
    };
    cut_at_word(sentence.trim(), SENTENCE_TITLE_WIDTH)
}

/// `date 2019-02 ` at the very start (after whitespace): the date, and the text after it.
fn take_date_marker(text: &str) -> (Option<String>, &str) {
    let start = text.trim_start();
    let Some(after_word) = start.get(..4).filter(|w| w.eq_ignore_ascii_case("date")).map(|_| &start[4..])
    else {
        return (None, text);
    };
    let value = after_word.trim_start_matches([' ', '\t', ':']);
    if value.len() == after_word.len() {
        return (None, text);
    }
    let token_len = value.find(char::is_whitespace).unwrap_or(value.len());
    let token = &value[..token_len];
    let looks_like_date = token.starts_with(|c: char| c.is_ascii_digit())
        && token.chars().all(|c| c.is_ascii_digit() || c == '-' || c == '/');
    if !looks_like_date {
        return (None, text);
    }
    let rest = value[token_len..].trim_start_matches([' ', '\t']);
    (normalize_date(token), rest)
}

/// The first line as a title, and the text after it, when the line reads as a heading.
fn heading<'a>(first: &str, rest: &'a str, markdown: bool) -> Option<(String, &'a str)> {
    let line = first.trim();
    if markdown && line.starts_with('#') {
        let title = line.trim_start_matches('#').trim();
        if !title.is_empty() {
            return Some((cut_at_word(title, HEADING_MAX_WIDTH), rest));
        }
    }
    // A setext heading (`Title` over `=====`): the underline goes with the title.
    let rest = match rest.split_once('\n') {
        Some((underline, after)) if markdown && is_setext_underline(underline) => after,
        None if markdown && is_setext_underline(rest) => "",
        _ => rest,
    };
    let reads_as_heading = !rest.trim().is_empty()
        && line.len() <= HEADING_MAX_WIDTH * 4
        && width(line) <= HEADING_MAX_WIDTH
        && line.chars().any(char::is_alphabetic)
        && !line.ends_with(['.', ',', ';', ':', '…']);
    reads_as_heading.then(|| (line.to_string(), rest))
}

fn is_setext_underline(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty() && (line.chars().all(|c| c == '=') || line.chars().all(|c| c == '-'))
}

/// Finds an outlet line among the first non-blank lines of `text`; returns it and the text
/// without that line.
fn take_source(text: &str) -> (Option<String>, String) {
    let mut offset = 0;
    let mut seen = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if line.trim().is_empty() {
            continue;
        }
        if is_outlet_line(line) {
            let body = format!("{}{}", &text[..start], &text[offset..]);
            return (Some(line.trim().to_string()), body);
        }
        seen += 1;
        if seen == SOURCE_SEARCH_LINES {
            break;
        }
    }
    (None, text.to_string())
}

/// `Sputnik`, `Le Monde`, `France 24`: 1–3 words, the first capitalised, the others
/// capitalised or numbers, no sentence punctuation.
fn is_outlet_line(line: &str) -> bool {
    let line = line.trim();
    if line.len() > 60 || line.contains(['.', ',', ';', ':', '!', '?', '|', '«', '»', '"', '(']) {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    (1..=3).contains(&words.len())
        && capitalised(words[0])
        && words[1..].iter().all(|w| capitalised(w) || w.chars().all(|c| c.is_ascii_digit()))
}

/// The byte just past the first sentence's end mark, if the text has one.
fn sentence_end(text: &str) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let end = i + c.len_utf8();
        let at_break = chars.peek().is_none_or(|&(_, next)| next.is_whitespace());
        if at_break && !(c == '.' && is_abbreviation(&text[..i])) {
            return Some(end);
        }
    }
    None
}

/// Whether the word before a period is an abbreviation (`M.`, `Mme.`, `J.`), not a sentence end.
fn is_abbreviation(before: &str) -> bool {
    const ABBREVIATIONS: [&str; 9] = ["M", "MM", "Mme", "Mmes", "Mlle", "Dr", "Mr", "Mrs", "St"];
    let word = before.rsplit(char::is_whitespace).next().unwrap_or_default();
    let single_capital = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    single_capital || ABBREVIATIONS.contains(&word)
}

/// Drops leading blank lines (keeping the first line's indentation) and trailing whitespace.
fn trim_blank_lines(text: &str) -> &str {
    let Some(first) = text.find(|c: char| !c.is_whitespace()) else {
        return "";
    };
    let start = text[..first].rfind('\n').map_or(0, |nl| nl + 1);
    text[start..].trim_end()
}

fn floor_char_boundary(s: &str, max: usize) -> usize {
    if max >= s.len() {
        return s.len();
    }
    (0..=max).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_line_is_the_title_and_the_rest_the_body() {
        let p = parse_plain("Assad visite Alep\n\nLe président est arrivé.\n", false);
        assert_eq!(p.title, "Assad visite Alep");
        assert_eq!(p.body, "Le président est arrivé.");
        assert_eq!(p.source, None);
    }

    #[test]
    fn a_paragraph_first_line_gives_its_first_sentence() {
        let text = "M. Erdogan est arrivé à Moscou. Il a rencontré V. Poutine.";
        let p = parse_plain(text, false);
        assert_eq!(p.title, "M. Erdogan est arrivé à Moscou.");
        assert_eq!(p.body, text);
    }

    #[test]
    fn a_long_first_sentence_is_cut_at_a_word() {
        let text = "mot ".repeat(100);
        let p = parse_plain(&text, false);
        assert!(p.title.ends_with('…'));
        assert!(width(&p.title) <= SENTENCE_TITLE_WIDTH);
    }

    #[test]
    fn markdown_headings_lose_their_marks() {
        let p = parse_plain("# Idlib: trêve.\n\nTexte.", true);
        assert_eq!(p.title, "Idlib: trêve.");
        assert_eq!(p.body, "Texte.");
        let p = parse_plain("Titre\n=====\nTexte.", true);
        assert_eq!((p.title.as_ref(), p.body.as_ref()), ("Titre", "Texte."));
    }

    #[test]
    fn a_date_marker_becomes_the_date() {
        let p = parse_plain("  date 2019-02 Tout commence. Ici.", false);
        assert_eq!(p.date.as_deref(), Some("2019-02"));
        assert_eq!(p.title, "Tout commence.");
        assert_eq!(p.body, "Tout commence. Ici.");
        let p = parse_plain("dates et chiffres. Voilà.", false);
        assert_eq!(p.date, None);
    }

    #[test]
    fn an_outlet_line_becomes_the_source() {
        let p = parse_plain("Titre court\nPremier paragraphe.\nLe Monde\nSuite.", false);
        assert_eq!(p.source.as_deref(), Some("Le Monde"));
        assert_eq!(p.body, "Premier paragraphe.\nSuite.");
        let p = parse_plain("Titre\nArmée syrienne. Photo Spoutnik. |\nSuite.", false);
        assert_eq!(p.source, None);
        let p = parse_plain("Titre\nun.\ndeux.\ntrois.\nquatre.\nReuters\n", false);
        assert_eq!(p.source, None, "too far from the title");
    }
}
