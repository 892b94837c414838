//! The build pipeline: configuration → content → site model → pages → output.
//!
//! [`build`] and [`check`] run the same stages; `check` stops before writing.
//! Every stage reports all of its problems into one [`Report`], and the run
//! goes on as far as it can, so that one invocation shows every error.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::config::Config;
use crate::diagnostics::Report;
use crate::render::OutputFile;
use crate::site::urls::BaseUrl;
use crate::site::Site;
use crate::{content, output, render};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root (holding `briefing.yaml`).
    pub root: PathBuf,
    /// The output folder; `<root>/site` when not given.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from the configuration.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
}

impl BuildOptions {
    pub fn new(root: impl AsRef<Path>) -> Self {
        BuildOptions {
            root: root.as_ref().to_path_buf(),
            output: None,
            base_url: None,
            drafts: false,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("site"))
    }
}

/// What a successful run did.
#[derive(Debug, Default)]
pub struct BuildSummary {
    /// Files of the site (pages, feeds, static files).
    pub pages: usize,
    pub articles: usize,
    /// Entities with a page.
    pub entities: usize,
    pub output: PathBuf,
    pub millis: u128,
    pub warnings: Report,
}

impl BuildSummary {
    /// "26 files (2 articles, 6 entities)".
    pub fn counts(&self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "{} ({}, {})",
            plural(self.pages, "file", "files"),
            plural(self.articles, "article", "articles"),
            plural(self.entities, "entity", "entities")
        )
    }
}

/// The complete site in memory, with its warnings.
pub struct Generated {
    pub site: Site,
    pub files: Vec<OutputFile>,
    pub warnings: Report,
}

/// Loads the configuration and applies the options' base URL.
pub(crate) fn load_config(options: &BuildOptions) -> Result<(Config, BaseUrl), Report> {
    let mut report = Report::new();
    let mut config = match Config::load(&options.root) {
        Ok(c) => c,
        Err(errors) => {
            for e in &errors {
                report.add(e);
            }
            return Err(report);
        }
    };
    if let Some(url) = &options.base_url {
        config.base_url = url.clone();
    }
    match BaseUrl::parse(&config.base_url) {
        Ok(base) => Ok((config, base)),
        Err(message) => {
            report.push(crate::diagnostics::Diagnostic::error(message).help(
                "pass --base-url with an absolute URL such as https://example.org/briefing/",
            ));
            Err(report)
        }
    }
}

/// Runs every stage but writing.
pub fn generate(options: &BuildOptions) -> Result<Generated, Report> {
    let mut report = Report::new();
    let root = &options.root;
    let (config, base) = load_config(options)?;
    let (content, errors) = content::load(root, options.drafts);
    for e in &errors {
        report.add(e);
    }
    let (site, site_report) = Site::build(config, base, content);
    report.extend(site_report);
    match render::render(&site, root) {
        Ok(files) => {
            for broken in output::links::check(&files, &site.base) {
                report.add(&broken);
            }
            report.sort();
            if report.has_errors() {
                return Err(report);
            }
            Ok(Generated {
                site,
                files,
                warnings: report,
            })
        }
        Err(render_report) => {
            report.extend(render_report);
            report.sort();
            Err(report)
        }
    }
}

fn summary(generated: &Generated, output: PathBuf, started: Instant) -> BuildSummary {
    BuildSummary {
        pages: generated.files.len(),
        articles: generated.site.articles.len(),
        entities: generated.site.listed_entities().count(),
        output,
        millis: started.elapsed().as_millis(),
        warnings: generated.warnings.clone(),
    }
}

/// Builds the site into the output folder. On any error nothing is written
/// and the previous output stays as it was.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, Report> {
    let started = Instant::now();
    let output_dir = options.output_dir();
    // Refuse a foreign output folder before doing any work.
    if let Err(e) = output::check_output(&output_dir, &options.root) {
        let mut report = Report::new();
        report.add(&e);
        return Err(report);
    }
    let generated = generate(options)?;
    if let Err(e) = output::write(&generated.files, &output_dir, &options.root) {
        let mut report = generated.warnings;
        report.add(&e);
        return Err(report);
    }
    Ok(summary(&generated, output_dir, started))
}

/// Validates everything `build` validates and writes nothing.
pub fn check(options: &BuildOptions) -> Result<BuildSummary, Report> {
    let started = Instant::now();
    let generated = generate(options)?;
    Ok(summary(&generated, PathBuf::new(), started))
}
