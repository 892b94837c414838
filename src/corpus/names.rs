//! Synthetic entity names: people, countries, cities, organizations and places
//! built from German- and English-sounding syllables.
//!
//! Every name and alias is unique (compared without case, as the registry
//! resolves them) and every name has a slug of its own; only with shared
//! surnames do people share their family name, which is their alias. When the syllables of a
//! kind run short, names grow by one more syllable, so any number of entities
//! can be named.

use std::collections::HashSet;

use super::rng::Rng;
use super::vocabulary::{ByLanguage, Vocabulary};
use crate::content::EntityKind;
use crate::slug::slugify;

/// Failed attempts at a name before names of that entity grow by a syllable;
/// small enough to keep generation fast, large enough that short names are
/// used up first.
const ATTEMPTS_PER_SYLLABLE: usize = 16;

/// An entity of the generated registry.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratedEntity {
    pub name: String,
    pub slug: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    /// For cities: the country they lie in.
    pub part_of: Option<String>,
}

impl GeneratedEntity {
    /// How the text refers to the entity after its first mention.
    pub fn short_name(&self) -> &str {
        if self.kind == EntityKind::Country {
            // A country's alias is its long form, never shorter.
            return &self.name;
        }
        self.aliases
            .iter()
            .min_by_key(|a| a.len())
            .unwrap_or(&self.name)
    }
}

/// Which kind the entity at a given position gets: half people, and the rest
/// spread as news text spreads its mentions.
fn kind(rng: &mut Rng) -> EntityKind {
    match rng.below(100) {
        0..=49 => EntityKind::Person,
        50..=64 => EntityKind::Organization,
        65..=81 => EntityKind::City,
        82..=89 => EntityKind::Country,
        _ => EntityKind::Place,
    }
}

/// Out of a hundred people, how many take a family name another person
/// already has when surnames are shared.
const SHARED_SURNAME_PERCENT: usize = 80;

/// Names `count` entities, drawing from `rng`; with `shared_surnames`, most
/// people get a family name some earlier person has.
pub fn entities(
    count: usize,
    shared_surnames: bool,
    rng: &mut Rng,
    vocab: &Vocabulary,
) -> Vec<GeneratedEntity> {
    let mut taken = Taken::default();
    // Family names given so far, German and English.
    let mut surnames: [Vec<String>; 2] = [Vec::new(), Vec::new()];
    let mut countries: Vec<String> = Vec::new();
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let kind = kind(rng);
        let english = rng.percent(50);
        let mut attempt = 0;
        let name = loop {
            let extra = attempt / ATTEMPTS_PER_SYLLABLE;
            let mut candidate = name(kind, english, extra, rng, vocab);
            let pool = &surnames[usize::from(english)];
            if shared_surnames
                && kind == EntityKind::Person
                && !pool.is_empty()
                && rng.percent(SHARED_SURNAME_PERCENT)
            {
                let first = candidate.split_once(' ').map_or("", |(f, _)| f).to_string();
                candidate = format!("{first} {}", rng.pick(pool));
            }
            attempt += 1;
            if taken.name_is_free(&candidate) {
                break candidate;
            }
        };
        taken.add_name(&name);
        let mut aliases = Vec::new();
        if let Some(alias) = alias(kind, &name, rng, vocab) {
            let shared = shared_surnames && kind == EntityKind::Person;
            let pool = &mut surnames[usize::from(english)];
            if shared && pool.contains(&alias) {
                aliases.push(alias);
            } else if taken.surface_is_free(&alias) {
                taken.add_surface(&alias);
                if shared {
                    pool.push(alias.clone());
                }
                aliases.push(alias);
            }
        }
        let part_of = (kind == EntityKind::City && !countries.is_empty())
            .then(|| rng.pick(&countries).clone());
        if kind == EntityKind::Country {
            countries.push(name.clone());
        }
        out.push(GeneratedEntity {
            slug: slugify(&name),
            name,
            kind,
            aliases,
            part_of,
        });
    }
    out
}

/// Names and slugs in use.
#[derive(Default)]
struct Taken {
    surfaces: HashSet<String>,
    slugs: HashSet<String>,
}

impl Taken {
    fn name_is_free(&self, name: &str) -> bool {
        self.surface_is_free(name) && !self.slugs.contains(&slugify(name))
    }

    fn surface_is_free(&self, surface: &str) -> bool {
        !self.surfaces.contains(&surface.to_lowercase())
    }

    fn add_name(&mut self, name: &str) {
        self.slugs.insert(slugify(name));
        self.add_surface(name);
    }

    fn add_surface(&mut self, surface: &str) {
        self.surfaces.insert(surface.to_lowercase());
    }
}

