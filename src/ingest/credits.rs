//! Who wrote and delivered an article: header credits, bylines, datelines and
//! desk signatures.
//!
//! - header credit, after the header line's date: `Von Euronews mit AP` → source
//!   Euronews, agencies [AP];
//! - byline: `By Jane Doe with AP`, `Von Anna Muster, Korrespondentin in Kiew`,
//!   `Jane Doe in Kyiv` → authors (a known outlet goes to source, an agency to agencies);
//! - dateline at the start of the text: `BEIRUT — (AP) —`, `Warschau (dpa) -` → agencies;
//! - desk signature at the end: `lt/ans`, `uh/qu (dpa, rtr)`, `Mit Material von dpa`
//!   → agencies, and the line is dropped.
//!
//! ```
//! use briefing::ingest::credits::{byline, signature};
//! let c = byline("By Jane Doe with AP").unwrap();
//! assert_eq!((c.authors, c.agencies), (vec!["Jane Doe".to_string()], vec!["AP".to_string()]));
//! assert_eq!(signature("uh/qu (dpa, rtr)").unwrap().agencies, ["dpa", "Reuters"]);
//! ```

use std::sync::LazyLock;

use regex::Regex;

use super::rules::rules;

/// Credits found in one line; merged over the article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Credits {
    pub source: Option<String>,
    pub agencies: Vec<String>,
    pub authors: Vec<String>,
}

impl Credits {
    /// Adds `other`, keeping the first source and every agency and author once.
    pub fn merge(&mut self, other: Credits) {
        if self.source.is_none() {
            self.source = other.source;
        }
        for a in other.agencies {
            if !self.agencies.contains(&a) {
                self.agencies.push(a);
            }
        }
        for a in other.authors {
            if !self.authors.contains(&a) {
                self.authors.push(a);
            }
        }
    }
}

/// Longest byline or credit line; longer lines are sentences.
const MAX_CREDIT_LINE: usize = 120;

fn ends_like_sentence(line: &str) -> bool {
    line.trim_end().ends_with(['.', '!', '?', ':', ';'])
}

/// Splits a list of names at commas, slashes and joiners ("mit", "and", "&").
fn name_parts(text: &str) -> Vec<String> {
    let r = rules();
    let mut parts = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for chunk in text.split([',', ';']) {
        for word in chunk.split_whitespace() {
            if r.is_joiner(word) {
                if !current.is_empty() {
                    parts.push(current.join(" "));
                }
                current.clear();
            } else {
                current.push(word);
            }
        }
        if !current.is_empty() {
            parts.push(current.join(" "));
        }
        current.clear();
    }
    parts
}

/// Whether `text` looks like a person's name: two to five capitalized words,
/// with name particles ("von", "de", "al") allowed.
pub fn is_person_name(text: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "von", "van", "de", "der", "den", "da", "di", "du", "la", "le", "al", "bin", "el", "zu",
        "ter", "y",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    if !(2..=5).contains(&words.len()) {
        return false;
    }
    let capitalized = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    let r = rules();
    let is_stop_word = |w: &str| {
        let lower = w.to_lowercase();
        r.stop_words.iter().any(|(_, words)| words.contains(&lower))
    };
    let valid = words.iter().all(|w| {
        let first = w.chars().next().unwrap_or(' ');
        (first.is_uppercase() && !is_stop_word(w) && !r.desk_words.contains(&w.to_lowercase())
            || PARTICLES.contains(w))
            && w.chars().all(|c| c.is_alphabetic() || "-'’.".contains(c))
    });
    valid && capitalized >= 2
}

/// Sorts one part of a credit into source, agency or author; `None` when it is
/// none of them.
fn classify(part: &str, credits: &mut Credits) -> bool {
    let r = rules();
    let part = part.trim().trim_end_matches('.');
    if let Some(agency) = r.agency(part) {
        credits.merge(Credits {
            agencies: vec![agency.to_string()],
            ..Credits::default()
        });
        true
    } else if let Some(outlet) = r.outlet(part) {
        credits.merge(Credits {
            source: Some(outlet.to_string()),
            ..Credits::default()
        });
        true
    } else if r.starts_with_role(part) || starts_with_title(part) {
        // "Korrespondentin in Kiew", or a title with a surname, which is no
        // byline: "Außenminister Wadephul in Israel".
        true
    } else if is_person_name(part) {
        credits.merge(Credits {
            authors: vec![title_case_if_shouting(part)],
            ..Credits::default()
        });
        true
    } else {
        false
    }
}

fn starts_with_title(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    crate::entities::titles::title_words(&words) > 0
}

