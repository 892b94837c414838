//! `briefing entities suggest`: names in the articles that look like entities
//! but are not known yet, ranked by how often they occur.
//!
//! Signals, from `data/entities/language.yaml`:
//! - people: two to four capitalised words that start with a known given name
//!   ("Antony Blinken"), follow a title ("Außenminister Park Jin"), or stand
//!   next to a verb of saying ("Park Jin sagte", "said Park Jin");
//! - organizations: acronyms ("IAEA"), words ending in an organization word
//!   ("Verteidigungsministerium", "…partei"), and "Ministry of …" phrases;
//! - places: a capitalised word after a place preposition ("in Charkiw") that
//!   is never used with an article elsewhere (German nouns always are).
//!
//! Anything the registry or the gazetteer already knows is left out.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::lexicon::Lexicon;
use super::matcher::Options;
use super::Registry;
use super::{discover, titles, words, Rule};
use crate::content::EntityKind;

/// One suggested entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub name: String,
    pub kind: EntityKind,
    pub count: usize,
    /// Up to three sentences in which the name occurs.
    pub examples: Vec<String>,
}

/// How many example sentences a suggestion keeps.
pub const EXAMPLES: usize = 3;

/// German articles: a word used after one of them is a common noun, not a place.
const ARTICLES: &[&str] = &[
    "der", "die", "das", "dem", "den", "des", "ein", "eine", "einer", "einem", "einen", "eines",
    "im", "am", "vom", "zum", "zur", "beim", "ins", "the", "a", "an",
];
/// Particles inside people's names.
const PARTICLES: &[&str] = &[
    "von", "van", "der", "de", "da", "di", "al", "bin", "ibn", "zu", "le", "la",
];

#[derive(Debug, Clone)]
struct Word<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

/// Words of a sentence: runs of letters, digits, hyphens, dots inside
/// acronyms and apostrophes, with their byte offsets.
fn words(sentence: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in sentence.char_indices() {
        let inside = c.is_alphanumeric() || c == '-' || c == '\'' || c == '’';
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(trimmed(sentence, s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(trimmed(sentence, s, sentence.len()));
    }
    out.retain(|w| !w.text.is_empty());
    out
}

fn trimmed(sentence: &str, start: usize, end: usize) -> Word<'_> {
    let raw = &sentence[start..end];
    let text = raw.trim_matches(|c| c == '-' || c == '\'' || c == '’');
    let offset = raw.find(text).unwrap_or(0);
    Word {
        text,
        start: start + offset,
        end: start + offset + text.len(),
    }
}

fn capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&word.chars().count())
        && letters >= 2
        && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

#[derive(Default)]
struct Tally {
    kind: Option<EntityKind>,
    /// The language of the first article it was seen in.
    language: String,
    count: usize,
    examples: Vec<String>,
}

/// How many of a language's most frequent words count as common words.
const COMMON: u32 = 50_000;
/// A word this frequent is no surname, whatever stands before it.
const VERY_COMMON: u32 = 1_000;

/// Whether a suggestion is a common word (or words) of its language, not a
/// name: "Richtung" (from "in Richtung"), "Stadtrat", "GDP", "FINAL",
/// "Freilassung von Geiseln". People named by a given name stay, and a
/// single word next to a title or a verb of saying is left out only when it
/// is very common: "Erdoğan" and "Merz" are frequent words too.
fn is_common_word(name: &str, t: &Tally) -> bool {
    let language = t.language.as_str();
    let common = |word: &str, top: u32| {
        words::is_common(word, language, top)
            || (is_acronym(word) && words::is_common(word, "en", top))
    };
    let parts: Vec<&str> = name
        .split_whitespace()
        .filter(|w| !PARTICLES.contains(w))
        .collect();
    match (t.kind, parts.as_slice()) {
        (Some(EntityKind::Person), [one]) => common(one, VERY_COMMON),
        (Some(EntityKind::Person), [first, ..]) => {
            !Lexicon::get().given_names.contains(*first)
                && !discover::is_any_given_name(first)
                && parts.iter().all(|w| common(w, COMMON))
        }
        _ => parts.iter().all(|w| common(w, COMMON)),
    }
}

/// "I’d", "We're": a pronoun with a contracted verb.
fn is_contraction(word: &str, lexicon: &Lexicon) -> bool {
    word.split(['’', '\''])
        .next()
        .is_some_and(|head| head.len() < word.len() && lexicon.stop_words.contains(head))
}

