//! Headings: unique ids (written `{#id}` or made from the text) and the
//! table of contents they feed.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::text::collapse_whitespace;
use super::{State, TocEntry};
use crate::slug::slugify;

impl<'e> State<'_, '_, 'e> {
    pub(super) fn heading(
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
        let attrs = if self.linker.html.sanitizes() {
            // `{onclick=…}` would run code: only harmless attributes stay.
            attrs
                .into_iter()
                .filter(|(name, _)| {
                    name.starts_with("data-") || matches!(name.as_ref(), "lang" | "title" | "dir")
                })
                .collect()
        } else {
            attrs
        };
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

/// Nests a flat list of (level, id, title) headings.
pub(super) fn nest_toc(flat: Vec<(u8, String, String)>) -> Vec<TocEntry> {
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
