//! The review state machine through the store's API: changes, undo, navigation, progress, the
//! search lookup and the export records.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use dossier::corpus::{ActorNames, DocParts, Document};
use dossier::review::{Change, DEFAULT_LABELS, ReviewError, ReviewFields, ReviewStore, Undone, write_csv};
use dossier::search::ReviewLookup;

mod common;

use common::numbered_docs as docs;

/// A clock that ticks 1 ms per reading, from `start`.
fn ticking(start: u64) -> Arc<dyn Fn() -> u64 + Send + Sync> {
    let t = Arc::new(AtomicU64::new(start));
    Arc::new(move || t.fetch_add(1, Ordering::SeqCst))
}

fn store(dir: &tempfile::TempDir, docs: &[Document]) -> ReviewStore {
    ReviewStore::open(dir.path().join("state.json"), docs).expect("open").with_clock(ticking(1_000))
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

#[test]
fn toggles_flip_and_mark_is_idempotent() {
    let dir = tmp();
    let d = docs(3);
    let mut s = store(&dir, &d);
    assert!(!s.is_reviewed(0));
    assert!(s.apply(0, Change::ToggleReviewed).expect("apply"));
    assert!(s.is_reviewed(0));
    assert!(s.apply(0, Change::ToggleReviewed).expect("apply"));
    assert!(!s.is_reviewed(0));
    assert!(s.apply(1, Change::MarkReviewed).expect("apply"));
    assert!(!s.apply(1, Change::MarkReviewed).expect("apply"), "no-op");
    assert_eq!(s.undo_depth(), 3, "a no-op is not undoable");
    assert!(s.apply(2, Change::ToggleFlagged).expect("apply"));
    assert!(s.is_flagged(2) && !s.is_flagged(1));
    assert!(s.apply(2, Change::SetFlagged(false)).expect("apply"));
    assert!(!s.is_flagged(2));
}

#[test]
fn labels_toggle_and_match_case_insensitively() {
    let dir = tmp();
    let d = docs(2);
    let mut s = store(&dir, &d);
    s.apply(0, Change::ToggleLabel(" relevant ".into())).expect("apply");
    s.apply(0, Change::ToggleLabel("unsure".into())).expect("apply");
    assert!(s.has_label(0, "relevant") && s.has_label(0, "Relevant"));
    assert!(!s.has_label(1, "relevant"));
    assert_eq!(s.fields(0).labels, vec!["relevant", "unsure"]);
    s.apply(0, Change::ToggleLabel("relevant".into())).expect("apply");
    assert!(!s.has_label(0, "relevant"));
    assert_eq!(s.fields(0).labels, vec!["unsure"]);
    for bad in ["", "  ", "a;b", "a\nb"] {
        let err = s.apply(1, Change::ToggleLabel(bad.into()));
        assert!(matches!(err, Err(ReviewError::InvalidLabel(_))), "{bad:?}");
    }
    assert_eq!(s.known_labels(DEFAULT_LABELS), vec!["relevant", "irrelevant", "unsure"]);
    s.apply(1, Change::ToggleLabel("zeta".into())).expect("apply");
    assert_eq!(s.known_labels(DEFAULT_LABELS)[3], "zeta");
}

#[test]
fn notes_set_and_clear() {
    let dir = tmp();
    let d = docs(1);
    let mut s = store(&dir, &d);
    assert!(!s.has_note(0));
    s.apply(0, Change::SetNote("check the date".into())).expect("apply");
    assert!(s.has_note(0));
    assert_eq!(s.fields(0).note.as_deref(), Some("check the date"));
    s.apply(0, Change::SetNote("   ".into())).expect("apply");
    assert!(!s.has_note(0));
    assert_eq!(s.fields(0).note, None);
}

#[test]
fn undo_is_a_stack_and_is_saved() {
    let dir = tmp();
    let d = docs(2);
    let mut s = store(&dir, &d);
    s.apply(0, Change::ToggleReviewed).expect("apply");
    s.apply(0, Change::ToggleReviewed).expect("apply");
    s.apply(0, Change::ToggleReviewed).expect("apply");
    s.apply(1, Change::SetNote("one".into())).expect("apply");
    s.apply(1, Change::SetNote("two".into())).expect("apply");
    s.apply(1, Change::ToggleLabel("x".into())).expect("apply");

    let reverted = |doc, change| Some(Undone::Reverted { doc, change });
    assert_eq!(s.undo().expect("undo"), reverted(1, Change::ToggleLabel("x".into())));
    assert!(!s.has_label(1, "x"));
    assert_eq!(s.undo().expect("undo"), reverted(1, Change::SetNote("two".into())));
    assert_eq!(s.fields(1).note.as_deref(), Some("one"));
    s.undo().expect("undo");
    assert_eq!(s.fields(1).note, None);
    // Three toggles of one field undone one by one: on, off, on → on, off, nothing.
    assert!(s.is_reviewed(0));
    s.undo().expect("undo");
    assert!(!s.is_reviewed(0));
    s.undo().expect("undo");
    assert!(s.is_reviewed(0));
    s.undo().expect("undo");
    assert!(!s.is_reviewed(0));
    assert_eq!(s.undo().expect("undo"), None);

    // What is on disk is the undone state.
    let back = ReviewStore::open(s.path(), &d).expect("reopen");
    assert!(!back.is_reviewed(0) && !back.has_note(1) && !back.has_label(1, "x"));
    // ...with explicit entries, so an older copy of the file cannot bring the values back.
    let record = back.record(0).expect("record kept");
    assert_eq!(record.reviewed.as_ref().map(|r| r.value), Some(false));
}

#[test]
fn next_unreviewed_wraps_and_skips_the_start() {
    let dir = tmp();
    let d = docs(6);
    let mut s = store(&dir, &d);
    for i in [1, 2, 4] {
        s.apply(i, Change::MarkReviewed).expect("apply");
    }
    // An ordering other than corpus order: positions 0..5 hold docs 4,1,3,2,0,5.
    let order = [4, 1, 3, 2, 0, 5];
    assert_eq!(s.next_unreviewed(&order, 0), Some(2)); // doc 3
    assert_eq!(s.next_unreviewed(&order, 2), Some(4)); // doc 0
    assert_eq!(s.next_unreviewed(&order, 4), Some(5)); // doc 5
    assert_eq!(s.next_unreviewed(&order, 5), Some(2), "wraps to the top");
    assert_eq!(s.next_unreviewed(&order, 99), Some(2), "past the end: from the top");
    assert_eq!(s.prev_unreviewed(&order, 2), Some(5), "wraps to the bottom");
    assert_eq!(s.prev_unreviewed(&order, 5), Some(4));
    assert_eq!(s.next_unreviewed(&[], 0), None);
    assert_eq!(s.next_unreviewed(&[3], 0), None, "never the start itself");
    assert_eq!(s.next_unreviewed(&[1, 2, 99], 0), None, "bad indices skipped");
    for i in [0, 3, 5] {
        s.apply(i, Change::MarkReviewed).expect("apply");
    }
    assert_eq!(s.next_unreviewed(&order, 0), None);
}

#[test]
fn progress_over_all_and_a_subset() {
    let dir = tmp();
    let d = docs(5);
    let mut s = store(&dir, &d);
    s.apply(0, Change::MarkReviewed).expect("apply");
    s.apply(3, Change::MarkReviewed).expect("apply");
    s.apply(3, Change::ToggleFlagged).expect("apply");
    let all = s.progress();
    assert_eq!((all.reviewed, all.flagged, all.total), (2, 1, 5));
    let sub = s.progress_in(&[3, 4, 77]);
    assert_eq!((sub.reviewed, sub.flagged, sub.total), (1, 1, 2));
}

#[test]
fn bad_index_is_an_error_not_a_panic() {
    let dir = tmp();
    let d = docs(1);
    let mut s = store(&dir, &d);
    assert!(matches!(
        s.apply(5, Change::MarkReviewed),
        Err(ReviewError::NoSuchDocument { index: 5, len: 1 })
    ));
    assert!(!s.is_reviewed(5) && !s.has_label(5, "x"));
    assert_eq!(s.fields(5), ReviewFields::default());
}

#[test]
fn duplicate_ids_get_their_own_records() {
    let dir = tmp();
    let mut d = docs(3);
    d[2] = Document::new(DocParts { id: "d0", ..d[2].parts() });
    let mut s = store(&dir, &d);
    s.apply(2, Change::MarkReviewed).expect("apply");
    assert!(!s.is_reviewed(0) && s.is_reviewed(2));
    assert_eq!(s.key(2), Some("d0#2"));
}

#[test]
fn content_change_is_detected() {
    let dir = tmp();
    let d = docs(3);
    let mut s = store(&dir, &d);
    s.apply(0, Change::MarkReviewed).expect("apply");
    s.apply(1, Change::ToggleLabel("relevant".into())).expect("apply");
    assert!(!s.changed_since_review(0));

    let mut moved = d.clone();
    moved[0] = moved[0].replacing_body(&format!("{} Corrected.", moved[0].body()));
    moved[1] = Document::new(DocParts { title: "Another title", ..moved[1].parts() });
    moved.swap(0, 2); // the corpus was also re-ordered: ids, not indices, find the records
    let s2 = ReviewStore::open(s.path(), &moved).expect("reopen");
    assert!(s2.is_reviewed(2) && s2.changed_since_review(2));
    assert!(s2.changed_since_review(1));
    assert!(!s2.changed_since_review(0), "no review, nothing to warn about");

    // Reviewing again takes the new text as seen.
    let mut s2 = s2;
    s2.apply(2, Change::SetNote("re-read".into())).expect("apply");
    assert!(!s2.changed_since_review(2));
}

#[test]
fn review_fields_serialise_for_json_export() {
    let dir = tmp();
    let d = docs(2);
    let mut s = store(&dir, &d);
    s.apply(0, Change::MarkReviewed).expect("apply");
    s.apply(0, Change::ToggleLabel("unsure".into())).expect("apply");
    let json = serde_json::to_string(&s.fields(0)).expect("json");
    assert_eq!(json, r#"{"reviewed":true,"flagged":false,"labels":["unsure"],"note":null}"#);
}

#[test]
fn csv_export_format() {
    let dir = tmp();
    let mut d = docs(2);
    let actors = ActorNames::from(["Putin", "NATO"]);
    d[0] = Document::new(DocParts {
        date: Some("2019-02"),
        source: Some("BBC"),
        actors: actors.as_list(),
        title: "A \"quoted\", title",
        ..d[0].parts()
    });
    let mut s = store(&dir, &d);
    s.apply(0, Change::MarkReviewed).expect("apply");
    s.apply(0, Change::ToggleLabel("relevant".into())).expect("apply");
    s.apply(0, Change::ToggleLabel("unsure".into())).expect("apply");
    s.apply(0, Change::SetNote("line one\nline two".into())).expect("apply");
    s.apply(1, Change::ToggleFlagged).expect("apply");
    let mut out = Vec::new();
    write_csv(&mut out, s.export_rows(&d, &[0, 1, 9])).expect("csv");
    let text = String::from_utf8(out).expect("utf8");
    let expected = "id,title,date,source,actors,reviewed,flagged,labels,note\n\
        d0,\"A \"\"quoted\"\", title\",2019-02,BBC,Putin;NATO,true,false,relevant;unsure,\"line one\nline two\"\n\
        d1,Title 1,,,,false,true,,\n";
    assert_eq!(text, expected);
}

#[test]
fn store_is_a_review_lookup_for_search() {
    fn takes(_: &dyn ReviewLookup) {}
    let dir = tmp();
    let d = docs(1);
    let s = store(&dir, &d);
    takes(&s);
}
