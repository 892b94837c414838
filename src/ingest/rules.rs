//! The vocabulary of the ingest rules, read from `data/ingest.yaml`.
//!
//! Every word list the cleaning rules use (noise labels, month names, agencies,
//! outlets, stop words …) lives in that data file, embedded in the binary, so that
//! a new outlet or label is a one-line change to data, not to code. [`rules`]
//! parses it once and hands out lookups that compare case-insensitively.
//!
//! ```
//! let rules = briefing::ingest::rules::rules();
//! assert_eq!(rules.agency("Associated Press"), Some("AP"));
//! assert_eq!(rules.month("Januar"), Some(1));
//! ```

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use serde::Deserialize;

const DATA: &str = include_str!("../../data/ingest.yaml");
const OUTLETS: &str = include_str!("../../data/outlets.yaml");

/// `data/outlets.yaml`.
#[derive(Debug, Deserialize)]
struct OutletData {
    outlets: Vec<Named>,
    platforms: Vec<Platform>,
    #[serde(default)]
    second_level_labels: Vec<String>,
}

/// A site that names the outlet in its addresses' path.
#[derive(Debug, Clone, Deserialize)]
pub struct Platform {
    pub domain: String,
    /// Path segments before the one naming the outlet.
    pub skip: usize,
}

#[derive(Debug, Deserialize)]
struct Named {
    name: String,
    aliases: Vec<String>,
    /// Web domains the outlet publishes on (`tagesschau.de`).
    #[serde(default)]
    domains: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Data {
    noise_labels: Vec<String>,
    share_words: Vec<String>,
    prompt_phrases: Vec<String>,
    author_box_headings: Vec<String>,
    date_labels: Vec<String>,
    months: HashMap<String, Vec<Vec<String>>>,
    weekdays: Vec<String>,
    byline_words: Vec<String>,
    joiners: Vec<String>,
    role_words: Vec<String>,
    agencies: Vec<Named>,
    credit_labels: Vec<String>,
    stop_words: HashMap<String, Vec<String>>,
    signature_words: Vec<String>,
    signature_prefixes: Vec<String>,
    signature_phrases: Vec<String>,
    #[serde(default)]
    time_zones: HashMap<String, String>,
    #[serde(default)]
    summary_labels: Vec<String>,
    #[serde(default)]
    desk_words: Vec<String>,
    #[serde(default)]
    link_labels: Vec<String>,
    #[serde(default)]
    publication_phrases: Vec<String>,
    #[serde(default)]
    photo_agencies: Vec<String>,
    #[serde(default)]
    camel_names: Vec<String>,
    #[serde(default)]
    video_labels: Vec<String>,
    #[serde(default)]
    credit_relays: Vec<String>,
    #[serde(default)]
    alt_text_words: Vec<String>,
    #[serde(default)]
    kicker_labels: Vec<String>,
    #[serde(default)]
    media_badges: Vec<String>,
}

/// Lookups over the word lists; all keys are lowercase.
#[derive(Debug)]
pub struct Rules {
    noise_labels: HashSet<String>,
    share_words: HashSet<String>,
    pub(crate) prompt_phrases: Vec<String>,
    pub(crate) author_box_headings: Vec<String>,
    date_labels: HashSet<String>,
    months: HashMap<String, u8>,
    weekdays: HashSet<String>,
    /// Longest first, so that "text von" wins over "von".
    pub(crate) byline_words: Vec<String>,
    joiners: HashSet<String>,
    role_words: Vec<String>,
    agencies: HashMap<String, String>,
    outlets: HashMap<String, String>,
    /// Every name and alias of an outlet as written, for names that are
    /// everyday words (`TODAY`, `Metro`): those match only as written.
    outlet_forms: HashSet<String>,
    /// Domain (lowercase, without `www.`) → outlet name.
    domains: HashMap<String, String>,
    platforms: Vec<Platform>,
    /// Second-level labels of country domains that belong to the suffix (`co`).
    second_level_labels: HashSet<String>,
    pub(crate) credit_labels: Vec<String>,
    /// (language code, its stop words)
    pub(crate) stop_words: Vec<(String, HashSet<String>)>,
    signature_words: HashSet<String>,
    pub(crate) signature_prefixes: Vec<String>,
    pub(crate) signature_phrases: Vec<String>,
    /// Zone name (lowercase) → offset (`+02:00`) or a rule (`central-europe`).
    time_zones: HashMap<String, String>,
    summary_labels: Vec<String>,
    /// Nouns of a newsroom's name, never of a person's (`Bureau`, `Desk`).
    pub(crate) desk_words: HashSet<String>,
    link_labels: HashSet<String>,
    video_labels: Vec<String>,
    publication_phrases: Vec<String>,
    photo_agencies: HashSet<String>,
    camel_names: HashSet<String>,
    /// Words between a picture's source and the agency that relayed it (`über`, `via`).
    pub(crate) credit_relays: Vec<String>,
    alt_text_words: HashSet<String>,
    kicker_labels: HashSet<String>,
    media_badges: HashSet<String>,
}

/// Whether a day falls in daylight-saving time that starts on the given
/// Sunday of `start.0` and ends on that of `end.0` (week 0: the last Sunday
/// of the month; 1, 2: the first, second). The switch days count as summer
/// from the start day on and as winter from the end day on.
fn in_summer_time(year: i32, month: u8, day: u8, start: (u8, u8), end: (u8, u8)) -> bool {
    let sunday = |m: u8, week: u8| -> u8 {
        let days = crate::content::days_in_month(year, m);
        let weekday_of = |d: u8| crate::content::weekday(year, m, d);
        if week == 0 {
            (1..=days)
                .rev()
                .find(|&d| weekday_of(d) == 6)
                .unwrap_or(days)
        } else {
            (1..=days)
                .filter(|&d| weekday_of(d) == 6)
                .nth(week as usize - 1)
                .unwrap_or(1)
        }
    };
    let key = |m: u8, d: u8| (m, d);
    let (s, e) = (
        key(start.0, sunday(start.0, start.1)),
        key(end.0, sunday(end.0, end.1)),
    );
    key(month, day) >= s && key(month, day) < e
}

/// Rank below which a word is an everyday word of its language, among the
/// most frequent words of `data/words/`.
const EVERYDAY_WORD_RANK: u32 = 5000;

/// The rules, parsed on first use.
pub fn rules() -> &'static Rules {
    static RULES: LazyLock<Rules> = LazyLock::new(|| {
        let data: Data = serde_yaml::from_str(DATA).expect("data/ingest.yaml is valid");
        let outlets: OutletData =
            serde_yaml::from_str(OUTLETS).expect("data/outlets.yaml is valid");
        Rules::from_data(data, outlets)
    });
    &RULES
}

