//! One article, its texts held in one allocation.
//!
//! A million records of a CSV of titles and actors held each document as six boxed strings in
//! a 96-byte struct: three allocations a record (id, title, actor names), each with its
//! header and rounding, about 250 bytes of memory for 100 bytes of text. Packed, a document
//! is a 40-byte struct and one allocation.

use std::fmt;

use super::actor_names::ActorList;

/// One article: its id, title, date, source, body and the actor names its record gives.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The body, id, title, date, source and actor names (NUL-joined), one after another: the
    /// body first, so that a document is made in the body's own allocation (the bodies of a
    /// 2 GB corpus are not copied once more) and its body taken out by moving the short fields.
    text: Box<str>,
    /// Where the body, id, title, date and source end in `text`; the actor names run to its end.
    ends: [u32; 5],
    /// Whether a date ([`DATE`]) and a source ([`SOURCE`]) are given (either may be empty).
    given: u8,
}

const DATE: u8 = 1;
const SOURCE: u8 = 2;

/// The texts in `Document::text`, in order.
#[derive(Clone, Copy)]
enum Part {
    Body,
    Id,
    Title,
    Date,
    Source,
    Actors,
}

/// A document's fields, borrowed, to build one ([`Document::new`]).
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct DocParts<'a> {
    /// Text files: the path relative to the folder given, without extension (a file given by
    /// name: its stem). Records: their id field, else `FILE:LINE` (see [`super::load_paths`]).
    pub id: &'a str,
    pub title: &'a str,
    /// As the source gives it, normalised to ISO (`2019-02`, `2017-04-05`) where recognisable.
    pub date: Option<&'a str>,
    pub source: Option<&'a str>,
    pub body: &'a str,
    /// Actor names given by the record itself (a JSON or CSV `actors` field).
    pub actors: ActorList<'a>,
}

impl Document {
    /// A document of these fields.
    pub fn new(parts: DocParts<'_>) -> Document {
        Document::with_body(parts, parts.body.to_string())
    }

    /// A document of these fields but its body, which is `body` (`parts.body` is ignored).
    ///
    /// Its texts are counted in `u32`, as the index's spans are: when they pass 4 GiB, the
    /// body is cut to fit.
    pub fn with_body(parts: DocParts<'_>, mut body: String) -> Document {
        let DocParts { id, title, date, source, actors, .. } = parts;
        let small = [id, title, date.unwrap_or(""), source.unwrap_or(""), actors.joined()];
        let small_len: usize = small.iter().map(|s| s.len()).sum();
        body.truncate(body.floor_char_boundary((u32::MAX as usize).saturating_sub(small_len)));
        let mut text = body;
        text.reserve_exact(small_len);
        let mut ends = [0; 5];
        ends[Part::Body as usize] = text.len() as u32;
        for (end, field) in ends[1..].iter_mut().zip(small) {
            text.push_str(field);
            *end = text.len() as u32;
        }
        text.push_str(small[4]);
        let given = if date.is_some() { DATE } else { 0 } | if source.is_some() { SOURCE } else { 0 };
        Document { text: text.into_boxed_str(), ends, given }
    }

    /// The document's fields, borrowed.
    pub fn parts(&self) -> DocParts<'_> {
        DocParts {
            id: self.id(),
            title: self.title(),
            date: self.date(),
            source: self.source(),
            body: self.body(),
            actors: self.actors(),
        }
    }

    /// This document with another body.
    pub fn replacing_body(&self, body: &str) -> Document {
        Document::new(DocParts { body, ..self.parts() })
    }

    /// Appends the body to `out` and drops it from the document (which keeps its other fields).
    pub fn move_body_to(&mut self, out: &mut Vec<u8>) {
        out.extend_from_slice(self.body().as_bytes());
        self.drop_body();
    }

    /// Drops the body (the other fields are kept).
    pub fn drop_body(&mut self) {
        let len = self.ends[Part::Body as usize] as usize;
        if len == 0 {
            return;
        }
        let mut text = String::from(std::mem::take(&mut self.text));
        text.drain(..len);
        self.text = text.into_boxed_str();
        self.ends.iter_mut().for_each(|end| *end -= len as u32);
    }

    fn field(&self, part: Part) -> &str {
        let i = part as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        let end = self.ends.get(i).map_or(self.text.len(), |&end| end as usize);
        &self.text[start..end]
    }

    /// Text files: the path relative to the folder given, without extension (a file given by
    /// name: its stem). Records: their id field, else `FILE:LINE` (see [`super::load_paths`]).
    pub fn id(&self) -> &str {
        self.field(Part::Id)
    }

    pub fn title(&self) -> &str {
        self.field(Part::Title)
    }

    /// As the source gives it, normalised to ISO (`2019-02`, `2017-04-05`) where recognisable.
    pub fn date(&self) -> Option<&str> {
        (self.given & DATE != 0).then(|| self.field(Part::Date))
    }

    pub fn source(&self) -> Option<&str> {
        (self.given & SOURCE != 0).then(|| self.field(Part::Source))
    }

    pub fn body(&self) -> &str {
        self.field(Part::Body)
    }

    /// Actor names given by the record itself (a JSON or CSV `actors` field).
    pub fn actors(&self) -> ActorList<'_> {
        ActorList::from_joined(self.field(Part::Actors))
    }
}

