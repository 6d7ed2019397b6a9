//! The sample corpus compiled into the binary, so dossier has something to show anywhere.

use std::path::Path;

use super::{Format, Loaded, Origin, Progress, load_bytes};

/// The files of `seeds/` (name, bytes), in name order.
const SEEDS: [(&str, &[u8]); 4] = [
    ("000_5edd1c4a57e3931c.txt", include_bytes!("../../seeds/000_5edd1c4a57e3931c.txt")),
    ("001_c891fb14bf1fbf37.txt", include_bytes!("../../seeds/001_c891fb14bf1fbf37.txt")),
    ("002_e46762ff3b1f6b54.txt", include_bytes!("../../seeds/002_e46762ff3b1f6b54.txt")),
    ("003_049172af67560df8.txt", include_bytes!("../../seeds/003_049172af67560df8.txt")),
];

/// Parses the embedded seeds through the same path as text files; ids are the file stems.
pub fn embedded_seeds() -> Loaded {
    let mut out = Loaded::default();
    let progress = Progress::default();
    for (name, bytes) in SEEDS {
        let path = Path::new("seeds").join(name);
        let stem = name.trim_end_matches(".txt");
        let origin = Origin::new(&path, stem, name, &progress);
        out.append(load_bytes(bytes, Format::Text, &origin, &mut |_| {}));
    }
    out
}
