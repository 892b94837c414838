//! Output: naming, duplicate detection and writing of ingested articles.
//!
//! A draft becomes `content/articles/<slug>.md`: front matter serialized from
//! [`ArticleMeta`] (field order as defined there), `---`, a blank line, the body.
//! The slug is `--slug`, the draft's own `slug:`, or the title slugified and cut
//! on a word boundary. An article whose text (normalised: letters and digits,
//! lowercased) is already in the site is a duplicate and is skipped; an existing
//! file is never overwritten without `--force` (a derived name gets `-2`, `-3` …).
//!
//! Before it is written a draft is compared with the site's articles:
//!
//! - the same story from another outlet ([`super::similar`], similarity at
//!   least [`super::similar::NEAR_DUPLICATE`]) is reported with the existing
//!   article and skipped; `--keep-duplicate` writes it with `same_story:`
//!   naming the other, and its page says where else it was published;
//! - paragraphs that recur in two or more articles of the same outlet already
//!   in the site are that outlet's boilerplate (a slogan, a subscription
//!   note) and are dropped;
//! - a draft without a date gets a warning: pass `--date`.
//!
//! ```
//! use briefing::content::ArticleMeta;
//! let meta = ArticleMeta { title: "Titel".into(), ..Default::default() };
//! assert_eq!(briefing::ingest::write::render(&meta, "Text."), "---\ntitle: Titel\n---\n\nText.\n");
//! ```

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::similar::{Signature, NEAR_DUPLICATE};
use super::{Draft, Error, IngestOptions, Status, Warning};
use crate::content::{frontmatter, ArticleMeta, ARTICLES_DIR};
use crate::slug::{is_slug, slugify};

/// Longest slug made from a title: file names stay readable in a listing.
pub const MAX_SLUG_LEN: usize = 60;

/// The file text of an article.
pub fn render(meta: &ArticleMeta, body: &str) -> String {
    let yaml = serde_yaml::to_string(meta).unwrap_or_default();
    let body = body.trim();
    if body.is_empty() {
        format!("---\n{yaml}---\n")
    } else {
        format!("---\n{yaml}---\n\n{body}\n")
    }
}

/// The slug of a title, cut on a word boundary.
pub fn slug_for_title(title: &str) -> String {
    let mut slug = slugify(title);
    if slug.len() > MAX_SLUG_LEN {
        let cut = slug[..MAX_SLUG_LEN].rfind('-').unwrap_or(MAX_SLUG_LEN);
        slug.truncate(cut);
    }
    if slug.is_empty() {
        "article".to_string()
    } else {
        slug
    }
}

