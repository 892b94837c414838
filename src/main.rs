//! The `briefing` command line: parses arguments, calls the library, prints
//! diagnostics and sets the exit status. Everything else lives in the library.

use std::path::PathBuf;
use std::process::ExitCode;

use briefing::diagnostics::{Report, Warnings};
use clap::{Parser, Subcommand};

/// A build allocates millions of small strings on every thread (template
/// values, links, snippets); mimalloc serves them markedly faster than the
/// system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Makes the allocator keep the memory it frees for later allocations. By
/// default mimalloc gives freed pages back to the system after 10 ms, and
/// touching them again costs a fault per page, which the system serves
/// zeroed: a build frees and reallocates its per-page buffers thousands of
/// times (5% of its wall time at 10,000 articles went to this), and `serve`,
/// rebuilding seconds apart, spent longer on it than on the rebuild itself.
/// The process keeps the size of its peak instead, which it reaches anyway.
fn keep_freed_memory() {
    /// `mi_option_purge_delay` in mimalloc's public option enum (the same
    /// in its versions 2 and 3); -1 means never.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: sets a plain integer option; mimalloc reads options atomically.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) };
}

#[derive(Debug, Parser)]
#[command(
    name = "briefing",
    version,
    about = "Build cross-linked briefing sites from news articles"
)]
struct Cli {
    /// The site folder (holding briefing.yaml and content/)
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    root: PathBuf,

