//! Review through the app's actions, as the keys drive it: marks, labels, notes, undo, the
//! review loop, review queries, and what the screen shows. State lives in a temp file.

mod common;

use common::*;
use dossier::app::{Action, Mode, Model};
use dossier::review::ReviewStore;
use insta::assert_snapshot;

fn reviewing(dir: &tempfile::TempDir, width: u16, height: u16) -> Model {
    let library = seeds_library();
    let store = ReviewStore::open(dir.path().join("review.json"), &library.docs).expect("open");
    model(library, width, height).with_review(store)
}

fn reopen(dir: &tempfile::TempDir) -> ReviewStore {
    ReviewStore::open(dir.path().join("review.json"), &seeds_library().docs).expect("reopen")
}

fn type_text(model: &mut Model, text: &str) {
    for c in text.chars() {
        model.update(Action::FilterInsert(c));
    }
}

#[test]
fn marks_are_on_disk_as_soon_as_they_are_made() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = reviewing(&dir, 120, 35);
    feed(
        &mut m,
        [Action::ToggleReviewed, Action::SelectNext, Action::ToggleFlagged, Action::ToggleLabelNumber(1)],
    );
    let store = reopen(&dir);
    assert!(store.record(0).unwrap().is_reviewed());
    let second = store.record(1).unwrap();
    assert!(second.is_flagged());
    assert_eq!(second.labels().collect::<Vec<_>>(), ["irrelevant"]);
    assert_eq!(m.progress.unwrap().corpus.reviewed, 1);
}

#[test]
fn the_review_loop_marks_and_jumps_to_the_next_unreviewed() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = reviewing(&dir, 120, 35);
    // Review the third document out of order, then run the loop from the top.
    feed(&mut m, [Action::SelectNext, Action::SelectNext, Action::ToggleReviewed, Action::SelectFirst]);
    m.update(Action::MarkReviewedAndNext);
    assert_eq!(m.selected, 1);
    m.update(Action::MarkReviewedAndNext);
    assert_eq!(m.selected, 3, "skips the document already reviewed");
    m.update(Action::MarkReviewedAndNext);
    assert_eq!(m.progress.unwrap().corpus.reviewed, 4);
    assert!(m.message.as_ref().unwrap().text.contains("every listed document is reviewed"));
    // Next-unreviewed without marking.
    m.update(Action::UndoReview);
    m.update(Action::SelectFirst);
    m.update(Action::NextUnreviewed);
    assert_eq!(m.selected, 3);
    assert_eq!(m.progress.unwrap().corpus.reviewed, 3);
}

#[test]
fn undo_reverts_changes_one_by_one_and_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = reviewing(&dir, 120, 35);
    feed(&mut m, [Action::ToggleReviewed, Action::ToggleFlagged, Action::ToggleLabelNumber(0)]);
    m.update(Action::UndoReview);
    assert_eq!(reopen(&dir).record(0).unwrap().labels().count(), 0);
    assert!(reopen(&dir).record(0).unwrap().is_flagged());
    feed(&mut m, [Action::UndoReview, Action::UndoReview]);
    let record = reopen(&dir);
    assert!(!record.record(0).is_some_and(|r| r.is_reviewed() || r.is_flagged()));
    m.update(Action::UndoReview);
    assert_eq!(m.message.as_ref().unwrap().text, "nothing to undo");
}

#[test]
fn notes_are_multi_line_unicode_and_saved_on_close() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = reviewing(&dir, 120, 35);
    m.update(Action::EditNote);
    assert_eq!(m.mode, Mode::Note);
    type_text(&mut m, "Erdoğan 日本");
    feed(
        &mut m,
        [Action::NoteNewline, Action::FilterInsert('x'), Action::FilterBackspace, Action::FilterBackspace],
    );
    type_text(&mut m, "suite");
    m.update(Action::EditorConfirm);
    assert_eq!(m.mode, Mode::Browse);
    assert_eq!(reopen(&dir).record(0).unwrap().note(), Some("Erdoğan 日本suite"));
    // Reopening the editor starts from the saved note.
    m.update(Action::EditNote);
    type_text(&mut m, "!");
    m.update(Action::EditorConfirm);
    assert_eq!(reopen(&dir).record(0).unwrap().note(), Some("Erdoğan 日本suite!"));
}

#[test]
fn the_label_prompt_completes_known_labels() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = reviewing(&dir, 120, 35);
    m.update(Action::PromptLabel);
    type_text(&mut m, "irr");
    m.update(Action::CompleteLabel);
    m.update(Action::EditorConfirm);
    assert_eq!(reopen(&dir).record(0).unwrap().labels().collect::<Vec<_>>(), ["irrelevant"]);
    // A new label, then cancel leaves things as they are.
    m.update(Action::PromptLabel);
    type_text(&mut m, "à revoir");
    m.update(Action::EditorConfirm);
    m.update(Action::PromptLabel);
    type_text(&mut m, "ignored");
    m.update(Action::EditorCancel);
    let labels: Vec<String> = reopen(&dir).record(0).unwrap().labels().map(str::to_string).collect();
    assert_eq!(labels, ["irrelevant", "à revoir"]);
}

#[test]
fn review_queries_combine_with_other_terms() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = reviewing(&dir, 120, 35);
    feed(&mut m, [Action::ToggleReviewed, Action::SelectNext, Action::ToggleFlagged, Action::EditNote]);
    type_text(&mut m, "à suivre");
    m.update(Action::EditorConfirm);
    for (query, expected) in [
        ("is:reviewed", 1),
        ("is:unreviewed", 3),
        ("is:flagged", 1),
        ("has:note", 1),
        ("is:flagged kremlin", 1),
        ("is:flagged !kremlin", 0),
        ("is:reviewed | is:flagged", 2),
    ] {
        m.update(Action::ClearFilter);
        type_filter(&mut m, query);
        assert_eq!(m.hits.len(), expected, "{query}");
    }
}

#[test]
fn screen_with_marks_and_progress() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = reviewing(&dir, 120, 35);
    feed(
        &mut m,
        [Action::ToggleReviewed, Action::SelectNext, Action::ToggleFlagged, Action::ToggleLabelNumber(0)],
    );
    m.update(Action::EditNote);
    type_text(&mut m, "à suivre");
    m.update(Action::EditorConfirm);
    type_filter(&mut m, "idlib");
    assert_snapshot!(screen(&m));
}

#[test]
fn note_editor_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = reviewing(&dir, 100, 30);
    m.update(Action::EditNote);
    type_text(&mut m, "Première ligne avec 日本語 et un émoji 👍");
    m.update(Action::NoteNewline);
    type_text(&mut m, "deuxième");
    assert_snapshot!(screen(&m));
}

#[test]
fn without_a_review_file_the_keys_say_why() {
    let mut m = model(seeds_library(), 120, 35);
    m.update(Action::ToggleReviewed);
    assert!(m.message.as_ref().unwrap().text.contains("review is off"));
    assert!(m.message.as_ref().unwrap().error);
}
