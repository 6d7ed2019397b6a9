//! Where each pane goes for a given terminal size. Pure arithmetic shared by `update` (paging and
//! wrapping need the pane sizes) and the views (which draw into the same rectangles).

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this size the screen says so instead of drawing panes.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub filter: Rect,
    pub list: Rect,
    /// The actor panel, under the list, when it is open.
    pub actors: Option<Rect>,
    pub article: Rect,
    pub status: Rect,
}

impl Areas {
    pub fn for_size(width: u16, height: u16, actor_panel: bool) -> Option<Areas> {
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return None;
        }
        let screen = Rect::new(0, 0, width, height);
        let [filter, main, status] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)])
                .areas(screen);
        let [left, article] =
            Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(main);
        let (list, actors) = if actor_panel {
            let [list, actors] =
                Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(left);
            (list, Some(actors))
        } else {
            (left, None)
        };
        Some(Areas { filter, list, actors, article, status })
    }

    /// Rows of the list inside its border.
    pub fn list_rows(&self) -> usize {
        self.list.height.saturating_sub(2) as usize
    }

    /// The article's text area inside its border (1 column of padding each side).
    pub fn article_inner(&self) -> Rect {
        Rect {
            x: self.article.x + 2,
            y: self.article.y + 1,
            width: self.article.width.saturating_sub(4),
            height: self.article.height.saturating_sub(2),
        }
    }
}

impl Areas {
    /// Rows of the actor panel's list (inside its border, under its filter line).
    pub fn actor_rows(&self) -> usize {
        self.actors.map_or(0, |a| a.height.saturating_sub(3) as usize)
    }
}
