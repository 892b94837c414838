//! Output: writing the site safely.
//!
//! Entry point: [`Writer`] (or [`write`] for files held in memory). The new
//! site is staged, complete, in a folder beside the output while it renders,
//! and swapped in for the output in one step only once the whole build
//! succeeded (see `swap`): a failed build leaves the previous site
//! untouched, and a build killed at any moment leaves the output wholly old
//! or wholly new. A file whose bytes did not change since the last build is
//! not written again but linked into the new site: a rebuild of an unchanged
//! site writes almost nothing, and a static host synced by modification time
//! sees only real changes.
//!
//! briefing only ever changes a folder it wrote itself: every output carries
//! a manifest (`.briefing-manifest`) listing its files with their size,
//! modification time and a hash of their bytes, and an output folder holding
//! any file not in its manifest is refused and left as it is. Nothing outside
//! the output folder is ever deleted but the staging folders of briefing's
//! own dead builds.

pub mod links;
mod swap;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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
    #[error("the output {} is {folder}", output.display())]
    SourceFolder { output: PathBuf, folder: String },
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
            Error::SourceFolder { .. } => d.help(
                "briefing replaces its output on every build, so it never builds into the site's own files; pass an `--output DIR` outside content/, templates/, static/ and themes/, e.g. the default `site/`",
            ),
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

/// What the manifest of the previous build says of one of its files, when
/// the file on disk still has the size and modification time it recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Recorded {
    size: u64,
    modified: u128,
    hash: u64,
}

impl Recorded {
    fn line(&self, path: &str) -> String {
        format!(
            "{path}\t{}\t{}\t{:016x}\n",
            self.size, self.modified, self.hash
        )
    }

    /// `path<TAB>size<TAB>mtime<TAB>hash`; a line with the path alone (as
    /// older manifests have) lists the file without vouching for it.
    fn parse(line: &str) -> (&str, Option<Recorded>) {
        let mut parts = line.split('\t');
        let path = parts.next().unwrap_or("");
        let recorded = (|| {
            Some(Recorded {
                size: parts.next()?.parse().ok()?,
                modified: parts.next()?.parse().ok()?,
                hash: u64::from_str_radix(parts.next()?, 16).ok()?,
            })
        })();
        (path, recorded)
    }
}

fn modified_nanos(meta: &std::fs::Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// The previous output: which of its files are known unchanged since the
/// manifest recorded them.
#[derive(Debug, Default)]
struct Survey {
    /// Every file of the previous output (all of them listed in its manifest).
    files: BTreeSet<String>,
    /// The files whose size and modification time match the manifest.
    trusted: HashMap<String, Recorded>,
}

/// Checks that `output` may be replaced: it does not exist, is empty, or holds
/// only files listed in its manifest.
pub fn check_output(output: &Path, root: &Path) -> Result<(), Error> {
    survey(output, root).map(|_| ())
}

fn survey(output: &Path, root: &Path) -> Result<Survey, Error> {
    if let (Ok(out), Ok(root)) = (output.canonicalize(), root.canonicalize()) {
        if root.starts_with(&out) {
            return Err(Error::ContainsSources {
                output: output.to_path_buf(),
            });
        }
    }
    if let Some(folder) = crate::guard::output_problem(output, root) {
        return Err(Error::SourceFolder {
            output: output.to_path_buf(),
            folder,
        });
    }
    if !output.exists() {
        return Ok(Survey::default());
    }
    if !output.is_dir() {
        return Err(Error::NotAFolder {
            output: output.to_path_buf(),
        });
    }
    let mut listed: HashMap<String, Option<Recorded>> = HashMap::new();
    if let Ok(text) = std::fs::read_to_string(output.join(MANIFEST)) {
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let (path, recorded) = Recorded::parse(line);
            listed.insert(path.to_string(), recorded);
        }
    }
    let mut survey = Survey::default();
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
        if rel == MANIFEST {
            continue;
        }
        match listed.get(&rel) {
            None => foreign.push(rel),
            Some(recorded) => {
                if let (Some(recorded), Ok(meta)) = (recorded, entry.metadata()) {
                    if meta.is_file()
                        && meta.len() == recorded.size
                        && modified_nanos(&meta) == recorded.modified
                    {
                        survey.trusted.insert(rel.clone(), *recorded);
                    }
                }
                survey.files.insert(rel);
            }
        }
    }
    if foreign.is_empty() {
        Ok(survey)
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

/// Writes `files` as the new content of `output`, replacing the previous
/// site. `root` is the site root (the output may not contain it).
pub fn write(files: &[OutputFile], output: &Path, root: &Path) -> Result<WriteStats, Error> {
    let writer = Writer::begin(output, root)?;
    let written = files
        .par_iter()
        .map(|f| writer.file(f))
        .collect::<Result<Vec<_>, _>>()?;
    writer.commit(written)
}

/// One file the [`Writer`] has taken.
#[derive(Debug)]
pub struct Written {
    path: String,
    recorded: Option<Recorded>,
    /// Staged: the bytes differ from the previous output's.
    changed: bool,
}

/// What a commit changed in the output folder.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    /// Files written because they are new or their bytes changed.
    pub written: usize,
    /// Files left as they were.
    pub unchanged: usize,
    /// Files of the previous build that are gone.
    pub removed: usize,
}

