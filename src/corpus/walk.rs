//! Turning the PATHs given into an ordered list of files to load (and warnings).
//!
//! Folders are walked depth-first with an explicit stack (no recursion limit for deep trees),
//! children sorted by name so the order is the sorted order of paths. Symbolic links are
//! followed, but a directory whose canonical path was already walked is skipped, which ends
//! symlink loops. Inside folders, hidden entries (`.name`) and files of unknown type are
//! skipped silently; a file given by name is always loaded or reported.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{Format, LoadError, LoadWarning};

/// A file to load and the names its documents take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileJob {
    pub path: PathBuf,
    pub format: Format,
    /// A text file's document id: its path relative to the folder given, without extension,
    /// `/`-separated; for a file given by name, its stem.
    pub id: String,
    /// What a record's fallback id (`LABEL:LINE`) starts with: the path relative to the folder
    /// given, or the file name of a file given by name.
    pub label: String,
    /// Size in bytes when listed (for progress: what a load has left to read).
    pub len: u64,
}

/// One step of a load, in order.
#[derive(Debug, Clone)]
pub enum Item {
    File(FileJob),
    Warning(LoadWarning),
}

/// Lists what `paths` hold. Fails only when a PATH does not exist, before anything is read.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<Item>, LoadError> {
    let mut kinds = Vec::with_capacity(paths.len());
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) => kinds.push(Ok(meta)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(LoadError::NotFound(path.clone()));
            }
            Err(e) => kinds.push(Err(e)),
        }
    }
    let mut items = Vec::new();
    let mut visited = HashSet::new();
    for (path, meta) in paths.iter().zip(kinds) {
        match meta {
            Ok(meta) if meta.is_dir() => walk_dir(path, &mut visited, &mut items),
            Ok(meta) => items.push(given_file(path, &meta)),
            Err(e) => items.push(warning(path, format!("cannot open: {e}"))),
        }
    }
    Ok(items)
}

fn given_file(path: &Path, meta: &fs::Metadata) -> Item {
    let Some(format) = Format::from_path(path) else {
        return warning(
            path,
            "unsupported file type (expected .txt, .md, .json, .jsonl, .ndjson or .csv), skipped".into(),
        );
    };
    if !meta.is_file() {
        return warning(path, "not a regular file, skipped".into());
    }
    let lossy = |s: Option<&std::ffi::OsStr>| s.map(|s| s.to_string_lossy().into_owned());
    Item::File(FileJob {
        path: path.to_path_buf(),
        format,
        id: lossy(path.file_stem()).unwrap_or_default(),
        label: lossy(path.file_name()).unwrap_or_default(),
        len: meta.len(),
    })
}

fn walk_dir(root: &Path, visited: &mut HashSet<PathBuf>, items: &mut Vec<Item>) {
    // Entries to visit, last pushed first: (path, path relative to root).
    let mut stack = vec![(root.to_path_buf(), PathBuf::new())];
    while let Some((path, relative)) = stack.pop() {
        let meta = match fs::metadata(&path) {
            Ok(meta) => meta,
            Err(e) => {
                // A dangling link or a vanished entry matters only if it looked like a document.
                if Format::from_path(&path).is_some() {
                    items.push(warning(&path, format!("cannot open: {e}")));
                }
                continue;
            }
        };
        if meta.is_dir() {
            match fs::canonicalize(&path).map(|canonical| visited.insert(canonical)) {
                Ok(true) => push_children(&path, &relative, &mut stack, items),
                Ok(false) => {
                    let reason = "folder already loaded (symlink loop or duplicate), skipped";
                    items.push(warning(&path, reason.into()));
                }
                Err(e) => items.push(warning(&path, format!("cannot open folder: {e}"))),
            }
        } else if let Some(format) = Format::from_path(&path) {
            if meta.is_file() {
                items.push(Item::File(FileJob {
                    path,
                    format,
                    id: slash_path(&relative.with_extension("")),
                    label: slash_path(&relative),
                    len: meta.len(),
                }));
            } else {
                items.push(warning(&path, "not a regular file, skipped".into()));
            }
        }
    }
}

/// Pushes a folder's visible entries on the stack so that they pop in name order.
fn push_children(dir: &Path, relative: &Path, stack: &mut Vec<(PathBuf, PathBuf)>, items: &mut Vec<Item>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            items.push(warning(dir, format!("cannot read folder: {e}")));
            return;
        }
    };
    let mut names = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => names.push(entry.file_name()),
            Err(e) => items.push(warning(dir, format!("cannot read folder entry: {e}"))),
        }
    }
    names.retain(|name| !name.as_encoded_bytes().starts_with(b"."));
    names.sort();
    for name in names.into_iter().rev() {
        stack.push((dir.join(&name), relative.join(&name)));
    }
}

/// A relative path as an id: components joined by `/`, invalid UTF-8 replaced.
fn slash_path(path: &Path) -> String {
    let parts: Vec<_> = path.components().map(|c| c.as_os_str().to_string_lossy()).collect();
    parts.join("/")
}

fn warning(path: &Path, reason: String) -> Item {
    Item::Warning(LoadWarning { path: path.to_path_buf(), line: None, reason })
}
