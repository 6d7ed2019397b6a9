//! The corpus: documents and the loaders that read them from disk (or from the binary).
//!
//! Loading never stops at a bad file: every problem becomes a [`LoadWarning`] naming the path
//! (and line) and everything valid still loads. Only a PATH that does not exist is an error.

use std::fmt;
use std::path::PathBuf;

/// One article.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Document {
    /// Text files: the path relative to the folder given, without extension.
    /// Records: their id field, else `file:line`.
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
        let path = crate::text::sanitize_line(&self.path.to_string_lossy()).into_owned();
        match self.line {
            Some(line) => write!(f, "{path}:{line}: {}", self.reason),
            None => write!(f, "{path}: {}", self.reason),
        }
    }
}

/// What a load produced.
#[derive(Debug, Default)]
pub struct Loaded {
    pub docs: Vec<Document>,
    pub warnings: Vec<LoadWarning>,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}: no such file or directory")]
    NotFound(PathBuf),
}

/// Loads every document under `paths` (files or folders, recursively).
pub fn load_paths(paths: &[PathBuf]) -> Result<Loaded, LoadError> {
    let _ = paths;
    Ok(Loaded::default())
}

/// The sample corpus embedded in the binary (the files of `seeds/`).
pub fn embedded_seeds() -> Loaded {
    Loaded::default()
}
