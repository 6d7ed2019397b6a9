//! Keeping the cache folder within a size: a cache file is about twice its corpus (446 MB for
//! 100k articles of 2 KB), so a few large corpora opened once would otherwise fill the disk.
//!
//! A file's modification time is when its corpus was last opened: written then, or touched on
//! a reopen ([`mark_used`]). After each write, the least recently used files go first until the
//! folder fits; the file just written always stays. Only dossier's own files are touched:
//! `*.bin` caches and the `.tmp-*` files a killed write left (once a day old, so that a write
//! still under way is never deleted). Deleting a file another dossier has mapped is safe: the
//! mapping keeps its pages until it ends.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::file::{EXTENSION, TEMP_PREFIX};

/// The folder's size by default: a few large corpora, or hundreds of small ones.
pub const DEFAULT_LIMIT_MB: u64 = 4096;

/// How old a `.tmp-*` file must be to count as left by a killed write.
const ORPHAN_AGE: Duration = Duration::from_secs(24 * 60 * 60);

/// Records that the cache file `path` was just used, so that it is pruned last.
pub fn mark_used(path: &Path) {
    if let Ok(file) = File::options().append(true).open(path) {
        let _ = file.set_modified(SystemTime::now());
    }
}

/// Deletes the least recently used cache files of `dir` until the rest take at most `limit`
/// bytes, never `keep`, and the orphaned temporary files. Returns what it deleted.
pub fn prune(dir: &Path, keep: &Path, limit: u64, now: SystemTime) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut caches = Vec::new();
    let mut deleted = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() || path == keep {
            continue;
        }
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let used = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
        if name.starts_with(TEMP_PREFIX) {
            let orphaned = now.duration_since(used).is_ok_and(|age| age >= ORPHAN_AGE);
            if orphaned && fs::remove_file(&path).is_ok() {
                deleted.push(path);
            }
        } else if name.ends_with(EXTENSION) {
            caches.push((used, meta.len(), path));
        }
    }
    let kept_len = fs::metadata(keep).map_or(0, |m| m.len());
    let mut total = kept_len + caches.iter().map(|(_, len, _)| len).sum::<u64>();
    // Oldest first; equal times by name, so that the result does not depend on the folder order.
    caches.sort();
    for (_, len, path) in caches {
        if total <= limit {
            break;
        }
        if fs::remove_file(&path).is_ok() {
            total -= len;
            deleted.push(path);
        }
    }
    deleted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(dir: &Path, name: &str, len: usize, age_hours: u64, now: SystemTime) -> PathBuf {
        let path = dir.join(name);
        fs::write(&path, vec![0u8; len]).unwrap();
        let file = File::options().append(true).open(&path).unwrap();
        file.set_modified(now - Duration::from_secs(age_hours * 3600)).unwrap();
        path
    }

    fn names(paths: &[PathBuf]) -> Vec<String> {
        let mut names: Vec<String> =
            paths.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn the_least_recently_used_caches_go_until_the_rest_fit_and_the_new_one_stays() {
        let dir = tempfile::tempdir().unwrap();
        let now = SystemTime::now();
        let new = file(dir.path(), "new.bin", 500, 0, now);
        file(dir.path(), "week.bin", 300, 24 * 7, now);
        file(dir.path(), "hour.bin", 300, 1, now);
        file(dir.path(), "day.bin", 300, 24, now);
        file(dir.path(), "notes.txt", 5000, 24 * 30, now);
        file(dir.path(), ".tmp-killed", 5000, 48, now);
        file(dir.path(), ".tmp-writing", 5000, 0, now);

        let deleted = prune(dir.path(), &new, 900, now);
        assert_eq!(names(&deleted), [".tmp-killed", "day.bin", "week.bin"]);
        let left: Vec<PathBuf> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().path()).collect();
        assert_eq!(names(&left), [".tmp-writing", "hour.bin", "new.bin", "notes.txt"]);

        // Larger than the limit alone, the file just written is still kept.
        let deleted = prune(dir.path(), &new, 100, now);
        assert_eq!(names(&deleted), ["hour.bin"]);
        assert!(new.exists());
    }

    #[test]
    fn a_reopened_cache_counts_as_recently_used() {
        let dir = tempfile::tempdir().unwrap();
        let now = SystemTime::now();
        let new = file(dir.path(), "new.bin", 100, 0, now);
        let reopened = file(dir.path(), "reopened.bin", 100, 48, now);
        file(dir.path(), "stale.bin", 100, 24, now);
        mark_used(&reopened);
        assert_eq!(names(&prune(dir.path(), &new, 200, now + Duration::from_secs(1))), ["stale.bin"]);
        assert!(reopened.exists());
    }
}
