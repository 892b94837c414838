//! The pages of a site and the context each one is rendered with.
//!
//! [`Pages::jobs`] lists every file to render; [`Pages::context`] builds the
//! typed context of one ([`PageContext`]); [`Pages::render`] renders it with
//! the theme. The context is the one declaration of what a page shows: the
//! incremental renderer keys a page by a hash of its serialized context (and
//! of its templates), so the decision to render a page again cannot drift
//! from what the page reads.
//!
//! While a context is built, every article it reads is recorded
//! ([`Reader::article`]): an edit to one article then builds again only the
//! contexts of the pages that read it. What a page reads of an article's
//! place among the others (its route and date: the lists it is in, its
//! month, its neighbours) goes through [`Reader::place`] and is not
//! recorded: the site's layout key covers it, and any change to it builds
//! every context again.
//!
//! One module per page kind: `lists` (cards, list items, groups,
//! pagination), `article`, `entity` (the entities index and entity pages),
//! `graph` (entity neighbourhoods and the network page), `terms` (tags,
//! sources and the archive), `timeline` (the charts of entity pages and the
//! archive), `feeds` (Atom feeds, sitemap, robots.txt, 404).

mod article;
mod entity;
mod feeds;
mod graph;
mod lists;
mod search;
mod terms;
mod timeline;

use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use serde::Serialize;

use super::context::*;
use super::i18n::Strings;
use super::templates::{self, Compiled};
use super::theme::Theme;
use super::{Error, OutputFile};
use crate::content::{PartialDate, Precision};
use crate::site::urls::{self, file_of, page_route};
use crate::site::{ArticleData, Site, Term};
pub(super) use lists::{page_count, page_slice};
pub use lists::{CardMemo, CARD_PARTIALS};

/// One file to render.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Job {
    Home {
        page: usize,
    },
    Article {
        index: usize,
    },
    Entities,
    Entity {
        id: crate::entities::EntityId,
        page: usize,
    },
    /// The network of the most named entities.
    Graph,
    /// The search page.
    Search,
    Terms {
        taxonomy: Taxonomy,
    },
    Term {
        taxonomy: Taxonomy,
        index: usize,
        page: usize,
    },
    Archive {
        page: usize,
    },
    NotFound,
    Feed,
    EntityFeed {
        id: crate::entities::EntityId,
    },
    /// `sitemap.xml` (part 0), or one part of a split sitemap (from 1).
    Sitemap {
        part: usize,
    },
    Robots,
}

