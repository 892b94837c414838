//! The site's indexes: terms (tags, sources), articles per entity,
//! co-mentioned entities and related articles.
//!
//! Each is computed from per-article data in time proportional to the sum of
//! the articles' entity counts (squared at worst for co-mentions, which stays
//! small because an article names tens of entities, not thousands).

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

use rayon::prelude::*;

use super::urls;
use super::ArticleData;
use crate::entities::EntityId;
use crate::hash::{hash_of, KeyHasher};

/// A tag or a source, with its articles (newest first).
#[derive(Debug, Clone)]
pub struct Term {
    pub name: String,
    pub slug: String,
    pub route: String,
    pub articles: Vec<usize>,
}

/// An entity named in the same articles as another, with the number of shared articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoMention {
    pub entity: EntityId,
    pub shared: usize,
}

/// Entities named in more articles than this are left out of relatedness:
/// they connect nearly everything and would make the computation quadratic.
pub const RELATED_MAX_ARTICLES_PER_ENTITY: usize = 1000;

/// Groups articles by tag and by source; sets each article's term indexes.
pub fn terms(articles: &mut [ArticleData]) -> (Vec<Term>, Vec<Term>) {
    // Slugs borrowed from the articles (made once per article), so that a
    // tag named by thousands of articles costs no allocation per article.
    struct Found<'a> {
        name: &'a str,
        articles: Vec<usize>,
    }
    fn add<'a>(map: &mut BTreeMap<&'a str, Found<'a>>, name: &'a str, slug: &'a str, i: usize) {
        if slug.is_empty() {
            return;
        }
        let found = map.entry(slug).or_insert_with(|| Found {
            name,
            articles: Vec::new(),
        });
        if found.articles.last() != Some(&i) {
            found.articles.push(i);
        }
    }
    let mut tags: BTreeMap<&str, Found> = BTreeMap::new();
    let mut sources: BTreeMap<&str, Found> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        let meta = &a.article.meta;
        for (name, slug) in meta.tags.iter().zip(a.tag_slugs.iter()) {
            add(&mut tags, name, slug, i);
        }
        if let (Some(name), Some(slug)) = (meta.source.as_deref(), a.source_slug.as_deref()) {
            add(&mut sources, name, slug, i);
        }
    }
    let index = |map: &BTreeMap<&str, Found>| -> HashMap<String, usize> {
        map.keys()
            .enumerate()
            .map(|(i, k)| (k.to_string(), i))
            .collect()
    };
    let (tag_index, source_index) = (index(&tags), index(&sources));
    let finish = |map: BTreeMap<&str, Found>, route: fn(&str) -> String| -> Vec<Term> {
        map.into_iter()
            .map(|(slug, found)| Term {
                name: found.name.trim().to_string(),
                route: route(slug),
                slug: slug.to_string(),
                articles: found.articles,
            })
            .collect()
    };
    let (tags, sources) = (finish(tags, urls::tag), finish(sources, urls::source));
    for a in articles.iter_mut() {
        let mut indexes: Vec<usize> = a
            .tag_slugs
            .iter()
            .filter_map(|slug| tag_index.get(slug.as_str()).copied())
            .collect();
        indexes.dedup();
        a.tags = indexes.into();
        a.source = a
            .source_slug
            .as_deref()
            .and_then(|slug| source_index.get(slug).copied());
    }
    (tags, sources)
}

/// For each entity: the articles naming it (newest first) and its mention count.
pub type ArticlesPerEntity = Vec<(Vec<usize>, usize)>;

/// The [`ArticlesPerEntity`] of `entities` entities.
pub fn articles_per_entity(articles: &[ArticleData], entities: usize) -> ArticlesPerEntity {
    let mut per_entity = vec![(Vec::new(), 0usize); entities];
    for (i, a) in articles.iter().enumerate() {
        for &(id, count) in a.entities.iter() {
            let slot = &mut per_entity[id.index()];
            slot.0.push(i);
            slot.1 += count;
        }
    }
    per_entity
}

/// For each entity, the entities sharing most articles with it (at most `limit`).
pub fn co_mentions(
    articles: &[ArticleData],
    per_entity: &[(Vec<usize>, usize)],
    limit: usize,
) -> Vec<Vec<CoMention>> {
    co_mentions_memo(articles, per_entity, limit, 0, &mut Memo::default())
}