/// As its fields, in order.
impl serde::Serialize for Document {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.parts().serialize(serializer)
    }
}

impl fmt::Debug for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Document")
            .field("id", &self.id())
            .field("title", &self.title())
            .field("date", &self.date())
            .field("source", &self.source())
            .field("body", &self.body())
            .field("actors", &self.actors())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::ActorNames;

    #[test]
    fn a_document_gives_back_each_field_it_was_made_of() {
        let names = ActorNames::from(["Erdoğan", "HTS"]);
        let parts = DocParts {
            id: "a/b",
            title: "Idlib : l'ONU",
            date: Some("2019-02"),
            source: Some(""),
            body: "Corps é.",
            actors: names.as_list(),
        };
        let doc = Document::new(parts);
        assert_eq!(doc.id(), "a/b");
        assert_eq!(doc.title(), "Idlib : l'ONU");
        assert_eq!((doc.date(), doc.source()), (Some("2019-02"), Some("")));
        assert_eq!(doc.body(), "Corps é.");
        assert_eq!(doc.actors(), names);
        let none = Document::new(DocParts { title: "t", ..DocParts::default() });
        assert_eq!((none.id(), none.date(), none.source(), none.body()), ("", None, None, ""));
        assert!(none.actors().is_empty());
        assert_eq!(doc.replacing_body("").parts().title, "Idlib : l'ONU");
        assert_eq!(doc.replacing_body("autre").body(), "autre");
        assert_eq!(Document::default().title(), "");
    }

    #[test]
    fn a_body_moved_out_leaves_every_other_field() {
        let names = ActorNames::from(["Assad"]);
        let parts = DocParts {
            id: "7",
            title: "T",
            source: Some("AFP"),
            actors: names.as_list(),
            ..DocParts::default()
        };
        let mut doc = Document::with_body(parts, "Le corps.".to_string());
        let mut out = b"avant ".to_vec();
        doc.move_body_to(&mut out);
        assert_eq!(out, "avant Le corps.".as_bytes());
        assert_eq!(doc, Document::new(parts), "the same fields and an empty body");
        doc.move_body_to(&mut out);
        assert_eq!(out, "avant Le corps.".as_bytes(), "nothing more to move");
    }

    proptest::proptest! {
        #[test]
        fn any_fields_come_back_as_given(
            id in ".{0,8}", title in ".{0,20}", date in proptest::option::of(".{0,6}"),
            source in proptest::option::of(".{0,6}"), body in ".{0,40}",
            names in proptest::collection::vec("[^\\x00]{0,6}", 0..4),
        ) {
            let names: ActorNames = names.iter().collect();
            let parts = DocParts {
                id: &id, title: &title, date: date.as_deref(), source: source.as_deref(),
                body: &body, actors: names.as_list(),
            };
            let doc = Document::new(parts);
            let back = doc.parts();
            proptest::prop_assert_eq!(
                (back.id, back.title, back.date, back.source, back.body),
                (&*id, &*title, date.as_deref(), source.as_deref(), &*body)
            );
            proptest::prop_assert_eq!(back.actors, names.as_list());
            let mut moved = doc.clone();
            let mut out = Vec::new();
            moved.move_body_to(&mut out);
            proptest::prop_assert_eq!(out, body.as_bytes());
            proptest::prop_assert_eq!(moved, Document::new(DocParts { body: "", ..parts }));
        }
    }

    #[test]
    fn a_document_takes_forty_bytes_and_one_allocation() {
        assert_eq!(std::mem::size_of::<Document>(), 40);
    }
}
