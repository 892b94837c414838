//! End-to-end tests in a real browser: Debian's Chromium, driven through
//! `chromedriver` (WebDriver, with fantoccini), on the demo site and on a
//! generated corpus, each built under a sub-path (`/briefing/`) and served
//! by a small static server that counts the bytes it sends.
//!
//! They check what a reader does: search from the header, folding
//! ("Pjongjang" finds "Pjöngjang"), an entity's name offering its page, a
//! filter narrowing the results, an entity link's preview card on hover
//! and focus and Escape hiding it, the network page's nodes leading to
//! entity pages, no script errors and no missing files, and axe-core's
//! accessibility rules (no serious or critical violation) on the home,
//! article, entity, search and network pages. On the generated corpus, a
//! search for its most named entity must transfer at most 300 kB.
//!
//! Needs `chromedriver` and `chromium` on the PATH (Debian packages
//! `chromium-driver` and `chromium`) and, for the accessibility check,
//! axe-core's `axe.min.js` (`npm install axe-core`; `AXE_CORE` names the
//! file, else `node_modules/axe-core/axe.min.js` under the repository).
//! Without them the tests say so and pass, except under CI (`CI` set),
//! where they fail. `BROWSER_ARTICLES` sets the corpus size (10,000).
//! Screenshots go to `target/browser/`.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, MouseActions, PointerAction, TouchActions};
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// The sub-path every test site is published under.
const BASE: &str = "/briefing/";

/// What a search for a common entity may transfer, in bytes.
const SEARCH_BUDGET: usize = 300_000;

// ---------------------------------------------------------------------
// The static server.

/// Serves a folder under [`BASE`] and records every request.
struct Server {
    port: u16,
    log: Arc<Mutex<Vec<(String, u16, usize)>>>,
}

/// Catches script errors, failed loads and `console.error` before any of
/// the page's own scripts run; the server puts it first in each page.
const ERROR_TRAP: &str = "<script>window.__errors=[];addEventListener('error',function(e){__errors.push(e.message||('failed to load '+((e.target&&(e.target.src||e.target.href))||'?')))},true);addEventListener('unhandledrejection',function(e){__errors.push('unhandled: '+e.reason)});(function(c){console.error=function(){__errors.push(Array.prototype.join.call(arguments,' '));c.apply(console,arguments)}})(console.error);</script>";

impl Server {
    fn start(root: PathBuf) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let shared = log.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let root = root.clone();
                let log = shared.clone();
                std::thread::spawn(move || serve(stream, &root, &log));
            }
        });
        Server { port, log }
    }

    fn url(&self, route: &str) -> String {
        format!("http://127.0.0.1:{}{BASE}{route}", self.port)
    }

    fn clear(&self) {
        self.log.lock().unwrap().clear();
    }

    /// Bytes of file content sent since the last [`Server::clear`].
    fn bytes(&self) -> usize {
        self.log.lock().unwrap().iter().map(|r| r.2).sum()
    }

    fn missing(&self) -> Vec<String> {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.1 != 200)
            .map(|r| format!("{} {}", r.1, r.0))
            .collect()
    }
}

fn serve(stream: TcpStream, root: &Path, log: &Mutex<Vec<(String, u16, usize)>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let target = line.split_whitespace().nth(1).unwrap_or("/").to_string();
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
                break;
            }
        }
        let path = target.split(['?', '#']).next().unwrap_or("");
        let path = percent_encoding::percent_decode_str(path)
            .decode_utf8_lossy()
            .to_string();
        let file = path
            .strip_prefix(BASE)
            .filter(|p| !p.split('/').any(|part| part == ".."))
            .map(|p| {
                let mut f = root.join(p);
                if p.is_empty() || p.ends_with('/') {
                    f.push("index.html");
                }
                f
            });
        let (status, mut body, kind) = match file.as_ref().and_then(|f| std::fs::read(f).ok()) {
            Some(bytes) => (200, bytes, content_type(file.as_ref().unwrap())),
            None => (
                404,
                std::fs::read(root.join("404.html")).unwrap_or_default(),
                "text/html; charset=utf-8",
            ),
        };
        log.lock().unwrap().push((path.clone(), status, body.len()));
        if kind.starts_with("text/html") {
            let text = String::from_utf8_lossy(&body).replacen(
                "<head>",
                &format!("<head>{ERROR_TRAP}"),
                1,
            );
            body = text.into_bytes();
        }
        let mut stream = reader.get_ref();
        let head = format!(
            "HTTP/1.1 {status} {}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\r\n",
            if status == 200 { "OK" } else { "Not Found" },
            body.len()
        );
        if stream.write_all(head.as_bytes()).is_err() || stream.write_all(&body).is_err() {
            return;
        }
        let _ = reader.get_mut().read(&mut []);
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("xml") => "application/xml",
        _ => "application/octet-stream",
    }
}

