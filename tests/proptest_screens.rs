//! Property tests: every screen (list, article focused and scrolled, help, actor panel, filter
//! mode) at random sizes, over random Unicode documents and random queries, never panics,
//! never puts a control character in a cell, never draws a row wider than the screen and never
//! puts the cursor off screen. Writing outside the buffer would panic, so "no panic" covers it.

mod common;

use std::sync::LazyLock;

use dossier::actors::Gazetteer;
use dossier::app::{Action, Model};
use dossier::corpus::{ActorNames, DocParts, Document};
use dossier::library::Library;
use dossier::search::Query;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use unicode_width::UnicodeWidthStr;

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::builtin);

/// Characters that break layouts and terminals, mixed into random text.
const HOSTILE: &[&str] = &[
    "\x1b",
    "\x1b[2J",
    "\x1b]2;t\x07",
    "\x1b]52;c;eA==\x07",
    "\x07",
    "\x08",
    "\x7f",
    "\u{9b}",
    "\u{85}",
    "\r",
    "\n",
    "\t",
    "\0",
    "日本",
    "語",
    "e\u{301}",
    "\u{301}",
    "\u{200B}",
    "\u{200D}",
    "\u{FEFF}",
    "👨\u{200D}👩\u{200D}👧",
    "🇫🇷",
    "🇸",
    "العربية",
    "עברית",
    "\u{202E}",
    "\u{2067}",
    "\u{FE0F}",
    "☃\u{FE0F}",
    "\u{AD}",
    "Assad",
    "Poutine",
    "Idlib",
    " ",
    "  ",
    "-",
    "…",
    "\u{1F600}",
    "ｆｕｌｌ",
    "\u{3000}",
    "\u{E0041}",
    "\u{10FFFF}",
];

fn text(max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(HOSTILE).prop_map(str::to_string),
        2 => "[a-zé ]{1,8}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(piece, 0..max).prop_map(|v| v.concat())
}

fn document() -> impl Strategy<Value = Document> {
    (text(6), text(12), text(60), proptest::option::of(text(3)), proptest::collection::vec(text(3), 0..3))
        .prop_map(|(id, title, body, source, actors)| {
            Document::new(DocParts {
                id: &id,
                title: &title,
                date: Some("2019-02"),
                source: source.as_deref(),
                body: &body,
                actors: actors.into_iter().collect::<ActorNames>().as_list(),
            })
        })
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![Just((1, 1)), Just((2, 50)), Just((300, 5)), Just((30, 8)), (1u16..=200, 1u16..=70),]
}

fn action() -> impl Strategy<Value = Action> {
    use Action::*;
    prop_oneof![
        proptest::sample::select(vec![
            SelectNext,
            SelectPrevious,
            SelectPageDown,
            SelectLast,
            ToggleActorPanel,
            EditActorFilter,
            AddSelectedActor,
            ScrollDown,
            ScrollPageDown,
            ScrollBottom,
            NextMention,
            PreviousMention,
            ToggleFocus,
            EditFilter,
            FilterBackspace,
            FilterDeleteWord,
            FilterCursorLeft,
            FilterCursorHome,
            FilterAccept,
            ClearFilter,
            ToggleHelp,
        ]),
        any::<char>().prop_map(FilterInsert),
        text(4).prop_map(FilterPaste),
        (-5i32..20).prop_map(ScrollHelp),
        size().prop_map(|(w, h)| Resize(w, h)),
    ]
}

fn is_forbidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn check(model: &Model) -> Result<(), TestCaseError> {
    let (w, h) = model.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|frame| dossier::ui::draw(model, frame)).unwrap();
    let cursor = terminal.get_cursor_position().unwrap();
    let buffer = terminal.backend().buffer();
    for y in 0..h {
        let (mut width, mut hidden) = (0usize, 0usize);
        for x in 0..w {
            let symbol = buffer[(x, y)].symbol();
            prop_assert!(!symbol.chars().any(is_forbidden), "control in ({x},{y}) at {w}x{h}: {symbol:?}");
            if hidden > 0 {
                hidden -= 1;
                continue;
            }
            let cw = symbol.width();
            width += cw.max(1);
            hidden = cw.saturating_sub(1);
        }
        prop_assert!(width <= w as usize, "row {y} is {width} wide at {w}x{h}");
    }
    prop_assert!(cursor.x < w.max(1) && cursor.y < h.max(1), "cursor {cursor:?} off a {w}x{h} screen");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn every_screen_at_every_size_is_clean(
        docs in proptest::collection::vec(document(), 0..5),
        start in size(),
        actions in proptest::collection::vec(action(), 0..40),
    ) {
        let library = Arc::new(Library::build(docs, &GAZETTEER));
        let mut model = Model::new(library, "\x1b]2;origin\x07", start);
        check(&model)?;
        for action in actions {
            model.update(action);
            check(&model)?;
        }
    }

    #[test]
    fn the_query_parser_takes_anything(text in text(30), raw in any::<String>()) {
        for q in [text.as_str(), raw.as_str()] {
            let query = Query::parse(q);
            prop_assert_eq!(&query.source, q);
            prop_assert!(query.groups.iter().all(|g| !g.terms.is_empty()));
        }
    }
}
