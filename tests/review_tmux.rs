//! Review state as a user lives it, in a real terminal: marks survive quitting, `kill -9`, and a
//! second dossier writing the same state file.

mod common;

use common::tmux::Tmux;
use std::path::Path;
use std::process::Command;

fn dossier_on(state: &Path) -> String {
    format!("{} --review {}", env!("CARGO_BIN_EXE_dossier"), state.display())
}

/// The dossier process started by the pane's shell.
fn dossier_pid(shell: u32) -> String {
    let out = Command::new("pgrep").args(["-P", &shell.to_string(), "dossier"]).output().expect("pgrep");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn marks_survive_quitting_and_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let command = format!("{0}; {0}; sleep 30", dossier_on(&state));
    let Some(tmux) = Tmux::start("reopen", 120, 35, &command) else { return };
    tmux.wait_for("the seeds", |s| s.contains(" 4/4 "));
    tmux.keys(&["r", "j", "f", "j", "1"]);
    tmux.wait_for("the marks", |s| s.contains("reviewed 1/4") && s.contains("⚑") && s.contains("•"));
    tmux.keys(&["q"]);
    // The shell starts the second dossier on the same file.
    let screen = tmux.wait_for("the reopened marks", |s| s.contains(" 4/4 ") && s.contains("reviewed 1/4"));
    assert!(screen.contains("✓"), "{screen}");
    assert!(screen.contains("⚑"), "{screen}");
    assert!(screen.contains("•"), "{screen}");
}

#[test]
fn kill_9_right_after_a_mark_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let command = format!("{}; sleep 30", dossier_on(&state));
    let Some(tmux) = Tmux::start("kill9", 120, 35, &command) else { return };
    tmux.wait_for("the seeds", |s| s.contains(" 4/4 "));
    tmux.keys(&["j", "j", "r", "f"]);
    // As soon as the mark shows on screen, it must be on disk.
    tmux.wait_for("the marks on screen", |s| s.contains("reviewed 1/4") && s.contains("⚑ flagged"));
    let pid = dossier_pid(tmux.pane_pid("main:0"));
    assert!(!pid.is_empty(), "dossier is running");
    assert!(Command::new("kill").args(["-9", &pid]).status().unwrap().success());
    // A killed process cannot restore the terminal, so the screen says nothing reliable:
    // wait for the process itself to be gone.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while Command::new("kill").args(["-0", &pid]).status().unwrap().success() {
        assert!(std::time::Instant::now() < deadline, "dossier survived kill -9");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let store = dossier::review::ReviewStore::open(&state, &dossier::corpus::embedded_seeds().docs).unwrap();
    let record = store.record(2).expect("the third document's marks");
    assert!(record.is_reviewed() && record.is_flagged());
}

#[test]
fn two_dossiers_on_one_state_file_keep_both_marks() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let command = format!("{}; sleep 30", dossier_on(&state));
    let Some(tmux) = Tmux::start("two", 120, 35, &command) else { return };
    tmux.window("other", &command);
    tmux.wait_for_in("main:0", "the first dossier", |s| s.contains(" 4/4 "));
    tmux.wait_for_in("main:other", "the second dossier", |s| s.contains(" 4/4 "));
    tmux.keys_to("main:0", &["r"]);
    tmux.wait_for_in("main:0", "the first mark", |s| s.contains("reviewed 1/4"));
    tmux.keys_to("main:other", &["j", "f", "j", "r"]);
    // The second window saw the first's mark when it saved (merge), and shows both.
    tmux.wait_for_in("main:other", "both marks", |s| s.contains("reviewed 2/4") && s.contains("⚑"));
    // The first window picks up the second's marks without a key (it re-reads changed files).
    tmux.wait_for_in("main:0", "the other window's marks", |s| s.contains("reviewed 2/4"));
    tmux.keys_to("main:0", &["G", "f"]);
    tmux.wait_for_in("main:0", "a third mark", |s| s.matches('⚑').count() >= 2);
    let store = dossier::review::ReviewStore::open(&state, &dossier::corpus::embedded_seeds().docs).unwrap();
    assert!(store.record(0).unwrap().is_reviewed());
    assert!(store.record(1).unwrap().is_flagged());
    assert!(store.record(2).unwrap().is_reviewed());
    assert!(store.record(3).unwrap().is_flagged());
}

#[test]
fn a_corrupt_state_file_asks_and_is_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let garbage = b"{\"version\":1,\"documents\":{ broken";
    std::fs::write(&state, garbage).unwrap();
    // First answer q: dossier stops and the file is untouched.
    let command = format!("{0}; echo first-$?; {0}; echo second-$?; sleep 30", dossier_on(&state));
    let Some(tmux) = Tmux::start("corrupt", 120, 35, &command) else { return };
    let screen = tmux.wait_for("the prompt", |s| s.contains("[c] start clean, [q] quit"));
    assert!(screen.contains("cannot be read"), "{screen}");
    tmux.keys(&["q", "Enter"]);
    tmux.wait_for("the refusal", |s| s.contains("first-2"));
    assert_eq!(std::fs::read(&state).unwrap(), garbage);
    // Then c: the old file is set aside byte for byte and the browser opens.
    tmux.wait_for("the second prompt", |s| s.matches("[c] start clean").count() == 2);
    tmux.keys(&["c", "Enter"]);
    tmux.wait_for("the browser", |s| s.contains(" 4/4 ") && s.contains("reviewed 0/4"));
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(std::fs::read(&aside[0]).unwrap(), garbage);
}
