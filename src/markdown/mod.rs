//! Markdown: an article or profile body → HTML with entity links, heading ids,
//! a table of contents, a summary and a word count.
//!
//! Entry point: [`render`]. It parses with pulldown-cmark (tables, footnotes,
//! strikethrough, task lists, heading attributes, wikilinks) and rewrites the
//! event stream:
//!
//! - text in paragraphs, lists, quotes and tables is collected block by block,
//!   and the blocks of the whole article go through
//!   [`Registry::detect_article`] at once (short names and homographs depend on
//!   the rest of the article); a mention becomes a link according to the link
//!   policy (never inside code, links, raw HTML, headings or image text);
//! - `[[Name]]` and `[[text|Name]]` link to the named entity; an unknown name
//!   is an [`Error`] with the file line and column;
//! - headings get ids (written `{#id}` or derived from the text) and feed the
//!   table of contents;
//! - fenced code is highlighted by [`highlight`].
//!
//! Modules: `links` (entity links and wikilinks), `headings` (ids and the
//! table of contents), `text` (plain text, word counts, mention sentences),
//! `error` (what a body can get wrong).

mod error;
mod headings;
pub mod highlight;
mod links;
pub mod sanitize;
mod text;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::config::LinkPolicy;
use crate::diagnostics::{Diagnostic, ToDiagnostic};
use crate::entities::{EntityId, Registry, Rule};

pub use error::Error;
pub use highlight::{escape_html, escape_html_into};
pub use sanitize::Html;
use text::{collapse_whitespace, WordCount};
pub use text::{plain_text, shorten, Snippet, CONTEXTS_PER_ENTITY, CONTEXT_CHARS};

/// Average reading speed used for `reading_minutes`, in words per minute.
pub const WORDS_PER_MINUTE: usize = 200;

/// What to render and how to link it.
pub struct Input<'a> {
    /// The file, relative to the site root (for errors).
    pub path: &'a Path,
    pub body: &'a str,
    /// File line on which `body` starts.
    pub body_line: usize,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

/// The entity side of rendering.
pub struct Linker<'a> {
    pub registry: &'a Registry,
    /// URL of each entity page, indexed by [`EntityId`].
    pub urls: &'a [String],
    pub policy: LinkPolicy,
    /// Entities never linked automatically here (`no_link`, or a profile's own entity).
    pub no_link: HashSet<EntityId>,
    /// The text's language (`de`, `en`).
    pub language: &'a str,
    /// Link a capital standing for its government to the country.
    pub metonyms_to_country: bool,
    /// Which entities have a page; `None` when every entity has one.
    pub has_page: Option<&'a [bool]>,
    /// What raw HTML in the body may publish.
    pub html: &'a Html,
}

/// A table-of-contents entry; `children` are the headings one level below.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// A mention found while rendering, with its position in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundMention {
    pub entity: EntityId,
    pub rule: Rule,
    /// Byte range in the file; `file[start..end]` is the surface as written
    /// (both 0 for mentions from front matter).
    pub start: usize,
    pub end: usize,
    pub linked: bool,
    /// The sentence around the mention, for the first few mentions of each
    /// entity in a text. Boxed: most mentions have none, and a site holds
    /// hundreds of thousands of mentions.
    pub context: Option<Box<Snippet>>,
}

/// A rendered body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Plain text of the first paragraph.
    pub first_paragraph: String,
    pub words: usize,
    pub mentions: Vec<FoundMention>,
    /// Unknown wikilink targets (errors) and ambiguous forms (warnings).
    pub errors: Vec<Error>,
}

impl Rendered {
    pub fn reading_minutes(&self) -> usize {
        self.words.div_ceil(WORDS_PER_MINUTE).max(1)
    }
}

pub(super) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
}

