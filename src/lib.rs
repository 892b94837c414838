//! briefing: a static briefing-site generator.
//!
//! News articles (Markdown with YAML front matter) go in; a static site comes
//! out in which every person, country, city and organization an article
//! mentions links to an entity page gathering all its mentions.
//!
//! The modules follow the path of the data:
//! `ingest` (raw pastes → Markdown) → [`content`] (front matter) → [`entities`]
//! (registry and mention detection) → [`markdown`] (HTML, links, TOC) →
//! [`site`] (the model and its indexes) → [`render`] (Tera themes) →
//! [`output`] (atomic writing, link checking). [`diagnostics`] is shared by all.
//! [`serve`] runs the same stages again on every change, for the preview server.
//!
//! ```no_run
//! let options = briefing::BuildOptions::new("my-briefing");
//! match briefing::build(&options) {
//!     Ok(summary) => println!("{} pages", summary.pages),
//!     Err(report) => eprintln!("{}", report.render(&options.root)),
//! }
//! ```

// Shared by every stage.
pub mod diagnostics;
pub mod guard;
mod hash;
pub mod sentences;
pub mod slug;
pub mod yaml;

// The stages, in the order the data flows.
pub mod config;
pub mod content;
pub mod entities;
pub mod ingest;
pub mod markdown;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod site;

// Beside the pipeline: the preview server and the tools around it.
pub mod corpus;
pub mod init;
pub mod mentions;
pub mod review;
pub mod serve;
pub mod timings;

pub use pipeline::{build, check, generate, BuildOptions, BuildSummary, Generated};
