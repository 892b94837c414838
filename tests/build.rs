//! `briefing build` and `check` on fixture sites: every page kind, the feeds
//! and sitemap, determinism, and each error with its diagnostic.

mod common;

use common::Site;

fn html(site: &Site, rel: &str) -> String {
    site.read(&format!("site/{rel}"))
}

/// The `<main>` element of a page, which is what the content decides.
fn main_of(page: &str) -> &str {
    let start = page.find("<main").expect("a <main> element");
    let end = page.find("</main>").expect("a </main> tag") + "</main>".len();
    &page[start..end]
}

#[test]
fn builds_every_page_kind() {
    let site = Site::copy_of("basic");
    site.run(&["build"]).assert_ok();
    for page in [
        "index.html",
        "page/2/index.html",
        "articles/day/index.html",
        "articles/late/index.html",
        "entities/index.html",
        "entities/antony-blinken/index.html",
        "entities/antony-blinken/page/2/index.html",
        "entities/antony-blinken/atom.xml",
        "sources/index.html",
        "sources/ap/index.html",
        "tags/index.html",
        "tags/diplomacy/index.html",
        "archive/index.html",
        "archive/page/3/index.html",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        "style.css",
        "highlight.css",
        "images/map.png",
    ] {
        assert!(
            site.root().join("site").join(page).is_file(),
            "missing {page}"
        );
    }
    assert!(
        !site.root().join("site/articles/draft").exists(),
        "drafts are left out"
    );
}

#[test]
fn includes_drafts_when_asked() {
    let site = Site::copy_of("basic");
    site.run(&["build", "--drafts"]).assert_ok();
    assert!(site.root().join("site/articles/draft/index.html").is_file());
}

#[test]
fn renders_an_article_with_links_toc_code_and_metadata() {
    let site = Site::copy_of("basic");
    site.run(&["build"]).assert_ok();
    let page = html(&site, "articles/day/index.html");
    insta::assert_snapshot!("article_day_main", main_of(&page));
}

#[test]
fn groups_the_home_page_by_day_with_partial_dates_at_their_precision() {
    let site = Site::copy_of("basic");
    site.run(&["build"]).assert_ok();
    let home = html(&site, "index.html");
    // Newest first, three to a page: the timed and the day article share
    // January 24; the month-precision article follows; then the year, the
    // last day of 2024 and the undated article.
    let in_order = |page: &str, needles: &[&str]| {
        let positions: Vec<usize> = needles
            .iter()
            .map(|s| {
                page.find(s)
                    .unwrap_or_else(|| panic!("{s} not on the page"))
            })
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "{needles:?} at {positions:?}"
        );
    };
    in_order(
        &home,
        &[
            "January 24, 2025</time>",
            "Statement at noon",
            "Blinken meets Park Jin",
            "January 2025</time>",
        ],
    );
    assert_eq!(
        home.matches("class=\"group-title\"").count(),
        2,
        "the two January 24 articles share a day"
    );
    let page2 = html(&site, "page/2/index.html");
    in_order(&page2, &[">2025</time>", "December 31, 2024", "Undated"]);
}

#[test]
fn entity_pages_list_every_article_and_co_mentions() {
    let site = Site::copy_of("basic");
    site.run(&["build"]).assert_ok();
    let first = html(&site, "entities/antony-blinken/index.html");
    let second = html(&site, "entities/antony-blinken/page/2/index.html");
    // Three articles name Blinken: two on the first page, one on the second.
    let links = |p: &str| p.matches("class=\"article-item-title\"").count();
    assert_eq!(links(&first) + links(&second), 3);
    assert!(first.contains("3 articles"));
    assert!(
        main_of(&first).contains("href=\"/entities/north-korea/\""),
        "co-mention"
    );
    // Listed in front matter only, still counted.
    let park = html(&site, "entities/park-jin/index.html");
    assert!(park.contains("Background on the peninsula"));
}