impl Job {
    /// Whether the sitemap lists the page: every HTML page but the 404 page.
    fn in_sitemap(&self) -> bool {
        !matches!(
            self,
            Job::NotFound
                | Job::Search
                | Job::Feed
                | Job::EntityFeed { .. }
                | Job::Sitemap { .. }
                | Job::Robots
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Taxonomy {
    Tags,
    Sources,
}

impl Taxonomy {
    pub(super) fn name(self) -> &'static str {
        match self {
            Taxonomy::Tags => "tags",
            Taxonomy::Sources => "sources",
        }
    }
}

/// The variables of each page kind (serialized without a tag: a template
/// sees the fields of its kind at the top level, beside `page`).
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Vars<'p> {
    Home(HomeVars<'p>),
    Article(Box<ArticleVars<'p>>),
    Entities(EntitiesVars),
    Entity(Box<EntityVars<'p>>),
    Graph(GraphVars),
    Search(SearchVars),
    Terms(TermsVars),
    Term(TermVars<'p>),
    Archive(ArchiveVars<'p>),
    Feed(FeedVars<'p>),
    Sitemap(SitemapVars<'p>),
    Robots(RobotsVars),
    NotFound(NoVars),
}

/// Everything one page is rendered from.
pub struct PageContext<'p> {
    pub template: &'static str,
    pub path: String,
    /// The content file the page shows, if any (named in errors).
    pub source: Option<PathBuf>,
    pub vars: PageVars<Vars<'p>>,
    /// The articles whose data went into `vars` (with repeats).
    pub reads: Vec<u32>,
}

impl PageContext<'_> {
    /// A hash of the variables, as the template receives them.
    pub fn key(&self) -> u64 {
        crate::hash::hash_of_serialized(&self.vars)
    }
}

/// Shared, read-only data for building and rendering every page of a pass.
pub struct Pages<'a> {
    pub(super) site: &'a Site,
    compiled: &'a Compiled,
    theme: &'a Theme,
    strings: &'static Strings,
    /// 0..n: every article, newest first, as a list the paginated pages slice.
    all: Vec<usize>,
    /// The month index of the archive, the same on each archive page.
    archive_months: OnceLock<Arc<Vec<TermLink>>>,
    /// Per entity: what graphs show of it, made on first use.
    nodes: Vec<OnceLock<graph::NodeText>>,
    /// Made on first use, once for a sitemap index and all its parts.
    sitemap_entries: OnceLock<Vec<SitemapEntry>>,
    /// Per article: what lists show of it, made on first use.
    cards: Vec<OnceLock<Result<Arc<lists::Card>, Arc<Error>>>>,
    /// Cards of earlier passes, by key.
    known_cards: Option<&'a CardMemo>,
    /// The route of the search index's folder, and its version.
    search_folder: String,
    search_version: String,
}

/// What a pass carries over from the last one of a site with the same
/// layout ([`Pages::carried`]).
#[derive(Debug, Default, Clone)]
pub struct Carried {
    cards: Vec<Option<Arc<lists::Card>>>,
    months: Option<Arc<Vec<TermLink>>>,
}

impl Carried {
    /// Drops the cards of the articles for which `keep` is false (their
    /// file changed).
    pub fn keep_cards(mut self, keep: impl Fn(usize) -> bool) -> Carried {
        for (i, card) in self.cards.iter_mut().enumerate() {
            if !keep(i) {
                *card = None;
            }
        }
        self
    }
}

/// The site-wide values every template sees as `site` and `t`.
/// The interface strings of every language, by code: templates see them as
/// `i18n.de`, `i18n.en` (an article's own labels are `i18n[article.ui_lang]`).
pub fn all_strings(
) -> std::collections::BTreeMap<&'static str, &'static std::collections::BTreeMap<String, String>> {
    [crate::config::Language::De, crate::config::Language::En]
        .into_iter()
        .map(|l| (l.code(), &Strings::for_language(l).strings))
        .collect()
}

pub fn globals(site: &Site) -> (SiteInfo<'_>, &'static Strings) {
    let strings = Strings::for_language(site.config.language);
    let base = &site.base;
    let nav = [
        ("home", "nav_home", ""),
        ("entities", "nav_entities", "entities/"),
        ("graph", "nav_graph", "graph/"),
        ("tags", "nav_tags", "tags/"),
        ("sources", "nav_sources", "sources/"),
        ("archive", "nav_archive", "archive/"),
    ]
    .into_iter()
    .map(|(key, label, route)| NavLink {
        key,
        title: strings.get(label).to_string(),
        url: base.href(route),
    })
    .collect();
    let info = SiteInfo {
        title: &site.config.title,
        description: &site.config.description,
        language: site.config.language.code(),
        base_url: base.absolute(""),
        base_path: base.path(),
        nav,
        feed_url: base.href("atom.xml"),
        search_url: base.href("search/"),
        scripts: vec![base.href("preview.js")],
        stylesheets: vec![base.href("style.css"), base.href("highlight.css")],
        generator: concat!("briefing ", env!("CARGO_PKG_VERSION")),
    };
    (info, strings)
}

/// What a page's context builder reads of the site, with a record of the
/// articles it read.
pub(super) struct Reader<'p, 'a> {
    pages: &'p Pages<'a>,
    route: String,
    reads: RefCell<Vec<u32>>,
}

/// What a page may read of an article without recording it: where the
/// article stands among the others, which the layout key covers.
pub(super) struct Place<'a> {
    pub date: Option<&'a PartialDate>,
}

impl<'p, 'a> Reader<'p, 'a> {
    /// Article `index`, recorded as read by this page.
    pub fn article(&self, index: usize) -> &'a ArticleData {
        self.reads.borrow_mut().push(index as u32);
        &self.pages.site.articles[index]
    }

    /// The date of article `index` (not recorded).
    pub fn place(&self, index: usize) -> Place<'a> {
        let a = &self.pages.site.articles[index];
        Place {
            date: a.article.meta.date.as_ref(),
        }
    }

    pub fn pages(&self) -> &'p Pages<'a> {
        self.pages
    }

    pub fn site(&self) -> &'a Site {
        self.pages.site
    }

    /// The route of the page being built.
    pub fn route(&self) -> &str {
        &self.route
    }
}

impl<'a> Pages<'a> {
    /// Pages for listing jobs and routes only (no page is built with them).
    pub fn for_layout(site: &'a Site, compiled: &'a Compiled, theme: &'a Theme) -> Self {
        Pages {
            cards: Vec::new(),
            ..Pages::new_sized(site, compiled, theme, None, 0)
        }
    }

