//! Whole screens over ratatui's TestBackend, driven by actions as the event loop would feed them.

mod common;

use common::*;
use dossier::app::Action;
use insta::assert_snapshot;
use ratatui::style::Color;

#[test]
fn seeds_at_120x35() {
    let model = model(seeds_library(), 120, 35);
    assert_snapshot!(screen(&model));
}

#[test]
fn seeds_at_60x15() {
    let model = model(seeds_library(), 60, 15);
    assert_snapshot!(screen(&model));
}

#[test]
fn filtered_by_actor_at_120x35() {
    let mut model = model(seeds_library(), 120, 35);
    type_filter(&mut model, "@peskov");
    assert_snapshot!(screen(&model));
}

#[test]
fn filtered_at_60x15() {
    let mut model = model(seeds_library(), 60, 15);
    type_filter(&mut model, "sotchi");
    assert_snapshot!(screen(&model));
}

#[test]
fn no_match() {
    let mut model = model(seeds_library(), 80, 20);
    type_filter(&mut model, "zzzqqq");
    assert_snapshot!(screen(&model));
}

#[test]
fn article_focused_and_scrolled() {
    let mut model = model(seeds_library(), 100, 24);
    feed(&mut model, [Action::SelectNext, Action::ToggleFocus, Action::ScrollPageDown, Action::ScrollDown]);
    assert_snapshot!(screen(&model));
}

#[test]
fn help_overlay_at_120x35_and_80x24() {
    let mut wide = model(seeds_library(), 120, 35);
    wide.update(Action::ToggleHelp);
    assert_snapshot!("help_wide", screen(&wide));
    let mut narrow = model(seeds_library(), 80, 24);
    feed(&mut narrow, [Action::ToggleHelp, Action::ScrollHelp(5)]);
    assert_snapshot!("help_narrow_scrolled", screen(&narrow));
}

#[test]
fn actor_panel_at_120x35() {
    let mut model = model(seeds_library(), 120, 35);
    type_filter(&mut model, "idlib");
    model.update(Action::ToggleActorPanel);
    assert_snapshot!(screen(&model));
}

/// Stacked (under 90 columns), the panel sits beside the list with rows of its own.
#[test]
fn actor_panel_at_80x24() {
    let mut model = model(seeds_library(), 80, 24);
    model.update(Action::ToggleActorPanel);
    let screen = screen(&model);
    assert!(screen.contains("Bashar al-Assad"), "{screen}");
    assert_snapshot!(screen);
}

#[test]
fn too_small_says_so() {
    for (w, h) in [(1, 1), (20, 5), (29, 30)] {
        let model = model(seeds_library(), w, h);
        let screen = screen(&model);
        assert!(screen.contains("Term") || w < 5, "{w}x{h}: {screen}");
    }
}

#[test]
fn matched_characters_are_lit_in_the_list_and_the_article() {
    let mut model = model(seeds_library(), 120, 35);
    type_filter(&mut model, "kremlin");
    // The selection stayed on the first document (still listed); read the best match.
    model.update(Action::SelectFirst);
    let buffer = buffer(&model);
    let lit = |xs: std::ops::Range<u16>| -> String {
        (0..35)
            .flat_map(|y| xs.clone().map(move |x| (x, y)))
            .filter(|&(x, y)| buffer[(x, y)].fg == Color::Yellow)
            .map(|(x, y)| buffer[(x, y)].symbol().to_string())
            .collect()
    };
    // The list pane is columns 0..48 at this size; the article is to its right.
    assert!(lit(0..48).ends_with("Kremlin"), "the title's match is lit in the list: {:?}", lit(0..48));
    assert!(lit(48..120).matches("Kremlin").count() >= 2, "title and body matches: {:?}", lit(48..120));
}

#[test]
fn stacked_below_90_columns_and_zoomed() {
    let mut narrow = model(seeds_library(), 80, 24);
    type_filter(&mut narrow, "idlib");
    assert_snapshot!("stacked_80x24", screen(&narrow));
    let mut zoomed = model(seeds_library(), 120, 35);
    feed(&mut zoomed, [Action::SelectNext, Action::ToggleZoom]);
    assert_snapshot!("zoomed_120x35", screen(&zoomed));
    feed(&mut zoomed, [Action::ToggleZoom, Action::ResizeSplit(15)]);
    assert_snapshot!("wider_list_120x35", screen(&zoomed));
}

