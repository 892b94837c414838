//! YAML helpers shared by the configuration and front-matter readers.
//!
//! Both need the same three things: parse a YAML block that starts at some line
//! of a file, report *every* unknown key (not only the first) with the closest
//! known key, and turn serde's error positions into file lines. Positions here
//! are always lines of the whole file, counted from 1.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

use crate::diagnostics::{Diagnostic, Location};

/// A YAML block inside a file: the text and the file line its first line is on.
#[derive(Debug, Clone, Copy)]
pub struct Block<'a> {
    pub text: &'a str,
    pub first_line: usize,
}

/// A YAML problem at a file position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlProblem {
    pub line: usize,
    pub column: usize,
    pub length: usize,
    pub message: String,
    pub help: Option<String>,
}

/// An unknown key and the known key it most resembles, if any is close.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey {
    pub key: String,
    pub line: usize,
    pub column: usize,
    pub suggestion: Option<String>,
}

impl Block<'_> {
    /// Parses the block as a mapping; an empty block is an empty mapping.
    pub fn mapping(&self) -> Result<Mapping, YamlProblem> {
        if self.text.trim().is_empty() {
            return Ok(Mapping::new());
        }
        match serde_yaml::from_str::<Value>(self.text) {
            Ok(Value::Mapping(m)) => Ok(m),
            Ok(Value::Null) => Ok(Mapping::new()),
            Ok(_) => Err(YamlProblem {
                line: self.first_line,
                column: 1,
                length: 1,
                message: "expected `key: value` lines".into(),
                help: Some("write one `key: value` pair per line".into()),
            }),
            Err(e) => Err(self.problem(&e)),
        }
    }

    /// Deserializes the block into `T` (unknown keys are ignored here; see
    /// [`Block::unknown_keys`]).
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, YamlProblem> {
        let text = if self.text.trim().is_empty() {
            "{}"
        } else {
            self.text
        };
        serde_yaml::from_str(text).map_err(|e| self.problem(&e))
    }

    /// The keys of `map` that are not in `known`, with a suggestion each.
    pub fn unknown_keys(&self, map: &Mapping, known: &[&str]) -> Vec<UnknownKey> {
        let mut unknown = Vec::new();
        for key in map.keys() {
            let name = match key {
                Value::String(s) => s.clone(),
                other => serde_yaml::to_string(other)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            };
            if known.contains(&name.as_str()) {
                continue;
            }
            let (line, column) = self.key_position(&name);
            unknown.push(UnknownKey {
                suggestion: closest(&name, known.iter().copied()).map(str::to_string),
                key: name,
                line,
                column,
            });
        }
        unknown.sort_by_key(|k| (k.line, k.column));
        unknown
    }

    /// File line and column of a key, found by scanning for `key:`; the first
    /// line of the block when the key is written in another style.
    pub fn key_position(&self, key: &str) -> (usize, usize) {
        self.text
            .lines()
            .enumerate()
            .find_map(|(i, line)| Some((self.first_line + i, sets_key(line, key)?)))
            .unwrap_or((self.first_line, 1))
    }

    fn problem(&self, e: &serde_yaml::Error) -> YamlProblem {
        let (line, column) = match e.location() {
            Some(l) => (self.first_line + l.line() - 1, l.column()),
            None => (self.first_line, 1),
        };
        let raw = e.to_string();
        // serde_yaml appends " at line L column C"; the location is shown separately.
        let message = plain_words(match raw.find(" at line ") {
            Some(i) => &raw[..i],
            None => &raw,
        });
        if let Some(duplicate) = self.duplicate_key(&message, line, column) {
            return duplicate;
        }
        let help = yaml_help(&message);
        YamlProblem {
            line,
            column,
            length: 1,
            message,
            help,
        }
    }

    /// serde_yaml reports a key given twice at the start of its mapping; the
    /// problem is the second line, and the fix is to keep one of the two.
    fn duplicate_key(&self, message: &str, line: usize, column: usize) -> Option<YamlProblem> {
        let key = message
            .strip_prefix("duplicate entry with key \"")?
            .strip_suffix('"')?;
        // The lines of the mapping's indentation that set the key, from the
        // line the mapping starts on.
        let lines: Vec<usize> = self
            .text
            .lines()
            .enumerate()
            .skip(line.saturating_sub(self.first_line))
            .filter(|(_, text)| sets_key(text, key) == Some(column))
            .map(|(i, _)| self.first_line + i)
            .collect();
        let (&first, &second) = (lines.first()?, lines.get(1)?);
        Some(YamlProblem {
            line: second,
            column,
            length: key.chars().count(),
            message: format!("`{key}` is given twice, on lines {first} and {second}"),
            help: Some(format!("keep one of the two `{key}:` lines")),
        })
    }
}

/// The column (in characters, from 1) at which `line` sets `key` (`key:`,
/// quoted or not), if it does.
fn sets_key(line: &str, key: &str) -> Option<usize> {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    let rest = trimmed.trim_start_matches(['"', '\'']).strip_prefix(key)?;
    let rest = rest.trim_start_matches(['"', '\'']);
    rest.trim_start()
        .starts_with(':')
        .then(|| line[..indent].chars().count() + 1)
}

