//! Web pages → a draft article: main text by readability, metadata from the page,
//! HTML sanitized before it becomes Markdown.
//!
//! The main text is found by `dom_smoothie` (a port of Mozilla's readability),
//! which also reads title, author, description, outlet and publication time from
//! Open Graph, `article:published_time` and JSON-LD. The canonical URL comes from
//! `<link rel="canonical">` or `og:url`. The extracted HTML goes through `ammonia`
//! (no script, style, iframe or event handler survives) and then `htmd` turns it
//! into Markdown; paragraphs that are noise (labels, widgets) are dropped.
//!
//! ```
//! let page = r#"<html lang="de"><head><title>T</title>
//!   <meta property="og:title" content="Blinken in Seoul"></head>
//!   <body><article><p>Der Minister traf am Montag in Seoul ein, wo er mit der Regierung sprach und Gespräche über die Lage führte.</p>
//!   <p>Er sagte, die Lage sei ernst, und forderte mehr Zusammenarbeit der Partner in der Region, besonders mit Japan.</p></article></body></html>"#;
//! let d = briefing::ingest::html::parse("page.html", page, None).unwrap();
//! assert_eq!(d.meta.title, "Blinken in Seoul");
//! assert!(d.body.starts_with("Der Minister"));
//! ```

use std::sync::LazyLock;

use dom_query::Document;
use dom_smoothie::{Config, Readability};
use regex::Regex;

use super::credits::{byline, Credits};
use super::dates::find_date;
use super::noise::is_noise;
use super::rules::rules;
use super::{lang, Draft, Error};
use crate::content::{ArticleMeta, PartialDate};

/// Pages with more elements than this are not articles (and would be slow to score).
const MAX_ELEMENTS: usize = 100_000;

fn canonical_url(doc: &Document) -> Option<String> {
    let link = doc.select("link[rel=canonical]").attr("href");
    let og = doc.select("meta[property='og:url']").attr("content");
    link.or(og)
        .map(|u| u.trim().to_string())
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
}

fn parse_date(text: &str) -> Option<PartialDate> {
    let text = text.trim();
    text.parse()
        .ok()
        .or_else(|| text.get(..10).and_then(|d| d.parse().ok()))
        .or_else(|| find_date(text).map(|(d, _)| d))
}

/// A byline as readability found it: people, an agency, or an outlet.
fn authors(byline_text: &str) -> Credits {
    let text = byline_text.trim();
    byline(text).unwrap_or_else(|| {
        let r = rules();
        let mut c = Credits::default();
        if let Some(a) = r.agency(text) {
            c.agencies.push(a.to_string());
        } else if let Some(o) = r.outlet(text) {
            c.source = Some(o.to_string());
        } else if super::credits::is_person_name(text) {
            c.authors.push(text.to_string());
        }
        c
    })
}

/// The article HTML without what is not its text: teasers of other articles
/// (a link wrapping a heading or paragraphs), figures (the lead figure's
/// picture and caption go to front matter) and images whose address is not
/// an absolute URL, which would be broken links on the published site.
fn without_furniture(html: &str) -> String {
    let doc = Document::from(html);
    doc.select("a:has(h1, h2, h3, h4, h5, h6, p, div, ul, figure)")
        .remove();
    doc.select("figure, picture, figcaption").remove();
    for img in doc.select("img").iter() {
        let usable = img
            .attr("src")
            .is_some_and(|s| s.starts_with("https://") || s.starts_with("http://"));
        if !usable {
            img.remove();
        }
    }
    // A link left with nothing inside.
    for a in doc.select("a").iter() {
        if a.text().trim().is_empty() && a.select("img").is_empty() {
            a.remove();
        }
    }
    doc.select("body").inner_html().to_string()
}

