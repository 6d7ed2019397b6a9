//! The search as the screen and `--filter` use it, on a small hand-made corpus.

use std::collections::HashSet;

use dossier::actors::{ActorInfo, ActorKind, Actors, DocActor, DocActors, Field, Mention};
use dossier::corpus::{DocParts, Document};
use dossier::search::{Hit, NoReview, Query, ReviewLookup, SearchIndex};
use proptest::prelude::*;

const ERDOGAN: u32 = 0;
const PUTIN: u32 = 1;
const ASSAD: u32 = 2;
const IRAN: u32 = 3;
const IRAQ: u32 = 4;
const LAVROV: u32 = 5;

fn actor(name: &str, aliases: &[&str]) -> ActorInfo {
    ActorInfo {
        name: name.into(),
        kind: ActorKind::Person,
        aliases: std::iter::once(name).chain(aliases.iter().copied()).map(String::from).collect(),
        discovered: false,
    }
}

fn table() -> Vec<ActorInfo> {
    vec![
        actor("Recep Tayyip Erdoğan", &["Erdoğan", "Erdogan"]),
        actor("Vladimir Putin", &["Putin", "Poutine", "Vladimir Poutine", "Путин"]),
        actor("Bachar al-Assad", &["Assad", "Bachar el-Assad", "Bashar al-Assad"]),
        actor("Iran", &[]),
        actor("Iraq", &["Irak"]),
        actor("Sergueï Lavrov", &["Lavrov", "Sergey Lavrov"]),
    ]
}

/// A document and its actors, found by scanning for the given spellings (as the extractor
/// would report them).
struct Doc {
    title: &'static str,
    body: &'static str,
    date: Option<&'static str>,
    mentions: &'static [(u32, &'static str)],
}

fn doc_actors(d: &Doc) -> DocActors {
    let (mut actors, mut mentions): (Vec<DocActor>, Vec<Mention>) = Default::default();
    for &(actor, spelling) in d.mentions {
        let mut count = 0;
        for (field, text) in [(Field::Title, d.title), (Field::Body, d.body)] {
            for (at, _) in text.match_indices(spelling) {
                mentions.push(Mention::new(actor, field, at..at + spelling.len()));
                count += 1;
            }
        }
        match actors.iter_mut().find(|a| a.actor == actor) {
            Some(a) => a.mentions += count,
            None => actors.push(DocActor { actor, mentions: count }),
        }
    }
    DocActors { actors: actors.into(), mentions: mentions.into() }
}

const DOCS: &[Doc] = &[
    // 0
    Doc {
        title: "Erdoğan menace les Kurdes",
        body: "Le président turc a parlé à Ankara.",
        date: Some("2019-10-09"),
        mentions: &[(ERDOGAN, "Erdoğan")],
    },
    // 1
    Doc {
        title: "Ankara et Moscou",
        body: "Erdoğan, Erdoğan, Erdoğan, Erdoğan, Erdoğan, Erdoğan, Erdoğan, Erdoğan, Erdoğan et Erdoğan rencontrent Poutine.",
        date: Some("2020-03-05"),
        mentions: &[(ERDOGAN, "Erdoğan"), (PUTIN, "Poutine")],
    },
    // 2
    Doc {
        title: "La Turquie avance vers le nord de la Syrie malgré les avertissements de Moscou",
        body: "Les chars turcs ont franchi la frontière.",
        date: Some("2019-10"),
        mentions: &[],
    },
    // 3
    Doc {
        title: "Lavrov à Genève",
        body: "Le ministre russe des affaires étrangères.",
        date: Some("2017"),
        mentions: &[(LAVROV, "Lavrov")],
    },
    // 4
    Doc { title: "Œuvre de guerre", body: "Un roman.", date: None, mentions: &[] },
    // 5
    Doc {
        title: "Rapport annuel",
        body: "Le rapport cite Erdogan une fois.",
        date: Some("2018-12-31"),
        mentions: &[],
    },
    // 6
    Doc {
        title: "Bachar el-Assad reçoit Poutine",
        body: "À Damas, Assad et Poutine.",
        date: Some("2019-02-15"),
        mentions: &[(ASSAD, "Bachar el-Assad"), (ASSAD, "Assad et"), (PUTIN, "Poutine")],
    },
    // 7
    Doc {
        title: "Vladimir Putin parle",
        body: "Discours.",
        date: Some("2019-02"),
        mentions: &[(PUTIN, "Vladimir Putin")],
    },
    // 8
    Doc {
        title: "Téhéran et Bagdad",
        body: "Iran, Irak.",
        date: Some("2020"),
        mentions: &[(IRAN, "Iran"), (IRAQ, "Irak")],
    },
    // 9
    Doc { title: "Bagdad seule", body: "L'Irak.", date: None, mentions: &[(IRAQ, "Irak")] },
];