#[test]
fn an_overridden_list_partial_shows_in_every_list() {
    let site = Site::copy_of("basic");
    // The partial sees the article's whole summary, source included.
    site.write(
        "templates/partials/article-heading.html",
        "<h3 class=\"mine\">{{ a.title }} ({% if a.source %}{{ a.source.name }}{% else %}-{% endif %})</h3>\n",
    );
    site.run(&["build"]).assert_ok();
    for page in [
        "index.html",
        "archive/index.html",
        "tags/korea/index.html",
        "sources/ap/index.html",
        "entities/antony-blinken/index.html",
        "articles/day/index.html",
    ] {
        let main = main_of(&html(&site, page)).to_string();
        assert!(main.contains("<h3 class=\"mine\">"), "{page}: {main}");
        assert!(!main.contains("article-item-title"), "{page}");
    }
    assert!(html(&site, "archive/index.html")
        .contains("<h3 class=\"mine\">Statement at noon (AP)</h3>"));
    assert!(html(&site, "archive/page/3/index.html")
        .contains("<h3 class=\"mine\">Background on the peninsula (-)</h3>"));
}

#[test]
fn a_broken_list_partial_names_the_partial_and_line() {
    let stderr = broken_build(
        "templates/partials/article-tags.html",
        "{% if a.tags %}\n<ul>{% for t in a.tagz %}{{ t.name }}{% endfor %}</ul>{% endif %}\n",
    );
    assert!(
        stderr.contains("templates/partials/article-tags.html:2:"),
        "{stderr}"
    );
    assert!(stderr.contains("a.tagz"), "{stderr}");
    insta::assert_snapshot!("error_list_partial", stderr);
}

#[test]
fn feeds_and_sitemap_are_well_formed() {
    let site = Site::copy_of("basic");
    site.run(&["build"]).assert_ok();
    for feed in ["atom.xml", "entities/north-korea/atom.xml"] {
        let text = html(&site, feed);
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{feed}: {e}"));
        let root = doc.root_element();
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2005/Atom")
        );
        assert_eq!(root.tag_name().name(), "feed");
        let entries: Vec<_> = root
            .children()
            .filter(|n| n.has_tag_name("entry"))
            .collect();
        assert!(!entries.is_empty(), "{feed} has entries");
        for entry in entries {
            for child in ["id", "title", "updated", "link"] {
                assert!(
                    entry.children().any(|n| n.has_tag_name(child)),
                    "{feed}: entry without {child}"
                );
            }
            let updated = entry
                .children()
                .find(|n| n.has_tag_name("updated"))
                .unwrap();
            let stamp = updated.text().unwrap();
            assert!(
                chrono::DateTime::parse_from_rfc3339(stamp).is_ok(),
                "{feed}: updated {stamp}"
            );
        }
    }
    // The site feed holds at most feed_limit (4) entries.
    let site_feed = html(&site, "atom.xml");
    assert_eq!(site_feed.matches("<entry>").count(), 4);

    let sitemap = html(&site, "sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    assert_eq!(doc.root_element().tag_name().name(), "urlset");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.contains(&"https://example.org/articles/day/"));
    assert!(locs.iter().all(|l| l.starts_with("https://example.org/")));
    assert!(
        sitemap.contains("<lastmod>2025-01</lastmod>"),
        "partial dates keep their precision"
    );
    assert!(html(&site, "robots.txt").contains("Sitemap: https://example.org/sitemap.xml"));
}

#[test]
fn two_builds_are_byte_identical() {
    let site = Site::copy_of("basic");
    site.run(&["build"]).assert_ok();
    let first = site.tree("site");
    let second_dir = site.root().join("second");
    site.run(&["build", "--output", second_dir.to_str().unwrap()])
        .assert_ok();
    let second = site.tree("second");
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    // The manifest records when each file was written; the rest of each
    // line (path, size, hash of the bytes) must agree.
    let without_times = |bytes: &Vec<u8>| -> Vec<String> {
        String::from_utf8_lossy(bytes)
            .lines()
            .map(|l| {
                let fields: Vec<&str> = l.split('\t').collect();
                if fields.len() == 4 {
                    format!("{}\t{}\t{}", fields[0], fields[1], fields[3])
                } else {
                    l.to_string()
                }
            })
            .collect()
    };
    for (path, bytes) in &first {
        if path == ".briefing-manifest" {
            assert_eq!(without_times(bytes), without_times(&second[path]));
        } else {
            assert!(bytes == &second[path], "{path} differs between builds");
        }
    }
}

