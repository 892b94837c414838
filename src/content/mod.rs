//! Content: reading `content/` into typed articles and registry entities.
//!
//! Entry point: [`load`], which reads `content/articles/**/*.md` and
//! `content/entities/*.md` under a site root, parses every file's front matter
//! (schema in [`frontmatter`]) and returns the files that parsed together with
//! an error for each one that did not, so that one broken file never hides the
//! problems of another. Paths are kept relative to the site root.

pub mod cache;
pub mod date;
pub mod frontmatter;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

pub use date::{days_in_month, weekday, PartialDate, Precision};
pub use frontmatter::{ArticleMeta, EntityKind, EntityMeta};

use crate::diagnostics::{Diagnostic, Location, ToDiagnostic};
use crate::slug::slugify;
use crate::yaml::YamlProblem;

pub const ARTICLES_DIR: &str = "content/articles";
pub const ENTITIES_DIR: &str = "content/entities";

/// An article: its front matter and its Markdown body.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Path relative to the site root.
    pub path: PathBuf,
    pub slug: String,
    pub meta: ArticleMeta,
    pub body: String,
    /// Byte offset of the body in the file, to report positions as file lines.
    pub body_offset: usize,
    /// File line on which the body starts.
    pub body_line: usize,
    /// The raw front matter (it starts on line 2), to locate keys in errors.
    pub front_matter: String,
}

/// A registry entity: front matter and a Markdown profile.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityEntry {
    pub path: PathBuf,
    pub slug: String,
    pub name: String,
    pub meta: EntityMeta,
    pub body: String,
    pub body_line: usize,
    /// The file line of `part_of:` (for errors about what it names).
    pub part_of_line: usize,
    /// A hash of the file's path and text: equal keys, equal entries.
    pub key: u64,
}

/// Everything read from `content/`.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// Shared, so that a cache can hand out the same article to many builds.
    pub articles: Vec<Arc<Article>>,
    pub entities: Vec<EntityEntry>,
}

/// A problem in one content file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    #[error("cannot read {}: {message}", path.display())]
    Read { path: PathBuf, message: String },
    #[error("{} is not UTF-8 text: byte 0x{byte:02X} cannot start or continue a character", path.display())]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
        byte: u8,
    },
    #[error("no front matter in {}", path.display())]
    NoFrontMatter { path: PathBuf },
    #[error("the front matter of {} is not closed", path.display())]
    UnclosedFrontMatter { path: PathBuf },
    #[error("{}", problem.message)]
    Yaml { path: PathBuf, problem: YamlProblem },
    #[error("unknown key \"{key}\" in front matter")]
    UnknownKey {
        path: PathBuf,
        key: String,
        line: usize,
        column: usize,
        suggestion: Option<String>,
    },
    #[error("missing \"{key}\" in front matter")]
    MissingKey {
        path: PathBuf,
        line: usize,
        key: &'static str,
        help: String,
    },
    #[error("\"{slug}\" is not a valid slug")]
    BadSlug {
        path: PathBuf,
        line: usize,
        slug: String,
    },
    #[error("`{key}:` is a {scheme} URL, which runs code in the reader's browser")]
    DangerousUrl {
        path: PathBuf,
        line: usize,
        key: &'static str,
        scheme: &'static str,
    },
    #[error("cannot read the folder {}: {message}; its articles are left out", path.display())]
    UnreadableFolder { path: PathBuf, message: String },
    #[error("slug \"{slug}\" is used by {} and {}", other.display(), path.display())]
    DuplicateSlug {
        path: PathBuf,
        slug: String,
        other: PathBuf,
    },
}

impl Error {
    pub fn yaml(path: &Path, problem: YamlProblem) -> Error {
        Error::Yaml {
            path: path.to_path_buf(),
            problem,
        }
    }
}

