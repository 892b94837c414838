//! Warnings at scale: the binary on generated sites where most people share
//! their family name, so that the registry and the articles are full of
//! ambiguous names. By default each cause is one warning with its counts and
//! first places, a summary counts each kind, and errors come after the
//! warnings; `--warnings all` and `check --json` still give every occurrence.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use briefing::corpus::{generate, CorpusOptions};
use common::Site;

/// A generated site of `articles` articles and `entities` entities with
/// shared surnames.
fn shared_surnames(articles: usize, entities: usize) -> Site {
    let dir = tempfile::tempdir().unwrap();
    let options = CorpusOptions {
        articles,
        entities,
        seed: 1,
        shared_surnames: true,
    };
    generate(dir.path(), &options).unwrap();
    Site { dir }
}

/// The number the summary gives for all warnings ("warnings: 1,234 in all").
fn total(stderr: &str) -> usize {
    let line = stderr
        .lines()
        .find(|l| l.starts_with("warnings: ") && l.contains(" in all"))
        .unwrap_or_else(|| panic!("no summary in:\n{stderr}"));
    line["warnings: ".len()..]
        .split(' ')
        .next()
        .unwrap()
        .replace(',', "")
        .parse()
        .unwrap()
}

#[test]
fn the_grouped_form_shows_each_cause_once_with_counts_and_first_places() {
    let site = shared_surnames(60, 60);
    let run = site.run(&["check"]);
    run.assert_ok();
    insta::assert_snapshot!("grouped_shared_surnames", run.stderr());
}

#[test]
fn a_large_site_prints_at_most_200_lines_and_ends_with_the_counts() {
    let site = shared_surnames(1_000, 1_000);
    let run = site.run(&["build"]);
    run.assert_ok();
    let stderr = run.stderr();
    let lines = stderr.lines().count();
    assert!(lines <= 200, "{lines} lines:\n{stderr}");
    assert!(total(&stderr) > 1_000, "{stderr}");
    let summary = &stderr[stderr.find("warnings: ").unwrap()..];
    for kind in ["W001 ambiguous-mention", "W002 shared-name", "W003 undated"] {
        assert!(summary.contains(kind), "{kind} in:\n{summary}");
    }
    assert!(
        stderr
            .trim_end()
            .ends_with("as JSON for tools with `briefing check --warnings all --json`"),
        "{stderr}"
    );
}

#[test]
fn all_gives_every_occurrence_with_file_line_and_column() {
    let site = shared_surnames(60, 60);
    let run = site.run(&["--warnings", "all", "check"]);
    run.assert_ok();
    let stderr = run.stderr();
    let headers = stderr
        .lines()
        .filter(|l| l.starts_with("warning[W"))
        .count();
    let places = regex::Regex::new(r"(?m)^ *--> content/[^ ]+\.md:\d+:\d+$").unwrap();
    assert_eq!(headers, total(&stderr), "{stderr}");
    assert_eq!(places.find_iter(&stderr).count(), headers, "{stderr}");
    assert!(!stderr.contains("more ambiguous names"), "{stderr}");
}

#[test]
fn check_json_lists_every_occurrence_for_tools() {
    let site = shared_surnames(60, 60);
    let text = site.run(&["--warnings", "all", "check"]).stderr();
    let run = site.run(&["--warnings", "all", "check", "--json"]);
    run.assert_ok();
    let json: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let records = json.as_array().unwrap();
    assert_eq!(records.len(), total(&text));
    for r in records {
        for field in ["code", "kind", "file", "line", "col", "message", "help"] {
            assert!(!r[field].is_null(), "{field} of {r}");
        }
        assert!(r["code"].as_str().unwrap().starts_with('W'), "{r}");
    }
    assert!(records.iter().any(|r| r["kind"] == "ambiguous-mention"));
    assert!(records.iter().any(|r| r["kind"] == "shared-name"));
}

#[test]
fn an_error_is_the_last_thing_before_the_summary() {
    let site = shared_surnames(300, 300);
    let path = "content/articles/ohne-datum/broken.md";
    site.write(
        path,
        "---\ntitle: Kaputt\n---\nHier steht [[Niemand Bekanntes]].\n",
    );
    let run = site.run(&["build"]);
    run.assert_failed();
    let stderr = run.stderr();
    let error = stderr
        .find("error: unknown entity \"Niemand Bekanntes\"")
        .unwrap_or_else(|| panic!("{stderr}"));
    let summary = stderr.find("warnings: ").unwrap();
    assert!(error < summary, "{stderr}");
    let between = &stderr[error..summary];
    assert!(between.contains(&format!("--> {path}:4:")), "{between}");
    assert!(!between.contains("warning"), "{between}");
    assert!(!stderr[..error].contains("error"), "{stderr}");
    assert!(
        stderr
            .trim_end()
            .ends_with("error: 1 error; nothing was written"),
        "{stderr}"
    );
}

#[test]
fn none_hides_the_warnings_but_never_an_error() {
    let site = shared_surnames(60, 60);
    let run = site.run(&["--warnings", "none", "check"]);
    run.assert_ok();
    assert!(!run.stderr().contains("warning"), "{}", run.stderr());
    site.write(
        "content/articles/broken.md",
        "---\ntitle: Kaputt\n---\n[[Niemand Bekanntes]]\n",
    );
    let run = site.run(&["--warnings", "none", "check"]);
    run.assert_failed();
    let stderr = run.stderr();
    assert!(stderr.starts_with("error: unknown entity"), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn serve_rebuilds_print_only_how_the_warnings_changed() {
    let site = Site::copy_of("basic");
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("--root")
        .arg(site.root())
        .args(["serve", "--port", "0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    // Everything up to and including the next "Rebuilt …" line (bounded).
    let next_build = || {
        let mut lines = Vec::new();
        loop {
            match rx.recv_timeout(Duration::from_secs(30)) {
                Ok(line) if line.starts_with("Rebuilt") => return lines.join("\n"),
                Ok(line) => lines.push(line),
                Err(e) => panic!("no rebuild ({e}) after:\n{}", lines.join("\n")),
            }
        }
    };
    let first = next_build();
    assert!(first.contains("warning[W003]"), "{first}");
    assert!(first.contains("warnings: 1 in all"), "{first}");
    // Give the watcher time to start before changing files.
    std::thread::sleep(Duration::from_millis(500));
    site.write(
        "content/articles/also-undated.md",
        "---\ntitle: Also undated\n---\nText.\n",
    );
    let second = next_build();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        second.contains("content/articles/also-undated.md has no date"),
        "{second}"
    );
    assert!(!second.contains("undated.md has no date\n"), "{second}");
    assert!(
        second.contains("warnings: 1 new, 0 gone since the last build (2 in all)"),
        "{second}"
    );
    assert!(!second.contains("in all, by kind"), "{second}");
}
