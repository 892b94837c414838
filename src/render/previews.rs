//! Link previews: for every entity with a page, a small `card.json` beside
//! it (`people/olaf-scholz/card.json`), which `preview.js` shows when a
//! reader hovers, focuses or taps an entity link. The labels are made here,
//! in the site's language, so the script only places text.

use rayon::prelude::*;
use serde::Serialize;

use super::i18n::Strings;
use super::OutputFile;
use crate::site::Site;

/// What a card shows.
#[derive(Debug, Serialize)]
pub struct Card {
    pub name: String,
    /// The kind, as a label ("Person").
    pub kind: String,
    /// The kind's key, for the card's colour (`person`).
    pub key: &'static str,
    /// The first sentence of the profile, if it has one.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// "12 articles · 40 mentions".
    pub counts: String,
    /// "First mentioned …, last mentioned …", if any article is dated.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub seen: String,
}

/// The file name of a card in its entity's folder.
pub const CARD_FILE: &str = "card.json";

/// The card of every entity with a page.
pub fn cards(site: &Site, strings: &Strings) -> Vec<OutputFile> {
    let listed: Vec<_> = site.listed_entities().collect();
    listed
        .par_iter()
        .map(|(id, data)| {
            let e = site.registry.get(*id);
            let seen = match data.seen(&site.articles) {
                (Some(f), Some(l)) if f == l => {
                    format!("{}: {}", strings.get("first_seen"), strings.date(f))
                }
                (Some(f), Some(l)) => format!(
                    "{}: {} · {}: {}",
                    strings.get("first_seen"),
                    strings.date(f),
                    strings.get("last_seen"),
                    strings.date(l)
                ),
                _ => String::new(),
            };
            let paragraph = data.profile.first_paragraph.trim();
            let text = crate::sentences::split(paragraph)
                .first()
                .map(|s| s.trim().to_string())
                .unwrap_or_default();
            let card = Card {
                name: e.name.clone(),
                kind: strings.get(&format!("kind_{}_one", e.kind.as_str())).into(),
                key: e.kind.as_str(),
                text,
                counts: format!(
                    "{} · {}",
                    strings.count("article_count", data.articles.len()),
                    strings.count("mention_count", data.mentions)
                ),
                seen,
            };
            OutputFile {
                path: format!("{}{CARD_FILE}", data.route),
                bytes: serde_json::to_vec(&card).expect("a card serializes").into(),
                source: e.path.clone(),
                template: None,
            }
        })
        .collect()
}
