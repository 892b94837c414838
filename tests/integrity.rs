//! Integrity: nothing lost, nothing mixed, nothing unsafe published. Writes
//! stay inside the site and out of its sources; an unreadable folder is an
//! error, not a silent loss.

mod common;

use common::Site;

#[test]
fn ingest_slug_with_a_path_is_refused_and_nothing_is_written() {
    let site = Site::copy_of("basic");
    let before = site.tree("content");
    site.write(
        "paste.txt",
        "Eine Meldung\n\nDer Text der Meldung, lang genug.\n",
    );
    let paste = site.root().join("paste.txt");
    for slug in [
        "../entities/nordkorea",
        "../../../pwned",
        "/tmp/briefing-pwned",
    ] {
        let run = site.run(&["ingest", "--slug", slug, "--force", paste.to_str().unwrap()]);
        run.assert_failed();
        assert!(run.stderr().contains("not a path"), "{}", run.stderr());
    }
    assert_eq!(site.tree("content"), before);
    assert!(!site.root().join("../pwned").exists());
}

#[test]
fn an_output_in_a_source_folder_is_refused() {
    let site = Site::copy_of("basic");
    std::fs::create_dir_all(site.root().join("templates")).unwrap();
    for out in [
        "templates",
        "static",
        "themes/default",
        "content/articles/out",
        "content",
    ] {
        let dir = site.root().join(out);
        let run = site.run(&["build", "--output", dir.to_str().unwrap()]);
        run.assert_failed();
        assert!(
            run.stderr().contains("source folder"),
            "{out}: {}",
            run.stderr()
        );
    }
    assert!(!site.root().join("content/articles/out").exists());
    let public = site.root().join("public");
    site.run(&["build", "--output", public.to_str().unwrap()])
        .assert_ok();
}

