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

pub mod highlight;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};
use serde::Serialize;

use crate::config::LinkPolicy;
use crate::diagnostics::{line_column, Diagnostic, ToDiagnostic};
use crate::entities::{self, EntityId, Registry, Rule};
use crate::slug::slugify;

pub use highlight::escape_html;

/// Average reading speed used for `reading_minutes`, in words per minute.
pub const WORDS_PER_MINUTE: usize = 200;

/// A problem in a Markdown body.
pub type Error = entities::Error;

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

fn options() -> Options {
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
        words: WordCount::default(),
    };
    let mut events = Parser::new_ext(input.body, options()).into_offset_iter();
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
                // Link and image text is passed through untouched.
                state.flush();
                state.opaque += 1;
                state.push(Event::Start(tag));
            }
            Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
                state.opaque -= 1;
                state.push(Event::End(end));
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
    // Kept for the whole build: without the room left for growth.
    html.shrink_to_fit();
    state.rendered.html = html;
    state.rendered.toc = nest_toc(state.flat_toc);
    state.rendered
}

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
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph) => text.push(' '),
            _ => {}
        }
    }
    collapse_whitespace(&text)
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
    /// The words of all text.
    words: WordCount,
}

/// Counts the words of a text given in pieces, as `split_whitespace` would
/// count them in the pieces joined, without keeping the text.
#[derive(Debug, Default)]
struct WordCount {
    words: usize,
    in_word: bool,
}

impl WordCount {
    fn push_str(&mut self, text: &str) {
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
    fn space(&mut self) {
        self.in_word = false;
    }
}

impl<'e> State<'_, '_, 'e> {
    /// Adds text to the word count and the first paragraph.
    fn note_text(&mut self, text: &str) {
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

    fn should_link(&mut self, entity: EntityId) -> bool {
        match self.linker.policy {
            LinkPolicy::None => false,
            LinkPolicy::All => true,
            LinkPolicy::First => self.linked.insert(entity),
        }
    }

    fn link_open(&self, entity: EntityId) -> Event<'e> {
        let kind = self.linker.registry.get(entity).kind.as_str();
        Event::InlineHtml(
            format!(
                "<a class=\"entity entity-{kind}\" href=\"{}\">",
                escape_html(&self.linker.urls[entity.index()])
            )
            .into(),
        )
    }

    fn push(&mut self, event: Event<'e>) {
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

    /// Detects the mentions in all blocks at once and emits the final events,
    /// with links according to the policy.
    fn link(&mut self) -> Vec<Event<'e>> {
        // Soft breaks are newlines in the text; names may run across them.
        let one_line: Vec<String> = self
            .segments
            .iter()
            .map(|p| p.text.replace('\n', " "))
            .collect();
        let refs: Vec<&str> = one_line.iter().map(String::as_str).collect();
        let options = entities::matcher::Options {
            language: self.linker.language,
            metonyms_to_country: self.linker.metonyms_to_country,
        };
        let detection = self.linker.registry.detect(&refs, options);
        for a in &detection.ambiguous {
            let offset = self.segments[a.segment].source_offset(a.start);
            let (line, column) = line_column(self.input.body, offset);
            self.rendered.errors.push(Error::AmbiguousMention {
                path: self.input.path.to_path_buf(),
                line: self.input.body_line + line - 1,
                column,
                surface: one_line[a.segment][a.start..a.end].to_string(),
                candidates: a
                    .entities
                    .iter()
                    .map(|&e| self.linker.registry.get(e).name.clone())
                    .collect(),
            });
        }
        let found = detection.mentions;
        let mut contexts: HashMap<EntityId, usize> = HashMap::new();
        let segments = std::mem::take(&mut self.segments);
        let mut events = Vec::with_capacity(self.out.len());
        for item in std::mem::take(&mut self.out) {
            match item {
                Item::Event(e) => events.push(e),
                Item::Wikilink {
                    entity,
                    display,
                    range,
                } => {
                    self.linked.insert(entity);
                    self.rendered.mentions.push(FoundMention {
                        entity,
                        rule: Rule::Wikilink,
                        start: self.input.body_offset + range.start,
                        end: self.input.body_offset + range.end,
                        linked: true,
                        context: None,
                    });
                    events.push(self.link_open(entity));
                    events.push(Event::Text(display.into()));
                    events.push(Event::InlineHtml("</a>".into()));
                }
                Item::Segment(i) => {
                    let pending = &segments[i];
                    let text = pending.text.as_str();
                    let mut cursor = 0;
                    for m in &found[i] {
                        let has_page = self.linker.has_page.is_none_or(|p| p[m.entity.index()]);
                        if self.linker.no_link.contains(&m.entity) || !has_page {
                            continue;
                        }
                        let linked = self.should_link(m.entity);
                        let shown = contexts.entry(m.entity).or_default();
                        *shown += 1;
                        let context = (*shown <= CONTEXTS_PER_ENTITY)
                            .then(|| Box::new(snippet(&one_line[i], m.start, m.end)));
                        let start = self.input.body_offset + pending.source_offset(m.start);
                        let end = self.input.body_offset
                            + pending.source_offset(m.end.saturating_sub(1))
                            + 1;
                        self.rendered.mentions.push(FoundMention {
                            entity: m.entity,
                            rule: m.rule,
                            start,
                            end,
                            linked,
                            context,
                        });
                        if linked {
                            if cursor < m.start {
                                events.push(Event::Text(text[cursor..m.start].to_string().into()));
                            }
                            events.push(self.link_open(m.entity));
                            events.push(Event::Text(text[m.start..m.end].to_string().into()));
                            events.push(Event::InlineHtml("</a>".into()));
                            cursor = m.end;
                        }
                    }
                    if cursor < text.len() {
                        events.push(Event::Text(text[cursor..].to_string().into()));
                    }
                }
            }
        }
        events
    }

