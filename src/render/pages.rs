//! The pages of a site and the context each one is rendered with.

use serde::Serialize;

use super::context::*;
use super::i18n::Strings;
use super::theme::Theme;
use super::{Error, OutputFile};
use crate::content::{EntityKind, PartialDate, Precision};
use crate::entities::EntityId;
use crate::site::urls::{self, file_of, page_route};
use crate::site::{Site, Term};

/// One file to render.
#[derive(Debug, Clone, Hash)]
pub enum Job {
    Home {
        page: usize,
    },
    Article {
        index: usize,
    },
    Entities,
    Entity {
        id: EntityId,
        page: usize,
    },
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
        id: EntityId,
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
            Job::NotFound | Job::Feed | Job::EntityFeed { .. } | Job::Sitemap { .. } | Job::Robots
        )
    }
}

/// The most URLs one sitemap file may list (the sitemaps.org protocol):
/// a larger site gets a sitemap index and parts of this size.
pub const SITEMAP_URLS: usize = 50_000;

/// How many parts a sitemap of `urls` URLs is split into (0: not split).
pub(super) fn sitemap_parts(urls: usize, limit: usize) -> usize {
    if urls > limit {
        urls.div_ceil(limit)
    } else {
        0
    }
}

/// The entries of sitemap part `part` (0: all of them, for an unsplit sitemap).
pub(super) fn sitemap_share<T>(entries: &[T], part: usize, limit: usize) -> &[T] {
    if part == 0 {
        entries
    } else {
        page_slice(entries, part, limit)
    }
}

/// The indexes on page `page` (from 1) of a list of `len` items, `per_page`
/// to a page.
pub(super) fn page_range(len: usize, page: usize, per_page: usize) -> std::ops::Range<usize> {
    let start = ((page - 1) * per_page).min(len);
    start..(start + per_page).min(len)
}

/// The items on page `page` (from 1) of a list, `per_page` to a page.
pub(super) fn page_slice<T>(items: &[T], page: usize, per_page: usize) -> &[T] {
    &items[page_range(items.len(), page, per_page)]
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

thread_local! {
    /// The context holding `site` and `t` for the [`Pages`] with this id.
    static BASE_CONTEXT: std::cell::RefCell<Option<(u64, tera::Context)>> =
        const { std::cell::RefCell::new(None) };
}

/// Shared, read-only data for rendering every page.
pub struct Pages<'a> {
    /// Unique per instance, so that a thread's [`BASE_CONTEXT`] is never
    /// taken for another build's.
    id: u64,
    pub(super) site: &'a Site,
    strings: &'static Strings,
    info: SiteInfo<'a>,
    /// 0..n: every article, newest first, as a list the paginated pages slice.
    all: Vec<usize>,
    /// The month index of the archive, the same on each archive page.
    /// Made on first use: only archive pages need it.
    archive_months: std::sync::OnceLock<Vec<TermLink>>,
    /// Made on first use, once for a sitemap index and all its parts.
    sitemap_entries: std::sync::OnceLock<Vec<SitemapEntry>>,
    /// Per article: what lists show of it, made on first use.
    cards: Vec<std::sync::OnceLock<Result<Card, Error>>>,
}

/// The partials that render the parts of a list item that are the same in
/// every list, once per article and build: a list item's `heading` and
/// `tag_list`. Every page may list articles, so every page depends on them.
pub const CARD_PARTIALS: [&str; 2] = [
    "partials/article-heading.html",
    "partials/article-tags.html",
];

/// A fragment without the blank space around it: it goes inline, between
/// the list item's own lines.
fn trimmed(mut text: String) -> String {
    text.truncate(text.trim_end().len());
    let start = text.len() - text.trim_start().len();
    text.drain(..start);
    text
}

/// What every list shows of one article, made once per build: a list item
/// borrows it instead of building and rendering it again in each list.
#[derive(Debug)]
struct Card {
    url: String,
    date: Option<DateView>,
    /// [`CARD_PARTIALS`], rendered.
    heading: String,
    tag_list: String,
}

/// How many pages on either side of the current one a pagination links to
/// by number.
const PAGE_WINDOW: usize = 2;

