//! Any text parses as a query, and searching the sample corpus with it never panics.
#![no_main]

use std::sync::LazyLock;

use dossier::actors::Gazetteer;
use dossier::corpus;
use dossier::library::Library;
use dossier::search::{NoReview, Query};
use libfuzzer_sys::fuzz_target;

static LIBRARY: LazyLock<Library> =
    LazyLock::new(|| Library::build(corpus::embedded_seeds().docs, &Gazetteer::builtin()));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let query = Query::parse(text);
    assert_eq!(query.source, text);
    let hits = LIBRARY.index.search(&query, &NoReview);
    for hit in hits.iter().take(3) {
        let doc = hit.doc as usize;
        for field in [dossier::actors::Field::Title, dossier::actors::Field::Body] {
            let text = match field {
                dossier::actors::Field::Title => &LIBRARY.docs[doc].title,
                dossier::actors::Field::Body => &LIBRARY.docs[doc].body,
            };
            for range in LIBRARY.index.highlights(&query, doc, field) {
                assert!(text.get(range.clone()).is_some(), "{range:?} not on char boundaries");
            }
        }
    }
});
