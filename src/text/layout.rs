//! Display-width layout: sanitising, truncation and wrapping by grapheme.
//!
//! Everything a document contains goes through [`visible`] before it reaches a terminal, so an
//! ESC, CSI, OSC, BEL or C1 byte is shown as a harmless symbol instead of driving the terminal.
//! Widths are measured on the visible form, per grapheme cluster, so a wide (CJK) character,
//! a combining sequence or an emoji ZWJ sequence is never split.
//!
//! Wrapping returns byte ranges of the original text rather than copies, so highlights computed
//! on the original (query matches, actor mentions) apply to wrapped lines unchanged.

use std::borrow::Cow;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The visible form of a grapheme: control characters become symbols, tabs a space.
pub fn visible(grapheme: &str) -> Cow<'_, str> {
    if !grapheme.chars().any(needs_replacing) {
        return Cow::Borrowed(grapheme);
    }
    Cow::Owned(grapheme.chars().map(replacement).collect())
}

/// Sanitises a whole string for a terminal (headless output to a tty, titles, file names).
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_replacing) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(replacement).collect())
}

/// Sanitises a string for one line of output: like [`sanitize`], and newlines become spaces.
pub fn sanitize_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| needs_replacing(c) || c == '\n') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| if c == '\n' { ' ' } else { replacement(c) }).collect())
}

fn needs_replacing(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Bidirectional overrides and isolates reorder the rest of a terminal line; shown, not obeyed.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn replacement(c: char) -> char {
    match c {
        '\t' => ' ',
        // C0 controls have their own visible symbols (␀..␟, ␛ for ESC).
        '\0'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7F}' => '\u{2421}',
        c if c.is_control() || is_bidi_control(c) => '\u{FFFD}',
        c => c,
    }
}

/// Display width of one grapheme as the terminal will draw it.
pub fn grapheme_width(grapheme: &str) -> usize {
    visible(grapheme).width()
}

/// Display width of a text (its visible form).
pub fn width(s: &str) -> usize {
    s.graphemes(true).map(grapheme_width).sum()
}

/// Cuts `s` to at most `max` columns, ending with `…` when something was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return sanitize_line(s).into_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let v = visible(g);
        let w = v.width();
        if used + w > max - 1 {
            break;
        }
        out.push_str(if g == "\n" { " " } else { &v });
        used += w;
    }
    out.push('…');
    out
}

/// Cuts `s` at a word boundary to at most `max` columns (for titles made from a first sentence).
pub fn cut_at_word(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut end = 0;
    let mut used = 0;
    let mut last_space = None;
    for (i, g) in s.grapheme_indices(true) {
        let w = grapheme_width(g);
        if used + w > max.saturating_sub(1) {
            break;
        }
        if g.chars().all(char::is_whitespace) {
            last_space = Some(i);
        }
        used += w;
        end = i + g.len();
    }
    let cut = last_space.filter(|&i| i > 0).unwrap_or(end);
    format!("{}…", s[..cut].trim_end())
}

/// Wraps `s` into lines of at most `width` columns, breaking at spaces where possible and
/// inside a word only when the word alone is wider than the line. Newlines are hard breaks.
/// Returns the byte range of each line in `s` (without the newline or the breaking space).
pub fn wrap(s: &str, width: usize) -> Vec<Range<usize>> {
    wrap_some(s, 0, width, usize::MAX).0
}

/// Wraps `s` from byte `start` (the start of a line) until `max_lines` lines are made or the
/// text ends, so a huge document is laid out only as far as it is read. Returns the lines and
/// where to go on (none at the end).
pub fn wrap_some(
    s: &str,
    start: usize,
    width: usize,
    max_lines: usize,
) -> (Vec<Range<usize>>, Option<usize>) {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut at = start;
    loop {
        let end = s[at..].find('\n').map_or(s.len(), |i| at + i);
        if let Some(resume) = wrap_paragraph(s, at, end, width, &mut lines, max_lines) {
            return (lines, Some(resume));
        }
        if end >= s.len() {
            return (lines, None);
        }
        at = end + 1;
        if lines.len() >= max_lines {
            return (lines, Some(at));
        }
    }
}

