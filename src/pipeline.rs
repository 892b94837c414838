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
use crate::site::{self, Site};
use crate::timings::Timings;
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
    /// Where the time went, stage by stage.
    pub timings: Timings,
    /// What writing changed in the output folder (`None` for `check`).
    pub written: Option<output::WriteStats>,
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

/// The site model: configuration, content and the site built from them.
/// Problems that do not stop the build go into `report`.
fn model(
    options: &BuildOptions,
    timings: &mut Timings,
    report: &mut Report,
) -> Result<Site, Report> {
    let root = &options.root;
    let (config, base) = timings.time("configuration", || load_config(options))?;
    let (content, errors) = timings.time("content", || content::load(root, options.drafts));
    timings.detail(format!(
        "{} articles, {} entity files",
        content.articles.len(),
        content.entities.len()
    ));
    for e in &errors {
        report.add(e);
    }
    let (site, site_report) =
        Site::build_cached(config, base, content, &mut site::Cache::default(), timings);
    report.extend(site_report);
    Ok(site)
}

/// Runs every stage but writing and keeps the whole site in memory.
pub fn generate(options: &BuildOptions) -> Result<Generated, Report> {
    let mut timings = Timings::default();
    let mut report = Report::new();
    let site = model(options, &mut timings, &mut report)?;
    match render::render(&site, &options.root, &mut timings) {
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

/// What [`stream`] made.
struct Streamed {
    site: Site,
    files: usize,
    written: Vec<output::Written>,
    warnings: Report,
}

/// Runs every stage and hands each file to `writer` (when given) as soon as
/// it is rendered and its links are checked, so the site is never held in
/// memory as a whole.
fn stream(
    options: &BuildOptions,
    timings: &mut Timings,
    writer: Option<&output::Writer>,
) -> Result<Streamed, Report> {
    let (site, report) = prepare(options, timings)?;
    emit(options, site, report, timings, writer)
}

/// The model of a one-shot build, its sources freed, with the warnings so far.
fn prepare(options: &BuildOptions, timings: &mut Timings) -> Result<(Site, Report), Report> {
    let mut report = Report::new();
    let mut site = model(options, timings, &mut report)?;
    site.release_sources();
    Ok((site, report))
}

/// Renders `site` file by file, checking links and handing each file to `writer`.
fn emit(
    options: &BuildOptions,
    site: Site,
    mut report: Report,
    timings: &mut Timings,
    writer: Option<&output::Writer>,
) -> Result<Streamed, Report> {
    let renderer = match render::Renderer::new(&site, &options.root, timings) {
        Ok(r) => r,
        Err(render_report) => {
            report.extend(render_report);
            report.sort();
            return Err(report);
        }
    };
    let paths = renderer.paths();
    let links = output::links::Streamed::new(paths, &site.base);
    let started = Instant::now();
    let results = renderer.each(|file| {
        links.page(&file);
        writer.map(|w| w.file(&file)).transpose()
    });
    timings.record("pages", started.elapsed());
    timings.detail(format!(
        "{} files rendered{}",
        renderer.len(),
        if writer.is_some() {
            ", link-checked and staged"
        } else {
            " and link-checked"
        }
    ));
    let mut written = Vec::new();
    match results {
        Ok(results) => {
            for result in results {
                match result {
                    Ok(Some(w)) => written.push(w),
                    Ok(None) => {}
                    Err(e) => report.add(&e),
                }
            }
        }
        Err(render_report) => report.extend(render_report),
    }
    let broken = timings.time("links to fragments", || links.finish());
    for broken in &broken {
        report.add(broken);
    }
    report.sort();
    if report.has_errors() {
        return Err(report);
    }
    let files = renderer.len();
    drop(renderer);
    Ok(Streamed {
        site,
        files,
        written,
        warnings: report,
    })
}

fn summary(
    streamed: &Streamed,
    output: PathBuf,
    started: Instant,
    timings: Timings,
    stats: Option<output::WriteStats>,
) -> BuildSummary {
    BuildSummary {
        pages: streamed.files,
        articles: streamed.site.articles.len(),
        entities: streamed.site.listed_entities().count(),
        output,
        millis: started.elapsed().as_millis(),
        warnings: streamed.warnings.clone(),
        timings,
        written: stats,
    }
}

/// Builds the site into the output folder. On any error nothing is written
/// and the previous output stays as it was.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, Report> {
    let started = Instant::now();
    let output_dir = options.output_dir();
    let mut timings = Timings::default();
    // The survey of the output folder (is it ours, which files are there)
    // reads the disk while the content is read and modelled; a foreign
    // folder is refused before anything is written.
    let (writer, prepared) = std::thread::scope(|scope| {
        let survey = scope.spawn(|| {
            let started = Instant::now();
            (
                output::Writer::begin(&output_dir, &options.root),
                started.elapsed(),
            )
        });
        let prepared = prepare(options, &mut timings);
        let (writer, took) = survey.join().expect("the output survey does not panic");
        timings.record_alongside("output survey", took);
        (writer, prepared)
    });
    let writer = writer.map_err(|e| {
        let mut report = Report::new();
        report.add(&e);
        report
    })?;
    let (site, report) = prepared?;
    let mut streamed = emit(options, site, report, &mut timings, Some(&writer))?;
    let written = std::mem::take(&mut streamed.written);
    let stats = timings.time("write", || writer.commit(written));
    match stats {
        Ok(stats) => {
            timings.detail(format!(
                "{} written, {} unchanged, {} removed",
                stats.written, stats.unchanged, stats.removed
            ));
            Ok(summary(
                &streamed,
                output_dir,
                started,
                timings,
                Some(stats),
            ))
        }
        Err(e) => {
            let mut report = streamed.warnings;
            report.add(&e);
            Err(report)
        }
    }
}

/// Validates everything `build` validates and writes nothing.
pub fn check(options: &BuildOptions) -> Result<BuildSummary, Report> {
    let started = Instant::now();
    let mut timings = Timings::default();
    let streamed = stream(options, &mut timings, None)?;
    Ok(summary(&streamed, PathBuf::new(), started, timings, None))
}
