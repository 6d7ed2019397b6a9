//! `layout.ascii_borders`: every border drawn with + - | (a process-wide setting, so a test
//! binary of its own).

mod common;

use common::*;
use dossier::app::Action;

#[test]
fn ascii_borders_leave_no_line_drawing_characters() {
    dossier::ui::theme::configure(&Default::default(), true);
    let mut m = model(seeds_library(), 100, 30);
    m.update(Action::ToggleActorPanel);
    let shown = screen(&m);
    assert!(shown.contains("+-"), "{shown}");
    assert!(!shown.chars().any(|c| ('\u{2500}'..='\u{257F}').contains(&c)), "{shown}");
}
