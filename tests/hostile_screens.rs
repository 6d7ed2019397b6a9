//! The hostile corpus on screen (TestBackend): every document walked at every size, in every
//! pane, with no control character in any cell and no row wider than the terminal; and a
//! key storm that leaves the model correct.

mod common;
mod hostile_fixture;

use std::time::{Duration, Instant};

use common::*;
use dossier::app::{Action, Focus, Mode, Model};
use dossier::corpus::load_paths;
use dossier::search::Query;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

/// What a cell may never hold: C0/C1 controls, DEL, bidi overrides and isolates.
fn is_forbidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Checks a rendered buffer: no control character, no row wider than the screen, no cell hidden
/// under a wide character that still holds something.
pub fn check_buffer(buffer: &Buffer, context: &str) {
    let area = buffer.area;
    for y in 0..area.height {
        let mut width = 0;
        let mut hidden = 0usize;
        for x in 0..area.width {
            let symbol = buffer[(x, y)].symbol();
            assert!(!symbol.chars().any(is_forbidden), "{context}: control in cell ({x},{y}): {symbol:?}");
            if hidden > 0 {
                assert!(symbol.trim().is_empty(), "{context}: ({x},{y}) {symbol:?} under a wide character");
                hidden -= 1;
                continue;
            }
            let w = symbol.width();
            width += w.max(1);
            hidden = w.saturating_sub(1);
        }
        assert!(width <= area.width as usize, "{context}: row {y} is {width} wide, screen {}", area.width);
    }
}

fn render(model: &Model) -> (Buffer, Option<ratatui::layout::Position>) {
    let (w, h) = model.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|frame| dossier::ui::draw(model, frame)).unwrap();
    let position = terminal.get_cursor_position().ok();
    (terminal.backend().buffer().clone(), position)
}

