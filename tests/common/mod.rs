//! Helpers for the integration tests: copy a fixture site to a temporary
//! folder, run the `briefing` binary on it, and read what it wrote.

#![allow(dead_code)]

pub mod scoring;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sites")
        .join(name)
}

/// A copy of a fixture site in a fresh temporary folder.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    pub fn copy_of(name: &str) -> Site {
        Site::copy_from(&fixture(name))
    }

    pub fn copy_from(source: &Path) -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(source, dir.path());
        Site { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_briefing"))
            .arg("--root")
            .arg(self.root())
            .args(args)
            .output()
            .unwrap();
        Run {
            output,
            root: self.root().to_path_buf(),
        }
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel))
            .unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    /// Every file under `rel` with its bytes.
    pub fn tree(&self, rel: &str) -> BTreeMap<String, Vec<u8>> {
        tree(&self.root().join(rel))
    }
}

pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    if !dir.exists() {
        return files;
    }
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The result of one run of the binary.
pub struct Run {
    pub output: Output,
    root: PathBuf,
}

impl Run {
    pub fn success(&self) -> bool {
        self.output.status.success()
    }

    /// Standard error with the temporary root replaced by `[ROOT]` and build
    /// times by `[MS]`, stable enough for snapshots.
    pub fn stderr(&self) -> String {
        let text = String::from_utf8_lossy(&self.output.stderr).into_owned();
        let text = text.replace(&self.root.display().to_string(), "[ROOT]");
        regex::Regex::new(r"in \d+ ms")
            .unwrap()
            .replace_all(&text, "in [MS] ms")
            .into_owned()
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    #[track_caller]
    pub fn assert_ok(&self) -> &Self {
        assert!(self.success(), "expected success, got:\n{}", self.stderr());
        self
    }

    #[track_caller]
    pub fn assert_failed(&self) -> &Self {
        assert!(
            !self.success(),
            "expected failure, got success:\n{}",
            self.stderr()
        );
        self
    }
}
