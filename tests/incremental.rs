//! Incremental rebuilds equal full builds: random sequences of edits,
//! creations, deletions, renames, atomic saves, broken and fixed files,
//! template and configuration changes on a copy of the `basic` fixture; after
//! every step the incrementally rebuilt site is compared with
//! `briefing::generate` of the same files.

mod common;

use std::path::PathBuf;

use briefing::output::links::Targets;
use briefing::serve::incremental::{Changes, Incremental};
use briefing::BuildOptions;
use common::Site;

/// A small deterministic generator (xorshift64*), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const NAMES: [&str; 6] = [
    "Antony Blinken",
    "Park Jin",
    "North Korea",
    "South Korea",
    "the United Nations",
    "nobody in particular",
];
const TAGS: [&str; 4] = ["Korea", "Diplomacy", "korea", "Missiles"];
const DATES: [&str; 6] = [
    "2025-01-24",
    "2025-01",
    "2024",
    "2024-12-31",
    "2025-01-24T08:30:00Z",
    "",
];

fn article(rng: &mut Rng, title: &str) -> String {
    let date = rng.pick(&DATES);
    let date = if date.is_empty() {
        String::new()
    } else {
        format!("date: {date}\n")
    };
    let tags = (0..rng.below(3))
        .map(|_| *rng.pick(&TAGS))
        .collect::<Vec<_>>()
        .join(", ");
    let heading = if rng.below(2) == 0 {
        "\n## Background\n\nMore.\n"
    } else {
        ""
    };
    format!(
        "---\ntitle: {title}\n{date}source: {}\ntags: [{tags}]\n---\n{} met {} today.\n{heading}",
        rng.pick(&["AP", "Reuters", "ap"]),
        rng.pick(&NAMES),
        rng.pick(&NAMES),
    )
}

fn articles(site: &Site) -> Vec<PathBuf> {
    let dir = site.root().join("content/articles");
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(site.root()).unwrap().to_path_buf())
        .collect();
    found.sort();
    found
}

/// Something a step broke or removed, to be put back later exactly as it was.
struct Restore {
    path: PathBuf,
    /// The text before (`None`: the file did not exist).
    text: Option<String>,
}

impl Restore {
    fn of(site: &Site, rel: &str) -> Restore {
        Restore {
            path: rel.into(),
            text: std::fs::read_to_string(site.root().join(rel)).ok(),
        }
    }

    fn apply(self, site: &Site) -> (String, Changes) {
        let full = site.root().join(&self.path);
        match &self.text {
            Some(text) => {
                std::fs::create_dir_all(full.parent().unwrap()).unwrap();
                std::fs::write(&full, text).unwrap();
            }
            None => {
                let _ = std::fs::remove_file(&full);
            }
        }
        (
            format!("restore {}", self.path.display()),
            changes_for(&self.path),
        )
    }
}

/// What the watcher reports for a changed path.
fn changes_for(path: &std::path::Path) -> Changes {
    if path == std::path::Path::new("briefing.yaml") {
        Changes {
            config: true,
            ..Changes::default()
        }
    } else if path.starts_with("content") {
        Changes {
            content: vec![path.to_path_buf()],
            ..Changes::default()
        }
    } else {
        Changes::default()
    }
}

fn default_template(name: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/templates")
            .join(name),
    )
    .unwrap()
}

