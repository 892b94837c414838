//! Noise in pastes: lines that are page furniture, not article text, and photo
//! credits that belong in front matter.
//!
//! A line is noise when it is an advertising or navigation label (`Werbung`,
//! `Advertisement`), a share or follow widget (`Facebook Twitter E-Mail`), a comment
//! counter (`12 Kommentare`), an image counter (`Bild 1 von 5`), a reading time, an
//! empty `Published on` / `Updated` line, or a newsletter, app or subscription
//! prompt. Credits are the photographer or agency of a photo: `(JUNG YEON-JE)`,
//! `Copyright Ahn Young-joon/AP`, `Quelle: Kim Hong-Ji/Reuters`, `Foto: dpa`.
//!
//! ```
//! use briefing::ingest::noise::{is_noise, split_credit};
//! assert!(is_noise("Werbung"));
//! assert!(is_noise("Facebook Twitter WhatsApp E-Mail"));
//! assert!(!is_noise("Werbung ist in Südkorea streng geregelt."));
//! let (caption, credit) = split_credit("Blinken in Seoul. (JUNG YEON-JE)").unwrap();
//! assert_eq!((caption.as_str(), credit.as_str()), ("Blinken in Seoul.", "JUNG YEON-JE"));
//! ```

use std::sync::LazyLock;

use regex::Regex;

use super::dates::is_empty_date_line;
use super::rules::rules;

/// Longest line treated as a prompt: a prompt is a sentence or two; a longer
/// paragraph that mentions a newsletter is article text.
const MAX_PROMPT_LEN: usize = 320;

/// Longest caption with its credit (three copies of a caption printed in
/// one line included).
const MAX_CAPTION_CHARS: usize = 600;

/// Longest photo credit: a photographer's name and an agency.
const MAX_CREDIT_LEN: usize = 60;

static COUNTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\d{1,7}|\d{1,2}:\d{2}(?:\s*uhr)?|(?:more|weitere|mehr)\s+[\p{L} ]{0,20}\s*(?:articles|stories|artikel|nachrichten)|\d+\s*(?:kommentare?|comments?|reaktionen|antworten|replies|shares?)|(?:kommentare?|comments?)\s*\(?\d+\)?|(?:bild|foto|image|photo|slide)?\s*\d+\s*(?:von|of|/)\s*\d+|\d+\s*(?:bilder|fotos|photos|pictures|images|videos)|\d+\s*(?:min\.?|minuten|minutes?|mins?)(?:\s*(?:lesezeit|read|lesen))?)$").unwrap()
});

/// The signature under an embedded post: a dash, the account's name, its
/// handle in parentheses and the post's date (`— MDR SACHSEN-ANHALT
/// (@MDR_SAN) March 13, 2016`). The date is the post's, not the article's.
static POST_SIGNATURE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[—–-]\s*[^()]{1,80}\(@\w{1,30}\)\s+.{0,40}\b\d{4}$").unwrap());

/// A link to more on a topic: `More on Home Office`, `Mehr zu Olaf Scholz`.
static MORE_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:More on|More from|More about|Mehr zu|Mehr zum|Mehr zur|Mehr von|Mehr über|Mehr aus)\s+\p{Lu}[^.!?:]{0,40}$").unwrap()
});

/// A page's note on an article's age, alone or before its section: `vor
/// 17 Stunden | Polizei & Gericht`, `2 hours ago`, `3 days ago · World`.
static RELATIVE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:vor\s+\d{1,3}\s+(?:sekunden|minuten|min\.?|stunden|std\.?|tagen|wochen|monaten)|\d{1,3}\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago)(?:\s*[|•·-]\s*[^.!?]{0,40})?$").unwrap()
});

/// A wire service's note to its clients in brackets: `(ATTN: ADDS more
/// details, photo)`, `(EDS: …)` — a label of capitals and a colon.
static CLIENT_NOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\([A-Z]{2,8}:[^()]{1,120}\)$").unwrap());

static PICTURE_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\d{1,3}\s*(?:bilder|fotos|photos|pictures|images)$").unwrap()
});

/// Whether a line counts the pictures of a gallery (`8 Bilder`), whose
/// title stands on the line before it.
pub fn is_picture_count(line: &str) -> bool {
    PICTURE_COUNT.is_match(line.trim())
}

/// The site's copyright notice: a label and a year (`© 2019 Asian Mirror
/// (pvt) Ltd`, `Copyright 2023 WIS. All rights reserved.`). A photo credit
/// names the photographer, not a year.
static SITE_COPYRIGHT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:copyright|©|\(c\))\s*(?:19|20)\d{2}\b").unwrap());

/// Whether a whole line is noise.
/// Whether `line` is a prompt (newsletter, app, subscription, comments):
/// a short line holding one of the rules' prompt phrases.
pub fn is_prompt(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    lower.len() <= MAX_PROMPT_LEN
        && rules()
            .prompt_phrases
            .iter()
            .any(|p| lower.contains(p.as_str()))
}

pub fn is_noise(line: &str) -> bool {
    let line = line.trim();
    let r = rules();
    if line.is_empty()
        || CLIENT_NOTE.is_match(line)
        || (SITE_COPYRIGHT.is_match(line) && line.len() <= MAX_PROMPT_LEN)
        || r.is_noise_label(line)
        || COUNTER.is_match(line)
        || POST_SIGNATURE.is_match(line)
        || is_empty_date_line(line)
        || RELATIVE_TIME.is_match(line)
        || MORE_LINK.is_match(line)
    {
        return true;
    }
    if line.chars().all(|c| !c.is_alphanumeric()) {
        return true;
    }
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || "|•·,/".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    if !words.is_empty() && words.len() <= 12 && words.iter().all(|w| r.is_share_word(w)) {
        return true;
    }
    if is_prompt(line) {
        return true;
    }
    is_widget_line(line)
}

