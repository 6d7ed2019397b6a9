//! The screen while the corpus loads in the background, and the arrival of the library.

mod common;

use std::sync::Arc;

use common::*;
use dossier::app::{Action, Message, Mode, Model};
use dossier::loading::{Phase, Status};
use insta::assert_snapshot;

fn loading_model(width: u16, height: u16) -> Model {
    Model::loading("/data/docs_1000000.jsonl", "docs_1000000.jsonl", (width, height))
}

fn status(phase: Phase) -> Status {
    Status {
        phase,
        files_read: 0,
        files: 1,
        bytes_read: 2_000,
        bytes_parsed: 740,
        bytes: 2_000,
        docs: 370_112,
    }
}

#[test]
fn reading_at_100x20() {
    let mut model = loading_model(100, 20);
    model.load_progress(Status { bytes_parsed: 0, bytes_read: 900, docs: 0, ..status(Phase::Reading) });
    assert_snapshot!(screen(&model));
}

#[test]
fn parsing_with_a_filter_typed_at_100x20() {
    let mut model = loading_model(100, 20);
    model.load_progress(status(Phase::Reading));
    model.update(Action::EditFilter);
    for c in "assad".chars() {
        model.update(Action::FilterInsert(c));
    }
    assert_snapshot!(screen(&model));
}

#[test]
fn each_phase_is_named_in_the_list_and_the_status_bar() {
    let mut model = loading_model(100, 20);
    model.load_progress(status(Phase::Actors));
    let shown = screen(&model);
    assert!(shown.contains("finding actors in 370,112 documents…"), "{shown}");
    assert!(shown.contains(" finding actors… "), "{shown}");
    model.load_progress(status(Phase::Indexing));
    let shown = screen(&model);
    assert!(shown.contains("indexing 370,112 documents…"), "{shown}");
    assert!(shown.contains(" indexing… "), "{shown}");
    // Help and a resize work meanwhile.
    model.update(Action::ToggleHelp);
    model.update(Action::Resize(60, 15));
    assert!(screen(&model).contains("Help"));
    model.update(Action::ToggleHelp);
    assert!(screen(&model).contains("indexing"), "{}", screen(&model));
}

#[test]
fn the_query_typed_while_loading_runs_when_the_library_arrives() {
    let mut model = loading_model(120, 35);
    model.load_progress(status(Phase::Reading));
    type_filter(&mut model, "peskov");
    model.update(Action::EditFilter);
    model.update(Action::ToggleActorPanel);
    assert!(model.hits.is_empty());
    let message = Message { text: "1 load warning: listed when dossier exits".into(), error: true };
    model.library_ready(seeds_library(), None, Some(message));
    assert!(model.loading.is_none());
    assert_eq!(model.filter.text(), "peskov");
    assert_eq!((model.hits.len(), model.library.len()), (2, 4));
    assert_eq!(model.selected_doc(), Some(model.hits[0].doc as usize));
    let panel = model.actor_panel.as_ref().expect("the panel stays open");
    assert!(!panel.facets.is_empty(), "the panel counts the new library's actors");
    let shown = screen(&model);
    assert!(shown.contains(" 2/4 "), "{shown}");
    assert!(shown.contains("1 load warning: listed when dossier exits"), "{shown}");
    assert!(shown.contains("Idlib: le Kremlin juge"), "{shown}");
    // The same screen as a model that never loaded in the background.
    let mut direct = common::model(Arc::clone(&model.library), 120, 35);
    type_filter(&mut direct, "peskov");
    assert_eq!(direct.hits, model.hits);
}

#[test]
fn a_mode_left_open_while_loading_survives_the_arrival() {
    let mut model = loading_model(100, 30);
    model.update(Action::ToggleHelp);
    model.library_ready(seeds_library(), None, None);
    assert_eq!(model.mode, Mode::Help);
    model.update(Action::ToggleHelp);
    let shown = screen(&model);
    assert!(shown.contains(" 4/4 "), "{shown}");
}