/// The text of an article as compared for duplicates.
pub fn text_key(body: &str) -> String {
    body.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The articles already in a site, and those written during this run.
#[derive(Debug)]
pub struct Site {
    root: PathBuf,
    /// Normalised text → file (relative to the root).
    texts: HashMap<String, PathBuf>,
    /// Slugs taken by files in `content/articles`.
    taken: HashSet<String>,
    /// Every article's signature, with its file and slug.
    signatures: Vec<(Signature, PathBuf, String)>,
    /// Per outlet (lowercase): how many of its articles hold each paragraph
    /// (by [`text_key`]).
    paragraphs: HashMap<String, HashMap<String, usize>>,
}

/// Articles of one outlet that must hold a paragraph for it to count as the
/// outlet's boilerplate.
const BOILERPLATE_ARTICLES: usize = 2;

impl Site {
    /// Reads the texts of the articles under `root/content/articles`.
    pub fn open(root: &Path) -> Site {
        let mut site = Site {
            root: root.to_path_buf(),
            texts: HashMap::new(),
            taken: HashSet::new(),
            signatures: Vec::new(),
            paragraphs: HashMap::new(),
        };
        let dir = root.join(ARTICLES_DIR);
        for entry in walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
        {
            let path = entry.path();
            if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
            let split = frontmatter::split(&rel, &text).ok();
            let body = split.as_ref().map_or(text.as_str(), |s| s.body);
            let meta = split
                .as_ref()
                .and_then(|s| frontmatter::article_meta(&rel, s).ok());
            let slug = meta
                .as_ref()
                .and_then(|m| m.slug.clone())
                .or_else(|| path.file_stem().map(|s| s.to_string_lossy().into_owned()))
                .unwrap_or_default();
            if let Some(source) = meta.as_ref().and_then(|m| m.source.as_deref()) {
                site.count_paragraphs(source, body);
            }
            site.signatures
                .push((Signature::of(body), rel.clone(), slug));
            site.texts.entry(text_key(body)).or_insert(rel);
            if path.parent() == Some(dir.as_path()) {
                if let Some(stem) = path.file_stem() {
                    site.taken.insert(stem.to_string_lossy().into_owned());
                }
            }
        }
        site
    }

    fn count_paragraphs(&mut self, source: &str, body: &str) {
        let counts = self.paragraphs.entry(source.to_lowercase()).or_default();
        let mut seen = HashSet::new();
        for p in body.split("\n\n") {
            let key = text_key(p);
            if !key.is_empty() && seen.insert(key.clone()) {
                *counts.entry(key).or_default() += 1;
            }
        }
    }

    /// Drops the paragraphs of `draft` that are its outlet's boilerplate.
    fn without_boilerplate(&self, draft: &mut Draft) {
        let Some(counts) = draft
            .meta
            .source
            .as_deref()
            .and_then(|s| self.paragraphs.get(&s.to_lowercase()))
        else {
            return;
        };
        let kept: Vec<&str> = draft
            .body
            .split("\n\n")
            .filter(|p| {
                counts
                    .get(&text_key(p))
                    .is_none_or(|&n| n < BOILERPLATE_ARTICLES)
            })
            .collect();
        if !kept.is_empty() {
            draft.body = kept.join("\n\n");
        }
    }

    /// The site's article most like `signature`, if it is the same story.
    fn same_story(&self, signature: &Signature) -> Option<(&PathBuf, &str, f64)> {
        self.signatures
            .iter()
            .map(|(s, path, slug)| (path, slug.as_str(), s.similarity(signature)))
            .filter(|&(_, _, sim)| sim >= NEAR_DUPLICATE)
            .max_by(|a, b| a.2.total_cmp(&b.2))
    }

    /// The path shown to the editor for a file under the root.
    fn shown(&self, rel: &Path) -> PathBuf {
        if self.root == Path::new(".") {
            rel.to_path_buf()
        } else {
            self.root.join(rel)
        }
    }

    /// Names, checks and writes one draft (or returns its Markdown with `--dry-run`).
    pub fn place(
        &mut self,
        input: &str,
        mut draft: Draft,
        options: &IngestOptions,
        warnings: &mut Vec<Warning>,
    ) -> Status {
        if let Some(slug) = &options.slug {
            if let Some(reason) = crate::guard::slug_problem(slug) {
                return Status::Failed(Error::BadSlug {
                    input: input.to_string(),
                    slug: slug.clone(),
                    reason,
                });
            }
        }
        let explicit = options
            .slug
            .clone()
            .or_else(|| draft.meta.slug.clone().filter(|s| is_slug(s)));
        let base = explicit
            .clone()
            .unwrap_or_else(|| slug_for_title(&draft.meta.title));
        self.without_boilerplate(&mut draft);
        let key = text_key(&draft.body);
        if !options.force && !options.dry_run {
            if let Some(existing) = self.texts.get(&key).filter(|_| !key.is_empty()) {
                let existing = self.shown(existing);
                warnings.push(Warning::Duplicate {
                    input: input.to_string(),
                    existing: existing.clone(),
                });
                return Status::Duplicate(existing);
            }
        }
        let signature = Signature::of(&draft.body);
        if !options.force {
            if let Some((path, slug, similarity)) = self.same_story(&signature) {
                let existing = self.shown(path);
                if options.keep_duplicate {
                    draft.meta.same_story = Some(slug.to_string());
                } else {
                    warnings.push(Warning::SameStory {
                        input: input.to_string(),
                        existing: existing.clone(),
                        similarity,
                    });
                    if !options.dry_run {
                        return Status::Duplicate(existing);
                    }
                }
            }
        }
        if draft.meta.date.is_none() {
            warnings.push(Warning::Undated {
                input: input.to_string(),
            });
        }
        let slug = if options.force || explicit.is_some() || options.dry_run {
            base.clone()
        } else {
            (1..)
                .map(|n| {
                    if n == 1 {
                        base.clone()
                    } else {
                        format!("{base}-{n}")
                    }
                })
                .find(|s| !self.taken.contains(s))
                .unwrap_or(base.clone())
        };
        draft.meta.slug = Some(slug.clone());
        let markdown = render(&draft.meta, &draft.body);
        if options.dry_run {
            return Status::Printed(markdown);
        }
        let rel = Path::new(ARTICLES_DIR).join(format!("{slug}.md"));
        let path = self.root.join(&rel);
        if !options.force && (self.taken.contains(&slug) || path.exists()) {
            return Status::Failed(Error::Exists {
                input: input.to_string(),
                path: self.shown(&rel),
            });
        }
        let written = std::fs::create_dir_all(self.root.join(ARTICLES_DIR))
            .and_then(|()| std::fs::write(&path, markdown));
        if let Err(e) = written {
            return Status::Failed(Error::Write {
                input: input.to_string(),
                path: self.shown(&rel),
                message: e.to_string(),
            });
        }
        if let Some(source) = draft.meta.source.as_deref() {
            self.count_paragraphs(source, &draft.body);
        }
        self.signatures.push((signature, rel.clone(), slug.clone()));
        self.taken.insert(slug);
        self.texts.insert(key, rel.clone());
        Status::Written(self.shown(&rel))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_long_slugs_on_a_word_boundary() {
        let slug = slug_for_title("Bei seinem vermutlich letzten Asienbesuch als US-Außenminister hat sich Antony Blinken besorgt…");
        assert!(slug.len() <= MAX_SLUG_LEN, "{slug}");
        assert!(!slug.ends_with('-'));
        assert_eq!(slug, "bei-seinem-vermutlich-letzten-asienbesuch-als-us");
    }

    #[test]
    fn duplicate_key_ignores_markup_case_and_spacing() {
        assert_eq!(
            text_key("## Kritik\n\nEr sagte „Ja“."),
            text_key("kritik er  sagte \"ja\"")
        );
    }

    #[test]
    fn front_matter_follows_the_field_order_of_article_meta() {
        let meta = ArticleMeta {
            title: "T".into(),
            date: Some("2025-01".parse().unwrap()),
            source: Some("Euronews".into()),
            agencies: vec!["AP".into()],
            lang: Some("de".into()),
            title_derived: true,
            ..Default::default()
        };
        let text = render(&meta, "Body.");
        assert_eq!(
            text,
            "---\ntitle: T\ndate: 2025-01\nsource: Euronews\nagencies:\n- AP\nlang: de\ntitle_derived: true\n---\n\nBody.\n"
        );
        crate::content::parse_article(Path::new("content/articles/t.md"), &text).unwrap();
    }
}