    /// Pages to build and render; `carried` is what a pass over a site
    /// laid out as the last one takes from it.
    pub fn new(
        site: &'a Site,
        compiled: &'a Compiled,
        theme: &'a Theme,
        known_cards: Option<&'a CardMemo>,
        carried: Option<Carried>,
    ) -> Self {
        let pages = Pages::new_sized(site, compiled, theme, known_cards, site.articles.len());
        if let Some(carried) = carried {
            for (slot, card) in pages.cards.iter().zip(carried.cards) {
                if let Some(card) = card {
                    let _ = slot.set(Ok(card));
                }
            }
            if let Some(months) = carried.months {
                let _ = pages.archive_months.set(months);
            }
        }
        pages
    }

    /// What the next pass may carry over, if the site's layout stays the
    /// same: the cards (of the articles whose file does not change) and the
    /// archive's months, which depend on the layout alone.
    pub fn carried(&self) -> Carried {
        Carried {
            cards: self
                .cards
                .iter()
                .map(|c| c.get().and_then(|r| r.as_ref().ok()).cloned())
                .collect(),
            months: self.archive_months.get().cloned(),
        }
    }

    fn new_sized(
        site: &'a Site,
        compiled: &'a Compiled,
        theme: &'a Theme,
        known_cards: Option<&'a CardMemo>,
        cards: usize,
    ) -> Self {
        Pages {
            site,
            compiled,
            theme,
            strings: Strings::for_language(site.config.language),
            all: (0..site.articles.len()).collect(),
            archive_months: OnceLock::new(),
            nodes: (0..site.entities.len()).map(|_| OnceLock::new()).collect(),
            sitemap_entries: OnceLock::new(),
            cards: (0..cards).map(|_| OnceLock::new()).collect(),
            known_cards,
            search_folder: "search/".into(),
            search_version: String::new(),
        }
    }

    /// The pages, with the search index in the folder of route `folder`,
    /// at `version`.
    pub fn with_search(mut self, folder: &str, version: &str) -> Self {
        self.search_folder = folder.to_string();
        self.search_version = version.to_string();
        self
    }

