//! Turns a slice of original text plus highlight ranges into a styled, sanitised line that fits
//! a width. Every grapheme goes through `text::visible`, so no document byte reaches the terminal
//! as a control sequence, and widths are measured per grapheme.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;

use crate::text;

/// Ranges of the original text to draw with a style; later layers win.
pub struct Layer<'a> {
    pub ranges: &'a [Range<usize>],
    pub style: Style,
}

/// Draws `source[range]` with `base` style and the layers patched on top, cut to `max_width`
/// columns with `…` when it does not fit.
pub fn styled_line(
    source: &str,
    range: Range<usize>,
    layers: &[Layer],
    base: Style,
    max_width: usize,
) -> Line<'static> {
    let slice = &source[range.clone()];
    let fits = text::width(slice) <= max_width;
    let budget = if fits { max_width } else { max_width.saturating_sub(1) };
    let mut cursors = vec![0usize; layers.len()];
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut current = String::new();
    let mut current_style = base;
    let mut used = 0;
    for (offset, grapheme) in slice.grapheme_indices(true) {
        let at = range.start + offset;
        let shown = text::visible(grapheme);
        let w = unicode_width::UnicodeWidthStr::width(shown.as_ref());
        if used + w > budget {
            break;
        }
        used += w;
        let mut style = base;
        for (layer, cursor) in layers.iter().zip(cursors.iter_mut()) {
            while *cursor < layer.ranges.len() && layer.ranges[*cursor].end <= at {
                *cursor += 1;
            }
            if layer.ranges.get(*cursor).is_some_and(|r| r.start <= at) {
                style = style.patch(layer.style);
            }
        }
        if style != current_style && !current.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut current), current_style));
        }
        current_style = style;
        current.push_str(if grapheme == "\n" { " " } else { &shown });
    }
    if !current.is_empty() {
        spans.push(Span::styled(current, current_style));
    }
    if !fits && max_width > 0 {
        spans.push(Span::styled("…", base));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Color;

    fn plain(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn highlights_ranges_and_cuts_to_width() {
        let s = "Le président Erdoğan à Moscou";
        let at = s.find("Erdoğan").unwrap();
        let erdogan = at..at + "Erdoğan".len();
        let ranges = vec![erdogan];
        let hl = Style::new().fg(Color::Yellow);
        let line = styled_line(s, 0..s.len(), &[Layer { ranges: &ranges, style: hl }], Style::new(), 18);
        assert_eq!(plain(&line), "Le président Erdo…");
        assert_eq!(line.spans[1].content, "Erdo");
        assert_eq!(line.spans[1].style, hl);
    }

    #[test]
    fn control_sequences_are_shown_not_sent() {
        let s = "evil \x1b]0;pwned\x07 title";
        let line = styled_line(s, 0..s.len(), &[], Style::new().bold(), 80);
        assert_eq!(plain(&line), "evil ␛]0;pwned␇ title");
    }
}
