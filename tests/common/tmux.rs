//! Driving the real binary in tmux: start a pane, send keys, read the screen. tmux has no "wait
//! for output" command, so `wait_for` polls the pane until the expected text appears, with a
//! deadline, instead of sleeping for fixed times.

use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
    /// The data directory dossier sees (history, default review files; its `cache` folder is
    /// the cache directory): private to the test.
    data: tempfile::TempDir,
}

/// One tmux server per test, so tests can run in parallel.
impl Tmux {
    /// Starts `command` in a `width`x`height` pane; None (test skipped) when tmux is missing
    /// outside CI. In CI a missing tmux is a failure: `.ci/run` installs it.
    pub fn start(name: &str, width: u16, height: u16, command: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert!(std::env::var_os("CI").is_none(), "tmux is required in CI (.ci/run installs it)");
            eprintln!("tmux not installed: end-to-end test skipped");
            return None;
        }
        let tmux = Tmux {
            socket: format!("dossier-{name}-{}", std::process::id()),
            data: tempfile::tempdir().expect("data dir"),
        };
        tmux.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "main",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            command,
        ]);
        Some(tmux)
    }

    /// Opens a second window running `command` (another dossier on the same files).
    pub fn window(&self, name: &str, command: &str) {
        self.run(&["new-window", "-d", "-t", "main", "-n", name, command]);
    }

    fn run(&self, args: &[&str]) {
        let status = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .env("TERM", "xterm-256color")
            .env("XDG_DATA_HOME", self.data.path())
            // Nor the user's cache folder (the index cache).
            .env("XDG_CACHE_HOME", self.data.path().join("cache"))
            .status()
            .expect("tmux");
        assert!(status.success(), "tmux {args:?}");
    }

    /// Sends keys to a target window (`main:0`, `main:other`...).
    pub fn keys_to(&self, target: &str, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", target];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    pub fn keys(&self, keys: &[&str]) {
        self.keys_to("main:0", keys);
    }

    pub fn screen_of(&self, target: &str) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p", "-t", target])
            .output()
            .expect("capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn screen(&self) -> String {
        self.screen_of("main:0")
    }

    /// Waits until the screen of `target` satisfies `ready`, and returns it.
    pub fn wait_for_in(&self, target: &str, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen_of(target);
            if ready(&screen) {
                return screen;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}; screen:\n{screen}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        self.wait_for_in("main:0", what, ready)
    }

    /// The pid of the process running in a pane (the shell that runs dossier).
    pub fn pane_pid(&self, target: &str) -> u32 {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "display-message", "-p", "-t", target, "#{pane_pid}"])
            .output()
            .expect("display-message");
        String::from_utf8_lossy(&out.stdout).trim().parse().expect("pane pid")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).status();
    }
}
