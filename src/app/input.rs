//! A one-line text editor for the filter: a string and a cursor on a char boundary.

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Byte offset of the cursor, always on a char boundary.
    cursor: usize,
}

impl LineInput {
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

    /// Inserts pasted text on one line: line breaks and other controls become spaces.
    pub fn insert_str(&mut self, s: &str) {
        let clean: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
    }

    pub fn backspace(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
            self.text.remove(self.cursor);
        }
    }

    pub fn delete(&mut self) {
        if self.cursor < self.text.len() {
            self.text.remove(self.cursor);
        }
    }

    /// Deletes the word before the cursor and the spaces after it (readline's Ctrl-W).
    pub fn delete_word(&mut self) {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end_matches(' ');
        let start = trimmed.rfind(' ').map_or(0, |i| i + 1);
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    pub fn delete_to_start(&mut self) {
        self.text.replace_range(..self.cursor, "");
        self.cursor = 0;
    }

    pub fn left(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
        }
    }

    pub fn right(&mut self) {
        if let Some(c) = self.text[self.cursor..].chars().next() {
            self.cursor += c.len_utf8();
        }
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> LineInput {
        let mut input = LineInput::default();
        s.chars().for_each(|c| input.insert(c));
        input
    }

    #[test]
    fn edits_multibyte_text_at_the_cursor() {
        let mut input = typed("erdoğan");
        input.left();
        input.left();
        input.backspace();
        assert_eq!(input.text(), "erdoan");
        input.insert('g');
        assert_eq!(input.text(), "erdogan");
        input.home();
        input.delete();
        assert_eq!(input.text(), "rdogan");
    }

    #[test]
    fn deletes_words_and_prefixes() {
        let mut input = typed("@putin idlib  ");
        input.delete_word();
        assert_eq!(input.text(), "@putin ");
        input.delete_to_start();
        assert_eq!((input.text(), input.cursor()), ("", 0));
    }

    #[test]
    fn paste_stays_on_one_line() {
        let mut input = LineInput::default();
        input.insert_str("a\nb\x1b");
        assert_eq!(input.text(), "a b ");
    }
}