/// A line as a label list holds it: trimmed, without a trailing colon,
/// stop or arrow, lowercase.
fn label_key(line: &str) -> String {
    let line = line.trim();
    // A label framed by dashes (`- Advertisement -`, `— ANZEIGE —`).
    const DASHES: [char; 4] = ['-', '–', '—', '*'];
    let line = match line.strip_prefix(DASHES).zip(line.strip_suffix(DASHES)) {
        Some(_) => line.trim_matches(DASHES).trim(),
        None => line,
    };
    line.trim_end_matches([':', '.', '…', '›', '»', '>'])
        .trim()
        .to_lowercase()
}

fn lower_set(words: Vec<String>) -> HashSet<String> {
    words.into_iter().map(|w| w.to_lowercase()).collect()
}

fn lower_list(words: Vec<String>) -> Vec<String> {
    words.into_iter().map(|w| w.to_lowercase()).collect()
}

fn alias_map(named: Vec<Named>) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for n in named {
        map.insert(n.name.to_lowercase(), n.name.clone());
        for a in n.aliases {
            map.insert(a.to_lowercase(), n.name.clone());
        }
    }
    map
}

impl Rules {
    fn from_data(data: Data, outlets: OutletData) -> Rules {
        let mut months = HashMap::new();
        for names in data.months.into_values() {
            for (i, forms) in names.into_iter().enumerate() {
                for form in forms {
                    months.insert(form.to_lowercase(), i as u8 + 1);
                }
            }
        }
        let mut byline_words: Vec<String> =
            data.byline_words.iter().map(|w| w.to_lowercase()).collect();
        byline_words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let mut stop_words: Vec<(String, HashSet<String>)> = data
            .stop_words
            .into_iter()
            .map(|(lang, words)| (lang, lower_set(words)))
            .collect();
        stop_words.sort_by(|a, b| a.0.cmp(&b.0));
        Rules {
            noise_labels: lower_set(data.noise_labels),
            share_words: lower_set(data.share_words),
            prompt_phrases: data
                .prompt_phrases
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            author_box_headings: data
                .author_box_headings
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            date_labels: lower_set(data.date_labels),
            months,
            weekdays: lower_set(data.weekdays),
            byline_words,
            joiners: lower_set(data.joiners),
            role_words: data.role_words.iter().map(|w| w.to_lowercase()).collect(),
            domains: outlets
                .outlets
                .iter()
                .chain(&data.agencies)
                .flat_map(|o| o.domains.iter().map(|d| (d.to_lowercase(), o.name.clone())))
                .collect(),
            agencies: alias_map(data.agencies),
            outlet_forms: outlets
                .outlets
                .iter()
                .flat_map(|o| std::iter::once(&o.name).chain(&o.aliases).cloned())
                .collect(),
            outlets: alias_map(outlets.outlets),
            platforms: outlets.platforms,
            second_level_labels: lower_set(outlets.second_level_labels),
            // Longest first, so that "photo credit" wins over "photo".
            credit_labels: {
                let mut labels: Vec<String> = data
                    .credit_labels
                    .iter()
                    .map(|w| w.to_lowercase())
                    .collect();
                labels.sort_by_key(|w| std::cmp::Reverse(w.len()));
                labels
            },
            stop_words,
            signature_words: lower_set(data.signature_words),
            signature_prefixes: data
                .signature_prefixes
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            signature_phrases: lower_list(data.signature_phrases),
            summary_labels: lower_list(data.summary_labels),
            desk_words: lower_set(data.desk_words),
            link_labels: lower_set(data.link_labels),
            publication_phrases: lower_list(data.publication_phrases),
            photo_agencies: lower_set(data.photo_agencies),
            camel_names: lower_set(data.camel_names),
            video_labels: lower_list(data.video_labels),
            credit_relays: lower_list(data.credit_relays),
            alt_text_words: lower_set(data.alt_text_words),
            kicker_labels: lower_set(data.kicker_labels),
            media_badges: lower_set(data.media_badges),
            time_zones: data
                .time_zones
                .into_iter()
                .map(|(k, v)| (k.to_lowercase(), v))
                .collect(),
        }
    }

