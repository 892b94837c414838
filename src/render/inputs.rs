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

use std::hash::{Hash, Hasher};
use xxhash_rust::xxh3::Xxh3Default as DefaultHasher;

use rayon::prelude::*;

use super::pages::{page_count, Job, Pages};
use crate::content::PartialDate;
use crate::site::Term;

/// Hashes that many pages share, computed once per rendering pass.
pub struct SharedInputs {
    /// Per article: what a summary of it in a list shows.
    summaries: Vec<u64>,
    /// Per article: the summary and the article's file, for pages that show
    /// its body.
    full: Vec<u64>,
    /// The month headings of the archive and the pages they start on.
    months: u64,
    /// Every route and every article's date (the sitemap lists them all).
    everything: u64,
}

/// The indexes on page `page` (from 1) of a list of `len` items, as
/// `Pages::page_slice` cuts them.
fn page_range(len: usize, page: usize, per_page: usize) -> std::ops::Range<usize> {
    let start = ((page - 1) * per_page).min(len);
    start..(start + per_page).min(len)
}

fn hash_term(term: &Term, h: &mut DefaultHasher) {
    term.name.hash(h);
    term.route.hash(h);
    term.articles.len().hash(h);
}

impl<'a> Pages<'a> {
    /// The hashes shared by many pages; `routes` are the routes of [`Pages::jobs`].
    pub fn shared_inputs(&self, routes: &[String]) -> SharedInputs {
        let site = self.site;
        // What lists and summary-only feeds show of an article: not its body,
        // so that an edit to the body re-renders only the pages showing it.
        let summaries: Vec<u64> = site
            .articles
            .par_iter()
            .map(|a| {
                let mut h = DefaultHasher::new();
                (a.summary_hash, &a.route).hash(&mut h);
                for &t in &a.tags {
                    site.tags[t].name.hash(&mut h);
                    site.tags[t].route.hash(&mut h);
                }
                if let Some(s) = a.source {
                    site.sources[s].name.hash(&mut h);
                    site.sources[s].route.hash(&mut h);
                }
                h.finish()
            })
            .collect();
        // What pages showing the whole article depend on: also its file.
        let full = site
            .articles
            .iter()
            .zip(&summaries)
            .map(|(a, summary)| {
                let mut h = DefaultHasher::new();
                (summary, a.fingerprint).hash(&mut h);
                h.finish()
            })
            .collect();
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
        SharedInputs {
            summaries,
            full,
            months: months.finish(),
            everything: everything.finish(),
        }
    }

    /// A hash of everything the page of `job` is rendered from, besides the
    /// site fingerprint and the templates.
    pub fn inputs(&self, job: &Job, shared: &SharedInputs) -> u64 {
        let site = self.site;
        let lists = site.config.paginate.lists;
        let mut h = DefaultHasher::new();
        job.hash(&mut h);
        let summaries = |indices: &[usize], h: &mut DefaultHasher| {
            for &i in indices {
                shared.summaries[i].hash(h);
            }
        };
        match job {
            Job::Home { page } => {
                let n = site.articles.len();
                shared.summaries[page_range(n, *page, site.config.paginate.home)].hash(&mut h);
                n.hash(&mut h);
            }
            Job::Article { index } => {
                let a = &site.articles[*index];
                shared.full[*index].hash(&mut h);
                a.entities.hash(&mut h);
                summaries(&site.related[*index], &mut h);
                let neighbour = |i: Option<usize>, h: &mut DefaultHasher| {
                    i.map(|i| (site.articles[i].fingerprint, &site.articles[i].route))
                        .hash(h)
                };
                neighbour(
                    index.checked_add(1).filter(|&i| i < site.articles.len()),
                    &mut h,
                );
                neighbour(index.checked_sub(1), &mut h);
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
                let listed = Self::page_slice(&data.articles, *page, lists);
                summaries(listed, &mut h);
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
                    site.articles[*i].fingerprint.hash(&mut h);
                }
                for c in &data.co_mentions {
                    (c.entity, c.shared).hash(&mut h);
                }
            }
            Job::EntityFeed { id } => {
                let list = &site.entities[id.index()].articles;
                summaries(&list[..list.len().min(site.config.feed_limit)], &mut h);
            }
            Job::Feed => {
                // The site's feed carries each entry's content.
                let n = site.articles.len().min(site.config.feed_limit);
                shared.full[..n].hash(&mut h);
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
                summaries(Self::page_slice(&term.articles, *page, lists), &mut h);
            }
            Job::Archive { page } => {
                let n = site.articles.len();
                page_count(n, lists).hash(&mut h);
                shared.months.hash(&mut h);
                shared.summaries[page_range(n, *page, lists)].hash(&mut h);
            }
            Job::Sitemap => shared.everything.hash(&mut h),
            Job::NotFound | Job::Robots => {}
        }
        h.finish()
    }
}
