//! `briefing serve` as a user meets it: the binary on a copy of the `basic`
//! fixture, on a free port, spoken to over real HTTP on 127.0.0.1. Every wait
//! is bounded: a test fails rather than hangs.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::Site;

/// How long a rebuild may take to reach the test before it fails.
const WAIT: Duration = Duration::from_secs(20);

/// A running `briefing serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(site: &Site) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
            .arg("--root")
            .arg(site.root())
            .args(["serve", "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                    let port: u16 = rest
                        .trim_end_matches(|c: char| !c.is_ascii_digit())
                        .split('/')
                        .next()
                        .unwrap()
                        .parse()
                        .unwrap();
                    let _ = tx.send(port);
                }
            }
        });
        let port = match rx.recv_timeout(WAIT) {
            Ok(p) => p,
            Err(_) => {
                let _ = child.kill();
                panic!("the server did not start");
            }
        };
        Server { child, port }
    }

    fn get(&self, path: &str) -> Response {
        request(self.port, "GET", path)
    }

    fn events(&self) -> Events {
        Events::connect(self.port)
    }

    /// The body of `path` once it satisfies `ready` (bounded).
    fn wait_for(&self, path: &str, ready: impl Fn(&Response) -> bool) -> Response {
        let started = Instant::now();
        loop {
            let r = self.get(path);
            if ready(&r) {
                return r;
            }
            assert!(
                started.elapsed() < WAIT,
                "{path} never became ready: {} {}",
                r.status,
                r.body
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Response {
    status: u16,
    headers: String,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<String> {
        self.headers.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// One HTTP/1.1 request with the path sent exactly as given.
fn request(port: u16, method: &str, path: &str) -> Response {
    request_for(port, method, path, "127.0.0.1")
}

/// The same, for the given `Host`.
fn request_for(port: u16, method: &str, path: &str, host: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .unwrap_or("0")
        .parse()
        .unwrap();
    Response {
        status,
        headers: head.to_string(),
        body: body.to_string(),
    }
}

/// A connection to the live-reload event stream.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    fn connect(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(stream, "GET /__briefing/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n").unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        let started = Instant::now();
        // Skip the response head.
        loop {
            line.clear();
            if reader.read_line(&mut line).is_ok() && line == "\r\n" {
                break;
            }
            assert!(started.elapsed() < WAIT, "no event stream");
        }
        Events { reader }
    }

    /// The next message whose JSON contains `needle` (bounded).
    fn wait_for(&mut self, needle: &str) -> String {
        let started = Instant::now();
        let mut line = String::new();
        while started.elapsed() < WAIT {
            line.clear();
            match self.reader.read_line(&mut line) {
                Ok(0) => panic!("the event stream closed"),
                Ok(_) => {
                    if let Some(data) = line
                        .trim_end()
                        .strip_prefix("data: ")
                        .or_else(|| line.trim_end().strip_prefix("data:"))
                    {
                        if data.contains(needle) {
                            return data.to_string();
                        }
                    }
                }
                Err(_) => {} // read timeout: keep waiting
            }
        }
        panic!("no message with {needle:?} within {WAIT:?}");
    }
}

#[test]
fn serves_pages_with_content_types_head_redirects_and_a_404_page() {
    let site = Site::copy_of("basic");
    let server = Server::start(&site);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type").unwrap(),
        "text/html; charset=utf-8"
    );
    assert!(
        home.body.contains("/__briefing/livereload.js"),
        "served pages get the script"
    );
    assert!(home.body.contains("http://127.0.0.1:") || home.body.contains("href=\"/"));

    let css = server.get("/style.css");
    assert_eq!(
        (css.status, css.header("content-type").unwrap().as_str()),
        (200, "text/css; charset=utf-8")
    );
    assert!(!css.body.contains("livereload"));
    assert_eq!(
        server.get("/atom.xml").header("content-type").unwrap(),
        "application/atom+xml; charset=utf-8"
    );
    assert_eq!(
        server.get("/robots.txt").header("content-type").unwrap(),
        "text/plain; charset=utf-8"
    );
    assert_eq!(server.get("/__briefing/livereload.js").status, 200);

    let head = request(server.port, "HEAD", "/articles/day/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty(), "HEAD has no body");
    assert_eq!(request(server.port, "POST", "/").status, 405);

    let redirect = server.get("/articles/day");
    assert_eq!(redirect.status, 308);
    assert_eq!(redirect.header("location").unwrap(), "/articles/day/");

    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<html"), "the site's 404 page");
    assert!(
        !site.root().join("site").exists(),
        "serve never writes site/"
    );
}

#[test]
fn refuses_paths_that_leave_the_site() {
    let site = Site::copy_of("basic");
    // A symlink inside the site's static files pointing out of the site: the
    // server serves from memory, and the theme loader does not follow links.
    #[cfg(unix)]
    {
        std::fs::create_dir_all(site.root().join("static")).unwrap();
        std::os::unix::fs::symlink(
            site.root().join("briefing.yaml"),
            site.root().join("static/leak.txt"),
        )
        .unwrap();
    }
    let server = Server::start(&site);
    for path in [
        "/../briefing.yaml",
        "/%2e%2e/briefing.yaml",
        "/%2E%2E%2Fbriefing.yaml",
        "/articles/%2e%2e/%2e%2e/briefing.yaml",
        "//etc/passwd",
        "/..%5c..%5cbriefing.yaml",
        "/leak.txt",
    ] {
        let r = server.get(path);
        assert!(
            r.status == 400 || r.status == 404,
            "{path}: status {}",
            r.status
        );
        assert!(!r.body.contains("base_url"), "{path} leaked a file");
    }
}

#[test]
fn an_edit_reaches_open_pages_and_the_served_site() {
    let site = Site::copy_of("basic");
    let server = Server::start(&site);
    let mut events = server.events();
    let text = site.read("content/articles/day.md");
    site.write(
        "content/articles/day.md",
        &text.replace(
            "Blinken spoke about the talks.",
            "Blinken spoke about the weather.",
        ),
    );
    events.wait_for("articles/day/index.html");
    assert!(server
        .get("/articles/day/")
        .body
        .contains("spoke about the weather"));
}

#[test]
fn created_deleted_and_renamed_articles_appear_and_disappear() {
    let site = Site::copy_of("basic");
    let server = Server::start(&site);
    let mut events = server.events();
    site.write(
        "content/articles/fresh.md",
        "---\ntitle: A fresh report\ndate: 2025-02-01\n---\nPark Jin spoke.\n",
    );
    events.wait_for("articles/fresh/index.html");
    assert!(server
        .get("/articles/fresh/")
        .body
        .contains("A fresh report"));
    assert!(server
        .get("/entities/park-jin/")
        .body
        .contains("A fresh report"));

    std::fs::rename(
        site.root().join("content/articles/fresh.md"),
        site.root().join("content/articles/moved.md"),
    )
    .unwrap();
    events.wait_for("articles/moved/index.html");
    assert_eq!(server.get("/articles/fresh/").status, 404);
    assert_eq!(server.get("/articles/moved/").status, 200);

    std::fs::remove_file(site.root().join("content/articles/moved.md")).unwrap();
    events.wait_for("articles/moved/index.html");
    assert_eq!(server.get("/articles/moved/").status, 404);
    assert!(!server
        .get("/entities/park-jin/")
        .body
        .contains("A fresh report"));
}

#[test]
fn an_atomic_save_and_a_burst_end_in_a_correct_site() {
    let site = Site::copy_of("basic");
    let server = Server::start(&site);
    let mut events = server.events();
    // Write a temporary file, then rename it over the article, as editors do.
    site.write("content/articles/.day.md.swp", "swap");
    site.write(
        "content/articles/day.md.tmp",
        "---\ntitle: Saved atomically\ndate: 2025-01-24\n---\nText.\n",
    );
    std::fs::rename(
        site.root().join("content/articles/day.md.tmp"),
        site.root().join("content/articles/day.md"),
    )
    .unwrap();
    std::fs::remove_file(site.root().join("content/articles/.day.md.swp")).unwrap();
    events.wait_for("articles/day/index.html");
    assert!(server
        .get("/articles/day/")
        .body
        .contains("Saved atomically"));

    for i in 0..100 {
        site.write(
            &format!("content/articles/burst/b{i}.md"),
            &format!(
                "---\ntitle: Burst {i}\ndate: 2023-05-{:02}\n---\nNorth Korea.\n",
                i % 28 + 1
            ),
        );
    }
    server.wait_for("/articles/b99/", |r| r.status == 200);
    let expected = site.run(&["check"]);
    expected.assert_ok();
    assert!(server.get("/articles/b0/").body.contains("Burst 0"));
}

#[test]
fn a_broken_file_shows_errors_keeps_the_last_good_site_and_clears_when_fixed() {
    let site = Site::copy_of("basic");
    let server = Server::start(&site);
    let mut events = server.events();
    let good = site.read("content/articles/day.md");
    site.write(
        "content/articles/day.md",
        &good.replace("title: Blinken meets Park Jin in Seoul", "title: [unclosed"),
    );
    let message = events.wait_for("\"errors\"");
    assert!(message.contains("content/articles/day.md"), "{message}");
    assert!(
        message.contains("\"line\":3"),
        "the line where YAML noticed: {message}"
    );
    // The last good site stays, and a page opened now learns of the errors at once.
    assert!(server
        .get("/articles/day/")
        .body
        .contains("Blinken meets Park Jin in Seoul"));
    server.events().wait_for("\"errors\"");

    site.write(
        "content/articles/day.md",
        &good.replace(
            "Blinken spoke about the talks.",
            "Blinken spoke about the [[Nobody]].",
        ),
    );
    let message = events.wait_for("\"errors\"");
    assert!(message.contains("Nobody"), "{message}");

    site.write("content/articles/day.md", &good.replace("Seoul", "Busan"));
    events.wait_for("\"reload\"");
    assert!(server
        .get("/articles/day/")
        .body
        .contains("Blinken meets Park Jin in Busan"));
}

#[test]
fn a_template_change_rerenders_its_pages_and_a_css_change_swaps_stylesheets() {
    let site = Site::copy_of("basic");
    let server = Server::start(&site);
    let mut events = server.events();
    let base = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/templates/article.html"),
    )
    .unwrap();
    site.write(
        "templates/article.html",
        &base.replace(
            "{% block content %}",
            "{% block content %}<p>TEMPLATE-MARK</p>",
        ),
    );
    events.wait_for("articles/day/index.html");
    assert!(server.get("/articles/day/").body.contains("TEMPLATE-MARK"));
    assert!(!server.get("/").body.contains("TEMPLATE-MARK"));

    site.write("templates/article.html", "{% if %}");
    let message = events.wait_for("\"errors\"");
    assert!(message.contains("templates/article.html"), "{message}");
    std::fs::remove_file(site.root().join("templates/article.html")).unwrap();
    events.wait_for("\"reload\"");

    site.write("static/style.css", "body { color: red }\n");
    let message = events.wait_for("\"css\"");
    assert!(message.contains("style.css"), "{message}");
    assert_eq!(server.get("/style.css").body, "body { color: red }\n");
}

#[test]
fn built_sites_never_contain_the_live_reload_script() {
    let site = Site::copy_of("basic");
    site.run(&["build"]).assert_ok();
    for (path, bytes) in site.tree("site") {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__briefing"),
            "{path}"
        );
    }
}

#[test]
fn a_recursive_template_is_reported_and_the_server_stays_up() {
    let site = Site::copy_of("basic");
    let server = Server::start(&site);
    let mut events = server.events();
    site.write(
        "templates/partials/pagination.html",
        "{% include \"partials/pagination.html\" %}",
    );
    let message = events.wait_for("\"errors\"");
    assert!(message.contains("recursion"), "{message}");
    assert!(message.contains("pagination.html"), "{message}");
    assert_eq!(server.get("/").status, 200, "the last good site is served");
    site.write("templates/components.html", COMPONENTS_LOOPING);
    site.write("templates/partials/pagination.html", "{{ <echo n={1}/> }}");
    let message = events.wait_for("components.html");
    assert!(message.contains("recursion"), "{message}");
    assert_eq!(server.get("/articles/day/").status, 200);
    std::fs::remove_dir_all(site.root().join("templates")).unwrap();
    // The site is the last good one again: the overlay is cleared.
    events.wait_for("\"ok\"");
}

/// The default theme's components and one that calls itself without end.
const COMPONENTS_LOOPING: &str = "{% component toc(entries) %}{% endcomponent toc %}\n{% component echo(n) %}{{ <echo n={n}/> }}{% endcomponent echo %}\n";

#[test]
fn redirects_stay_on_the_server_and_other_host_names_are_refused() {
    let site = Site::copy_of("basic");
    let server = Server::start(&site);
    // `//tags` must not redirect to `//tags/`, a link to a host "tags".
    let redirect = server.get("//tags");
    assert_eq!(redirect.status, 308);
    assert_eq!(redirect.header("location").unwrap(), "/tags/");
    let with_query = server.get("//articles//day?x=1");
    assert_eq!(with_query.header("location").unwrap(), "/articles/day/?x=1");
    // DNS rebinding: a name that resolves here is not this server's name.
    let port = server.port;
    let rebound = request_for(port, "GET", "/", &format!("attacker.example:{port}"));
    assert_eq!(rebound.status, 421, "{}", rebound.body);
    assert!(!rebound.body.contains("<html"), "no page of the site");
    assert_eq!(
        request_for(port, "GET", "/", &format!("localhost:{port}")).status,
        200
    );
}

#[test]
fn a_client_that_never_finishes_its_request_head_is_cut_off() {
    let site = Site::copy_of("basic");
    let server = Server::start(&site);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    // Half a request head, then silence.
    write!(stream, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n").unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let started = Instant::now();
    let mut rest = Vec::new();
    let read = stream.read_to_end(&mut rest);
    let waited = started.elapsed();
    assert!(
        read.is_ok() || waited < Duration::from_secs(29),
        "not closed: {read:?}"
    );
    assert!(
        waited >= Duration::from_secs(9) && waited < Duration::from_secs(20),
        "closed after {waited:?}"
    );
    // The server still answers others.
    assert_eq!(server.get("/").status, 200);
}
