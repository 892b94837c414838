//! What can go wrong with one input of `briefing ingest`, and the warnings it may raise.
//!
//! Every variant names the input (a path as given, a URL or `<stdin>`) and, where
//! meaningful, the line; [`ToDiagnostic`] adds the fix as a `help:` line:
//!
//! ```text
//! error: notes.txt is empty
//!   = help: paste the article's text into the file, or leave it out
//! ```

use std::path::PathBuf;

use crate::diagnostics::{Code, Diagnostic, Location, ToDiagnostic};

/// Why one input could not be ingested.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    #[error("cannot read {input}: {message}")]
    Read { input: String, message: String },
    #[error("{input} is not a .txt, .md or .html file")]
    Unsupported { input: String },
    #[error("{input} is empty")]
    Empty { input: String },
    #[error("{input} is a binary file, not text (byte {offset} is a control character)")]
    Binary { input: String, offset: usize },
    #[error("{input} is {size} bytes, more than the limit of {limit} bytes")]
    TooLarge {
        input: String,
        size: u64,
        limit: u64,
    },
    #[error("cannot fetch {url}: {message}")]
    Fetch { url: String, message: String },
    #[error("{url} answered with HTTP status {status}")]
    HttpStatus { url: String, status: u16 },
    #[error("{url} is not a web page or text (content type {content_type})")]
    ContentType { url: String, content_type: String },
    #[error("no article text found in {input}")]
    NoText { input: String },
    #[error("{message} in {input}")]
    FrontMatter {
        input: String,
        line: usize,
        message: String,
        help: Option<String>,
    },
    #[error("the slug \"{slug}\" given for {input} {reason}")]
    BadSlug {
        input: String,
        slug: String,
        reason: String,
    },
    #[error("{} already exists", path.display())]
    Exists { input: String, path: PathBuf },
    #[error("cannot write {}: {message}", path.display())]
    Write {
        input: String,
        path: PathBuf,
        message: String,
    },
}

impl Error {
    /// The input the error is about, as the editor named it.
    pub fn input(&self) -> &str {
        match self {
            Error::Read { input, .. }
            | Error::Unsupported { input }
            | Error::Empty { input }
            | Error::Binary { input, .. }
            | Error::TooLarge { input, .. }
            | Error::NoText { input }
            | Error::FrontMatter { input, .. }
            | Error::Exists { input, .. }
            | Error::BadSlug { input, .. }
            | Error::Write { input, .. } => input,
            Error::Fetch { url, .. }
            | Error::HttpStatus { url, .. }
            | Error::ContentType { url, .. } => url,
        }
    }
}

impl ToDiagnostic for Error {
    fn to_diagnostic(&self) -> Diagnostic {
        let d = Diagnostic::error(self.to_string());
        match self {
            Error::Read { .. } => d.help("check that the path exists and that you may read it"),
            Error::Unsupported { .. } => {
                d.help("save the article as .txt (a paste), .html (a saved page) or .md (Markdown)")
            }
            Error::Empty { .. } => d.help("paste the article's text into the file, or leave it out"),
            Error::Binary { .. } => d.help("save the article as plain text or HTML, not as a document or image"),
            Error::TooLarge { .. } => d.help("an article is far smaller: save only the article, not a whole archive"),
            Error::Fetch { .. } => d.help("check the address and your connection, or save the page and ingest the file"),
            Error::HttpStatus { .. } => d.help("open the address in a browser; if it needs a login, save the page and ingest the file"),
            Error::ContentType { .. } => d.help("give the address of the article's web page"),
            Error::NoText { .. } => d.help("the input held only noise (labels, widgets); check that the article text was copied"),
            Error::FrontMatter {
                input, line, help, ..
            } => {
                let d = d.at(Location::new(input, *line, 1));
                match help {
                    Some(h) => d.help(h.clone()),
                    None => d,
                }
            }
            Error::BadSlug { slug, .. } => {
                let mut plain = crate::slug::slugify(slug);
                plain.truncate(crate::ingest::write::MAX_SLUG_LEN);
                let plain = if plain.is_empty() { "my-article".into() } else { plain };
                d.help(format!(
                    "--slug names a file in content/articles/, not a path: pass a plain name such as \"{}\"",
                    plain.trim_matches('-')
                ))
            }
            Error::Exists { .. } => d.help("pass --force to overwrite it, or --slug to choose another name"),
            Error::Write { .. } => d.help("check that content/articles can be written"),
        }
    }
}

/// Something ingest did on its own that the editor should know about.
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// The input was not UTF-8 and was read as Windows-1252.
    NotUtf8 { input: String, line: usize },
    /// The article was already in the site and was skipped.
    Duplicate { input: String, existing: PathBuf },
    /// The same story from another outlet is already in the site.
    SameStory {
        input: String,
        existing: PathBuf,
        similarity: f64,
    },
    /// No date was found in the input.
    Undated { input: String },
}

impl ToDiagnostic for Warning {
    fn to_diagnostic(&self) -> Diagnostic {
        match self {
            Warning::NotUtf8 { input, line } => Diagnostic::warning(format!(
                "{input} is not UTF-8 (first at line {line}); read it as Windows-1252"
            ))
            .code(Code::NotUtf8)
            .cause("inputs that are not UTF-8 were read as Windows-1252")
            .help("check the umlauts and quotation marks of the article, and save pastes as UTF-8"),
            Warning::Duplicate { input, existing } => Diagnostic::warning(format!(
                "{input} is already in the site as {}; skipped",
                existing.display()
            ))
            .code(Code::Duplicate)
            .cause("inputs already in the site were skipped")
            .help("pass --force to ingest it again"),
            Warning::SameStory {
                input,
                existing,
                similarity,
            } => Diagnostic::warning(format!(
                "{input} is the same story as {} ({:.0}% of its wording); skipped",
                existing.display(),
                similarity * 100.0
            ))
            .code(Code::SameStory)
            .cause("inputs that are the same story as an article of the site were skipped")
            .help("pass --keep-duplicate to add it anyway: its page will say where else the story was published"),
            Warning::Undated { input } => Diagnostic::warning(format!("no date found in {input}"))
                .code(Code::NoDateFound)
                .cause("no date was found in these inputs")
                .help("pass --date YYYY-MM-DD (or YYYY-MM, YYYY); undated articles are listed last, under \"undated\""),
        }
    }
}
