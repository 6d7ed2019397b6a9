use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::*;
use crate::actors::{Field, Gazetteer};
use crate::corpus::{self, ActorNames, DocParts, Document};
use crate::library::Discovery;
use crate::search::{NoReview, Query};

/// Sets a file's mtime to an hour ago, as if it had been written long before (a cache is only
/// written for inputs that have settled, see [`SETTLE`]).
fn backdate(path: &Path) {
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    File::open(path).unwrap().set_modified(an_hour_ago).unwrap();
}

fn write(path: &Path, text: &str) {
    fs::write(path, text).unwrap();
    backdate(path);
}

fn fingerprint(paths: &[PathBuf], gazetteers: &[PathBuf]) -> Fingerprint {
    Fingerprint::take(paths, gazetteers, Discovery::Auto).expect("fingerprint")
}

/// A folder with two CSV files.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a.csv"), "id,title\n1,Erdogan à Idlib\n");
    write(&dir.path().join("b.csv"), "id,title\n2,Poutine et Assad\n");
    dir
}

#[test]
fn the_fingerprint_is_stable_while_nothing_changes() {
    let dir = corpus();
    let paths = [dir.path().to_path_buf()];
    assert_eq!(fingerprint(&paths, &[]), fingerprint(&paths, &[]));
}

#[test]
fn content_length_mtime_and_folder_changes_change_the_fingerprint() {
    let dir = corpus();
    let paths = [dir.path().to_path_buf()];
    let a = dir.path().join("a.csv");
    let before = fingerprint(&paths, &[]);

    // Same length, mtime put back: the change time (and content) still tell.
    let (mtime, len) = (fs::metadata(&a).unwrap().modified().unwrap(), fs::metadata(&a).unwrap().len());
    fs::write(&a, "id,title\n1,Erdogan a  Idlib\n").unwrap();
    assert_eq!(fs::metadata(&a).unwrap().len(), len);
    File::open(&a).unwrap().set_modified(mtime).unwrap();
    let same_len = fingerprint(&paths, &[]);
    if cfg!(unix) {
        assert_ne!(before, same_len, "rewritten with the same length and mtime");
    }

    // Only the mtime.
    File::open(&a).unwrap().set_modified(mtime - Duration::from_secs(60)).unwrap();
    let touched = fingerprint(&paths, &[]);
    assert_ne!(same_len, touched, "mtime changed");

    // The length.
    write(&a, "id,title\n1,Erdogan\n");
    let shorter = fingerprint(&paths, &[]);
    assert_ne!(touched, shorter, "length changed");

    // A file added to the folder, then removed again.
    write(&dir.path().join("c.csv"), "id,title\n3,Peskov\n");
    let added = fingerprint(&paths, &[]);
    assert_ne!(shorter, added, "file added");
    fs::remove_file(dir.path().join("c.csv")).unwrap();
    assert_eq!(shorter, fingerprint(&paths, &[]), "file removed again");

    // A file the walk skips (hidden, unknown extension) changes nothing.
    write(&dir.path().join(".hidden.csv"), "id,title\n4,x\n");
    write(&dir.path().join("notes.pdf"), "x");
    assert_eq!(shorter, fingerprint(&paths, &[]), "ignored files");
}

