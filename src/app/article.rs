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
}

impl ArticleLayout {
    pub fn build(library: &Library, doc: Option<usize>, width: usize) -> ArticleLayout {
        let Some(d) = doc.and_then(|d| library.docs.get(d).map(|doc| (d, doc))) else {
            return ArticleLayout { doc: None, width, ..Default::default() };
        };
        let (index, document) = d;
        let mut lines: Vec<ArticleLine> =
            text::wrap(&document.title, width).into_iter().map(ArticleLine::Title).collect();
        lines.push(ArticleLine::Meta);
        let names: Vec<&str> = library.actor_names(index).collect();
        let actors = if names.is_empty() { String::new() } else { format!("Actors: {}", names.join(", ")) };
        if !actors.is_empty() {
            lines.extend(text::wrap(&actors, width).into_iter().map(ArticleLine::Actors));
        }
        lines.push(ArticleLine::Blank);
        lines.extend(text::wrap(&document.body, width).into_iter().map(ArticleLine::Body));
        ArticleLayout { doc: Some(index), width, actors, lines }
    }

    /// The line showing byte `offset` of the title or the body.
    pub fn line_of(&self, field: crate::actors::Field, offset: usize) -> Option<usize> {
        use crate::actors::Field;
        self.lines.iter().position(|line| match (line, field) {
            (ArticleLine::Title(r), Field::Title) | (ArticleLine::Body(r), Field::Body) => {
                r.start <= offset && offset <= r.end
            }
            _ => false,
        })
    }

    /// The first line a scroll may start at so that the last page is full.
    pub fn max_scroll(&self, height: usize) -> usize {
        self.lines.len().saturating_sub(height.max(1))
    }
}
