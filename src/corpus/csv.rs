//! CSV: a header row naming the columns (matched to fields by alias), then one record per row.
//!
//! The csv crate is lenient by design: it never fails on a stray quote, and with
//! `flexible(true)` it accepts rows of any length. So the checks are ours: a row whose field
//! count differs from the header's is reported (path:line) and skipped. An unterminated quote
//! swallows every row after it into one long field; when such a broken row spans several lines
//! and the line after its start parses as a well-formed row, reading restarts there, so the
//! rows after a broken quote still load.
//!
//! When no quoted field spans lines, the file is read in parallel chunks of lines, and a line
//! that quotes nothing is split on its commas without the reader ([`read_lines`]).

use ::csv::{ByteRecord, ReaderBuilder, StringRecord};

use super::decode::normalize_newlines;
use super::record::{Field, Fields, Views, field_for};
use super::{Loaded, Origin, Sieve};

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
    use rayon::prelude::*;
    let bytes = body.as_bytes();
    // Cut after the first line end at least CHUNK_BYTES past the last cut.
    let mut starts = vec![0];
    let mut next_cut = CHUNK_BYTES;
    while next_cut <= bytes.len() {
        let Some(at) = memchr::memchr(b'\n', &bytes[next_cut - 1..]).map(|at| next_cut - 1 + at) else {
            break;
        };
        if at + 1 >= bytes.len() {
            break;
        }
        starts.push(at + 1);
        next_cut = at + 1 + CHUNK_BYTES;
    }
    // Each chunk's line ends, if every line of it holds an even number of quotes (in parallel:
    // this reads the whole file).
    let ends: Vec<usize> = starts.iter().skip(1).copied().chain([bytes.len()]).collect();
    let line_ends: Vec<Option<u64>> = starts
        .par_iter()
        .zip(ends.par_iter())
        .map(|(&start, &end)| {
            let (mut quotes_odd, mut lines) = (false, 0u64);
            for at in memchr::memchr2_iter(b'"', b'\n', &bytes[start..end]) {
                if bytes[start + at] == b'"' {
                    quotes_odd = !quotes_odd;
                } else if quotes_odd {
                    return None;
                } else {
                    lines += 1;
                }
            }
            (!quotes_odd).then_some(lines)
        })
        .collect();
    let mut lines = 1;
    let mut cuts = Vec::with_capacity(starts.len());
    for (start, line_ends) in starts.into_iter().zip(line_ends) {
        cuts.push((start, lines));
        lines += line_ends?;
    }
    Some(cuts)
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
            read_lines(chunk, lines_before, columns, origin, &mut part);
            origin.counted(chunk.len(), part.parsed());
            origin.done_with(chunk);
            part.flush();
            part
        })
        .collect();
    out.append_all(parts);
}

/// Reads a chunk whose rows are its lines (no quoted field spans lines), `lines_before` lines
/// into the file. A line with no quote and no CR (a CRLF's aside) quotes nothing, so it is
/// split on its commas here, as the reader would split it: the reader's byte-by-byte state
/// machine and its copy of the text were a third of a sieved `--filter` over a metadata CSV.
/// Runs of other lines go to the reader.
fn read_lines(
    chunk: &str,
    lines_before: u64,
    columns: &[Option<(Field, usize)>],
    origin: &Origin,
    out: &mut Loaded,
) {
    let (bytes, mut line, mut start) = (chunk.as_bytes(), lines_before, 0);
    // The next quote or CR: looked for once per stretch of plain lines, not once per line.
    let special_from =
        |from: usize| memchr::memchr2(b'"', b'\r', &bytes[from..]).map_or(bytes.len(), |at| from + at);
    let mut special = special_from(0);
    // Where the lines for the reader start, and the lines before them.
    let mut run: Option<(usize, u64)> = None;
    let mut commas: Vec<usize> = Vec::with_capacity(columns.len());
    let mut prefilter = Prefilter::default();
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |at| start + at);
        line += 1;
        let text = &chunk[start..end];
        let text = text.strip_suffix('\r').unwrap_or(text);
        if special < start {
            special = special_from(start);
        }
        if special < start + text.len() {
            run.get_or_insert((start, line - 1));
        } else {
            if let Some((from, lines_before)) = run.take() {
                read_run(&chunk[from..start], lines_before, columns, origin, out);
            }
            commas.clear();
            commas.extend(memchr::memchr_iter(b',', text.as_bytes()));
            let values = (0..=commas.len()).map(|i| {
                let from = if i == 0 { 0 } else { commas[i - 1] + 1 };
                &text[from..commas.get(i).copied().unwrap_or(text.len())]
            });
            // The reader skips empty lines.
            match (text.is_empty(), commas.len() + 1) {
                (true, _) => {}
                (false, fields) if fields == columns.len() => {
                    add_row(values, text, columns, line, origin, out, &mut prefilter)
                }
                (false, fields) => warn_field_count(fields, columns.len(), line, origin, out),
            }
        }
        start = end + 1;
    }
    if let Some((from, lines_before)) = run {
        read_run(&chunk[from..], lines_before, columns, origin, out);
    }
}

