// The coverage heat-map, drawn from the page's JSON: a row per principle, a column per story, so that the
// page itself stays small however many stories and principles the handbook has. Without it the page
// says the same in lists.
(function () {
  "use strict";
  var lb = window.loopbook;
  var WORDS = ["not shown", "also shown", "primary"];  // a cell: 0, 1 or 2
  var MARKS = ["", "·", "●"];

  function headerCell(text) {
    var th = document.createElement("th");
    th.scope = "col";
    th.textContent = text;
    return th;
  }

  // The stories numbered as the page's legend numbers them, each named in its column (a touch screen shows
  // no hover title) and linked to its line there, which links the story.
  function header(table, data) {
    var head = table.createTHead().insertRow();
    head.appendChild(headerCell("Principle"));
    data.stories.forEach(function (story, j) {
      var th = headerCell("");
      th.className = "lb-heat__story";
      var a = document.createElement("a");
      a.href = "#story-" + (j + 1);
      lb.add(a, "span", "lb-heat__number", String(j + 1));
      lb.add(a, "span", "lb-heat__name", story[0]);
      th.appendChild(a);
      head.appendChild(th);
    });
    head.appendChild(headerCell("Stories"));
  }

  function row(body, data, principle, cells, base) {
    var tr = body.insertRow();
    var th = document.createElement("th");
    th.scope = "row";
    th.appendChild(lb.link(principle[0], principle[1], base));
    tr.appendChild(th);
    var shown = 0;
    cells.forEach(function (c, j) {
      var td = tr.insertCell();
      td.className = "lb-heat lb-heat--" + c;
      td.title = data.stories[j][0] + ": " + WORDS[c];
      td.textContent = MARKS[c];
      if (c) lb.add(td, "span", "lb-sr-only", " " + WORDS[c]);  // the mark in words; the column header names the story
      if (c) shown += 1;
    });
    var count = tr.insertCell();
    count.className = "lb-heat-total";
    count.textContent = String(shown);
  }

  function setup() {
    var box = lb.mount("lb-coverage");
    var data = box && lb.pageData("lb-coverage-data");
    if (!data) return;
    var cells = data.principles.map(function () { return data.stories.map(function () { return 0; }); });
    data.stories.forEach(function (story, j) {
      story[1].forEach(function (p, k) { cells[p][j] = k === 0 ? 2 : 1; });
    });
    var table = document.createElement("table");
    table.className = "lb-heatmap";
    header(table, data);
    var body = table.createTBody();
    var base = lb.siteBase();
    data.principles.forEach(function (principle, i) { row(body, data, principle, cells[i], base); });
    box.appendChild(table);
    box.hidden = false;
  }

  lb.onPage(setup);
})();
