//! The article pane's content laid out for a width: header lines then body lines, each a range
//! of the original text so highlights apply unchanged. Computed in `update` when the selection
//! or the pane width changes, read by the view.

use std::ops::Range;

use crate::library::Library;
use crate::text;

/// One displayed line of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleLine {
    /// A line of the title (byte range of `Document.title`).
    Title(Range<usize>),
    /// Date and source.
    Meta,
    /// A line of the actors list (byte range of `ArticleLayout.actors`).
    Actors(Range<usize>),
    Blank,
    /// A line of the body (byte range of `Document.body`).
    Body(Range<usize>),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleLayout {
    pub doc: Option<usize>,
    pub width: usize,
    /// The header's actor list, as one string ("Actors: A, B, C").
    pub actors: String,
    pub lines: Vec<ArticleLine>,
    /// Where laying out the body goes on: a long document is wrapped only as far as it is
    /// read (none: the whole body is laid out).
    pub body_next: Option<usize>,
}

/// Body lines laid out at a time (a few screens' worth is instant; a 10 MB line is not).
const LINES_AT_ONCE: usize = 4000;

impl ArticleLayout {
    pub fn build(library: &Library, doc: Option<usize>, width: usize) -> ArticleLayout {
        let Some(d) = doc.and_then(|d| library.docs.get(d).map(|doc| (d, doc))) else {
            return ArticleLayout { doc: None, width, ..Default::default() };
        };
        let (index, document) = d;
        let mut lines: Vec<ArticleLine> =
            text::wrap(document.title(), width).into_iter().map(ArticleLine::Title).collect();
        lines.push(ArticleLine::Meta);
        let names: Vec<&str> = library.actor_names(index).collect();
        let actors = if names.is_empty() { String::new() } else { format!("Actors: {}", names.join(", ")) };
        if !actors.is_empty() {
            lines.extend(text::wrap(&actors, width).into_iter().map(ArticleLine::Actors));
        }
        lines.push(ArticleLine::Blank);
        let (body, body_next) = text::wrap_some(library.body(index), 0, width, LINES_AT_ONCE);
        lines.extend(body.into_iter().map(ArticleLine::Body));
        ArticleLayout { doc: Some(index), width, actors, lines, body_next }
    }

    pub fn is_complete(&self) -> bool {
        self.body_next.is_none()
    }

    /// Lays out more of the body until there are `count` lines (or the body ends).
    pub fn extend_to_line(&mut self, library: &Library, count: usize) {
        while self.lines.len() < count && self.extend_once(library) {}
    }

    /// Lays out more of the body until byte `offset` of it is laid out.
    pub fn extend_to_offset(&mut self, library: &Library, offset: usize) {
        while self.body_next.is_some_and(|next| next <= offset) && self.extend_once(library) {}
    }

    /// Lays out the next piece of the body; false when there is nothing left.
    fn extend_once(&mut self, library: &Library) -> bool {
        let (Some(next), Some(doc)) = (self.body_next, self.doc) else { return false };
        if doc >= library.len() {
            return false;
        }
        let (more, body_next) = text::wrap_some(library.body(doc), next, self.width, LINES_AT_ONCE);
        self.lines.extend(more.into_iter().map(ArticleLine::Body));
        self.body_next = body_next;
        true
    }

    /// The line showing byte `offset` of the title or the body (none when that part of the
    /// body is not laid out yet).
    pub fn line_of(&self, field: crate::actors::Field, offset: usize) -> Option<usize> {
        use crate::actors::Field;
        match field {
            Field::Title => self
                .lines
                .iter()
                .position(|l| matches!(l, ArticleLine::Title(r) if r.contains(&offset) || r.end == offset)),
            Field::Body => {
                // Body lines come last and in text order: a binary search finds the line.
                let first = self.lines.iter().position(|l| matches!(l, ArticleLine::Body(_)))?;
                let body = &self.lines[first..];
                let i = body.partition_point(|l| matches!(l, ArticleLine::Body(r) if r.end < offset));
                match body.get(i) {
                    Some(ArticleLine::Body(r)) if r.start <= offset => Some(first + i),
                    _ => None,
                }
            }
        }
    }

    /// The first line a scroll may start at so that the last page is full.
    pub fn max_scroll(&self, height: usize) -> usize {
        self.lines.len().saturating_sub(height.max(1))
    }
}
