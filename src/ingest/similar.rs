//! Near-duplicate articles: the same agency story as printed by two outlets.
//!
//! Two texts are compared by the word 5-grams ("shingles") they share, as a
//! Jaccard similarity estimated with MinHash: each text keeps the smallest
//! hash of its shingles under [`HASHES`] different hash functions, and the
//! share of equal minimums estimates the share of shared shingles. Outlets
//! edit agency copy lightly (a dateline, a cut last paragraph, another
//! headline), which leaves most 5-grams in place; two reports of the same
//! event written separately share few. [`NEAR_DUPLICATE`] is the threshold.
//!
//! Written here rather than taken from a crate: it is forty lines over the
//! project's own hash, and the MinHash crates bring LSH indexes a site of a
//! few thousand articles does not need (a linear scan over 64 numbers per
//! article takes microseconds).
//!
//! ```
//! use briefing::ingest::similar::Signature;
//! let text = "Die Regierung hat am Montag in Berlin neue Regeln für den Handel mit Drittstaaten beschlossen, \
//!     teilte ein Sprecher des Ministeriums mit. Die Regeln sollen vom kommenden Jahr an gelten und die \
//!     Unternehmen nach Angaben der Regierung von Bürokratie entlasten.";
//! let reprint = format!("Berlin (dpa) - {text} Die Opposition kritisierte das Vorhaben.");
//! assert!(Signature::of(text).similarity(&Signature::of(&reprint)) > 0.5);
//! ```

use crate::hash::hash_of;

/// Hash functions of a signature: an error of about 1/√64 ≈ 12% on the
/// estimate, enough to tell a reprint (0.6 and more) from a different
/// report of the same event (under 0.2).
pub const HASHES: usize = 64;

/// Words per shingle.
const SHINGLE: usize = 5;

/// Similarity from which two articles are the same story: a reprint keeps
/// well over half of its 5-grams.
pub const NEAR_DUPLICATE: f64 = 0.5;

/// Texts with fewer shingles are not compared: a few lines say too little.
const MIN_SHINGLES: usize = 20;

/// The MinHash signature of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(Option<[u64; HASHES]>);

impl Signature {
    pub fn of(text: &str) -> Signature {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if words.len() < SHINGLE + MIN_SHINGLES {
            return Signature(None);
        }
        let mut mins = [u64::MAX; HASHES];
        for shingle in words.windows(SHINGLE) {
            let base = hash_of(shingle);
            for (k, min) in mins.iter_mut().enumerate() {
                // One hash per function from the shingle's hash, mixed with
                // the function's number (an odd multiplier and a rotation).
                let h = (base ^ (k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
                    .wrapping_mul(0xBF58_476D_1CE4_E5B9)
                    .rotate_left(31);
                if h < *min {
                    *min = h;
                }
            }
        }
        Signature(Some(mins))
    }

    /// The estimated Jaccard similarity of the shingles of two texts (0 when
    /// either is too short to tell).
    pub fn similarity(&self, other: &Signature) -> f64 {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => {
                a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / HASHES as f64
            }
            _ => 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Talks over a ceasefire in Gaza have reached a stalemate as Israel's operation in Rafah has sent things backwards, Qatar's Prime Minister said on Tuesday at an economic forum in Doha. He said Qatar will continue its role as a mediator between the two sides, and that the talks would go on despite the setback.";

    #[test]
    fn a_reprint_with_another_dateline_and_ending_is_the_same_story() {
        let reprint = format!("DOHA (Reuters) - {}", &STORY[..STORY.len() - 40]);
        assert!(Signature::of(STORY).similarity(&Signature::of(&reprint)) >= NEAR_DUPLICATE);
    }

    #[test]
    fn another_report_of_the_same_event_is_not() {
        let other = "Qatar's prime minister said on Tuesday that negotiations between Israel and Hamas had stalled after the Israeli military began operations in the southern city of Rafah, speaking at a forum in the Qatari capital. Mediators from Egypt and the United States were also involved in the talks.";
        assert!(Signature::of(STORY).similarity(&Signature::of(other)) < 0.2);
    }

    #[test]
    fn short_texts_are_not_compared() {
        assert_eq!(
            Signature::of("Kurz.").similarity(&Signature::of("Kurz.")),
            0.0
        );
    }
}
