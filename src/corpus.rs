//! Corpus generator (in progress).
