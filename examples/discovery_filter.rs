//! Runs actor discovery over a JSONL file the way `dossier --filter '' --json FILE` will, so
//! discovery can be scored (score_actors.py) before the real binary integrates it.
//!
//! usage: discovery_filter --filter '' --json FILE.jsonl

use std::io::{BufRead, BufReader, BufWriter, Write};

use anyhow::{Context, Result, bail};
use dossier::actors::discover::discover;
use serde_json::{Value, json};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.iter().skip_while(|a| *a != "--json").nth(1) else {
        bail!("usage: discovery_filter --filter '' --json FILE.jsonl");
    };
    let file = std::fs::File::open(path).with_context(|| format!("opening {path}"))?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for line in BufReader::new(file).lines() {
        let line = line?;
        let Ok(record) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        let field = |k: &str| record.get(k).and_then(Value::as_str).unwrap_or("");
        let text = format!("{}\n\n{}", field("title"), field("body"));
        let actors: Vec<Value> = discover(&text)
            .into_iter()
            .map(|d| json!({"name": d.name, "kind": d.kind, "discovered": true, "spans": d.spans.iter().map(|s| [s.start, s.end]).collect::<Vec<_>>()}))
            .collect();
        let id = record.get("id").cloned().unwrap_or(Value::Null);
        writeln!(out, "{}", json!({"id": id, "actors": actors}))?;
    }
    out.flush()?;
    Ok(())
}
