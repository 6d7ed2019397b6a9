//! The terminal: set-up, restore (also on panic and on SIGTERM/SIGHUP), and the event loop.
//!
//! Terminal events and signals arrive on one channel from their own threads; the loop applies
//! every message already waiting before it draws again, so a key storm or a paste costs one
//! frame, not one per key.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::thread;
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
    MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::crossterm::execute;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::app::{Action, Effect, Message as StatusMessage, Mode, Model, keymap};
use crate::config::Config;
use crate::external;
use crate::library::Library;
use crate::loading::Tracker;
use crate::review::ReviewStore;
use crate::ui;
use std::io::Write;

/// Something the loop must react to.
enum Message {
    Terminal(Event),
    /// A signal asking dossier to stop.
    Stop,
    /// Reading the terminal failed: stop with this error.
    Failed(io::Error),
    /// Time to check whether another dossier changed the review file.
    Tick,
    /// The background load is done.
    Loaded(Box<Ready>),
    /// The background load has a titles-only library to show until it is done.
    TitlesOnly(Box<Ready>),
}

/// What a background load hands to the screen.
pub struct Ready {
    pub library: Arc<Library>,
    pub review: Option<ReviewStore>,
    /// For the status bar: load warnings, a review file that could not be opened.
    pub message: Option<StatusMessage>,
}

/// A load to run in the background while the screen is up (see [`run_loading`]).
pub struct Background {
    /// What is loading, for the progress line.
    pub name: String,
    /// Advanced by `load`, polled by the screen.
    pub tracker: Arc<Tracker>,
    pub load: Load,
}

/// A background load: returns the library, and may first hand a titles-only one to the
/// function it is given.
pub type Load = Box<dyn FnOnce(&mut dyn FnMut(Ready)) -> Ready + Send>;

/// How often the screen redraws the progress of a load.
const PROGRESS_INTERVAL: Duration = Duration::from_millis(100);

/// Restores the terminal when dropped, so an early return or error cannot leave it raw.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
        ratatui::restore();
    }
}

/// Runs the browser at once, while `background` loads the corpus on a thread of its own: the
/// screen shows the load's progress, then the documents, until the user quits or a signal asks
/// it to stop. Quitting before the load is done leaves the thread behind (the process exits).
pub fn run_loading(origin: String, background: Background, config: &Config) -> io::Result<()> {
    let Background { name, tracker, load } = background;
    let (tx, rx) = mpsc::channel();
    forward_signals(tx.clone())?;
    tick(tx.clone());
    // ratatui::try_init installs a panic hook that restores raw mode and the screen; this one,
    // which it chains to, also turns off what dossier turned on (mouse capture, paste).
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
        previous(info);
    }));
    let mut terminal = ratatui::try_init()?;
    let _guard = TerminalGuard;
    execute!(io::stdout(), EnableBracketedPaste, EnableMouseCapture)?;
    let gate = InputGate::default();
    forward_terminal_events(tx.clone(), gate.clone());
    let size = terminal.size()?;
    let history = crate::history::History::default_path().map(|p| crate::history::History::load(&p));
    let mut model = Model::loading(origin, name, (size.width, size.height))
        .with_history(history.unwrap_or_default())
        .with_config(config)
        .with_interrupt(Arc::clone(&gate.waiting));
    // The first frame is drawn before the loader takes every core.
    let _ = terminal.draw(|frame| ui::draw(&model, frame));
    spawn_loader(load, tx);
    event_loop(&mut terminal, &mut model, &rx, &gate, &tracker)
}

fn spawn_loader(load: Load, tx: Sender<Message>) {
    thread::spawn(move || {
        let mut titles_only = |ready: Ready| {
            let _ = tx.send(Message::TitlesOnly(Box::new(ready)));
        };
        // The loader's parallel work runs on a pool of its own: on the screen's (the global
        // one) a search typed into the titles-only library would queue behind the actor
        // extraction's tasks until the whole library is built. Two pools share the cores.
        let pool = rayon::ThreadPoolBuilder::new().thread_name(|i| format!("dossier-loader-{i}")).build();
        let load = || match pool {
            Ok(pool) => pool.install(|| load(&mut titles_only)),
            Err(_) => load(&mut titles_only),
        };
        // A panic has already restored the terminal (the hook): the loop must stop, not wait.
        let message = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(load)) {
            Ok(ready) => Message::Loaded(Box::new(ready)),
            Err(_) => Message::Failed(io::Error::other("loading the corpus failed (a panic)")),
        };
        let _ = tx.send(message);
    });
}