fn lang<T>(list: &ByLanguage<T>, english: bool) -> &T {
    if english {
        &list.en
    } else {
        &list.de
    }
}

/// A word list in the chosen language.
fn words(list: &ByLanguage<Vec<String>>, english: bool) -> &[String] {
    lang::<Vec<String>>(list, english)
}

fn name(kind: EntityKind, english: bool, extra: usize, rng: &mut Rng, v: &Vocabulary) -> String {
    match kind {
        EntityKind::Person => {
            let s = lang(&v.person, english);
            let first = format!("{}{}", rng.pick(&s.first_start), rng.pick(&s.first_end));
            let mut last = rng.pick(&s.last_start).clone();
            for _ in 0..extra {
                last.push_str(&rng.pick(&s.last_start).to_lowercase());
            }
            last.push_str(rng.word(&s.last_end));
            format!("{first} {last}")
        }
        EntityKind::Country => format!(
            "{}{}",
            stem(english, extra, rng, v),
            rng.word(&v.country_end)
        ),
        EntityKind::City => format!(
            "{}{}",
            stem(english, extra, rng, v),
            rng.word(words(&v.city_end, english))
        ),
        EntityKind::Place => {
            let stem = stem(english, extra, rng, v);
            rng.pick(words(&v.place_form, english)).replace("{}", &stem)
        }
        EntityKind::Organization | EntityKind::Event => {
            let stem = stem(english, extra, rng, v);
            rng.pick(words(&v.organization_form, english))
                .replace("{}", &stem)
        }
    }
}

/// A place stem such as "Salen" or "Oakin", with `extra` more syllables.
fn stem(english: bool, extra: usize, rng: &mut Rng, v: &Vocabulary) -> String {
    let starts = words(&v.place_start, english);
    let mut stem = rng.pick(starts).clone();
    for _ in 0..extra {
        stem.push_str(rng.word(&v.place_middle));
        stem.push_str(&rng.pick(starts).to_lowercase());
    }
    stem.push_str(rng.word(&v.place_middle));
    stem
}

/// A second way the text refers to the entity: a person's family name, a
/// country's long form, an organization's acronym.
fn alias(kind: EntityKind, name: &str, rng: &mut Rng, v: &Vocabulary) -> Option<String> {
    match kind {
        EntityKind::Person => name.split_once(' ').map(|(_, last)| last.to_string()),
        EntityKind::Country if rng.percent(50) => {
            Some(format!("{} {name}", rng.pick(&v.country_long)))
        }
        EntityKind::Organization if rng.percent(50) => {
            let acronym: String = name
                .split([' ', '-'])
                .filter_map(|word| word.chars().next())
                .chain(name.chars().skip(1).take(1))
                .flat_map(char::to_uppercase)
                .collect();
            (acronym.chars().count() >= 3).then_some(acronym)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_aliases_and_slugs_are_unique_even_beyond_the_syllables() {
        let vocab = Vocabulary::builtin();
        let entities = entities(5_000, false, &mut Rng::new(3), &vocab);
        let mut surfaces = HashSet::new();
        let mut slugs = HashSet::new();
        for e in &entities {
            assert!(slugs.insert(e.slug.clone()), "slug {}", e.slug);
            for s in std::iter::once(&e.name).chain(&e.aliases) {
                assert!(surfaces.insert(s.to_lowercase()), "surface {s}");
            }
        }
    }

    #[test]
    fn the_mix_has_every_kind_but_events() {
        let vocab = Vocabulary::builtin();
        let entities = entities(200, false, &mut Rng::new(1), &vocab);
        for kind in [
            EntityKind::Person,
            EntityKind::Country,
            EntityKind::City,
            EntityKind::Organization,
            EntityKind::Place,
        ] {
            assert!(entities.iter().any(|e| e.kind == kind), "{kind:?}");
        }
    }

    #[test]
    fn shared_surnames_give_most_people_a_family_name_others_have() {
        let vocab = Vocabulary::builtin();
        let entities = entities(400, true, &mut Rng::new(1), &vocab);
        let people: Vec<_> = entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .collect();
        let mut bearers: std::collections::HashMap<&str, usize> = Default::default();
        for p in &people {
            *bearers.entry(p.aliases[0].as_str()).or_default() += 1;
        }
        let sharing = people
            .iter()
            .filter(|p| bearers[p.aliases[0].as_str()] > 1)
            .count();
        assert!(sharing * 2 > people.len(), "{sharing} of {}", people.len());
        // Full names and slugs stay unique.
        let names: HashSet<_> = entities.iter().map(|e| e.name.to_lowercase()).collect();
        let slugs: HashSet<_> = entities.iter().map(|e| &e.slug).collect();
        assert_eq!(names.len(), entities.len());
        assert_eq!(slugs.len(), entities.len());
    }
}
