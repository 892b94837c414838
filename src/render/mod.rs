//! Render: the site model → the files of the site, through Tera templates.
//!
//! Entry point: [`render`]. It loads the theme layers ([`theme`]), compiles the
//! templates once, lists every page of the site, and renders them in parallel;
//! each page gets a typed context ([`context`]). The result is the complete set
//! of output files in memory, sorted by path, so the output stage can check
//! links before anything is written. [`incremental::RenderCache`] renders the
//! same files again after a change, re-rendering only the pages whose inputs
//! changed; `render` is one pass over an empty cache.
//!
//! | route | template | context |
//! |---|---|---|
//! | `/`, `/page/N/` | `index.html` | [`context::HomeVars`] |
//! | `/articles/<slug>/` | `article.html` | [`context::ArticleVars`] |
//! | `/entities/` | `entities.html` | [`context::EntitiesVars`] |
//! | `/entities/<slug>/` (+ `page/N/`) | `entity.html` | [`context::EntityVars`] |
//! | `/tags/`, `/sources/` | `terms.html` | [`context::TermsVars`] |
//! | `/tags/<slug>/`, `/sources/<slug>/` (+ `page/N/`) | `term.html` | [`context::TermVars`] |
//! | `/archive/` (+ `page/N/`) | `archive.html` | [`context::ArchiveVars`] |
//! | `/atom.xml`, `/entities/<slug>/atom.xml` | `atom.xml` | [`context::FeedVars`] |
//! | `/sitemap.xml` (and `/sitemap-N.xml` above 50,000 URLs) | `sitemap.xml` | [`context::SitemapVars`] |
//! | `/robots.txt` | `robots.txt` | [`context::RobotsVars`] |
//! | `/404.html` | `404.html` | no variables of its own |

pub mod context;
pub mod i18n;
pub mod incremental;
mod inputs;
mod pages;
pub mod theme;

use std::error::Error as _;
use std::path::{Path, PathBuf};

use regex::Regex;

use crate::diagnostics::{Diagnostic, Location, Report, ToDiagnostic};
use crate::site::Site;
use crate::timings::Timings;
pub use incremental::RenderCache;
use pages::Pages;
use theme::{Origin, Theme};

/// A file of the finished site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, with `/` separators.
    pub path: String,
    pub bytes: Vec<u8>,
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
                .help("fix the template syntax at this place; Tera's syntax is described at keats.github.io/tera"),
            Error::Render { location, .. } => d.at_opt(location.clone()).help(
                "check the variable names against the template context documented in the README",
            ),
            Error::Missing { name } => d.help(format!(
                "add templates/{name}, or remove the theme's folder to use the built-in default theme"
            )),
        }
    }
}

/// Renders every file of the site, in memory, sorted by path.
pub fn render(site: &Site, root: &Path, timings: &mut Timings) -> Result<Vec<OutputFile>, Report> {
    let renderer = Renderer::new(site, root, timings)?;
    let mut files = timings.time("pages", || renderer.each(|file| file))?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The compiled theme and the list of every file of a site, ready to render
/// the files one by one: a build hands each file to the output stage as soon
/// as it is rendered, so the site is never held in memory as a whole.
pub struct Renderer<'a> {
    theme: Theme,
    tera: tera::Tera,
    pages: Pages<'a>,
    jobs: Vec<pages::Job>,
    /// The static files that no page replaces.
    statics: Vec<String>,
    /// The output path of every page and static file.
    paths: std::collections::HashSet<String>,
}

