//! How long the gazetteer's automaton takes to build, as a DFA and as an NFA (the figures
//! `actors::extract::DFA_FROM` is set from): `cargo run --release --example ac_build`.

use dossier::actors::{Extractor, Gazetteer};
use std::time::Instant;

fn main() {
    let gazetteer = Gazetteer::builtin();
    for (kind, text_bytes) in [("DFA", usize::MAX), ("NFA", 0)] {
        for _ in 0..3 {
            let started = Instant::now();
            let extractor = Extractor::for_text_of(&gazetteer.entries, &gazetteer.rules, text_bytes);
            assert!(!extractor.is_empty());
            eprintln!("{kind}: built in {:.1} ms", started.elapsed().as_secs_f64() * 1e3);
        }
    }
}
