//! The headless mode: `--filter` answers a query with the same search as the screen.

use std::io::{self, IsTerminal, Write};

use serde::Serialize;

use crate::actors::ActorKind;
use crate::library::Library;
use crate::search::{Hit, NoReview, Query};
use crate::text;

/// Runs `query` and returns the hits, best first: exactly what the screen lists.
pub fn filter(library: &Library, query: &str) -> Vec<Hit> {
    library.index.search(&Query::parse(query), &NoReview)
}

#[derive(Serialize)]
struct ActorRecord<'a> {
    name: &'a str,
    kind: ActorKind,
    mentions: u32,
    discovered: bool,
}

#[derive(Serialize)]
struct Record<'a> {
    id: &'a str,
    title: &'a str,
    date: Option<&'a str>,
    source: Option<&'a str>,
    body: &'a str,
    score: i64,
    actors: Vec<ActorRecord<'a>>,
}

fn record<'a>(library: &'a Library, hit: &Hit) -> Record<'a> {
    let doc = &library.docs[hit.doc as usize];
    let actors = library
        .actors
        .per_doc
        .get(hit.doc as usize)
        .map(|d| {
            d.actors
                .iter()
                .filter_map(|a| {
                    let info = library.actors.table.get(a.actor as usize)?;
                    Some(ActorRecord {
                        name: &info.name,
                        kind: info.kind,
                        mentions: a.mentions,
                        discovered: info.discovered,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    Record {
        id: &doc.id,
        title: &doc.title,
        date: doc.date.as_deref(),
        source: doc.source.as_deref(),
        body: &doc.body,
        score: hit.score,
        actors,
    }
}

/// Writes the hits as `ID<TAB>TITLE` lines, or JSON Lines records. Text bound for a terminal
/// is sanitised so no document can send control sequences; a pipe gets the text as it is
/// (tabs and newlines in a field are always flattened so one record stays one line).
pub fn write_hits(library: &Library, hits: &[Hit], json: bool, out: &mut impl Write) -> io::Result<()> {
    let to_terminal = io::stdout().is_terminal();
    for hit in hits {
        if json {
            serde_json::to_writer(&mut *out, &record(library, hit))?;
            out.write_all(b"\n")?;
        } else {
            let doc = &library.docs[hit.doc as usize];
            let (id, title) = (one_line(&doc.id, to_terminal), one_line(&doc.title, to_terminal));
            writeln!(out, "{id}\t{title}")?;
        }
    }
    out.flush()
}

fn one_line(s: &str, to_terminal: bool) -> String {
    if to_terminal { text::sanitize_line(s).into_owned() } else { s.replace(['\t', '\n', '\r'], " ") }
}
