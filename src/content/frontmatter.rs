//! Front matter: the YAML block between `---` lines at the top of every content file.
//!
//! ## Articles (`content/articles/**/*.md`)
//!
//! ```yaml
//! ---
//! title: Blinken warnt vor Militärzusammenarbeit   # required
//! date: 2025-01              # YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339; may be left out
//! source: Euronews           # the outlet
//! agencies: [AP]             # news agencies
//! authors: [Jane Doe]
//! lang: de                   # language of the article (defaults to the site language)
//! tags: [Nordkorea, Diplomatie]
//! summary: One paragraph.    # defaults to the first paragraph
//! url: https://…             # the original
//! same_story: other-slug     # the same agency story as another article (from another outlet)
//! image: /images/x.jpg
//! caption: Antony Blinken in Seoul
//! credit: JUNG YEON-JE
//! draft: false               # drafts are built only with --drafts
//! slug: blinken-seoul        # defaults to the file name
//! entities: [Park Jin]       # entities the article is about, even if not detected
//! no_link: [Park]            # entities never linked automatically in this article
//! title_derived: true        # set by `briefing ingest` when the paste had no headline
//! ---
//! ```
//!
//! ## Entities (`content/entities/*.md`)
//!
//! ```yaml
//! ---
//! name: Antony Blinken       # defaults to the file name
//! kind: person               # person | country | city | organization | place | event
//! aliases: [Tony Blinken]
//! id: Q1900349               # optional, e.g. a Wikidata id
//! part_of: USA               # optional: the entity this one belongs to
//! image: /images/blinken.jpg
//! ---
//! Profile text in Markdown.
//! ```
//!
//! A list key also takes a single value (`tags: Nordkorea` is one tag);
//! empty items (`tags: [null, ""]`) are left out, and numbers are text
//! (`tags: [2025]`).
//!
//! Line numbers in errors are lines of the whole file, front matter included.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Error, PartialDate};
use crate::yaml::Block;

pub const ARTICLE_KEYS: &[&str] = &[
    "title",
    "date",
    "source",
    "agencies",
    "authors",
    "lang",
    "tags",
    "summary",
    "url",
    "same_story",
    "image",
    "caption",
    "credit",
    "draft",
    "slug",
    "entities",
    "no_link",
    "title_derived",
];

pub const ENTITY_KEYS: &[&str] = &["name", "kind", "aliases", "id", "part_of", "image"];

/// Article front matter as written by the editor.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ArticleMeta {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "one_or_many"
    )]
    pub agencies: Vec<String>,
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "one_or_many"
    )]
    pub authors: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "one_or_many"
    )]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The slug of an article that carries the same story from another
    /// outlet (set by `briefing ingest --keep-duplicate`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub same_story: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "one_or_many"
    )]
    pub entities: Vec<String>,
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "one_or_many"
    )]
    pub no_link: Vec<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub title_derived: bool,
}

/// The kinds of entity briefing knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Country,
    City,
    Organization,
    Place,
    Event,
}

impl EntityKind {
    pub const ALL: [EntityKind; 6] = [
        EntityKind::Person,
        EntityKind::Country,
        EntityKind::City,
        EntityKind::Organization,
        EntityKind::Place,
        EntityKind::Event,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Country => "country",
            EntityKind::City => "city",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Event => "event",
        }
    }
}

/// Entity front matter as written by the editor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityMeta {
    #[serde(default)]
    pub name: Option<String>,
    pub kind: EntityKind,
    #[serde(default, deserialize_with = "one_or_many")]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub part_of: Option<String>,
    #[serde(default)]
    pub image: Option<String>,
}

/// The keys that hold lists of texts ([`one_or_many`]).
const LIST_KEYS: &[&str] = &[
    "agencies", "authors", "tags", "entities", "no_link", "aliases",
];

/// What is wrong with an item of a list of texts, if anything.
fn nested_item(value: &serde_yaml::Value) -> Option<&'static str> {
    match value {
        serde_yaml::Value::Sequence(_) => Some("a list inside the list"),
        serde_yaml::Value::Mapping(_) => Some("`key: value` inside the list"),
        serde_yaml::Value::Tagged(t) => nested_item(&t.value),
        _ => None,
    }
}

