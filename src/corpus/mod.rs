//! A deterministic generator of synthetic briefing sites, for benchmarks and
//! tests at sizes no hand-made fixture reaches.
//!
//! [`generate`] writes a complete site: `briefing.yaml`, a registry of
//! `content/entities/*.md` (people, countries, cities, organizations and
//! places with German- and English-sounding invented names and aliases) and
//! `content/articles/<year>/<month>/*.md`. Articles follow the front-matter
//! schema of [`crate::content::frontmatter`]: dates at every precision
//! (mostly days; about 8 % timestamps, 5 % months, 2 % years, 3 % undated),
//! one of 30 outlets, agencies, 1–4 of 200 tags, and 3–15 entities that the
//! body (400–950 words with headings, lists, a quote, external links, some
//! tables and a little fenced code) names again. Entity popularity follows a
//! Zipf law with exponent 1, so the first entities appear in most articles
//! and the last in a handful.
//!
//! The contract is determinism: the same [`CorpusOptions`] give byte-identical
//! files on every machine and with every version of the dependencies (see
//! [`rng`] for how). The word material is `data/corpus/vocabulary.yaml`.
//!
//! ```no_run
//! use briefing::corpus::{generate, CorpusOptions};
//! let stats = generate("/tmp/c1k".as_ref(), &CorpusOptions::default()).unwrap();
//! println!("{} articles, {} words", stats.articles, stats.words);
//! ```

mod article;
pub mod fuzz;
mod names;
pub mod rng;
mod vocabulary;

use std::fs;
use std::io;
use std::path::Path;

use rayon::prelude::*;

use crate::content::{ARTICLES_DIR, ENTITIES_DIR};
use article::World;
use rng::Rng;
use vocabulary::Vocabulary;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusOptions {
    /// Number of articles. Default 1,000: the middle benchmark size, written
    /// in about a second.
    pub articles: usize,
    /// Number of registry entities, at least 2 (titles name two). Default
    /// 1,000: a registry of the size a long-running briefing grows to.
    pub entities: usize,
    /// Default 1.
    pub seed: u64,
    /// Most people share their family name with others, as "Kim", "Lee" or
    /// "Müller" are shared in a newsroom's archive: the registry then has
    /// names that two or more entities bear, and articles surnames that
    /// could be several people. Default off.
    pub shared_surnames: bool,
}

impl Default for CorpusOptions {
    fn default() -> Self {
        CorpusOptions {
            articles: 1_000,
            entities: 1_000,
            seed: 1,
            shared_surnames: false,
        }
    }
}

/// What [`generate`] wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorpusStats {
    pub articles: usize,
    pub entities: usize,
    /// Words in all article bodies.
    pub words: usize,
    /// Bytes in all files written.
    pub bytes: u64,
    /// For each entity in registry order, the number of articles listing it.
    pub entity_articles: Vec<usize>,
}

/// Independent random streams, so that adding articles leaves the registry as it was.
const ENTITY_STREAM: u64 = 1;
const PROFILE_STREAM: u64 = 2;
const ARTICLE_STREAM: u64 = 3;

/// Writes a site into `dir`, which is created if needed. Refuses a folder that
/// already has a `content/` folder with anything in it, so that a corpus never
/// mixes with an older one.
pub fn generate(dir: &Path, options: &CorpusOptions) -> io::Result<CorpusStats> {
    if options.entities < 2 {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "a corpus needs at least 2 entities",
        ));
    }
    let content = dir.join("content");
    if content.is_dir() && fs::read_dir(&content)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} already has content; generate into an empty folder",
                dir.display()
            ),
        ));
    }
    let vocab = Vocabulary::builtin();
    let entities = names::entities(
        options.entities,
        options.shared_surnames,
        &mut Rng::for_item(options.seed, ENTITY_STREAM, 0),
        &vocab,
    );
    let world = World::new(&vocab, &entities);
    let mut stats = CorpusStats {
        articles: options.articles,
        entities: entities.len(),
        entity_articles: vec![0; entities.len()],
        ..CorpusStats::default()
    };

    fs::create_dir_all(dir)?;
    stats.bytes += write(&dir.join(crate::config::CONFIG_FILE), &config(options))?;

    fs::create_dir_all(dir.join(ENTITIES_DIR))?;
    for (i, entity) in entities.iter().enumerate() {
        let mut rng = Rng::for_item(options.seed, PROFILE_STREAM, i as u64);
        let mut text = String::from("---\n");
        text.push_str(&format!("name: {}\n", yaml_string(&entity.name)));
        text.push_str(&format!("kind: {}\n", entity.kind.as_str()));
        if !entity.aliases.is_empty() {
            let aliases: Vec<String> = entity.aliases.iter().map(|a| yaml_string(a)).collect();
            text.push_str(&format!("aliases: [{}]\n", aliases.join(", ")));
        }
        if let Some(country) = &entity.part_of {
            text.push_str(&format!("part_of: {}\n", yaml_string(country)));
        }
        text.push_str("---\n");
        text.push_str(&article::profile(&world, entity, &mut rng));
        let path = dir.join(ENTITIES_DIR).join(format!("{}.md", entity.slug));
        stats.bytes += write(&path, &text)?;
    }

    fs::create_dir_all(dir.join(ARTICLES_DIR))?;
    let written: Vec<(usize, u64, Vec<usize>)> = (0..options.articles)
        .into_par_iter()
        .map(|i| {
            let mut rng = Rng::for_item(options.seed, ARTICLE_STREAM, i as u64);
            let a = article::article(&world, i, &mut rng);
            let path = dir.join(&a.path);
            fs::create_dir_all(path.parent().expect("articles live in a folder"))?;
            let bytes = write(&path, &a.text)?;
            Ok((a.words, bytes, a.cast))
        })
        .collect::<io::Result<_>>()?;
    for (words, bytes, cast) in written {
        stats.words += words;
        stats.bytes += bytes;
        for e in cast {
            stats.entity_articles[e] += 1;
        }
    }
    Ok(stats)
}

