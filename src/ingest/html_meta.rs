//! What a saved web page says about its article, beyond its text: headline,
//! publication date, outlet, authors, lead image with caption and credit.
//!
//! Pages state these in several places, which this module reads in order of
//! trust: JSON-LD (`NewsArticle`: `headline`, `datePublished`, `author`,
//! `image`), Open Graph and article meta tags (`og:title`,
//! `article:published_time`, `og:site_name`, `og:image`), other date and
//! author meta tags outlets use (`date`, `pdate`, `ptime`,
//! `article:publicationdate`, `author`), `itemprop` attributes, the page's
//! `<h1>` and `<time datetime>`, and last the date in the page's address
//! (`/2015/03/18/`, `/20150512-…`).
//!
//! A headline loses the outlet's name and a section written beside it
//! (`Obama admits … - BBC News`, `Asia-pacific - Third blogger …`). An author
//! field naming the outlet or an agency (`SPIEGEL ONLINE, Hamburg, Germany`,
//! `Reuters`) gives the outlet or the agency, never an author. A lead image
//! whose address looks like a stand-in (`social_placeholder.png`, a logo) is
//! not the article's image.

use dom_query::Document;

use super::credits::{byline, is_person_name, outlet_of_url, Credits};
use super::dates::find_date;
use super::noise::split_credit;
use super::rules::rules;
use crate::content::PartialDate;

/// Everything read from a page's markup.
#[derive(Debug, Default)]
pub struct PageMeta {
    pub title: Option<String>,
    pub date: Option<PartialDate>,
    pub source: Option<String>,
    pub credits: Credits,
    pub image: Option<String>,
    pub caption: Option<String>,
    pub credit: Option<String>,
}

fn meta(doc: &Document, selectors: &[&str]) -> Option<String> {
    selectors.iter().find_map(|sel| {
        let node = doc.select(sel);
        node.attr("content")
            .or_else(|| node.attr("value"))
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    })
}

/// The JSON-LD objects of the page, flattened (`@graph` lists included).
fn json_ld(doc: &Document) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    for node in doc.select("script[type='application/ld+json']").iter() {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(node.text().trim()) else {
            continue;
        };
        let mut stack = vec![value];
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::Array(items) => stack.extend(items),
                serde_json::Value::Object(ref map) => {
                    if let Some(graph) = map.get("@graph") {
                        stack.push(graph.clone());
                    }
                    out.push(v);
                }
                _ => {}
            }
        }
    }
    out
}

fn is_article(v: &serde_json::Value) -> bool {
    let kind = |t: &str| t.contains("Article") || t == "BlogPosting" || t == "Report";
    match v.get("@type") {
        Some(serde_json::Value::String(t)) => kind(t),
        Some(serde_json::Value::Array(ts)) => ts.iter().any(|t| t.as_str().is_some_and(kind)),
        _ => false,
    }
}

