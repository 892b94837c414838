//! Sanitize: what raw HTML in a body may publish.
//!
//! Article bodies and entity profiles may hold raw HTML, and editors paste it
//! from anywhere. By default ([`Html::safe`]) a body that holds any goes
//! through [`ammonia`] after rendering, with a policy that keeps ordinary
//! article markup — paragraphs, headings with their ids, lists, tables
//! (with `text-align`), figures with captions, quotes, `details`, `sup`/`sub`,
//! `abbr`, code and the highlighter's `hl-` classes, images with `alt`, `src`,
//! `width` and `height`, links with `href`, `title` and `id`, the task list's
//! checkboxes and briefing's own entity links and footnotes — and drops
//! everything that runs code: `<script>`, `<style>`, event attributes
//! (`onclick=`), `<iframe>` (but from the hosts listed in
//! `markdown.iframe_hosts`), forms, and URLs with a scheme outside the usual
//! web ones. A body without raw HTML is published as rendered; it has none of
//! these, so it costs nothing.
//!
//! `markdown.unsafe_html: true` in `briefing.yaml` ([`Html::unsafe_as_written`])
//! publishes raw HTML as written. Dangerous link schemes in Markdown are
//! refused either way (see [`crate::guard::dangerous_url`]).

use std::collections::HashSet;
use std::sync::Arc;

/// How raw HTML in bodies is published. Cheap to clone; compared and hashed
/// by the settings it was made from.
#[derive(Clone)]
pub struct Html {
    iframe_hosts: Vec<String>,
    /// `None`: as written.
    cleaner: Option<Arc<ammonia::Builder<'static>>>,
}

impl std::fmt::Debug for Html {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Html")
            .field("sanitized", &self.cleaner.is_some())
            .field("iframe_hosts", &self.iframe_hosts)
            .finish()
    }
}

impl PartialEq for Html {
    fn eq(&self, other: &Html) -> bool {
        self.sanitizes() == other.sanitizes() && self.iframe_hosts == other.iframe_hosts
    }
}

impl Eq for Html {}

impl std::hash::Hash for Html {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.sanitizes().hash(state);
        self.iframe_hosts.hash(state);
    }
}

/// Tags added to ammonia's defaults: briefing's task-list checkboxes.
const EXTRA_TAGS: &[&str] = &["input"];

/// Attributes any kept tag may have: the heading ids and footnote anchors
/// briefing writes, its `entity` and `hl-` classes.
const GENERIC_ATTRIBUTES: &[&str] = &["id", "class", "lang", "title", "dir"];

impl Html {
    /// Raw HTML sanitized; iframes only from `iframe_hosts` (host names such
    /// as `www.youtube-nocookie.com`, over https).
    pub fn safe(iframe_hosts: &[String]) -> Html {
        let mut b = ammonia::Builder::default();
        b.add_tags(EXTRA_TAGS)
            .add_generic_attributes(GENERIC_ATTRIBUTES)
            .add_generic_attribute_prefixes(["data-"])
            .add_tag_attributes("a", ["title"])
            .add_tag_attributes("img", ["loading"])
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("td", ["style"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tag_attributes("details", ["open"])
            .filter_style_properties(HashSet::from(["text-align"]))
            // briefing's own links carry no `rel`; keep them as written.
            .link_rel(None);
        let hosts: Vec<String> = iframe_hosts
            .iter()
            .map(|h| h.to_ascii_lowercase())
            .collect();
        let iframe_hosts = hosts.clone();
        if !hosts.is_empty() {
            b.add_tags(["iframe"]).add_tag_attributes(
                "iframe",
                [
                    "src",
                    "width",
                    "height",
                    "allow",
                    "allowfullscreen",
                    "loading",
                ],
            );
        }
        b.attribute_filter(
            move |element, attribute, value| match (element, attribute) {
                ("input", "type") if value != "checkbox" => None,
                ("iframe", "src") => iframe_allowed(value, &hosts).then(|| value.into()),
                _ => Some(value.into()),
            },
        );
        Html {
            iframe_hosts,
            cleaner: Some(Arc::new(b)),
        }
    }

    /// Raw HTML published as written (`markdown.unsafe_html: true`).
    pub fn unsafe_as_written() -> Html {
        Html {
            iframe_hosts: Vec::new(),
            cleaner: None,
        }
    }

    /// Whether raw HTML is sanitized.
    pub fn sanitizes(&self) -> bool {
        self.cleaner.is_some()
    }

    /// The rendered HTML of a body that held raw HTML, made safe.
    pub fn clean(&self, html: &str) -> Option<String> {
        self.cleaner.as_ref().map(|c| c.clean(html).to_string())
    }
}

impl Default for Html {
    fn default() -> Self {
        Html::safe(&[])
    }
}

/// Whether an iframe's `src` is https on one of `hosts`.
fn iframe_allowed(src: &str, hosts: &[String]) -> bool {
    let Some(rest) = src.strip_prefix("https://") else {
        return false;
    };
    let host = rest
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    hosts.contains(&host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_scripts_styles_event_attributes_and_iframes() {
        let html = Html::default();
        let out = html
            .clean(
                "<p onclick=\"alert(1)\">a</p><script>alert(2)</script><style>p{}</style>\
                 <iframe src=\"https://evil.example/\"></iframe><a href=\"javascript:alert(3)\">x</a>",
            )
            .unwrap();
        for bad in ["onclick", "script", "style", "iframe", "javascript"] {
            assert!(!out.contains(bad), "{bad} in {out}");
        }
        assert!(out.contains("<p>a</p>"), "{out}");
    }

    #[test]
    fn keeps_article_markup_and_briefings_own() {
        let html = Html::default();
        let kept = [
            "<h2 id=\"lage\">Lage</h2>",
            "<a class=\"entity entity-person\" href=\"/entities/antony-blinken/\">Blinken</a>",
            "<figure><img src=\"/images/x.jpg\" alt=\"Bild\" width=\"10\" height=\"5\"><figcaption>Text</figcaption></figure>",
            "<details><summary>Mehr</summary>Text</details>",
            "<abbr title=\"Vereinte Nationen\">UN</abbr><sup>1</sup><sub>2</sub>",
            "<pre class=\"code\" data-lang=\"rust\"><code><span class=\"hl-source hl-rust\">fn</span></code></pre>",
            "<input disabled=\"\" type=\"checkbox\" checked=\"\">",
            "<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup>",
        ];
        for markup in kept {
            assert_eq!(html.clean(markup).unwrap(), markup);
        }
        // Column alignment stays, written without the space.
        assert_eq!(
            html.clean("<table><tr><th style=\"text-align: left; color: red\">a</th></tr></table>")
                .unwrap(),
            "<table><tbody><tr><th style=\"text-align:left\">a</th></tr></tbody></table>"
        );
    }

    #[test]
    fn allows_iframes_only_from_the_listed_hosts() {
        let html = Html::safe(&["www.youtube-nocookie.com".to_string()]);
        let ok = "<iframe src=\"https://www.youtube-nocookie.com/embed/x\"></iframe>";
        assert_eq!(html.clean(ok).unwrap(), ok);
        let out = html
            .clean("<iframe src=\"https://evil.example/embed/x\"></iframe>")
            .unwrap();
        assert!(!out.contains("evil"), "{out}");
        assert!(Html::unsafe_as_written().clean("<script>").is_none());
    }
}