#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_an_error_naming_it_for_build_and_check() {
    use std::os::unix::fs::PermissionsExt;
    let site = Site::copy_of("basic");
    site.write(
        "content/articles/lockeddir/a.md",
        "---\ntitle: Locked\ndate: 2025-01-01\n---\n\nText.\n",
    );
    let locked = site.root().join("content/articles/lockeddir");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(&locked).is_ok() {
        // Running as root: permissions do not lock anything.
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        return;
    }
    for command in ["build", "check"] {
        let run = site.run(&[command]);
        let stderr = run.stderr();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        assert!(!run.success(), "{command}: {stderr}");
        assert!(
            stderr.contains("cannot read the folder content/articles/lockeddir")
                && stderr.contains("chmod"),
            "{command}: {stderr}"
        );
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Every file of a built site but its manifest, with a hash of its bytes.
fn site_hashes(dir: &std::path::Path) -> std::collections::BTreeMap<String, u64> {
    common::tree(dir)
        .into_iter()
        .filter(|(path, _)| path != ".briefing-manifest")
        .map(|(path, bytes)| (path, xxhash_rust::xxh3::xxh3_64(&bytes)))
        .collect()
}

/// The paths the manifest of a built site lists.
fn manifest_paths(dir: &std::path::Path) -> std::collections::BTreeSet<String> {
    std::fs::read_to_string(dir.join(".briefing-manifest"))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect()
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Issue 16, item 1: a build killed while it committed left old and new pages
/// mixed, and every killed build left its staging folder behind. The site is
/// built, then rebuilt with every title changed (alternately back and forth)
/// and each rebuild killed with SIGKILL at a random moment within a build's
/// duration; after each kill the output must be one whole generation, its
/// manifest listing exactly its files. `BRIEFING_KILLS` (default 5) and
/// `BRIEFING_KILL_ARTICLES` (default 300) set the size, `BRIEFING_KILL_SEED`
/// the random moments, `BRIEFING_KILL_BINARY` another binary to test.
#[cfg(unix)]
#[test]
fn builds_killed_at_random_moments_leave_the_site_wholly_old_or_wholly_new() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    let kills = env_number("BRIEFING_KILLS", 5);
    // Another briefing to put to the test, e.g. an older version's.
    let binary = std::env::var_os("BRIEFING_KILL_BINARY")
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_briefing").into());
    let articles = env_number("BRIEFING_KILL_ARTICLES", 300) as usize;
    let mut seed = env_number(
        "BRIEFING_KILL_SEED",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64,
    ) | 1;
    let seed_shown = seed;
    let mut random = move || {
        // xorshift64: enough to spread the kills.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("src");
    let options = briefing::corpus::CorpusOptions {
        articles,
        entities: (articles / 10).max(20),
        seed: 1,
        ..Default::default()
    };
    briefing::corpus::generate(&root, &options).unwrap();

    // Two generations of the articles: as written, and every title changed.
    let mut generations: [Vec<(std::path::PathBuf, String)>; 2] = [Vec::new(), Vec::new()];
    for entry in walkdir::WalkDir::new(root.join("content/articles")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let changed = text.replacen("\ntitle: \"", "\ntitle: \"Neu: ", 1);
            assert_ne!(changed, text, "{}", entry.path().display());
            generations[0].push((entry.path().to_path_buf(), text));
            generations[1].push((entry.path().to_path_buf(), changed));
        }
    }
    assert_eq!(generations[0].len(), articles);
    let write_generation = |g: usize| {
        for (path, text) in &generations[g] {
            std::fs::write(path, text).unwrap();
        }
    };
    let build = |out: &std::path::Path| {
        let mut command = Command::new(&binary);
        command
            .arg("--root")
            .arg(&root)
            .arg("build")
            .arg("--output")
            .arg(out)
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        command
    };

    // Clean builds of each generation into fresh folders.
    let mut clean = Vec::new();
    for g in 0..2 {
        write_generation(g);
        let out = dir.path().join(format!("clean-{g}"));
        let run = build(&out).output().unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        clean.push(site_hashes(&out));
    }
    let differing = clean[0]
        .iter()
        .filter(|(path, hash)| clean[1].get(*path) != Some(hash))
        .count();
    assert!(differing > articles, "the titles change every article page");

    let parent = dir.path().join("published");
    let out = parent.join("site");
    write_generation(0);
    assert!(build(&out).status().unwrap().success());
    // The kills fall within twice the time a whole rebuild takes, so that
    // some land after the commit.
    write_generation(1);
    let started = Instant::now();
    assert!(build(&out).status().unwrap().success());
    let took = started.elapsed();
    let mut current = 1;
    let mut on_disk = 1;
    let (mut old, mut new, mut finished) = (0, 0, 0);
    let started = Instant::now();
    for kill in 0..kills {
        let target = 1 - current;
        write_generation(target);
        on_disk = target;
        let wait = Duration::from_micros(random() % (took.as_micros() as u64 * 2).max(1));
        let mut child = build(&out).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(wait);
        let _ = child.kill();
        let status = child.wait().unwrap();
        if status.success() {
            finished += 1;
        }
        let found = site_hashes(&out);
        let listed = manifest_paths(&out);
        let files: std::collections::BTreeSet<String> = found.keys().cloned().collect();
        let state = clean.iter().position(|c| *c == found).unwrap_or_else(|| {
            let from = |g: usize| {
                found
                    .iter()
                    .filter(|(path, hash)| clean[g].get(*path) == Some(hash))
                    .count()
            };
            panic!(
                "kill {kill} after {wait:?} (seed {seed_shown}): a mixed site, {} files of the old generation, {} of the new, {} in all",
                from(current),
                from(target),
                found.len()
            )
        });
        assert_eq!(listed, files, "kill {kill}: the manifest lists the files");
        if state == current {
            old += 1;
        } else {
            new += 1;
        }
        current = state;
    }
    let killing = started.elapsed();

    // One more build finishes the job and leaves nothing beside the output.
    let run = build(&out).output().unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let left: Vec<String> = std::fs::read_dir(&parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "site")
        .collect();
    assert!(left.is_empty(), "left beside the output: {left:?}");
    let without_manifest = |dir: &std::path::Path| {
        let mut files = common::tree(dir);
        files.remove(".briefing-manifest");
        files
    };
    assert!(
        without_manifest(&out) == without_manifest(&dir.path().join(format!("clean-{on_disk}"))),
        "the site is byte for byte the clean build's"
    );
    assert_eq!(
        manifest_paths(&out),
        clean[on_disk].keys().cloned().collect()
    );
    eprintln!(
        "{kills} builds of {articles} articles killed (seed {seed_shown}, a rebuild {took:?}, {killing:?} in all): {old} left the old site, {new} the new one ({finished} finished before the kill), 0 mixed; the next build left no staging folder and matched a clean build"
    );
}

/// The raw-HTML and script-URL vectors of issue 16, item 5, in an article body.
const UNSAFE_ARTICLE: &str = "---\ntitle: Vectors\ndate: 2025-02-01\n---\n\
Antony Blinken <span onclick=\"steal()\">spoke</span> in Seoul.\n\n\
<script>steal()</script>\n\n<style>body { display: none }</style>\n\n\
<iframe src=\"https://evil.example/frame\"></iframe>\n\n\
<img src=\"/images/map.png\" onerror=\"steal()\" alt=\"pic\">\n\n\
[a link](javascript:steal()) and [another](JaVaScRiPt:steal()) and \
[data](data:text/html;base64,PHNjcmlwdD4=) and [vb](vbscript:steal)\n\n\
<javascript:steal()> and ![an image](javascript:steal())\n\n\
<a href=\"javascript:steal()\">raw link</a>\n\n\
## Details {onclick=steal()}\n\n\
```rust\nfn main() {}\n```\n";

/// What none of the built pages and feeds may hold (the feeds hold their
/// HTML escaped, so it is looked for unescaped too).
const UNSAFE_MARKS: &[&str] = &[
    "<script",
    "<style",
    "<iframe",
    "onclick=",
    "onerror=",
    "onmouseover=",
    "href=\"javascript:",
    "href=\"vbscript:",
    "href=\"data:",
    "src=\"javascript:",
    "src=\"data:",
];

fn unsafe_marks_in(tree: &std::collections::BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut found = Vec::new();
    for (path, bytes) in tree {
        // The theme's own scripts (the network page's `graph.js`, the
        // search page's `search.js`, every page's `preview.js`) are no
        // content: they are left out before looking.
        let mut text = String::from_utf8_lossy(bytes).to_lowercase();
        for script in ["graph.js", "search.js", "preview.js"] {
            text = text.replace(&format!("<script src=\"/{script}\" defer></script>"), "");
        }
        let unescaped = text
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
        for mark in UNSAFE_MARKS {
            if text.contains(mark) || unescaped.contains(mark) {
                found.push(format!("{mark} in {path}"));
            }
        }
    }
    found
}

/// Issue 16, item 5: raw HTML and script URLs in a body were published as
/// written, in the pages and in the Atom feeds.
#[test]
fn raw_html_and_script_urls_are_not_published_by_default() {
    let site = Site::copy_of("basic");
    site.write("content/articles/vectors.md", UNSAFE_ARTICLE);
    site.write(
        "content/entities/park-jin.md",
        "---\nname: Park Jin\nkind: person\n---\nProfile <b onmouseover=\"steal()\">bold</b>.\n\n<script>steal()</script>\n\n[x](javascript:steal())\n",
    );
    site.run(&["build"]).assert_ok();
    let built = site.tree("site");
    assert!(
        built.keys().any(|p| p.ends_with(".xml")),
        "the feeds are built"
    );
    assert_eq!(unsafe_marks_in(&built), Vec::<String>::new());
    let page = site.read("site/articles/vectors/index.html");
    // The ordinary markup stays: entity links, spans, images, headings, code.
    assert!(page.contains("<span>spoke</span>"), "{page}");
    assert!(
        page.contains("<img src=\"/images/map.png\" alt=\"pic\">"),
        "{page}"
    );
    assert!(
        page.contains("href=\"/entities/antony-blinken/\""),
        "{page}"
    );
    assert!(page.contains("<h2 id=\"details\">"), "{page}");
    assert!(
        page.contains("hl-"),
        "highlighted code keeps its classes: {page}"
    );
    assert!(
        page.contains("a link") && page.contains("raw link"),
        "{page}"
    );
    let profile = site.read("site/entities/park-jin/index.html");
    assert!(profile.contains("<b>bold</b>"), "{profile}");
}

/// `markdown.unsafe_html: true` publishes raw HTML as written (a raw `<a>`
/// included); script URLs in Markdown links stay refused.
#[test]
fn unsafe_html_publishes_raw_html_as_written() {
    let site = Site::copy_of("basic");
    site.write("content/articles/vectors.md", UNSAFE_ARTICLE);
    let config = site.read("briefing.yaml");
    site.write(
        "briefing.yaml",
        &format!("{config}markdown:\n  unsafe_html: true\n"),
    );
    site.run(&["build"]).assert_ok();
    let page = site.read("site/articles/vectors/index.html");
    assert!(page.contains("<script>steal()</script>"), "{page}");
    assert!(page.contains("onclick=\"steal()\""), "{page}");
    assert!(
        page.contains("<a href=\"javascript:steal()\">raw link</a>"),
        "{page}"
    );
    // Markdown's own links are still checked.
    assert!(!page.contains("\">a link</a>"), "{page}");
}

/// Issue 16, item 5: a script URL in front matter went into `href`/`src` as
/// given; it is an error naming the file, the line and the fix.
#[test]
fn a_script_url_in_front_matter_is_an_error_naming_file_and_line() {
    for (file, text, line) in [
        (
            "content/articles/bad-url.md",
            "---\ntitle: Bad\nurl: javascript:steal()\n---\nText.\n",
            "content/articles/bad-url.md:3",
        ),
        (
            "content/articles/bad-image.md",
            "---\ntitle: Bad\ndate: 2025-01-01\nimage: \"data:text/html,<script>steal()</script>\"\n---\nText.\n",
            "content/articles/bad-image.md:4",
        ),
        (
            "content/entities/bad-entity.md",
            "---\nname: Bad Entity\nkind: person\nimage: vbscript:steal\n---\n",
            "content/entities/bad-entity.md:4",
        ),
    ] {
        let site = Site::copy_of("basic");
        site.write(file, text);
        let run = site.run(&["build"]);
        run.assert_failed();
        let stderr = run.stderr();
        assert!(stderr.contains(line), "{file}: {stderr}");
        assert!(stderr.contains("runs code") && stderr.contains("help:"), "{stderr}");
        assert!(!site.root().join("site").exists());
    }
}
