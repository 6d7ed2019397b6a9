//! Structured records (JSON objects, CSV rows) to documents: field aliases and the rules a
//! record must meet.
//!
//! CSV and JSON share one vocabulary of field names, matched case-insensitively. When a record
//! holds several aliases of one field (say `title` and `headline`), the alias listed first wins.

use super::Document;
use super::date::normalize_date;
use super::plain::title_from_text;

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
    actors: Option<(usize, Vec<String>)>,
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

    pub fn set_actors(&mut self, rank: usize, actors: Vec<String>) {
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
        let title = self.title.take().map(|t| t.trim().to_string());
        let body = self.body.take().map(|b| b.trim().to_string());
        if title.is_none() && body.is_none() {
            return None;
        }
        let body = body.unwrap_or_default();
        let title = title.unwrap_or_else(|| title_from_text(&body));
        Some(Document {
            id: self.id.take().map(|id| id.trim().to_string()).unwrap_or_else(fallback_id),
            title,
            date: self.date.take().and_then(|d| normalize_date(&d)),
            source: self.source.take().map(|s| s.trim().to_string()),
            body,
            actors: self.actors.map(|(_, a)| a).unwrap_or_default(),
        })
    }
}

/// Splits an actors string on `;`, or on `,` when it has no `;`; names are trimmed, blanks
/// dropped.
pub fn split_actors(value: &str) -> Vec<String> {
    let separator = if value.contains(';') { ';' } else { ',' };
    value.split(separator).map(str::trim).filter(|name| !name.is_empty()).map(str::to_string).collect()
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
        assert_eq!(doc.title, "title");
        assert_eq!(doc.body, "");
        assert_eq!(doc.id, "x:1");
    }

    #[test]
    fn actors_split_on_semicolons_then_commas() {
        assert_eq!(split_actors(" Assad ; Poutine, V.;"), vec!["Assad", "Poutine, V."]);
        assert_eq!(split_actors("Assad, Erdogan ,"), vec!["Assad", "Erdogan"]);
    }

    #[test]
    fn a_record_needs_a_title_or_a_body() {
        let mut f = Fields::default();
        f.set(Field::Id, 0, "7".into());
        assert!(f.into_document(String::new).is_none());
        let mut f = Fields::default();
        f.set(Field::Body, 0, "Damas a bombardé Idlib. Suite.".into());
        let doc = f.into_document(String::new).unwrap();
        assert_eq!(doc.title, "Damas a bombardé Idlib.");
    }
}
