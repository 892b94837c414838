//! The static search index: what `search.js` loads to answer a query in
//! the reader's browser, made from the site model at build time.
//!
//! Why not Pagefind: measured on the generated 10,000-article corpus, the
//! `pagefind` crate took 17.9 s and 2.4 GB of memory for an index of
//! 29.9 MB, against 5.7 s and 0.36 GB for the whole build; it also needs
//! an async runtime with file I/O and takes its records one at a time. This
//! index reads the words the site model already holds and costs a fraction
//! of the build.
//!
//! The index lives in `search/`, beside the search page. Its files keep
//! their names from build to build, so that a rebuild in `serve` sends
//! only the files whose bytes changed; a version (a hash of the content,
//! in the search page and in `index.json`) goes with every request as
//! `?v=…`, so a browser never mixes two builds' files from its cache:
//!
//! - `index.json`: the number of documents and of entity documents, the
//!   first key of each term chunk, the folding table ([`text::fold_table`]),
//!   the filter values (kinds, years, sources, tags) with their counts.
//! - `t/<n>.json`: the term chunks, `[[key, postings], …]` in key order,
//!   each about [`CHUNK_BYTES`]. A word's postings are `[Δdoc, weight, …]`:
//!   document numbers as differences, and a weight of 1…61 (the word's
//!   BM25 share in the document, with the title counted three times) plus
//!   64 where the word is an entity's name or alias. Filters are keys of
//!   their own, `!k:<kind>`, `!y:<year>`, `!s:<source>`, `!t:<tag>`,
//!   `!e:<entity>`, with postings `[Δdoc, …]`; no word starts with `!`.
//! - `d/<n>.json`: the documents, [`DOCS_PER_CHUNK`] to a file: link,
//!   title, date, source, kind and the start of the text, for the result
//!   list and its excerpts.
//! - `entities.json`: every entity with a page (slug, name, kind), for the
//!   entity filter.
//!
//! Documents are numbered entities first (so a script knows an entity
//! document by its number), then articles newest first (so ties rank the
//! newer first).

mod filters;
mod patch;
pub mod text;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use foldhash::HashMap;

use bytes::Bytes;
use rayon::prelude::*;
use serde::Serialize;

use super::i18n::Strings;
use super::OutputFile;
use crate::config::Language;
use crate::markdown::Rendered;
use crate::site::Site;

/// About how many bytes of postings a term chunk holds.
pub const CHUNK_BYTES: usize = 24 * 1024;
/// Documents per document chunk.
pub const DOCS_PER_CHUNK: usize = 8;
/// The characters of a document's text kept for excerpts.
const TEXT_CHARS: usize = 800;
/// How many times a title word counts.
const TITLE_WEIGHT: u32 = 3;
/// BM25's parameters.
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// The flag of a weight whose word is an entity's name or alias.
const NAME_FLAG: u8 = 64;

/// The files of the index, the folder they are in and their version.
pub struct SearchIndex {
    /// The route of the folder, `search/`.
    pub folder: String,
    /// A hash of the files' content, sent with each request for them.
    pub version: String,
    pub files: Vec<OutputFile>,
}

/// One document's words: key and weight, before numbering.
struct DocWords {
    /// The document's distinct words, one after the other.
    arena: String,
    /// Each distinct word: its place in `arena` and its weight, sorted by
    /// shard ([`shard_of`]).
    words: Vec<Word>,
    /// Where each shard's words start in `words`, and where the last ends.
    shards: [u32; SHARDS + 1],
}

struct Word {
    start: u32,
    end: u32,
    weight: u8,
}

/// The words of all documents are merged in this many parts at once, each
/// word in the part its hash gives.
const SHARDS: usize = 64;

fn shard_of(word: &str) -> usize {
    use std::hash::BuildHasher;
    (foldhash::fast::FixedState::with_seed(0x5ea7c4).hash_one(word) % SHARDS as u64) as usize
}

