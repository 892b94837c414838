//! Swap: putting a staged site in place of the published one in one step,
//! and cleaning up after builds that died.
//!
//! The [`Writer`](super::Writer) stages the complete new site in a folder
//! beside the output, `.<name>.briefing-new-<pid>-<nanos>` (`<name>` is the
//! output folder's name). [`swap`] then exchanges the two folders:
//!
//! - On Linux, one `renameat2(RENAME_EXCHANGE)` swaps them atomically: at
//!   every moment the output is the old site or the new one, whatever moment
//!   the process dies. The old site is then under the staging name and is
//!   removed.
//! - Where the exchange is missing (other systems, or a file system that
//!   answers `EINVAL`), two renames do it: the output is renamed away to
//!   `.<name>.briefing-old-<pid>-<nanos>`, then the staging folder to the
//!   output. A journal beside them, `.<name>.briefing-journal`, is written
//!   before and removed after, so a build that dies between the two renames
//!   (the output is missing for that moment) is finished by the next build:
//!   [`recover`] renames the staged site, which was complete when the journal
//!   was written, into place.
//!
//! [`recover`] runs at the start of every build and also removes what dead
//! builds left: folders beside the output named like its staging or old
//! folders, whose process is gone, and which hold a briefing manifest (or
//! nothing at all, as a staging folder does in its first moment). Nothing
//! else is ever removed; a look-alike folder without a manifest stays.

use std::path::{Path, PathBuf};

use super::{io, Error, MANIFEST, MANIFEST_HEADER};

/// The marks in the names of the folders briefing makes beside an output.
const NEW: &str = "briefing-new-";
const OLD: &str = "briefing-old-";
const JOURNAL: &str = "briefing-journal";

/// A name for this build's folders: the process id (so that a later build can
/// tell a dead build's folders from a running one's) and the time.
pub(super) fn unique() -> String {
    format!(
        "{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    )
}

/// The staging folder of an output named `name` in `parent`.
pub(super) fn staging_path(parent: &Path, name: &str, unique: &str) -> PathBuf {
    parent.join(format!(".{name}.{NEW}{unique}"))
}

fn journal_path(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.{JOURNAL}"))
}

/// How the staged folder took the output's place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Swapped {
    /// One atomic exchange.
    Exchanged,
    /// Two renames under a journal.
    Journaled,
}

/// Puts `staging` (complete, manifest included) in the place of `output`,
/// which exists, and removes the previous site. On an error the output is
/// the previous site and `staging` is still there. `exchange` is false only in
/// tests that exercise the journaled way.
pub(super) fn swap(
    staging: &Path,
    output: &Path,
    name: &str,
    exchange: bool,
) -> Result<Swapped, Error> {
    if exchange && exchange_folders(staging, output).map_err(io(output))? {
        // The previous site is now under the staging name. Should removing
        // it fail, the next build removes it.
        let _ = remove_tree(staging);
        return Ok(Swapped::Exchanged);
    }
    let parent = output.parent().unwrap_or(Path::new("."));
    let old = parent.join(format!(".{name}.{OLD}{}", unique()));
    let journal = journal_path(parent, name);
    let text = format!(
        "{}\n{}\n{}\n",
        std::process::id(),
        file_name(&old),
        file_name(staging)
    );
    let partial = parent.join(format!(".{name}.{JOURNAL}.partial"));
    std::fs::write(&partial, text).map_err(io(&partial))?;
    std::fs::rename(&partial, &journal).map_err(io(&journal))?;
    std::fs::rename(output, &old).map_err(io(output))?;
    if let Err(e) = std::fs::rename(staging, output) {
        // Put the previous site back; the staging folder is left to the caller.
        let _ = std::fs::rename(&old, output);
        let _ = std::fs::remove_file(&journal);
        return Err(io(output)(e));
    }
    // Should these fail, the next build finishes them.
    let _ = std::fs::remove_file(&journal);
    let _ = remove_tree(&old);
    Ok(Swapped::Journaled)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Exchanges two folders atomically; `Ok(false)` when this system or file
/// system cannot.
#[cfg(target_os = "linux")]
fn exchange_folders(a: &Path, b: &Path) -> std::io::Result<bool> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange_folders(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// Removes one of briefing's folders, its manifest last: a removal cut
/// short leaves a folder the next build still knows as its own.
pub(super) fn remove_tree(dir: &Path) -> Result<(), Error> {
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        if entry.file_name() == MANIFEST {
            continue;
        }
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            std::fs::remove_dir_all(&path).map_err(io(&path))?;
        } else {
            std::fs::remove_file(&path).map_err(io(&path))?;
        }
    }
    let manifest = dir.join(MANIFEST);
    match std::fs::remove_file(&manifest) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(&manifest)(e)),
        _ => {}
    }
    std::fs::remove_dir(dir).map_err(io(dir))
}

