//! Link checking: every internal link and `#fragment` of the output must resolve.
//!
//! Runs on the rendered files in memory, before anything is written. A link is
//! internal when it is an absolute path under the base path, or an absolute URL
//! of the site; `href`, `src` and Atom `<link href>` are checked. A broken link
//! is reported with the page it is on and the content file or template the page
//! came from.

use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};

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

fn id_regex() -> Regex {
    Regex::new(r#"\sid="([^"]*)""#).expect("valid regex")
}

impl Targets {
    /// The targets of a whole site.
    pub fn of<F: Borrow<OutputFile> + Sync>(files: &[F]) -> Targets {
        let id_re = id_regex();
        let ids = files
            .par_iter()
            .filter_map(|f| {
                let f = f.borrow();
                Some((f.path.clone(), ids_with(&id_re, f)?))
            })
            .collect();
        Targets {
            paths: files.iter().map(|f| f.borrow().path.clone()).collect(),
            ids,
        }
    }

    /// The ids of an HTML page (`None` for other files).
    pub fn ids_of(file: &OutputFile) -> Option<HashSet<String>> {
        ids_with(&id_regex(), file)
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

fn ids_with(id_re: &Regex, f: &OutputFile) -> Option<HashSet<String>> {
    if !f.path.ends_with(".html") {
        return None;
    }
    let text = String::from_utf8_lossy(&f.bytes);
    Some(
        id_re
            .captures_iter(&text)
            .map(|c| unescape(&c[1]))
            .collect(),
    )
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
    let href_re = Regex::new(r#"(?:href|src)="([^"]*)""#).expect("valid regex");
    let is_markup = |f: &OutputFile| f.path.ends_with(".html") || f.path.ends_with(".xml");
    let ids = &targets.ids;
    let paths = &targets.paths;

    let mut broken: Vec<BrokenLink> = files
        .par_iter()
        .map(|f| f.borrow())
        .filter(|f| is_markup(f))
        .flat_map_iter(|f| {
            let text = String::from_utf8_lossy(&f.bytes).into_owned();
            let mut found = Vec::new();
            for cap in href_re.captures_iter(&text) {
                let href = unescape(&cap[1]);
                let (target_path, fragment) = match href.split_once('#') {
                    Some((p, frag)) => (p.to_string(), Some(frag.to_string())),
                    None => (href.clone(), None),
                };
                let target_file = if target_path.is_empty() {
                    // `#x` on the same page.
                    Some(f.path.clone())
                } else {
                    base.route_of(&target_path).map(|route| {
                        let route = route.split('?').next().unwrap_or("");
                        file_of(&percent_decode(route))
                    })
                };
                let Some(target_file) = target_file else {
                    continue;
                };
                let missing_page = !paths.contains(&target_file);
                let missing_fragment = !missing_page
                    && fragment.as_deref().is_some_and(|frag| {
                        !frag.is_empty()
                            && ids
                                .get(&target_file)
                                .is_some_and(|set| !set.contains(&percent_decode(frag)))
                    });
                if missing_page || missing_fragment {
                    found.push(BrokenLink {
                        href: href.clone(),
                        page: f.path.clone(),
                        from: f
                            .source
                            .as_ref()
                            .map(|p| p.display().to_string())
                            .or_else(|| f.template.as_ref().map(|t| format!("template {t}")))
                            .unwrap_or_else(|| "the theme".into()),
                        missing_fragment,
                    });
                }
            }
            found
        })
        .collect();
    broken.sort_by(|a, b| (&a.from, &a.page, &a.href).cmp(&(&b.from, &b.page, &b.href)));
    broken.dedup();
    broken
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
}
