//! The document list: one row per hit (date, title with matched characters lit, leading actors).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::styled::{Layer, styled_line};
use super::theme::THEME;
use crate::actors::Field;
use crate::app::{Focus, Model};
use crate::text;

const DATE_WIDTH: usize = 10;
/// Actors are shown after the title only when the pane leaves them this much room.
const MIN_ACTORS_WIDTH: usize = 16;

pub fn draw(model: &Model, frame: &mut Frame, area: Rect) {
    let focused = model.focus == Focus::List;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused { THEME.border_focused } else { THEME.border })
        .title(format!(" Documents {}/{} ", model.hits.len(), model.library.len()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = inner.height as usize;
    let width = inner.width as usize;
    let lines: Vec<Line> = model
        .hits
        .iter()
        .enumerate()
        .skip(model.list_offset)
        .take(rows)
        .map(|(i, hit)| row(model, hit.doc as usize, width, i == model.selected))
        .collect();
    let lines = if lines.is_empty() { vec![Line::styled(" no document matches", THEME.dim)] } else { lines };
    frame.render_widget(Paragraph::new(lines), inner);
}

fn row(model: &Model, doc: usize, width: usize, selected: bool) -> Line<'static> {
    let library = &model.library;
    let document = &library.docs[doc];
    let base = if selected { THEME.selected } else { THEME.base };
    let date = document.date.as_deref().unwrap_or("");
    let date_cell = format!("{:<w$} ", text::truncate(date, DATE_WIDTH), w = DATE_WIDTH);
    let mut spans = vec![Span::styled(date_cell, base.patch(THEME.dim))];
    let title_room = width.saturating_sub(DATE_WIDTH + 1);
    let actors = leading_actors(model, doc);
    let title_width = text::width(&document.title);
    let (title_max, show_actors) =
        if !actors.is_empty() && title_room >= title_width + 2 + MIN_ACTORS_WIDTH.min(text::width(&actors)) {
            (title_width, true)
        } else {
            (title_room, false)
        };
    let ranges = library.index.highlights(&model.query, doc, Field::Title);
    let title = styled_line(
        &document.title,
        0..document.title.len(),
        &[Layer { ranges: &ranges, style: THEME.query_match }],
        base,
        title_max,
    );
    let used = DATE_WIDTH + 1 + text::width(&document.title).min(title_max);
    spans.extend(title.spans);
    if show_actors {
        let room = width.saturating_sub(used + 2);
        spans.push(Span::styled("  ", base));
        spans.push(Span::styled(text::truncate(&actors, room), base.patch(THEME.dim)));
    }
    let drawn: usize = spans.iter().map(|s| text::width(&s.content)).sum();
    if selected && drawn < width {
        spans.push(Span::styled(" ".repeat(width - drawn), base));
    }
    Line::from(spans).style(Style::default())
}

/// Up to three of the document's most mentioned actors, comma-separated.
fn leading_actors(model: &Model, doc: usize) -> String {
    model.library.actor_names(doc).take(3).collect::<Vec<_>>().join(", ")
}
