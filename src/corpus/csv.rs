//! CSV: a header row naming the columns (matched to fields by alias), then one record per row.
//!
//! The csv crate is lenient by design: it never fails on a stray quote, and with
//! `flexible(true)` it accepts rows of any length. So the checks are ours: a row whose field
//! count differs from the header's is reported (path:line) and skipped. An unterminated quote
//! swallows every row after it into one long field; when such a broken row spans several lines
//! and the line after its start parses as a well-formed row, reading restarts there, so the
//! rows after a broken quote still load.

use ::csv::{ByteRecord, ReaderBuilder, StringRecord};

use super::decode::normalize_newlines;
use super::record::{Field, Fields, Views, field_for};
use super::{Loaded, Origin};

/// How far ahead a restart after a broken row is checked, which bounds its cost.
const RESTART_PROBE_BYTES: usize = 64 * 1024;

/// Loads a CSV text (decoded; lines end in LF, or all in CRLF).
pub fn parse_csv(text: &str, origin: &Origin, out: &mut Loaded) {
    let mut reader = reader(text);
    let mut header = StringRecord::new();
    if let Err(e) = reader.read_record(&mut header) {
        out.warn(origin, Some(1), format!("unreadable CSV header: {e}"));
        return;
    }
    let columns: Vec<Option<(Field, usize)>> = header.iter().map(field_for).collect();
    let has_text = columns.iter().flatten().any(|(field, _)| matches!(field, Field::Title | Field::Body));
    if !has_text {
        let reason = "CSV header has no title column (title, article_title, headline) nor body \
                      column (body, text, content, article_content), file skipped";
        out.warn(origin, Some(1), reason.into());
        return;
    }
    let mut header_end = reader.position().byte() as usize;
    // After a CRLF the reader stops between CR and LF.
    if text[..header_end].ends_with('\r') && text[header_end..].starts_with('\n') {
        header_end += 1;
    }
    let header_on_one_line = !text[..header_end].trim_end_matches(['\r', '\n']).contains('\n');
    if header_on_one_line && let Some(chunks) = line_chunks(&text[header_end..]) {
        return parse_chunks(&text[header_end..], chunks, &columns, origin, out);
    }
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        // Quoted fields span lines: the reader would keep their CRs and miscount their lines.
        return parse_csv(&normalize_newlines(text.into()), origin, out);
    }
    let mut segment = Segment { start: 0, lines_before: 0 };
    while let Some(restart) = read_segment(text, &segment, &columns, reader, origin, out) {
        segment = restart;
        reader = self::reader(&text[segment.start..]);
    }
}

/// Bytes of rows one parallel task reads.
const CHUNK_BYTES: usize = 1 << 20;

/// When no quoted field spans lines (every line holds an even number of quotes), each line is
/// a row and the text can be cut at any line end: the cut points (after a `\n`), with the
/// lines before each. `None` otherwise, and the file is read sequentially, restarts and all.
fn line_chunks(body: &str) -> Option<Vec<(usize, u64)>> {
    let bytes = body.as_bytes();
    let mut cuts = vec![(0, 1u64)];
    let (mut quotes_odd, mut lines, mut next_cut) = (false, 1u64, CHUNK_BYTES);
    for at in memchr::memchr2_iter(b'"', b'\n', bytes) {
        if bytes[at] == b'"' {
            quotes_odd = !quotes_odd;
            continue;
        }
        if quotes_odd {
            return None;
        }
        lines += 1;
        if at + 1 >= next_cut && at + 1 < bytes.len() {
            cuts.push((at + 1, lines));
            next_cut = at + 1 + CHUNK_BYTES;
        }
    }
    (!quotes_odd).then_some(cuts)
}

/// Reads the chunks in parallel and joins them in order: the sequential result.
fn parse_chunks(
    body: &str,
    cuts: Vec<(usize, u64)>,
    columns: &[Option<(Field, usize)>],
    origin: &Origin,
    out: &mut Loaded,
) {
    use rayon::prelude::*;
    // Where each chunk ends, and about how many rows it holds (its lines, the last one's guessed
    // from its length) so that its documents are put in place once, never moved as they grow.
    let ends: Vec<(usize, usize)> = cuts
        .windows(2)
        .map(|w| (w[1].0, (w[1].1 - w[0].1) as usize))
        .chain(cuts.last().map(|&(start, _)| (body.len(), (body.len() - start) / 64 + 1)))
        .collect();
    let parts: Vec<Loaded> = cuts
        .par_iter()
        .zip(ends.par_iter())
        .map(|(&(start, lines_before), &(end, rows))| {
            let mut part = Loaded::with_capacity(rows, origin);
            let chunk = &body[start..end];
            let segment = Segment { start: 0, lines_before };
            // Rows never span lines here, so no restart is ever asked for.
            let _ = read_segment(chunk, &segment, columns, reader(chunk), origin, &mut part);
            origin.counted(chunk.len(), part.parsed());
            origin.done_with(chunk);
            part
        })
        .collect();
    out.append_all(parts);
}

