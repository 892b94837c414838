//! Dates in pastes: the header line the paste tool writes, and dates in prose.
//!
//! The header line is `date 2025-01` or `date 2025-01-26`, optionally followed by
//! the credit (`Von Euronews mit AP`) or directly by the first sentence. Dates in
//! prose are read in the forms outlets print them: `24. Januar 2025`,
//! `Feb. 12, 2025`, `12 February 2025`, `13.12.2023`, `12/02/2025`, `2025-01-24`,
//! and `Januar 2025` (month precision); a time of day next to a date is kept when
//! its zone is written or implied (`14:32 GMT+1`, `01:51 Uhr`, `13:03 IST`). A *date line* is a line that holds nothing
//! but a date, times, weekdays and labels such as "Published on" or "Stand:".
//!
//! ```
//! use briefing::ingest::dates::{find_date, date_line};
//! assert_eq!(find_date("am 24. Januar 2025 in Seoul").unwrap().0.to_string(), "2025-01-24");
//! assert_eq!(date_line("Published on 12/02/2025 - 14:32 GMT+1").unwrap().to_string(), "2025-02-12T14:32:00+01:00");
//! assert!(date_line("Am 24. Januar 2025 traf Blinken Park.").is_none());
//! assert_eq!(date_line("Press room Published July 12, 2023").unwrap().to_string(), "2023-07-12");
//! assert_eq!(date_line("Last updated: 2023/07/12 at 9:37 PM").unwrap().to_string(), "2023-07-12");
//! assert_eq!(date_line("28.12.2016, 12:34 Uhr / Lesedauer: 2 min").unwrap().to_string(), "2016-12-28T12:34:00+01:00");
//! ```

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::rules::rules;
use crate::content::PartialDate;

/// The header line of a paste: its date and what follows it on the line.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub date: PartialDate,
    pub rest: String,
}

static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:date|datum):?\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?(?:\s+(.*))?$").unwrap()
});

/// Reads a header line such as ` date 2025-01 Von Euronews mit AP`.
pub fn header_line(line: &str) -> Option<Header> {
    let caps = HEADER.captures(line)?;
    let date: PartialDate = caps[1].parse().ok()?;
    let rest = caps.get(2).map_or("", |m| m.as_str()).trim().to_string();
    Some(Header { date, rest })
}

const MONTH_WORD: &str = r"[A-Za-zÄÖÜäöüé]{3,9}";

static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})([-/])(\d{2})[-/](\d{2})\b").unwrap());
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})([./-])\s?(\d{1,2})[./-]\s?(\d{4})\b").unwrap());
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(\d{{1,2}})(?:st|nd|rd|th)?\.?\s+({MONTH_WORD})\.?,?\s+(\d{{4}})\b"
    ))
    .unwrap()
});
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b({MONTH_WORD})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"
    ))
    .unwrap()
});
static MONTH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\b({MONTH_WORD})\.?\s+(\d{{4}})\b")).unwrap());

fn number<T: std::str::FromStr>(s: &str) -> Option<T> {
    s.parse().ok()
}

/// Every date written in `text`, with its byte range, in order of position.
pub fn find_dates(text: &str) -> Vec<(PartialDate, Range<usize>)> {
    let r = rules();
    let mut found: Vec<(PartialDate, Range<usize>)> = Vec::new();
    for c in ISO.captures_iter(text) {
        // `2025-01-24`, or with slashes as some sites print it (`2023/07/12`).
        let date = PartialDate::new(number(&c[1]).unwrap_or(0), number(&c[3]), number(&c[4]));
        if let Ok(d) = date {
            found.push((d, c.get(0).unwrap().range()));
        }
    }
    for c in NUMERIC.captures_iter(text) {
        let (a, b): (u8, u8) = (number(&c[1]).unwrap_or(0), number(&c[3]).unwrap_or(0));
        // Day first, as in Europe; a slash date whose first number cannot be a
        // day's month partner (13/…) is still day first, one whose second number
        // exceeds 12 is American (month first).
        let (day, month) = if &c[2] == "/" && b > 12 {
            (b, a)
        } else {
            (a, b)
        };
        if let Ok(d) = PartialDate::new(number(&c[4]).unwrap_or(0), Some(month), Some(day)) {
            found.push((d, c.get(0).unwrap().range()));
        }
    }
    for c in DAY_MONTH_YEAR.captures_iter(text) {
        if let Some(month) = r.month(&c[2]) {
            if let Ok(d) = PartialDate::new(number(&c[3]).unwrap_or(0), Some(month), number(&c[1]))
            {
                found.push((d, c.get(0).unwrap().range()));
            }
        }
    }
    for c in MONTH_DAY_YEAR.captures_iter(text) {
        if let Some(month) = r.month(&c[1]) {
            if let Ok(d) = PartialDate::new(number(&c[3]).unwrap_or(0), Some(month), number(&c[2]))
            {
                found.push((d, c.get(0).unwrap().range()));
            }
        }
    }
    for c in MONTH_YEAR.captures_iter(text) {
        let range = c.get(0).unwrap().range();
        let inside_other = found
            .iter()
            .any(|(_, r)| r.start <= range.end && range.start <= r.end);
        if let (Some(month), false) = (r.month(&c[1]), inside_other) {
            if let Ok(d) = PartialDate::new(number(&c[2]).unwrap_or(0), Some(month), None) {
                found.push((d, range));
            }
        }
    }
    found.sort_by_key(|(_, r)| r.start);
    found
}

