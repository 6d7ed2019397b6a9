//! The gazetteer: the built-in list, PETRARCH dictionaries, merging.

use dossier::actors::{ActorInfo, ActorKind, Gazetteer, GazetteerError, alias_key, analyse_with};
use dossier::corpus::{DocParts, Document};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

fn info(name: &str, kind: ActorKind, aliases: &[&str]) -> ActorInfo {
    ActorInfo {
        name: name.to_string(),
        kind,
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        discovered: false,
    }
}

fn temp_file(text: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().expect("temp file");
    f.write_all(text.as_bytes()).expect("write");
    f
}

fn find<'a>(g: &'a Gazetteer, name: &str) -> &'a ActorInfo {
    g.entries.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("{name} missing"))
}

#[test]
fn builtin_list_is_consistent() {
    let g = Gazetteer::builtin();
    let (actors, aliases) = g.counts();
    assert!(actors > 500 && aliases > 1500, "{actors} actors, {aliases} aliases");
    // No alias key designates two actors, and every name is among its aliases.
    let mut owner: HashMap<String, &str> = HashMap::new();
    for e in &g.entries {
        assert!(e.aliases.contains(&e.name), "{}", e.name);
        for a in &e.aliases {
            if let Some(other) = owner.insert(alias_key(a), &e.name) {
                assert_eq!(other, e.name, "{a:?} designates {other} and {}", e.name);
            }
        }
    }
    for (name, alias) in [
        ("Vladimir Putin", "Путин"),
        ("Recep Tayyip Erdoğan", "Erdogan"),
        ("Bashar al-Assad", "El Assad"),
        ("Hayat Tahrir al-Sham", "HTC"),
        ("Nusra Front", "Front al-Nosra"),
        ("Islamic State", "Daech"),
        ("Islamic State", "État islamique"),
        ("United Nations", "ONU"),
        ("NATO", "OTAN"),
        ("Turkey", "Turquie"),
        ("United States", "États-Unis"),
        ("White House", "Maison Blanche"),
    ] {
        assert!(find(&g, name).aliases.iter().any(|a| a == alias), "{name}: {alias}");
    }
    assert_eq!(find(&g, "Dmitry Peskov").kind, ActorKind::Person);
    assert_eq!(find(&g, "Syria").kind, ActorKind::State);
}

#[test]
fn gen_corpus_actors_are_all_known() {
    // Every spelling gen_corpus.py writes into records joins a built-in actor.
    let Ok(script) =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/tools/gen_corpus.py"))
    else {
        eprintln!("skipped: gen_corpus.py not present");
        return;
    };
    let g = Gazetteer::builtin();
    let index = g.key_index();
    let start = script.find("ACTORS = [").expect("ACTORS list");
    let end = start + script[start..].find("\n]\n").expect("end of list");
    let mut n = 0;
    for line in script[start..end].lines().skip(1) {
        let names: Vec<&str> = line.split('"').skip(1).step_by(2).collect();
        let first = index.get(&alias_key(names[0]));
        assert!(first.is_some(), "{} unknown", names[0]);
        for name in &names {
            assert_eq!(index.get(&alias_key(name)), first, "{name} vs {}", names[0]);
            n += 1;
        }
    }
    assert!(n > 150);
}

const SAMPLE: &str = "\
# comment line
SYRIA_  [SYR]
+SYRIAN_ARAB_REPUBLIC_
+DAMASCUS_ # capitals are listed with their country
BASHAR_AL-ASSAD_  # CountryInfo.txt
+BASHAR_ASSAD_
\t[SYRGOV 000717-]
\t[SYRELI]
ANIMAL_LIBERATION_FRONT_(ALF)_ [INTREB] #  kkl 21 Mar 13
UN_SECURITY_COUNCIL_\t[IGOUNO]
JOHN_SMITH_
  \t[USAGOV 20090120-20170120]
";

#[test]
fn petrarch_sample_is_read() {
    let f = temp_file(SAMPLE);
    let actors = Gazetteer::load_file(f.path()).expect("loads");
    let names: Vec<(&str, ActorKind)> = actors.iter().map(|a| (a.name.as_str(), a.kind)).collect();
    assert_eq!(
        names,
        vec![
            ("Syria", ActorKind::State),
            ("Bashar al-Assad", ActorKind::Person),
            ("Animal Liberation Front", ActorKind::Organisation),
            ("Un Security Council", ActorKind::Organisation),
            ("John Smith", ActorKind::Person),
        ]
    );
    assert_eq!(actors[0].aliases, ["Syria", "Syrian Arab Republic", "Damascus"]);
    assert_eq!(actors[1].aliases, ["Bashar al-Assad", "Bashar Assad"]);
    assert_eq!(actors[2].aliases, ["Animal Liberation Front", "ALF"]);
}

