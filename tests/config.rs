//! The configuration file through the binary and the model.

mod common;

use assert_cmd::Command;
use common::*;
use dossier::app::Action;
use dossier::config::Config;
use std::path::Path;

fn dossier() -> Command {
    let mut command = Command::cargo_bin("dossier").expect("binary");
    command.env("XDG_CACHE_HOME", common::cache_home());
    command
}

#[test]
fn print_config_shows_a_default_that_reads_back() {
    let out = dossier().arg("--print-config").assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("[keys.list]") && text.contains("select-next = [\"j\", \"Down\"]"), "{text}");
    assert!(text.contains("labels = [\"relevant\", \"irrelevant\", \"unsure\"]"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, &text).unwrap();
    dossier().args(["--filter", "peskov", "--config"]).arg(&path).assert().success();
}

#[test]
fn a_bad_config_is_an_error_naming_the_file_and_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[layout]\nlist_percent = 50\nsplit = 3\n").unwrap();
    let assert = dossier().args(["--filter", "x", "--config"]).arg(&path).assert().code(2);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(err.contains(&path.display().to_string()) && err.contains("split"), "{err}");
    // A --config that does not exist is an error too; the default place may be absent.
    dossier().args(["--filter", "x", "--config", "/no/such/config.toml"]).assert().code(2);
    dossier().env("XDG_CONFIG_HOME", dir.path().join("none")).args(["--filter", "peskov"]).assert().success();
}

#[test]
fn the_config_rebinds_keys_sets_labels_layout_and_views() {
    let config = Config::parse(
        "[review]\nlabels = [\"à garder\", \"à jeter\"]\n[layout]\nlist_percent = 60\n\
         [views]\nkremlin = \"kremlin peskov\"\n[keys.list]\nselect-next = [\"Ctrl-j\"]\n",
        Path::new("test.toml"),
    )
    .unwrap();
    let m = model(seeds_library(), 120, 35).with_config(&config);
    assert_eq!(m.labels, ["à garder", "à jeter"]);
    assert_eq!(m.areas().unwrap().list.width, 72);
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let ctrl_j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL);
    assert_eq!(dossier::app::keymap::action_for(&m, ctrl_j), Some(Action::SelectNext));
    let j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    assert_eq!(dossier::app::keymap::action_for(&m, j), None, "j no longer moves in the list");
    let mut m = m;
    m.update(Action::NextView);
    assert_eq!(m.filter.text(), "kremlin peskov");
    assert_eq!(m.hits.len(), 2);
}