/// The first date written in `text`, with its time of day when one with a
/// time zone stands next to it (`12.05.2025 01:51 Uhr`, `14-05-2024 13:03
/// IST`, `2:39 pm IST`, `Updated 4:32 PM GMT+1, February 12, 2025`).
pub fn find_date(text: &str) -> Option<(PartialDate, Range<usize>)> {
    let dates = find_dates(text);
    let (date, range) = dates.first()?.clone();
    Some((with_time(date, text, &range, &dates), range))
}

static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?\s*(?:,\s*)?\(?([a-zäöü]{1,5})\b\)?(?:\s*([+-]\d{1,2})(?::?(\d{2}))?)?").unwrap()
});

/// How far from a date its time of day may stand, in bytes.
const TIME_WINDOW: usize = 40;

/// `date` with the time of day written next to it in `text`, when the time
/// names its zone ([`super::rules::Rules::utc_offset`]); otherwise `date`.
/// `dates` are all the dates of `text` ([`find_dates`]).
fn with_time(
    date: PartialDate,
    text: &str,
    range: &Range<usize>,
    dates: &[(PartialDate, Range<usize>)],
) -> PartialDate {
    let (Some(month), Some(day)) = (date.month, date.day) else {
        return date;
    };
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    // A time belongs to the nearest date: the window ends at the next date
    // (`31.05.2022 | Stand 22.09.2023, 22:43 Uhr`) and begins after the
    // one before.
    let next = dates
        .iter()
        .map(|(_, r)| r.start)
        .find(|&s| s >= range.end)
        .unwrap_or(text.len());
    let previous = dates
        .iter()
        .map(|(_, r)| r.end)
        .filter(|&e| e <= range.start)
        .max()
        .unwrap_or(0);
    let after = &text[range.end..floor((range.end + TIME_WINDOW).min(next))];
    let before = &text[floor(range.start.saturating_sub(TIME_WINDOW)).max(previous)..range.start];
    let r = rules();
    for window in [after, before] {
        for c in CLOCK.captures_iter(window) {
            let mut hour: u32 = number(&c[1]).unwrap_or(99);
            let minute: u32 = number(&c[2]).unwrap_or(99);
            let second: u32 = c.get(3).and_then(|m| number(m.as_str())).unwrap_or(0);
            if let Some(half) = c.get(4) {
                let pm = half.as_str().to_ascii_lowercase().starts_with('p');
                hour = match (hour, pm) {
                    (12, false) => 0,
                    (h, true) if h < 12 => h + 12,
                    (h, _) => h,
                };
            }
            if hour > 23 || minute > 59 || second > 59 {
                continue;
            }
            let zone = c[5].to_lowercase();
            let explicit = c.get(6).map(|h| {
                let minutes = c.get(7).map_or("00", |m| m.as_str());
                format!(
                    "{}{:02}:{minutes}",
                    &h.as_str()[..1],
                    h.as_str()[1..].parse::<u8>().unwrap_or(0)
                )
            });
            let Some(offset) = explicit.or_else(|| r.utc_offset(&zone, date.year, month, day))
            else {
                continue;
            };
            let stamp = format!(
                "{:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{offset}",
                date.year
            );
            if let Ok(timed) = stamp.parse() {
                return timed;
            }
        }
    }
    date
}

static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?|\b[ap]\.?m\.?\b|[+-]\d{1,2}(?::\d{2})?\b").unwrap()
});

/// Whether `text` is nothing but a time of day (`18:54`, `2:14 PM`, `14.16 Uhr`).
pub fn is_time_of_day(text: &str) -> bool {
    let rest = TIME.replace_all(text, " ");
    rest.len() < text.len() && only_labels(&rest)
}

