//! Actors through the binary: --list-actors, @actor across spellings, --gazetteer files.

mod common;

use assert_cmd::Command;
use std::collections::HashMap;
use std::fs;

fn dossier() -> Command {
    let mut command = Command::cargo_bin("dossier").expect("binary");
    command.env("XDG_CACHE_HOME", common::cache_home());
    command
}

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

#[test]
fn list_actors_on_the_seeds_counts_documents_per_actor() {
    let out = stdout(dossier().arg("--list-actors"));
    let counts: HashMap<&str, u32> = out
        .lines()
        .map(|l| {
            let (n, name) = l.split_once('\t').expect("COUNT<TAB>NAME");
            (name, n.parse().expect("count"))
        })
        .collect();
    for (name, n) in [
        ("Recep Tayyip Erdoğan", 3),
        ("Vladimir Putin", 3),
        ("Bashar al-Assad", 3),
        ("Dmitry Peskov", 2),
        ("Sergey Lavrov", 1),
        ("Donald Trump", 1),
    ] {
        assert_eq!(counts.get(name), Some(&n), "{name} in\n{out}");
    }
    let firsts: Vec<u32> = out.lines().map(|l| l.split('\t').next().unwrap().parse().unwrap()).collect();
    assert!(firsts.windows(2).all(|w| w[0] >= w[1]), "most documents first");
}

#[test]
fn list_actors_json_has_kind_spellings_mentions_and_ids() {
    let out = stdout(dossier().args(["--list-actors", "--json"]));
    let putin = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|r| r["name"] == "Vladimir Putin")
        .expect("Putin listed");
    assert_eq!(putin["kind"], "person");
    assert_eq!(putin["documents"], 3);
    assert!(putin["mentions"].as_u64().unwrap() >= 3);
    let seen: Vec<&str> =
        putin["aliases_seen"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert!(seen.contains(&"Poutine") && seen.contains(&"Vladimir Poutine"), "{seen:?}");
    assert_eq!(putin["ids"].as_array().unwrap().len(), 3);
}

#[test]
fn actor_queries_agree_across_spellings_and_typos() {
    let ids = |q: &str| stdout(dossier().args(["--filter", q]));
    let putin = ids("@putin");
    assert_eq!(putin.lines().count(), 3);
    assert_eq!(ids("@poutine"), putin);
    assert_eq!(ids("@Путин"), putin);
    assert_eq!(ids("@poutnie"), putin, "a typo still finds the actor");
    assert_eq!(ids("@erdgoan"), ids("@erdogan"));
    assert_eq!(ids("@erdogan"), ids("@Erdoğan"));
}

#[test]
fn filter_json_records_carry_actor_objects() {
    let out = stdout(dossier().args(["--filter", "@peskov", "--json"]));
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    let actors = first["actors"].as_array().unwrap();
    let peskov = actors.iter().find(|a| a["name"] == "Dmitry Peskov").expect("Peskov");
    assert_eq!(peskov["kind"], "person");
    assert_eq!(peskov["discovered"], false);
    assert!(peskov["mentions"].as_u64().unwrap() >= 2);
    assert!(actors.iter().all(|a| a.get("discovered").is_some()));
}

#[test]
fn gazetteer_files_add_actors_and_report_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("mine.json");
    fs::write(&json, r#"[{"name": "Judd Deere", "kind": "person", "aliases": ["Deere", "Assad"]}]"#).unwrap();
    let petrarch = dir.path().join("mine.actors.txt");
    fs::write(&petrarch, "# my dictionary\nPESKOV_DMITRI_ [RUSGOV 20120507-20240507]\n+KREMLIN_SPOKESMAN\n")
        .unwrap();
    let assert = dossier()
        .args(["--list-actors", "--gazetteer"])
        .arg(&json)
        .arg("--gazetteer")
        .arg(&petrarch)
        .assert()
        .success();
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(out.contains("\tJudd Deere\n"), "{out}");
    assert!(err.contains("note: alias \"Assad\" stays with Bashar al-Assad"), "{err}");
    assert!(out.contains("3\tBashar al-Assad"), "the built-in meaning is kept: {out}");
}

#[test]
fn an_unreadable_gazetteer_is_an_error_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    fs::write(&bad, "[{\"name\": ").unwrap();
    let assert = dossier().args(["--filter", "x", "--gazetteer"]).arg(&bad).assert().code(2);
    assert!(String::from_utf8_lossy(&assert.get_output().stderr).contains(&bad.display().to_string()));
}

#[test]
fn discovery_skipped_for_size_is_a_note_and_discover_asks_for_it() {
    // Over 8 MB of text, names no gazetteer lists are not looked for unless --discover asks.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    let named = "Commander Zoltan Wexford said the talks in Geneva failed. Zoltan Wexford left.";
    let filler = "the shelling went on through the night and the convoy waited at the crossing. ".repeat(25);
    let mut text = String::new();
    for i in 0..3 {
        text += &format!("{{\"id\":\"d{i}\",\"title\":\"Report {i}\",\"body\":\"{named}\"}}\n");
    }
    for i in 0..4600 {
        text += &format!("{{\"id\":\"f{i}\",\"title\":\"filler {i}\",\"body\":\"{filler}\"}}\n");
    }
    assert!(text.len() > dossier::library::DISCOVERY_AUTO_LIMIT, "bodies over the limit");
    fs::write(&path, text).unwrap();
    let run = |extra: &[&str]| {
        let output = dossier().args(["--no-cache", "--list-actors"]).args(extra).arg(&path).output().unwrap();
        assert!(output.status.success(), "{output:?}");
        (String::from_utf8(output.stdout).unwrap(), String::from_utf8(output.stderr).unwrap())
    };
    let (auto, note) = run(&[]);
    assert!(!auto.contains("Zoltan Wexford"), "{auto}");
    assert!(auto.contains("Geneva"), "gazetteer names are still found: {auto}");
    assert!(
        note.contains("note: names no gazetteer lists were not looked for") && note.contains("--discover"),
        "{note}"
    );
    let (asked, quiet) = run(&["--discover"]);
    assert!(asked.lines().any(|l| l.ends_with("\tZoltan Wexford")), "{asked}");
    assert!(quiet.is_empty(), "{quiet}");
    let (off, quiet) = run(&["--no-discover"]);
    assert!(!off.contains("Zoltan Wexford") && quiet.is_empty(), "{off}{quiet}");
}
