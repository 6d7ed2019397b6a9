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
    /// Actor mentions by kind: person, organisation, state, place.
    pub actors: [Color; 4],
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
    actors: [Color::Green, Color::Magenta, Color::Blue, Color::Cyan],
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
    actors: [Color::Reset; 4],
};

/// What the config asked for, set once at start-up before anything is drawn: the theme (with
/// its colours applied) and whether borders are ASCII.
static CONFIGURED: OnceLock<(Theme, bool)> = OnceLock::new();

/// Records the config's theme and `layout.ascii_borders` (before the first draw). The config
/// was checked when it was read, so a bad colour here only falls back to the default.
pub fn configure(theme: &crate::config::ThemeConfig, ascii_borders: bool) {
    let base = if theme.monochrome { MONOCHROME } else { for_no_color(std::env::var_os("NO_COLOR")) };
    let themed = if base == MONOCHROME { base } else { with_colors(base, &theme.colors).unwrap_or(base) };
    let _ = CONFIGURED.set((themed, ascii_borders));
}

/// The theme in force: the configured one, else monochrome when `NO_COLOR` is set to anything
/// but empty (no-color.org), else colours.
pub static THEME: LazyLock<Theme> = LazyLock::new(|| match CONFIGURED.get() {
    Some((theme, _)) => *theme,
    None => for_no_color(std::env::var_os("NO_COLOR")),
});

/// The roles a colour can be given to in `[theme.colors]`.
pub const ROLES: &[&str] = &[
    "query_match",
    "search_match",
    "selected",
    "border",
    "border_focused",
    "prompt",
    "dim",
    "person",
    "organisation",
    "state",
    "place",
];

/// `theme` with colours by role (foreground, or background for the roles drawn as a band).
pub fn with_colors(
    mut theme: Theme,
    colors: &std::collections::BTreeMap<String, String>,
) -> Result<Theme, String> {
    for (role, value) in colors {
        let color: Color = value.parse().map_err(|_| {
            format!("theme.colors.{role} = {value:?}: not a colour (a name, #rrggbb or 0-255)")
        })?;
        match role.as_str() {
            "query_match" => theme.query_match = theme.query_match.fg(color),
            "search_match" => theme.search_match = theme.search_match.bg(color),
            "selected" => theme.selected = theme.selected.bg(color).remove_modifier(Modifier::REVERSED),
            "border" => theme.border = theme.border.fg(color),
            "border_focused" => theme.border_focused = theme.border_focused.fg(color),
            "prompt" => theme.prompt = theme.prompt.fg(color),
            "dim" => theme.dim = theme.dim.fg(color),
            "person" | "organisation" | "state" | "place" => {
                let kind = match role.as_str() {
                    "person" => ActorKind::Person,
                    "organisation" => ActorKind::Organisation,
                    "state" => ActorKind::State,
                    _ => ActorKind::Place,
                };
                theme.actors[kind_index(kind)] = color;
            }
            other => return Err(format!("theme.colors.{other}: unknown role (one of {})", ROLES.join(", "))),
        }
    }
    Ok(theme)
}

fn kind_index(kind: ActorKind) -> usize {
    match kind {
        ActorKind::Person => 0,
        ActorKind::Organisation => 1,
        ActorKind::State => 2,
        ActorKind::Place => 3,
    }
}

/// The border characters: line drawing, or ASCII when the config asks.
pub fn border_set() -> ratatui::symbols::border::Set<'static> {
    if ascii() { ASCII_BORDER } else { ratatui::symbols::border::PLAIN }
}

/// Whether the config asks for ASCII drawing (borders, the progress bar).
pub fn ascii() -> bool {
    CONFIGURED.get().is_some_and(|c| c.1)
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
    let color = THEME.actors[kind_index(kind)];
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
