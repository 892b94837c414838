//! The template context: what every Tera template receives.
//!
//! Each page template gets a [`Page`] serialized at the top level, so a
//! template reads `site.title`, `t.latest`, `page.title`, and the variables of
//! its page kind (`article`, `entity`, `groups`, `pagination`, …). Everything a
//! template shows is prepared here: URLs are final (base path included), dates
//! come as `{iso, display, precision}`, counts come with their localized label.
//! The README documents these structures for theme authors.

use serde::Serialize;

use crate::markdown::TocEntry;

/// Site-wide values, the same on every page.
#[derive(Debug, Serialize)]
pub struct SiteInfo<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// `de` or `en`.
    pub language: &'a str,
    /// The absolute URL of the site root (ends with `/`).
    pub base_url: String,
    /// The path of the site root (`/` or `/sub/path/`); prefix of every link.
    pub base_path: &'a str,
    /// Links to the sections, for the navigation.
    pub nav: Vec<NavLink>,
    pub feed_url: String,
    /// The search page, where the header's search field sends its query
    /// (`?q=`).
    pub search_url: String,
    /// Scripts every page loads (`preview.js`: entity link previews).
    pub scripts: Vec<String>,
    pub stylesheets: Vec<String>,
    pub generator: &'static str,
}

#[derive(Debug, Serialize)]
pub struct NavLink {
    pub key: &'static str,
    pub title: String,
    pub url: String,
}

/// The variables of one page: `page` and those of its kind, at the top
/// level. Every page also has `site` ([`SiteInfo`]) and `t` (the UI strings
/// of the site language, `data/i18n.yaml`), which each rendering thread keeps
/// in one context instead of copying them into every page's.
#[derive(Debug, Serialize)]
pub struct PageVars<K: Serialize> {
    pub page: PageMeta,
    #[serde(flatten)]
    pub kind: K,
}

#[derive(Debug, Serialize)]
pub struct PageMeta {
    /// `home`, `article`, `entities`, `entity`, `graph`, `terms`, `term`, `archive`, `not_found`.
    pub kind: &'static str,
    pub title: String,
    /// The page's link (path with base path).
    pub url: String,
    /// The page's absolute URL.
    pub permalink: String,
    /// Which navigation entry is current.
    pub section: &'static str,
    pub description: String,
}

/// A date: machine-readable `iso` (as written), localized `display`, and
/// `precision` (`year`, `month`, `day`, `time`).
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    pub iso: String,
    pub display: String,
    pub precision: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub name: String,
    pub url: String,
}

/// An article as the partials that render its list fragments see it
/// (`partials/article-heading.html`, `partials/article-tags.html`): rendered
/// once per article and build, whatever the number of lists it is in.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleSummary {
    pub title: String,
    pub url: String,
    pub date: Option<DateView>,
    pub source: Option<Link>,
    pub agencies: Vec<String>,
    pub tags: Vec<Link>,
    pub summary: String,
    pub reading_time: String,
    pub title_derived: bool,
}

/// An article in a list: what differs from list to list, and the fragments
/// that do not, already rendered.
#[derive(Debug, Clone, Serialize)]
pub struct ListItem<'c> {
    // The fields every list shows alike are the article card's template
    // values (strings, and the date as a `DateView` or none).
    pub title: &'c tera::Value,
    pub url: &'c tera::Value,
    pub date: &'c tera::Value,
    pub summary: &'c tera::Value,
    /// `partials/article-heading.html`, rendered (trusted HTML).
    pub heading: &'c tera::Value,
    /// `partials/article-tags.html`, rendered (trusted HTML).
    pub tag_list: &'c tera::Value,
    /// On an entity page: the sentences that mention the entity (the first
    /// few), each as `{before, text, after}`.
    pub mentions: Vec<&'c crate::markdown::Snippet>,
    /// On an entity page, when the article names the entity more often than
    /// in the sentences shown: "2 more mentions in the article".
    pub more_mentions: Option<String>,
}

/// Articles under a heading (a day, a month, or "undated").
#[derive(Debug, Clone, Serialize)]
pub struct Group<'c> {
    pub title: String,
    /// Anchor id of the group on its page.
    pub id: String,
    pub date: Option<DateView>,
    pub articles: Vec<ListItem<'c>>,
}

/// Links between the pages of a paginated list.
#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    pub current: usize,
    pub total: usize,
    /// Newer entries (the page before).
    pub previous: Option<String>,
    /// Older entries (the page after).
    pub next: Option<String>,
    /// The first and last page and those near the current one, in order.
    pub pages: Vec<PageLink>,
    /// "Seite 2 von 5".
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

