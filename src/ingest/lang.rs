//! Language detection for German and English articles by counting stop words.
//!
//! News text is long enough that the share of frequent function words ("der",
//! "und" against "the", "and") tells the language reliably; the lists live in
//! `data/ingest.yaml`. Text with too few stop words gets no language.
//!
//! ```
//! use briefing::ingest::lang::detect;
//! assert_eq!(detect("Der Minister sagte, dass die Lage ernst sei."), Some("de"));
//! assert_eq!(detect("The minister said that the situation was serious."), Some("en"));
//! assert_eq!(detect("Seoul, 2025"), None);
//! ```

use super::rules::rules;

/// Fewest stop words needed before a language is named: below this a headline
/// or a list of names could tip either way.
const MIN_STOP_WORDS: usize = 3;

/// The language code (`de`, `en`, … as listed in the data file) of `text`.
pub fn detect(text: &str) -> Option<&'static str> {
    let r = rules();
    let mut counts = vec![0usize; r.stop_words.len()];
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty() && w.len() <= 12)
    {
        let lower = word.to_lowercase();
        for (i, (_, words)) in r.stop_words.iter().enumerate() {
            if words.contains(&lower) {
                counts[i] += 1;
            }
        }
    }
    let (best, &count) = counts.iter().enumerate().max_by_key(|(_, &c)| c)?;
    (count >= MIN_STOP_WORDS).then(|| r.stop_words[best].0.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_german_with_english_loan_words() {
        assert_eq!(
            detect("Die Regierung hat den Deal mit dem Start-up für das Update bestätigt."),
            Some("de")
        );
    }

    #[test]
    fn detects_english_with_german_names() {
        assert_eq!(
            detect("Chancellor Olaf Scholz said on Tuesday that the Bundestag would vote."),
            Some("en")
        );
    }
}
