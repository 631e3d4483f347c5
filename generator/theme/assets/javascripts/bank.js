// The question bank's filter: by kind, by principle, and questions with no story. Without it the page
// lists every question.
(function () {
  "use strict";
  var lb = window.loopbook;

  function setup() {
    var bar = lb.mount("lb-bank-filter");
    if (!bar) return;
    bar.hidden = false;
    var kind = bar.querySelector('[data-filter="kind"]');
    var principle = bar.querySelector('[data-filter="principle"]');
    var gaps = bar.querySelector('[data-filter="gaps"]');
    var count = bar.querySelector(".lb-count");
    var rows = Array.prototype.slice.call(document.querySelectorAll(".lb-q"));
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = (!kind.value || row.dataset.kind === kind.value) &&
          (!principle.value || row.dataset.principles.split(" ").indexOf(principle.value) >= 0) &&
          (!gaps.checked || row.dataset.answered === "no");
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown + " of " + rows.length + " questions";
    }
    [kind, principle, gaps].forEach(function (el) { el.addEventListener("change", apply); });
    apply();
  }

  lb.onPage(setup);
})();
