//! Rendering that skips the pages whose inputs did not change.
//!
//! A [`RenderCache`] remembers, for every page of the last good build, the
//! hash of what it was rendered from: the site fingerprint (configuration and
//! registry), the templates it uses (its own and, transitively, those it
//! extends, includes or imports) and its own inputs ([`Pages::inputs`]). A new
//! pass renders only the pages whose hash differs, or whose file is new, and
//! takes every other file from the cache.
//!
//! Hashing every page's inputs still reads the whole site, so a pass first
//! compares the site's layout ([`Pages::site_key`]: the theme, the indexes,
//! the list of pages, each article's route and date) with the last one. While
//! it is the same, so are the pages, their paths and which articles each
//! page's inputs read: only the pages reading an article whose value
//! ([`Pages::article_values`]) changed get their inputs hashed again. An edit
//! to one article's text costs the few pages showing it, not the site.
//!
//! A pass changes nothing in the cache until [`RenderCache::commit`]: a build
//! that fails later (a broken link, say) leaves the last good state in place.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;
use xxhash_rust::xxh3::Xxh3Default as DefaultHasher;

use rayon::prelude::*;
use regex::Regex;

use super::inputs::SiteInputs;
use super::pages::{Job, Pages, CARD_PARTIALS};
use super::theme::{Theme, ThemeFile};
use super::{
    compile, load_theme, merge_repeated, report_of, static_file, unclaimed_statics, Error,
    OutputFile,
};
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

/// What the last good build rendered: its pages in job order, with what
/// each was rendered from and which articles each read.
struct Plan {
    /// [`Pages::site_key`] with the theme: while it stays the same, so do the
    /// pages, their paths, the static files and what each page reads.
    site_key: u64,
    site_inputs: SiteInputs,
    /// Output path per page.
    paths: Arc<Vec<String>>,
    /// Hash of everything a page was rendered from, per page.
    keys: Vec<u64>,
    /// The pages themselves.
    files: Vec<Arc<OutputFile>>,
    /// The static files that no page replaces, in output order.
    statics: Arc<Vec<String>>,
    /// [`Pages::article_values`], per article.
    values: Vec<u64>,
    /// Per article: the pages whose inputs read its value.
    readers: Arc<Vec<Vec<u32>>>,
}

/// What the last good build rendered.
#[derive(Default)]
pub struct RenderCache {
    compiled: Option<Compiled>,
    plan: Option<Plan>,
}

/// The outcome of one rendering pass.
pub struct Pass {
    /// Every file of the site: the pages in a stable order, then the static
    /// files.
    pub files: Vec<Arc<OutputFile>>,
    /// How many pages this pass rendered (the others were reused).
    pub rendered: usize,
    /// The site has exactly the files of the last committed pass: only the
    /// files listed in `renewed` can differ from them.
    pub same_paths: bool,
    /// Indexes into `files` of the pages rendered in this pass and of the
    /// static files (made again on every pass).
    pub renewed: Vec<usize>,
    plan: Plan,
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
        let shared = pages.article_inputs();
        let values = pages.article_values(&shared);
        let site_key = {
            let mut h = DefaultHasher::new();
            (compiled.key, pages.site_key(&jobs)).hash(&mut h);
            theme.statics.keys().for_each(|name| name.hash(&mut h));
            h.finish()
        };
        let key_of = |job: &Job, whole: &SiteInputs, reads: &mut Vec<u32>| {
            let mut h = DefaultHasher::new();
            site.fingerprint.hash(&mut h);
            compiled
                .template_keys
                .get(Pages::template(job))
                .hash(&mut h);
            pages.inputs(job, &shared, whole, reads).hash(&mut h);
            h.finish()
        };
        let last = self
            .plan
            .as_ref()
            .filter(|p| p.site_key == site_key && p.values.len() == values.len());

        // What each page is made from. With the site's layout unchanged, only
        // the pages reading a changed article can have other inputs.
        let inputs = match last {
            Some(last) => Inputs::again(last, &jobs, &values, &key_of),
            None => Inputs::anew(&pages, &jobs, &theme, values.len(), &key_of),
        };
        timings.record("page inputs", started.elapsed());
        let started = Instant::now();

