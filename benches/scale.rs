//! The scale benches at 10k and 100k synthetic documents: load (JSON Lines from a
//! temporary file), index (actors + search index), per-keystroke filter (full search and a
//! narrowing `Session`), body search (each query compiled anew, as a keystroke's is: compiling
//! reads the bodies' word index), and one frame render over `TestBackend`.
//!
//! `cargo bench --bench scale`; `cargo test` only builds it (`cargo bench --bench scale -- --test`
//! runs each once). Real-corpus numbers against fzf are in docs/performance.md.

use std::hint::black_box;
use std::io::Write;
use std::sync::Arc;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use dossier::actors::Gazetteer;
use dossier::app::Model;
use dossier::corpus::{self, ActorNames, DocParts, Document};
use dossier::library::{Discovery, Library};
use dossier::search::{NoReview, Query, Session};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod support;

use support::Rng;

const WORDS: &[&str] = &[
    "Syria",
    "Damascus",
    "Aleppo",
    "Idlib",
    "Raqqa",
    "border",
    "Turkish",
    "army",
    "rebels",
    "regime",
    "offensive",
    "ceasefire",
    "talks",
    "Geneva",
    "Astana",
    "refugees",
    "humanitarian",
    "strikes",
    "civilians",
    "Kurds",
    "militias",
    "Moscow",
    "Ankara",
    "Washington",
    "Tehran",
    "president",
    "minister",
    "conference",
    "agreement",
    "sanctions",
    "the",
    "war",
    "forces",
    "government",
    "opposition",
    "troops",
    "withdrawal",
    "chemical",
    "attack",
    "report",
    "envoy",
    "of",
    "in",
    "and",
    "on",
    "with",
    "after",
    "against",
    "over",
    "says",
    "new",
    "city",
    "frontière",
    "régime",
    "négociations",
];
const NAMES: &[&str] =
    &["Erdoğan", "Putin", "Bashar al-Assad", "Lavrov", "Kerry", "Obama", "Trump", "Rouhani", "Nasrallah"];

fn docs(n: usize) -> Vec<Document> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    (0..n)
        .map(|i| {
            let (t, b) = (6 + rng.below(8), 60 + rng.below(120));
            Document::new(DocParts {
                id: &i.to_string(),
                title: &rng.words(t, 12, WORDS, NAMES),
                date: Some(&format!("{}-{:02}", 2011 + rng.below(10), 1 + rng.below(12))),
                body: &rng.words(b, 25, WORDS, NAMES),
                actors: (0..rng.below(3))
                    .map(|_| NAMES[rng.below(NAMES.len())])
                    .collect::<ActorNames>()
                    .as_list(),
                ..DocParts::default()
            })
        })
        .collect()
}

fn jsonl(docs: &[Document]) -> tempfile::TempPath {
    let mut file = tempfile::Builder::new().suffix(".jsonl").tempfile().expect("temp file");
    for d in docs {
        serde_json::to_writer(&mut file, d).expect("write");
        file.write_all(b"\n").expect("write");
    }
    file.into_temp_path()
}

fn scale(c: &mut Criterion) {
    let gazetteer = Gazetteer::builtin();
    for n in [10_000, 100_000] {
        let corpus = docs(n);
        let path = jsonl(&corpus);
        let mut g = c.benchmark_group(format!("scale_{n}"));
        g.sample_size(10);
        g.bench_function("load_jsonl", |b| {
            b.iter(|| corpus::load_paths(&[path.to_path_buf()]).expect("load").docs.len())
        });
        g.bench_function("index", |b| {
            b.iter(|| Library::open(corpus.clone(), &gazetteer, Discovery::Off).len())
        });
        let library = Arc::new(Library::open(corpus, &gazetteer, Discovery::Off));
        for n_keys in 1..="erdogan".len() {
            let q = Query::parse(&"erdogan"[..n_keys]);
            g.bench_with_input(BenchmarkId::new("keystroke_full", &"erdogan"[..n_keys]), &q, |b, q| {
                b.iter(|| {
                    // A new keystroke's query is compiled anew (that reads the word index).
                    library.index.forget_compiled();
                    library.index.search(q, &NoReview).len()
                })
            });
            // The session has seen the previous keystroke: the cost of this one key.
            let prev = Query::parse(&"erdogan"[..n_keys - 1]);
            g.bench_with_input(BenchmarkId::new("keystroke_session", &"erdogan"[..n_keys]), &q, |b, q| {
                b.iter_batched(
                    || {
                        let mut s = Session::new();
                        s.search(&library.index, &prev, &NoReview);
                        // `e` after the empty query would reuse the last iteration's compiled `e`.
                        library.index.forget_compiled();
                        s
                    },
                    |mut s| s.search(&library.index, q, &NoReview).len(),
                    criterion::BatchSize::LargeInput,
                )
            });
            // What the screen draws first: the exact first page (35 rows).
            let never = std::sync::atomic::AtomicBool::new(false);
            g.bench_with_input(BenchmarkId::new("keystroke_first_page", &"erdogan"[..n_keys]), &q, |b, q| {
                b.iter_batched(
                    || {
                        let mut s = Session::new();
                        s.search(&library.index, &prev, &NoReview);
                        s
                    },
                    |mut s| s.first_page(&library.index, q, &NoReview, 35, &never).map(|p| p.len()),
                    criterion::BatchSize::LargeInput,
                )
            });
        }
        // A word found mostly in bodies, as a substring (`'`) and as a plain (fuzzy) term.
        for (name, text) in [("body_term", "'withdrawal"), ("body_word", "withdrawal")] {
            let q = Query::parse(text);
            g.bench_function(name, |b| {
                b.iter(|| {
                    library.index.forget_compiled();
                    library.index.search(&q, &NoReview).len()
                })
            });
        }
        let model = Model::new(Arc::clone(&library), "bench", (120, 35));
        let mut terminal = Terminal::new(TestBackend::new(120, 35)).expect("backend");
        g.bench_function("frame_render", |b| {
            b.iter(|| {
                terminal.draw(|frame| dossier::ui::draw(black_box(&model), frame)).expect("draw");
            })
        });
        g.finish();
    }
}

criterion_group!(benches, scale);
criterion_main!(benches);
