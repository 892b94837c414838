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
    // Most paragraphs of an article are plain sentences: no parser needed.
    if is_unmarked(markdown) {
        return collapse_whitespace(markdown);
    }
    parsed_plain_text(markdown)
}

/// [`plain_text`] by the Markdown parser.
fn parsed_plain_text(markdown: &str) -> String {
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

/// Characters that may be Markdown anywhere in a line: emphasis, code,
/// links and images, HTML and autolinks, entities, escapes, tables,
/// strikethrough.
const INLINE_MARKUP: &[char] = &['\\', '*', '_', '[', ']', '`', '<', '>', '&', '|', '~'];

/// Whether `markdown` is text without any markup, whose plain text is
/// itself with its whitespace collapsed: no character that may be inline
/// markup, and no line that may open a block (a list item, a heading, a
/// quote, a code block, a heading's underline).
fn is_unmarked(markdown: &str) -> bool {
    !markdown.contains(INLINE_MARKUP)
        && markdown.lines().all(|line| {
            let text = line.trim_start_matches(' ');
            line.len() - text.len() < 4
                && !text.starts_with(['\t', '-', '+', '#', '=', '*'])
                && !opens_ordered_item(text)
        })
}

/// Whether a line opens with an ordered list's marker: `1.`, `12)`.
fn opens_ordered_item(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && line[digits..].starts_with(['.', ')'])
}

pub(super) fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every paragraph of the Markdown files and real pastes under `dir`.
    fn paragraphs(dir: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                paragraphs(&path, out);
            } else if path.extension().is_some_and(|e| e == "md" || e == "txt") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                out.extend(text.split("\n\n").map(str::to_string));
            }
        }
    }

    #[test]
    fn plain_text_without_the_parser_is_the_parsers_plain_text() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut all = Vec::new();
        paragraphs(&root.join("content"), &mut all);
        paragraphs(&root.join("tests/fixtures"), &mut all);
        all.extend(
            [
                "1. first item",
                "12) twelfth",
                "# Heading",
                "    indented code",
                "\tcode",
                "Text with *emphasis*",
                "Fish &amp; chips",
                "A title\n---",
                "A title\n===",
                "- item",
                "+ item",
                "> quoted",
                "line one  \nline two",
                "Die Regierung hat am Montag beschlossen.\nZweite Zeile.",
            ]
            .map(str::to_string),
        );
        assert!(all.len() > 1000, "{} paragraphs", all.len());
        let unmarked = all.iter().filter(|p| is_unmarked(p)).count();
        assert!(unmarked * 2 > all.len(), "{unmarked} of {}", all.len());
        for p in &all {
            assert_eq!(plain_text(p), parsed_plain_text(p), "{p:?}");
        }
    }
}
