// Search: mounts Pagefind's UI (pagefind/pagefind-ui.js) in the header, and gives it Material's keys.
(function () {
  "use strict";
  var lb = window.loopbook;

  function editable(el) {
    return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  function setup() {
    var box = document.querySelector("[data-lb-search]");
    var host = box && typeof window.PagefindUI === "function" && lb.mount("lb-search");
    if (!host) return;
    listen(box, host);
    // The index sits beside the pages; its path (and so each result's URL) follows the site's sub-path.
    var bundle = new URL("pagefind/", lb.siteBase()).pathname;
    var ui = new window.PagefindUI({
      element: "#lb-search",
      bundlePath: bundle,
      showImages: false,
      showEmptyFilters: false,
      excerptLength: 24,
      translations: { placeholder: "Search" }
    });
    var parts = fetch(bundle + "parts.json")
      .then(function (r) { return r.ok ? r.json() : []; })
      .catch(function () { return []; });  // a site opened from files: one index, or none to merge
    host.addEventListener("focusin", function () { mergeParts(ui, host, bundle, parts); }, { once: true });
  }

  // A large site is indexed in parts (generator/engines/search.py), listed in parts.json (a few bytes,
  // asked for as the page loads). They are merged into the search the UI uses (Pagefind's module, one per
  // page and shared with the UI, whose WebAssembly they share) when the reader first comes to the box, so a
  // page nobody searches loads nothing more; words searched before every part was in are searched again
  // (setting the filters, even to none, is what makes the UI search the same words again).
  function mergeParts(ui, host, bundle, parts) {
    parts
      .then(function (list) {
        if (!Array.isArray(list) || !list.length) return;
        return import(bundle + "pagefind.js").then(function (pagefind) {
          return Promise.all(list.map(function (part) { return pagefind.mergeIndex(bundle + part); }));
        }).then(function () {
          var box = input(host);
          if (box && box.value.trim()) ui.triggerFilters({});
        });
      })
      .catch(function (e) { console.warn("loopbook: the search's further parts were not merged", e); });
  }

  function input(host) { return host.querySelector(".pagefind-ui__search-input"); }

  // The toggle, the keys and the clicks that open and close the box.
  function listen(box, host) {
    var toggle = box.querySelector(".lb-search__toggle");
    function open() {
      box.classList.add("lb-search--open");
      toggle.setAttribute("aria-expanded", "true");
      if (input(host)) input(host).focus();
    }
    function close() {
      box.classList.remove("lb-search--open");
      toggle.setAttribute("aria-expanded", "false");
    }
    toggle.addEventListener("click", function () {
      if (box.classList.contains("lb-search--open")) close(); else open();
    });
    // Material binds "/" and "s" to its search; the same keys open this one, unless the reader is typing.
    document.addEventListener("keydown", function (e) {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || editable(e.target)) return;
      if (e.key === "/" || e.key === "s" || e.key === "S") {
        e.preventDefault();
        open();
      }
    });
    host.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && input(host)) { input(host).blur(); close(); }
    });
    // A click elsewhere closes the results, as Material's box does.
    document.addEventListener("click", function (e) {
      if (!box.contains(e.target)) { box.classList.remove("lb-search--active"); close(); }
    });
    host.addEventListener("focusin", function () { box.classList.add("lb-search--active"); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