#[test]
fn works_under_a_sub_path() {
    let site = Site::copy_of("basic");
    site.run(&["build", "--base-url", "https://user.example.io/briefing/"])
        .assert_ok();
    let home = html(&site, "index.html");
    assert!(home.contains("href=\"/briefing/articles/day/\""));
    assert!(home.contains("href=\"/briefing/style.css\""));
    assert!(
        !home.contains("href=\"/articles/"),
        "no link escapes the sub-path"
    );
    let not_found = html(&site, "404.html");
    assert!(
        not_found.contains("href=\"/briefing/\""),
        "the 404 page links home from any depth"
    );
    assert!(html(&site, "atom.xml").contains("https://user.example.io/briefing/articles/day/"));
    assert!(
        home.contains("href=\"/briefing/favicon.svg\"")
            && site.root().join("site/favicon.svg").exists(),
        "the icon is linked under the sub-path"
    );
    assert!(
        !site.root().join("site/robots.txt").exists(),
        "crawlers read robots.txt at a host's root only"
    );
    site.run(&["build", "--base-url", "https://user.example.io/"])
        .assert_ok();
    assert!(html(&site, "robots.txt").contains("https://user.example.io/sitemap.xml"));
}

#[test]
fn check_reports_success_and_writes_nothing() {
    let site = Site::copy_of("basic");
    let run = site.run(&["check"]);
    run.assert_ok();
    assert!(run.stderr().contains("No errors"));
    assert!(!site.root().join("site").exists());
}

/// Builds the site, breaks it with `rel` = `text`, and asserts that the build
/// fails with a diagnostic and leaves the previous output exactly as it was.
fn broken_build(rel: &str, text: &str) -> String {
    let site = Site::copy_of("basic");
    site.run(&["build"]).assert_ok();
    let before = site.tree("site");
    site.write(rel, text);
    let run = site.run(&["build"]);
    run.assert_failed();
    assert!(
        before == site.tree("site"),
        "a failed build changed the output"
    );
    let check = site.run(&["check"]);
    check.assert_failed();
    let build_said = run.stderr();
    let (errors, written) = build_said
        .trim_end()
        .rsplit_once("; ")
        .unwrap_or_else(|| panic!("no closing line: {build_said}"));
    assert_eq!(written, "nothing was written", "{build_said}");
    assert_eq!(
        check.stderr().trim_end(),
        errors,
        "check reports what build reports, and does not say it wrote nothing"
    );
    build_said
}

#[test]
fn broken_front_matter_names_file_and_line() {
    let stderr = broken_build(
        "content/articles/bad.md",
        "---\ntitle: Fine\ntags: [a, b\ndate: 2025-01-02\n---\nText.\n",
    );
    assert!(stderr.contains("content/articles/bad.md:"), "{stderr}");
    insta::assert_snapshot!("error_broken_front_matter", stderr);
}

#[test]
fn bad_date_names_file_line_and_the_accepted_forms() {
    let stderr = broken_build(
        "content/articles/bad.md",
        "---\ntitle: Fine\ndate: 2025-02-30\n---\nText.\n",
    );
    assert!(stderr.contains("content/articles/bad.md:3:"), "{stderr}");
    insta::assert_snapshot!("error_bad_date", stderr);
}

#[test]
fn unknown_key_suggests_the_closest_key() {
    let stderr = broken_build(
        "content/articles/bad.md",
        "---\ntitle: Fine\nsorce: AP\ntgas: [x]\n---\nText.\n",
    );
    assert!(stderr.contains("did you mean \"source\"?"), "{stderr}");
    assert!(
        stderr.contains("did you mean \"tags\"?"),
        "every unknown key is reported: {stderr}"
    );
    insta::assert_snapshot!("error_unknown_key", stderr);
}

