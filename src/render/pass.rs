//! One rendering pass over a site: every page, or, given the plan of the
//! last good pass, only the pages whose context changed.
//!
//! [`Renderer::new`] loads the theme (compiling it unless the [`Memo`] holds
//! the same templates) and lists the pages; [`Renderer::paths`] gives every
//! output path before anything is rendered, so that links can be checked
//! as pages stream by; [`Renderer::run`] renders and hands each new file to
//! a callback at once.
//!
//! A page's key is a hash of its serialized context ([`PageContext::key`]),
//! of its template and every template it uses, and of the configuration. A
//! pass that keeps a [`Plan`] renders a page only when its key differs from
//! the last plan's at the same path. Building every context still reads the
//! whole site, so a pass first compares the site's layout (the theme, the
//! configuration and registry, the indexes, the list of pages, each
//! article's route and date) with the last plan's: while it is the same, so
//! are the pages, their paths and which articles each page's context read,
//! and only the contexts reading an article whose file changed are built
//! again. An edit to one article's text costs the few pages showing it.
//!
//! A pass changes nothing it is given: it returns a new plan, which the
//! caller keeps only if the whole build succeeds.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::pages::{self, CardMemo, Carried, Job, Pages};
use super::templates::Compiled;
use super::theme::{Origin, Theme, ThemeFile};
use super::{merge_repeated, Error, OutputFile};
use crate::diagnostics::Report;
use crate::hash::KeyHasher;
use crate::site::urls::file_of;
use crate::site::Site;

/// What passes keep from one to the next whatever their outcome: the
/// compiled templates, the rendered list cards and the search index's
/// documents, each keyed by what it is made from.
#[derive(Default)]
pub struct Memo {
    compiled: Option<Compiled>,
    cards: Option<CardMemo>,
    /// The search index's documents of the last pass that kept them.
    search: std::sync::Mutex<super::search::Memo>,
}

impl Memo {
    /// Keeps the cards a pass rendered for the next passes of a site of
    /// `articles` articles.
    pub fn add_cards(&mut self, cards: CardMemo, articles: usize) {
        // Twice the articles: edits leave about one old card per article.
        let limit = 2 * articles.max(1);
        self.cards
            .get_or_insert_with(CardMemo::default)
            .add(cards, limit);
    }
}

/// What the last good pass rendered: its pages in job order, with the key
/// of each and the articles each read.
pub struct Plan {
    /// The site's layout and theme: while it stays the same, so do the
    /// pages, their paths, the static files and what each page reads.
    site_key: u64,
    /// Output path per page.
    paths: Arc<Vec<String>>,
    /// Key per page.
    keys: Vec<u64>,
    /// Every file: the pages in job order, then the static files.
    files: Vec<Arc<OutputFile>>,
    /// Per article: a hash of its file.
    values: Vec<u64>,
    /// Per article: the pages whose context read it.
    readers: Arc<Vec<Vec<u32>>>,
    /// What the next pass may take over if the layout stays the same.
    carried: Carried,
    /// The version of the search index.
    search_version: String,
}

impl Plan {
    /// Every file of the site: the pages, then the static files.
    pub fn files(&self) -> &[Arc<OutputFile>] {
        &self.files
    }
}

/// The outcome of one pass.
pub struct Pass {
    /// How many pages were rendered (the others were reused).
    pub rendered: usize,
    /// Of how many pages the context was built.
    pub looked_at: usize,
    /// The site has exactly the paths of the last plan.
    pub same_paths: bool,
    /// With a plan kept: every file, and which of them (indexes) are new in
    /// this pass, the others being the last plan's very files.
    pub plan: Option<Plan>,
    pub fresh: Vec<usize>,
    /// The cards rendered, for [`Memo::add_cards`].
    pub cards: Option<CardMemo>,
}

/// The compiled theme and the list of every file of a site, ready to render.
pub struct Renderer<'m> {
    site: &'m Site,
    theme: Theme,
    compiled: &'m Compiled,
    known_cards: Option<&'m CardMemo>,
    jobs: Vec<Job>,
    page_paths: Arc<Vec<String>>,
    site_key: u64,
    /// The site is laid out as in the last plan.
    same_layout: bool,
    /// The static files that no page replaces.
    statics: Vec<String>,
    /// Files made from the site model rather than a template: the search
    /// index and the entities' preview cards. No page links to them, so
    /// they are not among the paths links are checked against.
    generated: Vec<Arc<OutputFile>>,
    /// The route of the search index's folder, and its version.
    search_folder: String,
    search_version: String,
    /// Where passes that keep their plan keep the search index's documents.
    search_memo: Option<&'m std::sync::Mutex<super::search::Memo>>,
}

