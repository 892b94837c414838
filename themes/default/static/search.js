// The search page of a briefing site. It answers queries in the browser
// from the static index the build wrote (search/, see the module
// docs of briefing's `render::search`), loading only the chunks a query
// needs: the index's first keys, the term chunks of the query's words, and
// the document chunks of the results shown.
//
// Words are cut, folded and stemmed exactly as the build did (the folding
// table comes with the index), so "Pjongjang" finds "Pjöngjang",
// "Strasse" finds "Straße" and "Russlands" finds "Russland".
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form || !window.fetch) return;
  var root = form.getAttribute("data-index");
  var version = "?v=" + encodeURIComponent(form.getAttribute("data-version") || "");
  var input = form.elements.q;
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var box = form.querySelector(".search-filters");
  var FILTERS = { kind: "k", year: "y", source: "s", tag: "t", entity: "e" };
  var PAGE = 10;
  var MAX_WORD = 40;
  var files = new Map();
  var meta = null;
  var fold = {};
  var entities = null;
  var run = 0;
  var hits = [];
  var shown = 0;
  var terms = null;

  function load(path) {
    if (!files.has(path)) {
      files.set(path, fetch(root + path + version).then(function (r) {
        if (!r.ok) throw new Error(root + path + ": HTTP " + r.status);
        return r.json();
      }));
    }
    return files.get(path);
  }

  // Words: runs of letters and digits, lowercased letter by letter, folded,
  // cut at 40 characters, stemmed; one letter alone is no word.
  var RUN = /[\p{Alphabetic}\p{N}]+/gu;
  function foldRun(run) {
    var out = "";
    for (var c of run) {
      for (var l of c.toLowerCase()) out += fold[l] !== undefined ? fold[l] : l;
    }
    var chars = Array.from(out);
    return chars.length > MAX_WORD ? chars.slice(0, MAX_WORD).join("") : out;
  }
  // Words with a character from U+E000 up are not in the index.
  function isWord(run, folded) {
    return (Array.from(run).length >= 2 || /[0-9]/.test(folded)) && !/[\uD800-\uDFFF\uE000-\uFFFF]/.test(folded);
  }
  function stem(w) {
    if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
    if (w.length > 4 && w.endsWith("ies")) return w.slice(0, -3) + "y";
    while (w.length > 3) {
      if (w.length > 5 && /(em|er|nd)$/.test(w)) w = w.slice(0, -2);
      else if (/[esn]$/.test(w)) w = w.slice(0, -1);
      else break;
    }
    return w;
  }
  // The words of a text: [{word (folded), stem, start, end}].
  function words(text) {
    var out = [];
    RUN.lastIndex = 0;
    var m;
    while ((m = RUN.exec(text))) {
      var folded = foldRun(m[0]);
      if (isWord(m[0], folded)) {
        out.push({ word: folded, stem: stem(folded), start: m.index, end: m.index + m[0].length });
      }
    }
    return out;
  }

  // The term chunk holding `key`: the last whose first key is not after it.
  function chunkOf(key) {
    var lo = 0, hi = meta.chunks.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (meta.chunks[mid] <= key) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  function chunk(n) { return load("t/" + n + ".json"); }

  // The postings of `key`, or null: a Map doc → weight.
  function postings(key) {
    return chunk(chunkOf(key)).then(function (entries) {
      var found = entries.find(function (e) { return e[0] === key; });
      return found ? decode(found[1], key.charAt(0) !== "!") : null;
    });
  }
  function decode(list, weighted) {
    var docs = new Map(), doc = 0;
    for (var i = 0; i < list.length; i += weighted ? 2 : 1) {
      doc += list[i];
      docs.set(doc, weighted ? list[i + 1] : 0);
    }
    return docs;
  }
  // The keys starting with `prefix` (other than `prefix` itself), from at
  // most three chunks, with their postings.
  function withPrefix(prefix) {
    var first = chunkOf(prefix), last = Math.min(chunkOf(prefix + "\uffff"), first + 2);
    var loads = [];
    for (var n = first; n <= last; n++) loads.push(chunk(n));
    return Promise.all(loads).then(function (chunks) {
      var out = [];
      chunks.forEach(function (entries) {
        entries.forEach(function (e) {
          if (e[0] !== prefix && e[0].startsWith(prefix)) out.push(decode(e[1], true));
        });
      });
      return out;
    });
  }

  function idf(n) { return Math.log(1 + (meta.docs - n + 0.5) / (n + 0.5)); }

  // One query word: doc → {score, name}. The word's stem matches exactly;
  // the last word of a query also matches as the start of longer words.
  function matchWord(w, prefix) {
    return Promise.all([postings(w.stem), prefix && w.word.length >= 3 ? withPrefix(w.word) : []])
      .then(function (r) {
        var out = new Map();
        function add(docs, factor) {
          var weight = idf(docs.size) * factor;
          docs.forEach(function (wt, doc) {
            var score = weight * (wt & 63) / 61;
            var seen = out.get(doc);
            if (!seen) out.set(doc, { score: score, name: (wt & 64) !== 0 });
            else { seen.score = Math.max(seen.score, score); seen.name = seen.name || (wt & 64) !== 0; }
          });
        }
        if (r[0]) add(r[0], 1);
        r[1].forEach(function (docs) { add(docs, 0.7); });
        return out;
      });
  }

  function activeFilters() {
    var out = [];
    Object.keys(FILTERS).forEach(function (name) {
      var value = currentFilter(name);
      if (value) out.push("!" + FILTERS[name] + ":" + value);
    });
    return out;
  }
  function currentFilter(name) {
    var field = form.elements[name];
    if (!field) return "";
    if (name !== "entity") return field.value;
    var value = field.value.trim();
    if (!value) return "";
    var slug = field.getAttribute("data-slug");
    if (slug && field.getAttribute("data-name") === value) return slug;
    if (entities) {
      var hit = entities.find(function (e) { return e[1] === value || e[0] === value; });
      if (hit) return hit[0];
    }
    return value;
  }

  // A search; an entity named in the filter is looked up by name first.
  function search() {
    var id = ++run;
    var started = performance.now();
    var field = form.elements.entity;
    var named = field && field.value.trim() && !entities;
    return (named ? ready.then(loadEntities) : Promise.resolve()).then(function () {
      if (id === run) return searchNow(id, started);
    });
  }

  function searchNow(id, started) {
    var q = input.value;
    var qwords = words(q);
    var filters = activeFilters();
    syncUrl(q);
    if (!qwords.length && !filters.length) {
      hits = []; shown = 0; terms = null;
      list.replaceChildren();
      more.hidden = true;
      say(form.getAttribute("data-hint"));
      form.setAttribute("data-state", "idle");
      return Promise.resolve();
    }
    form.setAttribute("data-state", "searching");
    var typing = q.length > 0 && !/\s$/.test(q);
    return ready.then(function () {
      var lookups = qwords.map(function (w, i) { return matchWord(w, typing && i === qwords.length - 1); });
      var filterLookups = filters.map(postings);
      return Promise.all([Promise.all(lookups), Promise.all(filterLookups)]);
    }).then(function (r) {
      if (id !== run) return;
      var matches = r[0], filterSets = r[1];
      var scored = new Map();
      if (matches.length) {
        matches[0].forEach(function (m, doc) { scored.set(doc, { score: m.score, names: m.name ? 1 : 0 }); });
        for (var i = 1; i < matches.length; i++) {
          scored.forEach(function (s, doc) {
            var m = matches[i].get(doc);
            if (!m) scored.delete(doc);
            else { s.score += m.score; s.names += m.name ? 1 : 0; }
          });
        }
      } else if (filterSets[0]) {
        filterSets[0].forEach(function (_, doc) { scored.set(doc, { score: 0, names: 0 }); });
      }
      filterSets.forEach(function (set) {
        scored.forEach(function (_, doc) { if (!set || !set.has(doc)) scored.delete(doc); });
      });
      // An entity whose name holds every word of the query comes first.
      var all = matches.length;
      hits = [];
      scored.forEach(function (s, doc) {
        var score = s.score + (doc < meta.entities && all && s.names === all ? 1000 : 0);
        hits.push([doc, score]);
      });
      hits.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      terms = qwords;
      terms.prefix = typing && qwords.length ? qwords[qwords.length - 1].word : null;
      shown = 0;
      list.replaceChildren();
      return showMore(id).then(function () {
        if (id !== run) return;
        var ms = performance.now() - started;
        window.briefingSearch.last = { query: q, results: hits.length, ms: ms };
        say(hits.length ? count(hits.length) : form.getAttribute("data-none"));
        form.setAttribute("data-state", "done");
      });
    }).catch(function (e) {
      if (id !== run) return;
      say(form.getAttribute("data-error"));
      form.setAttribute("data-state", "error");
      throw e;
    });
  }

  function count(n) {
    return (n === 1 ? form.getAttribute("data-one") : form.getAttribute("data-many"))
      .replace("{n}", n.toLocaleString(document.documentElement.lang || undefined));
  }
  function say(text) { status.textContent = text; }

  function showMore(id) {
    var page = hits.slice(shown, shown + PAGE);
    shown += page.length;
    more.hidden = shown >= hits.length;
    return Promise.all(page.map(function (h) {
      return load("d/" + Math.floor(h[0] / meta.docChunk) + ".json").then(function (docs) {
        return docs[h[0] % meta.docChunk];
      });
    })).then(function (docs) {
      if (id !== run) return;
      docs.forEach(function (doc) { list.appendChild(result(doc)); });
    });
  }

  function result(doc) {
    var li = document.createElement("li");
    var entity = doc.k !== "article";
    li.className = "search-result search-result-" + doc.k + (entity ? " search-result-entity" : "");
    var a = document.createElement("a");
    a.className = "search-result-title";
    a.href = doc.u;
    a.textContent = doc.t;
    li.appendChild(a);
    var facts = [doc.s, doc.d].filter(Boolean);
    if (facts.length) {
      var p = document.createElement("p");
      p.className = "search-result-meta";
      p.textContent = facts.join(" · ");
      li.appendChild(p);
    }
    if (doc.x) {
      var x = document.createElement("p");
      x.className = "search-result-excerpt";
      excerpt(doc.x, x);
      li.appendChild(x);
    }
    return li;
  }

  // About 30 words of `text` around its first hit, hits marked.
  function excerpt(text, into) {
    var ws = words(text);
    var stems = new Set((terms || []).map(function (w) { return w.stem; }));
    var prefix = terms && terms.prefix;
    function hit(w) { return stems.has(w.stem) || (prefix && prefix.length >= 3 && w.word.startsWith(prefix)); }
    var first = ws.findIndex(hit);
    var from = first > 10 ? first - 10 : 0;
    var to = Math.min(ws.length, from + 32);
    var start = from > 0 ? ws[from].start : 0;
    var end = to < ws.length ? ws[to - 1].end : text.length;
    if (from > 0) into.append("… ");
    var at = start;
    for (var i = from; i < to; i++) {
      if (!hit(ws[i])) continue;
      into.append(text.slice(at, ws[i].start));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(ws[i].start, ws[i].end);
      into.appendChild(mark);
      at = ws[i].end;
    }
    into.append(text.slice(at, end) + (end < text.length && !text.slice(0, end).endsWith("…") ? " …" : ""));
  }

  function syncUrl(q) {
    var params = new URLSearchParams();
    if (q) params.set("q", q);
    Object.keys(FILTERS).forEach(function (name) {
      var value = currentFilter(name);
      if (value) params.set(name, value);
    });
    var query = params.toString();
    var url = location.pathname + (query ? "?" + query : "");
    if (url !== location.pathname + location.search) history.replaceState(null, "", url);
  }

  function fill(select, values) {
    if (!select) return;
    values.forEach(function (v) {
      var option = document.createElement("option");
      option.value = v[0];
      option.textContent = v[1] + " (" + v[2].toLocaleString(document.documentElement.lang || undefined) + ")";
      select.appendChild(option);
    });
  }

  var entitiesLoaded = null;
  function loadEntities() {
    if (!entitiesLoaded) {
      entitiesLoaded = load("entities.json").then(function (list) {
        entities = list;
        var datalist = document.getElementById("search-entities");
        list.forEach(function (e) {
          var option = document.createElement("option");
          option.value = e[1];
          datalist.appendChild(option);
        });
        return list;
      });
    }
    return entitiesLoaded;
  }

  var params = new URLSearchParams(location.search);
  var ready = load("index.json").then(function (m) {
    meta = m;
    fold = m.fold;
    fill(form.elements.kind, m.facets.kind);
    fill(form.elements.year, m.facets.year);
    fill(form.elements.source, m.facets.source);
    fill(form.elements.tag, m.facets.tag);
    Object.keys(FILTERS).forEach(function (name) {
      var value = params.get(name);
      if (value && form.elements[name]) form.elements[name].value = value;
    });
    var slug = params.get("entity");
    if (slug) {
      return loadEntities().then(function (list) {
        var e = list.find(function (e) { return e[0] === slug; });
        if (e) {
          var field = form.elements.entity;
          field.value = e[1];
          field.setAttribute("data-slug", e[0]);
          field.setAttribute("data-name", e[1]);
        }
      });
    }
  });
  ready.catch(function () {
    say(form.getAttribute("data-error"));
    form.setAttribute("data-state", "error");
  });

  window.briefingSearch = { last: null, words: words, search: search };
  box.hidden = false;
  // The filters are open on wide screens, and wherever one is set.
  box.open = window.matchMedia("(min-width: 36rem)").matches ||
    Object.keys(FILTERS).some(function (name) { return params.get(name); });
  input.value = params.get("q") || "";
  var timer;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 120);
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); search(); });
  form.addEventListener("change", function (e) {
    if (e.target !== input) search();
  });
  form.elements.entity.addEventListener("focus", loadEntities, { once: true });
  more.addEventListener("click", function () {
    var id = run;
    showMore(id).then(function () {
      var next = list.children[shown - PAGE] || list.lastElementChild;
      if (next) next.querySelector("a").focus();
    });
  });
  if (input.value || activeFilters().length || params.get("entity")) ready.then(search);
  else form.setAttribute("data-state", "idle");
  if (!params.get("q")) input.focus();
})();