/// Wraps one paragraph; stops when `lines` reaches `limit`, returning where the next line starts.
fn wrap_paragraph(
    s: &str,
    start: usize,
    end: usize,
    width: usize,
    lines: &mut Vec<Range<usize>>,
    limit: usize,
) -> Option<usize> {
    let text = &s[start..end];
    if text.is_empty() {
        lines.push(start..start);
        return None;
    }
    let mut line_start = start;
    let mut used = 0;
    // The last place the line may break: (end of the line's text, start of the next line).
    let mut last_break: Option<(usize, usize, usize)> = None;
    for (i, g) in text.grapheme_indices(true) {
        let at = start + i;
        let w = grapheme_width(g);
        let is_space = g == " " || g == "\t";
        if used + w > width && !is_space {
            match last_break.take() {
                Some((line_end, next_start, width_after)) if line_end > line_start => {
                    lines.push(line_start..line_end);
                    line_start = next_start;
                    used -= width_after;
                }
                _ => {
                    lines.push(line_start..at);
                    line_start = at;
                    used = 0;
                }
            }
            if lines.len() >= limit {
                return Some(line_start);
            }
        }
        if is_space {
            if used + w > width {
                // A space at the end of a full line is the break itself.
                lines.push(line_start..at);
                line_start = at + g.len();
                used = 0;
                last_break = None;
                if lines.len() >= limit && line_start < end {
                    return Some(line_start);
                }
                continue;
            }
            used += w;
            last_break = Some((at, at + g.len(), used));
        } else {
            used += w;
        }
    }
    if line_start < end || lines.last().is_none_or(|l| l.end != end) {
        lines.push(line_start..end);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(s: &str, w: usize) -> Vec<&str> {
        wrap(s, w).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn control_characters_become_visible_symbols() {
        assert_eq!(sanitize("a\x1b[31mb"), "a␛[31mb");
        assert_eq!(sanitize("bell\x07"), "bell␇");
        assert_eq!(sanitize("c1\u{9b}x"), "c1\u{FFFD}x");
        assert_eq!(sanitize("rtl\u{202E}x"), "rtl\u{FFFD}x");
        assert_eq!(sanitize_line("two\nlines"), "two lines");
        assert!(matches!(sanitize("plain é"), Cow::Borrowed(_)));
    }

    #[test]
    fn truncates_by_display_width() {
        assert_eq!(truncate("Erdoğan", 10), "Erdoğan");
        assert_eq!(truncate("Erdoğan et Poutine", 10), "Erdoğan e…");
        assert_eq!(truncate("日本語のテキスト", 7), "日本語…");
        assert!(width(&truncate("日本語のテキスト", 7)) <= 7);
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn cuts_at_a_word_boundary() {
        assert_eq!(cut_at_word("Le président turc est contre", 16), "Le président…");
        assert_eq!(cut_at_word("court", 16), "court");
    }

    #[test]
    fn wraps_at_spaces_and_breaks_long_words() {
        assert_eq!(wrapped("le chat dort ici", 8), vec!["le chat", "dort ici"]);
        assert_eq!(wrapped("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrapped("a\n\nb", 4), vec!["a", "", "b"]);
        assert_eq!(wrapped("日本語日本語", 5), vec!["日本", "語日", "本語"]);
    }

    #[test]
    fn wrapping_in_pieces_gives_the_same_lines() {
        let s = "Hayat Tahrir al-Cham (anciennement connu sous le nom de Front al-Nosra) ont lancé\n\nune attaque contre les positions de l'armée syrienne à Idlib, où 日本語の文字 apparaissent.";
        for width in [5, 12, 30] {
            let whole = wrap(s, width);
            for piece in [1, 2, 3, 7] {
                let mut lines = Vec::new();
                let mut next = Some(0);
                while let Some(at) = next {
                    let (more, resume) = wrap_some(s, at, width, piece);
                    assert!(more.len() <= piece || piece == 0);
                    lines.extend(more);
                    next = resume;
                }
                assert_eq!(lines, whole, "width {width}, pieces of {piece}");
            }
        }
    }

    #[test]
    fn wrapped_lines_never_exceed_the_width() {
        let s = "Hayat Tahrir al-Cham* (anciennement connu sous le nom de Front al-Nosra*) ont lancé";
        for w in 1..30 {
            for line in wrapped(s, w) {
                assert!(width(line) <= w, "{line:?} wider than {w}");
            }
        }
    }
}
