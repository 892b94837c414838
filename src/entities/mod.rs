//! Entities: the registry of people, countries, cities and organizations, and
//! the detection of their mentions in article text.
//!
//! The [`Registry`] is built from `content/entities/*.md`. Names and aliases
//! resolve explicit references (`[[Antony Blinken]]`, the `entities:` front
//! matter list) through [`Registry::resolve`], and [`detect`] is the one
//! function from a piece of article text to the mentions in it; the Markdown
//! stage calls it on the text of each block, never inside code, links, raw
//! HTML, headings or image text.
//!
//! Detection here matches registered names and aliases as whole words in one
//! Aho–Corasick pass (leftmost-longest, so "Antony Blinken" wins over a shorter
//! alias inside it). The German and English morphology of the gazetteer plugs
//! in behind the same function.

use std::collections::HashMap;
use std::path::PathBuf;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Serialize;

use crate::content::{EntityEntry, EntityKind};
use crate::diagnostics::{Diagnostic, Location, ToDiagnostic};

/// Index of an entity in its [`Registry`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct EntityId(pub u32);

impl EntityId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A known entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub slug: String,
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    pub id: Option<String>,
    pub part_of: Option<String>,
    pub image: Option<String>,
    /// The Markdown profile.
    pub body: String,
    /// The registry file it came from.
    pub path: Option<PathBuf>,
    pub body_line: usize,
}

/// How a mention was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The entity's name or one of its aliases, as written.
    Alias,
    /// An explicit `[[wikilink]]`.
    Wikilink,
    /// Listed in the article's `entities:` front matter.
    FrontMatter,
}

/// A mention of an entity in a piece of text, as byte offsets into that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub entity: EntityId,
    pub start: usize,
    pub end: usize,
    pub rule: Rule,
}

/// A problem with the registry or a reference to it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    #[error("unknown entity \"{target}\"")]
    UnknownTarget {
        path: PathBuf,
        line: usize,
        column: usize,
        target: String,
        suggestion: Option<String>,
    },
    #[error("the name \"{name}\" is used by both {first} and {second}")]
    AmbiguousName {
        path: PathBuf,
        name: String,
        first: String,
        second: String,
    },
}

impl ToDiagnostic for Error {
    fn to_diagnostic(&self) -> Diagnostic {
        match self {
            Error::UnknownTarget {
                path,
                line,
                column,
                target,
                suggestion,
            } => {
                let d = Diagnostic::error(self.to_string()).at(
                    Location::new(path, *line, *column).with_length(target.chars().count() + 4),
                );
                match suggestion {
                    Some(s) => d.help(format!("did you mean \"{s}\"?")),
                    None => d.help(format!(
                        "create content/entities/{}.md with `kind:` and `name: {target}`, or fix the name",
                        crate::slug::slugify(target)
                    )),
                }
            }
            Error::AmbiguousName { path, .. } => Diagnostic::warning(self.to_string())
                .at(Location::new(path, 1, 1))
                .help("an ambiguous name is never linked automatically; write [[text|Full Name]] where it is meant"),
        }
    }
}

/// All known entities with their name index and matcher.
#[derive(Debug, Clone)]
pub struct Registry {
    entities: Vec<Entity>,
    /// Lower-cased name or alias → entities bearing it.
    by_name: HashMap<String, Vec<EntityId>>,
    by_slug: HashMap<String, EntityId>,
    matcher: Option<AhoCorasick>,
    /// For each matcher pattern: the entity it names, or none when ambiguous.
    pattern_entity: Vec<Option<EntityId>>,
}

impl Registry {
    /// Builds the registry; ambiguous names come back as warnings.
    pub fn new(entries: &[EntityEntry]) -> (Registry, Vec<Error>) {
        let entities: Vec<Entity> = entries
            .iter()
            .map(|e| Entity {
                slug: e.slug.clone(),
                name: e.name.clone(),
                kind: e.meta.kind,
                aliases: e.meta.aliases.clone(),
                id: e.meta.id.clone(),
                part_of: e.meta.part_of.clone(),
                image: e.meta.image.clone(),
                body: e.body.clone(),
                path: Some(e.path.clone()),
                body_line: e.body_line,
            })
            .collect();
        Registry::from_entities(entities)
    }

