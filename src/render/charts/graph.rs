//! Graphs of entities: an entity's neighbourhood ([`neighbourhood`]) and
//! the network of a site's most named entities ([`network`]).
//!
//! Both layouts are fixed by the order of the nodes, so the same site gives
//! the same picture: the neighbourhood puts the entity in the centre and its
//! co-mentioned entities on a ring, clockwise from the top by rank; the
//! network puts every node on one circle, kind by kind (a gap between
//! kinds), with its name written outward along the radius, so that even a
//! hundred names do not overlap, and draws each co-mention as a curve
//! bowed toward the centre. A node's area grows with its article count
//! (the radius with its square root); an edge's width with its shared
//! articles. Each node is a link to the entity's page, with a `<title>`
//! naming it, and has the classes `node node-<kind>` for the theme's
//! colours.

use std::borrow::Cow;
use std::f64::consts::{FRAC_PI_2, TAU};

use super::{shorten, Svg};

/// An entity to draw.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    pub name: &'a str,
    /// The entity's page.
    pub url: &'a str,
    /// `person`, `country`, … (the class `node-<kind>` colours it).
    pub kind: &'static str,
    /// Articles naming it: the node's area.
    pub count: usize,
    /// The node's `<title>`: "Antony Blinken, 12 articles".
    pub title: Cow<'a, str>,
}

/// Two entities named together in `weight` articles (indexes into the nodes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    pub a: usize,
    pub b: usize,
    pub weight: usize,
}

/// A node's radius for `count` articles, where the largest node has `max`:
/// its area is proportional to the count.
fn radius(count: usize, max: usize, smallest: f64, largest: f64) -> f64 {
    let share = (count as f64 / max.max(1) as f64).clamp(0.0, 1.0);
    smallest + (largest - smallest) * share.sqrt()
}

/// An edge's stroke width for `weight` shared articles of at most `max`.
fn stroke(weight: usize, max: usize, thinnest: f64, thickest: f64) -> f64 {
    let share = (weight as f64 / max.max(1) as f64).clamp(0.0, 1.0);
    thinnest + (thickest - thinnest) * share.sqrt()
}

/// The opening of a node: a link with its classes and its title.
fn open_node(svg: &mut Svg, node: &Node, extra: &str) {
    svg.raw("<a class=\"node node-")
        .raw(node.kind)
        .raw(extra)
        .raw("\" href=\"")
        .text(node.url)
        .raw("\"><title>")
        .text(&node.title)
        .raw("</title>");
}

/// A node's circle.
fn circle(svg: &mut Svg, x: f64, y: f64, r: f64) {
    svg.raw("<circle cx=\"")
        .num(x)
        .raw("\" cy=\"")
        .num(y)
        .raw("\" r=\"")
        .num(r)
        .raw("\"/>");
}

/// The neighbourhood's size in user units.
const HOOD_WIDTH: f64 = 720.0;
const HOOD_HEIGHT: f64 = 440.0;
/// The ring the neighbours are on.
const HOOD_RING: f64 = 165.0;
/// The longest name drawn beside a neighbour: what fits between the ring
/// and the edge of the drawing at 12 px.
const HOOD_LABEL_CHARS: usize = 24;

