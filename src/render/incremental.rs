//! Rendering that skips the pages whose inputs did not change.
//!
//! A [`RenderCache`] remembers, for every file of the last good build, the
//! hash of what it was rendered from: the site fingerprint (configuration and
//! registry), the templates it uses (its own and, transitively, those it
//! extends, includes or imports) and its own inputs ([`Pages::inputs`]). A new
//! pass renders only the jobs whose hash differs, or whose file is new, and
//! takes every other file from the cache. [`super::render`] is a pass over an
//! empty cache, so a full build and an incremental one run the same code.
//!
//! A pass changes nothing in the cache until [`RenderCache::commit`]: a build
//! that fails later (a broken link, say) leaves the last good state in place.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;
use xxhash_rust::xxh3::Xxh3Default as DefaultHasher;

use rayon::prelude::*;
use regex::Regex;

use super::pages::{Job, Pages};
use super::theme::ThemeFile;
use super::{compile, load_theme, merge_repeated, report_of, static_file, Error, OutputFile};
use crate::diagnostics::Report;
use crate::site::urls::file_of;
use crate::site::Site;
use crate::timings::Timings;

/// The compiled templates of the last pass, with a hash per template.
struct Compiled {
    key: u64,
    tera: tera::Tera,
    /// Template name → hash of it and every template it uses.
    template_keys: HashMap<String, u64>,
}

/// What the last good build rendered, by output path.
#[derive(Default)]
pub struct RenderCache {
    compiled: Option<Compiled>,
    committed: HashMap<String, (u64, Arc<OutputFile>)>,
}

/// The outcome of one rendering pass.
pub struct Pass {
    /// Every file of the site, sorted by path.
    pub files: Vec<Arc<OutputFile>>,
    /// The paths of the pages rendered in this pass (the others were reused).
    pub rendered: Vec<String>,
    /// The pages rendered in this pass, with the hash of their inputs.
    fresh: Vec<(String, u64, Arc<OutputFile>)>,
    /// How many pages (not static files) the site has.
    pages: usize,
}

