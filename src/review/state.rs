//! In-memory review state, no I/O. Every field of a document's record carries the time it last
//! changed, so two copies of the state merge field by field (the newer change wins) and an undo is
//! simply one more change. A label that is removed stays as `false` with its time (a tombstone),
//! so that merging with an older copy that still has it does not bring it back.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ReviewError;

/// A value and when it was set (Unix milliseconds).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamped<T> {
    pub value: T,
    pub changed: u64,
}

impl<T: Ord> Stamped<T> {
    /// Whether `self` replaces `other` in a merge: the newer wins; on equal times the greater
    /// value wins, so that every copy settles on the same result whatever the merge order.
    fn beats(&self, other: &Stamped<T>) -> bool {
        (self.changed, &self.value) > (other.changed, &other.value)
    }
}

/// What is known of one document's review. Absent fields were never set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocRecord {
    /// [`content_hash`](super::content_hash) of the document when its review last changed.
    #[serde(default)]
    pub hash: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<Stamped<bool>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flagged: Option<Stamped<bool>>,
    /// Label name → whether it is on. `false` entries are removals kept for merging.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, Stamped<bool>>,
    /// An empty note is a removed note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Stamped<String>>,
}

/// One field of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    Reviewed,
    Flagged,
    Label(String),
    Note,
}

/// The value of a [`Field`]: `Bool` for all but the note.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Value {
    Bool(bool),
    Text(String),
}

/// A change the analyst makes to one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    ToggleReviewed,
    /// Sets reviewed (no change if it already is): "mark and move on".
    MarkReviewed,
    SetReviewed(bool),
    ToggleFlagged,
    SetFlagged(bool),
    /// Adds the label if absent, removes it if present. Names are trimmed; empty names and names
    /// containing `;` (the CSV separator) or control characters are refused.
    ToggleLabel(String),
    SetLabel(String, bool),
    /// Replaces the note; an empty text removes it.
    SetNote(String),
}

impl DocRecord {
    pub fn is_reviewed(&self) -> bool {
        self.reviewed.as_ref().is_some_and(|s| s.value)
    }

    pub fn is_flagged(&self) -> bool {
        self.flagged.as_ref().is_some_and(|s| s.value)
    }

    /// The labels that are on, in name order.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.labels.iter().filter(|(_, s)| s.value).map(|(n, _)| n.as_str())
    }

    /// The note, if there is a non-blank one.
    pub fn note(&self) -> Option<&str> {
        self.note.as_ref().map(|s| s.value.as_str()).filter(|n| !n.trim().is_empty())
    }

    /// The time of the newest change to any field (0 if none).
    pub fn newest(&self) -> u64 {
        let fields = [
            self.reviewed.as_ref().map(|s| s.changed),
            self.flagged.as_ref().map(|s| s.changed),
            self.note.as_ref().map(|s| s.changed),
        ];
        let labels = self.labels.values().map(|s| s.changed);
        fields.into_iter().flatten().chain(labels).max().unwrap_or(0)
    }

    pub(crate) fn get(&self, field: &Field) -> Option<Stamped<Value>> {
        let boolean = |s: &Stamped<bool>| Stamped { value: Value::Bool(s.value), changed: s.changed };
        match field {
            Field::Reviewed => self.reviewed.as_ref().map(boolean),
            Field::Flagged => self.flagged.as_ref().map(boolean),
            Field::Label(name) => self.labels.get(name).map(boolean),
            Field::Note => self
                .note
                .as_ref()
                .map(|s| Stamped { value: Value::Text(s.value.clone()), changed: s.changed }),
        }
    }

    /// The value of `field`, with the default (false, empty) when it was never set.
    pub(crate) fn current(&self, field: &Field) -> Value {
        self.get(field).map(|s| s.value).unwrap_or(match field {
            Field::Note => Value::Text(String::new()),
            _ => Value::Bool(false),
        })
    }

    /// Sets `field`; a value of the wrong kind for the field is ignored (never built here).
    pub(crate) fn set(&mut self, field: &Field, value: Value, changed: u64) {
        match (field, value) {
            (Field::Reviewed, Value::Bool(value)) => self.reviewed = Some(Stamped { value, changed }),
            (Field::Flagged, Value::Bool(value)) => self.flagged = Some(Stamped { value, changed }),
            (Field::Label(name), Value::Bool(value)) => {
                self.labels.insert(name.clone(), Stamped { value, changed });
            }
            (Field::Note, Value::Text(value)) => self.note = Some(Stamped { value, changed }),
            _ => {}
        }
    }

    /// A time for a new change to `field` that is later than its current one even if the clock
    /// went back or two changes fall in the same millisecond, so the new change always wins.
    pub(crate) fn next_stamp(&self, field: &Field, now: u64) -> u64 {
        self.get(field).map_or(now, |s| now.max(s.changed.saturating_add(1)))
    }

    /// Merges `other` into `self`, field by field. Returns whether `self` changed.
    pub fn merge(&mut self, other: DocRecord) -> bool {
        // The hash goes with the record whose latest change is newer: it describes the text the
        // analyst saw when deciding.
        let other_newer =
            (other.newest(), &other.hash) > (self.newest(), &self.hash) && other.hash != self.hash;
        let mut changed = merge_field(&mut self.reviewed, other.reviewed);
        changed |= merge_field(&mut self.flagged, other.flagged);
        changed |= merge_field(&mut self.note, other.note);
        for (name, theirs) in other.labels {
            match self.labels.get_mut(&name) {
                Some(mine) => {
                    if theirs.beats(mine) {
                        *mine = theirs;
                        changed = true;
                    }
                }
                None => {
                    self.labels.insert(name, theirs);
                    changed = true;
                }
            }
        }
        if other_newer {
            self.hash = other.hash;
            changed = true;
        }
        changed
    }
}

