//! Headlines and derived titles.
//!
//! A headline is a short line without final punctuation; a paste without one gets
//! a title cut from its first sentence on a word boundary, marked
//! `title_derived: true` in front matter.
//!
//! ```
//! use briefing::ingest::title::{derive_title, first_sentence, is_headline_like};
//! assert!(is_headline_like("Blinken warnt vor \"gefährlicher\" Militärzusammenarbeit"));
//! assert!(!is_headline_like("Blinken warnte am Montag."));
//! assert_eq!(first_sentence("Am 24. Jan. traf Dr. Park ein. Dann ging es weiter."), "Am 24. Jan. traf Dr. Park ein.");
//! assert_eq!(derive_title("Kurz gesagt: alles gut. Mehr nicht."), "Kurz gesagt: alles gut");
//! ```

use super::rules::rules;

/// Longest line taken as a headline; longer lines are paragraphs even without a
/// final period.
pub const MAX_HEADLINE_LEN: usize = 200;

/// Longest derived title: about the length of a real headline.
pub const MAX_DERIVED_TITLE_LEN: usize = 90;

const CLOSING: &[char] = &['"', '\'', '“', '”', '«', '»', '‘', '’', '“', ')'];

/// Whether the line ends with sentence punctuation, looking through closing quotes.
pub fn ends_with_punctuation(line: &str) -> bool {
    line.trim_end()
        .trim_end_matches(CLOSING)
        .ends_with(['.', '!', '?', ':', ';', ',', '…'])
}

/// Longest headline that ends with a question or exclamation mark, in words
/// ("Wer kommt in die Regierung?", "Was hat sich in den neun Gemeinden der
/// DG in diesem ersten Jahr der Legislaturperiode 2018-2024 getan?"); a
/// longer one is a sentence.
const MAX_ASKING_HEADLINE_WORDS: usize = 18;

/// A short line without final punctuation, or a short question.
pub fn is_headline_like(line: &str) -> bool {
    let line = line.trim();
    let bare = line.trim_end_matches(CLOSING);
    let asks = (bare.ends_with('?') || bare.ends_with('!'))
        && !bare.ends_with("?!")
        && line.split_whitespace().count() <= MAX_ASKING_HEADLINE_WORDS
        && line.split_whitespace().count() >= 3;
    !line.is_empty()
        && !is_list_item(line)
        && line.len() <= MAX_HEADLINE_LEN
        && (!ends_with_punctuation(line) || asks)
        && line.chars().any(char::is_alphabetic)
}

/// A list item (`- AfD schafft es in alle drei Landtage`, `• …`): a line of
/// a summary box or a list of links, never a headline.
pub fn is_list_item(line: &str) -> bool {
    let mut chars = line.trim_start().chars();
    matches!(chars.next(), Some('-' | '•' | '*' | '–' | '▪'))
        && chars.next().is_some_and(char::is_whitespace)
}

/// What stands between a page title's headline and the site's name.
const SITE_NAME_SEPARATORS: [&str; 5] = [" : ", " | ", " - ", " – ", " — "];

/// Whether `text` opens as a headline or a sentence does: with a capital or
/// an opening quote.
pub fn opens_capitalized(text: &str) -> bool {
    text.starts_with(|c: char| c.is_uppercase() || c == '"' || c == '„' || c == '“')
}

/// A headline without the site's name that a page title ends with (`PM Modi:
/// … debacle : The Tribune India`, `… | tagesschau.de`), when the rules know
/// the name as an outlet's.
pub fn without_site_name(title: &str) -> &str {
    for sep in SITE_NAME_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if !head.trim().is_empty() && rules().outlet(tail.trim()).is_some() {
                return head.trim_end();
            }
        }
    }
    title
}

/// Fewest words of a headline left after a badge cut from it.
const MIN_WORDS_AFTER_BADGE: usize = 3;

