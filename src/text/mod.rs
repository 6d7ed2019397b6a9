//! Text handling shared by every layer: folding for matching, layout for display.

mod fold;
mod layout;

pub use fold::{Folded, char_positions_to_byte_ranges, find_folded, fold, fold_append, fold_char_into};
pub use layout::{
    cut_at_word, grapheme_width, sanitize, sanitize_line, truncate, visible, width, wrap, wrap_some,
};

/// A document as plain text (title, date and source, body), for a pager, an editor or the
/// clipboard.
pub fn document_as_text(doc: &crate::corpus::Document) -> String {
    let meta: Vec<&str> =
        [doc.date(), doc.source(), Some(doc.id())].into_iter().flatten().filter(|s| !s.is_empty()).collect();
    format!("{}\n{}\n\n{}\n", doc.title(), meta.join(" · "), doc.body())
}
