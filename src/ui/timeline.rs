//! The timeline strip: documents per month of the list as bars two rows high, the selected
//! document's month reversed, and the range and counts under them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::THEME;
use crate::app::Model;
use crate::text;
use crate::timeline::{Timeline, buckets, month_of};

/// Eighths of a cell, lowest first.
const BARS: [&str; 9] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

pub fn draw(model: &Model, timeline: &Timeline, frame: &mut Frame, area: Rect) {
    let width = area.width as usize;
    let span = timeline.span();
    let columns = buckets(&span, width.saturating_sub(1).max(1));
    let selected = model
        .selected_doc()
        .and_then(|d| model.library.docs[d].date())
        .and_then(month_of)
        .map(str::to_string);
    let peak = columns.iter().map(|c| c.2).max().unwrap_or(0).max(1);
    let mut rows = [Vec::new(), Vec::new()];
    for (first, last, count) in &columns {
        // Two rows: 16 eighths of height in all.
        let eighths = if *count == 0 { 0 } else { (count * 16).div_ceil(peak) as usize };
        let marked = selected.as_deref().is_some_and(|m| first.as_str() <= m && m <= last.as_str());
        let style = if marked { THEME.selected } else { THEME.prompt };
        rows[0].push(Span::styled(BARS[eighths.saturating_sub(8).min(8)], style));
        rows[1].push(Span::styled(BARS[eighths.min(8)], style));
    }
    let label = match (span.first(), span.last()) {
        (Some((first, _)), Some((last, _))) => {
            let total: u32 = timeline.months.values().sum();
            let here = selected.as_deref().map_or(String::new(), |m| {
                format!("  selected {m}: {}", timeline.months.get(m).copied().unwrap_or(0))
            });
            let undated = if timeline.undated > 0 {
                format!("  ({} undated)", timeline.undated)
            } else {
                String::new()
            };
            format!("{first} … {last}: {total} documents{here}{undated}  m/M narrow to its month/year")
        }
        _ => format!("no dated document ({} undated)", timeline.undated),
    };
    let lines = vec![
        Line::from(std::mem::take(&mut rows[0])),
        Line::from(std::mem::take(&mut rows[1])),
        Line::styled(text::truncate(&label, width), THEME.dim),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}
