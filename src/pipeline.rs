//! The build pipeline: configuration → content → site model → pages →
//! links → output, driven by one function, [`run`].
//!
//! `build`, `check` and `serve` (and the tests' oracle, [`generate`]) all go
//! through [`run`]; they differ only in what they hand it:
//!
//! | caller | caches ([`Session`]) | last good build | output |
//! |---|---|---|---|
//! | [`build`] | none | none | [`Output::Disk`]: each file staged as it is rendered, moved in on success |
//! | [`check`] | none | none | [`Output::Nowhere`] |
//! | [`generate`] | none | none | [`Output::Memory`]: every file kept |
//! | `serve` | content, site and render memos | its [`Published`] site | [`Output::Memory`] |
//!
//! Every stage reports all of its problems into one [`Report`], and the run
//! goes on as far as it can, so that one invocation shows every error. A
//! run changes nothing it was given but the memos of its session (which are
//! keyed by what they were made from): a failed run returns its report and
//! the caller keeps its last good [`Published`] site as it was.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::config::Config;
use crate::content::cache::ContentCache;
use crate::diagnostics::Report;
use crate::output::links::{Checker, Paths, Targets};
use crate::render::{OutputFile, Plan, Renderer};
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
        use crate::diagnostics::counted;
        format!(
            "{} ({}, {})",
            counted(self.pages, "file", "files"),
            counted(self.articles, "article", "articles"),
            counted(self.entities, "entity", "entities")
        )
    }
}

/// The files of a site by output path: a persistent map, so that a rebuild
/// makes the new site from the last one in proportion to what changed, and
/// both stay whole while the new one is made.
pub type Files = imbl::OrdMap<String, Arc<OutputFile>>;

/// What changed on disk since the last run of a session.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// `briefing.yaml` changed: rebuild everything.
    pub config: bool,
    /// Changed paths under `content/`, relative to the root (files or folders).
    pub content: Vec<PathBuf>,
    /// Read every content file again (events were lost, or on start).
    pub rescan: bool,
}

impl Changes {
    /// Everything, as for the first build.
    pub fn everything() -> Changes {
        Changes {
            config: true,
            content: Vec::new(),
            rescan: true,
        }
    }
}

/// What runs of one session keep for the next, whatever their outcome:
/// memos keyed by what they were made from, never the published site.
pub struct Session {
    /// The parsed content files (`None`: every run reads them all).
    content: Option<ContentCache>,
    site: site::Cache,
    render: render::Memo,
    /// Whether runs keep a [`Published`] site for the next one.
    keep: bool,
}

impl Session {
    /// A session of one run, which keeps nothing (`build`, `check`).
    pub fn one_shot() -> Session {
        Session {
            content: None,
            site: site::Cache::one_shot(),
            render: render::Memo::default(),
            keep: false,
        }
    }

    /// A session whose runs reuse what earlier runs made (`serve`).
    pub fn for_rebuilds(root: &Path) -> Session {
        Session {
            content: Some(ContentCache::new(root)),
            site: site::Cache::for_rebuilds(),
            render: render::Memo::default(),
            keep: true,
        }
    }

    /// A one-shot session that keeps the site, as serve does: the oracle of
    /// the incremental tests.
    fn one_shot_keeping() -> Session {
        Session {
            site: site::Cache::default(),
            keep: true,
            ..Session::one_shot()
        }
    }
}

/// The site of the last good run, as `serve` publishes it: replaced whole
/// by a successful run, left as it is by a failed one.
pub struct Published {
    plan: Plan,
    targets: Targets,
    files: Arc<Files>,
    articles: usize,
}

impl Published {
    /// Every file of the site by path.
    pub fn files(&self) -> &Arc<Files> {
        &self.files
    }

    /// What links may point to: the paths and ids of the files.
    pub fn targets(&self) -> &Targets {
        &self.targets
    }

    pub fn articles(&self) -> usize {
        self.articles
    }
}

/// Where a run puts the files.
pub enum Output {
    /// Staged beside this folder as they are rendered, moved in on success.
    Disk(PathBuf),
    /// Nowhere: validate only.
    Nowhere,
    /// Kept in memory, in the returned [`Published`].
    Memory,
}

