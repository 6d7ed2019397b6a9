//! The actor names a record gives, held in one allocation.
//!
//! A million records of three names each held, as a boxed slice of boxed names, four heap
//! allocations a record (about 112 bytes with their headers and rounding); joined, a record's
//! names take one (about 48). The names are joined by NUL, which no name keeps: a NUL inside a
//! name (JSON can spell one) becomes U+FFFD, as it would be drawn anyway.

use std::fmt;

use serde::de::{SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

const SEPARATOR: char = '\0';

/// A record's actor names, in its order; never an empty name.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct ActorNames(Box<str>);

impl ActorNames {
    /// The names, borrowed (as a [`super::Document`] hands out its own).
    pub fn as_list(&self) -> ActorList<'_> {
        ActorList(&self.0)
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + Clone {
        self.as_list().iter()
    }

    pub fn len(&self) -> usize {
        self.as_list().len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn first(&self) -> Option<&str> {
        self.iter().next()
    }

    /// The names with `separator` between them (no name holds a NUL).
    pub fn join(&self, separator: &str) -> String {
        self.as_list().join(separator)
    }
}

/// A record's actor names, borrowed: the joined text an [`ActorNames`] or a document holds.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ActorList<'a>(&'a str);

impl<'a> ActorList<'a> {
    /// The names joined as [`ActorList::joined`] gives them.
    pub(super) fn from_joined(joined: &'a str) -> ActorList<'a> {
        ActorList(joined)
    }

    /// The names with NUL between them: how they are stored.
    pub(super) fn joined(self) -> &'a str {
        self.0
    }

    pub fn iter(self) -> impl Iterator<Item = &'a str> + Clone {
        // A byte loop: names are short, and `str::split`'s searcher cost 2.5% of a headless
        // search over the 100k CSV (callgrind). `"".split` would give one empty name.
        let names = (!self.0.is_empty()).then(|| self.0.as_bytes().split(|&b| b == 0));
        // SAFETY: cut at ASCII NULs only, which are never part of a multi-byte character.
        names.into_iter().flatten().map(|name| unsafe { std::str::from_utf8_unchecked(name) })
    }

    pub fn len(self) -> usize {
        if self.0.is_empty() { 0 } else { 1 + self.0.bytes().filter(|&b| b == 0).count() }
    }

    pub fn is_empty(self) -> bool {
        self.0.is_empty()
    }

    pub fn first(self) -> Option<&'a str> {
        self.iter().next()
    }

    /// The names with `separator` between them (no name holds a NUL).
    pub fn join(self, separator: &str) -> String {
        self.0.replace(SEPARATOR, separator)
    }
}

impl PartialEq<ActorNames> for ActorList<'_> {
    fn eq(&self, other: &ActorNames) -> bool {
        self.0 == &*other.0
    }
}

impl fmt::Debug for ActorList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// As [`ActorNames`] serializes.
impl Serialize for ActorList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        // With its length first: bincode writes it there (and `split`'s size hint has none).
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        self.iter().try_for_each(|name| seq.serialize_element(name))?;
        seq.end()
    }
}

/// Appends `name` to names joined so far (nothing if it is empty).
fn push_name(joined: &mut String, name: &str) {
    if name.is_empty() {
        return;
    }
    if !joined.is_empty() {
        joined.push(SEPARATOR);
    }
    match name.contains(SEPARATOR) {
        false => joined.push_str(name),
        true => joined.extend(name.chars().map(|c| if c == SEPARATOR { '\u{FFFD}' } else { c })),
    }
}

impl<S: AsRef<str>> FromIterator<S> for ActorNames {
    /// Empty names are dropped.
    fn from_iter<I: IntoIterator<Item = S>>(names: I) -> ActorNames {
        let mut joined = String::new();
        names.into_iter().for_each(|name| push_name(&mut joined, name.as_ref()));
        ActorNames(joined.into())
    }
}

impl<const N: usize> From<[&str; N]> for ActorNames {
    fn from(names: [&str; N]) -> ActorNames {
        names.into_iter().collect()
    }
}

impl fmt::Debug for ActorNames {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_list().fmt(f)
    }
}

/// As a sequence of names: the bytes a boxed slice of names wrote (the index cache's layout).
impl Serialize for ActorNames {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.as_list().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ActorNames {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ActorNames, D::Error> {
        deserializer.deserialize_seq(NamesVisitor)
    }
}

struct NamesVisitor;

impl<'de> Visitor<'de> for NamesVisitor {
    type Value = ActorNames;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence of names")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ActorNames, A::Error> {
        // Each name read in place where the input allows (the index cache, mapped) and joined
        // as it comes, not copied into a string of its own first.
        let mut joined = String::new();
        while let Some(Name(name)) = seq.next_element()? {
            push_name(&mut joined, &name);
        }
        Ok(ActorNames(joined.into()))
    }
}

struct Name<'de>(std::borrow::Cow<'de, str>);

impl<'de> Deserialize<'de> for Name<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Name<'de>, D::Error> {
        struct NameVisitor;
        impl<'de> Visitor<'de> for NameVisitor {
            type Value = Name<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a name")
            }
            fn visit_borrowed_str<E>(self, name: &'de str) -> Result<Name<'de>, E> {
                Ok(Name(name.into()))
            }
            fn visit_str<E>(self, name: &str) -> Result<Name<'de>, E> {
                Ok(Name(name.to_owned().into()))
            }
            fn visit_string<E>(self, name: String) -> Result<Name<'de>, E> {
                Ok(Name(name.into()))
            }
        }
        deserializer.deserialize_str(NameVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_their_order_and_drop_blanks() {
        let names: ActorNames = ["Assad", "", "Poutine, V."].into_iter().collect();
        assert_eq!(names.iter().collect::<Vec<_>>(), ["Assad", "Poutine, V."]);
        assert_eq!((names.len(), names.is_empty(), names.first()), (2, false, Some("Assad")));
        assert_eq!(names.join("; "), "Assad; Poutine, V.");
        let none = ActorNames::default();
        assert_eq!((none.len(), none.is_empty(), none.iter().count()), (0, true, 0));
        assert_eq!(format!("{names:?}"), r#"["Assad", "Poutine, V."]"#);
    }

    #[test]
    fn a_separator_inside_a_name_does_not_split_it() {
        let names: ActorNames = ["a\0b", "c"].into_iter().collect();
        assert_eq!(names.iter().collect::<Vec<_>>(), ["a\u{FFFD}b", "c"]);
    }

    #[test]
    fn serialized_as_a_boxed_slice_of_names_was() {
        let names = ActorNames::from(["Erdoğan", "HTS"]);
        let old: Box<[Box<str>]> = ["Erdoğan", "HTS"].map(Box::from).into();
        let bytes = bincode::serialize(&names).unwrap();
        assert_eq!(bytes, bincode::serialize(&old).unwrap());
        assert_eq!(bincode::deserialize::<ActorNames>(&bytes).unwrap(), names);
        let json = serde_json::to_string(&names).unwrap();
        assert_eq!(json, r#"["Erdoğan","HTS"]"#);
        assert_eq!(serde_json::from_str::<ActorNames>(&json).unwrap(), names);
        assert_eq!(
            bincode::deserialize::<ActorNames>(&bincode::serialize(&ActorNames::default()).unwrap())
                .unwrap()
                .len(),
            0
        );
    }
}
