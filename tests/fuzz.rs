//! A short run of the fuzzing loop (`briefing::corpus::fuzz`) in `cargo
//! test`: mutated real pastes, pages, articles and entity files through
//! front matter, Markdown with entity detection, and paste and HTML ingest,
//! with no panic and no input slower than a few seconds. The long run is
//! `cargo run --release --example fuzz -- --inputs 1000000`.

use std::path::Path;
use std::time::Duration;

use briefing::corpus::fuzz::{self, Target};

#[test]
fn mutated_inputs_never_panic_or_hang_in_any_stage() {
    let seeds = fuzz::seeds(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(seeds.len() > 100, "{} seeds", seeds.len());
    let inputs: usize = std::env::var("BRIEFING_FUZZ_INPUTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_500);
    for target in Target::ALL {
        let o = fuzz::run(target, &seeds, 7, inputs, None);
        println!(
            "{:12} {} inputs, {:.1} s, slowest {:.0} ms, {} panics",
            target.name(),
            o.inputs,
            o.elapsed.as_secs_f64(),
            o.slowest.as_secs_f64() * 1000.0,
            o.panics.len()
        );
        assert!(
            o.panics.is_empty(),
            "{}: {:?}",
            target.name(),
            &o.panics[..o.panics.len().min(5)]
        );
        // A debug build on a busy machine: generous, but a quadratic path on
        // a few kilobytes shows up as seconds.
        assert!(
            o.slowest < Duration::from_secs(10),
            "{}: slowest {:?}",
            target.name(),
            o.slowest
        );
    }
}

#[test]
fn the_same_seed_gives_the_same_inputs() {
    let seeds = fuzz::seeds(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert_eq!(fuzz::input(&seeds, 3, 42), fuzz::input(&seeds, 3, 42));
    assert_ne!(fuzz::input(&seeds, 3, 42), fuzz::input(&seeds, 3, 43));
}
