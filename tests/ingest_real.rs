//! Ingest on real pastes and saved pages from 160 outlets
//! (`tests/fixtures/ingest/real/`, sources in `SOURCES-*.md`), scored field
//! by field against gold files written by the briefing developers. Prints
//! per-field accuracy (`cargo test --test ingest_real -- --nocapture`; `SHOW_DRAFT=NAME`
//! prints the drafts of the cases whose names contain NAME) and
//! holds the fields the ingest targets name to those targets, so that a
//! change that loses ground fails.
//!
//! Each case is converted as `briefing ingest` converts it. The source URL
//! is handed over as an editor would with `--url`, except in the outlet
//! score "without URL", which shows what the text alone gives.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use briefing::ingest::{self, Draft};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Gold {
    url: String,
    #[allow(dead_code)]
    lang: String,
    kind: String,
    title: Option<String>,
    date: Option<String>,
    outlet: Option<String>,
    #[serde(default)]
    agencies: Vec<String>,
    #[serde(default)]
    authors: Vec<String>,
    caption: Option<String>,
    credit: Option<String>,
    first: String,
    last: String,
    #[serde(default)]
    noise: Vec<String>,
    #[serde(default)]
    keep: Vec<String>,
    #[serde(default)]
    image: Option<String>,
}

/// The cases: the dev set, or the folder `BRIEFING_INGEST_CASES` names (a
/// hold-out set of the same form kept outside the repository).
fn cases() -> Vec<(PathBuf, PathBuf)> {
    let dir = std::env::var_os("BRIEFING_INGEST_CASES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest/real")
        });
    let mut found: Vec<(PathBuf, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|gold| {
            let stem = gold.file_stem().unwrap().to_string_lossy().into_owned();
            let input = ["txt", "html"]
                .iter()
                .map(|x| dir.join(format!("{stem}.{x}")))
                .find(|p| p.exists())
                .unwrap_or_else(|| panic!("no input for {}", gold.display()));
            (input, gold)
        })
        .collect();
    found.sort();
    found
}

/// Text compared without differences of spacing, quotes or a final stop.
fn norm(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| match c {
            '„' | '“' | '”' | '«' | '»' | '‚' | '‘' | '’' | '\'' => '"',
            '–' | '—' => '-',
            '\u{a0}' => ' ',
            c => c,
        })
        .collect();
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['.', ' '])
        .to_lowercase()
}

/// The body as plain text: headings without their marks, one line per paragraph.
fn body_text(draft: &Draft) -> String {
    draft
        .body
        .lines()
        .map(|l| l.trim_start_matches('#').trim())
        .collect::<Vec<_>>()
        .join("\n")
}

fn same_set(got: &[String], want: &[String], canon: impl Fn(&str) -> String) -> bool {
    let mut a: Vec<String> = got.iter().map(|s| canon(s)).collect();
    let mut b: Vec<String> = want.iter().map(|s| canon(s)).collect();
    a.sort();
    a.dedup();
    b.sort();
    b.dedup();
    a == b
}

fn agency(name: &str) -> String {
    ingest::rules::rules()
        .agency(name)
        .map_or_else(|| norm(name), norm)
}

/// Outlets compared by their canonical name when the rules know them, and
/// otherwise without a leading "the" and a domain ending.
fn outlet(name: &str) -> String {
    let known = ingest::rules::rules().outlet(name).unwrap_or(name);
    let n = norm(known);
    let n = n.strip_prefix("the ").unwrap_or(&n).to_string();
    // A name made from a domain ("newsdrum.in", "capitalfm.co.ke") is
    // compared without the domain's ending.
    let mut n = n;
    for _ in 0..2 {
        n = match n.rsplit_once('.') {
            Some((head, tld)) if (2..=3).contains(&tld.len()) && !head.contains(' ') => {
                head.to_string()
            }
            _ => n,
        };
    }
    n.replace([' ', '-', '.'], "")
}

/// The sentences the body must keep: the paste's lines from the one holding
/// `first` to the one holding `last`, without the noise lines and the lines
/// that go to front matter.
fn expected_lines(input: &str, gold: &Gold) -> Vec<String> {
    let lines: Vec<&str> = input
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let first = norm(&gold.first);
    let last = norm(&gold.last);
    let start = lines.iter().position(|l| norm(l).contains(&first));
    let end = lines.iter().rposition(|l| norm(l).contains(&last));
    let (Some(start), Some(end)) = (start, end) else {
        return Vec::new();
    };
    let noise: Vec<String> = gold.noise.iter().map(|n| norm(n)).collect();
    let front: Vec<String> = [&gold.title, &gold.caption, &gold.credit]
        .into_iter()
        .flatten()
        .map(|s| norm(s))
        .collect();
    // The caption's line with its credit (`… on Monday. (PTI)`) goes to
    // front matter as a whole.
    let captioned = |l: &str| match (&gold.caption, &gold.credit) {
        (Some(caption), Some(credit)) => {
            let (caption, credit) = (norm(caption), norm(credit));
            l.starts_with(&caption)
                && l.contains(&credit)
                && l.len() <= caption.len() + credit.len() + 16
        }
        _ => false,
    };
    lines[start..=end.max(start)]
        .iter()
        .map(|l| norm(l))
        .filter(|l| !noise.contains(l) && !front.contains(l) && !captioned(l))
        .collect()
}

