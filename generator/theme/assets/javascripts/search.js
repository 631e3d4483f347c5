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
    new window.PagefindUI({
      element: "#lb-search",
      // The index sits beside the pages; its path (and so each result's URL) follows the site's sub-path.
      bundlePath: new URL("pagefind/", lb.siteBase()).pathname,
      showImages: false,
      showEmptyFilters: false,
      excerptLength: 24,
      translations: { placeholder: "Search" }
    });
    listen(box, host);
  }

  // The toggle, the keys and the clicks that open and close the box.
  function listen(box, host) {
    var toggle = box.querySelector(".lb-search__toggle");
    function input() { return host.querySelector(".pagefind-ui__search-input"); }
    function open() {
      box.classList.add("lb-search--open");
      toggle.setAttribute("aria-expanded", "true");
      if (input()) input().focus();
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
      if (e.key === "Escape" && input()) { input().blur(); close(); }
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