#[test]
fn petrarch_bad_lines_name_path_and_line() {
    let f = temp_file("+ORPHAN_ALIAS\nGOOD_NAME_ [USA]\nBROKEN_ [USAGOV\n");
    match Gazetteer::load_file(f.path()) {
        Err(GazetteerError::Syntax { path, line, .. }) => {
            assert_eq!(path, f.path());
            assert_eq!(line, 1);
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
    let read = Gazetteer::read_file(f.path()).expect("lenient read");
    assert_eq!(read.actors.len(), 1);
    assert_eq!(read.warnings.len(), 2);
    let shown = f.path().display().to_string();
    assert!(read.warnings[0].starts_with(&format!("{shown}:1: ")), "{:?}", read.warnings);
    assert!(read.warnings[1].starts_with(&format!("{shown}:3: ")), "{:?}", read.warnings);
}

#[test]
fn files_that_are_not_gazetteers_are_refused() {
    let f = temp_file("[{\"name\": \"X\", \"kind\": \"planet\"}]");
    assert!(matches!(Gazetteer::load_file(f.path()), Err(GazetteerError::Json { .. })));
    let f = temp_file("# only comments\n");
    assert!(matches!(Gazetteer::load_file(f.path()), Err(GazetteerError::Empty { .. })));
    assert!(matches!(Gazetteer::load_file(Path::new("/no/such/file")), Err(GazetteerError::Io { .. })));
}

#[test]
fn json_files_keep_their_alias_rules() {
    let f = temp_file(
        r#"[{"name": "Grace Hope", "kind": "person",
             "aliases": [{"text": "Hope", "case_sensitive": true}, {"text": "GH", "in_text": false}]}]"#,
    );
    let mut g = Gazetteer::default();
    g.merge_file(Gazetteer::read_file(f.path()).expect("reads"));
    let docs = vec![Document::new(DocParts { body: "hope and Hope, GH.", ..DocParts::default() })];
    let actors = analyse_with(&docs, &g, false);
    let spans: Vec<_> = actors.per_doc.get(0).mentions.iter().map(|m| m.span()).collect();
    assert_eq!(spans, vec![9..13]);
}

#[test]
fn merging_joins_known_actors_and_reports_conflicts() {
    let mut g = Gazetteer::builtin();
    let before = g.entries.len();
    let notes = g.merge(vec![
        // Known by an alias: merged, its new spelling added.
        info("PUTIN", ActorKind::Person, &["Vova Putin"]),
        // New, and asking for an alias that already designates another actor.
        info("Hafez al-Assad", ActorKind::Person, &["Assad"]),
        info("Someone New", ActorKind::Person, &[]),
    ]);
    assert_eq!(g.entries.len(), before + 1);
    let putin = find(&g, "Vladimir Putin");
    assert!(putin.aliases.iter().any(|a| a == "Vova Putin"));
    // The spelling stays with the actor that had it; the conflict is reported.
    assert!(find(&g, "Bashar al-Assad").aliases.iter().any(|a| a == "Assad"));
    assert!(!find(&g, "Hafez al-Assad").aliases.iter().any(|a| a == "Assad"));
    assert!(
        notes
            .iter()
            .any(|n| n.contains("\"Assad\" stays with Bashar al-Assad") && n.contains("Hafez al-Assad")),
        "{notes:?}"
    );
    let docs =
        vec![Document::new(DocParts { body: "Vova Putin et Assad, Hafez al-Assad.", ..DocParts::default() })];
    let actors = analyse_with(&docs, &g, false);
    let names: Vec<&str> =
        actors.per_doc.get(0).mentions.iter().map(|m| actors.table[m.actor as usize].name.as_str()).collect();
    assert_eq!(names, ["Vladimir Putin", "Bashar al-Assad", "Hafez al-Assad"]);
}

#[test]
fn real_phoenix_dictionaries_load() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/petrarch2");
    if !dir.exists() {
        eprintln!("skipped: {} not present", dir.display());
        return;
    }
    let countries = Gazetteer::load_file(&dir.join("Phoenix.Countries.actors.txt")).expect("loads");
    assert!(countries.len() > 15_000, "{}", countries.len());
    let putin = countries.iter().find(|a| a.name == "Vladimir Putin").expect("Putin listed");
    assert_eq!(putin.kind, ActorKind::Person);
    let syria = countries.iter().find(|a| a.name == "Syria").expect("Syria");
    assert_eq!(syria.kind, ActorKind::State);
    for file in ["Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"] {
        let read = Gazetteer::read_file(&dir.join(file)).expect("loads");
        assert!(read.actors.len() > 500, "{file}: {}", read.actors.len());
    }
    let mut g = Gazetteer::builtin();
    let read = Gazetteer::read_file(&dir.join("Phoenix.Countries.actors.txt")).expect("loads");
    g.merge_file(read);
    // Built-in French spellings survive; Putin stays one actor.
    let putins: Vec<_> = g.entries.iter().filter(|e| e.aliases.iter().any(|a| a == "Poutine")).collect();
    assert_eq!(putins.len(), 1);
}
