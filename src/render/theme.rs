//! Themes: the templates and static files a site is rendered with, in layers.
//!
//! 1. the default theme embedded in the binary (its source is `themes/default/`);
//! 2. `themes/<theme>/templates/*` and `themes/<theme>/static/*` under the site root;
//! 3. the site's own `templates/*` and `static/*`.
//!
//! A file of a later layer replaces the file of the same name of an earlier one,
//! so a site can override a single template and keep the rest of its theme.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

pub const DEFAULT_THEME: &str = "default";

/// Where a template or static file came from, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The default theme built into briefing.
    Builtin,
    /// A file under the site root (relative path).
    File(PathBuf),
}

impl Origin {
    pub fn describe(&self, name: &str) -> String {
        match self {
            Origin::Builtin => format!("the built-in default theme's {name}"),
            Origin::File(p) => p.display().to_string(),
        }
    }
}

/// One template or static file.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub bytes: Vec<u8>,
    pub origin: Origin,
}

/// The merged layers.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Template name (e.g. `article.html`) → source.
    pub templates: BTreeMap<String, ThemeFile>,
    /// Output path (e.g. `style.css`) → file.
    pub statics: BTreeMap<String, ThemeFile>,
}

/// The theme could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("theme \"{name}\" not found: there is no folder {}", path.display())]
    NotFound { name: String, path: PathBuf },
    #[error("cannot read {}: {message}", path.display())]
    Read { path: PathBuf, message: String },
}

impl Theme {
    /// Loads the layers for `theme` under the site `root`.
    pub fn load(root: &Path, theme: &str) -> Result<Theme, Error> {
        let mut t = Theme::default();
        let builtin = |files: &[(&str, &[u8])], map: &mut BTreeMap<String, ThemeFile>| {
            for (name, bytes) in files {
                map.insert(
                    name.to_string(),
                    ThemeFile {
                        bytes: bytes.to_vec(),
                        origin: Origin::Builtin,
                    },
                );
            }
        };
        builtin(embedded::TEMPLATES, &mut t.templates);
        builtin(embedded::STATIC, &mut t.statics);
        let theme_dir = PathBuf::from("themes").join(theme);
        if root.join(&theme_dir).is_dir() {
            overlay(root, &theme_dir.join("templates"), &mut t.templates)?;
            overlay(root, &theme_dir.join("static"), &mut t.statics)?;
        } else if theme != DEFAULT_THEME {
            return Err(Error::NotFound {
                name: theme.to_string(),
                path: theme_dir,
            });
        }
        overlay(root, Path::new("templates"), &mut t.templates)?;
        overlay(root, Path::new("static"), &mut t.statics)?;
        Ok(t)
    }

    /// The folders a theme is read from, for the preview server to watch.
    pub fn folders(theme: &str) -> [PathBuf; 3] {
        [
            PathBuf::from("themes").join(theme),
            PathBuf::from("templates"),
            PathBuf::from("static"),
        ]
    }
}

/// Adds every file under `root/dir` to `map`, keyed by its path below `dir`.
fn overlay(root: &Path, dir: &Path, map: &mut BTreeMap<String, ThemeFile>) -> Result<(), Error> {
    let base = root.join(dir);
    if !base.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(&base).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::Read {
            path: dir.to_path_buf(),
            message: e.to_string(),
        })?;
        if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let rel_to_root = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        let name = entry
            .path()
            .strip_prefix(&base)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(entry.path()).map_err(|e| Error::Read {
            path: rel_to_root.clone(),
            message: e.to_string(),
        })?;
        map.insert(
            name,
            ThemeFile {
                bytes,
                origin: Origin::File(rel_to_root),
            },
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embeds_every_file_of_the_default_theme() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        let on_disk = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter(|e| e.as_ref().unwrap().file_type().is_file())
            .count();
        assert_eq!(embedded::TEMPLATES.len(), on_disk);
        for name in ["article.html", "partials/article-item.html"] {
            assert!(embedded::TEMPLATES.iter().any(|(n, _)| *n == name));
        }
        assert!(embedded::STATIC.iter().any(|(n, _)| *n == "style.css"));
    }

    #[test]
    fn site_templates_override_the_theme() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/article.html"), "mine").unwrap();
        let theme = Theme::load(dir.path(), DEFAULT_THEME).unwrap();
        assert_eq!(theme.templates["article.html"].bytes, b"mine");
        assert_eq!(
            theme.templates["article.html"].origin,
            Origin::File("templates/article.html".into())
        );
        assert_eq!(theme.templates["base.html"].origin, Origin::Builtin);
    }

    #[test]
    fn rejects_a_missing_theme_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let err = Theme::load(dir.path(), "fancy").unwrap_err();
        assert!(matches!(err, Error::NotFound { name, .. } if name == "fancy"));
    }
}