    /// Every file to render, in a stable order.
    pub fn jobs(&self) -> Vec<Job> {
        let site = self.site;
        let lists = site.config.paginate.lists;
        let mut jobs = Vec::new();
        for page in 1..=page_count(site.articles.len(), site.config.paginate.home) {
            jobs.push(Job::Home { page });
        }
        jobs.extend((0..site.articles.len()).map(|index| Job::Article { index }));
        jobs.push(Job::Entities);
        jobs.push(Job::Graph);
        jobs.push(Job::Search);
        for (id, e) in site.listed_entities() {
            for page in 1..=page_count(e.articles.len(), lists) {
                jobs.push(Job::Entity { id, page });
            }
            jobs.push(Job::EntityFeed { id });
        }
        for (taxonomy, terms) in [
            (Taxonomy::Tags, &site.tags),
            (Taxonomy::Sources, &site.sources),
        ] {
            jobs.push(Job::Terms { taxonomy });
            for (index, term) in terms.iter().enumerate() {
                for page in 1..=page_count(term.articles.len(), lists) {
                    jobs.push(Job::Term {
                        taxonomy,
                        index,
                        page,
                    });
                }
            }
        }
        for page in 1..=page_count(site.articles.len(), lists) {
            jobs.push(Job::Archive { page });
        }
        let urls = jobs.iter().filter(|j| j.in_sitemap()).count();
        jobs.extend([Job::NotFound, Job::Feed]);
        jobs.extend(
            (0..=feeds::sitemap_parts(urls, feeds::SITEMAP_URLS)).map(|part| Job::Sitemap { part }),
        );
        // Crawlers read `robots.txt` at the root of a host only: a site
        // under a sub-path has none of its own.
        if site.base.path() == "/" {
            jobs.push(Job::Robots);
        }
        jobs
    }

    /// The route of the page a job renders.
    pub fn route(&self, job: &Job) -> String {
        let site = self.site;
        match job {
            Job::Home { page } => page_route("", *page),
            Job::Article { index } => site.articles[*index].route.to_string(),
            Job::Entities => "entities/".into(),
            Job::Entity { id, page } => page_route(&site.entities[id.index()].route, *page),
            Job::Graph => "graph/".into(),
            Job::Search => "search/".into(),
            Job::Terms { taxonomy } => format!("{}/", taxonomy.name()),
            Job::Term {
                taxonomy,
                index,
                page,
            } => page_route(&self.terms(*taxonomy)[*index].route, *page),
            Job::Archive { page } => page_route("archive/", *page),
            Job::NotFound => "404.html".into(),
            Job::Feed => "atom.xml".into(),
            Job::EntityFeed { id } => urls::entity_feed(&site.registry.get(*id).slug),
            Job::Sitemap { part: 0 } => "sitemap.xml".into(),
            Job::Sitemap { part } => format!("sitemap-{part}.xml"),
            Job::Robots => "robots.txt".into(),
        }
    }

    /// The template a job is rendered with.
    pub fn template(job: &Job) -> &'static str {
        match job {
            Job::Home { .. } => "index.html",
            Job::Article { .. } => "article.html",
            Job::Entities => "entities.html",
            Job::Entity { .. } => "entity.html",
            Job::Graph => "graph.html",
            Job::Search => "search.html",
            Job::Terms { .. } => "terms.html",
            Job::Term { .. } => "term.html",
            Job::Archive { .. } => "archive.html",
            Job::NotFound => "404.html",
            Job::Feed | Job::EntityFeed { .. } => "atom.xml",
            Job::Sitemap { .. } => "sitemap.xml",
            Job::Robots => "robots.txt",
        }
    }