fn config(options: &CorpusOptions) -> String {
    format!(
        "# Generated by briefing::corpus (seed {}, {} articles, {} entities).\n\
         title: Synthetisches Briefing\n\
         description: Ein generierter Korpus zum Testen und Messen von briefing.\n\
         language: de\n\
         base_url: https://example.org/\n",
        options.seed, options.articles, options.entities
    )
}

fn yaml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn write(path: &Path, text: &str) -> io::Result<u64> {
    fs::write(path, text)?;
    Ok(text.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    fn small(seed: u64) -> CorpusOptions {
        CorpusOptions {
            articles: 50,
            entities: 30,
            seed,
            shared_surnames: false,
        }
    }

    /// Every file under `dir`, by relative path.
    fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
                (rel, fs::read(e.path()).unwrap())
            })
            .collect()
    }

    #[test]
    fn same_seed_gives_identical_files() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        generate(a.path(), &small(7)).unwrap();
        generate(b.path(), &small(7)).unwrap();
        let (fa, fb) = (files(a.path()), files(b.path()));
        assert_eq!(fa.len(), 1 + 30 + 50);
        assert!(fa == fb, "the two corpora differ");
    }

    #[test]
    fn different_seeds_differ() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        generate(a.path(), &small(1)).unwrap();
        generate(b.path(), &small(2)).unwrap();
        let (fa, fb) = (files(a.path()), files(b.path()));
        let same = fa.iter().filter(|(p, t)| fb.get(*p) == Some(t)).count();
        // Only briefing.yaml could coincide, and it names the seed.
        assert_eq!(same, 0);
    }

    #[test]
    fn popularity_follows_zipf() {
        let dir = tempfile::tempdir().unwrap();
        let stats = generate(
            dir.path(),
            &CorpusOptions {
                articles: 2_000,
                entities: 200,
                seed: 1,
                shared_surnames: false,
            },
        )
        .unwrap();
        let mut counts = stats.entity_articles.clone();
        counts.sort_unstable();
        let top = *counts.last().unwrap();
        let median = counts[counts.len() / 2];
        assert!(top > 10 * median.max(1), "top {top}, median {median}");
        // With exponent 1 the first rank is drawn about twice as often as the second.
        assert!(stats.entity_articles[0] > stats.entity_articles[1]);
    }

    #[test]
    fn article_bodies_keep_to_the_word_range() {
        let dir = tempfile::tempdir().unwrap();
        generate(dir.path(), &small(3)).unwrap();
        for (path, bytes) in files(&dir.path().join(ARTICLES_DIR)) {
            let text = String::from_utf8(bytes).unwrap();
            let body = text.splitn(3, "---\n").nth(2).unwrap();
            let words = body.split_whitespace().count();
            assert!(
                (article::MIN_WORDS..=article::MAX_WORDS).contains(&words),
                "{} has {words} words",
                path.display()
            );
        }
    }

    #[test]
    fn refuses_a_folder_with_content() {
        let dir = tempfile::tempdir().unwrap();
        generate(dir.path(), &small(1)).unwrap();
        let err = generate(dir.path(), &small(1)).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
    }

    #[test]
    fn every_generated_site_builds() {
        let dir = tempfile::tempdir().unwrap();
        generate(dir.path(), &small(11)).unwrap();
        let summary = crate::build(&crate::BuildOptions::new(dir.path()))
            .unwrap_or_else(|report| panic!("{}", report.render(dir.path())));
        assert_eq!(summary.articles, 50);
        // The corpus leaves some articles undated on purpose; nothing else
        // may warn.
        let others: Vec<_> = summary
            .warnings
            .diagnostics()
            .iter()
            .filter(|d| !d.message.contains("has no date"))
            .collect();
        assert!(others.is_empty(), "{others:?}");
    }
}
