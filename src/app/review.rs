//! Review actions: marks, labels, notes, undo, the review loop. Each change goes through the
//! review store, which writes it to disk at once (atomically, merged with other writers); a
//! failed save is shown and retried with the next change, never silently dropped.

use super::{Action, Editor, LineInput, Message, Mode, Model, TextArea};
use crate::review::{Change, Progress, ReviewError, Undone};

/// Review progress over the whole corpus and over the listed documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReviewProgress {
    pub corpus: Progress,
    pub listed: Progress,
}

pub(super) fn apply(model: &mut Model, action: Action) {
    use Action::*;
    match action {
        ToggleReviewed => {
            change_selected(model, Change::ToggleReviewed);
        }
        ToggleFlagged => {
            change_selected(model, Change::ToggleFlagged);
        }
        ToggleLabelNumber(n) => match model.labels.get(n).cloned() {
            Some(label) => {
                change_selected(model, Change::ToggleLabel(label));
            }
            None => say(model, format!("no label on key {}: add one with l", n + 1), true),
        },
        MarkReviewedAndNext if change_selected(model, Change::MarkReviewed) => next_unreviewed(model),
        MarkReviewedAndNext => {}
        NextUnreviewed => next_unreviewed(model),
        UndoReview => undo(model),
        EditNote => open_editor(model, |doc, model| {
            let note = model.review.as_ref().and_then(|r| r.record(doc)).and_then(|r| r.note()).unwrap_or("");
            (Editor::Note { doc, area: TextArea::new(note) }, Mode::Note)
        }),
        PromptLabel => open_editor(model, |doc, _| {
            (Editor::Label { doc, input: LineInput::default(), completion: None }, Mode::Label)
        }),
        CompleteLabel => complete_label(model),
        EditorConfirm => confirm_editor(model),
        EditorCancel => {
            model.editor = None;
            model.mode = Mode::Browse;
        }
        ReloadReview => reload(model),
        _ => {}
    }
}

/// Why a review key does nothing.
fn review_off(model: &Model) -> &'static str {
    match model.titles_only() {
        Some(_) => "review starts in a moment: every document is being read (titles only so far)",
        None => "review is off: no review file (see --review)",
    }
}

/// Applies a change to the selected document; true when it was applied (saved or not).
fn change_selected(model: &mut Model, change: Change) -> bool {
    let Some(doc) = model.selected_doc() else { return false };
    change_doc(model, doc, change)
}

fn change_doc(model: &mut Model, doc: usize, change: Change) -> bool {
    let Some(store) = model.review.as_mut() else {
        say(model, review_off(model).into(), true);
        return false;
    };
    let result = store.apply(doc, change);
    match result {
        Ok(_) => {
            model.message = None;
            model.refresh_progress();
            true
        }
        Err(ReviewError::InvalidLabel(label)) => {
            say(model, format!("{label:?} cannot be a label (no ';' or control characters)"), true);
            false
        }
        Err(error) => {
            // The change is kept in memory and saved with the next one; say so loudly.
            say(model, format!("NOT SAVED: {error}"), true);
            model.refresh_progress();
            true
        }
    }
}

fn next_unreviewed(model: &mut Model) {
    let Some(store) = model.review.as_ref() else { return };
    let order: Vec<u32> = model.hits.iter().map(|h| h.doc).collect();
    match store.next_unreviewed(&order, model.selected) {
        Some(position) => super::update::select_row(model, position),
        None => say(model, "every listed document is reviewed".into(), false),
    }
}

fn undo(model: &mut Model) {
    let Some(store) = model.review.as_mut() else { return };
    let result = store.undo();
    let text = match result {
        Ok(Some(Undone::Reverted { doc, change })) => {
            // Show the document the undo touched, so the user sees what changed back.
            if let Some(position) = model.hits.iter().position(|h| h.doc as usize == doc) {
                super::update::select_row(model, position);
            }
            Ok(format!("undone: {}", describe(&change)))
        }
        Ok(Some(Undone::Superseded { change, .. })) => {
            Ok(format!("not undone: {} was changed since by another dossier", describe(&change)))
        }
        Ok(None) => Ok("nothing to undo".to_string()),
        Err(error) => Err(format!("NOT SAVED: {error}")),
    };
    model.refresh_progress();
    match text {
        Ok(text) => say(model, text, false),
        Err(text) => say(model, text, true),
    }
}

fn describe(change: &Change) -> String {
    match change {
        Change::ToggleReviewed | Change::MarkReviewed | Change::SetReviewed(_) => "reviewed".into(),
        Change::ToggleFlagged | Change::SetFlagged(_) => "flag".into(),
        Change::ToggleLabel(l) | Change::SetLabel(l, _) => format!("label {l}"),
        Change::SetNote(_) => "note".into(),
    }
}

fn open_editor(model: &mut Model, make: impl FnOnce(usize, &Model) -> (Editor, Mode)) {
    let Some(doc) = model.selected_doc() else { return };
    if model.review.is_none() {
        say(model, review_off(model).into(), true);
        return;
    }
    let (editor, mode) = make(doc, model);
    model.editor = Some(editor);
    model.mode = mode;
}

/// Tab in the label prompt: the next known label starting with what was typed.
fn complete_label(model: &mut Model) {
    let known = model.known_labels();
    let Some(Editor::Label { input, completion, .. }) = model.editor.as_mut() else { return };
    let typed = match completion {
        Some(i) => known.get(*i).map(|_| input.text().to_string()).unwrap_or_default(),
        None => input.text().to_string(),
    };
    let prefix = crate::text::fold(&typed);
    let start = completion.map_or(0, |i| i + 1);
    let found = (0..known.len())
        .map(|k| (start + k) % known.len().max(1))
        .find(|&i| completion.is_some() || crate::text::fold(&known[i]).starts_with(&prefix));
    if let Some(i) = found {
        input.clear();
        input.insert_str(&known[i]);
        *completion = Some(i);
    }
}

fn confirm_editor(model: &mut Model) {
    let Some(editor) = model.editor.take() else { return };
    model.mode = Mode::Browse;
    match editor {
        Editor::Note { doc, area } => {
            let note = area.text().trim_end().to_string();
            let unchanged =
                model.review.as_ref().and_then(|r| r.record(doc)).and_then(|r| r.note()).unwrap_or("")
                    == note;
            if !unchanged {
                change_doc(model, doc, Change::SetNote(note));
            }
        }
        Editor::Label { doc, input, .. } => {
            let label = input.text().trim().to_string();
            if !label.is_empty() {
                change_doc(model, doc, Change::ToggleLabel(label));
            }
        }
    }
}

fn reload(model: &mut Model) {
    let Some(store) = model.review.as_mut() else { return };
    if let Err(error) = store.reload() {
        say(model, format!("cannot re-read the review file: {error}"), true);
    }
    model.refresh_progress();
}

fn say(model: &mut Model, text: String, error: bool) {
    model.message = Some(Message { text, error });
}

impl Model {
    /// Labels offered for completion: the configured ones, then every label in use.
    pub fn known_labels(&self) -> Vec<String> {
        let defaults: Vec<&str> = self.labels.iter().map(String::as_str).collect();
        self.review.as_ref().map_or_else(|| self.labels.clone(), |r| r.known_labels(&defaults))
    }

    /// Recounts review progress for the corpus and the listed documents.
    pub(super) fn refresh_progress(&mut self) {
        self.progress = self.review.as_ref().map(|store| {
            let listed: Vec<u32> = self.hits.iter().map(|h| h.doc).collect();
            ReviewProgress { corpus: store.progress(), listed: store.progress_in(&listed) }
        });
    }
}
