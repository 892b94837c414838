//! Lists of articles: paging, the card each article shows in every list,
//! list items, groups by date, pagination links; and the home page, the
//! first list of all.

use std::collections::HashMap;
use std::sync::Arc;

use super::{Error, Pages, Reader, Vars};
use crate::content::PartialDate;
use crate::entities::EntityId;
use crate::render::context::*;
use crate::render::i18n::Strings;
use crate::render::templates;
use crate::site::urls::page_route;

/// The partials that render the parts of a list item that are the same in
/// every list, once per article: a list item's `heading` and `tag_list`.
/// Every page may list articles, so every page depends on them.
pub const CARD_PARTIALS: [&str; 2] = [
    "partials/article-heading.html",
    "partials/article-tags.html",
];

/// How many pages on either side of the current one a pagination links to
/// by number.
const PAGE_WINDOW: usize = 2;

/// The indexes on page `page` (from 1) of a list of `len` items, `per_page`
/// to a page.
pub(crate) fn page_range(len: usize, page: usize, per_page: usize) -> std::ops::Range<usize> {
    let start = ((page - 1) * per_page).min(len);
    start..(start + per_page).min(len)
}

/// The items on page `page` (from 1) of a list, `per_page` to a page.
pub(crate) fn page_slice<T>(items: &[T], page: usize, per_page: usize) -> &[T] {
    &items[page_range(items.len(), page, per_page)]
}

pub(crate) fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

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

/// What every list shows of one article, made once: a list item borrows it
/// instead of building and rendering it again in each list.
#[derive(Debug)]
pub struct Card {
    /// A hash of the summary the partials saw and of the partials.
    key: u64,
    /// The fields of a list item that are the same in every list, as
    /// template values: a list takes them with a reference count each
    /// instead of converting the strings again.
    title: tera::Value,
    url: tera::Value,
    date: tera::Value,
    summary: tera::Value,
    /// [`CARD_PARTIALS`], rendered.
    heading: tera::Value,
    tag_list: tera::Value,
}

/// Cards of earlier passes by key, so that a rebuild renders the card
/// partials only for articles whose summary changed.
#[derive(Debug, Default)]
pub struct CardMemo(HashMap<u64, Arc<Card>>);

impl CardMemo {
    /// Adds the cards of a pass. Cards of summaries no longer shown pile up
    /// as articles are edited; past `limit` cards the memo starts afresh
    /// with the new ones.
    pub fn add(&mut self, new: CardMemo, limit: usize) {
        if self.0.len() + new.0.len() > limit {
            self.0.clear();
        }
        self.0.extend(new.0);
    }
}

/// A fragment without the blank space around it: it goes inline, between
/// the list item's own lines.
fn trimmed(bytes: Vec<u8>) -> String {
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    text.trim().to_string()
}

fn summary(pages: &Pages, a: &crate::site::ArticleData) -> ArticleSummary {
    let site = pages.site;
    let meta = &a.article.meta;
    let strings = Strings::for_language(pages.language_of(meta.lang.as_deref()));
    ArticleSummary {
        title: meta.title.clone(),
        url: site.base.href(&a.route),
        date: meta.date.as_ref().map(|d| pages.date_in(d, strings)),
        source: a.source.map(|s| pages.term_link(&site.sources[s])),
        agencies: meta.agencies.clone(),
        tags: a
            .tags
            .iter()
            .map(|&t| pages.term_link(&site.tags[t]))
            .collect(),
        summary: a.teaser.to_string(),
        reading_time: strings.count("reading_time", a.rendered.reading_minutes()),
        title_derived: meta.title_derived,
    }
}

/// The card of article `index`, made by the first page that lists it.
fn card<'p>(r: &Reader<'p, '_>, index: usize) -> Result<&'p Card, Error> {
    let pages = r.pages();
    let a = r.article(index);
    let made = pages.cards[index].get_or_init(|| {
        let summary = summary(pages, a);
        let key = crate::hash::hash_of((
            crate::hash::hash_of_serialized(&summary),
            CARD_PARTIALS.map(|name| pages.compiled.key_of(name)),
        ));
        if let Some(known) = pages.known_cards.and_then(|m| m.0.get(&key)) {
            return Ok(known.clone());
        }
        let page = pages.site.base.href(r.route());
        let mut context = tera::Context::new();
        context.insert("a", &summary);
        let [heading, tag_list] = CARD_PARTIALS.map(|name| {
            templates::render(pages.compiled, pages.theme, name, &page, &context).map_err(Arc::new)
        });
        Ok(Arc::new(Card {
            key,
            heading: trimmed(heading?).into(),
            tag_list: trimmed(tag_list?).into(),
            date: tera::Value::from_serializable(&summary.date),
            title: summary.title.into(),
            url: summary.url.into(),
            summary: summary.summary.into(),
        }))
    });
    // The card is made once, by whichever page came first; its error names
    // the page asking now, so that a report does not depend on thread timing.
    made.as_deref().map_err(|e| match (**e).clone() {
        Error::Render {
            name,
            location,
            message,
            ..
        } => Error::Render {
            name,
            page: pages.site.base.href(r.route()),
            location,
            message,
        },
        other => other,
    })
}

