//! dossier's entry point: parse the command line, load, then the screen or the headless mode.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Instant;

use clap::Parser;

use dossier::actors::{self, Gazetteer};
use dossier::app::Message;
use dossier::cache::{self, IndexCache};
use dossier::cli::Cli;
use dossier::config::Config;
use dossier::corpus::{self, Document, Sieve};
use dossier::headless;
use dossier::library::{Bodies, Discovery, Library};
use dossier::loading::{Phase, Tracker};
use dossier::order::SortOrder;
use dossier::review::{self, ReviewError, ReviewStore};
use dossier::search::{Query, QuerySieve};
use dossier::shelf::Shelf;
use dossier::stats::Stats;
use dossier::tui::{Background, Ready};

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
    let headless = cli.filter.is_some() || cli.list_actors || cli.json || cli.csv;
    let terminal = io::stdin().is_terminal() && io::stdout().is_terminal();
    if !headless && !terminal {
        anyhow::bail!(
            "not a terminal: the browser needs one; use --filter QUERY for scripts (e.g. dossier --filter 'assad' PATH)"
        );
    }
    if headless {
        // Only a headless run keeps what it frees. The browser lets it go: its peak is what a
        // machine must hold for as long as it is open (100k JSON Lines, first open: 286-302
        // -> 271-279 MB, no slower; docs/performance.md).
        dossier::tune_allocator();
    }
    let started = Instant::now();
    let opener = Opener::new(&cli, &config)?;
    if !headless {
        return browse_while_loading(&cli, &config, opener, started);
    }
    let opened = opener.open_shelf(&Tracker::default(), started);
    for line in &opened.lines {
        eprintln!("{line}");
    }
    let Opened { library: shelf, mut stats, saving, .. } = opened;
    let review = open_review(&cli, &shelf)?;
    let started = Instant::now();
    let mut hits = headless::filter(shelf.index(), cli.filter.as_deref().unwrap_or(""), review.as_ref());
    // Only the hits' documents are read (from the index cache, on a reopen), and of them only
    // what is printed when that is ids and titles in relevance order.
    let whole = prints_whole_documents(&cli);
    let pages =
        shelf.fetch(&hits, whole).map_err(|e| anyhow::anyhow!("the index cache cannot be read: {e:?}"))?;
    dossier::order::sort_hits_by(|doc| pages.doc(doc), &mut hits, cli.sort);
    stats.filter = Some(started.elapsed());
    stats.matches = Some(hits.len());
    // Buffered: Rust's stdout writes each line with a system call of its own (115k calls, a
    // tenth of a second, for `erdogan` over the 1M CSV).
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let written = if cli.list_actors {
        headless::write_actors(&pages, &hits, cli.json, &mut out).map_err(anyhow::Error::from)
    } else if cli.csv {
        headless::write_csv(&pages, &hits, review.as_ref(), &mut out)
    } else {
        headless::write_hits(&pages, &hits, cli.json, review.as_ref(), &mut out).map_err(anyhow::Error::from)
    };
    match written.and_then(|()| Ok(io::Write::flush(&mut out)?)) {
        // The reader has had enough (`dossier --filter Q | head`): not an error.
        Err(error) if is_broken_pipe(&error) => {}
        written => written?,
    }
    // The answer is out; the index cache may still be being written.
    if let Some(note) = saving.and_then(|s| s.join().ok()).flatten() {
        eprintln!("{note}");
    }
    if cli.stats {
        eprintln!("{}", stats.line());
    }
    let code = ExitCode::from(if hits.is_empty() { 1 } else { 0 });
    // The process ends here: freeing the library's millions of small allocations one by one
    // would only delay the exit (about a tenth of a second at 1M documents).
    std::mem::forget(pages);
    std::mem::forget(shelf);
    Ok(code)
}

/// Whether writing failed because the reader of the output closed it.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        let io =
            cause.downcast_ref::<io::Error>().or_else(|| match cause.downcast_ref::<csv::Error>()?.kind() {
                csv::ErrorKind::Io(io) => Some(io),
                _ => None,
            });
        io.is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// From how many bytes read the browser shows a titles-only library while it builds the whole
/// one: actor extraction then takes about a second or more.
const TITLES_FIRST_FROM: u64 = 16 << 20;

