//! What [`Site::build_cached`](super::Site::build_cached) keeps from one build
//! to the next: the entity registry with the rendered profiles, and every
//! rendered article.
//!
//! An article's rendering depends on its file and on the registry (which
//! entities exist, their URLs, the link policy). So the cache holds:
//!
//! - the registry parts, keyed by a hash of the entity files, the base URL and
//!   the link settings; a different key drops everything;
//! - the rendered profiles, keyed by the registry and by which entities have a
//!   page (a profile links only to entities with a page);
//! - each rendered article, keyed by its path and valid while the content
//!   stage hands in the very same `Arc<Article>` (the content cache keeps the
//!   `Arc` of a file whose text did not change).
//!
//! The indexes are recomputed from the cached parts on every build; the two
//! costly ones (co-mentions, related articles) reuse each entry whose inputs
//! hash the same as in the last build ([`super::indexes::Memo`]).

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use super::indexes::Memo;
use super::{render_article, urls, ArticleData, LinkSettings};
use crate::content::{Article, EntityEntry};
use crate::diagnostics::Report;
use crate::entities::Registry;
use crate::markdown::{self, Rendered};
use crate::site::urls::BaseUrl;

/// The registry and everything derived from it alone.
#[derive(Debug)]
pub(super) struct RegistryParts {
    pub key: u64,
    pub registry: Arc<Registry>,
    pub entity_urls: Arc<Vec<String>>,
    pub settings: LinkSettings,
    /// Ambiguity warnings.
    pub report: Report,
}

/// Rendered profiles (indexed by entity id) and their errors.
#[derive(Debug)]
struct Profiles {
    key: u64,
    profiles: Vec<Arc<Rendered>>,
    report: Report,
}

#[derive(Debug)]
struct CachedArticle {
    source: Arc<Article>,
    data: ArticleData,
    report: Report,
}

/// Rendered parts of a site, reused by [`super::Site::build_cached`].
#[derive(Debug, Default)]
pub struct Cache {
    registry: Option<RegistryParts>,
    profiles: Option<Profiles>,
    articles: HashMap<PathBuf, CachedArticle>,
    /// Co-mentions and related articles by a hash of their inputs.
    pub(super) indexes: Memo,
}

fn registry_key(entities: &[EntityEntry], base: &BaseUrl, settings: &LinkSettings) -> u64 {
    let mut h = DefaultHasher::new();
    for e in entities {
        e.path.hash(&mut h);
        e.slug.hash(&mut h);
        e.name.hash(&mut h);
        e.body.hash(&mut h);
        e.body_line.hash(&mut h);
        format!("{:?}", e.meta).hash(&mut h);
    }
    format!("{base:?}").hash(&mut h);
    settings.hash(&mut h);
    h.finish()
}

impl Cache {
    /// The registry parts for these entities, built unless cached.
    pub(super) fn registry(
        &mut self,
        entities: &[EntityEntry],
        base: &BaseUrl,
        settings: &LinkSettings,
    ) -> &RegistryParts {
        let key = registry_key(entities, base, settings);
        if self.registry.as_ref().map(|p| p.key) != Some(key) {
            self.articles.clear();
            self.profiles = None;
            self.indexes = Memo::default();
            self.registry = Some(build_registry(key, entities, base, settings));
        }
        self.registry.as_ref().expect("set above")
    }

    /// Article data for `articles` (in their final order), rendering only the
    /// ones not cached; the cache then holds exactly these articles.
    pub(super) fn articles(&mut self, articles: Vec<Arc<Article>>) -> (Vec<ArticleData>, Report) {
        let parts = self
            .registry
            .as_ref()
            .expect("the registry is built before the articles");
        let cached = &self.articles;
        let results: Vec<(ArticleData, Report, bool)> = articles
            .into_par_iter()
            .map(|article| match cached.get(&article.path) {
                Some(c) if Arc::ptr_eq(&c.source, &article) => {
                    (c.data.clone(), c.report.clone(), false)
                }
                _ => {
                    let (data, report) = render_article(
                        article,
                        &parts.registry,
                        &parts.entity_urls,
                        &parts.settings,
                    );
                    (data, report, true)
                }
            })
            .collect();
        // Articles gone since the last build leave the cache; when every
        // cached article is still there (the usual edit), there is none to look for.
        let new_paths = results
            .iter()
            .filter(|r| r.2 && !self.articles.contains_key(&r.0.article.path))
            .count();
        if self.articles.len() + new_paths != results.len() {
            let present: HashSet<&PathBuf> = results.iter().map(|r| &r.0.article.path).collect();
            self.articles.retain(|p, _| present.contains(p));
        }
        let mut report = Report::new();
        let mut out = Vec::with_capacity(results.len());
        for (data, r, fresh) in results {
            if fresh {
                self.articles.insert(
                    data.article.path.clone(),
                    CachedArticle {
                        source: data.article.clone(),
                        data: data.clone(),
                        report: r.clone(),
                    },
                );
            }
            report.extend(r);
            out.push(data);
        }
        (out, report)
    }
}

fn build_registry(
    key: u64,
    entities: &[EntityEntry],
    base: &BaseUrl,
    settings: &LinkSettings,
) -> RegistryParts {
    let mut report = Report::new();
    let (registry, warnings) = Registry::new(entities, &settings.registry_options());
    for w in &warnings {
        report.add(w);
    }
    let entity_urls: Vec<String> = registry
        .iter()
        .map(|(_, e)| base.href(&urls::entity(&e.slug)))
        .collect();
    RegistryParts {
        key,
        registry: Arc::new(registry),
        entity_urls: Arc::new(entity_urls),
        settings: settings.clone(),
        report,
    }
}

impl Cache {
    /// The rendered profiles, given which entities have a page; rendered
    /// again only when the registry or that set changed.
    pub(super) fn profiles(&mut self, has_page: &[bool]) -> (Vec<Arc<Rendered>>, Report) {
        let parts = self
            .registry
            .as_ref()
            .expect("the registry is built before the profiles");
        let mut h = DefaultHasher::new();
        parts.key.hash(&mut h);
        has_page.hash(&mut h);
        let key = h.finish();
        if self.profiles.as_ref().map(|p| p.key) != Some(key) {
            self.profiles = Some(render_profiles(key, parts, has_page));
        }
        let p = self.profiles.as_ref().expect("set above");
        (p.profiles.clone(), p.report.clone())
    }
}

fn render_profiles(key: u64, parts: &RegistryParts, has_page: &[bool]) -> Profiles {
    let registry = &parts.registry;
    let empty = Arc::new(Rendered::default());
    let profiles: Vec<Arc<Rendered>> = registry
        .iter()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(id, e)| {
            if !has_page[id.index()] || e.body.trim().is_empty() {
                return empty.clone();
            }
            let input = markdown::Input {
                path: e.path.as_deref().unwrap_or(std::path::Path::new("")),
                body: &e.body,
                body_line: e.body_line,
                body_offset: 0,
            };
            let linker = markdown::Linker {
                registry,
                urls: &parts.entity_urls,
                policy: parts.settings.policy,
                no_link: HashSet::from([id]),
                language: parts.settings.language.code(),
                metonyms_to_country: parts.settings.metonyms_to_country,
                has_page: Some(has_page),
            };
            Arc::new(markdown::render(&input, &linker))
        })
        .collect();
    let mut report = Report::new();
    for p in &profiles {
        for e in &p.errors {
            report.add(e);
        }
    }
    Profiles {
        key,
        profiles,
        report,
    }
}
