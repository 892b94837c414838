//! What `serve` prints about warnings. The first build shows them as
//! `build` does (by cause, with the counts per kind); every rebuild after
//! it shows only how they changed since the last good build: the new ones,
//! and how many are new and how many are gone. Errors are always shown in
//! full, after the warnings.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::diagnostics::{groups, Code, Diagnostic, Location, Report, Warnings};

/// What tells one occurrence of a warning from another.
type Key = (Option<Code>, String, Option<Location>);

fn key(d: &Diagnostic) -> Key {
    (d.code, d.message.clone(), d.location.clone())
}

/// The warnings of the last good build, to compare the next one with.
pub struct Terminal {
    root: PathBuf,
    mode: Warnings,
    last: Option<HashSet<Key>>,
}

impl Terminal {
    pub fn new(root: &Path, mode: Warnings) -> Self {
        Terminal {
            root: root.to_path_buf(),
            mode,
            last: None,
        }
    }

    /// The text on the warnings of a successful build; empty when nothing
    /// changed since the last one.
    pub fn after_build(&mut self, warnings: &Report) -> String {
        let keys: HashSet<Key> = warnings.warnings().map(key).collect();
        let Some(last) = self.last.replace(keys) else {
            return warnings.render_body(&self.root, self.mode);
        };
        let keys = self.last.as_ref().expect("just set");
        let mut new = Report::new();
        for d in warnings.warnings().filter(|d| !last.contains(&key(d))) {
            new.push(d.clone());
        }
        let gone = last.iter().filter(|k| !keys.contains(*k)).count();
        if self.mode == Warnings::None || (new.is_empty() && gone == 0) {
            return String::new();
        }
        let mut out = groups::render_warnings(&new, &self.root, self.mode);
        out.push_str(&format!(
            "warnings: {} new, {} gone since the last build ({} in all)\n",
            groups::thousands(new.warning_count()),
            groups::thousands(gone),
            groups::thousands(keys.len()),
        ));
        out
    }

    /// The text on a failed build: every error. Its warnings are not
    /// compared: the build may have stopped before finding them all.
    pub fn after_failure(&self, report: &Report) -> String {
        report.render_body(&self.root, Warnings::None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn undated(path: &str) -> Diagnostic {
        Diagnostic::warning(format!("{path} has no date"))
            .code(Code::Undated)
            .at(Location::new(path, 2, 1))
    }

    fn report(ds: &[Diagnostic]) -> Report {
        let mut r = Report::new();
        ds.iter().for_each(|d| r.push(d.clone()));
        r
    }

    #[test]
    fn the_first_build_shows_every_cause_and_the_summary() {
        let mut t = Terminal::new(Path::new("/nonexistent"), Warnings::Grouped);
        let out = t.after_build(&report(&[undated("a.md")]));
        assert!(out.contains("a.md has no date"), "{out}");
        assert!(out.contains("warnings: 1 in all"), "{out}");
    }

    #[test]
    fn a_rebuild_shows_only_what_changed() {
        let mut t = Terminal::new(Path::new("/nonexistent"), Warnings::Grouped);
        t.after_build(&report(&[undated("a.md"), undated("b.md")]));
        assert_eq!(
            t.after_build(&report(&[undated("a.md"), undated("b.md")])),
            ""
        );
        let out = t.after_build(&report(&[undated("a.md"), undated("c.md")]));
        assert!(out.contains("c.md has no date"), "{out}");
        assert!(!out.contains("a.md has no date"), "{out}");
        assert!(
            out.ends_with("warnings: 1 new, 1 gone since the last build (2 in all)\n"),
            "{out}"
        );
    }

    #[test]
    fn a_failed_build_shows_its_errors_but_not_its_warnings() {
        let mut t = Terminal::new(Path::new("/nonexistent"), Warnings::Grouped);
        t.after_build(&report(&[undated("a.md")]));
        let failed = report(&[undated("b.md"), Diagnostic::error("broken")]);
        let out = t.after_failure(&failed);
        assert!(out.contains("broken") && !out.contains("b.md"), "{out}");
        // The next good build compares with the last good one.
        let out = t.after_build(&report(&[undated("a.md"), undated("b.md")]));
        assert!(out.contains("1 new, 0 gone"), "{out}");
    }
}
