//! dossier's entry point: parse the command line, load, then the screen or the headless mode.

use std::io::{self, IsTerminal};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::Parser;

use dossier::actors::Gazetteer;
use dossier::cache::{self, IndexCache};
use dossier::cli::Cli;
use dossier::config::Config;
use dossier::corpus;
use dossier::headless;
use dossier::library::Library;
use dossier::review::{self, ReviewError, ReviewStore};
use dossier::stats::Stats;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("dossier: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if let Some(shell) = cli.completions {
        dossier::cli::write_completions(shell, &mut io::stdout());
        return Ok(ExitCode::SUCCESS);
    }
    if cli.man {
        dossier::cli::write_man(&mut io::stdout())?;
        return Ok(ExitCode::SUCCESS);
    }
    if cli.print_config {
        print!("{}", Config::default_toml());
        return Ok(ExitCode::SUCCESS);
    }
    let config = match (&cli.config, Config::default_path()) {
        (Some(path), _) => Config::load(path, true)?,
        (None, Some(path)) => Config::load(&path, false)?,
        (None, None) => Config::default(),
    };
    dossier::ui::theme::configure(&config.theme, config.layout.ascii_borders);
    let mut stats = Stats::default();
    let started = Instant::now();
    let gazetteer_files: Vec<_> = config.gazetteers.iter().chain(&cli.gazetteer).cloned().collect();
    let cache = match cli.no_cache {
        true => None,
        false => IndexCache::for_corpus(&cli.paths, &gazetteer_files, !cli.no_discover),
    };
    let origin = match cli.paths.is_empty() {
        true => "built-in sample corpus".to_string(),
        false => cli.paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(" "),
    };
    let library = if let Some(cached) = cache.as_ref().and_then(IndexCache::load) {
        // What the build printed, printed again: a reopen warns like the first open.
        for message in &cached.messages {
            eprintln!("{message}");
        }
        stats.load = started.elapsed();
        stats.cache = cache::Status::Hit;
        cached.library
    } else {
        // Every line printed on the way is kept for the cache.
        let mut messages = Vec::new();
        let mut say = |line: String| {
            eprintln!("{line}");
            messages.push(line);
        };
        let loaded = match cli.paths.is_empty() {
            true => corpus::embedded_seeds(),
            false => corpus::load_paths(&cli.paths)?,
        };
        for warning in &loaded.warnings {
            say(format!("warning: {warning}"));
        }
        stats.load = started.elapsed();
        let started = Instant::now();
        let gazetteer = load_gazetteer(&gazetteer_files, &mut say)?;
        let library = Library::build_with(loaded.docs, &gazetteer, !cli.no_discover);
        stats.index = started.elapsed();
        if let Some(cache) = &cache {
            stats.cache = cache::Status::Miss;
            if cache::worth_saving(stats.load + stats.index)
                && let Err(error) = cache.save(&library, &messages)
            {
                eprintln!("note: index cache not written ({}): {error}", cache.path().display());
            }
        }
        library
    };
    stats.docs = library.len();

    let headless = cli.filter.is_some() || cli.list_actors || cli.json || cli.csv;
    let review = open_review(&cli, &library, headless)?;

    if headless {
        let started = Instant::now();
        let mut hits = headless::filter(&library, cli.filter.as_deref().unwrap_or(""), review.as_ref());
        dossier::order::sort_hits(&library.docs, &mut hits, cli.sort);
        stats.filter = Some(started.elapsed());
        stats.matches = Some(hits.len());
        let mut out = io::stdout().lock();
        if cli.list_actors {
            headless::write_actors(&library, &hits, cli.json, &mut out)?;
        } else if cli.csv {
            headless::write_csv(&library, &hits, review.as_ref(), &mut out)?;
        } else {
            headless::write_hits(&library, &hits, cli.json, review.as_ref(), &mut out)?;
        }
        if cli.stats {
            eprintln!("{}", stats.line());
        }
        let code = ExitCode::from(if hits.is_empty() { 1 } else { 0 });
        // The process ends here: freeing the library's millions of small allocations one by one
        // would only delay the exit (about a tenth of a second at 1M documents).
        std::mem::forget(library);
        return Ok(code);
    }
    if cli.stats {
        eprintln!("{}", stats.line());
    }
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        anyhow::bail!(
            "not a terminal: the browser needs one; use --filter QUERY for scripts (e.g. dossier --filter 'assad' PATH)"
        );
    }
    dossier::tui::run(Arc::new(library), origin, review, &config)?;
    Ok(ExitCode::SUCCESS)
}

/// Opens the review state: `--review FILE`, else the corpus's file in the user's data
/// directory. A file that cannot be read is never overwritten: headless, that is an error; on
/// a terminal the user chooses between setting it aside (starting clean) and quitting.
fn open_review(cli: &Cli, library: &Library, headless: bool) -> anyhow::Result<Option<ReviewStore>> {
    let path = match &cli.review {
        Some(path) => path.clone(),
        None => match review::default_state_path(&review::corpus_key(&cli.paths)) {
            Some(path) => path,
            None => {
                eprintln!("warning: no data directory (HOME unset): review is off; use --review FILE");
                return Ok(None);
            }
        },
    };
    match ReviewStore::open_hashed(&path, &library.docs, &library.content_hashes) {
        Ok(store) => Ok(Some(store)),
        Err(ReviewError::Corrupt { path, aside, reason }) if !headless && io::stdin().is_terminal() => {
            eprintln!("dossier: the review file {} cannot be read ({reason}).", path.display());
            eprintln!("It will not be overwritten. Start with a clean review, keeping the old file as");
            eprint!(
                "  {}
[c] start clean, [q] quit: ",
                aside.display()
            );
            let mut answer = String::new();
            io::stdin().read_line(&mut answer)?;
            if answer.trim().eq_ignore_ascii_case("c") {
                let (store, kept) = ReviewStore::set_aside_and_start_clean(&path, &aside, &library.docs)?;
                eprintln!("dossier: the unreadable review file is kept as {}", kept.display());
                Ok(Some(store))
            } else {
                anyhow::bail!("stopped; {} is untouched", path.display())
            }
        }
        Err(error) => Err(error.into()),
    }
}

/// The built-in actors plus every `--gazetteer` file; skipped lines are warnings, conflicts
/// between files are notes (both handed to `say`), an unreadable file is an error.
fn load_gazetteer(files: &[std::path::PathBuf], say: &mut impl FnMut(String)) -> anyhow::Result<Gazetteer> {
    let mut gazetteer = Gazetteer::builtin();
    for path in files {
        let mut file = Gazetteer::read_file(path)?;
        for warning in std::mem::take(&mut file.warnings) {
            say(format!("warning: {warning}"));
        }
        for note in gazetteer.merge_file(file) {
            say(format!("note: {note}"));
        }
    }
    Ok(gazetteer)
}
