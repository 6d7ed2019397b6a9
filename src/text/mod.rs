//! Text handling shared by every layer: folding for matching, layout for display.

mod fold;
mod layout;

pub use fold::{Folded, char_positions_to_byte_ranges, find_folded, fold, fold_char_into};
pub use layout::{cut_at_word, grapheme_width, sanitize, sanitize_line, truncate, visible, width, wrap};
