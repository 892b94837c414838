//! Entity links: the mentions detected in all text blocks of an article at
//! once become links by the link policy, and `[[wikilinks]]` link to the
//! entity they name.

use std::collections::HashMap;

use pulldown_cmark::Event;

use super::text::snippet;
use super::{escape_html, Error, FoundMention, Item, State, CONTEXTS_PER_ENTITY};
use crate::config::LinkPolicy;
use crate::entities::{self, EntityId, Rule};

impl<'e> State<'_, '_, 'e> {
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

    /// Detects the mentions in all blocks at once and emits the final events,
    /// with links according to the policy.
    pub(super) fn link(&mut self) -> Vec<Event<'e>> {
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
            let (line, column) = self.body_line_column(offset);
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
        // The sentences shown for each entity, by segment and start: a
        // sentence naming an entity twice is shown once.
        let mut contexts: HashMap<EntityId, Vec<(usize, usize)>> = HashMap::new();
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
                        let context = if shown.len() < CONTEXTS_PER_ENTITY {
                            let (context, sentence) = snippet(&one_line[i], m.start, m.end);
                            (!shown.contains(&(i, sentence))).then(|| {
                                shown.push((i, sentence));
                                Box::new(context)
                            })
                        } else {
                            None
                        };
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

    pub(super) fn wikilink(
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
                let (line, column) = self.body_line_column(range.start);
                self.rendered.errors.push(Error::UnknownLink {
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
}
