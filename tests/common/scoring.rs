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

/// An annotated text: `{{surface|TARGET}}` or `{{surface|TARGET|optional}}`,
/// where TARGET is a gazetteer id or `person:Full Name`.
pub struct Annotated {
    pub language: String,
    pub text: String,
    pub gold: Vec<Occurrence>,
}

#[derive(Debug, Clone)]
pub struct Occurrence {
    pub start: usize,
    pub end: usize,
    pub target: String,
    pub optional: bool,
}

/// Reads an annotated file: `lang: xx`, a blank line, the annotated text.
pub fn annotated(source: &str) -> Annotated {
    let (first, rest) = source.split_once('\n').expect("a first line");
    let language = first
        .trim()
        .strip_prefix("lang:")
        .expect("lang: on the first line")
        .trim()
        .to_string();
    let rest = rest.trim_start_matches('\n');
    let mut text = String::new();
    let mut gold = Vec::new();
    let mut cursor = 0;
    while let Some(open) = rest[cursor..].find("{{") {
        let open = cursor + open;
        let close = open + rest[open..].find("}}").expect("closing }}");
        text.push_str(&rest[cursor..open]);
        let inner = &rest[open + 2..close];
        let mut parts = inner.split('|');
        let surface = parts.next().unwrap();
        let target = parts.next().expect("a target").to_string();
        let optional = parts.next() == Some("optional");
        gold.push(Occurrence {
            start: text.len(),
            end: text.len() + surface.len(),
            target,
            optional,
        });
        text.push_str(surface);
        cursor = close + 2;
    }
    text.push_str(&rest[cursor..]);
    Annotated {
        language,
        text,
        gold,
    }
}

/// A detected mention with its target in the annotation's terms.
#[derive(Debug, Clone)]
pub struct Detected {
    pub start: usize,
    pub end: usize,
    pub target: String,
    pub surface: String,
}

/// Per-occurrence counts.
#[derive(Debug, Default, Clone)]
pub struct Counts {
    pub gold: usize,
    pub gold_found: usize,
    pub detected: usize,
    pub detected_correct: usize,
    pub misses: Vec<String>,
    pub false_links: Vec<String>,
}

impl Counts {
    pub fn add(&mut self, other: &Counts) {
        self.gold += other.gold;
        self.gold_found += other.gold_found;
        self.detected += other.detected;
        self.detected_correct += other.detected_correct;
        self.misses.extend(other.misses.iter().cloned());
        self.false_links.extend(other.false_links.iter().cloned());
    }

    pub fn recall(&self) -> f64 {
        self.gold_found as f64 / self.gold.max(1) as f64
    }

    pub fn precision(&self) -> f64 {
        self.detected_correct as f64 / self.detected.max(1) as f64
    }
}

/// Scores detections against the gold occurrences of one text: a detection
/// is correct when it overlaps a gold occurrence of the same target.
pub fn per_occurrence(gold: &[Occurrence], detected: &[Detected], text: &str) -> Counts {
    let overlaps =
        |g: &Occurrence, d: &Detected| g.start < d.end && d.start < g.end && g.target == d.target;
    let mut c = Counts::default();
    for g in gold.iter().filter(|g| !g.optional) {
        c.gold += 1;
        if detected.iter().any(|d| overlaps(g, d)) {
            c.gold_found += 1;
        } else {
            c.misses
                .push(format!("{} ({})", &text[g.start..g.end], g.target));
        }
    }
    for d in detected {
        c.detected += 1;
        if gold.iter().any(|g| overlaps(g, d)) {
            c.detected_correct += 1;
        } else {
            c.false_links.push(format!("{} → {}", d.surface, d.target));
        }
    }
    c
}