impl<'m> Renderer<'m> {
    /// Loads the theme, compiles it unless `memo` holds it, and lists the
    /// pages of `site`. `keep` passes use the cards of earlier passes.
    pub fn new(
        site: &'m Site,
        root: &Path,
        memo: &'m mut Memo,
        last: Option<&Plan>,
        keep: bool,
    ) -> Result<Self, Report> {
        let theme = Theme::load(root, &site.config.theme).map_err(|e| {
            let mut report = Report::new();
            report.add(&Error::from(e));
            report
        })?;
        if !memo.compiled.as_ref().is_some_and(|c| c.is_of(&theme)) {
            memo.compiled = None;
            memo.compiled = Some(Compiled::of(&theme).map_err(|errors| {
                let mut report = Report::new();
                for e in &errors {
                    report.add(e);
                }
                report
            })?);
        }
        let compiled = memo.compiled.as_mut().expect("compiled above");
        let (info, strings) = pages::globals(site);
        let globals = compiled.tera.global_context();
        globals.insert("site", &info);
        globals.insert("t", &strings.strings);
        globals.insert("i18n", &pages::all_strings());
        let memo: &'m Memo = memo;
        let compiled = memo.compiled.as_ref().expect("compiled above");
        let pages = Pages::for_layout(site, compiled, &theme);
        let jobs = pages.jobs();
        let site_key = site_key(site, compiled, &jobs, &theme);
        let same_layout = keep
            && last
                .is_some_and(|p| p.site_key == site_key && p.values.len() == site.articles.len());
        let page_paths = match last {
            Some(last) if same_layout => last.paths.clone(),
            _ => Arc::new(jobs.par_iter().map(|j| file_of(&pages.route(j))).collect()),
        };
        drop(pages);
        let statics = unclaimed(&theme, &page_paths);
        Ok(Renderer {
            site,
            theme,
            compiled,
            known_cards: if keep { memo.cards.as_ref() } else { None },
            search_memo: keep.then_some(&memo.search),
            jobs,
            page_paths,
            site_key,
            same_layout,
            statics,
            generated: Vec::new(),
            search_folder: "search/".into(),
            search_version: String::new(),
        })
    }

    /// Makes the files that come from the site model rather than a
    /// template: the search index ([`super::search`]) and the entities'
    /// preview cards ([`super::previews`]).
    /// Returns how many files they are and their bytes.
    pub fn generate(&mut self) -> (usize, usize) {
        let site = self.site;
        let strings = super::i18n::Strings::for_language(site.config.language);
        let (index, cards) = rayon::join(
            || super::search::build(site, strings, self.search_memo),
            || super::previews::cards(site, strings),
        );
        self.search_folder = index.folder;
        self.search_version = index.version;
        self.generated = index.files.into_iter().chain(cards).map(Arc::new).collect();
        (
            self.generated.len(),
            self.generated.iter().map(|f| f.bytes.len()).sum(),
        )
    }

