//! Where review state lives by default, how a corpus is named, stable hashing and UTC formatting.
//!
//! Hashes here end up in files that must mean the same thing next year, so they are FNV-1a 64
//! written out by hand: std's `DefaultHasher` may change between Rust releases.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::corpus::Document;

/// The corpus key of the sample corpus embedded in the binary.
pub const SEEDS_KEY: &str = "seeds";

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a, 64 bits: stable across platforms and Rust versions.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    fnv1a64_continue(FNV_OFFSET, bytes)
}

fn fnv1a64_continue(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(FNV_PRIME);
    }
    hash
}

/// The content hash stored with a document's review: FNV-1a 64 of title, a NUL, and body, as 16
/// lowercase hex digits. The NUL keeps ("ab", "c") and ("a", "bc") apart.
pub fn content_hash(doc: &Document) -> String {
    content_hash_hex(content_hash64(doc.title(), doc.body()))
}

/// [`content_hash`] as a number, for keeping one per document without a string each.
pub fn content_hash64(title: &str, body: &str) -> u64 {
    let hash = fnv1a64_continue(fnv1a64(title.as_bytes()), b"\0");
    fnv1a64_continue(hash, body.as_bytes())
}

/// A [`content_hash64`] as stored in review files.
pub fn content_hash_hex(hash: u64) -> String {
    format!("{hash:016x}")
}

/// Names a corpus by its inputs: the sorted, de-duplicated, canonicalised paths, hashed. A readable
/// prefix (the first path's last component) helps someone browsing the reviews folder. No paths
/// means the embedded sample corpus: [`SEEDS_KEY`].
pub fn corpus_key(paths: &[PathBuf]) -> String {
    if paths.is_empty() {
        return SEEDS_KEY.to_string();
    }
    // A path that cannot be canonicalised (gone, unreadable) still names the corpus as given.
    let mut canon: Vec<PathBuf> =
        paths.iter().map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())).collect();
    canon.sort();
    canon.dedup();
    let mut hash = FNV_OFFSET;
    for p in &canon {
        hash = fnv1a64_continue(hash, p.as_os_str().as_encoded_bytes());
        hash = fnv1a64_continue(hash, b"\0");
    }
    let stem: String = canon[0]
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .take(32)
        .collect();
    if stem.is_empty() { format!("{hash:016x}") } else { format!("{stem}-{hash:016x}") }
}

/// `$XDG_DATA_HOME/dossier/reviews/KEY.json`, else `$HOME/.local/share/dossier/reviews/KEY.json`.
/// `None` when neither variable gives an absolute path: there is then no sensible place, and the
/// caller should ask for `--review FILE` rather than have us guess (a guess in a temp dir would
/// lose the analyst's work on reboot).
pub fn default_state_path(corpus_key: &str) -> Option<PathBuf> {
    default_state_path_from(std::env::var_os("XDG_DATA_HOME"), std::env::var_os("HOME"), corpus_key)
}

/// [`default_state_path`] with the environment passed in (testable without touching the process
/// environment).
pub fn default_state_path_from(
    xdg_data_home: Option<OsString>,
    home: Option<OsString>,
    corpus_key: &str,
) -> Option<PathBuf> {
    // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
    let absolute = |v: Option<OsString>| v.map(PathBuf::from).filter(|p| p.is_absolute());
    let data = absolute(xdg_data_home).or_else(|| absolute(home).map(|h| h.join(".local").join("share")))?;
    Some(data.join("dossier").join("reviews").join(format!("{corpus_key}.json")))
}

/// Milliseconds since the Unix epoch (0 if the clock is before it).
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

/// UTC civil time of a Unix time in milliseconds: (year, month, day, hour, minute, second).
fn utc(ms: u64) -> (i64, u32, u32, u32, u32, u32) {
    let secs = (ms / 1000) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    let rem = rem as u32;
    (year, month, day, rem / 3600, rem / 60 % 60, rem % 60)
}

/// `2024-06-01T12:34:56Z`.
pub fn iso_utc(ms: u64) -> String {
    let (y, mo, d, h, mi, s) = utc(ms);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// `20240601-123456`, for file names.
pub fn compact_utc(ms: u64) -> String {
    let (y, mo, d, h, mi, s) = utc(ms);
    format!("{y:04}{mo:02}{d:02}-{h:02}{mi:02}{s:02}")
}

/// A sibling of `path` with `suffix` appended to its file name (`a.json` → `a.json.lock`).
pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().map(OsString::from).unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::DocParts;

    #[test]
    fn fnv_matches_reference_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn content_hash_separates_title_from_body() {
        let a = Document::new(DocParts { title: "ab", body: "c", ..DocParts::default() });
        let b = Document::new(DocParts { title: "a", body: "bc", ..DocParts::default() });
        assert_ne!(content_hash(&a), content_hash(&b));
        assert_eq!(content_hash(&a).len(), 16);
    }

    #[test]
    fn utc_formatting() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_utc(951_782_400_000), "2000-02-29T00:00:00Z");
        assert_eq!(compact_utc(1_718_022_896_789), "20240610-123456");
    }

    #[test]
    fn default_path_prefers_xdg_then_home() {
        let p = default_state_path_from(Some("/x".into()), Some("/h".into()), "k");
        assert_eq!(p, Some(PathBuf::from("/x/dossier/reviews/k.json")));
        let p = default_state_path_from(Some("rel".into()), Some("/h".into()), "k");
        assert_eq!(p, Some(PathBuf::from("/h/.local/share/dossier/reviews/k.json")));
        assert_eq!(default_state_path_from(None, Some("".into()), "k"), None);
    }

    #[test]
    fn corpus_key_is_order_independent() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = dir.path().join("news a");
        let b = dir.path().join("b");
        std::fs::create_dir(&a).expect("mkdir");
        std::fs::create_dir(&b).expect("mkdir");
        let k1 = corpus_key(&[a.clone(), b.clone()]);
        let k2 = corpus_key(&[b.clone(), a.clone(), a.join(".")]);
        assert_eq!(k1, k2);
        assert_ne!(k1, corpus_key(&[a]));
        assert_eq!(corpus_key(&[]), SEEDS_KEY);
        assert!(k1.chars().all(|c| c.is_ascii_alphanumeric() || "-_".contains(c)));
    }
}