/// Markdown from sanitized article HTML, without noise paragraphs, and the
/// credits of the signature lines removed from its end.
fn to_markdown(input: &str, html: &str, title: &str) -> Result<(String, Credits), Error> {
    let clean = ammonia::clean(&without_furniture(html));
    let markdown = htmd::convert(&clean).map_err(|e| Error::Read {
        input: input.to_string(),
        message: e.to_string(),
    })?;
    // Page furniture the text extraction kept: labels, date lines, bare
    // photo credits (`(Bild: Audi)`), paragraphs that are only links (a list
    // of related articles, "Jetzt unterstützen!").
    let furniture = |p: &str| {
        let text = plain(p);
        text.is_empty()
            || is_noise(&text)
            || super::dates::date_line(&text).is_some()
            || super::noise::credit_only(&text).is_some()
            || only_links(p)
    };
    let without_ui_links = FRAGMENT_LINK.replace_all(&markdown, "");
    let mut paragraphs: Vec<&str> = without_ui_links
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty() && !furniture(p))
        .collect();
    // Notes and signatures at the end: "Heba Habib contributed to this
    // report.", "(FRANCE 24 with AFP, REUTERS)", an author's tagline in bold.
    let mut credits = Credits::default();
    while paragraphs.len() > 1 {
        let last = plain(paragraphs[paragraphs.len() - 1]);
        if let Some(c) = super::credits::signature(&last) {
            credits.merge(c);
        } else if is_tagline(paragraphs[paragraphs.len() - 1]) {
        } else {
            break;
        }
        paragraphs.pop();
    }
    let mut paragraphs: Vec<String> = paragraphs.into_iter().map(str::to_string).collect();
    if let Some(last) = paragraphs.last_mut() {
        if let Some((end, c)) = super::credits::glued_signature(last) {
            credits.merge(c);
            last.truncate(end);
        }
    }
    // The page title repeated as the first heading.
    if paragraphs
        .first()
        .is_some_and(|p| p.starts_with('#') && p.trim_start_matches('#').trim() == title.trim())
    {
        paragraphs.remove(0);
    }
    Ok((paragraphs.join("\n\n"), credits))
}

/// Links to a place on the same page: "Continue reading the main story".
static FRAGMENT_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[[^\]]*\]\(#[^)]*\)").unwrap());

static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"!?\[[^\]]*\]\([^)]*\)").unwrap());

