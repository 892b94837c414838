//! The page's address as evidence for its headline.
//!
//! Most news sites write the headline into the address of the article
//! (`…/wall-street-journal-wins-legal-battle-report-phone-hacking-trial-…`,
//! `…/koalitionsdetails-kurz-und-kogler-praesentierten-regierungsprogramm-…`).
//! When a paste comes with its address (`briefing ingest --url`), the line of
//! the head whose words the address holds is the headline, whatever stands
//! above it: a subscription prompt, a notification banner, a section label.
//! Words are compared folded to ASCII with umlauts written either way
//! ("präsentierten" = "praesentierten" = "prasentierten").

use std::collections::HashSet;

/// Fewest words of the address a line must share to be its headline.
const MIN_SHARED_WORDS: usize = 3;

/// Fewest words of a slug: a shorter one names a section as often as a
/// story (`…/politik-in-kuerze-1336.vn`, an e-paper page of short items).
const MIN_SLUG_WORDS: usize = 4;

/// Least agreement (shared words over the mean word count of line and
/// address) for a line to count as the headline the address names.
const MIN_AGREEMENT: f64 = 0.5;

/// The words of the address's most wordy path segment, if it has at least
/// [`MIN_SLUG_WORDS`] of them: the slug of the headline.
pub fn slug_words(url: &str) -> Option<HashSet<String>> {
    let path = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .split(['?', '#'])
        .next()?;
    let (_, path) = path.split_once('/')?;
    path.split('/')
        .map(|segment| {
            // Without its file extension (`.html`, `.bild.html`, `.vn`).
            let segment = match segment.split_once('.') {
                Some((stem, _)) if !stem.is_empty() => stem,
                _ => segment,
            };
            let decoded = percent_encoding::percent_decode_str(segment).decode_utf8_lossy();
            words(&decoded)
                .filter(|w| w.chars().all(|c| c.is_ascii_alphabetic()) && w.len() > 1)
                .collect::<HashSet<String>>()
        })
        .max_by_key(HashSet::len)
        .filter(|w| w.len() >= MIN_SLUG_WORDS)
}

/// The folded words of `text`.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold)
}

/// Lower case ASCII, with "ae", "oe", "ue" as "a", "o", "u", so that an
/// umlaut transliterated either way in an address matches the text.
fn fold(word: &str) -> String {
    let ascii = deunicode::deunicode(&word.to_lowercase());
    ascii
        .replace("ae", "a")
        .replace("oe", "o")
        .replace("ue", "u")
        .replace("ss", "s")
}

/// How well `line` agrees with the address's words: shared words over the
/// mean of both word counts, with the number shared.
fn agreement(line: &str, slug: &HashSet<String>) -> (f64, usize) {
    let own: HashSet<String> = words(line).collect();
    let shared = own.iter().filter(|w| slug.contains(w.as_str())).count();
    let mean = (own.len() + slug.len()) as f64 / 2.0;
    (shared as f64 / mean.max(1.0), shared)
}

/// The index of the line among `lines` that the address names as the
/// headline: the one agreeing best, if well enough. Ties go to the first.
pub fn headline_at<'a>(
    lines: impl IntoIterator<Item = &'a str>,
    slug: &HashSet<String>,
) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, line) in lines.into_iter().enumerate() {
        let (score, shared) = agreement(line, slug);
        if shared >= MIN_SHARED_WORDS
            && score >= MIN_AGREEMENT
            && best.is_none_or(|(_, b)| score > b)
        {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_slug_is_the_path_segment_with_the_most_words() {
        let words = slug_words(
            "https://www.noen.at/in-ausland/koalitionsdetails-kurz-und-kogler-praesentierten-regierungsprogramm-180797985",
        )
        .unwrap();
        assert!(words.contains("prasentierten"), "{words:?}");
        assert!(!words.contains("ausland"), "{words:?}");
        assert!(!words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit())));
    }

    #[test]
    fn an_address_without_a_slug_names_no_headline() {
        assert_eq!(slug_words("https://orf.at/stories/3150159/"), None);
        assert_eq!(
            slug_words(
                "https://epaper.vn.at/lokal/vorarlberg/2023/12/20/politik-in-kuerze-1336.vn"
            ),
            None
        );
        assert_eq!(slug_words("https://example.org/"), None);
    }

    #[test]
    fn the_headline_is_found_below_a_banner_and_with_umlauts_written_out() {
        let slug = slug_words("https://www.bluewin.ch/de/newsregional/zuerich/die-beschlusse-des-kantonsrats-267153.html").unwrap();
        let lines = [
            "We need your help now",
            "SDA",
            "Die Beschlüsse des Kantonsrats",
            "Der Kantonsrat hat an seiner Sitzung vom Montag die Beschlüsse gefasst.",
        ];
        assert_eq!(headline_at(lines, &slug), Some(2));
    }

    #[test]
    fn a_line_sharing_only_a_word_or_two_is_no_headline() {
        let slug = slug_words("https://example.org/news/storm-hits-coast-of-queensland").unwrap();
        assert_eq!(
            headline_at(["Weather warnings for the coast", "Subscribe now"], &slug),
            None
        );
    }
}
