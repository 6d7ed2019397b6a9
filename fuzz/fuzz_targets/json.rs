//! Any bytes through the Json loader: no panic, and every document and warning is well formed.
#![no_main]

use dossier::corpus::{Format, parse_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let loaded = parse_bytes(data.to_vec(), Format::Json, "feed.json");
    for doc in &loaded.docs {
        assert!(!doc.title.trim().is_empty() || !doc.body.trim().is_empty(), "{doc:?}");
    }
    for warning in &loaded.warnings {
        let shown = warning.to_string();
        assert!(!shown.chars().any(char::is_control), "{shown:?}");
    }
});
