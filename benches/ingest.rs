//! Ingest speed: a folder of 1,000 pastes (the seeds and the outlet fixtures,
//! varied so that none is an exact duplicate) ingested into an empty site;
//! each is compared with the articles before it for the same story.
//!
//! Run with `cargo bench --bench ingest`; articles per second = 1,000 / time.

use std::path::Path;

use briefing::ingest::{ingest, IngestOptions, Input};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

/// Articles in the benchmark folder.
const PASTES: usize = 1_000;

fn pastes() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut texts = Vec::new();
    for dir in ["seeds", "ingest"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        texts.extend(files.iter().map(|f| std::fs::read_to_string(f).unwrap()));
    }
    texts
}

fn bench_ingest(c: &mut Criterion) {
    let sources = pastes();
    let inbox = tempfile::tempdir().unwrap();
    for i in 0..PASTES {
        let text = &sources[i % sources.len()];
        // A numbered sentence keeps every paste distinct for duplicate detection.
        let text = format!("{text}\n\nDiese Meldung trägt die laufende Nummer {i} im Test.\n");
        std::fs::write(inbox.path().join(format!("{i:04}.txt")), text).unwrap();
    }
    let inputs = [Input::Path(inbox.path().to_path_buf())];
    let mut group = c.benchmark_group("ingest");
    group.throughput(Throughput::Elements(PASTES as u64));
    group.sample_size(10);
    group.bench_function("folder_of_1000_pastes", |b| {
        b.iter_batched(
            || tempfile::tempdir().unwrap(),
            |site| {
                // The pastes repeat, varied: each is the same story as earlier
                // ones, which is compared and kept.
                let options = IngestOptions {
                    keep_duplicate: true,
                    ..IngestOptions::default()
                };
                let outcome = ingest(site.path(), &inputs, &options);
                assert_eq!(outcome.written(), PASTES);
                site
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench_ingest);
criterion_main!(benches);
