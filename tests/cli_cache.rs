//! The index cache through the binary: a second run of the same corpus reopens from the cache
//! (`--stats` says `cache=hit`) and prints exactly what the first run printed, warnings
//! included; a changed file, a damaged cache or `--no-cache` rebuild.

mod hostile_fixture;

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use assert_cmd::Command;

/// Private cache, data and config folders, so that runs see only what the test made.
struct Sandbox {
    home: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox { home: tempfile::tempdir().unwrap() }
    }

    fn cache_dir(&self) -> PathBuf {
        self.home.path().join("cache")
    }

    fn cache_files(&self) -> Vec<PathBuf> {
        match fs::read_dir(self.cache_dir().join("dossier")) {
            Ok(entries) => entries.map(|e| e.unwrap().path()).collect(),
            Err(_) => Vec::new(),
        }
    }

    fn dossier(&self) -> Command {
        let mut command = Command::cargo_bin("dossier").expect("binary");
        command
            .env("XDG_CACHE_HOME", self.cache_dir())
            .env("XDG_DATA_HOME", self.home.path().join("data"))
            .env("XDG_CONFIG_HOME", self.home.path().join("config"))
            // Test corpora build in milliseconds, below the size worth caching.
            .env("DOSSIER_TEST_CACHE_ALWAYS", "1");
        command
    }

    /// Runs with `--stats`: stdout, the stderr lines other than the stats line, and `cache=`.
    fn run(&self, args: &[&str], paths: &[&Path]) -> Run {
        let output = self.dossier().arg("--stats").args(args).args(paths).output().unwrap();
        assert!(output.status.code().is_some_and(|c| c < 2), "{output:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        let (stats, messages): (Vec<&str>, Vec<&str>) =
            stderr.lines().partition(|l| l.starts_with("stats: "));
        let cache = stats.first().and_then(|l| l.rsplit_once(" cache=")).map(|(_, s)| s.to_string());
        let docs = stats.first().and_then(|l| l.split(' ').find_map(|f| f.strip_prefix("docs=")));
        Run {
            docs: docs.expect("a stats line with docs=").parse().unwrap(),
            stdout: String::from_utf8(output.stdout).unwrap(),
            messages: messages.into_iter().map(String::from).collect(),
            cache: cache.expect("a stats line ending in cache="),
        }
    }
}

#[derive(Debug)]
struct Run {
    docs: usize,
    stdout: String,
    messages: Vec<String>,
    cache: String,
}

/// Sets every regular file's mtime an hour back: dossier does not cache inputs modified in
/// the last seconds (their size and mtime could still change unnoticed).
fn backdate(root: &Path) {
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    let mut stack = vec![root.to_path_buf()];
    while let Some(path) = stack.pop() {
        let Ok(meta) = fs::symlink_metadata(&path) else { continue };
        if meta.is_dir() {
            if let Ok(entries) = fs::read_dir(&path) {
                stack.extend(entries.flatten().map(|e| e.path()));
            }
        } else if meta.is_file()
            && let Ok(file) = File::open(&path)
        {
            let _ = file.set_modified(an_hour_ago);
        }
    }
}

/// A folder with a valid CSV and JSON Lines file holding a broken line (one warning).
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.csv"),
        "id,title,actors\n1,Erdogan à Idlib,Recep Tayyip Erdogan\n2,Poutine et Assad,Bachar al-Assad\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("b.jsonl"),
        "{\"id\": \"3\", \"title\": \"Erdogan reçoit Peskov\", \"body\": \"Le Kremlin et Ankara.\"}\n{broken\n",
    )
    .unwrap();
    backdate(dir.path());
    dir
}

#[test]
fn a_second_run_hits_the_cache_and_prints_the_same() {
    let sandbox = Sandbox::new();
    let dir = corpus();
    for args in
        [&["--filter", "erdogan"][..], &["--filter", "erdogan", "--json"], &["--list-actors", "--json"]]
    {
        let sandbox = Sandbox::new();
        let first = sandbox.run(args, &[dir.path()]);
        assert_eq!(first.cache, "miss", "{args:?}");
        let second = sandbox.run(args, &[dir.path()]);
        assert_eq!(second.cache, "hit", "{args:?}");
        assert_eq!(first.stdout, second.stdout, "{args:?}");
        assert_eq!(first.messages, second.messages, "{args:?}");
    }
    let first = sandbox.run(&["--filter", "erdogan"], &[dir.path()]);
    assert!(first.stdout.contains("Erdogan à Idlib"), "{first:?}");
    assert_eq!(first.messages.len(), 1, "{first:?}");
    assert!(
        first.messages[0].starts_with("warning: ") && first.messages[0].contains("b.jsonl:2"),
        "{first:?}"
    );
    // Another query on the same corpus uses the same cache.
    let other = sandbox.run(&["--filter", "assad"], &[dir.path()]);
    assert_eq!(other.cache, "hit");
    assert_eq!(other.messages, first.messages);
    assert!(other.stdout.contains("Poutine et Assad"), "{other:?}");
}