fn text_of(buffer: &Buffer) -> String {
    let mut s = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            s.push_str(buffer[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

fn hostile_model(width: u16, height: u16) -> (hostile_fixture::Hostile, Model) {
    hostile_model_without(width, height, "")
}

/// The hostile corpus without the document `skip` (by id).
fn hostile_model_without(width: u16, height: u16, skip: &str) -> (hostile_fixture::Hostile, Model) {
    let hostile = hostile_fixture::build();
    let mut loaded = load_paths(&[hostile.root().to_path_buf()]).unwrap();
    loaded.docs.retain(|d| d.id() != skip);
    let origin = hostile.root().join("\x1b]2;origin\x07").display().to_string();
    let model = Model::new(library_of(loaded.docs), origin, (width, height));
    (hostile, model)
}

#[test]
fn every_document_in_every_pane_at_every_size_is_clean() {
    let (_hostile, mut model) = hostile_model(120, 40);
    let sizes = [(1, 1), (2, 50), (300, 5), (29, 7), (30, 8), (31, 9), (45, 12), (80, 24), (200, 60)];
    let count = model.hits.len();
    for (w, h) in sizes {
        model.update(Action::Resize(w, h));
        feed(&mut model, [Action::SelectFirst]);
        for i in 0..count {
            let context =
                format!("{w}x{h} doc {i} {}", model.library.docs[model.selected_doc().unwrap()].id());
            check_buffer(&render(&model).0, &context);
            feed(&mut model, [Action::ToggleFocus, Action::ScrollPageDown, Action::ScrollDown]);
            check_buffer(&render(&model).0, &format!("{context} article scrolled"));
            feed(&mut model, [Action::ScrollBottom]);
            check_buffer(&render(&model).0, &format!("{context} article end"));
            feed(&mut model, [Action::ToggleFocus, Action::SelectNext]);
            assert_eq!(model.focus, Focus::List);
        }
        feed(&mut model, [Action::ToggleActorPanel]);
        check_buffer(&render(&model).0, &format!("{w}x{h} actor panel"));
        feed(&mut model, [Action::SelectLast]);
        check_buffer(&render(&model).0, &format!("{w}x{h} actor panel last"));
        feed(&mut model, [Action::ToggleActorPanel, Action::ToggleHelp, Action::ScrollHelp(3)]);
        check_buffer(&render(&model).0, &format!("{w}x{h} help"));
        feed(
            &mut model,
            [Action::ToggleHelp, Action::EditFilter, Action::FilterPaste("\x1b]2;x\x07 évil".into())],
        );
        let (buffer, cursor) = render(&model);
        check_buffer(&buffer, &format!("{w}x{h} filter"));
        if let (Some(p), true) = (cursor, model.areas().is_some()) {
            assert!(p.x < w && p.y < h, "{w}x{h}: cursor {p:?} off screen");
        }
        feed(&mut model, [Action::ClearFilter]);
    }
}

#[test]
fn escapes_are_shown_as_symbols_in_the_list_the_article_and_the_status_bar() {
    let (_hostile, mut model) = hostile_model(160, 45);
    let evil =
        model.hits.iter().position(|h| model.library.docs[h.doc as usize].id() == "e_escapes").unwrap();
    for _ in 0..evil {
        model.update(Action::SelectNext);
    }
    let (buffer, _) = render(&model);
    let screen = text_of(&buffer);
    assert!(screen.contains("Evil ␛]2;pwned␇ title"), "{screen}");
    assert!(screen.contains("Body ␛[2J clear ␛]52;c;ZXZpbA==␇ clip ␈ back"), "{screen}");
    assert!(screen.contains("␛]2;origin␇"), "the origin in the status bar: {screen}");
    let json =
        model.hits.iter().position(|h| model.library.docs[h.doc as usize].id() == "esc\x1b[31m").unwrap();
    feed(&mut model, [Action::SelectFirst]);
    for _ in 0..json {
        model.update(Action::SelectNext);
    }
    model.update(Action::ToggleActorPanel);
    let screen = text_of(&render(&model).0);
    assert!(screen.contains("2019-02 · ␛]2;src␇Src · esc␛[31m"), "{screen}");
    assert!(screen.contains("␛]52;c;eA==␇Evil Actor"), "the actor panel and header: {screen}");
}

#[test]
fn a_key_storm_leaves_the_model_correct_and_responsive() {
    // Every key re-runs the search; without the 1 MB document a debug build stays quick (its
    // cost per key in release is measured by tests/hostile_perf.rs).
    let (_hostile, mut model) = hostile_model_without(100, 30, "f_one_line");
    let started = Instant::now();
    let mut actions = Vec::new();
    actions.push(Action::EditFilter);
    // Typed keys, a word deleted now and then so the query (re-run at every key) stays short.
    for i in 0..1_000 {
        actions.push(Action::FilterInsert(['a', 'l', 'e', 'p', ' ', 'é', '日', '\x1b'][i % 8]));
        if i % 24 == 23 {
            actions.extend([Action::FilterDeleteWord, Action::FilterDeleteWord]);
        }
    }
    for _ in 0..300 {
        actions.push(Action::FilterBackspace);
    }
    actions.push(Action::FilterPaste("x\ny".repeat(50)));
    for _ in 0..500 {
        actions.extend([Action::FilterCursorLeft, Action::FilterCursorRight]);
    }
    actions.push(Action::FilterCursorEnd);
    actions.push(Action::FilterDeleteToStart);
    actions.push(Action::FilterPaste("\x1balep".into()));
    actions.push(Action::FilterAccept);
    while actions.len() < 10_000 {
        actions.extend([
            Action::SelectNext,
            Action::ScrollDown,
            Action::Resize(80, 24),
            Action::SelectPrevious,
        ]);
    }
    actions.push(Action::SelectLast);
    assert!(actions.len() >= 10_000);
    feed(&mut model, actions);
    assert_eq!(model.filter.text(), " alep", "the paste's ESC became a space");
    assert_eq!(model.mode, Mode::Browse);
    let fresh = model.library.index.search(&Query::parse(" alep"), &dossier::search::NoReview);
    assert_eq!(model.hits, fresh);
    assert!(!model.hits.is_empty());
    assert_eq!(model.selected, model.hits.len() - 1);
    let (buffer, _) = render(&model);
    check_buffer(&buffer, "after the storm");
    assert!(text_of(&buffer).contains(&format!(" {}/{} ", model.hits.len(), model.library.len())));
    eprintln!("10,000 actions and a frame: {:?}", started.elapsed());
}

#[test]
fn a_huge_paste_into_the_filter_draws_quickly() {
    let mut model = model(seeds_library(), 100, 30);
    feed(&mut model, [Action::EditFilter, Action::FilterPaste("Erdoğan 日本 ".repeat(5_000))]);
    let started = Instant::now();
    let (buffer, cursor) = render(&model);
    let elapsed = started.elapsed();
    check_buffer(&buffer, "huge paste");
    assert!(cursor.is_some_and(|p| p.x < 100));
    assert!(elapsed < Duration::from_millis(500), "a frame with a 60,000-character filter took {elapsed:?}");
}
