//! Compiling a theme's templates with Tera, and turning Tera's errors into
//! ours, with the template's file, line and column.
//!
//! [`Compiled::of`] parses every template of a [`Theme`] alone first, so that
//! each broken template is reported, then compiles them together, which
//! checks what they refer to: included and extended templates (a cycle of
//! includes is an error naming the templates), components, filters. A
//! component calling itself is cut off by Tera after a fixed depth and
//! reported as a render error, so no template can overflow the stack.
//!
//! Each template also gets a key ([`Compiled::key_of`]): a hash of its source
//! and of every template it uses, so that a page is rendered again when any
//! template it may use changed.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};

use regex::Regex;

use super::theme::{Origin, Theme, ThemeFile};
use super::{Error, CARD_PARTIALS, REQUIRED_TEMPLATES};
use crate::diagnostics::Location;
use crate::hash::KeyHasher;

/// The compiled templates of a theme, with a key per template.
pub struct Compiled {
    /// A hash of every template's name, source and origin.
    pub key: u64,
    pub tera: tera::Tera,
    /// Template name → hash of it and every template it uses.
    keys: HashMap<String, u64>,
}

impl Compiled {
    /// Compiles the templates of `theme`; every broken template is reported.
    pub fn of(theme: &Theme) -> Result<Compiled, Vec<Error>> {
        let key = theme_key(&theme.templates);
        let missing: Vec<Error> = REQUIRED_TEMPLATES
            .iter()
            .filter(|name| !theme.templates.contains_key(**name))
            .map(|name| Error::Missing {
                name: name.to_string(),
            })
            .collect();
        let tera = match compile(theme) {
            Ok(tera) if missing.is_empty() => tera,
            Ok(_) => return Err(missing),
            Err(mut errors) => {
                errors.extend(missing);
                return Err(errors);
            }
        };
        Ok(Compiled {
            key,
            tera,
            keys: template_keys(&theme.templates),
        })
    }

    /// The key of template `name` (0 for a template the theme does not have).
    pub fn key_of(&self, name: &str) -> u64 {
        self.keys.get(name).copied().unwrap_or(0)
    }

    /// Whether these are the templates of `theme`.
    pub fn is_of(&self, theme: &Theme) -> bool {
        self.key == theme_key(&theme.templates)
    }
}

