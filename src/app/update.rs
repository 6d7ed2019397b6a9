//! `apply`: the state transitions. No I/O here; effects belong to the event loop.

use super::{Action, ActorPanel, ArticleLayout, Focus, LineInput, Mode, Model, actor_token};
use crate::actors::Field;
use crate::search::{NoReview, Query, ReviewLookup};

pub(super) fn apply(model: &mut Model, action: Action) {
    use Action::*;
    if model.mode == Mode::Note && edit_note_text(model, &action) {
        return;
    }
    match action {
        SelectNext | SelectPrevious | SelectPageDown | SelectPageUp | SelectFirst | SelectLast => {
            move_selection(model, &action)
        }
        ScrollDown => scroll_to(model, model.article_scroll.saturating_add(1)),
        ScrollUp => scroll_to(model, model.article_scroll.saturating_sub(1)),
        ScrollPageDown => scroll_to(model, model.article_scroll.saturating_add(article_page(model))),
        ScrollPageUp => scroll_to(model, model.article_scroll.saturating_sub(article_page(model))),
        ScrollTop => scroll_to(model, 0),
        ScrollBottom => scroll_to(model, usize::MAX),
        Copy(what) => {
            if let Some(doc) = model.selected_doc() {
                let d = &model.library.docs[doc];
                let text = match what {
                    super::CopyWhat::Id => d.id().to_string(),
                    super::CopyWhat::Title => d.title().to_string(),
                    super::CopyWhat::Text => crate::text::document_as_text(&model.library.docs.whole(doc)),
                };
                let what = format!("{what:?}").to_lowercase();
                model.message = Some(super::Message { text: format!("copied the {what}"), error: false });
                model.effects.push(super::Effect::Copy(text));
            }
        }
        OpenExternally(editor) => {
            if let Some(doc) = model.selected_doc() {
                model.effects.push(super::Effect::Open { doc, editor });
            }
        }
        NextView => {
            if model.views.is_empty() {
                model.message = Some(super::Message {
                    text: "no saved views: add them under [views] in the config".into(),
                    error: false,
                });
            } else {
                let next = model.view.map_or(0, |v| (v + 1) % model.views.len());
                model.view = Some(next);
                let (name, query) = model.views[next].clone();
                model.filter.clear();
                model.filter.insert_str(&query);
                model.refilter(false);
                model.message = Some(super::Message { text: format!("view {name}: {query}"), error: false });
            }
        }
        ToggleTimeline => {
            model.timeline = match model.timeline {
                Some(_) => None,
                None => Some(crate::timeline::Timeline::count(&model.library.docs, &model.hits)),
            };
            relayout(model);
        }
        NarrowToDate(month) => narrow_to_date(model, month),
        CycleSort => {
            model.sort = model.sort.next();
            model.refilter(false);
        }
        SearchArticle => {
            model.article_search.get_or_insert_with(Default::default);
            model.mode = Mode::ArticleSearch;
        }
        NextMatch => step_match(model, true),
        PreviousMatch => step_match(model, false),
        NextMention => jump_to_mention(model, true),
        PreviousMention => jump_to_mention(model, false),
        ToggleFocus => model.focus = next_focus(model),
        ToggleActorPanel => toggle_actor_panel(model),
        SelectRow(row) => {
            model.focus = Focus::List;
            select(model, row);
        }
        FocusArticle => model.focus = Focus::Article,
        SetSplit(percent) => {
            model.list_percent = percent.clamp(15, 85);
            relayout(model);
        }
        ResizeSplit(delta) => {
            model.list_percent = (model.list_percent as i16 + delta).clamp(15, 85) as u16;
            relayout(model);
        }
        ToggleZoom => {
            model.zoom = !model.zoom;
            if model.zoom {
                model.focus = Focus::Article;
            }
            relayout(model);
        }
        EditActorFilter => {
            if model.actor_panel.is_some() {
                model.mode = Mode::ActorFilter;
            }
        }
        AddSelectedActor => add_selected_actor(model),
        EditFilter => model.mode = Mode::Filter,
        FilterInsert(c) => edit_filter(model, |f| f.insert(c)),
        FilterPaste(s) => edit_filter(model, |f| f.insert_str(&s)),
        FilterBackspace => edit_filter(model, |f| f.backspace()),
        FilterDelete => edit_filter(model, |f| f.delete()),
        FilterDeleteWord => edit_filter(model, |f| f.delete_word()),
        FilterDeleteToStart => edit_filter(model, |f| f.delete_to_start()),
        FilterCursorLeft => edit_filter(model, |f| f.left()),
        FilterCursorRight => edit_filter(model, |f| f.right()),
        FilterCursorHome => edit_filter(model, |f| f.home()),
        FilterCursorEnd => edit_filter(model, |f| f.end()),
        HistoryStep(step) => match model.mode {
            Mode::Filter => history_step(model, step),
            // The actor panel's filter has no history: the arrows move in the panel.
            Mode::ActorFilter if step < 0 => move_selection(model, &SelectPrevious),
            Mode::ActorFilter => move_selection(model, &SelectNext),
            _ => {}
        },
        FilterAccept => {
            if model.mode == Mode::Filter {
                let query = model.filter.text().to_string();
                if let Err(error) = model.history.push(&query) {
                    model.message =
                        Some(super::Message { text: format!("history not saved: {error}"), error: true });
                }
                model.history_position = None;
            }
            model.mode = Mode::Browse;
        }
        ClearFilter if model.mode == Mode::ArticleSearch => {
            model.article_search = None;
            model.mode = Mode::Browse;
        }
        ClearFilter => {
            let editing_panel = model.mode == Mode::ActorFilter;
            edit_filter(model, |f| f.clear());
            model.mode = Mode::Browse;
            if !editing_panel && model.focus == Focus::Actors {
                // Esc on the panel itself closes it.
                toggle_actor_panel(model);
            }
        }
        ToggleHelp => {
            model.mode = if model.mode == Mode::Help { Mode::Browse } else { Mode::Help };
            model.help_scroll = 0;
        }
        ScrollHelp(lines) => {
            model.help_scroll = model.help_scroll.saturating_add_signed(lines as isize);
        }
        Resize(w, h) => {
            model.size = (w, h);
            relayout(model);
        }
        Quit => model.should_quit = true,
        ToggleReviewed | ToggleFlagged | ToggleLabelNumber(_) | MarkReviewedAndNext | NextUnreviewed
        | UndoReview | EditNote | PromptLabel | CompleteLabel | EditorConfirm | EditorCancel
        | ReloadReview => super::review::apply(model, action),
        NoteNewline => edit_note(model, |a, _| a.insert('\n')),
        NoteVertical(delta) => edit_note(model, |a, width| a.vertical(delta as isize, width)),
    }
}

