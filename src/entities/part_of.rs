//! `part_of:`: the entity an entity belongs to (a city to its country, a
//! party to its parliament group), named in its file by name, alias, file
//! name or gazetteer id. Resolved once the registry is whole; a name that
//! names nothing, or a chain that comes back to where it started, is an
//! error at the `part_of:` line.

use std::collections::HashMap;

use super::{Entity, EntityId, Error, Origin};
use crate::slug::slugify;

/// The parent of every entity whose `part_of` names one, and the errors of
/// registry files whose `part_of` does not. `lines` holds the file line of
/// `part_of:` for registry entities.
pub(super) fn resolve(
    entities: &[Entity],
    lines: &HashMap<EntityId, usize>,
    gazetteer_ids: &HashMap<&str, EntityId>,
    by_slug: &HashMap<String, EntityId>,
    by_name: &HashMap<String, Vec<EntityId>>,
) -> (HashMap<EntityId, EntityId>, Vec<Error>) {
    let mut parents = HashMap::new();
    let mut errors = Vec::new();
    for (i, e) in entities.iter().enumerate() {
        let Some(target) = e.part_of.as_deref() else {
            continue;
        };
        let id = EntityId(i as u32);
        let named = by_name.get(&target.trim().to_lowercase());
        let found = gazetteer_ids
            .get(target)
            .or_else(|| by_slug.get(target))
            .copied()
            .or_else(|| match named {
                Some(ids) if ids.len() == 1 => Some(ids[0]),
                _ => by_slug.get(&slugify(target)).copied(),
            });
        match (found, e.origin, &e.path) {
            (Some(parent), ..) => {
                parents.insert(id, parent);
            }
            (None, Origin::Registry, Some(path)) => {
                errors.push(Error::UnknownPartOf {
                    path: path.clone(),
                    line: lines.get(&id).copied().unwrap_or(1),
                    target: target.to_string(),
                    suggestion: match named {
                        Some(ids) => Some(
                            ids.iter()
                                .map(|p| entities[p.index()].slug.as_str())
                                .collect::<Vec<_>>()
                                .join(" or "),
                        ),
                        None => crate::yaml::closest(
                            target,
                            entities
                                .iter()
                                .enumerate()
                                .filter(|&(j, c)| j != i && c.origin == Origin::Registry)
                                .map(|(_, c)| c.name.as_str()),
                        )
                        .map(str::to_string),
                    },
                    ambiguous: named.is_some(),
                });
            }
            // The gazetteer's own references are checked when it is made.
            (None, ..) => {}
        }
    }
    // A chain that comes back to an entity of it: reported once, at the
    // registry file of the chain met first, and cut so that no page walks it.
    let mut ids: Vec<EntityId> = parents.keys().copied().collect();
    ids.sort();
    let mut cut = Vec::new();
    for start in ids {
        let mut chain = vec![start];
        let mut at = start;
        while let Some(&next) = parents.get(&at) {
            if let Some(pos) = chain.iter().position(|&c| c == next) {
                let cycle = &chain[pos..];
                let first = cycle
                    .iter()
                    .filter(|c| entities[c.index()].origin == Origin::Registry)
                    .min();
                if first == Some(&start) {
                    errors.push(Error::CyclicPartOf {
                        path: entities[start.index()].path.clone().unwrap_or_default(),
                        line: lines.get(&start).copied().unwrap_or(1),
                        chain: cycle
                            .iter()
                            .chain([&start])
                            .map(|c| entities[c.index()].name.clone())
                            .collect(),
                    });
                    cut.extend_from_slice(cycle);
                }
                break;
            }
            chain.push(next);
            at = next;
        }
    }
    for id in cut {
        parents.remove(&id);
    }
    (parents, errors)
}
