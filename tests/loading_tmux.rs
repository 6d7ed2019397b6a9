//! End-to-end: a corpus large enough to take a moment opens on a screen that is up at once,
//! shows the load's progress, takes a filter meanwhile, and quits at any time.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use common::tmux::Tmux;

/// What the loading screen always shows, whatever the phase.
const LOADING: &str = "to filter now";

/// A JSON Lines corpus of `docs` documents with bodies of about `body_bytes`; every 100th
/// title names Zanzibar. One line is broken, for a load warning.
fn corpus(dir: &Path, docs: usize, body_bytes: usize) -> PathBuf {
    let sentence = "The delegation met in the capital to discuss the ceasefire and the corridors. ";
    let body = sentence.repeat(body_bytes / sentence.len() + 1);
    let mut text = String::new();
    for i in 0..docs {
        let place = if i % 100 == 0 { "Zanzibar" } else { "Geneva" };
        writeln!(
            text,
            r#"{{"id":"d{i}","title":"Talks {i} in {place}","date":"2020-01-02","body":"{body}"}}"#
        )
        .unwrap();
        if i == 7 {
            text.push_str("{\"id\": broken\n");
        }
    }
    let path = dir.join("corpus.jsonl");
    std::fs::write(&path, text).unwrap();
    path
}

/// The shell command that runs dossier with `flags` on `path`, then echoes `marker-$?` (its exit
/// code) and keeps the pane open.
fn dossier_then_echo(flags: &str, path: &Path, marker: &str) -> String {
    format!("{} {flags} {}; echo {marker}-$?; sleep 30", env!("CARGO_BIN_EXE_dossier"), path.display())
}

#[test]
fn a_filter_typed_while_loading_applies_and_warnings_are_printed_on_exit() {
    let dir = tempfile::tempdir().unwrap();
    let path = corpus(dir.path(), 2_000, 1_000);
    let command = dossier_then_echo("", &path, "loaded-exited");
    let Some(tmux) = Tmux::start("loading", 120, 35, &command) else { return };
    // The loading screen or, on a fast machine, the documents already.
    tmux.wait_for("the screen", |s| s.contains(LOADING) || s.contains(" 2000/2000 "));
    tmux.keys(&["/"]);
    tmux.keys(&["-l", "zanzibar"]);
    // Waiting for the status bar too: a capture can catch a frame half drawn (the list's title
    // already new, the status bar not yet).
    let screen =
        tmux.wait_for("the filtered list", |s| s.contains(" 20/2000 ") && s.contains("1 load warning"));
    assert!(screen.contains("/ zanzibar"), "{screen}");
    assert!(screen.contains("Talks 100 in Zanzibar"), "{screen}");
    assert!(screen.contains("1 load warning: listed when dossier exits"), "{screen}");
    tmux.keys(&["Enter", "q"]);
    let screen = tmux.wait_for("dossier to exit", |s| s.contains("loaded-exited-0"));
    assert!(screen.contains("corpus.jsonl:9: invalid JSON"), "the warning, after the screen:\n{screen}");
}

#[test]
fn q_quits_while_the_corpus_is_still_loading() {
    let dir = tempfile::tempdir().unwrap();
    // About 40 MB: seconds of loading for a test build, far longer than a key press.
    let path = corpus(dir.path(), 20_000, 2_000);
    // --stats prints its line only when the library was built: none means q came first.
    let command = dossier_then_echo("--stats", &path, "quit-exited");
    let Some(tmux) = Tmux::start("loadquit", 100, 30, &command) else { return };
    let screen = tmux.wait_for("the loading screen", |s| s.contains(LOADING));
    assert!(screen.contains("corpus.jsonl"), "{screen}");
    tmux.keys(&["?"]);
    tmux.wait_for("the help over the loading screen", |s| s.contains("Help:"));
    tmux.keys(&["Escape"]);
    tmux.wait_for("the loading screen again", |s| s.contains(LOADING));
    tmux.keys(&["q"]);
    let screen = tmux.wait_for("dossier to exit", |s| s.contains("quit-exited-0"));
    assert!(!screen.contains("stats:"), "the load had finished before q:\n{screen}");
    assert!(!screen.contains("Documents"), "alternate screen not left:\n{screen}");
}

/// A large corpus: the list comes up with titles only while actors are found in the bodies,
/// a filter typed then runs at once on the titles, review starts before the actors are found,
/// and the whole library takes over with the filter, the selection and the marks kept.
#[test]
fn a_large_corpus_is_filtered_by_title_while_its_actors_are_found() {
    let dir = tempfile::tempdir().unwrap();
    // About 40 MB: over the titles-first threshold, seconds of actor finding for a test build.
    let path = corpus(dir.path(), 20_000, 2_000);
    let command = dossier_then_echo("", &path, "large-exited");
    let Some(tmux) = Tmux::start("titlesfirst", 120, 35, &command) else { return };
    tmux.wait_for("the titles-only list", |s| s.contains(" 20000/20000  titles only"));
    tmux.keys(&["/"]);
    tmux.keys(&["-l", "zanzibar"]);
    let screen = tmux.wait_for("the filter", |s| s.contains(" 200/20000 ") && s.contains("/ zanzibar"));
    assert!(screen.contains("titles only"), "the filter waited for the whole library:\n{screen}");
    assert!(screen.contains("Talks 100 in Zanzibar"), "{screen}");
    tmux.keys(&["Enter", "j"]);
    let screen = tmux.wait_for("review", |s| s.contains("reviewed 0/20000"));
    assert!(screen.contains("titles only"), "review waited for the whole library:\n{screen}");
    tmux.keys(&["r"]);
    tmux.wait_for("the mark", |s| s.contains("reviewed 1/20000"));
    let screen =
        tmux.wait_for("the whole library", |s| s.contains(" 200/20000 ") && !s.contains("titles only"));
    assert!(screen.contains("/ zanzibar") || screen.contains("zanzibar"), "{screen}");
    assert!(screen.contains("reviewed 1/20000"), "the mark made on the titles stays:\n{screen}");
    tmux.keys(&["q"]);
    tmux.wait_for("dossier to exit", |s| s.contains("large-exited-0"));
}
