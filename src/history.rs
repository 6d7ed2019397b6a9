//! Query history: the queries the user kept (Enter in the filter line), newest last, saved
//! across sessions in the data directory. Written atomically like the review state; an
//! unreadable history file is left alone (history starts empty) rather than overwritten.

use std::path::{Path, PathBuf};

/// How many queries are kept.
pub const LIMIT: usize = 500;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    entries: Vec<String>,
    /// Where it is saved (none: in memory only).
    path: Option<PathBuf>,
    /// The file could not be read: never write over it.
    read_only: bool,
}

impl History {
    /// `$XDG_DATA_HOME/dossier/history` (or `~/.local/share/...`).
    pub fn default_path() -> Option<PathBuf> {
        // Beside the reviews folder: .../dossier/reviews/KEY.json → .../dossier/history
        let reviews = crate::review::default_state_path("any")?;
        Some(reviews.parent()?.parent()?.join("history"))
    }

    /// Loads the history at `path` (one query per line); a missing file is an empty history.
    pub fn load(path: &Path) -> History {
        match std::fs::read_to_string(path) {
            Ok(text) => History {
                entries: text.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect(),
                path: Some(path.to_path_buf()),
                read_only: false,
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                History { path: Some(path.to_path_buf()), ..Default::default() }
            }
            Err(_) => History { path: Some(path.to_path_buf()), read_only: true, ..Default::default() },
        }
    }

    pub fn entries(&self) -> &[String] {
        &self.entries
    }

    /// Records a kept query (moved to the end if it was there) and saves.
    pub fn push(&mut self, query: &str) -> std::io::Result<()> {
        let query = query.trim();
        if query.is_empty() || query.contains('\n') {
            return Ok(());
        }
        self.entries.retain(|q| q != query);
        self.entries.push(query.to_string());
        let excess = self.entries.len().saturating_sub(LIMIT);
        self.entries.drain(..excess);
        self.save()
    }

    fn save(&self) -> std::io::Result<()> {
        let (Some(path), false) = (&self.path, self.read_only) else { return Ok(()) };
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let mut file = tempfile::NamedTempFile::new_in(dir)?;
        std::io::Write::write_all(&mut file, (self.entries.join("\n") + "\n").as_bytes())?;
        file.as_file().sync_all()?;
        file.persist(path).map_err(|e| e.error)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_queries_once_newest_last_and_across_loads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/history");
        let mut h = History::load(&path);
        for q in ["@putin", "idlib", "  ", "@putin"] {
            h.push(q).unwrap();
        }
        assert_eq!(h.entries(), ["idlib", "@putin"]);
        assert_eq!(History::load(&path).entries(), ["idlib", "@putin"]);
    }

    #[test]
    fn an_unreadable_history_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history");
        std::fs::write(&path, b"\xff\xfe not utf-8").unwrap();
        let mut h = History::load(&path);
        h.push("idlib").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"\xff\xfe not utf-8");
    }
}