#[test]
fn unknown_wikilink_names_file_line_and_column() {
    let stderr = broken_build(
        "content/articles/bad.md",
        "---\ntitle: Fine\n---\nFirst line.\n\nThen [[Antony Blinkn]] spoke.\n",
    );
    assert!(stderr.contains("content/articles/bad.md:6:6"), "{stderr}");
    insta::assert_snapshot!("error_unknown_wikilink", stderr);
}

#[test]
fn template_syntax_error_names_template_and_line() {
    let stderr = broken_build("templates/article.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ article.title \n{% endblock content %}\n");
    assert!(stderr.contains("templates/article.html:"), "{stderr}");
    insta::assert_snapshot!("error_template_syntax", stderr);
}

#[test]
fn template_render_error_names_template_line_and_variable() {
    let stderr = broken_build(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ article.titel }}</h1>\n{% endblock content %}\n",
    );
    assert!(stderr.contains("templates/article.html:3:"), "{stderr}");
    assert!(stderr.contains("article.titel"), "{stderr}");
    insta::assert_snapshot!("error_template_render", stderr);
}

#[test]
fn broken_internal_link_names_the_article() {
    let stderr = broken_build(
        "content/articles/bad.md",
        "---\ntitle: Fine\n---\nSee [this](/articles/nope/) and [that](#nowhere).\n",
    );
    assert!(stderr.contains("/articles/nope/"), "{stderr}");
    assert!(stderr.contains("#nowhere"), "{stderr}");
    // Each at the line and column of its target in the file.
    assert!(
        stderr.contains("--> content/articles/bad.md:4:12"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--> content/articles/bad.md:4:40"),
        "{stderr}"
    );
    insta::assert_snapshot!("error_broken_link", stderr);
}

#[test]
fn a_key_given_twice_is_reported_at_its_second_line() {
    let stderr = broken_build(
        "content/articles/bad.md",
        "---\ntitle: One\ndate: 2025-01-02\ntitle: Two\n---\nText.\n",
    );
    assert!(
        stderr.contains("--> content/articles/bad.md:4:1"),
        "{stderr}"
    );
    insta::assert_snapshot!("error_duplicate_key", stderr);
}

#[test]
fn a_file_not_in_utf8_names_line_column_and_how_to_convert_it() {
    let site = Site::copy_of("basic");
    site.run(&["build"]).assert_ok();
    std::fs::write(
        site.root().join("content/articles/latin.md"),
        b"---\ntitle: Fine\n---\nAuf der Stra\xdfe.\n",
    )
    .unwrap();
    let run = site.run(&["check"]);
    run.assert_failed();
    let stderr = run.stderr();
    assert!(
        stderr.contains("--> content/articles/latin.md:4:13"),
        "{stderr}"
    );
    assert!(stderr.contains("convert the file to UTF-8"), "{stderr}");
    assert!(!stderr.contains("permissions"), "{stderr}");
}

#[test]
fn an_unknown_or_circular_part_of_is_an_error_at_its_line() {
    let site = Site::copy_of("basic");
    site.write(
        "content/entities/atlantis-city.md",
        "---\nkind: city\npart_of: Atlantis\n---\n",
    );
    site.write(
        "content/entities/east.md",
        "---\nname: East\nkind: place\npart_of: west\n---\n",
    );
    site.write(
        "content/entities/west.md",
        "---\nname: West\nkind: place\npart_of: East\n---\n",
    );
    let run = site.run(&["build"]);
    run.assert_failed();
    let stderr = run.stderr();
    assert!(
        stderr.contains("--> content/entities/atlantis-city.md:3:1"),
        "{stderr}"
    );
    assert!(stderr.contains("East → West → East"), "{stderr}");
    assert!(
        stderr.contains("--> content/entities/east.md:4:1"),
        "{stderr}"
    );
    insta::assert_snapshot!("error_part_of", stderr);
}

#[test]
fn a_known_part_of_is_shown_and_linked_on_the_entity_page() {
    let site = Site::copy_of("basic");
    site.write(
        "content/entities/pyongyang-district.md",
        "---\nname: Moranbong District\nkind: place\npart_of: north-korea\n---\n",
    );
    site.write(
        "content/articles/moranbong.md",
        "---\ntitle: Moranbong\ndate: 2025-01-02\n---\nIn Moranbong District of North Korea.\n",
    );
    site.run(&["build"]).assert_ok();
    let page = site.read("site/entities/pyongyang-district/index.html");
    assert!(
        page.contains("Part of <a href=\"/entities/north-korea/\">North Korea</a>"),
        "{page}"
    );
}

#[test]
fn a_single_tag_is_a_list_of_one_and_empty_tags_are_left_out() {
    let site = Site::copy_of("basic");
    site.write(
        "content/articles/tagged.md",
        "---\ntitle: Tagged\ndate: 2025-01-02\ntags: Nordkorea-Gipfel\nauthors: [null]\n---\nText.\n",
    );
    site.run(&["build"]).assert_ok();
    let page = site.read("site/tags/nordkorea-gipfel/index.html");
    assert!(page.contains("Tagged"), "{page}");
    assert!(!site.root().join("site/tags/null").exists());
}

#[test]
fn configuration_errors_speak_of_numbers_and_values() {
    let site = Site::copy_of("basic");
    let config = site.read("briefing.yaml");
    site.write("briefing.yaml", &config.replace("home: 3", "home: twenty"));
    let run = site.run(&["check"]);
    run.assert_failed();
    let stderr = run.stderr();
    assert!(stderr.contains("expected a whole number"), "{stderr}");
    assert!(!stderr.contains("usize"), "{stderr}");
    assert!(
        !stderr.contains("nothing was written"),
        "check writes nothing anyway: {stderr}"
    );
    site.write(
        "briefing.yaml",
        &config.replace("language: en", "language: fr"),
    );
    let stderr = site.run(&["check"]).stderr();
    assert!(stderr.contains("write one of `de` or `en`"), "{stderr}");
    assert!(!stderr.contains("variant"), "{stderr}");
}

#[test]
fn reports_every_error_at_once() {
    let site = Site::copy_of("basic");
    site.write("content/articles/a.md", "---\ntitel: A\n---\n");
    site.write(
        "content/articles/b.md",
        "---\ntitle: B\ndate: 2025-13\n---\n",
    );
    site.write("content/articles/c.md", "---\ntitle: C\n---\n[[Nobody]]\n");
    let run = site.run(&["build"]);
    run.assert_failed();
    let stderr = run.stderr();
    for needle in ["a.md", "b.md", "c.md", "3 errors"] {
        assert!(stderr.contains(needle), "{needle} missing from:\n{stderr}");
    }
}

#[test]
fn refuses_and_keeps_an_output_folder_with_foreign_files() {
    let site = Site::copy_of("basic");
    site.write("site/thesis.docx", "my only copy");
    let run = site.run(&["build"]);
    run.assert_failed();
    assert!(run.stderr().contains("thesis.docx"), "{}", run.stderr());
    assert_eq!(site.read("site/thesis.docx"), "my only copy");
    assert_eq!(site.tree("site").len(), 1, "nothing was written into it");
}

#[test]
fn refuses_an_unknown_config_key_with_a_suggestion() {
    let site = Site::copy_of("basic");
    site.write("briefing.yaml", "title: T\nlanguge: en\n");
    let run = site.run(&["build"]);
    run.assert_failed();
    insta::assert_snapshot!("error_config_unknown_key", run.stderr());
}

#[test]
fn init_creates_a_site_that_builds_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("new-site");
    let init = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("init")
        .arg(&target)
        .output()
        .unwrap();
    assert!(init.status.success());
    let site = Site::copy_from(&target);
    site.run(&["build"]).assert_ok();
    let article = html(&site, "articles/welcome/index.html");
    assert!(
        article.contains("href=\"/entities/briefing-desk/\""),
        "the example entity is linked"
    );
}

