//! What a Markdown body can get wrong, with the file, line and column.

use std::path::PathBuf;

use crate::diagnostics::{Code, Diagnostic, Location, ToDiagnostic};

/// A problem in a Markdown body.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// A `[[wikilink]]` to a name no entity has (an error).
    #[error("unknown entity \"{target}\"")]
    UnknownLink {
        path: PathBuf,
        line: usize,
        column: usize,
        target: String,
        suggestion: Option<String>,
    },
    /// A name several entities share, not linked (a warning).
    #[error("\"{surface}\" could be {} and is not linked", candidates.join(" or "))]
    AmbiguousMention {
        path: PathBuf,
        line: usize,
        column: usize,
        surface: String,
        candidates: Vec<String>,
    },
}

impl ToDiagnostic for Error {
    fn to_diagnostic(&self) -> Diagnostic {
        match self {
            Error::UnknownLink {
                path,
                line,
                column,
                target,
                suggestion,
            } => {
                let d =
                    Diagnostic::error(self.to_string())
                        .at(Location::new(path, *line, *column)
                            .with_length(target.chars().count() + 4));
                match suggestion {
                    Some(s) => d.help(format!("did you mean \"{s}\"?")),
                    None => d.help(format!(
                        "create content/entities/{}.md with `kind:` and `name: {target}`, or fix the name",
                        crate::slug::slugify(target)
                    )),
                }
            }
            Error::AmbiguousMention {
                path,
                line,
                column,
                surface,
                candidates,
            } => Diagnostic::warning(self.to_string())
                .code(Code::AmbiguousMention)
                .at(Location::new(path, *line, *column).with_length(surface.chars().count()))
                .help(format!(
                    "name the entity in full once in the article, or write [[{surface}|{}]]",
                    candidates[0]
                )),
        }
    }
}
