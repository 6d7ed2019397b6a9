//! Keys → actions, in one table. The help overlay (and later the README and the config) are
//! generated from the same table, so a key cannot work without being documented.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Position;

use std::collections::BTreeMap;

use super::{Action, CopyWhat, Focus, Mode, Model};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Browsing, whichever pane has focus.
    Browse,
    /// Browsing with the list focused.
    List,
    /// Browsing with the actor panel focused.
    Actors,
    /// Browsing with the article focused.
    Article,
    /// Typing in the filter line.
    Filter,
    /// Writing a note.
    Note,
    /// Typing a label.
    Label,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Browse => "Browsing (list or article)",
            Context::List => "Document list",
            Context::Actors => "Actor panel (after a)",
            Context::Article => "Article (after Tab)",
            Context::Filter => "Filter line (after /)",
            Context::Note => "Note editor (after e)",
            Context::Label => "Label prompt (after l)",
        }
    }

    /// The context's name in the config file: `[keys.list]`.
    pub fn config_name(self) -> &'static str {
        match self {
            Context::Browse => "browsing",
            Context::List => "list",
            Context::Actors => "actors",
            Context::Article => "article",
            Context::Filter => "filter",
            Context::Note => "note",
            Context::Label => "label",
        }
    }

    pub const ALL: [Context; 7] = [
        Context::Browse,
        Context::List,
        Context::Actors,
        Context::Article,
        Context::Filter,
        Context::Note,
        Context::Label,
    ];
}

/// An action's name in the config file: `SelectNext` is `select-next`, `ToggleLabelNumber(0)`
/// is `toggle-label-number-0`, `ResizeSplit(-5)` is `resize-split-minus-5`.
pub fn action_name(action: &Action) -> String {
    let debug = format!("{action:?}").replace("(-", "(minus-");
    let mut name = String::new();
    for c in debug.chars() {
        match c {
            'A'..='Z' => {
                if !name.is_empty() && !name.ends_with('-') {
                    name.push('-');
                }
                name.push(c.to_ascii_lowercase());
            }
            '(' | ')' | ' ' | ',' => {
                if !name.ends_with('-') {
                    name.push('-');
                }
            }
            c => name.push(c),
        }
    }
    name.trim_end_matches('-').to_string()
}

/// The keys in force: the built-in table with the config's rebindings applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    bindings: Vec<Active>,
}