/// Edits the note being written; `width` is the editor's text width, for vertical moves.
fn edit_note(model: &mut Model, edit: impl FnOnce(&mut super::TextArea, usize)) {
    let width = note_width(model);
    if let Some(super::Editor::Note { area, .. }) = model.editor.as_mut() {
        edit(area, width);
    }
}

/// The note editor's text width for the current screen (the view draws it this wide).
pub fn note_width(model: &Model) -> usize {
    // Keep in step with ui::review::draw_editor, which draws the box this wide plus borders.
    (model.size.0 as usize).saturating_sub(8).clamp(1, 72)
}

/// Selects row `index` of the list (for review moves that jump).
pub(super) fn select_row(model: &mut Model, index: usize) {
    select(model, index);
}

/// Edits the filter being typed (the query, or the actor panel's) and re-runs what depends on
/// it when the text changed.
fn edit_filter(model: &mut Model, edit: impl FnOnce(&mut LineInput)) {
    if model.mode == Mode::ArticleSearch {
        if let Some(mut search) = model.article_search.take() {
            let before = search.input.text().to_string();
            edit(&mut search.input);
            let changed = search.input.text() != before;
            model.article_search = Some(search);
            if changed {
                refind(model);
                step_match(model, true);
            }
        }
        return;
    }
    if let (Mode::Label, Some(super::Editor::Label { input, completion, .. })) =
        (model.mode, model.editor.as_mut())
    {
        edit(input);
        *completion = None;
        return;
    }
    if model.mode == Mode::ActorFilter || (model.focus == Focus::Actors && model.mode == Mode::Browse) {
        let library = model.library.clone();
        if let Some(panel) = model.actor_panel.as_mut() {
            let before = panel.filter.text().to_string();
            edit(&mut panel.filter);
            if panel.filter.text() != before {
                panel.selected = 0;
                panel.offset = 0;
                panel.narrow(&library);
                panel.count_co_mentions(&library, &model.hits);
            }
        }
        return;
    }
    let before = model.filter.text().to_string();
    edit(&mut model.filter);
    if model.filter.text() != before {
        // Searched once the burst of edits is over (Model::update_batch).
        model.query_stale = true;
    }
}

