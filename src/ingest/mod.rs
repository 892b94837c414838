//! Ingest: raw pastes, saved web pages, URLs and Markdown → `content/articles/<slug>.md`.
//!
//! Entry point: [`ingest`], which takes typed [`Input`]s and [`IngestOptions`] and
//! returns an [`IngestOutcome`] with one result per input: the file written, the
//! Markdown (with `--dry-run`), a duplicate skipped, or an [`Error`] naming the
//! input. One bad input never stops the others. Inputs are converted in parallel
//! and written in the order given, so that the output does not depend on timing.
//!
//! The stages of one input:
//! [`decode`] (bytes → text) → [`paste`] (plain text, using [`noise`], [`dates`],
//! [`credits`], [`title`], [`lang`]) or [`html`] (web pages; [`fetch`] for URLs)
//! or [`markdown`] (front matter completed) → [`write`] (front matter, slug,
//! duplicates, files). Word lists live in `data/ingest.yaml` ([`rules`]).
//!
//! ```no_run
//! use briefing::ingest::{ingest, Input, IngestOptions};
//! let outcome = ingest("my-briefing".as_ref(), &[Input::parse("paste.txt")], &IngestOptions::default());
//! eprintln!("{}", outcome.summary());
//! ```

mod address;
pub mod credits;
pub mod dates;
pub mod decode;
mod error;
pub mod fetch;
pub mod header;
pub mod html;
mod html_meta;
pub mod lang;
pub mod markdown;
pub mod masthead;
pub mod noise;
pub mod paste;
pub mod rules;
pub mod similar;
pub mod title;
pub mod write;

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use error::{Error, Warning};

use crate::content::{ArticleMeta, PartialDate};

/// An article converted from its input, before it is named and written.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub meta: ArticleMeta,
    /// Markdown paragraphs separated by blank lines, without a final newline.
    pub body: String,
}

/// One input named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A `.txt`, `.md` or `.html` file, or a folder of them.
    Path(PathBuf),
    /// Standard input (`-`).
    Stdin,
    /// An `http://` or `https://` address.
    Url(String),
}

impl Input {
    /// Reads a command-line argument: `-`, a URL or a path.
    pub fn parse(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else if arg.starts_with("http://") || arg.starts_with("https://") {
            Input::Url(arg.to_string())
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }

    /// The input as the editor named it.
    pub fn name(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Stdin => "<stdin>".to_string(),
            Input::Url(u) => u.clone(),
        }
    }
}

/// Front-matter values given on the command line, and what to do.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    pub title: Option<String>,
    pub date: Option<PartialDate>,
    pub source: Option<String>,
    pub agencies: Vec<String>,
    pub lang: Option<String>,
    pub tags: Vec<String>,
    pub slug: Option<String>,
    /// Where the input was published (`--url`): gives `url` and the outlet.
    pub url: Option<String>,
    /// Return the Markdown instead of writing it.
    pub dry_run: bool,
    /// Overwrite existing files and ingest duplicates again.
    pub force: bool,
    /// Write an article that is the same story as one in the site, and
    /// record the relation (`same_story:`).
    pub keep_duplicate: bool,
    /// Show a progress bar on standard error when it is a terminal.
    pub progress: bool,
}

/// What happened to one input.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// Written to this path (the site root joined with `content/articles/<slug>.md`).
    Written(PathBuf),
    /// `--dry-run`: the Markdown that would have been written.
    Printed(String),
    /// Already in the site as this file; nothing written.
    Duplicate(PathBuf),
    Failed(Error),
}

/// The result for one input (a folder gives one per file).
#[derive(Debug, Clone, PartialEq)]
pub struct InputOutcome {
    pub input: String,
    pub status: Status,
    pub warnings: Vec<Warning>,
}

/// The results of one `ingest` run, in input order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IngestOutcome {
    pub results: Vec<InputOutcome>,
}

impl IngestOutcome {
    fn count(&self, f: impl Fn(&Status) -> bool) -> usize {
        self.results.iter().filter(|r| f(&r.status)).count()
    }

    pub fn written(&self) -> usize {
        self.count(|s| matches!(s, Status::Written(_) | Status::Printed(_)))
    }

    pub fn duplicates(&self) -> usize {
        self.count(|s| matches!(s, Status::Duplicate(_)))
    }

