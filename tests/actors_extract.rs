//! Mentions of known actors: folding, whole words, longest match, exact spans, the seeds.

use dossier::actors::{ActorId, Actors, Field, Gazetteer, analyse_with};
use dossier::corpus::{ActorNames, DocParts, Document};

fn doc(id: &str, body: &str) -> Document {
    Document::new(DocParts { id, body, ..DocParts::default() })
}

fn run(bodies: &[&str]) -> (Vec<Document>, Actors) {
    let docs: Vec<Document> = bodies.iter().enumerate().map(|(i, b)| doc(&i.to_string(), b)).collect();
    let actors = analyse_with(&docs, &Gazetteer::builtin(), false);
    (docs, actors)
}

fn id(actors: &Actors, name: &str) -> ActorId {
    actors.table.iter().position(|a| a.name == name).unwrap_or_else(|| panic!("{name} not in the table"))
        as ActorId
}

/// The mentions of document `d` as (canonical name, original text).
fn spelled(docs: &[Document], actors: &Actors, d: usize) -> Vec<(String, String)> {
    actors
        .per_doc
        .get(d)
        .mentions
        .iter()
        .map(|m| {
            let text = match m.field {
                Field::Title => &docs[d].title(),
                Field::Body => &docs[d].body(),
            };
            (actors.table[m.actor as usize].name.clone(), text[m.span()].to_string())
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn spelling_variants_fold_to_one_actor_with_exact_spans() {
    let (docs, actors) =
        run(&["Le président El Assad, Bachar el-Assad et al Assad; l'appel d'Erdogan à Erdoğan; \
         l'ONU et l’Onu; Путин et Poutine."]);
    assert_eq!(
        spelled(&docs, &actors, 0),
        pairs(&[
            ("Bashar al-Assad", "El Assad"),
            ("Bashar al-Assad", "Bachar el-Assad"),
            ("Bashar al-Assad", "al Assad"),
            ("Recep Tayyip Erdoğan", "Erdogan"),
            ("Recep Tayyip Erdoğan", "Erdoğan"),
            ("United Nations", "ONU"),
            ("United Nations", "Onu"),
            ("Vladimir Putin", "Путин"),
            ("Vladimir Putin", "Poutine"),
        ])
    );
}

#[test]
fn only_whole_words_match() {
    let (docs, actors) = run(&["Assadi, Putinism and Erdoganomics; Kremlinology."]);
    assert_eq!(spelled(&docs, &actors, 0), vec![]);
}

#[test]
fn capital_acronyms_match_only_capitals() {
    let (docs, actors) =
        run(&["Il y a un an, l'UN a dit à us: US troops, the UN and HTS; hts is not a name."]);
    assert_eq!(
        spelled(&docs, &actors, 0),
        pairs(&[
            ("United Nations", "UN"),
            ("United States", "US"),
            ("United Nations", "UN"),
            ("Hayat Tahrir al-Sham", "HTS"),
        ])
    );
}

#[test]
fn the_longest_alias_wins() {
    let (docs, actors) = run(&["Bachar al-Assad. Front al-Nosra. Hayat Tahrir al-Cham (HTC)."]);
    assert_eq!(
        spelled(&docs, &actors, 0),
        pairs(&[
            ("Bashar al-Assad", "Bachar al-Assad"),
            ("Nusra Front", "Front al-Nosra"),
            ("Hayat Tahrir al-Sham", "Hayat Tahrir al-Cham"),
            ("Hayat Tahrir al-Sham", "HTC"),
        ])
    );
}

#[test]
fn common_words_and_record_only_aliases_stay_out_of_text() {
    let (docs, actors) = run(&["In May, a turkey and the power of Turkey."]);
    assert_eq!(spelled(&docs, &actors, 0), pairs(&[("Turkey", "Turkey")]));
}

#[test]
fn a_possessive_without_apostrophe_still_counts() {
    let (docs, actors) = run(&["Assads forces and Putin's plane."]);
    assert_eq!(
        spelled(&docs, &actors, 0),
        pairs(&[("Bashar al-Assad", "Assad"), ("Vladimir Putin", "Putin")])
    );
}

#[test]
fn title_mentions_come_first_and_actors_sort_by_mentions() {
    let docs = vec![Document::new(DocParts {
        title: "Erdogan à Moscou",
        body: "Poutine reçoit Erdogan. Poutine parle.",
        ..DocParts::default()
    })];
    let actors = analyse_with(&docs, &Gazetteer::builtin(), false);
    let d = actors.per_doc.get(0);
    assert_eq!(d.mentions[0].field, Field::Title);
    assert_eq!(&docs[0].title()[d.mentions[0].span()], "Erdogan");
    let order: Vec<(ActorId, u32)> = d.actors.iter().map(|a| (a.actor, a.mentions)).collect();
    assert_eq!(
        order,
        vec![
            (id(&actors, "Recep Tayyip Erdoğan"), 2),
            (id(&actors, "Vladimir Putin"), 2),
            (id(&actors, "Moscow"), 1),
        ]
    );
}

#[test]
fn record_given_actors_are_joined_or_added() {
    let docs = vec![
        Document::new(DocParts {
            body: "Talks in Geneva. Mr Smithers spoke.",
            actors: ActorNames::from(["Poutine", "Theresa May", "Waylon Smithers", "Smithers"]).as_list(),
            ..DocParts::default()
        }),
        Document::new(DocParts {
            body: "Nothing here.",
            actors: ActorNames::from(["May"]).as_list(),
            ..DocParts::default()
        }),
    ];
    let actors = analyse_with(&docs, &Gazetteer::builtin(), false);
    let putin = id(&actors, "Vladimir Putin");
    let may = id(&actors, "Theresa May");
    let waylon = id(&actors, "Waylon Smithers");
    let smithers = id(&actors, "Smithers");
    assert!(waylon as usize >= Gazetteer::builtin().entries.len());
    assert!(!actors.table[waylon as usize].discovered);
    let got: Vec<(ActorId, u32)> =
        actors.per_doc.get(0).actors.iter().map(|a| (a.actor, a.mentions)).collect();
    // Geneva and Smithers are found in the text (in that order); the others count once.
    assert_eq!(got[0], (id(&actors, "Geneva"), 1));
    assert_eq!(got[1], (smithers, 1));
    assert!(got.contains(&(putin, 1)) && got.contains(&(may, 1)) && got.contains(&(waylon, 1)));
    assert_eq!(actors.per_doc.get(0).mentions.len(), 2, "Geneva and Smithers");
    assert_eq!(actors.per_doc.get(1).actors[0].actor, may);
    assert_eq!(actors.doc_counts(0..2)[0], (may, 2));
}

#[test]
fn seeds_give_the_expected_documents_per_person() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut paths: Vec<_> =
        std::fs::read_dir(dir).expect("seeds").map(|e| e.expect("entry").path()).collect();
    paths.sort();
    let docs: Vec<Document> = paths
        .iter()
        .map(|p| {
            Document::new(DocParts {
                id: &p.display().to_string(),
                title: "",
                body: &std::fs::read_to_string(p).expect("seed text"),
                ..DocParts::default()
            })
        })
        .collect();
    assert_eq!(docs.len(), 4);
    let actors = analyse_with(&docs, &Gazetteer::builtin(), false);
    let counts = actors.doc_counts(0..docs.len());
    let docs_of = |name: &str| {
        let a = id(&actors, name);
        counts.iter().find(|(x, _)| *x == a).map_or(0, |(_, n)| *n)
    };
    assert_eq!(docs_of("Recep Tayyip Erdoğan"), 3);
    assert_eq!(docs_of("Vladimir Putin"), 3);
    assert_eq!(docs_of("Bashar al-Assad"), 3);
    assert_eq!(docs_of("Dmitry Peskov"), 2);
    assert_eq!(docs_of("Sergey Lavrov"), 1);
    assert_eq!(docs_of("Donald Trump"), 1);
    assert_eq!(docs_of("Judd Deere"), 1);
    assert_eq!(docs_of("Hayat Tahrir al-Sham"), 2);
    assert_eq!(docs_of("Kremlin"), 4);
    assert_eq!(docs_of("White House"), 1);
    assert_eq!(docs_of("Idlib"), 4);
    // Every span is the exact original spelling.
    for (d, doc) in docs.iter().enumerate() {
        for m in actors.per_doc.get(d).mentions {
            let spelled = &doc.body()[m.span()];
            let info = &actors.table[m.actor as usize];
            assert!(
                info.aliases
                    .iter()
                    .any(|a| dossier::actors::alias_key(a) == dossier::actors::alias_key(spelled)),
                "{spelled:?} is not an alias of {}",
                info.name
            );
        }
    }
    let persons: Vec<&str> = counts
        .iter()
        .map(|(a, _)| &actors.table[*a as usize])
        .filter(|a| a.kind == dossier::actors::ActorKind::Person)
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(
        persons,
        [
            "Bashar al-Assad",
            "Recep Tayyip Erdoğan",
            "Vladimir Putin",
            "Dmitry Peskov",
            "Donald Trump",
            "Judd Deere",
            "Sergey Lavrov",
        ]
    );
}

#[test]
fn discovery_on_a_huge_body_reads_its_start_and_keeps_known_mentions_everywhere() {
    // 3 MB: a new name early, a new name late, a gazetteer name throughout.
    let filler = "Le Kremlin a parlé. ".repeat(150_000);
    let body = format!("Le porte-parole Judd Deere a parlé. {filler} Le ministre Zakaria Bouhaddou a parlé.");
    let docs = vec![Document::new(DocParts { body: &body, ..DocParts::default() })];
    let actors = dossier::actors::analyse_with(&docs, &Gazetteer::default(), true);
    let names: Vec<&str> =
        actors.per_doc.get(0).actors.iter().map(|a| actors.table[a.actor as usize].name.as_str()).collect();
    assert!(names.contains(&"Judd Deere"), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("Bouhaddou")), "past the first megabyte: {names:?}");
}

#[test]
fn the_quick_automaton_for_little_text_finds_what_the_dfa_does() {
    use dossier::actors::{Extractor, Prepared};
    let gazetteer = Gazetteer::builtin();
    let dfa = Extractor::for_text_of(&gazetteer.entries, &gazetteer.rules, usize::MAX);
    let nfa = Extractor::for_text_of(&gazetteer.entries, &gazetteer.rules, 0);
    let mut docs = dossier::corpus::embedded_seeds().docs;
    docs.push(doc("mixed", "Bachar el-Assad, Assads, UN, un, l'ONU, Erdoğan's, Recep-Tayyip Erdogan"));
    let mut found = 0;
    for d in &docs {
        for (field, text) in [(Field::Title, &d.title()), (Field::Body, &d.body())] {
            let prepared = Prepared::new(text);
            let (mut by_dfa, mut by_nfa) = (Vec::new(), Vec::new());
            dfa.find(text, &prepared, field, &mut by_dfa);
            nfa.find(text, &prepared, field, &mut by_nfa);
            assert_eq!(by_nfa, by_dfa, "{}", d.id());
            found += by_dfa.len();
        }
    }
    assert!(found > 50, "{found} mentions");
}