    pub(super) fn terms(&self, taxonomy: Taxonomy) -> &'a [Term] {
        match taxonomy {
            Taxonomy::Tags => &self.site.tags,
            Taxonomy::Sources => &self.site.sources,
        }
    }

    /// The context of the page of `job`: the one place where what a page
    /// shows is decided.
    pub fn context<'p>(&'p self, job: &Job) -> Result<PageContext<'p>, Error> {
        let r = Reader {
            pages: self,
            route: self.route(job),
            reads: RefCell::new(Vec::new()),
        };
        let mut source = None;
        let (meta, vars) = match job {
            Job::Home { page } => lists::home(&r, *page)?,
            Job::Article { index } => {
                source = Some(self.site.articles[*index].article.path.clone());
                article::article(&r, *index)?
            }
            Job::Entities => entity::entities(&r),
            Job::Entity { id, page } => {
                source = self.site.registry.get(*id).path.clone();
                entity::entity(&r, *id, *page)?
            }
            Job::Graph => graph::graph(&r),
            Job::Search => search::search(&r),
            Job::Terms { taxonomy } => terms::term_list(&r, *taxonomy),
            Job::Term {
                taxonomy,
                index,
                page,
            } => terms::term(&r, *taxonomy, *index, *page)?,
            Job::Archive { page } => terms::archive(&r, *page)?,
            Job::NotFound => feeds::not_found(&r),
            Job::Feed => feeds::feed(&r, None),
            Job::EntityFeed { id } => feeds::feed(&r, Some(*id)),
            Job::Sitemap { part } => feeds::sitemap(&r, *part),
            Job::Robots => feeds::robots(&r),
        };
        Ok(PageContext {
            template: Self::template(job),
            path: file_of(&r.route),
            reads: r.reads.into_inner(),
            source,
            vars: PageVars {
                page: meta,
                kind: vars,
            },
        })
    }

    /// Renders a page from its context.
    pub fn render(&self, context: &PageContext) -> Result<OutputFile, Error> {
        let url = &context.vars.page.url;
        let tera_context =
            tera::Context::from_serialize(&context.vars).map_err(|e| Error::Render {
                name: context.template.into(),
                page: url.clone(),
                location: None,
                message: templates::chain(&e),
            })?;
        let bytes = templates::render(
            self.compiled,
            self.theme,
            context.template,
            url,
            &tera_context,
        )?;
        Ok(OutputFile {
            path: context.path.clone(),
            bytes: bytes.into(),
            source: context.source.clone(),
            template: Some(context.template.to_string()),
        })
    }

    /// Builds and renders the page of `job`.
    pub fn render_job(&self, job: &Job) -> Result<OutputFile, Error> {
        self.render(&self.context(job)?)
    }

    fn meta(
        &self,
        kind: &'static str,
        title: String,
        route: &str,
        section: &'static str,
    ) -> PageMeta {
        PageMeta {
            kind,
            title,
            url: self.site.base.href(route),
            permalink: self.site.base.absolute(route),
            section,
            description: self.site.config.description.clone(),
        }
    }

    /// A URL from front matter: `/images/x.jpg` is taken as relative to the
    /// site root and gets the base path; other URLs are kept as written.
    fn site_url(&self, url: &str) -> String {
        match url.strip_prefix('/') {
            Some(rest) if !rest.starts_with('/') => self.site.base.href(rest),
            _ => url.to_string(),
        }
    }

    pub fn date(&self, date: &PartialDate) -> DateView {
        self.date_in(date, self.strings)
    }

    /// The language an article is labelled in: its own `lang` where the
    /// interface strings know it, the site's otherwise.
    pub fn language_of(&self, lang: Option<&str>) -> crate::config::Language {
        crate::config::Language::of_text(lang, self.site.config.language)
    }

    /// A date as written in the language of `strings`.
    pub fn date_in(&self, date: &PartialDate, strings: &Strings) -> DateView {
        DateView {
            iso: date.to_string(),
            display: strings.date(date),
            precision: match date.precision() {
                Precision::Year => "year",
                Precision::Month => "month",
                Precision::Day => "day",
                Precision::Time => "time",
            },
        }
    }

    fn term_link(&self, term: &Term) -> Link {
        Link {
            name: term.name.clone(),
            url: self.site.base.href(&term.route),
        }
    }

    fn term_link_counted(&self, term: &Term) -> TermLink {
        TermLink {
            name: term.name.clone(),
            url: self.site.base.href(&term.route),
            count: term.articles.len(),
            count_label: self.strings.count("article_count", term.articles.len()),
        }
    }

    /// The cards made in this pass and those of `known` still of use, for
    /// the next pass.
    pub fn cards_made(&self) -> CardMemo {
        lists::cards_made(self)
    }
}
