// Under `loopbook serve` the preview keeps serving the last good pages while the data has errors; every
// page asks for the current problems (main.html names the file only then) and lists them above the content.
(function () {
  "use strict";
  var lb = window.loopbook;

  function problemsBox(problems) {
    var box = document.createElement("div");
    box.id = "lb-problems";
    box.className = "admonition failure lb-problems";
    box.setAttribute("role", "alert");
    var title = document.createElement("p");
    title.className = "admonition-title";
    title.textContent = problems.length === 1 ? "The data has a problem; these pages are the last good build"
      : "The data has " + problems.length + " problems; these pages are the last good build";
    var list = document.createElement("ul");
    problems.forEach(function (line) {
      var item = document.createElement("li");
      var code = document.createElement("code");
      code.textContent = line;  // text, never HTML: a message quotes the data
      item.appendChild(code);
      list.appendChild(item);
    });
    box.appendChild(title);
    box.appendChild(list);
    return box;
  }

  function showProblems() {
    var meta = document.querySelector('meta[name="loopbook-serve"]');
    var content = document.querySelector(".md-content__inner");
    if (!meta || !content) return;
    fetch(new URL(meta.content, lb.siteBase()).href, { cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : { problems: [] }; })
      .then(function (data) {
        var old = document.getElementById("lb-problems");
        if (old) old.remove();
        if (data.problems && data.problems.length) content.insertBefore(problemsBox(data.problems), content.firstChild);
      })
      .catch(function () { /* no list to show: the terminal has it */ });
  }

  lb.onPage(showProblems);
})();