#[test]
fn gazetteer_discovery_and_path_order_are_part_of_the_fingerprint() {
    let dir = corpus();
    let a = dir.path().join("a.csv");
    let b = dir.path().join("b.csv");
    let gazetteer = dir.path().join("extra.json");
    write(&gazetteer, r#"[{"name": "Hakan Fidan", "kind": "person"}]"#);
    let paths = [a.clone(), b.clone()];
    let plain = fingerprint(&paths, &[]);
    let with_file = fingerprint(&paths, std::slice::from_ref(&gazetteer));
    assert_ne!(plain, with_file);
    write(&gazetteer, r#"[{"name": "Hakan Fidan", "kind": "person", "aliases": ["Fidan"]}]"#);
    assert_ne!(with_file, fingerprint(&paths, std::slice::from_ref(&gazetteer)), "gazetteer edited");
    assert_ne!(plain, Fingerprint::take(&paths, &[], Discovery::Off).unwrap(), "discovery off");
    assert_ne!(plain, Fingerprint::take(&paths, &[], Discovery::Always).unwrap(), "discovery always");
    assert_ne!(plain, fingerprint(&[b, a], &[]), "PATH order");
    // An unreadable gazetteer: no cache (the normal load reports the error).
    assert!(Fingerprint::take(&paths, &[dir.path().join("missing.json")], Discovery::Auto).is_none());
    assert!(Fingerprint::take(&[dir.path().join("missing.csv")], &[], Discovery::Auto).is_none());
}

#[test]
fn recently_modified_inputs_are_not_cached() {
    let dir = corpus();
    let cache_dir = tempfile::tempdir().unwrap();
    let paths = [dir.path().to_path_buf()];
    fs::write(dir.path().join("a.csv"), "id,title\n1,Erdogan just now\n").unwrap();
    let cache = IndexCache::in_dir(cache_dir.path(), &paths, &[], Discovery::Auto).unwrap();
    let library = build(&paths);
    assert!(!cache.save(&library, &[]).unwrap(), "saved a file modified just now");
    assert!(!cache.path().exists());
    backdate(&dir.path().join("a.csv"));
    let cache = IndexCache::in_dir(cache_dir.path(), &paths, &[], Discovery::Auto).unwrap();
    assert!(cache.save(&library, &[]).unwrap());
    assert!(cache.load().is_some());
}

#[test]
fn a_library_built_for_one_query_is_never_cached() {
    let dir = corpus();
    let cache_dir = tempfile::tempdir().unwrap();
    let paths = [dir.path().to_path_buf()];
    let docs = corpus::load_paths(&paths).unwrap().docs;
    let query = crate::search::Query::parse("erdogan");
    let bodies = crate::library::Bodies::Kept;
    let library =
        Library::open_for_query(docs, &Gazetteer::builtin(), Discovery::Auto, &query, bodies, || {});
    let cache = IndexCache::in_dir(cache_dir.path(), &paths, &[], Discovery::Auto).unwrap();
    assert!(cache.save(&library, &[]).is_err(), "its bodies were dropped");
    assert!(!cache.path().exists());
}

#[test]
fn the_default_folder_follows_xdg_then_home() {
    let dir =
        |xdg: Option<&str>, home: Option<&str>| default_dir_from(xdg.map(Into::into), home.map(Into::into));
    assert_eq!(dir(Some("/x"), Some("/h")), Some(PathBuf::from("/x/dossier")));
    assert_eq!(dir(Some("relative"), Some("/h")), Some(PathBuf::from("/h/.cache/dossier")));
    assert_eq!(dir(Some(""), Some("/h")), Some(PathBuf::from("/h/.cache/dossier")));
    assert_eq!(dir(None, None), None);
}

fn build(paths: &[PathBuf]) -> Library {
    Library::build(corpus::load_paths(paths).unwrap().docs, &Gazetteer::builtin())
}

/// Through the file format and back (no fingerprint of files involved).
fn round_trip(library: &Library, messages: &[String]) -> (Library, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.bin");
    file::write(&path, &"fingerprint", payload::encode_sections(library, messages)).unwrap();
    let sections = file::open(&path, &"fingerprint".to_string()).unwrap();
    let (cached, messages) = payload::decode_sections(&sections).unwrap();
    // The bodies stay in the file (mapped: it may go once opened).
    assert!(cached.docs.is_spilled() && cached.docs.iter().all(|d| d.body().is_empty()));
    (cached, messages)
}

/// Through the file format and back, for a search (documents on demand).
fn round_trip_searchable(library: &Library) -> Searchable {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.bin");
    file::write(&path, &"fingerprint", payload::encode_sections(library, &[])).unwrap();
    // Mapped: the file may go once opened.
    payload::decode_searchable(file::open(&path, &"fingerprint".to_string()).unwrap(), None).unwrap()
}

/// What the headless mode reads of a library: the searches, and the documents one by one.
fn assert_same_searchable(fresh: &Library, cached: &Searchable) {
    assert_eq!(fresh.actors.table, cached.table);
    assert_eq!(cached.docs.len(), fresh.len());
    for doc in 0..fresh.len() {
        assert_eq!(cached.docs.get(doc).unwrap(), fresh.docs[doc]);
        assert_eq!(cached.index.doc_actors(doc), fresh.doc_actors(doc));
        assert_eq!(cached.docs.id(doc).unwrap(), fresh.docs[doc].id());
        assert_eq!(cached.docs.heading(doc).unwrap(), (fresh.docs[doc].id(), fresh.docs[doc].title()));
    }
    assert!(cached.docs.get(fresh.len()).is_err());
    assert_eq!(cached.docs.hashes().unwrap(), fresh.content_hashes());
    for text in QUERIES {
        let query = Query::parse(text);
        assert_eq!(fresh.index.search(&query, &NoReview), cached.index.search(&query, &NoReview), "{text}");
        for doc in 0..fresh.len() {
            assert_eq!(
                fresh.index.highlights(&query, doc, Field::Title),
                cached.index.highlights(&query, doc, Field::Title),
                "{text} {doc}"
            );
        }
    }
}

const QUERIES: &[&str] = &[
    "erdogan",
    "@assad idlib",
    "'kremlin",
    "^le",
    "russie$",
    "!syrie",
    "poutine | peskov",
    "zzzxq",
    "e",
    "cœur",
    "Путин",
];

/// Everything a user can see of a library: documents, actors, and every query's results and
/// highlights.
fn assert_same(fresh: &Library, cached: &Library) {
    assert_eq!(fresh.docs, cached.docs);
    assert_eq!(fresh.actors.table, cached.actors.table);
    for doc in 0..fresh.len() {
        assert_eq!(fresh.doc_actors(doc), cached.doc_actors(doc), "{doc}");
    }
    assert_eq!(fresh.date_width, cached.date_width);
    assert_eq!(fresh.discovered, cached.discovered);
    assert_eq!(fresh.content_hashes(), cached.content_hashes());
    assert_eq!(
        fresh.index.tables().words,
        cached.index.tables().words,
        "the word index is read back, not rebuilt"
    );
    let all = 0..fresh.len();
    assert_eq!(fresh.doc_counts(all.clone()), cached.doc_counts(all.clone()));
    for doc in all.clone() {
        assert_eq!(fresh.actor_names(doc).collect::<Vec<_>>(), cached.actor_names(doc).collect::<Vec<_>>());
    }
    for text in QUERIES {
        let query = Query::parse(text);
        let hits = fresh.index.search(&query, &NoReview);
        assert_eq!(hits, cached.index.search(&query, &NoReview), "{text}");
        for doc in all.clone() {
            for field in [Field::Title, Field::Body] {
                assert_eq!(
                    fresh.index.highlights(&query, doc, field),
                    cached.index.highlights(&query, doc, field),
                    "{text} {doc} {field:?}"
                );
            }
        }
    }
}

#[test]
fn the_seeds_come_back_equal() {
    let fresh = Library::build(corpus::embedded_seeds().docs, &Gazetteer::builtin());
    let messages = vec!["warning: x.csv:3: something".to_string(), "note: y".to_string()];
    let (cached, back) = round_trip(&fresh, &messages);
    assert_eq!(back, messages);
    assert_same(&fresh, &cached);
    assert_same_searchable(&fresh, &round_trip_searchable(&fresh));
    // Every seed holds every letter: none is left undecoded, and ranks stay equal.
    sieved_reopens_rank_alike(&fresh);
}

/// Reopens `fresh`'s cache for each query that can be sieved, decoding only the entries of
/// the documents whose row mask the query's sieve does not rule out, and checks that it ranks
/// and highlights as `fresh` does. Returns how many entries were left undecoded in all.
fn sieved_reopens_rank_alike(fresh: &Library) -> usize {
    let gazetteer = Gazetteer::builtin();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.bin");
    file::write(&path, &"fingerprint", payload::encode_sections(fresh, &[])).unwrap();
    let mut skipped = 0;
    let sieved = ["vladimir", "'al-z", "hadi al", "^idlib", "kremlin$", "'turque", "convois idlib", "zahran"];
    for text in QUERIES.iter().chain(&sieved) {
        let query = Query::parse(text);
        let Some(sieve) = crate::search::QuerySieve::new(&query, &gazetteer) else { continue };
        let candidate = |mask: u64| !sieve.rules_out_mask(mask);
        let sections = file::open(&path, &"fingerprint".to_string()).unwrap();
        let cached = payload::decode_searchable(sections, Some(&candidate)).unwrap();
        let hits = fresh.index.search(&query, &NoReview);
        assert_eq!(hits, cached.index.search(&query, &NoReview), "{text}");
        for hit in hits {
            let doc = hit.doc as usize;
            for field in [Field::Title, Field::Body] {
                let expected = fresh.index.highlights(&query, doc, field);
                assert_eq!(expected, cached.index.highlights(&query, doc, field), "{text} {doc}");
            }
        }
        let titles = &cached.index.tables().titles;
        skipped += (0..fresh.len())
            .filter(|&d| titles[d].folded.text.is_empty() && !fresh.docs[d].title().is_empty())
            .count();
    }
    skipped
}

fn doc(id: &str, title: &str, body: &str, actors: &[&str]) -> Document {
    let actors: ActorNames = actors.iter().collect();
    Document::new(DocParts {
        id,
        title,
        date: Some("2019-02-30"),
        source: None,
        body,
        actors: actors.as_list(),
    })
}

#[test]
fn a_hostile_corpus_comes_back_equal() {
    let long = "Erdoğan ".repeat(20_000);
    let docs = vec![
        doc("", "", "", &[]),
        doc(
            "e\u{301}",
            "e\u{301}te\u{301} cœur ŒUVRE Straße",
            "Le président Erdoğan a parlé à Idlib.",
            &["Erdogan"],
        ),
        doc(
            "rtl",
            "\u{202E}Assad\u{202C} \x1b]2;pwned\x07",
            "Путин и Асад встретились. بشار الأسد",
            &["  ", "X"],
        ),
        doc("same", "Assad", "Assad Assad Assad", &["Bashar al-Assad", "bashar AL ASSAD"]),
        doc("same", "Peskov\0nul", &long, &["Dmitri Peskov"]),
        doc("\u{FFFD}", "🦀 emoji 🦀", "Zaher el-Saket Kremlin Kremlin Damas Damas", &[]),
    ];
    let fresh = Library::build(docs, &Gazetteer::builtin());
    assert!(fresh.discovered);
    let (cached, _) = round_trip(&fresh, &[]);
    assert_same(&fresh, &cached);
    assert_same_searchable(&fresh, &round_trip_searchable(&fresh));
    assert!(sieved_reopens_rank_alike(&fresh) > 0, "some entries left undecoded");
}

/// A corpus cached for real, then its cache file damaged in various ways.
#[test]
fn a_damaged_cache_is_rebuilt_and_overwritten() {
    let dir = corpus();
    let cache_dir = tempfile::tempdir().unwrap();
    let paths = [dir.path().to_path_buf()];
    let cache = IndexCache::in_dir(cache_dir.path(), &paths, &[], Discovery::Auto).unwrap();
    assert!(matches!(cache.read(), Err(Unusable::Missing)));
    let library = build(&paths);
    assert!(cache.save(&library, &["warning: w".into()]).unwrap());
    let good = fs::read(cache.path()).unwrap();
    let cached = cache.read().unwrap();
    assert_eq!(cached.messages, ["warning: w"]);
    assert_same(&library, &cached.library);

    let damaged: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("truncated", good[..good.len() - 1].to_vec()),
        ("header only", good[..40].to_vec()),
        ("extended", [good.clone(), vec![0]].concat()),
        ("flipped payload byte", {
            let mut bad = good.clone();
            let last = bad.len() - 5;
            bad[last] ^= 0x55;
            bad
        }),
        ("flipped byte mid-file", {
            let mut bad = good.clone();
            let middle = bad.len() / 2;
            bad[middle] ^= 0x01;
            bad
        }),
        ("other format", {
            let mut bad = good.clone();
            bad[file::MAGIC.len()] ^= 0xff;
            bad
        }),
        ("garbage", (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect()),
    ];
    for (what, bytes) in damaged {
        fs::write(cache.path(), &bytes).unwrap();
        assert!(cache.load().is_none(), "{what}");
        assert!(cache.load_searchable(None).is_none(), "{what}");
        assert!(cache.save(&library, &[]).unwrap(), "{what}");
        assert!(cache.load().is_some(), "{what}: not overwritten");
    }

    // A cache made for another fingerprint (here: discovery off) is stale, then replaced.
    let other = IndexCache::in_dir(cache_dir.path(), &paths, &[], Discovery::Off).unwrap();
    assert_eq!(other.path(), cache.path());
    assert!(matches!(other.read(), Err(Unusable::Stale)));
}

#[test]
fn a_cache_that_cannot_be_written_is_an_error_for_the_caller_to_note() {
    let dir = corpus();
    let paths = [dir.path().to_path_buf()];
    // The cache "folder" is a file: nothing can be created under it.
    let blocker = dir.path().join("blocker.txt");
    write(&blocker, "");
    let cache = IndexCache::in_dir(&blocker, &paths, &[], Discovery::Auto).unwrap();
    assert!(cache.save(&build(&paths), &[]).is_err());
    // No temporary file left behind in the corpus folder.
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
}

#[test]
fn a_corpus_of_several_chunks_comes_back_equal_and_in_order() {
    // Past CHUNK_MIN documents the payload is split; the chunks must join in corpus order.
    let names = ["Erdogan", "Assad", "Poutine", "Peskov", "Idlib"];
    let docs: Vec<Document> = (0..payload::CHUNK_MIN * 2 + 7)
        .map(|i| {
            doc(
                &i.to_string(),
                &format!("{} {i}", names[i % names.len()]),
                &format!("body {i}"),
                &[names[i % 3]],
            )
        })
        .collect();
    let fresh = Library::open(docs, &Gazetteer::builtin(), crate::library::Discovery::Off);
    let (cached, _) = round_trip(&fresh, &[]);
    assert_eq!(fresh.docs, cached.docs);
    for doc in 0..fresh.len() {
        assert_eq!(fresh.doc_actors(doc), cached.doc_actors(doc), "{doc}");
    }
    assert_eq!(fresh.content_hashes(), cached.content_hashes());
    assert_eq!(fresh.index.tables().words, cached.index.tables().words);
    for text in ["erdogan", "@assad", "8191", "idlib 3"] {
        let query = Query::parse(text);
        assert_eq!(fresh.index.search(&query, &NoReview), cached.index.search(&query, &NoReview), "{text}");
    }
    // Across chunks, "vladimir" (Poutine's actor) leaves Erdogan's, Assad's and Peskov's rows
    // undecoded unless they name Poutine.
    assert!(sieved_reopens_rank_alike(&fresh) > fresh.len() / 2);
    let searchable = round_trip_searchable(&fresh);
    let some = [0, 1, payload::CHUNK_MIN - 1, payload::CHUNK_MIN, fresh.len() - 1];
    let headings = searchable.docs.each(&some.map(|d| d as u32), StoredDocs::heading).unwrap();
    let expected: Vec<(&str, &str)> =
        some.iter().map(|&d| (fresh.docs[d].id(), fresh.docs[d].title())).collect();
    assert_eq!(headings, expected);
    for doc in some {
        assert_eq!(searchable.docs.get(doc).unwrap(), fresh.docs[doc]);
    }
    assert_eq!(searchable.docs.hashes().unwrap(), fresh.content_hashes());
    let query = Query::parse("@assad");
    assert_eq!(fresh.index.search(&query, &NoReview), searchable.index.search(&query, &NoReview));
}

#[test]
fn a_reopened_library_reads_its_bodies_from_the_file_it_opened_though_a_new_one_replaces_it() {
    let fresh = Library::build(corpus::embedded_seeds().docs, &Gazetteer::builtin());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.bin");
    file::write(&path, &"fingerprint", payload::encode_sections(&fresh, &[])).unwrap();
    let (reopened, _) =
        payload::decode_sections(&file::open(&path, &"fingerprint".to_string()).unwrap()).unwrap();
    // Another run writes the cache again, for other bodies, renaming its file over this one.
    let other: Vec<Document> =
        fresh.docs.iter().map(|d| d.replacing_body(&"autre".repeat(d.body().len()))).collect();
    let other = Library::build(other, &Gazetteer::builtin());
    file::write(&path, &"fingerprint", payload::encode_sections(&other, &[])).unwrap();
    assert_eq!(reopened.docs, fresh.docs);
    let query = Query::parse("'convoi");
    assert_eq!(reopened.index.search(&query, &NoReview), fresh.index.search(&query, &NoReview));
    assert!(!fresh.index.search(&query, &NoReview).is_empty());
}
