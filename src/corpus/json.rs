//! JSON (`.json`: one object, an array of objects, or several top-level values) and JSON Lines
//! (`.jsonl`, `.ndjson`: one object per line).
//!
//! Arrays are read element by element, so each record knows the line it starts on (its
//! fallback id is `FILE:LINE`, like a JSON Lines record) and a file truncated in the middle
//! still yields every record before the break, plus a warning with line and column.
//! Field values are coerced, never trusted: see [`fields_from_object`].

use serde_json::{Deserializer, Map, Value};

use super::record::{Field, Fields, field_for, split_actors};
use super::{ActorNames, Loaded, Origin};

/// Bytes of JSON Lines one parallel task parses: large enough that joining the parts costs
/// nothing, small enough that two cores share a 100 MB file evenly.
const CHUNK_BYTES: usize = 1 << 20;

/// Loads a JSON Lines text: each non-blank line is one record; a bad line is a warning.
///
/// The text is cut at line ends into chunks parsed in parallel and joined in order, so the
/// result (documents, warnings, line numbers) is the sequential one.
pub fn parse_json_lines(text: &str, origin: &Origin, out: &mut Loaded) {
    use rayon::prelude::*;
    let mut chunks: Vec<(&str, u64, usize)> = Vec::new();
    let (mut start, mut lines_before) = (0, 0u64);
    while start < text.len() {
        let end =
            match text.as_bytes().get(start + CHUNK_BYTES..).and_then(|rest| memchr::memchr(b'\n', rest)) {
                Some(at) => start + CHUNK_BYTES + at + 1,
                None => text.len(),
            };
        let chunk = &text[start..end];
        let lines = memchr::memchr_iter(b'\n', chunk.as_bytes()).count();
        origin.done_with(chunk);
        chunks.push((chunk, lines_before, lines));
        lines_before += lines as u64;
        start = end;
    }
    let parts: Vec<Loaded> = chunks
        .into_par_iter()
        .map(|(chunk, lines_before, lines)| {
            let mut part = Loaded::with_capacity(lines + 1, origin);
            parse_lines(chunk, lines_before, origin, &mut part);
            origin.counted(chunk.len(), part.parsed());
            origin.done_with(chunk);
            part.flush();
            part
        })
        .collect();
    out.append_all(parts);
}

/// The lines of one chunk, the first being line `lines_before + 1` of the file.
fn parse_lines(text: &str, lines_before: u64, origin: &Origin, out: &mut Loaded) {
    for (index, line) in text.split('\n').enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let line_number = lines_before + index as u64 + 1;
        match serde_json::from_str::<Value>(line) {
            Ok(value) => add_record(value, line_number, origin, out),
            Err(e) => out.warn(
                origin,
                Some(line_number),
                format!("invalid JSON at column {}: {}", e.column(), message(&e)),
            ),
        }
    }
}

/// Loads a JSON text: top-level objects are records, top-level arrays hold records.
pub fn parse_json(text: &str, origin: &Origin, out: &mut Loaded) {
    let mut lines = LineCounter::default();
    let mut pos = skip_whitespace(text, 0);
    while pos < text.len() {
        let next = if text.as_bytes()[pos] == b'[' {
            parse_array(text, pos + 1, &mut lines, origin, out)
        } else {
            parse_value(text, pos, &mut lines, origin, out).map(|(value, end)| {
                add_record(value, lines.line_at(text, pos), origin, out);
                end
            })
        };
        match next {
            Some(end) => pos = skip_whitespace(text, end),
            None => return,
        }
    }
}

/// Reads the elements of an array whose `[` ends before `pos`; returns the offset after `]`,
/// or `None` after a syntax error (already reported).
fn parse_array(
    text: &str,
    mut pos: usize,
    lines: &mut LineCounter,
    origin: &Origin,
    out: &mut Loaded,
) -> Option<usize> {
    loop {
        pos = skip_whitespace(text, pos);
        match text.as_bytes().get(pos) {
            Some(b']') => return Some(pos + 1),
            None => {
                let line = lines.line_at(text, text.len());
                out.warn(origin, Some(line), "invalid JSON: the file ends inside an array".into());
                return None;
            }
            Some(_) => {}
        }
        let (value, end) = parse_value(text, pos, lines, origin, out)?;
        add_record(value, lines.line_at(text, pos), origin, out);
        pos = skip_whitespace(text, end);
        match text.as_bytes().get(pos) {
            Some(b',') => pos += 1,
            Some(b']') | None => {}
            Some(_) => {
                let (line, column) = lines.line_column(text, pos);
                let reason = format!("invalid JSON at column {column}: expected `,` or `]`");
                out.warn(origin, Some(line), reason);
                return None;
            }
        }
    }
}

/// Parses one value starting at `pos`; returns it and the offset just after it, or reports the
/// syntax error with the line and column it has in the whole file.
fn parse_value(
    text: &str,
    pos: usize,
    lines: &mut LineCounter,
    origin: &Origin,
    out: &mut Loaded,
) -> Option<(Value, usize)> {
    let mut stream = Deserializer::from_str(&text[pos..]).into_iter::<Value>();
    match stream.next() {
        Some(Ok(value)) => Some((value, pos + stream.byte_offset())),
        Some(Err(e)) => {
            let (start_line, start_column) = lines.line_column(text, pos);
            let line = start_line + e.line() as u64 - 1;
            let column = if e.line() == 1 { start_column + e.column() as u64 - 1 } else { e.column() as u64 };
            let reason = format!("invalid JSON at column {column}: {}", message(&e));
            out.warn(origin, Some(line), reason);
            None
        }
        None => None,
    }
}