/// What opening the corpus needs, settled before anything is read: the gazetteer (an
/// unreadable one is an error), the files (a PATH that does not exist is one too), the index
/// cache. Shared by the headless mode and the browser's loader thread.
struct Opener {
    plan: Option<corpus::Plan>,
    gazetteer: Gazetteer,
    /// The gazetteer's warnings and notes, printed with the load's.
    gazetteer_lines: Vec<String>,
    discovery: Discovery,
    cache: Option<IndexCache>,
    /// A headless run's query: with no index cache to write, the library is built for it alone
    /// ([`Library::open_for_query`]), keeping the documents' bodies only if it prints them.
    query: Option<(Query, Bodies)>,
}

/// A library ready for a run (`L`: the whole [`Library`] for the browser, a [`Shelf`] for the
/// headless mode), with the lines its load printed (warnings, notes: from the cache on a reopen,
/// so that a reopen warns like the first open) and the timings.
struct Opened<L> {
    library: L,
    lines: Vec<String>,
    stats: Stats,
    /// The index cache being written beside the run; its result, a `note:` line on failure.
    saving: Option<JoinHandle<Option<String>>>,
}

impl Opener {
    fn new(cli: &Cli, config: &Config) -> anyhow::Result<Opener> {
        let gazetteer_files: Vec<_> = config.gazetteers.iter().chain(&cli.gazetteer).cloned().collect();
        let mut gazetteer_lines = Vec::new();
        let gazetteer = load_gazetteer(&gazetteer_files, &mut |line| gazetteer_lines.push(line))?;
        let plan = if cli.paths.is_empty() { None } else { Some(corpus::Plan::new(&cli.paths)?) };
        let discovery = match (cli.no_discover, cli.discover) {
            (true, _) => Discovery::Off,
            (false, true) => Discovery::Always,
            (false, false) => Discovery::Auto,
        };
        let cache = match cli.no_cache {
            true => None,
            false => IndexCache::for_corpus(&cli.paths, &gazetteer_files, discovery)
                .map(|cache| cache.limited_to(config.cache.limit_mb.saturating_mul(1 << 20))),
        };
        let bodies = match prints_whole_documents(cli) {
            true => Bodies::Kept,
            false => Bodies::Dropped { hashed: review_recorded(cli) },
        };
        let query = cli.filter.as_deref().map(|q| (Query::parse(q), bodies));
        Ok(Opener { plan, gazetteer, gazetteer_lines, discovery, cache, query })
    }

    /// The whole library: from the index cache when it is current, else read and built (the
    /// cache then written on a thread of its own), the phases reported to `tracker`. A large
    /// corpus read and built is first handed to `titles_first` as a titles-only library.
    fn open(
        self,
        tracker: &Tracker,
        started: Instant,
        titles_first: &mut dyn FnMut(Arc<Library>),
    ) -> Opened<Arc<Library>> {
        let from_cache = |cache: &IndexCache| {
            let cached = cache.load()?;
            Some((Arc::new(cached.library), cached.messages))
        };
        self.open_with(tracker, started, from_cache, |library| library, Some(titles_first))
    }

    /// [`Opener::open`] for a search: from the index cache, only what the search needs is
    /// decoded, the documents being left in the file until the hits are known.
    fn open_shelf(self, tracker: &Tracker, started: Instant) -> Opened<Shelf> {
        // A query that can be sieved rules documents out by their row masks, whose search
        // entries are then not decoded (made only if there is a cache to read).
        let query = self.query.as_ref().filter(|_| self.cache.is_some());
        let sieve = query.and_then(|(query, _)| QuerySieve::new(query, &self.gazetteer));
        let candidate = sieve.map(|sieve| move |mask: u64| !sieve.rules_out_mask(mask));
        let from_cache = |cache: &IndexCache| {
            let candidate = candidate.as_ref().map(|c| c as &(dyn Fn(u64) -> bool + Sync));
            let mut cached = cache.load_searchable(candidate)?;
            let messages = std::mem::take(&mut cached.messages);
            Some((Shelf::Cached(Box::new(cached)), messages))
        };
        self.open_with(tracker, started, from_cache, Shelf::Built, None)
    }

