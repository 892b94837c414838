//! Scores `briefing mentions --json` against an annotated text in the format
//! of `tests/fixtures/seeds/gold/*.yaml`: which entities must be linked, under
//! which surface forms, and which links are wrong.

use std::collections::BTreeSet;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct Gold {
    pub entities: Vec<GoldEntity>,
    #[serde(default)]
    pub never: Vec<Never>,
}

#[derive(Debug, Deserialize)]
pub struct GoldEntity {
    pub names: Vec<String>,
    #[allow(dead_code)]
    pub kind: String,
    pub forms: Vec<String>,
    #[serde(default)]
    pub optional_forms: Vec<String>,
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Deserialize)]
pub struct Never {
    pub form: String,
    pub entity: String,
}

/// One detected mention (the fields of `mentions --json` that scoring needs).
#[derive(Debug, Clone, Deserialize)]
pub struct Found {
    pub surface: String,
    pub entity: String,
    pub slug: String,
}

/// The outcome, with the misses and false links spelled out for failure messages.
#[derive(Debug, Default)]
pub struct Score {
    pub forms_expected: usize,
    pub forms_found: usize,
    pub mentions: usize,
    pub correct: usize,
    pub missed_forms: Vec<String>,
    pub unlinked_entities: Vec<String>,
    pub false_links: Vec<String>,
}

impl Score {
    pub fn recall(&self) -> f64 {
        self.forms_found as f64 / self.forms_expected.max(1) as f64
    }

    pub fn precision(&self) -> f64 {
        self.correct as f64 / self.mentions.max(1) as f64
    }
}

fn same_entity(gold: &GoldEntity, found: &Found) -> bool {
    gold.names
        .iter()
        .any(|n| n == &found.entity || briefing::slug::slugify(n) == found.slug)
}

/// Scores the mentions of one text against its gold annotation.
pub fn score(gold: &Gold, found: &[Found]) -> Score {
    let mut s = Score::default();
    for g in &gold.entities {
        let mine: Vec<&Found> = found.iter().filter(|f| same_entity(g, f)).collect();
        if g.optional {
            continue;
        }
        if mine.is_empty() {
            s.unlinked_entities.push(g.names[0].clone());
        }
        let surfaces: BTreeSet<&str> = mine.iter().map(|f| f.surface.as_str()).collect();
        for form in &g.forms {
            s.forms_expected += 1;
            if surfaces.contains(form.as_str()) {
                s.forms_found += 1;
            } else {
                s.missed_forms.push(format!("{form} ({})", g.names[0]));
            }
        }
    }
    for f in found {
        s.mentions += 1;
        let forbidden = gold.never.iter().any(|n| {
            n.form == f.surface
                && (n.entity == f.entity || briefing::slug::slugify(&n.entity) == f.slug)
        });
        let acceptable = gold.entities.iter().any(|g| {
            same_entity(g, f)
                && (g.optional
                    || g.forms.contains(&f.surface)
                    || g.optional_forms.contains(&f.surface))
        });
        if acceptable && !forbidden {
            s.correct += 1;
        } else {
            s.false_links.push(format!("{} → {}", f.surface, f.entity));
        }
    }
    s
}
