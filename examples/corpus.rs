//! Writes a synthetic briefing site (see `briefing::corpus`).
//!
//! ```text
//! cargo run --release --example corpus -- DIR --articles 10000 --entities 1000 --seed 1
//! ```
//!
//! `--shared-surnames` makes most people share their family name with
//! others, so that the registry and the articles have ambiguous names.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use briefing::corpus::{generate, CorpusOptions};
use clap::Parser;

/// Write a deterministic synthetic corpus: the same options give the same files.
#[derive(Debug, Parser)]
#[command(name = "corpus")]
struct Args {
    /// Folder to write the site into; it must not have a content/ folder yet.
    dir: PathBuf,
    /// Number of articles.
    #[arg(long, default_value_t = CorpusOptions::default().articles)]
    articles: usize,
    /// Number of registry entities (at least 2).
    #[arg(long, default_value_t = CorpusOptions::default().entities)]
    entities: usize,
    /// Seed of the random streams.
    #[arg(long, default_value_t = CorpusOptions::default().seed)]
    seed: u64,
    /// Give most people a family name other people have too.
    #[arg(long)]
    shared_surnames: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let options = CorpusOptions {
        articles: args.articles,
        entities: args.entities,
        seed: args.seed,
        shared_surnames: args.shared_surnames,
    };
    let started = Instant::now();
    match generate(&args.dir, &options) {
        Ok(stats) => {
            let top = stats.entity_articles.iter().max().copied().unwrap_or(0);
            println!(
                "wrote {} articles ({} words) and {} entities to {} ({:.1} MB, {} ms, seed {})",
                stats.articles,
                stats.words,
                stats.entities,
                args.dir.display(),
                stats.bytes as f64 / 1e6,
                started.elapsed().as_millis(),
                options.seed,
            );
            println!("the most popular entity is listed by {top} articles");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "error: cannot write the corpus to {}: {e}",
                args.dir.display()
            );
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn command_line_is_well_formed() {
        use clap::CommandFactory;
        super::Args::command().debug_assert();
    }
}
