//! Ingest: raw pastes, saved web pages and URLs → Markdown articles.
//!
//! Not implemented yet: see the ingest issue.