/// Reads lines that may quote fields, none spanning lines, with the reader.
fn read_run(
    text: &str,
    lines_before: u64,
    columns: &[Option<(Field, usize)>],
    origin: &Origin,
    out: &mut Loaded,
) {
    let segment = Segment { start: 0, lines_before };
    // Rows never span lines here, so no restart is ever asked for.
    let _ = read_segment(text, &segment, columns, reader(text), origin, out);
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
    let mut prefilter = Prefilter::default();
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
            add_row(
                row.iter().map(text_of),
                text_of(row.as_slice()),
                columns,
                line,
                origin,
                out,
                &mut prefilter,
            );
            continue;
        }
        warn_field_count(row.len(), columns.len(), line, origin, out);
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

fn warn_field_count(fields: usize, header: usize, line: u64, origin: &Origin, out: &mut Loaded) {
    let reason = format!("CSV row has {fields} fields, the header has {header} (broken quote?), row skipped");
    out.warn(origin, Some(line), reason);
}

/// Whether to ask a sieve about a whole row's text before its fields ([`Sieve::rules_out`]):
/// worth it while it rules out at least half the rows, which it tells from the first rows it
/// tries. Testing a row's mask costs about two thirds of testing its fields (callgrind, 100k
/// CSV rows, `--no-cache --filter erdogan`, whose letters 37% of the rows lack: 750M
/// instructions while it kept the row test at a quarter ruled out, 706M giving it up; `zzzxq`,
/// nearly every row ruled out, unchanged at 222M).
#[derive(Default)]
struct Prefilter {
    tried: u32,
    ruled_out: u32,
}

impl Prefilter {
    /// Rows tried before giving up on a prefilter that rules out too few.
    const TRIAL: u32 = 256;

    fn rules_out(&mut self, sieve: &dyn Sieve, row: &str) -> bool {
        if self.tried >= Self::TRIAL && self.ruled_out < self.tried / 2 {
            return false;
        }
        self.tried = self.tried.saturating_add(1);
        let out = sieve.rules_out(row);
        self.ruled_out += u32::from(out);
        out
    }
}