        // Then only the pages whose inputs changed.
        let render = |j: usize| pages.render(&jobs[j], &compiled.tera, &theme).map(Arc::new);
        let (mut files, rendered) = match (&inputs.stale, last) {
            (Some(stale), Some(last)) => render_stale(last, stale, &inputs.keys, &render),
            _ => render_by_path(self.plan.as_ref(), &inputs, &render),
        };
        let Inputs {
            paths,
            keys,
            readers,
            statics,
            site_inputs,
            stale,
        } = inputs;
        let mut errors = Vec::new();
        let mut renewed = Vec::with_capacity(rendered.len() + statics.len());
        for (j, result) in rendered {
            match result {
                Ok(_) => renewed.push(j),
                Err(e) => errors.push(e),
            }
        }
        let pages_rendered = renewed.len();
        for e in merge_repeated(errors) {
            report.add(&e);
        }
        let page_files = files.clone();
        for name in statics.iter() {
            renewed.push(files.len());
            files.push(Arc::new(static_file(name, &theme.statics[name])));
        }
        timings.record("pages", started.elapsed());
        timings.detail(format!(
            "{pages_rendered} rendered, {} reused",
            jobs.len() - pages_rendered
        ));
        if report.has_errors() {
            return Err(report);
        }
        Ok(Pass {
            files,
            rendered: pages_rendered,
            same_paths: stale.is_some(),
            renewed,
            plan: Plan {
                site_key,
                site_inputs,
                paths,
                keys,
                files: page_files,
                statics,
                values,
                readers,
            },
        })
    }

    /// Makes `pass` the state the next pass compares with.
    pub fn commit(&mut self, pass: Pass) {
        self.plan = Some(pass.plan);
    }
}

/// What each page of a pass is made from.
struct Inputs {
    paths: Arc<Vec<String>>,
    keys: Vec<u64>,
    readers: Arc<Vec<Vec<u32>>>,
    statics: Arc<Vec<String>>,
    site_inputs: SiteInputs,
    /// With the same layout as the last pass: the pages (job indexes) whose
    /// inputs were hashed again. `None` when every page's were.
    stale: Option<Vec<u32>>,
}

/// The hash of a page's inputs, given the site-wide hashes; the articles it
/// read go into the vector.
type KeyOf<'k> = dyn Fn(&Job, &SiteInputs, &mut Vec<u32>) -> u64 + Sync + 'k;

impl Inputs {
    /// The inputs of a site laid out as in `last`: only the pages reading an
    /// article whose value changed are hashed again.
    fn again(last: &Plan, jobs: &[Job], values: &[u64], key_of: &KeyOf) -> Inputs {
        let mut stale: Vec<u32> = values
            .iter()
            .zip(&last.values)
            .enumerate()
            .filter(|(_, (new, old))| new != old)
            .flat_map(|(i, _)| last.readers[i].iter().copied())
            .collect();
        stale.sort_unstable();
        stale.dedup();
        let mut keys = last.keys.clone();
        let mut reads = Vec::new();
        for &j in &stale {
            keys[j as usize] = key_of(&jobs[j as usize], &last.site_inputs, &mut reads);
            reads.clear();
        }
        Inputs {
            paths: last.paths.clone(),
            keys,
            readers: last.readers.clone(),
            statics: last.statics.clone(),
            site_inputs: last.site_inputs,
            stale: Some(stale),
        }
    }

