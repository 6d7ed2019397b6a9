//! The actor panel and mention jumps, driven through actions.

mod common;

use common::*;
use dossier::actors::Gazetteer;
use dossier::app::{Action, Focus, Mode, Model};
use dossier::library::Library;

fn facet_count(m: &Model, name: &str) -> Option<u32> {
    let panel = m.actor_panel.as_ref()?;
    panel.facets.iter().find(|(id, _)| m.library.actors.table[*id as usize].name == name).map(|(_, n)| *n)
}

fn shown_names(m: &Model) -> Vec<String> {
    let panel = m.actor_panel.as_ref().expect("panel open");
    panel.shown.iter().map(|&f| m.library.actors.table[panel.facets[f].0 as usize].name.clone()).collect()
}

#[test]
fn the_facet_counts_the_listed_documents_and_follows_the_filter() {
    let mut m = model(seeds_library(), 120, 35);
    m.update(Action::ToggleActorPanel);
    assert_eq!(m.focus, Focus::Actors);
    assert_eq!(facet_count(&m, "Vladimir Putin"), Some(3));
    assert_eq!(facet_count(&m, "Dmitry Peskov"), Some(2));
    type_filter(&mut m, "@peskov");
    assert_eq!(m.hits.len(), 2);
    assert_eq!(facet_count(&m, "Dmitry Peskov"), Some(2));
    assert_eq!(facet_count(&m, "Sergey Lavrov"), None, "Lavrov is not in Peskov's documents");
    let counts: Vec<u32> = m.actor_panel.as_ref().unwrap().facets.iter().map(|(_, n)| *n).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "most documents first");
}

#[test]
fn the_panel_filter_finds_any_spelling_and_enter_adds_the_actor_to_the_query() {
    let mut m = model(seeds_library(), 120, 35);
    m.update(Action::ToggleActorPanel);
    m.update(Action::EditActorFilter);
    assert_eq!(m.mode, Mode::ActorFilter);
    for c in "poutine".chars() {
        m.update(Action::FilterInsert(c));
    }
    assert_eq!(shown_names(&m).first().map(String::as_str), Some("Vladimir Putin"));
    feed(&mut m, [Action::FilterAccept, Action::AddSelectedActor]);
    assert_eq!(m.filter.text(), "@VladimirPutin");
    assert_eq!(m.hits.len(), 3);
    // Adding it again does not repeat it; Esc on the panel closes it.
    m.update(Action::AddSelectedActor);
    assert_eq!(m.filter.text(), "@VladimirPutin");
    m.update(Action::ClearFilter);
    assert!(m.actor_panel.is_none());
    assert_eq!(m.focus, Focus::List);
}

#[test]
fn mention_jumps_walk_the_mentions_in_text_order_and_keep_them_in_view() {
    let mut m = model(seeds_library(), 100, 20);
    m.update(Action::SelectNext);
    let doc = m.selected_doc().unwrap();
    let mentions = m.library.index.mentions(doc).len();
    assert!(mentions > 10);
    for i in 0..mentions {
        m.update(Action::NextMention);
        assert_eq!(m.mention, Some(i));
        let mention = m.library.index.mentions(doc)[i];
        let line = m.article.line_of(mention.field(), mention.start as usize).unwrap();
        let height = m.areas().unwrap().article_inner().height as usize;
        assert!((m.article_scroll..m.article_scroll + height).contains(&line), "mention {i} in view");
    }
    m.update(Action::NextMention);
    assert_eq!(m.mention, Some(mentions - 1), "stays on the last one");
    m.update(Action::PreviousMention);
    assert_eq!(m.mention, Some(mentions - 2));
    m.update(Action::SelectNext);
    assert_eq!(m.mention, None, "a new document starts afresh");
}

#[test]
fn the_selected_actor_shows_its_co_mentions() {
    let mut m = model(seeds_library(), 120, 35);
    m.update(Action::ToggleActorPanel);
    m.update(Action::EditActorFilter);
    for c in "peskov".chars() {
        m.update(Action::FilterInsert(c));
    }
    let panel = m.actor_panel.as_ref().unwrap();
    let table = &m.library.actors.table;
    let co: Vec<(&str, u32)> =
        panel.co_mentions.iter().map(|(id, n)| (table[*id as usize].name.as_str(), *n)).collect();
    // Peskov is in two documents, both about Idlib; Lavrov is in neither.
    assert!(co.contains(&("Idlib", 2)), "{co:?}");
    assert!(co.iter().all(|(name, n)| *name != "Dmitry Peskov" && *n <= 2), "{co:?}");
    assert!(!co.iter().any(|(name, _)| *name == "Sergey Lavrov"));
    assert!(screen(&m).contains(" with: "), "shown under the panel");
}

#[test]
fn a_library_whose_discovery_was_skipped_says_how_to_ask_for_it_under_the_panel() {
    let mut skipped = Library::build(dossier::corpus::embedded_seeds().docs, &Gazetteer::builtin());
    skipped.discovery_skipped = true;
    for (library, shown) in [(seeds_library(), false), (std::sync::Arc::new(skipped), true)] {
        let mut m = model(library, 120, 35);
        m.update(Action::ToggleActorPanel);
        let text = screen(&m);
        assert_eq!(text.contains("/ find an actor · listed only: --discover"), shown, "{text}");
    }
}
