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
    let valid = words.iter().all(|w| {
        let first = w.chars().next().unwrap_or(' ');
        (first.is_uppercase() || PARTICLES.contains(w))
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
    } else if r.starts_with_role(part) {
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

static LOCATED_AUTHOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.+?) (?:in|aus|from) (\p{Lu}[\p{L}\- ]{1,30})$").unwrap());

/// Reads a byline: `By Jane Doe with AP`, `Von Anna Muster, dpa`, `Jane Doe in Kyiv`.
pub fn byline(line: &str) -> Option<Credits> {
    let line = line.trim();
    if line.len() > MAX_CREDIT_LINE || line.ends_with(['!', '?', ':', ';']) {
        return None;
    }
    let names = match strip_byline_word(line) {
        Some(names) => names.to_string(),
        None => {
            let caps = LOCATED_AUTHOR.captures(line)?;
            caps[1].to_string()
        }
    };
    let names = LOCATED_AUTHOR
        .captures(&names)
        .map_or(names.clone(), |c| c[1].to_string());
    let parts = name_parts(&names);
    let mut credits = Credits::default();
    if parts.is_empty() || !parts.iter().all(|p| classify(p, &mut credits)) {
        return None;
    }
    (credits != Credits::default()).then_some(credits)
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Lu}[\p{L}.'/ -]{1,40}?)(?:,\s*[^()—–]{1,40}?)?\s*[—–-]{0,2}\s*\(([^)]{2,40})\)\s*[—–-]{1,2}\s*")
        .unwrap()
});

/// Reads a dateline at the start of a paragraph (`BEIRUT — (AP) —`,
/// `Warschau (dpa) -`): the agencies and the byte length of the dateline.
pub fn dateline(paragraph: &str) -> Option<(Credits, usize)> {
    let caps = DATELINE.captures(paragraph)?;
    let mut credits = Credits::default();
    for part in caps[2].split(['/', ',']).flat_map(|p| name_parts(p.trim())) {
        let agency = rules().agency(&part)?;
        credits.merge(Credits {
            agencies: vec![agency.to_string()],
            ..Credits::default()
        });
    }
    Some((credits, caps.get(0).unwrap().end()))
}

static DESK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(?[a-zäöü]{1,4}(?:/[a-zäöü]{1,4})+\)?(?:\s*\(([^)]*)\))?\.?$").unwrap()
});

/// Reads a desk signature or an agency note ending an article: `lt/ans`,
/// `uh/qu (dpa, rtr)`, `(dpa)`, `Mit Material von dpa und AFP`, `with AP`.
pub fn signature(line: &str) -> Option<Credits> {
    let line = line.trim();
    if line.is_empty() || line.len() > MAX_CREDIT_LINE {
        return None;
    }
    let r = rules();
    let mut credits = Credits::default();
    let mut add_agencies = |text: &str, strict: bool| -> bool {
        for word in text
            .split(|c: char| c.is_whitespace() || ",;/()&".contains(c))
            .filter(|w| !w.is_empty())
        {
            let word = word.trim_end_matches('.');
            if let Some(a) = r.agency(word) {
                if !credits.agencies.iter().any(|x| x == a) {
                    credits.agencies.push(a.to_string());
                }
            } else if strict && !r.is_signature_word(word) {
                return false;
            }
        }
        true
    };
    if let Some(caps) = DESK.captures(line) {
        add_agencies(caps.get(1).map_or("", |m| m.as_str()), false);
        return Some(credits);
    }
    let lower = line.to_lowercase();
    if r.signature_prefixes
        .iter()
        .any(|p| lower.starts_with(p.as_str()))
    {
        add_agencies(line, false);
        return Some(credits);
    }
    if add_agencies(line, true) && !credits.agencies.is_empty() {
        return Some(credits);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
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
        assert!(dateline("Die Partei (CDU) - so heißt es").is_none());
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
        assert!(
            signature("und/oder").is_some(),
            "a short slash pair is a desk code"
        );
    }
}
