//! The corpus: documents and the loaders that read them from disk (or from the binary).
//!
//! Loading never stops at a bad file: every problem becomes a [`LoadWarning`] naming the path
//! (and line) and everything valid still loads. Only a PATH that does not exist is an error.
//!
//! A load runs in three steps: [`walk`] lists the files in sorted path order; each file is read
//! once, decoded to UTF-8 by [`decode`] (whatever its format) and parsed by its format's module
//! ([`plain`], [`json`], [`csv`]); files are parsed in parallel with rayon and the results are
//! joined in the listed order, so a load is deterministic.

mod csv;
mod date;
mod decode;
mod json;
mod plain;
mod record;
mod seeds;
mod walk;

use std::fmt;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use date::normalize_date;
pub use decode::{NotText, decode};
pub use seeds::embedded_seeds;

/// One article.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Document {
    /// Text files: the path relative to the folder given, without extension (a file given by
    /// name: its stem). Records: their id field, else `FILE:LINE` (see [`load_paths`]).
    pub id: String,
    pub title: String,
    /// As the source gives it, normalised to ISO (`2019-02`, `2017-04-05`) where recognisable.
    pub date: Option<String>,
    pub source: Option<String>,
    pub body: String,
    /// Actor names given by the record itself (a JSON or CSV `actors` field).
    pub actors: Vec<String>,
}

/// A problem with part of the input that was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadWarning {
    pub path: PathBuf,
    pub line: Option<u64>,
    pub reason: String,
}

impl fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Reasons quote the input too (a JSON key), so they are sanitised like the path.
        let path = crate::text::sanitize_line(&self.path.to_string_lossy()).into_owned();
        let reason = crate::text::sanitize_line(&self.reason);
        match self.line {
            Some(line) => write!(f, "{path}:{line}: {reason}"),
            None => write!(f, "{path}: {reason}"),
        }
    }
}

/// What a load produced.
#[derive(Debug, Default)]
pub struct Loaded {
    pub docs: Vec<Document>,
    pub warnings: Vec<LoadWarning>,
}

impl Loaded {
    fn append(&mut self, mut other: Loaded) {
        self.docs.append(&mut other.docs);
        self.warnings.append(&mut other.warnings);
    }

    fn warn(&mut self, origin: &Origin, line: Option<u64>, reason: String) {
        self.warnings.push(LoadWarning { path: origin.path.to_path_buf(), line, reason });
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}: no such file or directory")]
    NotFound(PathBuf),
}

/// The file formats dossier reads, chosen by extension (case-insensitive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.txt`: one article per file.
    Text,
    /// `.md`: one article per file; a `#` heading is the title.
    Markdown,
    /// `.json`: one object or an array of objects.
    Json,
    /// `.jsonl`, `.ndjson`: one object per line.
    JsonLines,
    /// `.csv`: a header row, then one record per row.
    Csv,
}

impl Format {
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(Format::Text),
            "md" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// Where parsed text came from: the path for warnings and the names for ids.
struct Origin<'a> {
    path: &'a Path,
    /// The id of a text file's document.
    id: &'a str,
    /// The `FILE` of a record's fallback id `FILE:LINE`.
    label: &'a str,
}

impl Origin<'_> {
    fn record_id(&self, line: u64) -> String {
        format!("{}:{line}", self.label)
    }
}

/// Loads every document under `paths` (files or folders, recursively).
///
/// Folders: hidden entries and unknown extensions are skipped, symlink loops end, files load
/// in sorted path order. A file given by name loads whatever its name (or is reported).
/// Ids of records without an id field are `FILE:LINE`, FILE being the path relative to the
/// folder given (or the file name of a file given by name) and LINE the 1-based line where the
/// record starts, in JSON arrays too.
pub fn load_paths(paths: &[PathBuf]) -> Result<Loaded, LoadError> {
    let items = walk::collect(paths)?;
    let parts: Vec<Loaded> = items
        .into_par_iter()
        .map(|item| match item {
            walk::Item::File(job) => load_file(&job),
            walk::Item::Warning(warning) => Loaded { docs: Vec::new(), warnings: vec![warning] },
        })
        .collect();
    let mut loaded = Loaded::default();
    for part in parts {
        loaded.append(part);
    }
    Ok(loaded)
}

/// One entry of what a load of some PATHs would read, in load order (see [`list_inputs`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file to parse.
    File(PathBuf),
    /// An entry the walk skips with a warning (unreadable folder, symlink loop...).
    Skipped(LoadWarning),
}

/// What [`load_paths`] would read, without reading it: the same walk, so that the index cache
/// can fingerprint exactly the files a load depends on (a file added to or removed from a
/// folder changes the list). Fails like [`load_paths`] when a PATH does not exist.
pub fn list_inputs(paths: &[PathBuf]) -> Result<Vec<Input>, LoadError> {
    Ok(walk::collect(paths)?
        .into_iter()
        .map(|item| match item {
            walk::Item::File(job) => Input::File(job.path),
            walk::Item::Warning(warning) => Input::Skipped(warning),
        })
        .collect())
}

fn load_file(job: &walk::FileJob) -> Loaded {
    let origin = Origin { path: &job.path, id: &job.id, label: &job.label };
    match std::fs::read(&job.path) {
        Ok(bytes) => load_bytes(bytes, job.format, &origin),
        Err(e) => {
            let mut out = Loaded::default();
            out.warn(&origin, None, format!("cannot read: {e}"));
            out
        }
    }
}

/// Decodes and parses one file's bytes as if they were read from the file `name` (which names
/// warnings and ids: a text document's id is the name's stem, a record's fallback id
/// `NAME:LINE`). The pure core of a load, with no file system: fuzz targets and tests use it.
pub fn parse_bytes(bytes: Vec<u8>, format: Format, name: &str) -> Loaded {
    let path = Path::new(name);
    let id = path.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default();
    load_bytes(bytes, format, &Origin { path, id: &id, label: name })
}

/// Decodes and parses one file's bytes.
fn load_bytes(bytes: Vec<u8>, format: Format, origin: &Origin) -> Loaded {
    let mut out = Loaded::default();
    match decode::decode(bytes) {
        Ok(text) => parse_text(&text, format, origin, &mut out),
        Err(not_text) => out.warn(origin, None, not_text.reason().to_string()),
    }
    out
}

fn parse_text(text: &str, format: Format, origin: &Origin, out: &mut Loaded) {
    match format {
        Format::Text | Format::Markdown => {
            let plain = plain::parse_plain(text, format == Format::Markdown);
            out.docs.push(Document {
                id: origin.id.to_string(),
                title: plain.title,
                date: plain.date,
                source: plain.source,
                body: plain.body,
                actors: Vec::new(),
            });
        }
        Format::Json => json::parse_json(text, origin, out),
        Format::JsonLines => json::parse_json_lines(text, origin, out),
        Format::Csv => csv::parse_csv(text, origin, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_warning_quoting_the_input_is_one_sanitised_line() {
        // A JSON key is trimmed before it is matched, and NEL (U+0085, a C1 control) is
        // whitespace to `trim`: the key reached stderr raw in the reason.
        let loaded =
            parse_bytes(b"{\"\\u0085title\\n\": {}, \"body\": \"x\"}".to_vec(), Format::Json, "a.json");
        let shown = loaded.warnings[0].to_string();
        assert_eq!(shown, "a.json:1: field `\u{FFFD}title ` is an object, ignored");
    }
}