/// A name without an English possessive ending ("February’s" → "February").
fn without_possessive(name: &str) -> &str {
    name.strip_suffix("’s")
        .or_else(|| name.strip_suffix("'s"))
        .unwrap_or(name)
}

/// Whether a title ends right before word `i` ("Präsidenten Erdoğan",
/// "Amtsinhaber Sherrod Brown", "said Secretary of State Rubio").
fn after_title(ws: &[Word], i: usize, sentence: &str, lexicon: &Lexicon) -> bool {
    if i == 0 {
        return false;
    }
    if lexicon.ends_with_title(&sentence[..ws[i].start]) {
        return true;
    }
    (1..=3.min(i)).any(|n| {
        let before: Vec<&str> = ws[i - n..i].iter().map(|w| w.text).collect();
        titles::title_words(&before) == n
    })
}

/// Whether a verb of saying stands right after word `i`, with at most a
/// comma between ("Reichinnek, sagte", "Sarwar asked"), or right before it
/// ("sagte Reichinnek").
fn said_by(ws: &[Word], i: usize, sentence: &str, lexicon: &Lexicon) -> bool {
    let joined = |a: &Word, b: &Word| {
        sentence[a.end..b.start]
            .chars()
            .all(|c| c.is_whitespace() || c == ',')
    };
    // "des iranischen Atomprogramms warnt": a word after a determiner or
    // an inflected adjective is a noun, whatever verb follows.
    let in_noun_phrase = i > 0 && {
        let previous = ws[i - 1].text;
        lexicon.determiners.contains(&previous.to_lowercase())
            || (previous.chars().next().is_some_and(char::is_lowercase)
                && ["e", "en", "er", "es", "em"]
                    .iter()
                    .any(|ending| previous.len() > 4 && previous.ends_with(ending)))
    };
    let after = !in_noun_phrase
        && ws
            .get(i + 1)
            .is_some_and(|n| lexicon.saying_verbs.contains(n.text) && joined(&ws[i], n));
    let before = i > 0
        && lexicon.saying_verbs.contains(ws[i - 1].text)
        && joined(&ws[i - 1], &ws[i])
        && ws.get(i + 1).is_none_or(|n| !capitalised(n.text));
    after || before
}

/// Whether word `i`, a rare capitalised word, opens an English sentence (or
/// one inside a quote) as the subject of a verb: "Nehru spent years in jail". The next word is a
/// frequent lowercase word that is no function word (a verb, as a rule);
/// German is left out, whose nouns are all capitalised.
fn subject_of_verb(ws: &[Word], i: usize, sentence: &str, language: &str) -> bool {
    // The words that open sentences as ordinary words ("Officials",
    // "Police", "Voters") are among the most frequent; a name may be
    // frequent too ("Nehru" ranks near 22,000).
    const OPENING: u32 = 10_000;
    // The next word is frequent, but no function word ("Angered by").
    const FUNCTION: u32 = 150;
    const FREQUENT: u32 = 5_000;
    let lexicon = Lexicon::get();
    language == "en"
        && (i == 0 || {
            let between = sentence[ws[i - 1].end..ws[i].start].trim_end();
            between.ends_with(['.', '!', '?'])
        })
        && !ws[i].text.contains('-')
        && !words::is_common(ws[i].text, language, OPENING)
        && !is_acronym(ws[i].text)
        && ws.get(i + 1).is_some_and(|next| {
            sentence[ws[i].end..next.start] == *" "
                && next.text.chars().all(char::is_lowercase)
                && !lexicon.stop_words.contains(next.text)
                && !words::is_common(next.text, language, FUNCTION)
                && words::is_common(next.text, language, FREQUENT)
        })
}

