//! dossier's entry point: parse the command line, load, then the screen or the headless mode.

use std::io::{self, IsTerminal};
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;

use dossier::actors::Gazetteer;
use dossier::cli::Cli;
use dossier::corpus;
use dossier::headless;
use dossier::library::Library;

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
    let (loaded, origin) = if cli.paths.is_empty() {
        (corpus::embedded_seeds(), "built-in sample corpus".to_string())
    } else {
        let origin = cli.paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(" ");
        (corpus::load_paths(&cli.paths)?, origin)
    };
    for warning in &loaded.warnings {
        eprintln!("warning: {warning}");
    }
    let library = Library::build(loaded.docs, &Gazetteer::default());

    if let Some(query) = &cli.filter {
        let hits = headless::filter(&library, query);
        headless::write_hits(&library, &hits, cli.json, &mut io::stdout().lock())?;
        return Ok(ExitCode::from(if hits.is_empty() { 1 } else { 0 }));
    }
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        anyhow::bail!(
            "not a terminal: the browser needs one; use --filter QUERY for scripts (e.g. dossier --filter 'assad' PATH)"
        );
    }
    dossier::tui::run(Arc::new(library), origin)?;
    Ok(ExitCode::SUCCESS)
}
