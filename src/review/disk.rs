//! File-system steps of a save: reading with an identity stamp, the advisory lock, writing a
//! temporary file and renaming it into place, setting a corrupt file aside. Each step leaves the
//! state file either untouched or completely replaced.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use super::ReviewError;
use super::paths::{compact_utc, sibling};

/// How long a save waits for another dossier's save to finish (they take milliseconds).
const LOCK_TRIES: u32 = 200;
const LOCK_PAUSE: Duration = Duration::from_millis(10);

/// What identifies one version of the file: a rename always brings a new inode, a rewrite in
/// place changes the length or the mtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

impl Stamp {
    fn of(meta: &fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        Stamp { len: meta.len(), modified: meta.modified().ok(), inode }
    }
}

/// The file's bytes and the stamp of that very version.
pub(crate) struct Disk {
    pub bytes: Vec<u8>,
    pub stamp: Stamp,
}

/// Reads the file; `None` if there is none.
pub(crate) fn read(path: &Path) -> Result<Option<Disk>, ReviewError> {
    let err = |source| ReviewError::Read { path: path.to_path_buf(), source };
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(err(e)),
    };
    let meta = file.metadata().map_err(err)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.read_to_end(&mut bytes).map_err(err)?;
    Ok(Some(Disk { bytes, stamp: Stamp::of(&meta) }))
}

/// The stamp of the file now; `None` if there is none.
pub(crate) fn stamp(path: &Path) -> Result<Option<Stamp>, ReviewError> {
    match fs::metadata(path) {
        Ok(meta) => Ok(Some(Stamp::of(&meta))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(ReviewError::Read { path: path.to_path_buf(), source }),
    }
}

/// Takes the advisory lock of `path` (on `path.lock`), waiting a little for another save. The
/// lock lasts as long as the returned file is open. `None` where the file system has no locks.
pub(crate) fn lock(path: &Path) -> Result<Option<File>, ReviewError> {
    let lock = sibling(path, ".lock");
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock)
        .map_err(|source| ReviewError::Write { path: lock.clone(), source })?;
    for _ in 0..LOCK_TRIES {
        match file.try_lock() {
            Ok(()) => return Ok(Some(file)),
            Err(TryLockError::WouldBlock) => std::thread::sleep(LOCK_PAUSE),
            Err(TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                return Ok(None);
            }
            Err(TryLockError::Error(source)) => {
                return Err(ReviewError::Write { path: lock, source });
            }
        }
    }
    Err(ReviewError::Locked { path: path.to_path_buf(), lock })
}

/// A fully written, fsynced temporary file, removed on drop unless renamed into place.
pub(crate) struct TempFile {
    path: PathBuf,
    keep: bool,
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.keep {
            let _ = fs::remove_file(&self.path);
        }
    }
}

impl TempFile {
    /// Writes `bytes` next to `target`, with `target`'s permissions if it exists.
    pub fn write(target: &Path, bytes: &[u8]) -> io::Result<TempFile> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let mut name = OsString::from(".");
        name.push(target.file_name().unwrap_or_default());
        name.push(format!(".{}.{n}.tmp", std::process::id()));
        let temp = TempFile { path: target.with_file_name(name), keep: false };
        let mut file = OpenOptions::new().write(true).create_new(true).open(&temp.path)?;
        if let Ok(meta) = fs::metadata(target) {
            file.set_permissions(meta.permissions())?;
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        Ok(temp)
    }

    /// Renames the file over `target` and makes the rename durable.
    pub fn persist(mut self, target: &Path) -> io::Result<()> {
        fs::rename(&self.path, target)?;
        self.keep = true;
        sync_dir(target)
    }
}

/// Fsyncs the folder holding `path`, so that a rename in it survives a crash.
pub(crate) fn sync_dir(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(parent(path))?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}

/// The folder of `path` (`.` for a bare file name).
pub(crate) fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Where a corrupt `path` is kept if set aside at `now` (ms).
pub(crate) fn aside_path(path: &Path, now: u64) -> PathBuf {
    sibling(path, &format!(".corrupt-{}", compact_utc(now)))
}

/// Moves `path` to `aside`, or to `aside-2`, `aside-3`... if taken: never over an existing file.
/// Returns where it went.
pub(crate) fn set_aside(path: &Path, aside: &Path) -> Result<PathBuf, ReviewError> {
    let err = |source| ReviewError::Write { path: path.to_path_buf(), source };
    for n in 1..1000 {
        let target = if n == 1 { aside.to_path_buf() } else { sibling(aside, &format!("-{n}")) };
        // A hard link fails if the target exists, which a rename would silently replace.
        match fs::hard_link(path, &target) {
            Ok(()) => {
                fs::remove_file(path).map_err(err)?;
                sync_dir(path).map_err(err)?;
                return Ok(target);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(_) if !target.exists() => {
                // No hard links here (some network or FAT file systems): check, then rename.
                fs::rename(path, &target).map_err(err)?;
                sync_dir(path).map_err(err)?;
                return Ok(target);
            }
            Err(_) => continue,
        }
    }
    Err(err(io::Error::new(io::ErrorKind::AlreadyExists, "no free name to set the file aside")))
}