fn ld_str<'v>(v: &'v serde_json::Value, key: &str) -> Option<&'v str> {
    v.get(key)?
        .as_str()
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The names in a JSON-LD `author` (a name, an object, or a list of them).
fn ld_names(v: &serde_json::Value) -> Vec<String> {
    match v {
        serde_json::Value::String(s) => vec![s.clone()],
        serde_json::Value::Array(items) => items.iter().flat_map(ld_names).collect(),
        serde_json::Value::Object(map) => map
            .get("name")
            .and_then(|n| n.as_str())
            .map(|n| vec![n.to_string()])
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn ld_image(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Array(items) => items.iter().find_map(ld_image),
        serde_json::Value::Object(map) => {
            map.get("url").and_then(|u| u.as_str()).map(str::to_string)
        }
        _ => None,
    }
}

/// Reads the page's metadata; `url` is the page's address (canonical or given).
pub fn read(doc: &Document, url: Option<&str>, lang: Option<&str>) -> PageMeta {
    let ld: Vec<serde_json::Value> = json_ld(doc).into_iter().filter(is_article).collect();
    let site_name = meta(
        doc,
        &[
            "meta[property='og:site_name']",
            "meta[name='application-name']",
        ],
    );
    let source = outlet(site_name.as_deref(), url);
    let h1 = doc
        .select("h1")
        .iter()
        .map(|n| collapse(&n.text()))
        .find(|t| !t.is_empty());
    let titles: Vec<String> = ld
        .iter()
        .filter_map(|v| ld_str(v, "headline").map(str::to_string))
        .chain(meta(
            doc,
            &[
                "meta[property='og:title']",
                "meta[name='twitter:title']",
                "meta[property='twitter:title']",
                "meta[name='title']",
            ],
        ))
        .chain(h1.clone())
        .chain(Some(collapse(&doc.select("title").text())).filter(|t| !t.is_empty()))
        .map(|t| decode_entities(&t))
        .collect();
    let names: Vec<String> = [site_name.clone(), source.clone()]
        .into_iter()
        .flatten()
        .collect();
    let title = titles
        .iter()
        .map(|t| without_affixes(t, &names, h1.as_deref()))
        .find(|t| !t.is_empty());

    let date_text = ld
        .iter()
        .find_map(|v| ld_str(v, "datePublished").map(str::to_string))
        .or_else(|| {
            meta(
                doc,
                &[
                    "meta[property='article:published_time']",
                    "meta[property='article:published']",
                    "meta[itemprop='datePublished']",
                    "meta[name='article:publicationdate']",
                    "meta[name='date']",
                    "meta[name='publishdate']",
                    "meta[name='pubdate']",
                    "meta[name='DC.date.issued']",
                    "meta[name='dcterms.date']",
                    "meta[name='parsely-pub-date']",
                    "meta[name='sailthru.date']",
                    "meta[name='ptime']",
                    "meta[name='pdate']",
                ],
            )
        })
        .or_else(|| {
            let t = doc
                .select("time[itemprop='datePublished'], article time[datetime], time[datetime]");
            t.attr("datetime").map(|d| d.to_string())
        });
    let date = date_text
        .as_deref()
        .and_then(|t| parse_date(t, lang))
        .or_else(|| visible_date(doc, lang))
        .map(midnight_is_a_day)
        .or_else(|| url.and_then(date_of_url));

    let mut credits = Credits::default();
    let author_fields: Vec<String> = ld
        .iter()
        .filter_map(|v| v.get("author"))
        .flat_map(ld_names)
        .chain(meta(
            doc,
            &[
                "meta[name='author']",
                "meta[property='article:author']",
                "meta[name='article:author']",
                "meta[name='byl']",
            ],
        ))
        .filter(|a| !a.starts_with("http"))
        .collect();
    for field in author_fields.iter().take(1) {
        credits.merge(authors(field));
    }
    if credits.source.is_some() && source.is_some() {
        credits.source = None;
    }

    let (figure_image, caption, credit) = lead_figure(doc);
    // The lead figure's picture, which its caption describes; else the
    // picture the page names for sharing.
    let image = figure_image
        .into_iter()
        .chain(ld.iter().filter_map(|v| v.get("image").and_then(ld_image)))
        .chain(meta(
            doc,
            &[
                "meta[property='og:image']",
                "meta[name='twitter:image']",
                "meta[property='twitter:image']",
            ],
        ))
        .map(|i| i.replace("&amp;", "&"))
        .find(|i| i.starts_with("http") && !is_stand_in(i));
    PageMeta {
        title,
        date,
        source: source.or(credits.source.take()),
        credits,
        image,
        caption,
        credit,
    }
}

/// The outlet a page belongs to: its site name when briefing knows it, else
/// the outlet of its address, else the site name as written.
fn outlet(site_name: Option<&str>, url: Option<&str>) -> Option<String> {
    let r = rules();
    let known = site_name.and_then(|s| r.outlet(s)).map(str::to_string);
    let by_url = url.and_then(|u| {
        let o = outlet_of_url(u)?;
        r.outlet(&o).map(str::to_string).or(Some(o))
    });
    let by_domain_known = by_url
        .as_deref()
        .and_then(|o| r.outlet(o))
        .map(str::to_string);
    known
        .or(by_domain_known)
        .or_else(|| site_name.map(str::to_string))
        .or(by_url)
}

/// An author field as credits: people to authors, an outlet or an agency to
/// their fields, places and company names dropped.
fn authors(field: &str) -> Credits {
    let field = field.trim();
    if let Some(c) = byline(field) {
        return c;
    }
    let r = rules();
    let mut credits = Credits::default();
    for part in field
        .split([',', ';'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" und "))
    {
        let part = part.trim();
        if let Some(a) = r.agency(part) {
            credits.agencies.push(a.to_string());
        } else if let Some(o) = r.outlet(part) {
            credits.source.get_or_insert_with(|| o.to_string());
        } else if is_person_name(part) {
            credits.authors.push(part.to_string());
        }
    }
    credits
}

/// A headline without the outlet's name and a section beside it:
/// `X - BBC News` → `X`; `Asia-pacific - X` → `X` when the page's `<h1>` is `X`.
fn without_affixes(title: &str, names: &[String], h1: Option<&str>) -> String {
    let title = collapse(title);
    if let Some(h1) = h1 {
        if h1.len() >= 10 && title != h1 && title.contains(h1) {
            return h1.to_string();
        }
    }
    let r = rules();
    // The outlet's name, possibly followed by more ("DER SPIEGEL 52/2018").
    let is_name = |part: &str| {
        let part = part.trim();
        let words: Vec<&str> = part.split_whitespace().collect();
        names.iter().any(|n| n.eq_ignore_ascii_case(part))
            || (1..=words.len().min(4)).any(|n| r.outlet(&words[..n].join(" ")).is_some())
            || part.contains(".de")
            || part.contains(".com")
    };
    let mut parts: Vec<&str> = split_affixes(&title);
    // The outlet's name, and what follows it (sections, issue numbers).
    if let Some(at) = parts.iter().skip(1).position(|p| is_name(p)) {
        parts.truncate(at + 1);
    }
    while parts.len() > 1 && parts.last().is_some_and(|p| is_name(p)) {
        parts.pop();
    }
    while parts.len() > 1 && parts.first().is_some_and(|p| is_name(p)) {
        parts.remove(0);
    }
    parts.join(" - ").trim().to_string()
}

/// A title split at ` - `, ` | `, ` – `, ` — `.
fn split_affixes(title: &str) -> Vec<&str> {
    let mut parts = vec![title];
    for sep in [" | ", " - ", " – ", " — "] {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// A publication date as pages write it: RFC 3339, `2019-06-20T07:30:00`
/// without a zone (central European time on a German page), `2018-06-07
/// 16:26:14`, `20170113000004`, `20170113`, `Fri Mar 13 21:30:09 EST 2015`.
fn parse_date(text: &str, lang: Option<&str>) -> Option<PartialDate> {
    let text = text.trim();
    if let Ok(d) = text.parse::<PartialDate>() {
        return Some(d);
    }
    // `+0100` without a colon.
    if let Some(fixed) = fix_offset(text) {
        if let Ok(d) = fixed.parse::<PartialDate>() {
            return Some(d);
        }
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let compact = text.chars().all(|c| c.is_ascii_digit());
    if compact && digits.len() >= 8 {
        let day: PartialDate = format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..8])
            .parse()
            .ok()?;
        return Some(day);
    }
    // `2019-06-20T07:30:00` or `2018-06-07 16:26:14`: a local time.
    if text.len() >= 16
        && text
            .as_bytes()
            .get(10)
            .is_some_and(|b| *b == b'T' || *b == b' ')
    {
        let day: PartialDate = text.get(..10)?.parse().ok()?;
        let (Some(month), Some(d)) = (day.month, day.day) else {
            return Some(day);
        };
        let zone = if lang == Some("de") { "uhr" } else { "" };
        if let Some(offset) = rules().utc_offset(zone, day.year, month, d) {
            let time = text.get(11..19).filter(|t| t.len() == 8).map_or_else(
                || format!("{}:00", text.get(11..16).unwrap_or("00:00")),
                str::to_string,
            );
            if let Ok(stamp) = format!("{}T{time}{offset}", &text[..10]).parse() {
                return Some(stamp);
            }
        }
        return Some(day);
    }
    find_date(text).map(|(d, _)| d)
}

fn fix_offset(text: &str) -> Option<String> {
    let (head, tail) = text.split_at(text.len().checked_sub(5)?);
    let sign = tail.chars().next()?;
    ((sign == '+' || sign == '-') && tail[1..].chars().all(|c| c.is_ascii_digit()))
        .then(|| format!("{head}{}:{}", &tail[..3], &tail[3..]))
}

/// The date in a page's address: `/2015/03/18/`, `/20150512-…`.
fn date_of_url(url: &str) -> Option<PartialDate> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let segments: Vec<&str> = path.split(['/', '?', '#']).collect();
    for w in segments.windows(3) {
        if w[0].len() == 4 && w[1].len() == 2 && w[2].len() == 2 {
            if let Ok(d) = format!("{}-{}-{}", w[0], w[1], w[2]).parse::<PartialDate>() {
                if (1995..=2100).contains(&d.year) {
                    return Some(d);
                }
            }
        }
    }
    segments.iter().find_map(|s| {
        let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
        (digits.len() == 8)
            .then(|| {
                format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..8])
                    .parse()
                    .ok()
            })
            .flatten()
            .filter(|d: &PartialDate| (1995..=2100).contains(&d.year))
    })
}