    pub fn is_noise_label(&self, line: &str) -> bool {
        self.noise_labels.contains(&label_key(line))
    }

    pub fn is_share_word(&self, word: &str) -> bool {
        self.share_words.contains(&word.to_lowercase())
    }

    pub fn is_date_label(&self, word: &str) -> bool {
        self.date_labels.contains(&word.to_lowercase())
    }

    /// The month number of a month name or abbreviation (a trailing period allowed).
    pub fn month(&self, word: &str) -> Option<u8> {
        self.months
            .get(&word.trim_end_matches('.').to_lowercase())
            .copied()
    }

    pub fn is_weekday(&self, word: &str) -> bool {
        self.weekdays
            .contains(&word.trim_end_matches(['.', ',']).to_lowercase())
    }

    pub fn is_joiner(&self, word: &str) -> bool {
        self.joiners.contains(&word.to_lowercase())
    }

    /// Whether `text` starts with a role word ("Korrespondentin in Kiew").
    pub fn starts_with_role(&self, text: &str) -> bool {
        let lower = text.trim().to_lowercase();
        self.role_words.iter().any(|r| {
            lower.starts_with(r.as_str())
                && lower[r.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
    }

    /// The front-matter name of an agency written as `name`.
    pub fn agency(&self, name: &str) -> Option<&str> {
        self.agencies
            .get(&name.trim().to_lowercase())
            .map(String::as_str)
    }

    /// The front-matter name of an outlet written as `name`. A name that is
    /// one everyday word names the outlet only as the outlet writes it:
    /// `TODAY` is the paper, `Today in Canada` speaks of the day.
    pub fn outlet(&self, name: &str) -> Option<&str> {
        let name = name.trim();
        let everyday = !name.contains([' ', '.', '-'])
            && ["en", "de"]
                .iter()
                .any(|l| crate::entities::words::is_common(name, l, EVERYDAY_WORD_RANK));
        if everyday && !self.outlet_forms.contains(name) {
            return None;
        }
        self.outlets.get(&name.to_lowercase()).map(String::as_str)
    }

    /// Labels that open a summary box ("in kürze", "key points").
    pub fn summary_labels(&self) -> &[String] {
        &self.summary_labels
    }

    /// Whether `line` is the label of a box of links (`ALSO READ:`).
    pub fn is_link_label(&self, line: &str) -> bool {
        self.link_labels.contains(&label_key(line))
    }

    /// Whether a word is a name written with an inner capital ("WhatsApp").
    pub fn is_camel_name(&self, word: &str) -> bool {
        self.camel_names.contains(&word.to_lowercase())
    }

    /// Whether `name` is a picture agency or photo service ("IMAGO", "Getty Images").
    pub fn is_photo_agency(&self, name: &str) -> bool {
        self.photo_agencies.contains(&name.trim().to_lowercase())
    }

    /// Phrases of a note on when an article was published or aired.
    pub fn publication_phrases(&self) -> &[String] {
        &self.publication_phrases
    }

    /// Labels of a video teaser line ("click to play video").
    pub fn video_labels(&self) -> &[String] {
        &self.video_labels
    }

    /// The UTC offset (`+02:00`) that zone name `zone` (`Uhr`, `IST`, `EDT`)
    /// stands for on the given day; `None` for a word that is no zone.
    pub fn utc_offset(&self, zone: &str, year: i32, month: u8, day: u8) -> Option<String> {
        let rule = self.time_zones.get(&zone.to_lowercase())?;
        Some(match rule.as_str() {
            "central-europe" => {
                let summer = in_summer_time(year, month, day, (3, 0), (10, 0));
                if summer { "+02:00" } else { "+01:00" }.to_string()
            }
            "eastern-us" => {
                let summer = in_summer_time(year, month, day, (3, 2), (11, 1));
                if summer { "-04:00" } else { "-05:00" }.to_string()
            }
            offset => offset.to_string(),
        })
    }

    /// The sites that name the outlet in their addresses' path.
    pub fn platforms(&self) -> &[Platform] {
        &self.platforms
    }

    /// The outlet publishing on `domain` (lowercase; `www.` is ignored).
    /// Whether `label` under a two-letter country domain belongs to the
    /// public suffix (`co` in `capitalfm.co.ke`).
    pub fn is_second_level_label(&self, label: &str) -> bool {
        self.second_level_labels.contains(&label.to_lowercase())
    }

    /// Whether `word` names an image in alt text (`logo`, `icon`).
    pub fn is_alt_text_word(&self, word: &str) -> bool {
        self.alt_text_words.contains(&word.to_lowercase())
    }

    /// Whether `word` is a kicker label printed before a headline
    /// (`Kommentar`, `Analyse`, `Live`).
    pub fn is_kicker_label(&self, word: &str) -> bool {
        self.kicker_labels.contains(&word.to_lowercase())
    }

    /// Whether `word` is a badge naming an article's medium before its
    /// headline (`Video: …`, `Fotos: …`, `Watch: …`).
    pub fn is_media_badge(&self, word: &str) -> bool {
        self.media_badges.contains(&word.to_lowercase())
    }

    pub fn outlet_of_domain(&self, domain: &str) -> Option<&str> {
        let domain = domain.strip_prefix("www.").unwrap_or(domain);
        self.domains.get(domain).map(String::as_str)
    }

    pub fn is_signature_word(&self, word: &str) -> bool {
        self.signature_words.contains(&word.to_lowercase())
    }

    pub fn is_abbreviation(&self, word: &str) -> bool {
        crate::sentences::is_abbreviation(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_file_parses_and_maps_aliases() {
        let r = rules();
        assert_eq!(r.agency("rtr"), Some("Reuters"));
        assert_eq!(r.outlet("zeit online"), Some("ZEIT ONLINE"));
        assert_eq!(r.month("Feb."), Some(2));
        assert_eq!(r.month("Dezember"), Some(12));
        assert!(r.is_noise_label("Werbung"));
        assert!(r.is_noise_label("ANZEIGE"));
        assert!(!r.is_noise_label("Werbung für den Frieden"));
    }

    #[test]
    fn an_outlet_named_by_an_everyday_word_matches_only_as_written() {
        let r = rules();
        assert_eq!(r.outlet("TODAY"), Some("TODAY"));
        assert_eq!(r.outlet("Today"), None);
        assert_eq!(r.outlet("tagesschau"), Some("tagesschau"));
    }

    #[test]
    fn role_words_match_whole_words() {
        let r = rules();
        assert!(r.starts_with_role("Korrespondentin in Kiew"));
        assert!(!r.starts_with_role("Inhaber"));
    }
}
