//! `article.html`: one article with its entities, related articles and
//! neighbours in time.

use super::{lists, Error, Reader, Vars};
use crate::content::EntityKind;
use crate::entities::EntityId;
use crate::render::context::*;
use crate::render::i18n::Strings;

impl super::Pages<'_> {
    pub(super) fn entity_link(&self, id: EntityId, count: usize, label: &str) -> EntityLink {
        let e = self.site.registry.get(id);
        EntityLink {
            name: e.name.clone(),
            url: self.site.base.href(&self.site.entities[id.index()].route),
            kind: e.kind.as_str(),
            count,
            count_label: self.strings.count(label, count),
        }
    }

    /// Entities grouped by kind, in the order of [`EntityKind::ALL`].
    pub(super) fn kind_groups(&self, mut links: Vec<(EntityKind, EntityLink)>) -> Vec<KindGroup> {
        // By kind, then alphabetically with umlauts folded ("Ägypten" among the A's).
        links.sort_by_cached_key(|(kind, link)| {
            (*kind, crate::slug::slugify(&link.name), link.name.clone())
        });
        let mut groups: Vec<KindGroup> = Vec::new();
        for (kind, link) in links {
            if groups.last().map(|g| g.kind) != Some(kind.as_str()) {
                groups.push(KindGroup {
                    kind: kind.as_str(),
                    title: self
                        .strings
                        .get(&format!("kind_{}", kind.as_str()))
                        .to_string(),
                    entities: Vec::new(),
                });
            }
            groups
                .last_mut()
                .expect("a group was pushed")
                .entities
                .push(link);
        }
        groups
    }
}

pub(super) fn article<'p>(r: &Reader<'p, '_>, index: usize) -> Result<(PageMeta, Vars<'p>), Error> {
    let pages = r.pages();
    let site = r.site();
    let a = r.article(index);
    let meta = &a.article.meta;
    let link = |i: usize| {
        let other = r.article(i);
        Link {
            name: other.article.meta.title.clone(),
            url: site.base.href(&other.route),
        }
    };
    let entity_links = a
        .entities
        .iter()
        .map(|&(id, count)| {
            (
                site.registry.get(id).kind,
                pages.entity_link(id, count, "mention_count"),
            )
        })
        .collect();
    // The article's own labels are in its language; the page around it is
    // in the site's.
    let language = pages.language_of(meta.lang.as_deref());
    let strings = Strings::for_language(language);
    let vars = ArticleVars {
        article: ArticleView {
            title: meta.title.clone(),
            title_derived: meta.title_derived,
            url: site.base.href(r.route()),
            date: meta.date.as_ref().map(|d| pages.date_in(d, strings)),
            source: a.source.map(|s| pages.term_link(&site.sources[s])),
            agencies: meta.agencies.clone(),
            authors: meta.authors.clone(),
            tags: a
                .tags
                .iter()
                .map(|&t| pages.term_link(&site.tags[t]))
                .collect(),
            lang: meta
                .lang
                .clone()
                .unwrap_or_else(|| site.config.language.code().to_string()),
            summary: a.summary.to_string(),
            content: &a.rendered.html,
            toc: a.rendered.toc.clone(),
            words: a.rendered.words,
            reading_time: strings.count("reading_time", a.rendered.reading_minutes()),
            ui_lang: language.code(),
            original_url: meta.url.clone(),
            image: meta.image.as_deref().map(|i| pages.site_url(i)),
            caption: meta.caption.clone(),
            credit: meta.credit.clone(),
            also_published: site.same_story[index]
                .iter()
                .map(|&i| {
                    let other = r.article(i);
                    Link {
                        name: other
                            .article
                            .meta
                            .source
                            .clone()
                            .unwrap_or_else(|| other.article.meta.title.clone()),
                        url: site.base.href(&other.route),
                    }
                })
                .collect(),
        },
        entity_groups: pages.kind_groups(entity_links),
        related: site.related[index]
            .iter()
            .map(|&i| lists::item(r, i, None))
            .collect::<Result<_, _>>()?,
        // Articles are newest first: the older one follows, the newer one precedes.
        previous: (index + 1 < site.articles.len()).then(|| link(index + 1)),
        next: (index > 0).then(|| link(index - 1)),
    };
    let mut page_meta = pages.meta("article", meta.title.clone(), r.route(), "home");
    page_meta.description = a.summary.to_string();
    Ok((page_meta, Vars::Article(Box::new(vars))))
}
