//! Plain text: summaries cut at a word, Markdown reduced to text, word
//! counts of text given in pieces, and the sentence around a mention.

use pulldown_cmark::{Event, Parser, TagEnd};
use serde::Serialize;

/// A sentence split around a mention: `before`, the mention `text`, `after`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Snippet {
    pub before: String,
    pub text: String,
    pub after: String,
}

/// How many mentions of one entity in one text keep their sentence.
pub const CONTEXTS_PER_ENTITY: usize = 3;
/// Longest context kept on either side of a mention, in characters.
pub const CONTEXT_CHARS: usize = 160;

/// `text` cut to at most `max` characters at a word boundary, with "…" when
/// something was cut (for summaries in article lists).
pub fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((cut, _)) => {
            let head = &text[..cut];
            let head = match head.rfind(char::is_whitespace) {
                Some(space) if space > 0 => &head[..space],
                _ => head,
            };
            let head = head.trim_end_matches([',', ';', ':', '–', '-', ' ']);
            format!("{head}…")
        }
    }
}

/// Plain text of Markdown (for titles and summaries written in front matter).
pub fn plain_text(markdown: &str) -> String {
    let mut text = String::new();
    for event in Parser::new_ext(markdown, super::options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph) => text.push(' '),
            _ => {}
        }
    }
    collapse_whitespace(&text)
}

pub(super) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Counts the words of a text given in pieces, as `split_whitespace` would
/// count them in the pieces joined, without keeping the text.
#[derive(Debug, Default)]
pub(super) struct WordCount {
    pub(super) words: usize,
    in_word: bool,
}

impl WordCount {
    pub(super) fn push_str(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.in_word = false;
            } else if !self.in_word {
                self.in_word = true;
                self.words += 1;
            }
        }
    }

    /// A break between words.
    pub(super) fn space(&mut self) {
        self.in_word = false;
    }
}

/// The sentence around `text[start..end]`, cut to [`CONTEXT_CHARS`] on each
/// side, and where that sentence starts in `text` (two mentions in one
/// sentence share it). Sentences end as [`crate::sentences`] says: not at
/// "Oct.", "Dr.", "U.S." or "z. B.".
pub(super) fn snippet(text: &str, start: usize, end: usize) -> (Snippet, usize) {
    let (sentence_start, sentence_end) = crate::sentences::around(text, start, end);
    let cut_left = |s: &str| -> String {
        let chars: Vec<char> = s.chars().collect();
        if chars.len() <= CONTEXT_CHARS {
            s.to_string()
        } else {
            let kept: String = chars[chars.len() - CONTEXT_CHARS..].iter().collect();
            // Start at a word: drop the cut word.
            let from_word = kept.find(' ').map_or(kept.as_str(), |i| &kept[i + 1..]);
            format!("…{from_word}")
        }
    };
    let cut_right = |s: &str| -> String {
        if s.chars().count() <= CONTEXT_CHARS {
            s.to_string()
        } else {
            let kept: String = s.chars().take(CONTEXT_CHARS).collect();
            let to_word = kept.rfind(' ').map_or(kept.as_str(), |i| &kept[..i]);
            format!("{to_word}…")
        }
    };
    let snippet = Snippet {
        before: cut_left(&text[sentence_start..start]),
        text: text[start..end].to_string(),
        after: cut_right(&text[end..sentence_end]),
    };
    (snippet, sentence_start)
}