    /// The one cache-or-build path: `from_cache` reads a current cache (with the lines its
    /// build printed), `built` wraps a library built now.
    fn open_with<L: Docs>(
        self,
        tracker: &Tracker,
        started: Instant,
        from_cache: impl FnOnce(&IndexCache) -> Option<(L, Vec<String>)>,
        built: impl FnOnce(Arc<Library>) -> L,
        titles_first: Option<&mut dyn FnMut(Arc<Library>)>,
    ) -> Opened<L> {
        let Opener { plan, gazetteer, gazetteer_lines, discovery, cache, query } = self;
        let mut stats = Stats {
            cache: if cache.is_some() { cache::Status::Miss } else { cache::Status::Off },
            ..Stats::default()
        };
        let cached = cache.as_ref().and_then(|cache| {
            tracker.set_phase(Phase::Cache);
            from_cache(cache)
        });
        if let Some((library, messages)) = cached {
            stats.load = started.elapsed();
            stats.cache = cache::Status::Hit;
            stats.docs = library.docs();
            // The cached lines include the gazetteer's.
            return Opened { library, lines: messages, stats, saving: None };
        }
        tracker.set_phase(Phase::Reading);
        let browsing = titles_first.is_some();
        // A headless run printing ids and titles, with no index cache to write, keeps only the
        // documents that could match its query, as they are parsed.
        let sieve = match (&query, &plan) {
            (Some((query, Bodies::Dropped { hashed: false })), Some(plan))
                if !browsing && cache.is_none() && discovery.may_sieve(plan.bytes()) =>
            {
                QuerySieve::new(query, &gazetteer).map(|sieve| (sieve, plan.clone()))
            }
            _ => None,
        };
        // The browser keeps a large corpus's bodies in a file of their own, not in memory
        // (`corpus::Spill`): read back when an article is shown or the bodies are scanned.
        let mut notes = Vec::new();
        let spill = match &plan {
            Some(plan) if browsing && plan.bytes() >= TITLES_FIRST_FROM => {
                let dir = cache::default_dir().unwrap_or_else(std::env::temp_dir);
                corpus::Spill::in_dir(&dir)
                    .map_err(|e| {
                        notes.push(format!("note: article bodies kept in memory ({}: {e})", dir.display()))
                    })
                    .ok()
            }
            _ => None,
        };
        let again = spill.as_ref().and(plan.clone());
        let mut loaded = thread::scope(|s| {
            // The gazetteer's automaton (a DFA: 20-25 ms of one core) is built on the other
            // core meanwhile, for a corpus large enough to be analysed with it. The documents a
            // sieve keeps, and a small corpus, are analysed with what suits their size once it
            // is known (`Gazetteer::extractor_for`: below `DFA_FROM`, an NFA built in 3 ms).
            let large = plan.as_ref().is_some_and(|plan| plan.bytes() >= actors::DFA_FROM as u64);
            if sieve.is_none() && large {
                s.spawn(|| gazetteer.extractor());
            }
            match (plan, spill) {
                (Some(plan), Some(spill)) => plan.load_spilling(&tracker.corpus, spill),
                (Some(plan), None) => {
                    plan.load_sieved(&tracker.corpus, sieve.as_ref().map(|(s, _)| s as &dyn Sieve))
                }
                (None, _) => corpus::embedded_seeds(),
            }
        });
        // Discovery reads the whole corpus: when it is to run, the documents left out count.
        let (mut discovery, mut discovery_skipped) = (discovery, false);
        if let Some((_, plan)) = sieve {
            let bodies =
                loaded.sifted.body_bytes + loaded.docs.iter().map(|d| d.body().len() as u64).sum::<u64>();
            match discovery.sieved(bodies) {
                Some(decided) => {
                    discovery_skipped = decided != discovery;
                    discovery = decided;
                }
                None => loaded = plan.load(&tracker.corpus),
            }
        }
        let sifted = loaded.sifted;
        let (docs, warnings, spill_error) = match (loaded.into_documents(), again) {
            (Ok(documents), _) => documents,
            // The spill file cannot be read back (an I/O error): loaded again, bodies held.
            (Err(e), Some(plan)) => {
                notes.push(format!("note: article bodies kept in memory (reading them back failed: {e})"));
                let loaded = plan.load(&corpus::Progress::default());
                (loaded.docs.into(), loaded.warnings, None)
            }
            (Err(e), None) => unreachable!("only a spilling load fails to make its documents: {e}"),
        };
        if let Some(e) = spill_error {
            notes.push(format!("note: some article bodies kept in memory (writing them aside failed: {e})"));
        }
        stats.load = started.elapsed();
        // Between the phases of the browser's load, what the last one freed is handed back
        // (see `release_freed_memory`): the browser's peak is what a machine must hold while
        // it is open. A headless run keeps it for the next phase (`tune_allocator`).
        let release = || {
            if browsing {
                dossier::release_freed_memory();
            }
        };
        release();
        tracker.set_phase(Phase::Actors);
        let indexing = || {
            release();
            tracker.set_phase(Phase::Indexing);
        };
        // The browser (which shows titles first) searches the bodies while typing: it wants
        // their word index, built once the library is shown. A headless run scans the bodies
        // for its one query instead, unless the index cache (which holds the word index) is
        // written.
        let mut library = match titles_first.filter(|_| tracker.corpus.bytes() >= TITLES_FIRST_FROM) {
            Some(show) => {
                let titles = Arc::new(Library::titles_only(docs));
                show(Arc::clone(&titles));
                titles.completed(&gazetteer, discovery, indexing)
            }
            None => match query.filter(|_| !browsing && cache.is_none()) {
                Some((query, bodies)) => {
                    Library::open_for_query(docs, &gazetteer, discovery, &query, bodies, indexing)
                }
                None => Library::open_reporting(docs, &gazetteer, discovery, indexing),
            },
        };
        library.discovery_skipped |= discovery_skipped;
        stats.index = started.elapsed() - stats.load;
        stats.docs = library.len() + sifted.docs;
        let mut lines = gazetteer_lines;
        lines.extend(warnings.iter().map(|w| format!("warning: {w}")));
        lines.extend(library.discovery_note());
        release();
        let library = Arc::new(library);
        let cache = cache.filter(|_| cache::worth_saving(stats.load + stats.index));
        let saving = (browsing || cache.is_some()).then(|| {
            // Beside the run, on a pool of its own (on the screen's, a search typed meanwhile
            // would queue behind the build's tasks); the cache is written atomically: stopping
            // meanwhile only loses it.
            let (library, lines) = (Arc::clone(&library), lines.clone());
            thread::spawn(move || {
                apart(|| {
                    library.index.build_words();
                    if browsing {
                        // On this pool's threads, which built the word index.
                        dossier::release_freed_memory();
                    }
                    let cache = cache?;
                    let error = cache.save(&library, &lines).err()?;
                    Some(format!("note: index cache not written ({}): {error}", cache.path().display()))
                })
            })
        });
        // Notes on this run alone, which the index cache does not repeat on a reopen.
        lines.extend(notes);
        Opened { library: built(library), lines, stats, saving }
    }
}

