//! A multi-line text box for notes: text, a cursor on a grapheme boundary, and movement by
//! wrapped visual lines, with the cursor's screen position measured in display columns (so CJK,
//! accents and emoji put it where the terminal shows the character).

use unicode_segmentation::UnicodeSegmentation;

use crate::text;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextArea {
    text: String,
    /// Byte offset, always on a grapheme boundary.
    cursor: usize,
}

impl TextArea {
    pub fn new(text: &str) -> TextArea {
        TextArea { text: text.to_string(), cursor: text.len() }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    /// Inserts pasted text; CRLF becomes LF and other controls (but tabs) are dropped.
    pub fn insert_str(&mut self, s: &str) {
        let clean: String =
            s.replace("\r\n", "\n").chars().filter(|&c| c == '\n' || c == '\t' || !c.is_control()).collect();
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
    }

    /// Deletes a byte range (on grapheme boundaries), moving the cursor to its start.
    pub fn delete_range(&mut self, range: std::ops::Range<usize>) {
        self.text.replace_range(range.clone(), "");
        self.cursor = range.start;
    }

    pub fn backspace(&mut self) {
        if let Some((start, _)) = self.text[..self.cursor].grapheme_indices(true).next_back() {
            self.text.replace_range(start..self.cursor, "");
            self.cursor = start;
        }
    }

    pub fn delete(&mut self) {
        if let Some(g) = self.text[self.cursor..].graphemes(true).next() {
            let end = self.cursor + g.len();
            self.text.replace_range(self.cursor..end, "");
        }
    }

    pub fn left(&mut self) {
        if let Some((start, _)) = self.text[..self.cursor].grapheme_indices(true).next_back() {
            self.cursor = start;
        }
    }

    pub fn right(&mut self) {
        if let Some(g) = self.text[self.cursor..].graphemes(true).next() {
            self.cursor += g.len();
        }
    }

    /// Start of the current logical line.
    pub fn home(&mut self) {
        self.cursor = self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1);
    }

    /// End of the current logical line.
    pub fn end(&mut self) {
        self.cursor = self.text[self.cursor..].find('\n').map_or(self.text.len(), |i| self.cursor + i);
    }

    /// Moves one visual line up (-1) or down (+1) in a box `width` columns wide, keeping the
    /// display column where the line is long enough.
    pub fn vertical(&mut self, delta: isize, width: usize) {
        let lines = self.visual_lines(width);
        let (row, col) = self.position_in(&lines);
        let target = row as isize + delta;
        if target < 0 || target as usize >= lines.len() {
            return;
        }
        let line = &lines[target as usize];
        let mut offset = line.start;
        let mut used = 0;
        for (i, g) in self.text[line.clone()].grapheme_indices(true) {
            let w = text::grapheme_width(g);
            if used + w > col {
                break;
            }
            used += w;
            offset = line.start + i + g.len();
        }
        self.cursor = offset;
    }

    /// The wrapped lines of the text for a box `width` columns wide (byte ranges).
    pub fn visual_lines(&self, width: usize) -> Vec<std::ops::Range<usize>> {
        text::wrap(&self.text, width)
    }

    /// The cursor's (row, column) on screen in a box `width` columns wide.
    pub fn screen_position(&self, width: usize) -> (usize, usize) {
        self.position_in(&self.visual_lines(width))
    }

    fn position_in(&self, lines: &[std::ops::Range<usize>]) -> (usize, usize) {
        // The cursor belongs to the last line starting at or before it; a cursor on a
        // breaking space (removed by wrapping) shows at the end of the line before it.
        let row = lines.iter().rposition(|l| l.start <= self.cursor).unwrap_or(0);
        let Some(line) = lines.get(row) else { return (0, 0) };
        let end = self.cursor.min(line.end).max(line.start);
        (row, text::width(&self.text[line.start..end]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_column_counts_display_width() {
        let mut area = TextArea::new("日本 é");
        assert_eq!(area.screen_position(20), (0, 6));
        area.left();
        area.left();
        assert_eq!(area.screen_position(20), (0, 4));
    }

    #[test]
    fn combining_sequences_and_emoji_are_one_step() {
        let mut area = TextArea::new("e\u{301}👨\u{200d}👩\u{200d}👧");
        area.backspace();
        assert_eq!(area.text(), "e\u{301}");
        area.left();
        assert_eq!(area.cursor(), 0);
        area.delete();
        assert_eq!(area.text(), "");
    }

    #[test]
    fn moves_between_wrapped_lines_keeping_the_column() {
        // Wrapped at 10: "first line" / "second" / "third".
        let mut area = TextArea::new("first line second\nthird");
        area.home();
        assert_eq!(area.screen_position(10), (2, 0));
        area.vertical(-1, 10);
        assert_eq!(area.screen_position(10), (1, 0));
        area.end();
        area.vertical(-1, 10);
        area.right();
        assert_eq!(area.screen_position(10), (0, 7));
        area.vertical(1, 10);
        assert_eq!(area.screen_position(10), (1, 6), "clamped to the shorter line");
    }

    #[test]
    fn newlines_and_pastes() {
        let mut area = TextArea::default();
        area.insert_str("a\r\nb\x1b");
        area.insert('\n');
        assert_eq!(area.text(), "a\nb\n");
        assert_eq!(area.screen_position(10), (2, 0));
    }
}
