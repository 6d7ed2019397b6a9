//! The binary's command line: exit codes, output formats, errors.

mod common;

use assert_cmd::Command;
use std::fs;

fn dossier() -> Command {
    let mut command = Command::cargo_bin("dossier").expect("binary");
    command.env("XDG_CACHE_HOME", common::cache_home());
    command
}

#[test]
fn filter_prints_id_tab_title_best_first_and_exits_0() {
    let out = dossier().args(["--filter", "peskov"]).assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    for line in &lines {
        let (id, title) = line.split_once('\t').expect("ID<TAB>TITLE");
        assert!(id.starts_with("00"), "{line}");
        assert!(!title.is_empty());
    }
}

#[test]
fn no_match_exits_1_with_no_output() {
    dossier().args(["--filter", "zzzzqqqq"]).assert().code(1).stdout("");
}

#[test]
fn empty_query_lists_every_document_in_corpus_order() {
    let out = dossier().args(["--filter", ""]).assert().success().get_output().stdout.clone();
    let ids: Vec<String> =
        String::from_utf8(out).unwrap().lines().map(|l| l.split('\t').next().unwrap().to_string()).collect();
    assert_eq!(
        ids,
        ["000_5edd1c4a57e3931c", "001_c891fb14bf1fbf37", "002_e46762ff3b1f6b54", "003_049172af67560df8"]
    );
}

#[test]
fn json_records_carry_the_full_document() {
    let out = dossier().args(["--filter", "sotchi", "--json"]).assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    for field in ["id", "title", "date", "source", "body", "score", "actors"] {
        assert!(first.get(field).is_some(), "missing {field} in {first}");
    }
}

#[test]
fn a_missing_path_is_an_error_with_exit_2() {
    dossier()
        .args(["--filter", "x", "/no/such/corpus"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("/no/such/corpus"));
}

#[test]
fn broken_input_warns_with_path_and_line_and_loads_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("feed.jsonl");
    fs::write(&file, "{\"id\":\"a\",\"title\":\"Assad speaks\",\"body\":\"x\"}\n{broken\n{\"id\":\"b\",\"title\":\"Putin\",\"body\":\"y\"}\n")
        .unwrap();
    let assert = dossier().args(["--filter", ""]).arg(&file).assert().success();
    let output = assert.get_output();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(stderr.contains(&format!("warning: {}:2:", file.display())), "{stderr}");
}

#[test]
fn the_browser_refuses_a_pipe_and_suggests_filter() {
    dossier().write_stdin("").assert().code(2).stderr(predicates::str::contains("--filter"));
}

#[test]
fn titles_cannot_send_escape_sequences_through_plain_output() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("evil.txt"), "Title \u{1b}]0;pwned\u{7}\n\nBody text here.").unwrap();
    let out =
        dossier().args(["--filter", "title"]).arg(dir.path()).assert().success().get_output().stdout.clone();
    // Piped output keeps the text as it is, but one record stays on one line.
    assert_eq!(String::from_utf8(out).unwrap().lines().count(), 1);
}

#[test]
fn version_completions_and_man_page_come_from_the_same_definition() {
    let version = dossier().arg("--version").assert().success().get_output().stdout.clone();
    assert!(String::from_utf8(version).unwrap().starts_with("dossier "));
    for shell in ["bash", "zsh", "fish"] {
        let out = dossier().args(["--completions", shell]).assert().success().get_output().stdout.clone();
        let script = String::from_utf8(out).unwrap();
        assert!(script.contains("list-actors") && script.contains("review"), "{shell}");
    }
    let man = dossier().arg("--man").assert().success().get_output().stdout.clone();
    let man = String::from_utf8(man).unwrap();
    assert!(man.starts_with(".ie") || man.contains(".TH dossier"), "{}", &man[..80.min(man.len())]);
    assert!(man.contains("list\\-actors"));
    let help = dossier().arg("--help").assert().success().get_output().stdout.clone();
    assert!(String::from_utf8(help).unwrap().contains("Examples:"));
}

#[test]
fn sort_orders_headless_output_like_the_screen() {
    let out =
        dossier().args(["--filter", "", "--sort", "date"]).assert().success().get_output().stdout.clone();
    let first = String::from_utf8(out).unwrap().lines().next().unwrap().to_string();
    assert!(first.starts_with("003_049172af67560df8\t"), "{first}");
    dossier().args(["--filter", "", "--sort", "nonsense"]).assert().code(2);
}

/// `dossier --filter Q | head`: once the reader has closed the pipe, dossier stops writing and
/// exits as it would have, saying nothing (it used to print "Broken pipe" and exit 2).
#[test]
fn a_reader_closing_the_output_early_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.csv");
    // Far more than a pipe holds (64 KB on Linux), so that writing outlives the reader.
    let rows: String = (0..20_000).map(|i| format!("{i},Erdogan meets Assad in Idlib round {i}\n")).collect();
    fs::write(&path, format!("id,title\n{rows}")).unwrap();
    for format in [None, Some("--json"), Some("--csv"), Some("--list-actors")] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("dossier"))
            .env("XDG_CACHE_HOME", dir.path().join("cache"))
            .args(format)
            .args(["--no-cache", "--filter", "erdogan"])
            .arg(&path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // The read end is dropped here: the rest of the output meets a closed pipe.
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{format:?}: {:?} {stderr}", out.status);
        assert!(!stderr.contains("Broken pipe") && !stderr.contains("dossier:"), "{format:?}: {stderr}");
    }
}