fn corpus() -> (Vec<Document>, Actors) {
    let docs = DOCS
        .iter()
        .enumerate()
        .map(|(i, d)| {
            Document::new(DocParts {
                id: &format!("d{i}"),
                title: d.title,
                date: d.date,
                source: None,
                body: d.body,
                actors: Default::default(),
            })
        })
        .collect();
    let actors = Actors { table: table(), per_doc: DOCS.iter().map(doc_actors).collect() };
    (docs, actors)
}

fn index() -> SearchIndex {
    let (docs, actors) = corpus();
    SearchIndex::build(&docs, &actors)
}

fn hits(index: &SearchIndex, q: &str) -> Vec<Hit> {
    index.search(&Query::parse(q), &NoReview)
}

fn docs(index: &SearchIndex, q: &str) -> Vec<u32> {
    hits(index, q).into_iter().map(|h| h.doc).collect()
}

fn sorted(index: &SearchIndex, q: &str) -> Vec<u32> {
    let mut d = docs(index, q);
    d.sort_unstable();
    d
}

#[test]
fn empty_query_lists_everything_in_corpus_order() {
    let ix = index();
    for q in ["", "   ", " | ", "!", "'"] {
        let h = hits(&ix, q);
        assert_eq!(h.len(), DOCS.len(), "{q:?}");
        assert!(h.iter().enumerate().all(|(i, h)| h.doc == i as u32 && h.score == 0));
    }
}

#[test]
fn folding_on_both_sides() {
    let ix = index();
    assert!(docs(&ix, "erdogan").contains(&0));
    assert_eq!(sorted(&ix, "erdogan"), sorted(&ix, "ERDOĞAN"));
    assert_eq!(sorted(&ix, "oeuvre"), vec![4]);
    assert_eq!(sorted(&ix, "Œuvre"), vec![4]);
    assert_eq!(sorted(&ix, "teheran"), vec![8]);
}

#[test]
fn fuzzy_is_compact() {
    let ix = index();
    assert_eq!(sorted(&ix, "lavrov"), vec![3], "not the long title with l-a-v-r-o-v scattered");
    assert!(docs(&ix, "erdgan").contains(&0));
    assert!(docs(&ix, "vp").contains(&7), "initials");
    assert!(docs(&ix, "asad").contains(&6), "a skipped letter");
    assert!(!docs(&ix, "tqsm").contains(&2), "letters from four far-apart words");
}

