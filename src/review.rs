//! `briefing entities suggest --write`: the editor reviews the suggestions
//! before any of them becomes a registry file.
//!
//! The review lives in `suggestions.yaml` at the site root, one entry per
//! suggested name with an `action`: `keep` (write a registry stub), `reject`
//! (never suggest the name again), `alias of NAME` (add the name to the
//! aliases of a known entity), or `?` (not decided yet). A run of `--write`
//! carries out the decisions written there, keeps the rejected names (that
//! is how they are remembered) and the undecided ones, and adds the new
//! suggestions as undecided. When standard input is a terminal, it asks
//! instead, one name at a time, and records the answers the same way.

use std::collections::HashSet;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::content::{self, EntityKind};
use crate::diagnostics::{Diagnostic, Location, Report};
use crate::entities::suggest::Suggestion;

/// The review file, relative to the site root.
pub const REVIEW_FILE: &str = "suggestions.yaml";

const HEADER: &str = "\
# Suggestions of `briefing entities suggest`, for review. Set each `action` to
#   keep            write content/entities/<name>.md (check its `kind` first)
#   reject          never suggest this name again
#   alias of NAME   add it to the aliases of the entity NAME
#   ?               decide later
# then run `briefing entities suggest --write` again. Rejected names stay here.
";

/// One reviewed (or not yet reviewed) suggestion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub name: String,
    pub kind: EntityKind,
    #[serde(default)]
    pub count: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    #[serde(default = "undecided")]
    pub action: String,
}

fn undecided() -> String {
    "?".to_string()
}

/// What the editor decided for one name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Keep,
    Reject,
    Alias(String),
    Undecided,
}

impl Action {
    fn parse(text: &str) -> Option<Action> {
        let text = text.trim();
        match text {
            "keep" => Some(Action::Keep),
            "reject" => Some(Action::Reject),
            "?" | "" => Some(Action::Undecided),
            _ => text
                .strip_prefix("alias of ")
                .map(|name| Action::Alias(name.trim().to_string()))
                .filter(|a| !matches!(a, Action::Alias(n) if n.is_empty())),
        }
    }
}

/// What one `--write` did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Registry files written or changed, relative to the site root.
    pub written: Vec<PathBuf>,
    pub rejected: usize,
    pub undecided: usize,
}

/// The entries of the review file; none when there is no file.
pub fn load(root: &Path) -> Result<Vec<Entry>, Report> {
    let path = root.join(REVIEW_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(one(Diagnostic::error(format!(
                "cannot read {REVIEW_FILE}: {e}"
            ))))
        }
    };
    let entries: Vec<Entry> = match serde_yaml::from_str::<Option<Vec<Entry>>>(&text) {
        Ok(entries) => entries.unwrap_or_default(),
        Err(e) => {
            let location = e
                .location()
                .map(|l| Location::new(REVIEW_FILE, l.line(), l.column()));
            return Err(one(
                Diagnostic::error(format!("{REVIEW_FILE} is not a list of suggestions: {e}"))
                    .at_opt(location)
                    .help("each entry needs `name`, `kind` and `action`; delete the file to start the review again"),
            ));
        }
    };
    for (i, entry) in entries.iter().enumerate() {
        if Action::parse(&entry.action).is_none() {
            let line = line_of(&text, &entry.name).unwrap_or(i + 1);
            return Err(one(Diagnostic::error(format!(
                "unknown action `{}` for {:?} in {REVIEW_FILE}",
                entry.action, entry.name
            ))
            .at(Location::new(REVIEW_FILE, line, 1))
            .help("write `keep`, `reject`, `alias of NAME` or `?`")));
        }
    }
    Ok(entries)
}

fn one(d: Diagnostic) -> Report {
    let mut report = Report::new();
    report.push(d);
    report
}

/// The line of the entry naming `name`.
fn line_of(text: &str, name: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.trim_start_matches("- ").trim().starts_with("name:") && l.contains(name))
        .map(|i| i + 1)
}

/// The names the editor rejected: `entities suggest` leaves them out.
pub fn rejected(entries: &[Entry]) -> HashSet<String> {
    entries
        .iter()
        .filter(|e| Action::parse(&e.action) == Some(Action::Reject))
        .map(|e| e.name.clone())
        .collect()
}

/// Merges new suggestions into the entries: a name not reviewed yet is
/// added as undecided; a listed one gets its new count and example.
pub fn merge(entries: &mut Vec<Entry>, suggestions: &[Suggestion]) {
    for s in suggestions {
        match entries.iter_mut().find(|e| e.name == s.name) {
            Some(e) => {
                e.count = s.count;
                if e.example.is_none() {
                    e.example = s.examples.first().cloned();
                }
            }
            None => entries.push(Entry {
                name: s.name.clone(),
                kind: s.kind,
                count: s.count,
                example: s.examples.first().cloned(),
                action: undecided(),
            }),
        }
    }
}

