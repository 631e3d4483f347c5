// Search from the keyboard, on top of the box search.js mounts (Pagefind's UI in the header): Enter in the box
// opens the first result, the arrow keys move through the results and back to the box, and a page opened with
// ?q=words opens the search with those words (e.g. a link from an alert: /?q=UnHealthyHostCount). main.html loads
// it after search.js.
(function () {
  "use strict";

  var INPUT = ".pagefind-ui__search-input";
  var LINK = ".pagefind-ui__result-link";

  function host() { return document.getElementById("lb-search"); }
  function links() { return Array.prototype.slice.call(host().querySelectorAll(LINK)); }
  function input() { return host().querySelector(INPUT); }

  // The first result, now or as soon as it is shown (the UI searches a moment after the last key); null if
  // none comes within a few seconds.
  function firstResult(then) {
    var found = links()[0];
    if (found) return then(found);
    var observer = new MutationObserver(function () {
      var first = links()[0];
      if (first) { observer.disconnect(); clearTimeout(giveUp); then(first); }
    });
    var giveUp = setTimeout(function () { observer.disconnect(); }, 5000);
    observer.observe(host(), { childList: true, subtree: true });
  }

  function onKey(e) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.isComposing) return;
    var box = input(), list = links(), at = list.indexOf(e.target);
    if (e.target === box && e.key === "Enter") {
      e.preventDefault();
      if (box.value.trim()) firstResult(function (a) { location.href = a.href; });
    } else if ((e.key === "ArrowDown" || e.key === "ArrowUp") && (e.target === box || at >= 0)) {
      if (!list.length) return;
      e.preventDefault();
      var next = e.target === box ? (e.key === "ArrowDown" ? 0 : list.length - 1) : at + (e.key === "ArrowDown" ? 1 : -1);
      if (next < 0 || next >= list.length) box.focus();
      else { list[next].focus(); list[next].scrollIntoView({ block: "nearest" }); }
    }
  }

  // The words of ?q= typed into the box, as a reader would: the UI hears the input event and searches.
  function fromQuery() {
    var words = new URLSearchParams(location.search).get("q");
    var box = input();
    if (!words || !box) return;
    var toggle = document.querySelector(".lb-search__toggle");
    if (toggle && toggle.getAttribute("aria-expanded") !== "true" && getComputedStyle(toggle).display !== "none") toggle.click();
    box.value = words;
    box.dispatchEvent(new Event("input", { bubbles: true }));
    box.focus();
    document.querySelector("[data-lb-search]").classList.add("lb-search--active");
  }

  function setup(tries) {
    var root = host();
    if (!root || root.dataset.keys) return;
    // search.js mounts the UI as the page loads, just before this; without Pagefind's UI there is nothing to add to.
    if (!input()) { if (tries < 100) setTimeout(function () { setup(tries + 1); }, 50); return; }
    root.dataset.keys = "1";
    root.addEventListener("keydown", onKey, true);  // before the UI's own handling of the keys
    fromQuery();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { setup(0); });
  else setup(0);
})();