/// What a successful run made.
pub struct Outcome {
    pub files: usize,
    pub articles: usize,
    pub entities: usize,
    /// How many pages were rendered (the others were reused).
    pub rendered: usize,
    pub warnings: Report,
    pub timings: Timings,
    /// For [`Output::Disk`].
    pub written: Option<output::WriteStats>,
    /// For [`Output::Memory`]: the new site.
    pub published: Option<Published>,
    /// Paths whose bytes are new or differ from the last good site's.
    pub changed: Vec<String>,
    /// Paths of the last good site that are gone.
    pub removed: Vec<String>,
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

/// Runs every stage: reads what `changes` says changed (everything for a
/// session without a content cache), models the site, renders what differs
/// from `last`, checks every link and puts the files where `output` says.
pub fn run(
    options: &BuildOptions,
    session: &mut Session,
    changes: &Changes,
    last: Option<&Published>,
    output: Output,
) -> Result<Outcome, Report> {
    let mut timings = Timings::default();
    if changes.config {
        // The site cache compares with its last build; start it afresh.
        session.site = if session.keep && session.content.is_some() {
            site::Cache::for_rebuilds()
        } else if session.keep {
            site::Cache::default()
        } else {
            site::Cache::one_shot()
        };
    }
    // The content cache takes the changes before anything can fail, so that
    // none is lost when the configuration is broken.
    let read_started = Instant::now();
    if let Some(cache) = session.content.as_mut() {
        if changes.rescan {
            cache.reload_all();
        } else {
            cache.update(&changes.content);
        }
    }
    let read = read_started.elapsed();

    // The output folder is surveyed (is it ours, which files are there)
    // while the content is read and modelled; a foreign folder is refused
    // before anything is written.
    let (writer, modelled) = std::thread::scope(|scope| {
        let survey = match &output {
            Output::Disk(dir) => Some(scope.spawn(|| {
                let started = Instant::now();
                (output::Writer::begin(dir, &options.root), started.elapsed())
            })),
            _ => None,
        };
        let modelled = model(options, session, read, &mut timings);
        let writer = survey.map(|s| {
            let (writer, took) = s.join().expect("the output survey does not panic");
            timings.record_alongside("output survey", took);
            writer
        });
        (writer, modelled)
    });
    let writer = writer.transpose().map_err(|e| {
        let mut report = Report::new();
        report.add(&e);
        report
    })?;
    let (mut site, mut report) = modelled?;
    let keep = session.keep;
    if !keep {
        site.release_sources();
    }

    let started = Instant::now();
    let mut renderer = match Renderer::new(
        &site,
        &options.root,
        &mut session.render,
        last.map(|p| &p.plan),
        keep,
    ) {
        Ok(r) => r,
        Err(render_report) => {
            report.extend(render_report);
            report.sort();
            return Err(report);
        }
    };
    timings.record("templates", started.elapsed());
    let started = Instant::now();
    let (generated, bytes) = renderer.generate();
    timings.record("search index, previews", started.elapsed());
    timings.detail(format!(
        "{generated} files, {:.1} MB",
        bytes as f64 / 1_000_000.0
    ));
    let paths = match last {
        Some(last) if renderer.same_paths_as(&last.plan) => last.targets.paths.clone(),
        _ => Arc::new(Paths::new(renderer.paths())),
    };
    let started = Instant::now();
    let checker = Checker::new(&paths, &site.base, last.map(|p| &p.targets));
    let written = Mutex::new(Vec::new());
    let write_errors = Mutex::new(Vec::new());
    let pass = renderer.run(last.map(|p| &p.plan), keep, |file| {
        checker.page(file);
        if let Some(w) = &writer {
            match w.file(file) {
                Ok(done) => written.lock().expect("no panics while locked").push(done),
                Err(e) => write_errors.lock().expect("no panics while locked").push(e),
            }
        }
    });
    let files = renderer.len();
    timings.record("pages", started.elapsed());
    let pass = match pass {
        Ok(pass) => {
            timings.detail(format!(
                "{files} files, {} pages looked at, {} rendered{}",
                pass.looked_at,
                pass.rendered,
                match &output {
                    Output::Disk(_) => ", link-checked and staged",
                    _ => " and link-checked",
                }
            ));
            pass
        }
        Err(render_report) => {
            report.extend(render_report);
            report.sort();
            return Err(report);
        }
    };
    drop(renderer);
    for e in write_errors.into_inner().expect("no panics while locked") {
        report.add(&e);
    }

    let started = Instant::now();
    let (broken, found) = checker.finish();
    let (broken, targets) = match (&pass.plan, last) {
        (Some(_), Some(last)) if pass.same_paths && !last.targets.loses_ids(&found) => {
            (broken, Some(last.targets.with_ids(found)))
        }
        (Some(plan), _) => {
            // Pages may be gone, or ids: check every page of the site.
            let all = Checker::new(&paths, &site.base, None);
            plan.files().iter().for_each(|f| all.page(f));
            let (broken, ids) = all.finish();
            let targets = Targets {
                paths: paths.clone(),
                ids: Arc::new(ids),
            };
            (broken, Some(targets))
        }
        (None, _) => (broken, None),
    };
    for mut b in broken {
        b.locate(&options.root, &site.base);
        report.add(&b);
    }
    timings.record("links", started.elapsed());
    report.sort();
    if report.has_errors() {
        return Err(report);
    }
    if let Some(cards) = pass.cards {
        session.render.add_cards(cards, site.articles.len());
    }

    let counts = (site.articles.len(), site.listed_entities().count());
    let rendered = pass.rendered;
    let mut outcome = Outcome {
        files,
        articles: counts.0,
        entities: counts.1,
        rendered,
        warnings: Report::new(),
        timings: Timings::default(),
        written: None,
        published: None,
        changed: Vec::new(),
        removed: Vec::new(),
    };
    if let Some(writer) = writer {
        let written = written.into_inner().expect("no panics while locked");
        match timings.time("write", || writer.commit(written)) {
            Ok(stats) => {
                timings.detail(format!(
                    "{} written, {} unchanged, {} removed",
                    stats.written, stats.unchanged, stats.removed
                ));
                outcome.written = Some(stats);
            }
            Err(e) => {
                report.add(&e);
                return Err(report);
            }
        }
    }
    if let (Some(plan), Output::Memory) = (pass.plan, &output) {
        let started = Instant::now();
        let (files, changed, removed) = publish(&plan, &pass.fresh, pass.same_paths, last);
        outcome.changed = changed;
        outcome.removed = removed;
        outcome.published = Some(Published {
            plan,
            targets: targets.expect("kept with the plan"),
            files: Arc::new(files),
            articles: counts.0,
        });
        timings.record("commit", started.elapsed());
    }
    outcome.warnings = report;
    outcome.timings = timings;
    Ok(outcome)
}

/// Configuration, content and the site model. Problems that do not stop
/// the build go into the returned report.
fn model(
    options: &BuildOptions,
    session: &mut Session,
    read: std::time::Duration,
    timings: &mut Timings,
) -> Result<(Site, Report), Report> {
    let (config, base) = timings.time("configuration", || load_config(options))?;
    let started = Instant::now();
    let (content, errors) = match &session.content {
        Some(cache) => cache.content(options.drafts),
        None => content::load(&options.root, options.drafts),
    };
    timings.record("content", read + started.elapsed());
    timings.detail(format!(
        "{}, {}",
        crate::diagnostics::counted(content.articles.len(), "article", "articles"),
        crate::diagnostics::counted(content.entities.len(), "entity file", "entity files")
    ));
    let mut report = Report::new();
    for e in &errors {
        report.add(e);
    }
    let (site, site_report) = Site::build_cached(config, base, content, &mut session.site, timings);
    report.extend(site_report);
    Ok((site, report))
}

/// The files of the new site by path, with what changed since `last`.
fn publish(
    plan: &Plan,
    fresh: &[usize],
    same_paths: bool,
    last: Option<&Published>,
) -> (Files, Vec<String>, Vec<String>) {
    let differs = |f: &Arc<OutputFile>| match last.and_then(|l| l.files.get(&f.path)) {
        Some(old) => !Arc::ptr_eq(old, f) && old.bytes != f.bytes,
        None => true,
    };
    match last {
        Some(last) if same_paths => {
            let mut files = (*last.files).clone();
            // Cheap: the map's nodes are shared until changed.
            let mut changed = Vec::new();
            for &i in fresh {
                let f = &plan.files()[i];
                if differs(f) {
                    changed.push(f.path.clone());
                    files.insert(f.path.clone(), f.clone());
                }
            }
            (files, changed, Vec::new())
        }
        _ => {
            let files: Files = plan
                .files()
                .iter()
                .map(|f| (f.path.clone(), f.clone()))
                .collect();
            let changed = plan
                .files()
                .iter()
                .filter(|f| differs(f))
                .map(|f| f.path.clone())
                .collect();
            let removed = last
                .map(|l| {
                    l.files
                        .keys()
                        .filter(|p| !files.contains_key(p.as_str()))
                        .cloned()
                        .collect()
                })
                .unwrap_or_default();
            (files, changed, removed)
        }
    }
}

fn summary(outcome: Outcome, output: PathBuf, started: Instant) -> BuildSummary {
    BuildSummary {
        pages: outcome.files,
        articles: outcome.articles,
        entities: outcome.entities,
        output,
        millis: started.elapsed().as_millis(),
        warnings: outcome.warnings,
        timings: outcome.timings,
        written: outcome.written,
    }
}

/// Builds the site into the output folder. On any error nothing is written
/// and the previous output stays as it was.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, Report> {
    let started = Instant::now();
    let output = options.output_dir();
    let outcome = run(
        options,
        &mut Session::one_shot(),
        &Changes::everything(),
        None,
        Output::Disk(output.clone()),
    )?;
    Ok(summary(outcome, output, started))
}