/// A paragraph's text without Markdown marks: emphasis, escapes, list bullets.
fn plain(p: &str) -> String {
    let text = p.trim_start_matches('#').replace(['*', '_', '\\'], "");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a paragraph holds links and nothing else worth reading.
fn only_links(p: &str) -> bool {
    let rest = LINK.replace_all(p, "");
    LINK.is_match(p) && plain(&rest).chars().filter(|c| c.is_alphanumeric()).count() < 3
}

/// A closing line about the author, set in bold: "**Laurie Oakes is the Nine
/// Network political editor**".
fn is_tagline(p: &str) -> bool {
    let p = p.trim();
    p.starts_with("**") && p.ends_with("**") && p.len() < 200
}

/// Parses a web page named `input`, fetched from `url` if given.
pub fn parse(input: &str, html: &str, url: Option<&str>) -> Result<Draft, Error> {
    let doc = Document::from(html);
    let canonical = canonical_url(&doc);
    let html_lang = doc
        .select("html")
        .attr("lang")
        .and_then(|l| l.split(['-', '_']).next().map(str::to_ascii_lowercase));
    let page = super::html_meta::read(&doc, canonical.as_deref().or(url), html_lang.as_deref());
    let config = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    let no_text = || Error::NoText {
        input: input.to_string(),
    };
    let mut readability =
        Readability::with_document(doc, url, Some(config)).map_err(|_| no_text())?;
    let article = readability.parse().map_err(|_| no_text())?;

    let title = page
        .title
        .clone()
        .unwrap_or_else(|| article.title.trim().to_string());
    let (mut body, signed) = to_markdown(input, &article.content, &title)?;
    if body.is_empty() {
        return Err(no_text());
    }
    let mut credits = page.credits.clone();
    if credits.authors.is_empty() && credits.agencies.is_empty() {
        credits.merge(article.byline.as_deref().map(authors).unwrap_or_default());
    }
    credits.source = page.source.clone().or_else(|| {
        article
            .site_name
            .as_deref()
            .map(|site| rules().outlet(site).unwrap_or(site).trim().to_string())
    });
    credits.merge(signed);
    // The dateline of the first paragraph names the agency and is no text.
    if let Some((c, len)) = super::credits::dateline(&body) {
        credits.merge(c);
        body = body[len..].to_string();
    } else if let Some((_, len)) = super::header::place_dateline(&body) {
        body = body[len..].to_string();
    }
    let page_lang = article
        .lang
        .as_deref()
        .and_then(|l| l.split(['-', '_']).next())
        .map(str::to_ascii_lowercase)
        .filter(|l| l.len() == 2);
    let mut meta = ArticleMeta {
        title_derived: title.is_empty(),
        title: if title.is_empty() {
            super::title::derive_title(&body)
        } else {
            title
        },
        date: page
            .date
            .clone()
            .or_else(|| article.published_time.as_deref().and_then(parse_date)),
        source: credits.source,
        agencies: credits.agencies,
        authors: credits.authors,
        lang: page_lang.or_else(|| lang::detect(&body).map(str::to_string)),
        summary: article
            .excerpt
            .map(|e| e.trim().to_string())
            .filter(|e| !e.is_empty()),
        url: canonical.or(article.url).or(url.map(str::to_string)),
        image: page.image.clone(),
        caption: page.caption.clone(),
        credit: page.credit.clone(),
        ..ArticleMeta::default()
    };
    meta.authors.retain(|a| !a.is_empty());
    Ok(Draft { meta, body })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html lang="en"><head>
<title>Leaders meet in Seoul | Example News</title>
<meta property="og:title" content="Leaders meet in Seoul">
<meta property="og:site_name" content="The Guardian">
<meta property="og:description" content="Talks on security.">
<meta property="article:published_time" content="2025-02-12T09:30:00+01:00">
<meta name="author" content="Jane Doe">
<link rel="canonical" href="https://example.org/world/leaders-seoul">
<script>alert('x')</script><style>p{color:red}</style>
</head><body><nav>Home World</nav><article>
<h1>Leaders meet in Seoul</h1>
<p>The leaders of both countries met in Seoul on Wednesday to discuss security in the region, officials said.</p>
<p>Advertisement</p>
<p>They agreed to meet again next year <img src="x.png" onerror="alert(1)"> and to keep their talks going, according to a statement.</p>
<script>document.write('tracker')</script>
<iframe src="https://ads.example.org/frame"></iframe>
<p>The statement did not say <a href="https://example.org/a" onclick="steal()">where</a> the next meeting would be held, but both sides called it useful.</p>
</article><footer>Copyright</footer></body></html>"#;

    #[test]
    fn reads_metadata_from_open_graph_and_the_canonical_link() {
        let d = parse("page.html", PAGE, None).unwrap();
        assert_eq!(d.meta.title, "Leaders meet in Seoul");
        assert_eq!(d.meta.source.as_deref(), Some("The Guardian"));
        assert_eq!(d.meta.authors, ["Jane Doe"]);
        assert_eq!(d.meta.summary.as_deref(), Some("Talks on security."));
        assert_eq!(
            d.meta.url.as_deref(),
            Some("https://example.org/world/leaders-seoul")
        );
        assert_eq!(
            d.meta.date.unwrap().to_string(),
            "2025-02-12T09:30:00+01:00"
        );
        assert_eq!(d.meta.lang.as_deref(), Some("en"));
    }

    #[test]
    fn strips_scripts_event_handlers_and_iframes() {
        let d = parse("page.html", PAGE, None).unwrap();
        for bad in [
            "alert",
            "script",
            "onerror",
            "onclick",
            "steal",
            "iframe",
            "tracker",
            "color:red",
        ] {
            assert!(!d.body.contains(bad), "{bad} in {}", d.body);
        }
        assert!(
            d.body.contains("[where](https://example.org/a)"),
            "{}",
            d.body
        );
        assert!(!d.body.contains("Advertisement"));
        assert!(!d.body.starts_with('#'), "{}", d.body);
    }

    #[test]
    fn reads_json_ld_metadata() {
        let page = r#"<html><head><script type="application/ld+json">
{"@context":"https://schema.org","@type":"NewsArticle","headline":"Regierung beschließt Haushalt",
 "datePublished":"2025-01-24","author":{"@type":"Person","name":"Anna Muster"},
 "publisher":{"@type":"Organization","name":"ZEIT ONLINE"},"description":"Der Haushalt steht."}
</script></head><body><article><p>Die Regierung hat am Freitag den Haushalt für das kommende Jahr beschlossen, wie ein Sprecher mitteilte.</p>
<p>Der Entwurf sieht höhere Ausgaben für die Verteidigung vor und soll im Frühjahr vom Bundestag verabschiedet werden.</p></article></body></html>"#;
        let d = parse("p.html", page, None).unwrap();
        assert_eq!(d.meta.title, "Regierung beschließt Haushalt");
        assert_eq!(d.meta.date.unwrap().to_string(), "2025-01-24");
        assert_eq!(d.meta.authors, ["Anna Muster"]);
        assert_eq!(d.meta.lang.as_deref(), Some("de"));
    }
}
