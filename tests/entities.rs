//! Entity detection on real and realistic news text, scored against
//! annotations: the two seeds with their gold files, and pastes in the style
//! of other outlets (`tests/fixtures/entities/`), each with a registry that
//! holds only the people's full names.

mod common;

use common::scoring::{score, Found, Gold};
use common::Site;

fn mentions(site: &Site, files: &[&std::path::Path]) -> Vec<Vec<Found>> {
    files
        .iter()
        .map(|file| {
            let run = site.run(&["mentions", "--json", file.to_str().unwrap()]);
            run.assert_ok();
            serde_json::from_str(&run.stdout()).expect("mentions --json prints a JSON array")
        })
        .collect()
}

fn seeds() -> Vec<(std::path::PathBuf, Gold)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    ["000_35ea90125d1fd7c8", "001_672d9c4329be6caa"]
        .iter()
        .map(|name| {
            let gold: Gold = serde_yaml::from_str(
                &std::fs::read_to_string(dir.join(format!("gold/{name}.yaml"))).unwrap(),
            )
            .unwrap();
            (dir.join(format!("{name}.txt")), gold)
        })
        .collect()
}

#[test]
fn seeds_link_every_gold_entity_with_high_recall_and_precision() {
    let site = Site::copy_of("people");
    for (file, gold) in seeds() {
        let found = mentions(&site, &[&file]).remove(0);
        let s = score(&gold, &found);
        let name = file.file_name().unwrap().to_string_lossy();
        eprintln!(
            "{name}: form recall {:.3} ({}/{}), precision {:.3} ({}/{}), false {:?}",
            s.recall(),
            s.forms_found,
            s.forms_expected,
            s.precision(),
            s.correct,
            s.mentions,
            s.false_links
        );
        assert!(
            s.unlinked_entities.is_empty(),
            "{name}: not linked: {:?}",
            s.unlinked_entities
        );
        assert!(
            s.recall() >= 0.95,
            "{name}: form recall {:.3}, missed {:?}",
            s.recall(),
            s.missed_forms
        );
        assert!(
            s.precision() >= 0.95,
            "{name}: precision {:.3}, false {:?}",
            s.precision(),
            s.false_links
        );
    }
}

#[test]
fn the_japanese_sea_is_never_japan_in_the_seed() {
    let site = Site::copy_of("people");
    let (file, _) = &seeds()[0];
    let found = mentions(&site, &[file]).remove(0);
    assert!(!found
        .iter()
        .any(|f| f.surface.starts_with("Japanische") && f.entity == "Japan"));
    assert!(found.iter().any(|f| f.surface == "Japanische Meer"));
}

#[test]
fn json_offsets_point_at_the_surface_in_the_file() {
    let site = Site::copy_of("people");
    let (file, _) = &seeds()[0];
    let run = site.run(&["mentions", "--json", file.to_str().unwrap()]);
    let records: Vec<serde_json::Value> = serde_json::from_str(&run.stdout()).unwrap();
    let bytes = std::fs::read(file).unwrap();
    assert!(records.len() > 50);
    for r in &records {
        let (start, end) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            std::str::from_utf8(&bytes[start..end]).unwrap(),
            r["surface"].as_str().unwrap()
        );
        for key in ["file", "line", "column", "entity", "slug", "kind", "rule"] {
            assert!(!r[key].is_null(), "{key} missing in {r}");
        }
    }
    let blinkens = records
        .iter()
        .find(|r| r["surface"] == "Blinkens")
        .expect("the genitive of the surname");
    assert_eq!(blinkens["rule"], "short_name");
    assert_eq!(blinkens["line"], 15);
}

#[test]
fn plain_listing_names_rule_and_place() {
    let site = Site::copy_of("people");
    let (file, _) = &seeds()[1];
    let run = site.run(&["mentions", file.to_str().unwrap()]);
    run.assert_ok();
    let out = run.stdout();
    assert!(out.contains("\tG7\t→ G7 (organization, compound)"), "{out}");
    assert!(
        out.contains(":8:423\tPark Jin\t→ Park Jin (person, alias)"),
        "{out}"
    );
}

/// A site holding the demo articles and no registry at all.
fn demo_articles_without_registry() -> Site {
    let root = tempfile::tempdir().unwrap();
    let articles = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/articles");
    common::copy_tree(&articles, &root.path().join("content/articles"));
    let site = Site { dir: root };
    site.write("briefing.yaml", "title: T\nlanguage: de\n");
    site
}

#[test]
fn suggest_leaves_out_the_people_the_build_discovers() {
    let site = demo_articles_without_registry();
    let run = site.run(&["entities", "suggest", "--json"]);
    run.assert_ok();
    let found: Vec<serde_json::Value> = serde_json::from_str(&run.stdout()).unwrap();
    let people: Vec<&str> = found
        .iter()
        .filter(|s| s["kind"] == "person")
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    // Discovered by their given names: linked already, nothing to suggest.
    for name in ["Antony Blinken", "Shigeru Ishiba", "Wladimir Putin"] {
        assert!(!people.contains(&name), "{name} suggested: {people:?}");
    }
    assert!(people.contains(&"Park Jin"), "{people:?}");
}

