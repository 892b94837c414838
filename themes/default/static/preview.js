// Link previews of a briefing site: hovering, focusing or tapping an
// entity link shows a card with the entity's name, kind, the first sentence
// of its profile, its counts and when it was first and last mentioned, from
// the `card.json` the build wrote beside the entity's page.
//
// Keyboard: focusing a link shows its card, Escape hides it. Touch: the
// first tap shows the card, a second tap on the same link follows it. The
// card floats above the page (position: absolute), so nothing moves.
(function () {
  "use strict";
  if (!window.fetch) return;
  var card = null;
  var current = null;
  var tapped = null;
  var pointer = "mouse";
  var timer = 0;
  var cards = new Map();

  function link(el) {
    return el && el.closest ? el.closest("a.entity[href]") : null;
  }
  function cardUrl(a) {
    var url = new URL(a.getAttribute("href"), location.href);
    if (url.origin !== location.origin || !url.pathname.endsWith("/")) return null;
    return url.pathname + "card.json";
  }
  function get(url) {
    if (!cards.has(url)) {
      cards.set(url, fetch(url).then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return null; }));
    }
    return cards.get(url);
  }
  function element() {
    if (!card) {
      card = document.createElement("div");
      card.id = "entity-preview";
      card.setAttribute("role", "tooltip");
      card.hidden = true;
      card.addEventListener("mouseenter", function () { clearTimeout(timer); });
      card.addEventListener("mouseleave", hideSoon);
      document.body.appendChild(card);
    }
    return card;
  }
  function line(cls, text) {
    var p = document.createElement("p");
    p.className = cls;
    p.textContent = text;
    return p;
  }

  function show(a) {
    var url = cardUrl(a);
    if (!url) return;
    current = a;
    get(url).then(function (data) {
      if (current !== a || !data) return;
      var c = element();
      c.className = "entity-preview entity-preview-" + data.key;
      c.replaceChildren(line("preview-kind", data.kind), line("preview-name", data.name));
      if (data.text) c.appendChild(line("preview-text", data.text));
      c.appendChild(line("preview-counts", data.counts));
      if (data.seen) c.appendChild(line("preview-seen", data.seen));
      c.hidden = false;
      place(c, a);
      a.setAttribute("aria-describedby", c.id);
    });
  }
  // Below the link, or above it where the window ends; inside the window's width.
  function place(c, a) {
    var r = a.getBoundingClientRect();
    var width = c.offsetWidth, height = c.offsetHeight;
    var left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - width - 8));
    var top = r.bottom + 6;
    if (top + height > window.innerHeight && r.top - height - 6 > 0) top = r.top - height - 6;
    c.style.left = left + window.scrollX + "px";
    c.style.top = top + window.scrollY + "px";
  }
  function hide() {
    clearTimeout(timer);
    if (card) card.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    tapped = null;
  }
  function hideSoon() {
    clearTimeout(timer);
    timer = setTimeout(hide, 250);
  }

  document.addEventListener("pointerdown", function (e) { pointer = e.pointerType; }, true);
  document.addEventListener("mouseover", function (e) {
    var a = link(e.target);
    if (!a || pointer === "touch") return;
    clearTimeout(timer);
    if (a !== current) timer = setTimeout(function () { show(a); }, 200);
  });
  document.addEventListener("mouseout", function (e) {
    var a = link(e.target);
    if (a && !a.contains(e.relatedTarget) && pointer !== "touch") hideSoon();
  });
  document.addEventListener("focusin", function (e) {
    var a = link(e.target);
    if (a && pointer !== "touch") { clearTimeout(timer); show(a); }
  });
  document.addEventListener("focusout", function (e) {
    if (link(e.target) && pointer !== "touch") hideSoon();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && card && !card.hidden) hide();
  });
  document.addEventListener("click", function (e) {
    var a = link(e.target);
    if (pointer !== "touch") return;
    if (!a) { hide(); return; }
    if (tapped !== a && cardUrl(a)) {
      e.preventDefault();
      hide();
      tapped = a;
      show(a);
    }
  });
  window.addEventListener("resize", function () { if (current && card && !card.hidden) place(card, current); });
})();
