//! Site configuration: `briefing.yaml` at the site root.
//!
//! ```yaml
//! title: Nordkorea-Briefing        # required
//! description: Was Agenturen über Nordkorea melden
//! language: de                     # de | en: UI strings and date formats
//! base_url: https://example.org/briefing/   # where the site is published
//! theme: default                   # themes/<theme>/, or the built-in default theme
//! entities:
//!   link: first                    # first | all | none: which mentions become links
//!   metonyms: literal              # literal | country: "Pjöngjang warnte" links the city or the country
//!   discover: people               # people | none: people found in the text without a registry file
//! gazetteer: true                  # the built-in countries, cities, regions and organizations
//! paginate:
//!   home: 20                       # articles per page on the home page
//!   lists: 50                      # entries per page on tag, source, entity and archive pages
//! feed_limit: 30                   # entries in each Atom feed
//! markdown:
//!   unsafe_html: false             # true: raw HTML in bodies is published as written
//!   iframe_hosts: []               # hosts whose iframes raw HTML may embed, e.g. www.youtube-nocookie.com
//! ```
//!
//! Every key is optional but `title`. An unknown key is an error that names the
//! closest known key.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Location, ToDiagnostic};
use crate::yaml::{Block, YamlProblem};

pub const CONFIG_FILE: &str = "briefing.yaml";

/// The UI languages briefing ships strings and date formats for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    De,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::De => "de",
            Language::En => "en",
        }
    }
    /// The language a text is read in: its own `lang` (`de`, `de-AT`, `en-GB`,
    /// …) when briefing knows it, the site's otherwise.
    pub fn of_text(lang: Option<&str>, site: Language) -> Language {
        match lang {
            Some(l) if l.starts_with("en") => Language::En,
            Some(l) if l.starts_with("de") => Language::De,
            _ => site,
        }
    }
}

/// Which mentions of an entity in an article become links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LinkPolicy {
    /// The first mention of each entity in each article.
    #[default]
    First,
    All,
    None,
}

/// What a capital standing for its government ("Pjöngjang warnte") links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum MetonymPolicy {
    /// The city itself.
    #[default]
    Literal,
    /// The country it stands for.
    Country,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EntityOptions {
    pub link: LinkPolicy,
    pub metonyms: MetonymPolicy,
    pub discover: DiscoverPolicy,
}

impl Default for EntityOptions {
    fn default() -> Self {
        EntityOptions {
            link: LinkPolicy::First,
            metonyms: MetonymPolicy::Literal,
            discover: DiscoverPolicy::People,
        }
    }
}

/// Which entities are found in article text without a registry file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum DiscoverPolicy {
    /// People named with a given name, a title or a verb of saying.
    #[default]
    People,
    /// None: only registry files and the gazetteer.
    None,
}

/// How Markdown bodies are published.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MarkdownOptions {
    /// Publish raw HTML in bodies as written instead of sanitized.
    pub unsafe_html: bool,
    /// Hosts (over https) whose `<iframe>`s sanitized HTML keeps.
    pub iframe_hosts: Vec<String>,
}

impl MarkdownOptions {
    /// The policy for raw HTML these options ask for.
    pub fn html(&self) -> crate::markdown::Html {
        if self.unsafe_html {
            crate::markdown::Html::unsafe_as_written()
        } else {
            crate::markdown::Html::safe(&self.iframe_hosts)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Paginate {
    pub home: usize,
    pub lists: usize,
}

impl Default for Paginate {
    fn default() -> Self {
        Paginate {
            home: 20,
            lists: 50,
        }
    }
}

/// The parsed `briefing.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    pub title: String,
    pub description: String,
    pub language: Language,
    pub base_url: String,
    pub theme: String,
    pub entities: EntityOptions,
    /// Use the built-in gazetteer of countries, cities, regions and organizations.
    pub gazetteer: bool,
    pub paginate: Paginate,
    pub feed_limit: usize,
    pub markdown: MarkdownOptions,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: String::new(),
            description: String::new(),
            language: Language::De,
            base_url: "/".into(),
            theme: "default".into(),
            entities: EntityOptions::default(),
            gazetteer: true,
            paginate: Paginate::default(),
            feed_limit: 30,
            markdown: MarkdownOptions::default(),
        }
    }
}

const TOP_KEYS: &[&str] = &[
    "title",
    "description",
    "language",
    "base_url",
    "theme",
    "entities",
    "gazetteer",
    "paginate",
    "feed_limit",
    "markdown",
];
const ENTITY_KEYS: &[&str] = &["link", "metonyms", "discover"];
const PAGINATE_KEYS: &[&str] = &["home", "lists"];
const MARKDOWN_KEYS: &[&str] = &["unsafe_html", "iframe_hosts"];

/// A problem in `briefing.yaml`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    #[error("cannot read {path}: {message}")]
    Read { path: PathBuf, message: String },
    #[error("{}", problem.message)]
    Yaml { path: PathBuf, problem: YamlProblem },
    #[error("unknown key \"{key}\" in {}", path.display())]
    UnknownKey {
        path: PathBuf,
        key: String,
        line: usize,
        column: usize,
        suggestion: Option<String>,
    },
    #[error("{message}")]
    Invalid {
        path: PathBuf,
        line: usize,
        message: String,
        help: String,
    },
}