/// "JANE DOE" → "Jane Doe"; names written normally stay as they are.
fn title_case_if_shouting(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    name.split(' ')
        .map(|w| {
            let mut out = String::new();
            let mut start = true;
            for c in w.chars() {
                if start {
                    out.extend(c.to_uppercase());
                } else {
                    out.extend(c.to_lowercase());
                }
                start = c == '-' || c == '\'';
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Strips a leading byline word ("Von", "By", "Text:") from `line`.
fn strip_byline_word(line: &str) -> Option<&str> {
    let lower = line.to_lowercase();
    rules().byline_words.iter().find_map(|w| {
        let rest = lower.strip_prefix(w.as_str())?;
        let next = rest.chars().next()?;
        (next == ' ' || next == ':').then(|| line[w.len() + 1..].trim_start_matches([':', ' ']))
    })
}

/// The credit after a header line's date: `Von Euronews mit AP`. The first name
/// is the outlet (or an agency), the others agencies or authors.
pub fn header_credit(rest: &str) -> Option<Credits> {
    if rest.len() > MAX_CREDIT_LINE || ends_like_sentence(rest) {
        return None;
    }
    let names = strip_byline_word(rest)?;
    let parts = name_parts(names);
    let r = rules();
    let mut credits = Credits::default();
    for (i, part) in parts.iter().enumerate() {
        if i == 0 && r.agency(part).is_none() {
            credits.source = Some(r.outlet(part).unwrap_or(part).to_string());
        } else if !classify(part, &mut credits) {
            return None;
        }
    }
    (!parts.is_empty()).then_some(credits)
}

/// The outlet a page's address belongs to: a known outlet by its domain,
/// else the site's registrable domain (`https://www.wnoz.de/…` → `wnoz.de`,
/// `epaper.neue.at` → `neue.at`, `capitalfm.co.ke` stays). A web archive's
/// address holding the page's own (`…/ref/2026-0114/https://www.x.com/…`)
/// names the page's outlet.
pub fn outlet_of_url(url: &str) -> Option<String> {
    if let Some(inner) = archived_url(url) {
        return outlet_of_url(inner);
    }
    let host = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .split(['/', '?', '#'])
        .next()?
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        // A fully qualified name ends in a dot (`wz.de.`).
        .trim_end_matches('.')
        .to_ascii_lowercase();
    if host.is_empty() {
        return None;
    }
    let r = rules();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    // pressreader.com/philippines/panay-news/… → "panay-news" → Panay News.
    if let Some(p) = r
        .platforms()
        .iter()
        .find(|p| host == p.domain || host.ends_with(&format!(".{}", p.domain)))
    {
        let path = url.split_once("://").map_or(url, |(_, rest)| rest);
        let segment = path
            .split(['?', '#'])
            .next()?
            .split('/')
            .filter(|s| !s.is_empty())
            .nth(p.skip + 1)?;
        let name = segment.replace(['-', '_'], " ");
        let named = r.outlet(&name).map(str::to_string).unwrap_or_else(|| {
            name.split(' ')
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
                })
                .collect::<Vec<_>>()
                .join(" ")
        });
        return Some(named);
    }
    // `amp.cnn.com` → `cnn.com`: try the host, then each parent domain.
    let mut domain = host.as_str();
    loop {
        if let Some(outlet) = r.outlet_of_domain(domain) {
            return Some(outlet.to_string());
        }
        match domain.split_once('.') {
            Some((_, parent)) if parent.contains('.') => domain = parent,
            _ => break,
        }
    }
    Some(registrable_domain(&host).to_string())
}

/// The address an archive's address holds after its own path:
/// `https://archive.example/ref/2026/https://www.x.com/a` → `https://www.x.com/a`.
fn archived_url(url: &str) -> Option<&str> {
    let (_, rest) = url.split_once("://")?;
    let at = rest.find("/http://").or_else(|| rest.find("/https://"))?;
    Some(&rest[at + 1..])
}

/// A host without its subdomains: the label before the public suffix and the
/// suffix (`epaper.neue.at` → `neue.at`, `news.capitalfm.co.ke` →
/// `capitalfm.co.ke`).
fn registrable_domain(host: &str) -> &str {
    let labels: Vec<&str> = host.split('.').collect();
    let n = labels.len();
    if n <= 2 || labels.iter().all(|l| l.chars().all(|c| c.is_ascii_digit())) {
        return host;
    }
    let country = labels[n - 1].len() == 2;
    let keep = if country && rules().is_second_level_label(labels[n - 2]) {
        3
    } else {
        2
    };
    if n <= keep {
        return host;
    }
    let skip: usize = labels[..n - keep].iter().map(|l| l.len() + 1).sum();
    &host[skip..]
}

static LOCATED_AUTHOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.+?) (?:in|aus|from) (\p{Lu}[\p{L}\- ]{1,30})$").unwrap());

static REPORTED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Aus|From|In)\s+\p{Lu}[\p{L} .-]{1,40}?\s+(?:berichtet|berichten|reports|writes|schreibt)\s+(.+?)\.?$").unwrap()
});