/// A headline without a badge naming its medium (`Video: Polizeiauto und
/// Bundeswehrfahrzeug kollidieren`), and without punctuation left before it
/// when a kicker was lost in the copy (`: Gegen Polizeiwagen gerast`).
pub fn without_badge(title: &str) -> &str {
    let title = title.trim_start_matches([':', '|', '–', '—', '-', '·', '•', ' ']);
    let Some((badge, rest)) = title.split_once(':') else {
        return title;
    };
    let rest = rest.trim_start();
    let headline =
        opens_capitalized(rest) && rest.split_whitespace().count() >= MIN_WORDS_AFTER_BADGE;
    if headline && rules().is_media_badge(badge.trim()) {
        rest
    } else {
        title
    }
}

/// Fewest letters of a site's name in its domain for the name to be
/// recognized in a page title's tail.
const MIN_DOMAIN_NAME_LEN: usize = 4;

/// A headline without the site's name that a page title ends with, when the
/// name holds the page's domain (`… weiterfahren – Radio Tonkuhle
/// Hildesheim` on `tonkuhle.de`), or begins with it.
pub fn without_site_of<'a>(title: &'a str, site: &str) -> &'a str {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let name = squash(site.split('.').next().unwrap_or(""));
    if name.chars().count() < MIN_DOMAIN_NAME_LEN {
        return title;
    }
    // A site's name is the domain's name, or a few capitalized words
    // holding it; a word of the headline (`Bild-Chef geht`) is neither.
    let names_site = |part: &str| {
        let words: Vec<&str> = part.split_whitespace().collect();
        let squashed = squash(part);
        squashed == name
            || (words.len() >= 2
                && words.len() <= MAX_SITE_NAME_WORDS
                && words.iter().all(|w| w.starts_with(char::is_uppercase))
                && squashed.contains(&name))
    };
    for sep in SITE_NAME_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if !head.trim().is_empty() && names_site(tail.trim()) {
                return head.trim_end();
            }
        }
        // Or before it: `Deutsche Tageszeitung - Zusammenstöße …`.
        if let Some((head, tail)) = title.split_once(sep) {
            if names_site(head.trim()) && !tail.trim().is_empty() {
                return tail.trim_start();
            }
        }
    }
    title
}

/// Most words of a site's name before a headline.
const MAX_SITE_NAME_WORDS: usize = 4;

/// A headline without the version tag a wire service puts before it
/// (`(LEAD) …`, `(2nd LD) …`, `(URGENT) …`): a bracketed word of capitals,
/// or an ordinal and `LD`, with the capitalized headline after it.
pub fn without_wire_tag(title: &str) -> &str {
    let Some(rest) = title.strip_prefix('(') else {
        return title;
    };
    let Some((tag, after)) = rest.split_once(") ") else {
        return title;
    };
    let words: Vec<&str> = tag.split_whitespace().collect();
    let capitals = |w: &str| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase());
    let ordinal = |w: &str| {
        w.len() >= 3
            && w.starts_with(|c: char| c.is_ascii_digit())
            && ["st", "nd", "rd", "th"].iter().any(|s| w.ends_with(s))
    };
    let is_tag = match words.as_slice() {
        [w] => capitals(w),
        [n, w] => ordinal(n) && capitals(w),
        _ => false,
    };
    if is_tag && after.starts_with(char::is_uppercase) {
        after.trim_start()
    } else {
        title
    }
}

/// Fewest lowercase letters after a drop cap glued to a headline's word.
const MIN_LOWERCASE_AFTER_DROP_CAP: usize = 3;

/// A headline without a single capital glued before its first word by a
/// drop cap or a logo letter (`TLandgericht Stade: …`): one capital before
/// a capitalized word, which no abbreviation gives (`CDUler` has three
/// capitals, `ZDFheute` no lowercase after the second).
pub fn without_drop_cap(title: &str) -> &str {
    let mut chars = title.char_indices();
    let (Some((_, a)), Some((at, b))) = (chars.next(), chars.next()) else {
        return title;
    };
    let lowercase = title[at + b.len_utf8()..]
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>();
    let glued = a.is_uppercase()
        && b.is_uppercase()
        && lowercase.len() >= MIN_LOWERCASE_AFTER_DROP_CAP
        && lowercase.iter().all(|c| c.is_lowercase());
    if glued {
        &title[at..]
    } else {
        title
    }
}

