//! The text of generated articles and entity profiles.
//!
//! An article has a *cast*: the 3–15 entities of its `entities:` list, drawn by
//! popularity. Sentence patterns name the cast in turn, first by full name and
//! later sometimes by alias, so mention detection finds every one of them; a
//! few sentences also name an entity outside the cast.

use std::fmt::Write as _;
use std::path::PathBuf;

use super::names::GeneratedEntity;
use super::rng::{Rng, Zipf};
use super::vocabulary::Vocabulary;
use crate::slug::slugify;

/// Body length in words, as the brief for realistic agency reports asks.
pub const MIN_WORDS: usize = 400;
pub const MAX_WORDS: usize = 950;
/// Room kept below [`MAX_WORDS`] for the closing sentence naming the rest of the cast.
const CLOSING_RESERVE: usize = 60;
/// Years over which dates are spread.
const FIRST_YEAR: usize = 2018;
const LAST_YEAR: usize = 2025;
/// Article file stems are cut to this length before the number is appended,
/// so that `slugify` (which cuts at 80) keeps the number that makes them unique.
const STEM_TITLE_LEN: usize = 64;
const UTC_OFFSETS: [&str; 5] = ["Z", "+01:00", "+02:00", "-05:00", "+09:00"];

/// Everything articles are written from.
pub struct World<'a> {
    pub vocab: &'a Vocabulary,
    pub entities: &'a [GeneratedEntity],
    pub tags: Vec<String>,
    entity_zipf: Zipf,
    tag_zipf: Zipf,
    outlet_zipf: Zipf,
}

impl<'a> World<'a> {
    pub fn new(vocab: &'a Vocabulary, entities: &'a [GeneratedEntity]) -> World<'a> {
        let tags = vocab.tags();
        World {
            entity_zipf: Zipf::new(entities.len()),
            tag_zipf: Zipf::new(tags.len()),
            outlet_zipf: Zipf::new(vocab.outlets.len()),
            tags,
            vocab,
            entities,
        }
    }
}

/// One generated article file.
pub struct ArticleFile {
    /// Relative to the site root.
    pub path: PathBuf,
    pub text: String,
    pub words: usize,
    /// Indexes of its `entities:` list in the registry.
    pub cast: Vec<usize>,
}

/// Writes article number `index` (0-based).
pub fn article(world: &World, index: usize, rng: &mut Rng) -> ArticleFile {
    let cast = cast(world, rng);
    let tags = distinct(rng.between(1, 4), world.tags.len(), rng, |r| {
        world.tag_zipf.sample(r)
    });
    let tags: Vec<&str> = tags.iter().map(|&t| world.tags[t].as_str()).collect();
    let mut w = Writer {
        world,
        rng,
        cast: &cast,
        next: 0,
        mentioned: vec![false; cast.len()],
        tags: &tags,
        links: 0,
        id: index + 1,
    };
    let title = w.title();
    let (date, folder) = date(w.rng);
    let mut stem = slugify(&title);
    if stem.len() > STEM_TITLE_LEN {
        let cut = stem[..STEM_TITLE_LEN].rfind('-').unwrap_or(STEM_TITLE_LEN);
        stem.truncate(cut);
    }
    let path = PathBuf::from(format!(
        "{}/{folder}/{stem}-{:05}.md",
        crate::content::ARTICLES_DIR,
        index + 1
    ));

    let mut text = String::from("---\n");
    writeln!(text, "title: {}", quoted(&title)).unwrap();
    if let Some(date) = date {
        writeln!(text, "date: {date}").unwrap();
    }
    let outlet = &world.vocab.outlets[world.outlet_zipf.sample(w.rng)];
    writeln!(text, "source: {}", quoted(outlet)).unwrap();
    let agencies = match w.rng.below(10) {
        0..=2 => 0,
        3..=8 => 1,
        _ => 2,
    };
    if agencies > 0 {
        let picked = distinct(agencies, world.vocab.agencies.len(), w.rng, |r| {
            r.below(world.vocab.agencies.len())
        });
        let names: Vec<&str> = picked
            .iter()
            .map(|&a| world.vocab.agencies[a].as_str())
            .collect();
        writeln!(text, "agencies: [{}]", names.join(", ")).unwrap();
    }
    writeln!(text, "tags: {}", list(tags.iter().copied())).unwrap();
    if w.rng.percent(50) {
        writeln!(
            text,
            "url: https://www.example.com/{}/{}",
            slugify(outlet),
            index + 1
        )
        .unwrap();
    }
    let names = cast.iter().map(|&e| world.entities[e].name.as_str());
    writeln!(text, "entities: {}", list(names)).unwrap();
    text.push_str("---\n");
    let body = w.body();
    let words = body.split_whitespace().count();
    text.push_str(&body);
    ArticleFile {
        path,
        text,
        words,
        cast,
    }
}