/// Most words in a widget line: a handle, a tag list or an image's alt text.
const MAX_WIDGET_WORDS: usize = 12;

/// A line of page widgets by its shape: a short line with a social handle
/// (`PTI @moneycontrolcom`), a list of hashtags (`tags #India #Politics`),
/// or the alt text of a site's logo or icon (`Straitstimes.com header logo`).
fn is_widget_line(line: &str) -> bool {
    // An embedded post cut short and signed by its platform: `VIDEO | … are
    // being taken to… Facebook`.
    let mut tail = line.rsplitn(3, ' ');
    if let (Some(last), Some(before)) = (tail.next(), tail.next()) {
        if before.ends_with('…') && rules().is_share_word(last) {
            return true;
        }
    }
    if line.matches(' ').count() >= MAX_WIDGET_WORDS || super::title::ends_with_punctuation(line) {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() {
        return false;
    }
    let tagged = |mark: char| {
        words
            .iter()
            .filter(|w| {
                w.strip_prefix(mark)
                    .is_some_and(|rest| rest.chars().next().is_some_and(char::is_alphanumeric))
            })
            .count()
    };
    let handle = words.len() <= 4 && tagged('@') > 0;
    let hashtags = tagged('#') >= 2;
    let alt_text = words.len() <= 4 && words.last().is_some_and(|w| rules().is_alt_text_word(w));
    handle || hashtags || alt_text || is_slug(line)
}

/// Fewest hyphens in a page address's slug left as a line of its own.
const MIN_SLUG_HYPHENS: usize = 2;

/// A page address's slug printed as a line (an image's file name or a
/// link's text): lowercase words joined by hyphens, no space
/// (`football-fans-are-excited-about-…`, `britain-london-attacke-`).
fn is_slug(line: &str) -> bool {
    let shaped = !line.contains(' ')
        && line.matches('-').count() >= MIN_SLUG_HYPHENS
        && !line.contains("--")
        && line.chars().all(|c| c == '-' || c.is_alphanumeric());
    // A compound word has no trailing hyphen and capitals in it.
    shaped && (line.ends_with('-') || !line.chars().any(char::is_uppercase))
}

/// A line printed twice in a row within itself, as an image's alt text and
/// its caption or as a flag and a team's name: `Julia Klöckner (CDU) Julia
/// Klöckner (CDU)`, `France France`. The text once.
pub fn printed_twice(line: &str) -> Option<String> {
    // Pastes are normalized to single spaces: the two copies stand either
    // side of the middle space.
    let line = line.trim();
    let mid = line.len() / 2;
    let doubled = line.len() % 2 == 1
        && line.is_char_boundary(mid)
        && line.as_bytes()[mid] == b' '
        && line[..mid] == line[mid + 1..];
    // Or glued without a space (`999 crews in Halifax999 crews in Halifax`),
    // when each copy is long enough not to be a word said twice.
    let glued = line.len().is_multiple_of(2)
        && mid >= MIN_GLUED_COPY
        && line.is_char_boundary(mid)
        && line[..mid] == line[mid..];
    (doubled || glued).then(|| line[..mid].to_string())
}

/// Fewest bytes of each copy of a line printed twice without a space.
const MIN_GLUED_COPY: usize = 12;

/// Whether `line` opens an author box ("Über den Autor", "About the author").
pub fn opens_author_box(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    rules().author_box_headings.iter().any(|h| {
        lower == *h
            || lower
                .strip_prefix(h.as_str())
                .is_some_and(|rest| rest.starts_with([':', ' ']) && lower.len() < 80)
    })
}

static PAREN_CREDIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.*?)\s*\(([^()]{2,60})\)$").unwrap());

/// Whether `text` reads as a photo credit: shouted names (`JUNG YEON-JE`), a
/// name with an agency (`Kay Nietfeld/dpa`), a labelled credit or an agency.
fn is_credit_text(text: &str) -> bool {
    let text = text.trim();
    if text.is_empty() || text.len() > MAX_CREDIT_LEN || text.ends_with(['.', '!', '?']) {
        return false;
    }
    let r = rules();
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let shouting =
        letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase()) && text.contains(' ');
    // `Kay Nietfeld/dpa`, `Soeren Stache / dpa / Soeren Stache`, `IMAGO / photothek`.
    // `File Photo| PTI`.
    let with_agency = text.contains(['/', '|'])
        && text
            .split(['/', '|'])
            .map(str::trim)
            .map(|part| {
                // `AP Photo/Evan Vucci`, `Reuters Pictures/…`.
                ["Photo", "Photos", "Pictures", "Images"]
                    .iter()
                    .find_map(|w| part.strip_suffix(w))
                    .map_or(part, str::trim_end)
            })
            .any(|part| r.agency(part).is_some() || r.is_photo_agency(part));
    // `Joanne Chianello/CBC`: a photographer of the outlet itself.
    let with_outlet = matches!(text.split('/').collect::<Vec<_>>()[..],
        [name, outlet] if name.split_whitespace().count() >= 2 && r.outlet(outlet.trim()).is_some());
    shouting || with_outlet || with_agency || labelled_credit(text).is_some()
}

/// The credit of a line like `Copyright NAME/AP` or `Foto: dpa`.
fn labelled_credit(text: &str) -> Option<&str> {
    let lower = text.to_lowercase();
    rules().credit_labels.iter().find_map(|label| {
        let rest = lower.strip_prefix(label.as_str())?;
        let skip = rest.len() - rest.trim_start_matches([':', ' ', '/']).len();
        let credit = text[label.len() + skip..].trim();
        // Without a colon, a credit is a name (`Copyright NAME/AP`), not a
        // word of prose (`Source link`).
        let prose = !rest[..skip].contains([':', '/'])
            && credit.chars().next().is_some_and(char::is_lowercase)
            && rules().agency(credit).is_none();
        ((skip > 0 && !prose) || label == "©").then_some(credit)
    })
}

