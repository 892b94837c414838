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
    },
    /// Validate everything `build` validates, writing nothing
    Check {
        /// Include articles marked `draft: true`
        #[arg(long)]
        drafts: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = cli.root;
    let result = match cli.command {
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
                    "Built {} into {} in {} ms",
                    summary.counts(),
                    summary.output.display(),
                    summary.millis
                );
                print_warnings(&summary.warnings, &root);
            })
        }
        Command::Serve {
            port,
            bind,
            open,
            drafts,
        } => {
            let options = briefing::serve::ServeOptions {
                port,
                bind,
                open,
                drafts,
                ..briefing::serve::ServeOptions::new(&root)
            };
            briefing::serve::serve(&options).map_err(|e| {
                let mut report = briefing::diagnostics::Report::new();
                report.add(&e);
                report
            })
        }
        Command::Check { drafts } => {
            let options = briefing::BuildOptions {
                drafts,
                ..briefing::BuildOptions::new(&root)
            };
            briefing::check(&options).map(|summary| {
                print_warnings(&summary.warnings, &root);
                eprintln!("No errors: {} checked", summary.counts());
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