/// Finds unknown names in the given texts (each an article's plain text).
pub fn suggest(registry: &Registry, texts: &[(String, &str)], min_count: usize) -> Vec<Suggestion> {
    let lexicon = Lexicon::get();
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut with_article: HashSet<String> = HashSet::new();
    // One-word organizations found by their ending ("Verteidigungsministerium"),
    // and those of them seen after an article: a body is named with one
    // ("das Verteidigungsministerium"), an office in a list is not ("Stadtrat
    // und Kreisrat"). Seen with one, they are offered even when the word is
    // common.
    let mut suffix_orgs: HashSet<String> = HashSet::new();
    let mut suffix_orgs_with_article: HashSet<String> = HashSet::new();
    let mut place_candidates: Vec<(String, String, String)> = Vec::new();

    for (language, text) in texts {
        for sentence in crate::sentences::split(text) {
            let known: Vec<(usize, usize, bool)> = registry
                .detect_article(
                    &[sentence],
                    Options {
                        language,
                        metonyms_to_country: false,
                    },
                )
                .remove(0)
                .into_iter()
                .map(|m| (m.start, m.end, m.rule == Rule::ShortName))
                .collect();
            let is_known = |w: &Word| known.iter().any(|&(s, e, _)| w.start < e && s < w.end);
            // Known only as the surname of someone else ("Gandhi" after
            // "Indira Gandhi"): it may still end another name ("Rajiv Gandhi").
            let is_surname = |w: &Word| {
                known
                    .iter()
                    .all(|&(s, e, short)| !(w.start < e && s < w.end) || short)
            };
            let ws = words(sentence);
            let mut add = |name: String, kind: EntityKind| {
                let name = without_possessive(&name).to_string();
                if lexicon.stop_words.contains(name.as_str()) || is_contraction(&name, lexicon) {
                    return;
                }
                let t = tallies.entry(name).or_default();
                if t.kind.is_none() {
                    t.language = language.clone();
                }
                t.kind.get_or_insert(kind);
                t.count += 1;
                if t.examples.len() < EXAMPLES && !t.examples.iter().any(|e| e == sentence) {
                    t.examples.push(sentence.to_string());
                }
            };
            let mut i = 0;
            while i < ws.len() {
                let w = &ws[i];
                if i > 0 && ARTICLES.contains(&ws[i - 1].text.to_lowercase().as_str()) {
                    with_article.insert(w.text.to_string());
                }
                // A run of capitalised words (with name particles inside).
                let mut j = i;
                // Names are words separated by spaces only: "Kim Jong-un: Wir" stops at the colon.
                let joined = |j: usize| {
                    j == i
                        || sentence[ws[j - 1].end..ws[j].start]
                            .chars()
                            .all(char::is_whitespace)
                };
                while j < ws.len()
                    && joined(j)
                    && (!is_known(&ws[j]) || (j > i && is_surname(&ws[j])))
                    && (capitalised(ws[j].text)
                        || (j > i
                            && j + 1 < ws.len()
                            && PARTICLES.contains(&ws[j].text)
                            && capitalised(ws[j + 1].text)))
                {
                    j += 1;
                }
                let mut run = &ws[i..j];
                // A particle ends no name ("Senatssitz von").
                while run.len() > 1 && PARTICLES.contains(&run[run.len() - 1].text) {
                    run = &run[..run.len() - 1];
                }
                // A title starts none: "Governor Newsom" is Newsom.
                let titled = titles::title_words(&run.iter().map(|w| w.text).collect::<Vec<_>>());
                if titled > 0 && titled < run.len() {
                    let mut rest = &run[titled..];
                    // "Senatoren Schumers Argumentation": a common noun ends
                    // no name in German.
                    let given_first = discover::is_any_given_name(rest[0].text);
                    while rest.len() > 1
                        && !given_first
                        && language == "de"
                        && rest[rest.len() - 1].text.chars().count() >= 5
                        && words::is_common(rest[rest.len() - 1].text, "de", COMMON)
                        && !discover::is_any_given_name(rest[rest.len() - 1].text)
                    {
                        rest = &rest[..rest.len() - 1];
                    }
                    if rest.iter().all(|w| capitalised(w.text)) {
                        let name = sentence[rest[0].start..rest[rest.len() - 1].end].to_string();
                        add(name, EntityKind::Person);
                        i += run.len();
                        continue;
                    }
                }
                if run.len() >= 2 && !lexicon.stop_words.contains(run[0].text) {
                    let run = &run[..run.len().min(4)];
                    let name = sentence[run[0].start..run[run.len() - 1].end].to_string();
                    let after_title = after_title(&ws, i, sentence, lexicon);
                    let given = lexicon.given_names.contains(run[0].text)
                        || discover::is_given_name(run[0].text);
                    let saying = ws
                        .get(i + run.len())
                        .is_some_and(|n| lexicon.saying_verbs.contains(n.text))
                        || (i > 0 && lexicon.saying_verbs.contains(ws[i - 1].text));
                    if given || after_title || saying {
                        add(name, EntityKind::Person);
                        i += run.len();
                        continue;
                    }
                    if let Some(last) = run.last() {
                        if lexicon.org_suffixes.iter().any(|s| {
                            s.chars().next().is_some_and(char::is_uppercase)
                                && last.text == s.as_str()
                        }) {
                            add(name, EntityKind::Organization);
                            i += run.len();
                            continue;
                        }
                    }
                    // Two or three capitalised words inside a sentence, the
                    // first of them no common word of the language: a name
                    // ("against Kemi Badenoch", "Amtsinhaber Sherrod Brown").
                    // Not in German, whose nouns are capitalised
                    // ("Shutdown der Regierung", "Schumers Argumentation").
                    if i > 0
                        && language != "de"
                        && run.len() <= 3
                        && !words::is_common(run[0].text, language, COMMON)
                        && !titles::is_title_word(run[0].text)
                        && !is_acronym(run[0].text)
                    {
                        add(name, EntityKind::Person);
                        i += run.len();
                        continue;
                    }
                }
                if run.len() == 1
                    && capitalised(w.text)
                    && !is_known(w)
                    && !lexicon.stop_words.contains(w.text)
                    && !titles::is_title_word(w.text)
                    && (after_title(&ws, i, sentence, lexicon)
                        || (said_by(&ws, i, sentence, lexicon)
                            && !words::is_common(w.text, language, COMMON))
                        || subject_of_verb(&ws, i, sentence, language))
                {
                    // "Präsidenten Erdoğan", "Reichinnek, sagte", "Sarwar asked".
                    add(w.text.to_string(), EntityKind::Person);
                    i += 1;
                    continue;
                }
                if !is_known(w) {
                    // "KCNA", or one word ending in an organization word ("Verteidigungsministerium").
                    let org_word = capitalised(w.text)
                        && lexicon.org_suffixes.iter().any(|s| {
                            s.chars().all(char::is_lowercase)
                                && w.text.len() > s.len() + 2
                                && w.text.to_lowercase().ends_with(s.as_str())
                        });
                    if is_acronym(w.text) || org_word {
                        if !is_acronym(w.text) {
                            suffix_orgs.insert(w.text.to_string());
                            if i > 0 && ARTICLES.contains(&ws[i - 1].text.to_lowercase().as_str()) {
                                suffix_orgs_with_article.insert(w.text.to_string());
                            }
                        }
                        add(w.text.to_string(), EntityKind::Organization);
                    } else if capitalised(w.text)
                        && i > 0
                        && lexicon
                            .suggest_place_prepositions
                            .contains(&ws[i - 1].text.to_lowercase())
                        && !lexicon.stop_words.contains(w.text)
                        && ws.get(i + 1).is_none_or(|n| !capitalised(n.text))
                    {
                        place_candidates.push((
                            w.text.to_string(),
                            sentence.to_string(),
                            language.clone(),
                        ));
                    }
                }
                // "Ministry of Defence", "Department of State".
                for prefix in &lexicon.org_prefixes {
                    let rest = &sentence[w.start..];
                    if rest.starts_with(prefix.as_str()) {
                        let tail: Vec<&Word> = ws[i..]
                            .iter()
                            .skip(prefix.split_whitespace().count())
                            .take_while(|x| capitalised(x.text))
                            .collect();
                        if let Some(last) = tail.last() {
                            add(
                                sentence[w.start..last.end].to_string(),
                                EntityKind::Organization,
                            );
                        }
                    }
                }
                i += 1;
            }
        }
    }
    for (word, sentence, language) in place_candidates {
        let word = without_possessive(&word).to_string();
        if with_article.contains(&word) || is_contraction(&word, lexicon) {
            continue;
        }
        let t = tallies.entry(word).or_default();
        if t.kind.is_none() {
            t.language = language;
        }
        t.kind.get_or_insert(EntityKind::Place);
        t.count += 1;
        if t.examples.len() < EXAMPLES && !t.examples.contains(&sentence) {
            t.examples.push(sentence);
        }
    }
    let mut out: Vec<Suggestion> = tallies
        .into_iter()
        .filter(|(_, t)| t.count >= min_count)
        .filter(|(name, t)| {
            if suffix_orgs.contains(name) {
                suffix_orgs_with_article.contains(name)
            } else {
                !is_common_word(name, t)
            }
        })
        .map(|(name, t)| Suggestion {
            name,
            kind: t.kind.unwrap_or(EntityKind::Organization),
            count: t.count,
            examples: t.examples,
        })
        .collect();
    // A person found under a longer run ("Park Jin Seoul") and a shorter one is
    // kept under the shorter name only when both are suggested.
    let names: HashMap<String, usize> = out.iter().map(|s| (s.name.clone(), s.count)).collect();
    out.retain(|s| {
        s.kind != EntityKind::Person
            || !names.keys().any(|other| {
                other != &s.name && s.name.starts_with(other.as_str()) && names[other] >= s.count
            })
    });
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::RegistryOptions;

    fn suggest_in(text: &str) -> Vec<(String, EntityKind, usize)> {
        let (registry, _) = Registry::new(&[], &RegistryOptions::default());
        suggest(&registry, &[("de".to_string(), text)], 1)
            .into_iter()
            .map(|s| (s.name, s.kind, s.count))
            .collect()
    }

    #[test]
    fn finds_people_by_given_name_title_or_saying_verb() {
        let found = suggest_in(
            "Antony Blinken traf Außenminister Park Jin. Das bestätigte Cho Tae-yul. Der Gast sagte nichts. Machthaber Kim Jong-un: \"Wir kommen\".",
        );
        assert!(
            found.contains(&("Antony Blinken".into(), EntityKind::Person, 1)),
            "{found:?}"
        );
        assert!(
            found.contains(&("Park Jin".into(), EntityKind::Person, 1)),
            "{found:?}"
        );
        assert!(
            found.contains(&("Cho Tae-yul".into(), EntityKind::Person, 1)),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(n, _, _)| n.starts_with("Der")),
            "{found:?}"
        );
        assert!(
            found.contains(&("Kim Jong-un".into(), EntityKind::Person, 1)),
            "{found:?}"
        );
    }

    #[test]
    fn a_rare_word_opening_a_sentence_before_a_verb_is_a_person_but_ordinary_openings_are_not() {
        let (registry, _) = Registry::new(&[], &RegistryOptions::default());
        let text = "\u{201c}Do not lecture us. Nehru spent years in jail.\u{201d} \
            Officials spent the day there. Angered by this, Fifty-three voted no.";
        let found: Vec<String> = suggest(&registry, &[("en".to_string(), text)], 1)
            .into_iter()
            .filter(|s| s.kind == EntityKind::Person)
            .map(|s| s.name)
            .collect();
        assert_eq!(found, ["Nehru"]);
    }

    #[test]
    fn finds_organizations_by_acronym_and_suffix() {
        let found = suggest_in("Das Verteidigungsministerium und die KCTV meldeten es. Die Ministry of Unification schwieg.");
        assert!(
            found
                .iter()
                .any(|(n, k, _)| n == "Verteidigungsministerium" && *k == EntityKind::Organization),
            "{found:?}"
        );
        assert!(found.iter().any(|(n, _, _)| n == "KCTV"), "{found:?}");
        assert!(
            found.iter().any(|(n, _, _)| n == "Ministry of Unification"),
            "{found:?}"
        );
    }

    #[test]
    fn finds_places_after_prepositions_but_not_common_nouns() {
        let found = suggest_in(
            "Angriffe in Hrodiwka. Die Lage in Hrodiwka. Das trat in Kraft. Die Kraft fehlt.",
        );
        assert!(
            found.contains(&("Hrodiwka".into(), EntityKind::Place, 2)),
            "{found:?}"
        );
        assert!(!found.iter().any(|(n, _, _)| n == "Kraft"), "{found:?}");
    }

    #[test]
    fn leaves_out_known_entities() {
        let found = suggest_in("Wladimir Putin sagte in Moskau, die NATO sei schuld.");
        assert!(
            found.iter().all(|(n, _, _)| n != "NATO" && n != "Moskau"),
            "{found:?}"
        );
        // Putin is not registered here, so he is suggested.
        assert!(
            found.iter().any(|(n, _, _)| n == "Wladimir Putin"),
            "{found:?}"
        );
    }
}
