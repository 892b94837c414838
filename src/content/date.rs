//! Partial dates: `2025`, `2025-01`, `2025-01-24` or a full RFC 3339 timestamp.
//!
//! News pastes often carry only a month ("date 2025-01") or a year, so a date is
//! stored at the precision it was written with. Ordering puts a less precise date
//! before every more precise date of the same period (`2025-01` < `2025-01-01`),
//! which in a newest-first list places "some time in January" after the dated days
//! of January. Formatting is localized through the UI strings (`data/i18n.yaml`).
//!
//! ```
//! use briefing::content::PartialDate;
//! let d: PartialDate = "2025-01".parse().unwrap();
//! assert_eq!(d.to_string(), "2025-01");
//! assert!(d < "2025-01-01".parse().unwrap());
//! ```

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
    Time,
}

/// A calendar date known to year, month, day or second precision.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
    /// The full timestamp as written, when the date came with a time of day.
    time: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Timestamp {
    /// Seconds since the Unix epoch in UTC, used for ordering.
    utc_seconds: i64,
    /// The original text, kept so that output shows the writer's own offset.
    text: String,
}

/// Why a date could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date \"{text}\": {reason}")]
pub struct DateError {
    pub text: String,
    pub reason: String,
}

impl PartialDate {
    pub fn year(year: i32) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
            time: None,
        }
    }

    /// Builds a date, checking that the month and the day exist.
    pub fn new(year: i32, month: Option<u8>, day: Option<u8>) -> Result<Self, String> {
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(format!("month {m} is not between 1 and 12"));
            }
        }
        if let Some(d) = day {
            let m = month.ok_or("a day needs a month")?;
            let last = days_in_month(year, m);
            if d == 0 || d > last {
                return Err(format!("day {d} does not exist in {year:04}-{m:02}"));
            }
        }
        Ok(PartialDate {
            year,
            month,
            day,
            time: None,
        })
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day, &self.time) {
            (_, _, Some(_)) => Precision::Time,
            (Some(_), Some(_), None) => Precision::Day,
            (Some(_), None, None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The same date cut to day precision (or less, if less is known).
    pub fn to_day(&self) -> PartialDate {
        PartialDate {
            time: None,
            ..self.clone()
        }
    }

    /// The same date cut to month precision (or year, if no month is known).
    pub fn to_month(&self) -> PartialDate {
        PartialDate {
            day: None,
            time: None,
            ..self.clone()
        }
    }

    /// RFC 3339 timestamp for feeds: the start of the period in UTC when the
    /// date is partial, the original timestamp otherwise.
    pub fn rfc3339(&self) -> String {
        if let Some(t) = &self.time {
            return t.text.clone();
        }
        format!(
            "{:04}-{:02}-{:02}T00:00:00Z",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }

    /// Hour and minute as written, for timestamps.
    pub fn time_of_day(&self) -> Option<(u8, u8)> {
        let t = self.time.as_ref()?;
        let clock = t.text.get(11..16)?;
        Some((clock[..2].parse().ok()?, clock[3..].parse().ok()?))
    }

    /// What dates are ordered by, made once to sort many dates quickly: the
    /// time ([`Self::sort_key`]), then the precision, so that a less precise
    /// date sorts before a more precise one.
    pub fn order_key(&self) -> ((i32, u8, u8, i64), Precision) {
        (self.sort_key(), self.precision())
    }

    /// UTC seconds for timestamps, the start of the day otherwise.
    fn sort_key(&self) -> (i32, u8, u8, i64) {
        let base = (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0));
        let within_day = match &self.time {
            Some(t) => t.utc_seconds - day_start_seconds(self.year, base.1, base.2) + 1,
            None => 0,
        };
        (base.0, base.1, base.2, within_day)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days of a month (1–12) in the Gregorian calendar.
/// The day of the week, 0 for Monday to 6 for Sunday (of a valid date).
pub fn weekday(year: i32, month: u8, day: u8) -> u8 {
    use chrono::Datelike;
    chrono::NaiveDate::from_ymd_opt(year, month.into(), day.into())
        .map_or(0, |d| d.weekday().num_days_from_monday() as u8)
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

fn day_start_seconds(year: i32, month: u8, day: u8) -> i64 {
    chrono::NaiveDate::from_ymd_opt(year, month.max(1) as u32, day.max(1) as u32)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|dt| dt.and_utc().timestamp())
        .unwrap_or(0)
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.order_key().cmp(&other.order_key())
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

const DATE_FORMS: &str = "write it as YYYY, YYYY-MM, YYYY-MM-DD or an RFC 3339 timestamp such as 2025-01-24T09:30:00+01:00";

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        let fail = |reason: String| DateError {
            text: text.to_string(),
            reason,
        };
        if text.len() > 10 {
            let parsed = chrono::DateTime::parse_from_rfc3339(text)
                .map_err(|e| fail(format!("{e}; {DATE_FORMS}")))?;
            let naive = parsed.date_naive();
            use chrono::Datelike;
            // The calendar date is the writer's local date, as they wrote it.
            return Ok(PartialDate {
                year: naive.year(),
                month: Some(naive.month() as u8),
                day: Some(naive.day() as u8),
                time: Some(Timestamp {
                    utc_seconds: parsed.timestamp(),
                    text: text.to_string(),
                }),
            });
        }
        let parts: Vec<&str> = text.split('-').collect();
        let widths = [4, 2, 2];
        if parts.is_empty() || parts.len() > 3 {
            return Err(fail(DATE_FORMS.to_string()));
        }
        let mut numbers = [0u32; 3];
        for (i, part) in parts.iter().enumerate() {
            if part.len() != widths[i] || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(fail(DATE_FORMS.to_string()));
            }
            numbers[i] = part.parse().map_err(|_| fail(DATE_FORMS.to_string()))?;
        }
        let month = (parts.len() > 1).then_some(numbers[1] as u8);
        let day = (parts.len() > 2).then_some(numbers[2] as u8);
        PartialDate::new(numbers[0] as i32, month, day).map_err(fail)
    }
}

impl fmt::Display for PartialDate {
    /// The date as it is written in front matter.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(t) = &self.time {
            return f.write_str(&t.text);
        }
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = PartialDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date such as 2025, 2025-01, 2025-01-24 or 2025-01-24T09:30:00Z")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<PartialDate, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<PartialDate, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<PartialDate, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    #[test]
    fn parses_each_precision() {
        assert_eq!(d("2025").precision(), Precision::Year);
        assert_eq!(d("2025-01").precision(), Precision::Month);
        assert_eq!(d("2025-01-24").precision(), Precision::Day);
        assert_eq!(d("2025-01-24T09:30:00+01:00").precision(), Precision::Time);
    }

    #[test]
    fn rejects_impossible_dates_with_the_reason() {
        let err = "2025-13".parse::<PartialDate>().unwrap_err();
        assert!(err.reason.contains("month 13"), "{err}");
        let err = "2023-02-29".parse::<PartialDate>().unwrap_err();
        assert!(err.reason.contains("day 29"), "{err}");
        assert!("2024-02-29".parse::<PartialDate>().is_ok());
        assert!("24.01.2025".parse::<PartialDate>().is_err());
        assert!("2025-1-5".parse::<PartialDate>().is_err());
        assert!("2025-01-24T25:00:00Z".parse::<PartialDate>().is_err());
    }

    #[test]
    fn orders_less_precise_dates_before_the_days_of_their_period() {
        let mut dates = [
            d("2025-01-24"),
            d("2025"),
            d("2025-01"),
            d("2024-12-31"),
            d("2025-01-01"),
            d("2025-01-24T08:00:00+01:00"),
            d("2025-02"),
        ];
        dates.sort();
        let shown: Vec<String> = dates.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            shown,
            [
                "2024-12-31",
                "2025",
                "2025-01",
                "2025-01-01",
                "2025-01-24",
                "2025-01-24T08:00:00+01:00",
                "2025-02"
            ]
        );
    }

    #[test]
    fn orders_timestamps_by_their_instant() {
        assert!(d("2025-01-24T09:00:00+02:00") < d("2025-01-24T08:00:00+00:00"));
    }

    #[test]
    fn round_trips_through_yaml_from_numbers_and_strings() {
        let year: PartialDate = serde_yaml::from_str("2025").unwrap();
        assert_eq!(year, PartialDate::year(2025));
        let day: PartialDate = serde_yaml::from_str("2025-01-24").unwrap();
        assert_eq!(serde_yaml::to_string(&day).unwrap().trim(), "2025-01-24");
    }

    #[test]
    fn feed_timestamp_starts_the_period() {
        assert_eq!(d("2025-01").rfc3339(), "2025-01-01T00:00:00Z");
        assert_eq!(
            d("2025-01-24T09:30:00+01:00").rfc3339(),
            "2025-01-24T09:30:00+01:00"
        );
    }
}
