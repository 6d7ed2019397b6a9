//! The document list: one row per hit (date, title with matched characters lit, leading actors).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::styled::{Layer, styled_line};
use super::theme::THEME;
use crate::actors::Field;
use crate::app::{Focus, Loading, Mode, Model};
use crate::loading::Phase;
use crate::text;

const MAX_DATE_WIDTH: usize = 10;
/// Actors get a column only when the pane leaves the title and them this much room.
const MIN_TITLE_WIDTH: usize = 40;
const MIN_ACTORS_WIDTH: usize = 16;

pub fn draw(model: &Model, frame: &mut Frame, area: Rect) {
    let focused = model.focus == Focus::List;
    let block = Block::default()
        .border_set(super::theme::border_set())
        .borders(Borders::ALL)
        .border_style(if focused { THEME.border_focused } else { THEME.border })
        .title(match model.loading {
            Some(_) => " Documents ".to_string(),
            None => format!(" Documents {}/{} ", model.hits.len(), model.library.len()),
        });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if let Some(loading) = &model.loading {
        draw_loading(loading, frame, inner);
        return;
    }
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
    // The terminal cursor sits on the selected row, so screen readers follow the selection.
    if focused && model.mode == Mode::Browse && !model.hits.is_empty() && inner.height > 0 {
        let row = (model.selected.saturating_sub(model.list_offset)).min(inner.height as usize - 1);
        frame.set_cursor_position(Position::new(inner.x, inner.y + row as u16));
    }
}

/// The progress of the load, where the documents will be: what is done, a bar for the reading,
/// and a word on the filter line, which already takes a query.
fn draw_loading(loading: &Loading, frame: &mut Frame, area: Rect) {
    let width = area.width as usize;
    let status = &loading.status;
    // Wrapped: the list pane is narrow and the numbers at the end are the point.
    let line = status.describe(&loading.name);
    let mut lines: Vec<Line> = text::wrap(&line, width.saturating_sub(1).max(1))
        .into_iter()
        .map(|r| Line::styled(format!(" {}", &line[r]), THEME.base))
        .collect();
    let bar_width = width.saturating_sub(2).min(60);
    if bar_width > 0 {
        // The reading is measured in bytes; the phases after it are not, so their bar is full.
        let done = match status.phase {
            Phase::Reading => bar_width * status.shown_percent() as usize / 100,
            Phase::Actors | Phase::Indexing | Phase::Cache => bar_width,
        };
        let (full, empty) = if super::theme::ascii() { ("#", "-") } else { ("█", "░") };
        lines.push(Line::from(vec![
            Span::raw(" "),
            Span::styled(full.repeat(done), THEME.prompt),
            Span::styled(empty.repeat(bar_width - done), THEME.dim),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(text::truncate(" / to filter now: it runs once loaded", width), THEME.dim));
    frame.render_widget(Paragraph::new(lines), area);
}

fn row(model: &Model, doc: usize, width: usize, selected: bool) -> Line<'static> {
    let library = &model.library;
    let document = &library.docs[doc];
    let base = if selected { THEME.selected } else { THEME.base };
    // The date column is as wide as the corpus's longest date, and absent when none has one
    // or the pane is too narrow to spare it.
    let date_width = if width >= MIN_TITLE_WIDTH { library.date_width.min(MAX_DATE_WIDTH) } else { 0 };
    let mut spans = Vec::new();
    if model.review.is_some() {
        spans.push(Span::styled(super::review::marks(model, doc), base.patch(THEME.prompt)));
    }
    if date_width > 0 {
        let date = document.date().unwrap_or("");
        let cell = format!("{:<w$} ", text::truncate(date, date_width), w = date_width);
        spans.push(Span::styled(cell, base.patch(THEME.dim)));
    }
    let room = width.saturating_sub(spans.iter().map(|s| text::width(&s.content)).sum::<usize>());
    // Actors get a column of their own when the row is wide enough for both.
    let actors_width = if room >= MIN_TITLE_WIDTH + MIN_ACTORS_WIDTH { (room / 3).min(32) } else { 0 };
    let title_width = room.saturating_sub(actors_width);
    let ranges = library.index.highlights(&model.query, doc, Field::Title);
    let title = styled_line(
        document.title(),
        0..document.title().len(),
        &[Layer { ranges: &ranges, style: THEME.query_match }],
        base,
        title_width.saturating_sub(usize::from(actors_width > 0)),
    );
    spans.extend(title.spans);
    if actors_width > 0 {
        let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
        let pad = (width - room + title_width).saturating_sub(used);
        spans.push(Span::styled(" ".repeat(pad), base));
        spans.push(Span::styled(
            text::truncate(&leading_actors(model, doc), actors_width),
            base.patch(THEME.dim),
        ));
    }
    let drawn: usize = spans.iter().map(|s| text::width(&s.content)).sum();
    if selected && drawn < width {
        spans.push(Span::styled(" ".repeat(width - drawn), base));
    }
    Line::from(spans).style(Style::default())
}

/// The document's most mentioned actors, comma-separated; listed actors before discovered
/// names, which are guesses.
fn leading_actors(model: &Model, doc: usize) -> String {
    let library = &model.library;
    let mut names: Vec<(bool, &str)> = library
        .doc_actors(doc)
        .iter()
        .filter_map(|a| library.actors.table.get(a.actor as usize))
        .map(|info| (info.discovered, info.name.as_str()))
        .collect();
    names.sort_by_key(|(discovered, _)| *discovered);
    names.into_iter().take(3).map(|(_, name)| name).collect::<Vec<_>>().join(", ")
}
