//! Link checking: every internal link and `#fragment` of the output must resolve.
//!
//! Runs on the rendered files in memory, before anything is written. A link is
//! internal when it is an absolute path under the base path, or an absolute URL
//! of the site; `href`, `src` and Atom `<link href>` are checked. A broken link
//! is reported with the page it is on and the content file or template the page
//! came from.

use std::borrow::{Borrow, Cow};
use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, OnceLock};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, ToDiagnostic};
use crate::render::OutputFile;
use crate::site::urls::{file_of, BaseUrl};

/// A link that points nowhere.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("broken link {href} on {page}")]
pub struct BrokenLink {
    pub href: String,
    /// The output file the link is on.
    pub page: String,
    /// Where the link came from: a content file or a template.
    pub from: String,
    /// Whether the page exists and only the fragment is missing.
    pub missing_fragment: bool,
}

impl ToDiagnostic for BrokenLink {
    fn to_diagnostic(&self) -> Diagnostic {
        let what = if self.missing_fragment {
            "the page exists but has no element with that id"
        } else {
            "no page or file of the site has that path"
        };
        Diagnostic::error(format!("{} (from {}): {what}", self, self.from)).help(format!(
            "fix the link in {}, or create what it points to",
            self.from
        ))
    }
}

/// What links can point to: every file path of a site, and the ids on each
/// of its HTML pages.
#[derive(Debug, Clone, Default)]
pub struct Targets {
    paths: HashSet<String>,
    ids: HashMap<String, HashSet<String>>,
}

impl Targets {
    /// The targets of a whole site.
    pub fn of<F: Borrow<OutputFile> + Sync>(files: &[F]) -> Targets {
        let ids = files
            .par_iter()
            .filter_map(|f| {
                let f = f.borrow();
                Some((f.path.clone(), Targets::ids_of(f)?))
            })
            .collect();
        Targets {
            paths: files.iter().map(|f| f.borrow().path.clone()).collect(),
            ids,
        }
    }

    /// The ids of an HTML page (`None` for other files).
    pub fn ids_of(file: &OutputFile) -> Option<HashSet<String>> {
        if !file.path.ends_with(".html") {
            return None;
        }
        let text = text_of(file);
        Some(
            attributes(&text)
                .filter(|(kind, _)| *kind == Attribute::Id)
                .map(|(_, value)| unescape(value).into_owned())
                .collect(),
        )
    }

    /// Adds or replaces one file; returns what it replaced: whether the path
    /// was there, and its former ids.
    pub fn insert(
        &mut self,
        path: &str,
        ids: Option<HashSet<String>>,
    ) -> (bool, Option<HashSet<String>>) {
        let existed = !self.paths.insert(path.to_string());
        let old = match ids {
            Some(ids) => self.ids.insert(path.to_string(), ids),
            None => self.ids.remove(path),
        };
        (existed, old)
    }

    /// Puts back what [`Targets::insert`] replaced.
    pub fn restore(&mut self, path: &str, previous: (bool, Option<HashSet<String>>)) {
        let (existed, ids) = previous;
        if !existed {
            self.paths.remove(path);
        }
        match ids {
            Some(ids) => self.ids.insert(path.to_string(), ids),
            None => self.ids.remove(path),
        };
    }
}

/// What a page offers (element ids) and asks for (`href`/`src` links).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attribute {
    Id,
    Link,
}

/// The attribute values of a page: `id` (after a space, tab or newline, so
/// not `data-id`) and links (`href`, `src`, whatever their prefix). Every
/// attribute is found by its `="` with `memchr`'s vectorized substring
/// search, and told apart by the few bytes before it; the value ends at the
/// next quote. This is several times faster than a regular expression or an
/// automaton over every byte of the site, which spends its time on the
/// other attributes.
fn attributes(text: &str) -> impl Iterator<Item = (Attribute, &str)> + '_ {
    static OPEN: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let open = OPEN.get_or_init(|| memchr::memmem::Finder::new(b"=\""));
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || loop {
        let eq = at + open.find(&bytes[at..])?;
        let start = eq + 2;
        let end = start + memchr::memchr(b'"', &bytes[start..])?;
        at = end + 1;
        let name = &bytes[..eq];
        let kind = if name.ends_with(b"href") || name.ends_with(b"src") {
            Attribute::Link
        } else if name.ends_with(b" id") || name.ends_with(b"\nid") || name.ends_with(b"\tid") {
            Attribute::Id
        } else {
            continue;
        };
        // Both ends are ASCII quotes, so the slice is on char boundaries.
        return Some((kind, &text[start..end]));
    })
}

