//! The application state machine: a `Model`, the `Action`s that change it, and `update`, the
//! only function that does. Views render from `&Model`; the event loop feeds actions in.

mod action;
mod actor_panel;
mod article;
mod article_search;
mod input;
pub mod keymap;
pub mod layout;
mod loading;
mod review;
pub mod textarea;
mod update;

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

pub use action::Action;
pub use actor_panel::{ActorPanel, actor_token};
pub use article::{ArticleLayout, ArticleLine};
pub use article_search::ArticleSearch;
pub use input::LineInput;
pub use layout::{Areas, Arrangement};
pub use loading::Loading;
pub use review::ReviewProgress;
pub use update::note_width;

use crate::history::History;
use crate::library::Library;
use crate::order::SortOrder;
use crate::review::ReviewStore;
use crate::search::{Hit, Query, Session};
use textarea::TextArea;

/// Scans this long take a frame or more (about 20 ms per 100k titles on two cores): the screen
/// shows their first page first.
const FIRST_PAGE_FROM: usize = 50_000;

/// Which pane receives movement keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    List,
    /// The actor panel (when open).
    Actors,
    Article,
}

/// What the keyboard is doing: browsing, typing the filter, or reading the help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Browse,
    Filter,
    /// Typing the actor panel's filter.
    ActorFilter,
    /// Editing the selected document's note.
    Note,
    /// Typing a label to toggle on the selected document.
    Label,
    /// Typing a search inside the article.
    ArticleSearch,
    Help,
}

/// A text being edited for the review of one document.
#[derive(Debug, Clone)]
pub enum Editor {
    Note { doc: usize, area: TextArea },
    Label { doc: usize, input: LineInput, completion: Option<usize> },
}

/// Something only the event loop can do (it owns the terminal): `update` queues it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put text on the clipboard with OSC 52 (works over ssh).
    Copy(String),
    /// Show a document in `$PAGER` (or `$EDITOR`), then come back.
    Open { doc: usize, editor: bool },
}

/// What to copy of the selected document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyWhat {
    Id,
    Title,
    Text,
}

/// A line for the status bar: what just happened, or what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// Everything the screen shows, and nothing the terminal owns.
pub struct Model {
    pub library: Arc<Library>,
    /// Where the corpus came from, for the status bar ("seeds", a path...).
    pub origin: String,
    pub filter: LineInput,
    pub query: Query,
    /// The documents the query matched, best first.
    pub hits: Vec<Hit>,
    /// Index into `hits` of the selected row.
    pub selected: usize,
    /// Index into `hits` of the first visible row.
    pub list_offset: usize,
    pub article: ArticleLayout,
    /// First visible line of the article.
    pub article_scroll: usize,
    /// The actor mention last jumped to (index into the document's mentions).
    pub mention: Option<usize>,
    pub focus: Focus,
    pub mode: Mode,
    /// The actor panel, when open.
    pub actor_panel: Option<ActorPanel>,
    /// How the list is ordered.
    pub sort: SortOrder,
    /// Narrows each keystroke's search to the previous one's survivors.
    session: Session,
    /// The filter changed and the query has not been re-run yet (keys typed in a burst are
    /// searched once, after the burst; or its search was given up for a newer key).
    query_stale: bool,
    /// Set by the event loop when input is waiting: a search in progress gives up, so that a
    /// keystroke never waits for the results of a query already stale.
    interrupt: Arc<AtomicBool>,
    /// The list holds only the first page of this query's ranking (exact, shown before the
    /// complete ranking is done; see [`Model::settle_progressively`]).
    first_page_of: Option<Query>,
    /// The document selected before a first page that did not list it: the complete ranking
    /// selects it again if it lists it.
    reselect: Option<usize>,
    /// The library holds titles only; the whole one is being built (its progress).
    titles_only: Option<crate::loading::Status>,
    /// From how many documents to scan a query shows its first page before its complete
    /// ranking (below, the complete ranking is about as fast).
    first_page_from: usize,
    /// Documents per month of the list, when the timeline is shown.
    pub timeline: Option<crate::timeline::Timeline>,
    /// The search inside the article, when one was typed.
    pub article_search: Option<ArticleSearch>,
    /// The list's share of the screen and whether the article is zoomed.
    pub list_percent: u16,
    pub zoom: bool,
    /// Review state, saved at every change (none: review keys explain why they do nothing).
    pub review: Option<ReviewStore>,
    /// The labels toggled by the keys 1-9.
    pub labels: Vec<String>,
    pub editor: Option<Editor>,
    pub message: Option<Message>,
    /// Earlier queries (Up/Down in the filter line) and where the walk through them is.
    pub history: History,
    history_position: Option<usize>,
    /// The keys in force (the defaults, rebound by the config).
    pub keymap: keymap::Keymap,
    /// Saved queries from the config (name, query), and the one shown last.
    pub views: Vec<(String, String)>,
    view: Option<usize>,
    /// Effects for the event loop to run, in order.
    pub effects: Vec<Effect>,
    /// Review progress, recounted when the list or the marks change.
    pub progress: Option<ReviewProgress>,
    /// First line of the help overlay shown (when it is taller than the screen).
    pub help_scroll: usize,
    pub size: (u16, u16),
    /// Set while the corpus loads in the background: the screen shows this progress.
    pub loading: Option<Loading>,
    pub should_quit: bool,
}