/// Every two seconds, a Tick: cheap (one stat of the review file), so marks made in another
/// window show up here without any key.
fn tick(tx: Sender<Message>) {
    thread::spawn(move || {
        while tx.send(Message::Tick).is_ok() {
            thread::sleep(Duration::from_secs(2));
        }
    });
}

/// The review file's (modification time, length), to notice another writer.
fn review_file_stamp(model: &Model) -> Option<(std::time::SystemTime, u64)> {
    let meta = std::fs::metadata(model.review.as_ref()?.path()).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// Lets the event loop stop the terminal reader while another program (a pager, an editor)
/// owns the terminal, so no keystroke meant for that program is read by dossier.
#[derive(Clone, Default)]
struct InputGate {
    paused: Arc<AtomicBool>,
    parked: Arc<AtomicBool>,
    /// Set when the reader forwards an event, cleared when the loop takes the events: a
    /// search sees it and gives up (see `Model::with_interrupt`).
    waiting: Arc<AtomicBool>,
}

impl InputGate {
    /// Pauses the reader and waits (up to a second) until it is not reading.
    fn pause(&self) {
        self.paused.store(true, Ordering::SeqCst);
        let deadline = std::time::Instant::now() + Duration::from_secs(1);
        while !self.parked.load(Ordering::SeqCst) && std::time::Instant::now() < deadline {
            thread::sleep(Duration::from_millis(5));
        }
    }

    fn resume(&self) {
        self.paused.store(false, Ordering::SeqCst);
    }
}

fn forward_terminal_events(tx: Sender<Message>, gate: InputGate) {
    thread::spawn(move || {
        loop {
            if gate.paused.load(Ordering::SeqCst) {
                gate.parked.store(true, Ordering::SeqCst);
                thread::sleep(Duration::from_millis(20));
                continue;
            }
            gate.parked.store(false, Ordering::SeqCst);
            // Poll with a timeout rather than block in read, so a pause takes effect quickly.
            let message = match event::poll(Duration::from_millis(50)) {
                Ok(false) => continue,
                Ok(true) => match event::read() {
                    Ok(event) => Message::Terminal(event),
                    Err(error) => Message::Failed(error),
                },
                Err(error) => Message::Failed(error),
            };
            let failed = matches!(message, Message::Failed(_));
            gate.waiting.store(true, Ordering::SeqCst);
            if tx.send(message).is_err() || failed {
                return;
            }
        }
    });
}

fn forward_signals(tx: Sender<Message>) -> io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    thread::spawn(move || {
        for _signal in signals.forever() {
            if tx.send(Message::Stop).is_err() {
                return;
            }
        }
    });
    Ok(())
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    model: &mut Model,
    rx: &Receiver<Message>,
    gate: &InputGate,
    tracker: &Tracker,
) -> io::Result<()> {
    let mut seen_stamp = review_file_stamp(model);
    // Test hook: the end-to-end tests prove that a panic gives the terminal back.
    let panic_for_test = std::env::var_os("DOSSIER_TEST_PANIC").is_some();
    let mut mouse = MouseState::default();
    while !model.should_quit {
        let loading = model.loading.is_some() || model.titles_only().is_some();
        if loading {
            model.load_progress(tracker.status());
        }
        terminal.draw(|frame| ui::draw(model, frame))?;
        let first = if model.searching() {
            // A query still to rank (after its first page, or given up for a key): input
            // first, else rank it now and draw again.
            match rx.try_recv() {
                Ok(message) => message,
                Err(TryRecvError::Empty) => {
                    model.settle_progressively();
                    continue;
                }
                Err(TryRecvError::Disconnected) => return Ok(()),
            }
        } else if loading {
            // Wake up to redraw the progress even when nothing happens.
            match rx.recv_timeout(PROGRESS_INTERVAL) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            }
        } else {
            match rx.recv() {
                Ok(message) => message,
                Err(_) => return Ok(()),
            }
        };
        if panic_for_test && matches!(first, Message::Terminal(Event::Key(_))) {
            panic!("DOSSIER_TEST_PANIC: a key was pressed");
        }
        // Cleared before taking the events: one that arrives after this interrupts the search.
        gate.waiting.store(false, Ordering::SeqCst);
        for message in std::iter::once(first).chain(rx.try_iter()) {
            match message {
                Message::Terminal(event) => {
                    if let Some(action) = action_for_event(model, event, &mut mouse) {
                        model.update_deferred(action);
                    }
                }
                // Review state is saved at every change, so stopping loses nothing.
                Message::Stop => return Ok(()),
                Message::Failed(error) => return Err(error),
                Message::Loaded(ready) => {
                    let Ready { library, review, message } = *ready;
                    model.library_ready(library, review, message);
                    seen_stamp = review_file_stamp(model);
                }
                Message::TitlesOnly(ready) => {
                    let Ready { library, review, message } = *ready;
                    model.titles_only_ready(library, review, message);
                    seen_stamp = review_file_stamp(model);
                }
                Message::Tick => {
                    let stamp = review_file_stamp(model);
                    if stamp != seen_stamp {
                        model.update_deferred(Action::ReloadReview);
                        seen_stamp = review_file_stamp(model);
                    }
                    continue;
                }
            }
        }
        model.settle_progressively();
        run_effects(terminal, model, gate)?;
    }
    Ok(())
}

