//! Rebuilding after a change, doing only the work the change calls for.
//!
//! [`Incremental::rebuild`] runs the one pipeline ([`crate::pipeline::run`])
//! with the memos of a rebuilding [`Session`] and the site it last
//! published:
//!
//! 1. content: only the changed files are read and parsed again; an
//!    unchanged file keeps its parsed article;
//! 2. site: only new or changed articles are rendered to HTML; the registry
//!    and profiles are rebuilt only when an entity file changed; the order
//!    and the indexes are reused while no article's date, tags, source or
//!    entities changed;
//! 3. render: only the pages whose context changed are rendered, and while
//!    the site's layout is the same only the contexts reading a changed
//!    article are built again;
//! 4. links: only the new pages are checked, unless a page or an id
//!    disappeared, which may break links on any page.
//!
//! The published site (files, link targets, render plan) is one value: a
//! successful rebuild replaces it whole, a failed one leaves it as it was,
//! so the next rebuild compares with the last good site. The outcome always
//! equals a full build of the same files; `tests/incremental.rs` checks that
//! on random edits, failures included.

use std::sync::Arc;
use std::time::Instant;

use crate::diagnostics::Report;
use crate::output::links::Targets;
use crate::pipeline::{self, Output, Published, Session};
pub use crate::pipeline::{Changes, Files};
use crate::timings::Timings;
use crate::BuildOptions;

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
    session: Session,
    published: Option<Published>,
    empty: Arc<Files>,
}

impl Incremental {
    /// An empty state; the first [`Incremental::rebuild`] builds everything.
    pub fn new(options: BuildOptions) -> Self {
        Incremental {
            session: Session::for_rebuilds(&options.root),
            options,
            published: None,
            empty: Arc::new(Files::new()),
        }
    }

    /// The site root.
    pub fn root(&self) -> &std::path::Path {
        &self.options.root
    }

    /// The files of the last good build (empty before the first one).
    pub fn files(&self) -> &Arc<Files> {
        self.published.as_ref().map_or(&self.empty, |p| p.files())
    }

    /// What links of the last good build may point to.
    pub fn targets(&self) -> Option<&Targets> {
        self.published.as_ref().map(Published::targets)
    }

    /// The number of articles of the last good build.
    pub fn articles(&self) -> usize {
        self.published.as_ref().map_or(0, Published::articles)
    }

    /// Brings the site up to date with the files on disk. On errors the last
    /// good site is kept and the report says what is wrong.
    pub fn rebuild(&mut self, changes: &Changes) -> Result<Update, Report> {
        let started = Instant::now();
        let outcome = pipeline::run(
            &self.options,
            &mut self.session,
            changes,
            self.published.as_ref(),
            Output::Memory,
        )?;
        self.published = outcome.published;
        Ok(Update {
            changed: outcome.changed,
            removed: outcome.removed,
            rendered: outcome.rendered,
            warnings: outcome.warnings,
            millis: started.elapsed().as_millis(),
            timings: outcome.timings,
        })
    }
}