/// The pages a pagination links to by number, in order: the first, the
/// last, and those within [`PAGE_WINDOW`] of the current one. Linking every
/// page from every page would make a list of n pages cost n² links (the
/// home page of 10,000 articles has 500 pages).
fn numbered_pages(current: usize, total: usize) -> impl Iterator<Item = usize> {
    let near = current.saturating_sub(PAGE_WINDOW).max(2)..=(current + PAGE_WINDOW).min(total - 1);
    std::iter::once(1)
        .chain(near)
        .chain((total > 1).then_some(total))
}

pub(super) fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

impl<'a> Pages<'a> {
    pub fn new(site: &'a Site) -> Self {
        let strings = Strings::for_language(site.config.language);
        let base = &site.base;
        let nav = [
            ("home", "nav_home", ""),
            ("entities", "nav_entities", "entities/"),
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
            stylesheets: vec![base.href("style.css"), base.href("highlight.css")],
            generator: concat!("briefing ", env!("CARGO_PKG_VERSION")),
        };
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Pages {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            site,
            strings,
            info,
            all: (0..site.articles.len()).collect(),
            archive_months: std::sync::OnceLock::new(),
            sitemap_entries: std::sync::OnceLock::new(),
            cards: (0..site.articles.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
        }
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
        jobs.extend((0..=sitemap_parts(urls, SITEMAP_URLS)).map(|part| Job::Sitemap { part }));
        jobs.push(Job::Robots);
        jobs
    }

    /// The route of the page a job renders.
    pub fn route(&self, job: &Job) -> String {
        let site = self.site;
        match job {
            Job::Home { page } => page_route("", *page),
            Job::Article { index } => site.articles[*index].route.clone(),
            Job::Entities => "entities/".into(),
            Job::Entity { id, page } => page_route(&site.entities[id.index()].route, *page),
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

    pub fn render(&self, job: &Job, tera: &tera::Tera, theme: &Theme) -> Result<OutputFile, Error> {
        let route = self.route(job);
        let path = file_of(&route);
        let mut source = None;
        let (template, html) = match job {
            Job::Home { page } => ("index.html", self.home(&route, *page, tera, theme)?),
            Job::Article { index } => {
                source = Some(self.site.articles[*index].article.path.clone());
                ("article.html", self.article(&route, *index, tera, theme)?)
            }
            Job::Entities => ("entities.html", self.entities(&route, tera, theme)?),
            Job::Entity { id, page } => {
                source = self.site.registry.get(*id).path.clone();
                ("entity.html", self.entity(&route, *id, *page, tera, theme)?)
            }
            Job::Terms { taxonomy } => (
                "terms.html",
                self.term_list(&route, *taxonomy, tera, theme)?,
            ),
            Job::Term {
                taxonomy,
                index,
                page,
            } => (
                "term.html",
                self.term(&route, *taxonomy, *index, *page, tera, theme)?,
            ),
            Job::Archive { page } => ("archive.html", self.archive(&route, *page, tera, theme)?),
            Job::NotFound => {
                let meta = self.meta(
                    "not_found",
                    self.strings.get("not_found_title").into(),
                    &route,
                    "",
                );
                (
                    "404.html",
                    self.page(tera, theme, "404.html", meta, NoVars {})?,
                )
            }
            Job::Feed => ("atom.xml", self.feed(&route, None, tera, theme)?),
            Job::EntityFeed { id } => ("atom.xml", self.feed(&route, Some(*id), tera, theme)?),
            Job::Sitemap { part } => ("sitemap.xml", self.sitemap(*part, &route, tera, theme)?),
            Job::Robots => {
                let vars = RobotsVars {
                    sitemap_url: self.site.base.absolute("sitemap.xml"),
                };
                let meta = self.meta("robots", String::new(), &route, "");
                (
                    "robots.txt",
                    self.page(tera, theme, "robots.txt", meta, vars)?,
                )
            }
        };
        debug_assert_eq!(template, Self::template(job));
        Ok(OutputFile {
            path,
            bytes: html.into_bytes(),
            source,
            template: Some(template.to_string()),
        })
    }

    fn page<K: Serialize>(
        &self,
        tera: &tera::Tera,
        theme: &Theme,
        template: &str,
        meta: PageMeta,
        kind: K,
    ) -> Result<String, Error> {
        let url = meta.url.clone();
        let vars = PageVars { page: meta, kind };
        let value = serde_json::to_value(&vars).map_err(|e| Error::Render {
            name: template.into(),
            page: url.clone(),
            location: None,
            message: e.to_string(),
        })?;
        let keys: Vec<String> = match &value {
            serde_json::Value::Object(map) => map.keys().cloned().collect(),
            _ => Vec::new(),
        };
        let own = tera::Context::from_value(value).map_err(|e| Error::Render {
            name: template.into(),
            page: url.clone(),
            location: None,
            message: super::chain(&e),
        })?;
        self.with_base_context(|context| {
            context.extend(own);
            let result = super::render_context(tera, theme, template, &url, context);
            for key in &keys {
                context.remove(key);
            }
            result
        })
    }

    /// Runs `f` with this thread's context holding `site` and `t`. They are
    /// the same on every page: each rendering thread keeps them in one
    /// context and swaps only a page's own variables in and out, instead of
    /// copying them into every page's context. `f` must leave the context
    /// as it found it.
    fn with_base_context<R>(&self, f: impl FnOnce(&mut tera::Context) -> R) -> R {
        BASE_CONTEXT.with(|cell| {
            let mut slot = cell.borrow_mut();
            if slot.as_ref().map(|(id, _)| *id) != Some(self.id) {
                let mut base = tera::Context::new();
                base.insert("site", &self.info);
                base.insert("t", &self.strings.strings);
                *slot = Some((self.id, base));
            }
            let (_, context) = slot.as_mut().expect("set above");
            f(context)
        })
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
        DateView {
            iso: date.to_string(),
            display: self.strings.date(date),
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

    fn summary(&self, index: usize) -> ArticleSummary {
        let a = &self.site.articles[index];
        let meta = &a.article.meta;
        ArticleSummary {
            title: meta.title.clone(),
            url: self.site.base.href(&a.route),
            date: meta.date.as_ref().map(|d| self.date(d)),
            source: a.source.map(|s| self.term_link(&self.site.sources[s])),
            agencies: meta.agencies.clone(),
            tags: a
                .tags
                .iter()
                .map(|&t| self.term_link(&self.site.tags[t]))
                .collect(),
            summary: a.teaser.to_string(),
            reading_time: self
                .strings
                .count("reading_time", a.rendered.reading_minutes()),
            title_derived: meta.title_derived,
        }
    }

    /// The card of article `index`, made by the first page that lists it
    /// (at `route`, named if a partial fails).
    fn card(
        &self,
        index: usize,
        route: &str,
        tera: &tera::Tera,
        theme: &Theme,
    ) -> Result<&Card, Error> {
        let made = self.cards[index].get_or_init(|| {
            let summary = self.summary(index);
            let page = self.site.base.href(route);
            let [heading, tag_list] = self.with_base_context(|context| {
                context.insert("a", &summary);
                let parts = CARD_PARTIALS
                    .map(|name| super::render_context(tera, theme, name, &page, context));
                context.remove("a");
                parts
            });
            Ok(Card {
                heading: trimmed(heading?),
                tag_list: trimmed(tag_list?),
                url: summary.url,
                date: summary.date,
            })
        });
        made.as_ref().map_err(Clone::clone)
    }

    /// Article `index` in a list on the page at `route`; on an entity's
    /// page, with the sentences that mention the entity.
    fn item(
        &self,
        index: usize,
        entity: Option<EntityId>,
        route: &str,
        tera: &tera::Tera,
        theme: &Theme,
    ) -> Result<ListItem<'_>, Error> {
        let a = &self.site.articles[index];
        let card = self.card(index, route, tera, theme)?;
        let mentions = match entity {
            Some(entity) => a
                .rendered
                .mentions
                .iter()
                .filter(|m| m.entity == entity)
                .filter_map(|m| m.context.as_deref())
                .collect(),
            None => Vec::new(),
        };
        Ok(ListItem {
            title: &a.article.meta.title,
            url: &card.url,
            date: card.date.as_ref(),
            summary: &a.teaser,
            heading: &card.heading,
            tag_list: &card.tag_list,
            mentions,
        })
    }

    /// Groups consecutive articles (already newest first) by a date key.
    fn groups<'s>(
        &'s self,
        indices: &[usize],
        key: fn(&PartialDate) -> PartialDate,
        item: impl Fn(usize) -> Result<ListItem<'s>, Error>,
    ) -> Result<Vec<Group<'s>>, Error> {
        let mut groups: Vec<Group> = Vec::new();
        let mut current: Option<Option<PartialDate>> = None;
        for &i in indices {
            let k = self.site.articles[i].article.meta.date.as_ref().map(key);
            if current.as_ref() != Some(&k) {
                let (title, id, date) = match &k {
                    Some(d) => (self.strings.date(d), format!("d-{d}"), Some(self.date(d))),
                    None => (
                        self.strings.get("undated").to_string(),
                        "undated".to_string(),
                        None,
                    ),
                };
                groups.push(Group {
                    title,
                    id,
                    date,
                    articles: Vec::new(),
                });
                current = Some(k);
            }
            groups
                .last_mut()
                .expect("a group was pushed")
                .articles
                .push(item(i)?);
        }
        Ok(groups)
    }

    fn pagination(&self, route: &str, current: usize, total: usize) -> Pagination {
        let base = &self.site.base;
        Pagination {
            current,
            total,
            previous: (current > 1).then(|| base.href(&page_route(route, current - 1))),
            next: (current < total).then(|| base.href(&page_route(route, current + 1))),
            pages: numbered_pages(current, total)
                .map(|number| PageLink {
                    number,
                    url: base.href(&page_route(route, number)),
                    current: number == current,
                })
                .collect(),
            label: self
                .strings
                .format("page_of", &[("n", current), ("total", total)]),
        }
    }

    fn home(
        &self,
        route: &str,
        page: usize,
        tera: &tera::Tera,
        theme: &Theme,
    ) -> Result<String, Error> {
        let per_page = self.site.config.paginate.home;
        let all = &self.all;
        let slice = page_slice(all, page, per_page);
        let vars = HomeVars {
            groups: self.groups(slice, PartialDate::to_day, |i| {
                self.item(i, None, route, tera, theme)
            })?,
            pagination: self.pagination("", page, page_count(all.len(), per_page)),
            article_count: all.len(),
        };
        let meta = self.meta("home", self.site.config.title.clone(), route, "home");
        self.page(tera, theme, "index.html", meta, vars)
    }

    fn entity_link(&self, id: EntityId, count: usize, label: &str) -> EntityLink {
        let e = self.site.registry.get(id);
        EntityLink {
            name: e.name.clone(),
            url: self.site.base.href(&self.site.entities[id.index()].route),
            kind: e.kind.as_str(),
            count,
            count_label: self.strings.count(label, count),
        }
    }

    /// Entities grouped by kind, in the order of [`EntityKind::ALL`].
    fn kind_groups(&self, mut links: Vec<(EntityKind, EntityLink)>) -> Vec<KindGroup> {
        // By kind, then alphabetically with umlauts folded ("Ägypten" among the A's).
        links.sort_by_cached_key(|(kind, link)| {
            (*kind, crate::slug::slugify(&link.name), link.name.clone())
        });
        let mut groups: Vec<KindGroup> = Vec::new();
        for (kind, link) in links {
            if groups.last().map(|g| g.kind) != Some(kind.as_str()) {
                groups.push(KindGroup {
                    kind: kind.as_str(),
                    title: self
                        .strings
                        .get(&format!("kind_{}", kind.as_str()))
                        .to_string(),
                    entities: Vec::new(),
                });
            }
            groups
                .last_mut()
                .expect("a group was pushed")
                .entities
                .push(link);
        }
        groups
    }

    fn article(
        &self,
        route: &str,
        index: usize,
        tera: &tera::Tera,
        theme: &Theme,
    ) -> Result<String, Error> {
        let site = self.site;
        let a = &site.articles[index];
        let meta = &a.article.meta;
        let link = |i: usize| Link {
            name: site.articles[i].article.meta.title.clone(),
            url: site.base.href(&site.articles[i].route),
        };
        let entity_links = a
            .entities
            .iter()
            .map(|&(id, count)| {
                (
                    site.registry.get(id).kind,
                    self.entity_link(id, count, "mention_count"),
                )
            })
            .collect();
        let vars = ArticleVars {
            article: ArticleView {
                title: meta.title.clone(),
                title_derived: meta.title_derived,
                url: site.base.href(route),
                date: meta.date.as_ref().map(|d| self.date(d)),
                source: a.source.map(|s| self.term_link(&site.sources[s])),
                agencies: meta.agencies.clone(),
                authors: meta.authors.clone(),
                tags: a
                    .tags
                    .iter()
                    .map(|&t| self.term_link(&site.tags[t]))
                    .collect(),
                lang: meta
                    .lang
                    .clone()
                    .unwrap_or_else(|| site.config.language.code().to_string()),
                summary: a.summary.to_string(),
                content: a.rendered.html.clone(),
                toc: a.rendered.toc.clone(),
                words: a.rendered.words,
                reading_time: self
                    .strings
                    .count("reading_time", a.rendered.reading_minutes()),
                original_url: meta.url.clone(),
                image: meta.image.as_deref().map(|i| self.site_url(i)),
                caption: meta.caption.clone(),
                credit: meta.credit.clone(),
            },
            entity_groups: self.kind_groups(entity_links),
            related: site.related[index]
                .iter()
                .map(|&i| self.item(i, None, route, tera, theme))
                .collect::<Result<_, _>>()?,
            // Articles are newest first: the older one follows, the newer one precedes.
            previous: (index + 1 < site.articles.len()).then(|| link(index + 1)),
            next: (index > 0).then(|| link(index - 1)),
        };
        let mut page_meta = self.meta("article", meta.title.clone(), route, "home");
        page_meta.description = a.summary.to_string();
        self.page(tera, theme, "article.html", page_meta, vars)
    }

    fn entities(&self, route: &str, tera: &tera::Tera, theme: &Theme) -> Result<String, Error> {
        let links = self
            .site
            .listed_entities()
            .map(|(id, e)| {
                (
                    self.site.registry.get(id).kind,
                    self.entity_link(id, e.articles.len(), "article_count"),
                )
            })
            .collect();
        let vars = EntitiesVars {
            kinds: self.kind_groups(links),
        };
        let meta = self.meta(
            "entities",
            self.strings.get("entities").into(),
            route,
            "entities",
        );
        self.page(tera, theme, "entities.html", meta, vars)
    }

    fn entity(
        &self,
        route: &str,
        id: EntityId,
        page: usize,
        tera: &tera::Tera,
        theme: &Theme,
    ) -> Result<String, Error> {
        let site = self.site;
        let e = site.registry.get(id);
        let data = &site.entities[id.index()];
        let per_page = site.config.paginate.lists;
        let dated = |i: &usize| site.articles[*i].article.meta.date.clone();
        let first_seen = data.articles.iter().rev().find_map(dated);
        let last_seen = data.articles.iter().find_map(dated);
        let vars = EntityVars {
            entity: EntityView {
                name: e.name.clone(),
                kind: e.kind.as_str(),
                kind_title: self
                    .strings
                    .get(&format!("kind_{}_one", e.kind.as_str()))
                    .into(),
                aliases: e.aliases.clone(),
                id: e.id.clone(),
                image: e.image.as_deref().map(|i| self.site_url(i)),
                profile: data.profile.html.clone(),
                url: site.base.href(&data.route),
                feed_url: site.base.href(&urls::entity_feed(&e.slug)),
                article_count: self.strings.count("article_count", data.articles.len()),
                mention_count: self.strings.count("mention_count", data.mentions),
                first_seen: first_seen.as_ref().map(|d| self.date(d)),
                last_seen: last_seen.as_ref().map(|d| self.date(d)),
            },
            groups: self.groups(
                page_slice(&data.articles, page, per_page),
                PartialDate::to_month,
                |i| self.item(i, Some(id), route, tera, theme),
            )?,
            pagination: self.pagination(
                &data.route,
                page,
                page_count(data.articles.len(), per_page),
            ),
            co_mentions: data
                .co_mentions
                .iter()
                .map(|c| self.entity_link(c.entity, c.shared, "article_count"))
                .collect(),
        };
        let meta = self.meta("entity", e.name.clone(), route, "entities");
        self.page(tera, theme, "entity.html", meta, vars)
    }

    fn term_link_counted(&self, term: &Term) -> TermLink {
        TermLink {
            name: term.name.clone(),
            url: self.site.base.href(&term.route),
            count: term.articles.len(),
            count_label: self.strings.count("article_count", term.articles.len()),
        }
    }

    fn term_list(
        &self,
        route: &str,
        taxonomy: Taxonomy,
        tera: &tera::Tera,
        theme: &Theme,
    ) -> Result<String, Error> {
        let vars = TermsVars {
            taxonomy: taxonomy.name(),
            terms: self
                .terms(taxonomy)
                .iter()
                .map(|t| self.term_link_counted(t))
                .collect(),
        };
        let meta = self.meta(
            "terms",
            self.strings.get(taxonomy.name()).into(),
            route,
            taxonomy.name(),
        );
        self.page(tera, theme, "terms.html", meta, vars)
    }

    fn term(
        &self,
        route: &str,
        taxonomy: Taxonomy,
        index: usize,
        page: usize,
        tera: &tera::Tera,
        theme: &Theme,
    ) -> Result<String, Error> {
        let term = &self.terms(taxonomy)[index];
        let per_page = self.site.config.paginate.lists;
        let vars = TermVars {
            taxonomy: taxonomy.name(),
            term: self.term_link_counted(term),
            groups: self.groups(
                page_slice(&term.articles, page, per_page),
                PartialDate::to_month,
                |i| self.item(i, None, route, tera, theme),
            )?,
            pagination: self.pagination(
                &term.route,
                page,
                page_count(term.articles.len(), per_page),
            ),
        };
        let meta = self.meta("term", term.name.clone(), route, taxonomy.name());
        self.page(tera, theme, "term.html", meta, vars)
    }

    /// Every month of the archive, with its count and the page it starts on.
    fn months(&self) -> Vec<TermLink> {
        let per_page = self.site.config.paginate.lists;
        let mut months: Vec<TermLink> = Vec::new();
        let mut last: Option<Option<PartialDate>> = None;
        for (position, a) in self.site.articles.iter().enumerate() {
            let key = a.article.meta.date.as_ref().map(PartialDate::to_month);
            if last.as_ref() == Some(&key) {
                let m = months.last_mut().expect("a month was pushed");
                m.count += 1;
                m.count_label = self.strings.count("article_count", m.count);
                continue;
            }
            let on_page = position / per_page + 1;
            let (name, id) = match &key {
                Some(d) => (self.strings.date(d), format!("d-{d}")),
                None => (
                    self.strings.get("undated").to_string(),
                    "undated".to_string(),
                ),
            };
            months.push(TermLink {
                name,
                url: format!(
                    "{}#{id}",
                    self.site.base.href(&page_route("archive/", on_page))
                ),
                count: 1,
                count_label: self.strings.count("article_count", 1),
            });
            last = Some(key);
        }
        months
    }

    fn archive(
        &self,
        route: &str,
        page: usize,
        tera: &tera::Tera,
        theme: &Theme,
    ) -> Result<String, Error> {
        let per_page = self.site.config.paginate.lists;
        let vars = ArchiveVars {
            groups: self.groups(
                page_slice(&self.all, page, per_page),
                PartialDate::to_month,
                |i| self.item(i, None, route, tera, theme),
            )?,
            pagination: self.pagination("archive/", page, page_count(self.all.len(), per_page)),
            months: self.archive_months.get_or_init(|| self.months()).clone(),
        };
        let meta = self.meta(
            "archive",
            self.strings.get("archive").into(),
            route,
            "archive",
        );
        self.page(tera, theme, "archive.html", meta, vars)
    }

    fn feed(
        &self,
        route: &str,
        entity: Option<EntityId>,
        tera: &tera::Tera,
        theme: &Theme,
    ) -> Result<String, Error> {
        let site = self.site;
        let (title, alternate, indices): (String, String, &[usize]) = match entity {
            Some(id) => {
                let data = &site.entities[id.index()];
                (
                    format!("{} – {}", site.config.title, site.registry.get(id).name),
                    site.base.absolute(&data.route),
                    &data.articles,
                )
            }
            None => (site.config.title.clone(), site.base.absolute(""), &self.all),
        };
        let indices = &indices[..indices.len().min(site.config.feed_limit)];
        // The newest date of the feed; undated entries are stamped with it too,
        // so that the feed stays the same from build to build.
        let updated = indices
            .iter()
            .find_map(|&i| site.articles[i].article.meta.date.as_ref())
            .map(PartialDate::rfc3339)
            .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
        let entries = indices
            .iter()
            .map(|&i| {
                let a = &site.articles[i];
                let meta = &a.article.meta;
                let mut authors = meta.authors.clone();
                if authors.is_empty() {
                    authors.extend(meta.source.clone());
                }
                FeedEntry {
                    title: meta.title.clone(),
                    url: site.base.absolute(&a.route),
                    updated: meta
                        .date
                        .as_ref()
                        .map_or_else(|| updated.clone(), PartialDate::rfc3339),
                    summary: a.summary.to_string(),
                    // Entity feeds carry summaries: a popular entity's feed
                    // would otherwise repeat whole articles a thousand times
                    // over across the site. The site feed has the full text.
                    content: if entity.is_none() {
                        a.rendered.html.clone()
                    } else {
                        String::new()
                    },
                    authors,
                    categories: meta.tags.clone(),
                }
            })
            .collect();
        let vars = FeedVars {
            feed: Feed {
                title,
                alternate,
                id: site.base.absolute(route),
                updated,
                entries,
            },
        };
        let meta = self.meta("feed", String::new(), route, "");
        self.page(tera, theme, "atom.xml", meta, vars)
    }

    fn sitemap(
        &self,
        part: usize,
        route: &str,
        tera: &tera::Tera,
        theme: &Theme,
    ) -> Result<String, Error> {
        let site = self.site;
        // Made once for the index and all its parts.
        let entries = self
            .sitemap_entries
            .get_or_init(|| self.list_sitemap_entries());
        let parts = sitemap_parts(entries.len(), SITEMAP_URLS);
        let vars = if part == 0 && parts > 0 {
            SitemapVars {
                entries: &[],
                sitemaps: (1..=parts)
                    .map(|p| site.base.absolute(&self.route(&Job::Sitemap { part: p })))
                    .collect(),
            }
        } else {
            SitemapVars {
                entries: sitemap_share(entries, part, SITEMAP_URLS),
                sitemaps: Vec::new(),
            }
        };
        let meta = self.meta("sitemap", String::new(), route, "");
        self.page(tera, theme, "sitemap.xml", meta, vars)
    }

    /// Every page the sitemap lists, with its date for articles.
    fn list_sitemap_entries(&self) -> Vec<SitemapEntry> {
        let site = self.site;
        self.jobs()
            .into_iter()
            .filter(Job::in_sitemap)
            .map(|job| SitemapEntry {
                loc: site.base.absolute(&self.route(&job)),
                lastmod: match &job {
                    Job::Article { index } => site.articles[*index]
                        .article
                        .meta
                        .date
                        .as_ref()
                        .map(|d| d.to_string()),
                    _ => None,
                },
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pagination_numbers_the_ends_and_the_pages_near_the_current_one() {
        let pages = |current, total| numbered_pages(current, total).collect::<Vec<_>>();
        assert_eq!(pages(1, 1), [1]);
        assert_eq!(pages(1, 2), [1, 2]);
        assert_eq!(pages(2, 3), [1, 2, 3]);
        assert_eq!(pages(1, 500), [1, 2, 3, 500]);
        assert_eq!(pages(250, 500), [1, 248, 249, 250, 251, 252, 500]);
        assert_eq!(pages(500, 500), [1, 498, 499, 500]);
        assert_eq!(pages(4, 7), [1, 2, 3, 4, 5, 6, 7]);
    }

    #[test]
    fn a_sitemap_is_split_only_above_the_limit() {
        assert_eq!(sitemap_parts(0, 3), 0);
        assert_eq!(sitemap_parts(3, 3), 0);
        assert_eq!(sitemap_parts(4, 3), 2);
        assert_eq!(sitemap_parts(9, 3), 3);
        assert_eq!(sitemap_parts(141_495, SITEMAP_URLS), 3);
    }

    #[test]
    fn the_parts_of_a_split_sitemap_hold_every_entry_once() {
        let entries: Vec<usize> = (0..7).collect();
        assert_eq!(sitemap_share(&entries, 0, 3), &entries[..]);
        let parts: Vec<&[usize]> = (1..=sitemap_parts(7, 3))
            .map(|p| sitemap_share(&entries, p, 3))
            .collect();
        assert_eq!(parts, [&[0, 1, 2][..], &[3, 4, 5], &[6]]);
    }
}