#[derive(Serialize)]
struct DocFragment {
    /// Link.
    u: String,
    /// Title.
    t: String,
    /// Date as shown, if any.
    #[serde(skip_serializing_if = "String::is_empty")]
    d: String,
    /// Source, if any.
    #[serde(skip_serializing_if = "String::is_empty")]
    s: String,
    /// Kind: `article` or an entity kind.
    k: &'static str,
    /// The start of the text.
    x: String,
}

#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    /// This build's version of the index ([`SearchIndex::version`]).
    build: &'a str,
    docs: usize,
    entities: usize,
    chunks: Vec<&'a str>,
    #[serde(rename = "docChunk")]
    doc_chunk: usize,
    fold: BTreeMap<String, String>,
    facets: filters::Facets,
}

/// One document: its weighted words and its entry in a document chunk.
type Doc = (DocWords, DocFragment);

/// What one build keeps for the next, so that a rebuild in `serve` reads
/// again only the documents that changed and encodes again only the files
/// they touch ([`patch`]).
#[derive(Default)]
pub struct Memo {
    /// Articles' documents by [`doc_key`], with the rendered text they
    /// were made from: held here, its address names it alone.
    docs: HashMap<u64, (Arc<Rendered>, Arc<Doc>)>,
    /// Entities' documents by [`entity_key`], with their profiles.
    entities: HashMap<u64, (Arc<Rendered>, Arc<Doc>)>,
    last: Option<patch::Last>,
}

/// What an article's document is made from: its file, route and rendered
/// text, and the site's base path and language. The rendered text is
/// named by its address: a rebuild hands on an unchanged article's, and
/// the memo holds each one it names, so no other text can take its place
/// there.
fn doc_key(site: &Site, a: &crate::site::ArticleData) -> u64 {
    crate::hash::hash_of((
        a.fingerprint,
        &*a.route,
        Arc::as_ptr(&a.rendered) as usize,
        site.base.path(),
        site.config.language.code(),
    ))
}

/// What an entity's document is made from: its names, kind and the label
/// of its kind, route and profile (by its address, as in [`doc_key`]), and
/// the site's base path and language.
fn entity_key(
    site: &Site,
    strings: &Strings,
    e: &crate::entities::Entity,
    data: &crate::site::EntityData,
) -> u64 {
    crate::hash::hash_of((
        &e.name,
        &e.aliases,
        e.kind.as_str(),
        strings.get(&format!("kind_{}_one", e.kind.as_str())),
        &*data.route,
        Arc::as_ptr(&data.profile) as usize,
        site.base.path(),
        site.config.language.code(),
    ))
}