/// Index results of the last build, so that a rebuild recomputes only what
/// its inputs call for: whole indexes by a key over every article's part in
/// them (the usual edit leaves them all unchanged), and single entries of the
/// costly ones by a hash of what each was computed from.
#[derive(Debug, Default)]
pub struct Memo {
    /// Whether results are kept for a next build (a one-shot build has none).
    keep: bool,
    terms: Kept<Terms>,
    per_entity: Kept<ArticlesPerEntity>,
    all_co_mentions: Kept<Vec<Vec<CoMention>>>,
    all_related: Kept<Vec<Vec<usize>>>,
    co_mentions: HashMap<u64, Vec<CoMention>>,
    related: HashMap<u64, Vec<usize>>,
}

impl Memo {
    /// An empty memo that keeps results (`keep`) or not.
    pub fn new(keep: bool) -> Memo {
        Memo {
            keep,
            ..Memo::default()
        }
    }

    /// Whether results are kept for a next build.
    pub fn keeps(&self) -> bool {
        self.keep
    }
}

/// A whole index of the last build with the key of its inputs.
#[derive(Debug)]
struct Kept<T>(Option<(u64, T)>);

impl<T> Default for Kept<T> {
    fn default() -> Self {
        Kept(None)
    }
}

impl<T: Clone> Kept<T> {
    /// The index kept for `key`, if it is the one kept.
    fn get(&self, key: u64) -> Option<T> {
        self.0
            .as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, value)| value.clone())
    }

    /// Keeps `value` for `key`, when results are kept at all.
    fn store(&mut self, keep: bool, key: u64, value: &T) {
        if keep {
            self.0 = Some((key, value.clone()));
        }
    }
}

/// The term indexes with each article's part in them.
#[derive(Debug, Clone)]
struct Terms {
    tags: Vec<Term>,
    sources: Vec<Term>,
    /// Per article: its tag indexes and its source index.
    of_articles: Vec<(std::sync::Arc<[usize]>, Option<usize>)>,
}

/// A key over what [`terms`] reads of every article, in order.
pub fn terms_key(articles: &[ArticleData]) -> u64 {
    let mut h = KeyHasher::new();
    for a in articles {
        a.terms_hash.hash(&mut h);
    }
    h.finish()
}

/// Like [`terms`], reusing the last build's terms for the same [`terms_key`]
/// (no article's tags or source changed, and no article moved).
pub fn terms_memo(
    articles: &mut [ArticleData],
    key: u64,
    memo: &mut Memo,
) -> (Vec<Term>, Vec<Term>) {
    if let Some(found) = memo.terms.get(key) {
        for (a, (tags, source)) in articles.iter_mut().zip(found.of_articles) {
            a.tags = tags;
            a.source = source;
        }
        return (found.tags, found.sources);
    }
    let (tags, sources) = terms(articles);
    if memo.keep {
        let of_articles = articles
            .iter()
            .map(|a| (a.tags.clone(), a.source))
            .collect();
        let found = Terms {
            tags,
            sources,
            of_articles,
        };
        memo.terms.store(true, key, &found);
        return (found.tags, found.sources);
    }
    (tags, sources)
}

/// A key over everything the entity indexes ([`articles_per_entity`],
/// [`co_mentions`], [`related`]) read: the number of entities and every
/// article's entities with their counts, in order.
pub fn entities_key(articles: &[ArticleData], entities: usize) -> u64 {
    let mut h = KeyHasher::new();
    (entities, articles.len()).hash(&mut h);
    for a in articles {
        a.entities_hash.hash(&mut h);
    }
    h.finish()
}

/// Like [`articles_per_entity`], reusing the last build's result for the
/// same [`entities_key`].
pub fn articles_per_entity_memo(
    articles: &[ArticleData],
    entities: usize,
    key: u64,
    memo: &mut Memo,
) -> ArticlesPerEntity {
    if let Some(found) = memo.per_entity.get(key) {
        return found;
    }
    let per_entity = articles_per_entity(articles, entities);
    memo.per_entity.store(memo.keep, key, &per_entity);
    per_entity
}

