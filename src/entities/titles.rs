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

use std::borrow::Cow;
use std::sync::LazyLock;

use foldhash::{HashMap, HashMapExt, HashSet};

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
    /// How the titles end: most words end otherwise and need no lookup.
    all_ends: LastTwo,
    /// The most words a title has.
    longest: usize,
    /// The first word of every title, lowercase.
    first_words: HashSet<String>,
    /// The offices that end German compounds.
    suffixes: Endings,
}

/// Which pairs of last two bytes some words have: a bit per pair, so that
/// a word ending otherwise is ruled out before any lookup.
#[derive(Debug)]
struct LastTwo(Box<[u64; 1024]>);

impl LastTwo {
    fn new<'w>(words: impl IntoIterator<Item = &'w str>) -> LastTwo {
        let mut bits = Box::new([0u64; 1024]);
        for w in words {
            let i = last_two_index(w);
            bits[i / 64] |= 1 << (i % 64);
        }
        LastTwo(bits)
    }

    fn may_end(&self, word: &str) -> bool {
        let i = last_two_index(word);
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
}

fn last_two_index(word: &str) -> usize {
    let [a, b] = last_two(word);
    (a as usize) << 8 | b as usize
}

/// Word endings looked up by their last two bytes: a word is compared only
/// with the few endings that end as it does, not with every one.
#[derive(Debug)]
pub struct Endings {
    present: LastTwo,
    by_last_two: HashMap<[u8; 2], Vec<String>>,
}

impl Endings {
    pub fn new(endings: impl IntoIterator<Item = String>) -> Endings {
        let mut by_last_two: HashMap<[u8; 2], Vec<String>> = HashMap::new();
        for e in endings {
            by_last_two.entry(last_two(&e)).or_default().push(e);
        }
        let present = LastTwo::new(by_last_two.values().flatten().map(String::as_str));
        Endings {
            present,
            by_last_two,
        }
    }

    /// Whether `word` ends with one of the endings and has at least `more`
    /// bytes before it.
    pub fn ends(&self, word: &str, more: usize) -> bool {
        if !self.present.may_end(word) {
            return false;
        }
        self.by_last_two
            .get(&last_two(word))
            .is_some_and(|endings| {
                endings
                    .iter()
                    .any(|e| word.len() >= e.len() + more && word.ends_with(e.as_str()))
            })
    }
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
            all_ends: LastTwo::new(all.iter().map(|t| t.trim_end_matches([',', ':']))),
            all,
            longest,
            first_words,
            suffixes: Endings::new(data.suffixes.de),
        }
    });
    &TITLES
}

fn last_two(word: &str) -> [u8; 2] {
    match word.as_bytes() {
        [.., a, b] => [*a, *b],
        [b] => [0, *b],
        [] => [0, 0],
    }
}

/// `word` in lowercase, borrowed when it has no capital letter (most words
/// of a text), so that lookups cost no allocation.
pub fn lowercase(word: &str) -> Cow<'_, str> {
    let lower = if word.is_ascii() {
        !word.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        word.chars().all(|c| c.is_lowercase() || !c.is_alphabetic())
    };
    if lower {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Whether one word is a title ("Außenminister", "Sen.", "Bundesaußenministerin").
pub fn is_title_word(word: &str) -> bool {
    is_lowercase_title(&lowercase(word))
}

/// [`is_title_word`] for a word already in lowercase.
pub fn is_lowercase_title(lower: &str) -> bool {
    let t = titles();
    let bare = lower.trim_end_matches([',', ':']);
    is_title(bare, t) || is_title_compound(bare, t) || is_inflected_title(bare, t)
}

/// Whether the lowercase `bare` is a title as listed.
fn is_title(bare: &str, t: &Titles) -> bool {
    t.all_ends.may_end(bare) && t.all.contains(bare)
}

/// A cheap test before [`title_words`]: whether a title can start with `word`.
pub fn may_start_title(word: &str) -> bool {
    may_start_title_lowercase(&lowercase(word))
}

/// [`may_start_title`] for a word already in lowercase.
pub fn may_start_title_lowercase(lower: &str) -> bool {
    let t = titles();
    let bare = lower.trim_end_matches([',', ':']);
    t.first_words.contains(bare) || is_title_compound(bare, t) || is_inflected_title(bare, t)
}

/// How many of the leading `words` form titles: "Former Prime Minister X" → 3,
/// "US-Außenminister Antony Blinken" → 1.
pub fn title_words(words: &[&str]) -> usize {
    let t = titles();
    let mut at = 0;
    'outer: while at < words.len() {
        let first = lowercase(words[at]);
        // A title of several words starts with the first word of one.
        if t.first_words.contains(&*first) {
            for n in (2..=t.longest.min(words.len() - at)).rev() {
                let phrase = words[at..at + n].join(" ").to_lowercase();
                if t.all.contains(phrase.trim_end_matches([',', ':'])) {
                    at += n;
                    continue 'outer;
                }
            }
        }
        if is_lowercase_title(&first) {
            at += 1;
            continue;
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
            stem.chars().count() >= 5 && (is_title(stem, t) || is_title_compound(stem, t))
        })
    })
}

/// `bundesaußenminister`, `us-außenminister`, `unionsfraktionschef`: a word
/// ending in an office, longer than the office alone.
fn is_title_compound(word: &str, t: &Titles) -> bool {
    t.suffixes.ends(word, 3)
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

    #[test]
    fn lowercase_borrows_a_word_without_capitals_and_folds_the_others() {
        assert!(matches!(lowercase("außenminister"), Cow::Borrowed(_)));
        assert!(matches!(lowercase("sen."), Cow::Borrowed(_)));
        assert_eq!(lowercase("Außenminister"), "außenminister");
        assert_eq!(lowercase("ÖL"), "öl");
    }

    #[test]
    fn an_ending_needs_its_bytes_and_enough_before_it() {
        let e = Endings::new(["minister".to_string(), "chef".to_string()]);
        assert!(e.ends("bundesminister", 3));
        assert!(!e.ends("exminister", 3), "two bytes before it are too few");
        assert!(e.ends("exminister", 2));
        assert!(!e.ends("ministerium", 1));
        assert!(e.ends("fraktionschef", 1));
        assert!(!e.ends("chef", 1), "the ending alone is no compound");
        assert!(!e.ends("", 0));
    }
}
