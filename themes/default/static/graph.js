/* briefing: progressive enhancement of the network page (graph.html).
   Pointing at or focusing an entity highlights its connections; the legend
   becomes buttons that show or hide each kind. Without this script the
   graph is a plain SVG in which every entity is a link. */
(function () {
  "use strict";
  var svg = document.querySelector("svg.network");
  var legend = document.querySelector(".graph-legend");
  if (!svg) return;
  var nodes = Array.prototype.slice.call(svg.querySelectorAll("a.node"));
  var edges = Array.prototype.slice.call(svg.querySelectorAll(".edge"));
  var kindOf = {};
  var hidden = {};

  function classMatch(el, re) {
    var m = re.exec(el.getAttribute("class") || "");
    return m ? m[1] : null;
  }
  nodes.forEach(function (a) {
    kindOf[classMatch(a, /\bn(\d+)\b/)] = classMatch(a, /\bnode-(?!centre)(\w+)\b/);
  });
  function ends(edge) {
    var m = (edge.getAttribute("class") || "").match(/\be(\d+)\b/g) || [];
    return m.map(function (s) { return s.slice(1); });
  }

  function highlight(index) {
    svg.classList.toggle("focus", index !== null);
    edges.forEach(function (e) {
      e.classList.toggle("on", index !== null && ends(e).indexOf(index) >= 0);
    });
  }
  nodes.forEach(function (a) {
    var index = classMatch(a, /\bn(\d+)\b/);
    a.addEventListener("mouseenter", function () { highlight(index); });
    a.addEventListener("mouseleave", function () { highlight(null); });
    a.addEventListener("focus", function () { highlight(index); });
    a.addEventListener("blur", function () { highlight(null); });
  });

  function filter() {
    nodes.forEach(function (a) {
      a.classList.toggle("off", !!hidden[kindOf[classMatch(a, /\bn(\d+)\b/)]]);
    });
    edges.forEach(function (e) {
      var off = ends(e).some(function (i) { return hidden[kindOf[i]]; });
      e.classList.toggle("off", off);
    });
  }
  if (!legend) return;
  Array.prototype.forEach.call(legend.querySelectorAll("li[data-kind]"), function (li) {
    var kind = li.getAttribute("data-kind");
    var button = document.createElement("button");
    button.type = "button";
    button.setAttribute("aria-pressed", "true");
    while (li.firstChild) button.appendChild(li.firstChild);
    li.appendChild(button);
    button.addEventListener("click", function () {
      hidden[kind] = !hidden[kind];
      button.setAttribute("aria-pressed", hidden[kind] ? "false" : "true");
      filter();
    });
  });
  legend.classList.add("interactive");
})();