/// An entity in a list or a link.
#[derive(Debug, Clone, Serialize)]
pub struct EntityLink {
    pub name: String,
    pub url: String,
    pub kind: &'static str,
    /// Articles (or shared articles, for co-mentions).
    pub count: usize,
    pub count_label: String,
}

/// The entity an entity is part of.
#[derive(Debug, Clone, Serialize)]
pub struct PartOf {
    pub name: String,
    pub url: Option<String>,
}

/// Entities of one kind.
#[derive(Debug, Clone, Serialize)]
pub struct KindGroup {
    pub kind: &'static str,
    pub title: String,
    pub entities: Vec<EntityLink>,
}

/// `index.html`: the briefing, latest articles grouped by day.
#[derive(Debug, Serialize)]
pub struct HomeVars<'c> {
    pub groups: Vec<Group<'c>>,
    pub pagination: Pagination,
    pub article_count: usize,
}

/// `article.html`.
#[derive(Debug, Serialize)]
pub struct ArticleVars<'c> {
    pub article: ArticleView<'c>,
    pub entity_groups: Vec<KindGroup>,
    pub related: Vec<ListItem<'c>>,
    /// The next older and next newer article.
    pub previous: Option<Link>,
    pub next: Option<Link>,
}

#[derive(Debug, Serialize)]
pub struct ArticleView<'c> {
    pub title: String,
    pub title_derived: bool,
    pub url: String,
    pub date: Option<DateView>,
    pub source: Option<Link>,
    pub agencies: Vec<String>,
    pub authors: Vec<String>,
    pub tags: Vec<Link>,
    pub lang: String,
    /// The language of the article's own labels (`de` or `en`): its `lang`
    /// where the interface strings know it, the site's otherwise; its
    /// strings are `i18n[article.ui_lang]`.
    pub ui_lang: &'static str,
    pub summary: String,
    /// The rendered body (trusted HTML: use `| safe`).
    pub content: &'c str,
    pub toc: Vec<TocEntry>,
    pub words: usize,
    pub reading_time: String,
    /// The original article.
    pub original_url: Option<String>,
    pub image: Option<String>,
    pub caption: Option<String>,
    pub credit: Option<String>,
    /// The same story as published by other outlets: `{name, url}`, named
    /// by their source (or title).
    pub also_published: Vec<Link>,
}

/// `entities.html`: every entity with articles, by kind.
#[derive(Debug, Serialize)]
pub struct EntitiesVars {
    pub kinds: Vec<KindGroup>,
    /// The network page (`graph.html`).
    pub graph_url: String,
}

/// `entity.html`: profile, timeline, co-mentions.
#[derive(Debug, Serialize)]
pub struct EntityVars<'c> {
    pub entity: EntityView<'c>,
    /// This page's articles, grouped by month.
    pub groups: Vec<Group<'c>>,
    pub pagination: Pagination,
    pub co_mentions: Vec<EntityLink>,
    /// On the first page: the entity and its co-mentioned entities as an
    /// inline SVG (trusted HTML: use `| safe`); `None` without co-mentions
    /// and on the other pages.
    pub graph: Option<String>,
    /// On the first page: all the entity's articles over time; `None` when
    /// none is dated and on the other pages.
    pub timeline: Option<Timeline>,
}

