//! The most frequent words of each language, from `data/words/` (wordfreq
//! 3.1.1, CC BY-SA 4.0; `tools/words/generate.py` writes them), with their
//! rank: `entities suggest` leaves common words out ("Richtung" in "in
//! Richtung", "GDP", "FINAL"), which the names of unknown places and
//! organizations rarely are.

use std::collections::HashMap;
use std::sync::OnceLock;

const FILES: &[(&str, &str)] = &[
    ("de", include_str!("../../data/words/common-de.txt")),
    ("en", include_str!("../../data/words/common-en.txt")),
];

fn ranks(language: &str) -> Option<&'static HashMap<&'static str, u32>> {
    static RANKS: OnceLock<Vec<(&'static str, HashMap<&'static str, u32>)>> = OnceLock::new();
    let all = RANKS.get_or_init(|| {
        FILES
            .iter()
            .map(|(language, text)| {
                let words = text
                    .lines()
                    .filter(|l| !l.starts_with('#') && !l.is_empty())
                    .zip(0u32..)
                    .collect();
                (*language, words)
            })
            .collect()
    });
    all.iter().find(|(l, _)| *l == language).map(|(_, r)| r)
}

/// The rank of `word` (any case) among the most frequent words of
/// `language`, 0 for the most frequent; `None` when it is not among them or
/// the language has no list.
pub fn rank(word: &str, language: &str) -> Option<u32> {
    let ranks = ranks(language)?;
    match ranks.get(word) {
        Some(&r) => Some(r),
        None => ranks.get(word.to_lowercase().as_str()).copied(),
    }
}

/// Whether `word` is among the `top` most frequent words of `language`.
pub fn is_common(word: &str, language: &str, top: u32) -> bool {
    rank(word, language).is_some_and(|r| r < top)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_nouns_are_common_and_rare_names_are_not() {
        assert!(is_common("Richtung", "de", 50_000));
        assert!(is_common("Angaben", "de", 50_000));
        assert!(is_common("GDP", "en", 50_000));
        assert!(!is_common("Ergoldsbach", "de", 50_000));
        assert!(!is_common("Reichinnek", "de", 50_000));
        assert!(rank("die", "de") < rank("Richtung", "de"));
        assert_eq!(rank("Richtung", "fr"), None, "no list for the language");
    }
}
