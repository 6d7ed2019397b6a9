//! A query scanning many documents shows its first page (exact) before its complete ranking:
//! the event loop draws between the two `settle_progressively` calls.

mod common;

use std::sync::Arc;

use common::{buffer, library_of, model};
use dossier::app::{Action, Model};
use dossier::corpus::{DocParts, Document};
use dossier::library::Library;
use dossier::search::{Hit, NoReview, Query};

fn corpus() -> Vec<Document> {
    (0..400)
        .map(|i| {
            let title = match i % 6 {
                0 => format!("Erdogan in Ankara, day {i}"),
                1 => format!("Talks with Erdogan and Putin {i}"),
                2 => format!("Erdem and the dogs of Ankara {i}"),
                3 => format!("Putin meets Assad {i}"),
                _ => format!("News of the day {i}"),
            };
            Document::new(DocParts { id: &format!("d{i}"), title: &title, ..DocParts::default() })
        })
        .collect()
}

fn status_line(m: &Model) -> String {
    let buf = buffer(m);
    let y = buf.area.height - 1;
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

fn full(library: &Library, q: &str) -> Vec<Hit> {
    library.index.search(&Query::parse(q), &NoReview)
}

/// Types `text` into the filter as a burst, without settling (the event loop settles).
fn type_burst(m: &mut Model, text: &str) {
    for c in text.chars() {
        m.update_deferred(Action::FilterInsert(c));
    }
}

/// A 100x20 screen that shows a first page at any corpus size, with `text` typed in one burst.
fn typed(library: &Arc<Library>, text: &str) -> Model {
    let mut m = model(Arc::clone(library), 100, 20).with_first_page_from(0);
    m.update(Action::EditFilter);
    type_burst(&mut m, text);
    m
}

#[test]
fn the_first_page_comes_first_then_the_complete_ranking() {
    let library = library_of(corpus());
    let total = library.len();
    let mut m = typed(&library, "erd");
    let rows = m.areas().expect("laid out").list_rows();
    let complete = full(&library, "erd");
    assert!(complete.len() > rows, "the test needs more matches ({}) than rows ({rows})", complete.len());

    m.settle_progressively();
    assert!(m.first_page_only() && m.searching());
    assert_eq!(m.hits, complete[..rows], "the first page is the complete ranking's");
    let status = status_line(&m);
    assert!(status.contains(&format!(" {rows}+/{total}… ")), "{status}");

    m.settle_progressively();
    assert!(!m.first_page_only() && !m.searching());
    assert_eq!(m.hits, complete);
    let status = status_line(&m);
    assert!(status.contains(&format!(" {}/{total} ", complete.len())), "{status}");
}

#[test]
fn the_selection_survives_a_first_page_that_does_not_list_it() {
    let library = library_of(corpus());
    let mut m = typed(&library, "erdogan");
    m.settle();
    m.update(Action::FilterAccept);
    let rows = m.areas().expect("laid out").list_rows();
    for _ in 0..rows + 3 {
        m.update(Action::SelectNext);
    }
    let chosen = m.selected_doc().expect("a selection");

    // Widening the query keeps the document listed, below the first page.
    m.update(Action::EditFilter);
    m.update_deferred(Action::FilterBackspace);
    m.settle_progressively();
    assert!(m.first_page_only());
    assert!(!m.hits.iter().any(|h| h.doc as usize == chosen), "chosen must be below the first page");
    m.settle_progressively();
    assert_eq!(m.hits, full(&library, "erdoga"));
    assert_eq!(m.selected_doc(), Some(chosen), "the complete ranking selects it again");
}

#[test]
fn any_other_action_sees_the_complete_ranking() {
    let library = library_of(corpus());
    let mut m = typed(&library, "an");
    m.settle_progressively();
    assert!(m.first_page_only());
    m.update_deferred(Action::FilterAccept);
    assert!(!m.first_page_only() && !m.searching());
    assert_eq!(m.hits, full(&library, "an"));
}

#[test]
fn small_scans_and_other_orders_rank_completely_at_once() {
    let library = library_of(corpus());
    let mut m = model(Arc::clone(&library), 100, 20);
    m.update(Action::EditFilter);
    type_burst(&mut m, "erd");
    m.settle_progressively();
    assert!(!m.first_page_only() && !m.searching(), "400 documents: below the default threshold");
    assert_eq!(m.hits, full(&library, "erd"));
}
