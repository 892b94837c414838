//! The header zone of a paste: what stands before the lead paragraph.
//!
//! A browser copy glues the parts of a page's head together when they were
//! separate elements: `Partei lockt und droht UnionDarum gibt die SPD …`
//! (kicker and headline without a space), `Zum Leitbild von t-online.Außenminister
//! …` (a sentence and the next element), `Außenminister Wadephul in Israel Zu
//! Besuch bei … Stand: 12.05.2025 01:51 Uhr` (kicker, headline and a date
//! line). [`split_glued`] cuts such a line where one element ends and the next
//! begins: a lowercase letter directly followed by an uppercase one, a period
//! directly followed by a capitalized word, a German function word written
//! with a capital inside a line (German capitalizes them only at the start of
//! a sentence or heading), and a trailing date line.
//!
//! [`place_dateline`] reads the place that opens a lead paragraph without an
//! agency (`Berlin. Der …`, `Berlin - Die …`, `MUNICH: Talks …`, `DOHA – Talks`,
//! `New Delhi, June 24: Mounting …`), so that it can be stripped.
//!
//! ```
//! use briefing::ingest::header::{split_glued, place_dateline};
//! assert_eq!(split_glued("Partei lockt UnionDarum gibt die SPD nicht nach", Some("de")),
//!            ["Partei lockt Union", "Darum gibt die SPD nicht nach"]);
//! let (place, len) = place_dateline("Berlin - Die Regierung hat beschlossen.").unwrap();
//! assert_eq!((place.as_str(), len), ("Berlin", 9));
//! ```

use std::sync::LazyLock;

use regex::Regex;

use super::dates::find_date;
use super::rules::rules;

/// Longest line that may be a glued head: kicker, headline and a date line.
const MAX_GLUED_LEN: usize = 300;

/// Fewest words of a headline after a kicker label.
const MIN_LABELLED_HEADLINE_WORDS: usize = 3;

/// A kicker label (`data/ingest.yaml`, `kicker_labels`) opening a line, with
/// a capitalized headline of three words or more after it: the label and
/// the headline.
fn kicker_label(line: &str) -> Option<(String, String)> {
    let (first, rest) = line.split_once(' ')?;
    let label = first.trim_end_matches([':', '|']);
    let rest = rest.trim_start_matches(['|', ':', ' ']);
    let capitalized = rest
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c == '„' || c == '"');
    (rules().is_kicker_label(label)
        && capitalized
        && rest.split_whitespace().count() >= MIN_LABELLED_HEADLINE_WORDS)
        .then(|| (label.to_string(), rest.to_string()))
}

/// Splits a line of the header zone into the elements glued into it.
pub fn split_glued(line: &str, lang: Option<&str>) -> Vec<String> {
    if line.len() > MAX_GLUED_LEN {
        return vec![line.to_string()];
    }
    let mut parts: Vec<String> = Vec::new();
    let mut rest = line.trim().to_string();
    // A kicker label before the headline: `Kommentar Die SPD …`.
    if let Some((label, headline)) = kicker_label(&rest) {
        let mut parts = vec![label];
        parts.extend(split_glued(&headline, lang));
        return parts;
    }
    // A kicker joined to its headline by a spaced colon: `Ein Herz für die
    // Kieler Polizei : Dringende Personenfahndung: …` (a site name after it
    // is the page title's: `… : The Tribune India`).
    if let Some((kicker, headline)) = rest.split_once(" : ") {
        let headline = headline.trim();
        let is_headline = headline.starts_with(char::is_uppercase)
            && headline.split_whitespace().count() >= MIN_LABELLED_HEADLINE_WORDS
            && rules().outlet(headline).is_none();
        if !kicker.trim().is_empty() && is_headline {
            let mut parts = split_glued(kicker, lang);
            parts.extend(split_glued(headline, lang));
            return parts;
        }
    }
    // A date line at the end: `… Stand: 12.05.2025 01:51 Uhr`.
    if let Some(cut) = trailing_date_line(&rest) {
        let tail = rest[cut..].trim().to_string();
        rest.truncate(cut);
        rest = rest.trim_end().to_string();
        let mut head = split_glued(&rest, lang);
        head.push(tail);
        return head;
    }
    let words: Vec<&str> = rest.split(' ').collect();
    let mut current: Vec<String> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        // `UnionDarum`, `t-online.Außenminister`: two elements in one word
        // (not a name written so: `WhatsApp`, `BlackRock`).
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        let named = rules().is_camel_name(bare);
        if let Some(at) = glued_at(word).filter(|_| !named) {
            let (left, right) = word.split_at(at);
            current.push(left.to_string());
            parts.push(current.join(" "));
            current = vec![right.to_string()];
            continue;
        }
        let opens = i > 0
            && lang == Some("de")
            && !current.is_empty()
            && is_capitalized_function_word(word)
            && !words[i - 1].ends_with([':', '.', '!', '?', '"', '“', '„', '–', '-']);
        if opens {
            parts.push(current.join(" "));
            current.clear();
        }
        current.push(word.to_string());
    }
    if !current.is_empty() {
        parts.push(current.join(" "));
    }
    parts.retain(|p| !p.trim().is_empty());
    parts
}