#[test]
fn actor_mentions_rank_and_body_only_ranks_last() {
    let ix = index();
    let at = docs(&ix, "@erdogan");
    assert_eq!(at, vec![1, 0], "ten mentions above one");
    let plain = docs(&ix, "erdogan");
    assert_eq!(plain.len(), 3, "{plain:?}");
    assert_eq!(plain.last(), Some(&5), "the body-only match ranks last: {plain:?}");
    let h = hits(&ix, "erdogan");
    assert!(h.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn ties_keep_corpus_order() {
    let ix = index();
    let h = hits(&ix, "'moscou");
    assert_eq!(h.iter().map(|h| h.doc).collect::<Vec<_>>(), vec![1, 2]);
    assert_eq!(h[0].score, h[1].score);
    let h = hits(&ix, "!zzz");
    assert_eq!(h.len(), DOCS.len());
    assert!(h.iter().enumerate().all(|(i, h)| h.doc == i as u32));
}

#[test]
fn negation_looks_everywhere() {
    let ix = index();
    let all: Vec<u32> = (0..DOCS.len() as u32).collect();
    let without = |q: &str, gone: &[u32]| {
        let want: Vec<u32> = all.iter().copied().filter(|d| !gone.contains(d)).collect();
        assert_eq!(sorted(&ix, q), want, "{q}");
    };
    // Title (0), body (1, 5), and actor aliases.
    without("!erdogan", &[0, 1, 5]);
    without("!moscou", &[1, 2]);
    // "vladimir" is in doc 7's title, and an alias of Putin, mentioned by 1 and 6.
    without("!vladimir", &[1, 6, 7]);
    without("!^bagdad", &[9]);
    without("!bagdad$", &[8]);
    without("!@irak", &[8, 9]);
    assert_eq!(sorted(&ix, "bagdad !iran"), vec![9]);
}

#[test]
fn or_groups() {
    let ix = index();
    assert_eq!(sorted(&ix, "lavrov | oeuvre"), vec![3, 4]);
    assert_eq!(sorted(&ix, "lavrov | oeuvre | zzzz"), vec![3, 4]);
    assert_eq!(sorted(&ix, "bagdad | lavrov !irak"), vec![3]);
}

#[test]
fn exact_prefix_suffix_whole() {
    let ix = index();
    assert_eq!(sorted(&ix, "'erdo"), vec![0, 1, 5]);
    assert!(sorted(&ix, "'erdgan").is_empty(), "no fuzz");
    assert_eq!(sorted(&ix, "^ankara"), vec![1]);
    assert_eq!(sorted(&ix, "^erdo"), vec![0, 1], "doc 1 through the actor's alias");
    assert_eq!(sorted(&ix, "moscou$"), vec![1, 2]);
    assert_eq!(sorted(&ix, "^assad$"), vec![6], "a whole alias");
    assert_eq!(sorted(&ix, "^l'irak.$"), vec![9], "a whole body");
}

#[test]
fn actor_terms_use_aliases_and_forgive_a_typo() {
    let ix = index();
    let putin = sorted(&ix, "@putin");
    assert_eq!(putin, vec![1, 6, 7]);
    assert_eq!(sorted(&ix, "@poutine"), putin);
    assert_eq!(sorted(&ix, "@Путин"), putin);
    assert_eq!(sorted(&ix, "@poutni"), putin, "transposition");
    assert_eq!(sorted(&ix, "@erdgoan"), vec![0, 1]);
    assert_eq!(sorted(&ix, "@erdgan"), vec![0, 1], "fuzzy, no typo needed");
    assert_eq!(sorted(&ix, "@iran"), vec![8], "Iraq is one edit away but Iran matched");
    assert!(sorted(&ix, "@zzzzzz").is_empty());
    assert!(!sorted(&ix, "@moscou").contains(&2), "@ never looks at titles");
}

struct FakeReview;

impl ReviewLookup for FakeReview {
    fn is_reviewed(&self, doc: usize) -> bool {
        [0, 1, 2].contains(&doc)
    }
    fn is_flagged(&self, doc: usize) -> bool {
        doc == 1
    }
    fn has_label(&self, doc: usize, label: &str) -> bool {
        label == "urgent" && [2, 6].contains(&doc)
    }
    fn has_note(&self, doc: usize) -> bool {
        doc == 6
    }
}

#[test]
fn review_predicates() {
    let ix = index();
    let q = |s: &str| {
        let mut d: Vec<u32> = ix.search(&Query::parse(s), &FakeReview).into_iter().map(|h| h.doc).collect();
        d.sort_unstable();
        d
    };
    assert_eq!(q("is:reviewed"), vec![0, 1, 2]);
    assert_eq!(q("is:unreviewed"), vec![3, 4, 5, 6, 7, 8, 9]);
    assert_eq!(q("!is:reviewed"), q("is:unreviewed"));
    assert_eq!(q("is:flagged"), vec![1]);
    assert_eq!(q("label:urgent"), vec![2, 6]);
    assert_eq!(q("has:note"), vec![6]);
    assert_eq!(q("@erdogan is:reviewed !is:flagged"), vec![0]);
    assert_eq!(q("is:flagged | has:note"), vec![1, 6]);
    assert!(sorted(&ix, "is:reviewed").is_empty(), "NoReview");
}

#[test]
fn date_ranges() {
    let ix = index();
    assert_eq!(sorted(&ix, "date:2019"), vec![0, 2, 6, 7]);
    assert_eq!(sorted(&ix, "date:2019-02"), vec![6, 7]);
    assert_eq!(sorted(&ix, "date:2019-02..2020-03"), vec![0, 1, 2, 6, 7]);
    assert_eq!(sorted(&ix, "date:..2018"), vec![3, 5]);
    assert_eq!(sorted(&ix, "date:2020.."), vec![1, 8]);
    assert_eq!(sorted(&ix, "!date:2019.."), vec![3, 4, 5, 9]);
}

#[test]
fn bad_mention_spans_are_dropped_and_the_index_is_shareable() {
    fn shareable<T: Send + Sync>() {}
    shareable::<SearchIndex>();
    let (docs, mut actors) = corpus();
    // Past the end of the title; inside "é" of "président" in the body; empty.
    let bad = [(Field::Title, 0..999), (Field::Body, 6..9), (Field::Body, 3..3)];
    let mut lists = actors.per_doc.to_lists();
    let mut mentions = lists[0].mentions.to_vec();
    mentions.extend(bad.into_iter().map(|(field, span)| Mention::new(ERDOGAN, field, span)));
    lists[0].mentions = mentions.into();
    actors.per_doc = lists.into_iter().collect();
    let ix = SearchIndex::build(&docs, &actors);
    let r = ix.highlights(&Query::parse("@erdogan"), 0, Field::Title);
    assert_eq!(texts(DOCS[0].title, &r), ["Erdoğan"]);
    assert!(ix.highlights(&Query::parse("@erdogan"), 0, Field::Body).is_empty());
}

fn texts<'a>(text: &'a str, ranges: &[std::ops::Range<usize>]) -> Vec<&'a str> {
    ranges.iter().map(|r| &text[r.clone()]).collect()
}

