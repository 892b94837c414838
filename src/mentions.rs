//! The entity tools of the command line.
//!
//! `briefing mentions PATH…`: every mention detected in some files, with its
//! position and the rule that found it — the editor's way to see why something
//! was or was not linked. `briefing entities suggest`: names in the articles
//! that are not known yet ([`crate::entities::suggest`]), optionally written as
//! registry stubs.
//!
//! A path is an article (`.md` with front matter), a plain text or Markdown file
//! without front matter (the whole file is read as the body, so a raw paste can
//! be checked before it is ingested), or a folder of such files. Positions are
//! byte offsets into the file: `file[start..end]` is exactly the surface.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::config::{Config, Language, MetonymPolicy};
use crate::content::{self, frontmatter};
use crate::diagnostics::{Diagnostic, LineIndex, Report};
use crate::entities::suggest::Suggestion;
use crate::entities::{Registry, RegistryOptions};
use crate::markdown;

/// One mention, as printed by `briefing mentions --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MentionRecord {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub start: usize,
    pub end: usize,
    pub surface: String,
    pub entity: String,
    /// The gazetteer or registry id (`iso:KP`, a Wikidata id), if the entity has one.
    pub id: Option<String>,
    pub slug: String,
    pub kind: &'static str,
    pub rule: &'static str,
    pub linked: bool,
}

/// The configuration, content and registry of the site at `root`, as `build` makes them.
pub fn site_registry(root: &Path) -> Result<(Config, content::Content, Registry), Report> {
    let mut report = Report::new();
    let config = match Config::load(root) {
        Ok(c) => c,
        Err(errors) => {
            for e in &errors {
                report.add(e);
            }
            return Err(report);
        }
    };
    let (content, errors) = content::load(root, true);
    for e in &errors {
        report.add(e);
    }
    if report.has_errors() {
        return Err(report);
    }
    let options = RegistryOptions {
        gazetteer: config.gazetteer,
        language: config.language,
    };
    // The people the build discovers, so that what is reported here is
    // what the build links.
    let mut people = crate::entities::discover::People::default();
    if config.entities.discover == crate::config::DiscoverPolicy::People {
        for article in &content.articles {
            people.add(&crate::site::article_people(article, config.language));
        }
    }
    let (registry, _) = Registry::with_people(&content.entities, &people.people(), &options);
    Ok((config, content, registry))
}

/// Files under the given paths: the files themselves, and the `.md` and
/// `.txt` files in folders, sorted.
fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(path)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path())
                .filter(|p| p.extension().is_some_and(|x| x == "md" || x == "txt"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    files
}

/// Every mention in `paths`, detected with the registry of the site at `root`.
pub fn mentions(root: &Path, paths: &[PathBuf]) -> Result<Vec<MentionRecord>, Report> {
    let (config, _, registry) = site_registry(root)?;
    let urls: Vec<String> = registry.iter().map(|(_, e)| e.slug.clone()).collect();
    let mut records = Vec::new();
    let mut report = Report::new();
    let html = config.markdown.html();
    for path in expand(paths) {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                report.push(
                    Diagnostic::error(format!("cannot read {}: {e}", path.display()))
                        .help("pass the path of an article, a text file or a folder"),
                );
                continue;
            }
        };
        let (body, body_offset, lang) = match frontmatter::split(&path, &text) {
            Ok(split) => {
                let lang = split
                    .front
                    .parse::<frontmatter::ArticleMeta>()
                    .ok()
                    .and_then(|m| m.lang);
                (split.body, split.body_offset, lang)
            }
            Err(_) => (text.as_str(), 0, None),
        };
        let language = Language::of_text(lang.as_deref(), config.language).code();
        let linker = markdown::Linker {
            registry: &registry,
            urls: &urls,
            policy: config.entities.link,
            no_link: Default::default(),
            language,
            metonyms_to_country: config.entities.metonyms == MetonymPolicy::Country,
            has_page: None,
            html: &html,
        };
        let input = markdown::Input {
            path: &path,
            body,
            body_line: text[..body_offset].matches('\n').count() + 1,
            body_offset,
        };
        let rendered = markdown::render(&input, &linker);
        let lines = LineIndex::new(&text);
        for m in rendered.mentions {
            let surface = text.get(m.start..m.end).unwrap_or("").to_string();
            let (line, column) = lines.line_column(m.start);
            let e = registry.get(m.entity);
            records.push(MentionRecord {
                file: path.display().to_string(),
                line,
                column,
                start: m.start,
                end: m.end,
                surface,
                entity: e.name.clone(),
                id: e.id.clone(),
                slug: e.slug.clone(),
                kind: e.kind.as_str(),
                rule: m.rule.as_str(),
                linked: m.linked,
            });
        }
        for e in &rendered.errors {
            report.add(e);
        }
    }
    if report.has_errors() {
        Err(report)
    } else {
        Ok(records)
    }
}

/// The readable listing: one line per mention.
pub fn format_plain(records: &[MentionRecord]) -> String {
    let mut out = String::new();
    for r in records {
        out.push_str(&format!(
            "{}:{}:{}\t{}\t→ {} ({}, {}){}\n",
            r.file,
            r.line,
            r.column,
            r.surface,
            r.entity,
            r.kind,
            r.rule,
            if r.linked { ", linked" } else { "" }
        ));
    }
    out
}

/// Unknown names in the site's articles, seen at least `min_count` times.
pub fn suggest(root: &Path, min_count: usize) -> Result<Vec<Suggestion>, Report> {
    let (config, content, registry) = site_registry(root)?;
    let texts: Vec<(String, String)> = content
        .articles
        .iter()
        .map(|a| {
            let language = Language::of_text(a.meta.lang.as_deref(), config.language).code();
            (language.to_string(), markdown::plain_text(&a.body))
        })
        .collect();
    let refs: Vec<(String, &str)> = texts.iter().map(|(l, t)| (l.clone(), t.as_str())).collect();
    // Names the editor rejected in the review are never offered again.
    let rejected = crate::review::rejected(&crate::review::load(root)?);
    let mut found = crate::entities::suggest::suggest(&registry, &refs, min_count);
    found.retain(|s| !rejected.contains(&s.name));
    Ok(found)
}

/// `entities suggest --write`: merges the suggestions into the review file
/// and carries out its decisions ([`crate::review`]); with `ask`, asks for
/// the undecided names first, on the terminal.
pub fn review(
    root: &Path,
    suggestions: &[Suggestion],
    ask: bool,
) -> Result<crate::review::Outcome, Report> {
    let mut entries = crate::review::load(root)?;
    crate::review::merge(&mut entries, suggestions);
    if ask {
        let stdin = std::io::stdin();
        let mut input = stdin.lock();
        let mut output = std::io::stderr();
        if let Err(e) = crate::review::ask(&mut entries, &mut input, &mut output) {
            let mut report = Report::new();
            report.push(Diagnostic::error(format!("cannot read the answers: {e}")));
            return Err(report);
        }
    }
    let (content, errors) = content::load(root, true);
    if !errors.is_empty() {
        let mut report = Report::new();
        for e in &errors {
            report.add(e);
        }
        return Err(report);
    }
    crate::review::apply(root, entries, &content)
}

/// The readable listing of suggestions.
pub fn format_suggestions(suggestions: &[Suggestion]) -> String {
    let mut out = String::new();
    for s in suggestions {
        out.push_str(&format!(
            "{:>4}  {:<13} {}\n",
            s.count,
            s.kind.as_str(),
            s.name
        ));
        if let Some(example) = s.examples.first() {
            out.push_str(&format!("      e.g. {example}\n"));
        }
    }
    out
}