/// A list of texts written as a list or as a single value; empty items are
/// left out and numbers and booleans are taken as written.
fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    use serde::de::Error as _;
    use serde_yaml::Value;
    fn text<E: serde::de::Error>(value: Value) -> Result<Option<String>, E> {
        if let Some(problem) = nested_item(&value) {
            return Err(E::custom(problem));
        }
        match value {
            Value::Null => Ok(None),
            Value::String(s) if s.trim().is_empty() => Ok(None),
            Value::String(s) => Ok(Some(s)),
            Value::Number(n) => Ok(Some(n.to_string())),
            Value::Bool(b) => Ok(Some(b.to_string())),
            Value::Tagged(t) => text(t.value),
            Value::Sequence(_) | Value::Mapping(_) => unreachable!("refused above"),
        }
    }
    match Value::deserialize(d)? {
        Value::Sequence(items) => items
            .into_iter()
            .filter_map(|v| text::<D::Error>(v).transpose())
            .collect(),
        Value::Mapping(_) => Err(D::Error::custom(
            "expected a list such as [a, b] or a single value",
        )),
        value => Ok(text::<D::Error>(value)?.into_iter().collect()),
    }
}

/// A content file split into its front matter and body.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    pub front: Block<'a>,
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Splits `text` at its `---` fences. A UTF-8 byte order mark is allowed.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Error> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[bom..];
    let first_len = match rest.split_inclusive('\n').next() {
        Some(line) if line.trim_end() == "---" => line.len(),
        _ => {
            return Err(Error::NoFrontMatter {
                path: path.to_path_buf(),
            })
        }
    };
    let front_start = bom + first_len;
    let mut offset = front_start;
    for line in text[front_start..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            let body_offset = offset + line.len();
            return Ok(Split {
                front: Block {
                    text: &text[front_start..offset],
                    first_line: 2,
                },
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(Error::UnclosedFrontMatter {
        path: path.to_path_buf(),
    })
}

/// Parses and checks the front matter of an article, reporting every problem.
pub fn article_meta(path: &Path, split: &Split) -> Result<ArticleMeta, Vec<Error>> {
    let meta: ArticleMeta = checked(path, split.front, ARTICLE_KEYS)?;
    if meta.title.trim().is_empty() {
        let line = if split.front.text.contains("title") {
            split.front.key_position("title").0
        } else {
            1
        };
        return Err(vec![Error::MissingKey {
            path: path.to_path_buf(),
            line,
            key: "title",
            help: "add a line such as `title: Blinken warnt vor Militärzusammenarbeit` to the front matter".into(),
        }]);
    }
    Ok(meta)
}

/// Parses and checks the front matter of a registry entity.
pub fn entity_meta(path: &Path, split: &Split) -> Result<EntityMeta, Vec<Error>> {
    let map = split
        .front
        .mapping()
        .map_err(|p| vec![Error::yaml(path, p)])?;
    if !map.contains_key("kind") {
        return Err(vec![Error::MissingKey {
            path: path.to_path_buf(),
            line: 1,
            key: "kind",
            help: "add `kind: person` (or country, city, organization, place, event)".into(),
        }]);
    }
    checked(path, split.front, ENTITY_KEYS)
}

fn checked<T: serde::de::DeserializeOwned>(
    path: &Path,
    block: Block,
    known: &[&str],
) -> Result<T, Vec<Error>> {
    let map = block.mapping().map_err(|p| vec![Error::yaml(path, p)])?;
    let mut errors: Vec<Error> = block
        .unknown_keys(&map, known)
        .into_iter()
        .map(|k| Error::UnknownKey {
            path: path.to_path_buf(),
            key: k.key,
            line: k.line,
            column: k.column,
            suggestion: k.suggestion,
        })
        .collect();
    // serde cannot place an error of a value it has already read, so a
    // list key holding lists or `key: value` lines is found here.
    for key in LIST_KEYS {
        let Some(serde_yaml::Value::Sequence(items)) = map.get(*key) else {
            continue;
        };
        if let Some(problem) = items.iter().find_map(|v| nested_item(v)) {
            let (line, column) = block.key_position(key);
            return Err(vec![Error::yaml(
                path,
                crate::yaml::YamlProblem {
                    line,
                    column,
                    length: key.len(),
                    message: format!("{key}: {problem}"),
                    help: Some("write the items one level deep: [a, b], or quote an item that contains `: `".into()),
                },
            )]);
        }
    }
    match block.parse::<T>() {
        Ok(value) if errors.is_empty() => Ok(value),
        Ok(_) => Err(errors),
        Err(problem) => {
            errors.push(Error::yaml(path, problem));
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Result<ArticleMeta, Vec<Error>> {
        let path = Path::new("a.md");
        let split = split(path, text).map_err(|e| vec![e])?;
        article_meta(path, &split)
    }

    #[test]
    fn splits_front_matter_and_counts_the_body_offset() {
        let text = "---\ntitle: T\n---\nBody\n";
        let s = split(Path::new("a.md"), text).unwrap();
        assert_eq!(s.front.text, "title: T\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(&text[s.body_offset..], "Body\n");
    }

    #[test]
    fn accepts_crlf_and_a_byte_order_mark() {
        let meta = article("\u{feff}---\r\ntitle: T\r\n---\r\nBody").unwrap();
        assert_eq!(meta.title, "T");
    }

    #[test]
    fn rejects_a_file_without_front_matter() {
        let errors = article("# Title\n").unwrap_err();
        assert!(matches!(errors[0], Error::NoFrontMatter { .. }));
    }

    #[test]
    fn rejects_front_matter_without_closing_fence() {
        let errors = article("---\ntitle: T\nBody\n").unwrap_err();
        assert!(matches!(errors[0], Error::UnclosedFrontMatter { .. }));
    }

    #[test]
    fn reports_a_bad_date_at_its_file_line() {
        let errors = article("---\ntitle: T\ndate: 2025-13-01\n---\n").unwrap_err();
        match &errors[0] {
            Error::Yaml { problem, .. } => {
                assert_eq!(problem.line, 3);
                assert!(problem.message.contains("month 13"), "{}", problem.message);
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn reports_every_unknown_key_with_a_suggestion() {
        let errors = article("---\ntitel: T\nsorce: X\n---\n").unwrap_err();
        let found: Vec<_> = errors
            .iter()
            .filter_map(|e| match e {
                Error::UnknownKey {
                    key, suggestion, ..
                } => Some((key.clone(), suggestion.clone())),
                _ => None,
            })
            .collect();
        assert_eq!(
            found,
            [
                ("titel".to_string(), Some("title".to_string())),
                ("sorce".to_string(), Some("source".to_string()))
            ]
        );
    }

    #[test]
    fn a_single_value_is_a_list_of_one_and_empty_items_are_left_out() {
        let meta = article("---\ntitle: T\ntags: Nordkorea\nauthors: [null, \"\", Jane Doe]\nagencies: [2025]\n---\n").unwrap();
        assert_eq!(meta.tags, ["Nordkorea"]);
        assert_eq!(meta.authors, ["Jane Doe"]);
        assert_eq!(meta.agencies, ["2025"]);
        let meta = article("---\ntitle: T\ntags: [null]\nno_link:\n---\n").unwrap();
        assert!(meta.tags.is_empty() && meta.no_link.is_empty(), "{meta:?}");
    }

    #[test]
    fn a_list_of_lists_is_an_error_at_its_line() {
        let errors = article("---\ntitle: T\ntags: [[a, b]]\n---\n").unwrap_err();
        match &errors[0] {
            Error::Yaml { problem, .. } => {
                assert_eq!(problem.line, 3, "{problem:?}");
                assert_eq!(problem.message, "tags: a list inside the list");
                assert!(problem.help.as_ref().unwrap().contains("one level deep"));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn requires_a_title() {
        let errors = article("---\ndate: 2025\n---\n").unwrap_err();
        assert!(matches!(errors[0], Error::MissingKey { key: "title", .. }));
    }

    #[test]
    fn requires_an_entity_kind() {
        let path = Path::new("e.md");
        let s = split(path, "---\nname: X\n---\n").unwrap();
        let errors = entity_meta(path, &s).unwrap_err();
        assert!(matches!(errors[0], Error::MissingKey { key: "kind", .. }));
    }
}
