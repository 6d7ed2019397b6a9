//! End-to-end: the real binary in a real terminal (tmux), driven by keys, read from the screen.

mod common;

use common::tmux::Tmux;

#[test]
fn typing_a_filter_narrows_the_list_and_q_restores_the_shell() {
    let bin = env!("CARGO_BIN_EXE_dossier");
    // The shell prints a marker after dossier exits, so the test sees the terminal given back.
    let data = tempfile::tempdir().unwrap();
    let command = format!("XDG_DATA_HOME={} {bin}; echo dossier-exited-$?; sleep 30", data.path().display());
    let Some(tmux) = Tmux::start("e2e", 120, 35, &command) else { return };
    let screen = tmux.wait_for("the seeds to load", |s| s.contains(" 4/4 "));
    assert!(screen.contains("Le président turc, Erdogan"), "{screen}");

    tmux.keys(&["/"]);
    tmux.keys(&["-l", "peskov"]);
    let screen = tmux.wait_for("the filter to apply", |s| s.contains(" 2/4 "));
    assert!(screen.contains("/ peskov"), "{screen}");
    assert!(screen.contains("Idlib: le Kremlin juge"), "{screen}");
    assert!(!screen.contains("Le président turc, Erdogan"), "{screen}");

    tmux.keys(&["Enter", "q"]);
    let screen = tmux.wait_for("dossier to exit", |s| s.contains("dossier-exited-0"));
    assert!(!screen.contains("Documents"), "alternate screen not left:\n{screen}");
}