/// Renders a Markdown body.
pub fn render(input: &Input, linker: &Linker) -> Rendered {
    let mut state = State {
        input,
        linker,
        out: Vec::new(),
        segments: Vec::new(),
        rendered: Rendered::default(),
        linked: HashSet::new(),
        pending: Pending::default(),
        heading_ids: HashMap::new(),
        flat_toc: Vec::new(),
        paragraph_text: None,
        opaque: 0,
        dropped: Vec::new(),
        raw_html: false,
        words: WordCount::default(),
        lines: std::cell::OnceCell::new(),
    };
    let mut events = Parser::new_ext(input.body, options()).into_offset_iter();
    // Headings and wikilinks take their inner events whole; everything else
    // is rewritten event by event.
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                ..
            }) => {
                state.flush();
                let inner = collect_until_end(&mut events);
                state.wikilink(&dest_url, has_pothole, &inner, range);
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                state.flush();
                let inner = collect_until_end(&mut events);
                state.heading(level, id, classes, attrs, inner);
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                state.flush();
                let inner = collect_until_end(&mut events);
                let code: String = inner
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or(""),
                    CodeBlockKind::Indented => "",
                };
                state.push(Event::Html(highlight::code_block(&code, lang).into()));
            }
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                // Link and image text is passed through untouched; a link
                // or image to a script URL is left out, its text kept.
                state.flush();
                state.opaque += 1;
                let dangerous = match &tag {
                    Tag::Link { dest_url, .. } => crate::guard::dangerous_url(dest_url, false),
                    Tag::Image { dest_url, .. } => crate::guard::dangerous_url(dest_url, true),
                    _ => None,
                };
                state.dropped.push(dangerous.is_some());
                if dangerous.is_none() {
                    state.push(Event::Start(tag));
                }
            }
            Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
                state.opaque -= 1;
                if !state.dropped.pop().unwrap_or(false) {
                    state.push(Event::End(end));
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                state.raw_html = true;
                state.flush();
                state.push(event);
            }
            Event::Text(text) if state.opaque > 0 => {
                let event = Event::Text(text);
                state.count_words_of(&event);
                state.push(event);
            }
            Event::Start(Tag::Paragraph) => {
                state.flush();
                if state.rendered.first_paragraph.is_empty() {
                    state.paragraph_text = Some(String::new());
                }
                state.push(Event::Start(Tag::Paragraph));
            }
            Event::End(TagEnd::Paragraph) => {
                state.flush();
                state.words.space();
                if let Some(text) = state.paragraph_text.take() {
                    state.rendered.first_paragraph = collapse_whitespace(&text);
                }
                state.push(Event::End(TagEnd::Paragraph));
            }
            Event::Text(text) => state.pending.push(&text, range.start),
            Event::SoftBreak => state.pending.push("\n", range.start),
            other => {
                state.flush();
                state.count_words_of(&other);
                state.push(other);
            }
        }
    }
    state.flush();
    state.rendered.words = state.words.words;
    let events = state.link();
    let mut html = String::with_capacity(input.body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if state.raw_html {
        if let Some(clean) = linker.html.clean(&html) {
            html = clean;
        }
    }
    // Kept for the whole build: without the room left for growth.
    html.shrink_to_fit();
    state.rendered.html = html;
    state.rendered.toc = headings::nest_toc(state.flat_toc);
    state.rendered
}

/// Events up to (not including) the end of the element just started.
fn collect_until_end<'a>(
    events: &mut impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
) -> Vec<Event<'a>> {
    let mut depth = 1usize;
    let mut inner = Vec::new();
    for (event, _) in events.by_ref() {
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
        inner.push(event);
    }
    inner
}

/// Consecutive text of one block, detected as a whole so that names across a
/// line break are found.
#[derive(Default)]
struct Pending {
    text: String,
    /// (offset in `text`, offset in the body) at the start of each piece.
    pieces: Vec<(usize, usize)>,
}

impl Pending {
    fn push(&mut self, text: &str, source_offset: usize) {
        self.pieces.push((self.text.len(), source_offset));
        self.text.push_str(text);
    }

