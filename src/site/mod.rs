//! Site: the model of the whole site, built once from the content and shared
//! read-only by every page.
//!
//! Entry point: [`Site::build`]. It renders every article body (in parallel),
//! resolves entity references, and builds the indexes the pages need: articles
//! newest first, articles per entity, tag and source, co-mentioned entities and
//! related articles. Every index is built in one pass over the articles (or over
//! each article's entities), never by scanning all pages for each page, so the
//! work grows with the size of the content, not with its square.

pub mod indexes;
pub mod urls;

use std::collections::HashSet;

use rayon::prelude::*;

use crate::config::{Config, LinkPolicy, MetonymPolicy};
use crate::content::{Article, Content};
use crate::diagnostics::Report;
use crate::entities::{self, EntityId, Origin, Registry, RegistryOptions, Rule};
use crate::markdown::{self, Rendered};
use crate::yaml::Block;

pub use indexes::{CoMention, Term};
use urls::BaseUrl;

/// An article with everything its pages need.
#[derive(Debug)]
pub struct ArticleData {
    pub article: Article,
    pub rendered: Rendered,
    pub route: String,
    /// Entities of the article with their number of mentions, by entity id.
    pub entities: Vec<(EntityId, usize)>,
    /// Plain-text summary: `summary` from the front matter, or the first paragraph.
    pub summary: String,
    /// Tag and source term indexes into [`Site::tags`] / [`Site::sources`].
    pub tags: Vec<usize>,
    pub source: Option<usize>,
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
    pub profile: Rendered,
}

/// The whole site, ready to render.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub base: BaseUrl,
    pub registry: Registry,
    /// Newest first; undated articles last.
    pub articles: Vec<ArticleData>,
    /// Indexed by [`EntityId`].
    pub entities: Vec<EntityData>,
    pub tags: Vec<Term>,
    pub sources: Vec<Term>,
    /// For each article, related articles (indexes), best first.
    pub related: Vec<Vec<usize>>,
}

/// How many co-mentioned entities an entity page lists.
pub const CO_MENTIONS_SHOWN: usize = 20;
/// How many related articles an article page lists.
pub const RELATED_SHOWN: usize = 5;

impl Site {
    /// Builds the model; problems in the content come back in the report.
    pub fn build(config: Config, base: BaseUrl, content: Content) -> (Site, Report) {
        let mut report = Report::new();
        let registry_options = RegistryOptions {
            gazetteer: config.gazetteer,
            language: config.language,
        };
        let (registry, warnings) = Registry::new(&content.entities, &registry_options);
        for w in &warnings {
            report.add(w);
        }
        let entity_urls: Vec<String> = registry
            .iter()
            .map(|(_, e)| base.href(&urls::entity(&e.slug)))
            .collect();

        let mut articles = content.articles;
        // Newest first, undated last; ties by slug for a stable order.
        articles.sort_by(|a, b| {
            let by_date = match (&a.meta.date, &b.meta.date) {
                (Some(x), Some(y)) => y.cmp(x),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            };
            by_date.then_with(|| a.slug.cmp(&b.slug))
        });

        let linking = Linking {
            registry: &registry,
            urls: &entity_urls,
            policy: config.entities.link,
            site_language: config.language.code(),
            metonyms_to_country: config.entities.metonyms == MetonymPolicy::Country,
        };
        let rendered: Vec<(ArticleData, Report)> = articles
            .into_par_iter()
            .map(|article| render_article(article, &linking))
            .collect();
        let mut articles = Vec::with_capacity(rendered.len());
        for (data, r) in rendered {
            report.extend(r);
            articles.push(data);
        }

        let (tags, sources) = indexes::terms(&mut articles);
        let per_entity = indexes::articles_per_entity(&articles, registry.len());
        // Registry entities always get a page; gazetteer entities only when
        // an article mentions them.
        let has_page: Vec<bool> = registry
            .iter()
            .map(|(id, e)| e.origin == Origin::Registry || !per_entity[id.index()].0.is_empty())
            .collect();
        let profiles: Vec<Rendered> = registry
            .iter()
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|(id, e)| {
                if !has_page[id.index()] || e.body.trim().is_empty() {
                    return Rendered::default();
                }
                let input = markdown::Input {
                    path: e.path.as_deref().unwrap_or(std::path::Path::new("")),
                    body: &e.body,
                    body_line: e.body_line,
                    body_offset: 0,
                };
                let linker = markdown::Linker {
                    registry: &registry,
                    urls: &entity_urls,
                    policy: linking.policy,
                    no_link: HashSet::from([id]),
                    language: linking.site_language,
                    metonyms_to_country: linking.metonyms_to_country,
                    has_page: Some(&has_page),
                };
                markdown::render(&input, &linker)
            })
            .collect();
        for p in &profiles {
            for e in &p.errors {
                report.add(e);
            }
        }
        let co_mentions = indexes::co_mentions(&articles, &per_entity, CO_MENTIONS_SHOWN);
        let related = indexes::related(&articles, &per_entity, RELATED_SHOWN);
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
            },
            report,
        )
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

/// What every article is linked with.
struct Linking<'a> {
    registry: &'a Registry,
    urls: &'a [String],
    policy: LinkPolicy,
    site_language: &'a str,
    metonyms_to_country: bool,
}

fn render_article(article: Article, linking: &Linking) -> (ArticleData, Report) {
    let registry = linking.registry;
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
    let language = match article.meta.lang.as_deref() {
        Some(l) if l.starts_with("en") => "en",
        Some(l) if l.starts_with("de") => "de",
        _ => linking.site_language,
    };
    let linker = markdown::Linker {
        registry,
        urls: linking.urls,
        policy: linking.policy,
        no_link,
        language,
        metonyms_to_country: linking.metonyms_to_country,
        has_page: None,
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
    (
        ArticleData {
            route: urls::article(&article.slug),
            article,
            rendered,
            entities: counts,
            summary,
            tags: Vec::new(),
            source: None,
        },
        report,
    )
}
