//! Entity graphs: the neighbourhood on each entity page and `graph.html`,
//! the network of the most named entities, drawn by
//! [`crate::render::charts::graph`].
//!
//! Both read only the entity indexes (articles per entity, co-mentions) and
//! the registry, which the site's layout key covers: no article is read.

use std::cmp::Reverse;

use super::{Pages, Reader, Vars};
use crate::content::EntityKind;
use crate::entities::EntityId;
use crate::render::charts::graph::{self, Edge, Node};
use crate::render::context::*;

/// How many entities the network shows: enough to see the main actors and
/// how they group, few enough that every name stays readable on the circle
/// (a slot of about 20 px each).
pub const NETWORK_NODES: usize = 80;
/// How many of its strongest co-mentions within the network each entity
/// keeps as edges: all of them would draw hundreds of lines through the
/// middle.
pub const NETWORK_EDGES_PER_NODE: usize = 4;
/// How many of its strongest ties to the other neighbours each neighbour
/// of an entity keeps as edges: enough to show which go together, where
/// every tie would join nearly all of them.
pub const NEIGHBOUR_TIES: usize = 2;
/// How many connections the network's list names per entity.
const CONNECTIONS_LISTED: usize = 5;

/// What a graph shows of an entity besides its name, made once per pass:
/// an entity is a node of the neighbourhood of each of its co-mentioned
/// entities.
#[derive(Debug)]
pub(super) struct NodeText {
    url: String,
    /// "Nordkorea (Staat): 12 Artikel".
    title: String,
}

impl Pages<'_> {
    /// The node of entity `id`, with the articles it shares with the centre
    /// of a neighbourhood, if it is one of its neighbours.
    fn node(&self, id: EntityId, shared: Option<usize>) -> Node<'_> {
        let site = self.site;
        let e = site.registry.get(id);
        let data = &site.entities[id.index()];
        let text = self.nodes[id.index()].get_or_init(|| {
            let kind_key = format!("kind_{}_one", e.kind.as_str());
            let kind = self.strings.get(&kind_key);
            let count = self.strings.count("article_count", data.articles.len());
            NodeText {
                url: site.base.href(&data.route),
                title: format!("{} ({kind}): {count}", e.name),
            }
        });
        let title = match shared {
            Some(shared) => format!(
                "{}, {shared} {}",
                text.title,
                self.strings.get("shared_articles")
            )
            .into(),
            None => text.title.as_str().into(),
        };
        Node {
            name: &e.name,
            url: &text.url,
            kind: e.kind.as_str(),
            count: data.articles.len(),
            title,
        }
    }
}

/// The articles `a` and `b` share, if either is among the other's
/// co-mentions (the lists hold each entity's strongest only).
fn shared(pages: &Pages, a: EntityId, b: EntityId) -> Option<usize> {
    let find = |of: EntityId, other: EntityId| {
        pages.site.entities[of.index()]
            .co_mentions
            .iter()
            .find(|c| c.entity == other)
            .map(|c| c.shared)
    };
    find(a, b).or_else(|| find(b, a))
}

/// The neighbourhood of entity `id`: it and its co-mentioned entities (the
/// page's `co_mentions`, in their order), joined to it and to each other
/// where they are co-mentioned too; `None` without co-mentions.
pub(super) fn neighbourhood(pages: &Pages, id: EntityId) -> Option<String> {
    let co = &pages.site.entities[id.index()].co_mentions;
    if co.is_empty() {
        return None;
    }
    let mut nodes = vec![pages.node(id, None)];
    nodes.extend(co.iter().map(|c| pages.node(c.entity, Some(c.shared))));
    let mut edges: Vec<Edge> = co
        .iter()
        .enumerate()
        .map(|(i, c)| Edge {
            a: 0,
            b: i + 1,
            weight: c.shared,
        })
        .collect();
    // Each neighbour's strongest ties to the other neighbours.
    let mut between: Vec<Edge> = Vec::new();
    for (i, a) in co.iter().enumerate() {
        let mut ties: Vec<Edge> = co
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i)
            .filter_map(|(j, b)| {
                shared(pages, a.entity, b.entity).map(|weight| Edge {
                    a: (i + 1).min(j + 1),
                    b: (i + 1).max(j + 1),
                    weight,
                })
            })
            .collect();
        ties.sort_by_key(|e| (Reverse(e.weight), e.a, e.b));
        between.extend(ties.into_iter().take(NEIGHBOUR_TIES));
    }
    between.sort_by_key(|e| (e.a, e.b));
    between.dedup_by_key(|e| (e.a, e.b));
    edges.extend(between);
    let name = &pages.site.registry.get(id).name;
    let title = pages.strings.text("graph_of", &[("name", name)]);
    Some(graph::neighbourhood(&nodes, &edges, &title))
}