/// Runs `work` on a rayon pool of its own (or here, if none can be made).
fn apart<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    match rayon::ThreadPoolBuilder::new().thread_name(|i| format!("dossier-finish-{i}")).build() {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
}

/// How many documents an opened library holds (for `--stats`).
trait Docs {
    fn docs(&self) -> usize;
}

impl Docs for Arc<Library> {
    fn docs(&self) -> usize {
        self.len()
    }
}

impl Docs for Shelf {
    fn docs(&self) -> usize {
        self.len()
    }
}

/// The browser on a terminal: the screen comes up at once and the corpus loads behind it (a
/// thread reads, finds actors, indexes and opens the review state). What must be settled before
/// the screen still is: a PATH that does not exist, a gazetteer that cannot be read, a review
/// file that cannot be (the user is asked on stdin, as before). Load warnings are printed when
/// the screen closes, where they stay readable; the status bar counts them meanwhile.
fn browse_while_loading(
    cli: &Cli,
    config: &Config,
    opener: Opener,
    started: Instant,
) -> anyhow::Result<ExitCode> {
    let review_path = check_review(cli)?;
    let (origin, name) = match cli.paths.as_slice() {
        [] => ("built-in sample corpus".to_string(), "the sample corpus".to_string()),
        [one] => {
            let name = one.file_name().unwrap_or(one.as_os_str()).to_string_lossy().into_owned();
            (one.display().to_string(), name)
        }
        paths => {
            let origin = paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(" ");
            (origin, format!("{} paths", paths.len()))
        }
    };
    let tracker = Arc::new(Tracker::new(
        opener.plan.as_ref().map_or(0, |p| p.files()),
        opener.plan.as_ref().map_or(0, |p| p.bytes()),
    ));
    // Filled by the loader, read after the screen closes.
    let after = Arc::new(Mutex::new(None));
    let load = {
        let (tracker, after) = (tracker.clone(), after.clone());
        move |show: &mut dyn FnMut(Ready)| {
            // Review joins the titles once they are shown: it needs every document's content
            // hash, a pass over all the bodies that would delay them. The whole library keeps
            // that store (and reuses the hashes).
            let mut review_shown = false;
            let mut titles_first = |library: Arc<Library>| {
                show(with_review(Arc::clone(&library), None, &[]));
                if review_path.is_some() {
                    show(with_review(library, review_path.clone(), &[]));
                    review_shown = true;
                }
            };
            let opened = opener.open(&tracker, started, &mut titles_first);
            let review_path = review_path.filter(|_| !review_shown);
            let ready = with_review(Arc::clone(&opened.library), review_path, &opened.lines);
            *after.lock().unwrap_or_else(|e| e.into_inner()) = Some(opened);
            ready
        }
    };
    let background = Background { name, tracker, load: Box::new(load) };
    dossier::tui::run_loading(origin, background, config)?;
    if let Some(opened) = after.lock().unwrap_or_else(|e| e.into_inner()).take() {
        for line in &opened.lines {
            eprintln!("{line}");
        }
        // Not waited for: a cache still being written is only lost, never half written.
        if let Some(note) = opened.saving.filter(|s| s.is_finished()).and_then(|s| s.join().ok()).flatten() {
            eprintln!("{note}");
        }
        if cli.stats {
            eprintln!("{}", opened.stats.line());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The loader's last step: the review state for the loaded documents (when `review_path` is
/// given) and the status bar's message (load warnings among `lines`).
fn with_review(library: Arc<Library>, review_path: Option<PathBuf>, lines: &[String]) -> Ready {
    let mut notes = Vec::new();
    let review = review_path.and_then(|path| {
        match ReviewStore::open_hashed(&path, &library.docs, library.content_hashes()) {
            Ok(store) => Some(store),
            Err(error) => {
                notes.push(format!("review is off: {error}"));
                None
            }
        }
    });
    let warnings = lines.iter().filter(|l| l.starts_with("warning:")).count();
    if warnings > 0 {
        let s = if warnings == 1 { "" } else { "s" };
        notes.push(format!("{warnings} load warning{s}: listed when dossier exits"));
    }
    let message = (!notes.is_empty()).then(|| Message { text: notes.join("; "), error: true });
    Ready { library, review, message }
}

/// Whether the headless mode prints more of its hits than ids and titles (or sorts them by
/// another field).
fn prints_whole_documents(cli: &Cli) -> bool {
    cli.json || cli.csv || cli.list_actors || cli.sort != SortOrder::Relevance
}

/// Whether a review file exists for the corpus.
fn review_recorded(cli: &Cli) -> bool {
    review_file(cli).is_some_and(|p| p.exists())
}

/// The review file: `--review FILE`, else the corpus's file in the user's data directory
/// (None, with a warning, when there is none).
fn review_path(cli: &Cli) -> Option<PathBuf> {
    let path = review_file(cli);
    if path.is_none() {
        eprintln!("warning: no data directory (HOME unset): review is off; use --review FILE");
    }
    path
}

/// [`review_path`], quietly.
fn review_file(cli: &Cli) -> Option<PathBuf> {
    cli.review.clone().or_else(|| review::default_state_path(&review::corpus_key(&cli.paths)))
}

/// Before the screen, while stdin is still free to ask: whether the review file can be read
/// (the documents are not needed for that). An unreadable one is set aside if the user says
/// so, as [`open_review`] does; the loader then opens the path for the loaded documents.
fn check_review(cli: &Cli) -> anyhow::Result<Option<PathBuf>> {
    let Some(path) = review_path(cli) else { return Ok(None) };
    match ReviewStore::open(&path, &[]) {
        Ok(_) => Ok(Some(path)),
        Err(ReviewError::Corrupt { path, aside, reason }) => {
            ask_to_set_aside(&path, &aside, &reason, &[])?;
            Ok(Some(path))
        }
        Err(error) => Err(error.into()),
    }
}

/// The headless mode's review state of the corpus on `shelf`: `None` when the review file
/// holds no record. A file that cannot be read is an error (and never overwritten).
fn open_review(cli: &Cli, shelf: &Shelf) -> anyhow::Result<Option<ReviewStore>> {
    let Some(path) = review_path(cli) else { return Ok(None) };
    ReviewStore::open_if_recorded(&path, || {
        shelf.review_keys().map_err(|e| anyhow::anyhow!("the index cache cannot be read: {e:?}"))
    })
}

/// Asks on the terminal whether to set the unreadable review file at `path` aside and start
/// clean; any answer but `c` stops dossier with the file untouched.
fn ask_to_set_aside(
    path: &Path,
    aside: &Path,
    reason: &str,
    docs: &[Document],
) -> anyhow::Result<ReviewStore> {
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
        let (store, kept) = ReviewStore::set_aside_and_start_clean(path, aside, docs)?;
        eprintln!("dossier: the unreadable review file is kept as {}", kept.display());
        Ok(store)
    } else {
        anyhow::bail!("stopped; {} is untouched", path.display())
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
