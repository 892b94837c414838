//! The outlet's own name as its page prints it, found by the page's domain.
//!
//! An outlet the rules do not know is named by its registrable domain
//! (`pulse.ng`, `wistv.com`). The page itself usually prints the name: in a
//! breadcrumb (`Pulse Nigeria > News`), a dateline tag (`(WIS) -`), a
//! copyright notice or the text (`die «Andelfinger Zeitung»`). [`named_by_domain`]
//! finds the phrase of capitalized words that the domain's first label
//! spells: the label itself (`The Drum` for `thedrum.com`), the label and
//! more words (`Pulse Nigeria` for `pulse.ng`, `Andelfinger Zeitung` for
//! `andelfinger.ch`), or an acronym the label starts with (`WIS` for
//! `wistv.com`).
//!
//! ```
//! use briefing::ingest::masthead::named_by_domain;
//! assert_eq!(named_by_domain("RADP / Pulse Nigeria > News", "pulse.ng").as_deref(), Some("Pulse Nigeria"));
//! assert_eq!(named_by_domain("Nothing to see here.", "pulse.ng"), None);
//! ```

/// Most words of an outlet's name, after a leading article.
const MAX_NAME_WORDS: usize = 3;

/// Fewest letters of a domain label that a longer name may open with
/// (`pulse` in `Pulse Nigeria`); a shorter label is too often a word.
const MIN_OPENING_LABEL: usize = 4;

/// Fewest and most letters of an acronym that a domain label opens with
/// (`WIS` in `wistv`); a longer word in capitals is a shouted place
/// (`NEWARK` in `newarkadvocate`).
const MIN_ACRONYM: usize = 3;
const MAX_ACRONYM: usize = 4;

/// Articles an outlet's name may open with (`Der Nordschleswiger`, `The Drum`).
const ARTICLES: [&str; 4] = ["Der", "Die", "Das", "The"];

/// How a phrase matches the label, best first: spelled out (alone or with
/// more words after it), or an acronym.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    Spelled,
    Acronym,
}

fn squashed(words: &[&str]) -> String {
    words
        .iter()
        .flat_map(|w| w.chars())
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether `words[from..end]`, spelling the label and more, is an outlet's
/// name: a whole run of capitalized words, its first word the label, the
/// words after it neither in capitals (`HASEPOST CSU`, a kicker) nor a
/// person's name (`Onefootball Matti Peters`, a byline).
fn opens_name(words: &[&str], from: usize, end: usize, label: &str) -> bool {
    let whole_run = words.get(end).is_none_or(|w| !capitalized(w));
    let rest = &words[from + 1..end];
    let first_is_label = squashed(&words[from..from + 1]) == label;
    let shouted = rest.iter().any(|w| {
        w.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    });
    !rest.is_empty()
        && whole_run
        && first_is_label
        && !shouted
        && !super::credits::is_person_name(&rest.join(" "))
}

/// The outlet's name as `text` prints it, when the first label of `domain`
/// (`pulse` of `pulse.ng`) spells it.
pub fn named_by_domain(text: &str, domain: &str) -> Option<String> {
    let label: String = domain
        .split('.')
        .next()?
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    if label.len() < MIN_ACRONYM {
        return None;
    }
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    let mut best: Option<(Fit, usize)> = None;
    let mut name_at = (0, 0);
    for start in 0..words.len() {
        if !capitalized(words[start]) {
            continue;
        }
        let article = ARTICLES.contains(&words[start]);
        let from = start + usize::from(article);
        for end in from + 1..=(from + MAX_NAME_WORDS).min(words.len()) {
            let name = &words[from..end];
            if !name.iter().all(|w| capitalized(w)) {
                break;
            }
            let s = squashed(name);
            let with_article = squashed(&words[start..end]);
            let acronym = name.len() == 1
                && name[0]
                    .chars()
                    .all(|c| c.is_uppercase() || c.is_ascii_digit());
            // Spelled alone, or opening a longer name (`Pulse Nigeria`).
            let spelled = s == label
                || with_article == label
                || (label.len() >= MIN_OPENING_LABEL
                    && s.starts_with(&label)
                    && opens_name(&words, from, end, &label));
            let fit = if spelled {
                Some(Fit::Spelled)
            } else if acronym
                && (MIN_ACRONYM..=MAX_ACRONYM).contains(&s.len())
                && label.starts_with(&s)
            {
                Some(Fit::Acronym)
            } else {
                None
            };
            // The best fit, and of those the longest name: `Pulse Nigeria`
            // over `Pulse` for `pulse.ng`. The article only where the label
            // spells it (`thedrum`): `die «Andelfinger Zeitung»` is declined.
            if let Some(fit) = fit {
                let first = if with_article == label { start } else { from };
                let len = end - first;
                let better = best
                    .as_ref()
                    .is_none_or(|&(b, n)| fit < b || (fit == b && len > n));
                if better {
                    best = Some((fit, len));
                    name_at = (first, end);
                }
            }
        }
    }
    best.map(|_| words[name_at.0..name_at.1].join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_the_domain_spells_is_the_outlet() {
        assert_eq!(
            named_by_domain("Published by The Drum today", "thedrum.com").as_deref(),
            Some("The Drum")
        );
        assert_eq!(
            named_by_domain("die «Andelfinger Zeitung» war da", "andelfinger.ch").as_deref(),
            Some("Andelfinger Zeitung")
        );
    }

    #[test]
    fn an_acronym_the_domain_opens_with_is_the_outlet() {
        assert_eq!(
            named_by_domain("RICHLAND COUNTY S.C. (WIS) - The", "wistv.com").as_deref(),
            Some("WIS")
        );
    }

    #[test]
    fn a_word_that_merely_opens_the_label_is_no_outlet() {
        // A word opening the label is a word of the text, not the name.
        assert_eq!(named_by_domain("Rates rose", "pulse.ng"), None);
        assert_eq!(named_by_domain("The Wisdom of crowds", "wistv.com"), None);
        assert_eq!(
            named_by_domain("NEWARK - Police said", "newarkadvocate.com"),
            None
        );
    }

    #[test]
    fn the_longest_name_the_domain_spells_wins() {
        assert_eq!(
            named_by_domain("Pulse and Pulse Nigeria", "pulse.ng").as_deref(),
            Some("Pulse Nigeria")
        );
    }
}
