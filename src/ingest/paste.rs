//! Plain-text pastes → a draft article: front matter fields and a clean body.
//!
//! Input is text copied out of a browser. The rules, in order:
//!
//! 1. A header line ` date 2025-01 Von Euronews mit AP` gives date, outlet and
//!    agencies; when the date is followed by a sentence, the sentence is text.
//! 2. Noise lines are dropped ([`super::noise`]); author boxes with their block;
//!    date lines give the date; bylines in the head give authors.
//! 3. A caption with its credit (`… gewarnt. (JUNG YEON-JE)`) or followed by a
//!    credit line goes to `caption`/`credit`; a paragraph printed two or three
//!    times in a row is a caption too; any later copy of a paragraph is dropped.
//! 4. The headline is the short line without final punctuation that opens the
//!    article (after a one-to-four-word kicker); without one the title is derived
//!    from the first sentence.
//! 5. A dateline (`Warschau (dpa) -`) gives agencies; desk signatures and agency
//!    notes at the end are removed, their agencies kept; short unpunctuated lines
//!    left at the very end (links to other articles) are dropped.
//! 6. A short line without final punctuation between paragraphs becomes a `##`
//!    subheading. Quotation marks and paragraphs stay as written.
//!
//! ```
//! let draft = briefing::ingest::paste::parse("Werbung\n\nTitel der Meldung\n\nErster Satz des Textes. Und mehr.\n\nlt/ans").unwrap();
//! assert_eq!(draft.meta.title, "Titel der Meldung");
//! assert_eq!(draft.body, "Erster Satz des Textes. Und mehr.");
//! ```

use std::collections::HashMap;

use super::credits::{
    byline, dated_credit, dateline, header_credit, is_person_name, signature, Credits,
};
use super::dates::{date_line, header_line};
use super::noise::{credit_only, is_noise, opens_author_box, split_credit};
use super::title::{derive_title, ends_with_punctuation, is_headline_like};
use super::{lang, Draft};
use crate::content::{ArticleMeta, PartialDate};

/// Longest line turned into a `##` subheading: a heading is a few words.
const MAX_SUBHEADING_LEN: usize = 100;

/// Longest kicker ("Dachzeile") above a headline, in words.
const MAX_KICKER_WORDS: usize = 4;

/// One line of the paste with the block (run of lines between blank lines) it is in.
#[derive(Debug, Clone)]
struct Unit {
    text: String,
    block: usize,
}

/// Cleans up whitespace: line endings, no-break and zero-width spaces, soft
/// hyphens, runs of spaces. Quotation marks and dashes are kept as written.
pub fn normalize(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut previous_space = false;
        for c in line.trim().chars() {
            match c {
                '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => {}
                c if c.is_whitespace() => {
                    if !previous_space {
                        out.push(' ');
                    }
                    previous_space = true;
                }
                c => {
                    out.push(c);
                    previous_space = false;
                }
            }
        }
        out.push('\n');
    }
    out
}

fn units(text: &str) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut block = 0;
    for line in text.lines() {
        if line.is_empty() {
            block += 1;
        } else {
            units.push(Unit {
                text: line.to_string(),
                block,
            });
        }
    }
    join_hard_wrapped(units)
}

