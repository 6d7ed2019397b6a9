//! Any bytes decode to text (or a reason), and the text never holds a CR or a BOM.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = dossier::corpus::decode(data.to_vec()) {
        assert!(!text.contains('\r'), "CR left in {text:?}");
        assert!(!text.trim().is_empty());
    }
});
