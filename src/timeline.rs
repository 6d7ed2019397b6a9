//! Documents per month, for the timeline strip: counts over the listed documents, and the
//! bucketing of a month range into a given number of columns.

use std::collections::BTreeMap;

use crate::corpus::Document;
use crate::search::Hit;

/// The `YYYY-MM` of an ISO-ish date (`2019-02`, `2019-02-17`); none for a bare year or other text.
pub fn month_of(date: &str) -> Option<&str> {
    let month = date.get(..7)?;
    let bytes = month.as_bytes();
    let digits = |r: std::ops::Range<usize>| bytes[r].iter().all(u8::is_ascii_digit);
    (digits(0..4) && bytes[4] == b'-' && digits(5..7)).then_some(month)
}

/// Documents per month among `hits`, and how many had no month.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    pub months: BTreeMap<String, u32>,
    pub undated: u32,
}

impl Timeline {
    pub fn count(docs: &[Document], hits: &[Hit]) -> Timeline {
        let mut timeline = Timeline::default();
        for hit in hits {
            match docs[hit.doc as usize].date().and_then(month_of) {
                Some(month) => *timeline.months.entry(month.to_string()).or_default() += 1,
                None => timeline.undated += 1,
            }
        }
        timeline
    }

    /// Every month from the first to the last (empty months included), as (month, count).
    pub fn span(&self) -> Vec<(String, u32)> {
        let (Some(first), Some(last)) = (self.months.keys().next(), self.months.keys().next_back()) else {
            return Vec::new();
        };
        let parse = |m: &str| -> Option<(i32, u32)> { Some((m[..4].parse().ok()?, m[5..7].parse().ok()?)) };
        let (Some((mut y, mut m)), Some(end)) = (parse(first), parse(last)) else { return Vec::new() };
        let mut out = Vec::new();
        while (y, m) <= end {
            let key = format!("{y:04}-{m:02}");
            let n = self.months.get(&key).copied().unwrap_or(0);
            out.push((key, n));
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
        out
    }
}

/// Groups consecutive months into at most `columns` buckets: (first month, last month, count).
pub fn buckets(span: &[(String, u32)], columns: usize) -> Vec<(String, String, u32)> {
    if span.is_empty() || columns == 0 {
        return Vec::new();
    }
    let per = span.len().div_ceil(columns);
    span.chunks(per)
        .map(|chunk| {
            let total = chunk.iter().map(|(_, n)| n).sum();
            (chunk[0].0.clone(), chunk[chunk.len() - 1].0.clone(), total)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::DocParts;

    fn doc(date: Option<&str>) -> Document {
        Document::new(DocParts { date, ..DocParts::default() })
    }

    #[test]
    fn counts_months_fills_gaps_and_buckets() {
        let docs = vec![
            doc(Some("2019-02-17")),
            doc(Some("2019-02")),
            doc(Some("2019-05")),
            doc(Some("2019")),
            doc(None),
        ];
        let hits: Vec<Hit> = (0..5).map(|doc| Hit { doc, score: 0 }).collect();
        let t = Timeline::count(&docs, &hits);
        assert_eq!(t.undated, 2);
        let span = t.span();
        assert_eq!(
            span.iter().map(|(m, n)| (m.as_str(), *n)).collect::<Vec<_>>(),
            [("2019-02", 2), ("2019-03", 0), ("2019-04", 0), ("2019-05", 1)]
        );
        let b = buckets(&span, 2);
        assert_eq!(b, [("2019-02".into(), "2019-03".into(), 2), ("2019-04".into(), "2019-05".into(), 1)]);
        assert_eq!(month_of("2019-1x"), None);
        assert_eq!(month_of("12/2019"), None);
    }

    #[test]
    fn crosses_year_ends() {
        let docs = vec![doc(Some("2019-11")), doc(Some("2020-02"))];
        let hits: Vec<Hit> = (0..2).map(|doc| Hit { doc, score: 0 }).collect();
        assert_eq!(Timeline::count(&docs, &hits).span().len(), 4);
    }
}
