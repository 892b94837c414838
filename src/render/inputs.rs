//! What each page depends on, as a hash: the basis of incremental rendering.
//!
//! [`Pages::inputs`] hashes, for one [`Job`], every part of the site model
//! that its context is built from — and nothing else, so that an edit to one
//! article changes the inputs of only the pages that show it. Together with
//! [`Site::fingerprint`](crate::site::Site::fingerprint) (configuration and
//! registry) and the hash of the page's templates, equal inputs mean an
//! identical page. Each arm below mirrors the context built in `pages.rs`;
//! the randomized serve test checks the two against full builds.
//!
//! In lists an article is represented by what its summary shows (title,
//! date, source, tags, summary, reading time), on its own page and in the
//! site's feed by its fingerprint (a hash of its file) as well, and on an
//! entity's page also by the sentences naming that entity: an edit to an
//! article's body re-renders its page, but not every list it appears in.
//! What depends on other articles is hashed explicitly: term names (the first
//! spelling of a tag wins), list positions, related articles, neighbours.
//!
//! Each page's inputs also say which articles they read, so that a rebuild
//! whose site layout ([`Pages::site_key`]) is unchanged hashes again only the
//! pages reading a changed article (`incremental.rs`).

use std::hash::{Hash, Hasher};
use xxhash_rust::xxh3::{xxh3_64, Xxh3Default as DefaultHasher};

use super::pages::{page_count, page_range, page_slice, Job, Pages};
use crate::content::PartialDate;
use crate::site::Term;

/// A hasher that collects the bytes and hashes them in one go with xxh3.
/// A page's inputs are mostly hundreds of small integers, which a streaming
/// hasher takes one call and one copy at a time.
#[derive(Default)]
pub(super) struct Buffered(Vec<u8>);

impl Hasher for Buffered {
    fn write(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }

    fn write_u64(&mut self, n: u64) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        xxh3_64(&self.0)
    }
}

