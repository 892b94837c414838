//! The build pipeline (in progress).
use std::path::{Path, PathBuf};

use crate::diagnostics::Report;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
}

impl BuildOptions {
    pub fn new(root: impl AsRef<Path>) -> Self {
        BuildOptions {
            root: root.as_ref().to_path_buf(),
            output: None,
            base_url: None,
            drafts: false,
        }
    }
}

#[derive(Debug, Default)]
pub struct BuildSummary {
    pub pages: usize,
    pub articles: usize,
    pub entities: usize,
    pub output: PathBuf,
    pub millis: u128,
    pub warnings: Report,
}

pub fn build(_o: &BuildOptions) -> Result<BuildSummary, Report> {
    Ok(BuildSummary::default())
}

pub fn check(_o: &BuildOptions) -> Result<BuildSummary, Report> {
    Ok(BuildSummary::default())
}