/// serde_json's message without its " at line L column C" (relative to the piece parsed).
fn message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(at) => full[..at].to_string(),
        None => full,
    }
}

fn add_record(value: Value, line: u64, origin: &Origin, out: &mut Loaded) {
    let Value::Object(map) = value else {
        let reason = format!("{} is not a record (expected an object), skipped", kind(&value));
        out.warn(origin, Some(line), reason);
        return;
    };
    let mut problems = Vec::new();
    let fields = fields_from_object(map, &mut problems);
    for problem in problems {
        out.warn(origin, Some(line), problem);
    }
    match fields.into_document(|| origin.record_id(line)) {
        Some(doc) => out.add(origin, doc),
        None => out.warn(origin, Some(line), "record has neither title nor body, skipped".into()),
    }
}

/// Maps an object's known keys to fields. Null is absent; numbers and booleans become their
/// text; arrays of scalars are joined (paragraphs by a blank line in a body, else by a space);
/// `actors` may be an array of names or of objects with `name`, or one string to split.
/// A value that cannot be coerced (an object where text is expected) is reported in `problems`,
/// in key order.
pub fn fields_from_object(map: Map<String, Value>, problems: &mut Vec<String>) -> Fields {
    let mut fields = Fields::default();
    for (key, value) in map {
        let Some((field, rank)) = field_for(&key) else {
            continue;
        };
        if field == Field::Actors {
            fields.set_actors(rank, actors(&key, value, problems));
            continue;
        }
        let separator = if field == Field::Body { "\n\n" } else { " " };
        match text_of(value, separator) {
            Ok(Some(text)) => fields.set(field, rank, text),
            Ok(None) => {}
            Err(found) => problems.push(format!("field `{key}` is {found}, ignored")),
        }
    }
    fields
}

/// The text form of a scalar (or an array of scalars); `Err` names what was found instead.
fn text_of(value: Value, separator: &str) -> Result<Option<String>, &'static str> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s)),
        Value::Number(n) => Ok(Some(n.to_string())),
        Value::Bool(b) => Ok(Some(b.to_string())),
        Value::Array(items) => {
            let mut parts = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Value::Array(_) | Value::Object(_) => return Err("a nested array or object"),
                    scalar => parts.extend(text_of(scalar, separator)?),
                }
            }
            Ok(Some(parts.join(separator)))
        }
        Value::Object(_) => Err("an object"),
    }
}

fn actors(key: &str, value: Value, problems: &mut Vec<String>) -> ActorNames {
    let mut names: Vec<String> = Vec::new();
    match value {
        Value::Array(items) => {
            for item in items {
                match actor_name(item) {
                    Ok(Some(name)) => names.push(name),
                    Ok(None) => {}
                    Err(found) => {
                        problems.push(format!("an entry of `{key}` is {found}, ignored"));
                    }
                }
            }
        }
        Value::String(s) => return split_actors(&s),
        other => match actor_name(other) {
            Ok(name) => names.extend(name),
            Err(found) => problems.push(format!("field `{key}` is {found}, ignored")),
        },
    }
    names.into_iter().collect()
}

fn actor_name(value: Value) -> Result<Option<String>, &'static str> {
    let name = match value {
        Value::Object(map) => {
            let name = map.into_iter().find(|(k, _)| k.eq_ignore_ascii_case("name")).map(|(_, v)| v);
            match name {
                Some(Value::String(s)) => s,
                Some(Value::Number(n)) => n.to_string(),
                _ => return Err("an object without a text `name`"),
            }
        }
        Value::String(s) => s,
        Value::Number(n) => n.to_string(),
        Value::Null => return Ok(None),
        Value::Bool(_) => return Err("a boolean"),
        Value::Array(_) => return Err("an array"),
    };
    let name = name.trim();
    Ok((!name.is_empty()).then(|| name.to_string()))
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn skip_whitespace(text: &str, pos: usize) -> usize {
    let rest = &text.as_bytes()[pos..];
    pos + rest.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(rest.len())
}

/// Line numbers of increasing offsets, counted incrementally so the whole file is scanned once.
#[derive(Debug, Default)]
struct LineCounter {
    offset: usize,
    /// Newlines before `offset`.
    newlines: u64,
    /// Offset of the start of the line holding `offset`.
    line_start: usize,
}

impl LineCounter {
    fn advance(&mut self, text: &str, pos: usize) {
        if pos > self.offset {
            let piece = &text.as_bytes()[self.offset..pos];
            for nl in memchr::memchr_iter(b'\n', piece) {
                self.newlines += 1;
                self.line_start = self.offset + nl + 1;
            }
            self.offset = pos;
        }
    }

    /// The 1-based line of `pos` (offsets must not go backwards).
    fn line_at(&mut self, text: &str, pos: usize) -> u64 {
        self.advance(text, pos);
        self.newlines + 1
    }

    /// The 1-based line and byte column of `pos`.
    fn line_column(&mut self, text: &str, pos: usize) -> (u64, u64) {
        let line = self.line_at(text, pos);
        (line, (pos - self.line_start) as u64 + 1)
    }
}
