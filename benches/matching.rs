//! Entity matching throughput: the text of 10,000 generated articles through
//! [`Registry::detect`] with the full gazetteer and 1,000 registry entities.
//!
//! The corpus is generated, loaded and split into text blocks before timing;
//! the timed part is detection alone, over all articles in parallel, as the
//! build runs it. Criterion reports the time for all 10,000 articles, and
//! the same with discovery of people on (finding them, building the registry
//! with them, detecting), as the default configuration runs it.

use briefing::config::Language;
use briefing::corpus::{generate, CorpusOptions};
use briefing::entities::matcher::Options;
use briefing::entities::{discover, Registry, RegistryOptions};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rayon::prelude::*;

const ARTICLES: usize = 10_000;
const ENTITIES: usize = 1_000;

/// Detection over every article in parallel; the number of mentions.
fn detect(registry: &Registry, articles: &[Vec<String>]) -> usize {
    articles
        .par_iter()
        .map(|blocks| {
            let refs: Vec<&str> = blocks.iter().map(String::as_str).collect();
            let found = registry.detect(
                &refs,
                Options {
                    language: "de",
                    metonyms_to_country: false,
                },
            );
            found.mentions.iter().map(Vec::len).sum::<usize>()
        })
        .sum()
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let options = CorpusOptions {
        articles: ARTICLES,
        entities: ENTITIES,
        seed: 1,
        shared_surnames: false,
    };
    generate(dir.path(), &options).expect("the corpus is written");
    let (content, errors) = briefing::content::load(dir.path(), false);
    assert!(errors.is_empty(), "{errors:?}");
    let (registry, _) = Registry::new(
        &content.entities,
        &RegistryOptions {
            gazetteer: true,
            language: Language::De,
        },
    );
    // Paragraphs as plain text: what the Markdown stage hands to detection.
    let articles: Vec<Vec<String>> = content
        .articles
        .iter()
        .map(|a| {
            a.body
                .split("\n\n")
                .map(briefing::markdown::plain_text)
                .filter(|p| !p.is_empty())
                .collect()
        })
        .collect();
    let bytes: usize = articles.iter().flatten().map(String::len).sum();
    let detect_all = || detect(&registry, &articles);
    eprintln!(
        "{} articles, {:.1} MB of text, {} registry entities + gazetteer = {} entities, {} mentions",
        articles.len(),
        bytes as f64 / 1e6,
        content.entities.len(),
        registry.len(),
        detect_all()
    );
    let mut group = c.benchmark_group("matching");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("detect_10000_articles", |b| b.iter(detect_all));
    // With discovery on (the default): people found in every article, the
    // registry built with them, then detection, as a cold build runs them.
    let discover_and_detect = || {
        let found: Vec<Vec<discover::Found>> = articles
            .par_iter()
            .map(|blocks| {
                let refs: Vec<&str> = blocks.iter().map(String::as_str).collect();
                discover::find(&refs, "de")
            })
            .collect();
        let mut people = discover::People::default();
        for f in &found {
            people.add(f);
        }
        let (registry, _) = Registry::with_people(
            &content.entities,
            &people.people(),
            &RegistryOptions {
                gazetteer: true,
                language: Language::De,
            },
        );
        detect(&registry, &articles)
    };
    group.bench_function("discover_and_detect_10000_articles", |b| {
        b.iter(discover_and_detect)
    });
    group.finish();

    let mut group = c.benchmark_group("registry");
    group.sample_size(10);
    group.bench_function("build_with_gazetteer", |b| {
        b.iter(|| {
            Registry::new(
                &content.entities,
                &RegistryOptions {
                    gazetteer: true,
                    language: Language::De,
                },
            )
        })
    });
    group.finish();
}

criterion_group!(matching, benches);
criterion_main!(matching);
