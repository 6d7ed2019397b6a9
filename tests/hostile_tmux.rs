//! The hostile corpus in a real terminal (tmux), end to end: the window title survives a walk
//! through every document, a resize storm (down to 1x1) and a key storm leave the screen right,
//! and SIGTERM gives the shell its terminal back. Polls the pane like tests/tmux_e2e.rs.

mod hostile_fixture;

use std::process::Command;
use std::time::{Duration, Instant};

use dossier::actors::Gazetteer;
use dossier::corpus::load_paths;
use dossier::library::Library;
use dossier::search::{NoReview, Query};

struct Tmux {
    socket: String,
    /// The data directory dossier sees (history, default review files): private to the test.
    _data: tempfile::TempDir,
}

impl Tmux {
    fn start(width: u16, height: u16, command: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert!(std::env::var_os("CI").is_none(), "tmux is required in CI (.ci/run installs it)");
            eprintln!("tmux not installed: end-to-end test skipped");
            return None;
        }
        let socket = format!("dossier-hostile-{}-{}", std::process::id(), width);
        let data = tempfile::tempdir().expect("data dir");
        let status = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d", "-x"])
            .arg(width.to_string())
            .arg("-y")
            .arg(height.to_string())
            .arg(command)
            .env("TERM", "xterm-256color")
            .env("XDG_DATA_HOME", data.path())
            .env("XDG_CACHE_HOME", data.path().join("cache"))
            .status()
            .expect("tmux new-session");
        assert!(status.success());
        Some(Tmux { socket, _data: data })
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux").args(["-L", &self.socket]).args(args).output().unwrap();
        assert!(out.status.success(), "tmux {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        self.run(&[&["send-keys", "-t", "0"], keys].concat());
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "0"])
    }

    fn title(&self) -> String {
        self.run(&["display", "-p", "-t", "0", "#{pane_title}"]).trim_end().to_string()
    }

    fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
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

fn count(library: &Library, query: &str) -> usize {
    library.index.search(&Query::parse(query), &NoReview).len()
}

#[test]
fn the_hostile_corpus_cannot_take_the_terminal() {
    let hostile = hostile_fixture::build();
    let loaded = load_paths(&[hostile.root().to_path_buf()]).unwrap();
    let library = Library::build(loaded.docs, &Gazetteer::builtin());
    let total = library.len();
    let bin = env!("CARGO_BIN_EXE_dossier");
    let root = hostile.root().display().to_string();
    let command =
        format!("printf '\\033]2;before\\007'; {bin} '{root}' 2>/dev/null; echo dossier-exited-$?; sleep 60");
    let Some(tmux) = Tmux::start(120, 35, &command) else { return };
    let all = format!(" {total}/{total} ");
    tmux.wait_for("the hostile corpus to load", |s| s.contains(&all));
    assert_eq!(tmux.title(), "before");

    // Walk every document, the article pane showing each one.
    for _ in 0..total {
        tmux.keys(&["j"]);
    }
    let screen = tmux.wait_for("the last document", |s| s.contains("Boucle") && s.contains("Corps."));
    assert!(!screen.contains('\x1b'), "{screen}");
    assert_eq!(tmux.title(), "before", "a document changed the window title");

    // Resize storm, down to 1x1 and back.
    for (w, h) in
        [(1, 1), (200, 60), (2, 50), (300, 5), (29, 7), (30, 8), (17, 3), (80, 24), (1, 40), (120, 35)]
    {
        tmux.run(&["resize-window", "-t", "0", "-x", &w.to_string(), "-y", &h.to_string()]);
    }
    for i in 0..40u16 {
        let (w, h) = (1 + (i * 37) % 160, 1 + (i * 11) % 50);
        tmux.run(&["resize-window", "-t", "0", "-x", &w.to_string(), "-y", &h.to_string()]);
    }
    tmux.run(&["resize-window", "-t", "0", "-x", "1", "-y", "1"]);
    tmux.run(&["resize-window", "-t", "0", "-x", "120", "-y", "35"]);
    tmux.wait_for("the screen after the resize storm", |s| s.contains(&all) && s.contains("Boucle"));

    // Key storm: keys typed one by one, then a bracketed paste, then a filter typed fast.
    tmux.keys(&["/"]);
    tmux.keys(&["-l", &"qwerty".repeat(50)]);
    tmux.keys(&["-N", "300", "BSpace"]);
    tmux.run(&["set-buffer", &format!("{}\x1b]2;pasted\x07", "assiégée ".repeat(400))]);
    tmux.run(&["paste-buffer", "-p", "-t", "0"]);
    tmux.keys(&["C-u"]);
    tmux.keys(&["-l", "alep"]);
    let alep = format!(" {}/{total} ", count(&library, "alep"));
    let screen =
        tmux.wait_for("the storm to settle on `alep`", |s| s.contains("/ alep") && s.contains(&alep));
    assert!(screen.contains("FILTER"), "{screen}");
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.title(), "before", "the paste changed the window title");

    // SIGTERM: dossier exits cleanly and the shell has its terminal back.
    let shell = tmux.run(&["display", "-p", "-t", "0", "#{pane_pid}"]).trim().to_string();
    let children = Command::new("pgrep").args(["-P", &shell]).output().unwrap();
    let pids = String::from_utf8_lossy(&children.stdout).into_owned();
    let dossier = pids
        .lines()
        .find(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe.ends_with("dossier")));
    let dossier = dossier.unwrap_or_else(|| panic!("no dossier child of {shell}: {pids:?}"));
    let status = Command::new("kill").args(["-TERM", dossier]).status().unwrap();
    assert!(status.success());
    let screen = tmux.wait_for("dossier to exit on SIGTERM", |s| s.contains("dossier-exited-0"));
    assert!(!screen.contains("Documents"), "alternate screen not left:\n{screen}");
    assert_eq!(tmux.title(), "before");
}