impl RenderCache {
    /// Renders the files of `site`, reusing the committed ones whose inputs
    /// are unchanged.
    pub fn render(
        &mut self,
        site: &Site,
        root: &Path,
        timings: &mut Timings,
    ) -> Result<Pass, Report> {
        let mut report = Report::new();
        let started = Instant::now();
        let theme = load_theme(root, &site.config.theme)?;
        let key = theme_key(&theme.templates);
        if self.compiled.as_ref().map(|c| c.key) != Some(key) {
            self.compiled = None;
            let tera = compile(&theme).map_err(report_of)?;
            self.compiled = Some(Compiled {
                key,
                tera,
                template_keys: template_keys(&theme.templates),
            });
        }
        let compiled = self.compiled.as_ref().expect("compiled above");
        timings.record("templates", started.elapsed());
        let started = Instant::now();

        let pages = Pages::new(site);
        let jobs = pages.jobs();
        let routes: Vec<String> = jobs.iter().map(|j| pages.route(j)).collect();
        let shared = pages.shared_inputs(&routes);
        let committed = &self.committed;
        // First what each page is made from, then only the stale pages.
        let keyed: Vec<(String, u64)> = jobs
            .par_iter()
            .zip(routes.par_iter())
            .map(|(job, route): (&Job, &String)| {
                let mut h = DefaultHasher::new();
                site.fingerprint.hash(&mut h);
                compiled
                    .template_keys
                    .get(Pages::template(job))
                    .hash(&mut h);
                pages.inputs(job, &shared).hash(&mut h);
                (file_of(route), h.finish())
            })
            .collect();
        timings.record("page inputs", started.elapsed());
        let started = Instant::now();
        type Outcome = (String, u64, Result<Arc<OutputFile>, Error>, bool);
        let results: Vec<Outcome> = jobs
            .par_iter()
            .zip(keyed.into_par_iter())
            .map(|(job, (path, key))| match committed.get(&path) {
                Some((k, file)) if *k == key => (path, key, Ok(file.clone()), false),
                _ => {
                    let file = pages.render(job, &compiled.tera, &theme).map(Arc::new);
                    (path, key, file, true)
                }
            })
            .collect();

        let mut files = Vec::with_capacity(results.len() + theme.statics.len());
        let mut fresh_files = Vec::new();
        let mut rendered = Vec::new();
        let mut errors = Vec::new();
        let pages_count = results.len();
        for (path, key, result, fresh) in results {
            match result {
                Ok(f) => {
                    if fresh {
                        rendered.push(path.clone());
                        fresh_files.push((path, key, f.clone()));
                    }
                    files.push(f);
                }
                Err(e) => errors.push(e),
            }
        }
        for e in merge_repeated(errors) {
            report.add(&e);
        }
        for (name, file) in &theme.statics {
            files.push(Arc::new(static_file(name, file)));
        }
        timings.record("pages", started.elapsed());
        timings.detail(format!(
            "{} rendered, {} reused",
            rendered.len(),
            pages_count - rendered.len()
        ));
        if report.has_errors() {
            return Err(report);
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        // A page route and a static file may not claim the same path.
        files.dedup_by(|later, earlier| later.path == earlier.path);
        Ok(Pass {
            files,
            rendered,
            fresh: fresh_files,
            pages: pages_count,
        })
    }

    /// Makes `pass` the state the next pass compares with.
    pub fn commit(&mut self, pass: &Pass) {
        for (path, key, file) in &pass.fresh {
            self.committed.insert(path.clone(), (*key, file.clone()));
        }
        // Every page of the pass is now committed; more entries mean pages
        // that are gone.
        if self.committed.len() != pass.pages {
            let live: std::collections::HashSet<&str> =
                pass.files.iter().map(|f| f.path.as_str()).collect();
            self.committed
                .retain(|path, _| live.contains(path.as_str()));
        }
    }
}

fn theme_key(templates: &BTreeMap<String, ThemeFile>) -> u64 {
    let mut h = DefaultHasher::new();
    for (name, file) in templates {
        name.hash(&mut h);
        file.bytes.hash(&mut h);
        format!("{:?}", file.origin).hash(&mut h);
    }
    h.finish()
}

/// The templates a template names in `extends`, `include` and `import` tags;
/// `None` when a tag names one through a variable (then any may be used).
fn references(text: &str) -> Option<BTreeSet<String>> {
    let tag = Regex::new(r"\{%-?\s*(?:extends|include|import)\b([^%]*)%\}").expect("valid regex");
    let quoted = Regex::new(r#""([^"]*)"|'([^']*)'"#).expect("valid regex");
    let mut names = BTreeSet::new();
    for cap in tag.captures_iter(text) {
        let mut any = false;
        for q in quoted.captures_iter(&cap[1]) {
            any = true;
            names.insert(q.get(1).or(q.get(2)).map_or("", |m| m.as_str()).to_string());
        }
        if !any {
            return None;
        }
    }
    Some(names)
}

/// For each template, a hash of its source and of every template it uses,
/// directly or not.
fn template_keys(templates: &BTreeMap<String, ThemeFile>) -> HashMap<String, u64> {
    let refs: HashMap<&str, Option<BTreeSet<String>>> = templates
        .iter()
        .map(|(name, f)| {
            (
                name.as_str(),
                references(&String::from_utf8_lossy(&f.bytes)),
            )
        })
        .collect();
    templates
        .keys()
        .map(|name| {
            let mut used: BTreeSet<&str> = BTreeSet::new();
            let mut stack = vec![name.as_str()];
            while let Some(t) = stack.pop() {
                if !used.insert(t) {
                    continue;
                }
                match refs.get(t) {
                    Some(Some(names)) => stack.extend(names.iter().map(String::as_str)),
                    // A dynamic reference: depend on every template.
                    Some(None) => stack.extend(templates.keys().map(String::as_str)),
                    None => {}
                }
            }
            let mut h = DefaultHasher::new();
            for t in used {
                t.hash(&mut h);
                templates.get(t).map(|f| &f.bytes).hash(&mut h);
            }
            (name.clone(), h.finish())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::theme::Origin;

    fn templates(list: &[(&str, &str)]) -> BTreeMap<String, ThemeFile> {
        list.iter()
            .map(|(n, t)| {
                (
                    n.to_string(),
                    ThemeFile {
                        bytes: t.as_bytes().to_vec(),
                        origin: Origin::Builtin,
                    },
                )
            })
            .collect()
    }

    #[test]
    fn finds_extended_included_and_imported_templates() {
        let text = r#"{% extends "base.html" %}{% import 'macros.html' as m %}{%- include ["a.html", "b.html"] -%}"#;
        let found: Vec<String> = references(text).unwrap().into_iter().collect();
        assert_eq!(found, ["a.html", "b.html", "base.html", "macros.html"]);
    }

    #[test]
    fn a_change_to_the_base_template_changes_every_page_template_using_it() {
        let before = templates(&[
            ("base.html", "A"),
            ("article.html", r#"{% extends "base.html" %}"#),
            ("robots.txt", "x"),
        ]);
        let mut after = before.clone();
        after.get_mut("base.html").unwrap().bytes = b"B".to_vec();
        let (k0, k1) = (template_keys(&before), template_keys(&after));
        assert_ne!(k0["article.html"], k1["article.html"]);
        assert_eq!(k0["robots.txt"], k1["robots.txt"]);
    }

    #[test]
    fn a_dynamic_include_depends_on_every_template() {
        let before = templates(&[("a.html", "{% include name %}"), ("b.html", "1")]);
        let mut after = before.clone();
        after.get_mut("b.html").unwrap().bytes = b"2".to_vec();
        assert_ne!(
            template_keys(&before)["a.html"],
            template_keys(&after)["a.html"]
        );
    }
}
