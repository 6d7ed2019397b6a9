//! Words and punctuation of a text, with byte offsets and the case shape discovery needs.
//!
//! Hand-written rather than a regex: one pass over the chars, one `Vec` of small tokens. A
//! hyphen between letters stays inside the word (Jean-Pierre, Saint-Aubin); an apostrophe ends
//! the word it follows (d'Orléans → "d'" + "Orléans") because French elision glues articles and
//! particles to names.

use crate::text::fold_append;

/// The case of a word's letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// Starts with a lowercase letter (or is not a word of letters).
    Lower,
    /// Starts with a capital and has lowercase letters.
    Capital,
    /// Every letter a capital (one capital letter alone counts as `Capital`).
    Upper,
    /// Starts with a digit or holds no letter.
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Word(Shape),
    /// One punctuation character.
    Punct(char),
    /// A line break (runs of them count once).
    Break,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

impl Token {
    pub fn is_word(&self) -> bool {
        matches!(self.kind, Kind::Word(_))
    }

    pub fn shape(&self) -> Option<Shape> {
        match self.kind {
            Kind::Word(s) => Some(s),
            _ => None,
        }
    }

    /// A word that starts with a capital (Capital or Upper).
    pub fn is_capitalised(&self) -> bool {
        matches!(self.kind, Kind::Word(Shape::Capital | Shape::Upper))
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Splits `text` into tokens.
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphanumeric() {
                    chars.next();
                    end = j + d.len_utf8();
                } else if is_hyphen(d) || is_apostrophe(d) {
                    // Keep the joiner only when a letter follows it.
                    let next_is_letter =
                        text[j + d.len_utf8()..].chars().next().is_some_and(char::is_alphabetic);
                    if !next_is_letter {
                        break;
                    }
                    chars.next();
                    end = j + d.len_utf8();
                    if is_apostrophe(d) {
                        break;
                    }
                } else {
                    break;
                }
            }
            let word = &text[i..end];
            out.push(Token { start: i, end, kind: Kind::Word(shape_of(word)) });
        } else if c == '\n' || c == '\r' {
            if !matches!(out.last(), Some(Token { kind: Kind::Break, .. })) {
                out.push(Token { start: i, end: i + 1, kind: Kind::Break });
            }
        } else if !c.is_whitespace() {
            out.push(Token { start: i, end: i + c.len_utf8(), kind: Kind::Punct(c) });
        }
    }
    out
}

fn shape_of(word: &str) -> Shape {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = word.chars().next() else {
        return Shape::Other;
    };
    if !first.is_alphabetic() {
        return Shape::Other;
    }
    if !first.is_uppercase() {
        // al-Assad, el-Sissi, ibn-Saud: a lowercase Arabic article before a capitalised name.
        let arabic_article = word.split_once('-').is_some_and(|(head, rest)| {
            matches!(head, "al" | "el" | "ad" | "as" | "an" | "ar" | "at" | "az")
                && rest.chars().next().is_some_and(char::is_uppercase)
        });
        if arabic_article {
            return Shape::Capital;
        }
        return Shape::Lower;
    }
    let (mut n, mut all_upper) = (0, true);
    for l in letters.by_ref() {
        n += 1;
        if !l.is_uppercase() {
            all_upper = false;
        }
    }
    if all_upper && n >= 2 { Shape::Upper } else { Shape::Capital }
}

/// Folds `word` into `buf` (cleared first): lowercase, accents off, typographic apostrophes
/// as `'`.
pub(super) fn fold_into(word: &str, buf: &mut String) {
    buf.clear();
    fold_append(word, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().filter(|t| t.is_word()).map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn splits_elision_and_keeps_hyphenated_names() {
        assert_eq!(
            words("d’Orléans, Jean-Pierre l'Union -x al-Assad"),
            vec!["d’", "Orléans", "Jean-Pierre", "l'", "Union", "x", "al-Assad"]
        );
    }

    #[test]
    fn shapes() {
        let t = tokenize("Paris CGT a M 12 al-Assad");
        let shapes: Vec<_> = t.iter().map(|t| t.shape()).collect();
        assert_eq!(
            shapes,
            vec![
                Some(Shape::Capital),
                Some(Shape::Upper),
                Some(Shape::Lower),
                Some(Shape::Capital),
                Some(Shape::Other),
                Some(Shape::Capital)
            ]
        );
    }
}