    pub fn failed(&self) -> usize {
        self.count(|s| matches!(s, Status::Failed(_)))
    }

    /// `3 written, 1 duplicate, 0 failed`.
    pub fn summary(&self) -> String {
        let duplicates = self.duplicates();
        format!(
            "{} written, {} duplicate{}, {} failed",
            self.written(),
            duplicates,
            if duplicates == 1 { "" } else { "s" },
            self.failed()
        )
    }
}

/// What kind of document an input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Markdown,
    Html,
}

impl Kind {
    fn from_extension(path: &Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Kind::Text),
            "md" | "markdown" => Some(Kind::Markdown),
            "html" | "htm" => Some(Kind::Html),
            _ => None,
        }
    }

    /// Guesses the kind of text read from standard input.
    fn sniff(text: &str) -> Kind {
        let start = text
            .trim_start()
            .get(..512)
            .unwrap_or(text.trim_start())
            .to_ascii_lowercase();
        if start.starts_with("---") {
            Kind::Markdown
        } else if start.starts_with("<!doctype html")
            || start.starts_with("<html")
            || start.contains("<body")
        {
            Kind::Html
        } else {
            Kind::Text
        }
    }
}

/// One document to convert: a file of a folder, standard input or a URL.
#[derive(Debug, Clone)]
enum Source {
    File(PathBuf),
    Stdin,
    Url(String),
    /// An input refused before reading (a missing path, an unknown extension).
    Refused(Error),
}

impl Source {
    fn name(&self) -> String {
        match self {
            Source::File(p) => p.display().to_string(),
            Source::Stdin => "<stdin>".to_string(),
            Source::Url(u) => u.clone(),
            Source::Refused(e) => e.input().to_string(),
        }
    }
}

/// Expands folders into their `.txt`, `.md` and `.html` files, sorted by name.
fn sources(inputs: &[Input]) -> Vec<Source> {
    let mut out = Vec::new();
    for input in inputs {
        match input {
            Input::Stdin => out.push(Source::Stdin),
            Input::Url(u) => out.push(Source::Url(u.clone())),
            Input::Path(p) if p.is_dir() => {
                let mut files: Vec<PathBuf> = match std::fs::read_dir(p) {
                    Ok(entries) => entries
                        .filter_map(Result::ok)
                        .map(|e| e.path())
                        .filter(|f| f.is_file() && Kind::from_extension(f).is_some())
                        .collect(),
                    Err(e) => {
                        out.push(Source::Refused(Error::Read {
                            input: input.name(),
                            message: e.to_string(),
                        }));
                        continue;
                    }
                };
                files.sort();
                out.extend(files.into_iter().map(Source::File));
            }
            Input::Path(p) if Kind::from_extension(p).is_none() && p.exists() => {
                out.push(Source::Refused(Error::Unsupported {
                    input: input.name(),
                }))
            }
            Input::Path(p) => out.push(Source::File(p.clone())),
        }
    }
    out
}

/// Reads and converts one source into a draft.
fn convert(source: &Source, given_url: Option<&str>) -> (Result<Draft, Error>, Vec<Warning>) {
    let name = source.name();
    let mut warnings = Vec::new();
    let (bytes, kind, url) = match source {
        Source::Refused(e) => return (Err(e.clone()), warnings),
        Source::File(path) => match std::fs::metadata(path).and_then(|m| {
            if m.len() > decode::MAX_INPUT_BYTES {
                Ok(Err(m.len()))
            } else {
                std::fs::read(path).map(Ok)
            }
        }) {
            Ok(Ok(bytes)) => (bytes, Kind::from_extension(path), None),
            Ok(Err(size)) => {
                let e = Error::TooLarge {
                    input: name,
                    size,
                    limit: decode::MAX_INPUT_BYTES,
                };
                return (Err(e), warnings);
            }
            Err(e) => {
                let e = Error::Read {
                    input: name,
                    message: e.to_string(),
                };
                return (Err(e), warnings);
            }
        },
        Source::Stdin => {
            let mut bytes = Vec::new();
            let limit = decode::MAX_INPUT_BYTES + 1;
            if let Err(e) = std::io::stdin().take(limit).read_to_end(&mut bytes) {
                let e = Error::Read {
                    input: name,
                    message: e.to_string(),
                };
                return (Err(e), warnings);
            }
            (bytes, None, None)
        }
        Source::Url(url) => match fetch::fetch(url) {
            Ok(page) => (page.body, Some(page.kind), Some(page.url)),
            Err(e) => return (Err(e), warnings),
        },
    };
    let decoded = match decode::decode(&name, &bytes) {
        Ok(d) => d,
        Err(e) => return (Err(e), warnings),
    };
    if let Some(line) = decoded.not_utf8_line {
        warnings.push(Warning::NotUtf8 {
            input: name.clone(),
            line,
        });
    }
    let kind = kind.unwrap_or_else(|| Kind::sniff(&decoded.text));
    let url = url.or_else(|| given_url.map(str::to_string));
    (
        convert_text(&name, &decoded.text, kind, url.as_deref()),
        warnings,
    )
}

