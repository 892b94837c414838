//! Watching the site's sources and turning bursts of events into one change.
//!
//! [`Watcher`] watches `content/`, `templates/`, `static/` and `themes/`
//! (recursively) and the site root itself (for `briefing.yaml`, and for those
//! folders appearing later). [`Watcher::next_changes`] waits for an event, then keeps
//! collecting until no event came for [`QUIET`] (or the shorter [`SETTLE`]
//! after an event that ends a write), and returns the batch as one
//! [`Changes`]: an editor's atomic save (temporary file, rename) or a
//! `git checkout` touching a thousand files ends in one rebuild. Editor
//! temporary files and everything outside the watched folders are ignored.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind, RenameMode};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use super::incremental::Changes;
use super::Error;
use crate::config::CONFIG_FILE;

/// How long the sources must stay quiet before a batch is rebuilt, while
/// the last event may be followed by more of the same write (a file created
/// or written to, but not yet closed). Editors' saves come as a few events
/// within a millisecond or two, a checkout as a stream with gaps of a few
/// milliseconds; 25 ms covers both.
pub const QUIET: Duration = Duration::from_millis(25);

/// The same after an event that ends a write (a file closed after writing,
/// renamed into place or removed): the file is whole, and only another file
/// of the same burst could still follow, within a few milliseconds. Waiting
/// less here keeps an edit's reload well under the 50 ms it may take.
pub const SETTLE: Duration = Duration::from_millis(10);

/// A batch never waits longer than this, even if events keep coming
/// (a process writing continuously must not block the preview forever).
pub const MAX_WAIT: Duration = Duration::from_secs(2);

/// The folders under the root whose changes rebuild the site.
const WATCHED: [&str; 4] = ["content", "templates", "static", "themes"];

/// What one batch of events amounts to.
#[derive(Debug, Default)]
struct Batch {
    changes: Changes,
    /// Templates or static files changed (the theme is reloaded on every
    /// rebuild, so this only asks for one).
    theme: bool,
}

/// The file-system watcher with its event channel.
pub struct Watcher {
    root: PathBuf,
    watcher: RecommendedWatcher,
    events: mpsc::Receiver<notify::Result<notify::Event>>,
    watching: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Starts watching the site at `root` (canonicalized by the caller).
    pub fn start(root: &Path) -> Result<Watcher, Error> {
        let (tx, events) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = tx.send(event);
        })
        .map_err(|e| Error::Watch(e.to_string()))?;
        watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| Error::Watch(e.to_string()))?;
        let mut w = Watcher {
            root: root.to_path_buf(),
            watcher,
            events,
            watching: BTreeSet::new(),
        };
        w.watch_folders();
        Ok(w)
    }

    /// Watches the folders of [`WATCHED`] that exist and are not watched yet.
    fn watch_folders(&mut self) {
        for name in WATCHED {
            let dir = self.root.join(name);
            if dir.is_dir() {
                if !self.watching.contains(&dir)
                    && self.watcher.watch(&dir, RecursiveMode::Recursive).is_ok()
                {
                    self.watching.insert(dir);
                }
            } else if self.watching.remove(&dir) {
                let _ = self.watcher.unwatch(&dir);
            }
        }
    }

    /// Blocks until sources changed, and returns the whole batch. `None`
    /// when the watcher stopped.
    pub fn next_changes(&mut self) -> Option<Changes> {
        loop {
            let first = self.events.recv().ok()?;
            let mut batch = Batch::default();
            let mut quiet = quiet_after(&first);
            self.add(&mut batch, first);
            let started = Instant::now();
            loop {
                let left = MAX_WAIT.saturating_sub(started.elapsed());
                if left.is_zero() {
                    break;
                }
                match self.events.recv_timeout(quiet.min(left)) {
                    Ok(event) => {
                        quiet = quiet_after(&event);
                        self.add(&mut batch, event);
                    }
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return None,
                }
            }
            self.watch_folders();
            let c = &batch.changes;
            if c.config || c.rescan || !c.content.is_empty() || batch.theme {
                let mut changes = batch.changes;
                changes.content.sort();
                changes.content.dedup();
                return Some(changes);
            }
        }
    }

    fn add(&self, batch: &mut Batch, event: notify::Result<notify::Event>) {
        let event = match event {
            Ok(e) => e,
            Err(_) => {
                batch.changes.rescan = true;
                return;
            }
        };
        if event.need_rescan() {
            batch.changes.rescan = true;
        }
        if !changes_files(&event.kind) {
            return;
        }
        for path in &event.paths {
            let Ok(rel) = path.strip_prefix(&self.root) else {
                continue;
            };
            match classify(rel) {
                Some(Source::Config) => batch.changes.config = true,
                Some(Source::Content) => batch.changes.content.push(rel.to_path_buf()),
                Some(Source::Theme) => batch.theme = true,
                None => {}
            }
        }
    }
}