/// Reads a byline: `By Jane Doe with AP`, `Von Anna Muster, dpa`, `Jane Doe in Kyiv`,
/// `Aus Tel Aviv berichtet Patrick Diekmann.`
pub fn byline(line: &str) -> Option<Credits> {
    let line = line.trim();
    // `- Mike Schlink mike.schlink@mopo.de`: a name with its address.
    let without_mail: String = line
        .trim_start_matches(['-', '–', '—', ' '])
        .split_whitespace()
        .filter(|w| !w.contains('@'))
        .collect::<Vec<_>>()
        .join(" ");
    let line = if without_mail.len() < line.len() {
        without_mail.as_str()
    } else {
        line
    };
    let unglued = unglue_agency(line);
    let line = unglued.as_str();
    let reported = ["Aus ", "From ", "In "].iter().any(|w| line.starts_with(w));
    if let Some(caps) = REPORTED_BY.captures(line).filter(|_| reported) {
        let mut credits = Credits::default();
        let all = name_parts(&caps[1])
            .iter()
            .all(|p| classify(p, &mut credits));
        return (all && credits != Credits::default()).then_some(credits);
    }
    if line.len() > MAX_CREDIT_LINE || line.ends_with(['!', '?', ':', ';']) {
        return None;
    }
    let names = match strip_byline_word(line) {
        Some(names) => names.to_string(),
        None => match LOCATED_AUTHOR.captures(line) {
            Some(caps) => caps[1].to_string(),
            // Names alone, joined: `Andreas Dey und Peter Ulrich Meyer`.
            None => {
                let parts = name_parts(line);
                let names_only = parts.len() >= 2 && parts.iter().all(|p| is_person_name(p));
                if !names_only {
                    return None;
                }
                line.to_string()
            }
        },
    };
    let names = LOCATED_AUTHOR
        .captures(&names)
        .map_or(names.clone(), |c| c[1].to_string());
    // `nachrichten.at/APA`: outlet and agency; no name holds a slash.
    let names = names.replace('/', ",");
    let parts: Vec<String> = name_parts(&names)
        .iter()
        .map(|p| byline_part(p).to_string())
        .collect();
    let mut credits = Credits::default();
    // After a name, a single capitalized word is the writer's place ("Von Anna Muster, Warschau").
    let is_place = |i: usize, p: &str| {
        i > 0 && !p.contains(' ') && p.chars().next().is_some_and(char::is_uppercase)
    };
    if parts.is_empty()
        || !parts
            .iter()
            .enumerate()
            .all(|(i, p)| classify(p, &mut credits) || is_place(i, p))
    {
        return None;
    }
    (credits != Credits::default()).then_some(credits)
}

/// A byline with the agency glued to the name without a space (`Duncan
/// EvansNCA NewsWire`, two elements of an author box run together), with a
/// comma between them; other lines as they are.
fn unglue_agency(line: &str) -> String {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    for w in chars.windows(2) {
        let ((_, before), (at, c)) = (w[0], w[1]);
        if before.is_lowercase() && c.is_uppercase() && rules().agency(&line[at..]).is_some() {
            return format!("{}, {}", &line[..at], &line[at..]);
        }
    }
    line.to_string()
}

/// A writer's place after a name in a byline: `Gianluca Pacchiani in Jerusalem`.
static PLACED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.+?)\s+(?:in|aus|from)\s+\p{Lu}[\p{L}-]+(?:\s\p{Lu}[\p{L}-]+){0,2}$").unwrap()
});

/// One part of a byline without the writer's place (`… in Jerusalem`) and,
/// for an agency, without the common nouns after its name (`AFP team`).
fn byline_part(part: &str) -> &str {
    let part = PLACED
        .captures(part)
        .and_then(|c| c.get(1))
        .map_or(part, |m| m.as_str());
    let mut words = part.split_whitespace();
    if let Some(first) = words.next() {
        let rest: Vec<&str> = words.collect();
        if !rest.is_empty()
            && rest.iter().all(|w| w.chars().all(|c| c.is_lowercase()))
            && rules().agency(first).is_some()
        {
            return first;
        }
    }
    part
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Lu}[\p{L}\p{N}.'/ -]{1,40}?)(?:,\s*[^()—–/]{1,40}?)?\s*[—–-]{0,2}\s*(?:\(([^)]{2,40})\)\.?\s*(?:[:—–•-]{1,2}\s*|\s)|\.?\s*/([A-Za-z-]{2,12})/\.?\s+)")
        .unwrap()
});

