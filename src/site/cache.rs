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
//! - each rendered article, keyed by the address of its `Arc<Article>`: the
//!   content cache hands in the very same `Arc` while a file's text does not
//!   change, and a changed file comes as a new one.
//!
//! The order of the articles is kept while no date or slug changes. The
//! indexes are reused whole while what they read of every article (tags and
//! source; entities) hashes the same, and the two costly ones (co-mentions,
//! related articles) otherwise reuse each entry whose inputs hash the same as
//! in the last build ([`super::indexes::Memo`]). A one-shot build
//! ([`Cache::default`]) keeps none of this.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use super::indexes::Memo;
use super::{render_article, urls, ArticleData, LinkSettings};
use crate::content::{Article, EntityEntry, PartialDate};
use crate::diagnostics::Report;
use crate::entities::discover::{self, Found, People, Person};
use crate::entities::Registry;
use crate::hash::{hash_of, KeyHasher};
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
    /// Holds the source article (`data.article`), so that its address stays taken.
    data: ArticleData,
    report: Report,
}

/// Rendered parts of a site, reused by [`super::Site::build_cached`].
#[derive(Debug, Default)]
pub struct Cache {
    registry: Option<RegistryParts>,
    profiles: Option<Profiles>,
    /// Rendered articles by the address of their source (the content cache
    /// hands in the same `Arc` while a file is unchanged; the entry holds it,
    /// so the address cannot be reused meanwhile).
    articles: HashMap<usize, CachedArticle, BuildHasherDefault<AddressHasher>>,
    /// The people found in each article, by the address of its source.
    people: HashMap<usize, Arc<Vec<Found>>, BuildHasherDefault<AddressHasher>>,
    /// The merged people of the last build, by the addresses of the finds
    /// they were merged from: a rebuild that read no article anew reuses them.
    merged_people: Option<(u64, Vec<Person>)>,
    /// Co-mentions and related articles by a hash of their inputs.
    pub(super) indexes: Memo,
    /// The last order of the articles: the articles in the order they came
    /// in, and where each went.
    order: Option<(Vec<Arc<Article>>, Vec<usize>)>,
    /// Whether each article's Markdown is dropped once rendered (a build
    /// that keeps no site for a next one).
    release_bodies: bool,
}

impl Cache {
    /// A cache for a one-shot build whose site is not kept: each article's
    /// Markdown is dropped as soon as it is rendered, so that its memory
    /// serves the next articles (see [`super::Site::release_sources`]).
    pub fn one_shot() -> Cache {
        Cache {
            release_bodies: true,
            ..Cache::default()
        }
    }

    /// A cache that keeps what each build made for the next one (an empty
    /// [`Cache::default`] serves a one-shot build and keeps nothing).
    pub fn for_rebuilds() -> Cache {
        Cache {
            indexes: Memo::new(true),
            ..Cache::default()
        }
    }
}

fn registry_key(
    entities: &[EntityEntry],
    people: &[Person],
    base: &BaseUrl,
    settings: &LinkSettings,
) -> u64 {
    let mut h = KeyHasher::new();
    for p in people {
        p.name.hash(&mut h);
    }
    for e in entities {
        // The entry is parsed from the file alone: its key stands for it.
        e.key.hash(&mut h);
    }
    format!("{base:?}").hash(&mut h);
    settings.hash(&mut h);
    h.finish()
}

impl Cache {
    /// The registry parts for these entities, built unless cached.
    /// The people found in the articles, merged; each article is read once
    /// while its file does not change.
    pub(super) fn people(
        &mut self,
        articles: &[Arc<Article>],
        settings: &LinkSettings,
    ) -> Vec<Person> {
        if !settings.discover {
            self.people.clear();
            return Vec::new();
        }
        let cached = &self.people;
        let found: Vec<Arc<Vec<Found>>> = articles
            .par_iter()
            .map(|a| match cached.get(&address(a)) {
                Some(f) => f.clone(),
                None => Arc::new(find_people(a, settings)),
            })
            .collect();
        let key = {
            let mut h = KeyHasher::new();
            for f in &found {
                (Arc::as_ptr(f) as usize).hash(&mut h);
            }
            h.finish()
        };
        let merged = match self.merged_people.take() {
            Some((last, people)) if last == key => people,
            _ => {
                let mut people = People::default();
                for f in &found {
                    people.add(f);
                }
                people.people()
            }
        };
        if self.indexes.keeps() {
            self.people = articles
                .iter()
                .zip(found)
                .map(|(a, f)| (address(a), f))
                .collect();
            self.merged_people = Some((key, merged.clone()));
        }
        merged
    }