/// The date of a line that holds only a date with its time, weekday and labels
/// ("Published on 12/02/2025 - 14:32 GMT+1", "Stand: 24.01.2025 09:12 Uhr").
pub fn date_line(line: &str) -> Option<PartialDate> {
    if line.len() > 120 {
        return None;
    }
    // A byline whose name the page left out: `by February 16th, 2022`.
    if let Some(rest) = line
        .strip_prefix("by ")
        .or_else(|| line.strip_prefix("By "))
    {
        let opens_with_date = find_dates(rest).first().is_some_and(|(_, r)| r.start == 0);
        if let Some(date) = opens_with_date.then(|| date_line(rest)).flatten() {
            return Some(date);
        }
    }
    let mut dates = find_dates(line);
    if dates.is_empty() {
        dates.extend(short_year_date(line));
    }
    let (first, range) = dates.first()?.clone();
    let first = with_time(first, line, &range, &dates);
    let mut rest = line.to_string();
    for (_, range) in dates.iter().rev() {
        rest.replace_range(range.clone(), " ");
    }
    let rest = READING_TIME.replace_all(&rest, " ");
    let rest = TIME.replace_all(&rest, " ");
    (only_labels(&rest) || labelled_after_section(line, &range)).then_some(first)
}

/// A date with a two-digit year, day first, with a time after it:
/// `15.06.22 - 14:16 Uhr`.
static SHORT_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})\.(\d{1,2})\.(\d{2})\b(?:\s*[-–,|]?\s*)\d{1,2}[:.]\d{2}").unwrap()
});

/// The date of a date line written with a two-digit year (this century's),
/// only where a time of day follows it.
fn short_year_date(line: &str) -> Option<(PartialDate, Range<usize>)> {
    let c = SHORT_YEAR.captures(line)?;
    let year = 2000 + number::<i32>(&c[3])?;
    let date = PartialDate::new(year, number(&c[2]), number(&c[1])).ok()?;
    let m = c.get(3)?;
    Some((date, c.get(0)?.start()..m.end()))
}

/// A note on the reading time beside a date: `Lesedauer: 2 min`, `5 min
/// read`, `Lesezeit 3 Minuten`.
static READING_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:lesedauer|lesezeit|reading time)\s*:?\s*\d{1,3}\s*(?:min\.?|minuten|minutes?)|\d{1,3}\s*(?:min\.?|minuten|minutes?)\s*(?:read|lesezeit|lesen)").unwrap()
});

/// Whether `text` holds nothing but date labels and weekdays.
fn only_labels(text: &str) -> bool {
    let r = rules();
    text.split(|c: char| c.is_whitespace() || ",;|•·–—-()/:".contains(c))
        .filter(|w| !w.is_empty())
        .all(|w| r.is_date_label(w.trim_end_matches('.')) || r.is_weekday(w))
}

/// Most words of a section's name before a date label (`Press room`).
const MAX_SECTION_WORDS_BEFORE_LABEL: usize = 3;

