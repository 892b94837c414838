//! Output: writing the site safely.
//!
//! Entry point: [`write`]. The files are written into a fresh folder beside the
//! output folder and swapped in with two renames, so a failed build leaves the
//! previous site untouched. briefing only ever replaces a folder it wrote
//! itself: every output carries a manifest (`.briefing-manifest`) listing its
//! files, and an output folder holding any file not in its manifest is refused
//! and left as it is. Nothing outside the output folder is ever deleted.

pub mod links;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, ToDiagnostic};
use crate::render::OutputFile;

/// The file in every output folder that lists what briefing wrote there.
pub const MANIFEST: &str = ".briefing-manifest";
const MANIFEST_HEADER: &str =
    "# Files written by briefing. briefing replaces this folder on every build.";

/// Why the site could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("the output folder {} holds files that briefing did not write: {}", output.display(), files.join(", "))]
    ForeignFiles { output: PathBuf, files: Vec<String> },
    #[error("the output {} is not a folder", output.display())]
    NotAFolder { output: PathBuf },
    #[error("the output folder {} would contain the site's own files", output.display())]
    ContainsSources { output: PathBuf },
    #[error("cannot write {}: {message}", path.display())]
    Io { path: PathBuf, message: String },
}

impl ToDiagnostic for Error {
    fn to_diagnostic(&self) -> Diagnostic {
        let d = Diagnostic::error(self.to_string());
        match self {
            Error::ForeignFiles { output, .. } => d.help(format!(
                "briefing replaces its output folder on every build, so it never writes into a folder with other files; move them away, or build elsewhere with `--output DIR` (nothing in {} was changed)",
                output.display()
            )),
            Error::NotAFolder { .. } => d.help("remove the file or choose another folder with `--output DIR`"),
            Error::ContainsSources { .. } => {
                d.help("choose an output folder outside the site's content, e.g. the default `site/`")
            }
            Error::Io { .. } => d.help("check the permissions and the free space of the output folder's disk"),
        }
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| Error::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// Checks that `output` may be replaced: it does not exist, is empty, or holds
/// only files listed in its manifest.
pub fn check_output(output: &Path, root: &Path) -> Result<(), Error> {
    if let (Ok(out), Ok(root)) = (output.canonicalize(), root.canonicalize()) {
        if root.starts_with(&out) {
            return Err(Error::ContainsSources {
                output: output.to_path_buf(),
            });
        }
    }
    if !output.exists() {
        return Ok(());
    }
    if !output.is_dir() {
        return Err(Error::NotAFolder {
            output: output.to_path_buf(),
        });
    }
    let listed: BTreeSet<String> = match std::fs::read_to_string(output.join(MANIFEST)) {
        Ok(text) => text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(str::to_string)
            .collect(),
        Err(_) => BTreeSet::new(),
    };
    let mut foreign = Vec::new();
    for entry in walkdir::WalkDir::new(output)
        .min_depth(1)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| Error::Io {
            path: output.to_path_buf(),
            message: e.to_string(),
        })?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(output)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        if rel != MANIFEST && !listed.contains(&rel) {
            foreign.push(rel);
        }
    }
    if foreign.is_empty() {
        Ok(())
    } else {
        const SHOWN: usize = 5;
        let more = foreign.len().saturating_sub(SHOWN);
        foreign.truncate(SHOWN);
        if more > 0 {
            foreign.push(format!("and {more} more"));
        }
        Err(Error::ForeignFiles {
            output: output.to_path_buf(),
            files: foreign,
        })
    }
}

/// Writes `files` as the new content of `output`, atomically replacing the
/// previous site. `root` is the site root (the output may not contain it).
pub fn write(files: &[OutputFile], output: &Path, root: &Path) -> Result<(), Error> {
    check_output(output, root)?;
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    let unique = format!(
        "{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    );
    let staging = parent.join(format!(".{name}.briefing-new-{unique}"));
    let result =
        write_tree(files, &staging).and_then(|()| swap(&staging, output, &parent, &name, &unique));
    if result.is_err() && staging.exists() {
        // Only the staging folder made above is removed.
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

fn write_tree(files: &[OutputFile], dir: &Path) -> Result<(), Error> {
    std::fs::create_dir(dir).map_err(io(dir))?;
    let folders: BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent().map(Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty())
        .collect();
    for folder in &folders {
        let path = dir.join(folder);
        std::fs::create_dir_all(&path).map_err(io(&path))?;
    }
    files.par_iter().try_for_each(|f| {
        let path = dir.join(&f.path);
        std::fs::write(&path, &f.bytes).map_err(io(&path))
    })?;
    let mut manifest = String::from(MANIFEST_HEADER);
    manifest.push('\n');
    for f in files {
        manifest.push_str(&f.path);
        manifest.push('\n');
    }
    let path = dir.join(MANIFEST);
    std::fs::write(&path, manifest).map_err(io(&path))
}

fn swap(
    staging: &Path,
    output: &Path,
    parent: &Path,
    name: &str,
    unique: &str,
) -> Result<(), Error> {
    if !output.exists() {
        return std::fs::rename(staging, output).map_err(io(output));
    }
    let old = parent.join(format!(".{name}.briefing-old-{unique}"));
    std::fs::rename(output, &old).map_err(io(output))?;
    if let Err(e) = std::fs::rename(staging, output) {
        // Put the previous site back before reporting.
        let _ = std::fs::rename(&old, output);
        return Err(io(output)(e));
    }
    // `old` held only files listed in its manifest (checked before writing).
    std::fs::remove_dir_all(&old).map_err(io(&old))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
            source: None,
            template: None,
        }
    }

    #[test]
    fn replaces_its_own_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write(
            &[file("a/index.html", "1"), file("old.html", "x")],
            &out,
            dir.path(),
        )
        .unwrap();
        write(&[file("a/index.html", "2")], &out, dir.path()).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "2"
        );
        assert!(!out.join("old.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folders left behind");
    }

    #[test]
    fn refuses_and_keeps_a_folder_with_foreign_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("thesis.docx"), "mine").unwrap();
        let err = write(&[file("index.html", "x")], &out, dir.path()).unwrap_err();
        assert!(matches!(&err, Error::ForeignFiles { files, .. } if files == &["thesis.docx"]));
        assert_eq!(
            std::fs::read_to_string(out.join("thesis.docx")).unwrap(),
            "mine"
        );
        assert!(!out.join("index.html").exists());
    }

    #[test]
    fn refuses_a_file_added_to_its_own_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write(&[file("index.html", "x")], &out, dir.path()).unwrap();
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        assert!(matches!(
            write(&[file("index.html", "y")], &out, dir.path()),
            Err(Error::ForeignFiles { .. })
        ));
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "x"
        );
    }

    #[test]
    fn refuses_to_write_over_the_site_root() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let err = write(
            &[file("index.html", "x")],
            dir.path(),
            &dir.path().join("sub"),
        )
        .unwrap_err();
        assert!(matches!(err, Error::ContainsSources { .. }));
    }
}