    pub(super) fn registry(
        &mut self,
        entities: &[EntityEntry],
        people: &[Person],
        base: &BaseUrl,
        settings: &LinkSettings,
    ) -> &RegistryParts {
        let key = registry_key(entities, people, base, settings);
        if self.registry.as_ref().map(|p| p.key) != Some(key) {
            self.articles.clear();
            self.profiles = None;
            self.indexes = Memo::new(self.indexes.keeps());
            self.registry = Some(build_registry(key, entities, people, base, settings));
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
        let release = self.release_bodies;
        let results: Vec<(ArticleData, Report, bool)> = articles
            .into_par_iter()
            .map(|article| match cached.get(&address(&article)) {
                Some(c) => (c.data.clone(), c.report.clone(), false),
                None => {
                    let (mut data, report) = render_article(
                        article,
                        &parts.registry,
                        &parts.entity_urls,
                        &parts.settings,
                    );
                    if release {
                        // Nothing reads the Markdown once it is rendered.
                        if let Some(article) = Arc::get_mut(&mut data.article) {
                            article.body = String::new();
                        }
                    }
                    (data, report, true)
                }
            })
            .collect();
        // Articles gone or changed since the last build leave the cache;
        // when every cached article is still there, there is none to look for.
        let fresh = results.iter().filter(|r| r.2).count();
        if self.articles.len() + fresh != results.len() {
            let present: HashSet<usize, BuildHasherDefault<AddressHasher>> =
                results.iter().map(|r| address(&r.0.article)).collect();
            self.articles.retain(|a, _| present.contains(a));
        }
        let mut report = Report::new();
        let mut out = Vec::with_capacity(results.len());
        for (data, r, fresh) in results {
            if fresh && self.indexes.keeps() {
                self.articles.insert(
                    address(&data.article),
                    CachedArticle {
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

impl Cache {
    /// The articles newest first, undated last, ties by slug. Sorted again
    /// only when a date or slug changed or articles came or went.
    pub(super) fn order(&mut self, articles: Vec<Arc<Article>>) -> Vec<Arc<Article>> {
        // The same articles as last time, or others with the same slugs and
        // dates (mostly the very same `Arc`s, compared without reading them).
        let unchanged = |last: &[Arc<Article>]| {
            last.len() == articles.len()
                && last.iter().zip(&articles).all(|(x, y)| {
                    Arc::ptr_eq(x, y) || (x.slug == y.slug && x.meta.date == y.meta.date)
                })
        };
        let order = match self.order.take() {
            Some((last, order)) if unchanged(&last) => order,
            _ => {
                let dates: Vec<_> = articles
                    .iter()
                    .map(|a| a.meta.date.as_ref().map(PartialDate::order_key))
                    .collect();
                let mut order: Vec<usize> = (0..articles.len()).collect();
                order.sort_unstable_by(|&x, &y| {
                    let by_date = match (&dates[x], &dates[y]) {
                        (Some(p), Some(q)) => q.cmp(p),
                        (Some(_), None) => std::cmp::Ordering::Less,
                        (None, Some(_)) => std::cmp::Ordering::Greater,
                        (None, None) => std::cmp::Ordering::Equal,
                    };
                    by_date
                        .then_with(|| articles[x].slug.cmp(&articles[y].slug))
                        .then(x.cmp(&y))
                });
                order
            }
        };
        let sorted = order.iter().map(|&i| articles[i].clone()).collect();
        if self.indexes.keeps() {
            self.order = Some((articles, order));
        }
        sorted
    }
}

/// The address of an article, its key in the cache.
fn address(article: &Arc<Article>) -> usize {
    Arc::as_ptr(article) as usize
}

/// A hasher for addresses: one multiplication, folded so that the high and
/// the low bits both vary (addresses share their low bits by alignment).
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn write_u64(&mut self, n: u64) {
        let product = u128::from(self.0 ^ n) * 0x9e37_79b9_7f4a_7c15;
        self.0 = (product as u64) ^ ((product >> 64) as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The people named in one article: its paragraphs as plain text, read in
/// the article's language.
fn find_people(article: &Article, settings: &LinkSettings) -> Vec<Found> {
    article_people(article, settings.language)
}

/// The people named in one article, found as the build finds them: its
/// paragraphs as plain text without wikilinks, read in the article's
/// language (or `default` when it names none). `briefing mentions` and
/// `entities suggest` read articles the same way.
pub fn article_people(article: &Article, default: crate::config::Language) -> Vec<Found> {
    let blocks: Vec<String> = article
        .body
        .split("\n\n")
        .map(|b| markdown::plain_text(&without_wikilinks(b)))
        .filter(|b| !b.is_empty())
        .collect();
    let refs: Vec<&str> = blocks.iter().map(String::as_str).collect();
    let language = crate::config::Language::of_text(article.meta.lang.as_deref(), default);
    discover::find(&refs, language.code())
}

/// The text with each `[[wikilink]]` cut out: it names its entity itself,
/// and a misspelt one must stay an error, not become a person.
fn without_wikilinks(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("[[") {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("[[") {
        out.push_str(&rest[..open]);
        match rest[open..].find("]]") {
            Some(close) => {
                out.push(' ');
                rest = &rest[open + close + 2..];
            }
            None => {
                rest = &rest[open..];
                break;
            }
        }
    }
    out.push_str(rest);
    out.into()
}

fn build_registry(
    key: u64,
    entities: &[EntityEntry],
    people: &[Person],
    base: &BaseUrl,
    settings: &LinkSettings,
) -> RegistryParts {
    let mut report = Report::new();
    let (registry, warnings) =
        Registry::with_people(entities, people, &settings.registry_options());
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
        let key = hash_of((parts.key, has_page));
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
                html: &parts.settings.html,
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
