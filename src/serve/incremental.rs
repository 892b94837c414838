//! Rebuilding after a change, doing only the work the change calls for.
//!
//! [`Incremental::rebuild`] runs the stages of [`crate::generate`] with a
//! cache in each:
//!
//! 1. content: only the changed files are read and parsed again
//!    ([`ContentCache`]); an unchanged file keeps its parsed article;
//! 2. site: only new or changed articles are rendered to HTML; the registry
//!    and profiles are rebuilt only when an entity file changed; the order
//!    and the indexes are reused while no article's date, tags, source or
//!    entities changed ([`site::Cache`]);
//! 3. render: only the pages whose inputs changed are rendered, and while the
//!    site's layout is the same only the pages reading a changed article have
//!    their inputs hashed ([`RenderCache`]); a template change re-renders the
//!    pages using it;
//! 4. links: only the changed pages are checked, unless a page disappeared or
//!    a page's ids changed, which may break links on any page.
//!
//! A change to `briefing.yaml` empties the caches: everything is rebuilt. A
//! rebuild that finds errors changes nothing: the last good site stays, and
//! the next rebuild compares with it. The outcome always equals a full build
//! of the same files; `tests/incremental.rs` checks that on random edits.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crate::content::cache::ContentCache;
use crate::diagnostics::Report;
use crate::output::links::{self, Targets};
use crate::pipeline::load_config;
use crate::render::{OutputFile, RenderCache};
use crate::site::{self, Site};
use crate::timings::Timings;
use crate::BuildOptions;

/// The files of a site by output path.
pub type Files = BTreeMap<String, Arc<OutputFile>>;

/// What changed on disk since the last rebuild.
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

/// What a successful rebuild changed in the site.
#[derive(Debug, Default)]
pub struct Update {
    /// Output paths whose bytes are new or different.
    pub changed: Vec<String>,
    /// Output paths that no longer exist.
    pub removed: Vec<String>,
    /// How many pages were rendered (the rest were reused).
    pub rendered: usize,
    pub warnings: Report,
    pub millis: u128,
    /// Where the time of this rebuild went.
    pub timings: Timings,
}

/// A site kept in memory and rebuilt incrementally.
pub struct Incremental {
    options: BuildOptions,
    content: ContentCache,
    site: site::Cache,
    render: RenderCache,
    targets: Targets,
    files: Arc<Files>,
    articles: usize,
}

impl Incremental {
    /// An empty state; the first [`Incremental::rebuild`] builds everything.
    pub fn new(options: BuildOptions) -> Self {
        Incremental {
            content: ContentCache::new(&options.root),
            options,
            site: site::Cache::for_rebuilds(),
            render: RenderCache::default(),
            targets: Targets::default(),
            files: Arc::new(Files::new()),
            articles: 0,
        }
    }

    /// The files of the last good build (empty before the first one).
    pub fn files(&self) -> &Arc<Files> {
        &self.files
    }

    /// The number of articles of the last good build.
    pub fn articles(&self) -> usize {
        self.articles
    }

    /// Brings the site up to date with the files on disk. On errors the last
    /// good site is kept and the report says what is wrong.
    pub fn rebuild(&mut self, changes: &Changes) -> Result<Update, Report> {
        let started = Instant::now();
        let mut timings = Timings::default();
        if changes.config {
            self.site = site::Cache::for_rebuilds();
            self.render = RenderCache::default();
        }
        // The content cache takes the changes before anything can fail, so
        // that none is lost when the configuration is broken.
        let content_started = Instant::now();
        if changes.rescan {
            self.content.reload_all();
        } else {
            self.content.update(&changes.content);
        }
        let read = content_started.elapsed();
        let (config, base) = timings.time("configuration", || load_config(&self.options))?;
        let content_started = Instant::now();
        let mut report = Report::new();
        let (content, errors) = self.content.content(self.options.drafts);
        timings.record("content", read + content_started.elapsed());
        for e in &errors {
            report.add(e);
        }
        let (site, site_report) =
            Site::build_cached(config, base, content, &mut self.site, &mut timings);
        report.extend(site_report);
        let pass = match self.render.render(&site, &self.options.root, &mut timings) {
            Ok(pass) => pass,
            Err(render_report) => {
                report.extend(render_report);
                report.sort();
                return Err(report);
            }
        };

        let links_started = Instant::now();
        // What changed: with the same paths as before, only the renewed files
        // can differ, and none is gone.
        let differs = |f: &Arc<OutputFile>| match self.files.get(&f.path) {
            Some(old) => !Arc::ptr_eq(old, f) && old.bytes != f.bytes,
            None => true,
        };
        let (changed, removed): (Vec<Arc<OutputFile>>, Vec<String>) = if pass.same_paths {
            let changed = pass
                .renewed
                .iter()
                .map(|&i| &pass.files[i])
                .filter(|f| differs(f))
                .cloned()
                .collect();
            (changed, Vec::new())
        } else {
            let paths: HashSet<&str> = pass.files.iter().map(|f| f.path.as_str()).collect();
            let changed = pass.files.iter().filter(|f| differs(f)).cloned().collect();
            let removed = self
                .files
                .keys()
                .filter(|p| !paths.contains(p.as_str()))
                .cloned()
                .collect();
            (changed, removed)
        };

        // Links: only the changed pages, unless targets may have gone.
        let mut undo = Vec::new();
        let mut ids_changed = false;
        for f in &changed {
            let previous = self.targets.insert(&f.path, Targets::ids_of(f));
            ids_changed |= previous.0 && previous.1 != Targets::ids_of(f);
            undo.push((f.path.clone(), previous));
        }
        let broken = if removed.is_empty() && !ids_changed {
            links::check_against(&changed, &self.targets, &site.base)
        } else {
            let all = Targets::of(&pass.files);
            let broken = links::check_against(&pass.files, &all, &site.base);
            if broken.is_empty() {
                self.targets = all;
                undo.clear();
            }
            broken
        };
        for b in &broken {
            report.add(b);
        }
        report.sort();
        if report.has_errors() {
            for (path, previous) in undo.into_iter().rev() {
                self.targets.restore(&path, previous);
            }
            return Err(report);
        }

        timings.record("links", links_started.elapsed());
        let commit_started = Instant::now();
        let files = if pass.same_paths {
            let mut files = (*self.files).clone();
            for f in &changed {
                files.insert(f.path.clone(), f.clone());
            }
            files
        } else {
            pass.files
                .iter()
                .map(|f| (f.path.clone(), f.clone()))
                .collect()
        };
        let rendered = pass.rendered;
        self.render.commit(pass);
        self.files = Arc::new(files);
        self.articles = site.articles.len();
        timings.record("commit", commit_started.elapsed());
        Ok(Update {
            changed: changed.iter().map(|f| f.path.clone()).collect(),
            removed,
            rendered,
            warnings: report,
            millis: started.elapsed().as_millis(),
            timings,
        })
    }
}
