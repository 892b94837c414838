//! Discovered people: names in article text that are a person's by the way
//! news writes them, found without a registry file.
//!
//! Three kinds of evidence make a run of capitalised words a person's name:
//!
//! - a known given name before it ("Johann Wadephul", "Rick Scott"), or a
//!   family name that is written first ("Xi Jinping", "Kim Jong-un"), from
//!   `data/people/names.yaml` (see `tools/names/`);
//! - a title or office before it ("Außenminister Wadephul", "Sen. Rick
//!   Scott", "Prime Minister Benjamin Netanyahu"), from `data/people/titles.yaml`;
//! - a verb of saying right before or after a name of two words or more
//!   ("sagte Kristina Vogt", "Anas Sarwar said").
//!
//! Titles are not part of the name; particles are ("Ursula von der Leyen",
//! "Mohammed bin Abdulrahman Al Thani"). A given name that is also a common
//! word ("Frank", "Rose", "An") counts only with a title, a verb of saying, or
//! its surname standing alone elsewhere in the article. Words the gazetteer
//! knows (places, organizations, their adjectives) never end a name, so
//! "Christian Democrats" and "Georgia Governor" are not people.
//!
//! [`find`] reads one article; [`People`] merges the finds of all articles by
//! normalized full name, and the registry turns each into an entity of its
//! own unless a registry file names the same person.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use foldhash::{HashSet, HashSetExt};
use serde::Deserialize;

use super::gazetteer;
use super::lexicon::Lexicon;
use super::matcher::fold;
use super::titles::{
    is_lowercase_title, is_title_word, lowercase, may_start_title_lowercase, title_words,
};

const NAMES: &str = include_str!("../../data/people/names.yaml");

#[derive(Deserialize)]
struct NameData {
    given: Vec<String>,
    weak: Vec<String>,
    family_first: Vec<String>,
    weak_family_first: Vec<String>,
}

/// The word lists discovery reads, loaded once.
struct Data {
    given: HashSet<String>,
    weak: HashSet<String>,
    family_first: HashSet<String>,
    /// Family names written first that are also words ("Um", "Song", "Moon"):
    /// only before a hyphenated given name ("Moon Jae-in").
    weak_family_first: HashSet<String>,
    /// Lowercased one-word forms of gazetteer entries ("georgia", "cdu",
    /// "democrats", "deutschen"): never part of a person's name.
    known: HashSet<String>,
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| {
        let names: NameData = serde_yaml::from_str(NAMES).expect("data/people/names.yaml is valid");
        let mut known = HashSet::new();
        for e in gazetteer::entries() {
            let forms = e
                .name
                .values()
                .chain(e.names.values().flatten())
                .chain(e.acronyms.iter())
                .chain(e.genitive.values().flatten())
                .chain(e.demonym.values().flatten());
            for f in forms.filter(|f| !f.contains(' ')) {
                known.insert(f.to_lowercase());
            }
            for stem in e.adjective.values().flatten() {
                known.insert(stem.to_lowercase());
                for ending in ["e", "en", "er", "es", "em"] {
                    known.insert(format!("{}{ending}", stem.to_lowercase()));
                }
            }
        }
        Data {
            given: names.given.into_iter().collect(),
            weak: names.weak.into_iter().collect(),
            family_first: names.family_first.into_iter().collect(),
            weak_family_first: names.weak_family_first.into_iter().collect(),
            known,
        }
    })
}

/// What made a name a person's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Evidence {
    GivenName,
    Title,
    SayingVerb,
}

/// A person's name found in one article.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Found {
    /// The name as written, without title ("Benjamin Netanyahu"); one word
    /// when only a title marked it ("Wadephul").
    pub name: String,
    pub evidence: Evidence,
}

/// Particles before a family name ("Ursula von der Leyen", "Karl-Theodor zu
/// Guttenberg"): between the given names and the family name only.
const PARTICLES: &[&str] = &[
    "von", "van", "de", "del", "della", "da", "di", "du", "dos", "la", "le", "zu", "ter", "ten",
    "y",
];
/// Particles after "von" or "van" ("von der Leyen", "van den Berg").
const SECOND_PARTICLES: &[&str] = &["der", "den"];
/// Particles of Arabic names, anywhere inside ("Mohammed bin Abdulrahman Al Thani").
const ARABIC_PARTICLES: &[&str] = &["bin", "ibn", "bint", "al", "el", "abu"];