/// The neighbourhood of `nodes[0]`: it in the centre, `nodes[1..]` (by
/// rank) on a ring around it, clockwise from the top. `edges` join any two
/// nodes: those from the centre are drawn as wide as their weight, those
/// between neighbours thin and faint.
pub fn neighbourhood(nodes: &[Node], edges: &[Edge], title: &str) -> String {
    let mut svg = Svg::with_capacity(600 + nodes.len() * 300 + edges.len() * 30);
    svg.raw("<svg class=\"chart graph neighbourhood\" viewBox=\"0 0 ")
        .num(HOOD_WIDTH)
        .raw(" ")
        .num(HOOD_HEIGHT)
        .raw("\" width=\"")
        .num(HOOD_WIDTH)
        .raw("\" height=\"")
        .num(HOOD_HEIGHT)
        .raw("\"><title>")
        .text(title)
        .raw("</title>");
    let (cx, cy) = (HOOD_WIDTH / 2.0, HOOD_HEIGHT / 2.0);
    let around = nodes.len().saturating_sub(1).max(1) as f64;
    // Half a step past the top, so that no name stands above another.
    let angle = |i: usize| -FRAC_PI_2 + (i as f64 - 0.5) * TAU / around;
    let places: Vec<(f64, f64)> = (0..nodes.len())
        .map(|i| {
            if i == 0 {
                (cx, cy)
            } else {
                let a = angle(i);
                (cx + HOOD_RING * a.cos(), cy + HOOD_RING * a.sin())
            }
        })
        .collect();
    let max_count = nodes.iter().map(|n| n.count).max().unwrap_or(1);
    let max_weight = edges.iter().map(|e| e.weight).max().unwrap_or(1);
    svg.raw("<g class=\"edges\">");
    // Edges between neighbours first, under those from the centre, all in
    // one path of one width: they show which neighbours go together, and
    // one path for all keeps the page small.
    let between: Vec<&Edge> = edges.iter().filter(|e| e.a != 0 && e.b != 0).collect();
    if !between.is_empty() {
        svg.raw("<path class=\"edge edge-between\" d=\"");
        for e in between {
            let ((x1, y1), (x2, y2)) = (places[e.a], places[e.b]);
            svg.raw("M").num(x1).raw(" ").num(y1);
            svg.raw("L").num(x2).raw(" ").num(y2);
        }
        svg.raw("\"/>");
    }
    let mut from_centre: Vec<&Edge> = edges.iter().filter(|e| e.a == 0 || e.b == 0).collect();
    from_centre.sort_by_key(|e| e.weight);
    for e in from_centre {
        let ((x1, y1), (x2, y2)) = (places[e.a], places[e.b]);
        svg.raw("<path class=\"edge\" d=\"M")
            .num(x1)
            .raw(" ")
            .num(y1)
            .raw("L")
            .num(x2)
            .raw(" ")
            .num(y2)
            .raw("\" stroke-width=\"")
            .num(stroke(e.weight, max_weight, 0.8, 6.0))
            .raw("\"/>");
    }
    svg.raw("</g>");
    for (i, node) in nodes.iter().enumerate() {
        let (x, y) = places[i];
        let r = radius(node.count, max_count, 5.0, 22.0);
        open_node(&mut svg, node, if i == 0 { " node-centre" } else { "" });
        circle(&mut svg, x, y, r);
        let (lx, ly, anchor) = if i == 0 {
            (x, y + r + 15.0, "middle")
        } else {
            let a = angle(i);
            let (ux, uy) = (a.cos(), a.sin());
            let (lx, ly) = (x + (r + 6.0) * ux, y + (r + 6.0) * uy);
            if ux > 0.1 {
                (lx, ly + 4.0, "start")
            } else if ux < -0.1 {
                (lx, ly + 4.0, "end")
            } else if uy < 0.0 {
                (lx, ly - 2.0, "middle")
            } else {
                (lx, ly + 11.0, "middle")
            }
        };
        svg.raw("<text x=\"")
            .num(lx)
            .raw("\" y=\"")
            .num(ly)
            .raw("\" text-anchor=\"")
            .raw(anchor)
            .raw("\">")
            .text(&shorten(node.name, HOOD_LABEL_CHARS))
            .raw("</text></a>");
    }
    svg.raw("</svg>");
    svg.finish()
}

/// The network's size in user units: a circle of names written outward.
const NET_SIZE: f64 = 1000.0;
const NET_RING: f64 = 300.0;
/// Empty slots on the circle between two kinds.
const NET_KIND_GAP: usize = 2;
/// The longest name drawn on the network: what fits between the circle and
/// the edge of the drawing at 11 px.
const NET_LABEL_CHARS: usize = 26;
/// How far toward the middle of its ends an edge's curve is pulled from the
/// centre (0: through the centre, 1: a straight line).
const NET_BOW: f64 = 0.3;