/// The first sentence of `text`: up to the first `.`, `!` or `?` that ends a
/// sentence (not an abbreviation, an initial or an ordinal number).
pub fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    let r = rules();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        // Include closing quotes that follow the punctuation.
        let mut end = i + 1;
        while end < chars.len() && CLOSING.contains(&chars[end].1) {
            end += 1;
        }
        let Some(&(_, next)) = chars.get(end) else {
            return text;
        };
        if !next.is_whitespace() {
            continue;
        }
        let after = chars[end..]
            .iter()
            .map(|&(_, c)| c)
            .find(|c| !c.is_whitespace());
        if !after.is_some_and(|c| c.is_uppercase() || c.is_numeric() || "\"„“»«'‘(".contains(c))
        {
            continue;
        }
        if c == '.' {
            // After the space, which may be of several bytes (a no-break space).
            let word_start = text[..at]
                .rfind(|ch: char| ch.is_whitespace() || ch == '(')
                .map_or(0, |p| {
                    p + text[p..].chars().next().map_or(1, char::len_utf8)
                });
            let word = &text[word_start..at];
            let is_ordinal =
                !word.is_empty() && word.len() <= 2 && word.chars().all(|ch| ch.is_ascii_digit());
            let is_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            if is_ordinal
                || is_initial
                || r.is_abbreviation(word)
                || is_month_before_day(word, after)
            {
                continue;
            }
        }
        let cut = chars.get(end).map_or(text.len(), |&(p, _)| p);
        return &text[..cut];
    }
    text
}

/// "Feb. 12": a month abbreviation followed by a day does not end a sentence.
fn is_month_before_day(word: &str, after: Option<char>) -> bool {
    word.len() <= 4 && rules().month(word).is_some() && after.is_some_and(|c| c.is_ascii_digit())
}