    /// Body offset of a position in the pending text.
    fn source_offset(&self, pos: usize) -> usize {
        let i = self
            .pieces
            .partition_point(|(start, _)| *start <= pos)
            .saturating_sub(1);
        let (start, source) = self.pieces.get(i).copied().unwrap_or((0, 0));
        source + (pos - start)
    }
}

/// A piece of output before entity detection.
enum Item<'e> {
    Event(Event<'e>),
    /// A block of text, by index into the segments.
    Segment(usize),
    /// A resolved `[[wikilink]]`.
    Wikilink {
        entity: EntityId,
        display: String,
        /// The `[[…]]` in the body.
        range: std::ops::Range<usize>,
    },
}

/// The rewriting of one body's events: what is emitted so far, the text
/// blocks waiting for entity detection, headings and counts.
struct State<'i, 'l, 'e> {
    input: &'i Input<'i>,
    linker: &'l Linker<'l>,
    out: Vec<Item<'e>>,
    segments: Vec<Pending>,
    rendered: Rendered,
    linked: HashSet<EntityId>,
    pending: Pending,
    heading_ids: HashMap<String, usize>,
    flat_toc: Vec<(u8, String, String)>,
    paragraph_text: Option<String>,
    /// Depth of links and images, whose text is never linked.
    opaque: usize,
    /// For each link and image open: whether it was left out (a script URL).
    dropped: Vec<bool>,
    /// Whether the body holds raw HTML (which is then sanitized).
    raw_html: bool,
    /// The words of all text.
    words: WordCount,
    /// Line starts of the body, made at the first error that needs a line.
    lines: std::cell::OnceCell<crate::diagnostics::LineIndex<'i>>,
}

impl<'i, 'e> State<'i, '_, 'e> {
    /// Line and column in the body of a body offset: many errors in a long
    /// body cost one index, not a scan from the start each.
    pub(super) fn body_line_column(&self, offset: usize) -> (usize, usize) {
        self.lines
            .get_or_init(|| crate::diagnostics::LineIndex::new(self.input.body))
            .line_column(offset)
    }

    /// Adds text to the word count and the first paragraph.
    pub(super) fn note_text(&mut self, text: &str) {
        self.words.push_str(text);
        if let Some(p) = &mut self.paragraph_text {
            p.push_str(text);
        }
    }

    fn count_words_of(&mut self, event: &Event) {
        match event {
            Event::Text(t) | Event::Code(t) => self.note_text(t),
            Event::End(_) | Event::SoftBreak | Event::HardBreak => self.words.space(),
            _ => {}
        }
    }

    pub(super) fn push(&mut self, event: Event<'e>) {
        self.out.push(Item::Event(event));
    }

    /// Ends the current block of text.
    fn flush(&mut self) {
        if self.pending.text.is_empty() {
            return;
        }
        let pending = std::mem::take(&mut self.pending);
        self.note_text(&pending.text);
        self.out.push(Item::Segment(self.segments.len()));
        self.segments.push(pending);
    }
}

impl ToDiagnostic for Vec<Error> {
    fn to_diagnostic(&self) -> Diagnostic {
        self.first()
            .map(ToDiagnostic::to_diagnostic)
            .unwrap_or_else(|| Diagnostic::error("no error"))
    }
}

#[cfg(test)]
mod tests {
    use super::text::snippet;
    use super::*;
    use crate::content::parse_entity;
    use crate::entities::Registry;

    fn registry() -> Registry {
        let entries = [
            (
                "content/entities/antony-blinken.md",
                "---\nname: Antony Blinken\nkind: person\naliases: [Blinken]\n---\n",
            ),
            (
                "content/entities/nordkorea.md",
                "---\nname: Nordkorea\nkind: country\n---\n",
            ),
        ]
        .iter()
        .map(|(f, t)| parse_entity(Path::new(f), t).unwrap())
        .collect::<Vec<_>>();
        Registry::new(
            &entries,
            &crate::entities::RegistryOptions {
                gazetteer: false,
                language: crate::config::Language::De,
            },
        )
        .0
    }

