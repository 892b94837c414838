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
//!    article (after a one-to-four-word kicker); a line printed again right
//!    after itself is the headline however short; a place tag that the lead's
//!    dateline repeats and a wire version tag (`(LEAD)`) are cut from it;
//!    without one the title is derived from the first sentence.
//! 5. A dateline (`Warschau (dpa) -`) gives agencies; desk signatures and agency
//!    notes at the end are removed, their agencies kept; a dated desk signature
//!    (`(red, 7.1.2020)`) closes the article and dates it; short unpunctuated
//!    lines left at the very end (links to other articles) are dropped.
//! 6. A short line without final punctuation between paragraphs becomes a `##`
//!    subheading. Quotation marks and paragraphs stay as written.
//!
//! ```
//! let draft = briefing::ingest::paste::parse("Werbung\n\nTitel der Meldung\n\nErster Satz des Textes. Und mehr.\n\nlt/ans").unwrap();
//! assert_eq!(draft.meta.title, "Titel der Meldung");
//! assert_eq!(draft.body, "Erster Satz des Textes. Und mehr.");
//! ```

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::credits::{
    byline, dated_credit, dateline, header_credit, is_person_name, signature, Credits,
};
use super::dates::{date_line, header_line};
use super::header::{place_dateline, split_glued};
use super::noise::{
    credit_only, is_noise, is_picture_count, is_prompt, labelled_caption, opens_author_box,
    printed_twice, split_bare_credit, split_credit, split_trailing_agency,
};
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
                text: without_paragraph_tags(line).to_string(),
                block,
            });
        }
    }
    join_hard_wrapped(units)
}

/// A line without the paragraph tags of the page's source that a copy
/// carried along: `<p>Das Corpus Delicti: …</p>`.
fn without_paragraph_tags(line: &str) -> &str {
    line.strip_prefix("<p>")
        .and_then(|l| l.strip_suffix("</p>"))
        .map_or(line, str::trim)
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
    /// The date of a note saying when the article was published or aired,
    /// which outranks the header line.
    published: Option<PartialDate>,
    credits: Credits,
    caption: Option<String>,
    credit: Option<String>,
    /// Where the caption stood among the items and the line it came from,
    /// and whether its credit came in the same line.
    caption_from: Option<(usize, String, bool)>,
    /// Short lines of the head printed again right after themselves: a
    /// headline shown twice or three times (as page title, heading and
    /// share text).
    repeated: HashSet<String>,
    /// Every line printed again right after itself, anywhere.
    doubled: HashSet<String>,
}

impl Cleaned {
    /// Takes the last line kept as the caption, remembering where it stood
    /// (a paste left without text gets it back). Whether the line was a
    /// paragraph of text.
    fn last_as_caption(&mut self) -> bool {
        let line = self.items.pop();
        let text = line.as_deref().is_some_and(is_body_paragraph);
        self.caption_from = line.clone().map(|c| (self.items.len(), c, false));
        self.caption = line;
        text
    }
}

/// Whether a line opens with a quotation mark.
fn opens_with_quote(text: &str) -> bool {
    text.trim_start()
        .starts_with(['"', '“', '„', '«', '»', '‘'])
}

fn dedup_key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A link label and the headline it links to on one line: `Read more:
/// Lusaran shootout: …`, or glued, `Read moreLusaran barangay captain …`.
fn is_inline_link(text: &str) -> bool {
    let r = super::rules::rules();
    let labelled = |head: &str, rest: &str| {
        r.is_link_label(head)
            && is_headline_like(rest)
            && super::title::opens_capitalized(rest.trim_start())
    };
    if let Some((head, rest)) = text.split_once(':') {
        if labelled(head, rest) {
            return true;
        }
    }
    // (The label is glued on within its first 40 characters.)
    let mut before = None;
    text.char_indices().take(40).any(|(at, c)| {
        let glued = before.is_some_and(char::is_lowercase) && c.is_uppercase();
        before = Some(c);
        glued && labelled(&text[..at], &text[at..])
    })
}

/// Whether a date after `items` stands above the headline, with nothing but
/// a word or two of the page's (`fbpx`) before it: the site's "today".
fn above_headline(items: &[String]) -> bool {
    items.iter().all(|l| words(l) <= 2)
}

/// Whether the body of the article has begun: a paragraph with a sentence in it.
fn is_body_paragraph(text: &str) -> bool {
    ends_with_punctuation(text) && text.split_whitespace().count() >= 8
}

/// A box or list that runs over the lines after the one that opened it.
#[derive(Clone, Copy, PartialEq)]
enum Run {
    None,
    /// A summary box ("In Kürze:", "Darum gehts"): the bullets and
    /// unpunctuated lines after its label.
    Summary,
    /// A box of links ("ALSO READ:"): the list items after its label, and
    /// once the text has begun, the headlines after it.
    Links,
    /// The list of a prompt (`Sign in to unlock member-only benefits!` /
    /// `• Access 10 free stories every month`): its bullets.
    Prompt,
}

impl Run {
    /// Whether `text` belongs to the run; `text_begun` once a paragraph of
    /// text has come.
    fn goes_on(self, text: &str, text_begun: bool) -> bool {
        match self {
            Run::None => false,
            Run::Summary => is_bullet(text) || is_headline_like(text),
            Run::Links => is_bullet(text) || (text_begun && is_headline_like(text)),
            Run::Prompt => is_bullet(text),
        }
    }
}

