//! Warnings by cause. A site of ten thousand articles can meet the same
//! cause (a surname two people share, articles without a date) thousands of
//! times; shown one by one, those bury everything else. Here each cause is
//! one warning with its number of occurrences and files and its first
//! places, at most [`SHOWN_PER_KIND`] causes of each kind are shown, and
//! [`summary`] counts every kind at the end. `--warnings all` still shows
//! every occurrence.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use annotate_snippets::{Level, Renderer};

use super::{Code, Diagnostic, Report};

/// How `build`, `check` and `serve` show warnings (`--warnings`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Warnings {
    /// Every occurrence, each with its place and excerpt.
    All,
    /// One warning per cause, with counts and the first places, then a summary.
    #[default]
    Grouped,
    /// None (errors are always shown).
    None,
}

/// Causes of one kind shown in grouped output; the others are counted.
pub const SHOWN_PER_KIND: usize = 5;
/// Places named for a cause met more than once.
pub const PLACES_SHOWN: usize = 3;

/// The occurrences of one cause.
#[derive(Debug)]
pub struct Group<'a> {
    pub code: Option<Code>,
    pub cause: &'a str,
    /// In the order of the report (sorted by place).
    pub occurrences: Vec<&'a Diagnostic>,
}

impl Group<'_> {
    /// How many files the occurrences are in.
    pub fn files(&self) -> usize {
        self.occurrences
            .iter()
            .filter_map(|d| d.location.as_ref().map(|l| &l.path))
            .collect::<BTreeSet<_>>()
            .len()
    }

    fn render(&self, root: &Path) -> String {
        let first = self.occurrences[0];
        if self.occurrences.len() == 1 {
            return first.render(root);
        }
        let mut title = Level::Warning.title(self.cause);
        if let Some(code) = self.code {
            title = title.id(code.as_str());
        }
        let note = self.note();
        title = title.footer(Level::Note.title(&note));
        if let Some(help) = &first.help {
            title = title.footer(Level::Help.title(help));
        }
        #[allow(clippy::let_and_return)]
        let rendered = Renderer::plain().render(title).to_string();
        rendered
    }

    /// "412 occurrences in 390 files, the first:" and a line for each of
    /// the first places.
    fn note(&self) -> String {
        let n = self.occurrences.len();
        let mut note = format!("{} occurrences", thousands(n));
        let files = self.files();
        if files > 0 {
            note.push_str(&format!(
                " in {} {}",
                thousands(files),
                plural(files, "file", "files")
            ));
        }
        let places: Vec<String> = self
            .occurrences
            .iter()
            .filter_map(|d| d.location.as_ref())
            .take(PLACES_SHOWN)
            .map(|l| l.to_string().replace('\\', "/"))
            .collect();
        if !places.is_empty() {
            note.push_str(if places.len() < n {
                ", the first:"
            } else {
                ":"
            });
            for place in places {
                note.push_str("\n  ");
                note.push_str(&place);
            }
        }
        note
    }
}

/// The warnings of `warnings` by cause: kinds in the order of their codes
/// (uncoded last), and within a kind the most frequent cause first.
pub fn group<'a>(warnings: impl IntoIterator<Item = &'a Diagnostic>) -> Vec<Group<'a>> {
    let mut index: HashMap<(Option<Code>, &str), usize> = HashMap::new();
    let mut groups: Vec<Group<'a>> = Vec::new();
    for d in warnings {
        let key = (d.code, d.cause_text());
        let i = *index.entry(key).or_insert_with(|| {
            groups.push(Group {
                code: d.code,
                cause: d.cause_text(),
                occurrences: Vec::new(),
            });
            groups.len() - 1
        });
        groups[i].occurrences.push(d);
    }
    // Stable: causes met equally often keep the order of their first place.
    groups.sort_by_key(|g| {
        (
            g.code.is_none(),
            g.code,
            std::cmp::Reverse(g.occurrences.len()),
        )
    });
    groups
}

/// The warnings of `report` as `mode` says, each followed by a blank line.
pub fn render_warnings(report: &Report, root: &Path, mode: Warnings) -> String {
    let mut out = String::new();
    match mode {
        Warnings::None => {}
        Warnings::All => {
            for d in report.warnings() {
                out.push_str(&d.render(root));
                out.push_str("\n\n");
            }
        }
        Warnings::Grouped => {
            let groups = group(report.warnings());
            for kind in groups.chunk_by(|a, b| a.code == b.code) {
                for g in kind.iter().take(SHOWN_PER_KIND) {
                    out.push_str(&g.render(root));
                    out.push_str("\n\n");
                }
                let rest = &kind[kind.len().min(SHOWN_PER_KIND)..];
                if !rest.is_empty() {
                    let times: usize = rest.iter().map(|g| g.occurrences.len()).sum();
                    let what = kind[0].code.map_or("other warnings", Code::summary);
                    out.push_str(&format!(
                        "… and {} more {what} ({} occurrences), not shown: see them with --warnings all\n\n",
                        thousands(rest.len()),
                        thousands(times)
                    ));
                }
            }
        }
    }
    out
}