fn compile(theme: &Theme) -> Result<tera::Tera, Vec<Error>> {
    let mut errors = Vec::new();
    let mut sources = Vec::new();
    for (name, file) in &theme.templates {
        match std::str::from_utf8(&file.bytes) {
            Ok(text) => sources.push((name.as_str(), text)),
            Err(_) => errors.push(Error::Parse {
                name: name.clone(),
                location: origin_location(&file.origin, 1, 1),
                message: "the template is not UTF-8 text".into(),
            }),
        }
    }
    // Each template alone first, so that every broken one is reported (Tera
    // stops at the first); what a template refers to is checked below.
    for (name, text) in &sources {
        let mut alone = new_tera();
        if let Err(e) = alone.add_raw_template(name, text) {
            if let tera::ErrorKind::SyntaxError(report) = e.kind() {
                errors.push(error_at(theme, name, report, |name, location, message| {
                    Error::Parse {
                        name,
                        location,
                        message,
                    }
                }));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut tera = new_tera();
    tera.add_raw_templates(sources)
        .map_err(|e| vec![compile_error(theme, &e)])?;
    Ok(tera)
}

fn new_tera() -> tera::Tera {
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape);
    tera
}

/// The escaping of `{{ … }}` in HTML and XML: `&`, `<`, `>` and both quotes.
fn escape(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(crate::markdown::escape_html(text).as_bytes())
}

/// An error of compiling the templates together: a reference to something
/// that does not exist, or a cycle.
fn compile_error(theme: &Theme, e: &tera::Error) -> Error {
    match e.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => error_at(
            theme,
            report.filename(),
            report,
            |name, location, message| Error::Parse {
                name,
                location,
                message,
            },
        ),
        tera::ErrorKind::CircularInclude { tpl, include_chain } => Error::Recursion {
            name: tpl.clone(),
            chain: include_chain.clone(),
            location: template_location(theme, tpl),
        },
        tera::ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => Error::Recursion {
            name: tpl.clone(),
            chain: inheritance_chain.clone(),
            location: template_location(theme, tpl),
        },
        tera::ErrorKind::MissingParent { current, parent } => Error::Parse {
            name: current.clone(),
            location: template_location(theme, current),
            message: format!("it extends \"{parent}\", which the theme does not have"),
        },
        _ => {
            // Tera reports a reference to something that does not exist
            // as text: "error: Unknown component `x`\n --> a.html:3:4".
            let text = chain(e);
            let place = Regex::new(r"--> ([^\s:]+):(\d+):(\d+)")
                .expect("valid regex")
                .captures(&text)
                .map(|c| {
                    (
                        c[1].to_string(),
                        c[2].parse().unwrap_or(1),
                        c[3].parse().unwrap_or(0),
                    )
                });
            let message = text
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("error: ")
                .to_string();
            match place {
                Some((name, line, column)) => Error::Parse {
                    location: theme
                        .templates
                        .get(&name)
                        .and_then(|f| origin_location(&f.origin, line, column + 1)),
                    name,
                    message,
                },
                None => Error::Parse {
                    name: "(theme)".into(),
                    location: None,
                    message: text,
                },
            }
        }
    }
}

/// The error Tera reports at a place of a template, as one of ours.
fn error_at(
    theme: &Theme,
    name: &str,
    report: &tera::ReportError,
    make: impl FnOnce(String, Option<Location>, String) -> Error,
) -> Error {
    let span = report.span();
    let file = theme.templates.get(name);
    let mut message = report.message().to_string();
    // Tera points at the start of an undefined path without naming it:
    // name it, and underline all of it.
    let path = file
        .and_then(|f| std::str::from_utf8(&f.bytes).ok())
        .and_then(|text| text.get(span.range.start..))
        .map(|rest| {
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .filter(|p| !p.is_empty() && !p.starts_with('.'));
    let mut length = (span.end_line == span.start_line && span.end_col > span.start_col)
        .then(|| span.end_col - span.start_col);
    if let Some(path) = path {
        if message.contains("`undefined`") && !message.contains(path) {
            message = format!("{message}: `{path}` is not defined");
            length = Some(path.chars().count());
        }
    }
    let location = file.and_then(|f| {
        origin_location(&f.origin, span.start_line.max(1), span.start_col + 1).map(|l| match length
        {
            Some(n) => l.with_length(n),
            None => l,
        })
    });
    make(name.to_string(), location, message)
}

fn template_location(theme: &Theme, name: &str) -> Option<Location> {
    theme
        .templates
        .get(name)
        .and_then(|f| origin_location(&f.origin, 1, 1))
}

fn origin_location(origin: &Origin, line: usize, column: usize) -> Option<Location> {
    match origin {
        Origin::File(p) => Some(Location::new(p, line, column)),
        Origin::Builtin => None,
    }
}

/// Tera's error with all its causes, one after the other.
pub(super) fn chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}

/// Renders template `name` with `context` into bytes; a failure names the
/// template and the place that failed (which may be in a parent or an
/// included template), and the page.
pub(super) fn render(
    compiled: &Compiled,
    theme: &Theme,
    name: &str,
    page: &str,
    context: &tera::Context,
) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(8 * 1024);
    match compiled.tera.render_to(name, context, &mut out) {
        Ok(()) => Ok(out),
        Err(e) => Err(render_error(theme, name, page, &e)),
    }
}

/// The components that call themselves, with the template defining each
/// and the line of its definition: where a recursion too deep must be.
fn self_calling_components(theme: &Theme) -> Vec<(String, String, Option<Location>)> {
    let definition =
        Regex::new(r"\{%-?\s*component\s+([A-Za-z_][A-Za-z0-9_]*)").expect("valid regex");
    let mut found = Vec::new();
    for (template, file) in &theme.templates {
        let Ok(text) = std::str::from_utf8(&file.bytes) else {
            continue;
        };
        for cap in definition.captures_iter(text) {
            let name = &cap[1];
            let start = cap.get(0).map_or(0, |m| m.start());
            let body_end = text[start..]
                .find("endcomponent")
                .map_or(text.len(), |i| start + i);
            let body = &text[start..body_end];
            if body.contains(&format!("<{name} ")) || body.contains(&format!("<{name}/")) {
                let line = text[..start].matches('\n').count() + 1;
                found.push((
                    name.to_string(),
                    template.clone(),
                    origin_location(&file.origin, line, 1),
                ));
            }
        }
    }
    found
}

fn render_error(theme: &Theme, name: &str, page: &str, e: &tera::Error) -> Error {
    if chain(e).contains("recursion depth") {
        let calling = self_calling_components(theme);
        return match calling.into_iter().next() {
            Some((component, template, location)) => Error::Recursion {
                name: template,
                chain: vec![format!(
                    "component {component} calls itself too deep (over 20 levels)"
                )],
                location,
            },
            None => Error::Recursion {
                name: name.to_string(),
                chain: Vec::new(),
                location: template_location(theme, name),
            },
        };
    }
    let make = |name: String, location: Option<Location>, message: String| {
        let recursion = message.contains("recursion depth");
        if recursion {
            Error::Recursion {
                name,
                chain: Vec::new(),
                location,
            }
        } else {
            Error::Render {
                name,
                page: page.to_string(),
                location,
                message,
            }
        }
    };
    match e.kind() {
        tera::ErrorKind::RenderingError(report) | tera::ErrorKind::SyntaxError(report) => {
            let failing = if report.filename().is_empty() {
                name
            } else {
                report.filename()
            };
            error_at(theme, failing, report, make)
        }
        _ => make(name.to_string(), template_location(theme, name), chain(e)),
    }
}

fn theme_key(templates: &BTreeMap<String, ThemeFile>) -> u64 {
    let mut h = KeyHasher::new();
    for (name, file) in templates {
        name.hash(&mut h);
        file.bytes.hash(&mut h);
        format!("{:?}", file.origin).hash(&mut h);
    }
    h.finish()
}

/// The templates a template names in `extends` and `include` tags; `None`
/// when a tag names one through a variable (then any may be used).
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

/// Whether a template defines components, which every template may call.
fn defines_components(text: &str) -> bool {
    text.contains("{% component") || text.contains("{%- component")
}

/// For each template, a hash of its source and of every template it uses,
/// directly or not. Every page may list articles, whose fragments the card
/// partials render ([`CARD_PARTIALS`]), and may call any component: each
/// template depends on those too.
fn template_keys(templates: &BTreeMap<String, ThemeFile>) -> HashMap<String, u64> {
    let texts: HashMap<&str, std::borrow::Cow<str>> = templates
        .iter()
        .map(|(name, f)| (name.as_str(), String::from_utf8_lossy(&f.bytes)))
        .collect();
    let refs: HashMap<&str, Option<BTreeSet<String>>> = texts
        .iter()
        .map(|(name, text)| (*name, references(text)))
        .collect();
    let shared: Vec<&str> = CARD_PARTIALS
        .iter()
        .copied()
        .chain(
            texts
                .iter()
                .filter(|(_, text)| defines_components(text))
                .map(|(name, _)| *name),
        )
        .collect();
    templates
        .keys()
        .map(|name| {
            let mut used: BTreeSet<&str> = BTreeSet::new();
            let mut stack = vec![name.as_str()];
            stack.extend(&shared);
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
            let mut h = KeyHasher::new();
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
    fn finds_extended_and_included_templates() {
        let text = r#"{% extends "base.html" %}{%- include "a.html" -%}{% include 'b.html' %}"#;
        let found: Vec<String> = references(text).unwrap().into_iter().collect();
        assert_eq!(found, ["a.html", "b.html", "base.html"]);
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
    fn every_template_depends_on_the_templates_defining_components() {
        let before = templates(&[
            (
                "components.html",
                "{% component d(x) %}{{ x }}{% endcomponent d %}",
            ),
            ("index.html", "{{ <d x={1}/> }}"),
        ]);
        let mut after = before.clone();
        after.get_mut("components.html").unwrap().bytes =
            b"{% component d(x) %}[{{ x }}]{% endcomponent d %}".to_vec();
        assert_ne!(
            template_keys(&before)["index.html"],
            template_keys(&after)["index.html"]
        );
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

    fn theme(list: &[(&str, &str)]) -> Theme {
        let mut t = Theme::default();
        for (name, text) in list {
            t.templates.insert(
                name.to_string(),
                ThemeFile {
                    bytes: text.as_bytes().to_vec(),
                    origin: Origin::File(format!("templates/{name}").into()),
                },
            );
        }
        t
    }

    #[test]
    fn an_include_cycle_is_a_recursion_error_naming_the_templates() {
        let t = theme(&[
            ("a.html", r#"{% include "b.html" %}"#),
            ("b.html", r#"{% include "a.html" %}"#),
        ]);
        let errors = compile(&t).unwrap_err();
        let recursion = errors
            .iter()
            .find(|e| matches!(e, Error::Recursion { .. }))
            .expect("a recursion error");
        let text = recursion.to_string();
        assert!(text.contains("a.html") && text.contains("b.html"), "{text}");
    }

    #[test]
    fn a_component_calling_itself_forever_is_a_recursion_error_not_a_crash() {
        let t = theme(&[(
            "index.html",
            "{% component loop(n) %}{{ <loop n={n}/> }}{% endcomponent loop %}{{ <loop n={1}/> }}",
        )]);
        let compiled = Compiled {
            key: 0,
            tera: compile(&t).unwrap(),
            keys: HashMap::new(),
        };
        let err = render(&compiled, &t, "index.html", "/", &tera::Context::new()).unwrap_err();
        assert!(
            matches!(&err, Error::Recursion { name, .. } if name == "index.html"),
            "{err}"
        );
    }

    #[test]
    fn a_syntax_error_is_located_in_its_template() {
        let t = theme(&[("ok.html", "fine"), ("bad.html", "line one\n{% if %}")]);
        let errors = compile(&t).unwrap_err();
        let located: Vec<(String, usize)> = errors
            .iter()
            .filter_map(|e| match e {
                Error::Parse {
                    name,
                    location: Some(l),
                    ..
                } => Some((name.clone(), l.line)),
                _ => None,
            })
            .collect();
        assert_eq!(located, [("bad.html".to_string(), 2)]);
    }
}