/// Where a date line glued to the end of `line` starts (`Stand: …`,
/// `Published …`), when the rest of the line is not a sentence.
fn trailing_date_line(line: &str) -> Option<usize> {
    let (_, range) = find_date(line)?;
    // Only a date near the end, after a label or at least some words.
    if line.len() - range.end > 30 || range.start < 10 {
        return None;
    }
    let r = rules();
    let before = &line[..range.start];
    let words: Vec<(usize, &str)> = before
        .char_indices()
        .filter(|&(i, c)| {
            !c.is_whitespace() && (i == 0 || before[..i].ends_with(char::is_whitespace))
        })
        .map(|(i, _)| (i, before[i..].split_whitespace().next().unwrap_or("")))
        .collect();
    // Back over the labels and weekdays just before the date.
    let mut cut = range.start;
    for &(at, word) in words.iter().rev() {
        let bare = word.trim_end_matches([':', ',', '.']).to_lowercase();
        if r.is_date_label(&bare) || r.is_weekday(&bare) || bare == "|" || bare == "-" {
            cut = at;
        } else {
            break;
        }
    }
    // A date after a comma goes on with the sentence (`… in Ottawa, on
    // Friday, March 24, 2023.`): a caption, not a date line glued to it.
    let continues = line[..cut].trim_end().ends_with(',');
    (cut > 0 && cut < range.start && !continues).then_some(cut)
}

/// Fewest letters of the word before a cut inside a word (`Union` of
/// `UnionDarum`).
const MIN_GLUED_WORD: usize = 4;

/// Where a word holds two elements: `UnionDarum` (at `D`), `online.Außen` (at `A`).
fn glued_at(word: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    for w in 2..chars.len().saturating_sub(1) {
        let (at, c) = chars[w];
        let prev = chars[w - 1].1;
        let before = chars[w - 2].1;
        let after = chars.get(w + 1).map_or(' ', |x| x.1);
        // lowercase-lowercase then Upper-lower: `onDarum`, not `McDonald` (one
        // lowercase letter before), `iPhone` or a short compound written
        // with an inner capital (`FinMin`, `DiePartei`): the element before
        // the cut is a word of its own.
        let camel = prev.is_lowercase()
            && before.is_lowercase()
            && c.is_uppercase()
            && after.is_lowercase()
            && chars[..w].iter().filter(|x| x.1.is_alphabetic()).count() >= MIN_GLUED_WORD;
        let stop = prev == '.'
            && before.is_lowercase()
            && c.is_uppercase()
            && after.is_lowercase()
            && !word[..at].contains("://");
        if camel || stop {
            return Some(at);
        }
    }
    None
}

fn is_capitalized_function_word(word: &str) -> bool {
    let mut chars = word.chars();
    if !chars.next().is_some_and(char::is_uppercase) || !chars.all(char::is_lowercase) {
        return false;
    }
    let lower = word.to_lowercase();
    rules()
        .stop_words
        .iter()
        .any(|(lang, words)| lang == "de" && words.contains(&lower))
}

static PLACE_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    // A place of one to six capitalized words (or slash-joined places), an
    // optional date after a comma, then a period, colon, dash, middle dot or
    // bar before the capitalized text.
    Regex::new(
        r"^((?:\p{Lu}[\p{L}'’.-]*)(?:[ /]+(?:\p{Lu}[\p{L}'’.-]*|am|an|der|upon|on|de|del|sur)){0,5})(,[^.:–—\n]{1,30})?\s*(?:\.|:|\s[-–—]{1,2}|\s[·|])\s+[\p{Lu}\d„“\x22«]",
    )
    .unwrap()
});