/// How long to wait for more events after this one: [`SETTLE`] when it
/// ends a write, else [`QUIET`].
fn quiet_after(event: &notify::Result<notify::Event>) -> Duration {
    match event.as_ref().map(|e| e.kind) {
        Ok(
            EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
            | EventKind::Remove(_),
        ) => SETTLE,
        _ => QUIET,
    }
}

/// Whether an event may have changed a file. Reads are not changes: the
/// rebuild itself reads `briefing.yaml` and the sources, and counting those
/// reads would start the next rebuild, forever.
fn changes_files(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

/// What a changed path is a source of.
#[derive(Debug, PartialEq, Eq)]
enum Source {
    Config,
    Content,
    Theme,
}

fn classify(rel: &Path) -> Option<Source> {
    let name = rel.file_name()?.to_string_lossy();
    if is_editor_temp(&name) {
        return None;
    }
    if rel == Path::new(CONFIG_FILE) {
        return Some(Source::Config);
    }
    match rel.components().next()?.as_os_str().to_str()? {
        "content" => Some(Source::Content),
        "templates" | "static" | "themes" => Some(Source::Theme),
        _ => None,
    }
}

/// Files editors write beside the one being saved: swap and backup files,
/// Emacs lock files, and the file Vim creates to test a folder (`4913`).
fn is_editor_temp(name: &str) -> bool {
    name.ends_with('~')
        || name.starts_with(".#")
        || name == "4913"
        || [".swp", ".swx", ".swo", ".tmp", ".crswap"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_a_file_is_not_a_change() {
        // Regression: the rebuild's own reads of briefing.yaml started the next rebuild.
        assert!(!changes_files(&EventKind::Access(AccessKind::Open(
            AccessMode::Read
        ))));
        assert!(!changes_files(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(changes_files(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(changes_files(&EventKind::Modify(ModifyKind::Any)));
    }

    #[test]
    fn waits_less_after_an_event_that_ends_a_write() {
        use notify::event::{CreateKind, DataChange, RemoveKind};
        let event = |kind| Ok(notify::Event::new(kind));
        for kind in [
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            EventKind::Remove(RemoveKind::File),
        ] {
            assert_eq!(quiet_after(&event(kind)), SETTLE, "{kind:?}");
        }
        for kind in [
            EventKind::Create(CreateKind::File),
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            EventKind::Modify(ModifyKind::Name(RenameMode::From)),
        ] {
            assert_eq!(quiet_after(&event(kind)), QUIET, "{kind:?}");
        }
        assert_eq!(quiet_after(&Err(notify::Error::generic("lost"))), QUIET);
        assert!(SETTLE < QUIET);
    }

    #[test]
    fn ignores_editor_temporary_files() {
        for name in [".x.md.swp", "x.md~", ".#x.md", "4913", "x.md.tmp"] {
            assert_eq!(
                classify(&Path::new("content/articles").join(name)),
                None,
                "{name}"
            );
        }
    }

    #[test]
    fn sorts_paths_into_config_content_and_theme() {
        assert_eq!(classify(Path::new("briefing.yaml")), Some(Source::Config));
        assert_eq!(
            classify(Path::new("content/articles/a.md")),
            Some(Source::Content)
        );
        assert_eq!(
            classify(Path::new("templates/base.html")),
            Some(Source::Theme)
        );
        assert_eq!(
            classify(Path::new("themes/x/static/a.css")),
            Some(Source::Theme)
        );
        assert_eq!(classify(Path::new("site/index.html")), None);
        assert_eq!(classify(Path::new("target/debug/x")), None);
    }
}