    /// The path of every file of the site (the generated ones once
    /// [`Renderer::generate`] made them).
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.page_paths
            .iter()
            .chain(&self.statics)
            .map(String::as_str)
            .chain(self.generated.iter().map(|f| f.path.as_str()))
    }

    /// Whether the site has exactly the paths of `last`: laid out the same,
    /// with the same static and generated files (an edit gives the search
    /// index a new folder).
    pub fn same_paths_as(&self, last: &Plan) -> bool {
        self.same_layout && {
            let after_pages = &last.files[last.paths.len()..];
            after_pages.len() == self.statics.len() + self.generated.len()
                && after_pages.iter().map(|f| f.path.as_str()).eq(self
                    .statics
                    .iter()
                    .map(String::as_str)
                    .chain(self.generated.iter().map(|f| f.path.as_str())))
        }
    }

    /// How many files the site has.
    pub fn len(&self) -> usize {
        self.page_paths.len() + self.statics.len() + self.generated.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the site is laid out as in the last plan: then only the
    /// pages reading a changed article are looked at.
    pub fn same_layout(&self) -> bool {
        self.same_layout
    }

    /// Renders the site and hands each file rendered in this pass to `each`
    /// as soon as it is made. With `keep`, renders only what changed since
    /// `last` and returns the new plan. Template errors of every page are
    /// reported together.
    pub fn run(
        &self,
        last: Option<&Plan>,
        keep: bool,
        each: impl Fn(&Arc<OutputFile>) + Sync,
    ) -> Result<Pass, Report> {
        // With the layout unchanged, the cards of unchanged articles and
        // the archive's months are those of the last pass.
        let carried = match last {
            Some(last) if self.same_layout => {
                let values = &last.values;
                let articles = &self.site.articles;
                Some(
                    last.carried
                        .clone()
                        .keep_cards(|i| articles[i].fingerprint == values[i]),
                )
            }
            _ => None,
        };
        let pages = Pages::new(
            self.site,
            self.compiled,
            &self.theme,
            self.known_cards,
            carried,
        )
        .with_search(&self.search_folder, &self.search_version);
        let result = if keep {
            self.run_keeping(&pages, last, &each)
        } else {
            self.run_once(&pages, &each)
        };
        result.map(|mut pass| {
            if keep {
                pass.cards = Some(pages.cards_made());
                if let Some(plan) = pass.plan.as_mut() {
                    plan.carried = pages.carried();
                }
            }
            pass
        })
    }

    /// Every page rendered, nothing kept.
    fn run_once(
        &self,
        pages: &Pages,
        each: &(dyn Fn(&Arc<OutputFile>) + Sync),
    ) -> Result<Pass, Report> {
        let errors: Vec<Error> = self
            .jobs
            .par_iter()
            .filter_map(|job| match pages.render_job(job) {
                Ok(file) => {
                    each(&Arc::new(file));
                    None
                }
                Err(e) => Some(e),
            })
            .collect();
        fail_on(errors)?;
        for name in &self.statics {
            each(&Arc::new(static_file(name, &self.theme.statics[name])));
        }
        self.generated.par_iter().for_each(each);
        Ok(Pass {
            rendered: self.jobs.len(),
            looked_at: self.jobs.len(),
            same_paths: false,
            plan: None,
            fresh: Vec::new(),
            cards: None,
        })
    }

    fn run_keeping(
        &self,
        pages: &Pages,
        last: Option<&Plan>,
        each: &(dyn Fn(&Arc<OutputFile>) + Sync),
    ) -> Result<Pass, Report> {
        let site = self.site;
        let site_key = self.site_key;
        let values: Vec<u64> = site.articles.iter().map(|a| a.fingerprint).collect();
        let config_key = (site.fingerprint, self.compiled.key);
        let key_of = |context: &pages::PageContext| {
            crate::hash::hash_of((
                config_key,
                self.compiled.key_of(context.template),
                context.key(),
            ))
        };
        let same_layout = last.filter(|_| self.same_layout);
        let n = self.jobs.len();

        // Which pages to look at, their keys and files so far (the last
        // plan's, for a site laid out as it was), and who reads whom.
        type Start = (
            Vec<usize>,
            Vec<u64>,
            Vec<Option<Arc<OutputFile>>>,
            Option<Arc<Vec<Vec<u32>>>>,
        );
        let (look_at, mut keys, mut files, readers): Start = match same_layout {
            Some(last) => {
                let mut stale: Vec<usize> = values
                    .iter()
                    .zip(&last.values)
                    .enumerate()
                    .filter(|(_, (new, old))| new != old)
                    .flat_map(|(i, _)| last.readers[i].iter().map(|&j| j as usize))
                    .collect();
                // The search page names the index's folder, which any edit
                // may move.
                if self.search_version != last.search_version {
                    stale.extend(self.jobs.iter().position(|j| matches!(j, Job::Search)));
                }
                stale.sort_unstable();
                stale.dedup();
                (
                    stale,
                    last.keys.clone(),
                    last.files[..n].iter().cloned().map(Some).collect(),
                    Some(last.readers.clone()),
                )
            }
            None => ((0..n).collect(), vec![0; n], vec![None; n], None),
        };
        // The last plan's page at each path, to reuse when its key is the same.
        let by_path: HashMap<&str, usize> = match (same_layout, last) {
            (None, Some(last)) => last
                .paths
                .iter()
                .enumerate()
                .map(|(j, p)| (p.as_str(), j))
                .collect(),
            _ => HashMap::new(),
        };

        struct Looked {
            job: usize,
            key: u64,
            reads: Vec<u32>,
            file: Result<Option<Arc<OutputFile>>, Error>,
        }
        let looked: Vec<Looked> = look_at
            .par_iter()
            .map(|&j| {
                let context = match pages.context(&self.jobs[j]) {
                    Ok(c) => c,
                    Err(e) => {
                        return Looked {
                            job: j,
                            key: 0,
                            reads: Vec::new(),
                            file: Err(e),
                        }
                    }
                };
                let key = key_of(&context);
                let unchanged = match same_layout {
                    Some(last) => last.keys[j] == key,
                    None => last.is_some_and(|last| {
                        by_path
                            .get(self.page_paths[j].as_str())
                            .is_some_and(|&old| last.keys[old] == key)
                    }),
                };
                let file = if unchanged {
                    Ok(None)
                } else {
                    pages.render(&context).map(|f| {
                        let f = Arc::new(f);
                        each(&f);
                        Some(f)
                    })
                };
                Looked {
                    job: j,
                    key,
                    reads: context.reads,
                    file,
                }
            })
            .collect();

        let looked_at = looked.len();
        let mut errors = Vec::new();
        let mut fresh = Vec::new();
        let mut reads_of: Vec<(usize, Vec<u32>)> = Vec::new();
        for l in looked {
            keys[l.job] = l.key;
            match l.file {
                Ok(Some(file)) => {
                    files[l.job] = Some(file);
                    fresh.push(l.job);
                }
                Ok(None) => {
                    if same_layout.is_none() {
                        let last = last.expect("a page is unchanged only against a plan");
                        let old = by_path[self.page_paths[l.job].as_str()];
                        files[l.job] = Some(last.files[old].clone());
                    }
                }
                Err(e) => errors.push(e),
            }
            if readers.is_none() {
                reads_of.push((l.job, l.reads));
            }
        }
        fail_on(errors)?;
        let rendered = fresh.len();
        let readers = readers.unwrap_or_else(|| {
            let mut readers = vec![Vec::new(); values.len()];
            for (j, mut reads) in reads_of {
                reads.sort_unstable();
                reads.dedup();
                for i in reads {
                    readers[i as usize].push(j as u32);
                }
            }
            Arc::new(readers)
        });
        let mut files: Vec<Arc<OutputFile>> = files
            .into_iter()
            .map(|f| f.expect("every page was rendered or reused"))
            .collect();
        // The static files: reused while their bytes are the same.
        let last_statics: HashMap<&str, &Arc<OutputFile>> = last
            .map(|p| {
                p.files[p.paths.len()..]
                    .iter()
                    .map(|f| (f.path.as_str(), f))
                    .collect()
            })
            .unwrap_or_default();
        for name in &self.statics {
            let theme_file = &self.theme.statics[name];
            match last_statics.get(name.as_str()) {
                Some(old) if old.bytes == theme_file.bytes => files.push((*old).clone()),
                _ => {
                    let f = Arc::new(static_file(name, theme_file));
                    each(&f);
                    fresh.push(files.len());
                    files.push(f);
                }
            }
        }
        // The generated files: the last pass's where their bytes are the same.
        for f in &self.generated {
            match last_statics.get(f.path.as_str()) {
                Some(old) if old.bytes == f.bytes => files.push((*old).clone()),
                _ => {
                    each(f);
                    fresh.push(files.len());
                    files.push(f.clone());
                }
            }
        }
        let paths = self.page_paths.clone();
        Ok(Pass {
            rendered,
            looked_at,
            same_paths: last.is_some_and(|last| self.same_paths_as(last)),
            plan: Some(Plan {
                site_key,
                paths,
                keys,
                files,
                values,
                readers,
                carried: Carried::default(),
                search_version: self.search_version.clone(),
            }),
            fresh,
            cards: None,
        })
    }
}

