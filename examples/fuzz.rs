//! The fuzzing loop of `briefing::corpus::fuzz`, from the command line:
//!
//! ```sh
//! cargo run --release --example fuzz -- [--inputs N] [--seed S] [--target NAME]
//! ```
//!
//! Runs N inputs (default 1,000,000) through each target (`front-matter`,
//! `markdown`, `paste`, `html`, or only the one named), prints inputs, bytes,
//! time, the slowest input and the panics, writes panicking inputs to
//! `target/fuzz-failures/`, and exits with 1 if any input panicked.

use std::path::Path;

use briefing::corpus::fuzz::{self, Target};

fn main() {
    let mut inputs = 1_000_000usize;
    let mut seed = 1u64;
    let mut targets: Vec<Target> = Target::ALL.to_vec();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().unwrap_or_default();
        match arg.as_str() {
            "--inputs" => inputs = value.parse().expect("--inputs takes a number"),
            "--seed" => seed = value.parse().expect("--seed takes a number"),
            "--target" => {
                targets = vec![Target::from_name(&value).unwrap_or_else(|| {
                    panic!("unknown target {value:?}: front-matter, markdown, paste or html")
                })]
            }
            _ => panic!("unknown argument {arg:?}: --inputs N, --seed S, --target NAME"),
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = fuzz::seeds(root);
    println!("{} seed texts", seeds.len());
    let failures = root.join("target/fuzz-failures");
    let mut panicked = false;
    for target in targets {
        let o = fuzz::run(target, &seeds, seed, inputs, Some(&failures));
        println!(
            "{:12} {} inputs, {:.1} MB, {:.1} s, slowest input {:.0} ms, {} panics",
            target.name(),
            o.inputs,
            o.bytes as f64 / 1e6,
            o.elapsed.as_secs_f64(),
            o.slowest.as_secs_f64() * 1000.0,
            o.panics.len()
        );
        for (name, message) in o.panics.iter().take(10) {
            println!("  {name}: {message}");
        }
        panicked |= !o.panics.is_empty();
    }
    if panicked {
        println!("panicking inputs are in {}", failures.display());
        std::process::exit(1);
    }
}
