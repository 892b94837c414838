//! The charts drawn at build time: an entity's neighbourhood graph and
//! timeline, the archive's timeline and the network page, as inline SVG
//! whose every node and bar links into the site, under a sub-path too.

mod common;

use common::Site;

/// The first `<svg class="…{class}…">…</svg>` of a page.
fn svg_of<'p>(page: &'p str, class: &str) -> &'p str {
    let start = page
        .find(&format!("<svg class=\"chart {class}"))
        .unwrap_or_else(|| panic!("no {class} chart on the page"));
    let end = start + page[start..].find("</svg>").expect("a closed svg") + "</svg>".len();
    &page[start..end]
}

fn hrefs(svg: &str) -> Vec<&str> {
    svg.split("href=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect()
}

/// The basic fixture with an older article naming Blinken, so that his
/// articles span June 2024 to January 2025 over two pages (two to a page).
fn site_with_older_article() -> Site {
    let site = Site::copy_of("basic");
    site.write(
        "content/articles/2024/june.md",
        "---\ntitle: Blinken in June\ndate: 2024-06-10\nsource: AP\n---\nAntony Blinken spoke about North Korea.\n",
    );
    site
}

#[test]
fn an_entity_page_draws_its_neighbourhood_with_a_link_on_every_node() {
    let site = site_with_older_article();
    site.run(&["build"]).assert_ok();
    let page = site.read("site/entities/antony-blinken/index.html");
    let graph = svg_of(&page, "graph neighbourhood");
    assert!(graph
        .contains("<title>Around Antony Blinken: the actors mentioned with it most often</title>"));
    let links = hrefs(graph);
    assert_eq!(links[0], "/entities/antony-blinken/", "the centre first");
    for co in ["/entities/north-korea/", "/entities/park-jin/"] {
        assert!(links.contains(&co), "{co} in {links:?}");
        // Every node's page exists.
        let file = format!("site{co}index.html");
        assert!(site.root().join(&file).is_file(), "{file}");
    }
    assert!(graph.contains("class=\"node node-person node-centre\""));
    assert!(graph.contains("class=\"node node-country\""));
    // The graph and the timeline are the first page's overview.
    let second = site.read("site/entities/antony-blinken/page/2/index.html");
    assert!(!second.contains("<svg"), "no chart on later pages");
}

#[test]
fn a_timeline_bar_links_to_its_month_on_the_page_that_lists_it() {
    let site = site_with_older_article();
    site.run(&["build"]).assert_ok();
    let page = site.read("site/entities/antony-blinken/index.html");
    let chart = svg_of(&page, "timeline-chart");
    assert!(chart.contains("<title>Articles per month</title>"));
    // June 2024 to January 2025: eight months, two with articles.
    assert_eq!(chart.matches("class=\"bar\"").count(), 2);
    assert_eq!(
        hrefs(chart),
        ["/entities/antony-blinken/page/2/#d-2024-06", "#d-2025-01"]
    );
    assert!(chart.contains("<title>June 2024: 1 article</title>"));
    assert!(page.contains("id=\"d-2025-01\""));
    let second = site.read("site/entities/antony-blinken/page/2/index.html");
    assert!(second.contains("id=\"d-2024-06\""));
    // The table says the same.
    assert!(page.contains("<tr><td>January 2025</td><td>3</td></tr>"));
}

#[test]
fn the_archive_has_the_timeline_of_every_article() {
    let site = Site::copy_of("basic");
    site.run(&["build"]).assert_ok();
    let archive = site.read("site/archive/index.html");
    let chart = svg_of(&archive, "timeline-chart");
    // December 2024 and January 2025; the year-only and the undated
    // article are counted apart.
    assert_eq!(chart.matches("class=\"bar\"").count(), 2);
    assert!(archive.contains("2 articles without a more precise date are not in the chart."));
    for href in hrefs(chart) {
        assert!(
            href.starts_with("#d-") || href.starts_with("/archive/page/"),
            "{href}"
        );
    }
}

#[test]
fn the_graph_page_is_linked_from_the_nav_and_the_entities_index() {
    let site = Site::copy_of("basic");
    site.run(&["build"]).assert_ok();
    let graph = site.read("site/graph/index.html");
    let network = svg_of(&graph, "graph network");
    let links = hrefs(network);
    assert!(links.contains(&"/entities/antony-blinken/"));
    assert!(links.iter().all(|l| l.starts_with("/entities/")));
    assert!(graph.contains("href=\"/graph/\" aria-current=\"page\""));
    assert!(graph.contains("<script src=\"/graph.js\" defer></script>"));
    assert!(site.root().join("site/graph.js").is_file());
    let index = site.read("site/entities/index.html");
    assert!(index.contains("<a href=\"/graph/\">All actors as a network</a>"));
    assert!(site
        .read("site/sitemap.xml")
        .contains("https://example.org/graph/"));
}

#[test]
fn charts_link_under_a_sub_path() {
    let site = site_with_older_article();
    site.run(&["build", "--base-url", "https://user.example.io/briefing/"])
        .assert_ok();
    let page = site.read("site/entities/antony-blinken/index.html");
    for link in hrefs(svg_of(&page, "graph neighbourhood")) {
        assert!(link.starts_with("/briefing/entities/"), "{link}");
    }
    assert!(hrefs(svg_of(&page, "timeline-chart"))
        .contains(&"/briefing/entities/antony-blinken/page/2/#d-2024-06"));
    let graph = site.read("site/graph/index.html");
    for link in hrefs(svg_of(&graph, "graph network")) {
        assert!(link.starts_with("/briefing/entities/"), "{link}");
    }
    assert!(graph.contains("src=\"/briefing/graph.js\""));
}