    pub fn from_entities(entities: Vec<Entity>) -> (Registry, Vec<Error>) {
        let mut by_name: HashMap<String, Vec<EntityId>> = HashMap::new();
        let mut by_slug = HashMap::new();
        let mut warnings = Vec::new();
        // Surface forms as written (case matters for matching), in a stable order.
        let mut surfaces: Vec<(String, EntityId)> = Vec::new();
        for (i, e) in entities.iter().enumerate() {
            let id = EntityId(i as u32);
            by_slug.insert(e.slug.clone(), id);
            for name in std::iter::once(&e.name).chain(&e.aliases) {
                let name = name.trim();
                if name.is_empty() {
                    continue;
                }
                let ids = by_name.entry(name.to_lowercase()).or_default();
                if !ids.contains(&id) {
                    if let Some(&first) = ids.first() {
                        warnings.push(Error::AmbiguousName {
                            path: e.path.clone().unwrap_or_default(),
                            name: name.to_string(),
                            first: entities[first.index()].name.clone(),
                            second: e.name.clone(),
                        });
                    }
                    ids.push(id);
                }
                surfaces.push((name.to_string(), id));
            }
        }
        surfaces.sort();
        surfaces.dedup();
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_entity = Vec::new();
        for (surface, id) in &surfaces {
            if patterns.last() == Some(surface) {
                // The same surface for a second entity: ambiguous, never auto-linked.
                *pattern_entity.last_mut().unwrap() = None;
                continue;
            }
            let unique = by_name[&surface.to_lowercase()].len() == 1;
            patterns.push(surface.clone());
            pattern_entity.push(unique.then_some(*id));
        }
        let matcher = (!patterns.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&patterns)
                .expect("entity names form a valid automaton")
        });
        (
            Registry {
                entities,
                by_name,
                by_slug,
                matcher,
                pattern_entity,
            },
            warnings,
        )
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    pub fn get(&self, id: EntityId) -> &Entity {
        &self.entities[id.index()]
    }

    pub fn iter(&self) -> impl Iterator<Item = (EntityId, &Entity)> {
        self.entities
            .iter()
            .enumerate()
            .map(|(i, e)| (EntityId(i as u32), e))
    }

    pub fn by_slug(&self, slug: &str) -> Option<EntityId> {
        self.by_slug.get(slug).copied()
    }

    /// Resolves an explicit reference by name or alias (case-insensitive).
    /// An unknown name comes back with the closest known name, if any.
    pub fn resolve(&self, name: &str) -> Result<EntityId, Option<&str>> {
        match self.by_name.get(&name.trim().to_lowercase()) {
            Some(ids) if ids.len() == 1 => Ok(ids[0]),
            Some(ids) => Err(Some(&self.entities[ids[0].index()].name)),
            None => Err(crate::yaml::closest(
                name,
                self.entities.iter().map(|e| e.name.as_str()),
            )),
        }
    }
}

/// Finds the mentions of registered entities in `text`: whole-word matches of
/// names and aliases, leftmost-longest, skipping names shared by several entities.
pub fn detect(registry: &Registry, text: &str) -> Vec<Mention> {
    let Some(matcher) = &registry.matcher else {
        return Vec::new();
    };
    matcher
        .find_iter(text)
        .filter(|m| is_word_boundary(text, m.start(), m.end()))
        .filter_map(|m| {
            registry.pattern_entity[m.pattern().as_usize()].map(|entity| Mention {
                entity,
                start: m.start(),
                end: m.end(),
                rule: Rule::Alias,
            })
        })
        .collect()
}

/// Whether `text[start..end]` stands as whole words.
fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::parse_entity;
    use std::path::Path;

    fn registry(entries: &[(&str, &str)]) -> Registry {
        let entries: Vec<EntityEntry> = entries
            .iter()
            .map(|(file, text)| parse_entity(Path::new(file), text).unwrap())
            .collect();
        Registry::new(&entries).0
    }

    fn surfaces<'a>(r: &Registry, text: &'a str) -> Vec<(&'a str, String)> {
        detect(r, text)
            .into_iter()
            .map(|m| (&text[m.start..m.end], r.get(m.entity).name.clone()))
            .collect()
    }

    #[test]
    fn prefers_the_longest_name_at_a_position() {
        let r = registry(&[(
            "antony-blinken.md",
            "---\nname: Antony Blinken\nkind: person\naliases: [Blinken]\n---\n",
        )]);
        assert_eq!(
            surfaces(&r, "Antony Blinken traf Park. Blinken sagte"),
            [
                ("Antony Blinken", "Antony Blinken".to_string()),
                ("Blinken", "Antony Blinken".to_string())
            ]
        );
    }

    #[test]
    fn matches_whole_words_only() {
        let r = registry(&[("park-jin.md", "---\nname: Park Jin\nkind: person\n---\n")]);
        assert!(surfaces(&r, "Park Jinxed").is_empty());
        assert_eq!(surfaces(&r, "(Park Jin)").len(), 1);
    }

    #[test]
    fn never_links_a_name_shared_by_two_entities() {
        let entries: Vec<EntityEntry> = [
            (
                "a.md",
                "---\nname: Kim Jong-un\nkind: person\naliases: [Kim]\n---\n",
            ),
            (
                "b.md",
                "---\nname: Kim Yo-jong\nkind: person\naliases: [Kim]\n---\n",
            ),
        ]
        .iter()
        .map(|(f, t)| parse_entity(Path::new(f), t).unwrap())
        .collect();
        let (r, warnings) = Registry::new(&entries);
        assert!(matches!(&warnings[0], Error::AmbiguousName { name, .. } if name == "Kim"));
        assert_eq!(surfaces(&r, "Kim sagte"), []);
        assert!(r.resolve("Kim").is_err());
        assert!(r.resolve("kim jong-un").is_ok());
    }

    #[test]
    fn suggests_the_closest_name_for_an_unknown_reference() {
        let r = registry(&[("a.md", "---\nname: Antony Blinken\nkind: person\n---\n")]);
        assert_eq!(r.resolve("Antony Blinkn"), Err(Some("Antony Blinken")));
        assert_eq!(r.resolve("Zzz"), Err(None));
    }
}
