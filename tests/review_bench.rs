//! Save timing, ignored by default. Run with
//! `cargo test --release --test review_bench -- --ignored --nocapture`.

use std::time::Instant;

use dossier::corpus::{DocParts, Document};
use dossier::review::{Change, ReviewStore};

const DOCS: usize = 10_000;
const SAVES: usize = 1000;

fn docs() -> Vec<Document> {
    (0..DOCS)
        .map(|i| {
            Document::new(DocParts {
                id: &format!("corpus/2019/article-{i:05}"),
                title: &format!("Title {i}"),
                body: &"Some body text. ".repeat(50),
                ..DocParts::default()
            })
        })
        .collect()
}

#[test]
#[ignore]
fn time_saves_of_a_full_state() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("state.json");
    let d = docs();
    let mut s = ReviewStore::open(&path, &d).expect("open");
    // A full state, written directly: a save per document would take minutes.
    let mut text = String::from("{\"version\":1,\"documents\":{");
    for (i, doc) in d.iter().enumerate() {
        let sep = if i == 0 { "\n" } else { ",\n" };
        text.push_str(&format!(
            "{sep}\"{}\":{{\"hash\":\"0123456789abcdef\",\"reviewed\":{{\"value\":true,\"changed\":1718022896789}},\"labels\":{{\"relevant\":{{\"value\":true,\"changed\":1718022896790}}}}}}",
            doc.id()
        ));
    }
    text.push_str("\n}}\n");
    std::fs::write(&path, text).expect("write");
    s.reload().expect("reload");
    let size = std::fs::metadata(&path).expect("meta").len();

    let start = Instant::now();
    for i in 0..SAVES {
        s.apply(i, Change::SetNote(format!("note {i}"))).expect("apply");
    }
    let own = start.elapsed();

    // Every save merging another writer's change: the file must be parsed each time.
    let mut b = ReviewStore::open(&path, &d).expect("b");
    let start = Instant::now();
    for i in 0..SAVES / 10 {
        b.apply(i, Change::ToggleFlagged).expect("b");
        s.apply(i, Change::ToggleFlagged).expect("s");
    }
    let merging = start.elapsed() / 2;
    eprintln!(
        "{DOCS} documents, file {size} bytes: {SAVES} saves in {own:?} ({:?} each); \
         saves that merge another writer's file: {:?} each",
        own / SAVES as u32,
        merging / (SAVES / 10) as u32,
    );
}