/// A row of the header's length: its values, and `row`, a text holding every one of them.
fn add_row<'a>(
    values: impl Iterator<Item = &'a str> + Clone,
    row: &str,
    columns: &[Option<(Field, usize)>],
    line: u64,
    origin: &Origin,
    out: &mut Loaded,
    prefilter: &mut Prefilter,
) {
    if let Some(sieve) = origin.sieve {
        let mut views = Views::default();
        for (value, column) in values.clone().zip(columns) {
            if let Some((field, rank)) = column {
                views.set(*field, *rank, value);
            }
        }
        if let Some(body_bytes) = views.makes_document()
            && prefilter.rules_out(sieve, row)
        {
            return out.sift(body_bytes);
        }
        if let Some(body_bytes) = views.sifted_out(sieve) {
            return out.sift(body_bytes);
        }
    }
    let mut fields = Fields::default();
    for (value, column) in values.zip(columns) {
        if let Some((field, rank)) = column {
            fields.set(*field, *rank, value.to_string());
        }
    }
    match fields.into_document(|| origin.record_id(line)) {
        // The sieve kept the record's values (`views`), which are the document's: not tested
        // again (a tenth of a headless search's instructions over the 100k CSV went there).
        Some(doc) if origin.sieve.is_some() => out.keep(doc),
        Some(doc) => out.add(origin, doc),
        None => out.warn(origin, Some(line), "record has neither title nor body, skipped".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Names, Progress};
    use proptest::prelude::*;
    use std::path::Path;

    /// Keeps the documents whose title holds a `q`, and rules out rows without one.
    struct TitlesWithQ;

    impl Sieve for TitlesWithQ {
        fn keeps(&self, title: &str, _: &str, _: Names) -> bool {
            title.contains('q')
        }

        fn rules_out(&self, text: &str) -> bool {
            !text.contains('q')
        }
    }

    /// `body` (the rows after the header) read by lines and by the reader alone.
    fn both(body: &str, header: &str, sieve: Option<&dyn Sieve>) -> (Loaded, Loaded) {
        let columns: Vec<_> = header.split(',').map(field_for).collect();
        let progress = Progress::default();
        let mut origin = Origin::new(Path::new("t.csv"), "t", "t.csv", &progress);
        origin.sieve = sieve;
        let (mut by_lines, mut by_reader) = (Loaded::default(), Loaded::default());
        read_lines(body, 1, &columns, &origin, &mut by_lines);
        let segment = Segment { start: 0, lines_before: 1 };
        assert!(read_segment(body, &segment, &columns, reader(body), &origin, &mut by_reader).is_none());
        (by_lines, by_reader)
    }

    fn field() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec!["a", "q", " ", "é", "b;c", "\r", "\"\"", ","]);
        (prop::collection::vec(piece, 0..4), 0..3).prop_map(|(pieces, quoting)| {
            let text = pieces.concat();
            match quoting {
                0 => format!("\"{text}\""),
                // Quotes within a field, which the reader takes leniently.
                1 => format!("{}\"z\"", text.replace([',', '\r'], "")),
                // Unquoted, a field has no quote, comma nor CR of its own.
                _ => text.replace(['"', ',', '\r'], ""),
            }
        })
    }

    fn line() -> impl Strategy<Value = String> {
        (prop::collection::vec(field(), 0..5), prop::sample::select(vec!["\n", "\r\n"]))
            .prop_map(|(fields, end)| fields.join(",") + end)
    }

    proptest! {
        #[test]
        fn rows_split_by_lines_are_the_rows_the_reader_reads(
            lines in prop::collection::vec(line(), 0..12),
            last_ended in any::<bool>(),
            sieved in any::<bool>(),
        ) {
            let mut body = lines.concat();
            if !last_ended {
                body.truncate(body.trim_end_matches(['\r', '\n']).len());
            }
            let sieve = sieved.then_some(&TitlesWithQ as &dyn Sieve);
            for header in ["id,title,actors", "title,body", "body,id,title"] {
                let (by_lines, by_reader) = both(&body, header, sieve);
                prop_assert_eq!(&by_lines.docs, &by_reader.docs);
                prop_assert_eq!(&by_lines.warnings, &by_reader.warnings);
                prop_assert_eq!(by_lines.sifted, by_reader.sifted);
            }
        }
    }

    #[test]
    fn a_line_with_too_many_commas_is_reported_on_its_line() {
        let (by_lines, _) = both("1,ok,x\n2,a,b,c\n\n3,\"q,\",y\n", "id,title,actors", None);
        let titles: Vec<&str> = by_lines.docs.iter().map(|d| d.title()).collect();
        assert_eq!(titles, ["ok", "q,"]);
        assert_eq!(by_lines.warnings.len(), 1);
        assert_eq!(by_lines.warnings[0].line, Some(3));
    }
}
