//! The command line: clap's derive struct.

use std::path::PathBuf;

use clap::Parser;

#[derive(Debug, Parser)]
#[command(
    name = "dossier",
    version,
    about = "Browse, filter and review corpora of news articles in the terminal.",
    after_help = "\
Examples:
  dossier                                  open the built-in sample corpus
  dossier articles/ reports.csv            open folders and files (txt, md, json, jsonl, csv)
  dossier --filter '@erdogan idlib' data/  print matching documents, best first
  dossier --filter 'assad' --json data/    the same as JSON Lines records
  dossier --filter 'is:flagged' --csv data/ > flagged.csv   export reviewed work
  dossier --list-actors data/              who the corpus is about: COUNT<TAB>NAME
  dossier --gazetteer my-actors.json data/ add your own actors (JSON or PETRARCH .actors)

In the browser: / types a filter (Enter keeps it, Esc clears it), j/k or the arrows move, Tab
  reads the article, a shows the actors, r/f/d mark reviewed / flagged / done-and-next, e writes a
  note, t shows the timeline, s sorts, ? lists every key, q quits. Marks are saved at once.

Query: words must all match (fuzzy in titles and actor names, substring in bodies);
  @name actor only, 'exact, ^prefix, suffix$, !not, a | b. Case and accents are ignored.
Exit status with --filter: 0 something matched, 1 nothing matched, 2 error."
)]
pub struct Cli {
    /// Files or folders to open (recursively). Without any, the built-in sample corpus.
    pub paths: Vec<PathBuf>,

    /// Print the documents matching QUERY, best first, as `ID<TAB>TITLE` lines, and exit.
    #[arg(short, long, value_name = "QUERY")]
    pub filter: Option<String>,

    /// With --filter or --list-actors: print records as JSON Lines.
    #[arg(long)]
    pub json: bool,

    /// Print the actors of the corpus (or of the --filter matches) as `COUNT<TAB>NAME`, most
    /// documents first; with --json, one record per actor (kind, spellings seen, mentions, ids).
    #[arg(long)]
    pub list_actors: bool,

    /// Add actors from FILE: dossier's JSON format or a PETRARCH/CAMEO actor dictionary.
    /// Repeatable; merged with the built-in list, conflicts reported as notes.
    #[arg(long, value_name = "FILE")]
    pub gazetteer: Vec<PathBuf>,

    /// Do not discover names that no gazetteer lists (faster on very large corpora).
    #[arg(long, conflicts_with = "discover")]
    pub no_discover: bool,

    /// Discover names that no gazetteer lists whatever the corpus size (by default only up to
    /// 8 MB of text: it costs about 36 ms of CPU per MB).
    #[arg(long)]
    pub discover: bool,

    /// Order of the results (the screen's `s` key cycles through the same orders).
    #[arg(long, value_enum, default_value_t)]
    pub sort: crate::order::SortOrder,

    /// With --filter: write the records as CSV (id, title, date, source, actors, reviewed,
    /// flagged, labels, note) for spreadsheets.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,

    /// The review state file (marks, labels, notes). Default: one per corpus in the user's data
    /// directory ($XDG_DATA_HOME/dossier/reviews/); `?` in the browser shows which.
    #[arg(long, value_name = "FILE")]
    pub review: Option<PathBuf>,

    /// Neither read nor write the index cache. By default a corpus opened before reopens from
    /// $XDG_CACHE_HOME/dossier/ (rebuilt whenever a file, the gazetteer or the version changes).
    #[arg(long)]
    pub no_cache: bool,

    /// Print timings and sizes to stderr as one `stats: key=value ...` line.
    #[arg(long)]
    pub stats: bool,

    /// Read the configuration from FILE instead of $XDG_CONFIG_HOME/dossier/config.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Print the default configuration (keys, labels, layout, theme, views) and exit.
    #[arg(long, exclusive = true)]
    pub print_config: bool,

    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) and exit.
    #[arg(long, value_name = "SHELL", exclusive = true)]
    pub completions: Option<clap_complete::Shell>,

    /// Print the manual page (roff, for `man -l -`) and exit.
    #[arg(long, exclusive = true)]
    pub man: bool,
}

/// Writes the completion script for `shell` (from the same definition as `--help`).
pub fn write_completions(shell: clap_complete::Shell, out: &mut impl std::io::Write) {
    clap_complete::generate(shell, &mut <Cli as clap::CommandFactory>::command(), "dossier", out);
}

/// Writes the manual page (from the same definition as `--help`).
pub fn write_man(out: &mut impl std::io::Write) -> std::io::Result<()> {
    clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(out)
}