/// Validates everything `build` validates and writes nothing.
pub fn check(options: &BuildOptions) -> Result<BuildSummary, Report> {
    let started = Instant::now();
    let outcome = run(
        options,
        &mut Session::one_shot(),
        &Changes::everything(),
        None,
        Output::Nowhere,
    )?;
    Ok(summary(outcome, PathBuf::new(), started))
}

/// The complete site in memory, with its warnings: what `build` would
/// write, from the same driver with empty caches.
pub struct Generated {
    pub files: Vec<Arc<OutputFile>>,
    pub targets: Targets,
    pub warnings: Report,
}

/// Runs every stage and keeps every file in memory, sorted by path.
pub fn generate(options: &BuildOptions) -> Result<Generated, Report> {
    let outcome = run(
        options,
        &mut Session::one_shot_keeping(),
        &Changes::everything(),
        None,
        Output::Memory,
    )?;
    let published = outcome.published.expect("a memory run publishes its site");
    Ok(Generated {
        files: published.files.values().cloned().collect(),
        targets: published.targets,
        warnings: outcome.warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small_site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let options = crate::corpus::CorpusOptions {
            articles: 5,
            entities: 20,
            seed: 1,
            ..Default::default()
        };
        crate::corpus::generate(dir.path(), &options).unwrap();
        dir
    }

    fn bodies_kept(session: &mut Session, root: &Path) -> usize {
        let options = BuildOptions::new(root);
        let (site, _) = model(
            &options,
            session,
            std::time::Duration::ZERO,
            &mut Timings::default(),
        )
        .unwrap();
        assert_eq!(site.articles.len(), 5);
        site.articles
            .iter()
            .filter(|a| !a.article.body.is_empty())
            .count()
    }

    #[test]
    fn a_one_shot_build_drops_each_articles_markdown_once_rendered_and_serve_keeps_it() {
        let dir = small_site();
        assert_eq!(bodies_kept(&mut Session::one_shot(), dir.path()), 0);
        let mut serve = Session::for_rebuilds(dir.path());
        serve.content.as_mut().unwrap().reload_all();
        assert_eq!(bodies_kept(&mut serve, dir.path()), 5);
        assert_eq!(bodies_kept(&mut Session::one_shot_keeping(), dir.path()), 5);
    }
}
