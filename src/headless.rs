//! The headless mode: `--filter` answers a query with the same search as the screen.

use std::io::{self, IsTerminal, Write};

use serde::Serialize;

use crate::actors::{ActorId, ActorKind, Field};
use crate::corpus::ActorNames;
use crate::review::{ExportRow, ReviewFields, ReviewStore};
use crate::search::{Hit, NoReview, Query, ReviewLookup, SearchIndex};
use crate::shelf::Pages;
use crate::text;

/// Runs `query` and returns the hits, best first: exactly what the screen lists.
pub fn filter(index: &SearchIndex, query: &str, review: Option<&ReviewStore>) -> Vec<Hit> {
    let lookup: &dyn ReviewLookup = match review {
        Some(store) => store,
        None => &NoReview,
    };
    index.search(&Query::parse(query), lookup)
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
    #[serde(flatten)]
    review: ReviewFields,
}

fn record<'a>(pages: &'a Pages, hit: &Hit, review: Option<&ReviewStore>) -> Record<'a> {
    let doc = pages.doc(hit.doc);
    let actors = pages
        .actors(hit.doc)
        .iter()
        .filter_map(|a| {
            let info = pages.table().get(a.actor as usize)?;
            Some(ActorRecord {
                name: &info.name,
                kind: info.kind,
                mentions: a.mentions,
                discovered: info.discovered,
            })
        })
        .collect();
    Record {
        id: doc.id(),
        title: doc.title(),
        date: doc.date(),
        source: doc.source(),
        body: doc.body(),
        score: hit.score,
        actors,
        review: review.map(|r| r.fields(hit.doc as usize)).unwrap_or_default(),
    }
}

/// Writes the hits as `ID<TAB>TITLE` lines, or JSON Lines records. Text bound for a terminal
/// is sanitised so no document can send control sequences; a pipe gets the text as it is
/// (tabs and newlines in a field are always flattened so one record stays one line).
pub fn write_hits(
    pages: &Pages,
    hits: &[Hit],
    json: bool,
    review: Option<&ReviewStore>,
    out: &mut impl Write,
) -> io::Result<()> {
    let to_terminal = io::stdout().is_terminal();
    for hit in hits {
        if json {
            let line = serde_json::to_string(&record(pages, hit, review))?;
            let line = if to_terminal { escape_controls(&line) } else { line.into() };
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")?;
        } else {
            let (id, title) = pages.heading(hit.doc);
            let (id, title) = (one_line(id, to_terminal), one_line(title, to_terminal));
            writeln!(out, "{id}\t{title}")?;
        }
    }
    out.flush()
}

fn one_line(s: &str, to_terminal: bool) -> String {
    if to_terminal { text::sanitize_line(s).into_owned() } else { s.replace(['\t', '\n', '\r'], " ") }
}

/// One actor of `--list-actors --json`.
#[derive(Serialize)]
struct ActorSummary<'a> {
    name: &'a str,
    kind: ActorKind,
    discovered: bool,
    /// Documents (among those listed) that mention it.
    documents: u32,
    /// Mentions over those documents.
    mentions: u64,
    /// The spellings found in the text, most frequent first.
    aliases_seen: Vec<&'a str>,
    ids: Vec<&'a str>,
}

/// Writes the actors of the hit documents, most documents first: `COUNT<TAB>NAME`, or JSON Lines.
pub fn write_actors(pages: &Pages, hits: &[Hit], json: bool, out: &mut impl Write) -> io::Result<()> {
    let to_terminal = io::stdout().is_terminal();
    let counts = pages.doc_counts(hits);
    if !json {
        for (actor, documents) in &counts {
            let name = &pages.table()[*actor as usize].name;
            writeln!(out, "{documents}\t{}", one_line(name, to_terminal))?;
        }
        return out.flush();
    }
    let summaries = summarise(pages, hits);
    for (actor, documents) in counts {
        let info = &pages.table()[actor as usize];
        let summary = &summaries[&actor];
        let mut seen: Vec<(&str, u64)> = summary.spellings.iter().map(|(s, n)| (*s, *n)).collect();
        seen.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let record = ActorSummary {
            name: &info.name,
            kind: info.kind,
            discovered: info.discovered,
            documents,
            mentions: summary.mentions,
            aliases_seen: seen.into_iter().map(|(s, _)| s).collect(),
            ids: summary.ids.clone(),
        };
        serde_json::to_writer(&mut *out, &record)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

#[derive(Default)]
struct Summary<'a> {
    mentions: u64,
    spellings: std::collections::HashMap<&'a str, u64>,
    ids: Vec<&'a str>,
}

/// Mentions, spellings and document ids per actor over the hit documents.
fn summarise<'a>(pages: &'a Pages, hits: &[Hit]) -> std::collections::HashMap<ActorId, Summary<'a>> {
    let mut summaries: std::collections::HashMap<ActorId, Summary> = std::collections::HashMap::new();
    for hit in hits {
        let doc = pages.doc(hit.doc);
        for a in pages.actors(hit.doc) {
            let summary = summaries.entry(a.actor).or_default();
            summary.mentions += u64::from(a.mentions);
            summary.ids.push(doc.id());
        }
        for m in pages.mentions(hit.doc) {
            let text = match m.field() {
                Field::Title => doc.title(),
                Field::Body => doc.body(),
            };
            if let Some(spelled) = text.get(m.range()) {
                *summaries.entry(m.actor).or_default().spellings.entry(spelled).or_default() += 1;
            }
        }
    }
    summaries
}

/// Writes the hits as CSV records with their actors (detected and given) and review fields.
pub fn write_csv(
    pages: &Pages,
    hits: &[Hit],
    review: Option<&ReviewStore>,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let actors: Vec<ActorNames> = hits.iter().map(|h| pages.actor_names(h.doc).collect()).collect();
    let rows = hits.iter().zip(&actors).map(|(hit, actors)| ExportRow {
        doc: pages.doc(hit.doc),
        actors: actors.as_list(),
        review: review.map(|r| r.fields(hit.doc as usize)).unwrap_or_default(),
    });
    crate::review::write_csv(&mut *out, rows)?;
    out.flush()?;
    Ok(())
}

/// JSON for a terminal: serde_json escapes C0 controls but writes DEL, C1 controls and bidi
/// overrides as they are; these become `\uXXXX` escapes (still the same JSON value).
pub fn escape_controls(json: &str) -> std::borrow::Cow<'_, str> {
    let risky = |c: char| {
        c == '\u{7f}'
            || ('\u{80}'..='\u{9f}').contains(&c)
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !json.chars().any(risky) {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if risky(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_for_a_terminal_escapes_what_serde_leaves_raw() {
        let value = serde_json::json!({"title": "a\u{7f}b\u{9b}c\u{202e}d é"});
        let raw = serde_json::to_string(&value).unwrap();
        let safe = escape_controls(&raw);
        assert!(!safe.chars().any(|c| c == '\u{7f}' || c == '\u{9b}' || c == '\u{202e}'), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value, "the same JSON value");
    }
}
