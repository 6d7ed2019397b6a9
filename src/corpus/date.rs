//! Dates as sources write them, normalised to ISO 8601 (`2017-04-05`, `2019-02`, `2019`).
//!
//! Recognised: ISO dates and date-times (the time is dropped), `YYYY/MM/DD`, slashed dates
//! (`M/D/YYYY` as FA-KES writes them, read as `D/M/YYYY` only when the first number cannot be a
//! month), and written dates in English or French (`Wed 05 Apr 2017`, `5 avril 2017`,
//! `April 5, 2017`, `mars 2019`). Anything else is kept as given, trimmed, so no information is
//! lost; an empty date, or a missing-value marker (`NA`, `N/A`, `null`...), is no date.

/// The ISO form of `raw` where recognisable, else `raw` trimmed; `None` when blank.
pub fn normalize_date(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() || is_missing_marker(raw) {
        return None;
    }
    Some(iso(raw).or_else(|| slashed(raw)).or_else(|| written(raw)).unwrap_or_else(|| raw.to_string()))
}

/// Spreadsheet and dataset spellings of "no value".
fn is_missing_marker(raw: &str) -> bool {
    ["na", "n/a", "nan", "null", "none", "unknown", "-"].iter().any(|marker| marker.eq_ignore_ascii_case(raw))
}

fn format_ymd(year: u32, month: Option<u32>, day: Option<u32>) -> Option<String> {
    if !(1..=9999).contains(&year) {
        return None;
    }
    match (month, day) {
        (None, _) => Some(format!("{year:04}")),
        (Some(m), None) if (1..=12).contains(&m) => Some(format!("{year:04}-{m:02}")),
        (Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d) => {
            Some(format!("{year:04}-{m:02}-{d:02}"))
        }
        _ => None,
    }
}

fn number(s: &str, max_len: usize) -> Option<u32> {
    if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `2019`, `2019-02`, `2017-04-05`, `2017-4-5`, `2017-04-05T10:00:00Z`, `2017/04/05`.
fn iso(raw: &str) -> Option<String> {
    let date = raw.split(['T', ' ']).next()?;
    if date.len() != raw.len() && !raw[date.len() + 1..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut parts = date.split(['-', '/']);
    let year = parts.next().filter(|y| y.len() == 4).and_then(|y| number(y, 4))?;
    let month = parts.next().map(|m| number(m, 2)).map_or(Ok(None), |m| m.map(Some).ok_or(()));
    let day = parts.next().map(|d| number(d, 2)).map_or(Ok(None), |d| d.map(Some).ok_or(()));
    if parts.next().is_some() {
        return None;
    }
    match (month, day) {
        (Ok(m), Ok(d)) if m.is_some() || d.is_none() => format_ymd(year, m, d),
        _ => None,
    }
}

/// `M/D/YYYY` (US order, as FA-KES), or `D/M/YYYY` when the first number exceeds 12.
fn slashed(raw: &str) -> Option<String> {
    let mut parts = raw.split(['/', '.']);
    let a = number(parts.next()?, 2)?;
    let b = number(parts.next()?, 2)?;
    let year_text = parts.next()?;
    if parts.next().is_some() || year_text.len() != 4 {
        return None;
    }
    let year = number(year_text, 4)?;
    let (month, day) = if a > 12 { (b, a) } else { (a, b) };
    format_ymd(year, Some(month), Some(day))
}

/// Written dates: a month name, a 4-digit year, an optional day; weekdays and `1er` tolerated.
fn written(raw: &str) -> Option<String> {
    let (mut day, mut month, mut year) = (None, None, None);
    for word in raw.split(|c: char| c.is_whitespace() || c == ',' || c == '.').filter(|w| !w.is_empty()) {
        let lower = word.to_lowercase();
        if let Some(m) = month_number(&lower) {
            if month.replace(m).is_some() {
                return None;
            }
        } else if let Some(n) = number(lower.trim_end_matches("er"), 4) {
            if lower.len() == 4 && year.is_none() {
                year = Some(n);
            } else if lower.len() <= 4 && n <= 31 && day.is_none() {
                day = Some(n);
            } else {
                return None;
            }
        } else if !is_weekday(&lower) {
            return None;
        }
    }
    format_ymd(year?, Some(month?), day)
}

fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&[&str]; 12] = [
        &["jan", "january", "janv", "janvier"],
        &["feb", "february", "fev", "fév", "févr", "fevr", "février", "fevrier"],
        &["mar", "march", "mars"],
        &["apr", "april", "avr", "avril"],
        &["may", "mai"],
        &["jun", "june", "juin"],
        &["jul", "july", "juil", "juillet"],
        &["aug", "august", "aou", "aoû", "août", "aout"],
        &["sep", "sept", "september", "septembre"],
        &["oct", "october", "octobre"],
        &["nov", "november", "novembre"],
        &["dec", "december", "déc", "décembre", "decembre"],
    ];
    MONTHS.iter().position(|names| names.contains(&word)).map(|i| i as u32 + 1)
}

fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 28] = [
        "mon",
        "monday",
        "tue",
        "tues",
        "tuesday",
        "wed",
        "wednesday",
        "thu",
        "thurs",
        "thursday",
        "fri",
        "friday",
        "sat",
        "saturday",
        "sun",
        "sunday",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "le",
        "lun",
        "mer",
        "jeu",
        "ven",
    ];
    DAYS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::normalize_date as n;

    #[test]
    fn iso_forms_are_kept_and_validated() {
        assert_eq!(n("2017-04-05").as_deref(), Some("2017-04-05"));
        assert_eq!(n(" 2019-02 ").as_deref(), Some("2019-02"));
        assert_eq!(n("2019").as_deref(), Some("2019"));
        assert_eq!(n("2017-4-5").as_deref(), Some("2017-04-05"));
        assert_eq!(n("2017/04/05").as_deref(), Some("2017-04-05"));
        assert_eq!(n("2017-04-05T10:20:00Z").as_deref(), Some("2017-04-05"));
        assert_eq!(n("2017-04-05 10:20").as_deref(), Some("2017-04-05"));
    }

    #[test]
    fn slashed_dates_are_us_order_unless_impossible() {
        assert_eq!(n("4/5/2017").as_deref(), Some("2017-04-05"));
        assert_eq!(n("10/13/2014").as_deref(), Some("2014-10-13"));
        assert_eq!(n("13/10/2014").as_deref(), Some("2014-10-13"));
    }

    #[test]
    fn written_dates_in_english_and_french() {
        assert_eq!(n("05 Apr 2017").as_deref(), Some("2017-04-05"));
        assert_eq!(n("Wed 05 Apr 2017").as_deref(), Some("2017-04-05"));
        assert_eq!(n("April 5, 2017").as_deref(), Some("2017-04-05"));
        assert_eq!(n("1er mars 2019").as_deref(), Some("2019-03-01"));
        assert_eq!(n("17 février 2020").as_deref(), Some("2020-02-17"));
        assert_eq!(n("mars 2019").as_deref(), Some("2019-03"));
        assert_eq!(n("mardi 3 mars 2020").as_deref(), Some("2020-03-03"));
    }

    #[test]
    fn anything_else_is_kept_trimmed() {
        assert_eq!(n("  spring 2018 ").as_deref(), Some("spring 2018"));
        assert_eq!(n("2017-13-01").as_deref(), Some("2017-13-01"));
        assert_eq!(n("32/1/2017").as_deref(), Some("32/1/2017"));
        assert_eq!(n("May"), Some("May".to_string()));
        assert_eq!(n("   "), None);
        assert_eq!(n("NA"), None);
        assert_eq!(n("n/a"), None);
    }
}
