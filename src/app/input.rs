//! A one-line text editor for the filter lines: the note editor's `TextArea`, kept to one line
//! (pasted line breaks become spaces), plus the readline deletions people type in a prompt.

use super::TextArea;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    area: TextArea,
}

impl LineInput {
    pub fn text(&self) -> &str {
        self.area.text()
    }

    /// Byte offset of the cursor.
    pub fn cursor(&self) -> usize {
        self.area.cursor()
    }

    pub fn insert(&mut self, c: char) {
        self.area.insert(if c.is_control() { ' ' } else { c });
    }

    /// Inserts pasted text on one line: line breaks and other controls become spaces.
    pub fn insert_str(&mut self, s: &str) {
        let clean: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        self.area.insert_str(&clean);
    }

    pub fn backspace(&mut self) {
        self.area.backspace();
    }

    pub fn delete(&mut self) {
        self.area.delete();
    }

    pub fn left(&mut self) {
        self.area.left();
    }

    pub fn right(&mut self) {
        self.area.right();
    }

    pub fn home(&mut self) {
        self.area.home();
    }

    pub fn end(&mut self) {
        self.area.end();
    }

    /// Deletes the word before the cursor and the spaces after it (readline's Ctrl-W).
    pub fn delete_word(&mut self) {
        let before = &self.text()[..self.cursor()];
        let start = before.trim_end_matches(' ').rfind(' ').map_or(0, |i| i + 1);
        self.area.delete_range(start..self.cursor());
    }

    /// Deletes everything before the cursor (readline's Ctrl-U).
    pub fn delete_to_start(&mut self) {
        self.area.delete_range(0..self.cursor());
    }

    pub fn clear(&mut self) {
        self.area = TextArea::default();
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