impl<'a> Renderer<'a> {
    /// Loads and compiles the theme and lists the pages of `site`.
    pub fn new(site: &'a Site, root: &Path, timings: &mut Timings) -> Result<Self, Report> {
        let started = std::time::Instant::now();
        let theme = load_theme(root, &site.config.theme)?;
        let tera = compile(&theme).map_err(report_of)?;
        let pages = Pages::new(site);
        let jobs = pages.jobs();
        let mut paths: std::collections::HashSet<String> = jobs
            .iter()
            .map(|j| crate::site::urls::file_of(&pages.route(j)))
            .collect();
        let statics = unclaimed_statics(&theme, |name| paths.contains(name));
        paths.extend(statics.iter().cloned());
        timings.record("templates", started.elapsed());
        Ok(Renderer {
            theme,
            tera,
            pages,
            jobs,
            statics,
            paths,
        })
    }

    /// The path of every file [`Renderer::each`] renders.
    pub fn paths(&self) -> &std::collections::HashSet<String> {
        &self.paths
    }

    /// How many files [`Renderer::each`] renders.
    pub fn len(&self) -> usize {
        self.jobs.len() + self.statics.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Renders every file in parallel and hands it to `each` at once;
    /// returns what `each` returned, pages first in a stable order, then the
    /// static files. Template errors of every page are reported together.
    pub fn each<R: Send>(&self, each: impl Fn(OutputFile) -> R + Sync) -> Result<Vec<R>, Report> {
        use rayon::prelude::*;
        let results: Vec<Result<R, Error>> = self
            .jobs
            .par_iter()
            .map(|job| self.pages.render(job, &self.tera, &self.theme).map(&each))
            .collect();
        let mut out = Vec::with_capacity(self.len());
        let mut errors = Vec::new();
        for r in results {
            match r {
                Ok(value) => out.push(value),
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            let mut report = Report::new();
            for e in merge_repeated(errors) {
                report.add(&e);
            }
            return Err(report);
        }
        for name in &self.statics {
            out.push(each(static_file(name, &self.theme.statics[name])));
        }
        Ok(out)
    }
}

/// The theme's layers merged, or the report of why they cannot be.
fn load_theme(root: &Path, name: &str) -> Result<Theme, Report> {
    Theme::load(root, name).map_err(|e| {
        let mut report = Report::new();
        report.add(&Error::from(e));
        report
    })
}

fn report_of(errors: Vec<Error>) -> Report {
    let mut report = Report::new();
    for e in &errors {
        report.add(e);
    }
    report
}

/// The names of the theme's static files that no page replaces (where a
/// page and a static file claim the same path, the page wins).
fn unclaimed_statics(theme: &Theme, is_page: impl Fn(&str) -> bool) -> Vec<String> {
    theme
        .statics
        .keys()
        .filter(|name| !is_page(name))
        .cloned()
        .collect()
}

/// The output file of a static file of the theme.
fn static_file(name: &str, file: &theme::ThemeFile) -> OutputFile {
    OutputFile {
        path: name.to_string(),
        bytes: file.bytes.clone(),
        source: match &file.origin {
            Origin::File(p) => Some(p.clone()),
            Origin::Builtin => None,
        },
        template: None,
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
    "terms.html",
    "term.html",
    "archive.html",
    "404.html",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
];

fn compile(theme: &Theme) -> Result<tera::Tera, Vec<Error>> {
    let mut errors = Vec::new();
    let mut sources = Vec::new();
    for (name, file) in &theme.templates {
        match std::str::from_utf8(&file.bytes) {
            Ok(text) => sources.push((name.clone(), text.to_string())),
            Err(_) => errors.push(Error::Parse {
                name: name.clone(),
                location: origin_location(&file.origin, 1, 1),
                message: "the template is not UTF-8 text".into(),
            }),
        }
    }
    for name in REQUIRED_TEMPLATES {
        if !theme.templates.contains_key(*name) {
            errors.push(Error::Missing {
                name: name.to_string(),
            });
        }
    }
    // Parse each template alone first, so that every broken template is reported.
    for (name, text) in &sources {
        if let Err(e) = tera::Template::new(name, None, text) {
            let message = chain(&e);
            let (line, column) = parse_position(&message).unwrap_or((1, 1));
            errors.push(Error::Parse {
                name: name.clone(),
                location: origin_location(&theme.templates[name].origin, line, column),
                message: first_line_of_parse_error(&message),
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's own escaping also rewrites `/` as `&#x2F;`, which makes every URL
    // in the output unreadable; `&`, `<`, `>` and both quotes are enough.
    tera.set_escape_fn(escape_for_templates);
    tera.add_raw_templates(sources).map_err(|e| {
        vec![Error::Parse {
            name: "(theme)".into(),
            location: None,
            message: chain(&e),
        }]
    })?;
    Ok(tera)
}

fn escape_for_templates(text: &str) -> String {
    crate::markdown::escape_html(text)
}

fn origin_location(origin: &Origin, line: usize, column: usize) -> Option<Location> {
    match origin {
        Origin::File(p) => Some(Location::new(p, line, column)),
        Origin::Builtin => None,
    }
}

/// Tera's error with all its causes, one after the other.
fn chain(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}

/// Line and column from a pest message (`--> 3:7`).
fn parse_position(message: &str) -> Option<(usize, usize)> {
    let re = Regex::new(r"--> (\d+):(\d+)").expect("valid regex");
    let caps = re.captures(message)?;
    Some((caps[1].parse().ok()?, caps[2].parse().ok()?))
}

fn first_line_of_parse_error(message: &str) -> String {
    // pest's "expected …" line is the useful part of its multi-line report.
    message
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("= "))
        .map(|l| l.trim_start_matches("= ").to_string())
        .unwrap_or_else(|| message.lines().next().unwrap_or("").to_string())
}

/// The line of a template that a render error is about, when the message
/// names a variable, filter or function that occurs in the template.
fn render_location(origin: &Origin, source: &[u8], message: &str) -> Option<Location> {
    let Origin::File(path) = origin else {
        return None;
    };
    let text = std::str::from_utf8(source).ok()?;
    let re = Regex::new(r"`([^`]+)`").expect("valid regex");
    for cap in re.captures_iter(message) {
        let needle = &cap[1];
        if let Some((i, line)) = text.lines().enumerate().find(|(_, l)| l.contains(needle)) {
            let column = line[..line.find(needle).unwrap_or(0)].chars().count() + 1;
            return Some(Location::new(path, i + 1, column).with_length(needle.chars().count()));
        }
    }
    Some(Location::new(path, 1, 1))
}

/// Renders one template with a context; a failure names the template and
/// the line that failed (which may be in a parent or an included template).
fn render_context(
    tera: &tera::Tera,
    theme: &Theme,
    name: &str,
    page: &str,
    context: &tera::Context,
) -> Result<String, Error> {
    tera.render(name, context).map_err(|e| {
        let full = chain(&e);
        // "Failed to render 'x.html': " only repeats what the message says.
        let message = full
            .split(": ")
            .skip_while(|part| part.starts_with("Failed to render"))
            .collect::<Vec<_>>()
            .join(": ");
        let message = if message.is_empty() {
            full.clone()
        } else {
            message
        };
        // Tera reports the template that failed, which may be a parent or an include.
        let failing = Regex::new(r"rendering '([^']+)'")
            .expect("valid regex")
            .captures_iter(&full)
            .last()
            .map(|c| c[1].to_string())
            .unwrap_or_else(|| name.to_string());
        let location = theme
            .templates
            .get(&failing)
            .and_then(|f| render_location(&f.origin, &f.bytes, &message));
        Error::Render {
            name: failing,
            page: page.into(),
            location,
            message,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_position_of_a_pest_error() {
        assert_eq!(parse_position("x\n --> 3:17\n  |"), Some((3, 17)));
    }

    #[test]
    fn locates_a_render_error_at_the_line_naming_the_variable() {
        let origin = Origin::File("templates/article.html".into());
        let source = b"<h1>\n{{ article.titel }}\n</h1>";
        let location =
            render_location(&origin, source, "Variable `article.titel` not found").unwrap();
        assert_eq!((location.line, location.column), (2, 4));
    }
}
