//! Profiling aid: `typing_er CORPUS QUERY [ROUNDS]` searches one query ROUNDS times and prints
//! the wall and CPU time per search (CPU time, summed over threads, depends less on what else
//! the machine runs); also a `perf record` target.
use dossier::actors::{self, Gazetteer};
use dossier::search::{NoReview, Query, SearchIndex};
fn main() -> anyhow::Result<()> {
    dossier::tune_allocator();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let loaded = dossier::corpus::load_paths(&[std::path::PathBuf::from(&args[0])])?;
    let (actors, folds) = actors::analyse_folding(&loaded.docs, &Gazetteer::builtin(), false);
    let index = SearchIndex::build_folded(&loaded.docs, &actors, folds);
    let (t, cpu) = (std::time::Instant::now(), cpu_ms());
    let mut n = 0;
    let rounds: usize = args.get(2).map_or(20, |r| r.parse().unwrap());
    for _ in 0..rounds {
        n += index.search(&Query::parse(&args[1]), &NoReview).len();
    }
    let per = |total: f64| total / rounds.max(1) as f64;
    eprintln!(
        "{:<10} wall {:>6.1} ms  cpu {:>6.1} ms per search  ({} hits)",
        args[1],
        per(t.elapsed().as_secs_f64() * 1e3),
        per(cpu_ms() - cpu),
        n / rounds.max(1)
    );
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