/// Reads a dateline at the start of a paragraph (`BEIRUT — (AP) —`,
/// `Warschau (dpa) -`, or a date in the place's stead: `March 20 (UPI) --`):
/// the agencies and the byte length of the dateline.
pub fn dateline(paragraph: &str) -> Option<(Credits, usize)> {
    let caps = DATELINE.captures(paragraph)?;
    let end = caps.get(0)?.end();
    // Without a dash, the text must go on with a capital: `(PTI) Opposition`.
    if !super::title::opens_capitalized(&paragraph[end..]) {
        return None;
    }
    let mut credits = Credits::default();
    let tag = caps.get(2).or(caps.get(3))?.as_str();
    // The writer's initials or the station's own tag after the place
    // (`Wittlich. (sos)`, `AACHEN/EUSKIRCHEN (700) -`): a dateline of no
    // agency.
    let own_tag = tag.split('/').all(is_desk_code)
        || (tag.len() <= MAX_DESK_CODE_LEN && tag.bytes().all(|b| b.is_ascii_digit()));
    // Only after a place's shape: a word or two in capitals or closed by a
    // full stop, not a sentence's subject (`… chief Gen (retd) VK Singh`).
    // A place of capitalized words counts when a full stop or a dash
    // closes the tag (`St. Georgen (nmk). Kurz …`).
    let place = caps[1].trim();
    let closed = paragraph[..end].trim_end().ends_with(['.', '-', '–', '—']);
    let capitalized = place
        .split_whitespace()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    // Two desk codes (`Bruchsal-Helmsheim (pm/mh) Beim …`) after one word
    // are a dateline too.
    let desks = tag.contains('/') && !place.contains(' ') && capitalized;
    let place_shaped = place.split_whitespace().count() <= MAX_OWN_TAG_PLACE_WORDS
        && (place.ends_with('.')
            || !place.chars().any(char::is_lowercase)
            || (closed && capitalized)
            || desks);
    let no_agency = tag.split('/').all(|t| rules().agency(t).is_none());
    if own_tag && place_shaped && no_agency {
        return Some((credits, end));
    }
    for part in tag.split(['/', ',']).flat_map(|p| name_parts(p.trim())) {
        match rules().agency(&part) {
            Some(agency) => credits.merge(Credits {
                agencies: vec![agency.to_string()],
                ..Credits::default()
            }),
            // A regional desk's code after the agency: `Mainz (dpa/lrs) -`.
            None if !credits.agencies.is_empty() && is_desk_code(&part) => {}
            None => return None,
        }
    }
    Some((credits, caps.get(0).unwrap().end()))
}

/// Most words of the place before a dateline's own tag (`Bad Kreuznach. (red)`).
const MAX_OWN_TAG_PLACE_WORDS: usize = 3;

/// Longest desk code of an agency's regional service (`lrs`, `lno`).
const MAX_DESK_CODE_LEN: usize = 4;

/// A desk code: two to four lowercase letters.
fn is_desk_code(part: &str) -> bool {
    (2..=MAX_DESK_CODE_LEN).contains(&part.len()) && part.chars().all(|c| c.is_ascii_lowercase())
}

static DESK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(?/?(?i:[a-zäöü]{1,4}(?:/[a-zäöü]{1,4})+)\)?(?:\s*\(([^)]*)\))?\.?$").unwrap()
});

/// The sources of text and picture in one bracket: `(text:sda/bild:keystone)`.
static TEXT_AND_PICTURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\((?i:text|texte)\s*:\s*([^/()]+?)\s*(?:/\s*(?i:bild|bilder|foto|photo)\s*:\s*[^()]+)?\)$").unwrap()
});

/// A desk's code of two to four letters alone in brackets, lowercase or
/// capitalized (`(red.)`, `(Red)`), not a party's abbreviation (`(AfD)`).
static BRACKETED_DESK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\([A-Za-zÄÖÜ][a-zäöü]{1,3}\.?\)$").unwrap());

/// Agencies and outlets named anywhere in `text`.
pub fn named_in(text: &str) -> Credits {
    let r = rules();
    let mut credits = Credits::default();
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || ",;/()&".contains(c))
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .collect();
    for (i, word) in words.iter().enumerate() {
        let pair = words.get(i + 1).map(|next| format!("{word} {next}"));
        let agency = r
            .agency(word)
            .or_else(|| pair.as_deref().and_then(|p| r.agency(p)));
        let outlet = r
            .outlet(word)
            .filter(|_| word.len() > 3)
            .or_else(|| pair.as_deref().and_then(|p| r.outlet(p)));
        if let Some(a) = agency {
            credits.merge(Credits {
                agencies: vec![a.to_string()],
                ..Credits::default()
            });
        } else if let Some(o) = outlet {
            credits.merge(Credits {
                source: Some(o.to_string()),
                ..Credits::default()
            });
        }
    }
    credits
}