/// Words that end or make up the names of organizations and papers, never
/// part of a person's name ("Sky News", "New York Times", "Defense Ministry").
const ORGANIZATION_WORDS: &[&str] = &[
    "news",
    "times",
    "post",
    "journal",
    "herald",
    "tribune",
    "gazette",
    "telegraph",
    "press",
    "ministry",
    "department",
    "party",
    "council",
    "committee",
    "agency",
    "office",
    "group",
    "company",
    "corporation",
    "bank",
    "union",
    "institute",
    "university",
    "college",
    "school",
    "foundation",
    "association",
    "court",
    "army",
    "forces",
    "police",
    "government",
    "senate",
    "house",
    "assembly",
    "parliament",
    "commission",
    "board",
    "authority",
    "service",
    "centre",
    "center",
    "hospital",
    "airport",
    "station",
    "street",
    "road",
    "square",
    "bridge",
    "river",
    "county",
    "state",
    "city",
    "district",
    "province",
    "region",
    "island",
    "islands",
];

/// One word of the text with what surrounds it.
#[derive(Debug)]
struct Word<'t> {
    /// The word without surrounding punctuation or a possessive `'s`.
    text: &'t str,
    /// The same in lowercase, made once for every lookup of the word.
    lower: Cow<'t, str>,
    /// Punctuation opens the word ("(Wirtschaft)", a quote): no name runs into it.
    opens: bool,
    /// Punctuation or a possessive ends the word: a name stops here.
    stops: bool,
    /// A sentence ends after the word.
    ends_sentence: bool,
}

fn words(text: &str) -> Vec<Word<'_>> {
    text.split_whitespace()
        .filter_map(|raw| {
            let lead = |c: char| !c.is_alphanumeric();
            let inner = raw.trim_start_matches(lead);
            let opens = inner.len() < raw.len();
            let core = inner.trim_end_matches(|c: char| !c.is_alphanumeric());
            // "Sen." and "Dr." keep their period: the title list knows them.
            let abbreviation =
                inner[core.len()..].starts_with('.') && is_title_word(&inner[..core.len() + 1]);
            let mut text = if abbreviation {
                &inner[..core.len() + 1]
            } else {
                core
            };
            let mut stops = text.len() < inner.len();
            let ends_sentence = raw
                .trim_end_matches(['"', '\'', '”', '“', '»', '«', ')'])
                .ends_with(['.', '!', '?', ':']);
            for possessive in ["'s", "’s", "'", "’"] {
                if let Some(stem) = text.strip_suffix(possessive) {
                    text = stem;
                    stops = true;
                }
            }
            (!text.is_empty()).then(|| Word {
                text,
                lower: lowercase(text),
                opens,
                stops,
                ends_sentence,
            })
        })
        .collect()
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// "NATO", "CDU", "US", "MPs": never part of a person's name.
fn is_acronym(word: &str) -> bool {
    let word = word
        .strip_suffix('s')
        .filter(|w| w.len() >= 2)
        .unwrap_or(word);
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && word.chars().all(|c| !c.is_lowercase())
}

/// "Präsidenten", "Ministerin": a title with an inflection ending (`lower`:
/// the word in lowercase).
fn is_inflected_title(lower: &str) -> bool {
    ["en", "n", "s", "in", "innen", "es"].iter().any(|ending| {
        lower
            .strip_suffix(ending)
            .is_some_and(|stem| stem.chars().count() >= 4 && is_lowercase_title(stem))
    })
}

/// Whether a word can be part of a name after its first word: a capitalised
/// word that is no stop word, title, acronym or known entity form.
fn name_word(word: &Word, lexicon: &Lexicon, d: &Data) -> bool {
    let (text, lower) = (word.text, &*word.lower);
    capitalised(text)
        && text.chars().count() >= 2
        && text.chars().any(char::is_lowercase)
        && !is_acronym(text)
        && !lexicon.stop_words.contains(text)
        && !d.known.contains(lower)
        && !ORGANIZATION_WORDS.contains(&lower)
        && !is_lowercase_title(lower)
        && !is_inflected_title(lower)
}