/// Whether an image address is a site's stand-in, not the article's picture.
fn is_stand_in(url: &str) -> bool {
    let file = url.rsplit('/').next().unwrap_or(url).to_lowercase();
    [
        "placeholder",
        "default",
        "logo",
        "fallback",
        "blank",
        "spacer",
    ]
    .iter()
    .any(|w| file.contains(w))
}

/// How many date-like elements are looked at for a visible date.
const DATE_ELEMENTS: usize = 20;

/// The date the page shows with its article: an element marked as a date
/// (`class="…date…"`, `<time>`), by its `datetime` or `title` attribute or
/// its short text (`12.10.2015, 19:16 Uhr`, `March 13, 2015 9:00PM`).
fn visible_date(doc: &Document, lang: Option<&str>) -> Option<PartialDate> {
    let found = doc.select("time, [class*=date], [class*=Date], [class*=datum], [class*=Datum], [itemprop=dateCreated]");
    for node in found.iter().take(DATE_ELEMENTS) {
        let attrs = [
            node.attr("datetime"),
            node.attr("title"),
            node.attr("content"),
        ];
        for value in attrs.into_iter().flatten() {
            if let Some(d) = parse_date(&value, lang).filter(|d| d.month.is_some()) {
                return Some(d);
            }
        }
        let text = collapse(&node.text());
        if !text.is_empty() && text.len() < 60 {
            if let Some(d) = parse_date(&text, lang).filter(|d| d.day.is_some()) {
                return Some(d);
            }
        }
    }
    None
}