/// A title from the first sentence of `text`, cut on a word boundary.
pub fn derive_title(text: &str) -> String {
    let sentence = first_sentence(text)
        .trim()
        .trim_end_matches(['.', '!', '?', ':', ';', ','])
        .trim_end();
    if sentence.len() <= MAX_DERIVED_TITLE_LEN {
        return sentence.to_string();
    }
    let mut cut = MAX_DERIVED_TITLE_LEN;
    while !sentence.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &sentence[..cut];
    let head = match head.rfind(' ') {
        Some(space) if space > MAX_DERIVED_TITLE_LEN / 2 => &head[..space],
        _ => head,
    };
    format!("{}…", head.trim_end_matches([',', ';', ':', '-', '–', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capital_glued_before_a_headline_word_is_a_drop_cap() {
        assert_eq!(
            without_drop_cap("TLandgericht Stade: Der längste Prozess"),
            "Landgericht Stade: Der längste Prozess"
        );
        assert_eq!(without_drop_cap("CDUler streiten"), "CDUler streiten");
        assert_eq!(without_drop_cap("ZDFheute berichtet"), "ZDFheute berichtet");
        assert_eq!(without_drop_cap("OK, los geht's"), "OK, los geht's");
        assert_eq!(without_drop_cap("Über alles"), "Über alles");
    }

    #[test]
    fn a_wire_version_tag_is_no_part_of_the_headline() {
        assert_eq!(
            without_wire_tag("(LEAD) Gov't official goes missing"),
            "Gov't official goes missing"
        );
        assert_eq!(
            without_wire_tag("(2nd LD) BTS again ranks No. 2"),
            "BTS again ranks No. 2"
        );
        assert_eq!(
            without_wire_tag("(Updated) Talks go on"),
            "(Updated) Talks go on"
        );
    }

    #[test]
    fn a_page_title_loses_the_sites_name() {
        assert_eq!(
            without_site_name("PM Modi: Opposition disrupting Parliament : The Tribune India"),
            "PM Modi: Opposition disrupting Parliament"
        );
        assert_eq!(
            without_site_name("Merz im Bundestag - Die Opposition kritisiert"),
            "Merz im Bundestag - Die Opposition kritisiert"
        );
    }

    #[test]
    fn a_list_item_is_no_headline() {
        assert!(!is_headline_like("- AfD schafft es in alle drei Landtage"));
        assert!(!is_headline_like(
            "• PM Modi: Opposition disrupting Parliament"
        ));
        assert!(is_headline_like("AfD schafft es in alle drei Landtage"));
        assert!(is_headline_like("-30 Grad in Sibirien"));
    }

    #[test]
    fn headline_may_end_in_a_closing_quote_but_not_a_period() {
        assert!(is_headline_like(
            "Scholz: „Wir stehen an der Seite der Ukraine“"
        ));
        assert!(!is_headline_like("Er sagte: „Wir bleiben.“"));
        assert!(!is_headline_like(&"Wort ".repeat(60)));
    }

    #[test]
    fn derives_a_title_cut_on_a_word_boundary() {
        let text = "Bei seinem vermutlich letzten Asienbesuch als US-Außenminister hat sich Antony Blinken besorgt über die militärischen Aktivitäten Nordkoreas geäußert. Zweiter Satz.";
        let title = derive_title(text);
        assert!(title.ends_with('…'), "{title}");
        assert!(title.len() <= MAX_DERIVED_TITLE_LEN + '…'.len_utf8());
        assert!(text.starts_with(title.trim_end_matches('…')));
        assert!(!title.trim_end_matches('…').ends_with(' '));
    }

    #[test]
    fn a_no_break_space_before_the_last_word_is_stepped_over_whole() {
        // Found by the fuzzing loop (a panic before): the word before the
        // stop follows a no-break space of two bytes.
        assert_eq!(
            first_sentence("Er kam\u{a0}heute. Dann ging er."),
            "Er kam\u{a0}heute."
        );
    }

    #[test]
    fn sentences_do_not_end_at_abbreviations_or_ordinals() {
        assert_eq!(
            first_sentence("Die U.S. Army kam am 3. Mai. Danach nicht."),
            "Die U.S. Army kam am 3. Mai."
        );
        assert_eq!(first_sentence("„Wir gehen.“ Sagte er."), "„Wir gehen.“");
    }

    #[test]
    fn a_badge_naming_the_medium_is_no_part_of_the_headline() {
        assert_eq!(
            without_badge("Video: Polizeiauto und Bundeswehrfahrzeug kollidieren auf der B300"),
            "Polizeiauto und Bundeswehrfahrzeug kollidieren auf der B300"
        );
        assert_eq!(
            without_badge(": Gegen Polizeiwagen gerast"),
            "Gegen Polizeiwagen gerast"
        );
        assert_eq!(
            without_badge("• Sask. man dies in a collision"),
            "Sask. man dies in a collision"
        );
        // A headline whose first word is no badge keeps it.
        assert_eq!(
            without_badge("Anklage: Mordversuch am Bahnhof"),
            "Anklage: Mordversuch am Bahnhof"
        );
        assert_eq!(without_badge("Video: Kurz"), "Video: Kurz");
    }

    #[test]
    fn a_site_name_holding_the_domain_is_cut_from_either_end_of_the_title() {
        assert_eq!(
            without_site_of(
                "Weil will vorsichtige Linie – Radio Tonkuhle Hildesheim",
                "tonkuhle.de"
            ),
            "Weil will vorsichtige Linie"
        );
        assert_eq!(
            without_site_of(
                "Deutsche Tageszeitung - Zusammenstöße in Algier",
                "deutschetageszeitung.de"
            ),
            "Zusammenstöße in Algier"
        );
        assert_eq!(
            without_site_of("Berlin - Die Stadt baut", "tonkuhle.de"),
            "Berlin - Die Stadt baut"
        );
        // A name too short to tell is left alone, and so is a word of the
        // headline that holds the name.
        assert_eq!(
            without_site_of("Ein Titel - WZ heute", "wz.de"),
            "Ein Titel - WZ heute"
        );
        assert_eq!(
            without_site_of("Rücktritt - Bild-Chef geht", "Bild"),
            "Rücktritt - Bild-Chef geht"
        );
        assert_eq!(
            without_site_of(
                "Tonkuhle-Moderator - Abschied nach 20 Jahren",
                "tonkuhle.de"
            ),
            "Tonkuhle-Moderator - Abschied nach 20 Jahren"
        );
    }
}
