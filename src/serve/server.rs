//! The HTTP side of `briefing serve`: the site from memory, the live-reload
//! events and the script.
//!
//! Files are looked up in the [`State`]'s in-memory map by their output path,
//! never on disk, so only files of the built site are reachable: a request
//! whose decoded path has a `..` or `.` segment, a backslash or a NUL byte is
//! refused with 400, and anything else not in the map is a 404 with the
//! site's 404 page. (Symlinks cannot lead out of the site: there is no folder
//! being served.) Pretty URLs: `/x/` serves `x/index.html`, and `/x` redirects
//! to `/x/` when that page exists. GET and HEAD are answered; other methods
//! get 405. Nothing is cached by the browser.

use std::convert::Infallible;
use std::sync::{Arc, RwLock};

use axum::body::Body;
use axum::extract::State as Extract;
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

use super::incremental::Files;
use super::reload::{self, Channel, Message};

/// What the handlers share: the last good site, the current errors and the
/// reload channel. The rebuild thread replaces the site and the errors.
#[derive(Debug, Default)]
pub struct State {
    site: RwLock<Arc<Files>>,
    errors: RwLock<Option<Message>>,
    pub channel: Channel,
}

impl State {
    /// Publishes a new good site (the errors are cleared).
    pub fn set_site(&self, files: Arc<Files>) {
        *self.site.write().expect("site lock") = files;
        *self.errors.write().expect("errors lock") = None;
    }

    /// Records the errors of a failed rebuild; the site stays.
    pub fn set_errors(&self, errors: Message) {
        *self.errors.write().expect("errors lock") = Some(errors);
    }

    pub fn has_errors(&self) -> bool {
        self.errors.read().expect("errors lock").is_some()
    }

    fn site(&self) -> Arc<Files> {
        self.site.read().expect("site lock").clone()
    }
}

/// The routes of the preview server.
pub fn router(state: Arc<State>) -> Router {
    Router::new()
        .route(reload::EVENTS_PATH, get(events))
        .route(reload::SCRIPT_PATH, get(script))
        .fallback(file)
        .layer(axum::middleware::from_fn(own_host_only))
        .with_state(state)
}

/// Refuses requests for another host name (see [`super::listen::host_allowed`]).
async fn own_host_only(request: Request<Body>, next: axum::middleware::Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .map(|h| h.to_str().unwrap_or("\u{fffd}"));
    if super::listen::host_allowed(host) {
        return next.run(request).await;
    }
    (
        StatusCode::MISDIRECTED_REQUEST,
        "briefing serve answers only requests for localhost or an IP address; open the address it printed\n",
    )
        .into_response()
}

