//! The live-reload channel: what the server tells open pages, and the script
//! that listens.
//!
//! Pages receive [`Message`]s as Server-Sent Events on [`EVENTS_PATH`], on the
//! same port as the site. The script (`data/serve/livereload.js`, embedded)
//! reloads the page on `reload`, swaps the stylesheets on `css` (a change to
//! CSS files only), shows an overlay naming file, line and message on
//! `errors`, and removes it on `ok`. [`inject`] adds the script to an HTML
//! response; built sites never contain it.

use std::path::Path;

use serde::Serialize;
use tokio::sync::broadcast;

use crate::diagnostics::{Report, Severity};

/// The Server-Sent Events endpoint.
pub const EVENTS_PATH: &str = "/__briefing/events";
/// Where the script is served.
pub const SCRIPT_PATH: &str = "/__briefing/livereload.js";
/// The script itself.
pub const SCRIPT: &str = include_str!("../../data/serve/livereload.js");

/// Messages buffered for a slow page before it misses some; a page that
/// falls behind reloads on the next message anyway.
const CHANNEL_CAPACITY: usize = 64;

/// A diagnostic as the overlay shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorView {
    pub severity: &'static str,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub help: Option<String>,
    /// The diagnostic as the terminal shows it, with the source excerpt.
    pub excerpt: String,
}

/// What the server tells open pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Message {
    /// Pages changed: reload.
    Reload { changed: Vec<String> },
    /// Only stylesheets changed: swap them in.
    Css { changed: Vec<String> },
    /// The last rebuild failed: show these errors over the last good page.
    Errors { errors: Vec<ErrorView> },
    /// The errors are fixed and nothing else changed: hide the overlay.
    Ok,
}

impl Message {
    /// The message for a successful rebuild, if open pages need one.
    pub fn after_rebuild(changed: &[String], removed: &[String], had_errors: bool) -> Option<Self> {
        if changed.is_empty() && removed.is_empty() {
            return had_errors.then_some(Message::Ok);
        }
        let mut all = changed.to_vec();
        all.extend(removed.iter().cloned());
        if removed.is_empty() && changed.iter().all(|p| p.ends_with(".css")) {
            Some(Message::Css { changed: all })
        } else {
            Some(Message::Reload { changed: all })
        }
    }

    /// The errors of a failed rebuild.
    pub fn errors(report: &Report, root: &Path) -> Self {
        let errors = report
            .diagnostics()
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| ErrorView {
                severity: "error",
                message: d.message.clone(),
                file: d
                    .location
                    .as_ref()
                    .map(|l| l.path.display().to_string().replace('\\', "/")),
                line: d.location.as_ref().map(|l| l.line),
                column: d.location.as_ref().map(|l| l.column),
                help: d.help.clone(),
                excerpt: d.render(root),
            })
            .collect();
        Message::Errors { errors }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("messages serialize")
    }
}

/// The sending side; every connected page subscribes.
#[derive(Debug, Clone)]
pub struct Channel {
    sender: broadcast::Sender<String>,
}

impl Default for Channel {
    fn default() -> Self {
        Channel {
            sender: broadcast::channel(CHANNEL_CAPACITY).0,
        }
    }
}

impl Channel {
    /// Sends to every connected page (nobody listening is fine).
    pub fn send(&self, message: &Message) {
        let _ = self.sender.send(message.to_json());
    }

    pub fn subscribe(&self) -> broadcast::Receiver<String> {
        self.sender.subscribe()
    }
}

/// Adds the live-reload script to an HTML page, before `</body>` (or at the end).
pub fn inject(html: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\"></script>");
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_the_script_before_the_closing_body_tag() {
        let page = inject(b"<html><body><p>x</p></body></html>");
        assert_eq!(
            String::from_utf8(page).unwrap(),
            "<html><body><p>x</p><script src=\"/__briefing/livereload.js\"></script></body></html>"
        );
    }

    #[test]
    fn a_change_to_css_files_only_swaps_stylesheets() {
        let css = Message::after_rebuild(&["style.css".into()], &[], false);
        assert!(matches!(css, Some(Message::Css { .. })));
        let page = Message::after_rebuild(&["style.css".into(), "index.html".into()], &[], false);
        assert!(matches!(page, Some(Message::Reload { .. })));
        assert_eq!(Message::after_rebuild(&[], &[], true), Some(Message::Ok));
        assert_eq!(Message::after_rebuild(&[], &[], false), None);
    }

    #[test]
    fn messages_are_tagged_json() {
        assert_eq!(Message::Ok.to_json(), r#"{"type":"ok"}"#);
    }
}
