//! Any text through the display-width layout: wrapped lines are char-boundary ranges that fit
//! the width (unless one grapheme alone is wider), truncation fits, sanitising removes controls.
#![no_main]

use dossier::text::{sanitize, truncate, width, wrap};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&w, rest)) = data.split_first() else { return };
    let Ok(s) = std::str::from_utf8(rest) else { return };
    let w = usize::from(w % 64);
    let clean = sanitize(s);
    assert!(!clean.chars().any(|c| c.is_control() && c != '\n'), "{clean:?}");
    let cut = truncate(s, w);
    assert!(width(&cut) <= w, "{cut:?} wider than {w}");
    let mut last = 0;
    for range in wrap(s, w) {
        let line = s.get(range.clone()).expect("wrapped lines are on char boundaries");
        assert!(range.start >= last, "lines go forward");
        last = range.end;
        let single = unicode_segmentation::UnicodeSegmentation::graphemes(line, true).count() <= 1;
        assert!(width(line) <= w.max(1) || single, "{line:?} wider than {w}");
    }
});