/// Builds the index of `site`, its labels in `strings`. With a `memo`,
/// takes the documents of unchanged articles and entities from it, patches
/// the last build's postings where few documents changed, and leaves this
/// build's in it.
pub fn build(site: &Site, strings: &Strings, memo: Option<&Mutex<Memo>>) -> SearchIndex {
    let entities: Vec<_> = site.listed_entities().collect();
    let n_entities = entities.len();
    let mut known = memo.map(|m| std::mem::take(&mut *m.lock().expect("no panics while locked")));

    // The words of every document, in parallel.
    let entity_docs: Vec<(u64, Arc<Rendered>, Arc<Doc>)> = entities
        .par_iter()
        .map(|(id, data)| {
            let e = site.registry.get(*id);
            let key = if memo.is_some() {
                entity_key(site, strings, e, data)
            } else {
                0
            };
            if let Some((_, doc)) = known.as_ref().and_then(|k| k.entities.get(&key)) {
                return (key, data.profile.clone(), doc.clone());
            }
            let mut title = e.name.clone();
            for a in &e.aliases {
                title.push('\n');
                title.push_str(a);
            }
            let body = plain_text(&data.profile.html);
            let words = weigh(&title, &body, true);
            let fragment = DocFragment {
                u: site.base.href(&data.route),
                t: e.name.clone(),
                d: String::new(),
                s: strings.get(&format!("kind_{}_one", e.kind.as_str())).into(),
                k: e.kind.as_str(),
                x: excerpt_text(&body),
            };
            (key, data.profile.clone(), Arc::new((words, fragment)))
        })
        .collect();
    let article_docs: Vec<(u64, Arc<Rendered>, Arc<Doc>)> = site
        .articles
        .par_iter()
        .map(|a| {
            let key = if memo.is_some() { doc_key(site, a) } else { 0 };
            if let Some((_, doc)) = known.as_ref().and_then(|k| k.docs.get(&key)) {
                return (key, a.rendered.clone(), doc.clone());
            }
            let meta = &a.article.meta;
            let body = plain_text(&a.rendered.html);
            let words = weigh(&meta.title, &body, false);
            let own = Strings::for_language(Language::of_text(
                meta.lang.as_deref(),
                site.config.language,
            ));
            let fragment = DocFragment {
                u: site.base.href(&a.route),
                t: meta.title.clone(),
                d: meta.date.as_ref().map(|d| own.date(d)).unwrap_or_default(),
                s: meta.source.clone().unwrap_or_default(),
                k: "article",
                x: excerpt_text(&body),
            };
            (key, a.rendered.clone(), Arc::new((words, fragment)))
        })
        .collect();
    let last = known.as_mut().and_then(|k| k.last.take());
    drop(known);
    let mut next = memo.map(|_| Memo {
        docs: article_docs
            .iter()
            .map(|(k, r, d)| (*k, (r.clone(), d.clone())))
            .collect(),
        entities: entity_docs
            .iter()
            .map(|(k, r, d)| (*k, (r.clone(), d.clone())))
            .collect(),
        last: None,
    });

    // Documents are numbered entities first, then articles.
    let all: Vec<Arc<Doc>> = entity_docs
        .into_iter()
        .chain(article_docs)
        .map(|(_, _, d)| d)
        .collect();
    let (filters, facets) = filters::filters(site, strings, &entities);

    // Every key and its postings, in the order of UTF-8 bytes, which is the
    // order the script compares strings in (UTF-16 code units) since no
    // word has a character from U+E000 up ([`text::words`]). Filters start
    // with `!`, before every word.
    let patched = last.and_then(|last| patch::patch(last, &all, &filters));
    let (words, touched, last) = match patched {
        Some(p) => (p.words, Some(p.touched), Some(p.last)),
        None => {
            let mut words = merge_words(&all);
            words.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
            (patch::Words::from(words, next.is_some()), None, None)
        }
    };
    let keys: Vec<(&str, &str)> = filters
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .chain(words.iter())
        .collect();

    let mut chunks: Vec<(usize, usize)> = Vec::new();
    let mut size = 0;
    for (i, (key, list)) in keys.iter().enumerate() {
        if chunks.is_empty() || size + list.len() > CHUNK_BYTES && size > 0 {
            chunks.push((i, i));
            size = 0;
        }
        size += key.len() + list.len() + 6;
        chunks.last_mut().expect("a chunk was opened").1 = i + 1;
    }
    let chunk_keys = next.as_ref().map(|_| keys_owned(&chunks, &keys));
    let term_files: Vec<Bytes> = chunks
        .par_iter()
        .map(|&(from, to)| {
            if let (Some(last), Some(touched)) = (&last, &touched) {
                if let Some(bytes) = last.chunk(&keys[from..to], touched) {
                    return bytes;
                }
            }
            Bytes::from(encode_chunk(&keys[from..to]))
        })
        .collect();
    let doc_files: Vec<Bytes> = all
        .par_chunks(DOCS_PER_CHUNK)
        .enumerate()
        .map(|(n, docs)| {
            if let Some(bytes) = last.as_ref().and_then(|l| l.doc_file(n, docs)) {
                return bytes;
            }
            let fragments: Vec<&DocFragment> = docs.iter().map(|d| &d.1).collect();
            Bytes::from(serde_json::to_vec(&fragments).expect("fragments serialize"))
        })
        .collect();
    let mut listed: Vec<(&str, &str, &str)> = entities
        .iter()
        .map(|(id, _)| {
            let e = site.registry.get(*id);
            (e.slug.as_str(), e.name.as_str(), e.kind.as_str())
        })
        .collect();
    listed.sort_by(|a, b| a.1.cmp(b.1));
    let listed = Bytes::from(serde_json::to_vec(&listed).expect("entities serialize"));

    let mut files: Vec<(String, Bytes)> =
        Vec::with_capacity(term_files.len() + doc_files.len() + 2);
    files.extend(
        term_files
            .iter()
            .enumerate()
            .map(|(n, b)| (format!("t/{n}.json"), b.clone())),
    );
    files.extend(
        doc_files
            .iter()
            .enumerate()
            .map(|(n, b)| (format!("d/{n}.json"), b.clone())),
    );
    files.push(("entities.json".into(), listed));
    // The version: a hash of every file but `index.json`, which holds it.
    let mut hash = xxhash_rust::xxh3::Xxh3::new();
    for (path, bytes) in &files {
        hash.update(path.as_bytes());
        hash.update(bytes);
    }
    let version = format!("{:012x}", hash.digest() & 0xffff_ffff_ffff);
    let meta = Meta {
        version: 1,
        build: &version,
        docs: all.len(),
        entities: n_entities,
        chunks: chunks.iter().map(|&(from, _)| keys[from].0).collect(),
        doc_chunk: DOCS_PER_CHUNK,
        fold: text::fold_table()
            .into_iter()
            .map(|(c, base)| (c.to_string(), base))
            .collect(),
        facets,
    };
    files.push((
        "index.json".into(),
        serde_json::to_vec(&meta)
            .expect("the index serializes")
            .into(),
    ));
    if let (Some(next), Some(chunk_keys)) = (&mut next, chunk_keys) {
        next.last = Some(patch::Last::new(
            all, words, filters, chunk_keys, term_files, doc_files,
        ));
    }
    if let (Some(memo), Some(next)) = (memo, next) {
        *memo.lock().expect("no panics while locked") = next;
    }
    let folder = "search/".to_string();
    SearchIndex {
        files: files
            .into_iter()
            .map(|(path, bytes)| OutputFile {
                path: format!("{folder}{path}"),
                bytes,
                source: None,
                template: None,
            })
            .collect(),
        folder,
        version,
    }
}