/// Writes a site file by file, safely.
///
/// Files are taken one at a time (from any thread) while the site renders,
/// into a staging folder beside the output that becomes the complete new
/// site. A file whose bytes hash the same as the previous build's copy, which
/// is still on disk as the manifest recorded it, is not written again: the
/// staging folder gets a hard link to it (a copy with its modification time
/// where the file system has no hard links), so it keeps its modification
/// time. Only [`Writer::commit`] touches the output: it writes the new
/// manifest into the staging folder and swaps the two folders in one step
/// (see [`swap`]), so the output is at every moment wholly the old site or
/// wholly the new one. A writer dropped without a commit (the build failed)
/// removes its staging folder and leaves the output as it was; what a killed
/// build leaves is removed by the next one.
///
/// An output that is a symlink to a folder is written through: the folder
/// it points to is replaced, the symlink stays.
pub struct Writer {
    /// Where the site goes: the output, or the folder its symlink points to.
    output: PathBuf,
    /// The output folder's name, which the staging folders beside it carry.
    name: String,
    staging: PathBuf,
    previous: Survey,
    /// Folders already made under the staging folder.
    made: Mutex<HashSet<PathBuf>>,
    /// Whether to swap with one atomic exchange (false only in tests of the
    /// journaled way).
    exchange: bool,
    committed: bool,
}

impl Writer {
    /// Checks the output folder (see [`check_output`]), finishes or removes
    /// what dead builds left beside it, and makes the staging folder.
    pub fn begin(output: &Path, root: &Path) -> Result<Writer, Error> {
        let previous = survey(output, root)?;
        let is_link = std::fs::symlink_metadata(output).is_ok_and(|m| m.file_type().is_symlink());
        let output = if is_link {
            // Written through: the folder the link points to is replaced.
            output.canonicalize().unwrap_or_else(|_| {
                let target = std::fs::read_link(output).unwrap_or_default();
                crate::guard::resolve(&output.parent().unwrap_or(Path::new(".")).join(target))
            })
        } else if output.file_name().is_none() {
            crate::guard::resolve(output)
        } else {
            output.to_path_buf()
        };
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(io(&parent))?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "site".into());
        swap::recover(&parent, &name, &output)?;
        let staging = swap::staging_path(&parent, &name, &swap::unique());
        std::fs::create_dir(&staging).map_err(io(&staging))?;
        let writer = Writer {
            output,
            name,
            staging,
            previous,
            made: Mutex::new(HashSet::new()),
            exchange: true,
            committed: false,
        };
        // The manifest's header marks the staging folder as briefing's, so
        // that the next build may remove it should this one die.
        let marker = writer.staging.join(MANIFEST);
        std::fs::write(&marker, format!("{MANIFEST_HEADER}\n")).map_err(io(&marker))?;
        Ok(writer)
    }

    /// Takes one file: stages its bytes, or a link to the output's copy when
    /// that already holds these bytes.
    pub fn file(&self, file: &OutputFile) -> Result<Written, Error> {
        let hash = xxhash_rust::xxh3::xxh3_64(&file.bytes);
        let path = self.staging.join(&file.path);
        if let Some(folder) = path.parent() {
            make_folder(&self.made, folder)?;
        }
        if let Some(recorded) = self.previous.trusted.get(&file.path) {
            if recorded.hash == hash && recorded.size == file.bytes.len() as u64 {
                let recorded = self.keep(&file.path, &path, *recorded)?;
                return Ok(Written {
                    path: file.path.clone(),
                    recorded: Some(recorded),
                    changed: false,
                });
            }
        }
        // One open per new file; its size and time come from the open file
        // rather than from another lookup of its path.
        let mut staged = std::fs::File::create(&path).map_err(io(&path))?;
        std::io::Write::write_all(&mut staged, &file.bytes).map_err(io(&path))?;
        let recorded = staged.metadata().ok().map(|meta| Recorded {
            size: meta.len(),
            modified: modified_nanos(&meta),
            hash,
        });
        Ok(Written {
            path: file.path.clone(),
            recorded,
            changed: true,
        })
    }

    /// Puts the output's unchanged copy of `rel` at `staged`: a hard link, or
    /// where that fails a copy given the same modification time.
    fn keep(&self, rel: &str, staged: &Path, recorded: Recorded) -> Result<Recorded, Error> {
        let current = self.output.join(rel);
        if std::fs::hard_link(&current, staged).is_ok() {
            return Ok(recorded);
        }
        std::fs::copy(&current, staged).map_err(io(staged))?;
        let copy = std::fs::File::options()
            .write(true)
            .open(staged)
            .map_err(io(staged))?;
        if let Ok(modified) = std::fs::metadata(&current).and_then(|m| m.modified()) {
            let _ = copy.set_modified(modified);
        }
        let meta = copy.metadata().map_err(io(staged))?;
        Ok(Recorded {
            size: meta.len(),
            modified: modified_nanos(&meta),
            hash: recorded.hash,
        })
    }

    /// Makes the files taken the content of the output folder.
    pub fn commit(mut self, mut files: Vec<Written>) -> Result<WriteStats, Error> {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files.dedup_by(|later, earlier| later.path == earlier.path);
        let keep: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
        let stats = WriteStats {
            written: files.iter().filter(|f| f.changed).count(),
            unchanged: files.iter().filter(|f| !f.changed).count(),
            removed: self
                .previous
                .files
                .iter()
                .filter(|p| !keep.contains(p.as_str()))
                .count(),
        };
        let mut manifest = String::from(MANIFEST_HEADER);
        manifest.push('\n');
        for f in &files {
            match &f.recorded {
                Some(r) => manifest.push_str(&r.line(&f.path)),
                None => {
                    manifest.push_str(&f.path);
                    manifest.push('\n');
                }
            }
        }
        // Written beside and renamed over the marker, so that the staging
        // folder holds a whole manifest at every moment.
        let partial = self.staging.join(format!("{MANIFEST}.partial"));
        std::fs::write(&partial, &manifest).map_err(io(&partial))?;
        let staged_manifest = self.staging.join(MANIFEST);
        std::fs::rename(&partial, &staged_manifest).map_err(io(&staged_manifest))?;

        if std::fs::symlink_metadata(&self.output).is_err() {
            // No previous site: the staging folder becomes the output.
            std::fs::rename(&self.staging, &self.output).map_err(io(&self.output))?;
            self.committed = true;
            return Ok(stats);
        }
        swap::swap(&self.staging, &self.output, &self.name, self.exchange)?;
        self.committed = true;
        Ok(stats)
    }
}