/// The place of a dateline opening a paragraph without an agency, and the
/// length of the dateline (place, date and mark, with the following space).
pub fn place_dateline(paragraph: &str) -> Option<(String, usize)> {
    let caps = PLACE_DATELINE.captures(paragraph)?;
    let place = caps[1].trim().trim_end_matches('.').to_string();
    let words: Vec<&str> = place.split([' ', '/']).filter(|w| !w.is_empty()).collect();
    let whole = caps.get(0)?;
    // The match ends with the first character of the text, which may be a
    // quote of several bytes ("„", "«").
    let text_start = whole.end() - paragraph[..whole.end()].chars().next_back()?.len_utf8();
    let mark = paragraph[..text_start].trim_end();
    let by_period = mark.ends_with('.') && caps.get(2).is_none();
    let shouted = place
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    // `Berlin. Der …` is a dateline, `Fest steht. Der …` no sentence at all;
    // a period mark takes a single place name (or places joined by slashes)
    // that is no function word.
    let lower = place.to_lowercase();
    let r = rules();
    const PARTICLES: [&str; 8] = ["am", "an", "der", "upon", "on", "de", "del", "sur"];
    let is_word = r.stop_words.iter().any(|(_, ws)| {
        words
            .iter()
            .any(|w| !PARTICLES.contains(w) && ws.contains(&w.to_lowercase()))
    });
    if is_word || lower.len() < 3 {
        return None;
    }
    if by_period && words.len() > 1 && !place.contains('/') && !shouted {
        return None;
    }
    // A colon after a lowercase word is a sentence ("Fest steht: …"); a
    // dateline is a proper name.
    let sentence_word =
        |w: &&str| w.chars().next().is_some_and(char::is_lowercase) && !PARTICLES.contains(w);
    if !shouted && words.iter().any(sentence_word) {
        return None;
    }
    let len = whole.end() - paragraph[..whole.end()].chars().next_back()?.len_utf8();
    Some((place, len))
}

/// A newsroom's name opening the lead in a dateline's stead: `Galway Bay fm
/// newsroom - The Minister …`, `Web Desk: …`.
static DESK_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:\p{Lu}[\p{L}.&'-]*\s+)(?:[\p{L}.&'-]+\s+){0,4}(\p{L}+))\s*(?:[-–—]{1,2}|:)\s+[\p{Lu}\d„“\x22«]")
        .unwrap()
});

