//! Where a browser's memory goes: `cargo run --release --example memory -- PATH`.
//!
//! Builds a library as the browser does (titles-only library, then the whole one, then the
//! bodies' word index, then the index cache written) and prints the process's resident memory
//! after each step, with the bytes the documents themselves hold, against the corpus's size on
//! disk.

use std::sync::Arc;

use dossier::actors::Gazetteer;
use dossier::library::{Discovery, Library};

fn rss_mb() -> (f64, f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = |key: &str| {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
    };
    (
        kb("VmRSS:").unwrap_or(0.0) / 1024.0,
        kb("VmHWM:").unwrap_or(0.0) / 1024.0,
        kb("RssFile:").unwrap_or(0.0) / 1024.0,
    )
}

fn step(name: &str, corpus_mb: f64) {
    let (rss, peak, file) = rss_mb();
    eprintln!(
        "{name:<28} rss {rss:>8.1} MB (files {file:>6.1})  peak {peak:>8.1} MB  ({:.2}x the corpus){}",
        peak / corpus_mb,
        live()
    );
}

/// With `--features count-allocations`: the bytes live now and their peak since the last step.
#[cfg(feature = "count-allocations")]
fn live() -> String {
    let (live, peak) = dossier::counting::live_and_peak();
    dossier::counting::reset_peak();
    format!("  live {:>7.1} MB, peak {:>7.1} MB", live as f64 / 1048576.0, peak as f64 / 1048576.0)
}

#[cfg(not(feature = "count-allocations"))]
fn live() -> String {
    String::new()
}

fn main() -> anyhow::Result<()> {
    // As the browser: the allocator purges freed memory (no `dossier::tune_allocator`).
    let paths: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    let corpus_mb = paths.iter().map(|p| std::fs::metadata(p).map_or(0, |m| m.len())).sum::<u64>() as f64
        / 1e6
        * 0.953_674;
    eprintln!("corpus {corpus_mb:.1} MB");
    step("start", corpus_mb);
    // As the browser loads a large corpus: the bodies written to a file as they are parsed.
    let spill = dossier::corpus::Spill::in_dir(&std::env::temp_dir())?;
    let loaded = dossier::corpus::Plan::new(&paths)?.load_spilling(&Default::default(), spill);
    let (docs, _, _) = loaded.into_documents()?;
    let field =
        |f: fn(&dossier::corpus::Document) -> usize| docs.iter().map(f).sum::<usize>() as f64 / 1048576.0;
    eprintln!(
        "documents {}: bodies {:.1} MB, titles {:.1} MB, ids {:.1} MB, record actors {:.1} MB",
        docs.len(),
        field(|d| d.body().len()), // in memory: none but those that could not be spilled
        field(|d| d.title().len()),
        field(|d| d.id().len()),
        field(|d| d.actors().iter().map(|a| a.len() + 1).sum::<usize>()), // one allocation, NUL-separated
    );
    dossier::release_freed_memory(); // as the browser does between the phases of a load
    step("loaded", corpus_mb);
    let titles = Library::titles_only(Arc::new(docs));
    step("titles-only library", corpus_mb);
    let gazetteer = Gazetteer::builtin();
    let whole = titles.completed(&gazetteer, Discovery::Auto, || {
        dossier::release_freed_memory();
        step("actors found", corpus_mb)
    });
    dossier::release_freed_memory();
    step("whole library", corpus_mb);
    drop(titles);
    step("titles-only dropped", corpus_mb);
    // As the binary does: on a pool of its own (`apart` in main.rs).
    let pool = rayon::ThreadPoolBuilder::new().build()?;
    pool.install(|| whole.index.build_words());
    eprintln!("word index {:.1} MB", whole.index.word_index_bytes() as f64 / 1048576.0);
    step("word index built", corpus_mb);
    // As the browser does next, on the same pool: the index cache written.
    let cache_dir = tempfile::tempdir()?;
    let cache = dossier::cache::IndexCache::in_dir(cache_dir.path(), &paths, &[], Discovery::Auto)
        .ok_or_else(|| anyhow::anyhow!("no fingerprint for the corpus"))?;
    pool.install(|| cache.save(&whole, &[]))?;
    step("index cache written", corpus_mb);
    let mentions: usize = (0..whole.len()).map(|d| whole.index.mentions(d).len()).sum();
    let actors: usize = (0..whole.len()).map(|d| whole.doc_actors(d).len()).sum();
    eprintln!("mentions {mentions}, document actors {actors}, actor table {}", whole.actors.table.len());
    Ok(())
}