/// Whether the process `pid` is still running. Where that cannot be asked,
/// every process counts as gone.
#[cfg(unix)]
fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    match rustix::process::test_kill_process(pid) {
        Ok(()) => true,
        // The process exists but belongs to someone else.
        Err(e) => e == rustix::io::Errno::PERM,
    }
}

#[cfg(not(unix))]
fn alive(pid: u32) -> bool {
    pid == std::process::id()
}

/// The process id in a folder name `<pid>-<nanos>`.
fn pid_of(suffix: &str) -> Option<u32> {
    let (pid, nanos) = suffix.split_once('-')?;
    if nanos.is_empty() || !nanos.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Whether `dir` is a folder briefing made: it holds a manifest that starts
/// with briefing's header, or it is empty, or holds only an empty manifest
/// (a staging folder killed in its first moment).
fn is_ours(dir: &Path) -> bool {
    match std::fs::read(dir.join(MANIFEST)) {
        Ok(bytes) if bytes.starts_with(MANIFEST_HEADER.as_bytes()) => true,
        Ok(bytes) if bytes.is_empty() => std::fs::read_dir(dir).is_ok_and(|d| d.count() == 1),
        Ok(_) => false,
        Err(_) => std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none()),
    }
}

/// Finishes a journaled swap that a dead build left half done, then removes
/// the staging and old folders of dead builds beside the output `name` in
/// `parent`. Returns how many folders were removed.
pub(super) fn recover(parent: &Path, name: &str, output: &Path) -> Result<usize, Error> {
    let journal = journal_path(parent, name);
    if let Ok(text) = std::fs::read_to_string(&journal) {
        let mut lines = text.lines();
        let pid = lines.next().and_then(|p| p.parse::<u32>().ok());
        let _old = lines.next();
        let new = lines.next().map(|n| parent.join(n));
        if let (Some(pid), Some(new)) = (pid, new) {
            if !alive(pid) {
                if !output.exists() && new.is_dir() {
                    // Died between the two renames: the staged site is whole.
                    std::fs::rename(&new, output).map_err(io(output))?;
                }
                std::fs::remove_file(&journal).map_err(io(&journal))?;
            }
        }
    }
    let partial = parent.join(format!(".{name}.{JOURNAL}.partial"));
    if let Ok(text) = std::fs::read_to_string(&partial) {
        let pid = text.lines().next().and_then(|p| p.parse::<u32>().ok());
        if pid.is_none_or(|pid| !alive(pid)) {
            // A journal never completed: its build did not rename anything.
            std::fs::remove_file(&partial).map_err(io(&partial))?;
        }
    }
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(0);
    };
    let prefix = format!(".{name}.");
    let mut removed = 0;
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let Some(suffix) = rest.strip_prefix(NEW).or_else(|| rest.strip_prefix(OLD)) else {
            continue;
        };
        let Some(pid) = pid_of(suffix) else {
            continue;
        };
        // A symlink is never followed into, whatever its name.
        let is_folder = entry.file_type().is_ok_and(|t| t.is_dir());
        let path = entry.path();
        // Best effort: a leftover that cannot be removed does not stop
        // the build, and the next build tries again.
        if is_folder && !alive(pid) && is_ours(&path) && remove_tree(&path).is_ok() {
            removed += 1;
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A process id no system hands out (Linux's limit is 2^22).
    const DEAD: u32 = 999_999_999;

    fn folder(path: &Path, files: &[(&str, &str)]) {
        std::fs::create_dir_all(path).unwrap();
        for (name, text) in files {
            std::fs::write(path.join(name), text).unwrap();
        }
    }

    fn header() -> String {
        format!("{MANIFEST_HEADER}\nindex.html\n")
    }

    #[test]
    fn removes_the_folders_of_dead_builds_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        let out = p.join("site");
        let staged = p.join(format!(".site.briefing-new-{DEAD}-1"));
        folder(&staged, &[(MANIFEST, &header()), ("index.html", "x")]);
        let old = p.join(format!(".site.briefing-old-{DEAD}-2"));
        folder(&old, &[(MANIFEST, &header()), ("index.html", "y")]);
        let empty = p.join(format!(".site.briefing-new-{DEAD}-3"));
        folder(&empty, &[]);
        // Look-alikes that are not briefing's, or not dead, or another output's.
        let no_manifest = p.join(format!(".site.briefing-new-{DEAD}-4"));
        folder(&no_manifest, &[("thesis.docx", "mine")]);
        let running = p.join(format!(".site.briefing-new-{}-5", std::process::id()));
        folder(&running, &[(MANIFEST, &header())]);
        let other = p.join(format!(".public.briefing-new-{DEAD}-6"));
        folder(&other, &[(MANIFEST, &header())]);
        let odd = p.join(".site.briefing-new-backup");
        folder(&odd, &[(MANIFEST, &header())]);

        assert_eq!(recover(p, "site", &out).unwrap(), 3);
        for gone in [&staged, &old, &empty] {
            assert!(!gone.exists(), "{}", gone.display());
        }
        for kept in [&no_manifest, &running, &other, &odd] {
            assert!(kept.exists(), "{}", kept.display());
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_named_like_a_staging_folder_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        let precious = p.join("precious");
        folder(&precious, &[(MANIFEST, &header()), ("index.html", "x")]);
        std::os::unix::fs::symlink(&precious, p.join(format!(".site.briefing-new-{DEAD}-1")))
            .unwrap();
        assert_eq!(recover(p, "site", &p.join("site")).unwrap(), 0);
        assert!(precious.join("index.html").exists());
    }

    #[test]
    fn the_journaled_swap_replaces_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        let out = p.join("site");
        folder(&out, &[(MANIFEST, &header()), ("index.html", "old")]);
        let staged = staging_path(p, "site", &unique());
        folder(&staged, &[(MANIFEST, &header()), ("index.html", "new")]);
        assert_eq!(
            swap(&staged, &out, "site", false).unwrap(),
            Swapped::Journaled
        );
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "new"
        );
        assert_eq!(
            std::fs::read_dir(p).unwrap().count(),
            1,
            "only the output is left"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_exchange_replaces_the_output_in_one_step() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        let out = p.join("site");
        folder(&out, &[(MANIFEST, &header()), ("index.html", "old")]);
        let staged = staging_path(p, "site", &unique());
        folder(&staged, &[(MANIFEST, &header()), ("index.html", "new")]);
        assert_eq!(
            swap(&staged, &out, "site", true).unwrap(),
            Swapped::Exchanged
        );
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "new"
        );
        assert_eq!(
            std::fs::read_dir(p).unwrap().count(),
            1,
            "only the output is left"
        );
    }

    #[test]
    fn a_journaled_swap_cut_between_its_renames_is_finished_by_the_next_build() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        let out = p.join("site");
        // The state a build killed after its first rename leaves.
        let old = p.join(format!(".site.briefing-old-{DEAD}-1"));
        folder(&old, &[(MANIFEST, &header()), ("index.html", "old")]);
        let staged = p.join(format!(".site.briefing-new-{DEAD}-2"));
        folder(&staged, &[(MANIFEST, &header()), ("index.html", "new")]);
        std::fs::write(
            journal_path(p, "site"),
            format!("{DEAD}\n{}\n{}\n", file_name(&old), file_name(&staged)),
        )
        .unwrap();
        recover(p, "site", &out).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "new"
        );
        assert_eq!(
            std::fs::read_dir(p).unwrap().count(),
            1,
            "only the output is left"
        );
    }

    #[test]
    fn a_journaled_swap_cut_before_its_renames_leaves_the_old_site() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        let out = p.join("site");
        folder(&out, &[(MANIFEST, &header()), ("index.html", "old")]);
        let staged = p.join(format!(".site.briefing-new-{DEAD}-2"));
        folder(&staged, &[(MANIFEST, &header()), ("index.html", "new")]);
        std::fs::write(
            journal_path(p, "site"),
            format!(
                "{DEAD}\n.site.briefing-old-{DEAD}-1\n{}\n",
                file_name(&staged)
            ),
        )
        .unwrap();
        recover(p, "site", &out).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "old"
        );
        assert_eq!(
            std::fs::read_dir(p).unwrap().count(),
            1,
            "only the output is left"
        );
    }
}
