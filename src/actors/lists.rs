//! Every document's actors and mentions as the analysis finds them, packed by chunks of
//! documents ([`crate::chunked`]): a struct and two boxes a document held about 130 bytes at a
//! million short records while the search index was built from them.

use super::{DocActor, DocActors, Mention};
use crate::chunked::{Chunks, SlicePairs};

/// Documents whose lists are packed together, on one thread.
pub const LIST_CHUNK: usize = 4096;

/// One chunk's lists.
pub type ListChunk = SlicePairs<DocActor, Mention>;

/// One document's actors (most mentioned first) and mentions (in text order), borrowed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DocList<'a> {
    pub actors: &'a [DocActor],
    pub mentions: &'a [Mention],
}

/// Every document's [`DocList`], in corpus order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorLists(Chunks<ListChunk>);

impl ActorLists {
    pub fn from_chunks(chunk: usize, chunks: Vec<ListChunk>) -> ActorLists {
        ActorLists(Chunks::new(chunk, chunks))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Document `doc`'s lists (empty when out of range).
    pub fn get(&self, doc: usize) -> DocList<'_> {
        self.0.locate(doc).map_or_else(DocList::default, |(chunk, i)| {
            let (actors, mentions) = chunk.get(i);
            DocList { actors, mentions }
        })
    }

    pub fn iter(&self) -> impl Iterator<Item = DocList<'_>> {
        (0..self.len()).map(|doc| self.get(doc))
    }

    /// Each document's lists as separate boxes (to change one, in tests).
    pub fn to_lists(&self) -> Vec<DocActors> {
        self.iter().map(|d| DocActors { actors: d.actors.into(), mentions: d.mentions.into() }).collect()
    }

    /// The documents per chunk, and the chunks (a search index takes them to build its own).
    pub fn into_parts(self) -> (usize, Vec<ListChunk>) {
        self.0.into_parts()
    }
}

/// All in one chunk (lists made by hand: tests and benches).
impl FromIterator<DocActors> for ActorLists {
    fn from_iter<I: IntoIterator<Item = DocActors>>(lists: I) -> ActorLists {
        let mut chunk = ListChunk::default();
        lists.into_iter().for_each(|d| chunk.push(&d.actors, &d.mentions));
        let len = chunk.len();
        ActorLists::from_chunks(len, vec![chunk.done()])
    }
}
