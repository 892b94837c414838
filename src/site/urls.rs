//! URLs of the published site.
//!
//! Every page has a *route*, a path relative to the site root such as
//! `articles/blinken-seoul/` (pretty URLs: a route ending in `/` is written as
//! `index.html` in that folder). Links in pages are absolute paths that include
//! the base URL's path, so a site published under a sub-path
//! (`https://user.example.io/briefing/`) works, including its 404 page; feeds
//! and the sitemap use absolute URLs.
//!
//! ```
//! use briefing::site::urls::BaseUrl;
//! let base = BaseUrl::parse("https://example.org/briefing").unwrap();
//! assert_eq!(base.href("articles/x/"), "/briefing/articles/x/");
//! assert_eq!(base.absolute("atom.xml"), "https://example.org/briefing/atom.xml");
//! assert_eq!(base.route_of("/briefing/tags/"), Some("tags/"));
//! ```

/// Where the site is published: an origin (`https://host`) and a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https://example.org`, or empty when only a path was given.
    origin: String,
    /// Starts and ends with `/`.
    path: String,
}

impl BaseUrl {
    /// Accepts `http(s)://host[:port][/path]` or a bare path `/path`.
    pub fn parse(url: &str) -> Result<BaseUrl, String> {
        let url = url.trim();
        let (origin, path) = if let Some(rest) = url
            .strip_prefix("https://")
            .map(|r| ("https://", r))
            .or_else(|| url.strip_prefix("http://").map(|r| ("http://", r)))
        {
            let (scheme, rest) = rest;
            let (host, path) = match rest.find('/') {
                Some(i) => (&rest[..i], &rest[i..]),
                None => (rest, "/"),
            };
            if host.is_empty() || host.contains(['?', '#', ' ']) {
                return Err(format!("base_url \"{url}\" has no valid host"));
            }
            (format!("{scheme}{host}"), path.to_string())
        } else if url.starts_with('/') {
            (String::new(), url.to_string())
        } else {
            return Err(format!(
                "base_url \"{url}\" must start with http://, https:// or /"
            ));
        };
        if path.contains(['?', '#', ' ']) {
            return Err(format!(
                "base_url \"{url}\" must not contain a query or fragment"
            ));
        }
        let mut path = path;
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl { origin, path })
    }

    /// The path prefix of every page, `/` or `/sub/path/`.
    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn has_origin(&self) -> bool {
        !self.origin.is_empty()
    }

    /// The link to a route, as used inside pages.
    pub fn href(&self, route: &str) -> String {
        format!("{}{}", self.path, route)
    }

    /// The absolute URL of a route (only a path when no origin is known).
    pub fn absolute(&self, route: &str) -> String {
        format!("{}{}{}", self.origin, self.path, route)
    }

    /// The route a link points to, if it points into this site.
    pub fn route_of<'a>(&self, href: &'a str) -> Option<&'a str> {
        let path = if self.has_origin() {
            href.strip_prefix(self.origin.as_str()).unwrap_or(href)
        } else {
            href
        };
        path.strip_prefix(self.path.as_str())
    }
}

/// The output file of a route: `a/b/` → `a/b/index.html`.
pub fn file_of(route: &str) -> String {
    if route.is_empty() || route.ends_with('/') {
        format!("{route}index.html")
    } else {
        route.to_string()
    }
}

/// The route of page `number` (from 1) of a paginated list at `route`.
pub fn page_route(route: &str, number: usize) -> String {
    if number <= 1 {
        route.to_string()
    } else {
        format!("{route}page/{number}/")
    }
}

pub fn article(slug: &str) -> String {
    format!("articles/{slug}/")
}

pub fn entity(slug: &str) -> String {
    format!("entities/{slug}/")
}

pub fn entity_feed(slug: &str) -> String {
    format!("entities/{slug}/atom.xml")
}

pub fn tag(slug: &str) -> String {
    format!("tags/{slug}/")
}

pub fn source(slug: &str) -> String {
    format!("sources/{slug}/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_the_base_path() {
        let base = BaseUrl::parse("http://127.0.0.1:1111").unwrap();
        assert_eq!(base.href(""), "/");
        assert_eq!(base.absolute("a/"), "http://127.0.0.1:1111/a/");
        assert_eq!(BaseUrl::parse("/sub").unwrap().href("x/"), "/sub/x/");
    }

    #[test]
    fn rejects_relative_and_malformed_base_urls() {
        assert!(BaseUrl::parse("example.org").is_err());
        assert!(BaseUrl::parse("https:///x").is_err());
        assert!(BaseUrl::parse("https://example.org/?q=1").is_err());
    }

    #[test]
    fn recognises_links_into_the_site() {
        let base = BaseUrl::parse("https://example.org/b/").unwrap();
        assert_eq!(
            base.route_of("https://example.org/b/tags/x/"),
            Some("tags/x/")
        );
        assert_eq!(base.route_of("/b/"), Some(""));
        assert_eq!(base.route_of("/other/"), None);
        assert_eq!(base.route_of("https://elsewhere.org/b/"), None);
    }

    #[test]
    fn maps_routes_to_files_and_pages() {
        assert_eq!(file_of(""), "index.html");
        assert_eq!(file_of("tags/"), "tags/index.html");
        assert_eq!(file_of("atom.xml"), "atom.xml");
        assert_eq!(page_route("tags/x/", 1), "tags/x/");
        assert_eq!(page_route("", 3), "page/3/");
    }
}