/// The network of `nodes`, in drawing order (the caller groups them by
/// kind): all on one circle, clockwise from the top, with a gap where the
/// kind changes. A node's link has the class `n<index>` and each edge
/// `e<a> e<b>`, so that a script can pick out a node's edges.
pub fn network(nodes: &[Node], edges: &[Edge], title: &str) -> String {
    let mut svg = Svg::with_capacity(600 + nodes.len() * 360 + edges.len() * 110);
    svg.raw("<svg class=\"chart graph network\" viewBox=\"0 0 ")
        .num(NET_SIZE)
        .raw(" ")
        .num(NET_SIZE)
        .raw("\" width=\"")
        .num(NET_SIZE)
        .raw("\" height=\"")
        .num(NET_SIZE)
        .raw("\"><title>")
        .text(title)
        .raw("</title>");
    let c = NET_SIZE / 2.0;
    // Each node's slot on the circle, with gaps between kinds.
    let mut slots = Vec::with_capacity(nodes.len());
    let mut slot = 0;
    for (i, node) in nodes.iter().enumerate() {
        if i > 0 && nodes[i - 1].kind != node.kind {
            slot += NET_KIND_GAP;
        }
        slots.push(slot);
        slot += 1;
    }
    let kinds = nodes.windows(2).filter(|w| w[0].kind != w[1].kind).count();
    let total = (slot + if kinds > 0 { NET_KIND_GAP } else { 0 }).max(1) as f64;
    let angle = |i: usize| -FRAC_PI_2 + (slots[i] as f64 + 0.5) * TAU / total;
    let place = |i: usize| {
        let a = angle(i);
        (c + NET_RING * a.cos(), c + NET_RING * a.sin())
    };
    let max_count = nodes.iter().map(|n| n.count).max().unwrap_or(1);
    let max_weight = edges.iter().map(|e| e.weight).max().unwrap_or(1);
    svg.raw("<g class=\"edges\">");
    let mut ordered: Vec<&Edge> = edges.iter().collect();
    ordered.sort_by_key(|e| (e.weight, e.a, e.b));
    for e in ordered {
        let ((x1, y1), (x2, y2)) = (place(e.a), place(e.b));
        let (qx, qy) = (
            c + ((x1 + x2) / 2.0 - c) * NET_BOW,
            c + ((y1 + y2) / 2.0 - c) * NET_BOW,
        );
        svg.raw("<path class=\"edge e")
            .int(e.a as u64)
            .raw(" e")
            .int(e.b as u64)
            .raw("\" d=\"M")
            .num(x1)
            .raw(" ")
            .num(y1)
            .raw("Q")
            .num(qx)
            .raw(" ")
            .num(qy)
            .raw(" ")
            .num(x2)
            .raw(" ")
            .num(y2)
            .raw("\" stroke-width=\"")
            .num(stroke(e.weight, max_weight, 0.6, 4.0))
            .raw("\"/>");
    }
    svg.raw("</g>");
    for (i, node) in nodes.iter().enumerate() {
        let (x, y) = place(i);
        let r = radius(node.count, max_count, 3.0, 14.0);
        open_node(&mut svg, node, &format!(" n{i}"));
        circle(&mut svg, x, y, r);
        // Written outward along the radius; on the left half turned round,
        // so that no name is upside down.
        let a = angle(i);
        let (lx, ly) = (x + (r + 5.0) * a.cos(), y + (r + 5.0) * a.sin());
        let left = a.cos() < -1e-9;
        let (turn, anchor) = if left {
            (a.to_degrees() + 180.0, "end")
        } else {
            (a.to_degrees(), "start")
        };
        svg.raw("<text x=\"")
            .num(lx)
            .raw("\" y=\"")
            .num(ly)
            .raw("\" dy=\"0.35em\" text-anchor=\"")
            .raw(anchor)
            .raw("\" transform=\"rotate(")
            .num(turn)
            .raw(" ")
            .num(lx)
            .raw(" ")
            .num(ly)
            .raw(")\">")
            .text(&shorten(node.name, NET_LABEL_CHARS))
            .raw("</text></a>");
    }
    svg.raw("</svg>");
    svg.finish()
}

#[cfg(test)]
mod tests {
    use super::super::tests::num;
    use super::*;