/// The profile text of an entity page.
pub fn profile(world: &World, entity: &GeneratedEntity, rng: &mut Rng) -> String {
    let openings = world.vocab.profiles.for_kind(entity.kind);
    let mut text = String::new();
    for (i, opening) in openings.iter().enumerate() {
        if i > 0 && rng.percent(50) {
            continue;
        }
        let other = city(world, rng);
        let sentence = opening
            .replace("{name}", &entity.name)
            .replace("{N}", &rng.between(2, 90).to_string())
            .replace("{E}", &other.name);
        if i > 0 {
            text.push(' ');
        }
        text.push_str(&sentence);
    }
    if let Some(country) = &entity.part_of {
        write!(text, " Sie liegt in {country}.").unwrap();
    }
    text.push('\n');
    text
}

/// A popular city for an organization's seat, or any entity when cities are rare.
fn city<'w>(world: &'w World, rng: &mut Rng) -> &'w GeneratedEntity {
    // Bounded, so that a registry without cities still gets a profile.
    const TRIES: usize = 20;
    let mut any = &world.entities[world.entity_zipf.sample(rng)];
    for _ in 0..TRIES {
        if any.kind == crate::content::EntityKind::City {
            break;
        }
        any = &world.entities[world.entity_zipf.sample(rng)];
    }
    any
}

/// The article's entities: 3–15 distinct ones, popular ones more often.
fn cast(world: &World, rng: &mut Rng) -> Vec<usize> {
    let n = rng.between(3, 15).min(world.entities.len());
    distinct(n, world.entities.len(), rng, |r| {
        world.entity_zipf.sample(r)
    })
}

/// `n` distinct values of `draw`, which yields values below `range`. Draws that
/// repeat are retried a bounded number of times; after that the smallest unused
/// values fill up, so a skewed `draw` cannot loop for long.
fn distinct(n: usize, range: usize, rng: &mut Rng, draw: impl Fn(&mut Rng) -> usize) -> Vec<usize> {
    let n = n.min(range);
    let mut out: Vec<usize> = Vec::with_capacity(n);
    let mut attempts = 0;
    while out.len() < n && attempts < 50 * n {
        let v = draw(rng);
        if !out.contains(&v) {
            out.push(v);
        }
        attempts += 1;
    }
    let mut fill = 0;
    while out.len() < n {
        if !out.contains(&fill) {
            out.push(fill);
        }
        fill += 1;
    }
    out
}

/// A date in one of the forms editors write, and the folder it files under.
fn date(rng: &mut Rng) -> (Option<String>, String) {
    let year = rng.between(FIRST_YEAR, LAST_YEAR);
    let month = rng.between(1, 12);
    let day = rng.between(
        1,
        crate::content::date::days_in_month(year as i32, month as u8) as usize,
    );
    match rng.below(100) {
        // Undated, year only, month only: 3 %, 2 %, 5 %.
        0..=2 => (None, "ohne-datum".into()),
        3..=4 => (Some(format!("{year}")), format!("{year}")),
        5..=9 => (
            Some(format!("{year}-{month:02}")),
            format!("{year}/{month:02}"),
        ),
        // An RFC 3339 timestamp: 8 %.
        10..=17 => {
            let hour = rng.below(24);
            let minute = rng.below(60);
            let offset = rng.pick(&UTC_OFFSETS);
            (
                Some(format!(
                    "{year}-{month:02}-{day:02}T{hour:02}:{minute:02}:00{offset}"
                )),
                format!("{year}/{month:02}"),
            )
        }
        _ => (
            Some(format!("{year}-{month:02}-{day:02}")),
            format!("{year}/{month:02}"),
        ),
    }
}

/// A YAML double-quoted string.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A YAML flow list of quoted strings.
fn list<'s>(items: impl Iterator<Item = &'s str>) -> String {
    let items: Vec<String> = items.map(quoted).collect();
    format!("[{}]", items.join(", "))
}

/// Fills patterns for one article.
struct Writer<'w, 'r> {
    world: &'w World<'w>,
    rng: &'r mut Rng,
    cast: &'w [usize],
    /// The cast member the next `{E}` names.
    next: usize,
    mentioned: Vec<bool>,
    tags: &'w [&'w str],
    links: usize,
    /// The article's number, for link targets.
    id: usize,
}

impl Writer<'_, '_> {
    fn title(&mut self) -> String {
        let pattern = self.rng.pick(&self.world.vocab.titles).clone();
        let a = &self.world.entities[self.cast[0]].name;
        let b = &self.world.entities[self.cast[1 % self.cast.len()]].name;
        pattern
            .replace("{A}", a)
            .replace("{B}", b)
            .replace("{T}", self.tags[0])
    }