    /// Every page's inputs, with the paths, the static files and which
    /// articles each page reads.
    fn anew(pages: &Pages, jobs: &[Job], theme: &Theme, articles: usize, key_of: &KeyOf) -> Inputs {
        let routes: Vec<String> = jobs.par_iter().map(|j| pages.route(j)).collect();
        let site_inputs = pages.site_inputs(&routes);
        let keyed: Vec<(u64, Vec<u32>)> = jobs
            .par_iter()
            .map(|job| {
                let mut reads = Vec::new();
                let key = key_of(job, &site_inputs, &mut reads);
                (key, reads)
            })
            .collect();
        let mut readers = vec![Vec::new(); articles];
        let mut keys = Vec::with_capacity(keyed.len());
        for (j, (key, mut reads)) in keyed.into_iter().enumerate() {
            keys.push(key);
            reads.sort_unstable();
            reads.dedup();
            for i in reads {
                readers[i as usize].push(j as u32);
            }
        }
        let paths: Vec<String> = routes.iter().map(|r| file_of(r)).collect();
        let claimed: HashSet<&str> = paths.iter().map(String::as_str).collect();
        let statics = unclaimed_statics(theme, |name| claimed.contains(name));
        Inputs {
            paths: Arc::new(paths),
            keys,
            readers: Arc::new(readers),
            statics: Arc::new(statics),
            site_inputs,
            stale: None,
        }
    }
}

/// A page, or why it could not be rendered.
type Rendered = Result<Arc<OutputFile>, Error>;

/// The pages of `last` with the stale ones whose key changed rendered again;
/// and those (by job index).
fn render_stale(
    last: &Plan,
    stale: &[u32],
    keys: &[u64],
    render: &(dyn Fn(usize) -> Rendered + Sync),
) -> (Vec<Arc<OutputFile>>, Vec<(usize, Rendered)>) {
    let mut files = last.files.clone();
    let rendered: Vec<(usize, Rendered)> = stale
        .par_iter()
        .map(|&j| j as usize)
        .filter(|&j| keys[j] != last.keys[j])
        .map(|j| (j, render(j)))
        .collect();
    for (j, file) in &rendered {
        if let Ok(file) = file {
            files[*j] = file.clone();
        }
    }
    (files, rendered)
}

/// Every page: the one of `last` at the same path with the same key, or a
/// new one; and the new ones (by job index).
fn render_by_path(
    last: Option<&Plan>,
    inputs: &Inputs,
    render: &(dyn Fn(usize) -> Rendered + Sync),
) -> (Vec<Arc<OutputFile>>, Vec<(usize, Rendered)>) {
    let committed: HashMap<&str, (u64, &Arc<OutputFile>)> = last
        .iter()
        .flat_map(|p| {
            p.paths
                .iter()
                .zip(p.keys.iter().zip(&p.files))
                .map(|(path, (k, f))| (path.as_str(), (*k, f)))
        })
        .collect();
    let (paths, keys) = (&inputs.paths, &inputs.keys);
    let outcome: Vec<(Rendered, bool)> = (0..paths.len())
        .into_par_iter()
        .map(|j| match committed.get(paths[j].as_str()) {
            Some((k, file)) if *k == keys[j] => (Ok((*file).clone()), false),
            _ => (render(j), true),
        })
        .collect();
    let mut files = Vec::with_capacity(outcome.len());
    let mut rendered = Vec::new();
    for (j, (result, fresh)) in outcome.into_iter().enumerate() {
        match result {
            Ok(file) if fresh => {
                rendered.push((j, Ok(file.clone())));
                files.push(file);
            }
            Ok(file) => files.push(file),
            Err(e) => rendered.push((j, Err(e))),
        }
    }
    (files, rendered)
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
/// directly or not. Every page may list articles, whose fragments the card
/// partials render ([`CARD_PARTIALS`]): each template depends on them too.
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
            stack.extend(CARD_PARTIALS);
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
    fn every_template_depends_on_the_partials_that_render_list_items() {
        let before = templates(&[
            (
                "index.html",
                "{% for a in list %}{{ a.heading | safe }}{% endfor %}",
            ),
            ("robots.txt", "x"),
            (CARD_PARTIALS[0], "<h3>{{ a.title }}</h3>"),
            (CARD_PARTIALS[1], ""),
        ]);
        let mut after = before.clone();
        after.get_mut(CARD_PARTIALS[0]).unwrap().bytes = b"<h2>{{ a.title }}</h2>".to_vec();
        let (k0, k1) = (template_keys(&before), template_keys(&after));
        assert_ne!(k0["index.html"], k1["index.html"]);
        assert_ne!(k0["robots.txt"], k1["robots.txt"]);
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
