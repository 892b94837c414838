//! Entities: the registry of people, countries, cities and organizations, and
//! the detection of their mentions in article text.
//!
//! The [`Registry`] merges the built-in [`gazetteer`] with the site's own
//! `content/entities/*.md`: a registry file with the same `id` or name as a
//! gazetteer entry overrides and extends it; `gazetteer: false` in
//! `briefing.yaml` leaves the gazetteer out. Names and aliases resolve explicit
//! references (`[[Antony Blinken]]`, the `entities:` front matter list) through
//! [`Registry::resolve`]; [`Registry::detect_article`] is the one function from
//! an article's text blocks to the mentions in them ([`matcher`] has the rules).

pub mod discover;
pub mod gazetteer;
pub mod lexicon;
pub mod matcher;
mod part_of;
pub mod suggest;
pub mod titles;
pub mod words;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use serde::Serialize;

use crate::config::Language;
use crate::content::{EntityEntry, EntityKind};
use crate::diagnostics::{Code, Diagnostic, Location, ToDiagnostic};
use crate::slug::slugify;
use matcher::{fold, Form, FormKind, Matcher};

/// Index of an entity in its [`Registry`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct EntityId(pub u32);

impl EntityId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Where an entity comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// A file in `content/entities/` (possibly extending a gazetteer entry).
    Registry,
    /// The built-in gazetteer only.
    Gazetteer,
    /// Found in article text by [`discover`], with no registry file.
    Discovered,
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
    pub origin: Origin,
}

/// How a mention was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The entity's name or one of its aliases, as written.
    Alias,
    /// An acronym, matched case-sensitively ("USA", "UNO").
    Acronym,
    /// A name with a German genitive ending ("Russlands").
    Genitive,
    /// An English possessive ("Japan's").
    Possessive,
    /// An adjective ("nordkoreanische", "North Korean").
    Adjective,
    /// A demonym ("Amerikaner").
    Demonym,
    /// Part of a hyphenated compound ("US-Außenminister").
    Compound,
    /// A capital or seat of government standing for its country.
    Metonym,
    /// A registered person's surname alone.
    ShortName,
    /// An explicit `[[wikilink]]`.
    Wikilink,
    /// Listed in the article's `entities:` front matter.
    FrontMatter,
}

impl Rule {
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Alias => "alias",
            Rule::Acronym => "acronym",
            Rule::Genitive => "genitive",
            Rule::Possessive => "possessive",
            Rule::Adjective => "adjective",
            Rule::Demonym => "demonym",
            Rule::Compound => "compound",
            Rule::Metonym => "metonym",
            Rule::ShortName => "short_name",
            Rule::Wikilink => "wikilink",
            Rule::FrontMatter => "front_matter",
        }
    }
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
    #[error("`part_of: {target}` names no entity")]
    UnknownPartOf {
        path: PathBuf,
        line: usize,
        target: String,
        /// The closest name, or the slugs of the entities sharing the name.
        suggestion: Option<String>,
        ambiguous: bool,
    },
    #[error("`part_of` goes round in a circle: {}", chain.join(" → "))]
    CyclicPartOf {
        path: PathBuf,
        line: usize,
        /// The names from this entity back to it.
        chain: Vec<String>,
    },
    /// A name or alias several entities bear, at least one of them from the
    /// registry; one for each registry file bearing it (a warning).
    #[error("the name \"{name}\" is used by {}", both_or_list(entities))]
    SharedName {
        path: PathBuf,
        name: String,
        /// Every entity bearing it, in registry order.
        entities: Vec<String>,
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
            Error::UnknownPartOf {
                path,
                line,
                suggestion,
                ambiguous,
                ..
            } => {
                let d = Diagnostic::error(self.to_string())
                    .at(Location::new(path, *line, 1).with_length("part_of".len()));
                match (suggestion, ambiguous) {
                    (Some(slugs), true) => d.help(format!(
                        "several entities have that name; write the file name of the one meant: {slugs}"
                    )),
                    (Some(s), false) => d.help(format!("did you mean \"{s}\"?")),
                    (None, _) => d.help(
                        "name an entity by its name, an alias or its file name, or create its file in content/entities/",
                    ),
                }
            }
            Error::CyclicPartOf { path, line, .. } => Diagnostic::error(self.to_string())
                .at(Location::new(path, *line, 1).with_length("part_of".len()))
                .help("an entity cannot be part of itself: remove `part_of` from one of them"),
            Error::SharedName { path, .. } => Diagnostic::warning(self.to_string())
                .code(Code::SharedName)
                .at(Location::new(path, 1, 1))
                .help("an ambiguous name is never linked automatically; write [[text|Full Name]] where it is meant"),
        }
    }
}