#[test]
fn highlights_map_to_the_original_text() {
    let ix = index();
    let hl = |q: &str, doc: usize, field| ix.highlights(&Query::parse(q), doc, field);
    assert_eq!(texts(DOCS[0].title, &hl("erdogan", 0, Field::Title)), ["Erdoğan"]);
    assert_eq!(texts(DOCS[4].title, &hl("oeuvre", 4, Field::Title)), ["Œuvre"]);
    // Fuzzy indices, not the whole word (no actor mention there to widen it).
    let guere = texts(DOCS[4].title, &hl("guere", 4, Field::Title));
    assert_eq!((guere.len(), guere.concat().as_str()), (2, "guere"));
    assert_eq!(texts(DOCS[5].body, &hl("erdogan", 5, Field::Body)), ["Erdogan"]);
    assert_eq!(texts(DOCS[6].title, &hl("@Путин", 6, Field::Title)), ["Poutine"]);
    assert_eq!(texts(DOCS[6].body, &hl("@poutine", 6, Field::Body)), ["Poutine"]);
    assert_eq!(
        texts(DOCS[6].title, &hl("@assad @poutine", 6, Field::Title)),
        ["Bachar el-Assad", "Poutine"],
        "sorted"
    );
    assert_eq!(texts(DOCS[1].title, &hl("'moscou | zz", 1, Field::Title)), ["Moscou"]);
    assert_eq!(texts(DOCS[9].title, &hl("^bag", 9, Field::Title)), ["Bag"]);
    assert_eq!(texts(DOCS[8].body, &hl("irak.$", 8, Field::Body)), ["Irak."]);
    assert!(hl("!erdogan", 0, Field::Title).is_empty(), "negations highlight nothing");
    assert!(hl("", 0, Field::Title).is_empty());
    assert!(hl("erdogan", 999, Field::Title).is_empty(), "unknown doc");
    // Overlapping matches merge.
    assert_eq!(texts(DOCS[0].title, &hl("erdo dogan", 0, Field::Title)), ["Erdoğan"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_query_is_safe(q in "[ a-zA-Zéœ!'^$@|:.0-9Пу-]{0,20}") {
        let ix = index();
        let query = Query::parse(&q);
        let hits = ix.search(&query, &NoReview);
        let mut seen = HashSet::new();
        prop_assert!(hits.iter().all(|h| seen.insert(h.doc) && (h.doc as usize) < DOCS.len()));
        prop_assert!(hits.windows(2).all(|w| (w[0].score, w[1].doc) >= (w[1].score, w[0].doc)));
        for h in &hits {
            let d = &DOCS[h.doc as usize];
            for (field, text) in [(Field::Title, d.title), (Field::Body, d.body)] {
                let ranges = ix.highlights(&query, h.doc as usize, field);
                prop_assert!(ranges.windows(2).all(|w| w[0].end < w[1].start));
                for r in ranges {
                    prop_assert!(text.get(r.clone()).is_some_and(|s| !s.is_empty()), "{r:?} in {text:?}");
                }
            }
        }
    }

    #[test]
    fn any_unicode_query_is_safe(q in "\\PC{0,24}") {
        let ix = index();
        let query = Query::parse(&q);
        for h in ix.search(&query, &NoReview) {
            let d = &DOCS[h.doc as usize];
            for r in ix.highlights(&query, h.doc as usize, Field::Title) {
                prop_assert!(d.title.get(r).is_some());
            }
            for r in ix.highlights(&query, h.doc as usize, Field::Body) {
                prop_assert!(d.body.get(r).is_some());
            }
        }
    }
}