#[test]
fn the_demo_site_builds() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = tempfile::tempdir().unwrap();
    for part in ["briefing.yaml", "content"] {
        let from = root.join(part);
        if from.is_dir() {
            common::copy_tree(&from, &site.path().join(part));
        } else {
            std::fs::copy(&from, site.path().join(part)).unwrap();
        }
    }
    let site = Site { dir: site };
    site.run(&["build"]).assert_ok();
    let blinken = html(&site, "entities/antony-blinken/index.html");
    assert!(blinken.contains("2 Artikel"), "both seeds mention Blinken");
    let article = html(
        &site,
        "articles/bei-seinem-vermutlich-letzten-asienbesuch-als-us/index.html",
    );
    assert!(
        article.contains("Januar 2025"),
        "month precision shown in German"
    );
}

#[test]
fn a_template_including_itself_is_a_recursion_error_naming_it() {
    let stderr = broken_build(
        "templates/partials/pagination.html",
        "{% include \"partials/pagination.html\" %}\n",
    );
    assert!(stderr.contains("recursion"), "{stderr}");
    assert!(stderr.contains("partials/pagination.html"), "{stderr}");
}

#[test]
fn a_component_calling_itself_without_end_is_a_recursion_error_naming_it() {
    let site = Site::copy_of("basic");
    site.run(&["build"]).assert_ok();
    let before = site.tree("site");
    site.write("templates/components.html", COMPONENTS_LOOPING);
    site.write(
        "templates/partials/pagination.html",
        "{{ <echo n={1}/> }}\n",
    );
    let run = site.run(&["build"]);
    run.assert_failed();
    let stderr = run.stderr();
    assert!(stderr.contains("recursion"), "{stderr}");
    assert!(stderr.contains("components.html"), "{stderr}");
    assert!(
        before == site.tree("site"),
        "a failed build changed the output"
    );
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("briefing-new"))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left: {leftovers:?}");
}