fn clean(units: &[Unit]) -> Cleaned {
    let mut out = Cleaned::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut skip_block: Option<usize> = None;
    // Paragraphs of text so far; the text has started when there is one.
    let mut body_paragraphs = 0;
    // The box or list the lines before opened, which runs over the lines
    // that belong to it.
    let mut run = Run::None;
    // The title of a video teaser ("Click to play video: 'X'") is printed
    // again on the next line.
    let mut video_title: Option<String> = None;
    // Whether the date so far came from a date line above every other line.
    let mut site_date = false;
    // Whether a dated desk signature has closed the article: what follows
    // is the page's (a forum's rules, links).
    let mut ended = false;
    // Whether blank lines part the paste into paragraphs, so that lines
    // printed together (a caption over its credit) can be told apart.
    let spaced = units.last().map_or(0, |u| u.block + 1) * 2 >= units.len();
    for (i, unit) in units.iter().enumerate() {
        if ended {
            continue;
        }
        let once = printed_twice(&unit.text);
        let text = once.as_deref().unwrap_or(&unit.text);
        // A bullet before a caption or a credit (`• Foto: ORF/…`) is the
        // mark of a gallery's item.
        let text = match text.strip_prefix("• ") {
            Some(rest) if split_credit(rest).is_some() || credit_only(rest).is_some() => rest,
            _ => text,
        };
        // A byline word with no name after it (`von`): an empty author box.
        if starts_with_byline_word(&format!("{text} ")) && !text.contains(' ') {
            continue;
        }
        if run.goes_on(text, body_paragraphs > 0) {
            continue;
        }
        run = Run::None;
        if super::rules::rules().is_link_label(text) {
            run = Run::Links;
            continue;
        }
        if is_inline_link(text) {
            continue;
        }
        if video_title
            .take()
            .is_some_and(|t| dedup_key(&t) == dedup_key(text))
        {
            continue;
        }
        // A gallery in the text: its title, then the count of its pictures.
        if is_picture_count(text) {
            if body_paragraphs > 0 && out.items.last().is_some_and(|l| is_headline_like(l)) {
                out.items.pop();
            }
            continue;
        }
        let dropped = skip_block == Some(unit.block) || is_noise(text);
        // An author box's date line (`Von …` / `Freitag, 15.03.2024, 05:50
        // Uhr`) or one with a reading time (`28.12.2016, 12:34 Uhr /
        // Lesedauer: 2 min`) dates the article, though the line is dropped.
        if dropped && out.date.is_none() {
            if let Some(date) = date_line(text) {
                site_date = above_headline(&out.items);
                out.date = Some(date);
                continue;
            }
        }
        if dropped {
            if let Some(title) = video_teaser(text) {
                video_title = Some(title);
            }
            if is_prompt(text) {
                run = Run::Prompt;
            }
            continue;
        }
        // A dateline printed as a line of its own (`NURDAGI, Turkey (AP):`)
        // gives its agencies.
        if let Some(c) = dateline_alone(text) {
            out.credits.merge(c);
            continue;
        }
        // A teaser cut short (`… Photo courte...`) above the line it
        // shortens.
        if units
            .get(i + 1)
            .is_some_and(|next| is_truncated_copy(text, &next.text))
        {
            continue;
        }
        // A place's name alone in capitals in the head (`BOCHUM` under the
        // teaser): the dateline printed as a line of its own.
        if body_paragraphs <= 1 && i < HEADER_ZONE_LINES && is_shouted_place(text) {
            continue;
        }
        if opens_summary_box(text) {
            run = Run::Summary;
            continue;
        }
        if opens_author_box(text) {
            skip_block = Some(unit.block);
            continue;
        }
        // A short list item in the head: a label of the page ("- Country:").
        if body_paragraphs == 0 && is_bullet(text) && text.split_whitespace().count() <= 3 {
            continue;
        }
        if let Some((date, credits)) = publication_note(text) {
            out.published.get_or_insert(date);
            out.credits.merge(credits);
            continue;
        }
        if let Some(date) = date_line(text) {
            if out.date.is_none() {
                site_date = above_headline(&out.items);
            }
            // The same day again with its time (`17.09.2025` /
            // `17.09.2025 17:16 Uhr`) makes the date more precise.
            out.date = better_date(out.date, Some(date));
            continue;
        }
        if let Some((date, credits)) =
            meta_line(text).or_else(|| dated_credit(text).map(|(d, c)| (Some(d), c)))
        {
            if let Some(date) = date {
                // A date alone above everything else is the site's "today"
                // (`Thursday, February 5, 2026`); the date beside the byline
                // is the article's.
                if site_date {
                    out.date = None;
                    site_date = false;
                }
                out.date.get_or_insert(date);
            }
            out.credits.merge(credits);
            continue;
        }
        if let Some(credits) = signature(text).filter(|_| body_paragraphs > 0) {
            out.credits.merge(credits);
            continue;
        }
        // An agency's name alone in brackets in the head (`(Xinhua)` under
        // the headline) is the byline of the agency.
        let tag = body_paragraphs == 0 && i < HEADER_ZONE_LINES && text.starts_with('(');
        if let Some(c) = signature(text).filter(|c| tag && !c.agencies.is_empty()) {
            out.credits.merge(c);
            continue;
        }
        // A caption says it is one wherever it stands; in the head it is the
        // lead picture's.
        if let Some(caption) = labelled_caption(text) {
            // `Caption: How did your councillor vote? (Joanne Chianello/CBC)`.
            let (caption, credit) = match split_credit(&caption) {
                Some((caption, credit)) => (caption, Some(credit)),
                None => (caption, None),
            };
            if out.caption.is_none() && body_paragraphs == 0 {
                out.caption = Some(caption.clone());
                out.credit = credit.or(out.credit.take());
            }
            seen.insert(dedup_key(&caption), usize::MAX);
            continue;
        }
        if text.contains("(pictured)") && text.len() < MAX_CAPTION_LEN {
            out.caption.get_or_insert_with(|| text.to_string());
            continue;
        }
        // A credit without a label (`… Ruto. /COURTESY`, `… (PTI)`) only in
        // the head: a paragraph of text may end the same way.
        let text_follows = || units[i + 1..].iter().any(|u| is_body_paragraph(&u.text));
        let split = split_credit(text)
            .or_else(|| {
                (body_paragraphs <= 1)
                    .then(|| split_bare_credit(text))
                    .flatten()
            })
            .or_else(|| {
                (body_paragraphs <= 1 && i < HEADER_ZONE_LINES && text_follows())
                    .then(|| split_trailing_agency(text))
                    .flatten()
            })
            .or_else(|| {
                (body_paragraphs == 0 && text_follows())
                    .then(|| super::noise::split_named_credit(text))
                    .flatten()
            });
        // The last paragraph of the text signed by its agency (`… der
        // Einwohner. (APA/Red)`) is text, not a caption.
        let signed_text = body_paragraphs > 0
            && !text_follows()
            && words(text) >= MIN_SIGNED_TEXT_WORDS
            && super::credits::glued_signature(text).is_some();
        let split = split.filter(|_| !signed_text);
        if let Some((caption, credit)) = split {
            // The caption printed once before without its credit.
            if out
                .items
                .last()
                .is_some_and(|l| dedup_key(l) == dedup_key(&caption))
            {
                out.items.pop();
            }
            if out.caption.is_none() {
                out.caption_from = Some((out.items.len(), text.to_string(), true));
                out.caption = Some(caption.clone());
                out.credit = Some(credit);
            }
            seen.insert(dedup_key(&caption), usize::MAX);
            continue;
        }
        // A credit alone on its line, or an agency's name alone right after
        // a descriptive line of the head: the line before is the caption.
        let bare_agency = i < HEADER_ZONE_LINES
            && super::rules::rules().agency(text).is_some()
            && out
                .items
                .last()
                .is_some_and(|l| !is_headline_like(l) && l.len() < MAX_CAPTION_LEN);
        if let Some(credit) = credit_only(text).or_else(|| bare_agency.then(|| text.to_string())) {
            // An author box in the head: the author's name, then the credit
            // of the author's portrait (`Luca Deutschländer` / `Bildrechte:
            // MDR/Jörn Rettig`). The name is the byline; the credit is not
            // the article's.
            if i < HEADER_ZONE_LINES && out.items.last().is_some_and(|l| is_person_name(l)) {
                let name = out.items.pop().unwrap_or_default();
                out.credits.authors.push(name);
                continue;
            }
            // A line printed right over the credit, with no blank line
            // between, is its caption wherever the picture stands.
            let over_credit = spaced
                && i > 0
                && units[i - 1].block == unit.block
                && out.items.last() == Some(&units[i - 1].text);
            let previous_is_caption = out.items.last().is_some_and(|l| {
                l.len() < MAX_CAPTION_LEN
                    && (body_paragraphs == 0
                        || over_credit
                        || (body_paragraphs <= 1 && is_body_paragraph(l)))
                    && !(out.items.len() == 1 && is_headline_like(l))
            });
            if out.caption.is_none() && previous_is_caption && out.last_as_caption() {
                body_paragraphs -= 1;
            }
            out.credit.get_or_insert(credit);
            continue;
        }
        // A line printed again with a credit glued to it, in the head: `X`
        // then `XPaul Rogers for The Times`.
        if let Some(credit) = glued_credit(out.items.last(), text) {
            if i < HEADER_ZONE_LINES && body_paragraphs <= 2 {
                let caption = out.items.pop().unwrap_or_default();
                if is_body_paragraph(&caption) {
                    body_paragraphs -= 1;
                }
                seen.insert(dedup_key(&caption), usize::MAX);
                // A second picture's caption goes with the first's away
                // from the text.
                if out.caption.is_none() {
                    out.caption = Some(caption);
                    out.credit.get_or_insert(credit);
                }
                continue;
            }
        }
        let key = dedup_key(text);
        // A sentence quoted (`"Local diversions are in place."`) after the
        // same words as the report's own is a statement, not a repeat.
        let requoted = |first: usize| {
            out.items
                .get(first)
                .is_some_and(|f| opens_with_quote(f) != opens_with_quote(text))
        };
        if let Some(&first) = seen.get(&key).filter(|&&f| !requoted(f)) {
            // A line printed three times in a row, wherever it stands: a
            // picture's alt text, title and caption.
            let thrice = first != usize::MAX
                && first + 1 == out.items.len()
                && !is_headline_like(&out.items[first])
                && units.get(i + 1).is_some_and(|u| dedup_key(&u.text) == key);
            if thrice && out.caption.is_none() {
                if out.last_as_caption() {
                    body_paragraphs -= 1;
                }
                seen.insert(key, usize::MAX);
                continue;
            }
            // A descriptive line printed again right after itself, in the
            // head (before the text or after a teaser): a photo caption shown
            // twice. A headline printed twice is the headline.
            if first != usize::MAX && first + 1 == out.items.len() {
                out.doubled.insert(out.items[first].clone());
            }
            if first != usize::MAX
                && first + 1 == out.items.len()
                && body_paragraphs == 0
                && is_headline_like(&out.items[first])
            {
                out.repeated.insert(out.items[first].clone());
            }
            if first != usize::MAX
                && first + 1 == out.items.len()
                && out.caption.is_none()
                && (body_paragraphs == 0
                    || (i < HEADER_ZONE_LINES && body_paragraphs <= 2 && one_sentence(text)))
                && !is_headline_like(&out.items[first])
            {
                if out.last_as_caption() {
                    body_paragraphs -= 1;
                }
            } else if first != usize::MAX
                && first + 1 == out.items.len()
                && body_paragraphs > 0
                && is_headline_like(&out.items[first])
                && !ends_with_punctuation(&out.items[first])
            {
                // A short line printed twice in a row once the text has
                // begun: a picture's alt text and caption (`Nigeria Police`),
                // not a subheading, which is printed once.
                let caption = out.items.pop();
                if out.caption.is_none() {
                    out.caption = caption;
                }
            }
            continue;
        }
        // A byline before the text, or after the teaser when it says "Von",
        // "By" (a standfirst often precedes the byline).
        let in_head =
            body_paragraphs == 0 || (i < HEADER_ZONE_LINES && starts_with_byline_word(text));
        if in_head && !is_body_paragraph(text) && i + 1 < units.len() {
            if let Some(credits) = byline(text) {
                out.credits.merge(credits);
                continue;
            }
        }
        if let Some((end, date, credits)) = super::credits::dated_signature(text) {
            out.date.get_or_insert(date);
            out.credits.merge(credits);
            out.items.push(text[..end].trim_end().to_string());
            ended = true;
            continue;
        }
        body_paragraphs += usize::from(is_body_paragraph(text));
        seen.insert(key, out.items.len());
        out.items.push(text.to_string());
    }
    out
}

/// Fewest characters of a line cut short for it to count as a copy.
const MIN_TRUNCATED_CHARS: usize = 20;

/// Whether `text` is `next` cut short with an ellipsis: a teaser of the line
/// that follows.
fn is_truncated_copy(text: &str, next: &str) -> bool {
    let Some(stem) = text
        .strip_suffix("...")
        .or_else(|| text.strip_suffix('…'))
        .map(str::trim_end)
    else {
        return false;
    };
    stem.chars().count() >= MIN_TRUNCATED_CHARS && next.len() > stem.len() && next.starts_with(stem)
}

/// Whether `text` is a single sentence: a caption printed twice after the
/// teaser is one, a teaser printed twice is often two.
fn one_sentence(text: &str) -> bool {
    crate::sentences::split(text).len() == 1
}

/// Longest credit glued to a caption printed again ([`glued_credit`]).
const MAX_GLUED_CREDIT_CHARS: usize = 60;

/// The credit of `text` when it is `previous` printed again with a short
/// credit glued on without a space: `…in London` then `…in LondonPaul
/// Rogers for The Times`.
fn glued_credit(previous: Option<&String>, text: &str) -> Option<String> {
    let previous = previous?;
    let rest = text.strip_prefix(previous.as_str())?;
    let glued =
        rest.starts_with(|c: char| c.is_uppercase()) && previous.ends_with(char::is_alphabetic);
    let short = rest.chars().count() <= MAX_GLUED_CREDIT_CHARS
        && previous.split_whitespace().count() >= 4
        && !super::title::ends_with_punctuation(rest);
    (glued && short).then(|| rest.trim().to_string())
}

fn starts_with_byline_word(text: &str) -> bool {
    let lower = text.to_lowercase();
    super::rules::rules().byline_words.iter().any(|w| {
        lower
            .strip_prefix(w.as_str())
            .is_some_and(|r| r.starts_with([' ', ':']))
    })
}

/// Longest note on publication: a sentence.
const MAX_NOTE_LEN: usize = 200;

/// A note saying when and where the article was published or aired:
/// `Diese Nachricht wurde am 01.08.2025 im Programm Deutschlandfunk gesendet.`,
/// `Sendung: BR24 Nachrichten, 20.05.2025 14:45 Uhr`, `First published on …`.
fn publication_note(text: &str) -> Option<(PartialDate, Credits)> {
    if text.len() > MAX_NOTE_LEN {
        return None;
    }
    let lower = text.to_lowercase();
    let r = super::rules::rules();
    if !r
        .publication_phrases()
        .iter()
        .any(|p| lower.contains(p.as_str()))
    {
        return None;
    }
    let (date, _) = super::dates::find_date(text)?;
    Some((date, super::credits::named_in(text)))
}

/// Longest caption line taken from text: a caption is a sentence or two.
const MAX_CAPTION_LEN: usize = 400;

fn is_bullet(text: &str) -> bool {
    text.starts_with(['•', '·', '*', '▪', '►']) || text.starts_with("- ") || text.starts_with("– ")
}

/// Whether a line opens a summary box: "In Kürze:", "Darum gehts", "Key points".
fn opens_summary_box(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    super::rules::rules().summary_labels().iter().any(|l| {
        lower == *l
            || lower
                .strip_prefix(l.as_str())
                .is_some_and(|r| r.starts_with([':', ' ']))
    })
}

/// The title quoted in a video teaser line: `Click to play video: 'X'`.
fn video_teaser(text: &str) -> Option<String> {
    let (label, rest) = text.split_once(':')?;
    let label = label.trim().to_lowercase();
    let is_video = super::rules::rules().video_labels().contains(&label);
    is_video.then(|| {
        rest.trim()
            .trim_matches(['\'', '"', '‘', '’', '“', '”'])
            .to_string()
    })
}

