//! The hash of in-memory keys: the caches, memos and page inputs of
//! incremental rebuilds compare values by it from one build to the next.
//!
//! xxh3, several times faster than the standard library's SipHash on the
//! short values hashed here. These hashes never leave the process (the output
//! manifest hashes file bytes itself), so the choice can change freely.

use std::hash::{Hash, Hasher};

/// The hasher for values hashed field by field, in a loop.
pub(crate) use xxhash_rust::xxh3::Xxh3Default as KeyHasher;

/// A hash of `value` (a tuple, for several values).
pub(crate) fn hash_of<T: Hash>(value: T) -> u64 {
    let mut h = KeyHasher::new();
    value.hash(&mut h);
    h.finish()
}

mod bytes;

pub(crate) use bytes::hash_of_serialized;
