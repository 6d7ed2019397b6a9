//! Times each phase of opening a corpus: `cargo run --release --example probe -- PATH [QUERY]`.

use std::time::Instant;

use dossier::actors::{self, Gazetteer};
use dossier::search::{FoldedText, NoReview, Query, SearchIndex};

fn main() -> anyhow::Result<()> {
    // As the binary does: without it, page faults on freed memory dominate (docs/performance.md).
    dossier::tune_allocator();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = std::path::PathBuf::from(&args[0]);
    let t = Instant::now();
    let loaded = dossier::corpus::load_paths(&[path])?;
    eprintln!("load      {:>8.1} ms  docs={}", t.elapsed().as_secs_f64() * 1e3, loaded.docs.len());
    // What the browser shows first on a large corpus (the documents copied before the clock).
    let docs = std::sync::Arc::new(dossier::corpus::Documents::from(loaded.docs.clone()));
    let t = Instant::now();
    let titles = dossier::library::Library::titles_only(docs);
    eprintln!("titles    {:>8.1} ms  (titles-only library)", t.elapsed().as_secs_f64() * 1e3);
    drop(titles);
    let t = Instant::now();
    let gazetteer = Gazetteer::builtin();
    eprintln!("gazetteer {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    // As a library built by the browser: folded bodies dropped, body tests read the documents.
    let keep = actors::Keep { body: &|_, body: FoldedText| body.body_mask(), body_mentions: true };
    let discover = args.get(2).is_none_or(|a| a != "nodiscover");
    let (mut actors, folds) = actors::analyse_folding_with(&loaded.docs, &gazetteer, discover, keep);
    eprintln!("actors    {:>8.1} ms  table={}", t.elapsed().as_secs_f64() * 1e3, actors.table.len());
    let t = Instant::now();
    let index = SearchIndex::build_on(std::sync::Arc::new(loaded.docs.into()), &mut actors, folds, None);
    eprintln!("index     {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    index.build_words();
    eprintln!(
        "words     {:>8.1} ms  (word index of the bodies, built after the library is shown)",
        t.elapsed().as_secs_f64() * 1e3
    );
    let q = Query::parse(args.get(1).map_or("erdogan", |s| s.as_str()));
    for _ in 0..3 {
        let t = Instant::now();
        let hits = index.search(&q, &NoReview);
        eprintln!("search    {:>8.1} ms  hits={}", t.elapsed().as_secs_f64() * 1e3, hits.len());
    }
    // Typing the query one key at a time: a full search per key, then a narrowing session.
    // Five rounds, each key's best time kept: on a shared machine the minimum is the figure
    // that least depends on what else runs.
    let word = args.get(1).map_or("erdogan", |s| s.as_str());
    // As the screen does: the first page (`PAGE` rows, exact), then the complete ranking, each
    // key's query compiled afresh (its body counts read from the word index once, by whichever
    // search comes first). The full search is timed apart, on its own fresh compile.
    const PAGE: usize = 50;
    let never = std::sync::atomic::AtomicBool::new(false);
    let mut best = vec![(f64::MAX, f64::MAX, f64::MAX, 0); word.len()];
    for _ in 0..5 {
        let mut session = dossier::search::Session::new();
        for n in 1..=word.len() {
            let q = Query::parse(&word[..n]);
            index.forget_compiled();
            let t = Instant::now();
            let full = index.search(&q, &NoReview);
            let full_ms = t.elapsed().as_secs_f64() * 1e3;
            index.forget_compiled();
            let t = Instant::now();
            let page = session.first_page(&index, &q, &NoReview, PAGE, &never).expect("never stopped");
            let page_ms = t.elapsed().as_secs_f64() * 1e3;
            let t = Instant::now();
            let narrowed = session.search(&index, &q, &NoReview);
            let ms = t.elapsed().as_secs_f64() * 1e3;
            assert_eq!(full, narrowed);
            assert_eq!(page, full[..PAGE.min(full.len())]);
            let b = &mut best[n - 1];
            *b = (b.0.min(full_ms), b.1.min(page_ms), b.2.min(ms), full.len());
        }
    }
    for (n, (full_ms, page_ms, ms, hits)) in best.iter().enumerate() {
        eprintln!(
            "key {:<12} full {full_ms:>7.1} ms  first page {page_ms:>6.1} ms  session {ms:>7.1} ms  hits={hits}",
            &word[..=n]
        );
    }
    eprintln!("peak_rss_mb={:.0}", dossier::stats::peak_rss_mb().unwrap_or(0.0));
    Ok(())
}