/// Fewest words of the sentence after the year of a site's copyright notice.
const MIN_NOTICE_WORDS: usize = 3;

/// The page's copyright notice, not a picture's: a year, then a sentence
/// (`© 2024. Developed by … and powered by …`).
fn is_site_notice(credit: &str) -> bool {
    credit
        .trim_start_matches(['©', ' '])
        .split_once(". ")
        .is_some_and(|(year, rest)| {
            year.len() == 4
                && year.bytes().all(|b| b.is_ascii_digit())
                && rest.split_whitespace().count() >= MIN_NOTICE_WORDS
        })
}

/// A line that is nothing but a credit: `(JUNG YEON-JE)`, `Copyright NAME/AP`.
pub fn credit_only(line: &str) -> Option<String> {
    let line = line.trim();
    // `Foto: A / B / A / B`: a credit printed twice.
    let deduped = undoubled(line);
    let line = deduped.as_str();
    if line.len() > MAX_CREDIT_LEN + 12 {
        return None;
    }
    if let Some(inner) = line.strip_prefix('(').and_then(|l| l.strip_suffix(')')) {
        return is_credit_text(inner).then(|| strip_label(inner));
    }
    if let Some(credit) = relayed_credit(&strip_label(line)) {
        return Some(credit);
    }
    match labelled_credit(line) {
        Some(credit) => {
            (!credit.is_empty() && !credit.ends_with(['.', '!', '?']) && !is_site_notice(credit))
                .then(|| credit.to_string())
        }
        None => slashed_credit(line).then(|| line.to_string()),
    }
}

/// A credit without a label joining a photographer and the outlet or agency
/// by a slash: `ORF.at/Roland Winkler`, `Roland Winkler/APA`.
fn slashed_credit(line: &str) -> bool {
    if line.len() > MAX_CREDIT_LEN || super::title::ends_with_punctuation(line) {
        return false;
    }
    let r = rules();
    let known = |p: &str| r.agency(p).is_some() || r.is_photo_agency(p) || r.outlet(p).is_some();
    let name = super::credits::is_person_name;
    match line
        .split('/')
        .map(str::trim)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [a, b] => (known(a) && name(b)) || (name(a) && known(b)),
        _ => false,
    }
}

/// A credit naming its source and the agency that relayed the picture:
/// `Auswärtiges Amt, über dts Nachrichtenagentur`, `Handout via Reuters`.
fn relayed_credit(line: &str) -> Option<String> {
    if line.len() > MAX_CREDIT_LEN || super::title::ends_with_punctuation(line) {
        return None;
    }
    let r = rules();
    let lower = line.to_lowercase();
    r.credit_relays.iter().find_map(|relay| {
        let at = lower.find(&format!(" {relay} "))?;
        let agency = line[at + relay.len() + 2..].trim();
        let known = r.agency(agency).is_some() || r.is_photo_agency(agency);
        (at > 0 && known).then(|| line.to_string())
    })
}

/// A text whose second half repeats its first after ` / ` or a space,
/// reduced to the first: `Foto: A / B / A / B` → `Foto: A / B`.
fn undoubled(text: &str) -> String {
    let parts: Vec<&str> = text.split(" / ").collect();
    let n = parts.len();
    if n >= 4 && n.is_multiple_of(2) {
        let (a, b) = parts.split_at(n / 2);
        let strip = |p: &str| labelled_credit(p).unwrap_or(p).trim().to_lowercase();
        let same = |x: &[&str], y: &[&str]| {
            x.iter()
                .zip(y)
                .all(|(p, q)| p.to_lowercase() == q.to_lowercase())
        };
        if strip(a[0]) == strip(b[0]) && same(&a[1..], &b[1..]) {
            return a.join(" / ");
        }
    }
    text.to_string()
}

fn strip_label(text: &str) -> String {
    labelled_credit(text).unwrap_or(text).trim().to_string()
}

static LABEL_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.+?[.!?\p{Ll}\p{Lu}”“»«)])\s*(?:\|\s*)?(?:[−–—-]\s*)?((?i:Copyright|©|\(c\)|File photo by|Photo by|Picture by|Photo courtesy|Picture courtesy|Foto:|Fotos:|Bild:|Quelle:|Photo:|Photos:|Picture:|Pictures:|Image:|Credit:|Bildquelle:|Photo/|Foto/|Picture/)\s*(?:[^.!?]|\.[\p{L}\d]){2,60})\.?$").unwrap()
});

/// A caption sentence, then the picture's owner in a few capitalized words
/// and what the picture is: `CDN Digital file photo`, `AP file photo`,
/// `Contributed photo`.
static OWNER_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.{10,}?[.!?”\x22])\s+((?:\p{Lu}[\p{L}&.-]*\s+){1,4}(?i:file\s+)?(?i:photo|picture|image))\.?$").unwrap()
});

/// Most bytes after the slash of an agency's credit (`/Kevin Lamarque`).
const MAX_SLASH_CREDIT_TAIL: usize = 44;

/// A caption sentence, then a credit of an agency and a photographer joined
/// by a slash (`REUTERS/Kevin Lamarque`, `AP Photo/Evan Vucci`).
static SLASH_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.{10,}?[.!?”\x22])\s+([^\s.!?/][^.!?/]{1,40}/\s?[^.!?/]{2,40})$").unwrap()
});