/// Asks for each undecided entry, on `input` and `output` (a terminal):
/// keep, reject, alias of a name, skip, or quit.
pub fn ask(
    entries: &mut [Entry],
    input: &mut dyn BufRead,
    output: &mut dyn Write,
) -> std::io::Result<()> {
    for e in entries
        .iter_mut()
        .filter(|e| Action::parse(&e.action) == Some(Action::Undecided))
    {
        writeln!(output, "\n{} ({}, {}×)", e.name, e.kind.as_str(), e.count)?;
        if let Some(example) = &e.example {
            writeln!(output, "  e.g. {example}")?;
        }
        loop {
            write!(
                output,
                "[k]eep, [r]eject, [a]lias of NAME, [s]kip, [q]uit? "
            )?;
            output.flush()?;
            let mut line = String::new();
            if input.read_line(&mut line)? == 0 {
                return Ok(());
            }
            let answer = line.trim();
            let (word, rest) = answer.split_once(' ').unwrap_or((answer, ""));
            match word {
                "k" | "keep" => e.action = "keep".into(),
                "r" | "reject" => e.action = "reject".into(),
                "a" | "alias" if !rest.trim().is_empty() => {
                    let name = rest.trim().trim_start_matches("of ").trim();
                    e.action = format!("alias of {name}");
                }
                "s" | "skip" | "" => {}
                "q" | "quit" => return Ok(()),
                _ => continue,
            }
            break;
        }
    }
    Ok(())
}

/// Carries out the decisions, then writes the review file back with the
/// rejected and undecided entries.
pub fn apply(
    root: &Path,
    entries: Vec<Entry>,
    known: &content::Content,
) -> Result<Outcome, Report> {
    let mut outcome = Outcome::default();
    let mut kept: Vec<Entry> = Vec::new();
    for entry in entries {
        match Action::parse(&entry.action).unwrap_or(Action::Undecided) {
            Action::Keep => {
                if let Some(path) = write_stub(root, &entry.name, entry.kind, &[])? {
                    outcome.written.push(path);
                }
            }
            Action::Alias(target) => {
                outcome
                    .written
                    .push(add_alias(root, known, &target, &entry)?);
            }
            Action::Reject => {
                outcome.rejected += 1;
                kept.push(entry);
            }
            Action::Undecided => {
                outcome.undecided += 1;
                kept.push(entry);
            }
        }
    }
    let mut text = HEADER.to_string();
    if !kept.is_empty() {
        text.push_str(&serde_yaml::to_string(&kept).expect("entries serialize"));
    }
    write(root, Path::new(REVIEW_FILE), &text)?;
    Ok(outcome)
}

fn write(root: &Path, rel: &Path, text: &str) -> Result<(), Report> {
    let path = root.join(rel);
    let result = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&path, text));
    result.map_err(|e| {
        one(
            Diagnostic::error(format!("cannot write {}: {e}", rel.display()))
                .help("check that the site folder is writable"),
        )
    })
}

/// Writes `content/entities/<slug>.md` for a name, unless it exists.
fn write_stub(
    root: &Path,
    name: &str,
    kind: EntityKind,
    aliases: &[&str],
) -> Result<Option<PathBuf>, Report> {
    let slug = crate::slug::slugify(name);
    if crate::guard::slug_problem(&slug).is_some() {
        return Ok(None);
    }
    let rel = PathBuf::from(content::ENTITIES_DIR).join(format!("{slug}.md"));
    if root.join(&rel).exists() {
        return Ok(None);
    }
    let quoted = |s: &str| {
        serde_yaml::to_string(s)
            .unwrap_or_else(|_| format!("{s:?}"))
            .trim()
            .to_string()
    };
    let mut text = format!("---\nname: {}\nkind: {}\n", quoted(name), kind.as_str());
    if !aliases.is_empty() {
        let list: Vec<String> = aliases.iter().map(|a| quoted(a)).collect();
        text.push_str(&format!("aliases: [{}]\n", list.join(", ")));
    }
    text.push_str("---\n");
    write(root, &rel, &text)?;
    Ok(Some(rel))
}

