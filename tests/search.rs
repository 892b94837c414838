//! The static search index and the link-preview cards, as a build writes
//! them: every article and entity in the index, words folded and stemmed,
//! filters as their own keys, links under a sub-path, and a search page
//! that says it needs JavaScript when there is none. (The browser side is
//! tested in `tests/browser.rs`.)

mod common;

use common::Site;
use serde_json::Value;

/// The index's key of a word, as the build makes it.
fn key(word: &str) -> String {
    let mut out = Vec::new();
    briefing::render::search::text::words(word, |w| out.push(w.to_string()));
    assert_eq!(out.len(), 1, "{word} is one word");
    out.remove(0)
}

/// The index folder of a built site (`site/search/`) and its `index.json`.
fn index_of(site: &Site) -> (String, Value) {
    let json = serde_json::from_str(&site.read("site/search/index.json")).unwrap();
    ("site/search/".to_string(), json)
}

/// The postings of `key`, from the chunk the index's first keys point to.
fn postings(site: &Site, folder: &str, meta: &Value, key: &str) -> Option<Vec<u64>> {
    let chunks: Vec<&str> = meta["chunks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    let n = chunks.iter().rposition(|first| *first <= key).unwrap_or(0);
    let chunk: Value = serde_json::from_str(&site.read(&format!("{folder}t/{n}.json"))).unwrap();
    let entry = chunk.as_array().unwrap().iter().find(|e| e[0] == key)?;
    let list: Vec<u64> = entry[1]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    let step = if key.starts_with('!') { 1 } else { 2 };
    let mut doc = 0;
    Some(
        list.chunks(step)
            .map(|pair| {
                doc += pair[0];
                doc
            })
            .collect(),
    )
}

/// The document numbered `n`.
fn doc(site: &Site, folder: &str, meta: &Value, n: u64) -> Value {
    let per = meta["docChunk"].as_u64().unwrap();
    let chunk: Value =
        serde_json::from_str(&site.read(&format!("{folder}d/{}.json", n / per))).unwrap();
    chunk[(n % per) as usize].clone()
}

#[test]
fn the_index_holds_every_article_and_entity_and_finds_them_by_folded_and_stemmed_words() {
    let site = Site::copy_of("basic");
    site.write(
        "content/articles/2024/strasse.md",
        "---\ntitle: Gespräche in Pjöngjang\ndate: 2024-03-02\nlang: de\ntags: [Korea]\n---\nDie Delegation fuhr über die Straße nach Pjöngjang, wo Nordkoreas Minister warteten.\n",
    );
    let run = site.run(&["build"]);
    run.assert_ok();
    let (folder, meta) = index_of(&site);
    let entities = meta["entities"].as_u64().unwrap();
    // The basic site: its dated and undated articles (no draft) and the
    // entities with a page.
    assert_eq!(meta["docs"].as_u64().unwrap(), entities + 7, "{meta}");

    // "Strasse" and "Pjongjang", as a reader types them without marks.
    for word in ["Strasse", "Pjongjang"] {
        let docs = postings(&site, &folder, &meta, &key(word))
            .unwrap_or_else(|| panic!("{word} is in the index"));
        let titles: Vec<Value> = docs
            .iter()
            .map(|&n| doc(&site, &folder, &meta, n)["t"].clone())
            .collect();
        assert!(
            titles.contains(&"Gespräche in Pjöngjang".into()),
            "{word}: {titles:?}"
        );
    }
    // "Minister" and "Ministers" share their stem.
    assert_eq!(key("Ministers"), key("Minister"));
    assert!(postings(&site, &folder, &meta, &key("Minister")).is_some());

    // An entity's name finds its page, numbered among the entities.
    let docs = postings(&site, &folder, &meta, &key("Blinken")).unwrap();
    let first = doc(&site, &folder, &meta, docs[0]);
    assert!(docs[0] < entities, "entities come first: {docs:?}");
    assert_eq!(first["t"], "Antony Blinken");
    assert_eq!(first["u"], "/entities/antony-blinken/");

    // Filters: the year and the tag give the new article.
    let n = postings(&site, &folder, &meta, "!y:2024").unwrap();
    assert!(n
        .iter()
        .any(|&d| doc(&site, &folder, &meta, d)["t"] == "Gespräche in Pjöngjang"));
    let korea = postings(&site, &folder, &meta, "!t:korea").unwrap();
    assert!(korea.len() >= 2, "{korea:?}");
    let articles = postings(&site, &folder, &meta, "!k:article").unwrap();
    assert_eq!(articles.len(), 7);
    assert!(articles.iter().all(|&d| d >= entities));
    let years: Vec<&str> = meta["facets"]["year"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y[0].as_str().unwrap())
        .collect();
    assert!(
        years.contains(&"2024") && years.contains(&"2025"),
        "{years:?}"
    );
}

#[test]
fn the_index_and_its_links_live_under_a_sub_path_and_the_page_says_it_needs_javascript() {
    let site = Site::copy_of("basic");
    let run = site.run(&["build", "--base-url", "https://example.org/briefing/"]);
    run.assert_ok();
    let (folder, meta) = index_of(&site);
    let page = site.read("site/search/index.html");
    let index_url = format!("/briefing/{}", folder.trim_start_matches("site/"));
    assert!(
        page.contains(&format!("data-index=\"{index_url}\"")),
        "{page}"
    );
    assert!(page.contains("src=\"/briefing/search.js\""));
    assert!(
        page.contains("<noscript>"),
        "the page says search needs JavaScript"
    );
    let docs = postings(&site, &folder, &meta, &key("Blinken")).unwrap();
    for d in docs {
        let u = doc(&site, &folder, &meta, d)["u"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(u.starts_with("/briefing/"), "{u}");
    }
    // Every page's header sends its query to the search page.
    let home = site.read("site/index.html");
    assert!(home.contains("action=\"/briefing/search/\""), "{home}");
    assert!(home.contains("src=\"/briefing/preview.js\""));
}

#[test]
fn every_entity_page_has_a_preview_card_with_its_counts_and_first_sentence() {
    let site = Site::copy_of("basic");
    let run = site.run(&["build"]);
    run.assert_ok();
    let card: Value =
        serde_json::from_str(&site.read("site/entities/north-korea/card.json")).unwrap();
    assert_eq!(card["name"], "North Korea");
    assert_eq!(card["key"], "country");
    assert_eq!(
        card["text"],
        "A country in East Asia, neighbour of South Korea."
    );
    assert!(
        card["counts"].as_str().unwrap().contains("article"),
        "{card}"
    );
    assert!(
        card["seen"]
            .as_str()
            .unwrap()
            .starts_with("First mentioned"),
        "{card}"
    );
    for page in site
        .tree("site/entities")
        .keys()
        .filter(|k| k.ends_with("/index.html") && k.matches('/').count() == 1)
    {
        let card = page.replace("index.html", "card.json");
        assert!(
            site.tree("site/entities").contains_key(&card),
            "{card} beside {page}"
        );
    }
}

#[test]
fn an_edit_changes_the_index_version_and_the_search_page_names_it() {
    let site = Site::copy_of("basic");
    site.run(&["build"]).assert_ok();
    let (_, before) = index_of(&site);
    site.write(
        "content/articles/2024/new.md",
        "---\ntitle: Neu\ndate: 2024-05-01\n---\nEin neuer Artikel über Seoul.\n",
    );
    site.run(&["build"]).assert_ok();
    let (folder, after) = index_of(&site);
    assert_ne!(
        before["build"], after["build"],
        "a new build's index has a version of its own"
    );
    let version = after["build"].as_str().unwrap();
    let page = site.read("site/search/index.html");
    assert!(
        page.contains(&format!("data-version=\"{version}\"")),
        "{page}"
    );
    assert!(postings(&site, &folder, &after, &key("neuer")).is_some());
}