    fn body(&mut self) -> String {
        let target = self
            .rng
            .between(MIN_WORDS, MAX_WORDS - CLOSING_RESERVE - 90);
        let mut body = self.paragraph(2, 3);
        let mut headings: Vec<usize> = (0..self.world.vocab.headings.len()).collect();
        let with_table = self.rng.percent(15);
        let with_code = self.rng.percent(4);
        let mut section = 0;
        let words = |b: &str| b.split_whitespace().count();
        while section < 2 || (words(&body) < target && !headings.is_empty()) {
            let heading = headings.remove(self.rng.below(headings.len()));
            writeln!(body, "## {}\n", self.world.vocab.headings[heading]).unwrap();
            for _ in 0..self.rng.between(1, 3) {
                let paragraph = self.paragraph(3, 5);
                if section >= 2 && words(&body) + words(&paragraph) > MAX_WORDS - CLOSING_RESERVE {
                    break;
                }
                body.push_str(&paragraph);
            }
            match section {
                0 => body.push_str(&self.bullets()),
                1 => body.push_str(&self.quote()),
                _ => {}
            }
            if section == 1 && with_code {
                body.push_str(&self.code());
            }
            if section == 2 && with_table {
                body.push_str(&self.table());
            }
            section += 1;
            if words(&body) > MAX_WORDS - CLOSING_RESERVE - 90 {
                break;
            }
        }
        let missing: Vec<&str> = (0..self.cast.len())
            .filter(|&i| !self.mentioned[i])
            .map(|i| self.world.entities[self.cast[i]].name.as_str())
            .collect();
        if !missing.is_empty() {
            writeln!(
                body,
                "Mit der Angelegenheit befasst sind außerdem {}.",
                missing.join(", ")
            )
            .unwrap();
        }
        body.truncate(body.trim_end().len());
        body.push('\n');
        body
    }

    fn paragraph(&mut self, min: usize, max: usize) -> String {
        let n = self.rng.between(min, max);
        let sentences: Vec<String> = (0..n)
            .map(|_| {
                let pattern = self.rng.pick(&self.world.vocab.sentences).clone();
                self.fill(&pattern)
            })
            .collect();
        sentences.join(" ") + "\n\n"
    }

    fn bullets(&mut self) -> String {
        let mut out = String::from("Die wichtigsten Punkte:\n\n");
        for _ in 0..self.rng.between(3, 5) {
            let pattern = self.rng.pick(&self.world.vocab.sentences).clone();
            writeln!(out, "- {}", self.fill(&pattern)).unwrap();
        }
        out.push('\n');
        out
    }

    fn quote(&mut self) -> String {
        let pattern = self.rng.pick(&self.world.vocab.quotes).clone();
        format!("> {}\n\n", self.fill(&pattern))
    }

    fn table(&mut self) -> String {
        let mut out =
            String::from("| Jahr | Anträge | Veränderung |\n|-----:|--------:|------------:|\n");
        let first = self.rng.between(FIRST_YEAR - 5, LAST_YEAR - 5);
        for year in first..first + self.rng.between(3, 5) {
            let count = self.rng.between(50, 5_000);
            let change = self.rng.between(0, 40) as i64 - 20;
            writeln!(out, "| {year} | {count} | {change:+} % |").unwrap();
        }
        out.push('\n');
        out
    }

    fn code(&mut self) -> String {
        if self.rng.percent(50) {
            let tag = self.tags[0];
            let values: Vec<String> = (0..self.rng.between(3, 6))
                .map(|_| self.rng.below(1000).to_string())
                .collect();
            format!(
                "Die Rohdaten der Auswertung:\n\n```json\n{{\n  \"thema\": {},\n  \"artikel\": {},\n  \"werte\": [{}]\n}}\n```\n\n",
                quoted(tag),
                self.id,
                values.join(", ")
            )
        } else {
            let factor = self.rng.between(2, 99);
            format!(
                "Die Schätzung folgt dieser Rechnung:\n\n```rust\nfn schaetzung(basis: f64) -> f64 {{\n    basis * {factor}.0 / 100.0\n}}\n```\n\n"
            )
        }
    }

    /// Replaces the `{…}` slots of a pattern (see `data/corpus/vocabulary.yaml`).
    fn fill(&mut self, pattern: &str) -> String {
        let mut out = String::with_capacity(pattern.len() + 32);
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = open + rest[open..].find('}').expect("slots are closed");
            let slot = &rest[open + 1..close];
            match slot {
                "E" => {
                    let i = self.next % self.cast.len();
                    self.next += 1;
                    let entity = &self.world.entities[self.cast[i]];
                    if self.mentioned[i] && self.rng.percent(40) {
                        out.push_str(entity.short_name());
                    } else {
                        out.push_str(&entity.name);
                    }
                    self.mentioned[i] = true;
                }
                "Z" => {
                    let e = self.world.entity_zipf.sample(self.rng);
                    out.push_str(&self.world.entities[e].name);
                }
                "N" => out.push_str(&self.rng.between(2, 950).to_string()),
                "T" => out.push_str(self.rng.pick::<&str>(self.tags)),
                "D" => out.push_str(self.rng.word(&self.world.vocab.weekdays)),
                "L" => {
                    self.links += 1;
                    let text = self.rng.pick(&self.world.vocab.link_texts);
                    write!(
                        out,
                        "[{text}](https://www.example.net/meldungen/{}-{})",
                        self.id, self.links
                    )
                    .unwrap();
                }
                other => panic!("unknown slot {{{other}}} in data/corpus/vocabulary.yaml"),
            }
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out
    }
}