/// Reads a desk signature or an agency note ending an article: `lt/ans`,
/// `uh/qu (dpa, rtr)`, `mgu/apa`, `(dpa)`, `ZEIT ONLINE, dpa, lk`,
/// `Mit Material von dpa und AFP`, `Quelle: dpa, Reuters`.
pub fn signature(line: &str) -> Option<Credits> {
    let line = line.trim();
    if line.is_empty() || line.len() > MAX_CREDIT_LINE * 2 {
        return None;
    }
    let r = rules();
    let lower = line.to_lowercase();
    // A desk's code alone in brackets: `(red)`, `(Red.)`.
    if BRACKETED_DESK.is_match(line) {
        return Some(r.agency(line.trim_matches(['(', ')', '.'])).map_or_else(
            Credits::default,
            |a| Credits {
                agencies: vec![a.to_string()],
                ..Credits::default()
            },
        ));
    }
    // Swiss outlets name text and picture sources in one bracket:
    // `(text:sda&chl/bild:keystone)`.
    if let Some(caps) = TEXT_AND_PICTURE.captures(line) {
        return Some(named_in(&caps[1].replace(['&', '+'], " ")));
    }
    if let Some(caps) = DESK.captures(line) {
        let mut credits = named_in(caps.get(1).map_or("", |m| m.as_str()));
        for code in line.split(['/', '(', ')', ' ']) {
            if let Some(a) = r.agency(code) {
                credits.merge(Credits {
                    agencies: vec![a.to_string()],
                    ..Credits::default()
                });
            }
        }
        return Some(credits);
    }
    let is_note = r
        .signature_prefixes
        .iter()
        .any(|p| lower.starts_with(p.as_str()))
        || r.signature_phrases
            .iter()
            .any(|p| lower.contains(p.as_str()));
    if is_note {
        return Some(named_in(line));
    }
    if line.len() > MAX_CREDIT_LINE {
        return None;
    }
    // A copyright notice of the agency that delivered the text:
    // `Copyright 2012 ABC News Radio`, `© 2024 The Associated Press`.
    if let Some(holder) = copyright_holder(line) {
        // `© dpa-infocom, dpa:240611-99-352604/3`: the holder, then the
        // agency's item number.
        let agency = r.agency(holder).or_else(|| {
            holder
                .split(',')
                .map(|part| part.split(':').next().unwrap_or(part).trim())
                .find_map(|part| r.agency(part))
        });
        return agency.map(|a| Credits {
            agencies: vec![a.to_string()],
            ..Credits::default()
        });
    }
    // A list of agencies, outlets and desk initials (`(kna - fl)`: a spaced
    // dash between them too).
    let bare = line.trim_matches(['(', ')']).replace(" - ", "/");
    let bare = bare.as_str();
    let mut credits = Credits::default();
    let mut named = false;
    for part in bare
        .split([',', ';', '/'])
        .flat_map(name_parts)
        .filter(|p| !p.trim().is_empty())
    {
        let part = part.as_str();
        let part = labelled(part);
        if let Some(a) = r.agency(part) {
            credits.merge(Credits {
                agencies: vec![a.to_string()],
                ..Credits::default()
            });
            named = true;
        } else if let Some(o) = r.outlet(part) {
            credits.merge(Credits {
                source: Some(o.to_string()),
                ..Credits::default()
            });
            named = true;
        } else if part
            .split_whitespace()
            .all(|w| r.is_signature_word(w) || r.agency(w).is_some())
        {
            credits.merge(named_in(part));
            named |= !named_in(part).agencies.is_empty();
        } else if !(part.len() <= 4 && part.chars().all(char::is_alphabetic)) {
            return None;
        }
    }
    named.then_some(credits)
}

/// The holder a copyright notice names (`Copyright 2012 ABC News Radio`,
/// `© 2024 AP`, `(c) AFP 2023`): the notice without its label, years and
/// `All rights reserved`.
fn copyright_holder(line: &str) -> Option<&str> {
    let lower = line.to_lowercase();
    let label = ["copyright ©", "copyright", "©", "(c)"]
        .into_iter()
        .find(|l| lower.starts_with(l))?;
    let rest = line[label.len()..].trim_start();
    let rest = rest
        .split_once(". All rights")
        .or_else(|| rest.split_once(", all rights"))
        .map_or(rest, |(holder, _)| holder);
    let holder =
        rest.trim_matches(|c: char| c.is_ascii_digit() || c.is_whitespace() || "-–,.".contains(c));
    (!holder.is_empty()).then_some(holder)
}

/// A signature glued to the end of the last paragraph: `… empfehle. dapd`,
/// `… müssen./tam/DP/zb`, `… Mitglieder. (AFP/jW)`, `… respectively. - Bernama`.
/// The byte offset where it starts and its credits.
pub fn glued_signature(paragraph: &str) -> Option<(usize, Credits)> {
    let text = paragraph.trim_end();
    // The tail after the last sentence stop, when the stop is followed by
    // a short run of words.
    let stops: Vec<usize> = text
        .char_indices()
        .filter(|&(_, c)| matches!(c, '.' | '!' | '?' | '"' | '“' | '”' | '»'))
        .map(|(i, c)| i + c.len_utf8())
        .collect();
    for &end in stops.iter().rev().take(3) {
        let tail = text[end..].trim();
        if tail.is_empty() || tail.len() > 40 || tail.split_whitespace().count() > 3 {
            continue;
        }
        let bare = tail
            .trim_matches(['*', '_'])
            .trim_start_matches(['-', '–', '—', ' ']);
        if let Some(credits) = signature(bare) {
            return Some((end, credits));
        }
    }
    None
}

static DATED_SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\s\(((?:\p{L}{2,6})(?:\s?[/,]\s?\p{L}{2,6}){0,3}),\s*(\d{1,2}\.\s?\d{1,2}\.\s?\d{4})\)$",
    )
    .unwrap()
});