/// Joins lines of a block that was wrapped at a fixed width (mail, old editors):
/// every line but the last is 50–90 characters and most end without punctuation.
fn join_hard_wrapped(units: Vec<Unit>) -> Vec<Unit> {
    let mut blocks: Vec<Vec<Unit>> = Vec::new();
    for u in units {
        match blocks.last_mut() {
            Some(b) if b[0].block == u.block => b.push(u),
            _ => blocks.push(vec![u]),
        }
    }
    let mut out = Vec::new();
    for block in blocks {
        let wrapped = block.len() >= 3 && {
            let body = &block[..block.len() - 1];
            let widths_fit = body
                .iter()
                .all(|u| (50..=90).contains(&u.text.chars().count()));
            let open = body
                .iter()
                .filter(|u| !ends_with_punctuation(&u.text))
                .count();
            widths_fit && open * 2 > body.len()
        };
        if wrapped {
            let text = block
                .iter()
                .map(|u| u.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            out.push(Unit {
                text,
                block: block[0].block,
            });
        } else {
            out.extend(block);
        }
    }
    out
}

/// What survives cleaning, before headings are decided.
#[derive(Debug, Default)]
struct Cleaned {
    items: Vec<String>,
    date: Option<PartialDate>,
    credits: Credits,
    caption: Option<String>,
    credit: Option<String>,
}

fn dedup_key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether the body of the article has begun: a paragraph with a sentence in it.
fn is_body_paragraph(text: &str) -> bool {
    ends_with_punctuation(text) && text.split_whitespace().count() >= 8
}

fn clean(units: &[Unit]) -> Cleaned {
    let mut out = Cleaned::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut skip_block: Option<usize> = None;
    let mut body_started = false;
    for (i, unit) in units.iter().enumerate() {
        let text = unit.text.as_str();
        if skip_block == Some(unit.block) || is_noise(text) {
            continue;
        }
        if opens_author_box(text) {
            skip_block = Some(unit.block);
            continue;
        }
        if let Some(date) = date_line(text) {
            out.date.get_or_insert(date);
            continue;
        }
        if let Some((date, credits)) = dated_credit(text) {
            out.date.get_or_insert(date);
            out.credits.merge(credits);
            continue;
        }
        if let Some(credits) = signature(text).filter(|_| body_started) {
            out.credits.merge(credits);
            continue;
        }
        if let Some((caption, credit)) = split_credit(text) {
            if out.caption.is_none() {
                out.caption = Some(caption.clone());
                out.credit = Some(credit);
            }
            seen.insert(dedup_key(&caption), usize::MAX);
            continue;
        }
        if let Some(credit) = credit_only(text) {
            let previous_is_caption = out.items.len() >= 2 && !body_started;
            if out.caption.is_none() && previous_is_caption {
                out.caption = out.items.pop();
            }
            out.credit.get_or_insert(credit);
            continue;
        }
        let key = dedup_key(text);
        if let Some(&first) = seen.get(&key) {
            // Printed again right after itself: a photo caption shown twice.
            if first != usize::MAX
                && first + 1 == out.items.len()
                && out.caption.is_none()
                && !body_started
            {
                out.caption = out.items.pop();
            }
            continue;
        }
        if !body_started && !is_body_paragraph(text) && i + 1 < units.len() {
            if let Some(credits) = byline(text) {
                out.credits.merge(credits);
                continue;
            }
        }
        body_started |= is_body_paragraph(text);
        seen.insert(key, out.items.len());
        out.items.push(text.to_string());
    }
    out
}

/// Removes desk signatures and leftover link lines from the end.
fn strip_tail(items: &mut Vec<String>, credits: &mut Credits) {
    while let Some(last) = items.last() {
        if let Some(c) = signature(last) {
            credits.merge(c);
        } else if let Some(c) = byline(last).filter(|_| items.len() > 1) {
            credits.merge(c);
        } else if is_headline_like(last)
            && items.len() > 1
            && !items.iter().all(|i| is_headline_like(i))
        {
            // A short line with nothing after it is a link to another article.
        } else {
            break;
        }
        items.pop();
    }
}

/// Parses a plain-text paste.
pub fn parse(text: &str) -> Option<Draft> {
    let normalized = normalize(text);
    let mut units = units(&normalized);
    let mut meta = ArticleMeta::default();
    let mut credits = Credits::default();
    if let Some(header) = units.first().and_then(|u| header_line(&u.text)) {
        meta.date = Some(header.date);
        match header_credit(&header.rest) {
            Some(c) => {
                credits.merge(c);
                units.remove(0);
            }
            None if header.rest.is_empty() => {
                units.remove(0);
            }
            None => units[0].text = header.rest,
        }
    }
    let mut cleaned = clean(&units);
    credits.merge(std::mem::take(&mut cleaned.credits));
    strip_tail(&mut cleaned.items, &mut credits);
    let mut items = cleaned.items;
    if items.is_empty() {
        return None;
    }

    // Headline, after an optional kicker.
    let headline_at = match items.as_slice() {
        [kicker, headline, next, ..]
            if is_headline_like(kicker)
                && kicker.split_whitespace().count() <= MAX_KICKER_WORDS
                && is_headline_like(headline)
                && headline.len() > kicker.len()
                && (!is_headline_like(next)
                    || next.split_whitespace().count() > MAX_KICKER_WORDS) =>
        {
            Some(1)
        }
        [headline, _, ..] if is_headline_like(headline) => Some(0),
        _ => None,
    };
    let title = headline_at.map(|at| {
        let title = items[at].clone();
        items.drain(..=at);
        title
    });

    // Short lines between the headline and the text: kickers, bare author names.
    while items.len() > 1
        && is_headline_like(&items[0])
        && items[0].split_whitespace().count() <= MAX_KICKER_WORDS
    {
        if is_person_name(&items[0]) {
            credits.merge(Credits {
                authors: vec![items[0].clone()],
                ..Credits::default()
            });
        }
        items.remove(0);
    }

    let first_text = items.iter().position(|i| !is_headline_like(i)).unwrap_or(0);
    let mut lead = items[first_text].as_str();
    if let Some((c, len)) = dateline(lead) {
        credits.merge(c);
        lead = &lead[len..];
    }
    meta.title_derived = title.is_none();
    meta.title = title.unwrap_or_else(|| derive_title(lead));

    let last = items.len() - 1;
    let body: Vec<String> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let heading =
                i > 0 && i < last && is_headline_like(item) && item.len() <= MAX_SUBHEADING_LEN;
            if heading {
                format!("## {item}")
            } else {
                item.clone()
            }
        })
        .collect();
    let body = body.join("\n\n");

    meta.date = meta.date.or(cleaned.date);
    meta.source = credits.source;
    meta.agencies = credits.agencies;
    meta.authors = credits.authors;
    meta.lang = lang::detect(&body).map(str::to_string);
    meta.caption = cleaned.caption;
    meta.credit = cleaned.credit;
    Some(Draft { meta, body })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Draft {
        parse(text).expect("an article")
    }

    const SENTENCE: &str =
        "Die Regierung hat am Montag in Berlin neue Regeln für den Handel beschlossen.";

    #[test]
    fn drops_advertising_label() {
        let d = p(&format!(
            "Werbung\n\nÜberschrift der Meldung\n\n{SENTENCE}\n\nAnzeige\n\n{SENTENCE} Zwei."
        ));
        assert!(
            !d.body.contains("Werbung") && !d.body.contains("Anzeige"),
            "{}",
            d.body
        );
    }

    #[test]
    fn reads_date_outlet_and_agencies_from_the_header_line() {
        let d = p(&format!(" date 2025-01 Von Euronews mit AP\n\n{SENTENCE}"));
        assert_eq!(d.meta.date.unwrap().to_string(), "2025-01");
        assert_eq!(d.meta.source.as_deref(), Some("Euronews"));
        assert_eq!(d.meta.agencies, ["AP"]);
        assert_eq!(d.body, SENTENCE);
    }

    #[test]
    fn keeps_the_sentence_that_follows_the_header_date() {
        let d = p(&format!(" date 2025-01-26 {SENTENCE}"));
        assert_eq!(d.meta.date.unwrap().to_string(), "2025-01-26");
        assert_eq!(d.body, SENTENCE);
        assert!(d.meta.title_derived);
    }

    #[test]
    fn derives_the_title_when_there_is_no_headline() {
        let d = p(SENTENCE);
        assert!(d.meta.title_derived);
        assert_eq!(d.meta.title, SENTENCE.trim_end_matches('.'));
    }

    #[test]
    fn takes_the_headline_after_a_kicker() {
        let d = p(&format!(
            "Handel\n\nBerlin beschließt neue Regeln für Importe\n\n{SENTENCE}"
        ));
        assert_eq!(d.meta.title, "Berlin beschließt neue Regeln für Importe");
        assert_eq!(d.body, SENTENCE);
    }

    #[test]
    fn moves_repeated_caption_to_front_matter() {
        let caption = "Der Minister in Seoul. (JUNG YEON-JE)";
        let d = p(&format!("Titel\n\n{caption}\n{caption}\n\n{SENTENCE}"));
        assert_eq!(d.meta.caption.as_deref(), Some("Der Minister in Seoul."));
        assert_eq!(d.meta.credit.as_deref(), Some("JUNG YEON-JE"));
        assert_eq!(d.body, SENTENCE);
    }

    #[test]
    fn moves_a_caption_before_its_credit_line() {
        let d = p(&format!("Titel der Meldung\n\nDer Minister in Seoul\n\nCopyright Ahn Young-joon/AP\n\n{SENTENCE}"));
        assert_eq!(d.meta.caption.as_deref(), Some("Der Minister in Seoul"));
        assert_eq!(d.meta.credit.as_deref(), Some("Ahn Young-joon/AP"));
        assert_eq!(d.body, SENTENCE);
    }

    #[test]
    fn keeps_a_paragraph_printed_twice_once() {
        let other = "Ein zweiter Absatz mit genug Wörtern, damit er als Text gilt und bleibt.";
        let d = p(&format!(
            "Titel der Meldung\n\n{SENTENCE}\n\n{other}\n\n{SENTENCE}"
        ));
        assert_eq!(d.body.matches(SENTENCE).count(), 1);
    }

    #[test]
    fn removes_desk_signature_and_keeps_its_agencies() {
        let d = p(&format!(
            "Titel der Meldung\n\n{SENTENCE}\n\nuh/qu (dpa, rtr)"
        ));
        assert_eq!(d.body, SENTENCE);
        assert_eq!(d.meta.agencies, ["dpa", "Reuters"]);
    }

    #[test]
    fn reads_agencies_from_a_dateline_and_keeps_the_text() {
        let d = p(&format!("Titel der Meldung\n\nWarschau (dpa) - {SENTENCE}"));
        assert_eq!(d.meta.agencies, ["dpa"]);
        assert!(d.body.starts_with("Warschau (dpa) - Die Regierung"));
    }

    #[test]
    fn turns_a_short_mid_text_line_into_a_subheading() {
        let d = p(&format!(
            "Titel der Meldung\n\n{SENTENCE}\n\nKritik aus der Opposition\n\n{SENTENCE} Zwei."
        ));
        assert!(
            d.body.contains("\n\n## Kritik aus der Opposition\n\n"),
            "{}",
            d.body
        );
    }

    #[test]
    fn reads_authors_from_a_byline_and_the_date_from_a_date_line() {
        let d = p(&format!("Titel der Meldung\n\nVon Anna Muster, Warschau\n\nStand: 24.01.2025, 10:12 Uhr\n\n{SENTENCE}"));
        assert_eq!(d.meta.authors, ["Anna Muster"]);
        assert_eq!(d.meta.date.unwrap().to_string(), "2025-01-24");
        assert_eq!(d.body, SENTENCE);
    }

    #[test]
    fn drops_an_author_box() {
        let d = p(&format!("Titel der Meldung\n\n{SENTENCE}\n\nÜber den Autor\nAnna Muster ist Redakteurin im Politikressort.\n\n{SENTENCE} Zwei."));
        assert!(!d.body.contains("Redakteurin"), "{}", d.body);
    }

    #[test]
    fn keeps_quotation_marks_as_written() {
        let d = p("Titel der Meldung\n\nEr sagte: „Wir bleiben“ und \"gehen nicht\" – so der Minister am Montag.");
        assert!(d.body.contains("„Wir bleiben“ und \"gehen nicht\" –"));
    }

    #[test]
    fn joins_hard_wrapped_lines() {
        let text = "Die Regierung hat am Montag in Berlin neue Regeln für den\nHandel mit Drittstaaten beschlossen, die ab dem kommenden Jahr\ngelten sollen und die Wirtschaft nach Angaben des Ministeriums\nentlasten.";
        assert_eq!(p(text).body.lines().count(), 1);
    }

    #[test]
    fn detects_the_language() {
        assert_eq!(p(SENTENCE).meta.lang.as_deref(), Some("de"));
        let en = p("The government said on Monday that the new rules for trade would apply from next year.");
        assert_eq!(en.meta.lang.as_deref(), Some("en"));
    }
}
