//! The model while the corpus loads in the background: an empty library and the loader's
//! progress, then the arrival of the real library, which keeps what the user did meanwhile
//! (the filter typed, the help opened, the panes resized).

use std::sync::Arc;

use super::{ActorPanel, ArticleLayout, Message, Model};
use crate::library::Library;
use crate::loading::Status;
use crate::review::ReviewStore;
use crate::search::Session;

/// What the screen says while the corpus loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loading {
    /// What is loading, for the progress line (a file name, or the PATHs given).
    pub name: String,
    pub status: Status,
}

impl Model {
    /// The model of a screen shown before its corpus is loaded: no documents yet, a progress
    /// line instead. The filter line works; the query runs when the library arrives.
    pub fn loading(origin: impl Into<String>, name: impl Into<String>, size: (u16, u16)) -> Model {
        let empty = Library {
            docs: Default::default(),
            actors: Default::default(),
            index: Default::default(),
            date_width: 0,
            discovered: false,
            discovery_skipped: false,
            content_hashes: Default::default(),
        };
        let mut model = Model::new(Arc::new(empty), origin, size);
        model.loading = Some(Loading { name: name.into(), status: Status::default() });
        model
    }

    /// The loader's latest progress (ignored once the library is in).
    pub fn load_progress(&mut self, status: Status) {
        if let Some(loading) = self.loading.as_mut() {
            loading.status = status;
        } else if let Some(building) = self.titles_only.as_mut() {
            *building = status;
        }
    }

    /// While the library is a titles-only one: how far the whole one is.
    pub fn titles_only(&self) -> Option<Status> {
        self.titles_only
    }

    /// A titles-only library to browse while the whole one is built (see
    /// [`Library::titles_only`]): as [`Model::library_ready`], and the status bar says what is
    /// still coming.
    ///
    /// The same titles-only library handed over again brings its review state (made once the
    /// documents' content hashes are, after the titles are shown): review starts then.
    pub fn titles_only_ready(
        &mut self,
        library: Arc<Library>,
        review: Option<ReviewStore>,
        message: Option<Message>,
    ) {
        if self.titles_only.is_some() && Arc::ptr_eq(&library, &self.library) {
            if review.is_some() {
                self.review = review;
                self.refresh_progress();
            }
            if message.is_some() {
                self.message = message;
            }
            return;
        }
        let status = self.loading.as_ref().map(|l| l.status).unwrap_or_default();
        self.library_ready(library, review, message);
        self.titles_only = Some(status);
    }

    /// The whole library of the documents of the titles-only one shown so far: the query and
    /// the selected document carry over; review starts, or goes on with the store opened for
    /// the titles (its undo history included: the documents are the same).
    fn library_completed(
        &mut self,
        library: Arc<Library>,
        review: Option<ReviewStore>,
        message: Option<Message>,
    ) {
        let selected = self.reselect.take().or_else(|| self.selected_doc());
        self.library = library;
        self.review = self.review.take().or(review);
        self.session = Session::new();
        self.first_page_of = None;
        self.reselect = selected;
        self.reset_actor_panel();
        if message.is_some() {
            self.message = message;
        }
        self.refilter(false);
    }

    fn reset_actor_panel(&mut self) {
        if let Some(panel) = self.actor_panel.as_mut() {
            // Actor ids index the new library's table: keep only the panel's own filter.
            *panel = ActorPanel { filter: panel.filter.clone(), ..ActorPanel::default() };
        }
    }

    /// The library is loaded: everything derived from the empty one is dropped and the query
    /// typed meanwhile runs on it. `message`, when given, replaces the status bar's (load
    /// warnings, a review file that could not be opened).
    pub fn library_ready(
        &mut self,
        library: Arc<Library>,
        review: Option<ReviewStore>,
        message: Option<Message>,
    ) {
        if self.titles_only.take().is_some() {
            return self.library_completed(library, review, message);
        }
        self.library = library;
        self.loading = None;
        self.review = review;
        // The session narrows from the previous query's survivors: those of the empty library.
        self.session = Session::new();
        self.query_stale = false;
        self.hits.clear();
        self.selected = 0;
        self.list_offset = 0;
        self.article_scroll = 0;
        self.mention = None;
        self.article = ArticleLayout::default();
        self.article_search = None;
        self.reset_actor_panel();
        if message.is_some() {
            self.message = message;
        }
        self.refilter(false);
    }
}