/// A hash of the site's layout and theme ([`Plan::site_key`]).
fn site_key(site: &Site, compiled: &Compiled, jobs: &[Job], theme: &Theme) -> u64 {
    let mut h = KeyHasher::new();
    (site.fingerprint, site.index_key, site.articles.len()).hash(&mut h);
    compiled.key.hash(&mut h);
    jobs.hash(&mut h);
    for name in theme.statics.keys() {
        name.hash(&mut h);
    }
    for a in &site.articles {
        a.place_hash.hash(&mut h);
    }
    h.finish()
}

/// The theme's static files that no page replaces (where a page and a
/// static file claim the same path, the page wins).
fn unclaimed(theme: &Theme, pages: &[String]) -> Vec<String> {
    theme
        .statics
        .keys()
        .filter(|name| !pages.contains(name))
        .cloned()
        .collect()
}

fn fail_on(errors: Vec<Error>) -> Result<(), Report> {
    if errors.is_empty() {
        return Ok(());
    }
    let mut report = Report::new();
    for e in merge_repeated(errors) {
        report.add(&e);
    }
    Err(report)
}

/// The output file of a static file of the theme.
fn static_file(name: &str, file: &ThemeFile) -> OutputFile {
    OutputFile {
        path: name.to_string(),
        bytes: file.bytes.clone().into(),
        source: match &file.origin {
            Origin::File(p) => Some(p.clone()),
            Origin::Builtin => None,
        },
        template: None,
    }
}
