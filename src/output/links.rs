//! Link checking: every internal link and `#fragment` of the output must resolve.
//!
//! Runs on the rendered files in memory, before anything is written. A link is
//! internal when it is an absolute path under the base path, or an absolute URL
//! of the site; `href`, `src` and Atom `<link href>` are checked. A broken link
//! is reported with the page it is on and the content file or template the page
//! came from.

use std::borrow::{Borrow, Cow};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Location, ToDiagnostic};
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
    /// The content file the page came from, if it came from one.
    pub file: Option<std::path::PathBuf>,
    /// Whether the page exists and only the fragment is missing.
    pub missing_fragment: bool,
    /// Where the content file writes the link, once [`BrokenLink::locate`]
    /// has found it.
    pub at: Option<Location>,
}

impl BrokenLink {
    /// Finds the line and column of the link in its content file under
    /// `root`, as written: a Markdown link target `](…)`, an autolink `<…>`,
    /// an HTML attribute `="…"` or a front-matter value, with or without the
    /// site's base path. Only broken links are located, so the file is read
    /// again here rather than kept for every page.
    pub fn locate(&mut self, root: &std::path::Path, base: &BaseUrl) {
        let Some(path) = &self.file else {
            return;
        };
        let Ok(text) = std::fs::read_to_string(root.join(path)) else {
            return;
        };
        // A root-relative link gets the base path put in front of it
        // ("/nope/" is "/sub/nope/" on the page).
        let route = base.route_of(&self.href);
        let rooted = route.map(|r| format!("/{r}"));
        let written: Vec<&str> = [Some(self.href.as_str()), rooted.as_deref(), route]
            .into_iter()
            .flatten()
            .filter(|w| !w.is_empty())
            .collect();
        let found = written.iter().find_map(|w| {
            ["](", "<", "=\"", ": ", "(", ""]
                .iter()
                .find_map(|before| text.find(&format!("{before}{w}")).map(|i| i + before.len()))
                .map(|i| (i, w.chars().count()))
        });
        if let Some((offset, length)) = found {
            let (line, column) = crate::diagnostics::line_column(&text, offset);
            self.at = Some(Location::new(path.clone(), line, column).with_length(length));
        }
    }
}

impl ToDiagnostic for BrokenLink {
    fn to_diagnostic(&self) -> Diagnostic {
        let what = if self.missing_fragment {
            "the page exists but has no element with that id"
        } else {
            "no page or file of the site has that path"
        };
        let d = match &self.at {
            Some(at) => Diagnostic::error(format!("{self}: {what}")).at(at.clone()),
            None => Diagnostic::error(format!("{} (from {}): {what}", self, self.from)),
        };
        d.help(format!(
            "fix the link in {}, or create what it points to",
            self.from
        ))
    }
}

/// What a page offers (element ids) and asks for (`href`/`src` links).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attribute {
    Id,
    Link,
    /// A `srcset`: a list of image candidates.
    SrcSet,
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
        } else if name.ends_with(b"srcset") {
            Attribute::SrcSet
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

/// The link an attribute value makes, if it points into the site. `page`
/// is the output path of the page, against which relative links resolve.
fn link<'t>(raw: &'t str, base: &BaseUrl, page: &str) -> Option<Link<'t>> {
    if is_relative(raw) {
        let href = unescape(raw).into_owned();
        let (target, fragment) = match href.find('#') {
            Some(at) => (&href[..at], Some(&href[at + 1..])),
            None => (href.as_str(), None),
        };
        let route = relative_route(page, target.split('?').next().unwrap_or(""));
        let fragment = fragment
            .filter(|x| !x.is_empty())
            .map(|f| Cow::Owned(percent_decode(f).into_owned()));
        return Some(Link {
            route: Some(Cow::Owned(percent_decode(&route).into_owned())),
            fragment,
            href: Cow::Owned(href),
        });
    }
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

/// Whether a link is relative to its page: no scheme, no leading `/` or `#`,
/// not a `mailto:`, `tel:` or `data:` address.
fn is_relative(raw: &str) -> bool {
    let raw = raw.trim();
    !(raw.is_empty()
        || raw.starts_with(['/', '#', '?'])
        || raw.contains("://")
        || raw.split_once(':').is_some_and(|(scheme, _)| {
            scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }))
}

