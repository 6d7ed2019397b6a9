//! The actor panel: the listed documents' actors with their document counts, filterable.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::theme::{THEME, actor_style};
use crate::app::{ActorPanel, Focus, Mode, Model};
use crate::text;

pub fn draw(model: &Model, panel: &ActorPanel, frame: &mut Frame, area: Rect) {
    let focused = model.focus == Focus::Actors;
    let block = Block::default()
        .border_set(super::theme::border_set())
        .borders(Borders::ALL)
        .border_style(if focused { THEME.border_focused } else { THEME.border })
        .title(format!(" Actors {}/{} ", panel.shown.len(), panel.facets.len()));
    let block = match co_mentions_line(model, panel, area.width.saturating_sub(4) as usize) {
        Some(line) => block.title_bottom(line),
        None => block,
    };
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 {
        return;
    }
    let width = inner.width as usize;
    let editing = model.mode == Mode::ActorFilter;
    let filter = panel.filter.text();
    let prompt = if filter.is_empty() && !editing {
        // Names no gazetteer lists were not looked for (a large corpus): say how to ask.
        let hint = match model.library.discovery_skipped {
            true => "find an actor · listed only: --discover",
            false => "find an actor",
        };
        Line::from(vec![Span::styled("/ ", THEME.prompt), Span::styled(hint, THEME.dim)])
    } else {
        Line::from(vec![
            Span::styled("/ ", THEME.prompt),
            Span::raw(text::truncate(filter, width.saturating_sub(2))),
        ])
    };
    frame.render_widget(Paragraph::new(prompt), Rect { height: 1, ..inner });
    if editing {
        let x = inner.x as usize + 2 + text::width(&filter[..panel.filter.cursor()]);
        frame.set_cursor_position(Position::new(x.min((inner.right() - 1) as usize) as u16, inner.y));
    }
    let rows = inner.height.saturating_sub(1) as usize;
    let count_width = panel.facets.first().map_or(1, |(_, n)| n.to_string().len());
    let lines: Vec<Line> = panel
        .shown
        .iter()
        .enumerate()
        .skip(panel.offset)
        .take(rows)
        .map(|(i, &f)| {
            let (actor, documents) = panel.facets[f];
            let info = &model.library.actors.table[actor as usize];
            let selected = i == panel.selected && focused;
            let base = if selected { THEME.selected } else { THEME.base };
            let count = format!("{documents:>count_width$} ");
            let marker = if info.discovered { " ?" } else { "" };
            let room = width.saturating_sub(count.len() + marker.len());
            let mut spans = vec![
                Span::styled(count, base.patch(THEME.dim)),
                Span::styled(text::truncate(&info.name, room), base.patch(actor_style(info.kind))),
                Span::styled(marker, base.patch(THEME.dim)),
            ];
            let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
            if selected && used < width {
                spans.push(Span::styled(" ".repeat(width - used), base));
            }
            Line::from(spans)
        })
        .collect();
    let body = Rect { y: inner.y + 1, height: inner.height - 1, ..inner };
    frame.render_widget(Paragraph::new(lines), body);
}

/// ` with Putin: Russia 3 · Turkey 2 … ` under the panel, for the selected actor.
fn co_mentions_line(model: &Model, panel: &ActorPanel, width: usize) -> Option<Line<'static>> {
    if panel.co_mentions.is_empty() {
        return None;
    }
    let table = &model.library.actors.table;
    let others: Vec<String> =
        panel.co_mentions.iter().take(8).map(|(id, n)| format!("{} {n}", table[*id as usize].name)).collect();
    let text = format!(" with: {} ", others.join(" · "));
    Some(Line::styled(text::truncate(&text, width), THEME.dim))
}
