//! Where the time of one incremental rebuild goes, stage by stage.
//!
//! Generates a site (10,000 articles and 1,000 entities by default), builds
//! it once in memory as `briefing serve` does, then 30 times appends a
//! sentence to one article and rebuilds. Prints the median and the 95th
//! percentile of each stage and of the whole rebuild: the part of the
//! edit-to-reload latency (`cargo bench --bench serve`) that is briefing's
//! own work, without the file watcher, the debounce and the browser channel.
//!
//! ```text
//! cargo bench --bench rebuild
//! BRIEFING_BENCH_ARTICLES=2000 cargo bench --bench rebuild
//! ```

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use briefing::serve::incremental::{Changes, Incremental};
use briefing::BuildOptions;

/// Edits measured (`BRIEFING_BENCH_EDITS` to change, e.g. for a profile).
const EDITS: usize = 30;
const ENTITIES: usize = 1_000;

/// The allocator of the `briefing` binary, so that the figures are its own.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let articles: usize = std::env::var("BRIEFING_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let edits: usize = std::env::var("BRIEFING_BENCH_EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(EDITS);
    let dir = tempfile::tempdir().unwrap();
    let options = briefing::corpus::CorpusOptions {
        articles,
        entities: ENTITIES,
        seed: 1,
        shared_surnames: false,
    };
    briefing::corpus::generate(dir.path(), &options).expect("the corpus is written");

    let mut site = Incremental::new(BuildOptions::new(dir.path()));
    let started = Instant::now();
    if let Err(report) = site.rebuild(&Changes::everything()) {
        panic!("{}", report.render(dir.path()));
    }
    eprintln!(
        "first build of {articles} articles in memory: {:.2} s",
        started.elapsed().as_secs_f64()
    );

    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir.path().join("content/articles"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir.path()).unwrap().to_path_buf())
        .collect();
    files.sort();

    let mut stages: BTreeMap<&'static str, Vec<Duration>> = BTreeMap::new();
    let mut order: Vec<&'static str> = Vec::new();
    let mut totals = Vec::new();
    for edit in 0..edits {
        let rel = &files[(edit * 7919) % files.len()];
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(dir.path().join(rel))
            .unwrap();
        writeln!(file, "\nEin weiterer Satz, Nummer {edit}.").unwrap();
        drop(file);
        let changes = Changes {
            content: vec![rel.clone()],
            ..Changes::default()
        };
        let started = Instant::now();
        let update = match site.rebuild(&changes) {
            Ok(update) => update,
            Err(report) => panic!("{}", report.render(dir.path())),
        };
        totals.push(started.elapsed());
        for stage in &update.timings.stages {
            if !order.contains(&stage.name) {
                order.push(stage.name);
            }
            stages.entry(stage.name).or_default().push(stage.wall);
        }
    }

    println!("{edits} one-article edits on {articles} articles (median, 95th percentile):");
    for name in order {
        let mut walls = stages.remove(name).unwrap_or_default();
        walls.sort();
        println!(
            "  {name:<24} {:>7.2} ms {:>7.2} ms",
            percentile(&walls, 0.5).as_secs_f64() * 1e3,
            percentile(&walls, 0.95).as_secs_f64() * 1e3
        );
    }
    totals.sort();
    println!(
        "  {:<24} {:>7.2} ms {:>7.2} ms",
        "rebuild",
        percentile(&totals, 0.5).as_secs_f64() * 1e3,
        percentile(&totals, 0.95).as_secs_f64() * 1e3
    );
}