/// A line of metadata parts between `|` or `·` (`Reuters | Doha | Updated:
/// 14-05-2024 13:03 IST`, `Lance Price | 12 Jul, 2024`): each part a date,
/// an agency, an outlet, a byline or a name, or a place. The date and the
/// credits; `None` when a part is anything else.
fn meta_line(text: &str) -> Option<(Option<PartialDate>, Credits)> {
    // A byline glued to the time after it (`von Günther Jakobsen17:39 Uhr |
    // 17.09.2012`) is two parts.
    let text = GLUED_TIME.replace(text, "$1 | $2");
    let parts: Vec<&str> = text
        .split(['|', '·', '•'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 || text.len() > 200 {
        return None;
    }
    let r = super::rules::rules();
    let mut date = None;
    let mut day_part = None;
    let mut time_part = None;
    let mut credits = Credits::default();
    for part in &parts {
        if let Some(d) = date_line(part) {
            if date.is_none() {
                date = Some(d);
                day_part = Some(*part);
            }
        } else if super::dates::is_time_of_day(part) {
            time_part.get_or_insert(*part);
        } else if is_noise(part) {
        } else if let Some(a) = r.agency(part) {
            credits.merge(Credits {
                agencies: vec![a.to_string()],
                ..Credits::default()
            });
        } else if let Some(o) = r.outlet(part) {
            credits.merge(Credits {
                source: Some(o.to_string()),
                ..Credits::default()
            });
        } else if let Some(c) = byline(part) {
            credits.merge(c);
        } else if let Some(name) =
            doubled_name(part).or_else(|| is_person_name(part).then(|| part.to_string()))
        {
            credits.merge(Credits {
                authors: vec![name],
                ..Credits::default()
            });
        } else if let Some(c) = signature(part).filter(|c| !c.agencies.is_empty()) {
            // `Source: PTI`.
            credits.merge(c);
        } else if part.split_whitespace().count() <= 3
            && part.chars().next().is_some_and(char::is_uppercase)
            && !ends_with_punctuation(part)
        {
            // The writer's place.
        } else {
            return None;
        }
    }
    // The time in a part of its own (`17:39 Uhr | 17.09.2012`) is the
    // date's.
    if let (Some(day), Some(time)) = (day_part, time_part) {
        date = better_date(date, date_line(&format!("{day} {time}")));
    }
    Some((date, credits))
}

/// A word glued to the time of day after it: `Jakobsen17:39 Uhr`.
static GLUED_TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\p{Ll}{2})(\d{1,2}:\d{2}\b)").unwrap());

/// A name printed twice, as a link and as text: `Lance Price Lance Price`.
fn doubled_name(part: &str) -> Option<String> {
    let words: Vec<&str> = part.split_whitespace().collect();
    let half = words.len() / 2;
    (words.len() >= 4 && words.len().is_multiple_of(2) && words[..half] == words[half..])
        .then(|| words[..half].join(" "))
        .filter(|n| is_person_name(n))
}

/// Removes desk signatures and leftover link lines from the end, and a
/// signature glued to the last paragraph.
fn strip_tail(items: &mut Vec<String>, credits: &mut Credits) {
    strip_lines(items, credits);
    if let Some(last) = items.last_mut() {
        if let Some((end, c)) = super::credits::glued_signature(last) {
            credits.merge(c);
            last.truncate(end);
        }
    }
}

fn strip_lines(items: &mut Vec<String>, credits: &mut Credits) {
    while let Some(last) = items.last() {
        if let Some(c) = signature(last) {
            credits.merge(c);
        } else if let Some(c) = byline(last).filter(|_| items.len() > 1) {
            credits.merge(c);
        } else if let Some((end, c)) = super::credits::glued_signature(last) {
            // A paragraph ending in its signature (`… the same. (IANS)`) is
            // text, though it ends without a stop of its own.
            credits.merge(c);
            if let Some(last) = items.last_mut() {
                last.truncate(end);
            }
            break;
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
    parse_from(text, None)
}

/// Parses a plain-text paste copied from the page at `url`, when known.
pub fn parse_from(text: &str, url: Option<&str>) -> Option<Draft> {
    let normalized = normalize(text);
    let mut units = units(&normalized);
    let language = lang::detect(&normalized);
    let mut meta = ArticleMeta::default();
    let mut credits = Credits::default();
    if let Some(header) = units.first().and_then(|u| header_line(&u.text)) {
        meta.date = Some(header.date);
        // `By Chris King • 24 April 2023 • 18:54`: a byline with its date.
        let meta_credits = meta_line(&header.rest).map(|(_, c)| c);
        match meta_credits.or_else(|| header_credit(&header.rest)) {
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
    drop_breadcrumb(&mut units);
    cut_breadcrumb_trail(&mut units);
    drop_foreign_script_head(&mut units);
    let kickers = split_header_zone(&mut units, language);
    let mut cleaned = clean(&units);
    credits.merge(std::mem::take(&mut cleaned.credits));
    restore_caption_of_textless(&mut cleaned);
    strip_tail(&mut cleaned.items, &mut credits);
    let mut items = std::mem::take(&mut cleaned.items);
    if items.is_empty() {
        return None;
    }

    // The headline: the line the page's address names, or else the one the
    // structure of the head gives.
    let title = match url.and_then(|u| headline_by_address(&items, u)) {
        Some(at) => {
            let title = items[at].clone();
            items.drain(..=at);
            Some(title)
        }
        None => headline_by_structure(&mut items, &kickers, &cleaned),
    };

    // Short lines between the headline and the text: kickers, bare author names.
    while items.len() > 1 && is_headline_like(&items[0]) && words(&items[0]) <= MAX_KICKER_WORDS {
        // A name the caption or the lead speaks of is a topic tag, not the
        // writer ("William Ruto" above "President William Ruto has …").
        let subject = items[1..]
            .iter()
            .find(|i| is_lead(i))
            .into_iter()
            .chain(cleaned.caption.as_ref())
            .any(|t| t.contains(items[0].as_str()));
        if is_person_name(&items[0]) && !subject {
            credits.merge(Credits {
                authors: vec![items[0].clone()],
                ..Credits::default()
            });
        }
        items.remove(0);
    }
    if items.is_empty() {
        return None;
    }

    // The dateline of the lead gives agencies and is not text. It opens the
    // first paragraph, or the one after a teaser.
    let first_text = items.iter().position(|i| !is_headline_like(i)).unwrap_or(0);
    let mut dateline_place: Option<String> = None;
    for at in (first_text..items.len()).take(DATELINE_PARAGRAPHS) {
        // A dateline opens a paragraph of text, never a subheading
        // (`Heilbronner Falken – Memminger Indians 6:3`).
        if is_headline_like(&items[at]) {
            continue;
        }
        if let Some((date, len)) = opening_date(&items[at]) {
            cleaned.date.get_or_insert(date);
            items[at] = items[at][len..].to_string();
        }
        if let Some((c, len)) = dateline(&items[at]) {
            credits.merge(c);
            items[at] = items[at][len..].to_string();
            break;
        }
        if let Some((place, len)) = place_dateline(&items[at]) {
            items[at] = items[at][len..].to_string();
            dateline_place = Some(place);
            break;
        }
        if let Some(len) = super::header::desk_dateline(&items[at]) {
            items[at] = items[at][len..].to_string();
            break;
        }
    }
    // The outlet the page's address names: known by its domain, or the
    // domain itself.
    let site = url.and_then(super::credits::outlet_of_url);
    meta.title_derived = title.is_none();
    meta.title = title.map_or_else(
        || derive_title(&items[first_text]),
        |t| {
            let t = super::title::without_wire_tag(super::title::without_site_name(&t));
            let t = super::title::without_drop_cap(super::title::without_badge(t));
            let t = site
                .as_deref()
                .map_or(t, |s| super::title::without_site_of(t, s));
            without_place(t, dateline_place.as_deref()).to_string()
        },
    );

    drop_link_runs(&mut items, first_text);
    drop_repeating_summary(&mut items);
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

    meta.date = cleaned.published.or(better_date(meta.date, cleaned.date));
    meta.source = credits.source;
    meta.agencies = credits.agencies;
    meta.authors = credits.authors;
    // The outlet's name under the writer's (`Kevin L. Hoover` / `Mad River
    // Union` on madriverunion.com) is no second writer.
    if let Some(site) = &site {
        let site_key = dedup_key(site.split('.').next().unwrap_or(site));
        meta.authors.retain(|a| dedup_key(a) != site_key);
    }
    meta.lang = language.map(str::to_string);
    meta.caption = cleaned.caption;
    meta.credit = cleaned.credit;
    if let Some(url) = url {
        meta.url = Some(url.to_string());
        // The site the page was copied from is the outlet when the rules
        // know its domain: a masthead in the byline ("Thomas Coughlan, NZ
        // Herald,") is where a republished story first ran.
        let known = site
            .as_deref()
            .is_some_and(|s| super::rules::rules().outlet(s).is_some());
        if meta.source.is_none() || known {
            // An unknown site is named as its page prints its name, when
            // the domain spells it (`pulse.ng` → `Pulse Nigeria`).
            let printed = site
                .as_deref()
                .filter(|_| !known)
                .and_then(|s| super::masthead::named_by_domain(&normalized, s));
            meta.source = printed.or(site).or(meta.source.take());
        }
    }
    Some(Draft { meta, body })
}

/// Fewest words of a headline left after a place tag cut from it.
const MIN_HEADLINE_WORDS_AFTER_PLACE: usize = 3;

/// A headline without the place tag glued before it when the lead's
/// dateline names the same place (`Mönchengladbach Unfall: …` above
/// `Mönchengladbach · Ein Streifenwagen …`): the tag is the dateline shown
/// twice, not a word of the headline.
fn without_place<'a>(title: &'a str, place: Option<&str>) -> &'a str {
    let Some(rest) = place.and_then(|p| title.strip_prefix(p)) else {
        return title;
    };
    let Some(rest) = rest.strip_prefix(' ') else {
        return title;
    };
    let headline =
        rest.starts_with(char::is_uppercase) && words(rest) >= MIN_HEADLINE_WORDS_AFTER_PLACE;
    if headline {
        rest
    } else {
        title
    }
}

/// The headline by the structure of the head, and the lines above it gone
/// from `items`: the first headline-like line before the lead paragraph,
/// after any kickers.
fn headline_by_structure(
    items: &mut Vec<String>,
    kickers: &HashSet<String>,
    cleaned: &Cleaned,
) -> Option<String> {
    let repeated = &cleaned.repeated;
    // The lead: the first paragraph of text. The headline is the first
    // headline-like line before it, after any kickers.
    let mut lead_at = items.iter().position(|i| is_lead(i)).unwrap_or(items.len());
    // A paragraph before any headline, with the head still to come (short
    // lines, then text), is page furniture ("Mehr als 150 Journalisten
    // berichten …"): the lead is the next paragraph.
    // A question as the first text, with only kickers above it and text
    // after it, is the headline (`Politik` / `Was hat sich … getan?`).
    let only_kickers = (0..lead_at).all(|i| words(&items[i]) <= MAX_KICKER_WORDS);
    let asks = items
        .get(lead_at)
        .is_some_and(|l| is_headline_like(l) && l.trim_end_matches(CLOSING_QUOTES).ends_with('?'));
    // A question printed twice is a caption.
    let once = items
        .get(lead_at)
        .is_some_and(|l| !cleaned.doubled.contains(l));
    if asks && once && only_kickers && items.get(lead_at + 1).is_some_and(|n| is_lead(n)) {
        lead_at += 1;
    }
    // A paragraph opening with a dateline is the lead itself.
    let headline_before = (0..lead_at).any(|i| is_headline_like(&items[i]));
    let datelined = items.get(lead_at).is_some_and(|l| opens_with_dateline(l));
    if !headline_before && !datelined && lead_at < HEADER_ZONE_LINES {
        if let Some(next) = (lead_at + 1..items.len()).find(|&i| is_lead(&items[i])) {
            let head_between = (lead_at + 1..next).any(|i| is_headline_like(&items[i]));
            if head_between && next < HEADER_ZONE_LINES {
                lead_at = next;
            }
        }
    }
    let mut candidates: Vec<usize> = (0..lead_at)
        .filter(|&i| {
            is_headline_like(&items[i])
                && words(&items[i]) <= MAX_HEADLINE_WORDS
                && !is_portrait_caption(&items[i])
        })
        .collect();
    // `Video: X` above the headline `X`: the page's title, not the headline.
    let head = &items[..lead_at];
    candidates.retain(|&c| !is_labelled_copy(&items[c], head));
    // A line printed again right after itself is the headline, however
    // short: a kicker or a place tag is printed once. Of two, the one
    // nearer the lead (a site's logo is printed twice above it).
    if let Some(at) = candidates
        .iter()
        .rposition(|&c| repeated.contains(&items[c]))
    {
        candidates.drain(..at);
    }
    while candidates.len() >= 2
        && !repeated.contains(&items[candidates[0]])
        && (words(&items[candidates[0]]) <= MAX_KICKER_WORDS
            || kickers.contains(&items[candidates[0]]))
    {
        candidates.remove(0);
    }
    // A lone line of one or two words above the lead, printed once, is a
    // section's name or the site's tagline (`Politik`, `News from Japan`),
    // not a headline.
    if let [only] = candidates[..] {
        if words(&items[only]) < MIN_HEADLINE_WORDS && !repeated.contains(&items[only]) {
            candidates.clear();
        }
    }
    match candidates.first() {
        Some(&at) => {
            let title = items[at].clone();
            items.drain(..=at);
            Some(title)
        }
        None if lead_at == items.len() => {
            // No paragraph of text: the first short line heads the rest.
            match items.as_slice() {
                [headline, _, ..] if is_headline_like(headline) => Some(items.remove(0)),
                _ => None,
            }
        }
        None => None,
    }
}

/// Lines of the head searched for the headline the address names.
const ADDRESS_ZONE_LINES: usize = 30;

/// Most paragraphs of text above the headline the address names: the
/// sentences of a subscription prompt or a notification banner.
const MAX_PARAGRAPHS_ABOVE_HEADLINE: usize = 3;

/// The index of the headline-like line of the head that the page's address
/// names ([`super::address`]).
fn headline_by_address(items: &[String], url: &str) -> Option<usize> {
    let slug = super::address::slug_words(url)?;
    // The head ends where the text has begun: a banner above the headline
    // is a sentence or two, an entry of a live ticker deep in the page
    // (whose address names the entry) comes after paragraphs of text.
    // A paragraph opening with a dateline is the lead: a line after it is a
    // subheading, however well the address names it.
    let mut paragraphs = 0;
    let mut led = false;
    let zone = items
        .iter()
        .take(ADDRESS_ZONE_LINES)
        .take_while(|line| {
            if led {
                return false;
            }
            led = is_lead(line) && opens_with_dateline(line);
            paragraphs += usize::from(is_body_paragraph(line));
            paragraphs <= MAX_PARAGRAPHS_ABOVE_HEADLINE
        })
        .count();
    let lines = items[..zone].iter().map(|line| {
        let headline = is_headline_like(line)
            && words(line) <= MAX_HEADLINE_WORDS
            && !is_portrait_caption(line)
            // A caption with its credit can repeat the address's words.
            && super::noise::split_credit(line).is_none();
        if headline {
            line.as_str()
        } else {
            ""
        }
    });
    super::address::headline_at(lines, &slug)
}

/// Fewest words of a last paragraph signed by its agency for it to be
/// text rather than a caption.
const MIN_SIGNED_TEXT_WORDS: usize = 8;

/// Most words of the place of a dateline printed alone.
const MAX_DATELINE_PLACE_WORDS: usize = 4;

/// The agencies of a dateline that is the whole line (`NURDAGI, Turkey
/// (AP):`, `Berlin (dpa) -`), printed apart from the paragraph it opens.
fn dateline_alone(text: &str) -> Option<Credits> {
    let bare = text
        .trim()
        .trim_end_matches([':', '-', '–', '—'])
        .trim_end();
    if !bare.ends_with(')') {
        return None;
    }
    // Places: a few capitalized words, not a sentence signed `(IANS)`.
    let place = bare[..bare.rfind('(')?].trim_end();
    let words: Vec<&str> = place.split_whitespace().collect();
    let named = !words.is_empty()
        && words.len() <= MAX_DATELINE_PLACE_WORDS
        && words.iter().all(|w| w.starts_with(char::is_uppercase));
    if !named || place.ends_with('.') {
        return None;
    }
    let probe = format!("{bare} X");
    let (credits, len) = dateline(&probe)?;
    (len == probe.len() - 1 && !credits.agencies.is_empty()).then_some(credits)
}

/// Most share of letters in another script than Latin for a paste to count
/// as written in Latin script.
const MAX_FOREIGN_SHARE: f64 = 0.1;

/// Whether a letter is of the Latin script (ASCII, accented and extended).
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('\u{c0}'..='\u{24f}').contains(&c)
        || ('\u{1e00}'..='\u{1eff}').contains(&c)
}

/// The share of the letters of `texts` that are not Latin.
fn foreign_share<'a>(texts: impl IntoIterator<Item = &'a str>) -> f64 {
    let (mut letters, mut foreign) = (0usize, 0usize);
    for c in texts
        .into_iter()
        .flat_map(str::chars)
        .filter(|c| c.is_alphabetic())
    {
        letters += 1;
        foreign += usize::from(!is_latin(c));
    }
    foreign as f64 / letters.max(1) as f64
}

/// Drops the short lines of the head written in another script than the
/// paste (`مجلس الوزراء يعتمد …` above an English article): the headline of
/// the page's other edition, not the article's.
fn drop_foreign_script_head(units: &mut Vec<Unit>) {
    if foreign_share(units.iter().map(|u| u.text.as_str())) > MAX_FOREIGN_SHARE {
        return;
    }
    let head = units
        .iter()
        .position(|u| is_body_paragraph(&u.text))
        .unwrap_or(units.len());
    let mut at = 0;
    units.retain(|u| {
        at += 1;
        at > head || !is_headline_like(&u.text) || foreign_share([u.text.as_str()]) <= 0.5
    });
}

/// A caption is never the whole text: when taking it left no paragraph of
/// text (a standfirst above a credit line, `© APA/…`), it goes back.
fn restore_caption_of_textless(cleaned: &mut Cleaned) {
    if cleaned.items.iter().any(|i| is_lead(i)) {
        return;
    }
    let Some((at, line, with_credit)) = cleaned.caption_from.take() else {
        return;
    };
    if !is_body_paragraph(&line) {
        cleaned.caption_from = Some((at, line, with_credit));
        return;
    }
    cleaned.caption = None;
    if with_credit {
        cleaned.credit = None;
    }
    let at = at.min(cleaned.items.len());
    cleaned.items.insert(at, line);
}

/// Whether `line` is another line of the head under a short label:
/// `Video: Koalition in Schockstarre: …` above `Koalition in Schockstarre: …`.
fn is_labelled_copy(line: &str, head: &[String]) -> bool {
    let Some((label, rest)) = line.split_once(": ") else {
        return false;
    };
    label.split_whitespace().count() <= MAX_COPY_LABEL_WORDS
        && head
            .iter()
            .any(|h| h != line && dedup_key(h) == dedup_key(rest))
}

/// Longest label before a copy of the headline, in words.
const MAX_COPY_LABEL_WORDS: usize = 2;

/// A date opening the lead before its dateline (`14.09.2017 Düsseldorf.
/// Erst war …`): the date and the byte length of it with the space after.
fn opening_date(paragraph: &str) -> Option<(PartialDate, usize)> {
    let (date, range) = super::dates::find_date(paragraph)?;
    // In brackets, too: `[February 20, 2017] SINGAPORE (Reuters) -`.
    let bracketed = range.start == 1
        && paragraph.starts_with(['[', '('])
        && paragraph[range.end..].starts_with([']', ')']);
    if (range.start != 0 && !bracketed) || date.day.is_none() {
        return None;
    }
    let end = range.end + usize::from(bracketed);
    let rest = &paragraph[end..];
    let len = end + (rest.len() - rest.trim_start().len());
    let after = &paragraph[len..];
    (dateline(after).is_some() || place_dateline(after).is_some()).then_some((date, len))
}

/// Drops a numbered breadcrumb at the top of the page (`1. Home`,
/// `2. Regionales`, … the headline last): two or more short lines numbered
/// 1, 2, … in the head.
fn drop_breadcrumb(units: &mut Vec<Unit>) {
    let numbered = |u: &Unit| -> Option<usize> {
        let (n, rest) = u.text.split_once(". ")?;
        let n: usize = n.parse().ok()?;
        (words(rest) <= MAX_CRUMB_WORDS && !ends_with_punctuation(rest)).then_some(n)
    };
    let zone = units.len().min(HEADER_ZONE_LINES);
    let Some(start) = (0..zone).find(|&i| numbered(&units[i]) == Some(1)) else {
        return;
    };
    let mut end = start + 1;
    while end < units.len() && numbered(&units[end]) == Some(end - start + 1) {
        end += 1;
    }
    if end - start >= 2 {
        units.drain(start..end);
    }
}

/// Separators of a breadcrumb printed on one line.
const CRUMB_SEPARATORS: [&str; 5] = [" / ", " > ", " › ", " » ", " | "];

/// Fewest items of a breadcrumb printed on one line: the site, a section
/// and the page.
const MIN_TRAIL_ITEMS: usize = 3;

/// Most words of a breadcrumb's items before the page's own.
const MAX_TRAIL_SECTION_WORDS: usize = 3;

/// A breadcrumb printed on one line in the head (`Home / National News /
/// Colorado Movie Theater Shooting: …`): its last item, the page's own
/// headline, when that is headline-like and longer than a section's name;
/// else the line is dropped.
fn cut_breadcrumb_trail(units: &mut Vec<Unit>) {
    let zone = units.len().min(HEADER_ZONE_LINES);
    for i in 0..zone {
        let text = &units[i].text;
        let Some(sep) = CRUMB_SEPARATORS.iter().find(|s| text.contains(*s)) else {
            continue;
        };
        let items: Vec<&str> = text.split(sep).map(str::trim).collect();
        let (page, sections) = items.split_last().expect("split gives one item");
        let trail = items.len() >= MIN_TRAIL_ITEMS
            && sections.iter().all(|s| {
                !s.is_empty() && words(s) <= MAX_TRAIL_SECTION_WORDS && !ends_with_punctuation(s)
            });
        if !trail {
            continue;
        }
        if is_headline_like(page) && words(page) > MAX_TRAIL_SECTION_WORDS {
            units[i].text = page.to_string();
        } else {
            units.remove(i);
        }
        return;
    }
}

/// Longest item of a breadcrumb, in words.
const MAX_CRUMB_WORDS: usize = 10;

/// How many paragraphs from the first may open with the dateline: the
/// lead, or the lead after a teaser.
const DATELINE_PARAGRAPHS: usize = 2;

/// A title and a name and nothing else: the caption of a portrait
/// ("FDP-Fraktionschef Henning Höne"), not a headline.
fn is_portrait_caption(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let titles = crate::entities::titles::title_words(&words);
    titles > 0 && titles < words.len() && is_person_name(&words[titles..].join(" "))
}

/// Quotation marks that may close a question headline.
const CLOSING_QUOTES: [char; 6] = ['"', '“', '”', '«', '»', '\''];

/// Fewest letters of a place's name printed alone in capitals.
const MIN_SHOUTED_PLACE: usize = 4;

/// One word in capitals, a place's shape (`BOCHUM`, `BADEN-BADEN`), not an
/// acronym of three letters.
fn is_shouted_place(text: &str) -> bool {
    !text.contains(' ')
        && text.chars().filter(|c| c.is_alphabetic()).count() >= MIN_SHOUTED_PLACE
        && text.chars().all(|c| c.is_uppercase() || c == '-')
        && super::rules::rules().agency(text).is_none()
}

/// Fewest lines of a run of headlines that is a list of links.
const MIN_LINK_RUN: usize = 2;

/// Fewest words of another article's headline in a box of links; shorter
/// lines in a row are a list (`Hon'ble Ministers`) or a ticker's time and
/// title (`13:40 Uhr`).
const MIN_LINK_HEADLINE_WORDS: usize = 5;

/// Most words of another article's headline in a box of links; a longer
/// unpunctuated line is a sentence that lost its full stop.
const MAX_LINK_HEADLINE_WORDS: usize = 24;

fn is_link_headline(line: &str) -> bool {
    is_headline_like(line)
        && (MIN_LINK_HEADLINE_WORDS..=MAX_LINK_HEADLINE_WORDS).contains(&words(line))
        // One sentence: `… kritisch. (sda)` is a paragraph and its signature.
        && one_sentence(line)
        && !line.contains("+++")
        && !TIME_OF_DAY.is_match(line)
}

/// A time of day (`10:57`), which a ticker's entries open with.
static TIME_OF_DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{1,2}[:.]\d{2}\b").unwrap());

/// Drops runs of two or more headline-like lines after the text has begun,
/// each of headline length: a box of links to other articles (`AfD gegen
/// Verfassungsschutz: …`, `Landkreise warnen …`). A subheading is one line,
/// with text after it; a run with a shorter line in it is a list.
/// Fewest letters of a bullet that repeats a sentence of the text: shorter
/// ones may repeat a phrase by chance.
const MIN_REPEATED_BULLET: usize = 30;

/// Drops the bullets that repeat the text's own sentences, with the label
/// over them (`ribbon Zusammenfassung` / `• "Die Regierung ist stabil …`):
/// a summary box printed under or over the text it sums up.
fn drop_repeating_summary(items: &mut Vec<String>) {
    let text: Vec<String> = items
        .iter()
        .filter(|i| !is_bullet(i))
        .map(|i| dedup_key(i))
        .collect();
    let repeats = |item: &str| {
        is_bullet(item) && {
            let key = dedup_key(item);
            key.chars().count() >= MIN_REPEATED_BULLET && text.iter().any(|t| t.contains(&key))
        }
    };
    let mut keep: Vec<bool> = items.iter().map(|i| !repeats(i)).collect();
    // The label over the first bullet of a box: the last word of a short
    // line (an icon's name may come before it).
    for at in 1..items.len() {
        if !keep[at] && keep[at - 1] && words(&items[at - 1]) <= 2 {
            let label = items[at - 1].rsplit(' ').next().unwrap_or_default();
            if opens_summary_box(label) {
                keep[at - 1] = false;
            }
        }
    }
    let mut flags = keep.into_iter();
    items.retain(|_| flags.next().unwrap_or(true));
}

fn drop_link_runs(items: &mut Vec<String>, first_text: usize) {
    let mut at = first_text + 1;
    while at < items.len() {
        let end = (at..items.len())
            .find(|&i| !is_headline_like(&items[i]))
            .unwrap_or(items.len());
        let links = items[at..end].iter().all(|l| is_link_headline(l));
        // A run a paragraph announces (`… will be spent on:`) is its list.
        let announced = items[at - 1].trim_end().ends_with(':');
        if end - at >= MIN_LINK_RUN && end < items.len() && links && !announced {
            items.drain(at..end);
        } else {
            at = end + 1;
        }
    }
}

/// Fewest words of a headline printed once with no other line to choose
/// from.
const MIN_HEADLINE_WORDS: usize = 3;

/// Longest headline, in words; a longer line is a sentence without its stop
/// (the longest headline of the dev set has 22).
const MAX_HEADLINE_WORDS: usize = 24;

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Whether a paragraph opens the article's text: a sentence, or a line
/// opening with a dateline.
/// Whether `text` opens with a dateline, with or without an agency
/// (`Warschau (dpa) -`, `Drolshagen -`).
fn opens_with_dateline(text: &str) -> bool {
    dateline(text).is_some() || place_dateline(text).is_some()
}

fn is_lead(text: &str) -> bool {
    is_body_paragraph(text) || dateline(text).is_some()
}

/// The date of a paste: the header line's date, unless the text gives the
/// same day, month or year more precisely (a `Stand:` line with the time).
fn better_date(header: Option<PartialDate>, found: Option<PartialDate>) -> Option<PartialDate> {
    match (header, found) {
        (Some(h), Some(f)) => {
            let refines = f.year == h.year
                && h.month.is_none_or(|m| f.month == Some(m))
                && h.day.is_none_or(|d| f.day == Some(d));
            Some(if refines && f.precision() > h.precision() {
                f
            } else {
                h
            })
        }
        (h, f) => h.or(f),
    }
}

/// How many lines at the start of a paste may be its head.
const HEADER_ZONE_LINES: usize = 12;

/// Splits the lines of the head that hold several elements glued together
/// ([`split_glued`]): kicker and headline, a sentence and the next element,
/// a trailing date line. Returns the kickers found: the short lines glued
/// before a headline.
fn split_header_zone(units: &mut Vec<Unit>, language: Option<&str>) -> HashSet<String> {
    let zone = units.len().min(HEADER_ZONE_LINES);
    let mut out: Vec<Unit> = Vec::with_capacity(units.len() + 4);
    let mut kickers = HashSet::new();
    // The head ends where the text has begun: a subheading after the lead
    // and another paragraph keeps its date (`Der dritte Sessionstag - 17.
    // September 2025`).
    let mut paragraphs = 0;
    for (i, unit) in units.drain(..).enumerate() {
        paragraphs += usize::from(is_body_paragraph(&unit.text));
        let glued = i < zone
            && paragraphs < 2
            && !is_body_paragraph(&unit.text)
            && !is_noise(&unit.text)
            && meta_line(&unit.text).is_none()
            && dated_credit(&unit.text).is_none()
            && split_credit(&unit.text).is_none();
        if glued {
            let parts = split_glued(&unit.text, language);
            for (k, part) in parts.iter().enumerate() {
                let next_is_headline = parts.get(k + 1).is_some_and(|n| is_headline_like(n));
                if parts.len() > 1 && is_headline_like(part) && next_is_headline {
                    kickers.insert(part.clone());
                }
                out.push(Unit {
                    text: part.clone(),
                    block: unit.block,
                });
            }
        } else {
            out.push(unit);
        }
    }
    *units = out;
    kickers
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Draft {
        parse(text).expect("an article")
    }

    const SENTENCE: &str =
        "Die Regierung hat am Montag in Berlin neue Regeln für den Handel beschlossen.";

    /// A later paragraph of the same text.
    const LATER: &str = "Die Opposition kündigte am Abend an, gegen die Regeln zu klagen.";

    #[test]
    fn a_line_printed_right_over_a_credit_is_its_caption_after_the_teaser() {
        let d = p(&format!(
            "Unwetterwarnung in Deutschland\n\nTief Elke bringt schwülwarme Luft und Unwettergefahr für den Süden.\n\nAm Nachmittag sind Starkregen und Hagel möglich.\nFoto: Bernd von Jutrczenka/dpa\n\n{SENTENCE}"
        ));
        assert_eq!(
            d.meta.caption.as_deref(),
            Some("Am Nachmittag sind Starkregen und Hagel möglich.")
        );
        assert_eq!(d.meta.credit.as_deref(), Some("Bernd von Jutrczenka/dpa"));
        assert!(!d.body.contains("Nachmittag"), "{}", d.body);
    }

    #[test]
    fn a_long_sentence_without_its_full_stop_is_no_link_to_another_article() {
        let long = "Two men who were assaulted are receiving treatment at the hospital while another man and a woman are also receiving treatment after a vehicle was driven at speed at a group of people";
        let d = p(&format!(
            "Minister to meet police\n\n{SENTENCE}\n\n{long}\n\nThe injuries sustained by all four are not life threatening\n\n{LATER}"
        ));
        assert!(d.body.contains(long), "{}", d.body);
    }

    #[test]
    fn a_byline_glued_to_its_time_gives_the_author_and_the_time() {
        let d = p(&format!(
            "Bayern Hof mit Personalproblemen\n\nvon Günther Jakobsen17:39 Uhr | 17.09.2012\n\n{SENTENCE}"
        ));
        assert_eq!(d.meta.authors, ["Günther Jakobsen"]);
        assert_eq!(
            d.meta.date.map(|d| d.to_string()).as_deref(),
            Some("2012-09-17T17:39:00+02:00")
        );
    }

    #[test]
    fn bullets_repeating_the_text_are_a_summary_box_with_its_label() {
        let d = p(&format!(
            "Kogler: Die Regierung ist stabil\n\n{SENTENCE}\n\nDer Vizekanzler sagte am Dienstag, die Regierung sei ausreichend stabil.\n\nribbon Zusammenfassung\n• Der Vizekanzler sagte am Dienstag, die Regierung sei ausreichend stabil."
        ));
        assert!(!d.body.contains("Zusammenfassung"), "{}", d.body);
        assert!(!d.body.contains('•'), "{}", d.body);
        assert!(d.body.ends_with("ausreichend stabil."), "{}", d.body);
    }

    #[test]
    fn a_date_beside_the_sections_wins_over_the_sites_today_above_the_headline() {
        let d = p(&format!(
            "fbpx\n\nWed. May 8th, 2024\n\nHighway Patrol Reports Routine Weekend\n\nAll News RSS Feed Crime Front Page News Sunday, July 16th, 2023\n\n{SENTENCE}"
        ));
        assert_eq!(
            d.meta.date.map(|d| d.to_string()).as_deref(),
            Some("2023-07-16")
        );
        assert!(d.meta.agencies.is_empty(), "{:?}", d.meta.agencies);
        assert_eq!(d.body, SENTENCE);
    }

    #[test]
    fn a_link_label_with_its_headline_on_one_line_is_a_link() {
        let d = p(&format!(
            "Police to monitor barangays\n\n{SENTENCE}\n\nRead more: Lusaran shootout: Two tanods killed\n\nRead moreLusaran barangay captain nabbed for firearms\n\n{LATER}"
        ));
        assert_eq!(d.body, format!("{SENTENCE}\n\n{LATER}"));
    }

    #[test]
    fn a_sentence_printed_twice_with_no_other_text_is_the_text() {
        let d = p(&format!(
            "Council approves new budget for the harbour\n\n{SENTENCE}\n\nRead more: Harbour dredging costs rise again\n\n{SENTENCE}"
        ));
        assert_eq!(d.body, SENTENCE);
        assert_eq!(d.meta.caption, None);
    }

    #[test]
    fn a_line_printed_three_times_in_a_row_after_the_text_is_a_caption() {
        let caption = "The incidents took place on Wednesday evening.";
        let d = p(&format!(
            "Witness appeal after incidents in the city centre\n\n{SENTENCE}\n\n{LATER}\n\n{caption}\n{caption}\n{caption}\n\nAnyone with information should contact police."
        ));
        assert_eq!(d.meta.caption.as_deref(), Some(caption));
        assert!(!d.body.contains("Wednesday"), "{}", d.body);
        assert!(d.body.ends_with("contact police."), "{}", d.body);
    }

    #[test]
    fn a_dateline_with_its_agency_may_close_with_a_colon() {
        let d = p(&format!(
            "Singapore and Malaysia share interests, says minister\n\nSINGAPORE (Bernama): {SENTENCE}"
        ));
        assert_eq!(d.meta.agencies, ["Bernama"]);
        assert_eq!(d.body, SENTENCE);
    }

    #[test]
    fn a_capitalized_place_and_a_tag_closed_by_a_full_stop_are_a_dateline() {
        let d = p(&format!(
            "Gewitter: Zwei Einsätze wegen Hagels\n\nSt. Georgen (nmk). {SENTENCE}"
        ));
        assert!(d.meta.agencies.is_empty(), "{:?}", d.meta.agencies);
        assert_eq!(d.body, SENTENCE);
    }

    #[test]
    fn a_caption_signed_by_its_photographer_above_the_text_goes_to_front_matter() {
        let d = p(&format!(
            "Bis alle sitzen, gilt im Landgericht Maskenpflicht. (Frank Thomas Koch)\n\n{SENTENCE}\n\n{LATER}"
        ));
        assert_eq!(
            d.meta.caption.as_deref(),
            Some("Bis alle sitzen, gilt im Landgericht Maskenpflicht.")
        );
        assert_eq!(d.meta.credit.as_deref(), Some("Frank Thomas Koch"));
        assert!(d.body.starts_with("Die Regierung"), "{}", d.body);
    }

    #[test]
    fn a_statement_quoting_the_reports_own_words_is_kept() {
        let d = p(&format!(
            "Man dies in crash on the R420\n\n{SENTENCE}\n\nLocal diversions are in place.\n\nIn a statement a spokesperson said: \"Gardai are appealing for witnesses.\n\n\"Local diversions are in place.\"\n\n{LATER}"
        ));
        assert!(
            d.body
                .contains("\n\n\"Local diversions are in place.\"\n\n"),
            "{}",
            d.body
        );
        assert!(
            d.body.contains("\n\nLocal diversions are in place.\n\n"),
            "{}",
            d.body
        );
    }

    #[test]
    fn the_outlets_name_under_the_writers_is_no_second_writer() {
        let d = parse_from(
            &format!("A mostly happy New Year in Arcata so far\n\nKevin L. Hoover\nMad River Union\n\n{SENTENCE}"),
            Some("https://www.madriverunion.com/a-mostly-happy-new-year/"),
        )
        .unwrap();
        assert_eq!(d.meta.authors, ["Kevin L. Hoover"]);
    }

    #[test]
    fn a_caption_closed_by_initials_and_the_outlet_parted_by_a_bar_gives_the_credit() {
        let caption = "APD Officer Audrey Sterrett detains a suspect at Ninth and I streets.";
        let d = p(&format!(
            "A mostly happy New Year in Arcata so far\n\n{caption} KLH | Union\n\n{SENTENCE}"
        ));
        assert_eq!(d.meta.caption.as_deref(), Some(caption));
        assert_eq!(d.meta.credit.as_deref(), Some("KLH | Union"));
    }

    #[test]
    fn a_byline_without_its_name_still_dates_the_article() {
        let d = p(&format!(
            "Two suspects taken into custody\n\nby February 16th, 2022\n\n{SENTENCE}"
        ));
        assert_eq!(
            d.meta.date.map(|d| d.to_string()).as_deref(),
            Some("2022-02-16")
        );
        assert_eq!(d.body, SENTENCE);
    }

    #[test]
    fn an_agencys_copyright_notice_with_its_item_number_names_the_agency() {
        let d = p(&format!(
            "Unfall bei Illerrieden\n\n{SENTENCE}\n\n© dpa-infocom, dpa:240611-99-352604/3"
        ));
        assert_eq!(d.meta.agencies, ["dpa"]);
        assert_eq!(d.body, SENTENCE);
    }

    #[test]
    fn two_desk_codes_after_a_place_are_a_dateline_of_no_agency() {
        let d = p(&format!(
            "Brand in Helmsheim\n\nBruchsal-Helmsheim (pm/mh) {SENTENCE}"
        ));
        assert!(d.meta.agencies.is_empty(), "{:?}", d.meta.agencies);
        assert_eq!(d.body, SENTENCE);
    }

    #[test]
    fn a_newsroom_or_a_job_title_is_no_writers_name() {
        let d = p(&format!(
            "Routine weekend on the lake\n\nGalway Bay fm newsroom - {SENTENCE}\n\n{SENTENCE}\n\nReporter Mike Anthony"
        ));
        assert_eq!(d.meta.authors, ["Mike Anthony"]);
        assert!(d.body.starts_with("Die Regierung"), "{}", d.body);
    }

    #[test]
    fn a_place_tag_before_the_headline_is_the_dateline_shown_twice() {
        let d = p(&format!(
            "Mönchengladbach Unfall: Streifenwagen überschlägt sich\n\nMönchengladbach · {SENTENCE}"
        ));
        assert_eq!(d.meta.title, "Unfall: Streifenwagen überschlägt sich");
        assert_eq!(d.body, SENTENCE);
        let d = p(&format!(
            "Berlin Marathon wird verlegt\n\nHamburg · {SENTENCE}"
        ));
        assert_eq!(d.meta.title, "Berlin Marathon wird verlegt");
    }

    #[test]
    fn a_gallery_title_and_its_picture_count_are_no_text() {
        let d = p(&format!(
            "Unfall in der Stadt\n\n{SENTENCE}\n\nStreifenwagen überschlägt sich\n8 Bilder\n\nStreifenwagen überschlägt sich\n\n8 Bilder\n\n{SENTENCE} Mehr."
        ));
        assert_eq!(d.body, format!("{SENTENCE}\n\n{SENTENCE} Mehr."));
    }

    #[test]
    fn a_caption_cut_short_above_its_full_copy_is_no_headline() {
        let d = p(&format!(
            "Evacuation orders were lifted in the wildfire. Photo courte...\nEvacuation orders were lifted in the wildfire. Photo courtesy Cal Fire/Facebook |\n{SENTENCE}"
        ));
        assert_eq!(
            d.meta.caption.as_deref(),
            Some("Evacuation orders were lifted in the wildfire.")
        );
        assert_eq!(d.meta.credit.as_deref(), Some("Cal Fire/Facebook"));
        assert!(d.meta.title_derived);
        assert_eq!(d.body, SENTENCE);
    }

    #[test]
    fn a_last_paragraph_ending_in_its_signature_is_text_not_a_link() {
        let d = p(&format!(
            "Titel der Meldung\n\n{SENTENCE}\n\nDer Minister sagte am Abend, die Regeln gelten ab Juli.\n\nEr sagte, das sei so. (IANS)\n\nTop Headlines"
        ));
        assert_eq!(d.meta.agencies, ["IANS"]);
        assert!(d.body.ends_with("Er sagte, das sei so."), "{}", d.body);
    }

    #[test]
    fn a_short_headline_printed_again_is_the_headline_not_a_kicker() {
        let d = p(&format!(
            "Blaulicht\n\nPolizist angefahren\n\nPolizist angefahren\n\nApenrade/Aabenraa\n\n{SENTENCE}"
        ));
        assert_eq!(d.meta.title, "Polizist angefahren");
        assert_eq!(d.body, SENTENCE);
    }

    #[test]
    fn paragraph_tags_a_bullet_before_a_caption_and_an_empty_byline_are_no_text() {
        let d = p(&format!(
            "Titel der Meldung\n\n<p>Das Corpus Delicti: Wer hat sich hier am Streifenwagen zu schaffen gemacht?</p>\n\nDas Corpus Delicti: Wer hat sich hier am Streifenwagen zu schaffen gemacht?\n\nvon\n\n{SENTENCE}"
        ));
        assert!(
            !d.body.contains("<p>") && !d.body.contains("von"),
            "{}",
            d.body
        );
        assert_eq!(d.body.matches("Corpus Delicti").count(), 1, "{}", d.body);

        let d = p(&format!(
            "Titel der Meldung\n\n• Polizeiauto mit Blaulicht. Foto: Karl-Josef Hildenbrand/dpa\n\n{SENTENCE}"
        ));
        assert_eq!(
            d.meta.caption.as_deref(),
            Some("Polizeiauto mit Blaulicht.")
        );
        assert_eq!(d.meta.credit.as_deref(), Some("Karl-Josef Hildenbrand/dpa"));
    }

    #[test]
    fn a_numbered_breadcrumb_is_no_headline() {
        let d = p(&format!(
            "1. Home\n  2. Regionales\n  3. Landtag debattiert über Haushalt\n\nLandtag debattiert über Haushalt\n\n{SENTENCE}"
        ));
        assert_eq!(d.meta.title, "Landtag debattiert über Haushalt");
        assert!(!d.body.contains("Home"), "{}", d.body);
    }

    #[test]
    fn a_caption_printed_twice_in_one_line_goes_to_front_matter_once() {
        let d = p(&format!(
            "Landtag debattiert über Haushalt\n\nJulia Klöckner (CDU) Julia Klöckner (CDU)\n\nQuelle: dpa\n\n{SENTENCE}"
        ));
        assert_eq!(d.meta.caption.as_deref(), Some("Julia Klöckner (CDU)"));
        assert_eq!(d.meta.credit.as_deref(), Some("dpa"));
        assert_eq!(d.meta.title, "Landtag debattiert über Haushalt");
    }

    #[test]
    fn a_credit_after_the_only_paragraph_leaves_it_text() {
        let d = p(&format!(
            "Landtagswahl in NÖ\nWie die ÖVP den Absturz verhindern will\n{SENTENCE}\n© APA/TOBIAS STEINMAURER"
        ));
        assert_eq!(d.body, SENTENCE);
        assert_eq!(d.meta.caption, None);
        assert_eq!(d.meta.credit.as_deref(), Some("APA/TOBIAS STEINMAURER"));
    }

    #[test]
    fn a_labelled_copy_of_the_headline_is_the_page_title() {
        let d = p(&format!(
            "Video: Koalition in Schockstarre: Haushalt bringt Ampel an ihre Grenzen\nVideo\nKoalition in Schockstarre: Haushalt bringt Ampel an ihre Grenzen\n{SENTENCE}\nKoalition in Schockstarre: Haushalt bringt Ampel an ihre GrenzenFoto: dpa"
        ));
        assert_eq!(
            d.meta.title,
            "Koalition in Schockstarre: Haushalt bringt Ampel an ihre Grenzen"
        );
        assert_eq!(d.meta.credit.as_deref(), Some("dpa"));
        assert_eq!(d.body, SENTENCE);
    }

    #[test]
    fn a_date_before_the_dateline_dates_the_article() {
        let d = p(&format!(
            "14.09.2017 Düsseldorf. {SENTENCE}\n\n{SENTENCE} (dpa)"
        ));
        assert_eq!(
            d.meta.date.map(|d| d.to_string()).as_deref(),
            Some("2017-09-14")
        );
        assert!(d.body.starts_with("Die Regierung"), "{}", d.body);
    }

    #[test]
    fn a_caption_with_a_bare_credit_in_the_head_goes_to_front_matter() {
        let d = p(&format!(
            "President William Ruto. /COURTESY\n\nKenya\n\nPresident Ruto chairs a meeting at State House\n\nPublished\n\nNAIROBI, Kenya, Oct 27 – {SENTENCE}"
        ));
        assert_eq!(d.meta.caption.as_deref(), Some("President William Ruto."));
        assert_eq!(d.meta.credit.as_deref(), Some("COURTESY"));
        assert_eq!(
            d.meta.title,
            "President Ruto chairs a meeting at State House"
        );
        assert_eq!(d.body, SENTENCE);
    }

    #[test]
    fn a_source_in_a_meta_line_is_the_agency() {
        let d = p(&format!(
            "Mar 05, 2018 04:17 PM IST | Source: PTI\n\nOpposition wants debate in Lok Sabha\n\n{SENTENCE}"
        ));
        assert_eq!(d.meta.agencies, ["PTI"]);
    }

    #[test]
    fn a_name_the_lead_speaks_of_is_a_topic_tag_not_the_author() {
        let d = p("Ruto will rally his MPs\n\nWilliam Ruto\n\nPresident William Ruto has assured the opposition leader that he will pull all the strings.");
        assert!(d.meta.authors.is_empty(), "{:?}", d.meta.authors);
        let d = p("Ruto will rally his MPs\n\nJane Mwangi\n\nPresident William Ruto has assured the opposition leader that he will pull all the strings.");
        assert_eq!(d.meta.authors, ["Jane Mwangi"]);
    }

    #[test]
    fn a_photo_caption_with_its_photographer_is_no_headline() {
        let d = p(&format!(
            "Merz spricht im Bundestag (Foto: Max Muster)\n\nMerz verteidigt den Haushalt\n\n{SENTENCE}"
        ));
        assert_eq!(d.meta.title, "Merz verteidigt den Haushalt");
        assert_eq!(d.meta.caption.as_deref(), Some("Merz spricht im Bundestag"));
        assert_eq!(d.meta.credit.as_deref(), Some("Max Muster"));
        let d = p(&format!(
            "Merz verteidigt den Haushalt\n\nMerz im Bundestag (Bild: picture alliance/dpa)\n\n{SENTENCE}"
        ));
        assert_eq!(d.meta.title, "Merz verteidigt den Haushalt");
        assert!(d.meta.agencies.is_empty(), "{:?}", d.meta.agencies);
    }

    #[test]
    fn a_relayed_credit_line_is_no_headline() {
        let d = p(&format!(
            "Annalena Baerbock (Archiv)\nAuswärtiges Amt, über dts Nachrichtenagentur\nBaerbock reist nach Kiew\nBerlin (dts Nachrichtenagentur) - {SENTENCE}"
        ));
        assert_eq!(d.meta.title, "Baerbock reist nach Kiew");
        assert_eq!(
            d.meta.credit.as_deref(),
            Some("Auswärtiges Amt, über dts Nachrichtenagentur")
        );
        assert_eq!(d.meta.agencies, ["dts"]);
        assert_eq!(d.body, SENTENCE);
    }

    #[test]
    fn a_kicker_label_glued_to_the_headline_is_cut_off() {
        let d = p(&format!(
            "Kommentar Die SPD verliert ihre Mitte\n\n{SENTENCE}"
        ));
        assert_eq!(d.meta.title, "Die SPD verliert ihre Mitte");
        let d = p(&format!("Analyse Warum Merz jetzt zögert\n\n{SENTENCE}"));
        assert_eq!(d.meta.title, "Warum Merz jetzt zögert");
    }

    #[test]
    fn an_agency_byline_with_an_update_line_is_no_headline() {
        let d = p(&format!(
            "Von APA / NÖN.at. Update am 12.03.2025, 10:15\n\nLandtag beschließt das Budget\n\n{SENTENCE}"
        ));
        assert_eq!(d.meta.title, "Landtag beschließt das Budget");
        assert_eq!(d.meta.agencies, ["APA"]);
        assert_eq!(
            d.meta.date.map(|d| d.to_string()).as_deref(),
            Some("2025-03-12")
        );
    }

    #[test]
    fn site_chrome_at_the_top_is_no_headline() {
        let d = p(&format!(
            "Zum Inhalt springen\n\nWir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten. Alle akzeptieren\n\nFrance France\n\nMerz trifft Macron in Paris\n\n{SENTENCE}"
        ));
        assert_eq!(d.meta.title, "Merz trifft Macron in Paris");
        assert_eq!(d.body, SENTENCE);
    }

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
    fn reads_agencies_from_a_dateline_and_strips_it_from_the_text() {
        let d = p(&format!("Titel der Meldung\n\nWarschau (dpa) - {SENTENCE}"));
        assert_eq!(d.meta.agencies, ["dpa"]);
        assert_eq!(d.body, SENTENCE);
        let d = p(&format!("Titel der Meldung\n\nBerlin. {SENTENCE}"));
        assert_eq!(d.body, SENTENCE);
    }

    #[test]
    fn a_title_with_a_surname_is_no_byline() {
        let d = p(&format!(
            "Außenminister Wadephul in Paris und Warschau dabei\n\n{SENTENCE}"
        ));
        assert!(d.meta.authors.is_empty(), "{:?}", d.meta.authors);
        assert_eq!(
            d.meta.title,
            "Außenminister Wadephul in Paris und Warschau dabei"
        );
    }

    #[test]
    fn the_headline_is_the_line_before_the_lead_after_kickers() {
        let d = p(&format!(
            "Politik\n\nSPD\n\nOlaf Lies soll Ministerpräsident werden\n\n{SENTENCE}"
        ));
        assert_eq!(d.meta.title, "Olaf Lies soll Ministerpräsident werden");
        let d = p(&format!(
            "Partei lockt und droht UnionDarum gibt die SPD nicht nach\n\n{SENTENCE}"
        ));
        assert_eq!(d.meta.title, "Darum gibt die SPD nicht nach");
    }

    #[test]
    fn a_photo_credit_names_no_agency() {
        let d = p(&format!(
            "Titel der Meldung\n\nDer Minister in Seoul. Foto: REUTERS\n\n{SENTENCE}"
        ));
        assert!(d.meta.agencies.is_empty(), "{:?}", d.meta.agencies);
        assert_eq!(d.meta.credit.as_deref(), Some("REUTERS"));
    }

    #[test]
    fn a_breadcrumb_on_one_line_gives_the_headline_its_last_item() {
        let d = p(&format!(
            "Home / National News / Colorado Movie Theater Shooting: Suspect to Appear in Court\n\n{SENTENCE}"
        ));
        assert_eq!(
            d.meta.title,
            "Colorado Movie Theater Shooting: Suspect to Appear in Court"
        );
        assert_eq!(d.body, SENTENCE);
    }

    #[test]
    fn a_question_under_a_kicker_is_the_headline_and_a_lone_label_is_none() {
        let d = p(&format!(
            "Politik\n\nWas hat sich in den neun Gemeinden in diesem ersten Jahr getan?\n\n{SENTENCE}"
        ));
        assert_eq!(
            d.meta.title,
            "Was hat sich in den neun Gemeinden in diesem ersten Jahr getan?"
        );
        assert_eq!(d.body, SENTENCE);
        let d = p(&format!("Politik\n\n{SENTENCE}"));
        assert!(d.meta.title_derived, "{}", d.meta.title);
    }

    #[test]
    fn headlines_in_a_row_or_under_a_link_label_are_a_box_of_links() {
        let d = p(&format!(
            "Titel der Meldung\n\n{SENTENCE}\n\nAfD gegen Verfassungsschutz: Kein Urteil nach zwei Verhandlungstagen\n\nLandkreise warnen dringend vor Übergriffen auf Lokalpolitiker\n\n{SENTENCE} Zwei."
        ));
        assert!(
            !d.body.contains("Landkreise") && !d.body.contains("Verfassungsschutz"),
            "{}",
            d.body
        );
        let d = p(&format!(
            "Titel der Meldung\n\n{SENTENCE}\n\nALSO READ:\n\n- Malema rejects the proposal\n\n- Members protest outside the meeting\n\n{SENTENCE} Zwei."
        ));
        assert!(
            !d.body.contains("Malema") && !d.body.contains("ALSO"),
            "{}",
            d.body
        );
        assert!(d.body.ends_with("Zwei."), "{}", d.body);
    }

    #[test]
    fn a_shouted_place_and_a_short_line_printed_twice_leave_the_text() {
        let d = p(&format!(
            "Titel der Meldung\n\n{SENTENCE}\n\nBOCHUM\n\n{SENTENCE} Zwei.\n\nNigeria Police\n\nNigeria Police\n\n{SENTENCE} Drei."
        ));
        assert!(
            !d.body.contains("BOCHUM") && !d.body.contains("Nigeria"),
            "{}",
            d.body
        );
        assert_eq!(d.meta.caption.as_deref(), Some("Nigeria Police"));
    }

    #[test]
    fn a_date_line_dropped_with_its_box_or_reading_time_still_dates_the_article() {
        let d = p(&format!(
            "Titel der Meldung\n\n28.12.2016, 12:34 Uhr / Lesedauer: 2 min\n\n{SENTENCE}"
        ));
        assert_eq!(
            d.meta.date.unwrap().to_string(),
            "2016-12-28T12:34:00+01:00"
        );
        let d = p(&format!(
            "Titel der Meldung\n\n{SENTENCE}\n\nÜber den Autor\nVon Anna Muster\nFreitag, 15.03.2024, 05:50 Uhr\n\n{SENTENCE} Zwei."
        ));
        assert_eq!(
            d.meta.date.unwrap().to_string(),
            "2024-03-15T05:50:00+01:00"
        );
    }

    #[test]
    fn a_signature_glued_to_the_last_paragraph_goes_to_agencies() {
        let d = p(&format!("Titel der Meldung\n\n{SENTENCE} dapd"));
        assert_eq!(d.meta.agencies, ["dapd"]);
        assert_eq!(d.body, SENTENCE);
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
        assert_eq!(
            d.meta.date.unwrap().to_string(),
            "2025-01-24T10:12:00+01:00"
        );
        assert_eq!(d.body, SENTENCE);
    }

    #[test]
    fn a_name_over_a_portrait_credit_is_the_author_not_the_credit() {
        let d = p(&format!("Titel der Meldung\n\n{SENTENCE}\n\nLuca Deutschländer\nBildrechte: MDR/Jörn Rettig\n\n{SENTENCE} Zwei."));
        assert_eq!(d.meta.authors, ["Luca Deutschländer"]);
        assert_eq!(d.meta.credit, None);
        assert!(!d.body.contains("Deutschländer"), "{}", d.body);
    }

    #[test]
    fn a_caption_over_its_credit_stays_a_caption() {
        let d = p(&format!(
            "Titel der Meldung\n\nDer Minister am Montag in Warschau\nFoto: dpa\n\n{SENTENCE}"
        ));
        assert!(d.meta.authors.is_empty());
        assert_eq!(d.meta.credit.as_deref(), Some("dpa"));
    }

    #[test]
    fn a_known_site_is_the_outlet_of_a_story_it_republished() {
        let text = format!("Title of the story\n\nThomas Coughlan, NZ Herald,\n\n{SENTENCE}");
        let known = parse_from(&text, Some("https://www.newstalkzb.co.nz/news/x/")).unwrap();
        assert_eq!(known.meta.source.as_deref(), Some("Newstalk ZB"));
        let unknown = parse_from(&text, Some("https://unknown-site.example/x")).unwrap();
        assert_ne!(unknown.meta.source.as_deref(), Some("unknown-site.example"));
    }

    #[test]
    fn the_date_beside_the_byline_beats_the_sites_date_above_everything() {
        let text = format!("Thursday, February 5, 2026\n\nTitle of the story\n\nDarpan News Desk The Canadian Press, 16 Sep, 2025 07:55 AM\n\n{SENTENCE}");
        let d = p(&text);
        assert_eq!(d.meta.date.unwrap().to_string(), "2025-09-16");
        let d = p(&format!(
            "Thursday, February 5, 2026\n\nTitle of the story\n\n{SENTENCE}"
        ));
        assert_eq!(d.meta.date.unwrap().to_string(), "2026-02-05");
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

    #[test]
    fn a_line_after_a_datelined_lead_is_a_subheading_however_well_the_address_names_it() {
        let text = format!(
            "Nächtlicher Einbruch in Kindergarten - Erzieherin ruft Polizei\n\n\
             Drolshagen - Unbekannte sind in der Nacht in den Kindergarten eingebrochen. {SENTENCE}\n\n\
             Einbruch in Kindernest: Bargeld gestohlen\n\n{SENTENCE}"
        );
        let d = parse_from(
            &text,
            Some("https://example.com/einbruch-kindergarten-drolshagen-kindernest-bargeld-gestohlen.html"),
        )
        .expect("an article");
        assert_eq!(
            d.meta.title,
            "Nächtlicher Einbruch in Kindergarten - Erzieherin ruft Polizei"
        );
        assert!(
            d.body.starts_with("Unbekannte sind in der Nacht"),
            "{}",
            d.body
        );
    }

    #[test]
    fn a_headline_line_in_another_script_above_the_text_is_dropped() {
        let d = p(&format!(
            "Cabinet approves permanent residency law\n\n\u{645}\u{62c}\u{644}\u{633} \u{627}\u{644}\u{648}\u{632}\u{631}\u{627}\u{621}\n\nThe cabinet met yesterday and approved a new law on permanent residency. {SENTENCE}"
        ));
        assert_eq!(d.meta.title, "Cabinet approves permanent residency law");
        assert!(d.body.starts_with("The cabinet met"), "{}", d.body);
    }

    #[test]
    fn an_agency_alone_in_brackets_under_the_headline_is_its_byline() {
        let d = p("Nature gives nod to ten scientists from China\nUpdated: 2016-06-21 10:23\n(Xinhua)\n\nTen of China's leading scientists were named by the journal on Monday. They work in physics and biology.");
        assert_eq!(d.meta.agencies, vec!["Xinhua"]);
        assert!(d.body.starts_with("Ten of China's"), "{}", d.body);
    }

    #[test]
    fn a_bracketed_date_before_a_dateline_dates_the_article() {
        let d = p("Cleveland Fed chief comfortable raising rates\n\n[February 20, 2017] SINGAPORE (Reuters) - Cleveland Fed President Loretta Mester said on Monday she would be comfortable raising rates.\n\nShe spoke in Singapore.");
        assert_eq!(
            d.meta.date.map(|d| d.to_string()),
            Some("2017-02-20".into())
        );
        assert_eq!(d.meta.agencies, vec!["Reuters"]);
        assert!(d.body.starts_with("Cleveland Fed President"), "{}", d.body);
    }

    #[test]
    fn a_byline_with_its_date_in_the_header_line_gives_no_outlet() {
        let d = p(" date 2023-04-24 By Chris King \u{2022} 24 April 2023 \u{2022} 18:54\nPremier League manager fired after four matches\nTottenham announced the sacking of their interim manager this afternoon. He had been in charge for less than a month.\n\nThe club thanked him.");
        assert_eq!(d.meta.source, None);
        assert_eq!(d.meta.authors, vec!["Chris King"]);
    }

    #[test]
    fn a_dateline_on_a_line_of_its_own_gives_its_agency() {
        let d = p("Quake survivors pulled from rubble\n\nNURDAGI, Turkey (AP):\n\nRescuers pulled two survivors from the rubble on Tuesday. The search goes on.\n\nMore teams arrived.");
        assert_eq!(d.meta.agencies, vec!["AP"]);
        assert!(d.body.starts_with("Rescuers pulled"), "{}", d.body);
    }

    #[test]
    fn the_bullets_of_a_prompt_go_with_it() {
        let d = p(&format!(
            "Die Stadt baut eine neue Brücke über den Fluss\n\n{SENTENCE}\n\nSign in to unlock member-only benefits!\n\n\u{2022} Access 10 free stories every month\n\n\u{2022} Save stories to read later\n\n{SENTENCE} Mehr."
        ));
        assert_eq!(d.body, format!("{SENTENCE}\n\n{SENTENCE} Mehr."));
    }

    #[test]
    fn a_labelled_caption_inside_the_text_is_no_text() {
        let d = p(&format!(
            "Die Stadt baut eine neue Brücke über den Fluss\n\n{SENTENCE}\n\nCaption: Taxi driver Tony Hajjar protested the decision. (CBC)\n\n{SENTENCE} Mehr."
        ));
        assert_eq!(d.body, format!("{SENTENCE}\n\n{SENTENCE} Mehr."));
        assert_eq!(d.meta.caption, None);
    }

    #[test]
    fn a_subheading_naming_two_teams_is_no_dateline() {
        let d = p("Halbfinale komplett: Heilbronn und Bietigheim sind durch\n\nIn den vorherigen vier Spielen hatten die Icefighters nur drei Tore erzielt. Nun legten sie nach.\n\nHeilbronner Falken \u{2013} Memminger Indians 6:3 (3:2, 2:0, 1:1)\n\nAuch der Meister musste die Gegenwehr niederringen. Dann stand es fest.");
        assert!(
            d.body
                .contains("Heilbronner Falken \u{2013} Memminger Indians"),
            "{}",
            d.body
        );
    }

    #[test]
    fn the_last_paragraph_signed_by_its_agency_is_text_not_a_caption() {
        let d = p(&format!(
            "Neuer Gemeindebau für Favoriten\n\n{SENTENCE}\n\nIn Wien gibt es mehr als 2.000 Gemeindebauten. Das ist ein Drittel. (APA/Red)"
        ));
        assert_eq!(d.meta.caption, None);
        assert_eq!(d.meta.agencies, vec!["APA"]);
        assert!(d.body.ends_with("Das ist ein Drittel."), "{}", d.body);
    }

    #[test]
    fn a_list_a_paragraph_announces_is_kept() {
        let d = p("Council adopts its ten-year plan for the city\n\nThe council adopted its long-term plan on Thursday. It sets out spending for ten years.\n\nOver the 10 years, this is where most of the money will be spent on:\n\n$2.6 billion on three waters investment\n\n$108 million on cycleways investment, including new routes\n\nThe mayor welcomed the plan.");
        assert!(
            d.body.contains("$2.6 billion on three waters investment"),
            "{}",
            d.body
        );
        assert!(d.body.contains("$108 million on cycleways"), "{}", d.body);
    }
}
