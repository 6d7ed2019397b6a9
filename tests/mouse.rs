//! Mouse gestures through the keymap's mouse mapping, applied to the model.

mod common;

use common::*;
use dossier::app::{Action, Focus, keymap};
use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

fn at(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
    MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE }
}

#[test]
fn clicks_select_rows_and_a_double_click_opens_the_article() {
    let mut m = model(seeds_library(), 120, 35);
    // Row 0 filter, row 1 list border: the third document is on screen row 4.
    let click = at(MouseEventKind::Down(MouseButton::Left), 10, 4);
    let action = keymap::mouse_action(&m, click, false).expect("a row");
    assert_eq!(action, Action::SelectRow(2));
    m.update(action);
    assert_eq!(m.selected, 2);
    let again = keymap::mouse_action(&m, click, true).unwrap();
    assert_eq!(again, Action::FocusArticle);
    m.update(again);
    assert_eq!(m.focus, Focus::Article);
    // Below the last document, and on the border, nothing happens.
    assert_eq!(keymap::mouse_action(&m, at(MouseEventKind::Down(MouseButton::Left), 10, 20), false), None);
    assert_eq!(keymap::mouse_action(&m, at(MouseEventKind::Down(MouseButton::Left), 10, 1), false), None);
}

#[test]
fn the_wheel_scrolls_the_pane_under_it() {
    let mut m = model(seeds_library(), 120, 35);
    let down_article = keymap::mouse_action(&m, at(MouseEventKind::ScrollDown, 80, 10), false).unwrap();
    assert_eq!(down_article, Action::ScrollDown);
    m.update(down_article);
    assert_eq!(m.article_scroll, 1);
    let down_list = keymap::mouse_action(&m, at(MouseEventKind::ScrollDown, 10, 10), false).unwrap();
    assert_eq!(down_list, Action::SelectNext);
}

#[test]
fn the_divider_can_be_grabbed_and_moved() {
    let mut m = model(seeds_library(), 120, 35);
    assert!(keymap::on_divider(&m, 47, 10), "the list's right border");
    assert!(keymap::on_divider(&m, 48, 10), "the article's left border");
    assert!(!keymap::on_divider(&m, 30, 10));
    m.update(Action::SetSplit(60));
    assert_eq!(m.areas().unwrap().list.width, 72);
    // Stacked panes have no vertical divider.
    let narrow = model(seeds_library(), 80, 24);
    assert!(!keymap::on_divider(&narrow, 39, 10));
}
