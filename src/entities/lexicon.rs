//! Language data for detection and suggestions, from `data/entities/language.yaml`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use foldhash::HashSet;
use serde::Deserialize;

use super::titles::{lowercase, Endings};

const LANGUAGE_YAML: &str = include_str!("../../data/entities/language.yaml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    titles: BTreeMap<String, Vec<String>>,
    homographs: BTreeMap<String, Vec<String>>,
    place_prepositions: BTreeMap<String, Vec<String>>,
    suggest_place_prepositions: BTreeMap<String, Vec<String>>,
    saying_verbs: BTreeMap<String, Vec<String>>,
    org_suffixes: BTreeMap<String, Vec<String>>,
    org_prefixes: BTreeMap<String, Vec<String>>,
    given_names: Vec<String>,
    stop_words: BTreeMap<String, Vec<String>>,
    determiners: BTreeMap<String, Vec<String>>,
    event_nouns: BTreeMap<String, Vec<String>>,
    people_names: BTreeMap<String, Vec<String>>,
}

/// The word lists, merged over languages where a word means the same in both.
#[derive(Debug)]
pub struct Lexicon {
    /// Titles before a name, longest first ("Secretary of State" before "Secretary").
    pub titles: Vec<String>,
    /// The same titles as a set, and the length in bytes of the longest:
    /// [`Lexicon::ends_with_title`] looks up the few word starts near the end
    /// of a text instead of comparing its end with every title.
    title_set: HashSet<String>,
    longest_title: usize,
    /// The last word of every title: a text whose last word (or a part of
    /// it after punctuation) is none of them ends with no title, found
    /// with one lookup.
    title_ends: HashSet<String>,
    /// One-word titles of 6 characters or more, lowercased: they also end
    /// compounds ("Bundesaußenminister").
    compound_titles: Endings,
    homographs: BTreeMap<String, HashSet<String>>,
    pub place_prepositions: HashSet<String>,
    /// Place prepositions after which `entities suggest` offers a place.
    pub suggest_place_prepositions: HashSet<String>,
    pub saying_verbs: HashSet<String>,
    pub org_suffixes: Vec<String>,
    pub org_prefixes: Vec<String>,
    pub given_names: HashSet<String>,
    pub stop_words: HashSet<String>,
    /// Articles and determiners, lowercase: a capitalised word after one is a noun.
    pub determiners: HashSet<String>,
    /// Nouns that make a place before them the name of an event ("Gaza
    /// war", "Gaza-Krieg"), per language, lowercase.
    event_nouns: BTreeMap<String, HashSet<String>>,
    /// Place names that also name their people ("Bayern"), per language.
    people_names: BTreeMap<String, HashSet<String>>,
}

fn merged(map: &BTreeMap<String, Vec<String>>) -> impl Iterator<Item = String> + '_ {
    map.values().flatten().cloned()
}