/// A caption sentence with a credit after it in the forms some outlets use
/// without a label: `… Ruto. /COURTESY`, `… 2023. [File, Standard]`, and an
/// agency in parentheses, `… on Monday. (PTI)`.
static BARE_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.{10,}?[.!?”“\x22])\s*(?:/\s*([^/.!?]{2,40})|\[([^\[\].!?]{2,60})\]|\(([^()]{2,40})\)|[—–]\s*([^—–.!?]{2,40}))$")
        .unwrap()
});

/// A photographer's initials or name and the outlet, parted by a bar,
/// after a caption's last sentence: `… on New Year's Eve. KLH | Union`.
static BAR_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.{10,}?[.!?”\x22])\s+((?:\p{Lu}[\p{L}.'-]*\s){0,2}\p{Lu}[\p{L}.'-]*\s\|\s(?:\p{Lu}[\p{L}.'-]*\s){0,2}\p{Lu}[\p{L}.'-]*)$")
        .unwrap()
});

/// Most words of an agency's name after a caption's last sentence.
const MAX_TRAILING_CREDIT_WORDS: usize = 3;

/// Fewest characters of a caption before a credit.
const MIN_CAPTION_CHARS: usize = 10;

/// Most characters of a caption with an agency after its last sentence
/// (`… on Tuesday. ANI`); a longer paragraph so signed is text (`… empfehle.
/// dapd`).
const MAX_SIGNED_CAPTION_CHARS: usize = 250;

/// Splits a caption from the agency named after its last sentence: `… a
/// party meeting on Tuesday. ANI`. A short article signed so ends the same
/// way (`… beschlossen. dapd`), so the caller takes this only in the head
/// with text after it.
pub fn split_trailing_agency(line: &str) -> Option<(String, String)> {
    let r = rules();
    let (head, tail) = line.trim().rsplit_once(". ")?;
    let tail = tail.trim();
    let agency = tail.split_whitespace().count() <= MAX_TRAILING_CREDIT_WORDS
        && (r.agency(tail).is_some() || r.is_photo_agency(tail));
    // A caption is a sentence or two; a paragraph signed so is text.
    let caption_sized =
        (MIN_CAPTION_CHARS..=MAX_SIGNED_CAPTION_CHARS).contains(&head.chars().count());
    (agency && caption_sized).then(|| (format!("{head}."), tail.to_string()))
}

/// Splits a caption from a credit written without a label (`… Ruto.
/// /COURTESY`, `… [File, Standard]`, `… (PTI)`). A body paragraph can end
/// the same way (`… überschritten. (dpa)`), so the caller takes this only in
/// the head of the page.
pub fn split_bare_credit(line: &str) -> Option<(String, String)> {
    let line = line.trim();
    let r = rules();
    let shaped = line.ends_with([')', ']'])
        || line.contains(" /")
        || line.contains(". —")
        || line.contains(". –")
        || line.contains(" | ");
    if !shaped || line.chars().count() > MAX_CAPTION_CHARS {
        return None;
    }
    if let Some(c) = BAR_CREDIT.captures(line) {
        return Some((c[1].trim().to_string(), c[2].to_string()));
    }
    let c = BARE_CREDIT.captures(line)?;
    let caption = c[1].trim().to_string();
    if let Some(slash) = c.get(2).or(c.get(3)).or(c.get(5)) {
        let credit = slash.as_str().trim();
        return (credit.split_whitespace().count() <= 4).then(|| (caption, credit.to_string()));
    }
    let inner = c.get(4)?.as_str().trim();
    (r.agency(inner).is_some() || r.is_photo_agency(inner)).then(|| (caption, inner.to_string()))
}

/// Splits a caption closed by its photographer's name in brackets after
/// its last sentence: `Bis alle … Maskenpflicht. (Frank Thomas Koch)`.
/// Only in the head: the text's last paragraph may be signed the same way.
pub fn split_named_credit(line: &str) -> Option<(String, String)> {
    let line = line.trim();
    if !line.ends_with(')') || line.chars().count() > MAX_CAPTION_CHARS {
        return None;
    }
    let c = PAREN_CREDIT.captures(line)?;
    let (caption, name) = (c[1].trim(), c[2].trim());
    let named = name.split_whitespace().count() >= 2 && super::credits::is_person_name(name);
    (named && caption.ends_with(['.', '!', '?'])).then(|| (caption.to_string(), name.to_string()))
}