    fn node(name: &'static str, kind: &'static str, count: usize) -> Node<'static> {
        let url = format!("/sub/entities/{}/", name.to_lowercase().replace(' ', "-"));
        Node {
            name,
            url: Box::leak(url.into_boxed_str()),
            kind,
            count,
            title: format!("{name}, {count} articles").into(),
        }
    }

    fn hood() -> (Vec<Node<'static>>, Vec<Edge>) {
        let nodes = vec![
            node("Antony Blinken", "person", 12),
            node("North Korea", "country", 30),
            node("Seoul", "city", 4),
            node("United Nations", "organization", 1),
        ];
        let edges = vec![
            Edge {
                a: 0,
                b: 1,
                weight: 8,
            },
            Edge {
                a: 0,
                b: 2,
                weight: 3,
            },
            Edge {
                a: 0,
                b: 3,
                weight: 1,
            },
            Edge {
                a: 1,
                b: 2,
                weight: 2,
            },
        ];
        (nodes, edges)
    }

    #[test]
    fn a_graph_links_every_node_to_its_entity_page() {
        let (nodes, edges) = hood();
        for svg in [
            neighbourhood(&nodes, &edges, "Around Antony Blinken"),
            network(&nodes, &edges, "Network"),
        ] {
            for n in &nodes {
                let link = format!("href=\"{}\"><title>{}</title>", n.url, n.title);
                assert!(svg.contains(&link), "{link} in {svg}");
            }
            assert_eq!(svg.matches("<a ").count(), nodes.len());
            assert_eq!(svg.matches("</a>").count(), nodes.len());
        }
    }

    #[test]
    fn a_graph_colours_nodes_by_kind_and_marks_the_centre() {
        let (nodes, edges) = hood();
        let svg = neighbourhood(&nodes, &edges, "x");
        assert!(svg.contains("class=\"node node-person node-centre\""));
        assert!(svg.contains("class=\"node node-organization\""));
        assert_eq!(svg.matches("class=\"edge edge-between\"").count(), 1);
        assert_eq!(
            svg.matches("<path class=\"edge\"").count(),
            3,
            "one per neighbour"
        );
        assert!(svg.starts_with("<svg class=\"chart graph neighbourhood\""));
        assert!(svg.contains("<title>x</title>"));
    }

    #[test]
    fn a_node_area_grows_with_its_article_count() {
        assert_eq!(radius(100, 100, 5.0, 22.0), 22.0);
        assert_eq!(radius(0, 100, 5.0, 22.0), 5.0);
        // A quarter of the articles: half the radius above the smallest.
        assert_eq!(radius(25, 100, 0.0, 20.0), 10.0);
    }

    #[test]
    fn the_neighbourhood_puts_the_centre_in_the_middle_and_the_first_neighbour_top_right() {
        let (nodes, edges) = hood();
        let svg = neighbourhood(&nodes, &edges, "x");
        let centre = format!(
            "<circle cx=\"360\" cy=\"220\" r=\"{}\"/>",
            num(radius(12, 30, 5.0, 22.0))
        );
        assert!(svg.contains(&centre), "{svg}");
        // Three neighbours: the first 60° clockwise from the top.
        let x = 360.0 + 165.0 * (-FRAC_PI_2 + 0.5 * TAU / 3.0).cos();
        let y = 220.0 + 165.0 * (-FRAC_PI_2 + 0.5 * TAU / 3.0).sin();
        assert!(svg.contains(&format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"22\"/>",
            num(x),
            num(y)
        )));
    }

    #[test]
    fn graph_labels_are_escaped_and_shortened() {
        let nodes = vec![
            node("A & B", "organization", 2),
            node(
                "Internationale Atomenergiebehörde der Vereinten Nationen",
                "organization",
                1,
            ),
        ];
        let svg = neighbourhood(&nodes, &[], "<x>");
        assert!(svg.contains(">A &amp; B</text>"));
        assert!(svg.contains("<title>&lt;x&gt;</title>"));
        assert!(svg.contains(">Internationale Atomener…</text>"));
    }

    #[test]
    fn the_network_turns_names_on_the_left_half_upright() {
        let nodes = vec![node("Right", "person", 1), node("Left", "person", 1)];
        let svg = network(&nodes, &[], "x");
        // Two nodes: the first at 90° (right of the top), the second at 270°.
        let right = svg.find(">Right</text>").unwrap();
        let left = svg.find(">Left</text>").unwrap();
        assert!(svg[..right].rfind("text-anchor=\"start\"").is_some());
        assert!(svg[right..left].contains("text-anchor=\"end\""));
    }

    #[test]
    fn a_network_leaves_a_gap_between_kinds() {
        let nodes = vec![
            node("A", "person", 1),
            node("B", "person", 1),
            node("C", "country", 1),
        ];
        let edges = [Edge {
            a: 0,
            b: 2,
            weight: 1,
        }];
        let svg = network(&nodes, &edges, "x");
        // Slots 0, 1, then 4 of 7 in all.
        assert!(svg.contains("class=\"edge e0 e2\""));
        assert!(svg.contains("class=\"node node-country n2\""));
        let angle = -FRAC_PI_2 + 4.5 * TAU / 7.0;
        let x = 500.0 + 300.0 * angle.cos();
        assert!(svg.contains(&format!("<circle cx=\"{}\"", num(x))));
    }

    #[test]
    fn the_same_graph_is_drawn_the_same_way_twice() {
        let (nodes, edges) = hood();
        assert_eq!(network(&nodes, &edges, "x"), network(&nodes, &edges, "x"));
        assert_eq!(
            neighbourhood(&nodes, &edges, "x"),
            neighbourhood(&nodes, &edges, "x")
        );
    }
}
