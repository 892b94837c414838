//! Sentence boundaries in German and English news text, shared by every
//! stage that cuts text into sentences: ingest (the first sentence of a
//! body), entity pages (the sentence around a mention) and `entities
//! suggest`.
//!
//! A `.`, `!` or `?` ends a sentence when whitespace follows it (after any
//! closing quotes) and the next word starts with a capital, a digit or an
//! opening quote, or the text ends. A period does not end one after an
//! abbreviation from `data/sentences.yaml` ("Dr.", "Oct.", "U.S.", "z. B.",
//! "Nr."), after a single capital (an initial: "George W. Bush"), or after
//! a number of one or two digits (a German ordinal: "am 3. Oktober").

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

const DATA: &str = include_str!("../data/sentences.yaml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    abbreviations: Vec<String>,
}

fn abbreviations() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        let data: Data = serde_yaml::from_str(DATA).expect("data/sentences.yaml is valid");
        data.abbreviations
            .into_iter()
            .map(|a| a.to_lowercase())
            .collect()
    })
}

/// Quotes and brackets that may close a sentence after its final stop.
const CLOSING: &[char] = &['"', '“', '”', '«', '»', '\'', '’', ')', '‘'];
/// Characters that may open the next sentence besides a capital or digit.
const OPENING: &[char] = &['"', '„', '“', '»', '«', '\'', '‘', '(', '–', '—', '-'];

/// Whether `word` (without its final period) is an abbreviation that a
/// period follows without ending the sentence: "Dr", "oct", "U.S", "z.B".
pub fn is_abbreviation(word: &str) -> bool {
    abbreviations().contains(&word.to_lowercase())
}

/// If the `.`, `!` or `?` at byte `at` of `text` ends a sentence, the byte
/// offset right after it and any closing quotes.
pub fn end_at(text: &str, at: usize) -> Option<usize> {
    let stop = text[at..].chars().next()?;
    if !matches!(stop, '.' | '!' | '?' | '…') {
        return None;
    }
    let mut end = at + stop.len_utf8();
    // Closing quotes and an ellipsis's dots; a few at most, so that a run
    // of thousands of dots costs no more than its length.
    for c in text[end..].chars().take(4) {
        if CLOSING.contains(&c) || (c == '.' && stop == '.') {
            end += c.len_utf8();
        } else {
            break;
        }
    }
    let rest = &text[end..];
    if rest.is_empty() {
        return Some(end);
    }
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let next = rest.trim_start().chars().next()?;
    if !(next.is_uppercase() || next.is_numeric() || OPENING.contains(&next)) {
        return None;
    }
    if stop == '.' {
        // The word before the stop, looked for among the last few dozen
        // bytes only: no abbreviation is longer.
        let mut window = at.saturating_sub(48);
        while !text.is_char_boundary(window) {
            window -= 1;
        }
        let before = &text[window..at];
        let word_start = before
            .rfind(|c: char| c.is_whitespace() || "(\"„“'‘".contains(c))
            .map_or(0, |p| {
                p + before[p..].chars().next().map_or(1, char::len_utf8)
            });
        let word = &before[word_start..];
        let chars = word.chars().count();
        let initial = chars == 1 && word.chars().all(char::is_uppercase);
        let ordinal = (1..=2).contains(&word.len()) && word.chars().all(|c| c.is_ascii_digit());
        if initial || ordinal || is_abbreviation(word) {
            return None;
        }
    }
    Some(end)
}

/// The sentences of `text`, trimmed; paragraph and line breaks end one too.
pub fn split(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for paragraph in text.split('\n') {
        let mut start = 0;
        for (at, c) in paragraph.char_indices() {
            if at < start || !matches!(c, '.' | '!' | '?' | '…') {
                continue;
            }
            if let Some(end) = end_at(paragraph, at) {
                out.push(paragraph[start..end].trim());
                start = end;
            }
        }
        out.push(paragraph[start..].trim());
    }
    out.retain(|s| !s.is_empty());
    out
}

/// The byte range of the sentence of `text` that holds `text[start..end]`.
pub fn around(text: &str, start: usize, end: usize) -> (usize, usize) {
    // The nearest sentence end before the mention, looking back from it.
    let mut from = 0;
    for (at, c) in text[..start].char_indices().rev() {
        if matches!(c, '.' | '!' | '?' | '…') {
            if let Some(after) = end_at(text, at) {
                if after <= start {
                    from = after;
                    break;
                }
            }
        }
    }
    let from = from + (text[from..start].len() - text[from..start].trim_start().len());
    let mut to = text.len();
    for (i, c) in text[end..].char_indices() {
        if matches!(c, '.' | '!' | '?' | '…') {
            if let Some(after) = end_at(text, end + i) {
                to = after;
                break;
            }
        }
    }
    (from, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_initials_and_ordinals_do_not_end_a_sentence() {
        assert_eq!(
            split("Hamas attacked Israel on Oct. 7, 2023. Dr. Smith spoke. Then he left."),
            [
                "Hamas attacked Israel on Oct. 7, 2023.",
                "Dr. Smith spoke.",
                "Then he left."
            ]
        );
        assert_eq!(
            split("Er kam am 3. Oktober, z. B. mit Nr. 5 der Liste. Danach ging er."),
            [
                "Er kam am 3. Oktober, z. B. mit Nr. 5 der Liste.",
                "Danach ging er."
            ]
        );
        assert_eq!(
            split("George W. Bush met U.S. officials. They talked."),
            ["George W. Bush met U.S. officials.", "They talked."]
        );
    }

    #[test]
    fn quotes_close_a_sentence_and_line_breaks_end_one() {
        assert_eq!(
            split("„Wir kommen.“ Das sagte er.\nNeue Zeile ohne Punkt\nEnde."),
            [
                "„Wir kommen.“",
                "Das sagte er.",
                "Neue Zeile ohne Punkt",
                "Ende."
            ]
        );
        assert_eq!(split("Is it? yes it is."), ["Is it? yes it is."]);
    }

    #[test]
    fn long_runs_of_stops_cost_their_length_not_its_square() {
        let text = format!("A{}b Nordkorea c.", ".".repeat(200_000));
        let at = text.find("Nordkorea").unwrap();
        let started = std::time::Instant::now();
        let (from, _) = around(&text, at, at + 9);
        let _ = split(&text);
        assert!(from <= at);
        // Quadratic, this takes minutes; linear, milliseconds.
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn finds_the_sentence_around_a_mention() {
        let text = "First one. Hamas attacked on Oct. 7 in south Israel. Last.";
        let at = text.find("Israel").unwrap();
        let (from, to) = around(text, at, at + 6);
        assert_eq!(&text[from..to], "Hamas attacked on Oct. 7 in south Israel.");
    }
}
