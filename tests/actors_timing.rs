//! Timings on the shared data (ignored by default: `cargo test --release --test actors_timing
//! -- --ignored --nocapture`). They print rather than assert: the machine is shared.

use dossier::actors::{Gazetteer, analyse_with};
use dossier::corpus::{DocParts, Document};
use std::path::Path;
use std::time::Instant;

#[test]
#[ignore]
fn time_phoenix_and_fa_kes() {
    let phoenix = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/petrarch2/Phoenix.Countries.actors.txt"
    ));
    let t = Instant::now();
    let read = Gazetteer::read_file(phoenix).expect("phoenix");
    let n = read.actors.len();
    let read_time = t.elapsed();
    let mut g = Gazetteer::builtin();
    let notes = g.merge_file(read);
    println!(
        "Phoenix.Countries: {n} actors read in {read_time:?}, merged in {:?} total ({} notes)",
        t.elapsed(),
        notes.len()
    );

    let mut reader = csv::Reader::from_path(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpora/fa-kes/FA-KES-Dataset.csv"
    ))
    .expect("fa-kes");
    let docs: Vec<Document> = reader
        .records()
        .filter_map(Result::ok)
        .map(|r| Document::new(DocParts { id: &r[0], title: &r[1], body: &r[2], ..DocParts::default() }))
        .collect();
    let bytes: usize = docs.iter().map(|d| d.title().len() + d.body().len()).sum();
    for (label, g) in [("built-in", Gazetteer::builtin()), ("built-in + Phoenix", g)] {
        let t = Instant::now();
        let actors = analyse_with(&docs, &g, false);
        let mentions: usize = actors.per_doc.iter().map(|d| d.mentions.len()).sum();
        println!(
            "FA-KES, {label}: {} docs, {bytes} bytes, {mentions} mentions in {:?}",
            docs.len(),
            t.elapsed()
        );
        let top: Vec<String> = actors
            .doc_counts(0..docs.len())
            .iter()
            .take(25)
            .map(|(a, n)| format!("{} {n}", actors.table[*a as usize].name))
            .collect();
        println!("  top: {}", top.join(", "));
    }
}
