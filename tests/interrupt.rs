//! A keystroke never waits for a stale search: when input is waiting (the event loop sets the
//! flag), the search gives up, the list keeps the last results with a `…` after the count, and
//! the query is searched once the input has been taken.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use common::{buffer, model, seeds_library};
use dossier::app::Action;

fn status_line(m: &dossier::app::Model) -> String {
    let buf = buffer(m);
    let y = buf.area.height - 1;
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

#[test]
fn waiting_input_interrupts_the_search_and_the_next_settle_runs_it() {
    let library = seeds_library();
    let total = library.len();
    let waiting = Arc::new(AtomicBool::new(false));
    let mut m = model(Arc::clone(&library), 120, 35).with_interrupt(Arc::clone(&waiting));
    m.update(Action::EditFilter);
    let before: Vec<_> = m.hits.clone();
    assert_eq!(before.len(), total);

    // A key is waiting while "peskov" is searched: nothing changes but the filter line.
    waiting.store(true, Ordering::SeqCst);
    for c in "peskov".chars() {
        m.update(Action::FilterInsert(c));
    }
    assert_eq!(m.hits, before, "the interrupted search must not replace the list");
    assert!(m.searching());
    let status = status_line(&m);
    assert!(status.contains(&format!("{total}/{total}…")), "{status}");

    // The loop took the input: the next settle searches the query as typed.
    waiting.store(false, Ordering::SeqCst);
    m.settle();
    assert!(!m.searching());
    assert_eq!(
        m.hits,
        library.index.search(&dossier::search::Query::parse("peskov"), &dossier::search::NoReview)
    );
    assert!(m.hits.len() < total && !m.hits.is_empty(), "{}", m.hits.len());
    let status = status_line(&m);
    assert!(status.contains(&format!(" {}/{total} ", m.hits.len())), "{status}");
}
