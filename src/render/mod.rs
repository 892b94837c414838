//! Render: the site model → the files of the site, through Tera templates.
//!
//! Entry point: [`Renderer`] ([`pass`]). It loads the theme layers
//! ([`theme`]), compiles the templates with Tera 2 ([`templates`]), lists
//! every page of the site and renders them in parallel, handing each file to
//! the caller as soon as it is made. Each page gets a typed context
//! ([`context`]), built in one place per page kind (`pages`); the hash of
//! that context is the page's key, so a pass that keeps a [`Plan`] renders
//! again only the pages whose context changed.
//!
//! | route | template | context |
//! |---|---|---|
//! | `/`, `/page/N/` | `index.html` | [`context::HomeVars`] |
//! | `/articles/<slug>/` | `article.html` | [`context::ArticleVars`] |
//! | `/entities/` | `entities.html` | [`context::EntitiesVars`] |
//! | `/entities/<slug>/` (+ `page/N/`) | `entity.html` | [`context::EntityVars`] |
//! | `/graph/` | `graph.html` | [`context::GraphVars`] |
//! | `/tags/`, `/sources/` | `terms.html` | [`context::TermsVars`] |
//! | `/tags/<slug>/`, `/sources/<slug>/` (+ `page/N/`) | `term.html` | [`context::TermVars`] |
//! | `/archive/` (+ `page/N/`) | `archive.html` | [`context::ArchiveVars`] |
//! | `/atom.xml`, `/entities/<slug>/atom.xml` | `atom.xml` | [`context::FeedVars`] |
//! | `/sitemap.xml` (and `/sitemap-N.xml` above 50,000 URLs) | `sitemap.xml` | [`context::SitemapVars`] |
//! | `/robots.txt` | `robots.txt` | [`context::RobotsVars`] |
//! | `/search/` | `search.html` | [`context::SearchVars`] |
//! | `/404.html` | `404.html` | no variables of its own |
//!
//! Beside the pages, [`search`] writes the static search index
//! (`/search/<hash>/…`) and [`previews`] the entities' link-preview cards
//! (`/entities/<slug>/card.json`).

pub mod charts;
pub mod context;
pub mod i18n;
mod pages;
pub mod pass;
pub mod previews;
pub mod search;
mod templates;
pub mod theme;

use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, Location, ToDiagnostic};
pub use pages::{CardMemo, Carried, Job, CARD_PARTIALS};
pub use pass::{Memo, Pass, Plan, Renderer};
pub use templates::Compiled;

/// A file of the finished site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, with `/` separators.
    pub path: String,
    /// The file's content, shared between builds without a copy: a rebuild
    /// in `serve` keeps the bytes of every file it did not change.
    pub bytes: bytes::Bytes,
    /// The content file the page shows, if any (named in link errors).
    pub source: Option<PathBuf>,
    /// The template it was rendered with, if any.
    pub template: Option<String>,
}

/// A problem with the theme or its templates.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Theme(#[from] theme::Error),
    #[error("template {name} does not parse: {message}")]
    Parse {
        name: String,
        location: Option<Location>,
        message: String,
    },
    #[error("template {name} failed while rendering {page}: {message}")]
    Render {
        name: String,
        page: String,
        location: Option<Location>,
        message: String,
    },
    #[error("the theme has no template {name}")]
    Missing { name: String },
    #[error("template {name} uses itself without end (recursion{}{})", if chain.is_empty() { "" } else { ": " }, chain.join(" → "))]
    Recursion {
        name: String,
        /// The templates of the cycle, when known.
        chain: Vec<String>,
        location: Option<Location>,
    },
}

impl ToDiagnostic for Error {
    fn to_diagnostic(&self) -> Diagnostic {
        let d = Diagnostic::error(self.to_string());
        match self {
            Error::Theme(theme::Error::NotFound { .. }) => d.help(
                "create the theme folder, or set `theme: default` in briefing.yaml to use the built-in theme",
            ),
            Error::Theme(theme::Error::Read { .. }) => d.help("check the file's permissions"),
            Error::Parse { location, .. } => d
                .at_opt(location.clone())
                .help("fix the template at this place; Tera 2's syntax is described at keats.github.io/tera"),
            Error::Render { location, .. } => d.at_opt(location.clone()).help(
                "check the variable names against the template context documented in the README",
            ),
            Error::Recursion { location, .. } => d.at_opt(location.clone()).help(
                "a template includes itself, directly or through others, or a component calls itself with no way out; break the cycle",
            ),
            Error::Missing { name } => d.help(format!(
                "add templates/{name}, or remove the theme's folder to use the built-in default theme"
            )),
        }
    }
}

/// A template bug usually breaks every page of a kind: one error per place,
/// naming the first page and how many others failed the same way.
fn merge_repeated(errors: Vec<Error>) -> Vec<Error> {
    let mut merged: Vec<(Error, usize)> = Vec::new();
    for e in errors {
        let same = merged.iter_mut().find(|(m, _)| match (m, &e) {
            (
                Error::Render {
                    name,
                    location,
                    message,
                    ..
                },
                Error::Render {
                    name: n,
                    location: l,
                    message: msg,
                    ..
                },
            ) => name == n && location == l && message == msg,
            (
                Error::Recursion { name, location, .. },
                Error::Recursion {
                    name: n,
                    location: l,
                    ..
                },
            ) => name == n && location == l,
            _ => false,
        });
        match same {
            Some((_, count)) => *count += 1,
            None => merged.push((e, 0)),
        }
    }
    merged
        .into_iter()
        .map(|(e, others)| match e {
            Error::Render {
                name,
                page,
                location,
                message,
            } if others > 0 => Error::Render {
                name,
                page: format!("{page} (and {others} more pages)"),
                location,
                message,
            },
            e => e,
        })
        .collect()
}

/// The templates every theme must provide.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "article.html",
    "entities.html",
    "entity.html",
    "graph.html",
    "terms.html",
    "term.html",
    "archive.html",
    "404.html",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
];
