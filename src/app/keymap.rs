//! Keys → actions, in one table. The help overlay (and later the README and the config) are
//! generated from the same table, so a key cannot work without being documented.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Position;

use super::{Action, CopyWhat, Focus, Mode, Model};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
        if let Some(b) = BINDINGS.iter().find(|b| b.context == *context && b.keys.contains(&pressed)) {
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
pub fn help_sections() -> Vec<(Context, Vec<(String, &'static str)>)> {
    let mut sections: Vec<(Context, Vec<(String, &'static str)>)> = Vec::new();
    for b in BINDINGS {
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
    for (context, rows) in help_sections() {
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
