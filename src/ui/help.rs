//! The `?` overlay: every key (from the keymap's table) and the query syntax, in two columns
//! when the screen is wide enough, scrollable when it is not.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph};

use super::theme::THEME;
use crate::app::Model;
use crate::app::keymap::{Keymap, help_sections};
use crate::text;

const QUERY_HELP: &[(&str, &str)] = &[
    ("word", "fuzzy: titles, actors; as typed: bodies"),
    ("a b", "both must match"),
    ("a | b", "either matches"),
    ("@name", "actor names only"),
    ("'exact", "exact substring"),
    ("^start end$", "prefix, suffix"),
    ("!word", "must not occur"),
    ("is:reviewed", "also is:unreviewed, is:flagged, has:note"),
    ("label:NAME", "documents with that label"),
    ("date:2019-02..2020", "date range (either end may be open)"),
];

const KEY_WIDTH: usize = 20;
/// The widest a column gets, and the narrowest that still shows a row of keys and its words.
const COLUMN_WIDTH: u16 = 66;
const MIN_COLUMN_WIDTH: u16 = 52;

/// The help text as blocks of lines, one block per section, so columns break between sections.
fn sections(keymap: &Keymap, column_width: usize) -> Vec<Vec<Line<'static>>> {
    let room = column_width.saturating_sub(KEY_WIDTH + 1);
    let row = |keys: &str, what: &str| {
        Line::from(vec![
            Span::styled(
                format!(" {:<w$}", text::truncate(keys, KEY_WIDTH - 1), w = KEY_WIDTH - 1),
                THEME.prompt,
            ),
            Span::raw(format!(" {}", text::truncate(what, room))),
        ])
    };
    let mut blocks: Vec<Vec<Line>> = help_sections(keymap)
        .into_iter()
        .map(|(context, rows)| {
            let mut lines = vec![Line::styled(context.title(), THEME.title)];
            lines.extend(rows.iter().map(|(keys, what)| row(keys, what)));
            lines.push(Line::default());
            lines
        })
        .collect();
    blocks.push(vec![
        Line::styled("Mouse", THEME.title),
        row("wheel", "scroll the pane under the pointer"),
        row("click, double click", "select a document, read it"),
        row("drag the divider", "resize the panes"),
        Line::default(),
    ]);
    let mut query = vec![Line::styled("Query (Space = and; case and accents ignored)", THEME.title)];
    query.extend(QUERY_HELP.iter().map(|(syntax, what)| row(syntax, what)));
    blocks.push(query);
    blocks
}

pub fn draw(model: &Model, frame: &mut Frame, screen: Rect) {
    let two_columns = screen.width >= 2 * MIN_COLUMN_WIDTH + 4;
    let width = if two_columns {
        (2 * COLUMN_WIDTH + 4).min(screen.width)
    } else {
        screen.width.min(COLUMN_WIDTH + 4)
    };
    // Inside the border and padding; two columns share it with a gutter of 2.
    let column_width = if two_columns { (width as usize - 4 - 2) / 2 } else { width as usize - 4 };
    let mut blocks = sections(&model.keymap, column_width);
    let review = match &model.review {
        Some(store) => format!("Review file: {}", store.path().display()),
        None if model.loading.is_some() => "Review starts when the documents are loaded".to_string(),
        None if model.titles_only().is_some() => "Review starts when the actors are found".to_string(),
        None => "Review is off (no review file)".to_string(),
    };
    // The path may be long: wrapped to the column, never cut.
    let review = text::sanitize_line(&review).into_owned();
    let mut first: Vec<Line> = text::wrap(&review, column_width.max(1))
        .into_iter()
        .map(|r| Line::styled(review[r].to_string(), THEME.dim))
        .collect();
    first.push(Line::default());
    blocks.insert(0, first);
    let total: usize = blocks.iter().map(Vec::len).sum();
    let (left, right) = if two_columns { split_in_two(blocks) } else { (blocks.concat(), Vec::new()) };
    let rows = left.len().max(right.len()) as u16;
    let height = screen.height.min(rows + 2);
    let area = Rect {
        x: screen.x + (screen.width - width) / 2,
        y: screen.y + (screen.height - height) / 2,
        width,
        height,
    };
    let scroll = model.help_scroll.min(total.saturating_sub(height.saturating_sub(2) as usize));
    let title =
        if rows + 2 > height { " Help: j/k scroll, any other key closes " } else { " Help: any key closes " };
    let block = Block::default()
        .border_set(super::theme::border_set())
        .borders(Borders::ALL)
        .border_style(THEME.border_focused)
        .padding(Padding::horizontal(1))
        .title(title);
    let inner = block.inner(area);
    clear_wide_cells_left_of(frame, area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    if two_columns {
        let [l, r] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).spacing(2).areas(inner);
        frame.render_widget(Paragraph::new(left).scroll((scroll as u16, 0)), l);
        frame.render_widget(Paragraph::new(right).scroll((scroll as u16, 0)), r);
    } else {
        frame.render_widget(Paragraph::new(left).scroll((scroll as u16, 0)), inner);
    }
}

/// Splits whole sections between two columns so that the taller column is as short as possible.
fn split_in_two(blocks: Vec<Vec<Line<'static>>>) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
    let total: usize = blocks.iter().map(Vec::len).sum();
    let mut best = (usize::MAX, 0);
    let mut running = 0;
    for (i, b) in blocks.iter().enumerate() {
        running += b.len();
        let taller = running.max(total - running);
        if taller < best.0 {
            best = (taller, i + 1);
        }
    }
    let mut left = Vec::new();
    let mut right = Vec::new();
    for (i, b) in blocks.into_iter().enumerate() {
        if i < best.1 { left.extend(b) } else { right.extend(b) }
    }
    (left, right)
}

/// A wide character just left of the overlay would spill over its border; blank it.
fn clear_wide_cells_left_of(frame: &mut Frame, area: Rect) {
    if area.x == 0 {
        return;
    }
    let buffer = frame.buffer_mut();
    for y in area.top()..area.bottom() {
        if let Some(cell) = buffer.cell_mut((area.x - 1, y))
            && text::width(cell.symbol()) > 1
        {
            cell.set_symbol(" ");
        }
    }
}
