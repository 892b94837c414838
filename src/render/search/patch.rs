//! Rebuilding the index after an edit without merging every document's
//! words again.
//!
//! A rebuild in `serve` usually changes one document in place: same number,
//! new words. [`patch`] takes the last build's postings and, for each word
//! the changed documents held or now hold, takes the old entry out and puts
//! the new one in, then re-encodes that word alone. The term chunks are cut
//! by the same rule as in a full build, so a chunk whose keys are the same
//! and none of them touched is the last build's file, byte for byte; so is a
//! document chunk whose documents are all the same. The result equals a
//! full build's (`tests/incremental.rs` compares them).

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use bytes::Bytes;
use foldhash::HashMap;

use super::{encode_postings, Doc};

/// Most documents changed in place for a patch; more, and a full merge is
/// about as fast.
const MAX_PATCHED: usize = 32;

/// Every word's encoded postings, in key order: as a full build sorted
/// them, or kept in a map for the next build to patch.
pub(super) enum Words {
    Sorted(Vec<(String, String)>),
    Map(BTreeMap<String, String>),
}

impl Words {
    /// `sorted` as it is, or in a map when the next build will patch it.
    pub(super) fn from(sorted: Vec<(String, String)>, keep: bool) -> Words {
        if keep {
            Words::Map(sorted.into_iter().collect())
        } else {
            Words::Sorted(sorted)
        }
    }

    pub(super) fn iter(&self) -> Box<dyn Iterator<Item = (&str, &str)> + '_> {
        match self {
            Words::Sorted(v) => Box::new(v.iter().map(|(k, p)| (k.as_str(), p.as_str()))),
            Words::Map(m) => Box::new(m.iter().map(|(k, p)| (k.as_str(), p.as_str()))),
        }
    }

    fn into_map(self) -> BTreeMap<String, String> {
        match self {
            Words::Sorted(v) => v.into_iter().collect(),
            Words::Map(m) => m,
        }
    }
}

/// What the last build made, for the next to patch and reuse.
pub(super) struct Last {
    docs: Vec<Arc<Doc>>,
    words: BTreeMap<String, String>,
    filters: BTreeMap<String, String>,
    /// Each term chunk by its first key: its last key, its number of keys
    /// and its file.
    chunks: HashMap<String, (String, usize, Bytes)>,
    doc_files: Vec<Bytes>,
}

impl Last {
    pub(super) fn new(
        docs: Vec<Arc<Doc>>,
        words: Words,
        filters: BTreeMap<String, String>,
        chunk_keys: Vec<(String, String, usize)>,
        term_files: Vec<Bytes>,
        doc_files: Vec<Bytes>,
    ) -> Last {
        Last {
            docs,
            words: words.into_map(),
            filters,
            chunks: chunk_keys
                .into_iter()
                .zip(term_files)
                .map(|((first, last, n), bytes)| (first, (last, n, bytes)))
                .collect(),
            doc_files,
        }
    }

    /// The last build's file of the term chunk holding `keys`, when it held
    /// the same keys and none of them was touched.
    pub(super) fn chunk(&self, keys: &[(&str, &str)], touched: &HashSet<String>) -> Option<Bytes> {
        let (first, last) = (keys.first()?.0, keys.last()?.0);
        let (was_last, n, bytes) = self.chunks.get(first)?;
        let same =
            was_last == last && *n == keys.len() && !keys.iter().any(|(k, _)| touched.contains(*k));
        same.then(|| bytes.clone())
    }

    /// The last build's `n`th document chunk, when it held the same
    /// documents.
    pub(super) fn doc_file(&self, n: usize, docs: &[Arc<Doc>]) -> Option<Bytes> {
        let start = n * super::DOCS_PER_CHUNK;
        let was = self.docs.get(start..start + docs.len())?;
        let same =
            self.doc_files.get(n).is_some() && was.iter().zip(docs).all(|(a, b)| Arc::ptr_eq(a, b));
        same.then(|| self.doc_files[n].clone())
    }
}

/// A patched index: the words, the keys whose postings changed, and the
/// last build for reusing its files.
pub(super) struct Patched {
    pub words: Words,
    pub touched: HashSet<String>,
    pub last: Last,
}

/// Patches the last build's postings to `docs`, when the documents are the
/// same in number and order and at most [`MAX_PATCHED`] changed in place.
pub(super) fn patch(
    mut last: Last,
    docs: &[Arc<Doc>],
    filters: &BTreeMap<String, String>,
) -> Option<Patched> {
    if last.docs.len() != docs.len() {
        return None;
    }
    let changed: Vec<usize> = (0..docs.len())
        .filter(|&n| !Arc::ptr_eq(&last.docs[n], &docs[n]))
        .collect();
    let in_place =
        changed.len() <= MAX_PATCHED && changed.iter().all(|&n| last.docs[n].1.u == docs[n].1.u);
    if !in_place {
        return None;
    }
    let mut words = std::mem::take(&mut last.words);
    let mut touched: HashSet<String> = HashSet::new();
    for &n in &changed {
        let old = weights(&last.docs[n]);
        let new = weights(&docs[n]);
        let mut all: Vec<&str> = old.keys().chain(new.keys()).copied().collect();
        all.sort_unstable();
        all.dedup();
        for word in all {
            if old.get(word) == new.get(word) {
                continue;
            }
            let mut list = words.get(word).map(|p| decode(p)).unwrap_or_default();
            list.retain(|&(doc, _)| doc != n as u32);
            if let Some(&weight) = new.get(word) {
                let at = list.partition_point(|&(doc, _)| doc < n as u32);
                list.insert(at, (n as u32, weight));
            }
            if list.is_empty() {
                words.remove(word);
            } else {
                words.insert(word.to_string(), encode_postings(&list));
            }
            touched.insert(word.to_string());
        }
    }
    for (key, list) in filters {
        if last.filters.get(key) != Some(list) {
            touched.insert(key.clone());
        }
    }
    Some(Patched {
        words: Words::Map(words),
        touched,
        last,
    })
}

/// A document's words and their weights.
fn weights(doc: &Doc) -> HashMap<&str, u8> {
    let words = &doc.0;
    words
        .words
        .iter()
        .map(|w| (&words.arena[w.start as usize..w.end as usize], w.weight))
        .collect()
}

/// `[Δdoc, weight, …]` back to documents and weights.
fn decode(postings: &str) -> Vec<(u32, u8)> {
    let mut numbers = postings
        .trim_matches(['[', ']'])
        .split(',')
        .filter(|n| !n.is_empty())
        .map(|n| n.parse::<u32>().expect("postings hold numbers"));
    let mut out = Vec::new();
    let mut doc = 0;
    while let (Some(delta), Some(weight)) = (numbers.next(), numbers.next()) {
        doc += delta;
        out.push((doc, weight as u8));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_decode_to_what_was_encoded() {
        let list = vec![(0, 3), (4, 61), (900, 64 + 7)];
        assert_eq!(decode(&encode_postings(&list)), list);
        assert_eq!(decode("[]"), vec![]);
    }
}
