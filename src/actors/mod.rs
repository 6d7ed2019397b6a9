//! Actors: the people, organisations, states and places articles mention.
//!
//! A gazetteer (assets/actors.json, plus `--gazetteer` files) lists known actors with their
//! aliases; one automaton over folded aliases finds their mentions in linear time; discovery adds
//! names no gazetteer lists. The result is a table of actors and, per document, which actors it
//! mentions, where, and how often.

pub mod discover;
use serde::{Deserialize, Serialize};
use std::ops::Range;

use crate::corpus::Document;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Organisation,
    State,
    Place,
}

/// Index into [`Actors::table`].
pub type ActorId = u32;

/// One actor of the table: from a gazetteer, a record's `actors` field, or discovery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActorInfo {
    /// Canonical name, as displayed and as `@Name` in queries.
    pub name: String,
    pub kind: ActorKind,
    /// Every spelling known for it (canonical name included).
    pub aliases: Vec<String>,
    /// Found by discovery rather than listed in a gazetteer.
    pub discovered: bool,
}

/// Which text of a document a mention lies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Title,
    Body,
}

/// One mention: byte offsets into the document's title or body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub actor: ActorId,
    pub field: Field,
    pub span: Range<usize>,
}

/// One actor of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocActor {
    pub actor: ActorId,
    pub mentions: u32,
}

/// The actors of one document: most mentioned first; mentions in text order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocActors {
    pub actors: Vec<DocActor>,
    pub mentions: Vec<Mention>,
}

/// The actor table and, aligned with the corpus, each document's actors.
#[derive(Debug, Clone, Default)]
pub struct Actors {
    pub table: Vec<ActorInfo>,
    pub per_doc: Vec<DocActors>,
}

/// The merged list of known actors (built-in plus `--gazetteer` files).
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    pub entries: Vec<ActorInfo>,
}

/// Finds every document's actors.
pub fn analyse(docs: &[Document], gazetteer: &Gazetteer) -> Actors {
    let _ = gazetteer;
    Actors { table: Vec::new(), per_doc: vec![DocActors::default(); docs.len()] }
}
