//! Narrowing while typing gives exactly what a full search gives, keystroke by keystroke,
//! with backspaces and edits in between.

use dossier::actors::Gazetteer;
use dossier::corpus::{self, ActorNames, DocParts, Document};
use dossier::library::Library;
use dossier::search::{NoReview, Query, Session};

const WORDS: &[&str] = &[
    "Erdoğan",
    "Erdogan's",
    "Assad",
    "al-Assad",
    "Idlib",
    "Idleb",
    "Alep",
    "Aleppo",
    "Damas",
    "Poutine",
    "Putin",
    "Sputnik",
    "news",
    "the",
    "rebels",
    "régime",
    "offensive",
    "de",
    "la",
    "attack",
    "army",
    "erde",
    "dog",
    "gan",
    "Ankara",
    "Kurdes",
    "ONU",
    "l'ONU",
    "Œuvre",
    "ceasefire",
    "talks",
];

fn corpus() -> Vec<Document> {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut docs = corpus::embedded_seeds().docs;
    for i in 0..3000 {
        let mut words = |n: usize| (0..n).map(|_| WORDS[next(WORDS.len())]).collect::<Vec<_>>().join(" ");
        let title = words(3 + i % 9);
        let body = words(i % 40);
        let actors = if i % 3 == 0 { vec![WORDS[i % WORDS.len()]] } else { Vec::new() };
        docs.push(Document::new(DocParts {
            id: &format!("d{i}"),
            title: &title,
            body: &body,
            actors: actors.into_iter().collect::<ActorNames>().as_list(),
            ..DocParts::default()
        }));
    }
    docs
}

#[test]
fn typing_with_a_session_ranks_like_a_full_search() {
    let library = Library::build(corpus(), &Gazetteer::builtin());
    let mut session = Session::new();
    let mut typed = String::new();
    let never = std::sync::atomic::AtomicBool::new(false);
    let check = |text: &str, session: &mut Session| {
        let q = Query::parse(text);
        let full = library.index.search(&q, &NoReview);
        // As the screen asks: the first page, then the complete ranking.
        for k in [1, 7, 40] {
            let page = session.first_page(&library.index, &q, &NoReview, k, &never).expect("never stopped");
            assert_eq!(page, full[..k.min(full.len())], "{text:?} first {k}");
        }
        assert_eq!(session.search(&library.index, &q, &NoReview), full, "{text:?}");
    };
    let script: &[&str] = &[
        "erdogan",
        "<<<<",
        "gan",
        "<<<<<<<<",
        "assad idlib",
        "<<<<<",
        "aleppo",
        "<<<<<<<<<<<<<<<<",
        "'ale",
        "p",
        "<<<<<",
        "^ale",
        "<<<<",
        "putin !sput",
        "<<<<<<<<<<<<",
        "@erdgoan",
        "<<<<<<<<",
        "onu | alep",
        "<<<<<<<<<<<",
        "erdgoan",
        "<<<<<<<",
        "zzzxq",
    ];
    for step in script {
        for c in step.chars() {
            if c == '<' {
                typed.pop();
            } else {
                typed.push(c);
            }
            check(&typed, &mut session);
        }
    }
    // Jumping around: pasting, clearing.
    for text in ["erdogan assad", "", "e", "erdogan", "er", "erdogan damas", "damas erdogan"] {
        check(text, &mut session);
    }
}