#[test]
fn suggest_finds_every_person_of_the_seeds_and_writes_what_the_review_keeps() {
    let site = demo_articles_without_registry();
    // Without discovery, every person of the seeds is a suggestion.
    site.write(
        "briefing.yaml",
        "title: T\nlanguage: de\nentities:\n  discover: none\n",
    );
    let run = site.run(&["entities", "suggest", "--json", "--write"]);
    run.assert_ok();
    let found: Vec<serde_json::Value> = serde_json::from_str(&run.stdout()).unwrap();
    let people: Vec<&str> = found
        .iter()
        .filter(|s| s["kind"] == "person")
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    for name in [
        "Antony Blinken",
        "Shigeru Ishiba",
        "Yoon Suk Yeol",
        "Wladimir Putin",
        "Kim Jong-un",
        "Park Jin",
    ] {
        assert!(people.contains(&name), "{name} not suggested: {people:?}");
    }
    let blinken = found
        .iter()
        .find(|s| s["name"] == "Antony Blinken")
        .unwrap();
    assert_eq!(blinken["count"], 3);
    assert!(blinken["examples"][0]
        .as_str()
        .unwrap()
        .contains("Antony Blinken"));
    // Nothing is written before the editor decides: the suggestions wait in
    // the review file.
    assert!(!site.root().join("content/entities/park-jin.md").exists());
    let review = site.read("suggestions.yaml");
    assert!(review.contains("name: Park Jin"), "{review}");
    let mut decided = String::new();
    let mut current = String::new();
    for line in review.lines() {
        if let Some(name) = line.strip_prefix("- name: ") {
            current = name.to_string();
        }
        if line.starts_with("  action:") {
            let action = match current.as_str() {
                "Park Jin" | "Antony Blinken" | "Shigeru Ishiba" | "Kim Jong-un" => "keep",
                "Wladimir Putin" => "alias of Vladimir Putin",
                _ => "reject",
            };
            decided.push_str(&format!("  action: {action}\n"));
        } else {
            decided.push_str(line);
            decided.push('\n');
        }
    }
    site.write("suggestions.yaml", &decided);
    let applied = site.run(&["entities", "suggest", "--write"]);
    applied.assert_ok();
    assert_eq!(
        site.read("content/entities/park-jin.md"),
        "---\nname: Park Jin\nkind: person\n---\n"
    );
    assert_eq!(
        site.read("content/entities/vladimir-putin.md"),
        "---\nname: Vladimir Putin\nkind: person\naliases: [Wladimir Putin]\n---\n"
    );
    // Rejected names are remembered and never offered again; kept ones are
    // known now.
    let review = site.read("suggestions.yaml");
    assert!(!review.contains("Park Jin"), "{review}");
    assert!(
        review.contains("name: Yoon Suk Yeol") && review.contains("action: reject"),
        "{review}"
    );
    let again = site.run(&["entities", "suggest", "--json"]);
    let left: Vec<serde_json::Value> = serde_json::from_str(&again.stdout()).unwrap();
    assert!(left.is_empty(), "{left:?}");
    site.run(&["build"]).assert_ok();
    assert!(site
        .root()
        .join("site/entities/park-jin/index.html")
        .is_file());
}

/// Detections in an annotated paste, through `briefing mentions --json` on
/// the paste written as an article of the `outlets` site.
fn detect_annotated(
    site: &Site,
    name: &str,
) -> (common::scoring::Annotated, Vec<common::scoring::Detected>) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/entities")
        .join(name);
    let annotated = common::scoring::annotated(&std::fs::read_to_string(path).unwrap());
    let header = format!("---\ntitle: Test\nlang: {}\n---\n", annotated.language);
    let rel = format!("content/articles/{}", name.replace(".txt", ".md"));
    site.write(&rel, &format!("{header}{}", annotated.text));
    let run = site.run(&[
        "mentions",
        "--json",
        site.root().join(&rel).to_str().unwrap(),
    ]);
    run.assert_ok();
    let records: Vec<serde_json::Value> = serde_json::from_str(&run.stdout()).unwrap();
    let detected = records
        .iter()
        .filter(|r| r["rule"] != "front_matter")
        .map(|r| common::scoring::Detected {
            start: r["start"].as_u64().unwrap() as usize - header.len(),
            end: r["end"].as_u64().unwrap() as usize - header.len(),
            target: match r["id"].as_str() {
                Some(id) => id.to_string(),
                None => format!("person:{}", r["entity"].as_str().unwrap()),
            },
            surface: r["surface"].as_str().unwrap().to_string(),
        })
        .collect();
    (annotated, detected)
}

