//! entities stage (in progress).
