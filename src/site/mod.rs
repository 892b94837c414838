//! site stage (in progress).
pub mod urls;