/// The byte length of a newsroom's dateline opening `paragraph`
/// (`Galway Bay fm newsroom - `): its last word is a newsroom's noun.
pub fn desk_dateline(paragraph: &str) -> Option<usize> {
    let caps = DESK_DATELINE.captures(paragraph)?;
    if !rules().desk_words.contains(&caps[2].to_lowercase()) {
        return None;
    }
    let whole = caps.get(0)?;
    Some(whole.end() - paragraph[..whole.end()].chars().next_back()?.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newsroom_named_before_the_lead_is_its_dateline() {
        let lead = "Galway Bay fm newsroom - The Minister for Justice is to engage with Gardaí.";
        let len = desk_dateline(lead).expect("a newsroom's dateline");
        assert_eq!(
            &lead[len..],
            "The Minister for Justice is to engage with Gardaí."
        );
        let lead = "Die Redaktion – Wir berichten.";
        assert_eq!(
            desk_dateline(lead).map(|len| &lead[len..]),
            Some("Wir berichten.")
        );
        assert!(desk_dateline("The Minister for Justice - The text.").is_none());
    }

    #[test]
    fn a_short_word_with_an_inner_capital_is_not_cut() {
        assert_eq!(
            split_glued(
                "PM Koirala’s speech, FinMin’s theme address at donors’ conference",
                Some("en")
            ),
            ["PM Koirala’s speech, FinMin’s theme address at donors’ conference"]
        );
    }

    #[test]
    fn splits_a_kicker_glued_to_its_headline() {
        assert_eq!(
            split_glued(
                "Partei lockt und droht UnionDarum gibt die SPD im Rentenstreit nicht nach",
                Some("de")
            ),
            [
                "Partei lockt und droht Union",
                "Darum gibt die SPD im Rentenstreit nicht nach"
            ]
        );
        assert_eq!(
            split_glued("McDonald's und das iPhone", Some("de")),
            ["McDonald's und das iPhone"]
        );
    }

    #[test]
    fn splits_at_a_capitalized_german_function_word_and_a_trailing_date_line() {
        assert_eq!(
            split_glued(
                "Außenminister Wadephul in Israel Zu Besuch bei sehr komplizierten Freunden Stand: 12.05.2025 01:51 Uhr",
                Some("de")
            ),
            [
                "Außenminister Wadephul in Israel",
                "Zu Besuch bei sehr komplizierten Freunden",
                "Stand: 12.05.2025 01:51 Uhr"
            ]
        );
        // English headlines capitalize every word: no split.
        assert_eq!(
            split_glued("Trump Says The Talks Will Go On", Some("en")),
            ["Trump Says The Talks Will Go On"]
        );
    }

    #[test]
    fn a_kicker_label_is_cut_from_the_headline_it_opens() {
        assert_eq!(
            split_glued("Kommentar Die SPD verliert ihre Mitte", Some("de")),
            ["Kommentar", "Die SPD verliert ihre Mitte"]
        );
        assert_eq!(
            split_glued("Analyse: Warum Merz jetzt zögert", Some("de")),
            ["Analyse", "Warum Merz jetzt zögert"]
        );
        assert_eq!(
            split_glued("Analyse der Wahl in Sachsen", Some("de")),
            ["Analyse der Wahl in Sachsen"]
        );
    }

    #[test]
    fn a_spaced_colon_joins_a_kicker_to_its_headline() {
        assert_eq!(
            split_glued(
                "Ein Herz für die Kieler Polizei : Dringende Personenfahndung: Unbekannter behängt Streifenwagen",
                Some("de")
            ),
            [
                "Ein Herz für die Kieler Polizei",
                "Dringende Personenfahndung: Unbekannter behängt Streifenwagen"
            ]
        );
        assert_eq!(
            split_glued("Modi attacks Opposition : The Tribune India", Some("en")).len(),
            1
        );
    }

    #[test]
    fn splits_a_sentence_glued_to_the_next_element() {
        assert_eq!(
            split_glued(
                "Zum Leitbild von t-online.Außenminister Wadephul",
                Some("de")
            ),
            ["Zum Leitbild von t-online.", "Außenminister Wadephul"]
        );
        assert_eq!(
            split_glued("Mehr auf zdf.de und https://x.de/A", Some("de")).len(),
            1
        );
    }

    #[test]
    fn reads_place_datelines_in_their_common_forms() {
        for (text, place) in [
            ("Berlin. Der Rentenvorstoß belastet das Bündnis.", "Berlin"),
            ("Berlin - Die Bundesregierung hält fest.", "Berlin"),
            ("Berlin: Gut eine Woche nach dem Start", "Berlin"),
            ("MUNICH: Talks between Israel and Hamas", "MUNICH"),
            ("DOHA – Talks to agree a ceasefire", "DOHA"),
            ("KUALA LUMPUR: The Pakatan Harapan council", "KUALA LUMPUR"),
            ("Frankfurt am Main - Der Preis geht an", "Frankfurt am Main"),
            (
                "Berlin/Paris/ Warschau - Die Minister",
                "Berlin/Paris/ Warschau",
            ),
            ("New Delhi, June 24: Mounting an attack", "New Delhi"),
            ("Mönchengladbach · Ein Streifenwagen", "Mönchengladbach"),
            ("Kiel | Ein Facebook-Post", "Kiel"),
            (
                "Bad Vigaun/St. Koloman/Kuchl/Hallein. Die ganze Woche",
                "Bad Vigaun/St. Koloman/Kuchl/Hallein",
            ),
        ] {
            let (got, len) = place_dateline(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(got, place, "{text}");
            assert!(
                text[len..].starts_with(char::is_uppercase),
                "{text}: {:?}",
                &text[len..]
            );
        }
    }

    #[test]
    fn a_dateline_before_an_opening_quote_of_several_bytes_is_read_whole() {
        // Found by the fuzzing loop: the quote's bytes were cut in two (a
        // panic before).
        let (place, _) = place_dateline("Kiew: „Wir halten durch“, sagte er.").unwrap();
        assert_eq!(place, "Kiew");
        let _ = place_dateline("Staaten am Zug. «Jetzt ist es so.»");
        let _ = place_dateline("Politiker. „Offenbar ist er dort unbekannt.“");
    }

    #[test]
    fn does_not_take_sentences_for_datelines() {
        for text in [
            "Fest steht: Die Koalition hält.",
            "Die Regierung - so heißt es - bleibt.",
            "Er sagte: Das ist gut.",
            "Angela Merkel. Die frühere Kanzlerin schwieg.",
            "Zur Situation im Gazastreifen sagte Wadephul, die Lage sei schlimm.",
        ] {
            assert!(place_dateline(text).is_none(), "{text}");
        }
    }
}
