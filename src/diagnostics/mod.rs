//! Diagnostics: the one place where stage errors become what an editor reads.
//!
//! Every stage has its own error type carrying the file, line and column of the
//! problem; each converts into a [`Diagnostic`] here. A [`Report`] collects all of
//! them so that `build` and `check` can show every problem at once, and its
//! [`Report::has_errors`] decides the exit status. Rendering shows the location,
//! an excerpt of the source with the place underlined, and a `help:` line with
//! the fix:
//!
//! ```text
//! error: unknown key "titel" in front matter
//!  --> content/articles/x.md:2:1
//!   |
//! 2 | titel: Blinken in Seoul
//!   | ^^^^^
//!   |
//!   = help: did you mean "title"?
//! ```
//!
//! Warnings carry a stable [`Code`] and are shown by cause ([`groups`]): a
//! cause met ten thousand times is one warning with its count and first
//! places, and a summary of the counts per kind ends the output. Errors are
//! never grouped and always come after the warnings. [`json`] gives the same
//! diagnostics to tools.

mod codes;
pub mod groups;
pub mod json;

pub use codes::Code;
pub use groups::Warnings;

use std::fmt;
use std::path::{Path, PathBuf};

use annotate_snippets::{Level, Renderer, Snippet};

/// A place in a source file; `line` and `column` count from 1, columns in characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    /// How many characters to underline (at least one is shown).
    pub length: usize,
}

impl Location {
    pub fn new(path: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location {
            path: path.into(),
            line,
            column,
            length: 1,
        }
    }

    pub fn with_length(mut self, length: usize) -> Self {
        self.length = length.max(1);
        self
    }

    /// The location of byte `offset` in `text`, which is the whole file at `path`.
    pub fn from_offset(path: impl Into<PathBuf>, text: &str, offset: usize) -> Self {
        let (line, column) = line_column(text, offset);
        Location::new(path, line, column)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.column)
    }
}

/// `n` and the noun that goes with it: "1 article", "2 articles".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Line and column (from 1; the column in characters) of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The line starts of a text, to turn many byte offsets into line and
/// column without scanning from the start each time: one offset costs a
/// binary search and the length of its line, not the length of the text.
#[derive(Debug, Clone)]
pub struct LineIndex<'t> {
    text: &'t str,
    /// Byte offset of the start of each line.
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { text, starts }
    }

    /// Line and column (from 1; the column in characters) of byte `offset`,
    /// as [`line_column`] gives them.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, ready to be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub location: Option<Location>,
    /// What to do about it.
    pub help: Option<String>,
    /// The kind of warning (errors have none).
    pub code: Option<Code>,
    /// What all occurrences of the same cause share, when the message
    /// differs between them (it names the file, say): the title of the
    /// grouped warning. `None`: the message is the cause.
    pub cause: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: None,
            help: None,
            code: None,
            cause: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn at_opt(mut self, location: Option<Location>) -> Self {
        self.location = location;
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn code(mut self, code: Code) -> Self {
        self.code = Some(code);
        self
    }

    /// Sets what the occurrences of this cause share (see [`Diagnostic::cause`]).
    pub fn cause(mut self, cause: impl Into<String>) -> Self {
        self.cause = Some(cause.into());
        self
    }

    /// What groups this diagnostic with others of the same cause.
    pub fn cause_text(&self) -> &str {
        self.cause.as_deref().unwrap_or(&self.message)
    }

    /// Renders the diagnostic; the source excerpt is read from `root`/`path`
    /// when the file is there, so diagnostics stay small while collected.
    pub fn render(&self, root: &Path) -> String {
        let level = match self.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
        };
        let origin = self
            .location
            .as_ref()
            .map(|l| l.path.display().to_string().replace('\\', "/"));
        let source = self
            .location
            .as_ref()
            // Lossy, so that a file that is not UTF-8 still shows its line.
            .and_then(|l| std::fs::read(root.join(&l.path)).ok())
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
        let location_line = self
            .location
            .as_ref()
            .map(|l| format!("in {l}"))
            .unwrap_or_default();
        let mut message = level.title(&self.message);
        if let Some(code) = self.code {
            message = message.id(code.as_str());
        }
        match (&self.location, &source, &origin) {
            (Some(loc), Some(src), Some(origin)) if loc.line > 0 => {
                let span = span_of(src, loc);
                message = message.snippet(
                    Snippet::source(src)
                        .line_start(1)
                        .origin(origin)
                        .fold(true)
                        .annotation(level.span(span)),
                );
            }
            (Some(_), _, _) => {
                message = message.footer(Level::Note.title(&location_line));
            }
            _ => {}
        }
        if let Some(help) = &self.help {
            message = message.footer(Level::Help.title(help));
        }
        // Bound to a local: the rendered value borrows `source` and `origin`.
        #[allow(clippy::let_and_return)]
        let rendered = Renderer::plain().render(message).to_string();
        rendered
    }
}