/// The route a relative link names from the page at output path `page`:
/// `x.png` on `articles/a/index.html` → `articles/a/x.png`. A link climbing
/// above the site root keeps its `..`, so that no file matches it.
fn relative_route(page: &str, target: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    let mut above = 0;
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    above += 1;
                }
            }
            s => parts.push(s),
        }
    }
    let mut route = "../".repeat(above);
    route.push_str(&parts.join("/"));
    if target.ends_with('/') && !route.ends_with('/') {
        route.push('/');
    }
    route
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
    ids: Option<Ids>,
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
    let mut ids = path.ends_with(".html").then(Vec::new);
    let mut links = Vec::new();
    for (kind, raw) in attributes(text) {
        match kind {
            Attribute::Id => {
                if let Some(ids) = ids.as_mut() {
                    ids.push(id_key(&unescape(raw)));
                }
            }
            Attribute::Link => links.extend(link(raw, base, path)),
            // `srcset="a.jpg 1x, b.jpg 2x"`: the address of each candidate.
            Attribute::SrcSet => links.extend(
                raw.split(',')
                    .filter_map(|c| c.split_whitespace().next())
                    .filter_map(|url| link(url, base, path)),
            ),
        }
    }
    let ids = ids.map(|mut ids| {
        ids.sort_unstable();
        ids.dedup();
        ids.into()
    });
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
        file: f.source.clone(),
        missing_fragment,
        at: None,
    }
}

fn sorted(mut broken: Vec<BrokenLink>) -> Vec<BrokenLink> {
    broken.sort_by(|a, b| (&a.from, &a.page, &a.href).cmp(&(&b.from, &b.page, &b.href)));
    broken.dedup();
    broken
}

/// What links can point to: every file path of a site, and the element ids
/// of each of its HTML pages (as sorted hashes, [`id_key`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Targets {
    pub paths: Arc<Paths>,
    pub ids: Arc<IdMap>,
}

/// The ids of each HTML page, by path.
pub type IdMap = HashMap<String, Ids, std::hash::BuildHasherDefault<crate::hash::KeyHasher>>;

/// A set hashed with xxh3: the paths of a site are looked up once per link.
type FastSet = HashSet<String, std::hash::BuildHasherDefault<crate::hash::KeyHasher>>;

/// Every file path of a site, and the routes of its `index.html` pages
/// (`a/b/` for `a/b/index.html`), so that a link is looked up as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paths {
    files: FastSet,
    routes: FastSet,
}

impl Paths {
    pub fn new<'p>(paths: impl IntoIterator<Item = &'p str>) -> Paths {
        let mut set = Paths::default();
        for p in paths {
            if let Some(route) = p.strip_suffix("index.html") {
                if route.is_empty() || route.ends_with('/') {
                    set.routes.insert(route.to_string());
                }
            }
            set.files.insert(p.to_string());
        }
        set
    }

    pub fn contains(&self, path: &str) -> bool {
        self.files.contains(path)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Whether a link's route (`a/b/`, `style.css`) names a file of the site.
    fn exists(&self, route: &str) -> bool {
        if route.is_empty() || route.ends_with('/') {
            self.routes.contains(route)
        } else {
            self.files.contains(route)
        }
    }
}

/// The element ids of one page, as sorted hashes.
pub type Ids = Arc<[u64]>;

impl Targets {
    /// The targets of a whole site, read from its files.
    pub fn of<F: Borrow<OutputFile> + Sync>(files: &[F]) -> Targets {
        let ids = files
            .par_iter()
            .map(|f| f.borrow())
            .filter(|f| f.path.ends_with(".html"))
            .map(|f| {
                (
                    f.path.clone(),
                    ids_of(&f.path, &text_of(f)).unwrap_or_default(),
                )
            })
            .collect();
        Targets {
            paths: Arc::new(Paths::new(files.iter().map(|f| f.borrow().path.as_str()))),
            ids: Arc::new(ids),
        }
    }

    /// These targets with the ids of some pages replaced. The map is copied
    /// only when an id set differs.
    pub fn with_ids(&self, found: IdMap) -> Targets {
        let mut ids = self.ids.clone();
        for (path, set) in found {
            if ids.get(&path) != Some(&set) {
                Arc::make_mut(&mut ids).insert(path, set);
            }
        }
        Targets {
            paths: self.paths.clone(),
            ids,
        }
    }

    /// Whether some id of these targets is missing from `found` (the new ids
    /// of some pages): then a link elsewhere may have broken.
    pub fn loses_ids(&self, found: &IdMap) -> bool {
        found.iter().any(|(path, new)| {
            self.ids
                .get(path)
                .is_some_and(|old| old.iter().any(|id| new.binary_search(id).is_err()))
        })
    }
}

fn ids_of(path: &str, text: &str) -> Option<Ids> {
    if !path.ends_with(".html") {
        return None;
    }
    let mut ids: Vec<u64> = attributes(text)
        .filter(|(kind, _)| *kind == Attribute::Id)
        .map(|(_, value)| id_key(&unescape(value)))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    Some(ids.into())
}

/// Checks every internal link in the HTML and XML files of `files`.
pub fn check<F: Borrow<OutputFile> + Sync>(files: &[F], base: &BaseUrl) -> Vec<BrokenLink> {
    let paths = Paths::new(files.iter().map(|f| f.borrow().path.as_str()));
    let checker = Checker::new(&paths, base, None);
    files.par_iter().for_each(|f| checker.page(f.borrow()));
    checker.finish().0
}

