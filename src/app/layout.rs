//! Where each pane goes for a given terminal size. Pure arithmetic shared by `update` (paging and
//! wrapping need the pane sizes) and the views (which draw into the same rectangles).

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this size the screen says so instead of drawing panes.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 10;

/// Rows of the timeline strip: two of bars, one of dates.
pub const TIMELINE_HEIGHT: u16 = 3;

/// Below this width the list and the article stack vertically.
pub const STACK_BELOW: u16 = 90;

/// Stacked, the share of the height the list and the actor panel beside it take at least.
const STACKED_PANEL_PERCENT: u16 = 55;

/// How the user arranged the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arrangement {
    /// The list's share of the width (side by side) or height (stacked), in percent.
    pub list_percent: u16,
    /// The article alone, full width.
    pub zoom: bool,
    pub actor_panel: bool,
    /// The timeline strip above the status bar.
    pub timeline: bool,
}

impl Default for Arrangement {
    fn default() -> Self {
        Arrangement { list_percent: 40, zoom: false, actor_panel: false, timeline: false }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub filter: Rect,
    pub list: Rect,
    /// The actor panel, under the list, when it is open.
    pub actors: Option<Rect>,
    pub article: Rect,
    /// The timeline strip, when shown.
    pub timeline: Option<Rect>,
    pub status: Rect,
}

impl Areas {
    pub fn for_size(width: u16, height: u16, arrangement: Arrangement) -> Option<Areas> {
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return None;
        }
        let screen = Rect::new(0, 0, width, height);
        let strip = if arrangement.timeline { TIMELINE_HEIGHT } else { 0 };
        let [filter, main, timeline, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(strip),
            Constraint::Length(1),
        ])
        .areas(screen);
        let timeline = arrangement.timeline.then_some(timeline);
        if arrangement.zoom {
            let hidden = Rect { width: 0, height: 0, ..main };
            return Some(Areas { filter, list: hidden, actors: None, article: main, timeline, status });
        }
        let stacked = width < STACK_BELOW;
        let [left, article] = if stacked {
            // Stacked, the list keeps at least three rows of documents when the screen is short;
            // with the actor panel open beside it, both get more: the panel is what the user
            // opened, and at 80x24 a share of 40% left it a single row of actors.
            let percent = match arrangement.actor_panel {
                true => arrangement.list_percent.max(STACKED_PANEL_PERCENT),
                false => arrangement.list_percent,
            };
            let share = (main.height as u32 * percent as u32 / 100) as u16;
            let list_height = share.max(5.min(main.height.saturating_sub(3)));
            Layout::vertical([Constraint::Length(list_height), Constraint::Fill(1)]).areas(main)
        } else {
            Layout::horizontal([Constraint::Percentage(arrangement.list_percent), Constraint::Fill(1)])
                .areas(main)
        };
        let (list, actors) = match (arrangement.actor_panel, stacked) {
            (false, _) => (left, None),
            // Stacked, the list is the screen's width: the panel takes a side of it rather
            // than rows it does not have.
            (true, true) => {
                let panel = (left.width * 2 / 5).max(MIN_WIDTH.min(left.width / 2));
                let [list, actors] =
                    Layout::horizontal([Constraint::Fill(1), Constraint::Length(panel)]).areas(left);
                (list, Some(actors))
            }
            (true, false) => {
                let [list, actors] =
                    Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(left);
                (list, Some(actors))
            }
        };
        Some(Areas { filter, list, actors, article, timeline, status })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn side_by_side_when_wide_stacked_when_narrow_and_zoomed_alone() {
        let wide = Areas::for_size(120, 35, Arrangement::default()).unwrap();
        assert_eq!((wide.list.width, wide.article.x), (48, 48));
        let narrow = Areas::for_size(80, 24, Arrangement::default()).unwrap();
        assert_eq!((narrow.list.width, narrow.article.width), (80, 80));
        assert!(narrow.article.y > narrow.list.y);
        let zoom = Areas::for_size(120, 35, Arrangement { zoom: true, ..Default::default() }).unwrap();
        assert_eq!((zoom.list.width, zoom.article.width), (0, 120));
        let wider_list =
            Areas::for_size(120, 35, Arrangement { list_percent: 60, ..Default::default() }).unwrap();
        assert_eq!(wider_list.list.width, 72);
        assert!(Areas::for_size(29, 35, Arrangement::default()).is_none());
    }

    #[test]
    fn the_actor_panel_has_rows_of_actors_in_every_layout() {
        let panel = Arrangement { actor_panel: true, ..Default::default() };
        for (width, height, at_least) in [(120, 35, 10), (200, 50, 15), (80, 24, 7), (50, 12, 1), (30, 10, 1)]
        {
            let areas = Areas::for_size(width, height, panel).unwrap();
            let what = format!("{width}x{height}: {areas:?}");
            assert!(areas.actor_rows() >= at_least, "{what}");
            assert!(areas.list_rows() >= 1 && areas.article_inner().height >= 1, "{what}");
            let actors = areas.actors.unwrap();
            for other in [areas.list, areas.article, areas.filter, areas.status] {
                assert!(actors.intersection(other).is_empty(), "{what}");
            }
        }
        let stacked = Areas::for_size(80, 24, panel).unwrap();
        assert_eq!(stacked.actors.unwrap().y, stacked.list.y, "beside the list");
        assert_eq!(stacked.list.width + stacked.actors.unwrap().width, 80);
    }
}
