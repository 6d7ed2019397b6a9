//! On FA-KES (804 English articles on the Syrian war), `@actor` for the war's main actors
//! against a grep-style ground truth: documents whose folded text has one of the actor's
//! spellings as a whole word (a trailing `s` allowed: the corpus lost its apostrophes).
//! Precision and recall must both stay near 1; the figures are printed for the README
//! (`cargo test --release --test actors_fakes -- --nocapture`).

use std::collections::BTreeSet;
use std::path::PathBuf;

use dossier::actors::Gazetteer;
use dossier::corpus;
use dossier::library::Library;
use dossier::search::{NoReview, Query};
use dossier::text::fold;

const ACTORS: &[(&str, &[&str])] = &[
    ("@assad", &["assad", "al-assad", "al assad", "el-assad"]),
    ("@putin", &["putin"]),
    ("@erdogan", &["erdogan"]),
    ("@lavrov", &["lavrov"]),
    ("@kerry", &["kerry"]),
    ("@obama", &["obama"]),
    ("@trump", &["trump"]),
    ("@mistura", &["de mistura"]),
    ("@nasrallah", &["nasrallah"]),
    ("@baghdadi", &["baghdadi"]),
    ("@hezbollah", &["hezbollah", "hizbollah", "hizballah"]),
    ("@nusra", &["nusra", "al-nusra"]),
    ("@ypg", &["ypg"]),
    (
        "@opcw",
        &[
            "opcw",
            "organisation for the prohibition of chemical weapons",
            "organization for the prohibition of chemical weapons",
        ],
    ),
];

fn has_word(text: &str, word: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric();
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let rest = &text[at + word.len()..];
        let rest = rest.strip_prefix('s').unwrap_or(rest);
        !before.is_some_and(is_word) && !rest.chars().next().is_some_and(is_word)
    })
}

#[test]
fn main_actors_are_found_with_precision_and_recall_near_one() {
    let csv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/fa-kes/FA-KES-Dataset.csv");
    let loaded = corpus::load_paths(&[csv]).expect("FA-KES is beside the repository");
    let library = Library::build(loaded.docs, &Gazetteer::builtin());
    let folded: Vec<String> =
        library.docs.iter().map(|d| fold(&format!("{}\n{}", d.title(), d.body()))).collect();
    let mut worst = (1.0f64, 1.0f64);
    println!("| query | grep | found | precision | recall |\n|---|---|---|---|---|");
    for (query, spellings) in ACTORS {
        let truth: BTreeSet<u32> = (0..folded.len() as u32)
            .filter(|&d| spellings.iter().any(|s| has_word(&folded[d as usize], s)))
            .collect();
        let found: BTreeSet<u32> =
            library.index.search(&Query::parse(query), &NoReview).iter().map(|h| h.doc).collect();
        let hits = truth.intersection(&found).count() as f64;
        let precision = if found.is_empty() { 1.0 } else { hits / found.len() as f64 };
        let recall = if truth.is_empty() { 1.0 } else { hits / truth.len() as f64 };
        println!("| `{query}` | {} | {} | {precision:.3} | {recall:.3} |", truth.len(), found.len());
        for d in found.difference(&truth).take(2) {
            println!("    extra: {}", library.docs[*d as usize].title());
        }
        for d in truth.difference(&found).take(2) {
            println!("    missed: {}", library.docs[*d as usize].title());
        }
        worst = (worst.0.min(precision), worst.1.min(recall));
    }
    println!("worst precision {:.3}, worst recall {:.3}", worst.0, worst.1);
    assert!(worst.0 >= 0.9 && worst.1 >= 0.9, "precision {:.3} recall {:.3}", worst.0, worst.1);
}
