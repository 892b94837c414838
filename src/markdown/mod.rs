//! markdown stage (in progress).