/// Splits a caption line ending in a credit into caption and credit:
/// `Blinken in Seoul (JUNG YEON-JE)`, `Blinken in Seoul Copyright NAME/AP`.
pub fn split_credit(line: &str) -> Option<(String, String)> {
    // A caption may end with the bar before a share button: `… Cal
    // Fire/Facebook |`.
    let mut line = line.trim().trim_end_matches(" |");
    // A longer paragraph ending in `(AFP/jW)` is text with its signature;
    // `Photo credit: NAME | Outlet` is a credit alone, not a caption `Photo`.
    if line.chars().count() > MAX_CAPTION_CHARS || labelled_credit(line).is_some() {
        return None;
    }
    // A caption printed twice or more in one line: "X. Picture: Y X. Picture: Y".
    while let Some(cut) = repeat_cut(line) {
        line = line[..cut].trim_end();
    }
    if let Some(c) = line
        .ends_with(')')
        .then(|| PAREN_CREDIT.captures(line))
        .flatten()
    {
        // `(Bild: Ilg Santer Architekten, Zürich.)`: a labelled credit may
        // close with a full stop inside the brackets.
        let inner = c[2].trim();
        let inner = match inner.strip_suffix('.') {
            Some(bare) if labelled_credit(bare).is_some() => bare,
            _ => inner,
        };
        if !c[1].is_empty() && is_credit_text(inner) {
            return Some((c[1].to_string(), strip_label(inner)));
        }
    }
    // `… on Friday. REUTERS/Kevin Lamarque`, `… 2023. THE CANADIAN
    // PRESS/Darryl Dyck`: an agency and its photographer after the
    // caption's last sentence.
    // (Only a line with a slash near its end is tried: the pattern is slow.)
    let slash_near_end = line
        .rfind('/')
        .is_some_and(|at| line.len() - at <= MAX_SLASH_CREDIT_TAIL);
    if let Some(c) = slash_near_end
        .then(|| SLASH_CREDIT.captures(line))
        .flatten()
    {
        if is_credit_text(&c[2]) {
            return Some((c[1].to_string(), first_credit(strip_label(&c[2]))));
        }
    }
    // `… Police Office chief. CDN Digital file photo`: the picture's owner
    // after the caption's last sentence, naming the picture.
    let lower_end = line.trim_end_matches('.').to_lowercase();
    if ["photo", "picture", "image"]
        .iter()
        .any(|w| lower_end.ends_with(w))
    {
        // (`File image.` alone names no owner: it qualifies the picture.)
        if let Some(c) = OWNER_CREDIT
            .captures(line)
            .filter(|c| !c[2].to_lowercase().starts_with("file "))
        {
            return Some((c[1].to_string(), c[2].to_string()));
        }
    }
    // (A match is looked for before its groups: finding the groups of every
    // line is slow.)
    if !LABEL_CREDIT.is_match(line) {
        return None;
    }
    let c = LABEL_CREDIT.captures(line)?;
    // `Archivfoto: NAME` is a label of its own, not the caption `Archiv`.
    // A label glued on with a capital (`…GrenzenFoto: dpa`) is two
    // elements of the page run together.
    let glued = c[1].ends_with(char::is_alphabetic)
        && c[2].starts_with(char::is_lowercase)
        && !line[c.get(1)?.end()..].starts_with([' ', '|']);
    if glued {
        return None;
    }
    let credit = strip_label(&c[2]);
    let credit = first_credit(credit.trim_end_matches('.').to_string());
    let mut caption = c[1].trim();
    // `… Braamfontein. File picture: NAME`: a word qualifying the label
    // after the caption's last sentence belongs to the label.
    if let Some((head, word)) = caption.rsplit_once(' ') {
        let qualifier = head.ends_with(['.', '!', '?'])
            && word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().all(char::is_alphabetic);
        if qualifier {
            caption = head;
        }
    }
    // `… einen Verletzten (Foto: dpa) Foto: dpa`: the credit given twice;
    // `… Foto: NAME/dpa © dpa - Deutsche Presse-Agentur`: the photographer's
    // credit, then the rights holder's notice. The first credit is the
    // picture's.
    if let Some((inner, first)) = split_credit(caption) {
        return Some((inner, first));
    }
    (!credit.is_empty()).then(|| (caption.to_string(), credit))
}

/// The first of two labelled credits: `Feuerwehr/Kramer Foto: Schwarzwälder
/// Bote`, the photographer's, then the outlet's, is the picture's.
fn first_credit(mut credit: String) -> String {
    if let Some(at) = second_label(&credit) {
        credit.truncate(at);
    }
    credit
}

/// Where a second credit's label and colon start within a credit
/// (`Feuerwehr/Kramer Foto: Schwarzwälder Bote` → after `Kramer`).
fn second_label(credit: &str) -> Option<usize> {
    let lower = credit.to_lowercase();
    if lower.len() != credit.len() {
        return None;
    }
    lower.match_indices(' ').map(|(at, _)| at).find(|&at| {
        rules().credit_labels.iter().any(|label| {
            lower[at + 1..]
                .strip_prefix(label.as_str())
                .is_some_and(|rest| rest.starts_with(':'))
        })
    })
}

/// Where a caption with its credit starts over within the line, printed a
/// second or third time: `A. Picture: B A. Picture: B A. …` → after the first.
fn repeat_cut(line: &str) -> Option<usize> {
    let head: String = line.chars().take(24).collect();
    if head.chars().count() < 24 {
        return None;
    }
    let second = line.char_indices().nth(1)?.0;
    line[second..]
        .find(&head)
        .map(|i| i + second)
        .filter(|&i| line[..i].ends_with(' '))
}

/// Labels of a caption line without a credit: `FILE PHOTO: A ship …`.
static CAPTION_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:FILE PHOTO|PHOTO|ARCHIVBILD|ARCHIV|SYMBOLBILD|FOTO|BILD|(?i:caption))\s*[:|]\s*(.{10,})$")
        .unwrap()
});

/// A caption marked at its end as a stock or archive picture: `Ein
/// Polizist nutzt Handschellen (Symbolbild).`
static CAPTION_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^.{10,}?\s*\((?i:symbolbild|symbolfoto|archivbild|archivfoto|file photo|file picture|file image|stock image|stock photo)\)\.?$")
        .unwrap()
});

