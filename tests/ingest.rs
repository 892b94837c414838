//! Runs `briefing ingest` on fixture inputs in a temporary site and compares the
//! written articles with the expected files.
//!
//! Cases: `tests/fixtures/seeds/*.txt` against `seeds/gold/*.yaml` and against the
//! demo articles in `content/articles/`; `tests/fixtures/ingest/<case>.txt` against
//! `tests/fixtures/ingest/expected/<case>.md` (add a case by adding both files).

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use briefing::content::parse_article;

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn briefing(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("--root")
        .arg(root)
        .arg("ingest")
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn seeds() -> Vec<PathBuf> {
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(manifest().join("tests/fixtures/seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    seeds.sort();
    seeds
}

fn written(o: &Output) -> Vec<PathBuf> {
    stdout(o).lines().map(PathBuf::from).collect()
}

#[test]
fn seeds_match_their_gold_files() {
    let site = tempfile::tempdir().unwrap();
    for seed in seeds() {
        let out = briefing(site.path(), &[seed.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        let path = written(&out).pop().expect("a path");
        let text = std::fs::read_to_string(&path).unwrap();
        let article = parse_article(Path::new("content/articles/x.md"), &text).unwrap();
        let gold_path = seed
            .parent()
            .unwrap()
            .join("gold")
            .join(seed.file_stem().unwrap())
            .with_extension("yaml");
        let gold: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(gold_path).unwrap()).unwrap();
        let meta = &article.meta;
        match gold["title"].as_str() {
            Some(title) => {
                assert_eq!(meta.title, title);
                assert!(!meta.title_derived);
            }
            None => assert!(meta.title_derived, "a derived title for {}", seed.display()),
        }
        assert_eq!(
            meta.date.as_ref().map(|d| d.to_string()).as_deref(),
            gold["date"].as_str()
        );
        assert_eq!(meta.source.as_deref(), gold["source"].as_str());
        let agencies: Vec<String> = serde_yaml::from_value(gold["agencies"].clone()).unwrap();
        assert_eq!(meta.agencies, agencies);
        for noise in gold["noise"].as_sequence().into_iter().flatten() {
            let noise = noise.as_str().unwrap();
            assert!(
                !article.body.contains(noise),
                "{noise:?} left in {}",
                seed.display()
            );
        }
        assert!(
            !article.body.contains(" date 20"),
            "header line left in the text"
        );
    }
}

#[test]
fn seed_with_caption_keeps_it_once_and_credits_the_photographer() {
    let site = tempfile::tempdir().unwrap();
    let seed = &seeds()[1];
    let out = briefing(site.path(), &[seed.to_str().unwrap()]);
    let text = std::fs::read_to_string(&written(&out)[0]).unwrap();
    let article = parse_article(Path::new("a.md"), &text).unwrap();
    assert_eq!(article.meta.credit.as_deref(), Some("JUNG YEON-JE"));
    let caption = article.meta.caption.clone().expect("a caption");
    assert_eq!(article.body.matches(&caption).count(), 1);
    assert!(!article.body.contains("Werbung") && !article.body.contains("lt/ans"));
}

#[test]
fn ingesting_the_seeds_reproduces_the_demo_articles_and_again_writes_nothing() {
    let site = tempfile::tempdir().unwrap();
    let seeds: Vec<String> = seeds().iter().map(|s| s.display().to_string()).collect();
    let args: Vec<&str> = seeds.iter().map(String::as_str).collect();
    let out = briefing(site.path(), &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let paths = written(&out);
    assert_eq!(paths.len(), 2);
    for path in &paths {
        let demo = manifest()
            .join("content/articles")
            .join(path.file_name().unwrap());
        assert_eq!(
            std::fs::read_to_string(path).unwrap(),
            std::fs::read_to_string(&demo)
                .unwrap_or_else(|_| panic!("{} is missing", demo.display()))
        );
    }
    let again = briefing(site.path(), &args);
    assert!(again.status.success());
    assert_eq!(stdout(&again), "");
    assert!(
        stderr(&again).contains("0 written, 2 duplicates, 0 failed"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn outlet_pastes_give_the_expected_articles() {
    let dir = manifest().join("tests/fixtures/ingest");
    let mut cases = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let input = entry.unwrap().path();
        if input.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        cases += 1;
        let site = tempfile::tempdir().unwrap();
        let out = briefing(site.path(), &[input.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{}: {}",
            input.display(),
            stderr(&out)
        );
        let path = written(&out).pop().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        parse_article(Path::new("content/articles/x.md"), &text).unwrap();
        let expected = dir
            .join("expected")
            .join(input.file_stem().unwrap())
            .with_extension("md");
        assert_eq!(
            text,
            std::fs::read_to_string(&expected).unwrap(),
            "{}",
            input.display()
        );
    }
    assert!(cases >= 9);
}

#[test]
fn folder_ingest_continues_past_bad_input_and_fails_at_the_end() {
    let site = tempfile::tempdir().unwrap();
    let inputs = site.path().join("inbox");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(
        inputs.join("a.txt"),
        "Erster Satz des Artikels ist lang genug für einen Titel. Zweiter Satz.",
    )
    .unwrap();
    std::fs::write(inputs.join("b.txt"), "").unwrap();
    std::fs::write(inputs.join("c.html"), b"\x00\x01binary").unwrap();
    std::fs::write(
        inputs.join("d.txt"),
        b"Gr\xfc\xdfe aus M\xfcnchen, sagte der B\xfcrgermeister am Montag.",
    )
    .unwrap();
    let out = briefing(site.path(), &[inputs.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("b.txt is empty"), "{err}");
    assert!(err.contains("c.html is a binary file"), "{err}");
    assert!(err.contains("d.txt is not UTF-8"), "{err}");
    assert!(err.contains("2 written, 0 duplicates, 2 failed"), "{err}");
    let d = std::fs::read_to_string(&written(&out)[1]).unwrap();
    assert!(d.contains("Grüße aus München"), "{d}");
}

#[test]
fn dry_run_prints_markdown_and_writes_nothing() {
    let site = tempfile::tempdir().unwrap();
    let seed = seeds()[1].display().to_string();
    let out = briefing(
        site.path(),
        &[
            "--dry-run",
            "--tag",
            "Nordkorea",
            "--date",
            "2023-04-18",
            &seed,
        ],
    );
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.starts_with("---\ntitle: Blinken warnt"), "{text}");
    assert!(
        text.contains("date: 2023-04-18") && text.contains("- Nordkorea"),
        "{text}"
    );
    assert!(!site.path().join("content").exists());
}

#[test]
fn never_overwrites_without_force() {
    let site = tempfile::tempdir().unwrap();
    let input = site.path().join("a.txt");
    std::fs::write(
        &input,
        "Titel der Meldung\n\nEin Satz mit genug Wörtern für einen Artikel im Test.",
    )
    .unwrap();
    let first = briefing(site.path(), &["--slug", "fest", input.to_str().unwrap()]);
    assert!(first.status.success());
    std::fs::write(
        &input,
        "Titel der Meldung\n\nEin anderer Satz mit genug Wörtern für einen Artikel.",
    )
    .unwrap();
    let second = briefing(site.path(), &["--slug", "fest", input.to_str().unwrap()]);
    assert!(!second.status.success());
    assert!(
        stderr(&second).contains("already exists"),
        "{}",
        stderr(&second)
    );
    let forced = briefing(
        site.path(),
        &["--slug", "fest", "--force", input.to_str().unwrap()],
    );
    assert!(forced.status.success());
    let text = std::fs::read_to_string(site.path().join("content/articles/fest.md")).unwrap();
    assert!(text.contains("anderer Satz"));
}

#[test]
fn reads_standard_input_and_completes_markdown_front_matter() {
    let site = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("--root")
        .arg(site.path())
        .args(["ingest", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            "---\ntitle: Ein Test\n---\nDer Text bleibt, wie er ist, und wird nicht verändert.\n"
                .as_bytes(),
        )
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(site.path().join("content/articles/ein-test.md")).unwrap();
    assert_eq!(
        text,
        "---\ntitle: Ein Test\nlang: de\nslug: ein-test\n---\n\nDer Text bleibt, wie er ist, und wird nicht verändert.\n"
    );
}

const PAGE: &str = r#"<!DOCTYPE html><html lang="de"><head><title>Seite</title>
<meta property="og:title" content="Gipfel in Brüssel endet ohne Einigung">
<meta property="og:site_name" content="Deutschlandfunk">
<meta property="article:published_time" content="2025-03-21T18:00:00+01:00">
<link rel="canonical" href="https://example.org/gipfel">
<script>window.tracking = true;</script></head><body><article>
<p>Der Gipfel der Staats- und Regierungschefs in Brüssel ist am Freitag ohne Einigung über den Haushalt zu Ende gegangen.</p>
<p>Mehrere Regierungen lehnten den Kompromissvorschlag ab <img src="a.jpg" onerror="alert('x')">, wie Diplomaten berichteten.</p>
<script>alert('boom')</script>
<p>Die Beratungen sollen im April fortgesetzt werden, teilte der Ratspräsident nach dem Treffen mit.</p>
</article></body></html>"#;

/// Serves `PAGE` for a bounded number of requests on 127.0.0.1, then stops.
fn serve(requests: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let Ok(mut stream) = stream else { continue };
            stream.set_read_timeout(Some(Duration::from_secs(5))).ok();
            let mut buffer = [0u8; 4096];
            let n = stream.read(&mut buffer).unwrap_or(0);
            let request = String::from_utf8_lossy(&buffer[..n]);
            let response = if request.starts_with("GET /artikel ") {
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{PAGE}",
                    PAGE.len()
                )
            } else {
                "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_string()
            };
            stream.write_all(response.as_bytes()).ok();
        }
    });
    format!("http://{address}")
}

#[test]
fn ingests_a_url_with_its_metadata_and_without_scripts() {
    let base = serve(2);
    let site = tempfile::tempdir().unwrap();
    let page = format!("{base}/artikel");
    let missing = format!("{base}/fehlt");
    let out = briefing(site.path(), &[&page, &missing]);
    assert!(!out.status.success(), "the missing page fails");
    assert!(
        stderr(&out).contains(&format!("{missing} answered with HTTP status 404")),
        "{}",
        stderr(&out)
    );
    let text = std::fs::read_to_string(&written(&out)[0]).unwrap();
    let article = parse_article(Path::new("a.md"), &text).unwrap();
    assert_eq!(article.meta.title, "Gipfel in Brüssel endet ohne Einigung");
    assert_eq!(article.meta.source.as_deref(), Some("Deutschlandfunk"));
    assert_eq!(
        article.meta.url.as_deref(),
        Some("https://example.org/gipfel")
    );
    assert_eq!(
        article.meta.date.unwrap().to_string(),
        "2025-03-21T18:00:00+01:00"
    );
    for bad in ["<script", "alert", "onerror", "tracking"] {
        assert!(!text.contains(bad), "{bad} survived:\n{text}");
    }
    assert!(article.body.contains("ohne Einigung über den Haushalt"));
}

#[test]
fn a_url_that_cannot_be_reached_is_a_clear_error() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let site = tempfile::tempdir().unwrap();
    let url = format!("http://{address}/x");
    let out = briefing(site.path(), &[&url]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(&format!("cannot fetch {url}")),
        "{}",
        stderr(&out)
    );
}

fn real(name: &str) -> PathBuf {
    manifest().join("tests/fixtures/ingest/real").join(name)
}

/// A copy of a real paste as a second outlet would print it: another
/// header and the last paragraph cut.
fn reprint(name: &str, dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(real(name)).unwrap();
    let mut paragraphs: Vec<&str> = text.split("\n\n").collect();
    paragraphs.pop();
    let path = dir.join(format!("reprint-{name}"));
    std::fs::write(&path, format!("Anzeige\n\n{}\n", paragraphs.join("\n\n"))).unwrap();
    path
}

#[test]
fn the_same_story_from_another_outlet_is_reported_and_kept_only_when_asked() {
    let site = tempfile::tempdir().unwrap();
    let first = briefing(
        site.path(),
        &[real("de-01-tagesschau.txt").to_str().unwrap()],
    );
    assert!(first.status.success(), "{}", stderr(&first));
    let copy = reprint("de-01-tagesschau.txt", site.path());
    let again = briefing(site.path(), &[copy.to_str().unwrap()]);
    let err = stderr(&again);
    assert!(err.contains("is the same story as"), "{err}");
    assert!(err.contains("--keep-duplicate"), "{err}");
    assert!(written(&again).is_empty(), "nothing written");

    let kept = briefing(
        site.path(),
        &[
            "--keep-duplicate",
            "--source",
            "Andere Zeitung",
            copy.to_str().unwrap(),
        ],
    );
    assert!(kept.status.success(), "{}", stderr(&kept));
    let path = written(&kept).pop().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let original = written(&first).pop().unwrap();
    let slug = original.file_stem().unwrap().to_string_lossy();
    assert!(text.contains(&format!("same_story: {slug}")), "{text}");

    // Both pages say where else the story was published.
    std::fs::write(
        site.path().join("briefing.yaml"),
        "title: T\nlanguage: de\n",
    )
    .unwrap();
    let build = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("--root")
        .arg(site.path())
        .arg("build")
        .output()
        .unwrap();
    assert!(build.status.success(), "{}", stderr(&build));
    let page =
        std::fs::read_to_string(site.path().join(format!("site/articles/{slug}/index.html")))
            .unwrap();
    assert!(
        page.contains("Auch erschienen bei") && page.contains("Andere Zeitung"),
        "{page}"
    );
}

#[test]
fn a_paste_without_a_date_gets_a_warning_naming_it() {
    let site = tempfile::tempdir().unwrap();
    let input = real("en-01-wavy.txt");
    let out = briefing(site.path(), &[input.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("no date found in") && err.contains("en-01-wavy.txt"),
        "{err}"
    );
    assert!(err.contains("--date"), "{err}");
}

#[test]
fn paragraphs_an_outlet_prints_under_every_article_are_learned_as_its_boilerplate() {
    let site = tempfile::tempdir().unwrap();
    let slogan = "Mehr als 150 Journalistinnen und Journalisten berichten rund um die Uhr für Sie über das Geschehen in Deutschland und der Welt.";
    for (i, name) in ["de-01-tagesschau.txt", "de-03-br.txt", "de-04-br.txt"]
        .iter()
        .enumerate()
    {
        let text = std::fs::read_to_string(real(name)).unwrap();
        let path = site.path().join(format!("p{i}.txt"));
        std::fs::write(&path, format!("{text}\n\n{slogan}\n")).unwrap();
        let out = briefing(
            site.path(),
            &["--source", "Beispielblatt", path.to_str().unwrap()],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let article = std::fs::read_to_string(written(&out).pop().unwrap()).unwrap();
        // Two articles of the outlet hold it before the third comes in.
        assert_eq!(article.contains(slogan), i < 2, "article {i}: {article}");
    }
}
