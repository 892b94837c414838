//! Files for machines and the 404 page: Atom feeds (the site's and each
//! entity's), the sitemap (split above [`SITEMAP_URLS`]), `robots.txt`.

use super::{Job, Reader, Vars};
use crate::content::PartialDate;
use crate::entities::EntityId;
use crate::render::context::*;

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
fn sitemap_share<T>(entries: &[T], part: usize, limit: usize) -> &[T] {
    if part == 0 {
        entries
    } else {
        super::page_slice(entries, part, limit)
    }
}

pub(super) fn not_found<'p>(r: &Reader<'p, '_>) -> (PageMeta, Vars<'p>) {
    let pages = r.pages();
    let meta = pages.meta(
        "not_found",
        pages.strings.get("not_found_title").into(),
        r.route(),
        "",
    );
    (meta, Vars::NotFound(NoVars {}))
}

pub(super) fn robots<'p>(r: &Reader<'p, '_>) -> (PageMeta, Vars<'p>) {
    let pages = r.pages();
    let vars = RobotsVars {
        sitemap_url: pages.site.base.absolute("sitemap.xml"),
    };
    (
        pages.meta("robots", String::new(), r.route(), ""),
        Vars::Robots(vars),
    )
}

pub(super) fn feed<'p>(r: &Reader<'p, '_>, entity: Option<EntityId>) -> (PageMeta, Vars<'p>) {
    let pages = r.pages();
    let site = r.site();
    let (title, alternate, indices): (String, String, &[usize]) = match entity {
        Some(id) => {
            let data = &site.entities[id.index()];
            (
                format!("{} – {}", site.config.title, site.registry.get(id).name),
                site.base.absolute(&data.route),
                &data.articles,
            )
        }
        None => (
            site.config.title.clone(),
            site.base.absolute(""),
            &pages.all,
        ),
    };
    let indices = &indices[..indices.len().min(site.config.feed_limit)];
    // The newest date of the feed; undated entries are stamped with it too,
    // so that the feed stays the same from build to build.
    let updated = indices
        .iter()
        .find_map(|&i| r.place(i).date)
        .map(PartialDate::rfc3339)
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let entries = indices
        .iter()
        .map(|&i| {
            let a = r.article(i);
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
                    &a.rendered.html
                } else {
                    ""
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
            id: site.base.absolute(r.route()),
            updated,
            entries,
        },
    };
    (
        pages.meta("feed", String::new(), r.route(), ""),
        Vars::Feed(vars),
    )
}

pub(super) fn sitemap<'p>(r: &Reader<'p, '_>, part: usize) -> (PageMeta, Vars<'p>) {
    let pages = r.pages();
    let site = r.site();
    // Made once for the index and all its parts.
    let entries = pages.sitemap_entries.get_or_init(|| sitemap_entries(r));
    let parts = sitemap_parts(entries.len(), SITEMAP_URLS);
    let vars = if part == 0 && parts > 0 {
        SitemapVars {
            entries: &[],
            sitemaps: (1..=parts)
                .map(|p| site.base.absolute(&pages.route(&Job::Sitemap { part: p })))
                .collect(),
        }
    } else {
        SitemapVars {
            entries: sitemap_share(entries, part, SITEMAP_URLS),
            sitemaps: Vec::new(),
        }
    };
    (
        pages.meta("sitemap", String::new(), r.route(), ""),
        Vars::Sitemap(vars),
    )
}

/// Every page the sitemap lists, with its date for articles.
fn sitemap_entries(r: &Reader) -> Vec<SitemapEntry> {
    let pages = r.pages();
    let site = pages.site;
    pages
        .jobs()
        .into_iter()
        .filter(Job::in_sitemap)
        .map(|job| SitemapEntry {
            loc: site.base.absolute(&pages.route(&job)),
            lastmod: match &job {
                Job::Article { index } => r.place(*index).date.map(|d| d.to_string()),
                _ => None,
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
