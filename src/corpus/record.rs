//! Structured records (JSON objects, CSV rows) to documents: field aliases and the rules a
//! record must meet.
//!
//! CSV and JSON share one vocabulary of field names, matched case-insensitively. When a record
//! holds several aliases of one field (say `title` and `headline`), the alias listed first wins.

use std::borrow::Cow;

use super::date::normalize_date;
use super::plain::title_from_text;
use super::{ActorNames, DocParts, Document, Names, Sieve};

/// A document field that records can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Id,
    Title,
    Body,
    Date,
    Source,
    Actors,
}

const ALIASES: &[(Field, &[&str])] = &[
    (Field::Id, &["id", "unit_id"]),
    (Field::Title, &["title", "article_title", "headline"]),
    (Field::Body, &["body", "text", "content", "article_content"]),
    (Field::Date, &["date"]),
    (Field::Source, &["source", "newspaper", "outlet"]),
    (Field::Actors, &["actors"]),
];

/// The field a column or key names, with the alias's rank (0 is preferred), if any.
pub fn field_for(name: &str) -> Option<(Field, usize)> {
    let name = name.trim();
    ALIASES.iter().find_map(|(field, names)| {
        names.iter().position(|alias| alias.eq_ignore_ascii_case(name)).map(|rank| (*field, rank))
    })
}

/// The values a record gave, before they become a [`Document`].
#[derive(Debug, Default)]
pub struct Fields {
    id: Ranked,
    title: Ranked,
    body: Ranked,
    date: Ranked,
    source: Ranked,
    actors: Option<(usize, ActorNames)>,
}

#[derive(Debug, Default)]
struct Ranked(Option<(usize, String)>);

impl Ranked {
    fn offer(&mut self, rank: usize, value: String) {
        if value.trim().is_empty() {
            return;
        }
        if self.0.as_ref().is_none_or(|(held, _)| rank < *held) {
            self.0 = Some((rank, value));
        }
    }

    fn take(self) -> Option<String> {
        self.0.map(|(_, v)| v)
    }
}

impl Fields {
    /// Sets a text field (not `Actors`, see [`Fields::set_actors`]). Blank values are absent.
    pub fn set(&mut self, field: Field, rank: usize, value: String) {
        match field {
            Field::Id => self.id.offer(rank, value),
            Field::Title => self.title.offer(rank, value),
            Field::Body => self.body.offer(rank, value),
            Field::Date => self.date.offer(rank, value),
            Field::Source => self.source.offer(rank, value),
            Field::Actors => self.set_actors(rank, split_actors(&value)),
        }
    }

    pub fn set_actors(&mut self, rank: usize, actors: ActorNames) {
        if actors.is_empty() {
            return;
        }
        if self.actors.as_ref().is_none_or(|(held, _)| rank < *held) {
            self.actors = Some((rank, actors));
        }
    }

    /// The document, or `None` when the record has neither title nor body. A record without
    /// a title is titled by its body's first sentence; without an id it gets `fallback_id`.
    pub fn into_document(self, fallback_id: impl FnOnce() -> String) -> Option<Document> {
        let title = self.title.take().map(trimmed);
        let body = self.body.take().map(trimmed);
        if title.is_none() && body.is_none() {
            return None;
        }
        let body = body.unwrap_or_default();
        let title = title.unwrap_or_else(|| title_from_text(&body));
        let id = self.id.take().map(trimmed).unwrap_or_else(fallback_id);
        let date = self.date.take().and_then(|d| normalize_date(&d));
        let source = self.source.take().map(trimmed);
        let actors = self.actors.map(|(_, a)| a).unwrap_or_default();
        let parts = DocParts {
            id: &id,
            title: &title,
            date: date.as_deref(),
            source: source.as_deref(),
            actors: actors.as_list(),
            ..DocParts::default()
        };
        Some(Document::with_body(parts, body))
    }
}

/// `text` trimmed in place: a body is not copied to drop its surrounding whitespace (or to
/// find it has none).
fn trimmed(mut text: String) -> String {
    text.truncate(text.trim_end().len());
    let start = text.len() - text.trim_start().len();
    text.drain(..start);
    text
}

/// `text.trim()`, told from its first and last bytes when neither is white space nor part of
/// a wider character: most values have nothing to trim, and `str::trim` decoding characters
/// from both ends was 4% of a headless search over a CSV of names (callgrind).
fn trim(text: &str) -> &str {
    let plain = |&b: &u8| b.is_ascii() && !is_ascii_space(b);
    match text.as_bytes() {
        [first, .., last] if plain(first) && plain(last) => text,
        [only] if plain(only) => text,
        _ => text.trim(),
    }
}

/// Whether `b` is ASCII white space as `str::trim` cuts it (`char::is_whitespace`): space,
/// and tab to carriage return, with the vertical tab that `u8::is_ascii_whitespace` leaves out.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// Splits an actors string on `;`, or on `,` when it has no `;`; names are trimmed, blanks
/// dropped.
pub fn split_actors(value: &str) -> ActorNames {
    actor_names(value).collect()
}

/// The names [`split_actors`] gives, borrowed.
pub(super) fn actor_names(value: &str) -> impl Iterator<Item = &str> {
    // A byte loop: these values are short, and memchr's setup cost more than the scan.
    let separator = if value.bytes().any(|b| b == b';') { ';' } else { ',' };
    value.split(separator).map(trim).filter(|name| !name.is_empty())
}