    /// How to show warnings: every occurrence, one per cause with counts and
    /// the first places, or none (errors are always shown)
    #[arg(long, global = true, value_enum, default_value_t, value_name = "WHICH")]
    warnings: Warnings,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a new briefing site in DIR that builds at once
    Init {
        /// The folder to create (it must be empty or not exist)
        dir: PathBuf,
    },
    /// Render content/ into a static site
    Build {
        /// Where to write the site [default: <root>/site]
        #[arg(long, short, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Publish under this URL instead of base_url from briefing.yaml
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Include articles marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Print the time each pipeline stage took
        #[arg(long)]
        timings: bool,
    },
    /// List every entity mention detected in articles or text files
    Mentions {
        /// Print a JSON array instead of one line per mention
        #[arg(long)]
        json: bool,
        /// Articles, text files or folders
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Work with the entity registry
    Entities {
        #[command(subcommand)]
        command: EntitiesCommand,
    },
    /// Turn pastes, saved pages, URLs or Markdown into content/articles/<slug>.md
    Ingest(IngestArgs),
    /// Build in memory, serve on 127.0.0.1, rebuild on every change and reload open pages
    Serve {
        /// The port to listen on (0: any free port)
        #[arg(long, short, default_value_t = briefing::serve::DEFAULT_PORT)]
        port: u16,
        /// The address to listen on; other machines can see the preview unless it is 127.0.0.1
        #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
        /// Include articles marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Print the time each stage of every rebuild took
        #[arg(long)]
        timings: bool,
    },
    /// Validate everything `build` validates, writing nothing
    Check {
        /// Include articles marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Print every diagnostic as a JSON array on standard output, for
        /// tools: severity, code, kind, file, line, col, message, help
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum EntitiesCommand {
    /// Names in the articles that look like entities but are not known yet
    Suggest {
        /// Print a JSON array of {name, kind, count, examples}
        #[arg(long)]
        json: bool,
        /// Only names seen at least this often
        #[arg(long, default_value_t = 1, value_name = "N")]
        min_count: usize,
        /// Review the suggestions (asked on a terminal, else in suggestions.yaml)
        /// and write what is kept to content/entities/
        #[arg(long)]
        write: bool,
    },
}

#[derive(Debug, clap::Args)]
struct IngestArgs {
    /// .txt, .md or .html files, folders of them, `-` for standard input, or http(s) URLs
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<String>,
    /// Use this title instead of the headline
    #[arg(long)]
    title: Option<String>,
    /// Date: YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339
    #[arg(long)]
    date: Option<briefing::content::PartialDate>,
    /// The outlet
    #[arg(long)]
    source: Option<String>,
    /// A news agency (repeatable)
    #[arg(long = "agency", value_name = "AGENCY")]
    agencies: Vec<String>,
    /// Language code, e.g. de or en
    #[arg(long)]
    lang: Option<String>,
    /// A tag (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// File name (without .md) instead of one made from the title
    #[arg(long)]
    slug: Option<String>,
    /// Where the pasted text was published: sets `url` and, unless the text
    /// names it, the outlet
    #[arg(long)]
    url: Option<String>,
    /// Print the Markdown, write nothing
    #[arg(long)]
    dry_run: bool,
    /// Overwrite existing files and ingest duplicates again
    #[arg(long)]
    force: bool,
    /// Write an article that is the same story as one already in the site
    /// (from another outlet), and link the two
    #[arg(long)]
    keep_duplicate: bool,
}

impl IngestArgs {
    fn options(&self) -> briefing::ingest::IngestOptions {
        briefing::ingest::IngestOptions {
            title: self.title.clone(),
            date: self.date.clone(),
            source: self.source.clone(),
            agencies: self.agencies.clone(),
            lang: self.lang.clone(),
            tags: self.tags.clone(),
            slug: self.slug.clone(),
            url: self.url.clone(),
            dry_run: self.dry_run,
            force: self.force,
            keep_duplicate: self.keep_duplicate,
            progress: true,
        }
    }
}

/// Runs `ingest`: written paths (or Markdown) to stdout, problems and the summary to stderr.
/// Warnings are shown by cause after all inputs, then the errors.
fn ingest(root: &std::path::Path, args: &IngestArgs, warnings: Warnings) -> ExitCode {
    use briefing::ingest::{Input, Status};
    let inputs: Vec<Input> = args.inputs.iter().map(|a| Input::parse(a)).collect();
    let outcome = briefing::ingest::ingest(root, &inputs, &args.options());
    let mut report = Report::new();
    for result in &outcome.results {
        result.warnings.iter().for_each(|w| report.add(w));
        match &result.status {
            Status::Written(path) => println!("{}", path.display()),
            Status::Printed(markdown) => print!("{markdown}"),
            Status::Duplicate(_) => {}
            Status::Failed(error) => report.add(error),
        }
    }
    // Failed inputs are counted in the summary below.
    eprint!("{}", report.render_body(root, warnings));
    if outcome.results.len() > 1 || outcome.failed() > 0 || outcome.duplicates() > 0 {
        eprintln!("{}", outcome.summary());
    }
    if outcome.failed() > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn main() -> ExitCode {
    keep_freed_memory();
    let cli = Cli::parse();
    let root = cli.root;
    let warnings = cli.warnings;
    // Only a failed build or ingest can promise that nothing was written;
    // the other commands write nothing (check) or say what they wrote.
    let consequence = match cli.command {
        Command::Build { .. } => Some("nothing was written"),
        _ => None,
    };
    let result = match cli.command {
        Command::Ingest(args) => return ingest(&root, &args, warnings),
        Command::Init { dir } => briefing::init::init(&dir).map(|()| {
            println!("Created a briefing site in {}", dir.display());
            println!("Build it with: briefing --root {} build", dir.display());
        }),
        Command::Build {
            output,
            base_url,
            drafts,
            timings,
        } => {
            let options = briefing::BuildOptions {
                output,
                base_url,
                drafts,
                ..briefing::BuildOptions::new(&root)
            };
            briefing::build(&options).map(|summary| {
                let changes = summary
                    .written
                    .map(|w| {
                        format!(
                            " ({} written, {} unchanged, {} removed)",
                            w.written, w.unchanged, w.removed
                        )
                    })
                    .unwrap_or_default();
                eprintln!(
                    "Built {} into {} in {} ms{changes}",
                    summary.counts(),
                    summary.output.display(),
                    summary.millis
                );
                if timings {
                    eprint!("{}", summary.timings.table());
                }
                eprint!("{}", summary.warnings.render_with(&root, warnings));
            })
        }
        Command::Mentions { json, paths } => {
            briefing::mentions::mentions(&root, &paths).map(|records| {
                if json {
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&records).expect("mentions serialize")
                    );
                } else {
                    print!("{}", briefing::mentions::format_plain(&records));
                }
            })
        }
        Command::Entities {
            command:
                EntitiesCommand::Suggest {
                    json,
                    min_count,
                    write,
                },
        } => briefing::mentions::suggest(&root, min_count).and_then(|found| {
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&found).expect("suggestions serialize")
                );
            } else {
                print!("{}", briefing::mentions::format_suggestions(&found));
            }
            if write {
                use std::io::IsTerminal;
                let ask = std::io::stdin().is_terminal();
                let outcome = briefing::mentions::review(&root, &found, ask)?;
                for path in &outcome.written {
                    eprintln!("wrote {}", path.display());
                }
                eprintln!(
                    "{} left to review and {} rejected in {}{}",
                    outcome.undecided,
                    outcome.rejected,
                    briefing::review::REVIEW_FILE,
                    if outcome.undecided > 0 && !ask {
                        ": set their `action`, then run `briefing entities suggest --write` again"
                    } else {
                        ""
                    }
                );
            }
            Ok(())
        }),
        Command::Serve {
            port,
            bind,
            open,
            drafts,
            timings,
        } => {
            let options = briefing::serve::ServeOptions {
                port,
                bind,
                open,
                drafts,
                timings,
                warnings,
                ..briefing::serve::ServeOptions::new(&root)
            };
            briefing::serve::serve(&options).map_err(|e| {
                let mut report = briefing::diagnostics::Report::new();
                report.add(&e);
                report
            })
        }
        Command::Check { drafts, json } => {
            let options = briefing::BuildOptions {
                drafts,
                ..briefing::BuildOptions::new(&root)
            };
            let checked = briefing::check(&options);
            if json {
                let report = match &checked {
                    Ok(summary) => &summary.warnings,
                    Err(report) => report,
                };
                println!("{}", briefing::diagnostics::json::to_json(report, warnings));
            }
            match checked {
                Ok(summary) => {
                    if !json {
                        eprint!("{}", summary.warnings.render_with(&root, warnings));
                    }
                    eprintln!("No errors: {} checked", summary.counts());
                    Ok(())
                }
                Err(report) if json => {
                    let errors =
                        briefing::diagnostics::counted(report.error_count(), "error", "errors");
                    eprintln!("error: {errors}; see the JSON on standard output");
                    return ExitCode::FAILURE;
                }
                Err(report) => Err(report),
            }
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(report) => {
            eprint!("{}", report.render_closing(&root, warnings, consequence));
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn command_line_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
