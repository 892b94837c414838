//! URLs: fetching an article's page over HTTP(S) with a timeout and a size limit.
//!
//! Redirects are followed (up to five), the body is read up to
//! [`super::decode::MAX_INPUT_BYTES`], and every failure (no connection, a
//! timeout, an HTTP error status, a body that is neither HTML nor text) is an
//! [`Error`] naming the URL.
//!
//! ```no_run
//! let page = briefing::ingest::fetch::fetch("https://example.org/article").unwrap();
//! assert_eq!(page.kind, briefing::ingest::Kind::Html);
//! ```

use std::time::Duration;

use super::decode::MAX_INPUT_BYTES;
use super::{Error, Kind};

/// How long a whole request may take: news pages arrive in seconds; a server
/// that has not answered in 20 s is down for the editor's purposes.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// Redirects followed: outlets redirect to consent or mobile pages once or twice.
const MAX_REDIRECTS: u32 = 5;

/// A fetched page.
#[derive(Debug, Clone)]
pub struct Page {
    pub body: Vec<u8>,
    pub kind: Kind,
    /// The address fetched (used to resolve relative links).
    pub url: String,
}

/// Fetches `url`.
pub fn fetch(url: &str) -> Result<Page, Error> {
    let fail = |message: String| Error::Fetch {
        url: url.to_string(),
        message,
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .max_redirects(MAX_REDIRECTS)
        .http_status_as_error(false)
        .user_agent(concat!("briefing/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut response = agent.get(url).call().map_err(|e| fail(e.to_string()))?;
    let status = response.status().as_u16();
    if status >= 400 {
        return Err(Error::HttpStatus {
            url: url.to_string(),
            status,
        });
    }
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let kind = if content_type.is_empty() || content_type.contains("html") {
        Kind::Html
    } else if content_type.starts_with("text/markdown") {
        Kind::Markdown
    } else if content_type.starts_with("text/") {
        Kind::Text
    } else {
        return Err(Error::ContentType {
            url: url.to_string(),
            content_type,
        });
    };
    let body = response
        .body_mut()
        .with_config()
        .limit(MAX_INPUT_BYTES)
        .read_to_vec()
        .map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(_) => Error::TooLarge {
                input: url.to_string(),
                size: MAX_INPUT_BYTES + 1,
                limit: MAX_INPUT_BYTES,
            },
            e => fail(e.to_string()),
        })?;
    Ok(Page {
        body,
        kind,
        url: url.to_string(),
    })
}
