//! `apply`: the state transitions. No I/O here; effects belong to the event loop.

use super::{Action, ArticleLayout, Focus, Mode, Model};
use crate::search::{NoReview, Query};

pub(super) fn apply(model: &mut Model, action: Action) {
    use Action::*;
    match action {
        SelectNext => select(model, model.selected.saturating_add(1)),
        SelectPrevious => select(model, model.selected.saturating_sub(1)),
        SelectPageDown => select(model, model.selected.saturating_add(list_page(model))),
        SelectPageUp => select(model, model.selected.saturating_sub(list_page(model))),
        SelectFirst => select(model, 0),
        SelectLast => select(model, model.hits.len().saturating_sub(1)),
        ScrollDown => scroll_to(model, model.article_scroll.saturating_add(1)),
        ScrollUp => scroll_to(model, model.article_scroll.saturating_sub(1)),
        ScrollPageDown => scroll_to(model, model.article_scroll.saturating_add(article_page(model))),
        ScrollPageUp => scroll_to(model, model.article_scroll.saturating_sub(article_page(model))),
        ScrollTop => scroll_to(model, 0),
        ScrollBottom => scroll_to(model, usize::MAX),
        NextMention => jump_to_mention(model, true),
        PreviousMention => jump_to_mention(model, false),
        ToggleFocus => {
            model.focus = match model.focus {
                Focus::List => Focus::Article,
                Focus::Article => Focus::List,
            }
        }
        EditFilter => model.mode = Mode::Filter,
        FilterInsert(c) => edit_filter(model, |f| f.insert(c)),
        FilterPaste(s) => edit_filter(model, |f| f.insert_str(&s)),
        FilterBackspace => edit_filter(model, |f| f.backspace()),
        FilterDelete => edit_filter(model, |f| f.delete()),
        FilterDeleteWord => edit_filter(model, |f| f.delete_word()),
        FilterDeleteToStart => edit_filter(model, |f| f.delete_to_start()),
        FilterCursorLeft => model.filter.left(),
        FilterCursorRight => model.filter.right(),
        FilterCursorHome => model.filter.home(),
        FilterCursorEnd => model.filter.end(),
        FilterAccept => model.mode = Mode::Browse,
        ClearFilter => {
            model.mode = Mode::Browse;
            edit_filter(model, |f| f.clear());
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
    }
}

/// Edits the filter text and re-runs the query when the text changed.
fn edit_filter(model: &mut Model, edit: impl FnOnce(&mut super::LineInput)) {
    let before = model.filter.text().to_string();
    edit(&mut model.filter);
    if model.filter.text() != before {
        model.refilter();
    }
}

impl Model {
    /// Re-runs the query and puts the selection on the best match.
    pub(super) fn refilter(&mut self) {
        self.query = Query::parse(self.filter.text());
        self.hits = self.library.index.search(&self.query, &NoReview);
        self.selected = 0;
        self.list_offset = 0;
        self.article_scroll = 0;
        self.mention = None;
        relayout(self);
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
    }
    keep_selection_visible(model);
    relayout(model);
}

fn keep_selection_visible(model: &mut Model) {
    let rows = list_page(model);
    if model.selected < model.list_offset {
        model.list_offset = model.selected;
    } else if model.selected >= model.list_offset + rows {
        model.list_offset = model.selected + 1 - rows;
    }
}

fn scroll_to(model: &mut Model, line: usize) {
    let height = model.areas().map_or(1, |a| a.article_inner().height as usize);
    model.article_scroll = line.min(model.article.max_scroll(height));
}

/// Recomputes what depends on the selection and the pane sizes: the article's wrapped lines.
fn relayout(model: &mut Model) {
    keep_selection_visible(model);
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
    let Some(mentions) = library.actors.per_doc.get(doc).map(|d| &d.mentions) else { return };
    if mentions.is_empty() {
        return;
    }
    let line_of = |i: usize| model.article.line_of(mentions[i].field, mentions[i].span.start).unwrap_or(0);
    let next = match (model.mention, forward) {
        (Some(i), true) => (i + 1 < mentions.len()).then_some(i + 1),
        (Some(i), false) => i.checked_sub(1),
        (None, true) => (0..mentions.len()).find(|&i| line_of(i) >= model.article_scroll),
        (None, false) => (0..mentions.len()).rev().find(|&i| line_of(i) < model.article_scroll),
    };
    let Some(next) = next else { return };
    model.mention = Some(next);
    let height = model.areas().map_or(1, |a| a.article_inner().height as usize);
    let line = line_of(next);
    if line < model.article_scroll || line >= model.article_scroll + height {
        scroll_to(model, line.saturating_sub(height / 3));
    }
}