/// The name that starts at `at`: name words and particles, ending in a name
/// word, at most five words. Returns the end (exclusive) of its last name
/// word. Particles like "von" stand only after given names (`given`: the
/// word before `at` is one).
fn take_name(words: &[Word], at: usize, given: bool, lexicon: &Lexicon, d: &Data) -> Option<usize> {
    let mut end = at;
    let mut last = None;
    let mut after_given = given;
    while end < words.len() && end - at < 5 {
        let w = &words[end];
        if end > at && w.opens {
            break;
        }
        let lower = &*w.lower;
        let previous = (end > at).then(|| &*words[end - 1].lower);
        let particle = ARABIC_PARTICLES.contains(&lower)
            || (PARTICLES.contains(&lower) && after_given)
            || (SECOND_PARTICLES.contains(&lower)
                && previous.is_some_and(|p| p == "von" || p == "van"));
        if particle {
            // "von der", "bin", "Al": inside a name, never its end.
        } else if name_word(w, lexicon, d) {
            last = Some(end + 1);
            after_given = after_given && is_given(w, lexicon, d);
            // A German genitive ends the name: "Johann Wadephuls Reise".
            if genitive_before_noun(words, end, d) {
                break;
            }
        } else {
            break;
        }
        let stops = words[end].stops;
        end += 1;
        if stops {
            break;
        }
    }
    last
}

/// "Wadephuls" in "Wadephuls Reise": a word in `-s` that is no given name,
/// before another capitalised word.
fn genitive_before_noun(words: &[Word], at: usize, d: &Data) -> bool {
    let w = words[at].text;
    (w.ends_with('s') && !w.ends_with("ss"))
        && !d.given.contains(w)
        && !words[at].stops
        && words.get(at + 1).is_some_and(|next| capitalised(next.text))
}

/// Whether the first word is a given name ("Johann", "Frank-Walter").
/// Whether `word` is a given name of the name data that is not also a
/// common word ("Rajiv", "Frank-Walter"; not "Rose").
pub fn is_given_name(word: &str) -> bool {
    let d = data();
    given(word, &lowercase(word), Lexicon::get(), d) && !d.weak.contains(word)
}

/// Whether `word` is a given name of the name data, also one that is a
/// common word ("Mike", "Mark").
pub fn is_any_given_name(word: &str) -> bool {
    given(word, &lowercase(word), Lexicon::get(), data())
}

fn is_given(word: &Word, lexicon: &Lexicon, d: &Data) -> bool {
    given(word.text, &word.lower, lexicon, d)
}

fn given(word: &str, lower: &str, lexicon: &Lexicon, d: &Data) -> bool {
    let first_part = word.split('-').next().unwrap_or(word);
    d.given.contains(first_part) && !d.known.contains(lower) && !lexicon.stop_words.contains(word)
}

fn is_saying_verb(word: &Word, lexicon: &Lexicon) -> bool {
    lexicon.saying_verbs.contains(&*word.lower)
}

