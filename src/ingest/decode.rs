//! Bytes → text: refuses empty, binary and oversized input, reads UTF-8 and
//! falls back to Windows-1252 (the encoding of pastes saved by old Windows editors).
//!
//! ```
//! use briefing::ingest::decode::{decode, Decoded};
//! let Decoded { text, not_utf8_line } = decode("a.txt", b"Gr\xfc\xdfe").unwrap();
//! assert_eq!(text, "Grüße");
//! assert_eq!(not_utf8_line, Some(1));
//! ```

use super::Error;

/// Largest input accepted: a long article is about 100 KB and a saved page a few
/// MB; anything above 10 MB is not an article.
pub const MAX_INPUT_BYTES: u64 = 10 * 1024 * 1024;

/// Decoded text and, when it was not UTF-8, the line of the first bad byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub not_utf8_line: Option<usize>,
}

/// Decodes `bytes` read from `input` (named in errors).
pub fn decode(input: &str, bytes: &[u8]) -> Result<Decoded, Error> {
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            input: input.to_string(),
            size: bytes.len() as u64,
            limit: MAX_INPUT_BYTES,
        });
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Some(offset) = bytes.iter().position(|&b| is_binary_byte(b)) {
        return Err(Error::Binary {
            input: input.to_string(),
            offset,
        });
    }
    let decoded = match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: text.to_string(),
            not_utf8_line: None,
        },
        Err(e) => {
            let bad = e.valid_up_to();
            let line = bytes[..bad].iter().filter(|&&b| b == b'\n').count() + 1;
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Decoded {
                text: text.into_owned(),
                not_utf8_line: Some(line),
            }
        }
    };
    if decoded.text.trim().is_empty() {
        return Err(Error::Empty {
            input: input.to_string(),
        });
    }
    Ok(decoded)
}

/// Control bytes that never occur in text (tab, line feed, carriage return and
/// form feed do).
fn is_binary_byte(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0e..=0x1a | 0x1c..=0x1f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_an_empty_file() {
        assert!(matches!(
            decode("a.txt", b" \n\n"),
            Err(Error::Empty { .. })
        ));
    }

    #[test]
    fn refuses_binary_content_naming_the_offset() {
        let err = decode("a.txt", b"PK\x03\x04rest").unwrap_err();
        assert!(matches!(err, Error::Binary { offset: 2, .. }));
    }

    #[test]
    fn refuses_input_over_the_size_limit() {
        let big = vec![b'a'; MAX_INPUT_BYTES as usize + 1];
        assert!(matches!(decode("a.txt", &big), Err(Error::TooLarge { .. })));
    }

    #[test]
    fn reads_windows_1252_with_the_line_of_the_first_bad_byte() {
        let d = decode("a.txt", b"ok\n\x84Zitat\x93 \x96 gut").unwrap();
        assert_eq!(d.text, "ok\n„Zitat“ – gut");
        assert_eq!(d.not_utf8_line, Some(2));
    }

    #[test]
    fn strips_a_byte_order_mark() {
        let d = decode("a.txt", "\u{feff}Text".as_bytes()).unwrap();
        assert_eq!(d.text, "Text");
        assert_eq!(d.not_utf8_line, None);
    }
}
