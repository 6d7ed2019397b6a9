//! Profiling aid: `typing_er CORPUS QUERY[,QUERY...] [ROUNDS]` searches each query ROUNDS times and prints
//! the wall and CPU time per search (CPU time, summed over threads, depends less on what else
//! the machine runs), compiling the query each time as a new keystroke does; also the time and
//! size of the bodies' word index, and a `perf record` target.
use dossier::actors::{self, Gazetteer};
use dossier::search::{BodyWords, FoldedText, NoReview, Query, SearchIndex};
fn main() -> anyhow::Result<()> {
    dossier::tune_allocator();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let loaded = dossier::corpus::load_paths(&[std::path::PathBuf::from(&args[0])])?;
    let (mut actors, folds) = actors::analyse_folding(&loaded.docs, &Gazetteer::builtin(), false);
    let bodies: Vec<&str> = folds.bodies.iter().map(|body| &*body.text).collect();
    for _ in 0..3 {
        let (t, cpu) = (std::time::Instant::now(), cpu_ms());
        let words = BodyWords::of_bodies(&bodies);
        eprintln!(
            "word index: {} docs, {:.1} MB, built in wall {:.0} ms, cpu {:.0} ms",
            words.docs(),
            words.heap_bytes() as f64 / 1e6,
            t.elapsed().as_secs_f64() * 1e3,
            cpu_ms() - cpu
        );
    }
    drop(bodies);
    // As a library built by the browser: folded bodies dropped, body tests read the documents.
    let bodies = folds.bodies.iter().map(FoldedText::body_mask).collect();
    let folds = actors::Folds { titles: folds.titles, bodies };
    let index = SearchIndex::build_on(std::sync::Arc::new(loaded.docs.into()), &mut actors, folds, None);
    index.build_words();
    let rounds: usize = args.get(2).map_or(20, |r| r.parse().unwrap());
    for text in args[1].split(',') {
        let query = Query::parse(text);
        let (t, cpu) = (std::time::Instant::now(), cpu_ms());
        let mut n = 0;
        for _ in 0..rounds {
            index.forget_compiled();
            n += index.search(&query, &NoReview).len();
        }
        let per = |total: f64| total / rounds.max(1) as f64;
        eprintln!(
            "{:<10} wall {:>6.1} ms  cpu {:>6.1} ms per search  ({} hits)",
            text,
            per(t.elapsed().as_secs_f64() * 1e3),
            per(cpu_ms() - cpu),
            n / rounds.max(1)
        );
    }
    Ok(())
}

/// User + system CPU time of this process so far, in ms (Linux; 10 ms ticks).
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = fields.get(11..13).map_or(0.0, |f| f.iter().filter_map(|x| x.parse::<f64>().ok()).sum());
    ticks * 10.0
}