/// Like [`co_mentions`], reusing the whole result for the same
/// [`entities_key`], else the entries of `memo` whose inputs (the entity's
/// articles and their entity sets) are unchanged.
pub fn co_mentions_memo(
    articles: &[ArticleData],
    per_entity: &[(Vec<usize>, usize)],
    limit: usize,
    key: u64,
    memo: &mut Memo,
) -> Vec<Vec<CoMention>> {
    let whole = hash_of((key, limit));
    if let Some(found) = memo.all_co_mentions.get(whole) {
        return found;
    }
    let entity_sets: Vec<u64> = articles
        .par_iter()
        .map(|a| hash_of(a.entities.iter().map(|e| e.0).collect::<Vec<_>>()))
        .collect();
    let previous = &memo.co_mentions;
    let results: Vec<(u64, Vec<CoMention>)> = per_entity
        .par_iter()
        .enumerate()
        .map(|(i, (list, _))| {
            let key = hash_of((
                i,
                limit,
                list.iter()
                    .map(|&a| (a, entity_sets[a]))
                    .collect::<Vec<_>>(),
            ));
            match previous.get(&key) {
                Some(found) => (key, found.clone()),
                None => (
                    key,
                    Scratch::with(per_entity.len(), |scratch| {
                        co_mentions_of(EntityId(i as u32), list, articles, limit, scratch)
                    }),
                ),
            }
        })
        .collect();
    if memo.keep {
        memo.co_mentions = results.iter().map(|(k, v)| (*k, v.clone())).collect();
    }
    let all: Vec<Vec<CoMention>> = results.into_iter().map(|(_, v)| v).collect();
    memo.all_co_mentions.store(memo.keep, whole, &all);
    all
}

/// A dense table of scores by index, reused from one entry to the next:
/// adding to a slot is an array access, and clearing touches only the slots
/// that were used.
struct Scratch {
    scores: Vec<f64>,
    touched: Vec<usize>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = const {
        std::cell::RefCell::new(Scratch {
            scores: Vec::new(),
            touched: Vec::new(),
        })
    };
}

impl Scratch {
    /// Runs `f` with this thread's table, at least `len` slots long.
    fn with<T>(len: usize, f: impl FnOnce(&mut Scratch) -> T) -> T {
        SCRATCH.with(|cell| {
            let mut scratch = cell.borrow_mut();
            if scratch.scores.len() < len {
                scratch.scores.resize(len, 0.0);
            }
            f(&mut scratch)
        })
    }

    fn add(&mut self, index: usize, value: f64) {
        if self.scores[index] == 0.0 {
            self.touched.push(index);
        }
        self.scores[index] += value;
    }

    /// The slots used, with their scores; leaves the table empty.
    fn drain(&mut self) -> Vec<(usize, f64)> {
        let out = self
            .touched
            .iter()
            .map(|&i| (i, std::mem::take(&mut self.scores[i])))
            .collect();
        self.touched.clear();
        out
    }
}

fn co_mentions_of(
    me: EntityId,
    list: &[usize],
    articles: &[ArticleData],
    limit: usize,
    scratch: &mut Scratch,
) -> Vec<CoMention> {
    for &a in list {
        for &(other, _) in articles[a].entities.iter() {
            if other != me {
                scratch.add(other.index(), 1.0);
            }
        }
    }
    let mut ranked: Vec<CoMention> = scratch
        .drain()
        .into_iter()
        .map(|(entity, shared)| CoMention {
            entity: EntityId(entity as u32),
            shared: shared as usize,
        })
        .collect();
    ranked.sort_by(|a, b| b.shared.cmp(&a.shared).then(a.entity.cmp(&b.entity)));
    ranked.truncate(limit);
    ranked.shrink_to_fit();
    ranked
}

/// For each article, the articles sharing its entities, weighted by how rare
/// each shared entity is (inverse document frequency), best first.
pub fn related(
    articles: &[ArticleData],
    per_entity: &[(Vec<usize>, usize)],
    limit: usize,
) -> Vec<Vec<usize>> {
    related_memo(articles, per_entity, limit, 0, &mut Memo::default())
}