/// Runs what `update` queued that needs the terminal: the clipboard, a pager or an editor.
fn run_effects(terminal: &mut DefaultTerminal, model: &mut Model, gate: &InputGate) -> io::Result<()> {
    for effect in std::mem::take(&mut model.effects) {
        match effect {
            Effect::Copy(text) => {
                let mut out = io::stdout();
                out.write_all(external::osc52(&text).as_bytes())?;
                out.flush()?;
            }
            Effect::Open { doc, editor } => {
                // Hand the terminal over, then take it back and redraw everything.
                gate.pause();
                execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture)?;
                ratatui::restore();
                let result = external::open(&model.library.docs.whole(doc), editor);
                *terminal = ratatui::try_init()?;
                gate.resume();
                execute!(io::stdout(), EnableBracketedPaste, EnableMouseCapture)?;
                terminal.clear()?;
                if let Err(error) = result {
                    model.message =
                        Some(StatusMessage { text: format!("could not open: {error}"), error: true });
                }
            }
        }
    }
    Ok(())
}

/// What the loop remembers between mouse events: the last click (for double clicks) and
/// whether the divider is being dragged.
#[derive(Default)]
struct MouseState {
    last_click: Option<(u16, u16, std::time::Instant)>,
    dragging_divider: bool,
}

fn action_for_mouse(model: &Model, mouse: MouseEvent, state: &mut MouseState) -> Option<Action> {
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) if keymap::on_divider(model, mouse.column, mouse.row) => {
            state.dragging_divider = true;
            None
        }
        MouseEventKind::Drag(MouseButton::Left) if state.dragging_divider => {
            let percent = u32::from(mouse.column + 1) * 100 / u32::from(model.size.0.max(1));
            Some(Action::SetSplit(percent as u16))
        }
        MouseEventKind::Up(_) => {
            state.dragging_divider = false;
            None
        }
        MouseEventKind::Down(MouseButton::Left) => {
            let now = std::time::Instant::now();
            let double = state.last_click.is_some_and(|(c, r, t)| {
                (c, r) == (mouse.column, mouse.row) && now.duration_since(t) < Duration::from_millis(400)
            });
            state.last_click = Some((mouse.column, mouse.row, now));
            keymap::mouse_action(model, mouse, double)
        }
        _ => keymap::mouse_action(model, mouse, false),
    }
}

fn action_for_event(model: &Model, event: Event, mouse: &mut MouseState) -> Option<Action> {
    match event {
        Event::Key(key) => keymap::action_for(model, key),
        Event::Mouse(m) => action_for_mouse(model, m, mouse),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Paste(text) if matches!(model.mode, Mode::Filter | Mode::ActorFilter) => {
            Some(Action::FilterPaste(text))
        }
        _ => None,
    }
}
