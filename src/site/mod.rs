//! Site: the model of the whole site, built once from the content and shared
//! read-only by every page.
//!
//! Entry point: [`Site::build`]. It renders every article body (in parallel),
//! resolves entity references, and builds the indexes the pages need: articles
//! newest first, articles per entity, tag and source, co-mentioned entities and
//! related articles. Every index is built in one pass over the articles (or over
//! each article's entities), never by scanning all pages for each page, so the
//! work grows with the size of the content, not with its square.
//! [`Site::build_cached`] does the same with a [`Cache`] of rendered articles
//! and profiles, so that a rebuild renders only what changed.

mod cache;
pub use cache::article_people;
pub mod indexes;
pub mod urls;

use std::collections::HashSet;
use std::hash::Hash;
use std::sync::Arc;
use std::time::Instant;

use crate::config::{Config, LinkPolicy, MetonymPolicy};
use crate::content::{Article, Content};
use crate::diagnostics::{counted, Report};
use crate::entities::{self, EntityId, Origin, Registry, RegistryOptions, Rule};
use crate::hash::hash_of;
use crate::markdown::{self, Rendered};
use crate::slug::slugify;
use crate::timings::Timings;
use crate::yaml::Block;

pub use cache::Cache;
pub use indexes::{CoMention, Term};
use urls::BaseUrl;

/// An article with everything its pages need.
#[derive(Debug, Clone)]
pub struct ArticleData {
    pub article: Arc<Article>,
    pub rendered: Arc<Rendered>,
    pub route: Arc<str>,
    /// Entities of the article with their number of mentions, by entity id.
    pub entities: Arc<[(EntityId, usize)]>,
    /// Plain-text summary: `summary` from the front matter, or the first paragraph.
    pub summary: Arc<str>,
    /// The summary shortened for article lists.
    pub teaser: Arc<str>,
    /// A hash of what the term indexes read of the article (its tags and
    /// source, as written and as slugs).
    pub terms_hash: u64,
    /// A hash of [`ArticleData::entities`], for the entity indexes.
    pub entities_hash: u64,
    /// A hash of where the article stands among the others: its route and
    /// its date.
    pub place_hash: u64,
    /// The slugs of the article's tags and source, made once per article.
    pub tag_slugs: Arc<[String]>,
    pub source_slug: Option<Arc<str>>,
    /// Tag and source term indexes into [`Site::tags`] / [`Site::sources`].
    pub tags: Arc<[usize]>,
    pub source: Option<usize>,
    /// A hash of the article's file (path, front matter and body): equal
    /// fingerprints in one [`Site`] and the next mean the same article.
    pub fingerprint: u64,
}

/// An entity with its indexes.
#[derive(Debug)]
pub struct EntityData {
    /// Registry entities always have a page, gazetteer entities once mentioned.
    pub has_page: bool,
    pub route: String,
    /// Articles mentioning it, as indexes into [`Site::articles`], newest first.
    pub articles: Vec<usize>,
    pub mentions: usize,
    pub co_mentions: Vec<CoMention>,
    pub profile: Arc<Rendered>,
}

impl EntityData {
    /// The dates of its oldest and of its newest dated article (first and
    /// last seen).
    pub fn seen<'a>(
        &self,
        articles: &'a [ArticleData],
    ) -> (
        Option<&'a crate::content::PartialDate>,
        Option<&'a crate::content::PartialDate>,
    ) {
        let dated = |i: &usize| articles[*i].article.meta.date.as_ref();
        (
            self.articles.iter().rev().find_map(dated),
            self.articles.iter().find_map(dated),
        )
    }
}

/// The whole site, ready to render.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub base: BaseUrl,
    pub registry: Arc<Registry>,
    /// Newest first; undated articles last.
    pub articles: Vec<ArticleData>,
    /// Indexed by [`EntityId`].
    pub entities: Vec<EntityData>,
    pub tags: Vec<Term>,
    pub sources: Vec<Term>,
    /// For each article, related articles (indexes), best first.
    pub related: Vec<Vec<usize>>,
    /// For each article, the articles carrying the same story from other
    /// outlets (`same_story` in front matter, either way round).
    pub same_story: Vec<Vec<usize>>,
    /// A hash of what every page depends on besides its own data: the
    /// configuration, the base URL and the entity registry.
    pub fingerprint: u64,
    /// A hash of what the indexes (terms, articles per entity, co-mentions,
    /// related articles) are computed from: equal keys, equal indexes.
    pub index_key: u64,
}

/// How many co-mentioned entities an entity page lists.
pub const CO_MENTIONS_SHOWN: usize = 20;
/// How many characters of an article's summary the article lists show.
pub const TEASER_CHARS: usize = 320;
/// How many related articles an article page lists.
pub const RELATED_SHOWN: usize = 5;