impl ToDiagnostic for Error {
    fn to_diagnostic(&self) -> Diagnostic {
        let d = Diagnostic::error(self.to_string());
        match self {
            Error::Read { .. } => {
                d.help("check the file's permissions, or remove it from content/")
            }
            Error::NotUtf8 {
                path, line, column, ..
            } => d.at(Location::new(path, *line, *column)).help(format!(
                "convert the file to UTF-8, e.g. `iconv -f windows-1252 -t utf-8 {0} > {0}.utf8 && mv {0}.utf8 {0}` \
                 (`briefing ingest` converts pasted Windows-1252 and Latin-1 text itself)",
                path.display()
            )),
            Error::UnreadableFolder { path, .. } => d.help(format!(
                "make the folder readable (e.g. `chmod u+rx {}`), or move it out of content/",
                path.display()
            )),
            Error::NoFrontMatter { path } => d
                .at(Location::new(path, 1, 1))
                .help("start the file with a `---` line, then `title: …`, then another `---` line"),
            Error::UnclosedFrontMatter { path } => d
                .at(Location::new(path, 1, 1).with_length(3))
                .help("add a line `---` after the last front-matter key"),
            Error::Yaml { path, problem } => problem.diagnostic(path, self.to_string()),
            Error::UnknownKey {
                path,
                key,
                line,
                column,
                suggestion,
            } => crate::yaml::unknown_key_diagnostic(
                self.to_string(),
                path,
                key,
                (*line, *column),
                suggestion.as_deref(),
                if path.starts_with(ENTITIES_DIR) {
                    frontmatter::ENTITY_KEYS
                } else {
                    frontmatter::ARTICLE_KEYS
                },
            ),
            Error::MissingKey {
                path, line, help, ..
            } => d.at(Location::new(path, *line, 1)).help(help.clone()),
            Error::BadSlug { path, line, slug } if slug.len() > crate::guard::MAX_SLUG_LEN => d
                .at(Location::new(path, *line, 1))
                .help(format!(
                    "a slug names the page's folder and may have at most {} bytes: set a shorter `slug:` or rename the file",
                    crate::guard::MAX_SLUG_LEN
                )),
            Error::BadSlug { path, line, slug } => {
                d.at(Location::new(path, *line, 1)).help(format!(
                    "use lowercase letters, digits and hyphens, e.g. \"{}\"",
                    slugify(slug)
                ))
            }
            Error::DangerousUrl { path, line, key, .. } => d
                .at(Location::new(path, *line, 1))
                .help(format!(
                    "set `{key}:` to an http(s) address or a path on the site, e.g. `{}`, or remove the line",
                    if *key == "url" { "https://example.org/story" } else { "/images/photo.jpg" }
                )),
            Error::DuplicateSlug { path, .. } => d
                .at(Location::new(path, 1, 1))
                .help("set a different `slug:` in one of the two files, or rename one of them"),
        }
    }
}

/// Reads all articles and entities under `root`. Drafts are kept only when
/// `drafts` is set. [`cache::ContentCache`] gives the same result while
/// re-reading only the files that changed.
pub fn load(root: &Path, drafts: bool) -> (Content, Vec<Error>) {
    let mut folder_errors = Vec::new();
    let article_paths = markdown_files(root, ARTICLES_DIR, true, &mut folder_errors);
    let entity_paths = markdown_files(root, ENTITIES_DIR, false, &mut folder_errors);

    let articles: Vec<Result<Article, Vec<Error>>> = article_paths
        .par_iter()
        .map(|rel| read(root, rel).and_then(|text| parse_article(rel, &text)))
        .collect();
    let entities: Vec<Result<EntityEntry, Vec<Error>>> = entity_paths
        .par_iter()
        .map(|rel| read(root, rel).and_then(|text| parse_entity(rel, &text)))
        .collect();

    let (content, mut errors) = assemble(
        articles.into_iter().map(|r| r.map(Arc::new)),
        entities,
        drafts,
    );
    errors.extend(folder_errors);
    (content, errors)
}

/// The parsed files, in path order, as [`Content`] and its errors.
fn assemble<A, E>(articles: A, entities: E, drafts: bool) -> (Content, Vec<Error>)
where
    A: IntoIterator<Item = Result<Arc<Article>, Vec<Error>>>,
    E: IntoIterator<Item = Result<EntityEntry, Vec<Error>>>,
{
    let mut errors = Vec::new();
    let mut content = Content::default();
    for result in articles {
        match result {
            Ok(a) if a.meta.draft && !drafts => {}
            Ok(a) => content.articles.push(a),
            Err(e) => errors.extend(e),
        }
    }
    for result in entities {
        match result {
            Ok(e) => content.entities.push(e),
            Err(e) => errors.extend(e),
        }
    }
    errors.extend(duplicate_slugs(
        content.articles.iter().map(|a| (&a.slug, &a.path)),
    ));
    errors.extend(duplicate_slugs(
        content.entities.iter().map(|e| (&e.slug, &e.path)),
    ));
    (content, errors)
}

fn read(root: &Path, rel: &Path) -> Result<String, Vec<Error>> {
    let bytes = std::fs::read(root.join(rel)).map_err(|e| {
        vec![Error::Read {
            path: rel.to_path_buf(),
            message: e.to_string(),
        }]
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        // Everything before the bad byte is valid UTF-8, so its lines and
        // characters can be counted.
        let before = std::str::from_utf8(&bytes[..valid]).expect("valid up to here");
        let (line, column) = crate::diagnostics::line_column(before, valid);
        vec![Error::NotUtf8 {
            path: rel.to_path_buf(),
            line,
            column,
            byte: bytes[valid],
        }]
    })
}