/// A reader of `text`: its fields are UTF-8 as the text is (`text_of`).
fn reader(text: &str) -> ::csv::Reader<&[u8]> {
    ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes())
}

/// Where a reader starts in the whole text.
struct Segment {
    start: usize,
    lines_before: u64,
}

/// Reads rows until the end, or until a broken row calls for a restart (returned).
fn read_segment(
    text: &str,
    segment: &Segment,
    columns: &[Option<(Field, usize)>],
    mut reader: ::csv::Reader<&[u8]>,
    origin: &Origin,
    out: &mut Loaded,
) -> Option<Segment> {
    // Byte records: the text is UTF-8 already (see `text_of`), and the csv crate would check
    // every field again.
    let mut row = ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut row) {
            Ok(true) => {}
            Ok(false) => return None,
            Err(e) => {
                let line = e.position().map(|p| p.line() + segment.lines_before);
                out.warn(origin, line, format!("unreadable CSV row: {e}"));
                return None;
            }
        }
        let Some(position) = row.position() else {
            continue;
        };
        let line = row_line(text, segment, position);
        if row.len() == columns.len() {
            add_row(&row, columns, line, origin, out);
            continue;
        }
        let reason = format!(
            "CSV row has {} fields, the header has {} (broken quote?), row skipped",
            row.len(),
            columns.len()
        );
        out.warn(origin, Some(line), reason);
        let spans_lines = reader.position().line() > position.line() + 1;
        if spans_lines {
            let row_start = segment.start + position.byte() as usize;
            let next_line = text[row_start..].find('\n').map(|nl| row_start + nl + 1);
            if let Some(next_line) = next_line
                && starts_well_formed_row(&text[next_line..], columns.len())
            {
                return Some(Segment { start: next_line, lines_before: line });
            }
        }
    }
}

/// The line a row starts on. The reader tells where it began reading the row, before the line
/// ends it skipped (blank lines, and the LF of a CRLF, which it reads as a line of its own)
/// and without counting them.
fn row_line(text: &str, segment: &Segment, position: &::csv::Position) -> u64 {
    let start = segment.start + position.byte() as usize;
    let line_ends = text.as_bytes()[start..].iter().take_while(|&&b| b == b'\r' || b == b'\n');
    position.line() + segment.lines_before + line_ends.filter(|&&b| b == b'\n').count() as u64
}

/// Whether `text` begins with a row of `expected` fields that ends within the probe window.
fn starts_well_formed_row(text: &str, expected: usize) -> bool {
    let mut end = text.len().min(RESTART_PROBE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let probe = &text[..end];
    let mut reader = reader(probe);
    let mut row = StringRecord::new();
    matches!(reader.read_record(&mut row), Ok(true))
        && row.len() == expected
        && (end == text.len() || (reader.position().byte() as usize) < probe.len())
}

/// A field of a row read from a `&str` (every reader here is: see `reader`).
fn text_of(field: &[u8]) -> &str {
    debug_assert!(std::str::from_utf8(field).is_ok());
    // SAFETY: the reader's input is a `&str`, and a field is a run of its bytes between ASCII
    // delimiters, quotes and line ends, less ASCII quotes: ASCII bytes are never part of a
    // multi-byte character, so every cut and every removal keeps whole characters.
    unsafe { std::str::from_utf8_unchecked(field) }
}

fn add_row(
    row: &ByteRecord,
    columns: &[Option<(Field, usize)>],
    line: u64,
    origin: &Origin,
    out: &mut Loaded,
) {
    if let Some(sieve) = origin.sieve {
        let mut views = Views::default();
        for (value, column) in row.iter().zip(columns) {
            if let Some((field, rank)) = column {
                views.set(*field, *rank, text_of(value));
            }
        }
        if let Some(body_bytes) = views.sifted_out(sieve) {
            return out.sift(body_bytes);
        }
    }
    let mut fields = Fields::default();
    for (value, column) in row.iter().zip(columns) {
        if let Some((field, rank)) = column {
            fields.set(*field, *rank, text_of(value).to_string());
        }
    }
    match fields.into_document(|| origin.record_id(line)) {
        Some(doc) => out.add(origin, doc),
        None => out.warn(origin, Some(line), "record has neither title nor body, skipped".into()),
    }
}