/// One random step; returns what changed, as the watcher would report it.
fn step(
    rng: &mut Rng,
    site: &Site,
    counter: &mut usize,
    pending: &mut Vec<Restore>,
) -> (String, Changes) {
    *counter += 1;
    let n = *counter;
    let existing = articles(site);
    let content = |paths: Vec<PathBuf>| Changes {
        content: paths,
        ..Changes::default()
    };
    let templates = site.root().join("templates");
    // Put things back often enough that most steps build.
    let choice = match rng.below(16) {
        c if !pending.is_empty() && c < 5 => 7,
        c => c,
    };
    match choice {
        0 if !existing.is_empty() => {
            let p = rng.pick(&existing).clone();
            site.write(p.to_str().unwrap(), &article(rng, &format!("Edited {n}")));
            (format!("edit {}", p.display()), content(vec![p]))
        }
        1 if !existing.is_empty() => {
            // A sentence added to the body only, sometimes naming someone:
            // the lists showing the article stay as they were.
            let p = rng.pick(&existing).clone();
            let text = site.read(p.to_str().unwrap());
            let sentence = format!("Later, {} spoke again ({n}).\n", rng.pick(&NAMES));
            site.write(p.to_str().unwrap(), &format!("{text}\n{sentence}"));
            (format!("append to {}", p.display()), content(vec![p]))
        }
        2 => {
            let p = PathBuf::from(format!("content/articles/new-{n}.md"));
            site.write(p.to_str().unwrap(), &article(rng, &format!("New {n}")));
            (format!("create {}", p.display()), content(vec![p]))
        }
        3 if existing.len() > 1 => {
            // Deleted, and put back by a later step.
            let p = rng.pick(&existing).clone();
            pending.push(Restore::of(site, p.to_str().unwrap()));
            std::fs::remove_file(site.root().join(&p)).unwrap();
            (format!("delete {}", p.display()), content(vec![p]))
        }
        4 if !existing.is_empty() => {
            let from = rng.pick(&existing).clone();
            let to = PathBuf::from(format!("content/articles/renamed-{n}.md"));
            std::fs::rename(site.root().join(&from), site.root().join(&to)).unwrap();
            (
                format!("rename {} -> {}", from.display(), to.display()),
                content(vec![from, to]),
            )
        }
        5 if !existing.is_empty() => {
            // An editor's atomic save: a temporary file renamed over the article.
            let p = rng.pick(&existing).clone();
            let tmp = PathBuf::from(format!("{}.tmp", p.display()));
            site.write(tmp.to_str().unwrap(), &article(rng, &format!("Saved {n}")));
            std::fs::rename(site.root().join(&tmp), site.root().join(&p)).unwrap();
            (
                format!("atomic save {}", p.display()),
                content(vec![tmp, p]),
            )
        }
        6 if !existing.is_empty() => {
            let p = rng.pick(&existing).clone();
            let before = site.read(p.to_str().unwrap());
            pending.push(Restore::of(site, p.to_str().unwrap()));
            let bad = match rng.below(4) {
                // The break of the issue: a list left open after the first fence.
                0 => before.replacen("---\n", "---\ntags: [kaputt\n", 1),
                1 => "---\ntitle: Wikilink\n---\nSee [[Nobody Known]].\n".to_string(),
                2 => "---\ntitel: Typo\n---\nbody\n".to_string(),
                _ => "---\ntitle: [unclosed\n---\nbody\n".to_string(),
            };
            site.write(p.to_str().unwrap(), &bad);
            (format!("break {}", p.display()), content(vec![p]))
        }
        7 if !pending.is_empty() => {
            let restore = pending.remove(rng.below(pending.len()));
            restore.apply(site)
        }
        8 => {
            if rng.below(2) == 0 {
                let p = "content/entities/park-jin.md";
                let alias = rng.pick(&["Park", "Minister Park", "Jin"]);
                site.write(
                    p,
                    &format!(
                        "---\nname: Park Jin\nkind: person\naliases: [{alias}]\n---\nProfile {n}.\n"
                    ),
                );
                (format!("edit entity ({alias})"), content(vec![p.into()]))
            } else {
                let p = format!("content/entities/new-{n}.md");
                let name = rng.pick(&["Nobody In Particular", "Kim Yo Jong", "Kim Jong Un"]);
                site.write(
                    &p,
                    &format!("---\nname: {name}\nkind: person\n---\nA new profile ({n}).\n"),
                );
                (format!("new entity file ({name})"), content(vec![p.into()]))
            }
        }
        9 => {
            // A page template, or the partial whose output every list reuses.
            let name = *rng.pick(&["article.html", "partials/article-heading.html", "base.html"]);
            let rel = format!("templates/{name}");
            let base = default_template(name);
            let (what, text) = match rng.below(5) {
                0 | 1 => ("edit", format!("{base}\n{{# edit {n} #}}<!-- {n} -->\n")),
                2 => (
                    "unknown variable",
                    "{{ a.titel }}{{ article.titel }}".to_string(),
                ),
                3 => ("syntax error", "{% if %}".to_string()),
                _ => ("recursive include", format!("{{% include \"{name}\" %}}")),
            };
            if what != "edit" {
                pending.push(Restore::of(site, &rel));
            }
            site.write(&rel, &text);
            (format!("template {what} ({name})"), Changes::default())
        }
        10 if templates.exists() => {
            std::fs::remove_dir_all(&templates).unwrap();
            ("template overrides removed".into(), Changes::default())
        }
        11 => {
            let before = site.read("briefing.yaml");
            let text = if rng.below(3) == 0 {
                pending.push(Restore::of(site, "briefing.yaml"));
                format!("{before}\npaginate: [broken\n")
            } else {
                let title = rng.pick(&["Test Briefing", "Renamed Briefing"]);
                before
                    .lines()
                    .map(|l| {
                        if l.starts_with("title:") {
                            format!("title: {title}")
                        } else {
                            l.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            site.write("briefing.yaml", &text);
            (
                "config change".into(),
                changes_for("briefing.yaml".as_ref()),
            )
        }
        12 if !existing.is_empty() => {
            // A new title and nothing else: the article keeps its place, so
            // only the pages listing it change.
            let p = rng.pick(&existing).clone();
            let text = site
                .read(p.to_str().unwrap())
                .lines()
                .map(|l| match l.strip_prefix("title:") {
                    Some(_) => format!("title: Retitled {n}"),
                    None => l.to_string(),
                })
                .collect::<Vec<_>>()
                .join("\n");
            site.write(p.to_str().unwrap(), &text);
            (format!("retitle {}", p.display()), content(vec![p]))
        }
        13 => {
            // A static file of the site's own, added or changed.
            site.write("static/extra.css", &format!("/* {n} */ body {{}}\n"));
            ("static file".into(), Changes::default())
        }
        _ => ("nothing".into(), Changes::default()),
    }
}

/// Runs one step's rebuild and compares it with a full build of the same
/// files: a success serves exactly what the full build makes, with the
/// link targets of those files; a failure reports what the full build
/// reports and serves the last good site unchanged. Returns whether the
/// step built.
fn compare(inc: &mut Incremental, options: &BuildOptions, changes: &Changes, what: &str) -> bool {
    let expected = briefing::generate(options);
    let before = inc.files().clone();
    let got = inc.rebuild(changes);
    match (expected, got) {
        (Ok(full), Ok(_)) => {
            let full: Vec<(&str, &[u8])> = full
                .files
                .iter()
                .map(|f| (f.path.as_str(), &f.bytes[..]))
                .collect();
            let served: Vec<(&str, &[u8])> = inc
                .files()
                .values()
                .map(|f| (f.path.as_str(), &f.bytes[..]))
                .collect();
            let full_paths: Vec<&str> = full.iter().map(|f| f.0).collect();
            let served_paths: Vec<&str> = served.iter().map(|f| f.0).collect();
            assert_eq!(served_paths, full_paths, "after {what}: different files");
            for (a, b) in served.iter().zip(&full) {
                assert!(
                    a.1 == b.1,
                    "after {what}: {} differs from a full build",
                    a.0
                );
            }
            let files: Vec<_> = inc.files().values().cloned().collect();
            assert!(
                inc.targets() == Some(&Targets::of(&files)),
                "after {what}: the link targets are not those of the served files"
            );
            true
        }
        (Err(full), Err(report)) => {
            if std::env::var_os("SHOW_ERRORS").is_some() {
                eprintln!("{what}\n{}", report.render(&options.root));
            }
            let messages = |r: &briefing::diagnostics::Report| {
                r.diagnostics()
                    .iter()
                    .map(|d| (d.message.clone(), d.location.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(
                messages(&report),
                messages(&full),
                "after {what}: different errors"
            );
            assert!(
                std::sync::Arc::ptr_eq(&before, inc.files()),
                "after {what}: a failed rebuild changed the served site"
            );
            false
        }
        (Ok(_), Err(report)) => panic!(
            "after {what}: full build passed, incremental failed:\n{}",
            report.render(&options.root)
        ),
        (Err(report), Ok(_)) => panic!(
            "after {what}: full build failed, incremental passed:\n{}",
            report.render(&options.root)
        ),
    }
}

fn run(seed: u64, steps: usize) {
    let site = Site::copy_of("basic");
    let options = BuildOptions {
        base_url: Some("http://127.0.0.1:1111/".into()),
        ..BuildOptions::new(site.root())
    };
    let mut inc = Incremental::new(options.clone());
    assert!(compare(
        &mut inc,
        &options,
        &Changes::everything(),
        "the first build"
    ));
    let mut rng = Rng(seed);
    let mut counter = 0;
    let mut pending = Vec::new();
    let mut log = Vec::new();
    let mut good = 0;
    for _ in 0..steps {
        let (what, changes) = step(&mut rng, &site, &mut counter, &mut pending);
        log.push(what);
        // The last steps, enough to replay a failure by hand.
        let recent = &log[log.len().saturating_sub(12)..];
        let what = format!("seed {seed}, step {}: {}", log.len(), recent.join("; "));
        good += usize::from(compare(&mut inc, &options, &changes, &what));
    }
    // Both outcomes must have been exercised for the comparison to mean much.
    assert!(
        good > steps / 4 && good < steps,
        "seed {seed}: {good} of {steps} steps built"
    );
}

/// Random steps per seed; `BRIEFING_MODEL_STEPS` runs more.
fn steps_per_seed() -> usize {
    std::env::var("BRIEFING_MODEL_STEPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60)
}

#[test]
fn random_edit_sequences_end_as_full_builds_do() {
    // 4 seeds × 60 steps: 240 steps per `cargo test`.
    for seed in [1, 2, 3, 0x5eed] {
        run(seed, steps_per_seed());
    }
}

/// The sequence of issue 12: a broken front matter, then the exact good
/// text saved back, recovers in one rebuild, on the demo site.
#[test]
fn a_break_and_its_exact_fix_recover_in_one_rebuild_on_the_demo() {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let demo = tempfile::tempdir().unwrap();
    common::copy_tree(&manifest.join("content"), &demo.path().join("content"));
    std::fs::copy(
        manifest.join("briefing.yaml"),
        demo.path().join("briefing.yaml"),
    )
    .unwrap();
    let site = Site { dir: demo };
    let options = BuildOptions {
        base_url: Some("http://127.0.0.1:1111/".into()),
        ..BuildOptions::new(site.root())
    };
    let mut inc = Incremental::new(options.clone());
    assert!(compare(
        &mut inc,
        &options,
        &Changes::everything(),
        "the first build"
    ));
    let first = inc.files().clone();
    let rel = articles(&site)[0].clone();
    let good = site.read(rel.to_str().unwrap());
    site.write(
        rel.to_str().unwrap(),
        &good.replacen("---\n", "---\ntags: [kaputt\n", 1),
    );
    let changes = Changes {
        content: vec![rel.clone()],
        ..Changes::default()
    };
    assert!(!compare(&mut inc, &options, &changes, "the break"));
    site.write(rel.to_str().unwrap(), &good);
    assert!(compare(&mut inc, &options, &changes, "the exact fix"));
    let same: Vec<bool> = first
        .iter()
        .map(|(p, f)| inc.files().get(p).is_some_and(|g| g.bytes == f.bytes))
        .collect();
    assert!(
        same.iter().all(|s| *s),
        "the site is the one before the break"
    );
}

#[test]
fn a_burst_of_changes_ends_in_one_correct_rebuild() {
    let site = Site::copy_of("basic");
    let options = BuildOptions::new(site.root());
    let mut inc = Incremental::new(options.clone());
    compare(
        &mut inc,
        &options,
        &Changes::everything(),
        "the first build",
    );
    let mut rng = Rng(7);
    let mut changed = Vec::new();
    for i in 0..200 {
        let p = PathBuf::from(format!("content/articles/burst/b{i}.md"));
        site.write(
            p.to_str().unwrap(),
            &article(&mut rng, &format!("Burst {i}")),
        );
        changed.push(p);
    }
    std::fs::remove_file(site.root().join("content/articles/day.md")).unwrap();
    changed.push("content/articles/day.md".into());
    // Reported as the folder, as a watcher may do for a checkout.
    let changes = Changes {
        content: vec![
            "content/articles/burst".into(),
            "content/articles/day.md".into(),
        ],
        ..Changes::default()
    };
    assert!(compare(&mut inc, &options, &changes, "a burst"));
    assert!(
        !inc.files().contains_key("articles/day/index.html"),
        "the deleted article's page is gone"
    );
}

#[test]
fn an_edit_rerenders_only_the_pages_that_show_the_article() {
    let site = Site::copy_of("basic");
    let options = BuildOptions::new(site.root());
    let mut inc = Incremental::new(options.clone());
    let first = inc.rebuild(&Changes::everything()).unwrap();
    let text = site.read("content/articles/year.md");
    site.write(
        "content/articles/year.md",
        &format!("{text}\nOne more sentence at the end.\n"),
    );
    let update = inc
        .rebuild(&Changes {
            content: vec!["content/articles/year.md".into()],
            ..Changes::default()
        })
        .unwrap();
    assert!(update
        .changed
        .contains(&"articles/year/index.html".to_string()));
    assert!(
        update.rendered < first.rendered / 2,
        "{} of {} pages rendered",
        update.rendered,
        first.rendered
    );
    assert!(!update.changed.contains(&"robots.txt".to_string()));
    // The sentence names nobody: the lists showing the article keep it as it
    // was, so only its page and the feeds carrying its content change.
    let others: Vec<&String> = update
        .changed
        .iter()
        .filter(|p| {
            !p.starts_with("articles/year/")
                && !p.ends_with("atom.xml")
                // The search index holds the article's words, and the
                // search page names the index's new version.
                && !p.starts_with("search/")
        })
        .collect();
    assert!(others.is_empty(), "also changed: {others:?}");
    assert!(
        update.changed.contains(&"search/index.html".to_string()),
        "the search page names the new index: {:?}",
        update.changed
    );
}