#[test]
fn searching_inside_the_article_walks_its_matches() {
    let mut m = model(seeds_library(), 100, 20);
    feed(&mut m, [Action::SelectNext, Action::ToggleFocus, Action::SearchArticle]);
    for c in "RUSSES".chars() {
        m.update(Action::FilterInsert(c));
    }
    m.update(Action::FilterAccept);
    let search = m.article_search.as_ref().expect("a search");
    let n = search.matches.len();
    assert!(n >= 2, "{n}");
    let doc = &m.library.docs[m.selected_doc().unwrap()];
    for (_, r) in &search.matches {
        assert_eq!(dossier::text::fold(&doc.body()[r.clone()]), "russes");
    }
    assert_eq!(search.current, Some(0));
    m.update(Action::NextMatch);
    assert_eq!(m.article_search.as_ref().unwrap().current, Some(1));
    m.update(Action::PreviousMatch);
    m.update(Action::PreviousMatch);
    assert_eq!(m.article_search.as_ref().unwrap().current, Some(n - 1), "wraps around");
    let shown = screen(&m);
    assert!(shown.contains(&format!("/RUSSES  match {n}/{n}")), "{shown}");
    assert_snapshot!(screen(&m));
    m.update(Action::SearchArticle);
    m.update(Action::ClearFilter);
    assert!(m.article_search.is_none());
}

#[test]
fn the_article_opens_at_the_first_query_match() {
    let mut m = model(seeds_library(), 100, 20);
    type_filter(&mut m, "'démilitarisée");
    assert_eq!(m.hits.len(), 1);
    assert!(m.article_scroll > 0, "scrolled to the match");
    assert!(screen(&m).contains("démilitarisée"));
}

#[test]
fn the_current_mention_and_search_match_are_marked_in_the_body() {
    use ratatui::style::{Color, Modifier};
    let mut m = model(seeds_library(), 100, 20);
    feed(&mut m, [Action::SelectNext, Action::ToggleFocus, Action::NextMention, Action::NextMention]);
    let b = buffer(&m);
    let reversed: String = (0..20u16)
        .flat_map(|y| (40..100u16).map(move |x| (x, y)))
        .filter(|&(x, y)| b[(x, y)].modifier.contains(Modifier::REVERSED))
        .map(|(x, y)| b[(x, y)].symbol().to_string())
        .collect();
    let doc = m.selected_doc().unwrap();
    let mention = &m.library.index.mentions(doc)[1];
    let text = match mention.field() {
        dossier::actors::Field::Title => &m.library.docs[doc].title(),
        dossier::actors::Field::Body => &m.library.docs[doc].body(),
    };
    assert_eq!(reversed, &text[mention.range()], "the current mention is reversed");
    m.update(Action::SearchArticle);
    for c in "kremlin".chars() {
        m.update(Action::FilterInsert(c));
    }
    let b = buffer(&m);
    let current: String = (0..20u16)
        .flat_map(|y| (40..100u16).map(move |x| (x, y)))
        .filter(|&(x, y)| b[(x, y)].bg == Color::LightRed)
        .map(|(x, y)| b[(x, y)].symbol().to_string())
        .collect();
    assert_eq!(current.to_lowercase(), "kremlin");
}

#[test]
fn sorting_cycles_and_the_selection_stays_on_its_document() {
    let mut m = model(seeds_library(), 120, 35);
    feed(&mut m, [Action::SelectLast]);
    let doc = m.selected_doc();
    m.update(Action::CycleSort);
    assert_eq!(m.sort.name(), "date");
    assert_eq!(m.hits[0].doc, 3, "the only dated document first");
    assert_eq!(m.selected_doc(), doc, "re-sorting keeps the selected document");
    assert!(screen(&m).contains(" by date "));
    // Re-filtering keeps it too while it is listed, and goes to the top when it is not.
    type_filter(&mut m, "idlib");
    assert_eq!(m.selected_doc(), doc);
    m.update(Action::ClearFilter);
    type_filter(&mut m, "@peskov");
    assert_eq!(m.selected, 0);
    feed(&mut m, [Action::CycleSort, Action::CycleSort, Action::CycleSort]);
    assert_eq!(m.sort.name(), "relevance");
}