/// Markdown files under `root/dir`, relative to `root`, sorted. A folder
/// that cannot be read is an error in `errors` (a missing `dir` is not).
fn markdown_files(
    root: &Path,
    dir: &str,
    recursive: bool,
    errors: &mut Vec<Error>,
) -> Vec<PathBuf> {
    let base = root.join(dir);
    let walker = walkdir::WalkDir::new(&base)
        .max_depth(if recursive { usize::MAX } else { 1 })
        .sort_by_file_name();
    let mut files: Vec<PathBuf> = walker
        .into_iter()
        .filter_map(|entry| match entry {
            Ok(e) => Some(e),
            Err(e) => {
                let missing = e
                    .io_error()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound);
                if let (false, Some(path)) = (missing, e.path()) {
                    errors.push(Error::UnreadableFolder {
                        path: path.strip_prefix(root).unwrap_or(path).to_path_buf(),
                        message: e
                            .io_error()
                            .map_or_else(|| e.to_string(), |io| io.to_string()),
                    });
                }
                None
            }
        })
        .filter(|e| e.file_type().is_file())
        .filter(|e| is_markdown_name(e.file_name()))
        .filter_map(|e| e.path().strip_prefix(root).ok().map(Path::to_path_buf))
        .collect();
    files.sort();
    files
}

/// Whether a file name is read as content: `*.md`, not hidden.
fn is_markdown_name(name: &std::ffi::OsStr) -> bool {
    Path::new(name).extension().is_some_and(|x| x == "md")
        && !name.to_string_lossy().starts_with('.')
}

/// What a path relative to the site root is, for [`load`]: an article, a
/// registry entity, or neither. Only the name is looked at, not the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Article,
    Entity,
}

impl FileKind {
    pub fn of(rel: &Path) -> Option<FileKind> {
        if !rel.file_name().is_some_and(is_markdown_name) {
            return None;
        }
        if rel.starts_with(ARTICLES_DIR) {
            Some(FileKind::Article)
        } else if rel.parent() == Some(Path::new(ENTITIES_DIR)) {
            Some(FileKind::Entity)
        } else {
            None
        }
    }
}

/// Parses an article file; `path` is relative to the site root.
pub fn parse_article(path: &Path, text: &str) -> Result<Article, Vec<Error>> {
    let split = frontmatter::split(path, text).map_err(|e| vec![e])?;
    let meta = frontmatter::article_meta(path, &split)?;
    check_urls(
        path,
        &split,
        &[
            ("url", meta.url.as_deref(), false),
            ("image", meta.image.as_deref(), true),
        ],
    )?;
    let slug = slug_for(path, &split, meta.slug.as_deref())?;
    Ok(Article {
        path: path.to_path_buf(),
        slug,
        body: split.body.to_string(),
        body_offset: split.body_offset,
        body_line: text[..split.body_offset].matches('\n').count() + 1,
        front_matter: split.front.text.to_string(),
        meta,
    })
}

/// Parses a registry entity file; `path` is relative to the site root.
pub fn parse_entity(path: &Path, text: &str) -> Result<EntityEntry, Vec<Error>> {
    let split = frontmatter::split(path, text).map_err(|e| vec![e])?;
    let meta = frontmatter::entity_meta(path, &split)?;
    check_urls(path, &split, &[("image", meta.image.as_deref(), true)])?;
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let name = meta
        .name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| stem.replace(['-', '_'], " "));
    let slug = slug_for(path, &split, None)?;
    Ok(EntityEntry {
        path: path.to_path_buf(),
        slug,
        name,
        meta,
        body: split.body.to_string(),
        body_line: text[..split.body_offset].matches('\n').count() + 1,
        part_of_line: split.front.key_position("part_of").0,
        key: crate::hash::hash_of((path, text)),
    })
}

