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

/// Splits text into sentences at `.`, `!` or `?` (and a closing quote after
/// it) followed by a space.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let mut end = i + c.len_utf8();
        if let Some(&(j, q)) = chars.peek() {
            if matches!(q, '"' | '“' | '”' | '«' | '»' | '\'' | '’') {
                end = j + q.len_utf8();
                chars.next();
            }
        }
        if text[end..].starts_with(' ') && start < end {
            out.push(text[start..end].trim());
            start = end;
        }
    }
    if start < text.len() {
        out.push(text[start..].trim());
    }
    out.retain(|s| !s.is_empty());
    out
}

#[derive(Default)]
struct Tally {
    kind: Option<EntityKind>,
    count: usize,
    examples: Vec<String>,
}

/// Finds unknown names in the given texts (each an article's plain text).
pub fn suggest(registry: &Registry, texts: &[(String, &str)], min_count: usize) -> Vec<Suggestion> {
    let lexicon = Lexicon::get();
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut with_article: HashSet<String> = HashSet::new();
    let mut place_candidates: Vec<(String, String)> = Vec::new();

    for (language, text) in texts {
        for sentence in sentences(text) {
            let known: Vec<(usize, usize)> = registry
                .detect_article(
                    &[sentence],
                    Options {
                        language,
                        metonyms_to_country: false,
                    },
                )
                .remove(0)
                .into_iter()
                .map(|m| (m.start, m.end))
                .collect();
            let is_known = |w: &Word| known.iter().any(|&(s, e)| w.start < e && s < w.end);
            let ws = words(sentence);
            let mut add = |name: String, kind: EntityKind| {
                let t = tallies.entry(name).or_default();
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
                    && !is_known(&ws[j])
                    && (capitalised(ws[j].text)
                        || (j > i
                            && j + 1 < ws.len()
                            && PARTICLES.contains(&ws[j].text)
                            && capitalised(ws[j + 1].text)))
                {
                    j += 1;
                }
                let run = &ws[i..j];
                if run.len() >= 2 && !lexicon.stop_words.contains(run[0].text) {
                    let run = &run[..run.len().min(4)];
                    let name = sentence[run[0].start..run[run.len() - 1].end].to_string();
                    let after_title = i > 0 && lexicon.ends_with_title(&sentence[..w.start]);
                    let given = lexicon.given_names.contains(run[0].text);
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
                        add(w.text.to_string(), EntityKind::Organization);
                    } else if capitalised(w.text)
                        && i > 0
                        && lexicon
                            .place_prepositions
                            .contains(&ws[i - 1].text.to_lowercase())
                        && !lexicon.stop_words.contains(w.text)
                        && ws.get(i + 1).is_none_or(|n| !capitalised(n.text))
                    {
                        place_candidates.push((w.text.to_string(), sentence.to_string()));
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
    for (word, sentence) in place_candidates {
        if with_article.contains(&word) {
            continue;
        }
        let t = tallies.entry(word).or_default();
        t.kind.get_or_insert(EntityKind::Place);
        t.count += 1;
        if t.examples.len() < EXAMPLES && !t.examples.contains(&sentence) {
            t.examples.push(sentence);
        }
    }
    let mut out: Vec<Suggestion> = tallies
        .into_iter()
        .filter(|(_, t)| t.count >= min_count)
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