impl Model {
    pub fn new(library: Arc<Library>, origin: impl Into<String>, size: (u16, u16)) -> Model {
        let mut model = Model {
            library,
            origin: origin.into(),
            filter: LineInput::default(),
            query: Query::default(),
            hits: Vec::new(),
            selected: 0,
            list_offset: 0,
            article: ArticleLayout::default(),
            article_scroll: 0,
            mention: None,
            focus: Focus::List,
            mode: Mode::Browse,
            actor_panel: None,
            sort: SortOrder::default(),
            session: Session::new(),
            query_stale: false,
            interrupt: Arc::default(),
            first_page_of: None,
            reselect: None,
            first_page_from: FIRST_PAGE_FROM,
            titles_only: None,
            article_search: None,
            timeline: None,
            list_percent: Arrangement::default().list_percent,
            zoom: false,
            review: None,
            labels: crate::review::DEFAULT_LABELS.iter().map(|l| l.to_string()).collect(),
            editor: None,
            message: None,
            effects: Vec::new(),
            keymap: keymap::Keymap::default(),
            views: Vec::new(),
            view: None,
            history: History::default(),
            history_position: None,
            progress: None,
            help_scroll: 0,
            size,
            loading: None,
            should_quit: false,
        };
        model.refilter(false);
        model
    }

    /// Applies the configuration: keys, labels, layout, saved views. (Parsing checked it.)
    pub fn with_config(mut self, config: &crate::config::Config) -> Model {
        if let Ok(keymap) = config.keymap() {
            self.keymap = keymap;
        }
        self.labels = config.review.labels.clone();
        self.list_percent = config.layout.list_percent;
        self.views = config.views.iter().map(|(n, q)| (n.clone(), q.clone())).collect();
        update::relayout_now(&mut self);
        self
    }

    /// Gives the model its query history.
    pub fn with_history(mut self, history: History) -> Model {
        self.history = history;
        self
    }

    /// Gives the model its review state (and re-runs the query, which may use it).
    pub fn with_review(mut self, review: ReviewStore) -> Model {
        self.review = Some(review);
        self.refilter(false);
        self
    }

    pub fn areas(&self) -> Option<Areas> {
        let arrangement = Arrangement {
            list_percent: self.list_percent,
            zoom: self.zoom,
            actor_panel: self.actor_panel.is_some(),
            timeline: self.timeline.is_some(),
        };
        Areas::for_size(self.size.0, self.size.1, arrangement)
    }

    /// The corpus index of the selected document.
    pub fn selected_doc(&self) -> Option<usize> {
        self.hits.get(self.selected).map(|h| h.doc as usize)
    }

    /// Applies one action. The only place the model changes.
    pub fn update(&mut self, action: Action) {
        self.update_deferred(action);
        self.settle();
    }

    /// Applies an action of a burst (keys typed faster than frames, a paste): consecutive
    /// filter edits run the query once, at the next `settle`; any other action first sees the
    /// results of the edits before it. The event loop settles before it draws.
    pub fn update_deferred(&mut self, action: Action) {
        if !update::edits_query(self, &action) {
            self.settle();
        }
        update::apply(self, action);
    }

    /// Lets `flag`, when set, interrupt a search (see `interrupt`).
    pub fn with_interrupt(mut self, flag: Arc<AtomicBool>) -> Model {
        self.interrupt = flag;
        self
    }

    /// Shows a first page before the complete ranking from `documents` scanned on (tests and
    /// benches use small corpora).
    pub fn with_first_page_from(mut self, documents: usize) -> Model {
        self.first_page_from = documents;
        self
    }

    /// Whether the list shows the results of an earlier query than the filter's (its search
    /// is pending or was interrupted by newer input), or only the first page of the filter's.
    pub fn searching(&self) -> bool {
        self.query_stale
    }

    /// Whether the list holds only the first page of the query's ranking.
    pub fn first_page_only(&self) -> bool {
        self.first_page_of.is_some()
    }

    /// Runs the query to its complete ranking if the filter changed since it last ran.
    pub fn settle(&mut self) {
        if self.query_stale {
            self.query_stale = false;
            self.refilter(false);
        }
    }

    /// The event loop's [`Model::settle`], in two steps when the query scans many documents:
    /// the first call shows the exact first page (still `searching`), so that the screen can
    /// draw it before the next call ranks every match.
    pub fn settle_progressively(&mut self) {
        if self.query_stale {
            self.query_stale = false;
            self.refilter(true);
        }
    }
}
