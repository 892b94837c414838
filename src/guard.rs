//! Guards: where briefing may write.
//!
//! Every command that writes checks its target here first: `ingest --slug`
//! names a file inside `content/articles/` (a plain slug, no path, short
//! enough for any file system), and the build output may not be a source
//! folder of the site (`content/`, `templates/`, `static/`, `themes/`) or
//! lie inside one, nor hold the site itself. Paths are compared after
//! symlinks are resolved, so a link cannot smuggle a write into a source
//! folder.
//!
//! The same goes for what a published page may point to: [`dangerous_url`]
//! names the URL schemes that run code when followed (`javascript:`,
//! `vbscript:`, `data:` but for images), which no link, image or feed of the
//! site may carry.

use std::path::{Component, Path, PathBuf};

use crate::slug::is_slug;

/// Longest slug accepted, in bytes: its page is `<slug>/index.html`, and
/// file systems allow 255 bytes per name, less on some hosts.
pub const MAX_SLUG_LEN: usize = 200;

/// The folders of a site that hold its sources; no output goes there.
pub const SOURCE_FOLDERS: &[&str] = &["content", "templates", "static", "themes"];

/// Why a slug cannot name a file, or `None` when it can.
pub fn slug_problem(slug: &str) -> Option<String> {
    if slug.len() > MAX_SLUG_LEN {
        Some(format!(
            "is {} bytes long, more than the {MAX_SLUG_LEN} a page name may have",
            slug.len()
        ))
    } else if !is_slug(slug) {
        Some("is not a slug: only lowercase letters, digits, `-` and `_`, no `/` or `..`".into())
    } else {
        None
    }
}

/// `path` made absolute with every symlink of its existing part resolved;
/// the part that does not exist yet is appended as written (`..` in it is
/// applied), so that a folder still to be made is compared like one that is.
pub fn resolve(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut out = real;
            for part in rest.iter().rev() {
                match part {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::Normal(p) => out.push(p),
                    _ => {}
                }
            }
            return out;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// Why `output` cannot be the build output of the site at `root`: the
/// source folder it would write into, if any.
pub fn output_problem(output: &Path, root: &Path) -> Option<String> {
    let output = resolve(output);
    let root = resolve(root);
    if root.starts_with(&output) {
        return Some("the site itself".into());
    }
    SOURCE_FOLDERS
        .iter()
        .find(|f| output.starts_with(root.join(f)))
        .map(|f| format!("the source folder {f}/"))
}

/// The scheme of `url` when it runs code in a browser: `javascript:`,
/// `vbscript:`, or `data:` (but a `data:image/…` other than SVG, when `image`
/// is true). Read as browsers do: leading spaces and control characters
/// dropped, tabs and line breaks anywhere ignored, any case.
pub fn dangerous_url(url: &str, image: bool) -> Option<&'static str> {
    let start = url.trim_start_matches(|c: char| c <= ' ');
    let scheme: String = start
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take_while(|c| *c != ':' && *c != '/' && *c != '?' && *c != '#')
        .collect::<String>()
        .to_ascii_lowercase();
    let has_colon = start
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .nth(scheme.chars().count())
        == Some(':');
    if !has_colon {
        return None;
    }
    match scheme.as_str() {
        "javascript" => Some("javascript:"),
        "vbscript" => Some("vbscript:"),
        "data" => {
            let rest: String = start
                .chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .skip(5)
                .take(16)
                .collect::<String>()
                .to_ascii_lowercase();
            let raster = rest.starts_with("image/") && !rest.starts_with("image/svg");
            (!(image && raster)).then_some("data:")
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_urls_are_dangerous_however_written() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "vbscript:msgbox",
            "data:text/html,<script>alert(1)</script>",
            "data:image/svg+xml,<svg onload=alert(1)>",
        ] {
            assert!(dangerous_url(url, true).is_some(), "{url:?}");
        }
        assert_eq!(
            dangerous_url("data:image/png;base64,AAAA", false),
            Some("data:")
        );
        for url in [
            "https://example.org/javascript:x",
            "/articles/javascript/",
            "mailto:a@b.org",
            "#javascript:x",
            "data:image/png;base64,AAAA",
            "javascript",
        ] {
            assert!(dangerous_url(url, true).is_none(), "{url:?}");
        }
    }

    #[test]
    fn a_slug_with_a_path_or_too_long_is_refused() {
        assert!(slug_problem("kim-jong-un").is_none());
        assert!(slug_problem("../entities/kim-jong-un").is_some());
        assert!(slug_problem("/tmp/pwned").is_some());
        assert!(slug_problem("..").is_some());
        assert!(slug_problem(&"a".repeat(300)).is_some());
    }

    #[test]
    fn an_output_in_a_source_folder_is_refused_and_elsewhere_accepted() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/articles")).unwrap();
        std::fs::create_dir_all(root.join("themes/default")).unwrap();
        for bad in [
            "templates",
            "static",
            "themes/default",
            "content/articles/out",
            ".",
        ] {
            assert!(output_problem(&root.join(bad), root).is_some(), "{bad}");
        }
        assert!(output_problem(&root.join("site"), root).is_none());
        assert!(output_problem(&root.join("x/../site"), root).is_none());
        assert!(output_problem(&root.join("x/../static"), root).is_some());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_into_a_source_folder_is_seen_through() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("templates")).unwrap();
        std::os::unix::fs::symlink(root.join("templates"), root.join("out")).unwrap();
        assert!(output_problem(&root.join("out"), root).is_some());
    }
}