/// Whether [`actor_names`] gives `value` any name: told by its first byte that is neither its
/// separator nor white space, most often the first byte (splitting the value to see
/// cost 2% of a headless search over a CSV of names, callgrind).
fn has_actor_name(value: &str) -> bool {
    let separator = if value.bytes().any(|b| b == b';') { b';' } else { b',' };
    match value.bytes().find(|&b| !(is_ascii_space(b) || b == separator)) {
        None => false,
        Some(b) if b.is_ascii() => true,
        // Unicode white space is trimmed too.
        Some(_) => actor_names(value).next().is_some(),
    }
}

/// The values of a record's fields that a [`Sieve`] reads, borrowed, chosen by the rules of
/// [`Fields`] (blank values absent, the first listed alias wins): a record the sieve leaves
/// out is never copied into a document.
#[derive(Debug, Default)]
pub struct Views<'a> {
    title: Option<(usize, &'a str)>,
    body: Option<(usize, &'a str)>,
    actors: Option<(usize, &'a str)>,
}

impl<'a> Views<'a> {
    pub fn set(&mut self, field: Field, rank: usize, value: &'a str) {
        let slot = match field {
            Field::Title => &mut self.title,
            Field::Body => &mut self.body,
            Field::Actors if has_actor_name(value) => &mut self.actors,
            _ => return,
        };
        if !trim(value).is_empty() && slot.is_none_or(|(held, _)| rank < held) {
            *slot = Some((rank, value));
        }
    }

    /// The body bytes of the document the record makes; `None` when it makes none.
    pub fn makes_document(&self) -> Option<u64> {
        let body = self.body.map_or("", |(_, b)| trim(b));
        (self.title.is_some() || !body.is_empty()).then_some(body.len() as u64)
    }

    /// The body bytes of the document the record makes, when `sieve` leaves it out; `None`
    /// when it keeps it, or when the record makes no document (to be reported as usual).
    pub fn sifted_out(&self, sieve: &dyn Sieve) -> Option<u64> {
        let body = self.body.map(|(_, b)| trim(b));
        let title: Cow<str> = match (self.title, body) {
            (Some((_, t)), _) => Cow::Borrowed(trim(t)),
            (None, Some(body)) => Cow::Owned(title_from_text(body)),
            (None, None) => return None,
        };
        let body = body.unwrap_or_default();
        let names = Names::Field(self.actors.map_or("", |(_, value)| value));
        (!sieve.keeps(&title, body, names)).then_some(body.len() as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_case_insensitive() {
        assert_eq!(field_for("Article_Title"), Some((Field::Title, 1)));
        assert_eq!(field_for(" UNIT_ID "), Some((Field::Id, 1)));
        assert_eq!(field_for("labels"), None);
    }

    #[test]
    fn the_first_listed_alias_wins() {
        let mut f = Fields::default();
        f.set(Field::Title, 2, "headline".into());
        f.set(Field::Title, 0, "title".into());
        f.set(Field::Title, 1, "article_title".into());
        f.set(Field::Body, 0, "  ".into());
        let doc = f.into_document(|| "x:1".into()).unwrap();
        assert_eq!(doc.title(), "title");
        assert_eq!(doc.body(), "");
        assert_eq!(doc.id(), "x:1");
    }

    #[test]
    fn values_are_trimmed_as_str_trim_does() {
        for text in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{b}a",
            "a\u{b}",
            "\u{a0}a",
            "a\u{3000}",
            "é",
            " é ",
            "\ta\r\n",
            "a b",
        ] {
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_value_is_trimmed_as_str_trim_does(text in "[ a\t\u{b}\u{c}\u{a0}\u{2003}é\r\n,]{0,6}") {
            proptest::prop_assert_eq!(trim(&text), text.trim());
        }
    }

    #[test]
    fn fields_are_trimmed_as_str_trim_does() {
        for text in ["", " ", "a", " a ", "\u{a0}Alep\n\t", "é  ", "\u{2003}œuvre\u{2003}x ", "  \n  "] {
            assert_eq!(trimmed(text.to_string()), text.trim(), "{text:?}");
        }
    }

    #[test]
    fn a_value_has_a_name_when_splitting_it_gives_one() {
        for value in [
            "",
            " ",
            ";",
            ",",
            " , ;",
            " ; ;",
            "\u{a0};\u{2003}",
            "a",
            " ;x",
            "\u{a0}é",
            "Poutine, V.",
            "\u{b}",
            "\u{b};a",
        ] {
            assert_eq!(has_actor_name(value), actor_names(value).next().is_some(), "{value:?}");
        }
    }

    #[test]
    fn actors_split_on_semicolons_then_commas() {
        assert_eq!(split_actors(" Assad ; Poutine, V.;"), ActorNames::from(["Assad", "Poutine, V."]));
        assert_eq!(split_actors("Assad, Erdogan ,"), ActorNames::from(["Assad", "Erdogan"]));
    }

    #[test]
    fn a_record_needs_a_title_or_a_body() {
        let mut f = Fields::default();
        f.set(Field::Id, 0, "7".into());
        assert!(f.into_document(String::new).is_none());
        let mut f = Fields::default();
        f.set(Field::Body, 0, "Damas a bombardé Idlib. Suite.".into());
        let doc = f.into_document(String::new).unwrap();
        assert_eq!(doc.title(), "Damas a bombardé Idlib.");
    }
}