impl Lexicon {
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            let raw: Raw =
                serde_yaml::from_str(LANGUAGE_YAML).expect("data/entities/language.yaml is valid");
            let mut titles: Vec<String> = merged(&raw.titles).collect();
            titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
            let compound_titles = Endings::new(
                titles
                    .iter()
                    .filter(|t| !t.contains(' ') && t.chars().count() >= 6)
                    .map(|t| t.to_lowercase()),
            );
            Lexicon {
                title_set: titles.iter().cloned().collect(),
                title_ends: titles
                    .iter()
                    .map(|t| {
                        t.rsplit(char::is_whitespace)
                            .next()
                            .unwrap_or(t)
                            .to_string()
                    })
                    .collect(),
                longest_title: titles.iter().map(String::len).max().unwrap_or(0),
                titles,
                compound_titles,
                homographs: raw
                    .homographs
                    .iter()
                    .map(|(lang, words)| (lang.clone(), words.iter().cloned().collect()))
                    .collect(),
                place_prepositions: merged(&raw.place_prepositions).collect(),
                suggest_place_prepositions: merged(&raw.suggest_place_prepositions).collect(),
                saying_verbs: merged(&raw.saying_verbs).collect(),
                org_suffixes: merged(&raw.org_suffixes).collect(),
                org_prefixes: merged(&raw.org_prefixes).collect(),
                given_names: raw.given_names.into_iter().collect(),
                stop_words: merged(&raw.stop_words).collect(),
                determiners: merged(&raw.determiners).collect(),
                event_nouns: raw
                    .event_nouns
                    .iter()
                    .map(|(lang, words)| {
                        (
                            lang.clone(),
                            words.iter().map(|w| w.to_lowercase()).collect(),
                        )
                    })
                    .collect(),
                people_names: raw
                    .people_names
                    .iter()
                    .map(|(lang, words)| (lang.clone(), words.iter().cloned().collect()))
                    .collect(),
            }
        })
    }

    /// Whether a surface form is also a common word or name, in any language
    /// or in the article's language.
    pub fn is_homograph(&self, form: &str, language: &str) -> bool {
        let listed = |lang: &str| {
            self.homographs
                .get(lang)
                .is_some_and(|set| set.contains(form))
        };
        listed("any") || listed(language)
    }

    /// Whether `word` is a noun of `language` that names an event after a
    /// place ("war" in "Gaza war").
    pub fn is_event_noun(&self, word: &str, language: &str) -> bool {
        self.event_nouns
            .get(language)
            .is_some_and(|set| set.contains(&*lowercase(word)))
    }

    /// Whether a place name also names its people in `language` ("Bayern").
    pub fn is_people_name(&self, form: &str, language: &str) -> bool {
        self.people_names
            .get(language)
            .is_some_and(|set| set.contains(form))
    }

    /// The event nouns of `language`, lowercase.
    pub fn event_nouns<'l>(&'l self, language: &str) -> impl Iterator<Item = &'l str> + 'l {
        self.event_nouns
            .get(language)
            .into_iter()
            .flatten()
            .map(String::as_str)
    }

    /// Whether `before` (the text before a name) ends with a title word, or
    /// with a German compound ending in one ("Bundesaußenminister").
    pub fn ends_with_title(&self, before: &str) -> bool {
        let before = before.trim_end();
        let last_word = before.rsplit(char::is_whitespace).next().unwrap_or("");
        // The last word, or its part after a hyphen or a bracket, must be
        // the last word of a title.
        let may_end =
            word_starts(last_word, None).any(|i| self.title_ends.contains(&last_word[i..]));
        if may_end && self.ends_with_title_phrase(before) {
            return true;
        }
        // A compound whose last part is a one-word title of some length.
        if last_word.chars().count() <= 6 {
            return false;
        }
        // Longer than the title: at least one byte before it.
        self.compound_titles.ends(&lowercase(last_word), 1)
    }

    /// Whether `before` ends with one of the titles.
    fn ends_with_title_phrase(&self, before: &str) -> bool {
        // A title ends the text and starts after a character that is not
        // part of a word: look up each such start within a title's length.
        let mut from = before.len().saturating_sub(self.longest_title);
        while !before.is_char_boundary(from) {
            from += 1;
        }
        let previous = before[..from].chars().next_back();
        word_starts(&before[from..], previous).any(|i| self.title_set.contains(&before[from + i..]))
    }
}

/// The byte offsets in `text` where a word may start: after a character
/// that is not part of a word (`previous`, the one before `text`, or none).
fn word_starts(text: &str, previous: Option<char>) -> impl Iterator<Item = usize> + '_ {
    let mut previous = previous;
    text.char_indices().filter_map(move |(i, c)| {
        let starts = previous.is_none_or(|p| !p.is_alphanumeric());
        previous = Some(c);
        starts.then_some(i)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_titles_at_the_end_of_the_text_before_a_name() {
        let l = Lexicon::get();
        assert!(l.ends_with_title("Das sagte Präsident "));
        assert!(l.ends_with_title("said Secretary of State "));
        assert!(!l.ends_with_title("Vizepräsidentschaft "));
        assert!(l.ends_with_title("sagte Bundesaußenminister "));
        assert!(l.ends_with_title("said Mr "));
        assert!(!l.ends_with_title("Ministerium "));
    }

    #[test]
    fn homographs_depend_on_the_language() {
        let l = Lexicon::get();
        assert!(l.is_homograph("Essen", "de"));
        assert!(!l.is_homograph("Essen", "en"));
        assert!(l.is_homograph("Turkey", "en"));
        assert!(l.is_homograph("Union", "de"));
    }
}