/// The caption of a line labelled as one (`FILE PHOTO: …`, `Symbolbild: …`,
/// `… (Symbolbild).`).
pub fn labelled_caption(line: &str) -> Option<String> {
    let line = line.trim();
    // The mark stays: it tells the reader the picture is not of the event.
    if CAPTION_MARK.is_match(line) {
        return Some(line.to_string());
    }
    if !line.starts_with(['F', 'P', 'A', 'S', 'B', 'C', 'c']) {
        return None;
    }
    let c = CAPTION_LABEL.captures(line)?;
    Some(c[1].trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_advertising_labels() {
        for label in ["Werbung", "Anzeige", "Advertisement", "ANZEIGE", "Werbung:"] {
            assert!(is_noise(label), "{label}");
        }
    }

    #[test]
    fn drops_a_bare_counter_but_not_a_number_in_a_sentence() {
        assert!(is_noise("0"));
        assert!(is_noise("138"));
        assert!(!is_noise("138 Abgeordnete stimmten dafür."));
        assert!(!is_noise("1."));
    }

    #[test]
    fn drops_a_picture_count_and_a_wire_note_to_clients() {
        assert!(is_noise("8 Bilder"));
        assert!(is_noise("12 Photos"));
        assert!(is_noise("(ATTN: ADDS more details, photo)"));
        assert!(!is_noise("(Reuters: the talks went on)"));
        assert!(!is_noise("8 Bilder zeigen die Zerstörung."));
    }

    #[test]
    fn a_site_copyright_notice_is_noise_and_no_photo_credit() {
        assert!(is_noise("© 2019 Asian Mirror (pvt) Ltd"));
        assert!(is_noise("Copyright 2023 WIS. All rights reserved."));
        assert!(!is_noise("© dpa"));
        assert_eq!(credit_only("© dpa").as_deref(), Some("dpa"));
    }

    #[test]
    fn a_caption_may_be_marked_as_a_stock_picture_at_its_end() {
        assert_eq!(
            labelled_caption("Ein Polizist nutzt Handschellen zur Festnahme (Symbolbild).")
                .as_deref(),
            Some("Ein Polizist nutzt Handschellen zur Festnahme (Symbolbild).")
        );
        assert!(labelled_caption("Die Polizei nahm den Mann fest (Foto).").is_none());
    }

    #[test]
    fn a_note_on_an_articles_age_is_noise() {
        assert!(is_noise("vor 17 Stunden | Polizei & Gericht"));
        assert!(is_noise("2 hours ago"));
        assert!(!is_noise("Vor 17 Stunden kam die Nachricht aus Berlin."));
        assert!(is_noise("More on Home Office"));
        assert!(!is_noise("More on that later."));
    }

    #[test]
    fn a_slug_left_as_a_line_is_noise_but_a_hyphenated_word_is_not() {
        assert!(is_noise("football-fans-are-excited-about-global-superstar"));
        assert!(is_noise("BRITAIN-London-Attacke-"));
        assert!(!is_noise("Sachsen-Anhalt-Wahl"));
        assert!(!is_noise("Ost-West-Gefälle"));
        assert!(!is_noise("anti-hate-speech laws"));
    }

    #[test]
    fn of_two_labelled_credits_the_first_is_the_picture_s() {
        assert_eq!(
            split_credit("Hagelkörner auf der Seebauernhöhe. Foto: Feuerwehr/Kramer Foto: Schwarzwälder Bote"),
            Some((
                "Hagelkörner auf der Seebauernhöhe.".to_string(),
                "Feuerwehr/Kramer".to_string()
            ))
        );
    }

    #[test]
    fn a_name_in_brackets_after_a_caption_s_sentence_is_its_photographer() {
        assert_eq!(
            split_named_credit("Im Landgericht gilt Maskenpflicht. (Frank Thomas Koch)"),
            Some((
                "Im Landgericht gilt Maskenpflicht.".to_string(),
                "Frank Thomas Koch".to_string()
            ))
        );
        assert_eq!(split_named_credit("Der Landtag tagt (Sitzungssaal)."), None);
        assert_eq!(split_named_credit("Das sagte die Partei. (CDU)"), None);
    }

    #[test]
    fn a_credit_label_without_a_colon_needs_a_name_after_it() {
        assert_eq!(credit_only("Source link"), None);
        assert_eq!(
            credit_only("Copyright Efrem Lukatsky/AP").as_deref(),
            Some("Efrem Lukatsky/AP")
        );
    }

    #[test]
    fn a_photographer_and_an_outlet_joined_by_a_slash_are_a_credit() {
        assert_eq!(
            credit_only("ORF.at/Roland Winkler").as_deref(),
            Some("ORF.at/Roland Winkler")
        );
        assert_eq!(credit_only("Berlin/Paris"), None);
    }

    #[test]
    fn of_a_credit_and_a_rights_notice_the_credit_is_the_picture_s() {
        assert_eq!(
            split_credit("Polizeiauto mit Blaulicht. Foto: Karl-Josef Hildenbrand/dpa/Archivbild © dpa - Deutsche Presse-Agentur"),
            Some((
                "Polizeiauto mit Blaulicht.".to_string(),
                "Karl-Josef Hildenbrand/dpa/Archivbild".to_string()
            ))
        );
    }

    #[test]
    fn a_credit_may_name_a_domain() {
        assert_eq!(
            split_credit("Ein Einsatzleiter der Polizei wurde verletzt. Foto: Politi.dk"),
            Some((
                "Ein Einsatzleiter der Polizei wurde verletzt.".to_string(),
                "Politi.dk".to_string()
            ))
        );
    }

    #[test]
    fn drops_the_signature_of_an_embedded_post() {
        assert!(is_noise("— MDR SACHSEN-ANHALT (@MDR_SAN) March 13, 2016"));
        assert!(!is_noise("— MDR SACHSEN-ANHALT, 13. März 2016"));
    }

    #[test]
    fn drops_paywall_and_comment_prompts() {
        assert!(is_noise(
            "Dieser Inhalt ist nur mit einem Digital-Abo sichtbar"
        ));
        assert!(is_noise("Sie sind bereits Kunde?"));
        assert!(is_noise("Weiterlesen?"));
        assert!(is_noise("Jump to comments ↓"));
        assert!(is_noise("ALSO READ:"));
        assert!(!is_noise("Die Kunden blieben aus, sagte der Händler."));
    }

    #[test]
    fn reads_a_credit_printed_twice_once() {
        assert_eq!(
            credit_only("Foto: Marcelo Hernandez / FUNKE Foto Services / MARCELO HERNANDEZ / FUNKE Foto Services").as_deref(),
            Some("Marcelo Hernandez / FUNKE Foto Services")
        );
    }

    #[test]
    fn drops_share_and_comment_widgets() {
        assert!(is_noise("Teilen"));
        assert!(is_noise("Facebook | X | WhatsApp | E-Mail"));
        assert!(is_noise("12 Kommentare"));
        assert!(is_noise("Comments (3)"));
        assert!(is_noise("Bild 2 von 7"));
    }

    #[test]
    fn drops_empty_published_and_updated_lines() {
        assert!(is_noise("Published on"));
        assert!(is_noise("Updated"));
    }

    #[test]
    fn drops_newsletter_and_app_prompts() {
        assert!(is_noise("Melden Sie sich hier für unseren Newsletter an."));
        assert!(is_noise("Sign up to our Europe newsletter"));
        assert!(is_noise("Laden Sie jetzt kostenlos unsere App herunter"));
        assert!(is_noise("4 Min. Lesezeit"));
    }

    #[test]
    fn keeps_sentences_that_mention_noise_words() {
        assert!(!is_noise("Die Anzeige wurde am Montag erstattet."));
        assert!(!is_noise("Facebook hat am Montag neue Regeln angekündigt."));
    }

    #[test]
    fn recognises_author_boxes() {
        assert!(opens_author_box("Über den Autor"));
        assert!(opens_author_box("About the author: Jane Doe covers Asia."));
        assert!(!opens_author_box("Autorität ist wichtig."));
    }

    #[test]
    fn splits_captions_from_their_credit() {
        let (caption, credit) =
            split_credit("Scholz in Kiew. Copyright Efrem Lukatsky/AP").unwrap();
        assert_eq!(
            (caption.as_str(), credit.as_str()),
            ("Scholz in Kiew.", "Efrem Lukatsky/AP")
        );
        let (caption, credit) =
            split_credit("Der Kreml in Moskau Quelle: Maxim Shemetov/Reuters").unwrap();
        assert_eq!(
            (caption.as_str(), credit.as_str()),
            ("Der Kreml in Moskau", "Maxim Shemetov/Reuters")
        );
        assert!(split_credit("Die Partei (CDU) legte zu").is_none());
        assert!(split_credit("Archivfoto: Andrea Zahler/Tamedia").is_none());
        assert_eq!(
            split_bare_credit("Members of the KP cabinet take oath on Wednesday. — DawnNewsTV"),
            Some((
                "Members of the KP cabinet take oath on Wednesday.".into(),
                "DawnNewsTV".into()
            ))
        );
        assert_eq!(
            split_credit("So soll das Theater aussehen: das Siegerprojekt. (Bild: Ilg Santer Architekten, Zürich.)"),
            Some(("So soll das Theater aussehen: das Siegerprojekt.".into(), "Ilg Santer Architekten, Zürich".into()))
        );
        assert_eq!(
            split_credit("The mayor addresses the media in Braamfontein. File picture: Itumeleng English/African News Agency(ANA)."),
            Some(("The mayor addresses the media in Braamfontein.".into(), "Itumeleng English/African News Agency(ANA)".into()))
        );
        assert_eq!(
            split_credit(
                "Das mobile Studio pilgert durch die Bundesländer. | Foto: ORF/Roman Zach-Kiesling"
            ),
            Some((
                "Das mobile Studio pilgert durch die Bundesländer.".into(),
                "ORF/Roman Zach-Kiesling".into()
            ))
        );
        assert_eq!(
            split_credit("Hilfskräfte behandeln einen Verletzten (Foto: dpa) Foto: dpa"),
            Some((
                "Hilfskräfte behandeln einen Verletzten".into(),
                "dpa".into()
            ))
        );
        assert!(split_credit("Das sagte die Sprecherin (SPD)").is_none());
    }

    #[test]
    fn widget_lines_are_noise_by_their_shape() {
        assert!(is_noise("PTI @moneycontrolcom"));
        assert!(is_noise("tags #India #Lok Sabha #Politics"));
        assert!(is_noise("Straitstimes.com header logo"));
        assert!(is_noise(
            "VIDEO | The minister says, “Due to developments abroad, steps are being taken to… Facebook"
        ));
        assert!(!is_noise("Sie schrieb auf Facebook, sie sei enttäuscht."));
        assert!(!is_noise("Die Partei wirbt mit einem neuen Logo."));
        assert!(!is_noise("Schreiben Sie an @redaktion, sagte sie."));
    }

    #[test]
    fn a_line_printed_twice_within_itself_is_read_once() {
        assert_eq!(
            printed_twice("Julia Klöckner (CDU) Julia Klöckner (CDU)").as_deref(),
            Some("Julia Klöckner (CDU)")
        );
        assert_eq!(printed_twice("France France").as_deref(), Some("France"));
        assert!(printed_twice("Merz trifft Macron in Paris").is_none());
    }

    #[test]
    fn a_label_with_a_slash_or_a_longer_label_is_a_credit() {
        assert_eq!(
            split_credit("Parliament buildings in Nairobi. PHOTO/National Assembly"),
            Some((
                "Parliament buildings in Nairobi.".into(),
                "National Assembly".into()
            ))
        );
        assert!(split_credit("Photo credit: Boniface Mwangi | Nation Media Group").is_none());
        assert_eq!(
            credit_only("Photo credit: Boniface Mwangi | Nation Media Group").as_deref(),
            Some("Boniface Mwangi | Nation Media Group")
        );
    }

    #[test]
    fn a_bare_credit_follows_the_caption_sentence() {
        assert_eq!(
            split_bare_credit("President William Ruto. /COURTESY"),
            Some(("President William Ruto.".into(), "COURTESY".into()))
        );
        assert_eq!(
            split_bare_credit("Ruto hosted MPs at State House in Nairobi. [File, Standard]"),
            Some((
                "Ruto hosted MPs at State House in Nairobi.".into(),
                "File, Standard".into()
            ))
        );
        assert_eq!(
            split_bare_credit("Congress party members in the Lok Sabha on Monday. (PTI)"),
            Some((
                "Congress party members in the Lok Sabha on Monday.".into(),
                "PTI".into()
            ))
        );
        assert!(split_bare_credit("Das sagte die Sprecherin. (SPD)").is_none());
        assert_eq!(
            split_trailing_agency(
                "PM Narendra Modi and other leaders leave a party meeting on Tuesday. ANI"
            ),
            Some((
                "PM Narendra Modi and other leaders leave a party meeting on Tuesday.".into(),
                "ANI".into()
            ))
        );
        assert!(split_trailing_agency("Die Sprecherin sagte es. Das war neu.").is_none());
    }

    #[test]
    fn a_credit_relayed_by_an_agency_is_a_credit() {
        assert_eq!(
            credit_only("Auswärtiges Amt, über dts Nachrichtenagentur").as_deref(),
            Some("Auswärtiges Amt, über dts Nachrichtenagentur")
        );
        assert_eq!(
            credit_only("Foto: Verdi, über dts Nachrichtenagentur").as_deref(),
            Some("Verdi, über dts Nachrichtenagentur")
        );
        assert!(credit_only("Berichte über die Lage").is_none());
    }

    #[test]
    fn a_sites_copyright_notice_is_no_picture_credit() {
        assert_eq!(
            credit_only("Copyright © 2024. Developed by Square1 and powered by PublisherPlus.com"),
            None
        );
        assert_eq!(
            credit_only("© 2024 Getty Images").as_deref(),
            Some("2024 Getty Images")
        );
    }

    #[test]
    fn a_caption_may_end_in_the_pictures_owner_and_kind() {
        assert_eq!(
            split_credit("Royina Garma, Cebu City Police Office chief. CDN Digital file photo"),
            Some((
                "Royina Garma, Cebu City Police Office chief.".to_string(),
                "CDN Digital file photo".to_string()
            ))
        );
        assert_eq!(split_credit("Ambulances on the move. File image."), None);
        assert_eq!(
            split_credit("A meeting at Nonceba Hall on National Police Day. Photo by Skyler Reid.")
                .map(|(_, credit)| credit)
                .as_deref(),
            Some("Skyler Reid")
        );
    }

    #[test]
    fn reads_credit_only_lines() {
        assert_eq!(
            credit_only("(JUNG YEON-JE)").as_deref(),
            Some("JUNG YEON-JE")
        );
        assert_eq!(
            credit_only("Foto: Kay Nietfeld/dpa").as_deref(),
            Some("Kay Nietfeld/dpa")
        );
        assert_eq!(credit_only("© Reuters").as_deref(), Some("Reuters"));
        assert!(credit_only("(SPD)").is_none());
    }

    #[test]
    fn an_agency_and_its_photographer_after_a_caption_are_its_credit() {
        assert_eq!(
            split_credit("Biden shakes hands with Trudeau in Ottawa, on Friday, March 24, 2023. REUTERS/Kevin Lamarque"),
            Some((
                "Biden shakes hands with Trudeau in Ottawa, on Friday, March 24, 2023.".into(),
                "REUTERS/Kevin Lamarque".into()
            ))
        );
        assert_eq!(
            split_credit("An RCMP patch is seen on a shoulder. THE CANADIAN PRESS/Darryl Dyck")
                .map(|c| c.1),
            Some("THE CANADIAN PRESS/Darryl Dyck".into())
        );
        assert_eq!(
            split_credit("Protesters gather in Washington. AP Photo/Evan Vucci").map(|c| c.1),
            Some("AP Photo/Evan Vucci".into())
        );
        // Two sentences of text with a slash in the second are no credit.
        assert!(split_credit("Die Stadt baut. Das kostet Geld/Zeit").is_none());
    }

    #[test]
    fn credits_with_a_bar_a_dash_or_a_photo_by_label_are_split_from_their_caption() {
        assert_eq!(
            split_credit("Union Minister Hardeep Singh Puri (File Photo| PTI)").map(|c| c.0),
            Some("Union Minister Hardeep Singh Puri".into())
        );
        assert_eq!(
            split_credit(
                "Ein Polizeiwagen und ein Bundeswehr-Auto sind kollidiert. \u{2212}Foto: Reiß"
            ),
            Some((
                "Ein Polizeiwagen und ein Bundeswehr-Auto sind kollidiert.".into(),
                "Reiß".into()
            ))
        );
        assert_eq!(
            split_credit("Anwar Ibrahim - File photo by Bernama").map(|c| c.0),
            Some("Anwar Ibrahim".into())
        );
    }

    #[test]
    fn a_line_labelled_caption_is_the_caption() {
        assert_eq!(
            labelled_caption("Caption: How did your councillor vote? (Joanne Chianello/CBC)"),
            Some("How did your councillor vote? (Joanne Chianello/CBC)".into())
        );
    }

    #[test]
    fn a_line_printed_twice_without_a_space_is_one_copy() {
        assert_eq!(
            printed_twice("999 crews on Water Lane in Halifax999 crews on Water Lane in Halifax"),
            Some("999 crews on Water Lane in Halifax".into())
        );
        // A short word said twice is left alone.
        assert_eq!(printed_twice("NeinNein"), None);
    }

    #[test]
    fn a_photographer_of_the_outlet_itself_is_a_credit() {
        assert_eq!(
            split_credit("How did your councillor vote? (Joanne Chianello/CBC)"),
            Some((
                "How did your councillor vote?".into(),
                "Joanne Chianello/CBC".into()
            ))
        );
    }
}
