//! Per-keystroke search cost on a synthetic 100k-document corpus.
//!
//! Titles (6–13 words) and bodies (60–120 words) are drawn deterministically from a word list
//! of French and English news vocabulary with accented names; a third of the documents mention
//! one to three actors of a 300-actor table. No files.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use dossier::actors::{ActorInfo, ActorKind, Actors, DocActor, DocActors};
use dossier::corpus::{DocParts, Document};
use dossier::search::{NoReview, Query, SearchIndex};

const DOCS: usize = 100_000;

mod support;

use support::Rng;

const WORDS: &[&str] = &[
    "Syrie",
    "Damas",
    "Alep",
    "Idleb",
    "Raqqa",
    "frontière",
    "turque",
    "armée",
    "rebelles",
    "régime",
    "offensive",
    "cessez-le-feu",
    "négociations",
    "Genève",
    "Astana",
    "réfugiés",
    "humanitaire",
    "bombardements",
    "civils",
    "Kurdes",
    "milices",
    "Moscou",
    "Ankara",
    "Washington",
    "Téhéran",
    "président",
    "ministre",
    "conférence",
    "accord",
    "sanctions",
    "the",
    "war",
    "talks",
    "forces",
    "strikes",
    "government",
    "opposition",
    "ceasefire",
    "refugees",
    "border",
    "troops",
    "withdrawal",
    "chemical",
    "attack",
    "report",
    "envoy",
    "de",
    "la",
    "le",
    "les",
    "et",
    "à",
    "des",
    "en",
    "pour",
    "sur",
    "avec",
    "après",
    "contre",
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
];

const NAMES: &[&str] = &[
    "Erdoğan",
    "Poutine",
    "Assad",
    "Lavrov",
    "Kerry",
    "Obama",
    "Trump",
    "Rohani",
    "Nasrallah",
    "Baghdadi",
    "Mistura",
    "Fabius",
    "Hollande",
    "Macron",
    "Le Drian",
    "Tillerson",
];

fn corpus() -> (Vec<Document>, Actors) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut table: Vec<ActorInfo> = NAMES
        .iter()
        .map(|n| ActorInfo {
            name: n.to_string(),
            kind: ActorKind::Person,
            aliases: vec![n.to_string()],
            discovered: false,
        })
        .collect();
    while table.len() < 300 {
        let name = format!("{} {}", WORDS[rng.below(30)], NAMES[rng.below(NAMES.len())]);
        table.push(ActorInfo {
            aliases: vec![name.clone()],
            name,
            kind: ActorKind::Organisation,
            discovered: true,
        });
    }
    let mut docs = Vec::with_capacity(DOCS);
    let mut per_doc = Vec::with_capacity(DOCS);
    for i in 0..DOCS {
        let title_len = 6 + rng.below(8);
        let body_len = 60 + rng.below(61);
        docs.push(Document::new(DocParts {
            id: &format!("doc{i}"),
            title: &rng.words(title_len, 12, WORDS, NAMES),
            date: Some(&format!("{}-{:02}", 2011 + rng.below(10), 1 + rng.below(12))),
            source: None,
            body: &rng.words(body_len, 25, WORDS, NAMES),
            actors: Default::default(),
        }));
        let mut actors = Vec::new();
        if rng.below(3) == 0 {
            for _ in 0..1 + rng.below(3) {
                actors.push(DocActor {
                    actor: rng.below(table.len()) as u32,
                    mentions: 1 + rng.below(10) as u32,
                });
            }
        }
        per_doc.push(DocActors { actors: actors.into(), mentions: Box::default() });
    }
    (docs, Actors { table, per_doc: per_doc.into_iter().collect() })
}

/// The cost of one Skim call on a typical folded title, for scale.
fn skim(c: &mut Criterion) {
    use fuzzy_matcher::FuzzyMatcher;
    let m = fuzzy_matcher::skim::SkimMatcherV2::default().respect_case();
    let title =
        dossier::text::fold("La Turquie avance vers le nord de la Syrie malgré les avertissements de Moscou");
    let mut g = c.benchmark_group("skim_one_title");
    for p in ["e", "er", "erdogan"] {
        g.bench_function(format!("shared_matcher/{p}"), |b| {
            b.iter(|| m.fuzzy_indices(black_box(&title), black_box(p)))
        });
        g.bench_function(format!("fresh_matcher/{p}"), |b| {
            b.iter(|| {
                fuzzy_matcher::skim::SkimMatcherV2::default()
                    .respect_case()
                    .fuzzy_indices(black_box(&title), black_box(p))
            })
        });
    }
    g.finish();
}

fn bench(c: &mut Criterion) {
    let (docs, actors) = corpus();
    let started = Instant::now();
    let index = SearchIndex::build(&docs, &actors);
    eprintln!("build: {DOCS} docs in {:?}", started.elapsed());

    let mut typing = c.benchmark_group("typing");
    for n in 1..="erdogan".len() {
        let q = Query::parse(&"erdogan"[..n]);
        typing.bench_function(&"erdogan"[..n], |b| b.iter(|| black_box(index.search(&q, &NoReview)).len()));
    }
    typing.finish();

    let mut other = c.benchmark_group("other");
    for q in ["'frontiere", "negociations", "@erdogan", "syrie damas !kurdes", "date:2015"] {
        let query = Query::parse(q);
        other.bench_function(q, |b| b.iter(|| black_box(index.search(&query, &NoReview)).len()));
    }
    other.finish();
}

/// Folding a 2 KB body, as every document's title and body are folded once per open.
fn fold(c: &mut Criterion) {
    let english = "Rebel shelling kills four civilians in Damascus, the Britain-based Syrian Observatory \
                   for Human Rights said on Sunday. A doctor confirmed the death toll. "
        .repeat(14);
    let french = "Le président turc Recep Tayyip Erdoğan a réaffirmé mercredi que l’offensive \
                  à Idleb se poursuivrait, malgré les critiques de l’ONU et du Kremlin. "
        .repeat(13);
    let mut g = c.benchmark_group("fold");
    for (name, text) in [("english_2k", &english), ("french_2k", &french)] {
        g.bench_function(name, |b| b.iter(|| dossier::search::FoldedText::new(black_box(text)).mask));
    }
    g.finish();
}

criterion_group!(benches, skim, bench, fold);
criterion_main!(benches);
