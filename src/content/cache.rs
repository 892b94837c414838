//! The content of a site kept in memory between builds, for the preview server.
//!
//! [`ContentCache::update`] takes the paths that changed (files or folders,
//! relative to the site root) and re-reads only those; a file whose text is
//! unchanged keeps its parsed value, the very same [`Arc<Article>`], so later
//! stages can recognise it without comparing it. [`ContentCache::content`]
//! returns exactly what [`super::load`] returns for the files now on disk:
//! the same articles, entities and errors, in the same order.
//!
//! ```no_run
//! use briefing::content::cache::ContentCache;
//! let mut cache = ContentCache::new("my-briefing");
//! cache.reload_all();
//! cache.update(&["content/articles/new.md".into()]);
//! let (content, errors) = cache.content(false);
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::{
    assemble, markdown_files, parse_article, parse_entity, read, Article, Content, EntityEntry,
    Error, FileKind, ARTICLES_DIR, ENTITIES_DIR,
};

/// One parsed file with the hash of the text it was parsed from.
#[derive(Debug, Clone)]
struct Cached<T> {
    hash: u64,
    parsed: Result<T, Vec<Error>>,
}

/// Articles and registry entities by path, parsed.
#[derive(Debug)]
pub struct ContentCache {
    root: PathBuf,
    articles: BTreeMap<PathBuf, Cached<Arc<Article>>>,
    entities: BTreeMap<PathBuf, Cached<EntityEntry>>,
    /// Content folders that could not be read at the last full listing.
    folder_errors: Vec<Error>,
}

/// What reading one path found.
enum Read {
    Gone,
    Unchanged,
    Article(Cached<Arc<Article>>),
    Entity(Box<Cached<EntityEntry>>),
}

impl ContentCache {
    /// An empty cache for the site at `root`; call [`Self::reload_all`] to fill it.
    pub fn new(root: impl AsRef<Path>) -> Self {
        ContentCache {
            root: root.as_ref().to_path_buf(),
            articles: BTreeMap::new(),
            entities: BTreeMap::new(),
            folder_errors: Vec::new(),
        }
    }

    /// Lists and reads every content file again (files whose text did not
    /// change keep their parsed value).
    pub fn reload_all(&mut self) {
        let mut folders = Vec::new();
        let mut listed = markdown_files(&self.root, ARTICLES_DIR, true, &mut folders);
        listed.extend(markdown_files(
            &self.root,
            ENTITIES_DIR,
            false,
            &mut folders,
        ));
        self.folder_errors = folders;
        self.articles.retain(|p, _| listed.contains(p));
        self.entities.retain(|p, _| listed.contains(p));
        self.refresh(listed);
    }

    /// Re-reads the given paths (relative to the root). A path may name a
    /// file, a folder (everything under it is read again), or something that
    /// no longer exists (whatever was cached at or under it is dropped).
    /// Paths that are not content are ignored.
    pub fn update(&mut self, changed: &[PathBuf]) {
        let mut files = Vec::new();
        for rel in changed {
            let full = self.root.join(rel);
            match std::fs::symlink_metadata(&full) {
                Ok(meta) if meta.is_dir() => {
                    let root = self.root.clone();
                    let folder_errors = &mut self.folder_errors;
                    folder_errors.retain(|e| {
                        !matches!(e, Error::UnreadableFolder { path, .. } if path.starts_with(rel))
                    });
                    let mut under: Vec<PathBuf> = walkdir::WalkDir::new(&full)
                        .into_iter()
                        .filter_map(|entry| match entry {
                            Ok(e) => Some(e),
                            Err(e) => {
                                if let Some(path) = e.path() {
                                    folder_errors.push(Error::UnreadableFolder {
                                        path: path
                                            .strip_prefix(&root)
                                            .unwrap_or(path)
                                            .to_path_buf(),
                                        message: e
                                            .io_error()
                                            .map_or_else(|| e.to_string(), |io| io.to_string()),
                                    });
                                }
                                None
                            }
                        })
                        .filter(|e| e.file_type().is_file())
                        .filter_map(|e| {
                            e.path()
                                .strip_prefix(&self.root)
                                .ok()
                                .map(Path::to_path_buf)
                        })
                        .filter(|p| FileKind::of(p).is_some())
                        .collect();
                    under.sort();
                    self.forget_under(rel, &under);
                    files.extend(under);
                }
                Ok(meta) if meta.is_file() => {
                    if FileKind::of(rel).is_some() {
                        files.push(rel.clone());
                    }
                }
                // Gone, or a symlink, which `load` does not follow either.
                _ => self.forget_under(rel, &[]),
            }
        }
        files.sort();
        files.dedup();
        self.refresh(files);
    }

