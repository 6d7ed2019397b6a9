//! The article pane: header (title, date and source, actors) and the wrapped body, scrolled,
//! with query matches and actor mentions lit up and the position shown in the border.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Padding, Paragraph};

use super::styled::{Layer, styled_line};
use super::theme::{THEME, actor_style};
use crate::actors::{ActorKind, Field};
use crate::app::{ArticleLine, Focus, Model};

pub fn draw(model: &Model, frame: &mut Frame, area: Rect) {
    let focused = model.focus == Focus::Article;
    let article = &model.article;
    let mut block = Block::default()
        .border_set(super::theme::border_set())
        .borders(Borders::ALL)
        .border_style(if focused { THEME.border_focused } else { THEME.border })
        .padding(Padding::horizontal(1))
        .title(" Article ");
    let inner = block.inner(area);
    let height = inner.height as usize;
    if !article.lines.is_empty() {
        let last = (model.article_scroll + height).min(article.lines.len());
        let percent = if article.lines.len() <= height { 100 } else { last * 100 / article.lines.len() };
        block = block.title_bottom(
            Line::from(format!(
                " {}-{}/{}{} {}% ",
                model.article_scroll + 1,
                last,
                article.lines.len(),
                if article.is_complete() { "" } else { "+" },
                percent
            ))
            .right_aligned(),
        );
    }
    if let Some(search) = &model.article_search {
        block = block.title_bottom(search_title(model, search, frame, area));
    }
    frame.render_widget(block, area);
    let Some(doc) = article.doc else {
        frame.render_widget(Paragraph::new(Line::styled("no document selected", THEME.dim)), inner);
        return;
    };
    let marks = Marks::for_doc(model, doc, visible_body(model, height));
    let current = current_mention(model, doc);
    let found = Found::of(model);
    let document = &model.library.docs[doc];
    let width = inner.width as usize;
    let lines: Vec<Line> = article
        .lines
        .iter()
        .skip(model.article_scroll)
        .take(height)
        .map(|line| match line {
            ArticleLine::Title(r) => styled_line(
                document.title(),
                r.clone(),
                &[
                    Layer { ranges: &marks.title_query, style: THEME.query_match },
                    Layer { ranges: current.title.as_slice(), style: THEME.selected },
                    Layer { ranges: &found.title, style: THEME.search_match },
                    Layer { ranges: &found.current_title, style: THEME.search_current },
                ],
                THEME.title,
                width,
            ),
            ArticleLine::Meta => meta_line(model, doc, width),
            ArticleLine::Actors(r) => styled_line(&article.actors, r.clone(), &[], THEME.dim, width),
            ArticleLine::Blank => Line::default(),
            ArticleLine::Body(r) => {
                let mut layers = marks.body_layers();
                layers.push(Layer { ranges: current.body.as_slice(), style: THEME.selected });
                layers.push(Layer { ranges: &found.body, style: THEME.search_match });
                layers.push(Layer { ranges: &found.current_body, style: THEME.search_current });
                styled_line(model.library.body(doc), r.clone(), &layers, THEME.base, width)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn meta_line(model: &Model, doc: usize, width: usize) -> Line<'static> {
    let document = &model.library.docs[doc];
    let parts: Vec<&str> = [document.date(), document.source(), Some(document.id())]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
    let mut meta = parts.join(" · ");
    if let Some(review) = super::review::summary(model, doc) {
        meta = format!("{meta}  {review}");
    }
    styled_line(&meta, 0..meta.len(), &[], THEME.dim, width)
}

/// The ranges to light up in one document: query matches, and actor mentions by kind.
struct Marks {
    title_query: Vec<Range<usize>>,
    body_query: Vec<Range<usize>>,
    body_actors: Vec<(ActorKind, Vec<Range<usize>>)>,
}

impl Marks {
    /// `visible` is the byte range of the body on screen: only its mentions are collected, so
    /// a frame costs the same for a short article and a 10 MB one.
    fn for_doc(model: &Model, doc: usize, visible: Range<usize>) -> Marks {
        let library = &model.library;
        let mut body_actors: Vec<(ActorKind, Vec<Range<usize>>)> = Vec::new();
        let mentions = library.index.mentions(doc);
        // Title mentions come first, then body mentions in text order.
        let from = mentions.partition_point(|m| m.in_title || (m.end as usize) < visible.start);
        let in_view = mentions[from..].iter().take_while(|m| m.start as usize <= visible.end);
        for mention in in_view.filter(|m| !m.in_title) {
            let Some(info) = library.actors.table.get(mention.actor as usize) else { continue };
            match body_actors.iter_mut().find(|(k, _)| *k == info.kind) {
                Some((_, ranges)) => ranges.push(mention.range()),
                None => body_actors.push((info.kind, vec![mention.range()])),
            }
        }
        Marks {
            title_query: library.index.highlights(&model.query, doc, Field::Title),
            body_query: library.index.highlights(&model.query, doc, Field::Body),
            body_actors,
        }
    }

    /// Actor mentions first, query matches on top (the query is what the reader looks for).
    fn body_layers(&self) -> Vec<Layer<'_>> {
        let mut layers: Vec<Layer> = self
            .body_actors
            .iter()
            .map(|(kind, ranges)| Layer { ranges, style: actor_style(*kind) })
            .collect();
        layers.push(Layer { ranges: &self.body_query, style: THEME.query_match });
        layers
    }
}

/// The mention jumped to with `]`/`[`, shown reversed.
#[derive(Default)]
struct CurrentMention {
    title: Vec<Range<usize>>,
    body: Vec<Range<usize>>,
}

fn current_mention(model: &Model, doc: usize) -> CurrentMention {
    let mut current = CurrentMention::default();
    let mention = model.mention.and_then(|i| model.library.index.mentions(doc).get(i).copied());
    if let Some(m) = mention {
        match m.field() {
            Field::Title => current.title.push(m.range()),
            Field::Body => current.body.push(m.range()),
        }
    }
    current
}

/// The article search's occurrences, per field, and the current one.
#[derive(Default)]
struct Found {
    title: Vec<Range<usize>>,
    body: Vec<Range<usize>>,
    current_title: Vec<Range<usize>>,
    current_body: Vec<Range<usize>>,
}

impl Found {
    fn of(model: &Model) -> Found {
        let Some(search) = &model.article_search else { return Found::default() };
        let mut found = Found {
            title: search.ranges(Field::Title),
            body: search.ranges(Field::Body),
            ..Default::default()
        };
        if let Some((field, range)) = search.current_match() {
            match field {
                Field::Title => found.current_title.push(range.clone()),
                Field::Body => found.current_body.push(range.clone()),
            }
        }
        found
    }
}

/// ` /text  match i/n ` for the article's bottom border; the cursor goes after the text while
/// it is being typed.
fn search_title(
    model: &Model,
    search: &crate::app::ArticleSearch,
    frame: &mut Frame,
    area: Rect,
) -> Line<'static> {
    let count = match (search.current, search.matches.len()) {
        (_, 0) => "no match".to_string(),
        (Some(i), n) => format!("match {}/{n}", i + 1),
        (None, n) => format!("{n} matches"),
    };
    let room = (area.width as usize).saturating_sub(30 + count.len());
    let typed = crate::text::truncate(search.input.text(), room);
    if model.mode == crate::app::Mode::ArticleSearch {
        let x = area.x as usize + 3 + crate::text::width(&typed);
        frame.set_cursor_position(ratatui::layout::Position::new(
            x.min(area.right().saturating_sub(1) as usize) as u16,
            area.bottom().saturating_sub(1),
        ));
    }
    Line::from(format!(" /{typed}  {count} ")).left_aligned()
}

/// The byte range of the body shown between the scroll position and the bottom of the pane.
fn visible_body(model: &Model, height: usize) -> Range<usize> {
    let shown = model.article.lines.iter().skip(model.article_scroll).take(height);
    let mut body = shown.filter_map(|l| match l {
        ArticleLine::Body(r) => Some(r.clone()),
        _ => None,
    });
    match body.next() {
        Some(first) => first.start..body.next_back().map_or(first.end, |r| r.end),
        None => 0..0,
    }
}