/// The text of a file: borrowed when it is UTF-8, as pages are (checked
/// with the fast validator first; the lossy one is several times slower).
fn text_of(file: &OutputFile) -> Cow<'_, str> {
    match std::str::from_utf8(&file.bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(&file.bytes),
    }
}

fn is_markup(f: &OutputFile) -> bool {
    f.path.ends_with(".html") || f.path.ends_with(".xml")
}

/// An internal link found on a page. Borrowed from the page's text unless it
/// had to be unescaped or decoded, so that checking the usual link allocates
/// nothing.
#[derive(Debug, Clone)]
struct Link<'t> {
    href: Cow<'t, str>,
    /// The route it points to (`a/b/`, `style.css`); `None` for `#x` alone.
    route: Option<Cow<'t, str>>,
    /// The decoded fragment, when the link has a non-empty one.
    fragment: Option<Cow<'t, str>>,
}

impl Link<'_> {
    /// The output file the link points to, from page `page`.
    fn file(&self, page: &str) -> String {
        match &self.route {
            Some(route) => file_of(route),
            None => page.to_string(),
        }
    }
}

/// The link an attribute value makes, if it points into the site.
fn link<'t>(raw: &'t str, base: &BaseUrl) -> Option<Link<'t>> {
    fn owned(value: Cow<'_, str>) -> Cow<'static, str> {
        Cow::Owned(value.into_owned())
    }
    match unescape(raw) {
        Cow::Borrowed(href) => {
            let (route, fragment) = resolve(href, base)?;
            Some(Link {
                href: Cow::Borrowed(href),
                route,
                fragment,
            })
        }
        Cow::Owned(href) => {
            let (route, fragment) = resolve(&href, base)?;
            let (route, fragment) = (route.map(owned), fragment.map(owned));
            Some(Link {
                href: Cow::Owned(href),
                route,
                fragment,
            })
        }
    }
}

/// The decoded route and fragment of an internal `href`.
type Resolved<'h> = (Option<Cow<'h, str>>, Option<Cow<'h, str>>);

fn resolve<'h>(href: &'h str, base: &BaseUrl) -> Option<Resolved<'h>> {
    let (target, fragment) = match href.find('#') {
        Some(at) => (&href[..at], Some(&href[at + 1..])),
        None => (href, None),
    };
    let route = if target.is_empty() {
        None
    } else {
        let route = base.route_of(target)?;
        Some(percent_decode(route.split('?').next().unwrap_or("")))
    };
    let fragment = fragment.filter(|x| !x.is_empty()).map(percent_decode);
    Some((route, fragment))
}

/// The ids of a page (for HTML), as hashes ([`id_key`]), and its internal
/// links.
struct Scanned<'t> {
    ids: Option<HashSet<u64>>,
    links: Vec<Link<'t>>,
}

/// An element id as a build keeps it until every page is checked: a hash,
/// not a copy of the text. Hundreds of thousands of ids are kept, and a
/// missing fragment could only go unnoticed if its 64-bit hash equalled that
/// of an id on the same page.
fn id_key(id: &str) -> u64 {
    crate::hash::hash_of(id)
}

fn scan<'t>(path: &str, text: &'t str, base: &BaseUrl) -> Scanned<'t> {
    let mut ids = path.ends_with(".html").then(HashSet::new);
    let mut links = Vec::new();
    for (kind, raw) in attributes(text) {
        match kind {
            Attribute::Id => {
                if let Some(ids) = ids.as_mut() {
                    ids.insert(id_key(&unescape(raw)));
                }
            }
            Attribute::Link => links.extend(link(raw, base)),
        }
    }
    Scanned { ids, links }
}

/// Where the links of a page came from: its content file or its template.
fn origin(f: &OutputFile) -> String {
    f.source
        .as_ref()
        .map(|p| p.display().to_string())
        .or_else(|| f.template.as_ref().map(|t| format!("template {t}")))
        .unwrap_or_else(|| "the theme".into())
}

fn broken(f: &OutputFile, link: &Link, missing_fragment: bool) -> BrokenLink {
    BrokenLink {
        href: link.href.to_string(),
        page: f.path.clone(),
        from: origin(f),
        missing_fragment,
    }
}

