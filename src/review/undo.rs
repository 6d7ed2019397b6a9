//! The undo stack. Undoing writes the previous value back as a new change with a new time, so the
//! undo is saved and merged like any other change (an older copy of the state cannot resurrect
//! the undone value).
//!
//! A change is only undone if its field still holds exactly what the change put there. If another
//! dossier on the same file has changed that field since, undoing would silently destroy the other
//! analyst's decision, so the entry is dropped and reported as [`Undone::Superseded`].

use super::state::{Applied, Change, ReviewState};

/// How many changes can be undone; older ones are forgotten.
pub const UNDO_LIMIT: usize = 10_000;

/// The result of [`ReviewStore::undo`](super::ReviewStore::undo).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undone {
    /// The change to document `doc` (corpus index) was reverted.
    Reverted { doc: usize, change: Change },
    /// The field was changed since by someone else; it was left alone and the entry dropped.
    Superseded { doc: usize, change: Change },
}

#[derive(Debug, Clone)]
pub(crate) struct UndoEntry {
    pub doc: usize,
    pub key: String,
    pub change: Change,
    pub applied: Applied,
}

#[derive(Debug, Default)]
pub(crate) struct UndoStack {
    entries: Vec<UndoEntry>,
}

impl UndoStack {
    pub fn push(&mut self, entry: UndoEntry) {
        self.entries.push(entry);
        if self.entries.len() > UNDO_LIMIT {
            let excess = self.entries.len() - UNDO_LIMIT;
            self.entries.drain(..excess);
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Pops the last change and reverts it in `state` (the document's text now hashing to `hash`).
    /// The caller saves.
    pub fn undo(
        &mut self,
        state: &mut ReviewState,
        hash_of: impl Fn(usize) -> String,
        now: u64,
    ) -> Option<Undone> {
        let entry = self.entries.pop()?;
        let UndoEntry { doc, key, change, .. } = entry.clone();
        let field = &entry.applied.field;
        let current = state.record(&key).and_then(|r| r.get(field));
        if current.as_ref() != Some(&entry.applied.after) {
            return Some(Undone::Superseded { doc, change });
        }
        let before = entry.applied.before.clone();
        let restored = state.set(&key, &hash_of(doc), field.clone(), before.clone(), now);
        // The entry below for the same field expects to find its own value with its own time; the
        // value is back, under our new time, so tell it.
        if let Some(stamp) = restored.map(|a| a.after.changed) {
            let below = self.entries.iter_mut().rev().find(|e| e.key == key && e.applied.field == *field);
            if let Some(below) = below.filter(|e| e.applied.after.value == before) {
                below.applied.after.changed = stamp;
            }
        }
        Some(Undone::Reverted { doc, change })
    }
}