/// The counts of warnings per kind and how to see them all; empty without
/// warnings or with `--warnings none`.
pub fn summary(report: &Report, mode: Warnings) -> String {
    let total = report.warning_count();
    if total == 0 || mode == Warnings::None {
        return String::new();
    }
    let groups = group(report.warnings());
    let mut out = format!("warnings: {} in all, by kind:\n", thousands(total));
    for kind in groups.chunk_by(|a, b| a.code == b.code) {
        let times: usize = kind.iter().map(|g| g.occurrences.len()).sum();
        let (code, name, what) = match kind[0].code {
            Some(c) => (c.as_str(), c.kind(), c.summary()),
            None => ("----", "other", "other warnings"),
        };
        out.push_str(&format!(
            "  {code} {name:<18} {:>7} {}, {} {}: {what}\n",
            thousands(times),
            plural(times, "occurrence", "occurrences"),
            thousands(kind.len()),
            plural(kind.len(), "cause", "causes"),
        ));
    }
    if mode == Warnings::Grouped {
        out.push_str(
            "  = every occurrence with `--warnings all`; as JSON for tools with `briefing check --warnings all --json`\n",
        );
    }
    out
}

fn plural<'s>(n: usize, one: &'s str, many: &'s str) -> &'s str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// 12345 → "12,345".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Location;

    fn ambiguous(path: &str, line: usize) -> Diagnostic {
        Diagnostic::warning("\"Kim\" could be A or B and is not linked")
            .code(Code::AmbiguousMention)
            .at(Location::new(path, line, 3))
            .help("write [[Kim|A]]")
    }

    fn undated(path: &str) -> Diagnostic {
        Diagnostic::warning(format!("{path} has no date"))
            .code(Code::Undated)
            .cause("articles without a date are listed last")
            .at(Location::new(path, 2, 1))
    }

    fn report(diagnostics: Vec<Diagnostic>) -> Report {
        let mut r = Report::new();
        diagnostics.into_iter().for_each(|d| r.push(d));
        r.sort();
        r
    }

    #[test]
    fn occurrences_of_one_cause_make_one_group_even_when_messages_differ() {
        let r = report(vec![
            undated("b.md"),
            ambiguous("a.md", 1),
            undated("a.md"),
            ambiguous("a.md", 9),
            ambiguous("c.md", 4),
        ]);
        let groups = group(r.warnings());
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].code, Some(Code::AmbiguousMention));
        assert_eq!(groups[0].occurrences.len(), 3);
        assert_eq!(groups[0].files(), 2);
        assert_eq!(groups[1].cause, "articles without a date are listed last");
    }

    #[test]
    fn a_group_names_its_count_files_and_first_three_places() {
        let r = report((1..=5).map(|i| ambiguous(&format!("{i}.md"), i)).collect());
        let out = render_warnings(&r, Path::new("/nonexistent"), Warnings::Grouped);
        assert_eq!(out.matches("could be").count(), 1, "{out}");
        assert!(out.starts_with("warning[W001]:"), "{out}");
        assert!(
            out.contains("5 occurrences in 5 files, the first:\n"),
            "{out}"
        );
        let places: Vec<&str> = out
            .lines()
            .map(str::trim)
            .filter(|l| l.ends_with(":3"))
            .collect();
        assert_eq!(places, ["1.md:1:3", "2.md:2:3", "3.md:3:3"], "{out}");
        assert!(out.contains("help: write [[Kim|A]]"), "{out}");
    }

    #[test]
    fn a_cause_met_once_is_shown_in_full() {
        let r = report(vec![ambiguous("a.md", 1)]);
        let grouped = render_warnings(&r, Path::new("/nonexistent"), Warnings::Grouped);
        let all = render_warnings(&r, Path::new("/nonexistent"), Warnings::All);
        assert_eq!(grouped, all);
    }

    #[test]
    fn only_the_most_frequent_causes_of_a_kind_are_shown() {
        let mut ds = Vec::new();
        for cause in 0..(SHOWN_PER_KIND + 3) {
            for i in 0..=cause {
                ds.push(
                    Diagnostic::warning(format!("name {cause}"))
                        .code(Code::SharedName)
                        .at(Location::new(format!("{i}.md"), 1, 1)),
                );
            }
        }
        let out = render_warnings(&report(ds), Path::new("/nonexistent"), Warnings::Grouped);
        let last = SHOWN_PER_KIND + 2;
        assert!(out.contains(&format!("name {last}")), "{out}");
        assert!(!out.contains("name 0\n"), "{out}");
        // Causes 0, 1 and 2 are left: 1 + 2 + 3 occurrences.
        assert!(
            out.contains("… and 3 more names shared by registry entities (6 occurrences)"),
            "{out}"
        );
    }

    #[test]
    fn the_summary_counts_every_kind_and_says_how_to_see_all() {
        let r = report(vec![
            ambiguous("a.md", 1),
            ambiguous("b.md", 1),
            undated("a.md"),
        ]);
        let s = summary(&r, Warnings::Grouped);
        assert!(s.starts_with("warnings: 3 in all"), "{s}");
        assert!(s.contains("W001 ambiguous-mention"), "{s}");
        assert!(s.contains("2 occurrences, 1 cause"), "{s}");
        assert!(s.contains("W003 undated"), "{s}");
        assert!(s.contains("--warnings all"), "{s}");
        assert_eq!(summary(&r, Warnings::None), "");
        assert_eq!(summary(&Report::new(), Warnings::Grouped), "");
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(51_577), "51,577");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