/// A timestamp at midnight exactly is a day a CMS wrote with a time.
fn midnight_is_a_day(date: PartialDate) -> PartialDate {
    let text = date.to_string();
    if text.get(10..19) == Some("T00:00:00") {
        date.to_day()
    } else {
        date
    }
}

/// The picture, caption and credit of the first figure of the article.
fn lead_figure(doc: &Document) -> (Option<String>, Option<String>, Option<String>) {
    let Some(figure) = doc.select("article figure, figure").iter().next() else {
        return (None, None, None);
    };
    let img = figure.select("img");
    let image = img
        .attr("src")
        .or_else(|| img.attr("data-src"))
        .map(|s| s.trim().to_string())
        .filter(|s| s.starts_with("http"));
    let figcaption = figure.select("figcaption");
    if figcaption.is_empty() {
        return (image, None, None);
    }
    let (caption, credit) = caption_of(&figcaption);
    (image, caption, credit)
}

fn caption_of(figcaption: &dom_query::Selection) -> (Option<String>, Option<String>) {
    let credit_node = figcaption
        .select("[class*=credit], [class*=copyright], [class*=source], [itemprop=copyrightHolder]");
    let credit_text = collapse(&credit_node.text());
    let full = collapse(&figcaption.text());
    if full.is_empty() {
        return (None, None);
    }
    if !credit_text.is_empty() {
        let caption = collapse(&full.replace(&credit_text, " "));
        let bare = credit_text
            .trim()
            .trim_start_matches('(')
            .trim_end_matches(')');
        let credit = super::noise::credit_only(&format!("({bare})"))
            .unwrap_or_else(|| bare.trim_start_matches(['©', ' ']).trim().to_string());
        return (Some(caption).filter(|c| !c.is_empty()), Some(credit));
    }
    // `© Munir uz Zaman, AFP | Police forensics …`
    if let Some(rest) = full.strip_prefix('©') {
        if let Some((credit, caption)) = rest.split_once(" | ") {
            return (
                Some(caption.trim().to_string()),
                Some(credit.trim().to_string()),
            );
        }
    }
    match split_credit(&full) {
        Some((caption, credit)) => (Some(caption), Some(credit)),
        None => (Some(full), None),
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Entities left in attribute values by pages that escape twice.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let doc = Document::from(format!("<p>{text}</p>").as_str());
    collapse(&doc.select("p").text())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_the_outlet_and_a_section_from_a_headline() {
        let names = vec!["BBC News".to_string()];
        assert_eq!(
            without_affixes("Obama admits US gun laws - BBC News", &names, None),
            "Obama admits US gun laws"
        );
        assert_eq!(
            without_affixes(
                "Asia-pacific - Third blogger hacked to death",
                &[],
                Some("Third blogger hacked to death")
            ),
            "Third blogger hacked to death"
        );
        assert_eq!(
            without_affixes("Ein Albtraum - DER SPIEGEL 52/2018", &[], None),
            "Ein Albtraum"
        );
        assert_eq!(
            without_affixes("Merz - der Kanzler und die Krise", &[], None),
            "Merz - der Kanzler und die Krise"
        );
    }

    #[test]
    fn reads_dates_in_the_forms_pages_write_them() {
        assert_eq!(
            parse_date("2019-06-20T07:30:00", Some("de"))
                .unwrap()
                .to_string(),
            "2019-06-20T07:30:00+02:00"
        );
        assert_eq!(
            parse_date("2018-12-22T00:00:00+0100", None)
                .unwrap()
                .to_string(),
            "2018-12-22T00:00:00+01:00"
        );
        assert_eq!(
            parse_date("20170113", None).unwrap().to_string(),
            "2017-01-13"
        );
        assert_eq!(
            date_of_url("http://x.com/world/a/2015/03/18/abc.html")
                .unwrap()
                .to_string(),
            "2015-03-18"
        );
        assert_eq!(
            date_of_url("http://www.france24.com/en/20150512-bangladesh")
                .unwrap()
                .to_string(),
            "2015-05-12"
        );
    }

    #[test]
    fn an_author_field_naming_the_outlet_gives_no_author() {
        let c = authors("SPIEGEL ONLINE, Hamburg, Germany");
        assert!(c.authors.is_empty(), "{c:?}");
        assert_eq!(authors("Reuters").agencies, ["Reuters"]);
        assert_eq!(
            authors("Marcus Bensmann, Justus von Daniels, Ulrich Stoll")
                .authors
                .len(),
            3
        );
    }
}