/// The people named in the text blocks of one article, in order, each name
/// once. `language` is the article's (`de`, `en`): in English, where nouns
/// are not capitalised, a single capitalised word before or after a verb of
/// saying ("Swinney said") is a surname when the article also writes it
/// capitalised inside a sentence.
pub fn find(blocks: &[&str], language: &str) -> Vec<Found> {
    let d = data();
    let lexicon = Lexicon::get();
    let mut found: Vec<Found> = Vec::new();
    let mut weak: Vec<(String, String)> = Vec::new(); // (name, surname)
    let all: Vec<Vec<Word>> = blocks.iter().map(|b| words(b)).collect();
    let inside_sentence: HashSet<&str> = all
        .iter()
        .flat_map(|ws| {
            ws.windows(2)
                .filter(|p| !p[0].ends_sentence && capitalised(p[1].text))
                .map(|p| p[1].text)
        })
        .collect();
    for ws in &all {
        let ws = &ws[..];
        let texts: Vec<&str> = ws.iter().map(|w| w.text).collect();
        let mut i = 0;
        while i < ws.len() {
            // Most words are neither capitalised nor a title: they start no
            // name, and nothing below needs to look at them.
            let may_title = may_start_title_lowercase(&ws[i].lower);
            if !may_title && !capitalised(texts[i]) {
                i += 1;
                continue;
            }
            let titled = if may_title {
                title_words(&texts[i..])
            } else {
                0
            };
            let after_title = titled > 0 && !ws[i + titled - 1].stops && i + titled < ws.len();
            let start = if after_title { i + titled } else { i };
            let first = &ws[start];
            let given = is_given(first, lexicon, d);
            let family_first = d.family_first.contains(first.text)
                && (!d.weak_family_first.contains(first.text)
                    || ws.get(start + 1).is_some_and(|w| w.text.contains('-')));
            let said_before =
                start > 0 && !ws[start - 1].stops && is_saying_verb(&ws[start - 1], lexicon);
            let said_after = |end: usize| {
                end < ws.len() && !ws[end - 1].stops && is_saying_verb(&ws[end], lexicon)
            };
            let (end, evidence) = if after_title {
                // After a title the first word may be a known form ("Israel Katz").
                let end = if d.known.contains(&*first.lower)
                    && capitalised(first.text)
                    && !is_acronym(first.text)
                    && !first.stops
                {
                    take_name(ws, start + 1, false, lexicon, d)
                } else if given && !first.stops {
                    take_name(ws, start + 1, true, lexicon, d).or(Some(start + 1))
                } else if name_word(first, lexicon, d) {
                    take_name(ws, start, false, lexicon, d)
                } else {
                    None
                };
                (end, Evidence::Title)
            } else if (given || family_first) && !first.stops {
                (
                    take_name(ws, start + 1, given, lexicon, d),
                    Evidence::GivenName,
                )
            } else if name_word(first, lexicon, d) {
                let end = if first.stops {
                    None
                } else {
                    take_name(ws, start + 1, false, lexicon, d)
                }
                .filter(|&end| said_before || said_after(end))
                .or_else(|| {
                    // "Swinney said", "said Swinney": English only.
                    let next_capitalised =
                        !first.stops && ws.get(start + 1).is_some_and(|w| capitalised(w.text));
                    (language == "en"
                        && (said_before || said_after(start + 1))
                        && !next_capitalised
                        && inside_sentence.contains(first.text))
                    .then_some(start + 1)
                });
                (end, Evidence::SayingVerb)
            } else {
                (None, Evidence::GivenName)
            };
            let Some(end) = end.filter(|&e| e > start) else {
                i += 1;
                continue;
            };
            let mut name = texts[start..end].join(" ");
            if genitive_before_noun(ws, end - 1, d) && end - start > 1 {
                name.pop();
            }
            let weak_given = evidence == Evidence::GivenName
                && d.weak
                    .contains(first.text.split('-').next().unwrap_or(first.text))
                && !said_before
                && !said_after(end);
            if weak_given {
                weak.push((name, texts[end - 1].to_string()));
            } else if !found.iter().any(|f| f.name == name) {
                found.push(Found { name, evidence });
            }
            i = end;
        }
    }
    // A weak given name counts when its surname also stands alone.
    for (name, surname) in weak {
        if !found.iter().any(|f| f.name == name) && surname_alone(blocks, &name, &surname) {
            found.push(Found {
                name,
                evidence: Evidence::GivenName,
            });
        }
    }
    found
}

/// Whether `surname` appears in the blocks other than as the end of `name`.
fn surname_alone(blocks: &[&str], name: &str, surname: &str) -> bool {
    let count = |needle: &str| -> usize { blocks.iter().map(|b| b.matches(needle).count()).sum() };
    count(surname) > count(name)
}

/// One discovered person after merging the finds of all articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The full name, as most often written.
    pub name: String,
    /// In how many articles it was found.
    pub articles: usize,
}

/// The discovered people of a site, merged by normalized full name.
#[derive(Debug, Clone, Default)]
pub struct People {
    /// Normalized name → (spelling → articles).
    by_key: BTreeMap<String, BTreeMap<String, usize>>,
}

/// The key under which names merge: case-folded, single spaces.
pub fn key(name: &str) -> String {
    fold(&name.split_whitespace().collect::<Vec<_>>().join(" "))
}

impl People {
    /// Adds the finds of one article.
    pub fn add(&mut self, found: &[Found]) {
        for f in found {
            *self
                .by_key
                .entry(key(&f.name))
                .or_default()
                .entry(f.name.clone())
                .or_default() += 1;
        }
    }