/// A desk signature with the day glued to the end of a paragraph, which
/// closes the article: `… in der STANDARD-Analyse. (red, 7.1.2020)`,
/// `… (APA, 3.2.2021)`. The byte offset where it starts, the day and the
/// agencies it names.
pub fn dated_signature(paragraph: &str) -> Option<(usize, crate::content::PartialDate, Credits)> {
    let caps = DATED_SIGNATURE.captures(paragraph.trim_end())?;
    let (date, _) = super::dates::find_date(&caps[2])?;
    let start = caps.get(0)?.start();
    Some((start, date, named_in(&caps[1])))
}

/// A credit part without its label: "Quelle: dpa" → "dpa".
fn labelled(part: &str) -> &str {
    match part.split_once(':') {
        Some((label, rest)) if rules().is_signature_word(label.trim()) => rest.trim(),
        _ => part,
    }
}

/// Most words of an agency's or outlet's name.
const MAX_NAME_WORDS: usize = 4;

/// A meta line with a date and a credit: `VON ANNA MUSTER am 3. März 2024`,
/// `24. Januar 2025, 14:32 Uhr Quelle: DIE ZEIT, dpa`.
pub fn dated_credit(line: &str) -> Option<(crate::content::PartialDate, Credits)> {
    if line.len() > MAX_CREDIT_LINE {
        return None;
    }
    let (date, range) = super::dates::find_date(line)?;
    let mut rest = line.to_string();
    rest.replace_range(range, " ");
    let r = rules();
    let words: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || "|•·".contains(c))
        .filter(|w| !w.is_empty())
        .filter(|w| {
            let bare = w.trim_matches([',', '-', '–', '—']);
            !(bare.is_empty()
                || r.is_date_label(bare)
                || r.is_weekday(bare)
                || bare
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ':' || c == '.'))
        })
        .collect();
    let rest = words.join(" ");
    let rest = rest.trim_matches([',', ' ', '-', '–', '—']);
    let rest = labelled(rest);
    let credits = byline(rest).or_else(|| signature(rest)).or_else(|| {
        // `Darpan News Desk The Canadian Press`: a short line ending in
        // the name of an agency or outlet (in `All News RSS Feed Crime`,
        // `RSS` is a word of a label).
        let words: Vec<&str> = rest.split_whitespace().collect();
        let ends_named = (1..=words.len().min(MAX_NAME_WORDS)).any(|n| {
            let tail = words[words.len() - n..].join(" ");
            r.agency(&tail).is_some() || r.outlet(&tail).is_some()
        });
        let named = named_in(rest);
        // `All News RSS Feed Crime Front Page News Sunday, July 16th,
        // 2023`: the article's sections beside its date.
        let labels = words.len() <= 8
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        if !ends_named && labels {
            return Some(Credits::default());
        }
        (words.len() <= 8 && ends_named && named != Credits::default()).then_some(named)
    })?;
    Some((date, credits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_or_a_stations_tag_after_a_place_make_a_dateline_of_no_agency() {
        let lead = "AACHEN/EUSKIRCHEN (700) - Die Polizei hat Bilanz gezogen.";
        let (credits, len) = dateline(lead).expect("a dateline");
        assert!(credits.agencies.is_empty());
        assert_eq!(&lead[len..], "Die Polizei hat Bilanz gezogen.");
        assert!(dateline("Wittlich. (sos) Über 200 Menschen kamen.").is_some());
        assert_eq!(
            dateline("Berlin (dpa) - Der Text.").map(|(c, _)| c.agencies),
            Some(vec!["dpa".to_string()])
        );
        // A sentence's subject with a bracket is no place.
        assert!(dateline("Former army chief Gen (retd) VK Singh said so.").is_none());
    }

    #[test]
    fn a_desk_is_no_persons_name() {
        assert!(!is_person_name("News Nation Bureau"));
        assert!(is_person_name("Mike Anthony"));
    }

    #[test]
    fn a_byline_names_its_writers_apart_from_their_places_and_the_agency_team() {
        let c = byline("By Bahira Amin with AFP team in Gaza and Gianluca Pacchiani in Jerusalem")
            .expect("a byline");
        assert_eq!(c.authors, strings(&["Bahira Amin", "Gianluca Pacchiani"]));
        assert_eq!(c.agencies, strings(&["AFP"]));
        assert!(byline("By the sea in Jerusalem").is_none());
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn an_unknown_site_is_named_by_its_registrable_domain() {
        assert_eq!(
            outlet_of_url("https://epaper.musterblatt.at/politik/2023/x.html").as_deref(),
            Some("musterblatt.at")
        );
        assert_eq!(
            outlet_of_url("https://www.musterfm.co.ke/news/2022/10/x/").as_deref(),
            Some("musterfm.co.ke")
        );
        assert_eq!(
            outlet_of_url("https://news.musterfm.co.ke/x").as_deref(),
            Some("musterfm.co.ke")
        );
        assert_eq!(
            outlet_of_url("https://www.wnoz.de/a").as_deref(),
            Some("WNOZ")
        );
    }

    #[test]
    fn an_archived_page_is_named_by_the_address_it_holds() {
        assert_eq!(
            outlet_of_url(
                "https://megalodon.jp/ref/2026-0114-1506-12/https://www.straitstimes.com:443/live-x"
            )
            .as_deref(),
            Some("The Straits Times")
        );
        assert_eq!(
            outlet_of_url("https://web.archive.example/web/2020/http://rollcall.com/a").as_deref(),
            outlet_of_url("http://rollcall.com/a").as_deref()
        );
    }

    #[test]
    fn reads_outlet_and_agencies_from_the_header_credit() {
        let c = header_credit("Von Euronews mit AP").unwrap();
        assert_eq!(c.source.as_deref(), Some("Euronews"));
        assert_eq!(c.agencies, ["AP"]);
        let c = header_credit("By ZEIT ONLINE with dpa, Reuters").unwrap();
        assert_eq!(c.source.as_deref(), Some("ZEIT ONLINE"));
        assert_eq!(c.agencies, ["dpa", "Reuters"]);
        assert!(header_credit("Von Berlin aus reiste der Minister weiter.").is_none());
    }

    #[test]
    fn reads_authors_and_agencies_from_bylines() {
        let c = byline("Von Anna Muster, Korrespondentin in Kiew").unwrap();
        assert_eq!(c.authors, strings(&["Anna Muster"]));
        let c = byline("By JANE DOE and JOHN ROE, Associated Press").unwrap();
        assert_eq!(c.authors, strings(&["Jane Doe", "John Roe"]));
        assert_eq!(c.agencies, ["AP"]);
        let c = byline("Shaun Pike in Budapest").unwrap();
        assert_eq!(c.authors, strings(&["Shaun Pike"]));
        assert!(byline("Von Berlin aus geht es weiter").is_none());
        assert!(byline("By the end of the year").is_none());
        assert!(byline("Der Minister in Seoul").is_none());
    }

    #[test]
    fn a_regional_desk_code_after_the_agency_keeps_the_dateline() {
        let text = "Mainz (dpa/lrs) - Der Landtag kommt heute zusammen.";
        let (credits, len) = dateline(text).unwrap();
        assert_eq!(credits.agencies, strings(&["dpa"]));
        assert_eq!(&text[len..], "Der Landtag kommt heute zusammen.");
        // Desk codes alone are the outlet's own tag: a dateline of no agency.
        let (credits, len) =
            dateline("Mainz (lrs/xy) - Der Landtag kommt heute zusammen.").unwrap();
        assert!(credits.agencies.is_empty(), "{:?}", credits.agencies);
        assert_eq!(len, "Mainz (lrs/xy) - ".len());
    }

    #[test]
    fn reads_agencies_from_datelines() {
        let (c, len) = dateline("BEIRUT — (AP) — Israeli jets struck").unwrap();
        assert_eq!(c.agencies, ["AP"]);
        assert_eq!(
            &"BEIRUT — (AP) — Israeli jets struck"[len..],
            "Israeli jets struck"
        );
        let (c, _) = dateline("Warschau (dpa) - Polen will").unwrap();
        assert_eq!(c.agencies, ["dpa"]);
        let (c, _) = dateline("Berlin/Kiew (dpa/AFP) – Die").unwrap();
        assert_eq!(c.agencies, ["dpa", "AFP"]);
        let (c, len) = dateline("New Delhi, Aug 18 (PTI) Opposition MPs on Monday").unwrap();
        assert_eq!(
            (
                c.agencies,
                &"New Delhi, Aug 18 (PTI) Opposition MPs on Monday"[len..]
            ),
            (vec!["PTI".to_string()], "Opposition MPs on Monday")
        );
        let (c, _) = dateline("Tokyo, July 21. /TASS/. The ruling coalition").unwrap();
        assert_eq!(c.agencies, ["TASS"]);
        assert!(dateline("Die Partei (CDU) - so heißt es").is_none());
        let text = "Dresden, München (epd). Der Beauftragte sagte";
        let (c, len) = dateline(text).unwrap();
        assert_eq!(
            (c.agencies, &text[len..]),
            (strings(&["epd"]), "Der Beauftragte sagte")
        );
    }

    #[test]
    fn a_dated_desk_signature_closes_the_article_with_its_day() {
        let text = "Mehr lesen Sie in der Analyse. (red, 7.1.2020)";
        let (end, date, _) = dated_signature(text).unwrap();
        assert_eq!(
            (&text[..end], date.to_string().as_str()),
            ("Mehr lesen Sie in der Analyse.", "2020-01-07")
        );
        let (_, _, c) = dated_signature("Das gilt ab Mai. (APA, 3.2.2021)").unwrap();
        assert_eq!(c.agencies, ["APA"]);
        assert!(dated_signature("Er kam am 7.1.2020 an.").is_none());
    }

    #[test]
    fn an_agency_glued_to_the_writer_s_name_is_read_apart() {
        let c = byline("Duncan EvansNCA NewsWire").unwrap();
        assert_eq!(
            (c.authors, c.agencies),
            (strings(&["Duncan Evans"]), strings(&["NCA NewsWire"]))
        );
        assert!(byline("McDonald").is_none());
    }

    #[test]
    fn an_agency_copyright_notice_or_a_note_on_sources_closes_with_its_agencies() {
        assert_eq!(
            signature("Copyright 2012 ABC News Radio").unwrap().agencies,
            ["ABC News Radio"]
        );
        assert_eq!(
            signature("© 2024 The Associated Press. All rights reserved.")
                .unwrap()
                .agencies,
            ["AP"]
        );
        assert_eq!(
            signature(
                "Some information for this report came from The Associated Press and Reuters."
            )
            .unwrap()
            .agencies,
            ["AP", "Reuters"]
        );
        assert!(signature("Copyright 2024 Zeitungsverlag Musterstadt").is_none());
    }

    #[test]
    fn a_desk_code_alone_in_brackets_is_a_signature() {
        assert!(signature("(Red.)").is_some());
        assert_eq!(signature("(dpa)").unwrap().agencies, ["dpa"]);
        assert!(signature("(AfD)").is_none());
    }

    #[test]
    fn a_dateline_tag_may_end_with_a_bullet() {
        let (c, len) = dateline("Windhoek/Khorixas (Nampa/cev) • Die Polizei").unwrap();
        assert_eq!((c.agencies, len), (strings(&["Nampa"]), 34));
        let (c, _) = dateline("Tokyo, Oct. 2 (Jiji Press)--New Japanese").unwrap();
        assert_eq!(c.agencies, ["Jiji Press"]);
    }

    #[test]
    fn a_signature_may_join_agency_and_desk_with_a_spaced_dash() {
        assert_eq!(signature("(kna - fl)").unwrap().agencies, ["KNA"]);
        assert!(signature("(Bericht - Seite 3)").is_none());
    }

    #[test]
    fn removes_desk_signatures_keeping_agencies() {
        assert_eq!(signature("lt/ans").unwrap().agencies, Vec::<String>::new());
        assert_eq!(signature("(dpa)").unwrap().agencies, ["dpa"]);
        assert_eq!(
            signature("Mit Material von dpa und AFP").unwrap().agencies,
            ["dpa", "AFP"]
        );
        assert_eq!(
            signature("Additional reporting by Reuters")
                .unwrap()
                .agencies,
            ["Reuters"]
        );
        assert!(signature("Das ist das Ende.").is_none());
        assert_eq!(signature("mgu/apa").unwrap().agencies, ["APA"]);
        let c = signature("ZEIT ONLINE, dpa, lk").unwrap();
        assert_eq!(
            (c.source.as_deref(), c.agencies),
            (Some("ZEIT ONLINE"), vec!["dpa".to_string()])
        );
        assert_eq!(
            signature("Quelle: dpa, Reuters").unwrap().agencies,
            ["dpa", "Reuters"]
        );
        let c = signature(
            "Associated Press writer Anna Example in Jerusalem contributed to this report.",
        )
        .unwrap();
        assert_eq!(c.agencies, ["AP"]);
    }

    #[test]
    fn reads_date_and_credit_from_one_meta_line() {
        let (d, c) = dated_credit("VON JOHANNES MUSTERMANN am 3. März 2024").unwrap();
        assert_eq!(d.to_string(), "2024-03-03");
        assert_eq!(c.authors, ["Johannes Mustermann"]);
        let (d, c) = dated_credit("24. Januar 2025, 14:32 Uhr Quelle: DIE ZEIT, dpa").unwrap();
        assert_eq!(d.to_string(), "2025-01-24T14:32:00+01:00");
        assert_eq!(c.source.as_deref(), Some("ZEIT ONLINE"));
        assert_eq!(c.agencies, ["dpa"]);
        assert!(
            signature("und/oder").is_some(),
            "a short slash pair is a desk code"
        );
    }

    #[test]
    fn a_dateline_may_give_a_date_in_the_place_s_stead() {
        let (c, len) = dateline("March 20 (UPI) -- The suspect was arrested.").expect("a dateline");
        assert_eq!(c.agencies, vec!["UPI"]);
        assert_eq!(
            &"March 20 (UPI) -- The suspect was arrested."[len..],
            "The suspect was arrested."
        );
    }

    #[test]
    fn a_bracket_naming_text_and_picture_sources_signs_with_the_text_s_agency() {
        let c = signature("(text:sda&chl/bild:keystone)").expect("a signature");
        assert_eq!(c.agencies, vec!["SDA"]);
    }

    #[test]
    fn a_fully_qualified_host_names_its_outlet() {
        assert_eq!(
            outlet_of_url("https://wz.de./nrw/a-b-c-d"),
            outlet_of_url("https://wz.de/nrw/a-b-c-d")
        );
    }
}
