//! The word index changes no result: every query ranks the same with it and with the bodies
//! scanned (an index without a word index), on generated corpora.

use crate::corpus::DocParts;
use proptest::prelude::*;

use super::*;
use crate::actors::Actors;

const WORDS: &[&str] = &[
    "Erdoğan",
    "Erdogan's",
    "al-Assad",
    "Idlib",
    "l’ONU",
    "Œuvre",
    "régime",
    "Путин",
    "Пути",
    "2017",
    "G20",
    "de",
    "the",
    "rebels",
    "erde",
    "dog",
    "banana",
    "anan",
    "—",
    "e",
];

fn text(words: &[usize]) -> String {
    words_text(WORDS, words)
}

/// The words of `vocabulary` that `picks` name (modulo its length), joined by spaces: a
/// proptest's text.
pub(super) fn words_text(vocabulary: &[&str], picks: &[usize]) -> String {
    picks.iter().map(|&w| vocabulary[w % vocabulary.len()]).collect::<Vec<_>>().join(" ")
}

fn corpus() -> impl Strategy<Value = Vec<Document>> {
    let doc = (prop::collection::vec(any::<usize>(), 0..6), prop::collection::vec(any::<usize>(), 0..40));
    prop::collection::vec(doc, 1..40).prop_map(|docs| {
        docs.iter()
            .enumerate()
            .map(|(i, (title, body))| {
                Document::new(DocParts {
                    id: &i.to_string(),
                    title: &text(title),
                    body: &text(body),
                    ..DocParts::default()
                })
            })
            .collect()
    })
}

/// A term cut from a word (so that it often occurs), with an optional operator.
fn term() -> impl Strategy<Value = String> {
    (any::<usize>(), any::<prop::sample::Index>(), 1usize..6, 0usize..6).prop_map(|(w, at, len, op)| {
        let chars: Vec<char> = WORDS[w % WORDS.len()].chars().collect();
        let cut: String = chars.iter().skip(at.index(chars.len())).take(len).collect();
        ["", "'", "^", "!", "", ""][op].to_string() + &cut + if op == 5 { "$" } else { "" }
    })
}

fn query() -> impl Strategy<Value = String> {
    (prop::collection::vec(term(), 1..3), any::<bool>())
        .prop_map(|(terms, or)| terms.join(if or { " | " } else { " " }))
}

/// The index of `docs` (without actors: extracting them is what a test would wait for, and
/// bodies are what changed), and the same without the word index, scanning the bodies.
fn both(docs: &[Document]) -> (SearchIndex, SearchIndex) {
    let actors = Actors::default();
    // `Tables::build` leaves the word index unbuilt; `SearchIndex::build` builds it.
    let tables = Tables::build(docs, &mut actors.clone());
    (SearchIndex::build(docs, &actors), SearchIndex::from_tables(tables))
}

/// The index of `docs` as a library builds it: no folded copy of the bodies, body tests read
/// the documents' own.
fn on_originals(docs: &[Document]) -> SearchIndex {
    let folds = crate::actors::Folds {
        titles: docs.iter().map(|d| FoldedText::new(d.title())).collect(),
        bodies: docs.iter().map(|d| FoldedText::new(d.body()).body_mask()).collect(),
    };
    SearchIndex::build_on(Arc::new(docs.to_vec().into()), &mut Actors::default(), folds, None)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn results_are_those_of_the_scan(docs in corpus(), queries in prop::collection::vec(query(), 1..8)) {
        let (index, scan) = both(&docs);
        let mut session = Session::new();
        for text in &queries {
            let q = Query::parse(text);
            let hits = scan.search(&q, &NoReview);
            prop_assert_eq!(&index.search(&q, &NoReview), &hits, "{:?}", text);
            prop_assert_eq!(&session.search(&index, &q, &NoReview), &hits, "{:?} typed", text);
        }
    }

    /// Reading the documents' bodies, folding as it goes, the index finds, ranks and
    /// highlights what it does from folded copies, scanning or with the word index.
    #[test]
    fn reading_the_originals_changes_no_result(docs in corpus(), queries in prop::collection::vec(query(), 1..8)) {
        let (_, folded) = both(&docs);
        let originals = on_originals(&docs);
        let mut session = Session::new();
        for words in [false, true] {
            if words {
                originals.build_words();
            }
            for text in &queries {
                let q = Query::parse(text);
                let hits = folded.search(&q, &NoReview);
                originals.forget_compiled();
                prop_assert_eq!(&originals.search(&q, &NoReview), &hits, "{:?}, word index {}", text, words);
                prop_assert_eq!(&session.search(&originals, &q, &NoReview), &hits, "{:?} typed", text);
                for (i, doc) in docs.iter().enumerate() {
                    prop_assert_eq!(
                        originals.highlights(&q, i, Field::Body),
                        folded.highlights(&q, i, Field::Body),
                        "{:?} in {:?}", text, doc.body()
                    );
                }
            }
        }
    }
}

#[test]
fn plain_words_are_looked_up_and_others_scanned() {
    let docs: Vec<Document> = (0..50)
        .map(|i| {
            Document::new(DocParts {
                id: &i.to_string(),
                body: &text(&[i, i + 3, i * 7]),
                ..DocParts::default()
            })
        })
        .collect();
    let (index, scan) = both(&docs);
    for (text, indexed) in [
        ("erdogan", true),
        ("'banan", true),
        ("!rebel", true),
        ("l'onu", false),
        ("^the", false),
        ("al-assad", false),
    ] {
        let q = Query::parse(text);
        assert_eq!(index.search(&q, &NoReview), scan.search(&q, &NoReview), "{text}");
        assert_eq!(index.compiled(&q).uses_word_index(), indexed, "{text}");
    }
}
