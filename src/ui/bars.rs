//! The filter line at the top and the status bar at the bottom.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_segmentation::UnicodeSegmentation;

use super::styled::styled_line;
use super::theme::THEME;
use crate::app::{Focus, Mode, Model};
use crate::loading::Phase;
use crate::text;

const PROMPT: &str = "/ ";

pub fn draw_filter(model: &Model, frame: &mut Frame, area: Rect) {
    let text = model.filter.text();
    let room = (area.width as usize).saturating_sub(PROMPT.len());
    let mut spans = vec![Span::styled(PROMPT, THEME.prompt)];
    if text.is_empty() && model.mode != Mode::Filter {
        spans.push(Span::styled(
            "press / to filter: words, @actor, 'exact, ^prefix, suffix$, !not, a | b",
            THEME.dim,
        ));
    } else {
        // Keep the cursor in view: show the tail of a filter longer than the line.
        let before_cursor = &text[..model.filter.cursor()];
        let start = tail_start(before_cursor, room.max(1));
        spans.extend(styled_line(text, start..text.len(), &[], THEME.base, room).spans);
        if model.mode == Mode::Filter {
            let x = area.x as usize + PROMPT.len() + text::width(&before_cursor[start..]);
            frame.set_cursor_position(Position::new(x.min(u16::MAX as usize) as u16, area.y));
        }
    }
    let line = Line::from(spans);
    frame.render_widget(Paragraph::new(line.clone()).style(THEME.base), area);
}

/// Where the longest tail of `s` narrower than `room` columns starts (a grapheme boundary).
/// Walks back from the end, so a long filter costs what the screen shows, not its square.
fn tail_start(s: &str, room: usize) -> usize {
    let mut used = 0;
    let mut start = s.len();
    for (i, g) in s.grapheme_indices(true).rev() {
        used += text::grapheme_width(g);
        if used >= room {
            break;
        }
        start = i;
    }
    start
}

pub fn draw_status(model: &Model, frame: &mut Frame, area: Rect) {
    let mode = match (model.mode, model.focus) {
        (Mode::Filter, _) => "FILTER",
        (Mode::ActorFilter, _) => "ACTOR FILTER",
        (Mode::Note, _) => "NOTE",
        (Mode::ArticleSearch, _) => "SEARCH",
        (Mode::Label, _) => "LABEL",
        (Mode::Browse, Focus::Actors) => "ACTORS",
        (Mode::Help, _) => "HELP",
        (Mode::Browse, Focus::List) => "LIST",
        (Mode::Browse, Focus::Article) => "ARTICLE",
    };
    let hints: &[(&str, &str)] = match model.mode {
        Mode::Filter => &[("Enter", "keep"), ("Esc", "clear"), ("↑↓", "history"), ("^N ^P", "move")],
        Mode::ActorFilter => &[("Enter", "keep"), ("Esc", "clear"), ("↑↓", "move")],
        Mode::ArticleSearch => &[("Enter", "keep"), ("Esc", "clear"), ("n N", "next, previous")],
        Mode::Note => &[("Esc", "save"), ("Enter", "new line")],
        Mode::Label => &[("Tab", "complete"), ("Enter", "apply"), ("Esc", "cancel")],
        _ if model.focus == Focus::Actors => &[("Enter", "add to query"), ("/", "find"), ("Esc", "close")],
        _ => &[("/", "filter"), ("a", "actors"), ("Tab", "focus"), ("?", "help"), ("q", "quit")],
    };
    // While a newer query is being searched, the count is the last results'.
    let searching = if model.searching() { "…" } else { "" };
    let count = match &model.loading {
        Some(loading) => match loading.status.phase {
            _ if loading.status.only_reading() => format!(" reading {}% ", loading.status.shown_percent()),
            Phase::Reading => format!(" loading {}% ", loading.status.percent()),
            Phase::Actors => " finding actors… ".to_string(),
            Phase::Indexing => " indexing… ".to_string(),
            Phase::Cache => " opening… ".to_string(),
        },
        // A first page: at least that many match.
        None if model.first_page_only() => format!(" {}+/{}… ", model.hits.len(), model.library.len()),
        None => format!(" {}/{}{searching} ", model.hits.len(), model.library.len()),
    };
    let mut spans = vec![Span::styled(count, THEME.status_key)];
    if let Some(status) = model.titles_only() {
        // Said until the whole library is in: title matches only, no actors, bodies unsearched.
        let doing = if status.phase == Phase::Indexing { "indexing" } else { "finding actors" };
        spans.push(Span::styled(format!(" titles only, {doing}… "), THEME.status_key));
    }
    spans.push(Span::styled(format!(" {mode} "), THEME.status));
    if model.sort != crate::order::SortOrder::Relevance {
        spans.push(Span::styled(format!(" by {} ", model.sort.name()), THEME.status_key));
    }
    if let Some(p) = &model.progress {
        spans.push(Span::styled(
            format!(
                " reviewed {}/{} · listed {}/{} ",
                p.corpus.reviewed, p.corpus.total, p.listed.reviewed, p.listed.total
            ),
            THEME.status,
        ));
    }
    match &model.message {
        Some(message) => spans.push(Span::styled(
            format!(" {} ", text::sanitize_line(&message.text)),
            if message.error { THEME.error } else { THEME.status_key },
        )),
        None => {
            for (key, what) in hints {
                spans.push(Span::styled(format!(" {key}"), THEME.status_key));
                spans.push(Span::styled(format!(" {what} "), THEME.status));
            }
        }
    }
    // Whatever does not fit is cut (a long message must not push the bar past the screen).
    let mut used = 0;
    spans.retain(|s| {
        used += text::width(&s.content);
        used <= area.width as usize
    });
    let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
    let origin = text::truncate(&model.origin, (area.width as usize).saturating_sub(used + 2));
    let gap = (area.width as usize).saturating_sub(used + text::width(&origin) + 1);
    spans.push(Span::styled(" ".repeat(gap), THEME.status));
    spans.push(Span::styled(format!("{origin} "), THEME.status));
    frame.render_widget(Paragraph::new(Line::from(spans)).style(THEME.status), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tail_before_the_cursor_fits_the_room() {
        assert_eq!(tail_start("abcdef", 4), 3);
        assert_eq!(tail_start("abc", 4), 0);
        assert_eq!(tail_start("日本語", 4), "日本".len());
        assert_eq!(tail_start("", 1), 0);
        assert_eq!(tail_start("e\u{301}x", 2), "e\u{301}".len());
    }
}