/// serde's wording in the words of a user: types by what they hold, and
/// enum variants as the values a key accepts.
fn plain_words(message: &str) -> String {
    const TYPES: &[(&str, &str)] = &[
        ("expected usize", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected u16", "expected a whole number"),
        ("expected u8", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected i32", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("expected f32", "expected a number"),
        ("expected a sequence", "expected a list"),
        ("expected a map", "expected `key: value` lines"),
        ("invalid type: string", "invalid type: text"),
        ("invalid type: sequence", "invalid type: a list"),
        ("invalid type: map", "invalid type: `key: value` lines"),
        ("invalid type: unit value", "invalid type: an empty value"),
        ("unknown variant", "unknown value"),
    ];
    let mut message = message.to_string();
    for (serde, plain) in TYPES {
        if let Some(i) = message.find(serde) {
            // Whole words only: "expected u8" must not match "expected u80".
            let end = i + serde.len();
            if !message[end..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
                message.replace_range(i..end, plain);
            }
        }
    }
    message
}

fn yaml_help(message: &str) -> Option<String> {
    if let Some(values) = message
        .find("unknown value `")
        .and_then(|i| message[i..].split_once("`, expected "))
        .map(|(_, values)| values)
    {
        return Some(format!("write one of {values}"));
    }
    if message.contains("expected a whole number") {
        return Some("write a number without quotes, such as 20".into());
    }
    if message.contains("invalid date") {
        Some("write the date as YYYY, YYYY-MM, YYYY-MM-DD or an RFC 3339 timestamp (2025-01-24T09:30:00+01:00), or leave it out".into())
    } else if message.contains("mapping values are not allowed") {
        Some("a value containing `: ` must be quoted, e.g. title: \"Blinken: a warning\"".into())
    } else if message.contains("invalid type") {
        Some("check the value's type: lists are written [a, b] or as `- item` lines".into())
    } else if message.contains("did not find expected") || message.contains("found unexpected") {
        Some("check quotes and indentation on this line and the one before".into())
    } else {
        None
    }
}

impl YamlProblem {
    /// The diagnostic for this problem in `path`, with `message` as its title.
    pub fn diagnostic(&self, path: &Path, message: String) -> Diagnostic {
        let d = Diagnostic::error(message)
            .at(Location::new(path, self.line, self.column).with_length(self.length));
        match &self.help {
            Some(h) => d.help(h.clone()),
            None => d,
        }
    }
}

/// The diagnostic for an unknown key: the closest known key, or the list of keys.
pub fn unknown_key_diagnostic(
    message: String,
    path: &Path,
    key: &str,
    (line, column): (usize, usize),
    suggestion: Option<&str>,
    known: &[&str],
) -> Diagnostic {
    let d = Diagnostic::error(message)
        .at(Location::new(path, line, column).with_length(key.chars().count()));
    match suggestion {
        Some(s) => d.help(format!("did you mean \"{s}\"?")),
        None => d.help(format!("known keys are: {}", known.join(", "))),
    }
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_unknown_key_with_its_file_line() {
        let block = Block {
            text: "titel: x\ndate: 2025\ntgas: [a]\n",
            first_line: 2,
        };
        let map = block.mapping().unwrap();
        let unknown = block.unknown_keys(&map, &["title", "date", "tags"]);
        assert_eq!(unknown.len(), 2);
        assert_eq!(unknown[0].key, "titel");
        assert_eq!(unknown[0].line, 2);
        assert_eq!(unknown[0].suggestion.as_deref(), Some("title"));
        assert_eq!(unknown[1].line, 4);
        assert_eq!(unknown[1].suggestion.as_deref(), Some("tags"));
    }

    #[test]
    fn suggests_nothing_for_an_unrelated_key() {
        assert_eq!(closest("zzzz", ["title", "date"]), None);
    }

    #[test]
    fn a_duplicate_key_is_reported_at_its_second_line() {
        let block = Block {
            text: "title: A\ndate: 2025\ntitle: B\n",
            first_line: 2,
        };
        let problem = block.mapping().unwrap_err();
        assert_eq!((problem.line, problem.column), (4, 1), "{problem:?}");
        assert_eq!(problem.message, "`title` is given twice, on lines 2 and 4");
        assert!(problem.help.unwrap().contains("keep one"));
    }

    #[test]
    fn type_errors_speak_of_numbers_and_values_not_of_rust_types() {
        let block = Block {
            text: "home: twenty\n",
            first_line: 1,
        };
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Paginate {
            home: usize,
        }
        let problem = block.parse::<Paginate>().unwrap_err();
        assert_eq!(
            problem.message,
            "home: invalid type: text \"twenty\", expected a whole number"
        );
        assert!(problem.help.unwrap().contains("number"));

        #[derive(Debug, serde::Deserialize)]
        #[serde(rename_all = "lowercase")]
        enum Language {
            De,
            En,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Config {
            language: Language,
        }
        let block = Block {
            text: "language: fr\n",
            first_line: 1,
        };
        let problem = block.parse::<Config>().unwrap_err();
        assert_eq!(
            problem.message,
            "language: unknown value `fr`, expected `de` or `en`"
        );
        assert_eq!(problem.help.as_deref(), Some("write one of `de` or `en`"));
    }

    #[test]
    fn maps_syntax_errors_to_file_lines() {
        let block = Block {
            text: "title: a: b\n",
            first_line: 5,
        };
        let problem = block.mapping().unwrap_err();
        assert_eq!(problem.line, 5);
        assert!(problem.help.is_some(), "{problem:?}");
    }
}