// ---------------------------------------------------------------------
// The browser.

struct Driver {
    process: Child,
    client: Client,
}

impl Drop for Driver {
    /// Ends chromedriver and the Chromium it started: they share a process
    /// group of their own, so none outlives the test, even one that failed.
    fn drop(&mut self) {
        #[cfg(unix)]
        let _ = rustix::process::kill_process_group(
            rustix::process::Pid::from_child(&self.process),
            rustix::process::Signal::KILL,
        );
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// `chromedriver` and a headless Chromium session, or `None` (with a
/// note) where they are not installed and this is no CI run.
async fn driver(width: u32, height: u32) -> Option<Driver> {
    let found = Command::new("chromedriver")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromedriver is not installed: CI must install chromium and chromium-driver"
        );
        eprintln!("skipped: no chromedriver (install Debian's chromium and chromium-driver)");
        return None;
    }
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut command = Command::new("chromedriver");
    command
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let process = command.spawn().expect("chromedriver starts");
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({ "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         format!("--window-size={width},{height}")] }),
    );
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a Chromium session starts");
    Some(Driver { process, client })
}

/// Runs `script` until it returns something other than null or false.
/// While a page loads (after a form is submitted) the script may find no
/// document to run in, or not yet the elements it reads: such an error
/// means "not yet", and the last one is shown if the wait times out.
async fn wait_until(c: &Client, script: &str, what: &str) -> Value {
    let started = Instant::now();
    let mut last_error = None;
    loop {
        match c.execute(script, vec![]).await {
            Ok(v) if !v.is_null() && v != json!(false) => return v,
            Ok(_) => {}
            Err(e) => last_error = Some(e),
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what} (last script error: {last_error:?})"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// Waits for the search page to settle and gives its results as
/// `[{href, title, kind, marked}]`.
async fn results(c: &Client) -> Vec<Value> {
    let state = wait_until(
        c,
        "var f = document.getElementById('search-form'); if (!f) return null; var s = f.getAttribute('data-state'); return s === 'done' || s === 'error' || s === 'idle' ? s : null;",
        "search results",
    )
    .await;
    assert_eq!(state, "done", "the search ended in {state}");
    let v = c
        .execute(
            "return Array.from(document.querySelectorAll('#search-results li')).map(function (li) { var a = li.querySelector('a'); return { href: a.getAttribute('href'), title: a.textContent, kind: li.className, marked: Array.from(li.querySelectorAll('mark')).map(function (m) { return m.textContent; }) }; });",
            vec![],
        )
        .await
        .unwrap();
    v.as_array().unwrap().clone()
}

async fn search_for(c: &Client, server: &Server, query: &str) -> Vec<Value> {
    let url = format!("{}?q={}", server.url("search/"), query);
    c.goto(&url).await.unwrap();
    results(c).await
}

/// A JSON list of strings.
fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap_or("?").to_string())
        .collect()
}

async fn errors(c: &Client) -> Vec<String> {
    let v = c
        .execute("return window.__errors || ['no error trap'];", vec![])
        .await
        .unwrap();
    strings(&v)
}

async fn no_errors(c: &Client, page: &str) {
    let errors = errors(c).await;
    assert!(errors.is_empty(), "script errors on {page}: {errors:?}");
}

fn axe_source() -> Option<String> {
    let path = std::env::var_os("AXE_CORE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js")
        });
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(_) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "axe-core not found at {}: CI must install it (npm install axe-core) and set AXE_CORE",
                path.display()
            );
            eprintln!("skipped the accessibility check: no {}", path.display());
            None
        }
    }
}

/// axe-core's serious and critical violations on the page shown.
async fn axe(c: &Client, axe: &str) -> Vec<String> {
    c.execute(axe, vec![]).await.unwrap();
    let v = c
        .execute_async(
            "var done = arguments[arguments.length - 1]; axe.run(document, { resultTypes: ['violations'] }).then(function (r) { done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; }).map(function (v) { return v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); }).join(', '); })); }, function (e) { done(['axe failed: ' + e]); });",
            vec![],
        )
        .await
        .unwrap();
    strings(&v)
}