#[derive(Default)]
struct Tally {
    right: BTreeMap<&'static str, (usize, usize)>,
    misses: Vec<String>,
}

impl Tally {
    fn check(
        &mut self,
        case: &str,
        field: &'static str,
        ok: bool,
        detail: impl FnOnce() -> String,
    ) {
        let e = self.right.entry(field).or_default();
        e.1 += 1;
        if ok {
            e.0 += 1;
        } else {
            self.misses.push(format!("{case} {field}: {}", detail()));
        }
    }

    fn share(&self, field: &str) -> f64 {
        let (right, all) = self.right.get(field).copied().unwrap_or((0, 0));
        if all == 0 {
            1.0
        } else {
            right as f64 / all as f64
        }
    }
}

fn convert(input: &Path, url: Option<&str>) -> Option<Draft> {
    let text = std::fs::read_to_string(input).unwrap();
    let kind = if input.extension().is_some_and(|x| x == "html") {
        ingest::Kind::Html
    } else {
        ingest::Kind::Text
    };
    ingest::convert_text(&input.display().to_string(), &text, kind, url).ok()
}

/// Whether a case was in the dev set before the fourth hold-out set joined
/// it (`de-01`…`de-32`, `en-01`…`en-33` and the saved pages): those keep
/// their own floors, so that a gain on the new cases cannot hide a loss on
/// the old ones.
fn before_holdout4(case: &str) -> bool {
    let mut parts = case.splitn(3, '-');
    let lang = parts.next().unwrap_or("");
    match parts.next().and_then(|n| n.parse::<u32>().ok()) {
        Some(n) => n <= if lang == "de" { 32 } else { 33 },
        None => true,
    }
}