    /// The merged people, in order of their keys. A German genitive ("Johann
    /// Wadephuls") joins the name without its `s`; a name of one word (after
    /// a title) is dropped when it is the surname of a full name.
    pub fn people(&self) -> Vec<Person> {
        let mut merged: BTreeMap<&str, HashMap<&str, usize>> = BTreeMap::new();
        let surnames: HashSet<&str> = self
            .by_key
            .keys()
            .filter_map(|k| k.rsplit_once(' ').map(|(_, last)| last))
            .collect();
        for (k, spellings) in &self.by_key {
            let target = k
                .strip_suffix('s')
                .filter(|base| self.by_key.contains_key(*base))
                .unwrap_or(k);
            if !k.contains(' ') && (surnames.contains(k.as_str()) || surnames.contains(target)) {
                continue;
            }
            let into = merged.entry(target).or_default();
            for (spelling, n) in spellings {
                let spelling = if target.len() < k.len() {
                    &spelling[..spelling.len() - 1]
                } else {
                    spelling.as_str()
                };
                *into.entry(spelling).or_default() += n;
            }
        }
        merged
            .into_values()
            .map(|spellings| {
                let (name, _) = spellings
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    .expect("a merged person has a spelling");
                Person {
                    name: name.to_string(),
                    articles: spellings.values().sum(),
                }
            })
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        find(&[text], "de").into_iter().map(|f| f.name).collect()
    }

    #[test]
    fn a_given_name_before_a_capitalised_word_is_a_person() {
        assert_eq!(
            names("Am Montag traf Johann Wadephul in Paris ein."),
            ["Johann Wadephul"]
        );
        assert_eq!(names("said Rick Scott, a Republican."), ["Rick Scott"]);
    }

    #[test]
    fn titles_are_stripped_and_particles_kept() {
        assert_eq!(
            names("Prime Minister Benjamin Netanyahu said"),
            ["Benjamin Netanyahu"]
        );
        assert_eq!(
            names("EU-Kommissionspräsidentin Ursula von der Leyen kam."),
            ["Ursula von der Leyen"]
        );
        assert_eq!(
            names("Qatar's Prime Minister Mohammed bin Abdulrahman Al Thani said"),
            ["Mohammed bin Abdulrahman Al Thani"]
        );
    }

    #[test]
    fn a_title_alone_marks_a_surname() {
        assert_eq!(
            names("Das sagte Außenminister Wadephul am Montag."),
            ["Wadephul"]
        );
        assert_eq!(names("Sen. Rick Scott"), ["Rick Scott"]);
    }

    #[test]
    fn a_verb_of_saying_marks_a_full_name() {
        assert_eq!(
            names("Das sagte Kristina Vogt am Montag."),
            ["Kristina Vogt"]
        );
        assert_eq!(names("Hakeem Jeffries said on Monday"), ["Hakeem Jeffries"]);
    }

    #[test]
    fn known_places_and_organizations_end_no_name() {
        assert!(names("Die Christian Democrats gewannen.").is_empty());
        assert!(names("Der Bundesrat stimmte in Bremen zu.").is_empty());
        assert!(names("in Georgia and Wisconsin").is_empty());
    }

    #[test]
    fn a_given_name_that_is_a_word_needs_its_surname_alone() {
        assert!(names("Rose Garden").is_empty());
        assert_eq!(
            find(&["Frank Zappa kam.", "Zappa sagte nichts."], "de")[0].name,
            "Frank Zappa"
        );
    }

    #[test]
    fn in_english_a_surname_next_to_a_verb_of_saying_is_a_person() {
        let found = find(
            &[
                "Swinney said he was concerned.",
                "It was Swinney who spoke.",
            ],
            "en",
        );
        assert_eq!(found[0].name, "Swinney");
        assert!(find(&["Officials said it was over."], "en").is_empty());
    }

    #[test]
    fn family_names_written_first() {
        assert_eq!(names("Machthaber Kim Jong-un drohte."), ["Kim Jong-un"]);
        assert_eq!(names("when Xi Jinping met"), ["Xi Jinping"]);
    }

    #[test]
    fn people_merge_by_name_and_genitive() {
        let mut p = People::default();
        p.add(&find(&["Johann Wadephul kam."], "de"));
        p.add(&find(
            &["Johann Wadephuls Reise", "sagte Außenminister Wadephul"],
            "de",
        ));
        assert_eq!(
            p.people(),
            [Person {
                name: "Johann Wadephul".into(),
                articles: 2
            }]
        );
    }
}
