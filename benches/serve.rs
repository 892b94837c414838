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
/// Pause between edits, so that each one is its own batch.
const PAUSE: Duration = Duration::from_millis(300);

fn main() {
    let articles: usize = std::env::var("BRIEFING_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let entities = (articles / 10).max(10);
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    corpus::generate(dir.path(), articles, entities, 42);
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
    let target = dir.path().join("content/articles/a00042.md");
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

/// A minimal corpus generator, local to this benchmark.
/// TODO: replace with `briefing::corpus::generate(dir, &CorpusOptions { articles, entities, seed })`
/// once the corpus generator has landed.
mod corpus {
    use std::fmt::Write as _;

    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    const SYLLABLES: [&str; 16] = [
        "ka", "lo", "mi", "ren", "sa", "to", "vel", "dor", "an", "bri", "cus", "el", "fa", "gor",
        "hal", "is",
    ];
    const WORDS: [&str; 24] = [
        "the",
        "talks",
        "minister",
        "said",
        "on",
        "Monday",
        "that",
        "a",
        "new",
        "agreement",
        "would",
        "follow",
        "after",
        "weeks",
        "of",
        "negotiations",
        "in",
        "capital",
        "officials",
        "reported",
        "progress",
        "and",
        "further",
        "meetings",
    ];

    fn name(rng: &mut Rng) -> String {
        let mut word = |n: usize| {
            let mut w = String::new();
            for _ in 0..n {
                w.push_str(SYLLABLES[rng.below(SYLLABLES.len())]);
            }
            let mut c = w.chars();
            c.next().unwrap().to_uppercase().collect::<String>() + c.as_str()
        };
        format!("{} {}", word(2), word(3))
    }

    pub fn generate(root: &std::path::Path, articles: usize, entities: usize, seed: u64) {
        let mut rng = Rng(seed | 1);
        std::fs::create_dir_all(root.join("content/articles")).unwrap();
        std::fs::create_dir_all(root.join("content/entities")).unwrap();
        std::fs::write(
            root.join("briefing.yaml"),
            "title: Benchmark Briefing\nlanguage: en\nbase_url: https://example.org/\n",
        )
        .unwrap();
        let mut names = Vec::with_capacity(entities);
        for i in 0..entities {
            let n = format!("{} {i}", name(&mut rng));
            let kind = ["person", "organization", "place"][i % 3];
            std::fs::write(
                root.join(format!("content/entities/e{i:05}.md")),
                format!("---\nname: {n}\nkind: {kind}\n---\nProfile of {n}.\n"),
            )
            .unwrap();
            names.push(n);
        }
        for i in 0..articles {
            let mut body = String::new();
            for p in 0..4 {
                for w in 0..60 {
                    if w % 15 == 7 {
                        body.push_str(&names[rng.below(names.len())]);
                    } else {
                        body.push_str(WORDS[rng.below(WORDS.len())]);
                    }
                    body.push(' ');
                }
                body.push_str(".\n\n");
                if p == 1 {
                    let _ = writeln!(body, "## Part {p}\n");
                }
            }
            let date = format!(
                "{}-{:02}-{:02}",
                2015 + rng.below(10),
                1 + rng.below(12),
                1 + rng.below(28)
            );
            let text = format!(
                "---\ntitle: Report {i} on {}\ndate: {date}\nsource: Source {}\ntags: [Topic {}, Topic {}]\n---\n{body}",
                names[rng.below(names.len())],
                rng.below(20),
                rng.below(50),
                rng.below(50)
            );
            std::fs::write(root.join(format!("content/articles/a{i:05}.md")), text).unwrap();
        }
    }
}