/// Refuses front-matter URLs that would run code when followed (see
/// [`crate::guard::dangerous_url`]): `(key, value, is an image)`.
fn check_urls(
    path: &Path,
    split: &frontmatter::Split,
    urls: &[(&'static str, Option<&str>, bool)],
) -> Result<(), Vec<Error>> {
    let errors: Vec<Error> = urls
        .iter()
        .filter_map(|(key, url, image)| {
            let scheme = crate::guard::dangerous_url((*url)?, *image)?;
            Some(Error::DangerousUrl {
                path: path.to_path_buf(),
                line: split.front.key_position(key).0,
                key,
                scheme,
            })
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn slug_for(
    path: &Path,
    split: &frontmatter::Split,
    explicit: Option<&str>,
) -> Result<String, Vec<Error>> {
    match explicit {
        Some(s) if crate::guard::slug_problem(s).is_none() => Ok(s.to_string()),
        Some(s) => Err(vec![Error::BadSlug {
            path: path.to_path_buf(),
            line: split.front.key_position("slug").0,
            slug: s.to_string(),
        }]),
        None => {
            let stem = path.file_stem().unwrap_or_default().to_string_lossy();
            let slug = slugify(&stem);
            if crate::guard::slug_problem(&slug).is_some() {
                Err(vec![Error::BadSlug {
                    path: path.to_path_buf(),
                    line: 1,
                    slug: stem.into_owned(),
                }])
            } else {
                Ok(slug)
            }
        }
    }
}

fn duplicate_slugs<'a>(items: impl Iterator<Item = (&'a String, &'a PathBuf)>) -> Vec<Error> {
    let mut seen: HashMap<&str, &PathBuf, xxhash_rust::xxh3::Xxh3Builder> =
        HashMap::with_capacity_and_hasher(items.size_hint().0, Default::default());
    let mut errors = Vec::new();
    for (slug, path) in items {
        if let Some(other) = seen.insert(slug, path) {
            errors.push(Error::DuplicateSlug {
                path: path.clone(),
                slug: slug.clone(),
                other: other.clone(),
            });
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_not_in_utf8_is_an_error_at_the_line_and_column_of_its_first_bad_byte() {
        let root = tempfile::tempdir().unwrap();
        let rel = Path::new("content/articles/latin.md");
        std::fs::create_dir_all(root.path().join("content/articles")).unwrap();
        std::fs::write(
            root.path().join(rel),
            b"---\ntitle: T\n---\n\xc4rger in der Stra\xdfe\n",
        )
        .unwrap();
        let errors = read(root.path(), rel).unwrap_err();
        assert_eq!(
            errors,
            [Error::NotUtf8 {
                path: rel.to_path_buf(),
                line: 4,
                column: 1,
                byte: 0xC4,
            }]
        );
        let d = errors[0].to_diagnostic();
        assert!(d.help.as_deref().unwrap().contains("iconv"), "{d:?}");
    }

    #[test]
    fn article_slug_defaults_to_the_file_name() {
        let a = parse_article(
            Path::new("content/articles/2025/Blinken in Seoul.md"),
            "---\ntitle: T\n---\nx",
        )
        .unwrap();
        assert_eq!(a.slug, "blinken-in-seoul");
        assert_eq!(a.body_line, 4);
    }

    #[test]
    fn a_script_url_in_front_matter_is_an_error_at_its_line() {
        let errors = parse_article(
            Path::new("a.md"),
            "---\ntitle: T\nurl: javascript:alert(1)\nimage: \"data:text/html,x\"\n---\n",
        )
        .unwrap_err();
        assert!(matches!(
            &errors[..],
            [
                Error::DangerousUrl {
                    line: 3,
                    key: "url",
                    ..
                },
                Error::DangerousUrl {
                    line: 4,
                    key: "image",
                    ..
                }
            ]
        ));
        let errors = parse_entity(
            Path::new("content/entities/x.md"),
            "---\nkind: person\nimage: vbscript:x\n---\n",
        )
        .unwrap_err();
        assert!(matches!(&errors[..], [Error::DangerousUrl { line: 3, .. }]));
    }

    #[test]
    fn rejects_an_invalid_explicit_slug_at_its_line() {
        let errors =
            parse_article(Path::new("a.md"), "---\ntitle: T\nslug: Nicht Gut\n---\n").unwrap_err();
        assert!(matches!(&errors[0], Error::BadSlug { line: 3, .. }));
    }

    #[test]
    fn a_slug_too_long_for_a_file_name_is_an_error_at_check_time() {
        let text = format!("---\ntitle: T\nslug: {}\n---\n", "a".repeat(300));
        let errors = parse_article(Path::new("a.md"), &text).unwrap_err();
        assert!(matches!(&errors[0], Error::BadSlug { line: 3, .. }));
    }

    #[test]
    fn entity_name_defaults_to_the_file_name() {
        let e = parse_entity(
            Path::new("content/entities/park-jin.md"),
            "---\nkind: person\n---\n",
        )
        .unwrap();
        assert_eq!(e.name, "park jin");
        assert_eq!(e.slug, "park-jin");
    }

    #[test]
    fn finds_duplicate_slugs_across_folders() {
        let a = PathBuf::from("content/articles/a/x.md");
        let b = PathBuf::from("content/articles/b/x.md");
        let slug = "x".to_string();
        let errors = duplicate_slugs([(&slug, &a), (&slug, &b)].into_iter());
        assert!(matches!(&errors[0], Error::DuplicateSlug { path, .. } if path == &b));
    }
}