/// Each chunk's first and last key and its number of keys.
fn keys_owned(chunks: &[(usize, usize)], keys: &[(&str, &str)]) -> Vec<(String, String, usize)> {
    chunks
        .iter()
        .map(|&(from, to)| {
            (
                keys[from].0.to_string(),
                keys[to - 1].0.to_string(),
                to - from,
            )
        })
        .collect()
}

/// A term chunk's file: `[[key, postings], …]`.
fn encode_chunk(keys: &[(&str, &str)]) -> Vec<u8> {
    let mut out = String::with_capacity(CHUNK_BYTES + 1024);
    out.push('[');
    for (i, (key, list)) in keys.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        out.push_str(&serde_json::to_string(key).expect("a string serializes"));
        out.push(',');
        out.push_str(list);
        out.push(']');
    }
    out.push(']');
    out.into_bytes()
}

/// Every word's postings over `docs`: per shard of words (in parallel),
/// each word's documents in number order. Unsorted.
fn merge_words(docs: &[Arc<Doc>]) -> Vec<(String, String)> {
    (0..SHARDS)
        .into_par_iter()
        .flat_map_iter(|shard| {
            let mut words: HashMap<&str, Vec<(u32, u8)>> = HashMap::default();
            for (n, doc) in docs.iter().enumerate() {
                let doc = &doc.0;
                let range = doc.shards[shard] as usize..doc.shards[shard + 1] as usize;
                for w in &doc.words[range] {
                    words
                        .entry(&doc.arena[w.start as usize..w.end as usize])
                        .or_default()
                        .push((n as u32, w.weight));
                }
            }
            words
                .into_iter()
                .map(|(word, list)| (word.to_string(), encode_postings(&list)))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// `[Δdoc, weight, …]`.
fn encode_postings(list: &[(u32, u8)]) -> String {
    let mut out = String::with_capacity(list.len() * 6);
    let mut last = 0;
    out.push('[');
    for (i, (doc, weight)) in list.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_number(&mut out, doc - last);
        out.push(',');
        push_number(&mut out, u32::from(*weight));
        last = *doc;
    }
    out.push(']');
    out
}

fn push_number(out: &mut String, n: u32) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// The weighted words of one document: each word once, with its BM25
/// share (the title's words count [`TITLE_WEIGHT`] times). An entity's
/// title is its name and aliases, whose words get [`NAME_FLAG`].
fn weigh(title: &str, body: &str, names: bool) -> DocWords {
    // Every word as it comes, then each distinct one counted.
    let mut all = String::with_capacity(body.len() / 2);
    let mut spans: Vec<(u32, u32)> = Vec::with_capacity(body.len() / 6);
    let mut title_words = 0;
    for (i, part) in [title, body].into_iter().enumerate() {
        text::words(part, |w| {
            let start = all.len() as u32;
            all.push_str(w);
            spans.push((start, all.len() as u32));
        });
        if i == 0 {
            title_words = spans.len();
        }
    }
    let mut counts: HashMap<&str, (u32, bool)> = HashMap::default();
    counts.reserve(spans.len() / 2);
    for (i, &(start, end)) in spans.iter().enumerate() {
        let in_title = i < title_words;
        let entry = counts
            .entry(&all[start as usize..end as usize])
            .or_default();
        entry.0 += if in_title { TITLE_WEIGHT } else { 1 };
        entry.1 |= names && in_title;
    }
    let length = spans.len() + title_words * (TITLE_WEIGHT as usize - 1);
    // Documents are weighed against a typical length rather than the
    // site's mean, so that each is weighed alone (in parallel).
    let norm = 1.0 - B + B * length as f64 / TYPICAL_LENGTH;
    let mut weighed: Vec<(usize, &str, u8)> = counts
        .into_iter()
        .map(|(word, (f, name))| {
            let f = f64::from(f);
            let share = f * (K1 + 1.0) / (f + K1 * norm);
            let weight = ((share / (K1 + 1.0)) * 60.0).round().clamp(1.0, 61.0) as u8;
            let weight = if name { weight | NAME_FLAG } else { weight };
            (shard_of(word), word, weight)
        })
        .collect();
    weighed.sort_unstable_by_key(|w| w.0);
    let mut arena = String::with_capacity(weighed.iter().map(|w| w.1.len()).sum());
    let mut words = Vec::with_capacity(weighed.len());
    let mut shards = [0u32; SHARDS + 1];
    for (shard, word, weight) in weighed {
        let start = arena.len() as u32;
        arena.push_str(word);
        words.push(Word {
            start,
            end: arena.len() as u32,
            weight,
        });
        shards[shard + 1] = words.len() as u32;
    }
    // Empty shards start where the one before ends.
    for s in 1..=SHARDS {
        shards[s] = shards[s].max(shards[s - 1]);
    }
    DocWords {
        arena,
        words,
        shards,
    }
}

/// The length, in weighted words, that BM25 takes as typical.
const TYPICAL_LENGTH: f64 = 500.0;

/// The start of a document's text, cut after a word, for excerpts.
fn excerpt_text(text: &str) -> String {
    crate::markdown::shorten(text.trim(), TEXT_CHARS)
}

/// The text of rendered HTML: tags dropped (block ends as line breaks),
/// the escapes of the Markdown stage decoded.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = memchr::memchr2(b'<', b'&', rest.as_bytes()) {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            let tag = &rest[1..end.saturating_sub(1).max(1)];
            let name = tag
                .trim_start_matches('/')
                .split(|c: char| c.is_whitespace() || c == '/' || c == '>')
                .next()
                .unwrap_or("");
            if is_block(name) && !out.is_empty() && !out.ends_with(['\n', ' ']) {
                out.push('\n');
            }
            rest = &rest[end..];
        } else {
            let end = rest[..rest.len().min(10)].find(';');
            let (decoded, len) = match end.map(|e| &rest[..=e]) {
                Some("&amp;") => ("&", 5),
                Some("&lt;") => ("<", 4),
                Some("&gt;") => (">", 4),
                Some("&quot;") => ("\"", 6),
                Some("&#39;") => ("'", 5),
                Some("&#x27;") => ("'", 6),
                Some("&nbsp;") => (" ", 6),
                _ => ("&", 1),
            };
            out.push_str(decoded);
            rest = &rest[len..];
        }
    }
    out.push_str(rest);
    out
}