#[test]
fn any_query_and_key_is_harmless_before_the_documents_are_in() {
    let mut model = loading_model(100, 30);
    for query in ["@peskov", "date:2020", "'exact ^pre suf$ !not a | b", "é"] {
        model.update(Action::EditFilter);
        for c in query.chars() {
            model.update(Action::FilterInsert(c));
        }
        model.update(Action::ClearFilter);
    }
    for action in [
        Action::ToggleReviewed,
        Action::UndoReview,
        Action::ToggleActorPanel,
        Action::ToggleTimeline,
        Action::NarrowToDate(true),
        Action::SelectNext,
        Action::NextMention,
        Action::ToggleZoom,
        Action::CycleSort,
    ] {
        model.update(action);
        let _ = screen(&model);
    }
    assert!(model.hits.is_empty());
    model.library_ready(seeds_library(), None, None);
    assert_eq!(model.hits.len(), 4);
    assert!(screen(&model).contains(" 4/4 "), "{}", screen(&model));
}

/// A large corpus is browsed by title while its whole library is built: review starts once the
/// documents' content hashes are made (the same titles handed over again, with the store), and
/// the query, the selected document and the store carry over to the whole library.
#[test]
fn a_titles_only_library_comes_first_and_hands_over_to_the_whole_one() {
    let whole = seeds_library();
    let titles = Arc::new(dossier::library::Library::titles_only(Arc::clone(&whole.docs)));
    let dir = tempfile::tempdir().expect("tempdir");
    let review = dossier::review::ReviewStore::open(dir.path().join("review.json"), &whole.docs)
        .expect("review store");
    let mut model = loading_model(120, 35);
    model.load_progress(status(Phase::Reading));
    model.load_progress(status(Phase::Actors));
    model.titles_only_ready(Arc::clone(&titles), None, None);
    assert!(model.loading.is_none() && model.titles_only().is_some());
    let shown = screen(&model);
    assert!(shown.contains(" 4/4  titles only, finding actors… "), "{shown}");
    model.load_progress(status(Phase::Indexing));
    assert!(screen(&model).contains(" titles only, indexing… "), "{}", screen(&model));

    // Titles only: an actor or a word of the bodies finds nothing yet, a title word does.
    type_filter(&mut model, "@peskov");
    assert!(model.hits.is_empty());
    model.update(Action::ClearFilter);
    type_filter(&mut model, "idlib");
    let by_title = model.hits.len();
    assert!(by_title > 0);
    model.update(Action::SelectNext);
    let chosen = model.selected_doc().expect("a selection");
    model.update(Action::ToggleReviewed);
    let shown = screen(&model);
    assert!(shown.contains("review starts in a moment"), "{shown}");

    // The store, for the same titles: review starts before the actors are found.
    model.titles_only_ready(Arc::clone(&titles), Some(review), None);
    assert!(model.titles_only().is_some(), "still titles only");
    assert_eq!((model.filter.text(), model.selected_doc()), ("idlib", Some(chosen)));
    model.update(Action::ToggleReviewed);
    let reviewed = |model: &Model| {
        let review = model.review.as_ref().expect("review state");
        dossier::search::ReviewLookup::is_reviewed(review, chosen)
    };
    assert!(reviewed(&model));
    assert!(screen(&model).contains("reviewed 1/4"), "{}", screen(&model));

    // The whole library keeps that store (a second one, from the loader, is not taken).
    let other = dossier::review::ReviewStore::open(dir.path().join("other.json"), &whole.docs).unwrap();
    model.library_ready(Arc::clone(&whole), Some(other), None);
    assert!(model.titles_only().is_none());
    assert_eq!(model.filter.text(), "idlib");
    let index = &whole.index;
    assert_eq!(
        model.hits,
        index.search(&dossier::search::Query::parse("idlib"), model.review.as_ref().unwrap())
    );
    assert_eq!(model.selected_doc(), Some(chosen), "the same document stays selected");
    assert!(reviewed(&model), "the mark made on the titles stays");
    model.update(Action::UndoReview);
    assert!(!reviewed(&model), "and its undo too");
    model.update(Action::ToggleReviewed);
    assert!(reviewed(&model));
    let shown = screen(&model);
    assert!(!shown.contains("titles only"), "{shown}");
    model.update(Action::ClearFilter);
    type_filter(&mut model, "@peskov");
    assert!(!model.hits.is_empty(), "actors are in");
}
