//! Sizes: a 10 MB single-line document and a 100 MB file, timed in release. Ignored by default
//! (they measure, and need an optimised build):
//! `cargo test --release --test hostile_perf -- --ignored --nocapture`.

mod common;
mod hostile_fixture;

use std::time::{Duration, Instant};

use common::*;
use dossier::app::{Action, ArticleLayout, Model};
use dossier::corpus::load_paths;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let out = f();
    let elapsed = started.elapsed();
    eprintln!("{what}: {elapsed:?}");
    (out, elapsed)
}

fn frame(model: &Model, terminal: &mut Terminal<TestBackend>) -> Duration {
    let started = Instant::now();
    terminal.draw(|f| dossier::ui::draw(model, f)).unwrap();
    started.elapsed()
}

#[test]
#[ignore = "measures; run in release"]
fn a_10_mb_single_line_document() {
    let dir = tempfile::tempdir().unwrap();
    let line = "Alep est assiégée depuis des mois, dit Bachar al-Assad à Moscou. ";
    let body = line.repeat(10_000_000 / line.len());
    let path = dir.path().join("ten.txt");
    std::fs::write(&path, format!("Dix mégaoctets\n\n{body}")).unwrap();
    let (loaded, _) = timed("load 10 MB", || load_paths(std::slice::from_ref(&path)).unwrap());
    let (library, _) = timed("library (actors, discovery, index)", || library_of(loaded.docs));
    let (mut model, _) =
        timed("model (selects it: wraps the whole body)", || model(library.clone(), 160, 50));
    eprintln!("article lines: {}", model.article.lines.len());
    let mut terminal = Terminal::new(TestBackend::new(160, 50)).unwrap();
    eprintln!("first frame: {:?}", frame(&model, &mut terminal));
    model.update(Action::ToggleFocus);
    let (_, scroll) = timed("1,000 ScrollPageDown", || {
        for _ in 0..1_000 {
            model.update(Action::ScrollPageDown);
        }
    });
    eprintln!("frame scrolled to line {}: {:?}", model.article_scroll, frame(&model, &mut terminal));
    timed("ScrollBottom", || model.update(Action::ScrollBottom));
    eprintln!("frame at the end: {:?}", frame(&model, &mut terminal));
    timed("resize (re-wraps the body)", || model.update(Action::Resize(120, 40)));
    timed("wrap alone at 100 columns", || ArticleLayout::build(&library, Some(0), 100));
    let mut filtered = model;
    timed("filter 'assad' (search + highlights)", || type_filter(&mut filtered, "assad"));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    eprintln!("frame with query highlights: {:?}", frame(&filtered, &mut terminal));
    assert!(scroll < Duration::from_secs(1));
}

#[test]
#[ignore = "measures; run in release"]
fn a_100_mb_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hundred.jsonl");
    let record = |i: usize| {
        format!(
            "{{\"id\": \"{i}\", \"title\": \"Dépêche {i}\", \"body\": \"{}\"}}\n",
            "Texte de la dépêche sur Idlib et Alep. ".repeat(25)
        )
    };
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 100_000_000 {
        text.push_str(&record(i));
        i += 1;
    }
    std::fs::write(&path, &text).unwrap();
    let (loaded, _) = timed("load 100 MB jsonl", || load_paths(std::slice::from_ref(&path)).unwrap());
    eprintln!("records: {}", loaded.docs.len());
    let (library, _) = timed("library", || library_of(loaded.docs));
    let (model, _) = timed("model", || model(library, 160, 50));
    let mut terminal = Terminal::new(TestBackend::new(160, 50)).unwrap();
    eprintln!("first frame: {:?}", frame(&model, &mut terminal));
}

#[test]
#[ignore = "measures; run in release"]
fn key_storm_timing() {
    let hostile = hostile_fixture::build();
    let loaded = load_paths(&[hostile.root().to_path_buf()]).unwrap();
    let mut model = Model::new(library_of(loaded.docs), "x", (100, 30));
    model.update(Action::EditFilter);
    timed("4,000 FilterInsert", || {
        for i in 0..4_000 {
            model.update(Action::FilterInsert(['a', 'l', 'e', 'p', ' ', 'é', '日', 'x'][i % 8]));
        }
    });
    timed("4,000 FilterBackspace", || {
        for _ in 0..4_000 {
            model.update(Action::FilterBackspace);
        }
    });
}
