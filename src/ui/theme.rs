//! Colours and emphasis in one place. Meaning is also carried by bold/reverse/underline so the
//! screen stays readable without colour.

use ratatui::style::{Color, Modifier, Style};

use crate::actors::ActorKind;

pub struct Theme {
    pub base: Style,
    pub dim: Style,
    pub title: Style,
    pub border: Style,
    pub border_focused: Style,
    pub selected: Style,
    pub query_match: Style,
    pub status: Style,
    pub status_key: Style,
    pub prompt: Style,
    pub error: Style,
    /// Occurrences of the search inside the article, and the current one.
    pub search_match: Style,
    pub search_current: Style,
}

pub const THEME: Theme = Theme {
    base: Style::new(),
    dim: Style::new().fg(Color::DarkGray),
    title: Style::new().add_modifier(Modifier::BOLD),
    border: Style::new().fg(Color::DarkGray),
    border_focused: Style::new().fg(Color::Cyan),
    selected: Style::new().add_modifier(Modifier::REVERSED),
    query_match: Style::new()
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD)
        .add_modifier(Modifier::UNDERLINED),
    status: Style::new().fg(Color::Black).bg(Color::Gray),
    status_key: Style::new().fg(Color::Black).bg(Color::Gray).add_modifier(Modifier::BOLD),
    prompt: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    error: Style::new().fg(Color::White).bg(Color::Red).add_modifier(Modifier::BOLD),
    search_match: Style::new().fg(Color::Black).bg(Color::Yellow),
    search_current: Style::new().fg(Color::Black).bg(Color::LightRed).add_modifier(Modifier::BOLD),
};

/// How an actor mention is marked in the article, by kind.
pub fn actor_style(kind: ActorKind) -> Style {
    let color = match kind {
        ActorKind::Person => Color::Green,
        ActorKind::Organisation => Color::Magenta,
        ActorKind::State => Color::Blue,
        ActorKind::Place => Color::Cyan,
    };
    Style::new().fg(color).add_modifier(Modifier::ITALIC)
}
