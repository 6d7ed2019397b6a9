//! The terminal: set-up, restore (also on panic), and the event loop
//! key → Action → update → draw.

use std::io;
use std::sync::Arc;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;

use crate::app::{Action, Mode, Model, keymap};
use crate::library::Library;
use crate::ui;

/// Restores the terminal when dropped, so an early return or error cannot leave it raw.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(io::stdout(), DisableBracketedPaste);
        ratatui::restore();
    }
}

/// Runs the browser until the user quits.
pub fn run(library: Arc<Library>, origin: String) -> io::Result<()> {
    // ratatui::init installs a panic hook that restores the terminal before the message prints.
    let mut terminal = ratatui::try_init()?;
    let _guard = TerminalGuard;
    execute!(io::stdout(), EnableBracketedPaste)?;
    let size = terminal.size()?;
    let mut model = Model::new(library, origin, (size.width, size.height));
    event_loop(&mut terminal, &mut model)
}

fn event_loop(terminal: &mut DefaultTerminal, model: &mut Model) -> io::Result<()> {
    while !model.should_quit {
        terminal.draw(|frame| ui::draw(model, frame))?;
        // Apply every event already waiting before drawing again, so a key storm or a paste
        // costs one frame rather than one per key.
        let mut next = Some(event::read()?);
        while let Some(event) = next.take() {
            if let Some(action) = action_for_event(model, event) {
                model.update(action);
            }
            if event::poll(std::time::Duration::ZERO)? {
                next = Some(event::read()?);
            }
        }
    }
    Ok(())
}

fn action_for_event(model: &Model, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => keymap::action_for(model, key),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Paste(text) if model.mode == Mode::Filter => Some(Action::FilterPaste(text)),
        Event::Paste(text) => {
            // Pasting while browsing starts a filter with the pasted text.
            let _ = text;
            None
        }
        _ => None,
    }
}
