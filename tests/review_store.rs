//! Review state on disk: the format, atomic saves, two writers on one file, corrupt files.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use dossier::corpus::{DocParts, Document};
use dossier::review::{Change, FORMAT_VERSION, ReviewError, ReviewStore};
use dossier::search::ReviewLookup;

mod common;

use common::numbered_docs as docs;

/// A clock the test sets; each reading also advances it by 1 ms.
fn clock(at: &Arc<AtomicU64>) -> Arc<dyn Fn() -> u64 + Send + Sync> {
    let at = Arc::clone(at);
    Arc::new(move || at.fetch_add(1, Ordering::SeqCst))
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn round_trip_with_version_and_documented_shape() {
    let dir = tmp();
    let path = dir.path().join("a").join("b").join("state.json"); // folders made on save
    let d = docs(3);
    let mut s = ReviewStore::open(&path, &d).expect("open");
    s.apply(0, Change::MarkReviewed).expect("apply");
    s.apply(0, Change::ToggleLabel("relevant".into())).expect("apply");
    s.apply(2, Change::SetNote("a \"note\"\nwith lines".into())).expect("apply");
    s.apply(2, Change::ToggleFlagged).expect("apply");

    let text = fs::read_to_string(&path).expect("read");
    assert_eq!(text.lines().count(), 4, "one document per line:\n{text}");
    let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(json["version"], FORMAT_VERSION);
    assert_eq!(json["version"], 1);
    let d0 = &json["documents"]["d0"];
    assert_eq!(d0["reviewed"]["value"], true);
    assert!(d0["reviewed"]["changed"].as_u64().expect("ms") > 1_600_000_000_000);
    assert_eq!(d0["labels"]["relevant"]["value"], true);
    assert_eq!(d0["hash"].as_str().map(str::len), Some(16));
    assert!(json["documents"].get("d1").is_none(), "untouched: no record");

    let back = ReviewStore::open(&path, &d).expect("reopen");
    assert_eq!(back.state(), s.state());
    assert!(back.is_reviewed(0) && back.has_label(0, "relevant"));
    assert!(back.is_flagged(2) && back.has_note(2));
    assert_eq!(back.fields(2).note.as_deref(), Some("a \"note\"\nwith lines"));
}

#[test]
fn records_of_documents_not_in_the_corpus_are_kept() {
    let dir = tmp();
    let path = dir.path().join("state.json");
    let d = docs(3);
    let mut s = ReviewStore::open(&path, &d).expect("open");
    s.apply(2, Change::MarkReviewed).expect("apply");
    let mut smaller = ReviewStore::open(&path, &d[..1]).expect("open smaller corpus");
    smaller.apply(0, Change::MarkReviewed).expect("apply");
    let back = ReviewStore::open(&path, &d).expect("reopen");
    assert!(back.is_reviewed(0) && back.is_reviewed(2));
}

#[test]
fn many_saves_leave_no_temp_file_and_a_complete_target() {
    let dir = tmp();
    let path = dir.path().join("state.json");
    let d = docs(60);
    let mut s = ReviewStore::open(&path, &d).expect("open");
    for i in 0..60 {
        s.apply(i, Change::SetNote(format!("note {i} {}", "x".repeat(i)))).expect("apply");
        let text = fs::read(&path).expect("read");
        let back = serde_json::from_slice::<serde_json::Value>(&text).expect("parseable");
        assert_eq!(back["documents"].as_object().map(|m| m.len()), Some(i + 1));
    }
    assert_eq!(names_in(dir.path()), vec!["state.json", "state.json.lock"]);
}

#[test]
fn a_concurrent_reader_never_sees_a_partial_file() {
    // What kill -9 would expose: whatever instant the target is read, it is a complete state.
    let dir = tmp();
    let path = dir.path().join("state.json");
    let d = docs(2000);
    let mut s = ReviewStore::open(&path, &d).expect("open");
    s.save().expect("first save");
    let done = Arc::new(AtomicBool::new(false));
    let reader = {
        let (path, done) = (path.clone(), Arc::clone(&done));
        std::thread::spawn(move || {
            let mut reads = 0u32;
            while !done.load(Ordering::SeqCst) || reads == 0 {
                let bytes = fs::read(&path).expect("target always exists");
                serde_json::from_slice::<serde_json::Value>(&bytes)
                    .unwrap_or_else(|e| panic!("partial file at the target: {e}"));
                reads += 1;
            }
            reads
        })
    };
    for i in 0..100 {
        s.apply(i, Change::SetNote("n".repeat(100))).expect("apply");
    }
    done.store(true, Ordering::SeqCst);
    assert!(reader.join().expect("reader") > 0);
}

#[test]
fn two_writers_merge_per_document_and_field() {
    let dir = tmp();
    let path = dir.path().join("state.json");
    let d = docs(4);
    let t = Arc::new(AtomicU64::new(10_000));
    let mut a = ReviewStore::open(&path, &d).expect("a").with_clock(clock(&t));
    let mut b = ReviewStore::open(&path, &d).expect("b").with_clock(clock(&t));

    a.apply(0, Change::MarkReviewed).expect("a0");
    b.apply(1, Change::MarkReviewed).expect("b1"); // different documents
    a.apply(2, Change::ToggleFlagged).expect("a2");
    b.apply(2, Change::SetNote("from b".into())).expect("b2"); // same doc, other field
    a.apply(3, Change::ToggleLabel("relevant".into())).expect("a3");
    b.apply(3, Change::ToggleLabel("unsure".into())).expect("b3"); // same set, other label
    a.apply(2, Change::SetNote("older, from a".into())).expect("a2 note");
    t.fetch_add(1000, Ordering::SeqCst);
    b.apply(2, Change::SetNote("newest, from b".into())).expect("b2 note"); // newest wins

    let check = |s: &ReviewStore, who: &str| {
        assert!(s.is_reviewed(0) && s.is_reviewed(1), "{who}: both reviews");
        assert!(s.is_flagged(2), "{who}: a's flag");
        assert_eq!(s.fields(2).note.as_deref(), Some("newest, from b"), "{who}");
        assert_eq!(s.fields(3).labels, vec!["relevant", "unsure"], "{who}");
    };
    check(&ReviewStore::open(&path, &d).expect("disk"), "disk");
    check(&b, "b, merged while saving");
    // a merged b's earlier changes when it saved; only b's last note is new to it.
    assert_eq!(a.reload().expect("reload"), vec![2]);
    check(&a, "a after reload");
    assert_eq!(a.reload().expect("reload again"), Vec::<usize>::new());
}

#[test]
fn a_removal_is_not_undone_by_a_stale_writer() {
    let dir = tmp();
    let path = dir.path().join("state.json");
    let d = docs(2);
    let t = Arc::new(AtomicU64::new(10_000));
    let mut a = ReviewStore::open(&path, &d).expect("a").with_clock(clock(&t));
    a.apply(0, Change::ToggleLabel("relevant".into())).expect("add");
    a.apply(0, Change::MarkReviewed).expect("review");
    let mut b = ReviewStore::open(&path, &d).expect("b").with_clock(clock(&t));
    a.undo().expect("undo review");
    a.apply(0, Change::ToggleLabel("relevant".into())).expect("remove");
    b.apply(1, Change::MarkReviewed).expect("b saves its old view of doc 0");
    let disk = ReviewStore::open(&path, &d).expect("disk");
    assert!(!disk.has_label(0, "relevant"), "removed label came back");
    assert!(!disk.is_reviewed(0), "undone review came back");
    assert!(disk.is_reviewed(1));
}

#[test]
fn undo_leaves_a_field_another_writer_changed_since() {
    let dir = tmp();
    let path = dir.path().join("state.json");
    let d = docs(1);
    let t = Arc::new(AtomicU64::new(10_000));
    let mut a = ReviewStore::open(&path, &d).expect("a").with_clock(clock(&t));
    let mut b = ReviewStore::open(&path, &d).expect("b").with_clock(clock(&t));
    a.apply(0, Change::SetNote("a's".into())).expect("a");
    b.apply(0, Change::SetNote("b's, later".into())).expect("b");
    a.reload().expect("reload");
    assert_eq!(
        a.undo().expect("undo"),
        Some(dossier::review::Undone::Superseded { doc: 0, change: Change::SetNote("a's".into()) })
    );
    let disk = ReviewStore::open(&path, &d).expect("disk");
    assert_eq!(disk.fields(0).note.as_deref(), Some("b's, later"));
}

#[test]
fn two_concurrent_writers_lose_nothing() {
    let dir = tmp();
    let path = dir.path().join("state.json");
    let d = Arc::new(docs(80));
    let writer = |parity: usize| {
        let (path, d) = (path.clone(), Arc::clone(&d));
        std::thread::spawn(move || {
            let mut s = ReviewStore::open(&path, &d).expect("open");
            for i in (parity..80).step_by(2) {
                s.apply(i, Change::MarkReviewed).expect("apply");
            }
        })
    };
    let (w0, w1) = (writer(0), writer(1));
    w0.join().expect("w0");
    w1.join().expect("w1");
    let back = ReviewStore::open(&path, &d).expect("reopen");
    assert_eq!(back.progress().reviewed, 80);
}

fn assert_corrupt_is_kept(content: &[u8]) {
    let dir = tmp();
    let path = dir.path().join("state.json");
    fs::write(&path, content).expect("write");
    let d = docs(2);
    let err = ReviewStore::open(&path, &d).expect_err("must refuse");
    let ReviewError::Corrupt { path: p, aside, .. } = &err else {
        panic!("not Corrupt: {err:?}");
    };
    assert_eq!(p, &path);
    let message = err.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains(&aside.display().to_string()), "{message}");
    assert!(aside.to_string_lossy().contains("state.json.corrupt-"), "{aside:?}");
    // Leaving it untouched is the default: the file is as it was.
    assert_eq!(fs::read(&path).expect("still there"), content);

    let (mut s, kept) = ReviewStore::set_aside_and_start_clean(&path, aside, &d).expect("start clean");
    assert_eq!(&kept, aside);
    assert_eq!(fs::read(&kept).expect("kept"), content, "byte-identical");
    assert!(!path.exists(), "original path is free");
    s.apply(1, Change::MarkReviewed).expect("apply");
    assert!(ReviewStore::open(&path, &d).expect("fresh").is_reviewed(1));
    assert_eq!(fs::read(&kept).expect("kept"), content, "still kept");

    // A second set-aside at the same second never replaces the first.
    fs::write(&path, content).expect("write again");
    let (_, kept2) = ReviewStore::set_aside_and_start_clean(&path, aside, &d).expect("again");
    assert_ne!(kept2, kept);
    assert_eq!(fs::read(&kept2).expect("kept2"), content);
}