    fn render_with(body: &str, policy: LinkPolicy) -> Rendered {
        let registry = registry();
        let urls = vec![
            "/entities/antony-blinken/".to_string(),
            "/entities/nordkorea/".to_string(),
        ];
        let linker = Linker {
            registry: &registry,
            urls: &urls,
            policy,
            no_link: HashSet::new(),
            language: "de",
            metonyms_to_country: false,
            has_page: None,
            html: &Html::default(),
        };
        let input = Input {
            path: Path::new("content/articles/a.md"),
            body,
            body_line: 4,
            body_offset: 20,
        };
        render(&input, &linker)
    }

    fn r(body: &str) -> Rendered {
        render_with(body, LinkPolicy::First)
    }

    #[test]
    fn links_the_first_mention_and_counts_every_mention() {
        let out = r("Antony Blinken sprach. Blinken sagte, Nordkorea ...\n");
        assert_eq!(
            out.html
                .matches("href=\"/entities/antony-blinken/\"")
                .count(),
            1
        );
        assert_eq!(out.mentions.len(), 3);
        assert_eq!(out.mentions.iter().filter(|m| m.linked).count(), 2);
    }

    #[test]
    fn links_every_mention_under_the_all_policy_and_none_under_none() {
        let body = "Blinken und Blinken.\n";
        assert_eq!(
            render_with(body, LinkPolicy::All)
                .html
                .matches("<a ")
                .count(),
            2
        );
        assert_eq!(
            render_with(body, LinkPolicy::None)
                .html
                .matches("<a ")
                .count(),
            0
        );
        assert_eq!(render_with(body, LinkPolicy::None).mentions.len(), 2);
    }

    #[test]
    fn finds_names_across_a_line_break() {
        let out = r("Heute traf Antony\nBlinken ein.\n");
        assert!(out.html.contains("<a class=\"entity entity-person\" href=\"/entities/antony-blinken/\">Antony\nBlinken</a>"), "{}", out.html);
    }

    #[test]
    fn never_links_inside_code_links_headings_or_images() {
        let out = r("# Blinken\n\n`Blinken` [Blinken](https://x.org) ![Blinken](a.png)\n\n```\nBlinken\n```\n");
        assert!(!out.html.contains("entity-person"), "{}", out.html);
    }

    #[test]
    fn resolves_wikilinks_with_display_text_first() {
        let out = r("Der [[Außenminister|Antony Blinken]] und [[Nordkorea]].\n");
        assert!(out.html.contains(">Außenminister</a>"), "{}", out.html);
        assert!(out
            .html
            .contains("href=\"/entities/nordkorea/\">Nordkorea</a>"));
        assert!(out.errors.is_empty());
    }