async fn events(
    Extract(state): Extract<Arc<State>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // Subscribe first, so nothing sent after the current state is missed.
    let updates = BroadcastStream::new(state.channel.subscribe()).filter_map(|m| m.ok());
    let current = state
        .errors
        .read()
        .expect("errors lock")
        .as_ref()
        .map(Message::to_json);
    let stream = tokio_stream::iter(current)
        .chain(updates)
        .map(|json| Ok(Event::default().data(json)));
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn script() -> Response {
    let mut response = reload::SCRIPT.into_response();
    set(
        &mut response,
        header::CONTENT_TYPE,
        "text/javascript; charset=utf-8",
    );
    set(&mut response, header::CACHE_CONTROL, "no-store");
    response
}

fn set(response: &mut Response, name: header::HeaderName, value: &'static str) {
    response
        .headers_mut()
        .insert(name, HeaderValue::from_static(value));
}

/// Why a request path cannot name a file of the site.
#[derive(Debug, PartialEq, Eq)]
pub enum PathError {
    /// Not valid percent-encoded UTF-8.
    Encoding,
    /// A `..` or `.` segment, a backslash or a NUL byte.
    Forbidden,
}

/// The output path a request path names (`/a/b/` → `a/b/index.html`),
/// after percent-decoding; empty segments are dropped.
pub fn output_path(request_path: &str) -> Result<String, PathError> {
    let decoded = percent_encoding::percent_decode_str(request_path)
        .decode_utf8()
        .map_err(|_| PathError::Encoding)?;
    if decoded.contains(['\\', '\0']) {
        return Err(PathError::Forbidden);
    }
    let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    if segments.iter().any(|s| *s == ".." || *s == ".") {
        return Err(PathError::Forbidden);
    }
    let mut path = segments.join("/");
    if decoded.ends_with('/') || path.is_empty() {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Ok(path)
}

/// The content type of an output file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" if path.ends_with("atom.xml") => "application/atom+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Shown while the site has never built: the overlay tells why.
const NO_SITE_YET: &str = "<!doctype html><html><head><meta charset=\"utf-8\"><title>briefing</title></head><body><p>The site has not built yet: the errors are shown here and in the terminal.</p></body></html>";

async fn file(Extract(state): Extract<Arc<State>>, request: Request<Body>) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut r = (StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n").into_response();
        set(&mut r, header::ALLOW, "GET, HEAD");
        return r;
    }
    let uri = request.uri();
    let path = match output_path(uri.path()) {
        Ok(p) => p,
        Err(_) => {
            return (StatusCode::BAD_REQUEST, "bad request: path not allowed\n").into_response()
        }
    };
    let site = state.site();
    if site.is_empty() {
        return page(
            StatusCode::SERVICE_UNAVAILABLE,
            "index.html",
            NO_SITE_YET.as_bytes(),
        );
    }
    if let Some(f) = site.get(&path) {
        return page(StatusCode::OK, &path, &f.bytes);
    }
    // `/x` → `/x/` when `x/index.html` exists. The location is made from
    // the normalized path, so `//x` never becomes `//x/` (a link to
    // another host).
    if !uri.path().ends_with('/') && site.contains_key(&format!("{path}/index.html")) {
        let location = match uri.query() {
            Some(q) => format!("/{path}/?{q}"),
            None => format!("/{path}/"),
        };
        let mut r = StatusCode::PERMANENT_REDIRECT.into_response();
        if let Ok(v) = HeaderValue::from_str(&location) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        return r;
    }
    match site.get("404.html") {
        Some(f) => page(StatusCode::NOT_FOUND, "404.html", &f.bytes),
        None => (StatusCode::NOT_FOUND, "not found\n").into_response(),
    }
}

/// A response with a file's bytes; HTML gets the live-reload script.
fn page(status: StatusCode, path: &str, bytes: &[u8]) -> Response {
    let kind = content_type(path);
    let body = if kind.starts_with("text/html") {
        reload::inject(bytes)
    } else {
        bytes.to_vec()
    };
    let mut r = (status, body).into_response();
    set(&mut r, header::CONTENT_TYPE, kind);
    set(&mut r, header::CACHE_CONTROL, "no-store");
    set(&mut r, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_pretty_urls_to_index_files() {
        assert_eq!(output_path("/").unwrap(), "index.html");
        assert_eq!(
            output_path("/articles/x/").unwrap(),
            "articles/x/index.html"
        );
        assert_eq!(output_path("/style.css").unwrap(), "style.css");
        assert_eq!(
            output_path("/tags/s%C3%BCd/").unwrap(),
            "tags/süd/index.html"
        );
    }

    #[test]
    fn refuses_dot_segments_even_when_encoded() {
        for p in [
            "/../Cargo.toml",
            "/%2e%2e/x",
            "/a/%2E%2E/%2e%2e/b",
            "/./x",
            "/a\\..\\b",
            "/a%00b",
        ] {
            assert_eq!(output_path(p), Err(PathError::Forbidden), "{p}");
        }
        assert_eq!(output_path("/%ff"), Err(PathError::Encoding));
    }

    #[test]
    fn a_doubled_slash_stays_inside_the_site() {
        assert_eq!(output_path("//etc/passwd").unwrap(), "etc/passwd");
    }

    #[test]
    fn names_the_content_types_of_site_files() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("atom.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(
            content_type("sitemap.xml"),
            "application/xml; charset=utf-8"
        );
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
    }
}
