//! Views: draw a `&Model` into a frame. Nothing here changes state.

mod actors;
mod article;
mod bars;
mod help;
mod list;
mod review;
mod styled;
pub mod theme;
mod timeline;

use ratatui::Frame;
use ratatui::widgets::Paragraph;

use crate::app::{Mode, Model};

pub use styled::{Layer, styled_line};

/// Draws the whole screen.
pub fn draw(model: &Model, frame: &mut Frame) {
    let Some(areas) = model.areas() else {
        draw_too_small(frame);
        return;
    };
    bars::draw_filter(model, frame, areas.filter);
    list::draw(model, frame, areas.list);
    if let (Some(panel), Some(area)) = (&model.actor_panel, areas.actors) {
        actors::draw(model, panel, frame, area);
    }
    article::draw(model, frame, areas.article);
    if let (Some(timeline), Some(area)) = (&model.timeline, areas.timeline) {
        timeline::draw(model, timeline, frame, area);
    }
    bars::draw_status(model, frame, areas.status);
    if model.editor.is_some() {
        review::draw_editor(model, frame, frame.area());
    }
    if model.mode == Mode::Help {
        help::draw(model, frame, frame.area());
    }
}

fn draw_too_small(frame: &mut Frame) {
    let area = frame.area();
    let message = format!(
        "Terminal too small: {}x{} (need {}x{})",
        area.width,
        area.height,
        crate::app::layout::MIN_WIDTH,
        crate::app::layout::MIN_HEIGHT
    );
    // Wrapped, so even a very narrow terminal shows the size it needs.
    let lines: Vec<_> = crate::text::wrap(&message, area.width as usize)
        .into_iter()
        .map(|r| styled_line(&message, r, &[], theme::THEME.base, area.width as usize))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}