fn score(only: impl Fn(&str) -> bool) -> Tally {
    let mut t = Tally::default();
    let mut kept = (0usize, 0usize);
    let mut noise_gone = (0usize, 0usize);
    for (input, gold_path) in cases() {
        let case = input.file_stem().unwrap().to_string_lossy().into_owned();
        if !only(&case) {
            continue;
        }
        let gold: Gold = serde_yaml::from_str(&std::fs::read_to_string(&gold_path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", gold_path.display()));
        let text = std::fs::read_to_string(&input).unwrap();
        let Some(d) = convert(&input, Some(&gold.url)) else {
            t.misses.push(format!("{case}: no article"));
            for f in [
                "title", "date", "outlet", "agencies", "authors", "caption", "credit",
            ] {
                t.check(&case, f, false, || "no article".into());
            }
            continue;
        };
        // `SHOW_DRAFT=de-68` prints the drafts of the cases whose names
        // contain it.
        if std::env::var("SHOW_DRAFT").is_ok_and(|s| !s.is_empty() && case.contains(&s)) {
            println!("=== {case}\n{:#?}\n{}\n", d.meta, d.body);
        }
        let m = &d.meta;
        match &gold.title {
            Some(title) => t.check(
                &case,
                "title",
                norm(&m.title) == norm(title) && !m.title_derived,
                || format!("{:?}, want {title:?}", m.title),
            ),
            None => t.check(&case, "title", m.title_derived, || {
                format!("{:?}, want a derived title", m.title)
            }),
        }
        let date = m.date.as_ref().map(|d| d.to_string());
        t.check(&case, "date", date == gold.date, || {
            format!("{date:?}, want {:?}", gold.date)
        });
        t.check(
            &case,
            "date (day)",
            date.as_deref().map(|d| d.get(..10).unwrap_or(d))
                == gold.date.as_deref().map(|d| d.get(..10).unwrap_or(d)),
            || format!("{date:?}, want {:?}", gold.date),
        );
        let got_outlet = m.source.as_deref().map(outlet);
        let want_outlet = gold.outlet.as_deref().map(outlet);
        t.check(&case, "outlet", got_outlet == want_outlet, || {
            format!("{:?}, want {:?}", m.source, gold.outlet)
        });
        let bare = convert(&input, None)
            .and_then(|d| d.meta.source)
            .map(|s| outlet(&s));
        t.check(&case, "outlet without URL", bare == want_outlet, || {
            format!("{bare:?}, want {want_outlet:?}")
        });
        t.check(
            &case,
            "agencies",
            same_set(&m.agencies, &gold.agencies, agency),
            || format!("{:?}, want {:?}", m.agencies, gold.agencies),
        );
        t.check(
            &case,
            "authors",
            same_set(&m.authors, &gold.authors, norm),
            || format!("{:?}, want {:?}", m.authors, gold.authors),
        );
        let opt_eq = |a: &Option<String>, b: &Option<String>| {
            a.as_deref().map(norm) == b.as_deref().map(norm)
        };
        t.check(&case, "caption", opt_eq(&m.caption, &gold.caption), || {
            format!("{:?}, want {:?}", m.caption, gold.caption)
        });
        t.check(&case, "credit", opt_eq(&m.credit, &gold.credit), || {
            format!("{:?}, want {:?}", m.credit, gold.credit)
        });
        if gold.kind == "html" {
            t.check(&case, "image", m.image == gold.image, || {
                format!("{:?}, want {:?}", m.image, gold.image)
            });
        }
        let body = norm(&body_text(&d));
        let first_line = body.lines().next().unwrap_or("");
        // Datelines are no text: gold `first` sentences are written
        // without them (README), so the body must open with the sentence.
        let first = &gold.first;
        t.check(
            &case,
            "first sentence",
            first_line.starts_with(&norm(first)),
            || {
                format!(
                    "body starts {:?}",
                    first_line.chars().take(90).collect::<String>()
                )
            },
        );
        t.check(
            &case,
            "last sentence",
            body.ends_with(&norm(&gold.last)),
            || {
                format!(
                    "body ends {:?}",
                    body.chars()
                        .rev()
                        .take(90)
                        .collect::<String>()
                        .chars()
                        .rev()
                        .collect::<String>()
                )
            },
        );
        let body_lines: Vec<String> = body_text(&d).lines().map(norm).collect();
        // A line is kept when its middle is in the body: a dateline cut from
        // its start or a signature from its end does not count as lost text.
        let in_body = |line: &str| {
            let chars: Vec<char> = line.chars().collect();
            let (from, to) = if chars.len() > 40 {
                (chars.len() / 5, chars.len() * 4 / 5)
            } else {
                (0, chars.len())
            };
            let middle: String = chars[from..to].iter().collect();
            body_lines.iter().any(|b| b.contains(&middle))
        };
        let expected = if gold.kind == "html" {
            Vec::new()
        } else {
            expected_lines(&text, &gold)
        };
        for line in expected
            .iter()
            .chain(gold.keep.iter().map(|k| norm(k)).collect::<Vec<_>>().iter())
        {
            kept.1 += 1;
            if in_body(line) {
                kept.0 += 1;
            } else {
                t.misses.push(format!(
                    "{case} lost: {:?}",
                    line.chars().take(90).collect::<String>()
                ));
            }
        }
        for n in &gold.noise {
            let n = norm(n);
            if n.len() < 3 {
                continue;
            }
            noise_gone.1 += 1;
            if body_lines.contains(&n) {
                t.misses.push(format!(
                    "{case} noise kept: {:?}",
                    n.chars().take(90).collect::<String>()
                ));
            } else {
                noise_gone.0 += 1;
            }
        }
    }
    t.right.insert("body lines kept", kept);
    t.right.insert("noise lines removed", noise_gone);
    t
}

fn print(t: &Tally, what: &str) {
    let counted = |f: &str| !matches!(f, "outlet without URL" | "date (day)");
    let (right, all) = t
        .right
        .iter()
        .filter(|(f, _)| counted(f))
        .fold((0, 0), |(r, a), (_, (x, y))| (r + x, a + y));
    println!("ingest on {what}:");
    println!(
        "  {:22} {right:3}/{all:<3} {:5.1}%",
        "all checks",
        100.0 * right as f64 / all.max(1) as f64
    );
    for (field, (right, all)) in &t.right {
        println!(
            "  {field:22} {right:3}/{all:<3} {:5.1}%",
            100.0 * *right as f64 / (*all).max(1) as f64
        );
    }
}

fn hold(t: &Tally, floors: &[(&str, f64)], what: &str) {
    for &(field, floor) in floors {
        assert!(
            t.share(field) >= floor,
            "{what}, {field}: {:.3} < {floor}",
            t.share(field)
        );
    }
}

#[test]
fn real_pastes_and_pages_ingest_field_by_field() {
    let t = score(|_| true);
    if std::env::var_os("SHOW_MISSES").is_some() {
        for m in &t.misses {
            println!("  {m}");
        }
    }
    print(&t, &format!("{} real cases", cases().len()));
    if std::env::var_os("BRIEFING_INGEST_CASES").is_some() {
        return;
    }
    // The targets of the dev set (issue 14) are title, date, outlet and
    // agencies 95%, noise lines 95% removed, body lines 99% kept. The floors
    // hold what the dev set reaches: all 333 cases, with hold-out sets 10
    // to 14 (title 311, date 314, outlet 309, agencies 325; 1239 of 1367
    // noise lines, 2495 of 2520 body lines) and the 75 cases from before the
    // fourth hold-out set joined
    // (title 73, date 74, outlet 74, agencies 75; 247 of 257 noise lines,
    // all 356 body lines).
    hold(
        &t,
        &[
            ("title", 0.933),
            ("date", 0.942),
            ("outlet", 0.927),
            ("agencies", 0.975),
            ("noise lines removed", 0.906),
            ("body lines kept", 0.990),
        ],
        "all cases",
    );
    let old = score(before_holdout4);
    print(&old, "the 75 cases before hold-out set 4");
    hold(
        &old,
        &[
            ("title", 0.97),
            ("date", 0.98),
            ("outlet", 0.98),
            ("agencies", 1.0),
            ("noise lines removed", 0.955),
            ("body lines kept", 0.995),
        ],
        "the 75 cases before hold-out set 4",
    );
}
