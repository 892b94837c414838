//! Markdown input: front matter validated and completed, the body kept as written.
//!
//! A file with front matter is checked like any article (unknown keys, bad dates
//! are errors at their line); a missing `title` is taken from a leading `# Heading`
//! or derived from the first sentence, a missing `lang` is detected. A file
//! without front matter gets one. The body is never rewritten.
//!
//! ```
//! let d = briefing::ingest::markdown::parse("a.md", "# Titel\n\nDer Text ist da und wird nicht geändert.\n").unwrap();
//! assert_eq!(d.meta.title, "Titel");
//! assert_eq!(d.meta.lang.as_deref(), Some("de"));
//! assert_eq!(d.body, "Der Text ist da und wird nicht geändert.");
//! ```

use std::path::Path;

use super::title::derive_title;
use super::{lang, Draft, Error};
use crate::content::{self, frontmatter, ArticleMeta};
use crate::diagnostics::ToDiagnostic;

fn front_matter_error(input: &str, error: &content::Error) -> Error {
    let d = error.to_diagnostic();
    Error::FrontMatter {
        input: input.to_string(),
        line: d.location.map_or(1, |l| l.line),
        message: d.message,
        help: d.help,
    }
}

/// Parses a Markdown article named `input`.
pub fn parse(input: &str, text: &str) -> Result<Draft, Error> {
    let path = Path::new(input);
    let has_front = text.trim_start_matches('\u{feff}').starts_with("---");
    let (mut meta, body) = if has_front {
        let split = frontmatter::split(path, text).map_err(|e| front_matter_error(input, &e))?;
        let meta = match frontmatter::article_meta(path, &split) {
            Ok(meta) => meta,
            Err(errors) => {
                let other = errors
                    .iter()
                    .find(|e| !matches!(e, content::Error::MissingKey { key: "title", .. }));
                if let Some(e) = other {
                    return Err(front_matter_error(input, e));
                }
                split.front.parse::<ArticleMeta>().unwrap_or_default()
            }
        };
        (meta, split.body)
    } else {
        (ArticleMeta::default(), text)
    };
    let mut body = body.trim_matches(['\n', '\r']).trim_end().to_string();
    if meta.title.trim().is_empty() {
        if let Some(heading) = body.strip_prefix("# ") {
            let (title, rest) = heading.split_once('\n').unwrap_or((heading, ""));
            meta.title = title.trim().to_string();
            body = rest.trim_start_matches(['\n', '\r']).to_string();
        } else {
            meta.title = derive_title(&body);
            meta.title_derived = true;
        }
    }
    if meta.title.trim().is_empty() {
        return Err(Error::NoText {
            input: input.to_string(),
        });
    }
    if meta.lang.is_none() {
        meta.lang = lang::detect(&body).map(str::to_string);
    }
    Ok(Draft { meta, body })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completes_missing_lang_and_keeps_the_body() {
        let text = "---\ntitle: Test\ndate: 2025-01\n---\nThe minister said that the talks were over.\n\n* a  list *as written*\n";
        let d = parse("a.md", text).unwrap();
        assert_eq!(d.meta.lang.as_deref(), Some("en"));
        assert_eq!(d.meta.date.unwrap().to_string(), "2025-01");
        assert_eq!(
            d.body,
            "The minister said that the talks were over.\n\n* a  list *as written*"
        );
    }

    #[test]
    fn reports_unknown_keys_at_their_line() {
        let err = parse("a.md", "---\ntitle: T\ntitel: X\n---\nText\n").unwrap_err();
        assert!(matches!(err, Error::FrontMatter { line: 3, .. }), "{err:?}");
    }

    #[test]
    fn takes_a_missing_title_from_the_first_heading() {
        let d = parse("a.md", "---\nlang: de\n---\n# Überschrift\n\nText.\n").unwrap();
        assert_eq!(d.meta.title, "Überschrift");
        assert_eq!(d.body, "Text.");
    }
}
