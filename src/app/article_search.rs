//! Searching inside the open article (`/` with the article focused): every occurrence of the
//! typed text, ignoring case and accents, in the title and the body; `n`/`N` walk them.

use std::ops::Range;

use super::{LineInput, Model};
use crate::actors::Field;
use crate::text::find_folded;

#[derive(Debug, Clone, Default)]
pub struct ArticleSearch {
    pub input: LineInput,
    /// Occurrences in text order: the title's, then the body's.
    pub matches: Vec<(Field, Range<usize>)>,
    pub current: Option<usize>,
}

impl ArticleSearch {
    /// Finds the typed text in document `doc`.
    pub fn find(&mut self, model: &Model, doc: Option<usize>) {
        self.matches.clear();
        self.current = None;
        let (Some(doc), text) = (doc, self.input.text()) else { return };
        let Some(document) = model.library.docs.get(doc) else { return };
        self.matches.extend(find_folded(document.title(), text).into_iter().map(|r| (Field::Title, r)));
        self.matches.extend(find_folded(model.library.body(doc), text).into_iter().map(|r| (Field::Body, r)));
    }

    /// The ranges to light in one field.
    pub fn ranges(&self, field: Field) -> Vec<Range<usize>> {
        self.matches.iter().filter(|(f, _)| *f == field).map(|(_, r)| r.clone()).collect()
    }

    pub fn current_match(&self) -> Option<&(Field, Range<usize>)> {
        self.current.and_then(|i| self.matches.get(i))
    }
}