#[test]
fn garbage_file_is_kept_aside() {
    assert_corrupt_is_kept(b"\x00\xffnot json at all");
}

#[test]
fn truncated_file_is_kept_aside() {
    let dir = tmp();
    let path = dir.path().join("full.json");
    let mut s = ReviewStore::open(&path, &docs(5)).expect("open");
    s.apply(3, Change::SetNote("x".into())).expect("apply");
    let full = fs::read(&path).expect("read");
    assert_corrupt_is_kept(&full[..full.len() / 2]);
    assert_corrupt_is_kept(b"");
    assert_corrupt_is_kept(br#"{"version":1,"documents":{"d0":{"reviewed":"yes"}}}"#);
}

#[test]
fn corruption_found_while_saving_is_not_overwritten() {
    let dir = tmp();
    let path = dir.path().join("state.json");
    let d = docs(2);
    let mut s = ReviewStore::open(&path, &d).expect("open");
    s.apply(0, Change::MarkReviewed).expect("apply");
    fs::write(&path, b"{oops").expect("someone breaks the file");
    let err = s.apply(1, Change::MarkReviewed).expect_err("save must refuse");
    assert!(matches!(err, ReviewError::Corrupt { .. }), "{err:?}");
    assert_eq!(fs::read(&path).expect("read"), b"{oops");
    assert!(s.is_dirty() && s.is_reviewed(1), "the change is kept in memory");
    let kept = s.set_aside_and_save().expect("set aside and save");
    assert_eq!(fs::read(&kept).expect("kept"), b"{oops");
    let back = ReviewStore::open(&path, &d).expect("reopen");
    assert!(back.is_reviewed(0) && back.is_reviewed(1));
}

#[test]
fn a_newer_version_is_refused_and_left_alone() {
    let dir = tmp();
    let path = dir.path().join("state.json");
    let content = br#"{"version":2,"documents":"something new"}"#;
    fs::write(&path, content).expect("write");
    let err = ReviewStore::open(&path, &docs(1)).expect_err("refuse");
    assert!(matches!(err, ReviewError::NewerVersion { found: 2, .. }), "{err:?}");
    assert_eq!(fs::read(&path).expect("read"), content);
}

#[test]
fn a_symlinked_state_file_stays_a_symlink() {
    let dir = tmp();
    let real = dir.path().join("real.json");
    let link = dir.path().join("link.json");
    let d = docs(1);
    ReviewStore::open(&real, &d).expect("open").save().expect("save");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    #[cfg(not(unix))]
    return;
    let mut s = ReviewStore::open(&link, &d).expect("open link");
    s.apply(0, Change::MarkReviewed).expect("apply");
    assert!(fs::symlink_metadata(&link).expect("meta").file_type().is_symlink());
    assert!(ReviewStore::open(&real, &d).expect("real").is_reviewed(0));
    let _: PathBuf = link;
}

/// What the headless mode opens: nothing when there is no record, else the same store as
/// `open_hashed`, duplicate ids keyed alike.
#[test]
fn open_if_recorded_asks_for_the_corpus_only_when_there_are_records() {
    let dir = tmp();
    let path = dir.path().join("state.json");
    let mut d = docs(4);
    d[3] = Document::new(DocParts { id: "d1", ..d[3].parts() });
    let corpus = || -> Result<(Vec<String>, Vec<u64>), ReviewError> {
        Ok((
            d.iter().map(|doc| doc.id().to_string()).collect(),
            d.iter().map(|d| dossier::review::content_hash64(d.title(), d.body())).collect(),
        ))
    };
    let never = || -> Result<(Vec<String>, Vec<u64>), ReviewError> { panic!("asked for the corpus") };
    assert!(ReviewStore::open_if_recorded(&path, never).expect("no file").is_none());
    let mut store = ReviewStore::open(&path, &d).expect("open");
    store.apply(3, Change::MarkReviewed).expect("apply");
    store.apply(3, Change::ToggleLabel("x".into())).expect("label");
    store.apply(1, Change::ToggleLabel("x".into())).expect("label");
    store.apply(1, Change::ToggleLabel("x".into())).expect("label off");
    let whole = ReviewStore::open(&path, &d).expect("reopen");
    let read = ReviewStore::open_if_recorded(&path, corpus).expect("read").expect("records");
    for doc in 0..d.len() {
        assert_eq!(read.key(doc), whole.key(doc));
        assert_eq!(read.is_reviewed(doc), whole.is_reviewed(doc));
        assert_eq!(read.fields(doc), whole.fields(doc));
    }
    assert_eq!(read.key(3), Some("d1#2"));
    assert!(read.is_reviewed(3) && !read.is_reviewed(1));

    fs::write(&path, b"{not json").expect("write");
    let err = ReviewStore::open_if_recorded(&path, never).expect_err("corrupt");
    assert!(matches!(err, ReviewError::Corrupt { .. }), "{err:?}");
}
