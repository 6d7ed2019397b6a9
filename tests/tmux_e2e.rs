//! End-to-end: the real binary in a real terminal (tmux), driven by keys, read from the screen.
//! tmux has no "wait for output" command, so the test polls the pane until the expected text
//! appears (with a deadline) instead of sleeping for fixed times.

use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(width: u16, height: u16, command: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert!(std::env::var_os("CI").is_none(), "tmux is required in CI (.ci/run installs it)");
            eprintln!("tmux not installed: end-to-end test skipped");
            return None;
        }
        let socket = format!("dossier-e2e-{}-{}", std::process::id(), width);
        let status = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d", "-x"])
            .arg(width.to_string())
            .arg("-y")
            .arg(height.to_string())
            .arg(command)
            .env("TERM", "xterm-256color")
            .status()
            .expect("tmux new-session");
        assert!(status.success());
        Some(Tmux { socket })
    }

    fn keys(&self, keys: &[&str]) {
        let status = Command::new("tmux")
            .args(["-L", &self.socket, "send-keys", "-t", "0"])
            .args(keys)
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p", "-t", "0"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen satisfies `ready`, and returns it; fails with the last screen.
    fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}; screen:\n{screen}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).status();
    }
}

#[test]
fn typing_a_filter_narrows_the_list_and_q_restores_the_shell() {
    let bin = env!("CARGO_BIN_EXE_dossier");
    // The shell prints a marker after dossier exits, so the test sees the terminal given back.
    let command = format!("{bin}; echo dossier-exited-$?; sleep 30");
    let Some(tmux) = Tmux::start(120, 35, &command) else { return };
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
