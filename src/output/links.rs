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
use regex::Regex;

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
            scanner()
                .captures_iter(&text)
                .filter_map(|c| c.name("id").map(|m| unescape(m.as_str())))
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

/// One pattern for both things a page offers and asks for: its element ids
/// and its `href`/`src` links.
fn scanner() -> &'static Regex {
    static SCANNER: OnceLock<Regex> = OnceLock::new();
    SCANNER.get_or_init(|| {
        Regex::new(r#"(?:\sid="(?P<id>[^"]*)")|(?:(?:href|src)="(?P<link>[^"]*)")"#)
            .expect("valid regex")
    })
}

fn text_of(file: &OutputFile) -> Cow<'_, str> {
    String::from_utf8_lossy(&file.bytes)
}

fn is_markup(f: &OutputFile) -> bool {
    f.path.ends_with(".html") || f.path.ends_with(".xml")
}

/// An internal link found on a page, resolved to the file it points to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Link {
    href: String,
    file: String,
    /// The decoded fragment, when the link has a non-empty one.
    fragment: Option<String>,
}

/// The ids of a page (for HTML) and its internal links.
struct Scanned {
    ids: Option<HashSet<String>>,
    links: Vec<Link>,
}

fn scan(f: &OutputFile, base: &BaseUrl) -> Scanned {
    let mut ids = f.path.ends_with(".html").then(HashSet::new);
    let mut links = Vec::new();
    if !is_markup(f) {
        return Scanned { ids, links };
    }
    let text = text_of(f);
    let mut seen = HashSet::new();
    for cap in scanner().captures_iter(&text) {
        if let Some(id) = cap.name("id") {
            if let Some(ids) = ids.as_mut() {
                ids.insert(unescape(id.as_str()));
            }
            continue;
        }
        let Some(raw) = cap.name("link") else {
            continue;
        };
        if !seen.insert(raw.as_str()) {
            continue;
        }
        let href = unescape(raw.as_str());
        let (target_path, fragment) = match href.split_once('#') {
            Some((p, frag)) => (p, Some(frag)),
            None => (href.as_str(), None),
        };
        let file = if target_path.is_empty() {
            // `#x` on the same page.
            Some(f.path.clone())
        } else {
            base.route_of(target_path).map(|route| {
                let route = route.split('?').next().unwrap_or("");
                file_of(&percent_decode(route))
            })
        };
        let Some(file) = file else {
            continue;
        };
        let fragment = fragment.filter(|x| !x.is_empty()).map(percent_decode);
        links.push(Link {
            file,
            fragment,
            href,
        });
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
        href: link.href.clone(),
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
            scan(f, base)
                .links
                .into_iter()
                .filter_map(|link| {
                    if !targets.paths.contains(&link.file) {
                        return Some(broken(f, &link, false));
                    }
                    let frag = link.fragment.as_ref()?;
                    let missing = targets
                        .ids
                        .get(&link.file)
                        .is_some_and(|set| !set.contains(frag));
                    missing.then(|| broken(f, &link, true))
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
    base: &'a BaseUrl,
    state: Mutex<StreamState>,
}

#[derive(Default)]
struct StreamState {
    broken: Vec<BrokenLink>,
    ids: HashMap<String, HashSet<String>>,
    /// Links to a fragment of another page, by the page that holds them.
    pending: Vec<(BrokenLink, String, String)>,
}

impl<'a> Streamed<'a> {
    /// A checker for a site with these file paths.
    pub fn new(paths: &'a HashSet<String>, base: &'a BaseUrl) -> Self {
        Streamed {
            paths,
            base,
            state: Mutex::new(StreamState::default()),
        }
    }

    /// Checks the links of one page and keeps its ids.
    pub fn page(&self, f: &OutputFile) {
        let Scanned { ids, links } = scan(f, self.base);
        let mut broken_here = Vec::new();
        let mut pending = Vec::new();
        for link in &links {
            if !self.paths.contains(&link.file) {
                broken_here.push(broken(f, link, false));
            } else if let Some(frag) = &link.fragment {
                if link.file == f.path {
                    if ids.as_ref().is_some_and(|set| !set.contains(frag)) {
                        broken_here.push(broken(f, link, true));
                    }
                } else {
                    pending.push((broken(f, link, true), link.file.clone(), frag.clone()));
                }
            }
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
            if ids.get(&file).is_some_and(|set| !set.contains(&frag)) {
                state.broken.push(link);
            }
        }
        sorted(state.broken)
    }
}

/// Undoes the HTML escaping of an attribute value.
fn unescape(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Decodes `%XX` escapes in a URL path.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
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
    fn decodes_escaped_paths() {
        assert_eq!(percent_decode("tags/s%C3%BCd/"), "tags/süd/");
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