/// Makes `folder` (and its parents) once: `made` remembers the folders
/// already made by any thread, so a site's thousands of files in a few
/// hundred folders cost a few hundred `mkdir`s.
fn make_folder(made: &Mutex<HashSet<PathBuf>>, folder: &Path) -> Result<(), Error> {
    if made
        .lock()
        .expect("no panics while locked")
        .contains(folder)
    {
        return Ok(());
    }
    std::fs::create_dir_all(folder).map_err(io(folder))?;
    made.lock()
        .expect("no panics while locked")
        .insert(folder.to_path_buf());
    Ok(())
}

impl Drop for Writer {
    fn drop(&mut self) {
        if !self.committed && self.staging.exists() {
            // Only the staging folder made by `begin` is removed.
            let _ = swap::remove_tree(&self.staging);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec().into(),
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

    fn modified(path: &Path) -> std::time::SystemTime {
        std::fs::metadata(path).unwrap().modified().unwrap()
    }

    #[test]
    fn a_rebuild_writes_only_the_files_whose_bytes_changed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let first = write(
            &[file("a/index.html", "same"), file("b/index.html", "old")],
            &out,
            dir.path(),
        )
        .unwrap();
        assert_eq!(first.written, 2);
        let kept = modified(&out.join("a/index.html"));
        std::thread::sleep(std::time::Duration::from_millis(20));
        let second = write(
            &[file("a/index.html", "same"), file("b/index.html", "new!")],
            &out,
            dir.path(),
        )
        .unwrap();
        assert_eq!(
            second,
            WriteStats {
                written: 1,
                unchanged: 1,
                removed: 0
            }
        );
        assert_eq!(modified(&out.join("a/index.html")), kept);
        assert_eq!(
            std::fs::read_to_string(out.join("b/index.html")).unwrap(),
            "new!"
        );
    }

    #[test]
    fn a_file_changed_by_hand_in_the_output_is_written_again() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write(&[file("index.html", "good")], &out, dir.path()).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        // Same size, other bytes: only the modification time gives it away.
        std::fs::write(out.join("index.html"), "evil").unwrap();
        let stats = write(&[file("index.html", "good")], &out, dir.path()).unwrap();
        assert_eq!(stats.written, 1);
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "good"
        );
    }

    #[test]
    fn files_gone_from_the_site_are_removed_with_the_folders_they_leave_empty() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write(
            &[file("index.html", "x"), file("tags/old/index.html", "o")],
            &out,
            dir.path(),
        )
        .unwrap();
        let stats = write(
            &[file("index.html", "x"), file("tags", "now a file")],
            &out,
            dir.path(),
        )
        .unwrap();
        assert_eq!(stats.removed, 1);
        assert_eq!(
            std::fs::read_to_string(out.join("tags")).unwrap(),
            "now a file"
        );
        let manifest = std::fs::read_to_string(out.join(MANIFEST)).unwrap();
        assert!(!manifest.contains("tags/old"), "{manifest}");
    }

    #[test]
    fn a_writer_dropped_without_commit_leaves_the_output_and_no_staging() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write(&[file("index.html", "1")], &out, dir.path()).unwrap();
        let writer = Writer::begin(&out, dir.path()).unwrap();
        writer.file(&file("index.html", "2")).unwrap();
        writer.file(&file("new.html", "n")).unwrap();
        drop(writer);
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "1"
        );
        assert!(!out.join("new.html").exists());
        let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(entries.len(), 1, "only the output folder is left");
    }

    #[test]
    fn a_build_removes_the_staging_folders_killed_builds_left() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write(&[file("index.html", "1")], &out, dir.path()).unwrap();
        // What a build killed while staging leaves (its process is gone).
        let dead = dir.path().join(".site.briefing-new-999999999-1");
        std::fs::create_dir_all(dead.join("a")).unwrap();
        std::fs::write(dead.join(MANIFEST), format!("{MANIFEST_HEADER}\n")).unwrap();
        std::fs::write(dead.join("a/index.html"), "half").unwrap();
        write(&[file("index.html", "2")], &out, dir.path()).unwrap();
        assert!(!dead.exists());
        let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(entries.len(), 1, "only the output folder is left");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_output_is_written_through_and_stays_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        std::fs::create_dir(&real).unwrap();
        let link = dir.path().join("public");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write(
            &[file("index.html", "1"), file("old.html", "o")],
            &link,
            dir.path(),
        )
        .unwrap();
        write(&[file("index.html", "2")], &link, dir.path()).unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(
            std::fs::read_to_string(real.join("index.html")).unwrap(),
            "2"
        );
        assert!(!real.join("old.html").exists());
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["public", "real"], "no staging folders left");
    }

    #[cfg(unix)]
    #[test]
    fn an_unchanged_file_is_the_same_file_with_its_modification_time() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write(
            &[file("a/index.html", "same"), file("b/index.html", "old")],
            &out,
            dir.path(),
        )
        .unwrap();
        let before = std::fs::metadata(out.join("a/index.html")).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        write(
            &[file("a/index.html", "same"), file("b/index.html", "new")],
            &out,
            dir.path(),
        )
        .unwrap();
        let after = std::fs::metadata(out.join("a/index.html")).unwrap();
        assert_eq!(after.ino(), before.ino(), "a hard link to the same file");
        assert_eq!(after.modified().unwrap(), before.modified().unwrap());
        assert_eq!(
            std::fs::read_to_string(out.join("b/index.html")).unwrap(),
            "new"
        );
    }

    #[test]
    fn the_journaled_swap_commits_like_the_exchange() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write(
            &[file("index.html", "1"), file("old.html", "o")],
            &out,
            dir.path(),
        )
        .unwrap();
        let mut writer = Writer::begin(&out, dir.path()).unwrap();
        writer.exchange = false;
        let taken = vec![
            writer.file(&file("index.html", "1")).unwrap(),
            writer.file(&file("new.html", "n")).unwrap(),
        ];
        let stats = writer.commit(taken).unwrap();
        assert_eq!(
            stats,
            WriteStats {
                written: 1,
                unchanged: 1,
                removed: 1
            }
        );
        assert_eq!(std::fs::read_to_string(out.join("new.html")).unwrap(), "n");
        assert!(!out.join("old.html").exists());
        let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(entries.len(), 1, "only the output folder is left");
    }

    #[test]
    fn reads_the_manifest_lines_of_older_versions_as_unvouched() {
        assert_eq!(Recorded::parse("a/index.html"), ("a/index.html", None));
        let r = Recorded {
            size: 3,
            modified: 17,
            hash: 0xabc,
        };
        let line = r.line("a/index.html");
        assert_eq!(Recorded::parse(line.trim_end()), ("a/index.html", Some(r)));
    }
}