    /// Drops cached files at or under `rel` except those in `keep`.
    fn forget_under(&mut self, rel: &Path, keep: &[PathBuf]) {
        let gone = |p: &PathBuf| p.starts_with(rel) && keep.binary_search(p).is_err();
        self.articles.retain(|p, _| !gone(p));
        self.entities.retain(|p, _| !gone(p));
    }

    /// Reads `files` (content files relative to the root) in parallel.
    fn refresh(&mut self, files: Vec<PathBuf>) {
        let reads: Vec<(PathBuf, Read)> = files
            .into_par_iter()
            .map(|rel| {
                let read = self.read_one(&rel);
                (rel, read)
            })
            .collect();
        for (rel, read) in reads {
            match read {
                Read::Gone => {
                    self.articles.remove(&rel);
                    self.entities.remove(&rel);
                }
                Read::Unchanged => {}
                Read::Article(c) => {
                    self.articles.insert(rel, c);
                }
                Read::Entity(c) => {
                    self.entities.insert(rel, *c);
                }
            }
        }
    }

    fn read_one(&self, rel: &Path) -> Read {
        let Some(kind) = FileKind::of(rel) else {
            return Read::Gone;
        };
        let bytes = match std::fs::read(self.root.join(rel)) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Read::Gone,
            // Reported by `read` below, as `load` reports it.
            Err(_) => Vec::new(),
        };
        let hash = crate::hash::hash_of(&bytes);
        let previous = match kind {
            FileKind::Article => self.articles.get(rel).map(|c| c.hash),
            FileKind::Entity => self.entities.get(rel).map(|c| c.hash),
        };
        if previous == Some(hash) {
            return Read::Unchanged;
        }
        let text = read(&self.root, rel);
        match kind {
            FileKind::Article => Read::Article(Cached {
                hash,
                parsed: text.and_then(|t| parse_article(rel, &t)).map(Arc::new),
            }),
            FileKind::Entity => Read::Entity(Box::new(Cached {
                hash,
                parsed: text.and_then(|t| parse_entity(rel, &t)),
            })),
        }
    }

    /// The content as [`super::load`] would read it now.
    pub fn content(&self, drafts: bool) -> (Content, Vec<Error>) {
        let (content, mut errors) = assemble(
            self.articles.values().map(|c| c.parsed.clone()),
            self.entities.values().map(|c| c.parsed.clone()),
            drafts,
        );
        errors.extend(self.folder_errors.iter().cloned());
        (content, errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn same_as_load(cache: &ContentCache, root: &Path) {
        let (a, ea) = cache.content(true);
        let (b, eb) = super::super::load(root, true);
        assert_eq!(a.articles, b.articles);
        assert_eq!(a.entities, b.entities);
        assert_eq!(ea, eb);
    }

    #[test]
    fn keeps_the_same_article_when_its_text_is_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "content/articles/a.md", "---\ntitle: A\n---\nx");
        let mut cache = ContentCache::new(dir.path());
        cache.reload_all();
        let before = cache.content(false).0.articles[0].clone();
        cache.update(&["content/articles/a.md".into()]);
        let after = cache.content(false).0.articles[0].clone();
        assert!(Arc::ptr_eq(&before, &after));
    }

    #[test]
    fn follows_edits_deletions_and_removed_folders_like_load() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "content/articles/a.md", "---\ntitle: A\n---\nx");
        write(root, "content/articles/sub/b.md", "---\ntitle: B\n---\ny");
        write(root, "content/entities/e.md", "---\nkind: person\n---\n");
        let mut cache = ContentCache::new(root);
        cache.reload_all();
        same_as_load(&cache, root);

        write(root, "content/articles/a.md", "---\ntitel: A\n---\nx");
        cache.update(&["content/articles/a.md".into()]);
        same_as_load(&cache, root);

        std::fs::remove_dir_all(root.join("content/articles/sub")).unwrap();
        cache.update(&["content/articles/sub".into()]);
        same_as_load(&cache, root);

        write(root, "content/articles/new/c.md", "---\ntitle: C\n---\n");
        write(root, "content/entities/nested/ignored.md", "---\n---\n");
        cache.update(&[
            "content/articles/new".into(),
            "content/entities/nested".into(),
        ]);
        same_as_load(&cache, root);
        // `a.md` is still broken: `c.md` is the one article, with a's error.
        let (content, errors) = cache.content(true);
        assert_eq!(content.articles.len(), 1);
        assert_eq!(errors.len(), 1);
    }
}