/// "both A and B", "A, B and C".
fn both_or_list(names: &[String]) -> String {
    match names {
        [a, b] => format!("both {a} and {b}"),
        [init @ .., last] if !init.is_empty() => format!("{} and {last}", init.join(", ")),
        _ => names.join(""),
    }
}

/// How to build a registry.
#[derive(Debug, Clone, Copy)]
pub struct RegistryOptions {
    /// Include the built-in gazetteer.
    pub gazetteer: bool,
    /// The site language: gazetteer entities are named in it.
    pub language: Language,
}

impl Default for RegistryOptions {
    fn default() -> Self {
        RegistryOptions {
            gazetteer: true,
            language: Language::De,
        }
    }
}

/// Cities that share their name with a region of their country ("New York"
/// and "New York State", "Washington" and "Bundesstaat Washington": a region
/// form that is a city's name and one more word), and the set of regions.
/// In a list of regions, the city's name stands for the region.
fn namesakes(ids: &HashMap<&str, EntityId>) -> (HashMap<EntityId, EntityId>, HashSet<EntityId>) {
    let entries = gazetteer::entries();
    let mut cities: HashMap<(String, &str), EntityId> = HashMap::new();
    for e in entries.iter().filter(|e| e.kind == EntityKind::City) {
        let (Some(country), Some(&id)) = (&e.country, ids.get(e.id.as_str())) else {
            continue;
        };
        for name in e.name.values() {
            cities.insert((name.to_lowercase(), country.as_str()), id);
        }
    }
    let mut namesakes = HashMap::new();
    let mut regions = HashSet::new();
    for e in entries.iter().filter(|e| e.kind == EntityKind::Place) {
        let (Some(country), Some(&id)) = (&e.country, ids.get(e.id.as_str())) else {
            continue;
        };
        regions.insert(id);
        for form in e.name.values().chain(e.names.values().flatten()) {
            let Some((first, rest)) = form.split_once(' ') else {
                continue;
            };
            let without_last = form.rsplit_once(' ').map(|(head, _)| head);
            for base in [Some(rest), without_last].into_iter().flatten() {
                if base.len() == first.len() {
                    continue;
                }
                if let Some(&city) = cities.get(&(base.to_lowercase(), country.as_str())) {
                    namesakes.entry(city).or_insert(id);
                }
            }
        }
    }
    (namesakes, regions)
}

/// Name particles that are never a surname on their own.
const NAME_PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "da", "di", "du", "dos", "la", "le", "al", "el", "bin",
    "ibn", "zu",
];

/// All known entities with their name index and matcher.
#[derive(Debug, Clone)]
pub struct Registry {
    entities: Vec<Entity>,
    /// Lower-cased name, alias or acronym → entities bearing it.
    by_name: HashMap<String, Vec<EntityId>>,
    by_slug: HashMap<String, EntityId>,
    /// What each entity is part of (`part_of`), resolved.
    parents: HashMap<EntityId, EntityId>,
    matcher: Matcher,
}

impl Registry {
    /// Builds the registry from the site's entity files and, unless turned
    /// off, the gazetteer. Names shared by two registry entities come back as
    /// warnings.
    pub fn new(entries: &[EntityEntry], options: &RegistryOptions) -> (Registry, Vec<Error>) {
        Registry::with_people(entries, &[], options)
    }

