//! The words of the search index: how text is cut into words, folded and
//! stemmed, the same way at build time (here) and in the reader's browser
//! (`search.js` does the same steps, with the folding table the index ships).
//!
//! - **Words** are runs of letters and digits (`char::is_alphanumeric`, the
//!   script's `[\p{Alphabetic}\p{N}]`); one letter alone is no word.
//! - **Folding** lowercases and maps the Latin letters with marks to their
//!   base letters ("Pjöngjang" → "pjongjang", "Straße" → "strasse"), so a
//!   reader who types without umlauts finds them.
//! - **Stemming** strips the inflection endings of German and English (a
//!   light stemmer after the shape of CISTEM, plus the English "-ies"), for
//!   both languages at once since a query's language is unknown:
//!   "Russlands" and "Russland" share "russla", "Ministers" and "Minister"
//!   share "minist". Words with digits or letters outside a–z are not stemmed.

/// The letters folded to other letters: the Latin letters with marks of
/// U+00C0…U+024F, lowercased, to their ASCII base. Written into the index
/// so the script folds exactly as the build did.
pub fn fold_table() -> Vec<(char, String)> {
    ('\u{c0}'..='\u{24f}')
        .filter(|c| c.is_lowercase() || c.is_uppercase())
        .filter_map(|c| {
            let lower: String = c.to_lowercase().collect();
            let mut chars = lower.chars();
            let (Some(l), None) = (chars.next(), chars.next()) else {
                return None;
            };
            if l.is_ascii() || !('\u{c0}'..='\u{24f}').contains(&l) {
                return None;
            }
            let base = deunicode::deunicode_char(l)?.to_lowercase();
            (base != lower && !base.is_empty() && base.chars().all(|b| b.is_ascii_lowercase()))
                .then_some((l, base))
        })
        .collect::<std::collections::BTreeMap<_, _>>()
        .into_iter()
        .collect()
}

/// Folds one lowercased letter by [`fold_table`], or gives it back.
fn fold_char(c: char, out: &mut String) {
    static TABLE: std::sync::OnceLock<std::collections::HashMap<char, String>> =
        std::sync::OnceLock::new();
    if ('\u{c0}'..='\u{24f}').contains(&c) {
        if let Some(base) = TABLE
            .get_or_init(|| fold_table().into_iter().collect())
            .get(&c)
        {
            out.push_str(base);
            return;
        }
    }
    out.push(c);
}

/// The longest word kept, in characters once folded; longer runs
/// (hashes, long numbers) are cut.
pub const MAX_WORD: usize = 40;

/// Calls `each` with every word of `text`, folded and stemmed.
pub fn words(text: &str, mut each: impl FnMut(&str)) {
    let mut word = String::new();
    let mut letters = 0;
    let mut flush = |word: &mut String, letters: &mut usize| {
        // Words with a character from U+E000 up (private use, compatibility
        // forms, the planes beyond the first) are left out: without them,
        // the index's byte order of keys is the script's string order.
        if (*letters >= 2 || word.bytes().any(|b| b.is_ascii_digit()))
            && !word.chars().any(|c| c >= '\u{e000}')
        {
            if let Some((end, _)) = word.char_indices().nth(MAX_WORD) {
                word.truncate(end);
            }
            stem(word);
            each(word);
        }
        word.clear();
        *letters = 0;
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_alphanumeric() {
                word.push(b.to_ascii_lowercase() as char);
                letters += 1;
            } else if !word.is_empty() {
                flush(&mut word, &mut letters);
            }
            i += 1;
            continue;
        }
        let c = text[i..]
            .chars()
            .next()
            .expect("i is on a character boundary");
        i += c.len_utf8();
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                fold_char(l, &mut word);
            }
            letters += 1;
        } else if !word.is_empty() {
            flush(&mut word, &mut letters);
        }
    }
    if !word.is_empty() {
        flush(&mut word, &mut letters);
    }
}

/// Strips inflection endings in place (see the module docs).
pub fn stem(word: &mut String) {
    if word.len() <= 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return;
    }
    if word.len() > 4 && word.ends_with("ies") {
        word.truncate(word.len() - 3);
        word.push('y');
        return;
    }
    while word.len() > 3 {
        let b = word.as_bytes();
        let n = b.len();
        if n > 5 && matches!(&b[n - 2..], b"em" | b"er" | b"nd") {
            word.truncate(n - 2);
        } else if matches!(b[n - 1], b'e' | b's' | b'n') {
            word.truncate(n - 1);
        } else {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        words(text, |w| out.push(w.to_string()));
        out
    }

    #[test]
    fn umlauts_and_sharp_s_fold_to_what_a_reader_types_without_them() {
        assert_eq!(all("Pjöngjang"), all("Pjongjang"));
        assert_eq!(all("Straße"), all("Strasse"));
        assert_eq!(all("Ærø Łódź"), vec!["aero", "lodz"]);
    }

    #[test]
    fn inflected_forms_share_their_stem_in_german_and_english() {
        assert_eq!(all("Russlands"), all("Russland"));
        assert_eq!(all("Ministers Minister"), vec!["minist", "minist"]);
        assert_eq!(all("Kindern"), all("Kinder"));
        assert_eq!(all("countries"), all("country"));
        assert_eq!(all("Merkels"), vec!["merkel"]);
    }

    #[test]
    fn single_letters_are_no_words_but_numbers_are() {
        assert_eq!(
            all("Russia's 5 G7 a-b 2024"),
            vec!["russia", "5", "g7", "2024"]
        );
    }

    #[test]
    fn words_of_other_scripts_are_lowercased_not_stemmed() {
        assert_eq!(all("Москва ΑΘΗΝΑ"), vec!["москва", "αθηνα"]);
    }

    #[test]
    fn words_with_characters_beyond_the_basic_plane_are_left_out() {
        assert_eq!(all("Berlin 𝐁𝐞𝐫𝐥𝐢𝐧 ｂｅｒｌｉｎ"), vec!["berli"]);
    }

    #[test]
    fn a_very_long_run_is_cut_on_a_character_boundary() {
        let long = "ä".repeat(50);
        let w = all(&long);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].chars().count(), MAX_WORD);
    }

    #[test]
    fn the_folding_table_maps_marked_letters_to_ascii_and_leaves_plain_ones_out() {
        let table = fold_table();
        let get = |c| table.iter().find(|(l, _)| *l == c).map(|(_, b)| b.as_str());
        assert_eq!(get('ö'), Some("o"));
        assert_eq!(get('ß'), Some("ss"));
        assert_eq!(get('ł'), Some("l"));
        assert_eq!(get('a'), None);
        assert!(table.iter().all(|(l, _)| l.is_lowercase()));
    }
}
