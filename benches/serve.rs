//! Edit-to-reload latency of `briefing serve` on a generated corpus.
//!
//! Generates a site of 10,000 articles and 1,000 entities, starts the release
//! binary with `serve --port 0`, connects to the live-reload event stream like
//! a browser tab, then 30 times: appends a sentence to one article and
//! measures the time from the write to the reload message reaching the
//! client. Prints the median and the 95th percentile.
//!
//! ```text
//! cargo bench --bench serve            # 10,000 articles
//! BRIEFING_BENCH_ARTICLES=2000 cargo bench --bench serve
//! ```

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Edits measured; the first few warm the caches of the OS and are kept.
const EDITS: usize = 30;
/// Registry entities of the generated corpus, as in the build benchmarks.
const ENTITIES: usize = 1_000;
/// Pause between edits, so that each one is its own batch.
const PAUSE: Duration = Duration::from_millis(300);

fn main() {
    let articles: usize = std::env::var("BRIEFING_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let entities = ENTITIES;
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let options = briefing::corpus::CorpusOptions {
        articles,
        entities,
        seed: 1,
        shared_surnames: false,
    };
    briefing::corpus::generate(dir.path(), &options).expect("the corpus is written");
    eprintln!(
        "generated {articles} articles and {entities} entities in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("--root")
        .arg(dir.path())
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let port: u16 = loop {
        let line = lines
            .next()
            .expect("the server printed its address")
            .unwrap();
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    eprintln!(
        "first build and start: {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let mut events = connect(port);
    // An ordinary article: the 42nd file of the corpus in path order.
    let mut files: Vec<std::path::PathBuf> = walk(&dir.path().join("content/articles"));
    files.sort();
    let target = files[42.min(files.len() - 1)].clone();
    let original = std::fs::read_to_string(&target).unwrap();
    let mut times = Vec::with_capacity(EDITS);
    for i in 0..EDITS {
        std::thread::sleep(PAUSE);
        let text = format!("{original}\nEdit number {i}: the talks went on.\n");
        let t0 = Instant::now();
        std::fs::write(&target, text).unwrap();
        wait_for_reload(&mut events);
        times.push(t0.elapsed());
    }
    let _ = child.kill();
    let _ = child.wait();

    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let p95 = times[(times.len() * 95).div_ceil(100) - 1];
    println!(
        "serve edit→reload, {articles} articles, {EDITS} edits: median {:.1} ms, p95 {:.1} ms, min {:.1} ms, max {:.1} ms",
        ms(times[times.len() / 2]),
        ms(p95),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
}

fn connect(port: u16) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET /__briefing/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    BufReader::new(stream)
}

fn wait_for_reload(events: &mut BufReader<TcpStream>) {
    let mut line = String::new();
    loop {
        line.clear();
        let n = events.read_line(&mut line).expect("a reload within 60 s");
        assert!(n > 0, "the event stream closed");
        if line.starts_with("data:") {
            assert!(line.contains("\"reload\""), "unexpected message: {line}");
            return;
        }
    }
}

/// Every Markdown file under `dir`.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    out
}