/// Whether `action` only edits the query's text (so it may wait for the end of a burst).
pub(super) fn edits_query(model: &Model, action: &Action) -> bool {
    use Action::*;
    model.mode == Mode::Filter
        && matches!(
            action,
            HistoryStep(_)
                | FilterInsert(_)
                | FilterPaste(_)
                | FilterBackspace
                | FilterDelete
                | FilterDeleteWord
                | FilterDeleteToStart
                | FilterCursorLeft
                | FilterCursorRight
                | FilterCursorHome
                | FilterCursorEnd
        )
}

/// Applies the shared editing actions (typing, deleting, moving) to the note's text area.
/// Returns false for actions that are not editing ones.
fn edit_note_text(model: &mut Model, action: &Action) -> bool {
    let Some(super::Editor::Note { area, .. }) = model.editor.as_mut() else { return false };
    match action {
        Action::FilterInsert(c) => area.insert(*c),
        Action::FilterPaste(s) => area.insert_str(s),
        Action::FilterBackspace => area.backspace(),
        Action::FilterDelete => area.delete(),
        Action::FilterCursorLeft => area.left(),
        Action::FilterCursorRight => area.right(),
        Action::FilterCursorHome => area.home(),
        Action::FilterCursorEnd => area.end(),
        _ => return false,
    }
    true
}

impl Model {
    /// Re-runs the query and sorts the hits. The selection stays on the same document when it
    /// is still listed, else goes to the first row.
    ///
    /// With `first_page`, a query scanning many documents first lists only its first page
    /// (exact, see `Session::first_page`) and stays stale: the next call ranks every match.
    pub(super) fn refilter(&mut self, first_page: bool) {
        let query = Query::parse(self.filter.text());
        let lookup: &dyn ReviewLookup = match &self.review {
            Some(store) => store,
            None => &NoReview,
        };
        let index = &self.library.index;
        let page_first = first_page
            && self.sort == crate::order::SortOrder::Relevance
            && !query.is_empty()
            && self.first_page_of.as_ref() != Some(&query)
            && self.session.would_scan(&query).unwrap_or(self.library.len()) >= self.first_page_from;
        let found = if page_first {
            let rows = self.areas().map_or(1, |a| a.list_rows()).max(1);
            self.session.first_page(index, &query, lookup, rows, &self.interrupt)
        } else {
            self.session.search_until(index, &query, lookup, &self.interrupt)
        };
        let Some(hits) = found else {
            // A key arrived meanwhile: the list keeps the last results until the query is
            // searched again, after that key.
            self.query_stale = true;
            return;
        };
        // The document to keep selected: the one selected before any first page.
        let selected_doc = self.reselect.take().or_else(|| self.selected_doc());
        self.query = query;
        self.hits = hits;
        if page_first {
            self.first_page_of = Some(self.query.clone());
            self.query_stale = true;
        } else {
            self.first_page_of = None;
            crate::order::sort_hits(&self.library.docs, &mut self.hits, self.sort);
            self.refresh_progress();
        }
        let kept = selected_doc.and_then(|doc| self.hits.iter().position(|h| h.doc as usize == doc));
        if page_first && kept.is_none() {
            self.reselect = selected_doc;
        }
        match kept {
            // Same document: it stays selected, read where it was.
            Some(position) => self.selected = position,
            None => {
                self.selected = 0;
                self.list_offset = 0;
                self.article_scroll = 0;
                self.mention = None;
            }
        }
        // Counts over the list wait for the complete ranking.
        if let Some(panel) = self.actor_panel.as_mut().filter(|_| !page_first) {
            panel.recount(&self.library, &self.hits);
            panel.count_co_mentions(&self.library, &self.hits);
        }
        if self.timeline.is_some() && !page_first {
            self.timeline = Some(crate::timeline::Timeline::count(&self.library.docs, &self.hits));
        }
        relayout(self);
        // The query changed: show where it matches (a no-op when that is on the first page).
        open_at_first_match(self);
        refind(self);
    }
}

fn next_focus(model: &Model) -> Focus {
    match (model.focus, model.actor_panel.is_some()) {
        (Focus::List, true) => Focus::Actors,
        (Focus::List, false) | (Focus::Actors, _) => Focus::Article,
        (Focus::Article, _) => Focus::List,
    }
}

fn toggle_actor_panel(model: &mut Model) {
    if model.actor_panel.take().is_some() {
        if model.focus == Focus::Actors {
            model.focus = Focus::List;
        }
    } else {
        let mut panel = ActorPanel::default();
        panel.recount(&model.library, &model.hits);
        panel.count_co_mentions(&model.library, &model.hits);
        model.actor_panel = Some(panel);
        model.focus = Focus::Actors;
    }
    relayout(model);
}

