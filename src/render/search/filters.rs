//! The filters of the search page: a key of its own for each kind, year,
//! source, tag and entity, whose postings are the documents it holds, and
//! the values the page offers with their counts.

use std::collections::BTreeMap;

use serde::Serialize;

use super::push_number;
use crate::render::i18n::Strings;
use crate::site::Site;

#[derive(Serialize, Default)]
pub(super) struct Facets {
    /// `[key, label, count]`.
    kind: Vec<(String, String, usize)>,
    year: Vec<(String, String, usize)>,
    source: Vec<(String, String, usize)>,
    tag: Vec<(String, String, usize)>,
}

/// The filters' keys with their postings `[Δdoc, …]`, and the facets the
/// search page offers with their counts.
pub(super) fn filters(
    site: &Site,
    strings: &Strings,
    entities: &[(crate::entities::EntityId, &crate::site::EntityData)],
) -> (BTreeMap<String, String>, Facets) {
    let mut facets = Facets::default();
    let mut filters: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let n_entities = entities.len();
    let article_doc = |i: usize| (n_entities + i) as u32;
    let mut kinds: BTreeMap<&'static str, Vec<u32>> = BTreeMap::new();
    kinds.insert(
        "article",
        (0..site.articles.len()).map(article_doc).collect(),
    );
    for (doc, (id, _)) in entities.iter().enumerate() {
        kinds
            .entry(site.registry.get(*id).kind.as_str())
            .or_default()
            .push(doc as u32);
    }
    for (kind, docs) in kinds {
        let label = match kind {
            "article" => strings.get("search_kind_article").to_string(),
            k => strings.get(&format!("kind_{k}")).to_string(),
        };
        facets.kind.push((kind.into(), label, docs.len()));
        filters.insert(format!("!k:{kind}"), docs);
    }
    let mut years: BTreeMap<i32, Vec<u32>> = BTreeMap::new();
    for (i, a) in site.articles.iter().enumerate() {
        if let Some(d) = &a.article.meta.date {
            years.entry(d.year).or_default().push(article_doc(i));
        }
    }
    for (year, docs) in years.into_iter().rev() {
        facets
            .year
            .push((year.to_string(), year.to_string(), docs.len()));
        filters.insert(format!("!y:{year}"), docs);
    }
    for (terms, key, out) in [
        (&site.sources, "s", &mut facets.source),
        (&site.tags, "t", &mut facets.tag),
    ] {
        for term in terms {
            let mut docs: Vec<u32> = term.articles.iter().map(|&i| article_doc(i)).collect();
            docs.sort_unstable();
            out.push((term.slug.clone(), term.name.clone(), docs.len()));
            filters.insert(format!("!{key}:{}", term.slug), docs);
        }
        out.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
    }
    for (id, data) in entities {
        let mut docs: Vec<u32> = data.articles.iter().map(|&i| article_doc(i)).collect();
        docs.sort_unstable();
        filters.insert(format!("!e:{}", site.registry.get(*id).slug), docs);
    }
    let encoded = filters
        .into_iter()
        .map(|(key, docs)| {
            let mut out = String::with_capacity(docs.len() * 4);
            let mut last = 0;
            out.push('[');
            for (i, doc) in docs.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_number(&mut out, doc - last);
                last = *doc;
            }
            out.push(']');
            (key, out)
        })
        .collect();
    (encoded, facets)
}