/// `graph.html`: the [`NETWORK_NODES`] entities named in most articles, by
/// kind, joined by their strongest co-mentions among them.
pub(super) fn graph<'p>(r: &Reader<'p, '_>) -> (PageMeta, Vars<'p>) {
    let pages = r.pages();
    let site = r.site();
    let mut chosen: Vec<EntityId> = site
        .listed_entities()
        .filter(|(_, e)| !e.articles.is_empty())
        .map(|(id, _)| id)
        .collect();
    let listed = chosen.len();
    chosen.sort_by_key(|&id| (Reverse(site.entities[id.index()].articles.len()), id));
    chosen.truncate(NETWORK_NODES);
    // Drawn kind by kind, the most named first within each.
    chosen.sort_by_key(|&id| {
        (
            site.registry.get(id).kind,
            Reverse(site.entities[id.index()].articles.len()),
            id,
        )
    });
    let mut index = vec![None; site.entities.len()];
    for (i, &id) in chosen.iter().enumerate() {
        index[id.index()] = Some(i);
    }
    let mut edges: Vec<Edge> = Vec::new();
    for (i, &id) in chosen.iter().enumerate() {
        let strongest = site.entities[id.index()]
            .co_mentions
            .iter()
            .filter_map(|c| index[c.entity.index()].map(|j| (j, c.shared)))
            .take(NETWORK_EDGES_PER_NODE);
        for (j, weight) in strongest {
            edges.push(Edge {
                a: i.min(j),
                b: i.max(j),
                weight,
            });
        }
    }
    edges.sort_by_key(|e| (e.a, e.b));
    edges.dedup_by_key(|e| (e.a, e.b));
    let nodes: Vec<Node> = chosen.iter().map(|&id| pages.node(id, None)).collect();
    let title = pages.strings.get("graph").to_string();
    let svg = (!nodes.is_empty()).then(|| graph::network(&nodes, &edges, &title));
    let kinds = kinds(pages, &chosen, &edges);
    let vars = GraphVars {
        graph: svg,
        intro: pages.strings.format(
            if chosen.len() < listed {
                "graph_intro"
            } else {
                "graph_intro_all"
            },
            &[("n", chosen.len()), ("total", listed)],
        ),
        kinds,
        script_url: site.base.href("graph.js"),
    };
    let meta = pages.meta("graph", title, r.route(), "graph");
    (meta, Vars::Graph(vars))
}

/// The network's entities by kind, each with its edges, strongest first.
fn kinds(pages: &Pages, chosen: &[EntityId], edges: &[Edge]) -> Vec<GraphKind> {
    let site = pages.site;
    let mut kinds: Vec<GraphKind> = Vec::new();
    for (i, &id) in chosen.iter().enumerate() {
        let kind: EntityKind = site.registry.get(id).kind;
        if kinds.last().map(|k| k.kind) != Some(kind.as_str()) {
            kinds.push(GraphKind {
                kind: kind.as_str(),
                title: pages
                    .strings
                    .get(&format!("kind_{}", kind.as_str()))
                    .to_string(),
                entities: Vec::new(),
            });
        }
        let mut joined: Vec<(usize, usize)> = edges
            .iter()
            .filter_map(|e| match (e.a == i, e.b == i) {
                (true, _) => Some((e.b, e.weight)),
                (_, true) => Some((e.a, e.weight)),
                _ => None,
            })
            .collect();
        joined.sort_by_key(|&(j, weight)| (Reverse(weight), chosen[j]));
        joined.truncate(CONNECTIONS_LISTED);
        let data = &site.entities[id.index()];
        kinds
            .last_mut()
            .expect("a kind was pushed")
            .entities
            .push(GraphEntity {
                entity: pages.entity_link(id, data.articles.len(), "article_count"),
                connections: joined
                    .into_iter()
                    .map(|(j, weight)| pages.entity_link(chosen[j], weight, "article_count"))
                    .collect(),
            });
    }
    kinds
}
