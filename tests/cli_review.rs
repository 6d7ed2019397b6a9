//! The binary with review state: queries on marks, exports, the state file's location, and a
//! corrupt state file that must never be overwritten.

mod common;

use assert_cmd::Command;
use dossier::corpus;
use dossier::review::{Change, ReviewStore};
use std::fs;
use std::path::Path;

fn dossier() -> Command {
    let mut command = Command::cargo_bin("dossier").expect("binary");
    command.env("XDG_CACHE_HOME", common::cache_home());
    command
}

/// Marks the seeds as a user would have: 000 reviewed and labelled, 001 flagged with a note.
fn marked_state(path: &Path) {
    let docs = corpus::embedded_seeds().docs;
    let mut store = ReviewStore::open(path, &docs).unwrap();
    store.apply(0, Change::ToggleReviewed).unwrap();
    store.apply(0, Change::ToggleLabel("relevant".into())).unwrap();
    store.apply(1, Change::ToggleFlagged).unwrap();
    store.apply(1, Change::SetNote("à vérifier;\n\"citée\"".into())).unwrap();
}

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

#[test]
fn review_queries_work_headless() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    marked_state(&state);
    let reviewed = stdout(dossier().args(["--filter", "is:reviewed", "--review"]).arg(&state));
    assert!(reviewed.starts_with("000_5edd1c4a57e3931c\t"), "{reviewed}");
    let flagged = stdout(dossier().args(["--filter", "is:flagged has:note", "--review"]).arg(&state));
    assert!(flagged.starts_with("001_c891fb14bf1fbf37\t"), "{flagged}");
    let unreviewed = stdout(dossier().args(["--filter", "is:unreviewed", "--review"]).arg(&state));
    assert_eq!(unreviewed.lines().count(), 3);
    dossier().args(["--filter", "label:relevant is:flagged", "--review"]).arg(&state).assert().code(1);
}

#[test]
fn json_records_carry_the_review_fields() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    marked_state(&state);
    let out = stdout(dossier().args(["--filter", "", "--json", "--review"]).arg(&state));
    let records: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records[0]["reviewed"], true);
    assert_eq!(records[0]["labels"], serde_json::json!(["relevant"]));
    assert_eq!(records[1]["flagged"], true);
    assert_eq!(records[1]["note"], "à vérifier;\n\"citée\"");
    assert_eq!(records[2]["reviewed"], false);
}

#[test]
fn csv_export_has_the_documented_columns() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    marked_state(&state);
    let out =
        stdout(dossier().args(["--filter", "is:flagged | is:reviewed", "--csv", "--review"]).arg(&state));
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, ["id", "title", "date", "source", "actors", "reviewed", "flagged", "labels", "note"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let flagged = rows.iter().find(|r| &r[0] == "001_c891fb14bf1fbf37").unwrap();
    assert_eq!(&flagged[6], "true");
    assert_eq!(&flagged[8], "à vérifier;\n\"citée\"", "quotes and newlines survive the round trip");
    assert!(flagged[4].contains("Dmitry Peskov"), "detected actors are exported: {}", &flagged[4]);
}

#[test]
fn the_default_state_file_lives_in_the_data_directory() {
    let data = tempfile::tempdir().unwrap();
    // Reading does not create anything.
    dossier().env("XDG_DATA_HOME", data.path()).args(["--filter", "is:reviewed"]).assert().code(1);
    assert!(!data.path().join("dossier").exists());
    // A state made at the default place is found again.
    let state = data.path().join("dossier/reviews/seeds.json");
    fs::create_dir_all(state.parent().unwrap()).unwrap();
    marked_state(&state);
    let out = stdout(dossier().env("XDG_DATA_HOME", data.path()).args(["--filter", "is:reviewed"]));
    assert_eq!(out.lines().count(), 1);
}

#[test]
fn a_corrupt_state_file_is_an_error_and_is_never_touched() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let garbage = b"{\"version\":1,\"documents\":{\"000\": tru";
    fs::write(&state, garbage).unwrap();
    let assert = dossier().args(["--filter", "", "--review"]).arg(&state).assert().code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains(&state.display().to_string()), "{stderr}");
    assert_eq!(fs::read(&state).unwrap(), garbage, "the file is byte for byte as it was");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "nothing else was written");
}