/// Adds `@Actor` for the panel's selection to the query (once) and re-runs it.
fn add_selected_actor(model: &mut Model) {
    let Some(actor) = model.actor_panel.as_ref().and_then(ActorPanel::selected_actor) else { return };
    let token = actor_token(&model.library.actors.table[actor as usize].name);
    if model.filter.text().split_whitespace().any(|t| t == token) {
        return;
    }
    let mut text = model.filter.text().trim_end().to_string();
    if !text.is_empty() {
        text.push(' ');
    }
    text.push_str(&token);
    model.filter.clear();
    model.filter.insert_str(&text);
    model.refilter(false);
}

fn move_selection(model: &mut Model, action: &Action) {
    let on_panel = model.focus == Focus::Actors && model.actor_panel.is_some();
    let (current, len, page) = if on_panel {
        let panel = model.actor_panel.as_ref().expect("checked above");
        (panel.selected, panel.shown.len(), model.areas().map_or(1, |a| a.actor_rows().max(1)))
    } else {
        (model.selected, model.hits.len(), list_page(model))
    };
    let target = match action {
        Action::SelectNext => current.saturating_add(1),
        Action::SelectPrevious => current.saturating_sub(1),
        Action::SelectPageDown => current.saturating_add(page),
        Action::SelectPageUp => current.saturating_sub(page),
        Action::SelectFirst => 0,
        _ => len.saturating_sub(1),
    };
    if on_panel {
        if let Some(panel) = model.actor_panel.as_mut() {
            panel.select(target, page);
            panel.count_co_mentions(&model.library, &model.hits);
        }
    } else {
        select(model, target);
    }
}

fn list_page(model: &Model) -> usize {
    model.areas().map_or(1, |a| a.list_rows().max(1))
}

fn article_page(model: &Model) -> usize {
    model.areas().map_or(1, |a| (a.article_inner().height as usize).saturating_sub(1).max(1))
}

fn select(model: &mut Model, index: usize) {
    let last = model.hits.len().saturating_sub(1);
    let index = index.min(last);
    if index != model.selected {
        model.selected = index;
        model.article_scroll = 0;
        model.mention = None;
        relayout(model);
        open_at_first_match(model);
        refind(model);
    }
    keep_selection_visible(model);
    relayout(model);
}

/// Shows the article from its first query match when that is below the first page.
fn open_at_first_match(model: &mut Model) {
    let Some(doc) = model.selected_doc() else { return };
    let Some(first) = model.library.index.highlights(&model.query, doc, Field::Body).into_iter().next()
    else {
        return;
    };
    let height = model.areas().map_or(1, |a| a.article_inner().height as usize);
    let library = model.library.clone();
    model.article.extend_to_offset(&library, first.start);
    if let Some(line) = model.article.line_of(Field::Body, first.start).filter(|&l| l >= height) {
        scroll_to(model, line.saturating_sub(height / 3));
    }
}

/// Re-runs the article search on the selected document.
fn refind(model: &mut Model) {
    if let Some(mut search) = model.article_search.take() {
        search.find(model, model.selected_doc());
        model.article_search = Some(search);
    }
}

/// Moves to the next (or previous) article-search match, wrapping, and scrolls it into view.
/// Without a current match, starts from the top of the visible part of the article.
fn step_match(model: &mut Model, forward: bool) {
    let Some(search) = model.article_search.as_ref() else { return };
    let n = search.matches.len();
    if n == 0 {
        return;
    }
    // Lines of matches not laid out yet are below the view (none).
    let lines: Vec<Option<usize>> =
        search.matches.iter().map(|(field, r)| model.article.line_of(*field, r.start)).collect();
    let scroll = model.article_scroll;
    let next = match (search.current, forward) {
        (Some(i), true) => (i + 1) % n,
        (Some(i), false) => (i + n - 1) % n,
        (None, true) => (0..n).find(|&i| lines[i].is_none_or(|l| l >= scroll)).unwrap_or(0),
        (None, false) => (0..n).rev().find(|&i| lines[i].is_some_and(|l| l < scroll)).unwrap_or(n - 1),
    };
    let (field, offset) = (search.matches[next].0, search.matches[next].1.start);
    if let Some(search) = model.article_search.as_mut() {
        search.current = Some(next);
    }
    show_offset(model, field, offset);
}

/// Scrolls so that byte `offset` of a field is in view, a third down the pane, laying out the
/// body as far as it first.
fn show_offset(model: &mut Model, field: Field, offset: usize) {
    let library = model.library.clone();
    model.article.extend_to_offset(&library, offset);
    let height = model.areas().map_or(1, |a| a.article_inner().height as usize);
    let line = model.article.line_of(field, offset).unwrap_or(0);
    if line < model.article_scroll || line >= model.article_scroll + height {
        scroll_to(model, line.saturating_sub(height / 3));
    }
}

