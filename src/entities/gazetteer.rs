//! The built-in gazetteer: countries, cities, regions and organizations with
//! their German and English names, embedded from `data/gazetteer/*.yaml`.
//!
//! Each entry has a stable `id` (`iso:KP`, `city:pyongyang`, `org:un`, …), a
//! kind, a display name per language, and the surface forms the matcher looks
//! for: other names, acronyms (matched case-sensitively), irregular German
//! genitives, adjective stems, demonyms. `metonym_for` marks a capital or seat
//! of government that stands for a country in news ("Pjöngjang", "der Kreml").
//! `tools/gazetteer/` regenerates the files from Unicode CLDR and curated lists.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::content::EntityKind;

const FILES: &[(&str, &str)] = &[
    (
        "countries.yaml",
        include_str!("../../data/gazetteer/countries.yaml"),
    ),
    (
        "cities.yaml",
        include_str!("../../data/gazetteer/cities.yaml"),
    ),
    (
        "regions.yaml",
        include_str!("../../data/gazetteer/regions.yaml"),
    ),
    (
        "organizations.yaml",
        include_str!("../../data/gazetteer/organizations.yaml"),
    ),
];

/// Forms per language code (`de`, `en`).
pub type PerLanguage = BTreeMap<String, Vec<String>>;

/// One gazetteer entry as written in the data files.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    pub kind: EntityKind,
    /// Display name per language.
    pub name: BTreeMap<String, String>,
    #[serde(default)]
    pub names: PerLanguage,
    #[serde(default)]
    pub acronyms: Vec<String>,
    #[serde(default)]
    pub genitive: PerLanguage,
    #[serde(default)]
    pub adjective: PerLanguage,
    #[serde(default)]
    pub demonym: PerLanguage,
    #[serde(default)]
    pub capital: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub metonym_for: Option<String>,
    #[serde(default)]
    pub homograph: bool,
    #[serde(default)]
    pub part_of: Option<String>,
}

impl Entry {
    /// The display name in `language`, falling back to English.
    pub fn display_name(&self, language: &str) -> &str {
        self.name
            .get(language)
            .or_else(|| self.name.get("en"))
            .or_else(|| self.name.values().next())
            .map(String::as_str)
            .unwrap_or(&self.id)
    }
}

/// Every entry of the built-in gazetteer, parsed once.
pub fn entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let mut all = Vec::new();
        for (file, text) in FILES {
            let entries: Vec<Entry> = serde_yaml::from_str(text)
                .unwrap_or_else(|e| panic!("data/gazetteer/{file} is invalid: {e}"));
            all.extend(entries);
        }
        all
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_entry_parses_with_a_unique_id() {
        let all = entries();
        assert!(all.len() > 1000, "{}", all.len());
        let ids: HashSet<&str> = all.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), all.len());
    }

    #[test]
    fn every_reference_resolves() {
        let ids: HashSet<&str> = entries().iter().map(|e| e.id.as_str()).collect();
        for e in entries() {
            for r in [&e.capital, &e.country, &e.metonym_for, &e.part_of]
                .into_iter()
                .flatten()
            {
                assert!(ids.contains(r.as_str()), "{} refers to unknown {r}", e.id);
            }
        }
    }

    #[test]
    fn covers_what_the_issue_names() {
        let find = |id: &str| {
            entries()
                .iter()
                .find(|e| e.id == id)
                .unwrap_or_else(|| panic!("{id}"))
        };
        let us = find("iso:US");
        assert!(us.acronyms.contains(&"US".to_string()));
        assert_eq!(find("iso:KP").display_name("de"), "Nordkorea");
        assert_eq!(find("org:un").acronyms, ["UN", "UNO", "U.N."]);
        let counts = |kind: EntityKind| entries().iter().filter(|e| e.kind == kind).count();
        assert!(counts(EntityKind::City) >= 300);
        assert!(counts(EntityKind::Organization) >= 100);
        assert!(counts(EntityKind::Country) >= 240);
    }
}