#[test]
fn a_changed_or_added_file_misses_then_hits_again() {
    let sandbox = Sandbox::new();
    let dir = corpus();
    let first = sandbox.run(&["--filter", "erdogan"], &[dir.path()]);
    assert_eq!(first.cache, "miss");
    assert_eq!(sandbox.run(&["--filter", "erdogan"], &[dir.path()]).cache, "hit");

    fs::write(dir.path().join("a.csv"), "id,title\n1,Erdogan à Ankara\n").unwrap();
    backdate(dir.path());
    let changed = sandbox.run(&["--filter", "erdogan"], &[dir.path()]);
    assert_eq!(changed.cache, "miss");
    assert!(changed.stdout.contains("Erdogan à Ankara") && !changed.stdout.contains("Idlib"), "{changed:?}");
    assert_eq!(sandbox.run(&["--filter", "erdogan"], &[dir.path()]).cache, "hit");

    fs::write(dir.path().join("c.csv"), "id,title\n9,Erdogan encore\n").unwrap();
    backdate(dir.path());
    let added = sandbox.run(&["--filter", "erdogan"], &[dir.path()]);
    assert_eq!(added.cache, "miss");
    assert!(added.stdout.contains("Erdogan encore"), "{added:?}");
    // One file per corpus, overwritten each time.
    assert_eq!(sandbox.cache_files().len(), 1, "{:?}", sandbox.cache_files());
}