impl ToDiagnostic for Error {
    fn to_diagnostic(&self) -> Diagnostic {
        match self {
            Error::Read { path, .. } => Diagnostic::error(self.to_string()).help(format!(
                "run `briefing init` to create a site, or pass --root with the folder that holds {}",
                path.display()
            )),
            Error::Yaml { path, problem } => {
                problem.diagnostic(path, format!("{} in {}", problem.message, path.display()))
            }
            Error::UnknownKey {
                path,
                key,
                line,
                column,
                suggestion,
            } => crate::yaml::unknown_key_diagnostic(
                self.to_string(),
                path,
                key,
                (*line, *column),
                suggestion.as_deref(),
                TOP_KEYS,
            ),
            Error::Invalid {
                path,
                line,
                message,
                help,
            } => Diagnostic::error(message.clone())
                .at(Location::new(path, *line, 1))
                .help(help.clone()),
        }
    }
}

impl Config {
    /// Reads `<root>/briefing.yaml`. Paths in errors are relative to `root`.
    pub fn load(root: &Path) -> Result<Config, Vec<Error>> {
        let path = PathBuf::from(CONFIG_FILE);
        let text = std::fs::read_to_string(root.join(&path)).map_err(|e| {
            vec![Error::Read {
                path: path.clone(),
                message: e.to_string(),
            }]
        })?;
        Config::parse(&text, &path)
    }

    /// Parses configuration text; `path` is only used in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Config, Vec<Error>> {
        let block = Block {
            text,
            first_line: 1,
        };
        let yaml = |problem| {
            vec![Error::Yaml {
                path: path.to_path_buf(),
                problem,
            }]
        };
        let map = block.mapping().map_err(yaml)?;
        let mut errors = Vec::new();
        let mut unknown = block.unknown_keys(&map, TOP_KEYS);
        for (section, known) in [
            ("entities", ENTITY_KEYS),
            ("paginate", PAGINATE_KEYS),
            ("markdown", MARKDOWN_KEYS),
        ] {
            if let Some(serde_yaml::Value::Mapping(sub)) = map.get(section) {
                unknown.extend(block.unknown_keys(sub, known));
            }
        }
        for k in unknown {
            errors.push(Error::UnknownKey {
                path: path.to_path_buf(),
                key: k.key,
                line: k.line,
                column: k.column,
                suggestion: k.suggestion,
            });
        }
        let config: Config = block.parse().map_err(yaml)?;
        let invalid = |key: &str, message: String, help: &str| Error::Invalid {
            path: path.to_path_buf(),
            line: block.key_position(key).0,
            message,
            help: help.to_string(),
        };
        if config.title.trim().is_empty() {
            errors.push(Error::Invalid {
                path: path.to_path_buf(),
                line: 1,
                message: format!("{} has no title", path.display()),
                help: "add a line such as `title: Nordkorea-Briefing`".into(),
            });
        }
        if config.paginate.home == 0 || config.paginate.lists == 0 {
            errors.push(invalid(
                "paginate",
                "page sizes must be at least 1".into(),
                "set paginate.home and paginate.lists to a positive number",
            ));
        }
        if let Err(message) = crate::site::urls::BaseUrl::parse(&config.base_url) {
            errors.push(invalid(
                "base_url",
                message,
                "use an absolute URL such as https://example.org/briefing/ or a path such as /briefing/",
            ));
        }
        if errors.is_empty() {
            Ok(config)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Vec<Error>> {
        Config::parse(text, Path::new("briefing.yaml"))
    }

    #[test]
    fn fills_defaults_for_a_minimal_config() {
        let config = parse("title: Test\n").unwrap();
        assert_eq!(config.language, Language::De);
        assert_eq!(config.entities.link, LinkPolicy::First);
        assert_eq!(config.paginate.home, 20);
    }

    #[test]
    fn rejects_unknown_keys_at_every_level_with_a_suggestion() {
        let errors = parse("title: T\nlanguge: en\nentities:\n  lnk: all\n").unwrap_err();
        let keys: Vec<_> = errors
            .iter()
            .filter_map(|e| match e {
                Error::UnknownKey {
                    key,
                    suggestion,
                    line,
                    ..
                } => Some((key.as_str(), suggestion.as_deref(), *line)),
                _ => None,
            })
            .collect();
        assert_eq!(
            keys,
            [("languge", Some("language"), 2), ("lnk", Some("link"), 4)]
        );
    }

    #[test]
    fn rejects_an_unsupported_language_at_its_line() {
        let errors = parse("title: T\nlanguage: fr\n").unwrap_err();
        assert!(matches!(&errors[0], Error::Yaml { problem, .. } if problem.line == 2));
    }

    #[test]
    fn requires_a_title() {
        let errors = parse("language: en\n").unwrap_err();
        assert!(
            matches!(&errors[0], Error::Invalid { message, .. } if message.contains("no title"))
        );
    }
}