/// The bytes of some words, for hashing them in one go.
fn bytes_of(words: &[u64]) -> Vec<u8> {
    words.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// Per-article hashes that many pages share, computed once per pass.
pub struct ArticleInputs {
    /// Per article: what a summary of it in a list shows.
    summaries: Vec<u64>,
    /// Per article: the summary and the article's file, for pages that show
    /// its body.
    full: Vec<u64>,
}

/// Hashes of what a few pages read of the whole site.
#[derive(Debug, Clone, Copy)]
pub struct SiteInputs {
    /// The month headings of the archive and the pages they start on.
    months: u64,
    /// Every route and every article's date (the sitemap lists them all).
    everything: u64,
}

fn hash_term(term: &Term, h: &mut impl Hasher) {
    term.name.hash(h);
    term.route.hash(h);
    term.articles.len().hash(h);
}

impl<'a> Pages<'a> {
    /// The per-article hashes of [`Pages::inputs`].
    pub fn article_inputs(&self) -> ArticleInputs {
        let site = self.site;
        let term_hashes = |terms: &[Term]| -> Vec<u64> {
            terms
                .iter()
                .map(|t| xxh3_64(format!("{}\n{}", t.name, t.route).as_bytes()))
                .collect()
        };
        let (tags, sources) = (term_hashes(&site.tags), term_hashes(&site.sources));
        // What lists and summary-only feeds show of an article: not its body,
        // so that an edit to the body re-renders only the pages showing it.
        // (The summary hash covers the slug, so the route too.)
        let mut words: Vec<u64> = Vec::new();
        let summaries: Vec<u64> = site
            .articles
            .iter()
            .map(|a| {
                words.clear();
                words.push(a.summary_hash);
                words.extend(a.tags.iter().map(|&t| tags[t]));
                words.push(a.source.map_or(0, |s| sources[s]));
                xxh3_64(&bytes_of(&words))
            })
            .collect();
        // What pages showing the whole article depend on: also its file.
        let full = site
            .articles
            .iter()
            .zip(&summaries)
            .map(|(a, summary)| xxh3_64(&bytes_of(&[*summary, a.fingerprint])))
            .collect();
        ArticleInputs { summaries, full }
    }

    /// Per article, a hash of everything [`Pages::inputs`] may read of it: a
    /// page whose inputs read no article whose value changed keeps its
    /// inputs, as long as [`Pages::site_key`] is unchanged too.
    pub fn article_values(&self, shared: &ArticleInputs) -> Vec<u64> {
        self.site
            .articles
            .iter()
            .zip(&shared.full)
            .map(|(a, full)| xxh3_64(&bytes_of(&[*full, a.page_hash])))
            .collect()
    }

    /// A hash of everything [`Pages::inputs`] reads besides the values of
    /// single articles ([`Pages::article_values`]): the configuration and
    /// registry, the indexes, the list of pages, and where each article
    /// stands (its route and date, which decide lists, months and ends).
    pub fn site_key(&self, jobs: &[Job]) -> u64 {
        let site = self.site;
        let mut h = Buffered(Vec::with_capacity(64 * jobs.len()));
        (site.fingerprint, site.index_key, site.articles.len()).hash(&mut h);
        jobs.hash(&mut h);
        for a in &site.articles {
            a.place_hash.hash(&mut h);
        }
        h.finish()
    }

    /// The site-wide hashes; `routes` are the routes of [`Pages::jobs`].
    pub fn site_inputs(&self, routes: &[String]) -> SiteInputs {
        let site = self.site;
        let mut months = DefaultHasher::new();
        for a in &site.articles {
            a.article
                .meta
                .date
                .as_ref()
                .map(PartialDate::to_month)
                .hash(&mut months);
        }
        let mut everything = DefaultHasher::new();
        routes.hash(&mut everything);
        // The sitemap shows each article's date as its last modification.
        for a in &site.articles {
            a.article.meta.date.hash(&mut everything);
        }
        SiteInputs {
            months: months.finish(),
            everything: everything.finish(),
        }
    }

    /// A hash of everything the page of `job` is rendered from, besides the
    /// site fingerprint and the templates. `reads` receives the articles
    /// whose values ([`Pages::article_values`]) went into it.
    pub fn inputs(
        &self,
        job: &Job,
        shared: &ArticleInputs,
        whole: &SiteInputs,
        reads: &mut Vec<u32>,
    ) -> u64 {
        let site = self.site;
        let lists = site.config.paginate.lists;
        let mut h = Buffered(Vec::with_capacity(1024));
        job.hash(&mut h);
        let summaries = |indices: &[usize], h: &mut Buffered, reads: &mut Vec<u32>| {
            for &i in indices {
                shared.summaries[i].hash(h);
                reads.push(i as u32);
            }
        };
        let range = |r: std::ops::Range<usize>, reads: &mut Vec<u32>| {
            reads.extend(r.start as u32..r.end as u32);
            r
        };
        match job {
            Job::Home { page } => {
                let n = site.articles.len();
                let r = range(page_range(n, *page, site.config.paginate.home), reads);
                shared.summaries[r].hash(&mut h);
                n.hash(&mut h);
            }
            Job::Article { index } => {
                let a = &site.articles[*index];
                reads.push(*index as u32);
                shared.full[*index].hash(&mut h);
                a.entities.hash(&mut h);
                summaries(&site.related[*index], &mut h, reads);
                let neighbour = |i: Option<usize>, h: &mut Buffered, reads: &mut Vec<u32>| {
                    reads.extend(i.map(|i| i as u32));
                    i.map(|i| (site.articles[i].fingerprint, &site.articles[i].route))
                        .hash(h)
                };
                neighbour(
                    index.checked_add(1).filter(|&i| i < site.articles.len()),
                    &mut h,
                    reads,
                );
                neighbour(index.checked_sub(1), &mut h, reads);
            }
            Job::Entities => {
                for (id, e) in site.listed_entities() {
                    (id, e.articles.len()).hash(&mut h);
                }
            }
            Job::Entity { id, page } => {
                let data = &site.entities[id.index()];
                data.articles.len().hash(&mut h);
                data.mentions.hash(&mut h);
                let listed = page_slice(&data.articles, *page, lists);
                summaries(listed, &mut h, reads);
                // The sentences naming the entity in each listed article.
                for &i in listed {
                    site.articles[i].mention_hash(*id).hash(&mut h);
                }
                // First and last seen: the dates of the oldest and newest dated article.
                let dated = |i: &&usize| site.articles[**i].article.meta.date.is_some();
                let ends = [
                    data.articles.iter().rev().find(dated),
                    data.articles.iter().find(dated),
                ];
                for i in ends.into_iter().flatten() {
                    reads.push(*i as u32);
                    site.articles[*i].fingerprint.hash(&mut h);
                }
                for c in &data.co_mentions {
                    (c.entity, c.shared).hash(&mut h);
                }
            }
            Job::EntityFeed { id } => {
                let list = &site.entities[id.index()].articles;
                summaries(
                    &list[..list.len().min(site.config.feed_limit)],
                    &mut h,
                    reads,
                );
            }
            Job::Feed => {
                // The site's feed carries each entry's content.
                let n = site.articles.len().min(site.config.feed_limit);
                shared.full[range(0..n, reads)].hash(&mut h);
            }
            Job::Terms { taxonomy } => {
                for t in self.terms(*taxonomy) {
                    hash_term(t, &mut h);
                }
            }
            Job::Term {
                taxonomy,
                index,
                page,
            } => {
                let term = &self.terms(*taxonomy)[*index];
                hash_term(term, &mut h);
                summaries(page_slice(&term.articles, *page, lists), &mut h, reads);
            }
            Job::Archive { page } => {
                let n = site.articles.len();
                page_count(n, lists).hash(&mut h);
                whole.months.hash(&mut h);
                shared.summaries[range(page_range(n, *page, lists), reads)].hash(&mut h);
            }
            Job::Sitemap { .. } => whole.everything.hash(&mut h),
            Job::NotFound | Job::Robots => {}
        }
        h.finish()
    }
}