/// The cards this pass rendered (not those it found in the memo).
pub(super) fn cards_made(pages: &Pages) -> CardMemo {
    let known = |key: &u64| pages.known_cards.is_some_and(|m| m.0.contains_key(key));
    CardMemo(
        pages
            .cards
            .iter()
            .filter_map(|c| c.get().and_then(|r| r.as_ref().ok()))
            .filter(|c| !known(&c.key))
            .map(|c| (c.key, c.clone()))
            .collect(),
    )
}

/// Article `index` in a list; on an entity's page, with the sentences that
/// mention the entity.
pub(super) fn item<'p>(
    r: &Reader<'p, '_>,
    index: usize,
    entity: Option<EntityId>,
) -> Result<ListItem<'p>, Error> {
    let card = card(r, index)?;
    let a = r.article(index);
    let (mentions, more_mentions) = match entity {
        Some(entity) => {
            let all: Vec<_> = a
                .rendered
                .mentions
                .iter()
                .filter(|m| m.entity == entity)
                .collect();
            let shown: Vec<_> = all.iter().filter_map(|m| m.context.as_deref()).collect();
            let more = all.len() - shown.len();
            let label = (more > 0).then(|| r.pages().strings.count("more_mentions", more));
            (shown, label)
        }
        None => (Vec::new(), None),
    };
    Ok(ListItem {
        title: &card.title,
        url: &card.url,
        date: &card.date,
        summary: &card.summary,
        heading: &card.heading,
        tag_list: &card.tag_list,
        mentions,
        more_mentions,
    })
}

/// The anchor id of the group of a date key on its page: `d-2025-01`, or
/// `undated`.
pub(super) fn group_id(key: Option<&PartialDate>) -> String {
    match key {
        Some(d) => format!("d-{d}"),
        None => "undated".to_string(),
    }
}

/// Groups consecutive articles (already newest first) by a date key.
pub(super) fn groups<'p>(
    r: &Reader<'p, '_>,
    indices: &[usize],
    key: fn(&PartialDate) -> PartialDate,
    entity: Option<EntityId>,
) -> Result<Vec<Group<'p>>, Error> {
    let pages = r.pages();
    let mut groups: Vec<Group> = Vec::new();
    let mut current: Option<Option<PartialDate>> = None;
    for &i in indices {
        let k = r.place(i).date.map(key);
        if current.as_ref() != Some(&k) {
            let (title, date) = match &k {
                Some(d) => (pages.strings.date(d), Some(pages.date(d))),
                None => (pages.strings.get("undated").to_string(), None),
            };
            let id = group_id(k.as_ref());
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
            .push(item(r, i, entity)?);
    }
    Ok(groups)
}

pub(super) fn pagination(pages: &Pages, route: &str, current: usize, total: usize) -> Pagination {
    let base = &pages.site.base;
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
        label: pages
            .strings
            .format("page_of", &[("n", current), ("total", total)]),
    }
}

/// `index.html`: the latest articles grouped by day.
pub(super) fn home<'p>(r: &Reader<'p, '_>, page: usize) -> Result<(PageMeta, Vars<'p>), Error> {
    let pages = r.pages();
    let per_page = pages.site.config.paginate.home;
    let all = &pages.all;
    let vars = HomeVars {
        groups: groups(
            r,
            page_slice(all, page, per_page),
            PartialDate::to_day,
            None,
        )?,
        pagination: pagination(pages, "", page, page_count(all.len(), per_page)),
        article_count: all.len(),
    };
    let meta = pages.meta("home", pages.site.config.title.clone(), r.route(), "home");
    Ok((meta, Vars::Home(vars)))
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
    fn a_page_slice_holds_its_share_and_nothing_past_the_end() {
        let items: Vec<usize> = (0..7).collect();
        assert_eq!(page_slice(&items, 1, 3), &[0, 1, 2]);
        assert_eq!(page_slice(&items, 3, 3), &[6]);
        assert!(page_slice(&items, 4, 3).is_empty());
        assert_eq!(page_count(0, 3), 1);
    }
}
