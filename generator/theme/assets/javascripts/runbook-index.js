// The runbook index's filter: by severity, by service and by words (a title, a service, an owner). Without it
// the page is the tables by severity, each with its Service column.
(function () {
  "use strict";
  var lb = window.loopbook;


  function setup() {
    var bar = lb.mount("lb-runbook-filter");
    if (!bar) return;
    bar.hidden = false;
    var words = bar.querySelector('[data-filter="text"]'), level = bar.querySelector('[data-filter="severity"]');
    var service = bar.querySelector('[data-filter="service"]');
    var count = bar.querySelector(".lb-count");
    var groups = [], heading = null;
    Array.prototype.forEach.call(document.querySelectorAll(".md-content h3, .md-content table"), function (node) {
      if (node.tagName === "H3") { heading = node; return; }
      groups.push({ heading: heading, table: node, rows: Array.prototype.slice.call(node.querySelectorAll("tbody tr")) });
    });
    var total = {};
    groups.forEach(function (g) { g.rows.forEach(function (r) { var a = r.querySelector("a"); if (a) total[a.href] = 1; }); });
    function severity(row, group) {
      var badge = row.querySelector(".lb-sev");
      return badge ? badge.className.replace(/.*lb-sev--(sev\d).*/, "$1") : group.heading && group.heading.id;
    }
    function serviceOf(row) {  // the second cell: Runbook | Service | Owner | Resolve within
      var cell = row.cells[1];
      return cell ? lb.squeeze(cell.textContent) : "";
    }
    function apply() {
      var want = lb.squeeze(words.value).toLowerCase(), shown = {};
      groups.forEach(function (g) {
        var any = false, context = g.heading ? g.heading.textContent : "";
        g.rows.forEach(function (row) {
          var ok = (!level.value || severity(row, g) === level.value) && (!service.value || serviceOf(row) === lb.squeeze(service.value)) &&
            (!want || (context + " " + row.textContent).toLowerCase().indexOf(want) >= 0);
          row.hidden = !ok;
          if (ok) { any = true; var a = row.querySelector("a"); if (a) shown[a.href] = 1; }
        });
        // Material wraps each table in a scrolling box with margins of its own: hide the box with the table.
        var box = g.table.closest(".md-typeset__scrollwrap") || g.table;
        box.classList.toggle("lb-filter-empty", !any);
        if (g.heading) g.heading.classList.toggle("lb-filter-empty", !any);
      });
      count.textContent = Object.keys(shown).length + " of " + Object.keys(total).length + " runbooks";
    }
    words.addEventListener("input", apply);
    level.addEventListener("change", apply);
    service.addEventListener("change", apply);
    apply();
  }

  lb.onPage(setup);
})();
