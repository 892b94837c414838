//! Hashing what a value serializes to, for the page keys of incremental
//! rendering: a serde serializer that writes an unambiguous byte form (tags,
//! lengths, contents; no text escaping) into a buffer hashed in one call.

/// A hash of what `value` serializes to: what a template receives, without
/// building it. The serialized form is written as plain bytes (lengths,
/// then contents; no text escaping) into a buffer hashed in one call.
pub(crate) fn hash_of_serialized<T: serde::Serialize + ?Sized>(value: &T) -> u64 {
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BUFFER.with(|cell| {
        let mut buffer = cell.borrow_mut();
        buffer.clear();
        // Our serializer never fails, and contexts hold nothing that fails
        // to serialize.
        value
            .serialize(&mut Bytes(&mut buffer))
            .expect("contexts serialize");
        let hash = xxhash_rust::xxh3::xxh3_64(&buffer);
        // Keep a large page's buffer from staying with the thread.
        if buffer.capacity() > 1 << 20 {
            *buffer = Vec::new();
        }
        hash
    })
}

/// A serializer that appends an unambiguous byte form of a value.
struct Bytes<'b>(&'b mut Vec<u8>);

#[derive(Debug)]
struct Never;

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("cannot serialize")
    }
}

impl std::error::Error for Never {}

impl serde::ser::Error for Never {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        Never
    }
}

impl Bytes<'_> {
    fn tag(&mut self, tag: u8) {
        self.0.push(tag);
    }

    fn len(&mut self, n: usize) {
        self.0.extend_from_slice(&(n as u64).to_le_bytes());
    }

    fn text(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
}

macro_rules! numbers {
    ($($method:ident: $t:ty => $tag:expr),* $(,)?) => {
        $(fn $method(self, v: $t) -> Result<(), Never> {
            self.tag($tag);
            self.0.extend_from_slice(&v.to_le_bytes());
            Ok(())
        })*
    };
}

impl serde::Serializer for &mut Bytes<'_> {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    numbers! {
        serialize_i8: i8 => 1, serialize_i16: i16 => 1, serialize_i32: i32 => 1, serialize_i64: i64 => 1,
        serialize_u8: u8 => 2, serialize_u16: u16 => 2, serialize_u32: u32 => 2, serialize_u64: u64 => 2,
        serialize_f32: f32 => 3, serialize_f64: f64 => 3, serialize_i128: i128 => 1, serialize_u128: u128 => 2,
    }

    fn serialize_bool(self, v: bool) -> Result<(), Never> {
        self.tag(4 + u8::from(v));
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Never> {
        self.tag(6);
        self.0.extend_from_slice(&(v as u32).to_le_bytes());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Never> {
        self.tag(7);
        self.text(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Never> {
        self.tag(8);
        self.len(v.len());
        self.0.extend_from_slice(v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Never> {
        self.tag(9);
        Ok(())
    }
    fn serialize_some<T: serde::Serialize + ?Sized>(self, v: &T) -> Result<(), Never> {
        self.tag(10);
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Never> {
        self.tag(11);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Never> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
    ) -> Result<(), Never> {
        self.serialize_u32(index)
    }
    fn serialize_newtype_struct<T: serde::Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Never> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: serde::Serialize + ?Sized>(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        v: &T,
    ) -> Result<(), Never> {
        self.serialize_u32(index)?;
        v.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Never> {
        self.tag(12);
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Never> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        self.serialize_u32(index)?;
        self.serialize_seq(None)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Never> {
        self.tag(13);
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        self.serialize_u32(index)?;
        self.serialize_map(None)
    }
}

/// Elements and fields are each preceded by a mark and the sequence or map
/// ends with one, so that nested values cannot be confused.
impl serde::ser::SerializeSeq for &mut Bytes<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_element<T: serde::Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Never> {
        self.tag(14);
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Never> {
        self.tag(15);
        Ok(())
    }
}

/// Tuples of every kind are sequences.
macro_rules! as_sequence {
    ($($trait:ident :: $method:ident),*) => {
        $(impl serde::ser::$trait for &mut Bytes<'_> {
            type Ok = ();
            type Error = Never;
            fn $method<T: serde::Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Never> {
                serde::ser::SerializeSeq::serialize_element(self, v)
            }
            fn end(self) -> Result<(), Never> {
                serde::ser::SerializeSeq::end(self)
            }
        })*
    };
}

as_sequence!(
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl serde::ser::SerializeMap for &mut Bytes<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: serde::Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Never> {
        self.tag(16);
        k.serialize(&mut **self)
    }
    fn serialize_value<T: serde::Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Never> {
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Never> {
        self.tag(17);
        Ok(())
    }
}

impl serde::ser::SerializeStruct for &mut Bytes<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: serde::Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Never> {
        self.tag(16);
        self.text(key);
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Never> {
        serde::ser::SerializeMap::end(self)
    }
}

impl serde::ser::SerializeStructVariant for &mut Bytes<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: serde::Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Never> {
        serde::ser::SerializeStruct::serialize_field(self, key, v)
    }
    fn end(self) -> Result<(), Never> {
        serde::ser::SerializeMap::end(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Page<'a> {
        title: &'a str,
        items: Vec<Vec<&'a str>>,
        note: Option<&'a str>,
    }

    #[test]
    fn serialized_hashes_tell_apart_values_that_print_alike() {
        let a = Page {
            title: "ab",
            items: vec![vec!["c"]],
            note: None,
        };
        let b = Page {
            title: "a",
            items: vec![vec!["bc"]],
            note: None,
        };
        let c = Page {
            title: "ab",
            items: vec![vec![], vec!["c"]],
            note: None,
        };
        let d = Page {
            title: "ab",
            items: vec![vec!["c"]],
            note: Some(""),
        };
        let hashes = [&a, &b, &c, &d].map(hash_of_serialized);
        for i in 0..hashes.len() {
            for j in i + 1..hashes.len() {
                assert_ne!(hashes[i], hashes[j], "{i} and {j}");
            }
        }
        let again = Page {
            title: "ab",
            items: vec![vec!["c"]],
            note: None,
        };
        assert_eq!(hash_of_serialized(&a), hash_of_serialized(&again));
    }
}
