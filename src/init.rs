//! `briefing init DIR`: a new site that builds at once.
//!
//! Writes `briefing.yaml`, one example article, one registry entity and a
//! `.gitignore` for the output. No theme folder is needed: the default theme
//! is built into briefing.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Report};

const FILES: &[(&str, &str)] = &[
    ("briefing.yaml", include_str!("../data/init/briefing.yaml")),
    (".gitignore", "/site\n"),
    (
        "content/articles/welcome.md",
        include_str!("../data/init/welcome.md"),
    ),
    (
        "content/entities/briefing-desk.md",
        include_str!("../data/init/entity.md"),
    ),
];

/// Creates the site in `dir`, which must not exist or be empty.
pub fn init(dir: &Path) -> Result<(), Report> {
    let fail = |message: String, help: &str| {
        let mut report = Report::new();
        report.push(Diagnostic::error(message).help(help));
        report
    };
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(fail(
                format!("{} already exists and is not empty", dir.display()),
                "choose a new folder name; briefing init never writes into an existing site",
            ));
        }
    }
    for (rel, text) in FILES {
        let path = dir.join(rel);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text));
        if let Err(e) = written {
            return Err(fail(
                format!("cannot write {}: {e}", path.display()),
                "check that the folder is writable",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_a_folder_that_is_not_empty() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x"), "").unwrap();
        assert!(init(dir.path()).is_err());
        assert!(!dir.path().join("briefing.yaml").exists());
    }
}
