//! The `briefing` command line: parses arguments, calls the library, prints
//! diagnostics and sets the exit status. Everything else lives in the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
    },
    /// Turn pastes, saved pages, URLs or Markdown into content/articles/<slug>.md
    Ingest(IngestArgs),
    /// Validate everything `build` validates, writing nothing
    Check {
        /// Include articles marked `draft: true`
        #[arg(long)]
        drafts: bool,
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
    /// Print the Markdown, write nothing
    #[arg(long)]
    dry_run: bool,
    /// Overwrite existing files and ingest duplicates again
    #[arg(long)]
    force: bool,
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
            dry_run: self.dry_run,
            force: self.force,
            progress: true,
        }
    }
}

/// Runs `ingest`: written paths (or Markdown) to stdout, problems and the summary to stderr.
fn ingest(root: &std::path::Path, args: &IngestArgs) -> ExitCode {
    use briefing::diagnostics::ToDiagnostic;
    use briefing::ingest::{Input, Status};
    let inputs: Vec<Input> = args.inputs.iter().map(|a| Input::parse(a)).collect();
    let outcome = briefing::ingest::ingest(root, &inputs, &args.options());
    for result in &outcome.results {
        for warning in &result.warnings {
            eprintln!("{}\n", warning.to_diagnostic().render(root));
        }
        match &result.status {
            Status::Written(path) => println!("{}", path.display()),
            Status::Printed(markdown) => print!("{markdown}"),
            Status::Duplicate(_) => {}
            Status::Failed(error) => eprintln!("{}\n", error.to_diagnostic().render(root)),
        }
    }
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
    let cli = Cli::parse();
    let root = cli.root;
    let result = match cli.command {
        Command::Ingest(args) => return ingest(&root, &args),
        Command::Init { dir } => briefing::init::init(&dir).map(|()| {
            println!("Created a briefing site in {}", dir.display());
            println!("Build it with: briefing --root {} build", dir.display());
        }),
        Command::Build {
            output,
            base_url,
            drafts,
        } => {
            let options = briefing::BuildOptions {
                output,
                base_url,
                drafts,
                ..briefing::BuildOptions::new(&root)
            };
            briefing::build(&options).map(|summary| {
                eprintln!(
                    "Built {} pages ({} articles, {} entities) into {} in {} ms",
                    summary.pages,
                    summary.articles,
                    summary.entities,
                    summary.output.display(),
                    summary.millis
                );
                print_warnings(&summary.warnings, &root);
            })
        }
        Command::Check { drafts } => {
            let options = briefing::BuildOptions {
                drafts,
                ..briefing::BuildOptions::new(&root)
            };
            briefing::check(&options).map(|summary| {
                print_warnings(&summary.warnings, &root);
                eprintln!(
                    "No errors in {} articles and {} entities ({} pages checked)",
                    summary.articles, summary.entities, summary.pages
                );
            })
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(report) => {
            eprint!("{}", report.render(&root));
            ExitCode::FAILURE
        }
    }
}

fn print_warnings(warnings: &briefing::diagnostics::Report, root: &std::path::Path) {
    if !warnings.is_empty() {
        eprint!("{}", warnings.render(root));
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
