//! Fixture files written by the tests into temporary folders.

use std::fs;
use std::path::{Path, PathBuf};

use dossier::corpus::{Loaded, load_paths};

/// Writes `bytes` to `dir/name`, creating folders on the way.
pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
    fs::write(&path, bytes).expect("write fixture");
    path
}

/// Loads one file or folder.
pub fn load(path: &Path) -> Loaded {
    load_paths(&[path.to_path_buf()]).expect("path exists")
}
