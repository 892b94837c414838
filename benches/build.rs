//! Benchmarks of the whole build and of its stages on generated corpora
//! (`briefing::corpus`), 1,000 entities each.
//!
//! The corpora are written once, into temporary folders, before any timing.
//! Sizes are kept small enough that `cargo bench` finishes in a few minutes on
//! two cores; measure 10,000 articles with the release binary instead (see
//! `examples/corpus.rs` and `benches/hugo/compare.py`).
//!
//! `build_cold` is the headline: every iteration builds into a new, empty
//! output folder, as a first build or a build on a CI runner does (on tmpfs
//! when `/dev/shm` exists, else in the temporary folder). `build_warm`
//! rebuilds into the previous output, which then changes nothing.

use std::path::Path;

use briefing::corpus::{generate, CorpusOptions};
use briefing::BuildOptions;
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion};

/// Article counts benchmarked; each size is a separate corpus.
const SIZES: [usize; 2] = [100, 1_000];
const ENTITIES: usize = 1_000;

fn corpus(articles: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    generate(
        dir.path(),
        &CorpusOptions {
            articles,
            entities: ENTITIES,
            seed: 1,
            shared_surnames: false,
        },
    )
    .expect("the corpus is written");
    dir
}

fn build(root: &Path, output: Option<&Path>) {
    let mut options = BuildOptions::new(root);
    options.output = output.map(Path::to_path_buf);
    if let Err(report) = briefing::build(&options) {
        panic!("{}", report.render(root));
    }
}

/// A new, empty folder for one cold build's output.
fn fresh_output() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        if let Ok(dir) = tempfile::tempdir_in(shm) {
            return dir;
        }
    }
    tempfile::tempdir().expect("a temporary folder")
}

fn benches(c: &mut Criterion) {
    let corpora: Vec<(usize, tempfile::TempDir)> = SIZES.iter().map(|&n| (n, corpus(n))).collect();

    let mut group = c.benchmark_group("build_cold");
    group.sample_size(10);
    for (n, dir) in &corpora {
        group.bench_with_input(BenchmarkId::from_parameter(n), dir.path(), |b, root| {
            b.iter_batched(
                fresh_output,
                |out| {
                    build(root, Some(&out.path().join("site")));
                    out
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();

    let mut group = c.benchmark_group("build_warm");
    group.sample_size(10);
    for (n, dir) in &corpora {
        build(dir.path(), None);
        group.bench_with_input(BenchmarkId::from_parameter(n), dir.path(), |b, root| {
            b.iter(|| build(root, None))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    for (n, dir) in &corpora {
        group.bench_with_input(BenchmarkId::from_parameter(n), dir.path(), |b, root| {
            b.iter(|| briefing::check(&BuildOptions::new(root)).expect("the corpus checks"))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("content_load");
    group.sample_size(10);
    for (n, dir) in &corpora {
        group.bench_with_input(BenchmarkId::from_parameter(n), dir.path(), |b, root| {
            b.iter(|| briefing::content::load(root, false))
        });
    }
    group.finish();
}

criterion_group!(build_benches, benches);
criterion_main!(build_benches);
