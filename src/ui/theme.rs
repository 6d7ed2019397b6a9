//! Colours and emphasis in one place. Meaning is also carried by bold/reverse/underline so the
//! screen stays readable without colour.

use std::sync::{LazyLock, OnceLock};

use ratatui::style::{Color, Modifier, Style};

use crate::actors::ActorKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// Colours for terminals that have them.
pub const COLOR: Theme = Theme {
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

/// Without colour (`NO_COLOR`): meaning carried by bold, reverse, underline and italic.
pub const MONOCHROME: Theme = Theme {
    base: Style::new(),
    dim: Style::new(),
    title: Style::new().add_modifier(Modifier::BOLD),
    border: Style::new(),
    border_focused: Style::new().add_modifier(Modifier::BOLD),
    selected: Style::new().add_modifier(Modifier::REVERSED),
    query_match: Style::new().add_modifier(Modifier::BOLD).add_modifier(Modifier::UNDERLINED),
    status: Style::new().add_modifier(Modifier::REVERSED),
    status_key: Style::new().add_modifier(Modifier::REVERSED).add_modifier(Modifier::BOLD),
    prompt: Style::new().add_modifier(Modifier::BOLD),
    error: Style::new().add_modifier(Modifier::REVERSED).add_modifier(Modifier::BOLD),
    search_match: Style::new().add_modifier(Modifier::REVERSED),
    search_current: Style::new().add_modifier(Modifier::REVERSED).add_modifier(Modifier::BOLD),
};

/// What the config asked for, set once at start-up before anything is drawn.
static CONFIGURED: OnceLock<(bool, bool)> = OnceLock::new();

/// Records the config's `theme.monochrome` and `layout.ascii_borders` (before the first draw).
pub fn configure(monochrome: bool, ascii_borders: bool) {
    let _ = CONFIGURED.set((monochrome, ascii_borders));
}

/// The theme in force: monochrome when the config says so or `NO_COLOR` is set to anything but
/// empty (no-color.org).
pub static THEME: LazyLock<Theme> = LazyLock::new(|| {
    let configured = CONFIGURED.get().is_some_and(|c| c.0);
    if configured { MONOCHROME } else { for_no_color(std::env::var_os("NO_COLOR")) }
});

/// The border characters: line drawing, or ASCII when the config asks.
pub fn border_set() -> ratatui::symbols::border::Set<'static> {
    if CONFIGURED.get().is_some_and(|c| c.1) { ASCII_BORDER } else { ratatui::symbols::border::PLAIN }
}

const ASCII_BORDER: ratatui::symbols::border::Set<'static> = ratatui::symbols::border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

pub fn for_no_color(no_color: Option<std::ffi::OsString>) -> Theme {
    if no_color.is_some_and(|v| !v.is_empty()) { MONOCHROME } else { COLOR }
}

/// How an actor mention is marked in the article, by kind.
pub fn actor_style(kind: ActorKind) -> Style {
    if *THEME == MONOCHROME {
        return Style::new().add_modifier(Modifier::ITALIC);
    }
    let color = match kind {
        ActorKind::Person => Color::Green,
        ActorKind::Organisation => Color::Magenta,
        ActorKind::State => Color::Blue,
        ActorKind::Place => Color::Cyan,
    };
    Style::new().fg(color).add_modifier(Modifier::ITALIC)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_means_monochrome_unless_empty() {
        assert_eq!(for_no_color(None), COLOR);
        assert_eq!(for_no_color(Some("".into())), COLOR);
        assert_eq!(for_no_color(Some("1".into())), MONOCHROME);
        // Every meaning stays visible without colour.
        for style in [MONOCHROME.selected, MONOCHROME.query_match, MONOCHROME.search_match, MONOCHROME.error]
        {
            assert!(!style.add_modifier.is_empty() && style.fg.is_none() && style.bg.is_none());
        }
    }
}