fn sorted(mut broken: Vec<BrokenLink>) -> Vec<BrokenLink> {
    broken.sort_by(|a, b| (&a.from, &a.page, &a.href).cmp(&(&b.from, &b.page, &b.href)));
    broken.dedup();
    broken
}

/// Checks every internal link in the HTML and XML files of `files`.
pub fn check<F: Borrow<OutputFile> + Sync>(files: &[F], base: &BaseUrl) -> Vec<BrokenLink> {
    check_against(files, &Targets::of(files), base)
}

/// Checks the links in `files` (some pages of a site) against the targets
/// of the whole site.
pub fn check_against<F: Borrow<OutputFile> + Sync>(
    files: &[F],
    targets: &Targets,
    base: &BaseUrl,
) -> Vec<BrokenLink> {
    let found: Vec<BrokenLink> = files
        .par_iter()
        .map(|f| f.borrow())
        .filter(|f| is_markup(f))
        .flat_map_iter(|f| {
            let text = text_of(f);
            scan(&f.path, &text, base)
                .links
                .iter()
                .filter_map(|link| {
                    let file = link.file(&f.path);
                    if !targets.paths.contains(&file) {
                        return Some(broken(f, link, false));
                    }
                    let frag = link.fragment.as_ref()?;
                    let missing = targets
                        .ids
                        .get(&file)
                        .is_some_and(|set| !set.contains(frag.as_ref()));
                    missing.then(|| broken(f, link, true))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    sorted(found)
}

/// Link checking for pages that pass by one at a time, as a build streams
/// them to disk: every path of the site is known before the first page, so
/// a link to a missing page is found at once; a link to a fragment of
/// another page waits for [`Streamed::finish`], when every page's ids are in.
pub struct Streamed<'a> {
    paths: &'a HashSet<String>,
    /// The routes of the `index.html` pages (`a/b/` for `a/b/index.html`),
    /// so that a link is looked up as written.
    routes: HashSet<&'a str>,
    base: &'a BaseUrl,
    state: Mutex<StreamState>,
}

#[derive(Default)]
struct StreamState {
    broken: Vec<BrokenLink>,
    ids: HashMap<String, HashSet<u64>>,
    /// Links to a fragment of another page: the link, the page it points
    /// to and the fragment.
    pending: Vec<(BrokenLink, String, String)>,
}

impl<'a> Streamed<'a> {
    /// A checker for a site with these file paths.
    pub fn new(paths: &'a HashSet<String>, base: &'a BaseUrl) -> Self {
        let routes = paths
            .iter()
            .filter_map(|p| p.strip_suffix("index.html"))
            .filter(|r| r.is_empty() || r.ends_with('/'))
            .collect();
        Streamed {
            paths,
            routes,
            base,
            state: Mutex::new(StreamState::default()),
        }
    }

    fn exists(&self, route: &str) -> bool {
        if route.is_empty() || route.ends_with('/') {
            self.routes.contains(route)
        } else {
            self.paths.contains(route)
        }
    }

    /// Checks the links of one page and keeps its ids.
    pub fn page(&self, f: &OutputFile) {
        if !is_markup(f) {
            return;
        }
        let text = text_of(f);
        let Scanned { ids, links } = scan(&f.path, &text, self.base);
        let mut broken_here = Vec::new();
        let mut pending = Vec::new();
        for link in &links {
            match (&link.route, &link.fragment) {
                (Some(route), _) if !self.exists(route) => {
                    broken_here.push(broken(f, link, false));
                }
                (None, Some(frag))
                    if ids.as_ref().is_some_and(|set| !set.contains(&id_key(frag))) =>
                {
                    broken_here.push(broken(f, link, true));
                }
                (Some(_), Some(frag)) => {
                    let file = link.file(&f.path);
                    pending.push((broken(f, link, true), file, frag.to_string()));
                }
                _ => {}
            }
        }
        if broken_here.is_empty() && pending.is_empty() && ids.is_none() {
            return;
        }
        let mut state = self.state.lock().expect("no panics while locked");
        state.broken.extend(broken_here);
        state.pending.extend(pending);
        if let Some(ids) = ids {
            state.ids.insert(f.path.clone(), ids);
        }
    }

    /// Every broken link of the pages seen, once all of them are in.
    pub fn finish(self) -> Vec<BrokenLink> {
        let mut state = self.state.into_inner().expect("no panics while locked");
        let ids = std::mem::take(&mut state.ids);
        for (link, file, frag) in state.pending {
            if ids
                .get(&file)
                .is_some_and(|set| !set.contains(&id_key(&frag)))
            {
                state.broken.push(link);
            }
        }
        sorted(state.broken)
    }
}

/// Undoes the HTML escaping of an attribute value.
fn unescape(value: &str) -> Cow<'_, str> {
    if !value.contains('&') {
        return Cow::Borrowed(value);
    }
    Cow::Owned(
        value
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#x27;", "'")
            .replace("&#x2F;", "/")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

/// Decodes `%XX` escapes in a URL path.
fn percent_decode(s: &str) -> Cow<'_, str> {
    if !s.contains('%') {
        return Cow::Borrowed(s);
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((high * 16 + low) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, html: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: html.as_bytes().to_vec(),
            source: None,
            template: Some("t.html".into()),
        }
    }

    #[test]
    fn accepts_links_to_pages_files_and_fragments() {
        let base = BaseUrl::parse("https://example.org/sub/").unwrap();
        let files = [
            file(
                "index.html",
                r##"<a href="/sub/a/">a</a><a href="/sub/a/#x">x</a><a href="#top">t</a><p id="top"></p><link href="/sub/style.css"><a href="https://other.org/">o</a><a href="https://example.org/sub/a/">abs</a>"##,
            ),
            file("a/index.html", r#"<h2 id="x">X</h2>"#),
            file("style.css", "body{}"),
        ];
        assert_eq!(check(&files, &base), []);
    }

    #[test]
    fn reports_missing_pages_and_fragments_with_their_origin() {
        let base = BaseUrl::parse("/").unwrap();
        let mut article = file(
            "articles/a/index.html",
            r##"<a href="/nope/">n</a><a href="/articles/a/#gone">g</a>"##,
        );
        article.source = Some("content/articles/a.md".into());
        let broken = check(&[article], &base);
        assert_eq!(broken.len(), 2);
        assert!(broken.iter().all(|b| b.from == "content/articles/a.md"));
        assert!(broken
            .iter()
            .any(|b| b.missing_fragment && b.href.ends_with("#gone")));
    }

    #[test]
    fn finds_ids_and_links_but_no_other_attribute() {
        let html = "<a class=\"x\" href=\"/a/\" data-id=\"no\">t=\"x\"</a>\n<img\nsrc=\"/i.png\" alt=\"\"><h2 id=\"h\">\
                    <link rel=\"alternate\" href=\"/f.xml\"><p\tid=\"t\" title=\"id=\">";
        let found: Vec<(Attribute, &str)> = attributes(html).collect();
        assert_eq!(
            found,
            [
                (Attribute::Link, "/a/"),
                (Attribute::Link, "/i.png"),
                (Attribute::Id, "h"),
                (Attribute::Link, "/f.xml"),
                (Attribute::Id, "t"),
            ]
        );
        assert_eq!(attributes("<a href=\"unclosed").count(), 0);
    }

    #[test]
    fn decodes_escaped_paths() {
        assert_eq!(percent_decode("tags/s%C3%BCd/"), "tags/süd/");
        assert_eq!(percent_decode("100%é"), "100%é", "no escape, no panic");
        assert_eq!(unescape("/a/?x=1&amp;y=2"), "/a/?x=1&y=2");
    }

    #[test]
    fn the_streamed_check_finds_what_the_whole_site_check_finds() {
        let base = BaseUrl::parse("/").unwrap();
        let files = [
            file(
                "index.html",
                r##"<a href="/a/#x">ok</a><a href="/a/#gone">g</a><a href="#me">m</a><a href="#not-here">n</a><i id="me"></i><a href="/nope/">x</a>"##,
            ),
            file(
                "a/index.html",
                r##"<h2 id="x">X</h2><a href="/#me">back</a>"##,
            ),
        ];
        let paths: HashSet<String> = files.iter().map(|f| f.path.clone()).collect();
        let streamed = Streamed::new(&paths, &base);
        // The page holding the fragment comes after the link to it.
        for f in &files {
            streamed.page(f);
        }
        let found = streamed.finish();
        assert_eq!(found, check(&files, &base));
        let hrefs: Vec<&str> = found.iter().map(|b| b.href.as_str()).collect();
        assert_eq!(hrefs, ["#not-here", "/a/#gone", "/nope/"]);
    }
}