/// The link checker. Pages pass by one at a time (from any thread), as a
/// build renders them: every path of the site is known before the first
/// page, so a link to a missing page is found at once; a link to a fragment
/// of another page waits for [`Checker::finish`], when every page's ids are
/// in. A rebuild that checks only its new pages gives the targets of the
/// last good build for the pages it did not check.
pub struct Checker<'a> {
    paths: &'a Paths,
    base: &'a BaseUrl,
    /// Ids of the pages not checked in this pass.
    others: Option<&'a Targets>,
    state: Mutex<CheckState>,
}

#[derive(Default)]
struct CheckState {
    broken: Vec<BrokenLink>,
    ids: IdMap,
    /// Links to a fragment of another page: the link, the page it points
    /// to and the fragment.
    pending: Vec<(BrokenLink, String, u64)>,
}

impl<'a> Checker<'a> {
    /// A checker for a site with these file paths; `others` holds the ids
    /// of the pages that will not pass by.
    pub fn new(paths: &'a Paths, base: &'a BaseUrl, others: Option<&'a Targets>) -> Self {
        Checker {
            paths,
            base,
            others,
            state: Mutex::new(CheckState::default()),
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
                (Some(route), _) if !self.paths.exists(route) => {
                    broken_here.push(broken(f, link, false));
                }
                (None, Some(frag))
                    if ids
                        .as_ref()
                        .is_some_and(|set| set.binary_search(&id_key(frag)).is_err()) =>
                {
                    broken_here.push(broken(f, link, true));
                }
                (Some(_), Some(frag)) => {
                    let file = link.file(&f.path);
                    pending.push((broken(f, link, true), file, id_key(frag)));
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

    /// Every broken link of the pages seen, once all of them are in, and
    /// the ids of those pages.
    pub fn finish(self) -> (Vec<BrokenLink>, IdMap) {
        let mut state = self.state.into_inner().expect("no panics while locked");
        let others = self.others;
        for (link, file, frag) in std::mem::take(&mut state.pending) {
            let ids = state
                .ids
                .get(&file)
                .or_else(|| others.and_then(|t| t.ids.get(&file)));
            if ids.is_some_and(|set| set.binary_search(&frag).is_err()) {
                state.broken.push(link);
            }
        }
        (sorted(state.broken), state.ids)
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
            bytes: html.as_bytes().to_vec().into(),
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
    fn checks_relative_links_srcsets_and_stylesheets_of_a_page() {
        let base = BaseUrl::parse("https://example.org/sub/").unwrap();
        let mut page = file(
            "articles/a/index.html",
            r#"<img src="x.png"><img src="pic.jpg" srcset="pic.jpg 1x, big.jpg 2x"><link rel="stylesheet" href="/sub/missing.css"><a href="../b/">b</a><a href="mailto:a@b.c">m</a>"#,
        );
        page.source = Some("content/articles/a.md".into());
        let files = [
            page,
            file("articles/a/pic.jpg", "jpg"),
            file("articles/b/index.html", ""),
        ];
        let hrefs: Vec<String> = check(&files, &base).into_iter().map(|b| b.href).collect();
        assert_eq!(hrefs, ["/sub/missing.css", "big.jpg", "x.png"]);
    }

    #[test]
    fn resolves_relative_routes_against_the_page() {
        assert_eq!(
            relative_route("articles/a/index.html", "x.png"),
            "articles/a/x.png"
        );
        assert_eq!(
            relative_route("articles/a/index.html", "../b/"),
            "articles/b/"
        );
        assert_eq!(
            relative_route("index.html", "../../etc/passwd"),
            "../../etc/passwd"
        );
    }

    #[test]
    fn decodes_escaped_paths() {
        assert_eq!(percent_decode("tags/s%C3%BCd/"), "tags/süd/");
        assert_eq!(percent_decode("100%é"), "100%é", "no escape, no panic");
        assert_eq!(unescape("/a/?x=1&amp;y=2"), "/a/?x=1&y=2");
    }

    #[test]
    fn pages_checked_one_by_one_find_what_the_whole_site_check_finds() {
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
        let paths = Paths::new(files.iter().map(|f| f.path.as_str()));
        let streamed = Checker::new(&paths, &base, None);
        // The page holding the fragment comes after the link to it.
        for f in &files {
            streamed.page(f);
        }
        let found = streamed.finish().0;
        assert_eq!(found, check(&files, &base));
        let hrefs: Vec<&str> = found.iter().map(|b| b.href.as_str()).collect();
        assert_eq!(hrefs, ["#not-here", "/a/#gone", "/nope/"]);
    }
}
