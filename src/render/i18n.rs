//! UI strings and localized dates, from `data/i18n.yaml` (embedded).
//!
//! ```
//! use briefing::config::Language;
//! use briefing::render::i18n::Strings;
//! let de = Strings::for_language(Language::De);
//! assert_eq!(de.date(&"2025-01".parse().unwrap()), "Januar 2025");
//! assert_eq!(de.date(&"2025-01-24".parse().unwrap()), "24. Januar 2025");
//! ```

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::config::Language;
use crate::content::{PartialDate, Precision};

const I18N_YAML: &str = include_str!("../../data/i18n.yaml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DateFormats {
    year: String,
    month: String,
    day: String,
    time: String,
}

/// The strings and date formats of one language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Strings {
    months: Vec<String>,
    date_formats: DateFormats,
    /// Templates see these as `t.<key>`.
    pub strings: BTreeMap<String, String>,
}

fn all() -> &'static BTreeMap<String, Strings> {
    static ALL: OnceLock<BTreeMap<String, Strings>> = OnceLock::new();
    ALL.get_or_init(|| serde_yaml::from_str(I18N_YAML).expect("data/i18n.yaml is valid"))
}

impl Strings {
    pub fn for_language(language: Language) -> &'static Strings {
        &all()[language.code()]
    }

    /// A string by key; the key itself when missing, so that a gap is visible.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key).map_or(key, String::as_str)
    }

    /// "1 Artikel" / "3 Artikel": `<key>_one` for one, `<key>` with {n} otherwise.
    pub fn count(&self, key: &str, n: usize) -> String {
        if n == 1 {
            if let Some(one) = self.strings.get(&format!("{key}_one")) {
                return one.clone();
            }
        }
        self.format(key, &[("n", n)])
    }

    /// The string `key` with each `{name}` of `values` filled in.
    pub fn format(&self, key: &str, values: &[(&str, usize)]) -> String {
        fill(self.get(key), |name, out| {
            let value = values.iter().find(|(n, _)| *n == name);
            if let Some((_, v)) = value {
                // Writing to a String cannot fail.
                let _ = write!(out, "{v}");
            }
            value.is_some()
        })
    }

    /// The string `key` with each `{name}` of `values` filled in with text:
    /// `text("graph_of", &[("name", "Kim Jong Un")])`.
    pub fn text(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.get(key), |name, out| {
            let value = values.iter().find(|(n, _)| *n == name);
            if let Some((_, v)) = value {
                out.push_str(v);
            }
            value.is_some()
        })
    }

    /// A date at its own precision, e.g. "Januar 2025" or "24. Januar 2025".
    pub fn date(&self, date: &PartialDate) -> String {
        let f = &self.date_formats;
        let format = match date.precision() {
            Precision::Year => &f.year,
            Precision::Month => &f.month,
            Precision::Day => &f.day,
            Precision::Time => &f.time,
        };
        let month = date
            .month
            .map(|m| self.months[m as usize - 1].as_str())
            .unwrap_or("");
        let (hour, minute) = date.time_of_day().unwrap_or((0, 0));
        fill(format, |name, out| {
            // Writing to a String cannot fail.
            let _ = match name {
                "year" => write!(out, "{}", date.year),
                "month" => out.write_str(month),
                "day" => write!(out, "{}", date.day.unwrap_or(1)),
                "hour" => write!(out, "{hour:02}"),
                "minute" => write!(out, "{minute:02}"),
                _ => return false,
            };
            true
        })
    }
}

/// `format` with every `{name}` replaced by what `value` writes for it, in
/// one pass: pages show thousands of dates and counts. A name `value` does
/// not know (it returns false) and an unclosed `{` stay as written.
fn fill(format: &str, mut value: impl FnMut(&str, &mut String) -> bool) -> String {
    let mut out = String::with_capacity(format.len() + 16);
    let mut rest = format;
    while let Some((text, after)) = rest.split_once('{') {
        out.push_str(text);
        let Some((name, tail)) = after.split_once('}') else {
            out.push('{');
            rest = after;
            break;
        };
        if !value(name, &mut out) {
            out.push('{');
            out.push_str(name);
            out.push('}');
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    #[test]
    fn every_language_has_the_same_keys() {
        let de: Vec<_> = Strings::for_language(Language::De).strings.keys().collect();
        let en: Vec<_> = Strings::for_language(Language::En).strings.keys().collect();
        assert_eq!(de, en);
        assert_eq!(Strings::for_language(Language::En).months.len(), 12);
    }

    #[test]
    fn shows_dates_at_their_precision_in_english() {
        let en = Strings::for_language(Language::En);
        assert_eq!(en.date(&date("2025")), "2025");
        assert_eq!(en.date(&date("2025-01")), "January 2025");
        assert_eq!(en.date(&date("2025-01-24")), "January 24, 2025");
        assert_eq!(
            en.date(&date("2025-01-24T09:05:00+01:00")),
            "January 24, 2025, 09:05"
        );
    }

    #[test]
    fn keeps_what_a_date_format_does_not_know() {
        let strings = Strings {
            months: Vec::new(),
            date_formats: DateFormats {
                year: "{era} {year} {".into(),
                month: String::new(),
                day: String::new(),
                time: String::new(),
            },
            strings: BTreeMap::new(),
        };
        assert_eq!(strings.date(&date("2025")), "{era} 2025 {");
    }

    #[test]
    fn fills_every_place_of_a_value() {
        let de = Strings::for_language(Language::De);
        let mut strings = Strings {
            months: Vec::new(),
            date_formats: DateFormats {
                year: String::new(),
                month: String::new(),
                day: String::new(),
                time: String::new(),
            },
            strings: BTreeMap::new(),
        };
        strings
            .strings
            .insert("x".into(), "{n} of {n}, {total} {other}".into());
        assert_eq!(
            strings.format("x", &[("n", 2), ("total", 5)]),
            "2 of 2, 5 {other}"
        );
        assert_eq!(
            de.format("page_of", &[("n", 2), ("total", 5)]),
            "Seite 2 von 5"
        );
    }

    #[test]
    fn fills_text_values_into_a_string() {
        let en = Strings::for_language(Language::En);
        assert_eq!(
            en.text("week_of", &[("date", "January 6, 2025")]),
            "Week of January 6, 2025"
        );
    }

    #[test]
    fn counts_with_singular_forms() {
        let de = Strings::for_language(Language::De);
        assert_eq!(de.count("mention_count", 1), "1 Erwähnung");
        assert_eq!(de.count("mention_count", 4), "4 Erwähnungen");
    }
}
