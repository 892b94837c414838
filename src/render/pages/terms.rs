//! Tags and sources (`terms.html`, `term.html`) and the archive
//! (`archive.html`): lists of articles by a term or by month.

use std::sync::Arc;

use super::{lists, page_count, page_slice, timeline, Error, Reader, Taxonomy, Vars};
use crate::content::PartialDate;
use crate::render::context::*;
use crate::site::urls::page_route;

pub(super) fn term_list<'p>(r: &Reader<'p, '_>, taxonomy: Taxonomy) -> (PageMeta, Vars<'p>) {
    let pages = r.pages();
    let vars = TermsVars {
        taxonomy: taxonomy.name(),
        terms: pages
            .terms(taxonomy)
            .iter()
            .map(|t| pages.term_link_counted(t))
            .collect(),
    };
    let meta = pages.meta(
        "terms",
        pages.strings.get(taxonomy.name()).into(),
        r.route(),
        taxonomy.name(),
    );
    (meta, Vars::Terms(vars))
}

pub(super) fn term<'p>(
    r: &Reader<'p, '_>,
    taxonomy: Taxonomy,
    index: usize,
    page: usize,
) -> Result<(PageMeta, Vars<'p>), Error> {
    let pages = r.pages();
    let term = &pages.terms(taxonomy)[index];
    let per_page = pages.site.config.paginate.lists;
    let vars = TermVars {
        taxonomy: taxonomy.name(),
        term: pages.term_link_counted(term),
        groups: lists::groups(
            r,
            page_slice(&term.articles, page, per_page),
            PartialDate::to_month,
            None,
        )?,
        pagination: lists::pagination(
            pages,
            &term.route,
            page,
            page_count(term.articles.len(), per_page),
        ),
    };
    let meta = pages.meta("term", term.name.clone(), r.route(), taxonomy.name());
    Ok((meta, Vars::Term(vars)))
}

/// Every month of the archive, with its count and the page it starts on.
fn months(r: &Reader) -> Vec<TermLink> {
    let pages = r.pages();
    let per_page = pages.site.config.paginate.lists;
    let mut months: Vec<TermLink> = Vec::new();
    let mut last: Option<Option<PartialDate>> = None;
    for position in 0..pages.site.articles.len() {
        let key = r.place(position).date.map(PartialDate::to_month);
        if last.as_ref() == Some(&key) {
            months.last_mut().expect("a month was pushed").count += 1;
            continue;
        }
        let on_page = position / per_page + 1;
        let name = match &key {
            Some(d) => pages.strings.date(d),
            None => pages.strings.get("undated").to_string(),
        };
        let id = lists::group_id(key.as_ref());
        months.push(TermLink {
            name,
            url: format!(
                "{}#{id}",
                pages.site.base.href(&page_route("archive/", on_page))
            ),
            count: 1,
            count_label: String::new(),
        });
        last = Some(key);
    }
    for m in &mut months {
        m.count_label = pages.strings.count("article_count", m.count);
    }
    months
}

pub(super) fn archive<'p>(r: &Reader<'p, '_>, page: usize) -> Result<(PageMeta, Vars<'p>), Error> {
    let pages = r.pages();
    let per_page = pages.site.config.paginate.lists;
    let vars = ArchiveVars {
        groups: lists::groups(
            r,
            page_slice(&pages.all, page, per_page),
            PartialDate::to_month,
            None,
        )?,
        pagination: lists::pagination(
            pages,
            "archive/",
            page,
            page_count(pages.all.len(), per_page),
        ),
        months: pages
            .archive_months
            .get_or_init(|| Arc::new(months(r)))
            .to_vec(),
        // On the first page only, like an entity's.
        timeline: (page == 1)
            .then(|| timeline::timeline(r, &pages.all, "archive/"))
            .flatten(),
    };
    let meta = pages.meta(
        "archive",
        pages.strings.get("archive").into(),
        r.route(),
        "archive",
    );
    Ok((meta, Vars::Archive(vars)))
}
