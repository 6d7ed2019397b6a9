//! The hostile corpus through the loaders and through the binary: what loads, what warns
//! (exact `warning: PATH[:LINE]: reason` lines on stderr), and that nothing a document or a
//! file name holds reaches a terminal as a control character.

mod common;

mod hostile_fixture;

use assert_cmd::Command;
use dossier::corpus::{Format, load_paths, parse_bytes};
use dossier::text::sanitize_line;

fn dossier() -> Command {
    let mut command = Command::cargo_bin("dossier").expect("binary");
    command.env("XDG_CACHE_HOME", common::cache_home());
    command
}

fn has_control(s: &str) -> bool {
    s.chars().any(|c| {
        c.is_control() && c != '\n' || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

#[test]
fn every_valid_document_loads_and_every_problem_is_one_warning() {
    let hostile = hostile_fixture::build();
    let loaded = load_paths(&[hostile.root().to_path_buf()]).unwrap();
    // Compared by their first 120 characters, so a failure does not print a 5,000-character title.
    let short = |t: &str| t.chars().take(120).collect::<String>();
    let titles: Vec<String> = loaded.docs.iter().map(|d| short(d.title())).collect();
    let expected: Vec<String> = hostile_fixture::expected_titles().iter().map(|t| short(t)).collect();
    assert_eq!(titles, expected);
    let warnings: Vec<String> = loaded
        .warnings
        .iter()
        .map(|w| {
            let shown = w.to_string();
            let root = format!("{}/", hostile.root().display());
            shown.strip_prefix(&root).unwrap_or(&shown).to_string()
        })
        .collect();
    assert_eq!(warnings, hostile_fixture::expected_warnings());
}

#[test]
fn encodings_decode_and_wrong_types_are_coerced() {
    let hostile = hostile_fixture::build();
    let loaded = load_paths(&[hostile.root().to_path_buf()]).unwrap();
    let by_title = |t: &str| loaded.docs.iter().find(|d| d.title() == t).unwrap_or_else(|| panic!("{t}"));
    assert_eq!(by_title("Café œuvre € Windows").body(), "Corps en français.");
    assert_eq!(by_title("Français naïf Latin").body(), "Corps à l'été.");
    assert_eq!(by_title("Œuvre seize BE").body(), "Corps ünïcode.");
    assert!(by_title("Œuvre seize LE").body().ends_with('\u{FFFD}'), "the odd byte is replaced");
    let assad = by_title("Acteurs en texte");
    assert_eq!(assad.actors(), dossier::corpus::ActorNames::from(["Bachar al-Assad", "Vladimir Poutine"]));
    assert_eq!(by_title("Acteur nombre").actors(), dossier::corpus::ActorNames::from(["7"]));
    assert_eq!(by_title("Acteur booléen").actors(), dossier::corpus::ActorNames::from(["Assad"]));
    let coerced = by_title("true");
    assert_eq!((coerced.body(), coerced.date()), ("p1\n\np2", Some("2019")));
    assert_eq!(by_title("Titre nul.").body(), "Titre nul. Corps du texte.");
    let long = loaded.docs.iter().find(|d| d.title().starts_with("Mot Mot")).unwrap();
    assert_eq!(long.title().chars().count(), hostile_fixture::LONG_TITLE_CHARS - 1);
    let one_line = loaded.docs.iter().find(|d| d.id() == "f_one_line").unwrap();
    assert!(one_line.body().len() > hostile_fixture::ONE_LINE_BYTES - 40);
    assert!(!one_line.body().contains('\n'));
}

#[test]
fn the_binary_prints_each_warning_as_one_sanitised_line() {
    let hostile = hostile_fixture::build();
    let output = dossier().args(["--filter", ""]).arg(hostile.root()).assert().success();
    let output = output.get_output();
    let stderr = String::from_utf8(output.stderr.clone()).unwrap();
    let root = sanitize_line(&hostile.root().display().to_string()).into_owned();
    let expected: Vec<String> =
        hostile_fixture::expected_warnings().iter().map(|w| format!("warning: {root}/{w}")).collect();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines, expected);
    assert!(!has_control(&stderr), "a control character reached stderr: {stderr:?}");
    let stdout = String::from_utf8(output.stdout.clone()).unwrap();
    assert_eq!(stdout.lines().count(), hostile_fixture::expected_titles().len(), "one line per document");
}

#[test]
fn json_output_escapes_what_it_carries() {
    let hostile = hostile_fixture::build();
    let output = dossier().args(["--filter", "evil", "--json"]).arg(hostile.root()).assert().success();
    let stdout = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    assert!(!stdout.contains('\x1b') && !stdout.contains('\x07'), "{stdout:?}");
    let stdout = String::from_utf8(
        dossier().args(["--list-actors"]).arg(hostile.root()).assert().success().get_output().stdout.clone(),
    )
    .unwrap();
    assert!(stdout.lines().count() > 0);
}

#[test]
fn parse_bytes_is_the_load_of_one_file() {
    let loaded =
        parse_bytes(b"[{\"title\": \"Un\"}, {\"title\": 2}, 3]".to_vec(), Format::Json, "x/feed.json");
    let titles: Vec<&str> = loaded.docs.iter().map(|d| d.title()).collect();
    assert_eq!(titles, ["Un", "2"]);
    assert_eq!(loaded.docs[0].id(), "x/feed.json:1");
    assert_eq!(
        loaded.warnings[0].to_string(),
        "x/feed.json:1: a number is not a record (expected an object), skipped"
    );
    let loaded = parse_bytes(b"\x89PNG\r\n\x1a\n\x00".to_vec(), Format::Text, "img.txt");
    assert_eq!(loaded.warnings[0].to_string(), "img.txt: binary file (NUL bytes), skipped");
    let loaded = parse_bytes("Titre\n\nCorps.".into(), Format::Markdown, "a/b.md");
    assert_eq!((loaded.docs[0].id(), loaded.docs[0].title()), ("b", "Titre"));
}