    /// Like [`Registry::new`], with the people found in the articles
    /// ([`discover`]) as entities of their own, unless a registry file or the
    /// gazetteer has the same name or alias.
    pub fn with_people(
        entries: &[EntityEntry],
        people: &[discover::Person],
        options: &RegistryOptions,
    ) -> (Registry, Vec<Error>) {
        let language = options.language.code();
        let mut entities: Vec<Entity> = Vec::new();
        let mut forms: Vec<Form> = Vec::new();
        let mut gazetteer_ids: HashMap<&str, EntityId> = HashMap::new();
        let mut gazetteer_names: HashMap<String, EntityId> = HashMap::new();
        let mut metonym_refs: Vec<(EntityId, &str)> = Vec::new();
        let mut home_refs: Vec<(EntityId, &str)> = Vec::new();
        let mut part_of_lines: HashMap<EntityId, usize> = HashMap::new();

        if options.gazetteer {
            for entry in gazetteer::entries() {
                let id = EntityId(entities.len() as u32);
                let name = entry.display_name(language).to_string();
                let mut aliases: Vec<String> = Vec::new();
                for other in entry.name.values().chain(entry.names.values().flatten()) {
                    if *other != name && !aliases.contains(other) {
                        aliases.push(other.clone());
                    }
                }
                let mut push = |text: &String, kind: FormKind| {
                    forms.push(Form {
                        text: text.clone(),
                        entity: id,
                        kind,
                    })
                };
                for text in entry.name.values().chain(entry.names.values().flatten()) {
                    push(text, FormKind::Name);
                    gazetteer_names.insert(text.to_lowercase(), id);
                }
                for text in entry.genitive.values().flatten() {
                    push(text, FormKind::Name);
                }
                for text in &entry.acronyms {
                    push(text, FormKind::Acronym);
                    gazetteer_names.insert(text.to_lowercase(), id);
                }
                // Adjectives of regions and cities ("europäisch", "Berliner")
                // describe more than the place; only countries get theirs.
                if entry.kind == EntityKind::Country {
                    for text in entry.adjective.values().flatten() {
                        push(text, FormKind::Adjective);
                    }
                    for text in entry.demonym.values().flatten() {
                        push(text, FormKind::Demonym);
                    }
                }
                if let Some(target) = &entry.metonym_for {
                    metonym_refs.push((id, target));
                }
                match (&entry.country, entry.kind) {
                    (Some(country), _) => home_refs.push((id, country)),
                    (None, EntityKind::Country) => home_refs.push((id, &entry.id)),
                    _ => {}
                }
                gazetteer_ids.insert(&entry.id, id);
                entities.push(Entity {
                    slug: slugify(&name),
                    name,
                    kind: entry.kind,
                    aliases,
                    id: Some(entry.id.clone()),
                    part_of: entry.part_of.clone(),
                    image: None,
                    body: String::new(),
                    path: None,
                    body_line: 1,
                    origin: Origin::Gazetteer,
                });
            }
        }

        for e in entries {
            let existing = e
                .meta
                .id
                .as_deref()
                .and_then(|id| gazetteer_ids.get(id))
                .or_else(|| {
                    std::iter::once(&e.name)
                        .chain(&e.meta.aliases)
                        .find_map(|n| gazetteer_names.get(&n.to_lowercase()))
                })
                .copied();
            let id = existing.unwrap_or(EntityId(entities.len() as u32));
            if e.meta.part_of.is_some() {
                part_of_lines.insert(id, e.part_of_line);
            }
            let mut aliases = e.meta.aliases.clone();
            if let Some(old) = existing.map(|i| &entities[i.index()]) {
                for a in std::iter::once(&old.name).chain(&old.aliases) {
                    if *a != e.name && !aliases.contains(a) {
                        aliases.push(a.clone());
                    }
                }
            }
            let entity = Entity {
                slug: e.slug.clone(),
                name: e.name.clone(),
                kind: e.meta.kind,
                aliases,
                id: e
                    .meta
                    .id
                    .clone()
                    .or_else(|| existing.and_then(|i| entities[i.index()].id.clone())),
                part_of: e
                    .meta
                    .part_of
                    .clone()
                    .or_else(|| existing.and_then(|i| entities[i.index()].part_of.clone())),
                image: e.meta.image.clone(),
                body: e.body.clone(),
                path: Some(e.path.clone()),
                body_line: e.body_line,
                origin: Origin::Registry,
            };
            for text in std::iter::once(&e.name).chain(&e.meta.aliases) {
                forms.push(Form {
                    text: text.clone(),
                    entity: id,
                    kind: if is_acronym(text) {
                        FormKind::Acronym
                    } else {
                        FormKind::Name
                    },
                });
            }
            match existing {
                Some(i) => entities[i.index()] = entity,
                None => entities.push(entity),
            }
        }

        // Discovered people, unless a known entity has the name or, for a
        // name of one word, a registered person has it as a surname.
        let named: HashSet<String> = forms
            .iter()
            .filter(|f| matches!(f.kind, FormKind::Name | FormKind::Acronym))
            .map(|f| discover::key(&f.text))
            .collect();
        let registered_surnames: HashSet<String> = entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .filter_map(|e| e.name.rsplit_once(' ').map(|(_, last)| fold(last)))
            .collect();
        for p in people {
            let key = discover::key(&p.name);
            if named.contains(&key) || (!key.contains(' ') && registered_surnames.contains(&key)) {
                continue;
            }
            let id = EntityId(entities.len() as u32);
            if p.name.contains(' ') {
                forms.push(Form {
                    text: p.name.clone(),
                    entity: id,
                    kind: FormKind::Name,
                });
            }
            entities.push(Entity {
                slug: slugify(&p.name),
                name: p.name.clone(),
                kind: EntityKind::Person,
                aliases: Vec::new(),
                id: None,
                part_of: None,
                image: None,
                body: String::new(),
                path: None,
                body_line: 1,
                origin: Origin::Discovered,
            });
        }

        // Surnames of registered people, unless the word names something else.
        let taken: HashSet<String> = forms
            .iter()
            .filter(|f| f.kind != FormKind::Surname)
            .map(|f| fold(&f.text))
            .collect();
        let lexicon = lexicon::Lexicon::get();
        for (i, e) in entities.iter().enumerate() {
            if e.kind != EntityKind::Person || e.origin == Origin::Gazetteer {
                continue;
            }
            let tokens: Vec<&str> = e.name.split_whitespace().collect();
            if tokens.len() < 2 {
                // A discovered name of one word ("Wadephul", after a title)
                // links as a surname does: after a title, or once it is known.
                if e.origin == Origin::Discovered && !taken.contains(&fold(&e.name)) {
                    forms.push(Form {
                        text: e.name.clone(),
                        entity: EntityId(i as u32),
                        kind: FormKind::Surname,
                    });
                }
                continue;
            }
            let mut candidates = vec![tokens[tokens.len() - 1]];
            if tokens[0] != tokens[tokens.len() - 1] {
                candidates.push(tokens[0]);
            }
            for (position, token) in candidates.into_iter().enumerate() {
                let token = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
                // The last name may also be a given name ("Micheál Martin");
                // a first name that is a given name is not a family name.
                if token.chars().count() < 2
                    || !token.chars().next().is_some_and(char::is_uppercase)
                    || (position == 1 && lexicon.given_names.contains(token))
                    || NAME_PARTICLES.contains(&token.to_lowercase().as_str())
                    || taken.contains(&fold(token))
                {
                    continue;
                }
                forms.push(Form {
                    text: token.to_string(),
                    entity: EntityId(i as u32),
                    kind: FormKind::Surname,
                });
            }
        }

        // Slugs must be unique: a later entity with a taken slug gets its id appended.
        let mut by_slug: HashMap<String, EntityId> = HashMap::new();
        let order: Vec<usize> = {
            // Registry entities keep their file's slug; gazetteer entities yield.
            let mut o: Vec<usize> = (0..entities.len()).collect();
            o.sort_by_key(|&i| (entities[i].origin != Origin::Registry, i));
            o
        };
        for i in order {
            let e = &mut entities[i];
            if by_slug.contains_key(&e.slug) || e.slug.is_empty() {
                let suffix =
                    e.id.as_deref()
                        .map(slugify)
                        .unwrap_or_else(|| i.to_string());
                e.slug = format!("{}-{suffix}", e.slug)
                    .trim_start_matches('-')
                    .to_string();
            }
            by_slug.insert(e.slug.clone(), EntityId(i as u32));
        }

        let mut by_name: HashMap<String, Vec<EntityId>> = HashMap::new();
        // Names borne by more than one entity, as first written, in the order met.
        let mut shared: Vec<(&str, String)> = Vec::new();
        for f in forms
            .iter()
            .filter(|f| matches!(f.kind, FormKind::Name | FormKind::Acronym))
        {
            let key = f.text.to_lowercase();
            let ids = by_name.entry(key.clone()).or_default();
            if !ids.contains(&f.entity) {
                if ids.len() == 1 {
                    shared.push((&f.text, key));
                }
                ids.push(f.entity);
            }
        }
        // One warning per registry file bearing a shared name, all with the
        // same message: grouped, they are one cause.
        let mut warnings = Vec::new();
        for (name, key) in shared {
            let bearers: Vec<&Entity> = by_name[&key]
                .iter()
                .map(|id| &entities[id.index()])
                .collect();
            for e in bearers.iter().filter(|e| e.origin == Origin::Registry) {
                warnings.push(Error::SharedName {
                    path: e.path.clone().unwrap_or_default(),
                    name: name.to_string(),
                    entities: bearers.iter().map(|b| b.name.clone()).collect(),
                });
            }
        }

        let metonyms = metonym_refs
            .into_iter()
            .filter_map(|(from, to)| gazetteer_ids.get(to).map(|&t| (from, t)))
            .collect();
        let homes = home_refs
            .into_iter()
            .filter_map(|(from, to)| gazetteer_ids.get(to).map(|&t| (from, t)))
            .collect();
        let (namesakes, regions) = namesakes(&gazetteer_ids);
        let (parents, part_of_errors) = part_of::resolve(
            &entities,
            &part_of_lines,
            &gazetteer_ids,
            &by_slug,
            &by_name,
        );
        warnings.extend(part_of_errors);
        (
            Registry {
                entities,
                by_name,
                by_slug,
                parents,
                matcher: Matcher::new(forms, metonyms)
                    .with_homes(homes)
                    .with_namesakes(namesakes, regions),
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

    /// The entity `id` is part of (its `part_of`), if it names one.
    pub fn part_of(&self, id: EntityId) -> Option<EntityId> {
        self.parents.get(&id).copied()
    }

    pub fn by_slug(&self, slug: &str) -> Option<EntityId> {
        self.by_slug.get(slug).copied()
    }

    /// Resolves an explicit reference by name, alias or acronym
    /// (case-insensitive). An unknown or ambiguous name comes back with the
    /// closest known name, if any.
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

    /// The mentions in the text blocks of one article (see [`matcher`]).
    pub fn detect_article(
        &self,
        segments: &[&str],
        options: matcher::Options,
    ) -> Vec<Vec<Mention>> {
        self.matcher.detect_article(segments, options)
    }

    /// The mentions, and the forms left unlinked because they could mean
    /// several entities.
    pub fn detect(&self, segments: &[&str], options: matcher::Options) -> matcher::Detection {
        self.matcher.detect(segments, options)
    }
}

/// "NATO", "G7", "U.N.": written with capitals (and digits or dots) only.
fn is_acronym(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && text
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::parse_entity;
    use std::path::Path;

    fn entries(files: &[(&str, &str)]) -> Vec<EntityEntry> {
        files
            .iter()
            .map(|(file, text)| parse_entity(Path::new(file), text).unwrap())
            .collect()
    }

    fn registry(files: &[(&str, &str)], gazetteer: bool) -> (Registry, Vec<Error>) {
        Registry::new(
            &entries(files),
            &RegistryOptions {
                gazetteer,
                language: Language::De,
            },
        )
    }

    fn surfaces<'a>(r: &Registry, text: &'a str) -> Vec<(&'a str, String)> {
        let options = matcher::Options {
            language: "de",
            metonyms_to_country: false,
        };
        r.detect_article(&[text], options)
            .remove(0)
            .into_iter()
            .map(|m| (&text[m.start..m.end], r.get(m.entity).name.clone()))
            .collect()
    }

    const BLINKEN: (&str, &str) = (
        "content/entities/antony-blinken.md",
        "---\nname: Antony Blinken\nkind: person\n---\n",
    );

    #[test]
    fn the_gazetteer_reads_context_new_york_among_states_senate_in_the_us_gaza_war() {
        let (r, _) = registry(&[], true);
        let found = surfaces(
            &r,
            "Wähler in New York, Massachusetts und Illinois. In Atlanta sagte der Senat nichts zum Gaza-Krieg.",
        );
        let names: Vec<&str> = found.iter().map(|(_, name)| name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Bundesstaat New York",
                "Massachusetts",
                "Illinois",
                "Atlanta",
                "US-Senat"
            ],
            "{found:?}"
        );
        let found = surfaces(&r, "Der Flughafen von New York und Boston.");
        assert_eq!(found[0].1, "New York", "among cities, the city");
    }

    #[test]
    fn a_registered_full_name_brings_its_surname() {
        let (r, _) = registry(&[BLINKEN], false);
        assert_eq!(
            surfaces(&r, "Antony Blinken traf Park. Blinken sagte"),
            [
                ("Antony Blinken", "Antony Blinken".to_string()),
                ("Blinken", "Antony Blinken".to_string())
            ]
        );
    }

    #[test]
    fn never_links_a_name_shared_by_two_registry_entities() {
        let (r, warnings) = registry(
            &[
                (
                    "a.md",
                    "---\nname: Kim Jong-un\nkind: person\naliases: [Kim]\n---\n",
                ),
                (
                    "b.md",
                    "---\nname: Kim Yo-jong\nkind: person\naliases: [Kim]\n---\n",
                ),
            ],
            false,
        );
        assert_eq!(warnings.len(), 2, "one for each file bearing it");
        assert!(matches!(&warnings[0], Error::SharedName { name, path, .. }
            if name == "Kim" && path.ends_with("a.md")));
        assert_eq!(
            warnings[1].to_string(),
            "the name \"Kim\" is used by both Kim Jong-un and Kim Yo-jong"
        );
        assert_eq!(surfaces(&r, "Kim sagte"), []);
        assert!(r.resolve("Kim").is_err());
        assert!(r.resolve("kim jong-un").is_ok());
    }

    #[test]
    fn suggests_the_closest_name_for_an_unknown_reference() {
        let (r, _) = registry(&[BLINKEN], false);
        assert_eq!(r.resolve("Antony Blinkn"), Err(Some("Antony Blinken")));
        assert_eq!(r.resolve("Zzz"), Err(None));
    }

    #[test]
    fn gazetteer_entities_are_named_in_the_site_language() {
        let (r, _) = registry(&[], true);
        let nk = r.resolve("North Korea").unwrap();
        assert_eq!(r.get(nk).name, "Nordkorea");
        assert_eq!(r.get(nk).origin, Origin::Gazetteer);
        assert_eq!(r.resolve("USA"), r.resolve("Vereinigte Staaten"));
    }

    #[test]
    fn a_registry_file_overrides_the_gazetteer_entry_of_the_same_name() {
        let (r, _) = registry(
            &[(
                "content/entities/nordkorea.md",
                "---\nname: Nordkorea\nkind: country\naliases: [DVRK]\n---\nProfil.\n",
            )],
            true,
        );
        let id = r.resolve("North Korea").unwrap();
        let e = r.get(id);
        assert_eq!(
            (e.origin, e.body.as_str(), e.id.as_deref()),
            (Origin::Registry, "Profil.\n", Some("iso:KP"))
        );
        assert_eq!(r.resolve("DVRK"), Ok(id));
        assert_eq!(surfaces(&r, "Nordkoreas Machthaber")[0].1, "Nordkorea");
    }

    #[test]
    fn the_gazetteer_can_be_turned_off() {
        let (r, _) = registry(&[BLINKEN], false);
        assert_eq!(r.len(), 1);
        assert!(r.resolve("Nordkorea").is_err());
    }

    #[test]
    fn entity_slugs_are_unique() {
        let (r, _) = registry(&[], true);
        let slugs: HashSet<&str> = r.iter().map(|(_, e)| e.slug.as_str()).collect();
        assert_eq!(slugs.len(), r.len());
    }
}
