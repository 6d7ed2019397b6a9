//! Review on screen: marks in the list, the note editor and the label prompt.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::styled::styled_line;
use super::theme::THEME;
use crate::app::{Editor, Model};
use crate::text;

/// The list's marks column: reviewed, flagged, labels or note, as three cells.
pub fn marks(model: &Model, doc: usize) -> String {
    let Some(record) = model.review.as_ref().and_then(|r| r.record(doc)) else { return "   ".into() };
    let reviewed = if record.is_reviewed() { '✓' } else { ' ' };
    let flagged = if record.is_flagged() { '⚑' } else { ' ' };
    let extra = match (record.note().is_some(), record.labels().next().is_some()) {
        (true, _) => '✎',
        (false, true) => '•',
        _ => ' ',
    };
    format!("{reviewed}{flagged}{extra}")
}

/// The selected document's review for the article header: `✓ reviewed ⚑ flagged [a, b] note: …`.
pub fn summary(model: &Model, doc: usize) -> Option<String> {
    let store = model.review.as_ref()?;
    let record = store.record(doc)?;
    let mut parts = Vec::new();
    if record.is_reviewed() {
        parts.push("✓ reviewed".to_string());
    }
    if record.is_flagged() {
        parts.push("⚑ flagged".to_string());
    }
    let labels: Vec<&str> = record.labels().collect();
    if !labels.is_empty() {
        parts.push(format!("[{}]", labels.join(", ")));
    }
    if store.changed_since_review(doc) {
        parts.push("text changed since review".to_string());
    }
    if let Some(note) = record.note() {
        parts.push(format!("note: {}", note.lines().next().unwrap_or("")));
    }
    (!parts.is_empty()).then(|| parts.join("  "))
}

/// The note editor or the label prompt, over the article pane.
pub fn draw_editor(model: &Model, frame: &mut Frame, screen: Rect) {
    match &model.editor {
        Some(Editor::Note { doc, area }) => {
            let width = crate::app::note_width(model) as u16;
            let lines = area.visual_lines(width as usize);
            let height = (lines.len() as u16 + 2).clamp(5, screen.height.saturating_sub(2).max(3));
            let rect = centered(screen, width + 4, height);
            let title =
                format!(" Note: {} ", text::truncate(model.library.docs[*doc].title(), width as usize - 10));
            let block = Block::default()
                .border_set(super::theme::border_set())
                .borders(Borders::ALL)
                .border_style(THEME.border_focused)
                .title(title)
                .title_bottom(" Esc save · Enter new line ");
            let inner = block.inner(rect);
            frame.render_widget(Clear, rect);
            frame.render_widget(block, rect);
            let inner = Rect { x: inner.x + 1, width: inner.width.saturating_sub(2), ..inner };
            let (row, col) = area.screen_position(width as usize);
            let scroll = row.saturating_sub(inner.height.saturating_sub(1) as usize);
            let shown: Vec<Line> = lines
                .iter()
                .skip(scroll)
                .take(inner.height as usize)
                .map(|r| styled_line(area.text(), r.clone(), &[], THEME.base, inner.width as usize))
                .collect();
            frame.render_widget(Paragraph::new(shown), inner);
            let (x, y) = (inner.x as usize + col, inner.y as usize + row - scroll);
            frame.set_cursor_position(Position::new(
                x.min(inner.right().saturating_sub(1) as usize) as u16,
                y.min(inner.bottom().saturating_sub(1) as usize) as u16,
            ));
        }
        Some(Editor::Label { input, .. }) => {
            let rect = centered(screen, 60.min(screen.width), 4);
            let known = model.known_labels().join(", ");
            let block = Block::default()
                .border_set(super::theme::border_set())
                .borders(Borders::ALL)
                .border_style(THEME.border_focused)
                .title(" Toggle label (Tab completes, Enter applies, Esc cancels) ");
            let inner = block.inner(rect);
            frame.render_widget(Clear, rect);
            frame.render_widget(block, rect);
            let width = inner.width as usize;
            let lines = vec![
                Line::from(vec![
                    Span::styled("label: ", THEME.prompt),
                    Span::raw(text::truncate(input.text(), width.saturating_sub(8))),
                ]),
                Line::styled(text::truncate(&format!("known: {known}"), width), THEME.dim),
            ];
            frame.render_widget(Paragraph::new(lines), inner);
            let x = inner.x as usize + 7 + text::width(&input.text()[..input.cursor()]);
            frame.set_cursor_position(Position::new(
                x.min(inner.right().saturating_sub(1) as usize) as u16,
                inner.y,
            ));
        }
        None => {}
    }
}

fn centered(screen: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(screen.width);
    let height = height.min(screen.height);
    Rect {
        x: screen.x + (screen.width - width) / 2,
        y: screen.y + (screen.height - height) / 2,
        width,
        height,
    }
}