impl Site {
    /// Builds the model; problems in the content come back in the report.
    pub fn build(config: Config, base: BaseUrl, content: Content) -> (Site, Report) {
        Site::build_cached(
            config,
            base,
            content,
            &mut Cache::default(),
            &mut Timings::default(),
        )
    }

    /// Builds the model like [`Site::build`], rendering only the articles and
    /// profiles that `cache` does not hold yet, and updates the cache.
    pub fn build_cached(
        config: Config,
        base: BaseUrl,
        content: Content,
        cache: &mut Cache,
        timings: &mut Timings,
    ) -> (Site, Report) {
        let mut report = Report::new();
        let settings = LinkSettings::of(&config);
        let people = timings.time("discovered people", || {
            cache.people(&content.articles, &settings)
        });
        timings.detail(format!("{} people", people.len()));
        let parts = timings.time("entity registry", || {
            cache.registry(&content.entities, &people, &base, &settings)
        });
        report.extend(parts.report.clone());
        let registry = parts.registry.clone();
        let registry_key = parts.key;
        timings.detail(counted(registry.len(), "entity", "entities"));

        let articles = timings.time("article order", || cache.order(content.articles));
        let count = articles.len();
        let (mut articles, article_report) =
            timings.time("markdown and entities", || cache.articles(articles));
        timings.detail(counted(count, "article", "articles"));
        report.extend(article_report);
        for a in articles.iter().filter(|a| a.article.meta.date.is_none()) {
            // At the title, below which the date would go (the front matter
            // starts on line 2).
            let title_line = a
                .article
                .front_matter
                .lines()
                .position(|l| l.starts_with("title:"))
                .map_or(1, |i| i + 2);
            report.push(
                crate::diagnostics::Diagnostic::warning(format!(
                    "{} has no date; it is listed last, under \"undated\"",
                    a.article.path.display()
                ))
                .code(crate::diagnostics::Code::Undated)
                .cause("articles without a date are listed last, under \"undated\"")
                .at(crate::diagnostics::Location::new(&a.article.path, title_line, 1).with_length(5))
                .help("add `date:` to its front matter (YYYY-MM-DD, YYYY-MM or YYYY), or ingest it with --date"),
            );
        }
        let started = Instant::now();

        let memo = &mut cache.indexes;
        let terms_key = indexes::terms_key(&articles);
        let (tags, sources) = indexes::terms_memo(&mut articles, terms_key, memo);
        let entities_key = indexes::entities_key(&articles, registry.len());
        let (same_story, story_key) = indexes::same_story(&articles);
        let index_key = hash_of((terms_key, entities_key, story_key));
        let per_entity =
            indexes::articles_per_entity_memo(&articles, registry.len(), entities_key, memo);
        // Registry entities always get a page; gazetteer entities only when
        // an article mentions them.
        let has_page: Vec<bool> = registry
            .iter()
            .map(|(id, e)| e.origin == Origin::Registry || !per_entity[id.index()].0.is_empty())
            .collect();
        let (profiles, profile_report) = cache.profiles(&has_page);
        report.extend(profile_report);
        let memo = &mut cache.indexes;
        timings.record("terms and profiles", started.elapsed());
        let started = Instant::now();
        let co_mentions = indexes::co_mentions_memo(
            &articles,
            &per_entity,
            CO_MENTIONS_SHOWN,
            entities_key,
            memo,
        );
        timings.record("co-mentions", started.elapsed());
        let started = Instant::now();
        let related =
            indexes::related_memo(&articles, &per_entity, RELATED_SHOWN, entities_key, memo);
        let entities = per_entity
            .into_iter()
            .zip(co_mentions)
            .zip(profiles)
            .enumerate()
            .map(|(i, (((list, mentions), co), profile))| EntityData {
                has_page: has_page[i],
                route: urls::entity(&registry.get(EntityId(i as u32)).slug),
                articles: list,
                mentions,
                co_mentions: co,
                profile,
            })
            .collect();
        timings.record("related articles", started.elapsed());
        let fingerprint = hash_of((registry_key, format!("{config:?}")));
        (
            Site {
                config,
                base,
                registry,
                articles,
                entities,
                tags,
                sources,
                related,
                same_story,
                fingerprint,
                index_key,
            },
            report,
        )
    }

    /// Frees the Markdown sources of the articles, which no page needs once
    /// the model is built: a one-shot build calls this before rendering to
    /// hold less memory. Articles shared with a cache keep their sources.
    pub fn release_sources(&mut self) {
        for a in &mut self.articles {
            if let Some(article) = Arc::get_mut(&mut a.article) {
                article.body = String::new();
                article.front_matter = String::new();
            }
        }
    }