    fn wikilink(
        &mut self,
        dest: &str,
        has_pothole: bool,
        inner: &[Event],
        range: std::ops::Range<usize>,
    ) {
        let inner_text: String = inner
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        // `[[text|Name]]`: pulldown-cmark reads the part before the pipe as the
        // destination; briefing reads it as the text shown.
        let (display, target) = if has_pothole {
            (dest.to_string(), inner_text)
        } else {
            (inner_text.clone(), inner_text)
        };
        self.note_text(&display);
        match self.linker.registry.resolve(&target) {
            Ok(entity) => self.out.push(Item::Wikilink {
                entity,
                display,
                range,
            }),
            Err(suggestion) => {
                let (line, column) = line_column(self.input.body, range.start);
                self.rendered.errors.push(Error::UnknownTarget {
                    path: self.input.path.to_path_buf(),
                    line: self.input.body_line + line - 1,
                    column,
                    target: target.clone(),
                    suggestion: suggestion.map(str::to_string),
                });
                self.push(Event::Text(display.into()));
            }
        }
    }

    fn heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'e>>,
        classes: Vec<CowStr<'e>>,
        attrs: Vec<(CowStr<'e>, Option<CowStr<'e>>)>,
        inner: Vec<Event<'e>>,
    ) {
        let title: String = inner
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        self.note_text(&title);
        self.words.space();
        let base = match &id {
            Some(id) => id.to_string(),
            None => {
                let s = slugify(&title);
                if s.is_empty() {
                    "section".to_string()
                } else {
                    s
                }
            }
        };
        let count = self.heading_ids.entry(base.clone()).or_insert(0);
        let unique = if *count == 0 {
            base.clone()
        } else {
            format!("{base}-{count}")
        };
        *count += 1;
        self.flat_toc
            .push((level as u8, unique.clone(), collapse_whitespace(&title)));
        self.push(Event::Start(Tag::Heading {
            level,
            id: Some(unique.into()),
            classes,
            attrs,
        }));
        for e in inner {
            self.push(e);
        }
        self.push(Event::End(TagEnd::Heading(level)));
    }
}

/// The sentence around `text[start..end]`, cut to [`CONTEXT_CHARS`] on each side.
fn snippet(text: &str, start: usize, end: usize) -> Snippet {
    let is_stop = |c: char| matches!(c, '.' | '!' | '?');
    // A sentence starts after a stop followed by a space, or at the start.
    let mut sentence_start = 0;
    let before = &text[..start];
    for (i, c) in before.char_indices().rev() {
        if c == ' ' && before[..i].chars().next_back().is_some_and(is_stop) {
            sentence_start = i + 1;
            break;
        }
    }
    let after = &text[end..];
    let mut sentence_end = text.len();
    for (i, c) in after.char_indices() {
        if is_stop(c) && after[i + 1..].starts_with(' ') {
            sentence_end = end + i + 1;
            break;
        }
    }
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
    Snippet {
        before: cut_left(&text[sentence_start..start]),
        text: text[start..end].to_string(),
        after: cut_right(&text[end..sentence_end]),
    }
}

/// Nests a flat list of (level, id, title) headings.
fn nest_toc(flat: Vec<(u8, String, String)>) -> Vec<TocEntry> {
    fn insert(list: &mut Vec<TocEntry>, entry: TocEntry) {
        match list.last_mut() {
            Some(last) if last.level < entry.level => insert(&mut last.children, entry),
            _ => list.push(entry),
        }
    }
    let mut toc = Vec::new();
    for (level, id, title) in flat {
        insert(
            &mut toc,
            TocEntry {
                level,
                id,
                title,
                children: Vec::new(),
            },
        );
    }
    toc
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
            [Error::UnknownTarget {
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
        let s = snippet(&text, start, start + "Nordkorea".len());
        assert_eq!(s.text, "Nordkorea");
        assert_eq!(s.after, " testet.");
        assert!(s.before.starts_with("…lang "), "{}", s.before);
        let short = snippet("Erster Satz. Dann Nordkorea.", 18, 27);
        assert_eq!(
            (short.before.as_str(), short.after.as_str()),
            ("Dann ", ".")
        );
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