fn is_block(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "p" | "br"
            | "li"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "div"
            | "blockquote"
            | "tr"
            | "td"
            | "th"
            | "pre"
            | "figcaption"
            | "ul"
            | "ol"
            | "table"
            | "hr"
            | "dt"
            | "dd"
            | "section"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    impl DocWords {
        fn weight(&self, word: &str) -> u8 {
            self.words
                .iter()
                .find(|w| &self.arena[w.start as usize..w.end as usize] == word)
                .map(|w| w.weight)
                .unwrap()
        }
    }

    #[test]
    fn plain_text_drops_tags_and_decodes_the_escapes() {
        let html = "<h2 id=\"a\">Lage</h2>\n<p>Tom &amp; Jerry <a href=\"/x/\">in <em>Kyjiw</em></a>&#39;s &lt;b&gt;</p><p>Zwei</p>";
        assert_eq!(
            plain_text(html),
            "Lage\n\nTom & Jerry in Kyjiw's <b>\nZwei\n"
        );
    }

    #[test]
    fn a_lone_ampersand_and_an_unclosed_tag_are_kept_or_dropped_without_panic() {
        assert_eq!(plain_text("a & b"), "a & b");
        assert_eq!(plain_text("a <b"), "a ");
    }

    #[test]
    fn a_title_word_weighs_more_than_the_same_word_in_the_text() {
        let doc = weigh("Berlin", "Paris liegt nicht in Berlin.", false);
        assert!(doc.weight("berli") > doc.weight("pari"));
        assert!(doc.words.iter().all(|w| w.weight & NAME_FLAG == 0));
        assert_eq!(doc.words.len(), 5);
    }

    #[test]
    fn an_entitys_name_words_carry_the_name_flag() {
        let doc = weigh("Olaf Scholz\nScholz", "Olaf Scholz ist Politiker.", true);
        assert_ne!(doc.weight("scholz") & NAME_FLAG, 0);
        assert_eq!(doc.weight("politik") & NAME_FLAG, 0);
    }

    #[test]
    fn each_shard_holds_exactly_the_words_whose_hash_names_it() {
        let doc = weigh(
            "",
            "eins zwei drei vier fünf sechs sieben acht neun zehn",
            false,
        );
        for shard in 0..SHARDS {
            let range = doc.shards[shard] as usize..doc.shards[shard + 1] as usize;
            for w in &doc.words[range] {
                assert_eq!(
                    shard_of(&doc.arena[w.start as usize..w.end as usize]),
                    shard
                );
            }
        }
        assert_eq!(doc.shards[SHARDS] as usize, doc.words.len());
    }

    #[test]
    fn excerpts_are_cut_after_a_word() {
        let long = "Wort ".repeat(400);
        let cut = excerpt_text(&long);
        assert!(cut.ends_with("Wort…"), "{cut}");
        assert!(cut.chars().count() <= TEXT_CHARS + 1);
    }
}