    /// The entities that get a page: every registry entity, mentioned or not,
    /// since an editor registered it on purpose, and every gazetteer entity an
    /// article mentions.
    pub fn listed_entities(&self) -> impl Iterator<Item = (EntityId, &EntityData)> {
        self.entities
            .iter()
            .enumerate()
            .map(|(i, e)| (EntityId(i as u32), e))
            .filter(|(_, e)| e.has_page)
    }
}

/// How articles are linked: everything the rendering of one article depends
/// on besides its own file and the registry.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct LinkSettings {
    pub policy: LinkPolicy,
    /// Find people in the articles ([`crate::entities::discover`]).
    pub discover: bool,
    pub gazetteer: bool,
    pub language: crate::config::Language,
    pub metonyms_to_country: bool,
    /// What raw HTML in bodies may publish (`markdown:` in the config).
    pub html: crate::markdown::Html,
}

impl LinkSettings {
    fn of(config: &Config) -> LinkSettings {
        LinkSettings {
            policy: config.entities.link,
            discover: config.entities.discover == crate::config::DiscoverPolicy::People,
            gazetteer: config.gazetteer,
            language: config.language,
            metonyms_to_country: config.entities.metonyms == MetonymPolicy::Country,
            html: config.markdown.html(),
        }
    }

    fn registry_options(&self) -> RegistryOptions {
        RegistryOptions {
            gazetteer: self.gazetteer,
            language: self.language,
        }
    }
}

fn render_article(
    article: Arc<Article>,
    registry: &Registry,
    entity_urls: &[String],
    settings: &LinkSettings,
) -> (ArticleData, Report) {
    let mut report = Report::new();
    let front = Block {
        text: &article.front_matter,
        first_line: 2,
    };
    let mut resolve_list = |names: &[String], key: &str| -> Vec<EntityId> {
        let mut ids = Vec::new();
        for name in names {
            match registry.resolve(name) {
                Ok(id) => ids.push(id),
                Err(suggestion) => {
                    let (line, column) = front.key_position(key);
                    report.add(&entities::Error::UnknownTarget {
                        path: article.path.clone(),
                        line,
                        column,
                        target: name.clone(),
                        suggestion: suggestion.map(str::to_string),
                    });
                }
            }
        }
        ids
    };
    let listed = resolve_list(&article.meta.entities, "entities");
    let no_link: HashSet<EntityId> = resolve_list(&article.meta.no_link, "no_link")
        .into_iter()
        .collect();
    let linker = markdown::Linker {
        registry,
        urls: entity_urls,
        policy: settings.policy,
        no_link,
        language: crate::config::Language::of_text(article.meta.lang.as_deref(), settings.language)
            .code(),
        metonyms_to_country: settings.metonyms_to_country,
        has_page: None,
        html: &settings.html,
    };
    let input = markdown::Input {
        path: &article.path,
        body: &article.body,
        body_line: article.body_line,
        body_offset: article.body_offset,
    };
    let mut rendered = markdown::render(&input, &linker);
    for e in &rendered.errors {
        report.add(e);
    }
    for id in listed {
        rendered.mentions.push(markdown::FoundMention {
            entity: id,
            rule: Rule::FrontMatter,
            start: 0,
            end: 0,
            linked: false,
            context: None,
        });
    }
    rendered.mentions.shrink_to_fit();
    let mut counts: Vec<(EntityId, usize)> = Vec::new();
    let mut ids: Vec<EntityId> = rendered.mentions.iter().map(|m| m.entity).collect();
    ids.sort();
    for id in ids {
        match counts.last_mut() {
            Some((last, n)) if *last == id => *n += 1,
            _ => counts.push((id, 1)),
        }
    }
    let summary = match &article.meta.summary {
        Some(s) => markdown::plain_text(s),
        None => rendered.first_paragraph.clone(),
    };
    let fingerprint = hash_of((
        &article.path,
        &article.front_matter,
        &article.body,
        article.body_offset,
    ));
    let teaser = markdown::shorten(&summary, TEASER_CHARS);
    let route: Arc<str> = urls::article(&article.slug).into();
    let place_hash = hash_of((&route, &article.meta.date));
    let meta = &article.meta;
    let tag_slugs: Arc<[String]> = article.meta.tags.iter().map(|t| slugify(t)).collect();
    let source_slug: Option<Arc<str>> = article.meta.source.as_deref().map(|s| slugify(s).into());
    let terms_hash = hash_of((&meta.tags, &tag_slugs, &meta.source, &source_slug));
    let entities_hash = hash_of(&counts);
    (
        ArticleData {
            teaser: teaser.into(),
            route,
            article,
            rendered: Arc::new(rendered),
            entities: counts.into(),
            terms_hash,
            entities_hash,
            place_hash,
            tag_slugs,
            source_slug,
            summary: summary.into(),
            tags: Arc::from([]),
            source: None,
            fingerprint,
        },
        report,
    )
}
