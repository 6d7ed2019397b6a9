//! The real corpora: the four seed articles (metadata heuristics) and FA-KES (CSV at scale).

use std::path::PathBuf;

use dossier::corpus::{Document, embedded_seeds, load_paths};
use dossier::text::width;

fn manifest_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn find<'a>(docs: &'a [Document], id: &str) -> &'a Document {
    docs.iter().find(|d| d.id() == id).unwrap_or_else(|| panic!("no document {id}"))
}

fn assert_seed_metadata(docs: &[Document]) {
    let ids: Vec<&str> = docs.iter().map(|d| d.id()).collect();
    assert_eq!(
        ids,
        ["000_5edd1c4a57e3931c", "001_c891fb14bf1fbf37", "002_e46762ff3b1f6b54", "003_049172af67560df8"]
    );

    let one_line = find(docs, "000_5edd1c4a57e3931c");
    assert_eq!(
        one_line.title(),
        "Le président turc, Erdogan, est contre l'action militaire de Damas dans le gouvernorat d'Idlib."
    );
    assert!(one_line.body().starts_with(one_line.title()), "the body keeps the first sentence");
    assert_eq!((one_line.date(), one_line.source()), (None, None));

    let sputnik = find(docs, "001_c891fb14bf1fbf37");
    assert_eq!(
        sputnik.title(),
        "Idlib: le Kremlin juge la Russie et la Turquie «capables de minimiser» le risque de confrontation"
    );
    assert_eq!(sputnik.source(), Some("Sputnik"));
    assert!(sputnik.body().starts_with("Moscou espère"));
    assert!(!sputnik.body().lines().any(|l| l.trim() == "Sputnik"));
    assert!(!sputnik.body().contains("le Kremlin juge la Russie et la Turquie"));

    let caption = find(docs, "002_e46762ff3b1f6b54");
    assert_eq!(
        caption.title(),
        "La Russie déclare se tenir aux côtés du gouvernement syrien contre le terrorisme à Idlib"
    );
    assert_eq!(caption.source(), None, "a photo caption is not an outlet");
    assert!(caption.body().starts_with("Les forces armées et les conseillers russes"));
    assert!(caption.body().contains("\nArmée syrienne. Photo Spoutnik. |\n"));

    let dated = find(docs, "003_049172af67560df8");
    assert_eq!(dated.date(), Some("2019-02"));
    assert!(dated.title().starts_with("Tout en soulignant que la présence des terroristes"));
    assert!(dated.title().ends_with('…') && width(dated.title()) <= 100);
    assert!(dated.body().starts_with("Tout en soulignant"));
    assert!(!dated.body().contains("date 2019-02"));
}

#[test]
fn embedded_seeds_read_their_metadata() {
    let loaded = embedded_seeds();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_seed_metadata(&loaded.docs);
}

#[test]
fn the_seeds_folder_loads_like_the_embedded_seeds() {
    let loaded = load_paths(&[manifest_path("seeds")]).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_seed_metadata(&loaded.docs);
    assert_eq!(loaded.docs, embedded_seeds().docs);
}

#[test]
fn fa_kes_loads_all_804_articles() {
    let path = manifest_path("../shared/corpora/fa-kes/FA-KES-Dataset.csv");
    assert!(path.exists(), "FA-KES is expected at {}", path.display());
    let started = std::time::Instant::now();
    let loaded = load_paths(&[path]).unwrap();
    eprintln!("FA-KES loaded in {:?}", started.elapsed());
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.docs.len(), 804);

    let first = &loaded.docs[0];
    assert_eq!(first.id(), "1914947530");
    assert_eq!(first.title(), "Syria attack symptoms consistent with nerve agent use WHO");
    assert_eq!(first.date(), Some("2017-04-05"));
    assert_eq!(first.source(), Some("nna"));
    assert!(first.body().starts_with("Wed 05 Apr 2017 Syria attack symptoms"));
    assert_eq!(first.body().chars().count(), 2287);

    let last = loaded.docs.last().unwrap();
    assert_eq!(last.id(), "1965511231");
    assert_eq!(last.date(), Some("2017-04-04"));
    assert!(loaded.docs.iter().all(|d| !d.title().is_empty() && !d.body().is_empty()));
}
