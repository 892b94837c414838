//! The word material of the corpus, read from `data/corpus/vocabulary.yaml`
//! (embedded at compile time; see that file for what each list is for).

use serde::Deserialize;

use crate::content::EntityKind;

const VOCABULARY_YAML: &str = include_str!("../../data/corpus/vocabulary.yaml");

/// A list in German and in English.
#[derive(Debug, Deserialize)]
pub struct ByLanguage<T> {
    pub de: T,
    pub en: T,
}

#[derive(Debug, Deserialize)]
pub struct PersonSyllables {
    pub first_start: Vec<String>,
    pub first_end: Vec<String>,
    pub last_start: Vec<String>,
    pub last_end: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Vocabulary {
    pub person: ByLanguage<PersonSyllables>,
    pub place_start: ByLanguage<Vec<String>>,
    pub place_middle: Vec<String>,
    pub city_end: ByLanguage<Vec<String>>,
    pub country_end: Vec<String>,
    pub country_long: Vec<String>,
    /// Patterns in which `{}` stands for a place stem.
    pub place_form: ByLanguage<Vec<String>>,
    pub organization_form: ByLanguage<Vec<String>>,
    pub tag_start: Vec<String>,
    pub tag_end: Vec<String>,
    pub outlets: Vec<String>,
    pub agencies: Vec<String>,
    pub headings: Vec<String>,
    pub weekdays: Vec<String>,
    pub titles: Vec<String>,
    pub sentences: Vec<String>,
    pub quotes: Vec<String>,
    pub link_texts: Vec<String>,
    pub profiles: Profiles,
}

/// Opening sentences of entity profiles, by kind.
#[derive(Debug, Deserialize)]
pub struct Profiles {
    pub person: Vec<String>,
    pub country: Vec<String>,
    pub city: Vec<String>,
    pub organization: Vec<String>,
    pub place: Vec<String>,
}

impl Profiles {
    pub fn for_kind(&self, kind: EntityKind) -> &[String] {
        match kind {
            EntityKind::Person => &self.person,
            EntityKind::Country => &self.country,
            EntityKind::City => &self.city,
            EntityKind::Organization | EntityKind::Event => &self.organization,
            EntityKind::Place => &self.place,
        }
    }
}

impl Vocabulary {
    /// The built-in vocabulary. It is part of the source, so a parse error is a bug.
    pub fn builtin() -> Vocabulary {
        serde_yaml::from_str(VOCABULARY_YAML).expect("data/corpus/vocabulary.yaml is valid")
    }

    /// All tags: every start joined with every end ("Außen" + "politik").
    pub fn tags(&self) -> Vec<String> {
        self.tag_start
            .iter()
            .flat_map(|s| self.tag_end.iter().map(move |e| format!("{s}{e}")))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_vocabulary_parses_and_gives_200_tags() {
        let v = Vocabulary::builtin();
        assert_eq!(v.tags().len(), 200);
        assert_eq!(v.outlets.len(), 30);
    }
}