/// Adds `entry.name` to the aliases of the entity named `target`: in its
/// registry file, or in a new one for an entity that has none (from the
/// gazetteer or found automatically).
fn add_alias(
    root: &Path,
    known: &content::Content,
    target: &str,
    entry: &Entry,
) -> Result<PathBuf, Report> {
    let file = known
        .entities
        .iter()
        .find(|e| e.name == target || e.meta.aliases.iter().any(|a| a == target));
    let Some(file) = file else {
        let kind = entry.kind;
        return write_stub(root, target, kind, &[&entry.name])?.ok_or_else(|| {
            one(Diagnostic::error(format!(
                "cannot add {:?} as an alias of {target:?}: no registry file has that name, and content/entities/{}.md holds another entity",
                entry.name,
                crate::slug::slugify(target)
            ))
            .help(format!("write the name of the entity as its file has it, in {REVIEW_FILE}")))
        });
    };
    let rel = file
        .path
        .strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| file.path.clone());
    let text = std::fs::read_to_string(root.join(&rel)).map_err(|e| {
        one(Diagnostic::error(format!(
            "cannot read {}: {e}",
            rel.display()
        )))
    })?;
    let updated = with_alias(&text, &entry.name).ok_or_else(|| {
        one(Diagnostic::error(format!(
            "cannot add {:?} to the aliases in {}: its front matter is not in a form briefing edits",
            entry.name,
            rel.display()
        ))
        .help("add the alias by hand, or write `aliases: [...]` on one line"))
    })?;
    write(root, &rel, &updated)?;
    Ok(rel)
}

/// The entity file's text with `alias` added to its front matter's
/// `aliases` (written on one line, or as a block list), or a new
/// `aliases:` line; the rest of the file as it was.
fn with_alias(text: &str, alias: &str) -> Option<String> {
    let quoted = serde_yaml::to_string(alias).ok()?.trim().to_string();
    let body_start = text.strip_prefix("---\n")?;
    let close = body_start.find("\n---")? + 4;
    let (front, rest) = text.split_at(close + 1);
    let mut lines: Vec<String> = front.lines().map(String::from).collect();
    let closing = lines.len();
    match lines.iter().position(|l| l.starts_with("aliases:")) {
        Some(i) => {
            let value = lines[i]["aliases:".len()..].trim().to_string();
            if let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
                let inner = inner.trim();
                lines[i] = if inner.is_empty() {
                    format!("aliases: [{quoted}]")
                } else {
                    format!("aliases: [{inner}, {quoted}]")
                };
            } else if value.is_empty() {
                let mut end = i + 1;
                while end < closing && lines[end].trim_start().starts_with("- ") {
                    end += 1;
                }
                let indent: String = lines
                    .get(i + 1)
                    .filter(|l| l.trim_start().starts_with("- "))
                    .map(|l| l[..l.len() - l.trim_start().len()].to_string())
                    .unwrap_or_else(|| "  ".into());
                lines.insert(end, format!("{indent}- {quoted}"));
            } else {
                return None;
            }
        }
        None => lines.insert(closing, format!("aliases: [{quoted}]")),
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_an_alias_in_each_form_of_front_matter() {
        assert_eq!(
            with_alias("---\nname: A\nkind: person\n---\nText.\n", "B").unwrap(),
            "---\nname: A\nkind: person\naliases: [B]\n---\nText.\n"
        );
        assert_eq!(
            with_alias("---\nname: A\naliases: [C]\n---\n", "B").unwrap(),
            "---\nname: A\naliases: [C, B]\n---\n"
        );
        assert_eq!(
            with_alias("---\nname: A\naliases:\n  - C\nkind: person\n---\n", "B: x").unwrap(),
            "---\nname: A\naliases:\n  - C\n  - 'B: x'\nkind: person\n---\n"
        );
        assert_eq!(with_alias("no front matter", "B"), None);
    }

    #[test]
    fn reads_actions() {
        assert_eq!(Action::parse("keep"), Some(Action::Keep));
        assert_eq!(
            Action::parse("alias of Kim Jong-un"),
            Some(Action::Alias("Kim Jong-un".into()))
        );
        assert_eq!(Action::parse("?"), Some(Action::Undecided));
        assert_eq!(Action::parse("alias of "), None);
        assert_eq!(Action::parse("maybe"), None);
    }

    #[test]
    fn asks_for_each_undecided_name_until_quit() {
        let entry = |name: &str| Entry {
            name: name.into(),
            kind: EntityKind::Person,
            count: 1,
            example: None,
            action: "?".into(),
        };
        let mut entries = vec![entry("A"), entry("B"), entry("C"), entry("D")];
        let mut input: &[u8] = b"k\nwhat\nr\na of Kim Jong-un\nq\n";
        let mut output = Vec::new();
        ask(&mut entries, &mut input, &mut output).unwrap();
        let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["keep", "reject", "alias of Kim Jong-un", "?"]);
        assert!(String::from_utf8(output).unwrap().contains("[k]eep"));
    }
}