/// Converts the text of one input of the given kind; `url` is where it was
/// published, when known (fetched, or given with `--url`).
pub fn convert_text(name: &str, text: &str, kind: Kind, url: Option<&str>) -> Result<Draft, Error> {
    match kind {
        Kind::Text => paste::parse_from(text, url).ok_or(Error::NoText {
            input: name.to_string(),
        }),
        Kind::Markdown => markdown::parse(name, text),
        Kind::Html => html::parse(name, text, url),
    }
}

/// Puts the command-line values over what the input said.
fn apply_options(draft: &mut Draft, options: &IngestOptions) {
    let meta = &mut draft.meta;
    if let Some(title) = &options.title {
        meta.title = title.clone();
        meta.title_derived = false;
    }
    if let Some(date) = &options.date {
        meta.date = Some(date.clone());
    }
    if let Some(source) = &options.source {
        meta.source = Some(source.clone());
    }
    if !options.agencies.is_empty() {
        meta.agencies = options.agencies.clone();
    }
    if let Some(lang) = &options.lang {
        meta.lang = Some(lang.clone());
    }
    for tag in &options.tags {
        if !meta.tags.contains(tag) {
            meta.tags.push(tag.clone());
        }
    }
}

/// Ingests every input into `root`'s `content/articles`.
pub fn ingest(root: &Path, inputs: &[Input], options: &IngestOptions) -> IngestOutcome {
    let sources = sources(inputs);
    let bar =
        (options.progress && sources.len() > 1 && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(sources.len() as u64),
                indicatif::ProgressDrawTarget::stderr(),
            );
            if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
            {
                bar.set_style(style);
            }
            bar
        });
    let drafts: Vec<(Result<Draft, Error>, Vec<Warning>)> = sources
        .par_iter()
        .map(|s| {
            let converted = convert(s, options.url.as_deref());
            if let Some(bar) = &bar {
                bar.inc(1);
            }
            converted
        })
        .collect();
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }

    let mut site = write::Site::open(root);
    let results = sources
        .iter()
        .zip(drafts)
        .map(|(source, (draft, mut warnings))| {
            let input = source.name();
            let status = match draft {
                Err(e) => Status::Failed(e),
                Ok(mut draft) => {
                    apply_options(&mut draft, options);
                    site.place(&input, draft, options, &mut warnings)
                }
            };
            InputOutcome {
                input,
                status,
                warnings,
            }
        })
        .collect();
    IngestOutcome { results }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_inputs_by_their_form() {
        assert_eq!(Input::parse("-"), Input::Stdin);
        assert_eq!(
            Input::parse("https://example.org/a"),
            Input::Url("https://example.org/a".into())
        );
        assert_eq!(Input::parse("a.txt"), Input::Path("a.txt".into()));
    }

    #[test]
    fn sniffs_standard_input() {
        assert_eq!(Kind::sniff("---\ntitle: T\n---\n"), Kind::Markdown);
        assert_eq!(Kind::sniff("<!DOCTYPE html><html>"), Kind::Html);
        assert_eq!(Kind::sniff("Werbung\n\nText"), Kind::Text);
    }

    #[test]
    fn summary_counts_each_status() {
        let outcome = IngestOutcome {
            results: vec![
                InputOutcome {
                    input: "a".into(),
                    status: Status::Written("a.md".into()),
                    warnings: vec![],
                },
                InputOutcome {
                    input: "b".into(),
                    status: Status::Duplicate("a.md".into()),
                    warnings: vec![],
                },
            ],
        };
        assert_eq!(outcome.summary(), "1 written, 1 duplicate, 0 failed");
    }
}