/// Like [`related`], reusing the whole result for the same
/// [`entities_key`], else the entries of `memo` whose inputs (the article's
/// position, the number of articles, and the article lists of its entities)
/// are unchanged.
pub fn related_memo(
    articles: &[ArticleData],
    per_entity: &[(Vec<usize>, usize)],
    limit: usize,
    key: u64,
    memo: &mut Memo,
) -> Vec<Vec<usize>> {
    let whole = hash_of((key, limit));
    if let Some(found) = memo.all_related.get(whole) {
        return found;
    }
    let lists: Vec<u64> = per_entity
        .par_iter()
        .map(|(list, _)| hash_of(list))
        .collect();
    let previous = &memo.related;
    let results: Vec<(u64, Vec<usize>)> = articles
        .par_iter()
        .enumerate()
        .map(|(i, a)| {
            let key = hash_of((
                i,
                articles.len(),
                limit,
                a.entities
                    .iter()
                    .map(|&(id, _)| (id, lists[id.index()]))
                    .collect::<Vec<_>>(),
            ));
            match previous.get(&key) {
                Some(found) => (key, found.clone()),
                None => (
                    key,
                    Scratch::with(articles.len(), |scratch| {
                        related_of(i, a, articles.len(), per_entity, limit, scratch)
                    }),
                ),
            }
        })
        .collect();
    if memo.keep {
        memo.related = results.iter().map(|(k, v)| (*k, v.clone())).collect();
    }
    let all: Vec<Vec<usize>> = results.into_iter().map(|(_, v)| v).collect();
    memo.all_related.store(memo.keep, whole, &all);
    all
}

fn related_of(
    i: usize,
    a: &ArticleData,
    count: usize,
    per_entity: &[(Vec<usize>, usize)],
    limit: usize,
    scratch: &mut Scratch,
) -> Vec<usize> {
    let n = count as f64;
    for &(id, _) in a.entities.iter() {
        let list = &per_entity[id.index()].0;
        if list.len() < 2 || list.len() > RELATED_MAX_ARTICLES_PER_ENTITY {
            continue;
        }
        let weight = (n / list.len() as f64).ln() + 1.0;
        for &other in list {
            if other != i {
                scratch.add(other, weight);
            }
        }
    }
    let mut ranked = scratch.drain();
    // Best score first; among equals the article closest in time. Only the
    // best `limit` are sorted: an article may share entities with thousands.
    let order = |x: &(usize, f64), y: &(usize, f64)| {
        y.1.total_cmp(&x.1)
            .then_with(|| x.0.abs_diff(i).cmp(&y.0.abs_diff(i)))
            .then(x.0.cmp(&y.0))
    };
    if limit > 0 && ranked.len() > limit {
        ranked.select_nth_unstable_by(limit - 1, order);
        ranked.truncate(limit);
    }
    ranked.sort_by(order);
    ranked.truncate(limit);
    // A fresh vector: collecting in place would keep the capacity of every
    // candidate (thousands) for the few kept, in each of the site's articles.
    let mut best = Vec::with_capacity(ranked.len());
    best.extend(ranked.iter().map(|&(j, _)| j));
    best
}

/// For each article, the others that carry the same story: an article
/// naming another in `same_story` and that other, and every article of the
/// same group. With a hash of the relations, for the index key.
pub fn same_story(articles: &[ArticleData]) -> (Vec<Vec<usize>>, u64) {
    let by_slug: HashMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.article.slug.as_str(), i))
        .collect();
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); articles.len()];
    let mut h = KeyHasher::new();
    for (i, a) in articles.iter().enumerate() {
        let Some(target) = a.article.meta.same_story.as_deref() else {
            continue;
        };
        (a.article.slug.as_str(), target).hash(&mut h);
        if let Some(&j) = by_slug.get(target).filter(|&&j| j != i) {
            groups[i].push(j);
            groups[j].push(i);
        }
    }
    // Articles naming the same original are the same story too.
    let snapshot = groups.clone();
    for (i, list) in snapshot.iter().enumerate() {
        for &j in list {
            for &k in &snapshot[j] {
                if k != i && !groups[i].contains(&k) {
                    groups[i].push(k);
                }
            }
        }
    }
    for g in &mut groups {
        g.sort_unstable();
        g.dedup();
    }
    (groups, h.finish())
}
