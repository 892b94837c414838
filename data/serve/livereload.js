// briefing serve: live reload and error overlay.
// Added to HTML pages by the preview server only; never part of a built site.
(function () {
  "use strict";
  var OVERLAY_ID = "briefing-error-overlay";

  // Notes for the editor (`data-preview hidden` in a theme), shown in the
  // preview only: readers of the built site never see them.
  function showPreviewNotes() {
    document.querySelectorAll("[data-preview][hidden]").forEach(function (e) {
      e.hidden = false;
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showPreviewNotes);
  } else {
    showPreviewNotes();
  }

  function removeOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
  }

  function el(tag, style, text) {
    var e = document.createElement(tag);
    if (style) e.setAttribute("style", style);
    if (text !== undefined) e.textContent = text; // textContent: never parsed as HTML
    return e;
  }

  function showOverlay(errors) {
    removeOverlay();
    var box = el("div",
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);" +
      "color:#f4f4f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:2rem;");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alert");
    var n = errors.length;
    box.appendChild(el("h2", "margin:0 0 1rem;font-size:1.3rem;color:#fca5a5;",
      "briefing: " + n + (n === 1 ? " error" : " errors") + " — the last good version of the site is shown"));
    errors.forEach(function (e) {
      var item = el("section", "margin:0 0 1.5rem;padding:1rem;border-left:4px solid #ef4444;background:#27272a;");
      var where = e.file ? e.file + (e.line ? ":" + e.line + (e.column ? ":" + e.column : "") : "") : "";
      if (where) item.appendChild(el("div", "color:#93c5fd;font-weight:bold;", where));
      // The excerpt is the terminal's rendering: message, source line, help.
      if (e.excerpt) {
        item.appendChild(el("pre", "margin:.5rem 0;white-space:pre-wrap;color:#e4e4e7;", e.excerpt));
      } else {
        item.appendChild(el("div", "margin:.25rem 0;", e.message));
        if (e.help) item.appendChild(el("div", "color:#86efac;", "help: " + e.help));
      }
      box.appendChild(item);
    });
    box.appendChild(el("p", "color:#a1a1aa;", "Fix the file and save: this page updates by itself."));
    (document.body || document.documentElement).appendChild(box);
  }

  function swapStylesheets() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href, location.href);
      url.searchParams.set("briefing-reload", Date.now().toString());
      link.href = url.toString();
    });
  }

  var source = new EventSource("/__briefing/events");
  source.onmessage = function (event) {
    var msg;
    try { msg = JSON.parse(event.data); } catch (e) { return; }
    if (msg.type === "errors") {
      showOverlay(msg.errors || []);
    } else if (msg.type === "css") {
      removeOverlay();
      swapStylesheets();
    } else if (msg.type === "reload") {
      location.reload();
    } else if (msg.type === "ok") {
      removeOverlay();
    }
  };
})();