fn merge_field<T: Ord>(mine: &mut Option<Stamped<T>>, theirs: Option<Stamped<T>>) -> bool {
    match (mine.as_ref(), theirs) {
        (_, None) => false,
        (None, Some(t)) => {
            *mine = Some(t);
            true
        }
        (Some(m), Some(t)) => {
            let wins = t.beats(m);
            if wins {
                *mine = Some(t);
            }
            wins
        }
    }
}

/// What a change did, for the undo stack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Applied {
    pub field: Field,
    pub before: Value,
    pub after: Stamped<Value>,
}

/// Review records by document key (see [`ReviewStore`](super::ReviewStore) for keys).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewState {
    pub(crate) records: BTreeMap<String, DocRecord>,
}

impl ReviewState {
    pub fn record(&self, key: &str) -> Option<&DocRecord> {
        self.records.get(key)
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Applies `change` to the document `key` whose text now hashes to `hash`. `None` when the
    /// change changes nothing (marking a reviewed document reviewed): no time is recorded then.
    pub(crate) fn apply(
        &mut self,
        key: &str,
        hash: &str,
        change: &Change,
        now: u64,
    ) -> Result<Option<Applied>, ReviewError> {
        let record = self.records.get(key);
        let current = |f: &Field| record.map_or(Value::Bool(false), |r| r.current(f));
        let flip = |f: Field| {
            let on = current(&f) == Value::Bool(true);
            (f, Value::Bool(!on))
        };
        let (field, value) = match change {
            Change::ToggleReviewed => flip(Field::Reviewed),
            Change::MarkReviewed => (Field::Reviewed, Value::Bool(true)),
            Change::SetReviewed(on) => (Field::Reviewed, Value::Bool(*on)),
            Change::ToggleFlagged => flip(Field::Flagged),
            Change::SetFlagged(on) => (Field::Flagged, Value::Bool(*on)),
            Change::ToggleLabel(name) => flip(Field::Label(valid_label(name)?)),
            Change::SetLabel(name, on) => (Field::Label(valid_label(name)?), Value::Bool(*on)),
            Change::SetNote(text) => (Field::Note, Value::Text(text.clone())),
        };
        Ok(self.set(key, hash, field, value, now))
    }

    /// Sets one field, stamping it later than its current value. `None` if it already has it.
    pub(crate) fn set(
        &mut self,
        key: &str,
        hash: &str,
        field: Field,
        value: Value,
        now: u64,
    ) -> Option<Applied> {
        let record = self.records.entry(key.to_string()).or_default();
        let before = record.current(&field);
        if before == value {
            if record == &DocRecord::default() {
                self.records.remove(key);
            }
            return None;
        }
        let changed = record.next_stamp(&field, now);
        record.set(&field, value.clone(), changed);
        record.hash = hash.to_string();
        Some(Applied { field, before, after: Stamped { value, changed } })
    }

    /// Merges `other` into `self`; returns the keys whose records changed.
    pub fn merge(&mut self, other: ReviewState) -> Vec<String> {
        let mut changed = Vec::new();
        for (key, theirs) in other.records {
            match self.records.get_mut(&key) {
                Some(mine) => {
                    if mine.merge(theirs) {
                        changed.push(key);
                    }
                }
                None => {
                    self.records.insert(key.clone(), theirs);
                    changed.push(key);
                }
            }
        }
        changed
    }
}

/// A label name, trimmed, or an error if it cannot be one.
pub(crate) fn valid_label(name: &str) -> Result<String, ReviewError> {
    let name = name.trim();
    if name.is_empty() || name.contains(';') || name.chars().any(char::is_control) {
        return Err(ReviewError::InvalidLabel(name.to_string()));
    }
    Ok(name.to_string())
}