#[test]
fn a_burst_of_filter_keys_searches_once_and_ends_like_typing_slowly() {
    let mut slow = model(seeds_library(), 120, 35);
    type_filter(&mut slow, "@poutine idlib");
    let mut burst = model(seeds_library(), 120, 35);
    burst.update_deferred(Action::EditFilter);
    for c in "@poutine idlib".chars() {
        burst.update_deferred(Action::FilterInsert(c));
    }
    // Moving is not a filter edit: it sees the burst's results first.
    burst.update_deferred(Action::FilterAccept);
    burst.update_deferred(Action::SelectNext);
    burst.settle();
    assert_eq!(burst.hits, slow.hits);
    assert_eq!(burst.selected, 1);
    // A long paste-like storm stays correct.
    let mut storm = model(seeds_library(), 120, 35);
    storm.update_deferred(Action::EditFilter);
    for _ in 0..2000 {
        storm.update_deferred(Action::FilterInsert('x'));
        storm.update_deferred(Action::FilterBackspace);
    }
    for c in "peskov".chars() {
        storm.update_deferred(Action::FilterInsert(c));
    }
    storm.settle();
    assert_eq!(storm.filter.text(), "peskov");
    assert_eq!(storm.hits.len(), 2);
}

#[test]
fn the_terminal_cursor_follows_the_selected_row() {
    let mut m = model(seeds_library(), 120, 35);
    feed(&mut m, [Action::SelectNext, Action::SelectNext]);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 35)).unwrap();
    terminal.draw(|frame| dossier::ui::draw(&m, frame)).unwrap();
    // Row 0 is the filter line, row 1 the list's border: the third document is on row 4.
    assert_eq!(terminal.get_cursor_position().unwrap(), ratatui::layout::Position::new(1, 4));
}

#[test]
fn up_and_down_in_the_filter_walk_the_kept_queries() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history");
    let mut m = model(seeds_library(), 120, 35).with_history(dossier::history::History::load(&path));
    type_filter(&mut m, "@putin");
    m.update(Action::ClearFilter);
    type_filter(&mut m, "idlib");
    m.update(Action::ClearFilter);
    m.update(Action::EditFilter);
    m.update(Action::HistoryStep(-1));
    assert_eq!(m.filter.text(), "idlib");
    m.update(Action::HistoryStep(-1));
    assert_eq!(m.filter.text(), "@putin");
    assert_eq!(m.hits.len(), 3, "the recalled query runs");
    m.update(Action::HistoryStep(1));
    m.update(Action::HistoryStep(1));
    assert_eq!(m.filter.text(), "", "past the newest: an empty line");
    // Kept across sessions.
    assert_eq!(dossier::history::History::load(&path).entries(), ["@putin", "idlib"]);
}

#[test]
fn the_timeline_counts_months_and_narrows_to_the_selected_date() {
    let csv = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora/fa-kes/FA-KES-Dataset.csv");
    let docs = dossier::corpus::load_paths(&[csv]).unwrap().docs;
    let mut m = model(library_of(docs), 120, 35);
    m.update(Action::ToggleTimeline);
    let timeline = m.timeline.as_ref().expect("shown");
    assert_eq!(timeline.months.values().sum::<u32>() + timeline.undated, 804);
    let date = m.library.docs[m.selected_doc().unwrap()].date().unwrap().to_string();
    assert_snapshot!("timeline_fakes_120x35", screen(&m));
    m.update(Action::NarrowToDate(true));
    assert_eq!(m.filter.text(), format!("date:{}", &date[..7]));
    assert!(m.hits.iter().all(|h| m.library.docs[h.doc as usize].date().unwrap().starts_with(&date[..7])));
    m.update(Action::NarrowToDate(false));
    assert_eq!(m.filter.text(), format!("date:{}", &date[..4]), "replaces the date term");
    let year = m.timeline.as_ref().unwrap();
    assert!(year.months.keys().all(|k| k.starts_with(&date[..4])));
}

#[test]
fn tiny_screens_say_they_are_too_small() {
    assert_snapshot!("tiny_20x5", screen(&model(seeds_library(), 20, 5)));
    assert_snapshot!("smallest_usable_30x10", screen(&model(seeds_library(), 30, 10)));
}