    #[test]
    fn reports_an_unknown_wikilink_at_its_file_line_and_column() {
        let out = r("Erste Zeile.\n\nDann [[Antony Blinkn]].\n");
        match &out.errors[..] {
            [Error::UnknownLink {
                line,
                column,
                suggestion,
                ..
            }] => {
                assert_eq!((*line, *column), (6, 6));
                assert_eq!(suggestion.as_deref(), Some("Antony Blinken"));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn gives_headings_unique_ids_and_nests_the_toc() {
        let out = r("## Lage\n\n### Details\n\n## Lage\n\n## Eigene {#mine}\n");
        let ids: Vec<_> = out.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["lage", "lage-1", "mine"]);
        assert_eq!(out.toc[0].children[0].id, "details");
        assert!(out.html.contains("<h2 id=\"lage-1\">"));
    }

    #[test]
    fn shortens_at_a_word_boundary_and_marks_the_cut() {
        assert_eq!(shorten("kurz", 10), "kurz");
        assert_eq!(shorten("Ein Satz, der weitergeht", 12), "Ein Satz…");
        assert_eq!(shorten("Überlänge", 4), "Über…");
        assert_eq!(shorten("Genau zehn", 10), "Genau zehn");
    }

    #[test]
    fn counts_words_across_pieces_as_in_the_joined_text() {
        let pieces = ["Nord", "korea und\u{a0}", "Süd", "", " korea ", "\n\tEnde"];
        let mut count = WordCount::default();
        for p in pieces {
            count.push_str(p);
        }
        assert_eq!(count.words, pieces.concat().split_whitespace().count());
        assert_eq!(count.words, 5);
        count.space();
        count.push_str("x");
        assert_eq!(count.words, 6);
    }

    #[test]
    fn takes_the_first_paragraph_as_plain_text_and_counts_words() {
        let out = r("# Titel\n\nErster *Absatz* mit [Link](https://x.org).\n\nZweiter Absatz.\n");
        assert_eq!(out.first_paragraph, "Erster Absatz mit Link.");
        assert_eq!(out.words, 1 + 4 + 2);
        assert_eq!(out.reading_minutes(), 1);
    }

    #[test]
    fn keeps_the_sentence_of_a_mention_cut_at_words() {
        let text = format!(
            "Erster Satz. {} Nordkorea testet. Dritter Satz.",
            "lang ".repeat(60)
        );
        let start = text.find("Nordkorea").unwrap();
        let (s, _) = snippet(&text, start, start + "Nordkorea".len());
        assert_eq!(s.text, "Nordkorea");
        assert_eq!(s.after, " testet.");
        assert!(s.before.starts_with("…lang "), "{}", s.before);
        let (short, from) = snippet("Erster Satz. Dann Nordkorea.", 18, 27);
        assert_eq!(
            (short.before.as_str(), short.after.as_str(), from),
            ("Dann ", ".", 13)
        );
        let text = "Hamas attacked on Oct. 7 in south Israel. Next.";
        let at = text.find("Hamas").unwrap();
        let (s, _) = snippet(text, at, at + 5);
        assert_eq!(
            s.after, " attacked on Oct. 7 in south Israel.",
            "not cut at Oct."
        );
    }

    #[test]
    fn a_link_or_image_to_a_script_url_is_plain_text() {
        let out = r("[Klick](javascript:alert(1)) <vbscript:msgbox> ![Bild](data:text/html,x) [gut](https://x.org)\n");
        for bad in ["javascript", "href=\"vbscript", "data:"] {
            assert!(!out.html.contains(bad), "{bad} in {}", out.html);
        }
        // An autolink's text is its URL: harmless as text.
        assert!(out.html.contains("Klick vbscript:msgbox"), "{}", out.html);
        assert!(out.html.contains("Bild"), "{}", out.html);
        assert!(
            out.html.contains("<a href=\"https://x.org\">gut</a>"),
            "{}",
            out.html
        );
    }

    #[test]
    fn raw_html_is_sanitized_and_a_body_without_it_is_left_as_rendered() {
        let out = r(
            "Blinken <span onclick=\"x()\">kam</span>.\n\n<script>alert(1)</script>\n\n## Lage\n",
        );
        assert!(
            !out.html.contains("onclick") && !out.html.contains("script"),
            "{}",
            out.html
        );
        assert!(out.html.contains("<span>kam</span>"), "{}", out.html);
        assert!(out.html.contains("<h2 id=\"lage\">"), "{}", out.html);
        assert!(
            out.html.contains("href=\"/entities/antony-blinken/\""),
            "{}",
            out.html
        );
    }

    #[test]
    fn a_heading_attribute_that_runs_code_is_dropped() {
        let out = r("## Lage {#lage onclick=alert(1) data-x=1}\n");
        assert!(!out.html.contains("onclick"), "{}", out.html);
        assert!(out.html.contains("data-x=\"1\""), "{}", out.html);
    }

    #[test]
    fn renders_tables_footnotes_strikethrough_and_task_lists() {
        let out = r("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~alt~~ Text[^1]\n\n[^1]: Fußnote\n\n- [x] erledigt\n");
        assert!(out.html.contains("<table>"));
        assert!(out.html.contains("<del>alt</del>"));
        assert!(out.html.contains("footnote-definition"));
        assert!(out.html.contains("type=\"checkbox\""));
    }
}