fn outlet_scores(prefix: &str) -> common::scoring::Counts {
    let site = Site::copy_of("outlets");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/entities");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix) && n.ends_with(".txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 5, "{names:?}");
    let mut total = common::scoring::Counts::default();
    for name in &names {
        let (annotated, detected) = detect_annotated(&site, name);
        let c = common::scoring::per_occurrence(&annotated.gold, &detected, &annotated.text);
        eprintln!(
            "{name}: recall {:.3} ({}/{}), precision {:.3} ({}/{})\n  missed: {:?}\n  false: {:?}",
            c.recall(),
            c.gold_found,
            c.gold,
            c.precision(),
            c.detected_correct,
            c.detected,
            c.misses,
            c.false_links
        );
        total.add(&c);
    }
    eprintln!(
        "{prefix}*: recall {:.3} ({}/{}), precision {:.3} ({}/{})",
        total.recall(),
        total.gold_found,
        total.gold,
        total.precision(),
        total.detected_correct,
        total.detected
    );
    total
}

/// The bar for outlets other than the seeds, per occurrence.
const OUTLET_BAR: f64 = 0.90;

fn assert_reaches_the_bar(c: &common::scoring::Counts) {
    assert!(
        c.recall() >= OUTLET_BAR,
        "recall {:.3}: missed {:?}",
        c.recall(),
        c.misses
    );
    assert!(
        c.precision() >= OUTLET_BAR,
        "precision {:.3}: false {:?}",
        c.precision(),
        c.false_links
    );
}

#[test]
fn german_outlets_reach_ninety_percent_per_occurrence() {
    assert_reaches_the_bar(&outlet_scores("de_"));
}

#[test]
fn english_outlets_reach_ninety_percent_per_occurrence() {
    assert_reaches_the_bar(&outlet_scores("en_"));
}

#[test]
fn check_warns_about_an_alias_the_article_leaves_ambiguous() {
    let site = Site::copy_of("basic");
    site.write(
        "content/entities/kim-jong-un.md",
        "---\nname: Kim Jong-un\nkind: person\naliases: [Kim]\n---\n",
    );
    site.write(
        "content/entities/kim-yo-jong.md",
        "---\nname: Kim Yo-jong\nkind: person\naliases: [Kim]\n---\n",
    );
    site.write(
        "content/articles/kim.md",
        "---\ntitle: Kim\ndate: 2025-02-02\n---\nYesterday Kim spoke.\n",
    );
    let run = site.run(&["check"]);
    run.assert_ok();
    let stderr = run.stderr();
    assert!(
        stderr.contains(
            "warning[W001]: \"Kim\" could be Kim Jong-un or Kim Yo-jong and is not linked"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("content/articles/kim.md:5:11"), "{stderr}");
    // Naming one of them in full settles it.
    site.write(
        "content/articles/kim.md",
        "---\ntitle: Kim\ndate: 2025-02-02\n---\nKim Yo-jong arrived. Yesterday Kim spoke.\n",
    );
    let run = site.run(&["check"]);
    assert!(
        !run.stderr().contains("content/articles/kim.md"),
        "{}",
        run.stderr()
    );
}

/// An entity page shows each sentence naming the entity once, not cut at
/// abbreviations, says how many more mentions the article holds, and links
/// a Wikidata id.
#[test]
fn entity_pages_show_whole_sentences_once_and_count_the_rest() {
    let site = Site::copy_of("basic");
    site.write(
        "content/entities/hamas.md",
        "---\nname: Hamas\nkind: organization\nid: Q38799\n---\n",
    );
    site.write(
        "content/articles/hamas.md",
        "---\ntitle: Talks\ndate: 2025-02-01\n---\n\
         Hamas attacked Israel on Oct. 7 in the south. Hamas and a Hamas ally spoke.\n\n\
         Later Hamas agreed. Then Hamas waited. Hamas left.\n",
    );
    site.run(&["build"]).assert_ok();
    let page = site.read("site/entities/hamas/index.html");
    let items: Vec<&str> = page.split("<li>").skip(1).collect();
    let sentences: Vec<String> = items
        .iter()
        .filter(|i| i.contains("<mark>"))
        .map(|i| i.split("</li>").next().unwrap().to_string())
        .collect();
    assert_eq!(sentences.len(), 3, "{sentences:#?}");
    assert!(
        sentences[0].ends_with("attacked Israel on Oct. 7 in the south."),
        "not cut at Oct.: {}",
        sentences[0]
    );
    assert_ne!(
        sentences[1].replace("<mark>", "").replace("</mark>", ""),
        sentences[2].replace("<mark>", "").replace("</mark>", ""),
        "a sentence with two mentions is shown once"
    );
    assert!(
        page.contains("3 more mentions in the article"),
        "six mentions, three sentences shown: {page}"
    );
    assert!(page.contains("href=\"https://www.wikidata.org/wiki/Q38799\""));
}
