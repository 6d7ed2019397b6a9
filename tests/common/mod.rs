//! Helpers shared by the screen tests: build a model, feed it actions, render it.
#![allow(dead_code)]

pub mod files;
pub mod tmux;

use std::sync::Arc;

use dossier::actors::Gazetteer;
use dossier::app::{Action, Model};
use dossier::corpus::{self, DocParts, Document};
use dossier::library::Library;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// XDG_CACHE_HOME for runs of the binary, so that they never touch the user's cache folder: one
/// folder per test binary under target/tmp, emptied at its first use in a run, so that index
/// caches of temporary corpora do not pile up from run to run.
pub fn cache_home() -> &'static std::path::Path {
    static HOME: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    HOME.get_or_init(|| {
        let binary = std::env::current_exe().ok().and_then(|p| p.file_stem().map(|s| s.to_owned()));
        let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("xdg-cache")
            .join(binary.unwrap_or_default());
        let _ = std::fs::remove_dir_all(&dir);
        dir
    })
}

pub fn seeds_library() -> Arc<Library> {
    Arc::new(Library::build(corpus::embedded_seeds().docs, &Gazetteer::builtin()))
}

pub fn library_of(docs: Vec<Document>) -> Arc<Library> {
    Arc::new(Library::build(docs, &Gazetteer::builtin()))
}

pub fn doc(id: &str, title: &str, date: Option<&str>, body: &str) -> Document {
    Document::new(DocParts { id, title, date, body, ..DocParts::default() })
}

pub fn model(library: Arc<Library>, width: u16, height: u16) -> Model {
    Model::new(library, "test corpus", (width, height))
}

/// Feeds actions to `update`, as the event loop would.
pub fn feed(model: &mut Model, actions: impl IntoIterator<Item = Action>) {
    for action in actions {
        model.update(action);
    }
}

/// Types a filter the way a user does: `/`, the characters, Enter.
pub fn type_filter(model: &mut Model, text: &str) {
    model.update(Action::EditFilter);
    for c in text.chars() {
        model.update(Action::FilterInsert(c));
    }
    model.update(Action::FilterAccept);
}

pub fn buffer(model: &Model) -> Buffer {
    let (w, h) = model.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    terminal.draw(|frame| dossier::ui::draw(model, frame)).expect("draw");
    terminal.backend().buffer().clone()
}

/// The screen as text, one quoted line per row (TestBackend's own format).
pub fn screen(model: &Model) -> String {
    let (w, h) = model.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    terminal.draw(|frame| dossier::ui::draw(model, frame)).expect("draw");
    terminal.backend().to_string()
}

/// `n` small documents `d0`, `d1`... with distinct titles and bodies.
pub fn numbered_docs(n: usize) -> Vec<Document> {
    (0..n)
        .map(|i| {
            Document::new(DocParts {
                id: &format!("d{i}"),
                title: &format!("Title {i}"),
                body: &format!("Body of document {i}."),
                ..DocParts::default()
            })
        })
        .collect()
}