#[test]
fn options_that_change_the_index_miss() {
    let sandbox = Sandbox::new();
    let dir = corpus();
    let gazetteer = dir.path().join("extra.json");
    fs::write(&gazetteer, r#"[{"name": "Dmitri Peskov", "kind": "person"}]"#).unwrap();
    backdate(dir.path());
    let csv = dir.path().join("a.csv");
    assert_eq!(sandbox.run(&["--filter", "peskov"], &[&csv]).cache, "miss");
    assert_eq!(sandbox.run(&["--filter", "peskov"], &[&csv]).cache, "hit");
    let g = gazetteer.to_str().unwrap();
    assert_eq!(sandbox.run(&["--filter", "peskov", "--gazetteer", g], &[&csv]).cache, "miss");
    assert_eq!(sandbox.run(&["--filter", "peskov", "--gazetteer", g], &[&csv]).cache, "hit");
    assert_eq!(sandbox.run(&["--filter", "peskov", "--no-discover"], &[&csv]).cache, "miss");
}

#[test]
fn a_damaged_cache_is_silently_rebuilt() {
    let sandbox = Sandbox::new();
    let dir = corpus();
    let first = sandbox.run(&["--filter", "erdogan"], &[dir.path()]);
    let [file] = &sandbox.cache_files()[..] else { panic!("{:?}", sandbox.cache_files()) };
    let bytes = fs::read(file).unwrap();
    fs::write(file, &bytes[..bytes.len() / 2]).unwrap();
    let rebuilt = sandbox.run(&["--filter", "erdogan"], &[dir.path()]);
    assert_eq!(rebuilt.cache, "miss");
    assert_eq!(rebuilt.stdout, first.stdout);
    assert_eq!(rebuilt.messages, first.messages, "nothing said about the cache");
    assert_eq!(sandbox.run(&["--filter", "erdogan"], &[dir.path()]).cache, "hit");
}

#[test]
fn no_cache_neither_reads_nor_writes_and_the_seeds_are_never_cached() {
    let sandbox = Sandbox::new();
    let dir = corpus();
    let off = sandbox.run(&["--filter", "erdogan", "--no-cache"], &[dir.path()]);
    assert_eq!(off.cache, "off");
    assert!(sandbox.cache_files().is_empty());
    let first = sandbox.run(&["--filter", "erdogan"], &[dir.path()]);
    assert_eq!(first.cache, "miss");
    assert_eq!(sandbox.run(&["--filter", "erdogan", "--no-cache"], &[dir.path()]).cache, "off");
    assert_eq!(sandbox.run(&["--filter", "erdogan"], &[]).cache, "off");
    assert_eq!(sandbox.cache_files().len(), 1);
}

#[test]
fn a_cache_folder_that_cannot_be_written_is_a_note() {
    let sandbox = Sandbox::new();
    let dir = corpus();
    // XDG_CACHE_HOME is a file: the dossier folder cannot be made under it.
    fs::write(sandbox.cache_dir(), "").unwrap();
    let run = sandbox.run(&["--filter", "erdogan"], &[dir.path()]);
    assert_eq!(run.cache, "miss");
    let notes: Vec<_> =
        run.messages.iter().filter(|m| m.starts_with("note: index cache not written")).collect();
    assert_eq!(notes.len(), 1, "{run:?}");
    assert!(run.stdout.contains("Erdogan à Idlib"));
}

#[test]
fn the_hostile_corpus_reopens_identically() {
    let hostile = hostile_fixture::build();
    backdate(hostile.root());
    let sandbox = Sandbox::new();
    let root = hostile.root();
    let queries: &[&[&str]] = &[
        &["--filter", "", "--json"],
        &["--filter", "cafe", "--json"],
        &["--filter", "evil"],
        &["--list-actors", "--json"],
        &["--filter", "e", "--csv"],
    ];
    let first: Vec<Run> = queries.iter().map(|q| sandbox.run(q, &[root])).collect();
    assert_eq!(first[0].cache, "miss");
    assert!(first[0].messages.iter().any(|m| m.starts_with("warning: ")), "{:?}", first[0].messages);
    for (query, before) in queries.iter().zip(&first) {
        let after = sandbox.run(query, &[root]);
        assert_eq!(after.cache, "hit", "{query:?}");
        assert_eq!(after.stdout, before.stdout, "{query:?}");
        assert_eq!(after.messages, before.messages, "{query:?}");
    }
}

/// A reopen decodes only the documents it prints: every output mode, sort order and review
/// query must still print what a run without the cache prints.
#[test]
fn a_reopen_prints_what_a_run_without_the_cache_prints() {
    let sandbox = Sandbox::new();
    let dir = corpus();
    // Same ids in two files (review keys `1` and `1#2`), dates and sources to sort on.
    fs::write(
        dir.path().join("c.jsonl"),
        concat!(
            "{\"id\": \"1\", \"title\": \"Assad à Damas\", \"date\": \"2019-03-01\", \"source\": \"SANA\"}\n",
            "{\"id\": \"4\", \"title\": \"Erdogan et Assad\", \"date\": \"2018-01-01\", \"source\": \"AFP\",",
            " \"actors\": [\"Bachar al-Assad\"]}\n",
        ),
    )
    .unwrap();
    backdate(dir.path());
    let review = sandbox.home.path().join("review.json");
    let docs = dossier::corpus::load_paths(&[dir.path().to_path_buf()]).unwrap().docs;
    let mut store = dossier::review::ReviewStore::open(&review, &docs).unwrap();
    let second_one = docs.iter().rposition(|d| d.id() == "1").unwrap();
    store.apply(second_one, dossier::review::Change::ToggleReviewed).unwrap();
    store.apply(second_one, dossier::review::Change::ToggleLabel("vu".into())).unwrap();
    let review = review.to_str().unwrap();
    let queries: &[&[&str]] = &[
        &["--filter", "assad"],
        &["--filter", "assad", "--json"],
        &["--filter", "", "--json", "--sort", "date"],
        &["--filter", "a", "--sort", "title"],
        &["--filter", "a", "--sort", "source", "--csv"],
        &["--filter", "erdogan", "--list-actors"],
        &["--filter", "a", "--list-actors", "--json"],
        &["--filter", "zzzxq"],
        // Body tests: counted while a run without the cache builds, the bodies then dropped.
        &["--filter", "'damas", "--json"],
        &["--filter", "!erdogan assad"],
        &["--filter", "^assad | damas"],
        &["--filter", "is:reviewed", "--review", review],
        &["--filter", "a", "--json", "--review", review],
        &["--filter", "label:vu | erdogan", "--csv", "--review", review],
    ];
    for query in queries {
        let fresh = sandbox.run(&[&["--no-cache"], *query].concat(), &[dir.path()]);
        sandbox.run(query, &[dir.path()]);
        let reopened = sandbox.run(query, &[dir.path()]);
        assert_eq!(reopened.cache, "hit", "{query:?}");
        assert_eq!(reopened.stdout, fresh.stdout, "{query:?}");
        assert_eq!(reopened.messages, fresh.messages, "{query:?}");
    }
    let reviewed = sandbox.run(&["--filter", "is:reviewed", "--review", review], &[dir.path()]);
    assert_eq!(reviewed.stdout, "1\tAssad à Damas\n", "the second document of id 1");
}

#[test]
fn two_spellings_of_a_corpus_each_keep_their_cache() {
    // The messages a cache keeps quote the PATHs as given: `dir` and `dir/.` share one cache
    // file name otherwise, and each run overwrote the other's.
    let sandbox = Sandbox::new();
    let dir = corpus();
    let dotted = dir.path().join(".");
    sandbox.run(&["--filter", "alep"], &[dir.path()]);
    sandbox.run(&["--filter", "alep"], &[&dotted]);
    assert_eq!(sandbox.cache_files().len(), 2);
    assert_eq!(sandbox.run(&["--filter", "alep"], &[dir.path()]).cache, "hit");
    assert_eq!(sandbox.run(&["--filter", "alep"], &[&dotted]).cache, "hit");
}

#[test]
fn the_cache_folder_is_kept_within_its_limit_least_recently_used_first() {
    let sandbox = Sandbox::new();
    let config = sandbox.home.path().join("config.toml");
    fs::write(&config, "[cache]\nlimit_mb = 0\n").unwrap();
    let (first, second) = (corpus(), corpus());
    let run = |dir: &Path| sandbox.run(&["--config", config.to_str().unwrap(), "--filter", "alep"], &[dir]);
    assert_eq!(run(first.path()).cache, "miss");
    let first_cache = sandbox.cache_files();
    assert_eq!(first_cache.len(), 1);
    // Writing the second corpus's cache deletes the first one's (limit 0 keeps only the new).
    assert_eq!(run(second.path()).cache, "miss");
    let left = sandbox.cache_files();
    assert_eq!(left.len(), 1);
    assert_ne!(left, first_cache);
    assert_eq!(run(second.path()).cache, "hit");
    assert_eq!(run(first.path()).cache, "miss");
}

#[test]
fn a_run_keeping_only_what_may_match_prints_what_the_whole_library_does() {
    // Without discovery and without a cache to write, a run printing ids and titles keeps
    // only the documents that may match (`QuerySieve`): CSV rows are sieved before they become
    // documents, JSON and text documents after. Its answer, warnings and document count are
    // the whole library's (the cached reopen's).
    let sandbox = Sandbox::new();
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("id,title,body,actors,date\n");
    let titles = ["Erdogan à Idlib", "Poutine et Assad", "Talks in Geneva", "Le Kremlin répond", "Ankara"];
    let names = ["Recep Tayyip Erdogan", "Karim al-Zubayri", "Karim al Zubayri", "Poutine", "Zahran Allouch"];
    for i in 0..200 {
        let body = if i % 7 == 0 { "Damas et Moscou." } else { "" };
        let actors = format!("{}; {}", names[i % 5], names[(i / 5) % 5]);
        csv += &format!("{i},{} {i},{body},{actors},2019-0{}-01\n", titles[i % 5], 1 + i % 9);
        if i == 50 {
            csv += "broken,row\n";
        }
    }
    fs::write(dir.path().join("a.csv"), csv).unwrap();
    fs::write(
        dir.path().join("b.jsonl"),
        "{\"id\": \"j1\", \"title\": \"Erdogan reçoit Peskov\", \"body\": \"Le Kremlin et Ankara.\", \"actors\": [\"Dmitri Peskov\"]}\n{broken\n",
    )
    .unwrap();
    fs::write(dir.path().join("c.txt"), "Vladimir à Sotchi\n\nPoutine reçoit Erdoğan.").unwrap();
    backdate(dir.path());
    let queries = [
        "erdogan",
        "vladimir",
        "'al-z",
        "idlib 'zubayri",
        "^talks",
        "geneva$",
        "'damas",
        "!idlib ankara",
        "kremlin | zzzxq",
        "peskov",
        "zzzxq",
    ];
    for q in queries {
        let args = ["--no-discover", "--filter", q];
        let sieved = sandbox.run(&[&["--no-cache"][..], &args].concat(), &[dir.path()]);
        sandbox.run(&args, &[dir.path()]);
        let whole = sandbox.run(&args, &[dir.path()]);
        assert_eq!(whole.cache, "hit", "{q}");
        assert_eq!(sieved.stdout, whole.stdout, "{q}");
        assert_eq!(sieved.messages, whole.messages, "{q}");
        assert_eq!(sieved.docs, whole.docs, "{q}");
        assert_eq!(sieved.docs, 202, "{q}: every document counted, kept or not");
    }
    let found = sandbox.run(&["--no-discover", "--no-cache", "--filter", "vladimir"], &[dir.path()]);
    assert!(found.stdout.lines().count() > 40, "through the gazetteer and record names: {}", found.stdout);
    assert!(found.messages.iter().any(|m| m.contains("a.csv:53")), "{:?}", found.messages);
}