/// A bar chart of articles over time, every bar a link to where its
/// articles are listed (on the page of the list that holds the period's
/// newest article).
#[derive(Debug, Serialize)]
pub struct Timeline {
    /// The chart as inline SVG (trusted HTML: use `| safe`).
    pub svg: String,
    /// What a bar counts: `day`, `week`, `month` or `year`.
    pub unit: &'static str,
    /// "Articles per month".
    pub title: String,
    /// Every period with articles, oldest first: the chart as a table.
    pub bars: Vec<TimelineBar>,
    /// "3 articles without a more precise date are not in the chart", when
    /// some are not (undated, or dated to the year among months).
    pub left_out: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct TimelineBar {
    /// "January 2025", "Week of January 6, 2025".
    pub period: String,
    pub count: usize,
    pub count_label: String,
    /// The group of the period's newest article: a fragment (`#d-2025-01`)
    /// when it is on the first page, where the chart is, else the link to
    /// it on its page of the list.
    pub url: String,
}

/// `search.html`: the search page. The results are made in the browser by
/// `search.js` from the index in `index_url`; without JavaScript, the page
/// says that search needs it.
#[derive(Debug, Serialize)]
pub struct SearchVars {
    /// The folder of the search index (ends with `/`).
    pub index_url: String,
    /// The index's version, sent with each request for its files (`?v=`).
    pub index_version: String,
    /// `search.js`.
    pub script_url: String,
}

/// `graph.html`: the network of the most named entities.
#[derive(Debug, Serialize)]
pub struct GraphVars {
    /// The network as inline SVG (trusted HTML: use `| safe`); `None` when
    /// no entity has articles.
    pub graph: Option<String>,
    /// "The 80 most mentioned of 1,200 actors, …".
    pub intro: String,
    /// The entities of the graph by kind, in the order they are drawn.
    pub kinds: Vec<GraphKind>,
    /// `graph.js`, the theme's script that highlights an entity's edges
    /// and filters by kind (the graph works without it).
    pub script_url: String,
}

#[derive(Debug, Serialize)]
pub struct GraphKind {
    pub kind: &'static str,
    pub title: String,
    pub entities: Vec<GraphEntity>,
}

/// An entity of the network with the entities it is joined to there,
/// strongest first (their `count` is the articles they share).
#[derive(Debug, Serialize)]
pub struct GraphEntity {
    pub entity: EntityLink,
    pub connections: Vec<EntityLink>,
}

#[derive(Debug, Serialize)]
pub struct EntityView<'c> {
    pub name: String,
    pub kind: &'static str,
    pub kind_title: String,
    pub aliases: Vec<String>,
    pub id: Option<String>,
    pub image: Option<String>,
    /// The rendered profile (trusted HTML).
    pub profile: &'c str,
    pub url: String,
    pub feed_url: String,
    pub article_count: String,
    pub mention_count: String,
    pub first_seen: Option<DateView>,
    pub last_seen: Option<DateView>,
    /// Found in the articles without a registry file (a discovered person).
    pub discovered: bool,
    /// What the entity is part of (`part_of`); `url` is `None` when that
    /// entity has no page of its own.
    pub part_of: Option<PartOf>,
    /// The entity's Wikidata page, when its `id` is a Wikidata id ("Q1083").
    pub wikidata_url: Option<String>,
}

/// `terms.html`: all tags or all sources.
#[derive(Debug, Serialize)]
pub struct TermsVars {
    /// `tags` or `sources`.
    pub taxonomy: &'static str,
    pub terms: Vec<TermLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TermLink {
    pub name: String,
    pub url: String,
    pub count: usize,
    pub count_label: String,
}

/// `term.html`: the articles of one tag or source, by month.
#[derive(Debug, Serialize)]
pub struct TermVars<'c> {
    pub taxonomy: &'static str,
    pub term: TermLink,
    pub groups: Vec<Group<'c>>,
    pub pagination: Pagination,
}

/// `archive.html`: every article by month.
#[derive(Debug, Serialize)]
pub struct ArchiveVars<'c> {
    pub groups: Vec<Group<'c>>,
    pub pagination: Pagination,
    /// Every month of the archive with its count and the link to where it starts.
    pub months: Vec<TermLink>,
    /// On the first page: every article over time; `None` when none is
    /// dated and on the other pages.
    pub timeline: Option<Timeline>,
}

/// `404.html` has no variables of its own.
#[derive(Debug, Serialize)]
pub struct NoVars {}

/// `atom.xml`: the site feed and each entity's feed.
#[derive(Debug, Serialize)]
pub struct FeedVars<'c> {
    pub feed: Feed<'c>,
}

#[derive(Debug, Serialize)]
pub struct Feed<'c> {
    pub title: String,
    /// Absolute URL of the page the feed belongs to.
    pub alternate: String,
    /// Absolute URL of the feed itself (also its id).
    pub id: String,
    pub updated: String,
    pub entries: Vec<FeedEntry<'c>>,
}

#[derive(Debug, Serialize)]
pub struct FeedEntry<'c> {
    pub title: String,
    pub url: String,
    pub updated: String,
    pub summary: String,
    /// The article's HTML in the site feed; empty in entity feeds.
    pub content: &'c str,
    pub authors: Vec<String>,
    pub categories: Vec<String>,
}

/// `sitemap.xml`: the site's URLs (`entries`) or, on a site with more
/// than a sitemap may hold, the sitemap index: the URLs of the parts
/// (`sitemaps`), each rendered with its share of the entries.
#[derive(Debug, Serialize)]
pub struct SitemapVars<'e> {
    pub entries: &'e [SitemapEntry],
    pub sitemaps: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct SitemapEntry {
    pub loc: String,
    /// W3C datetime at the date's precision (`2025`, `2025-01`, `2025-01-24`).
    pub lastmod: Option<String>,
}

/// `robots.txt`.
#[derive(Debug, Serialize)]
pub struct RobotsVars {
    pub sitemap_url: String,
}