async fn screenshot(c: &Client, name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser");
    std::fs::create_dir_all(&dir).unwrap();
    let png = c.screenshot().await.unwrap();
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

/// Builds the site at `root` into a fresh folder, published under [`BASE`].
fn build(root: &Path, out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("--root")
        .arg(root)
        .args(["build", "--base-url", BASE, "--output"])
        .arg(out)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "the build of {} failed", root.display());
}

// ---------------------------------------------------------------------
// The tests.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_searches_previews_and_follows_the_network_on_the_demo_site() {
    let Some(driver) = driver(1280, 900).await else {
        return;
    };
    let c = &driver.client;
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build(Path::new(env!("CARGO_MANIFEST_DIR")), &site);
    let server = Server::start(site.clone());
    let axe_js = axe_source();

    // The header's search field leads to the results.
    c.goto(&server.url("")).await.unwrap();
    no_errors(c, "the home page").await;
    let field = c
        .find(Locator::Css(".site-search input[name=q]"))
        .await
        .unwrap();
    field.send_keys("Pjongjang").await.unwrap();
    field
        .send_keys(&String::from(char::from(Key::Enter)))
        .await
        .unwrap();
    let found = results(c).await;
    let url = c.current_url().await.unwrap();
    assert_eq!(
        url.path(),
        format!("{BASE}search/"),
        "the header's form leads to the search page"
    );
    // Folding: "Pjongjang" finds "Pjöngjang", the entity first.
    assert!(!found.is_empty(), "no results for Pjongjang");
    assert_eq!(found[0]["title"], "Pjöngjang", "{found:?}");
    assert!(found[0]["kind"]
        .as_str()
        .unwrap()
        .contains("search-result-entity"));
    assert!(
        found.iter().any(|r| r["href"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{BASE}articles/"))
            && r["marked"].as_array().is_some_and(|m| !m.is_empty())),
        "an article with the hit marked: {found:?}"
    );
    no_errors(c, "the search page").await;
    screenshot(c, "demo-search").await;

    // The script cuts, folds and stems words exactly as the build did.
    let text = "Pjöngjang Straße Russlands Ministers countries Kindern Łódź G7 2024 Москва ΑΘΗΝΑ naïve Ærø O'Neill Baden-Württemberg ｂｅｒｌｉｎ İstanbul Ǆemal x 1 Ελλάδα";
    let mut built = Vec::new();
    briefing::render::search::text::words(text, |w| built.push(w.to_string()));
    let script = c
        .execute(
            "return window.briefingSearch.words(arguments[0]).map(function (w) { return w.stem; });",
            vec![json!(text)],
        )
        .await
        .unwrap();
    assert_eq!(
        strings(&script),
        built,
        "the script's words are the index's"
    );

    // An inflected form finds the word: "Russlands" → "Russland".
    let found = search_for(c, &server, "Russlands").await;
    assert!(
        found.iter().any(|r| r["title"] == "Russland"),
        "Russlands finds Russland: {found:?}"
    );
    // An entity's name offers its page first.
    let found = search_for(c, &server, "Kim%20Jong%20Un").await;
    assert_eq!(
        found[0]["href"],
        format!("{BASE}entities/kim-jong-un/"),
        "{found:?}"
    );

    // A filter narrows the results.
    let all = search_for(c, &server, "Blinken").await;
    let kind = c.find(Locator::Css("select[name=kind]")).await.unwrap();
    kind.select_by_value("article").await.unwrap();
    let articles = results(c).await;
    assert!(
        !articles.is_empty() && articles.len() < all.len(),
        "{} → {}",
        all.len(),
        articles.len()
    );
    assert!(articles.iter().all(|r| r["kind"]
        .as_str()
        .unwrap()
        .contains("search-result-article")));
    assert!(c
        .current_url()
        .await
        .unwrap()
        .query()
        .unwrap()
        .contains("kind=article"));
    if let Some(axe_js) = &axe_js {
        let v = axe(c, axe_js).await;
        assert!(v.is_empty(), "axe on the search page: {v:?}");
    }

    // The entity filter, from a link and typed by name: the articles
    // naming the entity.
    c.goto(&format!("{}?entity=kim-jong-un", server.url("search/")))
        .await
        .unwrap();
    let named = results(c).await;
    assert!(!named.is_empty(), "articles naming Kim Jong Un");
    assert!(named.iter().all(|r| r["href"]
        .as_str()
        .unwrap()
        .starts_with(&format!("{BASE}articles/"))));
    let field = c.find(Locator::Css("input[name=entity]")).await.unwrap();
    assert_eq!(
        field.prop("value").await.unwrap().as_deref(),
        Some("Kim Jong-un")
    );
    field.clear().await.unwrap();
    field.send_keys("Antony Blinken").await.unwrap();
    field
        .send_keys(&String::from(char::from(Key::Tab)))
        .await
        .unwrap();
    wait_until(
        c,
        "return location.search.indexOf('entity=antony-blinken') >= 0;",
        "the entity filter in the URL",
    )
    .await;
    let named = results(c).await;
    assert!(!named.is_empty(), "articles naming Antony Blinken");

    // An article's entity link: hover shows its card, Escape hides it,
    // focus shows it again.
    let article = all
        .iter()
        .find(|r| {
            r["href"]
                .as_str()
                .unwrap()
                .starts_with(&format!("{BASE}articles/"))
        })
        .unwrap()["href"]
        .as_str()
        .unwrap()
        .to_string();
    c.goto(&format!("http://127.0.0.1:{}{article}", server.port))
        .await
        .unwrap();
    let link = c
        .find(Locator::Css(".article-body a.entity"))
        .await
        .unwrap();
    let name = link.text().await.unwrap();
    let before = c
        .execute("return document.documentElement.scrollHeight;", vec![])
        .await
        .unwrap();
    let hover = MouseActions::new("mouse".into()).then(PointerAction::MoveToElement {
        element: link.clone(),
        duration: Some(Duration::from_millis(50)),
        x: 0.0,
        y: 0.0,
    });
    c.perform_actions(hover).await.unwrap();
    let card = wait_until(
        c,
        "var c = document.getElementById('entity-preview'); return c && !c.hidden ? c.textContent : null;",
        "the preview card",
    )
    .await;
    assert!(
        card.as_str().unwrap().contains(&name) || !name.is_empty(),
        "{card}"
    );
    let shown = c
        .execute(
            "var c = document.getElementById('entity-preview'); return [c.querySelector('.preview-name').textContent, c.querySelector('.preview-counts').textContent];",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        shown[1]
            .as_str()
            .unwrap()
            .chars()
            .any(|ch| ch.is_ascii_digit()),
        "{shown}"
    );
    let after = c
        .execute("return document.documentElement.scrollHeight;", vec![])
        .await
        .unwrap();
    assert_eq!(before, after, "the card moves nothing");
    screenshot(c, "demo-preview").await;
    c.find(Locator::Css("body"))
        .await
        .unwrap()
        .send_keys(&String::from(char::from(Key::Escape)))
        .await
        .unwrap();
    wait_until(
        c,
        "var c = document.getElementById('entity-preview'); return c.hidden;",
        "Escape to hide the card",
    )
    .await;
    c.execute(
        "document.querySelector('.article-body a.entity').focus();",
        vec![],
    )
    .await
    .unwrap();
    wait_until(
        c,
        "var c = document.getElementById('entity-preview'); return !c.hidden && document.activeElement.getAttribute('aria-describedby') === 'entity-preview';",
        "focus to show the card",
    )
    .await;
    no_errors(c, "an article").await;
    if let Some(axe_js) = &axe_js {
        let v = axe(c, axe_js).await;
        assert!(v.is_empty(), "axe on an article: {v:?}");
    }

    // Touch: the first tap shows the card, a second tap follows the link.
    c.goto(&format!("http://127.0.0.1:{}{article}", server.port))
        .await
        .unwrap();
    let link = c
        .find(Locator::Css(".article-body a.entity"))
        .await
        .unwrap();
    let target = link.attr("href").await.unwrap().unwrap();
    let tap = || {
        TouchActions::new("finger".into())
            .then(PointerAction::MoveToElement {
                element: link.clone(),
                duration: None,
                x: 0.0,
                y: 0.0,
            })
            .then(PointerAction::Down { button: 0 })
            .then(PointerAction::Up { button: 0 })
    };
    c.perform_actions(tap()).await.unwrap();
    wait_until(
        c,
        "var c = document.getElementById('entity-preview'); return c && !c.hidden;",
        "a tap to show the card",
    )
    .await;
    assert_eq!(
        c.current_url().await.unwrap().path(),
        article,
        "the first tap stays"
    );
    c.perform_actions(tap()).await.unwrap();
    wait_until(
        c,
        &format!("return location.pathname === {};", json!(target)),
        "a second tap to follow the link",
    )
    .await;

    // The network page: every node leads to an entity page that exists.
    c.goto(&server.url("graph/")).await.unwrap();
    let nodes = c
        .execute(
            "return Array.from(document.querySelectorAll('svg a')).map(function (a) { return a.getAttribute('href'); });",
            vec![],
        )
        .await
        .unwrap();
    let nodes = strings(&nodes);
    assert!(!nodes.is_empty(), "the network has nodes");
    for href in &nodes {
        assert!(href.starts_with(&format!("{BASE}entities/")), "{href}");
        let file = site
            .join(href.strip_prefix(BASE).unwrap())
            .join("index.html");
        assert!(file.exists(), "{href} has a page");
    }
    no_errors(c, "the network page").await;
    if let Some(axe_js) = &axe_js {
        for (route, what) in [
            ("", "the home page"),
            ("entities/kim-jong-un/", "an entity page"),
            ("graph/", "the network page"),
        ] {
            c.goto(&server.url(route)).await.unwrap();
            let v = axe(c, axe_js).await;
            assert!(v.is_empty(), "axe on {what}: {v:?}");
            no_errors(c, what).await;
        }
    }
    let missing = server.missing();
    assert!(
        missing.is_empty(),
        "requests for missing files: {missing:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_for_the_most_named_entity_of_a_large_corpus_stays_within_300_kb() {
    let Some(driver) = driver(1280, 900).await else {
        return;
    };
    let c = &driver.client;
    let articles: usize = std::env::var("BROWSER_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    briefing::corpus::generate(
        dir.path(),
        &briefing::corpus::CorpusOptions {
            articles,
            entities: articles / 10,
            seed: 1,
            ..Default::default()
        },
    )
    .unwrap();
    let site = dir.path().join("site");
    build(dir.path(), &site);
    let server = Server::start(site.clone());

    // The most named entity, from the entities index.
    c.goto(&server.url("entities/")).await.unwrap();
    let top = c
        .execute(
            "var best = null; document.querySelectorAll('.kind-group li').forEach(function (li) { var a = li.querySelector('a.entity'), n = parseInt((li.querySelector('.count') || {}).textContent.replace(/\\D/g, ''), 10); if (a && n && (!best || n > best[2])) best = [a.textContent, a.getAttribute('href'), n]; }); return best;",
            vec![],
        )
        .await
        .unwrap();
    let (name, href) = (top[0].as_str().unwrap(), top[1].as_str().unwrap());

    server.clear();
    let query: String =
        percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC).to_string();
    let found = search_for(c, &server, &query).await;
    let bytes = server.bytes();
    let timing = c
        .execute("return window.briefingSearch.last;", vec![])
        .await
        .unwrap();
    eprintln!(
        "search for {name:?} ({} articles name it) on {articles} articles: {} results, {bytes} bytes transferred (page, scripts, index), first results in {:.0} ms",
        top[2], found.len(), timing["ms"].as_f64().unwrap_or(f64::NAN)
    );
    assert_eq!(found[0]["href"], href, "the entity's page comes first");
    assert!(found.len() >= 10, "{} results", found.len());
    assert!(
        bytes <= SEARCH_BUDGET,
        "{bytes} bytes transferred, more than {SEARCH_BUDGET}"
    );
    screenshot(c, "corpus-search").await;

    // Umlaut folding and a filter on the corpus: the year filter narrows.
    let year = c
        .execute("var o = document.querySelector('select[name=year] option:nth-child(2)'); return o && o.value;", vec![])
        .await
        .unwrap();
    if let Some(year) = year.as_str() {
        c.find(Locator::Css("select[name=year]"))
            .await
            .unwrap()
            .select_by_value(year)
            .await
            .unwrap();
        let narrowed = results(c).await;
        let status = c
            .find(Locator::Id("search-status"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            !narrowed.is_empty(),
            "the year {year} has results: {status}"
        );
    }
    no_errors(c, "the corpus's search page").await;
    let missing = server.missing();
    assert!(
        missing.is_empty(),
        "requests for missing files: {missing:?}"
    );
}