/// Whether the date at `range` follows a publication label that a short
/// section name opens the line with (`Press room Published July 12, 2023`),
/// with nothing but labels and times after it.
fn labelled_after_section(line: &str, range: &Range<usize>) -> bool {
    let before: Vec<&str> = line[..range.start]
        .split(|c: char| c.is_whitespace() || ":|•·".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    let Some((&label, section)) = before.split_last() else {
        return false;
    };
    let after = TIME.replace_all(&line[range.end..], " ");
    let labels_after = only_labels(&after);
    let publication = [
        "published",
        "updated",
        "posted",
        "veröffentlicht",
        "aktualisiert",
        "stand",
    ]
    .contains(&label.to_lowercase().as_str());
    publication
        && section.len() <= MAX_SECTION_WORDS_BEFORE_LABEL
        && section
            .iter()
            .all(|w| !w.chars().any(|c| c.is_ascii_digit()))
        && labels_after
}

/// Whether a line is a date label with nothing after it ("Published on", "Updated").
pub fn is_empty_date_line(line: &str) -> bool {
    let r = rules();
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || ",;|•·:".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty() && words.iter().all(|w| r.is_date_label(w) || r.is_weekday(w)) && {
        let first = words[0].to_lowercase();
        [
            "published",
            "updated",
            "veröffentlicht",
            "aktualisiert",
            "zuletzt",
            "stand",
            "posted",
            "erstellt",
            "last",
            "first",
        ]
        .contains(&first.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_date_line_with_its_last_update() {
        assert_eq!(
            date_line("2025-10-01 08:51 Last Updated At:09:01").map(|d| d.to_string()),
            Some("2025-10-01".to_string())
        );
        assert_eq!(date_line("Last week in 2025-10-01 politics"), None);
    }

    fn date(text: &str) -> String {
        find_date(text)
            .map(|(d, _)| d.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn reads_the_header_line_at_its_precision() {
        let h = header_line(" date 2025-01 Von Euronews mit AP").unwrap();
        assert_eq!(h.date.to_string(), "2025-01");
        assert_eq!(h.rest, "Von Euronews mit AP");
        let h = header_line(" date 2025-01-26 Die Regierung hat am Sonntag …").unwrap();
        assert_eq!(h.date.to_string(), "2025-01-26");
        assert!(h.rest.starts_with("Die Regierung"));
        assert!(header_line("Das date 2025").is_none());
        assert!(header_line("date 2025-13").is_none());
    }

    #[test]
    fn reads_german_prose_dates() {
        assert_eq!(date("Berlin, 24. Januar 2025"), "2025-01-24");
        assert_eq!(date("am 3. März 2024 um"), "2024-03-03");
        assert_eq!(date("Stand: 13.12.2023"), "2023-12-13");
        assert_eq!(date("seit Januar 2025"), "2025-01");
    }

    #[test]
    fn reads_english_prose_dates() {
        assert_eq!(date("Feb. 12, 2025"), "2025-02-12");
        assert_eq!(
            date("Updated 4:32 PM GMT+1, February 12, 2025"),
            "2025-02-12T16:32:00+01:00"
        );
        assert_eq!(
            date("Sat 15 Feb 2025 14.32 GMT"),
            "2025-02-15T14:32:00+00:00"
        );
        assert_eq!(date("Tue Feb 11 2025 - 18:42"), "2025-02-11");
        assert_eq!(date("12/02/2025"), "2025-02-12");
        assert_eq!(date("02/13/2025"), "2025-02-13");
    }

    #[test]
    fn takes_the_time_of_day_when_its_zone_is_known() {
        // Summer time in central Europe, Indian and US eastern time.
        assert_eq!(
            date("Stand: 12.05.2025 01:51 Uhr"),
            "2025-05-12T01:51:00+02:00"
        );
        assert_eq!(date("14-05-2024 13:03 IST"), "2024-05-14T13:03:00+05:30");
        assert_eq!(
            date("02 July, 2024 2:39 pm IST"),
            "2024-07-02T14:39:00+05:30"
        );
        assert_eq!(date("Jan 6, 2026, 2:14 PM ET"), "2026-01-06T14:14:00-05:00");
        // Without a zone, the day alone.
        assert_eq!(date("12.05.2025 01:51"), "2025-05-12");
    }

    #[test]
    fn reads_the_header_line_date_without_eating_the_headline() {
        let h = header_line(" date 2025-01-06 Trump denies report").unwrap();
        assert_eq!(h.rest, "Trump denies report");
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(date("31.02.2025"), "");
        assert_eq!(date("Mayday 2025"), "");
    }

    #[test]
    fn tells_date_lines_from_sentences_with_dates() {
        assert_eq!(
            date_line("Stand: 24.01.2025 09:12 Uhr")
                .unwrap()
                .to_string(),
            "2025-01-24T09:12:00+01:00"
        );
        assert_eq!(
            date_line("Sat 15 Feb 2025 14.32 GMT").unwrap().to_string(),
            "2025-02-15T14:32:00+00:00"
        );
        assert_eq!(
            date_line("24. Januar 2025, 14:32 Uhr").unwrap().to_string(),
            "2025-01-24T14:32:00+01:00"
        );
        assert!(date_line("Der Vertrag vom 24. Januar 2025 gilt").is_none());
    }

    #[test]
    fn recognises_empty_published_and_updated_lines() {
        assert!(is_empty_date_line("Published on"));
        assert!(is_empty_date_line("Updated"));
        assert!(is_empty_date_line("Veröffentlicht am"));
        assert!(!is_empty_date_line("On"));
    }

    #[test]
    fn a_day_may_be_written_as_an_ordinal() {
        assert_eq!(
            date_line("Published 21st Jan 2025, 15:38 GMT").map(|d| d.to_string()),
            Some("2025-01-21T15:38:00+00:00".into())
        );
        assert_eq!(
            date_line("20th Apr 2021 8:04 AM").map(|d| d.to_string()),
            Some("2021-04-20".into())
        );
    }

    #[test]
    fn a_time_belongs_to_the_date_nearest_it() {
        assert_eq!(
            date_line("31.05.2022 | Stand 22.09.2023, 22:43 Uhr").map(|d| d.to_string()),
            Some("2022-05-31".into())
        );
    }

    #[test]
    fn a_two_digit_year_counts_only_with_a_time_after_it() {
        assert_eq!(
            date_line("15.06.22 - 14:16 Uhr").map(|d| d.to_string()),
            Some("2022-06-15T14:16:00+02:00".into())
        );
        assert_eq!(date_line("15.06.22"), None);
    }

    #[test]
    fn a_time_alone_is_a_time_of_day() {
        assert!(is_time_of_day("18:54"));
        assert!(is_time_of_day("2:14 PM"));
        assert!(!is_time_of_day("Chris King"));
        assert!(!is_time_of_day(""));
    }
}
