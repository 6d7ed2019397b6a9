//! End-to-end: the real binary in a real terminal (tmux), driven by keys, read from the screen.

mod common;

use common::tmux::Tmux;

#[test]
fn typing_a_filter_narrows_the_list_and_q_restores_the_shell() {
    let bin = env!("CARGO_BIN_EXE_dossier");
    // The shell prints a marker after dossier exits, so the test sees the terminal given back.
    let data = tempfile::tempdir().unwrap();
    let command = format!(
        "XDG_DATA_HOME={0} XDG_CACHE_HOME={0}/cache {bin}; echo dossier-exited-$?; sleep 30",
        data.path().display()
    );
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

#[test]
fn o_hands_the_document_to_the_pager_and_takes_the_terminal_back() {
    let bin = env!("CARGO_BIN_EXE_dossier");
    let dir = tempfile::tempdir().unwrap();
    let seen = dir.path().join("seen.txt");
    // A "pager" that records what it is shown and returns at once.
    let command = format!(
        "XDG_DATA_HOME={0} XDG_CACHE_HOME={0}/cache PAGER='cp -T' {bin} ; sleep 30",
        dir.path().display()
    );
    let command = command.replace("cp -T", &format!("cat >> {} <", seen.display()));
    let Some(tmux) = Tmux::start("pager", 100, 30, &command) else { return };
    tmux.wait_for("the seeds", |s| s.contains(" 4/4 "));
    tmux.keys(&["j", "o"]);
    tmux.wait_for("the pager's output", |_| {
        std::fs::read_to_string(&seen).is_ok_and(|t| t.contains("Sputnik"))
    });
    let text = std::fs::read_to_string(&seen).unwrap();
    assert!(text.starts_with("Idlib: le Kremlin juge"), "{text}");
    // dossier is back and still answers keys.
    tmux.keys(&["j"]);
    tmux.wait_for("the browser", |s| s.contains(" 4/4 ") && s.contains("La Russie déclare"));
}

#[test]
fn sighup_exits_cleanly_and_a_panic_gives_the_terminal_back() {
    let bin = env!("CARGO_BIN_EXE_dossier");
    // SIGHUP (the terminal went away): a clean exit, screen restored.
    let command = format!("{bin}; echo hup-exited-$?; sleep 30");
    let Some(tmux) = Tmux::start("hup", 100, 30, &command) else { return };
    tmux.wait_for("the seeds", |s| s.contains(" 4/4 "));
    let shell = tmux.pane_pid("main:0");
    let out =
        std::process::Command::new("pgrep").args(["-P", &shell.to_string(), "dossier"]).output().unwrap();
    let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(std::process::Command::new("kill").args(["-HUP", &pid]).status().unwrap().success());
    let screen = tmux.wait_for("dossier to exit on SIGHUP", |s| s.contains("hup-exited-0"));
    assert!(!screen.contains("Documents"), "alternate screen not left:\n{screen}");

    // A panic (forced by the test hook at the first key): raw mode off, screen left, message shown.
    let command =
        format!("DOSSIER_TEST_PANIC=1 {bin}; echo panic-exited-$?; stty -a | grep -o ' icanon' ; sleep 30");
    let Some(tmux) = Tmux::start("panic", 100, 30, &command) else { return };
    tmux.wait_for("the seeds", |s| s.contains(" 4/4 "));
    tmux.keys(&["j"]);
    let screen = tmux.wait_for("the panic", |s| s.contains("panic-exited-101") && s.contains(" icanon"));
    assert!(screen.contains("DOSSIER_TEST_PANIC"), "the panic message is shown:\n{screen}");
    assert!(!screen.contains("Documents 4/4"), "alternate screen not left:\n{screen}");
}
