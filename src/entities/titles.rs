//! Titles and offices written before a person's name ("Außenminister",
//! "Sen.", "Prime Minister"), from `data/people/titles.yaml`.
//!
//! [`title_words`] tells how many leading words of a text are a title, so
//! that "Prime Minister Benjamin Netanyahu" is read as a title and a name,
//! and a title with a surname ("Außenminister Wadephul") is never taken for
//! a byline. German compounds ending in an office ("Bundesaußenminister",
//! "Unionsfraktionschef") count as titles.
//!
//! ```
//! use briefing::entities::titles::title_words;
//! assert_eq!(title_words(&["Prime", "Minister", "Benjamin", "Netanyahu"]), 2);
//! assert_eq!(title_words(&["Bundesaußenminister", "Wadephul"]), 1);
//! assert_eq!(title_words(&["Johann", "Wadephul"]), 0);
//! ```

use std::collections::HashSet;
use std::sync::LazyLock;

use serde::Deserialize;

const DATA: &str = include_str!("../../data/people/titles.yaml");

#[derive(Deserialize)]
struct Data {
    de: Vec<String>,
    en: Vec<String>,
    suffixes: Suffixes,
}

#[derive(Deserialize)]
struct Suffixes {
    de: Vec<String>,
}

struct Titles {
    /// Every title, lowercase, as written (possibly several words).
    all: HashSet<String>,
    /// The most words a title has.
    longest: usize,
    /// The first word of every title, lowercase.
    first_words: HashSet<String>,
    suffixes: Vec<String>,
}

fn titles() -> &'static Titles {
    static TITLES: LazyLock<Titles> = LazyLock::new(|| {
        let data: Data = serde_yaml::from_str(DATA).expect("data/people/titles.yaml is valid");
        let all: HashSet<String> = data.de.into_iter().chain(data.en).collect();
        let longest = all.iter().map(|t| t.split(' ').count()).max().unwrap_or(1);
        let first_words = all
            .iter()
            .filter_map(|t| t.split(' ').next())
            .map(str::to_string)
            .collect();
        Titles {
            all,
            longest,
            first_words,
            suffixes: data.suffixes.de,
        }
    });
    &TITLES
}

/// Whether one word is a title ("Außenminister", "Sen.", "Bundesaußenministerin").
pub fn is_title_word(word: &str) -> bool {
    title_words(&[word]) == 1
}

/// A cheap test before [`title_words`]: whether a title can start with `word`.
pub fn may_start_title(word: &str) -> bool {
    let t = titles();
    let lower = word.to_lowercase();
    let bare = lower.trim_end_matches([',', ':']);
    t.first_words.contains(bare)
        || is_title_compound(bare, &t.suffixes)
        || is_inflected_title(bare, t)
}

/// How many of the leading `words` form titles: "Former Prime Minister X" → 3,
/// "US-Außenminister Antony Blinken" → 1.
pub fn title_words(words: &[&str]) -> usize {
    let t = titles();
    let mut at = 0;
    'outer: while at < words.len() {
        for n in (1..=t.longest.min(words.len() - at)).rev() {
            let phrase = words[at..at + n].join(" ").to_lowercase();
            let bare = phrase.trim_end_matches([',', ':']);
            if t.all.contains(bare)
                || (n == 1 && (is_title_compound(bare, &t.suffixes) || is_inflected_title(bare, t)))
            {
                at += n;
                continue 'outer;
            }
        }
        break;
    }
    at
}

/// A German title with a case ending: "Präsidenten" (dative and accusative
/// of weak nouns), "Ministers", "Kanzlers" (genitive), also in compounds
/// ("Staatspräsidenten").
fn is_inflected_title(word: &str, t: &Titles) -> bool {
    ["en", "n", "es", "s"].iter().any(|ending| {
        word.strip_suffix(ending).is_some_and(|stem| {
            stem.chars().count() >= 5
                && (t.all.contains(stem) || is_title_compound(stem, &t.suffixes))
        })
    })
}

/// `bundesaußenminister`, `us-außenminister`, `unionsfraktionschef`: a word
/// ending in an office, longer than the office alone.
fn is_title_compound(word: &str, suffixes: &[String]) -> bool {
    suffixes
        .iter()
        .any(|s| word.len() > s.len() + 2 && word.ends_with(s.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_titles_of_several_words_and_german_compounds() {
        assert_eq!(title_words(&["Sen.", "Rick", "Scott"]), 1);
        assert_eq!(title_words(&["Former", "President", "Donald", "Trump"]), 2);
        assert_eq!(title_words(&["US-Außenminister", "Blinken"]), 1);
        assert_eq!(title_words(&["Unionsfraktionschef", "Spahn"]), 1);
        assert!(is_title_word("Landwirtschaftsministerin"));
        assert!(!is_title_word("Minsk"));
        assert!(!is_title_word("Chefs"));
        assert!(is_title_word("Präsidenten"), "a weak noun's dative");
        assert!(is_title_word("Staatspräsidenten"));
        assert!(is_title_word("Ministers"), "genitive");
        assert!(!is_title_word("Ministerium"));
    }
}