fn keep_selection_visible(model: &mut Model) {
    let rows = model.areas().map_or(0, |a| a.list_rows());
    if rows == 0 {
        // The list is hidden (zoomed article): nothing to keep in view.
        return;
    }
    // Never leave empty rows at the bottom while earlier rows are scrolled away.
    model.list_offset = model.list_offset.min(model.hits.len().saturating_sub(rows));
    if model.selected < model.list_offset {
        model.list_offset = model.selected;
    } else if model.selected >= model.list_offset + rows {
        model.list_offset = model.selected + 1 - rows;
    }
}

fn scroll_to(model: &mut Model, line: usize) {
    let height = model.areas().map_or(1, |a| a.article_inner().height as usize);
    // Lay out as far as the view will show (all of it for the end of the article).
    let library = model.library.clone();
    model.article.extend_to_line(&library, line.saturating_add(2 * height));
    model.article_scroll = line.min(model.article.max_scroll(height));
}

/// Re-lays out after a change made outside `update` (configuration at start-up).
pub(super) fn relayout_now(model: &mut Model) {
    relayout(model);
}

/// Recomputes what depends on the selection and the pane sizes: the article's wrapped lines.
fn relayout(model: &mut Model) {
    keep_selection_visible(model);
    let rows = model.areas().map_or(1, |a| a.actor_rows());
    if let Some(panel) = model.actor_panel.as_mut() {
        let selected = panel.selected;
        panel.select(selected, rows);
    }
    let width = model.areas().map_or(1, |a| a.article_inner().width.max(1) as usize);
    let doc = model.selected_doc();
    if model.article.doc != doc || model.article.width != width {
        model.article = ArticleLayout::build(&model.library, doc, width);
    }
    let height = model.areas().map_or(1, |a| a.article_inner().height as usize);
    model.article_scroll = model.article_scroll.min(model.article.max_scroll(height));
}

/// Moves to the next (or previous) actor mention and scrolls it into view, a third down the
/// pane so the sentence around it shows. Without a current mention, starts from the top of the
/// visible part of the article.
fn jump_to_mention(model: &mut Model, forward: bool) {
    let Some(doc) = model.selected_doc() else { return };
    let library = model.library.clone();
    let mentions = library.index.mentions(doc);
    if mentions.is_empty() {
        return;
    }
    // Mentions not laid out yet are below the view (none).
    let line_of = |i: usize| model.article.line_of(mentions[i].field(), mentions[i].start as usize);
    let scroll = model.article_scroll;
    let next = match (model.mention, forward) {
        (Some(i), true) => (i + 1 < mentions.len()).then_some(i + 1),
        (Some(i), false) => i.checked_sub(1),
        (None, true) => (0..mentions.len()).find(|&i| line_of(i).is_none_or(|l| l >= scroll)),
        (None, false) => (0..mentions.len()).rev().find(|&i| line_of(i).is_some_and(|l| l < scroll)),
    };
    let Some(next) = next else { return };
    model.mention = Some(next);
    show_offset(model, mentions[next].field(), mentions[next].start as usize);
}

/// Up/Down in the filter line: walk the history from the newest; past the newest, an empty line.
fn history_step(model: &mut Model, step: i32) {
    let n = model.history.entries().len();
    if n == 0 {
        return;
    }
    let position = match (model.history_position, step < 0) {
        (None, true) => Some(n - 1),
        (None, false) => None,
        (Some(i), true) => Some(i.saturating_sub(1)),
        (Some(i), false) => (i + 1 < n).then_some(i + 1),
    };
    model.history_position = position;
    let text = position.map_or(String::new(), |i| model.history.entries()[i].clone());
    model.filter.clear();
    model.filter.insert_str(&text);
    model.query_stale = true;
}

/// Adds `date:YYYY-MM` (or `date:YYYY`) of the selected document to the query, replacing a
/// `date:` term already there.
fn narrow_to_date(model: &mut Model, month: bool) {
    let Some(doc) = model.selected_doc() else { return };
    let Some(date) = model.library.docs[doc].date() else {
        model.message = Some(super::Message { text: "this document has no date".into(), error: true });
        return;
    };
    let Some(prefix) = (if month { crate::timeline::month_of(date) } else { date.get(..4) }) else { return };
    let mut terms: Vec<&str> =
        model.filter.text().split_whitespace().filter(|t| !t.starts_with("date:")).collect();
    let term = format!("date:{prefix}");
    terms.push(&term);
    let text = terms.join(" ");
    model.filter.clear();
    model.filter.insert_str(&text);
    model.refilter(false);
}