/// Byte range of a location's underline inside `src`.
fn span_of(src: &str, loc: &Location) -> std::ops::Range<usize> {
    let line_start = src
        .split_inclusive('\n')
        .take(loc.line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>()
        .min(src.len());
    let line = src[line_start..].split('\n').next().unwrap_or("");
    let line = line.strip_suffix('\r').unwrap_or(line);
    let start = line
        .char_indices()
        .nth(loc.column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let end = line[start..]
        .char_indices()
        .nth(loc.length)
        .map_or(line.len(), |(i, _)| start + i);
    (line_start + start)..(line_start + end.max(start))
}

/// Converts a stage error into the diagnostic shown to the editor.
pub trait ToDiagnostic {
    fn to_diagnostic(&self) -> Diagnostic;
}

/// All the diagnostics of one run, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Report {
    diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn new() -> Self {
        Report::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub fn add<E: ToDiagnostic>(&mut self, error: &E) {
        self.push(error.to_diagnostic());
    }

    pub fn extend(&mut self, other: Report) {
        self.diagnostics.extend(other.diagnostics);
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }

    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Sorts by file and position so that output does not depend on thread timing.
    pub fn sort(&mut self) {
        self.diagnostics.sort_by(|a, b| {
            (&a.location, a.severity, &a.message).cmp(&(&b.location, b.severity, &b.message))
        });
        self.diagnostics.dedup();
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }

    /// The warnings, in their order.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
    }

    /// The errors, in their order.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }

    /// What [`Report::render_with`] shows but its closing line on the errors,
    /// for callers that close differently (`ingest`, `serve`).
    pub fn render_body(&self, root: &Path, warnings: Warnings) -> String {
        let mut out = groups::render_warnings(self, root, warnings);
        for d in self.errors() {
            out.push_str(&d.render(root));
            out.push_str("\n\n");
        }
        out.push_str(&groups::summary(self, warnings));
        out
    }

    /// The warnings grouped by cause, then every error, then the summary.
    pub fn render(&self, root: &Path) -> String {
        self.render_with(root, Warnings::Grouped)
    }

    /// The warnings as `warnings` says, then every error, then the counts
    /// per kind of warning and a line on the errors that says nothing was
    /// written (what a failed build or ingest guarantees).
    pub fn render_with(&self, root: &Path, warnings: Warnings) -> String {
        self.render_closing(root, warnings, Some("nothing was written"))
    }

    /// As [`Report::render_with`], with `consequence` after the error count
    /// (`None` for commands that write nothing anyway, such as `check`).
    pub fn render_closing(
        &self,
        root: &Path,
        warnings: Warnings,
        consequence: Option<&str>,
    ) -> String {
        let mut out = self.render_body(root, warnings);
        let errors = self.error_count();
        if errors > 0 {
            out.push_str(&format!("error: {}", counted(errors, "error", "errors")));
            if let Some(consequence) = consequence {
                out.push_str("; ");
                out.push_str(consequence);
            }
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters_not_bytes() {
        let text = "a\nÄÖü x\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 2), (2, 1));
        let x = text.find('x').unwrap();
        assert_eq!(line_column(text, x), (2, 5));
    }

    #[test]
    fn line_index_agrees_with_line_column_at_every_offset() {
        let text = "a\nÄÖü x\n\n\nend";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                index.line_column(offset),
                line_column(text, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn underlines_the_located_characters() {
        let src = "---\ntitel: Ä x\n---\n";
        let loc = Location::new("a.md", 2, 1).with_length(5);
        assert_eq!(&src[span_of(src, &loc)], "titel");
        let loc = Location::new("a.md", 2, 8).with_length(1);
        assert_eq!(&src[span_of(src, &loc)], "Ä");
    }

    #[test]
    fn report_sorts_and_counts_errors() {
        let mut report = Report::new();
        report.push(Diagnostic::error("b").at(Location::new("b.md", 1, 1)));
        report.push(Diagnostic::warning("w"));
        report.push(Diagnostic::error("a").at(Location::new("a.md", 3, 1)));
        report.sort();
        assert_eq!(report.error_count(), 2);
        assert_eq!(report.diagnostics()[1].message, "a");
    }

    #[test]
    fn errors_come_after_every_warning() {
        let mut report = Report::new();
        report.push(Diagnostic::error("broken").at(Location::new("a.md", 1, 1)));
        report.push(Diagnostic::warning("late").at(Location::new("z.md", 9, 1)));
        report.sort();
        let out = report.render(Path::new("/nonexistent"));
        assert!(
            out.find("late").unwrap() < out.find("broken").unwrap(),
            "{out}"
        );
        assert!(out
            .trim_end()
            .ends_with("error: 1 error; nothing was written"));
    }

    #[test]
    fn a_command_that_writes_nothing_closes_with_the_count_alone() {
        let mut report = Report::new();
        report.push(Diagnostic::error("broken").at(Location::new("a.md", 1, 1)));
        report.push(Diagnostic::error("worse").at(Location::new("a.md", 2, 1)));
        let out = report.render_closing(Path::new("/nonexistent"), Warnings::Grouped, None);
        assert!(out.trim_end().ends_with("\nerror: 2 errors"), "{out}");
    }

    #[test]
    fn a_code_shows_in_the_title() {
        let d = Diagnostic::warning("no date").code(Code::Undated);
        assert!(d
            .render(Path::new("."))
            .starts_with("warning[W003]: no date"));
    }
}