/// The default theme's components and one that calls itself without end.
const COMPONENTS_LOOPING: &str = "{% component toc(entries) %}{% endcomponent toc %}\n{% component echo(n) %}{{ <echo n={n}/> }}{% endcomponent echo %}\n";

/// Issue 15: "Title derived from the first sentence" was shown to readers.
/// It is a note for the editor: hidden on the built site, shown by the
/// preview's script.
#[test]
fn a_derived_title_is_noted_for_the_editor_and_hidden_from_readers() {
    let site = Site::copy_of("basic");
    site.write(
        "content/articles/derived.md",
        "---\ntitle: Kim spricht in Seoul\ndate: 2025-02-01\ntitle_derived: true\n---\nKim spricht in Seoul.\n",
    );
    site.run(&["build"]).assert_ok();
    let page = html(&site, "articles/derived/index.html");
    assert!(
        page.contains("<p class=\"note\" data-preview hidden>"),
        "{page}"
    );
    let script = include_str!("../data/serve/livereload.js");
    assert!(script.contains("[data-preview][hidden]"));
}

/// Issue 15: on a site in English, a German article showed English labels
/// ("Undated", "1 minute read"). Its own labels are in its language; the
/// page around it stays in the site's.
#[test]
fn an_article_is_labelled_in_its_own_language_on_a_site_in_another() {
    let site = Site::copy_of("basic");
    site.write(
        "content/articles/deutsch.md",
        "---\ntitle: Gespräche in Seoul\nlang: de\ncaption: Ein Bild\ncredit: dpa\n---\nDie Gespräche in Seoul gehen weiter.\n",
    );
    site.write(
        "content/articles/english.md",
        "---\ntitle: Talks in Seoul\ndate: 2025-02-03\n---\nThe talks in Seoul go on.\n",
    );
    site.run(&["build"]).assert_ok();
    let german = html(&site, "articles/deutsch/index.html");
    assert!(german.contains(">Ohne Datum<"), "{german}");
    assert!(german.contains("1 Minute Lesezeit"), "{german}");
    assert!(german.contains("Foto: dpa"), "{german}");
    assert!(
        german.contains("Skip to content"),
        "the page around the article stays in the site's language: {german}"
    );
    let english = html(&site, "articles/english/index.html");
    assert!(english.contains("1 minute read"), "{english}");
    assert!(english.contains("February 3, 2025"), "{english}");
}