#[derive(Debug, Clone, PartialEq)]
struct Active {
    context: Context,
    keys: Vec<Key>,
    action: Action,
    help: &'static str,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: BINDINGS
                .iter()
                .map(|b| Active {
                    context: b.context,
                    keys: b.keys.to_vec(),
                    action: b.action.clone(),
                    help: b.help,
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// The default keys with `overrides` applied: context name → action name → key names.
    /// An unknown context, action or key is an error naming it.
    pub fn with_overrides(
        overrides: &BTreeMap<String, BTreeMap<String, Vec<String>>>,
    ) -> Result<Keymap, String> {
        let mut keymap = Keymap::default();
        for (context_name, actions) in overrides {
            let context = Context::ALL
                .into_iter()
                .find(|c| c.config_name() == context_name)
                .ok_or_else(|| format!("unknown key context [keys.{context_name}]"))?;
            for (name, keys) in actions {
                let binding = keymap
                    .bindings
                    .iter_mut()
                    .find(|b| b.context == context && action_name(&b.action) == *name)
                    .ok_or_else(|| format!("[keys.{context_name}] has no action `{name}`"))?;
                binding.keys = keys
                    .iter()
                    .map(|k| {
                        parse_key(k).ok_or_else(|| format!("[keys.{context_name}] {name}: unknown key `{k}`"))
                    })
                    .collect::<Result<_, _>>()?;
            }
        }
        Ok(keymap)
    }

    /// The `[keys.*]` tables of the default config, generated from the table.
    pub fn config_toml(&self) -> String {
        let mut out = String::new();
        for context in Context::ALL {
            out.push_str(&format!("\n[keys.{}]\n", context.config_name()));
            for b in self.bindings.iter().filter(|b| b.context == context) {
                let keys: Vec<String> = b.keys.iter().map(|k| format!("{:?}", key_spec(k))).collect();
                out.push_str(&format!("{} = [{}]  # {}\n", action_name(&b.action), keys.join(", "), b.help));
            }
        }
        out
    }
}

/// A key as the config file writes it: `j`, `G`, `Ctrl-f`, `Space`, `PgDn`, `Down`, `F5`.
pub fn key_spec(k: &Key) -> String {
    let name = match k.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        PageDown => "PgDn".into(),
        PageUp => "PgUp".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        Delete => "Del".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if k.mods.contains(KeyModifiers::CONTROL) { format!("Ctrl-{name}") } else { name }
}

/// Reads a key written as [`key_spec`] writes it (case matters only for single characters).
pub fn parse_key(spec: &str) -> Option<Key> {
    let (ctrl_mod, name) = match spec.strip_prefix("Ctrl-").or_else(|| spec.strip_prefix("ctrl-")) {
        Some(rest) if !rest.is_empty() => (true, rest),
        _ => (false, spec),
    };
    let mut chars = name.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => KeyCode::Char(c),
        _ => match name.to_ascii_lowercase().as_str() {
            "space" => KeyCode::Char(' '),
            "enter" | "return" => Enter,
            "esc" | "escape" => Esc,
            "tab" => Tab,
            "shift-tab" | "backtab" => KeyCode::BackTab,
            "backspace" => Backspace,
            "del" | "delete" => Delete,
            "up" => Up,
            "down" => Down,
            "left" => Left,
            "right" => Right,
            "home" => Home,
            "end" => End,
            "pgup" | "pageup" => PageUp,
            "pgdn" | "pagedown" => PageDown,
            f if f.starts_with('f') => KeyCode::F(f[1..].parse().ok().filter(|n| (1..=24).contains(n))?),
            _ => return None,
        },
    };
    let mods = if ctrl_mod { KeyModifiers::CONTROL } else { KeyModifiers::NONE };
    Some(Key { code, mods })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn key(c: char) -> Key {
    Key { code: KeyCode::Char(c), mods: KeyModifiers::NONE }
}
const fn ctrl(c: char) -> Key {
    Key { code: KeyCode::Char(c), mods: KeyModifiers::CONTROL }
}
const fn code(code: KeyCode) -> Key {
    Key { code, mods: KeyModifiers::NONE }
}

pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

const fn bind(context: Context, keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding { context, keys, action, help }
}

use Context::{Actors, Article, Browse, Filter, Label, List, Note};
use KeyCode::{Backspace, Delete, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up};

/// Every key of dossier. Order is the order of the help overlay.
/// The help row shared by the keys 1-9 (rows with the same words are shown as one).
const LABEL_KEYS_HELP: &str = "toggle label 1-9 (relevant, irrelevant, unsure)";

pub static BINDINGS: &[Binding] = &[
    bind(Browse, &[key('/')], Action::EditFilter, "edit the filter (live as you type)"),
    bind(Browse, &[code(Esc)], Action::ClearFilter, "clear the filter"),
    bind(
        Browse,
        &[code(Tab), code(KeyCode::BackTab)],
        Action::ToggleFocus,
        "move focus between list and article",
    ),
    bind(Browse, &[key('a')], Action::ToggleActorPanel, "show or hide the actor panel"),
    bind(Browse, &[key('y')], Action::Copy(CopyWhat::Id), "copy the id (OSC 52 clipboard)"),
    bind(Browse, &[key('Y')], Action::Copy(CopyWhat::Title), "copy the title"),
    bind(Browse, &[ctrl('y')], Action::Copy(CopyWhat::Text), "copy the whole text"),
    bind(Browse, &[key('o')], Action::OpenExternally(false), "open in $PAGER"),
    bind(Browse, &[key('O')], Action::OpenExternally(true), "open in $EDITOR"),
    bind(Browse, &[key('v')], Action::NextView, "next saved view (from the config)"),
    bind(Browse, &[key('t')], Action::ToggleTimeline, "show or hide the timeline (documents per month)"),
    bind(Browse, &[key('m')], Action::NarrowToDate(true), "narrow to the document's month / year"),
    bind(Browse, &[key('M')], Action::NarrowToDate(false), "narrow to the document's month / year"),
    bind(Browse, &[key('s')], Action::CycleSort, "sort by relevance, date, title, source"),
    bind(Browse, &[key('z')], Action::ToggleZoom, "zoom the article (again: back)"),
    bind(Browse, &[key('>')], Action::ResizeSplit(5), "widen / narrow the list"),
    bind(Browse, &[key('<')], Action::ResizeSplit(-5), "widen / narrow the list"),
    bind(Browse, &[key('?')], Action::ToggleHelp, "show or hide this help"),
    bind(Browse, &[key('r')], Action::ToggleReviewed, "mark or unmark reviewed"),
    bind(Browse, &[key('f')], Action::ToggleFlagged, "flag or unflag"),
    bind(Browse, &[key('d')], Action::MarkReviewedAndNext, "mark reviewed, go to the next unreviewed"),
    bind(Browse, &[key('n')], Action::NextUnreviewed, "next unreviewed document"),
    bind(Browse, &[key('1')], Action::ToggleLabelNumber(0), LABEL_KEYS_HELP),
    bind(Browse, &[key('2')], Action::ToggleLabelNumber(1), LABEL_KEYS_HELP),
    bind(Browse, &[key('3')], Action::ToggleLabelNumber(2), LABEL_KEYS_HELP),
    bind(Browse, &[key('4')], Action::ToggleLabelNumber(3), LABEL_KEYS_HELP),
    bind(Browse, &[key('5')], Action::ToggleLabelNumber(4), LABEL_KEYS_HELP),
    bind(Browse, &[key('6')], Action::ToggleLabelNumber(5), LABEL_KEYS_HELP),
    bind(Browse, &[key('7')], Action::ToggleLabelNumber(6), LABEL_KEYS_HELP),
    bind(Browse, &[key('8')], Action::ToggleLabelNumber(7), LABEL_KEYS_HELP),
    bind(Browse, &[key('9')], Action::ToggleLabelNumber(8), LABEL_KEYS_HELP),
    bind(Browse, &[key('l')], Action::PromptLabel, "toggle any label (Tab completes)"),
    bind(Browse, &[key('e')], Action::EditNote, "edit the note"),
    bind(Browse, &[key('u')], Action::UndoReview, "undo the last review change"),
    bind(Browse, &[ctrl('r')], Action::ReloadReview, "re-read the review file now"),
    bind(Browse, &[key('q'), ctrl('c')], Action::Quit, "quit"),
    bind(List, &[key('j'), code(Down)], Action::SelectNext, "next / previous document"),
    bind(List, &[key('k'), code(Up)], Action::SelectPrevious, "next / previous document"),
    bind(List, &[key('g'), code(Home)], Action::SelectFirst, "first / last document"),
    bind(List, &[key('G'), code(End)], Action::SelectLast, "first / last document"),
    bind(List, &[code(PageDown), ctrl('f')], Action::SelectPageDown, "one page down / up"),
    bind(List, &[code(PageUp), ctrl('b')], Action::SelectPageUp, "one page down / up"),
    bind(List, &[key(' ')], Action::ScrollPageDown, "scroll the article one page"),
    bind(List, &[code(Enter)], Action::ToggleFocus, "read the article"),
    bind(Actors, &[key('j'), code(Down)], Action::SelectNext, "next / previous actor"),
    bind(Actors, &[key('k'), code(Up)], Action::SelectPrevious, "next / previous actor"),
    bind(Actors, &[key('g'), code(Home)], Action::SelectFirst, "first / last actor"),
    bind(Actors, &[key('G'), code(End)], Action::SelectLast, "first / last actor"),
    bind(Actors, &[code(PageDown), ctrl('f')], Action::SelectPageDown, "one page down / up"),
    bind(Actors, &[code(PageUp), ctrl('b')], Action::SelectPageUp, "one page down / up"),
    bind(Actors, &[key('/')], Action::EditActorFilter, "filter the actors (any spelling)"),
    bind(Actors, &[code(Enter)], Action::AddSelectedActor, "add @actor to the query"),
    bind(Actors, &[code(Esc)], Action::ClearFilter, "close the panel"),
    bind(Article, &[key('/')], Action::SearchArticle, "search in the article"),
    bind(Article, &[key('n')], Action::NextMatch, "next / previous match"),
    bind(Article, &[key('N')], Action::PreviousMatch, "next / previous match"),
    bind(Article, &[key('j'), code(Down)], Action::ScrollDown, "scroll one line down / up"),
    bind(Article, &[key('k'), code(Up)], Action::ScrollUp, "scroll one line down / up"),
    bind(
        Article,
        &[key(' '), code(PageDown), ctrl('f')],
        Action::ScrollPageDown,
        "scroll one page down / up",
    ),
    bind(Article, &[key('b'), code(PageUp), ctrl('b')], Action::ScrollPageUp, "scroll one page down / up"),
    bind(Article, &[key('g'), code(Home)], Action::ScrollTop, "top / end of the article"),
    bind(Article, &[key('G'), code(End)], Action::ScrollBottom, "top / end of the article"),
    bind(Browse, &[key(']')], Action::NextMention, "next / previous actor mention"),
    bind(Browse, &[key('[')], Action::PreviousMention, "next / previous actor mention"),
    bind(Filter, &[code(Enter)], Action::FilterAccept, "back to the list, keeping the filter"),
    bind(Filter, &[code(Esc)], Action::ClearFilter, "clear the filter and go back"),
    bind(Filter, &[code(Up)], Action::HistoryStep(-1), "earlier / later query (history)"),
    bind(Filter, &[code(Down)], Action::HistoryStep(1), "earlier / later query (history)"),
    bind(Filter, &[ctrl('n')], Action::SelectNext, "next / previous document"),
    bind(Filter, &[ctrl('p')], Action::SelectPrevious, "next / previous document"),
    bind(Filter, &[code(Backspace), ctrl('h')], Action::FilterBackspace, "delete before / under the cursor"),
    bind(Filter, &[code(Delete), ctrl('d')], Action::FilterDelete, "delete before / under the cursor"),
    bind(Filter, &[ctrl('w')], Action::FilterDeleteWord, "delete the word before the cursor"),
    bind(Filter, &[ctrl('u')], Action::FilterDeleteToStart, "delete to the start of the line"),
    bind(Filter, &[code(Left)], Action::FilterCursorLeft, "move the cursor"),
    bind(Filter, &[code(Right)], Action::FilterCursorRight, "move the cursor"),
    bind(Filter, &[code(Home), ctrl('a')], Action::FilterCursorHome, "cursor to the start / end"),
    bind(Filter, &[code(End), ctrl('e')], Action::FilterCursorEnd, "cursor to the start / end"),
    bind(Filter, &[code(PageDown)], Action::SelectPageDown, "one page down / up"),
    bind(Filter, &[code(PageUp)], Action::SelectPageUp, "one page down / up"),
    bind(Filter, &[ctrl('c')], Action::Quit, "quit"),
    bind(Note, &[code(Esc), ctrl('s')], Action::EditorConfirm, "save the note and close (u undoes)"),
    bind(Note, &[code(Enter)], Action::NoteNewline, "new line"),
    bind(Note, &[code(Up)], Action::NoteVertical(-1), "move the cursor"),
    bind(Note, &[code(Down)], Action::NoteVertical(1), "move the cursor"),
    bind(Note, &[code(Left)], Action::FilterCursorLeft, "move the cursor"),
    bind(Note, &[code(Right)], Action::FilterCursorRight, "move the cursor"),
    bind(Note, &[code(Home), ctrl('a')], Action::FilterCursorHome, "start / end of the line"),
    bind(Note, &[code(End), ctrl('e')], Action::FilterCursorEnd, "start / end of the line"),
    bind(Note, &[code(Backspace), ctrl('h')], Action::FilterBackspace, "delete before / under the cursor"),
    bind(Note, &[code(Delete), ctrl('d')], Action::FilterDelete, "delete before / under the cursor"),
    bind(Label, &[code(Tab)], Action::CompleteLabel, "complete from known labels"),
    bind(Label, &[code(Enter)], Action::EditorConfirm, "toggle the label on the document"),
    bind(Label, &[code(Esc)], Action::EditorCancel, "cancel"),
    bind(Label, &[code(Backspace), ctrl('h')], Action::FilterBackspace, "delete before / under the cursor"),
    bind(Label, &[code(Left)], Action::FilterCursorLeft, "move the cursor"),
    bind(Label, &[code(Right)], Action::FilterCursorRight, "move the cursor"),
];

/// The action a key press means in the model's current mode and focus.
pub fn action_for(model: &Model, event: KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    // Shift is part of the character for letters ('G'); ignore it in matching.
    let mods = event.modifiers - KeyModifiers::SHIFT;
    let pressed = Key { code: event.code, mods };
    let contexts: &[Context] = match (model.mode, model.focus) {
        (Mode::Help, _) => {
            // j/k and arrows scroll a help taller than the screen; any other key closes it.
            return Some(match pressed {
                k if k == ctrl('c') => Action::Quit,
                k if k == key('j') || k == code(Down) => Action::ScrollHelp(1),
                k if k == key('k') || k == code(Up) => Action::ScrollHelp(-1),
                k if k == code(PageDown) || k == key(' ') => Action::ScrollHelp(10),
                k if k == code(PageUp) => Action::ScrollHelp(-10),
                _ => Action::ToggleHelp,
            });
        }
        (Mode::Filter | Mode::ActorFilter | Mode::ArticleSearch, _) => &[Filter],
        (Mode::Note, _) => &[Note],
        (Mode::Label, _) => &[Label],
        (Mode::Browse, Focus::List) => &[List, Browse],
        (Mode::Browse, Focus::Actors) => &[Actors, Browse],
        (Mode::Browse, Focus::Article) => &[Article, Browse],
    };
    for context in contexts {
        if let Some(b) =
            model.keymap.bindings.iter().find(|b| b.context == *context && b.keys.contains(&pressed))
        {
            return Some(b.action.clone());
        }
    }
    match (model.mode, pressed.code) {
        (
            Mode::Filter | Mode::ActorFilter | Mode::ArticleSearch | Mode::Note | Mode::Label,
            KeyCode::Char(c),
        ) if mods.is_empty() => Some(Action::FilterInsert(c)),
        _ => None,
    }
}

/// A key as the help shows it: `j`, `Ctrl-c`, `PgDn`.
pub fn key_label(k: &Key) -> String {
    let name = match k.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        Down => "↓".into(),
        Up => "↑".into(),
        Left => "←".into(),
        Right => "→".into(),
        PageDown => "PgDn".into(),
        PageUp => "PgUp".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        other => format!("{other}"),
    };
    if k.mods.contains(KeyModifiers::CONTROL) { format!("Ctrl-{name}") } else { name }
}

/// The help overlay's content: per context, (keys, description). Bindings of a context with
/// the same description share one row ("j k ↓ ↑  next / previous document").
pub fn help_sections(keymap: &Keymap) -> Vec<(Context, Vec<(String, &'static str)>)> {
    let mut sections: Vec<(Context, Vec<(String, &'static str)>)> = Vec::new();
    for b in &keymap.bindings {
        let keys = b.keys.iter().map(key_label).collect::<Vec<_>>().join(" ");
        let rows = match sections.iter_mut().position(|(c, _)| *c == b.context) {
            Some(i) => &mut sections[i].1,
            None => {
                sections.push((b.context, Vec::new()));
                &mut sections.last_mut().expect("just pushed").1
            }
        };
        if matches!(b.action, Action::ToggleLabelNumber(n) if n > 0) {
            continue;
        }
        let keys = if matches!(b.action, Action::ToggleLabelNumber(0)) { "1-9".to_string() } else { keys };
        match rows.iter_mut().find(|(_, help)| *help == b.help) {
            Some((shared, _)) => {
                shared.push(' ');
                shared.push_str(&keys);
            }
            None => rows.push((keys, b.help)),
        }
    }
    sections
}

/// The keys as a Markdown table (for the README; a test checks the README carries it).
pub fn markdown_table() -> String {
    let mut out = String::from("| where | keys | what |\n|---|---|---|\n");
    for (context, rows) in help_sections(&Keymap::default()) {
        for (keys, what) in rows {
            let keys = keys.replace('|', "\\|");
            out.push_str(&format!("| {} | `{}` | {} |\n", context.title(), keys, what));
        }
    }
    out
}

/// What a mouse gesture means where it happens. `double` says the click repeats the previous
/// one (same place, quickly): the event loop, which has the clock, decides that.
pub fn mouse_action(model: &Model, event: MouseEvent, double: bool) -> Option<Action> {
    let areas = model.areas()?;
    let at = Position::new(event.column, event.row);
    let in_list = areas.list.contains(at);
    let in_article = areas.article.contains(at);
    match event.kind {
        MouseEventKind::ScrollDown if in_article => Some(Action::ScrollDown),
        MouseEventKind::ScrollUp if in_article => Some(Action::ScrollUp),
        MouseEventKind::ScrollDown if in_list => Some(Action::SelectNext),
        MouseEventKind::ScrollUp if in_list => Some(Action::SelectPrevious),
        MouseEventKind::Down(MouseButton::Left) if in_list => {
            let row = event.row.checked_sub(areas.list.y + 1)? as usize + model.list_offset;
            if row >= model.hits.len() || event.row + 1 >= areas.list.bottom() {
                return None;
            }
            Some(if double && row == model.selected { Action::FocusArticle } else { Action::SelectRow(row) })
        }
        MouseEventKind::Down(MouseButton::Left) if in_article => Some(Action::FocusArticle),
        _ => None,
    }
}

/// Whether a press at `column` grabs the divider between list and article (side by side).
pub fn on_divider(model: &Model, column: u16, row: u16) -> bool {
    model.areas().is_some_and(|a| {
        a.article.y == a.list.y
            && a.list.width > 0
            && (row >= a.list.y && row < a.list.bottom())
            && (column + 1 == a.list.right() || column == a.article.x)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_one_name_per_context_and_every_key_reads_back() {
        let keymap = Keymap::default();
        let mut seen = std::collections::HashSet::new();
        for b in &keymap.bindings {
            assert!(seen.insert((b.context, action_name(&b.action))), "{:?} twice", b.action);
            for k in &b.keys {
                assert_eq!(parse_key(&key_spec(k)), Some(*k), "{}", key_spec(k));
            }
        }
        assert_eq!(action_name(&Action::ToggleLabelNumber(0)), "toggle-label-number-0");
        assert_eq!(action_name(&Action::ResizeSplit(-5)), "resize-split-minus-5");
        assert_eq!(action_name(&Action::Copy(CopyWhat::Id)), "copy-id");
    }

    #[test]
    fn overrides_rebind_and_errors_name_what_is_wrong() {
        let mut list = BTreeMap::new();
        list.insert("select-next".to_string(), vec!["Ctrl-j".to_string(), "Down".to_string()]);
        let mut overrides = BTreeMap::new();
        overrides.insert("list".to_string(), list);
        let keymap = Keymap::with_overrides(&overrides).unwrap();
        let next = keymap
            .bindings
            .iter()
            .find(|b| b.context == Context::List && b.action == Action::SelectNext)
            .unwrap();
        assert_eq!(next.keys, vec![ctrl('j'), code(Down)]);
        overrides.get_mut("list").unwrap().insert("fly".into(), vec!["x".into()]);
        assert_eq!(Keymap::with_overrides(&overrides).unwrap_err(), "[keys.list] has no action `fly`");
        let mut bad = BTreeMap::new();
        bad.insert("nowhere".to_string(), BTreeMap::new());
        assert!(Keymap::with_overrides(&bad).unwrap_err().contains("[keys.nowhere]"));
        let mut bad_key = BTreeMap::new();
        bad_key.insert(
            "list".to_string(),
            BTreeMap::from([("select-next".to_string(), vec!["Hyper-q".to_string()])]),
        );
        assert!(Keymap::with_overrides(&bad_key).unwrap_err().contains("unknown key `Hyper-q`"));
    }
}
