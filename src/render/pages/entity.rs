//! `entities.html` (every entity with a page, by kind) and `entity.html`
//! (one entity: profile, its timeline, its articles by month with the
//! sentences naming it, co-mentioned entities and their graph).

use super::{graph, lists, page_count, page_slice, timeline, Error, Reader, Vars};
use crate::content::PartialDate;
use crate::entities::EntityId;
use crate::render::context::*;

pub(super) fn entities<'p>(r: &Reader<'p, '_>) -> (PageMeta, Vars<'p>) {
    let pages = r.pages();
    let site = r.site();
    let links = site
        .listed_entities()
        .map(|(id, e)| {
            (
                site.registry.get(id).kind,
                pages.entity_link(id, e.articles.len(), "article_count"),
            )
        })
        .collect();
    let vars = EntitiesVars {
        kinds: pages.kind_groups(links),
        graph_url: site.base.href("graph/"),
    };
    let meta = pages.meta(
        "entities",
        pages.strings.get("entities").into(),
        r.route(),
        "entities",
    );
    (meta, Vars::Entities(vars))
}

pub(super) fn entity<'p>(
    r: &Reader<'p, '_>,
    id: EntityId,
    page: usize,
) -> Result<(PageMeta, Vars<'p>), Error> {
    let pages = r.pages();
    let site = r.site();
    let e = site.registry.get(id);
    let data = &site.entities[id.index()];
    let per_page = site.config.paginate.lists;
    // First and last seen: where the entity stands among the articles,
    // which the layout key covers (no article read is recorded).
    let (first_seen, last_seen) = data.seen(&site.articles);
    // The overview of all the entity's articles, on its first page: on
    // every page, an entity of hundreds of pages would carry it hundreds of
    // times.
    let first = page == 1;
    let vars = EntityVars {
        entity: EntityView {
            name: e.name.clone(),
            kind: e.kind.as_str(),
            kind_title: pages
                .strings
                .get(&format!("kind_{}_one", e.kind.as_str()))
                .into(),
            aliases: e.aliases.clone(),
            id: e.id.clone(),
            image: e.image.as_deref().map(|i| pages.site_url(i)),
            profile: &data.profile.html,
            url: site.base.href(&data.route),
            feed_url: site.base.href(&crate::site::urls::entity_feed(&e.slug)),
            article_count: pages.strings.count("article_count", data.articles.len()),
            mention_count: pages.strings.count("mention_count", data.mentions),
            first_seen: first_seen.map(|d| pages.date(d)),
            last_seen: last_seen.map(|d| pages.date(d)),
            discovered: e.origin == crate::entities::Origin::Discovered,
            part_of: site.registry.part_of(id).map(|parent| PartOf {
                name: site.registry.get(parent).name.clone(),
                url: site.entities[parent.index()]
                    .has_page
                    .then(|| site.base.href(&site.entities[parent.index()].route)),
            }),
            wikidata_url: e.id.as_deref().and_then(wikidata_url),
        },
        groups: lists::groups(
            r,
            page_slice(&data.articles, page, per_page),
            PartialDate::to_month,
            Some(id),
        )?,
        pagination: lists::pagination(
            pages,
            &data.route,
            page,
            page_count(data.articles.len(), per_page),
        ),
        co_mentions: data
            .co_mentions
            .iter()
            .map(|c| pages.entity_link(c.entity, c.shared, "article_count"))
            .collect(),
        graph: first.then(|| graph::neighbourhood(pages, id)).flatten(),
        timeline: first
            .then(|| timeline::timeline(r, &data.articles, &data.route))
            .flatten(),
    };
    let meta = pages.meta("entity", e.name.clone(), r.route(), "entities");
    Ok((meta, Vars::Entity(Box::new(vars))))
}

/// The Wikidata page of a Wikidata id ("Q1083"); `None` for other ids
/// ("iso:KP", "city:pyongyang").
fn wikidata_url(id: &str) -> Option<String> {
    let digits = id.strip_prefix('Q')?;
    (!digits.is_empty() && digits.len() <= 12 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("https://www.wikidata.org/wiki/{id}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_wikidata_ids_only() {
        assert_eq!(
            wikidata_url("Q1083").as_deref(),
            Some("https://www.wikidata.org/wiki/Q1083")
        );
        assert_eq!(wikidata_url("iso:KP"), None);
        assert_eq!(wikidata_url("Q"), None);
        assert_eq!(wikidata_url("Qx1"), None);
    }
}
